"""Stage 7, report: outputs, log lines and annotations, the step summary, exit codes."""
