"""Running the action with a container action's environment, against the loopback fakes.

``run_entrypoint`` calls ``jobs_action.main.main`` in this process with a clock whose waits take no time (retry
backoff, write spacing and rate-limit waits are recorded, not slept); ``subprocess=True`` starts
``entrypoint.py`` as the runner does, for the few tests that are about the process itself (exit status, what
reaches stdout and stderr, the working directory)."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess as _subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_FEED = ROOT / "examples" / "jobs.json"


@dataclass
class ActionRun:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str

    @property
    def report(self) -> list[dict[str, Any]]:
        return json.loads(self.outputs.get("report", "[]"))


def runner_env(
    workspace: Path, fake: Any, inputs: dict[str, str], repository: str = "acme/awesome-backend-jobs"
) -> dict[str, str]:
    """The environment a runner gives a Docker action: INPUT_ names with hyphens kept, GITHUB_* variables."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(workspace),
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_REPOSITORY": repository,
        "GITHUB_EVENT_NAME": "schedule",
        "GITHUB_OUTPUT": str(workspace / "_github_output"),
        "GITHUB_STEP_SUMMARY": str(workspace / "_step_summary"),
        "INPUT_GITHUB-TOKEN": fake.token if fake else "",
    }
    if fake:
        env["GITHUB_API_URL"] = fake.api_url
        env["GITHUB_GRAPHQL_URL"] = fake.graphql_url
        env["GITHUB_SERVER_URL"] = fake.base_url  # the runner's web host: links in the lists point there
    env.update({f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    return env


class SkippingClock:
    """Real time plus every wait the code asked for: deadlines against a slow server still hold, while a sleep
    returns at once and moves this clock (and the wall time) forward. ``sleeps`` records each wait."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def wall(self) -> float:
        return time.time() + self.offset

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.offset += max(seconds, 0.0)


def run_entrypoint(
    env: dict[str, str], timeout: float = 60, *, subprocess: bool = False, clock: SkippingClock | None = None
) -> ActionRun:
    for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
        Path(env[name]).write_text("", encoding="utf-8")
    if not subprocess:
        return _run_in_process(env, clock or SkippingClock())
    completed = _subprocess.run(
        [sys.executable, str(ROOT / "entrypoint.py")],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=env["GITHUB_WORKSPACE"],
        check=False,
    )
    return ActionRun(
        returncode=completed.returncode,
        stdout=completed.stdout,
        stderr=completed.stderr,
        outputs=read_outputs(Path(env["GITHUB_OUTPUT"])),
        summary=Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8"),
    )


def _run_in_process(env: dict[str, str], clock: SkippingClock) -> ActionRun:
    from jobs_action.clock import Clock
    from jobs_action.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(env, out, Clock(monotonic=clock.monotonic, sleep=clock.sleep, wall=clock.wall))
    return ActionRun(
        returncode=code,
        stdout=out.getvalue(),
        stderr=err.getvalue(),
        outputs=read_outputs(Path(env["GITHUB_OUTPUT"])),
        summary=Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8"),
    )


def read_outputs(path: Path) -> dict[str, str]:
    """Parse a ``GITHUB_OUTPUT`` file the way the runner does."""
    outputs: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if "<<" in line:
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, index)
            outputs[name] = "\n".join(lines[index:end])
            index = end + 1
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
    return outputs


def example_feed(now: datetime | None = None, extra: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The bundled example jobs with dates moved so the newest is ``now`` (default: the real current time)."""
    data = json.loads(EXAMPLE_FEED.read_text(encoding="utf-8"))
    jobs = data["jobs"] + (extra or [])
    newest = max(datetime.fromisoformat(job["posted_at"]) for job in data["jobs"])
    delta = (now or datetime.now(UTC)) - newest - timedelta(minutes=5)
    for job in jobs:
        job["posted_at"] = (datetime.fromisoformat(job["posted_at"]) + delta).isoformat()
    return {"jobs": jobs}


def write_feed(workspace: Path, feed: dict[str, Any], name: str = "jobs.json") -> str:
    (workspace / name).write_text(json.dumps(feed), encoding="utf-8")
    return f"file:{name}"
