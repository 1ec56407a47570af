"""GitHub: read branch heads and files, commit with ``createCommitOnBranch``. The only module that talks to GitHub.

Every call goes through PyGithub's requester. Reads are one GraphQL query with an alias per target (partial
errors are read per alias, so one missing repository does not hide the others); a write is one mutation with
``expectedHeadOid``, so a moved branch is refused (``STALE_DATA``) instead of overwritten.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import github
import requests

from jobs_action import __version__
from jobs_action.config import Target
from jobs_action.errors import PublishError

READ_TIMEOUT = 30  # seconds for one GitHub request


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """A target's branch head and the current text of each requested path (``None``: absent)."""

    target: Target
    branch: str
    head_oid: str
    texts: Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class CommitResult:
    oid: str
    url: str


class StaleHead(PublishError):
    """The branch moved between the read and the write."""


class AmbiguousWrite(PublishError):
    """The write may or may not have landed (a timeout or a 5xx answer); read again to know."""


class GitHubPublisher:
    """Reads and writes target files through GitHub's GraphQL API."""

    def __init__(self, token: str, api_url: str, graphql_url: str) -> None:
        self._github = github.Github(
            auth=github.Auth.Token(token),
            base_url=api_url,
            timeout=READ_TIMEOUT,
            user_agent=f"awesome-jobs-action/{__version__}",
            retry=None,  # writes are retried here, after a re-read, never blindly
            seconds_between_requests=None,
            seconds_between_writes=1.0,  # GitHub's secondary limit on content-creating requests
        )
        self._graphql_url = graphql_url

    def read(self, targets: Sequence[Target], paths: Sequence[str]) -> dict[Target, RemoteFile | PublishError]:
        """One query for every target: the head oid and the text of each path at that head."""
        query, variables = build_read_query(targets, paths)
        data, errors = self._graphql(query, variables)
        results: dict[Target, RemoteFile | PublishError] = {}
        for index, target in enumerate(targets):
            alias = f"t{index}"
            error = _alias_error(errors, alias, target)
            repository = (data or {}).get(alias)
            results[target] = error or _remote_file(target, repository, paths)
        return results

    def commit(
        self,
        target: Target,
        branch: str,
        expected_oid: str,
        files: Mapping[str, bytes],
        headline: str,
        body: str = "",
    ) -> CommitResult:
        """Commit ``files`` (path -> exact bytes) on ``branch`` if its head is still ``expected_oid``."""
        commit_input = {
            "branch": {"repositoryNameWithOwner": target.repository, "branchName": branch},
            "expectedHeadOid": expected_oid,
            "message": {"headline": headline, "body": body},
            "fileChanges": {
                "additions": [
                    {"path": path, "contents": base64.b64encode(content).decode("ascii")}
                    for path, content in files.items()
                ]
            },
        }
        data, errors = self._graphql(COMMIT_MUTATION, {"input": commit_input})
        if errors:
            raise _commit_error(errors, target, branch)
        commit = ((data or {}).get("createCommitOnBranch") or {}).get("commit") or {}
        if not commit.get("oid"):
            raise AmbiguousWrite(f"{target.repository}: GitHub answered the commit without a commit oid")
        return CommitResult(oid=commit["oid"], url=commit.get("url", ""))

    def _graphql(self, query: str, variables: dict[str, Any]) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        is_write = query.lstrip().startswith("mutation")
        try:
            status, headers, body = self._github.requester.requestJson(
                "POST", self._graphql_url, input={"query": query, "variables": variables}
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            message = f"GitHub did not answer ({type(exc).__name__})"
            raise (AmbiguousWrite(message) if is_write else PublishError(message)) from None
        except AssertionError:
            raise PublishError(f"GITHUB_GRAPHQL_URL {self._graphql_url} is not on the host of GITHUB_API_URL") from None
        if status >= 500 and is_write:
            raise AmbiguousWrite(f"GitHub answered HTTP {status} to the commit")
        if status != 200:
            raise PublishError(_http_error(status, headers, body))
        try:
            payload = json.loads(body)
        except ValueError:
            raise PublishError("GitHub answered with something that is not JSON") from None
        return payload.get("data"), list(payload.get("errors") or [])


COMMIT_MUTATION = """
mutation CommitJobs($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) {
    commit { oid url }
  }
}
""".strip()


def build_read_query(targets: Sequence[Target], paths: Sequence[str]) -> tuple[str, dict[str, str]]:
    """The batched read: for each target ``tN``, its branch (or default branch) head and files ``fM``."""
    declarations: list[str] = []
    selections: list[str] = []
    variables: dict[str, str] = {}
    for index, target in enumerate(targets):
        variables[f"o{index}"] = target.owner
        variables[f"n{index}"] = target.name
        declarations += [f"$o{index}: String!", f"$n{index}: String!"]
        files = []
        for number, path in enumerate(paths):
            name = f"p{index}_{number}"
            variables[name] = path
            declarations.append(f"${name}: String!")
            blob = "... on Blob { text isTruncated isBinary byteSize }"
            files.append(f"f{number}: file(path: ${name}) {{ object {{ {blob} }} }}")
        head = f"name target {{ oid ... on Commit {{ {' '.join(files)} }} }}"
        if target.branch:
            variables[f"q{index}"] = f"refs/heads/{target.branch}"
            declarations.append(f"$q{index}: String!")
            branch = f"ref(qualifiedName: $q{index}) {{ {head} }}"
        else:
            branch = f"defaultBranchRef {{ {head} }}"
        selections.append(f"t{index}: repository(owner: $o{index}, name: $n{index}) {{ nameWithOwner {branch} }}")
    query = f"query ReadTargets({', '.join(declarations)}) {{\n  " + "\n  ".join(selections) + "\n}"
    return query, variables


def _remote_file(target: Target, repository: dict[str, Any] | None, paths: Sequence[str]) -> RemoteFile | PublishError:
    if not repository:
        return PublishError(f"{target.repository}: GitHub returned no data for the repository")
    ref = repository.get("ref") if target.branch else repository.get("defaultBranchRef")
    if not ref or not (ref.get("target") or {}).get("oid"):
        if target.branch:
            return PublishError(
                f"{target.repository}: branch {target.branch!r} does not exist. Create it, or name an existing "
                "branch after `@` in `repositories`."
            )
        return PublishError(f"{target.repository}: the repository has no default branch yet (it is empty).")
    head = ref["target"]
    texts: dict[str, str | None] = {}
    for number, path in enumerate(paths):
        blob = (head.get(f"f{number}") or {}).get("object")
        if blob is None:
            texts[path] = None
            continue
        if blob.get("isBinary") or blob.get("text") is None:
            return PublishError(f"{target.repository}: {path} is a binary file; refusing to overwrite it.")
        if blob.get("isTruncated"):
            return PublishError(
                f"{target.repository}: {path} is too large for GitHub to return in full "
                f"({blob.get('byteSize')} bytes); refusing to touch it."
            )
        texts[path] = blob["text"]
    return RemoteFile(target=target, branch=ref["name"], head_oid=head["oid"], texts=texts)


def _alias_error(errors: list[dict[str, Any]], alias: str, target: Target) -> PublishError | None:
    for error in errors:
        path = error.get("path") or []
        if (path and path[0] == alias) or not path:
            return PublishError(_read_error_message(error, target))
    return None


def _read_error_message(error: dict[str, Any], target: Target) -> str:
    kind = error.get("type", "")
    if kind == "NOT_FOUND":
        return (
            f"{target.repository}: repository not found, or the token cannot see it. Check the name in "
            "`repositories`; `GITHUB_TOKEN` only reaches the workflow's own repository, so use a GitHub App token "
            "or a fine-grained token with contents write on the target."
        )
    if kind == "RATE_LIMITED":
        return f"{target.repository}: GitHub's API rate limit is exhausted; the next scheduled run will retry."
    return f"{target.repository}: GitHub refused the read: {_message(error)}"


def _commit_error(errors: list[dict[str, Any]], target: Target, branch: str) -> PublishError:
    error = errors[0]
    kind = error.get("type", "")
    message = _message(error)
    if kind == "STALE_DATA" or "expected branch to point to" in message.lower():
        return StaleHead(f"{target.repository}: branch {branch} moved while the list was being written")
    lowered = message.lower()
    if kind == "FORBIDDEN" or "not accessible" in lowered or "permission" in lowered:
        return PublishError(
            f"{target.repository}: the token may not write to this repository ({message}). Give the job "
            "`permissions: contents: write`; for another repository use a GitHub App token or a fine-grained "
            "token with contents write on it, since `GITHUB_TOKEN` only reaches its own repository."
        )
    if "protected" in lowered or "rule" in lowered:
        return PublishError(
            f"{target.repository}: branch {branch} is protected ({message}). Allow the token to push, "
            "or write to another branch with `owner/name@branch`."
        )
    if kind == "RATE_LIMITED":
        return PublishError(f"{target.repository}: GitHub's API rate limit is exhausted ({message}).")
    return PublishError(f"{target.repository}: GitHub refused the commit: {message}")


def _http_error(status: int, headers: Mapping[str, Any], body: str) -> str:
    lowered = body.lower()
    if status == 401:
        return "GitHub rejected the token (401 Bad credentials): check the `github-token` input."
    if status in (403, 429) and ("rate limit" in lowered or str(headers.get("x-ratelimit-remaining", "")) == "0"):
        reset = headers.get("x-ratelimit-reset", "")
        return f"GitHub's rate limit was hit (HTTP {status}){f'; it resets at epoch {reset}' if reset else ''}."
    if status == 403:
        return (
            "GitHub refused the request (403): the token lacks a permission. Give the job "
            "`permissions: contents: write`, or use a token that can write to the target."
        )
    return f"GitHub answered HTTP {status}."


def _message(error: Mapping[str, Any]) -> str:
    return str(error.get("message", "unknown error")).replace("\n", " ")[:300]
