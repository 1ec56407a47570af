"""Mode decisions (CONTRACT ``mode``) and the no-noise rule."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, make_job

from jobs_action.errors import RenderError
from jobs_action.plan import plan_file
from jobs_action.render.page import GENERATED_COMMENT, Page
from jobs_action.render.table import TableOptions, render_section

PAGE = Page(title="Awesome Backend Jobs", description="A list.", max_age_days=15, marker="JOBS")
SECTION = render_section([make_job()], TableOptions(), NOW)


def plan(current, mode="auto", section=SECTION):
    return plan_file(current, mode=mode, page=PAGE, section=section, path="README.md")


def test_absent_file_is_created_from_the_template():
    result = plan(None)
    assert result.mode == "file" and result.changed and result.text.startswith(GENERATED_COMMENT)
    assert (result.added, result.removed) == (1, 0)


def test_generated_file_is_rewritten_whole():
    generated = plan(None).text.replace("# Awesome Backend Jobs", "# Old title")
    result = plan(generated)
    assert result.mode == "file" and "# Awesome Backend Jobs" in result.text


def test_file_with_markers_gets_a_section_splice():
    result = plan("Mine\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n")
    assert result.mode == "section" and result.text.startswith("Mine\n<!-- JOBS:START -->\n*Updated on")


@pytest.mark.parametrize("mode", ["auto", "section"])
def test_hand_written_file_without_markers_is_refused(mode):
    with pytest.raises(RenderError, match=r"README\.md"):
        plan("# Mine\n", mode=mode)


def test_section_mode_needs_an_existing_file():
    with pytest.raises(RenderError, match="does not exist"):
        plan(None, mode="section")


def test_file_mode_overwrites_a_hand_written_file_when_asked():
    assert plan("# Mine\n", mode="file").mode == "file"


def test_only_a_new_date_is_no_change():
    first = plan(None).text
    later = render_section([make_job()], TableOptions(), NOW + timedelta(days=3))
    result = plan(first, section=later)
    assert not result.changed and result.text == first


def test_added_and_removed_count_apply_links():
    first = plan(None).text
    section = render_section(
        [make_job(url="https://jobs.example/2"), make_job(url="https://jobs.example/3")], TableOptions(), NOW
    )
    result = plan(first, section=section)
    assert (result.added, result.removed) == (2, 1)
