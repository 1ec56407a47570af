"""The list's data file (input ``data-file``): its jobs as JSON in the normalized feed format.

The file is what docs/CONTRACT.md, "Normalized jobs feed" reads, so another list can use it as a ``json:`` or ``file:``
source. Keys come in a fixed order and jobs newest first as given, so an unchanged list gives the same text
except for ``generated_at``; :func:`same_jobs` compares two files ignoring that key, so the caller can skip a
commit that would change only the timestamp.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from jobs_action.models import Job, Salary


def render_data_file(jobs: Sequence[Job], *, title: str, category: str, generated_at: datetime) -> str:
    """The data file's text: ``{"generated_at", "title", "category", "jobs": [...]}``, indented, one final newline."""
    document = {
        "generated_at": iso_utc(generated_at),
        "title": title,
        "category": category,
        "jobs": [job_object(job) for job in jobs],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def job_object(job: Job) -> dict[str, Any]:
    """One job in the normalized feed format (``source`` is not part of it)."""
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


def without_generated_at(text: str | None) -> dict[str, Any] | None:
    """The data file's document without ``generated_at``; ``None`` when ``text`` is missing or not an object."""
    if text is None:
        return None
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(document, dict):
        return None
    document.pop("generated_at", None)
    return document


def same_jobs(old_text: str | None, new_text: str | None) -> bool:
    """Whether two data files differ at most in ``generated_at`` (a missing or invalid file never matches)."""
    old, new = without_generated_at(old_text), without_generated_at(new_text)
    return old is not None and old == new
