"""The runner's side: workflow commands, outputs, the step summary and masking (tests/data/HOSTILE-CASES.md, K4).

Everything printed goes through :class:`Workflow`, which writes to an injectable stream. Text from data is
made inert: it never starts a line with ``::``, ``##[`` is broken up, and line breaks, controls and direction
characters are shown as ``\\uXXXX``. Secrets are masked first and scrubbed from every message.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Mapping
from typing import TextIO

SUMMARY_LIMIT = 1024 * 1024 - 16 * 1024  # GitHub caps a step summary at 1 MiB; keep a margin for the note
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_UNSAFE_IN_COMMAND = re.compile(
    "[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)


def inert(text: str) -> str:
    """``text`` as one log line that no runner reads as a command."""
    text = _visible(text, _UNSAFE)
    return "> " + text if text.lstrip().startswith("::") else text


def _visible(text: str, unsafe: re.Pattern[str]) -> str:
    """Show unsafe characters as ``\\uXXXX`` and break up the legacy ``##[`` command syntax."""
    return unsafe.sub(lambda m: f"\\u{ord(m.group()):04x}", text).replace("##[", "##\\[")


def _escape_data(text: str) -> str:
    """A command's message: line breaks travel escaped (``%0A``) and the runner restores them."""
    text = _visible(text, _UNSAFE_IN_COMMAND)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Workflow:
    """Workflow commands and environment files of one step."""

    def __init__(self, env: Mapping[str, str], stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdout
        self._output_path = env.get("GITHUB_OUTPUT") or ""
        self._summary_path = env.get("GITHUB_STEP_SUMMARY") or ""
        self._secrets: list[str] = []
        self._summary_bytes = 0
        self._summary_truncated = False

    def mask(self, secret: str) -> None:
        """Register a secret with the runner and scrub it from everything printed later."""
        if not secret:
            return
        self._secrets.append(secret)
        self._write(f"::add-mask::{_escape_data(secret)}")

    def scrub(self, text: str) -> str:
        """``text`` with every secret replaced by ``***``, also a secret cut short by a length cap."""
        for secret in self._secrets:
            text = scrub_secret(text, secret)
        return text

    def info(self, text: str) -> None:
        for line in self.scrub(text).split("\n"):
            self._write(inert(line))

    def command(self, name: str, message: str, **properties: str) -> None:
        props = ",".join(f"{key}={_escape_property(self.scrub(v))}" for key, v in properties.items() if v)
        data = _escape_data(self.scrub(message))
        self._write(f"::{name}{' ' + props if props else ''}::{data}")

    def error(self, message: str, title: str = "") -> None:
        self.command("error", message, title=title)

    def warning(self, message: str, title: str = "") -> None:
        self.command("warning", message, title=title)

    def set_outputs(self, outputs: Mapping[str, str]) -> None:
        """Write outputs to ``GITHUB_OUTPUT`` as heredocs with random delimiters."""
        if not self._output_path:
            return
        with open(self._output_path, "a", encoding="utf-8", newline="\n") as handle:
            for name, value in outputs.items():
                handle.write(heredoc(name, self.scrub(value)))

    def summary(self, markdown: str) -> None:
        """Append Markdown to the step summary, keeping it under GitHub's 1 MiB limit."""
        if not self._summary_path or self._summary_truncated:
            return
        text = self.scrub(markdown)
        size = len(text.encode("utf-8"))
        if self._summary_bytes + size > SUMMARY_LIMIT:
            text = truncate_lines(text, SUMMARY_LIMIT - self._summary_bytes)
            self._summary_truncated = True
            size = len(text.encode("utf-8"))
        with open(self._summary_path, "a", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        self._summary_bytes += size

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()


MIN_SECRET_PREFIX = 8  # a secret's first characters that count as the secret when the rest was cut off


def scrub_secret(text: str, secret: str) -> str:
    """Replace ``secret`` in ``text``, and any run of its first ``MIN_SECRET_PREFIX`` or more characters: error
    messages are capped in length, so a long token may arrive cut short and a plain replace would miss it."""
    text = text.replace(secret, "***")
    head = secret[:MIN_SECRET_PREFIX]
    if len(secret) <= MIN_SECRET_PREFIX or head not in text:
        return text
    parts = []
    position = 0
    while (found := text.find(head, position)) >= 0:
        end = found + len(head)
        while end < len(text) and end - found < len(secret) and text[end] == secret[end - found]:
            end += 1
        parts += [text[position:found], "***"]
        position = end
    return "".join([*parts, text[position:]])


def truncate_lines(markdown: str, room: int) -> str:
    """The whole lines of ``markdown`` that fit in ``room`` bytes with a note saying how many were left out.

    Lines are never cut (a table keeps whole rows); the note stands after a blank line, outside any table.
    """
    lines = markdown.split("\n")
    budget = room - len(_truncation_note(len(lines)).encode("utf-8"))
    kept: list[str] = []
    used = 0
    for line in lines:
        size = len(line.encode("utf-8")) + 1
        if used + size > budget:
            break
        kept.append(line)
        used += size
    return "\n".join(kept) + _truncation_note(len(lines) - len(kept))


def _truncation_note(left_out: int) -> str:
    lines = f"{left_out} more line{'' if left_out == 1 else 's'}"
    return f"\n\n> ✂️ The step summary stops here: it reached GitHub's size limit (1 MiB). {lines} left out.\n"


def heredoc(name: str, value: str) -> str:
    delimiter = f"ghadelimiter_{uuid.uuid4()}"
    while delimiter in value:
        delimiter = f"ghadelimiter_{uuid.uuid4()}"
    return f"{name}<<{delimiter}\n{value}\n{delimiter}\n"
