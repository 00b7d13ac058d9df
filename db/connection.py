"""Opening the floor database: a local SQLite file by default, any Peewee URL otherwise."""

from __future__ import annotations

import os
import re
import sqlite3
from contextlib import ExitStack, contextmanager
from pathlib import Path

from peewee import Database, DatabaseError, DatabaseProxy, ImproperlyConfigured, SqliteDatabase

from db import migrations
from db.drivers import psycopg_error
from db.errors import (
    BadSetting,
    DatabaseBusy,
    DatabaseMissing,
    DatabaseUnreachable,
    DiskFull,
    ReadOnlyDatabase,
    StorageError,
    WriteConflict,
)
from db.models import database as database_proxy
from db.netfs import refuse_network_filesystem
from db.postgres import APPEND_ONLY_SQLSTATE, FloorPostgresDatabase
from db.sqlite_file import (
    FloorSqliteDatabase,
    gone_message,
    read_only_message,
    read_only_query,
    read_only_uri,
    refuse_not_a_floor_file,
    wal_cut_short,
    wal_cut_short_message,
)
from db.urls import SQLITE_SCHEMES, is_postgres_url, redact_url, scheme_of


def driver_errors() -> tuple[type[Exception], ...]:
    """Every error a database driver raises; peewee wraps most, not those of a rollback.
    (Asked when an error is caught: psycopg is loaded only once a PostgreSQL floor opens.)"""
    return (DatabaseError, sqlite3.DatabaseError, psycopg_error())


BUSY_TIMEOUT_SECONDS = 15
"""How long a writer waits for another's lock before giving up with a clear message."""
BUSY_TIMEOUT_VARIABLE = "CALLFLOOR_BUSY_TIMEOUT"
"""Seconds, overriding BUSY_TIMEOUT_SECONDS: a floor whose backups take long can wait longer,
and the fault tests wait one second instead of fifteen."""
BUSY_TIMEOUT_RANGE = (0.1, 600.0)

SQLITE_PRAGMAS = {
    "journal_mode": "wal",  # readers never block the writer, the writer never blocks readers
    "synchronous": "normal",  # safe with WAL: a crash loses no committed transaction's integrity
    "foreign_keys": 1,
    "busy_timeout": BUSY_TIMEOUT_SECONDS * 1000,
    "cache_size": -16000,  # 16 MB page cache per session
}

_busy_timeout_in_use: float = BUSY_TIMEOUT_SECONDS
"""The timeout of the database opened last (one per process), for the "stayed locked" message."""
_path_in_use: str | None = None
"""The SQLite file opened last (one per process), for the "cannot be read" message's check."""
_url_in_use: str | None = None
"""The server URL opened last (one per process), for the "cannot be reached" message."""


def busy_timeout_seconds() -> float:
    """BUSY_TIMEOUT_VARIABLE when set, else BUSY_TIMEOUT_SECONDS; a bad value is refused by name."""
    text = os.environ.get(BUSY_TIMEOUT_VARIABLE, "").strip()
    if not text:
        return BUSY_TIMEOUT_SECONDS
    low, high = BUSY_TIMEOUT_RANGE
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not low <= seconds <= high:  # also refuses nan
        raise BadSetting(
            f"{BUSY_TIMEOUT_VARIABLE}={text!r} is not a number of seconds from "
            f"{low:g} to {high:g} (how long a save waits for another process's lock; "
            f"unset it for the default {BUSY_TIMEOUT_SECONDS})"
        )
    return seconds


def open_database(
    path: str | os.PathLike | None = None, url: str | None = None, create: bool = False, upgrade: bool = True
) -> Database:
    """Open the database, bind the models to it and bring its schema up to date.

    create=False refuses a SQLite file that does not exist yet, or is empty, so a typo in --db
    never starts an empty floor beside the real one; a file that is not a callfloor floor (text,
    another program's database) is refused either way and left as it was.
    """
    if (path is None) == (url is None):
        raise ValueError("give exactly one of path or url")
    if url is not None:
        db = _from_url(url, create)
    else:
        db = _sqlite(str(path), create)
    database_proxy.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        if upgrade:
            migrations.upgrade(db, write_transaction)
    except DatabaseError as exc:
        db.close()
        raise translate(exc) from exc
    except (ImproperlyConfigured, RuntimeError) as exc:
        raise StorageError(f"cannot connect to the floor database: {_safe(str(exc), url)}") from exc
    except StorageError:
        db.close()
        raise
    return db


def _from_url(url: str, create: bool) -> Database:
    global _busy_timeout_in_use, _url_in_use
    if is_postgres_url(url):
        seconds = busy_timeout_seconds()
        _busy_timeout_in_use, _url_in_use = seconds, url
        return FloorPostgresDatabase(url, busy_timeout=seconds)
    if scheme_of(url) not in SQLITE_SCHEMES:
        raise StorageError(
            f"a floor is a SQLite file or a PostgreSQL database; {redact_url(url)!r} is neither: give "
            "--db PATH for a file, or a postgresql://[user@]host[:port]/database URL"
        )
    from playhouse.db_url import connect as connect_url  # only for other URLs: it is slow to import

    try:
        db = connect_url(url)
    except (RuntimeError, ImproperlyConfigured, ValueError) as exc:
        raise StorageError(
            f"cannot use the database URL {redact_url(url)!r}: {_safe(str(exc), url)}"
        ) from exc
    if isinstance(db, SqliteDatabase):
        return _sqlite(db.database, create)
    return db


def _safe(text: str, url: str | None) -> str:
    """text with url's password taken out, should a driver repeat the URL."""
    return text.replace(url, redact_url(url)) if url else text


def _sqlite(path: str, create: bool) -> SqliteDatabase:
    global _busy_timeout_in_use, _path_in_use
    seconds = busy_timeout_seconds()
    read_only = None
    if path != ":memory:":
        file = Path(path)
        if not file.exists() and not create:
            raise DatabaseMissing(
                f"no floor database at {path} (if one was there, it was moved or deleted: restore "
                f"it or its latest backup); to start a new floor: callfloor db init --db {path}"
            )
        if not file.parent.exists():
            raise DatabaseMissing(f"the folder {file.parent} does not exist; create it first")
        refuse_network_filesystem(file)
        if not file.exists():
            if not os.access(file.parent, os.W_OK):
                raise ReadOnlyDatabase(
                    f"cannot create the floor database in {file.parent}: the "
                    "folder is read-only here (mount or permissions)"
                )
        else:
            refuse_not_a_floor_file(path, new_floor=create)
            read_only = read_only_query(path)
    _busy_timeout_in_use = seconds
    _path_in_use = None if path == ":memory:" else path
    pragmas = {**SQLITE_PRAGMAS, "busy_timeout": round(seconds * 1000)}
    return FloorSqliteDatabase(path, pragmas=pragmas, timeout=seconds, read_only=read_only, new_floor=create)


def set_page_cache(db: Database, megabytes: int) -> None:
    """SQLite's page cache of each connection of db, this one and those opened after (a pool
    thread's). Elsewhere the server keeps the cache: nothing to do."""
    if isinstance(db, SqliteDatabase):
        db.pragma("cache_size", -megabytes * 1000, permanent=True)


def database_name(db: Database) -> str:
    """The floor database's own name: a SQLite file's name without .db, a server database's."""
    if isinstance(db, FloorPostgresDatabase):
        return db.database_name
    name = str(db.database or "")
    return Path(name).stem or name


def is_sqlite(db: Database) -> bool:
    return isinstance(db, SqliteDatabase)


@contextmanager
def write_transaction(db: Database):
    """A transaction that will write: on SQLite it takes the write lock up front.

    A deferred transaction that reads and then writes fails with "database is locked" under
    load, without waiting; BEGIN IMMEDIATE waits for the lock (busy timeout) instead.
    Inside the lock, one stat makes sure the file is still the one this session opened: a write
    into a deleted file would be acknowledged and lost.
    """
    if isinstance(db, FloorPostgresDatabase):
        try:
            nested = db.in_transaction()
            with ExitStack() as transaction:
                db._locking.on = True  # BEGIN IMMEDIATE's counterpart: one writer at a time (db/postgres.py)
                try:
                    transaction.enter_context(db.atomic())
                finally:
                    db._locking.on = False
                if nested:
                    db.take_write_lock()  # a savepoint inside another transaction: lock it here
                yield
        except psycopg_error() as exc:  # a rollback on a dropped connection: peewee passes it on bare
            raise translate(exc) from exc
        return
    if not is_sqlite(db):
        with db.atomic():
            yield
        return
    if isinstance(db, FloorSqliteDatabase) and db.read_only:
        db.ensure_writable_file()  # refuses before waiting for a lock it can never use
    with db.atomic("IMMEDIATE"):
        if isinstance(db, FloorSqliteDatabase):
            db.ensure_writable_file()
        yield


def for_write(query):
    """query with FOR UPDATE where the engine has it; SQLite's BEGIN IMMEDIATE already holds
    the write lock, so there it is the query unchanged."""
    db = query.model._meta.database
    db = db.obj if isinstance(db, DatabaseProxy) else db
    return query.for_update() if db.for_update else query


def change_counter(db: Database) -> int:
    """A number that moves when another connection commits. SQLite's data_version costs
    microseconds (it does not move for this connection's own writes: refresh after those);
    elsewhere the newest timeline event, which every ticket change writes.

    A SQLite file removed under a running session still reads (the open handle keeps the
    old inode), so a screen would show a floor nobody writes to any more: say so instead."""
    if is_sqlite(db):
        if isinstance(db, FloorSqliteDatabase):
            db.ensure_same_file()
        elif db.database != ":memory:" and not os.path.exists(db.database):
            raise DatabaseMissing(gone_message(db.database))
        return db.execute_sql("PRAGMA data_version").fetchone()[0]
    if isinstance(db, FloorPostgresDatabase):
        try:
            return db.heard_changes()
        except Exception as exc:  # psycopg's errors, unwrapped by peewee here
            raise translate(exc) from exc
    return db.execute_sql("SELECT MAX(id) FROM timeline_event").fetchone()[0] or 0


def follows_own_writes(db: Database) -> bool:
    """Whether change_counter moves for other sessions' writes only, and for all of them (so a
    counter that stood still means nothing was written): SQLite and PostgreSQL, not others."""
    return is_sqlite(db) or isinstance(db, FloorPostgresDatabase)


@contextmanager
def snapshot(db: Database):
    """One consistent read of several queries (a report, counts with the change they include):
    SQLite's read transaction sees one commit; on PostgreSQL REPEATABLE READ does (READ
    COMMITTED, the default, lets each statement see newer commits)."""
    if isinstance(db, FloorPostgresDatabase) and not db.in_transaction():
        with db.atomic("REPEATABLE READ"):
            db.execute_sql("SET TRANSACTION READ ONLY")
            yield
        return
    with db.atomic():
        yield


def not_live_reason(db: Database) -> str | None:
    """Why this session cannot follow other sessions' changes (say NOT LIVE and this); None
    when its change signal follows them."""
    return db.not_live_reason if isinstance(db, FloorSqliteDatabase) else None


def translate(exc: Exception) -> StorageError:
    """Turn a driver error into a message a person can act on."""
    server = _server_error(exc)
    if server is not None:
        return server
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            f"the floor database stayed locked by another process for over "
            f"{_busy_timeout_in_use:g} s (a backup or a stuck session?); nothing was changed: "
            "try again in a moment"  # a form that kept the typing says so itself (not every action types)
        )
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase(read_only_message())
    if "disk" in text and "full" in text:
        return DiskFull(
            "the disk that holds the floor database is full; nothing was changed and "
            "what you typed is kept: free some space (or tell the floor's supervisor), "
            "then save again"
        )
    if "malformed" in text or "not a database" in text:
        return _unreadable(text)
    if "disk I/O error" in text and _path_in_use and wal_cut_short(_path_in_use):
        return DatabaseMissing(wal_cut_short_message(_path_in_use))
    if "unable to open" in text:
        return StorageError(f"the floor database cannot be opened: {text}")
    return StorageError(f"database error: {text}")


_NO_DATABASE = re.compile(r'database "([^"]*)" does not exist')
_LOGIN_REFUSED = re.compile(
    r'role "[^"]*" does not exist|password authentication failed for user "[^"]*"|'
    r"no pg_hba\.conf entry[^\n]*|fe_sendauth: no password supplied"
)
_UNREACHABLE_STATES = ("08", "57P01", "57P02", "57P03", "53300")
"""Connection lost or refused, the server shutting down or starting, too many connections."""


def _driver_error(exc: Exception):
    """psycopg's own error behind exc: exc itself, or the one peewee wrapped (its first
    argument, or the error it was raised while handling); None for any other driver."""
    for candidate in (exc, *getattr(exc, "args", ()), exc.__context__):
        if isinstance(candidate, psycopg_error()):
            return candidate
    return None


def _server_error(exc: Exception) -> StorageError | None:
    """A PostgreSQL error, by its SQLSTATE (peewee wraps psycopg's error: the first argument)."""
    import psycopg

    original = _driver_error(exc)
    if original is None:
        return None
    state = original.sqlstate or ""
    primary = (original.diag.message_primary if original.diag else None) or str(original).splitlines()[0]
    where = redact_url(_url_in_use) if _url_in_use else "the floor's database server"
    if state in ("55P03", "57014"):  # lock_not_available (lock_timeout), query_canceled
        return DatabaseBusy(
            f"the floor database stayed locked by another session for over {_busy_timeout_in_use:g} s "
            "(a long import, a backup or a stuck session?); nothing was changed: try again in a moment"
        )
    if state in ("40001", "40P01"):  # serialization_failure, deadlock_detected
        return WriteConflict(
            "another session changed the same rows at the same moment; nothing was changed: try again"
        )
    if state in ("25006", "42501"):  # read_only_sql_transaction, insufficient_privilege
        why = "the server is read-only (a standby?)" if state == "25006" else f"the server refused: {primary}"
        return ReadOnlyDatabase(
            f"the floor database {where} can only be read by this login ({why}); nothing was "
            "changed: tell the floor's supervisor (docs/postgresql.md lists the grants an agent needs)"
        )
    if state.startswith("53") and state != "53300":  # disk_full, out_of_memory, ...
        return DiskFull(
            f"the floor's database server has no room for the change ({primary}); nothing was changed "
            "and what you typed is kept: tell the floor's supervisor, then save again"
        )
    if state in ("22021", "22P05") or (isinstance(original, psycopg.DataError) and "NUL" in str(original)):
        return StorageError(  # the forms refuse it first (core/basics/validate.py): a backstop
            "a text holds a NUL character (\\x00), which the floor's database server cannot store; "
            "nothing was changed: remove it and try again"
        )
    if state == APPEND_ONLY_SQLSTATE:
        return StorageError(f"database error: {primary}")
    missing = _NO_DATABASE.search(str(original))
    if state == "3D000" or missing:
        name = f'"{missing.group(1)}"' if missing else "named in the URL"
        return DatabaseMissing(
            f"there is no database {name} on the server ({where}); nothing was changed: check the "
            "name in the URL, or create it (createdb) and make it a floor: callfloor db init --db-url URL"
        )
    refused = _LOGIN_REFUSED.search(str(original))
    if state.startswith("28") or refused:
        why = refused.group(0) if refused else primary
        return StorageError(
            f"the floor's database server refused the login ({where}: {why}); nothing was changed: "
            "check the user in the URL and the password (PGPASSWORD or ~/.pgpass); the floor's "
            "database owner grants access (docs/postgresql.md)"
        )
    if isinstance(original, psycopg.OperationalError) and (
        not state or state.startswith(_UNREACHABLE_STATES)
    ):
        return DatabaseUnreachable(
            f"the floor's database server cannot be reached ({where}: {_safe(primary, _url_in_use)}); "
            "nothing was changed: check that the server is running and reachable from this host, "
            "then try again"
        )
    return None


def refusal_detail(exc: Exception) -> str:
    """What a database's refusal of a change says, without a server's CONTEXT lines."""
    original = _driver_error(exc)
    if original is not None and original.diag and original.diag.message_primary:
        return original.diag.message_primary
    return str(exc)


def _unreadable(text: str) -> StorageError:
    """SQLite says the file is malformed. That is also what a session sees when the file changed
    under it (read as immutable, restored over): so a quick_check of the file decides whether a
    restore is the advice; only a damaged file gets it."""
    path = _path_in_use
    problems = _quick_check(path) if path else None
    if problems:
        return StorageError(
            f"the floor database {path} is damaged ({problems[0]}); restore the "
            "latest backup (callfloor db backup makes them) and tell the floor's supervisor"
        )
    where = path or "(the floor's file)"
    if problems is None:
        return StorageError(
            f"the floor database {where} could not be read here ({text}); nothing "
            f"was changed. To see whether the file is damaged: callfloor db check --db {where}"
        )
    return StorageError(
        f"the floor database {where} could not be read here ({text}), though the file "
        "itself checks fine: it was probably changed under this session; nothing was "
        f"changed. Reopen callfloor; if it happens again: callfloor db check --db {where}"
    )


_checked: dict[str, tuple[tuple, list[str] | None]] = {}
"""path -> (the file's stamp, its quick_check): screens poll twice a second, and a file that
stays unreadable must not be read whole again on every poll."""


def _file_stamp(path: str) -> tuple:
    stamp: list = []
    for name in (path, f"{path}-wal"):
        try:
            found = os.stat(name)
            stamp.append((found.st_ino, found.st_size, found.st_mtime_ns))
        except OSError:
            stamp.append(None)
    return tuple(stamp)


def _quick_check(path: str) -> list[str] | None:
    """PRAGMA quick_check of the file at path on a connection of its own: [] when it is fine,
    its problems otherwise, None when it could not be checked from here. Checked again only
    when the file (or its -wal) changed."""
    stamp = _file_stamp(path)
    known = _checked.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    result = _checked_now(path)
    _checked[path] = (stamp, result)
    return result


def _checked_now(path: str) -> list[str] | None:
    try:
        query = read_only_query(path) or "mode=ro"
        conn = sqlite3.connect(read_only_uri(path, query), uri=True, timeout=2)
    except (StorageError, OSError, sqlite3.Error):
        return None
    try:
        rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        damaged = "malformed" in str(exc) or "not a database" in str(exc)
        return [str(exc)] if damaged else None
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


@contextmanager
def storage_errors():
    """Re-raise driver errors raised inside the block as StorageError."""
    try:
        yield
    except driver_errors() as exc:
        raise translate(exc) from exc
