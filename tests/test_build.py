"""The source border (jobs_action/sources/build.py): a raw item becomes a clean ``Job`` or a counted ``Skipped``;
over-long text is cut, unusable URLs skip the job (HOSTILE-CASES A12, A14)."""

from __future__ import annotations

from factories import NOW, border_job
from render_checks import OPTIONS, assert_clean_table

from jobs_action.models import Job
from jobs_action.render.table import render_table
from jobs_action.sources.build import MAX_COMPANY, MAX_LOCATION, MAX_TITLE, build_job


def test_a12_a_line_break_inside_a_url_skips_the_job():
    for raw in ("https://h.example/a\nb", "https://h.example/a\rb", "https://h.example/a\u2028b"):
        built = build_job("test", company="Acme", title="Dev", url=raw, posted_at=NOW.isoformat())
        assert not isinstance(built, Job) and built.reason == "missing or non-http(s) url"


def test_a14_long_fields_are_cut_with_an_ellipsis_never_inside_an_escape():
    job = border_job(title="&" * 10_000, company="<" * 10_000, location=", ".join(f"City {n}" for n in range(1000)))
    assert len(job.title) == MAX_TITLE and job.title.endswith("…")
    assert len(job.company) == MAX_COMPANY and job.company.endswith("…")
    assert len(job.location) <= MAX_LOCATION and job.location.endswith("…")
    row = render_table([job], OPTIONS).split("\n")[2]
    assert row.count("&amp;") == MAX_TITLE - 1 and row.count("&lt;") == MAX_COMPANY - 1
    assert_clean_table([job])


def test_a14_a_very_long_url_skips_the_job():
    built = build_job(
        "test", company="Acme", title="Dev", url="https://x.example/" + "a" * 5000, posted_at=NOW.isoformat()
    )
    assert not isinstance(built, Job) and "url" in built.reason


def test_cleaning_is_remembered_per_kind_of_source_and_field():
    """A raw text is cleaned once per kind of source: the same text cleans to the same (shared) string, another
    kind of source (entities decoded, mojibake repaired) gets its own answer, and each field keeps its own cap."""
    raw = "CafÃ© R&amp;D  Team " + "x" * 150

    def built(**options):
        job = build_job("test", company=raw, title=raw, url="https://x.example/1", posted_at=NOW.isoformat(),
                        location=raw, tags=[raw, raw, "", "Go"], category=raw, **options)  # fmt: skip
        assert isinstance(job, Job)
        return job

    plain, again = built(), built()
    assert plain.title is again.title and plain.tags[0] is again.tags[0]  # one string for every job
    assert plain.title.startswith("CafÃ© R&amp;D Team") and len(plain.title) == MAX_TITLE
    assert len(plain.company) == MAX_COMPANY and len(plain.location) == MAX_LOCATION
    assert len(plain.tags) == 2 and plain.tags[1] == "Go" and plain.category == (plain.tags[0],)
    assert built(unescape=True).title.startswith("CafÃ© R&D Team")
    assert built(unescape=True, repair=True).title.startswith("Café R&D Team")


def test_tags_of_any_shape_clean_like_a_list_of_strings():
    def tags(value):
        job = build_job("test", company="Acme", title="Dev", url="https://x.example/1", posted_at=NOW.isoformat(),
                        tags=value)  # fmt: skip
        assert isinstance(job, Job)
        return job.tags

    assert tags(["Go", " Go ", "", "Rust", "go"]) == ("Go", "Rust", "go")
    assert tags("Go") == tags(["Go"]) == tags(("Go",)) == ("Go",)
    assert tags(["Go", 42, None, "Rust"]) == ("Go", "42", "Rust")
    assert tags(f"tag {n}" for n in range(100)) == tuple(f"tag {n}" for n in range(30))
    assert tags([f"tag {n}" for n in range(100)]) == tuple(f"tag {n}" for n in range(30))
    assert tags(["", " "]) == () and tags(12) == ()
    # A list that is not all strings (a structure, a number, a bytes value) is read one value at a time, as any
    # iterable; so is a subclass of list.
    assert tags(["Go", {"a": 1}, ["Rust"], b"C", 7]) == ("Go", "7")
    assert tags([42]) == ("42",) and tags((" Go ", "Go")) == ("Go",)

    class Tags(list[str]):
        pass

    assert tags(Tags(["Go", "Rust", "Go"])) == ("Go", "Rust")


def test_a_job_the_border_builds_is_a_frozen_job_like_any_other():
    """``models.new_job`` (the border's fast constructor) gives what ``Job(...)`` gives: every field, equality,
    hash, repr, immutability and ``dataclasses.replace``."""
    import dataclasses

    import pytest

    from jobs_action.models import Salary, new_job

    values = {
        "company": "Acme",
        "title": "Dev",
        "url": "https://x.example/1",
        "posted_at": NOW,
        "location": "Berlin",
        "remote": True,
        "salary": Salary(min=1.0),
        "tags": ("python",),
        "category": ("backend",),
        "id": "7",
        "source": "json:x",
        "workplace": "hybrid",
        "employment": "contract",
    }
    built, expected = new_job(**values), Job(**values)
    assert type(built) is Job
    assert all(getattr(built, f.name) == getattr(expected, f.name) for f in dataclasses.fields(Job))
    assert built == expected and hash(built) == hash(expected) and repr(built) == repr(expected)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.title = "Other"
    assert dataclasses.replace(built, title="Other") == dataclasses.replace(expected, title="Other")


def test_a_job_read_by_the_selection_is_what_replace_gives():
    """``models.with_reading`` (the selection's copy of a job with its place and salary) gives what
    ``dataclasses.replace`` gives: every other field kept (the history's key and date, the levels included)."""
    import dataclasses

    from jobs_action.models import ResolvedPlace, Salary, with_reading

    job = Job(
        company="Acme",
        title="Dev - $120k",
        url="https://x.example/1",
        posted_at=NOW,
        location="Berlin",
        remote=True,
        salary=Salary(text="competitive"),
        tags=("python",),
        category=("backend",),
        id="7",
        source="json:x",
        workplace="hybrid",
        employment="contract",
        key="acme|dev",
        first_seen=NOW,
        levels=("Senior",),
    )
    place, salary = ResolvedPlace(countries=frozenset({"DE"})), Salary(min=120_000.0, currency="USD")
    read, expected = with_reading(job, place, salary), dataclasses.replace(job, place=place, salary=salary)
    assert type(read) is Job
    assert all(getattr(read, f.name) == getattr(expected, f.name) for f in dataclasses.fields(Job))
    assert read == expected and hash(read) == hash(expected) and repr(read) == repr(expected)


def test_annotate_gives_the_title_salary_and_the_place_as_before():
    """``criteria.annotate`` is ``with_title_salary`` and the resolved place, in one copy."""
    import dataclasses

    from jobs_action.models import Salary
    from jobs_action.select.criteria import annotate
    from jobs_action.select.places.resolve import place_of
    from jobs_action.select.salary import with_title_salary

    jobs = [
        Job(company="A", title="Backend Developer - $60,000/year USD", url="https://x.example/1", posted_at=NOW),
        Job(company="A", title="Dev", url="https://x.example/2", posted_at=NOW, salary=Salary(text="competitive")),
        Job(company="A", title="Dev $90k", url="https://x.example/3", posted_at=NOW, salary=Salary(text="n/a")),
        Job(company="A", title="Dev $90k", url="https://x.example/4", posted_at=NOW, salary=Salary(min=50_000.0)),
        Job(company="A", title="Dev", url="https://x.example/5", posted_at=NOW, location="Remote - India"),
    ]
    for job in jobs:
        assert annotate(job) == dataclasses.replace(with_title_salary(job), place=place_of(job))
    assert annotate(jobs[0]).salary is not None and annotate(jobs[2]).salary != jobs[2].salary


def test_the_url_a_job_keeps_is_what_normalize_url_gives():
    """``build_item`` tests the plain URL itself before calling ``normalize_url``: the same answer either way."""
    from jobs_action.text import MAX_URL_LENGTH, normalize_url

    long_path = "/" + "a" * MAX_URL_LENGTH
    urls = ["https://x.example/1", "HTTPS://x.example/1", "https://x.example/a b", "https://x.example" + long_path,
            "https://x.example" + long_path[: MAX_URL_LENGTH - 17], "ftp://x.example/1", " https://x.example/1",
            "https://x.example/1?q=(1)#top", "https://user@x.example/", 42, None]  # fmt: skip
    for url in urls:
        job = build_job("test", company="Acme", title="Dev", url=url, posted_at=NOW.isoformat())
        expected = normalize_url(url)
        assert (job.url if isinstance(job, Job) else None) == expected, url
