"""Sections: one list shown as several tables under headings (the ``sections`` and ``other-section`` inputs).

``sections: category`` makes one section per category of the list's ``category`` input, in the order it names
them (``category: backend, frontend, devops``); a list of ``tech`` or ``all`` gets every built-in category, in
the order of the README. ``sections: USA, India, Remote`` makes one section per place, each read like a
``location`` entry. Either way a job is in one section only:

- a category section takes the jobs of that category; a job of several goes to the first section named;
- a place section takes the jobs someone there could take (the rules of ``location``); a job that matches
  several goes to the first, except that a worldwide remote job goes to the first section that names ``Remote``
  or ``Worldwide`` when there is one (it can be done from anywhere, it is not a job "in the USA").

A job in no section is left out, unless ``other-section: true`` adds a last section, "Other", for them. Each
section shows its newest jobs first, up to ``max-jobs`` rows (with sections, ``max-jobs`` caps each section).
Which section a job is in depends on the job alone, so splitting a list that was already split and capped
gives the same sections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jobs_action.errors import ConfigError
from jobs_action.models import Job
from jobs_action.select.categories import CATEGORIES, categories_of, wanted_categories
from jobs_action.select.places.filter import NO_LOCATION, LocationFilter, matches_location, parse_location_filter
from jobs_action.select.places.resolve import place_of

OTHER = "Other"
HEADINGS = {
    "backend": "Backend",
    "frontend": "Frontend",
    "fullstack": "Full-Stack",
    "devops": "DevOps",
    "data": "Data",
    "ml": "Machine Learning",
    "mobile": "Mobile",
    "security": "Security",
    "qa": "QA",
    "embedded": "Embedded",
    "gamedev": "Game Development",
    "design": "Design",
    "product": "Product",
}
MAX_SECTIONS = 20
_ANYWHERE = ("remote", "worldwide")


@dataclass(frozen=True, slots=True)
class Section:
    """One heading and the jobs it takes: those of ``category``, or those ``place`` matches."""

    heading: str
    category: str = ""
    place: LocationFilter = NO_LOCATION

    @property
    def takes_anywhere(self) -> bool:
        """Whether the section names ``Remote`` or ``Worldwide`` (where a worldwide remote job belongs)."""
        return any(wanted.kind in _ANYWHERE for wanted in self.place.places)


@dataclass(frozen=True, slots=True)
class Sections:
    """The parsed ``sections``: the sections in order, the opt-in "Other" section and the rows of each."""

    sections: tuple[Section, ...] = ()
    other: bool = False
    cap: int = 50

    def __bool__(self) -> bool:
        return bool(self.sections)

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(section.heading for section in self.sections) + ((OTHER,) if self.other else ())


NO_SECTIONS = Sections()
_EXPECTED = (
    "expected `category` (one section per category of the list), or comma separated places such as `USA, India, "
    "Remote` (each one a `location` entry)"
)


def parse_sections(text: str, category: str, *, other: bool = False, cap: int = 50) -> Sections:
    """The ``sections`` input for a list of ``category``; ``ConfigError`` naming ``sections`` when it is invalid."""
    entries = [entry.strip() for entry in re.split(r"[,;\n]", text or "") if entry.strip()]
    if not entries:
        return Sections(other=other, cap=cap)
    if [entry.casefold() for entry in entries] == ["category"]:
        return Sections(_category_sections(category), other, cap)
    if len(entries) > MAX_SECTIONS:
        raise ConfigError(f"sections: expected at most {MAX_SECTIONS} sections, got {len(entries)}.")
    headings = [entry.casefold() for entry in entries]
    for index, heading in enumerate(headings):
        if heading in headings[:index] or heading == OTHER.casefold():
            raise ConfigError(
                f"sections: {entries[index][:60]!r} is named twice (or is `Other`, which `other-section: true` adds); "
                "name each section once."
            )
    return Sections(tuple(_place_section(entry) for entry in entries), other, cap)


def _category_sections(category: str) -> tuple[Section, ...]:
    names = wanted_categories(category)
    if "all" in names or "tech" in names:
        names = CATEGORIES
    return tuple(Section(HEADINGS.get(name, name), category=name) for name in names if name in HEADINGS)


def _place_section(entry: str) -> Section:
    if entry.casefold() == "category":
        raise ConfigError(f"sections: `category` stands alone (one section per category); {_EXPECTED}.")
    try:
        place = parse_location_filter(entry)
    except ConfigError:
        raise ConfigError(f"sections: {_EXPECTED}, got {entry[:60]!r}.") from None
    if len(entry) > 60:
        raise ConfigError(f"sections: expected a heading of at most 60 characters, got {len(entry)}.")
    return Section(entry, place=place)


def section_of(job: Job, sections: Sections) -> int | None:
    """The index of the job's section (``len(sections.sections)`` for "Other"), or ``None`` when it is in none."""
    chosen = _named_section(job, sections.sections)
    if chosen is None and sections.other:
        return len(sections.sections)
    return chosen


def _named_section(job: Job, sections: Sequence[Section]) -> int | None:
    if sections and sections[0].category:
        found = categories_of(job)
        return next((i for i, section in enumerate(sections) if section.category in found), None)
    matching = [i for i, section in enumerate(sections) if matches_location(job, section.place)]
    if matching and place_of(job).worldwide:
        anywhere = [i for i in matching if sections[i].takes_anywhere]
        return (anywhere or matching)[0]
    return matching[0] if matching else None


def split_sections(jobs: Iterable[Job], sections: Sections) -> list[tuple[str, list[Job]]]:
    """Each heading with its jobs, in the order given (newest first), at most ``sections.cap`` each."""
    groups: list[list[Job]] = [[] for _ in sections.headings]
    for job in jobs:
        index = section_of(job, sections)
        if index is not None and len(groups[index]) < sections.cap:
            groups[index].append(job)
    return list(zip(sections.headings, groups, strict=True))


def shown_jobs(jobs: Sequence[Job], sections: Sections) -> list[Job]:
    """The jobs the sections show, in the order given; every job when there are no sections."""
    if not sections:
        return list(jobs)
    kept = {id(job) for _, group in split_sections(jobs, sections) for job in group}
    return [job for job in jobs if id(job) in kept]
