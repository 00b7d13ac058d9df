"""The floor's file deleted, moved or replaced under a running session: a write would land in a
file nobody opens again (acknowledged, then lost), so it is refused with what happened and how
to recover; on screen the typing stays; the command line on the missing path says the same."""

from __future__ import annotations

import os
import sqlite3

import pytest

from core.basics.errors import StorageProblem
from core.tickets import lifecycle as tickets
from tests.faults.conftest import cli, one_line_refusal
from tests.faults.flows import NOTE, SIZE, intake_form, intake_refused, note_refused, type_note

GONE = "is gone (moved or deleted); restore it"

pytestmark = pytest.mark.sqlite_only("the SQLite file deleted, moved or replaced under a session")


def notes_in_file(path) -> list[str]:
    """The notes a fresh reader finds in the file at path."""
    raw = sqlite3.connect(path)
    try:
        return [row[0] for row in raw.execute("SELECT text FROM timeline_event WHERE kind = 'note'")]
    finally:
        raw.close()


def test_a_write_after_the_file_was_deleted_is_refused(queue_floor, floor_path):
    os.remove(floor_path)
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(queue_floor, "T000001", NOTE)
    assert GONE in str(refused.value)
    assert not floor_path.exists()


def test_a_write_after_the_file_was_moved_lands_nowhere(queue_floor, floor_path):
    moved = floor_path.with_name("moved.db")
    for suffix in ("", "-wal", "-shm"):  # the floor moved whole, as when its folder is renamed
        os.rename(f"{floor_path}{suffix}", f"{moved}{suffix}")
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(queue_floor, "T000001", NOTE)
    assert GONE in str(refused.value)
    queue_floor.close()
    assert notes_in_file(moved) == []


def test_a_write_after_the_file_was_replaced_is_refused(queue_floor, floor_path):
    """A backup restored over the path while a session still has the old file open."""
    os.rename(floor_path, floor_path.with_name("old.db"))
    floor_path.write_bytes(floor_path.with_name("old.db").read_bytes())
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(queue_floor, "T000001", NOTE)
    assert "was replaced by another file" in str(refused.value)


def test_reconnecting_never_makes_an_empty_floor_at_the_old_path(queue_floor, floor_path):
    os.remove(floor_path)
    queue_floor.db.close()
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(queue_floor, "T000001", NOTE)
    assert GONE in str(refused.value)
    assert not floor_path.exists()


async def test_a_note_on_screen_after_the_file_was_deleted(app_for, floor_path):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await type_note(app, pilot)
        os.remove(floor_path)
        await note_refused(app, pilot, GONE)
    assert not floor_path.exists()


async def test_a_new_ticket_on_screen_after_the_file_was_moved(app_for, floor_path):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await intake_form(app, pilot)
        os.rename(floor_path, floor_path.with_name("moved.db"))
        await intake_refused(app, pilot, GONE)


def test_the_command_line_on_the_missing_file(queue_floor, floor_path):
    os.remove(floor_path)
    line = one_line_refusal(cli(floor_path).run("ticket", "note", "T000001", NOTE))
    assert f"no floor database at {floor_path}" in line and "moved or deleted" in line
    assert not floor_path.exists()
