"""A throwaway PostgreSQL cluster for tests: started from the local binaries, removed after.

Use it from any test folder by importing the fixture into that folder's ``conftest.py``::

    from tests.postgres import postgres_server as postgres_server

then ``async def test_x(postgres_server: PostgresServer)`` and
``url = await postgres_server.create_database()`` for a fresh, empty database. One cluster
serves the whole pytest run, however many folders import the fixture. Without PostgreSQL's
binaries the fixture skips, unless ``NEWSBOT_REQUIRE_POSTGRES=1`` (CI), which makes it fail.
Outside pytest, ``with running_postgres() as server:`` does the same.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

REQUIRE_ENV: Final = "NEWSBOT_REQUIRE_POSTGRES"
SUPERUSER: Final = "postgres"
# PostgreSQL refuses to run as root: under root the cluster runs as the first of these.
UNPRIVILEGED_USERS: Final = ("postgres", "nobody")
# Durability is of no use to a database deleted at the end of the run; speed is.
SERVER_OPTIONS: Final = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
START_TIMEOUT_S: Final = 30
PORT_ATTEMPTS: Final = 3
PREFIX: Final = "newsbot-pg-"
# The process that started a cluster, so that a later run can stop it if that process died.
STARTER_PID: Final = "starter.pid"


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL binaries here, or the cluster would not start."""


@dataclass(frozen=True)
class PostgresServer:
    """A running test cluster on 127.0.0.1, superuser `postgres` without a password."""

    port: int

    def url(self, database: str = "postgres") -> str:
        """Return the SQLAlchemy (asyncpg) URL of one of the cluster's databases."""
        return f"postgresql+asyncpg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    async def create_database(self, name: str | None = None) -> str:
        """Create an empty database (a fresh random name by default) and return its URL."""
        database = name or f"test_{uuid.uuid4().hex}"
        engine = create_async_engine(self.url(), isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as connection:
                await connection.execute(text(f'CREATE DATABASE "{database}"'))
        finally:
            await engine.dispose()
        return self.url(database)


def find_bin_dir() -> Path | None:
    """Return the folder of `initdb` and `pg_ctl`: on PATH, else the newest Debian install."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    installed = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    return Path(installed[-1]).parent if installed else None


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """Start a new cluster in a temporary folder, yield it, then stop it and delete the folder.

    Raises:
        PostgresUnavailableError: No binaries were found, or initdb or the server failed (the
            message carries their output).
    """
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise PostgresUnavailableError(
            "PostgreSQL's initdb and pg_ctl were found neither on PATH nor in "
            "/usr/lib/postgresql/*/bin (Debian: apt-get install postgresql)"
        )
    owner = _unprivileged_owner() if os.geteuid() == 0 else None
    _stop_orphans(bin_dir, owner)
    with ExitStack() as stack:
        # Not pytest's tmp_path: under root its parents are closed to the cluster's user.
        base = Path(tempfile.mkdtemp(prefix=PREFIX))
        stack.callback(shutil.rmtree, base, ignore_errors=True)
        (base / STARTER_PID).write_text(str(os.getpid()))
        if owner is not None:
            os.chown(base, owner.pw_uid, owner.pw_gid)
        data = base / "data"
        _run(
            owner,
            bin_dir / "initdb",
            "-D",
            str(data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        )
        log = base / "server.log"
        pg_ctl = bin_dir / "pg_ctl"
        for attempt in range(PORT_ATTEMPTS):
            # Another process may take the free port before the server binds it: try another.
            port = _free_port()
            options = f"-k {base} -c listen_addresses=127.0.0.1 -p {port} {SERVER_OPTIONS}"
            start = ("start", "-w", "-t", str(START_TIMEOUT_S), "-D", str(data), "-l", str(log))
            try:
                _run(owner, pg_ctl, *start, "-o", options, failure_log=log)
                break
            except PostgresUnavailableError:
                if attempt == PORT_ATTEMPTS - 1:
                    raise
        stack.callback(_run, owner, pg_ctl, "stop", "-D", str(data), "-m", "immediate", "-w")
        yield PostgresServer(port=port)


_shared: dict[str, PostgresServer] = {}
_unavailable: list[str] = []


@pytest.fixture(scope="session")
def postgres_server(request: pytest.FixtureRequest) -> PostgresServer:
    """The run's PostgreSQL cluster, started on first use and stopped when pytest ends."""
    if "server" not in _shared and not _unavailable:
        stack = ExitStack()
        try:
            _shared["server"] = stack.enter_context(running_postgres())
        except PostgresUnavailableError as exc:
            # Remembered, so that a broken install costs one attempt, not one per test.
            _unavailable.append(str(exc))
        else:

            def stop() -> None:
                _shared.clear()
                stack.close()

            # On the config, not this fixture: another folder's copy of the fixture shares it.
            request.config.add_cleanup(stop)
    if _unavailable:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but PostgreSQL is unavailable: {_unavailable[0]}")
        pytest.skip(f"PostgreSQL is unavailable: {_unavailable[0]}")
    return _shared["server"]


def _stop_orphans(bin_dir: Path, owner: pwd.struct_passwd | None) -> None:
    # A test run that was killed never stopped its cluster: stop it now and free its folder.
    for base in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            starter = int((base / STARTER_PID).read_text())
        except (OSError, ValueError):
            continue
        if _alive(starter):
            continue
        if (base / "data" / "postmaster.pid").exists():
            try:
                _run(owner, bin_dir / "pg_ctl", "stop", "-D", str(base / "data"), "-m", "immediate")
            except PostgresUnavailableError:
                continue
        shutil.rmtree(base, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _unprivileged_owner() -> pwd.struct_passwd:
    for name in UNPRIVILEGED_USERS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise PostgresUnavailableError(
        f"running as root, and none of the users {UNPRIVILEGED_USERS} exists to run PostgreSQL"
    )


def _run(
    owner: pwd.struct_passwd | None,
    *command: str | Path,
    failure_log: Path | None = None,
) -> None:
    try:
        subprocess.run(
            [str(part) for part in command],
            check=True,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT_S + 30,
            user=owner.pw_uid if owner else None,
            group=owner.pw_gid if owner else None,
            extra_groups=[] if owner else None,
            cwd="/",
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        output = getattr(exc, "stderr", None) or getattr(exc, "stdout", None) or ""
        if failure_log is not None and failure_log.exists():
            output += failure_log.read_text(errors="replace")
        name = Path(command[0]).name
        raise PostgresUnavailableError(f"{name} failed: {exc}\n{output}".strip()) from exc


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
