"""Ashby job boards (``ashby:ORG``): ``GET /posting-api/job-board/{org}?includeCompensation=true``.

There is no company field: the board name is used. Unlisted jobs (``isListed: false``) are never shown.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote, urlsplit

from jobs_action.models import FeedResult, Salary, Skipped
from jobs_action.sources.build import Built, build_job, collect_jobs, field_of, salary_range, salary_text
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, board_not_found, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

URL_TEMPLATE = "https://api.ashbyhq.com/posting-api/job-board/{org}?includeCompensation=true"
SLUG_HELP = "the ORG in https://jobs.ashbyhq.com/ORG"


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    url = spec.url_override or URL_TEMPLATE.format(org=quote(spec.argument, safe=""))
    response = get_ok(http, url, not_found=board_not_found(spec.text, "ORG", SLUG_HELP))
    org = "" if spec.url_override else spec.argument
    return parse_body(response, lambda content: parse(content, spec.text, org=org, cutoff=cutoff))


def parse(content: bytes, source: str, org: str = "", cutoff: datetime | None = None) -> FeedResult:
    return collect_jobs(source, items_of(load_json(content), "jobs"), lambda item: _job(item, source, org, cutoff))


def _job(item: dict[str, Any], source: str, org: str, cutoff: datetime | None) -> Built:
    if item.get("isListed") is False:
        return Skipped("unlisted job", str(item.get("title", ""))[:120])
    secondary = [field_of(place, "location") for place in item.get("secondaryLocations") or []]
    places = [place for place in [item.get("location"), *secondary] if isinstance(place, str) and place.strip()]
    return build_job(
        source,
        cutoff=cutoff,
        company=_org_of(item.get("jobUrl")) or org,
        title=item.get("title"),
        url=item.get("jobUrl"),
        posted_at=item.get("publishedAt"),
        location="; ".join(places),
        remote=item.get("isRemote"),  # true for hybrid postings too: the workplace type decides (docs/selection.md)
        workplace=item.get("workplaceType"),
        salary=lambda: _salary(item.get("compensation")),
        tags=[item.get("employmentType"), item.get("team")],
        category=[item.get("department")],
        id=item.get("id"),
        employment=item.get("employmentType"),
        unescape=True,
    )


def _salary(compensation: object) -> Salary | None:
    """The ``Salary`` summary component (bonus and equity are ignored); the summary text as a fallback."""
    for component in field_of(compensation, "summaryComponents") or []:
        if field_of(component, "compensationType") == "Salary":
            salary = salary_range(
                component.get("minValue"),
                component.get("maxValue"),
                component.get("currencyCode"),
                component.get("interval"),
            )
            if salary is not None:
                return salary
    return salary_text(field_of(compensation, "scrapeableCompensationSalarySummary"))


def _org_of(job_url: object) -> str:
    """``https://jobs.ashbyhq.com/linear/<id>`` -> ``linear``."""
    if not isinstance(job_url, str):
        return ""
    segments = [segment for segment in urlsplit(job_url).path.split("/") if segment]
    return segments[0] if len(segments) >= 2 else ""
