"""Greenhouse job boards (``greenhouse:BOARD``): ``GET /v1/boards/{board}/jobs?content=true``."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

from jobs_action.models import FeedResult
from jobs_action.sources.build import Built, build_job, collect_jobs, field_of
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, board_not_found, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

URL_TEMPLATE = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true"
SLUG_HELP = "the board token in https://boards.greenhouse.io/BOARD or https://job-boards.greenhouse.io/BOARD"


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    url = spec.url_override or URL_TEMPLATE.format(board=quote(spec.argument, safe=""))
    response = get_ok(http, url, not_found=board_not_found(spec.text, "BOARD", SLUG_HELP))
    return parse_body(response, lambda content: parse(content, spec.text, board=spec.argument, cutoff=cutoff))


def parse(content: bytes, source: str, board: str = "", cutoff: datetime | None = None) -> FeedResult:
    return collect_jobs(source, items_of(load_json(content), "jobs"), lambda item: _job(item, source, board, cutoff))


def _job(item: dict[str, Any], source: str, board: str, cutoff: datetime | None) -> Built:
    location = field_of(item, "location", "name")
    departments = [field_of(department, "name") for department in item.get("departments") or []]
    return build_job(
        source,
        cutoff=cutoff,
        company=item.get("company_name") or (board if not board.startswith("http") else None),
        title=item.get("title"),
        url=item.get("absolute_url"),
        posted_at=item.get("first_published") or item.get("updated_at"),
        location=location,
        remote=isinstance(location, str) and "remote" in location.lower(),
        tags=departments,
        category=departments[:1],
        id=item.get("id"),
        unescape=True,
    )
