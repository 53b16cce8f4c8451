"""Suggestion buttons on a decline: clicking one asks that question.

The button is a persistent `DynamicItem`: its custom_id carries the question (or a hash of a
long one), so clicks on old messages keep working after the bot restarts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

import discord

from bot.discord_bot import rendering
from bot.discord_bot.asking import asker_of
from bot.discord_bot.draining import answering_of

log = logging.getLogger(__name__)

MAX_SUGGESTION_BUTTONS = 5


class SuggestionButton(
    discord.ui.DynamicItem[discord.ui.Button[discord.ui.View]],
    template=rendering.SUGGESTION_TEMPLATE,
):
    """A button that asks one suggested question for whoever clicks it."""

    def __init__(self, question: str, *, custom_id: str | None = None) -> None:
        super().__init__(
            discord.ui.Button(
                label=rendering.button_label(question or "Ask"),
                style=discord.ButtonStyle.secondary,
                custom_id=custom_id or rendering.suggestion_custom_id(question),
            )
        )
        self.question = question

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SuggestionButton:
        """Rebuild the button from a click, resolving a hashed question if needed."""
        value = match["value"]
        if not match["kind"]:
            return cls(value)
        asker = asker_of(interaction.client)
        question = (asker.resolve_hash(value) if asker is not None else None) or ""
        return cls(question, custom_id=rendering.SUGGESTION_HASH_PREFIX + value)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        """Answer the suggested question, privately when the decline itself was private."""
        from bot.discord_bot.replying import (  # noqa: PLC0415 - replying imports this module
            report_interaction_error,
            respond,
            respond_text,
        )

        asker = asker_of(interaction.client)
        if asker is None:
            return
        async with answering_of(interaction.client)("button") as accepted:
            if not accepted:
                return
            try:
                if not self.question:
                    await respond_text(interaction, rendering.SUGGESTION_EXPIRED)
                    return
                private = bool(interaction.message and interaction.message.flags.ephemeral)
                reply = await asker.ask(
                    interaction.user.id,
                    self.question,
                    channel_id=interaction.channel_id or 0,
                    guild_id=interaction.guild_id,
                    question_id=interaction.id,
                )
            except Exception as error:  # any failure becomes one logged, polite reply
                await report_interaction_error(interaction, error)
                return
            await respond(interaction, reply, private=private)


def suggestion_view(suggestions: Sequence[str]) -> discord.ui.View:
    """Return a view with one button per suggestion (at most five, one row)."""
    view = discord.ui.View(timeout=None)
    for question in suggestions[:MAX_SUGGESTION_BUTTONS]:
        view.add_item(SuggestionButton(question))
    return view
