"""Measure the selection stage against the labelled set: categories, seniority, places and duplicates.

    .venv/bin/python eval/evaluate.py            # the Markdown table
    .venv/bin/python eval/evaluate.py --errors   # and every example the code gets wrong
    .venv/bin/python eval/evaluate.py --errors --no-blind   # while tuning: without the blind sets' figures

The labels are a careful human's reading of each posting (see eval/README.md); this script runs the package's
own functions (``categorize``, ``seniority_of``, ``place_of``, ``matches_location``, ``dedupe``) on the same
fields and counts where they agree. ``evaluate(selection, duplicates) -> Metrics`` is what the tests import.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for _path in (ROOT, ROOT / "eval"):  # the package, and eval/blind.py beside this script
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

import blind  # noqa: E402

from jobs_action.models import Job  # noqa: E402
from jobs_action.select.categories import CATEGORIES, categories_of  # noqa: E402
from jobs_action.select.dedup import dedupe  # noqa: E402
from jobs_action.select.places.filter import matches_location, parse_location_filter  # noqa: E402
from jobs_action.select.places.resolve import place_of, region_area  # noqa: E402
from jobs_action.select.seniority import seniority_of  # noqa: E402

SELECTION = Path(__file__).resolve().parent / "selection.jsonl"
DUPLICATES = Path(__file__).resolve().parent / "duplicates.jsonl"
# Development postings in the blind set's format (eval/DEV3.md, eval/DEV4.md): salaries, companies, workplace types.
DEV_SETS = tuple(
    Path(__file__).resolve().parent / name
    for name in (
        "dev3.jsonl",
        "dev4.jsonl",
        "dev5.jsonl",
        "dev6.jsonl",
        "dev7.jsonl",
        "dev8.jsonl",
        "dev9.jsonl",
        "dev10.jsonl",
    )
)

NAMED_CATEGORIES: tuple[str, ...] = CATEGORIES
SCORED: tuple[str, ...] = (*CATEGORIES, "tech")  # the 13 categories, and `tech` (every technology role)
WORLDWIDE = "*"

# The `location` entries whose keep/drop decision is compared with the label (one decision per example each).
PROBES: tuple[str, ...] = (
    "India",
    "USA",
    "United Kingdom",
    "Germany",
    "Canada",
    "Brazil",
    "Pakistan",
    "South Africa",
    "Europe",
    "EU",
    "EMEA",
    "LATAM",
    "APAC",
    "North America",
    "Worldwide",
)

_POSTED = datetime(2025, 4, 21, 12, tzinfo=UTC)


# --- the labelled set ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled posting of eval/selection.jsonl."""

    line: int
    job: Job
    categories: frozenset[str]
    seniority: str  # "senior", "junior" or ""
    countries: frozenset[str] | None  # the countries the job can be done from; None: worldwide
    us_states: frozenset[str] | None  # None: not labelled (postings copied from public repositories)
    origin: str
    split: str  # "dev" (seen while the rules were written) or "holdout" (written after, scored as it came)


@dataclass(frozen=True, slots=True)
class Posting:
    """One posting of eval/duplicates.jsonl; postings of the same group are one real job."""

    group: str
    job: Job


class LabelError(ValueError):
    """A line of the labelled set that does not follow eval/README.md."""


def load_examples(path: Path = SELECTION) -> list[Example]:
    return [_example(number, record) for number, record in _records(path)]


def load_postings(path: Path = DUPLICATES) -> list[Posting]:
    return [_posting(number, record) for number, record in _records(path)]


def _records(path: Path) -> Iterable[tuple[int, dict[str, object]]]:
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.strip():
            yield number, json.loads(text)


def _example(line: int, record: dict[str, object]) -> Example:
    categories = frozenset(_strings(record, "categories"))
    unknown = categories - set(NAMED_CATEGORIES)
    if unknown:
        raise LabelError(f"line {line}: unknown categories {sorted(unknown)}")
    if not isinstance(record.get("tech"), bool):
        raise LabelError(f"line {line}: tech must be true or false, got {record.get('tech')!r}")
    if record["tech"]:
        categories |= {"tech"}
    seniority = str(record.get("seniority", ""))
    if seniority not in ("senior", "junior", ""):
        raise LabelError(f'line {line}: seniority must be "senior", "junior" or "", got {seniority!r}')
    job = Job(
        company="Eval",
        title=str(record["title"]),
        url=f"https://eval.example/selection/{line}",
        posted_at=_POSTED,
        location=str(record.get("location", "")),
        remote=bool(record.get("remote", False)),
        tags=tuple(_strings(record, "tags")),
        category=tuple(_strings(record, "source_category")),
        source="eval",
        levels=_levels(record),
    )
    return Example(
        line=line,
        job=job,
        categories=categories,
        seniority=seniority,
        countries=_label_area(line, _strings(record, "countries")),
        us_states=(
            frozenset(_strings(record, "us_state"))
            if "us_state" in record or not str(record["origin"]).startswith("github:")
            else None
        ),
        origin=str(record["origin"]),
        split=str(record.get("split", "dev")),
    )


# Recorded payloads of providers with a level field: the provider keeps its level words in the job's tags too, so
# a fixture row's tags are its levels, as the provider reads them (a written row names its "levels").
_LEVEL_FIELD_FIXTURES = ("fixture:himalayas", "fixture:jobicy", "fixture:arbeitnow", "fixture:smartrecruiters")


def _levels(record: dict[str, object]) -> tuple[str, ...]:
    if "levels" in record:
        return tuple(_strings(record, "levels"))
    return tuple(_strings(record, "tags")) if str(record["origin"]).startswith(_LEVEL_FIELD_FIXTURES) else ()


def _strings(record: dict[str, object], key: str) -> list[str]:
    value = record.get(key) or []
    return [str(item) for item in value] if isinstance(value, list) else [str(value)]


def _label_area(line: int, tokens: Sequence[str]) -> frozenset[str] | None:
    """``["*"]`` is worldwide (None); upper case is an ISO code, lower case a region id, ``-XX`` an exception."""
    if list(tokens) == [WORLDWIDE]:
        return None
    regions = frozenset(t for t in tokens if t.islower())
    in_regions = frozenset[str]().union(*(_region_area(region, line) for region in regions))
    countries = frozenset(t for t in tokens if t.isupper() and not t.startswith("-"))
    removed = frozenset(t[1:] for t in tokens if t.startswith("-"))
    if any(len(code) != 2 for code in countries | removed):
        raise LabelError(f"line {line}: countries must be ISO alpha-2 codes, region ids or -XX, got {list(tokens)}")
    return (countries | in_regions) - removed


def _region_area(region: str, line: int) -> frozenset[str]:
    try:
        return region_area(region)
    except KeyError:
        raise LabelError(f"line {line}: unknown region id {region!r}") from None


def _posting(line: int, record: dict[str, object]) -> Posting:
    job = Job(
        company=str(record["company"]),
        title=str(record["title"]),
        url=str(record["url"]),
        posted_at=datetime.fromisoformat(str(record["posted_at"]).replace("Z", "+00:00")),
        location=str(record.get("location", "")),
        remote=bool(record.get("remote", False)),
        source=str(record.get("source", "eval")),
        id=f"dup-{line}",
    )
    return Posting(group=str(record["group"]), job=job)


# --- scores ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Ratio:
    right: int
    total: int

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass(frozen=True, slots=True)
class CategoryScore:
    name: str
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 1.0

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0


@dataclass(frozen=True, slots=True)
class DuplicateScore:
    postings: int
    groups: int  # real jobs
    extra_copies: int  # postings that dedupe should remove
    copies_left: int  # of those, how many survived
    false_merges: int  # real jobs that lost every posting to another job

    @property
    def rate(self) -> float:
        """The fraction of labelled duplicates left after dedupe (0.0 is perfect)."""
        return self.copies_left / self.extra_copies if self.extra_copies else 0.0


@dataclass(frozen=True, slots=True)
class Miss:
    line: int
    kind: str  # "category", "seniority", "location", "filter", "duplicate"
    text: str  # the posting as a reader sees it
    expected: str
    got: str


@dataclass(frozen=True, slots=True)
class SliceScore:
    """The headline figures of one split of the set."""

    split: str
    examples: int
    categories: CategoryScore  # micro-averaged over the categories
    seniority: Ratio
    location: Ratio
    per_category: tuple[CategoryScore, ...] = ()


@dataclass(frozen=True, slots=True)
class Metrics:
    examples: int
    origins: dict[str, int]
    categories: tuple[CategoryScore, ...]
    seniority: Ratio
    location: Ratio
    filters: Ratio
    duplicates: DuplicateScore
    splits: tuple[SliceScore, ...]
    misses: tuple[Miss, ...]

    def category(self, name: str) -> CategoryScore:
        return next(score for score in self.categories if score.name == name)

    def split(self, name: str) -> SliceScore:
        return next(score for score in self.splits if score.split == name)


def evaluate(selection: Path = SELECTION, duplicates: Path = DUPLICATES) -> Metrics:
    examples = load_examples(selection)
    postings = load_postings(duplicates)
    category_scores, category_misses = _score_categories(examples)
    seniority, seniority_misses = _score_seniority(examples)
    location, location_misses = _score_locations(examples)
    filters, filter_misses = _score_filters(examples)
    duplicate_score, duplicate_misses = _score_duplicates(postings)
    origins: dict[str, int] = {}
    for example in examples:
        kind = example.origin.split(":")[0]
        origins[kind] = origins.get(kind, 0) + 1
    return Metrics(
        examples=len(examples),
        origins=origins,
        categories=category_scores,
        seniority=seniority,
        location=location,
        filters=filters,
        duplicates=duplicate_score,
        splits=tuple(_score_split(name, examples) for name in dict.fromkeys(e.split for e in examples)),
        misses=(*category_misses, *seniority_misses, *location_misses, *filter_misses, *duplicate_misses),
    )


def _score_split(name: str, examples: Sequence[Example]) -> SliceScore:
    chosen = [example for example in examples if example.split == name]
    per_category = _score_categories(chosen)[0]
    return SliceScore(
        split=name,
        examples=len(chosen),
        categories=_micro(per_category),
        seniority=_score_seniority(chosen)[0],
        location=_score_locations(chosen)[0],
        per_category=per_category,
    )


def _micro(scores: Sequence[CategoryScore]) -> CategoryScore:
    return CategoryScore(
        "micro average",
        sum(score.true_positives for score in scores),
        sum(score.false_positives for score in scores),
        sum(score.false_negatives for score in scores),
    )


def _shown(job: Job) -> str:
    extras = [f"location {job.location!r}"]
    if job.remote:
        extras.append("remote")
    if job.tags:
        extras.append(f"tags {list(job.tags)}")
    if job.category:
        extras.append(f"category {list(job.category)}")
    return f"{job.title!r} ({', '.join(extras)})"


def _names(values: Iterable[str]) -> str:
    return ", ".join(sorted(values)) or "-"


def _score_categories(examples: Sequence[Example]) -> tuple[tuple[CategoryScore, ...], list[Miss]]:
    predicted = [(example, categories_of(example.job)) for example in examples]
    misses = [
        Miss(example.line, "category", _shown(example.job), _names(example.categories), _names(got))
        for example, got in predicted
        if got != example.categories
    ]
    return tuple(_category_score(name, predicted) for name in SCORED), misses


def _category_score(name: str, predicted: Sequence[tuple[Example, frozenset[str]]]) -> CategoryScore:
    pairs = [(name in example.categories, name in got) for example, got in predicted]
    return CategoryScore(name, pairs.count((True, True)), pairs.count((False, True)), pairs.count((True, False)))


def _score_seniority(examples: Sequence[Example]) -> tuple[Ratio, list[Miss]]:
    misses = [
        Miss(example.line, "seniority", _shown(example.job), example.seniority or "-", got or "-")
        for example in examples
        if (got := seniority_of(example.job) or "") != example.seniority
    ]
    return Ratio(len(examples) - len(misses), len(examples)), misses


def _area_text(area: frozenset[str] | None, states: frozenset[str] = frozenset()) -> str:
    text = WORLDWIDE if area is None else (_names(area) if len(area) <= 12 else f"{len(area)} countries")
    return f"{text} [{_names(states)}]" if states else text


def predicted_area(job: Job) -> tuple[frozenset[str] | None, frozenset[str]]:
    """What the code reads: the countries the job can be done from (None: worldwide) and its US states."""
    place = place_of(job)
    return (None if place.worldwide else frozenset(place.area)), place.us_states


def _score_locations(examples: Sequence[Example]) -> tuple[Ratio, list[Miss]]:
    misses: list[Miss] = []
    for example in examples:
        area, states = predicted_area(example.job)
        if area != example.countries or (example.us_states is not None and states != example.us_states):
            expected = _area_text(example.countries, example.us_states or frozenset())
            misses.append(Miss(example.line, "location", _shown(example.job), expected, _area_text(area, states)))
    return Ratio(len(examples) - len(misses), len(examples)), misses


def _expected_keep(example: Example, probe: str) -> bool:
    """The keep/drop decision the label implies for one `location` entry (country or region level)."""
    (wanted,) = parse_location_filter(probe).places
    if example.countries is None:
        return True
    if wanted.kind == "worldwide":
        return False
    wanted_area = region_area(wanted.code) if wanted.kind == "region" else {wanted.code}
    return bool(example.countries & wanted_area)


def _score_filters(examples: Sequence[Example]) -> tuple[Ratio, list[Miss]]:
    misses: list[Miss] = []
    for probe in PROBES:
        flt = parse_location_filter(probe)
        for example in examples:
            expected = _expected_keep(example, probe)
            if matches_location(example.job, flt) != expected:
                verdict = ("kept", "dropped") if expected else ("dropped", "kept")
                misses.append(Miss(example.line, "filter", _shown(example.job), f"{probe}: {verdict[0]}", verdict[1]))
    return Ratio(len(examples) * len(PROBES) - len(misses), len(examples) * len(PROBES)), misses


def _score_duplicates(postings: Sequence[Posting]) -> tuple[DuplicateScore, list[Miss]]:
    group_of = {id(posting.job): posting.group for posting in postings}
    survivors: dict[str, int] = {posting.group: 0 for posting in postings}
    for job in dedupe(posting.job for posting in postings):
        survivors[group_of[id(job)]] += 1
    sizes: dict[str, int] = {}
    for posting in postings:
        sizes[posting.group] = sizes.get(posting.group, 0) + 1
    misses = [
        Miss(0, "duplicate", f"group {group!r} ({sizes[group]} postings)", "1 left", f"{left} left")
        for group, left in survivors.items()
        if left != 1
    ]
    score = DuplicateScore(
        postings=len(postings),
        groups=len(sizes),
        extra_copies=sum(size - 1 for size in sizes.values()),
        copies_left=sum(max(left - 1, 0) for left in survivors.values()),
        false_merges=sum(1 for left in survivors.values() if left == 0),
    )
    return score, misses


# --- the report ------------------------------------------------------------------------------------


def render(metrics: Metrics) -> str:
    origins = ", ".join(f"{count} {origin}" for origin, count in sorted(metrics.origins.items()))
    lines = [
        f"## Selection evaluation: {metrics.examples} labelled postings ({origins})",
        "",
        "| Category | Support | Precision | Recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for score in metrics.categories:
        lines.append(
            f"| {score.name} | {score.support} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} |"
        )
    micro = _micro(metrics.categories)
    lines.append(f"| *micro average* | {micro.support} | {micro.precision:.3f} | {micro.recall:.3f} | {micro.f1:.3f} |")
    duplicates = metrics.duplicates
    lines += [
        "",
        "| Measure | Value |",
        "| --- | ---: |",
        f"| Seniority accuracy (senior / junior / neither) | {_ratio(metrics.seniority)} |",
        f"| Location accuracy (countries and US states equal the label) | {_ratio(metrics.location)} |",
        f"| Location filter agreement ({len(PROBES)} entries × {metrics.examples} postings) | "
        f"{_ratio(metrics.filters)} |",
        f"| Duplicates left after dedupe | {duplicates.rate:.3f} ({duplicates.copies_left}/"
        f"{duplicates.extra_copies}) |",
        f"| False merges (real jobs lost to another) | {duplicates.false_merges} of {duplicates.groups} |",
        "",
        "| Split | Postings | Category micro-F1 | Seniority accuracy | Location accuracy |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for part in metrics.splits:
        lines.append(
            f"| {part.split} | {part.examples} | {part.categories.f1:.3f} | {_ratio(part.seniority)} | "
            f"{_ratio(part.location)} |"
        )
    return "\n".join(lines) + "\n"


def _ratio(ratio: Ratio) -> str:
    return f"{ratio.rate:.3f} ({ratio.right}/{ratio.total})"


def render_misses(misses: Sequence[Miss]) -> str:
    lines = ["", "### Disagreements", ""]
    for miss in misses:
        where = f"line {miss.line}" if miss.line else "duplicates"
        lines.append(f"- {miss.kind}, {where}: {miss.text}: expected {miss.expected}; got {miss.got}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--selection", type=Path, default=SELECTION, help="the labelled postings (JSON lines)")
    parser.add_argument("--duplicates", type=Path, default=DUPLICATES, help="the labelled duplicate groups")
    parser.add_argument("--errors", action="store_true", help="also list every posting the code gets wrong")
    parser.add_argument(
        "--no-blind",
        action="store_true",
        help="leave out the blind sets' figures (while tuning: a blind set is scored only when the work is done)",
    )
    args = parser.parse_args(argv)
    metrics = evaluate(args.selection, args.duplicates)
    sys.stdout.write(render(metrics))
    # The development sets in the blind set's format are scored the blind set's way, lists included; their misses
    # are for reading.
    for path in DEV_SETS:
        scored = blind.evaluate(path)
        heading = f"## Development set {path.stem}: {scored.postings} real postings (eval/{path.name}, blind format)"
        sys.stdout.write("\n" + blind.render(scored, heading) + "\n")
    # The blind set's headline figures, never its misses: --errors lists development-set postings only.
    for blind_set in () if args.no_blind else blind.BLIND_SETS:
        sys.stdout.write("\n" + blind.render_summary(blind.evaluate(blind_set.path), blind_set) + "\n")
    if args.errors:
        sys.stdout.write(render_misses(metrics.misses))
        for path in DEV_SETS:
            sys.stdout.write(render_dev_misses(path.stem, blind.misses(path)))
    return 0


def render_dev_misses(name: str, misses: Sequence[blind.PostingMiss]) -> str:
    lines = ["", f"### Disagreements on {name}", ""]
    lines += [f"- {m.measure}, line {m.line}: {m.title}: expected {m.expected}; got {m.got}" for m in misses]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
