"""The bot's database: each server's articles and settings, readers' votes, declined questions."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from datetime import UTC, datetime
from types import TracebackType
from typing import Final, Self

from sqlalchemy import case, delete, func, insert, null, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.connecting import WRITE_OPTION, StorageError, create_engine, reason, safe_url
from storage.migrating import upgrade
from storage.records import (
    REASONS,
    VOTES,
    ArticleSummary,
    Decline,
    Deleted,
    FactVotes,
    NewDecline,
    Reason,
    StoredArticle,
    Vote,
)
from storage.schema import (
    Article,
    ArticleFile,
    Base,
    DeclineRow,
    GuildRevision,
    GuildSetting,
    State,
    VoteFact,
    VoteRow,
)

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
USER_HASH_LENGTH: Final = 32


def utc_now() -> datetime:
    """Return the current time, timezone-aware UTC."""
    return datetime.now(UTC)


class Store:
    """The bot's database on SQLite or PostgreSQL; open it with `Store.open`.

    Every method is one transaction. Several processes (shards) may share one database: each
    opens its own `Store`, and `revisions` tells them when another changed a server's articles.
    """

    def __init__(self, engine: AsyncEngine, secret: bytes, clock: Clock) -> None:
        self._engine = engine
        self._secret = secret
        self._clock = clock
        self._postgres = engine.dialect.name == "postgresql"
        # SQLite lets one writer in at a time: this process's writers queue here instead of
        # spinning in SQLite's busy handler; other processes still wait via busy_timeout.
        self._write_lock: AbstractAsyncContextManager[object] = (
            nullcontext() if self._postgres else asyncio.Lock()
        )

    @classmethod
    async def open(cls, url: str, *, clock: Clock = utc_now) -> Store:
        """Connect, migrate the schema to head and return the store.

        Args:
            url: A URL from `database_url` (``postgresql+asyncpg://…`` or
                ``sqlite+aiosqlite:///…``).
            clock: Gives the time votes and declines are recorded at (tests pass their own).

        Raises:
            StorageError: The URL is bad, the database unreachable or the migration failed.
        """
        engine = create_engine(url)
        shown = safe_url(url)
        try:
            async with engine.connect() as connection:
                await connection.execution_options(**{WRITE_OPTION: True})
                try:
                    async with connection.begin():
                        await upgrade(connection)
                        secret = (await connection.execute(select(State.user_secret))).scalar_one()
                except Exception as exc:
                    raise StorageError(
                        f"cannot migrate the database {shown}: {reason(exc)}"
                    ) from exc
        except StorageError:
            await engine.dispose()
            raise
        except Exception as exc:
            await engine.dispose()
            raise StorageError(f"cannot connect to the database {shown}: {reason(exc)}") from exc
        log.debug("database %s is open at the current schema", shown)
        return cls(engine, bytes.fromhex(secret), clock)

    async def close(self) -> None:
        """Close every connection."""
        await self._engine.dispose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    def hash_user(self, user_id: int) -> str:
        """Return the pseudonym stored for a Discord user id (never the id itself).

        An HMAC-SHA256 with this database's secret: stable for the database, meaningless
        outside it, and not reversible by hashing every possible id without the secret.
        """
        digest = hmac.new(self._secret, str(user_id).encode("ascii"), hashlib.sha256)
        return digest.hexdigest()[:USER_HASH_LENGTH]

    # Articles

    async def put_article(self, article: StoredArticle) -> None:
        """Add an article to its server, or replace the one with the same id, with its files.

        All or nothing: if anything fails, the server keeps exactly what it had.

        Raises:
            ValueError: added_at is naive, or a path or file contains a NUL character.
            StorageError: The database refused it (an empty id or path) or failed.
        """
        _require_aware(article.added_at, "added_at")
        for path, content in article.files.items():
            if "\x00" in path or "\x00" in content:
                raise ValueError(f"{path!r} contains a NUL character")
        async with self._writing("storing an article") as connection:
            row = self._insert(Article).values(
                guild_id=article.guild_id,
                article_id=article.article_id,
                title=article.title,
                origin=article.origin,
                added_at=article.added_at,
                added_by=article.added_by,
            )
            await connection.execute(
                row.on_conflict_do_update(
                    index_elements=[Article.guild_id, Article.article_id],
                    set_={
                        "title": row.excluded.title,
                        "origin": row.excluded.origin,
                        "added_at": row.excluded.added_at,
                        "added_by": row.excluded.added_by,
                    },
                )
            )
            await connection.execute(
                delete(ArticleFile).where(
                    ArticleFile.guild_id == article.guild_id,
                    ArticleFile.article_id == article.article_id,
                )
            )
            if article.files:
                await connection.execute(
                    insert(ArticleFile),
                    [
                        {
                            "guild_id": article.guild_id,
                            "article_id": article.article_id,
                            "path": path,
                            "content": content,
                        }
                        for path, content in article.files.items()
                    ],
                )
            await _bump_revision(connection, article.guild_id)

    async def remove_article(self, guild_id: int, article_id: str) -> bool:
        """Remove an article from a server (and unset it as the default).

        Returns:
            Whether the server had it.
        """
        async with self._writing("removing an article") as connection:
            # Its files go by ON DELETE CASCADE: deleting them first would lock rows in the
            # opposite order to put_article, and two such transactions could deadlock.
            removed = await connection.execute(
                delete(Article).where(
                    Article.guild_id == guild_id, Article.article_id == article_id
                )
            )
            if not removed.rowcount:
                return False
            await connection.execute(
                delete(GuildSetting).where(
                    GuildSetting.guild_id == guild_id, GuildSetting.default_article == article_id
                )
            )
            await _bump_revision(connection, guild_id)
            return True

    async def list_articles(self, guild_id: int) -> list[ArticleSummary]:
        """Return a server's articles without their files, oldest first."""
        async with self._reading("listing articles") as connection:
            rows = await connection.execute(
                select(
                    Article.guild_id,
                    Article.article_id,
                    Article.title,
                    Article.origin,
                    Article.added_at,
                )
                .where(Article.guild_id == guild_id)
                .order_by(Article.added_at, Article.article_id)
            )
            return [ArticleSummary(*row) for row in rows]

    async def article(self, guild_id: int, article_id: str) -> StoredArticle | None:
        """Return one article of a server with its files, or None if the server has none such."""
        found = await self._articles(guild_id, article_id)
        return found[0] if found else None

    async def articles_of(self, guild_id: int) -> list[StoredArticle]:
        """Return a server's articles with their files, oldest first."""
        return await self._articles(guild_id, None)

    async def revisions(self) -> dict[int, int]:
        """Return each server's revision, to poll for changes made by another process.

        A server's revision grows on every change to its articles or default article. The
        numbers come from one sequence for the whole database, so they never repeat, not even
        for a server whose data was deleted (it then leaves this mapping) and added again.
        """
        async with self._reading("reading revisions") as connection:
            rows = await connection.execute(select(GuildRevision.guild_id, GuildRevision.revision))
            return {row.guild_id: row.revision for row in rows}

    async def default_article(self, guild_id: int) -> str | None:
        """Return the id of the article a server's questions go to first, if one is set."""
        async with self._reading("reading the default article") as connection:
            return (
                await connection.execute(
                    select(GuildSetting.default_article).where(GuildSetting.guild_id == guild_id)
                )
            ).scalar_one_or_none()

    async def set_default_article(self, guild_id: int, article_id: str | None) -> None:
        """Set (or with None, unset) the article a server's questions go to first."""
        async with self._writing("setting the default article") as connection:
            if article_id is None:
                await connection.execute(
                    delete(GuildSetting).where(GuildSetting.guild_id == guild_id)
                )
            else:
                row = self._insert(GuildSetting).values(
                    guild_id=guild_id, default_article=article_id
                )
                await connection.execute(
                    row.on_conflict_do_update(
                        index_elements=[GuildSetting.guild_id],
                        set_={"default_article": row.excluded.default_article},
                    )
                )
            await _bump_revision(connection, guild_id)

    # Feedback

    async def record_vote(
        self,
        *,
        message_id: int,
        user: str,
        vote: Vote,
        question: str,
        answer: str,
        fact_ids: Sequence[str],
        article: str,
        guild_id: int | None,
    ) -> None:
        """Record a reader's vote on an answer; a second vote by the same reader replaces it.

        A vote that turns 'up' loses the reason given for the 'down' before it. Safe when
        the same reader's votes arrive at once from several tasks or processes.

        Args:
            message_id: The answer's message.
            user: The reader, hashed with `hash_user`.
            vote: 'up' or 'down'.
            question: The question answered.
            answer: The answer's text.
            fact_ids: The facts the answer cited; the vote counts for each.
            article: The article answered from.
            guild_id: The server, or None in a DM.
        """
        if vote not in VOTES:
            raise ValueError(f"vote must be one of {VOTES}, not {vote!r}")
        at = self._clock()
        async with self._writing("recording a vote") as connection:
            row = self._insert(VoteRow).values(
                message_id=message_id,
                voter=user,
                vote=vote,
                reason=None,
                question=question,
                answer=answer,
                article=article,
                guild_id=guild_id,
                at=at,
            )
            await connection.execute(
                row.on_conflict_do_update(
                    index_elements=[VoteRow.message_id, VoteRow.voter],
                    set_={
                        "vote": row.excluded.vote,
                        "reason": case((row.excluded.vote == "up", null()), else_=VoteRow.reason),
                        "question": row.excluded.question,
                        "answer": row.excluded.answer,
                        "article": row.excluded.article,
                        "guild_id": row.excluded.guild_id,
                        "at": row.excluded.at,
                    },
                )
            )
            await connection.execute(
                delete(VoteFact).where(VoteFact.message_id == message_id, VoteFact.voter == user)
            )
            if fact_ids:
                await connection.execute(
                    insert(VoteFact),
                    [
                        {"message_id": message_id, "voter": user, "fact_id": fact_id}
                        for fact_id in dict.fromkeys(fact_ids)
                    ],
                )

    async def set_vote_reason(self, *, message_id: int, user: str, reason: Reason) -> bool:
        """Say why a reader voted an answer down.

        Returns:
            Whether the reader had voted that answer down (only a 'down' vote takes a reason).
        """
        if reason not in REASONS:
            raise ValueError(f"reason must be one of {REASONS}, not {reason!r}")
        async with self._writing("recording a vote's reason") as connection:
            updated = await connection.execute(
                update(VoteRow)
                .where(
                    VoteRow.message_id == message_id, VoteRow.voter == user, VoteRow.vote == "down"
                )
                .values(reason=reason)
            )
            return bool(updated.rowcount)

    async def votes_on(self, message_id: int) -> dict[str, int]:
        """Return an answer's vote counts: ``{"up": n, "down": m}``."""
        counts: dict[str, int] = dict.fromkeys(VOTES, 0)
        async with self._reading("counting votes") as connection:
            rows = await connection.execute(
                select(VoteRow.vote, func.count().label("count"))
                .where(VoteRow.message_id == message_id)
                .group_by(VoteRow.vote)
            )
            counts.update({row.vote: row.count for row in rows})
        return counts

    async def record_decline(
        self,
        *,
        guild_id: int | None,
        article: str,
        question: str,
        nearest_fact_ids: Sequence[str],
    ) -> None:
        """Record a question the bot declined, with the facts that came closest."""
        await self.record_declines(
            [NewDecline(guild_id, article, question, tuple(nearest_fact_ids))]
        )

    async def record_declines(self, declines: Sequence[NewDecline]) -> None:
        """Record several declined questions in one transaction (cheaper under load)."""
        if not declines:
            return
        now = self._clock()
        async with self._writing("recording declines") as connection:
            await connection.execute(
                insert(DeclineRow),
                [
                    {
                        "guild_id": decline.guild_id,
                        "article": decline.article,
                        "question": decline.question,
                        "nearest_fact_ids": list(decline.nearest_fact_ids),
                        "at": now,
                    }
                    for decline in declines
                ],
            )

    async def declines(
        self,
        *,
        guild_id: int | None = None,
        article: str | None = None,
        since: datetime | None = None,
    ) -> list[Decline]:
        """Return declined questions, oldest first.

        Args:
            guild_id: Only this server's (None: every server's and DMs').
            article: Only those about this article.
            since: Only those recorded at or after this time.
        """
        query = select(
            DeclineRow.guild_id,
            DeclineRow.article,
            DeclineRow.question,
            DeclineRow.nearest_fact_ids,
            DeclineRow.at,
        ).order_by(DeclineRow.at, DeclineRow.id)
        if guild_id is not None:
            query = query.where(DeclineRow.guild_id == guild_id)
        if article is not None:
            query = query.where(DeclineRow.article == article)
        if since is not None:
            _require_aware(since, "since")
            query = query.where(DeclineRow.at >= since)
        async with self._reading("reading declines") as connection:
            rows = await connection.execute(query)
            return [
                Decline(
                    guild_id=row.guild_id,
                    article=row.article,
                    question=row.question,
                    nearest_fact_ids=tuple(row.nearest_fact_ids),
                    at=row.at,
                )
                for row in rows
            ]

    async def fact_votes(
        self,
        *,
        guild_id: int | None = None,
        article: str | None = None,
        since: datetime | None = None,
    ) -> list[FactVotes]:
        """Return the votes on each cited fact, the most voted down first.

        A vote counts once for each fact its answer cited. Ties go to fewer 'up' votes, then
        article and fact id. Filters as in `declines`.
        """
        down = func.sum(case((VoteRow.vote == "down", 1), else_=0)).label("down")
        up = func.sum(case((VoteRow.vote == "up", 1), else_=0)).label("up")
        query = (
            select(VoteRow.article, VoteFact.fact_id, down, up)
            .join(
                VoteFact,
                (VoteFact.message_id == VoteRow.message_id) & (VoteFact.voter == VoteRow.voter),
            )
            .group_by(VoteRow.article, VoteFact.fact_id)
            .order_by(down.desc(), up, VoteRow.article, VoteFact.fact_id)
        )
        if guild_id is not None:
            query = query.where(VoteRow.guild_id == guild_id)
        if article is not None:
            query = query.where(VoteRow.article == article)
        if since is not None:
            _require_aware(since, "since")
            query = query.where(VoteRow.at >= since)
        async with self._reading("counting votes per fact") as connection:
            rows = await connection.execute(query)
            return [
                FactVotes(article=row.article, fact_id=row.fact_id, down=row.down, up=row.up)
                for row in rows
            ]

    # Privacy

    async def prune(self, older_than: datetime) -> Deleted:
        """Delete the votes and declines recorded before a time; articles and settings stay."""
        _require_aware(older_than, "older_than")
        async with self._writing("pruning old votes and declines") as connection:
            # Their fact rows go by ON DELETE CASCADE (see remove_article for why).
            votes = await connection.execute(delete(VoteRow).where(VoteRow.at < older_than))
            declines = await connection.execute(
                delete(DeclineRow).where(DeclineRow.at < older_than)
            )
            return Deleted(articles=0, votes=votes.rowcount, declines=declines.rowcount, settings=0)

    async def delete_server(self, guild_id: int) -> Deleted:
        """Delete everything stored for a server: articles, settings, votes and declines."""
        async with self._writing("deleting a server's data") as connection:
            # Files and vote facts go by ON DELETE CASCADE (see remove_article for why).
            articles = await connection.execute(delete(Article).where(Article.guild_id == guild_id))
            settings = await connection.execute(
                delete(GuildSetting).where(GuildSetting.guild_id == guild_id)
            )
            votes = await connection.execute(delete(VoteRow).where(VoteRow.guild_id == guild_id))
            declines = await connection.execute(
                delete(DeclineRow).where(DeclineRow.guild_id == guild_id)
            )
            await connection.execute(
                delete(GuildRevision).where(GuildRevision.guild_id == guild_id)
            )
            return Deleted(
                articles=articles.rowcount,
                votes=votes.rowcount,
                declines=declines.rowcount,
                settings=settings.rowcount,
            )

    async def delete_direct_messages(self) -> Deleted:
        """Delete the votes and declined questions from DMs (they belong to no server)."""
        async with self._writing("deleting DM data") as connection:
            votes = await connection.execute(delete(VoteRow).where(VoteRow.guild_id.is_(None)))
            declines = await connection.execute(
                delete(DeclineRow).where(DeclineRow.guild_id.is_(None))
            )
            return Deleted(articles=0, votes=votes.rowcount, declines=declines.rowcount, settings=0)

    # Plumbing

    def _insert(self, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
        return _upsertable(self._engine.dialect.name, model)

    @asynccontextmanager
    async def _writing(self, doing: str) -> AsyncIterator[AsyncConnection]:
        try:
            async with self._write_lock, self._engine.connect() as connection:
                await connection.execution_options(**{WRITE_OPTION: True})
                async with connection.begin():
                    yield connection
        except (SQLAlchemyError, OSError) as exc:
            raise StorageError(f"database error while {doing}: {reason(exc)}") from exc

    @asynccontextmanager
    async def _reading(self, doing: str) -> AsyncIterator[AsyncConnection]:
        try:
            async with self._engine.connect() as connection:
                yield connection
        except (SQLAlchemyError, OSError) as exc:
            raise StorageError(f"database error while {doing}: {reason(exc)}") from exc

    async def _articles(self, guild_id: int, article_id: str | None) -> list[StoredArticle]:
        # One statement, so that a concurrent replacement is seen whole or not at all.
        query = (
            select(
                Article.article_id,
                Article.title,
                Article.origin,
                Article.added_at,
                Article.added_by,
                ArticleFile.path,
                ArticleFile.content,
            )
            .outerjoin(
                ArticleFile,
                (ArticleFile.guild_id == Article.guild_id)
                & (ArticleFile.article_id == Article.article_id),
            )
            .where(Article.guild_id == guild_id)
            .order_by(Article.added_at, Article.article_id, ArticleFile.path)
        )
        if article_id is not None:
            query = query.where(Article.article_id == article_id)
        async with self._reading("reading articles") as connection:
            rows = (await connection.execute(query)).all()
        heads: dict[str, tuple[str, str, datetime, str]] = {}
        files: dict[str, dict[str, str]] = {}
        for row in rows:
            heads.setdefault(row.article_id, (row.title, row.origin, row.added_at, row.added_by))
            article_files = files.setdefault(row.article_id, {})
            if row.path is not None:
                article_files[row.path] = row.content
        return [
            StoredArticle(
                guild_id=guild_id,
                article_id=key,
                title=title,
                origin=origin,
                added_at=added_at,
                added_by=added_by,
                files=files[key],
            )
            for key, (title, origin, added_at, added_by) in heads.items()
        ]


async def _bump_revision(connection: AsyncConnection, guild_id: int) -> None:
    await connection.execute(update(State).values(revision=State.revision + 1))
    revision = (await connection.execute(select(State.revision))).scalar_one()
    row = _upsertable(connection.dialect.name, GuildRevision).values(
        guild_id=guild_id, revision=revision
    )
    await connection.execute(
        row.on_conflict_do_update(
            index_elements=[GuildRevision.guild_id], set_={"revision": row.excluded.revision}
        )
    )


def _upsertable(dialect: str, model: type[Base]) -> postgresql.Insert | sqlite.Insert:
    # Both dialects spell the upsert INSERT ... ON CONFLICT DO UPDATE, from their own insert().
    return postgresql.insert(model) if dialect == "postgresql" else sqlite.insert(model)


def _require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got {moment.isoformat()}")
