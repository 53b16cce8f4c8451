"""`/ask`: answer a question, with autocomplete of answerable questions."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.asking import Asker
from bot.discord_bot.cogs.articles import article_choices
from bot.discord_bot.draining import Answering
from bot.discord_bot.replying import respond


class AskCog(commands.Cog, name="Ask"):
    """The `/ask` slash command."""

    def __init__(self, asker: Asker, answering: Answering) -> None:
        self.asker = asker
        self.answering = answering

    @app_commands.command(name="ask")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    async def ask(
        self,
        interaction: discord.Interaction,
        question: str,
        private: bool = False,
        article: str | None = None,
    ) -> None:
        """Ask a question about the article and get a cited answer.

        Args:
            interaction: The invocation (not shown to users).
            question: What you want to know; answerable questions are suggested as you type
            private: Show the answer only to you
            article: Ask about this article only (otherwise I pick the article it is about)
        """
        # The engine answers in well under a millisecond, so the answer itself is the first
        # response: unlike a deferral plus a follow-up, a retried callback cannot post twice.
        async with self.answering("slash") as accepted:
            if not accepted:
                return
            if not self.asker.library.loaded(interaction.guild_id):
                # Just after a start the server's articles take seconds to load: more than
                # Discord's three for a first response.
                await interaction.response.defer(ephemeral=private, thinking=True)
            reply = await self.asker.ask(
                interaction.user.id,
                question,
                channel_id=interaction.channel_id or 0,
                guild_id=interaction.guild_id,
                article=article,
                question_id=interaction.id,
            )
            await respond(interaction, reply, private=private)

    @ask.autocomplete("question")
    async def suggest_questions(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest answerable questions that match what the user has typed."""
        text = current[: self.asker.max_question_length]
        shelf = self.asker.library.shelf(interaction.guild_id)
        engine = shelf.engine
        chosen = getattr(interaction.namespace, "article", None)
        if isinstance(chosen, str) and chosen in shelf.articles:
            engine = shelf.for_article(chosen)
        return rendering.autocomplete_choices(
            engine.suggest(text, limit=rendering.CHOICE_COUNT_LIMIT)
        )

    @ask.autocomplete("article")
    async def suggest_articles(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest the articles this server sees."""
        return article_choices(self.asker.library.shelf(interaction.guild_id).articles, current)
