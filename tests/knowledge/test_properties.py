"""Property tests: whatever the input, the engine answers within bounds and cites verbatim."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge import Engine, KnowledgeBase
from knowledge.answering import MAX_ANSWER_CHARS

_WORDS = st.sampled_from(
    [
        "north",
        "korean",
        "troops",
        "kursk",
        "how",
        "many",
        "who",
        "said",
        "died",
        "8,000",
        "eight",
        "thousand",
        "and",
        "?",
        "Blinken",
        "Austin",
        "US",
        "Russia",
        "Ukraine",
        "DPRK",
        "when",
        "training",
        "drones",
        "aid",
        "$59",
        "billion",
        "casualties",
        "@everyone",
        "<@1>",
    ]
)


def _check(engine: Engine, kb: KnowledgeBase, text: str) -> None:
    answer = engine.answer(text)
    assert answer.question == text
    assert len(answer.text) <= MAX_ANSWER_CHARS
    assert 0.0 <= answer.confidence <= 1.0
    assert answer.answered == bool(answer.citations)
    assert len(answer.suggestions) <= 3
    for citation in answer.citations:
        assert citation.quote in kb.article(citation.article).text
        assert 1 <= citation.paragraph <= len(kb.article(citation.article).paragraphs)
    assert engine.answer(text) == answer


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=10_000))
def test_any_unicode_text(engine: Engine, kb: KnowledgeBase, text: str) -> None:
    _check(engine, kb, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=30).map(" ".join))
def test_questions_made_of_article_words(engine: Engine, kb: KnowledgeBase, text: str) -> None:
    _check(engine, kb, text)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=300).map(lambda chunk: (chunk * 10_000)[:10_000]))
def test_long_inputs(engine: Engine, kb: KnowledgeBase, text: str) -> None:
    _check(engine, kb, text)
