"""Defect 13 (the part of it fixed here): under a held write lock, opening the callbacks list
(which first books the callbacks now due: a write) said "what you typed is kept" about a list
nobody typed. The words now depend on the action: the list says what could not be done and
claims nothing typed; a form's save, whose text does stay, says it is kept."""

from __future__ import annotations

import sqlite3

import pytest

from tests.app.conftest import SIZE
from tests.app.test_ticket_screen import messages
from tests.faults.flows import NOTE, type_note

KEPT = "what you typed is kept"
LOCKED = "stayed locked by another process"


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch):
    """Autouse, so it is set before the floor fixture opens the database."""
    monkeypatch.setenv("CALLFLOOR_BUSY_TIMEOUT", "0.2")


@pytest.fixture
def held_lock(floor_path):
    """Another connection holds the floor's write lock (what a backup or a stuck session does)."""
    holder = sqlite3.connect(floor_path, isolation_level=None, timeout=5)
    holder.execute("BEGIN IMMEDIATE")
    yield holder
    holder.execute("ROLLBACK")
    holder.close()


async def test_the_callbacks_list_under_a_lock_claims_nothing_typed(app_for, held_lock):
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
