"""Running the action as a runner does: ``entrypoint.py`` in a subprocess with a container action's environment."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    env.update({f"INPUT_{key.upper()}": value for key, value in inputs.items()})
    return env


def run_entrypoint(env: dict[str, str], timeout: float = 60) -> ActionRun:
    for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
        Path(env[name]).write_text("", encoding="utf-8")
    completed = subprocess.run(
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
