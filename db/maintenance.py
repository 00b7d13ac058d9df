"""Checking and backing up the floor database while agents keep working."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import Database, DatabaseError

from db import floor_file, migrations
from db.connection import is_sqlite, storage_errors, translate
from db.errors import DiskFull, StorageError
from db.migrations import m0006_floor_changes, m0008_callback_purposes
from db.sqlite_file import read_only_uri


@dataclass(frozen=True)
class CheckReport:
    schema_version: int
    latest_version: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(db: Database) -> CheckReport:
    """Integrity, foreign keys and schema version; every problem as one line."""
    problems: list[str] = []
    with storage_errors():
        version = migrations.current_version(db)
        if version != migrations.LATEST:
            problems.append(f"schema version is {version}, expected {migrations.LATEST}")
        if version >= 2:
            # The queue reads "open" as "has a pending target"; the two must agree.
            stray = db.execute_sql(
                "SELECT COUNT(*) FROM ticket "
                "WHERE (next_due_at IS NULL) = (status IN ('new', 'in_progress', 'waiting'))"
            ).fetchone()[0]
            if stray:
                problems.append(f"{stray} tickets whose next due time disagrees with their status")
        if is_sqlite(db):
            rows = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
            if rows != ["ok"]:
                problems.extend(f"integrity: {row}" for row in rows)
            for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(f"foreign key: {table} row {rowid} points at a missing {parent}")
            if version >= 5:
                problems.extend(_missing_append_only_triggers(db))
            if version >= 6:
                problems.extend(_missing_change_triggers(db, version))
    return CheckReport(version, migrations.LATEST, tuple(problems))


APPEND_ONLY_TRIGGERS = tuple(
    f"{table}_no_{verb}" for table in ("timeline_event", "audit_event") for verb in ("update", "delete")
)
"""Schema 5's triggers: without them the record could be rewritten, so check says so."""


def _missing_append_only_triggers(db: Database) -> list[str]:
    present = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [
        f"trigger {name} is missing: the record could be rewritten; restore it from the latest "
        f"backup or ask for help"
        for name in APPEND_ONLY_TRIGGERS
        if name not in present
    ]


def _missing_change_triggers(db: Database, version: int) -> list[str]:
    present = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    expected = (*m0006_floor_changes.TRIGGERS, *(m0008_callback_purposes.TRIGGERS if version >= 8 else ()))
    return [
        f"trigger {name} is missing: running screens would not see some changes until reopened; "
        "restore the floor from its latest backup or ask for help"
        for name in expected
        if name not in present
    ]


def backup(db: Database, dest: str | os.PathLike) -> Path:
    """An online, consistent copy of a SQLite floor database at dest.

    SQLite's backup API copies one snapshot while writers go on (WAL). The copy is written
    beside dest and renamed into place only after it passes an integrity check, so dest is
    either a good backup or absent; a failed copy (a full disk) leaves no partial file behind.
    Like the floor file, the copy is 0660 for the floor file's group whatever the umask: it
    holds every customer's phone in clear.
    """
    if not is_sqlite(db):
        raise StorageError("db backup copies SQLite files; back up other engines with their own tools")
    target = Path(dest)
    if target.exists():
        raise StorageError(f"{target} already exists; give a new file name so no backup is overwritten")
    if not target.parent.is_dir():
        raise StorageError(f"the folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".partial")
    floor_file.remove_sqlite_files(partial)  # a killed backup's leftover
    try:
        made = floor_file.create_group_file(partial, _floor_gid(db), "the backup")
    except floor_file.GroupProblem as exc:
        raise StorageError(f"cannot give the backup the floor's group: {exc}") from exc
    if made is None:
        raise StorageError(
            f"{partial} appeared as this backup began (another backup to the same name?); "
            "wait for it or give another name"
        )
    try:
        try:
            copy = sqlite3.connect(partial)
            try:
                copy.execute("PRAGMA journal_mode = MEMORY")  # no side file: a failed copy is dropped whole
                db.connection().backup(copy)
                result = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        except (DatabaseError, sqlite3.DatabaseError) as exc:
            if "full" in str(exc):
                raise DiskFull(
                    f"the disk that holds {target} is full; no backup was written "
                    "(the partial copy is removed): free some space or back up to another disk"
                ) from exc
            raise translate(exc) from exc
        if result != "ok":
            raise StorageError(f"the backup copy failed its integrity check: {result}")
        os.replace(partial, target)
    finally:
        floor_file.remove_sqlite_files(partial)
    return target


def _floor_gid(db: Database) -> int:
    """The group of the floor file (the floor's group); the caller's for an in-memory floor."""
    try:
        return os.stat(db.database).st_gid
    except (OSError, TypeError, ValueError):
        return os.getegid()


def setting_as_is(path: str | os.PathLike, key: str) -> str | None:
    """A floor_setting value read without opening the file as a floor (read-only: no upgrade,
    no journal switch); None when the file has no such setting, is no floor, or cannot be read."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = con.execute("SELECT value FROM floor_setting WHERE key = ?", (key,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None
