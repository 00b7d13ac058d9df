"""The record cannot be rewritten: the database itself refuses UPDATE and DELETE on the timeline
and the audit, whoever asks (raw SQL, Peewee, the sqlite3 module in another process's way),
and a floor upgraded from schema 4 gets the same triggers. Appending still works."""

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
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f'SELECT * FROM "{table}" ORDER BY id').fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
@pytest.mark.parametrize("statement", ["UPDATE \"{t}\" SET at = '2000-01-01 00:00:00'", 'DELETE FROM "{t}"'])
def test_raw_sql_cannot_change_or_delete_a_row(recorded, floor_path, table, statement):
    before = table_rows(floor_path, table)
    with pytest.raises(IntegrityError, match="append-only"):
        recorded.db.execute_sql(statement.format(t=table))
    assert table_rows(floor_path, table) == before


@pytest.mark.parametrize("model", [TimelineEvent, AuditEvent])
def test_peewee_cannot_change_or_delete_a_row(recorded, floor_path, model):
    table = model._meta.table_name
    before = table_rows(floor_path, table)
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
    assert table_rows(floor_path, table) == before


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_the_sqlite3_module_on_the_file_cannot_either(recorded, floor_path, table):
    recorded.db.close()  # another program, alone on the file
    before = table_rows(floor_path, table)
    conn = sqlite3.connect(floor_path)
    try:
        column = APPEND_ONLY_TABLES[table]
        for statement in (
            f'UPDATE "{table}" SET "{column}" = \'rewritten\'',
            f'DELETE FROM "{table}" WHERE id = 1',
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(statement)
            conn.rollback()
    finally:
        conn.close()
    assert table_rows(floor_path, table) == before


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


def test_db_check_says_when_a_trigger_was_dropped(recorded, floor_path):
    from core.admin.setup import check_floor

    assert check_floor(recorded).ok
    raw = sqlite3.connect(floor_path)
    raw.execute('DROP TRIGGER "timeline_event_no_delete"')
    raw.commit()
    raw.close()
    report = check_floor(recorded)
    assert [p for p in report.problems if "trigger" in p] == [
        "trigger timeline_event_no_delete is missing: the record could be rewritten; restore it "
        "from the latest backup or ask for help"
    ]
