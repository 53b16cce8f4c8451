"""Per-article vocabularies: each knowledge folder's lexicons merged with the general vocabulary."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from knowledge import KnowledgeBaseError, load_knowledge_base
from knowledge.lexicon import UNKNOWN_NAME, Lexicon
from knowledge.loading import VOCABULARY_DIRECTORY, load_vocabulary

TEXT = "Mayor Ana Brel said Beijing sent 40 pumps to Halberg. The river fell by Friday."


def _folder(root: Path, lexicons: dict[str, str], *, text: str = TEXT) -> Path:
    """A knowledge folder with one article, its facts and the given `lexicon/*.toml` files."""
    for sub in ("articles", "facts", "lexicon"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    (root / "articles" / "flood.txt").write_text(text, encoding="utf-8")
    (root / "articles" / "flood.toml").write_text(
        'id = "flood"\ntitle = "Flood"\ndate = 2024-06-05\n', encoding="utf-8"
    )
    (root / "facts" / "flood.toml").write_text(
        'article = "flood"\n[[fact]]\nid = "pumps"\ntopic = "Pumps"\n'
        'answer = "Forty pumps were sent."\ntype = "number"\nsource = "Ana Brel"\n'
        'questions = ["How many pumps were sent?"]\nquotes = ["sent 40 pumps to Halberg"]\n',
        encoding="utf-8",
    )
    for name, body in lexicons.items():
        (root / "lexicon" / name).write_text(body, encoding="utf-8")
    return root


def test_an_alias_two_lexicons_give_different_meanings_means_neither(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _folder(
        tmp_path,
        {
            "a-flood.toml": '[synonyms]\nbrel = ["the mayor", "ana brel"]\n',
            "b-launch.toml": '[synonyms]\nokafor = ["the mayor", "hana okafor"]\n',
        },
    )
    with caplog.at_level(logging.WARNING, logger="knowledge.loading"):
        kb = load_knowledge_base(folder)
    lexicon = Lexicon(kb.vocabulary)
    assert lexicon.tokens("ana brel") == ["brel"]
    assert lexicon.tokens("hana okafor") == ["okafor"]
    assert "brel" not in lexicon.tokens("what did the mayor say")
    assert "okafor" not in lexicon.tokens("what did the mayor say")
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_an_alias_that_is_another_articles_token_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _folder(
        tmp_path,
        {
            "a-flood.toml": '[synonyms]\nbrel = ["okafor"]\n',
            "b-launch.toml": '[synonyms]\nokafor = ["hana okafor"]\n',
        },
    )
    with caplog.at_level(logging.WARNING, logger="knowledge.loading"):
        kb = load_knowledge_base(folder)
    assert Lexicon(kb.vocabulary).tokens("okafor") == ["okafor"]
    assert "okafor" not in kb.vocabulary.synonyms["brel"]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_one_lexicon_giving_a_phrase_two_meanings_is_refused_by_name(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, {"flood.toml": '[synonyms]\nbrel = ["the mayor"]\nhalberg = ["the mayor"]\n'}
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(folder)
    assert caught.value.file == str(folder / "lexicon" / "flood.toml")
    assert caught.value.field == "synonyms.halberg"
    assert "'the mayor' is listed under both 'brel' and 'halberg'" in str(caught.value)


def test_an_invalid_lexicon_is_refused_by_name(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"flood.toml": "[synonyms]\nbrel = 3\n"})
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(folder)
    assert caught.value.file == str(folder / "lexicon" / "flood.toml")


def test_an_article_meaning_wins_over_the_general_one(tmp_path: Path) -> None:
    general = load_vocabulary(VOCABULARY_DIRECTORY / "synonyms.toml")
    assert "frontier" in general.synonyms["border"]
    folder = _folder(tmp_path, {"flood.toml": '[synonyms]\nhalberg = ["frontier"]\n'})
    kb = load_knowledge_base(folder)
    assert "frontier" not in kb.vocabulary.synonyms["border"]
    assert "frontiers" in kb.vocabulary.synonyms["border"]
    assert Lexicon(kb.vocabulary).tokens("the frontier") == ["halberg"]


def test_a_general_canonical_token_can_take_an_article_meaning(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"flood.toml": '[synonyms]\nhalberg = ["border"]\n'})
    lexicon = Lexicon(load_knowledge_base(folder).vocabulary)
    assert lexicon.tokens("border") == ["halberg"]
    assert lexicon.tokens("frontier") == ["border"]


def test_sets_are_unioned_and_speakers_merged(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "a.toml": '[entities]\ntokens = ["brel"]\nspeaks_for = { brel = ["halberg"] }\n',
            "b.toml": '[entities]\ntokens = ["okafor"]\nspeaks_for = { brel = ["city"] }\n',
        },
    )
    vocabulary = load_knowledge_base(folder).vocabulary
    assert {"brel", "okafor"} <= vocabulary.entities
    assert vocabulary.speaks_for["brel"] == ("halberg", "city")
    assert "the" in vocabulary.stopwords  # the general vocabulary is always there


def test_a_general_unknown_name_the_article_uses_is_not_unknown(tmp_path: Path) -> None:
    lexicon = Lexicon(load_knowledge_base(_folder(tmp_path, {})).vocabulary)
    assert not lexicon.tokens("beijing")[0].startswith(UNKNOWN_NAME)
    assert lexicon.tokens("china") == [UNKNOWN_NAME + "china"]
    # Only a name the article uses stops being unknown.
    other = Lexicon(
        load_knowledge_base(
            _folder(tmp_path / "b", {}, text=TEXT.replace("Beijing", "Pekin"))
        ).vocabulary
    )
    assert other.tokens("beijing") == [UNKNOWN_NAME + "beijing"]


def test_the_general_vocabulary_names_no_article(tmp_path: Path) -> None:
    vocabulary = load_knowledge_base(_folder(tmp_path, {})).vocabulary
    assert not vocabulary.entities
    assert not vocabulary.speaks_for


def test_opposites_come_with_the_vocabulary_and_a_bad_line_is_refused(tmp_path: Path) -> None:
    vocabulary = tmp_path / "vocabulary"
    shutil.copytree(VOCABULARY_DIRECTORY, vocabulary)
    kb = load_knowledge_base(vocabulary_directory=vocabulary)
    assert ("promoted", "demoted") in kb.vocabulary.opposites
    opposites = vocabulary / "opposites.txt"
    opposites.write_text(opposites.read_text(encoding="utf-8") + "lonely\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge_base(vocabulary_directory=vocabulary)
    assert caught.value.file == str(opposites)
    assert "is not 'word<TAB>other': 'lonely'" in str(caught.value)
