"""Turning one raw feed item into a ``Job`` or a ``Skipped``: the checks every source shares.

Provider modules pick their raw fields and call :func:`build_job`; it cleans the text, checks the URL and the
date, and says why an item is skipped.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from jobs_action.dates import parse_date
from jobs_action.models import Employment, FeedResult, Job, Salary, Skipped, Workplace
from jobs_action.text import clean_text, normalize_url, repair_mojibake

MAX_COMPANY = 80
MAX_TITLE = 140
MAX_LOCATION = 120
MAX_TAG = 40
MAX_TAGS = 30


def build_job(
    source: str,
    *,
    company: object,
    title: object,
    url: object,
    posted_at: object,
    location: object = None,
    remote: object = None,
    salary: Salary | None = None,
    tags: Iterable[object] = (),
    category: Iterable[object] = (),
    id: object = None,
    workplace: object = None,
    employment: object = None,
    repair: bool = False,
    unescape: bool = False,
) -> Job | Skipped:
    """Build a clean ``Job`` from raw field values, or a ``Skipped`` naming the first problem.

    ``workplace`` is the source's structured workplace type ("Remote", "Hybrid", "OnSite", "on-site"): it wins
    over the ``remote`` flag (hybrid is not remote). ``employment`` is the source's employment type, a word or a
    list of words ("full_time", "Full Time", ["Mid-senior", "contract"]): the first that names full-time,
    part-time, contract or internship work is kept (see :func:`employment_of`). ``unescape`` decodes HTML
    entities once in every text field (``CI&amp;T`` -> ``CI&T``); ``repair`` repairs mojibake (see
    :func:`jobs_action.text.repair_mojibake`), for sources known to store it.
    """
    text = _repairing_cleaner(repair, unescape)
    clean_company = text(company, MAX_COMPANY)
    clean_title = text(title, MAX_TITLE)
    if not clean_company:
        return _skipped("missing company", clean_company, clean_title)
    if not clean_title:
        return _skipped("missing title", clean_company, clean_title)
    clean_url = normalize_url(url)
    if clean_url is None:
        return _skipped("missing or non-http(s) url", clean_company, clean_title)
    kind = _workplace(workplace)
    when = parse_date(posted_at)
    if when is None:
        return _skipped("missing or invalid date", clean_company, clean_title)
    return Job(
        company=clean_company,
        title=clean_title,
        url=clean_url,
        posted_at=when,
        location=text(location, MAX_LOCATION),
        remote=kind == "remote" or (remote is True and kind == ""),
        salary=salary,
        tags=_clean_list(tags, text),
        category=_clean_list(category, text),
        id=clean_text(id, 200),
        source=source,
        workplace=kind,
        employment=employment_of(employment),
    )


_WORKPLACES: dict[str, Workplace] = {"remote": "remote", "hybrid": "hybrid", "onsite": "onsite", "office": "onsite"}


def _workplace(value: object) -> Workplace:
    key = re.sub(r"[\s_-]+", "", value).casefold() if isinstance(value, str) else ""
    return _WORKPLACES.get(key, "")


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


def _skipped(reason: str, company: str, title: str) -> Skipped:
    return Skipped(reason, f"{company} / {title}".strip(" /")[:120])


def _repairing_cleaner(repair: bool, unescape: bool = False):  # type: ignore[no-untyped-def]
    return _CLEANERS[repair, unescape]


def _cleaner(repair: bool, unescape: bool):  # type: ignore[no-untyped-def]
    def clean(value: object, max_length: int) -> str:
        if isinstance(value, str):
            return _clean_string(value, max_length, repair, unescape)
        return clean_text(value, max_length)

    return clean


@lru_cache(maxsize=32_768)  # feeds repeat their companies, places, tags and many titles
def _clean_string(value: str, max_length: int, repair: bool, unescape: bool) -> str:
    value = html.unescape(value) if unescape else value
    value = repair_mojibake(value) if repair else value
    return clean_text(value, max_length)


_CLEANERS = {(repair, unescape): _cleaner(repair, unescape) for repair in (False, True) for unescape in (False, True)}


def _clean_list(values: Iterable[object], text) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    if not values:
        return ()
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list | tuple | Iterable):
        return ()
    kept: dict[str, None] = {}  # cleaned, in order, without repeats
    for value in values:
        cleaned = text(value, MAX_TAG)
        if cleaned:
            kept[cleaned] = None
    return tuple(kept)[:MAX_TAGS]


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


def collect_jobs(source: str, items: object, to_job: Callable[[dict[str, Any]], Job | Skipped]) -> FeedResult:
    """Turn a source's raw items into a ``FeedResult``: non-objects and repeated ids/URLs are skipped."""
    jobs: list[Job] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for item in items if isinstance(items, list) else []:
        built = _built(item, to_job)
        if isinstance(built, Job) and (built.url in seen or (built.id and f"id:{built.id}" in seen)):
            built = Skipped("duplicate of an earlier item", f"{built.company} / {built.title}"[:120])
        if isinstance(built, Job):
            seen.update({built.url, f"id:{built.id}"} if built.id else {built.url})
            jobs.append(built)
        else:
            skipped.append(built)
    return FeedResult(source=source, jobs=tuple(jobs), skipped=tuple(skipped))


def _built(item: object, to_job: Callable[[dict[str, Any]], Job | Skipped]) -> Job | Skipped:
    """One item as a ``Job``; a value no field can hold (a 400-digit number as a date or a salary, a structure
    where text belongs) skips the item, never the source."""
    if not isinstance(item, dict):
        return Skipped("item is not an object")
    try:
        return to_job(item)
    except (ValueError, TypeError, OverflowError, AttributeError, RecursionError) as exc:
        return Skipped(f"malformed item ({type(exc).__name__})")


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
    return Salary(min=low, max=high, currency=currency, period=period)


def _amount(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            return None
    if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        return None
    return float(value)
