"""The package's layout is the pipeline: each stage imports only the stages before it, and CONTRIBUTING.md
describes every module in one line."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "jobs_action"
SHARED = {"models", "errors", "text", "dates", "clock"}  # used by every stage; they import no stage
# stage -> the stages it may import (besides SHARED and itself)
ALLOWED = {
    "config": {"select", "sources"},  # category, place, salary and seniority inputs are validated where defined
    "sources": set(),
    "select": set(),
    "render": {"select"},
    "plan": {"config", "render"},
    "publish": {"config", "plan", "report"},
    "report": {"config", "publish", "render", "sources"},
    "app": {"config", "sources", "select", "render", "plan", "publish", "report"},
    "main": {"app", "config", "sources", "publish", "report"},
    "cli": {"app", "main", "config", "sources", "select", "render", "plan", "report"},
    "__main__": {"cli"},
    "__init__": set(),
}


def modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    found |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return {name for name in found if name.startswith("jobs_action.")}


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_each_stage_imports_only_earlier_stages(path):
    own = stage_of(".".join(path.relative_to(ROOT).with_suffix("").parts))
    allowed = SHARED if own in SHARED else ALLOWED[own] | SHARED
    wrong = {name for name in imports_of(path) if stage_of(name) not in allowed | {own}}
    assert not wrong, f"{path.relative_to(ROOT)} ({own}) imports {sorted(wrong)}"


def test_every_stage_of_the_package_has_a_layering_rule():
    stages = {stage_of(".".join(path.relative_to(ROOT).with_suffix("").parts)) for path in modules()}
    assert stages - {"__init__"} <= set(ALLOWED) | SHARED


def has_code(path: Path) -> bool:
    """A package's ``__init__.py`` with only its docstring (or a version) is not a module to describe."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return path.name != "__init__.py" or any(isinstance(node, ast.FunctionDef | ast.ClassDef) for node in body)


def test_contributing_describes_every_module_once():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    tree = text.split("## Layout\n", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\s*(?:[│├└─ ]*)([\w/]+\.py)\b", tree, re.MULTILINE)
    expected = sorted(str(path.relative_to(PACKAGE)) for path in modules() if has_code(path))
    assert sorted(listed) == expected
    assert len(listed) == len(set(listed))
