"""The one place that decides exit codes, for the action and the command line (docs/CONTRACT.md, "Exit codes")."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from jobs_action.report.outputs import TargetReport

OK: Final = 0  # every target updated, unchanged or previewed
FAILED: Final = 1  # a target failed or was held, no source could be read, or an unexpected error
INVALID_INPUT: Final = 2  # an input is invalid; nothing was fetched or written


def exit_code(reports: Sequence[TargetReport]) -> int:
    """0 when every target is updated, unchanged or dry-run; 1 otherwise (also when there is no target)."""
    return OK if reports and all(report.ok for report in reports) else FAILED
