"""Remote OK (https://remoteok.com/api): a bare array whose element 0 is the legal notice.

Terms: link back to the job's Remote OK page and mention Remote OK as the source. The data itself holds
mojibake and HTML entities, so text is unescaped once and repaired (``build_job(repair=True)``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult, Skipped
from jobs_action.sources.build import Built, build_job, collect_jobs, salary_range
from jobs_action.sources.decode import load_json
from jobs_action.sources.http import HttpClient, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

DEFAULT_URL = "https://remoteok.com/api"
JOB_PAGE = "https://remoteok.com/remote-jobs/"


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    response = get_ok(http, spec.url_override or DEFAULT_URL)
    return parse_body(response, lambda content: parse(content, spec.text, cutoff=cutoff))


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    payload = load_json(content)
    if not isinstance(payload, list):
        raise SourceError("expected a JSON array of jobs")
    items = [item for item in payload if not _is_legal_notice(item)]
    return collect_jobs(source, items, lambda item: _job(item, source, cutoff))


def _is_legal_notice(item: object) -> bool:
    return isinstance(item, dict) and "legal" in item and "id" not in item


def _job(item: dict[str, Any], source: str, cutoff: datetime | None) -> Built:
    slug = item.get("slug")
    if not isinstance(slug, str) or not slug.strip():
        return Skipped("no job page (empty slug)", str(item.get("id", ""))[:40])
    return build_job(
        source,
        cutoff=cutoff,
        company=item.get("company"),
        title=item.get("position"),
        url=_job_page(item, slug.strip()),
        posted_at=item.get("epoch") or item.get("date"),  # Unix seconds (int, or a string in 2021)
        location=item.get("location"),
        remote=True,
        salary=lambda: salary_range(item.get("salary_min"), item.get("salary_max"), "USD", "year"),  # 0 = unknown
        tags=item.get("tags") or (),
        id=item.get("id"),
        repair=True,
        unescape=True,
    )


def _job_page(item: dict[str, Any], slug: str) -> object:
    """The job's Remote OK page: ``url``, except for ``original`` jobs whose ``url`` is the employer's."""
    if item.get("original") is True:
        return JOB_PAGE + slug
    return item.get("url")
