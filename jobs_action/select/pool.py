"""The pool: the jobs that lists over the same sources and age share, deduplicated and sorted once.

Every list of a family reads the same pool, so the work per job is done once for all of them: its duplicate keys
(``dedup.same_job_keys``, with the salary its title states), the duplicate groups, and one sort in the order the
lists show their rows (newest first, then company, title and URL; a date a little in the future counts as now).
A list then takes its rows from the front of the pool and stops at its oldest day (``criteria.select_jobs``): the
classifiers run only on the jobs a list reads, not on the whole pool.

A job is annotated (``criteria.annotate``: its resolved place and its title's salary) when a list first reads it,
once for every list: most jobs of a large pool are never read (too old, or behind the rows the lists keep), and a
copy of each would cost more than all the rest of the pool's work. The place itself is resolved once per distinct
text (``places.resolve``), so the duplicate keys and the annotation read the same decision.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime, timedelta
from itertools import compress, count, islice
from operator import attrgetter, eq

from jobs_action.models import Job
from jobs_action.select.dedup import dedupe
from jobs_action.select.salary import title_salary

# A job dated up to this far ahead (a source's clock or time zone slip) counts as posted now; later ones are
# dropped as nonsense.
FUTURE_TOLERANCE = timedelta(days=1)


def oldest_day(now: datetime, max_age_days: int) -> datetime:
    """The oldest date a list of ``max_age_days`` shows at ``now``: an older job is in no list (a date in the future
    is clamped to ``now``, never moved back)."""
    return now - timedelta(days=max_age_days)


def states_salary(job: Job) -> bool:
    """Whether the job states a salary as the selection reads it: a salary stated only in its title counts, as it
    does once the job is annotated (the duplicates' choice of the richest record reads this)."""
    return job.has_salary or title_salary(job.title) is not None


class Pool:
    """Jobs in the order every list shows its rows, each annotated (``read``) once, when a list first reads it.

    ``now`` and ``max_age_days``: the time the dates were clamped at, and the oldest day kept; a list that reaches
    further back, or selects at another time, cannot be served from this pool (``serves``).
    """

    def __init__(
        self,
        jobs: Iterable[Job],
        now: datetime,
        max_age_days: int,
        read: Callable[[Job], Job] | None = None,
    ) -> None:
        self.now = now
        self.max_age_days = max_age_days
        given = list(jobs)
        self.given = len(given)  # the jobs offered, before the age window
        oldest = oldest_day(now, max_age_days)
        dated = (job if job.posted_at <= now else _clamp_date(job, now) for job in given)
        self.jobs: Sequence[Job] = sort_jobs(job for job in dated if job is not None and job.posted_at >= oldest)
        self._read = read
        self._read_jobs: dict[int, Job] = {}  # index -> the job as ``read`` returned it

    def serves(self, now: datetime, max_age_days: int) -> bool:
        return now == self.now and max_age_days <= self.max_age_days

    def newest_first(self) -> Iterator[Job]:
        """The jobs in order, as the selection reads them."""
        if self._read is None:
            yield from self.jobs
            return
        read, done = self._read, self._read_jobs
        for index, job in enumerate(self.jobs):
            annotated = done.get(index)
            if annotated is None:
                annotated = done[index] = read(job)
            yield annotated

    def __len__(self) -> int:
        return len(self.jobs)


def build_pool(
    jobs: Iterable[Job],
    now: datetime,
    max_age_days: int,
    read: Callable[[Job], Job] | None = None,
    adjust: Callable[[list[Job]], list[Job]] = list,
) -> Pool:
    """The pool of ``jobs``: deduplicated within ``max_age_days`` (duplicates are looked for within a list's age),
    ``adjust``-ed (the example data moves its dates there), then sorted once."""
    unique = dedupe(jobs, window=timedelta(days=max_age_days), has_salary=states_salary)
    return Pool(adjust(unique), now, max_age_days, read)


def sort_jobs(jobs: Iterable[Job]) -> list[Job]:
    """Newest first; ties broken by company, title and URL so the order never depends on the input order.

    The dates are sorted by the datetime itself (a key read in C: every job's date is aware and in UTC, so their
    order is the instants' order), and only the jobs that share a date are sorted again by their texts: most dates
    are distinct, and a Python key per job costs more than the rest of the sort."""
    ordered = sorted(jobs, key=_POSTED_AT, reverse=True)  # reverse keeps equal dates in input order: stable
    dates = list(map(_POSTED_AT, ordered))
    start = 0
    # Only the runs of equal dates are visited, found in C: each pair of neighbours compared once.
    for index in compress(count(1), map(eq, dates, islice(dates, 1, None))):
        if index <= start:
            continue
        end = index + 1
        while end < len(dates) and dates[end] == dates[index]:
            end += 1
        ordered[index - 1 : end] = sorted(ordered[index - 1 : end], key=_tie_order)
        start = end
    return ordered


_POSTED_AT = attrgetter("posted_at")


def _tie_order(job: Job) -> tuple[str, str, str]:
    return (job.company.casefold(), job.title.casefold(), job.url)


def _clamp_date(job: Job, now: datetime) -> Job | None:
    if job.posted_at - now <= FUTURE_TOLERANCE:
        return dataclasses.replace(job, posted_at=now)
    return None
