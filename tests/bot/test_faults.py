"""Discord's bad minutes, injected by the fake: every fault still gives exactly one right reply."""

from __future__ import annotations

import asyncio
import json
import logging

import aiohttp
import pytest

from tests.bot.conftest import StartBot, eventually, replies_to, settle
from tests.bot.fake_discord import CLOUDFLARE_PAGE, FakeDiscord, Payload, Sent
from tests.bot.test_messages import QUESTION

MESSAGES = r"/channels/\d+/messages"
CALLBACK = r"/interactions/\d+/[^/]+/callback"


def _replies(fake: FakeDiscord, question: Payload) -> list[Sent]:
    return [sent for sent in fake.sent if sent.kind == "message" and replies_to(question)(sent)]


async def _one_answer(fake: FakeDiscord, question: Payload) -> Sent:
    """Wait for the reply to `question`, let any duplicate arrive, and return the only one."""
    reply = await fake.wait_for(replies_to(question), within=15)
    await settle(fake)
    assert len(_replies(fake, question)) == 1, "the question was answered more than once"
    assert reply.embeds and "8,000" in reply.embeds[0]["description"]
    return reply


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_a_server_error_on_the_reply_is_retried_into_one_answer(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, status: int
) -> None:
    await start_bot()
    fake.fail("POST", MESSAGES, status, times=2)
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))


@pytest.mark.parametrize("status", [500, 503])
async def test_an_error_after_the_message_was_created_does_not_post_it_twice(
    fake: FakeDiscord,
    start_bot: StartBot,
    alice: Payload,
    status: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await start_bot()
    fake.fail("POST", MESSAGES, status, after_commit=True)
    question = await fake.send_message(QUESTION, author=alice)
    await _one_answer(fake, question)
    assert "went wrong" not in " ".join(sent.text for sent in fake.sent)
    assert "<html" not in caplog.text.lower()  # never Cloudflare's page in the log


async def test_a_rate_limited_reply_waits_and_is_sent_once(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    fake.fail("POST", MESSAGES, 429, retry_after=0.5)
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))


async def test_a_reply_that_keeps_failing_is_logged_and_no_error_notice_is_sent(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot()
    fault = fake.fail("POST", MESSAGES, 503, times=5)  # more than the retries after start-up
    question = await fake.send_message(QUESTION, author=alice)
    await eventually(lambda: "could not send the reply" in caplog.text, within=20)
    assert fault.hits == 5
    assert not _replies(fake, question)  # no "something went wrong" in its place


async def test_a_missing_permission_is_logged_once_per_channel_and_not_retried(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot()
    fault = fake.fail("POST", rf"/channels/{fake.channel_id}/messages", 403, times=3)
    for _ in range(2):
        await fake.send_message(
            f"<@{fake.application_id}> {QUESTION}",
            author=alice,
            guild=True,
            mentions=[fake.bot_user],
        )
    await eventually(lambda: fault.hits >= 2)
    await settle(fake)
    assert fault.hits == 2  # one try per question: a 403 is not retried
    assert caplog.text.count(f"no permission to reply in channel {fake.channel_id}") == 1


@pytest.mark.parametrize(
    "fault",
    [(503, 1, 0.0), (500, 2, 0.0), (503, 3, 0.0), (429, 1, 3.5)],
    ids=["one 503", "two 500s", "three 503s", "429 past the window"],
)
async def test_a_failing_interaction_callback_is_still_answered_inside_three_seconds(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, fault: tuple[int, int, float]
) -> None:
    await start_bot()
    status, times, retry_after = fault
    fake.fail("POST", CALLBACK, status, times=times, retry_after=retry_after)
    interaction = await fake.slash("ask", {"question": QUESTION}, user=alice)
    # The fake refuses a callback later than 3 s after the interaction, as Discord does.
    reply = await fake.reply_to(interaction, within=3.0)
    assert "8,000" in reply.embeds[0]["description"]


async def test_a_callback_error_after_it_took_effect_gives_one_answer_and_no_error(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    fake.fail("POST", CALLBACK, 503, after_commit=True)
    interaction = await fake.slash("ask", {"question": QUESTION}, user=alice)
    reply = await fake.reply_to(interaction, within=3.0)
    await settle(fake)
    answers = [s for s in fake.sent if s.interaction_id == interaction]
    assert answers == [reply]  # the retry got "already acknowledged": no error notice follows


async def test_a_click_survives_a_failing_callback(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    question = await fake.send_message("What is the weather like on the moon?", author=alice)
    decline = await fake.wait_for(replies_to(question))
    button = decline.buttons[0]
    fake.fail("POST", CALLBACK, 502, times=2)
    interaction = await fake.click(decline, button["custom_id"], user=alice, guild=False)
    reply = await fake.reply_to(interaction, within=3.0)
    assert reply.embeds


@pytest.mark.parametrize(
    "route",
    [
        ("GET", "/gateway"),
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
        ("PUT", r"/applications/\d+/commands"),
    ],
    ids=["gateway", "users-me", "application", "command-sync"],
)
async def test_one_503_at_start_up_is_survived(
    fake: FakeDiscord,
    start_bot: StartBot,
    alice: Payload,
    route: tuple[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    fault = fake.fail(route[0], route[1], 503)
    bot = await start_bot()
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))
    await asyncio.wait_for(bot.sync_done.wait(), 15)
    assert fault.hits == 1
    assert "global" in fake.synced
    assert CLOUDFLARE_PAGE not in caplog.text


async def test_a_refused_command_sync_leaves_dms_working_and_is_retried(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("PUT", r"/applications/\d+/commands", 403)
    bot = await start_bot()
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))
    await asyncio.wait_for(bot.sync_done.wait(), 15)  # the background retry got through
    assert "could not sync application commands (HTTP 403)" in caplog.text


async def test_op_7_reconnect_resumes_and_keeps_answering(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot()
    await fake.reconnect()
    await asyncio.sleep(0.2)
    await fake.wait_sessions(1)
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))


@pytest.mark.parametrize("how", ["op 9", "close 4009", "close 4000", "dropped"])
async def test_a_lost_session_is_recovered_and_a_new_one_is_logged(
    fake: FakeDiscord,
    start_bot: StartBot,
    alice: Payload,
    how: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = await start_bot()
    fake.connected.clear()
    if how == "op 9":
        await fake.invalidate()
    elif how == "dropped":
        await fake.close(1006)
    else:
        await fake.close(int(how.split()[1]))
    await asyncio.sleep(0.2)
    await fake.wait_sessions(1, within=15)
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))
    if fake.connected.is_set():  # identified anew: Discord replays nothing from the gap
        # on_ready waits for the server to be available
        await eventually(lambda: "new gateway session (shard 0) after" in caplog.text)
        assert bot.metrics.reconnects.labels("new_session")._value.get() == 1


async def test_a_silent_gateway_is_noticed_and_replaced_within_the_timeout(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, caplog: pytest.LogCaptureFixture
) -> None:
    await start_bot(heartbeat_timeout=10)
    caplog.set_level(logging.WARNING)
    fake.go_silent()
    started = asyncio.get_running_loop().time()
    # The timeout, plus the time to reconnect.
    await eventually(lambda: bool(fake.sessions) and not any(s.silent for s in fake.sessions))
    noticed = asyncio.get_running_loop().time() - started
    assert noticed <= 12
    assert "the gateway has been silent" in caplog.text
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))


async def test_metrics_and_health_endpoints(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    bot = await start_bot(metrics_port=0)
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))
    declined = await fake.send_message("What is the weather like on the moon?", author=alice)
    await fake.wait_for(replies_to(declined))
    assert bot._health is not None
    base = f"http://127.0.0.1:{bot._health.port}"
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base}/metrics") as response:
            text = await response.text()
        async with session.get(f"{base}/livez") as live:
            assert live.status == 200
        # Ready once discord.py has seen every server (it waits up to 2 s for them).
        for _ in range(100):
            async with session.get(f"{base}/readyz") as ready:
                if ready.status == 200:
                    break
            await asyncio.sleep(0.1)
        assert ready.status == 200
    assert 'newsbot_questions_total{surface="message"}' in text
    assert "newsbot_answers_total 2.0" in text  # settle's sentinel question was answered too
    assert "newsbot_declines_total 1.0" in text
    assert "newsbot_answer_latency_seconds_bucket" in text
    await bot.shutdown(1.0)
    async with aiohttp.ClientSession() as session, session.get(f"{base}/readyz") as ready:
        assert ready.status == 503  # draining: a load balancer stops sending work


async def test_questions_lost_in_a_new_sessions_gap_are_counted_and_logged(
    fake: FakeDiscord,
    start_bot: StartBot,
    alice: Payload,
    bob: Payload,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = await start_bot()
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))
    await fake.invalidate()  # not resumable: Discord will replay nothing
    # Asked while the bot has no session: Discord delivers these to nobody.
    await fake.send_message("Who is Antony Blinken?", author=alice)
    await fake.send_message("Who is Antony Blinken?", author=bob)  # bob never asked before
    await fake.wait_sessions(1, within=15)
    await eventually(lambda: "never reached the bot" in caplog.text, within=15)
    # Only alice's channel is known: bob, who never asked before, cannot be counted.
    assert "1 questions were sent during the gap (shard 0)" in caplog.text
    assert bot.metrics.missed._value.get() == 1
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))


async def test_a_shard_that_loses_its_session_counts_its_own_gap(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await start_bot(shard_count=2, shard_ids="0,1")
    await fake.wait_sessions(2)
    await eventually(bot.is_ready, within=15)
    await _one_answer(fake, await fake.send_message(QUESTION, author=alice))  # a DM: shard 0
    shard0 = next(s for s in fake.sessions if s.shard and s.shard[0] == 0)
    fake.sessions.remove(shard0)  # only shard 0 loses its session; Discord replays nothing
    await shard0.socket.send_str(json.dumps({"op": 9, "d": False}))
    await fake.send_message("Who is Antony Blinken?", author=alice)  # asked in the gap
    await fake.wait_sessions(2, within=15)
    await eventually(lambda: "never reached the bot" in caplog.text, within=15)
    assert "new gateway session (shard 0)" in caplog.text
    assert "1 questions were sent during the gap (shard 0)" in caplog.text
    assert bot.metrics.missed._value.get() == 1
