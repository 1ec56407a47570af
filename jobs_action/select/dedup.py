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

Only postings some list could show take part: a run does not build the items of a source that are older than
the oldest day of every list reading it (``app.oldest_shown``, ``sources.build.build_job``'s cutoff). Such a
posting could never be the row shown (a newer one of its group always wins), but it no longer links two shown
postings into one group either: a new posting with the old one's URL and a repost with its company, title and
place, each the same job as the old posting but not as each other, are two rows now.

The same title in two places stays two jobs. Of a group, the newest posting wins (its link is the live one);
among postings of the same time the richest record (the most known fields: salary, location, tags, categories,
id; then more tags); ties are broken by source, then URL, then the rest of the record, so the winner does not
depend on the input order. Winners come out in the order their groups
first appear.

One pass over the jobs, hashing only: each job goes into the bucket of its canonical URL and of its company and
title. Most jobs are alone in both and cost two dictionary lookups; only the jobs of a shared bucket are read
further (their place, once per distinct location text and only when the bucket's texts differ: a repost or a
copy has its original's, then their dates, sorted inside the bucket). No pair of jobs is compared outside a
bucket: O(n) for n jobs plus the sorts of the few shared buckets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import lru_cache
from itertools import pairwise
from operator import attrgetter
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


# A URL without port or user whose canonical form needs no parsing: scheme, host, path, a query of plain
# parameter names (letters, digits, "_", "-", each with any value, nothing percent-encoded in the names), fragment.
_PLAIN_PAIR = r"[A-Za-z0-9_-]+(?:=[^&#\s]*)?"
_PLAIN_URL = re.compile(
    rf"(?:https?)://(?P<host>[A-Za-z0-9.-]+)(?P<path>/[^?#@\s]*)?"
    rf"(?:\?(?P<query>{_PLAIN_PAIR}(?:&{_PLAIN_PAIR})*))?(?:#.*)?",
    re.DOTALL,
)


# A URL that is its own canonical form (most are): https, a lower-case host without "www.", no query, port, user,
# fragment or trailing slash.
_CANONICAL_URL = re.compile(r"https://(?!www\.)[a-z0-9.-]+(?:/[^?#@\s]*[^/?#@\s])?")


def canonical_url(url: str) -> str:
    """The URL that two postings of the same job share (see the module docstring)."""
    if _CANONICAL_URL.fullmatch(url):
        return url
    plain = _PLAIN_URL.fullmatch(url)
    # A plain URL whose parameters all track (a copy of a posting with "?utm_source=board"): only its host and path.
    host = plain["host"].lower().removeprefix("www.") if plain and _only_tracking(plain["query"]) else ""
    if plain and host:
        canonical = f"https://{host}{(plain['path'] or '').rstrip('/')}"
        return url if canonical == url else canonical  # most URLs are canonical: no second copy of the text
    return _parsed_canonical_url(url)


def _only_tracking(query: str | None) -> bool:
    """Whether every parameter of a plain query is a tracking one (true of no query)."""
    return query is None or all(_tracking(pair.partition("=")[0]) for pair in query.split("&"))


def _tracking(key: str) -> bool:
    return key.lower().startswith("utm_") or key.lower() in _TRACKING_PARAMS


def _parsed_canonical_url(url: str) -> str:
    """``canonical_url`` of any URL, read by ``urllib.parse``."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(key)]
    path = parts.path.rstrip("/")
    return urlunsplit(("https" if scheme in ("http", "https") else scheme, host, path, urlencode(sorted(query)), ""))


_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_NON_WORD = re.compile(r"[\W_]+")


# ASCII letters lower-cased (casefold is lower in ASCII), and punctuation, symbols and "_" as spaces (what
# ``_NON_WORD`` replaces in an ASCII text): one translate of the text's bytes, which costs a third of a ``str``
# translate's dictionary lookups (an ASCII text has no byte above 127; the table has the 256 entries bytes need).
_ASCII_PLAIN = bytes(ord(char.lower()) if char.isalnum() else 32 for char in map(chr, range(128))) + bytes(128)


def _plain(text: str) -> str:
    """Casefolded words without invisible characters or punctuation."""
    if text.isascii():
        return b" ".join(text.encode().translate(_ASCII_PLAIN).split()).decode()
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


# A pool repeats its companies, titles and places; a large one has tens of thousands of distinct titles.
NORMALIZED_TEXTS = 65_536


@lru_cache(maxsize=NORMALIZED_TEXTS)
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


# Words without which the note cannot match, in the lower-cased title (one search for all of them): most titles
# skip it, as they skip the gender tag, which needs a bracket.
_NOTE_WORDS = re.compile("remote|hybrid|site|wfh|work from home")


@lru_cache(maxsize=NORMALIZED_TEXTS)
def normalize_title(title: str) -> str:
    text = _GENDER_TAG.sub(" ", title) if "(" in title else title
    if _NOTE_WORDS.search(text.lower()):
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
    return _location_key(job.location)


@lru_cache(maxsize=16_384)
def _resolved_key(place: ResolvedPlace) -> str:
    parts = (place.countries, place.subdivisions, {str(c) for c in place.cities}, place.regions)
    return "|".join(",".join(sorted(part)) for part in parts)


def same_job_key(job: Job) -> tuple[str, str, str]:
    """What two postings of the same job share besides their URL: the normalized company, title and place (see
    the module docstring). The list's history (render/history.py) keys a job by it across runs and reposts."""
    return normalize_company(job.company), normalize_title(job.title), _place_key(job)


@lru_cache(maxsize=NORMALIZED_TEXTS)  # places the tables do not know ("Remote, Narnia") repeat too
def _location_key(location: str) -> str:
    return _plain(location)


def _states_salary(job: Job) -> bool:
    return job.has_salary


def _preference(job: Job, has_salary: bool) -> tuple[object, ...]:
    """Smaller is better: the newest, then the richest (the most known fields, then more tags), then a total order
    on the record."""
    known = sum((has_salary, bool(job.location), bool(job.tags), bool(job.category), bool(job.id), bool(job.company)))
    return (-job.posted_at.timestamp(), -known, -len(job.tags), job.source, job.url, job.id, job.title, job.company)


def _place_texts(job: Job) -> tuple[str, bool, str, str] | Job:
    """What a job's place key is read from: its texts, or the job itself once annotated with a place."""
    return (job.location, job.remote, job.workplace, job.title) if job.place is None else job


def _by_place(
    indices: list[int], items: list[Job], place_keys: dict[tuple[str, bool, str, str] | Job, str]
) -> dict[str, list[int]]:
    """The jobs of one company and title by place key; the key of unannotated jobs is read once per texts."""
    by_place: dict[str, list[int]] = {}
    for i in indices:
        job = items[i]
        texts = _place_texts(job)
        key = place_keys.get(texts)
        if key is None:
            key = place_keys[texts] = _place_key(job)
        by_place.setdefault(key, []).append(i)
    return by_place


def _preferred(job: Job, best: Job, has_salary: Callable[[Job], bool]) -> bool:
    """Whether ``job`` is preferred to ``best`` (``_preference``): the newer one is, and only postings of the same
    time are compared further (which reads their salaries, the title's included)."""
    if job.posted_at != best.posted_at:
        return job.posted_at > best.posted_at
    return _preference(job, has_salary(job)) < _preference(best, has_salary(best))


class _Groups:
    """Union-find over the jobs joined to another one; every other job is a group of its own and is not stored. The
    root of a group is its first job (the smallest index)."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}  # every job of a group of two or more

    def find(self, i: int) -> int:
        parent = self.parent
        root = i
        while parent.get(root, root) != root:
            root = parent[root]
        while i != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.parent.setdefault(min(ra, rb), min(ra, rb))


_URL, _COMPANY, _TITLE = attrgetter("url"), attrgetter("company"), attrgetter("title")


def dedupe(
    jobs: Iterable[Job],
    window: timedelta = SAME_JOB_WINDOW,
    has_salary: Callable[[Job], bool] = _states_salary,
) -> list[Job]:
    """One job per real job; the newest posting of each group wins (see the module docstring). ``window``: how far
    apart two postings of the same company, title and place may be and still be one job. ``has_salary``: whether
    a job states a salary, for the choice of the richest record (the selection also reads a title's salary)."""
    items = list(jobs)
    by_url: dict[str, int] = {}
    by_name: dict[tuple[str, str], int] = {}
    same_url: list[tuple[int, int]] = []  # (the first job with a URL, a later one with the same URL)
    same_name: dict[tuple[str, str], list[int]] = {}  # company and title of more than one job, with their jobs
    # The keys of every job first, each a C-level map over the remembered normalizations, then one pass.
    urls = map(canonical_url, map(_URL, items))
    names = zip(map(normalize_company, map(_COMPANY, items)), map(normalize_title, map(_TITLE, items)), strict=True)
    for i, (url, name) in enumerate(zip(urls, names, strict=True)):
        first = by_url.setdefault(url, i)
        if first != i:
            same_url.append((first, i))
        first = by_name.setdefault(name, i)
        if first != i:
            same_name.setdefault(name, [first]).append(i)
    groups = _Groups()
    for first, later in same_url:
        groups.union(first, later)
    place_keys: dict[tuple[str, bool, str, str] | Job, str] = {}  # by what a job's place is read from
    for indices in same_name.values():
        if len({groups.find(i) for i in indices}) == 1:
            continue  # one job already (the same URL): nothing to join
        if len({_place_texts(items[i]) for i in indices}) == 1:
            by_place = {"": indices}  # one place, whatever it resolves to (reposts and copies): nothing to resolve
        else:
            by_place = _by_place(indices, items, place_keys)
        for same_job in by_place.values():
            if len(same_job) > 1:
                ordered = sorted(same_job, key=lambda i: items[i].posted_at)
                for a, b in pairwise(ordered):
                    if items[b].posted_at - items[a].posted_at <= window:
                        groups.union(a, b)
    winners: dict[int, int] = {}  # group root -> its best job so far
    for i in sorted(groups.parent):
        root = groups.find(i)
        best = winners.get(root)
        if best is None or _preferred(items[i], items[best], has_salary):
            winners[root] = i
    grouped = groups.parent
    return [
        job if i not in grouped else items[winners[i]]
        for i, job in enumerate(items)
        if i not in grouped or i in winners
    ]
