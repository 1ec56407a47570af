"""Rendering: the table format of the contract, escaping that holds for any text, the generated file."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import NOW, border_job, make_job
from fakes.sources import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import TABLE_TAGS, read_table, render_markdown
from render_checks import HOSTILE_PIECES, OPTIONS, assert_clean_table, jobs_from_raw, table_problems

from jobs_action.models import Salary
from jobs_action.render.escape import WORD_JOINER, add_query, escape_cell
from jobs_action.render.page import Credit, Page, render_file
from jobs_action.render.table import (
    HEADER,
    NO_JOBS,
    SEPARATOR,
    TableOptions,
    apply_urls,
    render_row,
    render_section,
    render_table,
    without_date_line,
)
from jobs_action.sources import weworkremotely
from jobs_action.sources.build import MAX_COMPANY, MAX_TITLE
from jobs_action.text import clean_text


def test_row_matches_the_contract_format_exactly():
    job = make_job("Software Engineer - Backend", "Motive", url="https://starjobs.dev/jobs/649", location="Pakistan")
    assert render_row(job, OPTIONS) == (
        "| Motive | Software Engineer - Backend | 📍 Pakistan | Apr 21 "
        "| [Apply](https://starjobs.dev/jobs/649?utm=github) |"
    )


def test_remote_job_shows_globe_and_salary_shows_money_bag():
    job = make_job(
        "Back End Developer (APIs)",
        "Wiraa",
        remote=True,
        location="Remote",
        salary=Salary(min=50000, max=70000, currency="USD", period="year"),
    )
    row = render_row(job, OPTIONS)
    assert "| Back End Developer (APIs) 💰 | 🌐 Remote |" in row


def test_remote_job_restricted_to_a_place_names_the_place():
    row = render_row(make_job(remote=True, location="USA Only"), OPTIONS)
    assert "| 🌐 Remote (USA) |" in row


@pytest.mark.parametrize(
    ("location", "remote", "cell"),
    [
        ("Remote, Bangalore", True, "🌐 Remote (India)"),
        ("Remote - India", True, "🌐 Remote (India)"),
        ("Remote in USA; Remote in UK", True, "🌐 Remote (UK, USA)"),
        ("Remote, Remote", True, "🌐 Remote"),
        ("Remote", True, "🌐 Remote"),
        ("Anywhere in the World", True, "🌐 Remote"),
        ("Remote (Europe)", True, "🌐 Remote (Europe)"),
        ("USA, Canada", True, "🌐 Remote (Canada, USA)"),
        ("On-site & Remote (within 2h of CET timezone)", True, "📍 within 2h of CET timezone"),
        ("Remote or Hybrid, Berlin", True, "📍 Berlin"),
        ("New York, NY (Hybrid)", False, "📍 New York, NY"),
        ("Bengaluru East, Karnataka, India", False, "📍 Bengaluru East, Karnataka, India"),
        ("", False, "📍 Not specified"),
    ],
)
def test_the_location_cell_reads_the_resolved_place_never_the_raw_area_text(location, remote, cell):
    """docs/selection.md, "The Location cell": no "Remote", "Only" or a repeated place inside the parentheses; an
    on-site and remote mix is not remote."""
    from jobs_action.render.table import location_cell

    assert location_cell(make_job(location=location, remote=remote)) == cell


def test_table_has_the_seed_header_and_separator():
    assert render_table([make_job()], OPTIONS).split("\n")[:2] == [HEADER, SEPARATOR]


def test_empty_table_is_a_clear_line_not_an_empty_table():
    assert render_table([], OPTIONS) == NO_JOBS


def test_rows_do_not_depend_on_other_rows():
    short, long = (
        make_job("Dev", "A"),
        make_job("Senior Principal Backend Developer", "A very long company name"),
    )
    assert render_table([short, long], OPTIONS).split("\n")[2] == render_table([short], OPTIONS).split("\n")[2]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://applicantai.com/jump/software-engineer/3439?ref=remoteok#apply",
            "https://applicantai.com/jump/software-engineer/3439?ref=remoteok&utm=github#apply",
        ),
        ("https://remotive.com/remote-jobs/x-1", "https://remotive.com/remote-jobs/x-1?utm=github"),
        ("https://x.example/a?utm=github", "https://x.example/a?utm=github"),
        ("https://x.example/a?utm=other&b=1", "https://x.example/a?b=1&utm=github"),
    ],
)
def test_link_query_is_added_once_before_the_fragment(url, expected):
    assert add_query(url, "utm=github") == expected


def test_ampersand_in_apply_url_survives_rendering_as_an_ampersand():
    job = make_job(url="https://x.example/a?b=1&copy=2")
    table = read_table(render_table([job], TableOptions()))
    assert table.links == [(1, 4, "https://x.example/a?b=1&copy=2")]


def test_section_starts_with_the_updated_line():
    assert render_section([], OPTIONS, NOW).startswith("*Updated on 2025-04-21*\n\n")


def test_date_line_is_ignored_when_comparing_renders():
    a = render_section([make_job()], OPTIONS, NOW)
    b = render_section([make_job()], OPTIONS, NOW + timedelta(days=1))
    assert a != b and without_date_line(a) == without_date_line(b)


def test_apply_urls_are_read_back_from_the_table():
    jobs = [make_job(url="https://x.example/1"), make_job(url="https://x.example/2")]
    assert apply_urls(render_table(jobs, OPTIONS)) == [
        "https://x.example/1?utm=github",
        "https://x.example/2?utm=github",
    ]


def test_generated_file_has_the_seed_layout():
    page = Page(
        title="Awesome Backend Jobs",
        description="A curated list.",
        max_age_days=15,
        marker="JOBS",
        credits=(Credit("Remotive", "https://remotive.com"), Credit("a local jobs file")),
        related_lists=(("Awesome Frontend Jobs", "https://github.com/o/awesome-frontend-jobs"),),
    )
    text = render_file(page, render_section([make_job()], OPTIONS, NOW))
    headings = [line for line in text.split("\n") if line.startswith("#")]
    assert headings == [
        "# Awesome Backend Jobs",
        "## Latest Jobs",
        "## About This List",
        "## Other Awesome Job Lists",
    ]
    assert "* 🔄 Jobs older than 15 days are automatically removed" in text
    assert "* 📡 Jobs from [Remotive](https://remotive.com), a local jobs file" in text
    assert "* [Awesome Frontend Jobs](https://github.com/o/awesome-frontend-jobs)" in text
    assert text.index("<!-- JOBS:START -->") < text.index("*Updated on 2025-04-21*") < text.index("<!-- JOBS:END -->")


HOSTILE = [
    "Acme | Senior Engineer | [Apply](https://phish.example)",
    "B\n> q",
    "B\n# Pwned",
    "B\n| --- |",
    "B\n\nC",
    "A\u2028B",
    "A\u0085B",
    "`a|b`",
    "`Acme",
    "``x``",
    "*x*",
    "__x__",
    "~~x~~",
    "[t](https://u.example)",
    "![i](https://u.example/a.png)",
    "<https://x.example>",
    "www.evil.example",
    "WWW.evil.example",
    "https://evil.example",
    "jobs@evil.example",
    "thehivecareers.co",
    "www.smokescreen.io",
    "<img src=x>",
    "<details><summary>x</summary>y",
    "<script>x</script>",
    '<a href="https://e">x</a>',
    "<bdo dir=rtl>x</bdo>",
    "</td></tr></table>",
    "<!-- x -->",
    "<!-- JOBS:END -->",
    "&#124;",
    "&#x202E;",
    "&lt;script&gt;",
    "&amp;",
    "&copy;",
    "Acme\\",
    "a\\|b",
    "\\\\*x*",
    "C:\\path",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_literal_in_one_cell_of_five(text):
    job = make_job(title=clean_text(text), company=clean_text(text), location=clean_text(text))
    _assert_table_shape([job])


def _assert_table_shape(jobs):
    table = read_table(render_table(jobs, OPTIONS))
    assert set(table.tags) - {"a"} <= TABLE_TAGS
    assert table.comments == 0
    assert len(table.rows) == len(jobs) + 1
    for index, job in enumerate(jobs, start=1):
        cells = [cell.replace(WORD_JOINER, "") for cell in table.rows[index]]
        assert len(cells) == 5
        assert cells[0] == job.company
        assert cells[1] == job.title + (" 💰" if job.has_salary else "")
        assert cells[2] == (f"📍 {job.location}" if job.location else "📍 Not specified")
    assert [(row, cell) for row, cell, _ in table.links] == [(row, 4) for row in range(1, len(jobs) + 1)]


HOSTILE_ALPHABET = st.sampled_from(
    [
        *"|\\`*_[]()<>!&#;:/.-~@\n\r\t aZ9wW",
        *("\u202e", "\u200b", "\u2028", "\x00", "\x85", "www.", "http://", "https://", "javascript:"),
        *("&#124;", "&#x202E;", "<!--", "-->", "<img src=x>"),
    ]
)
HOSTILE_TEXT = st.lists(HOSTILE_ALPHABET, min_size=1, max_size=30).map("".join).map(clean_text).filter(bool)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(HOSTILE_TEXT, HOSTILE_TEXT, HOSTILE_TEXT), min_size=1, max_size=3))
def test_any_hostile_fields_render_as_five_literal_cells(fields):
    jobs = [
        make_job(title=t, company=c, location=loc, url=f"https://x.example/{i}") for i, (t, c, loc) in enumerate(fields)
    ]
    _assert_table_shape(jobs)


def test_escape_cell_escapes_each_character_once():
    assert escape_cell("a\\|b") == "a\\\\\\|b"
    assert escape_cell("&amp;") == "&amp;amp;"


# --- Hostile text (HOSTILE-CASES A1-A6, A8, A12, A13, A15): each cell shows its text, one Apply link a row ---


def test_a1_pipe_in_company_keeps_five_cells_and_the_real_apply_link():
    company = "Acme | Senior Engineer | [Apply](https://phish.example)"
    job = border_job(company=company, url="https://real.example/job")
    table = read_table(render_table([job], TableOptions()))
    assert [len(row) for row in table.rows] == [5, 5]
    assert table.rows[1][0] == company
    assert table.links == [(1, 4, "https://real.example/job")]


BREAKS = ["A\nB", "A\r\nB", "A\rB", "A\u0085B", "A\u2028B", "A\u2029B", "A\tB"]
BLOCK_STARTERS = ["B\n> q", "B\n# Pwned", "B\n| --- |", "B\n\nC"]


def test_a2_line_breaks_become_one_space_and_every_row_stays_in_the_table():
    jobs = [border_job(title=t, url=f"https://x.example/{i}") for i, t in enumerate(BREAKS + BLOCK_STARTERS)]
    jobs += [
        border_job(title="After 1", url="https://x.example/a1"),
        border_job(title="After 2", url="https://x.example/a2"),
    ]
    assert [job.title for job in jobs[: len(BREAKS)]] == ["A B"] * len(BREAKS)
    assert [job.title for job in jobs[len(BREAKS) : -2]] == ["B > q", "B # Pwned", "B | --- |", "B C"]
    html = render_markdown(render_table(jobs, OPTIONS))
    assert "<blockquote>" not in html and "<h1>" not in html and "<p>" not in html
    assert_clean_table(jobs)


@pytest.mark.parametrize("text", ["`a|b`", "`Acme", "``x``", "a`|`b"])
def test_a3_code_spans_show_backticks_and_pipes_literally(text):
    job = border_job(title=text, company=text)
    html = render_markdown(render_table([job], OPTIONS))
    assert "<code>" not in html
    assert_clean_table([job])


INLINE = [
    "*x*",
    "__x__",
    "~~x~~",
    "[t](https://u.example)",
    "![i](https://u.example/a.png)",
    "<https://x.example>",
    "www.evil.example",
    "https://evil.example",
    "jobs@evil.example",
    "thehivecareers.co",
    "www.smokescreen.io",
]


@pytest.mark.parametrize("text", INLINE)
def test_a4_inline_markdown_and_autolinks_stay_text(text):
    job = border_job(title=text, company=text, location=text)
    html = render_markdown(render_table([job], OPTIONS))
    for tag in ("<em>", "<strong>", "<del>", "<img"):
        assert tag not in html
    assert html.count("<a ") == 1  # the Apply link only
    assert_clean_table([job])


def test_a4_fixture_company_that_looks_like_a_domain_is_not_a_link():
    jobs = list(weworkremotely.parse((FIXTURES / "wwr.xml").read_bytes(), "weworkremotely").jobs)
    assert "thehivecareers.co" in [job.company for job in jobs]
    html = render_markdown(render_table(jobs, OPTIONS))
    assert html.count("<a ") == len(jobs)
    assert_clean_table(jobs)


RAW_HTML = [
    "<img src=x>",
    "<details><summary>x</summary>y",
    "<script>x</script>",
    '<a href="https://e">x</a>',
    "<bdo dir=rtl>x</bdo>",
    '<span dir="rtl">x</span>',
    "</td></tr></table>",
    "<!-- x -->",
]


@pytest.mark.parametrize("text", RAW_HTML)
def test_a5_raw_html_is_literal_text(text):
    job = border_job(title=text, company=text, location=text)
    markdown = render_table([job], OPTIONS)
    assert "<" not in markdown.split("\n", 2)[2]  # no "<" of data reaches the Markdown unescaped
    html = render_markdown(markdown)
    assert "&lt;" in html
    table = read_table(markdown)
    assert table.comments == 0 and set(table.tags) <= TABLE_TAGS | {"a"}
    assert_clean_table([job])


@pytest.mark.parametrize("text", ["&#124;", "&#x202E;", "&lt;script&gt;", "&amp;", "&copy;"])
def test_a6_entities_in_job_text_are_shown_as_typed(text):
    job = make_job(title=text, company=text, location=text)
    table = read_table(render_table([job], OPTIONS))
    assert table.rows[1][:2] == [text, text]
    assert "\u202e" not in table.rows[1][0] and "©" not in table.rows[1][0] and "|" not in table.rows[1][0]
    assert_clean_table([job])


@pytest.mark.parametrize("text", ["Acme\\", "a\\|b", "\\\\*x*", "C:\\path", "\\"])
def test_a8_backslashes_are_literal_and_never_escape_the_cell_delimiter(text):
    job = border_job(title=text, company=text, location=text)
    html = render_markdown(render_table([job], OPTIONS))
    assert "<em>" not in html
    assert_clean_table([job])


URLS = [
    ("https://h.example/a b", "https://h.example/a%20b"),
    ("https://h.example/x(1)", "https://h.example/x%281%29"),
    ("https://h.example/[x]", "https://h.example/%5Bx%5D"),
    ("https://h.example/<x>", "https://h.example/%3Cx%3E"),
    ("https://h.example/a|b", "https://h.example/a%7Cb"),
    ("https://h.example/a\\b", "https://h.example/a%5Cb"),
    ('https://h.example/"q"', "https://h.example/%22q%22"),
    ("https://h.example/a`b", "https://h.example/a%60b"),
    ("https://h.example/{x}", "https://h.example/%7Bx%7D"),
    ("https://h.example/a^b", "https://h.example/a%5Eb"),
    ("https://h.example/j?a=1&copy;=2", "https://h.example/j?a=1&copy;=2"),
    ("https://h.example/zürich", "https://h.example/z%C3%BCrich"),
    ("https://h.example/a\u202eb", "https://h.example/ab"),  # pinned: format characters are deleted, as in text
]


@pytest.mark.parametrize(("raw", "href"), URLS)
def test_a12_url_special_characters_are_percent_encoded_in_the_rendered_href(raw, href):
    job = border_job(url=raw)
    table = read_table(render_table([job], TableOptions()))
    assert table.links == [(1, 4, href)]
    assert [len(row) for row in table.rows] == [5, 5]
    assert_clean_table([job], TableOptions())


@pytest.mark.parametrize(
    ("url", "href"),
    [
        (
            "https://applicantai.com/jump/software-engineer/3439?ref=remoteok#apply",
            "https://applicantai.com/jump/software-engineer/3439?ref=remoteok&utm=github#apply",
        ),
        ("https://remotive.com/remote-jobs/x-1", "https://remotive.com/remote-jobs/x-1?utm=github"),
        ("https://x.example/a?utm=github", "https://x.example/a?utm=github"),
        ("https://x.example/a?b=1&utm=github&c=2", "https://x.example/a?b=1&c=2&utm=github"),
    ],
)
def test_a13_link_query_is_merged_before_the_fragment_and_never_duplicated(url, href):
    job = border_job(url=url)
    table = read_table(render_table([job], TableOptions(link_query="utm=github")))
    assert table.links == [(1, 4, href)]
    assert href.count("utm=github") == 1


RAW_FIELD = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=24).map("".join)
RAW_URL_SUFFIX = st.lists(st.sampled_from(HOSTILE_PIECES), max_size=8).map("".join)
RAW_JOB = st.tuples(RAW_FIELD, RAW_FIELD, RAW_FIELD, RAW_URL_SUFFIX)
FUZZ_EXAMPLES = 800  # about 4 s; bench/fuzz_render.py runs the same check for as long as wanted


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RAW_JOB, min_size=1, max_size=4), st.sampled_from(["", "utm=github", "a=1&b=2"]))
def test_a15_any_hostile_fields_render_as_five_literal_cells_and_one_apply_link(fields, link_query):
    options = TableOptions(link_query=link_query)
    jobs = jobs_from_raw(fields)
    kept = {clean_text(company, MAX_COMPANY) for company, *_ in fields}
    assert {job.company for job in jobs} <= kept  # each cell shows the cleaned input
    if jobs:
        assert table_problems(render_table(jobs, options), jobs, options) == []


def test_a15_cleaned_input_is_what_the_cells_show():
    raw = "a|b\n<!--\u202e&#124;javascript:<img src=x>\x85www.x\u2028\x00`*_~@"
    job = border_job(title=raw, company=raw, location=raw)
    assert job.title == clean_text(raw, MAX_TITLE)
    assert_clean_table([job])


def test_a15_the_whole_page_and_varied_hosts_and_date_formats_pass_the_render_oracle():
    """The wide fuzz of bench/fuzz_render.py, 300 seeded examples: hostile text on varied URL hosts (IPv6, IDN,
    ports) with every date format, and the whole generated file around the table with hostile credit names and
    related-list titles."""
    import random

    from render_checks import DATE_FORMATS, page_problems, random_text, render_problems

    rng = random.Random(2026)
    failures = []
    for _ in range(300):
        fields = [(random_text(rng), random_text(rng), random_text(rng), random_text(rng, 8)) for _ in range(3)]
        options = TableOptions(link_query=rng.choice(("", "utm=github")), date_format=rng.choice(DATE_FORMATS))
        words = [random_text(rng, 6) for _ in range(2)]
        problems = render_problems(fields, options) + page_problems(fields, options, words)
        if problems:
            failures.append((fields, words, problems[:2]))
    assert not failures, failures[:2]
