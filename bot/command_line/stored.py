"""`kb report` and `data delete`: what the bot stored, read and deleted from the command line.

They open the same database as the bot (`DATABASE_URL`, else SQLite in `DATA_DIR`), so an
operator sees every server's unanswered questions and can delete a server's data on request.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.reporting import report_text
from bot.settings import Settings
from knowledge import KnowledgeBaseError
from knowledge.library import library_engine
from storage import Deleted, StorageError, Store, database_url

EXIT_USAGE = 2


def _url(settings: Settings) -> str:
    secret = settings.database_url
    return database_url(settings.data_dir, secret.get_secret_value() if secret else None)


def _fail(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return EXIT_USAGE


def report(
    settings: Settings, *, server: int | None, article: str | None, days: int | None, out: TextIO
) -> int:
    """Print the curation report; the engine is the server's (its articles and the folder's)."""
    try:
        text = asyncio.run(_report(settings, server=server, article=article, days=days))
    except (StorageError, KnowledgeBaseError) as error:
        return _fail(str(error))
    out.write(text + "\n")
    return 0


async def _report(
    settings: Settings, *, server: int | None, article: str | None, days: int | None
) -> str:
    async with await Store.open(_url(settings)) as store:
        files: dict[str, str] = {}
        if server is not None:
            for stored in await store.articles_of(server):
                files.update(stored.files)
        engine = await asyncio.to_thread(library_engine, settings.knowledge_dir, files)
        return await report_text(store, engine, guild_id=server, article=article, days=days)


def delete_server(settings: Settings, server: int | None, out: TextIO) -> int:
    """Delete everything stored for one server (None: what came from DMs); print what went."""
    try:
        deleted = asyncio.run(_delete(settings, server))
    except StorageError as error:
        return _fail(str(error))
    whose = f"server {server}" if server is not None else "DMs"
    out.write(
        f"deleted for {whose}: {deleted.articles} articles, {deleted.votes} votes, "
        f"{deleted.declines} unanswered questions, {deleted.settings} settings\n"
    )
    return 0


async def _delete(settings: Settings, server: int | None) -> Deleted:
    async with await Store.open(_url(settings)) as store:
        if server is None:
            return await store.delete_direct_messages()
        return await store.delete_server(server)
