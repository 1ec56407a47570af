"""Every case of the hostile-cases catalogue (tests/data/HOSTILE-CASES.md) has at least one named test.

A case ``A1`` is covered by a test function anywhere under tests/ whose name starts with ``test_a1_``
(``test_a1_pipe_in_company_keeps_five_cells``). Functions are found with ``ast``, so nothing is imported or run.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
CATALOGUE = TESTS / "data" / "HOSTILE-CASES.md"
CASE_HEADING = re.compile(r"^- \*\*(?P<id>[A-D]\d+) ", re.MULTILINE)
EXPECTED_IDS = (
    [f"A{n}" for n in range(1, 18)]
    + [f"B{n}" for n in range(1, 15)]
    + [f"C{n}" for n in range(1, 20)]
    + [f"D{n}" for n in range(1, 12)]
)


def catalogue_ids() -> list[str]:
    return CASE_HEADING.findall(CATALOGUE.read_text(encoding="utf-8"))


def collected_test_names() -> set[str]:
    names: set[str] = set()
    for path in TESTS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names.update(
            node.name
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")
        )
    return names


def test_the_copied_catalogue_has_every_case_once():
    ids = catalogue_ids()
    assert ids == EXPECTED_IDS, f"the catalogue copy lists {ids}; expected A1-A17, B1-B14, C1-C19, D1-D11"


def test_every_catalogue_case_has_a_named_test():
    names = collected_test_names()
    missing = [case for case in catalogue_ids() if not any(name.startswith(f"test_{case.lower()}_") for name in names)]
    assert not missing, (
        f"no test function named test_<id>_... for: {', '.join(missing)}. "
        "Add a test whose name starts with test_<id lowercase>_ (see tests/data/HOSTILE-CASES.md)."
    )
