"""The section splice keeps every byte outside the markers and fails closed on anything ambiguous."""

from __future__ import annotations

import re

import pytest

from jobs_action.errors import RenderError
from jobs_action.render.markers import end_marker, find_markers, has_markers, replace_section, start_marker

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


# --- Ambiguity, bytes kept and spelling (HOSTILE-CASES C10) ---


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
