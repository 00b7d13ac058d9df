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
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TEST_DB_URL = os.environ.get("CALLFLOOR_TEST_DB_URL", "").strip() or None
"""The PostgreSQL server's URL (any database on it) when the suite runs on PostgreSQL."""

ON_POSTGRES = TEST_DB_URL is not None
ENGINE = "postgresql" if ON_POSTGRES else "sqlite"

LOCKED_BY = "stayed locked by another session" if ON_POSTGRES else "stayed locked by another process"
"""How the message of a save that waited out another's lock begins: on a database server the lock
is another session's, a connection of any process (db/connection.py words the two apart)."""

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
        return (
            {"CALLFLOOR_DB": str(self.path)} if self.path is not None else {"CALLFLOOR_DB_URL": str(self.url)}
        )

    def where(self) -> dict:
        """open_session's/open_database's keyword arguments for this floor."""
        return {"path": self.path} if self.path is not None else {"url": self.url}

    def spec(self) -> str:
        """The floor as one string, its path or its URL, for a script in another process (which
        reads it back with FloorDb.from_spec)."""
        return str(self.path) if self.path is not None else str(self.url)

    @staticmethod
    def from_spec(text: str) -> FloorDb:
        return FloorDb(url=text) if "://" in text else FloorDb(path=Path(text))

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


def copy_floor(source: FloorDb, target: FloorDb) -> None:
    """target made a copy of source, which no process has open: the file copied (its mode with
    it), or the server's database made again from source as its template."""
    if source.path is not None:
        assert target.path is not None and not Path(f"{source.path}-wal").exists()
        shutil.copy2(source.path, target.path)
        return
    _admin(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{target.name}" TEMPLATE "{source.name}" STRATEGY file_copy')


def connect(where: FloorDb):
    """A DB-API connection of its own to the floor, as another program would open it: the
    sqlite3 module on the file, or psycopg on the server. The caller closes it."""
    if where.path is not None:
        import sqlite3

        return sqlite3.connect(where.path)
    import psycopg

    return psycopg.connect(str(where.url))


def query(where: FloorDb, sql: str, params: tuple = (), *, by_name: bool = False) -> list:
    """The rows of sql (``?`` placeholders on both engines) on a connection of its own,
    committed: tuples, or rows read by column name with by_name (sqlite3.Row, or dicts from
    psycopg). A column keeps its engine's type: SQLite gives stored text where PostgreSQL gives
    a datetime or a bool."""
    conn = connect(where)
    try:
        if where.path is not None:
            import sqlite3

            if by_name:
                conn.row_factory = sqlite3.Row
            cursor = conn.execute(sql, params)
        else:
            from psycopg.rows import dict_row

            cursor = conn.cursor(row_factory=dict_row) if by_name else conn.cursor()
            cursor.execute(sql.replace("?", "%s") if params else sql, params or None)
        rows = cursor.fetchall() if cursor.description else []
        conn.commit()
        return list(rows)
    finally:
        conn.close()


def table_rows(where: FloorDb, table: str) -> list[tuple]:
    """Every row of table, ordered by id, read on a connection of its own (read-only on SQLite)."""
    if where.path is not None:
        import sqlite3

        conn = sqlite3.connect(f"file:{where.path}?mode=ro", uri=True)
    else:
        conn = connect(where)
    try:
        return list(conn.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall())
    finally:
        conn.close()


def trigger_names(db) -> set[str]:
    """The triggers in the open database db (a Peewee database), by name."""
    from peewee import SqliteDatabase

    if isinstance(db, SqliteDatabase):
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    return {name for (name,) in db.execute_sql(sql)}


def everything(db) -> list[str]:
    """The whole open database db (a Peewee database) as lines of text: SQLite's dump; on a
    server each table's rows, a line each, its table's name first."""
    from peewee import SqliteDatabase

    if isinstance(db, SqliteDatabase):
        return list(db.connection().iterdump())
    return [
        f"{table}: {row!r}"
        for table in sorted(db.get_tables())
        for row in db.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
    ]


def refuse_inserts(db, table: str, message: str) -> None:
    """A trigger that makes every insert into table fail with message (as a full disk would,
    mid-change), in the open database db (a Peewee database)."""
    from peewee import SqliteDatabase

    name = f"no_{table}_inserts"
    if isinstance(db, SqliteDatabase):
        db.execute_sql(
            f'CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
        return
    db.execute_sql(
        f'CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$ '
        f"BEGIN RAISE EXCEPTION '{message}'; END $$"
    )
    db.execute_sql(
        f'CREATE TRIGGER "{name}" BEFORE INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION "{name}"()'
    )


def refuse_writes_on_this_connection(db, refuse: bool) -> None:
    """The current connection of db (a Peewee database) refuses writes from now on (refuse=True)
    or takes them again: SQLite's query_only, a server's read-only transactions."""
    from peewee import SqliteDatabase

    if isinstance(db, SqliteDatabase):
        db.execute_sql(f"PRAGMA query_only = {'ON' if refuse else 'OFF'}")
    else:
        db.execute_sql(f"SET default_transaction_read_only = {'on' if refuse else 'off'}")


def database_rows(where: FloorDb) -> dict[str, list[tuple]]:
    """Every table's rows, on a connection of its own: what a test compares to say a floor was
    left untouched where the file's bytes cannot say it (on a server)."""
    if where.path is not None:
        tables = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    else:
        tables = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    return {table: query(where, f'SELECT * FROM "{table}" ORDER BY 1') for (table,) in query(where, tables)}
