"""Start-up and shutdown: token checks, Discord's refusals, command sync policy, signals, shards."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot.discord_bot.discord_app import run_discord, sync_commands
from bot.settings import Settings
from knowledge import KnowledgeBase
from tests.bot.conftest import TOKEN, StartBot, replies_to
from tests.bot.fake_discord import FakeDiscord, Payload
from tests.bot.test_messages import QUESTION

ROOT = Path(__file__).resolve().parents[2]
WRONG_TOKEN = TOKEN[:-4] + "nope"


def settings_for(fake: FakeDiscord, tmp_path: Path, **values: Any) -> Settings:
    base: dict[str, Any] = {
        "discord_token": TOKEN,
        "discord_api_base": fake.api_base,
        "command_sync_state": tmp_path / "sync.json",
    }
    return Settings(_env_file=None, **(base | values))


@pytest.mark.parametrize("token", ["", "not-a-token", f"Bot {TOKEN}"])
def test_missing_or_malformed_token_is_one_line_and_exit_code_2(
    token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(_env_file=None, discord_token=SecretStr(token))
    assert run_discord(settings) == 2
    assert sync_commands(settings) == 2
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert len(lines) == 2  # one line per call
    assert all(line.startswith("error: DISCORD_TOKEN") for line in lines)
    assert "Traceback" not in err


async def test_a_token_discord_rejects_is_a_clear_line_and_non_zero_exit(
    fake: FakeDiscord, kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = settings_for(fake, tmp_path, discord_token=SecretStr(WRONG_TOKEN))
    code = await asyncio.to_thread(run_discord, settings, kb=kb)
    assert code == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [err.strip()]
    assert "rejected DISCORD_TOKEN (401" in err
    assert WRONG_TOKEN not in err
    assert "Traceback" not in err


async def test_an_unreachable_api_is_a_clear_line(
    kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = Settings(
        _env_file=None,
        discord_token=SecretStr(TOKEN),
        discord_api_base="http://127.0.0.1:9/api/v10",
        startup_retry_seconds=1.0,
    )
    assert await asyncio.to_thread(run_discord, settings, kb=kb) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: could not reach Discord")
    assert "Traceback" not in err


async def test_global_sync_only_when_the_command_set_changed(
    fake: FakeDiscord, start_bot: StartBot, tmp_path: Path
) -> None:
    first = await start_bot()
    await asyncio.wait_for(first.sync_done.wait(), 10)  # commands sync in the background
    assert first.synced_to == ["global"]
    assert {c["name"] for c in fake.synced["global"]} == {
        "ask",
        "source",
        "facts",
        "help",
        "article",
    }
    await first.close()
    second = await start_bot()
    await asyncio.wait_for(second.sync_done.wait(), 10)
    assert second.synced_to == []  # unchanged: no second global sync on restart
    await second.close()
    state = tmp_path / "command-sync.json"
    state.write_text(json.dumps({str(fake.application_id): "an older command set"}))
    third = await start_bot()
    await asyncio.wait_for(third.sync_done.wait(), 10)
    assert third.synced_to == ["global"]
    assert [r for r in fake.requests if r[0] == "PUT"] == [("PUT", "commands global")] * 2


async def test_dev_guild_gets_an_instant_sync_and_global_is_left_alone(
    fake: FakeDiscord, start_bot: StartBot
) -> None:
    bot = await start_bot(dev_guild_id=fake.guild_id)
    await asyncio.wait_for(bot.sync_done.wait(), 10)
    assert bot.synced_to == [f"guild {fake.guild_id}"]
    assert "global" not in fake.synced
    assert {c["name"] for c in fake.synced[f"guild {fake.guild_id}"]} >= {"ask", "help"}


async def test_sync_command_forces_a_global_sync(
    fake: FakeDiscord, kb: KnowledgeBase, tmp_path: Path
) -> None:
    settings = settings_for(fake, tmp_path)
    assert await asyncio.to_thread(sync_commands, settings, kb=kb) == 0
    assert await asyncio.to_thread(sync_commands, settings, kb=kb) == 0
    assert [r for r in fake.requests if r[0] == "PUT"] == [("PUT", "commands global")] * 2
    assert fake.identify_payloads == []  # syncing never opens the gateway


async def test_sync_command_removes_the_dev_guild_copies(
    fake: FakeDiscord, kb: KnowledgeBase, tmp_path: Path, start_bot: StartBot
) -> None:
    await (await start_bot(dev_guild_id=fake.guild_id)).close()
    assert fake.synced[f"guild {fake.guild_id}"]
    settings = settings_for(fake, tmp_path, dev_guild_id=fake.guild_id)
    assert await asyncio.to_thread(sync_commands, settings, kb=kb) == 0
    # Global commands show in every server: a copy in the dev server would list them twice.
    assert fake.synced[f"guild {fake.guild_id}"] == []
    assert {c["name"] for c in fake.synced["global"]} == {
        "ask",
        "source",
        "facts",
        "help",
        "article",
    }


async def _python_m_bot(
    command: str, api_base: str, tmp_path: Path, **settings: str
) -> asyncio.subprocess.Process:
    """Start `python -m bot <command>` as a user would, configured only by the environment."""
    env = os.environ | {
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE": api_base,
        "COMMAND_SYNC_STATE": str(tmp_path / "sync.json"),
        "PYTHONPATH": str(ROOT),
        **settings,
    }
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-W",
        "ignore::DeprecationWarning",
        "-m",
        "bot",
        command,
        cwd=tmp_path,
        env=env,
        stderr=asyncio.subprocess.PIPE,
    )


async def _silent_server() -> tuple[asyncio.Server, str]:
    """A server that accepts connections and never answers, like a hung proxy."""

    async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()
        writer.close()

    server = await asyncio.start_server(hold, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}/api/v10"


@pytest.mark.parametrize("command", ["run", "sync"])
async def test_a_signal_while_logging_in_is_a_clean_stop(tmp_path: Path, command: str) -> None:
    server, api_base = await _silent_server()
    process = await _python_m_bot(command, api_base, tmp_path)
    try:
        assert process.stderr is not None
        # The bot says it is logging in, then hangs on the silent server until it is told to stop.
        while b"logging in" not in await asyncio.wait_for(process.stderr.readline(), 30):
            pass
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), 15) == 0
        err = (await process.stderr.read()).decode()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        server.close()
    assert "error" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_python_m_bot_answers_and_shuts_down_cleanly_on_a_signal(
    fake: FakeDiscord, tmp_path: Path, alice: Payload, signum: signal.Signals
) -> None:
    process = await _python_m_bot("run", fake.api_base, tmp_path)
    try:
        connected = asyncio.create_task(fake.connected.wait())
        exited = asyncio.create_task(process.wait())
        await asyncio.wait({connected, exited}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        connected.cancel()
        exited.cancel()
        assert fake.connected.is_set(), f"the bot never connected (exit {process.returncode})"
        question = await fake.send_message(QUESTION, author=alice)
        assert (await fake.wait_for(replies_to(question), within=10)).embeds
        process.send_signal(signum)
        assert await asyncio.wait_for(process.wait(), 15) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.stderr is not None
    err = (await process.stderr.read()).decode()
    assert "Traceback" not in err
    assert TOKEN not in err


async def test_shards_each_identify_and_answer_their_own_events(
    fake: FakeDiscord, start_bot: StartBot, alice: Payload
) -> None:
    await start_bot(shard_count=2, shard_ids="0,1")
    await fake.wait_sessions(2)
    dm = await fake.send_message(QUESTION, author=alice)
    assert (await fake.wait_for(replies_to(dm))).embeds
    mention = await fake.send_message(
        f"<@{fake.application_id}> {QUESTION}", author=alice, guild=True, mentions=[fake.bot_user]
    )
    assert (await fake.wait_for(replies_to(mention))).embeds
    assert sorted(tuple(p["shard"]) for p in fake.identify_payloads) == [(0, 2), (1, 2)]
