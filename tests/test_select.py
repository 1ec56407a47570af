"""Selection: age window, category, order and cap."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from factories import NOW, make_job

from jobs_action.select.criteria import Criteria, select_jobs
from jobs_action.sources import remotive


def test_age_boundary_is_inclusive_and_older_jobs_are_dropped():
    edge = make_job(posted_at=NOW - timedelta(days=15))
    older = make_job(posted_at=NOW - timedelta(days=15, seconds=1), url="https://x.example/old")
    assert select_jobs([edge, older], Criteria(category="all"), NOW) == [edge]


def test_slightly_future_dates_count_as_now_and_far_future_ones_are_dropped():
    soon = make_job(posted_at=NOW + timedelta(hours=3))
    far = make_job(posted_at=NOW + timedelta(days=2), url="https://x.example/far")
    selected = select_jobs([soon, far], Criteria(category="all"), NOW)
    assert [job.posted_at for job in selected] == [NOW]


def test_newest_first_with_a_deterministic_tie_break():
    a = make_job("Backend Developer", "Beta", url="https://x.example/1")
    b = make_job("Backend Developer", "alpha", url="https://x.example/2")
    c = make_job(
        "Backend Developer",
        "Zeta",
        url="https://x.example/3",
        posted_at=NOW + timedelta(minutes=1) - timedelta(hours=1),
    )
    newest = make_job("Backend Developer", "Zulu", url="https://x.example/4", posted_at=NOW)
    for order in ([a, b, c, newest], [c, newest, b, a]):
        assert [j.company for j in select_jobs(order, Criteria(category="all"), NOW)] == [
            "alpha",
            "Beta",
            "Zulu",
            "Zeta",
        ]


def test_category_keeps_backend_and_drops_the_rest():
    jobs = [
        make_job("Backend Engineer"),
        make_job("Senior Product Designer", url="https://x.example/d"),
        make_job("Account Executive", url="https://x.example/s"),
    ]
    assert [j.title for j in select_jobs(jobs, Criteria(category="backend"), NOW)] == ["Backend Engineer"]


def test_max_jobs_caps_after_sorting():
    jobs = [make_job(url=f"https://x.example/{i}", posted_at=NOW - timedelta(hours=i)) for i in range(10)]
    selected = select_jobs(jobs, Criteria(category="all", max_jobs=3), NOW)
    assert [j.url for j in selected] == ["https://x.example/0", "https://x.example/1", "https://x.example/2"]


def test_location_seniority_and_salary_criteria_narrow_the_list():
    from jobs_action.models import Salary
    from jobs_action.select.places.filter import parse_location_filter
    from jobs_action.select.salary import parse_min_salary

    india = make_job(
        "Backend Developer", "Visa", location="Bengaluru East, Karnataka, India", url="https://x.example/1"
    )
    us_only = make_job("Senior Backend Engineer", "Globex", location="USA Only", remote=True, url="https://x.example/2")
    anywhere = make_job(
        "Senior Backend Engineer",
        "Tether",
        location="Worldwide",
        remote=True,
        url="https://x.example/3",
        salary=Salary(min=150000, max=180000, currency="USD", period="year"),
    )
    jobs = [india, us_only, anywhere]
    in_india = select_jobs(jobs, Criteria(category="backend", location=parse_location_filter("India")), NOW)
    assert [job.company for job in in_india] == ["Tether", "Visa"]
    senior = select_jobs(jobs, Criteria(category="backend", seniority="senior"), NOW)
    assert {job.company for job in senior} == {"Globex", "Tether"}
    paid = select_jobs(jobs, Criteria(category="backend", min_salary=parse_min_salary("120000 USD")), NOW)
    assert [job.company for job in paid] == ["Tether"]


def test_b13_the_age_window_boundary_future_dates_and_naive_dates_are_pinned():
    criteria = Criteria(max_age_days=15)
    boundary = make_job("Backend Developer", "Edge", url="https://x.example/edge", posted_at=NOW - timedelta(days=15))
    older = make_job("Backend Developer", "Old", url="https://x.example/old",
                     posted_at=NOW - timedelta(days=15, seconds=1))  # fmt: skip
    future = make_job("Backend Developer", "Future", url="https://x.example/f", posted_at=NOW + timedelta(days=2))
    soon = make_job("Backend Developer", "Soon", url="https://x.example/s", posted_at=NOW + timedelta(hours=3))
    kept = select_jobs([boundary, older, future, soon], criteria, NOW)
    assert [job.company for job in kept] == ["Soon", "Edge"]  # boundary kept (inclusive); 2 days ahead dropped
    assert kept[0].posted_at == NOW  # a slightly future date is clamped to now
    naive = remotive.parse(json.dumps({"jobs": [{
        "id": 1, "url": "https://remotive.com/remote-jobs/x-1", "title": "Dev", "company_name": "A",
        "publication_date": "2026-09-21T12:55:11", "tags": [], "category": "Software Development",
    }]}).encode(), "remotive")  # fmt: skip
    assert naive.jobs[0].posted_at == datetime(2026, 9, 21, 12, 55, 11, tzinfo=UTC)
