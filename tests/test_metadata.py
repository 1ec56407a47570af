"""action.yml, README.md and the code stay in step: every input is documented with its default and read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import yaml

from jobs_action.cli import INPUT_OPTIONS
from jobs_action.cli import main as cli_main
from jobs_action.config.inputs import RUN_INPUTS, default, list_inputs
from jobs_action.config.load import load_list, load_settings

ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Inputs whose empty default is computed from the category; the README spells the result out.
COMPUTED_DEFAULTS = {
    "title": "`Awesome <Category> Jobs`",
    "description": "`A curated list of the best <category> developer jobs, updated daily.`",
}


def readme_table(heading: str) -> dict[str, list[str]]:
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.split("\n"):
        match = re.match(r"\| `([a-z-]+)` \|(.*)\|$", line)
        if match:
            rows[match[1]] = [cell.strip() for cell in match[2].split(" | ")]
    return rows


class RecordingEnv(Mapping[str, str]):
    """An environment that remembers which variables were looked up."""

    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.asked: set[str] = set()

    def __getitem__(self, key: str) -> str:
        self.asked.add(key)
        return self.values[key]

    def get(self, key, default=None):  # type: ignore[no-untyped-def]
        self.asked.add(key)
        return self.values.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)


def test_every_action_input_is_in_the_readme_table_and_nothing_more():
    assert set(readme_table("Inputs")) == set(ACTION["inputs"])


def test_every_action_output_is_in_the_readme_table_and_nothing_more():
    assert set(readme_table("Outputs")) == set(ACTION["outputs"])


@pytest.mark.parametrize("input_id", sorted(ACTION["inputs"]))
def test_readme_default_equals_action_default(input_id):
    default = str(ACTION["inputs"][input_id].get("default", ""))
    documented = readme_table("Inputs")[input_id][0]
    assert documented == (f"`{default}`" if default else COMPUTED_DEFAULTS.get(input_id, "empty"))


@pytest.mark.parametrize("input_id", sorted(ACTION["inputs"]))
def test_code_defaults_are_the_action_defaults(input_id):
    declared = str(ACTION["inputs"][input_id].get("default", ""))
    assert default(input_id) == ("" if "${{" in declared else declared)


def test_an_undocumented_input_has_no_default():
    with pytest.raises(KeyError):
        default("max-age")


def test_every_list_input_is_read_by_the_list_loader():
    given = RecordingEnv({"sources": "file:jobs.json"})
    load_list(given, repository="o/r")
    assert given.asked == set(ACTION["inputs"]) - set(RUN_INPUTS)


def test_every_action_input_is_read_by_the_configuration():
    env = RecordingEnv({"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "INPUT_SOURCES": "file:jobs.json"})
    load_settings(env)
    for input_id in ACTION["inputs"]:
        assert f"INPUT_{input_id.upper()}" in env.asked, f"{input_id} is documented but never read"


def test_the_configuration_reads_no_undocumented_input():
    env = RecordingEnv({"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "INPUT_SOURCES": "file:jobs.json"})
    load_settings(env)
    read = {name.removeprefix("INPUT_").lower().replace("_", "-") for name in env.asked if name.startswith("INPUT_")}
    assert read <= set(ACTION["inputs"])


def test_every_input_is_either_a_list_input_or_a_run_input():
    assert set(list_inputs()) | set(RUN_INPUTS) == set(ACTION["inputs"])
    assert set(RUN_INPUTS) <= set(ACTION["inputs"])
    assert not set(list_inputs()) & set(RUN_INPUTS)


def test_command_line_offers_every_input():
    assert set(INPUT_OPTIONS) == set(ACTION["inputs"])


def test_ci_runs_the_readme_test_command_exactly():
    command = re.search(r"```sh\n(python3 -m venv .*requirements-dev\.txt.*pytest)\n```", README)
    assert command, "the Quick start has no test command"
    assert command[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").split("\n")


def test_c15_the_readme_recommends_paths_ignore_or_no_push_trigger():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "paths-ignore" in readme


def test_dockerfile_uses_an_exec_form_entrypoint_and_no_user():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert 'ENTRYPOINT ["python", "/app/entrypoint.py"]' in dockerfile
    assert "\nUSER " not in dockerfile
    assert re.search(r"^FROM python:3\.12\.\d+-slim", dockerfile, re.MULTILINE)
    assert ACTION["runs"] == {"using": "docker", "image": "Dockerfile"}


def test_d8_the_image_starts_python_in_exec_form_as_root_without_a_workdir():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    instructions = [line.split(None, 1) for line in dockerfile.split("\n") if line and not line.startswith("#")]
    names = [parts[0].upper() for parts in instructions if parts and parts[0].isalpha()]
    assert names.count("ENTRYPOINT") == 1 and "USER" not in names and "WORKDIR" not in names and "CMD" not in names
    entrypoint = next(parts[1] for parts in instructions if parts[0].upper() == "ENTRYPOINT")
    assert json.loads(entrypoint) == ["python", "/app/entrypoint.py"]
    base = next(parts[1] for parts in instructions if parts[0].upper() == "FROM")
    version = re.match(r"python:(\d+)\.(\d+)\.(\d+)", base)
    assert version and tuple(map(int, version.groups())) >= (3, 11, 4), base  # CVE-2023-24329 fixed
    assert re.search(r"@sha256:[0-9a-f]{64}$", base.strip()), base
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"] == {"using": "docker", "image": "Dockerfile"}


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").split("\n"):
            requirement = line.split("#")[0].strip()
            if requirement and not requirement.startswith("-r"):
                assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][^ ]*", requirement), f"{name}: {requirement} is not pinned"


def test_command_line_help_lists_every_option_with_its_default(capsys):
    with pytest.raises(SystemExit) as exited:
        cli_main(["--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for input_id in ACTION["inputs"]:
        assert f"--{input_id}" in text
    assert "(default: %b %d)" in text and "--output-dir" in text and "--example" in text


def test_the_image_carries_action_yml_where_the_inputs_are_read_from():
    from jobs_action.config.inputs import ACTION_FILE

    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert ACTION_FILE == ROOT / "action.yml"
    assert re.search(r"^COPY action\.yml /app/action\.yml$", dockerfile, re.MULTILINE)
    assert re.search(r"^COPY jobs_action /app/jobs_action$", dockerfile, re.MULTILINE)
