"""The dependency direction: knowledge/ never imports Discord or the bot; the CLI paths neither."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, by its full dotted name."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _offenders(package: str, forbidden: set[str]) -> dict[str, list[str]]:
    found = {
        str(path.relative_to(ROOT)): sorted(
            name for name in _imports(path) if name.split(".")[0] in forbidden
        )
        for path in (ROOT / package).rglob("*.py")
    }
    return {path: names for path, names in found.items() if names}


def test_knowledge_never_imports_discord_the_bot_or_storage() -> None:
    assert _offenders("knowledge", {"discord", "bot", "storage"}) == {}


def test_storage_never_imports_discord_or_the_bot() -> None:
    assert _offenders("storage", {"discord", "bot"}) == {}


def test_command_line_never_imports_the_discord_front_end() -> None:
    found = {
        str(path.relative_to(ROOT)): sorted(
            name
            for name in _imports(path)
            if name == "discord" or name.startswith(("discord.", "bot.discord_bot"))
        )
        for path in (ROOT / "bot" / "command_line").rglob("*.py")
    }
    assert {path: names for path, names in found.items() if names} == {}


def test_cli_paths_do_not_load_discord() -> None:
    code = (
        "import sys, bot.__main__, bot.command_line.output, bot.command_line.console, knowledge\n"
        "assert 'discord' not in sys.modules, sorted(m for m in sys.modules if 'discord' in m)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
