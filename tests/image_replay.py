"""Replaying the Dockerfile without Docker: the image's file tree laid out in a folder, its RUN steps run there.

``replay`` reads the Dockerfile with dockerfile-parse and goes through its instructions in order, the way a build
does, on an image root in a temporary folder (``/app`` becomes ``<root>/app``):

- ``FROM``: a fresh virtual environment stands in for the base image's Python (``python`` and ``pip`` on PATH,
  nothing else installed: ``python_base``);
- ``ENV``: the variables hold for the later steps and for the entry point, as in the image;
- ``COPY``: files of the build context, after ``.dockerignore``, copied as ``COPY`` does (a folder's contents
  into the destination folder; a file to the destination path, or into it when it ends with ``/``);
- ``RUN``: the shell command, with the image's absolute paths moved onto the root. Only ``pip`` and ``python``
  are known programs. ``pip install`` gets ``--no-index``: the tests may not download, so the runtime
  distributions are put into the environment beforehand and pip must find every requirement already satisfied
  (it fails on a missing one);
- ``ENTRYPOINT``: the exec form, kept with its paths moved onto the root.

Anything else (a multi-stage build, ``ARG``, ``WORKDIR``, ``USER``, wildcards, ``--from``) fails loudly: the
replay does not guess. What it cannot show is the base image itself: its Python version, its libraries, its
platform. The image is built and run on GitHub (CI's `uses: ./` job, the release workflow).
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from distributions import Installed
from dockerfile_parse import DockerfileParser

KNOWN_PROGRAMS = {"pip", "python"}
# An absolute path of the image, in a command or an argument: "/app", "/app/requirements.txt".
_IMAGE_PATH = r"(?<![\w./-]){prefix}(?=/|$|[\s\"'])"


class ReplayError(AssertionError):
    """The Dockerfile does not replay: a step failed, or it uses something this replay does not model."""


@dataclass
class Image:
    root: Path  # "/" of the image
    env: dict[str, str]  # ENV of the last stage, plus the base image's PATH
    entrypoint: list[str]  # exec form, paths moved onto the root
    copied: list[Path] = field(default_factory=list)  # the destinations of COPY, under the root
    steps: list[str] = field(default_factory=list)  # what ran, for failure messages

    def path(self, image_path: str) -> Path:
        return self.root / image_path.lstrip("/")


def python_base(folder: Path) -> Path:
    """A fresh virtual environment with pip, standing in for the base image's Python; returns its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, capture_output=True, timeout=300)
    return folder / "bin"


def install_distributions(bin_folder: Path, distributions: list[Installed]) -> Path:
    """Copy each distribution's files (as its RECORD lists them) into the environment's site-packages."""
    site_packages = site_packages_of(bin_folder)
    for distribution in distributions:
        for path in distribution.files:
            target = site_packages / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(distribution.site_packages / path, target)
    return site_packages


def site_packages_of(bin_folder: Path) -> Path:
    completed = subprocess.run(
        [str(bin_folder / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": str(bin_folder)},
    )
    return Path(completed.stdout.strip())


def replay(dockerfile: str, context: Path, root: Path, bin_folder: Path) -> Image:
    """Build the image's tree under ``root`` from ``dockerfile`` (its text) and the build ``context``."""
    parser = DockerfileParser(fileobj=io.BytesIO(dockerfile.encode("utf-8")))
    if parser.is_multistage:
        raise ReplayError("a multi-stage Dockerfile: this replay models one stage")
    ignore = dockerignore_rules(context)
    base_env = {"PATH": f"{bin_folder}{os.pathsep}/usr/bin{os.pathsep}/bin", "HOME": str(root / "root")}
    (root / "root").mkdir(parents=True, exist_ok=True)
    image = Image(root=root, env=dict(base_env), entrypoint=[])
    prefixes = _image_folders(parser.structure)
    seen_from = False
    for instruction, context_state in zip(parser.structure, parser.context_structure, strict=True):
        name, value = instruction["instruction"], instruction["value"]
        line = f"line {instruction['startline'] + 1}: {name} {value}"
        if name == "COMMENT":
            continue
        if name == "FROM":
            seen_from = True
            continue
        if not seen_from:
            raise ReplayError(f"{line}: before FROM")
        image.env = {**base_env, **{key: _moved(value, prefixes, root) for key, value in context_state.envs.items()}}
        if name == "ENV":
            continue
        if name == "COPY":
            _copy(value, context, ignore, image)
            image.steps.append(line)
        elif name == "RUN":
            _run(_moved(value, prefixes, root), image, line)
            image.steps.append(line)
        elif name == "ENTRYPOINT":
            command = _exec_form(value)
            if command is None:
                raise ReplayError(f"{line}: not the exec form; a shell would drop hyphenated INPUT_ variables")
            image.entrypoint = [_moved(argument, prefixes, root) for argument in command]
        else:
            raise ReplayError(f"{line}: {name} is not replayed here")
    if not image.entrypoint:
        raise ReplayError("the Dockerfile has no ENTRYPOINT")
    return image


def _image_folders(structure: list[dict[str, str]]) -> set[str]:
    """The top folders the COPY steps write ("/app"): paths under them are the image's, moved onto the root
    wherever they appear (a RUN before the COPY finds nothing there, as in a real build)."""
    folders = set()
    for instruction in structure:
        if instruction["instruction"] == "COPY":
            destination = _copy_words(instruction["value"])[-1]
            if destination.startswith("/") and len(PurePosixPath(destination).parts) > 1:
                folders.add("/" + PurePosixPath(destination).parts[1])
    return folders


def _copy_words(value: str) -> list[str]:
    words = json.loads(value) if value.lstrip().startswith("[") else shlex.split(value)
    return [str(word) for word in words]


def _exec_form(value: str) -> list[str] | None:
    try:
        command = json.loads(value)
    except ValueError:
        return None
    return command if isinstance(command, list) and all(isinstance(word, str) for word in command) else None


# --- COPY and .dockerignore --------------------------------------------------------------------------------------


def _copy(value: str, context: Path, ignore: list[tuple[re.Pattern[str], bool]], image: Image) -> None:
    words = _copy_words(value)
    flags = [word for word in words if word.startswith("--")]
    if flags:
        raise ReplayError(f"COPY {value}: flags {flags} are not replayed here")
    *sources, destination = words
    if not sources or not destination.startswith("/"):
        raise ReplayError(f"COPY {value}: give a source and an absolute destination")
    target = image.path(destination)
    for source in sources:
        if any(char in source for char in "*?["):
            raise ReplayError(f"COPY {source}: wildcards are not replayed here")
        files = context_files(context, source, ignore)
        if not files:
            raise ReplayError(f"COPY {source}: not in the build context (missing, or left out by .dockerignore)")
        origin = context / source
        for file in files:
            if origin.is_dir():
                placed = target / file.relative_to(origin)
            elif destination.endswith("/") or len(sources) > 1:
                placed = target / file.name
            else:
                placed = target
            placed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(file, placed)
    image.copied.append(target)


def context_files(context: Path, source: str, ignore: list[tuple[re.Pattern[str], bool]]) -> list[Path]:
    """The files under ``context/source`` that the build context holds, after ``.dockerignore``."""
    origin = context / source
    candidates = sorted(path for path in origin.rglob("*") if path.is_file()) if origin.is_dir() else [origin]
    return [path for path in candidates if path.is_file() and not ignored(path.relative_to(context), ignore)]


def dockerignore_rules(context: Path) -> list[tuple[re.Pattern[str], bool]]:
    """The rules of ``.dockerignore``: (pattern, is an exception), in order. Docker's syntax: ``*`` and ``?``
    within one path segment, ``**`` across segments, ``!`` re-includes, the last matching rule wins."""
    path = context / ".dockerignore"
    if not path.exists():
        return []
    rules = []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        exception = line.startswith("!")
        pattern = line.removeprefix("!").strip().strip("/")
        if "[" in pattern or "\\" in pattern:
            raise ReplayError(f".dockerignore: {line!r}: character classes and escapes are not replayed here")
        rules.append((re.compile(_glob_regex(pattern)), exception))
    return rules


def _glob_regex(pattern: str) -> str:
    segments = pattern.split("/")
    regex = ""
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == "**":
            regex += ".*" if last else "(?:.*/)?"
            continue
        regex += "".join("[^/]*" if char == "*" else "[^/]" if char == "?" else re.escape(char) for char in segment)
        regex += "" if last else "/"
    return regex + r"\Z"


def ignored(relative: Path, rules: list[tuple[re.Pattern[str], bool]]) -> bool:
    """Whether Docker leaves this path out of the context: a rule matches the path or one of its parents."""
    text = relative.as_posix()
    prefixes = [text, *(parent.as_posix() for parent in relative.parents if parent.as_posix() != ".")]
    excluded = False
    for pattern, exception in rules:
        if any(pattern.match(prefix) for prefix in prefixes):
            excluded = not exception
    return excluded


# --- RUN -----------------------------------------------------------------------------------------------------------


def _moved(text: str, prefixes: set[str], root: Path) -> str:
    """The image's absolute paths (under the folders COPY created) moved onto the root."""
    for prefix in sorted(prefixes, key=len, reverse=True):
        text = re.sub(_IMAGE_PATH.format(prefix=re.escape(prefix)), lambda found: str(root) + found[0], text)
    return text


def _run(command: str, image: Image, line: str) -> None:
    words = shlex.split(command)
    if not words or words[0] not in KNOWN_PROGRAMS or any(char in command for char in ";&|<>$`()"):
        raise ReplayError(f"{line}: only one plain `pip` or `python` command per RUN is replayed here")
    if words[:2] == ["pip", "install"]:
        words.insert(2, "--no-index")  # no download: every requirement must already be installed
    # The shell form runs `/bin/sh -c`; the words are the same once split, without the runner's own settings
    # (PIP_CONFIG_FILE: none of this machine's pip configuration or package indexes).
    env = {**image.env, "PIP_CONFIG_FILE": os.devnull}
    completed = subprocess.run(
        ["/bin/sh", "-c", shlex.join(words)],
        cwd=image.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if completed.returncode != 0:
        raise ReplayError(f"{line}: exited {completed.returncode}\n{completed.stdout}\n{completed.stderr}")


def make_read_only(folders: list[Path]) -> None:
    for folder in folders:
        for path in [folder, *folder.rglob("*")] if folder.is_dir() else [folder]:
            path.chmod(path.stat().st_mode & ~0o222)


def make_writable(folders: list[Path]) -> None:
    """Give write permission back, so the temporary folder can be removed."""
    for folder in folders:
        for path in [folder, *folder.rglob("*")] if folder.is_dir() else [folder]:
            path.chmod(path.stat().st_mode | 0o200)


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and folder under ``folder``: relative path -> (size, modification time in ns)."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_size if path.is_file() else -1, path.stat().st_mtime_ns)
        for path in [folder, *folder.rglob("*")]
    }
