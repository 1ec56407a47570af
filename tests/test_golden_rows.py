"""Golden: every row reads clean, every job once (docs/selection.md, "Duplicates" and "The Location cell").

tests/data/golden/rows.json holds postings written after real records: the location texts, titles and spelling
variants are those of the recorded payloads and of the issue that listed them; the companies other than the ones
those records name, and every URL, are stand-ins. They hold: remote area texts as feeds write them, a weekly repost,
a "(Remote)" title suffix, a company spelled with and without a space, two cities at one company, a hybrid job
flagged remote, a salary only in the title. tests/data/golden/rows-table.md is the table a `category: tech` list
with `max-age-days: 15` renders from them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from oracle import TABLE_TAGS, read_table

from jobs_action.app import list_jobs
from jobs_action.config.load import load_list
from jobs_action.config.settings import Target
from jobs_action.models import COLUMNS
from jobs_action.plan import ListLinks, ListPlan, plan_list, table_options
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


# --- The table readers ask for: columns, the new badge and ages from the history, sections ---------------------
#
# tests/data/golden/pay.json adds postings with the salary and employment-type fields as sources write them (a
# structured range, "€70k–90k", "₹12-18 LPA", "$45/hr", a lower or an upper end only, another currency, words;
# "full_time", "Full-Time", "FullTime", "Intern", "freelance", and "Permanent", which says no type); its companies
# and URLs are stand-ins. rows-yesterday.json is the feed of rows.json as it read a day before NOW: without the two
# jobs posted since, and with Globex's earlier posting (another URL, 11-20) of the job it reposted on 11-28.

BOTH = "file:rows.json, file:pay.json"


def planned(inputs: dict[str, str], now: datetime = NOW, texts: dict[str, str | None] | None = None) -> ListPlan:
    """The plan of a list of ``inputs`` (category tech, 15 days, both golden feeds unless ``sources`` is given) on
    one target whose files hold ``texts``."""
    given = {"sources": BOTH, "max-age-days": "15", "category": "tech", **inputs}
    spec = load_list(given, repository="o/r")
    jobs, credits = list_jobs(spec, fetch_sources(spec.sources, HttpClient(), GOLDEN), now)
    links = ListLinks.of(spec, Target("o/r"), "main", "https://github.com")
    return plan_list(spec, jobs, credits, texts or {}, now, links)


def section_of(plan: ListPlan) -> str:
    """The section without its date line, as the golden files hold it."""
    return plan.section.split("\n\n", 1)[1] + "\n"


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("column", COLUMNS)
def test_each_column_renders_its_golden_cells(column):
    columns = column if column == "Apply" else f"{column}, Apply"
    assert section_of(planned({"columns": columns})) == golden(f"columns/{column}.md")


def test_all_columns_in_a_chosen_order_equal_the_golden_table():
    plan = planned({"columns": "Type, Company, Salary, Position, Age, Location, Apply, Posted"})
    assert section_of(plan) == golden("columns/all.md")


def test_the_default_columns_are_the_seed_table():
    assert section_of(planned({"sources": "file:rows.json"})) == golden("rows-table.md")


def test_every_cell_of_every_column_reads_back_as_one_cell_and_one_link_per_row():
    markdown = section_of(planned({"columns": ", ".join(COLUMNS)}))
    table = read_table(markdown)
    assert set(table.tags) <= TABLE_TAGS | {"a"} and table.comments == 0
    assert {len(row) for row in table.rows} == {len(COLUMNS)}
    assert [cell for _row, cell, _href in table.links] == [COLUMNS.index("Apply")] * (len(table.rows) - 1)
    canonical = next(row for row in table.rows if row[0] == "Canonical")
    assert canonical[COLUMNS.index("Salary")] == ""  # "Competitive <b>plus</b> *equity*": no amount, no pay shown
    assert canonical[COLUMNS.index("Position")] == "Frontend Developer | Web | Remote"  # feed text, shown as text


def test_the_badge_marks_only_the_jobs_first_seen_today_and_a_repost_keeps_its_age():
    inputs = {"sources": "file:rows.json", "data-file": "jobs.json", "new-badge": "🆕 1"}
    inputs["columns"] = "Company, Position, Age, Posted, Apply"
    yesterday = planned({**inputs, "sources": "file:rows-yesterday.json"}, NOW - timedelta(days=1))
    today = planned(inputs, NOW, {"jobs.json": yesterday.files["jobs.json"]})
    assert section_of(today) == golden("badge.md")
    badged = [line.split(" | ")[0] for line in section_of(today).splitlines() if "🆕" in line]
    assert badged == ["| Razorpay", "| Postman"]
    globex = next(line for line in section_of(today).splitlines() if line.startswith("| Globex"))
    assert "| 11d | Nov 28 |" in globex  # first seen with its posting of Nov 20: a repost is not new
    assert not yesterday.section.count("🆕")  # the first run starts the history from the posting dates


def test_category_sections_follow_the_order_of_the_category_input():
    plan = planned(
        {"category": "frontend, data, backend", "sections": "category", "columns": "Company, Position, Salary, Apply"}
    )
    assert section_of(plan) == golden("sections-category.md")
    headings = [line for line in plan.section.splitlines() if line.startswith("### ")]
    assert headings == ["### Frontend", "### Data", "### Backend"]


def test_place_sections_cap_each_section_and_show_other_only_when_asked():
    inputs = {"sections": "USA, India, Remote", "max-jobs": "4", "columns": "Company, Position, Location, Apply"}
    plan = planned({**inputs, "other-section": "true"})
    assert section_of(plan) == golden("sections-place.md")
    without_other = planned(inputs)
    assert "### Other" not in without_other.section
    assert without_other.section == plan.section.split("\n\n### Other", 1)[0]
