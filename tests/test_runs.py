"""Whole runs of the action for the hostile cases (tests/data/HOSTILE-CASES.md) that only a run shows: what it
reads, writes, prints and outputs when a source, the data, GitHub, an input or the event is hostile. Grouped by the
stage whose behaviour they check; the stages' own tests are in their files (test_http.py, test_publish.py, ...), the
everyday runs in test_end_to_end.py. ``run_entrypoint`` runs the action in this process against the fakes on
127.0.0.1, on a clock that skips its waits; ``subprocess=True`` starts entrypoint.py as the runner does."""

from __future__ import annotations

import base64
import json
import re
import time
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from fakes.github import FakeGitHub, github_schema
from fakes.sources import FakeSources, Reply, fixture_reply, json_reply
from graphql import parse, validate
from helpers import BAD_URLS, OTHER, OUTPUT_NAMES, REPO, SECTION_README, TOKEN, assert_names_repo_and_write_fix
from log_oracle import PAYLOADS, runner_commands
from oracle import TABLE_TAGS, read_table
from runner import ROOT, example_feed, run_entrypoint, runner_env, write_feed

from jobs_action.render.escape import WORD_JOINER
from jobs_action.sources import arbeitnow, himalayas, jobicy
from jobs_action.sources.feed import parse_feed
from jobs_action.sources.http import USER_AGENT
from jobs_action.text import clean_text


def run(tmp_path: Path, fake: FakeGitHub, **inputs: str):
    """A run on the bundled example feed, with ``inputs`` as a workflow's ``with:`` would give them."""
    sources = write_feed(tmp_path, example_feed())
    return run_entrypoint(runner_env(tmp_path, fake, {"sources": sources, **inputs}))


# --- Sources: a failed source is named, the others publish; each is fetched once, politely (A11, B2, B12, B14) ---


def test_a11_a_skipped_url_never_appears_in_any_output_and_is_logged_once(tmp_path):
    feed = example_feed()
    newest = feed["jobs"][0]["posted_at"]
    feed["jobs"] += [
        {"company": "Evil Co", "title": f"Bad {i}", "url": url, "posted_at": newest} for i, url in enumerate(BAD_URLS)
    ]
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, feed)})
        result = run_entrypoint(env, subprocess=True)
        readme = fake.file_bytes(REPO, "README.md").decode()
    assert result.returncode == 0, result.stdout
    everything = "\n".join([readme, result.stdout, result.stderr, result.summary, json.dumps(result.outputs)])
    for fragment in ("javascript", "JaVaScRiPt", "vbscript", "data:text", "file:///", "ftp://", "evil.example"):
        assert fragment not in everything
    assert "Evil Co" not in readme
    already = parse_feed(json.dumps(example_feed()).encode(), "x").skipped
    count = len(BAD_URLS) + sum(skipped.reason == "missing or non-http(s) url" for skipped in already)
    logged = [line for line in result.stdout.split("\n") if "non-http(s) url" in line]
    assert len(logged) == 1 and f"non-http(s) url: {count}" in logged[0]


def _two_source_run(tmp_path, fake, feed_server, bad: Reply):
    feed_server.route("/good.json", Reply(body=json.dumps(example_feed()).encode()))
    feed_server.route("/bad.json", bad)
    sources = f"json:{feed_server.url('/good.json')}\njson:{feed_server.url('/bad.json')}"
    return run_entrypoint(runner_env(tmp_path, fake, {"sources": sources}))


def test_b2_the_list_is_published_from_the_other_sources_and_the_failure_is_named(tmp_path):
    with FakeGitHub() as fake, FakeSources() as feed_server:
        fake.add_repo(REPO, {})
        result = _two_source_run(tmp_path, fake, feed_server, Reply(500, b"down", content_type="text/plain"))
        bad = f"json:{feed_server.url('/bad.json')}"
        assert fake.count("mutation") == 1
    assert result.returncode == 0, result.stdout
    assert result.report[0]["status"] == "updated"
    warnings = [line for line in result.stdout.split("\n") if line.startswith("::warning")]
    assert any(bad in line and "HTTP 500" in line for line in warnings), warnings
    failed_row = next(line for line in result.summary.split("\n") if "❌" in line)
    assert "bad.json" in failed_row and "HTTP 500" in failed_row


def test_b2_the_report_output_names_the_failed_source(tmp_path):
    with FakeGitHub() as fake, FakeSources() as feed_server:
        fake.add_repo(REPO, {})
        result = _two_source_run(tmp_path, fake, feed_server, Reply(503, b"down", content_type="text/plain"))
        bad = f"json:{feed_server.url('/bad.json')}"
    entry = result.report[0]
    assert bad in json.dumps(entry), (
        "HOSTILE-CASES B2: the `report` output must name a source that failed (for example a `failed_sources` "
        f"field of each list's entry); main.py/report.py do not put it there yet. Entry: {entry}"
    )


def test_b12_smartrecruiters_zero_postings_is_a_warning_naming_the_identifier(tmp_path):
    with FakeGitHub() as fake, FakeSources() as feed_server:
        fake.add_repo(REPO, {})
        feed_server.route("/postings", json_reply({"offset": 0, "limit": 100, "totalFound": 0, "content": []}))
        feed_server.route("/good.json", Reply(body=json.dumps(example_feed()).encode()))
        sources = f"smartrecruiters:{feed_server.url('/postings')}\njson:{feed_server.url('/good.json')}"
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": sources, "dry-run": "true"}))
    warnings = [line for line in result.stdout.split("\n") if line.startswith("::warning")]
    assert any("0 postings" in line and "check the company identifier" in line for line in warnings), (
        "HOSTILE-CASES B12: a SmartRecruiters board with zero postings must give a ::warning:: "
        '"0 postings; check the company identifier" (SourceOutcome.note carries it; main.log_sources must print '
        f"it). stdout: {result.stdout}"
    )


def _provider_routes(server: FakeSources) -> dict[str, str]:
    """The six default providers, each served from its recorded fixture on the fake source."""
    server.route("/remotive", fixture_reply("remotive.json"))
    server.route("/arbeitnow", fixture_reply("arbeitnow.json"))
    server.route("/remoteok", fixture_reply("remoteok.json"))
    server.route("/himalayas", fixture_reply("himalayas.json"))
    server.route("/jobicy", fixture_reply("jobicy.json"))
    server.route("/wwr", fixture_reply("wwr.xml"))
    names = ("remotive", "arbeitnow", "remoteok", "himalayas", "jobicy")
    return {
        **{name: f"{name}:{server.url('/' + name)}" for name in names},
        "weworkremotely": f"weworkremotely:{server.url('/wwr')}",
    }


def test_b14_five_lists_on_one_source_fetch_it_once_politely(tmp_path):
    with FakeGitHub() as fake, FakeSources() as server:
        server.route("/remotive", fixture_reply("remotive.json"))
        spec = f"remotive:{server.url('/remotive')}"
        lists = []
        for n in range(5):
            fake.add_repo(f"acme/list-{n}", {})
            lists.append({"name": f"list-{n}", "repository": f"acme/list-{n}", "category": "all", "sources": spec})
        (tmp_path / "lists.yml").write_text(yaml.safe_dump({"lists": lists, "defaults": {"max-age-days": 365}}))
        env = runner_env(tmp_path, fake, {"config": "lists.yml", "dry-run": "true", "github-token": fake.token})
        result = run_entrypoint(env)
        requests = list(server.requests)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert len(requests) == 1
    assert requests[0].headers["user-agent"] == USER_AGENT and "github.com" in USER_AGENT
    assert "authorization" not in requests[0].headers and fake.token not in json.dumps(requests[0].headers)


def test_b14_a_full_run_of_the_default_sources_requests_each_page_once(tmp_path):
    with FakeGitHub() as fake, FakeSources() as server:
        fake.add_repo(REPO, {})
        sources = _provider_routes(server)
        env = runner_env(tmp_path, fake, {"sources": "\n".join(sources.values()), "dry-run": "true", "category": "all",
                                         "max-age-days": "365"})  # fmt: skip
        result = run_entrypoint(env)
        requests = list(server.requests)
    assert "::warning" not in result.stdout, result.stdout
    paths = [request.path for request in requests]
    assert len(paths) == len(set(paths)), paths  # no page twice
    caps = {"arbeitnow": arbeitnow.MAX_PAGES, "himalayas": himalayas.MAX_PAGES, "jobicy": jobicy.MAX_PAGES}
    for name in sources:
        count = sum(path.split("?")[0] == "/" + ("wwr" if name == "weworkremotely" else name) for path in paths)
        assert 1 <= count <= caps.get(name, 1), (name, paths)
    for request in requests:
        assert request.headers["user-agent"] == USER_AGENT
        assert "authorization" not in request.headers and "cookie" not in request.headers
        assert fake.token not in json.dumps(request.headers) + request.path


# --- Render and plan: what is written, and what is refused (A14, A16, C10-C12) ---


def test_a14_an_oversized_list_fails_its_target_and_writes_nothing(tmp_path):
    newest = example_feed()["jobs"][0]["posted_at"]
    jobs = [
        {
            "company": f"Company {n} " * 6,
            "title": "Senior Backend Engineer (Python, Go) " * 3,
            "url": f"https://x.example/jobs/{n}",
            "posted_at": newest,
            "location": "Berlin, Germany",
        }
        for n in range(3000)
    ]
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        feed = write_feed(tmp_path, {"jobs": jobs})
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": feed, "max-jobs": "100000"}))
        assert fake.count("mutation") == 0 and fake.file_bytes(REPO, "README.md") is None
    assert result.returncode == 1
    assert result.report[0]["status"] == "failed" and "max-jobs" in result.report[0]["error"]
    assert len(result.summary.encode()) < 1024 * 1024


def test_a16_committed_bytes_are_utf8_emoji_without_mojibake_or_bom(tmp_path):
    now_feed = example_feed()
    newest = now_feed["jobs"][0]["posted_at"]
    now_feed["jobs"] += [
        {"company": "Zü AG", "title": "Backend Dev", "url": "https://x.example/zh", "posted_at": newest,
         "location": "Zürich"},
        {"company": "Remote Co", "title": "Backend Dev", "url": "https://x.example/r", "posted_at": newest,
         "remote": True, "location": "Remote"},
        {"company": "Paid Co", "title": "Backend Engineer", "url": "https://x.example/p", "posted_at": newest,
         "location": "Berlin", "salary": "€90k"},
    ]  # fmt: skip
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, now_feed)}))
        mutation = next(record for record in fake.requests if record.kind == "mutation")
    assert result.returncode == 0, result.stdout
    contents = mutation.variables["input"]["fileChanges"]["additions"][0]["contents"]
    committed = base64.b64decode(contents, validate=True)
    assert "📍 Zürich".encode() in committed and b"\xf0\x9f\x93\x8d" in committed
    assert "🌐 Remote".encode() in committed and "Backend Engineer 💰".encode() in committed
    for mojibake in ("ğŸ", "ðŸ", "Ã"):
        assert mojibake.encode() not in committed
    assert not committed.startswith(b"\xef\xbb\xbf")
    committed.decode("utf-8")  # strict


@pytest.mark.usefixtures("fake_with_readme")
def test_c10_an_ambiguous_readme_fails_its_target_with_line_numbers_and_writes_nothing(tmp_path, fake):
    broken = "# Mine\n<!-- JOBS:START -->\nold\n<!-- JOBS:START -->\n<!-- JOBS:END -->\nrest stays\n"
    fake.commit(REPO, {"README.md": broken})
    result = run(tmp_path, fake)
    assert result.returncode == 1 and fake.count("mutation") == 0
    assert fake.file_bytes(REPO, "README.md") == broken.encode()
    assert result.report[0]["status"] == "failed" and "lines 2, 4" in result.report[0]["error"]


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


# --- Publish: rate limits, permissions, branches, commits (C6-C8, C13-C17) ---


@pytest.mark.usefixtures("fake_with_readme")
def test_c6_a_rate_limited_run_fails_its_targets_with_the_reset_time_and_exits_1(tmp_path, fake):
    reset = {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 3 * 3600)}
    fake.fail_next(403, {"message": "API rate limit exceeded for installation ID 1."}, reset)
    result = run(tmp_path, fake)
    assert result.returncode == 1
    assert fake.count("mutation") == 0 and fake.file_bytes(REPO, "README.md") == SECTION_README.encode()
    (entry,) = result.report
    assert entry["status"] == "failed" and "resets at" in entry["error"] and REPO in entry["error"]


@pytest.mark.usefixtures("fake_with_readme")
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


@pytest.mark.usefixtures("fake_with_readme")
def test_c8_one_forbidden_target_fails_and_the_others_continue(tmp_path, fake):
    fake.add_repo(OTHER, {})
    fake.set_permission(REPO, "READ")
    result = run(tmp_path, fake, repositories=f"{REPO}\n{OTHER}")
    assert result.returncode == 1
    statuses = {entry["repository"]: entry for entry in result.report}
    assert statuses[OTHER]["status"] == "updated"
    assert statuses[REPO]["status"] == "failed"
    assert_names_repo_and_write_fix(statuses[REPO]["error"])
    assert fake.count("mutation") == 2  # one each: the refusal is not retried
    assert fake.file_bytes(REPO, "README.md") == SECTION_README.encode()
    assert "::error title=List not published::" in result.stdout


@pytest.mark.usefixtures("fake_with_readme")
def test_c8_bad_credentials_fail_every_target_and_exit_1(tmp_path, fake):
    env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed())})
    env["INPUT_GITHUB-TOKEN"] = "ghs_revoked"
    result = run_entrypoint(env)
    assert result.returncode == 1 and fake.count("mutation") == 0
    assert result.report[0]["status"] == "failed" and "github-token" in result.report[0]["error"]


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


@pytest.mark.usefixtures("fake_with_readme")
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


@pytest.mark.usefixtures("fake_with_readme")
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


@pytest.mark.usefixtures("fake_with_readme")
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


@pytest.mark.usefixtures("fake_with_readme")
def test_c16_the_commit_mutation_carries_no_author_or_committer(tmp_path, fake):
    run(tmp_path, fake)
    mutation = next(record for record in fake.requests if record.kind == "mutation")
    assert set(mutation.variables["input"]) == {"branch", "expectedHeadOid", "message", "fileChanges"}
    assert set(mutation.variables["input"]["message"]) <= {"headline", "body"}


@pytest.mark.usefixtures("fake_with_readme")
def test_c17_the_fake_saw_no_invalid_document_in_a_full_run(tmp_path, fake):
    fake.add_repo(OTHER, {})
    run(tmp_path, fake, repositories=f"{REPO}\n{OTHER}@main")
    graphql = [record for record in fake.requests if record.kind in ("query", "mutation")]
    assert graphql and all(record.status == 200 for record in graphql)
    for record in graphql:
        assert None not in record.error_types, record.response  # GitHub-typed errors only, never a validation error
        assert validate(github_schema(), parse(record.query)) == []


# --- Inputs: both spellings read, a bad one refused with exit 2 before any request (C14, D6, D7) ---


@pytest.mark.usefixtures("fake_with_readme")
@pytest.mark.parametrize("name", ["title", "commit-message"])
def test_c14_a_multi_line_headline_input_is_an_input_error(tmp_path, fake, name):
    result = run(tmp_path, fake, **{name: "Line one\nLine two"})
    assert result.returncode == 2 and fake.count() == 0
    assert f"{name}:" in result.stdout


def test_d6_both_spellings_are_read_and_an_empty_string_means_not_given(tmp_path):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed())})
        env["INPUT_GITHUB_TOKEN"] = env.pop("INPUT_GITHUB-TOKEN")  # the underscore spelling
        env["INPUT_MAX_JOBS"] = "3"
        env["INPUT_MAX-AGE-DAYS"] = ""  # empty: the default
        env["INPUT_MODE"] = ""
        result = run_entrypoint(env)
    assert result.returncode == 0, result.stdout
    assert result.outputs["jobs-count"] == "3" and result.report[0]["status"] == "updated"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("max-age-days", "abc", "max-age-days:"),
        ("max-age-days", "-1", "max-age-days:"),
        ("repositories", "not a repo", "repositories:"),
        ("path", "../x", "path:"),
        ("path", "/etc/passwd", "path:"),
        ("mode", "foo", "mode:"),
        ("date-format", "%b\n%d", "date-format:"),
    ],
)
def test_d6_invalid_inputs_exit_2_naming_the_input_before_anything_is_requested(tmp_path, name, value, expected):
    with FakeGitHub() as fake, FakeSources() as server:
        fake.add_repo(REPO, {})
        server.route("/feed.json", Reply(body=json.dumps(example_feed()).encode()))
        env = runner_env(tmp_path, fake, {"sources": f"json:{server.url('/feed.json')}", name: value})
        result = run_entrypoint(env)
        assert server.requests == [] and fake.requests == []
    assert result.returncode == 2
    errors = [c for c in runner_commands(result.stdout) if c.name == "error"]
    assert len(errors) == 1 and errors[0].data.startswith(expected)


@pytest.mark.parametrize(
    ("config", "content"),
    [
        ("../../etc/passwd", None),
        ("lists.yml", "!!python/object/apply:os.system ['touch pwned']\n"),
        ("lists.yml", "lists:\n  - name: x\n    category: !!python/object/apply:os.system ['touch pwned']\n"),
    ],
)
def test_d7_config_outside_the_workspace_or_with_yaml_tags_is_refused(tmp_path, config, content):
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    if content is not None:
        (workspace / config).write_text(content, encoding="utf-8")
    with FakeGitHub() as fake:
        result = run_entrypoint(runner_env(workspace, fake, {"config": config}))
        assert fake.requests == []
    assert result.returncode == 2 and "config:" in result.stdout
    assert not (workspace / "pwned").exists() and not Path("pwned").exists()


# --- Report: the log, the token, the outputs and the summary (C18, D1-D5) ---


def _hostile_feed() -> dict:
    feed = example_feed()
    for job, payload in zip(feed["jobs"], PAYLOADS, strict=False):
        job["title"] = f"Backend Developer {payload}"
        job["company"] = payload
    return feed


def test_d1_a_run_with_hostile_titles_and_error_bodies_prints_only_its_own_commands(tmp_path):
    with FakeGitHub() as fake, FakeSources() as server:
        fake.token = TOKEN
        fake.add_repo(REPO, {})
        server.route("/bad", Reply(500, "\n".join(PAYLOADS).encode(), content_type="text/plain"))
        sources = f"{write_feed(tmp_path, _hostile_feed())}\njson:{server.url('/bad')}"
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": sources}))
    assert result.returncode == 0, result.stdout
    commands = runner_commands(result.stdout)
    assert commands[0].name == "add-mask" and commands[0].data == TOKEN
    assert {c.name for c in commands[1:]} <= {"warning", "error", "notice", "group", "endgroup"}
    failed = [c for c in commands if c.properties.get("title") == "Source failed"]
    assert len(failed) == 1 and "bad" in failed[0].data  # the failed source, once; its body stays inside it
    others = [c for c in commands[1:] if c not in failed]
    assert not any(word in c.data for c in others for word in ("pwned", "abcdefgh", "Engineer"))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", result.stdout)


def test_d2_annotations_about_other_repositories_carry_no_file_property(tmp_path):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {}, writable=False)
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed())})
        env["INPUT_REPOSITORIES"] = f"{REPO}\nacme/not-there"
        result = run_entrypoint(env)
    annotations = [c for c in runner_commands(result.stdout) if c.name in ("error", "warning", "notice")]
    assert annotations and all(set(c.properties) <= {"title"} for c in annotations)
    assert any("acme/not-there" in c.data for c in annotations)


def _everything_printed(result) -> str:
    lines = result.stdout.split("\n")
    return "\n".join([*lines[1:], result.stderr, result.summary, json.dumps(result.outputs)])


def _assert_token_never_leaks(result, fake: FakeGitHub, sources: FakeSources | None = None) -> None:
    assert result.stdout.split("\n")[0] == f"::add-mask::{TOKEN}"
    assert TOKEN not in _everything_printed(result)
    assert TOKEN[:40] not in _everything_printed(result)  # not even a prefix
    for repository in ("acme/awesome-backend-jobs",):
        try:
            files = fake.files(repository)
        except KeyError:
            continue
        assert all(TOKEN.encode() not in content for content in files.values())
    for record in fake.requests:
        assert TOKEN not in record.path and TOKEN not in json.dumps(record.body)
    for request in sources.requests if sources else []:
        assert TOKEN not in request.path + json.dumps(request.headers)
        assert "authorization" not in request.headers


FAULTS = {
    "401": lambda fake: setattr(fake, "token", "ghs_something_else"),
    "403": lambda fake: fake.fail_next(403, {"message": "Resource not accessible by integration"}),
    "500": lambda fake: fake.fail_next(500, kind="query"),
    "graphql-errors": lambda fake: fake.fail_next(
        200, {"errors": [{"type": "INTERNAL", "message": f"Something went wrong with token {TOKEN}"}]}
    ),
    "mutation-502": lambda fake: fake.fail_next(502, f"<html>Bad gateway {TOKEN}</html>", kind="mutation", times=5),
    "none": lambda fake: None,
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_d3_the_token_is_masked_first_and_never_appears_anywhere(tmp_path, fault):
    with FakeGitHub(token=TOKEN) as fake, FakeSources() as server:
        fake.add_repo(REPO, {})
        server.route("/remotive", fixture_reply("remotive.json"))
        FAULTS[fault](fake)
        sources = f"{write_feed(tmp_path, example_feed())}\nremotive:{server.url('/remotive')}"
        env = runner_env(tmp_path, fake, {"sources": sources})
        env["INPUT_GITHUB-TOKEN"] = TOKEN
        env["RUNNER_DEBUG"] = "1"  # debug logging on the runner must not turn on HTTP header dumps
        env["ACTIONS_STEP_DEBUG"] = "true"
        result = run_entrypoint(env)
        _assert_token_never_leaks(result, fake, server)
    assert "send: b'" not in result.stdout + result.stderr and "Authorization" not in result.stdout + result.stderr


def test_d4_a_run_writes_exactly_the_five_outputs_and_never_github_env_or_path(tmp_path):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed())})
        for name in ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE"):
            env[name] = str(tmp_path / name)
            (tmp_path / name).write_text("", encoding="utf-8")
        result = run_entrypoint(env)
    assert set(result.outputs) == OUTPUT_NAMES
    for name in ("GITHUB_ENV", "GITHUB_PATH", "GITHUB_STATE"):
        assert (tmp_path / name).read_text(encoding="utf-8") == ""
    package = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "jobs_action").rglob("*.py"))
    assert "GITHUB_ENV" not in package and "GITHUB_PATH" not in package


HOSTILE_TITLES = [
    "Acme | Senior Engineer | [Apply](https://phish.example)",
    "B\n> q",
    "<img src=x> <!-- JOBS:END -->",
    "`a|b` *x* www.evil.example",
]


@pytest.mark.usefixtures("fake_with_readme")
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


def _tables(markdown: str) -> Iterator[str]:
    block: list[str] = []
    for line in [*markdown.split("\n"), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            yield "\n".join(block)
            block = []


def test_d5_the_summary_tables_and_preview_pass_the_render_oracle(tmp_path):
    with FakeGitHub() as fake, FakeSources() as server:
        fake.add_repo(REPO, {})
        server.route(
            "/bad",
            Reply(503, b"| x | <img src=x> [a](https://e.example) <!-- JOBS:END -->\n# h", content_type="text/plain"),
        )
        sources = f"{write_feed(tmp_path, _hostile_feed())}\njson:{server.url('/bad')}"
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": sources, "dry-run": "true"}))
    tables = list(_tables(result.summary))
    assert len(tables) == 2  # the sources and the list preview
    widths = []
    for markdown in tables:
        table = read_table(markdown)
        assert set(table.tags) <= TABLE_TAGS | {"a"} and table.comments == 0 and table.tags.count("table") == 1
        assert len({len(row) for row in table.rows}) == 1
        widths.append(len(table.rows[0]))
    assert widths == [4, 5]
    sources_table, preview = (read_table(markdown) for markdown in tables)
    assert sources_table.links == [] and not any("img" in cell for row in sources_table.rows for cell in row)
    assert any("HTTP 503" in cell and " bytes" in cell for row in sources_table.rows for cell in row)  # no body text
    assert [(row, cell) for row, cell, _ in preview.links] == [(row, 4) for row in range(1, len(preview.rows))]
    companies = {row[0].replace(WORD_JOINER, "") for row in preview.rows[1:]}
    assert clean_text("::stop-commands::abcdefgh") in companies


def test_d5_a_preview_over_one_mib_is_cut_at_a_row_with_a_note(tmp_path):
    newest = example_feed()["jobs"][0]["posted_at"]
    jobs = [
        {"company": f"Ünïcödé Company {n} " * 4, "title": "Senior Backend Engineer (Python, Go) " * 3,
         "url": f"https://x.example/jobs/{n}", "posted_at": newest, "location": "Zürich, Switzerland"}
        for n in range(6000)
    ]  # fmt: skip
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, {"jobs": jobs}), "dry-run": "true",
                                         "max-jobs": "100000"})  # fmt: skip
        run_entrypoint(env)
    data = (tmp_path / "_step_summary").read_bytes()
    assert 900 * 1024 < len(data) < 1024 * 1024
    text = data.decode("utf-8")
    assert "reached GitHub's size limit (1 MiB)" in text and "more lines left out" in text
    rows = [line for line in text.split("\n") if line.startswith("| ")]
    assert rows and all(row.endswith(" |") for row in rows)  # never cut mid-row


# --- The process and the event: no shell, no writes from a pull request (D7, D10) ---


def test_d7_shell_syntax_in_inputs_and_feed_data_is_only_text(tmp_path):
    feed = example_feed()
    feed["jobs"][0]["title"] = "Backend $(touch pwned) `touch pwned`; rm -rf / --force"
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        env = runner_env(
            tmp_path, fake, {"sources": write_feed(tmp_path, feed), "title": "Jobs $(touch pwned) --force"}
        )
        result = run_entrypoint(env, subprocess=True)  # it runs in tmp_path: a shell would create tmp_path/pwned
        readme = fake.file_bytes(REPO, "README.md").decode()
    assert result.returncode == 0, result.stdout
    assert not (tmp_path / "pwned").exists()
    assert "# Jobs $(touch pwned) --force" in readme and "; rm -rf / --force" in readme


def _event_run(tmp_path: Path, event: str, payload: dict | None):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed())})
        env["GITHUB_EVENT_NAME"] = event
        if payload is not None:
            (tmp_path / "event.json").write_text(json.dumps(payload), encoding="utf-8")
            env["GITHUB_EVENT_PATH"] = str(tmp_path / "event.json")
        result = run_entrypoint(env)
        writes = fake.count("mutation") + len([r for r in fake.requests if r.kind == "rest" and r.method != "GET"])
    return result, writes


def _pull_request_event(head: str, base: str) -> dict:
    return {"pull_request": {"head": {"repo": {"full_name": head}}, "base": {"repo": {"full_name": base}}}}


@pytest.mark.parametrize(
    ("event", "payload"),
    [
        ("pull_request_target", _pull_request_event("fork/awesome-backend-jobs", REPO)),
        ("pull_request", _pull_request_event("fork/awesome-backend-jobs", REPO)),
        ("pull_request", None),
    ],
)
def test_d10_pull_request_events_write_nothing_and_warn(tmp_path, event, payload):
    result, writes = _event_run(tmp_path, event, payload)
    assert writes == 0
    assert result.returncode == 0  # pinned: a preview, not a failure
    assert [entry["status"] for entry in result.report] == ["dry-run"]
    warnings = [c for c in runner_commands(result.stdout) if c.name == "warning"]
    assert len(warnings) == 1 and event in warnings[0].data


def test_d10_a_same_repository_pull_request_writes_nothing_either(tmp_path):
    result, writes = _event_run(tmp_path, "pull_request", _pull_request_event(REPO, REPO))
    assert writes == 0, (
        "HOSTILE-CASES D10: on any `pull_request` event the action must not write (main._event_refuses_writes "
        "still writes for a pull request from the same repository)."
    )
    warnings = [c for c in runner_commands(result.stdout) if c.name == "warning"]
    assert len(warnings) == 1 and "pull_request" in warnings[0].data


def test_a_list_credits_only_the_sources_that_gave_it_a_row_each_once():
    """A one-row list does not credit thirteen sources; two feeds of one host credit it once."""
    from factories import make_job

    from jobs_action.app import credits_for
    from jobs_action.sources import SourceOutcome
    from jobs_action.sources.spec import SourceSpec

    specs = [SourceSpec("remotive", ""), SourceSpec("arbeitnow", ""), SourceSpec("json", "https://a.example/1.json"),
             SourceSpec("json", "https://a.example/2.json")]  # fmt: skip
    outcomes = [SourceOutcome(spec) for spec in specs]
    jobs = [make_job(source="remotive"), make_job(source="json:https://a.example/1.json"),
            make_job(source="json:https://a.example/2.json")]  # fmt: skip
    credits = credits_for(jobs, outcomes)
    assert [credit.name for credit in credits] == ["Remotive", "a.example"]
    assert [credit.name for credit in credits_for([], outcomes[:2])] == ["Remotive", "Arbeitnow"]
