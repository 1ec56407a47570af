"""The Atom feed: well-formed whatever the job text, stable entry ids, byte-identical for an unchanged list."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import feedparser
from factories import NOW, make_job
from hypothesis import given, settings
from hypothesis import strategies as st

from jobs_action.models import Job, Salary
from jobs_action.render.atom import EMPTY_FEED_UPDATED, entry_id, render_atom

A = "{http://www.w3.org/2005/Atom}"
FEED_ARGS = {
    "title": "Awesome Backend Jobs",
    "feed_id": "tag:github.com,2025:acme/awesome-backend-jobs/jobs.atom",
    "self_url": "https://raw.githubusercontent.com/acme/awesome-backend-jobs/main/jobs.atom",
    "alternate_url": "https://github.com/acme/awesome-backend-jobs",
}
HOSTILE = "<script>alert(1)</script> ]]> \x00\x1b[31m \u202eevil\u202c & co \ud800 \ufffe"


def sample_jobs() -> list[Job]:
    return [
        make_job(
            "Senior Backend Engineer",
            "Café Ñandú",
            url="https://jobs.example/1?a=1&b=2",
            posted_at=NOW,
            location="Lisbon, Portugal",
            salary=Salary(min=120000.0, max=150000.0, currency="USD", period="year"),
            category=("backend",),
        ),
        make_job(
            "Platform Engineer",
            "Acme",
            url="https://jobs.example/2",
            posted_at=NOW - timedelta(days=1),
            location="Europe",
            remote=True,
            salary=Salary(text="$90k - $105k"),
        ),
        make_job("Go Developer", "Beta", url="https://jobs.example/3", posted_at=NOW - timedelta(days=3), location=""),
    ]


def render(jobs, **overrides) -> str:
    return render_atom(jobs, **{**FEED_ARGS, **overrides})


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def test_the_feed_has_the_required_atom_elements():
    root = parse(render(sample_jobs()))

    assert root.tag == f"{A}feed"
    assert root.findtext(f"{A}id") == FEED_ARGS["feed_id"]
    assert root.findtext(f"{A}title") == "Awesome Backend Jobs"
    assert root.findtext(f"{A}updated") == "2025-04-21T12:00:00Z"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": FEED_ARGS["self_url"], "alternate": FEED_ARGS["alternate_url"]}
    assert root.findtext(f"{A}author/{A}name") == "Awesome Jobs Action"
    assert root.findtext(f"{A}generator") == "Awesome Jobs Action"
    assert len(root.findall(f"{A}entry")) == 3


def test_each_job_is_an_entry_feedparser_reads():
    parsed = feedparser.parse(render(sample_jobs()))

    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Awesome Backend Jobs"
    first, second, third = parsed.entries
    assert first.title == "Senior Backend Engineer at Café Ñandú"
    assert first.link == "https://jobs.example/1?a=1&b=2"
    assert first.id.startswith("urn:uuid:")
    assert first.published == first.updated == "2025-04-21T12:00:00Z"
    assert first.author == "Café Ñandú"
    assert first.summary == "Location: Lisbon, Portugal · Salary: USD 120,000–150,000 a year"
    assert [tag.term for tag in first.tags] == ["backend"]
    assert second.summary == "Location: Remote (Europe) · Salary: $90k - $105k"
    assert third.summary == "Location: Not specified"


def test_the_feed_updated_is_the_newest_job_not_the_clock():
    jobs = sample_jobs()
    newest_last = [*jobs[1:], replace(jobs[0], posted_at=NOW + timedelta(hours=5))]
    root = parse(render(newest_last))
    assert root.findtext(f"{A}updated") == "2025-04-21T17:00:00Z"


def test_an_unchanged_list_renders_byte_identical_text():
    assert render(sample_jobs()) == render(sample_jobs())


def test_entry_ids_are_stable_across_renders_and_reordering():
    jobs = sample_jobs()
    ids = {e.link: e.id for e in feedparser.parse(render(jobs)).entries}
    reordered = {e.link: e.id for e in feedparser.parse(render(list(reversed(jobs)))).entries}

    assert ids == reordered
    assert len(set(ids.values())) == 3
    repost = replace(jobs[0], url="https://jobs.example/other", posted_at=NOW + timedelta(days=7))
    assert entry_id(repost) == entry_id(jobs[0])  # a repost under a new URL is the same entry
    assert entry_id(jobs[0]) != entry_id(replace(jobs[0], title="Staff Backend Engineer"))
    kept = replace(jobs[0], key="0123456789abcdef")  # the key the data file keeps wins over a title edit
    assert entry_id(replace(kept, title="Staff Backend Engineer")) == entry_id(kept)


def test_link_query_goes_on_the_link_but_not_in_the_id():
    jobs = sample_jobs()
    plain = feedparser.parse(render(jobs)).entries[1]
    tracked = feedparser.parse(render(jobs, link_query="utm=github")).entries[1]

    assert tracked.link == "https://jobs.example/2?utm=github"
    assert tracked.id == plain.id


def test_hostile_text_stays_text_and_the_feed_stays_well_formed():
    job = make_job(HOSTILE, HOSTILE, location=HOSTILE, category=(HOSTILE,), salary=Salary(text=HOSTILE))
    text = render([job], title=HOSTILE)

    root = parse(text)  # well-formed, or this raises
    [entry] = root.findall(f"{A}entry")
    title = entry.findtext(f"{A}title")
    assert title.startswith("<script>alert(1)</script> ]]> [31m evil & co")
    assert not any(char in title for char in "\x00\x1b\u202e\u202c\ud800\ufffe")
    assert "<script>" not in text and "]]>" not in text
    assert entry.find(f"{A}script") is None and root.find(f".//{A}script") is None
    parsed = feedparser.parse(text)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.entries[0].summary.startswith("Location: <script>")


def test_an_empty_list_gives_a_valid_feed_without_entries():
    text = render([])
    root = parse(text)

    assert root.findall(f"{A}entry") == []
    assert root.findtext(f"{A}updated") == "1970-01-01T00:00:00Z" == EMPTY_FEED_UPDATED.strftime("%Y-%m-%dT%H:%M:%SZ")
    parsed = feedparser.parse(text)
    assert not parsed.bozo and parsed.entries == []
    given_updated = datetime(2025, 5, 1, tzinfo=UTC)
    assert parse(render([], updated=given_updated)).findtext(f"{A}updated") == "2025-05-01T00:00:00Z"


def test_the_text_is_utf8_with_an_xml_declaration_and_one_final_newline():
    text = render(sample_jobs())
    assert text.startswith("<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">")
    assert text.endswith("</feed>\n")
    assert "Café Ñandú" in text


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text())
def test_any_text_gives_a_well_formed_feed(title, company):
    job = make_job(title, company, location=title + company)
    root = parse(render([job], title=company))
    assert len(root.findall(f"{A}entry")) == 1
