"""The one HTTP layer for job sources: timeouts, deadlines, bounded retries, a size cap, safe pagination.

No token, cookie or ``Authorization`` header is ever sent to a job source. Every answer is untrusted:

- one wall-clock deadline covers the whole exchange, connect, headers and body: a watchdog shuts the socket
  when it passes, so a server that sends its headers a byte at a time cannot hold the run;
- redirects are followed here, at most ``MAX_REDIRECTS``, to http(s) only, never from https to http, and never to
  a loopback, private, link-local or reserved address unless the configured URL's own host is that address;
- no body text of an answer reaches a message: status, content type and size say enough.
"""

from __future__ import annotations

import contextlib
import ipaddress
import random
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from jobs_action import __version__
from jobs_action.dates import retry_after_seconds
from jobs_action.errors import SourceError
from jobs_action.sources.decode import items_of, load_json
from jobs_action.text import clean_text

USER_AGENT = f"awesome-jobs-action/{__version__} (+https://github.com/marketplace/actions/awesome-jobs-action)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds; a hostile Retry-After never sleeps longer than this
READ_CHUNK = 64 * 1024
FORBIDDEN_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_T = TypeVar("_T")


# --- the watchdog: a deadline for the whole exchange -------------------------------------------------------

_OPEN = threading.local()  # the connections the current thread's request is using


class _WatchedHTTPConnection(urllib3.connection.HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(urllib3.connection.HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self)
        super().request(*args, **kwargs)


class _WatchedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class _WatchedAdapter(HTTPAdapter):
    """An adapter whose connections register with the calling thread, so its watchdog can cut them off."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def _watch(connection: urllib3.connection.HTTPConnection) -> None:
    watched = getattr(_OPEN, "connections", None)
    if watched is not None:
        watched.append(connection)


class _Watchdog:
    """Shuts every connection of one exchange when ``seconds`` pass; ``fired`` says whether it did."""

    def __init__(self, seconds: float) -> None:
        self.fired = False
        self._connections: list[urllib3.connection.HTTPConnection] = []
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        _OPEN.connections = self._connections
        self._timer.start()
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self._timer.cancel()
        _OPEN.connections = None

    def _fire(self) -> None:
        self.fired = True
        for connection in list(self._connections):
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


# --- redirects ------------------------------------------------------------------------------------------------


def redirect_problem(current: str, target: str, configured_host: str | None = None) -> str | None:
    """Why the redirect from ``current`` to ``target`` is not followed, or ``None`` when it may be.

    ``configured_host`` is the host of the URL the maintainer configured. A redirect may go to a loopback,
    private or link-local address only when the configured host is that kind of address itself (a mirror on the
    runner's own machine or network); a public feed never leads the action to an internal address.
    """
    try:
        parts = urlsplit(target)
        host = parts.hostname
        parts.port  # noqa: B018  (raises on a port that is no number)
    except ValueError:
        return "redirect to an invalid address"
    if parts.scheme not in ("http", "https") or not host:
        return "redirect to a non-http(s) address"
    if urlsplit(current).scheme == "https" and parts.scheme != "https":
        return "redirect from https to http"
    if host == configured_host:
        return None
    allowed = _kinds(configured_host) if configured_host else set()
    if not _kinds(host) <= allowed | {"public"}:
        return "redirect to a private address"
    return None


def _kinds(host: str) -> set[str]:
    """The kinds of address ``host`` is or resolves to: ``public``, ``loopback``, ``link-local`` or ``private``
    (every other non-global address: private ranges, reserved, multicast, unspecified)."""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return {"public"}  # unresolvable: the request itself fails, as "connection failed"
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    kinds = set()
    for address in addresses:
        if address.is_loopback:
            kinds.add("loopback")
        elif address.is_link_local:
            kinds.add("link-local")
        elif address.is_global and not address.is_multicast:
            kinds.add("public")
        else:
            kinds.add("private")
    return kinds


class BrokenBody(Exception):
    """The connection broke after the headers; the message describes what had arrived (retried like a reset)."""


@dataclass(frozen=True, slots=True)
class HttpResponse:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A point on the client's clock after which a source gets no more time (shared by all its requests)."""

    expires_at: float
    seconds: float

    def remaining(self, now: float) -> float:
        return self.expires_at - now


@dataclass
class HttpClient:
    """GETs with (connect, read) timeouts, deadlines, retries with backoff and a decompressed-size cap."""

    connect_timeout: float = 5.0
    read_timeout: float = 20.0
    deadline: float = 60.0  # seconds for one call, retries and waits included
    source_deadline: float = 120.0  # seconds for all the pages of one source (see start_deadline)
    run_budget: float = 300.0  # seconds for every source of the run together, from the client's creation
    max_bytes: int = 16 * 1024 * 1024
    retries: int = 2
    backoff: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self._run_end = self.clock() + self.run_budget
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})
        self.session.trust_env = False  # no proxy credentials or .netrc tokens reach a job source
        self.session.auth = None
        self.session.max_redirects = MAX_REDIRECTS
        for prefix in ("http://", "https://"):
            self.session.mount(prefix, _WatchedAdapter())

    def start_deadline(self) -> Deadline:
        """A deadline for one source's several requests, starting now, and never past the run's budget."""
        return self._capped(self.source_deadline)

    def get(self, url: str, *, headers: dict[str, str] | None = None, deadline: Deadline | None = None) -> HttpResponse:
        """GET ``url``; raise :class:`SourceError` on a failure that retries did not cure.

        A retryable status that is still failing after the last attempt is returned, so the caller can
        describe it. ``deadline`` (from :meth:`start_deadline`) caps this call together with earlier ones.
        """
        call = self._call_deadline(deadline)
        safe_headers = _without_credentials(headers)
        attempt = 0
        while True:
            detail = ""  # what had arrived when a body broke off
            if call.remaining(self.clock()) <= 0:
                raise SourceError(f"no answer within the {call.seconds:.0f} s deadline")
            try:
                response = self._get_once(url, safe_headers, call)
            except urllib3.exceptions.DecodeError:
                raise SourceError("could not decompress the body (corrupt gzip or deflate stream)") from None
            except BrokenBody as exc:
                reason, detail = "connection broken mid-response", f" ({exc})"
                wait = self._backoff(attempt)
            except (requests.ConnectionError, requests.Timeout, urllib3.exceptions.HTTPError) as exc:
                reason = _describe_exception(exc)
                wait = self._backoff(attempt)
            except (requests.RequestException, ValueError) as exc:  # an invalid URL, schema or header: not retried
                raise SourceError(f"request failed ({type(exc).__name__})") from None
            else:
                if response.status not in RETRY_STATUSES or attempt >= self.retries:
                    return response
                reason = f"HTTP {response.status}"
                wait = self._retry_wait(response, attempt)
            if attempt >= self.retries:
                raise SourceError(f"{reason} after {attempt + 1} attempts{detail}")
            if wait >= call.remaining(self.clock()):
                raise SourceError(f"{reason}; retrying would pass the {call.seconds:.0f} s deadline{detail}")
            self.sleep(wait)
            attempt += 1

    def _capped(self, seconds: float) -> Deadline:
        expires_at = self.clock() + seconds
        if expires_at > self._run_end:
            return Deadline(expires_at=self._run_end, seconds=self.run_budget)
        return Deadline(expires_at=expires_at, seconds=seconds)

    def _call_deadline(self, deadline: Deadline | None) -> Deadline:
        own = self._capped(self.deadline)
        if deadline is None or own.expires_at <= deadline.expires_at:
            return own
        return deadline

    def _get_once(self, url: str, headers: dict[str, str], call: Deadline) -> HttpResponse:
        """One exchange, following redirects (each checked by :func:`redirect_problem`) under one watchdog."""
        configured_host = urlsplit(url).hostname
        with _Watchdog(call.remaining(self.clock())) as watchdog:
            try:
                for _redirect in range(MAX_REDIRECTS + 1):
                    answer = self._exchange(url, headers, call)
                    if watchdog.fired:  # the socket was shut mid-headers: what arrived is not the answer
                        raise _cut_off(call)
                    location = answer.headers.get("location")
                    if answer.status not in REDIRECT_STATUSES or not location:
                        return answer
                    following = _joined(url, location)
                    problem = redirect_problem(url, following, configured_host)
                    if problem:
                        raise SourceError(f"{problem} (HTTP {answer.status})")
                    url = following
                raise SourceError(f"too many redirects (more than {MAX_REDIRECTS})")
            except (requests.RequestException, urllib3.exceptions.HTTPError, BrokenBody):
                if watchdog.fired:
                    raise _cut_off(call) from None
                raise

    def _exchange(self, url: str, headers: dict[str, str], call: Deadline) -> HttpResponse:
        remaining = max(call.remaining(self.clock()), 0.001)
        timeout = (min(self.connect_timeout, remaining), min(self.read_timeout, remaining))
        # The adapter directly: requests' own redirect machinery would parse a hostile Location before we can refuse it.
        prepared = self.session.prepare_request(requests.Request("GET", url, headers=headers))
        with self.session.get_adapter(url).send(prepared, stream=True, timeout=timeout) as response:
            chunks: list[bytes] = []
            answer = HttpResponse(
                response.url, response.status_code, {k.lower(): v for k, v in response.headers.items()}, b""
            )
            try:
                self._read_body(response, call, chunks)
            except urllib3.exceptions.DecodeError:
                encoding = clean_text(answer.headers.get("content-encoding"), 20) or "compressed"
                head = describe_response(answer).removesuffix(", empty body")
                raise SourceError(f"could not decompress the body (corrupt {encoding} stream; {head})") from None
            except urllib3.exceptions.ProtocolError as exc:
                raise BrokenBody(describe_response(replace(answer, content=b"".join(chunks)))) from exc
            return replace(answer, content=b"".join(chunks))

    def _read_body(self, response: requests.Response, call: Deadline, chunks: list[bytes]) -> None:
        """Read the decompressed body into ``chunks`` as it arrives (``read1`` returns what has arrived, so a slow
        drip is checked against the deadline between chunks; a broken connection leaves what came before)."""
        size = 0
        while chunk := response.raw.read1(READ_CHUNK, decode_content=True):
            size += len(chunk)
            if size > self.max_bytes:
                raise SourceError(f"response larger than {_size(self.max_bytes)} (decompressed)")
            if call.remaining(self.clock()) <= 0:
                raise SourceError(f"download did not finish within the {call.seconds:.0f} s deadline")
            chunks.append(chunk)

    def _retry_wait(self, response: HttpResponse, attempt: int) -> float:
        wait = retry_after_seconds(response.headers.get("retry-after"), self.now())
        return self._backoff(attempt) if wait is None else min(wait, MAX_RETRY_AFTER)

    def _backoff(self, attempt: int) -> float:
        growth: float = 2**attempt
        return self.backoff * growth * (1 + random.random() / 4)


def _cut_off(call: Deadline) -> SourceError:
    return SourceError(f"no complete answer within the {call.seconds:.0f} s deadline")


def _joined(current: str, location: str) -> str:
    try:
        return urljoin(current, location)
    except ValueError:
        return location  # redirect_problem names it invalid


def _size(count: int) -> str:
    return f"{count / (1024 * 1024):g} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def _without_credentials(headers: dict[str, str] | None) -> dict[str, str]:
    return {k: v for k, v in (headers or {}).items() if k.lower() not in FORBIDDEN_HEADERS}


def _describe_exception(exc: Exception) -> str:
    if isinstance(exc, requests.Timeout | urllib3.exceptions.TimeoutError):
        return "timed out"
    if isinstance(exc, urllib3.exceptions.ProtocolError):
        return "connection broken mid-response"
    return "connection failed"


# --- Describing failures (tests/data/HOSTILE-CASES.md, B4, B12) ---


def describe_response(response: HttpResponse) -> str:
    """``HTTP 503, text/html, 1,234 bytes``: status, content type and size. The body is never quoted: what an
    answer says (an internal host's, for one) must not reach a public log."""
    content_type = clean_text(response.content_type, 60) or "no content type"
    body = f"{len(response.content):,} bytes" if response.content else "empty body"
    return f"HTTP {response.status}, {content_type}, {body}"


def require_ok(response: HttpResponse, *, not_found: str = "") -> None:
    """Raise a clear :class:`SourceError` unless the status is 200; ``not_found`` explains a 404 or 410."""
    if response.status == 200:
        return
    if response.status in (404, 410) and not_found:
        raise SourceError(f"{not_found} (HTTP {response.status})")
    if response.status in (401, 403):
        raise SourceError(f"access refused ({describe_response(response)}); skipped for this run, not retried")
    raise SourceError(describe_response(response))


def board_not_found(spec_text: str, argument_name: str, where: str) -> str:
    """The 404 message of a company board: which spec, and where its slug comes from."""
    return f"{spec_text}: no such board; {argument_name} is {where}"


def parse_body(response: HttpResponse, parse: Callable[[bytes], _T]) -> _T:
    """``parse(response.content)``; a parse failure also names the status, content type and first bytes."""
    try:
        return parse(response.content)
    except SourceError as exc:
        raise SourceError(f"{exc} ({describe_response(response)})") from None


def get_ok(http: HttpClient, url: str, *, accept: str = "application/json", not_found: str = "") -> HttpResponse:
    """GET ``url`` and require a 200 (see :func:`require_ok`)."""
    response = http.get(url, headers={"Accept": accept})
    require_ok(response, not_found=not_found)
    return response


# --- Pagination (tests/data/HOSTILE-CASES.md, B10) ---

NextPage = Callable[[Any, str], "str | None"]


@dataclass
class Pages:
    """The payloads of a paginated fetch, and why it stopped."""

    payloads: list[Any] = field(default_factory=list)
    stopped: str = ""  # "last page", "page cap", "cycle" or "other host"
    restarted: bool = False


def fetch_pages(
    http: HttpClient,
    first_url: str,
    next_page: NextPage,
    *,
    max_pages: int,
    not_found: str = "",
    restart_on: frozenset[int] = frozenset(),
    pause: float = 0.0,
) -> Pages:
    """Fetch JSON pages from ``first_url``, following ``next_page(payload, url)`` until it returns ``None``.

    Guards: at most ``max_pages`` pages; a next URL already visited (a repeated URL or cursor) stops; a
    next URL on another host (``www.`` ignored) or a scheme downgrade stops; one deadline covers every page.
    A status in ``restart_on`` on a later page restarts once from ``first_url`` (Jobicy's expired cursor);
    ``pause`` seconds are slept between pages (polite sources). A failed page fails the whole source.
    """
    deadline = http.start_deadline()
    pages = Pages()
    visited: set[str] = set()
    url: str | None = first_url
    while url is not None:
        if len(pages.payloads) >= max_pages:
            pages.stopped = "page cap"
            break
        visited.add(url)
        if pages.payloads and pause:
            http.sleep(pause)
        response = http.get(url, headers={"Accept": "application/json"}, deadline=deadline)
        if response.status in restart_on and url != first_url and not pages.restarted:
            pages.restarted = True
            visited, url = set(), first_url
            continue
        require_ok(response, not_found=not_found)
        payload = parse_body(response, load_json)
        pages.payloads.append(payload)
        url, pages.stopped = _next_url(url, next_page(payload, url), visited)
    return pages


def fetch_cursor_items(
    http: HttpClient,
    first_url: str,
    *,
    key: str,
    max_pages: int,
    last_page: Callable[[Any], bool] = lambda payload: False,
    restart_on: frozenset[int] = frozenset(),
) -> list[Any]:
    """The items under ``key`` of pages linked by a ``nextCursor`` field (Himalayas, Jobicy): the next page is
    ``first_url`` with ``?cursor=`` set, until a page is empty, has no cursor or ``last_page`` says so."""

    def next_page(payload: Any, _url: str) -> str | None:
        cursor = payload.get("nextCursor")
        if not items_of(payload, key) or last_page(payload) or not isinstance(cursor, str) or not cursor:
            return None
        return with_query(first_url, cursor=cursor)

    pages = fetch_pages(http, first_url, next_page, max_pages=max_pages, restart_on=restart_on)
    return [item for payload in pages.payloads for item in items_of(payload, key)]


def _next_url(current: str, following: str | None, visited: set[str]) -> tuple[str | None, str]:
    if following is None:
        return None, "last page"
    following = urljoin(current, following)
    if following in visited:
        return None, "cycle"
    if not same_site(current, following):
        return None, "other host"
    return following, ""


def same_site(current: str, following: str) -> bool:
    """True when ``following`` stays on ``current``'s host (``www.`` ignored) and does not leave https."""
    a, b = urlsplit(current), urlsplit(following)
    if b.scheme not in ("http", "https") or (a.scheme == "https" and b.scheme != "https"):
        return False
    return _bare_host(a.hostname) == _bare_host(b.hostname) and a.port == b.port


def _bare_host(host: str | None) -> str:
    host = (host or "").lower()
    return host.removeprefix("www.")


def with_query(url: str, **params: object) -> str:
    """``url`` with ``params`` set in its query (replacing any value of the same name)."""
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query = urlencode([*kept, *((k, str(v)) for k, v in params.items())])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
