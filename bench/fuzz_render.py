"""A long fuzz run of the table renderer (tests/data/HOSTILE-CASES.md, A15) through the cmark-gfm render oracle.

Each example is one to four jobs whose company, title, location and URL tail are random strings of the hostile
alphabet (tests/render_checks.py), on URL hosts that vary (a name, IPv6, IDN, a port), built at the source border
and rendered with a random ``link-query`` and ``date-format``. The check is the same as the CI property test: one
table, a header plus one row per job, five cells each, only table tags, one Apply link per row pointing at the
job's URL, and every cell showing the cleaned input. One example in five also renders the whole generated file,
with hostile credit names and related-list titles, and checks it holds one table and only the page's own links.

Run from the repository root: ``.venv/bin/python bench/fuzz_render.py --examples 100000 [--seed 1]``.
Prints the examples run, the failures found and the first few failing inputs; exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from render_checks import DATE_FORMATS, page_problems, random_text, render_problems  # noqa: E402

from jobs_action.render.table import TableOptions  # noqa: E402

LINK_QUERIES = ("", "utm=github", "a=1&b=2")
SHOWN_FAILURES = 5
PAGE_SHARE = 0.2  # examples that also check the whole generated file around the table


def random_fields(rng: random.Random) -> list[tuple[str, str, str, str]]:
    return [
        (random_text(rng), random_text(rng), random_text(rng), random_text(rng, 8)) for _ in range(rng.randint(1, 4))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--examples", type=int, default=100_000, help="how many random tables to check")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a fresh one, printed)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    failures: list[tuple[list[tuple[str, str, str, str]], str, list[str]]] = []
    started = time.monotonic()
    for _ in range(args.examples):
        fields = random_fields(rng)
        link_query = rng.choice(LINK_QUERIES)
        options = TableOptions(link_query=link_query, date_format=rng.choice(DATE_FORMATS))
        problems = render_problems(fields, options)
        if rng.random() < PAGE_SHARE:
            problems += page_problems(fields, options, [random_text(rng, 6) for _ in range(rng.randint(0, 3))])
        if problems:
            failures.append((fields, link_query, problems))
    elapsed = time.monotonic() - started
    print(f"seed {seed}: {args.examples} examples run, {len(failures)} failures found in {elapsed:.1f} s")
    for fields, link_query, problems in failures[:SHOWN_FAILURES]:
        print(f"  fields={fields!r} link_query={link_query!r}: {problems[0]}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
