"""The lists file (`config`) and the inputs it brings: one file, many lists, each validated by name and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs_action.config.load import load_settings
from jobs_action.config.settings import RelatedList, Target
from jobs_action.errors import ConfigError
from jobs_action.select.places.filter import parse_location_filter

FAMILY = """
defaults:
  max-age-days: 15
  link-query: utm=github
  sources:
    - remotive
    - json:https://feeds.example/jobs.json
lists:
  - name: backend
    repository: acme/awesome-backend-jobs
    category: backend
  - name: india
    repository: acme/tech-jobs-india
    title: Tech Jobs in India
    category: all
    location: India
  - name: high-paying
    repositories: acme/high-paying@main
    category: all
    min-salary: 150000 USD
    path: jobs/README.md
    data-file: jobs/jobs.json
    feed-file: jobs/feed.atom
    max-drop-percent: 100
    min-jobs: 0
    publish: pull-request
"""


def settings(tmp_path, text=FAMILY, runner=None, **inputs):
    (tmp_path / "lists.yml").write_text(text, encoding="utf-8")
    env = {
        **(runner or {}),
        "INPUT_GITHUB-TOKEN": "t",
        "GITHUB_REPOSITORY": "acme/home",
        "GITHUB_WORKSPACE": str(tmp_path),
        "INPUT_CONFIG": "lists.yml",
        **{f"INPUT_{key.upper()}": value for key, value in inputs.items()},
    }
    return load_settings(env)


def test_each_list_takes_the_defaults_and_its_own_keys(tmp_path):
    backend, india, high = settings(tmp_path).lists
    assert [spec.name for spec in (backend, india, high)] == ["backend", "india", "high-paying"]
    assert backend.targets == (Target("acme/awesome-backend-jobs"),)
    assert backend.link_query == india.link_query == "utm=github"
    assert [str(source) for source in backend.sources] == ["remotive", "json:https://feeds.example/jobs.json"]
    assert india.title == "Tech Jobs in India" and india.category == "all"
    assert india.location == parse_location_filter("India") and not backend.location
    assert high.targets == (Target("acme/high-paying", "main"),)
    assert high.paths == ("jobs/README.md", "jobs/jobs.json", "jobs/feed.atom")
    assert (high.min_jobs, high.max_drop_percent, high.publish) == (0, 100, "pull-request")
    assert high.pull_request_branch == "awesome-jobs/high-paying"
    assert (backend.min_jobs, backend.max_drop_percent, backend.publish) == (1, 60, "commit")


def test_every_list_links_the_others_unless_it_names_its_own(tmp_path):
    backend, india, _high = settings(tmp_path).lists
    assert backend.related_lists == (
        RelatedList("Tech Jobs in India", "https://github.com/acme/tech-jobs-india"),
        RelatedList("Awesome Jobs", "https://github.com/acme/high-paying/blob/main/jobs/README.md"),
    )
    assert [link.title for link in india.related_lists] == ["Awesome Backend Jobs", "Awesome Jobs"]
    own = FAMILY.replace("    category: backend\n", "    category: backend\n    related-lists: acme/elsewhere\n")
    assert settings(tmp_path, own).lists[0].related_lists == (
        RelatedList("Elsewhere", "https://github.com/acme/elsewhere"),
    )


def test_links_point_at_the_enterprise_host(tmp_path):
    runner = {"GITHUB_API_URL": "https://ghe.example/api/v3", "GITHUB_SERVER_URL": "https://ghe.example"}
    backend = settings(tmp_path, runner=runner).lists[0]
    assert backend.related_lists[0].url == "https://ghe.example/acme/tech-jobs-india"


@pytest.mark.parametrize(
    ("server", "api", "graphql"),
    [
        ("", "", "https://api.github.com/graphql"),
        ("https://ghe.example", "https://ghe.example/api/v3", "https://ghe.example/api/graphql"),
        ("https://octo.ghe.com", "https://api.octo.ghe.com", "https://api.octo.ghe.com/graphql"),
    ],
)
def test_web_links_come_from_github_server_url_and_never_from_the_api_url(tmp_path, server, api, graphql):
    runner = {key: value for key, value in (("GITHUB_SERVER_URL", server), ("GITHUB_API_URL", api)) if value}
    loaded = settings(tmp_path, runner=runner)
    web = server or "https://github.com"
    assert loaded.server_url == web and loaded.graphql_url == graphql
    assert loaded.lists[0].related_lists[0].url == f"{web}/acme/tech-jobs-india"


def test_list_input_runs_one_list_of_the_file(tmp_path):
    (only,) = settings(tmp_path, list="india").lists
    assert only.name == "india"
    assert [link.title for link in only.related_lists] == ["Awesome Backend Jobs", "Awesome Jobs"]


def test_workflow_inputs_apply_under_the_file(tmp_path):
    backend, india, _ = settings(tmp_path, **{"max-jobs": "7", "link-query": "ref=wf"}).lists
    assert backend.max_jobs == india.max_jobs == 7
    assert backend.link_query == "utm=github"  # the file's defaults win over the step's inputs


@pytest.mark.parametrize(
    ("text", "inputs", "message"),
    [
        (
            FAMILY,
            {"list": "nope"},
            "list: lists.yml has no list named 'nope'; its lists are: backend, india, high-paying",
        ),
        ("lists: []\n", {}, "config: lists.yml needs a non-empty `lists:` sequence"),
        ("- a\n", {}, "config: lists.yml: expected a mapping"),
        ("lists: [{name: a}]\nother: 1\n", {}, "config: lists.yml: unknown key 'other'"),
        ("lists: [{name: a, categroy: x}]\n", {}, "config: lists.yml: list 'a': unknown key `categroy`"),
        ("lists: [{name: a, github-token: x}]\n", {}, "list 'a': `github-token` applies to the whole run"),
        ("defaults: {dry-run: true}\nlists: [{name: a}]\n", {}, "`defaults`: `dry-run` applies to the whole run"),
        ("lists: [{name: a, max-age-days: abc}]\n", {}, "list 'a': max-age-days: expected a whole number"),
        ("lists: [{name: a}, {name: a}]\n", {}, "list 'a': the name is used twice"),
        ("lists: [{category: backend}]\n", {}, "list #1 needs a `name`"),
        ("lists: [{name: a, category: {x: 1}}]\n", {}, "list 'a': `category`: expected text"),
        ("lists: [{name: a, repository: o/r, repositories: o/s}]\n", {}, "set `repository` or `repositories`"),
        ("lists: [{name: a, publish: push}]\n", {}, "list 'a': publish: expected one of commit, pull-request"),
        ("lists: [{name: a, data-file: README.md}]\n", {}, "data-file: 'README.md' is also the `path`"),
        (
            "lists: [{name: a, repository: o/r}, {name: b, repository: o/r}]\n",
            {},
            "lists 'a' and 'b' both write README.md in o/r",
        ),
        ("lists: [{name: a\n", {}, "config: lists.yml is not valid UTF-8 YAML"),
        ("!!python/object/apply:os.system ['id']\n", {}, "config: lists.yml is not valid UTF-8 YAML"),
    ],
)
def test_lists_file_errors_name_the_list_and_the_key(tmp_path, text, inputs, message):
    with pytest.raises(ConfigError) as caught:
        settings(tmp_path, text, **inputs)
    assert message in str(caught.value)


@pytest.mark.parametrize("path", ["../outside.yml", "/etc/passwd", "missing.yml", "link.yml"])
def test_config_must_be_a_readable_file_inside_the_workspace(tmp_path, path):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (tmp_path / "outside.yml").write_text(FAMILY, encoding="utf-8")
    (workspace / "link.yml").symlink_to(tmp_path / "outside.yml")
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "GITHUB_WORKSPACE": str(workspace)}
    with pytest.raises(ConfigError, match=r"^config: "):
        load_settings({**env, "INPUT_CONFIG": path})


def test_list_without_config_is_an_error(tmp_path):
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r", "INPUT_LIST": "backend"}
    with pytest.raises(ConfigError, match="list: names a list of a lists file; set `config`"):
        load_settings(env)


@pytest.mark.parametrize(
    ("inputs", "message"),
    [
        ({"min-jobs": "-1"}, "min-jobs: expected a whole number from 0"),
        ({"max-drop-percent": "101"}, "max-drop-percent: expected a whole number from 0 to 100"),
        ({"publish": "force"}, "publish: expected one of commit, pull-request"),
        ({"data-file": "../x.json"}, "data-file: '../x.json' must be a relative path"),
        ({"feed-file": "/feed.atom"}, "feed-file: '/feed.atom' must be a relative path"),
        ({"data-file": "a.json", "feed-file": "a.json"}, "feed-file: 'a.json' is also the `data-file`"),
    ],
)
def test_new_inputs_are_validated(inputs, message):
    env = {"INPUT_GITHUB-TOKEN": "t", "GITHUB_REPOSITORY": "o/r"}
    with pytest.raises(ConfigError) as caught:
        load_settings({**env, **{f"INPUT_{key.upper()}": value for key, value in inputs.items()}})
    assert message in str(caught.value)


def test_local_preview_renders_every_list_of_a_lists_file(tmp_path, capsys, monkeypatch):
    from jobs_action.cli import main as cli_main

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    assert cli_main(["--example", "--config", "docs/examples/awesome-jobs.yml", "--output-dir", str(tmp_path)]) == 0
    names = ["backend", "frontend", "devops", "india", "usa", "senior", "high-paying"]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)
    india = (tmp_path / "india" / "README.md").read_text(encoding="utf-8")
    assert "# Tech Jobs in India" in india and "Bengaluru East, Karnataka, India" in india
    assert "| Motive |" not in india  # Pakistan
    assert "would be held" in capsys.readouterr().out  # the example file asks for min-jobs 5
