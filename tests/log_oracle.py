"""The log oracle (tests/data/HOSTILE-CASES.md, K4 and D1-D10): read an action's stdout as the GitHub runner does.

The runner (actions/runner, K4) splits stdout at LF, CR or CRLF; a line whose left-trimmed form starts with ``::``
and a registered name is a command; ``##[`` anywhere is a legacy command; ``::stop-commands::TOKEN`` turns commands
off until a line ``::TOKEN::``. ``PAYLOADS`` are data that each try to form a command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

REGISTERED = frozenset(
    {
        *("debug", "notice", "warning", "error", "group", "endgroup", "add-mask", "echo"),
        *("add-matcher", "remove-matcher", "stop-commands", "set-output", "set-env", "save-state", "add-path"),
    }
)
# Data that each try to become a workflow command, alone or after a line break (D1).
PAYLOADS = [
    "::error::pwned",
    "   ::warning::x",
    "::add-mask::Engineer",
    "::stop-commands::abcdefgh",
    "::set-output name=changed::true",
    "::group::x",
    "Senior ##[error]x",
    "x ##[add-mask]Engineer",
    "ok\n::error::x",
    "ok\r::error::x",
    "ok\r\n::error::x",
    "\x1b[2J\x1b[31mred",
    "a\u202eb\u2066c\u200fd\x00e\x85f\u2028::error::g",
    "Normal title\n::stop-commands::7a3f9c1e",
]


@dataclass
class Command:
    name: str
    data: str
    properties: dict[str, str] = field(default_factory=dict)


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def runner_commands(stdout: str) -> list[Command]:
    """The workflow commands the runner would execute for this stdout (see the module docstring)."""
    commands: list[Command] = []
    stop_token: str | None = None
    for line in re.split(r"\r\n|\r|\n", stdout):
        if stop_token is not None:
            if line.strip() == f"::{stop_token}::":
                stop_token = None
            continue
        trimmed = line.lstrip()
        match = re.match(r"::(?P<name>[^ :]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$", trimmed)
        if match and match["name"] in REGISTERED:
            props = dict(pair.split("=", 1) for pair in (match["props"] or "").split(",") if "=" in pair)
            command = Command(
                match["name"], _unescape_data(match["data"]), {k: _unescape_property(v) for k, v in props.items()}
            )
            commands.append(command)
            if command.name == "stop-commands":
                stop_token = command.data
        elif "##[" in line:
            commands.append(Command("legacy", line))
    return commands
