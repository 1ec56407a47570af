"""Mode decisions (CONTRACT ``mode``), the no-noise rule, marker text in data and the file's byte budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, border_job, make_job
from oracle import read_table
from render_checks import OPTIONS

from jobs_action.errors import RenderError
from jobs_action.models import Job
from jobs_action.plan import FILE_BYTE_BUDGET, plan_file
from jobs_action.render.markers import find_markers
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


# --- Marker text in data (HOSTILE-CASES A10) and the file's byte budget (A14) ---


MARKER_TEXTS = ["<!-- JOBS:END -->", "<!-- JOBS:START -->", "-->", "<!--", "x <!-- JOBS:END --> y"]


def test_a10_markers_in_data_are_escaped_and_two_runs_give_identical_files():
    jobs = [
        border_job(title=text, company=text, location=text, url=f"https://x.example/{i}")
        for i, text in enumerate(MARKER_TEXTS)
    ]
    section = render_section(jobs, OPTIONS, NOW)
    first = plan_file(None, mode="auto", page=PAGE, section=section, path="README.md").text
    later = render_section(jobs, OPTIONS, NOW + timedelta(days=1))
    second = plan_file(first, mode="auto", page=PAGE, section=later, path="README.md")
    third = plan_file(second.text, mode="auto", page=PAGE, section=later, path="README.md")
    for text in (first, second.text, third.text):
        found = find_markers(text.split("\n"), "JOBS")
        assert (len(found.starts), len(found.ends)) == (1, 1)
        assert text.count("<!-- JOBS:START -->") == 1 and text.count("<!-- JOBS:END -->") == 1
    assert not second.changed and second.text == first == third.text
    assert read_table(section).comments == 0


def test_a10_section_mode_splice_does_not_grow_with_marker_text_in_data():
    jobs = [border_job(title=text, company=text, url=f"https://x.example/{i}") for i, text in enumerate(MARKER_TEXTS)]
    readme = "# Mine\n<!-- JOBS:START -->\nold\n<!-- JOBS:END -->\nfooter\n"
    section = render_section(jobs, OPTIONS, NOW)
    once = plan_file(readme, mode="section", page=PAGE, section=section, path="README.md").text
    twice = plan_file(once, mode="section", page=PAGE, section=section, path="README.md").text
    assert once == twice and once.endswith("<!-- JOBS:END -->\nfooter\n")


def _many_jobs(count: int) -> list[Job]:
    long = "Backend Engineer " * 10
    return [
        make_job(title=long, company=f"Company {n} " * 5, url=f"https://x.example/{n}", posted_at=NOW)
        for n in range(count)
    ]


def test_a14_a_file_over_the_byte_budget_is_refused_and_names_max_jobs():
    jobs = _many_jobs(50_000)
    section = render_section(jobs, OPTIONS, NOW)
    with pytest.raises(RenderError, match=r"max-jobs") as raised:
        plan_file(None, mode="auto", page=PAGE, section=section, path="README.md")
    assert f"{FILE_BYTE_BUDGET:,}" in str(raised.value) and "50000 rows" in str(raised.value)
    readme = "# Mine\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n"
    with pytest.raises(RenderError, match=r"README\.md.*max-jobs"):
        plan_file(readme, mode="section", page=PAGE, section=section, path="README.md")


def test_a14_the_budget_stays_well_below_what_github_renders_and_a_normal_list_fits():
    assert FILE_BYTE_BUDGET <= 450_000 < 512_000
    section = render_section(_many_jobs(500), OPTIONS, NOW)
    text = plan_file(None, mode="auto", page=PAGE, section=section, path="README.md").text
    assert len(text.encode()) < FILE_BYTE_BUDGET


def test_feed_and_list_links_are_built_from_the_web_host():
    import dataclasses

    from jobs_action.config.load import load_list
    from jobs_action.config.settings import Target
    from jobs_action.config.validate import parse_related_lists
    from jobs_action.plan import ListLinks

    spec = dataclasses.replace(load_list({}, repository="o/r"), feed_file="jobs.atom")
    github = ListLinks.of(spec, Target("o/r"), "main", "https://github.com")
    assert github.feed_url == "https://raw.githubusercontent.com/o/r/main/jobs.atom"
    assert github.list_url == "https://github.com/o/r"
    for web in ("https://ghe.example", "https://octo.ghe.com"):
        links = ListLinks.of(spec, Target("o/r"), "main", web)
        assert (links.feed_url, links.list_url) == (f"{web}/o/r/raw/main/jobs.atom", f"{web}/o/r")
    assert parse_related_lists("acme/awesome-devops-jobs", "https://octo.ghe.com")[0].url == (
        "https://octo.ghe.com/acme/awesome-devops-jobs"
    )
