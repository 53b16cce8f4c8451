"""Questions the bot declined, recorded for curators (`kb report`, `/article report`).

Recording runs after the reply, in a background task fed by a bounded queue: finding the
nearest fact and writing the row never delay an answer. Greetings, thanks and empty questions
are not recorded; nothing about the asker is.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Final

from bot.discord_bot.library import AnswerEngine
from knowledge import Engine
from knowledge.answering import EMPTY_TEXT, THANKS_TEXT
from knowledge.curating import nearest_fact
from knowledge.models import Answer
from storage import NewDecline, StorageError, Store

log = logging.getLogger(__name__)

_QUEUED_AT_MOST: Final = 1_000
_BATCH_AT_MOST: Final = 500
_GATHER_SECONDS: Final = 0.2


@dataclass(frozen=True, slots=True)
class _Declined:
    question: str
    guild_id: int | None
    engine: AnswerEngine


class DeclineLog:
    """Record each declined question with the article and facts it came nearest."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.dropped = 0
        self._queue: asyncio.Queue[_Declined] = asyncio.Queue(maxsize=_QUEUED_AT_MOST)

    def record(self, answer: Answer, guild_id: int | None, engine: AnswerEngine) -> None:
        """Queue a decline for recording (dropped, and counted, when the queue is full)."""
        if (
            answer.answered
            or not answer.question.strip()
            or answer.text in {THANKS_TEXT, EMPTY_TEXT}
        ):
            return
        try:
            self._queue.put_nowait(_Declined(answer.question, guild_id, engine))
        except asyncio.QueueFull:
            self.dropped += 1

    async def run(self) -> None:
        """Write queued declines until cancelled, those queued together in one transaction."""
        while True:
            batch = [await self._queue.get()]
            # Under load many declines wait together: one write for all of them costs far
            # less than one each; alone, a decline waits only this long.
            await asyncio.sleep(_GATHER_SECONDS)
            while len(batch) < _BATCH_AT_MOST and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._write(batch)
            finally:
                for _ in batch:
                    self._queue.task_done()

    async def flush(self, seconds: float) -> None:
        """Wait (at most `seconds`) until everything queued is written."""
        try:
            await asyncio.wait_for(self._queue.join(), seconds)
        except TimeoutError:
            log.warning(
                "%d declined questions were not recorded before stopping", self._queue.qsize()
            )

    async def _write(self, batch: list[_Declined]) -> None:
        rows = []
        for item in batch:
            article, facts = _nearest(item.engine, item.question)
            rows.append(NewDecline(item.guild_id, article, item.question, facts))
        try:
            await self.store.record_declines(rows)
        except StorageError as error:
            log.warning("could not record %d declined questions: %s", len(rows), error)


def _nearest(engine: AnswerEngine, question: str) -> tuple[str, tuple[str, ...]]:
    """The article and facts a question came nearest (empty when nothing comes near)."""
    if not isinstance(engine, Engine):
        return "", ()
    found = nearest_fact(engine, question)
    if found is None:
        return next(iter(engine.kb.articles), ""), ()
    fact_id = found[0]
    fact = next((f for f in engine.kb.facts if f.id == fact_id), None)
    return (fact.article if fact is not None else ""), (fact_id,)
