"""Per-user cooldown with exactly one polite notice per cooldown window.

The counting is discord.py's own `CooldownMapping`; this module adds the memory of who has
already been told, so a user who keeps asking gets one notice, then silence until the window
ends, instead of one notice per message.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from discord.ext import commands

Verdict = Literal["allow", "notify", "quiet"]


@dataclass(frozen=True, slots=True)
class Decision:
    """What to do with one question: answer it, send the one notice, or stay quiet."""

    verdict: Verdict
    retry_after: float = 0.0


def _user_key(user_id: int) -> int:
    return user_id


class Throttle:
    """Allow `rate` questions per `per` seconds per user, across every surface."""

    def __init__(self, *, rate: int, per: float) -> None:
        self._mapping: commands.CooldownMapping[int] = commands.CooldownMapping.from_cooldown(
            rate, per, _user_key
        )
        self._notified_until: dict[int, float] = {}

    def check(self, user_id: int, *, now: float | None = None) -> Decision:
        """Count one question by `user_id` and decide what to do with it."""
        current = time.time() if now is None else now
        bucket = self._mapping.get_bucket(user_id, current)
        retry_after = bucket.update_rate_limit(current) if bucket is not None else None
        if retry_after is None:
            return Decision("allow")
        if self._notified_until.get(user_id, 0.0) > current:
            return Decision("quiet", retry_after)
        self._forget_expired(current)
        self._notified_until[user_id] = current + retry_after
        return Decision("notify", retry_after)

    def _forget_expired(self, now: float) -> None:
        expired = [user for user, until in self._notified_until.items() if until <= now]
        for user in expired:
            del self._notified_until[user]
