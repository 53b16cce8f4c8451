"""Which articles each server sees, and the engine that answers there.

Every server sees the operator's articles (the knowledge folder) plus its own, which live in the
database as the files `kb add` writes. Building an article (spaCy) and loading an engine run in
a worker process, so answers never wait on them; the finished engine replaces the server's in
one assignment. The database is written before the engine is swapped, so a crash in between
leaves the article added (the next start loads it) and never half-added.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import concurrent.futures.process
import datetime as dt
import functools
import logging
import multiprocessing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final, ParamSpec, Protocol, TypeVar

from knowledge import Engine
from knowledge.building.adding import AddError, Built, Options, build_for_library
from knowledge.library import library_engine
from knowledge.loading import DEFAULT_DIRECTORY, KnowledgeBaseError
from knowledge.models import Answer, Article, ArticleMeta
from storage import Deleted, StorageError, Store, StoredArticle

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

BUILD_TIMEOUT_SECONDS: Final = 90.0
MAX_ARTICLES_PER_SERVER: Final = 50


class AnswerEngine(Protocol):
    """What the Discord layer needs from `knowledge.Engine`."""

    def answer(self, question: str, *, previous: Answer | None = None) -> Answer:
        """Answer a question (a follow-up of `previous`), or decline; never raises."""
        ...

    def suggest(self, partial: str, limit: int = 25) -> list[str]:
        """Return answerable questions matching what the user has typed so far."""
        ...

    def topics(self) -> dict[str, list[str]]:
        """Return topic name -> example answerable questions."""
        ...

    def for_article(self, article: str) -> AnswerEngine:
        """Return the engine answering from one article alone."""
        ...


class LibraryError(Exception):
    """An article could not be added or removed; the message is for the moderator."""


@dataclass(frozen=True)
class Shelf:
    """What one server sees: the engine answering there, and the articles it answers from."""

    engine: AnswerEngine
    articles: Mapping[str, Article]
    own: frozenset[str] = frozenset()
    """The ids of the server's own articles (the rest are the operator's)."""

    @classmethod
    def of(cls, engine: Engine, own: frozenset[str] = frozenset()) -> Shelf:
        """The shelf of a built engine, with `own` the server's article ids."""
        return cls(engine=engine, articles=engine.kb.articles, own=own)

    @functools.cached_property
    def sources(self) -> Mapping[str, ArticleMeta]:
        """Each article's metadata, by id (for footers and citation names)."""
        return {article_id: article.meta for article_id, article in self.articles.items()}

    def for_article(self, article_id: str) -> AnswerEngine:
        """The engine answering from one of the shelf's articles alone."""
        return self.engine.for_article(article_id)


class Library:
    """The engines of the operator's articles and of each server with articles of its own."""

    def __init__(
        self,
        base: Shelf,
        *,
        base_directory: Path | None,
        store: Store | None = None,
        allow_private_urls: bool,
    ) -> None:
        self.base = base
        self.base_directory = base_directory
        self.store = store
        self.allow_private_urls = allow_private_urls
        self._shelves: dict[int, Shelf] = {}
        self._loading: dict[int, asyncio.Task[None]] = {}
        self._locks: dict[int, asyncio.Lock] = {}
        self._revisions: dict[int, int] = {}
        self._base_print = _folder_stamp(base_directory)
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        # One job at a time: the worker is one process, and a job's time limit must not
        # count the time it waited for another.
        self._worker = asyncio.Lock()

    # --- answering side: cheap, never waits on a build -------------------------------------

    def shelf(self, guild_id: int | None) -> Shelf:
        """The shelf a server sees now (DMs and servers without own articles: the operator's)."""
        if guild_id is None:
            return self.base
        return self._shelves.get(guild_id, self.base)

    def loaded(self, guild_id: int | None) -> bool:
        """False while the server's own articles are still being loaded (just after a start)."""
        loading = self._loading.get(guild_id) if guild_id is not None else None
        return loading is None or loading.done()

    async def ready(self, guild_id: int | None) -> Shelf:
        """The server's shelf, once its own articles are loaded (right after a start)."""
        if guild_id is not None:
            loading = self._loading.get(guild_id)
            if loading is not None and not loading.done():
                await asyncio.wait({loading})  # never raises: a failed load was logged
        return self.shelf(guild_id)

    # --- start-up and changes from elsewhere -----------------------------------------------

    async def start(self) -> None:
        """Begin loading every server's own articles in the background."""
        if self.store is None:
            return
        self._revisions = await self.store.revisions()
        for guild_id in self._revisions:
            self._loading[guild_id] = asyncio.create_task(
                self._load_at_start(guild_id), name=f"library-{guild_id}"
            )

    async def _load_at_start(self, guild_id: int) -> None:
        try:
            await self._reload(guild_id)
        except StorageError as error:
            # The server answers from the operator's articles until the next poll loads its own.
            log.error("could not load server %s's articles: %s", guild_id, error)
            self._revisions.pop(guild_id, None)

    async def refresh(self) -> list[int]:
        """Reload what changed since the last look: servers' articles and the operator's folder.

        Another shard process may have added or removed a server's articles, and a curator may
        have edited the knowledge folder. Returns the servers reloaded (-1 for the folder).
        """
        changed: list[int] = []
        current = _folder_stamp(self.base_directory)
        if current != self._base_print:
            self._base_print = current
            try:
                engine = await self._run(library_engine, self.base_directory, {})
            except KnowledgeBaseError as error:
                log.error(
                    "the edited knowledge folder does not load; answering from the last good "
                    "one: %s",
                    error,
                )
            else:
                self.base = Shelf.of(engine)
                changed.append(-1)
                for guild_id in list(self._shelves):
                    await self._reload(guild_id)
        if self.store is not None:
            revisions = await self.store.revisions()
            # A server whose data was deleted (`data delete`, or `/article forget` on another
            # shard) has no revision any more: it must stop answering from its articles.
            gone = (set(self._revisions) | set(self._shelves)) - set(revisions)
            for guild_id, revision in [*revisions.items(), *((g, -1) for g in gone)]:
                if self._revisions.get(guild_id) != revision:
                    try:
                        await self._reload(guild_id)
                    except StorageError as error:
                        log.warning("could not reload server %s: %s", guild_id, error)
                        continue  # tried again at the next poll
                    if revision == -1:
                        self._revisions.pop(guild_id, None)
                    else:
                        self._revisions[guild_id] = revision
                    changed.append(guild_id)
        return changed

    async def _reload(self, guild_id: int) -> None:
        """Load the server's articles afresh, never at the same time as one of its changes."""
        async with self._lock(guild_id):
            await self._reload_unlocked(guild_id)

    async def _reload_unlocked(self, guild_id: int) -> None:
        assert self.store is not None
        stored = await self.store.articles_of(guild_id)
        if not stored:
            self._shelves.pop(guild_id, None)
            return
        files = {name: text for article in stored for name, text in article.files.items()}
        try:
            # Not cached on disk: a pickle would keep a deleted server's articles.
            engine = await self._run(library_engine, self.base_directory, files)
        except (KnowledgeBaseError, LibraryError) as error:
            # The server keeps what it had; the next change or poll tries again.
            log.error("server %s's articles do not load: %s", guild_id, error)
            return
        self._shelves[guild_id] = Shelf.of(engine, frozenset(a.article_id for a in stored))

    # --- a moderator's changes --------------------------------------------------------------

    async def add(
        self,
        guild_id: int,
        source: str,
        *,
        added_by: str,
        origin: str = "",
        uploaded: bool = False,
    ) -> Built:
        """Build `source` into the server's articles, store it, and answer from it at once.

        Args:
            guild_id: The server.
            source: An http(s) URL; a file path only when `uploaded` (the bot's own copy of
                an attachment): a moderator must never name a file on the bot's machine.
            added_by: Who added it, hashed.
            origin: What to record and show as its origin (the URL or the file's name).
            uploaded: `source` is the bot's copy of an uploaded file.

        Raises:
            LibraryError: It could not be read, built or stored; nothing was changed.
        """
        if not uploaded and not source.lower().startswith(("http://", "https://")):
            raise LibraryError("give the article's web address, starting with http:// or https://")
        store = self._need_store()
        async with self._lock(guild_id):
            stored = await store.articles_of(guild_id)
            if len(stored) >= MAX_ARTICLES_PER_SERVER:
                raise LibraryError(
                    f"this server already has {len(stored)} articles, the most it can have; "
                    "remove one first"
                )
            existing = {name: text for article in stored for name, text in article.files.items()}
            options = Options(allow_private=self.allow_private_urls)
            try:
                built, engine = await self._run_within(
                    BUILD_TIMEOUT_SECONDS,
                    build_for_library,
                    self.base_directory,
                    existing,
                    source,
                    options,
                )
            except AddError as error:
                raise LibraryError(str(error).replace(source, origin or source)) from None
            except TimeoutError:
                raise LibraryError(
                    "building the article took too long; try a shorter one"
                ) from None
            await store.put_article(
                StoredArticle(
                    guild_id=guild_id,
                    article_id=built.meta.id,
                    title=built.meta.title,
                    origin=origin or built.origin,
                    added_at=dt.datetime.now(dt.UTC),
                    added_by=added_by,
                    files=built.files,
                )
            )
            own = {a.article_id for a in stored} | {built.meta.id}
            self._shelves[guild_id] = Shelf.of(engine, frozenset(own))
            # The revision is left for the next poll, which reloads once more: recording it
            # here could mark as seen another process's change made in between.
            return built

    async def remove(self, guild_id: int, article_id: str) -> bool:
        """Remove one of the server's own articles; False when it has no such article."""
        store = self._need_store()
        async with self._lock(guild_id):
            removed = await store.remove_article(guild_id, article_id)
            if removed:
                await self._reload_unlocked(guild_id)
            return removed

    async def forget(self, guild_id: int) -> Deleted:
        """Delete everything stored for the server, and stop answering from its articles.

        Under the server's lock, so an add in progress cannot store its article afterwards.
        """
        store = self._need_store()
        async with self._lock(guild_id):
            deleted = await store.delete_server(guild_id)
            self._shelves.pop(guild_id, None)
            self._revisions.pop(guild_id, None)
            return deleted

    def _need_store(self) -> Store:
        if self.store is None:
            raise LibraryError("this bot keeps no database, so servers cannot add articles")
        return self.store

    def _lock(self, guild_id: int) -> asyncio.Lock:
        return self._locks.setdefault(guild_id, asyncio.Lock())

    async def _run_within(
        self, seconds: float, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`_run` with a time limit on the work itself, not on waiting for the worker.

        Raises:
            TimeoutError: The work took longer; its worker is let go (it finishes alone and
                exits), so the next job does not wait behind it.
        """
        async with self._worker:
            try:
                return await asyncio.wait_for(self._execute(function, *args, **kwargs), seconds)
            except TimeoutError:
                self._stop_worker()
                raise

    async def _run(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `function` in the worker process, one job at a time."""
        async with self._worker:
            return await self._execute(function, *args, **kwargs)

    async def _execute(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run `function` in the worker process (started on first use, spaCy loaded once there).

        A worker that died (killed for memory, say) is replaced once.
        """
        loop = asyncio.get_running_loop()
        call = functools.partial(function, *args, **kwargs)
        for attempt in (1, 2):
            if self._pool is None:
                # spawn, not fork: the bot's process has threads and an event loop to copy.
                self._pool = concurrent.futures.ProcessPoolExecutor(
                    max_workers=1, mp_context=multiprocessing.get_context("spawn")
                )
            try:
                return await loop.run_in_executor(self._pool, call)
            except concurrent.futures.process.BrokenProcessPool:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None
                if attempt == 2:
                    raise LibraryError("the article builder stopped unexpectedly") from None
                log.warning("the article worker process died; starting a new one")
        raise AssertionError("unreachable")

    def _stop_worker(self) -> None:
        """Stop the worker process now, killing a build in progress (nothing was stored)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # ProcessPoolExecutor can only wait for a running job to end; a build that has run over
        # its time must not go on using a core and memory, nor hold up the bot's exit.
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    async def close(self) -> None:
        """Stop loading and the worker process (a build in progress is abandoned, unstored)."""
        loading = [task for task in self._loading.values() if not task.done()]
        for task in loading:
            task.cancel()
        if loading:
            await asyncio.wait(loading, timeout=1.0)
        self._stop_worker()


def _folder_stamp(directory: Path | None) -> tuple[tuple[str, int, int], ...]:
    """What changes when a curator edits, adds or removes a file of the knowledge folder."""
    folder = DEFAULT_DIRECTORY if directory is None else directory
    try:
        return tuple(
            (str(path), stat.st_mtime_ns, stat.st_size)
            for path in sorted(folder.glob("*/*.t*"))
            for stat in (path.stat(),)
        )
    except OSError:
        return ()
