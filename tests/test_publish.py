"""The GitHub publisher (jobs_action/publish/github.py) against the fake GitHub: rate limits waited out or failed
with the reset time (HOSTILE-CASES C6, C7, B11), errors that name the repository and the fix (C8), and the
documents it sends (C16, C17). Waits go through the publisher's injected clock and sleep, so they are asserted, not
slept. Whole runs that publish are in test_runs.py."""

from __future__ import annotations

import ast
import re
import socket
import threading
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from fake_clock import FakeClock
from fakes.github import SECONDARY_RATE_LIMIT_MESSAGE, FakeGitHub, github_schema
from graphql import parse, validate
from helpers import OTHER, REPO, SECTION_README, TOKEN, assert_names_repo_and_write_fix
from runner import ROOT

from jobs_action.config.settings import Target
from jobs_action.errors import PublishError
from jobs_action.publish.github import (
    COMMIT_MUTATION,
    WAIT_BUDGET,
    AmbiguousWrite,
    GitHubPublisher,
    StaleHead,
    build_read_query,
)

EPOCH = 1_790_000_000  # the publisher's wall clock (epoch seconds) in these tests


def publisher(fake: FakeGitHub, clock: FakeClock, **options: object) -> GitHubPublisher:
    return GitHubPublisher(
        fake.token,
        fake.api_url,
        fake.graphql_url,
        sleep=clock.sleep,
        clock=clock,
        wall_clock=lambda: float(EPOCH),
        **options,  # type: ignore[arg-type]
    )


def read(pub: GitHubPublisher, *repositories: str):
    return pub.read({Target(repository): ("README.md",) for repository in repositories or (REPO,)})


def commit(pub: GitHubPublisher, fake: FakeGitHub, text: str = "new\n", repository: str = REPO):
    return pub.commit(Target(repository), "main", fake.head(repository), {"README.md": text.encode()}, "Update jobs")


def primary_headers(reset_in: int) -> dict[str, str]:
    return {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(EPOCH + reset_in)}


# --- Primary and secondary rate limits (C6, C7) ---


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize("status", [403, 429])
def test_c6_primary_limit_waits_until_the_reset_plus_one_second(fake, clock, status):
    fake.fail_next(status, {"message": "API rate limit exceeded for installation ID 1."}, primary_headers(30), "query")
    result = read(publisher(fake, clock))[Target(REPO)]
    assert result.texts["README.md"] == SECTION_README
    assert clock.sleeps == [31.0]  # no request before the reset (+1 s)
    assert fake.count("query") == 2


@pytest.mark.usefixtures("fake_with_readme")
def test_c6_a_reset_beyond_the_budget_fails_with_the_reset_time_without_waiting(fake, clock):
    fake.fail_next(403, {"message": "API rate limit exceeded for installation ID 1."}, primary_headers(3600), "query")
    with pytest.raises(PublishError) as raised:
        read(publisher(fake, clock))
    message = str(raised.value)
    reset = datetime.fromtimestamp(EPOCH + 3600, UTC)
    assert REPO in message and f"{reset:%Y-%m-%d %H:%M:%S} UTC" in message and str(EPOCH + 3600) in message
    assert clock.sleeps == [] and fake.count("query") == 1
    assert WAIT_BUDGET < 3600


@pytest.mark.usefixtures("fake_with_readme")
def test_c6_graphql_rate_limited_in_a_200_is_waited_out_then_commits_once(fake, clock):
    errors = {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}]}
    fake.fail_next(200, errors, primary_headers(10), "mutation")
    before = fake.commit_count(REPO)
    result = commit(publisher(fake, clock), fake)
    assert result.oid == fake.head(REPO) and fake.commit_count(REPO) == before + 1
    assert clock.sleeps == [11.0]


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize("body", [
    {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}]},
    {"data": None, "errors": [{"type": "RATE_LIMITED", "message": "API rate limit already exceeded"}]},
])  # fmt: skip
def test_c6_graphql_rate_limited_is_never_success_or_stale_data(fake, clock, body):
    fake.fail_next(200, body, primary_headers(7200), "mutation")
    before = fake.commit_count(REPO)
    with pytest.raises(PublishError) as raised:
        commit(publisher(fake, clock), fake)
    assert not isinstance(raised.value, StaleHead | AmbiguousWrite)
    assert "rate limit" in str(raised.value) and "resets at" in str(raised.value)
    assert fake.commit_count(REPO) == before  # nothing half-written


@pytest.mark.usefixtures("fake_with_readme")
def test_c7_secondary_limit_waits_retry_after(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, {"Retry-After": "17"}, "query")
    read(publisher(fake, clock))
    assert clock.sleeps == [17.0] and fake.count("query") == 2


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize("status", [403, 429])
def test_c7_secondary_limit_without_retry_after_waits_a_minute_then_doubles(fake, clock, status):
    fake.fail_next(status, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, kind="query", times=2)
    read(publisher(fake, clock))
    assert clock.sleeps == [60.0, 120.0] and fake.count("query") == 3


@pytest.mark.usefixtures("fake_with_readme")
def test_c7_secondary_waits_are_bounded_by_count_and_budget(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, kind="query", times=10)
    with pytest.raises(PublishError, match="secondary rate limit"):
        read(publisher(fake, clock))
    assert clock.sleeps == [60.0, 120.0]  # the next wait (240 s) would pass the 300 s budget
    patient = FakeClock()
    with pytest.raises(PublishError, match="still limited after 3 waits"):
        read(publisher(fake, patient, wait_budget=10_000))
    assert patient.sleeps == [60.0, 120.0, 240.0]


@pytest.mark.usefixtures("fake_with_readme")
def test_c7_a_secondary_limit_on_the_mutation_is_retried_safely(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, {"Retry-After": "5"}, "mutation")
    before = fake.commit_count(REPO)
    commit(publisher(fake, clock), fake)
    assert clock.sleeps == [5.0] and fake.commit_count(REPO) == before + 1


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize("message", ["Resource not accessible by integration", "Must have admin rights to Repository."])
def test_c7_a_permission_403_is_not_mistaken_for_a_rate_limit(fake, clock, message):
    fake.fail_next(403, {"message": message}, kind="query")
    with pytest.raises(PublishError) as raised:
        read(publisher(fake, clock))
    assert clock.sleeps == [] and fake.count("query") == 1
    assert "rate limit" not in str(raised.value) and "permissions: contents: write" in str(raised.value)


# --- Retry-After from GitHub (B11; the sources' side is in test_http.py) ---


GITHUB_RETRY_AFTER = [
    ("120", 403, [120.0]),
    (format_datetime(datetime.fromtimestamp(EPOCH + 30, UTC), usegmt=True), 403, [30.0]),
    (format_datetime(datetime.fromtimestamp(EPOCH - 3600, UTC), usegmt=True), 429, [1.0]),  # past: the 1 s floor
    ("soon", 403, [60.0]),  # garbage: the default secondary wait
    ("-5", 429, [60.0]),
    ("1.5", 403, [60.0]),
    (None, 429, [60.0]),
    ("7, 7", 403, [7.0]),  # a repeated header arrives joined
]


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize(("header", "status", "sleeps"), GITHUB_RETRY_AFTER)
def test_b11_github_retry_after_variants_are_honoured_without_a_crash(fake, clock, header, status, sleeps):
    headers = {"Retry-After": header} if header is not None else {}
    fake.fail_next(status, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, headers, "query")
    read(publisher(fake, clock))
    assert clock.sleeps == sleeps and fake.count("query") == 2


@pytest.mark.usefixtures("fake_with_readme")
def test_b11_a_github_retry_after_of_hours_is_never_slept(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, {"Retry-After": "21600"}, "query")
    with pytest.raises(PublishError, match="would pass this run's 300 s budget"):
        read(publisher(fake, clock))
    assert clock.sleeps == [] and fake.count("query") == 1


# --- Permissions and credentials (C8) ---


@pytest.mark.usefixtures("fake_with_readme")
def test_c8_bad_credentials_are_not_retried_and_name_the_token_input(fake, clock):
    pub = GitHubPublisher("ghs_wrong", fake.api_url, fake.graphql_url, sleep=clock.sleep, clock=clock)
    with pytest.raises(PublishError) as raised:
        read(pub)
    assert "401" in str(raised.value) and "github-token" in str(raised.value) and REPO in str(raised.value)
    assert clock.sleeps == [] and fake.count() == 1


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize(
    "message",
    [
        "Resource not accessible by integration",
        "Permission to acme/awesome-backend-jobs.git denied to github-actions[bot].",
    ],
)
def test_c8_http_403_permission_errors_name_the_repository_and_the_fix(fake, clock, message):
    fake.fail_next(403, {"message": message}, kind="mutation")
    with pytest.raises(PublishError) as raised:
        commit(publisher(fake, clock), fake)
    assert_names_repo_and_write_fix(str(raised.value))
    assert fake.count("mutation") == 1 and clock.sleeps == []


@pytest.mark.usefixtures("fake_with_readme")
def test_c8_graphql_forbidden_and_permission_denied_name_the_fix(fake, clock):
    fake.set_permission(REPO, "READ")
    with pytest.raises(PublishError) as raised:
        commit(publisher(fake, clock), fake)
    assert "Resource not accessible by integration" in str(raised.value)
    assert_names_repo_and_write_fix(str(raised.value))
    denied = {
        "errors": [
            {"type": "FORBIDDEN", "message": "Permission to acme/awesome-backend-jobs denied to github-actions[bot]."}
        ]
    }
    fake.set_permission(REPO, "WRITE")
    fake.fail_next(200, denied, kind="mutation")
    with pytest.raises(PublishError) as raised:
        commit(publisher(fake, clock), fake)
    assert_names_repo_and_write_fix(str(raised.value))


@pytest.mark.usefixtures("fake_with_readme")
def test_c8_a_missing_repository_fails_alone_with_the_token_advice(fake, clock):
    results = read(publisher(fake, clock), REPO, "acme/missing")
    assert results[Target(REPO)].texts["README.md"] == SECTION_README
    missing = results[Target("acme/missing")]
    assert isinstance(missing, PublishError) and "acme/missing" in str(missing) and "fine-grained token" in str(missing)


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize(
    "message",
    [
        "Repository rule violations found\n\nChanges must be made through a pull request.",
        "GH006: Protected branch update failed for refs/heads/main.",
    ],
)
def test_c8_protected_branch_or_ruleset_rejection_suggests_pull_request_mode(fake, clock, message):
    fake.fail_next(200, {"errors": [{"type": "UNPROCESSABLE", "message": message}]}, kind="mutation")
    with pytest.raises(PublishError) as raised:
        commit(publisher(fake, clock), fake)
    assert REPO in str(raised.value) and "`publish: pull-request`" in str(raised.value)
    assert not isinstance(raised.value, StaleHead) and fake.count("mutation") == 1


# --- What is sent (C16, C17) and what an error keeps out (D3) ---


def test_c16_no_github_call_sets_an_author_or_committer():
    tree = ast.parse((ROOT / "jobs_action" / "publish" / "github.py").read_text(encoding="utf-8"))
    keywords = {node.arg for node in ast.walk(tree) if isinstance(node, ast.keyword)}
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert not {"author", "committer"} & (keywords | strings)


@pytest.mark.parametrize(
    "wanted",
    [
        {Target(REPO): ("README.md",)},
        {Target(REPO): ("README.md", "jobs.json", "feed.xml"), Target(OTHER, "release/2026"): ("docs/JOBS.md",)},
        {Target(f"o/r{n}", "main" if n % 2 else None): () for n in range(5)},
    ],
)
def test_c17_every_document_the_action_sends_validates_against_githubs_schema(wanted):
    query, variables = build_read_query(wanted)
    for document in (query, COMMIT_MUTATION):
        assert validate(github_schema(), parse(document)) == [], document
    declared = set(re.findall(r"\$(\w+): String!", query))
    assert declared == set(variables)
    if any(wanted.values()):  # text and oid come from the same commit: file(path:) on the head Commit
        assert re.search(r"target \{ oid \.\.\. on Commit \{ [^}]*f0: file\(path: ", query)


def test_d3_a_github_timeout_message_holds_no_token(monkeypatch):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_hold() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    monkeypatch.setattr("jobs_action.publish.github.READ_TIMEOUT", 1)
    base = f"http://127.0.0.1:{listener.getsockname()[1]}"
    try:
        publisher = GitHubPublisher(TOKEN, f"{base}/api/v3", f"{base}/api/graphql")
        with pytest.raises(PublishError) as raised:
            publisher.read({Target(REPO): ("README.md",)})
    finally:
        stop.set()
        thread.join(timeout=2)
        for connection in held:
            connection.close()
        listener.close()
    assert TOKEN not in str(raised.value) and "did not answer" in str(raised.value)


def test_writes_are_spaced_on_the_publishers_clock_and_reads_are_not(fake, clock):
    """The publisher owns the one-second spacing of writes (PyGithub's own spacing is off): on its injected clock,
    counted from the end of the previous write, and never before a read."""
    fake.add_repo(REPO, {"README.md": "old"})
    fake.add_repo("acme/other", {"README.md": "old"})
    pub = publisher(fake, clock)
    first = read(pub, REPO, "acme/other")
    second = read(pub, REPO)
    assert clock.sleeps == []  # two reads, no wait
    for repository in (REPO, "acme/other"):
        remote = first[Target(repository)]
        pub.commit(Target(repository), remote.branch, remote.head_oid, {"README.md": b"new"}, "Update")
    assert clock.sleeps == [1.0]  # the fake clock does not move during a request: exactly one second
    assert second[Target(REPO)].texts["README.md"] == "old"
    clock.time += 5.0  # a write long ago needs no wait
    remote = read(pub, REPO)[Target(REPO)]
    pub.commit(Target(REPO), remote.branch, remote.head_oid, {"README.md": b"newer"}, "Update")
    assert clock.sleeps == [1.0]
