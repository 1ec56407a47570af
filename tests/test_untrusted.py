"""Nothing from outside can crash, hang or leak a run (issue "Nothing from outside can crash, hang or leak a run"):
one named test per finding. Sources are fakes on 127.0.0.1; a redirect to another address is refused before any
connection is made, so no test reaches beyond loopback."""

from __future__ import annotations

import dataclasses
import json
import os
import time
from pathlib import Path

import pytest
from fakes.sources import FakeSources, Reply, json_reply

from jobs_action.config.load import load_settings
from jobs_action.errors import ConfigError
from jobs_action.sources import fetch_sources
from jobs_action.sources.http import HttpClient
from jobs_action.sources.spec import SourceSpec

GOOD = {
    "jobs": [{"company": "Good", "title": "Backend Developer", "url": "https://x.example/1", "posted_at": "2026-11-30"}]
}


def http(**options: float) -> HttpClient:
    settings = {"connect_timeout": 1.0, "read_timeout": 1.0, "deadline": 3.0, "source_deadline": 4.0, "retries": 0}
    return HttpClient(**{**settings, **options})  # type: ignore[arg-type]


def fetch(server: FakeSources, path: str, **options: float):
    (outcome,) = fetch_sources([SourceSpec("json", server.url(path))], http(**options), Path("."))
    return outcome


# --- 1. every failure of one source is that source's failure ---


@pytest.mark.parametrize(
    ("location", "why"),
    [
        ("/loop", "too many redirects"),  # a loop
        ("ftp://127.0.0.1/jobs.json", "redirect to a non-http(s) address"),
        ("file:///etc/passwd", "redirect to a non-http(s) address"),
        ("javascript:alert(1)", "redirect to a non-http(s) address"),
        ("http://[::1", "redirect to an invalid address"),
    ],
)
def test_1_a_bad_redirect_fails_its_source_alone(server, location, why):
    server.route("/loop", Reply(302, headers={"Location": location if location != "/loop" else "/loop"}))
    server.route("/good", json_reply(GOOD))
    outcomes = fetch_sources(
        [SourceSpec("json", server.url("/loop")), SourceSpec("json", server.url("/good"))], http(), Path(".")
    )
    assert not outcomes[0].ok and why in outcomes[0].error, outcomes[0].error
    assert outcomes[1].ok


def test_1_more_than_five_redirects_fail_the_source(server):
    for n in range(7):
        server.route(f"/r{n}", Reply(302, headers={"Location": f"/r{n + 1}"}))
    server.route("/r7", json_reply(GOOD))
    assert "too many redirects" in fetch(server, "/r0").error
    server.route("/s0", Reply(302, headers={"Location": "/s1"}))
    server.route("/s1", json_reply(GOOD))
    assert fetch(server, "/s0").ok


@pytest.mark.parametrize("field", ["posted_at", "salary"])
def test_1_a_400_digit_number_skips_its_item_not_the_source(server, field):
    huge = int("9" * 400)
    item = dict(GOOD["jobs"][0], **({"posted_at": huge} if field == "posted_at" else {"salary": {"min": huge}}))
    body = json.dumps({"jobs": [item, dict(GOOD["jobs"][0], url="https://x.example/2")]}).encode()
    server.route("/feed.json", Reply(body=body))
    outcome = fetch(server, "/feed.json")
    assert outcome.ok, outcome.error
    assert [job.url for job in outcome.result.jobs][-1] == "https://x.example/2"


def test_1_an_unexpected_error_in_a_provider_fails_its_source_alone(server, monkeypatch):
    from jobs_action.sources import registry

    def explode(http, spec, cutoff=None):
        raise OverflowError("int too large to convert to float")

    provider = registry.PROVIDERS["remotive"]
    monkeypatch.setitem(registry.PROVIDERS, "remotive", dataclasses.replace(provider, fetch=explode))
    server.route("/good", json_reply(GOOD))
    outcomes = fetch_sources([SourceSpec("remotive", ""), SourceSpec("json", server.url("/good"))], http(), Path("."))
    assert not outcomes[0].ok and "OverflowError" in outcomes[0].error
    assert outcomes[1].ok


# --- 2. one deadline covers connect, headers and body ---


def test_2_headers_sent_a_byte_at_a_time_are_cut_at_the_deadline(server):
    server.route("/slow", Reply(body=b"[]", header_drip=0.05))
    started = time.monotonic()
    outcome = fetch(server, "/slow", deadline=1.0, source_deadline=1.5)
    elapsed = time.monotonic() - started
    assert not outcome.ok and "deadline" in outcome.error, outcome.error
    assert elapsed < 3.0, elapsed


# --- 3. redirects stay on public http(s) hosts; no body text is quoted ---


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/jobs.json",
        "http://192.168.1.1/",
        "http://[fd00::1]/",
    ],
)
def test_3_a_redirect_to_a_private_or_link_local_address_is_refused(server, target):
    server.route("/feed.json", Reply(302, headers={"Location": target}))
    outcome = fetch(server, "/feed.json")
    assert not outcome.ok and "redirect to a private address" in outcome.error, outcome.error


def test_3_a_redirect_from_https_to_http_is_refused():
    from jobs_action.sources.http import redirect_problem

    assert redirect_problem("https://jobs.example/feed", "http://jobs.example/feed") == "redirect from https to http"
    assert redirect_problem("https://jobs.example/feed", "https://93.184.216.34/feed") is None


def test_3_a_redirect_on_the_configured_loopback_host_is_followed(server):
    server.route("/old.json", Reply(301, headers={"Location": server.url("/new.json")}))
    server.route("/new.json", json_reply(GOOD))
    assert fetch(server, "/old.json").ok


def test_3_no_body_text_of_an_error_answer_reaches_the_message(server):
    secret = b'{"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI"}'
    server.route("/feed.json", Reply(500, secret, content_type="application/json"))
    error = fetch(server, "/feed.json").error
    assert "ASIA" not in error and "Secret" not in error, error
    assert error.startswith("HTTP 500, application/json, 66 bytes"), error


# --- 4. file: sources: regular files inside the workspace, size capped while reading ---


def test_4_a_symlink_out_of_the_workspace_is_refused(tmp_path):
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps(GOOD), encoding="utf-8")
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    (workspace / "jobs.json").symlink_to(outside)
    (outcome,) = fetch_sources([SourceSpec("file", "jobs.json")], http(), workspace)
    assert not outcome.ok and "outside the workspace" in outcome.error, outcome.error


@pytest.mark.parametrize("device", ["zero", "fifo"])
def test_4_devices_and_fifos_are_not_read(tmp_path, device):
    path = tmp_path / "jobs.json"
    if device == "zero":
        path.symlink_to("/dev/zero")
        workspace = tmp_path
    else:
        os.mkfifo(path)
        workspace = tmp_path
    started = time.monotonic()
    (outcome,) = fetch_sources([SourceSpec("file", "jobs.json")], http(), workspace)
    assert not outcome.ok and ("not a regular file" in outcome.error or "outside the workspace" in outcome.error)
    assert time.monotonic() - started < 2.0


# --- 5. the lists file: size checked before reading, aliases bounded ---


def _lists_env(workspace: Path, text: str) -> dict[str, str]:
    (workspace / "lists.yml").write_text(text, encoding="utf-8")
    return {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "GITHUB_WORKSPACE": str(workspace),
            "INPUT_CONFIG": "lists.yml"}  # fmt: skip


BOMB = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
    f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n"
    for n in range(8)
)


@pytest.mark.parametrize("where", ["name", "input"])
def test_5_an_alias_bomb_in_the_lists_file_is_refused_quickly(tmp_path, where):
    if where == "name":
        text = BOMB + "lists:\n  - name: *i\n    repository: o/r\n"
    else:
        text = BOMB + "lists:\n  - name: x\n    repository: o/r\n    include-keywords: *i\n"
    started = time.monotonic()
    with pytest.raises(ConfigError) as raised:
        load_settings(_lists_env(tmp_path, text))
    assert time.monotonic() - started < 2.0
    assert "alias" in str(raised.value) and len(str(raised.value)) < 400


def test_5_a_huge_lists_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    (tmp_path / "lists.yml").write_bytes(b"#" * 2_000_000)
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "GITHUB_WORKSPACE": str(tmp_path),
           "INPUT_CONFIG": "lists.yml"}  # fmt: skip
    read_bytes = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda self: pytest.fail("read whole") if self.name == "lists.yml" else read_bytes(self)
    )
    with pytest.raises(ConfigError, match="larger than"):
        load_settings(env)


# --- 6, 7. commit-message and date-format are validated by formatting samples ---


@pytest.mark.parametrize(
    "message",
    [
        "Update {title:{0}}",
        "Update {title:{title.__class__.__mro__}}",
        "{title:>200000000}",
        "{count:,>999}",
        "{title!r}",
    ],
)
def test_6_nested_or_wide_commit_message_specs_are_refused(message):
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "INPUT_COMMIT-MESSAGE": message}
    with pytest.raises(ConfigError, match=r"^commit-message: "):
        load_settings(env)


def test_6_plain_placeholders_and_small_specs_pass():
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "INPUT_COMMIT-MESSAGE": "Jobs {count:>3} {date}"}
    assert load_settings(env).lists[0].commit_message == "Jobs {count:>3} {date}"


@pytest.mark.parametrize("fmt", ["%b%n%d", "%b%t%d", "%d | %b", "%%n"])
def test_7_a_date_format_that_breaks_a_row_is_refused(fmt):
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "INPUT_DATE-FORMAT": fmt}
    if fmt == "%%n":
        assert load_settings(env).lists[0].date_format == fmt  # a literal "%n" text is harmless
        return
    with pytest.raises(ConfigError, match=r"^date-format: "):
        load_settings(env)


# --- 9. writable paths refuse .git, workflows and dot components ---


@pytest.mark.parametrize("input_id", ["path", "data-file", "feed-file"])
@pytest.mark.parametrize(
    "path",
    [".github/workflows/evil.yml", ".git/hooks/post-checkout", ".", "docs/./README.md", "a//b.md", "x/.git/config"],
)
def test_9_a_list_never_writes_git_internals_or_workflows(input_id, path):
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", f"INPUT_{input_id.upper()}": path}
    with pytest.raises(ConfigError, match=rf"^{input_id}: "):
        load_settings(env)


# --- 10. error texts reach the summary as one escaped line ---


def test_10_an_error_text_cannot_add_markup_to_the_step_summary(tmp_path):
    from jobs_action.report.summary import invalid_input
    from jobs_action.report.workflow import Workflow

    summary = tmp_path / "summary.md"
    workflow = Workflow({"GITHUB_STEP_SUMMARY": str(summary)}, stream=open(os.devnull, "w"))  # noqa: SIM115
    invalid_input(workflow, "seniority: expected `senior` or `junior`, got 'x\n\n# Heading\n<img src=x>'.")
    text = summary.read_text(encoding="utf-8")
    assert "\n# Heading" not in text and "<img" not in text
    body = text.split("\n\n", 1)[1].strip()
    assert "\n" not in body


# --- 8. the report after an ambiguous write ---


def _run_list(tmp_path, fake, **inputs):
    from runner import example_feed, run_entrypoint, runner_env, write_feed

    env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed()), **inputs})
    return run_entrypoint(env)


def test_8_a_foreign_push_after_an_ambiguous_write_is_not_reported_as_this_runs_commit(tmp_path, fake):
    fake.add_repo("acme/awesome-backend-jobs", {})
    fake.apply_then_fail_next_mutation(502)
    fake.after_faulted_mutation = lambda server: server.commit("acme/awesome-backend-jobs", {"OTHER.md": "x"})
    result = _run_list(tmp_path, fake)
    report = result.report[0]
    foreign = fake.head("acme/awesome-backend-jobs")
    assert report["status"] == "updated" and report["commit_sha"] != foreign
    assert result.outputs["commit-sha"] != foreign
    assert "cannot tell" in report["error"]


def test_8_a_500_on_every_commit_is_not_called_a_moving_branch(tmp_path, fake):
    fake.add_repo("acme/awesome-backend-jobs", {})
    fake.fail_next(500, kind="mutation", times=10)
    result = _run_list(tmp_path, fake)
    report = result.report[0]
    assert result.returncode == 1 and report["status"] == "failed"
    assert "kept moving" not in report["error"] and "GitHub answered each of 3 commits" in report["error"]


# --- 11. GitHub's side: a redirect, a field left out ---


def test_11_a_graphql_redirect_to_another_host_fails_the_read_not_the_run(tmp_path, fake):
    fake.add_repo("acme/awesome-backend-jobs", {})
    fake.fail_next(301, {"message": "moved"}, headers={"Location": "http://evil.example/graphql"}, kind="query")
    result = _run_list(tmp_path, fake)
    assert result.returncode == 1 and "This is a bug" not in result.stdout
    assert "redirected to another host" in result.report[0]["error"]
    assert fake.count("mutation") == 0


def test_11_a_file_field_left_out_of_the_answer_is_a_failed_read_never_an_absent_file():
    from jobs_action.config.settings import Target
    from jobs_action.errors import PublishError
    from jobs_action.publish.github import _remote_file

    head = {"oid": "a" * 40, "committedDate": "2026-12-01T00:00:00Z", "messageHeadline": "x"}
    repository = {"nameWithOwner": "o/r", "defaultBranchRef": {"name": "main", "target": head}}
    assert isinstance(_remote_file(Target("o/r"), repository, ["README.md"]), PublishError)
    head["f0"] = {}  # the file entry without its object
    assert isinstance(_remote_file(Target("o/r"), repository, ["README.md"]), PublishError)
    head["f0"] = None  # GitHub's own answer for a file that does not exist
    remote = _remote_file(Target("o/r"), repository, ["README.md"])
    assert not isinstance(remote, PublishError) and remote.texts == {"README.md": None}


# --- the whole: bad sources beside a good one (bench/hostile_run.py adds a slow one and times the run) ---


def test_bad_sources_beside_a_good_one_publish_the_good_ones_jobs(tmp_path, fake, server):
    from runner import example_feed, run_entrypoint, runner_env, write_feed

    fake.add_repo("acme/awesome-backend-jobs", {})
    server.route("/loop", Reply(302, headers={"Location": "/loop"}))
    server.route("/internal", Reply(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}))
    server.route("/huge", Reply(body=json.dumps({"jobs": [dict(GOOD["jobs"][0], posted_at=int("9" * 400))]}).encode()))
    server.route("/secret", Reply(500, b'{"SecretAccessKey": "wJalrXUtnFEMI"}'))
    bad = [f"json:{server.url(path)}" for path in ("/loop", "/internal", "/huge", "/secret")]
    env = runner_env(tmp_path, fake, {"sources": "\n".join([*bad, write_feed(tmp_path, example_feed())])})
    result = run_entrypoint(env)
    assert result.returncode == 0, result.stdout
    assert result.report[0]["status"] == "updated" and result.report[0]["jobs"] == 12
    assert len(result.report[0]["failed_sources"]) == 3  # /huge was read: its one item was skipped
    assert "wJalr" not in result.stdout + result.summary and "This is a bug" not in result.stdout


def test_2_the_run_has_a_total_budget_for_its_sources(server, clock):
    """Every source's deadline ends at the run's budget at the latest: many slow sources cannot add up."""
    from helpers import client

    server.route("/feed.json", json_reply(GOOD))
    http = client(clock, run_budget=100.0, source_deadline=120.0, deadline=60.0)
    first = http.start_deadline()
    assert first.remaining(clock()) == pytest.approx(100.0)
    clock.time += 99.5  # the run is nearly out of budget
    assert http.start_deadline().remaining(clock()) == pytest.approx(0.5)
    clock.time += 1.0
    (outcome,) = fetch_sources([SourceSpec("json", server.url("/feed.json"))], http, Path("."))
    assert not outcome.ok and "100 s deadline" in outcome.error, outcome.error
