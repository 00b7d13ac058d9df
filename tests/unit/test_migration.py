"""Upgrading a floor file from the first release (tests/fixtures/schema1.db) to today's schema.

The fixture is built by tests/fixtures/make_schema1.py with only the schema-1 migration. Every
test works on a copy in tmp_path; the committed file must never change.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from core.floor.session import open_session
from core.tickets.reads import list_tickets, ticket_detail
from db import migrations
from db.connection import open_database
from db.maintenance import check
from db.migrations import m0006_floor_changes, m0008_callback_purposes, m0010_presence_alerts

pytestmark = pytest.mark.sqlite_only("upgrades copies of the first release's SQLite floor file")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SCHEMA1 = FIXTURES / "schema1.db"
SCHEMA1_TABLES = ("schema_meta", "agent", "customer", "ticket", "timeline_event")


def _load_builder():
    spec = importlib.util.spec_from_file_location("make_schema1", FIXTURES / "make_schema1.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def rows(conn: sqlite3.Connection, table: str, cols: list[str]) -> list[tuple]:
    names = ", ".join(f'"{c}"' for c in cols)
    return conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def utc(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture(scope="module")
def original():
    """The committed fixture's hash and every schema-1 row, read without writing to it."""
    before = digest(SCHEMA1)
    conn = read_only(SCHEMA1)
    try:
        tables = {t: (columns(conn, t), rows(conn, t, columns(conn, t))) for t in SCHEMA1_TABLES}
        version = conn.execute("SELECT value FROM schema_meta WHERE key = 'version'").fetchone()[0]
    finally:
        conn.close()
    return {"hash": before, "tables": tables, "version": version}


@pytest.fixture
def upgraded(tmp_path, original):
    """A copy of the fixture opened with open_database (which upgrades it), plus its path."""
    copy = tmp_path / "floor.db"
    shutil.copyfile(SCHEMA1, copy)
    db = open_database(copy)
    yield db, copy
    db.close()
    assert digest(SCHEMA1) == original["hash"], "the committed fixture was modified"


def test_fixture_is_a_schema1_floor_with_realistic_rows(original):
    assert original["version"] == "1"
    tables = original["tables"]
    assert "last_update_at" not in tables["ticket"][0]
    assert len(tables["agent"][1]) >= 3 and len(tables["customer"][1]) >= 3
    statuses = {r[tables["ticket"][0].index("status")] for r in tables["ticket"][1]}
    assert statuses == {"new", "in_progress", "resolved", "closed"}
    kinds = {r[tables["timeline_event"][0].index("kind")] for r in tables["timeline_event"][1]}
    assert {"created", "claimed", "contact_out", "contact_in", "resolved", "closed", "reopened"} <= kinds


def test_fixture_matches_its_build_script(tmp_path):
    rebuilt = _load_builder().build(tmp_path / "rebuilt.db")
    fresh, committed = sqlite3.connect(rebuilt), read_only(SCHEMA1)
    try:
        assert list(fresh.iterdump()) == list(committed.iterdump())
    finally:
        fresh.close()
        committed.close()


def test_opening_upgrades_to_the_latest_schema(upgraded):
    db, _ = upgraded
    assert migrations.current_version(db) == migrations.LATEST
    assert {
        "department",
        "handoff",
        "floor_setting",
        "script",
        "callback",
        "audit_event",
        "floor_change",
        "callback_purpose",
        "session_presence",
        "ticket_alert",
        "improvement_action",
        "action_ticket",
        "action_event",
    } <= set(db.get_tables())
    triggers = {name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert triggers == {
        "timeline_event_no_update",
        "timeline_event_no_delete",
        "action_event_no_update",  # schema 12: an action's timeline is append-only too
        "action_event_no_delete",
        "audit_event_no_update",
        "audit_event_no_delete",
        *m0006_floor_changes.TRIGGERS,  # schema 6: what changed, for the running screens
        *m0008_callback_purposes.TRIGGERS,  # schema 8: a purpose joining a callback, likewise
        *m0010_presence_alerts.TRIGGERS,  # schema 10: an alert, heard by supervisors and the owner
    }


def test_a_schema2_floor_gains_the_script_table_and_keeps_its_rows(tmp_path):
    from peewee import SqliteDatabase

    path = tmp_path / "floor2.db"
    old = SqliteDatabase(str(path))
    for version, step in migrations.STEPS[:2]:
        with old.atomic():
            step(old)
            migrations._set_version(old, version)
    old.execute_sql("INSERT INTO department (name, active) VALUES ('warehouse', 1)")
    old.close()
    db = open_database(path)
    try:
        assert migrations.current_version(db) == migrations.LATEST >= 3
        assert "script" in db.get_tables()
        assert db.execute_sql("SELECT name FROM department").fetchall() == [("warehouse",)]
        assert db.execute_sql("SELECT COUNT(*) FROM script").fetchone() == (0,)
    finally:
        db.close()


def test_upgrade_keeps_every_row_and_value(upgraded, original):
    _, copy = upgraded
    conn = read_only(copy)
    try:
        for table, (cols, before) in original["tables"].items():
            if table == "schema_meta":
                continue
            assert rows(conn, table, cols) == before, table
    finally:
        conn.close()


def test_upgrade_backfills_last_update_from_the_latest_outbound_contact(upgraded, original):
    _, copy = upgraded
    ev_cols, events = original["tables"]["timeline_event"]
    latest_out: dict[int, str] = {}
    for event in events:
        e = dict(zip(ev_cols, event, strict=True))
        if e["kind"] == "contact_out":
            latest_out[e["ticket_id"]] = max(latest_out.get(e["ticket_id"], ""), e["at"])
    conn = read_only(copy)
    try:
        got = dict(conn.execute("SELECT id, last_update_at FROM ticket").fetchall())
    finally:
        conn.close()
    assert got == {tid: latest_out.get(tid) for tid in got}
    # T000002: the inbound call at 15:00 (Shanghai) after the 14:00 answer does not count
    assert utc(got[2]) == datetime(2026, 11, 19, 6, 0, tzinfo=UTC)
    assert got[1] is None and got[3] is None


def test_upgrade_backfills_next_due_for_open_tickets_only(upgraded):
    _, copy = upgraded
    conn = read_only(copy)
    try:
        found = conn.execute(
            "SELECT ref, status, first_response_at, response_due_at, solution_due_at, "
            "next_due_at, row_version FROM ticket ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    for ref, status, first_response, response_due, solution_due, next_due, row_version in found:
        assert row_version == 1, ref
        if status in ("new", "in_progress"):
            assert next_due == (response_due if first_response is None else solution_due), ref
        else:
            assert next_due is None, ref
    by_ref = {r[0]: r for r in found}
    assert by_ref["T000001"][5] == by_ref["T000001"][3]  # new, unanswered: the response target
    assert by_ref["T000002"][5] == by_ref["T000002"][4]  # answered: the solution target
    assert by_ref["T000006"][5] == by_ref["T000006"][4]  # reopened and at work again


def test_upgraded_floor_passes_check(upgraded):
    db, _ = upgraded
    report = check(db)
    assert report.ok, report.problems
    assert report.schema_version == migrations.LATEST


def test_upgraded_floor_reads_through_core(tmp_path):
    copy = tmp_path / "floor.db"
    shutil.copyfile(SCHEMA1, copy)
    session = open_session(copy, login="li")
    try:
        queue = list_tickets(session, open_only=True)
        # all overdue now, least overdue first (the triage bands): T1 response 20th 09:55,
        # T3 response 20th 09:00, T2 solution 19th 12:00, T6 solution 18th 15:00
        assert [t.ref for t in queue] == ["T000001", "T000003", "T000002", "T000006"]
        detail = ticket_detail(session, "t2")
        assert detail.customer.name == "Beijing Star Tech Co., Ltd."
        assert detail.customer.phone_masked == "010****4321"
        assert [e.kind for e in detail.events][:4] == ["created", "claimed", "contact_out", "contact_out"]
        assert ticket_detail(session, "T000003").description == "[bold red]怎么[/]设置定时开机？😊"
    finally:
        session.close()


def test_opening_the_copy_leaves_the_fixture_alone(upgraded, original):
    assert digest(SCHEMA1) == original["hash"]
    assert not Path(str(SCHEMA1) + "-wal").exists()
    conn = read_only(SCHEMA1)
    try:
        assert conn.execute("SELECT value FROM schema_meta WHERE key = 'version'").fetchone() == ("1",)
    finally:
        conn.close()
