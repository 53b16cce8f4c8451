"""Opening a database: migrations, restarts, two processes at once, and clear failures."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from storage import StorageError, Store, StoredArticle, database_url
from tests.storage.clock import FakeClock

GUILD = 555_555_555_555_555_555
HOLD_S = 0.3


def article(article_id: str, title: str = "Flood") -> StoredArticle:
    return StoredArticle(
        guild_id=GUILD,
        article_id=article_id,
        title=title,
        origin=f"{article_id}.txt",
        added_at=datetime(2025, 1, 1, tzinfo=UTC),
        added_by="ab" * 16,
        files={f"articles/{article_id}.txt": "Paragraph one.\n"},
    )


async def test_everything_survives_a_restart(url: str, clock: FakeClock) -> None:
    store = await Store.open(url, clock=clock)
    pseudonym = store.hash_user(42)
    await store.put_article(article("flood"))
    await store.set_default_article(GUILD, "flood")
    await store.record_vote(
        message_id=1,
        user=pseudonym,
        vote="down",
        question="q",
        answer="a",
        fact_ids=["f1"],
        article="flood",
        guild_id=GUILD,
    )
    await store.set_vote_reason(message_id=1, user=pseudonym, reason="wrong_answer")
    await store.record_decline(guild_id=None, article="flood", question="q", nearest_fact_ids=[])
    revisions = await store.revisions()
    await store.close()

    async with await Store.open(url, clock=clock) as reopened:
        assert reopened.hash_user(42) == pseudonym
        assert await reopened.articles_of(GUILD) == [article("flood")]
        assert await reopened.default_article(GUILD) == "flood"
        assert await reopened.votes_on(1) == {"up": 0, "down": 1}
        assert len(await reopened.declines()) == 1
        assert await reopened.revisions() == revisions


async def test_two_processes_open_one_new_database_at_once_and_share_it(url: str) -> None:
    # Two engines are two sets of connections, as two shard processes would have.
    first, second = await asyncio.gather(Store.open(url), Store.open(url))
    try:
        assert first.hash_user(7) == second.hash_user(7)
        await first.put_article(article("flood"))
        assert await second.articles_of(GUILD) == [article("flood")]
        seen = await second.revisions()

        await asyncio.gather(
            second.put_article(article("storm")),
            first.put_article(article("flood", title="Flood, updated")),
            second.set_default_article(GUILD, "storm"),
        )
        assert (await first.revisions())[GUILD] > seen[GUILD]
        assert [a.title for a in await first.list_articles(GUILD)] == ["Flood, updated", "Flood"]
        assert await first.default_article(GUILD) == "storm"
    finally:
        await first.close()
        await second.close()


async def test_shards_changing_one_server_at_once_never_fail(url: str) -> None:
    # Every kind of write, from two stores at once: on PostgreSQL, transactions that lock
    # rows in different orders would deadlock here and one of them would fail.
    shards = await asyncio.gather(Store.open(url), Store.open(url))
    try:

        async def work(store: Store, n: int) -> None:
            article_id = ("flood", "storm")[n % 2]
            await store.put_article(article(article_id, title=f"take {n}"))
            await store.record_vote(
                message_id=n % 3,
                user=store.hash_user(n % 4),
                vote=("up", "down")[n % 2],
                question="q",
                answer="a",
                fact_ids=["f1", "f2"],
                article=article_id,
                guild_id=GUILD,
            )
            await store.set_default_article(GUILD, article_id)
            if n % 5 == 0:
                await store.remove_article(GUILD, article_id)
            if n % 7 == 0:
                await store.prune(datetime(2100, 1, 1, tzinfo=UTC))
            if n % 11 == 0:
                await store.delete_server(GUILD)

        await asyncio.gather(*(work(shards[n % 2], n) for n in range(40)))
        await shards[0].put_article(article("flood"))
        assert await shards[1].article(GUILD, "flood") == article("flood")
    finally:
        for store in shards:
            await store.close()


async def test_stores_opening_a_new_sqlite_database_at_once_all_open(tmp_path: Path) -> None:
    # The first connections race to switch the new file to WAL; SQLite answers the losers
    # "database is locked" without waiting, which once failed a bot starting up.
    for attempt in range(10):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        url = database_url(folder, None)
        stores = await asyncio.gather(*(Store.open(url) for _ in range(3)))
        for store in stores:
            await store.close()


async def test_sqlite_is_in_wal_mode_and_a_writer_waits_for_another_process(
    tmp_path: Path,
) -> None:
    url = database_url(tmp_path, None)
    async with await Store.open(url) as store:
        # Another process holds the write lock for a moment.
        other = sqlite3.connect(tmp_path / "newsbot.db", isolation_level=None)
        try:
            assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
            other.execute("BEGIN IMMEDIATE")
            asyncio.get_running_loop().call_later(HOLD_S, other.rollback)
            started = time.monotonic()
            await store.put_article(article("flood"))
            assert time.monotonic() - started >= HOLD_S * 0.9
        finally:
            other.close()
        assert await store.articles_of(GUILD) == [article("flood")]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("not a url", "the database URL is malformed"),
        ("mysql+aiomysql://user@host/db", "unsupported database 'mysql'"),
        ("postgresql+psycopg2://user@127.0.0.1/db", "cannot use the database URL"),
        (
            "sqlite+aiosqlite:////nonexistent/folder/newsbot.db",
            "the folder /nonexistent/folder does not exist",
        ),
        (
            f"postgresql://user:hunter2@127.0.0.1:{closed_port()}/db",
            "cannot connect to the database",
        ),
    ],
    ids=["malformed", "unsupported", "sync-driver", "sqlite-folder-missing", "postgres-down"],
)
async def test_a_bad_or_unreachable_database_is_one_clear_line(given: str, message: str) -> None:
    with pytest.raises(StorageError) as raised:
        await Store.open(database_url(Path("unused"), given))
    text_ = str(raised.value)
    assert message in text_
    assert "\n" not in text_
    assert "hunter2" not in text_
    assert "[SQL:" not in text_ and "sqlalche.me" not in text_


async def test_a_database_from_a_newer_version_fails_to_migrate_clearly(url: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("CREATE TABLE alembic_version (version_num TEXT)"))
            await connection.execute(text("INSERT INTO alembic_version VALUES ('9999')"))
    finally:
        await engine.dispose()

    with pytest.raises(StorageError, match=r"^cannot migrate the database .*9999"):
        await Store.open(url)


def test_database_url_defaults_to_a_sqlite_file_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    assert database_url(data, None) == f"sqlite+aiosqlite:///{data / 'newsbot.db'}"
    assert data.is_dir()
    assert database_url(data, "  ") == f"sqlite+aiosqlite:///{data / 'newsbot.db'}"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u:p@db:5432/bot", "postgresql+asyncpg://u:p@db:5432/bot"),
        ("postgresql://u:p@db/bot", "postgresql+asyncpg://u:p@db/bot"),
        ("postgresql://u@db/bot?sslmode=require", "postgresql+asyncpg://u@db/bot?ssl=require"),
        ("postgresql+asyncpg://u@db/bot", "postgresql+asyncpg://u@db/bot"),
        ("sqlite:////var/lib/newsbot/bot.db", "sqlite+aiosqlite:////var/lib/newsbot/bot.db"),
        ("sqlite+aiosqlite:///bot.db", "sqlite+aiosqlite:///bot.db"),
    ],
)
def test_database_url_gives_a_url_the_async_drivers_take(
    tmp_path: Path, given: str, expected: str
) -> None:
    assert database_url(tmp_path / "unused", given) == expected
    assert not (tmp_path / "unused").exists()
