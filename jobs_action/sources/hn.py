"""Hacker News "Ask HN: Who is hiring?" via the Algolia HN Search API (``hn``, or ``hn:<API base URL>``).

Two steps: the newest hiring thread of the ``whoishiring`` account, then its top-level comments. A comment
whose first line reads ``Company | Role | Location | ...`` becomes a job; other comments are skipped,
counted.
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from typing import Any, cast

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult, Salary, Skipped
from jobs_action.sources.build import Built, build_job, collect_jobs
from jobs_action.sources.decode import items_of, load_json
from jobs_action.sources.http import HttpClient, fetch_pages, get_ok, parse_body, with_query
from jobs_action.sources.spec import SourceSpec
from jobs_action.text import clean_html_text, clean_text, normalize_url

DEFAULT_BASE = "https://hn.algolia.com/api/v1"
THREAD_TITLE = "Ask HN: Who is hiring? ("
PERMALINK = "https://news.ycombinator.com/item?id={id}"
MAX_COMMENT_PAGES = 3  # 1,000 hits a page

_PARAGRAPH = re.compile(r"<p\b[^>]*>", re.IGNORECASE)
_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>""", re.IGNORECASE)
_APPLY_HINT = re.compile(r"apply|career|jobs?\b|hiring|join|greenhouse|lever\.co|ashbyhq|workable", re.IGNORECASE)
_ROLE_HINT = re.compile(
    r"engineer|developer|programmer|scientist|designer|manager|architect|analyst|lead\b|head of|director|"
    r"devops|sre\b|researcher|intern\b|consultant|specialist|administrator|writer|recruiter|roles?\b|positions?\b",
    re.IGNORECASE,
)
_WORK_MODE = re.compile(  # "REMOTE", "Onsite, Remote", "Hybrid or remote" and nothing else
    r"^[\s,/&+()-]*(?:(?:full|partial(?:ly)?|fully|100%)?\s*(?:remote|on-?site|hybrid|in[- ]office)"
    r"[\s,/&+()-]*(?:or|and)?[\s,/&+()-]*)+$",
    re.IGNORECASE,
)
_EMPLOYMENT = re.compile(r"full[- ]?time|part[- ]?time|contract|freelance|internship|\bvisa\b|equity", re.IGNORECASE)
_MONEY = re.compile(r"[$€£¥₹]\s?\d|\d+\s?k\b|\b(?:usd|eur|gbp)\b", re.IGNORECASE)
_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+(?:/\S*)?$", re.IGNORECASE)


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    base = (spec.url_override or DEFAULT_BASE).rstrip("/")
    threads = get_ok(http, f"{base}/search_by_date?tags=story,author_whoishiring&hitsPerPage=20")
    thread_id = parse_body(threads, latest_thread_id)
    first_url = f"{base}/search_by_date?tags=comment,story_{thread_id}&hitsPerPage=1000"
    pages = fetch_pages(
        http, first_url, lambda payload, _url: _next_page(payload, first_url), max_pages=MAX_COMMENT_PAGES
    )
    hits = [hit for payload in pages.payloads for hit in _hits(payload)]
    return collect_jobs(spec.text, hits, lambda hit: _job(hit, spec.text, cutoff))


def latest_thread_id(content: bytes) -> str:
    """The ``objectID`` of the newest "Ask HN: Who is hiring? (Month Year)" story in a thread search."""
    hiring = [
        hit
        for hit in _hits(load_json(content))
        if isinstance(hit, dict) and str(hit.get("title", "")).startswith(THREAD_TITLE) and hit.get("objectID")
    ]
    if not hiring:
        raise SourceError('no "Ask HN: Who is hiring?" thread found')
    newest = max(
        hiring, key=lambda hit: cast(int, hit.get("created_at_i")) if isinstance(hit.get("created_at_i"), int) else 0
    )
    return clean_text(newest["objectID"], 20)


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    """Jobs from one page of a thread's comment hits."""
    return collect_jobs(source, _hits(load_json(content)), lambda hit: _job(hit, source, cutoff))


def _hits(payload: Any) -> list[Any]:
    return items_of(payload, "hits", "an Algolia response")


def _next_page(payload: Any, first_url: str) -> str | None:
    page, pages = payload.get("page"), payload.get("nbPages")
    if not _hits(payload) or not isinstance(page, int) or not isinstance(pages, int) or page + 1 >= pages:
        return None
    return with_query(first_url, page=page + 1)


def _job(hit: dict[str, Any], source: str, cutoff: datetime | None) -> Built:
    comment_id = clean_text(hit.get("objectID"), 20)
    if hit.get("parent_id") is None or hit.get("parent_id") != hit.get("story_id"):
        return Skipped("reply, not a top-level post", comment_id)
    text = hit.get("comment_text")
    if not isinstance(text, str) or not text.strip():
        return Skipped("deleted or empty post", comment_id)
    first_line = _PARAGRAPH.split(text, maxsplit=1)[0]
    segments = [segment for segment in (s.strip() for s in clean_html_text(first_line, 400).split("|")) if segment]
    if segments and segments[0].upper().startswith("SEEKING"):
        return Skipped("seeking work, not a job", comment_id)
    if len(segments) < 3:
        return Skipped("first line is not 'Company | Role | Location | ...'", f"{comment_id} {segments[:1]}")
    posting = _read_segments(segments)
    return build_job(
        source,
        cutoff=cutoff,
        company=_company_name(segments[0]) or segments[0],
        title=posting["role"],
        url=_apply_url(text, first_line) or PERMALINK.format(id=comment_id),
        posted_at=hit.get("created_at") or hit.get("created_at_i"),
        location=posting["location"],
        remote=posting["remote"],
        salary=Salary(text=posting["salary"]) if posting["salary"] else None,
        tags=posting["tags"],
        id=comment_id,
    )


def _read_segments(segments: list[str]) -> dict[str, Any]:
    """Tell the role, place, work mode, salary and employment type apart among the first line's segments."""
    role = salary = ""
    tags: list[str] = []
    places: list[str] = []
    for segment in segments[1:]:
        if _WEB_ADDRESS.match(segment):
            continue
        if _WORK_MODE.match(segment):
            continue  # "REMOTE", "ONSITE, REMOTE": the remote flag below says it
        if _MONEY.search(segment) and not salary:
            salary = segment
        elif _EMPLOYMENT.search(segment) and not _ROLE_HINT.search(segment):
            tags.append(segment)
        elif _ROLE_HINT.search(segment) and not role:
            role = segment
        else:
            places.append(segment)
    role = role or (places.pop(0) if places else "")
    mentions_remote = [s for s in segments[1:] if "remote" in s.lower()]
    location = places[0] if places else next((s for s in mentions_remote if not _WORK_MODE.match(s)), "")
    return {
        "role": role,
        "location": location,
        "remote": bool(mentions_remote),
        "salary": salary,
        "tags": tags,
    }


def _apply_url(comment_html: str, first_line: str) -> str | None:
    """The first link of the first line, else the first link that looks like a job or apply page."""
    for link in _links(first_line):
        return link
    return next((link for link in _links(comment_html) if _APPLY_HINT.search(link)), None)


def _links(fragment: str) -> list[str]:
    urls = (normalize_url(html.unescape(href)) for href in _LINK.findall(fragment))
    return [url for url in urls if url]


_LINK_IN_NAME = re.compile(
    r"\s*(?:\(\s*)?(?:https?://|www\.)\S+(?:\s*\))?|\s*\(\s*[\w.-]+\.[a-z]{2,}\s*\)", re.IGNORECASE
)


def _company_name(segment: str) -> str:
    """The company segment of a first line without the link posters add ("TryHackMe https://tryhackme.com",
    "Acme (acme.com)" -> "TryHackMe", "Acme")."""
    return " ".join(_LINK_IN_NAME.sub(" ", segment).split())
