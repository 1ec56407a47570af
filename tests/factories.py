"""Building ``Job``s for tests."""

from __future__ import annotations

from datetime import UTC, datetime

from jobs_action.models import Job, Salary

NOW = datetime(2025, 4, 21, 12, 0, tzinfo=UTC)


def make_job(
    title: str = "Backend Developer",
    company: str = "Acme",
    *,
    url: str = "https://jobs.example/1",
    posted_at: datetime = NOW,
    location: str = "Portugal",
    remote: bool = False,
    salary: Salary | None = None,
    tags: tuple[str, ...] = (),
    category: tuple[str, ...] = (),
) -> Job:
    return Job(
        company=company,
        title=title,
        url=url,
        posted_at=posted_at,
        location=location,
        remote=remote,
        salary=salary,
        tags=tags,
        category=category,
        source="test",
    )
