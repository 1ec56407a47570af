"""The distributions that ``pip install -r requirements.txt`` puts into site-packages, read from this environment.

The pins of a requirements file and their dependencies (extras and environment markers evaluated as pip does),
each found installed here through ``importlib.metadata`` with the pinned version, and each with the files its
RECORD lists inside site-packages. The Dockerfile replay (tests/test_dockerfile.py) copies exactly these files into
a fresh virtual environment, and bench/size.py adds up their sizes, so neither needs the network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


@dataclass(frozen=True)
class Installed:
    name: str  # canonical ("pyyaml")
    version: str
    files: tuple[PurePosixPath, ...]  # relative to site-packages, from the RECORD
    site_packages: Path

    @property
    def size(self) -> int:
        return sum((self.site_packages / path).stat().st_size for path in self.files)


def pins(requirements: Path) -> dict[str, str]:
    """Name -> version of every ``name==version`` line of a requirements file (``-r`` lines are followed)."""
    found: dict[str, str] = {}
    for line in requirements.read_text(encoding="utf-8").split("\n"):
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            found |= pins(requirements.parent / line[3:].strip())
        elif line:
            pinned = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line)
            assert pinned, f"{requirements.name}: {line!r} is not a pin"
            found[canonicalize_name(pinned[1])] = pinned[2]
    return found


def closure(names: list[str] | dict[str, str], extra_names: tuple[str, ...] = ()) -> list[Installed]:
    """The installed distributions these names need, with their dependencies, sorted by name. A pinned name
    (``{name: version}``) must be installed at that version."""
    wanted = dict(names) if isinstance(names, dict) else dict.fromkeys(names, "")
    wanted |= dict.fromkeys(extra_names, "")
    extras: dict[str, set[str]] = {canonicalize_name(name): set() for name in wanted}
    queue = list(extras)
    found: dict[str, metadata.Distribution] = {}
    while queue:
        name = queue.pop()
        distribution = found.get(name) or _installed(name)
        found[name] = distribution
        pinned = wanted.get(name, "")
        assert not pinned or distribution.version == pinned, (
            f"{name} {distribution.version} is installed, {pinned} is pinned: pip install -r requirements-dev.txt"
        )
        for text in distribution.requires or ():
            requirement = Requirement(text)
            if requirement.marker and not any(
                requirement.marker.evaluate({"extra": extra}) for extra in extras[name] | {""}
            ):
                continue
            dependency = canonicalize_name(requirement.name)
            new_extras = set(requirement.extras) - extras.get(dependency, set())
            if dependency not in extras or new_extras:
                extras.setdefault(dependency, set()).update(requirement.extras)
                queue.append(dependency)
    return sorted((_record(distribution) for distribution in found.values()), key=lambda item: item.name)


def _installed(name: str) -> metadata.Distribution:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        raise AssertionError(f"{name} is not installed here: pip install -r requirements-dev.txt") from None


def _record(distribution: metadata.Distribution) -> Installed:
    site_packages = Path(str(distribution.locate_file(""))).resolve()
    files = []
    for file in distribution.files or ():
        path = PurePosixPath(file)
        if ".." not in path.parts and not path.is_absolute():  # console scripts live in bin/, not site-packages
            files.append(path)
    return Installed(
        canonicalize_name(distribution.metadata["Name"]), distribution.version, tuple(files), site_packages
    )
