"""The normalized jobs feed (jobs_action/sources/feed.py): what a ``json:`` or ``file:`` feed item becomes, what is
skipped and counted, and what refuses the whole feed (HOSTILE-CASES A11, B5, B9)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from fakes.sources import Reply
from helpers import BAD_URLS, client
from oracle import read_table

from jobs_action.errors import SourceError
from jobs_action.render.escape import link_destination
from jobs_action.render.table import TableOptions, render_table
from jobs_action.select.seniority import seniority_of
from jobs_action.sources.feed import fetch_json_feed, parse_feed
from jobs_action.sources.spec import SourceSpec


def test_a11_dangerous_or_invalid_urls_skip_the_job_with_a_counted_reason():
    items = [
        {"company": "Bad", "title": f"Job {i}", "url": url, "posted_at": "2026-11-27"} for i, url in enumerate(BAD_URLS)
    ]
    items.append({"company": "Good", "title": "Job", "url": "https://good.example/1", "posted_at": "2026-11-27"})
    result = parse_feed(json.dumps({"jobs": items}).encode(), "json:x")
    assert [job.company for job in result.jobs] == ["Good"]
    assert [skipped.reason for skipped in result.skipped] == ["missing or non-http(s) url"] * len(BAD_URLS)
    assert link_destination("https://good.example/1") == "https://good.example/1"
    for url in BAD_URLS:
        with pytest.raises(ValueError):
            link_destination(url)


def test_b5_item_level_drift_keeps_good_items_and_counts_each_bad_one():
    def item(n, **fields):
        base = {"company": f"Co{n}", "title": "Backend Developer", "url": f"https://x.example/{n}",
                "posted_at": "2026-09-30T10:00:00Z"}  # fmt: skip
        return {k: v for k, v in (base | fields).items() if v is not ...}

    items = [
        item(1),
        item(2, company=...),
        item(3, title=...),
        item(4, url=...),
        item(5, posted_at=...),
        item(6, title=None),
        item(7, tags=None, category=None, salary=None, location=None, remote=None),
        item(8, company=1234, title=5678, location=12, tags=[1, None, "go"]),
        item(9, posted_at="1619780897"),
        item(10, salary="$90k - $105k", unknown_field={"x": [1, 2]}),
        item(11, posted_at=""),
        item(12, posted_at=0),
        item(13, posted_at=-1),
        item(14, posted_at="2026-13-45"),
        item(15, posted_at="9999-12-31"),
        item(16, salary={"min": None, "max": "abc", "currency": None}),
    ]
    raw = json.dumps({"jobs": items})
    raw = raw.replace('"company": "Co1",', '"company": "Overwritten", "company": "Co1",')  # a duplicate key
    result = parse_feed(raw.encode(), "json:x")
    assert [job.company for job in result.jobs] == ["Co1", "Co7", "1234", "Co9", "Co10", "Co16"]
    assert [s.reason for s in result.skipped] == [
        "missing company",
        "missing title",
        "missing or non-http(s) url",
        "missing or invalid date",
        "missing title",
        *["missing or invalid date"] * 5,
    ]
    jobs = {job.company: job for job in result.jobs}
    assert jobs["1234"].title == "5678" and jobs["1234"].tags == ("1", "go")
    assert jobs["Co9"].posted_at == datetime(2021, 4, 30, 11, 8, 17, tzinfo=UTC)  # numeric-string epoch
    assert not jobs["Co16"].has_salary
    table = read_table(render_table(list(result.jobs), TableOptions(date_format="%Y-%m-%d")))
    cells = [cell for row in table.rows[1:] for cell in row]
    for word in ("None", "nan", "inf", "Infinity", "NaN", "1970-01-01"):
        assert not any(word in cell.split() or cell.endswith(word) for cell in cells), word


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_b5_non_finite_numbers_make_the_payload_invalid_never_nan_in_the_table(constant):
    raw = f'{{"jobs": [{{"company": "A", "title": "B", "url": "https://x.example/1", "posted_at": {constant}}}]}}'
    with pytest.raises(SourceError, match="not valid JSON"):
        parse_feed(raw.encode(), "json:x")  # pinned: Python's json accepts these; the feed is refused instead


CAFE = {"jobs": [{"company": "Café 📍", "title": "Backend", "url": "https://x.example/1", "posted_at": "2026-09-30"}]}


@pytest.mark.parametrize(
    ("content_type", "prefix"),
    [
        ("text/plain", b""),
        ("text/html", b""),
        ("text/plain; charset=iso-8859-1", b""),
        ("application/json", b"\xef\xbb\xbf"),
    ],
)
def test_b9_utf8_json_decodes_whatever_the_content_type_claims(server, clock, content_type, prefix):
    body = prefix + json.dumps(CAFE, ensure_ascii=False).encode("utf-8")
    server.route("/feed.json", Reply(body=body, content_type=content_type))
    result = fetch_json_feed(client(clock), SourceSpec("json", server.url("/feed.json")))
    assert result.jobs[0].company == "Café 📍"


def test_a_feeds_level_field_is_the_jobs_level_and_its_tags_are_not() -> None:
    item = {"company": "Acme", "title": "Backend Developer", "url": "https://a.example/1", "posted_at": "2026-11-01"}
    leveled, tagged = parse_feed(
        json.dumps([item | {"level": "Senior"}, item | {"url": "https://a.example/2", "tags": ["senior"]}]).encode(),
        "json:https://feed.example",
    ).jobs
    assert leveled.levels == ("Senior",) and seniority_of(leveled) == "senior"
    assert tagged.levels == () and seniority_of(tagged) is None
