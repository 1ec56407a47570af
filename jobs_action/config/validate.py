"""Validators of the inputs: text in, a typed value out, or a ``ConfigError``.

Every message has one form: it starts with the input's id, says what was expected and shows what was given
(``max-jobs: expected a whole number from 1 to 100000, got '0'.``), so a maintainer can fix the workflow from
the message alone.
"""

from __future__ import annotations

import re
import string
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import TypeVar
from urllib.parse import parse_qsl, urlsplit

from jobs_action.config.settings import RelatedList, Target
from jobs_action.errors import ConfigError
from jobs_action.models import COLUMNS, Column
from jobs_action.sources.registry import PROVIDERS
from jobs_action.sources.spec import SourceSpec

Choice = TypeVar("Choice", bound=str)
COMMIT_PLACEHOLDERS = frozenset({"title", "count", "added", "removed", "date", "category"})

_OWNER = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"
_NAME = r"[A-Za-z0-9._-]{1,100}"
REPOSITORY = re.compile(rf"(?P<owner>{_OWNER})/(?P<name>{_NAME})(?:@(?P<branch>.+))?")
_BRANCH_FORBIDDEN = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//|^[-/.]|[/.]$|\.lock$|^@$")
_MARKER = re.compile(r"[A-Za-z0-9_-]{1,40}")
_RELATED_LINK = re.compile(r"\[(?P<title>[^\[\]]{1,100})\]\((?P<url>[^()\s]+)\)")
CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
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


def parse_keywords(text: str, input_id: str) -> tuple[str, ...]:
    keywords = tuple(dict.fromkeys(item.casefold() for item in split_items(text)))
    for keyword in keywords:
        parse_line(keyword, input_id, 60)
    return keywords


def display_word(word: str) -> str:
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


def parse_choice(text: str, input_id: str, choices: tuple[Choice, ...]) -> Choice:
    lowered = text.strip().lower()
    for choice in choices:
        if choice == lowered:
            return choice
    raise ConfigError(f"{input_id}: expected one of {', '.join(choices)}, got {text!r}.")


def parse_line(text: str, input_id: str, max_length: int) -> str:
    if CONTROL.search(text):
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
        return SourceSpec("file", require_relative_path(argument, "sources", item))
    provider = PROVIDERS.get(kind)
    if provider is None:
        known = ", ".join(["json:URL", "file:PATH", *sorted(PROVIDERS)])
        raise ConfigError(f"sources: expected one of {known} for each source, got {item!r}.")
    if argument.startswith(("http://", "https://")):
        return SourceSpec(kind, _require_http_url(argument, item))
    company = ""
    if provider.needs_argument and "=" in argument:
        argument, _, company = (part.strip() for part in argument.partition("="))
        if not company or len(company) > 100 or CONTROL.search(company) or "|" in company:
            raise ConfigError(
                f"sources: expected the company's name after `=`, as in `{kind}:{argument or 'slug'}=Company Name` "
                f"(one line, up to 100 characters, no `|`), got {item!r}."
            )
    if provider.needs_argument and not re.fullmatch(r"[A-Za-z0-9._-]{1,100}", argument):
        raise ConfigError(
            f"sources: {item!r} needs the {provider.argument_name}, as in `{kind}:{provider.argument_name}` "
            "(letters, digits, `.`, `_` and `-`)."
        )
    if not provider.needs_argument and argument:
        raise ConfigError(f"sources: {kind} takes no argument other than a URL; got {item!r}.")
    return SourceSpec(kind, argument, company)


def _require_http_url(url: str, item: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or CONTROL.search(url) or " " in url:
        raise ConfigError(f"sources: {item!r} needs an http(s) URL, as in `json:https://example.com/jobs.json`.")
    if parts.username or parts.password:
        raise ConfigError(f"sources: {item!r} must not carry credentials in the URL.")
    return url


def require_relative_path(path: str, input_id: str, shown: str) -> str:
    pure = PurePosixPath(path)
    if (
        not path
        or pure.is_absolute()
        or ".." in pure.parts
        or "\\" in path
        or CONTROL.search(path)
        or re.match(r"[A-Za-z]:", path)
    ):
        raise ConfigError(
            f"{input_id}: {shown!r} must be a relative path inside the repository, such as `README.md` "
            "or `data/jobs.json` (no `..`, no leading `/`)."
        )
    return str(pure)


def parse_path(text: str) -> str:
    return parse_written_path(text, "path")


def parse_file_path(text: str, input_id: str) -> str:
    """An optional file path input: empty, or a relative path inside the repository."""
    return parse_written_path(text, input_id) if text else ""


def parse_written_path(text: str, input_id: str) -> str:
    """A path the action writes in the target repository: relative, with no empty or dot component, never inside
    ``.git`` and never a workflow (``.github/workflows/``), whatever the token may write."""
    path = require_relative_path(text, input_id, text)
    parts = text.split("/")
    lowered = [part.casefold() for part in parts]
    if any(part in ("", ".", "..") for part in parts) or ".git" in lowered or lowered[:2] == [".github", "workflows"]:
        raise ConfigError(
            f"{input_id}: expected the path of a file of the repository such as `README.md` or `data/jobs.json` (not "
            f"inside `.git` or `.github/workflows`, no empty or `.` parts), got {text!r}."
        )
    return path


def parse_targets(text: str) -> tuple[Target, ...]:
    items = split_items(text)
    if not items:
        raise ConfigError(
            "repositories: no target repository. Set `repositories: owner/name` "
            "(GITHUB_REPOSITORY is used when it is empty)."
        )
    return tuple(dict.fromkeys(parse_target(item) for item in items))


def parse_target(item: str) -> Target:
    match = REPOSITORY.fullmatch(item)
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


def parse_related_lists(text: str, web: str = "https://github.com") -> tuple[RelatedList, ...]:
    """One related list per line; an ``owner/name`` line links to that repository on ``web`` (GITHUB_SERVER_URL)."""
    return tuple(parse_related_list(line.strip(), web) for line in text.splitlines() if line.strip())


def parse_related_list(line: str, web: str = "https://github.com") -> RelatedList:
    link = _RELATED_LINK.fullmatch(line)
    if link:
        url = link["url"]
        if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise ConfigError(f"related-lists: {line!r} needs an http(s) URL.")
        return RelatedList(link["title"].strip(), url)
    target = REPOSITORY.fullmatch(line)
    if target and not target["branch"]:
        title = " ".join(display_word(word) for word in re.split(r"[-_]", target["name"]) if word)
        return RelatedList(title, f"{web}/{target['owner']}/{target['name']}")
    raise ConfigError(f"related-lists: expected one `owner/name` or `[Title](https://url)` per line, got {line!r}.")


def parse_link_query(text: str) -> str:
    query = text.removeprefix("?")
    if not query:
        return ""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        pairs = []
    if not pairs or CONTROL.search(query) or re.search(r"[\s#<>\"`|\\]", query):
        raise ConfigError(f"link-query: expected `key=value` pairs joined by `&`, such as `utm=github`; got {text!r}.")
    return query


# Dates that exercise every directive's longest output (a long month and weekday name, two-digit fields).
_SAMPLE_DATES = (datetime(2026, 9, 30, 23, 59, 59, tzinfo=UTC), datetime(2026, 1, 2, tzinfo=UTC))


def parse_date_format(text: str) -> str:
    """A strftime format whose output, on sample dates, is one short line without ``|`` (it is a table cell)."""
    expected = f"date-format: expected a one-line strftime format such as `%b %d`, got {text!r}."
    if CONTROL.search(text) or len(text) > 40 or "%" not in text:
        raise ConfigError(expected)
    try:
        samples = [when.strftime(text) for when in _SAMPLE_DATES]
    except ValueError:
        raise ConfigError(f"date-format: expected a valid strftime format such as `%b %d`, got {text!r}.") from None
    if any(CONTROL.search(sample) or "|" in sample or len(sample) > 60 or not sample.strip() for sample in samples):
        raise ConfigError(
            f"date-format: expected a format whose dates are one short line without `|` (such as `%b %d`; no "
            f"`%n` or `%t`), got {text!r}."
        )
    return text


# A placeholder may carry a plain alignment and width of at most two digits (``{count:>3}``), nothing nested.
_COMMIT_SPEC = re.compile(r"(?:[<>^]?\d{0,2})")
_COMMIT_SAMPLE = {"title": "T" * 100, "count": 100_000, "added": 100_000, "removed": 100_000, "date": "2026-12-31"}


def parse_commit_message(text: str) -> str:
    """A headline template: known placeholders only, no attribute, index, conversion or nested spec, and one
    line of at most 250 characters once filled with the longest values."""
    parse_line(text, "commit-message", 200)
    placeholders = " ".join(f"{{{name}}}" for name in sorted(COMMIT_PLACEHOLDERS))
    broken = ConfigError(
        f"commit-message: expected text with the placeholders {placeholders} (a width such as `{{count:>3}}` at "
        f"most; write `{{{{` and `}}}}` for literal braces), got {text!r}."
    )
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise broken from None
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in COMMIT_PLACEHOLDERS or conversion is not None or not _COMMIT_SPEC.fullmatch(spec or ""):
            raise broken
    sample = text.format(**_COMMIT_SAMPLE, category="backend, devops")
    if len(sample) > 250 or CONTROL.search(sample):
        raise ConfigError(f"commit-message: expected a headline of at most 250 characters when filled, got {text!r}.")
    return text


def parse_columns(text: str) -> tuple[Column, ...]:
    """The table's columns in order: names of :data:`COLUMNS`, case-insensitive, each once, Apply among them."""
    names = ", ".join(COLUMNS)
    expected = f"columns: expected column names from {names}, comma separated, each once and Apply among them"
    by_key = {column.casefold(): column for column in COLUMNS}
    items = split_items(text)
    chosen = [by_key.get(item.casefold()) for item in items]
    for item, column in zip(items, chosen, strict=True):
        if column is None:
            raise ConfigError(f"{expected}; got {item[:40]!r}.")
    columns = tuple(column for column in chosen if column is not None)
    if len(set(columns)) != len(columns):
        twice = next(column for column in columns if columns.count(column) > 1)
        raise ConfigError(f"{expected}; {twice} is named twice.")
    if "Apply" not in columns:
        raise ConfigError(
            f"{expected}; Apply is missing (the rows link to the jobs, and the action counts them by it)."
        )
    return columns


MAX_BADGE_DAYS = 365


def parse_new_badge(text: str) -> tuple[str, int]:
    """``"🆕 3"`` -> ``("🆕", 3)``: the badge text (one short line) and the days a job stays new (1 when not
    given: first seen today); ``("", 1)`` for an empty input."""
    words = text.split()
    if not words:
        return "", 1
    if CONTROL.search(text):
        words = []  # refused below: a badge is one line
    days = 1
    if len(words) > 1 and re.fullmatch(r"\d{1,4}", words[-1]):
        days = int(words[-1])
        words = words[:-1]
    badge = " ".join(words)
    if not badge or not 1 <= days <= MAX_BADGE_DAYS or len(badge) > 20 or "|" in badge:
        raise ConfigError(
            f"new-badge: expected a short badge and the days a job stays new, such as `🆕 3` (a badge of up to 20 "
            f"characters without `|`, 1 to {MAX_BADGE_DAYS} days; 1 when left out), got {text[:60]!r}."
        )
    return badge, days
