"""The record cannot be rewritten: the database itself refuses UPDATE and DELETE on the timeline
and the audit, whoever asks (raw SQL, Peewee, the engine's own client module in another
process's way: sqlite3 on the file, psycopg on the server), and a floor upgraded from schema 4
gets the same triggers. Appending still works."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from peewee import IntegrityError, SqliteDatabase

from core.basics.errors import NotAllowed, StorageProblem
from core.floor.audit_reads import recent_refusals
from core.handoffs.directory import add_department
from db import migrations
from db.connection import open_database
from db.models import AuditEvent, TimelineEvent
from tests.engines import FloorDb, connect
from tests.engines import table_rows as engine_table_rows

SCHEMA1 = Path(__file__).resolve().parent.parent / "fixtures" / "schema1.db"
APPEND_ONLY_TABLES = {"timeline_event": "text", "audit_event": "reason"}
"""Each append-only table and a text column of it."""
TRIGGERS = {
    "timeline_event_no_update",
    "timeline_event_no_delete",
    "audit_event_no_update",
    "audit_event_no_delete",
}


@pytest.fixture
def recorded(floor, as_li, new_ticket):
    """A floor with timeline events and one audit row."""
    new_ticket()
    with pytest.raises(NotAllowed):
        add_department(as_li, "legal")
    assert TimelineEvent.select().count() >= 1 and AuditEvent.select().count() == 1
    return floor


def table_rows(path, table: str) -> list[tuple]:
    """A SQLite file's rows (the upgraded fixture's)."""
    return engine_table_rows(FloorDb(path=path), table)


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE \"{t}\" SET at = '2000-01-01 00:00:00'", 'DELETE FROM "{t}"'])
def test_raw_sql_cannot_change_or_delete_a_row(recorded, floor_db, table, statement):
    before = engine_table_rows(floor_db, table)
    with pytest.raises(IntegrityError, match="append-only"):
        recorded.db.execute_sql(statement.format(t=table))
    assert engine_table_rows(floor_db, table) == before


@pytest.mark.parametrize("model", [TimelineEvent, AuditEvent])
def test_peewee_cannot_change_or_delete_a_row(recorded, floor_db, model):
    table = model._meta.table_name
    before = engine_table_rows(floor_db, table)
    row = model.select().first()

    def save_a_change():
        row.at = row.at.replace(year=2000)
        row.save()

    attempts = [
        save_a_change,
        lambda: model.update(at=row.at.replace(year=2000)).execute(),
        lambda: model.delete().execute(),
        lambda: row.delete_instance(),
    ]
    for attempt in attempts:
        with pytest.raises(IntegrityError, match="append-only"):
            attempt()
    assert engine_table_rows(floor_db, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_the_engines_own_client_cannot_either(recorded, floor_db, table):
    """The sqlite3 module on the file; on PostgreSQL, psycopg on the server."""
    recorded.db.close()  # another program, alone on the floor
    before = engine_table_rows(floor_db, table)
    refused = sqlite3.IntegrityError if floor_db.path is not None else _psycopg_integrity_error()
    conn = connect(floor_db)
    try:
        column = APPEND_ONLY_TABLES[table]
        for statement in (
            f'UPDATE "{table}" SET "{column}" = \'rewritten\'',
            f'DELETE FROM "{table}" WHERE id = 1',
        ):
            with pytest.raises(refused, match="append-only"):
                conn.execute(statement)
            conn.rollback()
    finally:
        conn.close()
    assert engine_table_rows(floor_db, table) == before


def _psycopg_integrity_error() -> type[Exception]:
    import psycopg

    return psycopg.IntegrityError


def test_a_write_in_core_that_tried_it_is_a_clear_storage_problem(recorded):
    with pytest.raises(StorageProblem, match="timeline events are append-only") as refused:
        with recorded.writing():
            TimelineEvent.update(text="rewritten").execute()
    assert "nothing was changed" in str(refused.value)
    assert TimelineEvent.select().where(TimelineEvent.text == "rewritten").count() == 0


def test_appending_still_works(recorded, new_ticket):
    events = TimelineEvent.select().count()
    new_ticket()
    assert TimelineEvent.select().count() == events + 1
    assert len(recent_refusals(recorded)) == 1


@pytest.mark.sqlite_only("upgrades a copy of the first release's SQLite fixture file")
def test_a_floor_upgraded_from_schema_4_gets_the_audit_and_the_triggers(tmp_path):
    """The first release's fixture floor brought to schema 4 by the steps of that time, then
    opened by today's callfloor."""
    path = tmp_path / "floor4.db"
    shutil.copyfile(SCHEMA1, path)
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    for version, step in migrations.STEPS[1:4]:
        with old.atomic():
            step(old)
            migrations._set_version(old, version)
    assert migrations.current_version(old) == 4
    old.close()
    events = table_rows(path, "timeline_event")
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST >= 5
        triggers = {
            name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        assert TRIGGERS <= triggers
        assert "audit_event" in db.get_tables()
        for statement in ("DELETE FROM timeline_event", "UPDATE timeline_event SET text = 'rewritten'"):
            with pytest.raises(IntegrityError, match="timeline events are append-only"):
                db.execute_sql(statement)
    finally:
        db.close()
    assert table_rows(path, "timeline_event") == events


def test_db_check_says_when_a_trigger_was_dropped(recorded, floor_db):
    """On PostgreSQL one trigger refuses both UPDATE and DELETE (timeline_event_no_change,
    db/migrations/m0005_audit.py): the one dropped there."""
    from core.admin.setup import check_floor

    assert check_floor(recorded).ok
    trigger = "timeline_event_no_delete" if floor_db.path is not None else "timeline_event_no_change"
    raw = connect(floor_db)
    raw.execute(f'DROP TRIGGER "{trigger}"' + ("" if floor_db.path is not None else " ON timeline_event"))
    raw.commit()
    raw.close()
    report = check_floor(recorded)
    assert [p for p in report.problems if "trigger" in p] == [
        f"trigger {trigger} is missing: the record could be rewritten; restore it "
        "from the latest backup or ask for help"
    ]
