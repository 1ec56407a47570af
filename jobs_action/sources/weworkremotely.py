"""We Work Remotely (RSS 2.0, https://weworkremotely.com/remote-jobs.rss): one ``<item>`` per job.

The XML is parsed from the response bytes with ``defusedxml`` (no external entities, no entity bombs).
An empty or item-less feed reached through a redirect is a failure (retired category feeds answer 301 with
an empty body); an item-less feed at the requested URL is a valid empty result.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from datetime import datetime

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException

from jobs_action.errors import SourceError
from jobs_action.models import FeedResult, Skipped
from jobs_action.sources.build import Built, build_job, collect_jobs
from jobs_action.sources.http import HttpClient, describe_response, get_ok, parse_body
from jobs_action.sources.spec import SourceSpec

DEFAULT_URL = "https://weworkremotely.com/remote-jobs.rss"
_SKILL_SEPARATOR = re.compile(r",\s*(?:and\s+)?")


def fetch(http: HttpClient, spec: SourceSpec, cutoff: datetime | None = None) -> FeedResult:
    url = spec.url_override or DEFAULT_URL
    response = get_ok(http, url, accept="application/rss+xml, application/xml, text/xml")
    result = parse_body(response, lambda content: parse(content, spec.text, cutoff=cutoff))
    if response.url != url and not result.read and not result.skipped:
        raise SourceError(f"redirected to {response.url} and found no items ({describe_response(response)})")
    return result


def parse(content: bytes, source: str, cutoff: datetime | None = None) -> FeedResult:
    channel = _channel(content)
    items = [_fields(item) for item in channel.findall("item")]
    return collect_jobs(source, items, lambda item: _job(item, source, cutoff))


def _channel(content: bytes) -> ElementTree.Element:
    if not content.strip():
        raise SourceError("empty feed")
    try:
        root = SafeElementTree.fromstring(content)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise SourceError(f"not valid XML ({type(exc).__name__})") from None
    channel = root.find("channel") if root.tag == "rss" else None
    if channel is None:
        raise SourceError(f"not an RSS feed (root element <{root.tag[:40]}>)")
    return channel


def _fields(item: ElementTree.Element) -> dict[str, str]:
    """The item's plain child elements by tag (namespaced ones such as ``media:content`` are ignored)."""
    return {child.tag: (child.text or "") for child in item if "}" not in child.tag}


def _job(item: dict[str, str], source: str, cutoff: datetime | None) -> Built:
    company, separator, title = item.get("title", "").partition(": ")
    if not separator:
        return Skipped("title is not 'Company: Position'", item.get("title", "")[:120])
    return build_job(
        source,
        cutoff=cutoff,
        company=company,
        title=title,
        url=item.get("link") or item.get("guid"),
        posted_at=item.get("pubDate"),  # RFC 822
        location=item.get("region") or item.get("country"),
        remote=True,
        tags=[*_skills(item.get("skills", "")), item.get("type")],
        category=[item.get("category")],
        id=item.get("guid"),
        employment=item.get("type"),
        unescape=True,
    )


def _skills(text: str) -> list[str]:
    """``"A, B, and C"`` -> ``["A", "B", "C"]``."""
    return [skill.strip() for skill in _SKILL_SEPARATOR.split(text) if skill.strip()]
