"""Send a `Reply` through a message reply or an interaction response, surviving a 403.

Every send goes through here, so the rules live in one place: replies to messages never ping
their author, notices to interactions are private, and a missing permission is logged (once
per channel) and survived rather than crashing the handler. A reply carries its question's id as
a nonce that Discord enforces, so a retry after an error whose message was in fact created
returns that message instead of posting a second one. A send that still fails is logged and
counted, never followed by "something went wrong": the answer may have been delivered.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any, Final

import aiohttp
import discord

from bot.discord_bot import rendering
from bot.discord_bot.asking import Reply
from bot.discord_bot.buttons import suggestion_view
from bot.discord_bot.feedback import feedback_items
from bot.discord_bot.monitoring import Metrics

log = logging.getLogger(__name__)

_FORBIDDEN_CHANNELS_KEPT: Final = 10_000
# Channels whose missing permission was logged already: a 403 is logged once per channel.
_forbidden_logged: OrderedDict[int, None] = OrderedDict()
_SEND_FAILURES = (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError)


def _log_forbidden(channel_id: int, code: int, metrics: Metrics | None) -> None:
    if metrics is not None:
        metrics.errors.labels("forbidden").inc()
    if channel_id in _forbidden_logged:
        return
    _forbidden_logged[channel_id] = None
    if len(_forbidden_logged) > _FORBIDDEN_CHANNELS_KEPT:
        _forbidden_logged.popitem(last=False)
    log.warning(
        "no permission to reply in channel %s (code %s); not retried, logged once per channel",
        channel_id,
        code,
    )


def _log_failure(what: str, error: BaseException, metrics: Metrics | None) -> None:
    if metrics is not None:
        metrics.errors.labels("send").inc()
    status = getattr(error, "status", None)
    log.error("could not send %s: %s", what, f"HTTP {status}" if status else type(error).__name__)


def _view(reply: Reply) -> Any:
    """Suggestion buttons on a decline, then 👍 / 👎 / Explain on any answer."""
    view = suggestion_view(reply.suggestions) if reply.suggestions else None
    if reply.question_id and reply.embed is not None:
        view = view or discord.ui.View(timeout=None)
        for item in feedback_items(reply.question_id, reply.fact_id):
            view.add_item(item)
    if view is None:
        return discord.utils.MISSING  # not None: no components at all
    # The buttons are dynamic items, found by their custom_id on any message: a stopped view
    # is not kept by discord.py for each message sent (which would grow without bound).
    view.stop()
    return view


def _reference(message: discord.Message) -> discord.MessageReference:
    # A question deleted before the answer is sent still gets its answer, just not as a reply.
    return message.to_reference(fail_if_not_exists=False)


async def reply_to_message(
    message: discord.Message, reply: Reply, *, metrics: Metrics | None = None
) -> None:
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
            # One reply per question: Discord returns the first message for a repeated nonce.
            nonce=str(message.id),
        )
    except discord.Forbidden as error:
        _log_forbidden(message.channel.id, error.code, metrics)
    except discord.NotFound:
        log.info("channel or message %s vanished before the reply", message.channel.id)
    except _SEND_FAILURES as error:
        _log_failure(f"the reply to message {message.id}", error, metrics)


async def send_text(message: discord.Message, text: str) -> None:
    """Reply to `message` with plain text, logging and surviving any HTTP failure."""
    try:
        await message.channel.send(
            content=rendering.clip(text, rendering.CONTENT_LIMIT),
            reference=_reference(message),
            mention_author=False,
            nonce=f"n{message.id}",  # not the answer's nonce: this is another message
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
    except _SEND_FAILURES as error:
        _log_failure(f"the answer to interaction {interaction.id}", error, _metrics_of(interaction))


def _metrics_of(interaction: discord.Interaction) -> Metrics | None:
    metrics = getattr(interaction.client, "metrics", None)
    return metrics if isinstance(metrics, Metrics) else None


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
