"""Golden: every row reads clean, every job once (docs/selection.md, "Duplicates" and "The Location cell").

tests/data/golden/rows.json holds postings written after real records: the location texts, titles and spelling
variants are those of the recorded payloads and of the issue that listed them; the companies other than the ones
those records name, and every URL, are stand-ins. They hold: remote area texts as feeds write them, a weekly repost,
a "(Remote)" title suffix, a company spelled with and without a space, two cities at one company, a hybrid job
flagged remote, a salary only in the title. tests/data/golden/rows-table.md is the table a `category: tech` list
with `max-age-days: 15` renders from them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from jobs_action.app import list_jobs, table_options
from jobs_action.config.load import load_list
from jobs_action.render.table import render_table
from jobs_action.sources import fetch_sources
from jobs_action.sources.http import HttpClient

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def rendered() -> str:
    spec = load_list({"sources": "file:rows.json", "max-age-days": "15", "category": "tech"}, repository="o/r")
    jobs, _credits = list_jobs(spec, fetch_sources(spec.sources, HttpClient(), GOLDEN), NOW)
    return render_table(jobs, table_options(spec)) + "\n"


def test_the_rows_equal_the_golden_table():
    assert rendered() == (GOLDEN / "rows-table.md").read_text(encoding="utf-8")


def test_no_cell_echoes_raw_remote_text_and_no_job_appears_twice():
    rows = [row.split(" | ") for row in rendered().splitlines()[2:]]
    for location in (row[2] for row in rows):
        inside = location.removeprefix("🌐 Remote").removeprefix("📍 ")
        for raw in ("Remote", "Only", "OTHER", "&amp;", "Hybrid"):
            assert raw not in inside, location
    pairs = [(row[0], row[1]) for row in rows]
    assert pairs.count(("| Stripe", "Backend Engineer")) == 2  # two cities: two rows
    others = [pair for pair in pairs if pair[0] != "| Stripe"]
    assert len(others) == len(set(others))  # every other job once
    assert ("| Kobo Toolbox", "Backend Developer (Django)") not in pairs  # the newer posting is shown
