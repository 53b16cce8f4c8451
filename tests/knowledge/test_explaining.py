"""What a user clicking "Explain" reads: the fact that answered and its runner-up, or what was
missing; always in agreement with the answer itself."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from benchmarks.evaluation import load_cases
from knowledge import Answer, Engine, load_knowledge_base
from knowledge.building.adding import Options, add_sources
from knowledge.explaining import MAX_LINE_CHARS, MAX_LINES, Explanation, explain

ROOT = Path(__file__).resolve().parents[2]
HOLDOUT = ROOT / "benchmarks" / "holdout_v46.toml"
ARTICLES = ROOT / "benchmarks" / "articles"
ADDED = "carrow-ridge-wildfire"


def _text(explanation: Explanation) -> str:
    lines = explanation.lines()
    assert 1 <= len(lines) <= MAX_LINES
    assert all(0 < len(line) <= MAX_LINE_CHARS for line in lines), lines
    return "\n".join(lines)


def _agrees(engine: Engine, question: str, previous: Answer | None = None) -> Answer:
    answer = engine.answer(question, previous=previous)
    explanation = explain(engine, question, previous=previous)
    assert explanation.answered == answer.answered, question
    if answer.answered:
        assert explanation.fact_id == answer.fact_ids[0], question
    _text(explanation)
    return answer


def test_an_answer_names_its_fact_quote_score_and_runner_up(engine: Engine) -> None:
    explanation = explain(engine, "How many North Korean soldiers are in Kursk?")
    assert explanation.answered
    assert explanation.fact_id == "nk-troops-kursk/troops-in-kursk"
    assert explanation.article == "nk-troops-kursk"
    assert "8,000 North Korean soldiers" in explanation.quote
    assert explanation.score == pytest.approx(1.0)
    assert explanation.confidence == pytest.approx(1.0)
    rival = explanation.runner_up
    assert rival is not None
    assert rival.fact_id != explanation.fact_id
    # Scored as high, but a number was asked for and it gives none.
    assert rival.why == "ruled out: it asks for a number; this fact gives a reason"
    text = _text(explanation)
    assert "nk-troops-kursk/troops-in-kursk" in text
    assert f"Runner-up: {rival.fact_id}" in text


def test_a_runner_up_that_merely_scored_lower_says_both_scores(engine: Engine) -> None:
    explanation = explain(engine, "who is blinken?")
    assert explanation.fact_id == "nk-troops-kursk/who-is-blinken"
    rival = explanation.runner_up
    assert rival is not None
    assert rival.score < explanation.score
    assert f"lower score ({rival.score:.2f} against {explanation.score:.2f})" in rival.why


def test_a_detail_the_article_never_gives_says_what_is_missing(engine: Engine) -> None:
    explanation = explain(engine, "how many soldiers died?")
    assert not explanation.answered
    assert explanation.missing == (
        "It gives Russian military casualties, which count the wounded too, but not deaths.",
    )
    near = explanation.nearest
    assert near is not None
    assert near.fact_id == "nk-troops-kursk/russian-casualties"
    assert '"died"' in near.why
    assert "never gives" in near.why
    assert "not deaths" in _text(explanation)


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        # A word nothing in the article uses.
        ("how many poems did the soldiers write?", 'No fact uses the word "poems"'),
        # A name the article never mentions, as the user typed it.
        ("How many North Korean soldiers are in Kharkiv?", 'never mentions "Kharkiv"'),
        ("How many Chinese soldiers are in Kursk?", 'never mentions "Chinese"'),
        # A time after the article.
        ("will they fight in December?", '"December", a time the article does not cover'),
        ("what happened in 2025?", '"2025", a time the article does not cover'),
        ("did they end up fighting?", "how things turned out"),
        ("whose estimate is 20,000?", 'whose figure "20,000" is'),
        # Requests for a judgement or an instruction.
        ("is it good that they sent troops?", "asks for a judgement"),
        ("write a poem about the troops", "an instruction"),
        ("thanks bot!", "only thanks"),
    ],
)
def test_a_decline_says_what_was_missing(engine: Engine, question: str, missing: str) -> None:
    explanation = explain(engine, question)
    assert not explanation.answered
    assert any(missing in line for line in explanation.missing), explanation.missing
    assert _text(explanation).startswith("Not answered.")


def test_a_decline_names_the_nearest_fact_and_the_check_that_ruled_it_out(
    engine: Engine,
) -> None:
    explanation = explain(engine, "Are the North Koreans dressed like Russian soldiers?")
    near = explanation.nearest
    assert near is not None
    assert near.fact_id == "nk-troops-kursk/uniforms-equipment"
    assert near.why == (
        'ruled out: it asks about "Russian soldiers"; this fact is about other soldiers'
    )


def test_a_fact_explaining_too_little_says_how_much_and_which_words(engine: Engine) -> None:
    question = "Per the US statement, roughly how many foreign soldiers moved into the Kursk area?"
    near = explain(engine, question).nearest
    assert near is not None
    assert near.fact_id == "nk-troops-kursk/troops-in-kursk"
    assert "% of the question (72% needed)" in near.why
    assert '"foreign"' in near.why


def test_a_message_answered_part_by_part_explains_each_part(engine: Engine) -> None:
    explanation = explain(engine, "how many troops are in kursk and what did zelensky say?")
    assert explanation.answered
    assert [part.answered for part in explanation.parts] == [True, False]
    assert explanation.fact_id == explanation.parts[0].fact_id == "nk-troops-kursk/troops-in-kursk"
    assert 'never mentions "zelensky"' in explanation.parts[1].missing[0]
    assert _text(explanation).startswith("Answered part by part (2 parts).")


def test_a_question_beside_chit_chat_says_what_was_taken_as_the_question(engine: Engine) -> None:
    explanation = explain(engine, "honestly kinda surprised, how many troops are in kursk?")
    assert explanation.asked == "how many troops are in kursk?"
    assert 'Taken as the question: "how many troops are in kursk?"' in _text(explanation)


def test_a_follow_up_is_explained_as_one(engine: Engine) -> None:
    previous = engine.answer("How many North Korean soldiers are in Kursk?")
    explanation = explain(engine, "according to whom?", previous=previous)
    assert explanation.follow_up
    assert explanation.fact_id == "nk-troops-kursk/troops-in-kursk"
    assert "follow-up" in _text(explanation)


def test_the_explanation_agrees_with_the_answer_on_a_whole_question_set(engine: Engine) -> None:
    previous: Answer | None = None
    questions = [case.text for case in load_cases(HOLDOUT)]
    assert len(questions) >= 100
    for question in questions:
        answer = _agrees(engine, question)
        # In a conversation too, where a bare "according to whom?" follows up the last answer.
        _agrees(engine, question, previous)
        if answer.answered:
            previous = answer


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("kb")
    add_sources(folder, [str(ARTICLES / f"{ADDED}.txt")], Options(date=dt.date(2025, 8, 20)))
    return Engine(load_knowledge_base(folder))


def test_the_explanation_agrees_with_the_answer_on_an_added_article(added: Engine) -> None:
    questions = [case.text for case in load_cases(ARTICLES / f"{ADDED}.questions.toml")]
    answered = [_agrees(added, question).answered for question in questions]
    assert any(answered)
    assert not all(answered)
