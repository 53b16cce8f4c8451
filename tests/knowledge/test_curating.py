"""What a curator notices in the report: declined questions grouped, the fact each came nearest,
and the one-line edit that makes the engine answer, checked on the real fact base."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from knowledge import Engine, load_knowledge_base
from knowledge.curating import (
    Asked,
    cluster_questions,
    facts_files,
    nearest_fact,
    question_words,
    suggest_edit,
)
from knowledge.loading import DEFAULT_DIRECTORY

FACTS_FILE = "facts/north-korean-troops-kursk.toml"
# Declined on the packaged article: the fact explains too little of it ("foreign", "statement").
WEAK = "Per the US statement, roughly how many foreign soldiers moved into the Kursk area?"

DECLINED = [
    "how many soldiers died?",
    "How many soldiers died?",
    "how many soldiers  died",
    "How many NK soldiers were killed?",
    "how many north korean troops have died",
    "What did Zelensky say?",
    "what did zelenskyy say about it",
    "who is the president of south korea?",
    "how many tanks did russia lose?",
    "what is the capital of north korea",
]


def test_paraphrases_cluster_together_and_unrelated_questions_do_not(engine: Engine) -> None:
    clusters = cluster_questions(DECLINED, processor=question_words(engine))
    died, zelensky, *rest = clusters
    assert died.representative == "how many soldiers died?"
    assert died.questions == (
        Asked("how many soldiers died?", 3),  # repeats in any case or spacing count as one
        Asked("How many NK soldiers were killed?", 1),
        Asked("how many north korean troops have died", 1),
    )
    assert died.count == 5
    assert [a.question for a in zelensky.questions] == [
        "What did Zelensky say?",
        "what did zelenskyy say about it",  # a typo of a name the article never uses
    ]
    assert [c.count for c in rest] == [1, 1, 1]
    assert {c.representative for c in rest} == {
        "who is the president of south korea?",
        "how many tanks did russia lose?",
        "what is the capital of north korea",
    }


def test_the_largest_cluster_comes_first_and_the_result_is_stable(engine: Engine) -> None:
    questions = ["what did zelensky say?"] * 3 + DECLINED
    clusters = cluster_questions(questions, processor=question_words(engine))
    counts = [c.count for c in clusters]
    assert counts == sorted(counts, reverse=True)
    assert clusters[0].representative == "what did zelensky say?"
    assert clusters[0].count == 5
    assert sum(counts) == len(questions)
    assert cluster_questions(questions, processor=question_words(engine)) == clusters


def test_general_english_groups_repeats_and_typos_without_an_engine() -> None:
    clusters = cluster_questions(
        ["what did zelensky say?", "What did Zelenskyy say??", "how many tanks did russia lose?"]
    )
    assert [c.count for c in clusters] == [2, 1]
    assert cluster_questions([]) == []


def test_a_higher_threshold_splits_more(engine: Engine) -> None:
    words = question_words(engine)
    loose = cluster_questions(DECLINED, threshold=40, processor=words)
    strict = cluster_questions(DECLINED, threshold=99, processor=words)
    assert len(loose) <= len(cluster_questions(DECLINED, processor=words)) < len(strict)


def test_the_nearest_fact_even_when_the_engine_declines(engine: Engine) -> None:
    assert not engine.answer(WEAK).answered
    fact, score = nearest_fact(engine, WEAK) or ("", 0.0)
    assert fact == "nk-troops-kursk/troops-in-kursk"
    assert 0 < score < 1
    # Answered: the fact that answers.
    answering = nearest_fact(engine, "how many north korean soldiers are in kursk?")
    assert answering is not None
    assert answering[0] == "nk-troops-kursk/troops-in-kursk"
    assert answering[1] == pytest.approx(1.0)
    # A name the article never mentions kept every fact away: nearest without it.
    kharkiv = nearest_fact(engine, "How many North Korean soldiers are in Kharkiv?")
    assert kharkiv is not None
    assert kharkiv[0].startswith("nk-troops-kursk/troops-in-")
    assert nearest_fact(engine, "hello there") is None


def test_the_facts_file_of_each_article() -> None:
    assert facts_files(DEFAULT_DIRECTORY) == {"nk-troops-kursk": FACTS_FILE}


def test_the_suggested_edit_is_one_line_naming_file_fact_and_phrasing(engine: Engine) -> None:
    edit = suggest_edit(engine, WEAK, files=facts_files(DEFAULT_DIRECTORY))
    assert edit is not None
    assert edit.verified
    assert edit.fact_id == "nk-troops-kursk/troops-in-kursk"
    assert edit.line() == f'{FACTS_FILE}, fact troops-in-kursk: add to questions "{WEAK}"'
    # Without the folder's files, the file is named after the article.
    default = suggest_edit(engine, WEAK)
    assert default is not None
    assert default.file == "facts/nk-troops-kursk.toml"


def test_the_suggested_edit_applied_to_the_facts_file_makes_the_engine_answer(
    engine: Engine, kb_copy: Path
) -> None:
    edit = suggest_edit(engine, WEAK, files=facts_files(kb_copy))
    assert edit is not None
    path = kb_copy / edit.file
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    [fact] = [f for f in data["fact"] if f"{data['article']}/{f['id']}" == edit.fact_id]
    fact["questions"].append(edit.phrasing)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    answer = Engine(load_knowledge_base(kb_copy)).answer(WEAK)
    assert answer.answered
    assert answer.fact_ids == (edit.fact_id,)


@pytest.mark.parametrize(
    "question",
    [
        "how many north korean soldiers are in kursk?",  # answered already
        "how many soldiers died?",  # the article gives casualties, not deaths: a note says so
        "How many North Korean soldiers are in Kharkiv?",  # a name the article never mentions
        "will they fight in December?",  # a time after the article
        "is it good that they sent troops?",  # a judgement
        "write a poem about the troops",  # an instruction
        "Which South Korean ministers were there and what are their names?",  # a gap
        "hello there",  # nothing near
    ],
)
def test_no_edit_where_a_phrasing_would_make_it_answer_what_the_article_does_not_say(
    engine: Engine, question: str
) -> None:
    assert suggest_edit(engine, question) is None
