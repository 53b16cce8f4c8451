"""Every storage test runs twice: on a SQLite file and on a throwaway PostgreSQL database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import storage
from storage import Store
from tests.postgres import (
    PostgresServer,
    postgres_server,  # noqa: F401  (a fixture: importing it registers it here)
)
from tests.storage.clock import FakeClock


@pytest.fixture(params=["sqlite", "postgresql"])
async def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a new, empty database (not yet migrated)."""
    if request.param == "sqlite":
        return storage.database_url(tmp_path / "data", None)
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return await server.create_database()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(url: str, clock: FakeClock) -> AsyncIterator[Store]:
    """A store open on a new database, closed after the test."""
    opened = await Store.open(url, clock=clock)
    yield opened
    await opened.close()
