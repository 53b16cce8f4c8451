"""Fixtures: a fake Discord on loopback and the real bot started against it."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.http import Route

from bot.discord_bot.client import NewsBot, create_bot
from bot.discord_bot.library import AnswerEngine
from bot.settings import Settings
from knowledge import Engine, KnowledgeBase
from tests.bot.fake_discord import FakeDiscord, Payload, Sent
from tests.postgres import postgres_server  # noqa: F401  (a fixture: importing registers it)

TOKEN = "ZmFrZS1ib3QtdG9rZW4tZm9yLXRlc3Rz.ZmFrZQ.bm90LWEtcmVhbC10b2tlbi1qdXN0LWZvci10ZXN0cw"

StartBot = Callable[..., Awaitable[NewsBot]]
SETTLE_GRACE_SECONDS = 0.2


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    discord_ = FakeDiscord(token=TOKEN)
    await discord_.start()
    yield discord_
    await discord_.stop()
    assert discord_.violations == [], "the bot sent payloads Discord would reject or that ping"


@pytest.fixture
async def start_bot(
    fake: FakeDiscord, kb: KnowledgeBase, engine: Engine, tmp_path: Path
) -> AsyncIterator[StartBot]:
    """Return a function that starts a bot against the fake with some settings overridden."""
    started: list[tuple[NewsBot, Any]] = []
    base, gateway = Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY

    async def start(
        *,
        answer_engine: AnswerEngine | None = None,
        knowledge: KnowledgeBase | None = None,
        **overrides: Any,
    ) -> NewsBot:
        values: dict[str, Any] = {
            "discord_token": TOKEN,
            "discord_api_base": fake.api_base,
            "command_sync_state": tmp_path / "command-sync.json",
            "data_dir": tmp_path / "data",
            "cooldown_rate": 1000,
        }
        values.update(overrides)
        settings = Settings(_env_file=None, **values)
        folder = knowledge or kb
        bot = create_bot(
            settings,
            engine=answer_engine or (Engine(knowledge) if knowledge else engine),
            articles=folder.articles,
            default_article=folder.article(),
        )
        fake.connected.clear()
        task = asyncio.create_task(bot.start(TOKEN))
        started.append((bot, task))
        connected = asyncio.create_task(fake.connected.wait())
        await asyncio.wait({task, connected}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            connected.cancel()
            task.result()  # raises the start-up error
        assert connected.done(), "the bot never identified on the fake gateway"
        return bot

    yield start
    for bot, task in started:
        await bot.close()
        await task
    Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


async def eventually(condition: Callable[[], bool], *, within: float = 10.0) -> None:
    """Return once `condition()` holds, polling; fail after `within` seconds.

    For state that offers nothing to await: counters of the fake and captured log text.
    """
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 - nothing to wait on but the state itself
            await asyncio.sleep(0.05)


FIXTURES = Path(__file__).parents[1] / "knowledge" / "fixtures"
PAGES = {"/deal.html": FIXTURES / "northwind-halden-deal.html"}


class ArticlePages(BaseHTTPRequestHandler):
    """Article pages on a local web server, as a moderator's URL would point to."""

    def do_GET(self) -> None:
        page = PAGES.get(self.path)
        body = page.read_bytes() if page else b"not here"
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture(scope="session")
def page_server() -> Iterator[str]:
    """The base URL of a local web server with article pages (`/deal.html`)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ArticlePages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


USER_IDS = iter(range(700_000_000_000_000_000, 800_000_000_000_000_000))


@pytest.fixture
def alice() -> Payload:
    return FakeDiscord.user(next(USER_IDS), "alice")


@pytest.fixture
def bob() -> Payload:
    return FakeDiscord.user(next(USER_IDS), "bob")


async def settle(fake: FakeDiscord) -> None:
    """Return once the bot has handled everything dispatched so far.

    The gateway is ordered and the bot handles events in order, so once a fresh user's DM
    question has been answered, every earlier event has been handled too.
    """
    sentinel = FakeDiscord.user(next(USER_IDS), "sentinel")
    question = await fake.send_message(
        "How many North Korean soldiers are in Kursk?", author=sentinel
    )
    await fake.wait_for(lambda sent: _replies_to(sent, question))
    # discord.py handles each event in a task of its own, so replies may still be on their way
    # for earlier events: give them time to arrive before a test concludes there were none.
    await asyncio.sleep(SETTLE_GRACE_SECONDS)


async def final_reply(fake: FakeDiscord, interaction: int, *, within: float = 30.0) -> Sent:
    """The answer to an interaction: its first response, or the follow-up after a deferral
    (a server's articles still loading just after a start)."""
    first = await fake.reply_to(interaction, within=within)
    if first.payload.get("type") != 5:
        return first
    return await fake.wait_for(
        lambda sent: sent.kind == "followup" and sent.interaction_id == interaction, within=within
    )


def _replies_to(sent: Sent, question: Payload) -> bool:
    reference = sent.payload.get("message_reference") or {}
    return str(reference.get("message_id")) == str(question["id"])


def replies_to(question: Payload) -> Callable[[Sent], bool]:
    """Return a predicate matching the bot's reply to one message."""
    return lambda sent: _replies_to(sent, question)
