"""The dependency direction: knowledge/ never imports Discord or the bot; the CLI paths neither."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_knowledge_never_imports_discord_or_bot() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & {"discord", "bot"})
        for path in (ROOT / "knowledge").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_cli_paths_do_not_load_discord() -> None:
    code = (
        "import sys, bot.__main__, bot.cli, bot.console, knowledge\n"
        "assert 'discord' not in sys.modules, sorted(m for m in sys.modules if 'discord' in m)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
