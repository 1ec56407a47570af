"""Reading action inputs from the runner's environment (docs/CONTRACT.md, "How it runs").

``max-age-days`` arrives as ``INPUT_MAX-AGE-DAYS`` (hyphens kept); the underscore spelling
``INPUT_MAX_AGE_DAYS`` is accepted too. An empty string means "not given". The inputs and their defaults are
read from ``action.yml``, the one place they are declared (the image carries it beside the package).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import yaml

ACTION_FILE = Path(__file__).resolve().parents[2] / "action.yml"

# Inputs of the whole run; a lists file may not set them (the token never belongs in a file). Every other input
# of action.yml shapes one list, and a lists file may set it in `defaults` or per list.
RUN_INPUTS = ("github-token", "dry-run", "config", "list")


@cache
def _declared() -> dict[str, str]:
    """Every input of ``action.yml``, in its order, with its literal default (``""`` when it has none)."""
    action = yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))
    declared = {str(name): str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    # `${{ github.token }}` and `${{ github.repository }}` are filled in by the runner, never literal values
    return {name: "" if "${{" in text else text for name, text in declared.items()}


def list_inputs() -> tuple[str, ...]:
    """The inputs that shape one list, in ``action.yml`` order."""
    return tuple(name for name in _declared() if name not in RUN_INPUTS)


def default(input_id: str) -> str:
    """The input's default in ``action.yml``; ``""`` when it has none (the code derives one, or it is off)."""
    return _declared()[input_id]


def input_names(input_id: str) -> tuple[str, str]:
    """The two environment names an input may arrive under."""
    upper = input_id.replace(" ", "_").upper()
    return f"INPUT_{upper}", f"INPUT_{upper.replace('-', '_')}"


def read_input(env: Mapping[str, str], input_id: str) -> str | None:
    """The input's value with surrounding whitespace removed, or ``None`` when it is not given."""
    for name in input_names(input_id):
        value = env.get(name)
        if value is not None and value.strip():
            return value.strip()
    return None


def given_inputs(env: Mapping[str, str]) -> dict[str, str]:
    """The list inputs the environment gives (input id -> stripped text); inputs not given are absent."""
    given = {input_id: read_input(env, input_id) for input_id in list_inputs()}
    return {input_id: text for input_id, text in given.items() if text is not None}
