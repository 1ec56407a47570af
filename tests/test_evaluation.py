"""The evaluation set of the selection stage (eval/): its size, its coverage, and the floors the code must keep."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"

# Floors. The figures today are higher (see eval/README.md); these leave room for honest hard examples.
MIN_EXAMPLES = 300
MIN_PER_CATEGORY = 10
MIN_CATEGORY_F1 = 0.95
MIN_DEV2_CATEGORY_F1 = 0.80  # dev2: 639 real postings added after the rules; the lowest reached is 0.805 (data)
MIN_DEV2_MICRO_F1 = 0.89  # reached: 0.902
MIN_SENIORITY_ACCURACY = 0.95
MIN_LOCATION_ACCURACY = 0.97
MIN_FILTER_AGREEMENT = 0.99
MIN_HOLDOUT_F1 = 0.95


def _load_evaluate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_evaluate", EVAL / "evaluate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


evaluate = _load_evaluate()


@pytest.fixture(scope="module")
def metrics() -> Any:
    return evaluate.evaluate()


def test_the_set_has_at_least_300_labelled_postings(metrics: Any) -> None:
    assert metrics.examples >= MIN_EXAMPLES


def test_every_category_has_at_least_ten_examples(metrics: Any) -> None:
    small = {score.name: score.support for score in metrics.categories if score.support < MIN_PER_CATEGORY}
    assert not small


def test_every_category_with_ten_examples_reaches_the_f1_floor(metrics: Any) -> None:
    """On the postings the rules were written from (the dev and holdout slices) the floor is 0.95 for each
    category; on the real postings added later (dev2, hard and varied) each stays at or above what it reached."""
    tuned = [score for name in ("dev", "holdout") for score in metrics.split(name).per_category]
    low = {s.name: round(s.f1, 3) for s in tuned if s.support >= MIN_PER_CATEGORY and s.f1 < MIN_CATEGORY_F1}
    assert not low
    later = {s.name: round(s.f1, 3) for s in metrics.split("dev2").per_category if s.support >= MIN_PER_CATEGORY}
    assert later and all(f1 >= MIN_DEV2_CATEGORY_F1 for f1 in later.values()), later
    assert metrics.split("dev2").categories.f1 >= MIN_DEV2_MICRO_F1


def test_seniority_accuracy_reaches_its_floor(metrics: Any) -> None:
    assert metrics.seniority.rate >= MIN_SENIORITY_ACCURACY


def test_location_accuracy_reaches_its_floor(metrics: Any) -> None:
    assert metrics.location.rate >= MIN_LOCATION_ACCURACY
    assert metrics.filters.rate >= MIN_FILTER_AGREEMENT


def test_the_held_out_slice_reaches_the_floors_too(metrics: Any) -> None:
    holdout = metrics.split("holdout")
    assert holdout.examples >= 100
    assert holdout.categories.f1 >= MIN_HOLDOUT_F1
    assert holdout.seniority.rate >= MIN_SENIORITY_ACCURACY
    assert holdout.location.rate >= MIN_LOCATION_ACCURACY


def test_dedupe_merges_every_labelled_duplicate_and_nothing_else(metrics: Any) -> None:
    duplicates = metrics.duplicates
    assert duplicates.extra_copies >= 10
    assert duplicates.copies_left == 0
    assert duplicates.false_merges == 0


def test_every_origin_names_a_recorded_fixture_the_seed_a_repository_or_written() -> None:
    seed = (ROOT / "tests/data/seed/awesome-backend-jobs-README.utf8.md").read_text(encoding="utf-8")
    for line in (EVAL / "selection.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        origin = record["origin"]
        if origin.startswith("fixture:"):
            assert (ROOT / "tests/data/sources" / origin.removeprefix("fixture:")).is_file(), origin
        elif origin == "seed":
            assert f"| {record['title']} |" in seed.replace(" 💰 |", " |"), record["title"]
        elif origin.startswith("github:"):  # a real posting of a public repository: owner/name/path@commit#item
            assert re.fullmatch(r"github:[\w.-]+/[\w.-]+/\S+@[0-9a-f]{7,40}(?:#.+)?", origin), origin
        else:
            assert origin == "written", origin


def test_the_seed_titles_are_all_labelled_backend() -> None:
    examples = [e for e in evaluate.load_examples() if e.origin == "seed"]
    assert len(examples) == 12
    assert all("backend" in e.categories for e in examples)


def test_a_label_with_an_unknown_category_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    line = {"title": "X", "location": "", "categories": ["web"], "seniority": "", "countries": [], "origin": "written"}
    bad.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(evaluate.LabelError, match="unknown categories"):
        evaluate.load_examples(bad)


def test_the_script_prints_a_markdown_table_and_lists_errors_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--errors"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Selection evaluation: ")
    assert "| backend |" in out and "| Seniority accuracy" in out and "### Disagreements" in out


def test_no_blind_leaves_the_blind_sets_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main(["--no-blind"]) == 0
    out = capsys.readouterr().out
    assert "## Development set dev3" in out
    assert "## Blind set" not in out
    assert evaluate.main([]) == 0
    assert "## Blind set" in capsys.readouterr().out
