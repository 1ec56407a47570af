"""Network shape: sources fetched in parallel, the requests a run makes, and a family run against its floor.

Parallel fetch: six loopback sources that each answer after one second, read with ``fetch_sources``.

Request counts: ``entrypoint.py`` with a runner's environment against ``tests/fakes`` (FakeSources,
FakeGitHub): six sources (five normalized feeds and an Arbeitnow source of two pages), N lists over N
repositories, run twice with the same jobs. When ``action.yml`` has a ``config`` input, the N lists come from a
generated lists file; otherwise one list is written to N repositories (``repositories`` input).

Family run (``family_run``): the seven-list family of ``bench/throughput.py`` over twelve sources, each provider
answering on loopback with its recorded payload from ``tests/data/sources`` after a delay between 0.2 and 1.5 s,
and the fake GitHub keeping GitHub's one-second spacing between writes (a write sooner gets the secondary rate
limit). ``entrypoint.py`` runs as the runner starts it, in its own process, so start-up is included. The floor is
what no implementation can avoid: the slowest source, one GraphQL read of every target, and the writes one second
apart (each as long as one commit takes on the fake).
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench"), str(ROOT / "tests")]

from corpus import FeedGenerator, load_seeds  # noqa: E402
from fakes.github import FakeGitHub  # noqa: E402
from fakes.sources import FIXTURES, FakeSources, Reply, json_reply  # noqa: E402
from runner import read_outputs, run_entrypoint, runner_env  # noqa: E402
from throughput import FAMILY  # noqa: E402

from jobs_action.config.settings import Target  # noqa: E402
from jobs_action.publish.github import WRITE_SPACING, GitHubPublisher  # noqa: E402
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


# --- a family run against its floor ------------------------------------------------------------------------------

FAMILY_MAX_AGE = 365  # the recorded payloads are months old: the lists reach back far enough to show them
FAMILY_DELAYS = (0.2, 1.5)  # the fastest and the slowest source, seconds; the others spread between


@dataclass(frozen=True)
class FamilySource:
    """One provider on loopback: its spec, and the routes it reads in order (path -> payload), each answered
    after ``delay`` seconds."""

    name: str
    spec: str
    routes: tuple[tuple[str, bytes, str], ...]  # (path with query, body, content type), requested in this order
    delay: float  # per request; the source takes len(routes) * delay

    @property
    def seconds(self) -> float:
        return self.delay * len(self.routes)


@dataclass(frozen=True)
class FamilyRun:
    sources: tuple[FamilySource, ...]
    lists: int
    wall: float  # entrypoint.py, from the start of the process to its exit
    exit_code: int
    statuses: tuple[str, ...]
    read: float  # one GraphQL read of every target, as the fake answers it (median of a few)
    write: float  # one commit of a list's files, as the fake answers it (median of a few)
    writes: int
    spacing_refusals: int
    first_source_request: float  # seconds after the start
    last_source_answer: float
    query_at: float
    first_write_at: float
    last_write_at: float
    problem: str = ""
    source_requests: int = 0

    @property
    def slowest(self) -> float:
        return max(source.seconds for source in self.sources)

    @property
    def floor(self) -> float:
        spaced = self.writes * self.write + max(self.writes - 1, 0) * WRITE_SPACING
        return self.slowest + self.read + spaced

    @property
    def ratio(self) -> float:
        return self.wall / self.floor


def family_sources(base: str) -> list[FamilySource]:
    """The twelve providers with their recorded payloads, made to fit one page on loopback (the page links and
    cursors of the recordings point at the real hosts or at pages not recorded)."""

    def fixture(name: str) -> Any:
        return json.loads((FIXTURES / name).read_bytes())

    def body(payload: Any) -> bytes:
        return json.dumps(payload).encode("utf-8")

    arbeitnow = fixture("arbeitnow.json")
    arbeitnow["links"] = {**arbeitnow["links"], "next": None}
    himalayas = {**fixture("himalayas.json"), "nextCursor": None}
    smartrecruiters = fixture("smartrecruiters.json")
    smartrecruiters["totalFound"] = len(smartrecruiters["content"])
    threads = fixture("hn_algolia_threads.json")
    story = max(threads["hits"], key=lambda hit: hit["created_at_i"])["objectID"]
    comments = {**fixture("hn_algolia_comments.json"), "page": 0, "nbPages": 1}
    pages: list[tuple[str, str, list[tuple[str, bytes, str]]]] = [
        ("remotive", "/remotive", [("/remotive", body(fixture("remotive.json")), "application/json")]),
        ("arbeitnow", "/arbeitnow", [("/arbeitnow", body(arbeitnow), "application/json")]),
        ("remoteok", "/remoteok", [("/remoteok", (FIXTURES / "remoteok.json").read_bytes(), "application/json")]),
        ("himalayas", "/himalayas", [("/himalayas", body(himalayas), "application/json")]),
        ("jobicy", "/jobicy", [("/jobicy", body(fixture("jobicy.json")), "application/json")]),
        ("weworkremotely", "/wwr", [("/wwr", (FIXTURES / "wwr.xml").read_bytes(), "application/rss+xml")]),
        ("greenhouse", "/greenhouse", [("/greenhouse", body(fixture("greenhouse.json")), "application/json")]),
        ("lever", "/lever", [("/lever", body(fixture("lever.json")), "application/json")]),
        ("ashby", "/ashby", [("/ashby", body(fixture("ashby.json")), "application/json")]),
        ("workable", "/workable", [("/workable", body(fixture("workable.json")), "application/json")]),
        ("smartrecruiters", "/smartrecruiters", [("/smartrecruiters", body(smartrecruiters), "application/json")]),
        (
            "hn",
            "/hn",
            [
                ("/hn/search_by_date?tags=story,author_whoishiring&hitsPerPage=20", body(threads), "application/json"),
                (f"/hn/search_by_date?tags=comment,story_{story}&hitsPerPage=1000", body(comments), "application/json"),
            ],
        ),
    ]
    low, high = FAMILY_DELAYS
    order = (5, 11, 2, 8, 0, 9, 3, 6, 10, 1, 7, 4)  # a fixed shuffle: slow and fast sources interleaved
    sources = []
    for (name, path, routes), rank in zip(pages, order, strict=True):
        seconds = low + (high - low) * rank / (len(pages) - 1)
        sources.append(FamilySource(name, f"{name}:{base}{path}", tuple(routes), seconds / len(routes)))
    return sources


def family_run(lists: int = 7) -> FamilyRun:
    """The family's first run (every list written) as ``entrypoint.py`` makes it; see the module docstring."""
    with FakeGitHub(write_spacing=WRITE_SPACING) as fake, FakeSources() as server, tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp)
        sources = family_sources(server.url(""))
        for source in sources:
            for path, content, content_type in source.routes:
                server.route(path, Reply(body=content, content_type=content_type, delay=source.delay))
        repositories = [f"{OWNER}/family-{entry['name']}" for entry in FAMILY[:lists]]
        for repository in repositories:
            fake.add_repo(repository, {"LICENSE": "MIT"})
        document = {
            "defaults": {
                "sources": [source.spec for source in sources],
                "max-age-days": FAMILY_MAX_AGE,
                "min-jobs": 0,  # a list the recordings leave empty is still written: the figure is the run's time
            },
            "lists": [{**entry, "repository": repo} for entry, repo in zip(FAMILY, repositories, strict=False)],
        }
        (workspace / "lists.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        env = runner_env(workspace, fake, {"config": "lists.yml"}, repository=f"{OWNER}/lists")
        env["GITHUB_EVENT_NAME"] = "workflow_dispatch"
        for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
            Path(env[name]).write_text("", encoding="utf-8")
        started = time.monotonic()
        completed = subprocess.run(
            [sys.executable, str(ROOT / "entrypoint.py")],
            env=env,
            cwd=workspace,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        wall = time.monotonic() - started
        outputs = read_outputs(Path(env["GITHUB_OUTPUT"]))
        report = json.loads(outputs.get("report", "[]"))
        mutations = [record for record in fake.requests if record.kind == "mutation"]
        queries = [record for record in fake.requests if record.kind == "query"]
        answered = [request.answered for request in server.requests if request.answered is not None]
        read, write = _github_latencies(fake, repositories)
        return FamilyRun(
            sources=tuple(sources),
            lists=lists,
            wall=wall,
            exit_code=completed.returncode,
            statuses=tuple(sorted({entry["status"] for entry in report})),
            read=read,
            write=write,
            writes=len(mutations),
            spacing_refusals=fake.spacing_refusals,
            first_source_request=min(request.arrived for request in server.requests) - started,
            last_source_answer=(max(answered) if answered else started) - started,
            query_at=(queries[0].timestamp if queries else started) - started,
            first_write_at=(mutations[0].timestamp if mutations else started) - started,
            last_write_at=(mutations[-1].timestamp if mutations else started) - started,
            problem="" if report else _last_line(completed.stderr or completed.stdout),
            source_requests=len(server.requests),
        )


def _github_latencies(fake: FakeGitHub, repositories: list[str], runs: int = 5) -> tuple[float, float]:
    """How long the fake takes to answer one read of every target and one commit of a list's files (the run's own
    README, data file and feed as the bytes), medians: the floor's parts that are GitHub's, not the run's."""
    publisher = GitHubPublisher(fake.token, fake.api_url, fake.graphql_url, sleep=lambda _seconds: None)
    wanted = {Target(repository): ("README.md",) for repository in repositories}
    reads = []
    for _ in range(runs):
        started = time.monotonic()
        publisher.read(wanted)
        reads.append(time.monotonic() - started)
    files = {path: content for path, content in fake.files(repositories[0]).items() if path != "LICENSE"}
    scratch = f"{OWNER}/family-scratch"
    fake.add_repo(scratch, {"LICENSE": "MIT"})
    fake.write_spacing = 0.0
    writes = []
    for _ in range(runs):
        head = fake.head(scratch)
        started = time.monotonic()
        publisher.commit(Target(scratch), "main", head, files, "Update")
        writes.append(time.monotonic() - started)
    return statistics.median(reads), statistics.median(writes)
