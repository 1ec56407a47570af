"""Building ``Job``s for tests: ``make_job`` as a test wants it, ``border_job`` as the source border builds it."""

from __future__ import annotations

from datetime import UTC, datetime

from jobs_action.models import Job, Salary, Workplace
from jobs_action.sources.build import build_job

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
    id: str = "",
    source: str = "test",
    workplace: Workplace = "",
    levels: tuple[str, ...] = (),
) -> Job:
    """A ``Job`` with exactly these fields (no cleaning): a file that needs other defaults fixes them with
    ``functools.partial(make_job, ...)``."""
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
        id=id,
        source=source,
        workplace=workplace,
        levels=levels,
    )


def border_job(title: str = "Dev", company: str = "Acme", **fields: object) -> Job:
    """A job as the source border builds it from raw field values."""
    raw = {"url": "https://real.example/job", "posted_at": NOW, "location": "Berlin", **fields}
    raw["posted_at"] = raw["posted_at"].isoformat()  # type: ignore[attr-defined]
    built = build_job("test", company=company, title=title, **raw)  # type: ignore[arg-type]
    assert isinstance(built, Job), built
    return built
