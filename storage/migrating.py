"""Bring a database to the newest schema with the Alembic scripts packaged in `migrations/`.

To change the schema, edit `schema.py`, then let Alembic draft the next migration from a
database at head (reviewed by hand before committing, and renamed if the slug is poor)::

    from alembic import command
    from sqlalchemy import create_engine
    from storage.migrating import alembic_config

    # A SQLite file that Store.open() has migrated to head.
    with create_engine("sqlite:///path/to/newsbot.db").begin() as connection:
        command.revision(
            alembic_config(connection), message="add x", rev_id="0002", autogenerate=True
        )

`tests/storage/test_schema.py` fails while the models and the migrations disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

MIGRATIONS: Final = Path(__file__).resolve().parent / "migrations"
# pg_advisory_xact_lock's key: any constant of our own ("newsbot" in ASCII).
POSTGRES_LOCK_KEY: Final = 0x6E657773626F74


def alembic_config(connection: Connection | None = None) -> Config:
    """Return an Alembic configuration for the packaged migrations, on a connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


async def upgrade(connection: AsyncConnection) -> None:
    """Migrate the database to head inside the connection's transaction.

    Two processes opening the same database at once take turns: on PostgreSQL an advisory
    lock held until the transaction ends, on SQLite the write lock (the connection began
    with BEGIN IMMEDIATE). The second then finds the schema at head and does nothing.
    """
    if connection.dialect.name == "postgresql":
        await connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_LOCK_KEY}
        )
    await connection.run_sync(_upgrade)


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
