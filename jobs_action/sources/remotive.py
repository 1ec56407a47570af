"""Remotive (https://remotive.com/api/remote-jobs): one object with ``jobs[]``, no pagination.

Terms: link back to the job's Remotive URL and name Remotive as the source; at most a few requests a day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, salary_text
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

DEFAULT_URL = "https://remotive.com/api/remote-jobs"


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    response = get_ok(http, spec.url_override or DEFAULT_URL)
    return parse_body(response, lambda content: parse(content, spec.text, cutoff=cutoff))


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    return collect_jobs(source, items_of(load_json(content), "jobs"), lambda item: _job(item, source, cutoff))


def _job(item: dict[str, Any], source: str, cutoff: datetime | None) -> Built:
    return build_job(
        source,
        cutoff=cutoff,
        company=item.get("company_name"),
        title=item.get("title"),
        url=item.get("url"),
        posted_at=item.get("publication_date"),  # ISO without offset: read as UTC
        location=item.get("candidate_required_location"),
        remote=True,
        salary=lambda: salary_text(item.get("salary")),
        tags=item.get("tags") or (),
        category=[item.get("category")],
        id=item.get("id"),
        employment=item.get("job_type"),
        unescape=True,
    )
