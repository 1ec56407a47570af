"""Stage 6, publish: reading and committing through the GitHub API, one target at a time, pull requests."""
