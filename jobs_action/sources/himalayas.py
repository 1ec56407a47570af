"""Himalayas (https://himalayas.app/jobs/api): ``jobs[]`` pages of 20, linked by ``nextCursor``.

Terms: a visible link back and credit. ``offset`` paging is deprecated in favour of ``?cursor=``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, salary_range
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, fetch_cursor_items
from jobs_action.sources.spec import SourceSpec

DEFAULT_URL = "https://himalayas.app/jobs/api?limit=20"
MAX_PAGES = 5  # the server caps a page at 20 jobs


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    items = fetch_cursor_items(http, spec.url_override or DEFAULT_URL, key="jobs", max_pages=MAX_PAGES)
    return collect_jobs(spec.text, items, lambda item: _job(item, spec.text, cutoff))


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    return collect_jobs(source, items_of(load_json(content), "jobs"), lambda item: _job(item, source, cutoff))


def _job(item: dict[str, Any], source: str, cutoff: datetime | None) -> Built:
    countries = [c for c in item.get("locationRestrictions") or [] if isinstance(c, str)]
    return build_job(
        source,
        cutoff=cutoff,
        company=item.get("companyName") or item.get("companySlug"),
        title=item.get("title"),
        url=item.get("guid"),  # the Himalayas job page (the required link-back)
        posted_at=item.get("pubDate"),  # Unix seconds although documented as ms; parse_date tells them apart
        location=", ".join(countries) if countries else "Worldwide",
        remote=True,
        salary=lambda: salary_range(
            item.get("minSalary"), item.get("maxSalary"), item.get("currency"), item.get("salaryPeriod")
        ),
        tags=[*_strings(item.get("seniority")), *_strings(item.get("categories"))],
        levels=_strings(item.get("seniority")),
        category=_strings(item.get("parentCategories")),
        id=item.get("guid"),
        employment=item.get("employmentType"),
        unescape=True,
    )


def _strings(value: object) -> list[object]:
    return value if isinstance(value, list) else []
