"""Score the selection on the blind set: postings labelled from docs/selection.md by someone who had not seen the
rules, and never used to tune them (eval/BLIND.md says where each came from).

    .venv/bin/python eval/blind.py        # the Markdown table

It prints aggregate figures only, never the postings the code gets wrong: reading those would turn the blind
set into a development set. Tune on eval/selection.jsonl (``eval/evaluate.py --errors``) instead.

The four "Tech Jobs" lists are read as the family example (docs/examples/awesome-jobs.yml) configures them, and
scored against what their titles promise: a tech job that can be done from India; from the USA; a senior tech
job; a tech job whose known salary reaches 150,000 USD a year at its lower end.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jobs_action.app import criteria  # noqa: E402
from jobs_action.config.load import load_list  # noqa: E402
from jobs_action.models import Job  # noqa: E402
from jobs_action.select.categories import CATEGORIES, categorize, is_tech  # noqa: E402
from jobs_action.select.criteria import Criteria, annotate, matches  # noqa: E402
from jobs_action.select.seniority import seniority_of  # noqa: E402
from jobs_action.sources.build import build_job, salary_range, salary_text  # noqa: E402

BLIND = Path(__file__).resolve().parent / "blind.jsonl"
BLIND2 = Path(__file__).resolve().parent / "blind2.jsonl"
BLIND3 = Path(__file__).resolve().parent / "blind3.jsonl"
FAMILY = ROOT / "docs" / "examples" / "awesome-jobs.yml"
NOW = datetime(2026, 12, 1, tzinfo=UTC)
TECH_LISTS = ("india", "usa", "senior", "high-paying")
HIGH_PAY_USD = 150_000
# Dumps of boards whose every posting is remote (the provider module sets remote=True for them).
REMOTE_ONLY = ("remote_jobs.json", "remotive_jobs.json", "jobicy_jobs.json", "remoteok.json")
_LEVEL_FIELD_DUMPS = ("arbeitnow", "jobicy", "himalayas", "smartrecruiters")
# A RemoteOK dump's salary as its structured fields, copied verbatim ('"salary_min": 150000, "salary_max": 200000'):
# read as the remoteok provider reads those fields (USD a year; 0 is unknown), and its text repaired likewise.
_REMOTEOK_SALARY = re.compile(r'"salary_min":\s*(\d+),\s*"salary_max":\s*(\d+)')
# A LinkedIn dump's numeric salary columns, joined verbatim by the labeller ("min_salary=250000.0; max_salary=
# 350000.0; pay_period=YEARLY; currency=USD", eval/BLIND3.md): read as a provider reads structured salary fields.
_FIELD_SALARY = re.compile(r"min_salary=([\d.]*); max_salary=([\d.]*); pay_period=(\w*); currency=(\w*)")
REGION_COUNTRIES = {"IN": {"apac", "asia"}, "US": {"north-america", "americas"}}

# The blind set scored once before the rules of docs/selection.md changed (commit 562dcf5: the family's tech
# lists as `category: all`, bare "Remote" worldwide, min-salary on the upper end, no `tech` category). F1 values.
BEFORE_COMMIT = "562dcf5"
BEFORE: dict[str, float] = {
    "india": 0.68,
    "usa": 0.59,
    "senior": 0.79,
    "high-paying": 0.71,
    "macro-F1": 0.842,
    "seniority accuracy": 0.888,
}


@dataclass(frozen=True, slots=True)
class BlindSet:
    """A blind set and its score before the rules it measures changed (F1 values; ``tech`` None when the rules
    had no ``tech`` category then)."""

    path: Path
    before_commit: str
    before: dict[str, float]
    before_tech: float | None


# blind2 (eval/BLIND2.md) was labelled while the rules of 72093e5 were in force and scored on them first, before
# any rule of the session that built it was written; the development sets dev5 and the rules tuned on it came after.
BLIND_SETS: tuple[BlindSet, ...] = (
    BlindSet(BLIND, BEFORE_COMMIT, BEFORE, None),
    BlindSet(
        BLIND2,
        "72093e5",
        {
            "india": 0.96,
            "usa": 0.87,
            "senior": 0.91,
            "high-paying": 1.00,
            "macro-F1": 0.907,
            "seniority accuracy": 0.962,
        },
        0.93,
    ),
    # blind3 (eval/BLIND3.md) was labelled at the start of the next session and scored first on its starting rules
    # (2aa1842), before any rule of that session was measured on it.
    BlindSet(
        BLIND3,
        "2aa1842",
        {
            "india": 0.98,
            "usa": 0.92,
            "senior": 0.92,
            "high-paying": 1.00,
            "macro-F1": 0.834,
            "seniority accuracy": 0.949,
        },
        0.97,
    ),
)


@dataclass(frozen=True, slots=True)
class Posting:
    job: Job
    labels: dict[str, Any]

    @property
    def tech(self) -> bool:
        return bool(self.labels["tech"])

    def open_to(self, country: str) -> bool:
        place = self.labels["place"]
        if place.get("unknown"):
            return False
        regions = set(place.get("regions") or ())
        return bool(place.get("worldwide") or country in place["countries"] or regions & REGION_COUNTRIES[country])


@dataclass(frozen=True, slots=True)
class Score:
    name: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class BlindMetrics:
    postings: int
    lists: tuple[Score, ...]
    categories: tuple[Score, ...]
    tech: Score
    seniority_accuracy: float

    @property
    def macro_f1(self) -> float:
        return sum(score.f1 for score in self.categories) / len(self.categories)


def load(path: Path = BLIND) -> list[Posting]:
    postings = []
    # JSON Lines end at "\n" only: a title may hold a Unicode line separator (U+2028), which splitlines() splits on.
    for number, line in enumerate(path.read_text(encoding="utf-8").rstrip("\n").split("\n"), start=1):
        record = json.loads(line)
        job = _job(record, f"{path.name}:{number}", number)
        postings.append(Posting(job, record["labels"]))
    return postings


def _job(record: dict[str, Any], where: str, number: int) -> Job:
    origin = record["origin"]["path"]
    remote = record.get("remote")
    if remote is None:
        remote = (
            record.get("workplace_type") == "remote"
            or origin.endswith(REMOTE_ONLY)
            or record.get("source_category") == "RemoteOK"
        )
    category = record.get("source_category")
    # A dump of a provider with a level field (Arbeitnow's job_types, Jobicy's jobLevel, Himalayas' seniority)
    # carries it in the row's tags: read as that provider's levels. Other boards' tags are keywords.
    levels = record.get("tags") or () if origin.rsplit("/", 1)[-1].startswith(_LEVEL_FIELD_DUMPS) else ()
    salary = salary_text(record.get("salary_text") or None)
    fields = _REMOTEOK_SALARY.fullmatch(record.get("salary_text") or "")
    if fields and origin.endswith("remoteok.json"):
        salary = salary_range(int(fields[1]), int(fields[2]), "USD", "year")
    columns = _FIELD_SALARY.fullmatch(record.get("salary_text") or "")
    if columns:
        salary = salary_range(columns[1], columns[2], columns[4], columns[3])
    built = build_job(
        "blind",
        company=record.get("company") or "Unknown",
        title=record["title"],
        url=f"https://blind.example/{number}",
        posted_at=NOW.isoformat(),
        location=record.get("location") or "",
        remote=remote,
        salary=salary,
        tags=record.get("tags") or (),
        category=[category] if isinstance(category, str) else (category or ()),
        levels=levels,
        unescape=True,
        repair=origin.endswith("remoteok.json"),
    )
    if not isinstance(built, Job):
        raise ValueError(f"{where}: {built.reason}")
    return built


def family_lists() -> dict[str, Callable[[Job], bool]]:
    """Each tech list of the family example as a predicate: the pipeline's own ``matches`` on its criteria."""
    document = yaml.safe_load(FAMILY.read_text(encoding="utf-8"))
    defaults = {key: str(value) for key, value in (document.get("defaults") or {}).items()}
    chosen: dict[str, Callable[[Job], bool]] = {}
    for entry in document["lists"]:
        if entry["name"] in TECH_LISTS:
            inputs = {**defaults, **{key: str(value) for key, value in entry.items() if key != "name"}}
            inputs["repositories"] = inputs.pop("repository")
            wanted = criteria(load_list(inputs, entry["name"]))
            chosen[entry["name"]] = partial(_keeps, wanted)
    return chosen


def _keeps(wanted: Criteria, job: Job) -> bool:
    return matches(annotate(job), wanted)


def truth(name: str, posting: Posting) -> bool:
    labels = posting.labels
    if not posting.tech:
        return False
    if name == "india":
        return posting.open_to("IN")
    if name == "usa":
        return posting.open_to("US")
    if name == "senior":
        return labels["seniority"] == "senior"
    salary = labels.get("salary_min_usd_year")
    return salary is not None and salary >= HIGH_PAY_USD


def _score(name: str, pairs: Sequence[tuple[bool, bool]]) -> Score:
    return Score(
        name,
        tp=sum(1 for predicted, real in pairs if predicted and real),
        fp=sum(1 for predicted, real in pairs if predicted and not real),
        fn=sum(1 for predicted, real in pairs if real and not predicted),
    )


def evaluate(path: Path = BLIND) -> BlindMetrics:
    postings = load(path)
    lists = tuple(
        _score(name, [(keep(p.job), truth(name, p)) for p in postings]) for name, keep in family_lists().items()
    )
    found = [(p, categorize(p.job)) for p in postings]
    categories = tuple(
        _score(name, [(name in predicted, name in p.labels["categories"]) for p, predicted in found])
        for name in CATEGORIES
    )
    tech = _score("tech", [(is_tech(p.job), p.tech) for p in postings])
    levels = [(seniority_of(p.job) or "mid", p.labels["seniority"]) for p in postings]
    accuracy = sum(1 for predicted, real in levels if predicted == real) / len(levels)
    return BlindMetrics(len(postings), lists, categories, tech, accuracy)


@dataclass(frozen=True, slots=True)
class PostingMiss:
    line: int
    measure: str
    title: str
    expected: str
    got: str


def misses(path: Path) -> list[PostingMiss]:
    """Every disagreement on a development file in the blind set's format (``eval/dev3.jsonl``). Refuses the
    blind set itself: reading its misses would turn it into a development set."""
    if any(path.resolve() == blind_set.path.resolve() for blind_set in BLIND_SETS):
        raise ValueError("the blind set's misses are not for reading: tune on a development file")
    found: list[PostingMiss] = []
    chosen = family_lists()
    for line, posting in enumerate(load(path), start=1):
        title = f"{posting.job.title!r} ({posting.job.location!r}, salary {posting.job.salary!r})"
        for name, keep in chosen.items():
            predicted, real = keep(posting.job), truth(name, posting)
            if predicted != real:
                found.append(PostingMiss(line, f"{name} list", title, str(real), str(predicted)))
        predicted_categories = set(categorize(posting.job))
        real_categories = set(posting.labels["categories"])
        if predicted_categories != real_categories:
            found.append(
                PostingMiss(
                    line,
                    "categories",
                    title,
                    ", ".join(sorted(real_categories)) or "-",
                    ", ".join(sorted(predicted_categories)) or "-",
                )
            )
        if is_tech(posting.job) != posting.tech:
            found.append(PostingMiss(line, "tech", title, str(posting.tech), str(is_tech(posting.job))))
        level = seniority_of(posting.job) or "mid"
        if level != posting.labels["seniority"]:
            found.append(PostingMiss(line, "seniority", title, posting.labels["seniority"], level))
    return found


def summary_rows(metrics: BlindMetrics, blind_set: BlindSet = BLIND_SETS[0]) -> list[tuple[str, str, str]]:
    """(measure, before the rules change, now) for the headline figures."""
    before = blind_set.before
    rows = [(f"{score.name} list F1", f"{before[score.name]:.2f}", f"{score.f1:.2f}") for score in metrics.lists]
    tech_before = "n/a (no `tech`)" if blind_set.before_tech is None else f"{blind_set.before_tech:.2f}"
    rows.append(("tech F1", tech_before, f"{metrics.tech.f1:.2f}"))
    rows.append(("category macro-F1", f"{before['macro-F1']:.3f}", f"{metrics.macro_f1:.3f}"))
    rows.append(("seniority accuracy", f"{before['seniority accuracy']:.3f}", f"{metrics.seniority_accuracy:.3f}"))
    return rows


def render_summary(metrics: BlindMetrics, blind_set: BlindSet = BLIND_SETS[0]) -> str:
    name, stem = blind_set.path.name, blind_set.path.stem
    lines = [
        f"## Blind set {stem}: {metrics.postings} real postings (eval/{name}, labelled without the code)",
        "",
        f"| Measure | Before ({blind_set.before_commit}) | Now |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {row} | {before} | {now} |" for row, before, now in summary_rows(metrics, blind_set)]
    return "\n".join(lines)


def render(metrics: BlindMetrics, heading: str | None = None) -> str:
    lines = [
        heading or render_summary(metrics),
        "",
        "| list (as the family example configures it) | precision | recall | F1 | kept | should keep |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for score in metrics.lists:
        lines.append(
            f"| {score.name} | {score.precision:.2f} | {score.recall:.2f} | {score.f1:.2f} | "
            f"{score.tp + score.fp} | {score.tp + score.fn} |"
        )
    lines += ["", "| category | precision | recall | F1 | labelled |", "| --- | --- | --- | --- | --- |"]
    for score in (*metrics.categories, metrics.tech):
        lines.append(
            f"| {score.name} | {score.precision:.2f} | {score.recall:.2f} | {score.f1:.2f} | {score.tp + score.fn} |"
        )
    lines += ["", f"Macro-F1 over the categories: {metrics.macro_f1:.3f}"]
    lines.append(f"Seniority accuracy (senior / junior / mid): {metrics.seniority_accuracy:.3f}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(
        "\n\n".join(
            render(evaluate(blind_set.path), render_summary(evaluate(blind_set.path), blind_set))
            for blind_set in BLIND_SETS
        )
    )
