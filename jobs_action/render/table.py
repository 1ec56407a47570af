"""The jobs table: one row per job in the chosen columns (by default Company | Position | Location | Posted |
Apply), and the section that stands between the markers (the date line, then the table or one table per
section). Pure; every cell is escaped (``render/escape.py``).

Each row is one line whose text depends on its job alone, without padding, so a one-job change is a one-line
diff. Two parts of a row change with the date alone, the Age cell and the new badge; :func:`without_volatile`
blanks them (and the "Updated on" line), so a day on which only they would change is not a change.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from jobs_action.models import COLUMNS, DEFAULT_COLUMNS, Column, Job
from jobs_action.render.cells import age_cell, salary_cell, type_cell
from jobs_action.render.escape import add_query, escape_cell, link_destination
from jobs_action.select.places.resolve import area_label, office_text, place_of
from jobs_action.select.sections import NO_SECTIONS, Sections, split_sections

HEADER = "| Company | Position | Location | Posted | Apply |"
SEPARATOR = "| ------- | -------- | -------- | ------ | ------ |"
# The separator's dashes under each column (those of the default table are the contract's).
_DASHES = {"Company": 7, "Position": 8, "Location": 8, "Salary": 6, "Posted": 6, "Age": 3, "Type": 4, "Apply": 6}
NO_JOBS = "*No open jobs match this list right now. It is checked again on the next run.*"
NO_SECTION_JOBS = "*No open jobs in this section right now.*"
_UPDATED = re.compile(r"^\*Updated on \d{4}-\d{2}-\d{2}\*$", re.MULTILINE)
# An Apply cell anywhere in a row (the column may stand anywhere); feed text cannot forge one, its brackets are
# escaped.
_APPLY_LINK = re.compile(r"(?:^\| | \| )\[Apply\]\((?P<url>[^()\s]+)\)(?= \|)")


@dataclass(frozen=True, slots=True)
class TableOptions:
    link_query: str = ""
    date_format: str = "%b %d"
    columns: tuple[Column, ...] = DEFAULT_COLUMNS
    new_badge: str = ""  # shown after the Position of a job first seen in the last ``new_badge_days`` days
    new_badge_days: int = 1
    sections: Sections = field(default=NO_SECTIONS)


def header(columns: Sequence[Column]) -> str:
    return "| " + " | ".join(columns) + " |"


def separator(columns: Sequence[Column]) -> str:
    return "| " + " | ".join("-" * _DASHES[column] for column in columns) + " |"


def render_row(job: Job, options: TableOptions, now: datetime | None = None) -> str:
    """One table row; its text depends on this job (and, for Age and the badge, on ``now``) alone."""
    return "| " + " | ".join(cell(column, job, options, now) for column in options.columns) + " |"


def cell(column: Column, job: Job, options: TableOptions, now: datetime | None) -> str:
    """One escaped cell. Age and the badge need ``now``; without it they are left out."""
    if column == "Company":
        return escape_cell(job.company)
    if column == "Position":
        return position_cell(job, options, now)
    if column == "Location":
        return location_cell(job)
    if column == "Salary":
        return salary_cell(job)
    if column == "Posted":
        return escape_cell(job.posted_at.strftime(options.date_format))
    if column == "Age":
        return age_cell(job, now) if now is not None else ""
    if column == "Type":
        return type_cell(job)
    return f"[Apply]({link_destination(add_query(job.url, options.link_query))})"


def position_cell(job: Job, options: TableOptions, now: datetime | None) -> str:
    """The title, ``💰`` when a salary is known and no Salary column shows it, then the new badge."""
    text = escape_cell(job.title)
    if job.has_salary and "Salary" not in options.columns:
        text += " 💰"
    if is_new(job, options, now):
        text += badge_suffix(options.new_badge)
    return text


def badge_suffix(badge: str) -> str:
    return f" {escape_cell(badge)}" if badge else ""


def is_new(job: Job, options: TableOptions, now: datetime | None) -> bool:
    """Whether the job wears the new badge: first seen by the action in the last ``new_badge_days`` days (by
    calendar day in UTC: 1 means today). A repost keeps its first-seen date, so it is not new."""
    if not options.new_badge or now is None or job.first_seen is None:
        return False
    return (now.date() - job.first_seen.date()).days < options.new_badge_days


def location_cell(job: Job) -> str:
    """From the place the selection resolved (docs/selection.md, "The Location cell"): ``📍 <place>`` for an on-site
    or hybrid job, as the source wrote it without work-mode words; ``🌐 Remote`` for a remote job that is worldwide
    or names no area; ``🌐 Remote (<area>)`` in short names otherwise, never the feed's raw text."""
    remote, detail = where(job)
    if remote:
        return f"🌐 Remote ({escape_cell(detail)})" if detail else "🌐 Remote"
    return f"📍 {escape_cell(detail)}" if detail else "📍 Not specified"


def where(job: Job) -> tuple[bool, str]:
    """Whether the job is remote, and the text that goes with it (the area, or the office's place): the one
    decision the table, the Atom feed and the step summary show."""
    place = place_of(job)
    if place.is_remote:
        return True, area_label(place)
    return False, office_text(job.location)


def render_table(jobs: Sequence[Job], options: TableOptions, now: datetime | None = None, empty: str = NO_JOBS) -> str:
    """The whole table, or the one-line ``empty`` note when there is no job."""
    if not jobs:
        return empty
    rows = (render_row(job, options, now) for job in jobs)
    return "\n".join([header(options.columns), separator(options.columns), *rows])


def render_section(jobs: Sequence[Job], options: TableOptions, now: datetime) -> str:
    """What stands between the markers: the date line, then the table, or each section's heading and table."""
    parts = [f"*Updated on {now:%Y-%m-%d}*"]
    if not options.sections:
        parts.append(render_table(jobs, options, now))
    for heading, group in split_sections(jobs, options.sections) if options.sections else ():
        parts += [f"### {escape_cell(heading)}", render_table(group, options, now, NO_SECTION_JOBS)]
    return "\n\n".join(parts)


def without_date_line(text: str) -> str:
    """``text`` with its "Updated on" line blanked: two renders equal under this differ only by the date."""
    return _UPDATED.sub("*Updated on*", text.replace("\r\n", "\n"))


def without_volatile(text: str, badge: str = "") -> str:
    """``text`` without what changes with the date alone: the "Updated on" line, the Age cells and the new
    ``badge`` after a Position, in every table whose header is one this action writes. Two renders equal under
    this differ only in those."""
    lines = without_date_line(text).split("\n")
    columns: list[str] | None = None
    suffix = badge_suffix(badge)
    for index, line in enumerate(lines):
        cells = _cells(line)
        if cells is None:
            columns = None
        elif columns is None:
            columns = cells if set(cells) <= set(COLUMNS) and len(set(cells)) == len(cells) else None
        elif len(cells) == len(columns) and not all(set(text) == {"-"} for text in cells):
            lines[index] = _steady_row(cells, columns, suffix)
    return "\n".join(lines)


def _cells(line: str) -> list[str] | None:
    """The cells of a row this action wrote (``| a | b |``: an escaped cell holds no bare ``|``); ``None`` for
    any other line."""
    if not line.startswith("| ") or not line.endswith(" |"):
        return None
    return line[2:-2].split(" | ")


def _steady_row(cells: list[str], columns: list[str], suffix: str) -> str:
    steady = list(cells)
    if "Age" in columns:
        steady[columns.index("Age")] = ""
    if suffix and "Position" in columns:
        at = columns.index("Position")
        steady[at] = steady[at].removesuffix(suffix)
    return "| " + " | ".join(steady) + " |"


def apply_urls(text: str) -> list[str]:
    """The Apply URLs of the table rows in ``text`` (to count added and removed jobs)."""
    urls = []
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _APPLY_LINK.search(line) if line.startswith("| ") else None
        if match:
            urls.append(match["url"])
    return urls
