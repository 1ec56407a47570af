"""Workable careers widget (``workable:ACCOUNT``): ``GET /api/v1/widget/accounts/{account}?details=true``.

Undocumented but keyless; the envelope's ``name`` is the company. Multi-location jobs may repeat a
shortcode (deduplicated by ``collect_jobs``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, field_of
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, board_not_found, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

URL_TEMPLATE = "https://apply.workable.com/api/v1/widget/accounts/{account}?details=true"
SLUG_HELP = "the ACCOUNT in https://apply.workable.com/ACCOUNT/"


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    url = spec.url_override or URL_TEMPLATE.format(account=quote(spec.argument, safe=""))
    response = get_ok(http, url, not_found=board_not_found(spec.text, "ACCOUNT", SLUG_HELP))
    account = "" if spec.url_override else spec.argument
    return parse_body(response, lambda content: parse(content, spec.text, account=account, cutoff=cutoff))


def parse(content: bytes, source: str, account: str = "", cutoff: datetime | None = None) -> FeedResult:
    payload = load_json(content)
    items = items_of(payload, "jobs")
    company = payload.get("name") or account
    return collect_jobs(source, items, lambda item: _job(item, source, company, cutoff))


def _job(item: dict[str, Any], source: str, company: object, cutoff: datetime | None) -> Built:
    return build_job(
        source,
        cutoff=cutoff,
        company=company,
        title=item.get("title"),
        url=item.get("url") or item.get("shortlink"),
        posted_at=item.get("published_on") or item.get("created_at"),  # date only: midnight UTC
        location=_location(item),
        remote=item.get("telecommuting"),
        tags=[item.get("employment_type"), item.get("department")],
        category=[item.get("function")],
        id=item.get("shortcode"),
        employment=item.get("employment_type"),
        unescape=True,
    )


def _location(item: dict[str, Any]) -> str:
    """``city, state, country`` of each visible location, joined with ``; ``."""
    places = [place for place in item.get("locations") or [] if isinstance(place, dict) and not place.get("hidden")]
    if not places:
        places = [{"city": item.get("city"), "region": item.get("state"), "country": item.get("country")}]
    named = (_place(field_of(p, "city"), field_of(p, "region"), field_of(p, "country")) for p in places)
    return "; ".join(dict.fromkeys(name for name in named if name))


def _place(*parts: object) -> str:
    return ", ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())
