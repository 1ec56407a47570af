"""The list's history in the data file: stable keys, first-seen dates across runs and reposts, and old or hostile
data files that give no history (with a warning) instead of a crash or a wiped list."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from factories import NOW, make_job

from jobs_action.models import Job
from jobs_action.render.datafile import render_data_file
from jobs_action.render.history import (
    HISTORY_DAYS,
    MAX_DATA_FILE_CHARS,
    MAX_LEFT,
    History,
    Seen,
    job_key,
    read_history,
    with_history,
)
from jobs_action.select.criteria import annotate

DAY = timedelta(days=1)


def job(title: str = "Backend Engineer", company: str = "Acme", **fields: object) -> Job:
    return annotate(make_job(title, company, **fields))  # type: ignore[arg-type]


def data_file(jobs: list[Job], now=NOW, history: History | None = None, keep_days: int = 15) -> str:
    """The data file a run at ``now`` writes for ``jobs`` after ``history``."""
    listed = with_history(jobs, history, now, keep_days)
    return render_data_file(listed.jobs, title="T", category="backend", generated_at=now, left=listed.left)


def history_of(text: str) -> History:
    read = read_history(text, "jobs.json")
    assert read.history is not None and read.warning == "", read.warning
    return read.history


# --- Keys ---


def test_the_key_is_the_same_for_a_repost_under_another_url_and_spelling():
    first = job(url="https://jobs.example/1", posted_at=NOW - 7 * DAY)
    repost = job("Backend Engineer (Remote)", "Acme Inc.", url="https://jobs.example/2")
    assert job_key(first) == job_key(repost)
    assert len(job_key(first)) == 16 and int(job_key(first), 16) >= 0
    assert job_key(first) != job_key(job("Frontend Engineer"))
    assert job_key(first) != job_key(job(location="Spain"))  # the same title elsewhere is another job


# --- Merging ---


def test_without_history_the_jobs_count_as_first_seen_when_posted():
    listed = with_history([job(posted_at=NOW - 3 * DAY)], None, NOW)
    [only] = listed.jobs
    assert only.first_seen == NOW - 3 * DAY and only.key == job_key(only)
    assert listed.left == ()


def test_a_job_posted_in_the_future_is_first_seen_now():
    [only] = with_history([job(posted_at=NOW + DAY)], None, NOW).jobs
    assert only.first_seen == NOW


def test_with_history_a_new_job_is_first_seen_now_and_a_known_one_keeps_its_date():
    old = job(url="https://jobs.example/1", posted_at=NOW - 5 * DAY)
    history = history_of(data_file([old], NOW - 2 * DAY))
    new = job("Data Engineer", url="https://jobs.example/9", posted_at=NOW - 4 * DAY)
    known, fresh = with_history([old, new], history, NOW).jobs
    assert known.first_seen == NOW - 5 * DAY  # from the first run, which started from the posting date
    assert fresh.first_seen == NOW  # posted earlier, but new to the list today


def test_a_repost_with_a_new_url_keeps_the_key_and_first_seen_date():
    original = job(url="https://jobs.example/1", posted_at=NOW - 7 * DAY)
    history = history_of(data_file([original], NOW - DAY))
    repost = job(url="https://jobs.example/2", posted_at=NOW)
    [listed] = with_history([repost], history, NOW).jobs
    assert listed.first_seen == NOW - 7 * DAY and listed.key == job_key(original)
    assert listed.url == "https://jobs.example/2"


def test_a_job_whose_key_changed_is_found_by_its_url_and_keeps_its_key():
    original = job("Backend Engineer", url="https://jobs.example/1?utm_source=x", posted_at=NOW - 4 * DAY)
    history = history_of(data_file([original], NOW - DAY))
    renamed = job("Senior Backend Engineer", url="https://jobs.example/1", posted_at=NOW - 4 * DAY)
    [listed] = with_history([renamed], history, NOW).jobs
    assert listed.key == job_key(original) != job_key(renamed)
    assert listed.first_seen == NOW - 4 * DAY


def test_two_jobs_of_one_key_today_get_two_keys():
    a = job(url="https://jobs.example/1", posted_at=NOW)
    b = job(url="https://jobs.example/2", posted_at=NOW - 20 * DAY)  # further apart than the duplicate window
    first, second = with_history([a, b], None, NOW).jobs
    assert first.key == job_key(a) and second.key != first.key


def test_a_job_that_left_is_remembered_and_keeps_its_date_when_it_comes_back():
    gone = job(url="https://jobs.example/1", posted_at=NOW - 6 * DAY)
    stays = job("Data Engineer", url="https://jobs.example/2", posted_at=NOW - 6 * DAY)
    day1 = history_of(data_file([gone, stays], NOW - 3 * DAY))
    day2 = with_history([stays], day1, NOW - 2 * DAY)
    assert [(entry.key, entry.last_seen) for entry in day2.left] == [(job_key(gone), NOW - 2 * DAY)]
    text = render_data_file(day2.jobs, title="T", category="c", generated_at=NOW - 2 * DAY, left=day2.left)
    back = with_history([gone, stays], history_of(text), NOW)
    assert [listed.first_seen for listed in back.jobs] == [NOW - 6 * DAY, NOW - 6 * DAY]
    assert back.left == ()


def test_the_history_forgets_jobs_that_left_long_ago_and_keeps_at_most_max_left():
    seen = [
        Seen(f"{n:016x}", f"https://jobs.example/{n}", NOW - 90 * DAY, NOW - n * timedelta(minutes=1))
        for n in range(MAX_LEFT + 10)
    ]
    old = Seen("f" * 16, "https://jobs.example/old", NOW - 90 * DAY, NOW - (HISTORY_DAYS + 1) * DAY)
    listed = with_history([], History(left=(*seen, old)), NOW)
    assert len(listed.left) == MAX_LEFT
    assert listed.left[0].key == seen[0].key and old not in listed.left
    longer = with_history([], History(left=(old,)), NOW, keep_days=60)  # max-age-days longer than the window
    assert longer.left == (old,)


def test_future_dates_in_a_history_are_brought_back_to_now():
    future = Seen(job_key(job()), "https://jobs.example/1", NOW + 30 * DAY, NOW + 30 * DAY)
    [listed] = with_history([job()], History(listed=(future,)), NOW).jobs
    assert listed.first_seen == NOW
    gone = with_history([], History(left=(future,)), NOW)
    assert gone.left[0].last_seen == NOW


# --- Reading the data file ---


def test_the_data_file_round_trips_its_history():
    jobs = [job(url="https://jobs.example/1", posted_at=NOW - DAY)]
    history = history_of(data_file(jobs))
    assert history.listed == (Seen(job_key(jobs[0]), "https://jobs.example/1", NOW - DAY, NOW),)


def test_a_data_file_written_before_the_history_counts_its_jobs_as_first_seen_when_posted():
    old = {
        "generated_at": "2025-04-20T06:00:00Z",
        "jobs": [
            {
                "company": "Acme",
                "title": "Backend Engineer",
                "url": "https://jobs.example/1",
                "posted_at": "2025-04-15T00:00:00Z",
            }
        ],
    }
    history = history_of(json.dumps(old))
    [entry] = history.listed
    assert entry.key == "" and entry.first_seen.isoformat() == "2025-04-15T00:00:00+00:00"
    [listed] = with_history([job(url="https://jobs.example/1")], history, NOW).jobs
    assert listed.first_seen == entry.first_seen and listed.key == job_key(listed)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[1, 2]",
        '{"jobs": [',
        "null",
        '{"jobs": "many"}',
        '{"title": "no jobs"}',
        "[" * 100_000,
        '{"jobs": [], "pad": "' + "x" * MAX_DATA_FILE_CHARS + '"}',
    ],
    ids=["empty", "text", "array", "cut", "null", "jobs-text", "no-jobs", "deep", "huge"],
)
def test_an_unreadable_data_file_gives_no_history_and_a_warning_naming_it(text):
    read = read_history(text, "data/jobs.json")
    assert read.history is None
    assert read.warning.startswith("data/jobs.json: the data file ") and "starts again from this run" in read.warning


def test_entries_of_the_wrong_shape_are_left_out_and_counted():
    good = {"key": "0123456789abcdef", "url": "https://jobs.example/1", "first_seen": "2025-04-10T00:00:00Z"}
    bad = [
        1,
        None,
        "text",
        [],
        {},
        {"key": 5, "url": ["x"]},
        {"key": "no spaces allowed", "url": "javascript:alert(1)", "first_seen": "2025-04-10"},
        {"key": "0123456789abcdee", "first_seen": "yesterday-ish"},
        {"key": "0123456789abcded", "first_seen": 10**400},
        {"url": "https://jobs.example/2"},
    ]
    text = json.dumps({"jobs": [good, *bad], "history": [*bad, good]})
    read = read_history(text, "jobs.json")
    assert read.history is not None
    assert read.history.listed[0].key == "0123456789abcdef" and len(read.history.listed) == 1
    assert len(read.history.left) == 1
    assert (
        read.warning
        == "jobs.json: 20 entries of the data file had no usable key, URL or date; the history left them out."
    )


def test_a_missing_file_is_no_history_and_no_warning():
    assert read_history(None, "jobs.json") == read_history(None, "other.json")
    assert read_history(None, "jobs.json").history is None and read_history(None, "jobs.json").warning == ""


def test_a_history_array_of_the_wrong_type_is_ignored_but_the_jobs_are_read():
    text = json.dumps({"jobs": [{"url": "https://jobs.example/1", "posted_at": "2025-04-01"}], "history": {"a": 1}})
    history = history_of(text)
    assert len(history.listed) == 1 and history.left == ()


def test_a_listed_entry_without_dates_takes_the_files_date_as_last_seen():
    text = json.dumps(
        {
            "generated_at": "2025-04-20T00:00:00Z",
            "jobs": [{"url": "https://jobs.example/1", "first_seen": "2025-04-01"}],
        }
    )
    [entry] = history_of(text).listed
    assert entry.last_seen.isoformat() == "2025-04-20T00:00:00+00:00"


def test_merging_the_same_history_twice_gives_the_same_file():
    jobs = [job(url=f"https://jobs.example/{n}", title=f"Engineer {n}", posted_at=NOW - n * DAY) for n in range(5)]
    first = data_file(jobs, NOW - DAY)
    second = data_file(jobs, NOW, history_of(first))
    third = data_file(jobs, NOW, history_of(second))
    assert second == third
    assert [entry["first_seen"] for entry in json.loads(second)["jobs"]] == [
        entry["first_seen"] for entry in json.loads(first)["jobs"]
    ]
    assert replace(jobs[0], key="") == jobs[0]  # the inputs are not changed
