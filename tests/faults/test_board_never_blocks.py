"""The board, the directory and the export form never block (issue 15): while another process
holds the floor's write lock (a backup, a long import), and while a read of theirs waits (a slow
disk, made here by a read that waits for the test), they answer keys and repaint. A directory
edit saved under the lock says it is saving, keeps what was typed, saves once however often
Enter is pressed, and finishes once the lock goes; with the short fault timeout it says why it
did not, with the typing kept, and the same Enter saves after the release.

Reads do not wait for the writer (WAL): the held lock alone never stops the board's picture or
the directory's list. No timing is asserted: a loaded machine is slow, not wrong."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from core.admin import setup as admin
from core.handoffs import board
from core.handoffs import lifecycle as handoffs
from core.handoffs.directory import list_departments
from tests import settling
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_ticket_screen import type_text
from tests.engines import LOCKED_BY
from tests.faults.flows import notifications
from tests.lock_holder import Held
from tests.settling import answered
from tui.modals import export_report
from tui.modals.export_report import ExportReportModal
from tui.modals.text_entry import TextEntryModal
from tui.screens.board import BoardScreen
from tui.screens.directory import DirectoryScreen
from tui.screens.queue import QueueScreen
from tui.wall import make_wall

WALL = (160, 45)
PHONE = "021-55550000"
LOCKED = f"{LOCKED_BY} for over 1 s"


@pytest.fixture
def departments(queue_floor):
    """queue_floor with the policy's departments in the directory and one handoff on the board:
    T000001 to the warehouse, due 11:00 (sent 10:00)."""
    admin.init_floor(queue_floor)
    handoffs.add_handoff(queue_floor, "T000001", "warehouse", "confirm order 1023 left the depot", "11:00")
    return queue_floor


def row_of(app, ref: str) -> str:
    return next((line for line in screen_text(app).splitlines() if ref in line), "").rstrip()


async def keys_answer(app, pilot) -> None:
    """? opens the key panel and ? closes it, at once."""
    await pilot.press("question_mark")
    assert await answered(lambda: bool(app.screen.query("KeyPanel")))
    await pilot.press("question_mark")
    assert await answered(lambda: not app.screen.query("KeyPanel"))


async def test_the_wall_board_ticks_while_its_read_waits_under_a_held_lock(
    departments, floor_db, hold_lock, clock, monkeypatch
):
    app = make_wall(departments.as_login("boss"), "en")
    async with app.run_test(size=WALL):
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert "live · read 10:00:00" in screen_text(app) and row_of(app, "T000001").endswith(" 1:00")
        holder = hold_lock(floor_db)
        slow = Held(monkeypatch, board, "board_picture")
        with settling.unsettled(app):
            screen.reload()  # the 15-second re-read, held in its thread
            assert await answered(slow.waiting.is_set, seconds=30)
            clock.advance(seconds=5)
            screen.tick()  # the clock and the countdowns go on meanwhile
            assert await answered(lambda: row_of(app, "T000001").endswith("59:55"))
            assert "Fri 10:00:05" in screen_text(app)
            assert "live · read 10:00:00" in screen_text(app)  # the last picture, as read
            slow.release()  # the read finishes though the write lock is still held
            assert await answered(lambda: "live · read 10:00:05" in screen_text(app))
        holder.release()
        assert "T000001" in screen_text(app) and "open 1" in screen_text(app)


async def test_ctrl_q_quits_the_wall_while_a_read_waits(departments, monkeypatch):
    app = make_wall(departments.as_login("boss"), "en")
    async with app.run_test(size=WALL) as pilot:
        # the board reads only once on show: a reload before that is skipped (in_view), and
        # the held read would never start (CI, a busy host)
        assert await answered(lambda: "live · read 10:00:00" in screen_text(app))
        slow = Held(monkeypatch, board, "board_picture")
        try:
            with settling.unsettled(app):
                app.screen.reload()
                assert await answered(slow.waiting.is_set, seconds=30)
                await pilot.press("ctrl+q")
                assert await answered(lambda: not app.is_running)
        finally:
            slow.release()


async def test_the_board_view_answers_keys_while_its_read_waits(
    app_for, departments, floor_db, hold_lock, monkeypatch
):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        hold_lock(floor_db)
        slow = Held(monkeypatch, board, "board_picture")
        with settling.unsettled(app):
            await pilot.press("2")  # the board's first read waits in its thread
            assert await answered(lambda: isinstance(app.screen, BoardScreen) and slow.waiting.is_set())
            await keys_answer(app, pilot)
            await pilot.press("1")  # back to the queue before the board was read
            assert await answered(lambda: isinstance(app.screen, QueueScreen))
            slow.release()
            await pilot.press("down")
            assert await answered(lambda: app.screen.table.cursor == 1)
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)  # the late picture did not take the screen back
        await pilot.press("2")  # and the board reads (the lock still held: readers do not wait)
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen) and "T000001" in screen_text(app)
        assert "live · read 10:00:00" in screen_text(app)


async def test_the_directory_answers_keys_while_its_read_waits(
    app_for, departments, floor_db, hold_lock, monkeypatch
):
    from core.handoffs import directory

    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        hold_lock(floor_db)
        await pilot.press("3")  # read under the held lock: readers do not wait
        screen = app.screen
        assert isinstance(screen, DirectoryScreen) and "5 departments" in screen_text(app)
        slow = Held(monkeypatch, directory, "list_departments")
        with settling.unsettled(app):
            screen.floor_changed()  # another supervisor wrote: a read that waits
            assert await answered(slow.waiting.is_set, seconds=30)
            await pilot.press("j", "down")
            assert await answered(lambda: screen.current_name() == "rnd")
            await keys_answer(app, pilot)
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, QueueScreen))
            slow.release()
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)


async def open_edit(app, pilot, name: str = "warehouse") -> tuple[DirectoryScreen, TextEntryModal]:
    """The directory (key 3) with the edit form of name open, its phone typed."""
    await pilot.press("3")
    screen = app.screen
    assert isinstance(screen, DirectoryScreen)
    names = [d.name for d in screen.entries]
    await pilot.press(*["j"] * names.index(name))
    assert screen.current_name() == name
    await pilot.press("e", "tab")
    await type_text(pilot, PHONE)
    form = app.screen
    assert isinstance(form, TextEntryModal) and form.values()["phone"] == PHONE
    return screen, form


def phone_of(session, name: str = "warehouse") -> str | None:
    return next(d.phone for d in list_departments(session) if d.name == name)


async def test_a_directory_edit_says_saving_keeps_its_text_and_saves_once_when_the_lock_goes(
    patient, app_for, departments, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_edit(app, pilot)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            problem = form.query_one(".modal-problem", Static)
            assert await answered(lambda: "Saving" in str(problem.render()))
            assert shows(app, "Saving")
            await pilot.press("enter", "enter")  # impatient: one save
            await pilot.press("left", "right")  # the field still takes keys
            assert app.screen is form and form.values()["phone"] == PHONE
            assert phone_of(departments) is None  # nothing written yet
            holder.release()
            assert await answered(lambda: app.screen is screen, 20)
        await pilot.pause()
        assert "Saved Warehouse (warehouse) in the directory" in notifications(app)
        assert notifications(app).count("Saved Warehouse") == 1
        assert screen.current_name() == "warehouse" and PHONE in screen_text(app)
    assert phone_of(departments) == PHONE


async def test_a_directory_edit_refused_by_the_lock_keeps_its_text_and_saves_after_the_release(
    app_for, departments, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_edit(app, pilot)
        holder = hold_lock(floor_db)
        await pilot.press("enter")  # waits the one-second busy timeout, then says why
        assert app.screen is form and form.values()["phone"] == PHONE
        assert LOCKED in str(form.query_one(".modal-problem", Static).render())
        assert LOCKED in notifications(app)
        holder.release()
        await pilot.press("enter")
        assert app.screen is screen and PHONE in screen_text(app)
    assert phone_of(departments) == PHONE


async def test_esc_while_a_directory_save_waits_and_the_list_shows_it_when_it_lands(
    patient, app_for, departments, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen, form = await open_edit(app, pilot)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            await pilot.press("escape")
            assert await answered(lambda: app.screen is screen)
            await pilot.press("k")  # the directory answers while its save waits
            assert await answered(lambda: screen.current_name() == "tech")
            holder.release()
            assert await answered(lambda: "Saved after you left the form" in notifications(app), 20)
            assert await answered(lambda: PHONE in screen_text(app))
        await pilot.pause()
        assert screen.current_name() == "tech"  # where the agent went meanwhile
        await pilot.press("j")
        await pilot.press("e")  # the draft went with the save: the form opens on the saved entry
        assert isinstance(app.screen, TextEntryModal) and app.screen.values()["phone"] == PHONE
    assert phone_of(departments) == PHONE


async def test_the_export_form_answers_keys_while_it_reads_who_may_see_phones(app_for, monkeypatch):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        slow = Held(monkeypatch, export_report, "_is_supervisor")
        with settling.unsettled(app):
            await pilot.press("ctrl+r")
            assert await answered(lambda: isinstance(app.screen, ExportReportModal) and slow.waiting.is_set())
            form = app.screen
            assert "masked (138****5678)" in screen_text(app)
            assert "m: clear" not in screen_text(app) and "supervisors only" not in screen_text(app)
            await pilot.press("left")
            assert await answered(lambda: form.week.label == "2026-W45")
            slow.release()
            assert await answered(lambda: "m: clear" in screen_text(app))
        await pilot.pause()
        await pilot.press("m")
        assert form.clear is True and "clear: in full" in screen_text(app)
