"""HOSTILE-CASES B: feed and network faults. Sources are fakes on 127.0.0.1; waits go through an injected clock.

B1 and B3 (the min-jobs and max-drop-percent guards) are tested with the guards themselves.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import random
import socket
import struct
import threading
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import yaml
from factories import make_job
from fake_clock import FakeClock
from fakes.github import FakeGitHub
from fakes.sources import FIXTURES, FakeSources, Reply, fixture_reply, json_reply
from oracle import read_table
from runner import example_feed, run_entrypoint, runner_env

from jobs_action.errors import SourceError
from jobs_action.render.table import TableOptions, render_table
from jobs_action.select.criteria import Criteria, select_jobs, sort_jobs
from jobs_action.sources import (
    arbeitnow,
    ashby,
    fetch_sources,
    greenhouse,
    himalayas,
    jobicy,
    lever,
    remoteok,
    remotive,
    smartrecruiters,
    weworkremotely,
    workable,
)
from jobs_action.sources.feed import fetch_json_feed, parse_feed
from jobs_action.sources.http import MAX_RETRY_AFTER, USER_AGENT, HttpClient
from jobs_action.sources.spec import SourceSpec
from jobs_action.text import repair_mojibake

NOW = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)
REPO = "acme/awesome-backend-jobs"


@pytest.fixture
def server() -> Iterator[FakeSources]:
    with FakeSources() as fake:
        yield fake


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def client(clock: FakeClock, **options: object) -> HttpClient:
    settings = {"read_timeout": 2.0, "sleep": clock.sleep, "clock": clock, "now": lambda: NOW}
    return HttpClient(**{**settings, **options})  # type: ignore[arg-type]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def feed_body(*companies: str) -> bytes:
    jobs = [
        {"company": c, "title": "Backend Developer", "url": f"https://x.example/{c}", "posted_at": "2026-09-30"}
        for c in companies
    ]
    return json.dumps({"jobs": jobs}).encode()


def by_spec(outcomes):
    return {outcome.spec.text: outcome for outcome in outcomes}


# --- B2 ---


def test_b2_each_kind_of_failure_is_one_source_failure_and_the_others_continue(server, clock, monkeypatch):
    real_getaddrinfo = socket.getaddrinfo

    def no_dns(host, *args, **kwargs):
        if host == "jobs.invalid":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    server.route("/good", Reply(body=feed_body("Good")))
    server.route("/500", Reply(500, b"Internal Server Error", content_type="text/plain"))
    server.route("/503", Reply(503, b"busy", content_type="text/plain"))
    server.route("/hang", Reply(hang=True))
    specs = {
        "good": SourceSpec("json", server.url("/good")),
        "500": SourceSpec("json", server.url("/500")),
        "503": SourceSpec("json", server.url("/503")),
        "timeout": SourceSpec("json", server.url("/hang")),
        "dns": SourceSpec("json", "http://jobs.invalid/feed.json"),
        "refused": SourceSpec("json", f"http://127.0.0.1:{closed_port()}/feed.json"),
    }
    http = client(clock, read_timeout=0.3, connect_timeout=0.3, retries=1)
    outcomes = {
        name: outcome for name, outcome in zip(specs, fetch_sources(specs.values(), http, FIXTURES), strict=True)
    }
    assert outcomes["good"].ok and [job.company for job in outcomes["good"].result.jobs] == ["Good"]
    expected = {
        "500": "HTTP 500, text/plain",
        "503": "HTTP 503, text/plain",
        "timeout": "timed out",
        "dns": "connection failed",
        "refused": "connection failed",
    }
    for name, message in expected.items():
        assert not outcomes[name].ok and message in outcomes[name].error, (name, outcomes[name].error)


def _two_source_run(tmp_path, fake, feed_server, bad: Reply):
    feed_server.route("/good.json", Reply(body=json.dumps(example_feed()).encode()))
    feed_server.route("/bad.json", bad)
    sources = f"json:{feed_server.url('/good.json')}\njson:{feed_server.url('/bad.json')}"
    return run_entrypoint(runner_env(tmp_path, fake, {"sources": sources}))


def test_b2_the_list_is_published_from_the_other_sources_and_the_failure_is_named(tmp_path):
    with FakeGitHub() as fake, FakeSources() as feed_server:
        fake.add_repo(REPO, {})
        result = _two_source_run(tmp_path, fake, feed_server, Reply(500, b"down", content_type="text/plain"))
        bad = f"json:{feed_server.url('/bad.json')}"
        assert fake.count("mutation") == 1
    assert result.returncode == 0, result.stdout
    assert result.report[0]["status"] == "updated"
    warnings = [line for line in result.stdout.split("\n") if line.startswith("::warning")]
    assert any(bad in line and "HTTP 500" in line for line in warnings), warnings
    failed_row = next(line for line in result.summary.split("\n") if "❌" in line)
    assert "bad.json" in failed_row and "HTTP 500" in failed_row


def test_b2_the_report_output_names_the_failed_source(tmp_path):
    with FakeGitHub() as fake, FakeSources() as feed_server:
        fake.add_repo(REPO, {})
        result = _two_source_run(tmp_path, fake, feed_server, Reply(503, b"down", content_type="text/plain"))
        bad = f"json:{feed_server.url('/bad.json')}"
    entry = result.report[0]
    assert bad in json.dumps(entry), (
        "HOSTILE-CASES B2: the `report` output must name a source that failed (for example a `failed_sources` "
        f"field of each list's entry); main.py/report.py do not put it there yet. Entry: {entry}"
    )


# --- B4 ---

BROKEN = [
    (Reply(200, b"<html><body>Down for maintenance</body></html>", content_type="text/html"),
     r'HTTP 200, text/html, body "<html><body>Down for maintenance'),
    (Reply(403, b"<!DOCTYPE html><title>Attention Required! | Cloudflare</title>", content_type="text/html"),
     r'HTTP 403, text/html, body "<!DOCTYPE html><title>Attention Required'),
    (Reply(200, b"", content_type="application/json"), r"HTTP 200, application/json, empty body"),
    (Reply(200, b'{"jobs": [{"company"', content_length=5000),
     r'broken mid-response after 2 attempts \(HTTP 200, application/json, body "\{"jobs": \[\{"company"'),
    (Reply(200, b'{"jobs": ["caf\xe9 \xff"]}'), r'not valid JSON .*HTTP 200, application/json, body "\{"jobs"'),
    (Reply(200, b'{"ok":false}'), r'expected \{"jobs": \[...\]\}.*HTTP 200, application/json, body "\{"ok":false\}"'),
    (Reply(200, b"\x1f\x8b\x08\x00corrupt-deflate", headers={"Content-Encoding": "gzip"}),
     r"could not decompress the body .*HTTP 200, application/json"),
]  # fmt: skip


@pytest.mark.parametrize(("reply", "message"), BROKEN)
def test_b4_broken_answers_fail_the_source_with_status_type_and_first_bytes(server, clock, reply, message):
    server.route("/feed.json", reply)
    spec = SourceSpec("json", server.url("/feed.json"))
    (outcome,) = fetch_sources([spec], client(clock, retries=1), FIXTURES)
    assert not outcome.ok
    assert __import__("re").search(message, outcome.error), outcome.error
    assert "\n" not in outcome.error and "\r" not in outcome.error


def test_b4_xml_that_is_not_rss_and_wrong_top_level_types_are_described(server, clock):
    server.route("/rss", Reply(200, b"<?xml version='1.0'?><feed><entry/></feed>", content_type="text/xml"))
    server.route("/lever", Reply(200, b'{"ok":false}'))
    with pytest.raises(SourceError, match=r'not an RSS feed.*HTTP 200, text/xml, body "<\?xml'):
        weworkremotely.fetch(client(clock), SourceSpec("weworkremotely", server.url("/rss")))
    with pytest.raises(SourceError, match=r'expected a JSON array.*HTTP 200, application/json, body "\{"ok":false\}"'):
        lever.fetch(client(clock), SourceSpec("lever", server.url("/lever")))


def test_b4_a_hostile_body_is_quoted_as_one_inert_line(server, clock):
    body = b"ok\n::error::pwned\r::stop-commands::abcdefgh ##[add-mask]Engineer \x1b[2J \xe2\x80\xae"
    server.route("/feed.json", Reply(502, body, content_type="text/plain"))
    (outcome,) = fetch_sources([SourceSpec("json", server.url("/feed.json"))], client(clock, retries=0), FIXTURES)
    for bad in ("\n", "\r", "\x1b", "\u202e"):
        assert bad not in outcome.error
    assert outcome.error.startswith("HTTP 502, text/plain")


# --- B5 ---


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


# --- B6 ---


def test_b6_hostile_sizes_fail_their_source_with_bounded_memory(server):
    huge = b"[" + b'"x",' * (25 * 1024 * 1024) + b'"x"]'  # 100 MiB
    bomb = b"\0" * (100 * 1024 * 1024)
    long_string = b'{"jobs": [{"company": "' + b"A" * (50 * 1024 * 1024) + b'"}]}'
    server.route("/nested", Reply(body=b"[" * 200_000 + b"]" * 200_000))
    server.route("/huge", Reply(body=huge))
    server.route("/bomb", Reply(body=gzip.compress(bomb), headers={"Content-Encoding": "gzip"}))
    server.route("/long", Reply(body=long_string))
    server.route("/good", Reply(body=feed_body("Good")))
    specs = [SourceSpec("json", server.url(path)) for path in ("/nested", "/huge", "/bomb", "/long", "/good")]
    del bomb
    tracemalloc.start()
    try:
        outcomes = fetch_sources(specs, HttpClient(read_timeout=5.0, retries=0), FIXTURES)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    errors = [outcome.error for outcome in outcomes]
    assert "nested too deeply" in errors[0]
    assert all("larger than 16 MiB (decompressed)" in error for error in errors[1:4]), errors
    assert outcomes[4].ok and outcomes[4].result.jobs[0].company == "Good"
    assert peak < 96 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"  # bounded by the 16 MiB caps, never a 100 MiB body


# --- B7 ---


def _never_accepting_port() -> tuple[socket.socket, int]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    return listener, listener.getsockname()[1]


def test_b7_hangs_and_drips_each_fail_their_source_within_the_deadline():
    listener, port = _never_accepting_port()
    with listener, FakeSources() as server:
        server.route("/hang", Reply(hang=True))
        server.route("/stall", Reply(body=b"[]", stall_after_headers=True))
        server.route("/drip", Reply(body=b"x" * 10_000, drip=0.2))
        server.route("/good", Reply(body=feed_body("Good")))
        specs = [SourceSpec("json", server.url(p)) for p in ("/hang", "/stall", "/drip", "/good")]
        specs.append(SourceSpec("json", f"http://127.0.0.1:{port}/feed.json"))
        http = HttpClient(connect_timeout=0.5, read_timeout=0.5, deadline=1.5, source_deadline=2.0, retries=0)
        started = time.monotonic()
        outcomes = fetch_sources(specs, http, FIXTURES)
        elapsed = time.monotonic() - started
    assert elapsed < 6.0  # deadlines of 2 s, fetched in parallel
    assert [outcome.ok for outcome in outcomes] == [False, False, False, True, False]
    assert "deadline" in outcomes[2].error
    assert all("timed out" in o.error or "deadline" in o.error for o in (outcomes[0], outcomes[1], outcomes[4]))


def test_b7_every_request_has_connect_and_read_timeouts_and_the_run_is_bounded(server):
    http = HttpClient()
    assert 0 < http.connect_timeout <= 10 and 0 < http.read_timeout <= 30
    assert http.deadline <= http.source_deadline <= 300  # a source never holds the run for 5 minutes
    seen = []
    real_get = http.session.get

    def recording_get(url, **kwargs):
        seen.append(kwargs.get("timeout"))
        return real_get(url, **kwargs)

    http.session.get = recording_get  # type: ignore[method-assign]
    server.route("/a", Reply(body=b"[]"))
    http.get(server.url("/a"))
    assert len(seen) == 1 and isinstance(seen[0], tuple) and all(0 < part <= 30 for part in seen[0])


# --- B8 ---


@contextlib.contextmanager
def resetting_server() -> Iterator[tuple[int, list[int]]]:
    """Answers headers and part of the body, then resets the connection (RST)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(0.2)
    accepted: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except OSError:
                continue
            accepted.append(1)
            with connection:
                connection.recv(65536)
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                connection.sendall(b'{"jobs": [')
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(timeout=2)
        listener.close()


def _assert_exponential_with_jitter(sleeps: list[float], backoff: float) -> None:
    for attempt, seconds in enumerate(sleeps):
        low = backoff * 2**attempt
        assert low <= seconds <= low * 1.25, sleeps


def test_b8_reset_mid_body_is_retried_with_backoff_then_fails(clock):
    expected = r"broken mid-response after 4 attempts \(HTTP 200, application/json"
    with resetting_server() as (port, accepted), pytest.raises(SourceError, match=expected):
        client(clock, retries=3, backoff=1.0).get(f"http://127.0.0.1:{port}/jobs")
    assert len(accepted) == 4 and len(clock.sleeps) == 3
    _assert_exponential_with_jitter(clock.sleeps, 1.0)


def test_b8_refused_connection_and_tls_failure_are_retried_then_fail(server, clock):
    with pytest.raises(SourceError, match="connection failed after 3 attempts"):
        client(clock, retries=2).get(f"http://127.0.0.1:{closed_port()}/jobs")
    _assert_exponential_with_jitter(clock.sleeps, 1.0)
    tls_clock = FakeClock()
    server.route("/jobs", Reply(body=b"[]"))
    with pytest.raises(SourceError, match="after 3 attempts"):
        client(tls_clock, retries=2).get(f"https://127.0.0.1:{server.port}/jobs")  # plain HTTP answers the TLS hello
    assert len(tls_clock.sleeps) == 2
    _assert_exponential_with_jitter(tls_clock.sleeps, 1.0)


def test_b8_jitter_makes_two_clients_wait_differently(clock):
    other = FakeClock()
    for fake in (clock, other):
        with pytest.raises(SourceError):
            client(fake, retries=3).get(f"http://127.0.0.1:{closed_port()}/jobs")
    assert clock.sleeps != other.sleeps


# --- B9 ---

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


def test_b9_rss_served_as_text_xml_without_charset_is_parsed_from_bytes(server, clock):
    server.route("/rss", fixture_reply("wwr.xml", content_type="text/xml"))
    result = weworkremotely.fetch(client(clock), SourceSpec("weworkremotely", server.url("/rss")))
    fixture_text = (FIXTURES / "wwr.xml").read_text(encoding="utf-8")
    assert result.jobs and all(job.title in fixture_text or job.company in fixture_text for job in result.jobs)
    assert not any(mark in job.title + job.company for job in result.jobs for mark in ("Ã", "ð", "â€"))


def test_b9_remoteok_mojibake_is_repaired_and_the_action_adds_none():
    result = remoteok.parse((FIXTURES / "remoteok.json").read_bytes(), "remoteok")
    text = render_table(list(result.jobs), TableOptions())
    for mark in ("Ã", "ð", "ğŸ", "Â"):
        assert mark not in text
    assert "Mecánico" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("MecÃ¡nico", "Mecánico"),
        ("ð\x9f\x93\x8d Remote", "📍 Remote"),
        ("I’m", "I’m"),
        ("naïve", "naïve"),
        ("ＡＢＣ（株）", "ＡＢＣ（株）"),
        ("CI&T", "CI&T"),
        ("ðŸ“ Remote", " Remote"),  # pinned: a fragment that lost a byte is dropped
        ("ğŸ“ Remote", " Remote"),
    ],
)
def test_b9_repair_is_pinned_and_a_lost_byte_never_becomes_the_wrong_emoji(raw, expected):
    assert repair_mojibake(raw) == expected and "📠" not in repair_mojibake(raw)


# --- B10 ---


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


def test_b10_a_repeated_himalayas_cursor_stops(server, clock):
    page = json.loads((FIXTURES / "himalayas.json").read_bytes()) | {"nextCursor": "same"}
    server.route("/jobs/api", json_reply(page))
    himalayas.fetch(client(clock), SourceSpec("himalayas", server.url("/jobs/api")))
    assert len(server.requests) == 2  # the first page, then the cursor once; its repeat is a cycle


def test_b10_jobicy_restarts_once_when_the_cursor_expires(server, clock):
    first = json.loads((FIXTURES / "jobicy.json").read_bytes()) | {"nextCursor": "abc", "hasMore": True}
    server.route("/api", json_reply(first))
    server.route("/api?count=100&cursor=abc", Reply(400, b'{"error":"Cursor expired"}'), json_reply({"jobs": []}))
    result = jobicy.fetch(client(clock), SourceSpec("jobicy", server.url("/api?count=100")))
    assert [r.path for r in server.requests] == [
        "/api?count=100", "/api?count=100&cursor=abc", "/api?count=100", "/api?count=100&cursor=abc"
    ]  # fmt: skip
    assert len(result.jobs) == 4  # the repeated first page is deduplicated by id and URL


def test_b10_smartrecruiters_total_larger_than_served_stops_on_the_empty_page(server, clock):
    page = json.loads((FIXTURES / "smartrecruiters.json").read_bytes()) | {"limit": 2, "totalFound": 100_000}
    server.route("/postings", json_reply(page))
    server.route("/postings?limit=100&offset=2", json_reply(page | {"offset": 2, "content": []}))
    result = smartrecruiters.fetch(
        client(clock), SourceSpec("smartrecruiters", server.url("/postings?limit=100&offset=0"))
    )
    assert len(result.jobs) == 2 and len(server.requests) == 2


# --- B11 ---

RETRY_AFTER = [
    ("120", MAX_RETRY_AFTER),  # clamped to the per-wait maximum
    (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
    (format_datetime(NOW - timedelta(hours=1), usegmt=True), 0.0),
    ("21600", MAX_RETRY_AFTER),
    ("7, 7", 7.0),  # a repeated header arrives joined
]
GARBAGE = ["soon", "-5", "1.5", None]


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize(("header", "seconds"), RETRY_AFTER)
def test_b11_retry_after_seconds_and_dates_are_honoured_and_clamped(server, clock, status, header, seconds):
    server.route("/jobs", Reply(status, headers={"Retry-After": header}), json_reply([]))
    assert client(clock, deadline=600).get(server.url("/jobs")).status == 200
    assert clock.sleeps == [seconds]


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("header", GARBAGE)
def test_b11_garbage_retry_after_falls_back_to_the_default_backoff(server, clock, status, header):
    headers = {"Retry-After": header} if header is not None else {}
    server.route("/jobs", Reply(status, headers=headers), json_reply([]))
    assert client(clock, backoff=1.0).get(server.url("/jobs")).status == 200
    assert len(clock.sleeps) == 1 and 1.0 <= clock.sleeps[0] <= 1.25


def test_b11_a_wait_past_the_run_deadline_is_not_slept(server, clock):
    server.route("/jobs", Reply(503, headers={"Retry-After": "50"}))
    with pytest.raises(SourceError, match="deadline"):
        client(clock, deadline=30).get(server.url("/jobs"))
    assert clock.sleeps == []


# --- B12 ---

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


def test_b12_workable_404_plain_text_names_the_account(server, clock):
    with pytest.raises(SourceError, match=r"workable:.*no such board; ACCOUNT is"):
        workable.fetch(client(clock), SourceSpec("workable", server.url("/api/v1/widget/accounts/nope")))
    assert len(server.requests) == 1


@pytest.mark.parametrize("status", [401, 403])
def test_b12_refused_keyless_source_is_skipped_for_the_run_without_retry(server, clock, status):
    server.route("/postings", Reply(status, b"<html>Forbidden</html>", content_type="text/html"))
    with pytest.raises(SourceError, match=rf"access refused .*HTTP {status}.*skipped for this run, not retried"):
        smartrecruiters.fetch(client(clock), SourceSpec("smartrecruiters", server.url("/postings")))
    assert len(server.requests) == 1 and clock.sleeps == []


def test_b12_empty_feed_after_a_redirect_is_a_source_failure(server, clock):
    server.route("/old.rss", Reply(301, headers={"Location": server.url("/gone.rss")}))
    server.route("/gone.rss", Reply(200, b"", content_type="text/html"))
    with pytest.raises(SourceError, match="empty feed"):
        weworkremotely.fetch(client(clock), SourceSpec("weworkremotely", server.url("/old.rss")))


def test_b12_smartrecruiters_zero_postings_gives_a_note_naming_the_identifier(server, clock):
    server.route("/postings", json_reply({"offset": 0, "limit": 100, "totalFound": 0, "content": []}))
    spec = SourceSpec("smartrecruiters", server.url("/postings"))
    (outcome,) = fetch_sources([spec], client(clock), FIXTURES)
    assert outcome.ok and outcome.result.jobs == ()
    assert outcome.note.startswith("0 postings; check the company identifier") and spec.text in outcome.note


def test_b12_smartrecruiters_zero_postings_is_a_warning_naming_the_identifier(tmp_path):
    with FakeGitHub() as fake, FakeSources() as feed_server:
        fake.add_repo(REPO, {})
        feed_server.route("/postings", json_reply({"offset": 0, "limit": 100, "totalFound": 0, "content": []}))
        feed_server.route("/good.json", Reply(body=json.dumps(example_feed()).encode()))
        sources = f"smartrecruiters:{feed_server.url('/postings')}\njson:{feed_server.url('/good.json')}"
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": sources, "dry-run": "true"}))
    warnings = [line for line in result.stdout.split("\n") if line.startswith("::warning")]
    assert any("0 postings" in line and "check the company identifier" in line for line in warnings), (
        "HOSTILE-CASES B12: a SmartRecruiters board with zero postings must give a ::warning:: "
        '"0 postings; check the company identifier" (SourceOutcome.note carries it; main.log_sources must print '
        f"it). stdout: {result.stdout}"
    )


# --- B13 ---


def test_b13_the_age_window_boundary_future_dates_and_naive_dates_are_pinned():
    criteria = Criteria(max_age_days=15)
    boundary = make_job("Backend Developer", "Edge", url="https://x.example/edge", posted_at=NOW - timedelta(days=15))
    older = make_job("Backend Developer", "Old", url="https://x.example/old",
                     posted_at=NOW - timedelta(days=15, seconds=1))  # fmt: skip
    future = make_job("Backend Developer", "Future", url="https://x.example/f", posted_at=NOW + timedelta(days=2))
    soon = make_job("Backend Developer", "Soon", url="https://x.example/s", posted_at=NOW + timedelta(hours=3))
    kept = select_jobs([boundary, older, future, soon], criteria, NOW)
    assert [job.company for job in kept] == ["Soon", "Edge"]  # boundary kept (inclusive); 2 days ahead dropped
    assert kept[0].posted_at == NOW  # a slightly future date is clamped to now
    naive = remotive.parse(json.dumps({"jobs": [{
        "id": 1, "url": "https://remotive.com/remote-jobs/x-1", "title": "Dev", "company_name": "A",
        "publication_date": "2026-09-21T12:55:11", "tags": [], "category": "Software Development",
    }]}).encode(), "remotive")  # fmt: skip
    assert naive.jobs[0].posted_at == datetime(2026, 9, 21, 12, 55, 11, tzinfo=UTC)


# --- B14 ---


def _provider_routes(server: FakeSources) -> dict[str, str]:
    """The six default providers, each served from its recorded fixture on the fake source."""
    server.route("/remotive", fixture_reply("remotive.json"))
    server.route("/arbeitnow", fixture_reply("arbeitnow.json"))
    server.route("/remoteok", fixture_reply("remoteok.json"))
    server.route("/himalayas", fixture_reply("himalayas.json"))
    server.route("/jobicy", fixture_reply("jobicy.json"))
    server.route("/wwr", fixture_reply("wwr.xml"))
    names = ("remotive", "arbeitnow", "remoteok", "himalayas", "jobicy")
    return {
        **{name: f"{name}:{server.url('/' + name)}" for name in names},
        "weworkremotely": f"weworkremotely:{server.url('/wwr')}",
    }


def test_b14_five_lists_on_one_source_fetch_it_once_politely(tmp_path):
    with FakeGitHub() as fake, FakeSources() as server:
        server.route("/remotive", fixture_reply("remotive.json"))
        spec = f"remotive:{server.url('/remotive')}"
        lists = []
        for n in range(5):
            fake.add_repo(f"acme/list-{n}", {})
            lists.append({"name": f"list-{n}", "repository": f"acme/list-{n}", "category": "all", "sources": spec})
        (tmp_path / "lists.yml").write_text(yaml.safe_dump({"lists": lists, "defaults": {"max-age-days": 365}}))
        env = runner_env(tmp_path, fake, {"config": "lists.yml", "dry-run": "true", "github-token": fake.token})
        result = run_entrypoint(env)
        requests = list(server.requests)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert len(requests) == 1
    assert requests[0].headers["user-agent"] == USER_AGENT and "github.com" in USER_AGENT
    assert "authorization" not in requests[0].headers and fake.token not in json.dumps(requests[0].headers)


def test_b14_a_full_run_of_the_default_sources_requests_each_page_once(tmp_path):
    with FakeGitHub() as fake, FakeSources() as server:
        fake.add_repo(REPO, {})
        sources = _provider_routes(server)
        env = runner_env(tmp_path, fake, {"sources": "\n".join(sources.values()), "dry-run": "true", "category": "all",
                                         "max-age-days": "365"})  # fmt: skip
        result = run_entrypoint(env)
        requests = list(server.requests)
    assert "::warning" not in result.stdout, result.stdout
    paths = [request.path for request in requests]
    assert len(paths) == len(set(paths)), paths  # no page twice
    caps = {"arbeitnow": arbeitnow.MAX_PAGES, "himalayas": himalayas.MAX_PAGES, "jobicy": jobicy.MAX_PAGES}
    for name in sources:
        count = sum(path.split("?")[0] == "/" + ("wwr" if name == "weworkremotely" else name) for path in paths)
        assert 1 <= count <= caps.get(name, 1), (name, paths)
    for request in requests:
        assert request.headers["user-agent"] == USER_AGENT
        assert "authorization" not in request.headers and "cookie" not in request.headers
        assert fake.token not in json.dumps(request.headers) + request.path
