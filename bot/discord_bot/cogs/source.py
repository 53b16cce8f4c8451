"""`/source`: the article's metadata, or one paragraph of it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.replying import respond_embed, respond_text
from knowledge.models import Article


class SourceCog(commands.Cog, name="Source"):
    """The `/source` slash command."""

    def __init__(self, article: Article) -> None:
        self.article = article

    @app_commands.command(name="source")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    async def source(
        self, interaction: discord.Interaction, paragraph: app_commands.Range[int, 1] | None = None
    ) -> None:
        """Show where the answers come from: the article's outlet, author and date.

        Args:
            interaction: The invocation (not shown to users).
            paragraph: Show this paragraph of the article
        """
        if paragraph is None:
            await respond_embed(interaction, rendering.source_embed(self.article), private=False)
        elif paragraph > len(self.article.paragraphs):
            await respond_text(
                interaction, rendering.no_such_paragraph(paragraph, len(self.article.paragraphs))
            )
        else:
            embed = rendering.paragraph_embed(self.article, paragraph)
            await respond_embed(interaction, embed, private=False)
