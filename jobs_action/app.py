"""The pipeline, wired: sources -> selection -> render -> plan -> publish -> report.

``run`` takes its collaborators (the HTTP client, the publisher, the clock and the workflow) as arguments and
only wires the stages; every decision lives in the stage that owns it.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from jobs_action.clock import Clock
from jobs_action.config.settings import ListSpec, Settings, Target
from jobs_action.errors import PublishError
from jobs_action.models import Job
from jobs_action.plan import ListLinks, ListPlan, plan_list, preview_section
from jobs_action.plan import table_options as table_options  # where bench/ and older callers look for it
from jobs_action.publish.github import GitHubPublisher, RemoteFile
from jobs_action.publish.update import PullRequest, TargetWork, update_target
from jobs_action.render.page import Credit, pull_request_body
from jobs_action.report import summary
from jobs_action.report.outputs import TargetReport
from jobs_action.report.workflow import Workflow
from jobs_action.select.criteria import Criteria, annotate, select_jobs
from jobs_action.select.pool import Pool, build_pool, oldest_day
from jobs_action.select.sections import shown_jobs
from jobs_action.sources import SourceOutcome, credit, fetch_sources
from jobs_action.sources.http import HttpClient
from jobs_action.sources.spec import SourceSpec

PoolKey = tuple[tuple[SourceSpec, ...], int]  # the sources read, and max-age-days (the duplicate window)
MAX_SECTIONED_CANDIDATES = 1_000_000  # no overall cap when each section has its own


def run(
    settings: Settings, workflow: Workflow, clock: Clock, http: HttpClient, publisher: GitHubPublisher
) -> list[TargetReport]:
    """Fetch every source once, select each list from the pool, read every target in one query, publish."""
    now = clock.now()
    refuse_writes = settings.preview_only
    if refuse_writes:
        summary.preview_event(workflow, settings.event_name)
    with batch_collector():
        outcomes = fetch_sources(settings.sources, http, settings.workspace, oldest_shown(settings.lists, now))
        pools: dict[PoolKey, Pool] = {}
        read_any = any(outcome.ok for outcome in outcomes)
        selected = [(spec, *list_jobs(spec, outcomes, now, pools=pools)) for spec in settings.lists] if read_any else []
    summary.log_sources(outcomes, workflow)
    workflow.summary(summary.sources_summary(outcomes))
    if not any(outcome.ok for outcome in outcomes):
        return _all_failed(settings.lists, "no source could be read; nothing was written")
    wanted = reads_wanted(settings)
    try:
        remotes = publisher.read(wanted)
    except PublishError as exc:
        remotes = dict.fromkeys(wanted, exc)
    reports: list[TargetReport] = []
    for spec, jobs, credits in selected:
        if credits:
            work = target_work(spec, jobs, credits, settings, now, refuse_writes)
            list_reports = [
                update_target(publisher, remotes[target], work, target, _pull_remote(spec, target, remotes))
                for target in spec.targets
            ]
        else:
            list_reports = _all_failed([spec], "none of this list's sources could be read; nothing was written")
        failed = tuple(str(outcome.spec) for outcome in outcomes if outcome.spec in spec.sources and not outcome.ok)
        list_reports = [replace(report, failed_sources=failed) for report in list_reports]
        reports += list_reports
        section = next((report.section for report in list_reports if report.section), None)
        summary.summarize_list(workflow, spec, section or preview_section(spec, jobs, now), list_reports)
    for report in reports:
        summary.log_report(workflow, report)
    summary.warn_if_schedule_may_stop(settings, remotes, reports, now, workflow)
    return reports


# The garbage collector while a run reads its sources and builds its lists (``batch_collector``). That batch
# allocates a few hundred thousand container objects per 100,000 jobs (decoded feed items, jobs, tags, pools) that
# all stay alive until the lists are built, and makes almost no reference cycles, so a collection during it frees
# nothing: with CPython's defaults a young collection runs every 700 allocations and, as the heap grows, full
# collections rescan every object the process holds, the place tables (about half a million objects) included.
# Raising the young threshold does not help much: every young object is still scanned once before it is promoted
# (about half a microsecond each). So for the batch the collector is off, with everything alive before it frozen;
# at its end the batch's survivors are moved, unscanned, into the oldest generation beside everything else, and the
# collector is turned back on: the few cycles the batch made (exceptions, HTTP internals) are collected by the next
# full collection, and nothing stays frozen. bench/run.py measures the choices (docs/BENCHMARKS.md).


@contextmanager
def batch_collector() -> Iterator[None]:
    """The batch's collector policy (see above), restored on the way out, whatever happens inside. When someone
    else froze objects before, everything stays frozen (the collector cannot tell theirs from the batch's)."""
    enabled = gc.isenabled()
    frozen_before = gc.get_freeze_count()
    gc.disable()
    gc.freeze()
    try:
        yield
    finally:
        gc.freeze()  # the batch's survivors too, without a scan: they leave the young generation
        if not frozen_before:
            gc.unfreeze()  # every frozen object, back in the oldest generation
        if enabled:
            gc.enable()


def oldest_shown(lists: Sequence[ListSpec], now: datetime) -> dict[SourceSpec, datetime]:
    """Per source, the oldest date any list that reads it shows at ``now`` (the largest ``max-age-days`` of those
    lists): an older item of that source is in no list, so it is counted and not built (``build.build_job``). Such
    an item no longer joins two shown postings into one duplicate group (docs/selection.md, "Duplicates")."""
    days: dict[SourceSpec, int] = {}
    for spec in lists:
        for source in spec.sources:
            days[source] = max(days.get(source, 0), spec.max_age_days)
    return {source: oldest_day(now, age) for source, age in days.items()}


def reads_wanted(settings: Settings) -> dict[Target, tuple[str, ...]]:
    """Every branch the run reads, with the paths to read there: the targets, the lists' pull-request branches,
    and on a schedule the workflow's own repository (for its last commit date)."""
    wanted: dict[Target, tuple[str, ...]] = {}
    for spec in settings.lists:
        for target in spec.targets:
            wanted[target] = tuple(dict.fromkeys(wanted.get(target, ()) + spec.paths))
            if spec.publish == "pull-request":
                wanted[Target(target.repository, spec.pull_request_branch)] = spec.paths
    if settings.event_name == "schedule" and settings.repository:
        wanted.setdefault(Target(settings.repository), ())
    return wanted


def _pull_remote(
    spec: ListSpec, target: Target, remotes: Mapping[Target, RemoteFile | PublishError]
) -> RemoteFile | PublishError | None:
    if spec.publish != "pull-request":
        return None
    return remotes.get(Target(target.repository, spec.pull_request_branch))


def target_work(
    spec: ListSpec,
    jobs: list[Job],
    credits: tuple[Credit, ...],
    settings: Settings,
    now: datetime,
    refuse_writes: bool,
) -> TargetWork:
    """What publishing the list means on any of its targets: how to plan it there (with the history that target's
    data file keeps), and the commit headline."""

    def plan(remote: RemoteFile) -> ListPlan:
        links = ListLinks.of(spec, remote.target, remote.branch, settings.server_url)
        return plan_list(spec, jobs, credits, remote.texts, now, links)

    def headline(list_plan: ListPlan) -> str:
        return spec.commit_message.format(
            title=spec.title,
            count=len(jobs),
            added=list_plan.added,
            removed=list_plan.removed,
            date=f"{now:%Y-%m-%d}",
            category=spec.category,
        )

    pull = (
        PullRequest(spec.pull_request_branch, pull_request_body(spec.title)) if spec.publish == "pull-request" else None
    )
    return TargetWork(spec.name, spec.paths, len(jobs), plan, headline, settings.dry_run or refuse_writes, pull)


def list_jobs(
    spec: ListSpec,
    outcomes: Sequence[SourceOutcome],
    now: datetime,
    adjust: Callable[[list[Job]], list[Job]] = list,
    pools: dict[PoolKey, Pool] | None = None,
) -> tuple[list[Job], tuple[Credit, ...]]:
    """The list's jobs from the sources it names that could be read, and the credits of those sources.

    ``adjust`` sees the deduplicated pool before selection (the example data moves its dates there). ``pools``
    keeps each deduplicated pool, so lists over the same sources and age deduplicate once (duplicates are looked
    for within the list's ``max-age-days``). With ``sections`` the list is the jobs its sections show, each
    section capped at ``max-jobs``.
    """
    used = [outcome for outcome in outcomes if outcome.spec in spec.sources and outcome.result]
    key: PoolKey = (tuple(outcome.spec for outcome in used), spec.max_age_days)
    pools = {} if pools is None else pools
    if key not in pools:
        jobs = (job for outcome in used if outcome.result for job in outcome.result.jobs)
        pools[key] = build_pool(jobs, now, spec.max_age_days, read=annotate, adjust=adjust)
    selected = shown_jobs(select_jobs(pools[key], criteria(spec), now), spec.sections)
    return selected, credits_for(selected, used)


def credits_for(jobs: Sequence[Job], used: Sequence[SourceOutcome]) -> tuple[Credit, ...]:
    """The credits of the sources that gave the list a row, each once (two boards of one provider credit it
    once), in the order the list names them. An empty list credits the sources it read."""
    giving = {job.source for job in jobs}
    chosen = [outcome for outcome in used if outcome.spec.text in giving] if jobs else list(used)
    return tuple(dict.fromkeys(Credit(*credit(outcome.spec)) for outcome in chosen))


def criteria(spec: ListSpec) -> Criteria:
    """The list's selection; with sections the cap is each section's, so every fresh job is a candidate."""
    return Criteria(
        category=spec.category,
        max_age_days=spec.max_age_days,
        max_jobs=spec.max_jobs if not spec.sections else MAX_SECTIONED_CANDIDATES,
        include=spec.include_keywords,
        exclude=spec.exclude_keywords,
        location=spec.location,
        seniority=spec.seniority,
        min_salary=spec.min_salary,
    )


def _all_failed(lists: Sequence[ListSpec], reason: str) -> list[TargetReport]:
    return [
        TargetReport(list=spec.name, repository=str(target), status="failed", error=reason)
        for spec in lists
        for target in spec.targets
    ]
