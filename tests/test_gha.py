"""Workflow commands and environment files (jobs_action/report/workflow.py): data never becomes a command, a
secret is masked first and scrubbed everywhere, outputs cannot be forged."""

from __future__ import annotations

import io
import json
import re
import uuid

import pytest
from helpers import OUTPUT_NAMES, TOKEN
from log_oracle import PAYLOADS, runner_commands
from runner import read_outputs

from jobs_action.report import workflow as gha
from jobs_action.report.outputs import TargetReport, outputs
from jobs_action.report.workflow import SUMMARY_LIMIT, Workflow, heredoc, inert


def is_command(line: str) -> bool:
    """As the runner reads a line: ``::`` after left-trimming, or ``##[`` anywhere."""
    return line.lstrip().startswith("::") or "##[" in line


@pytest.mark.parametrize(
    "text",
    [
        "::error::pwned",
        "   ::warning::x",
        "::add-mask::Engineer",
        "::stop-commands::abcdefgh",
        "Senior ##[error]x",
        "ok\n::error::x",
        "ok\r::error::x",
        "\x1b[2J",
        "a\u202eb",
        "x\u2028::error::y",
    ],
)
def test_logged_data_never_forms_a_command(text):
    stream = io.StringIO()
    Workflow({}, stream).info(f"source x: {text}")
    Workflow({}, stream).info(text)
    assert not any(is_command(line) for line in stream.getvalue().splitlines())


def test_controls_and_direction_characters_are_shown_escaped():
    assert inert("a\nb\u202ec") == "a\\u000ab\\u202ec"


def test_annotation_message_and_properties_are_escaped():
    stream = io.StringIO()
    Workflow({}, stream).error("100% broken\nsecond line", title="a:b,c")
    assert stream.getvalue() == "::error title=a%3Ab%2Cc::100%25 broken%0Asecond line\n"


def test_mask_comes_first_and_secrets_are_scrubbed_everywhere(tmp_path):
    stream = io.StringIO()
    env = {"GITHUB_OUTPUT": str(tmp_path / "out"), "GITHUB_STEP_SUMMARY": str(tmp_path / "sum")}
    workflow = Workflow(env, stream)
    workflow.mask("s3cret")
    workflow.info("token s3cret")
    workflow.error("bad s3cret")
    workflow.summary("s3cret")
    workflow.set_outputs({"report": "s3cret"})
    lines = stream.getvalue().splitlines()
    assert lines[0] == "::add-mask::s3cret"
    assert "s3cret" not in "\n".join(lines[1:]) + (tmp_path / "out").read_text() + (tmp_path / "sum").read_text()


def test_outputs_survive_values_that_try_to_forge_outputs(tmp_path):
    path = tmp_path / "out"
    path.write_text("")
    hostile = "x\nchanged=true\nghadelimiter_x\nEOF\n<<EOF"
    Workflow({"GITHUB_OUTPUT": str(path)}, io.StringIO()).set_outputs({"report": hostile, "changed": "false"})
    assert read_outputs(path) == {"report": hostile, "changed": "false"}


def test_summary_stays_under_githubs_limit(tmp_path):
    path = tmp_path / "sum"
    workflow = Workflow({"GITHUB_STEP_SUMMARY": str(path)}, io.StringIO())
    for _ in range(5):
        workflow.summary("x" * 300_000)
    data = path.read_bytes()
    assert len(data) < 1024 * 1024 and len(data) <= SUMMARY_LIMIT + 200
    assert b"size limit" in data


# --- As the runner reads them (HOSTILE-CASES D1-D4, the log oracle of log_oracle.py) ---


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


def test_d2_annotation_message_and_properties_round_trip_through_the_runner():
    stream = io.StringIO()
    message = "acme/jobs: GitHub answered https://x.example/a%20b?q=100%25 oddly\nsecond line\r\nthird: a, b"
    title = "Source failed: json:https://h.example/x, again"
    Workflow({}, stream).error(message, title=title)
    Workflow({}, stream).warning("100% done, 50%0A not a break", title="a%3Ab")
    first, second = runner_commands(stream.getvalue())
    assert (first.name, first.data, first.properties) == ("error", message, {"title": title})
    assert (second.data, second.properties) == ("100% done, 50%0A not a break", {"title": "a%3Ab"})


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
