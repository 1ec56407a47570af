"""The one clock of a run: the time, and every wait (retry backoff, rate limits, write spacing).

The pipeline never calls ``time`` itself; it is handed a ``Clock``. Tests hand it one whose ``sleep`` moves the
clock instead of waiting, so a run that backs off or spaces its writes finishes at once and the waits can be
asserted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True, slots=True)
class Clock:
    monotonic: Callable[[], float] = field(default=time.monotonic)  # deadlines and intervals
    sleep: Callable[[float], None] = field(default=time.sleep)
    wall: Callable[[], float] = field(default=time.time)  # epoch seconds (rate-limit reset times)

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.wall(), UTC)
