"""Pure selection: which jobs a list shows, newest first, capped. No I/O, ``now`` is an argument."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from jobs_action.categories import matches_category
from jobs_action.models import Job

# A job dated up to this far ahead (a source's clock or time zone slip) counts as posted now; later ones are
# dropped as nonsense.
FUTURE_TOLERANCE = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Criteria:
    category: str = "all"
    max_age_days: int = 15
    max_jobs: int = 50
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


def select_jobs(jobs: Iterable[Job], criteria: Criteria, now: datetime) -> list[Job]:
    """The jobs of one list: in the category, not older than ``max_age_days``, newest first, capped."""
    fresh = (job for job in (_clamp_date(job, now) for job in jobs) if job and is_fresh(job, criteria, now))
    kept = [job for job in fresh if matches_category(job, criteria.category, criteria.include, criteria.exclude)]
    return sort_jobs(kept)[: criteria.max_jobs]


def is_fresh(job: Job, criteria: Criteria, now: datetime) -> bool:
    """Posted within the last ``max_age_days`` days; the boundary itself is kept."""
    return job.posted_at >= now - timedelta(days=criteria.max_age_days)


def sort_jobs(jobs: Iterable[Job]) -> list[Job]:
    """Newest first; ties broken by company, title and URL so the order never depends on the input order."""
    by_text = sorted(jobs, key=lambda job: (job.company.casefold(), job.title.casefold(), job.url))
    return sorted(by_text, key=lambda job: job.posted_at, reverse=True)


def _clamp_date(job: Job, now: datetime) -> Job | None:
    if job.posted_at <= now:
        return job
    if job.posted_at - now <= FUTURE_TOLERANCE:
        return dataclasses.replace(job, posted_at=now)
    return None
