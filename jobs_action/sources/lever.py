"""Lever postings (``lever:SITE``): ``GET /v0/postings/{site}?mode=json`` -> a bare array, no company field.

The whole board comes in one response, so no ``skip``/``limit`` paging is needed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast
from urllib.parse import quote, urlsplit

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, field_of, salary_range
from jobs_action.sources.decode import load_json
from jobs_action.sources.http import HttpClient, board_not_found, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

URL_TEMPLATE = "https://api.lever.co/v0/postings/{site}?mode=json"
SLUG_HELP = "the SITE in https://jobs.lever.co/SITE (EU boards: use lever:https://api.eu.lever.co/v0/postings/SITE)"


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    url = spec.url_override or URL_TEMPLATE.format(site=quote(spec.argument, safe=""))
    response = get_ok(http, url, not_found=board_not_found(spec.text, "SITE", SLUG_HELP))
    site = "" if spec.url_override else spec.argument
    return parse_body(response, lambda content: parse(content, spec.text, site=site, cutoff=cutoff))


def parse(content: bytes, source: str, site: str = "", cutoff: datetime | None = None) -> FeedResult:
    payload = load_json(content)
    if not isinstance(payload, list):
        raise SourceError("expected a JSON array of postings")
    return collect_jobs(source, payload, lambda item: _job(item, source, site, cutoff))


def _job(item: dict[str, Any], source: str, site: str, cutoff: datetime | None) -> Built:
    categories = cast(dict[str, Any], item.get("categories")) if isinstance(item.get("categories"), dict) else {}
    places = [place for place in categories.get("allLocations") or [] if isinstance(place, str)]
    salary = item.get("salaryRange")
    return build_job(
        source,
        cutoff=cutoff,
        company=_site_of(item.get("hostedUrl")) or site,
        title=item.get("text"),
        url=item.get("hostedUrl"),
        posted_at=item.get("createdAt"),  # epoch milliseconds
        location="; ".join(places) if places else categories.get("location"),
        remote=item.get("workplaceType") == "remote",
        workplace=item.get("workplaceType"),
        salary=lambda: salary_range(
            field_of(salary, "min"),
            field_of(salary, "max"),
            field_of(salary, "currency"),
            field_of(salary, "interval"),
        ),
        tags=[categories.get("commitment"), categories.get("team")],
        category=[categories.get("department") or categories.get("team")],
        id=item.get("id"),
        employment=categories.get("commitment"),
        unescape=True,
    )


def _site_of(hosted_url: object) -> str:
    """``https://jobs.lever.co/toptal/<id>`` -> ``toptal`` (Lever postings name no company)."""
    if not isinstance(hosted_url, str):
        return ""
    segments = [segment for segment in urlsplit(hosted_url).path.split("/") if segment]
    return segments[0] if len(segments) >= 2 else ""
