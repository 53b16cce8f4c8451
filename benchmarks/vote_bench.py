"""A moderator adds an article by URL; then 50 users click 👍 / 👎 1,000 times.

The bot runs as `python -m bot run` would (its own process, configured by the environment);
this process plays Discord. A moderator first adds an article by URL (from a local web server):
reported are the seconds to the first response, to the "Added" reply, and to the first answer
from the article. Then the bot posts a few answers, then 50 concurrent users each click the
vote buttons of random answers, changing their minds now and then. With `--restart`, the bot
is stopped with SIGTERM halfway and started again while the users keep clicking. At the end the
database is read: every acknowledged vote must be there, as the user's last acknowledged
choice, once. Reported: clicks answered within Discord's 3 s, latency percentiles, and what
the database holds against what was acknowledged.

    .venv/bin/python -m benchmarks.vote_bench
    .venv/bin/python -m benchmarks.vote_bench --restart
    .venv/bin/python -m benchmarks.vote_bench --database-url postgresql+asyncpg://…
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Final

from storage import Store, database_url
from tests.bot.conftest import TOKEN, ArticlePages
from tests.bot.fake_discord import MANAGE_GUILD, FakeDiscord, Payload, Sent

ROOT: Final = Path(__file__).resolve().parents[1]
QUESTIONS: Final = (
    "How many North Korean soldiers are in Kursk?",
    "Who is Antony Blinken?",
    "What did Blinken say about combat?",
    "Where is Kursk?",
    "When did Ukraine attack Kursk?",
    "What is the weather in Paris?",
)
WINDOW_SECONDS: Final = 3.0
DEAL_QUESTION: Final = "how much is northwind paying per halden share?"


async def start_bot(fake: FakeDiscord, state: Path, url: str | None) -> asyncio.subprocess.Process:
    env = os.environ | {
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_API_BASE": fake.api_base,
        "COMMAND_SYNC_STATE": str(state / "sync.json"),
        "DATA_DIR": str(state / "data"),
        "COOLDOWN_RATE": "1000000",
        "LOG_LEVEL": "WARNING",
        "ALLOW_PRIVATE_URLS": "true",  # the article comes from a web server on loopback
        "PYTHONPATH": str(ROOT),
        "PYTHONWARNINGS": "ignore::DeprecationWarning",
    }
    if url:
        env["DATABASE_URL"] = url
    fake.connected.clear()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=state, env=env
    )
    await asyncio.wait_for(fake.connected.wait(), 60)
    return process


async def stop_bot(process: asyncio.subprocess.Process) -> int:
    process.send_signal(signal.SIGTERM)
    return await asyncio.wait_for(process.wait(), 15)


class Clicks:
    """What the users clicked and what Discord (the fake) saw acknowledged."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.late = 0
        self.failed = 0
        self.acknowledged: dict[tuple[int, int], str] = {}
        """(message id, user id) -> the last vote acknowledged."""
        self.unacknowledged: set[tuple[int, int]] = set()


async def click(fake: FakeDiscord, clicks: Clicks, answer: Sent, user: Payload, vote: str) -> None:
    custom_id = next(
        b["custom_id"] for b in answer.buttons if b["custom_id"].startswith(f"nb:fb:{vote}")
    )
    key = (int(answer.message["id"]), int(user["id"]))
    start = time.perf_counter()
    interaction = await fake.click(answer, custom_id, user=user)
    try:
        reply = await fake.reply_to(interaction, within=10)
    except TimeoutError:
        clicks.failed += 1
        clicks.unacknowledged.add(key)
        return
    took = time.perf_counter() - start
    clicks.latencies.append(took)
    if reply.status != 200 or took > WINDOW_SECONDS:
        clicks.late += took > WINDOW_SECONDS
        clicks.unacknowledged.add(key)
        return
    clicks.acknowledged[key] = vote
    clicks.unacknowledged.discard(key)


async def add_an_article(fake: FakeDiscord, moderator: Payload) -> None:
    """Add the deal article by URL as a moderator; print how long each step took."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ArticlePages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/deal.html"
    try:
        start = time.perf_counter()
        interaction = await fake.slash(
            "article add", {"url": url}, user=moderator, permissions=MANAGE_GUILD
        )
        first = await fake.reply_to(interaction, within=10)
        deferred = time.perf_counter() - start
        await fake.wait_for(
            lambda sent: (
                sent.kind == "edit"
                and sent.interaction_id == interaction
                and sent.content.startswith(("Added", "Not added"))
            ),
            within=60,
        )
        added = time.perf_counter() - start
        asked = await fake.slash("ask", {"question": DEAL_QUESTION}, user=moderator)
        answer = await fake.reply_to(asked, within=10)
        answered = time.perf_counter() - start
    finally:
        httpd.shutdown()
        httpd.server_close()
    how = "deferred" if first.payload["type"] == 5 else "not deferred"
    verdict = "right" if "38.50" in answer.text else "WRONG"
    print(
        f"article by URL: first response ({how}) after {deferred:.2f} s, added after "
        f"{added:.2f} s, answered from it after {answered:.2f} s ({verdict})"
    )


async def run(args: argparse.Namespace) -> tuple[Clicks, dict[int, dict[str, int]], float, int]:
    """Play the load; return the clicks, the votes stored per answer, seconds, violations."""
    rng = random.Random(7)
    fake = FakeDiscord(token=TOKEN)
    await fake.start()
    clicks = Clicks()
    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder)
        bot = await start_bot(fake, state, args.database_url)
        asker = FakeDiscord.user(500_000_000_000_000_000, "asker")
        await add_an_article(fake, asker)
        answers = []
        for question in QUESTIONS:
            interaction = await fake.slash("ask", {"question": question}, user=asker)
            answers.append(await fake.reply_to(interaction, within=10))
        users = [
            FakeDiscord.user(510_000_000_000_000_000 + n, f"voter{n}") for n in range(args.users)
        ]
        per_user = args.votes // args.users
        halfway = asyncio.Event()
        done = 0
        started = time.perf_counter()

        async def voter(user: Payload) -> None:
            nonlocal done
            for _ in range(per_user):
                await click(fake, clicks, rng.choice(answers), user, rng.choice(("up", "down")))
                done += 1
                if done >= args.votes // 2:
                    halfway.set()

        async def restarter() -> None:
            nonlocal bot
            await halfway.wait()
            code = await stop_bot(bot)
            print(f"stopped halfway with SIGTERM: exit code {code}")
            bot = await start_bot(fake, state, args.database_url)

        tasks = [voter(user) for user in users]
        if args.restart:
            tasks.append(restarter())
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
        await stop_bot(bot)
        url = args.database_url or database_url(state / "data", None)
        store = await Store.open(url)
        stored: dict[int, dict[str, int]] = {}
        for answer in answers:
            stored[int(answer.message["id"])] = await store.votes_on(int(answer.message["id"]))
        await store.close()
    await fake.stop()
    return clicks, stored, elapsed, len(fake.violations)


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--votes", type=int, default=1000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--restart", action="store_true", help="SIGTERM and restart halfway")
    parser.add_argument("--database-url", default=None, help="PostgreSQL instead of SQLite")
    args = parser.parse_args()
    clicks, stored, elapsed, violations = await run(args)
    expected: dict[int, dict[str, int]] = {m: {"up": 0, "down": 0} for m in stored}
    for (message_id, _user), vote in clicks.acknowledged.items():
        if (message_id, _user) not in clicks.unacknowledged:
            expected[message_id][vote] += 1
    rows = sum(sum(counts.values()) for counts in stored.values())
    sure = sum(sum(counts.values()) for counts in expected.values())
    # A pair whose last click was not acknowledged may hold either choice; the others must match.
    uncertain = len(clicks.unacknowledged)
    mismatched = sum(abs(stored[m][v] - expected[m][v]) for m in stored for v in ("up", "down"))
    latencies = clicks.latencies
    print(
        f"{len(latencies) + clicks.failed} clicks by {args.users} users in {elapsed:.1f} s "
        f"({(len(latencies)) / elapsed:,.0f} clicks/s), restart: {args.restart}, "
        f"database: {'PostgreSQL' if args.database_url else 'SQLite'}"
    )
    if latencies:
        ordered = sorted(latencies)
        print(
            f"latency p50 {statistics.median(ordered) * 1000:.1f} ms, "
            f"p95 {ordered[int(0.95 * len(ordered))] * 1000:.1f} ms, "
            f"p99 {ordered[int(0.99 * len(ordered))] * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.1f} ms"
        )
    print(
        f"answered within 3 s: {len(latencies) - clicks.late}; late: {clicks.late}; "
        f"unanswered: {clicks.failed}"
    )
    print(
        f"votes stored: {rows} (one per user and answer); acknowledged last choices: {sure}; "
        f"pairs whose last click was not acknowledged: {uncertain}; "
        f"differences: {mismatched}"
    )
    ok = mismatched <= uncertain and rows <= sure + uncertain and not violations
    print("every acknowledged vote stored once:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
