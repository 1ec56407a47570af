"""Jobicy (https://jobicy.com/api/v2/remote-jobs): ``jobs[]`` pages linked by ``nextCursor``.

Terms: credit Jobicy with a direct link and send applicants to the feed's job URL; poll at most hourly.
A cursor expires after 24 h and then gives 400: the traversal restarts once without it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, salary_range
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, fetch_cursor_items
from jobs_action.sources.spec import SourceSpec

DEFAULT_URL = "https://jobicy.com/api/v2/remote-jobs?count=100"
MAX_PAGES = 3
EXPIRED_CURSOR = frozenset({400})


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    items = fetch_cursor_items(
        http,
        spec.url_override or DEFAULT_URL,
        key="jobs",
        max_pages=MAX_PAGES,
        last_page=lambda payload: payload.get("hasMore") is False,
        restart_on=EXPIRED_CURSOR,
    )
    return collect_jobs(spec.text, items, lambda item: _job(item, spec.text, cutoff))


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    return collect_jobs(source, items_of(load_json(content), "jobs"), lambda item: _job(item, source, cutoff))


def _job(item: dict[str, Any], source: str, cutoff: datetime | None) -> Built:
    level = item.get("jobLevel")
    return build_job(
        source,
        cutoff=cutoff,
        company=item.get("companyName"),
        title=item.get("jobTitle"),
        url=item.get("url"),
        posted_at=item.get("pubDate"),  # ISO with offset (2026) or naive "YYYY-MM-DD HH:MM:SS" UTC (2024)
        location=_geo(item.get("jobGeo")),
        remote=True,
        salary=lambda: _salary(item),
        tags=[*_strings(item.get("jobType")), *([level] if level != "Any" else [])],
        levels=[level] if level != "Any" else [],
        category=_strings(item.get("jobIndustry")),  # HTML-escaped in 2024: unescaped once by build_job
        id=item.get("id"),
        employment=_strings(item.get("jobType")),
        unescape=True,
    )


def _geo(value: object) -> str:
    """``"Europe,  USA"`` (a comma list padded with double spaces) -> ``"Europe, USA"``."""
    if not isinstance(value, str):
        return ""
    return ", ".join(part.strip() for part in value.split(",") if part.strip())


def _salary(item: dict[str, Any]):  # type: ignore[no-untyped-def]
    if "annualSalaryMin" in item or "annualSalaryMax" in item:  # 2024: annual amounts as strings
        return salary_range(
            item.get("annualSalaryMin"), item.get("annualSalaryMax"), item.get("salaryCurrency"), "year"
        )
    return salary_range(
        item.get("salaryMin"), item.get("salaryMax"), item.get("salaryCurrency"), item.get("salaryPeriod")
    )


def _strings(value: object) -> list[object]:
    if isinstance(value, str):
        return [value]
    return value if isinstance(value, list) else []
