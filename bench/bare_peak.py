"""The bare-``Job`` floor's memory in the smallest interpreter that can hold the jobs.

``python bench/bare_peak.py DIR`` reads ``DIR/feed*.json``, decodes each feed and builds one ``Job`` per item from
its raw fields (nothing checked or cleaned), keeps every job, and prints its peak resident set as JSON. It imports
``json`` and ``jobs_action.models`` and nothing else, so its peak is the data's plus Python's own; ``bench/run.py``
sets it beside the pipeline's (``bench/throughput.py --peak``).
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobs_action.models import Job


def bare_jobs(items: list[Any]) -> list[Job]:
    """One ``Job`` per item from its raw fields, nothing checked or cleaned."""
    epoch = datetime(2000, 1, 1, tzinfo=UTC)
    return [
        Job(i.get("company"), i.get("title"), i.get("url"), epoch, i.get("location"), tags=tuple(i.get("tags", ())))
        for i in items
        if isinstance(i, dict)
    ]


def status_kib(field: str) -> int:
    """A size from ``/proc/self/status`` (``VmHWM``: the peak resident set of this process since its ``exec``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def main() -> None:
    directory = Path(sys.argv[1])
    feeds = [path.read_bytes() for path in sorted(directory.glob("feed*.json"))]
    before = status_kib("VmRSS")
    kept: list[Job] = []
    for content in feeds:
        kept += bare_jobs(json.loads(content)["jobs"])
    print(json.dumps({"kind": "bare", "jobs": len(kept), "rss_before_mib": before / 1024,
                      "max_rss_mib": status_kib("VmHWM") / 1024}))  # fmt: skip


if __name__ == "__main__":
    main()
