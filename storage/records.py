"""What the store hands in and out: plain frozen records, no database types."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Literal

Vote = Literal["up", "down"]
Reason = Literal["wrong_answer", "wrong_citation", "should_have_declined", "should_have_answered"]
VOTES: Final[tuple[Vote, ...]] = ("up", "down")
REASONS: Final[tuple[Reason, ...]] = (
    "wrong_answer",
    "wrong_citation",
    "should_have_declined",
    "should_have_answered",
)


@dataclass(frozen=True)
class StoredArticle:
    """An article added to one server, with the files that make it up.

    Attributes:
        guild_id: The server it belongs to.
        article_id: Its id, unique within the server.
        title: Its headline.
        origin: Where it came from (a URL or a file name).
        added_at: When it was added (UTC, timezone-aware).
        added_by: Who added it, already hashed with `Store.hash_user`.
        files: Relative path -> text, e.g. ``{"articles/x.txt": ..., "facts/x.toml": ...}``.
    """

    guild_id: int
    article_id: str
    title: str
    origin: str
    added_at: datetime
    added_by: str
    files: Mapping[str, str]


@dataclass(frozen=True)
class ArticleSummary:
    """An article of a server without its files (for listings)."""

    guild_id: int
    article_id: str
    title: str
    origin: str
    added_at: datetime


@dataclass(frozen=True)
class Decline:
    """A question the bot declined to answer.

    Attributes:
        guild_id: The server it was asked in, or None for a DM.
        article: The article it was asked about.
        question: The question as asked.
        nearest_fact_ids: The facts that came closest, best first.
        at: When it was asked (UTC).
    """

    guild_id: int | None
    article: str
    question: str
    nearest_fact_ids: tuple[str, ...]
    at: datetime


@dataclass(frozen=True)
class NewDecline:
    """A declined question to record (`Store.record_declines`)."""

    guild_id: int | None
    article: str
    question: str
    nearest_fact_ids: tuple[str, ...]


@dataclass(frozen=True)
class FactVotes:
    """How readers voted on the answers that cited one fact."""

    article: str
    fact_id: str
    down: int
    up: int


@dataclass(frozen=True)
class Deleted:
    """How many rows of each kind a privacy deletion removed."""

    articles: int
    votes: int
    declines: int
    settings: int
