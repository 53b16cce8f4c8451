"""The curation report: what readers asked that the bot declined, and what they marked 👎.

Shared by `python -m bot kb report` and the moderators' `/article report`: the declined
questions grouped by similarity (largest group first) with the fact each came nearest and the
one-line edit that would make the engine answer it, then the facts with the most 👎.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Final

from knowledge import Engine
from knowledge.curating import cluster_questions, nearest_fact, question_words, suggest_edit
from storage import FactVotes, Store

MAX_GROUPS: Final = 10
MAX_FACTS: Final = 5
_SHOWN_PER_GROUP: Final = 3


async def report_text(
    store: Store,
    engine: Engine,
    *,
    guild_id: int | None = None,
    article: str | None = None,
    days: int | None = None,
) -> str:
    """The report for one server (None: all of them) and article, over the last `days`."""
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=days) if days else None
    declines = await store.declines(guild_id=guild_id, article=article, since=since)
    votes = await store.fact_votes(guild_id=guild_id, article=article, since=since)
    # Grouping and checking edits builds engines: seconds of CPU, kept off the event loop.
    return await asyncio.to_thread(
        _render, engine, [d.question for d in declines], votes, days=days
    )


def _render(
    engine: Engine, questions: list[str], votes: list[FactVotes], *, days: int | None
) -> str:
    period = f"in the last {days} days" if days else "so far"
    lines = [f"Unanswered questions {period}: {len(questions)}"]
    groups = cluster_questions(questions, processor=question_words(engine))
    for number, group in enumerate(groups[:MAX_GROUPS], start=1):
        lines.append("")
        lines.append(f"{number}. asked {group.count}× — “{group.representative}”")
        others = [asked.question for asked in group.questions[1:_SHOWN_PER_GROUP]]
        if others:
            lines.append("   also: " + "; ".join(f"“{q}”" for q in others))
        near = nearest_fact(engine, group.representative)
        if near is not None:
            lines.append(f"   nearest fact: {near[0]} (score {near[1]:.2f})")
        edit = suggest_edit(engine, group.representative)
        if edit is not None:
            lines.append(f"   edit: {edit.line()}")
        elif near is None:
            lines.append("   no fact comes near: the article may not cover this")
    if len(groups) > MAX_GROUPS:
        lines.append(f"… and {len(groups) - MAX_GROUPS} smaller groups")
    disliked = [vote for vote in votes if vote.down > 0][:MAX_FACTS]
    lines.append("")
    lines.append("Facts with the most 👎:" if disliked else "No answer was marked 👎.")
    for vote in disliked:
        lines.append(f"• {vote.fact_id}: {vote.down} 👎, {vote.up} 👍")
    return "\n".join(lines)
