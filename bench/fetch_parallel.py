"""Benchmark: six sources that each answer after one second are fetched in about one second (in parallel).

Run from the repository root: ``.venv/bin/python bench/fetch_parallel.py``. Prints the figures; asserts nothing.
Part 3 of ``bench/run.py`` runs the same measurement.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from network import parallel_fetch


def main() -> None:
    result = parallel_fetch()
    print("| sources | each answers after | sources read | wall time | serial would take |")
    print("|---|---|---|---|---|")
    print(
        f"| {result.sources} | {result.delay:.1f} s | {result.ok} | {result.wall:.2f} s "
        f"| {result.sources * result.delay:.1f} s |"
    )


if __name__ == "__main__":
    main()
