"""Inputs to settings: both spellings, defaults, and errors that name the input."""

from __future__ import annotations

import pytest

from jobs_action.config.load import load_settings
from jobs_action.config.settings import Target
from jobs_action.config.validate import parse_related_lists, parse_target
from jobs_action.errors import ConfigError
from jobs_action.sources.spec import SourceSpec

BASE = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "acme/jobs"}


def settings(**inputs):
    return load_settings({**BASE, **{f"INPUT_{k.upper()}": v for k, v in inputs.items()}})


def test_defaults_follow_the_contract():
    spec = settings().lists[0]
    assert spec.category == "backend" and spec.max_age_days == 15 and spec.max_jobs == 50
    assert spec.targets == (Target("acme/jobs"),)
    assert spec.title == "Awesome Backend Jobs"
    assert spec.description == "A curated list of the best backend developer jobs, updated daily."
    assert [s.kind for s in spec.sources] == [
        "remotive",
        "arbeitnow",
        "remoteok",
        "himalayas",
        "jobicy",
    ]


def test_hyphen_and_underscore_spellings_are_both_read_and_empty_means_not_given():
    assert load_settings({**BASE, "INPUT_MAX-AGE-DAYS": "7"}).lists[0].max_age_days == 7
    assert load_settings({**BASE, "INPUT_MAX_AGE_DAYS": "8"}).lists[0].max_age_days == 8
    assert load_settings({**BASE, "INPUT_MAX-AGE-DAYS": " "}).lists[0].max_age_days == 15


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        settings().lists[0].max_jobs = 3  # type: ignore[misc]


def test_missing_token_names_the_input():
    with pytest.raises(ConfigError, match="github-token"):
        load_settings({"GITHUB_REPOSITORY": "acme/jobs"})


def test_sources_are_split_on_commas_and_newlines_and_deduplicated():
    spec = settings(sources="json:https://a.example/j.json,\nfile:data/jobs.json\nremotive, remotive").lists[0]
    assert spec.sources == (
        SourceSpec("json", "https://a.example/j.json"),
        SourceSpec("file", "data/jobs.json"),
        SourceSpec("remotive"),
    )


@pytest.mark.parametrize(
    "value", ["json:ftp://x", "json:", "file:../x", "file:/etc/passwd", "nope", "json:https://u:p@h/x"]
)
def test_bad_sources_are_refused(value):
    with pytest.raises(ConfigError, match=r"^sources: "):
        settings(sources=value)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("o/r", Target("o/r")),
        ("o/r@main", Target("o/r", "main")),
        ("o-1/r.js@release/2026", Target("o-1/r.js", "release/2026")),
    ],
)
def test_targets_parse(item, expected):
    assert parse_target(item) == expected


@pytest.mark.parametrize("item", ["o", "o/r/x", "o/r@", "o/r@a..b", "o/r@-x", "-o/r", "o/..", "o/r@a b"])
def test_bad_targets_are_refused(item):
    with pytest.raises(ConfigError, match=r"^repositories: "):
        parse_target(item)


def test_related_lists_accept_links_and_repositories():
    lists = parse_related_lists("[Tech Jobs in India](https://github.com/b/tech-jobs-india)\nb/awesome-devops-jobs\n")
    assert [(r.title, r.url) for r in lists] == [
        ("Tech Jobs in India", "https://github.com/b/tech-jobs-india"),
        ("Awesome DevOps Jobs", "https://github.com/b/awesome-devops-jobs"),
    ]


@pytest.mark.parametrize("line", ["[x](javascript:alert(1))", "just words", "[x](https://a.example) extra"])
def test_bad_related_lists_are_refused(line):
    with pytest.raises(ConfigError, match=r"^related-lists: "):
        parse_related_lists(line)


def test_graphql_url_is_derived_for_github_and_enterprise():
    assert settings().graphql_url == "https://api.github.com/graphql"
    ghes = load_settings({**BASE, "GITHUB_API_URL": "https://ghe.example/api/v3"})
    assert ghes.graphql_url == "https://ghe.example/api/graphql"
    given = load_settings({**BASE, "GITHUB_GRAPHQL_URL": "https://x.example/api/graphql"})
    assert given.graphql_url == "https://x.example/api/graphql"


def test_title_for_category_all_and_custom_title():
    assert settings(category="all").lists[0].title == "Awesome Jobs"
    assert settings(title="Tech Jobs in India").lists[0].title == "Tech Jobs in India"


@pytest.mark.parametrize(
    ("category", "title", "description"),
    [
        ("backend", "Awesome Backend Jobs", "A curated list of the best backend developer jobs, updated daily."),
        ("tech", "Awesome Tech Jobs", "A curated list of the best tech jobs, updated daily."),
        ("all", "Awesome Jobs", "A curated list of the latest jobs from public job boards, updated daily."),
        (
            "backend, devops",
            "Awesome Backend & DevOps Jobs",
            "A curated list of the best backend and devops developer jobs, updated daily.",
        ),
    ],
)
def test_default_title_and_description_read_naturally(category: str, title: str, description: str) -> None:
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "INPUT_CATEGORY": category}
    spec = load_settings(env).lists[0]
    assert (spec.title, spec.description) == (title, description)
    assert "developer" not in spec.description or category not in ("tech", "all")


@pytest.mark.parametrize(
    ("input_id", "value"),
    [
        ("category", "backends"),
        ("location", "Narnia"),
        ("seniority", "expert"),
        ("min-salary", "lots"),
        ("max-age-days", "0"),
        ("max-jobs", "many"),
        ("mode", "replace"),
        ("publish", "push"),
        ("dry-run", "perhaps"),
        ("marker", "JOBS LIST"),
        ("link-query", "a b"),
        ("date-format", "Posted"),
        ("repositories", "not a repo"),
        ("related-lists", "not a list"),
        ("sources", "nowhere"),
    ],
)
def test_every_validator_names_its_input_says_what_it_expected_and_shows_the_value(input_id: str, value: str) -> None:
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", f"INPUT_{input_id.upper()}": value}
    with pytest.raises(ConfigError) as raised:
        load_settings(env)
    message = str(raised.value)
    assert message.startswith(f"{input_id}: "), message
    assert "expected" in message or "needs" in message, message
    assert repr(value) in message or value in message, message
    assert message.endswith((".", ")")), message
