"""What operators can see: Prometheus metrics, liveness and readiness over HTTP.

The counters always exist (they cost a few nanoseconds per answer); the HTTP endpoint is served
only when `METRICS_PORT` is set. `/metrics` is Prometheus' text format, `/livez` answers while
the process runs its event loop, and `/readyz` answers 200 only while the gateway is connected
and the knowledge base is loaded (a load balancer or orchestrator routes and restarts on these).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Final

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

log = logging.getLogger(__name__)

# Answers take well under a millisecond to compute; sending them takes tens of milliseconds.
_LATENCY_BUCKETS: Final = (0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """The bot's counters, in a registry of their own (so several bots can run in one process)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        registry = self.registry
        self.questions = Counter(
            "newsbot_questions", "Questions received", ["surface"], registry=registry
        )
        self.answers = Counter(
            "newsbot_answers", "Questions answered with a citation", [], registry=registry
        )
        self.declines = Counter("newsbot_declines", "Questions declined", [], registry=registry)
        self.errors = Counter("newsbot_errors", "Failures by kind", ["kind"], registry=registry)
        self.rest_retries = Counter(
            "newsbot_rest_retries",
            "REST requests retried after a transient error",
            ["reason"],
            registry=registry,
        )
        self.reconnects = Counter(
            "newsbot_gateway_reconnects", "Gateway reconnections", ["how"], registry=registry
        )
        self.gap_seconds = Counter(
            "newsbot_gateway_gap_seconds",
            "Seconds without a gateway connection; events in a new session's gap are lost",
            ["how"],
            registry=registry,
        )
        self.missed = Counter(
            "newsbot_gateway_gap_questions",
            "Questions sent during a new session's gap, which Discord never delivered",
            [],
            registry=registry,
        )
        self.drained = Counter(
            "newsbot_shutdown_drained", "Answers finished during a shutdown", [], registry=registry
        )
        self.abandoned = Counter(
            "newsbot_shutdown_abandoned",
            "Answers given up at the shutdown deadline",
            [],
            registry=registry,
        )
        self.latency = Histogram(
            "newsbot_answer_latency_seconds",
            "From receiving a question to Discord accepting the reply",
            buckets=_LATENCY_BUCKETS,
            registry=registry,
        )

    def exposition(self) -> bytes:
        """Return every metric in Prometheus' text format."""
        return generate_latest(self.registry)


class HealthServer:
    """`/metrics`, `/livez` and `/readyz` on one port, inside the bot's event loop."""

    def __init__(self, metrics: Metrics, *, ready: Callable[[], bool]) -> None:
        self.metrics = metrics
        self.ready = ready
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def start(self, host: str, port: int) -> None:
        """Listen on `host`:`port` (0 picks a free port, kept in `self.port`)."""
        app = web.Application()
        app.add_routes(
            [
                web.get("/metrics", self._metrics),
                web.get("/livez", self._live),
                web.get("/readyz", self._ready),
            ]
        )
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        # The port actually bound (the one asked for may have been 0).
        self.port = next(
            (address[1] for address in self._runner.addresses if isinstance(address, tuple)),
            port,
        )
        log.info("metrics and health checks on http://%s:%d/metrics", host, self.port)

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _metrics(self, request: web.Request) -> web.Response:
        return web.Response(
            body=self.metrics.exposition(), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    async def _live(self, request: web.Request) -> web.Response:
        return web.Response(text="live\n")

    async def _ready(self, request: web.Request) -> web.Response:
        if self.ready():
            return web.Response(text="ready\n")
        return web.Response(text="not ready\n", status=503)
