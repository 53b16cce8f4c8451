"""Send a `Reply` through a message reply or an interaction response, surviving a 403.

Every send goes through here, so the rules live in one place: replies to messages never ping
their author, notices to interactions are private, and a missing permission is logged and
survived rather than crashing the handler.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from bot import rendering
from bot.asking import Reply
from bot.buttons import suggestion_view

log = logging.getLogger(__name__)


def _view(reply: Reply) -> Any:
    # MISSING (not None) tells discord.py to send no components at all.
    return suggestion_view(reply.suggestions) if reply.suggestions else discord.utils.MISSING


def _reference(message: discord.Message) -> discord.MessageReference:
    # A question deleted before the answer is sent still gets its answer, just not as a reply.
    return message.to_reference(fail_if_not_exists=False)


async def reply_to_message(message: discord.Message, reply: Reply) -> None:
    """Reply to `message` without pinging its author (nothing at all when `reply` is silent)."""
    if reply.silent:
        return
    try:
        await message.channel.send(
            content=reply.content,
            embed=reply.embed or discord.utils.MISSING,
            view=_view(reply),
            reference=_reference(message),
            mention_author=False,
        )
    except discord.Forbidden as error:
        log.warning(
            "no permission to reply in channel %s (code %s); skipped",
            message.channel.id,
            error.code,
        )
    except discord.NotFound:
        log.info("channel or message %s vanished before the reply", message.channel.id)


async def send_text(message: discord.Message, text: str) -> None:
    """Reply to `message` with plain text, logging and surviving any HTTP failure."""
    try:
        await message.channel.send(
            content=rendering.clip(text, rendering.CONTENT_LIMIT),
            reference=_reference(message),
            mention_author=False,
        )
    except Exception as error:  # the last resort after a failure must not raise
        log.warning("could not reply in channel %s: %r", message.channel.id, error)


async def respond(interaction: discord.Interaction, reply: Reply, *, private: bool = False) -> None:
    """Answer `interaction` with `reply`; notices are always private to the asker."""
    ephemeral = private or reply.notice
    content = reply.content
    if reply.silent and content is None:
        content = "Please wait a moment before asking again."
    try:
        if interaction.response.is_done():
            await interaction.followup.send(
                content=content or discord.utils.MISSING,
                embed=reply.embed or discord.utils.MISSING,
                view=_view(reply),
                ephemeral=ephemeral,
            )
        else:
            await interaction.response.send_message(
                content=content,
                embed=reply.embed or discord.utils.MISSING,
                view=_view(reply),
                ephemeral=ephemeral,
            )
    except discord.Forbidden as error:
        log.warning("no permission to answer interaction %s (code %s)", interaction.id, error.code)
    except discord.NotFound:
        log.warning("interaction %s expired before it was answered", interaction.id)


async def respond_embed(
    interaction: discord.Interaction, embed: discord.Embed, *, private: bool
) -> None:
    """Answer `interaction` with one embed."""
    await respond(interaction, Reply(embed=embed), private=private)


async def respond_text(interaction: discord.Interaction, text: str) -> None:
    """Answer `interaction` with a private text notice."""
    await respond(
        interaction, Reply(content=rendering.clip(text, rendering.CONTENT_LIMIT), notice=True)
    )


async def report_interaction_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Log an interaction failure and tell the user, without any details, that it failed."""
    command = interaction.command.qualified_name if interaction.command else "component"
    log.error("error handling %s (interaction %s)", command, interaction.id, exc_info=error)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(rendering.SOMETHING_WENT_WRONG, ephemeral=True)
        else:
            await interaction.response.send_message(rendering.SOMETHING_WENT_WRONG, ephemeral=True)
    except discord.HTTPException as http_error:
        log.warning("could not report the error to the user: HTTP %s", http_error.status)
