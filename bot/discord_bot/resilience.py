"""Getting through Discord's bad minutes: REST retries, quick interaction replies, a watchdog.

discord.py retries 429 and 500/502/504 itself, but not 503, connection errors or timeouts,
and its schedule (1 s, then 3 s more) outlives an interaction's 3-second window. This module
adds what it lacks, without replacing its rate-limit handling:

- `install_rest_retries` retries transient failures of REST requests with capped exponential
  back-off and jitter: for minutes until the bot is ready (a bad minute at start-up is
  survived, while a wrong `DISCORD_API_BASE` still ends in a clear error), a few times after.
  A POST is retried only when it carries a nonce, which Discord enforces, so a retry after an
  error whose message was in fact created cannot post it twice.
- `QuickInteractionAdapter` answers interaction callbacks with retries that fit the window.
- `GatewayWatchdog` probes a gateway that went quiet with an early heartbeat and reconnects
  when no ACK comes, so a "zombie" connection costs at most about 30 s instead of a minute.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable
from typing import Any, Final

import aiohttp
import discord
from discord.http import HTTPClient, Route
from discord.utils import _to_json
from discord.webhook.async_ import AsyncWebhookAdapter

from bot.discord_bot.monitoring import Metrics

log = logging.getLogger(__name__)

TRANSIENT_STATUSES: Final = frozenset({500, 502, 503, 504, 520, 521, 522, 524})
# Discord's code for "this interaction has already been acknowledged".
ALREADY_ACKNOWLEDGED: Final = 40060
# After the bot is ready a request is retried this many times; before, for a time budget.
RETRIES_WHEN_READY: Final = 4
# An interaction must be answered within 3 s of being created; keep a margin for the network.
INTERACTION_WINDOW_SECONDS: Final = 2.6
_QUICK_DELAYS: Final = (0.15, 0.3, 0.5, 0.5, 0.5)


class OneLineReconnects(logging.Filter):
    """Turns discord.py's "Attempting a reconnect" traceback into one WARNING line.

    During an outage discord.py logs every failed reconnect at ERROR with a full traceback; an
    operator needs the reason and the delay, once per attempt.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Keep the record, shortened when it is a reconnect attempt."""
        if record.getMessage().startswith("Attempting a reconnect") and record.exc_info:
            error = record.exc_info[1]
            reason = f"{type(error).__name__}: {error}" if error else "unknown"
            record.msg = f"{record.getMessage()} after {reason[:200]}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def quiet_reconnect_tracebacks() -> None:
    """Install `OneLineReconnects` on discord.py's client and shard loggers (once)."""
    for name in ("discord.client", "discord.shard"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLineReconnects) for f in logger.filters):
            logger.addFilter(OneLineReconnects())


class Backoff:
    """Capped exponential back-off with jitter: `base`, 2x`base`, ... never above `cap`."""

    def __init__(self, base: float = 0.5, cap: float = 30.0) -> None:
        self.base = base
        self.cap = cap

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number `attempt` (1-based), jittered to 50-100 %."""
        ceiling: float = min(self.cap, self.base * 2.0 ** (attempt - 1))
        return ceiling * random.uniform(0.5, 1.0)


def transient_reason(error: BaseException) -> str | None:
    """Return why `error` is worth retrying ("503", "connection", "timeout"), else None."""
    if isinstance(error, discord.HTTPException):
        return str(error.status) if error.status in TRANSIENT_STATUSES else None
    if isinstance(error, (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError)):
        return "connection"
    if isinstance(error, TimeoutError):
        return "timeout"
    if isinstance(error, ConnectionError):
        return "connection"
    return None


def _idempotent(route: Route, kwargs: dict[str, Any]) -> bool:
    """True when sending `route` again cannot do twice what it did once."""
    if route.method in {"GET", "PUT", "PATCH", "DELETE", "HEAD"}:
        return True
    payload = kwargs.get("json")
    return isinstance(payload, dict) and bool(payload.get("nonce"))


def install_rest_retries(
    http: HTTPClient,
    *,
    metrics: Metrics,
    ready: Callable[[], bool],
    startup_budget: float,
    backoff: Backoff | None = None,
) -> None:
    """Make `http` retry transient failures of idempotent requests (see the module docstring).

    Args:
        http: The bot's discord.py HTTP client.
        metrics: Where retries are counted.
        ready: True once the bot is ready; until then a request is retried for up to
            `startup_budget` seconds.
        startup_budget: Seconds a request keeps being retried before the bot is ready.
        backoff: The retry schedule (the default starts at 0.5 s and caps at 30 s).
    """
    schedule = backoff or Backoff()
    original = http.request

    async def request(route: Route, **kwargs: Any) -> Any:
        attempt = 0
        started = time.monotonic()
        while True:
            try:
                return await original(route, **kwargs)
            except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as error:
                reason = transient_reason(error)
                if ready():
                    limited = attempt >= RETRIES_WHEN_READY
                else:
                    limited = time.monotonic() - started >= startup_budget
                if reason is None or limited or not _idempotent(route, kwargs):
                    raise
                attempt += 1
                delay = schedule.delay(attempt)
                metrics.rest_retries.labels(reason).inc()
                # One line per attempt and never a response body (Cloudflare sends a whole page).
                log.warning(
                    "Discord %s %s failed (%s); retry %d in %.1f s",
                    route.method,
                    route.path,
                    reason,
                    attempt,
                    delay,
                )
                await asyncio.sleep(delay)

    http.request = request  # type: ignore[method-assign]


class QuickInteractionAdapter(AsyncWebhookAdapter):
    """discord.py's webhook adapter, with interaction callbacks retried inside their window.

    A callback that failed may still have reached Discord: a retry then gets "already
    acknowledged", which means the first attempt was delivered.
    """

    def __init__(self, metrics: Metrics) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # discord.py leaves it untyped
        self.metrics = metrics

    async def request(self, route: Any, session: aiohttp.ClientSession, **kwargs: Any) -> Any:
        """Send one request; interaction callbacks with a JSON body take the quick path."""
        quick = route.path.endswith("/callback") and not kwargs.get("multipart")
        if not quick or kwargs.get("files"):
            return await super().request(route, session, **kwargs)
        return await self._callback(route, session, **kwargs)

    @staticmethod
    def _deadline(interaction_id: int) -> float:
        """When the window to answer this interaction closes, on the monotonic clock.

        Measured from the interaction's creation (its id holds the time), not from this
        attempt: the event may have waited in a queue. A clock that disagrees with Discord's
        by more than the window is not trusted past half a second either way.
        """
        now = time.monotonic()
        created = discord.utils.snowflake_time(interaction_id).timestamp()
        left = created + INTERACTION_WINDOW_SECONDS - time.time()
        return now + min(INTERACTION_WINDOW_SECONDS, max(0.5, left))

    async def _callback(
        self,
        route: Any,
        session: aiohttp.ClientSession,
        *,
        payload: dict[str, Any] | None = None,
        proxy: str | None = None,
        proxy_auth: aiohttp.BasicAuth | None = None,
        params: dict[str, Any] | None = None,
        **_: Any,
    ) -> Any:
        deadline = self._deadline(int(route.webhook_id))
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        body = _to_json(payload) if payload is not None else None
        attempt = 0
        while True:
            reason: str
            try:
                async with session.request(
                    route.method,
                    route.url,
                    data=body,
                    headers=headers,
                    params=params,
                    proxy=proxy,
                    proxy_auth=proxy_auth,
                ) as response:
                    data = await discord.http.json_or_text(response)
                    if 200 <= response.status < 300:
                        return data
                    code = data.get("code") if isinstance(data, dict) else None
                    if attempt and response.status == 400 and code == ALREADY_ACKNOWLEDGED:
                        # An earlier attempt got through; discord.py reads the interaction id.
                        return {"interaction": {"id": str(route.webhook_id), "type": 2}}
                    if response.status == 429 and isinstance(data, dict):
                        reason = "429"
                        wait = float(data.get("retry_after", 0.5))
                    elif response.status in TRANSIENT_STATUSES:
                        reason = str(response.status)
                        wait = _QUICK_DELAYS[min(attempt, len(_QUICK_DELAYS) - 1)]
                    elif response.status == 403:
                        raise discord.Forbidden(response, data)
                    elif response.status == 404:
                        raise discord.NotFound(response, data)
                    else:
                        raise discord.HTTPException(response, data)
                    failure: BaseException = discord.DiscordServerError(response, data)
            except (aiohttp.ClientConnectionError, TimeoutError) as error:
                reason, wait, failure = "connection", _QUICK_DELAYS[0], error
            left = deadline - time.monotonic()
            if left <= 0:
                raise failure
            attempt += 1
            # Callbacks do not count against the bot's rate limits; a wait past the window
            # would lose the answer for certain, so the last try comes just inside it.
            wait = min(wait, left)
            self.metrics.rest_retries.labels(reason).inc()
            log.warning(
                "interaction callback failed (%s); retry %d in %.2f s", reason, attempt, wait
            )
            await asyncio.sleep(wait)


class GatewayWatchdog:
    """Reconnects a gateway connection that stopped answering heartbeats.

    discord.py checks for silence only once per heartbeat interval (41 s on Discord), so a dead
    connection goes unnoticed for up to a minute or more. A connection quiet for `probe_after`
    seconds gets an early heartbeat (Discord allows one at any time); with no ACK within
    `ack_within` seconds it is closed, and discord.py resumes the session on a fresh one.
    """

    def __init__(
        self,
        sockets: Callable[[], list[Any]],
        metrics: Metrics,
        *,
        probe_after: float = 15.0,
        ack_within: float = 10.0,
        every: float = 2.0,
    ) -> None:
        self.sockets = sockets
        self.metrics = metrics
        self.probe_after = probe_after
        self.ack_within = ack_within
        self.every = every
        self._probed: dict[int, float] = {}
        self._closing: set[asyncio.Task[None]] = set()

    async def run(self) -> None:
        """Watch every connection until cancelled."""
        while True:
            await asyncio.sleep(self.every)
            for socket in self.sockets():
                try:
                    await self._check(socket)
                except Exception:  # a watchdog must outlive any one odd connection state
                    log.debug("watchdog check failed", exc_info=True)

    async def _check(self, socket: Any) -> None:
        keep_alive = getattr(socket, "_keep_alive", None)
        if socket is None or keep_alive is None or not socket.open:
            self._probed.pop(id(socket), None)
            return
        now = time.perf_counter()
        silent = now - keep_alive._last_recv
        probed = self._probed.get(id(socket))
        if probed is not None and keep_alive._last_recv >= probed:
            del self._probed[id(socket)]  # the probe was answered
            return
        if probed is None:
            if silent >= self.probe_after:
                self._probed[id(socket)] = now
                # beat() marks the send time, so discord.py measures the ACK's latency right.
                await socket.send_heartbeat(keep_alive.beat())
            return
        if now - probed >= self.ack_within:
            del self._probed[id(socket)]
            self.metrics.reconnects.labels("silent").inc()
            log.warning(
                "the gateway has been silent for %.0f s (no heartbeat ACK); reconnecting",
                silent,
            )
            # Closing a dead connection can wait long for its handshake: not in this loop,
            # which watches the other shards too.
            task = asyncio.create_task(socket.close(4000), name="close-silent-gateway")
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
