"""Entry points `__main__` calls: `run_discord(settings)` and `sync_commands(settings)`.

Both check the token first (a missing or malformed one is one clear line and exit code 2), load
the fact base, and turn Discord's refusals into one clear line and a non-zero exit code instead
of a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Coroutine
from typing import Any, Final

import aiohttp
import discord

from bot.discord_bot.client import NewsBot, SyncPolicy, create_bot
from bot.discord_bot.draining import Drained
from bot.settings import Settings, TokenError
from knowledge import Engine, KnowledgeBase, load_knowledge_base
from knowledge.loading import KnowledgeBaseError
from storage import StorageError
from storage.connecting import create_engine

log = logging.getLogger(__name__)

EXIT_OK: Final = 0
EXIT_FAILURE: Final = 1
EXIT_USAGE: Final = 2
# `python -m bot sync` only logs in and syncs: a server that never answers must not hang it.
SYNC_TIMEOUT_SECONDS: Final = 60.0
# Docker and systemd kill a process 10 s after SIGTERM: everything is over before that.
STOP_DEADLINE_SECONDS: Final = 9.0


def _fail(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")
    sys.stderr.flush()


def _configure_logging(settings: Settings) -> None:
    # `__main__` configures logging only for the local front ends; respect any earlier setup.
    if not logging.getLogger().handlers:
        discord.utils.setup_logging(level=logging.getLevelName(settings.log_level), root=True)


def _build(settings: Settings, *, sync: SyncPolicy, kb: KnowledgeBase | None) -> NewsBot | int:
    # The bot never joins voice: no warnings about voice libraries that are not installed.
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False
    if kb is None:
        try:
            kb = load_knowledge_base(settings.knowledge_dir)
        except KnowledgeBaseError as error:
            _fail(f"the fact base is invalid: {error}")
            return EXIT_USAGE
    return create_bot(
        settings,
        engine=Engine(kb),
        articles=kb.articles,
        default_article=kb.article(),
        sync=sync,
    )


def _explain(error: BaseException) -> str | None:  # noqa: PLR0911 - one return per failure kind
    """Return the one line for a failure Discord (or the network) caused, else None."""
    if isinstance(error, StorageError):
        return f"the database could not be opened: {error}"
    if isinstance(error, discord.LoginFailure):
        return (
            "Discord rejected DISCORD_TOKEN (401 Unauthorized); copy a fresh token from the "
            "Developer Portal's Bot page"
        )
    if isinstance(error, discord.PrivilegedIntentsRequired):
        return (
            "COMMAND_PREFIX needs the Message Content intent: enable it on the Developer Portal's "
            "Bot page, or leave COMMAND_PREFIX empty"
        )
    if isinstance(error, discord.GatewayNotFound):
        return "Discord's gateway could not be found; try again later"
    if isinstance(error, discord.HTTPException):
        # A 5xx body, or a 403/429 from Cloudflare, is an HTML page: the status says enough.
        html = error.text.lstrip().startswith("<")
        details = error.text if error.status < 500 and error.text and not html else "no details"
        return f"Discord refused a request at start-up (HTTP {error.status}): {details[:200]}"
    if isinstance(error, discord.ConnectionClosed):
        reason = error.reason or "no reason given"
        return f"Discord closed the gateway connection (code {error.code}): {reason}"
    if isinstance(error, (aiohttp.ClientError, OSError, asyncio.TimeoutError)):
        return f"could not reach Discord: {type(error).__name__}: {error}"
    return None


async def _until_stopped(bot: NewsBot, work: Coroutine[Any, Any, object]) -> int:
    """Run `work` with `bot` until it ends or SIGINT/SIGTERM arrives; return the exit code.

    A stop asked for by signal is a clean exit even when it interrupts logging in.
    """
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    def stop(signum: int) -> None:
        log.info("received %s; shutting down", signal.Signals(signum).name)
        stopping.set()

    handled = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, stop, signum)
        except (NotImplementedError, RuntimeError, ValueError):
            continue  # not the main thread, or no signal support here (Windows)
        handled.append(signum)
    stop_asked_at: list[float] = []
    drained: Drained | None = None
    try:
        await bot.__aenter__()
        runner = asyncio.create_task(work, name="discord-bot")
        waiter = asyncio.create_task(stopping.wait(), name="shutdown-signal")
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if waiter in done:
            stop_asked_at.append(loop.time())
            drained = await _stop(bot, runner)
        else:
            waiter.cancel()
            await runner
    except Exception as error:
        explanation = _explain(error)
        if explanation is None:
            raise
        _fail(explanation)
        return EXIT_FAILURE
    finally:
        for signum in handled:
            loop.remove_signal_handler(signum)
        deadline = stop_asked_at[0] + STOP_DEADLINE_SECONDS if stop_asked_at else None
        await _close_within(bot, deadline)
    if drained is not None:
        # The last line an operator sees: what the stop did with the answers in flight.
        log.info(
            "stopped cleanly in %.1f s: %d answers in flight drained, %d abandoned, %d "
            "questions refused while stopping",
            loop.time() - stop_asked_at[0],
            drained.drained,
            drained.abandoned,
            bot.in_flight.refused,
        )
    return EXIT_OK


async def _close_within(bot: NewsBot, deadline: float | None) -> None:
    """Close `bot`, giving up at `deadline` (loop time; None: wait as long as it takes).

    A half-open connection can hold the websocket's closing handshake for 30 s; a stop that
    was asked for must not wait for it.
    """
    closing = asyncio.ensure_future(bot.close())
    left = None if deadline is None else max(0.1, deadline - asyncio.get_running_loop().time())
    done, _ = await asyncio.wait({closing}, timeout=left)
    if not done:
        log.warning("closing the connection to Discord took too long; exiting anyway")
    elif not closing.cancelled() and closing.exception() is not None:
        log.warning("closing the connection to Discord failed: %r", closing.exception())


async def _stop(bot: NewsBot, runner: asyncio.Task[object]) -> Drained:
    """Drain the answers in flight, then close, all within `STOP_DEADLINE_SECONDS`.

    Closing does not wake discord.py from a reconnect back-off, a rate-limit sleep or a
    start-up retry, so whatever is still running at the end is cancelled.
    """
    loop_time = asyncio.get_running_loop().time
    begin = loop_time()
    grace = min(bot.settings.shutdown_grace, STOP_DEADLINE_SECONDS - 1.0)
    drained = await bot.shutdown(grace)
    left = max(0.5, STOP_DEADLINE_SECONDS - (loop_time() - begin))
    # Not wait_for: cancelling discord.py's closing task would make every later close raise.
    await asyncio.wait({asyncio.ensure_future(bot.close())}, timeout=left * 0.6)
    left = max(0.1, STOP_DEADLINE_SECONDS - (loop_time() - begin))
    # Closing mid-login makes the runner fail; the user asked to stop, so it is fine.
    with contextlib.suppress(Exception, asyncio.CancelledError):
        await asyncio.wait_for(asyncio.shield(runner), min(left, 1.0))
    if not runner.done():
        runner.cancel()
    with contextlib.suppress(Exception, asyncio.CancelledError):
        await runner
    return drained


def _prepare(
    settings: Settings, *, sync: SyncPolicy, kb: KnowledgeBase | None
) -> tuple[NewsBot, str] | int:
    """Check the token, set up logging and build the bot; an int is the exit code on failure."""
    try:
        token = settings.discord_token_value()
    except TokenError as error:
        _fail(str(error))
        return EXIT_USAGE
    if sync != "force":
        try:  # a data folder that cannot be made is a configuration error: before logging in
            # Connects to nothing: a malformed URL is found before logging in to Discord.
            create_engine(settings.store_url())
        except StorageError as error:
            _fail(str(error))
            return EXIT_USAGE
    _configure_logging(settings)
    bot = _build(settings, sync=sync, kb=kb)
    return bot if isinstance(bot, int) else (bot, token)


def run_discord(settings: Settings, *, kb: KnowledgeBase | None = None) -> int:
    """Run the Discord bot until SIGINT or SIGTERM; return the process exit code."""
    prepared = _prepare(settings, sync="startup", kb=kb)
    if isinstance(prepared, int):
        return prepared
    bot, token = prepared
    return asyncio.run(_until_stopped(bot, bot.start(token)))


async def _sync_only(bot: NewsBot, token: str) -> int:
    # login runs setup_hook, which syncs with the "force" policy.
    code = await _until_stopped(bot, asyncio.wait_for(bot.login(token), SYNC_TIMEOUT_SECONDS))
    if code == EXIT_OK:
        log.info("commands synced: %s", ", ".join(bot.synced_to) or "nowhere")
    return code


def sync_commands(settings: Settings, *, kb: KnowledgeBase | None = None) -> int:
    """Sync application commands globally (and to `DEV_GUILD_ID` when set); return exit code."""
    prepared = _prepare(settings, sync="force", kb=kb)
    if isinstance(prepared, int):
        return prepared
    return asyncio.run(_sync_only(*prepared))
