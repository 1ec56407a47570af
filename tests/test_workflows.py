"""Every workflow we ship or show (.github/workflows, docs/examples, the README) follows the hygiene rules (D9).

The rules: actions pinned by full commit SHA with a `# vX.Y.Z` comment; top-level permissions read-only, writes
granted per job and only where something is written; `timeout-minutes` on every job; a `concurrency` group that
never cancels a writing run; schedules off minute 0 and with `workflow_dispatch`; no `pull_request_target`; no
`${{ }}` inside `run:` (values reach scripts through `env:`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from jobs_action.config.load import load_settings
from jobs_action.config.settings import Settings
from jobs_action.select.places.filter import NO_LOCATION

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
LISTS_FILE = EXAMPLES / "awesome-jobs.yml"
# This action, as the examples call it: by the placeholder owner, from the checkout, or as the released image.
OWN_ACTION = re.compile(r"(OWNER/awesome-jobs-action@.+|\./|docker://ghcr\.io/OWNER/awesome-jobs-action[:@].+)")
PINNED = re.compile(r"[A-Za-z0-9-]+/[A-Za-z0-9._/-]+@[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"#\s*v\d+\.\d+\.\d+\b")
WRITE_SCOPES_BY_JOB = {
    # workflow file, job id -> the write scopes it may hold; jobs that run this action are allowed below.
    ("release.yml", "image"): {"packages"},
    ("release.yml", "release"): {"contents"},
}


@dataclass(frozen=True)
class Workflow:
    name: str  # file name, or README.md#N for the N-th YAML block of the README
    text: str
    data: dict[Any, Any]

    @property
    def triggers(self) -> dict[str, Any]:
        # PyYAML reads the bare key `on` as the boolean True.
        on = self.data.get("on", self.data.get(True))
        if isinstance(on, str):
            return {on: None}
        if isinstance(on, list):
            return dict.fromkeys(on)
        assert isinstance(on, dict), f"{self.name}: `on:` is missing or malformed"
        return on

    @property
    def jobs(self) -> dict[str, dict[str, Any]]:
        return self.data["jobs"]


def _load(name: str, text: str) -> Workflow:
    return Workflow(name, text, yaml.safe_load(text))


def readme_workflows() -> list[Workflow]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```ya?ml\n(.*?)^```", readme, re.MULTILINE | re.DOTALL)
    found = []
    for number, block in enumerate(blocks, start=1):
        data = yaml.safe_load(block)
        if isinstance(data, dict) and "jobs" in data:
            found.append(Workflow(f"README.md#{number}", block, data))
    return found


def example_files() -> list[Path]:
    return sorted(path for path in EXAMPLES.glob("*.y*ml") if path != LISTS_FILE)


def repository_workflows() -> list[Workflow]:
    paths = sorted((ROOT / ".github" / "workflows").glob("*.y*ml")) + example_files()
    return [_load(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in paths]


WORKFLOWS = repository_workflows() + readme_workflows()
WORKFLOW_IDS = [workflow.name for workflow in WORKFLOWS]


def steps(workflow: Workflow) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow.jobs.items() for step in job.get("steps", [])]


def runs_this_action(job: dict[str, Any]) -> bool:
    return any(OWN_ACTION.fullmatch(step.get("uses", "")) for step in job.get("steps", []))


def write_scopes(permissions: Any) -> set[str]:
    if permissions in ("write-all", "read-all"):
        return {"*"} if permissions == "write-all" else set()
    return {scope for scope, level in (permissions or {}).items() if level == "write"}


def minutes(field: str) -> set[int]:
    """The minutes a cron minute field fires on (`*`, `*/n`, `a-b`, `a-b/n`, lists)."""
    fired: set[int] = set()
    for part in field.split(","):
        span, _, step = part.partition("/")
        low, high = (0, 59) if span == "*" else (int(span.split("-")[0]), int(span.split("-")[-1]))
        fired.update(range(low, high + 1, int(step or 1)))
    return fired


def test_the_repository_ships_the_expected_workflows_and_examples():
    names = {workflow.name for workflow in WORKFLOWS}
    assert {".github/workflows/ci.yml", ".github/workflows/release.yml"} <= names
    expected = {"daily", "family", "matrix", "cross-repo", "pull-request", "prebuilt-image"}
    assert {f"docs/examples/{name}.yml" for name in expected} <= names
    assert readme_workflows(), "the README shows no workflow"


@pytest.mark.parametrize("path", example_files(), ids=lambda path: path.name)
def test_every_yaml_file_in_docs_examples_is_a_workflow_or_the_lists_file(path):
    assert "jobs" in yaml.safe_load(path.read_text(encoding="utf-8")), f"{path.name} is not a workflow"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_every_action_is_pinned_by_a_full_commit_sha_with_its_version(workflow):
    for job_id, step in steps(workflow):
        uses = step.get("uses")
        if uses is None or OWN_ACTION.fullmatch(uses):
            continue
        assert PINNED.fullmatch(uses), f"{workflow.name}: job {job_id}: {uses} is not pinned by a 40-hex commit SHA"
        line = next(line for line in workflow.text.splitlines() if f"uses: {uses}" in line)
        assert VERSION_COMMENT.search(line), f"{workflow.name}: `{line.strip()}` needs a `# vX.Y.Z` comment"


def test_each_action_is_pinned_to_one_commit_and_one_version_everywhere():
    pins: dict[str, set[str]] = {}
    for workflow in WORKFLOWS:
        for line in workflow.text.splitlines():
            match = re.search(r"uses: ([^@\s]+)@([0-9a-f]{40})\s*#\s*(\S+)", line)
            if match:
                pins.setdefault(match[1], set()).add(f"{match[2]} {match[3]}")
    assert pins
    assert {action: pin for action, pin in pins.items() if len(pin) > 1} == {}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_top_level_permissions_are_read_only(workflow):
    assert "permissions" in workflow.data, f"{workflow.name}: set top-level `permissions: contents: read`"
    top = workflow.data["permissions"]
    assert top == {} or top == {"contents": "read"}, f"{workflow.name}: top-level permissions {top!r}"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_write_permissions_are_granted_only_to_jobs_that_write(workflow):
    file_name = Path(workflow.name).name
    for job_id, job in workflow.jobs.items():
        granted = write_scopes(job.get("permissions"))
        allowed = WRITE_SCOPES_BY_JOB.get((file_name, job_id), set())
        if runs_this_action(job):
            allowed = allowed | {"contents", "pull-requests"}
        assert granted <= allowed, f"{workflow.name}: job {job_id} holds {sorted(granted - allowed)} write access"
        if "pull-requests" in granted:
            assert "publish: pull-request" in workflow.text, f"{workflow.name}: job {job_id} opens no pull request"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_every_job_has_a_timeout(workflow):
    for job_id, job in workflow.jobs.items():
        assert isinstance(job.get("timeout-minutes"), int), f"{workflow.name}: job {job_id} needs `timeout-minutes`"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_every_job_is_in_a_concurrency_group_that_never_cancels_a_write(workflow):
    for job_id, job in workflow.jobs.items():
        concurrency = job.get("concurrency", workflow.data.get("concurrency"))
        assert isinstance(concurrency, dict), f"{workflow.name}: job {job_id} needs a `concurrency` group"
        assert concurrency.get("group"), f"{workflow.name}: job {job_id}: the concurrency group has no name"
        writes = any(write_scopes(other.get("permissions")) for other in workflow.jobs.values())
        if writes:
            assert concurrency.get("cancel-in-progress") is False, (
                f"{workflow.name}: a workflow that writes must set `cancel-in-progress: false`"
            )


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_schedules_avoid_minute_zero_and_come_with_workflow_dispatch(workflow):
    schedule = workflow.triggers.get("schedule")
    if schedule is None:
        return
    assert "workflow_dispatch" in workflow.triggers, f"{workflow.name}: a schedule needs `workflow_dispatch` too"
    for entry in schedule:
        assert 0 not in minutes(entry["cron"].split()[0]), f"{workflow.name}: cron {entry['cron']!r} fires at :00"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_no_workflow_runs_on_pull_request_target(workflow):
    assert "pull_request_target" not in workflow.triggers


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_d9_run_scripts_contain_no_expressions(workflow):
    for job_id, step in steps(workflow):
        assert "${{" not in step.get("run", ""), f"{workflow.name}: job {job_id}: pass values to `run:` via `env:`"


def _shipped_workflows() -> list[Path]:
    folders = [ROOT / ".github" / "workflows", ROOT / "docs" / "examples"]
    return sorted(path for folder in folders for path in folder.glob("*.y*ml"))


def test_d9_every_shipped_workflow_pins_third_party_actions_and_avoids_pull_request_target():
    workflows = [path for path in _shipped_workflows() if "jobs:" in path.read_text(encoding="utf-8")]
    assert workflows, "no workflow YAML found in .github/workflows or docs/examples"
    for path in workflows:
        text = path.read_text(encoding="utf-8")
        assert "pull_request_target" not in text, path
        for uses in re.findall(r"uses:\s*([^\s#]+)", text):
            if uses.startswith(("./", "docker://")) or "awesome-jobs-action" in uses:
                continue
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", uses), f"{path.name}: {uses} is not pinned by SHA"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=WORKFLOW_IDS)
def test_checkouts_do_not_keep_the_token_on_disk(workflow):
    for job_id, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert (step.get("with") or {}).get("persist-credentials") is False, (
                f"{workflow.name}: job {job_id}: set `persist-credentials: false` on actions/checkout"
            )


def test_ci_runs_the_test_command_and_the_action_itself_in_dry_run():
    ci = _load("ci.yml", (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert {"push", "pull_request"} <= set(ci.triggers)
    assert any(step.get("run") == "bash .ci/run" for step in ci.jobs["test"]["steps"])
    action = next(step for step in ci.jobs["action"]["steps"] if step.get("uses") == "./")
    assert action["with"]["dry-run"] is True
    assert action["with"]["github-token"] == "${{ github.token }}"
    # The example jobs, dated to today by the step before (max-age-days accepts 1-365; the jobs are from 2025).
    dating = ci.jobs["action"]["steps"][ci.jobs["action"]["steps"].index(action) - 1]
    assert "examples/jobs.json" in dating["run"] and action["with"]["sources"] == "file:ci-jobs.json"
    assert 1 <= action["with"]["max-age-days"] <= 365
    check = ci.jobs["action"]["steps"][-1]
    assert f"steps.{action['id']}.outputs.jobs-count" in str(check["env"]) and "JOBS_COUNT" in check["run"]


def test_release_pushes_the_image_before_any_tag_points_at_it():
    """The release workflow (CONTRIBUTING.md, "Release"): one dispatch with a version; tests, then the
    multi-platform image, then the check of the pushed image, and only then the release commit and the tags."""
    release = _load("release.yml", (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    assert set(release.triggers) == {"workflow_dispatch"}
    version = release.triggers["workflow_dispatch"]["inputs"]["version"]
    assert version["required"] is True and version["type"] == "string"
    jobs = release.jobs
    assert jobs["test"]["needs"] == "plan"
    assert jobs["image"]["needs"] == ["plan", "test"]
    assert jobs["release"]["needs"] == ["plan", "image"]
    assert any(step.get("run") == "bash .ci/run" for step in jobs["test"]["steps"])
    uses = [step.get("uses", "").split("@")[0] for step in jobs["image"]["steps"]]
    assert {"docker/setup-qemu-action", "docker/setup-buildx-action", "docker/build-push-action"} <= set(uses)
    build = next(step for step in jobs["image"]["steps"] if step.get("uses", "").startswith("docker/build-push"))
    assert build["with"]["platforms"] == "linux/amd64,linux/arm64" and build["with"]["push"] is True
    assert build["with"]["context"] == "."
    assert build["with"]["tags"] == "${{ needs.plan.outputs.image-tags }}"
    assert jobs["image"]["outputs"]["digest"] == f"${{{{ steps.{build['id']}.outputs.digest }}}}"
    # The release job: the pushed image checked first, then action.yml rewritten and the tags set, in that order.
    runs = [step.get("run", "") for step in jobs["release"]["steps"]]
    check = next(index for index, run in enumerate(runs) if "release_action_yml.py verify-image" in run)
    tags = next(index for index, run in enumerate(runs) if "git/refs" in run)
    assert check < tags
    assert runs[tags].index("release_action_yml.py rewrite") < runs[tags].index("refs/tags/$VERSION")
    assert "PATCH" in runs[tags] and "$MOVING" in runs[tags]
    assert not any("git push" in run for run in runs)  # the API, no git credentials on disk
    plan = jobs["plan"]["steps"][-1]["run"]
    assert "release_action_yml.py plan" in plan and "release_action_yml.py notes" in plan


def lists_file_settings() -> Settings:
    env = {
        "INPUT_GITHUB-TOKEN": "t",
        "GITHUB_REPOSITORY": "OWNER/lists",
        "GITHUB_WORKSPACE": str(EXAMPLES),
        "INPUT_CONFIG": LISTS_FILE.name,
    }
    return load_settings(env)


def test_the_example_lists_file_defines_the_seven_list_family():
    lists = {spec.name: spec for spec in lists_file_settings().lists}
    assert list(lists) == ["backend", "frontend", "devops", "india", "usa", "senior", "high-paying"]
    assert [lists[name].category for name in ("backend", "frontend", "devops")] == ["backend", "frontend", "devops"]
    assert all(lists[name].category == "tech" for name in ("india", "usa", "senior", "high-paying"))
    assert [lists[name].title for name in ("india", "usa", "senior", "high-paying")] == [
        "Tech Jobs in India",
        "Tech Jobs in the USA",
        "Senior Tech Jobs",
        "High Paying Tech Jobs",
    ]
    assert lists["india"].location != NO_LOCATION and lists["usa"].location != NO_LOCATION
    assert lists["senior"].seniority == "senior"
    assert lists["high-paying"].min_salary is not None
    for spec in lists.values():
        assert len(spec.targets) == 1 and spec.targets[0].repository.startswith("OWNER/")
        assert len(spec.related_lists) == 6, f"{spec.name} should link the six other lists"


def test_matrix_and_app_tokens_cover_exactly_the_lists_of_the_lists_file():
    specs = lists_file_settings().lists
    names = [spec.name for spec in specs]
    repositories = {spec.targets[0].repository.split("/")[1] for spec in specs}
    matrix = yaml.safe_load((EXAMPLES / "matrix.yml").read_text(encoding="utf-8"))
    assert matrix["jobs"]["update"]["strategy"]["matrix"]["list"] == names
    for name in ("family.yml", "matrix.yml"):
        workflow = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
        token = next(s for s in workflow["jobs"]["update"]["steps"] if "create-github-app-token" in s.get("uses", ""))
        assert set(re.split(r"[,\s]+", token["with"]["repositories"].strip())) == repositories, name
