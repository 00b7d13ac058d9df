"""The floor's SQLite file as a thing that can go wrong: it may be read-only here, or be moved,
deleted or replaced while sessions have it open.

A session that keeps writing to a deleted file writes into an inode nobody will ever open
again: every "saved" note after that is lost. So the database remembers which file it opened
(device and inode) and a write first checks, with one stat, that the path still names it.

A WAL database needs its -shm file to be read. On a read-only mount or folder with no -shm
beside the file, a plain open fails with "unable to open database file"; opening it with
mode=ro (when a -shm exists or can be made) or immutable=1 (when nothing on this path can
change it) lets agents still read the floor, and every save says the floor is read-only.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from peewee import SqliteDatabase

from db.errors import DatabaseMissing, ReadOnlyDatabase, StorageError

FileIdentity = tuple[int, int]
"""(st_dev, st_ino): which file a path named when the connection opened it."""


def gone_message(path: str) -> str:
    return (f"the floor database {path} is gone (moved or deleted); restore it or its latest "
            "backup, then reopen callfloor")


def read_only_message(path: str | None = None) -> str:
    where = f"the floor database {path}" if path else "the floor database"
    return (f"{where} can only be read here (its filesystem is mounted read-only, or the file "
            "or its folder is not writable for you: see the floor group in the README's floor "
            "host section); nothing was changed")


def _identity(path: str) -> FileIdentity | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _writable(path: str) -> bool:
    return os.access(path, os.W_OK)


def read_only_query(path: str) -> str | None:
    """None when this process can write the database; otherwise the URI query that opens it
    for reading ("mode=ro" or "mode=ro&immutable=1")."""
    folder = os.path.dirname(os.path.abspath(path))
    wal, shm = f"{path}-wal", f"{path}-shm"
    side_files = _writable(folder) or (_writable(wal) and _writable(shm))
    if _writable(path) and side_files:
        return None
    if _writable(folder) or os.path.exists(shm):
        return "mode=ro"  # SQLite >= 3.22 reads WAL through an existing or new -shm
    if os.path.exists(wal) and os.path.getsize(wal) > 0:
        raise ReadOnlyDatabase(
            f"the floor database {path} is read-only here and its last changes are still in "
            f"{wal}, which only a session that can write the folder can fold in; open it once "
            "where it is writable (or copy the folder to a writable disk), then read it here")
    # Nothing here can write the file or make a -shm, so no one on this path changes it.
    return "mode=ro&immutable=1"


class FloorSqliteDatabase(SqliteDatabase):
    """SqliteDatabase that knows whether it may write and which file it opened."""

    def __init__(self, path: str, *args, read_only: str | None = None, **kwargs) -> None:
        super().__init__(path, *args, **kwargs)
        self.read_only_query = read_only
        """None, or the URI query this database is opened read-only with."""
        self.file_identity: FileIdentity | None = None
        """The file the first connection opened; later writes and reconnections must find it."""

    @property
    def read_only(self) -> bool:
        return self.read_only_query is not None

    def _connect(self):
        opened_before = self.file_identity is not None
        if opened_before and self.database != ":memory:" and _identity(self.database) is None:
            # sqlite3.connect would make a new, empty floor at the old path: refuse instead.
            raise DatabaseMissing(gone_message(self.database))
        if self.read_only:
            uri = f"{Path(self.database).absolute().as_uri()}?{self.read_only_query}"
            conn = sqlite3.connect(uri, uri=True, timeout=self._timeout, isolation_level=None,
                                   **self.connect_params)
            try:
                self._add_conn_hooks(conn)
            except Exception:
                conn.close()
                raise
        else:
            conn = super()._connect()
        if self.database != ":memory:" and not opened_before:
            self.file_identity = _identity(self.database)
        return conn

    def rollback(self):
        """After a full disk or an I/O error SQLite has already rolled the transaction back
        itself; a second ROLLBACK would fail ("no transaction is active") and hide the error
        that says what happened."""
        if not self.is_closed() and not self.connection().in_transaction:
            return
        super().rollback()

    def ensure_writable_file(self) -> None:
        """Before a write: refuse it when this database is read-only here, or when its path
        no longer names the file that was opened (moved, deleted or replaced). One stat."""
        if self.read_only:
            raise ReadOnlyDatabase(read_only_message(self.database))
        self.ensure_same_file()

    def ensure_same_file(self) -> None:
        if self.database == ":memory:" or self.file_identity is None:
            return
        now = _identity(self.database)
        if now is None:
            raise DatabaseMissing(gone_message(self.database))
        if now != self.file_identity:
            raise StorageError(
                f"the floor database {self.database} was replaced by another file while this "
                "session had it open; nothing was changed. Reopen callfloor to work on the new file")
