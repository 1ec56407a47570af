"""Inputs -> a validated, frozen ``Settings``. Every error names the input and shows the expected form."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from jobs_action.config.inputs import input_names, read_input
from jobs_action.errors import ConfigError
from jobs_action.select.categories import validate_category
from jobs_action.select.places.filter import NO_LOCATION, LocationFilter, parse_location_filter
from jobs_action.select.salary import MinSalary, parse_min_salary
from jobs_action.select.seniority import validate_seniority
from jobs_action.sources.registry import PROVIDERS
from jobs_action.sources.spec import SourceSpec

# Defaults of the inputs, as in action.yml (a test keeps the two in step).
DEFAULTS: dict[str, str] = {
    "sources": "remotive, arbeitnow, remoteok, himalayas, jobicy, weworkremotely",
    "category": "backend",
    "max-age-days": "15",
    "max-jobs": "50",
    "path": "README.md",
    "mode": "auto",
    "marker": "JOBS",
    "date-format": "%b %d",
    "commit-message": "Update {title}: {count} jobs (+{added} -{removed})",
    "dry-run": "false",
    "publish": "commit",
    "min-jobs": "1",
    "max-drop-percent": "60",
}
# Inputs that shape one list; a lists file may set them in `defaults` or per list.
LIST_INPUTS = (
    "sources",
    "category",
    "max-age-days",
    "max-jobs",
    "location",
    "seniority",
    "min-salary",
    "include-keywords",
    "exclude-keywords",
    "repositories",
    "path",
    "mode",
    "marker",
    "title",
    "description",
    "related-lists",
    "link-query",
    "date-format",
    "commit-message",
    "publish",
    "data-file",
    "feed-file",
    "min-jobs",
    "max-drop-percent",
)
# Inputs of the whole run; a lists file may not set them (the token never belongs in a file).
RUN_INPUTS = ("github-token", "dry-run", "config", "list")
MODES = ("auto", "file", "section")
PUBLISH_MODES = ("commit", "pull-request")
CONFIG_MAX_BYTES = 1_000_000
COMMIT_PLACEHOLDERS = frozenset({"title", "count", "added", "removed", "date", "category"})
MAX_AGE_DAYS_LIMIT = 365
MAX_JOBS_LIMIT = 100_000

_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_NAME = r"[A-Za-z0-9._-]{1,100}"
_REPOSITORY = re.compile(rf"(?P<owner>{_OWNER})/(?P<name>{_NAME})(?:@(?P<branch>.+))?")
_BRANCH_FORBIDDEN = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//|^[-/.]|[/.]$|\.lock$|^@$")
_MARKER = re.compile(r"[A-Za-z0-9_-]{1,40}")
_RELATED_LINK = re.compile(r"\[(?P<title>[^\[\]]{1,100})\]\((?P<url>[^()\s]+)\)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_WORDS = {
    "devops": "DevOps",
    "usa": "USA",
    "uk": "UK",
    "ml": "ML",
    "ai": "AI",
    "qa": "QA",
    "sre": "SRE",
    "ios": "iOS",
    "eu": "EU",
    "ui": "UI",
    "ux": "UX",
}


@dataclass(frozen=True, slots=True)
class Target:
    """A repository to write, with the branch (``None``: the default branch)."""

    repository: str
    branch: str | None = None

    @property
    def owner(self) -> str:
        return self.repository.split("/", 1)[0]

    @property
    def name(self) -> str:
        return self.repository.split("/", 1)[1]

    def __str__(self) -> str:
        return f"{self.repository}@{self.branch}" if self.branch else self.repository


@dataclass(frozen=True, slots=True)
class RelatedList:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class ListSpec:
    """Everything that decides one list's content and where it goes."""

    name: str
    sources: tuple[SourceSpec, ...]
    category: str
    max_age_days: int
    max_jobs: int
    targets: tuple[Target, ...]
    path: str
    mode: str
    marker: str
    title: str
    description: str
    related_lists: tuple[RelatedList, ...]
    link_query: str
    date_format: str
    commit_message: str
    location: LocationFilter = NO_LOCATION
    seniority: str = ""
    min_salary: MinSalary | None = None
    include_keywords: tuple[str, ...] = ()
    exclude_keywords: tuple[str, ...] = ()
    publish: str = "commit"
    data_file: str = ""
    feed_file: str = ""
    min_jobs: int = 1
    max_drop_percent: int = 60

    @property
    def paths(self) -> tuple[str, ...]:
        """Every file the list writes: the README (``path``), then the data and feed files when set."""
        return tuple(path for path in (self.path, self.data_file, self.feed_file) if path)

    @property
    def pull_request_branch(self) -> str:
        """The branch that carries the list's pull request in ``publish: pull-request``."""
        return f"awesome-jobs/{self.name}"


@dataclass(frozen=True, slots=True)
class Settings:
    """The whole run: the lists plus what the runner provides."""

    token: str
    lists: tuple[ListSpec, ...]
    dry_run: bool
    api_url: str
    graphql_url: str
    workspace: Path
    event_name: str
    repository: str = ""  # the workflow's own repository (GITHUB_REPOSITORY)

    @property
    def sources(self) -> tuple[SourceSpec, ...]:
        """Every distinct source of every list, in first-seen order."""
        return tuple(dict.fromkeys(spec for item in self.lists for spec in item.sources))


def load_settings(env: Mapping[str, str], *, require_token: bool = True) -> Settings:
    """Build the settings from the runner's environment; raise ``ConfigError`` on the first invalid input."""
    dry_run = parse_bool(value(env, "dry-run"), "dry-run")
    token = read_input(env, "github-token") or ""
    if require_token and not token:
        raise ConfigError(
            "github-token: no token was given. Pass `github-token: ${{ secrets.GITHUB_TOKEN }}` (the default) "
            "and give the job `permissions: contents: write`."
        )
    api_url = _api_url(env)
    workspace = Path(env.get("GITHUB_WORKSPACE") or ".").resolve()
    config = read_input(env, "config")
    only = read_input(env, "list")
    if config:
        lists = load_lists_file(env, workspace, config, only, web_url(api_url))
    elif only:
        raise ConfigError("list: names a list of a lists file; set `config` to the file's path too, or remove `list`.")
    else:
        lists = (load_list(env),)
    return Settings(
        token=token,
        lists=lists,
        dry_run=dry_run,
        api_url=api_url,
        graphql_url=_graphql_url(env, api_url),
        workspace=workspace,
        event_name=env.get("GITHUB_EVENT_NAME", ""),
        repository=env.get("GITHUB_REPOSITORY", ""),
    )


def load_list(env: Mapping[str, str], name: str = "") -> ListSpec:
    category = validate_category(value(env, "category"))
    title = parse_line(read_input(env, "title") or default_title(category), "title", 100)
    description = read_input(env, "description") or default_description(category)
    path = parse_path(value(env, "path"))
    data_file = parse_file_path(read_input(env, "data-file") or "", "data-file")
    feed_file = parse_file_path(read_input(env, "feed-file") or "", "feed-file")
    _require_distinct_paths(path, data_file, feed_file)
    return ListSpec(
        name=name or category,
        sources=parse_sources(value(env, "sources")),
        category=category,
        max_age_days=parse_int(value(env, "max-age-days"), "max-age-days", 1, MAX_AGE_DAYS_LIMIT),
        max_jobs=parse_int(value(env, "max-jobs"), "max-jobs", 1, MAX_JOBS_LIMIT),
        targets=parse_targets(read_input(env, "repositories") or env.get("GITHUB_REPOSITORY", "")),
        path=path,
        mode=parse_choice(value(env, "mode"), "mode", MODES),
        marker=parse_marker(value(env, "marker")),
        title=title,
        description=parse_line(description, "description", 300),
        related_lists=parse_related_lists(read_input(env, "related-lists") or ""),
        link_query=parse_link_query(read_input(env, "link-query") or ""),
        date_format=parse_date_format(value(env, "date-format")),
        commit_message=parse_commit_message(value(env, "commit-message")),
        location=parse_location_filter(read_input(env, "location") or ""),
        seniority=_optional(read_input(env, "seniority"), validate_seniority) or "",
        min_salary=_optional(read_input(env, "min-salary"), parse_min_salary),
        include_keywords=parse_keywords(read_input(env, "include-keywords") or "", "include-keywords"),
        exclude_keywords=parse_keywords(read_input(env, "exclude-keywords") or "", "exclude-keywords"),
        publish=parse_choice(value(env, "publish"), "publish", PUBLISH_MODES),
        data_file=data_file,
        feed_file=feed_file,
        min_jobs=parse_int(value(env, "min-jobs"), "min-jobs", 0, MAX_JOBS_LIMIT),
        max_drop_percent=parse_int(value(env, "max-drop-percent"), "max-drop-percent", 0, 100),
    )


def _require_distinct_paths(path: str, data_file: str, feed_file: str) -> None:
    named = [("path", path), ("data-file", data_file), ("feed-file", feed_file)]
    given = [(input_id, file) for input_id, file in named if file]
    for index, (input_id, file) in enumerate(given):
        for other_id, other in given[index + 1 :]:
            if file == other:
                raise ConfigError(f"{other_id}: {other!r} is also the `{input_id}`; give each file its own path.")


def load_lists_file(
    env: Mapping[str, str], workspace: Path, config: str, only: str | None, web: str
) -> tuple[ListSpec, ...]:
    """The lists of a lists file (CONTRACT "Lists file"); with ``only``, just that list (links still cover all)."""
    document = _read_lists_file(workspace, config)
    defaults = _mapping(document.get("defaults", {}), f"config: {config}: `defaults`")
    _check_keys(defaults, f"config: {config}: `defaults`")
    entries = document.get("lists")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"config: {config} needs a non-empty `lists:` sequence, one entry per list (see the README).")
    specs: list[ListSpec] = []
    explicit_links: set[str] = set()
    for number, item in enumerate(entries, start=1):
        entry = _mapping(item, f"config: {config}: list #{number}")
        name = _list_name(entry.get("name"), config, number)
        where = f"config: {config}: list {name!r}"
        if name in (spec.name for spec in specs):
            raise ConfigError(f"{where}: the name is used twice; give every list its own `name`.")
        _check_keys(entry, where, allowed=("name", "repository"))
        if "repository" in entry and "repositories" in entry:
            raise ConfigError(f"{where}: set `repository` or `repositories`, not both.")
        merged = {**defaults, **{key: item for key, item in entry.items() if key != "name"}}
        if "repository" in merged:
            merged["repositories"] = merged.pop("repository")
        list_env = dict(env)
        for key, raw in merged.items():
            text = _as_input_text(raw, f"{where}: `{key}`")
            for spelling in input_names(key):
                list_env.pop(spelling, None)
            list_env[input_names(key)[0]] = text
        if read_input(list_env, "related-lists"):
            explicit_links.add(name)
        try:
            specs.append(load_list(list_env, name))
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
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


def _read_lists_file(workspace: Path, config: str) -> dict[str, Any]:
    relative = _require_relative_path(config, "config", config)
    path = (workspace / relative).resolve()
    if not path.is_relative_to(workspace):
        raise ConfigError(f"config: {config!r} leads outside the workspace; name a file of the repository.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(
            f"config: cannot read {config} ({exc.strerror or exc}). Check the path (relative to the repository "
            "root) and that the workflow checks the repository out (`actions/checkout`) before this step."
        ) from None
    if len(data) > CONFIG_MAX_BYTES:
        raise ConfigError(f"config: {config} is larger than {CONFIG_MAX_BYTES} bytes.")
    try:
        document = yaml.safe_load(data.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"config: {config} is not valid UTF-8 YAML: {' '.join(str(exc).split())}") from None
    return _mapping(document, f"config: {config}", allowed=("defaults", "lists"))


def _mapping(item: object, where: str, allowed: tuple[str, ...] | None = None) -> dict[str, Any]:
    if not isinstance(item, dict) or not all(isinstance(key, str) for key in item):
        raise ConfigError(f"{where}: expected a mapping of `key: value` lines.")
    if allowed is not None:
        unknown = sorted(set(item) - set(allowed))
        if unknown:
            raise ConfigError(f"{where}: unknown key {unknown[0]!r}; expected {' and '.join(allowed)}.")
    return item


def _check_keys(entry: Mapping[str, object], where: str, allowed: tuple[str, ...] = ()) -> None:
    for key in entry:
        if key in RUN_INPUTS:
            raise ConfigError(
                f"{where}: `{key}` applies to the whole run and cannot be set in the lists file; "
                "pass it as an input of the action step."
            )
        if key not in LIST_INPUTS and key not in allowed:
            raise ConfigError(
                f"{where}: unknown key `{key}`; keys are the action's input ids, such as `category`, "
                "`location` or `repository`."
            )


def _list_name(name: object, config: str, number: int) -> str:
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}", name):
        raise ConfigError(
            f"config: {config}: list #{number} needs a `name` of letters, digits, `.`, `_` or `-` "
            f"(up to 60), such as `backend`; got {name!r}."
        )
    return name


def _as_input_text(raw: object, where: str) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float, str)):
        return str(raw)
    if isinstance(raw, list) and all(isinstance(item, (str, int, float)) for item in raw):
        return "\n".join(str(item) for item in raw)
    raise ConfigError(f"{where}: expected text, a number, true/false or a list of texts.")


def _require_distinct_targets(specs: list[ListSpec], config: str) -> None:
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


def _other_lists(spec: ListSpec, specs: list[ListSpec], web: str) -> tuple[RelatedList, ...]:
    return tuple(RelatedList(other.title, list_url(other, web)) for other in specs if other is not spec)


def list_url(spec: ListSpec, web: str) -> str:
    """The web address of a list: its repository's page, or the file when it is not the README."""
    target = spec.targets[0]
    if spec.path == "README.md":
        return f"{web}/{target.repository}" + (f"/tree/{target.branch}" if target.branch else "")
    return f"{web}/{target.repository}/blob/{target.branch or 'HEAD'}/{spec.path}"


def web_url(api_url: str) -> str:
    """The web host of the API: github.com, or the Enterprise server's host."""
    parts = urlsplit(api_url)
    if parts.hostname == "api.github.com":
        return "https://github.com"
    return f"{parts.scheme}://{parts.netloc}"


def _optional(text: str | None, parse):  # type: ignore[no-untyped-def]
    return parse(text) if text else None


def parse_keywords(text: str, input_id: str) -> tuple[str, ...]:
    keywords = tuple(dict.fromkeys(item.casefold() for item in split_items(text)))
    for keyword in keywords:
        parse_line(keyword, input_id, 60)
    return keywords


def value(env: Mapping[str, str], input_id: str) -> str:
    """The input's value, or its default."""
    return read_input(env, input_id) or DEFAULTS[input_id]


def default_title(category: str) -> str:
    return "Awesome Jobs" if category == "all" else f"Awesome {_display_word(category)} Jobs"


def default_description(category: str) -> str:
    kind = "tech" if category == "all" else category
    return f"A curated list of the best {kind} developer jobs, updated daily."


def _display_word(word: str) -> str:
    return _WORDS.get(word.lower(), word.capitalize())


def parse_bool(text: str, input_id: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("true", "yes", "1", "on"):
        return True
    if lowered in ("false", "no", "0", "off"):
        return False
    raise ConfigError(f"{input_id}: expected `true` or `false`, got {text!r}.")


def parse_int(text: str, input_id: str, low: int, high: int) -> int:
    try:
        number = int(text.strip())
    except ValueError:
        raise ConfigError(f"{input_id}: expected a whole number from {low} to {high}, got {text!r}.") from None
    if not low <= number <= high:
        raise ConfigError(f"{input_id}: expected a whole number from {low} to {high}, got {number}.")
    return number


def parse_choice(text: str, input_id: str, choices: tuple[str, ...]) -> str:
    lowered = text.strip().lower()
    if lowered not in choices:
        raise ConfigError(f"{input_id}: expected one of {', '.join(choices)}; got {text!r}.")
    return lowered


def parse_line(text: str, input_id: str, max_length: int) -> str:
    if _CONTROL.search(text):
        raise ConfigError(f"{input_id}: expected a single line of text without line breaks or control characters.")
    if len(text) > max_length:
        raise ConfigError(f"{input_id}: expected at most {max_length} characters, got {len(text)}.")
    return text


def split_items(text: str) -> list[str]:
    """Items of a newline or comma separated input, blank ones dropped."""
    return [item.strip() for item in re.split(r"[\n,]", text) if item.strip()]


def parse_sources(text: str) -> tuple[SourceSpec, ...]:
    specs = tuple(dict.fromkeys(parse_source(item) for item in split_items(text)))
    if not specs:
        raise ConfigError("sources: expected at least one source, for example `remotive` or `json:https://...`.")
    return specs


def parse_source(item: str) -> SourceSpec:
    kind, _, argument = item.partition(":")
    kind = kind.strip().lower()
    argument = argument.strip()
    if kind == "json":
        return SourceSpec("json", _require_http_url(argument, item))
    if kind == "file":
        return SourceSpec("file", _require_relative_path(argument, "sources", item))
    provider = PROVIDERS.get(kind)
    if provider is None:
        known = ", ".join(["json:URL", "file:PATH", *sorted(PROVIDERS)])
        raise ConfigError(f"sources: unknown source {item!r}. Expected one of: {known}.")
    if argument.startswith(("http://", "https://")):
        return SourceSpec(kind, _require_http_url(argument, item))
    if provider.needs_argument and not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", argument):
        raise ConfigError(
            f"sources: {item!r} needs the {provider.argument_name}, as in `{kind}:{provider.argument_name}` "
            "(letters, digits, `.`, `_` and `-`)."
        )
    if not provider.needs_argument and argument:
        raise ConfigError(f"sources: {kind} takes no argument other than a URL; got {item!r}.")
    return SourceSpec(kind, argument)


def _require_http_url(url: str, item: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or _CONTROL.search(url) or " " in url:
        raise ConfigError(f"sources: {item!r} needs an http(s) URL, as in `json:https://example.com/jobs.json`.")
    if parts.username or parts.password:
        raise ConfigError(f"sources: {item!r} must not carry credentials in the URL.")
    return url


def _require_relative_path(path: str, input_id: str, shown: str) -> str:
    pure = PurePosixPath(path)
    if (
        not path
        or pure.is_absolute()
        or ".." in pure.parts
        or "\\" in path
        or _CONTROL.search(path)
        or re.match(r"[A-Za-z]:", path)
    ):
        raise ConfigError(
            f"{input_id}: {shown!r} must be a relative path inside the repository, such as `README.md` "
            "or `data/jobs.json` (no `..`, no leading `/`)."
        )
    return str(pure)


def parse_path(text: str) -> str:
    return _require_relative_path(text, "path", text)


def parse_file_path(text: str, input_id: str) -> str:
    """An optional file path input: empty, or a relative path inside the repository."""
    return _require_relative_path(text, input_id, text) if text else ""


def parse_targets(text: str) -> tuple[Target, ...]:
    items = split_items(text)
    if not items:
        raise ConfigError(
            "repositories: no target repository. Set `repositories: owner/name` "
            "(GITHUB_REPOSITORY is used when it is empty)."
        )
    return tuple(dict.fromkeys(parse_target(item) for item in items))


def parse_target(item: str) -> Target:
    match = _REPOSITORY.fullmatch(item)
    if not match or match["name"] in (".", ".."):
        raise ConfigError(f"repositories: expected `owner/name` or `owner/name@branch`, got {item!r}.")
    branch = match["branch"]
    if branch is not None and (not branch or _BRANCH_FORBIDDEN.search(branch)):
        raise ConfigError(f"repositories: {branch!r} in {item!r} is not a valid branch name.")
    return Target(f"{match['owner']}/{match['name']}", branch)


def parse_marker(text: str) -> str:
    if not _MARKER.fullmatch(text):
        raise ConfigError(f"marker: expected letters, digits, `_` or `-` (up to 40), such as `JOBS`; got {text!r}.")
    return text


def parse_related_lists(text: str) -> tuple[RelatedList, ...]:
    return tuple(parse_related_list(line.strip()) for line in text.splitlines() if line.strip())


def parse_related_list(line: str) -> RelatedList:
    link = _RELATED_LINK.fullmatch(line)
    if link:
        url = link["url"]
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise ConfigError(f"related-lists: {line!r} needs an http(s) URL.")
        return RelatedList(link["title"].strip(), url)
    target = _REPOSITORY.fullmatch(line)
    if target and not target["branch"]:
        title = " ".join(_display_word(word) for word in re.split(r"[-_]", target["name"]) if word)
        return RelatedList(title, f"https://github.com/{target['owner']}/{target['name']}")
    raise ConfigError(f"related-lists: expected one `owner/name` or `[Title](https://url)` per line, got {line!r}.")


def parse_link_query(text: str) -> str:
    query = text.removeprefix("?")
    if not query:
        return ""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        pairs = []
    if not pairs or _CONTROL.search(query) or re.search(r"[\s#<>\"`|\\]", query):
        raise ConfigError(f"link-query: expected `key=value` pairs joined by `&`, such as `utm=github`; got {text!r}.")
    return query


def parse_date_format(text: str) -> str:
    if _CONTROL.search(text) or len(text) > 40 or "%" not in text:
        raise ConfigError(f"date-format: expected a one-line strftime format such as `%b %d`; got {text!r}.")
    try:
        datetime(2026, 1, 2, tzinfo=UTC).strftime(text)
    except ValueError:
        raise ConfigError(f"date-format: {text!r} is not a valid strftime format.") from None
    return text


def parse_commit_message(text: str) -> str:
    parse_line(text, "commit-message", 200)
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        fields = {"?"}
    unknown = fields - COMMIT_PLACEHOLDERS
    if unknown:
        placeholders = " ".join(f"{{{name}}}" for name in sorted(COMMIT_PLACEHOLDERS))
        raise ConfigError(
            f"commit-message: unknown or broken placeholder in {text!r}; the placeholders are {placeholders} "
            "(write `{{` and `}}` for literal braces)."
        )
    return text


def _api_url(env: Mapping[str, str]) -> str:
    return (env.get("GITHUB_API_URL") or "https://api.github.com").rstrip("/")


def _graphql_url(env: Mapping[str, str], api_url: str) -> str:
    given = env.get("GITHUB_GRAPHQL_URL")
    if given:
        return given.rstrip("/")
    parts = urlsplit(api_url)
    if parts.hostname == "api.github.com":
        return "https://api.github.com/graphql"
    return f"{parts.scheme}://{parts.netloc}/api/graphql"
