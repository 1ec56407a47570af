"""Helpers that several test files share: an HTTP client on a fake clock, the repository the runs write to, and
hostile values (tests/data/HOSTILE-CASES.md) that more than one stage is tried with."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

from fake_clock import FakeClock

from jobs_action.sources.http import HttpClient

# --- HTTP to the fake sources ---

HTTP_NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)  # the client's wall clock, against which Retry-After dates count


def client(clock: FakeClock, **options: object) -> HttpClient:
    """An ``HttpClient`` whose waits go to ``clock`` (recorded, not slept)."""
    settings = {"read_timeout": 2.0, "backoff": 1.0, "sleep": clock.sleep, "clock": clock, "now": lambda: HTTP_NOW}
    return HttpClient(**{**settings, **options})  # type: ignore[arg-type]


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on: a connection there is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- GitHub ---

REPO = "acme/awesome-backend-jobs"  # the workflow's repository in runner_env, the list's target by default
OTHER = "acme/other-jobs"
SECTION_README = "# Mine\n\nIntro.\n\n<!-- JOBS:START -->\nold\n<!-- JOBS:END -->\n\nFooter.\n"
"""A hand-written README.md with a JOBS section (the ``fake_with_readme`` fixture puts it in ``REPO``)."""
OUTPUT_NAMES = {"changed", "jobs-count", "commit-sha", "commit-url", "report"}


def assert_names_repo_and_write_fix(message: str, repository: str = REPO) -> None:
    assert repository in message
    assert "permissions: contents: write" in message
    assert "GitHub App token" in message and "fine-grained token" in message
    assert "GITHUB_TOKEN" in message


# --- Hostile values ---

TOKEN = "ghs_" + "Ab1" * 100  # 304 characters: the token's length and shape are never validated
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:x",
    " javascript:x",
    "\x01javascript:x",
    "data:text/html,x",
    "vbscript:x",
    "file:///etc/passwd",
    "ftp://h/x",
    "//evil.example/x",
    "https:/\\evil.example",
    "http://",
    "",
    "/jobs/1",
    "mailto:a@b.c",
]
