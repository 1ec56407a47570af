"""Guards against losing a list (B1, B3), racing runs (C3, C5) and the schedule's 60-day rule (D11)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakes.github import FakeGitHub
from runner import ROOT, example_feed, read_outputs, run_entrypoint, runner_env, write_feed

from jobs_action.config.load import load_settings
from jobs_action.config.settings import ListSpec
from jobs_action.errors import HeldError
from jobs_action.plan import check_guards

REPO = "acme/awesome-backend-jobs"


def spec(**changes) -> ListSpec:
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r"}
    env.update({f"INPUT_{key.upper()}": value for key, value in changes.items()})
    return load_settings(env).lists[0]


def table(rows: int) -> str:
    return "".join(f"| C | T | 📍 X | Jan 01 | [Apply](https://jobs.example/{n}) |\n" for n in range(rows))


@pytest.mark.parametrize(
    ("previous", "count", "inputs", "held"),
    [
        (10, 0, {}, "the list would have 0 jobs, fewer than min-jobs (1). The published list keeps its 10 jobs"),
        (0, 0, {}, "the list would have 0 jobs, fewer than min-jobs (1)"),
        (0, 0, {"min-jobs": "0"}, None),
        (10, 3, {}, "would shrink from 10 to 3 jobs (70% fewer), more than max-drop-percent (60)"),
        (10, 4, {}, None),  # exactly 60% is allowed
        (10, 4, {"max-drop-percent": "59"}, "from 10 to 4 jobs (60% fewer), more than max-drop-percent (59)"),
        (10, 2, {"max-drop-percent": "70"}, "from 10 to 2 jobs (80% fewer)"),
        (10, 3, {"max-drop-percent": "70", "min-jobs": "5"}, "fewer than min-jobs (5)"),
        (10, 5, {}, None),
        (10, 0, {"max-drop-percent": "100", "min-jobs": "0"}, None),
        (3, 30, {}, None),
    ],
)
def test_b3_guards_hold_a_list_with_both_counts(previous, count, inputs, held):
    if held is None:
        check_guards(spec(**inputs), table(previous), count)
        return
    with pytest.raises(HeldError) as caught:
        check_guards(spec(**inputs), table(previous), count)
    assert held in str(caught.value)


def run(workspace, fake, feed, **inputs):
    env = runner_env(workspace, fake, {"sources": write_feed(workspace, feed), **inputs})
    return run_entrypoint(env)


def test_b1_an_empty_200_from_the_only_source_never_wipes_the_list(tmp_path, fake):
    fake.add_repo(REPO, {})
    assert run(tmp_path, fake, example_feed()).returncode == 0
    before = fake.file_bytes(REPO, "README.md")
    fake.clear_requests()

    empty = run(tmp_path, fake, {"jobs": []})

    assert empty.returncode == 1
    assert fake.count("mutation") == 0
    assert fake.file_bytes(REPO, "README.md") == before
    report = empty.report[0]
    assert (report["status"], report["jobs"]) == ("held", 0)
    assert "fewer than min-jobs (1). The published list keeps its 12 jobs" in report["error"]
    assert "::error title=List held::" in empty.stdout
    assert "✋ **held**" in empty.summary


def test_b3_mass_deletion_is_held_and_the_readme_untouched(tmp_path, fake):
    fake.add_repo(REPO, {})
    feed = example_feed()
    assert run(tmp_path, fake, feed).returncode == 0
    before = fake.file_bytes(REPO, "README.md")

    shrunk = {"jobs": feed["jobs"][:3]}
    held = run(tmp_path, fake, shrunk)

    assert held.returncode == 1 and held.outputs["changed"] == "false"
    assert fake.file_bytes(REPO, "README.md") == before
    assert held.report[0]["status"] == "held"
    assert "would shrink from 12 to 3 jobs (75% fewer)" in held.report[0]["error"]

    allowed = run(tmp_path, fake, shrunk, **{"max-drop-percent": "100"})
    assert allowed.returncode == 0 and allowed.report[0]["status"] == "updated"
    assert fake.file_bytes(REPO, "README.md").decode().count("[Apply](") == 3


def test_c3_pull_request_branch_refusal_is_reported_and_the_base_is_never_forced(tmp_path, fake):
    fake.add_repo(REPO, {"README.md": "<!-- JOBS:START -->\n<!-- JOBS:END -->\n"})
    fake.add_branch(REPO, "awesome-jobs/backend")
    base = fake.head(REPO)
    fake.fail_next(422, {"message": "Update is not a fast forward"}, kind="rest")

    result = run(tmp_path, fake, example_feed(), publish="pull-request")

    assert result.returncode == 1
    assert "could not prepare the branch awesome-jobs/backend" in result.report[0]["error"]
    assert fake.head(REPO) == base
    assert fake.count("mutation") == 0 and fake.pulls(REPO) == []
    assert all(update.ref != "refs/heads/main" for update in fake.ref_updates)


def test_c3_a_stale_pull_request_branch_is_read_again_and_rebuilt(tmp_path, fake):
    fake.add_repo(REPO, {"README.md": "<!-- JOBS:START -->\n<!-- JOBS:END -->\n"})
    branch = "awesome-jobs/backend"
    pushed = []

    def someone_pushes_to_the_branch(server, mutation_input):
        if not pushed:
            pushed.append(server.commit(REPO, {"NOTES.md": "pushed meanwhile"}, branch=branch))

    fake.before_mutation = someone_pushes_to_the_branch
    result = run(tmp_path, fake, example_feed(), publish="pull-request")

    assert result.returncode == 0, result.stdout
    assert fake.count("mutation") == 2  # STALE_DATA, then the retry on the rebuilt branch
    head = fake.commit_record(REPO, fake.head(REPO, branch))
    assert head.parent == fake.head(REPO)  # rebuilt on the base head: the action owns this branch
    assert fake.file_bytes(REPO, "README.md", branch).decode().count("[Apply](") == 12
    assert len(fake.pulls(REPO)) == 1


def test_c5_two_runs_at_once_with_the_same_data_make_one_commit(tmp_path, fake):
    fake.add_repo(REPO, {"README.md": "# Mine\n\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n\nFooter\n"})
    envs = run_at_once(tmp_path, fake, [example_feed(), example_feed()])

    statuses = sorted(json_report(env)[0]["status"] for env in envs)
    assert statuses == ["unchanged", "updated"]
    assert fake.commit_count(REPO) == 2  # the initial commit and one run's
    readme = fake.file_bytes(REPO, "README.md").decode()
    assert readme.startswith("# Mine\n") and readme.endswith("\nFooter\n") and readme.count("[Apply](") == 12


def run_at_once(tmp_path, fake, feeds):
    """Start one ``entrypoint.py`` per feed at the same moment, each in its own workspace; wait for all of them."""
    envs = []
    for number, feed in enumerate(feeds):
        workspace = tmp_path / f"run{number}"
        workspace.mkdir()
        env = runner_env(workspace, fake, {"sources": write_feed(workspace, feed)})
        for variable in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
            Path(env[variable]).write_text("", encoding="utf-8")
        envs.append(env)
    processes = [
        subprocess.Popen([sys.executable, str(ROOT / "entrypoint.py")], env=env, cwd=env["GITHUB_WORKSPACE"])
        for env in envs
    ]
    assert [process.wait(timeout=120) for process in processes] == [0] * len(envs)
    return envs


def json_report(env):
    return json.loads(read_outputs(Path(env["GITHUB_OUTPUT"]))["report"])


def test_c5_two_runs_at_once_with_different_data_leave_one_complete_render(tmp_path, fake):
    fake.add_repo(REPO, {"README.md": "# Mine\n\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n\nFooter\n"})
    run_at_once(tmp_path, fake, [example_feed(), {"jobs": example_feed()["jobs"][:9]}])
    readme = fake.file_bytes(REPO, "README.md").decode()
    assert readme.startswith("# Mine\n") and readme.endswith("\nFooter\n")
    assert readme.count("<!-- JOBS:START -->") == readme.count("<!-- JOBS:END -->") == 1
    assert readme.count("[Apply](") in (9, 12)


class StepClock:
    """The fake's commit dates: 55 days ago while the test sets up, the real time afterwards."""

    def __init__(self) -> None:
        self.offset = timedelta(days=55)

    def __call__(self) -> datetime:
        return datetime.now(UTC).replace(microsecond=0) - self.offset


@pytest.mark.parametrize("event", ["schedule", "workflow_dispatch"])
def test_d11_a_quiet_schedule_warns_once_about_the_60_day_rule(tmp_path, event):
    clock = StepClock()
    with FakeGitHub(clock=clock) as fake:
        fake.add_repo(REPO, {})
        fake.add_repo("acme/second-list", {})
        feed = example_feed()
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, feed)}, repository=REPO)
        env["INPUT_REPOSITORIES"] = f"{REPO}, acme/second-list"
        env["GITHUB_EVENT_NAME"] = "workflow_dispatch"
        assert run_entrypoint(env).returncode == 0  # both lists committed, 55 days ago on the fake's clock
        fake.clear_requests()

        quiet = run_entrypoint({**env, "GITHUB_EVENT_NAME": event})

        assert quiet.returncode == 0
        assert fake.count("mutation") == 0  # no dummy commit
        assert fake.count("query") == 1  # the workflow's repository is read in the same query
        warnings = [line for line in quiet.stdout.splitlines() if "title=Schedule may stop" in line]
        if event == "workflow_dispatch":
            assert warnings == []
            return
        assert len(warnings) == 1
        assert f"the last commit in {REPO} was 55 days ago" in warnings[0]
        assert "workflow_dispatch" in warnings[0] and "actions: write" in warnings[0]


def test_d11_no_warning_when_the_run_commits(tmp_path):
    with FakeGitHub(clock=StepClock()) as fake:
        fake.add_repo(REPO, {})
        result = run(tmp_path, fake, example_feed())
        assert result.report[0]["status"] == "updated"
        assert "Schedule may stop" not in result.stdout
