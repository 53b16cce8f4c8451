"""SIGTERM to a running `python -m bot`: answers in flight finish, and it exits within 10 s."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path

from tests.bot.conftest import USER_IDS, eventually, replies_to
from tests.bot.fake_discord import FakeDiscord
from tests.bot.test_messages import QUESTION
from tests.bot.test_startup import _python_m_bot

MESSAGES = r"/channels/\d+/messages"
DOCKER_STOP_SECONDS = 10


async def _connected(fake: FakeDiscord, process: asyncio.subprocess.Process) -> None:
    connected = asyncio.create_task(fake.connected.wait())
    exited = asyncio.create_task(process.wait())
    await asyncio.wait({connected, exited}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
    connected.cancel()
    exited.cancel()
    assert fake.connected.is_set(), f"the bot never connected (exit {process.returncode})"


async def _stop(process: asyncio.subprocess.Process) -> tuple[int, float, str]:
    """SIGTERM `process`; return its exit code, how long it took and its stderr."""
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        code = await asyncio.wait_for(process.wait(), DOCKER_STOP_SECONDS + 5)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.stderr is not None
    return code, time.monotonic() - started, (await process.stderr.read()).decode()


async def test_sigterm_during_a_flood_lets_every_answer_in_flight_finish(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    process = await _python_m_bot("run", fake.api_base, tmp_path)
    await _connected(fake, process)
    askers = 50
    # Discord is slow today: each reply takes 2 s to be accepted.
    slow = fake.fail("POST", MESSAGES, 0, times=askers, delay=2.0)
    questions = [
        await fake.send_message(QUESTION, author=FakeDiscord.user(next(USER_IDS), f"user{n}"))
        for n in range(askers)
    ]
    await eventually(lambda: slow.hits >= askers, within=15)  # every answer is on its way
    code, seconds, err = await _stop(process)
    assert code == 0
    assert seconds < DOCKER_STOP_SECONDS
    answered = [q for q in questions if any(replies_to(q)(sent) for sent in fake.sent)]
    assert len(answered) == askers  # none lost
    assert len([s for s in fake.sent if s.kind == "message"]) == askers  # none twice
    assert f"{askers} answers in flight drained, 0 abandoned" in err.strip().splitlines()[-1]
    assert "Traceback" not in err, err[-3000:]


async def test_sigterm_during_an_outage_back_off_exits_in_time(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    process = await _python_m_bot("run", fake.api_base, tmp_path)
    await _connected(fake, process)
    fake.accept_gateway = False  # Discord is down: every reconnect fails and backs off
    await fake.close(1006)
    await asyncio.sleep(3)
    code, seconds, err = await _stop(process)
    assert code == 0
    assert seconds < DOCKER_STOP_SECONDS
    assert "Traceback" not in err, err[-3000:]


async def test_sigterm_during_a_rate_limited_command_sync_exits_in_time(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    fake.fail("PUT", r"/applications/\d+/commands", 429, retry_after=60.0)
    process = await _python_m_bot("run", fake.api_base, tmp_path)
    await _connected(fake, process)  # the sync waits in the background; the bot is up
    await asyncio.sleep(1)
    code, seconds, err = await _stop(process)
    assert code == 0
    assert seconds < DOCKER_STOP_SECONDS
    assert "Traceback" not in err, err[-3000:]


async def test_sigterm_during_start_up_retries_exits_in_time(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    fault = fake.fail("GET", "/users/@me", 503, times=1000)
    process = await _python_m_bot("run", fake.api_base, tmp_path)
    await eventually(lambda: fault.hits >= 3, within=20)
    code, seconds, err = await _stop(process)
    assert code == 0
    assert seconds < DOCKER_STOP_SECONDS
    assert "retry" in err
    assert "<html" not in err.lower()


async def test_sigterm_with_a_half_open_gateway_exits_in_time(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    process = await _python_m_bot("run", fake.api_base, tmp_path)
    await _connected(fake, process)
    fake.cut_off()  # closing the websocket now waits for a close frame that never comes
    code, seconds, err = await _stop(process)
    assert code == 0
    assert seconds < DOCKER_STOP_SECONDS
    assert "drained" in err.strip().splitlines()[-1]
    assert "Traceback" not in err, err[-3000:]
