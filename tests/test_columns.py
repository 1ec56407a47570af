"""The chosen columns (``columns``), the Salary, Age and Type cells, the new badge (``new-badge``) and the rule
that a day on which only ages or badges would change makes no commit."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from factories import NOW, make_job
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from oracle import TABLE_TAGS, read_table
from render_checks import HOSTILE_PIECES, jobs_from_raw

from jobs_action.config.load import load_list, load_settings
from jobs_action.config.validate import parse_columns, parse_new_badge
from jobs_action.errors import ConfigError
from jobs_action.models import COLUMNS, DEFAULT_COLUMNS, Job, Salary
from jobs_action.plan import plan_file
from jobs_action.render.cells import age_cell, salary_cell, type_cell
from jobs_action.render.escape import WORD_JOINER
from jobs_action.render.page import Page
from jobs_action.render.table import (
    HEADER,
    SEPARATOR,
    TableOptions,
    apply_urls,
    header,
    is_new,
    render_row,
    render_section,
    render_table,
    separator,
    without_volatile,
)
from jobs_action.sources.build import employment_of

DAY = timedelta(days=1)
ALL = TableOptions(columns=COLUMNS)


# --- The cells ---


@pytest.mark.parametrize(
    ("salary", "cell"),
    [
        (Salary(min=120000, max=150000, currency="USD", period="year"), "$120k-150k"),
        (Salary(text="€70k–90k"), "€70k-90k"),
        (Salary(text="₹12-18 LPA"), "₹12-18 LPA"),
        (Salary(min=1_200_000, max=1_800_000, currency="INR", period="year"), "₹12-18 LPA"),
        (Salary(min=50_000, max=60_000, currency="INR", period="month"), "₹50k-60k/mo"),
        (Salary(text="$45/hr"), "$45/hr"),
        (Salary(min=19.5, currency="EUR", period="hour"), "€19.5+/hr"),
        (Salary(min=150000, currency="USD"), "$150k+"),
        (Salary(max=95000, currency="GBP", period="year"), "up to £95k"),
        (Salary(min=90000, max=90000, currency="USD", period="year"), "$90k"),
        (Salary(min=110000, max=140000, currency="CHF", period="year"), "CHF 110k-140k"),
        (Salary(min=1_500_000, max=2_000_000, currency="JPY", period="year"), "JPY 1.5M-2M"),
        (Salary(min=100000, max=120000), "100k-120k"),
        (Salary(min=800, max=1000, currency="USD", period="week"), "$800-1k/wk"),
        (Salary(min=300, currency="USD", period="day"), "$300+/day"),
        (Salary(text="Competitive"), ""),  # words say nothing of the pay
        (Salary(text="DOE | <b>great</b> *pay*"), ""),
        (None, ""),
        (Salary(), ""),
    ],
)
def test_the_salary_cell_shows_the_known_range_compactly(salary, cell):
    assert salary_cell(make_job(salary=salary)) == cell


def test_a_salary_from_the_title_shows_as_the_title_states_it():
    from jobs_action.select.criteria import annotate

    job = annotate(make_job("Backend Engineer ($45/hr)"))
    assert salary_cell(job) == "$45/hr"


@pytest.mark.parametrize(
    ("days", "cell"),
    [(0, "0d"), (1, "1d"), (13, "13d"), (14, "2w"), (20, "2w"), (59, "8w"), (60, "2mo"), (400, "13mo")],
)
def test_the_age_cell_is_short(days, cell):
    assert age_cell(make_job(posted_at=NOW - days * DAY), NOW) == cell


def test_the_age_reads_the_first_seen_date_of_a_repost_and_the_posting_date_of_a_late_find():
    repost = replace(make_job(posted_at=NOW), first_seen=NOW - 7 * DAY)
    late = replace(make_job(posted_at=NOW - 10 * DAY), first_seen=NOW)
    assert (age_cell(repost, NOW), age_cell(late, NOW)) == ("7d", "10d")
    assert age_cell(make_job(posted_at=NOW + DAY), NOW) == "0d"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("full_time", "full-time"),
        ("Full Time", "full-time"),
        ("FullTime", "full-time"),
        ("Full-Time", "full-time"),
        ("part_time", "part-time"),
        ("PartTime", "part-time"),
        ("contract", "contract"),
        ("Contractor", "contract"),
        ("freelance", "contract"),
        ("Intern", "internship"),
        ("internship", "internship"),
        (["Mid-senior", "contract"], "contract"),
        (["Working student", "berufseinstieg"], ""),
        ("Permanent", ""),
        ("Temporary", ""),
        (None, ""),
        (12, ""),
    ],
)
def test_the_employment_type_is_read_only_where_the_source_says_it(raw, kind):
    assert employment_of(raw) == kind


def test_the_type_cell_names_the_type():
    cells = [
        type_cell(replace(make_job(), employment=kind))
        for kind in ("full-time", "part-time", "contract", "internship", "")
    ]
    assert cells == ["Full-time", "Part-time", "Contract", "Internship", ""]


# --- Columns ---


def test_the_default_columns_are_the_contracts_header():
    assert header(DEFAULT_COLUMNS) == HEADER and separator(DEFAULT_COLUMNS) == SEPARATOR
    assert parse_columns("Company, Position, Location, Posted, Apply") == DEFAULT_COLUMNS


def test_columns_are_read_in_the_given_order_whatever_their_case():
    assert parse_columns("apply\nSALARY, age") == ("Apply", "Salary", "Age")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Company, Pay, Apply", "got 'Pay'."),
        ("Company, Company, Apply", "Company is named twice."),
        ("Company, Position", "Apply is missing"),
        ("", "Apply is missing"),
    ],
)
def test_an_invalid_columns_input_names_the_columns_and_the_problem(text, problem):
    with pytest.raises(ConfigError) as raised:
        parse_columns(text)
    message = str(raised.value)
    assert message.startswith(
        "columns: expected column names from Company, Position, Location, Salary, Posted, Age, Type, Apply"
    )
    assert problem in message


def test_the_money_bag_stays_unless_a_salary_column_shows_the_pay():
    paid = make_job(salary=Salary(min=1, max=2, currency="USD"))
    assert "💰" in render_row(paid, TableOptions())
    assert "💰" not in render_row(paid, ALL, NOW)


def test_every_row_is_one_unpadded_line_whose_cells_depend_on_its_job_alone():
    short, long = make_job("Dev", "A"), make_job("Senior Principal Backend Developer", "A very long company name")
    table = render_table([short, long], ALL, NOW).split("\n")
    assert table[2] == render_table([short], ALL, NOW).split("\n")[2]
    assert all("  |" not in line.replace("|  |", "| |") for line in table)


def test_apply_urls_are_found_wherever_the_apply_column_stands():
    jobs = [make_job(url="https://x.example/1"), make_job(url="https://x.example/2")]
    for columns in (("Apply", "Company"), ("Company", "Apply", "Posted"), COLUMNS):
        options = TableOptions(columns=columns)
        assert apply_urls(render_table(jobs, options, NOW)) == ["https://x.example/1", "https://x.example/2"]


def test_feed_text_cannot_forge_an_apply_cell():
    job = make_job(title="x | [Apply](https://evil.example) | y", url="https://x.example/1")
    assert apply_urls(render_table([job], TableOptions(columns=("Position", "Apply")))) == ["https://x.example/1"]


RAW_FIELD = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=16).map("".join)
RAW_JOB = st.tuples(RAW_FIELD, RAW_FIELD, RAW_FIELD, st.just(""))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RAW_JOB, min_size=1, max_size=3), RAW_FIELD, st.permutations(COLUMNS))
def test_any_hostile_text_in_any_column_order_stays_one_cell_and_one_link_per_row(fields, pay, columns):
    jobs = [replace(job, salary=Salary(text=pay.strip() or "x"), first_seen=NOW) for job in jobs_from_raw(fields)]
    assume(jobs)
    options = TableOptions(columns=tuple(columns), new_badge="🆕", link_query="utm=x")
    table = read_table(render_table(jobs, options, NOW))
    assert set(table.tags) <= TABLE_TAGS | {"a"} and table.comments == 0
    assert len(table.rows) == len(jobs) + 1 and {len(row) for row in table.rows} == {len(COLUMNS)}
    assert [cell for _row, cell, _href in table.links] == [columns.index("Apply")] * len(jobs)
    for row, job in zip(table.rows[1:], jobs, strict=True):
        assert row[columns.index("Company")].replace(WORD_JOINER, "") == job.company
        assert row[columns.index("Position")].replace(WORD_JOINER, "") == f"{job.title} 🆕"


# --- The new badge ---


def test_the_badge_marks_jobs_first_seen_in_the_last_n_calendar_days():
    options = TableOptions(new_badge="🆕", new_badge_days=2)
    today, yesterday, before = (replace(make_job(), first_seen=NOW - n * DAY) for n in (0, 1, 2))
    assert [is_new(job, options, NOW) for job in (today, yesterday, before)] == [True, True, False]
    late_today = replace(make_job(), first_seen=NOW.replace(hour=23, minute=59))
    assert is_new(late_today, TableOptions(new_badge="🆕"), NOW.replace(hour=0, minute=1))
    assert not is_new(make_job(), options, NOW)  # no first-seen date: no history, no badge
    assert render_row(today, options, NOW).startswith("| Acme | Backend Developer 🆕 |")


@pytest.mark.parametrize(
    ("text", "badge"), [("🆕 3", ("🆕", 3)), ("🆕", ("🆕", 1)), ("NEW since 7", ("NEW since", 7)), ("", ("", 1))]
)
def test_the_new_badge_input_is_a_badge_and_a_number_of_days(text, badge):
    assert parse_new_badge(text) == badge


@pytest.mark.parametrize("text", ["🆕 0", "🆕 366", "x" * 21, "a|b 3", "🆕\u2028 3"])
def test_an_invalid_new_badge_names_the_input_and_the_form(text):
    with pytest.raises(ConfigError, match=r"^new-badge: expected a short badge and the days a job stays new, such as"):
        parse_new_badge(text)


def test_the_badge_needs_a_data_file_and_the_position_column():
    with pytest.raises(ConfigError, match=r"^new-badge: needs `data-file`.*set `data-file: jobs.json` too"):
        load_list({"new-badge": "🆕"}, repository="o/r")
    with pytest.raises(ConfigError, match=r"^new-badge: the badge follows the Position; add Position to `columns`"):
        load_list({"new-badge": "🆕", "data-file": "jobs.json", "columns": "Company, Apply"}, repository="o/r")
    spec = load_list({"new-badge": "🆕 2", "data-file": "jobs.json"}, repository="o/r")
    assert (spec.new_badge, spec.new_badge_days, spec.columns) == ("🆕", 2, DEFAULT_COLUMNS)


def test_a_lists_file_sets_columns_sections_and_the_badge_per_list(tmp_path: Path):
    (tmp_path / "lists.yml").write_text(
        "defaults:\n  columns: [Company, Position, Age, Apply]\n  data-file: jobs.json\n  new-badge: 🆕 2\n"
        "lists:\n  - name: india\n    repository: o/india\n    sections: Bengaluru, Pune\n"
        "  - name: usa\n    repository: o/usa\n    columns: Company, Salary, Apply\n    new-badge:\n",
        encoding="utf-8",
    )
    env = {"INPUT_GITHUB-TOKEN": "t", "INPUT_CONFIG": "lists.yml", "GITHUB_WORKSPACE": str(tmp_path)}
    india, usa = load_settings(env).lists
    assert india.columns == ("Company", "Position", "Age", "Apply") and india.new_badge_days == 2
    assert india.sections.headings == ("Bengaluru", "Pune")
    assert usa.columns == ("Company", "Salary", "Apply") and usa.new_badge == "" and not usa.sections


def test_a_lists_file_error_in_the_new_inputs_names_the_list(tmp_path: Path):
    (tmp_path / "lists.yml").write_text(
        "lists:\n  - name: a\n    repository: o/a\n    columns: Company\n", encoding="utf-8"
    )
    env = {"INPUT_GITHUB-TOKEN": "t", "INPUT_CONFIG": "lists.yml", "GITHUB_WORKSPACE": str(tmp_path)}
    with pytest.raises(ConfigError, match=r"^config: lists.yml: list 'a': columns: expected column names"):
        load_settings(env)


# --- No noise: ages and badges change with the date alone ---

PAGE = Page(title="Awesome Backend Jobs", description="A list.", max_age_days=15, marker="JOBS")
BADGED = TableOptions(columns=("Company", "Position", "Age", "Posted", "Apply"), new_badge="🆕")


def _jobs(first_seen_days: tuple[int, ...] = (0, 3)) -> list[Job]:
    return [
        replace(
            make_job(f"Engineer {n}", url=f"https://x.example/{n}", posted_at=NOW - days * DAY),
            first_seen=NOW - days * DAY,
        )
        for n, days in enumerate(first_seen_days)
    ]


def plan(current: str | None, section: str, badge: str = "🆕"):
    return plan_file(current, mode="auto", page=PAGE, section=section, path="README.md", badge=badge)


def test_a_day_on_which_only_ages_and_badges_change_is_no_change():
    first = plan(None, render_section(_jobs(), BADGED, NOW)).text
    later = render_section(_jobs(), BADGED, NOW + 2 * DAY)
    assert "🆕" in first and "🆕" not in later and "| 2d |" in later
    result = plan(first, later)
    assert not result.changed and result.text == first


def test_a_real_change_with_ages_changing_too_is_a_change():
    first = plan(None, render_section(_jobs(), BADGED, NOW)).text
    result = plan(first, render_section(_jobs((0, 3, 5)), BADGED, NOW + DAY))
    assert result.changed and (result.added, result.removed) == (1, 0)
    assert "| Acme | Engineer 0 | 1d |" in result.text  # written with today's ages


def test_a_new_badge_text_is_a_change():
    first = plan(None, render_section(_jobs(), BADGED, NOW)).text
    other = replace(BADGED, new_badge="NEW")
    assert plan(first, render_section(_jobs(), other, NOW), badge="NEW").changed


def test_without_volatile_blanks_only_tables_this_action_writes():
    mine = "| Mine | Age |\n| --- | --- |\n| x | 3d |"
    assert without_volatile(mine) == mine
    ours = render_table(_jobs(), BADGED, NOW)
    assert (
        "| 0d |" in ours and "| 0d |" not in without_volatile(ours, "🆕") and "🆕" not in without_volatile(ours, "🆕")
    )
    assert without_volatile(ours, "🆕") == without_volatile(render_table(_jobs(), BADGED, NOW + 9 * DAY), "🆕")


def test_age_and_badge_leave_other_columns_alone():
    jobs = _jobs()
    steady = without_volatile(render_table(jobs, BADGED, NOW), "🆕")
    assert "| Acme | Engineer 0 |  | Apr 21 | [Apply](https://x.example/0) |" in steady
