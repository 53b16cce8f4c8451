"""Read what a database holds, table by table, behind the store's back."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from storage.schema import Base


async def stored_rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """Return every row of every table of the store's schema, as dicts."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return {
                table.name: [dict(row._mapping) for row in await connection.execute(select(table))]
                for table in Base.metadata.sorted_tables
            }
    finally:
        await engine.dispose()
