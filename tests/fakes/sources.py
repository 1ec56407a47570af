"""A fake job source on 127.0.0.1: serves given bytes per path and records every request with its headers.

Faults are part of a ``Reply``: any status and headers (``Retry-After``, ``Location``), a delay before the
answer, a hang that never answers, a body dripped slowly, a gzip-compressed body, a ``Content-Length`` that
lies. Replies for a path are served in order; the last one repeats.

    with FakeSources() as server:
        server.route("/api", Reply(503, headers={"Retry-After": "7"}), Reply(body=b"[]"))
        http.get(server.url("/api"))
        assert len(server.requests_to("/api")) == 2
"""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "sources"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json"
    delay: float = 0.0  # seconds before the status line
    hang: bool = False  # accept the request and never answer (until the server stops)
    stall_after_headers: bool = False  # send the headers, then nothing
    drip: float = 0.0  # seconds between body chunks of ``drip_size`` bytes
    drip_size: int = 1
    gzip: bool = False  # compress the body and say Content-Encoding: gzip
    content_length: int | None = None  # a lie: announce this length instead of the real one
    header_drip: float = 0.0  # seconds between the bytes of the status line and headers (a slow-headers attack)


def json_reply(payload: Any, **options: Any) -> Reply:
    return Reply(body=json.dumps(payload).encode("utf-8"), **options)


def fixture_reply(name: str, **options: Any) -> Reply:
    content_type = "application/rss+xml" if name.endswith(".xml") else "application/json"
    return Reply(body=(FIXTURES / name).read_bytes(), **{"content_type": content_type, **options})


@dataclass
class RecordedRequest:
    path: str  # with the query string
    headers: dict[str, str]  # names lower-cased
    arrived: float = 0.0  # time.monotonic() when the request line was read
    answered: float | None = None  # when the whole answer was written (None: never, a hang or a stall)


class _Server(ThreadingHTTPServer):
    # Room for every connection of a run at once: with the default backlog of 5, the kernel drops the SYNs of the
    # sixth and later sources fetched together, and each of them waits a second for the retransmit.
    request_queue_size = 128


class FakeSources:
    """A ThreadingHTTPServer on 127.0.0.1, port 0. Unknown paths answer 404 ``Not Found`` (text/plain)."""

    def __init__(self) -> None:
        self._routes: dict[str, list[Reply]] = {}
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self._server = _Server(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    # -- set up ---------------------------------------------------------------------------------------------

    def route(self, path: str, *replies: Reply) -> FakeSources:
        """Serve ``replies`` in order at ``path`` (an exact path with query, or a path matching any query)."""
        with self._lock:
            self._routes[path] = list(replies)
            self._served[path] = 0
        return self

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def requests_to(self, path: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path == path or r.path.split("?")[0] == path]

    def __enter__(self) -> FakeSources:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    # -- serving --------------------------------------------------------------------------------------------

    def _next_reply(self, path: str) -> Reply | None:
        with self._lock:
            key = path if path in self._routes else path.split("?")[0]
            replies = self._routes.get(key)
            if not replies:
                return None
            index = min(self._served[key], len(replies) - 1)
            self._served[key] += 1
            return replies[index]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                headers = {k.lower(): v for k, v in self.headers.items()}
                record = RecordedRequest(self.path, headers, arrived=time.monotonic())
                fake.requests.append(record)
                reply = fake._next_reply(self.path) or Reply(404, b"Not Found", content_type="text/plain")
                if fake._answer(self, reply):
                    record.answered = time.monotonic()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def _answer(self, handler: BaseHTTPRequestHandler, reply: Reply) -> bool:
        """Send ``reply``; whether it was sent whole (not a hang, a stall or a dripped head)."""
        if reply.hang:
            self._stopping.wait(10)
            return False
        if reply.delay:
            time.sleep(reply.delay)
        body = gzip.compress(reply.body) if reply.gzip else reply.body
        if reply.header_drip:
            self._drip_headers(handler, reply, body)
            return False
        handler.send_response(reply.status)
        handler.send_header("Content-Type", reply.content_type)
        handler.send_header("Content-Length", str(reply.content_length or len(body)))
        if reply.gzip:
            handler.send_header("Content-Encoding", "gzip")
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        handler.send_header("Connection", "close")
        handler.end_headers()
        if reply.stall_after_headers:
            handler.wfile.flush()
            self._stopping.wait(10)
            return False
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a cap, a deadline)
            self._write_body(handler, body, reply)
        handler.close_connection = True
        return True

    def _drip_headers(self, handler: BaseHTTPRequestHandler, reply: Reply, body: bytes) -> None:
        head = f"HTTP/1.1 {reply.status} OK\r\nContent-Type: {reply.content_type}\r\n"
        head += "".join(f"X-Padding-{n}: {'x' * 20}\r\n" for n in range(200))  # headers that never end soon
        head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            for byte in head.encode("ascii"):
                if self._stopping.is_set():
                    return
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(reply.header_drip)
            handler.wfile.write(body)
        handler.close_connection = True

    def _write_body(self, handler: BaseHTTPRequestHandler, body: bytes, reply: Reply) -> None:
        if not reply.drip:
            handler.wfile.write(body)
            return
        for start in range(0, len(body), reply.drip_size):
            if self._stopping.is_set():
                return
            handler.wfile.write(body[start : start + reply.drip_size])
            handler.wfile.flush()
            time.sleep(reply.drip)
