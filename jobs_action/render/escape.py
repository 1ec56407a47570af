"""Escaping feed text for GitHub Markdown table cells and links (tests/data/HOSTILE-CASES.md, K1-K3).

A cell is escaped character by character in one pass, so nothing is escaped twice: ``&``, ``<`` and ``>``
become entities (no HTML, no autolink in angle brackets, no entity decoding of feed text), and a backslash
goes before every character that could end the cell, start emphasis, code, a link or an autolink.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from jobs_action.text import clean_text, normalize_url

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Backslashed: the escape itself, the cell delimiter, emphasis and strikethrough, code, link brackets, and the
# characters that start GFM's extended autolinks (``:`` of ``https://``, the ``.`` of ``www.``). Other
# punctuation cannot change an inline cell, so it stays readable in the raw file.
# E-mail autolinks are found after escapes are resolved, so no escape stops them: an invisible WORD JOINER
# (U+2060) goes before every ``@`` instead, and ``jobs@evil.example`` shows as typed but is not a link.
WORD_JOINER = "\u2060"
_CELL_SPECIAL = re.compile(r"[&<>\\`*_\[\]|~:@]|(?<=[wW]{3})\.")


def escape_cell(text: str) -> str:
    """Escape ``text`` (already cleaned: one line) so it is exactly one cell showing exactly that text."""
    return _CELL_SPECIAL.sub(_escape_char, text)


def escape_line(text: str, max_length: int = 1000) -> str:
    """Any text (an error message, a value a user gave) as one escaped cell-like line: line breaks and control
    characters collapsed first, so it cannot start a heading, a list or a table row in Markdown."""
    return escape_cell(clean_text(text, max_length))


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char == "@":
        return WORD_JOINER + "@"
    return _ENTITIES.get(char) or "\\" + char


def link_destination(url: str) -> str:
    """A URL as a Markdown link destination: percent-encoded, ``&`` written as ``&amp;``."""
    normalized = normalize_url(url)
    if normalized is None:
        raise ValueError("not an http(s) URL")
    return normalized.replace("&", "&amp;")


def add_query(url: str, query: str) -> str:
    """Add ``query`` (``k=v&k2=v2``) to ``url`` before its fragment; a key already there takes our value."""
    if not query:
        return url
    parts = urlsplit(url)
    ours = parse_qsl(query, keep_blank_values=True)
    our_keys = {key for key, _ in ours}
    kept = [pair for pair in parts.query.split("&") if pair and pair.split("=", 1)[0] not in our_keys]
    merged = "&".join([*kept, query])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, merged, parts.fragment))
