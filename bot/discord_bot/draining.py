"""Answers in flight: what a graceful shutdown waits for before it closes the connection.

Every handler that answers someone runs inside `InFlight.track()`. On SIGTERM the bot stops
taking new questions (`track` yields False), waits a bounded time for the answers already being
computed or sent, and only then closes its HTTP session, which would otherwise fail them all.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

Answering = Callable[[str], AbstractAsyncContextManager[bool]]
"""`NewsBot.answering`: runs one question from a surface as an answer in flight."""


@contextlib.asynccontextmanager
async def untracked(surface: str) -> AsyncIterator[bool]:
    """An `Answering` for front ends without a shutdown to wait for (always accepts)."""
    yield True


def answering_of(client: object) -> Answering:
    """The `answering` of the bot that received an interaction (untracked for any other)."""
    method = getattr(client, "answering", None)
    return method if callable(method) else untracked


@dataclass(frozen=True)
class Drained:
    """What a shutdown did with the answers in flight."""

    drained: int
    abandoned: int


class InFlight:
    """Counts the answers being computed or sent, and stops new ones on shutdown."""

    def __init__(self) -> None:
        self.accepting = True
        self.refused = 0
        """Questions turned away because shutdown had begun."""
        self._tasks: set[asyncio.Task[object]] = set()
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.asynccontextmanager
    async def track(self) -> AsyncIterator[bool]:
        """Run one answer as in flight; yields False once shutdown began (answer nothing then)."""
        task = asyncio.current_task()
        if not self.accepting or task is None:
            self.refused += 1
            yield False
            return
        self._tasks.add(task)
        self._idle.clear()
        try:
            yield True
        finally:
            self._tasks.discard(task)
            if not self._tasks:
                self._idle.set()

    async def drain(self, within: float) -> Drained:
        """Stop taking answers and wait up to `within` seconds for those in flight.

        Answers still running at the deadline are cancelled and counted as abandoned.
        """
        self.accepting = False
        waiting = len(self._tasks)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._idle.wait(), within)
        left = list(self._tasks)
        for task in left:
            task.cancel()
        return Drained(drained=waiting - len(left), abandoned=len(left))
