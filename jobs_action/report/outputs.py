"""The outcome of a run: one ``TargetReport`` per list and repository, turned into outputs and a summary."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from jobs_action.render.escape import escape_line

Status = Literal["updated", "unchanged", "failed", "held", "dry-run"]


@dataclass(frozen=True, slots=True)
class TargetReport:
    list: str
    repository: str
    status: Status
    jobs: int = 0
    added: int = 0
    removed: int = 0
    commit_sha: str = ""
    commit_url: str = ""
    pull_request_url: str = ""
    error: str = ""
    failed_sources: tuple[str, ...] = ()  # the list's sources that could not be read in this run
    # For the log and the step summary only, never in the `report` output:
    warnings: tuple[str, ...] = ()  # from planning the target (a data file whose history could not be read)
    section: str = ""  # the section as rendered for this target

    @property
    def ok(self) -> bool:
        return self.status in ("updated", "unchanged", "dry-run")


def outputs(reports: Sequence[TargetReport]) -> dict[str, str]:
    """The action's outputs (docs/CONTRACT.md, "Outputs")."""
    first = reports[0] if reports else None
    return {
        "changed": "true" if any(report.status == "updated" for report in reports) else "false",
        "jobs-count": str(first.jobs if first else 0),
        "commit-sha": first.commit_sha if first else "",
        "commit-url": first.commit_url if first else "",
        "report": json.dumps([_public(report) for report in reports], ensure_ascii=False),
    }


def _public(report: TargetReport) -> dict[str, object]:
    data = asdict(report)
    for private in ("commit_url", "warnings", "section"):
        data.pop(private)
    return data


def summary_lines(reports: Sequence[TargetReport]) -> list[str]:
    """One Markdown line per list and repository; error texts are escaped like table cells."""
    icons: dict[Status, str] = {"updated": "✅", "unchanged": "⏸️", "dry-run": "👀", "held": "✋", "failed": "❌"}
    lines = []
    for report in reports:
        detail = f"{report.jobs} jobs (+{report.added} -{report.removed})"
        if report.commit_url:
            detail += f", [commit]({report.commit_url})"
        if report.pull_request_url:
            detail += f", [pull request]({report.pull_request_url})"
        if report.error:
            detail += f": {escape_line(report.error)}"
        lines.append(f"- {icons[report.status]} **{report.status}** {report.repository}: {detail}")
    return lines
