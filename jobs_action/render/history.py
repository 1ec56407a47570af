"""The list's history (input ``data-file``): when the action first saw each job, kept across runs in the data file.

Every job of a list has a stable ``key``: a short hash of what makes two postings one job (the normalized
company, title and place of :func:`jobs_action.select.dedup.same_job_key`), so a repost under a new URL is the
same job. A job of today's list takes the key and the ``first_seen`` date of the entry it matches in the previous
data file: the same key, else the same canonical apply URL (a job whose company spelling or place reading
changed since, or a data file written before keys existed, whose jobs count as first seen when posted). A job
that matches nothing is first seen now.

The first run of a list has no history (no data file yet, or one that cannot be read): its jobs count as first
seen when they were posted, so turning the history on does not mark the whole list new.

Bounded: the data file keeps the jobs it lists, plus the jobs that left the list in the last :data:`HISTORY_DAYS`
days (or ``max-age-days`` when longer), at most :data:`MAX_LEFT` of them, so a job that drops out for a few days
(a source outage, a repost after expiry) keeps its first-seen date when it comes back. Older ones are forgotten.

Reading never fails: a file that is too large, not JSON or not the data file's shape gives no history and a
warning; entries without a usable key, URL or date are left out, with a warning that counts them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from jobs_action.dates import parse_date
from jobs_action.models import Job
from jobs_action.select.dedup import canonical_url, same_job_key
from jobs_action.text import normalize_url

HISTORY_DAYS = 30
MAX_LEFT = 2_000
MAX_DATA_FILE_CHARS = 8_000_000  # a data file of 50 jobs is about 30 kB; a larger one was not written by us
MAX_ENTRIES_READ = 20_000
_KEY = re.compile(r"[0-9a-z][0-9a-z-]{0,63}")


@dataclass(frozen=True, slots=True)
class Seen:
    """One job the history remembers."""

    key: str  # "" for a job of a data file written before keys existed
    url: str  # its apply URL ("" when unknown)
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class History:
    """What the previous data file remembers: the jobs it listed, and the jobs that had left the list before."""

    listed: tuple[Seen, ...] = ()
    left: tuple[Seen, ...] = ()


@dataclass(frozen=True, slots=True)
class HistoryRead:
    """The history of a data file's text; ``None`` when there is none to read (absent or unreadable)."""

    history: History | None
    warning: str = ""


@dataclass(frozen=True, slots=True)
class Listed:
    """Today's jobs with their key and first-seen date, and the jobs that left the list and are still remembered."""

    jobs: list[Job]
    left: tuple[Seen, ...] = ()


def job_key(job: Job) -> str:
    """The job's key as first given: 16 hex digits of a hash of its same-job key (stable across runs and URLs)."""
    return hashlib.sha256("\x1f".join(same_job_key(job)).encode("utf-8")).hexdigest()[:16]


# --- reading -------------------------------------------------------------------------------------------------


def read_history(text: str | None, path: str) -> HistoryRead:
    """The history kept in the data file ``text`` (its ``jobs`` and ``history`` arrays); never raises."""
    if text is None:
        return HistoryRead(None)
    restart = "its history of first-seen dates is not read and starts again from this run"
    if len(text) > MAX_DATA_FILE_CHARS:
        return HistoryRead(None, f"{path}: the data file is over {MAX_DATA_FILE_CHARS:,} characters; {restart}.")
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        document = None
    if not isinstance(document, dict) or not isinstance(document.get("jobs"), list):
        return HistoryRead(None, f'{path}: the data file is not a JSON object with a "jobs" array; {restart}.')
    generated = parse_date(document.get("generated_at"))
    left_items = document.get("history")
    items: list[Any] = document["jobs"][:MAX_ENTRIES_READ]
    listed = [_seen(item, generated, listed=True) for item in items]
    olds: list[Any] = left_items[:MAX_ENTRIES_READ] if isinstance(left_items, list) else []
    left = [_seen(item, generated, listed=False) for item in olds]
    dropped = sum(entry is None for entry in (*listed, *left))
    dropped += max(len(document["jobs"]) - MAX_ENTRIES_READ, 0)
    dropped += max(len(left_items) - MAX_ENTRIES_READ, 0) if isinstance(left_items, list) else 0
    history = History(tuple(_kept(listed)), tuple(_kept(left)))
    if dropped:
        noun = "entry" if dropped == 1 else "entries"
        return HistoryRead(
            history,
            f"{path}: {dropped} {noun} of the data file had no usable key, URL or date; the history left them out.",
        )
    return HistoryRead(history)


def _kept(entries: Iterable[Seen | None]) -> list[Seen]:
    return [entry for entry in entries if entry is not None]


def _seen(item: object, generated: datetime | None, *, listed: bool) -> Seen | None:
    """One entry; ``None`` when it names no job (no key and no URL) or has no date to start from."""
    if not isinstance(item, dict):
        return None
    key = item.get("key")
    key = key if isinstance(key, str) and _KEY.fullmatch(key) else ""
    url = normalize_url(item.get("url")) or ""
    if not key and not url:
        return None
    # A data file written before the history existed has no first_seen: its jobs were first seen when posted.
    first = _date(item.get("first_seen")) or (_date(item.get("posted_at")) if listed else None)
    if first is None:
        return None
    last = _date(item.get("last_seen")) or generated or first
    return Seen(key, url, first, max(first, last))


def _date(value: object) -> datetime | None:
    try:
        return parse_date(value)
    except (ValueError, OverflowError):
        return None


# --- merging -------------------------------------------------------------------------------------------------


def with_history(jobs: Sequence[Job], history: History | None, now: datetime, keep_days: int = 0) -> Listed:
    """``jobs`` (today's list) with their ``key`` and ``first_seen``, and the jobs of ``history`` that left the
    list and are still remembered (see the module docstring). ``keep_days``: the list's ``max-age-days``."""
    previous = history or History()
    entries = (*previous.listed, *previous.left)
    by_key = _index(entries, lambda entry: entry.key)
    by_url = _index(entries, lambda entry: canonical_url(entry.url) if entry.url else "")
    used: set[int] = set()
    taken: set[str] = set()
    listed: list[Job] = []
    for job in jobs:
        computed = job_key(job)
        entry = _unused(by_key.get(computed), used) or _unused(by_url.get(canonical_url(job.url)), used)
        if entry is not None:
            used.add(id(entry))
            key, first = entry.key or computed, min(entry.first_seen, now)
        else:
            key, first = computed, now if history is not None else min(job.posted_at, now)
        key = _unique(key, job, taken)
        taken.add(key)
        listed.append(replace(job, key=key, first_seen=first))
    gone = [_left_now(entry, now) for entry in previous.listed if id(entry) not in used]
    stayed = [replace(entry, last_seen=min(entry.last_seen, now)) for entry in previous.left if id(entry) not in used]
    return Listed(listed, _remembered([*gone, *stayed], taken, now, keep_days))


def _index(entries: Iterable[Seen], key_of: Callable[[Seen], str]) -> dict[str, Seen]:
    """The first entry for each key (the listed jobs come before the ones that left)."""
    found: dict[str, Seen] = {}
    for entry in entries:
        value = key_of(entry)
        if value:
            found.setdefault(value, entry)
    return found


def _unused(entry: Seen | None, used: set[int]) -> Seen | None:
    return entry if entry is not None and id(entry) not in used else None


def _unique(key: str, job: Job, taken: set[str]) -> str:
    """``key``, or for a second job of the same key today (postings further apart than the duplicate window) a
    key that also reads the URL."""
    if key not in taken:
        return key
    return hashlib.sha256(f"{key}\x1f{canonical_url(job.url)}".encode()).hexdigest()[:16]


def _left_now(entry: Seen, now: datetime) -> Seen:
    """A job the previous file listed and today's list has not: it was on the list until this run."""
    return replace(entry, last_seen=max(entry.last_seen, now))


def _remembered(entries: Sequence[Seen], taken: set[str], now: datetime, keep_days: int) -> tuple[Seen, ...]:
    since = now - timedelta(days=max(HISTORY_DAYS, keep_days))
    kept = [entry for entry in entries if entry.last_seen >= since and entry.key not in taken]
    kept.sort(key=lambda entry: (entry.last_seen, entry.key, entry.url), reverse=True)
    return tuple(kept[:MAX_LEFT])
