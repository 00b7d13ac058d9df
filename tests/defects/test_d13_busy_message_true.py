"""Defect 13 (the part of it fixed here): under a held write lock, opening the callbacks list
(which first books the callbacks now due: a write) said "what you typed is kept" about a list
nobody typed. The words now depend on the action: the list says what could not be done and
claims nothing typed; a form's save, whose text does stay, says it is kept."""

from __future__ import annotations

import sqlite3

import pytest

from tests.app.conftest import SIZE
from tests.app.test_callbacks_screen import resolve
from tests.app.test_ticket_screen import messages
from tests.engines import LOCKED_BY, ON_POSTGRES
from tests.faults.flows import NOTE, type_note
from tests.lock_holder import LockHolder

KEPT = "what you typed is kept"
LOCKED = LOCKED_BY  # by another process (on a server: session)


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch):
    """Autouse, so it is set before the floor fixture opens the database."""
    monkeypatch.setenv("CALLFLOOR_BUSY_TIMEOUT", "0.2")


@pytest.fixture
def held_lock(floor_db):
    """Another connection holds the floor's write lock (what a backup or a stuck session does):
    on a server, another process's (tests/lock_holder.py)."""
    if floor_db.path is None:
        holder = LockHolder(floor_db)
        yield holder
        holder.release()
        return
    holder = sqlite3.connect(floor_db.path, isolation_level=None, timeout=5)
    holder.execute("BEGIN IMMEDIATE")
    yield holder
    holder.execute("ROLLBACK")
    holder.close()


@pytest.fixture
def due_to_book(queue_floor):
    """On SQLite the list's booking takes the write lock up front, due or not; on a server a
    transaction that writes nothing waits for no lock, so there T000002 is resolved first and
    its callback is due to be booked (before the lock is held)."""
    if ON_POSTGRES:
        resolve(queue_floor, "T000002")


async def test_the_callbacks_list_under_a_lock_claims_nothing_typed(app_for, due_to_book, held_lock):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")  # opening the list books the callbacks now due: a write
        await pilot.pause()
        said = messages(app)
        assert LOCKED in said
        assert KEPT not in said
        assert "could not be booked" in said and "try again" in said


async def test_a_form_save_under_a_lock_says_the_typing_is_kept(app_for, held_lock):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        form = await type_note(app, pilot, "T000002")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is form and form.field("text").value == NOTE
        said = messages(app)
        assert LOCKED in said and KEPT in said
