"""The real program in a real terminal while another process holds the floor's write lock (a
backup copying the file): the screen answers keys and repaints; a note being saved says so,
keeps its text, and lands once the lock goes (issue 15). No timing is asserted: the waits are
bounds a loaded machine stays within, not budgets (tests/bench measures those)."""

from __future__ import annotations

import pytest

from tests.lock_holder import LockHolder
from tests.terminal.test_workspace_in_tmux import open_app, run, terminal_floor  # noqa: F401  (fixture)
from tests.terminal.tmux import TMUX

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)")


def test_keys_work_and_a_note_lands_while_a_backup_holds_the_lock(terminal_floor):  # noqa: F811
    with open_app(terminal_floor, user="boss") as term:
        term.wait_for("all open: 1/2")
        term.keys("Enter")
        term.wait_for("Solution")  # the ticket's header (keys typed before it opens: issue 18)
        term.keys("n")
        term.wait_for("Note on T000001")
        term.keys("called the customer back", literal=True)
        holder = LockHolder(terminal_floor)
        try:
            term.keys("Enter")
            term.wait_for("Saving")
            term.keys("Enter")  # impatient: still one note
            screen = term.wait_for("called the customer back")
            assert "Saving" in screen
        finally:
            holder.release()
        term.wait_for("Note added", timeout=30.0)
        term.keys("Escape")
        term.wait_for("all open:")
        term.keys("Down")
        term.wait_for("all open: 2/2")
    shown = run(terminal_floor, "ticket", "show", "T000001", "--json")
    assert shown.count('"text": "called the customer back"') == 1


def test_the_queue_moves_and_opens_help_while_the_lock_is_held(terminal_floor):  # noqa: F811
    with open_app(terminal_floor) as term:
        term.wait_for("all open: 1/2")
        holder = LockHolder(terminal_floor)
        try:
            term.keys("c")  # the claim waits for the lock
            # The agent sees it waiting, then moves. A key sent before the claim began would be
            # typed ahead of it and wait for it by design (tui/type_ahead.py): under CI's load,
            # the two keys came in together and Down waited out the lock.
            term.wait_for("Claiming T000001")
            term.keys("Down")
            term.wait_for("all open: 2/2")
            term.keys("Up")
            term.wait_for("all open: 1/2")
            term.keys("?")
            term.wait_for("Claim")
            term.keys("?")
        finally:
            holder.release()
        term.wait_for("T000001 is yours", timeout=30.0)
