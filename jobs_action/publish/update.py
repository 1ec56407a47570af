"""Bringing one target up to date: plan on the current text, commit, and on a moved branch read and plan again.

``publish: commit`` writes the target's branch. ``publish: pull-request`` resets the list's own branch
(``awesome-jobs/<list>``) to the target branch's head, commits there and opens (or updates) one pull request; a
branch that already carries the planned content gets no new commit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from jobs_action.config.settings import Target
from jobs_action.errors import ActionError, HeldError, PublishError
from jobs_action.plan import ListPlan
from jobs_action.publish.github import AmbiguousWrite, GitHubPublisher, MissingBranch, RemoteFile, StaleHead
from jobs_action.report.outputs import TargetReport

MAX_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class PullRequest:
    """Where ``publish: pull-request`` commits, and the pull request's text."""

    branch: str
    body: str


@dataclass(frozen=True, slots=True)
class TargetWork:
    """What to write in one target: the list's name, its files and how to plan them from the current ones."""

    list_name: str
    paths: tuple[str, ...]
    jobs: int
    plan: Callable[[RemoteFile], ListPlan]  # raises RenderError (unsafe file) or HeldError (a guard)
    headline: Callable[[ListPlan], str]
    dry_run: bool = False
    pull_request: PullRequest | None = None


def update_target(
    publisher: GitHubPublisher,
    remote: RemoteFile | PublishError,
    work: TargetWork,
    target: Target,
    pull_remote: RemoteFile | PublishError | None = None,
) -> TargetReport:
    """Plan and publish ``work`` on ``target``, retrying a moved branch up to ``MAX_ATTEMPTS`` times.

    ``pull_remote`` is the read of the list's pull-request branch (``publish: pull-request`` only).
    """
    report = TargetReport(list=work.list_name, repository=str(target), status="failed", jobs=work.jobs)
    ambiguous = 0
    for _attempt in range(MAX_ATTEMPTS):
        if isinstance(remote, PublishError):
            return _failed(report, remote)
        try:
            plan = work.plan(remote)
        except HeldError as exc:
            return replace(report, status="held", error=str(exc))
        except ActionError as exc:
            return _failed(report, exc)
        report = replace(report, added=plan.added, removed=plan.removed, section=plan.section, warnings=plan.warnings)
        if not plan.changed:
            return replace(report, status="unchanged")
        if work.dry_run:
            return replace(report, status="dry-run")
        try:
            if work.pull_request is None:
                return _commit(publisher, remote, work, plan, report)
            return _pull_request(publisher, remote, pull_remote, work, work.pull_request, plan, report)
        except (StaleHead, AmbiguousWrite) as exc:
            ambiguous += isinstance(exc, AmbiguousWrite)
            remote, pull_remote = _read_again(publisher, target, work)
        except PublishError as exc:
            return _failed(report, exc)
    if ambiguous == MAX_ATTEMPTS:
        return _failed(
            report,
            PublishError(
                f"{target}: GitHub answered each of {MAX_ATTEMPTS} commits with an error or not at all, and none of "
                "them shows on the branch; GitHub may be failing. The next run tries again."
            ),
        )
    return _failed(report, PublishError(f"{target}: the branch kept moving; gave up after {MAX_ATTEMPTS} attempts."))


def _commit(
    publisher: GitHubPublisher, remote: RemoteFile, work: TargetWork, plan: ListPlan, report: TargetReport
) -> TargetReport:
    try:
        result = publisher.commit(remote.target, remote.branch, remote.head_oid, _encoded(plan), work.headline(plan))
    except AmbiguousWrite:
        landed = _landed(publisher, remote.target, work, plan)
        if landed is None:
            raise
        return _landed_report(report, landed)
    return replace(report, status="updated", commit_sha=result.oid, commit_url=result.url)


def _landed_report(report: TargetReport, landed: str) -> TargetReport:
    if landed:
        return replace(report, status="updated", commit_sha=landed)
    return replace(
        report,
        status="updated",
        error="GitHub answered the commit with an error and the branch moved on since; its files are as planned, "
        "but this run cannot tell whether its own commit or another one wrote them.",
    )


def _pull_request(
    publisher: GitHubPublisher,
    remote: RemoteFile,
    pull_remote: RemoteFile | PublishError | None,
    work: TargetWork,
    pull: PullRequest,
    plan: ListPlan,
    report: TargetReport,
) -> TargetReport:
    repository = remote.target.repository
    headline = work.headline(plan)
    if isinstance(pull_remote, PublishError) and not isinstance(pull_remote, MissingBranch):
        raise pull_remote
    if isinstance(pull_remote, RemoteFile) and _holds_plan(work, pull_remote):
        url = publisher.open_pull_request(repository, pull.branch, remote.branch, headline, pull.body)
        return replace(report, status="unchanged", pull_request_url=url)
    publisher.point_branch(repository, pull.branch, remote.head_oid, exists=isinstance(pull_remote, RemoteFile))
    branch_target = Target(repository, pull.branch)
    try:
        result = publisher.commit(branch_target, pull.branch, remote.head_oid, _encoded(plan), headline)
        sha, url = result.oid, result.url
    except AmbiguousWrite:
        landed = _landed(publisher, branch_target, work, plan)
        if landed is None:
            raise
        sha, url = landed, ""  # "" when it cannot be told
    pull_url = publisher.open_pull_request(repository, pull.branch, remote.branch, headline, pull.body)
    return replace(report, status="updated", commit_sha=sha, commit_url=url, pull_request_url=pull_url)


def _holds_plan(work: TargetWork, remote: RemoteFile) -> bool:
    """Whether the pull-request branch already carries the planned files; a guard or an unsafe file there: no."""
    try:
        return not work.plan(remote).changed
    except ActionError:
        return False


def _landed(publisher: GitHubPublisher, target: Target, work: TargetWork, plan: ListPlan) -> str | None:
    """After an ambiguous write: ``None`` when the branch does not hold the planned files (write again); else the
    head oid when the head is this run's commit (its headline), or ``""`` when another commit came after it and
    this run cannot tell which one wrote the files."""
    try:
        remote = publisher.read({target: work.paths})[target]
    except PublishError:
        return None
    if isinstance(remote, RemoteFile) and all(remote.texts.get(path) == text for path, text in plan.files.items()):
        return remote.head_oid if remote.headline == work.headline(plan) else ""
    return None


def _read_again(
    publisher: GitHubPublisher, target: Target, work: TargetWork
) -> tuple[RemoteFile | PublishError, RemoteFile | PublishError | None]:
    wanted = {target: work.paths}
    if work.pull_request is not None:
        wanted[Target(target.repository, work.pull_request.branch)] = work.paths
    try:
        results = publisher.read(wanted)
    except PublishError as exc:
        return exc, None
    pull = results[Target(target.repository, work.pull_request.branch)] if work.pull_request else None
    return results[target], pull


def _encoded(plan: ListPlan) -> dict[str, bytes]:
    return {path: text.encode("utf-8") for path, text in plan.files.items()}


def _failed(report: TargetReport, error: Exception) -> TargetReport:
    return replace(report, status="failed", error=str(error))
