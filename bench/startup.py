"""Start-up: from process start to the first HTTP request of a real ``entrypoint.py`` run.

The run gets a runner's environment (``tests/runner.py``): ``INPUT_SOURCES`` names a feed on a loopback server
started here, which notes when the first request arrives; the GitHub URLs point at the fake GitHub; dry-run.
The clock is ``time.perf_counter`` (CLOCK_MONOTONIC on Linux: one clock for every process). The baseline is
the whole life of ``python -c "import requests"``, measured in the same run. Medians of several runs each.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.github import FakeGitHub  # noqa: E402
from runner import example_feed, runner_env  # noqa: E402

REPOSITORY = "acme/awesome-backend-jobs"
TARGET_EXTRA = 0.3  # seconds over the baseline


class FirstRequestServer:
    """A loopback HTTP server answering every GET with one feed; ``arrivals`` holds perf_counter times."""

    def __init__(self, body: bytes) -> None:
        self.arrivals: list[float] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.arrivals.append(time.perf_counter())
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def __enter__(self) -> FirstRequestServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()


# The runs measured: inputs besides ``sources`` and ``dry-run``.
VARIANTS: dict[str, dict[str, str]] = {
    "category: backend": {},
    "category: all, location: India": {"category": "all", "location": "India"},
}


@dataclass(frozen=True)
class Startup:
    runs: int
    to_first_request: dict[str, float]  # median seconds of entrypoint.py, by variant
    import_requests: float  # median seconds, python -c "import requests" (whole process)
    bare_python: float  # median seconds, python -c pass (whole process), for context
    exit_codes: tuple[int, ...]

    def extra(self, variant: str) -> float:
        return self.to_first_request[variant] - self.import_requests

    def met(self, variant: str) -> bool:
        return self.extra(variant) < TARGET_EXTRA


def time_to_first_request(
    workspace: Path, fake: FakeGitHub, server: FirstRequestServer, inputs: dict[str, str]
) -> tuple[float, int]:
    inputs = {"sources": f"json:{server.url('/jobs.json')}", "dry-run": "true", **inputs}
    env = runner_env(workspace, fake, inputs, REPOSITORY)
    for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
        Path(env[name]).write_text("", encoding="utf-8")
    server.arrivals.clear()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "entrypoint.py")],
        env=env,
        cwd=workspace,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    code = process.wait(timeout=120)
    if not server.arrivals:
        raise RuntimeError(f"entrypoint.py exited with {code} before any request reached the source")
    return server.arrivals[0] - started, code


def time_process(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - started


def measure(runs: int) -> Startup:
    firsts: dict[str, list[float]] = {variant: [] for variant in VARIANTS}
    codes: list[int] = []
    imports: list[float] = []
    bare: list[float] = []
    body = json.dumps(example_feed()).encode()
    with tempfile.TemporaryDirectory() as tmp, FakeGitHub() as fake, FirstRequestServer(body) as server:
        fake.add_repo(REPOSITORY, {})
        time_process("import requests")  # one untimed run of each fills the page cache
        time_to_first_request(Path(tmp), fake, server, {})
        for _ in range(runs):  # interleaved, so that a busy moment hits every kind of run
            for variant, inputs in VARIANTS.items():
                first, code = time_to_first_request(Path(tmp), fake, server, inputs)
                firsts[variant].append(first)
                codes.append(code)
            imports.append(time_process("import requests"))
            bare.append(time_process("pass"))
    return Startup(
        runs=runs,
        to_first_request={variant: statistics.median(times) for variant, times in firsts.items()},
        import_requests=statistics.median(imports),
        bare_python=statistics.median(bare),
        exit_codes=tuple(codes),
    )


def import_profile(limit: int = 10) -> list[tuple[float, str]]:
    """The dearest packages that ``import jobs_action.main`` loads (``python -X importtime``, cumulative), and
    the import of ``jobs_action.main`` itself."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import jobs_action.main"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = []
    for line in completed.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].strip()
            if "." not in name and name != "jobs_action":  # top-level packages, counted where first imported
                rows.append((int(parts[1]) / 1e6, name))
        if len(parts) == 3 and parts[2].strip() == "jobs_action.main":
            rows.append((int(parts[1]) / 1e6, "jobs_action.main (all of it)"))
    return sorted(rows, reverse=True)[:limit]
