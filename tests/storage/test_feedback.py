"""Readers' votes on answers and the questions the bot declined."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from datetime import timedelta

import pytest

from storage import Decline, FactVotes, StorageError, Store, Vote
from tests.storage.clock import FakeClock
from tests.storage.tables import stored_rows

GUILD = 900_000_000_000_000_001
OTHER_GUILD = 900_000_000_000_000_002
MESSAGE = 1_300_000_000_000_000_000


async def vote(
    store: Store,
    user: str,
    choice: Vote,
    *,
    message_id: int = MESSAGE,
    fact_ids: tuple[str, ...] = ("f1", "f2"),
    article: str = "flood",
    guild_id: int | None = GUILD,
) -> None:
    await store.record_vote(
        message_id=message_id,
        user=user,
        vote=choice,
        question="how many were evacuated?",
        answer="About 3,500 residents.",
        fact_ids=fact_ids,
        article=article,
        guild_id=guild_id,
    )


async def reasons(url: str) -> dict[tuple[int, str], str | None]:
    return {
        (row["message_id"], row["voter"]): row["reason"]
        for row in (await stored_rows(url))["votes"]
    }


async def test_one_vote_per_reader_per_answer_and_a_new_vote_replaces_it(store: Store) -> None:
    alice, bob = store.hash_user(1), store.hash_user(2)
    assert await store.votes_on(MESSAGE) == {"up": 0, "down": 0}

    await vote(store, alice, "up")
    await vote(store, alice, "up")
    await vote(store, bob, "down")
    assert await store.votes_on(MESSAGE) == {"up": 1, "down": 1}

    await vote(store, alice, "down")
    assert await store.votes_on(MESSAGE) == {"up": 0, "down": 2}
    await vote(store, bob, "up")
    assert await store.votes_on(MESSAGE) == {"up": 1, "down": 1}
    assert await store.votes_on(MESSAGE + 1) == {"up": 0, "down": 0}


async def test_a_reason_goes_with_a_down_vote_and_leaves_when_it_turns_up(
    store: Store, url: str
) -> None:
    alice = store.hash_user(1)
    assert not await store.set_vote_reason(message_id=MESSAGE, user=alice, reason="wrong_answer")

    await vote(store, alice, "down")
    assert await store.set_vote_reason(message_id=MESSAGE, user=alice, reason="wrong_citation")
    assert await reasons(url) == {(MESSAGE, alice): "wrong_citation"}
    await vote(store, alice, "down")
    assert await reasons(url) == {(MESSAGE, alice): "wrong_citation"}

    await vote(store, alice, "up")
    assert await reasons(url) == {(MESSAGE, alice): None}
    assert not await store.set_vote_reason(
        message_id=MESSAGE, user=alice, reason="should_have_declined"
    )
    assert await reasons(url) == {(MESSAGE, alice): None}


async def test_a_thousand_concurrent_votes_store_each_reader_once(store: Store, url: str) -> None:
    # 50 tasks cast 20 votes each over 150 (answer, reader) pairs, so many pairs are voted on
    # by several tasks at once. A pair's vote is fixed, so the outcome does not depend on order.
    pairs = [(MESSAGE + m, store.hash_user(u)) for m in range(10) for u in range(15)]
    choice: dict[tuple[int, str], Vote] = {
        pair: "up" if index % 3 else "down" for index, pair in enumerate(pairs)
    }
    rng = random.Random(7)
    plan = [[rng.choice(pairs) for _ in range(20)] for _ in range(50)]
    voted = {pair for task in plan for pair in task}
    assert len(voted) > 100 and sum(map(len, plan)) == 1000

    async def cast(task: list[tuple[int, str]]) -> None:
        for message_id, user in task:
            await vote(store, user, choice[message_id, user], message_id=message_id)

    await asyncio.gather(*(cast(task) for task in plan))

    rows = await stored_rows(url)
    assert sorted((row["message_id"], row["voter"]) for row in rows["votes"]) == sorted(voted)
    assert len(rows["vote_facts"]) == 2 * len(voted)
    for m in range(10):
        expected = Counter(choice[pair] for pair in voted if pair[0] == MESSAGE + m)
        assert await store.votes_on(MESSAGE + m) == {
            "up": expected["up"],
            "down": expected["down"],
        }


async def test_votes_per_fact_put_the_most_voted_down_first(store: Store, clock: FakeClock) -> None:
    users = [store.hash_user(n) for n in range(6)]
    await vote(store, users[0], "down", message_id=1, fact_ids=("f2",))
    await vote(store, users[1], "down", message_id=1, fact_ids=("f2",))
    await vote(store, users[2], "down", message_id=2, fact_ids=("f2", "f1"))
    await vote(store, users[3], "down", message_id=3, fact_ids=("f1", "f1"))
    await vote(store, users[4], "up", message_id=3, fact_ids=("f1",))
    await vote(store, users[5], "up", message_id=4, fact_ids=("f3",))
    since = clock.advance(hours=1)
    await vote(store, users[0], "down", message_id=5, fact_ids=("f9",), article="storm")
    await vote(store, users[1], "up", message_id=6, fact_ids=("f3",), guild_id=OTHER_GUILD)

    assert await store.fact_votes(guild_id=GUILD, article="flood") == [
        FactVotes("flood", "f2", down=3, up=0),
        FactVotes("flood", "f1", down=2, up=1),
        FactVotes("flood", "f3", down=0, up=1),
    ]
    assert await store.fact_votes() == [
        FactVotes("flood", "f2", down=3, up=0),
        FactVotes("flood", "f1", down=2, up=1),
        FactVotes("storm", "f9", down=1, up=0),
        FactVotes("flood", "f3", down=0, up=2),
    ]
    assert await store.fact_votes(since=since) == [
        FactVotes("storm", "f9", down=1, up=0),
        FactVotes("flood", "f3", down=0, up=1),
    ]
    assert await store.fact_votes(guild_id=OTHER_GUILD) == [FactVotes("flood", "f3", 0, 1)]


async def test_a_vote_in_a_dm_has_no_server(store: Store, url: str) -> None:
    await vote(store, store.hash_user(1), "down", guild_id=None)
    assert (await stored_rows(url))["votes"][0]["guild_id"] is None
    assert await store.fact_votes(guild_id=GUILD) == []
    assert len(await store.fact_votes()) == 2


async def test_an_unknown_vote_or_reason_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="vote must be"):
        await vote(store, "x", "sideways")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reason must be"):
        await store.set_vote_reason(message_id=1, user="x", reason="meh")  # type: ignore[arg-type]


async def test_declines_are_recorded_and_filtered(store: Store, clock: FakeClock) -> None:
    first_at = clock.now
    await store.record_decline(
        guild_id=GUILD, article="flood", question="who won?", nearest_fact_ids=["f3", "f1"]
    )
    await store.record_decline(
        guild_id=None, article="flood", question="in a DM?", nearest_fact_ids=[]
    )
    later = clock.advance(days=1)
    await store.record_decline(
        guild_id=OTHER_GUILD, article="storm", question="how windy?", nearest_fact_ids=["s1"]
    )
    await store.record_decline(
        guild_id=GUILD, article="storm", question="when?", nearest_fact_ids=["s2"]
    )

    everything = await store.declines()
    assert everything == [
        Decline(GUILD, "flood", "who won?", ("f3", "f1"), first_at),
        Decline(None, "flood", "in a DM?", (), first_at),
        Decline(OTHER_GUILD, "storm", "how windy?", ("s1",), later),
        Decline(GUILD, "storm", "when?", ("s2",), later),
    ]
    assert [d.question for d in await store.declines(guild_id=GUILD)] == ["who won?", "when?"]
    assert [d.question for d in await store.declines(article="flood")] == [
        "who won?",
        "in a DM?",
    ]
    assert [d.question for d in await store.declines(since=later)] == ["how windy?", "when?"]
    assert [
        d.question for d in await store.declines(guild_id=GUILD, article="storm", since=later)
    ] == ["when?"]
    assert await store.declines(since=later + timedelta(seconds=1)) == []


async def test_a_naive_time_filter_is_refused(store: Store) -> None:
    naive = FakeClock().now.replace(tzinfo=None)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.declines(since=naive)
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.prune(naive)


async def test_a_vote_the_database_refuses_is_a_storage_error(store: Store) -> None:
    # A reader hash that is not text: the database, not Python, rejects it.
    with pytest.raises(StorageError, match="recording a vote"):
        await vote(store, None, "up")  # type: ignore[arg-type]
