"""One question in, one reply out: the pipeline every Discord surface shares.

Surfaces (slash command, mention, DM, prefix command, suggestion button) differ only in how
they send; the checks (empty, too long, cooldown), the engine call and the rendering are here.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Final

import discord

from bot.discord_bot import rendering
from bot.discord_bot.library import AnswerEngine, Library
from bot.discord_bot.monitoring import Metrics
from bot.discord_bot.recording import DeclineLog
from bot.discord_bot.throttling import Throttle
from knowledge.models import Answer

log = logging.getLogger(__name__)

_CONVERSATIONS_KEPT: Final = 10_000
_ANSWERS_KEPT: Final = 10_000
# A conversation older than this is over: the next question starts a new one.
CONVERSATION_SECONDS: Final = 900.0


@dataclass(frozen=True, slots=True)
class Reply:
    """What to send back for one question; `silent` means send nothing at all."""

    content: str | None = None
    embed: discord.Embed | None = None
    suggestions: tuple[str, ...] = ()
    answered: bool = False
    silent: bool = False
    notice: bool = False
    """True for notices (cooldown, length): interactions show these privately."""
    question_id: int = 0
    """The question's Discord id: an answer's feedback and explain buttons refer to it."""
    fact_id: str = ""
    """The fact that answered (the first), which the feedback buttons carry."""


@dataclass(frozen=True, slots=True)
class AskedQuestion:
    """An answer as it was given, for its feedback and explain buttons."""

    answer: Answer
    guild_id: int | None
    engine: AnswerEngine
    previous: Answer | None = None
    """The answer before it in the conversation (a follow-up is explained with it)."""
    article: str = ""
    """The article that answered ('' for a decline)."""
    rebuilt: bool = False
    """Rebuilt from its message after a restart (its conversation is lost)."""


class RecentAnswers:
    """The last answers given, by question id (bounded; after a restart they are rebuilt)."""

    def __init__(self, size: int = _ANSWERS_KEPT) -> None:
        self.size = size
        self._answers: OrderedDict[int, AskedQuestion] = OrderedDict()

    def keep(self, question_id: int, asked: AskedQuestion) -> None:
        """Remember the answer to question `question_id` (0: nothing to remember)."""
        if not question_id:
            return
        self._answers[question_id] = asked
        if len(self._answers) > self.size:
            self._answers.popitem(last=False)

    def get(self, question_id: int) -> AskedQuestion | None:
        """The answer to question `question_id`, if it is still remembered."""
        return self._answers.get(question_id)


class Asker:
    """Check, answer and render questions on behalf of every surface."""

    def __init__(
        self,
        library: Library,
        *,
        throttle: Throttle,
        max_question_length: int,
        metrics: Metrics | None = None,
        declines: DeclineLog | None = None,
    ) -> None:
        self.library = library
        self.throttle = throttle
        self.max_question_length = max_question_length
        self.metrics = metrics
        self.declines = declines
        self.answers = RecentAnswers()
        self._known: dict[str, str] = {}
        self._last: OrderedDict[tuple[int, int], tuple[float, Answer]] = OrderedDict()

    @property
    def engine(self) -> AnswerEngine:
        """The engine of the operator's articles (DMs, and servers with none of their own)."""
        return self.library.base.engine

    async def ask(
        self,
        user_id: int,
        question: str,
        *,
        channel_id: int = 0,
        guild_id: int | None = None,
        article: str | None = None,
        question_id: int = 0,
    ) -> Reply:
        """Return the reply to `question` from `user_id`, applying every check.

        The last answer each user got in each channel (or thread) is kept (a bounded number of
        them, for `CONVERSATION_SECONDS`), so a follow-up such as "according to whom?" is
        answered about it, and with several articles the talk stays on that answer's article.

        Args:
            user_id: Who asked.
            question: What they typed.
            channel_id: Where (a thread is a channel of its own).
            guild_id: The server, whose articles answer; None in a DM.
            article: Answer from this article only (an id the server sees).
            question_id: The question's Discord id, which the answer's buttons refer to.
        """
        # The cooldown comes first: notices are replies too, and must not let anyone flood.
        decision = self.throttle.check(user_id)
        if decision.verdict == "quiet":
            return Reply(silent=True, notice=True)
        if decision.verdict == "notify":
            return Reply(content=rendering.cooldown_notice(decision.retry_after), notice=True)
        text = question.strip()
        if not rendering.one_line(text):
            return Reply(content=rendering.empty_question_notice(), notice=True)
        if len(text) > self.max_question_length:
            return Reply(
                content=rendering.too_long_notice(len(text), self.max_question_length), notice=True
            )
        shelf = await self.library.ready(guild_id)
        engine = shelf.engine
        if article:
            if article not in shelf.articles:
                return Reply(content=rendering.no_such_article(article), notice=True)
            engine = shelf.for_article(article)
        conversation = (user_id, channel_id)
        previous = self._previous(conversation)
        answer = engine.answer(text, previous=previous)
        if answer.answered:
            # The last answer is what follow-ups are about, and which article the talk is on:
            # a decline changes neither.
            self._last[conversation] = (time.monotonic(), answer)
            self._last.move_to_end(conversation)
            if len(self._last) > _CONVERSATIONS_KEPT:
                self._last.popitem(last=False)
        log.debug(
            "answered=%s confidence=%.2f facts=%s",
            answer.answered,
            answer.confidence,
            answer.fact_ids,
        )
        for suggestion in answer.suggestions:
            self.remember(suggestion)
        if self.metrics is not None:
            (self.metrics.answers if answer.answered else self.metrics.declines).inc()
        article = answer.citations[0].article if answer.citations else ""
        self.answers.keep(question_id, AskedQuestion(answer, guild_id, engine, previous, article))
        if not answer.answered and self.declines is not None:
            self.declines.record(answer, guild_id, engine)
        return Reply(
            embed=rendering.answer_embed(answer, shelf.sources),
            suggestions=answer.suggestions,
            answered=answer.answered,
            question_id=question_id,
            fact_id=answer.fact_ids[0] if answer.fact_ids else "",
        )

    def _previous(self, conversation: tuple[int, int]) -> Answer | None:
        """The last answer of a conversation, unless it is over (`CONVERSATION_SECONDS`)."""
        found = self._last.get(conversation)
        if found is None:
            return None
        when, answer = found
        if time.monotonic() - when > CONVERSATION_SECONDS:
            del self._last[conversation]
            return None
        return answer

    def remember(self, question: str) -> None:
        """Record a question so a hashed suggestion button can be resolved to it later."""
        if len(self._known) > 10_000:
            self._known.clear()
        self._known[rendering.question_hash(question)] = question

    def resolve_hash(self, digest: str) -> str | None:
        """Return the question a hashed suggestion id stands for, if it is known."""
        found = self._known.get(digest)
        if found is not None:
            return found
        for questions in self.engine.topics().values():
            for question in questions:
                self.remember(question)
        return self._known.get(digest)


def asker_of(client: object) -> Asker | None:
    """Return the `Asker` a running bot carries (components get only the client)."""
    asker = getattr(client, "asker", None)
    return asker if isinstance(asker, Asker) else None
