"""Alembic's entry point: migrate the connection `storage.migrating` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from storage.schema import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through storage.migrating, which passes a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite alters a table by copying it; batch mode does that for later migrations.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
