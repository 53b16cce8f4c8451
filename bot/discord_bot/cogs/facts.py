"""`/facts`: what the bot can answer, grouped by topic."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.cogs.articles import article_choices
from bot.discord_bot.library import AnswerEngine, Library
from bot.discord_bot.replying import respond_embed, respond_text


class FactsCog(commands.Cog, name="Facts"):
    """The `/facts` slash command."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._embeds: dict[int, tuple[AnswerEngine, discord.Embed]] = {}

    @app_commands.command(name="facts")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    async def facts(self, interaction: discord.Interaction, article: str | None = None) -> None:
        """List what I can answer, grouped by topic.

        Args:
            interaction: The invocation (not shown to users).
            article: Only this article
        """
        shelf = await self.library.ready(interaction.guild_id)
        engine = shelf.engine
        if article:
            if article not in shelf.articles:
                await respond_text(interaction, rendering.no_such_article(article))
                return
            engine = shelf.for_article(article)
        await respond_embed(interaction, self._embed(engine), private=True)

    def _embed(self, engine: AnswerEngine) -> discord.Embed:
        """The embed of an engine's topics, built once per engine (topics take a while)."""
        found = self._embeds.get(id(engine))
        if found is None or found[0] is not engine:
            if len(self._embeds) > 256:
                self._embeds.clear()
            found = self._embeds[id(engine)] = (engine, rendering.facts_embed(engine.topics()))
        return found[1]

    @facts.autocomplete("article")
    async def suggest_articles(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest the articles this server sees."""
        return article_choices(self.library.shelf(interaction.guild_id).articles, current)
