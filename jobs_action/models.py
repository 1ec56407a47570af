"""The domain types. A ``Job`` is built once at the source border and trusted afterwards."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, cast

Workplace = Literal["", "remote", "hybrid", "onsite"]  # "" when the source has no structured field
Employment = Literal["", "full-time", "part-time", "contract", "internship"]  # "" when the source does not say
# The columns a table may show (the `columns` input), and the table of the contract.
Column = Literal["Company", "Position", "Location", "Salary", "Posted", "Age", "Type", "Apply"]
COLUMNS: tuple[Column, ...] = ("Company", "Position", "Location", "Salary", "Posted", "Age", "Type", "Apply")
DEFAULT_COLUMNS: tuple[Column, ...] = ("Company", "Position", "Location", "Posted", "Apply")


@dataclass(frozen=True, slots=True)
class ResolvedPlace:
    """Where a job can be done, as the selection decided it (docs/selection.md, "Places"): the office's place for
    an on-site or hybrid job, the area a remote job is open to. ``unknown`` means it names no place a reader can
    rely on (a bare "Remote", an empty location): such a job joins no country list. ``worldwide`` joins them all.
    """

    countries: frozenset[str] = frozenset()  # ISO alpha-2
    subdivisions: frozenset[str] = frozenset()  # ISO 3166-2 ("US-CA", "IN-KA")
    cities: frozenset[int] = frozenset()  # geonames ids
    regions: frozenset[str] = frozenset()  # region ids ("europe", "latam", ...)
    is_remote: bool = False
    worldwide: bool = False
    unknown: bool = False
    area: frozenset[str] = frozenset()  # the countries it is in or open to: countries plus expanded regions

    @property
    def us_states(self) -> frozenset[str]:
        return frozenset(code[3:] for code in self.subdivisions if code.startswith("US-"))

    @property
    def names_a_place(self) -> bool:
        return bool(self.countries or self.subdivisions or self.cities or self.regions)


@dataclass(frozen=True, slots=True)
class Salary:
    """A salary as the source states it. ``None`` means the source did not say."""

    min: float | None = None
    max: float | None = None
    currency: str | None = None  # ISO 4217 code, upper case ("USD", "EUR", "INR")
    period: str | None = None  # "year", "month", "week", "day" or "hour"
    text: str = ""  # the source's own wording, cleaned ("$120k-150k"), when it gave text

    @property
    def known(self) -> bool:
        return self.min is not None or self.max is not None or bool(self.text)


@dataclass(frozen=True, slots=True)
class Job:
    """One posting, normalized: clean text, an http(s) URL, a timezone-aware UTC date."""

    company: str
    title: str
    url: str
    posted_at: datetime
    location: str = ""
    remote: bool = False
    salary: Salary | None = None
    tags: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    id: str = ""
    source: str = ""  # the source spec it came from ("remotive", "json:https://...")
    workplace: Workplace = ""  # the source's structured workplace type, when it has one
    place: ResolvedPlace | None = None  # set by the selection stage (select/criteria.py ``annotate``)
    employment: Employment = ""  # the source's employment type, when it states one
    # The list's memory of the job (render/history.py, from the data file): its stable key and when the action
    # first saw it. Empty and ``None`` until the history is read, and without a data file.
    key: str = ""
    first_seen: datetime | None = None
    # The source's own level field, when it has one (Himalayas "seniority", Jobicy "jobLevel", SmartRecruiters
    # "experienceLevel", Arbeitnow "job_types", a normalized feed's "level"): "Senior", "Entry-level". Tags are not
    # levels: boards such as Remote OK fill them with keywords ("senior", "lead").
    levels: tuple[str, ...] = ()

    @property
    def has_salary(self) -> bool:
        return self.salary is not None and self.salary.known


class _JobDraft:
    """``Job``'s slots, writable: ``new_job`` fills one and makes it a ``Job`` (same layout, so CPython allows the
    class change)."""

    __slots__ = Job.__slots__
    company: str
    title: str
    url: str
    posted_at: datetime
    location: str
    remote: bool
    salary: Salary | None
    tags: tuple[str, ...]
    category: tuple[str, ...]
    id: str
    source: str
    workplace: Workplace
    place: ResolvedPlace | None
    employment: Employment
    key: str
    first_seen: datetime | None
    levels: tuple[str, ...]


def new_job(
    company: str,
    title: str,
    url: str,
    posted_at: datetime,
    location: str,
    remote: bool,
    salary: Salary | None,
    tags: tuple[str, ...],
    category: tuple[str, ...],
    id: str,
    source: str,
    workplace: Workplace,
    employment: Employment,
    levels: tuple[str, ...] = (),
) -> Job:
    """``Job(...)`` with these fields and the other fields' defaults, as the source border builds every job.

    The frozen dataclass's ``__init__`` sets each of its 17 slots through ``object.__setattr__`` (about 2 µs a
    job, the largest single cost of a kept item); plain attribute stores on a draft with the same slots, then
    the class change, take about 0.25 µs. The result is a ``Job`` like any other (``tests/test_models.py``)."""
    draft = _JobDraft()
    draft.company, draft.title, draft.url, draft.posted_at = company, title, url, posted_at
    draft.location, draft.remote, draft.salary, draft.tags, draft.category = location, remote, salary, tags, category
    draft.id, draft.source, draft.workplace, draft.employment = id, source, workplace, employment
    draft.place, draft.key, draft.first_seen, draft.levels = None, "", None, levels
    object.__setattr__(draft, "__class__", Job)
    return cast(Job, draft)


def with_reading(job: Job, place: ResolvedPlace, salary: Salary | None) -> Job:
    """``dataclasses.replace(job, place=place, salary=salary)``: the job as the selection reads it, made the way
    ``new_job`` makes one (``replace`` reads every field by name and sets it through the frozen ``__init__``, about
    5 µs a job; the selection reads a job once per run, but a family reads thousands)."""
    draft = _JobDraft()
    draft.company, draft.title, draft.url, draft.posted_at = job.company, job.title, job.url, job.posted_at
    draft.location, draft.remote, draft.salary, draft.tags = job.location, job.remote, salary, job.tags
    draft.category, draft.id, draft.source, draft.workplace = job.category, job.id, job.source, job.workplace
    draft.place, draft.employment, draft.key, draft.first_seen = place, job.employment, job.key, job.first_seen
    draft.levels = job.levels
    object.__setattr__(draft, "__class__", Job)
    return cast(Job, draft)


@dataclass(frozen=True, slots=True)
class Skipped:
    """Why an item of a feed was not turned into a ``Job``."""

    reason: str
    item: str = ""  # a short, cleaned excerpt naming the item (never printed as markup)


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What one source produced: the jobs, what was skipped with reasons, and how many items were read but not
    built because no list of the run could show them (``too_old``: dated before the oldest day of every list that
    reads the source; see ``sources.build.collect_jobs``)."""

    source: str
    jobs: tuple[Job, ...] = ()
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
    too_old: int = 0

    @property
    def read(self) -> int:
        """The items read as jobs: the jobs built and the ones too old for any list."""
        return len(self.jobs) + self.too_old
