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
