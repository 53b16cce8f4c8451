"""`kb report` and `data delete`: what the bot stored, read and deleted from the command line.

They open the same database as the bot (`DATABASE_URL`, else SQLite in `DATA_DIR`), so an
operator sees every server's unanswered questions and can delete a server's data on request.
Each returns the exit code, or the one line of error for the caller to print.
"""

from __future__ import annotations

import asyncio
from typing import TextIO

from bot.reporting import report_text
from bot.settings import Settings
from knowledge import KnowledgeBaseError
from knowledge.library import library_engine
from storage import Deleted, StorageError, Store


def report(
    settings: Settings, *, server: int | None, article: str | None, days: int | None, out: TextIO
) -> int | str:
    """Print the curation report; the engine is the server's (its articles and the folder's)."""
    try:
        text = asyncio.run(_report(settings, server=server, article=article, days=days))
    except (StorageError, KnowledgeBaseError) as error:
        return str(error)
    out.write(text + "\n")
    return 0


async def _report(
    settings: Settings, *, server: int | None, article: str | None, days: int | None
) -> str:
    async with await Store.open(settings.store_url()) as store:
        files: dict[str, str] = {}
        if server is not None:
            for stored in await store.articles_of(server):
                files.update(stored.files)
        engine = await asyncio.to_thread(library_engine, settings.knowledge_dir, files)
        return await report_text(store, engine, guild_id=server, article=article, days=days)


def delete_server(settings: Settings, server: int | None, out: TextIO) -> int | str:
    """Delete everything stored for one server (None: what came from DMs); print what went."""
    try:
        deleted = asyncio.run(_delete(settings, server))
    except StorageError as error:
        return str(error)
    whose = f"server {server}" if server is not None else "DMs"
    out.write(
        f"deleted for {whose}: {deleted.articles} articles, {deleted.votes} votes, "
        f"{deleted.declines} unanswered questions, {deleted.settings} settings\n"
    )
    return 0


async def _delete(settings: Settings, server: int | None) -> Deleted:
    async with await Store.open(settings.store_url()) as store:
        if server is None:
            return await store.delete_direct_messages()
        return await store.delete_server(server)
