"""Wiring the stages: inputs -> config -> sources -> selection -> render -> publish -> report.

Only this module turns errors into exit codes: 2 for invalid input, 1 for a failed or held target (or no
readable source), 0 otherwise.
"""

from __future__ import annotations

import json
import os
import traceback
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from jobs_action.config import ListSpec, Settings, Target, load_settings
from jobs_action.dedup import dedupe
from jobs_action.errors import ConfigError, PublishError
from jobs_action.escape import escape_cell
from jobs_action.gha import Workflow
from jobs_action.inputs import read_input
from jobs_action.models import Job
from jobs_action.plan import FilePlan, plan_file
from jobs_action.publish import GitHubPublisher, RemoteFile
from jobs_action.render import Credit, Page, TableOptions, render_section
from jobs_action.report import TargetReport, exit_code, outputs, summary_lines
from jobs_action.select import Criteria, select_jobs
from jobs_action.sources import SourceOutcome, credit, fetch_sources
from jobs_action.sources.http import HttpClient
from jobs_action.update import TargetWork, update_target

BUG_REPORT = "This is a bug in Awesome Jobs Action; please report it with the log above."


def main(env: Mapping[str, str] | None = None, stream: TextIO | None = None, now: datetime | None = None) -> int:
    env = os.environ if env is None else env
    workflow = Workflow(env, stream)
    workflow.mask(read_input(env, "github-token") or "")
    try:
        settings = load_settings(env)
    except ConfigError as exc:
        workflow.error(str(exc), title="Invalid input")
        workflow.summary(f"### ❌ Invalid input\n\n{escape_cell(str(exc))}\n")
        return 2
    try:
        reports = run(settings, workflow, now or datetime.now(UTC), _event_refuses_writes(env, workflow))
    except Exception:
        workflow.info(traceback.format_exc())
        workflow.error(BUG_REPORT, title="Unexpected error")
        return 1
    workflow.set_outputs(outputs(reports))
    return exit_code(reports)


def run(settings: Settings, workflow: Workflow, now: datetime, refuse_writes: bool = False) -> list[TargetReport]:
    outcomes = fetch_sources(settings.sources, HttpClient(), settings.workspace)
    log_sources(outcomes, workflow)
    workflow.summary(sources_summary(outcomes))
    if not any(outcome.ok for outcome in outcomes):
        return _all_failed(settings.lists, "no source could be read; nothing was written")
    publisher = GitHubPublisher(settings.token, settings.api_url, settings.graphql_url)
    reports: list[TargetReport] = []
    for spec in settings.lists:
        list_reports, jobs = publish_list(spec, outcomes, publisher, settings, now, refuse_writes)
        reports += list_reports
        summarize_list(workflow, spec, jobs, list_reports, now)
    for report in reports:
        _log_report(workflow, report)
    return reports


def publish_list(
    spec: ListSpec,
    outcomes: Sequence[SourceOutcome],
    publisher: GitHubPublisher,
    settings: Settings,
    now: datetime,
    refuse_writes: bool,
) -> tuple[list[TargetReport], list[Job]]:
    jobs, credits = list_jobs(spec, outcomes, now)
    if not credits:
        return _all_failed([spec], "none of this list's sources could be read; nothing was written"), jobs
    section = render_section(jobs, table_options(spec), now)
    try:
        remotes = publisher.read(spec.targets, [spec.path])
    except PublishError as exc:
        return _all_failed([spec], str(exc)), jobs

    def plan(remote: RemoteFile) -> FilePlan:
        page = page_for(spec, credits, feed_url(settings.api_url, remote.target, remote.branch))
        return plan_file(remote.texts.get(spec.path), mode=spec.mode, page=page, section=section, path=spec.path)

    def headline(file_plan: FilePlan) -> str:
        return spec.commit_message.format(
            title=spec.title,
            count=len(jobs),
            added=file_plan.added,
            removed=file_plan.removed,
            date=f"{now:%Y-%m-%d}",
            category=spec.category,
        )

    work = TargetWork(spec.name, spec.path, len(jobs), plan, headline, settings.dry_run or refuse_writes)
    return [update_target(publisher, remotes[target], work, target) for target in spec.targets], jobs


def list_jobs(
    spec: ListSpec,
    outcomes: Sequence[SourceOutcome],
    now: datetime,
    adjust: Callable[[list[Job]], list[Job]] = list,
) -> tuple[list[Job], tuple[Credit, ...]]:
    """The list's jobs from the sources it names that could be read, and the credits of those sources.

    ``adjust`` sees the deduplicated pool before selection (the example data moves its dates there).
    """
    used = [outcome for outcome in outcomes if outcome.spec in spec.sources and outcome.result]
    pool = adjust(dedupe(job for outcome in used for job in outcome.result.jobs))  # type: ignore[union-attr]
    return select_jobs(pool, criteria(spec), now), tuple(Credit(*credit(outcome.spec)) for outcome in used)


def criteria(spec: ListSpec) -> Criteria:
    return Criteria(
        category=spec.category,
        max_age_days=spec.max_age_days,
        max_jobs=spec.max_jobs,
        include=spec.include_keywords,
        exclude=spec.exclude_keywords,
        location=spec.location,
        seniority=spec.seniority,
        min_salary=spec.min_salary,
    )


def table_options(spec: ListSpec) -> TableOptions:
    return TableOptions(link_query=spec.link_query, date_format=spec.date_format)


def page_for(spec: ListSpec, credits: tuple[Credit, ...], feed: str = "") -> Page:
    return Page(
        title=spec.title,
        description=spec.description,
        max_age_days=spec.max_age_days,
        marker=spec.marker,
        credits=credits,
        related_lists=tuple((item.title, item.url) for item in spec.related_lists),
        feed_url=feed,
    )


def feed_url(api_url: str, target: Target, branch: str) -> str:
    """The Atom feed of the branch's commits, which any feed reader can follow."""
    web = "https://github.com" if "api.github.com" in api_url else api_url.split("/api/")[0]
    return f"{web}/{target.repository}/commits/{branch}.atom"


def log_sources(outcomes: Sequence[SourceOutcome], workflow: Workflow) -> None:
    for outcome in outcomes:
        if outcome.result is None:
            workflow.warning(
                f"source {outcome.spec}: {outcome.error}; the other sources are used.", title="Source failed"
            )
            continue
        skipped = _reasons(outcome)
        workflow.info(
            f"source {outcome.spec}: {len(outcome.result.jobs)} jobs read, {len(outcome.result.skipped)} skipped"
            + (f" ({skipped})" if skipped else "")
        )


def sources_summary(outcomes: Sequence[SourceOutcome]) -> str:
    """A Markdown table of every source: jobs read, items skipped with reasons, or why it failed."""
    lines = ["## Sources", "", "| Source | Jobs read | Skipped | Status |", "| --- | --- | --- | --- |"]
    for outcome in outcomes:
        if outcome.result is None:
            lines.append(f"| {escape_cell(str(outcome.spec))} | 0 | 0 | ❌ {escape_cell(outcome.error)} |")
            continue
        skipped = f"{len(outcome.result.skipped)}" + (
            f" ({escape_cell(_reasons(outcome))})" if outcome.result.skipped else ""
        )
        lines.append(f"| {escape_cell(str(outcome.spec))} | {len(outcome.result.jobs)} | {skipped} | ✅ read |")
    return "\n".join(lines) + "\n\n"


def _reasons(outcome: SourceOutcome) -> str:
    counts: dict[str, int] = {}
    for skipped in outcome.result.skipped if outcome.result else ():
        counts[skipped.reason] = counts.get(skipped.reason, 0) + 1
    return ", ".join(f"{reason}: {count}" for reason, count in sorted(counts.items()))


def summarize_list(
    workflow: Workflow, spec: ListSpec, jobs: Sequence[Job], reports: Sequence[TargetReport], now: datetime
) -> None:
    lines = [f"## {escape_cell(spec.title)}", "", *summary_lines(reports), ""]
    lines += [render_section(jobs, table_options(spec), now), ""]
    workflow.summary("\n".join(lines) + "\n")


def _log_report(workflow: Workflow, report: TargetReport) -> None:
    text = (
        f"{report.repository} ({report.list}): {report.status}, {report.jobs} jobs (+{report.added} -{report.removed})"
    )
    if report.status == "failed":
        workflow.error(f"{text}: {report.error}", title="List not published")
    else:
        workflow.info(text + (f", commit {report.commit_sha}" if report.commit_sha else ""))


def _all_failed(lists: Sequence[ListSpec], reason: str) -> list[TargetReport]:
    return [
        TargetReport(list=spec.name, repository=str(target), status="failed", error=reason)
        for spec in lists
        for target in spec.targets
    ]


def _event_refuses_writes(env: Mapping[str, str], workflow: Workflow) -> bool:
    """On ``pull_request_target`` or a pull request from a fork the action previews only."""
    event = env.get("GITHUB_EVENT_NAME", "")
    if event == "pull_request_target" or (event == "pull_request" and _from_fork(env)):
        workflow.warning(
            f"this run was triggered by {event}; the action does not write on pull request events from forks "
            "or pull_request_target. Run it on `schedule` or `workflow_dispatch`.",
            title="Nothing written",
        )
        return True
    return False


def _from_fork(env: Mapping[str, str]) -> bool:
    try:
        event = json.loads(Path(env.get("GITHUB_EVENT_PATH", "")).read_text(encoding="utf-8"))
        pull = event["pull_request"]
        return bool(pull["head"]["repo"]["full_name"] != pull["base"]["repo"]["full_name"])
    except (OSError, ValueError, KeyError, TypeError):
        return True
