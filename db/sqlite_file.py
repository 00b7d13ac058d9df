"""The floor's SQLite file as a thing that can go wrong: it may be read-only here, or be moved,
deleted or replaced while sessions have it open.

A session that keeps writing to a deleted file writes into an inode nobody will ever open
again: every "saved" note after that is lost. So the database remembers which file it opened
(device and inode) and a write first checks, with one stat, that the path still names it.

A WAL database needs its -shm file to be read. On a read-only mount or folder with no -shm
beside the file, a plain open fails with "unable to open database file"; opening it with
mode=ro (when a -shm exists or can be made) lets agents still read the floor, live, and every
save says the floor is read-only. immutable=1 (no locks, no -shm) is used only where nothing is
meant to write the file (a read-only filesystem, or a file with no write permission for
anyone): a file others write, read as immutable, shows a frozen floor and then fails as
"malformed" after their checkpoint. Such a session says it is not live, and stops with a clear
message as soon as the file changes. A file others may write, in a folder this login cannot
write, with no -shm (no session has it open) is refused: mode=ro cannot read it then.

The WAL is part of the floor too: a write into a -wal file that was deleted under the session
is acknowledged and then lost, so each connection remembers its -wal file and a write checks it.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

from peewee import SqliteDatabase

from db.errors import DatabaseMissing, NotAFloor, ReadOnlyDatabase, StorageError

FileIdentity = tuple[int, int]
"""(st_dev, st_ino): which file a path named when the connection opened it."""

IMMUTABLE = "mode=ro&immutable=1"
"""The read-only query for a file nothing may write: read without locks and without a -shm."""

SQLITE_HEADER = b"SQLite format 3\x00"


def gone_message(path: str) -> str:
    return (
        f"the floor database {path} is gone (moved or deleted); restore it or its latest "
        "backup, then reopen callfloor"
    )


def wal_gone_message(path: str) -> str:
    return (
        f"the floor database's log {path}-wal is gone (moved or deleted) while this session "
        "had it open; nothing was changed, and changes saved here since the floor's last "
        "checkpoint may be missing from the file. Close callfloor, then ask the floor's "
        f"supervisor to run: callfloor db check --db {path}"
    )


def wal_cut_short(path: str) -> bool:
    """Whether the -shm's index says the -wal holds more frames than the -wal file has: the log
    was deleted (or cut) while a session had the floor open. The index header is SQLite's
    WalIndexHdr in native byte order: isInit at 12, szPage at 14 (1 means 64 KiB), mxFrame at 16."""
    try:
        with open(f"{path}-shm", "rb") as shm:
            header = shm.read(20)
        wal_size = os.stat(f"{path}-wal").st_size if os.path.exists(f"{path}-wal") else 0
    except OSError:
        return False
    if len(header) < 20:
        return False
    is_init, _, page_size, frames = struct.unpack("=BBHI", header[12:20])
    page_size = 65536 if page_size == 1 else page_size
    return bool(is_init) and frames > 0 and wal_size < 32 + frames * (24 + page_size)


def wal_cut_short_message(path: str) -> str:
    return (
        f"the floor database's log {path}-wal is shorter than its index {path}-shm says (deleted "
        "or cut while a session had the floor open): changes saved since the last checkpoint "
        "are missing from the file; nothing was changed. Close every callfloor session, then "
        f"run callfloor db check --db {path} again"
    )


def read_only_message(path: str | None = None) -> str:
    where = f"the floor database {path}" if path else "the floor database"
    return (
        f"{where} can only be read here (its filesystem is mounted read-only, or the file "
        "or its folder is not writable for you: see the floor group in "
        "docs/floor-host.md); nothing was changed"
    )


def read_only_uri(path: str | os.PathLike, query: str = "mode=ro") -> str:
    """The URI that opens path for reading only (query: "mode=ro", or with immutable=1)."""
    return f"{Path(path).absolute().as_uri()}?{query}"


def _identity(path: str) -> FileIdentity | None:
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _writable(path: str) -> bool:
    return os.access(path, os.W_OK)


def _nothing_may_write(path: str) -> bool:
    """A read-only filesystem, or a file without any write permission bit: no floor session is
    meant to change it (root could, and the not-live session then notices the change)."""
    if os.statvfs(path).f_flag & os.ST_RDONLY:
        return True
    return not os.stat(path).st_mode & 0o222


def read_only_query(path: str) -> str | None:
    """None when this process can write the database; otherwise the URI query that opens it
    for reading ("mode=ro", live, or IMMUTABLE, not live, for a file nothing may write).
    ReadOnlyDatabase when it cannot be read safely here."""
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
            "where it is writable (or copy the folder to a writable disk), then read it here"
        )
    if _nothing_may_write(path):
        return IMMUTABLE
    # Others may write it, and mode=ro needs a -wal and -shm that only a writer can make here.
    raise ReadOnlyDatabase(
        f"the floor database {path} can only be read here and no session has it open now (there "
        f"is no {shm}), so this session could not follow the floor's changes; nothing was "
        "changed. Open it again while an agent's session is running, or let this login write "
        f"the folder {folder} (the floor group: see docs/floor-host.md)"
    )


def refuse_not_a_floor_file(path: str, new_floor: bool) -> None:
    """Before SQLite touches the file: a text file, a folder or (unless a new floor is being
    made) an empty file is refused by name, and left as it was."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise NotAFloor(
            f"{path} is a folder, not a floor database; give the floor's file "
            f"(e.g. --db {os.path.join(path, 'floor.db')})"
        ) from None
    except OSError as exc:
        raise StorageError(
            f"cannot read the floor database {path}: {exc.strerror} (see the floor "
            "group in docs/floor-host.md)"
        ) from exc
    if not head:
        if not new_floor:
            raise NotAFloor(_empty_message(path))
    elif head != SQLITE_HEADER:
        raise NotAFloor(
            f"{path} is not a callfloor floor: it is not a SQLite database; nothing "
            "was changed. Check the --db path (or CALLFLOOR_DB)"
        )


def _empty_message(path: str) -> str:
    return (
        f"{path} is empty, not a floor (nothing was ever set up in it); nothing was changed. "
        f"To make it a new floor: callfloor db init --db {path}"
    )


def refuse_not_a_floor(conn: sqlite3.Connection, path: str, new_floor: bool) -> None:
    """On the first raw connection, before any pragma (journal_mode=wal rewrites the file's
    header): another program's SQLite database never gets callfloor's tables, and an empty one
    becomes a floor only when one is being made (db init)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_meta" in tables or (not tables and new_floor):
        return
    if not tables:
        raise NotAFloor(_empty_message(path))
    names = sorted(tables)
    shown = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
    raise NotAFloor(
        f"{path} is not a callfloor floor: it is a SQLite database of another program "
        f"(its tables: {shown}); nothing was changed. Check the --db path (or CALLFLOOR_DB)"
    )


def _stamp(path: str) -> tuple:
    """What moves when any session writes (or merely opens) the floor: the file's time and size,
    and its -wal and -shm. One stat each, for a session that cannot follow changes."""
    main = os.stat(path)
    try:
        wal: int | None = os.stat(f"{path}-wal").st_size
    except FileNotFoundError:
        wal = None
    return main.st_mtime_ns, main.st_size, wal, os.path.exists(f"{path}-shm")


class FloorSqliteDatabase(SqliteDatabase):
    """SqliteDatabase that knows whether it may write and which file it opened."""

    # Peewee internals this class uses; they exist at run time but not in peewee's stubs.
    _state: Any
    """Peewee's per-thread connection state; it also holds this connection's `wal_identity`."""
    _add_conn_hooks: Callable[[sqlite3.Connection], None]
    """Peewee's setup of a new connection (pragmas, functions), as its own _connect does it."""

    def __init__(
        self, path: str, *args, read_only: str | None = None, new_floor: bool = False, **kwargs
    ) -> None:
        super().__init__(path, *args, **kwargs)
        self.read_only_query = read_only
        """None, or the URI query this database is opened read-only with."""
        self.new_floor = new_floor
        """Whether an empty database may become a floor (db init); otherwise it is refused."""
        self.file_identity: FileIdentity | None = None
        """The file the first connection opened; later writes and reconnections must find it."""
        self.opened_stamp: tuple | None = None
        """For an immutable (not live) database: the file as first opened; any change stops it."""

    @property
    def read_only(self) -> bool:
        return self.read_only_query is not None

    @property
    def not_live_reason(self) -> str | None:
        """Why this session cannot follow other sessions' changes; None when it can."""
        if self.read_only_query != IMMUTABLE:
            return None
        try:
            mounted_read_only = bool(os.statvfs(self.database).f_flag & os.ST_RDONLY)
        except OSError:
            mounted_read_only = False
        why = (
            "its filesystem is mounted read-only here"
            if mounted_read_only
            else "the file has no write permission for anyone"
        )
        return (
            f"{why}, so this session shows the floor as it was when opened and does not "
            "follow changes made elsewhere; for the live floor, open the floor host's own "
            "file (where agents write it)"
        )

    def _connect(self):
        opened_before = self.file_identity is not None
        on_disk = self.database != ":memory:"
        if opened_before and on_disk and _identity(self.database) is None:
            # sqlite3.connect would make a new, empty floor at the old path: refuse instead.
            raise DatabaseMissing(gone_message(self.database))
        target = self.database
        if self.read_only_query is not None:
            target = read_only_uri(self.database, self.read_only_query)
        conn = sqlite3.connect(
            target, uri=self.read_only, timeout=self.timeout, isolation_level=None, **self.connect_params
        )
        try:
            if on_disk and not opened_before:
                refuse_not_a_floor(conn, self.database, self.new_floor)
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        if on_disk:
            if not opened_before:
                self.file_identity = _identity(self.database)
                if self.read_only_query == IMMUTABLE:
                    self.opened_stamp = _stamp(self.database)
            # Per connection (one a thread): the -wal this connection opened, if there is one yet.
            self._state.wal_identity = _identity(f"{self.database}-wal")
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
                "session had it open; nothing was changed. Reopen callfloor to work on the new file"
            )
        if self.opened_stamp is not None and _stamp(self.database) != self.opened_stamp:
            raise StorageError(
                f"the floor database {self.database} is being changed by another session, and this "
                "session cannot follow changes (it was opened read-only while no session had the "
                "floor open): what it shows is out of date. Reopen callfloor to follow the floor live"
            )
        self._ensure_same_wal()

    def _ensure_same_wal(self) -> None:
        """The -wal this thread's connection writes into must still be the one at the path: while
        a connection is open SQLite never replaces it, so another file there (or none) means it
        was deleted, and a write into the deleted one would be acknowledged and then lost."""
        if self.is_closed():
            return
        wal = f"{self.database}-wal"
        known, now = getattr(self._state, "wal_identity", None), _identity(wal)
        if known is None:  # made by this connection's first write: remember it from now on
            self._state.wal_identity = now
        elif now != known:
            raise DatabaseMissing(wal_gone_message(self.database))
