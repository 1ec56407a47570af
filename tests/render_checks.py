"""The render oracle's checks of a jobs table (HOSTILE-CASES "Harness", A15), shared by tests and bench/fuzz_render.py.

``table_problems`` renders Markdown with cmark-gfm and lists everything that breaks the contract; an empty list
means the table is exactly one header plus one row per job, five cells each, only table tags, one Apply link per
row pointing at the job's URL, and every cell showing the job's (cleaned) text. The cells are checked against the
job's own text, never against a copy of the renderer's rules (which remote places it names: it is asked).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, datetime

from oracle import TABLE_TAGS, read_table, render_markdown

from jobs_action.models import Job, Salary
from jobs_action.render.escape import WORD_JOINER, add_query
from jobs_action.render.table import HEADER, TableOptions, render_table
from jobs_action.select.places.resolve import area_label, office_text, place_of
from jobs_action.sources.build import build_job

HEADER_CELLS = [cell.strip() for cell in HEADER.strip("|").split("|")]
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
OPTIONS = TableOptions(link_query="utm=github", date_format="%b %d")  # what most table tests render with

# The alphabet of HOSTILE-CASES A15: single characters and multi-character pieces that each tried to break a table.
HOSTILE_PIECES: tuple[str, ...] = (
    *"|\\`*_[]()<>!&#;:/.-~@\n\r\t",
    *" aZ9wW",
    "\u202e",
    "\u200b",
    "\u2028",
    "\x00",
    "\x85",
    "www.",
    "http://",
    "https://",
    "&#124;",
    "&#x202E;",
    "<!--",
    "-->",
    "javascript:",
    "<img src=x>",
    "<!-- JOBS:END -->",
    "\n> ",
    "\n# ",
    "| --- |",
)


def location_problem(cell: str, job: Job) -> str | None:
    """What is wrong with a shown Location cell, or None. The cell shows, literally once rendered, what the
    selection decided (docs/selection.md, "The Location cell"): an on-site job's location text (as the job holds it
    when it has no work-mode words), or a remote job's resolved area in short names; which text that is comes from
    the place functions, asked here and tested in test_places.py and test_render.py, not copied."""
    place = place_of(job)
    if place.is_remote:
        area = area_label(place)  # the resolved area in short names: never the feed's own text
        expected = f"🌐 Remote ({area})" if area else "🌐 Remote"
    else:
        text = office_text(job.location)
        expected = f"📍 {text}" if text else "📍 Not specified"
        if not _WORK_MODE_WORDS.search(job.location):
            assert text == " ".join(job.location.split())  # without work-mode words: the text as the job holds it
    return None if cell == expected else f"location {cell!r} != {expected!r}"


_WORK_MODE_WORDS = __import__("re").compile(r"(?i)(?<!\w)(?:remote|hybrid|on[\s-]?site|in[\s-]office|wfh)(?!\w)")


def cell_problems(cells: list[str], job: Job, options: TableOptions) -> list[str]:
    """What is wrong with the shown cells of ``job``'s row (empty: five cells, each showing the job's text)."""
    if len(cells) != 5:
        return [f"{len(cells)} cells: {cells!r}"]
    others = [job.company, job.title + (" 💰" if job.has_salary else ""), job.posted_at.strftime(options.date_format)]
    problems = [] if cells[:2] + cells[3:] == [*others, "Apply"] else [f"{cells!r} != {[*others, 'Apply']!r}"]
    location = location_problem(cells[2], job)
    return problems + ([location] if location else [])


def table_problems(markdown: str, jobs: Sequence[Job], options: TableOptions) -> list[str]:
    """Everything the rendered ``markdown`` gets wrong about ``jobs`` (empty: it is right)."""
    table = read_table(markdown)
    problems = []
    if table.tags.count("table") != 1:
        problems.append(f"{table.tags.count('table')} tables")
    stray = sorted(set(table.tags) - TABLE_TAGS - {"a"})
    if stray:
        problems.append(f"tags from data: {stray}")
    if table.comments:
        problems.append(f"{table.comments} HTML comments")
    if len(table.rows) != len(jobs) + 1:
        return [*problems, f"{len(table.rows)} rows for {len(jobs)} jobs"]
    if table.rows[0] != HEADER_CELLS:
        problems.append(f"header {table.rows[0]}")
    for number, job in enumerate(jobs, start=1):
        cells = [cell.replace(WORD_JOINER, "") for cell in table.rows[number]]
        problems += [f"row {number}: {problem}" for problem in cell_problems(cells, job, options)]
    expected_links = [(row, 4, add_query(job.url, options.link_query)) for row, job in enumerate(jobs, start=1)]
    if table.links != expected_links:
        problems.append(f"links {table.links!r} != {expected_links!r}")
    return problems


def assert_clean_table(jobs: list[Job], options: TableOptions = OPTIONS) -> None:
    markdown = render_table(jobs, options)
    assert table_problems(markdown, jobs, options) == []


# URL hosts of the fuzz: a name, an IPv6 literal, an IDN (both spellings), a port.
URL_HOSTS = ("x.example", "[2001:db8::1]", "xn--bcher-kva.example", "bücher.example", "x.example:8443")
# Valid date formats a maintainer may set (each one short line without "|").
DATE_FORMATS = ("%b %d", "%Y-%m-%d", "%d.%m.%Y", "%A %d %B", "%b %-d", "%x", "%d/%m", "%H:%M %Z", "Posted %b %d %%")


def jobs_from_raw(fields: Sequence[tuple[str, str, str, str]]) -> list[Job]:
    """Jobs built at the source border from raw (company, title, location, url-suffix) strings; bad URLs skipped."""
    jobs = []
    for index, (company, title, location, url_suffix) in enumerate(fields):
        host = URL_HOSTS[(len(company) + index) % len(URL_HOSTS)]
        built = build_job(
            "fuzz",
            company=company,
            title=title,
            url=f"https://{host}/{index}/{url_suffix}",
            posted_at=NOW.isoformat(),
            location=location,
            remote=index % 2 == 1,
            salary=Salary(text="$1") if index % 3 == 2 else None,
        )
        if isinstance(built, Job):
            jobs.append(built)
    return jobs


def render_problems(fields: Sequence[tuple[str, str, str, str]], options: TableOptions) -> list[str]:
    jobs = jobs_from_raw(fields)
    if not jobs:
        return []
    return table_problems(render_table(jobs, options), jobs, options)


def page_problems(
    fields: Sequence[tuple[str, str, str, str]], options: TableOptions, words: Sequence[str]
) -> list[str]:
    """What is wrong with the whole generated file built around these jobs, with hostile ``words`` as the credits'
    names and the related lists' titles: one table exactly (the jobs'), only the page's own links, no raw HTML."""
    from jobs_action.render.page import Credit, Page, render_file
    from jobs_action.render.table import render_section

    jobs = jobs_from_raw(fields)
    page = Page(
        title="Awesome Jobs",
        description="A list.",
        max_age_days=15,
        marker="JOBS",
        credits=tuple(Credit(word, "https://source.example/") for word in words),
        related_lists=tuple((word, "https://other.example/") for word in words),
        feed_url="https://feed.example/jobs.atom",
    )
    html = render_markdown(render_file(page, render_section(jobs, options, NOW)))
    problems = []
    if html.count("<table>") != (1 if jobs else 0):
        problems.append(f"{html.count('<table>')} tables")
    links = __import__("re").findall(r'<a href="([^"]*)"', html)
    allowed = {"https://source.example/", "https://other.example/", "https://feed.example/jobs.atom"}
    strays = [
        link for link in links if link not in allowed and "/0/" not in link and not _is_apply(link, jobs, options)
    ]
    if strays:
        problems.append(f"stray links {strays!r}")
    for tag in ("<img", "<script", "<details", "<h1>", "<blockquote>"):
        if html.count(tag) != (1 if tag == "<h1>" else 0):
            problems.append(f"{tag} x{html.count(tag)}")
    return problems


def _is_apply(link: str, jobs: Sequence[Job], options: TableOptions) -> bool:
    from html import unescape

    return unescape(link) in {add_query(job.url, options.link_query) for job in jobs}


def random_text(rng: random.Random, max_pieces: int = 30) -> str:
    return "".join(rng.choice(HOSTILE_PIECES) for _ in range(rng.randint(1, max_pieces)))
