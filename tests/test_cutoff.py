"""Postings no list can show (jobs_action/sources/build.py ``cutoff``, app.oldest_shown): an item that passes every
check but is older than the oldest day of every list reading its source is counted as read, not built; its URL and
id still make later items duplicates; the counts, the skips and every shown row stay as they were."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jobs_action.app import list_jobs, oldest_shown
from jobs_action.cli import main as cli_main
from jobs_action.config.load import load_list
from jobs_action.models import FeedResult, Job, Salary, Skipped
from jobs_action.report import summary
from jobs_action.sources import SourceOutcome, fetch_sources
from jobs_action.sources.build import TooOld, build_job
from jobs_action.sources.feed import parse_feed
from jobs_action.sources.http import HttpClient
from jobs_action.sources.spec import SourceSpec

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
CUTOFF = NOW - timedelta(days=15)
GOLDEN = Path(__file__).resolve().parent / "data" / "golden"


def item(number: int, days_old: float, **fields: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "company": "Acme",
        "title": f"Backend Engineer {number}",
        "url": f"https://jobs.example/{number}",
        "posted_at": (NOW - timedelta(days=days_old)).isoformat(),
        "location": "Berlin, Germany",
        "tags": ["python"],
    }
    return raw | fields


def feed(*items: object) -> bytes:
    return json.dumps({"jobs": list(items)}).encode()


def test_an_item_older_than_the_cutoff_is_counted_not_built_and_one_at_the_cutoff_is_built():
    fields = {"company": "Acme", "title": "Dev", "url": "https://x.example/1", "id": " 7 "}
    old = build_job("test", posted_at=(CUTOFF - timedelta(microseconds=1)).isoformat(), cutoff=CUTOFF, **fields)
    assert old == TooOld("Acme", "Dev", "https://x.example/1", "7")
    at_cutoff = build_job("test", posted_at=CUTOFF.isoformat(), cutoff=CUTOFF, **fields)
    assert isinstance(at_cutoff, Job) and at_cutoff.posted_at == CUTOFF


def test_the_checks_come_before_the_cutoff_so_an_old_broken_item_is_skipped_for_the_same_reason():
    old = (CUTOFF - timedelta(days=3)).isoformat()
    missing = build_job("test", company="", title="Dev", url="https://x.example/1", posted_at=old, cutoff=CUTOFF)
    assert isinstance(missing, Skipped) and missing.reason == "missing company"
    bad_url = build_job("test", company="Acme", title="Dev", url="ftp://x", posted_at=old, cutoff=CUTOFF)
    assert isinstance(bad_url, Skipped) and bad_url.reason == "missing or non-http(s) url"


def test_an_old_items_salary_is_never_read_but_a_skipped_items_is_as_before():
    calls: list[str] = []

    def salary() -> Salary:
        calls.append("read")
        return Salary(min=1.0)

    old, new = (CUTOFF - timedelta(days=1)).isoformat(), NOW.isoformat()
    fields = {"company": "Acme", "title": "Dev", "url": "https://x.example/1", "salary": salary, "cutoff": CUTOFF}
    assert isinstance(build_job("test", posted_at=old, **fields), TooOld) and calls == []
    built = build_job("test", posted_at=new, **fields)
    assert isinstance(built, Job) and built.salary == Salary(min=1.0) and calls == ["read"]
    # A salary no field can hold (a 400-digit amount) still makes a skipped item "malformed", as it did when the
    # salary was read before the checks.
    unreadable = {"title": "Dev", "url": "https://x.example/2", "posted_at": new, "salary": {"min": 10**400}}
    result = parse_feed(feed(unreadable), "test", CUTOFF)
    assert [skip.reason for skip in result.skipped] == ["malformed item (OverflowError)"]


def test_a_feed_read_with_a_cutoff_keeps_its_counts_skips_and_newer_jobs():
    items = [
        item(1, 20),  # too old
        item(2, 3),
        {"company": "Acme", "title": "", "url": "https://x.example/t", "posted_at": "2026-01-01"},  # missing title
        item(3, 40, salary={"min": 100000, "max": 120000, "currency": "USD", "period": "year"}),  # too old
        item(4, 14.9),
        "not an object",
    ]
    whole = parse_feed(feed(*items), "json:x")
    cut = parse_feed(feed(*items), "json:x", CUTOFF)
    assert cut.skipped == whole.skipped and cut.read == whole.read == len(whole.jobs) == 4
    assert cut.jobs == tuple(job for job in whole.jobs if job.posted_at >= CUTOFF) and len(cut.jobs) == 2
    assert cut.too_old == 2 and whole.too_old == 0


def test_an_old_items_url_and_id_still_make_later_items_duplicates():
    items = [
        item(1, 30, id="a1"),  # too old: not built, but its URL and id are remembered
        item(2, 1, url="https://jobs.example/1"),  # the same URL
        item(3, 1, id="a1"),  # the same id
        item(4, 1),
    ]
    whole = parse_feed(feed(*items), "json:x")
    cut = parse_feed(feed(*items), "json:x", CUTOFF)
    assert [skip.reason for skip in cut.skipped] == ["duplicate of an earlier item"] * 2
    assert cut.skipped == whole.skipped
    assert [job.url for job in cut.jobs] == ["https://jobs.example/4"] and cut.read == whole.read == 2


def test_each_source_is_cut_at_the_oldest_day_of_the_longest_list_reading_it():
    short = load_list({"sources": "file:a.json\nfile:b.json", "max-age-days": "7"}, repository="o/r")
    long = load_list({"sources": "file:b.json", "max-age-days": "30"}, repository="o/s")
    cutoffs = oldest_shown([short, long], NOW)
    assert cutoffs == {
        SourceSpec("file", "a.json"): NOW - timedelta(days=7),
        SourceSpec("file", "b.json"): NOW - timedelta(days=30),
    }


def test_the_golden_rows_are_the_same_with_the_run_s_cutoffs():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    spec = load_list({"sources": "file:rows.json", "max-age-days": "15", "category": "tech"}, repository="o/r")
    whole = fetch_sources(spec.sources, HttpClient(), GOLDEN)
    cut = fetch_sources(spec.sources, HttpClient(), GOLDEN, oldest_shown([spec], now))
    assert list_jobs(spec, cut, now) == list_jobs(spec, whole, now)
    assert [o.result.read for o in cut if o.result] == [o.result.read for o in whole if o.result]


def test_an_old_posting_no_longer_joins_two_shown_postings_into_one_group():
    """The documented change (docs/selection.md, "Duplicates"): an old posting shares its URL with a new one and
    its company, title and place with a repost; the new posting and the repost share nothing with each other."""
    old = item(1, 20, title="Backend Engineer")
    same_url = item(2, 1, title="Platform Engineer", url=old["url"])  # on another board (one board drops it)
    repost = item(3, 8, title="Backend Engineer")
    boards = {"json:https://a.example/feed": feed(old, repost), "json:https://b.example/feed": feed(same_url)}
    spec = load_list({"sources": "\n".join(boards), "max-age-days": "15", "category": "all"}, repository="o/r")
    cutoffs = oldest_shown([spec], NOW)
    whole = [SourceOutcome(source, parse_feed(boards[source.text], source.text)) for source in spec.sources]
    cut = [SourceOutcome(s, parse_feed(boards[s.text], s.text, cutoffs[s])) for s in spec.sources]
    assert [job.title for job in list_jobs(spec, whole, NOW)[0]] == ["Platform Engineer"]  # one group of three
    assert [job.title for job in list_jobs(spec, cut, NOW)[0]] == ["Platform Engineer", "Backend Engineer"]


def test_the_log_and_the_step_summary_count_old_items_as_read():
    outcome = SourceOutcome(SourceSpec("json", "https://x.example/f"), FeedResult("json:x", too_old=3))
    assert "| 3 | 0 | ✅ read |" in summary.sources_summary([outcome])

    class Log:
        def __init__(self) -> None:
            self.lines: list[str] = []

        def info(self, text: str) -> None:
            self.lines.append(text)

        def warning(self, text: str, title: str = "") -> None:
            self.lines.append(text)

    log = Log()
    summary.log_sources([outcome], log)
    assert log.lines == ["source json:https://x.example/f: 3 jobs read, 0 skipped"]


def test_a_board_whose_postings_are_all_too_old_gets_no_empty_board_note(tmp_path, monkeypatch):
    from jobs_action.sources import _empty_board_note

    spec = SourceSpec("greenhouse", "acme")
    assert _empty_board_note(spec, FeedResult("greenhouse:acme", too_old=2)) == ""
    assert _empty_board_note(spec, FeedResult("greenhouse:acme")).startswith("0 postings")


def test_the_command_line_counts_old_items_and_shows_only_the_new(tmp_path, capsys, monkeypatch):
    now = datetime.now(UTC)
    jobs = [item(1, 0), item(2, 0)]
    jobs[0]["posted_at"], jobs[1]["posted_at"] = "2001-01-01T00:00:00Z", now.isoformat()
    tmp_path.joinpath("jobs.json").write_bytes(feed(*jobs))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    options = ["--sources", "file:jobs.json", "--category", "all", "--min-jobs", "0"]
    code = cli_main([*options, "--output-dir", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0 and "source file:jobs.json: 2 jobs, 0 skipped" in out and "\n1 job selected." in out


def test_example_mode_cuts_nothing_because_its_dates_move_to_today(tmp_path, capsys, monkeypatch):
    """The bundled example is dated long ago and moved to today after deduplication: every posting is built."""
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    assert cli_main(["--example", "--max-age-days", "1", "--output-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "source file:examples/jobs.json: 19 jobs, 2 skipped" in out and "\n0 jobs selected." not in out
