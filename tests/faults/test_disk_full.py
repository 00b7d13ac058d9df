"""A floor on a disk that fills up (a 4 MB tmpfs and a filler file): saves on screen and on the
command line say the disk is full and keep the typing; nothing is half-written, so once space
is freed the same save goes through and `callfloor db check` passes."""

from __future__ import annotations

import pytest

from core.basics.errors import StorageProblem
from core.tickets import lifecycle as tickets
from core.tickets.reads import list_tickets
from tests.engines import FloorDb
from tests.faults.conftest import cli, one_line_refusal
from tests.faults.flows import (
    NOTE,
    SIZE,
    intake_form,
    intake_refused,
    note_refused,
    note_saved,
    notes_on,
    type_note,
)

FULL = "disk that holds the floor database is full"

pytestmark = pytest.mark.sqlite_only("the SQLite file's disk fills up")


@pytest.fixture
def floor_db(tiny_disk):
    """The floor lives on the tiny disk (overrides tests/conftest's floor_db)."""
    return FloorDb(path=tiny_disk.path / "floor.db")


@pytest.fixture
def fill_disk(queue_floor, tiny_disk):
    """fill_disk() leaves no byte free. The WAL is emptied first (as when the last session
    closes), so the next commit needs new space rather than reusing old WAL frames."""

    def fill() -> None:
        queue_floor.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        tiny_disk.fill()

    return fill


def test_a_full_disk_refuses_the_note_and_keeps_the_floor_whole(queue_floor, fill_disk, tiny_disk):
    fill_disk()
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(queue_floor, "T000001", NOTE)
    assert FULL in str(refused.value) and "nothing was changed" in str(refused.value)
    tiny_disk.free()
    tickets.add_note(queue_floor, "T000001", NOTE)
    assert notes_on(queue_floor, "T000001") == [NOTE]
    assert "ok" in cli(tiny_disk.path / "floor.db").ok("db", "check")


async def test_a_note_on_screen_waits_for_space(app_for, queue_floor, fill_disk, tiny_disk):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await type_note(app, pilot)
        fill_disk()
        await note_refused(app, pilot, FULL)
        floor = cli(tiny_disk.path / "floor.db")
        line = one_line_refusal(floor.run("ticket", "note", "T000001", "from the phone system"))
        assert FULL in line
        tiny_disk.free()
        await note_saved(app, pilot, queue_floor)
    assert notes_on(queue_floor, "T000001") == [NOTE]
    assert "ok" in floor.ok("db", "check")


async def test_a_new_ticket_on_screen_is_refused_and_kept(app_for, queue_floor, fill_disk, tiny_disk):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await intake_form(app, pilot)
        fill_disk()
        await intake_refused(app, pilot, FULL)
        tiny_disk.free()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(list_tickets(queue_floor)) == 4
