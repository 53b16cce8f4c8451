"""The engine cache: same answers, rebuilt when data changes, never a reason to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBaseError
from knowledge.caching import fingerprint, load_engine

QUESTION = "how many north korean soldiers are in kursk"


def test_cached_engine_answers_like_a_fresh_one(kb_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = load_engine(kb_copy, cache_directory=cache)
    assert len(list(cache.glob("engine-*.pickle"))) == 1
    cached = load_engine(kb_copy, cache_directory=cache)
    assert cached is not built
    assert cached.answer(QUESTION) == built.answer(QUESTION)
    assert cached.answer("died?") == built.answer("died?")


def test_a_changed_fact_file_is_rebuilt_and_validated(kb_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_engine(kb_copy, cache_directory=cache)
    facts = kb_copy / "facts" / "north-korean-troops-kursk.toml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(
        text.replace("About 8,000 North Korean", "Roughly 8,000 North Korean"), "utf-8"
    )
    assert load_engine(kb_copy, cache_directory=cache).answer(QUESTION).text.startswith("Roughly")
    facts.write_text(text.replace("around 8,000 North", "around 9,000 North"), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        load_engine(kb_copy, cache_directory=cache)


def test_a_corrupt_cache_file_is_ignored(kb_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"engine-{fingerprint(kb_copy)}.pickle").write_bytes(b"not a pickle")
    assert load_engine(kb_copy, cache_directory=cache).answer(QUESTION).answered


def test_an_unwritable_cache_directory_is_ignored(kb_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    assert load_engine(kb_copy, cache_directory=blocker / "cache").answer(QUESTION).answered


def test_no_cache_directory_means_no_cache(kb_copy: Path, tmp_path: Path) -> None:
    assert load_engine(kb_copy, cache_directory=None).answer(QUESTION).answered
    assert list(tmp_path.rglob("*.pickle")) == []


def test_the_fingerprint_covers_the_lexicons(kb_copy: Path) -> None:
    before = fingerprint(kb_copy)
    lexicon = kb_copy / "lexicon" / "north-korean-troops-kursk.toml"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint(kb_copy) != before


def test_old_engines_are_removed_as_a_folder_keeps_changing(kb_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    facts = kb_copy / "facts" / "north-korean-troops-kursk.toml"
    text = facts.read_text(encoding="utf-8")
    for edit in range(12):
        facts.write_text(text + f"\n# edit {edit}\n", encoding="utf-8")
        load_engine(kb_copy, cache_directory=cache)
    kept = list(cache.glob("engine-*.pickle"))
    assert 1 < len(kept) <= 8
    assert cache / f"engine-{fingerprint(kb_copy)}.pickle" in kept  # the current one stays
