"""Moderators add, list and remove a server's own articles from Discord; servers stay apart."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import time
from pathlib import Path

import pytest

from bot.discord_bot import library
from knowledge import load_knowledge_base
from knowledge.building.adding import add_sources, build_sources
from knowledge.loading import DEFAULT_DIRECTORY
from storage import Store, StoredArticle, database_url
from tests.bot.conftest import StartBot, eventually, final_reply
from tests.bot.fake_discord import MANAGE_GUILD, MEMBER_PERMISSIONS, FakeDiscord, Payload, Sent

FIXTURES = Path(__file__).parents[1] / "knowledge" / "fixtures"
DEAL_QUESTION = "how much is northwind paying per halden share?"
FLOOD_QUESTION = "how many residents had to leave their homes?"


async def _command(
    fake: FakeDiscord, name: str, options: dict[str, object], user: Payload, **kwargs: object
) -> tuple[Sent, Sent]:
    """Run a moderator's command; return its first response and its last visible reply."""
    interaction = await fake.slash(name, options, user=user, **kwargs)  # type: ignore[arg-type]
    first = await fake.reply_to(interaction)
    if first.payload.get("type") != 5:  # not deferred: the answer is the first response
        return first, first
    last = first
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        edit = await fake.wait_for(
            lambda sent: sent.kind == "edit" and sent.interaction_id == interaction, within=30
        )
        last = edit
        if not edit.content.startswith("Reading"):
            break
    return first, last


async def _add_flood(fake: FakeDiscord, moderator: Payload) -> tuple[Sent, Sent]:
    flood = (FIXTURES / "flood.txt").read_bytes()
    return await _command(
        fake,
        "article add",
        {},
        moderator,
        permissions=MANAGE_GUILD,
        files={"file": ("flood.txt", flood)},
    )


async def _ask(fake: FakeDiscord, question: str, user: Payload, **kwargs: object) -> Sent:
    interaction = await fake.slash("ask", {"question": question}, user=user, **kwargs)  # type: ignore[arg-type]
    return await final_reply(fake, interaction)


async def test_a_moderator_adds_an_article_by_url_and_only_that_server_answers_from_it(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload, page_server: str
) -> None:
    other = fake.add_guild()
    await start_bot(allow_private_urls=True)
    started = time.monotonic()
    first, last = await _command(
        fake, "article add", {"url": f"{page_server}/deal.html"}, alice, permissions=MANAGE_GUILD
    )
    assert first.payload["type"] == 5  # deferred at once: Discord's 3 s are never at risk
    assert first.ephemeral
    assert "Added" in last.content and "13 paragraphs" in last.content, last.content
    answered = await _ask(fake, DEAL_QUESTION, bob)
    took = time.monotonic() - started
    assert "38.50" in answered.text, answered.text
    assert took < 30
    elsewhere = await _ask(fake, DEAL_QUESTION, bob, guild_id=other)
    assert "38.50" not in elsewhere.text
    in_dm = await _ask(fake, DEAL_QUESTION, bob, guild=False)
    assert "38.50" not in in_dm.text


async def test_a_member_without_manage_server_cannot_add_or_remove(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, page_server: str
) -> None:
    bot = await start_bot(allow_private_urls=True)
    commands: tuple[tuple[str, dict[str, object]], ...] = (
        ("article add", {"url": f"{page_server}/deal.html"}),
        ("article remove", {"article": "deal"}),
        ("article forget", {"confirm": True}),
    )
    for name, options in commands:
        _, reply = await _command(fake, name, options, alice, permissions=MEMBER_PERMISSIONS)
        assert reply.ephemeral
        assert "Manage Server" in reply.content
    assert bot.store is not None
    assert await bot.store.list_articles(fake.guild_id) == []
    await asyncio.wait_for(bot.sync_done.wait(), 10)
    article_group = next(c for c in fake.synced_commands() if c["name"] == "article")
    assert int(article_group["default_member_permissions"]) == MANAGE_GUILD
    assert article_group.get("contexts") == [0]


async def test_a_moderator_cannot_make_the_bot_read_the_operators_network(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, page_server: str
) -> None:
    bot = await start_bot()  # ALLOW_PRIVATE_URLS is off, as in production
    for url in (
        f"{page_server}/deal.html",
        "http://10.1.2.3/story.html",
        "http://169.254.169.254/",
    ):
        _, reply = await _command(
            fake, "article add", {"url": url}, alice, permissions=MANAGE_GUILD
        )
        assert reply.content.startswith("Not added:"), reply.content
        assert "private or local address" in reply.content
    assert bot.store is not None
    assert await bot.store.list_articles(fake.guild_id) == []


async def test_an_attached_text_file_becomes_an_article(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    await start_bot()
    _, reply = await _add_flood(fake, alice)
    assert "Added" in reply.content, reply.content
    answered = await _ask(fake, FLOOD_QUESTION, bob)
    assert "3,500" in answered.text, answered.text


async def test_list_default_and_remove(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    await start_bot()
    flood = (FIXTURES / "flood.txt").read_bytes()
    _, added = await _command(
        fake,
        "article add",
        {},
        alice,
        permissions=MANAGE_GUILD,
        files={"file": ("flood.txt", flood)},
    )
    article_id = added.content.split("`")[1]
    _, listed = await _command(fake, "article list", {}, alice, permissions=MANAGE_GUILD)
    assert article_id in listed.content and "this server's" in listed.content
    assert "everyone's" in listed.content  # the operator's article is listed too
    _, chosen = await _command(
        fake, "article default", {"article": article_id}, alice, permissions=MANAGE_GUILD
    )
    assert "default" in chosen.content
    source = await fake.reply_to(await fake.slash("source", user=bob))
    assert "Paragraphs" in source.text and "Saale River" in source.text
    _, removed = await _command(
        fake, "article remove", {"article": article_id}, alice, permissions=MANAGE_GUILD
    )
    assert removed.content.startswith("Removed")
    answered = await _ask(fake, FLOOD_QUESTION, bob)
    assert "3,500" not in answered.text


async def test_a_servers_articles_survive_a_restart(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload
) -> None:
    bot = await start_bot()
    flood = (FIXTURES / "flood.txt").read_bytes()
    _, added = await _command(
        fake,
        "article add",
        {},
        alice,
        permissions=MANAGE_GUILD,
        files={"file": ("flood.txt", flood)},
    )
    assert "Added" in added.content
    await bot.close()
    await start_bot()
    answered = await _ask(fake, FLOOD_QUESTION, bob)
    assert "3,500" in answered.text, answered.text


async def test_another_process_adding_an_article_is_noticed(
    fake: FakeDiscord, start_bot: StartBot, bob: Payload, tmp_path: Path
) -> None:
    """A second shard process (here: the store written directly) adds an article."""
    bot = await start_bot(library_poll_seconds=0.2)
    assert bot.store is not None
    [built] = await asyncio.to_thread(build_sources, [str(FIXTURES / "flood.txt")])
    await bot.store.put_article(
        StoredArticle(
            guild_id=fake.guild_id,
            article_id=built.meta.id,
            title=built.meta.title,
            origin="flood.txt",
            added_at=dt.datetime.now(dt.UTC),
            added_by="someone",
            files=built.files,
        )
    )
    await eventually(lambda: built.meta.id in bot.library.shelf(fake.guild_id).articles, within=30)
    answered = await _ask(fake, FLOOD_QUESTION, bob)
    assert "3,500" in answered.text


async def test_an_article_added_to_the_operators_folder_answers_without_a_restart(
    fake: FakeDiscord, start_bot: StartBot, bob: Payload, tmp_path: Path
) -> None:
    folder = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIRECTORY, folder)
    await start_bot(
        knowledge=load_knowledge_base(folder), knowledge_dir=folder, library_poll_seconds=0.2
    )
    before = await _ask(fake, FLOOD_QUESTION, bob)
    assert "3,500" not in before.text
    await asyncio.to_thread(add_sources, folder, [str(FIXTURES / "flood.txt")])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        answered = await _ask(fake, FLOOD_QUESTION, bob)
        if "3,500" in answered.text:
            break
        await asyncio.sleep(0.2)
    assert "3,500" in answered.text, answered.text


async def test_a_moderator_cannot_make_the_bot_read_its_own_files(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("The operator's private notes.\n\nNothing for a server to read.\n")
    bot = await start_bot(allow_private_urls=True)
    for source in (str(secret), f"file://{secret}", "/etc/hostname", "README.md"):
        _, reply = await _command(
            fake, "article add", {"url": source}, alice, permissions=MANAGE_GUILD
        )
        assert reply.content.startswith("Not added:"), reply.content
        assert "http" in reply.content and "private notes" not in reply.content
    assert bot.store is not None
    assert await bot.store.list_articles(fake.guild_id) == []


async def test_a_servers_data_deleted_by_the_operator_stops_answering(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, bob: Payload, tmp_path: Path
) -> None:
    bot = await start_bot(library_poll_seconds=0.2)
    _, added = await _add_flood(fake, alice)
    assert "Added" in added.content
    assert "3,500" in (await _ask(fake, FLOOD_QUESTION, bob)).text
    # `python -m bot data delete --server ID`, run by the operator while the bot runs.
    async with await Store.open(database_url(tmp_path / "data", None)) as store:
        deleted = await store.delete_server(fake.guild_id)
    assert deleted.articles == 1
    await eventually(lambda: not bot.library.shelf(fake.guild_id).own, within=10)
    assert "3,500" not in (await _ask(fake, FLOOD_QUESTION, bob)).text


async def test_a_build_over_its_time_is_stopped_and_the_next_one_works(
    fake: FakeDiscord,
    start_bot: StartBot,
    alice: Payload,
    bob: Payload,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bot = await start_bot()
    monkeypatch.setattr(library, "BUILD_TIMEOUT_SECONDS", 0.05)
    _, late = await _add_flood(fake, alice)
    assert late.content.startswith("Not added:") and "too long" in late.content
    assert bot.store is not None and await bot.store.list_articles(fake.guild_id) == []
    monkeypatch.setattr(library, "BUILD_TIMEOUT_SECONDS", 90.0)
    _, added = await _add_flood(fake, alice)
    assert "Added" in added.content
    assert "3,500" in (await _ask(fake, FLOOD_QUESTION, bob)).text
