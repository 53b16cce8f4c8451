"""What an operator deletes for privacy is gone, and nothing else; no raw user id is stored."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from storage import Deleted, Store, StoredArticle, database_url
from tests.storage.clock import FakeClock
from tests.storage.tables import stored_rows

GUILD = 111_111_111_111_111_111
OTHER_GUILD = 222_222_222_222_222_222
USER_ID = 333_333_333_333_333_333


async def fill(store: Store, guild_id: int | None, *, votes: int, declines: int) -> None:
    """Give a server (None: DMs) votes and declines, and a server an article and a default."""
    for n in range(votes):
        await store.record_vote(
            message_id=(guild_id or 7) + n,
            user=store.hash_user(USER_ID),
            vote="down",
            question="who?",
            answer="Nobody.",
            fact_ids=["f1"],
            article="flood",
            guild_id=guild_id,
        )
    for _ in range(declines):
        await store.record_decline(
            guild_id=guild_id, article="flood", question="why?", nearest_fact_ids=["f1"]
        )
    if guild_id is not None:
        await store.put_article(
            StoredArticle(
                guild_id=guild_id,
                article_id="flood",
                title="Flood",
                origin="flood.txt",
                added_at=datetime(2025, 1, 1, tzinfo=UTC),
                added_by=store.hash_user(USER_ID),
                files={"articles/flood.txt": "text\n"},
            )
        )
        await store.set_default_article(guild_id, "flood")


async def test_prune_deletes_only_votes_and_declines_older_than_the_cutoff(
    store: Store, clock: FakeClock, url: str
) -> None:
    await fill(store, GUILD, votes=3, declines=2)
    await fill(store, None, votes=1, declines=1)
    cutoff = clock.advance(days=30)
    await store.record_decline(
        guild_id=GUILD, article="flood", question="new?", nearest_fact_ids=[]
    )
    await store.record_vote(
        message_id=99,
        user=store.hash_user(1),
        vote="up",
        question="q",
        answer="a",
        fact_ids=["f2"],
        article="flood",
        guild_id=GUILD,
    )

    assert await store.prune(cutoff) == Deleted(articles=0, votes=4, declines=3, settings=0)

    assert [d.question for d in await store.declines()] == ["new?"]
    assert [f.fact_id for f in await store.fact_votes()] == ["f2"]
    assert len(await store.articles_of(GUILD)) == 1
    assert await store.default_article(GUILD) == "flood"
    rows = await stored_rows(url)
    assert len(rows["votes"]) == 1 and len(rows["vote_facts"]) == 1
    assert await store.prune(cutoff) == Deleted(0, 0, 0, 0)


async def test_deleting_a_server_removes_all_of_its_data_and_nothing_else(
    store: Store, url: str
) -> None:
    await fill(store, GUILD, votes=2, declines=3)
    await fill(store, OTHER_GUILD, votes=1, declines=1)
    await fill(store, None, votes=1, declines=1)
    kept_before = {
        name: [row for row in rows if row.get("guild_id") != GUILD]
        for name, rows in (await stored_rows(url)).items()
    }

    assert await store.delete_server(GUILD) == Deleted(articles=1, votes=2, declines=3, settings=1)

    after = await stored_rows(url)
    for name, rows in after.items():
        assert all(row.get("guild_id") != GUILD for row in rows), name
    assert len(after["vote_facts"]) == 2  # the other server's and the DM's
    assert {k: v for k, v in after.items() if k not in {"store_state", "vote_facts"}} == {
        k: v for k, v in kept_before.items() if k not in {"store_state", "vote_facts"}
    }
    assert GUILD not in await store.revisions()
    assert OTHER_GUILD in await store.revisions()
    assert await store.list_articles(GUILD) == []
    assert await store.default_article(GUILD) is None
    assert await store.declines(guild_id=GUILD) == []
    assert await store.fact_votes(guild_id=GUILD) == []
    assert await store.delete_server(GUILD) == Deleted(0, 0, 0, 0)


async def test_a_server_added_again_after_deletion_gets_a_new_revision(store: Store) -> None:
    await fill(store, GUILD, votes=0, declines=0)
    before = (await store.revisions())[GUILD]
    await store.delete_server(GUILD)
    await fill(store, GUILD, votes=0, declines=0)
    assert (await store.revisions())[GUILD] > before


async def test_users_are_stored_as_keyed_hashes_only(store: Store, url: str) -> None:
    await fill(store, GUILD, votes=1, declines=1)
    pseudonym = store.hash_user(USER_ID)

    assert re.fullmatch(r"[0-9a-f]{32}", pseudonym)
    assert str(USER_ID) not in pseudonym
    assert store.hash_user(USER_ID) == pseudonym
    assert store.hash_user(USER_ID + 1) != pseudonym
    dump = repr(await stored_rows(url))
    assert pseudonym in dump
    assert str(USER_ID) not in dump


async def test_each_database_has_its_own_secret(tmp_path: Path) -> None:
    first = await Store.open(database_url(tmp_path / "one", None))
    second = await Store.open(database_url(tmp_path / "two", None))
    try:
        assert first.hash_user(USER_ID) != second.hash_user(USER_ID)
    finally:
        await first.close()
        await second.close()


async def test_deleting_dm_data_leaves_every_server_alone(store: Store) -> None:
    await fill(store, GUILD, votes=2, declines=2)
    await fill(store, None, votes=3, declines=1)
    deleted = await store.delete_direct_messages()
    assert deleted == Deleted(articles=0, votes=3, declines=1, settings=0)
    assert len(await store.declines(guild_id=GUILD)) == 2
    assert [d.guild_id for d in await store.declines()] == [GUILD, GUILD]
    assert await store.list_articles(GUILD) != []
