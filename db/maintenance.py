"""Checking and backing up the floor database while agents keep working."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import Database

from db import migrations
from db.connection import is_sqlite, storage_errors
from db.errors import StorageError


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
                "SELECT COUNT(*) FROM ticket WHERE (next_due_at IS NULL) = "
                "(status IN ('new', 'in_progress'))").fetchone()[0]
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
    return CheckReport(version, migrations.LATEST, tuple(problems))


APPEND_ONLY_TRIGGERS = tuple(f"{table}_no_{verb}" for table in ("timeline_event", "audit_event")
                             for verb in ("update", "delete"))
"""Schema 5's triggers: without them the record could be rewritten, so check says so."""


def _missing_append_only_triggers(db: Database) -> list[str]:
    present = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    return [f"trigger {name} is missing: the record could be rewritten; restore it from the latest "
            f"backup or ask for help" for name in APPEND_ONLY_TRIGGERS if name not in present]


def backup(db: Database, dest: str | os.PathLike) -> Path:
    """An online, consistent copy of a SQLite floor database at dest.

    SQLite's backup API copies one snapshot while writers go on (WAL). The copy is written
    beside dest and renamed into place only after it passes an integrity check, so dest is
    either a good backup or absent.
    """
    if not is_sqlite(db):
        raise StorageError("db backup copies SQLite files; back up other engines with their own tools")
    target = Path(dest)
    if target.exists():
        raise StorageError(f"{target} already exists; give a new file name so no backup is overwritten")
    if not target.parent.is_dir():
        raise StorageError(f"the folder {target.parent} does not exist")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with storage_errors():
            copy = sqlite3.connect(partial)
            try:
                db.connection().backup(copy)
                result = copy.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                copy.close()
        if result != "ok":
            raise StorageError(f"the backup copy failed its integrity check: {result}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def remove_sqlite_files(path: str | os.PathLike) -> None:
    """Delete a SQLite database with its WAL and shared-memory files."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{os.fspath(path)}{suffix}").unlink(missing_ok=True)
