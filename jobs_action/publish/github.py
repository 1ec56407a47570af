"""GitHub: read branch heads and files, commit with ``createCommitOnBranch``. The only module that talks to GitHub.

Every call goes through PyGithub's requester. Reads are one GraphQL query with an alias per target (partial
errors are read per alias, so one missing repository does not hide the others); a write is one mutation with
``expectedHeadOid``, so a moved branch is refused (``STALE_DATA``) instead of overwritten.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar
from urllib.parse import quote

import github
import requests

from jobs_action import __version__
from jobs_action.config.settings import Target
from jobs_action.dates import parse_date, retry_after_seconds
from jobs_action.errors import PublishError

T = TypeVar("T")

READ_TIMEOUT = 30  # seconds for one GitHub request
# Rate limits (tests/data/HOSTILE-CASES.md, C6, C7; GitHub's "best practices"): a primary limit is waited out
# until its reset (+1 s) and a secondary one for Retry-After, else 60 s doubling, at most RATE_LIMIT_RETRIES
# times; all the waits of a run together stay within WAIT_BUDGET, so a limit never holds a job for long. A wait
# that does not fit fails the affected targets with the reset time instead: nothing is half-written, the next run
# catches up. Writes are spaced WRITE_SPACING apart on the publisher's clock; reads are not spaced.
WAIT_BUDGET = 300.0  # seconds of rate-limit waiting per run
SECONDARY_FIRST_WAIT = 60.0
RATE_LIMIT_RETRIES = 3
WRITE_SPACING = 1.0  # seconds between two writes (GitHub asks for at least one second between mutations)


@dataclass(frozen=True, slots=True)
class RemoteFile:
    """A target's branch head and the current text of each requested path (``None``: absent)."""

    target: Target
    branch: str
    head_oid: str
    texts: Mapping[str, str | None]
    committed_at: datetime | None = None  # of the head commit
    headline: str = ""  # of the head commit


@dataclass(frozen=True, slots=True)
class CommitResult:
    oid: str
    url: str


class StaleHead(PublishError):
    """The branch moved between the read and the write."""


class MissingBranch(PublishError):
    """The named branch does not exist."""


class AmbiguousWrite(PublishError):
    """The write may or may not have landed (a timeout or a 5xx answer); read again to know."""


class GitHubPublisher:
    """Reads and writes target files through GitHub's GraphQL API."""

    def __init__(
        self,
        token: str,
        api_url: str,
        graphql_url: str,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        wait_budget: float = WAIT_BUDGET,
    ) -> None:
        self.sleep = sleep  # injected so tests assert rate-limit waits instead of sleeping
        self.clock = clock
        self.wall_clock = wall_clock  # epoch seconds, to read X-RateLimit-Reset
        self._wait_budget = wait_budget
        self._waits_end = clock() + wait_budget
        self._github = github.Github(
            auth=github.Auth.Token(token),
            base_url=api_url,
            timeout=READ_TIMEOUT,
            user_agent=f"awesome-jobs-action/{__version__}",
            retry=None,  # writes are retried here, after a re-read, never blindly
            lazy=True,  # get_repo() makes no request: the calls that follow address the repository directly
            seconds_between_requests=None,
            seconds_between_writes=None,  # spaced here, on the injected clock: see _space_write
        )
        self._last_write: float | None = None
        self._graphql_url = graphql_url

    def read(self, wanted: Mapping[Target, Sequence[str]]) -> dict[Target, RemoteFile | PublishError]:
        """One query for every target: its head oid, last commit date and the text of each path at that head."""
        targets = list(wanted)
        query, variables = build_read_query(wanted)
        data, errors = self._graphql(query, variables, ", ".join(dict.fromkeys(t.repository for t in targets)))
        results: dict[Target, RemoteFile | PublishError] = {}
        for index, target in enumerate(targets):
            alias = f"t{index}"
            error = _alias_error(errors, alias, target)
            repository = (data or {}).get(alias)
            results[target] = error or _remote_file(target, repository, wanted[target])
        return results

    def commit(
        self,
        target: Target,
        branch: str,
        expected_oid: str,
        files: Mapping[str, bytes],
        headline: str,
    ) -> CommitResult:
        """Commit ``files`` (path -> exact bytes) on ``branch`` if its head is still ``expected_oid``."""
        commit_input = {
            "branch": {"repositoryNameWithOwner": target.repository, "branchName": branch},
            "expectedHeadOid": expected_oid,
            "message": {"headline": headline},
            "fileChanges": {
                "additions": [
                    {"path": path, "contents": base64.b64encode(content).decode("ascii")}
                    for path, content in files.items()
                ]
            },
        }
        data, errors = self._graphql(COMMIT_MUTATION, {"input": commit_input}, target.repository)
        if errors:
            raise _commit_error(errors, target, branch)
        commit = ((data or {}).get("createCommitOnBranch") or {}).get("commit") or {}
        if not commit.get("oid"):
            raise AmbiguousWrite(f"{target.repository}: GitHub answered the commit without a commit oid")
        return CommitResult(oid=commit["oid"], url=commit.get("url", ""))

    def point_branch(self, repository: str, branch: str, oid: str, *, exists: bool) -> None:
        """Create ``branch`` at ``oid``, or move it there. Only for the action's own pull-request branches."""

        def call() -> None:
            if exists:  # PATCH the plural refs URL directly: a lazy GitRef would address the singular one
                self._github.requester.requestJsonAndCheck(
                    "PATCH",
                    f"/repos/{repository}/git/refs/heads/{quote(branch, safe='/')}",
                    input={"sha": oid, "force": True},
                )
            else:
                self._github.get_repo(repository).create_git_ref(f"refs/heads/{branch}", oid)

        self._rest(call, repository, f"prepare the branch {branch}", writes=True)

    def open_pull_request(self, repository: str, head: str, base: str, title: str, body: str) -> str:
        """The URL of the open pull request from ``head`` into ``base``: updated when it exists, else opened."""

        def call() -> str:
            repo = self._github.get_repo(repository)
            owner = repository.split("/", 1)[0]
            for pull in repo.get_pulls(state="open", head=f"{owner}:{head}", base=base):
                if pull.title != title or (pull.body or "") != body:
                    pull.edit(title=title, body=body)
                return str(pull.html_url)
            return str(repo.create_pull(base=base, head=head, title=title, body=body).html_url)

        return self._rest(call, repository, "open the pull request", writes=True)

    def _space_write(self) -> None:
        """Wait until ``WRITE_SPACING`` seconds have passed since the last write ended (GitHub's secondary limit
        on content-creating requests); counting from its end keeps the writes that far apart when GitHub receives
        them, however long each took. Reads are never spaced."""
        if self._last_write is not None:
            wait = self._last_write + WRITE_SPACING - self.clock()
            if wait > 0:
                self.sleep(wait)

    def _wrote(self) -> None:
        self._last_write = self.clock()

    def _rest(self, call: Callable[[], T], repository: str, action: str, *, writes: bool = False) -> T:
        """Run PyGithub REST calls; a rate limit is waited out like a GraphQL one (a refused request did nothing)."""
        waits = 0
        while True:
            if writes:
                self._space_write()
            try:
                return call()
            except github.GithubException as exc:
                headers = {str(key).lower(): value for key, value in (exc.headers or {}).items()}
                body = json.dumps(exc.data) if isinstance(exc.data, dict | list) else str(exc.data or "")
                limit = rate_limit_of(exc.status, headers, body, [], self.wall_clock())
                if limit is None:
                    raise PublishError(_rest_error(exc, repository, action)) from None
                self.sleep(self._wait_for(limit, waits, repository))
                waits += 1
            except (requests.ConnectionError, requests.Timeout) as exc:
                raise PublishError(f"{repository}: GitHub did not answer ({type(exc).__name__})") from None
            except RuntimeError as exc:
                if "redirect" not in str(exc).lower():
                    raise
                raise PublishError(f"{repository}: GitHub redirected to another host; nothing was sent there") from None
            finally:
                if writes:
                    self._wrote()

    def _graphql(
        self, query: str, variables: dict[str, Any], where: str = ""
    ) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
        """POST a GraphQL document; rate limits are waited out (or fail), other HTTP errors raise.

        ``where`` names the repositories concerned, for the error messages.
        """
        is_write = query.lstrip().startswith("mutation")
        waits = 0
        while True:
            status, headers, body = self._post(query, variables, is_write, where)
            payload = _json_object(body) if status == 200 else None
            errors = list((payload or {}).get("errors") or [])
            limit = rate_limit_of(status, headers, body, errors, self.wall_clock())
            if limit is None:
                break
            self.sleep(self._wait_for(limit, waits, where))
            waits += 1
        if status >= 500 and is_write:
            raise AmbiguousWrite(f"{where}: GitHub answered HTTP {status} to the commit")
        if status != 200:
            raise PublishError(_http_error(status, headers, body, where))
        if payload is None:
            raise PublishError(f"{where}: GitHub answered with something that is not JSON")
        return payload.get("data"), errors

    def _post(self, query: str, variables: dict[str, Any], is_write: bool, where: str) -> tuple[int, Any, str]:
        if is_write:
            self._space_write()
        try:
            status, headers, body = self._github.requester.requestJson(
                "POST", self._graphql_url, input={"query": query, "variables": variables}
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            message = f"{where}: GitHub did not answer ({type(exc).__name__})"
            raise (AmbiguousWrite(message) if is_write else PublishError(message)) from None
        except AssertionError:
            raise PublishError(f"GITHUB_GRAPHQL_URL {self._graphql_url} is not on the host of GITHUB_API_URL") from None
        except RuntimeError as exc:  # PyGithub refuses a redirect to another host; the token is not sent there
            if "redirect" not in str(exc).lower():
                raise
            message = f"{where}: GitHub's GraphQL endpoint redirected to another host; nothing was sent there"
            raise (AmbiguousWrite(message) if is_write else PublishError(message)) from None
        finally:
            if is_write:
                self._wrote()
        return status, {str(k).lower(): v for k, v in (headers or {}).items()}, body or ""

    def _wait_for(self, limit: RateLimit, waits: int, where: str) -> float:
        """Seconds to wait before trying again (``waits`` so far), or a ``PublishError`` when it does not fit."""
        if waits >= RATE_LIMIT_RETRIES:
            why = f"still limited after {RATE_LIMIT_RETRIES} waits"
            raise PublishError(
                _secondary_message(where, why) if limit.kind == "secondary" else _primary_message(where, limit, why)
            )
        if limit.kind == "secondary":
            growth: float = 2**waits
            wait = max(limit.wait if limit.wait is not None else SECONDARY_FIRST_WAIT * growth, 1.0)
        elif limit.wait is None:
            raise PublishError(_primary_message(where, limit, "GitHub gave no reset time"))
        else:
            wait = limit.wait
        left = self._waits_end - self.clock()
        if wait > left:
            budget = f"waiting {wait:.0f} s would pass this run's {self._wait_budget:.0f} s budget for rate limits"
            if limit.kind == "secondary":
                raise PublishError(_secondary_message(where, budget))
            raise PublishError(_primary_message(where, limit, budget))
        return wait


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A rate-limited answer: ``primary`` (the hourly quota) or ``secondary`` (too fast, too many at once)."""

    kind: Literal["primary", "secondary"]
    wait: float | None  # seconds to wait from now; None: not stated
    reset: int | None  # X-RateLimit-Reset, epoch seconds


def rate_limit_of(
    status: int, headers: Mapping[str, Any], body: str, errors: Sequence[Mapping[str, Any]], now: float
) -> RateLimit | None:
    """Tell a rate limit from any other answer (a permission 403 is not one); ``headers`` have lower-case names.

    GitHub's rules: wait ``retry-after`` when present; else, with ``x-ratelimit-remaining: 0``, until
    ``x-ratelimit-reset``; else a secondary limit waits at least a minute. GraphQL reports its primary limit in a
    200 answer as an error of type ``RATE_LIMITED``.
    """
    messages = " ".join(str(error.get("message", "")) for error in errors).lower()
    graphql_limited = any(error.get("type") == "RATE_LIMITED" for error in errors) or "rate limit" in messages
    if status not in (403, 429) and not (status == 200 and graphql_limited):
        return None
    text = (body if status != 200 else messages).lower()
    reset = _int_header(headers.get("x-ratelimit-reset"))
    retry_after = retry_after_seconds(_text_header(headers.get("retry-after")), datetime.fromtimestamp(now, UTC))
    secondary = "secondary rate limit" in text or "abuse" in text
    if retry_after is not None:
        return RateLimit("secondary" if secondary or status != 200 else "primary", retry_after, reset)
    if _text_header(headers.get("x-ratelimit-remaining")) == "0" or (graphql_limited and not secondary):
        return RateLimit("primary", None if reset is None else max(reset - now, 0.0) + 1.0, reset)
    if secondary or status == 429:
        return RateLimit("secondary", None, reset)
    if "rate limit" in text:
        return RateLimit("primary", None if reset is None else max(reset - now, 0.0) + 1.0, reset)
    return None


def _text_header(value: object) -> str | None:
    return None if value is None else str(value).strip()


def _int_header(value: object) -> int | None:
    text = _text_header(value)
    return int(text) if text and text.isdigit() else None


def _json_object(body: str) -> dict[str, Any] | None:
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


def _primary_message(where: str, limit: RateLimit, why: str) -> str:
    when = (
        f"it resets at {datetime.fromtimestamp(limit.reset, UTC):%Y-%m-%d %H:%M:%S} UTC (epoch {limit.reset})"
        if limit.reset is not None
        else "its reset time is unknown"
    )
    return (
        f"{where}: GitHub's API rate limit for this token is used up; {when}, and {why}. Nothing was written; "
        "the next run catches up. A GitHub App token has a higher limit than GITHUB_TOKEN."
    )


def _secondary_message(where: str, why: str) -> str:
    return (
        f"{where}: GitHub's secondary rate limit (too many requests too fast) held the request; {why}. Nothing "
        "more was written; the next run catches up. Avoid running many copies of the workflow at once."
    )


COMMIT_MUTATION = """
mutation CommitJobs($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) {
    commit { oid url }
  }
}
""".strip()


def build_read_query(wanted: Mapping[Target, Sequence[str]]) -> tuple[str, dict[str, str]]:
    """The batched read: for each target ``tN``, its branch (or default branch) head and files ``fM``."""
    declarations: list[str] = []
    selections: list[str] = []
    variables: dict[str, str] = {}
    for index, (target, paths) in enumerate(wanted.items()):
        variables[f"o{index}"] = target.owner
        variables[f"n{index}"] = target.name
        declarations += [f"$o{index}: String!", f"$n{index}: String!"]
        files = ["committedDate", "messageHeadline"]
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
            return MissingBranch(
                f"{target.repository}: branch {target.branch!r} does not exist. Create it, or name an existing "
                "branch after `@` in `repositories`."
            )
        return PublishError(f"{target.repository}: the repository has no default branch yet (it is empty).")
    head = ref["target"]
    texts: dict[str, str | None] = {}
    for number, path in enumerate(paths):
        entry = head.get(f"f{number}", _MISSING)
        if entry is _MISSING or (entry is not None and "object" not in entry):
            return PublishError(
                f"{target.repository}: GitHub's answer left out {path}; it is not taken as absent, nothing was "
                "written. The next run reads it again."
            )
        blob = (entry or {}).get("object")
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
    return RemoteFile(
        target=target,
        branch=ref["name"],
        head_oid=head["oid"],
        texts=texts,
        committed_at=parse_date(head.get("committedDate")),
        headline=str(head.get("messageHeadline") or ""),
    )


_MISSING = object()


def _alias_error(errors: list[dict[str, Any]], alias: str, target: Target) -> PublishError | None:
    for error in errors:
        path = error.get("path") or []
        if (path and path[0] == alias) or not path:
            return PublishError(_read_error_message(error, target))
    return None


# The fixes an error message names (tests/data/HOSTILE-CASES.md, C8; K7 lists the errors that are never retried).
TOKEN_FIX = "Check the `github-token` input: the secret may be missing, expired or revoked."
WRITE_FIX = (
    "Give the job `permissions: contents: write`. `GITHUB_TOKEN` can only write to the workflow's own "
    "repository: for another repository, pass a GitHub App token or a fine-grained token with contents write "
    "on the target as `github-token`."
)
PROTECTED_FIX = (
    "The branch is protected (or a ruleset requires pull requests): set `publish: pull-request` to open a pull "
    "request instead, or allow the token to push to the branch."
)
_PROTECTED = ("protected branch", "gh006", "rule violation", "ruleset", "through a pull request", "protected")


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
    if kind == "FORBIDDEN":
        return f"{target.repository}: the token may not read this repository ({_message(error)}). {WRITE_FIX}"
    return f"{target.repository}: GitHub refused the read: {_message(error)}"


def _commit_error(errors: list[dict[str, Any]], target: Target, branch: str) -> PublishError:
    error = errors[0]
    kind = error.get("type", "")
    message = _message(error)
    lowered = message.lower()
    if kind == "STALE_DATA" or "expected branch to point to" in lowered:
        return StaleHead(f"{target.repository}: branch {branch} moved while the list was being written")
    if any(word in lowered for word in _PROTECTED):
        return PublishError(f"{target.repository}: GitHub refused the commit to {branch} ({message}). {PROTECTED_FIX}")
    if kind == "FORBIDDEN" or "not accessible" in lowered or "permission" in lowered:
        return PublishError(f"{target.repository}: the token may not write to this repository ({message}). {WRITE_FIX}")
    if kind == "NOT_FOUND":
        return PublishError(
            f"{target.repository}: GitHub could not find the repository or branch {branch} to commit to "
            f"({message}). {WRITE_FIX}"
        )
    if kind == "RATE_LIMITED":
        return PublishError(f"{target.repository}: GitHub's API rate limit is exhausted ({message}).")
    return PublishError(f"{target.repository}: GitHub refused the commit: {message}")


def _http_error(status: int, headers: Mapping[str, Any], body: str, where: str = "") -> str:
    """A GitHub HTTP error as a message naming ``where`` (the repositories concerned) and the fix."""
    prefix = f"{where}: " if where else ""
    detail = _body_message(body)
    if status == 401:
        return f"{prefix}GitHub rejected the token (401 {detail or 'Bad credentials'}). {TOKEN_FIX}"
    lowered = detail.lower()
    if status in (403, 429) and ("rate limit" in lowered or str(headers.get("x-ratelimit-remaining", "")) == "0"):
        reset = headers.get("x-ratelimit-reset", "")
        return f"{prefix}GitHub's rate limit was hit (HTTP {status}){f'; it resets at epoch {reset}' if reset else ''}."
    if status in (403, 422) and any(word in lowered for word in _PROTECTED):
        return f"{prefix}GitHub refused the write (HTTP {status}: {detail}). {PROTECTED_FIX}"
    if status == 403:
        return f"{prefix}GitHub refused the request (HTTP 403: {detail or 'Forbidden'}). {WRITE_FIX}"
    if status == 404:
        return f"{prefix}GitHub answered 404 (not found, or the token cannot see it). {WRITE_FIX}"
    return f"{prefix}GitHub answered HTTP {status}{f' ({detail})' if detail else ''}."


def _body_message(body: str) -> str:
    """The ``message`` of a GitHub error body, on one line and short (empty when there is none)."""
    payload = _json_object(body) if body else None
    message = (payload or {}).get("message", "") if payload is not None else ""
    return " ".join(str(message).split())[:300]


def _rest_error(exc: github.GithubException, repository: str, action: str) -> str:
    data = exc.data if isinstance(exc.data, dict) else {}
    message = str(data.get("message", "")).replace("\n", " ")[:300]
    if exc.status == 404:
        return (
            f"{repository}: could not {action}: not found, or the token cannot see the repository. A token for "
            "another repository must be a GitHub App token or a fine-grained token with contents and pull "
            "requests write on it."
        )
    if exc.status == 403 and "rate limit" not in message.lower():
        return (
            f"{repository}: could not {action} ({message or 'HTTP 403'}). Give the job `permissions: "
            "contents: write` and `pull-requests: write`, and allow GitHub Actions to create pull requests "
            "(Settings > Actions > General > Workflow permissions)."
        )
    detail = _http_error(exc.status, exc.headers or {}, json.dumps(data))
    return f"{repository}: could not {action}: {message or detail}"


def _message(error: Mapping[str, Any]) -> str:
    return str(error.get("message", "unknown error")).replace("\n", " ")[:300]
