from __future__ import annotations

import pytest
from factories import make_job

from jobs_action.errors import ConfigError
from jobs_action.select.seniority import matches_seniority, seniority_of, validate_seniority


@pytest.mark.parametrize(
    "title",
    [
        "Senior Backend Developer (Node.js)",
        "Sr. Software Engineer",
        "Sr Backend Engineer",
        "Senior / Staff Fullstack Engineer",
        "Staff Software Engineer - Curated Data",
        "Principal Engineer",
        "Lead Developer",
        "Tech Lead, Payments",
        "Team Lead Backend",
        "Solutions Architect",
        "Head of Engineering",
        "Director of Engineering",
        "VP Engineering",
        "Senior DevOps Engineer",
        "Engineering Manager, Payments",
        "Associate Director, Data Engineering",
        "Software Engineer (L6)",
        "Product Design Leader",
        "Senior Machine Learning Engineer I",  # a senior rank's first step is still senior
        "Manager I, Engineering - Data Visualization",
        "Manager, Offensive Security",
        "Software Development Manager",
        "Head - Data Analyst",
        "Lead Risk Platform & Analytics Engineer - Python & Cloud (GCP)",
        "DevOps Manager, CERE Network",  # the manager of an engineering function
        "Game Development Manager",
        "Data Science Research Manager - IT",
        "Group Manager - Data Science - Python/nlp",
        "Netzwerkarchitekt (m/w/d)",  # a German compound architect
    ],
)
def test_senior_titles_are_senior(title: str) -> None:
    assert seniority_of(make_job(title)) == "senior"
    assert matches_seniority(make_job(title), "senior")


@pytest.mark.parametrize(
    "title",
    [
        "Junior Backend Developer",
        "Jr. Python Developer",
        "Entry Level Software Engineer",
        "Entry-level Data Analyst",
        "Graduate Software Engineer",
        "New Grad Backend Engineer",
        "Software Engineering Intern",
        "Backend Internship (Summer 2025)",
        "Trainee Developer",
        "SW Engineer (Java Backend, 2023-24 pass out)",
        "Software Engineer - 2024 Batch",
        "Freshers - Java Developer",
        "Werkstudent Softwareentwicklung (m/w/d)",
        "Job 19004 Junior Quality Assurance Engineer Brazil",
        "Junior to Senior Backend Developer",  # a range takes its lower end
        "Software Engineer I",
        "SDE 1",
        "Software Engineer I/II",
        "Co-op Software Developer",
        "Early Career Data Analyst",
        "Software Engineer, 2026 Grads",
        "Accountant I",  # level one after any role
        "Software Development Engineer in Test I",
        "Associate Front-End Software Engineer",
        "Associate/Engineer Embedded Software",
        "Customer Engineer Associate - Platform",
        "Associate Security Researcher",
        "Alternance - DevOps - Software Factory - H/F/X",
        "Ausbildung Fachinformatiker (w/m/d) für Anwendungsentwicklung",
        "Engineering Associate - Java Backend Services",
        "Associate, Software Engineer, New Grad",
        "Jr. Python Developer",
    ],
)
def test_junior_titles_are_junior(title: str) -> None:
    assert seniority_of(make_job(title)) == "junior"
    assert matches_seniority(make_job(title), "junior")


@pytest.mark.parametrize(
    "title",
    [
        "Backend Developer",
        "Software Engineer",
        "Staff Accountant",
        "Lead Generation Specialist",
        "Internal Tools Engineer",
        "Seniority Analyst",
        "Software Engineer, Python - Mid / Senior",
        "Mid-Senior Backend Developer",
        "Mid to Senior Data Engineer",
        "Semi Senior Robotics Engineer",  # Latin America's mid level
        "Intermediate/ Senior Software Engineer",
        "Business Development Manager",
        "Mid + Senior Scala Developer",
        "Full Stack Rails Developer Medior/Senior",  # medior: Dutch for mid
        "Senior/Mid-level Engineer",
        "(Senior) Software Engineer, Backend",  # senior optional: the lower end
        "Member of Technical Staff, Inference",  # the technical staff, not a staff level
        "Infrastructure Manager",  # a manager of systems, not of an engineering function
        "IT Data Manager",
        "Anesthesia Technician FT Evenings - Monroe Carell Jr. Children's Hospital at Vanderbilt",  # a name's Jr.
        "Associate Presentation Designer - Temp",
        "Chief of Staff, Online Grocery",  # a chief of staff is no chief
    ],
)
def test_titles_without_a_clear_level_have_none(title: str) -> None:
    assert seniority_of(make_job(title)) is None
    assert not matches_seniority(make_job(title), "senior")
    assert not matches_seniority(make_job(title), "junior")


def test_the_sources_level_field_decides_when_the_title_names_no_level() -> None:
    assert seniority_of(make_job("Backend Developer", levels=("Senior",))) == "senior"
    assert seniority_of(make_job("Medical Biller", levels=("Entry-level", "Mid-level"))) == "junior"


def test_tags_are_no_level() -> None:
    # Remote OK's tags are keywords: "senior" and "lead" there say nothing of the posting's level.
    assert seniority_of(make_job("Data Analyst", tags=("analyst", "senior", "lead"))) is None


def test_the_title_wins_over_the_level_field() -> None:
    assert seniority_of(make_job("Junior Backend Developer", levels=("senior",))) == "junior"


def test_an_empty_wanted_level_keeps_every_job() -> None:
    assert matches_seniority(make_job("Backend Developer"), "")


@pytest.mark.parametrize(("value", "expected"), [("senior", "senior"), ("Senior", "senior"), (" JUNIOR ", "junior")])
def test_validate_seniority_returns_the_canonical_level(value: str, expected: str) -> None:
    assert validate_seniority(value) == expected


@pytest.mark.parametrize("value", ["", "mid", "expert", "seniors"])
def test_validate_seniority_names_the_input_and_the_expected_values(value: str) -> None:
    with pytest.raises(ConfigError) as raised:
        validate_seniority(value)
    assert str(raised.value) == f"seniority: expected `senior` or `junior`, got {value!r}."


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Associate Software Engineer", "junior"),
        ("Associate Product Manager", None),  # docs/selection.md: "Associate" before an engineer or analyst title
        ("Warehouse Associate", None),
        ("Associate Director, Engineering", "senior"),
    ],
)
def test_associate_is_junior_only_before_a_role(title: str, expected: str | None) -> None:
    assert seniority_of(make_job(title)) == expected


def test_skill_words_in_a_level_field_are_not_levels() -> None:
    skills = ("Adobe Creative Suite", "Architect", "Architecture", "Full-Time")
    assert seniority_of(make_job("Sales Development Representative", levels=skills)) is None
    assert seniority_of(make_job("Operator 2 - 2nd shift", levels=("Full-time", "Entry Level"))) == "junior"
    assert seniority_of(make_job("Mulesoft Developer", levels=("contract", "Mid-senior"))) is None
    assert seniority_of(make_job("Mulesoft Developer", levels=("Mid-Senior level",))) is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        # A title that lists several openings takes the lowest level it lists (a range takes its lower end).
        ("Software Engineer, DevOps Engineer, QA Engineer, Engineering Manager", None),
        ("Technical Support Engineer, Sr. QA Engineer, Sr. DevOps, SRE Lead", None),
        ("Senior Backend Engineer & Senior Full Stack Engineer", "senior"),
        ("Senior and Junior Front End Engineers", "junior"),
        # One opening under two names, or a level word for the whole list, stays one opening.
        ("Senior Data Analyst / BI Developer", "senior"),
        ("Staff Product Designer & Researcher", "senior"),
        ("Tech Lead, Developer Experience", "senior"),
        ("Senior Software Engineer, Backend", "senior"),
    ],
)
def test_titles_that_list_several_openings_take_the_lowest_level(title: str, expected: str | None) -> None:
    assert seniority_of(make_job(title)) == expected
