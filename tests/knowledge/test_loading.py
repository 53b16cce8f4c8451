"""Loading the fact base: positions computed from quotes, and broken files refused by name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from knowledge import KnowledgeBase, KnowledgeBaseError, load_knowledge_base
from knowledge.loading import (
    VOCABULARY_DIRECTORY,
    mentioned_names,
    sentence_count,
    uncovered_sentences,
)

ARTICLE = "nk-troops-kursk"
FACTS = "facts/north-korean-troops-kursk.toml"


def _edit(root: Path, relative: str, old: str, new: str) -> Path:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _error(root: Path) -> KnowledgeBaseError:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(root)
    return caught.value


def test_packaged_article_is_the_shared_text_byte_for_byte(kb: KnowledgeBase) -> None:
    shared = Path(__file__).resolve().parents[3] / "shared" / "article"
    source = shared / "north-korean-troops-kursk.txt"
    if not source.exists():
        pytest.skip("shared/article is not beside this checkout")
    assert kb.article(ARTICLE).text.encode("utf-8") == source.read_bytes()


def test_article_structure_and_metadata(kb: KnowledgeBase) -> None:
    article = kb.article()
    assert article.id == ARTICLE
    assert len(article.paragraphs) == 10
    assert [len(p.sentences) for p in article.paragraphs] == [1, 2, 1, 1, 1, 1, 2, 1, 1, 1]
    meta = article.meta
    assert meta.title_is_ours
    assert meta.date is not None and meta.date.isoformat() == "2024-10-31"
    assert meta.cites == ("Associated Press",)
    assert (meta.outlet, meta.author, meta.url) == ("", "", "")


def test_every_sentence_is_cited_by_a_fact(kb: KnowledgeBase) -> None:
    assert uncovered_sentences(kb) == []
    assert sentence_count(kb.articles.values()) == 12


def test_citations_are_verbatim_and_positions_computed(kb: KnowledgeBase) -> None:
    article = kb.article()
    for fact in kb.facts:
        assert fact.id.startswith(f"{ARTICLE}/")
        for citation in fact.citations:
            assert citation.quote in article.paragraphs[citation.paragraph - 1].text
    by_id = {fact.id: fact for fact in kb.facts}
    assert by_id[f"{ARTICLE}/troops-in-kursk"].citations[0].paragraph == 1
    assert by_id[f"{ARTICLE}/russian-casualties"].sentences == ((10, 1),)
    assert by_id[f"{ARTICLE}/aid-total"].sentences == ((7, 2),)


def test_quote_not_in_article_names_file_fact_field_and_closest_passage(kb_copy: Path) -> None:
    path = _edit(
        kb_copy,
        FACTS,
        '"around 8,000 North Korean soldiers have entered the Russian Kursk region',
        '"around 9,000 North Korean soldiers have entered the Russian Kursk region',
    )
    error = _error(kb_copy)
    assert error.file == str(path)
    assert (error.fact, error.field) == ("troops-in-kursk", "quotes.0")
    message = str(error)
    assert "not a verbatim span" in message
    assert "closest passage: 'around 8,000 North Korean soldiers" in message


def test_straight_apostrophe_is_not_verbatim(kb_copy: Path) -> None:
    _edit(
        kb_copy, FACTS, "North Korea’s efforts to strengthen", "North Korea's efforts to strengthen"
    )
    error = _error(kb_copy)
    assert (error.fact, error.field) == ("global-concerns", "quotes.0")


def test_unknown_field_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy, FACTS, 'id = "training"\n', 'id = "training"\ncolour = "red"\n')
    error = _error(kb_copy)
    assert (error.fact, error.field) == ("training", "colour")
    assert "Extra inputs are not permitted" in str(error)


def test_missing_field_is_refused(kb_copy: Path) -> None:
    _edit(
        kb_copy,
        FACTS,
        'answer = "Over 500,000 Russian military casualties over the past two years, '
        'according to US estimates."\n',
        "",
    )
    error = _error(kb_copy)
    assert (error.fact, error.field) == ("russian-casualties", "answer")


def test_bad_answer_type_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy, FACTS, 'type = "list"', 'type = "shopping list"')
    error = _error(kb_copy)
    assert (error.fact, error.field) == ("training", "type")


def test_duplicate_fact_id_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy, FACTS, 'id = "estimate-us"', 'id = "troops-in-kursk"')
    error = _error(kb_copy)
    assert (error.fact, error.field) == ("troops-in-kursk", "id")
    assert "duplicate" in str(error)


def test_unknown_article_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy, FACTS, 'article = "nk-troops-kursk"', 'article = "no-such-article"')
    error = _error(kb_copy)
    assert error.field == "article"
    assert "no-such-article" in str(error)


def test_invalid_toml_names_the_file(kb_copy: Path) -> None:
    path = _edit(kb_copy, FACTS, 'id = "training"', 'id = "training')
    error = _error(kb_copy)
    assert error.file == str(path)
    assert "not valid TOML" in str(error)


def test_bad_article_metadata_is_refused(kb_copy: Path) -> None:
    path = _edit(
        kb_copy, "articles/north-korean-troops-kursk.toml", "date = 2024-10-31", 'date = "soon"'
    )
    error = _error(kb_copy)
    assert (error.file, error.field) == (str(path), "date")


def test_one_broken_file_refuses_the_whole_base(kb_copy: Path) -> None:
    (kb_copy / "facts" / "zz-second.toml").write_text(
        'article = "nk-troops-kursk"\n[[fact]]\nid = "x"\n', encoding="utf-8"
    )
    error = _error(kb_copy)
    assert error.file.endswith("zz-second.toml")
    assert error.fact == "x"


def test_a_second_article_loads_with_namespaced_facts(kb_copy: Path) -> None:
    (kb_copy / "articles" / "second.txt").write_text(
        "First paragraph here. It has two sentences.\nSecond paragraph.", encoding="utf-8"
    )
    (kb_copy / "articles" / "second.toml").write_text(
        'id = "second"\ntitle = "A second article"\ntitle_is_ours = true\ndate = 2024-11-01\n',
        encoding="utf-8",
    )
    (kb_copy / "facts" / "second.toml").write_text(
        'article = "second"\n[[fact]]\nid = "troops-in-kursk"\ntopic = "T"\n'
        'answer = "It has two sentences."\ntype = "number"\nsource = "the article"\n'
        'questions = ["How many sentences?"]\nquotes = ["It has two sentences."]\n',
        encoding="utf-8",
    )
    kb = load_knowledge_base(kb_copy)
    assert set(kb.articles) == {ARTICLE, "second"}
    fact = next(f for f in kb.facts if f.article == "second")
    assert fact.id == "second/troops-in-kursk"
    assert (fact.citations[0].paragraph, fact.sentences) == (1, ((1, 2),))
    assert [s.text for s in uncovered_sentences(kb)] == [
        "First paragraph here.",
        "Second paragraph.",
    ]


def test_missing_directory_is_refused(tmp_path: Path) -> None:
    error = _error(tmp_path / "nowhere")
    assert re.search("not a directory", str(error))


def test_a_trigger_without_its_note_is_refused(kb_copy: Path) -> None:
    _edit(kb_copy, FACTS, 'unanswered = "It names the training', 'unused = "It names the training')
    error = _error(kb_copy)
    assert error.fact == "training"
    assert "unused" in str(error)


def test_a_phrase_with_two_meanings_is_refused(kb_copy: Path) -> None:
    path = _edit(
        kb_copy,
        "lexicon/north-korean-troops-kursk.toml",
        'ukraine = ["ukraine",',
        'ukraine = ["ukraine", "moscow",',
    )
    error = _error(kb_copy)
    assert error.file == str(path)
    assert error.field == "synonyms.ukraine"
    assert "'moscow' is listed under both 'russia' and 'ukraine'" in str(error)


def test_a_phrase_with_two_meanings_in_the_general_vocabulary_is_refused(
    kb_copy: Path, tmp_path: Path
) -> None:
    vocabulary = tmp_path / "vocabulary"
    shutil.copytree(VOCABULARY_DIRECTORY, vocabulary)
    path = _edit(vocabulary, "synonyms.toml", 'border = ["border",', 'border = ["border", "near",')
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(kb_copy, vocabulary_directory=vocabulary)
    assert (caught.value.file, caught.value.field) == (str(path), "synonyms.near")
    assert "'near' is listed under both 'border' and 'near'" in str(caught.value)


def test_a_name_spelled_either_way_is_mentioned() -> None:
    spellings = {"defence": "defense"}
    names = ["air defense", "air defence", "coast guard"]
    used = mentioned_names(names, ["Its air defence units were moved."], spellings)
    assert used == {"air defense", "air defence"}
