"""A floor that can only be read here (a read-only mount): reading works on screen and on the
command line, and every save says why it cannot, keeps the typing and changes nothing."""

from __future__ import annotations

import pytest

from core.basics.errors import StorageProblem
from core.floor.session import open_session
from core.tickets import lifecycle as tickets
from core.tickets.reads import list_tickets
from tests.faults.conftest import cli, one_line_refusal
from tests.faults.flows import SIZE, intake_form, intake_refused, note_refused, notes_on, type_note
from tui.app import make_app

READ_ONLY = "can only be read here"

pytestmark = pytest.mark.sqlite_only("a read-only mount of the SQLite file's folder")


@pytest.fixture
def read_only_floor(queue_floor, floor_path, read_only_view, clock):
    """The queue floor, closed (so no -wal or -shm is left) and opened again as boss through
    a read-only bind mount of its folder: the way a read-only filesystem looks."""
    queue_floor.close()
    view = read_only_view(floor_path.parent)
    session = open_session(view / "floor.db", login="boss", clock=clock)
    yield session
    session.close()


def test_a_read_only_floor_opens_for_reading(read_only_floor):
    assert [row.ref for row in list_tickets(read_only_floor)] == ["T000001", "T000002", "T000003"]
    with pytest.raises(StorageProblem) as refused:
        tickets.add_note(read_only_floor, "T000001", "lost?")
    assert READ_ONLY in str(refused.value) and "nothing was changed" in str(refused.value)
    assert notes_on(read_only_floor, "T000001") == []


async def test_a_note_on_screen_is_refused_and_kept(read_only_floor):
    app = make_app(read_only_floor, "en")
    async with app.run_test(size=SIZE) as pilot:
        await type_note(app, pilot)
        await note_refused(app, pilot, READ_ONLY)
    assert notes_on(read_only_floor, "T000001") == []


async def test_a_new_ticket_on_screen_is_refused_and_kept(read_only_floor):
    app = make_app(read_only_floor, "en")
    async with app.run_test(size=SIZE) as pilot:
        await intake_form(app, pilot)
        await intake_refused(app, pilot, READ_ONLY)
    assert len(list_tickets(read_only_floor)) == 3


def test_the_command_line_reads_and_refuses_writes_in_one_line(queue_floor, floor_path, read_only_view):
    queue_floor.close()
    floor = cli(read_only_view(floor_path.parent) / "floor.db")
    assert "T000003" in floor.ok("ticket", "list")
    assert "ok" in floor.ok("db", "check")
    line = one_line_refusal(floor.run("ticket", "note", "T000001", "called back"))
    assert READ_ONLY in line and "nothing was changed" in line


def test_read_only_beside_a_writer_sees_its_writes(queue_floor, floor_path, read_only_view):
    """A read-only view of a folder where another session writes (its -shm is there): the
    reader opens through it and follows the writer's changes."""
    floor = cli(read_only_view(floor_path.parent) / "floor.db")
    tickets.add_note(queue_floor, "T000001", "first note")
    shown = floor.ok("ticket", "show", "T000001")
    assert "first note" in shown
    line = one_line_refusal(floor.run("ticket", "note", "T000001", "second note"))
    assert READ_ONLY in line


def test_no_new_floor_in_a_read_only_folder(tmp_path, read_only_view):
    (tmp_path / "empty").mkdir()
    view = read_only_view(tmp_path / "empty")
    with pytest.raises(StorageProblem) as refused:
        open_session(view / "new.db", login="boss", create=True)
    assert "cannot create the floor database" in str(refused.value) and "read-only" in str(refused.value)
