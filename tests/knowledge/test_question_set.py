"""Accuracy floors on our own question set (tests/knowledge/questions.toml).

The set mixes paraphrases, typos, chit-chat, numbers in words, multi-part and attribution
questions with near misses and off-topic questions that must be declined. A case is right
when a decline declines, or an answer contains the expected figure or name and cites one of
the expected paragraphs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.evaluation import Verdict, evaluate, load_cases, summary
from knowledge import Engine

QUESTIONS = Path(__file__).with_name("questions.toml")


@pytest.fixture(scope="module")
def verdicts(engine: Engine) -> list[Verdict]:
    return evaluate(load_cases(QUESTIONS), engine.answer)


def _misses(verdicts: list[Verdict], expect: str) -> list[str]:
    return [
        f"{v.case.text!r} -> {v.answer.text[:80]!r}"
        for v in verdicts
        if v.case.expect == expect and not v.right
    ]


def test_the_set_is_big_and_mixed(verdicts: list[Verdict]) -> None:
    kinds = {v.case.kind for v in verdicts}
    assert len(verdicts) >= 150
    assert {"paraphrase", "typo", "chitchat", "multipart", "attribution", "nearmiss"} <= kinds
    assert sum(v.case.expect == "decline" for v in verdicts) >= 50


def test_answerable_questions_are_answered_with_the_right_citation(
    verdicts: list[Verdict],
) -> None:
    assert summary(verdicts)["answerable"] >= 0.93, _misses(verdicts, "answer")


def test_unanswerable_questions_are_declined(verdicts: list[Verdict]) -> None:
    assert summary(verdicts)["unanswerable"] >= 0.95, _misses(verdicts, "decline")


def test_overall_accuracy(verdicts: list[Verdict]) -> None:
    assert summary(verdicts)["overall"] >= 0.95


def test_every_answer_cites_and_every_decline_suggests(verdicts: list[Verdict]) -> None:
    for verdict in verdicts:
        answer = verdict.answer
        if answer.answered:
            assert answer.citations, answer
            assert answer.fact_ids, answer
        else:
            assert not answer.citations, answer
            assert 1 <= len(answer.suggestions) <= 3, answer
