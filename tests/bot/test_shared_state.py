"""Two shard processes sharing one PostgreSQL: one state, whichever process wrote it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from storage import Store
from tests.bot.conftest import USER_IDS, eventually, final_reply
from tests.bot.fake_discord import MANAGE_GUILD, FakeDiscord, Payload, Sent
from tests.bot.test_shutdown import _stop
from tests.bot.test_startup import _python_m_bot
from tests.postgres import PostgresServer

FLOOD = Path(__file__).parents[1] / "knowledge" / "fixtures" / "flood.txt"
FLOOD_QUESTION = "how many residents had to leave their homes?"
KURSK_QUESTION = "How many North Korean soldiers are in Kursk?"


def _shard_of(guild_id: int) -> int:
    return (guild_id >> 22) % 2


async def _shard(
    fake: FakeDiscord, tmp_path: Path, url: str, shard: int, name: str
) -> asyncio.subprocess.Process:
    folder = tmp_path / name
    folder.mkdir()
    return await _python_m_bot(
        "run",
        fake.api_base,
        folder,
        DATABASE_URL=url,
        SHARD_COUNT="2",
        SHARD_IDS=str(shard),
        LIBRARY_POLL_SECONDS="0.5",
    )


async def test_two_shard_processes_share_one_postgresql(
    fake: FakeDiscord, tmp_path: Path, postgres_server: PostgresServer
) -> None:
    url = await postgres_server.create_database()
    other = fake.add_guild()
    first_shard, second_shard = _shard_of(fake.guild_id), _shard_of(other)
    assert first_shard != second_shard
    # Both start at once on an empty database: one migrates, the other waits for it.
    processes = [
        await _shard(fake, tmp_path, url, first_shard, "one"),
        await _shard(fake, tmp_path, url, second_shard, "two"),
    ]
    try:
        await fake.wait_sessions(2, within=60)
        moderator = FakeDiscord.user(next(USER_IDS), "moderator")
        reader = FakeDiscord.user(next(USER_IDS), "reader")
        added = await fake.slash(
            "article add",
            user=moderator,
            permissions=MANAGE_GUILD,
            files={"file": ("flood.txt", FLOOD.read_bytes())},
        )
        await fake.reply_to(added, within=30)
        await fake.wait_for(
            lambda sent: (
                sent.kind == "edit" and sent.interaction_id == added and "Added" in sent.content
            ),
            within=60,
        )
        # A vote in each server, each handled by its own process.
        votes: list[int] = []
        for guild_id in (fake.guild_id, other):
            question = FLOOD_QUESTION if guild_id == fake.guild_id else KURSK_QUESTION
            answer = await _answer(fake, question, reader, guild_id)
            votes.append(int(answer.message["id"]))
            up = next(
                b["custom_id"] for b in answer.buttons if b["custom_id"].startswith("nb:fb:up")
            )
            await fake.reply_to(
                await fake.click(answer, up, user=reader, guild_id=guild_id), within=10
            )
        assert "3,500" in (await _answer(fake, FLOOD_QUESTION, reader, fake.guild_id)).text
        assert "3,500" not in (await _answer(fake, FLOOD_QUESTION, reader, other)).text

        # The first server's process is replaced by one on another machine (its own DATA_DIR):
        # the server's article and its votes come from the shared database.
        code, _, _ = await _stop(processes[0])
        assert code == 0
        await eventually(lambda: len(fake.sessions) == 1)
        processes[0] = await _shard(fake, tmp_path, url, first_shard, "replacement")
        await fake.wait_sessions(2, within=60)
        again = await _answer(fake, FLOOD_QUESTION, reader, fake.guild_id)
        assert "3,500" in again.text, again.text
    finally:
        for process in processes:
            if process.returncode is None:
                await _stop(process)

    async with await Store.open(url) as store:
        assert [a.article_id for a in await store.list_articles(fake.guild_id)] == ["flood"]
        assert await store.list_articles(other) == []
        for message_id in votes:
            assert await store.votes_on(message_id) == {"up": 1, "down": 0}


async def _answer(fake: FakeDiscord, question: str, user: Payload, guild_id: int) -> Sent:
    interaction = await fake.slash("ask", {"question": question}, user=user, guild_id=guild_id)
    return await final_reply(fake, interaction)
