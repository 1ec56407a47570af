"""Turning one raw feed item into a ``Job`` or a ``Skipped``: the checks every source shares.

Provider modules pick their raw fields and call :func:`build_job`; it cleans the text, checks the URL and the
date, and says why an item is skipped.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple

from jobs_action.dates import parse_date
from jobs_action.models import Employment, FeedResult, Job, Salary, Skipped, Workplace, new_job
from jobs_action.text import MAX_URL_LENGTH, clean_text, normalize_url, plain_url, repair_mojibake

MAX_COMPANY = 80
MAX_TITLE = 140
MAX_LOCATION = 120
MAX_TAG = 40
MAX_TAGS = 30
MAX_ID = 200


class TooOld(NamedTuple):
    """An item that passed every check but is older than any list of the run shows (``build_job``'s ``cutoff``):
    counted, not built. Its URL and id still make a later item of the source a duplicate, as the job would."""

    company: str
    title: str
    url: str
    id: str


Built = Job | Skipped | TooOld
_new_tuple = tuple.__new__


def build_job(
    source: str,
    *,
    company: object,
    title: object,
    url: object,
    posted_at: object,
    location: object = None,
    remote: object = None,
    salary: Salary | Callable[[], Salary | None] | None = None,
    tags: Iterable[object] = (),
    category: Iterable[object] = (),
    id: object = None,
    workplace: object = None,
    employment: object = None,
    levels: Iterable[object] = (),
    repair: bool = False,
    unescape: bool = False,
    cutoff: datetime | None = None,
) -> Built:
    """Build a clean ``Job`` from raw field values, or a ``Skipped`` naming the first problem.

    ``cutoff``: the oldest date any list of the run shows from this source. An item that passes every check but is
    older is not built: a ``TooOld`` holds only what ``collect_jobs`` needs of it (its URL and id, which still
    make later items duplicates). ``salary`` may be a function that reads it, called only for a job that is built
    (or when the item is skipped, so that a salary no field can hold still skips it as before).

    ``workplace`` is the source's structured workplace type ("Remote", "Hybrid", "OnSite", "on-site"): it wins
    over the ``remote`` flag (hybrid is not remote). ``employment`` is the source's employment type, a word or a
    list of words ("full_time", "Full Time", ["Mid-senior", "contract"]): the first that names full-time,
    part-time, contract or internship work is kept (see :func:`employment_of`). ``levels`` is the source's own
    level field ("Senior", "Entry-level", a list of them), cleaned like tags; the selection reads a level from it
    only when the title names none (``select.seniority``). ``unescape`` decodes HTML
    entities once in every text field (``CI&amp;T`` -> ``CI&T``); ``repair`` repairs mojibake (see
    :func:`jobs_action.text.repair_mojibake`), for sources known to store it.
    """
    return build_item(
        source,
        cutoff,
        FIELD_TEXTS[repair, unescape],
        company,
        title,
        url,
        posted_at,
        location,
        remote,
        salary,
        tags,
        category,
        id,
        workplace,
        employment,
        levels,
    )


def build_item(
    source: str,
    cutoff: datetime | None,
    texts: FieldTexts,
    company: object,
    title: object,
    url: object,
    posted_at: object,
    location: object,
    remote: object,
    salary: Salary | Callable[[], Salary | None] | None,
    tags: Iterable[object],
    category: Iterable[object],
    id: object,
    workplace: object,
    employment: object,
    levels: Iterable[object],
) -> Built:
    """:func:`build_job` with every field in order and the cleaning of the kind of source given (``texts``, one of
    ``FIELD_TEXTS``): for a source's loop over many items (the normalized feed's), which then makes no keyword
    call per item."""
    clean_company = texts.company(company) if isinstance(company, str) else clean_text(company, MAX_COMPANY)
    clean_title = texts.title(title) if isinstance(title, str) else clean_text(title, MAX_TITLE)
    if not clean_company:
        return _skipped("missing company", clean_company, clean_title, salary)
    if not clean_title:
        return _skipped("missing title", clean_company, clean_title, salary)
    if type(url) is str and plain_url(url) and len(url) <= MAX_URL_LENGTH:
        clean_url: str | None = url  # what normalize_url gives a plain URL, without the call
    else:
        clean_url = normalize_url(url)
    if clean_url is None:
        return _skipped("missing or non-http(s) url", clean_company, clean_title, salary)
    when = parse_date(posted_at)
    if when is None:
        return _skipped("missing or invalid date", clean_company, clean_title, salary)
    if type(id) is str and len(id) <= MAX_ID and id.isascii() and id.isprintable() and " " not in id:
        clean_id = id  # what clean_text gives such an id (printable ASCII without spaces), without the call
    else:
        clean_id = clean_text(id, MAX_ID) if id is not None else ""
    if cutoff is not None and when < cutoff:
        # TooOld(...) without its Python-level __new__: a third of the cost of an item not built.
        return _new_tuple(TooOld, (clean_company, clean_title, clean_url, clean_id))
    # The job is kept: only now are the fields no check reads cleaned.
    kind = _workplace(workplace) if workplace is not None else ""
    return new_job(
        clean_company,
        clean_title,
        clean_url,
        when,
        texts.location(location) if isinstance(location, str) else clean_text(location, MAX_LOCATION),
        kind == "remote" or (remote is True and kind == ""),
        salary() if callable(salary) else salary,
        _clean_list(tags, texts),
        _clean_list(category, texts),
        clean_id,
        source,
        kind,
        employment_of(employment) if employment is not None else "",
        _clean_list(levels, texts) if levels else (),
    )


_WORKPLACES: dict[str, Workplace] = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "office": "onsite"}


def _workplace(value: object) -> Workplace:
    if not isinstance(value, str):
        return ""
    return _WORKPLACES.get(re.sub(r"[\s_-]+", "", value).casefold(), "")


# The words sources use for an employment type, without spaces, hyphens and underscores, casefolded. "Permanent",
# "Temporary", "Working student" and levels ("Mid-senior") say nothing of the four types and are not read.
_EMPLOYMENT: dict[str, Employment] = {
    "fulltime": "full-time",
    "parttime": "part-time",
    "contract": "contract",
    "contractor": "contract",
    "freelance": "contract",
    "freelancer": "contract",
    "intern": "internship",
    "internship": "internship",
}


def employment_of(value: object) -> Employment:
    """The employment type a source's field names: ``"full_time"``, ``"Full Time"``, ``"FullTime"`` and
    ``"full-time"`` are ``full-time``; ``freelance`` is ``contract``; a list gives its first known word; anything
    else is ``""`` (unknown)."""
    words = value if isinstance(value, list | tuple) else [value]
    for word in words:
        key = re.sub(r"[\s_-]+", "", word).casefold() if isinstance(word, str) else ""
        if key in _EMPLOYMENT:
            return _EMPLOYMENT[key]
    return ""


def _skipped(reason: str, company: str, title: str, salary: object) -> Skipped:
    if callable(salary):
        salary()  # read as it was before the checks, so that a salary no field can hold skips the item as malformed
    return Skipped(reason, f"{company} / {title}".strip(" /")[:120])


# Distinct raw texts remembered per field and kind of source. A run's companies, places and tags fit many times
# over; titles repeat less (a level, a field and a role), so a pass over 100,000 jobs still finds most of them.
CLEANED_TEXTS = 65_536


def _cleaned_text(max_length: int, repair: bool, unescape: bool) -> Callable[[str], str]:
    """The cleaning of one field of one kind of source (HTML entities decoded once when ``unescape``, mojibake
    repaired when ``repair``, then :func:`clean_text` to ``max_length``), remembered by raw text: feeds repeat
    their companies, places, tags and many titles, and a raw text always cleans the same way. Every job with the
    same raw text then holds the same string object, once in memory."""

    @lru_cache(maxsize=CLEANED_TEXTS)
    def clean(value: str) -> str:
        value = html.unescape(value) if unescape else value
        value = repair_mojibake(value) if repair else value
        return clean_text(value, max_length)

    return clean


@dataclass(frozen=True, slots=True)
class FieldTexts:
    """The remembered cleaning of each text field of a job, for one kind of source (see ``_cleaned_text``); a
    value that is not a string (a number as a company) is cleaned as it is, without unescaping or repair."""

    company: Callable[[str], str]
    title: Callable[[str], str]
    location: Callable[[str], str]
    tag: Callable[[str], str]  # tags and source categories
    one_tag: Callable[[str], tuple[str, ...]]  # a list of one tag or category, as the job's tuple

    @classmethod
    def of(cls, repair: bool, unescape: bool) -> FieldTexts:
        caps = (MAX_COMPANY, MAX_TITLE, MAX_LOCATION, MAX_TAG)
        company, title, location, tag = (_cleaned_text(cap, repair, unescape) for cap in caps)
        return cls(company, title, location, tag, _one_value(tag))


def _one_value(clean: Callable[[str], str]) -> Callable[[str], tuple[str, ...]]:
    """The tuple of one cleaned value (empty when it cleans to nothing), remembered: a source's category is usually
    one of a few, and every job of it then shares one tuple."""

    @lru_cache(maxsize=CLEANED_TEXTS)
    def one(value: str) -> tuple[str, ...]:
        cleaned = clean(value)
        return (cleaned,) if cleaned else ()

    return one


FIELD_TEXTS = {
    (repair, unescape): FieldTexts.of(repair, unescape) for repair in (False, True) for unescape in (False, True)
}


def _clean_list(values: Iterable[object], texts: FieldTexts) -> tuple[str, ...]:
    """The cleaned, non-empty values in order, without repeats, at most ``MAX_TAGS`` of them."""
    if not values:
        return ()
    if isinstance(values, str):
        return texts.one_tag(values)
    if (type(values) is list or type(values) is tuple) and len(values) <= MAX_TAGS:
        try:
            "".join(values)  # every value a string, checked in C (a test per value in Python costs more)
        except TypeError:
            pass  # a number or a structure among them: read one by one below
        else:
            if len(values) == 1:
                return texts.one_tag(values[0])  # type: ignore[arg-type]
            # The usual list (a few strings): cleaned, and its repeats dropped, without a Python-level loop.
            kept = dict.fromkeys(map(texts.tag, values))
            kept.pop("", None)
            return tuple(kept)
    if not isinstance(values, Iterable):
        return ()
    found: dict[str, None] = {}
    for value in values:
        cleaned = texts.tag(value) if isinstance(value, str) else clean_text(value, MAX_TAG)
        if cleaned:
            found[cleaned] = None
            if len(found) == MAX_TAGS:
                break
    return tuple(found)


_PERIODS = {
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "1 year": "year",
    "per-year-salary": "year", "month": "month", "monthly": "month", "1 month": "month",
    "week": "week", "weekly": "week", "1 week": "week", "day": "day", "daily": "day", "1 day": "day",
    "hour": "hour", "hourly": "hour", "1 hour": "hour", "per-hour-wage": "hour",
}  # fmt: skip
_CURRENCY = re.compile(r"^[A-Z]{3}$")


def salary_range(low: object, high: object, currency: object, period: object) -> Salary | None:
    """A structured salary from a source's fields; ``0``, ``""`` or ``None`` bounds mean unknown.

    ``period`` words of any source (``annual``, ``yearly``, ``per-hour-wage``, ``1 YEAR``) become ``year``,
    ``month``, ``week``, ``day`` or ``hour``; an unknown word gives ``None``. No salary when both bounds are
    unknown, even if a period or currency is given.
    """
    low_amount, high_amount = _amount(low), _amount(high)
    if low_amount is None and high_amount is None:
        return None
    if low_amount is not None and high_amount is not None and low_amount > high_amount:
        low_amount, high_amount = high_amount, low_amount
    code = clean_text(currency, 8).upper()
    return Salary(
        min=low_amount,
        max=high_amount,
        currency=code if _CURRENCY.match(code) else None,
        period=_PERIODS.get(clean_text(period, 20).lower()),
    )


def salary_text(value: object) -> Salary | None:
    """A salary the source states only as text (``$90k - $105k``), kept as cleaned text."""
    text = clean_text(html.unescape(value) if isinstance(value, str) else None, 60)
    return Salary(text=text) if text else None


def collect_jobs(source: str, items: object, to_job: Callable[[dict[str, Any]], Built]) -> FeedResult:
    """Turn a source's raw items into a ``FeedResult``: non-objects and repeated ids/URLs are skipped; items too
    old for any list (``TooOld``) are counted, and their URL and id are remembered like a job's."""
    jobs: list[Job] = []
    skipped: list[Skipped] = []
    seen_urls: set[str] = set()
    seen_ids: set[str] = set()
    too_old = 0
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            try:
                built = to_job(item)
            except _MALFORMED as exc:  # a value no field can hold skips the item, never the source
                built = Skipped(f"malformed item ({type(exc).__name__})")
        else:
            built = _NOT_AN_OBJECT
        if isinstance(built, Skipped):
            skipped.append(built)
            continue
        url, id = built.url, built.id  # read once: this loop runs once per item of every source
        if url in seen_urls or (id and id in seen_ids):
            skipped.append(Skipped("duplicate of an earlier item", f"{built.company} / {built.title}"[:120]))
            continue
        seen_urls.add(url)
        if id:
            seen_ids.add(id)
        if type(built) is Job:
            jobs.append(built)
        else:
            too_old += 1
    return FeedResult(source=source, jobs=tuple(jobs), skipped=tuple(skipped), too_old=too_old)


_NOT_AN_OBJECT = Skipped("item is not an object")


# What a value no field can hold raises: a 400-digit number as a date or a salary, a structure where text belongs.
_MALFORMED = (ValueError, TypeError, OverflowError, AttributeError, RecursionError)


def field_of(value: object, *path: str) -> Any:
    """``item["a"]["b"]`` that is ``None`` when any level is missing or not an object."""
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def parse_salary(value: object) -> Salary | None:
    """A normalized-feed salary: a string, or an object ``{min, max, currency, period}``."""
    if isinstance(value, str):
        text = clean_text(value, 60)
        return Salary(text=text) if text else None
    if not isinstance(value, dict):
        return None
    low, high = _amount(value.get("min")), _amount(value.get("max"))
    if low is None and high is None:
        return None
    currency = clean_text(value.get("currency"), 8).upper() or None
    period = clean_text(value.get("period"), 10).lower() or None
    return Salary(low, high, currency, period)  # in order, not by keyword: a quarter less, once per salary


_NUMBER = (int, float)  # a tuple: ``isinstance`` reads it faster than ``int | float``, built anew at each call


def _amount(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            return None
    if not isinstance(value, _NUMBER) or not math.isfinite(value) or value <= 0:
        return None
    return float(value)
