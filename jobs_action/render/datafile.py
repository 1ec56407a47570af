"""The list's data file (input ``data-file``): its jobs as JSON in the normalized feed format, and its history.

The file is what docs/CONTRACT.md, "Normalized jobs feed" reads, so another list can use it as a ``json:`` or ``file:``
source (the keys it adds are ignored there). Besides the feed's fields each job has ``employment_type``, its
``key`` and its ``first_seen`` and ``last_seen`` dates (render/history.py); the top-level ``history`` array
remembers the jobs that left the list lately (``key``, ``url``, ``first_seen``, ``last_seen``).

Keys come in a fixed order and jobs newest first as given, so an unchanged list gives the same text except for
``generated_at``, the jobs' ``last_seen`` and the ``history``; :func:`same_jobs` compares two files ignoring those,
so the caller can skip a commit that would change only them (they are brought up to date by the next commit).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from jobs_action.models import Job, Salary
from jobs_action.render.history import Seen, job_key


def render_data_file(
    jobs: Sequence[Job], *, title: str, category: str, generated_at: datetime, left: Sequence[Seen] = ()
) -> str:
    """The data file's text: ``{"generated_at", "title", "category", "jobs": [...], "history": [...]}``, indented,
    one final newline. ``left``: the jobs that left the list and are remembered."""
    document = {
        "generated_at": iso_utc(generated_at),
        "title": title,
        "category": category,
        "jobs": [job_object(job, generated_at) for job in jobs],
        "history": [seen_object(entry) for entry in left],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def job_object(job: Job, seen_at: datetime) -> dict[str, Any]:
    """One job in the normalized feed format (``source`` is not part of it), with its history: ``key``,
    ``first_seen`` (its posting date when no history was read) and ``last_seen`` (``seen_at``, this run)."""
    return {
        "id": job.id,
        "company": job.company,
        "title": job.title,
        "location": job.location,
        "remote": job.remote,
        "posted_at": iso_utc(job.posted_at),
        "url": job.url,
        "salary": salary_value(job.salary),
        "tags": list(job.tags),
        "category": list(job.category),
        "employment_type": job.employment,
        "key": job.key or job_key(job),
        "first_seen": iso_utc(job.first_seen or job.posted_at),
        "last_seen": iso_utc(seen_at),
    }


def seen_object(entry: Seen) -> dict[str, Any]:
    return {
        "key": entry.key,
        "url": entry.url,
        "first_seen": iso_utc(entry.first_seen),
        "last_seen": iso_utc(entry.last_seen),
    }


def salary_value(salary: Salary | None) -> dict[str, Any] | str | None:
    """The structured object when the amounts are known, else the source's text, else ``None``."""
    if salary is None or not salary.known:
        return None
    if salary.min is None and salary.max is None:
        return salary.text
    return {
        "min": _number(salary.min),
        "max": _number(salary.max),
        "currency": salary.currency,
        "period": salary.period,
    }


def _number(value: float | None) -> float | int | None:
    """``120000.0`` is written ``120000``; fractions stay (``19.5`` an hour)."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with ``Z`` (``2025-04-21T12:00:00Z``); a naive datetime is taken as UTC."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat().replace("+00:00", "Z")


def comparable(text: str | None) -> dict[str, Any] | None:
    """The data file's document without what changes on every run (``generated_at``, the jobs' ``last_seen``)
    and without the ``history`` of jobs that left; ``None`` when ``text`` is missing or not an object."""
    if text is None:
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, dict):
        return None
    document.pop("generated_at", None)
    document.pop("history", None)
    jobs = document.get("jobs")
    if isinstance(jobs, list):
        for job in jobs:
            if isinstance(job, dict):
                job.pop("last_seen", None)
    return document


def same_jobs(old_text: str | None, new_text: str | None) -> bool:
    """Whether two data files differ at most in ``generated_at``, ``last_seen`` and ``history`` (a missing or
    invalid file never matches)."""
    old, new = comparable(old_text), comparable(new_text)
    return old is not None and old == new
