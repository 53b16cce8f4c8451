"""`/facts`: what the bot can answer, grouped by topic."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.asking import AnswerEngine
from bot.discord_bot.replying import respond_embed


class FactsCog(commands.Cog, name="Facts"):
    """The `/facts` slash command."""

    def __init__(self, engine: AnswerEngine) -> None:
        self.embed = rendering.facts_embed(engine.topics())

    @app_commands.command(name="facts")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    async def facts(self, interaction: discord.Interaction) -> None:
        """List what I can answer about the article, grouped by topic."""
        await respond_embed(interaction, self.embed, private=True)
