"""Decoding a provider's answer: JSON from raw bytes, and the list of items a JSON object carries.

Both raise ``SourceError`` with a short, safe description; the body itself is never quoted.
"""

from __future__ import annotations

import json
from typing import Any, cast

from jobs_action.errors import SourceError
from jobs_action.text import clean_text


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def items_of(payload: Any, key: str, what: str = "an object") -> list[Any]:
    """The list under ``key`` of a provider's JSON object, or a ``SourceError`` naming the expected shape."""
    if not isinstance(payload, dict) or not isinstance(payload.get(key), list):
        raise SourceError(f'expected {what} with "{key}": [...]')
    return cast(list[Any], payload[key])


def load_json(content: bytes) -> Any:
    """Decode JSON from raw bytes (UTF-8 whatever the Content-Type says); NaN, Infinity and deep nesting fail."""
    try:
        return json.loads(content, parse_constant=_reject_constant)
    except RecursionError:
        raise SourceError("JSON nested too deeply") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError(f"not valid JSON ({_short(exc)})") from None


def _short(exc: Exception) -> str:
    return clean_text(str(exc), 120)
