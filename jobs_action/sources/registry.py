"""The job providers by name: how to fetch each one and how to credit it.

Provider modules are imported here (they import only ``build``, ``http``, ``spec``, ``models``, ``text`` and
``errors``, never this module or the package), so importing the registry has no cycles and stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from jobs_action.models import FeedResult
from jobs_action.sources import (
    arbeitnow,
    ashby,
    greenhouse,
    himalayas,
    hn,
    jobicy,
    lever,
    remoteok,
    remotive,
    smartrecruiters,
    weworkremotely,
    workable,
)
from jobs_action.sources.http import HttpClient
from jobs_action.sources.spec import SourceSpec

Fetch = Callable[[HttpClient, SourceSpec, datetime | None], FeedResult]


@dataclass(frozen=True, slots=True)
class Provider:
    name: str
    fetch: Fetch  # (http, spec, cutoff): see ``build.build_job`` for the cutoff
    credit_name: str  # shown in the generated file's "About This List"
    credit_url: str
    needs_argument: bool = False  # company boards need BOARD/SITE/ORG/ACCOUNT/COMPANY
    argument_name: str = ""  # what the argument is, for error messages ("BOARD")


def _board(name: str, fetch: Fetch, credit: str, url: str, argument: str) -> Provider:
    return Provider(name, fetch, credit, url, needs_argument=True, argument_name=argument)


_ALL = (
    # Remote boards: their terms ask for a visible credit and a link back to their own job pages.
    Provider("remotive", remotive.fetch, "Remotive", "https://remotive.com"),
    Provider("arbeitnow", arbeitnow.fetch, "Arbeitnow", "https://www.arbeitnow.com"),
    Provider("remoteok", remoteok.fetch, "Remote OK", "https://remoteok.com"),
    Provider("himalayas", himalayas.fetch, "Himalayas", "https://himalayas.app"),
    Provider("jobicy", jobicy.fetch, "Jobicy", "https://jobicy.com"),
    Provider("weworkremotely", weworkremotely.fetch, "We Work Remotely", "https://weworkremotely.com"),
    Provider("hn", hn.fetch, "Hacker News: Who is hiring?", "https://news.ycombinator.com/submitted?id=whoishiring"),
    # Company boards (applicant tracking systems): one company's board per spec.
    _board("greenhouse", greenhouse.fetch, "Greenhouse", "https://www.greenhouse.com", "BOARD"),
    _board("lever", lever.fetch, "Lever", "https://www.lever.co", "SITE"),
    _board("ashby", ashby.fetch, "Ashby", "https://www.ashbyhq.com", "ORG"),
    _board("workable", workable.fetch, "Workable", "https://www.workable.com", "ACCOUNT"),
    _board(
        "smartrecruiters",
        smartrecruiters.fetch,
        "SmartRecruiters",
        "https://www.smartrecruiters.com",
        "COMPANY",
    ),
)

PROVIDERS: dict[str, Provider] = {provider.name: provider for provider in _ALL}
