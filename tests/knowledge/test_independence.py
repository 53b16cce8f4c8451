"""The engine is article-independent: its code and general vocabulary name no article.

What belongs to one article lives in its knowledge folder (the packaged one is
`knowledge/curated`: articles, facts and `lexicon/<article>.toml`), never in the engine.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CURATED = ROOT / "knowledge" / "curated"
# Names and phrases of the packaged article (case-insensitive, whole words).
ARTICLE_WORDS = re.compile(
    r"\b(kursk|blinken|austin|pyongyang|north[ -]koreans?|south[ -]koreans?|north[ -]korea"
    r"|south[ -]korea|dprk|nk-troops|nk troops|kim jong ?un|lloyd|antony)\b",
    re.IGNORECASE,
)


def _engine_files() -> list[Path]:
    code = [*(ROOT / "knowledge").rglob("*.py"), *(ROOT / "bot").rglob("*.py")]
    vocabulary = [p for p in (ROOT / "knowledge" / "vocabulary").rglob("*") if p.is_file()]
    return sorted(p for p in code + vocabulary if CURATED not in p.parents)


@pytest.mark.parametrize(
    "path", _engine_files(), ids=lambda p: str(p.relative_to(ROOT)) if isinstance(p, Path) else ""
)
def test_engine_file_names_nothing_from_the_article(path: Path) -> None:
    relative = str(path.relative_to(ROOT))
    text = path.read_text(encoding="utf-8")
    found = sorted(
        {
            f"{text.count(chr(10), 0, m.start()) + 1}: {m.group(0)}"
            for m in ARTICLE_WORDS.finditer(text)
        }
    )
    assert not found, f"{relative} names the article: {found}"


def test_the_packaged_article_keeps_its_own_vocabulary() -> None:
    lexicon = CURATED / "lexicon" / "north-korean-troops-kursk.toml"
    assert ARTICLE_WORDS.search(lexicon.read_text(encoding="utf-8"))
    assert (CURATED / "articles" / "north-korean-troops-kursk.txt").is_file()
    assert (CURATED / "facts" / "north-korean-troops-kursk.toml").is_file()
