"""Benchmark: six sources that each answer after one second are fetched in about one second (in parallel).

Run from the repository root: ``.venv/bin/python bench/fetch_parallel.py``. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.sources import FakeSources, Reply  # noqa: E402

from jobs_action.sources import fetch_sources  # noqa: E402
from jobs_action.sources.http import HttpClient  # noqa: E402
from jobs_action.sources.spec import SourceSpec  # noqa: E402

DELAY = 1.0
FEED = {
    "jobs": [
        {
            "company": "Acme",
            "title": "Backend Developer",
            "url": "https://x.example/1",
            "posted_at": "2026-11-27T10:00:00Z",
        }
    ]
}


def main() -> None:
    with FakeSources() as server:
        specs = []
        for number in range(6):
            path = f"/feed{number}.json"
            server.route(path, Reply(body=json.dumps(FEED).encode(), delay=DELAY))
            specs.append(SourceSpec("json", server.url(path)))
        started = time.perf_counter()
        outcomes = fetch_sources(specs, HttpClient(), ROOT)
        elapsed = time.perf_counter() - started
    ok = sum(outcome.ok for outcome in outcomes)
    print("| sources | each answers after | sources read | wall time | serial would take |")
    print("|---|---|---|---|---|")
    print(f"| {len(specs)} | {DELAY:.1f} s | {ok} | {elapsed:.2f} s | {len(specs) * DELAY:.1f} s |")


if __name__ == "__main__":
    main()
