"""Stage 2, sources (jobs_action/sources/__init__.py): every source fetched once, in parallel, each failure one
source's outcome with a one-line reason (HOSTILE-CASES B2, B4, B6, B7, B12). Sources are fakes on 127.0.0.1;
waits go through a FakeClock."""

from __future__ import annotations

import gzip
import json
import socket
import time
import tracemalloc

import pytest
from fakes.sources import FIXTURES, FakeSources, Reply, json_reply
from helpers import client, closed_port

from jobs_action.sources import fetch_sources
from jobs_action.sources.http import HttpClient
from jobs_action.sources.spec import SourceSpec


def feed_body(*companies: str) -> bytes:
    jobs = [
        {"company": c, "title": "Backend Developer", "url": f"https://x.example/{c}", "posted_at": "2026-09-30"}
        for c in companies
    ]
    return json.dumps({"jobs": jobs}).encode()


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


BROKEN = [
    (Reply(200, b"<html><body>Down for maintenance</body></html>", content_type="text/html"),
     r"HTTP 200, text/html, 46 bytes"),
    (Reply(403, b"<!DOCTYPE html><title>Attention Required! | Cloudflare</title>", content_type="text/html"),
     r"HTTP 403, text/html, 62 bytes"),
    (Reply(200, b"", content_type="application/json"), r"HTTP 200, application/json, empty body"),
    (Reply(200, b'{"jobs": [{"company"', content_length=5000),
     r"broken mid-response after 2 attempts \(HTTP 200, application/json, 20 bytes"),
    (Reply(200, b'{"jobs": ["caf\xe9 \xff"]}'), r"not valid JSON .*HTTP 200, application/json, 20 bytes"),
    (Reply(200, b'{"ok":false}'), r'expected \{"jobs": \[...\]\}.*HTTP 200, application/json, 12 bytes'),
    (Reply(200, b"\x1f\x8b\x08\x00corrupt-deflate", headers={"Content-Encoding": "gzip"}),
     r"could not decompress the body .*HTTP 200, application/json"),
]  # fmt: skip


@pytest.mark.parametrize(("reply", "message"), BROKEN)
def test_b4_broken_answers_fail_the_source_with_status_type_and_size(server, clock, reply, message):
    server.route("/feed.json", reply)
    spec = SourceSpec("json", server.url("/feed.json"))
    (outcome,) = fetch_sources([spec], client(clock, retries=1), FIXTURES)
    assert not outcome.ok
    assert __import__("re").search(message, outcome.error), outcome.error
    assert "\n" not in outcome.error and "\r" not in outcome.error
    words = set(__import__("re").findall(r"[A-Za-z]{5,}", reply.body.decode("utf-8", "replace")))
    assert not {word for word in words - {"corrupt", "deflate"} if word in outcome.error}  # no body text quoted


def test_b4_a_hostile_body_is_quoted_as_one_inert_line(server, clock):
    body = b"ok\n::error::pwned\r::stop-commands::abcdefgh ##[add-mask]Engineer \x1b[2J \xe2\x80\xae"
    server.route("/feed.json", Reply(502, body, content_type="text/plain"))
    (outcome,) = fetch_sources([SourceSpec("json", server.url("/feed.json"))], client(clock, retries=0), FIXTURES)
    for bad in ("\n", "\r", "\x1b", "\u202e"):
        assert bad not in outcome.error
    assert outcome.error.startswith("HTTP 502, text/plain")


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


def test_b12_smartrecruiters_zero_postings_gives_a_note_naming_the_identifier(server, clock):
    server.route("/postings", json_reply({"offset": 0, "limit": 100, "totalFound": 0, "content": []}))
    spec = SourceSpec("smartrecruiters", server.url("/postings"))
    (outcome,) = fetch_sources([spec], client(clock), FIXTURES)
    assert outcome.ok and outcome.result.jobs == ()
    assert outcome.note.startswith("0 postings; check the company identifier") and spec.text in outcome.note


def test_a_family_of_sixteen_slow_sources_takes_as_long_as_one():
    """Sixteen sources that each answer after a second are read at once: the run waits for the slowest source,
    not for a queue of them."""
    with FakeSources() as server:
        specs = []
        for n in range(16):
            server.route(f"/feed{n}.json", Reply(body=feed_body(f"Company {n}"), delay=1.0))
            specs.append(SourceSpec("json", server.url(f"/feed{n}.json")))
        started = time.monotonic()
        outcomes = fetch_sources(specs, HttpClient(), FIXTURES)
        elapsed = time.monotonic() - started
    assert all(outcome.ok for outcome in outcomes)
    assert elapsed < 1.8, f"{elapsed:.2f} s: sources waited for each other"
