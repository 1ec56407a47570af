"""The action end to end: ``entrypoint.py`` in a subprocess, a stateful fake GitHub and a fake feed on 127.0.0.1."""

from __future__ import annotations

import base64
import json

import pytest
from fakes.sources import FakeSources, json_reply
from runner import example_feed, run_entrypoint, runner_env, write_feed

REPO = "acme/awesome-backend-jobs"
SECTION_README = (
    "# My backend jobs\n\nHand-written intro. Ünïcödé stays.\n\n<!-- JOBS:START -->\nold table\n<!-- JOBS:END -->\n"
    "\n## Footer\nno final newline"
)


@pytest.fixture
def workspace(tmp_path):
    return tmp_path


def run(workspace, fake, feed=None, subprocess=False, **inputs):
    sources = write_feed(workspace, feed or example_feed())
    env = runner_env(workspace, fake, {"sources": sources, "link-query": "utm=github", **inputs})
    return run_entrypoint(env, subprocess=subprocess)


def test_changed_list_costs_one_query_and_one_mutation(workspace, fake):
    fake.add_repo(REPO, {"LICENSE": "MIT"})
    result = run(workspace, fake, subprocess=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (fake.count("query"), fake.count("mutation")) == (1, 1)
    readme = fake.file_bytes(REPO, "README.md")
    assert readme is not None
    text = readme.decode("utf-8")
    assert text.count("[Apply](") == 12
    assert "📍 Bengaluru East, Karnataka, India".encode() in readme
    assert b"\xf0\x9f\x93\x8d" in readme and "ğŸ".encode() not in readme and "Ã".encode() not in readme
    assert fake.file_bytes(REPO, "LICENSE") == b"MIT"
    assert result.outputs["changed"] == "true"
    assert result.outputs["jobs-count"] == "12"
    assert result.outputs["commit-sha"] == fake.head(REPO)
    assert result.outputs["commit-url"].endswith(fake.head(REPO))
    assert result.report[0] | {"commit_sha": ""} == {
        "list": "backend",
        "repository": REPO,
        "status": "updated",
        "jobs": 12,
        "added": 12,
        "removed": 0,
        "commit_sha": "",
        "pull_request_url": "",
        "error": "",
        "failed_sources": [],
    }
    assert fake.commit_record(REPO).headline == "Update Awesome Backend Jobs: 12 jobs (+12 -0)"


def test_c1_second_run_with_same_jobs_makes_no_commit(workspace, fake):
    fake.add_repo(REPO, {})
    feed = example_feed()
    assert run(workspace, fake, feed).returncode == 0
    fake.clear_requests()
    second = run(workspace, fake, feed)
    assert second.returncode == 0
    assert (fake.count("query"), fake.count("mutation")) == (1, 0)
    assert second.outputs["changed"] == "false"
    assert second.report[0]["status"] == "unchanged"
    assert fake.commit_count(REPO) == 2  # the initial commit and the first run's


def test_c1_a_change_of_the_date_line_alone_makes_no_commit(workspace, fake):
    fake.add_repo(REPO, {})
    feed = example_feed()
    run(workspace, fake, feed)
    text = fake.file_bytes(REPO, "README.md").decode()
    stale = "\n".join(
        "*Updated on 2001-01-01*" if line.startswith("*Updated on") else line for line in text.split("\n")
    )
    fake.commit(REPO, {"README.md": stale})
    fake.clear_requests()
    result = run(workspace, fake, feed)
    assert result.report[0]["status"] == "unchanged"
    assert fake.count("mutation") == 0
    assert fake.file_bytes(REPO, "README.md").decode() == stale


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_section_mode_keeps_every_byte_outside_the_markers(workspace, fake, newline):
    original = ("\ufeff" + SECTION_README).replace("\n", newline)
    fake.add_repo(REPO, {"README.md": original.encode()})
    result = run(workspace, fake)
    assert result.returncode == 0, result.stdout
    written = fake.file_bytes(REPO, "README.md").decode()
    before, after = original.split(f"<!-- JOBS:START -->{newline}old table{newline}")
    assert written.startswith(before + "<!-- JOBS:START -->" + newline + "*Updated on ")
    assert written.endswith(after)
    inner = written[len(before) : len(written) - len(after)]
    assert inner.count(newline) == inner.count("\n")  # the section uses the file's line ending
    assert inner.count("[Apply](") == 12


def test_hand_written_readme_without_markers_is_refused(workspace, fake):
    fake.add_repo(REPO, {"README.md": "# My list\n\nDo not touch.\n"})
    result = run(workspace, fake)
    assert result.returncode == 1
    assert fake.count("mutation") == 0
    assert fake.file_bytes(REPO, "README.md") == b"# My list\n\nDo not touch.\n"
    assert result.report[0]["status"] == "failed"
    assert "<!-- JOBS:START -->" in result.report[0]["error"]
    assert "::error title=List not published::" in result.stdout


def test_c2_concurrent_commit_is_retried_and_its_files_survive(workspace, fake):
    fake.add_repo(REPO, {"README.md": SECTION_README})
    pushed = []

    def someone_pushes(server, mutation_input):
        if not pushed:
            pushed.append(
                server.commit(
                    REPO,
                    {
                        "NOTES.md": "pushed meanwhile",
                        "README.md": "Intro edited meanwhile\n" + SECTION_README,
                    },
                )
            )

    fake.before_mutation = someone_pushes
    result = run(workspace, fake)
    assert result.returncode == 0, result.stdout
    assert (fake.count("query"), fake.count("mutation")) == (2, 2)
    assert fake.file_bytes(REPO, "NOTES.md") == b"pushed meanwhile"
    readme = fake.file_bytes(REPO, "README.md").decode()
    assert readme.startswith("Intro edited meanwhile\n# My backend jobs")
    assert readme.count("[Apply](") == 12
    assert fake.commit_record(REPO).parent == pushed[0]


def test_c2_a_branch_that_keeps_moving_fails_after_three_attempts(workspace, fake):
    fake.add_repo(REPO, {"README.md": SECTION_README})
    fake.before_mutation = lambda server, _: server.commit(REPO, {"NOTES.md": str(server.commit_count(REPO))})
    result = run(workspace, fake)
    assert result.returncode == 1
    assert fake.count("mutation") == 3
    assert result.report[0]["status"] == "failed"
    assert "gave up after 3 attempts" in result.report[0]["error"]


def test_c4_a_write_that_landed_before_a_502_counts_as_one_commit(workspace, fake):
    fake.add_repo(REPO, {})
    fake.apply_then_fail_next_mutation(502)
    result = run(workspace, fake)
    assert result.returncode == 0, result.stdout
    assert result.report[0]["status"] == "updated"
    assert fake.commit_count(REPO) == 2
    assert result.outputs["commit-sha"] == fake.head(REPO)


def test_dry_run_writes_nothing_and_previews_in_the_summary(workspace, fake):
    fake.add_repo(REPO, {})
    result = run(workspace, fake, **{"dry-run": "true"})
    assert result.returncode == 0
    assert fake.count("mutation") == 0
    assert result.report[0]["status"] == "dry-run"
    assert result.outputs["changed"] == "false"
    assert "| Motive | Software Engineer - Backend |" in result.summary


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("max-age-days", "abc", "max-age-days: expected a whole number"),
        ("max-age-days", "-1", "max-age-days: expected a whole number from 1"),
        ("max-jobs", "0", "max-jobs: expected a whole number"),
        ("repositories", "not a repo", "repositories: expected `owner/name`"),
        ("path", "../x", "path: '../x' must be a relative path"),
        ("path", "/etc/passwd", "path: '/etc/passwd' must be a relative path"),
        ("mode", "foo", "mode: expected one of auto, file, section"),
        ("category", "plumbing", "category:"),
        ("sources", "ftp:x", "sources: expected one of json:URL, file:PATH,"),
        ("date-format", "%b\n%d", "date-format: expected a one-line strftime format"),
        ("commit-message", "Update {nope}", "commit-message: expected text with the placeholders"),
        ("title", "Line\nbreak", "title: expected a single line"),
        ("link-query", "a b", "link-query: expected `key=value` pairs"),
        ("dry-run", "maybe", "dry-run: expected `true` or `false`"),
        ("location", "Nowhereland Xyz", "location:"),
        ("seniority", "mid", "seniority: expected"),
        ("min-salary", "lots", "min-salary:"),
    ],
)
def test_invalid_input_exits_2_before_any_request(workspace, fake, name, value, message):
    fake.add_repo(REPO, {})
    with FakeSources() as feed_server:
        feed_server.route("/jobs.json", json_reply(example_feed()))
        env = runner_env(workspace, fake, {"sources": f"json:{feed_server.url('/jobs.json')}", name: value})
        if name == "sources":
            env["INPUT_SOURCES"] = value
        result = run_entrypoint(env)
        assert result.returncode == 2
        assert message in result.stdout
        assert "::error title=Invalid input::" in result.stdout
        assert feed_server.requests == []
    assert fake.requests == []


def test_underscore_spelling_of_inputs_is_read(workspace, fake):
    fake.add_repo(REPO, {})
    env = runner_env(workspace, fake, {"sources": write_feed(workspace, example_feed())})
    env["INPUT_MAX_JOBS"] = "3"
    result = run_entrypoint(env, subprocess=True)
    assert result.outputs["jobs-count"] == "3"


def test_json_source_over_http_feeds_the_list(workspace, fake):
    fake.add_repo(REPO, {})
    with FakeSources() as feed_server:
        feed_server.route("/jobs.json", json_reply(example_feed(), content_type="text/plain"))
        env = runner_env(workspace, fake, {"sources": f"json:{feed_server.url('/jobs.json')}"})
        result = run_entrypoint(env)
        assert result.returncode == 0, result.stdout
        assert len(feed_server.requests) == 1
        assert "authorization" not in feed_server.requests[0].headers
    assert "2 skipped" in result.stdout
    source_row = next(line for line in result.summary.split("\n") if line.startswith("| json"))
    assert source_row.endswith("| ✅ read |") and "| 19 | 2 (missing company" in source_row
    readme = fake.file_bytes(REPO, "README.md").decode()
    assert f"* 📡 Jobs from [127.0.0.1]({feed_server.url('')})" in readme  # the feed's host is credited


def test_a_source_that_fails_alone_exits_1_and_writes_nothing(workspace, fake):
    fake.add_repo(REPO, {})
    with FakeSources() as feed_server:
        feed_server.route("/jobs.json", json_reply({"error": "down"}, status=404))
        env = runner_env(workspace, fake, {"sources": f"json:{feed_server.url('/jobs.json')}"})
        result = run_entrypoint(env, subprocess=True)
    assert result.returncode == 1
    assert "::warning title=Source failed::source json" in result.stdout
    assert "| ❌ HTTP 404" in result.summary
    assert fake.count("mutation") == 0


def test_token_is_masked_first_and_never_printed(workspace, fake):
    fake.token = "ghs_" + "x" * 300
    fake.add_repo("acme/other", {})
    result = run(workspace, fake, subprocess=True, repositories=f"{REPO}, acme/other")
    lines = result.stdout.split("\n")
    assert lines[0] == f"::add-mask::{fake.token}"
    assert fake.token not in "\n".join(lines[1:]) + result.stderr + result.summary + json.dumps(result.outputs)
    statuses = {item["repository"]: item["status"] for item in result.report}
    assert statuses == {REPO: "failed", "acme/other": "updated"}
    assert result.returncode == 1


def test_c9_missing_repository_fails_alone_and_names_the_fix(workspace, fake):
    fake.add_repo("acme/other", {})
    result = run(workspace, fake, repositories=f"{REPO}\nacme/other")
    assert result.returncode == 1
    failed = result.report[0]
    assert failed["status"] == "failed" and "fine-grained token" in failed["error"]
    assert result.report[1]["status"] == "updated"
    assert fake.count("query") == 1


def test_branch_after_at_is_written_and_a_missing_branch_is_named(workspace, fake):
    fake.add_repo(REPO, {})
    fake.add_branch(REPO, "release/2026")
    result = run(workspace, fake, repositories=f"{REPO}@release/2026, {REPO}@missing")
    assert fake.file_bytes(REPO, "README.md", branch="release/2026") is not None
    assert fake.file_bytes(REPO, "README.md", branch="main") is None
    assert "branch 'missing' does not exist" in result.report[1]["error"]


def test_commit_contents_are_exact_padded_base64_of_the_file(workspace, fake):
    fake.add_repo(REPO, {})
    run(workspace, fake)
    mutation = next(record for record in fake.requests if record.kind == "mutation")
    addition = mutation.variables["input"]["fileChanges"]["additions"][0]
    assert base64.b64decode(addition["contents"], validate=True) == fake.file_bytes(REPO, "README.md")
    assert "author" not in json.dumps(mutation.variables)


def test_pull_request_target_event_writes_nothing(workspace, fake):
    fake.add_repo(REPO, {})
    env = runner_env(workspace, fake, {"sources": write_feed(workspace, example_feed())})
    env["GITHUB_EVENT_NAME"] = "pull_request_target"
    result = run_entrypoint(env)
    assert result.returncode == 0
    assert fake.count("mutation") == 0
    assert result.report[0]["status"] == "dry-run"
    assert "::warning title=Nothing written::" in result.stdout
