"""Each provider on its recorded fixture (tests/data/sources), then over real HTTP against the fake source."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime

import pytest
from factories import make_job
from fakes.sources import FIXTURES, FakeSources, Reply, fixture_reply, json_reply
from helpers import client
from oracle import read_table
from render_checks import OPTIONS, assert_clean_table

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult, Job, Salary
from jobs_action.render.table import TableOptions, render_table
from jobs_action.select.criteria import sort_jobs
from jobs_action.sources import (
    arbeitnow,
    ashby,
    greenhouse,
    himalayas,
    hn,
    jobicy,
    lever,
    remoteok,
    remotive,
    smartrecruiters,
    weworkremotely,
    workable,
)
from jobs_action.sources.build import build_job
from jobs_action.sources.http import HttpClient
from jobs_action.sources.registry import PROVIDERS
from jobs_action.sources.spec import SourceSpec
from jobs_action.text import repair_mojibake


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def by_id(result: FeedResult) -> dict[str, Job]:
    return {job.id: job for job in result.jobs}


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def reasons(result: FeedResult) -> list[str]:
    return [skipped.reason for skipped in result.skipped]


@pytest.fixture
def http() -> HttpClient:
    sleeps: list[float] = []
    return HttpClient(read_timeout=2.0, sleep=sleeps.append)


# --- Registry ---


def test_registry_names_every_provider_with_a_credit():
    assert set(PROVIDERS) == {
        "remotive", "arbeitnow", "remoteok", "himalayas", "jobicy", "weworkremotely", "hn",
        "greenhouse", "lever", "ashby", "workable", "smartrecruiters",
    }  # fmt: skip
    assert PROVIDERS["remotive"].credit_url == "https://remotive.com"
    for provider in PROVIDERS.values():
        assert provider.credit_name and provider.credit_url.startswith("https://")
    boards = {name: p.argument_name for name, p in PROVIDERS.items() if p.needs_argument}
    assert boards == {
        "greenhouse": "BOARD", "lever": "SITE", "ashby": "ORG",
        "workable": "ACCOUNT", "smartrecruiters": "COMPANY",
    }  # fmt: skip


# --- Remotive ---


def test_remotive_fixture():
    result = remotive.parse(fixture("remotive.json"), "remotive")
    assert len(result.jobs) == 4 and result.skipped == ()
    kobo = by_id(result)["2091141"]
    assert (kobo.company, kobo.title, kobo.location) == (
        "KoboToolbox",
        "Frontend Web Application Developer",
        "USA, Canada, Argentina, Mexico, Peru",
    )
    assert kobo.url == "https://remotive.com/remote-jobs/design/frontend-web-application-developer-2091141"
    assert kobo.posted_at == utc(2026, 9, 18, 16, 43, 22)  # naive date read as UTC
    assert kobo.salary == Salary(text="$90k - $105k")
    assert kobo.remote and kobo.category == ("Design",) and "Typescript" in kobo.tags  # trailing space stripped
    german = by_id(result)["2091139"]
    assert german.title.startswith("🇩🇪 Kundenservice") and german.tags == () and german.salary is None
    assert german.category == ("Customer Service",) and german.source == "remotive"


# --- Arbeitnow ---


def test_arbeitnow_fixture():
    result = arbeitnow.parse(fixture("arbeitnow.json"), "arbeitnow")
    assert len(result.jobs) == 4 and result.skipped == ()
    jysk = by_id(result)["sprzedawcamagazynier-jysk-poznan-komorniki-3800-pln-jysk-435302"]
    assert jysk.title == "Sprzedawca/Magazynier JYSK Poznań Komorniki (3800 pln)"
    assert jysk.location == "Poznań" and jysk.remote is False
    assert jysk.posted_at == utc(2021, 11, 27, 9, 52, 2)  # epoch seconds
    assert jysk.url == "https://arbeitnow.com/view/sprzedawcamagazynier-jysk-poznan-komorniki-3800-pln-jysk-435302"
    mch = by_id(result)["studentische-hilfskraft-potsdam-377838"]
    assert mch.remote and mch.tags == ("Remote", "Business Consulting", "Working student", "berufseinstieg")
    assert mch.posted_at == utc(2026, 10, 8, 16, 30, 53)


def test_arbeitnow_follows_links_next_on_the_same_host_only(server, http):
    page1 = json.loads(fixture("arbeitnow.json"))
    page1["links"]["next"] = server.url("/api?page=2", host="localhost")  # another host: not followed
    server.route("/api", json_reply(page1))
    result = arbeitnow.fetch(http, SourceSpec("arbeitnow", server.url("/api")))
    assert len(result.jobs) == 4 and len(server.requests) == 1

    page1["links"]["next"] = server.url("/api?page=2")
    page2 = {"data": [{**page1["data"][0], "slug": "other-1", "url": "https://www.arbeitnow.com/jobs/x/other-1"}]}
    page2["links"] = {"next": server.url("/api?page=2")}  # points to itself: a cycle
    server.route("/api", json_reply(page1)).route("/api?page=2", json_reply(page2))
    result = arbeitnow.fetch(http, SourceSpec("arbeitnow", server.url("/api")))
    assert len(result.jobs) == 5
    assert [r.path for r in server.requests[1:]] == ["/api", "/api?page=2"]


def test_arbeitnow_empty_page_is_a_valid_empty_result(server, http):
    server.route("/api", json_reply({"data": [], "links": {"next": server.url("/api?page=2")}}))
    result = arbeitnow.fetch(http, SourceSpec("arbeitnow", server.url("/api")))
    assert result.jobs == () and len(server.requests) == 1


def _arbeitnow_page(server: FakeSources, slug: str, next_url: str | None) -> Reply:
    item = json.loads((FIXTURES / "arbeitnow.json").read_bytes())["data"][0]
    item = item | {"slug": slug, "url": f"https://www.arbeitnow.com/jobs/x/{slug}"}
    return json_reply({"data": [item], "links": {"next": next_url}})


def test_b10_self_links_and_cycles_stop_and_jobs_are_deduplicated(server, clock):
    server.route("/api", _arbeitnow_page(server, "a", server.url("/api")))
    result = arbeitnow.fetch(client(clock), SourceSpec("arbeitnow", server.url("/api")))
    assert len(result.jobs) == 1 and len(server.requests) == 1
    server.route("/api", _arbeitnow_page(server, "a", server.url("/api?page=2")))
    server.route("/api?page=2", _arbeitnow_page(server, "a", server.url("/api")))  # A -> B -> A, same job again
    result = arbeitnow.fetch(client(clock), SourceSpec("arbeitnow", server.url("/api")))
    assert len(result.jobs) == 1 and [s.reason for s in result.skipped] == ["duplicate of an earlier item"]
    assert [r.path for r in server.requests[1:]] == ["/api", "/api?page=2"]


def test_b10_endless_pages_stop_at_the_cap_and_other_hosts_are_not_followed(server, clock):
    server.route("/api", _arbeitnow_page(server, "p", server.url("/api?page=2")))
    for page in range(2, 10_001):
        server.route(f"/api?page={page}", _arbeitnow_page(server, f"p{page}", server.url(f"/api?page={page + 1}")))
    arbeitnow.fetch(client(clock), SourceSpec("arbeitnow", server.url("/api")))
    assert len(server.requests) == arbeitnow.MAX_PAGES
    server.requests.clear()
    server.route("/api", _arbeitnow_page(server, "p", server.url("/api?page=2", host="localhost")))
    arbeitnow.fetch(client(clock), SourceSpec("arbeitnow", server.url("/api")))
    assert len(server.requests) == 1


# --- Remote OK ---


def test_remoteok_fixture():
    result = remoteok.parse(fixture("remoteok.json"), "remoteok")
    assert len(result.jobs) == 4
    assert reasons(result) == ["no job page (empty slug)", "missing company"]  # PayPay; the blank job
    jobs = by_id(result)
    assert jobs["1137429"].title == "Mecánico Automotriz Diagnóstico y Presupuestos"  # mojibake repaired
    assert jobs["1137429"].location == "" and jobs["1137429"].salary is None  # 0/0 = unknown
    assert jobs["1137421"].company == "Bjak"
    cit = jobs["1059247"]
    assert cit.company == "CI&T"  # entity decoded once
    assert cit.salary == Salary(min=55000.0, max=100000.0, currency="USD", period="year")
    assert cit.posted_at == utc(2024, 12, 3, 21, 0, 10)
    jump = jobs["1059244"]  # original: true -> link back to the Remote OK page, not the employer
    assert jump.url == "https://remoteok.com/remote-jobs/remote-software-engineer-jump-1059244"
    assert all(job.remote for job in result.jobs)


def test_remoteok_tags_are_deduplicated_and_epoch_may_be_a_string():
    item = {
        "id": "1",
        "slug": "remote-go-1",
        "epoch": "1619780897",
        "company": "Go Co",
        "position": "Gopher",
        "tags": ["golang", "senior", "golang"],
        "url": "https://remoteOK.com/remote-jobs/remote-go-1",
    }
    result = remoteok.parse(json.dumps([{"legal": "terms"}, item]).encode(), "remoteok")
    (job,) = result.jobs
    assert job.tags == ("golang", "senior") and job.posted_at == utc(2021, 4, 30, 11, 8, 17)


# Mojibake (HOSTILE-CASES B9 d): repaired only for Remote OK; clean text untouched; lost bytes never guessed.
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MecÃ¡nico", "Mecánico"),
        ("ð\x9f\x93\x8d Remote", "📍 Remote"),
        ("ðŸ’¼ Jobs", "💼 Jobs"),
        ("ItÃ¢â‚¬â„¢s", "It’s"),
        ("Itâ€™s", "It’s"),
        ("I’m", "I’m"),
        ("naïve", "naïve"),
        ("ＡＢＣ（株）", "ＡＢＣ（株）"),
        ("CI&T", "CI&T"),
        ("Zürich — Café", "Zürich — Café"),
        ("ðŸ“ Remote", " Remote"),  # 📍 lost its 4th byte: dropped, never 📠
        ("ğŸ“ Remote", " Remote"),  # the same through Windows-1254
        ("Zürich ðŸ“ office", "Zürich  office"),
        ("ðŸ“\ufffd Remote", " Remote"),
    ],
)
def test_remoteok_mojibake_repair_is_pinned(raw, expected):
    repaired = repair_mojibake(raw)
    assert repaired == expected
    assert "📠" not in repaired


def test_lost_byte_fragment_never_becomes_the_wrong_emoji_in_a_job():
    job = build_job(
        "remoteok",
        company="ðŸ“ Acme",
        title="Dev",
        url="https://x.example/j",
        posted_at=1_790_000_000,
        repair=True,
    )
    assert job.company == "Acme"


def test_repair_is_off_for_other_sources():
    result = remotive.parse(json.dumps({"jobs": [_remotive_item(company_name="MecÃ¡nico")]}).encode(), "remotive")
    assert result.jobs[0].company == "MecÃ¡nico"


def test_a7_entities_are_decoded_once_at_the_source_border_then_cleaned():
    def item(n, company):
        return {
            "id": str(n),
            "slug": f"job-{n}",
            "epoch": 1790000000,
            "company": company,
            "position": "Engineer",
            "url": f"https://remoteok.com/remote-jobs/job-{n}",
        }

    raw = [item(1, "CI&amp;T"), item(2, "&#x202E;elgooG"), item(3, "&amp;#x202E;x")]
    result = remoteok.parse(json.dumps(raw).encode(), "remoteok")
    assert [job.company for job in result.jobs] == ["CI&T", "elgooG", "&#x202E;x"]
    table = read_table(render_table(list(result.jobs), OPTIONS))
    assert [row[0] for row in table.rows[1:]] == ["CI&T", "elgooG", "&#x202E;x"]
    assert_clean_table(list(result.jobs))


def test_remoteok_tags_are_no_level_field():
    result = remoteok.parse((FIXTURES / "remoteok.json").read_bytes(), "remoteok")
    assert all(job.levels == () for job in result.jobs)


def test_b9_remoteok_mojibake_is_repaired_and_the_action_adds_none():
    result = remoteok.parse((FIXTURES / "remoteok.json").read_bytes(), "remoteok")
    text = render_table(list(result.jobs), TableOptions())
    for mark in ("Ã", "ð", "ğŸ", "Â"):
        assert mark not in text
    assert "Mecánico" in text


# --- Himalayas ---


def test_himalayas_fixture():
    result = himalayas.parse(fixture("himalayas.json"), "himalayas")
    assert len(result.jobs) == 4 and result.skipped == ()
    first, biller, revops, trainer = result.jobs
    assert first.company == "Go Lean Health" and first.location == "Venezuela" and first.category == ()
    assert first.salary == Salary(min=6.5, max=6.5, currency="USD", period="hour")
    assert first.posted_at == utc(2026, 9, 25, 3, 20)  # pubDate in seconds
    assert biller.salary is None  # salaryPeriod without amounts is no salary
    assert biller.category == ("Healthcare",) and biller.tags[0] == "Mid-level"
    assert biller.levels == ("Mid-level",)  # the seniority field, kept apart from the tags
    assert revops.salary == Salary(min=70000.0, max=103500.0, currency="USD", period="year")
    assert revops.url == "https://himalayas.app/companies/big-happy/jobs/senior-revenue-operations-analyst"
    assert trainer.salary == Salary(min=25.0, max=35.0, currency="USD", period="hour")


def test_himalayas_millisecond_dates_and_worldwide():
    payload = json.loads(fixture("himalayas.json"))
    payload["jobs"][0]["pubDate"] = 1790306400000
    payload["jobs"][0]["locationRestrictions"] = []
    job = himalayas.parse(json.dumps(payload).encode(), "himalayas").jobs[0]
    assert job.posted_at == utc(2026, 9, 25, 3, 20) and job.location == "Worldwide"


def test_himalayas_follows_the_cursor_and_stops_on_a_repeated_one(server, http):
    page = json.loads(fixture("himalayas.json"))
    page["nextCursor"] = "c1"
    server.route("/jobs/api", json_reply(page))  # every cursor gets the same page and the same nextCursor
    result = himalayas.fetch(http, SourceSpec("himalayas", server.url("/jobs/api?limit=20")))
    assert [r.path for r in server.requests] == ["/jobs/api?limit=20", "/jobs/api?limit=20&cursor=c1"]
    assert len(result.jobs) == 4 and reasons(result) == ["duplicate of an earlier item"] * 4


def test_b10_a_repeated_himalayas_cursor_stops(server, clock):
    page = json.loads((FIXTURES / "himalayas.json").read_bytes()) | {"nextCursor": "same"}
    server.route("/jobs/api", json_reply(page))
    himalayas.fetch(client(clock), SourceSpec("himalayas", server.url("/jobs/api")))
    assert len(server.requests) == 2  # the first page, then the cursor once; its repeat is a cycle


# --- Jobicy ---


def test_jobicy_2026_fixture():
    result = jobicy.parse(fixture("jobicy.json"), "jobicy")
    assert len(result.jobs) == 4 and result.skipped == ()
    dune = by_id(result)["154051"]
    assert dune.location == "Europe, USA" and dune.salary is None
    assert dune.posted_at == utc(2026, 9, 24, 18, 46, 46)
    assert dune.category == ("Software Engineering",) and dune.tags == ("Full-Time", "Senior")
    assert dune.levels == ("Senior",)  # jobLevel; "Any" is none
    kalshi = by_id(result)["154057"]
    assert kalshi.salary == Salary(min=100000.0, max=180000.0, currency="USD", period="year")
    assert kalshi.url == "https://jobicy.com/jobs/154057-technical-accountant"


def test_jobicy_2024_fixture():
    result = jobicy.parse(fixture("jobicy_2024.json"), "jobicy")
    assert len(result.jobs) == 4
    jobs = by_id(result)
    assert jobs["74847"].salary == Salary(min=150000.0, max=220000.0, currency="USD", period="year")
    assert jobs["113597"].posted_at == utc(2024, 12, 7, 4, 10, 26)  # naive: UTC
    assert jobs["111985"].category == ("DevOps & SysAdmin",)  # unescaped once
    assert jobs["109041"].location == "Poland, Portugal, Romania, Spain"
    assert jobs["113597"].tags == ("full-time", "Senior")  # jobLevel "Any" is not a tag


def test_jobicy_restarts_once_without_the_cursor_when_it_expired(server, http):
    first = json.loads(fixture("jobicy.json"))
    first.update(nextCursor="abc", hasMore=True)
    server.route("/api", json_reply(first))
    server.route("/api?count=100&cursor=abc", Reply(400, b'{"error":"Cursor expired"}'), json_reply({"jobs": []}))
    result = jobicy.fetch(http, SourceSpec("jobicy", server.url("/api?count=100")))
    assert [r.path for r in server.requests] == [
        "/api?count=100", "/api?count=100&cursor=abc", "/api?count=100", "/api?count=100&cursor=abc"
    ]  # fmt: skip
    assert len(result.jobs) == 4  # the repeated first page is deduplicated


def test_b10_jobicy_restarts_once_when_the_cursor_expires(server, clock):
    first = json.loads((FIXTURES / "jobicy.json").read_bytes()) | {"nextCursor": "abc", "hasMore": True}
    server.route("/api", json_reply(first))
    server.route("/api?count=100&cursor=abc", Reply(400, b'{"error":"Cursor expired"}'), json_reply({"jobs": []}))
    result = jobicy.fetch(client(clock), SourceSpec("jobicy", server.url("/api?count=100")))
    assert [r.path for r in server.requests] == [
        "/api?count=100", "/api?count=100&cursor=abc", "/api?count=100", "/api?count=100&cursor=abc"
    ]  # fmt: skip
    assert len(result.jobs) == 4  # the repeated first page is deduplicated by id and URL


# --- We Work Remotely ---


def test_wwr_fixture():
    result = weworkremotely.parse(fixture("wwr.xml"), "weworkremotely")
    assert len(result.jobs) == 4 and result.skipped == ()
    hive, kobie, veeam, belkins = result.jobs
    assert (hive.company, hive.title) == ("thehivecareers.co", "DevOps Engineer (Remote)")
    assert hive.location == "Anywhere in the World" and hive.category == ("DevOps and Sysadmin",)
    assert hive.posted_at == utc(2026, 9, 25, 0, 33, 21)
    assert hive.tags[:2] == ("Cross-Browser Development", "Decision Frameworks") and hive.tags[-2:] == (
        "HR Software",
        "Full-Time",
    )
    assert kobie.tags == ("Full-Time",)  # empty <skills>
    assert belkins.tags[6:9] == ("Analytics Tools", "Editing", "Audio Editing")  # a double space in the list
    assert veeam.url == "https://weworkremotely.com/remote-jobs/veeam-software-campaign-marketing-intern-summer-2027"


def test_wwr_served_as_text_xml_without_charset_keeps_emoji(server, http):
    server.route("/rss", fixture_reply("wwr.xml", content_type="text/xml"))
    result = weworkremotely.fetch(http, SourceSpec("weworkremotely", server.url("/rss")))
    assert len(result.jobs) == 4


def test_wwr_redirect_to_an_empty_body_is_a_failure(server, http):
    server.route("/old.rss", Reply(301, headers={"Location": server.url("/gone.rss")}))
    server.route("/gone.rss", Reply(200, b"", content_type="text/html"))
    with pytest.raises(SourceError, match="empty feed"):
        weworkremotely.fetch(http, SourceSpec("weworkremotely", server.url("/old.rss")))


def test_wwr_itemless_feed_after_a_redirect_is_a_failure_but_not_at_the_requested_url(server, http):
    empty = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    server.route("/old.rss", Reply(301, headers={"Location": server.url("/new.rss")}))
    server.route("/new.rss", Reply(body=empty, content_type="application/rss+xml"))
    with pytest.raises(SourceError, match=r"redirected to .* and found no items"):
        weworkremotely.fetch(http, SourceSpec("weworkremotely", server.url("/old.rss")))
    assert weworkremotely.fetch(http, SourceSpec("weworkremotely", server.url("/new.rss"))).jobs == ()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html><body>Maintenance</body></html>", "not an RSS feed"),
        (b"<rss><channel><item>", "not valid XML"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><rss><channel/></rss>', "not valid XML"),
    ],
)
def test_wwr_rejects_html_broken_xml_and_entity_declarations(body, message):
    with pytest.raises(SourceError, match=message):
        weworkremotely.parse(body, "weworkremotely")


def test_wwr_title_without_company_is_skipped():
    rss = (
        b"<rss><channel><item><title>Just a title</title><link>https://weworkremotely.com/remote-jobs/a</link>"
        b"<pubDate>Fri, 25 Sep 2026 00:33:21 +0000</pubDate></item></channel></rss>"
    )
    assert reasons(weworkremotely.parse(rss, "weworkremotely")) == ["title is not 'Company: Position'"]


def test_b9_rss_served_as_text_xml_without_charset_is_parsed_from_bytes(server, clock):
    server.route("/rss", fixture_reply("wwr.xml", content_type="text/xml"))
    result = weworkremotely.fetch(client(clock), SourceSpec("weworkremotely", server.url("/rss")))
    fixture_text = (FIXTURES / "wwr.xml").read_text(encoding="utf-8")
    assert result.jobs and all(job.title in fixture_text or job.company in fixture_text for job in result.jobs)
    assert not any(mark in job.title + job.company for job in result.jobs for mark in ("Ã", "ð", "â€"))


def test_b12_empty_feed_after_a_redirect_is_a_source_failure(server, clock):
    server.route("/old.rss", Reply(301, headers={"Location": server.url("/gone.rss")}))
    server.route("/gone.rss", Reply(200, b"", content_type="text/html"))
    with pytest.raises(SourceError, match="empty feed"):
        weworkremotely.fetch(client(clock), SourceSpec("weworkremotely", server.url("/old.rss")))


# --- Greenhouse ---


def test_greenhouse_fixture():
    result = greenhouse.parse(fixture("greenhouse.json"), "greenhouse:spacex", board="spacex")
    assert len(result.jobs) == 4 and result.skipped == ()
    spacex, stripe, anthropic, gitlab = result.jobs
    assert (spacex.company, spacex.title, spacex.location) == ("SpaceX", "Accountant", "Hawthorne, CA")
    assert spacex.posted_at == utc(2026, 7, 21, 23, 49, 28)  # -04:00 converted to UTC
    assert spacex.url == "https://boards.greenhouse.io/spacex/jobs/8643277002?gh_jid=8643277002"
    assert spacex.category == ("Finance",) and spacex.remote is False
    assert stripe.url == "https://stripe.com/jobs/search?gh_jid=8172510"
    assert gitlab.remote is True and gitlab.location == "Remote, Bangalore" and gitlab.category == ()
    assert anthropic.company == "Anthropic"


def test_greenhouse_unknown_board_names_the_spec_and_the_slug(server, http):
    spec = SourceSpec("greenhouse", server.url("/v1/boards/nope/jobs"))
    with pytest.raises(SourceError, match=r"no such board; BOARD is the board token .*\(HTTP 404\)"):
        greenhouse.fetch(http, spec)
    assert len(server.requests) == 1  # 404 is not retried


def test_a7_greenhouse_entities_in_title_are_decoded_once_and_content_never_shown():
    payload = json.loads((FIXTURES / "greenhouse.json").read_bytes())
    payload["jobs"] = payload["jobs"][:1]
    payload["jobs"][0]["title"] = "R&amp;D &#x202E;Engineer &amp;amp;"
    payload["jobs"][0]["content"] = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x&gt;"
    (job,) = greenhouse.parse(json.dumps(payload).encode(), "greenhouse:spacex", board="spacex").jobs
    assert job.title == "R&D Engineer &amp;"
    markdown = render_table([job], OPTIONS)
    assert "script" not in markdown and "img" not in markdown
    assert_clean_table([job])


# --- Lever ---


def test_lever_fixture():
    result = lever.parse(fixture("lever.json"), "lever:toptal", site="toptal")
    assert len(result.jobs) == 3
    assert [(s.reason, s.item) for s in result.skipped] == [
        ("missing or invalid date", "zoox / Autonomy System Test Engineer")
    ]
    toptal = result.jobs[0]
    assert toptal.company == "toptal" and toptal.remote is True
    assert toptal.posted_at == datetime(2026, 9, 10, 8, 7, 52, 366000, tzinfo=UTC)  # epoch milliseconds
    assert toptal.tags == ("Full-time", "SMB Sales - SMB BDR") and toptal.category == ("Customer",)
    spotify = result.jobs[2]
    assert spotify.company == "spotify" and spotify.location == "London; Stockholm" and spotify.remote is False


def test_lever_salary_range():
    posting = json.loads(fixture("lever.json"))[3] | {"createdAt": 1789027672366}
    job = lever.parse(json.dumps([posting]).encode(), "lever:zoox").jobs[0]
    assert job.salary == Salary(min=144000.0, max=193000.0, currency="USD", period="year")


def test_lever_object_instead_of_array_is_described(server, http):
    server.route("/v0/postings/x", Reply(200, b'{"ok":false}'))
    with pytest.raises(SourceError, match=r"expected a JSON array .*HTTP 200, application/json, 12 bytes"):
        lever.fetch(http, SourceSpec("lever", server.url("/v0/postings/x")))


# --- Ashby ---


def test_ashby_fixture_with_an_added_unlisted_job():
    payload = json.loads(fixture("ashby.json"))
    payload["jobs"].append({**payload["jobs"][0], "id": "hidden", "isListed": False, "title": "Secret"})
    result = ashby.parse(json.dumps(payload).encode(), "ashby:linear")
    assert len(result.jobs) == 3
    assert reasons(result) == ["missing or invalid date", "unlisted job"]
    first = result.jobs[0]
    assert (first.company, first.title, first.location) == (
        "linear",
        "Senior / Staff Fullstack Engineer",
        "Europe",
    )
    assert first.posted_at == datetime(2021, 4, 27, 20, 13, 45, 158000, tzinfo=UTC)
    assert first.remote and first.tags == ("FullTime", "Engineering") and first.category == ("Product",)


def test_ashby_salary_component_ignores_bonus():
    payload = json.loads(fixture("ashby.json"))
    manager = payload["jobs"][3] | {"publishedAt": "2026-09-29T10:00:00.000+00:00"}
    job = ashby.parse(json.dumps({"jobs": [manager]}).encode(), "ashby:ashby").jobs[0]
    assert job.salary == Salary(min=110000.0, max=185000.0, currency="EUR", period="year")


# --- Workable ---


def test_workable_fixture():
    result = workable.parse(fixture("workable.json"), "workable:huggingface")
    assert len(result.jobs) == 3 and result.skipped == ()
    oss, account_exec, ambassador = result.jobs
    assert all(job.company == "Hugging Face" for job in result.jobs)  # the merged envelope's name
    assert oss.location == "Paris, Île-de-France, France" and oss.remote is True
    assert oss.posted_at == utc(2026, 5, 29) and oss.url == "https://apply.workable.com/j/81B46579FE"
    assert oss.category == ("Engineering",) and oss.tags == ("Full-time", "Open Source")
    assert account_exec.remote is False
    assert ambassador.location == "Miami, Florida, United States"  # no `locations`: city, state, country


def test_workable_404_plain_text(server, http):
    with pytest.raises(SourceError, match=r"workable:.*no such board; ACCOUNT is .*\(HTTP 404\)"):
        workable.fetch(http, SourceSpec("workable", server.url("/api/v1/widget/accounts/nope")))


def test_b12_workable_404_plain_text_names_the_account(server, clock):
    with pytest.raises(SourceError, match=r"workable:.*no such board; ACCOUNT is"):
        workable.fetch(client(clock), SourceSpec("workable", server.url("/api/v1/widget/accounts/nope")))
    assert len(server.requests) == 1


# --- SmartRecruiters ---


def test_smartrecruiters_fixture():
    result = smartrecruiters.parse(fixture("smartrecruiters.json"), "smartrecruiters:BoschGroup")
    assert len(result.jobs) == 2 and result.skipped == ()
    bosch, gdmsi = result.jobs
    assert (bosch.company, bosch.title) == ("Bosch Group", "Operator 2 - 2nd shift")
    assert bosch.url == "https://jobs.smartrecruiters.com/BoschGroup/744000154502129"
    assert bosch.location == "St. Joseph, MI, United States" and bosch.remote is False
    assert bosch.posted_at == datetime(2026, 10, 8, 17, 50, 26, 27000, tzinfo=UTC)
    assert bosch.tags == ("Full-time", "Entry Level") and bosch.category == ("Manufacturing",)
    assert gdmsi.company == "General Dynamics Missions System International"


def test_smartrecruiters_pages_by_offset_and_stops_on_an_empty_page(server):
    sleeps: list[float] = []
    http = HttpClient(read_timeout=2.0, sleep=sleeps.append)
    page = json.loads(fixture("smartrecruiters.json"))
    page.update(limit=2, totalFound=4884)  # claims far more than is served
    second = page | {
        "offset": 2,
        "content": [page["content"][0] | {"id": "1"}, page["content"][1] | {"id": "2"}],
    }
    server.route("/postings", json_reply(page))
    server.route("/postings?limit=100&offset=2", json_reply(second))
    server.route("/postings?limit=100&offset=4", json_reply(page | {"offset": 4, "content": []}))
    result = smartrecruiters.fetch(http, SourceSpec("smartrecruiters", server.url("/postings?limit=100&offset=0")))
    assert len(result.jobs) == 4 and len(server.requests) == 3
    assert sleeps == [smartrecruiters.PAUSE_BETWEEN_PAGES] * 2


def test_smartrecruiters_zero_found_is_an_empty_result(server, http):
    server.route("/postings", json_reply({"offset": 0, "limit": 100, "totalFound": 0, "content": []}))
    result = smartrecruiters.fetch(http, SourceSpec("smartrecruiters", server.url("/postings")))
    assert result == FeedResult(source=f"smartrecruiters:{server.url('/postings')}")


def test_smartrecruiters_403_is_refused_without_retry(server, http):
    server.route("/postings", Reply(403, b"<html>Forbidden</html>", content_type="text/html"))
    with pytest.raises(SourceError, match=r"access refused .*HTTP 403, text/html"):
        smartrecruiters.fetch(http, SourceSpec("smartrecruiters", server.url("/postings")))
    assert len(server.requests) == 1


def test_b10_smartrecruiters_total_larger_than_served_stops_on_the_empty_page(server, clock):
    page = json.loads((FIXTURES / "smartrecruiters.json").read_bytes()) | {"limit": 2, "totalFound": 100_000}
    server.route("/postings", json_reply(page))
    server.route("/postings?limit=100&offset=2", json_reply(page | {"offset": 2, "content": []}))
    result = smartrecruiters.fetch(
        client(clock), SourceSpec("smartrecruiters", server.url("/postings?limit=100&offset=0"))
    )
    assert len(result.jobs) == 2 and len(server.requests) == 2


@pytest.mark.parametrize("status", [401, 403])
def test_b12_refused_keyless_source_is_skipped_for_the_run_without_retry(server, clock, status):
    server.route("/postings", Reply(status, b"<html>Forbidden</html>", content_type="text/html"))
    with pytest.raises(SourceError, match=rf"access refused .*HTTP {status}.*skipped for this run, not retried"):
        smartrecruiters.fetch(client(clock), SourceSpec("smartrecruiters", server.url("/postings")))
    assert len(server.requests) == 1 and clock.sleeps == []


# --- Hacker News ---


def test_hn_fixture_comments():
    result = hn.parse(fixture("hn_algolia_comments.json"), "hn")
    assert len(result.jobs) == 2 and reasons(result) == ["reply, not a top-level post"]
    datacamp, smokescreen = result.jobs
    assert (datacamp.company, datacamp.title) == ("DataCamp", "Senior/Staff engineering roles")
    assert datacamp.url == "https://www.datacamp.com/jobs"  # the link on the first line
    assert datacamp.remote and datacamp.location == "On-site & Remote (within 2h of CET timezone)"
    assert datacamp.posted_at == utc(2021, 10, 13, 9, 47, 30)
    assert (smokescreen.title, smokescreen.location) == ("Software Engineer", "Mumbai, India")
    assert smokescreen.url == "https://www.smokescreen.io/careers/"  # "Apply here:" link, not www.smokescreen.io
    assert smokescreen.remote and smokescreen.id == "18383724"


def test_hn_latest_thread_is_the_newest_hiring_story():
    assert hn.latest_thread_id(fixture("hn_algolia_threads.json")) == "49922569"


def _hn_hit(object_id: str, text: str | None) -> dict:
    return {
        "objectID": object_id,
        "parent_id": 1,
        "story_id": 1,
        "comment_text": text,
        "created_at": "2026-10-01T15:02:07Z",
    }


def test_hn_skips_posts_without_a_pipe_line_and_uses_the_permalink_without_links():
    hits = [
        _hn_hit("11", "Acme | Backend Engineer | Berlin | $120k<p>Write to us"),
        _hn_hit("12", "We are hiring engineers, write to me"),
        _hn_hit("13", "SEEKING WORK | Remote | Python"),
        _hn_hit("14", None),
    ]
    result = hn.parse(json.dumps({"hits": hits}).encode(), "hn")
    (acme,) = result.jobs
    assert acme.url == "https://news.ycombinator.com/item?id=11"
    assert acme.salary == Salary(text="$120k") and acme.location == "Berlin" and acme.remote is False
    assert reasons(result) == [
        "first line is not 'Company | Role | Location | ...'",
        "seeking work, not a job",
        "deleted or empty post",
    ]


def test_hn_fetch_finds_the_thread_then_its_comments(server, http):
    server.route(
        "/api/v1/search_by_date?tags=story,author_whoishiring&hitsPerPage=20",
        fixture_reply("hn_algolia_threads.json"),
    )
    comments = json.loads(fixture("hn_algolia_comments.json")) | {"page": 0, "nbPages": 1}
    server.route("/api/v1/search_by_date?tags=comment,story_49922569&hitsPerPage=1000", json_reply(comments))
    result = hn.fetch(http, SourceSpec("hn", server.url("/api/v1")))
    assert len(result.jobs) == 2 and len(server.requests) == 2


def test_hn_without_a_hiring_thread_fails(server, http):
    server.route(
        "/api/v1/search_by_date",
        json_reply({"hits": [{"objectID": "1", "title": "Ask HN: Who wants to be hired? (x)"}]}),
    )
    with pytest.raises(SourceError, match='no "Ask HN: Who is hiring'):
        hn.fetch(http, SourceSpec("hn", server.url("/api/v1")))


# --- Broken responses (B4), item drift (B5) and unknown boards (B12), whatever the provider ---


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (
            Reply(200, b"<html>Maintenance</html>", content_type="text/html"),
            r"not valid JSON.*text/html, 24 bytes\)$",
        ),
        (Reply(200, b""), "not valid JSON.*empty body"),
        (Reply(200, b"\xff\xfe{bad"), "not valid JSON"),
        (Reply(200, b"[" * 200_000 + b"]" * 200_000), "nested too deeply"),
        (Reply(200, b'{"jobs": NaN}'), "not valid JSON"),
        (Reply(500, b"oops", content_type="text/plain"), "HTTP 500, text/plain, 4 bytes$"),
        (Reply(200, b'{"jobs": {}}'), 'expected an object with "jobs"'),
    ],
)
def test_broken_responses_are_described(server, reply, message):
    server.route("/api", reply)
    http = HttpClient(read_timeout=2.0, retries=0)
    with pytest.raises(SourceError, match=message):
        remotive.fetch(http, SourceSpec("remotive", server.url("/api")))


def test_schema_drift_skips_bad_items_and_keeps_good_ones():
    good = _remotive_item()
    items = [
        good,
        "not an object",
        _remotive_item(id=2, company_name=None, url="https://remotive.com/a/2"),
        _remotive_item(id=3, url="javascript:alert(1)"),
        _remotive_item(id=4, publication_date="2026-13-45", url="https://remotive.com/a/4"),
        _remotive_item(id=5, publication_date=0, url="https://remotive.com/a/5"),
        _remotive_item(id=6, title=12345, tags=None, category=None, url="https://remotive.com/a/6"),
        _remotive_item(id=1),
    ]
    result = remotive.parse(json.dumps({"jobs": items}).encode(), "remotive")
    assert [job.id for job in result.jobs] == ["1", "6"]
    assert result.jobs[1].title == "12345" and result.jobs[1].tags == ()
    assert reasons(result) == [
        "item is not an object",
        "missing company",
        "missing or non-http(s) url",
        "missing or invalid date",
        "missing or invalid date",
        "duplicate of an earlier item",
    ]


def test_b4_xml_that_is_not_rss_and_wrong_top_level_types_are_described(server, clock):
    server.route("/rss", Reply(200, b"<?xml version='1.0'?><feed><entry/></feed>", content_type="text/xml"))
    server.route("/lever", Reply(200, b'{"ok":false}'))
    with pytest.raises(SourceError, match=r"not an RSS feed.*HTTP 200, text/xml, \d+ bytes"):
        weworkremotely.fetch(client(clock), SourceSpec("weworkremotely", server.url("/rss")))
    with pytest.raises(SourceError, match=r"expected a JSON array.*HTTP 200, application/json, 12 bytes"):
        lever.fetch(client(clock), SourceSpec("lever", server.url("/lever")))


def test_b5_provider_fixtures_skip_items_without_dates_and_sorting_is_deterministic():
    lever_result = lever.parse((FIXTURES / "lever.json").read_bytes(), "lever:x", site="x")
    ashby_result = ashby.parse((FIXTURES / "ashby.json").read_bytes(), "ashby:x")
    assert [s.reason for s in lever_result.skipped] == ["missing or invalid date"]  # Zoox: no createdAt
    assert [s.reason for s in ashby_result.skipped] == ["missing or invalid date"]  # Engineering Manager
    payload = json.loads((FIXTURES / "himalayas.json").read_bytes())
    payload["jobs"][0]["pubDate"] = 1790306400000  # milliseconds
    assert himalayas.parse(json.dumps(payload).encode(), "himalayas").jobs[0].posted_at.year == 2026
    jobs = [*lever_result.jobs, *ashby_result.jobs]
    same_time = [make_job(f"T{n}", "Same", url=f"https://x.example/{n}") for n in range(5)]
    for shuffled in range(3):
        random.Random(shuffled).shuffle(same_time)
        assert [job.url for job in sort_jobs(same_time)] == [f"https://x.example/{n}" for n in range(5)]
    assert sort_jobs(jobs) == sort_jobs(list(reversed(jobs)))


BOARDS = [
    (greenhouse, "greenhouse", "BOARD", "/v1/boards/nope/jobs"),
    (lever, "lever", "SITE", "/v0/postings/nope"),
    (ashby, "ashby", "ORG", "/posting-api/job-board/nope"),
    (smartrecruiters, "smartrecruiters", "COMPANY", "/v1/companies/nope/postings"),
]


@pytest.mark.parametrize("status", [404, 410])
@pytest.mark.parametrize(("module", "kind", "argument", "path"), BOARDS)
def test_b12_unknown_board_is_not_retried_and_names_the_spec_and_the_slug(
    server, clock, module, kind, argument, path, status
):
    server.route(path, Reply(status, b'{"error":"not found"}'))
    spec = SourceSpec(kind, server.url(path))
    with pytest.raises(SourceError, match=rf"{kind}:.*no such board; {argument} is .*\(HTTP {status}\)"):
        module.fetch(client(clock), spec)
    assert len(server.requests) == 1 and clock.sleeps == []


def _remotive_item(**fields) -> dict:
    item = {
        "id": 1,
        "url": "https://remotive.com/remote-jobs/software-development/dev-1",
        "title": "Dev",
        "company_name": "Acme",
        "category": "Software Development",
        "tags": [],
        "publication_date": "2026-09-21T12:55:11",
        "candidate_required_location": "Worldwide",
        "salary": "",
    }
    return item | fields


def test_ashby_hybrid_postings_are_not_remote_although_is_remote_is_true():
    payload = json.loads(fixture("ashby.json"))
    hybrid = dict(payload["jobs"][0], workplaceType="Hybrid", isRemote=True, location="London, UK")
    onsite = dict(payload["jobs"][1], workplaceType="OnSite", isRemote=False)
    result = ashby.parse(json.dumps({"jobs": [hybrid, onsite]}).encode(), "ashby:linear")
    assert [(job.remote, job.workplace) for job in result.jobs] == [(False, "hybrid"), (False, "onsite")]
    remote = ashby.parse(fixture("ashby.json"), "ashby:linear").jobs[0]
    assert (remote.remote, remote.workplace) == (True, "remote")


def test_a_board_spec_names_its_company_and_a_slug_reads_as_a_name(server):
    from jobs_action.config.validate import parse_source
    from jobs_action.errors import ConfigError
    from jobs_action.sources import fetch_sources
    from jobs_action.sources.http import HttpClient

    assert parse_source("lever:spotify=Spotify AB") == SourceSpec("lever", "spotify", "Spotify AB")
    assert parse_source("lever:spotify=Spotify AB").text == "lever:spotify=Spotify AB"
    with pytest.raises(ConfigError, match="company's name after `=`"):
        parse_source("lever:spotify=")
    server.route("/v0/postings/toptal", fixture_reply("lever.json"))
    url = server.url("/v0/postings/toptal?mode=json")
    (plain,) = fetch_sources([SourceSpec("lever", url)], HttpClient(retries=0), FIXTURES)
    assert {job.company for job in plain.result.jobs} == {"Toptal", "Spotify"}  # the slugs, readable
    (named,) = fetch_sources([SourceSpec("lever", url, "Toptal Inc")], HttpClient(retries=0), FIXTURES)
    assert {job.company for job in named.result.jobs} == {"Toptal Inc"}


def test_an_hn_company_segment_loses_its_link():
    from jobs_action.sources.hn import _company_name

    assert _company_name("TryHackMe https://tryhackme.com") == "TryHackMe"
    assert _company_name("Acme (acme.com)") == "Acme"
    assert _company_name("Stripe") == "Stripe"


# --- The employment type, where a source states it (the Type column) ---


@pytest.mark.parametrize(
    ("module", "name", "types"),
    [
        (remotive, "remotive.json", ["part-time", "full-time", "contract", "contract"]),  # freelance is contract
        (arbeitnow, "arbeitnow.json", ["", "", "contract", "full-time"]),  # "Working student" names no type
        (himalayas, "himalayas.json", ["full-time"] * 4),
        (jobicy, "jobicy.json", ["full-time"] * 4),
        (jobicy, "jobicy_2024.json", ["full-time", "full-time", "full-time", "contract"]),
        (weworkremotely, "wwr.xml", ["full-time"] * 4),
        (lever, "lever.json", ["full-time", "full-time", ""]),  # Spotify's "Permanent" names no type
        (ashby, "ashby.json", ["full-time"] * 3),
        (workable, "workable.json", ["full-time", "full-time", "contract"]),
        (smartrecruiters, "smartrecruiters.json", ["full-time"] * 2),
        (greenhouse, "greenhouse.json", [""] * 4),  # its board API has no such field
    ],
)
def test_the_employment_type_is_read_from_the_sources_that_state_it(module, name, types):
    assert [job.employment for job in module.parse(fixture(name), name).jobs] == types
