"""A throwaway PostgreSQL cluster for tests: Debian's PostgreSQL 15, initdb'd in a temporary directory, listening
only on a unix socket there, stopped and removed afterwards. PostgreSQL refuses to run as root, so as root the
cluster runs as the `postgres` user (`runuser`), its directory handed to it.

    from tests.pgcluster import pg_cluster, postgres_url  # noqa: F401  (postgres_url is a fixture)

`pg_cluster()` is the context manager; the fixture `pg_server` (one cluster per test session and worker) yields
its admin URL, and `postgres_url` a fresh empty database on it for each test (postgresql+psycopg://...).
When the binaries are missing the fixtures skip with the reason (`make test` installs them)."""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("SONPO_PG_BIN", "/usr/lib/postgresql/15/bin"))
MISSING = (f"PostgreSQL binaries not found in {PG_BIN} (Debian: apt-get install postgresql-15; `make test` "
           "installs them)")


def available() -> bool:
    return (PG_BIN / "initdb").exists() and (PG_BIN / "pg_ctl").exists()


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_postgres(cmd), capture_output=True, text=True, timeout=120, check=False)
    if done.returncode:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({done.returncode}): {done.stderr.strip() or done.stdout}")


def url(socket_dir: str, port: int, database: str = "postgres") -> str:
    return f"postgresql+psycopg://postgres@/{database}?host={socket_dir}&port={port}"


@contextmanager
def pg_cluster() -> Iterator[str]:
    """A running cluster's URL (database `postgres`, user `postgres`, no password, unix socket only)."""
    root = tempfile.mkdtemp(prefix="sonpo-pg-")
    data = os.path.join(root, "data")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = _free_port()
    started = False
    try:
        _run([str(PG_BIN / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C",
              "--no-sync"])
        options = f"-p {port} -k {root} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        _run([str(PG_BIN / "pg_ctl"), "-D", data, "-l", os.path.join(root, "log"), "-w", "-o", options, "start"])
        started = True
        yield url(root, port)
    finally:
        if started:
            subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"]),
                           capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def create_database(admin_url: str, name: str) -> str:
    """A new empty database on the cluster of `admin_url`; its URL."""
    import psycopg

    base, query = admin_url.split("?", 1)
    conninfo = dict(p.split("=", 1) for p in query.split("&"))
    with psycopg.connect(host=conninfo["host"], port=conninfo["port"], user="postgres", dbname="postgres",
                         autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"'.encode())
    return f"{base.rsplit('/', 1)[0]}/{name}?{query}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    if not available():
        pytest.skip(MISSING)
    with pg_cluster() as admin:
        yield admin


_numbers = itertools.count(1)


@pytest.fixture
def postgres_url(pg_server: str) -> str:
    return create_database(pg_server, f"t{os.getpid()}_{next(_numbers)}")
