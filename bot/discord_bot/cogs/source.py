"""`/source`: an article's metadata, or one paragraph of it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.cogs.articles import article_choices
from bot.discord_bot.library import Library
from bot.discord_bot.replying import respond_embed, respond_text
from knowledge.models import Article


class SourceCog(commands.Cog, name="Source"):
    """The `/source` slash command."""

    def __init__(self, library: Library, default: Article) -> None:
        self.library = library
        self.default = default

    @app_commands.command(name="source")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    async def source(
        self,
        interaction: discord.Interaction,
        paragraph: app_commands.Range[int, 1] | None = None,
        article: str | None = None,
    ) -> None:
        """Show where the answers come from: the article's outlet, author and date.

        Args:
            interaction: The invocation (not shown to users).
            paragraph: Show this paragraph of the article
            article: Which article (otherwise this server's default one)
        """
        chosen = await default_article(self.library, interaction.guild_id, article, self.default)
        if chosen is None:
            await respond_text(interaction, rendering.no_such_article(article or ""))
        elif paragraph is None:
            await respond_embed(interaction, rendering.source_embed(chosen), private=False)
        elif paragraph > len(chosen.paragraphs):
            await respond_text(
                interaction, rendering.no_such_paragraph(paragraph, len(chosen.paragraphs))
            )
        else:
            embed = rendering.paragraph_embed(chosen, paragraph)
            await respond_embed(interaction, embed, private=False)

    @source.autocomplete("article")
    async def suggest_articles(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Suggest the articles this server sees."""
        return article_choices(self.library.shelf(interaction.guild_id).articles, current)


async def default_article(
    library: Library, guild_id: int | None, asked: str | None, fallback: Article
) -> Article | None:
    """The article a command is about: the one asked for, the server's default, or `fallback`.

    None when `asked` names an article the server does not see.
    """
    shelf = await library.ready(guild_id)
    if asked:
        return shelf.articles.get(asked)
    if guild_id is not None and library.store is not None:
        chosen = await library.store.default_article(guild_id)
        if chosen and chosen in shelf.articles:
            return shelf.articles[chosen]
    # The article as the shelf has it now (a curator may have edited it since the start).
    return shelf.articles.get(fallback.id) or next(iter(shelf.articles.values()), fallback)
