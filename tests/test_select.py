"""Selection: age window, category, order and cap."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from factories import NOW, make_job

from jobs_action.models import Salary
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


# --- The pool: sorted once, read from the front by every list ---------------------------------------------------


def test_a_pool_gives_every_list_what_a_plain_list_of_the_same_jobs_gives():
    """A pool is sorted once and each list reads it from the front; the rows must be those of ``select_jobs`` on
    the same jobs given as a plain list (sorted per list), for lists of every kind, in every input order."""
    import random

    from jobs_action.select.places.filter import parse_location_filter
    from jobs_action.select.pool import Pool
    from jobs_action.select.salary import parse_min_salary

    titles = ["Senior Backend Engineer", "Frontend Developer", "DevOps Engineer", "Junior Python Developer"]
    places = ["Bengaluru, India", "Remote - US", "Berlin, Germany", "Remote"]
    jobs = [
        make_job(
            title=titles[n % 4],
            company=f"Company {n % 7}",
            location=places[n % 3],
            remote=n % 2 == 0,
            posted_at=NOW - timedelta(hours=n * 5 % 400) + timedelta(hours=20 if n % 17 == 0 else 0),
            url=f"https://x.example/{n}",
            salary=Salary(min=120_000 + n * 1000, max=200_000, currency="USD", period="year") if n % 3 else None,
        )
        for n in range(120)
    ]
    all_lists = [
        Criteria(category="backend", max_jobs=7),
        Criteria(category="all", max_age_days=3, max_jobs=50),
        Criteria(category="all", location=parse_location_filter("India"), max_jobs=5),
        Criteria(category="all", seniority="senior", max_jobs=4),
        Criteria(category="all", min_salary=parse_min_salary("150000 USD"), max_jobs=6),
    ]
    shuffled = random.Random(7).sample(jobs, len(jobs))
    pool = Pool(shuffled, NOW, 15)
    for criteria in all_lists:
        expected = select_jobs(jobs, criteria, NOW)
        assert expected  # every list keeps something: the comparison means something
        assert select_jobs(pool, criteria, NOW) == expected == select_jobs(shuffled, criteria, NOW)


def test_a_pool_annotates_each_job_once_when_a_list_first_reads_it():
    from jobs_action.select.pool import Pool

    jobs = [make_job(url=f"https://x.example/{n}", posted_at=NOW - timedelta(days=n)) for n in range(30)]
    read: list[str] = []
    pool = Pool(jobs, NOW, 15, read=lambda job: read.append(job.url) or job)
    select_jobs(pool, Criteria(category="all", max_jobs=3), NOW)
    select_jobs(pool, Criteria(category="all", max_jobs=5), NOW)
    assert read == [f"https://x.example/{n}" for n in range(5)]  # the first five, each once


def test_a_pool_serves_only_lists_at_its_time_and_within_its_age():
    """A pool holds the jobs of its age at its time only: a list that reaches further back, or selects at another
    time, is refused rather than given fewer jobs."""
    import pytest

    from jobs_action.select.pool import Pool

    jobs = [make_job(url=f"https://x.example/{n}", posted_at=NOW - timedelta(days=n)) for n in range(30)]
    pool = Pool(jobs, NOW, 5)
    assert len(select_jobs(pool, Criteria(category="all", max_age_days=3), NOW)) == 4
    with pytest.raises(ValueError, match="pool of 5 days"):
        select_jobs(pool, Criteria(category="all", max_age_days=15), NOW)
    with pytest.raises(ValueError, match="cannot serve"):
        select_jobs(pool, Criteria(category="all", max_age_days=5), NOW + timedelta(hours=1))


def test_the_pool_order_is_newest_first_then_company_title_and_url_whatever_the_input_order() -> None:
    import random
    from datetime import timedelta

    from jobs_action.select.pool import sort_jobs

    rng = random.Random(7)
    days = [NOW - timedelta(days=n) for n in range(4)]  # few dates: many ties, in runs of every length
    jobs = [
        make_job(
            rng.choice(["Backend", "backend", "Frontend", "Zeta"]),
            rng.choice(["Acme", "acme", "Beta", "Ägypten"]),
            url=f"https://x.example/{n}",  # distinct: equal keys would keep their input order, as any stable sort
            posted_at=rng.choice(days),
        )
        for n in range(300)
    ]
    expected = sorted(jobs, key=lambda j: (-j.posted_at.timestamp(), j.company.casefold(), j.title.casefold(), j.url))
    for _ in range(5):
        rng.shuffle(jobs)
        assert sort_jobs(jobs) == expected
