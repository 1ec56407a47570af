"""The command-line interface for maintainers: the action's inputs as options, plus a local mode.

``python -m jobs_action --example --output-dir out`` renders the bundled example list into ``out/README.md``
with no network and no token. Without ``--output-dir`` it runs the action itself, as the container does.
"""

from __future__ import annotations

import argparse
import atexit
import dataclasses
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from tabulate import tabulate

from jobs_action.app import PoolKey, list_jobs, oldest_shown
from jobs_action.config.inputs import default, list_inputs
from jobs_action.config.load import load_settings
from jobs_action.config.settings import ListSpec
from jobs_action.errors import ActionError, ConfigError, HeldError
from jobs_action.main import main as run_action
from jobs_action.models import Job
from jobs_action.plan import ListLinks, jobs_count, plan_list
from jobs_action.render.page import Credit
from jobs_action.render.table import where
from jobs_action.report import exit_codes
from jobs_action.report.summary import skipped_reasons
from jobs_action.select.pool import Pool
from jobs_action.sources import fetch_sources
from jobs_action.sources.http import HttpClient

EXAMPLE_FEED = Path(__file__).resolve().parent.parent / "examples" / "jobs.json"
INPUT_OPTIONS = ("github-token", *list_inputs(), "dry-run", "config", "list")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m jobs_action",
        description="Keep a curated jobs list (a README table) fresh from public job feeds. Options are the "
        "action's inputs; INPUT_* environment variables work too.",
    )
    for input_id in INPUT_OPTIONS:
        given = default(input_id)
        parser.add_argument(
            f"--{input_id}",
            metavar="VALUE",
            help=f"the `{input_id}` input" + (f" (default: {given})" if given else "").replace("%", "%%"),
        )
    local = parser.add_argument_group("local mode")
    local.add_argument(
        "--output-dir",
        type=Path,
        metavar="DIR",
        help="write the rendered file into DIR instead of GitHub (no token needed)",
    )
    local.add_argument(
        "--example",
        action="store_true",
        help=f"use the bundled example feed ({EXAMPLE_FEED.name}), dates shifted to today",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    env = dict(os.environ)
    for input_id in INPUT_OPTIONS:
        given = getattr(args, input_id.replace("-", "_"))
        if given is not None:
            env[f"INPUT_{input_id.upper()}"] = given
    if args.example:
        workspace = Path(env.get("GITHUB_WORKSPACE") or ".").resolve()
        if not EXAMPLE_FEED.is_relative_to(workspace):
            # Run from elsewhere: a workspace of its own holds the example feed and the lists file named, which
            # is read from the current folder as the user expects.
            workspace = _example_workspace(workspace, args.config)
        env["GITHUB_WORKSPACE"] = str(workspace)
        feed = EXAMPLE_FEED if EXAMPLE_FEED.is_relative_to(workspace) else workspace / EXAMPLE_FEED.name
        env["INPUT_SOURCES"] = f"file:{feed.relative_to(workspace).as_posix()}"
    if args.output_dir is None:
        return run_action(env)
    env.setdefault("INPUT_REPOSITORIES", env.get("GITHUB_REPOSITORY") or "local/preview")
    if args.output_dir.exists() and not args.output_dir.is_dir():
        print(
            f"error: --output-dir: {args.output_dir} is a file; name a folder to write the list into.", file=sys.stderr
        )
        return exit_codes.INVALID_INPUT
    try:
        return render_locally(env, args.output_dir, shift_to_today=args.example)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_codes.INVALID_INPUT
    except ActionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_codes.FAILED


def _example_workspace(current: Path, config: str | None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="awesome-jobs-example-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    shutil.copyfile(EXAMPLE_FEED, folder / EXAMPLE_FEED.name)
    if config and (current / config).is_file():
        (folder / config).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(current / config, folder / config)
    return folder


def render_locally(env: dict[str, str], output_dir: Path, *, shift_to_today: bool = False) -> int:
    """Render every list into ``output_dir`` (one folder per list when there are several); nothing goes to GitHub."""
    settings = load_settings(env, require_token=False)
    now = datetime.now(UTC)
    # The example data's dates are moved after deduplication (``shift_dates``): no item is too old before that.
    cutoffs = None if shift_to_today else oldest_shown(settings.lists, now)
    outcomes = fetch_sources(settings.sources, HttpClient(), settings.workspace, cutoffs)
    for outcome in outcomes:
        if outcome.result is None:
            print(f"source {outcome.spec}: failed: {outcome.error}")
            continue
        reasons = skipped_reasons(outcome)
        print(
            f"source {outcome.spec}: {jobs_count(outcome.result.read)}, {len(outcome.result.skipped)} skipped"
            + (f" ({reasons})" if reasons else "")
        )
    if not any(outcome.ok for outcome in outcomes):
        print("error: no source could be read; nothing was written", file=sys.stderr)
        return exit_codes.FAILED
    adjust = partial(shift_dates, now=now) if shift_to_today else list
    several = len(settings.lists) > 1
    pools: dict[PoolKey, Pool] = {}
    for spec in settings.lists:
        jobs, credits = list_jobs(spec, outcomes, now, adjust, pools)
        folder = output_dir / spec.name if several else output_dir
        if several:
            print(f"\n{spec.name}: {spec.title}")
        path, held = write_rendered(spec, jobs, credits, folder, now, settings.server_url)
        print(preview(jobs, spec))
        print(f"\n{jobs_count(len(jobs))} selected. Rendered {spec.path} is at: {path}")
        if held:
            print(f"note: {spec.name}: on GitHub this list would be held and nothing written: {held}")
    return exit_codes.OK


def write_rendered(
    spec: ListSpec, jobs: list[Job], credits: tuple[Credit, ...], output_dir: Path, now: datetime, web: str = ""
) -> tuple[Path, str]:
    """Write the list's files (README, data and feed files) into ``output_dir`` as the action would commit them;
    returns the README's path and, when a guard would hold the list on GitHub, why (the files are written anyway)."""
    folder = output_dir.resolve()
    texts = {path: _read_text(folder / path) for path in spec.paths}
    target = spec.targets[0]
    links = ListLinks.of(spec, target, target.branch or "main", web or "https://github.com")
    held = ""
    try:
        plan = plan_list(spec, jobs, credits, texts, now, links)
    except HeldError as exc:
        held = str(exc)
        unguarded = dataclasses.replace(spec, min_jobs=0, max_drop_percent=100)
        plan = plan_list(unguarded, jobs, credits, texts, now, links)
    for warning in plan.warnings:
        print(f"warning: {warning}")
    for path, text in plan.files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, encoding="utf-8", newline="")
    return folder / spec.path, held


def _read_text(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None


def shift_dates(jobs: list[Job], now: datetime) -> list[Job]:
    """Move every date by the same amount so the newest job is posted ``now`` (for the example data)."""
    if not jobs:
        return jobs
    delta = now - max(job.posted_at for job in jobs)
    return [dataclasses.replace(job, posted_at=job.posted_at + delta) for job in jobs]


def _where_text(job: Job) -> str:
    remote, detail = where(job)
    if remote:
        return f"Remote ({detail})" if detail else "Remote"
    return detail or "Not specified"


def preview(jobs: list[Job], spec: ListSpec) -> str:
    rows = [
        (
            job.company,
            job.title,
            _where_text(job),
            job.posted_at.strftime(spec.date_format),
        )
        for job in jobs
    ]
    return tabulate(rows, headers=["Company", "Position", "Location", "Posted"], maxcolwidths=[24, 48, 30, 8])
