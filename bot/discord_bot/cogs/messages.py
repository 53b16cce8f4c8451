"""Questions asked in messages: every DM, and any server message that mentions the bot."""

from __future__ import annotations

import logging
import re

import discord
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.asking import Asker
from bot.discord_bot.draining import Answering
from bot.discord_bot.replying import reply_to_message, send_text

log = logging.getLogger(__name__)

_QUESTION_MESSAGE_TYPES = frozenset({discord.MessageType.default, discord.MessageType.reply})


class MessagesCog(commands.Cog, name="Messages"):
    """Answer DMs and mentions; ignore bots, webhooks and system messages."""

    def __init__(
        self, bot: commands.Bot, asker: Asker, answering: Answering, *, prefix: str
    ) -> None:
        self.bot = bot
        self.asker = asker
        self.answering = answering
        self.prefix = prefix

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Treat a DM or a mention as a question and reply to it exactly once."""
        me = self.bot.user
        if (
            me is None
            or message.author.bot
            or message.author.id == me.id
            or message.webhook_id is not None
            or message.type not in _QUESTION_MESSAGE_TYPES
        ):
            return
        in_dm = message.guild is None
        if not in_dm and not self._mentions_me(message, me.id):
            return
        if self.prefix and message.content.startswith(self.prefix):
            context = await self.bot.get_context(message)
            if context.valid:
                return  # a prefix command; the command handles it
        gaps = getattr(self.bot, "gaps", None)
        if gaps is not None:
            gaps.channels.note(message.channel.id, message.guild.id if message.guild else None)
        async with self.answering("message") as accepted:
            if not accepted:
                return  # shutting down: answering now could not finish
            try:
                question = self._strip_my_mentions(message, me.id)
                reply = await self.asker.ask(
                    message.author.id,
                    question,
                    channel_id=message.channel.id,
                    guild_id=message.guild.id if message.guild else None,
                    question_id=message.id,
                )
            except Exception:
                log.exception(
                    "failed to answer message %s in channel %s", message.id, message.channel.id
                )
                metrics = getattr(self.bot, "metrics", None)
                if metrics is not None:
                    metrics.errors.labels("answer").inc()
                await send_text(message, rendering.SOMETHING_WENT_WRONG)
                return
            # Sending failures are handled (and never turned into an error notice) there.
            await reply_to_message(message, reply, metrics=getattr(self.bot, "metrics", None))

    @staticmethod
    def _mentions_me(message: discord.Message, my_id: int) -> bool:
        if my_id in message.raw_mentions:
            return True
        guild = message.guild
        own_role = guild.self_role if guild is not None else None
        return own_role is not None and own_role.id in message.raw_role_mentions

    @staticmethod
    def _strip_my_mentions(message: discord.Message, my_id: int) -> str:
        text = re.sub(rf"<@!?{my_id}>", " ", message.content)
        guild = message.guild
        own_role = guild.self_role if guild is not None else None
        if own_role is not None:
            text = text.replace(f"<@&{own_role.id}>", " ")
        return text.strip()
