"""SmartRecruiters postings (``smartrecruiters:COMPANY``): ``content[]`` pages by ``offset``/``limit``.

Keyless access is tolerated, not promised: 401/403 skips the source for the run. An unknown company answers
200 with ``totalFound: 0``, which is returned as an empty result (the caller warns on 0 jobs).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast
from urllib.parse import quote

from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, field_of
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, board_not_found, fetch_pages, with_query
from jobs_action.sources.spec import SourceSpec

URL_TEMPLATE = "https://api.smartrecruiters.com/v1/companies/{company}/postings?limit=100&offset=0"
JOB_PAGE = "https://jobs.smartrecruiters.com/{company}/{id}"
SLUG_HELP = "the COMPANY in https://jobs.smartrecruiters.com/COMPANY/ (case as shown)"
MAX_PAGES = 5
PAUSE_BETWEEN_PAGES = 2.0  # no documented limit: keep requests slow


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    first_url = spec.url_override or URL_TEMPLATE.format(company=quote(spec.argument, safe=""))
    pages = fetch_pages(
        http,
        first_url,
        lambda payload, _url: _next_page(payload, first_url),
        max_pages=MAX_PAGES,
        not_found=board_not_found(spec.text, "COMPANY", SLUG_HELP),
        pause=PAUSE_BETWEEN_PAGES,
    )
    items = [item for payload in pages.payloads for item in _items(payload)]
    return collect_jobs(spec.text, items, lambda item: _job(item, spec.text, cutoff))


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    return collect_jobs(source, _items(load_json(content)), lambda item: _job(item, source, cutoff))


def _items(payload: Any) -> list[Any]:
    return items_of(payload, "content")


def _next_page(payload: Any, first_url: str) -> str | None:
    items = _items(payload)
    offset, total = _number(payload.get("offset")), _number(payload.get("totalFound"))
    following = offset + max(len(items), 1)
    if not items or following >= total:
        return None
    return with_query(first_url, offset=following)


def _job(item: dict[str, Any], source: str, cutoff: datetime | None) -> Built:
    location = cast(dict[str, Any], item.get("location")) if isinstance(item.get("location"), dict) else {}
    return build_job(
        source,
        cutoff=cutoff,
        company=field_of(item, "company", "name"),
        title=item.get("name"),
        url=_job_page(field_of(item, "company", "identifier"), item.get("id")),
        posted_at=item.get("releasedDate"),
        location=_location(location),
        remote=location.get("remote"),
        tags=[field_of(item, "typeOfEmployment", "label"), field_of(item, "experienceLevel", "label")],
        levels=[field_of(item, "experienceLevel", "label")],
        category=[field_of(item, "function", "label")],
        id=item.get("id"),
        employment=field_of(item, "typeOfEmployment", "label"),
        unescape=True,
    )


def _job_page(identifier: object, posting: object) -> str | None:
    """The public posting page (the list has no URL): ``https://jobs.smartrecruiters.com/{company}/{id}``."""
    if not isinstance(identifier, str) or not identifier or not isinstance(posting, str | int) or not posting:
        return None
    return JOB_PAGE.format(company=quote(identifier, safe=""), id=quote(str(posting), safe=""))


def _location(location: dict[str, Any]) -> str:
    """``fullLocation`` without empty parts (``Tallinn, , Estonia`` -> ``Tallinn, Estonia``)."""
    full = location.get("fullLocation")
    parts = full.split(",") if isinstance(full, str) else [location.get(key) for key in ("city", "region", "country")]
    return ", ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def _number(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0
