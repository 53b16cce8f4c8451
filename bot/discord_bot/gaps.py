"""Counting the questions a new gateway session never received.

When Discord cannot resume a session (op 9, close 4007/4009), it replays nothing: a question
sent while the bot was reconnecting never reaches it. Discord does not say how many there were,
so after a new session the bot reads, in the channels where people recently asked it something,
the messages sent during the gap (Read Message History, which replies to mentions need anyway)
and counts those that were questions to it: every DM from a person, and every server message
mentioning it. They are counted and logged, not answered: an answer minutes late, out of the
conversation, would confuse more than help.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from typing import Any, Final

import discord
from discord.http import HTTPClient

from bot.discord_bot.monitoring import Metrics

log = logging.getLogger(__name__)

# The channels remembered, most recent first; only these are read after a gap.
CHANNELS_KEPT: Final = 200
# Messages read per channel: a gap is seconds long, so more than this is already a flood.
MESSAGES_PER_CHANNEL: Final = 100
# The ids of the messages most recently received, which a count of missed ones leaves out.
RECEIVED_KEPT: Final = 5_000


class RecentChannels:
    """The channels where the bot was recently asked something, with their server (None: DM)."""

    def __init__(self, limit: int = CHANNELS_KEPT) -> None:
        self.limit = limit
        self._channels: OrderedDict[int, int | None] = OrderedDict()

    def note(self, channel_id: int, guild_id: int | None) -> None:
        """Remember that a question came in `channel_id` of `guild_id` (None for a DM)."""
        self._channels[channel_id] = guild_id
        self._channels.move_to_end(channel_id)
        if len(self._channels) > self.limit:
            self._channels.popitem(last=False)

    def items(self) -> list[tuple[int, int | None]]:
        """The channels and their servers, most recent last."""
        return list(self._channels.items())


def _is_question(message: Mapping[str, Any], *, direct: bool, bot_id: int) -> bool:
    author = message.get("author") or {}
    if author.get("bot") or int(author.get("id", 0)) == bot_id or message.get("webhook_id"):
        return False
    if direct:
        return True
    mentioned = {int(user.get("id", 0)) for user in message.get("mentions") or ()}
    return bot_id in mentioned


class SessionGaps:
    """Per gateway connection (shard): how long it was gone, and what a new session missed.

    The gap a new session cannot recover starts after the last message the shard received (an
    id from Discord's own clock) and ends now; messages the bot did receive are never counted.
    """

    def __init__(self, metrics: Metrics, *, shard_of: Callable[[int | None], int]) -> None:
        """Track gaps, counting into `metrics`; `shard_of(guild_id)` names a server's shard."""
        self.metrics = metrics
        self.shard_of = shard_of
        self.channels = RecentChannels()
        self._last_message: dict[int, int] = {}
        self._received: deque[int] = deque(maxlen=RECEIVED_KEPT)
        self._offline_since: dict[int, float] = {}
        self._sessions: set[int] = set()

    def received(self, message_id: int, guild_id: int | None) -> None:
        """Note a message the gateway delivered."""
        shard = self.shard_of(guild_id)
        self._last_message[shard] = max(message_id, self._last_message.get(shard, 0))
        self._received.append(message_id)

    def disconnected(self, shard: int) -> None:
        """Note that `shard` lost its connection (the first time counts)."""
        self._offline_since.setdefault(shard, time.monotonic())

    def resumed(self, shard: int) -> None:
        """Log a resumed session: Discord replays the events of the gap."""
        gap = self._offline(shard)
        self.metrics.reconnects.labels("resumed").inc()
        self.metrics.gap_seconds.labels("resumed").inc(gap)
        if gap >= 1.0:
            log.warning(
                "gateway (shard %d) resumed after %.1f s; the events of the gap are replayed",
                shard,
                gap,
            )

    def ready(self, shard: int) -> int | None:
        """Note a session started on `shard`; for a new session after another, log the gap.

        Returns:
            The id after which a new session's gap began (None for a first session, or when
            no message was ever received there): pass it to `count_missed`.
        """
        gap = self._offline(shard)
        if shard not in self._sessions:
            self._sessions.add(shard)
            return None
        self.metrics.reconnects.labels("new_session").inc()
        self.metrics.gap_seconds.labels("new_session").inc(gap)
        log.warning(
            "new gateway session (shard %d) after %.1f s offline: questions sent in that gap "
            "were never delivered and go unanswered",
            shard,
            gap,
        )
        return self._last_message.get(shard)

    def _offline(self, shard: int) -> float:
        since = self._offline_since.pop(shard, None)
        return time.monotonic() - since if since is not None else 0.0

    async def count_missed(self, http: HTTPClient, shard: int, *, after: int, bot_id: int) -> int:
        """Count, log and record the questions to the bot that `shard` missed after `after`.

        Reads the channels of that shard where people recently asked; a channel that cannot be
        read (no permission, deleted) is skipped.
        """
        received = set(self._received)
        missed = 0
        for channel_id, guild_id in self.channels.items():
            if self.shard_of(guild_id) != shard:
                continue
            try:
                messages = await http.logs_from(channel_id, MESSAGES_PER_CHANNEL, after=after)
            except discord.HTTPException as error:
                log.debug("cannot read channel %s after a gap: HTTP %s", channel_id, error.status)
                continue
            missed += sum(
                _is_question(m, direct=guild_id is None, bot_id=bot_id)
                for m in messages
                if int(m.get("id", 0)) not in received
            )
        self.metrics.missed.inc(missed)
        log.warning(
            "%d questions were sent during the gap (shard %d) and never reached the bot",
            missed,
            shard,
        )
        return missed
