"""The jobs table: one row per job (Company | Position | Location | Posted | Apply), and the section that
stands between the markers (the date line and the table). Pure; every cell is escaped (``render/escape.py``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from jobs_action.models import Job
from jobs_action.render.escape import add_query, escape_cell, link_destination
from jobs_action.select.places.resolve import area_label, office_text, place_of

HEADER = "| Company | Position | Location | Posted | Apply |"
SEPARATOR = "| ------- | -------- | -------- | ------ | ------ |"
NO_JOBS = "*No open jobs match this list right now. It is checked again on the next run.*"
_UPDATED = re.compile(r"^\*Updated on \d{4}-\d{2}-\d{2}\*$", re.MULTILINE)
_APPLY_LINK = re.compile(r"\[Apply\]\((?P<url>[^()\s]+)\) \|\s*$")


@dataclass(frozen=True, slots=True)
class TableOptions:
    link_query: str = ""
    date_format: str = "%b %d"


def render_row(job: Job, options: TableOptions) -> str:
    """One table row; its text depends on this job alone (a one-job change is a one-line diff)."""
    position = escape_cell(job.title) + (" 💰" if job.has_salary else "")
    url = link_destination(add_query(job.url, options.link_query))
    cells = (
        escape_cell(job.company),
        position,
        location_cell(job),
        escape_cell(job.posted_at.strftime(options.date_format)),
        f"[Apply]({url})",
    )
    return "| " + " | ".join(cells) + " |"


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


def render_table(jobs: Sequence[Job], options: TableOptions) -> str:
    """The whole table, or a one-line note when there is no job."""
    if not jobs:
        return NO_JOBS
    return "\n".join([HEADER, SEPARATOR, *(render_row(job, options) for job in jobs)])


def render_section(jobs: Sequence[Job], options: TableOptions, now: datetime) -> str:
    """What stands between the markers: the date line and the table."""
    return f"*Updated on {now:%Y-%m-%d}*\n\n{render_table(jobs, options)}"


def without_date_line(text: str) -> str:
    """``text`` with its "Updated on" line blanked: two renders equal under this differ only by the date."""
    return _UPDATED.sub("*Updated on*", text.replace("\r\n", "\n"))


def apply_urls(text: str) -> list[str]:
    """The Apply URLs of the table rows in ``text`` (to count added and removed jobs)."""
    urls = []
    for line in text.replace("\r\n", "\n").split("\n"):
        match = _APPLY_LINK.search(line) if line.startswith("| ") else None
        if match:
            urls.append(match["url"])
    return urls
