"""Arbeitnow (https://www.arbeitnow.com/api/job-board-api): ``data[]`` pages linked by ``links.next``.

Terms: free public API, "please do not abuse"; a link back is appreciated.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, field_of
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, fetch_pages
from jobs_action.sources.spec import SourceSpec

DEFAULT_URL = "https://www.arbeitnow.com/api/job-board-api"
MAX_PAGES = 3  # about 100 jobs a page; newest first


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    pages = fetch_pages(http, spec.url_override or DEFAULT_URL, _next_page, max_pages=MAX_PAGES)
    items = [item for payload in pages.payloads for item in _items(payload)]
    return collect_jobs(spec.text, items, lambda item: _job(item, spec.text, cutoff))


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    return collect_jobs(source, _items(load_json(content)), lambda item: _job(item, source, cutoff))


def _items(payload: Any) -> list[Any]:
    return items_of(payload, "data")


def _next_page(payload: Any, url: str) -> str | None:
    following = field_of(payload, "links", "next")
    if not _items(payload) or not isinstance(following, str) or not following:
        return None
    return following


def _job(item: dict[str, Any], source: str, cutoff: datetime | None) -> Built:
    return build_job(
        source,
        cutoff=cutoff,
        company=item.get("company_name"),
        title=item.get("title"),
        url=item.get("url"),
        posted_at=item.get("created_at"),  # Unix seconds
        location=item.get("location"),
        remote=item.get("remote"),
        tags=[*_strings(item.get("tags")), *_strings(item.get("job_types"))],
        levels=_strings(item.get("job_types")),  # free words: "Mid-senior", "berufseinstieg", "Full-time"
        id=item.get("slug"),
        employment=_strings(item.get("job_types")),
        unescape=True,
    )


def _strings(value: object) -> list[object]:
    return value if isinstance(value, list) else []
