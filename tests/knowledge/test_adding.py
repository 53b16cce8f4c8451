"""`kb add` on text files: what is written, what a re-add keeps, what a failure leaves."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from knowledge.answering import Engine
from knowledge.building.adding import AddError, Options, add_sources
from knowledge.loading import load_knowledge_base

FIXTURES = Path(__file__).parent / "fixtures"
FLOOD = FIXTURES / "flood.txt"
LAUNCH = FIXTURES / "launch.txt"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "kb"


@pytest.fixture
def two_articles(folder: Path) -> Engine:
    add_sources(folder, [str(FLOOD)], Options(date=dt.date(2024, 6, 5), outlet="Halberg Post"))
    add_sources(folder, [str(LAUNCH)], Options(date=dt.date(2025, 3, 12)))
    return Engine(load_knowledge_base(folder))


def test_add_creates_the_folder_with_text_meta_facts_and_lexicon(folder: Path) -> None:
    added, kb = add_sources(folder, [str(FLOOD)], Options(id="flood", date=dt.date(2024, 6, 5)))
    assert [a.id for a in added] == ["flood"] and added[0].changed
    assert sorted(snapshot(folder)) == [
        "articles/flood.toml",
        "articles/flood.txt",
        "facts/flood.toml",
        "lexicon/flood.toml",
    ]
    assert list(kb.articles) == ["flood"]
    assert kb.articles["flood"].meta.date == dt.date(2024, 6, 5)
    # Every sentence is cited by a fact: `kb check` passes on a generated folder.
    assert len(kb.facts) == sum(len(p.sentences) for p in kb.articles["flood"].paragraphs)


def test_text_is_kept_verbatim_one_paragraph_per_line(folder: Path) -> None:
    add_sources(folder, [str(LAUNCH)])
    text = (folder / "articles" / "launch.txt").read_text(encoding="utf-8")
    assert text.splitlines()[1] == (
        "Mission director Hana Okafor said the launch cost 1.2 billion dollars and took eight "
        "years to prepare."
    )


def test_adding_the_same_source_again_changes_nothing(folder: Path) -> None:
    add_sources(folder, [str(FLOOD)])
    before = snapshot(folder)
    added, _ = add_sources(folder, [str(FLOOD)])
    assert not added[0].changed
    assert snapshot(folder) == before


def test_a_curators_edit_survives_adding_a_changed_source(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "flood.txt"
    shutil.copy(FLOOD, source)
    add_sources(folder, [str(source)])
    facts = folder / "facts" / "flood.toml"
    edited = facts.read_text(encoding="utf-8").replace(
        'topic = "Halberg"', 'topic = "The flood"', 1
    )
    assert edited != facts.read_text(encoding="utf-8")
    facts.write_text(edited, encoding="utf-8")
    source.write_text(
        FLOOD.read_text(encoding="utf-8") + "\nVolunteers filled 9,000 sandbags overnight.\n",
        encoding="utf-8",
    )
    added, kb = add_sources(folder, [str(source)])
    assert str(facts) in added[0].kept
    assert facts.read_text(encoding="utf-8") == edited
    assert "Volunteers" in kb.articles["flood"].text


def test_a_failure_leaves_the_folder_as_it_was(folder: Path, tmp_path: Path) -> None:
    add_sources(folder, [str(FLOOD)])
    before = snapshot(folder)
    with pytest.raises(AddError, match=r"missing\.txt"):
        add_sources(folder, [str(LAUNCH), str(tmp_path / "missing.txt")])
    assert snapshot(folder) == before


def test_an_edited_file_that_no_longer_matches_is_refused_whole(
    folder: Path, tmp_path: Path
) -> None:
    source = tmp_path / "flood.txt"
    shutil.copy(FLOOD, source)
    add_sources(folder, [str(source)])
    facts = folder / "facts" / "flood.toml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\n# checked by hand\n", "utf-8")
    before = snapshot(folder)
    source.write_text("A completely different report about a bridge.\n", encoding="utf-8")
    with pytest.raises(AddError, match=r"facts[/\\]flood\.toml"):
        add_sources(folder, [str(source)])
    assert snapshot(folder) == before


def test_an_id_names_one_source_only(folder: Path) -> None:
    with pytest.raises(AddError, match="single source"):
        add_sources(folder, [str(FLOOD), str(LAUNCH)], Options(id="both"))
    assert not folder.exists()


def test_the_question_goes_to_the_article_it_is_about(two_articles: Engine) -> None:
    flood = two_articles.answer("how many residents had to leave their homes?")
    launch = two_articles.answer("how much did the launch cost?")
    assert flood.answered and flood.citations[0].article == "flood"
    assert "3,500" in flood.text
    assert launch.answered and launch.citations[0].article == "launch"
    assert "1.2 billion dollars" in launch.text


@pytest.mark.parametrize(
    "question",
    [
        "how many soldiers died?",
        "how many firefighters were sent?",
        "what did the chancellor say about the flood?",
        "how many astronauts died?",
        "when will the next launch be?",
    ],
)
def test_near_misses_are_declined(two_articles: Engine, question: str) -> None:
    assert not two_articles.answer(question).answered


def test_answers_lead_with_what_was_asked(two_articles: Engine) -> None:
    answer = two_articles.answer("how far above earth is the research station?")
    assert answer.answered and answer.text.startswith("410 kilometers")
    when = two_articles.answer("when was lumen 1 launched?")
    assert when.answered and "March 10, 2025" in when.text


def test_files_are_readable_by_others_as_the_umask_allows(folder: Path) -> None:
    add_sources(folder, [str(FLOOD)])
    for path in folder.rglob("*.t*"):
        assert path.stat().st_mode & 0o044 == 0o044, path  # not the 0600 of a temporary file


def test_an_edited_file_that_is_not_utf8_is_kept_not_overwritten(folder: Path) -> None:
    add_sources(folder, [str(FLOOD)])
    lexicon = folder / "lexicon" / "flood.toml"
    edited = lexicon.read_text(encoding="utf-8") + "\n# note by the curator: café\n"
    lexicon.write_bytes(edited.encode("latin-1"))
    before = snapshot(folder)
    with pytest.raises(AddError, match="lexicon"):
        add_sources(folder, [str(FLOOD)])
    assert snapshot(folder) == before


def test_a_short_answer_is_of_the_measure_asked_for(two_articles: Engine) -> None:
    # The mayor's sentence gives a height (2.4 meters) and a time, never her age.
    answer = two_articles.answer("how old is the mayor?")
    assert not answer.text.startswith(("2.4", "Six hours"))


def test_a_short_answer_is_attributed_and_dated_as_the_article_does(two_articles: Engine) -> None:
    answer = two_articles.answer("how many residents had to leave their homes?")
    assert answer.text.startswith(
        "About 3,500 residents, according to local officials (June 5, 2024): "
    )
    # The rest is the sentence itself, and the citation quotes it verbatim.
    assert answer.citations[0].quote in answer.text
