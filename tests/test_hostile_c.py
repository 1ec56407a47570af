"""HOSTILE-CASES C: GitHub API, commits and concurrency (C6-C8, C10-C18).

Rate-limit waits go through the publisher's injected clock and sleep, so they are asserted, not slept. C1-C5, C9
and C19 (no-op runs, stale heads, REST conflicts, ambiguous writes, concurrent runs, partial reads, pull-request
mode) are tested with the code that implements them.
"""

from __future__ import annotations

import ast
import base64
import json
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from itertools import pairwise
from pathlib import Path

import pytest
from fake_clock import FakeClock
from fakes.github import SECONDARY_RATE_LIMIT_MESSAGE, FakeGitHub, github_schema
from graphql import parse, validate
from oracle import TABLE_TAGS, read_table
from runner import ROOT, example_feed, run_entrypoint, runner_env, write_feed

from jobs_action.config.settings import Target
from jobs_action.errors import PublishError, RenderError
from jobs_action.publish.github import (
    COMMIT_MUTATION,
    WAIT_BUDGET,
    AmbiguousWrite,
    GitHubPublisher,
    StaleHead,
    build_read_query,
)
from jobs_action.render.markers import find_markers, has_markers, replace_section
from jobs_action.text import clean_text

REPO = "acme/awesome-backend-jobs"
OTHER = "acme/other-jobs"
EPOCH = 1_790_000_000  # the publisher's wall clock (epoch seconds) in these tests
SECTION_README = "# Mine\n\nIntro.\n\n<!-- JOBS:START -->\nold\n<!-- JOBS:END -->\n\nFooter.\n"


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with FakeGitHub() as server:
        server.add_repo(REPO, {"README.md": SECTION_README})
        yield server


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


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


def run(tmp_path: Path, fake: FakeGitHub, **inputs: str):
    sources = write_feed(tmp_path, example_feed())
    return run_entrypoint(runner_env(tmp_path, fake, {"sources": sources, **inputs}))


# --- C6 ---


@pytest.mark.parametrize("status", [403, 429])
def test_c6_primary_limit_waits_until_the_reset_plus_one_second(fake, clock, status):
    fake.fail_next(status, {"message": "API rate limit exceeded for installation ID 1."}, primary_headers(30), "query")
    result = read(publisher(fake, clock))[Target(REPO)]
    assert result.texts["README.md"] == SECTION_README
    assert clock.sleeps == [31.0]  # no request before the reset (+1 s)
    assert fake.count("query") == 2


def test_c6_a_reset_beyond_the_budget_fails_with_the_reset_time_without_waiting(fake, clock):
    fake.fail_next(403, {"message": "API rate limit exceeded for installation ID 1."}, primary_headers(3600), "query")
    with pytest.raises(PublishError) as raised:
        read(publisher(fake, clock))
    message = str(raised.value)
    reset = datetime.fromtimestamp(EPOCH + 3600, UTC)
    assert REPO in message and f"{reset:%Y-%m-%d %H:%M:%S} UTC" in message and str(EPOCH + 3600) in message
    assert clock.sleeps == [] and fake.count("query") == 1
    assert WAIT_BUDGET < 3600


def test_c6_graphql_rate_limited_in_a_200_is_waited_out_then_commits_once(fake, clock):
    errors = {"errors": [{"type": "RATE_LIMITED", "message": "API rate limit exceeded for user ID 1."}]}
    fake.fail_next(200, errors, primary_headers(10), "mutation")
    before = fake.commit_count(REPO)
    result = commit(publisher(fake, clock), fake)
    assert result.oid == fake.head(REPO) and fake.commit_count(REPO) == before + 1
    assert clock.sleeps == [11.0]


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


def test_c6_a_rate_limited_run_fails_its_targets_with_the_reset_time_and_exits_1(tmp_path, fake):
    reset = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 3 * 3600)}
    fake.fail_next(403, {"message": "API rate limit exceeded for installation ID 1."}, reset)
    result = run(tmp_path, fake)
    assert result.returncode == 1
    assert fake.count("mutation") == 0 and fake.file_bytes(REPO, "README.md") == SECTION_README.encode()
    (entry,) = result.report
    assert entry["status"] == "failed" and "resets at" in entry["error"] and REPO in entry["error"]


# --- C7 ---


def test_c7_secondary_limit_waits_retry_after(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, {"Retry-After": "17"}, "query")
    read(publisher(fake, clock))
    assert clock.sleeps == [17.0] and fake.count("query") == 2


@pytest.mark.parametrize("status", [403, 429])
def test_c7_secondary_limit_without_retry_after_waits_a_minute_then_doubles(fake, clock, status):
    fake.fail_next(status, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, kind="query", times=2)
    read(publisher(fake, clock))
    assert clock.sleeps == [60.0, 120.0] and fake.count("query") == 3


def test_c7_secondary_waits_are_bounded_by_count_and_budget(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, kind="query", times=10)
    with pytest.raises(PublishError, match="secondary rate limit"):
        read(publisher(fake, clock))
    assert clock.sleeps == [60.0, 120.0]  # the next wait (240 s) would pass the 300 s budget
    patient = FakeClock()
    with pytest.raises(PublishError, match="still limited after 3 waits"):
        read(publisher(fake, patient, wait_budget=10_000))
    assert patient.sleeps == [60.0, 120.0, 240.0]


def test_c7_a_secondary_limit_on_the_mutation_is_retried_safely(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, {"Retry-After": "5"}, "mutation")
    before = fake.commit_count(REPO)
    commit(publisher(fake, clock), fake)
    assert clock.sleeps == [5.0] and fake.commit_count(REPO) == before + 1


@pytest.mark.parametrize("message", ["Resource not accessible by integration", "Must have admin rights to Repository."])
def test_c7_a_permission_403_is_not_mistaken_for_a_rate_limit(fake, clock, message):
    fake.fail_next(403, {"message": message}, kind="query")
    with pytest.raises(PublishError) as raised:
        read(publisher(fake, clock))
    assert clock.sleeps == [] and fake.count("query") == 1
    assert "rate limit" not in str(raised.value) and "permissions: contents: write" in str(raised.value)


def test_c7_mutations_are_serial_and_at_least_one_second_apart(tmp_path, fake):
    """In real time, as the runner runs it: the publisher's own spacing, not a test clock, keeps writes apart."""
    fake.add_repo(OTHER, {})
    sources = write_feed(tmp_path, example_feed())
    env = runner_env(tmp_path, fake, {"sources": sources, "repositories": f"{REPO}\n{OTHER}"})
    result = run_entrypoint(env, subprocess=True)
    assert result.returncode == 0, result.stdout
    mutations = [record.timestamp for record in fake.requests if record.kind == "mutation"]
    assert len(mutations) == 2
    assert all(later - earlier >= 0.99 for earlier, later in pairwise(mutations)), mutations
    reads = [record.timestamp for record in fake.requests if record.kind == "query"]
    assert reads and reads[0] < mutations[0]


# --- B11 (GitHub's side; the sources' side is in test_hostile_b.py) ---

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


@pytest.mark.parametrize(("header", "status", "sleeps"), GITHUB_RETRY_AFTER)
def test_b11_github_retry_after_variants_are_honoured_without_a_crash(fake, clock, header, status, sleeps):
    headers = {"Retry-After": header} if header is not None else {}
    fake.fail_next(status, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, headers, "query")
    read(publisher(fake, clock))
    assert clock.sleeps == sleeps and fake.count("query") == 2


def test_b11_a_github_retry_after_of_hours_is_never_slept(fake, clock):
    fake.fail_next(403, {"message": SECONDARY_RATE_LIMIT_MESSAGE}, {"Retry-After": "21600"}, "query")
    with pytest.raises(PublishError, match="would pass this run's 300 s budget"):
        read(publisher(fake, clock))
    assert clock.sleeps == [] and fake.count("query") == 1


# --- C8 ---


def _assert_names_repo_and_write_fix(message: str, repository: str = REPO) -> None:
    assert repository in message
    assert "permissions: contents: write" in message
    assert "GitHub App token" in message and "fine-grained token" in message
    assert "GITHUB_TOKEN" in message


def test_c8_bad_credentials_are_not_retried_and_name_the_token_input(fake, clock):
    pub = GitHubPublisher("ghs_wrong", fake.api_url, fake.graphql_url, sleep=clock.sleep, clock=clock)
    with pytest.raises(PublishError) as raised:
        read(pub)
    assert "401" in str(raised.value) and "github-token" in str(raised.value) and REPO in str(raised.value)
    assert clock.sleeps == [] and fake.count() == 1


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
    _assert_names_repo_and_write_fix(str(raised.value))
    assert fake.count("mutation") == 1 and clock.sleeps == []


def test_c8_graphql_forbidden_and_permission_denied_name_the_fix(fake, clock):
    fake.set_permission(REPO, "READ")
    with pytest.raises(PublishError) as raised:
        commit(publisher(fake, clock), fake)
    assert "Resource not accessible by integration" in str(raised.value)
    _assert_names_repo_and_write_fix(str(raised.value))
    denied = {
        "errors": [
            {"type": "FORBIDDEN", "message": "Permission to acme/awesome-backend-jobs denied to github-actions[bot]."}
        ]
    }
    fake.set_permission(REPO, "WRITE")
    fake.fail_next(200, denied, kind="mutation")
    with pytest.raises(PublishError) as raised:
        commit(publisher(fake, clock), fake)
    _assert_names_repo_and_write_fix(str(raised.value))


def test_c8_a_missing_repository_fails_alone_with_the_token_advice(fake, clock):
    results = read(publisher(fake, clock), REPO, "acme/missing")
    assert results[Target(REPO)].texts["README.md"] == SECTION_README
    missing = results[Target("acme/missing")]
    assert isinstance(missing, PublishError) and "acme/missing" in str(missing) and "fine-grained token" in str(missing)


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


def test_c8_one_forbidden_target_fails_and_the_others_continue(tmp_path, fake):
    fake.add_repo(OTHER, {})
    fake.set_permission(REPO, "READ")
    result = run(tmp_path, fake, repositories=f"{REPO}\n{OTHER}")
    assert result.returncode == 1
    statuses = {entry["repository"]: entry for entry in result.report}
    assert statuses[OTHER]["status"] == "updated"
    assert statuses[REPO]["status"] == "failed"
    _assert_names_repo_and_write_fix(statuses[REPO]["error"])
    assert fake.count("mutation") == 2  # one each: the refusal is not retried
    assert fake.file_bytes(REPO, "README.md") == SECTION_README.encode()
    assert "::error title=List not published::" in result.stdout


def test_c8_bad_credentials_fail_every_target_and_exit_1(tmp_path, fake):
    env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed())})
    env["INPUT_GITHUB-TOKEN"] = "ghs_revoked"
    result = run_entrypoint(env)
    assert result.returncode == 1 and fake.count("mutation") == 0
    assert result.report[0]["status"] == "failed" and "github-token" in result.report[0]["error"]


# --- C10 ---

AMBIGUOUS = [
    ("a\nb\n", "no START"),
    ("<!-- JOBS:START -->\nimportant text\nmore\n", "no END"),
    ("x\n<!-- JOBS:END -->\ny\n", "no START"),
    ("<!-- JOBS:END -->\nx\n<!-- JOBS:START -->\n", "line 1) comes before"),
    ("<!-- JOBS:START -->\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n", "2 START (lines 1, 2)"),
    ("<!-- JOBS:START -->\n<!-- JOBS:END -->\n<!-- JOBS:END -->\n", "2 END (lines 2, 3)"),
    ("<!-- JOBS:START -->\na\n<!-- JOBS:START -->\nb\n<!-- JOBS:END -->\nc\n<!-- JOBS:END -->\n", "lines 1, 3"),
    ("```\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n```\n", "no START"),
    ("~~~\n<!-- JOBS:START -->\n~~~\n<!-- JOBS:END -->\n", "no START"),
    ("Use `<!-- JOBS:START -->` and `<!-- JOBS:END -->`.\n", "no START"),
]


@pytest.mark.parametrize(("text", "message"), AMBIGUOUS)
def test_c10_ambiguous_markers_fail_with_line_numbers_and_never_cut_the_file(text, message):
    with pytest.raises(RenderError, match=re.escape(message)):
        replace_section(text, "JOBS", "new")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a BOM, CRLF and no final newline
            "\ufeff# T\r\n\r\n<!-- JOBS:START -->\r\nold\r\n<!-- JOBS:END -->\r\nfoot",
            "\ufeff# T\r\n\r\n<!-- JOBS:START -->\r\na\r\nb\r\n<!-- JOBS:END -->\r\nfoot",
        ),
        (  # markers inside fenced blocks are text
            "```\n<!-- JOBS:START -->\n```\n<!-- JOBS:START -->\nold\n<!-- JOBS:END -->\n~~~\n<!-- JOBS:END -->\n~~~\n",
            "```\n<!-- JOBS:START -->\n```\n<!-- JOBS:START -->\na\nb\n<!-- JOBS:END -->\n"
            "~~~\n<!-- JOBS:END -->\n~~~\n",
        ),
        (  # another list's markers are kept; ours are re-emitted as found (no spaces)
            "<!-- OTHER:START -->\nx\n<!-- OTHER:END -->\n<!--JOBS:START-->\nold\n<!--JOBS:END-->\n",
            "<!-- OTHER:START -->\nx\n<!-- OTHER:END -->\n<!--JOBS:START-->\na\nb\n<!--JOBS:END-->\n",
        ),
    ],
)
def test_c10_bytes_outside_the_markers_newlines_and_bom_are_kept_exactly(text, expected):
    result = replace_section(text, "JOBS", "a\nb")
    assert result == expected
    assert replace_section(result, "JOBS", "a\nb") == result


def test_c10_spacing_variants_are_ours_and_other_case_or_names_are_not():
    assert has_markers("<!--JOBS:START-->\n<!--JOBS:END-->\n", "JOBS")  # pinned: spacing variants accepted
    assert has_markers("  <!--   JOBS:START   -->  \n", "JOBS")
    assert not has_markers("<!-- jobs:start -->\n<!-- jobs:end -->\n", "JOBS")  # pinned: case matters
    assert not has_markers("<!-- OTHER:START -->\n<!-- OTHER:END -->\n", "JOBS")
    assert find_markers(["<!-- JOBS:START --> trailing text"], "JOBS").starts == ()  # a marker is a whole line


def test_c10_an_ambiguous_readme_fails_its_target_with_line_numbers_and_writes_nothing(tmp_path, fake):
    broken = "# Mine\n<!-- JOBS:START -->\nold\n<!-- JOBS:START -->\n<!-- JOBS:END -->\nrest stays\n"
    fake.commit(REPO, {"README.md": broken})
    result = run(tmp_path, fake)
    assert result.returncode == 1 and fake.count("mutation") == 0
    assert fake.file_bytes(REPO, "README.md") == broken.encode()
    assert result.report[0]["status"] == "failed" and "lines 2, 4" in result.report[0]["error"]


# --- C11 ---


@pytest.mark.parametrize(
    ("current", "mode", "outcome"),
    [
        (None, "auto", "created"),
        (SECTION_README, "auto", "section"),
        ("<!-- Generated by Awesome Jobs Action: this file is rewritten on every run. -->\n# Old\n", "auto", "file"),
        ("# Hand-written\n\nNo markers.\n", "auto", "refused"),
        ("# Hand-written\n\nNo markers.\n", "section", "refused"),
    ],
)
def test_c11_auto_mode_decides_from_the_file(tmp_path, current, mode, outcome):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {"README.md": current} if current is not None else {})
        result = run(tmp_path, fake, mode=mode)
        written = fake.file_bytes(REPO, "README.md")
    if outcome == "refused":
        assert result.returncode == 1 and result.report[0]["status"] == "failed"
        assert written == current.encode() and "<!-- JOBS:START -->" in result.report[0]["error"]
        return
    assert result.returncode == 0, result.stdout
    text = written.decode()
    assert text.count("[Apply](") == 12
    if outcome == "section":
        assert text.startswith("# Mine\n\nIntro.\n\n<!-- JOBS:START -->\n*Updated on ") and text.endswith(
            "<!-- JOBS:END -->\n\nFooter.\n"
        )
    else:
        assert text.startswith("<!-- Generated by Awesome Jobs Action") and "# Awesome Backend Jobs" in text


# --- C12 ---


def test_c12_a_truncated_readme_is_never_treated_as_empty_or_overwritten(tmp_path):
    big = SECTION_README + "x" * 5000 + "\n"
    with FakeGitHub(truncate_at=1000) as fake:
        fake.add_repo(REPO, {"README.md": big})
        result = run(tmp_path, fake)
        assert fake.count("mutation") == 0 and fake.file_bytes(REPO, "README.md") == big.encode()
    assert result.returncode == 1
    assert result.report[0]["status"] == "failed" and "too large" in result.report[0]["error"]


def test_c12_a_binary_readme_is_refused(tmp_path):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {"README.md": b"\x89PNG\r\n\x1a\n\x00\x00"})
        result = run(tmp_path, fake)
        assert fake.count("mutation") == 0 and fake.file_bytes(REPO, "README.md").startswith(b"\x89PNG")
    assert result.returncode == 1 and "binary" in result.report[0]["error"]


# --- C13 ---


def test_c13_missing_default_and_slashed_branches(tmp_path):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {}, branch="trunk")
        fake.add_branch(REPO, "release/2026")
        result = run(tmp_path, fake, repositories=f"{REPO}\n{REPO}@release/2026\n{REPO}@missing")
        assert fake.file_bytes(REPO, "README.md", branch="trunk") is not None  # no branch: the default branch
        assert fake.file_bytes(REPO, "README.md", branch="release/2026") is not None
    statuses = [entry["status"] for entry in result.report]
    assert statuses == ["updated", "updated", "failed"]
    assert "branch 'missing' does not exist" in result.report[2]["error"]
    query = next(record for record in fake.requests if record.kind == "query")
    assert "refs/heads/release/2026" in json.dumps(query.variables) and "defaultBranchRef" in query.query


# --- C14 ---


def test_c14_contents_are_padded_base64_of_the_exact_bytes_of_a_crlf_bom_readme(tmp_path, fake):
    original = "\ufeff" + SECTION_README.replace("\n", "\r\n")
    fake.commit(REPO, {"README.md": original.encode()})
    result = run(tmp_path, fake)
    assert result.returncode == 0, result.stdout
    mutation = next(record for record in fake.requests if record.kind == "mutation")
    (addition,) = mutation.variables["input"]["fileChanges"]["additions"]
    contents = addition["contents"]
    assert len(contents) % 4 == 0 and "\n" not in contents
    written = base64.b64decode(contents, validate=True)
    assert written == fake.file_bytes(REPO, "README.md")
    assert written.startswith("\ufeff# Mine\r\n".encode()) and written.endswith(b"<!-- JOBS:END -->\r\n\r\nFooter.\r\n")
    assert b"\r\r" not in written and written.count(b"\n") == written.count(b"\r\n")


def test_c14_feed_text_never_enters_the_commit_message(tmp_path, fake):
    feed = example_feed()
    feed["jobs"][0]["title"] = "Backend [skip ci] Developer\nCo-authored-by: x <x@example.com>"
    feed["jobs"][0]["company"] = "[ci skip] Acme"
    result = run_entrypoint(runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, feed)}))
    assert result.returncode == 0, result.stdout
    mutation = next(record for record in fake.requests if record.kind == "mutation")
    message = mutation.variables["input"]["message"]
    assert (
        "\n" not in message["headline"]
        and "skip" not in json.dumps(message)
        and "Co-authored" not in json.dumps(message)
    )
    assert message["headline"] == "Update Awesome Backend Jobs: 12 jobs (+12 -0)"


@pytest.mark.parametrize("name", ["title", "commit-message"])
def test_c14_a_multi_line_headline_input_is_an_input_error(tmp_path, fake, name):
    result = run(tmp_path, fake, **{name: "Line one\nLine two"})
    assert result.returncode == 2 and fake.count() == 0
    assert f"{name}:" in result.stdout


# --- C15 ---


def test_c15_a_run_triggered_by_its_own_commit_is_a_no_op(tmp_path, fake):
    feed = example_feed()
    sources = write_feed(tmp_path, feed)
    first = run_entrypoint(runner_env(tmp_path, fake, {"sources": sources}))
    assert first.report[0]["status"] == "updated"
    fake.clear_requests()
    env = runner_env(tmp_path, fake, {"sources": sources})
    env["GITHUB_EVENT_NAME"] = "push"
    second = run_entrypoint(env)
    assert second.returncode == 0 and second.report[0]["status"] == "unchanged"
    assert fake.count("mutation") == 0 and second.outputs["changed"] == "false"


def test_c15_the_readme_recommends_paths_ignore_or_no_push_trigger():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "paths-ignore" in readme


# --- C16 ---


def test_c16_the_commit_mutation_carries_no_author_or_committer(tmp_path, fake):
    run(tmp_path, fake)
    mutation = next(record for record in fake.requests if record.kind == "mutation")
    assert set(mutation.variables["input"]) == {"branch", "expectedHeadOid", "message", "fileChanges"}
    assert set(mutation.variables["input"]["message"]) <= {"headline", "body"}


def test_c16_no_github_call_sets_an_author_or_committer():
    tree = ast.parse((ROOT / "jobs_action" / "publish" / "github.py").read_text(encoding="utf-8"))
    keywords = {node.arg for node in ast.walk(tree) if isinstance(node, ast.keyword)}
    strings = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    assert not {"author", "committer"} & (keywords | strings)


# --- C17 ---


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


def test_c17_the_fake_saw_no_invalid_document_in_a_full_run(tmp_path, fake):
    fake.add_repo(OTHER, {})
    run(tmp_path, fake, repositories=f"{REPO}\n{OTHER}@main")
    graphql = [record for record in fake.requests if record.kind in ("query", "mutation")]
    assert graphql and all(record.status == 200 for record in graphql)
    for record in graphql:
        assert None not in record.error_types, record.response  # GitHub-typed errors only, never a validation error
        assert validate(github_schema(), parse(record.query)) == []


# --- C18 ---

HOSTILE_TITLES = [
    "Acme | Senior Engineer | [Apply](https://phish.example)",
    "B\n> q",
    "<img src=x> <!-- JOBS:END -->",
    "`a|b` *x* www.evil.example",
]


def test_c18_dry_run_writes_nothing_and_previews_a_safe_table_in_the_summary(tmp_path, fake):
    feed = example_feed()
    for job, title in zip(feed["jobs"], HOSTILE_TITLES, strict=False):
        job["title"] = f"Backend Developer {title}"
    result = run_entrypoint(runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, feed), "dry-run": "true"}))
    assert result.returncode == 0, result.stdout
    assert fake.count("mutation") == 0
    assert not [record for record in fake.requests if record.kind == "rest" and record.method != "GET"]
    assert [entry["status"] for entry in result.report] == ["dry-run"]
    assert fake.file_bytes(REPO, "README.md") == SECTION_README.encode()
    lines = result.summary.split("\n")
    start = lines.index("| Company | Position | Location | Posted | Apply |")
    block = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        block.append(line)
    table = read_table("\n".join(block))
    assert set(table.tags) <= TABLE_TAGS | {"a"} and table.comments == 0 and table.tags.count("table") == 1
    assert len(table.rows) == 13 and all(len(row) == 5 for row in table.rows)
    assert [(row, cell) for row, cell, _ in table.links] == [(row, 4) for row in range(1, 13)]
    shown = {row[1].removesuffix(" 💰") for row in table.rows[1:]}
    for title in HOSTILE_TITLES:
        assert clean_text(f"Backend Developer {title}") in shown
