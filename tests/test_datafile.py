"""The data file: the list's jobs as JSON in the normalized feed format, readable by the ``file:`` source."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from factories import NOW, make_job

from jobs_action.models import Job, Salary
from jobs_action.render.datafile import comparable as comparable_document
from jobs_action.render.datafile import render_data_file, same_jobs
from jobs_action.render.history import job_key
from jobs_action.sources.feed import parse_feed, read_file_feed
from jobs_action.sources.spec import SourceSpec

GENERATED = datetime(2025, 4, 22, 6, 30, tzinfo=UTC)


def sample_jobs() -> list[Job]:
    return [
        make_job(
            "Senior Backend Engineer (Go) 🚀",
            "Café Ñandú",
            url="https://jobs.example/1?ref=a&b=c",
            posted_at=NOW,
            location="Lisbon, Portugal",
            salary=Salary(min=120000.0, max=150000.0, currency="USD", period="year"),
            tags=("go", "postgres"),
            category=("backend",),
            id="job-1",
        ),
        make_job(
            "Platform Engineer",
            "Acme",
            url="https://jobs.example/2",
            posted_at=NOW - timedelta(days=1, seconds=1),
            location="",
            remote=True,
            salary=Salary(text="$90k - $105k"),
        ),
        make_job(
            "Contractor",
            "Hourly Co",
            url="https://jobs.example/3",
            posted_at=NOW - timedelta(days=2),
            salary=Salary(min=45.5, currency="EUR", period="hour"),
        ),
    ]


def render(jobs, generated_at=GENERATED) -> str:
    return render_data_file(jobs, title="Awesome Backend Jobs", category="backend", generated_at=generated_at)


def comparable(job: Job) -> Job:
    return replace(job, source="")


def test_the_data_file_is_the_normalized_feed_with_stable_keys():
    text = render(sample_jobs())

    assert text.endswith("}\n") and not text.endswith("\n\n")
    document = json.loads(text)
    assert list(document) == ["generated_at", "title", "category", "jobs", "history"]
    assert document["history"] == []
    assert document["generated_at"] == "2025-04-22T06:30:00Z"
    first, second, third = document["jobs"]
    assert first == {
        "id": "job-1",
        "company": "Café Ñandú",
        "title": "Senior Backend Engineer (Go) 🚀",
        "location": "Lisbon, Portugal",
        "remote": False,
        "posted_at": "2025-04-21T12:00:00Z",
        "url": "https://jobs.example/1?ref=a&b=c",
        "salary": {"min": 120000, "max": 150000, "currency": "USD", "period": "year"},
        "tags": ["go", "postgres"],
        "category": ["backend"],
        "employment_type": "",
        "key": job_key(sample_jobs()[0]),
        "first_seen": "2025-04-21T12:00:00Z",
        "last_seen": "2025-04-22T06:30:00Z",
    }
    assert list(first) == [
        "id",
        "company",
        "title",
        "location",
        "remote",
        "posted_at",
        "url",
        "salary",
        "tags",
        "category",
        "employment_type",
        "key",
        "first_seen",
        "last_seen",
    ]
    assert second["salary"] == "$90k - $105k" and second["remote"] is True
    assert second["posted_at"] == "2025-04-20T11:59:59Z"
    assert third["salary"] == {"min": 45.5, "max": None, "currency": "EUR", "period": "hour"}


def test_text_is_written_as_utf8_not_escaped():
    text = render(sample_jobs())
    assert "Café Ñandú" in text and "🚀" in text
    assert "\\u" not in text
    assert text.startswith('{\n  "generated_at"')


def test_jobs_keep_the_order_given():
    jobs = sample_jobs()
    titles = [job["title"] for job in json.loads(render(list(reversed(jobs))))["jobs"]]
    assert titles == [job.title for job in reversed(jobs)]


def test_an_empty_list_gives_an_empty_jobs_array():
    document = json.loads(render([]))
    assert document["jobs"] == []
    assert document["title"] == "Awesome Backend Jobs"


def test_a_job_without_salary_writes_null():
    [job] = json.loads(render([make_job()]))["jobs"]
    assert job["salary"] is None
    assert job["id"] == ""


def test_a_file_written_then_read_by_the_file_source_gives_the_same_jobs(tmp_path: Path):
    jobs = sample_jobs()
    (tmp_path / "jobs.json").write_text(render(jobs), encoding="utf-8")

    result = read_file_feed(SourceSpec("file", "jobs.json"), tmp_path)

    assert result.skipped == ()
    assert [comparable(job) for job in result.jobs] == [comparable(job) for job in jobs]


def test_reading_back_and_writing_again_gives_the_same_text():
    text = render(sample_jobs())
    again = render(list(parse_feed(text.encode("utf-8"), "json:https://example.org/jobs.json").jobs))
    assert again == text


def test_same_jobs_ignores_only_generated_at_last_seen_and_the_history():
    jobs = sample_jobs()
    today, tomorrow = render(jobs), render(jobs, GENERATED + timedelta(days=1))

    assert today != tomorrow
    assert same_jobs(today, tomorrow)
    assert not same_jobs(today, render(jobs[:2], GENERATED + timedelta(days=1)))
    assert not same_jobs(today, render([replace(jobs[0], title="Staff Engineer"), *jobs[1:]]))


@pytest.mark.parametrize("old", [None, "", "not json", "[1, 2]", '{"jobs": [', "null", "[" * 100_000])
def test_same_jobs_is_false_for_a_missing_or_invalid_old_file(old):
    assert not same_jobs(old, render(sample_jobs()))


def test_comparable_drops_only_what_changes_on_every_run():
    document = comparable_document(render([make_job()]))
    assert document is not None
    assert list(document) == ["title", "category", "jobs"]
    assert "last_seen" not in document["jobs"][0] and "first_seen" in document["jobs"][0]
    assert comparable_document("{bad") is None


def test_a_naive_generated_at_is_taken_as_utc():
    document = json.loads(render([], generated_at=datetime(2025, 1, 2, 3, 4, 5)))
    assert document["generated_at"] == "2025-01-02T03:04:05Z"


def test_the_employment_type_round_trips_through_the_normalized_feed(tmp_path: Path):
    jobs = [
        replace(job, employment=kind) for job, kind in zip(sample_jobs(), ("full-time", "contract", ""), strict=True)
    ]
    (tmp_path / "jobs.json").write_text(render(jobs), encoding="utf-8")
    read = read_file_feed(SourceSpec("file", "jobs.json"), tmp_path).jobs
    assert [job.employment for job in read] == ["full-time", "contract", ""]
    item = {"company": "A", "title": "T", "url": "https://a.example/1", "posted_at": "2025-04-01"}
    raw = json.dumps({"jobs": [item | {"employment_type": "Intern"}]}).encode()
    assert parse_feed(raw, "json:x").jobs[0].employment == "internship"
