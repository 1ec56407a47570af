"""What a run tells the maintainer: log lines, annotations and the step summary. Text from feeds and errors is
escaped like a table cell before it reaches the summary; the workflow masks the token everywhere."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from jobs_action.config.settings import ListSpec, Settings, Target
from jobs_action.errors import PublishError
from jobs_action.publish.github import RemoteFile
from jobs_action.render.escape import escape_cell, escape_line
from jobs_action.report.outputs import TargetReport, summary_lines
from jobs_action.report.workflow import Workflow
from jobs_action.sources import SourceOutcome

BUG_REPORT = "This is a bug in Awesome Jobs Action; please report it with the log above."
LIVENESS_WARNING_DAYS = 50  # GitHub disables scheduled workflows after 60 days without repository activity


def invalid_input(workflow: Workflow, message: str) -> None:
    workflow.error(message, title="Invalid input")
    workflow.summary(f"### ❌ Invalid input\n\n{escape_line(message)}\n")


def unexpected_error(workflow: Workflow, details: str) -> None:
    workflow.info(details)
    workflow.error(BUG_REPORT, title="Unexpected error")


def preview_event(workflow: Workflow, event: str) -> None:
    """On ``pull_request`` and ``pull_request_target`` the action previews only: say so once."""
    workflow.warning(
        f"this run was triggered by {event}; the action does not write on pull request events (their code "
        "and data may come from anyone). Run it on `schedule` or `workflow_dispatch`; here it only previews.",
        title="Nothing written",
    )


def log_sources(outcomes: Sequence[SourceOutcome], workflow: Workflow) -> None:
    for outcome in outcomes:
        if outcome.result is None:
            workflow.warning(
                f"source {outcome.spec}: {outcome.error}; the other sources are used.", title="Source failed"
            )
            continue
        if outcome.note:
            workflow.warning(f"source {outcome.spec}: {outcome.note}", title="Source returned nothing")
        skipped = skipped_reasons(outcome)
        workflow.info(
            f"source {outcome.spec}: {outcome.result.read} jobs read, {len(outcome.result.skipped)} skipped"
            + (f" ({skipped})" if skipped else "")
        )


def sources_summary(outcomes: Sequence[SourceOutcome]) -> str:
    """A Markdown table of every source: jobs read, items skipped with reasons, or why it failed."""
    lines = ["## Sources", "", "| Source | Jobs read | Skipped | Status |", "| --- | --- | --- | --- |"]
    for outcome in outcomes:
        if outcome.result is None:
            lines.append(f"| {escape_line(str(outcome.spec))} | 0 | 0 | ❌ {escape_line(outcome.error)} |")
            continue
        skipped = f"{len(outcome.result.skipped)}" + (
            f" ({escape_cell(skipped_reasons(outcome))})" if outcome.result.skipped else ""
        )
        lines.append(f"| {escape_cell(str(outcome.spec))} | {outcome.result.read} | {skipped} | ✅ read |")
    return "\n".join(lines) + "\n\n"


def skipped_reasons(outcome: SourceOutcome) -> str:
    """Why a source's items were skipped, with counts (\"missing company: 2, duplicate of an earlier item: 1\")."""
    counts: dict[str, int] = {}
    for skipped in outcome.result.skipped if outcome.result else ():
        counts[skipped.reason] = counts.get(skipped.reason, 0) + 1
    return ", ".join(f"{reason}: {count}" for reason, count in sorted(counts.items()))


def summarize_list(workflow: Workflow, spec: ListSpec, section: str, reports: Sequence[TargetReport]) -> None:
    """The list's part of the step summary: one line per target, then the table as it was rendered."""
    lines = [f"## {escape_cell(spec.title)}", "", *summary_lines(reports), "", section, ""]
    workflow.summary("\n".join(lines) + "\n")


def log_report(workflow: Workflow, report: TargetReport) -> None:
    for warning in report.warnings:
        workflow.warning(warning, title="Data file")
    text = (
        f"{report.repository} ({report.list}): {report.status}, {report.jobs} jobs (+{report.added} -{report.removed})"
    )
    if report.status in ("failed", "held"):
        title = "List held" if report.status == "held" else "List not published"
        workflow.error(f"{text}: {report.error}", title=title)
    else:
        workflow.info(text + (f", commit {report.commit_sha}" if report.commit_sha else ""))


def warn_if_schedule_may_stop(
    settings: Settings,
    remotes: Mapping[Target, RemoteFile | PublishError],
    reports: Sequence[TargetReport],
    now: datetime,
    workflow: Workflow,
) -> None:
    """On a schedule, warn once when the workflow's repository is nearing GitHub's 60-day inactivity rule."""
    if settings.event_name != "schedule" or not settings.repository:
        return
    if any(report.status == "updated" and report.repository.split("@")[0] == settings.repository for report in reports):
        return
    remote = remotes.get(Target(settings.repository))
    if not isinstance(remote, RemoteFile) or remote.committed_at is None:
        return
    idle = now - remote.committed_at
    if idle < timedelta(days=LIVENESS_WARNING_DAYS):
        return
    workflow.warning(
        f"the last commit in {settings.repository} was {idle.days} days ago. GitHub disables scheduled workflows "
        "in a public repository with no activity for 60 days, and this list made no commit today. Run the "
        "workflow by hand now and then (workflow_dispatch), or re-enable it from a job with `permissions: "
        "actions: write` (`gh workflow enable`, or the REST API's enable endpoint).",
        title="Schedule may stop",
    )
