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

import datetime as dt
import logging
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Final

import discord
from discord.http import HTTPClient

log = logging.getLogger(__name__)

# The channels remembered, most recent first; only these are read after a gap.
CHANNELS_KEPT: Final = 200
# Messages read per channel: a gap is seconds long, so more than this is already a flood.
MESSAGES_PER_CHANNEL: Final = 100


class RecentChannels:
    """The channels where the bot was recently asked something, and whether each is a DM."""

    def __init__(self, limit: int = CHANNELS_KEPT) -> None:
        self.limit = limit
        self._channels: OrderedDict[int, bool] = OrderedDict()

    def note(self, channel_id: int, *, direct: bool) -> None:
        """Remember that a question came in `channel_id` (a DM when `direct`)."""
        self._channels[channel_id] = direct
        self._channels.move_to_end(channel_id)
        if len(self._channels) > self.limit:
            self._channels.popitem(last=False)

    def items(self) -> list[tuple[int, bool]]:
        """The channels, most recent last."""
        return list(self._channels.items())


def _is_question(message: Mapping[str, Any], *, direct: bool, bot_id: int) -> bool:
    author = message.get("author") or {}
    if author.get("bot") or int(author.get("id", 0)) == bot_id or message.get("webhook_id"):
        return False
    if direct:
        return True
    mentioned = {int(user.get("id", 0)) for user in message.get("mentions") or ()}
    return bot_id in mentioned


async def count_missed(
    http: HTTPClient,
    channels: RecentChannels,
    *,
    since: dt.datetime,
    until: dt.datetime,
    bot_id: int,
) -> int:
    """Count the questions to the bot sent in `channels` between `since` and `until`.

    A channel that cannot be read (no permission, deleted) is skipped.
    """
    after = discord.utils.time_snowflake(since)
    # Discord takes one of `after` and `before`: the end of the gap is applied here.
    before = discord.utils.time_snowflake(until, high=True)
    missed = 0
    for channel_id, direct in channels.items():
        try:
            messages = await http.logs_from(channel_id, MESSAGES_PER_CHANNEL, after=after)
        except discord.HTTPException as error:
            log.debug("cannot read channel %s after a gap: HTTP %s", channel_id, error.status)
            continue
        missed += sum(
            _is_question(m, direct=direct, bot_id=bot_id)
            for m in messages
            if int(m.get("id", 0)) <= before
        )
    return missed
