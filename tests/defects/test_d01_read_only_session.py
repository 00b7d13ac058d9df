"""Defect 1: a session that may read but not write the floor's folder opened the file with
immutable=1 when no -shm was there; other sessions then wrote, it never saw their changes, and
after their checkpoint it said "malformed; restore the latest backup" for a sound file.

Now a file others may write is never opened immutable (refused with what to do, when mode=ro
cannot read it), a session that cannot follow changes says NOT LIVE with the reason and stops
as soon as the file changes, and "malformed" advises a restore only for a file that fails its
check. Running as root, permissions cannot be taken away: the permission cases are decided with
a login that "cannot write" (db.sqlite_file._writable patched), and the real non-root and
read-only-mount reproductions skip where they cannot run."""

from __future__ import annotations

import os
import sqlite3

import pytest

import db.sqlite_file as sqlite_file
from core.basics.errors import StorageProblem
from core.floor.session import open_session
from core.tickets import queue
from core.tickets.reads import list_tickets
from db.connection import translate
from db.errors import ReadOnlyDatabase
from tests.app.conftest import SIZE, screen_text
from tests.cli.conftest import Floor
from tui.app import make_app

NOT_FOLLOWING = "no session has it open now"
CHANGED = "is being changed by another session"

pytestmark = pytest.mark.sqlite_only("a read-only SQLite file, its -shm and immutable opening")


def shows(app, text: str) -> bool:
    """On screen, wherever the 80-column wrap broke it."""
    return "".join(text.split()) in "".join(screen_text(app).split())


def notifications(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


@pytest.fixture
def cannot_write(monkeypatch):
    """This process may read the floor's folder and file but write neither (as a login outside
    the floor group would), whoever runs the tests."""
    monkeypatch.setattr(sqlite_file, "_writable", lambda path: False)


@pytest.fixture
def closed_floor(queue_floor, floor_path):
    """The queue floor with every session closed: no -wal or -shm beside it."""
    queue_floor.close()
    assert not os.path.exists(f"{floor_path}-shm")
    return floor_path


def write_elsewhere(path) -> None:
    """Another session's save, with the checkpoint its close makes (the file itself changes)."""
    other = sqlite3.connect(path)
    other.execute("UPDATE customer SET name = 'changed elsewhere' WHERE code = 'C001'")
    other.commit()
    other.close()


def test_a_file_others_may_write_is_never_opened_immutable(closed_floor, cannot_write):
    os.chmod(closed_floor, 0o660)  # the floor group writes it
    with pytest.raises(ReadOnlyDatabase) as refused:
        sqlite_file.read_only_query(str(closed_floor))
    message = str(refused.value)
    assert NOT_FOLLOWING in message and f"{closed_floor}-shm" in message
    assert "restore" not in message


def test_opening_it_is_a_clear_refusal(closed_floor, cannot_write):
    with pytest.raises(StorageProblem) as refused:
        open_session(closed_floor, login="boss")
    assert NOT_FOLLOWING in str(refused.value) and "nothing was changed" in str(refused.value)


def test_beside_a_running_writer_it_reads_live(queue_floor, floor_path, cannot_write):
    assert os.path.exists(f"{floor_path}-shm")  # the writer's session has the floor open
    assert sqlite_file.read_only_query(str(floor_path)) == "mode=ro"


def test_a_file_nothing_may_write_is_read_but_said_not_live(closed_floor, cannot_write):
    os.chmod(closed_floor, 0o444)
    reader = open_session(closed_floor, login="boss")
    try:
        assert [row.ref for row in list_tickets(reader)] == ["T000001", "T000002", "T000003"]
        os.chmod(closed_floor, 0o660)
        write_elsewhere(closed_floor)  # root, or the owner after a chmod, still can
        with pytest.raises(StorageProblem) as stopped:
            queue.change_token(reader)
        assert CHANGED in str(stopped.value) and "restore" not in str(stopped.value)
        assert "no write permission for anyone" in queue.not_live(reader)
        assert "does not follow changes" in queue.not_live(reader)
    finally:
        reader.close()


async def test_the_queue_says_not_live_with_the_reason(closed_floor, cannot_write):
    os.chmod(closed_floor, 0o444)
    reader = open_session(closed_floor, login="boss")
    try:
        app = make_app(reader, "en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert shows(app, "NOT LIVE") and "does not follow changes made elsewhere" in notifications(app)
            os.chmod(closed_floor, 0o660)
            write_elsewhere(closed_floor)
            app.screen.poll()
            await pilot.pause()
            assert shows(app, "NOT LIVE") and CHANGED in notifications(app)
            assert "restore" not in notifications(app)
    finally:
        reader.close()


def test_malformed_on_a_sound_file_does_not_advise_a_restore(queue_floor, floor_path):
    """What a session reads when the file changed under it: the file itself checks fine."""
    message = str(translate(sqlite3.DatabaseError("database disk image is malformed")))
    assert "restore" not in message
    assert "checks fine" in message and f"callfloor db check --db {floor_path}" in message


def test_a_damaged_file_still_advises_a_restore(closed_floor):
    data = bytearray(closed_floor.read_bytes())
    page = 4096
    for start in range(page, len(data), page):  # page 1 (the schema) stays, the tables' pages go
        data[start : start + page] = b"\xa5" * page
    closed_floor.write_bytes(bytes(data))
    with pytest.raises(StorageProblem) as refused:
        open_session(closed_floor, login="boss")
    assert "is damaged" in str(refused.value) and "restore the latest backup" in str(refused.value)


def test_through_a_read_only_mount_a_writer_is_never_missed(closed_floor, read_only_view):
    """The reproduction itself (root: a read-only bind mount, the way a read-only filesystem
    looks): the reader opens with no -shm, another session writes through the writable path."""
    view = read_only_view(closed_floor.parent) / "floor.db"
    reader = open_session(view, login="boss")
    try:
        token = queue.change_token(reader)
        Floor(closed_floor).ok("ticket", "note", "T000001", "written through the writable path")
        with pytest.raises(StorageProblem) as stopped:
            assert queue.change_token(reader) != token
        assert CHANGED in str(stopped.value) and "restore" not in str(stopped.value)
    finally:
        reader.close()


@pytest.mark.skipif(
    os.geteuid() == 0, reason="root writes any folder: the permission case needs a non-root login"
)
def test_a_login_that_cannot_write_the_folder(closed_floor):
    folder = closed_floor.parent
    os.chmod(closed_floor, 0o664)
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(StorageProblem) as refused:
            open_session(closed_floor, login="boss")
        assert NOT_FOLLOWING in str(refused.value)
    finally:
        os.chmod(folder, 0o755)
