"""Wiring the stages: inputs -> config -> sources -> selection -> render -> publish -> report.

Only this module turns errors into exit codes: 2 for invalid input, 1 for a failed or held target (or no
readable source), 0 otherwise.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TextIO

from jobs_action.config.inputs import read_input
from jobs_action.config.load import load_settings
from jobs_action.config.settings import ListSpec, Settings, Target
from jobs_action.config.urls import web_url
from jobs_action.errors import ConfigError, HeldError, PublishError
from jobs_action.models import Job
from jobs_action.plan import plan_file
from jobs_action.publish.github import GitHubPublisher, RemoteFile
from jobs_action.publish.update import ListPlan, PullRequest, TargetWork, update_target
from jobs_action.render.atom import render_atom
from jobs_action.render.datafile import render_data_file, same_jobs
from jobs_action.render.escape import escape_cell
from jobs_action.render.table import Credit, Page, TableOptions, apply_urls, render_section
from jobs_action.report.outputs import TargetReport, exit_code, outputs, summary_lines
from jobs_action.report.workflow import Workflow
from jobs_action.select.criteria import Criteria, select_jobs
from jobs_action.select.dedup import dedupe
from jobs_action.sources import SourceOutcome, credit, fetch_sources
from jobs_action.sources.http import HttpClient
from jobs_action.sources.spec import SourceSpec

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
    """Fetch every source once, select each list from the pool, read every target in one query, publish."""
    outcomes = fetch_sources(settings.sources, HttpClient(), settings.workspace)
    log_sources(outcomes, workflow)
    workflow.summary(sources_summary(outcomes))
    if not any(outcome.ok for outcome in outcomes):
        return _all_failed(settings.lists, "no source could be read; nothing was written")
    pools: dict[tuple[SourceSpec, ...], list[Job]] = {}
    selected = [(spec, *list_jobs(spec, outcomes, now, pools=pools)) for spec in settings.lists]
    publisher = GitHubPublisher(settings.token, settings.api_url, settings.graphql_url)
    wanted = reads_wanted(settings)
    try:
        remotes = publisher.read(wanted)
    except PublishError as exc:
        remotes = dict.fromkeys(wanted, exc)
    reports: list[TargetReport] = []
    for spec, jobs, credits in selected:
        if credits:
            list_reports = publish_list(spec, jobs, credits, remotes, publisher, settings, now, refuse_writes)
        else:
            list_reports = _all_failed([spec], "none of this list's sources could be read; nothing was written")
        failed = tuple(str(outcome.spec) for outcome in outcomes if outcome.spec in spec.sources and not outcome.ok)
        list_reports = [replace(report, failed_sources=failed) for report in list_reports]
        reports += list_reports
        summarize_list(workflow, spec, jobs, list_reports, now)
    for report in reports:
        _log_report(workflow, report)
    warn_if_schedule_may_stop(settings, remotes, reports, now, workflow)
    return reports


def reads_wanted(settings: Settings) -> dict[Target, tuple[str, ...]]:
    """Every branch the run reads, with the paths to read there: the targets, the lists' pull-request branches,
    and on a schedule the workflow's own repository (for its last commit date)."""
    wanted: dict[Target, tuple[str, ...]] = {}
    for spec in settings.lists:
        for target in spec.targets:
            wanted[target] = tuple(dict.fromkeys(wanted.get(target, ()) + spec.paths))
            if spec.publish == "pull-request":
                wanted[pull_request_target(spec, target)] = spec.paths
    if settings.event_name == "schedule" and settings.repository:
        wanted.setdefault(Target(settings.repository), ())
    return wanted


def pull_request_target(spec: ListSpec, target: Target) -> Target:
    return Target(target.repository, spec.pull_request_branch)


def publish_list(
    spec: ListSpec,
    jobs: list[Job],
    credits: tuple[Credit, ...],
    remotes: Mapping[Target, RemoteFile | PublishError],
    publisher: GitHubPublisher,
    settings: Settings,
    now: datetime,
    refuse_writes: bool,
) -> list[TargetReport]:
    section = render_section(jobs, table_options(spec), now)

    def plan(remote: RemoteFile) -> ListPlan:
        links = ListLinks.of(spec, remote.target, remote.branch, settings.api_url)
        return plan_list(spec, jobs, credits, section, remote.texts, now, links)

    def headline(list_plan: ListPlan) -> str:
        return spec.commit_message.format(
            title=spec.title,
            count=len(jobs),
            added=list_plan.added,
            removed=list_plan.removed,
            date=f"{now:%Y-%m-%d}",
            category=spec.category,
        )

    pull = PullRequest(spec.pull_request_branch, pull_request_body(spec)) if spec.publish == "pull-request" else None
    work = TargetWork(spec.name, spec.paths, len(jobs), plan, headline, settings.dry_run or refuse_writes, pull)
    return [
        update_target(
            publisher,
            remotes[target],
            work,
            target,
            remotes.get(pull_request_target(spec, target)) if pull else None,
        )
        for target in spec.targets
    ]


@dataclass(frozen=True, slots=True)
class ListLinks:
    """Addresses a list's files mention: the feed readers can follow and the feed's own address."""

    feed_url: str
    feed_name: str
    feed_id: str
    list_url: str

    @classmethod
    def of(cls, spec: ListSpec, target: Target, branch: str, api_url: str) -> ListLinks:
        web = web_url(api_url)
        list_url = f"{web}/{target.repository}"
        if spec.feed_file:
            raw = (
                f"https://raw.githubusercontent.com/{target.repository}/{branch}/{spec.feed_file}"
                if web == "https://github.com"
                else f"{web}/{target.repository}/raw/{branch}/{spec.feed_file}"
            )
            feed_id = f"{web}/{target.repository}/blob/{branch}/{spec.feed_file}"
            return cls(raw, "jobs feed", feed_id, list_url)
        return cls(f"{web}/{target.repository}/commits/{branch}.atom", "commits feed", "", list_url)


def plan_list(
    spec: ListSpec,
    jobs: Sequence[Job],
    credits: tuple[Credit, ...],
    section: str,
    texts: Mapping[str, str | None],
    now: datetime,
    links: ListLinks,
) -> ListPlan:
    """The files of the list that must change, given their current texts; raises ``HeldError`` on a guard."""
    current = texts.get(spec.path)
    page = page_for(spec, credits, links.feed_url, links.feed_name)
    readme = plan_file(current, mode=spec.mode, page=page, section=section, path=spec.path)
    files: dict[str, str] = {}
    if readme.changed:
        files[spec.path] = readme.text
    if spec.data_file:
        data = render_data_file(jobs, title=spec.title, category=spec.category, generated_at=now)
        if not same_jobs(texts.get(spec.data_file), data):
            files[spec.data_file] = data
    if spec.feed_file:
        feed = render_atom(
            jobs,
            title=spec.title,
            feed_id=links.feed_id,
            self_url=links.feed_url,
            alternate_url=links.list_url,
            link_query=spec.link_query,
        )
        if texts.get(spec.feed_file) != feed:
            files[spec.feed_file] = feed
    if files:
        check_guards(spec, current, len(jobs))
    return ListPlan(files=files, added=readme.added, removed=readme.removed)


def check_guards(spec: ListSpec, current: str | None, count: int) -> None:
    """Raise ``HeldError`` when publishing ``count`` jobs would trip ``min-jobs`` or ``max-drop-percent``."""
    previous = len(apply_urls(current or ""))
    keep = f"The published list keeps its {_jobs(previous)}" if previous else "Nothing was written"
    if count < spec.min_jobs:
        raise HeldError(
            f"{spec.path}: the list would have {_jobs(count)}, fewer than min-jobs ({spec.min_jobs}). {keep}; "
            "check the sources' warnings above, or lower `min-jobs` if so few jobs is expected."
        )
    if previous and (previous - count) * 100 > spec.max_drop_percent * previous:
        drop = round((previous - count) * 100 / previous)
        raise HeldError(
            f"{spec.path}: the list would shrink from {previous} to {_jobs(count)} ({drop}% fewer), more than "
            f"max-drop-percent ({spec.max_drop_percent}). {keep}; raise `max-drop-percent` (100 turns the guard "
            "off) if the drop is expected, for example after narrowing the list."
        )


def _jobs(count: int) -> str:
    return "1 job" if count == 1 else f"{count} jobs"


def pull_request_body(spec: ListSpec) -> str:
    return (
        f"This pull request updates **{escape_cell(spec.title)}** with the latest jobs. It was opened by "
        "Awesome Jobs Action because the list publishes with `publish: pull-request`; later runs update this "
        "same pull request. Merge it to publish the list."
    )


def list_jobs(
    spec: ListSpec,
    outcomes: Sequence[SourceOutcome],
    now: datetime,
    adjust: Callable[[list[Job]], list[Job]] = list,
    pools: dict[tuple[SourceSpec, ...], list[Job]] | None = None,
) -> tuple[list[Job], tuple[Credit, ...]]:
    """The list's jobs from the sources it names that could be read, and the credits of those sources.

    ``adjust`` sees the deduplicated pool before selection (the example data moves its dates there). ``pools``
    keeps each deduplicated pool, so lists over the same sources deduplicate once.
    """
    used = [outcome for outcome in outcomes if outcome.spec in spec.sources and outcome.result]
    key = tuple(outcome.spec for outcome in used)
    pools = {} if pools is None else pools
    if key not in pools:
        pools[key] = adjust(dedupe(job for outcome in used for job in outcome.result.jobs))  # type: ignore[union-attr]
    pool = pools[key]
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


def page_for(spec: ListSpec, credits: tuple[Credit, ...], feed: str = "", feed_name: str = "commits feed") -> Page:
    return Page(
        title=spec.title,
        description=spec.description,
        max_age_days=spec.max_age_days,
        marker=spec.marker,
        credits=credits,
        related_lists=tuple((item.title, item.url) for item in spec.related_lists),
        feed_url=feed,
        feed_name=feed_name,
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
    if report.status in ("failed", "held"):
        title = "List held" if report.status == "held" else "List not published"
        workflow.error(f"{text}: {report.error}", title=title)
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
    if event in ("pull_request", "pull_request_target"):
        workflow.warning(
            f"this run was triggered by {event}; the action does not write on pull request events (their code "
            "and data may come from anyone). Run it on `schedule` or `workflow_dispatch`; here it only previews.",
            title="Nothing written",
        )
        return True
    return False


LIVENESS_WARNING_DAYS = 50  # GitHub disables scheduled workflows after 60 days without repository activity


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
