"""Sections (``sections``, ``other-section``): which section a job is in, each section's cap, and the inputs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, make_job

from jobs_action.config.load import load_list
from jobs_action.errors import ConfigError
from jobs_action.models import Job
from jobs_action.render.table import TableOptions, render_section
from jobs_action.select.categories import CATEGORIES
from jobs_action.select.criteria import annotate
from jobs_action.select.sections import (
    HEADINGS,
    MAX_SECTIONS,
    NO_SECTIONS,
    parse_sections,
    section_of,
    shown_jobs,
    split_sections,
)


def job(title: str = "Backend Engineer", location: str = "Austin, TX", remote: bool = False, **fields: object) -> Job:
    return annotate(make_job(title, location=location, remote=remote, **fields))  # type: ignore[arg-type]


PLACES = parse_sections("USA, India, Remote", "tech")


@pytest.mark.parametrize(
    ("location", "remote", "section"),
    [
        ("Austin, TX", False, "USA"),
        ("Remote - US only", True, "USA"),  # a remote job open to the USA only is a USA job
        ("Bengaluru, Karnataka, India", False, "India"),
        ("Remote - India", True, "India"),
        ("Worldwide", True, "Remote"),  # could be done from the USA, but it is a remote job, not a US one
        ("Remote", True, "Remote"),  # names no area: in no country section
        ("Remote (Europe)", True, "Remote"),
        ("Berlin, Germany", False, None),  # in none, and no Other section asked
    ],
)
def test_a_place_section_takes_the_jobs_someone_there_could_take_first_match_wins(location, remote, section):
    index = section_of(job(location=location, remote=remote), PLACES)
    assert (PLACES.headings[index] if index is not None else None) == section


def test_a_worldwide_job_goes_to_the_first_section_when_none_names_remote():
    sections = parse_sections("India, USA", "tech")
    assert section_of(job(location="Anywhere", remote=True), sections) == 0


def test_other_takes_the_jobs_in_no_section_only_when_asked():
    berlin = job(location="Berlin, Germany")
    with_other = parse_sections("USA, India", "tech", other=True)
    assert with_other.headings == ("USA", "India", "Other")
    assert section_of(berlin, with_other) == 2
    assert section_of(berlin, parse_sections("USA, India", "tech")) is None


def test_category_sections_follow_the_category_input_and_a_job_of_two_goes_to_the_first():
    sections = parse_sections("category", "devops, backend")
    assert sections.headings == ("DevOps", "Backend")
    both = job("Backend Engineer, DevOps and Kubernetes")
    assert section_of(both, sections) == 0
    assert section_of(job("Backend Engineer"), sections) == 1
    assert section_of(job("Account Executive"), sections) is None


@pytest.mark.parametrize("category", ["tech", "all"])
def test_a_tech_or_all_list_gets_every_built_in_category_in_the_readme_order(category):
    sections = parse_sections("Category", category)
    assert sections.headings == tuple(HEADINGS[name] for name in CATEGORIES)


def test_each_section_keeps_its_newest_jobs_up_to_the_cap():
    usa = [job(url=f"https://x.example/us/{n}", posted_at=NOW - timedelta(hours=n)) for n in range(5)]
    india = [
        job(location="Pune, India", url=f"https://x.example/in/{n}", posted_at=NOW - timedelta(days=n))
        for n in range(2)
    ]
    jobs = sorted([*usa, *india], key=lambda item: item.posted_at, reverse=True)
    sections = parse_sections("USA, India", "tech", cap=3)
    groups = dict(split_sections(jobs, sections))
    assert groups["USA"] == usa[:3] and groups["India"] == india
    shown = shown_jobs(jobs, sections)
    assert shown == [item for item in jobs if item in usa[:3] or item in india]
    assert shown_jobs(shown, sections) == shown  # splitting a split list changes nothing


def test_without_sections_every_job_is_shown():
    jobs = [job(), job(location="Berlin, Germany")]
    assert shown_jobs(jobs, NO_SECTIONS) == jobs and not NO_SECTIONS


def test_an_empty_section_keeps_its_heading_with_a_note():
    section = render_section([job()], TableOptions(sections=parse_sections("India, USA", "tech")), NOW)
    assert section.split("\n\n")[:3] == [
        "*Updated on 2025-04-21*",
        "### India",
        "*No open jobs in this section right now.*",
    ]
    assert "### USA\n\n| Company |" in section


def test_a_heading_is_escaped_like_a_cell():
    section = render_section([], TableOptions(sections=parse_sections("São Paulo", "tech")), NOW)
    assert "### São Paulo" in section


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Narnia", "sections: expected `category` (one section per category of the list), or comma separated places"),
        ("USA, category", "sections: `category` stands alone"),
        ("USA, usa", "sections: 'usa' is named twice"),
        ("USA, Other", "sections: 'Other' is named twice (or is `Other`, which `other-section: true` adds)"),
        (", ".join(["USA"] * (MAX_SECTIONS + 1)), f"sections: expected at most {MAX_SECTIONS} sections"),
    ],
)
def test_an_invalid_sections_input_names_the_input_and_the_fix(text, message):
    with pytest.raises(ConfigError) as raised:
        parse_sections(text, "tech")
    assert str(raised.value).startswith(message)


def test_the_inputs_reach_the_list_and_max_jobs_caps_each_section():
    spec = load_list({"sections": "USA, Remote", "other-section": "yes", "max-jobs": "7"}, repository="o/r")
    assert spec.sections.headings == ("USA", "Remote", "Other") and spec.sections.cap == 7
    with pytest.raises(ConfigError, match=r'^other-section: adds an "Other" section to the `sections`; set'):
        load_list({"other-section": "true"}, repository="o/r")
    with pytest.raises(ConfigError, match=r"^other-section: expected `true` or `false`"):
        load_list({"sections": "USA", "other-section": "maybe"}, repository="o/r")
