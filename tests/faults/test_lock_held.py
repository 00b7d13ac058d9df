"""Another process (a backup, a stuck session) holds the floor's write lock: a save waits the
busy timeout (CALLFLOOR_BUSY_TIMEOUT, 1 s here) and then says the database stayed locked,
that nothing was changed and the typing is kept; once the lock is released the same save goes
through. A bad CALLFLOOR_BUSY_TIMEOUT is refused at start-up by name."""

from __future__ import annotations

import pytest

from core.basics.errors import StorageProblem
from core.tickets import lifecycle as tickets
from core.tickets.reads import list_tickets
from db.connection import BUSY_TIMEOUT_SECONDS, busy_timeout_seconds
from db.errors import BadSetting
from tests.engines import LOCKED_BY
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

LOCKED = f"{LOCKED_BY} for over 1 s"


def test_a_write_waits_then_says_the_lock_stayed(queue_floor, floor_db, hold_lock):
    holder = hold_lock(floor_db)
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(queue_floor, "T000001", NOTE)
    assert LOCKED in str(refused.value)
    assert "nothing was changed" in str(refused.value)
    assert "what you typed is kept" not in str(refused.value)  # core keeps nothing typed: a form says it
    holder.release()
    tickets.add_note(queue_floor, "T000001", NOTE)
    assert notes_on(queue_floor, "T000001") == [NOTE]


async def test_a_note_on_screen_waits_out_a_backup(app_for, queue_floor, floor_db, hold_lock):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await type_note(app, pilot)
        holder = hold_lock(floor_db)
        await note_refused(app, pilot, LOCKED)
        line = one_line_refusal(cli(floor_db).run("ticket", "note", "T000001", "from the phone system"))
        assert LOCKED in line and "nothing was changed" in line
        holder.release()
        await note_saved(app, pilot, queue_floor)
    assert notes_on(queue_floor, "T000001") == [NOTE]


async def test_a_new_ticket_on_screen_waits_out_a_backup(app_for, queue_floor, floor_db, hold_lock):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await intake_form(app, pilot)
        holder = hold_lock(floor_db)
        await intake_refused(app, pilot, LOCKED)
        holder.release()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(list_tickets(queue_floor)) == 4


@pytest.mark.parametrize("value", ["soon", "0", "-1", "601", "nan", "1e9"])
def test_a_bad_busy_timeout_is_refused_by_name(monkeypatch, floor_db, value):
    monkeypatch.setenv("CALLFLOOR_BUSY_TIMEOUT", value)
    with pytest.raises(BadSetting) as refused:
        busy_timeout_seconds()
    assert f"CALLFLOOR_BUSY_TIMEOUT={value!r}" in str(refused.value) and "0.1 to 600" in str(refused.value)
    with pytest.raises(StorageProblem):
        floor_db.open(login="boss", create=True)
    assert floor_db.path is None or not floor_db.path.exists()


def test_the_busy_timeout_setting(monkeypatch):
    monkeypatch.delenv("CALLFLOOR_BUSY_TIMEOUT")
    assert busy_timeout_seconds() == BUSY_TIMEOUT_SECONDS
    monkeypatch.setenv("CALLFLOOR_BUSY_TIMEOUT", " 2.5 ")
    assert busy_timeout_seconds() == 2.5


def test_the_command_line_names_a_bad_busy_timeout(queue_floor, floor_db):
    line = one_line_refusal(cli(floor_db).run("ticket", "list", env={"CALLFLOOR_BUSY_TIMEOUT": "soon"}))
    assert "CALLFLOOR_BUSY_TIMEOUT='soon'" in line and "0.1 to 600" in line
