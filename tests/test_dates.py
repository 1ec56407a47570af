"""Feed dates (jobs_action/dates.py): the RFC 822 form read without the email package gives that package's answer."""

from __future__ import annotations

import email.utils
import random
from datetime import UTC, datetime, timedelta

import pytest

from jobs_action.dates import EARLIEST, parse_date


def _email_answer(text: str) -> datetime | None:
    """What the general parser (``email.utils``) makes of ``text``, as an aware UTC datetime."""
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _samples() -> list[str]:
    rng = random.Random(20261204)
    texts = []
    for _ in range(2000):
        moment = datetime(2001, 1, 1, tzinfo=UTC) + timedelta(seconds=rng.randrange(0, 3 * 10**9))
        zone = rng.choice(["+0000", "-0000", "GMT", "UTC", "UT", "+0530", "-0800", "+2359", "-1200"])
        texts.append(moment.strftime("%a, %d %b %Y %H:%M:%S ") + zone)
        texts.append(moment.strftime("%d %b %Y %H:%M ") + zone)
    return texts


@pytest.mark.parametrize(
    "text",
    [
        "Sat, 28 Nov 2026 12:00:00 +0000",
        "Fri, 03 mar 2026 10:00:00 -0800",
        "Tue, 31 Apr 2025 10:00:00 +0000",  # no such day: the general parser decides
        "Wed, 01 Jan 2025 24:00:00 +0000",
        "Fri, 03 Mar 2025 10:00:00 +9999",  # no such offset
        "Fri, 03 Mar 2025 10:00:00 EST",  # a zone name the fast form does not read
    ],
)
def test_rfc822_dates_read_as_the_email_package_reads_them(text: str) -> None:
    _check(text)


def test_random_rfc822_dates_read_as_the_email_package_reads_them() -> None:
    for text in _samples():
        _check(text)


def _check(text: str) -> None:
    expected = _email_answer(text)
    if expected is not None and not EARLIEST <= expected < datetime(2101, 1, 1, tzinfo=UTC):
        expected = None  # implausible dates are no dates
    if expected is None:
        # the general parser's refusals go on to the lenient parser, as before; a nonsense offset is no date
        assert parse_date(text) is None
    else:
        assert parse_date(text) == expected


def test_naive_iso_dates_are_read_as_utc_like_a_replaced_time_zone() -> None:
    # A naive date is moved from the naive epoch to the UTC one (not ``replace(tzinfo=UTC)``): the same instant,
    # the same UTC zone object, fold 0, for every form ``datetime.fromisoformat`` reads.
    rng = random.Random(20261206)
    texts = ["2000-01-01", "2000-01-01T00:00:00", "2100-12-31T23:59:59.999999", "20261125T064728", "2026-W48-3"]
    for _ in range(500):
        moment = datetime(2000, 1, 1) + timedelta(microseconds=rng.randrange(0, 100 * 365 * 86_400 * 10**6))
        texts += [moment.isoformat(), moment.date().isoformat(), moment.isoformat(sep=" ", timespec="minutes")]
    for text in texts:
        expected = datetime.fromisoformat(text).replace(tzinfo=UTC)
        parsed = parse_date(text)
        assert parsed == expected and parsed is not None
        assert (parsed.tzinfo, parsed.fold, repr(parsed)) == (UTC, 0, repr(expected))
