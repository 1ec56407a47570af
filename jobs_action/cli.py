"""The command-line interface for maintainers: the action's inputs as options, plus a local mode.

``python -m jobs_action --example --output-dir out`` renders the bundled example list into ``out/README.md``
with no network and no token. Without ``--output-dir`` it runs the action itself, as the container does.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from tabulate import tabulate

from jobs_action.config import DEFAULTS, ListSpec, load_settings
from jobs_action.errors import ActionError, ConfigError
from jobs_action.main import list_jobs, page_for, table_options
from jobs_action.main import main as run_action
from jobs_action.models import Job
from jobs_action.plan import plan_file
from jobs_action.render import Credit, render_section
from jobs_action.sources import fetch_sources
from jobs_action.sources.http import HttpClient

EXAMPLE_FEED = Path(__file__).resolve().parent.parent / "examples" / "jobs.json"
INPUT_OPTIONS = (
    "github-token",
    "sources",
    "category",
    "max-age-days",
    "max-jobs",
    "repositories",
    "path",
    "mode",
    "marker",
    "title",
    "description",
    "related-lists",
    "link-query",
    "date-format",
    "commit-message",
    "dry-run",
    "location",
    "seniority",
    "min-salary",
    "include-keywords",
    "exclude-keywords",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m jobs_action",
        description="Keep a curated jobs list (a README table) fresh from public job feeds. Options are the "
        "action's inputs; INPUT_* environment variables work too.",
    )
    for input_id in INPUT_OPTIONS:
        default = DEFAULTS.get(input_id)
        parser.add_argument(
            f"--{input_id}",
            metavar="VALUE",
            help=f"the `{input_id}` input" + (f" (default: {default})" if default else ""),
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
        env["INPUT_SOURCES"] = f"file:{EXAMPLE_FEED.name}"
        env["GITHUB_WORKSPACE"] = str(EXAMPLE_FEED.parent)
    if args.output_dir is None:
        return run_action(env)
    env.setdefault("INPUT_REPOSITORIES", env.get("GITHUB_REPOSITORY") or "local/preview")
    try:
        return render_locally(env, args.output_dir, shift_to_today=args.example)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ActionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def render_locally(env: dict[str, str], output_dir: Path, *, shift_to_today: bool = False) -> int:
    settings = load_settings(env, require_token=False)
    spec = settings.lists[0]
    now = datetime.now(UTC)
    outcomes = fetch_sources(spec.sources, HttpClient(), settings.workspace)
    for outcome in outcomes:
        print(
            f"source {outcome.spec}: "
            + (
                f"{len(outcome.result.jobs)} jobs, {len(outcome.result.skipped)} skipped"
                if outcome.result
                else f"failed: {outcome.error}"
            )
        )
    if not any(outcome.ok for outcome in outcomes):
        print("error: no source could be read; nothing was written", file=sys.stderr)
        return 1
    jobs, credits = list_jobs(spec, outcomes, now, partial(shift_dates, now=now) if shift_to_today else list)
    path = write_rendered(spec, jobs, credits, output_dir, now)
    print(preview(jobs, spec))
    print(f"\n{len(jobs)} jobs selected. Rendered {spec.path} is at: {path}")
    return 0


def write_rendered(
    spec: ListSpec, jobs: list[Job], credits: tuple[Credit, ...], output_dir: Path, now: datetime
) -> Path:
    target = (output_dir / spec.path).resolve()
    current = target.read_text(encoding="utf-8") if target.exists() else None
    section = render_section(jobs, table_options(spec), now)
    plan = plan_file(current, mode=spec.mode, page=page_for(spec, credits), section=section, path=spec.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if plan.changed:
        target.write_text(plan.text, encoding="utf-8", newline="")
    return target


def shift_dates(jobs: list[Job], now: datetime) -> list[Job]:
    """Move every date by the same amount so the newest job is posted ``now`` (for the example data)."""
    if not jobs:
        return jobs
    delta = now - max(job.posted_at for job in jobs)
    return [dataclasses.replace(job, posted_at=job.posted_at + delta) for job in jobs]


def preview(jobs: list[Job], spec: ListSpec) -> str:
    rows = [
        (
            job.company,
            job.title,
            "Remote" if job.remote else job.location,
            job.posted_at.strftime(spec.date_format),
        )
        for job in jobs
    ]
    return tabulate(rows, headers=["Company", "Position", "Location", "Posted"], maxcolwidths=[24, 48, 30, 8])
