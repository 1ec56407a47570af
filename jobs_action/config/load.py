"""Inputs -> a validated, frozen ``Settings``. Every error names the input and shows the expected form.

One list's inputs arrive as a mapping of input id -> text: from the step's environment, or from an entry of the
lists file merged over it. Each is validated by ``config/validate.py``; an input not given takes its default
from ``action.yml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from jobs_action.config.inputs import default, given_inputs, read_input
from jobs_action.config.lists_file import read_entries
from jobs_action.config.settings import MODES, PUBLISH_MODES, ListSpec, RelatedList, Settings, Target
from jobs_action.config.urls import api_url, graphql_url, list_url, server_url
from jobs_action.config.validate import (
    display_word,
    parse_bool,
    parse_choice,
    parse_columns,
    parse_commit_message,
    parse_date_format,
    parse_file_path,
    parse_int,
    parse_keywords,
    parse_line,
    parse_link_query,
    parse_marker,
    parse_new_badge,
    parse_path,
    parse_related_lists,
    parse_sources,
    parse_targets,
)
from jobs_action.errors import ConfigError
from jobs_action.select.categories import validate_category, wanted_categories
from jobs_action.select.places.filter import parse_location_filter
from jobs_action.select.salary import parse_min_salary
from jobs_action.select.sections import parse_sections
from jobs_action.select.seniority import validate_seniority

MAX_AGE_DAYS_LIMIT = 365
MAX_JOBS_LIMIT = 100_000


def load_settings(env: Mapping[str, str], *, require_token: bool = True) -> Settings:
    """Build the settings from the runner's environment; raise ``ConfigError`` on the first invalid input."""
    dry_run = parse_bool(read_input(env, "dry-run") or default("dry-run"), "dry-run")
    token = read_input(env, "github-token") or ""
    if require_token and not token:
        raise ConfigError(
            "github-token: no token was given. Pass `github-token: ${{ secrets.GITHUB_TOKEN }}` (the default) "
            "and give the job `permissions: contents: write`."
        )
    api = api_url(env)
    workspace = Path(env.get("GITHUB_WORKSPACE") or ".").resolve()
    repository = env.get("GITHUB_REPOSITORY", "")
    config = read_input(env, "config")
    only = read_input(env, "list")
    if config:
        lists = load_lists_file(given_inputs(env), repository, workspace, config, only, server_url(env))
    elif only:
        raise ConfigError("list: names a list of a lists file; set `config` to the file's path too, or remove `list`.")
    else:
        lists = (load_list(given_inputs(env), repository=repository, web=server_url(env)),)
    return Settings(
        token=token,
        lists=lists,
        dry_run=dry_run,
        api_url=api,
        graphql_url=graphql_url(env, api),
        workspace=workspace,
        event_name=env.get("GITHUB_EVENT_NAME", ""),
        repository=repository,
        server_url=server_url(env),
    )


def load_list(
    given: Mapping[str, str], name: str = "", *, repository: str = "", web: str = "https://github.com"
) -> ListSpec:
    """One list from its inputs (input id -> text); ``repository`` is the default target, ``web`` the host of
    the links it writes."""

    def value(input_id: str) -> str:
        return given.get(input_id) or default(input_id)

    category = validate_category(value("category"))
    title = parse_line(value("title") or default_title(category), "title", 100)
    description = value("description") or default_description(category)
    path = parse_path(value("path"))
    data_file = parse_file_path(value("data-file"), "data-file")
    feed_file = parse_file_path(value("feed-file"), "feed-file")
    _require_distinct_paths(path, data_file, feed_file)
    max_jobs = parse_int(value("max-jobs"), "max-jobs", 1, MAX_JOBS_LIMIT)
    columns = parse_columns(value("columns"))
    badge, badge_days = parse_new_badge(value("new-badge"))
    _require_badge_needs(badge, data_file, columns)
    other = parse_bool(value("other-section"), "other-section")
    sections = parse_sections(value("sections"), category, other=other, cap=max_jobs)
    if other and not sections:
        raise ConfigError('other-section: adds an "Other" section to the `sections`; set `sections` too, or remove it.')
    return ListSpec(
        name=name or category,
        sources=parse_sources(value("sources")),
        category=category,
        max_age_days=parse_int(value("max-age-days"), "max-age-days", 1, MAX_AGE_DAYS_LIMIT),
        max_jobs=max_jobs,
        targets=parse_targets(value("repositories") or repository),
        path=path,
        mode=parse_choice(value("mode"), "mode", MODES),
        marker=parse_marker(value("marker")),
        title=title,
        description=parse_line(description, "description", 300),
        related_lists=parse_related_lists(value("related-lists"), web),
        link_query=parse_link_query(value("link-query")),
        date_format=parse_date_format(value("date-format")),
        commit_message=parse_commit_message(value("commit-message")),
        location=parse_location_filter(value("location")),
        seniority=validate_seniority(value("seniority")) if value("seniority") else "",
        min_salary=parse_min_salary(value("min-salary")) if value("min-salary") else None,
        include_keywords=parse_keywords(value("include-keywords"), "include-keywords"),
        exclude_keywords=parse_keywords(value("exclude-keywords"), "exclude-keywords"),
        publish=parse_choice(value("publish"), "publish", PUBLISH_MODES),
        data_file=data_file,
        feed_file=feed_file,
        min_jobs=parse_int(value("min-jobs"), "min-jobs", 0, MAX_JOBS_LIMIT),
        max_drop_percent=parse_int(value("max-drop-percent"), "max-drop-percent", 0, 100),
        columns=columns,
        sections=sections,
        new_badge=badge,
        new_badge_days=badge_days,
    )


def load_lists_file(
    given: Mapping[str, str], repository: str, workspace: Path, config: str, only: str | None, web: str
) -> tuple[ListSpec, ...]:
    """The lists of a lists file over the step's inputs; with ``only``, just that list (links still cover all)."""
    specs: list[ListSpec] = []
    explicit_links: set[str] = set()
    for entry in read_entries(workspace, config):
        inputs = dict(given)
        for key, text in entry.inputs.items():
            if text is None:
                inputs.pop(key, None)
            else:
                inputs[key] = text
        if "related-lists" in inputs:
            explicit_links.add(entry.name)
        try:
            specs.append(load_list(inputs, entry.name, repository=repository, web=web))
        except ConfigError as exc:
            raise ConfigError(f"{entry.where}: {exc}") from None
    _require_distinct_targets(specs, config)
    linked = tuple(
        spec if spec.name in explicit_links else replace(spec, related_lists=_other_lists(spec, specs, web))
        for spec in specs
    )
    if only is None:
        return linked
    chosen = tuple(spec for spec in linked if spec.name == only)
    if not chosen:
        names = ", ".join(spec.name for spec in linked)
        raise ConfigError(f"list: {config} has no list named {only!r}; its lists are: {names}.")
    return chosen


def default_title(category: str) -> str:
    """Awesome Backend Jobs, Awesome Tech Jobs, Awesome Backend & DevOps Jobs; Awesome Jobs for ``all``."""
    names = wanted_categories(category)
    if "all" in names:
        return "Awesome Jobs"
    return f"Awesome {' & '.join(display_word(name) for name in names)} Jobs"


def default_description(category: str) -> str:
    names = wanted_categories(category)
    if "all" in names:
        return "A curated list of the latest jobs from public job boards, updated daily."
    if names == ("tech",):
        return "A curated list of the best tech jobs, updated daily."
    return f"A curated list of the best {' and '.join(names)} developer jobs, updated daily."


def _require_distinct_paths(path: str, data_file: str, feed_file: str) -> None:
    named = [("path", path), ("data-file", data_file), ("feed-file", feed_file)]
    given = [(input_id, file) for input_id, file in named if file]
    for index, (input_id, file) in enumerate(given):
        for other_id, other in given[index + 1 :]:
            if file == other:
                raise ConfigError(f"{other_id}: {other!r} is also the `{input_id}`; give each file its own path.")


def _require_badge_needs(badge: str, data_file: str, columns: Sequence[str]) -> None:
    if not badge:
        return
    if not data_file:
        raise ConfigError(
            "new-badge: needs `data-file`, where the action keeps the date it first saw each job (a repost is not "
            "new); set `data-file: jobs.json` too."
        )
    if "Position" not in columns:
        raise ConfigError("new-badge: the badge follows the Position; add Position to `columns`, or remove the badge.")


def _require_distinct_targets(specs: Sequence[ListSpec], config: str) -> None:
    seen: dict[tuple[Target, str], str] = {}
    for spec in specs:
        for target in spec.targets:
            for path in spec.paths:
                other = seen.setdefault((target, path), spec.name)
                if other != spec.name:
                    raise ConfigError(
                        f"config: {config}: lists {other!r} and {spec.name!r} both write {path} in {target}; "
                        "give one of them another `repository`, `path` or `marker`."
                    )


def _other_lists(spec: ListSpec, specs: Sequence[ListSpec], web: str) -> tuple[RelatedList, ...]:
    return tuple(RelatedList(other.title, list_url(other, web)) for other in specs if other is not spec)
