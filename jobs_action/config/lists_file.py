"""The lists file (docs/CONTRACT.md, "Lists file"): YAML with `defaults` and `lists`, read into the inputs of
each list. Its values become input texts exactly as a workflow's `with:` would give them; nothing here decides
what an input means (``config/load.py`` validates them like any other input)."""

from __future__ import annotations

import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from jobs_action.config.inputs import RUN_INPUTS, list_inputs
from jobs_action.config.validate import require_relative_path
from jobs_action.errors import ConfigError
from jobs_action.text import clean_text

CONFIG_MAX_BYTES = 1_000_000
MAX_EXPANDED_NODES = 100_000  # values of the document once its aliases are expanded


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One list of the file: its name, the inputs it sets (with the defaults) and where to name it in errors."""

    name: str
    inputs: Mapping[str, str | None]  # input id -> text; None unsets an input the step gives
    where: str


def read_entries(workspace: Path, config: str) -> list[ListEntry]:
    """The lists of the file at ``config`` (relative to ``workspace``), each merged with the file's defaults."""
    document = _read_document(workspace, config)
    defaults = _mapping(document.get("defaults", {}), f"config: {config}: `defaults`")
    _check_keys(defaults, f"config: {config}: `defaults`")
    items = document.get("lists")
    if not isinstance(items, list) or not items:
        raise ConfigError(f"config: {config} needs a non-empty `lists:` sequence, one entry per list (see the README).")
    entries: list[ListEntry] = []
    for number, item in enumerate(items, start=1):
        entry = _mapping(item, f"config: {config}: list #{number}")
        name = _list_name(entry.get("name"), config, number)
        where = f"config: {config}: list {name!r}"
        if name in (known.name for known in entries):
            raise ConfigError(f"{where}: the name is used twice; give every list its own `name`.")
        _check_keys(entry, where, allowed=("name", "repository"))
        if "repository" in entry and "repositories" in entry:
            raise ConfigError(f"{where}: set `repository` or `repositories`, not both.")
        merged = {**defaults, **{key: raw for key, raw in entry.items() if key != "name"}}
        if "repository" in merged:
            merged["repositories"] = merged.pop("repository")
        inputs = {key: _as_input_text(raw, f"{where}: `{key}`") for key, raw in merged.items()}
        entries.append(ListEntry(name, inputs, where))
    return entries


def _read_document(workspace: Path, config: str) -> dict[str, Any]:
    relative = require_relative_path(config, "config", config)
    path = (workspace / relative).resolve()
    if not path.is_relative_to(workspace):
        raise ConfigError(f"config: {config!r} leads outside the workspace; name a file of the repository.")
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ConfigError(f"config: {config} is not a regular file; name the YAML file of the lists.")
        if path.stat().st_size > CONFIG_MAX_BYTES:
            raise ConfigError(f"config: {config} is larger than {CONFIG_MAX_BYTES:,} bytes.")
        with path.open("rb") as handle:
            data = handle.read(CONFIG_MAX_BYTES + 1)
    except OSError as exc:
        raise ConfigError(
            f"config: cannot read {config} ({exc.strerror or exc}; looked at {path}). Check the path (relative to "
            "the repository root) and that the workflow checks the repository out (`actions/checkout`) before "
            "this step."
        ) from None
    if len(data) > CONFIG_MAX_BYTES:
        raise ConfigError(f"config: {config} is larger than {CONFIG_MAX_BYTES:,} bytes.")
    try:
        loader = yaml.SafeLoader(data.decode("utf-8"))
        try:
            root = loader.get_single_node()  # parsed once: the aliases are counted before anything is built
            _check_aliases(root, config)
            document = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        detail = clean_text(" ".join(str(exc).split()), 300)
        raise ConfigError(f"config: {config} is not valid UTF-8 YAML: {detail}") from None
    return _mapping(document, f"config: {config}", allowed=("defaults", "lists"))


def _check_aliases(root: yaml.Node | None, config: str) -> None:
    """Refuse a document whose aliases expand to more than ``MAX_EXPANDED_NODES`` values (a "billion laughs")."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a recursive alias counts once
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(size(item) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(size(key) + size(value) for key, value in node.value)
        sizes[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
        return sizes[id(node)]

    if root is not None and size(root) > MAX_EXPANDED_NODES:
        raise ConfigError(
            f"config: {config} uses YAML aliases (`*name`) that expand to more than {MAX_EXPANDED_NODES:,} values; "
            "write the values out instead."
        )


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
        if key not in list_inputs() and key not in allowed:
            raise ConfigError(
                f"{where}: unknown key `{key}`; keys are the action's input ids, such as `category`, "
                "`location` or `repository`."
            )


def _list_name(name: object, config: str, number: int) -> str:
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}", name):
        shown = clean_text(name, 60) if isinstance(name, str) else f"a {type(name).__name__}"
        raise ConfigError(
            f"config: {config}: list #{number} needs a `name` of letters, digits, `.`, `_` or `-` "
            f"(up to 60), such as `backend`; got {shown!r}."
        )
    return name


def _as_input_text(raw: object, where: str) -> str | None:
    """A YAML value as the text a workflow input would carry; ``None`` (YAML ``null`` or empty) means unset."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (int, float, str)):
        return str(raw).strip() or None
    if isinstance(raw, list) and all(isinstance(item, (str, int, float)) for item in raw):
        return "\n".join(str(item) for item in raw).strip() or None
    raise ConfigError(f"{where}: expected text, a number, true/false or a list of texts.")
