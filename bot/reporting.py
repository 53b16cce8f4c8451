"""The curation report: what readers asked that the bot declined, and what they marked 👎.

Shared by `python -m bot kb report` and the moderators' `/article report`: the declined
questions grouped by similarity (largest group first) with the fact each came nearest and the
one-line edit that would make the engine answer it, then the facts with the most 👎.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from typing import Final

from knowledge import Engine
from knowledge.curating import (
    Cluster,
    cluster_questions,
    nearest_fact,
    question_words,
    suggest_edit,
)
from storage import FactVotes, Store

MAX_GROUPS: Final = 10
MAX_FACTS: Final = 5
_SHOWN_PER_GROUP: Final = 3
_QUESTION_CHARS: Final = 150
_EDIT_CHARS: Final = 300
_MORE_ROOM: Final = 40


async def report_text(
    store: Store,
    engine: Engine,
    *,
    guild_id: int | None = None,
    article: str | None = None,
    days: int | None = None,
    limit: int | None = None,
    shown: Callable[[str], str] = str,
) -> str:
    """The report for one server (None: all of them) and article, over the last `days`.

    Args:
        store: The database.
        engine: The engine of the server's articles (suggested edits are checked on it).
        guild_id: One server, or None for every server and DMs.
        article: One article, or None for all.
        days: How far back, or None for everything kept.
        limit: At most this many characters (whole groups are left out, never the 👎 facts).
        shown: How a reader's question is shown (escaped, in Discord).
    """
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days) if days else None
    declines = await store.declines(guild_id=guild_id, article=article, since=since)
    votes = await store.fact_votes(guild_id=guild_id, article=article, since=since)
    # Grouping and checking edits builds engines: seconds of CPU, kept off the event loop.
    return await asyncio.to_thread(
        _render, engine, [d.question for d in declines], votes, days=days, limit=limit, shown=shown
    )


def _render(
    engine: Engine,
    questions: list[str],
    votes: list[FactVotes],
    *,
    days: int | None,
    limit: int | None,
    shown: Callable[[str], str],
) -> str:
    period = f"in the last {days} days" if days else "so far"
    head = f"Unanswered questions {period}: {len(questions)}"
    disliked = [vote for vote in votes if vote.down > 0][:MAX_FACTS]
    tail = ["", "Facts with the most 👎:" if disliked else "No answer was marked 👎."]
    tail += [f"• {vote.fact_id}: {vote.down} 👎, {vote.up} 👍" for vote in disliked]
    groups = cluster_questions(questions, processor=question_words(engine))
    blocks: list[str] = []
    budget = (limit or 10**9) - len(head) - len("\n".join(tail)) - _MORE_ROOM
    for number, group in enumerate(groups[:MAX_GROUPS], start=1):
        block = _group(engine, number, group, shown)
        if len(block) + 1 > budget:
            break
        blocks.append(block)
        budget -= len(block) + 1
    if len(groups) > len(blocks):
        blocks.append(f"… and {len(groups) - len(blocks)} more groups")
    return "\n".join([head, *blocks, *tail])


def _group(engine: Engine, number: int, group: Cluster, shown: Callable[[str], str]) -> str:
    """One group of the report: how often, its questions, nearest fact and suggested edit."""
    representative = group.representative
    lines = ["", f"{number}. asked {group.count}× — “{shown(_short(representative))}”"]
    others = [asked.question for asked in group.questions[1:_SHOWN_PER_GROUP]]
    if others:
        lines.append("   also: " + "; ".join(f"“{shown(_short(q))}”" for q in others))
    near = nearest_fact(engine, representative)
    if near is not None:
        lines.append(f"   nearest fact: {near[0]} (score {near[1]:.2f})")
    edit = suggest_edit(engine, representative)
    if edit is not None:
        # The edit quotes the reader's question: shown as any reader's text is.
        lines.append(f"   edit: {shown(_short(edit.line(), _EDIT_CHARS))}")
    elif near is None:
        lines.append("   no fact comes near: the article may not cover this")
    return "\n".join(lines)


def _short(text: str, limit: int = _QUESTION_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
