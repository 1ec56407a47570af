"""A stateful fake of the parts of GitHub's API that the action uses, served over real HTTP on 127.0.0.1.

What it fakes
-------------
* GraphQL (``POST /api/graphql``, also ``POST /graphql``). Every document is parsed and validated against
  GitHub's real public schema (``tests/data/github/graphql-schema.json``), so a document this fake accepts is
  one GitHub would accept. Invalid documents get HTTP 200 with ``{"errors": [...]}``, like GitHub.
  Executed fields:

  - ``Query.repository(owner, name)`` (missing repository: ``null`` plus a ``NOT_FOUND`` error at its alias,
    other aliases still answered), ``Query.rateLimit``.
  - ``Repository``: ``id name nameWithOwner owner{login} url databaseId isArchived isPrivate isFork isEmpty
    viewerPermission defaultBranchRef ref(qualifiedName) object(expression)``.
  - ``Ref``: ``id name prefix target``; ``Commit``: ``id oid abbreviatedOid url commitUrl committedDate
    authoredDate message messageHeadline messageBody file(path)``; ``TreeEntry``: ``name path oid type mode
    size extension isGenerated object``; ``Blob``: ``id oid abbreviatedOid byteSize isBinary isTruncated text
    commitUrl``.
  - ``Mutation.createCommitOnBranch`` with GitHub's error types ``NOT_FOUND``, ``FORBIDDEN``, ``STALE_DATA``
    and ``UNPROCESSABLE`` (bad base64, deleting a missing path).

  Any other field of the schema validates but fails at execution with an error naming the unimplemented field.
* REST under ``/api/v3``, with GitHub's shapes and error messages (what PyGithub 2.10 sends and reads):

  - ``GET /repos/{owner}/{name}``, ``GET /rate_limit``.
  - Git refs (branches only; a branch name may contain ``/``): ``GET .../git/ref/heads/{branch}``,
    ``GET .../git/matching-refs/heads/{prefix}``, ``GET .../git/refs``, ``POST .../git/refs`` (422 "Reference
    already exists", "Object does not exist"), ``PATCH .../git/refs/heads/{branch}`` with ``{sha, force}`` (422
    "Update is not a fast forward" without ``force``), ``DELETE .../git/refs/heads/{branch}`` (closes the open
    pull requests from that branch, as GitHub does). Branches are the same state GraphQL reads and commits to.
  - Pull requests: ``GET .../pulls`` (``state``, ``head=owner:branch``, ``base``, ``sort``, ``direction``,
    ``page``/``per_page`` with a ``Link`` header), ``POST .../pulls`` (422 "A pull request already exists for
    owner:branch.", "No commits between base and head"), ``GET``/``PATCH .../pulls/{number}``.
  - Writes to a repository that is read-only (``set_permission``) or archived answer 403, like GraphQL writes.

  More routes: ``add_route`` (a route added by a test is tried before the built-in ones).

The URLs mirror GitHub Enterprise (``http://127.0.0.1:PORT/api/v3`` and ``.../api/graphql``), so PyGithub's
``Github(base_url=fake.api_url)`` derives ``fake.graphql_url`` on its own.

Knobs for tests
---------------
* ``token``: requests must send ``Authorization: token <token>`` or ``Bearer <token>``, else 401.
* ``add_repo``/``add_branch``/``commit`` set up state; ``commit`` also simulates someone else pushing.
* ``head``/``file_bytes``/``files``/``commit_count``/``commit_record``/``history`` inspect state.
* ``requests`` (log of ``RequestRecord``) and ``count(kind)``.
* ``branches``/``pulls``/``pull``/``ref_updates`` inspect the REST state; ``add_pull`` opens a pull request as
  someone else would.
* ``before_mutation``: ``Callable[[FakeGitHub, dict], None]`` called with a ``createCommitOnBranch`` input
  just before it is applied (under the state lock, which is re-entrant: the hook may call ``commit``).
* ``fail_next(status, ...)``: the next matching request(s) get that HTTP error and are not executed.
* ``apply_then_fail_next_mutation(status)``: the next mutation is applied but answered with an HTTP error.
* ``truncate_at`` (default ``TRUNCATE_AT``): blobs larger than this many bytes report ``isTruncated``.
* ``write_spacing`` (default 0: off): GitHub's guidance for content-creating requests, at least this many seconds
  between two writes (mutations, and REST calls other than GET). A write that arrives sooner after the previous
  write was answered gets GitHub's secondary rate limit (403, ``Retry-After: 1``) and does nothing;
  ``spacing_refusals`` counts them. Times are on ``monotonic``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
import json
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    build_client_schema,
    execute,
    parse,
    validate,
)

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "github" / "graphql-schema.json"
TRUNCATE_AT = 512_000
"""Blobs over this many bytes report ``isTruncated: true`` and ``text`` holds only the first bytes."""

DEFAULT_TOKEN = "ghs_test_token"
DOCS_URL = "https://docs.github.com/rest"
REFS_DOCS_URL = "https://docs.github.com/rest/git/refs"
PULLS_DOCS_URL = "https://docs.github.com/rest/pulls/pulls"
BOT_USER = {"login": "github-actions[bot]", "id": 41898282, "node_id": "MDM6Qm90NDE4OTgyODI=", "type": "Bot"}
"""The author of pull requests opened over REST (the user behind ``GITHUB_TOKEN``)."""
FORBIDDEN_MESSAGE = "Resource not accessible by integration"
ARCHIVED_MESSAGE = "Repository was archived so is read-only."
SECONDARY_RATE_LIMIT_MESSAGE = (
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
    "If you reach out to GitHub Support for help, please include the request ID."
)
_AUTH_RE = re.compile(r"^(token|bearer)\s+(\S+)\s*$", re.IGNORECASE)
_HEX40_RE = re.compile(r"^[0-9a-f]{40}$")


@cache
def github_schema() -> GraphQLSchema:
    """GitHub's GraphQL schema, built once per process (about 0.2 s)."""
    raw = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    schema = build_client_schema(raw.get("data", raw))
    # GitHub's schema trips one of graphql-core's schema rules; documents still validate correctly.
    schema._validation_errors = []
    return schema


# --------------------------------------------------------------------------------------------------- state


@dataclass(frozen=True)
class CommitRecord:
    """One commit. ``tree`` is the full snapshot; ``additions``/``deletions`` are this commit's changes."""

    oid: str
    parent: str | None
    tree: Mapping[str, bytes]
    headline: str
    body: str
    committed_at: datetime
    additions: Mapping[str, bytes] = field(default_factory=dict)
    deletions: tuple[str, ...] = ()
    via: str = "helper"  # "helper" (set up by a test) or "graphql" (createCommitOnBranch)

    @property
    def message(self) -> str:
        return f"{self.headline}\n\n{self.body}" if self.body else self.headline


@dataclass
class PullState:
    """One pull request; ``head_sha`` follows the head branch while it exists."""

    number: int
    title: str
    body: str | None
    head: str  # branch name in the same repository
    base: str
    head_sha: str
    created_at: datetime
    updated_at: datetime
    state: str = "open"  # "open" or "closed"
    draft: bool = False
    closed_at: datetime | None = None
    user: Mapping[str, Any] = field(default_factory=lambda: dict(BOT_USER))


@dataclass(frozen=True)
class RefUpdate:
    """One write of a branch over REST: ``action`` is "create", "update" or "delete"."""

    repository: str
    ref: str  # "refs/heads/<branch>"
    action: str
    old_sha: str | None
    new_sha: str | None
    force: bool = False


@dataclass
class RepoState:
    name_with_owner: str
    database_id: int
    default_branch: str
    permission: str  # ADMIN, MAINTAIN, WRITE, TRIAGE or READ
    archived: bool = False
    branches: dict[str, str] = field(default_factory=dict)
    commits: dict[str, CommitRecord] = field(default_factory=dict)
    pulls: list[PullState] = field(default_factory=list)

    @property
    def owner(self) -> str:
        return self.name_with_owner.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.name_with_owner.split("/", 1)[1]

    @property
    def writable(self) -> bool:
        return self.permission in ("ADMIN", "MAINTAIN", "WRITE")

    @property
    def html_url(self) -> str:
        return f"https://github.com/{self.name_with_owner}"


@dataclass(frozen=True)
class RequestRecord:
    """One HTTP request as the fake saw it."""

    method: str
    path: str
    kind: str  # "query", "mutation" or "rest"
    body: Any  # the parsed JSON body, or None
    status: int
    timestamp: float  # the fake's monotonic clock when the request arrived
    response: Any = None  # the JSON answer, or None
    injected: str | None = None  # "fail_next", "apply_then_fail" or "write_spacing" when that shaped the answer
    params: Mapping[str, str] = field(default_factory=dict)  # the query string (last value of each name)

    @property
    def query(self) -> str | None:
        return self.body.get("query") if isinstance(self.body, dict) else None

    @property
    def variables(self) -> dict[str, Any]:
        return (self.body.get("variables") or {}) if isinstance(self.body, dict) else {}

    @property
    def error_types(self) -> list[str | None]:
        errors = self.response.get("errors") if isinstance(self.response, dict) else None
        return [error.get("type") for error in errors or []]


@dataclass
class _Fault:
    status: int
    body: Any
    headers: dict[str, str]
    kind: str | None
    remaining: int


@dataclass
class _Response:
    status: int
    payload: Any = None  # JSON-serialisable, or bytes/str sent as is
    headers: dict[str, str] = field(default_factory=dict)

    def encoded(self) -> tuple[bytes, str]:
        if isinstance(self.payload, bytes):
            return self.payload, "application/octet-stream"
        if isinstance(self.payload, str):
            return self.payload.encode("utf-8"), "text/plain; charset=utf-8"
        return json.dumps(self.payload).encode("utf-8"), "application/json; charset=utf-8"


class GitHubError(Exception):
    """A GraphQL execution error with GitHub's top-level ``type`` (NOT_FOUND, FORBIDDEN, STALE_DATA, ...)."""

    def __init__(self, type_: str, message: str):
        super().__init__(message)
        self.type = type_


def _to_bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else bytes(content)


def _git_blob_oid(content: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _node_id(prefix: str, key: str) -> str:
    return prefix + "_" + base64.b64encode(key.encode("utf-8")).decode("ascii").rstrip("=")


def _is_binary(content: bytes) -> bool:
    if b"\0" in content:
        return True
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


# ------------------------------------------------------------------------------------- GraphQL value nodes
# The field resolver maps a GraphQL field ``fooBar`` to the attribute ``foo_bar`` of these objects (a method
# is called with the field's arguments, also snake_cased). ``graphql_type`` names the concrete type for
# interfaces and unions.


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _resolve_field(source: Any, info: Any, **args: Any) -> Any:
    if isinstance(source, Mapping):
        return source.get(info.field_name)
    attribute = _snake(info.field_name)
    if not hasattr(source, attribute):
        raise GraphQLError(f"FakeGitHub does not implement {info.parent_type.name}.{info.field_name}")
    value = getattr(source, attribute)
    if callable(value):
        return value(**{_snake(name): arg for name, arg in args.items()})
    return value


def _resolve_type(value: Any, info: Any, abstract_type: Any) -> str:
    return value["__typename"] if isinstance(value, Mapping) else value.graphql_type


class _BlobNode:
    graphql_type = "Blob"

    def __init__(self, repo: RepoState, commit: CommitRecord, content: bytes, truncate_at: int):
        self._repo, self._commit, self._content, self._truncate_at = repo, commit, content, truncate_at
        self.oid = _git_blob_oid(content)
        self.abbreviated_oid = self.oid[:7]
        self.id = _node_id("B", f"{repo.name_with_owner}:{self.oid}")
        self.byte_size = len(content)
        self.is_binary = _is_binary(content)
        self.is_truncated = len(content) > truncate_at
        self.commit_url = f"{repo.html_url}/commit/{commit.oid}"

    @property
    def text(self) -> str | None:
        if self.is_binary:
            return None
        return self._content[: self._truncate_at].decode("utf-8", errors="ignore")


class _TreeEntryNode:
    graphql_type = "TreeEntry"
    type = "blob"
    mode = 0o100644
    is_generated = False

    def __init__(self, repo: RepoState, commit: CommitRecord, path: str, truncate_at: int):
        content = commit.tree[path]
        self.path = path
        self.name = path.rsplit("/", 1)[-1]
        self.extension = "." + self.name.rsplit(".", 1)[1] if "." in self.name else None
        self.size = len(content)
        self.object = _BlobNode(repo, commit, content, truncate_at)
        self.oid = self.object.oid


class _CommitNode:
    graphql_type = "Commit"

    def __init__(self, repo: RepoState, record: CommitRecord, truncate_at: int):
        self._repo, self._record, self._truncate_at = repo, record, truncate_at
        self.oid = record.oid
        self.abbreviated_oid = record.oid[:7]
        self.id = _node_id("C", f"{repo.name_with_owner}:{record.oid}")
        self.url = self.commit_url = f"{repo.html_url}/commit/{record.oid}"
        self.committed_date = self.authored_date = _iso(record.committed_at)
        self.message = record.message
        self.message_headline = record.headline
        self.message_body = record.body

    def file(self, path: str) -> _TreeEntryNode | None:
        path = path.strip("/")
        if path not in self._record.tree:
            return None
        return _TreeEntryNode(self._repo, self._record, path, self._truncate_at)


class _RefNode:
    graphql_type = "Ref"
    prefix = "refs/heads/"

    def __init__(self, repo: RepoState, branch: str, truncate_at: int):
        self.name = branch
        self.id = _node_id("REF", f"{repo.name_with_owner}:{branch}")
        self.target = _CommitNode(repo, repo.commits[repo.branches[branch]], truncate_at)


class _RepositoryNode:
    graphql_type = "Repository"
    is_private = False
    is_fork = False

    def __init__(self, repo: RepoState, truncate_at: int):
        self._repo, self._truncate_at = repo, truncate_at
        self.id = _node_id("R", repo.name_with_owner)
        self.database_id = repo.database_id
        self.name = repo.name
        self.name_with_owner = repo.name_with_owner
        self.owner = {"__typename": "Organization", "login": repo.owner}
        self.url = repo.html_url
        self.is_archived = repo.archived
        self.is_empty = not repo.branches
        self.viewer_permission = repo.permission

    @property
    def default_branch_ref(self) -> _RefNode | None:
        return self.ref(self._repo.default_branch)

    def ref(self, qualified_name: str) -> _RefNode | None:
        branch = qualified_name.removeprefix("refs/heads/")
        if branch not in self._repo.branches:
            return None
        return _RefNode(self._repo, branch, self._truncate_at)

    def object(self, expression: str | None = None, oid: str | None = None) -> Any:
        """``<rev>`` gives a Commit, ``<rev>:<path>`` a Blob; ``<rev>``: a branch, ``HEAD`` or a full oid."""
        revision, _, path = (expression or oid or "").partition(":")
        commit = self._resolve_revision(revision)
        if commit is None:
            return None
        if not path:
            return _CommitNode(self._repo, commit, self._truncate_at)
        path = path.strip("/")
        if path not in commit.tree:
            return None
        return _BlobNode(self._repo, commit, commit.tree[path], self._truncate_at)

    def _resolve_revision(self, revision: str) -> CommitRecord | None:
        repo = self._repo
        if revision in ("", "HEAD"):
            revision = repo.default_branch
        oid = repo.branches.get(revision.removeprefix("refs/heads/"), revision)
        return repo.commits.get(oid)


# --------------------------------------------------------------------------------------------------- fake


class FakeGitHub:
    """A stateful fake GitHub (GraphQL + a little REST) on ``http://127.0.0.1:<port>``. See the module doc."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        truncate_at: int = TRUNCATE_AT,
        rate_limit: int = 5000,
        clock: Callable[[], datetime] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        write_spacing: float = 0.0,
    ):
        self.token = token
        self.write_spacing = write_spacing
        self.spacing_refusals = 0
        self._last_write_answered: float | None = None
        self.truncate_at = truncate_at
        self.rate_limit = rate_limit
        self.before_mutation: Callable[[FakeGitHub, dict[str, Any]], None] | None = None
        # called after a mutation that was applied but answered with a fault (apply_then_fail_next_mutation)
        self.after_faulted_mutation: Callable[[FakeGitHub], None] | None = None
        self._clock = clock or (lambda: datetime.now(UTC).replace(microsecond=0))
        self.monotonic = monotonic  # stamps each request; a test passes the clock the code under test waits on
        self._lock = threading.RLock()
        self._repos: dict[str, RepoState] = {}
        self._log: list[RequestRecord] = []
        self._faults: list[_Fault] = []
        self._after_apply_faults: list[_Fault] = []
        self._counter = itertools.count(1)
        self._rate_used = {"core": 0, "graphql": 0}
        self._rate_reset = int(time.time()) + 3600
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., tuple[Any, ...]]]] = []
        self._builtin_routes: list[tuple[str, re.Pattern[str], Callable[..., tuple[Any, ...]]]] = []
        self._ref_updates: list[RefUpdate] = []
        self._request_params: dict[str, str] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        for method, pattern, handler in _BUILTIN_ROUTES:
            self._builtin_routes.append((method, re.compile(pattern), handler))

    # ------------------------------------------------------------------------------------------ lifecycle

    def start(self) -> FakeGitHub:
        github_schema()  # build it before the first request, outside any timing a test may measure
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.fake = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeGitHub:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("FakeGitHub is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/v3"

    @property
    def graphql_url(self) -> str:
        return f"{self.base_url}/api/graphql"

    # ------------------------------------------------------------------------------------- state helpers

    def add_repo(
        self,
        name_with_owner: str,
        files: Mapping[str, bytes | str] | None = None,
        branch: str = "main",
        writable: bool = True,
        *,
        permission: str | None = None,
        archived: bool = False,
        message: str = "Initial commit",
    ) -> str:
        """Create a repository whose default ``branch`` holds ``files``; returns the first commit's oid."""
        with self._lock:
            if name_with_owner in self._repos:
                raise ValueError(f"repository {name_with_owner} already exists")
            if name_with_owner.count("/") != 1:
                raise ValueError(f"expected owner/name, got {name_with_owner!r}")
            self._repos[name_with_owner] = RepoState(
                name_with_owner=name_with_owner,
                database_id=1000 + len(self._repos),
                default_branch=branch,
                permission=permission or ("WRITE" if writable else "READ"),
                archived=archived,
            )
            tree = {path: _to_bytes(content) for path, content in (files or {}).items()}
            record = self._new_commit(name_with_owner, None, tree, message, "", additions=tree)
            self._repos[name_with_owner].branches[branch] = record.oid
            return record.oid

    def add_branch(self, name_with_owner: str, branch: str, from_branch: str | None = None) -> str:
        """Create ``branch`` pointing at the head of ``from_branch`` (default branch if None); returns oid."""
        with self._lock:
            repo = self._repo(name_with_owner)
            if branch in repo.branches:
                raise ValueError(f"branch {branch} already exists in {name_with_owner}")
            repo.branches[branch] = self.head(name_with_owner, from_branch)
            return repo.branches[branch]

    def commit(
        self,
        name_with_owner: str,
        files: Mapping[str, bytes | str | None],
        branch: str | None = None,
        message: str = "Someone else's commit",
    ) -> str:
        """Commit ``files`` (None deletes a path) on ``branch`` as someone else would; returns the new oid."""
        with self._lock:
            repo = self._repo(name_with_owner)
            branch = branch or repo.default_branch
            parent = repo.commits[self.head(name_with_owner, branch)]
            additions = {path: _to_bytes(data) for path, data in files.items() if data is not None}
            deletions = tuple(path for path, data in files.items() if data is None)
            tree = {path: data for path, data in parent.tree.items() if path not in deletions} | additions
            headline, _, body = message.partition("\n")
            record = self._new_commit(
                name_with_owner,
                parent.oid,
                tree,
                headline,
                body.strip(),
                additions=additions,
                deletions=deletions,
            )
            repo.branches[branch] = record.oid
            return record.oid

    def set_permission(self, name_with_owner: str, permission: str) -> None:
        with self._lock:
            self._repo(name_with_owner).permission = permission

    def set_archived(self, name_with_owner: str, archived: bool = True) -> None:
        with self._lock:
            self._repo(name_with_owner).archived = archived

    def head(self, name_with_owner: str, branch: str | None = None) -> str:
        with self._lock:
            repo = self._repo(name_with_owner)
            return repo.branches[branch or repo.default_branch]

    def files(self, name_with_owner: str, branch: str | None = None) -> dict[str, bytes]:
        with self._lock:
            return dict(self._repo(name_with_owner).commits[self.head(name_with_owner, branch)].tree)

    def file_bytes(self, name_with_owner: str, path: str, branch: str | None = None) -> bytes | None:
        return self.files(name_with_owner, branch).get(path)

    def commit_count(self, name_with_owner: str) -> int:
        with self._lock:
            return len(self._repo(name_with_owner).commits)

    def commit_record(self, name_with_owner: str, oid: str | None = None) -> CommitRecord:
        """The commit ``oid`` (default: head of the default branch), including its decoded changes."""
        with self._lock:
            return self._repo(name_with_owner).commits[oid or self.head(name_with_owner)]

    def history(self, name_with_owner: str, branch: str | None = None) -> list[CommitRecord]:
        """Commits reachable from the branch head, newest first."""
        with self._lock:
            commits = self._repo(name_with_owner).commits
            oid: str | None = self.head(name_with_owner, branch)
            records = []
            while oid is not None:
                records.append(commits[oid])
                oid = commits[oid].parent
            return records

    def branches(self, name_with_owner: str) -> dict[str, str]:
        """Every branch of the repository and its head oid (whether set up here, over REST or by GraphQL)."""
        with self._lock:
            return dict(self._repo(name_with_owner).branches)

    def pulls(self, name_with_owner: str, state: str = "all") -> list[dict[str, Any]]:
        """The repository's pull requests as REST shows them, oldest first; ``state``: open, closed or all."""
        with self._lock:
            repo = self._repo(name_with_owner)
            return [self._pull_json(repo, pull) for pull in repo.pulls if state in ("all", pull.state)]

    def pull(self, name_with_owner: str, number: int) -> dict[str, Any]:
        """Pull request ``number`` as REST shows it (KeyError when there is none)."""
        with self._lock:
            repo = self._repo(name_with_owner)
            found = _find_pull(repo, number)
            if found is None:
                raise KeyError(f"FakeGitHub has no pull request #{number} in {name_with_owner}")
            return self._pull_json(repo, found)

    def add_pull(
        self,
        name_with_owner: str,
        head: str,
        base: str | None = None,
        *,
        title: str = "Someone else's pull request",
        body: str | None = None,
        state: str = "open",
        user: Mapping[str, Any] | None = None,
    ) -> int:
        """Open a pull request from branch ``head`` (which must exist) as someone else would; returns its number."""
        with self._lock:
            repo = self._repo(name_with_owner)
            now = self._clock()
            pull = PullState(
                number=len(repo.pulls) + 1,
                title=title,
                body=body,
                head=head,
                base=base or repo.default_branch,
                head_sha=repo.branches[head],
                created_at=now,
                updated_at=now,
                state=state,
                closed_at=now if state == "closed" else None,
                user=dict(user or {"login": "someone", "id": 7, "node_id": "U_someone", "type": "User"}),
            )
            repo.pulls.append(pull)
            return pull.number

    @property
    def ref_updates(self) -> list[RefUpdate]:
        """Every branch written over REST (create, update with its ``force`` flag, delete), oldest first."""
        with self._lock:
            return list(self._ref_updates)

    def _repo(self, name_with_owner: str) -> RepoState:
        try:
            return self._repos[name_with_owner]
        except KeyError:
            raise KeyError(f"FakeGitHub has no repository {name_with_owner!r}") from None

    def _new_commit(
        self,
        name_with_owner: str,
        parent: str | None,
        tree: dict[str, bytes],
        headline: str,
        body: str,
        *,
        additions: Mapping[str, bytes],
        deletions: tuple[str, ...] = (),
        via: str = "helper",
    ) -> CommitRecord:
        seed = f"{name_with_owner}\0{parent}\0{next(self._counter)}\0{headline}".encode()
        record = CommitRecord(
            oid=hashlib.sha1(seed).hexdigest(),
            parent=parent,
            tree=tree,
            headline=headline,
            body=body,
            committed_at=self._clock(),
            additions=dict(additions),
            deletions=deletions,
            via=via,
        )
        self._repos[name_with_owner].commits[record.oid] = record
        return record

    # ---------------------------------------------------------------------------------- log and faults

    @property
    def requests(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._log)

    def count(self, kind: str | None = None, status: int | None = None) -> int:
        """How many logged requests had this kind ("query", "mutation", "rest") and/or HTTP status."""
        return sum(
            1
            for record in self.requests
            if (kind is None or record.kind == kind) and (status is None or record.status == status)
        )

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()

    def fail_next(
        self,
        status: int,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        kind: str | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` requests of ``kind`` (any if None) with ``status``; they do nothing.

        ``body`` is JSON-encoded unless it is str/bytes; by default a GitHub-like ``{"message": ...}``.
        """
        self._check_kind(kind)
        with self._lock:
            self._faults.append(_Fault(status, body, dict(headers or {}), kind, times))

    def apply_then_fail_next_mutation(
        self, status: int = 502, body: Any = None, headers: Mapping[str, str] | None = None
    ) -> None:
        """The next mutation is applied, but its HTTP answer is ``status`` (an ambiguous write)."""
        with self._lock:
            self._after_apply_faults.append(_Fault(status, body, dict(headers or {}), "mutation", 1))

    @staticmethod
    def _check_kind(kind: str | None) -> None:
        if kind not in (None, "query", "mutation", "rest"):
            raise ValueError(f"kind must be None, 'query', 'mutation' or 'rest', not {kind!r}")

    @staticmethod
    def _take_fault(faults: list[_Fault], kind: str) -> _Fault | None:
        for fault in faults:
            if fault.kind in (None, kind):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    faults.remove(fault)
                return fault
        return None

    @staticmethod
    def _fault_response(fault: _Fault) -> _Response:
        body = fault.body
        if body is None:
            if fault.status in (403, 429):
                body = {"message": SECONDARY_RATE_LIMIT_MESSAGE, "documentation_url": DOCS_URL}
            else:
                body = {"message": HTTPStatus(fault.status).phrase}
        return _Response(fault.status, body, dict(fault.headers))

    # --------------------------------------------------------------------------------- request handling

    def handle(self, method: str, target: str, headers: Mapping[str, str], raw_body: bytes) -> _Response:
        """Answer one HTTP request (called by the server threads) and log it."""
        arrived = self.monotonic()
        parts = urlsplit(target)
        path = parts.path
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        body = _parse_json(raw_body)
        kind = _classify(path, method, body)
        resource = "core" if kind == "rest" else "graphql"
        if path != "/api/v3/rate_limit":  # GitHub does not charge for reading the rate limit
            with self._lock:
                self._rate_used[resource] += 1
        writes = kind == "mutation" or (kind == "rest" and method != "GET")
        if writes and self._too_soon(arrived):
            response, injected = self._spacing_refusal(), "write_spacing"
        else:
            response, injected = self._respond(method, path, kind, headers, body, params)
        if writes:
            with self._lock:
                self._last_write_answered = self.monotonic()
        self._add_rate_limit_headers(response, resource)
        record = RequestRecord(
            method=method,
            path=path,
            kind=kind,
            body=body,
            status=response.status,
            timestamp=arrived,
            response=response.payload if not isinstance(response.payload, str | bytes) else None,
            injected=injected,
            params=params,
        )
        with self._lock:
            self._log.append(record)
        return response

    def _too_soon(self, arrived: float) -> bool:
        with self._lock:
            last = self._last_write_answered
            too_soon = bool(self.write_spacing) and last is not None and arrived - last < self.write_spacing
            self.spacing_refusals += too_soon
        return too_soon

    @staticmethod
    def _spacing_refusal() -> _Response:
        body = {"message": SECONDARY_RATE_LIMIT_MESSAGE, "documentation_url": DOCS_URL}
        return _Response(403, body, {"Retry-After": "1"})

    def _respond(
        self,
        method: str,
        path: str,
        kind: str,
        headers: Mapping[str, str],
        body: Any,
        params: Mapping[str, str] | None = None,
    ) -> tuple[_Response, str | None]:
        if not self._authorized(headers.get("Authorization", "")):
            return _Response(401, {"message": "Bad credentials", "documentation_url": DOCS_URL}), None
        with self._lock:
            fault = self._take_fault(self._faults, kind)
        if fault is not None:
            return self._fault_response(fault), "fail_next"
        if path in ("/api/graphql", "/graphql"):
            if method != "POST":
                return _Response(404, {"message": "Not Found", "documentation_url": DOCS_URL}), None
            return self._graphql(kind, body)
        if path.startswith("/api/v3/") or path == "/api/v3":
            return self._rest(method, path.removeprefix("/api/v3") or "/", body, params or {}), None
        return _Response(404, {"message": "Not Found", "documentation_url": DOCS_URL}), None

    def _authorized(self, header: str) -> bool:
        match = _AUTH_RE.match(header)
        return match is not None and match.group(2) == self.token

    def _add_rate_limit_headers(self, response: _Response, resource: str) -> None:
        with self._lock:
            used = self._rate_used[resource]
        response.headers.setdefault("X-RateLimit-Limit", str(self.rate_limit))
        response.headers.setdefault("X-RateLimit-Remaining", str(max(self.rate_limit - used, 0)))
        response.headers.setdefault("X-RateLimit-Used", str(used))
        response.headers.setdefault("X-RateLimit-Reset", str(self._rate_reset))
        response.headers.setdefault("X-RateLimit-Resource", resource)

    # ------------------------------------------------------------------------------------------ GraphQL

    def _graphql(self, kind: str, body: Any) -> tuple[_Response, str | None]:
        if not isinstance(body, dict):
            return _Response(400, {"message": "Problems parsing JSON", "documentation_url": DOCS_URL}), None
        if not isinstance(body.get("query"), str):
            return _Response(200, {"errors": [{"message": "A query attribute must be specified"}]}), None
        variables = body.get("variables") or {}
        if isinstance(variables, str):
            variables = _parse_json(variables.encode("utf-8")) or {}
        try:
            document = parse(body["query"])
        except GraphQLError as error:
            return _Response(200, {"errors": [error.formatted]}), None
        validation_errors = validate(github_schema(), document)
        if validation_errors:
            return _Response(200, {"errors": [error.formatted for error in validation_errors]}), None
        with self._lock:
            result = execute(
                github_schema(),
                document,
                root_value=_Root(self),
                variable_values=variables,
                operation_name=body.get("operationName"),
                field_resolver=_resolve_field,
                type_resolver=_resolve_type,
            )
            fault = self._take_fault(self._after_apply_faults, kind) if kind == "mutation" else None
        if fault is not None:
            if self.after_faulted_mutation is not None:
                self.after_faulted_mutation(self)
            return self._fault_response(fault), "apply_then_fail"
        payload: dict[str, Any] = {}
        if result.data is not None or not result.errors:
            payload["data"] = result.data
        if result.errors:
            payload["errors"] = [_format_error(error) for error in result.errors]
        return _Response(200, payload), None

    def create_commit_on_branch(self, input: dict[str, Any]) -> dict[str, Any]:
        """``Mutation.createCommitOnBranch``; called with the state lock held."""
        branch_input = input["branch"]
        name_with_owner = branch_input.get("repositoryNameWithOwner")
        if not name_with_owner:
            raise GitHubError("UNPROCESSABLE", "FakeGitHub only supports branch.repositoryNameWithOwner")
        branch = (branch_input.get("branchName") or "").removeprefix("refs/heads/")
        repo = self._repos.get(name_with_owner)
        if repo is None:
            raise GitHubError("NOT_FOUND", f"Could not resolve to a Repository with the name '{name_with_owner}'.")
        if not repo.writable:
            raise GitHubError("FORBIDDEN", "Resource not accessible by integration")
        if repo.archived:
            raise GitHubError("FORBIDDEN", "Repository was archived so is read-only.")
        if branch not in repo.branches:
            raise GitHubError("NOT_FOUND", f"Could not resolve to a Ref with the name 'refs/heads/{branch}'.")
        additions, deletions = _decode_file_changes(input.get("fileChanges") or {})
        if self.before_mutation is not None:
            self.before_mutation(self, input)
        return self._apply_commit(repo, branch, input, additions, deletions)

    def _apply_commit(
        self,
        repo: RepoState,
        branch: str,
        input: dict[str, Any],
        additions: dict[str, bytes],
        deletions: tuple[str, ...],
    ) -> dict[str, Any]:
        head = repo.branches[branch]
        expected = input["expectedHeadOid"]
        if expected != head:
            raise GitHubError(
                "STALE_DATA", f'Expected branch to point to "{expected}" but it did not. Pull and try again.'
            )
        parent = repo.commits[head]
        missing = [path for path in deletions if path not in parent.tree]
        if missing:
            raise GitHubError(
                "UNPROCESSABLE",
                f"A path was requested for deletion which does not exist as of commit oid `{head}`",
            )
        tree = {path: data for path, data in parent.tree.items() if path not in deletions} | additions
        message = input["message"]
        record = self._new_commit(
            repo.name_with_owner,
            head,
            tree,
            message["headline"],
            message.get("body") or "",
            additions=additions,
            deletions=deletions,
            via="graphql",
        )
        repo.branches[branch] = record.oid
        return {
            "commit": _CommitNode(repo, record, self.truncate_at),
            "ref": _RefNode(repo, branch, self.truncate_at),
            "clientMutationId": input.get("clientMutationId"),
        }

    def rate_limit_info(self, dry_run: bool = False) -> dict[str, Any]:
        with self._lock:
            used = self._rate_used["graphql"]
        return {
            "cost": 1,
            "limit": self.rate_limit,
            "nodeCount": 1,
            "remaining": max(self.rate_limit - used, 0),
            "resetAt": _iso(datetime.fromtimestamp(self._rate_reset, UTC)),
            "used": used,
        }

    # --------------------------------------------------------------------------------------------- REST

    def add_route(self, method: str, pattern: str, handler: Callable[..., tuple[Any, ...]]) -> None:
        """Serve ``method`` on paths (after ``/api/v3``, still percent-encoded) fully matching ``pattern``.

        ``handler(fake, body, **named_groups)`` runs with the state lock held and returns ``(status, json)`` or
        ``(status, json, headers)``; ``fake.request_params`` holds the query string. Routes added here are tried
        before the built-in ones, so a test can override a built-in endpoint.
        """
        self._routes.append((method.upper(), re.compile(pattern), handler))

    @property
    def request_params(self) -> dict[str, str]:
        """The query parameters of the REST request being handled (for route handlers)."""
        return dict(self._request_params)

    def _rest(self, method: str, path: str, body: Any, params: Mapping[str, str] | None = None) -> _Response:
        for route_method, pattern, handler in self._routes + self._builtin_routes:
            match = pattern.fullmatch(path)
            if match and route_method == method:
                with self._lock:
                    self._request_params = dict(params or {})
                    status, payload, *headers = handler(self, body, **match.groupdict())
                return _Response(status, payload, dict(headers[0]) if headers else {})
        return _Response(404, {"message": "Not Found", "documentation_url": DOCS_URL})

    def _rest_get_repo(self, body: Any, owner: str, name: str) -> tuple[int, Any]:
        repo = self._repos.get(f"{owner}/{name}")
        if repo is None:
            return 404, {"message": "Not Found", "documentation_url": DOCS_URL}
        return 200, self._repo_json(repo)

    def _repo_json(self, repo: RepoState) -> dict[str, Any]:
        """A repository as REST shows it (the fields PyGithub's ``Repository`` reads, and more)."""
        return {
            "id": repo.database_id,
            "node_id": _node_id("R", repo.name_with_owner),
            "name": repo.name,
            "full_name": repo.name_with_owner,
            "owner": {
                "login": repo.owner,
                "id": 1000,
                "node_id": _node_id("O", repo.owner),
                "type": "Organization",
                "url": f"{self.api_url}/users/{repo.owner}",
                "html_url": f"https://github.com/{repo.owner}",
            },
            "private": False,
            "fork": False,
            "archived": repo.archived,
            "html_url": repo.html_url,
            "url": f"{self.api_url}/repos/{repo.name_with_owner}",
            "default_branch": repo.default_branch,
            "permissions": {
                "admin": repo.permission == "ADMIN",
                "maintain": repo.permission in ("ADMIN", "MAINTAIN"),
                "push": repo.writable,
                "triage": repo.permission != "READ",
                "pull": True,
            },
            "visibility": "public",
            "pulls_url": f"{self.api_url}/repos/{repo.name_with_owner}/pulls{{/number}}",
            "git_refs_url": f"{self.api_url}/repos/{repo.name_with_owner}/git/refs{{/sha}}",
        }

    def _rest_rate_limit(self, body: Any) -> tuple[int, Any]:
        resources = {}
        for resource, used in self._rate_used.items():
            resources[resource] = {
                "limit": self.rate_limit,
                "remaining": max(self.rate_limit - used, 0),
                "reset": self._rate_reset,
                "used": used,
                "resource": resource,
            }
        return 200, {"resources": resources, "rate": resources["core"]}

    # ------------------------------------------------------------------------------------ REST: git refs
    # Handlers run with the state lock held. ``ref`` groups arrive percent-encoded (PyGithub's matching-refs
    # call encodes the slashes), so they are decoded first.

    def _find_repo(self, owner: str, name: str) -> RepoState | None:
        return self._repos.get(f"{owner}/{name}")

    def _ref_json(self, repo: RepoState, branch: str) -> dict[str, Any]:
        sha = repo.branches[branch]
        api = f"{self.api_url}/repos/{repo.name_with_owner}"
        return {
            "ref": f"refs/heads/{branch}",
            "node_id": _node_id("REF", f"{repo.name_with_owner}:{branch}"),
            "url": f"{api}/git/refs/heads/{quote(branch)}",
            "object": {"sha": sha, "type": "commit", "url": f"{api}/git/commits/{sha}"},
        }

    def _rest_get_ref(self, body: Any, owner: str, name: str, ref: str) -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        branch = unquote(ref).removeprefix("heads/") if unquote(ref).startswith("heads/") else None
        if repo is None or branch is None or branch not in repo.branches:
            return _not_found(REFS_DOCS_URL + "#get-a-reference")
        return 200, self._ref_json(repo, branch)

    def _rest_matching_refs(self, body: Any, owner: str, name: str, ref: str = "") -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        if repo is None:
            return _not_found(REFS_DOCS_URL + "#list-matching-references")
        prefix = "refs/" + unquote(ref) if ref else "refs/"
        names = sorted(branch for branch in repo.branches if f"refs/heads/{branch}".startswith(prefix))
        return 200, [self._ref_json(repo, branch) for branch in names]

    def _rest_create_ref(self, body: Any, owner: str, name: str) -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        if repo is None:
            return _not_found(REFS_DOCS_URL + "#create-a-reference")
        denied = _write_denied(repo)
        if denied:
            return denied
        if not isinstance(body, dict) or not isinstance(body.get("ref"), str) or not isinstance(body.get("sha"), str):
            return _rest_error(422, 'Invalid request.\n\n"ref", "sha" weren\'t supplied.')
        ref, sha = body["ref"], body["sha"]
        if not ref.startswith("refs/") or ref.count("/") < 2:
            return _rest_error(422, "Reference name is invalid")
        if not ref.startswith("refs/heads/"):
            return _rest_error(422, "FakeGitHub only supports refs/heads/ references")
        if sha not in repo.commits:
            return _rest_error(422, "Object does not exist")
        branch = ref.removeprefix("refs/heads/")
        if branch in repo.branches:
            return _rest_error(422, "Reference already exists")
        repo.branches[branch] = sha
        self._ref_updates.append(RefUpdate(repo.name_with_owner, ref, "create", None, sha))
        return 201, self._ref_json(repo, branch)

    def _rest_update_ref(self, body: Any, owner: str, name: str, ref: str) -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        if repo is None:
            return _not_found(REFS_DOCS_URL + "#update-a-reference")
        denied = _write_denied(repo)
        if denied:
            return denied
        if not isinstance(body, dict) or not isinstance(body.get("sha"), str):
            return _rest_error(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
        branch = unquote(ref).removeprefix("heads/")
        if not unquote(ref).startswith("heads/") or branch not in repo.branches:
            return _rest_error(422, "Reference does not exist")
        sha, force = body["sha"], body.get("force") is True
        if sha not in repo.commits:
            return _rest_error(422, "Object does not exist")
        old = repo.branches[branch]
        if not force and not _is_ancestor(repo, old, sha):
            return _rest_error(422, "Update is not a fast forward")
        repo.branches[branch] = sha
        self._ref_updates.append(RefUpdate(repo.name_with_owner, f"refs/heads/{branch}", "update", old, sha, force))
        return 200, self._ref_json(repo, branch)

    def _rest_delete_ref(self, body: Any, owner: str, name: str, ref: str) -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        if repo is None:
            return _not_found(REFS_DOCS_URL + "#delete-a-reference")
        denied = _write_denied(repo)
        if denied:
            return denied
        branch = unquote(ref).removeprefix("heads/")
        if not unquote(ref).startswith("heads/") or branch not in repo.branches:
            return _rest_error(422, "Reference does not exist")
        if branch == repo.default_branch:
            return _rest_error(422, "FakeGitHub does not delete the default branch")
        old = repo.branches.pop(branch)
        now = self._clock()
        for pull in repo.pulls:
            if pull.head == branch:
                pull.head_sha = old
            if pull.state == "open" and pull.head == branch:
                pull.state, pull.closed_at, pull.updated_at = "closed", now, now
        self._ref_updates.append(RefUpdate(repo.name_with_owner, f"refs/heads/{branch}", "delete", old, None))
        return 204, b""

    # --------------------------------------------------------------------------------------- REST: pulls

    def _pull_json(self, repo: RepoState, pull: PullState) -> dict[str, Any]:
        """A pull request as REST shows it; ``head.sha`` follows the branch while it exists."""
        head_sha = repo.branches.get(pull.head, pull.head_sha)
        api = f"{self.api_url}/repos/{repo.name_with_owner}"
        html = f"{repo.html_url}/pull/{pull.number}"
        repo_json = self._repo_json(repo)
        owner = repo_json["owner"]
        return {
            "url": f"{api}/pulls/{pull.number}",
            "id": repo.database_id * 100_000 + pull.number,
            "node_id": _node_id("PR", f"{repo.name_with_owner}#{pull.number}"),
            "html_url": html,
            "diff_url": f"{html}.diff",
            "patch_url": f"{html}.patch",
            "issue_url": f"{api}/issues/{pull.number}",
            "commits_url": f"{api}/pulls/{pull.number}/commits",
            "number": pull.number,
            "state": pull.state,
            "locked": False,
            "title": pull.title,
            "user": dict(pull.user),
            "body": pull.body,
            "created_at": _iso(pull.created_at),
            "updated_at": _iso(pull.updated_at),
            "closed_at": _iso(pull.closed_at) if pull.closed_at else None,
            "merged_at": None,
            "merge_commit_sha": None,
            "draft": pull.draft,
            "merged": False,
            "maintainer_can_modify": False,
            "head": {
                "label": f"{repo.owner}:{pull.head}",
                "ref": pull.head,
                "sha": head_sha,
                "user": owner,
                "repo": repo_json,
            },
            "base": {
                "label": f"{repo.owner}:{pull.base}",
                "ref": pull.base,
                "sha": repo.branches.get(pull.base, ""),
                "user": owner,
                "repo": repo_json,
            },
            "_links": {
                "self": {"href": f"{api}/pulls/{pull.number}"},
                "html": {"href": html},
            },
        }

    def _rest_list_pulls(self, body: Any, owner: str, name: str) -> tuple[Any, ...]:
        repo = self._find_repo(owner, name)
        if repo is None:
            return _not_found(PULLS_DOCS_URL + "#list-pull-requests")
        params = self._request_params
        state = params.get("state") or "open"
        if state not in ("open", "closed", "all"):
            return _validation_failed("#list-pull-requests", {"resource": "Issue", "field": "state", "code": "invalid"})
        found = [pull for pull in repo.pulls if state in ("all", pull.state)]
        head = params.get("head") or ""
        if ":" in head:  # like GitHub, a head without "owner:" filters nothing
            head_owner, _, head_branch = head.partition(":")
            found = [p for p in found if head_owner.casefold() == repo.owner.casefold() and p.head == head_branch]
        if params.get("base"):
            found = [pull for pull in found if pull.base == params["base"]]
        return self._paginate(f"{self.api_url}/repos/{repo.name_with_owner}/pulls", _sort_pulls(found, params), repo)

    def _paginate(self, url: str, pulls: list[PullState], repo: RepoState) -> tuple[int, Any, dict[str, str]]:
        params = self._request_params
        per_page = min(max(_int(params.get("per_page"), 30), 1), 100)
        page = max(_int(params.get("page"), 1), 1)
        chunk = pulls[(page - 1) * per_page : page * per_page]
        last = max((len(pulls) + per_page - 1) // per_page, 1)
        links = []
        kept = {key: value for key, value in params.items() if key not in ("page", "per_page")}
        for rel, number in (("next", page + 1), ("last", last)) if page < last else ():
            query = urlencode({**kept, "per_page": per_page, "page": number})
            links.append(f'<{url}?{query}>; rel="{rel}"')
        headers = {"Link": ", ".join(links)} if links else {}
        return 200, [self._pull_json(repo, pull) for pull in chunk], headers

    def _rest_get_pull(self, body: Any, owner: str, name: str, number: str) -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        pull = _find_pull(repo, int(number)) if repo is not None else None
        if repo is None or pull is None:
            return _not_found(PULLS_DOCS_URL + "#get-a-pull-request")
        return 200, self._pull_json(repo, pull)

    def _rest_create_pull(self, body: Any, owner: str, name: str) -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        if repo is None:
            return _not_found(PULLS_DOCS_URL + "#create-a-pull-request")
        denied = _write_denied(repo)
        if denied:
            return denied
        body = body if isinstance(body, dict) else {}
        for required in ("head", "base", "title"):
            if not isinstance(body.get(required), str) or not body[required]:
                error = {"resource": "PullRequest", "field": required, "code": "missing_field"}
                return _validation_failed("#create-a-pull-request", error)
        head_owner, _, head = body["head"].rpartition(":")
        base = body["base"]
        if (head_owner and head_owner.casefold() != repo.owner.casefold()) or head not in repo.branches:
            return _invalid_field("#create-a-pull-request", "head")
        if base not in repo.branches:
            return _invalid_field("#create-a-pull-request", "base")
        label = f"{repo.owner}:{head}"
        if any(p.state == "open" and p.head == head and p.base == base for p in repo.pulls):
            return _custom_invalid("#create-a-pull-request", f"A pull request already exists for {label}.")
        if _is_ancestor(repo, repo.branches[head], repo.branches[base]):
            return _custom_invalid("#create-a-pull-request", f"No commits between {base} and {body['head']}")
        now = self._clock()
        pull = PullState(
            number=len(repo.pulls) + 1,
            title=body["title"],
            body=body.get("body") if isinstance(body.get("body"), str) else None,
            head=head,
            base=base,
            head_sha=repo.branches[head],
            created_at=now,
            updated_at=now,
            draft=body.get("draft") is True,
        )
        repo.pulls.append(pull)
        return 201, self._pull_json(repo, pull)

    def _rest_update_pull(self, body: Any, owner: str, name: str, number: str) -> tuple[int, Any]:
        repo = self._find_repo(owner, name)
        pull = _find_pull(repo, int(number)) if repo is not None else None
        if repo is None or pull is None:
            return _not_found(PULLS_DOCS_URL + "#update-a-pull-request")
        denied = _write_denied(repo)
        if denied:
            return denied
        body = body if isinstance(body, dict) else {}
        state = body.get("state", pull.state)
        if state not in ("open", "closed"):
            return _invalid_field("#update-a-pull-request", "state")
        base = body.get("base", pull.base)
        if base not in repo.branches:
            return _invalid_field("#update-a-pull-request", "base")
        if state == "open" and pull.state == "closed":
            if pull.head not in repo.branches:
                return _custom_invalid(
                    "#update-a-pull-request", "state cannot be changed. The head branch was deleted."
                )
            if any(p.state == "open" and p.head == pull.head and p.base == base for p in repo.pulls):
                label = f"{repo.owner}:{pull.head}"
                return _custom_invalid("#update-a-pull-request", f"A pull request already exists for {label}.")
        now = self._clock()
        if isinstance(body.get("title"), str):
            pull.title = body["title"]
        if "body" in body and (body["body"] is None or isinstance(body["body"], str)):
            pull.body = body["body"]
        if state != pull.state:
            pull.closed_at = now if state == "closed" else None
        pull.state, pull.base, pull.updated_at = state, base, now
        return 200, self._pull_json(repo, pull)


class _Root:
    """Root value for both Query and Mutation."""

    def __init__(self, fake: FakeGitHub):
        self._fake = fake

    def repository(self, owner: str, name: str, follow_renames: bool = True) -> _RepositoryNode:
        repo = self._fake._repos.get(f"{owner}/{name}")
        if repo is None:
            raise GitHubError("NOT_FOUND", f"Could not resolve to a Repository with the name '{owner}/{name}'.")
        return _RepositoryNode(repo, self._fake.truncate_at)

    def rate_limit(self, dry_run: bool = False) -> dict[str, Any]:
        return self._fake.rate_limit_info(dry_run)

    def create_commit_on_branch(self, input: dict[str, Any]) -> dict[str, Any]:
        return self._fake.create_commit_on_branch(input)


_REPO = r"/repos/(?P<owner>[^/]+)/(?P<name>[^/]+)"
_BUILTIN_ROUTES: list[tuple[str, str, Callable[..., tuple[Any, ...]]]] = [
    ("GET", _REPO, FakeGitHub._rest_get_repo),
    ("GET", r"/rate_limit", FakeGitHub._rest_rate_limit),
    ("GET", _REPO + r"/git/ref/(?P<ref>.+)", FakeGitHub._rest_get_ref),
    ("GET", _REPO + r"/git/matching-refs/(?P<ref>.*)", FakeGitHub._rest_matching_refs),
    ("GET", _REPO + r"/git/refs", FakeGitHub._rest_matching_refs),
    ("POST", _REPO + r"/git/refs", FakeGitHub._rest_create_ref),
    ("PATCH", _REPO + r"/git/refs/(?P<ref>.+)", FakeGitHub._rest_update_ref),
    ("DELETE", _REPO + r"/git/refs/(?P<ref>.+)", FakeGitHub._rest_delete_ref),
    ("GET", _REPO + r"/pulls", FakeGitHub._rest_list_pulls),
    ("POST", _REPO + r"/pulls", FakeGitHub._rest_create_pull),
    ("GET", _REPO + r"/pulls/(?P<number>\d+)", FakeGitHub._rest_get_pull),
    ("PATCH", _REPO + r"/pulls/(?P<number>\d+)", FakeGitHub._rest_update_pull),
]


def _rest_error(status: int, message: str, docs: str = DOCS_URL, **extra: Any) -> tuple[int, Any]:
    return status, {"message": message, **extra, "documentation_url": docs, "status": str(status)}


def _not_found(docs: str = DOCS_URL) -> tuple[int, Any]:
    return _rest_error(404, "Not Found", docs)


def _validation_failed(anchor: str, *errors: dict[str, Any]) -> tuple[int, Any]:
    return _rest_error(422, "Validation Failed", PULLS_DOCS_URL + anchor, errors=list(errors))


def _invalid_field(anchor: str, field_name: str) -> tuple[int, Any]:
    return _validation_failed(anchor, {"resource": "PullRequest", "field": field_name, "code": "invalid"})


def _custom_invalid(anchor: str, message: str) -> tuple[int, Any]:
    return _validation_failed(anchor, {"resource": "PullRequest", "code": "custom", "message": message})


def _write_denied(repo: RepoState) -> tuple[int, Any] | None:
    """GitHub's 403 for a REST write to a repository the token may not write, or that is archived."""
    if not repo.writable:
        return _rest_error(403, FORBIDDEN_MESSAGE)
    if repo.archived:
        return _rest_error(403, ARCHIVED_MESSAGE)
    return None


def _is_ancestor(repo: RepoState, ancestor: str, descendant: str) -> bool:
    """Whether ``ancestor`` is ``descendant`` or one of its parents (a fast-forward from one to the other)."""
    oid: str | None = descendant
    while oid is not None:
        if oid == ancestor:
            return True
        oid = repo.commits[oid].parent if oid in repo.commits else None
    return False


def _find_pull(repo: RepoState, number: int) -> PullState | None:
    return next((pull for pull in repo.pulls if pull.number == number), None)


def _sort_pulls(pulls: list[PullState], params: Mapping[str, str]) -> list[PullState]:
    """GitHub's order: by ``created`` (default) or ``updated``; newest first unless ``direction=asc``."""
    key = params.get("sort") or "created"
    direction = params.get("direction") or ("desc" if key == "created" else "asc")
    attribute = "updated_at" if key == "updated" else "created_at"
    return sorted(pulls, key=lambda p: (getattr(p, attribute), p.number), reverse=direction == "desc")


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _decode_file_changes(file_changes: Mapping[str, Any]) -> tuple[dict[str, bytes], tuple[str, ...]]:
    additions = {}
    for addition in file_changes.get("additions") or []:
        try:
            additions[addition["path"]] = base64.b64decode(addition["contents"], validate=True)
        except (binascii.Error, ValueError):
            raise GitHubError("UNPROCESSABLE", f"The contents of {addition['path']!r} are not valid Base64") from None
    deletions = tuple(deletion["path"] for deletion in file_changes.get("deletions") or [])
    return additions, deletions


def _format_error(error: GraphQLError) -> dict[str, Any]:
    """graphql-core's error in GitHub's shape: ``type`` first for errors GitHub types."""
    formatted = dict(error.formatted)
    if isinstance(error.original_error, GitHubError):
        formatted = {"type": error.original_error.type, **formatted}
    return formatted


def _parse_json(raw: bytes) -> Any:
    if not raw:
        return None
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None


def _classify(path: str, method: str, body: Any) -> str:
    """``rest`` outside the GraphQL endpoint, else the document's operation type (``query`` if unsure)."""
    if path not in ("/api/graphql", "/graphql"):
        return "rest"
    if not isinstance(body, dict) or not isinstance(body.get("query"), str):
        return "query"
    try:
        document = parse(body["query"])
    except GraphQLError:
        return "query"
    operation = _select_operation(document, body.get("operationName"))
    return operation.operation.value if operation is not None else "query"


def _select_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode | None:
    operations = [node for node in document.definitions if isinstance(node, OperationDefinitionNode)]
    if operation_name:
        return next((op for op in operations if op.name and op.name.value == operation_name), None)
    return operations[0] if len(operations) == 1 else None


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeGitHub/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw_body = self.rfile.read(length) if length else b""
        fake: FakeGitHub = self.server.fake  # type: ignore[attr-defined]
        response = fake.handle(self.command, self.path, self.headers, raw_body)
        data, content_type = response.encoded()
        self.send_response(response.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve
