"""Shared fixtures. Tests talk real HTTP to fakes on 127.0.0.1 only (pytest-socket enforces it).

Each fake has one fixture here: ``fake`` (a started FakeGitHub without repositories), ``server`` (a started
FakeSources without routes) and ``clock`` (a FakeClock). A file that needs more set-up builds a differently named
fixture on these (``fake_with_readme`` below, ``fake_with_list`` in test_pull_request.py, ``fake_with_repo`` in
test_fake_github.py, ``family`` in test_family.py) and applies it with ``pytest.mark.usefixtures`` where the tests
use the fake by its own name. Fakes that need constructor arguments (a clock, ``truncate_at``) are built in the test.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from fake_clock import FakeClock  # noqa: E402
from fakes.github import FakeGitHub  # noqa: E402
from fakes.sources import FakeSources  # noqa: E402
from helpers import REPO, SECTION_README  # noqa: E402


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    """A fake GitHub on 127.0.0.1, started, with no repository; it accepts ``fake.token``."""
    with FakeGitHub() as server:
        yield server


@pytest.fixture
def server() -> Iterator[FakeSources]:
    """A fake job source on 127.0.0.1, started, with no route."""
    with FakeSources() as sources:
        yield sources


@pytest.fixture
def clock() -> FakeClock:
    """A monotonic clock that moves only by the waits it records."""
    return FakeClock()


@pytest.fixture
def fake_with_readme(fake: FakeGitHub) -> FakeGitHub:
    """``fake`` with ``REPO`` whose README.md is hand-written text around a JOBS section (``SECTION_README``)."""
    fake.add_repo(REPO, {"README.md": SECTION_README})
    return fake
