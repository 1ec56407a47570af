"""Feed dates to timezone-aware UTC datetimes: ISO 8601, RFC 822, epoch seconds or milliseconds."""

from __future__ import annotations

import email.utils
import math
import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

# Epoch values above this are milliseconds (2286-11-20 in seconds); below EARLIEST a date is nonsense.
_MILLISECONDS_FROM = 10_000_000_000
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
_NUMBER = (int, float)  # a tuple: ``isinstance`` reads it faster than ``int | float``, built anew at each call
_EPOCH, _NAIVE_EPOCH = datetime(1970, 1, 1, tzinfo=UTC), datetime(1970, 1, 1)


def parse_date(value: object) -> datetime | None:
    """Return ``value`` as an aware UTC datetime, or ``None`` when it is missing or not a plausible date."""
    if isinstance(value, str):  # most feeds: tested first, and read in one function (a date per job)
        text = value.strip()
        if not text:
            return None
        # A text that starts with a digit and holds a "-" (an ISO date) is no epoch number: tried as ISO at once.
        if not (text[0].isdigit() and "-" in text) and text.lstrip("-").replace(".", "", 1).isdigit():
            return _from_epoch(float(text))
        # An ISO 8601 date starts with a digit or a sign; a date that starts with a letter ("Sat, 28 Nov 2026") is
        # RFC 822 or odd, and is not tried as ISO (the failed attempt costs more than the ISO parse itself).
        if text[0].isalpha():
            parsed = _parse_rfc822(text) or _parse_lenient(text)
        else:
            try:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                parsed = _parse_rfc822(text) or _parse_lenient(text)
        if parsed is None:
            return None
        try:
            # A naive date is UTC: moved by its distance from the naive epoch, which costs a tenth of
            # ``replace(tzinfo=UTC)`` (a keyword call) and gives the same instant (every parser here leaves fold 0).
            when = _EPOCH + (parsed - _NAIVE_EPOCH) if parsed.tzinfo is None else parsed.astimezone(UTC)
        except (ValueError, OverflowError):  # an offset of a day or more ("+9999"), a year past 9999 in UTC
            return None
        return None if when < EARLIEST or when.year > 2100 else when  # _plausible, inline: one call less a date
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, _NUMBER):
        try:
            return _from_epoch(float(value))
        except OverflowError:  # a 400-digit integer
            return None
    return None


# The RFC 822 form feeds write ("Sat, 28 Nov 2026 12:00:00 +0000", "... GMT"), read without the email package's
# general parser, which costs several times more per date; any other form goes to that parser, whose answer it
# gives for this one too.
_RFC822 = re.compile(
    r"(?:[A-Za-z]{3},\s*)?(\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))?"
    r" (?:([+-])(\d{2})(\d{2})|GMT|UTC|UT|Z)"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}


def _parse_rfc822(text: str) -> datetime | None:
    match = _RFC822.fullmatch(text)
    month = _MONTHS.get(match[2].lower()) if match else None
    if match and month and (not match[7] or int(match[8]) < 24):
        day, _, year, hour, minute, second, sign, hours, minutes = match.groups("0")  # no seconds: 0
        try:
            when = datetime(int(year), month, int(day), int(hour), int(minute), int(second), 0, UTC)
        except ValueError:
            pass  # "24:00", a 31st of April: the general parser decides, as before
        else:
            offset = int(hours) * 60 + int(minutes) if match[7] else 0
            return when - timedelta(0, 60 * (offset if sign == "+" else -offset)) if offset else when
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


@lru_cache(maxsize=4096)  # odd dates repeat ("yesterday-ish", "2025-13-45"): dateutil's answer, once per text
def _parse_lenient(text: str) -> datetime | None:
    from dateutil import parser as dateutil_parser  # here: only odd dates need it, and start-up stays short

    try:
        return dateutil_parser.parse(text)
    except (ValueError, OverflowError, TypeError):
        return None


def _from_epoch(number: float) -> datetime | None:
    if not math.isfinite(number) or number <= 0:
        return None
    if number >= _MILLISECONDS_FROM:
        number /= 1000
    try:
        return _plausible(datetime.fromtimestamp(number, UTC))
    except (OverflowError, OSError, ValueError):
        return None


def _plausible(when: datetime | None) -> datetime | None:
    if when is None or when < EARLIEST or when.year > 2100:
        return None
    return when


_DIGITS = re.compile(r"^\s*(\d+)\s*$")


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Parse ``Retry-After`` (delta seconds or an HTTP date); ``None`` for a missing or garbage value.

    A repeated header arrives joined with ``", "``; the first value counts. Negative or fractional numbers
    are garbage (RFC 9110 allows only digits). The caller clamps large values.
    """
    if not value:
        return None
    first = value.split(",")[0]
    if match := _DIGITS.match(first):
        return float(match.group(1))
    for candidate in (value, ",".join(value.split(",")[:2])):
        when = _http_date(candidate.strip())
        if when is not None:
            return max(0.0, (when - now).total_seconds())
    return None


def _http_date(value: str) -> datetime | None:
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
