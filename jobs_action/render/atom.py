"""The list's Atom feed (input ``feed-file``): an Atom 1.0 document (RFC 4287), one entry per job.

The document is built with ``xml.etree.ElementTree``, which escapes every text and attribute, and every feed
text first loses the characters XML 1.0 forbids (``\\x00``, ``\\x1b``, lone surrogates, ...) plus C1 controls
and bidi overrides, so any job text gives a well-formed feed in which it stays plain text.

The output depends only on the jobs and the arguments, never on the clock: an entry's ``id`` is a UUID 5 of
the job's key (render/history.py: the key the data file keeps, else the one of its company, title and place), so
the same job keeps its entry across runs, positions and reposts under a new URL: a new job is a new entry once.
An entry is ``published`` when the job was first seen (its posting date without a data file) and ``updated``
when it was last posted; the feed's ``updated`` is the newest entry's. An unchanged list therefore renders
byte-identical text and makes no commit. With sections, each entry's section heading is one of its categories.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import UTC, datetime

from jobs_action.models import Job, Salary
from jobs_action.render.cells import type_cell
from jobs_action.render.escape import add_query
from jobs_action.render.history import job_key
from jobs_action.render.table import where
from jobs_action.select.sections import NO_SECTIONS, Sections, split_sections

ATOM_NS = "http://www.w3.org/2005/Atom"
GENERATOR = "Awesome Jobs Action"
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)
"""``updated`` of a feed without jobs when the caller gives none: fixed, so an empty list stays unchanged."""

# Not allowed in XML 1.0 (C0 controls but TAB/LF/CR, surrogates, U+FFFE/U+FFFF), plus DEL and C1 controls
# (allowed but discouraged) and the bidi embeddings, overrides and isolates (they reorder what a reader shows).
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"\s+")
_PERIOD_WORDS = {"year": "a year", "month": "a month", "week": "a week", "day": "a day", "hour": "an hour"}


def render_atom(
    jobs: Sequence[Job],
    *,
    title: str,
    feed_id: str,
    self_url: str,
    alternate_url: str,
    updated: datetime | None = None,
    link_query: str = "",
    sections: Sections = NO_SECTIONS,
) -> str:
    """The feed's text (UTF-8, with an XML declaration), entries in the order of ``jobs`` (newest first).

    ``updated`` is used only when there are no jobs (default: :data:`EMPTY_FEED_UPDATED`); otherwise the
    feed's ``updated`` is the newest entry's. ``link_query`` is added to every apply URL, as in the table;
    ``sections`` add each job's section heading to its categories.
    """
    feed = ET.Element("feed", {"xmlns": ATOM_NS})
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    _text(feed, "updated", rfc3339(feed_updated(jobs, updated)))
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": clean_xml_text(self_url)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": clean_xml_text(alternate_url)})
    _text(ET.SubElement(feed, "author"), "name", GENERATOR)
    _text(feed, "generator", GENERATOR)
    grouped = split_sections(jobs, sections) if sections else []
    headings = {id(job): heading for heading, group in grouped for job in group}
    for job in jobs:
        feed.append(job_entry(job, link_query, headings.get(id(job), "")))
    ET.indent(feed)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document.decode("utf-8") + "\n"


def feed_updated(jobs: Sequence[Job], fallback: datetime | None = None) -> datetime:
    """The newest entry's ``updated``; ``fallback`` (or the fixed epoch) for an empty list."""
    if jobs:
        return max(entry_updated(job) for job in jobs)
    return fallback or EMPTY_FEED_UPDATED


def entry_published(job: Job) -> datetime:
    """When the job was first seen (the data file's history); its posting date without one."""
    return job.first_seen or job.posted_at


def entry_updated(job: Job) -> datetime:
    """When the job was last posted, never before it was published."""
    return max(job.posted_at, entry_published(job))


def job_entry(job: Job, link_query: str = "", section: str = "") -> ET.Element:
    entry = ET.Element("entry")
    _text(entry, "id", entry_id(job))
    _text(entry, "title", f"{job.title} at {job.company}")
    ET.SubElement(entry, "link", {"rel": "alternate", "href": clean_xml_text(add_query(job.url, link_query))})
    _text(entry, "published", rfc3339(entry_published(job)))
    _text(entry, "updated", rfc3339(entry_updated(job)))
    _text(ET.SubElement(entry, "author"), "name", job.company)
    for term in dict.fromkeys((*job.category, section) if section else job.category):
        ET.SubElement(entry, "category", {"term": clean_xml_text(term)})
    summary = _text(entry, "summary", entry_summary(job))
    summary.set("type", "text")
    return entry


def entry_id(job: Job) -> str:
    """``urn:uuid:`` of a UUID 5 of the job's key: stable across runs, order and reposts."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"urn:awesome-jobs-action:job:{job.key or job_key(job)}").urn


def entry_summary(job: Job) -> str:
    """Plain text: where, the pay and the type when known (``Location: Remote (Europe) · Salary: USD 90,000 a
    year · Type: Full-time``)."""
    parts = [f"Location: {_place(job)}"]
    pay = salary_text(job.salary)
    if pay:
        parts.append(f"Salary: {pay}")
    kind = type_cell(job)
    if kind:
        parts.append(f"Type: {kind}")
    return " · ".join(parts)


def _place(job: Job) -> str:
    remote, detail = where(job)
    if remote:
        return f"Remote ({detail})" if detail else "Remote"
    return detail or "Not specified"


def salary_text(salary: Salary | None) -> str:
    """A salary as a reader would write it; the source's text when it gave no amounts; empty when unknown."""
    if salary is None or not salary.known:
        return ""
    amounts = [_amount(value) for value in dict.fromkeys((salary.min, salary.max)) if value is not None]
    if not amounts:
        return salary.text
    words = [salary.currency or "", "–".join(amounts), _PERIOD_WORDS.get(salary.period or "", "")]
    return " ".join(word for word in words if word)


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value >= 1000 else f"{value:,.2f}".removesuffix(".00")


def rfc3339(moment: datetime) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_xml_text(text: str) -> str:
    """``text`` without characters XML 1.0 forbids or that reorder display; line breaks become spaces."""
    return _BREAKS.sub(" ", _UNSAFE.sub("", text)).strip()


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = clean_xml_text(text)
    return element
