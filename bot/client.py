"""The discord.py bot: intents, allowed mentions, cogs, persistent buttons and the sync policy."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Literal

import discord
import yarl
from discord import app_commands
from discord.ext import commands
from discord.http import Route

from bot.asking import AnswerEngine, Asker
from bot.buttons import SuggestionButton
from bot.cogs.ask import AskCog
from bot.cogs.facts import FactsCog
from bot.cogs.help import HelpCog
from bot.cogs.messages import MessagesCog
from bot.cogs.prefix import PrefixCog
from bot.cogs.source import SourceCog
from bot.replying import report_interaction_error
from bot.settings import Settings
from bot.syncing import sync_commands_at_startup
from bot.throttling import Throttle
from knowledge.models import Article

log = logging.getLogger(__name__)

SyncPolicy = Literal["startup", "force", "never"]


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
        """Log the error and tell the user, privately and without details, that it failed."""
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
            **options,
        )
        self.settings = settings
        self.default_article = default_article
        self.sync_policy: SyncPolicy = sync
        self.synced_to: list[str] = []
        self.asker = Asker(
            engine,
            articles,
            throttle=Throttle(rate=settings.cooldown_rate, per=settings.cooldown_per),
            max_question_length=settings.max_question_length,
        )

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
        """Add the cogs and persistent buttons, then sync commands as the policy says."""
        settings = self.settings
        await self.add_cog(AskCog(self.asker))
        await self.add_cog(SourceCog(self.default_article))
        await self.add_cog(FactsCog(self.asker.engine))
        await self.add_cog(HelpCog(settings.command_prefix))
        await self.add_cog(MessagesCog(self, self.asker, prefix=settings.command_prefix))
        if settings.prefix_enabled:
            await self.add_cog(
                PrefixCog(self.asker, self.default_article, prefix=settings.command_prefix)
            )
        self.add_dynamic_items(SuggestionButton)
        if self.sync_policy != "never" and self.application_id is not None:
            self.synced_to = await sync_commands_at_startup(
                self.tree,
                application_id=self.application_id,
                dev_guild_id=settings.dev_guild_id,
                state_file=settings.command_sync_state,
                force=self.sync_policy == "force",
            )

    async def on_message(self, message: discord.Message, /) -> None:
        """Run prefix commands only when a prefix is configured (questions are a cog's job)."""
        if self.settings.prefix_enabled:
            await self.process_commands(message)

    async def on_ready(self) -> None:
        """Log readiness only: syncing here would repeat on every reconnect."""
        log.info(
            "ready as %s (id %s) in %d servers", self.user, self.application_id, len(self.guilds)
        )


class ShardedNewsBot(NewsBot, commands.AutoShardedBot):
    """The bot running the shards named by `SHARD_IDS` out of `SHARD_COUNT`."""


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
