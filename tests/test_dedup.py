from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from jobs_action.models import Job, Salary
from jobs_action.select.dedup import canonical_url, dedupe, normalize_company, normalize_title

DAY0 = datetime(2025, 4, 21, 12, tzinfo=UTC)


def job(
    url: str = "https://x.example/1",
    company: str = "Acme",
    title: str = "Backend Developer",
    location: str = "Berlin, Germany",
    posted_at: datetime = DAY0,
    **fields: object,
) -> Job:
    return Job(company=company, title=title, url=url, posted_at=posted_at, location=location, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://remoteOK.com/remote-jobs/123-backend", "https://remoteok.com/remote-jobs/123-backend"),
        ("https://x.example/jobs/1/", "https://x.example/jobs/1"),
        ("https://x.example/jobs/1#apply", "https://x.example/jobs/1"),
        ("http://www.x.example/jobs/1", "https://x.example/jobs/1"),
        ("https://x.example:443/jobs/1", "https://x.example/jobs/1"),
        ("https://x.example/jobs/1?utm_source=a&utm_medium=b&ref=remoteok", "https://x.example/jobs/1"),
        ("https://x.example/jobs/1?source=feed&gh_src=abc&src=x", "https://x.example/jobs/1"),
        ("https://x.example/jobs?gh_jid=42&utm_campaign=z", "https://x.example/jobs?gh_jid=42"),
        ("https://x.example/jobs?b=2&a=1", "https://x.example/jobs?a=1&b=2"),
    ],
)
def test_urls_that_differ_only_in_tracking_case_or_decoration_are_the_same(a: str, b: str) -> None:
    assert canonical_url(a) == canonical_url(b)


def test_identifying_query_parameters_are_kept() -> None:
    assert canonical_url("https://x.example/jobs?gh_jid=1") != canonical_url("https://x.example/jobs?gh_jid=2")


def test_paths_keep_their_case() -> None:
    assert canonical_url("https://x.example/j/ABC") != canonical_url("https://x.example/j/abc")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bjak ", "Bjak"),
        ("Goo\u200bgle", "Google"),
        ("Local Brand X GmbH", "Local Brand X"),
        ("Acme, Inc.", "ACME"),
        ("Acme Ltd", "acme"),
        ("CI&T", "CI & T"),
    ],
)
def test_company_names_normalize_alike(a: str, b: str) -> None:
    assert normalize_company(a) == normalize_company(b)


def test_gender_tags_do_not_make_titles_differ() -> None:
    assert normalize_title("Backend-Entwickler (m/w/d)") == normalize_title("Backend Entwickler")
    assert normalize_title("Backend Engineer (all genders)") == normalize_title("backend engineer")


def test_the_same_url_twice_appears_once() -> None:
    a = job("https://remoteOK.com/remote-jobs/1", title="Backend Dev")
    b = job("https://remoteok.com/remote-jobs/1?utm_source=x", title="Backend Developer (Go)")
    assert len(dedupe([a, b])) == 1


def test_a_repeated_workable_shortcode_appears_once() -> None:
    a = job("https://apply.workable.com/j/C7389E54B7", location="London, United Kingdom")
    b = job("https://apply.workable.com/j/C7389E54B7", location="Manchester, United Kingdom")
    assert len(dedupe([a, b])) == 1


def test_the_same_job_on_two_boards_appears_once() -> None:
    remotive = job("https://remotive.com/remote-jobs/software-dev/backend-1", location="Worldwide", remote=True)
    jobicy = job(
        "https://jobicy.com/jobs/99-backend",
        company="Acme Inc.",
        location="Anywhere",
        remote=True,
        posted_at=DAY0 + timedelta(days=1),
    )
    assert len(dedupe([remotive, jobicy])) == 1


def test_reposts_with_new_ids_appear_once() -> None:
    reposts = [
        job(
            f"https://remoteok.com/remote-jobs/{n}",
            company="Bjak " if n % 2 else "Bjak",
            posted_at=DAY0 + timedelta(days=2 * n),
        )
        for n in range(4)
    ]
    assert len(dedupe(reposts)) == 1


def test_the_same_title_in_two_places_stays_two_jobs() -> None:
    europe = job(
        "https://jobs.ashbyhq.com/linear/1",
        company="Linear",
        title="Senior / Staff Fullstack Engineer",
        location="Europe",
    )
    america = job(
        "https://jobs.ashbyhq.com/linear/2",
        company="Linear",
        title="Senior / Staff Fullstack Engineer",
        location="North America",
    )
    assert dedupe([europe, america]) == [europe, america]


def test_the_same_job_posted_far_apart_stays_two_jobs() -> None:
    old = job("https://x.example/1", posted_at=DAY0)
    new = job("https://x.example/2", posted_at=DAY0 + timedelta(days=10))
    assert len(dedupe([old, new])) == 2


def test_place_spellings_of_the_same_country_agree() -> None:
    a = job("https://x.example/1", location="USA", remote=True)
    b = job("https://x.example/2", location="United States", remote=True)
    assert len(dedupe([a, b])) == 1


def test_the_richer_record_wins() -> None:
    poor = job("https://remotive.com/1", location="")
    rich = job(
        "https://jobicy.com/1",
        location="",
        salary=Salary(min=100_000, max=120_000, currency="USD", period="year"),
        tags=("python",),
    )
    assert dedupe([poor, rich]) == [rich]
    assert dedupe([rich, poor]) == [rich]


def test_the_winner_does_not_depend_on_input_order() -> None:
    copies = [
        job(f"https://x.example/{n}", source=source) for n, source in enumerate(["remotive", "jobicy", "himalayas"])
    ]
    winners = {dedupe(order)[0] for order in ([*copies], list(reversed(copies)), [copies[1], copies[2], copies[0]])}
    assert len(winners) == 1
    assert next(iter(winners)).source == "himalayas"


def test_groups_come_out_in_order_of_first_appearance() -> None:
    a1 = job("https://x.example/a", title="Alpha Engineer")
    b1 = job("https://x.example/b", title="Beta Engineer")
    a2 = job("https://x.example/a?utm_source=y", title="Alpha Engineer")
    assert [j.title for j in dedupe([a1, b1, a2])] == ["Alpha Engineer", "Beta Engineer"]


def test_an_empty_input_gives_an_empty_list() -> None:
    assert dedupe([]) == []
    assert dedupe(iter(())) == []


def test_one_hundred_thousand_jobs_are_deduplicated_quickly() -> None:
    rng = random.Random(7)
    places = ["Berlin, Germany", "Remote", "USA Only", "Bengaluru East, Karnataka, India", "London"]
    jobs = [
        job(
            f"https://x.example/{n % 60_000}",
            company=f"Company {rng.randrange(5_000)}",
            title=f"Engineer {rng.randrange(50)}",
            location=places[n % len(places)],
            posted_at=DAY0 + timedelta(hours=rng.randrange(24 * 30)),
        )
        for n in range(100_000)
    ]
    result = dedupe(jobs)
    assert len(result) <= 60_000
    assert len({canonical_url(j.url) for j in result}) == len(result)
