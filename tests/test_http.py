"""The shared HTTP layer against a fake source on 127.0.0.1: retries, Retry-After, caps, deadlines, paging."""

from __future__ import annotations

import contextlib
import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime

import pytest
from fake_clock import FakeClock
from fakes.sources import FakeSources, Reply, json_reply
from helpers import HTTP_NOW as NOW
from helpers import client, closed_port

from jobs_action.errors import SourceError
from jobs_action.sources.http import (
    MAX_RETRY_AFTER,
    USER_AGENT,
    HttpClient,
    describe_response,
    fetch_pages,
    retry_after_seconds,
    same_site,
    with_query,
)

# --- Retry-After parsing (HOSTILE-CASES B11) ---


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("120, 120", 120.0),  # a repeated header arrives joined
        (format_datetime(NOW + timedelta(seconds=30), usegmt=True), 30.0),
        (format_datetime(NOW - timedelta(hours=1), usegmt=True), 0.0),  # a past date: no wait
        ("Thu, 01 Oct 2026 12:00:45 GMT, Thu, 01 Oct 2026 12:00:45 GMT", 45.0),  # a repeated date
        ("soon", None),
        ("-5", None),
        ("1.5", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_is_seconds_or_http_date_and_garbage_is_none(header, seconds):
    assert retry_after_seconds(header, NOW) == seconds


# --- Retries ---


def test_503_with_retry_after_is_retried_after_the_stated_wait(server, clock):
    server.route("/jobs", Reply(503, b"busy", headers={"Retry-After": "7"}), json_reply({"jobs": []}))
    response = client(clock).get(server.url("/jobs"))
    assert response.status == 200
    assert clock.sleeps == [7.0]
    assert len(server.requests_to("/jobs")) == 2


def test_429_with_http_date_waits_until_that_date(server, clock):
    later = format_datetime(NOW + timedelta(seconds=12), usegmt=True)
    server.route("/jobs", Reply(429, headers={"Retry-After": later}), json_reply([]))
    assert client(clock).get(server.url("/jobs")).status == 200
    assert clock.sleeps == [12.0]


def test_huge_retry_after_is_clamped(server, clock):
    server.route("/jobs", Reply(503, headers={"Retry-After": "21600"}), json_reply([]))
    assert client(clock, deadline=600).get(server.url("/jobs")).status == 200
    assert clock.sleeps == [MAX_RETRY_AFTER]


def test_retry_after_past_the_deadline_gives_up_without_sleeping(server, clock):
    server.route("/jobs", Reply(503, headers={"Retry-After": "21600"}))
    with pytest.raises(SourceError, match="deadline"):
        client(clock, deadline=30).get(server.url("/jobs"))
    assert clock.sleeps == []


def test_garbage_retry_after_falls_back_to_exponential_backoff(server, clock):
    server.route("/jobs", Reply(503, headers={"Retry-After": "soon"}))
    response = client(clock, retries=2).get(server.url("/jobs"))
    assert response.status == 503  # still failing after the last attempt: returned for the caller to describe
    assert len(clock.sleeps) == 2
    assert 1.0 <= clock.sleeps[0] <= 1.25 and 2.0 <= clock.sleeps[1] <= 2.5
    assert len(server.requests_to("/jobs")) == 3


@pytest.mark.parametrize("status", [404, 410, 401, 403, 400])
def test_client_errors_are_not_retried(server, clock, status):
    server.route("/jobs", Reply(status, b"no"))
    assert client(clock).get(server.url("/jobs")).status == status
    assert clock.sleeps == []
    assert len(server.requests_to("/jobs")) == 1


def test_refused_connection_is_retried_with_backoff_then_fails(clock):
    with pytest.raises(SourceError, match="connection failed after 3 attempts"):
        client(clock, retries=2).get(f"http://127.0.0.1:{closed_port()}/jobs")
    assert len(clock.sleeps) == 2


def test_body_shorter_than_its_content_length_is_a_failure(server, clock):
    server.route("/jobs", Reply(body=b'{"jobs": [', content_length=5000))
    with pytest.raises(SourceError, match="broken mid-response after 2 attempts"):
        client(clock, retries=1).get(server.url("/jobs"))


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


# --- Size cap (B6) ---


def test_body_over_the_cap_fails(server, clock):
    server.route("/big", Reply(body=b"x" * 50_000))
    with pytest.raises(SourceError, match="larger than 10000 bytes"):
        client(clock, max_bytes=10_000).get(server.url("/big"))


def test_gzip_bomb_is_capped_on_decompressed_bytes(server, clock):
    bomb = b"\0" * (20 * 1024 * 1024)
    server.route("/bomb", Reply(body=bomb, gzip=True))
    with pytest.raises(SourceError, match="larger than 1 MiB"):
        client(clock, max_bytes=1024 * 1024).get(server.url("/bomb"))


def test_gzip_body_is_decompressed(server, clock):
    server.route("/gz", Reply(body=b'{"jobs": []}', gzip=True))
    assert client(clock).get(server.url("/gz")).content == b'{"jobs": []}'


def test_corrupt_gzip_is_a_failure_without_retry(server, clock):
    server.route("/gz", Reply(body=b"\x1f\x8b\x08\x00garbage-not-deflate", headers={"Content-Encoding": "gzip"}))
    with pytest.raises(SourceError, match="could not decompress"):
        client(clock).get(server.url("/gz"))
    assert len(server.requests_to("/gz")) == 1


# --- Timeouts and deadlines (B7) ---


def test_slow_drip_body_is_cut_by_the_deadline():
    with FakeSources() as server:
        server.route("/drip", Reply(body=b"x" * 400, drip=0.01))
        started = time.monotonic()
        with pytest.raises(SourceError, match="deadline"):
            HttpClient(deadline=0.3, retries=0).get(server.url("/drip"))
        assert time.monotonic() - started < 1.0


def test_silence_after_headers_hits_the_read_timeout():
    with FakeSources() as server:
        server.route("/stall", Reply(body=b"[]", stall_after_headers=True))
        started = time.monotonic()
        with pytest.raises(SourceError, match="timed out after 1 attempts"):
            HttpClient(read_timeout=0.2, retries=0).get(server.url("/stall"))
        assert time.monotonic() - started < 1.0


def test_a_server_that_never_answers_hits_the_read_timeout():
    with FakeSources() as server:
        server.route("/hang", Reply(hang=True))
        with pytest.raises(SourceError, match="timed out"):
            HttpClient(read_timeout=0.2, retries=0).get(server.url("/hang"))


def test_one_deadline_covers_all_pages_of_a_source(server, clock):
    server.route("/p", json_reply({"next": "/p2"}))
    server.route("/p2", json_reply({"next": "/p3"}))
    server.route("/p3", json_reply({"next": "/p4"}))
    server.route("/p4", json_reply({"next": None}))
    http = client(clock, source_deadline=25)
    with pytest.raises(SourceError, match="25 s deadline"):
        fetch_pages(http, server.url("/p"), lambda payload, _url: payload["next"], max_pages=10, pause=10)
    assert [r.path for r in server.requests] == ["/p", "/p2", "/p3"]


def test_b7_every_request_has_connect_and_read_timeouts_and_the_run_is_bounded(server):
    http = HttpClient()
    assert 0 < http.connect_timeout <= 10 and 0 < http.read_timeout <= 30
    assert http.deadline <= http.source_deadline <= 300  # a source never holds the run for 5 minutes
    seen = []
    adapter = http.session.get_adapter("http://")
    real_send = adapter.send

    def recording_send(request, **kwargs):
        seen.append(kwargs.get("timeout"))
        return real_send(request, **kwargs)

    adapter.send = recording_send  # type: ignore[method-assign]
    server.route("/a", Reply(body=b"[]"))
    http.get(server.url("/a"))
    assert len(seen) == 1 and isinstance(seen[0], tuple) and all(0 < part <= 30 for part in seen[0])


# --- Headers and charsets (B9, B14, D3) ---


def test_no_authorization_or_cookie_reaches_a_source_and_the_user_agent_is_descriptive(server, clock, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_secret")
    monkeypatch.setenv("NETRC", "/nonexistent")
    server.route("/jobs", json_reply([]))
    http = client(clock)
    http.get(server.url("/jobs"), headers={"Authorization": "token ghs_secret", "Cookie": "a=b", "X-Ok": "1"})
    (request,) = server.requests
    assert "authorization" not in request.headers and "cookie" not in request.headers
    assert request.headers["x-ok"] == "1"
    assert request.headers["user-agent"] == USER_AGENT
    assert "ghs_secret" not in json.dumps(request.headers)


def test_redirect_keeps_credentials_out(server, clock):
    server.route("/old", Reply(301, headers={"Location": server.url("/new", host="localhost")}))
    server.route("/new", json_reply([]))
    response = client(clock).get(server.url("/old"), headers={"Authorization": "Bearer x"})
    assert response.status == 200 and response.url.endswith("/new")
    assert all("authorization" not in r.headers for r in server.requests)


@pytest.mark.parametrize(
    "content_type", ["text/plain", "text/html", "text/plain; charset=iso-8859-1", "application/json"]
)
def test_utf8_json_decodes_whatever_the_content_type_claims(server, clock, content_type):
    from jobs_action.sources import remotive

    payload = {"jobs": [_remotive_job(company="Café 📍")]}
    server.route("/api", Reply(body=json.dumps(payload, ensure_ascii=False).encode(), content_type=content_type))
    result = remotive.fetch(client(clock), _spec("remotive", server.url("/api")))
    assert result.jobs[0].company == "Café 📍"


def test_utf8_bom_before_json_is_accepted(server, clock):
    from jobs_action.sources import remotive

    body = b"\xef\xbb\xbf" + json.dumps({"jobs": [_remotive_job(company="Café 📍")]}).encode()
    server.route("/api", Reply(body=body, content_type="text/plain"))
    assert remotive.fetch(client(clock), _spec("remotive", server.url("/api"))).jobs[0].company == "Café 📍"


# --- Failure descriptions (B4) ---


def test_failure_description_names_status_type_and_size_never_the_body():
    from jobs_action.sources.http import HttpResponse

    body = "<html>\n\u202eMaintenance\x00 ".encode() + b"y" * 5000
    text = describe_response(HttpResponse("u", 503, {"content-type": "text/html\n::error::x"}, body))
    assert text == f"HTTP 503, text/html ::error::x, {len(body):,} bytes"
    assert "Maintenance" not in text and "\n" not in text and "\u202e" not in text and "\x00" not in text


def test_empty_body_is_described_as_such():
    from jobs_action.sources.http import HttpResponse

    assert describe_response(HttpResponse("u", 200, {}, b"")) == "HTTP 200, no content type, empty body"


# --- Pagination (B10) ---


def _next(payload, _url):
    return payload.get("next")


def test_pages_are_followed_until_there_is_no_next(server, clock):
    server.route("/a", json_reply({"next": "/b"}))
    server.route("/b", json_reply({"next": None}))
    pages = fetch_pages(client(clock), server.url("/a"), _next, max_pages=5)
    assert len(pages.payloads) == 2 and pages.stopped == "last page"


def test_a_next_link_to_itself_stops_as_a_cycle(server, clock):
    server.route("/a", json_reply({"next": "/a"}))
    pages = fetch_pages(client(clock), server.url("/a"), _next, max_pages=5)
    assert len(pages.payloads) == 1 and pages.stopped == "cycle"


def test_an_a_b_a_cycle_stops(server, clock):
    server.route("/a", json_reply({"next": "/b"}))
    server.route("/b", json_reply({"next": server.url("/a")}))
    pages = fetch_pages(client(clock), server.url("/a"), _next, max_pages=5)
    assert len(pages.payloads) == 2 and pages.stopped == "cycle"
    assert len(server.requests) == 2


def test_endless_pages_stop_at_the_cap(server, clock):
    server.route("/p", json_reply({}))  # any query
    pages = fetch_pages(
        client(clock), server.url("/p?n=0"), lambda _p, url: with_query(url, n=int(url[-1]) + 1), max_pages=4
    )
    assert len(pages.payloads) == 4 and pages.stopped == "page cap"
    assert len(server.requests) == 4


def test_a_next_link_to_another_host_is_not_followed(server, clock):
    server.route("/a", json_reply({"next": server.url("/b", host="localhost")}))
    pages = fetch_pages(client(clock), server.url("/a"), _next, max_pages=5)
    assert pages.stopped == "other host" and len(server.requests) == 1


def test_same_site_ignores_www_and_refuses_downgrades():
    assert same_site("https://www.arbeitnow.com/api?page=1", "https://arbeitnow.com/api?page=2")
    assert not same_site("https://arbeitnow.com/api", "http://arbeitnow.com/api?page=2")
    assert not same_site("https://arbeitnow.com/api", "https://evil.example/api")
    assert not same_site("https://arbeitnow.com/api", "javascript:alert(1)")


def test_a_restart_status_restarts_once_from_the_first_page(server, clock):
    server.route("/feed", json_reply({"next": "/feed?cursor=x"}))
    server.route("/feed?cursor=x", Reply(400, b'{"error": "Cursor expired"}'), json_reply({"next": None}))
    pages = fetch_pages(client(clock), server.url("/feed"), _next, max_pages=5, restart_on=frozenset({400}))
    assert pages.restarted and len(pages.payloads) == 3
    assert [r.path for r in server.requests] == ["/feed", "/feed?cursor=x", "/feed", "/feed?cursor=x"]


def test_a_second_restart_status_fails(server, clock):
    server.route("/feed", json_reply({"next": "/feed?cursor=x"}))
    server.route("/feed?cursor=x", Reply(400, b"Cursor expired", content_type="text/plain"))
    with pytest.raises(SourceError, match="HTTP 400, text/plain, 14 bytes"):
        fetch_pages(client(clock), server.url("/feed"), _next, max_pages=5, restart_on=frozenset({400}))


def test_with_query_replaces_and_keeps_parameters():
    assert with_query("https://h/api?limit=20&cursor=a", cursor="b") == "https://h/api?limit=20&cursor=b"
    assert with_query("https://h/api", offset=100) == "https://h/api?offset=100"


# --- helpers ---


def _spec(kind: str, argument: str = ""):
    from jobs_action.sources.spec import SourceSpec

    return SourceSpec(kind, argument)


def _remotive_job(**fields):
    job = {
        "id": 1,
        "url": "https://remotive.com/remote-jobs/x/y-1",
        "title": "Engineer",
        "company_name": "Acme",
        "category": "Software Development",
        "tags": [],
        "publication_date": "2026-09-21T12:55:11",
        "candidate_required_location": "Worldwide",
        "salary": "",
    }
    return {**job, **{"company_name" if k == "company" else k: v for k, v in fields.items()}}
