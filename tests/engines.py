"""Which engine the suite runs on, and a fresh floor database on it for each test.

By default every floor is a SQLite file under the test's tmp_path. With CALLFLOOR_TEST_DB_URL
set (`make test-pg` sets it to a throwaway server, tests/pg_server.py), each floor is a new
empty database on that PostgreSQL server instead, dropped when the test ends, and the tests
marked `sqlite_only` (about SQLite files: mounts, backups, WAL, modes) are skipped.
"""

from __future__ import annotations

import itertools
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TEST_DB_URL = os.environ.get("CALLFLOOR_TEST_DB_URL", "").strip() or None
"""The PostgreSQL server's URL (any database on it) when the suite runs on PostgreSQL."""

ON_POSTGRES = TEST_DB_URL is not None
ENGINE = "postgresql" if ON_POSTGRES else "sqlite"

_numbers = itertools.count(1)


def with_database(url: str, name: str) -> str:
    """url naming database name instead (the server, user and options kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_conninfo() -> str:
    assert TEST_DB_URL is not None
    parts = urlsplit(TEST_DB_URL)
    query = dict(parse_qsl(parts.query))
    return urlunsplit(parts._replace(path="/postgres", query=urlencode(query)))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(_admin_conninfo(), autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


@dataclass
class FloorDb:
    """Where a test's floor lives: a SQLite file, or a database on the test server."""

    path: Path | None = None
    url: str | None = None
    name: str = field(default="")
    """The database's name on the server (PostgreSQL only)."""

    def args(self) -> list[str]:
        """The command line's options that name this floor."""
        return ["--db", str(self.path)] if self.path is not None else ["--db-url", str(self.url)]

    def env(self) -> dict[str, str]:
        """The environment that names this floor (CALLFLOOR_DB / CALLFLOOR_DB_URL)."""
        return {"CALLFLOOR_DB": str(self.path)} if self.path is not None else {"CALLFLOOR_DB_URL": str(self.url)}

    def where(self) -> dict:
        """open_session's/open_database's keyword arguments for this floor."""
        return {"path": self.path} if self.path is not None else {"url": self.url}

    def open(self, **kwargs):
        from core.floor.session import open_session

        return open_session(**self.where(), **kwargs)

    def drop(self) -> None:
        if self.name:
            _admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def new_floor_db(folder: Path, stem: str = "floor") -> FloorDb:
    """A floor nobody has made yet: folder/stem.db, or a new empty database on the server."""
    if TEST_DB_URL is None:
        return FloorDb(path=folder / f"{stem}.db")
    name = f"t{os.getpid()}_{next(_numbers)}_{secrets.token_hex(3)}"
    _admin(f'CREATE DATABASE "{name}" TEMPLATE template0 STRATEGY file_copy')
    return FloorDb(url=with_database(TEST_DB_URL, name), name=name)
