"""Pure selection: which jobs a list shows, newest first, capped. No I/O, ``now`` is an argument."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from jobs_action.models import Job, with_reading
from jobs_action.select.categories import categories_of, matches_category, wanted_categories
from jobs_action.select.places.filter import NO_LOCATION, LocationFilter, matches_location
from jobs_action.select.places.resolve import place_of
from jobs_action.select.pool import Pool, sort_jobs
from jobs_action.select.salary import MinSalary, meets_min_salary, salary_read
from jobs_action.select.seniority import matches_seniority

__all__ = ["Criteria", "annotate", "matches", "select_jobs", "sort_jobs"]  # sort_jobs: the pool's order


@dataclass(frozen=True, slots=True)
class Criteria:
    category: str = "all"
    max_age_days: int = 15
    max_jobs: int = 50
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    location: LocationFilter = NO_LOCATION
    seniority: str = ""
    min_salary: MinSalary | None = None


def annotate(job: Job) -> Job:
    """The job with the selection's reading of it, so every later stage reads the same decision: where it can be
    done (``place``) and the salary its title states when the source gave none."""
    return with_reading(job, place_of(job), salary_read(job))  # ``with_title_salary``'s salary, without a copy


def select_jobs(jobs: Iterable[Job] | Pool, criteria: Criteria, now: datetime) -> list[Job]:
    """The jobs of one list: fresh, in the category, place, seniority and salary range; newest first, capped.

    ``jobs`` should already be free of duplicates (``dedup.dedupe`` runs once over the whole pool). A ``Pool``
    is sorted already (and must be one built for this time and at least this age); any other iterable is sorted
    here first.
    """
    if not isinstance(jobs, Pool):
        jobs = Pool(jobs, now, criteria.max_age_days)
    elif not jobs.serves(now, criteria.max_age_days):
        raise ValueError(
            f"a pool of {jobs.max_age_days} days at {jobs.now:%Y-%m-%d %H:%M} cannot serve a list of "
            f"{criteria.max_age_days} days at {now:%Y-%m-%d %H:%M}"
        )
    oldest = now - timedelta(days=criteria.max_age_days)
    kept: list[Job] = []
    if criteria.max_jobs <= 0:
        return kept
    # In the order the list shows its rows, only as far as the list reaches: the classifiers run on the jobs that
    # can make the cut, not on the whole pool.
    for job in jobs.newest_first():
        if job.posted_at < oldest:
            break
        if matches(job, criteria):
            kept.append(job)
            if len(kept) == criteria.max_jobs:
                break
    return kept


def matches(job: Job, criteria: Criteria) -> bool:
    """Every rule of the list, cheapest first."""
    return (
        _in_category(job, criteria)
        and (not criteria.seniority or matches_seniority(job, criteria.seniority))
        and (criteria.min_salary is None or meets_min_salary(job, criteria.min_salary))
        and (not criteria.location or matches_location(job, criteria.location))
    )


def _in_category(job: Job, criteria: Criteria) -> bool:
    """``matches_category``; without keywords it is "``all``, or one of the wanted categories", and those are
    computed once per title, tags and source category for every list of the run."""
    if criteria.include or criteria.exclude:
        return matches_category(job, criteria.category, criteria.include, criteria.exclude)
    wanted = wanted_categories(criteria.category)
    return "all" in wanted or not _categories(job.title, job.tags, job.category).isdisjoint(wanted)


_UNUSED_DATE = datetime(2000, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=65_536)
def _categories(title: str, tags: tuple[str, ...], category: tuple[str, ...]) -> frozenset[str]:
    # categories_of reads the title, the tags and the source's category, nothing else: the cache key.
    return categories_of(Job(company="", title=title, url="", posted_at=_UNUSED_DATE, tags=tags, category=category))
