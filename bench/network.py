"""Network shape: sources fetched in parallel, and the requests a run makes, counted by the fake servers.

Parallel fetch: six loopback sources that each answer after one second, read with ``fetch_sources``.

Request counts: ``entrypoint.py`` with a runner's environment against ``tests/fakes`` (FakeSources,
FakeGitHub): six sources (five normalized feeds and an Arbeitnow source of two pages), N lists over N
repositories, run twice with the same jobs. When ``action.yml`` has a ``config`` input, the N lists come from a
generated lists file; otherwise one list is written to N repositories (``repositories`` input).
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from corpus import FeedGenerator, load_seeds  # noqa: E402
from fakes.github import FakeGitHub  # noqa: E402
from fakes.sources import FIXTURES, FakeSources, Reply, json_reply  # noqa: E402
from runner import run_entrypoint, runner_env  # noqa: E402
from throughput import FAMILY  # noqa: E402

from jobs_action.sources import fetch_sources  # noqa: E402
from jobs_action.sources.http import HttpClient  # noqa: E402
from jobs_action.sources.spec import SourceSpec  # noqa: E402

OWNER = "acme"
FEEDS = 5
JOBS_PER_RUN = 600


@dataclass(frozen=True)
class Parallel:
    sources: int
    delay: float
    ok: int
    wall: float


def parallel_fetch(count: int = 6, delay: float = 1.0) -> Parallel:
    feed = {"jobs": [{"company": "Acme", "title": "Backend Developer", "url": "https://x.example/1", "posted_at": 1}]}
    with FakeSources() as server:
        specs = []
        for number in range(count):
            path = f"/feed{number}.json"
            server.route(path, Reply(body=json.dumps(feed).encode(), delay=delay))
            specs.append(SourceSpec("json", server.url(path)))
        started = time.perf_counter()
        outcomes = fetch_sources(specs, HttpClient(), ROOT)
        wall = time.perf_counter() - started
    return Parallel(count, delay, sum(outcome.ok for outcome in outcomes), wall)


@dataclass(frozen=True)
class RunCounts:
    source_requests: int
    queries: int
    mutations: int
    rest: int
    wall: float
    exit_code: int
    statuses: tuple[str, ...]
    problem: str = ""  # the last line the action printed, when it wrote no report


@dataclass(frozen=True)
class Shape:
    lists: int
    repositories: int
    sources: int
    source_pages: int  # requests one run should make to the sources: one per source and page
    first: RunCounts
    second: RunCounts


def uses_lists_file() -> bool:
    """Whether ``action.yml`` has the ``config`` input (the lists file); else N repositories of one list."""
    return re.search(r"(?m)^  config:", (ROOT / "action.yml").read_text(encoding="utf-8")) is not None


def request_shape(count: int) -> Shape:
    """``count`` lists over ``count`` repositories (or one list over ``count``), run twice with the same jobs."""
    now = datetime.now(UTC)
    with FakeGitHub() as fake, FakeSources() as server, tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp)
        sources = _serve_sources(server, now)
        repositories = [f"{OWNER}/jobs-list-{number}" for number in range(1, count + 1)]
        for repository in repositories:
            fake.add_repo(repository, {"LICENSE": "MIT"})
        env = runner_env(workspace, fake, _inputs(workspace, sources, repositories), repository=f"{OWNER}/lists")
        env["GITHUB_EVENT_NAME"] = "workflow_dispatch"
        first = _run(env, fake, server)
        second = _run(env, fake, server)
    lists = count if uses_lists_file() else 1
    return Shape(lists, count, len(sources), len(sources) + 1, first, second)


def _inputs(workspace: Path, sources: list[str], repositories: list[str]) -> dict[str, str]:
    if not uses_lists_file():
        return {"sources": "\n".join(sources), "repositories": "\n".join(repositories), "category": "all"}
    document = {
        "defaults": {"sources": sources, "max-age-days": 15, "max-jobs": 50},
        "lists": [
            {**FAMILY[number % len(FAMILY)], "repository": repository}
            | ({"name": f"list-{number}"} if number >= len(FAMILY) else {})
            for number, repository in enumerate(repositories)
        ],
    }
    path = workspace / ".github" / "awesome-jobs.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return {"config": ".github/awesome-jobs.yml"}


def _serve_sources(server: FakeSources, now: datetime) -> list[str]:
    """Five normalized feeds of generated jobs and a two-page Arbeitnow source; returns the source specs."""
    feeds = FeedGenerator(load_seeds(), now).feeds(JOBS_PER_RUN, FEEDS)
    specs = []
    for number, content in enumerate(feeds):
        server.route(f"/feed{number}.json", Reply(body=content))
        specs.append(f"json:{server.url(f'/feed{number}.json')}")
    page = json.loads((FIXTURES / "arbeitnow.json").read_bytes())
    for item in page["data"]:
        item["created_at"] = int(now.timestamp()) - 3600
    first = {**page, "links": {**page["links"], "next": server.url("/arbeitnow?page=2")}}
    last = {**page, "data": page["data"][:1], "links": {**page["links"], "next": None}}
    server.route("/arbeitnow?page=2", json_reply(last))
    server.route("/arbeitnow", json_reply(first))
    specs.append(f"arbeitnow:{server.url('/arbeitnow')}")
    return specs


def _run(env: dict[str, str], fake: FakeGitHub, server: FakeSources) -> RunCounts:
    fake.clear_requests()
    before = len(server.requests)
    started = time.perf_counter()
    result = run_entrypoint(env, timeout=300)
    wall = time.perf_counter() - started
    return RunCounts(
        source_requests=len(server.requests) - before,
        queries=fake.count("query"),
        mutations=fake.count("mutation"),
        rest=fake.count("rest"),
        wall=wall,
        exit_code=result.returncode,
        statuses=tuple(sorted({report["status"] for report in result.report})),
        problem="" if result.outputs.get("report") else _last_line(result.stderr or result.stdout),
    )


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"
