"""When to sync application commands with Discord.

Syncing is rate-limited by Discord and global changes take a while to spread, so the bot syncs:
to `DEV_GUILD_ID` (instantly) at every start-up while developing; globally only when the command
set differs from the last one it synced (a hash kept in a small state file), or when forced by
`python -m bot sync`, which also removes the development server's copies (or that server would
list every command twice). Never from `on_ready`, which fires again on every reconnect.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger(__name__)


def command_digest(tree: app_commands.CommandTree[Any]) -> str:
    """Return a stable hash of the global command payloads the tree would sync."""
    payloads = sorted(
        (command.to_dict(tree) for command in tree.get_commands()),
        key=lambda payload: (payload.get("type", 1), payload["name"]),
    )
    encoded = json.dumps(payloads, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _read_state(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("ignoring unreadable command sync state %s: %s", path, error)
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(key): str(value) for key, value in data.items()}


def _write_state(path: Path, state: dict[str, str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(state, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        log.warning("could not record the synced command set in %s: %s", path, error)


async def sync_commands_at_startup(
    tree: app_commands.CommandTree[Any],
    *,
    application_id: int,
    dev_guild_id: int | None,
    state_file: Path,
    force: bool,
) -> list[str]:
    """Sync commands according to the policy in the module docstring.

    Returns:
        Where commands were synced: "guild <id>", "guild <id> cleared" and/or "global" (empty
        when nothing was).
    """
    done: list[str] = []
    if dev_guild_id is not None and not force:
        guild = discord.Object(id=dev_guild_id)
        tree.copy_global_to(guild=guild)
        synced = await tree.sync(guild=guild)
        log.info("synced %d commands to the development server %s", len(synced), dev_guild_id)
        return [f"guild {dev_guild_id}"]
    if dev_guild_id is not None:
        # Going global: remove the development server's copies, or it would list each twice.
        guild = discord.Object(id=dev_guild_id)
        tree.clear_commands(guild=guild)
        await tree.sync(guild=guild)
        log.info("removed the development server's copies of the commands (%s)", dev_guild_id)
        done.append(f"guild {dev_guild_id} cleared")
    digest = command_digest(tree)
    key = str(application_id)
    state = _read_state(state_file)
    if not force and state.get(key) == digest:
        log.info("global commands unchanged since the last sync; not syncing")
        return done
    synced = await tree.sync()
    log.info("synced %d global commands", len(synced))
    state[key] = digest
    _write_state(state_file, state)
    done.append("global")
    return done
