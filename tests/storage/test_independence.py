"""The storage package stands alone: no Discord, no bot, no knowledge engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"discord", "bot", "knowledge"}


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "storage").rglob("*.py")),
    ids=lambda p: str(p.relative_to(ROOT)) if isinstance(p, Path) else "",
)
def test_storage_imports_nothing_of_the_bot(path: Path) -> None:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
    assert not imported & FORBIDDEN
