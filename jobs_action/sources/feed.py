"""The normalized jobs feed (CONTRACT "Normalized jobs feed"): ``json:URL`` over HTTP and ``file:PATH``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult, Job, Skipped
from jobs_action.sources.build import build_job, load_json, parse_salary
from jobs_action.sources.http import HttpClient
from jobs_action.sources.spec import SourceSpec
from jobs_action.text import clean_text

MAX_FILE_BYTES = 16 * 1024 * 1024


def fetch_json_feed(http: HttpClient, spec: SourceSpec) -> FeedResult:
    response = http.get(spec.argument, headers={"Accept": "application/json"})
    if response.status != 200:
        raise SourceError(f"HTTP {response.status} ({clean_text(response.content_type, 60) or 'no content type'})")
    return parse_feed(response.content, spec.text)


def read_file_feed(spec: SourceSpec, workspace: Path) -> FeedResult:
    path = (workspace / spec.argument).resolve()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SourceError(f"{spec.argument} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        content = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read {spec.argument}: {exc.strerror or exc}") from None
    return parse_feed(content, spec.text)


def parse_feed(content: bytes, source: str) -> FeedResult:
    """Parse ``{"jobs": [...]}`` or a bare array; malformed items are skipped and counted."""
    payload = load_json(content)
    items = payload.get("jobs") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise SourceError('expected {"jobs": [...]} or a JSON array of jobs')
    jobs: list[Job] = []
    skipped: list[Skipped] = []
    for item in items:
        built = _job_from_item(item, source)
        (jobs if isinstance(built, Job) else skipped).append(built)  # type: ignore[arg-type]
    return FeedResult(source=source, jobs=tuple(jobs), skipped=tuple(skipped))


def _job_from_item(item: Any, source: str) -> Job | Skipped:
    if not isinstance(item, dict):
        return Skipped("item is not an object")
    return build_job(
        source,
        company=item.get("company"),
        title=item.get("title"),
        url=item.get("url"),
        posted_at=item.get("posted_at"),
        location=item.get("location"),
        remote=item.get("remote"),
        salary=parse_salary(item.get("salary")),
        tags=_as_list(item.get("tags")),
        category=_as_list(item.get("category")),
        id=item.get("id"),
    )


def _as_list(value: object) -> list[object]:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) else []
