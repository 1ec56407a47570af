"""Duplicates: the same job seen twice (two boards, a repost, a repeated shortcode) becomes one row.

Two postings are the same job when either holds:

- **the same apply URL** once canonical: scheme and host lower-cased (``remoteOK.com`` is ``remoteok.com``),
  ``www.`` and default ports dropped, ``http`` read as ``https``, no fragment, no trailing slash, and tracking
  parameters removed (``utm_*``, ``ref``, ``source``, ``src``, ``gh_src``, ``lever-source``, ``fbclid``,
  ``gclid``, ...; identifying ones such as ``gh_jid`` stay);
- **the same company, title and place, posted within the window** of each other (the list's ``max-age-days``;
  3 days when none is given). Company: casefolded, invisible characters, punctuation, spaces and legal suffixes
  dropped ("Local Brand X GmbH" is "localbrandx", "Kobo Toolbox" is "KoboToolbox"). Title: casefolded,
  punctuation, gender tags such as "(m/w/d)" and a trailing remote or location note ("(Remote)", "- Remote US")
  removed. Place: the resolved place of :mod:`jobs_action.select.places` (so "USA" and "United States",
  "Worldwide" and "Anywhere" agree), else the normalized text. The window is transitive.

The same title in two places stays two jobs. Of a group, the newest posting wins (its link is the live one);
among postings of the same time the richest record (the most known fields: salary, location, tags, categories,
id; then more tags); ties are broken by source, then URL, then the rest of the record, so the winner does not
depend on the input order. Winners come out in the order their groups
first appear. Hashing only: O(n) for n jobs (plus a sort inside each group of same-key jobs, which are few).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import timedelta
from functools import lru_cache
from itertools import pairwise
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from jobs_action.models import Job, ResolvedPlace
from jobs_action.select.places.resolve import place_of

SAME_JOB_WINDOW = timedelta(days=3)

_TRACKING_PARAMS = frozenset(
    {
        "ref",
        "ref_src",
        "referrer",
        "referer",
        "source",
        "src",
        "gh_src",
        "lever-source",
        "lever-origin",
        "fbclid",
        "gclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "trk",
        "trackingid",
        "campaign",
        "utm",
    }
)
_DEFAULT_PORTS = {"http": 80, "https": 443}

_LEGAL_SUFFIXES = frozenset(
    {
        *(
            "inc",
            "incorporated",
            "llc",
            "ltd",
            "limited",
            "gmbh",
            "ag",
            "sa",
            "srl",
            "sas",
            "sarl",
            "bv",
            "nv",
        ),
        *("plc", "corp", "corporation", "co", "company", "pvt", "private", "oy", "ab", "as", "aps", "pty"),
        *("kg", "se", "lp", "llp", "ug", "spa", "sro"),
    }
)
_GENDER_TAG = re.compile(r"\((?:[mwfdx]\s*/\s*){1,3}[mwfdx]\)|\((?:all|any) genders?\)|\(gn\)", re.IGNORECASE)


# A URL without query, port or user whose canonical form needs no parsing: scheme, host, path, fragment.
_PLAIN_URL = re.compile(r"(?:https?)://(?P<host>[A-Za-z0-9.-]+)(?P<path>/[^?#@\s]*)?(?:#.*)?", re.DOTALL)


def canonical_url(url: str) -> str:
    """The URL that two postings of the same job share (see the module docstring)."""
    plain = _PLAIN_URL.fullmatch(url)
    host = plain["host"].lower().removeprefix("www.") if plain else ""
    if plain and host:
        return f"https://{host}{(plain['path'] or '').rstrip('/')}"
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
    ]
    path = parts.path.rstrip("/")
    return urlunsplit(("https" if scheme in ("http", "https") else scheme, host, path, urlencode(sorted(query)), ""))


_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_NON_WORD = re.compile(r"[\W_]+")


def _plain(text: str) -> str:
    """Casefolded words without invisible characters or punctuation."""
    if not text.isascii():
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


@lru_cache(maxsize=16_384)  # a pool repeats its companies, titles and places
def normalize_company(name: str) -> str:
    """ "Local Brand X GmbH" -> "local brand x"; "Goo\\u200bgle" -> "google"."""
    words = _plain(name.replace("&", " and ")).split()
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return "".join(words)  # "Kobo Toolbox" is "KoboToolbox"


# A trailing note of where or how the job is done: "(Remote)", "- Remote US", "[Hybrid]", "(Remote, EMEA)".
_TRAILING_NOTE = re.compile(
    r"\s*(?:[-–—|,:]\s*|[(\[]\s*)(?:fully\s+)?(?:remote|hybrid|on[\s-]?site|wfh|work from home)\b[^()\[\]]*[)\]]?\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=16_384)
def normalize_title(title: str) -> str:
    text = _GENDER_TAG.sub(" ", title)
    while (stripped := _TRAILING_NOTE.sub("", text)) != text and stripped.strip():
        text = stripped
    return _plain(text)


def _place_key(job: Job) -> str:
    """The place two postings must share: the one the selection resolved (``place_of``: the job's ``place`` once
    annotated, so a structured hybrid type or a title's region count here as everywhere else)."""
    place = place_of(job)
    if place.worldwide or (place.is_remote and not place.names_a_place):
        return "remote anywhere"  # "Worldwide" on one board is a bare "Remote" on another: the same job
    if place.names_a_place and not place.unknown:
        return _resolved_key(place)
    return _plain(job.location)


@lru_cache(maxsize=16_384)
def _resolved_key(place: ResolvedPlace) -> str:
    parts = (place.countries, place.subdivisions, {str(c) for c in place.cities}, place.regions)
    return "|".join(",".join(sorted(part)) for part in parts)


def same_job_key(job: Job) -> tuple[str, str, str]:
    """What two postings of the same job share besides their URL: the normalized company, title and place (see
    the module docstring). The list's history (render/history.py) keys a job by it across runs and reposts."""
    return normalize_company(job.company), normalize_title(job.title), _place_key(job)


def _richness(job: Job) -> tuple[int, int]:
    known = sum(
        (
            job.has_salary,
            bool(job.location),
            bool(job.tags),
            bool(job.category),
            bool(job.id),
            bool(job.company),
        )
    )
    return known, len(job.tags)


def _preference(job: Job) -> tuple[object, ...]:
    """Smaller is better: richest first, then a total order on the record."""
    known, tags = _richness(job)
    return (-job.posted_at.timestamp(), -known, -tags, job.source, job.url, job.id, job.title, job.company)


class _Groups:
    """Union-find over job indices."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def dedupe(jobs: Iterable[Job], window: timedelta = SAME_JOB_WINDOW) -> list[Job]:
    """One job per real job; the newest posting of each group wins (see the module docstring). ``window``: how far
    apart two postings of the same company, title and place may be and still be one job."""
    items = list(jobs)
    groups = _Groups(len(items))
    by_url: dict[str, int] = {}
    by_content: dict[tuple[str, str, str], list[int]] = {}
    for i, job in enumerate(items):
        first = by_url.setdefault(canonical_url(job.url), i)
        if first != i:
            groups.union(first, i)
        by_content.setdefault(same_job_key(job), []).append(i)
    for indices in by_content.values():
        if len(indices) > 1:
            ordered = sorted(indices, key=lambda i: items[i].posted_at)
            for a, b in pairwise(ordered):
                if items[b].posted_at - items[a].posted_at <= window:
                    groups.union(a, b)
    winners: dict[int, int] = {}
    for i, job in enumerate(items):
        root = groups.find(i)
        best = winners.get(root)
        if best is None or _preference(job) < _preference(items[best]):
            winners[root] = i
    return [items[winners[root]] for root in sorted(winners)]
