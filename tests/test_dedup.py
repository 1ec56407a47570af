from __future__ import annotations

import itertools
import random
import re
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from factories import NOW, border_job, make_job
from fakes.sources import FIXTURES
from render_checks import OPTIONS

from jobs_action.models import Salary
from jobs_action.render.table import render_table
from jobs_action.select.dedup import canonical_url, dedupe, normalize_company, normalize_title
from jobs_action.sources import ashby

DAY0 = datetime(2025, 4, 21, 12, tzinfo=UTC)
job = partial(make_job, location="Berlin, Germany", posted_at=DAY0)


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
    a = job(url="https://remoteOK.com/remote-jobs/1", title="Backend Dev")
    b = job(url="https://remoteok.com/remote-jobs/1?utm_source=x", title="Backend Developer (Go)")
    assert len(dedupe([a, b])) == 1


def test_a_repeated_workable_shortcode_appears_once() -> None:
    a = job(url="https://apply.workable.com/j/C7389E54B7", location="London, United Kingdom")
    b = job(url="https://apply.workable.com/j/C7389E54B7", location="Manchester, United Kingdom")
    assert len(dedupe([a, b])) == 1


def test_the_same_job_on_two_boards_appears_once() -> None:
    remotive = job(url="https://remotive.com/remote-jobs/software-dev/backend-1", location="Worldwide", remote=True)
    jobicy = job(
        url="https://jobicy.com/jobs/99-backend",
        company="Acme Inc.",
        location="Anywhere",
        remote=True,
        posted_at=DAY0 + timedelta(days=1),
    )
    assert len(dedupe([remotive, jobicy])) == 1


def test_reposts_with_new_ids_appear_once() -> None:
    reposts = [
        job(
            url=f"https://remoteok.com/remote-jobs/{n}",
            company="Bjak " if n % 2 else "Bjak",
            posted_at=DAY0 + timedelta(days=2 * n),
        )
        for n in range(4)
    ]
    assert len(dedupe(reposts)) == 1


def test_the_same_title_in_two_places_stays_two_jobs() -> None:
    europe = job(
        url="https://jobs.ashbyhq.com/linear/1",
        company="Linear",
        title="Senior / Staff Fullstack Engineer",
        location="Europe",
    )
    america = job(
        url="https://jobs.ashbyhq.com/linear/2",
        company="Linear",
        title="Senior / Staff Fullstack Engineer",
        location="North America",
    )
    assert dedupe([europe, america]) == [europe, america]


def test_the_same_job_posted_far_apart_stays_two_jobs() -> None:
    old = job(url="https://x.example/1", posted_at=DAY0)
    new = job(url="https://x.example/2", posted_at=DAY0 + timedelta(days=10))
    assert len(dedupe([old, new])) == 2


def test_place_spellings_of_the_same_country_agree() -> None:
    a = job(url="https://x.example/1", location="USA", remote=True)
    b = job(url="https://x.example/2", location="United States", remote=True)
    assert len(dedupe([a, b])) == 1


def test_the_richer_record_wins() -> None:
    poor = job(url="https://remotive.com/1", location="")
    rich = job(
        url="https://jobicy.com/1",
        location="",
        salary=Salary(min=100_000, max=120_000, currency="USD", period="year"),
        tags=("python",),
    )
    assert dedupe([poor, rich]) == [rich]
    assert dedupe([rich, poor]) == [rich]


def test_the_winner_does_not_depend_on_input_order() -> None:
    copies = [
        job(url=f"https://x.example/{n}", source=source) for n, source in enumerate(["remotive", "jobicy", "himalayas"])
    ]
    winners = {dedupe(order)[0] for order in ([*copies], list(reversed(copies)), [copies[1], copies[2], copies[0]])}
    assert len(winners) == 1
    assert next(iter(winners)).source == "himalayas"


def test_groups_come_out_in_order_of_first_appearance() -> None:
    a1 = job(url="https://x.example/a", title="Alpha Engineer")
    b1 = job(url="https://x.example/b", title="Beta Engineer")
    a2 = job(url="https://x.example/a?utm_source=y", title="Alpha Engineer")
    assert [j.title for j in dedupe([a1, b1, a2])] == ["Alpha Engineer", "Beta Engineer"]


def test_an_empty_input_gives_an_empty_list() -> None:
    assert dedupe([]) == []
    assert dedupe(iter(())) == []


def test_one_hundred_thousand_jobs_are_deduplicated_quickly() -> None:
    rng = random.Random(7)
    places = ["Berlin, Germany", "Remote", "USA Only", "Bengaluru East, Karnataka, India", "London"]
    jobs = [
        job(
            url=f"https://x.example/{n % 60_000}",
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


# --- Evasions (HOSTILE-CASES A9, A17): one row per real job, the same winners in any order ---


def test_a9_zero_width_space_does_not_evade_dedup():
    hidden = border_job(company="Goo\u200bgle", url="https://x.example/1")
    plain = border_job(company="Google", url="https://x.example/2")
    assert hidden.company == "Google"
    assert len(dedupe([hidden, plain])) == 1


def test_a17_dedup_evasions_give_one_row_per_real_job_chosen_deterministically():
    groups = [
        [make_job(url="https://a.example/1", company="Bjak "), make_job(url="https://a.example/2", company="Bjak")],
        [
            make_job(url="https://b.example/1", company="Goo\u200bgle"),
            make_job(url="https://b.example/2", company="Google"),
        ],
        [
            make_job(url="https://remoteOK.com/remote-jobs/7-x", company="X1"),
            make_job(url="https://remoteok.com/remote-jobs/7-x", company="X2"),
        ],
        [
            make_job(
                url="https://remotive.com/remote-jobs/dev/backend-9", company="Same", remote=True, location="Worldwide"
            ),
            make_job(
                url="https://jobicy.com/jobs/9-backend",
                company="Same Inc.",
                remote=True,
                location="Anywhere",
                posted_at=NOW + timedelta(hours=5),
            ),
        ],
        [
            make_job(
                url=f"https://remoteok.com/remote-jobs/{n}", company="Repost", posted_at=NOW + timedelta(days=2 * n)
            )
            for n in range(3)
        ],
        [make_job(url="https://apply.workable.com/j/C7389E54B7", company=f"W{n}") for n in range(2)],
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


# --- docs/selection.md, "Duplicates": within the list's max-age-days, names and titles compared loosely ---


def test_a_weekly_repost_within_the_lists_age_is_one_row_showing_the_newest():
    first = job("Backend Engineer", "Acme", url="https://board.example/1", posted_at=DAY0)
    repost = job("Backend Engineer", "Acme", url="https://board.example/2", posted_at=DAY0 + timedelta(days=7))
    assert len(dedupe([first, repost])) == 2  # the default window is 3 days
    (shown,) = dedupe([first, repost], window=timedelta(days=15))
    assert shown.url == "https://board.example/2"  # the newest posting: its link is the live one


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("Senior Shopify Developer (Remote)", "Acme"), ("Senior Shopify Developer", "Acme")),
        (("Backend Engineer - Remote US", "Acme"), ("Backend Engineer", "Acme")),
        (("Data Engineer", "Kobo Toolbox"), ("Data Engineer", "KoboToolbox")),
        (("Data Engineer", "Acme, Inc."), ("Data Engineer", "ACME")),
    ],
)
def test_company_and_title_compare_without_spaces_suffixes_and_a_trailing_remote_note(one, other):
    a = job(one[0], one[1], url="https://a.example/1", posted_at=DAY0)
    b = job(other[0], other[1], url="https://b.example/1", posted_at=DAY0 + timedelta(days=1))
    assert len(dedupe([a, b], window=timedelta(days=15))) == 1


def test_two_roles_or_two_cities_at_one_company_stay_two_rows():
    backend = job("Backend Engineer", "Acme", url="https://a.example/1")
    frontend = job("Frontend Engineer", "Acme", url="https://a.example/2")
    berlin = job("Backend Engineer", "Acme", url="https://a.example/3", location="Berlin, Germany")
    paris = job("Backend Engineer", "Acme", url="https://a.example/4", location="Paris, France")
    assert len(dedupe([backend, frontend], window=timedelta(days=15))) == 2
    assert len(dedupe([berlin, paris], window=timedelta(days=15))) == 2
    assert normalize_title("Remote") == "remote"  # a title that is only a note keeps it


def _pairwise_reference(jobs: list, window: timedelta) -> list:
    """Duplicates by the rule itself, every pair compared: two jobs are joined when their canonical URLs are equal
    or their company, title and place keys are equal and they are within ``window``, joined transitively only
    through such pairs between neighbours in time (the window is transitive); the newest of a group wins, the
    richest among equals, then the record order."""
    from jobs_action.select.dedup import _place_key, _preference

    parent = list(range(len(jobs)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)

    keys = [(normalize_company(j.company), normalize_title(j.title), _place_key(j)) for j in jobs]
    for a in range(len(jobs)):
        for b in range(a + 1, len(jobs)):
            if canonical_url(jobs[a].url) == canonical_url(jobs[b].url):
                join(a, b)
    for key in set(keys):
        members = sorted((i for i in range(len(jobs)) if keys[i] == key), key=lambda i: jobs[i].posted_at)
        for a, b in itertools.pairwise(members):
            if jobs[b].posted_at - jobs[a].posted_at <= window:
                join(a, b)
    best: dict[int, int] = {}
    for i, candidate in enumerate(jobs):
        root = find(i)
        if root not in best or _preference(candidate, candidate.has_salary) < _preference(
            jobs[best[root]], jobs[best[root]].has_salary
        ):
            best[root] = i
    return [jobs[best[root]] for root in sorted(best)]


@pytest.mark.parametrize("seed", range(12))
def test_the_one_pass_over_buckets_groups_as_comparing_every_pair_does(seed: int) -> None:
    """Dense random pools (few companies, titles, places and URLs, so most jobs share some key): the bucketed
    dedupe must give exactly the groups and winners of comparing every pair."""
    rng = random.Random(seed)
    places = ["Berlin, Germany", "Remote", "Berlin", "USA Only", "Remote, Narnia", "", "Bengaluru, India"]
    jobs = [
        job(
            url=f"https://{rng.choice(['', 'www.'])}x.example/{rng.randrange(25)}{rng.choice(['', '/', '?ref=a'])}",
            company=rng.choice(["Acme", "Acme GmbH", "Beta", "Gamma Inc."]),
            title=rng.choice(["Backend Engineer", "Backend Engineer (Remote)", "Frontend Engineer"]),
            location=rng.choice(places),
            remote=rng.random() < 0.3,
            posted_at=DAY0 + timedelta(hours=rng.randrange(24 * 10)),
            tags=tuple(rng.sample(["go", "python", "rust"], rng.randrange(3))),
            salary=Salary(text="$100k") if rng.random() < 0.3 else None,
            source=rng.choice(["a", "b"]),
        )
        for _ in range(rng.randrange(40, 90))
    ]
    window = timedelta(days=rng.choice([1, 3, 15]))
    expected = _pairwise_reference(jobs, window)
    assert len(expected) < len(jobs)  # duplicates there are
    assert dedupe(jobs, window) == expected


def test_plain_text_of_ascii_is_what_the_unicode_rule_gives() -> None:
    # ASCII takes a translate of its bytes instead of the regex; both must agree, punctuation, underscores and
    # controls included.
    import re
    import string

    from jobs_action.select.dedup import _plain

    every_ascii = "".join(map(chr, range(128)))  # controls included: each is a space, as \W makes it
    samples = [string.printable, every_ascii, "Dev_Ops  Engineer!!", "C++ / C# (Remote)", "__a__b__", "  x\t-\ty  "]
    for text in samples:
        assert _plain(text) == " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())
    assert _plain("Straße_Ünïcode") == "strasse ünïcode"  # other text keeps the Unicode rule (casefold: ss)


def _url_samples() -> list[str]:
    schemes = ["https", "http", "HTTP", "ftp"]
    hosts = ["apply.example", "Example.COM", "www.x.example", "www.", "x.example:8080", "x.example:443", "u@x.example"]
    paths = ["", "/", "/a/", "/a//b//", "/a%20b", "/é", "/a@b"]
    queries = ["", "?", "?ref=feed", "?utm_source=a&src=b", "?gh_jid=1", "?utm_source=a&gh_jid=1", "?UTM_Medium=x",
               "?ref", "?a=1&&b=2", "?utm%5Fsource=x", "?ref=a?b", "?q=a+b&ref=1", "?lever-source=x&fbclid=1",
               "?ref=a b", "?z=2&a=1"]  # fmt: skip
    fragments = ["", "#x", "#", "#a b"]
    return [
        f"{scheme}://{host}{path}{query}{fragment}"
        for scheme in schemes
        for host in hosts
        for path in paths
        for query in queries
        for fragment in fragments
    ]


def test_the_canonical_url_without_parsing_is_what_parsing_gives() -> None:
    # The plain forms (already canonical; host, path and tracking parameters only) skip urllib.parse: every URL
    # must get the answer the parsed reading gives.
    from jobs_action.select.dedup import _parsed_canonical_url

    for url in _url_samples():
        assert canonical_url(url) == _parsed_canonical_url(url), url
    assert canonical_url("http://www.Jobs.example/1/?utm_source=board&ref=feed#top") == "https://jobs.example/1"
    assert canonical_url("https://jobs.example/1?gh_jid=7&utm_source=x") == "https://jobs.example/1?gh_jid=7"
