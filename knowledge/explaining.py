"""Why the engine answered a question as it did, in words for a user who clicks "Explain".

Not a stage of answering: it asks `Engine.trace` for the answer together with the decisions
behind it and tells them in plain words: the fact that answered, its score and the runner-up
with why it lost; or, for a decline, what was missing (a word or a name the article never
uses, a time it does not cover, a judgement asked for) and the nearest fact with the check
that ruled it out. Nothing is scored again here, so the explanation always agrees with the
answer; it costs a few milliseconds more than answering, which is fine for a button click.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final, Literal

from knowledge.answering import MAX_QUESTION_CHARS, Engine, clip
from knowledge.checking import (
    ANOTHER_YEAR,
    BEFORE_ASKED,
    NEEDS,
    NO_LEAD,
    OPPOSITE_OF,
    OUTCOME_ASKED,
    UNTOLD,
    WRONG_KIND,
)
from knowledge.dating import MONTHS, WEEKDAYS
from knowledge.deciding import Decision, Policy, only_thanks
from knowledge.lexicon import UNKNOWN_NAME
from knowledge.matching import Candidate
from knowledge.models import Answer
from knowledge.normalizing import normalize
from knowledge.querying import YEAR, Query

MAX_LINE_CHARS: Final = 200
MAX_LINES: Final = 10

_QUOTE_CHARS: Final = 150
_PART_CHARS: Final = 60
# The longest phrase, in words, in which to look for how the question wrote a token.
_LONGEST_NAME: Final = 4
_SHOWN_BLOCKERS: Final = 2
_SHOWN_WORDS: Final = 3
_SAME_SCORE: Final = 1e-9
# The markers `querying` adds to a question's unknown words for times outside the article.
_AFTERWARDS: Final = "afterwards"
_EARLIER: Final = "earlier"
# Below this a figure is a day of a month ("October 29"), at or above it a figure nobody gave.
_SIGNIFICANT_NUMBER: Final = 100

Unknown = Literal["word", "name", "time", "figure", "afterwards", "earlier"]
"""What a word of a question that the article never uses stands for (`unknown_kind`)."""

_ASKED_FOR: Final[dict[str, str]] = {
    "name": "a name",
    "number": "a number",
    "duration": "a length of time",
    "who": "a person",
    "when": "a date",
    "where": "a place",
    "why": "a reason",
    "definition": "a definition",
    "measure": "a measure",
    "open": "an answer",
}
_GIVEN: Final[dict[str, str]] = {
    "number": "a number",
    "person": "a person",
    "role": "a role",
    "place": "a place",
    "date": "a date",
    "event": "an event or a named thing",
    "list": "a list",
    "yes/no": "a yes or no",
    "quote": "a quote",
    "reason": "a reason",
    "measure": "a measure",
}
_ASKS_NOTHING: Final[dict[str, str]] = {
    "instruction": "It is an instruction, not a question about the article.",
    "remark": "It is a remark, not a question.",
    "opinion": (
        "It asks for a judgement: the article reports what was said, not whether it was right."
    ),
}


@dataclass(frozen=True)
class Rival:
    """A fact that did not answer: its score and why it lost or was ruled out."""

    fact_id: str
    score: float
    why: str
    """In plain words: "ruled out: it names "Paris", which this fact does not involve"."""


@dataclass(frozen=True)
class Explanation:
    """What a user clicking "Explain" sees: which fact answered and why, or what was missing."""

    question: str
    answered: bool
    fact_id: str = ""
    """The fact that answered (the first, when several parts were answered)."""
    article: str = ""
    paragraph: int = 0
    quote: str = ""
    """The verbatim span of the article the fact cites."""
    score: float = 0.0
    confidence: float = 0.0
    runner_up: Rival | None = None
    missing: tuple[str, ...] = ()
    """For a decline: what the article lacks for it, one plain sentence each."""
    nearest: Rival | None = None
    """For a decline: the fact the question came nearest, and what ruled it out."""
    parts: tuple[Explanation, ...] = ()
    """A message answered part by part: each part, explained alone."""
    follow_up: bool = False
    """True when it asked who said the previous answer, and was answered from it."""
    asked: str = ""
    """The part of the message that was answered, when not all of it was taken as the question:
    the first option of an either-or question, or the question beside chit-chat."""

    def lines(self) -> list[str]:
        """Render the explanation as short plain lines for an ephemeral Discord message.

        At most `MAX_LINES` lines of at most `MAX_LINE_CHARS` characters each.
        """
        if self.parts:
            lines = [f"Answered part by part ({len(self.parts)} parts)."]
            for number, part in enumerate(self.parts, start=1):
                asked = clip(part.question.strip(), _PART_CHARS)
                lines.append(f'Part {number}, "{asked}": {part._summary()}')
        elif self.follow_up:
            lines = [f"A follow-up: the source of your previous answer ({self.fact_id})."]
        elif self.answered:
            lines = [f"Answered from {self._summary()}"]
            if self.asked:
                lines.append(f'Taken as the question: "{clip(self.asked, _PART_CHARS)}".')
            if self.quote:
                lines.append(f'Quote: "{clip(self.quote, _QUOTE_CHARS)}"')
            if self.runner_up is not None:
                rival = self.runner_up
                lines.append(f"Runner-up: {rival.fact_id} (score {rival.score:.2f}), {rival.why}.")
        else:
            # Room is kept for the nearest fact, however many words the article lacks.
            lines = ["Not answered.", *self.missing[: MAX_LINES - 2]]
            if self.nearest is not None:
                near = self.nearest
                lines.append(f"Nearest fact: {near.fact_id} (score {near.score:.2f}), {near.why}.")
        return [clip(line, MAX_LINE_CHARS) for line in lines[:MAX_LINES]]

    def _summary(self) -> str:
        """One line: the fact that answered and its score, or why the part was not answered."""
        if not self.answered:
            return " ".join(("not answered.", *self.missing[:1]))
        where = f"article {self.article}, paragraph {self.paragraph}"
        confidence = f", confidence {self.confidence:.2f}" if self.confidence else ""
        return f"{self.fact_id} ({where}), score {self.score:.2f}{confidence}."


def explain(engine: Engine, question: str, *, previous: Answer | None = None) -> Explanation:
    """Explain how `engine` answers `question`: the fact and its rivals, or what was missing.

    Args:
        engine: The engine that answers.
        question: The question as the user typed it.
        previous: The answer this user got last, as passed to `Engine.answer`.

    Returns:
        An `Explanation` agreeing with `engine.answer(question, previous=previous)`: answered
        when it is, by the same first fact.
    """
    traced = engine.trace(question, previous=previous)
    answer = traced.answer
    if traced.follow_up:
        return Explanation(
            question=question,
            answered=True,
            fact_id=answer.fact_ids[0] if answer.fact_ids else "",
            confidence=answer.confidence,
            follow_up=True,
        )
    if traced.verdict is None:  # pragma: no cover - only when answering failed
        return Explanation(question=question, answered=False, missing=("Answering it failed.",))
    decisions = traced.verdict.decisions
    if not answer.answered:
        return _explained(engine, decisions[0], question=question)
    if len(decisions) > 1:
        parts = tuple(_explained(engine, d, question=d.query.text) for d in decisions)
        first = next(part for part in parts if part.answered)
        return replace(
            first, question=question, confidence=answer.confidence, runner_up=None, parts=parts
        )
    explained = _explained(engine, decisions[0], question=question)
    # The first option of "are they there to fight or is it a show?", or the question beside
    # chit-chat ("wild. who won?"), may be all that was decided.
    asked = decisions[0].query.text
    whole = asked == question[:MAX_QUESTION_CHARS]
    return replace(explained, confidence=answer.confidence, asked="" if whole else asked.strip())


def nearest(decision: Decision) -> Candidate | None:
    """Return the fact a decision came nearest, None when no fact was near.

    The fact that answers; else the one the decline rests on; else the best ranked fact that
    no check rules out, or the best ranked fact.
    """
    if decision.best is not None and decision.best.fact is not None:
        return decision.best
    if decision.cause is not None and decision.cause.fact is not None:
        return decision.cause
    return first_fact(decision.ranked)


def first_fact(ranked: Sequence[Candidate]) -> Candidate | None:
    """The best ranked fact no check rules out, or else the best ranked fact (None for none)."""
    facts = [c for c in ranked if c.fact is not None]
    return next((c for c in facts if not c.blocked), next(iter(facts), None))


def _explained(engine: Engine, decision: Decision, *, question: str) -> Explanation:
    """Explain one decision (a whole question or one part of it)."""
    best = decision.best
    if best is None or best.fact is None:
        near = nearest(decision)
        why = _why_not(engine, decision, near) if near is not None else ""
        return Explanation(
            question=question,
            answered=False,
            missing=tuple(_missing(engine, decision)),
            nearest=Rival(near.fact.id, near.score, why) if near and near.fact and why else None,
        )
    fact = best.fact
    citation = fact.citations[0]
    rival = next((c for c in decision.ranked if c.fact is not None and c.fact.id != fact.id), None)
    return Explanation(
        question=question,
        answered=True,
        fact_id=fact.id,
        article=fact.article,
        paragraph=citation.paragraph,
        quote=citation.quote,
        score=best.score,
        runner_up=(
            Rival(rival.fact.id, rival.score, _lost(engine, decision.query, best, rival))
            if rival is not None and rival.fact is not None
            else None
        ),
    )


def _lost(engine: Engine, query: Query, best: Candidate, rival: Candidate) -> str:
    """Say why `rival` did not answer where `best` did."""
    if rival.blocked:
        return "ruled out: " + _checks(engine, query, rival)
    short = Policy.shortfall(rival, query)
    if short and rival.score >= best.score - _SAME_SCORE:
        return f"not enough on its own: it {short}"
    if rival.score >= best.score - _SAME_SCORE:
        # Ties go to the fact naming more of what the article is about, then by id.
        order = "it names less of the question" if rival.evidence < best.evidence else "its id"
        return f"the same score, ranked after it by {order}"
    lower = f"lower score ({rival.score:.2f} against {best.score:.2f})"
    lacking = _words(
        engine,
        query,
        [t for t in query.tokens if t not in query.soft and t in best.tokens - rival.tokens],
    )
    if lacking:
        return f"{lower}: it does not use {lacking}"
    if rival.similarity < best.similarity:
        return f"{lower}: the question resembles its phrasings less"
    return f"{lower}: it fits the kind of answer asked for less well"


def _why_not(engine: Engine, decision: Decision, near: Candidate) -> str:  # noqa: PLR0911 - one return per reason
    """Say why the nearest fact did not answer a declined question ("" when nothing useful)."""
    query = decision.query
    fact = near.fact
    if fact is None or decision.why in _ASKS_NOTHING:
        return ""
    if decision.why == "unanswered" and near is decision.cause:
        phrase = engine.index.checker.unanswered_phrase(fact, query)
        return f'ruled out: "{phrase}" asks a detail next to it that the article never gives'
    if decision.why == "time checked" and near is decision.cause:
        times = ", ".join(query.checked)
        return f"ruled out: the question checks a time ({times}) and this fact gives no date"
    if near.blocked:
        return "ruled out: " + _checks(engine, query, near)
    if decision.why == "another article":
        return "not enough on its own: it explains the question only with another article's words"
    if decision.why == "gap":
        return "a note on what the article does not say fits the question better"
    short = Policy.shortfall(near, decision.query)
    unexplained = _words(
        engine,
        query,
        [t for t in query.tokens if t not in query.soft and t not in near.tokens | near.setting],
    )
    if short and unexplained:
        return f"not enough: it {short}, and does not explain {unexplained}"
    if short:
        return f"not enough: it {short}"
    return "not chosen"


def _checks(engine: Engine, query: Query, candidate: Candidate) -> str:
    """Tell what rules a candidate out, from its blockers, in words."""
    # Of the two checks on the kind of answer, the first says enough.
    kinds = [b for b in candidate.blockers if b.startswith(WRONG_KIND)][:1]
    blockers = [b for b in candidate.blockers if not b.startswith(WRONG_KIND)] + kinds
    said = [_check(engine, query, candidate, blocker) for blocker in blockers]
    return "; ".join(dict.fromkeys(said[:_SHOWN_BLOCKERS]))


def _check(engine: Engine, query: Query, candidate: Candidate, blocker: str) -> str:  # noqa: PLR0911 - one return per check
    """Tell one blocker (`checking.Checker.check`) in words."""
    fact = candidate.fact
    if blocker.startswith(WRONG_KIND):
        wanted = _ASKED_FOR.get(query.kind, "another kind of answer")
        if blocker.startswith(WRONG_KIND + NO_LEAD) or fact is None:
            return f"it asks for {wanted}; this fact gives none, other than any the question names"
        return f"it asks for {wanted}; this fact gives {_GIVEN[fact.spec.type]}"
    if blocker == OUTCOME_ASKED:
        return "it asks how things turned out; this fact tells what was expected"
    if blocker == BEFORE_ASKED:
        return "it asks how things were before; this fact tells only how they are"
    if blocker.startswith(UNTOLD):
        done = _written(engine, query, [blocker.removeprefix(UNTOLD)])
        return f'it counts what was "{done}"; this fact does not tell of it'
    if blocker.startswith(NEEDS):
        words = ", ".join(f'"{w}"' for w in blocker.removeprefix(NEEDS).split("/"))
        return f"this fact answers only questions using one of {words}"
    if blocker.startswith(ANOTHER_YEAR):
        return f"it names {blocker.removeprefix(ANOTHER_YEAR)}, a time this fact does not give"
    if blocker.startswith(OPPOSITE_OF):
        token = blocker.removeprefix(OPPOSITE_OF)
        theirs = engine.index.checker.opposites.get(token, frozenset()) & candidate.tokens
        opposite = f'"{min(theirs)}"' if theirs else "what this fact says"
        return f'the opposite: "{_written(engine, query, [token])}" vs {opposite}'
    entity, _, word = blocker.partition(" ")
    if word in engine.index.lexicon.speech:
        source = fact.spec.source if fact is not None else "someone else"
        return (
            f'it asks what "{_written(engine, query, [entity])}" says; this fact is from {source}'
        )
    if word:
        asked = _written(engine, query, [entity, word])
        return (
            f'it asks about "{asked}"; this fact is about other {_written(engine, query, [word])}'
        )
    return f'it names "{_written(engine, query, [entity])}", which this fact does not involve'


def _missing(engine: Engine, decision: Decision) -> list[str]:
    """Say in plain sentences what the article lacks for a declined question."""
    query = decision.query
    if decision.why in {"instruction", "remark"}:
        return [_ASKS_NOTHING[decision.why]]  # whatever its words, it asks nothing
    if only_thanks(query.text, query):
        return ["It only thanks the bot; it asks nothing."]
    lines = [_unknown(engine, decision, alien) for alien in query.aliens]
    if decision.why == "opinion":
        lines.append(_ASKS_NOTHING[decision.why])
    elif decision.why == "no content" and not query.aliens:
        lines.append("It names nothing the article is about.")
    elif decision.why == "nothing near" and not query.aliens:
        lines.append("No fact shares enough of its words.")
    if decision.note and decision.why != "opinion":
        lines.append(decision.note)
    elif decision.why in {"all ruled out", "better ruled out"} and not query.aliens:
        lines.append("Every fact near it is ruled out by something the question names or asks.")
    elif decision.why == "too weak" and not query.aliens:
        lines.append("No fact explains enough of the question.")
    elif decision.why == "another article":
        lines.append("Only another article's words would explain it.")
    return lines


def unknown_kind(engine: Engine, query: Query, alien: str) -> Unknown:
    """Say what one of a question's unknown words (`Query.aliens`) stands for.

    A word nothing in the article uses ("died"), a name it never mentions ("Paris"), a time
    it does not cover ("December", "2025"), a figure nobody gave ("whose estimate is 20,000?"),
    or the question asks how things turned out afterwards or how they were before.
    """
    if alien == _AFTERWARDS and query.afterwards:
        return "afterwards"
    if alien == _EARLIER:
        return "earlier"
    if alien.isdigit() and not YEAR.match(alien):
        # A figure with "whose" or "according to whom"; otherwise a day of a month.
        return "figure" if query.attribution and int(alien) >= _SIGNIFICANT_NUMBER else "time"
    if (
        alien in MONTHS
        or alien in WEEKDAYS
        or YEAR.match(alien)
        or {alien, UNKNOWN_NAME + alien} & engine.index.lexicon.other_times
    ):
        return "time"
    return "name" if _found(engine, query, [UNKNOWN_NAME + alien]) else "word"


def _unknown(engine: Engine, decision: Decision, alien: str) -> str:
    """Say what one word of the question that the article never uses asks for."""
    query = decision.query
    published = _published(engine, decision)
    kind = unknown_kind(engine, query, alien)
    shown = _found(engine, query, [UNKNOWN_NAME + alien]) or _written(engine, query, [alien])
    said: dict[Unknown, str] = {
        "afterwards": f"It asks how things turned out; the article reports what was known"
        f"{published}.",
        "earlier": f"It asks about a time before the article{published}.",
        "figure": f'It asks whose figure "{shown}" is; the article gives no such figure.',
        "time": f'It asks about "{shown}", a time the article does not cover{published}.',
        "name": f'The article never mentions "{shown}".',
        "word": f'No fact uses the word "{shown}": nothing in the article explains it.',
    }
    return said[kind]


def _published(engine: Engine, decision: Decision) -> str:
    """Return " (it is from October 31, 2024)" for the article a question is about, or ""."""
    near = nearest(decision)
    articles = engine.kb.articles
    article = near.fact.article if near is not None and near.fact is not None else ""
    if not article and len(articles) == 1:
        article = next(iter(articles))
    date = articles[article].meta.date if article in articles else None
    return f" (it is from {date:%B} {date.day}, {date.year})" if date else ""


def _words(engine: Engine, query: Query, tokens: Sequence[str]) -> str:
    """List a few of the question's words for `tokens`, quoted: '"halberg", "pumps"'."""
    return ", ".join(f'"{_written(engine, query, [t])}"' for t in tokens[:_SHOWN_WORDS])


def _written(engine: Engine, query: Query, tokens: Sequence[str]) -> str:
    """Return the words of the question that `tokens` stand for, or the tokens themselves."""
    found = _found(engine, query, tokens)
    if found:
        return found
    return " ".join(
        f"{int(t):,}" if t.isdigit() else t.removeprefix(UNKNOWN_NAME).replace("_", " ")
        for t in tokens
    )


def _found(engine: Engine, query: Query, tokens: Sequence[str]) -> str:
    """Return the shortest run of the question's words that means `tokens`, or ""."""
    words = query.normalized.split()
    # The words before typos were corrected ("sent", read as "spent"), where they line up.
    typed = normalize(query.text).split()
    shown = typed if len(typed) == len(words) else words
    wanted = list(tokens)
    tokens_of = engine.index.lexicon.tokens
    for size in range(len(wanted), _LONGEST_NAME + len(wanted)):
        for start in range(len(words) - size + 1):
            if tokens_of(" ".join(words[start : start + size])) == wanted:
                return _as_typed(query.text, shown[start : start + size])
    return ""


def _as_typed(text: str, words: Sequence[str]) -> str:
    """Return `words` as the user typed them ("Paris"), or as normalised when not found."""
    # A figure may have been typed with separators ("20,000").
    pattern = r"\W+".join(
        "[,.]?".join(word) if word.isdigit() else re.escape(word) for word in words
    )
    found = re.search(rf"\b{pattern}\b", text, re.IGNORECASE)
    if found:
        return found.group(0)
    return " ".join(f"{int(word):,}" if word.isdigit() else word for word in words)
