"""Bringing one target up to date: plan on the current text, commit, and on a moved branch read and plan again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from jobs_action.config import Target
from jobs_action.errors import ActionError, PublishError
from jobs_action.plan import FilePlan
from jobs_action.publish import AmbiguousWrite, GitHubPublisher, RemoteFile, StaleHead
from jobs_action.report import TargetReport

MAX_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class TargetWork:
    """What to write in one target: the list's name, the file and how to make its text from the current one."""

    list_name: str
    path: str
    jobs: int
    plan: Callable[[RemoteFile], FilePlan]  # raises RenderError when the file cannot be updated safely
    headline: Callable[[FilePlan], str]
    dry_run: bool = False


def update_target(
    publisher: GitHubPublisher, remote: RemoteFile | PublishError, work: TargetWork, target: Target
) -> TargetReport:
    """Plan and commit ``work`` on ``target``, retrying a moved branch up to ``MAX_ATTEMPTS`` times."""
    report = TargetReport(list=work.list_name, repository=str(target), status="failed", jobs=work.jobs)
    for _attempt in range(MAX_ATTEMPTS):
        if isinstance(remote, PublishError):
            return _failed(report, remote)
        try:
            plan = work.plan(remote)
        except ActionError as exc:
            return _failed(report, exc)
        report = _with_counts(report, plan)
        if not plan.changed:
            return replace(report, status="unchanged")
        if work.dry_run:
            return replace(report, status="dry-run")
        try:
            result = publisher.commit(
                target, remote.branch, remote.head_oid, {work.path: plan.text.encode()}, work.headline(plan)
            )
        except StaleHead:
            remote = _read_again(publisher, target, work.path)
            continue
        except AmbiguousWrite:
            remote = _read_again(publisher, target, work.path)
            if isinstance(remote, RemoteFile) and remote.texts.get(work.path) == plan.text:
                return replace(report, status="updated", commit_sha=remote.head_oid)
            continue
        except PublishError as exc:
            return _failed(report, exc)
        return replace(report, status="updated", commit_sha=result.oid, commit_url=result.url)
    return _failed(report, PublishError(f"{target}: the branch kept moving; gave up after {MAX_ATTEMPTS} attempts."))


def _read_again(publisher: GitHubPublisher, target: Target, path: str) -> RemoteFile | PublishError:
    try:
        return publisher.read([target], [path])[target]
    except PublishError as exc:
        return exc


def _with_counts(report: TargetReport, plan: FilePlan) -> TargetReport:
    return replace(report, added=plan.added, removed=plan.removed)


def _failed(report: TargetReport, error: Exception) -> TargetReport:
    return replace(report, status="failed", error=str(error))
