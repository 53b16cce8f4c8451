"""Database URLs and engines: SQLite in the data folder by default, PostgreSQL when named."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Final

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_FILE: Final = "newsbot.db"
# Long enough to outwait another process's migration or a burst of writes.
SQLITE_BUSY_TIMEOUT_MS: Final = 30_000
POSTGRES_CONNECT_TIMEOUT_S: Final = 10
# Retries of the switch to WAL while another connection creates the database (about 3 s).
_WAL_ATTEMPTS: Final = 60
_WAL_RETRY_S: Final = 0.05
# A connection option read by the SQLite `begin` hook: writers take the write lock up front.
WRITE_OPTION: Final = "newsbot_write"

_POSTGRES_SCHEMES: Final = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)
_SQLITE_SCHEME: Final = re.compile(r"^sqlite://", re.IGNORECASE)
_SSLMODE: Final = re.compile(r"([?&])sslmode=")


class StorageError(Exception):
    """The database could not be opened, migrated or used; the message says why in one line."""


def database_url(data_dir: Path, url: str | None) -> str:
    """Return the SQLAlchemy URL of the bot's database.

    Args:
        data_dir: The bot's data folder; the SQLite file goes here when no URL is given
            (the folder is created).
        url: An operator's database URL, or None (or empty) for the SQLite file. A
            ``postgresql://`` or ``postgres://`` URL gets the asyncpg driver, and libpq's
            ``sslmode=`` is spelt ``ssl=`` as asyncpg expects; ``sqlite://`` gets aiosqlite.

    Returns:
        A URL for `Store.open`.
    """
    if url and url.strip():
        given = url.strip()
        if _POSTGRES_SCHEMES.match(given):
            return _SSLMODE.sub(r"\1ssl=", _POSTGRES_SCHEMES.sub("postgresql+asyncpg://", given))
        return _SQLITE_SCHEME.sub("sqlite+aiosqlite://", given)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason_ = error.strerror or type(error).__name__
        raise StorageError(
            f"cannot create the data folder {data_dir} (DATA_DIR): {reason_}"
        ) from None
    return f"sqlite+aiosqlite:///{data_dir.resolve() / SQLITE_FILE}"


def safe_url(url: str) -> str:
    """Return the URL with its password masked, for messages and logs."""
    # An unescaped "@" in a password would leave part of it in the host: mask everything
    # between the scheme and the last "@" that has a ":" before it.
    scheme, separator, rest = url.partition("://")
    if separator and "@" in rest:
        credentials, _, host = rest.rpartition("@")
        if ":" in credentials:
            user = credentials.split(":", 1)[0]
            return f"{scheme}://{user}:***@{host}"
    try:
        return make_url(url).render_as_string(hide_password=True)
    except SQLAlchemyError:
        return "<unparsable database URL>"


def reason(exc: BaseException) -> str:
    """Return the one-line cause of a database failure, without SQL or links."""
    cause: BaseException = exc.orig if isinstance(exc, DBAPIError) and exc.orig else exc
    text = " ".join(str(cause).split())
    text = text.split(" [SQL: ", 1)[0].split(" (Background on this error", 1)[0]
    return text or type(cause).__name__


def create_engine(url: str) -> AsyncEngine:
    """Create the engine for a database URL (nothing is connected yet).

    Raises:
        StorageError: The URL is malformed, names an unsupported database or a sync driver.
    """
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError) as exc:
        raise StorageError(
            "the database URL is malformed (expected postgresql://user:password@host/db "
            "or sqlite+aiosqlite:///path/to/file.db)"
        ) from exc
    shown = safe_url(url)
    backend = parsed.get_backend_name()
    try:
        if backend == "sqlite":
            _require_folder(parsed.database, shown)
            engine = create_async_engine(parsed)
            _tune_sqlite(engine)
            return engine
        if backend == "postgresql":
            return create_async_engine(
                parsed,
                pool_pre_ping=True,
                connect_args={"timeout": POSTGRES_CONNECT_TIMEOUT_S},
            )
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StorageError(f"cannot use the database URL {shown}: {reason(exc)}") from exc
    raise StorageError(
        f"unsupported database {backend!r} in {shown}: use postgresql:// or sqlite+aiosqlite:///"
    )


def _require_folder(database: str | None, shown: str) -> None:
    # SQLite's own message for this is "unable to open database file".
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    folder = Path(database).parent
    if not folder.is_dir():
        raise StorageError(f"cannot open the database {shown}: the folder {folder} does not exist")


def _switch_to_wal(cursor: Any) -> None:
    """Put the database in WAL mode, waiting out another connection creating it.

    Two processes opening a new database at once race to create its WAL files, and SQLite
    answers the loser "database is locked" at once, without waiting `busy_timeout`.
    """
    for attempt in range(_WAL_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except Exception as exc:  # the async driver's own OperationalError
            if "locked" not in str(exc) or attempt == _WAL_ATTEMPTS - 1:
                raise
            time.sleep(_WAL_RETRY_S)


def _tune_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # The driver's own implicit BEGIN skips DDL and cannot take the write lock early;
        # `begin` below issues BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # busy_timeout first: switching to WAL needs a lock another process may hold.
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
        # Off by default in SQLite; the schema's ON DELETE CASCADE needs it.
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def begin(connection: Connection) -> None:
        # A deferred transaction that reads and then writes fails at once when another
        # connection wrote in between (busy_timeout does not apply); IMMEDIATE waits instead.
        options: dict[str, Any] = dict(connection.get_execution_options())
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(WRITE_OPTION) else "BEGIN")
