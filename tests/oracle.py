"""The render oracle (HOSTILE-CASES "Harness"): render Markdown as GitHub does and read the table back."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

TABLE_TAGS = frozenset({"table", "thead", "tbody", "tr", "th", "td"})


@dataclass
class RenderedTable:
    tags: list[str] = field(default_factory=list)  # every start tag, in order
    rows: list[list[str]] = field(default_factory=list)  # cell texts, header row first
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (row, cell, href)
    comments: int = 0


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.result = RenderedTable()
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.result.tags.append(tag)
        if tag == "tr":
            self.result.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            row = len(self.result.rows) - 1
            cell = len(self.result.rows[row]) if self.result.rows else -1
            self.result.links.append((row, cell, dict(attrs).get("href") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.result.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_comment(self, data: str) -> None:
        self.result.comments += 1


def render_markdown(markdown: str) -> str:
    """GitHub's Markdown renderer (cmark-gfm with its extensions), raw HTML passed through as GitHub parses it."""
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


def read_table(markdown: str) -> RenderedTable:
    reader = _TableReader()
    reader.feed(render_markdown(markdown))
    reader.close()
    return reader.result
