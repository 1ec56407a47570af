"""Stage 2, sources: every distinct source fetched once, in parallel, and normalized to `Job`s.

A failing source never stops the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult
from jobs_action.sources.feed import fetch_json_feed, read_file_feed
from jobs_action.sources.http import HttpClient
from jobs_action.sources.registry import PROVIDERS
from jobs_action.sources.spec import SourceSpec
from jobs_action.text import clean_text

# A family of lists reads tens of sources (company boards), each only waiting on the network: all at once, so a run
# takes as long as its slowest source, not the sum of the slow ones.
MAX_WORKERS = 32


@dataclass(frozen=True, slots=True)
class SourceOutcome:
    """A source's jobs, or the reason it failed (``error`` is cleaned, one line).

    ``note`` is a warning about a source that was read but looks wrong (a company board with no postings).
    """

    spec: SourceSpec
    result: FeedResult | None = None
    error: str = ""
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.result is not None


def fetch_sources(
    specs: Iterable[SourceSpec],
    http: HttpClient,
    workspace: Path,
    cutoffs: Mapping[SourceSpec, datetime] | None = None,
) -> list[SourceOutcome]:
    """Fetch each distinct spec once, all in parallel, in the order given. ``cutoffs``: per source, the oldest date
    a list of the run shows from it; older items are counted, not built (``build.build_job``)."""
    unique = list(dict.fromkeys(specs))
    if not unique:
        return []
    oldest = cutoffs or {}
    with ThreadPoolExecutor(max_workers=min(MAX_WORKERS, len(unique))) as pool:
        return list(pool.map(lambda spec: fetch_one(spec, http, workspace, oldest.get(spec)), unique))


def fetch_one(spec: SourceSpec, http: HttpClient, workspace: Path, cutoff: datetime | None = None) -> SourceOutcome:
    try:
        result = _fetch(spec, http, workspace, cutoff)
    except SourceError as exc:
        return SourceOutcome(spec, error=clean_text(str(exc), 300))
    except Exception as exc:  # whatever a hostile answer provokes, it is this source's failure alone
        return SourceOutcome(spec, error=f"could not be read ({type(exc).__name__})")
    return SourceOutcome(spec, result=_named(spec, result), note=_empty_board_note(spec, result))


def _named(spec: SourceSpec, result: FeedResult) -> FeedResult:
    """A board's jobs under the company name readers know: the one the spec gives (``lever:spotify=Spotify``),
    else the board's slug made readable ("kobo-toolbox" -> "Kobo Toolbox") where the provider only has the slug."""
    provider = PROVIDERS.get(spec.kind)
    if provider is None or not provider.needs_argument:
        return result
    jobs = tuple(
        replace(job, company=spec.company or _readable(job.company))
        if spec.company or _SLUG.fullmatch(job.company)
        else job
        for job in result.jobs
    )
    return replace(result, jobs=jobs)


_SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")


def _readable(slug: str) -> str:
    return " ".join(word.capitalize() for word in re.split(r"[-_.]+", slug) if word) or slug


def _empty_board_note(spec: SourceSpec, result: FeedResult) -> str:
    """A company board that answers with no posting at all is more often a wrong identifier than an empty board."""
    provider = PROVIDERS.get(spec.kind)
    if provider is None or not provider.needs_argument or result.read or result.skipped:
        return ""
    return (
        f"0 postings; check the company identifier ({provider.argument_name} in `{spec.text}`), "
        "unless the company has no open jobs right now"
    )


def _fetch(spec: SourceSpec, http: HttpClient, workspace: Path, cutoff: datetime | None) -> FeedResult:
    if spec.kind == "json":
        return fetch_json_feed(http, spec, cutoff)
    if spec.kind == "file":
        return read_file_feed(spec, workspace, cutoff)
    return PROVIDERS[spec.kind].fetch(http, spec, cutoff)


def credit(spec: SourceSpec) -> tuple[str, str]:
    """The name and link that credit a source in the generated file (link empty for local files)."""
    if spec.kind in PROVIDERS:
        provider = PROVIDERS[spec.kind]
        return provider.credit_name, provider.credit_url
    if spec.kind == "json":
        parts = urlsplit(spec.argument)
        return parts.hostname or "a JSON feed", f"{parts.scheme}://{parts.netloc}"
    return "a local jobs file", ""
