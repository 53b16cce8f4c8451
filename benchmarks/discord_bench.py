"""Full-stack Discord benchmark: the real bot process against the fake Discord over loopback.

The bot runs as `python -m bot` would run it (`run_discord`, in its own process, configured only
through the environment with DISCORD_API_BASE pointing at the fake). This process plays Discord:
20 concurrent askers each send a question (a DM MESSAGE_CREATE, or an /ask INTERACTION_CREATE)
and wait for the bot's reply before asking again. Reported: replies per second, p50/p95/p99
latency from dispatch to the reply arriving at the fake REST API, and the bot process's CPU time
per answered question (from /proc, so Linux only).

    .venv/bin/python -m benchmarks.discord_bench                # both surfaces
    .venv/bin/python -m benchmarks.discord_bench --surface dm --questions 5000
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

from tests.bot.conftest import TOKEN
from tests.bot.fake_discord import FakeDiscord, Payload, Sent

ROOT: Final = Path(__file__).resolve().parents[1]
QUESTIONS: Final = (
    "How many North Korean soldiers are in Kursk?",
    "how many nk troops are in russia",
    "Who is Antony Blinken?",
    "What did Blinken say about combat?",
    "What are North Korean soldiers trained in?",
    "Where is Kursk?",
    "What is the weather in Paris?",
    "Who won the football match?",
    "When did Ukraine attack Kursk?",
    "Why are people worried?",
)
BOT_CODE: Final = (
    "import logging, os, sys\n"
    "logging.basicConfig(level=logging.WARNING)\n"
    "from bot.settings import Settings\n"
    "from bot.discord_bot.discord_app import run_discord\n"
    "profile = os.environ.get('BENCH_PROFILE')\n"
    "if profile:\n"
    "    import cProfile\n"
    "    cProfile.run('code = run_discord(Settings())', profile)\n"
    "    sys.exit(code)\n"
    "sys.exit(run_discord(Settings()))\n"
)


def cpu_seconds(pid: int) -> float:
    """Return user + system CPU seconds used so far by process `pid` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


class Timer:
    """Match replies to questions as they reach the fake."""

    def __init__(self) -> None:
        self.pending: dict[str, asyncio.Future[float]] = {}

    def expect(self, key: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.pending[key] = future
        return future

    def __call__(self, sent: Sent) -> None:
        reference = sent.payload.get("message_reference") or {}
        key = str(reference.get("message_id") or sent.interaction_id)
        future = self.pending.pop(key, None)
        if future is not None and not future.done():
            future.set_result(time.perf_counter())


async def ask_dm(fake: FakeDiscord, timer: Timer, user: Payload, question: str) -> float:
    payload = fake.message_payload(
        question, author=user, channel_id=int(user["id"]) + 7, guild=False
    )
    arrived = timer.expect(str(payload["id"]))
    start = time.perf_counter()
    await fake.dispatch("MESSAGE_CREATE", payload)
    return await asyncio.wait_for(arrived, 10) - start


async def ask_slash(fake: FakeDiscord, timer: Timer, user: Payload, question: str) -> float:
    data = {
        "id": "1",
        "name": "ask",
        "type": 1,
        "options": [{"name": "question", "type": 3, "value": question}],
    }
    channel_id = int(user["id"]) + 7
    payload = fake.interaction_payload(2, data, user=user, guild=False, channel_id=channel_id)
    arrived = timer.expect(str(payload["id"]))
    start = time.perf_counter()
    await fake.dispatch("INTERACTION_CREATE", payload)
    return await asyncio.wait_for(arrived, 10) - start


async def run_load(
    fake: FakeDiscord, timer: Timer, surface: str, total: int, askers: int
) -> tuple[list[float], float]:
    ask = ask_dm if surface == "dm" else ask_slash
    counter = itertools.count()
    latencies: list[float] = []
    users = [FakeDiscord.user(600_000_000_000_000_000 + n, f"asker{n}") for n in range(askers)]

    async def asker(user: Payload, offset: int) -> None:
        for n in itertools.count(offset):
            if next(counter) >= total:
                return
            latencies.append(await ask(fake, timer, user, QUESTIONS[n % len(QUESTIONS)]))

    start = time.perf_counter()
    await asyncio.gather(*(asker(user, index) for index, user in enumerate(users)))
    return latencies, time.perf_counter() - start


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--surface", choices=["dm", "slash", "both"], default="both")
    parser.add_argument("--questions", type=int, default=4000, help="per surface")
    parser.add_argument("--askers", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--profile", type=Path, help="write a cProfile of the bot process here")
    args = parser.parse_args()

    fake = FakeDiscord(token=TOKEN)
    await fake.start()
    timer = Timer()
    fake.listeners.append(timer)
    with tempfile.TemporaryDirectory() as state:
        env = os.environ | {
            "DISCORD_TOKEN": TOKEN,
            "DISCORD_API_BASE": fake.api_base,
            "COMMAND_SYNC_STATE": str(Path(state) / "sync.json"),
            "COOLDOWN_RATE": "1000000",
            "PYTHONPATH": str(ROOT),
            "PYTHONWARNINGS": "ignore::DeprecationWarning",
        }
        if args.profile is not None:
            env["BENCH_PROFILE"] = str(args.profile.resolve())
        bot = await asyncio.create_subprocess_exec(
            sys.executable, "-c", BOT_CODE, cwd=state, env=env
        )
        try:
            await asyncio.wait_for(fake.connected.wait(), 60)
            surfaces = ["dm", "slash"] if args.surface == "both" else [args.surface]
            rows = []
            for surface in surfaces:
                await run_load(fake, timer, surface, args.warmup, args.askers)
                fake.sent.clear()
                cpu_before, fake_before = cpu_seconds(bot.pid), time.process_time()
                latencies, elapsed = await run_load(
                    fake, timer, surface, args.questions, args.askers
                )
                cpu = cpu_seconds(bot.pid) - cpu_before
                fake_cpu = time.process_time() - fake_before
                rows.append((surface, len(latencies), elapsed, latencies, cpu, fake_cpu))
                fake.sent.clear()
        finally:
            bot.terminate()
            code = await bot.wait()
            await fake.stop()
    print(f"bot exit code after SIGTERM: {code}; payload violations: {len(fake.violations)}")
    print(
        f"{args.askers} concurrent askers, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print()
    print(
        "| surface | replies | replies/s | p50 ms | p95 ms | p99 ms "
        "| bot CPU ms/reply | fake CPU ms/reply |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for surface, count, elapsed, latencies, cpu, fake_cpu in rows:
        name = "DM message" if surface == "dm" else "/ask interaction"
        print(
            f"| {name} | {count} | {count / elapsed:,.0f} | "
            f"{statistics.median(latencies) * 1000:.1f} | "
            f"{percentile(latencies, 0.95) * 1000:.1f} | "
            f"{percentile(latencies, 0.99) * 1000:.1f} | {cpu / count * 1000:.2f} | "
            f"{fake_cpu / count * 1000:.2f} |"
        )
    return 1 if fake.violations else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
