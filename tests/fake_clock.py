"""A fake monotonic clock with a recording ``sleep``: code under test waits, the test asserts the waits."""

from __future__ import annotations


class FakeClock:
    """A monotonic clock that moves only when the code under test sleeps; every sleep is recorded."""

    def __init__(self, start: float = 1000.0) -> None:
        self.time = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.time

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.time += seconds
