"""The normalized jobs feed (docs/CONTRACT.md, "Normalized jobs feed"): ``json:URL`` over HTTP and ``file:PATH``."""

from __future__ import annotations

import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult
from jobs_action.sources.build import FIELD_TEXTS, Built, build_item, collect_jobs, parse_salary
from jobs_action.sources.decode import load_json
from jobs_action.sources.http import HttpClient, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

MAX_FILE_BYTES = 16 * 1024 * 1024


def fetch_json_feed(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    response = get_ok(http, spec.argument)
    return parse_body(response, lambda content: parse_feed(content, spec.text, cutoff))


def read_file_feed(spec: SourceSpec, workspace: Path, cutoff: datetime | None = None) -> FeedResult:
    """A regular file inside the workspace (links resolved first), read up to ``MAX_FILE_BYTES``: never a device,
    a FIFO or a file a link leads to outside the workspace."""
    root = workspace.resolve()
    path = (root / spec.argument).resolve()
    if not path.is_relative_to(root):
        raise SourceError(f"{spec.argument} leads outside the workspace; name a file of the repository")
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise SourceError(f"{spec.argument} is not a regular file")
        with path.open("rb") as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise SourceError(f"cannot read {spec.argument}: {exc.strerror or exc}") from None
    if len(content) > MAX_FILE_BYTES:
        raise SourceError(f"{spec.argument} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
    return parse_feed(content, spec.text, cutoff)


def parse_feed(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    """Parse ``{"jobs": [...]}`` or a bare array; malformed items are skipped and counted, items dated before
    ``cutoff`` are counted and not built (``build.build_job``)."""
    payload = load_json(content)
    items = payload.get("jobs") if isinstance(payload, dict) else payload
    if not isinstance(items, list):
        raise SourceError('expected {"jobs": [...]} or a JSON array of jobs')
    return collect_jobs(source, items, _item_reader(source, cutoff))


_LIST_OR_TEXT = (list, str)  # a tuple: ``isinstance`` reads it faster than ``list | str``, once per field per item


def _item_reader(source: str, cutoff: datetime | None) -> Callable[[dict[str, Any]], Built]:
    """The reading of one item of this feed (a closure: the per-item call takes the item alone); its fields go to
    ``build_item`` in order, with the cleaning of a source that needs no unescaping or repair."""
    texts = FIELD_TEXTS[False, False]

    def job_from_item(item: dict[str, Any]) -> Built:
        get = item.get
        salary, tags, category, level = get("salary"), get("tags"), get("category"), get("level")
        return build_item(
            source,
            cutoff,
            texts,
            get("company"),
            get("title"),
            get("url"),
            get("posted_at"),
            get("location"),
            get("remote"),
            None if salary is None else lambda: parse_salary(salary),
            # A list or a string as it is (``build_item`` reads one string as a list of it); anything else: none.
            tags if isinstance(tags, _LIST_OR_TEXT) else (),
            category if isinstance(category, _LIST_OR_TEXT) else (),
            get("id"),
            None,  # no workplace field: the ``remote`` flag decides
            get("employment_type"),
            level if isinstance(level, _LIST_OR_TEXT) else (),  # "Senior", or a list of level words
        )

    return job_from_item
