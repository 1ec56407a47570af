"""HOSTILE-CASES D: logs, secrets and workflow hygiene (D1-D10; D11, schedule liveness, is tested with its code).

The log oracle reads stdout as the runner does (actions/runner, K4): lines end at LF, CR or CRLF; a line whose
left-trimmed form starts with ``::`` and a registered name is a command; ``##[`` anywhere is a legacy command;
``::stop-commands::TOKEN`` turns commands off until a line ``::TOKEN::``.
"""

from __future__ import annotations

import ast
import http.client
import io
import json
import logging
import re
import socket
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from fakes.github import FakeGitHub
from fakes.sources import FakeSources, Reply, fixture_reply
from oracle import TABLE_TAGS, read_table
from runner import ROOT, example_feed, read_outputs, run_entrypoint, runner_env, write_feed

import jobs_action.app as action_app
import jobs_action.main as action_main
from jobs_action.config.settings import Target
from jobs_action.errors import PublishError
from jobs_action.publish.github import GitHubPublisher
from jobs_action.render.escape import WORD_JOINER
from jobs_action.report import workflow as gha
from jobs_action.report.outputs import TargetReport, outputs
from jobs_action.report.workflow import Workflow, heredoc, inert
from jobs_action.text import clean_text

REPO = "acme/awesome-backend-jobs"
TOKEN = "ghs_" + "Ab1" * 100  # 304 characters: the token's length and shape are never validated
REGISTERED = frozenset(
    {
        *("debug", "notice", "warning", "error", "group", "endgroup", "add-mask", "echo"),
        *("add-matcher", "remove-matcher", "stop-commands", "set-output", "set-env", "save-state", "add-path"),
    }
)
OUTPUT_NAMES = {"changed", "jobs-count", "commit-sha", "commit-url", "report"}


@dataclass
class Command:
    name: str
    data: str
    properties: dict[str, str] = field(default_factory=dict)


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def runner_commands(stdout: str) -> list[Command]:
    """The workflow commands the runner would execute for this stdout (see the module docstring)."""
    commands: list[Command] = []
    stop_token: str | None = None
    for line in re.split(r"\r\n|\r|\n", stdout):
        if stop_token is not None:
            if line.strip() == f"::{stop_token}::":
                stop_token = None
            continue
        trimmed = line.lstrip()
        match = re.match(r"::(?P<name>[^ :]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$", trimmed)
        if match and match["name"] in REGISTERED:
            props = dict(pair.split("=", 1) for pair in (match["props"] or "").split(",") if "=" in pair)
            command = Command(
                match["name"], _unescape_data(match["data"]), {k: _unescape_property(v) for k, v in props.items()}
            )
            commands.append(command)
            if command.name == "stop-commands":
                stop_token = command.data
        elif "##[" in line:
            commands.append(Command("legacy", line))
    return commands


# --- D1 ---

PAYLOADS = [
    "::error::pwned",
    "   ::warning::x",
    "::add-mask::Engineer",
    "::stop-commands::abcdefgh",
    "::set-output name=changed::true",
    "::group::x",
    "Senior ##[error]x",
    "x ##[add-mask]Engineer",
    "ok\n::error::x",
    "ok\r::error::x",
    "ok\r\n::error::x",
    "\x1b[2J\x1b[31mred",
    "a\u202eb\u2066c\u200fd\x00e\x85f\u2028::error::g",
    "Normal title\n::stop-commands::7a3f9c1e",
]


def test_d1_logged_data_never_forms_a_command_and_the_actions_commands_still_work():
    stream = io.StringIO()
    workflow = Workflow({}, stream)
    for payload in PAYLOADS:
        workflow.info(payload)
        workflow.info(f"source json:x: {payload}")
        workflow.warning(f"source json:x: HTTP 500, text/plain, body {payload!s}", title=f"Source {payload}")
    workflow.mask("derived-value-42")
    workflow.info("used derived-value-42 here")
    workflow.error("after the data", title="Still an annotation")
    commands = runner_commands(stream.getvalue())
    assert [c.name for c in commands] == ["warning"] * len(PAYLOADS) + ["add-mask", "error"]
    assert commands[-2].data == "derived-value-42"  # the mask registered after every hostile line
    assert commands[-1].data == "after the data" and commands[-1].properties == {"title": "Still an annotation"}
    after_mask = stream.getvalue().split("::add-mask::derived-value-42\n", 1)[1]
    assert "derived-value-42" not in after_mask


@pytest.mark.parametrize("payload", PAYLOADS)
def test_d1_line_breaks_controls_and_bidi_in_data_are_shown_as_escapes(payload):
    line = inert(payload)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]", line)
    assert "##[" not in line and not line.lstrip().startswith("::")
    if "\n" in payload:
        assert "\\u000a" in line
    if "\u202e" in payload:
        assert "\\u202e" in line


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


# --- D2 ---


def test_d2_annotation_message_and_properties_round_trip_through_the_runner():
    stream = io.StringIO()
    message = "acme/jobs: GitHub answered https://x.example/a%20b?q=100%25 oddly\nsecond line\r\nthird: a, b"
    title = "Source failed: json:https://h.example/x, again"
    Workflow({}, stream).error(message, title=title)
    Workflow({}, stream).warning("100% done, 50%0A not a break", title="a%3Ab")
    first, second = runner_commands(stream.getvalue())
    assert (first.name, first.data, first.properties) == ("error", message, {"title": title})
    assert (second.data, second.properties) == ("100% done, 50%0A not a break", {"title": "a%3Ab"})


def test_d2_annotations_about_other_repositories_carry_no_file_property(tmp_path):
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {}, writable=False)
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, example_feed())})
        env["INPUT_REPOSITORIES"] = f"{REPO}\nacme/not-there"
        result = run_entrypoint(env)
    annotations = [c for c in runner_commands(result.stdout) if c.name in ("error", "warning", "notice")]
    assert annotations and all(set(c.properties) <= {"title"} for c in annotations)
    assert any("acme/not-there" in c.data for c in annotations)


# --- D3 ---


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


def test_d3_a_token_cut_short_by_a_length_cap_is_still_scrubbed(tmp_path):
    stream = io.StringIO()
    workflow = Workflow({"GITHUB_STEP_SUMMARY": str(tmp_path / "summary")}, stream)
    workflow.mask(TOKEN)
    cut = f"GitHub said: bad token {TOKEN[:150]}"  # an error message capped at some length
    workflow.error(cut)
    workflow.info(f"{TOKEN[:20]} and {TOKEN} and {TOKEN[:7]}")
    workflow.summary(cut)
    printed = stream.getvalue().split("\n", 1)[1] + (tmp_path / "summary").read_text(encoding="utf-8")
    assert TOKEN[:8] not in printed
    assert "bad token ***" in printed and "*** and *** and ghs_Ab1" in printed  # under 8 characters: not a secret


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


def test_d3_an_unexpected_exception_prints_a_scrubbed_traceback(tmp_path, monkeypatch, capsys):
    def explode(*_args, **_kwargs):
        raise RuntimeError(f"boom with {TOKEN} inside")

    monkeypatch.setattr(action_app, "fetch_sources", explode)
    stream = io.StringIO()
    env = {
        "INPUT_GITHUB-TOKEN": TOKEN,
        "GITHUB_REPOSITORY": REPO,
        "GITHUB_WORKSPACE": str(tmp_path),
        "INPUT_SOURCES": "file:jobs.json",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_OUTPUT": str(tmp_path / "output"),
    }
    assert action_main.main(env, stream) == 1
    printed = stream.getvalue()
    assert printed.split("\n")[0] == f"::add-mask::{TOKEN}"
    assert TOKEN not in printed.split("\n", 1)[1] and "boom with *** inside" in printed
    assert "Traceback" in printed and "::error title=Unexpected error::" in printed
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err
    for name in ("summary", "output"):
        path = tmp_path / name
        assert not path.exists() or TOKEN not in path.read_text(encoding="utf-8")


def test_d3_http_debug_logging_stays_off(tmp_path, monkeypatch):
    monkeypatch.setattr(action_app, "fetch_sources", lambda *a, **k: [])
    env = {"INPUT_GITHUB-TOKEN": TOKEN, "GITHUB_REPOSITORY": REPO, "GITHUB_WORKSPACE": str(tmp_path),
           "INPUT_SOURCES": "file:jobs.json", "RUNNER_DEBUG": "1", "ACTIONS_STEP_DEBUG": "true"}  # fmt: skip
    action_main.main(env, io.StringIO())
    assert http.client.HTTPConnection.debuglevel == 0
    for name in ("", "github", "urllib3", "requests"):
        assert not logging.getLogger(name).isEnabledFor(logging.DEBUG), name


# --- D4 ---

HOSTILE_VALUES = [
    "acme/jobs\nchanged=true",
    "error = x",
    "x\n<<EOF\nEOF",
    "line\nghadelimiter_x\nchanged=true",
]


def test_d4_outputs_are_heredocs_and_hostile_values_cannot_forge_outputs(tmp_path):
    path = tmp_path / "out"
    path.write_text("", encoding="utf-8")
    reports = [TargetReport(list=value, repository=value, status="failed", error=value) for value in HOSTILE_VALUES]
    Workflow({"GITHUB_OUTPUT": str(path)}, io.StringIO()).set_outputs(outputs(reports))
    parsed = read_outputs(path)
    assert set(parsed) == OUTPUT_NAMES
    assert [entry["error"] for entry in json.loads(parsed["report"])] == HOSTILE_VALUES
    assert parsed["changed"] == "false"
    written = path.read_text(encoding="utf-8")
    for name in OUTPUT_NAMES:
        assert re.search(rf"^{name}<<ghadelimiter_[0-9a-f-]{{36}}$", written, re.MULTILINE), name


def test_d4_a_value_containing_the_delimiter_forces_a_new_one(monkeypatch):
    taken = uuid.UUID("00000000-0000-4000-8000-000000000001")
    fresh = uuid.UUID("00000000-0000-4000-8000-000000000002")
    ids = iter([taken, fresh])
    monkeypatch.setattr(gha.uuid, "uuid4", lambda: next(ids))
    value = f"before\nghadelimiter_{taken}\nchanged=true"
    text = heredoc("report", value)
    assert text == f"report<<ghadelimiter_{fresh}\n{value}\nghadelimiter_{fresh}\n"


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


# --- D5 ---


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
    assert sources_table.links == [] and any("<img src=x>" in cell for row in sources_table.rows for cell in row)
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


# --- D6 ---


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


# --- D7 ---


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


def test_d7_the_package_never_starts_a_process_or_a_shell():
    forbidden_modules = {"subprocess", "pty", "pexpect", "sh"}
    forbidden_calls = {"system", "popen", "spawnl", "spawnv", "execv", "execl", "startfile"}
    for path in (ROOT / "jobs_action").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {alias.name.split(".")[0] for alias in node.names} & forbidden_modules, path
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] not in forbidden_modules, path
            if isinstance(node, ast.Attribute):
                assert node.attr not in forbidden_calls, f"{path}: .{node.attr}"
            if isinstance(node, ast.keyword):
                assert node.arg != "shell", path
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not re.match(r"git (push|commit|clone|fetch)\b", node.value), path


# --- D8 ---


def test_d8_the_image_starts_python_in_exec_form_as_root_without_a_workdir():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line.split(None, 1) for line in dockerfile.split("\n") if line and not line.startswith("#")]
    names = [parts[0].upper() for parts in instructions if parts and parts[0].isalpha()]
    assert names.count("ENTRYPOINT") == 1 and "USER" not in names and "WORKDIR" not in names and "CMD" not in names
    entrypoint = next(parts[1] for parts in instructions if parts[0].upper() == "ENTRYPOINT")
    assert json.loads(entrypoint) == ["python", "/app/entrypoint.py"]
    base = next(parts[1] for parts in instructions if parts[0].upper() == "FROM")
    version = re.match(r"python:(\d+)\.(\d+)\.(\d+)", base)
    assert version and tuple(map(int, version.groups())) >= (3, 11, 4), base  # CVE-2023-24329 fixed
    assert re.search(r"@sha256:[0-9a-f]{64}$", base.strip()), base
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"] == {"using": "docker", "image": "Dockerfile"}


# --- D9 ---


def _shipped_workflows() -> list[Path]:
    folders = [ROOT / ".github" / "workflows", ROOT / "docs" / "examples"]
    return sorted(path for folder in folders for path in folder.glob("*.y*ml"))


def test_d9_every_shipped_workflow_pins_third_party_actions_and_avoids_pull_request_target():
    workflows = [path for path in _shipped_workflows() if "jobs:" in path.read_text(encoding="utf-8")]
    assert workflows, "no workflow YAML found in .github/workflows or docs/examples"
    for path in workflows:
        text = path.read_text(encoding="utf-8")
        assert "pull_request_target" not in text, path
        for uses in re.findall(r"uses:\s*([^\s#]+)", text):
            if uses.startswith(("./", "docker://")) or "awesome-jobs-action" in uses:
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses} is not pinned by SHA"


# --- D10 ---


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
