"""`python -m bot kb add` as a user runs it: a URL from a local server, then questions."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bot.test_cli import run_bot

FIXTURES = Path(__file__).parents[1] / "knowledge" / "fixtures"


def test_add_a_url_then_ask_from_the_folder(tmp_path: Path, page_server: str) -> None:
    folder = tmp_path / "kb"
    env = {"KNOWLEDGE_DIR": str(folder), "ALLOW_PRIVATE_URLS": "true"}
    added = run_bot("kb", "add", f"{page_server}/deal.html", "--id", "deal", cwd=tmp_path, env=env)
    assert added.returncode == 0, added.stderr
    report = added.stdout.decode()
    assert "deal: added" in report
    assert "13 paragraphs" in report
    assert "Dana Whitfield" in report  # people found
    assert "fact base OK: 1 article(s)" in report
    assert "Read more" not in (folder / "articles" / "deal.txt").read_text(encoding="utf-8")
    asked = run_bot(
        "ask",
        "--jsonl",
        stdin=b"how much is northwind paying per halden share?\nwho won the world cup?\n",
        cwd=tmp_path,
        env=env,
    )
    assert asked.returncode == 0, asked.stderr
    first, second = (json.loads(line) for line in asked.stdout.decode().splitlines())
    assert first["answered"] and "38.50" in first["answer"]
    assert first["citations"][0]["article"] == "deal"
    assert first["citations"][0]["quote"] in (folder / "articles" / "deal.txt").read_text("utf-8")
    assert not second["answered"]
    again = run_bot("kb", "add", f"{page_server}/deal.html", "--id", "deal", cwd=tmp_path, env=env)
    assert again.returncode == 0 and "deal: unchanged" in again.stdout.decode()


def test_a_local_address_is_refused_unless_allowed(tmp_path: Path, page_server: str) -> None:
    folder = tmp_path / "kb"
    result = run_bot(
        "kb", "add", f"{page_server}/deal.html", cwd=tmp_path, env={"KNOWLEDGE_DIR": str(folder)}
    )
    assert result.returncode == 2
    error = result.stderr.decode()
    assert "private or local address" in error and "Traceback" not in error
    assert not folder.exists()


def test_unreachable_and_missing_sources_are_one_clear_line(
    tmp_path: Path, page_server: str
) -> None:
    folder = tmp_path / "kb"
    env = {"KNOWLEDGE_DIR": str(folder), "ALLOW_PRIVATE_URLS": "true"}
    for source in (f"{page_server}/gone.html", str(tmp_path / "missing.txt")):
        result = run_bot("kb", "add", source, cwd=tmp_path, env=env)
        assert result.returncode == 2
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert not folder.exists()


def test_kb_add_needs_a_knowledge_folder(tmp_path: Path) -> None:
    result = run_bot("kb", "add", str(FIXTURES / "flood.txt"), cwd=tmp_path)
    assert result.returncode == 2
    assert "KNOWLEDGE_DIR" in result.stderr.decode()
