"""Runs on consecutive days against the fake GitHub: the history the data file keeps, the new badge, ages,
sections and the step summary, as a list's readers and maintainer see them."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fakes.github import FakeGitHub
from helpers import REPO
from runner import ActionRun, SkippingClock, run_entrypoint, runner_env, write_feed

DAY = timedelta(days=1)
ATOM = "{http://www.w3.org/2005/Atom}"
INPUTS = {
    "data-file": "data/jobs.json",
    "feed-file": "jobs.atom",
    "new-badge": "🆕 1",
    "columns": "Company, Position, Location, Age, Posted, Apply",
    "category": "all",
}


class Days(SkippingClock):
    """A run's clock set to noon UTC of today, moved on by whole days: dates never straddle midnight."""

    def __init__(self) -> None:
        super().__init__()
        noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
        self.offset = noon.timestamp() - self.wall()

    @property
    def now(self) -> datetime:
        return datetime.fromtimestamp(self.wall(), UTC)

    def next_day(self) -> None:
        self.offset += DAY.total_seconds()


def posting(company: str, title: str, url: str, posted: datetime, location: str = "Austin, TX") -> dict[str, Any]:
    return {"company": company, "title": title, "url": url, "posted_at": posted.isoformat(), "location": location}


def run_day(workspace: Path, fake: FakeGitHub, clock: Days, jobs: list[dict[str, Any]], **inputs: str) -> ActionRun:
    sources = write_feed(workspace, {"jobs": jobs}, "feed.json")
    return run_entrypoint(runner_env(workspace, fake, {"sources": sources, **INPUTS, **inputs}), clock=clock)


def readme_rows(fake: FakeGitHub) -> dict[str, str]:
    """The README's rows by company."""
    text = (fake.file_bytes(REPO, "README.md") or b"").decode("utf-8")
    return {line.split(" | ")[0].removeprefix("| "): line for line in text.splitlines() if "[Apply](" in line}


def data_jobs(fake: FakeGitHub) -> dict[str, dict[str, Any]]:
    return {job["company"]: job for job in json.loads(fake.file_bytes(REPO, "data/jobs.json") or b"{}")["jobs"]}


def feed_entries(fake: FakeGitHub) -> dict[str, dict[str, str]]:
    root = ET.fromstring(fake.file_bytes(REPO, "jobs.atom") or b"")
    entries = {}
    for entry in root.findall(f"{ATOM}entry"):
        fields = {name: entry.findtext(f"{ATOM}{name}") or "" for name in ("id", "published", "updated")}
        entries[entry.findtext(f"{ATOM}author/{ATOM}name") or ""] = fields
    return entries


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def test_a_day_later_only_the_added_job_is_new_a_repost_keeps_its_date_and_a_day_of_ages_makes_no_commit(tmp_path):
    clock = Days()
    day0 = clock.now
    first = [
        posting("Alpha", "Backend Engineer", "https://jobs.example/alpha", day0 - 2 * DAY),
        posting("Beta", "Data Engineer", "https://jobs.example/beta", day0 - 3 * DAY),
        posting("Reposter", "Platform Engineer", "https://jobs.example/repost/1", day0 - 3 * DAY),
    ]
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        one = run_day(tmp_path, fake, clock, first)
        assert one.returncode == 0, one.stdout
        assert one.report[0]["status"] == "updated" and fake.count("mutation") == 1
        assert not any("🆕" in row for row in readme_rows(fake).values())  # the history starts from posting dates
        entry_ids = {company: entry["id"] for company, entry in feed_entries(fake).items()}

        clock.next_day()
        day1 = clock.now
        second = [
            first[0],
            first[1],
            posting(
                "Reposter", "Platform Engineer (Remote)", "https://jobs.example/repost/2", day1 - timedelta(hours=1)
            ),
            posting("Newco", "Frontend Engineer", "https://jobs.example/newco", day1 - timedelta(hours=3)),
        ]
        two = run_day(tmp_path, fake, clock, second)
        assert two.returncode == 0, two.stdout
        assert two.report[0] | {"commit_sha": ""} == {
            "list": "all",
            "repository": REPO,
            "status": "updated",
            "jobs": 4,
            "added": 2,
            "removed": 1,
            "commit_sha": "",
            "pull_request_url": "",
            "error": "",
            "failed_sources": [],
        }
        rows = readme_rows(fake)
        assert [company for company, row in rows.items() if "🆕" in row] == ["Newco"]
        assert rows["Newco"].startswith("| Newco | Frontend Engineer 🆕 | 📍 Austin, TX | 0d |")
        assert "| 4d |" in rows["Reposter"] and "[Apply](https://jobs.example/repost/2)" in rows["Reposter"]
        assert "| 3d |" in rows["Alpha"]
        saved = data_jobs(fake)
        assert saved["Reposter"]["first_seen"] == iso(day0 - 3 * DAY)  # the repost keeps its first-seen date
        assert saved["Reposter"]["url"] == "https://jobs.example/repost/2"
        assert day1 <= datetime.fromisoformat(saved["Newco"]["first_seen"]) < day1 + timedelta(minutes=1)  # this run
        assert saved["Alpha"]["first_seen"] == iso(day0 - 2 * DAY)
        entries = feed_entries(fake)
        assert entries["Reposter"]["id"] == entry_ids["Reposter"]  # the repost is not a new entry
        assert entries["Newco"]["id"] not in entry_ids.values()
        assert entries["Newco"]["published"] == saved["Newco"]["first_seen"][:19] + "Z"
        assert entries["Reposter"]["published"] == saved["Reposter"]["first_seen"][:19] + "Z"
        assert "🆕" in two.summary and "| Newco | Frontend Engineer 🆕 |" in two.summary
        files = fake.files(REPO)

        clock.next_day()
        three = run_day(tmp_path, fake, clock, second)
        assert three.returncode == 0, three.stdout
        assert three.report[0]["status"] == "unchanged"
        assert fake.count("mutation") == 2  # the third run would change only ages and the badge: no commit
        assert fake.files(REPO) == files
        assert "| Newco | Frontend Engineer | 📍 Austin, TX | 1d |" in three.summary  # the summary shows today's table


def test_an_unreadable_data_file_is_a_warning_and_the_list_still_publishes(tmp_path):
    clock = Days()
    posted = clock.now - DAY
    jobs = [posting("Alpha", "Backend Engineer", "https://jobs.example/alpha", posted)]
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {"data/jobs.json": "{not json", "README.md": "<!-- JOBS:START -->\n<!-- JOBS:END -->\n"})
        result = run_day(tmp_path, fake, clock, jobs)
        data = json.loads(fake.file_bytes(REPO, "data/jobs.json") or b"")
        readme = (fake.file_bytes(REPO, "README.md") or b"").decode()
    assert result.returncode == 0, result.stdout
    assert result.report[0]["status"] == "updated" and "warnings" not in result.report[0]
    warnings = [line for line in result.stdout.splitlines() if line.startswith("::warning")]
    assert any(
        "title=Data file" in line and "data/jobs.json: the data file is not a JSON object" in line for line in warnings
    ), warnings
    assert data["jobs"][0]["first_seen"] == iso(posted)  # no history: first seen when posted
    assert "| Alpha | Backend Engineer |" in readme


def test_sections_publish_one_readme_with_a_table_per_section_and_the_summary_shows_them(tmp_path):
    clock = Days()
    now = clock.now
    jobs = [
        posting("Alpha", "Backend Engineer", "https://jobs.example/a", now - DAY),
        posting("Bravo", "Backend Engineer", "https://jobs.example/b", now - DAY, "Pune, India"),
        posting("Charlie", "Backend Engineer", "https://jobs.example/c", now - 2 * DAY, "Berlin, Germany"),
        posting("Delta", "Backend Engineer", "https://jobs.example/d", now - 3 * DAY, "Chicago, IL"),
    ]
    inputs = {"sections": "USA, India", "other-section": "true", "max-jobs": "1", "new-badge": "", "dry-run": "false"}
    with FakeGitHub() as fake:
        fake.add_repo(REPO, {})
        result = run_day(tmp_path, fake, clock, jobs, **inputs)
        readme = (fake.file_bytes(REPO, "README.md") or b"").decode()
        saved = data_jobs(fake)
    assert result.returncode == 0, result.stdout
    assert re.findall(r"^### .+$", readme, re.MULTILINE) == ["### USA", "### India", "### Other"]
    assert "Delta" not in readme and set(saved) == {"Alpha", "Bravo", "Charlie"}  # one row per section
    assert result.report[0]["jobs"] == 3 and result.report[0]["added"] == 3
    assert result.outputs["jobs-count"] == "3"
    summary = result.summary.split("## Awesome Jobs", 1)[1]
    assert re.findall(r"^### .+$", summary, re.MULTILINE) == ["### USA", "### India", "### Other"]
