"""HOSTILE-CASES A: hostile data and rendering. Each test checks the catalogue's "Expect" with the render oracle."""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from datetime import timedelta

import pytest
from factories import NOW, make_job
from fakes.github import FakeGitHub
from fakes.sources import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import TABLE_TAGS, read_table, render_markdown
from render_checks import HOSTILE_PIECES, jobs_from_raw, table_problems
from runner import example_feed, run_entrypoint, runner_env, write_feed

from jobs_action.errors import RenderError
from jobs_action.models import Job, Salary
from jobs_action.plan import FILE_BYTE_BUDGET, plan_file
from jobs_action.render.escape import link_destination
from jobs_action.render.markers import find_markers
from jobs_action.render.page import Page
from jobs_action.render.table import TableOptions, render_section, render_table
from jobs_action.select.dedup import dedupe
from jobs_action.sources import ashby, greenhouse, remoteok, weworkremotely
from jobs_action.sources.build import MAX_COMPANY, MAX_LOCATION, MAX_TITLE, build_job
from jobs_action.sources.feed import parse_feed
from jobs_action.text import clean_text

OPTIONS = TableOptions(link_query="utm=github", date_format="%b %d")
PAGE = Page(title="Awesome Backend Jobs", description="A list.", max_age_days=15, marker="JOBS")
REPO = "acme/awesome-backend-jobs"


def border_job(title: str = "Dev", company: str = "Acme", **fields: object) -> Job:
    """A job as the source border builds it from raw field values."""
    raw = {"url": "https://real.example/job", "posted_at": NOW, "location": "Berlin", **fields}
    raw["posted_at"] = raw["posted_at"].isoformat()  # type: ignore[attr-defined]
    built = build_job("test", company=company, title=title, **raw)  # type: ignore[arg-type]
    assert isinstance(built, Job), built
    return built


def assert_clean_table(jobs: list[Job], options: TableOptions = OPTIONS) -> None:
    markdown = render_table(jobs, options)
    assert table_problems(markdown, jobs, options) == []


# --- A1 ---


def test_a1_pipe_in_company_keeps_five_cells_and_the_real_apply_link():
    company = "Acme | Senior Engineer | [Apply](https://phish.example)"
    job = border_job(company=company, url="https://real.example/job")
    table = read_table(render_table([job], TableOptions()))
    assert [len(row) for row in table.rows] == [5, 5]
    assert table.rows[1][0] == company
    assert table.links == [(1, 4, "https://real.example/job")]


# --- A2 ---

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


# --- A3 ---


@pytest.mark.parametrize("text", ["`a|b`", "`Acme", "``x``", "a`|`b"])
def test_a3_code_spans_show_backticks_and_pipes_literally(text):
    job = border_job(title=text, company=text)
    html = render_markdown(render_table([job], OPTIONS))
    assert "<code>" not in html
    assert_clean_table([job])


# --- A4 ---

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


# --- A5 ---

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


# --- A6 ---


@pytest.mark.parametrize("text", ["&#124;", "&#x202E;", "&lt;script&gt;", "&amp;", "&copy;"])
def test_a6_entities_in_job_text_are_shown_as_typed(text):
    job = make_job(title=text, company=text, location=text)
    table = read_table(render_table([job], OPTIONS))
    assert table.rows[1][:2] == [text, text]
    assert "\u202e" not in table.rows[1][0] and "©" not in table.rows[1][0] and "|" not in table.rows[1][0]
    assert_clean_table([job])


# --- A7 ---


def test_a7_entities_are_decoded_once_at_the_source_border_then_cleaned():
    def item(n, company):
        return {
            "id": str(n),
            "slug": f"job-{n}",
            "epoch": 1790000000,
            "company": company,
            "position": "Engineer",
            "url": f"https://remoteok.com/remote-jobs/job-{n}",
        }

    raw = [item(1, "CI&amp;T"), item(2, "&#x202E;elgooG"), item(3, "&amp;#x202E;x")]
    result = remoteok.parse(json.dumps(raw).encode(), "remoteok")
    assert [job.company for job in result.jobs] == ["CI&T", "elgooG", "&#x202E;x"]
    table = read_table(render_table(list(result.jobs), OPTIONS))
    assert [row[0] for row in table.rows[1:]] == ["CI&T", "elgooG", "&#x202E;x"]
    assert_clean_table(list(result.jobs))


def test_a7_greenhouse_entities_in_title_are_decoded_once_and_content_never_shown():
    payload = json.loads((FIXTURES / "greenhouse.json").read_bytes())
    payload["jobs"] = payload["jobs"][:1]
    payload["jobs"][0]["title"] = "R&amp;D &#x202E;Engineer &amp;amp;"
    payload["jobs"][0]["content"] = "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x&gt;"
    (job,) = greenhouse.parse(json.dumps(payload).encode(), "greenhouse:spacex", board="spacex").jobs
    assert job.title == "R&D Engineer &amp;"
    markdown = render_table([job], OPTIONS)
    assert "script" not in markdown and "img" not in markdown
    assert_clean_table([job])


# --- A8 ---


@pytest.mark.parametrize("text", ["Acme\\", "a\\|b", "\\\\*x*", "C:\\path", "\\"])
def test_a8_backslashes_are_literal_and_never_escape_the_cell_delimiter(text):
    job = border_job(title=text, company=text, location=text)
    html = render_markdown(render_table([job], OPTIONS))
    assert "<em>" not in html
    assert_clean_table([job])


# --- A9 ---

FORMAT_CHARS = ["\u202e", "\u2066", "\u2067", "\u2068", "\u2069", *map(chr, range(0x200B, 0x2010)), "\u061c"]
FORMAT_CHARS += ["\u2060", "\ufeff"]
CONTROLS = ["\x00", "\x01", "\x7f", *map(chr, range(0x80, 0xA0))]


@pytest.mark.parametrize("char", FORMAT_CHARS)
def test_a9_format_characters_are_deleted(char):
    assert clean_text(f"Goo{char}gle") == "Google"


@pytest.mark.parametrize("char", CONTROLS)
def test_a9_control_characters_become_spaces(char):
    assert clean_text(f"Goo{char}gle") == "Goo gle"


def test_a9_output_is_nfc_and_letters_of_every_script_are_kept():
    assert clean_text("Cafe\u0301") == "Café" and unicodedata.is_normalized("NFC", clean_text("Cafe\u0301"))
    kept = "شركة عربية · חברה ישראלית · 株式会社 · 🇩🇪 · 📍"
    assert clean_text(kept) == kept
    assert_clean_table([border_job(title=kept, company=kept, location=kept)])


def test_a9_zero_width_space_does_not_evade_dedup():
    hidden = border_job(company="Goo\u200bgle", url="https://x.example/1")
    plain = border_job(company="Google", url="https://x.example/2")
    assert hidden.company == "Google"
    assert len(dedupe([hidden, plain])) == 1


# --- A10 ---

MARKER_TEXTS = ["<!-- JOBS:END -->", "<!-- JOBS:START -->", "-->", "<!--", "x <!-- JOBS:END --> y"]


def test_a10_markers_in_data_are_escaped_and_two_runs_give_identical_files():
    jobs = [
        border_job(title=text, company=text, location=text, url=f"https://x.example/{i}")
        for i, text in enumerate(MARKER_TEXTS)
    ]
    section = render_section(jobs, OPTIONS, NOW)
    first = plan_file(None, mode="auto", page=PAGE, section=section, path="README.md").text
    later = render_section(jobs, OPTIONS, NOW + timedelta(days=1))
    second = plan_file(first, mode="auto", page=PAGE, section=later, path="README.md")
    third = plan_file(second.text, mode="auto", page=PAGE, section=later, path="README.md")
    for text in (first, second.text, third.text):
        found = find_markers(text.split("\n"), "JOBS")
        assert (len(found.starts), len(found.ends)) == (1, 1)
        assert text.count("<!-- JOBS:START -->") == 1 and text.count("<!-- JOBS:END -->") == 1
    assert not second.changed and second.text == first == third.text
    assert read_table(section).comments == 0


def test_a10_section_mode_splice_does_not_grow_with_marker_text_in_data():
    jobs = [border_job(title=text, company=text, url=f"https://x.example/{i}") for i, text in enumerate(MARKER_TEXTS)]
    readme = "# Mine\n<!-- JOBS:START -->\nold\n<!-- JOBS:END -->\nfooter\n"
    section = render_section(jobs, OPTIONS, NOW)
    once = plan_file(readme, mode="section", page=PAGE, section=section, path="README.md").text
    twice = plan_file(once, mode="section", page=PAGE, section=section, path="README.md").text
    assert once == twice and once.endswith("<!-- JOBS:END -->\nfooter\n")


# --- A11 ---

BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:x",
    " javascript:x",
    "\x01javascript:x",
    "data:text/html,x",
    "vbscript:x",
    "file:///etc/passwd",
    "ftp://h/x",
    "//evil.example/x",
    "https:/\\evil.example",
    "http://",
    "",
    "/jobs/1",
    "mailto:a@b.c",
]


def test_a11_dangerous_or_invalid_urls_skip_the_job_with_a_counted_reason():
    items = [
        {"company": "Bad", "title": f"Job {i}", "url": url, "posted_at": "2026-11-27"} for i, url in enumerate(BAD_URLS)
    ]
    items.append({"company": "Good", "title": "Job", "url": "https://good.example/1", "posted_at": "2026-11-27"})
    result = parse_feed(json.dumps({"jobs": items}).encode(), "json:x")
    assert [job.company for job in result.jobs] == ["Good"]
    assert [skipped.reason for skipped in result.skipped] == ["missing or non-http(s) url"] * len(BAD_URLS)
    assert link_destination("https://good.example/1") == "https://good.example/1"
    for url in BAD_URLS:
        with pytest.raises(ValueError):
            link_destination(url)


def test_a11_a_skipped_url_never_appears_in_any_output_and_is_logged_once(tmp_path):
    feed = example_feed()
    newest = feed["jobs"][0]["posted_at"]
    feed["jobs"] += [
        {"company": "Evil Co", "title": f"Bad {i}", "url": url, "posted_at": newest} for i, url in enumerate(BAD_URLS)
    ]
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        env = runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, feed)})
        result = run_entrypoint(env, subprocess=True)
        readme = fake.file_bytes(REPO, "README.md").decode()
    assert result.returncode == 0, result.stdout
    everything = "\n".join([readme, result.stdout, result.stderr, result.summary, json.dumps(result.outputs)])
    for fragment in ("javascript", "JaVaScRiPt", "vbscript", "data:text", "file:///", "ftp://", "evil.example"):
        assert fragment not in everything
    assert "Evil Co" not in readme
    already = parse_feed(json.dumps(example_feed()).encode(), "x").skipped
    count = len(BAD_URLS) + sum(skipped.reason == "missing or non-http(s) url" for skipped in already)
    logged = [line for line in result.stdout.split("\n") if "non-http(s) url" in line]
    assert len(logged) == 1 and f"non-http(s) url: {count}" in logged[0]


# --- A12 ---

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


def test_a12_a_line_break_inside_a_url_skips_the_job():
    for raw in ("https://h.example/a\nb", "https://h.example/a\rb", "https://h.example/a\u2028b"):
        built = build_job("test", company="Acme", title="Dev", url=raw, posted_at=NOW.isoformat())
        assert not isinstance(built, Job) and built.reason == "missing or non-http(s) url"


# --- A13 ---


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


# --- A14 ---


def test_a14_long_fields_are_cut_with_an_ellipsis_never_inside_an_escape():
    job = border_job(title="&" * 10_000, company="<" * 10_000, location=", ".join(f"City {n}" for n in range(1000)))
    assert len(job.title) == MAX_TITLE and job.title.endswith("…")
    assert len(job.company) == MAX_COMPANY and job.company.endswith("…")
    assert len(job.location) <= MAX_LOCATION and job.location.endswith("…")
    row = render_table([job], OPTIONS).split("\n")[2]
    assert row.count("&amp;") == MAX_TITLE - 1 and row.count("&lt;") == MAX_COMPANY - 1
    assert_clean_table([job])


def test_a14_a_very_long_url_skips_the_job():
    built = build_job(
        "test", company="Acme", title="Dev", url="https://x.example/" + "a" * 5000, posted_at=NOW.isoformat()
    )
    assert not isinstance(built, Job) and "url" in built.reason


def _many_jobs(count: int) -> list[Job]:
    long = "Backend Engineer " * 10
    return [
        make_job(title=long, company=f"Company {n} " * 5, url=f"https://x.example/{n}", posted_at=NOW)
        for n in range(count)
    ]


def test_a14_a_file_over_the_byte_budget_is_refused_and_names_max_jobs():
    jobs = _many_jobs(50_000)
    section = render_section(jobs, OPTIONS, NOW)
    with pytest.raises(RenderError, match=r"max-jobs") as raised:
        plan_file(None, mode="auto", page=PAGE, section=section, path="README.md")
    assert f"{FILE_BYTE_BUDGET:,}" in str(raised.value) and "50000 rows" in str(raised.value)
    readme = "# Mine\n<!-- JOBS:START -->\n<!-- JOBS:END -->\n"
    with pytest.raises(RenderError, match=r"README\.md.*max-jobs"):
        plan_file(readme, mode="section", page=PAGE, section=section, path="README.md")


def test_a14_the_budget_stays_well_below_what_github_renders_and_a_normal_list_fits():
    assert FILE_BYTE_BUDGET <= 450_000 < 512_000
    section = render_section(_many_jobs(500), OPTIONS, NOW)
    text = plan_file(None, mode="auto", page=PAGE, section=section, path="README.md").text
    assert len(text.encode()) < FILE_BYTE_BUDGET


def test_a14_an_oversized_list_fails_its_target_and_writes_nothing(tmp_path):
    newest = example_feed()["jobs"][0]["posted_at"]
    jobs = [
        {
            "company": f"Company {n} " * 6,
            "title": "Senior Backend Engineer (Python, Go) " * 3,
            "url": f"https://x.example/jobs/{n}",
            "posted_at": newest,
            "location": "Berlin, Germany",
        }
        for n in range(3000)
    ]
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        feed = write_feed(tmp_path, {"jobs": jobs})
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": feed, "max-jobs": "100000"}))
        assert fake.count("mutation") == 0 and fake.file_bytes(REPO, "README.md") is None
    assert result.returncode == 1
    assert result.report[0]["status"] == "failed" and "max-jobs" in result.report[0]["error"]
    assert len(result.summary.encode()) < 1024 * 1024


# --- A15 ---

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


# --- A16 ---


def test_a16_committed_bytes_are_utf8_emoji_without_mojibake_or_bom(tmp_path):
    now_feed = example_feed()
    newest = now_feed["jobs"][0]["posted_at"]
    now_feed["jobs"] += [
        {"company": "Zü AG", "title": "Backend Dev", "url": "https://x.example/zh", "posted_at": newest,
         "location": "Zürich"},
        {"company": "Remote Co", "title": "Backend Dev", "url": "https://x.example/r", "posted_at": newest,
         "remote": True, "location": "Remote"},
        {"company": "Paid Co", "title": "Backend Engineer", "url": "https://x.example/p", "posted_at": newest,
         "location": "Berlin", "salary": "€90k"},
    ]  # fmt: skip
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        result = run_entrypoint(runner_env(tmp_path, fake, {"sources": write_feed(tmp_path, now_feed)}))
        mutation = next(record for record in fake.requests if record.kind == "mutation")
    assert result.returncode == 0, result.stdout
    contents = mutation.variables["input"]["fileChanges"]["additions"][0]["contents"]
    committed = base64.b64decode(contents, validate=True)
    assert "📍 Zürich".encode() in committed and b"\xf0\x9f\x93\x8d" in committed
    assert "🌐 Remote".encode() in committed and "Backend Engineer 💰".encode() in committed
    for mojibake in ("ğŸ", "ðŸ", "Ã"):
        assert mojibake.encode() not in committed
    assert not committed.startswith(b"\xef\xbb\xbf")
    committed.decode("utf-8")  # strict


# --- A17 ---


def _dedupe_job(url: str, company: str = "Acme", title: str = "Backend Developer", **fields: object) -> Job:
    return make_job(title, company, url=url, **fields)  # type: ignore[arg-type]


def test_a17_dedup_evasions_give_one_row_per_real_job_chosen_deterministically():
    groups = [
        [_dedupe_job("https://a.example/1", company="Bjak "), _dedupe_job("https://a.example/2", company="Bjak")],
        [
            _dedupe_job("https://b.example/1", company="Goo\u200bgle"),
            _dedupe_job("https://b.example/2", company="Google"),
        ],
        [
            _dedupe_job("https://remoteOK.com/remote-jobs/7-x", company="X1"),
            _dedupe_job("https://remoteok.com/remote-jobs/7-x", company="X2"),
        ],
        [
            _dedupe_job(
                "https://remotive.com/remote-jobs/dev/backend-9", company="Same", remote=True, location="Worldwide"
            ),
            _dedupe_job(
                "https://jobicy.com/jobs/9-backend",
                company="Same Inc.",
                remote=True,
                location="Anywhere",
                posted_at=NOW + timedelta(hours=5),
            ),
        ],
        [
            _dedupe_job(
                f"https://remoteok.com/remote-jobs/{n}", company="Repost", posted_at=NOW + timedelta(days=2 * n)
            )
            for n in range(3)
        ],
        [_dedupe_job("https://apply.workable.com/j/C7389E54B7", company=f"W{n}") for n in range(2)],
    ]
    jobs = [job for group in groups for job in group]
    jobs = [
        border_job(
            title=j.title, company=j.company, url=j.url, posted_at=j.posted_at, location=j.location, remote=j.remote
        )
        for j in jobs
    ]
    once = dedupe(jobs)
    assert len(once) == len(groups)
    assert {job.url for job in dedupe(list(reversed(jobs)))} == {job.url for job in once}  # same winners


def test_a17_the_two_ashby_linear_jobs_with_one_title_stay_two_rows():
    result = ashby.parse((FIXTURES / "ashby.json").read_bytes(), "ashby:linear")
    fullstack = [job for job in result.jobs if job.title == "Senior / Staff Fullstack Engineer"]
    assert {job.location for job in fullstack} == {"Europe", "North America"}
    assert len(dedupe(fullstack)) == 2


def test_a17_salary_and_money_bag_do_not_change_identity():
    plain = border_job(url="https://x.example/1")
    paid = border_job(url="https://x.example/1?utm_source=feed", salary=Salary(text="$1"))
    (winner,) = dedupe([plain, paid])
    assert winner.has_salary and re.search("💰", render_table([winner], OPTIONS))
