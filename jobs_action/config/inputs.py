"""Reading action inputs from the runner's environment (CONTRACT "How it runs").

``max-age-days`` arrives as ``INPUT_MAX-AGE-DAYS`` (hyphens kept); the underscore spelling
``INPUT_MAX_AGE_DAYS`` is accepted too. An empty string means "not given".
"""

from __future__ import annotations

from collections.abc import Mapping


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
