"""Defect 10: floor.db-wal deleted under a running writer. Before, the session kept writing
into the deleted log (each save acknowledged, then lost: other sessions never saw it) and
`db check` did not point at it. Now the write is refused with the "moved or deleted" message,
naming the -wal file, and the change signal says the same."""

from __future__ import annotations

import os

import pytest

from core.basics.errors import StorageProblem
from core.tickets import lifecycle as tickets
from core.tickets import queue
from tests.cli.conftest import Floor
from tests.faults.flows import notes_on

GONE = "-wal is gone (moved or deleted)"

pytestmark = pytest.mark.sqlite_only("the SQLite file's -wal deleted under a running writer")


@pytest.fixture
def wal_deleted(queue_floor, floor_path):
    """The queue floor after one acknowledged note, with its -wal deleted under the session."""
    tickets.add_note(queue_floor, "T000001", "saved before")
    wal = f"{floor_path}-wal"
    assert os.path.exists(wal)
    os.remove(wal)
    return queue_floor


def test_a_write_into_a_deleted_wal_is_refused(wal_deleted, floor_path):
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(wal_deleted, "T000001", "saved after")
    message = str(refused.value)
    assert GONE in message and f"{floor_path}-wal" in message and "nothing was changed" in message
    assert "saved after" not in notes_on(wal_deleted, "T000001")


def test_every_kind_of_write_is_refused(wal_deleted):
    with pytest.raises(StorageProblem, match="is gone"):
        tickets.intake(wal_deleted, tickets.NewTicket("C001", "phone", "another one"))
    with pytest.raises(StorageProblem, match="is gone"):
        tickets.claim(wal_deleted, "T000001")


def test_the_change_signal_says_it(wal_deleted):
    """The screens poll this: they show NOT LIVE with the message instead of a floor nobody
    else sees any more."""
    with pytest.raises(StorageProblem, match="is gone"):
        queue.change_token(wal_deleted)


def test_db_check_does_not_say_ok(wal_deleted, floor_path):
    """Another process checking the floor while the session holds the deleted log."""
    done = Floor(floor_path).run("db", "check")
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr
    assert "-wal is shorter than its index" in done.stderr and "Close every callfloor session" in done.stderr
