"""The discord.py bot: intents, allowed mentions, cogs, persistent buttons and the sync policy."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import AsyncIterator, Coroutine, Mapping
from typing import Any, Final, Literal

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.http import Route
from discord.webhook.async_ import async_context

from bot.discord_bot.asking import Asker
from bot.discord_bot.buttons import SuggestionButton
from bot.discord_bot.cogs.articles import ArticleCommands
from bot.discord_bot.cogs.ask import AskCog
from bot.discord_bot.cogs.facts import FactsCog
from bot.discord_bot.cogs.help import HelpCog
from bot.discord_bot.cogs.messages import MessagesCog
from bot.discord_bot.cogs.prefix import PrefixCog
from bot.discord_bot.cogs.source import SourceCog
from bot.discord_bot.draining import Drained, InFlight
from bot.discord_bot.feedback import FeedbackButton, ReasonButton
from bot.discord_bot.gaps import SessionGaps
from bot.discord_bot.library import AnswerEngine, Library, Shelf
from bot.discord_bot.monitoring import HealthServer, Metrics
from bot.discord_bot.recording import DeclineLog
from bot.discord_bot.replying import report_interaction_error
from bot.discord_bot.resilience import (
    Backoff,
    GatewayWatchdog,
    QuickInteractionAdapter,
    install_rest_retries,
    quiet_reconnect_tracebacks,
    transient_reason,
)
from bot.discord_bot.syncing import sync_commands_at_startup
from bot.discord_bot.throttling import Throttle
from bot.settings import Settings
from knowledge.models import Article
from storage import StorageError, Store

log = logging.getLogger(__name__)

SyncPolicy = Literal["startup", "force", "never"]
_DISCORD_HEARTBEAT_TIMEOUT: Final = 60.0
# A failed command sync is retried in the background, at most this far apart.
_SYNC_RETRY_CAP_SECONDS: Final = 600.0
_PRUNE_EVERY_SECONDS: Final = 86_400.0
# At shutdown, declined questions still queued get this long to be recorded.
_FLUSH_SECONDS: Final = 1.0


def intents_for(settings: Settings) -> discord.Intents:
    """Return the gateway intents: message content only when prefix commands are enabled.

    DMs, mentions of the bot and interactions carry their content without the privileged
    message_content intent, so the bot asks for it only when it must read `!ask …`.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = settings.prefix_enabled
    return intents


class NewsTree(app_commands.CommandTree["NewsBot"]):
    """The command tree with the bot's one central app-command error handler."""

    async def on_error(
        self, interaction: discord.Interaction[NewsBot], error: app_commands.AppCommandError
    ) -> None:
        """Log the error and tell the user, privately and without details, that it failed.

        A failed check is no error: the check has told the user why (Manage Server, say).
        """
        if isinstance(error, app_commands.CheckFailure):
            return
        await report_interaction_error(interaction, getattr(error, "original", error))


class NewsBot(commands.Bot):
    """The news question-answering bot; one instance per process (or per shard set)."""

    tree: NewsTree  # narrowed: `tree_cls=NewsTree` below

    def __init__(
        self,
        settings: Settings,
        *,
        engine: AnswerEngine,
        articles: Mapping[str, Article],
        default_article: Article,
        sync: SyncPolicy = "startup",
        **options: Any,
    ) -> None:
        super().__init__(
            # Without a prefix no prefix command is loaded, so this prefix never matches anything.
            command_prefix=settings.command_prefix or commands.when_mentioned,
            help_command=None,
            intents=intents_for(settings),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=NewsTree,
            case_insensitive=True,
            strip_after_prefix=True,
            max_messages=None,
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            # The watchdog notices silence within HEARTBEAT_TIMEOUT; discord.py's own timeout
            # stays above Discord's 41.25 s heartbeat interval, so an idle bot is never cut.
            heartbeat_timeout=max(_DISCORD_HEARTBEAT_TIMEOUT, settings.heartbeat_timeout),
            **options,
        )
        self.settings = settings
        self.metrics = Metrics()
        self.in_flight = InFlight()
        self.sync_done = asyncio.Event()
        self._background: set[asyncio.Task[object]] = set()
        self._health: HealthServer | None = None
        self._declines: DeclineLog | None = None
        self.gaps = SessionGaps(self.metrics, shard_of=self._shard_of)
        quiet_reconnect_tracebacks()
        install_rest_retries(
            self.http,
            metrics=self.metrics,
            ready=self.is_ready,
            startup_budget=settings.startup_retry_seconds,
        )
        self.default_article = default_article
        self.sync_policy: SyncPolicy = sync
        self.synced_to: list[str] = []
        self.store: Store | None = None
        self.library = Library(
            Shelf(engine, articles),
            base_directory=settings.knowledge_dir,
            allow_private_urls=settings.allow_private_urls,
        )
        # Votes and Explain: twice the question allowance, since one answer invites a vote
        # and an explanation.
        self.feedback_throttle = Throttle(
            rate=2 * settings.cooldown_rate, per=settings.cooldown_per
        )
        self.asker = Asker(
            self.library,
            throttle=Throttle(rate=settings.cooldown_rate, per=settings.cooldown_per),
            max_question_length=settings.max_question_length,
            metrics=self.metrics,
        )

    async def start(self, token: str, *, reconnect: bool = True) -> None:
        """Log in and connect; interaction callbacks use the quick adapter from here on."""
        # Tasks started from here on (the gateway and every event handler) inherit the adapter.
        async_context.set(QuickInteractionAdapter(self.metrics))
        await super().start(token, reconnect=reconnect)

    async def login(self, token: str) -> None:
        """Log in, pointing discord.py at `DISCORD_API_BASE` and its gateway when it is set."""
        if self.settings.discord_api_base:
            Route.BASE = self.settings.discord_api_base
        await super().login(token)
        if self.settings.discord_api_base:
            await self._use_api_gateway()

    async def _use_api_gateway(self) -> None:
        # discord.py dials DEFAULT_GATEWAY for a new session (and after an invalidated one);
        # pointing it at the gateway this API reports makes every reconnect path use it too.
        data = await self.http.request(Route("GET", "/gateway"))
        gateway = yarl.URL(data["url"])
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway
        log.info("using the gateway %s reported by %s", gateway, self.settings.discord_api_base)

    async def setup_hook(self) -> None:
        """Open the database, add the cogs and persistent buttons, then sync commands."""
        settings = self.settings
        await self.add_cog(AskCog(self.asker, self.answering))
        await self.add_cog(SourceCog(self.library, self.default_article))
        await self.add_cog(FactsCog(self.library))
        await self.add_cog(HelpCog(settings.command_prefix, settings.retention_days))
        self.tree.add_command(ArticleCommands(self.library))
        await self.add_cog(
            MessagesCog(self, self.asker, self.answering, prefix=settings.command_prefix)
        )
        if settings.prefix_enabled:
            await self.add_cog(
                PrefixCog(
                    self.asker,
                    self.default_article,
                    self.answering,
                    prefix=settings.command_prefix,
                    retention_days=settings.retention_days,
                )
            )
        self.add_dynamic_items(SuggestionButton, FeedbackButton, ReasonButton)
        if self.sync_policy == "force":
            # `python -m bot sync`: log in, sync, exit; nothing else runs (a port in use by
            # the bot itself must not stop it).
            if self.application_id is not None:
                self.synced_to = await self._sync()
            self.sync_done.set()
            return
        await self._open_store()
        if self.settings.metrics_port is not None:
            self._health = HealthServer(self.metrics, ready=self.serving)
            await self._health.start(self.settings.metrics_host, self.settings.metrics_port)
        timeout = self.settings.heartbeat_timeout
        watchdog = GatewayWatchdog(
            self._gateway_sockets,
            self.metrics,
            # Well before discord.py's own receive timeout, which would reconnect silently.
            probe_after=timeout / 3,
            ack_within=timeout / 3,
            every=min(2.0, timeout / 10),
        )
        self._spawn(watchdog.run(), "gateway-watchdog")
        if self.sync_policy == "startup" and self.application_id is not None:
            # DMs and mentions need no commands: a failing sync must not keep them waiting.
            self._spawn(self._sync_until_done(), "command-sync")

    async def _open_store(self) -> None:
        """Open the database (migrating it), then load the servers' articles and keep watch."""
        self.store = store = await Store.open(self.settings.store_url())
        self.library.store = store
        declines = DeclineLog(store)
        self.asker.declines = declines
        self._declines = declines
        self._spawn(declines.run(), "decline-log")
        await self.library.start()
        self._spawn(self._watch_library(), "library-watch")
        self._spawn(self._prune_daily(), "retention")

    async def _watch_library(self) -> None:
        """Pick up articles another shard process changed, and edited curated files."""
        while True:
            await asyncio.sleep(self.settings.library_poll_seconds)
            try:
                changed = await self.library.refresh()
            except Exception as error:  # the watch must outlive any one failure
                log.warning("could not look for changed articles: %r", error)
            else:
                if changed:
                    log.info("reloaded the articles of %d servers (-1: the folder)", len(changed))

    async def _prune_daily(self) -> None:
        """Delete votes and unanswered questions older than RETENTION_DAYS, once a day."""
        assert self.store is not None
        while True:
            cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=self.settings.retention_days)
            try:
                deleted = await self.store.prune(cutoff)
            except StorageError as error:
                log.warning("could not prune old feedback: %s", error)
            else:
                log.info(
                    "retention: deleted %d votes and %d unanswered questions older than %d days",
                    deleted.votes,
                    deleted.declines,
                    self.settings.retention_days,
                )
            await asyncio.sleep(_PRUNE_EVERY_SECONDS)

    @contextlib.asynccontextmanager
    async def answering(self, surface: str) -> AsyncIterator[bool]:
        """Handle one question from `surface` as an answer in flight, timed for the metrics.

        Yields False once shutdown has begun: the handler then answers nothing.
        """
        async with self.in_flight.track() as accepted:
            if not accepted:
                yield False
                return
            self.metrics.questions.labels(surface).inc()
            started = time.perf_counter()
            try:
                yield True
            finally:
                self.metrics.latency.observe(time.perf_counter() - started)

    def _spawn(self, work: Coroutine[Any, Any, object], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _sync(self) -> list[str]:
        assert self.application_id is not None
        return await sync_commands_at_startup(
            self.tree,
            application_id=self.application_id,
            dev_guild_id=self.settings.dev_guild_id,
            state_file=self.settings.command_sync_state,
            force=self.sync_policy == "force",
        )

    async def _sync_until_done(self) -> None:
        """Sync commands, retrying failures with capped back-off until it works."""
        backoff = Backoff(base=2.0, cap=_SYNC_RETRY_CAP_SECONDS)
        attempt = 0
        while True:
            try:
                self.synced_to = await self._sync()
            except (discord.HTTPException, OSError, TimeoutError) as error:
                attempt += 1
                delay = backoff.delay(attempt)
                status = getattr(error, "status", None)
                what = f"HTTP {status}" if status else transient_reason(error) or "error"
                self.metrics.errors.labels("command_sync").inc()
                log.error(
                    "could not sync application commands (%s); slash commands may be out of "
                    "date, DMs and mentions still work; retry %d in %.0f s",
                    what,
                    attempt,
                    delay,
                )
                await asyncio.sleep(delay)
            else:
                self.sync_done.set()
                return

    def serving(self) -> bool:
        """True while the gateway is connected and the bot takes questions (readiness)."""
        return (
            self.is_ready()
            and not self.is_closed()
            and self.in_flight.accepting
            and all(socket is not None and socket.open for socket in self._gateway_sockets())
        )

    def _gateway_sockets(self) -> list[Any]:
        return [self.ws]

    async def shutdown(self, drain_seconds: float) -> Drained:
        """Stop taking questions and let the answers in flight finish (at most `drain_seconds`)."""
        result = await self.in_flight.drain(drain_seconds)
        self.metrics.drained.inc(result.drained)
        self.metrics.abandoned.inc(result.abandoned)
        return result

    async def close(self) -> None:
        """Stop the background tasks and the health server, disconnect, close the database."""
        if self._declines is not None:
            await self._declines.flush(_FLUSH_SECONDS)
        background = list(self._background)
        for task in background:
            task.cancel()
        if background:
            # A task cancelled mid-query must finish unwinding before the database closes,
            # or its cleanup waits forever on a connection that is gone.
            await asyncio.wait(background, timeout=_FLUSH_SECONDS)
        if self._health is not None:
            await self._health.stop()
        await self.library.close()
        await super().close()
        if self.store is not None:
            await self.store.close()

    def dispatch(self, event_name: str, /, *args: Any, **kwargs: Any) -> None:
        """Dispatch an event, noting each message delivered (to bound a new session's gap).

        A closed bot handles nothing: an event read from the socket while closing would be
        scheduled on a loop discord.py has already let go of.
        """
        if self.is_closed():
            return
        if event_name == "message" and args and isinstance(args[0], discord.Message):
            message = args[0]
            self.gaps.received(message.id, message.guild.id if message.guild else None)
        super().dispatch(event_name, *args, **kwargs)

    def _shard_of(self, guild_id: int | None) -> int:
        """The shard carrying a server's events (DMs go to shard 0), as Discord assigns them."""
        count = self.shard_count or 1
        return (guild_id >> 22) % count if guild_id is not None else 0

    def _new_session(self, shard: int) -> None:
        after = self.gaps.ready(shard)
        if after is not None and self.user is not None:
            count = self.gaps.count_missed(self.http, shard, after=after, bot_id=self.user.id)
            self._spawn(count, f"gap-count-{shard}")

    async def on_disconnect(self) -> None:
        """Remember when the gateway went away, to log how long it was gone."""
        self.gaps.disconnected(0)

    async def on_resumed(self) -> None:
        """A resumed session: Discord replays what happened in the gap; log how long it was."""
        self.gaps.resumed(0)

    async def on_message(self, message: discord.Message, /) -> None:
        """Run prefix commands only when a prefix is configured (questions are a cog's job)."""
        if self.settings.prefix_enabled:
            await self.process_commands(message)

    async def on_ready(self) -> None:
        """Log readiness, and the gap a new session could not recover (never sync here)."""
        self._new_session(0)
        log.info(
            "ready as %s (id %s) in %d servers", self.user, self.application_id, len(self.guilds)
        )


class ShardedNewsBot(NewsBot, commands.AutoShardedBot):
    """The bot running the shards named by `SHARD_IDS` out of `SHARD_COUNT`.

    Each shard connects, resumes and starts new sessions on its own; `on_ready` fires once.
    """

    async def on_disconnect(self) -> None:
        """Shards report their own disconnections."""

    async def on_resumed(self) -> None:
        """Shards report their own resumptions."""

    async def on_ready(self) -> None:
        """Log readiness only: each shard's sessions are tracked by the shard events."""
        log.info("ready as %s in %d servers", self.user, len(self.guilds))

    async def on_shard_disconnect(self, shard_id: int) -> None:
        """Remember when this shard's connection went away."""
        self.gaps.disconnected(shard_id)

    async def on_shard_resumed(self, shard_id: int) -> None:
        """Log how long this shard was gone; Discord replays its gap."""
        self.gaps.resumed(shard_id)

    async def on_shard_ready(self, shard_id: int) -> None:
        """A session on this shard: a new one after another gets its gap logged and counted."""
        self._new_session(shard_id)

    def _gateway_sockets(self) -> list[Any]:
        # ShardInfo keeps its connection on its private `_parent`; discord.py has no public way.
        return [info._parent.ws for info in self.shards.values()]


def create_bot(
    settings: Settings,
    *,
    engine: AnswerEngine,
    articles: Mapping[str, Article],
    default_article: Article,
    sync: SyncPolicy = "startup",
) -> NewsBot:
    """Build the bot for `settings`, sharded when `SHARD_COUNT` is set."""
    if settings.shard_count is None:
        return NewsBot(
            settings, engine=engine, articles=articles, default_article=default_article, sync=sync
        )
    return ShardedNewsBot(
        settings,
        engine=engine,
        articles=articles,
        default_article=default_article,
        sync=sync,
        shard_count=settings.shard_count,
        shard_ids=list(settings.shard_ids) if settings.shard_ids is not None else None,
    )
