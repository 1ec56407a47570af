"""Source specs: ``json:URL``, ``file:PATH``, provider names and ``NAME:ARGUMENT``.

See docs/CONTRACT.md, "Source specs"."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source: ``kind`` is ``json``, ``file`` or a provider name; ``argument`` is the part after ``:``."""

    kind: str
    argument: str = ""
    company: str = ""  # a company board's name as readers know it: ``lever:spotify=Spotify``

    @property
    def text(self) -> str:
        base = f"{self.kind}:{self.argument}" if self.argument else self.kind
        return f"{base}={self.company}" if self.company else base

    @property
    def url_override(self) -> str | None:
        """The full endpoint URL given as ``NAME:https://...``, if any."""
        if self.argument.startswith(("http://", "https://")):
            return self.argument
        return None

    def __str__(self) -> str:
        return self.text
