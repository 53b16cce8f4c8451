"""Prefix commands (`!ask …`), loaded only when `COMMAND_PREFIX` is set."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.asking import Asker
from bot.discord_bot.cogs.source import default_article
from bot.discord_bot.draining import Answering
from bot.discord_bot.replying import reply_to_message, send_text
from knowledge.models import Article

log = logging.getLogger(__name__)


class PrefixCog(commands.Cog, name="Prefix commands"):
    """`ask`, `source`, `facts` and `help` as prefix commands."""

    def __init__(
        self,
        asker: Asker,
        article: Article,
        answering: Answering,
        *,
        prefix: str,
        retention_days: int = 90,
    ) -> None:
        self.asker = asker
        self.answering = answering
        self.article = article
        self.help_embed = rendering.help_embed(prefix, retention_days=retention_days)

    @commands.command(name="ask")
    async def ask(self, ctx: commands.Context[commands.Bot], *, question: str = "") -> None:
        """Ask a question about the article."""
        async with self.answering("prefix") as accepted:
            if accepted:
                reply = await self.asker.ask(
                    ctx.author.id,
                    question,
                    channel_id=ctx.channel.id,
                    guild_id=ctx.guild.id if ctx.guild else None,
                    question_id=ctx.message.id,
                )
                await reply_to_message(ctx.message, reply)

    @commands.command(name="source")
    async def source(self, ctx: commands.Context[commands.Bot], paragraph: str = "") -> None:
        """Show the article's metadata, or one paragraph of it."""
        guild_id = ctx.guild.id if ctx.guild else None
        article = await default_article(self.asker.library, guild_id, None, self.article)
        assert article is not None  # asked for no particular article: never None
        count = len(article.paragraphs)
        if not paragraph:
            await ctx.reply(embed=rendering.source_embed(article), mention_author=False)
            return
        if not paragraph.isdecimal():
            raise commands.BadArgument("paragraph must be a number")
        number = int(paragraph)
        if not 1 <= number <= count:
            await ctx.reply(rendering.no_such_paragraph(number, count), mention_author=False)
        else:
            embed = rendering.paragraph_embed(article, number)
            await ctx.reply(embed=embed, mention_author=False)

    @commands.command(name="facts")
    async def facts(self, ctx: commands.Context[commands.Bot]) -> None:
        """List what the bot can answer, grouped by topic."""
        shelf = await self.asker.library.ready(ctx.guild.id if ctx.guild else None)
        embed = rendering.facts_embed(shelf.engine.topics())
        await ctx.reply(embed=embed, mention_author=False)

    @commands.command(name="help")
    async def help(self, ctx: commands.Context[commands.Bot]) -> None:
        """Explain how to ask."""
        await ctx.reply(embed=self.help_embed, mention_author=False)

    @commands.Cog.listener()
    async def on_command_error(self, ctx: commands.Context[Any], error: Exception) -> None:
        """Ignore unknown commands: in a public server other bots often share the prefix.

        Having this listener also stops discord.py's default handler, which would log every
        `!play` meant for another bot as an error with a traceback.
        """
        if isinstance(error, commands.CommandNotFound):
            log.debug("ignoring an unknown prefix command in channel %s", ctx.channel.id)
        elif ctx.cog is not self:  # errors of this cog's commands are handled below
            log.error("prefix command %s failed", ctx.command, exc_info=error)

    async def cog_command_error(self, ctx: commands.Context[Any], error: Exception) -> None:
        """Explain bad arguments; log anything else and say only that it went wrong."""
        if isinstance(error, commands.UserInputError):
            usage = f"{ctx.clean_prefix}{ctx.command.qualified_name if ctx.command else ''}"
            text = f"I couldn't read that. Usage: `{discord.utils.escape_markdown(usage)} …`"
            await send_text(ctx.message, text)
            return
        original = getattr(error, "original", error)
        if isinstance(original, discord.Forbidden):
            log.warning("no permission to reply in channel %s", ctx.channel.id)
            return
        if isinstance(original, discord.HTTPException):
            # Sending failed (the reply may have arrived): no notice, and no response body logged.
            log.error("prefix command %s: sending failed (HTTP %s)", ctx.command, original.status)
            return
        log.error("prefix command %s failed", ctx.command, exc_info=original)
        await send_text(ctx.message, rendering.SOMETHING_WENT_WRONG)
