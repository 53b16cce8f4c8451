"""`/article add|list|remove|default|report|forget`: a server's own articles, run by moderators.

Only members with Manage Server may change what a server's bot knows: the commands' default
member permissions say so to Discord, and the bot checks again (a server can grant the command
to anyone, but not the permission). Every reply is visible only to the moderator.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any, Final

import discord
from discord import app_commands

from bot.discord_bot import rendering
from bot.discord_bot.library import Library, LibraryError
from bot.discord_bot.replying import respond_text
from bot.reporting import report_text
from knowledge import Engine
from knowledge.building.adding import Built
from knowledge.building.generating import BuildReport
from storage import StorageError, Store

log = logging.getLogger(__name__)

MAX_ATTACHMENT_BYTES: Final = 5_000_000
_SUFFIXES: Final = {
    ".txt": ".txt",
    ".text": ".txt",
    ".md": ".txt",
    ".html": ".html",
    ".htm": ".html",
}
NEEDS_MANAGE_SERVER: Final = (
    "Only members with the Manage Server permission can change this server's articles."
)


def can_manage(interaction: discord.Interaction[Any]) -> bool:
    """True when the member may manage the server's articles (Manage Server)."""
    return interaction.guild_id is not None and interaction.permissions.manage_guild


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class ArticleCommands(app_commands.Group, name="article", description="This server's articles"):
    """The `/article` command group (moderators)."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    @property
    def store(self) -> Store | None:
        """The database, once the bot has opened it."""
        return self.library.store

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        """Refuse members without Manage Server, whatever the server's command settings."""
        if can_manage(interaction):
            return True
        await respond_text(interaction, NEEDS_MANAGE_SERVER)
        return False

    @app_commands.command(name="add")
    async def add(
        self,
        interaction: discord.Interaction[Any],
        url: str | None = None,
        file: discord.Attachment | None = None,
    ) -> None:
        """Add a news article to this server: a web page's URL, or a .txt or .html file.

        Args:
            interaction: The invocation (not shown to users).
            url: The article's web address (http or https)
            file: The article as a .txt or .html file
        """
        assert interaction.guild_id is not None
        if (url is None) == (file is None):
            await respond_text(interaction, "Give either `url:` or `file:` (one of them).")
            return
        # Building takes seconds; Discord wants a first response within three.
        await interaction.response.defer(ephemeral=True, thinking=True)
        origin = url.strip() if url else (file.filename if file else "")
        await self._edit(interaction, f"Reading {rendering.escape_user_text(origin, 300)} …")
        added_by = self.store.hash_user(interaction.user.id) if self.store else ""
        try:
            if file is not None:
                built = await self._add_file(interaction.guild_id, file, added_by)
            else:
                assert url is not None
                built = await self.library.add(
                    interaction.guild_id, url.strip(), added_by=added_by, origin=url.strip()
                )
        except LibraryError as error:
            await self._edit(interaction, f"Not added: {rendering.clip(str(error), 1800)}")
            return
        except StorageError as error:
            log.error("could not store an article: %s", error)
            await self._edit(interaction, "Not added: the database could not be written.")
            return
        await self._edit(interaction, added_text(built.meta.id, built.meta.title, built.report))

    async def _add_file(self, guild_id: int, file: discord.Attachment, added_by: str) -> Built:
        suffix = _SUFFIXES.get(Path(file.filename).suffix.lower())
        if suffix is None:
            raise LibraryError("attach the article as a .txt or .html file")
        if file.size > MAX_ATTACHMENT_BYTES:
            raise LibraryError(
                f"the file is {file.size / 1e6:.1f} MB; articles up to "
                f"{MAX_ATTACHMENT_BYTES / 1e6:.0f} MB are accepted"
            )
        try:
            data = await file.read()
        except discord.HTTPException as error:
            raise LibraryError(f"could not download the file (HTTP {error.status})") from None
        with tempfile.TemporaryDirectory(prefix="newsbot-upload-") as folder:
            path = Path(folder) / f"{_safe_stem(file.filename)}{suffix}"
            path.write_bytes(data[:MAX_ATTACHMENT_BYTES])
            return await self.library.add(
                guild_id, str(path), added_by=added_by, origin=file.filename, uploaded=True
            )

    @app_commands.command(name="list")
    async def list_(self, interaction: discord.Interaction[Any]) -> None:
        """List the articles I answer from in this server."""
        shelf = self.library.shelf(interaction.guild_id)
        lines = []
        for article_id, article in shelf.articles.items():
            whose = "this server's" if article_id in shelf.own else "everyone's"
            title = rendering.escape_user_text(article.meta.title, 150)
            lines.append(f"• `{article_id}` — {title} ({whose})")
        default = (
            await self.store.default_article(interaction.guild_id or 0) if self.store else None
        )
        if default:
            lines.insert(0, f"Default article: `{default}`")
        await respond_text(
            interaction, _fit_lines(lines, rendering.CONTENT_LIMIT) or "No articles."
        )

    @app_commands.command(name="remove")
    async def remove(self, interaction: discord.Interaction[Any], article: str) -> None:
        """Remove one of this server's articles.

        Args:
            interaction: The invocation (not shown to users).
            article: The article's id (see /article list)
        """
        assert interaction.guild_id is not None
        try:
            removed = await self.library.remove(interaction.guild_id, article)
        except (LibraryError, StorageError) as error:
            await respond_text(interaction, f"Not removed: {error}")
            return
        shown = rendering.escape_user_text(article, 100)
        await respond_text(
            interaction,
            f"Removed `{shown}`."
            if removed
            else f"This server has no article `{shown}` of its own.",
        )

    @app_commands.command(name="default")
    async def default(self, interaction: discord.Interaction[Any], article: str) -> None:
        """Choose the article /source and /facts show in this server.

        Args:
            interaction: The invocation (not shown to users).
            article: The article's id (see /article list)
        """
        assert interaction.guild_id is not None
        shelf = self.library.shelf(interaction.guild_id)
        if self.store is None or article not in shelf.articles:
            await respond_text(interaction, rendering.no_such_article(article))
            return
        await self.store.set_default_article(interaction.guild_id, article)
        await respond_text(interaction, f"`{article}` is now this server's default article.")

    @app_commands.command(name="report")
    async def report(
        self, interaction: discord.Interaction[Any], days: app_commands.Range[int, 1, 365] = 30
    ) -> None:
        """What readers asked that I could not answer, and the answers they marked 👎.

        Args:
            interaction: The invocation (not shown to users).
            days: Look this many days back
        """
        assert interaction.guild_id is not None
        if self.store is None:
            await respond_text(interaction, "This bot keeps no database, so there is no report.")
            return
        await interaction.response.defer(ephemeral=True, thinking=True)
        shelf = await self.library.ready(interaction.guild_id)
        if not isinstance(shelf.engine, Engine):
            await self._edit(interaction, "No report is available for this server's articles.")
            return
        text = await report_text(
            self.store,
            shelf.engine,
            guild_id=interaction.guild_id,
            days=days,
            limit=rendering.CONTENT_LIMIT,
            shown=lambda question: rendering.escape_user_text(question, 200),
        )
        await self._edit(interaction, text)

    @app_commands.command(name="forget")
    async def forget(self, interaction: discord.Interaction[Any], confirm: bool) -> None:
        """Delete everything stored for this server: its articles, votes and unanswered questions.

        Args:
            interaction: The invocation (not shown to users).
            confirm: True to delete it all now; it cannot be undone
        """
        assert interaction.guild_id is not None
        if self.store is None:
            await respond_text(interaction, "This bot keeps no database: nothing is stored.")
            return
        if not confirm:
            await respond_text(
                interaction,
                "Nothing deleted. `/article forget confirm: True` deletes this server's data.",
            )
            return
        deleted = await self.library.forget(interaction.guild_id)
        await respond_text(
            interaction,
            f"Deleted {deleted.articles} articles, {deleted.votes} votes and "
            f"{deleted.declines} unanswered questions of this server.",
        )

    @remove.autocomplete("article")
    async def _own_articles(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        shelf = self.library.shelf(interaction.guild_id)
        return article_choices(shelf.articles, current, only=shelf.own)

    @default.autocomplete("article")
    async def _any_article(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        return article_choices(self.library.shelf(interaction.guild_id).articles, current)

    @staticmethod
    async def _edit(interaction: discord.Interaction[Any], text: str) -> None:
        try:
            await interaction.edit_original_response(
                content=rendering.clip(text, rendering.CONTENT_LIMIT)
            )
        except discord.HTTPException as error:
            log.warning("could not update the reply to /article (HTTP %s)", error.status)


def article_choices(
    articles: Any, current: str, *, only: frozenset[str] | None = None
) -> list[app_commands.Choice[str]]:
    """Autocomplete choices of article ids whose id or title contains what was typed."""
    typed = current.strip().lower()
    choices: list[app_commands.Choice[str]] = []
    for article_id, article in articles.items():
        if only is not None and article_id not in only:
            continue
        title = article.meta.title
        if typed and typed not in article_id and typed not in title.lower():
            continue
        name = rendering.clip(f"{title} ({article_id})", rendering.CHOICE_NAME_LIMIT)
        choices.append(
            app_commands.Choice(name=name, value=article_id[: rendering.CHOICE_VALUE_LIMIT])
        )
        if len(choices) == rendering.CHOICE_COUNT_LIMIT:
            break
    return choices


def added_text(article_id: str, title: str, report: BuildReport) -> str:
    """What a moderator is told once an article is added."""
    shown = rendering.escape_user_text(title, 200)
    lines = [
        f"Added **{shown}** as `{article_id}`: {report.paragraphs} paragraphs, "
        f"{report.sentences} sentences, {report.facts} facts.",
    ]
    for label, items in (
        ("People", report.people),
        ("Figures", report.figures),
        ("Dates", report.dates),
        ("Speakers", report.speakers),
    ):
        if items:
            listed = ", ".join(rendering.escape_user_text(item, 60) for item in items[:6])
            more = f" and {len(items) - 6} more" if len(items) > 6 else ""
            lines.append(f"{label}: {listed}{more}")
    lines.append(f"It answers now: `/ask` (or `/ask article: {article_id}`).")
    return "\n".join(lines)


def _fit_lines(lines: list[str], limit: int) -> str:
    """As many whole lines as fit in `limit` characters, then how many more there are."""
    shown: list[str] = []
    used = 0
    for number, line in enumerate(lines):
        more = f"… and {len(lines) - number} more"
        if used + len(line) + 1 + len(more) > limit:
            shown.append(more)
            break
        shown.append(line)
        used += len(line) + 1
    return "\n".join(shown)


def _safe_stem(filename: str) -> str:
    stem = Path(filename).stem
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:60] or "article"
