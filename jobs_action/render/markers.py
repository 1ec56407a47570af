"""The section splice: replace what stands between ``<!-- M:START -->`` and ``<!-- M:END -->``.

A pure ``text -> text`` function. Every byte outside the markers is kept (line endings, a BOM, a missing final
newline), the marker lines are re-emitted as found, and running it twice changes nothing. Markers count only
on a line of their own, outside fenced code blocks; anything ambiguous (missing, doubled, reversed) fails
closed with the line numbers, so a broken README is never cut short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobs_action.errors import RenderError

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class MarkerLines:
    starts: tuple[int, ...]  # 0-based line indexes
    ends: tuple[int, ...]

    @property
    def any(self) -> bool:
        return bool(self.starts or self.ends)


def _marker_pattern(marker: str, edge: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*<!--\s*{re.escape(marker)}:{edge}\s*-->\s*$")


def find_markers(lines: list[str], marker: str) -> MarkerLines:
    start, end = _marker_pattern(marker, "START"), _marker_pattern(marker, "END")
    starts: list[int] = []
    ends: list[int] = []
    fence: str | None = None
    for index, line in enumerate(lines):
        line = line.removeprefix("\ufeff") if index == 0 else line
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
        elif start.match(line):
            starts.append(index)
        elif end.match(line):
            ends.append(index)
    return MarkerLines(tuple(starts), tuple(ends))


def has_markers(text: str, marker: str) -> bool:
    return find_markers(_split_lines(text)[0], marker).any


def replace_section(text: str, marker: str, section: str) -> str:
    """Put ``section`` (LF-separated lines) between the markers of ``text``, in ``text``'s line ending."""
    lines, newline = _split_lines(text)
    found = find_markers(lines, marker)
    start, end = _single_pair(found, marker)
    inner = section.split("\n") if section else []
    new_lines = [*lines[: start + 1], *inner, *lines[end:]]
    return newline.join(new_lines)


def _split_lines(text: str) -> tuple[list[str], str]:
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.split(newline), newline


def _single_pair(found: MarkerLines, marker: str) -> tuple[int, int]:
    start_text, end_text = f"<!-- {marker}:START -->", f"<!-- {marker}:END -->"
    if len(found.starts) != 1 or len(found.ends) != 1:
        raise RenderError(
            f"expected exactly one {start_text} and one {end_text} line, found "
            f"{_where(found.starts, 'START')} and {_where(found.ends, 'END')}. Fix the markers by hand; "
            "nothing was written."
        )
    start, end = found.starts[0], found.ends[0]
    if end < start:
        raise RenderError(
            f"{end_text} (line {end + 1}) comes before {start_text} (line {start + 1}). Swap them; nothing was written."
        )
    return start, end


def _where(indexes: tuple[int, ...], edge: str) -> str:
    if not indexes:
        return f"no {edge}"
    numbers = ", ".join(str(index + 1) for index in indexes)
    return f"{len(indexes)} {edge} (line{'s' if len(indexes) > 1 else ''} {numbers})"


def start_marker(marker: str) -> str:
    return f"<!-- {marker}:START -->"


def end_marker(marker: str) -> str:
    return f"<!-- {marker}:END -->"
