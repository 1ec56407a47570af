"""The blind set (eval/blind.jsonl): real postings labelled from docs/selection.md by someone who had not read the
code or the development set, scored by eval/blind.py. Its misses are never read to tune a rule; these floors
only keep what the last measurement reached from slipping (eval/BLIND.md)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "eval" / "blind.jsonl"
BLIND2 = ROOT / "eval" / "blind2.jsonl"
BLIND3 = ROOT / "eval" / "blind3.jsonl"
# Measured once at the end of the last tuning round (on dev3 to dev10; eval/BLIND.md, eval/BLIND2.md,
# eval/BLIND3.md), a hundredth below. The aim is 0.95 for each; these are floors at what was reached, not the aim.
FLOORS = {
    "blind": {"india": 0.95, "usa": 0.97, "senior": 0.96, "high-paying": 0.92},
    "blind2": {"india": 0.95, "usa": 0.84, "senior": 0.90, "high-paying": 0.99},
    "blind3": {"india": 0.96, "usa": 0.90, "senior": 0.92, "high-paying": 0.99},
}
MIN_TECH_F1 = {"blind": 0.96, "blind2": 0.92, "blind3": 0.95}
MIN_MACRO_F1 = {"blind": 0.90, "blind2": 0.925, "blind3": 0.845}
MIN_SENIORITY_ACCURACY = {"blind": 0.95, "blind2": 0.95, "blind3": 0.94}
SETS = {"blind": BLIND, "blind2": BLIND2, "blind3": BLIND3}


def load_blind() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blind_eval", ROOT / "eval" / "blind.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored():
    blind = load_blind()
    return {name: blind.evaluate(path) for name, path in SETS.items()}


@pytest.mark.parametrize("path", [BLIND, BLIND2, BLIND3], ids=["blind", "blind2", "blind3"])
def test_the_blind_set_has_at_least_300_real_postings_with_their_origin(path):
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").rstrip("\n").split("\n")]
    assert len(records) >= 300
    for record in records:
        origin = record["origin"]
        assert re.fullmatch(r"[\w.-]+/[\w.-]+", origin["repo"]) and origin["path"], origin
        assert re.fullmatch(r"[0-9a-f]{40}", origin["commit"]), origin
    assert max(
        sum(1 for r in records if r["origin"]["repo"] == repo) for repo in {r["origin"]["repo"] for r in records}
    ) <= 0.35 * len(records)


@pytest.mark.parametrize(("blind_set", "name"), [(blind_set, name) for blind_set in SETS for name in FLOORS[blind_set]])
def test_each_tech_list_of_the_family_reaches_its_floor(scored, blind_set, name):
    score = next(score for score in scored[blind_set].lists if score.name == name)
    assert score.f1 >= FLOORS[blind_set][name], (blind_set, name)  # the figures only, never the postings


@pytest.mark.parametrize("blind_set", sorted(SETS))
def test_tech_and_the_categories_reach_their_floors(scored, blind_set):
    metrics = scored[blind_set]
    assert metrics.tech.f1 >= MIN_TECH_F1[blind_set]
    assert metrics.macro_f1 >= MIN_MACRO_F1[blind_set]
    assert metrics.seniority_accuracy >= MIN_SENIORITY_ACCURACY[blind_set]


def test_misses_are_listed_for_a_development_file_and_refused_for_the_blind_set():
    blind = load_blind()
    for path in (BLIND, BLIND2, BLIND3):
        with pytest.raises(ValueError, match="not for reading"):
            blind.misses(path)
    found = blind.misses(ROOT / "eval" / "dev4.jsonl")
    assert found and {miss.measure for miss in found} <= {
        *(f"{name} list" for name in FLOORS["blind"]),
        "categories",
        "tech",
        "seniority",
    }
