"""The tables, as typed SQLAlchemy models; `migrations/` creates them (a test checks both agree).

Every timestamp is stored as naive UTC and read back timezone-aware, the same on SQLite and
PostgreSQL. Discord ids are 64-bit (BigInteger). No table holds a raw Discord user id or name:
voters and article authors are HMAC digests (`Store.hash_user`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION: Final = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime, stored naive so both dialects compare it alike."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert an aware datetime to naive UTC; refuse a naive one (its zone is unknown)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a timezone-aware datetime is required, got {value.isoformat()}")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Mark a stored naive UTC datetime as UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


# An autoincrementing id on both: SQLite only autoincrements an INTEGER primary key.
AutoId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """The declarative base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class State(Base):
    """The store's one row: the secret that hashes user ids, and the revision sequence."""

    __tablename__ = "store_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    user_secret: Mapped[str] = mapped_column(Text)
    revision: Mapped[int] = mapped_column(BigInteger)


class Article(Base):
    """An article added to a server."""

    __tablename__ = "articles"
    __table_args__ = (CheckConstraint("article_id <> ''", name="article_id_not_empty"),)

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[str] = mapped_column(Text, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    added_by: Mapped[str] = mapped_column(Text)


class ArticleFile(Base):
    """One file of an article: its relative path and its text."""

    __tablename__ = "article_files"
    __table_args__ = (
        ForeignKeyConstraint(
            ["guild_id", "article_id"],
            ["articles.guild_id", "articles.article_id"],
            ondelete="CASCADE",
        ),
        CheckConstraint("path <> ''", name="path_not_empty"),
    )

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[str] = mapped_column(Text, primary_key=True)
    path: Mapped[str] = mapped_column(Text, primary_key=True)
    content: Mapped[str] = mapped_column(Text)


class GuildSetting(Base):
    """A server's settings."""

    __tablename__ = "guild_settings"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    default_article: Mapped[str | None] = mapped_column(Text)


class GuildRevision(Base):
    """The last revision of a server's articles and settings, for other shards to poll."""

    __tablename__ = "guild_revisions"

    guild_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    revision: Mapped[int] = mapped_column(BigInteger)


class VoteRow(Base):
    """One reader's vote on one answer."""

    __tablename__ = "votes"
    __table_args__ = (
        CheckConstraint("vote IN ('up', 'down')", name="vote"),
        CheckConstraint(
            "reason IN ('wrong_answer', 'wrong_citation', 'should_have_declined', "
            "'should_have_answered')",
            name="reason",
        ),
        Index(None, "at"),
        Index(None, "guild_id"),
    )

    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    voter: Mapped[str] = mapped_column(Text, primary_key=True)
    vote: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    article: Mapped[str] = mapped_column(Text)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class VoteFact(Base):
    """A fact the voted answer cited (a vote counts for each of its facts)."""

    __tablename__ = "vote_facts"
    __table_args__ = (
        ForeignKeyConstraint(
            ["message_id", "voter"], ["votes.message_id", "votes.voter"], ondelete="CASCADE"
        ),
    )

    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    voter: Mapped[str] = mapped_column(Text, primary_key=True)
    fact_id: Mapped[str] = mapped_column(Text, primary_key=True)


class DeclineRow(Base):
    """A question the bot declined."""

    __tablename__ = "declines"
    __table_args__ = (Index(None, "at"), Index(None, "guild_id"))

    id: Mapped[int] = mapped_column(AutoId, primary_key=True, autoincrement=True)
    guild_id: Mapped[int | None] = mapped_column(BigInteger)
    article: Mapped[str] = mapped_column(Text)
    question: Mapped[str] = mapped_column(Text)
    nearest_fact_ids: Mapped[list[str]] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
