"""Processing throughput: feed bytes -> jobs -> one deduplicated pool -> seven lists -> Markdown.

Run by ``bench/run.py`` once per size, in a fresh interpreter: ``python bench/throughput.py DIR --repeat N`` reads
``DIR/feed*.json`` and ``DIR/now.txt`` and prints one JSON object (``--jobs N`` generates the feeds instead;
``--profile`` adds one pass under cProfile; ``--policies`` times the pipeline under each garbage-collector policy).
Every repetition times ``json.loads`` of the same bytes (the floor), ``json.loads`` plus a bare ``Job`` per item,
the stages as ``app.list_jobs`` runs them (under the run's collector policy, ``app.batch_collector``), and the
same lists through ``app.list_jobs`` itself; the best repetition counts. Caches that hold per-text answers (the
bounded caches of ``jobs_action``) are cleared before each repetition, so no repetition reuses the previous one's
work; the tables loaded once per process (the unbounded ``functools.cache`` ones: places, cities) are loaded
before the first.

``--peak pipeline`` and ``--peak floor`` run one pass in this fresh interpreter and report its peak resident set
instead: the pipeline, or the bare-``Job`` floor (``json.loads`` and one ``Job`` per item, every job kept, as the
pipeline keeps them), so that neither peak includes the other's. ``bench/bare_peak.py`` runs the same floor in an
interpreter that imports nothing but ``json`` and ``jobs_action.models``.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import gc
import json
import math
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from bare_peak import bare_jobs, status_kib  # noqa: E402

import jobs_action  # noqa: E402
from jobs_action.app import batch_collector  # noqa: E402
from jobs_action.models import Job  # noqa: E402
from jobs_action.render.page import Credit, Page, render_file  # noqa: E402
from jobs_action.render.table import TableOptions, render_section  # noqa: E402
from jobs_action.select.criteria import Criteria, annotate, select_jobs  # noqa: E402
from jobs_action.select.places.filter import parse_location_filter  # noqa: E402
from jobs_action.select.pool import build_pool, oldest_day  # noqa: E402
from jobs_action.select.salary import parse_min_salary  # noqa: E402
from jobs_action.select.seniority import validate_seniority  # noqa: E402
from jobs_action.sources.feed import parse_feed  # noqa: E402

_T = TypeVar("_T")
STAGES = ("normalize", "dedup", "select", "render")
MAX_AGE_DAYS = 15
MAX_JOBS = 50
NOW = "2026-11-28T12:00:00+00:00"  # the generated jobs are dated relative to this


# The same seven lists as entries of a lists file (``config`` input), for the action's own path.
FAMILY: list[dict[str, Any]] = [
    {"name": "backend", "category": "backend"},
    {"name": "frontend", "category": "frontend"},
    {"name": "devops", "category": "devops"},
    {"name": "india", "category": "all", "location": "India", "title": "Tech Jobs in India"},
    {"name": "usa", "category": "all", "location": "United States", "title": "Tech Jobs in the USA"},
    {"name": "senior", "category": "all", "seniority": "senior", "title": "Senior Tech Jobs"},
    {"name": "high-paying", "category": "all", "min-salary": "150000 USD", "title": "High Paying Tech Jobs"},
]


@dataclass(frozen=True)
class BenchList:
    name: str
    criteria: Criteria
    page: Page


def seven_lists() -> list[BenchList]:
    """The list family of the benchmark, with the action's defaults (max-age-days 15, max-jobs 50)."""
    rules: list[tuple[str, str, dict[str, Any]]] = [
        ("backend", "backend", {}),
        ("frontend", "frontend", {}),
        ("devops", "devops", {}),
        ("india", "all", {"location": parse_location_filter("India")}),
        ("usa", "all", {"location": parse_location_filter("United States")}),
        ("senior", "all", {"seniority": validate_seniority("senior")}),
        ("high-paying", "all", {"min_salary": parse_min_salary("150000 USD")}),
    ]
    credits = tuple(Credit(f"source {number}", f"https://s{number}.example") for number in range(6))
    return [
        BenchList(
            name,
            Criteria(category=category, max_age_days=MAX_AGE_DAYS, max_jobs=MAX_JOBS, **extra),
            Page(
                title=f"Awesome {name.title()} Jobs",
                description=f"A curated list of the best {name} developer jobs, updated daily.",
                max_age_days=MAX_AGE_DAYS,
                marker="JOBS",
                credits=credits,
                related_lists=tuple((other, f"https://github.com/acme/{other}-jobs") for other, _, _ in rules),
                feed_url=f"https://github.com/acme/{name}-jobs/commits/main.atom",
            ),
        )
        for name, category, extra in rules
    ]


def run_pipeline(
    feeds: list[bytes], lists: list[BenchList], now: datetime, collector: Callable[[], Any] = batch_collector
) -> tuple[dict[str, float], dict[str, Any]]:
    """One pass through every stage as ``app.list_jobs`` runs them, under ``collector`` (the run's policy by
    default); the seconds of each stage and what came out."""
    seconds: dict[str, float] = {}
    with collector():
        with _timed(seconds, "normalize"):
            # As the action reads its sources: items older than every list's window are counted, not built.
            cutoff = oldest_day(now, MAX_AGE_DAYS)
            results = [parse_feed(content, _source(n), cutoff) for n, content in enumerate(feeds)]
        with _timed(seconds, "dedup"):
            pool = build_pool((job for result in results for job in result.jobs), now, MAX_AGE_DAYS, read=annotate)
        with _timed(seconds, "select"):
            selected = [select_jobs(pool, item.criteria, now) for item in lists]
        with _timed(seconds, "render"):
            files = [
                render_file(item.page, render_section(chosen, TableOptions(), now))
                for item, chosen in zip(lists, selected, strict=True)
            ]
    counts = {
        "read": sum(result.read for result in results),
        "skipped": sum(len(result.skipped) for result in results),
        "too_old": sum(result.too_old for result in results),
        "unique": pool.given,
        "pool": len(pool),
        "rows": [len(chosen) for chosen in selected],
        "markdown_bytes": sum(len(text.encode()) for text in files),
    }
    return seconds, counts


YOUNG_THRESHOLD = 100_000  # for the policy of raised thresholds


def _frozen_threshold() -> Any:
    """Everything alive before the batch frozen, and a young collection every ``YOUNG_THRESHOLD`` allocations."""

    @contextmanager
    def policy() -> Iterator[None]:
        thresholds = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
        try:
            yield
        finally:
            gc.set_threshold(*thresholds)
            gc.unfreeze()

    return policy()


def _frozen_only() -> Any:
    @contextmanager
    def policy() -> Iterator[None]:
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()

    return policy()


def _threshold_only() -> Any:
    @contextmanager
    def policy() -> Iterator[None]:
        thresholds = gc.get_threshold()
        gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
        try:
            yield
        finally:
            gc.set_threshold(*thresholds)

    return policy()


# The collector policies ``--policies`` compares; the first is CPython's default, the last the run's own.
POLICIES: dict[str, Callable[[], Any]] = {
    "CPython's default (thresholds 700, 10, 10)": nullcontext,
    f"young threshold {YOUNG_THRESHOLD:,}": _threshold_only,
    "everything before the batch frozen": _frozen_only,
    f"frozen, young threshold {YOUNG_THRESHOLD:,}": _frozen_threshold,
    "frozen, collector off, survivors moved to the oldest generation (`app.batch_collector`)": batch_collector,
}


def measure_policies(feeds: list[bytes], now: datetime, repeat: int) -> dict[str, float]:
    """The pipeline's best time under each collector policy, interleaved so that a busy moment hits them all."""
    lists = seven_lists()
    warm_up(lists, now)
    best: dict[str, float] = {}
    for _ in range(repeat):
        for name, policy in POLICIES.items():
            clear_job_caches()
            gc.collect()
            seconds, _counts = run_pipeline(feeds, lists, now, policy)
            best[name] = min(best.get(name, math.inf), sum(seconds.values()))
    return best


def action_settings(workspace: Path, count: int) -> Any:
    """The seven lists as the action builds them from a lists file, reading ``count`` ``json:`` sources."""
    from jobs_action.config.load import load_settings

    document = {
        "defaults": {"sources": [_source(n) for n in range(count)], "max-age-days": MAX_AGE_DAYS, "max-jobs": MAX_JOBS},
        "lists": [{**entry, "repository": f"acme/{entry['name']}-jobs"} for entry in FAMILY],
    }
    workspace.joinpath("lists.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    env = {"INPUT_CONFIG": "lists.yml", "GITHUB_WORKSPACE": str(workspace), "GITHUB_REPOSITORY": "acme/lists"}
    return load_settings(env, require_token=False)


def run_action_path(feeds: list[bytes], settings: Any, now: datetime) -> float:
    """Seconds of ``app.list_jobs`` and ``render_section`` for every list, as ``app.run`` calls them (pools shared,
    under ``app.batch_collector``), after the same normalize stage."""
    from jobs_action import app
    from jobs_action.sources import SourceOutcome

    cutoffs = app.oldest_shown(settings.lists, now)
    outcomes = [
        SourceOutcome(spec, result=parse_feed(content, spec.text, cutoffs.get(spec)))
        for spec, content in zip(settings.sources, feeds, strict=True)
    ]
    started = time.perf_counter()
    with batch_collector():
        pools: dict[Any, Any] = {}
        for spec in settings.lists:
            jobs, _credits = app.list_jobs(spec, outcomes, now, pools=pools)
            render_section(jobs, app.table_options(spec), now)
    return time.perf_counter() - started


def _source(number: int) -> str:
    return f"json:https://s{number}.example/jobs.json"


def objects_floor(feeds: list[bytes]) -> float:
    """``json.loads`` plus one ``Job`` per item from its raw fields, nothing checked: the least a pass can do."""
    started = time.perf_counter()
    for content in feeds:
        jobs = bare_jobs(json.loads(content)["jobs"])
        del jobs
    return time.perf_counter() - started


def json_floor(feeds: list[bytes]) -> float:
    started = time.perf_counter()
    for content in feeds:
        json.loads(content)
    return time.perf_counter() - started


def clear_job_caches() -> int:
    """Clear every bounded cache of the package (per-text answers: ``lru_cache`` functions, and the objects that
    clear like one), at module level or one level down (a dict or a dataclass of caches); returns how many."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith(jobs_action.__name__):
            continue
        for value in list(vars(module).values()):
            inside = list(value.values()) if isinstance(value, dict) else []
            if dataclasses.is_dataclass(value) and not isinstance(value, type):
                inside = [getattr(value, field.name) for field in dataclasses.fields(value)]
            for candidate in [value, *(item for container in inside for item in _members(container))]:
                cleared += _clear(candidate)
    return cleared


def _members(value: Any) -> list[Any]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [getattr(value, field.name) for field in dataclasses.fields(value)]
    return [value]


def _clear(value: Any) -> int:
    parameters = None if isinstance(value, type) else getattr(value, "cache_parameters", None)
    if callable(parameters) and parameters().get("maxsize") is not None:
        value.cache_clear()
        return 1
    return 0


def warm_up(lists: list[BenchList], now: datetime) -> None:
    """Load what a real run loads once (place and city tables, patterns) before the timed passes."""
    sample = parse_feed(
        b'{"jobs": [{"company": "Acme", "title": "Senior Backend Engineer", "location": "Bengaluru, India",'
        b' "posted_at": "2026-01-01", "url": "https://x.example/1", "salary": "$150k"}]}',
        "warm-up",
    )
    for item in lists:
        select_jobs(build_pool(sample.jobs, now, MAX_AGE_DAYS, read=annotate), item.criteria, now)


def measure(feeds: list[bytes], now: datetime, repeat: int) -> dict[str, Any]:
    rss_before = _rss_kib()
    started = time.perf_counter()
    lists = seven_lists()
    warm_up(lists, now)
    warm = time.perf_counter() - started
    best: dict[str, float] = {}
    floors: list[float] = []
    policy_floors: list[float] = []
    object_floors: list[float] = []
    totals: list[float] = []
    action_paths: list[float] = []
    counts: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as workspace:
        settings, action_error = _try(lambda: action_settings(Path(workspace), len(feeds)))
    for _ in range(repeat):
        clear_job_caches()
        gc.collect()
        floors.append(json_floor(feeds))
        gc.collect()
        with batch_collector():
            policy_floors.append(json_floor(feeds))
        gc.collect()
        object_floors.append(objects_floor(feeds))
        gc.collect()
        seconds, counts = run_pipeline(feeds, lists, now)
        totals.append(sum(seconds.values()))
        best = {stage: min(best.get(stage, seconds[stage]), seconds[stage]) for stage in STAGES}
        if settings is not None:
            clear_job_caches()
            gc.collect()
            elapsed, action_error = _try(lambda: run_action_path(feeds, settings, now))
            action_paths += [elapsed] if elapsed is not None else []
    return {
        "action_path": min(action_paths) if action_paths else None,
        "action_path_error": action_error,
        "bytes": sum(map(len, feeds)),
        "floor": min(floors),
        "floor_policy": min(policy_floors),
        "objects_floor": min(object_floors),
        "stages": best,
        "total": min(totals),
        "warm_up": warm,
        "counts": counts,
        "rss_before_mib": rss_before / 1024,
        "max_rss_mib": _peak_rss_kib() / 1024,
        "repeat": repeat,
    }


def _try(call: Callable[[], _T]) -> tuple[_T | None, str]:
    """``call()``, or ``None`` and the error: the action's own code may be mid-change in a working tree."""
    try:
        return call(), ""
    except Exception as exc:
        return None, f"{type(exc).__name__}: {exc}"


@contextmanager
def _timed(into: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    into[stage] = time.perf_counter() - started


def _peak_rss_kib() -> int:
    """This interpreter's peak resident set (``VmHWM``). Not ``ru_maxrss``: Linux carries that over an ``exec`` from
    the process that forked, so a child of a large parent would report the parent's size."""
    return status_kib("VmHWM")


def _rss_kib() -> int:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() // 1024


def read_feeds(directory: Path) -> tuple[list[bytes], datetime]:
    feeds = [path.read_bytes() for path in sorted(directory.glob("feed*.json"))]
    return feeds, datetime.fromisoformat(directory.joinpath("now.txt").read_text().strip())


def write_feeds(directory: Path, feeds: list[bytes], now: datetime) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for number, content in enumerate(feeds):
        directory.joinpath(f"feed{number}.json").write_bytes(content)
    directory.joinpath("now.txt").write_text(now.isoformat())


def profile(feeds: list[bytes], now: datetime, limit: int = 12) -> dict[str, list[dict[str, Any]]]:
    """One pass under cProfile: own time by module (built-ins counted in their callers) and by function."""
    lists = seven_lists()
    warm_up(lists, now)
    clear_job_caches()
    profiler = cProfile.Profile()
    profiler.runcall(run_pipeline, feeds, lists, now)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    by_module: dict[str, float] = {}
    functions = []
    for (path, line, name), (_, calls, own, cumulative, callers) in stats.items():
        if path == "~":  # a built-in (re, json scanner, dict methods): its time belongs to whoever called it
            for (caller_path, _, _), (_, _, caller_own, _) in callers.items():
                by_module[_module(caller_path)] = by_module.get(_module(caller_path), 0.0) + caller_own
        else:
            by_module[_module(path)] = by_module.get(_module(path), 0.0) + own
        functions.append(
            {"function": name, "where": _where(path, line), "calls": calls, "own": own, "cumulative": cumulative}
        )
    modules = [{"module": module, "own": own} for module, own in by_module.items()]
    return {
        "modules": sorted(modules, key=lambda row: row["own"], reverse=True)[:limit],
        "functions": sorted(functions, key=lambda row: row["own"], reverse=True)[:limit],
    }


def _module(path: str) -> str:
    """``jobs_action/select/places.py``, a third-party package's name, or ``stdlib: json/decoder.py``."""
    if path.startswith(str(ROOT) + "/") and "/site-packages/" not in path:
        return path.removeprefix(str(ROOT) + "/")
    if "/site-packages/" in path:
        return path.split("/site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if path == "~":
        return "built-in"
    library = Path(path).parent.name
    return (
        f"stdlib: {library}/{Path(path).name}"
        if library != f"python{sys.version_info[0]}.{sys.version_info[1]}"
        else f"stdlib: {Path(path).name}"
    )


def _where(path: str, line: int) -> str:
    if path == "~":
        return "built-in"
    for prefix in (str(ROOT) + "/", *(p + "/" for p in sorted(sys.path, key=len, reverse=True) if p)):
        if path.startswith(prefix):
            return f"{path.removeprefix(prefix)}:{line}"
    return f"{path}:{line}"


def peak(kind: str, feeds: list[bytes], now: datetime) -> dict[str, Any]:
    """The peak resident set of one pass in this interpreter (the bench's imports, the action's among them): the
    pipeline, or the bare-``Job`` floor."""
    before = _rss_kib()
    if kind == "floor":
        kept: list[Job] = []
        for content in feeds:
            kept += bare_jobs(json.loads(content)["jobs"])
        count = len(kept)
    else:
        lists = seven_lists()
        warm_up(lists, now)
        _seconds, counts = run_pipeline(feeds, lists, now)
        count = counts["pool"]
    return {
        "kind": kind,
        "jobs": count,
        "rss_before_mib": before / 1024,
        "max_rss_mib": _peak_rss_kib() / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, nargs="?", help="where run.py wrote feed*.json and now.txt")
    parser.add_argument("--jobs", type=int, help="generate this many jobs instead of reading a directory")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="add one pass under cProfile")
    parser.add_argument("--policies", action="store_true", help="add the pipeline under each collector policy")
    parser.add_argument("--peak", choices=("pipeline", "floor"), help="only the peak memory of one pass")
    args = parser.parse_args()
    if args.jobs:
        from corpus import FeedGenerator, load_seeds

        now = datetime.fromisoformat(NOW)
        feeds = FeedGenerator(load_seeds(), now).feeds(args.jobs)
    else:
        feeds, now = read_feeds(args.directory)
    if args.peak:
        print(json.dumps(peak(args.peak, feeds, now)))
        return
    result = measure(feeds, now, args.repeat)
    if args.policies:
        result["policies"] = measure_policies(feeds, now, args.repeat)
    if args.profile:
        result["profile"] = profile(feeds, now)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
