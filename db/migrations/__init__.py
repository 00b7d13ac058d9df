"""Numbered, transactional schema migrations.

Each step runs in its own write transaction together with the version bump, so a step either
lands whole or not at all, and two processes opening an old file at once migrate it once.
Steps define the tables as they were at that version (never the current models), so an old
file always upgrades the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from peewee import Database, Table

from db.errors import SchemaTooNew, SchemaUnreadable
from db.migrations import (
    m0001_initial,
    m0002_directory,
    m0003_scripts,
    m0004_callbacks,
    m0005_audit,
    m0006_floor_changes,
    m0007_clock_pauses,
    m0008_callback_purposes,
    m0009_server_parity,
    m0010_presence_alerts,
    m0011_board_links,
    m0012_improvement_actions,
)

STEPS: tuple[tuple[int, Callable[[Database], None]], ...] = (
    (1, m0001_initial.apply),
    (2, m0002_directory.apply),
    (3, m0003_scripts.apply),
    (4, m0004_callbacks.apply),
    (5, m0005_audit.apply),
    (6, m0006_floor_changes.apply),
    (7, m0007_clock_pauses.apply),
    (8, m0008_callback_purposes.apply),
    (9, m0009_server_parity.apply),
    (10, m0010_presence_alerts.apply),
    (11, m0011_board_links.apply),
    (12, m0012_improvement_actions.apply),
)
LATEST = STEPS[-1][0]


def _meta(db: Database) -> Table:
    """schema_meta's columns are attributes (meta.key) that Table sets at run time; the checker
    cannot see them, hence the attr-defined ignores where they are used."""
    return Table("schema_meta", ("key", "value")).bind(db)


def current_version(db: Database) -> int:
    if "schema_meta" not in db.get_tables():
        return 0
    meta = _meta(db)
    row = meta.select(meta.value).where(meta.key == "version").tuples().first()  # type: ignore[attr-defined]
    if row is None:
        return 0
    text = str(row[0]).strip()
    # Only a whole number 1.. is a version this code wrote (int() would take "-3", or 5.9 as 5).
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise SchemaUnreadable(
            f"this database's schema version is {row[0]!r}, not a version number (it was edited "
            "outside callfloor), so callfloor cannot tell how to read it; nothing was changed. "
            "Check the --db path; if it is the floor, restore its latest backup"
        )
    return int(text)


def _set_version(db: Database, version: int) -> None:
    meta = _meta(db)
    if meta.update(value=str(version)).where(meta.key == "version").execute() == 0:  # type: ignore[attr-defined]
        meta.insert(key="version", value=str(version)).execute()


def check_not_newer(db: Database) -> int:
    version = current_version(db)
    if version > LATEST:
        raise SchemaTooNew(
            f"this database is at schema {version}, newer than this callfloor understands "
            f"({LATEST}); upgrade callfloor on this host before opening it"
        )
    return version


def upgrade(db: Database, write_transaction: Callable[[Database], AbstractContextManager[None]]) -> list[int]:
    """Apply every missing step; returns the versions applied."""
    applied: list[int] = []
    if check_not_newer(db) == LATEST:
        return applied
    for version, step in STEPS:
        with write_transaction(db):
            # Re-read inside the lock: another process may have migrated meanwhile.
            if check_not_newer(db) >= version:
                continue
            step(db)
            _set_version(db, version)
        applied.append(version)
    return applied
