"""The action's entry: the runner's environment in, outputs and an exit code out (docs/CONTRACT.md).

It builds the real collaborators (HTTP client, GitHub publisher, clock, workflow commands) and hands them to
``app.run``; tests call ``main`` with a clock whose waits take no time.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Mapping
from typing import TextIO

from jobs_action.app import run
from jobs_action.clock import Clock
from jobs_action.config.inputs import read_input
from jobs_action.config.load import load_settings
from jobs_action.errors import ConfigError
from jobs_action.publish.github import GitHubPublisher
from jobs_action.report import exit_codes, summary
from jobs_action.report.outputs import outputs
from jobs_action.report.workflow import Workflow
from jobs_action.sources.http import HttpClient


def main(env: Mapping[str, str] | None = None, stream: TextIO | None = None, clock: Clock | None = None) -> int:
    env = os.environ if env is None else env
    clock = clock or Clock()
    workflow = Workflow(env, stream)
    workflow.mask(read_input(env, "github-token") or "")
    try:
        settings = load_settings(env)
    except ConfigError as exc:
        summary.invalid_input(workflow, str(exc))
        return exit_codes.INVALID_INPUT
    try:
        http = HttpClient(sleep=clock.sleep, clock=clock.monotonic, now=clock.now)
        publisher = GitHubPublisher(
            settings.token,
            settings.api_url,
            settings.graphql_url,
            sleep=clock.sleep,
            clock=clock.monotonic,
            wall_clock=clock.wall,
        )
        reports = run(settings, workflow, clock, http, publisher)
    except Exception:
        summary.unexpected_error(workflow, traceback.format_exc())
        return exit_codes.FAILED
    workflow.set_outputs(outputs(reports))
    return exit_codes.exit_code(reports)
