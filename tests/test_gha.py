"""Workflow commands and environment files: data never becomes a command, outputs cannot be forged."""

from __future__ import annotations

import io

import pytest
from runner import read_outputs

from jobs_action.report.workflow import SUMMARY_LIMIT, Workflow, inert


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
