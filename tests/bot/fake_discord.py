"""A fake Discord on loopback: the REST API under `/api/v10` and a gateway v10 websocket.

The real discord.py client talks to it exactly as to Discord (the bot only gets
`DISCORD_API_BASE`). It speaks HELLO, IDENTIFY, READY, GUILD_CREATE, heartbeats and RESUME,
dispatches MESSAGE_CREATE and INTERACTION_CREATE on demand, and records every payload the bot
sends. Each payload is checked against Discord's size limits and for anything that could ping;
problems are collected in `violations` (the fixtures fail the test on any) and answered with
Discord's own 400, as the real API would.

Like Discord it enforces message nonces (a repeated nonce returns the first message), answers a
second callback for one interaction with 40060 and a callback later than 3 s with 10062. Faults
are injected per route with `fail` (5xx with an HTML body as Cloudflare sends, 429 with
`retry_after`, 403, a delay, or an error *after* the request took effect) and on the gateway
with `reconnect`, `invalidate`, `close` and `go_silent`.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from aiohttp import WSMsgType, web

JSON: Final = {"Content-Type": "application/json"}
GATEWAY_HELLO: Final = 10
GATEWAY_HEARTBEAT: Final = 1
GATEWAY_HEARTBEAT_ACK: Final = 11
GATEWAY_IDENTIFY: Final = 2
GATEWAY_RESUME: Final = 6
GATEWAY_DISPATCH: Final = 0
GATEWAY_RECONNECT: Final = 7
GATEWAY_INVALID_SESSION: Final = 9
INTERACTION_WINDOW_SECONDS: Final = 3.0
DISCORD_EPOCH_MS: Final = 1_420_070_400_000
HALF_OPEN_HOLD_SECONDS: Final = 60.0
CLOUDFLARE_PAGE: Final = (
    "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
    "<body><h1>503 Service Temporarily Unavailable</h1><p>cloudflare</p></body></html>"
)

PING_FREE_PARSE: Final[list[str]] = []

SentKind = Literal["message", "callback", "followup", "edit"]

Payload = dict[str, Any]


@dataclass(frozen=True)
class Sent:
    """One payload the bot sent that shows something to users."""

    kind: SentKind
    payload: Payload
    channel_id: int | None = None
    interaction_id: int | None = None
    status: int = 200

    @property
    def message(self) -> Payload:
        """The message part: the payload itself, or `data` of an interaction callback."""
        if self.kind == "callback":
            data = self.payload.get("data")
            return data if isinstance(data, dict) else {}
        return self.payload

    @property
    def content(self) -> str:
        """The message text ('' when there is none)."""
        return str(self.message.get("content") or "")

    @property
    def embeds(self) -> list[Payload]:
        """The message's embeds."""
        return list(self.message.get("embeds") or [])

    @property
    def buttons(self) -> list[Payload]:
        """Every button of the message's components."""
        return [
            child
            for row in self.message.get("components") or []
            for child in row.get("components", [])
            if child.get("type") == 2
        ]

    @property
    def suggestion_buttons(self) -> list[Payload]:
        """The buttons that ask a suggested question (not 👍 / 👎 / Explain)."""
        return [b for b in self.buttons if str(b.get("custom_id", "")).startswith("nb:ask")]

    @property
    def ephemeral(self) -> bool:
        """Whether the message is visible only to the user who asked."""
        return bool(int(self.message.get("flags") or 0) & 64)

    @property
    def text(self) -> str:
        """Everything visible as one string: content and every embed's texts."""
        parts = [self.content]
        for embed in self.embeds:
            parts.append(str(embed.get("title") or ""))
            parts.append(str(embed.get("description") or ""))
            for embed_field in embed.get("fields") or []:
                parts.append(f"{embed_field.get('name')}\n{embed_field.get('value')}")
            parts.append(str((embed.get("footer") or {}).get("text") or ""))
        return "\n".join(part for part in parts if part)


# --- Discord's limits ------------------------------------------------------------------------


def _length(value: object) -> int:
    return len(value) if isinstance(value, str) else 0


def embed_problems(embed: Mapping[str, Any]) -> list[str]:
    """Return every way one embed breaks Discord's limits."""
    problems = []
    limits = {"title": 256, "description": 4096}
    for key, limit in limits.items():
        if _length(embed.get(key)) > limit:
            problems.append(f"embed {key} has {_length(embed.get(key))} > {limit} characters")
    fields = embed.get("fields") or []
    if len(fields) > 25:
        problems.append(f"embed has {len(fields)} > 25 fields")
    for index, embed_field in enumerate(fields):
        name, value = embed_field.get("name"), embed_field.get("value")
        if not name or _length(name) > 256:
            problems.append(f"embed field {index} name length {_length(name)} not in 1..256")
        if not value or _length(value) > 1024:
            problems.append(f"embed field {index} value length {_length(value)} not in 1..1024")
    footer = (embed.get("footer") or {}).get("text")
    if _length(footer) > 2048:
        problems.append(f"embed footer has {_length(footer)} > 2048 characters")
    author = (embed.get("author") or {}).get("name")
    if _length(author) > 256:
        problems.append(f"embed author has {_length(author)} > 256 characters")
    return problems


def embed_total(embed: Mapping[str, Any]) -> int:
    """Count the characters Discord counts toward an embed's 6,000 total."""
    total = _length(embed.get("title")) + _length(embed.get("description"))
    for embed_field in embed.get("fields") or []:
        total += _length(embed_field.get("name")) + _length(embed_field.get("value"))
    total += _length((embed.get("footer") or {}).get("text"))
    total += _length((embed.get("author") or {}).get("name"))
    return total


def _component_problems(rows: list[Mapping[str, Any]]) -> list[str]:
    problems = []
    if len(rows) > 5:
        problems.append(f"{len(rows)} > 5 action rows")
    for row in rows:
        children = row.get("components") or []
        if not 1 <= len(children) <= 5:
            problems.append(f"action row has {len(children)} components, not 1..5")
        for child in children:
            if _length(child.get("label")) > 80:
                problems.append(f"button label has {_length(child.get('label'))} > 80 characters")
            custom_id = child.get("custom_id")
            if custom_id is not None and not 1 <= _length(custom_id) <= 100:
                problems.append(f"custom_id length {_length(custom_id)} not in 1..100")
    return problems


def _ping_problems(mentions: object) -> list[str]:
    if not isinstance(mentions, dict):
        return ["no allowed_mentions: the message could ping"]
    problems = []
    if mentions.get("parse") != PING_FREE_PARSE:
        problems.append(f"allowed_mentions.parse is {mentions.get('parse')!r}, not []")
    if mentions.get("users") or mentions.get("roles") or mentions.get("replied_user"):
        problems.append(f"allowed_mentions would ping: {mentions!r}")
    return problems


def message_problems(message: Mapping[str, Any]) -> list[str]:
    """Return every way a message payload breaks Discord's limits or could ping someone."""
    problems = []
    content = message.get("content")
    if _length(content) > 2000:
        problems.append(f"content has {_length(content)} > 2000 characters")
    embeds = message.get("embeds") or []
    if len(embeds) > 10:
        problems.append(f"{len(embeds)} > 10 embeds")
    for embed in embeds:
        problems.extend(embed_problems(embed))
    total = sum(embed_total(embed) for embed in embeds)
    if total > 6000:
        problems.append(f"embeds total {total} > 6000 characters")
    rows = message.get("components") or []
    problems.extend(_component_problems(rows))
    if not content and not embeds and not rows:
        problems.append("empty message: no content, embeds or components")
    problems.extend(_ping_problems(message.get("allowed_mentions")))
    return problems


def choices_problems(choices: list[Mapping[str, Any]]) -> list[str]:
    """Return every way an autocomplete answer breaks Discord's limits."""
    problems = []
    if len(choices) > 25:
        problems.append(f"{len(choices)} > 25 autocomplete choices")
    for choice in choices:
        if not 1 <= _length(choice.get("name")) <= 100:
            problems.append(f"choice name length {_length(choice.get('name'))} not in 1..100")
        value = choice.get("value")
        if isinstance(value, str) and not 1 <= len(value) <= 100:
            problems.append(f"choice value length {len(value)} not in 1..100")
    return problems


# --- The fake ------------------------------------------------------------------------------


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass
class _Session:
    socket: web.WebSocketResponse
    session_id: str
    shard: tuple[int, int] | None = None
    sequence: int = 0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    silent: bool = False
    """A "zombie" connection: nothing more is sent on it, heartbeats are not acknowledged."""
    half_open: asyncio.Event = field(default_factory=asyncio.Event)
    """Set: the peer is gone without a word; not even a close frame is answered."""


@dataclass
class Fault:
    """A fault injected on the requests matching `method` and `path` (a regex on the API path).

    `status` 0 only delays the request; otherwise the request fails with `status`, before it
    takes effect or, with `after_commit`, after it did. `times` requests are hit.
    """

    method: str
    path: str
    status: int
    times: int = 1
    retry_after: float = 0.0
    after_commit: bool = False
    delay: float = 0.0
    hits: int = 0

    def matches(self, request: web.Request) -> bool:
        """True when this fault applies to `request` and has hits left."""
        path = request.path.removeprefix("/api/v10")
        return (
            self.hits < self.times
            and request.method == self.method
            and re.fullmatch(self.path, path) is not None
        )


MEMBER_PERMISSIONS: Final = 2248473465835073
"""An ordinary member's permissions: no Manage Server."""
MANAGE_GUILD: Final = 1 << 5


class FakeDiscord:
    """Discord's REST API and gateway for one bot, one server and any number of DMs."""

    def __init__(
        self,
        *,
        token: str,
        application_id: int = 900_000_000_000_000_001,
        guild_id: int = 900_000_000_000_000_100,
        channel_id: int = 900_000_000_000_000_200,
    ) -> None:
        self.token = token
        self.application_id = application_id
        self.guild_id = guild_id
        self.channel_id = channel_id
        self.guild_ids: list[int] = [guild_id]
        """Every server the bot is in; `add_guild` adds one (before the bot connects)."""
        self.attachments: dict[int, tuple[str, bytes]] = {}
        self.bot_role_id = guild_id + 1
        self.bot_user: Payload = self.user(application_id, "NewsBot", bot=True)
        self.port = 0
        self.sent: list[Sent] = []
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self.identify_payloads: list[Payload] = []
        self.synced: dict[str, list[Payload]] = {}
        self.forbidden_channels: set[int] = set()
        self.sessions: list[_Session] = []
        self.connected = asyncio.Event()
        self._last_id = 0
        self.history: dict[int, list[Payload]] = {}
        """Every user message posted with `send_message`, by channel (for GET messages)."""
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self._consumed: set[int] = set()
        self.listeners: list[Callable[[Sent], None]] = []
        """Called with every payload as it arrives (the benchmark uses this to time replies)."""
        self.faults: list[Fault] = []
        self.accept_gateway = True
        self._stopped = asyncio.Event()
        """False: the gateway refuses connections (an outage)."""
        self._nonces: dict[tuple[int, str], Payload] = {}
        self._acknowledged: set[int] = set()
        self._created: dict[int, float] = {}
        self.app = web.Application(middlewares=[self._inject_faults])
        self.app.add_routes(
            [
                web.get("/gateway", self._gateway),
                web.get("/api/v10/gateway", self._get_gateway),
                web.get("/api/v10/gateway/bot", self._get_gateway_bot),
                web.get("/api/v10/users/@me", self._get_me),
                web.get("/api/v10/oauth2/applications/@me", self._get_application),
                web.put("/api/v10/applications/{app}/commands", self._put_commands),
                web.put("/api/v10/applications/{app}/guilds/{guild}/commands", self._put_commands),
                web.post("/api/v10/channels/{channel}/messages", self._post_message),
                web.get("/api/v10/channels/{channel}/messages", self._get_messages),
                web.post("/api/v10/interactions/{id}/{token}/callback", self._callback),
                web.post("/api/v10/webhooks/{app}/{token}", self._followup),
                web.patch("/api/v10/webhooks/{app}/{token}/messages/{message}", self._edit),
                web.get("/attachments/{id}/{name}", self._attachment),
                web.route("*", "/{tail:.*}", self._unknown),
            ]
        )

    # --- lifecycle --------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on a free loopback port."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Close every gateway session and stop listening."""
        self._stopped.set()
        for session in list(self.sessions):
            with contextlib.suppress(Exception):
                await session.socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        """The value for `DISCORD_API_BASE`."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The gateway URL `GET /gateway` reports."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    # --- objects ----------------------------------------------------------------------------

    def snowflake(self) -> int:
        """Return a fresh id, made from the time as Discord's are (so `after=` works on them)."""
        stamp = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last_id = max(stamp, self._last_id + 1)
        return self._last_id

    @staticmethod
    def user(user_id: int, name: str, *, bot: bool = False) -> Payload:
        """Return a user object."""
        return {
            "id": str(user_id),
            "username": name,
            "global_name": name,
            "discriminator": "0",
            "avatar": None,
            "bot": bot,
            "public_flags": 0,
        }

    def add_guild(self) -> int:
        """Add another server (on the next shard of two: `(id >> 22) % 2` differs)."""
        guild_id = self.guild_ids[-1] + (1 << 22)
        self.guild_ids.append(guild_id)
        return guild_id

    def channel_of(self, guild_id: int) -> int:
        """The one text channel of a server."""
        return self.channel_id + self.guild_ids.index(guild_id)

    def guild_payload(self, guild_id: int | None = None) -> Payload:
        """Return the GUILD_CREATE data for a server (the first one by default)."""
        guild_id = guild_id or self.guild_id
        everyone = {
            "id": str(guild_id),
            "name": "@everyone",
            "permissions": "1071698660929",
            "position": 0,
            "color": 0,
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
        }
        bot_role = everyone | {
            "id": str(guild_id + 1),
            "name": "NewsBot",
            "position": 1,
            "managed": True,
            "tags": {"bot_id": str(self.application_id)},
        }
        return {
            "id": str(guild_id),
            "name": "Test server" if guild_id == self.guild_id else f"Server {guild_id}",
            "icon": None,
            "owner_id": "1",
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "nsfw_level": 0,
            "preferred_locale": "en-US",
            "features": [],
            "roles": [everyone, bot_role],
            "emojis": [],
            "stickers": [],
            "channels": [
                {
                    "id": str(self.channel_of(guild_id)),
                    "type": 0,
                    "name": "general",
                    "position": 0,
                    "permission_overwrites": [],
                    "nsfw": False,
                    "parent_id": None,
                    "rate_limit_per_user": 0,
                }
            ],
            "threads": [],
            "members": [
                {
                    "user": self.bot_user,
                    "roles": [str(guild_id + 1)],
                    "joined_at": _now(),
                    "deaf": False,
                    "mute": False,
                    "flags": 0,
                }
            ],
            "member_count": 2,
            "large": False,
            "unavailable": False,
            "joined_at": _now(),
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def message_payload(
        self,
        content: str,
        *,
        author: Payload,
        channel_id: int,
        guild: bool,
        mentions: Iterable[Payload] = (),
        webhook: bool = False,
        guild_id: int | None = None,
    ) -> Payload:
        """Return a MESSAGE_CREATE payload (in the server when `guild`, else in a DM)."""
        payload: Payload = {
            "id": str(self.snowflake()),
            "channel_id": str(channel_id),
            "author": author,
            "content": content,
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": "@everyone" in content,
            "mentions": list(mentions),
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
            "flags": 0,
        }
        if guild:
            payload["guild_id"] = str(guild_id or self.guild_id)
            payload["member"] = {"roles": [], "joined_at": _now(), "deaf": False, "mute": False}
        if webhook:
            payload["webhook_id"] = str(self.snowflake())
        return payload

    def interaction_payload(
        self,
        kind: int,
        data: Payload,
        *,
        user: Payload,
        guild: bool,
        channel_id: int,
        message: Payload | None = None,
        guild_id: int | None = None,
        permissions: int = MEMBER_PERMISSIONS,
    ) -> Payload:
        """Return an INTERACTION_CREATE payload (`permissions`: the member's, in a server)."""
        guild_id = guild_id or self.guild_id
        interaction_id = self.snowflake()
        self._created[interaction_id] = time.monotonic()
        payload: Payload = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "token": f"interaction-token-{interaction_id}",
            "version": 1,
            "channel_id": str(channel_id),
            "channel": {"id": str(channel_id), "type": 0 if guild else 1},
            "app_permissions": "2248473465835073",
            "locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild_id)},
            "context": 0 if guild else 1,
            "attachment_size_limit": 10_485_760,
        }
        if guild:
            payload["guild_id"] = str(guild_id)
            payload["guild_locale"] = "en-US"
            payload["channel"] |= {"guild_id": str(guild_id), "name": "general"}
            payload["member"] = {
                "user": user,
                "roles": [],
                "joined_at": _now(),
                "deaf": False,
                "mute": False,
                "permissions": str(permissions),
                "flags": 0,
            }
        else:
            payload["user"] = user
        if message is not None:
            payload["message"] = message
        return payload

    # --- driving the bot --------------------------------------------------------------------

    async def dispatch(self, event: str, data: Payload) -> None:
        """Send a gateway DISPATCH to the session (shard) that owns it, as Discord does.

        Server events belong to shard `(guild_id >> 22) % shard_count`, DMs to shard 0.
        """
        guild_id = int(data.get("guild_id") or 0)
        for session in list(self.sessions):
            if session.shard is None or session.shard[0] == (guild_id >> 22) % session.shard[1]:
                await self._send_dispatch(session, event, data)

    async def send_message(
        self,
        content: str,
        *,
        author: Payload,
        channel_id: int | None = None,
        guild: bool = False,
        mentions: Iterable[Payload] = (),
        webhook: bool = False,
        guild_id: int | None = None,
    ) -> Payload:
        """Post a user's message (a DM by default) and return its payload."""
        guild_id = guild_id or self.guild_id
        if channel_id is None:
            channel_id = self.channel_of(guild_id) if guild else int(author["id"]) + 7
        payload = self.message_payload(
            content,
            author=author,
            channel_id=channel_id,
            guild=guild,
            mentions=mentions,
            webhook=webhook,
            guild_id=guild_id,
        )
        self.history.setdefault(channel_id, []).append(payload)
        await self.dispatch("MESSAGE_CREATE", payload)
        return payload

    async def slash(
        self,
        name: str,
        options: Mapping[str, object] | None = None,
        *,
        user: Payload,
        guild: bool = True,
        guild_id: int | None = None,
        channel_id: int | None = None,
        permissions: int = MEMBER_PERMISSIONS,
        files: Mapping[str, tuple[str, bytes]] | None = None,
    ) -> int:
        """Invoke a slash command; return the interaction id.

        `name` may name a subcommand ("article add"); `files` attaches files to options
        (option name -> file name and bytes), served at the fake's attachment URLs.
        """
        types = {str: 3, int: 4, bool: 5}
        given: list[Payload] = [
            {"name": key, "type": types[type(value)], "value": value}
            for key, value in (options or {}).items()
        ]
        resolved: dict[str, Payload] = {}
        for option, (filename, content) in (files or {}).items():
            attachment_id = self.snowflake()
            self.attachments[attachment_id] = (filename, content)
            url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
            resolved[str(attachment_id)] = {
                "id": str(attachment_id),
                "filename": filename,
                "size": len(content),
                "url": url,
                "proxy_url": url,
                "content_type": "text/plain" if filename.endswith(".txt") else "text/html",
            }
            given.append({"name": option, "type": 11, "value": str(attachment_id)})
        command, *sub = name.split()
        data: Payload = {
            "id": str(self._command_id(command)),
            "name": command,
            "type": 1,
            "options": [{"name": sub[0], "type": 1, "options": given}] if sub else given,
        }
        if resolved:
            data["resolved"] = {"attachments": resolved}
        return await self._interact(
            2,
            data,
            user=user,
            guild=guild,
            guild_id=guild_id,
            channel_id=channel_id,
            permissions=permissions,
        )

    async def autocomplete(
        self, name: str, option: str, typed: str, *, user: Payload, guild: bool = True
    ) -> int:
        """Send an autocomplete request for `option` of `name`; return the interaction id."""
        data = {
            "id": str(self._command_id(name)),
            "name": name,
            "type": 1,
            "options": [{"name": option, "type": 3, "value": typed, "focused": True}],
        }
        return await self._interact(4, data, user=user, guild=guild)

    async def click(
        self,
        sent: Sent,
        custom_id: str,
        *,
        user: Payload,
        guild: bool = True,
        guild_id: int | None = None,
    ) -> int:
        """Click the button `custom_id` on a message the bot sent; return the interaction id."""
        message = self._as_message(sent)
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(
            3, data, user=user, guild=guild, message=message, guild_id=guild_id
        )

    async def _interact(
        self,
        kind: int,
        data: Payload,
        *,
        user: Payload,
        guild: bool,
        message: Payload | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        permissions: int = MEMBER_PERMISSIONS,
    ) -> int:
        guild_id = guild_id or self.guild_id
        if channel_id is None:
            channel_id = self.channel_of(guild_id) if guild else int(user["id"]) + 7
        payload = self.interaction_payload(
            kind,
            data,
            user=user,
            guild=guild,
            channel_id=channel_id,
            message=message,
            guild_id=guild_id,
            permissions=permissions,
        )
        await self.dispatch("INTERACTION_CREATE", payload)
        return int(payload["id"])

    def _command_id(self, name: str) -> int:
        for commands in self.synced.values():
            for command in commands:
                if command["name"] == name:
                    return int(command["id"])
        return self.snowflake()

    def _message(self, body: Payload, channel_id: int, *, message_type: int = 0) -> Payload:
        """A message object as Discord returns it, for what the bot sent in `body`."""
        return {
            "id": body.get("id") or str(self.snowflake()),
            "channel_id": str(channel_id),
            "author": self.bot_user,
            "content": body.get("content") or "",
            "timestamp": _now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "pinned": False,
            "type": message_type,
            "flags": int(body.get("flags") or 0),
        }

    def _as_message(self, sent: Sent) -> Payload:
        message = self._message(dict(sent.message), sent.channel_id or self.channel_id)
        message["application_id"] = str(self.application_id)
        return message

    async def wait_for(
        self, predicate: Callable[[Sent], bool] | None = None, *, within: float = 5.0
    ) -> Sent:
        """Wait for (and consume) the next matching payload the bot sends."""

        async def take() -> Sent:
            async with self._changed:
                while (found := self._take(predicate)) is None:
                    await self._changed.wait()
                return found

        return await asyncio.wait_for(take(), within)

    def _take(self, predicate: Callable[[Sent], bool] | None) -> Sent | None:
        for index, sent in enumerate(self.sent):
            if index not in self._consumed and (predicate is None or predicate(sent)):
                self._consumed.add(index)
                return sent
        return None

    async def reply_to(self, interaction_id: int, *, within: float = 5.0) -> Sent:
        """Wait for the callback answering `interaction_id`."""
        return await self.wait_for(
            lambda sent: sent.interaction_id == interaction_id, within=within
        )

    def unseen(self) -> list[Sent]:
        """Return payloads not yet consumed by `wait_for`."""
        return [sent for index, sent in enumerate(self.sent) if index not in self._consumed]

    async def _record(self, sent: Sent) -> None:
        for listener in self.listeners:
            listener(sent)
        async with self._changed:
            self.sent.append(sent)
            self._changed.notify_all()

    # --- faults -----------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        path: str,
        status: int,
        *,
        times: int = 1,
        retry_after: float = 0.0,
        after_commit: bool = False,
        delay: float = 0.0,
    ) -> Fault:
        """Inject a fault on the next `times` requests matching `method` and `path` (a regex)."""
        fault = Fault(method, path, status, times, retry_after, after_commit, delay)
        self.faults.append(fault)
        return fault

    @web.middleware
    async def _inject_faults(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        fault = next((f for f in self.faults if f.matches(request)), None)
        if fault is None:
            response: web.StreamResponse = await handler(request)
            return response
        fault.hits += 1
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 0 or fault.after_commit:
            response = await handler(request)
            if fault.status == 0:
                return response
        return self._fault_response(fault)

    def _fault_response(self, fault: Fault) -> web.Response:
        if fault.status == 429:
            body = {"message": "You are being rate limited.", "retry_after": fault.retry_after}
            headers = JSON | {"Via": "1.1 google", "X-RateLimit-Scope": "user"}
            return web.Response(
                body=json.dumps(body | {"global": False}).encode(), status=429, headers=headers
            )
        if fault.status == 403:
            return self._json({"message": "Missing Permissions", "code": 50013}, 403)
        if fault.status >= 500:
            return web.Response(text=CLOUDFLARE_PAGE, status=fault.status, content_type="text/html")
        return self._json({"message": "fault", "code": 0}, fault.status)

    # --- gateway faults ---------------------------------------------------------------------

    async def _op(self, op: int, data: object = None) -> None:
        for session in list(self.sessions):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await session.socket.send_str(json.dumps({"op": op, "d": data}))

    async def reconnect(self) -> None:
        """Send op 7 RECONNECT: the bot must reconnect and resume."""
        await self._op(GATEWAY_RECONNECT)

    async def invalidate(self) -> None:
        """Send op 9 INVALID SESSION (not resumable): the bot must identify anew."""
        for session in list(self.sessions):
            self.sessions.remove(session)
            with contextlib.suppress(ConnectionError, RuntimeError):
                await session.socket.send_str(
                    json.dumps({"op": GATEWAY_INVALID_SESSION, "d": False})
                )

    async def close(self, code: int) -> None:
        """Close every gateway connection with `code` (4000: resumable; 4009: a new session)."""
        for session in list(self.sessions):
            self.sessions.remove(session)
            with contextlib.suppress(ConnectionError, RuntimeError):
                await session.socket.close(code=code, message=b"closed by the fake")

    def cut_off(self) -> None:
        """Make every open connection half-open: silent, and deaf even to a close frame."""
        for session in self.sessions:
            session.silent = True
            session.half_open.set()

    def go_silent(self) -> None:
        """Turn every open connection into a zombie: no more events, no heartbeat ACKs."""
        for session in self.sessions:
            session.silent = True

    # --- HTTP -------------------------------------------------------------------------------

    @staticmethod
    def _json(data: object, status: int = 200) -> web.Response:
        # discord.py parses a body as JSON only for exactly this Content-Type (no charset).
        return web.Response(body=json.dumps(data).encode(), status=status, headers=JSON)

    def _authorized(self, request: web.Request) -> bool:
        return request.headers.get("Authorization") == f"Bot {self.token}"

    def _unauthorized(self) -> web.Response:
        return self._json({"message": "401: Unauthorized", "code": 0}, 401)

    def _invalid(self, where: str, problems: list[str]) -> web.Response:
        self.violations.extend(f"{where}: {problem}" for problem in problems)
        return self._json(
            {"message": "Invalid Form Body", "code": 50035, "errors": {"_problems": problems}}, 400
        )

    async def _get_gateway(self, request: web.Request) -> web.Response:
        return self._json({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return self._json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_me(self, request: web.Request) -> web.Response:
        self.requests.append(("GET", "/users/@me"))
        if not self._authorized(request):
            return self._unauthorized()
        return self._json(self.bot_user | {"verified": True, "mfa_enabled": False, "flags": 0})

    async def _get_application(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        return self._json(
            {
                "id": str(self.application_id),
                "name": "NewsBot",
                "icon": None,
                "description": "",
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.user(1, "owner"),
                "verify_key": "0" * 64,
                "flags": 0,
                "team": None,
                "interactions_endpoint_url": None,
            }
        )

    def synced_commands(self) -> list[Payload]:
        """The commands last synced globally."""
        return list(self.synced.get("global", []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        guild = request.match_info.get("guild")
        body = await request.json()
        commands = []
        for command in body:
            stored = command | {
                "id": str(self.snowflake()),
                "application_id": str(self.application_id),
                "version": str(self.snowflake()),
            }
            if guild is not None:
                stored["guild_id"] = guild
            commands.append(stored)
        self.synced[f"guild {guild}" if guild else "global"] = commands
        self.requests.append(("PUT", f"commands {guild or 'global'}"))
        return self._json(commands)

    async def _post_message(self, request: web.Request) -> web.Response:
        if not self._authorized(request):
            return self._unauthorized()
        channel_id = int(request.match_info["channel"])
        body = await request.json()
        if channel_id in self.forbidden_channels:
            await self._record(Sent("message", body, channel_id=channel_id, status=403))
            return self._json({"message": "Missing Permissions", "code": 50013}, 403)
        problems = message_problems(body)
        if problems:
            return self._invalid(f"POST /channels/{channel_id}/messages", problems)
        nonce = body.get("nonce")
        key = (channel_id, str(nonce))
        if nonce is not None and body.get("enforce_nonce") and key in self._nonces:
            return self._json(self._nonces[key])  # Discord returns the message already created
        message = self._created_message(body, channel_id)
        if nonce is not None:
            self._nonces[key] = message
        await self._record(Sent("message", message, channel_id=channel_id))
        return self._json(message)

    async def _get_messages(self, request: web.Request) -> web.Response:
        """A channel's history after `after`, newest first, at most `limit` (as Discord)."""
        if not self._authorized(request):
            return self._unauthorized()
        channel_id = int(request.match_info["channel"])
        after = int(request.query.get("after", 0))
        limit = int(request.query.get("limit", 50))
        newer = [m for m in self.history.get(channel_id, []) if int(m["id"]) > after]
        self.requests.append(("GET", f"messages {channel_id}"))
        return self._json(list(reversed(newer))[:limit])

    def _created_message(self, body: Payload, channel_id: int) -> Payload:
        reply = bool(body.get("message_reference"))
        message = self._message({**body, "id": None}, channel_id, message_type=19 if reply else 0)
        message["allowed_mentions"] = body.get("allowed_mentions")
        if body.get("message_reference"):
            message["message_reference"] = body["message_reference"]
        return message

    async def _callback(self, request: web.Request) -> web.Response:
        interaction_id = int(request.match_info["id"])
        body = await request.json()
        created = self._created.get(interaction_id, time.monotonic())
        if time.monotonic() - created > INTERACTION_WINDOW_SECONDS:
            return self._json({"message": "Unknown interaction", "code": 10062}, 404)
        if interaction_id in self._acknowledged:
            refusal = "Interaction has already been acknowledged."
            return self._json({"message": refusal, "code": 40060}, 400)
        kind = body.get("type")
        data = body.get("data") or {}
        where = f"interaction {interaction_id} callback type {kind}"
        if kind == 8:
            problems = choices_problems(data.get("choices") or [])
        elif kind in (4, 7):
            problems = message_problems(data)
        else:
            problems = []
        if problems:
            return self._invalid(where, problems)
        self._acknowledged.add(interaction_id)
        channel_id = None
        if kind in (4, 7):
            data.setdefault("id", str(self.snowflake()))
        await self._record(
            Sent("callback", body, channel_id=channel_id, interaction_id=interaction_id)
        )
        response: Payload = {
            "interaction": {
                "id": str(interaction_id),
                "type": 2,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64),
            }
        }
        if kind in (4, 7):
            message = self._created_message(data, self.channel_id)
            message["id"] = data["id"]
            response["interaction"]["response_message_id"] = message["id"]
            response["resource"] = {"type": kind, "message": message}
        return self._json(response)

    async def _followup(self, request: web.Request) -> web.Response:
        return await self._webhook_message(request, "followup")

    async def _edit(self, request: web.Request) -> web.Response:
        return await self._webhook_message(request, "edit")

    async def _webhook_message(self, request: web.Request, kind: SentKind) -> web.Response:
        """A follow-up or an edit of an interaction response: checked, recorded, echoed."""
        body = await request.json()
        problems = message_problems(body)
        if problems:
            return self._invalid(kind, problems)
        token = request.match_info["token"]
        interaction_id = int(token.rsplit("-", 1)[-1]) if token.startswith("interaction") else None
        message = self._created_message(body, self.channel_id)
        await self._record(Sent(kind, message, interaction_id=interaction_id))
        return self._json(message)

    async def _attachment(self, request: web.Request) -> web.Response:
        filename, content = self.attachments[int(request.match_info["id"])]
        kind = "text/plain" if filename.endswith(".txt") else "text/html"
        return web.Response(body=content, content_type=kind)

    async def _unknown(self, request: web.Request) -> web.Response:
        self.violations.append(f"unexpected request {request.method} {request.path}")
        return self._json({"message": "404: Not Found", "code": 0}, 404)

    # --- gateway ----------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        if not self.accept_gateway:
            return web.Response(text=CLOUDFLARE_PAGE, status=503, content_type="text/html")
        socket = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await socket.prepare(request)
        if request.query.get("v") != "10":
            self.violations.append(f"gateway version {request.query.get('v')!r}, not 10")
        session = _Session(socket=socket, session_id=f"session-{self.snowflake()}")
        await socket.send_str(json.dumps({"op": GATEWAY_HELLO, "d": {"heartbeat_interval": 41250}}))
        try:
            while True:
                receiving = asyncio.ensure_future(socket.receive())
                holding = asyncio.ensure_future(session.half_open.wait())
                await asyncio.wait({receiving, holding}, return_when=asyncio.FIRST_COMPLETED)
                holding.cancel()
                if session.half_open.is_set():
                    # The peer vanished: nothing is read, so a close frame is never answered.
                    receiving.cancel()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(self._stopped.wait(), HALF_OPEN_HOLD_SECONDS)
                    break
                frame = receiving.result()
                if frame.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                    break
                if frame.type == WSMsgType.TEXT:
                    await self._gateway_frame(session, json.loads(frame.data))
        finally:
            if session in self.sessions:
                self.sessions.remove(session)
        return socket

    async def _gateway_frame(self, session: _Session, frame: Payload) -> None:
        op = frame.get("op")
        if session.silent:
            return
        if op == GATEWAY_HEARTBEAT:
            await session.socket.send_str(json.dumps({"op": GATEWAY_HEARTBEAT_ACK}))
        elif op == GATEWAY_IDENTIFY:
            await self._identify(session, frame["d"])
        elif op == GATEWAY_RESUME:
            self.sessions.append(session)
            await self._send_dispatch(session, "RESUMED", {})

    async def _identify(self, session: _Session, data: Payload) -> None:
        self.identify_payloads.append(data)
        if data.get("token") != self.token:
            await session.socket.close(code=4004, message=b"Authentication failed.")
            return
        shard = data.get("shard")
        session.shard = (int(shard[0]), int(shard[1])) if shard else None
        owned = [
            guild_id
            for guild_id in self.guild_ids
            if session.shard is None or (guild_id >> 22) % session.shard[1] == session.shard[0]
        ]
        ready: Payload = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(guild_id), "unavailable": True} for guild_id in owned],
            "session_id": session.session_id,
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
        }
        if shard:
            ready["shard"] = shard
        self.sessions.append(session)
        await self._send_dispatch(session, "READY", ready)
        for guild_id in owned:
            await self._send_dispatch(session, "GUILD_CREATE", self.guild_payload(guild_id))
        self.connected.set()
        async with self._changed:
            self._changed.notify_all()

    async def wait_sessions(self, count: int, *, within: float = 10.0) -> None:
        """Wait until `count` gateway sessions (shards) have identified."""
        async with self._changed:
            await asyncio.wait_for(
                self._changed.wait_for(lambda: len(self.sessions) >= count), within
            )

    async def _send_dispatch(self, session: _Session, event: str, data: Payload) -> None:
        if session.silent:
            return
        async with session.lock:
            session.sequence += 1
            frame = {"op": GATEWAY_DISPATCH, "t": event, "s": session.sequence, "d": data}
            with contextlib.suppress(ConnectionError, RuntimeError):
                await session.socket.send_str(json.dumps(frame))
