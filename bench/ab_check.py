"""A/B identity check: every output of the pipeline at a base revision and at the working tree, byte for byte.

    .venv/bin/python bench/ab_check.py                 # base 58b44b3, corpora of 1,000, 10,000 and 100,000 jobs
    .venv/bin/python bench/ab_check.py --base HEAD~3 --jobs 10000

The base revision is exported with ``git archive`` into a temporary folder (no checkout, no stash: the working tree
is untouched). Each case then runs once per tree, each run in a fresh interpreter whose ``sys.path`` starts with
that tree, on the same input bytes and at the same fixed time:

- **corpus N**: the benchmark corpus (``bench/corpus.py``, N jobs in six ``file:`` feeds) through the seven-list
  family of ``bench/throughput.py`` as a lists file, with a data file and an Atom feed per list, rendered by
  ``python -m jobs_action --config ... --output-dir DIR`` (every README, data file and feed, and what it prints);
- **action N**: the same corpus and lists through the action itself (``jobs_action.main.main`` with a runner's
  environment) against the fake GitHub of ``tests/fakes``: every file committed, every commit headline, the step
  summary, the outputs and the log;
- **normalized N**: a digest of every ``FeedResult`` the six feeds parse into (every job and every skip, all fields);
- **sources**: every recorded provider payload of ``tests/data/sources`` through its provider, in full;
- **example**: ``python -m jobs_action --example --output-dir DIR``;
- **family**: ``python -m jobs_action --example --config docs/examples/awesome-jobs.yml --output-dir DIR``.

Prints one line per case and exits 1 when any output differs (naming the first differing file and line).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASE = "58b44b3"
SIZES = (1_000, 10_000, 100_000)
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # bench/throughput.py NOW: the corpus is dated relative to it
CASES = ("corpus", "action", "normalized")  # per corpus size
FIXED_CASES = ("sources", "example", "family")
PROVIDER_FIXTURES = {
    "remotive.json": "remotive",
    "arbeitnow.json": "arbeitnow",
    "remoteok.json": "remoteok",
    "himalayas.json": "himalayas",
    "jobicy.json": "jobicy",
    "jobicy_2024.json": "jobicy",
    "wwr.xml": "weworkremotely",
    "greenhouse.json": "greenhouse",
    "lever.json": "lever",
    "ashby.json": "ashby",
    "workable.json": "workable",
    "smartrecruiters.json": "smartrecruiters",
    "hn_algolia_comments.json": "hn",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default=BASE, help=f"the revision to compare with (default {BASE})")
    parser.add_argument("--jobs", default=",".join(map(str, SIZES)), help="corpus sizes, comma separated")
    parser.add_argument("--drive", nargs=4, metavar=("CASE", "TREE", "WORKSPACE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.drive:
        drive(*args.drive)
        return 0
    sizes = [int(size) for size in args.jobs.split(",") if size]
    return compare(args.base, sizes)


# --- the comparison (runs with the working tree) ---------------------------------------------------------------


def compare(base: str, sizes: Sequence[int]) -> int:
    revision = _git("rev-parse", "--short", base)
    dirty = " with uncommitted changes" if _git("status", "--porcelain", "--untracked-files=no") else ""
    print(
        f"A/B identity check: base {revision} against the working tree ({_git('rev-parse', '--short', 'HEAD')}"
        f"{dirty}), now = {NOW.isoformat()}"
    )
    failures = 0
    with tempfile.TemporaryDirectory(prefix="ab-check-") as tmp:
        root = Path(tmp)
        base_tree = root / "base"
        base_tree.mkdir()
        archive = subprocess.run(["git", "archive", base], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base_tree)], input=archive, check=True)
        cases: list[tuple[str, str, Path]] = []
        for size in sizes:
            workspace = root / f"corpus-{size}"
            write_corpus(workspace, size)
            cases += [(f"{case} {size:,}", case, workspace) for case in CASES]
        cases += [(case, case, ROOT) for case in FIXED_CASES]
        for label, case, workspace in cases:
            outputs = [root / "out" / side / label.replace(" ", "-").replace(",", "") for side in ("a", "b")]
            for tree, out in zip((base_tree, ROOT), outputs, strict=True):
                run_case(case, tree, workspace, out)
            verdict = diff_trees(*outputs)
            failures += verdict is not None
            files = sum(1 for path in outputs[1].rglob("*") if path.is_file())
            size_bytes = sum(path.stat().st_size for path in outputs[1].rglob("*") if path.is_file())
            shown = "identical" if verdict is None else f"DIFFERENT: {verdict}"
            print(f"  {label:<20} {files:>3} files, {size_bytes / 1024:>8.1f} KiB: {shown}", flush=True)
    print("A/B: every output identical" if not failures else f"A/B: {failures} case(s) differ")
    return 1 if failures else 0


def write_corpus(workspace: Path, size: int) -> None:
    """Six ``file:`` feeds of the benchmark corpus and a lists file of the seven-list family."""
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import yaml
    from corpus import FeedGenerator, load_seeds
    from throughput import FAMILY

    workspace.mkdir(parents=True)
    sources = []
    for number, content in enumerate(FeedGenerator(load_seeds(), NOW).feeds(size)):
        workspace.joinpath(f"feed{number}.json").write_bytes(content)
        sources.append(f"file:feed{number}.json")
    document = {
        "defaults": {
            "sources": sources,
            "max-age-days": 15,
            "max-jobs": 50,
            "link-query": "utm=github",
            "data-file": "jobs.json",
            "feed-file": "jobs.atom",
        },
        "lists": [{**entry, "repository": f"acme/{entry['name']}-jobs"} for entry in FAMILY],
    }
    workspace.joinpath("lists.yml").write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")


def run_case(case: str, tree: Path, workspace: Path, out: Path) -> None:
    out.mkdir(parents=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--drive", case, str(tree), str(workspace), str(out)]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("INPUT_", "GITHUB_"))}
    completed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=workspace, check=False)
    out.joinpath("_driver.txt").write_text(f"exit {completed.returncode}\n{completed.stderr}", encoding="utf-8")
    if completed.returncode != 0:
        raise RuntimeError(f"{case} at {tree} failed:\n{completed.stderr}")


def diff_trees(a: Path, b: Path) -> str | None:
    """``None`` when both folders hold the same files with the same bytes, else what differs first."""
    files_a = sorted(path.relative_to(a) for path in a.rglob("*") if path.is_file())
    files_b = sorted(path.relative_to(b) for path in b.rglob("*") if path.is_file())
    if files_a != files_b:
        return f"files {sorted(set(map(str, files_a)) ^ set(map(str, files_b)))[:5]} on one side only"
    for relative in files_a:
        left, right = (a / relative).read_bytes(), (b / relative).read_bytes()
        if left != right:
            lines = difflib.unified_diff(
                left.decode("utf-8", "replace").splitlines(), right.decode("utf-8", "replace").splitlines(), n=0
            )
            changed = [line for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---")]
            return f"{relative}: {' / '.join(line[:160] for line in changed[:2])}"
    return None


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()


# --- one case at one tree (runs in a fresh interpreter with that tree first on sys.path) ------------------------


def drive(case: str, tree: str, workspace: str, out: str) -> None:
    sys.path[:0] = [tree, str(ROOT / "tests")]  # the tree's jobs_action; the working tree's test fakes
    _freeze_cli_clock()
    output, folder = Path(out), Path(workspace)
    size_case = {"corpus": _corpus, "action": _action, "normalized": _normalized}
    fixed_case = {"sources": _sources, "example": _example, "family": _family}
    if case in size_case:
        size_case[case](folder, output)
    else:
        fixed_case[case](Path(tree), output)


def _freeze_cli_clock() -> None:
    """The command line reads ``datetime.now``: both trees render at ``NOW``."""
    import jobs_action.cli as cli

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            return NOW.astimezone(tz) if tz else NOW.replace(tzinfo=None)

    cli.datetime = Frozen  # type: ignore[misc]


def _cli(argv: list[str], output: Path) -> None:
    from jobs_action.cli import main as cli_main

    printed = io.StringIO()
    with redirect_stdout(printed), redirect_stderr(printed):
        code = cli_main([*argv, "--output-dir", str(output / "files")])
    text = printed.getvalue().replace(str((output / "files").resolve()), "OUT")
    output.joinpath("printed.txt").write_text(f"exit {code}\n{text}", encoding="utf-8")


def _corpus(workspace: Path, output: Path) -> None:
    os.environ["GITHUB_WORKSPACE"] = str(workspace)
    _cli(["--config", "lists.yml"], output)


def _example(tree: Path, output: Path) -> None:
    os.chdir(tree)
    _cli(["--example"], output)


def _family(tree: Path, output: Path) -> None:
    os.chdir(tree)
    _cli(["--example", "--config", "docs/examples/awesome-jobs.yml"], output)


def _action(workspace: Path, output: Path) -> None:
    import yaml
    from fake_clock import FakeClock
    from fakes.github import FakeGitHub
    from runner import read_outputs, runner_env

    from jobs_action.clock import Clock
    from jobs_action.main import main as action_main

    lists = yaml.safe_load(workspace.joinpath("lists.yml").read_text(encoding="utf-8"))["lists"]
    clock = FakeClock(start=NOW.timestamp())
    with FakeGitHub(clock=lambda: NOW) as fake:
        for entry in lists:
            fake.add_repo(entry["repository"], {"LICENSE": "MIT"})
        env = runner_env(workspace, fake, {"config": "lists.yml"}, repository="acme/lists")
        env["GITHUB_OUTPUT"] = str(output / "github_output.txt")
        env["GITHUB_STEP_SUMMARY"] = str(output / "step_summary.md")
        for name in ("GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
            Path(env[name]).write_text("", encoding="utf-8")
        log = io.StringIO()
        with redirect_stdout(log), redirect_stderr(log):
            code = action_main(env, log, Clock(monotonic=clock, sleep=clock.sleep, wall=clock))
        text = log.getvalue().replace(fake.base_url, "http://github.test")
        output.joinpath("log.txt").write_text(f"exit {code}\n{text}", encoding="utf-8")
        outputs = read_outputs(Path(env["GITHUB_OUTPUT"]))
        output.joinpath("outputs.json").write_text(
            json.dumps(outputs, indent=1, sort_keys=True).replace(fake.base_url, "http://github.test"),
            encoding="utf-8",
        )
        Path(env["GITHUB_OUTPUT"]).unlink()
        for entry in lists:
            repository = entry["repository"]
            for path, content in sorted(fake.files(repository).items()):
                target = output / "committed" / repository / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.replace(fake.base_url.encode(), b"http://github.test"))
            headlines = [record.headline for record in fake.history(repository)]
            output.joinpath("committed", repository, "_headlines.txt").write_text("\n".join(headlines) + "\n")


def _normalized(workspace: Path, output: Path) -> None:
    from jobs_action.sources.feed import parse_feed

    digests = []
    for path in sorted(workspace.glob("feed*.json")):
        result = parse_feed(path.read_bytes(), f"file:{path.name}")
        # Every job and every skip, not the FeedResult's own repr: a newer tree may add a field (a count) to it.
        digest = hashlib.sha256(repr((result.source, result.jobs, result.skipped)).encode("utf-8")).hexdigest()
        digests.append(f"{path.name}: {len(result.jobs)} jobs, {len(result.skipped)} skipped, sha256 {digest}")
    output.joinpath("normalized.txt").write_text("\n".join(digests) + "\n", encoding="utf-8")


def _sources(tree: Path, output: Path) -> None:
    import importlib

    fixtures = ROOT / "tests" / "data" / "sources"
    for name, module in PROVIDER_FIXTURES.items():
        parse = importlib.import_module(f"jobs_action.sources.{module}").parse
        result = parse(fixtures.joinpath(name).read_bytes(), module)
        lines = [repr(job) for job in result.jobs] + [repr(skip) for skip in result.skipped]
        output.joinpath(f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
