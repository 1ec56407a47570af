"""The validated, frozen configuration of a run: ``Settings`` holds one ``ListSpec`` per list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jobs_action.models import DEFAULT_COLUMNS, Column
from jobs_action.select.places.filter import NO_LOCATION, LocationFilter
from jobs_action.select.salary import MinSalary
from jobs_action.select.sections import NO_SECTIONS, Sections
from jobs_action.select.seniority import Wanted as Seniority
from jobs_action.sources.spec import SourceSpec

Mode = Literal["auto", "file", "section"]
PublishMode = Literal["commit", "pull-request"]
MODES: tuple[Mode, ...] = ("auto", "file", "section")
PUBLISH_MODES: tuple[PublishMode, ...] = ("commit", "pull-request")
PREVIEW_EVENTS = ("pull_request", "pull_request_target")  # events whose code and data may come from anyone


@dataclass(frozen=True, slots=True)
class Target:
    """A repository to write, with the branch (``None``: the default branch)."""

    repository: str
    branch: str | None = None

    @property
    def owner(self) -> str:
        return self.repository.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.repository.split("/", 1)[1]

    def __str__(self) -> str:
        return f"{self.repository}@{self.branch}" if self.branch else self.repository


@dataclass(frozen=True, slots=True)
class RelatedList:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class ListSpec:
    """Everything that decides one list's content and where it goes."""

    name: str
    sources: tuple[SourceSpec, ...]
    category: str
    max_age_days: int
    max_jobs: int
    targets: tuple[Target, ...]
    path: str
    mode: Mode
    marker: str
    title: str
    description: str
    related_lists: tuple[RelatedList, ...]
    link_query: str
    date_format: str
    commit_message: str
    location: LocationFilter = NO_LOCATION
    seniority: Seniority = ""
    min_salary: MinSalary | None = None
    include_keywords: tuple[str, ...] = ()
    exclude_keywords: tuple[str, ...] = ()
    publish: PublishMode = "commit"
    data_file: str = ""
    feed_file: str = ""
    min_jobs: int = 1
    max_drop_percent: int = 60
    columns: tuple[Column, ...] = DEFAULT_COLUMNS
    sections: Sections = NO_SECTIONS  # with sections, max-jobs caps each section (Sections.cap)
    new_badge: str = ""  # after the Position of jobs first seen in the last new_badge_days days
    new_badge_days: int = 1

    @property
    def paths(self) -> tuple[str, ...]:
        """Every file the list writes: the README (``path``), then the data and feed files when set."""
        return tuple(path for path in (self.path, self.data_file, self.feed_file) if path)

    @property
    def pull_request_branch(self) -> str:
        """The branch that carries the list's pull request in ``publish: pull-request``."""
        return f"awesome-jobs/{self.name}"


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole run: the lists plus what the runner provides."""

    token: str
    lists: tuple[ListSpec, ...]
    dry_run: bool
    api_url: str
    graphql_url: str
    workspace: Path
    event_name: str
    repository: str = ""  # the workflow's own repository (GITHUB_REPOSITORY)
    server_url: str = "https://github.com"  # GITHUB_SERVER_URL: the host of every web link

    @property
    def sources(self) -> tuple[SourceSpec, ...]:
        """Every distinct source of every list, in first-seen order."""
        return tuple(dict.fromkeys(spec for item in self.lists for spec in item.sources))

    @property
    def preview_only(self) -> bool:
        """On ``pull_request`` and ``pull_request_target`` events the action previews and writes nothing."""
        return self.event_name in PREVIEW_EVENTS
