"""👍 / 👎 with "what was wrong?", Explain, recorded declines and their report, retention."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from storage import NewDecline, Store, database_url
from tests.bot.conftest import USER_IDS, StartBot
from tests.bot.fake_discord import MANAGE_GUILD, FakeDiscord, Payload, Sent
from tests.bot.test_cli import run_bot

T = TypeVar("T")
ANSWERED = "How many North Korean soldiers are in Kursk?"
DECLINED = "how many north korean soldiers died?"


def _button(sent: Sent, prefix: str) -> str:
    return next(str(b["custom_id"]) for b in sent.buttons if b["custom_id"].startswith(prefix))


async def _ask(fake: FakeDiscord, question: str, user: Payload) -> Sent:
    return await fake.reply_to(await fake.slash("ask", {"question": question}, user=user))


async def _click(fake: FakeDiscord, sent: Sent, prefix: str, user: Payload) -> Sent:
    return await fake.reply_to(await fake.click(sent, _button(sent, prefix), user=user))


async def test_votes_are_stored_once_per_user_changed_and_kept_across_a_restart(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    bot = await start_bot()
    answer = await _ask(fake, ANSWERED, alice)
    assert {"nb:fb:up", "nb:fb:down", "nb:fb:why"} <= {
        ":".join(b["custom_id"].split(":")[:3]) for b in answer.buttons
    }
    message_id = int(answer.message["id"])
    thanks = await _click(fake, answer, "nb:fb:up", bob)
    assert thanks.ephemeral and "noted" in thanks.content
    await _click(fake, answer, "nb:fb:up", bob)  # the same vote again: still one
    assert bot.store is not None
    assert await bot.store.votes_on(message_id) == {"up": 1, "down": 0}
    what = await _click(fake, answer, "nb:fb:down", bob)  # bob changes his mind
    assert what.ephemeral and "What was wrong?" in what.content
    assert {b["label"] for b in what.buttons} == {
        "Wrong answer",
        "Wrong citation",
        "Should have declined",
        "Should have answered",
    }
    assert await bot.store.votes_on(message_id) == {"up": 0, "down": 1}
    noted = await _click(fake, what, "nb:wr:wc", bob)
    assert noted.payload["type"] == 7 and "wrong citation" in noted.content
    [disliked] = [v for v in await bot.store.fact_votes() if v.down]
    assert disliked.fact_id in bot.asker.engine.answer(ANSWERED).fact_ids

    await bot.close()
    restarted = await start_bot()
    carol = FakeDiscord.user(next(USER_IDS), "carol")
    thanks = await _click(fake, answer, "nb:fb:up", carol)  # a button from before the restart
    assert "noted" in thanks.content
    assert restarted.store is not None
    assert await restarted.store.votes_on(message_id) == {"up": 1, "down": 1}
    kept = {v.fact_id: (v.up, v.down) for v in await restarted.store.fact_votes()}
    assert kept[disliked.fact_id] == (1, 1)  # the rebuilt answer cites the same fact


async def test_explain_shows_only_the_clicker_which_fact_answered(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    bot = await start_bot()
    answer = await _ask(fake, ANSWERED, alice)
    why = await _click(fake, answer, "nb:fb:why", bob)
    assert why.ephemeral
    assert bot.asker.engine.answer(ANSWERED).fact_ids[0] in why.content
    decline = await _ask(fake, DECLINED, alice)
    why_not = await _click(fake, decline, "nb:fb:why", bob)
    assert why_not.ephemeral and why_not.content.startswith("Not answered")


async def test_a_decline_is_recorded_and_reported_to_moderators(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload, tmp_path: Path
) -> None:
    bot = await start_bot()
    for question in (DECLINED, "How many North Korean troops have died?", ANSWERED, "thanks!"):
        await _ask(fake, question, alice)
    assert bot.store is not None
    store = bot.store

    async def recorded() -> int:
        return len(await store.declines(guild_id=fake.guild_id))

    await until(recorded, 2)
    assert await recorded() == 2  # the answered question and the thanks are not recorded
    interaction = await fake.slash("article report", user=bob, permissions=MANAGE_GUILD)
    first = await fake.reply_to(interaction)
    assert first.payload["type"] == 5
    report = await fake.wait_for(
        lambda sent: sent.kind == "edit" and sent.interaction_id == interaction, within=30
    )
    assert "Unanswered questions in the last 30 days: 2" in report.content
    assert "asked 2×" in report.content  # the two phrasings are one group
    assert "nearest fact:" in report.content
    env = {"DATA_DIR": str(tmp_path / "data")}
    server = ("--server", str(fake.guild_id))
    printed = await asyncio.to_thread(run_bot, "kb", "report", *server, cwd=tmp_path, env=env)
    assert printed.returncode == 0, printed.stderr
    assert "asked 2×" in printed.stdout.decode()
    deleted = await asyncio.to_thread(run_bot, "data", "delete", *server, cwd=tmp_path, env=env)
    assert "2 unanswered questions" in deleted.stdout.decode()
    assert await recorded() == 0


async def until(read: Callable[[], Awaitable[T]], wanted: T, *, within: float = 10.0) -> None:
    """Poll `read` (a database query, say) until it returns `wanted`, at most `within` s."""
    async with asyncio.timeout(within):
        while await read() != wanted:  # noqa: ASYNC110 - a database offers nothing to await
            await asyncio.sleep(0.05)


async def test_follow_ups_hold_per_thread(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    thread = fake.channel_id + 500
    first = await fake.send_message(
        f"<@{fake.application_id}> {ANSWERED}",
        author=alice,
        guild=True,
        channel_id=thread,
        mentions=[fake.bot_user],
    )
    await fake.wait_for(lambda sent: sent.channel_id == thread)
    follow = await fake.send_message(
        f"<@{fake.application_id}> according to whom?",
        author=alice,
        guild=True,
        channel_id=thread,
        mentions=[fake.bot_user],
    )
    reply = await fake.wait_for(lambda sent: sent.channel_id == thread)
    assert follow["id"] != first["id"]
    assert "US" in reply.text or "Pentagon" in reply.text or "Austin" in reply.text, reply.text
    elsewhere = await fake.send_message(
        f"<@{fake.application_id}> according to whom?",
        author=alice,
        guild=True,
        mentions=[fake.bot_user],
    )
    other = await fake.wait_for(lambda sent: sent.channel_id == fake.channel_id)
    assert elsewhere["channel_id"] != str(thread)
    assert "does not cover" in other.text or "Ask me" in other.text


async def test_old_votes_and_declines_are_pruned_at_start(
    fake: FakeDiscord, start_bot: StartBot, tmp_path: Path
) -> None:
    url = database_url(tmp_path / "data", None)
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=120)
    old = await Store.open(url, clock=lambda: long_ago)
    await old.record_decline(
        guild_id=fake.guild_id, article="a", question="old?", nearest_fact_ids=()
    )
    await old.record_vote(
        message_id=1,
        user=old.hash_user(1),
        vote="down",
        question="old?",
        answer="an answer",
        fact_ids=(),
        article="a",
        guild_id=fake.guild_id,
    )
    await old.close()
    recent = await Store.open(url)
    await recent.record_decline(
        guild_id=fake.guild_id, article="a", question="new?", nearest_fact_ids=()
    )
    await recent.close()
    bot = await start_bot(retention_days=90)
    assert bot.store is not None
    store = bot.store

    async def questions() -> list[str]:
        return [d.question for d in await store.declines()]

    await until(questions, ["new?"])
    assert await store.votes_on(1) == {"up": 0, "down": 0}


async def test_a_long_report_fits_one_message_and_shows_readers_text_literally(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    bot = await start_bot()
    assert bot.store is not None
    words = ("tanks", "drones", "ships", "planes", "trucks", "rifles", "medals", "votes")
    places = ("Kharkiv", "Odesa", "Lviv", "Minsk", "Riga", "Oslo", "Rome", "Paris")
    questions = [
        f"how many {w} were sent to {p} in {1990 + i}?"
        for i, (w, p) in enumerate((w, p) for w in words for p in places)
    ]
    questions.append("[free nitro](https://evil.example/claim) how many troops?")
    await bot.store.record_declines(
        [NewDecline(fake.guild_id, "nk-troops-kursk", q, ()) for q in questions]
    )
    answer = await _ask(fake, ANSWERED, alice)
    await _click(fake, answer, "nb:fb:down", bob)
    interaction = await fake.slash("article report", user=bob, permissions=MANAGE_GUILD)
    await fake.reply_to(interaction)
    report = await fake.wait_for(
        lambda sent: sent.kind == "edit" and sent.interaction_id == interaction, within=60
    )
    assert len(report.content) <= 2000
    assert "Facts with the most 👎:" in report.content  # kept however many groups there are
    assert "more groups" in report.content
    assert "](https://evil" not in report.content


async def test_a_user_clicking_on_and_on_is_slowed_down(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    await start_bot(cooldown_rate=2, cooldown_per=60)
    answer = await _ask(fake, ANSWERED, alice)
    replies = [await _click(fake, answer, "nb:fb:up", bob) for _ in range(6)]
    assert all("noted" in reply.content for reply in replies[:4])  # twice the question rate
    assert "Please wait" in replies[4].content and replies[4].ephemeral
    assert replies[5].payload["type"] == 6  # acknowledged quietly, no second notice
