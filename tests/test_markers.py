"""The section splice keeps every byte outside the markers and fails closed on anything ambiguous."""

from __future__ import annotations

import pytest

from jobs_action.errors import RenderError
from jobs_action.render.markers import end_marker, has_markers, replace_section, start_marker

README = "# Title\n\nIntro\n<!-- JOBS:START -->\nold\nrows\n<!-- JOBS:END -->\nOutro"


def test_section_between_markers_is_replaced_and_the_rest_kept():
    assert (
        replace_section(README, "JOBS", "new") == "# Title\n\nIntro\n<!-- JOBS:START -->\nnew\n<!-- JOBS:END -->\nOutro"
    )


def test_replacing_twice_changes_nothing_more():
    once = replace_section(README, "JOBS", "a\nb")
    assert replace_section(once, "JOBS", "a\nb") == once


def test_crlf_file_keeps_crlf_everywhere():
    crlf = README.replace("\n", "\r\n")
    result = replace_section(crlf, "JOBS", "a\nb")
    assert result == "# Title\r\n\r\nIntro\r\n<!-- JOBS:START -->\r\na\r\nb\r\n<!-- JOBS:END -->\r\nOutro"


def test_bom_and_marker_spelling_are_kept_as_found():
    text = "\ufeff<!--JOBS:START-->\nx\n  <!--  JOBS:END  -->\n"
    assert replace_section(text, "JOBS", "y") == "\ufeff<!--JOBS:START-->\ny\n  <!--  JOBS:END  -->\n"


def test_the_marker_lines_the_action_writes_are_found_again():
    text = f"intro\n{start_marker('LIST-2')}\nold\n{end_marker('LIST-2')}\n"
    assert start_marker("LIST-2") == "<!-- LIST-2:START -->"
    assert has_markers(text, "LIST-2")
    assert not has_markers(text, "LIST")
    assert replace_section(text, "LIST-2", "new") == text.replace("old", "new")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\n<!-- JOBS:START -->\nb", "no END"),
        ("a\n<!-- JOBS:END -->\nb", "no START"),
        ("<!-- JOBS:END -->\nx\n<!-- JOBS:START -->", "(line 1) comes before"),
        ("<!-- JOBS:START -->\n<!-- JOBS:START -->\n<!-- JOBS:END -->", "2 START (lines 1, 2)"),
        ("<!-- JOBS:START -->\n<!-- JOBS:END -->\n<!-- JOBS:END -->", "2 END (lines 2, 3)"),
        ("<!-- JOBS:START -->\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n<!-- JOBS:END -->", "2 START"),
    ],
)
def test_ambiguous_markers_fail_with_line_numbers(text, message):
    with pytest.raises(RenderError, match=message.replace("(", r"\(").replace(")", r"\)")):
        replace_section(text, "JOBS", "new")


def test_a_missing_end_never_cuts_the_rest_of_the_file():
    with pytest.raises(RenderError):
        replace_section("<!-- JOBS:START -->\nimportant text\n", "JOBS", "x")


def test_markers_in_fenced_code_or_inline_do_not_count():
    text = (
        "```md\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n```\n"
        "~~~\n<!-- JOBS:END -->\n~~~\n"
        "Use `<!-- JOBS:START -->` in your file.\n"
        "<!-- JOBS:START -->\nold\n<!-- JOBS:END -->\n"
    )
    result = replace_section(text, "JOBS", "new")
    assert result.endswith("<!-- JOBS:START -->\nnew\n<!-- JOBS:END -->\n")
    assert result.startswith("```md\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n```\n~~~\n<!-- JOBS:END -->\n~~~\n")


def test_other_markers_and_other_case_are_not_ours():
    text = "<!-- OTHER:START -->\n<!-- jobs:start -->\n"
    assert not has_markers(text, "JOBS")
    assert has_markers(text, "OTHER")
