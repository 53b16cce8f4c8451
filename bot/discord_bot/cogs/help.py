"""`/help`: how to ask."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_bot import rendering
from bot.discord_bot.replying import respond_embed


class HelpCog(commands.Cog, name="Help"):
    """The `/help` slash command."""

    def __init__(self, prefix: str, retention_days: int) -> None:
        self.embed = rendering.help_embed(prefix, retention_days=retention_days)

    @app_commands.command(name="help")
    @app_commands.allowed_contexts(guilds=True, dms=True)
    async def help(self, interaction: discord.Interaction) -> None:
        """Explain how to ask me questions."""
        await respond_embed(interaction, self.embed, private=True)
