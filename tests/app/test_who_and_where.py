"""Who and where (issue 18): every screen of the agent's app says on its top line who is logged
in (name, login, role in the reader's language) and on which floor, and NOT LIVE while the
floor's change signal cannot be read; the wall's board names nobody. Notifications stack in
the bottom-right corner without covering the ticket timeline's newest entry.

The floor is tests/app/conftest's queue_floor, in the file floor.db: the floor is "floor" (on
the PostgreSQL test server, the database's own name: the fixture `where`)."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.widgets._toast import Toast

from core.basics import StorageProblem
from core.people.agents import add_agent
from core.tickets import lifecycle as tickets
from core.tickets import queue
from tests.app.conftest import SIZE, screen_text
from tests.app.test_call_screen import open_call
from tests.snapshot.conftest import DETAIL_DESCRIPTION
from tui.app import make_app
from tui.base.who_bar import WhoBar
from tui.routes import OpenTicket
from tui.screens.board import BoardScreen
from tui.screens.callbacks import CallbacksScreen
from tui.screens.customer import CustomerScreen
from tui.screens.directory import DirectoryScreen
from tui.screens.intake import IntakeScreen
from tui.screens.queue import QueueScreen
from tui.screens.ticket import TicketScreen
from tui.wall import make_wall
from tui.widgets.timeline import Timeline

LI_EN = "李娜 (li) · agent · floor: {where}"
LI_ZH = "李娜（li）· 客服专员 · 现场：{where}"


@pytest.fixture
def where(floor_db) -> str:
    """The floor's name on the top line: its file's, without .db; on a database server, the
    database's own name."""
    return floor_db.path.stem if floor_db.path is not None else floor_db.name


SCREENS = [
    # (keys from the queue, the screen they lead to, the key back to the queue)
    ((), QueueScreen, ()),
    (("enter",), TicketScreen, ("escape",)),
    (("C",), CustomerScreen, ("escape",)),
    (("n",), IntakeScreen, ("escape",)),
    (("2",), BoardScreen, ("1",)),
    (("3",), DirectoryScreen, ("1",)),
    (("4",), CallbacksScreen, ("1",)),
]


def top_line(app) -> str:
    return screen_text(app).splitlines()[0].strip()


async def wait_for_top(pilot, app, predicate, seconds: float = 20.0) -> str:
    """The top line once predicate holds for it. Generous: the app's watch looks at the floor
    twice a second, and a loaded machine must not fail the behaviour test."""
    for _ in range(int(seconds / 0.05)):
        line = top_line(app)
        if predicate(line):
            return line
        await pilot.pause(0.05)
    raise AssertionError(f"top line still {top_line(app)!r} after {seconds} s")


@pytest.mark.parametrize(("language", "expected"), [("en", LI_EN), ("zh", LI_ZH)])
async def test_every_screen_of_the_agents_app_says_who_and_where(app_for, language, expected, where):
    expected = expected.format(where=where)
    app = app_for("li", language)
    async with app.run_test(size=SIZE) as pilot:
        for keys, screen, back in SCREENS:
            await pilot.press(*keys)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            assert await wait_for_top(pilot, app, lambda line: line == expected)
            await pilot.press(*back)
            await pilot.pause()
            assert isinstance(app.screen, QueueScreen)


async def test_the_call_screen_says_who_and_where_above_the_call(floor, callback, where):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await wait_for_top(pilot, app, lambda line: line == LI_EN.format(where=where))
        assert "Callback #" in screen_text(app).splitlines()[1]  # the call's own heading, whole


async def test_a_supervisor_is_named_a_supervisor(app_for, where):
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_top(pilot, app, lambda line: line == f"老板（boss）· 客服主管 · 现场：{where}")


async def test_the_agents_name_is_shown_as_text_not_markup(queue_floor):
    add_agent(queue_floor, "zhao", "[bold red]赵[/] \x1b[2J")
    app = make_app(queue_floor.as_login("zhao"))
    async with app.run_test(size=SIZE) as pilot:
        line = await wait_for_top(pilot, app, lambda line: "(zhao)" in line)
    assert "[bold red]赵[/] ␛[2J (zhao)" in line and "\x1b" not in line


async def test_the_wall_board_names_nobody(queue_floor, where):
    app = make_wall(queue_floor.as_login("boss"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query(WhoBar)
        shown = screen_text(app)
    assert "boss" not in shown and f"floor: {where}" not in shown


async def test_the_top_line_says_not_live_while_the_change_signal_fails(app_for, monkeypatch, where):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # a ticket: its own lines say nothing of the floor's signal
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        await wait_for_top(pilot, app, lambda line: line == LI_EN.format(where=where))

        def unreadable(*_):
            raise StorageProblem("the floor database stayed locked by another process")

        monkeypatch.setattr(queue, "change_token", unreadable)
        assert await wait_for_top(pilot, app, lambda line: line == f"NOT LIVE · {LI_EN.format(where=where)}")
        assert app.screen.query_one(WhoBar).has_class("-not-live")  # drawn as a warning
        monkeypatch.undo()
        assert await wait_for_top(pilot, app, lambda line: line == LI_EN.format(where=where))


async def test_the_top_line_repaints_only_when_what_it_says_changes(app_for, where):
    """Two hundred sessions share the floor's host: being told the same again draws nothing."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")  # the directory: nothing on it moves by itself
        await wait_for_top(pilot, app, lambda line: line == LI_EN.format(where=where))
        await pilot.pause()
        bar = app.screen.query_one(WhoBar)
        drawn: list[str] = []
        render = bar.render
        bar.render = lambda: drawn.append("drawn") or render()  # type: ignore[method-assign]
        for _ in range(5):
            bar.show(bar.who)
            bar.show_watch(False)
        await pilot.pause()
        assert drawn == []
        bar.show_watch(True)
        await pilot.pause()
        assert drawn and top_line(app) == f"NOT LIVE · {LI_EN.format(where=where)}"


@pytest.fixture
def long_ticket(queue_floor, as_li) -> str:
    """A ticket whose description takes eight lines at 80x24 (the snapshots' detail ticket),
    with a note and a three-line outbound contact on top of its timeline."""
    ref = tickets.intake(queue_floor, tickets.NewTicket("C001", "phone", DETAIL_DESCRIPTION))
    tickets.claim(as_li, ref)
    tickets.add_note(as_li, ref, "已联系仓库核对出库记录，请物流确认运输途中是否有挤压。")
    tickets.log_contact(
        as_li, ref, "out", "Called Ms. Zhang: confirmed replacement for both units, shipping today by 17:00."
    )
    return ref


async def test_three_notifications_leave_the_timelines_newest_entry_in_view(app_for, long_ticket):
    app = app_for("li")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.post_message(OpenTicket(long_ticket))
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        app.notify("T000004: claimed", markup=False)
        app.notify(
            "the floor database stayed locked by another process for over 5 s (a backup or a "
            "stuck session?); nothing was changed: try again in a moment",
            title="Error",
            severity="error",
            markup=False,
        )
        app.notify("NOT LIVE: the floor's change signal cannot be read", severity="warning", markup=False)
        await pilot.pause()
        toasts = [toast.region for toast in app.screen.query(Toast)]
        assert len(toasts) == 3 and all(toasts)  # all three are up
        assert all(region.bottom < SIZE[1] for region in toasts)  # the footer's keys stay

        # The newest entry: from the timeline's top to its last line (the contact's "17:00.").
        timeline = app.screen.query_one(Timeline).content_region
        lines = screen_text(app).splitlines()
        last = next(y for y in range(timeline.y, timeline.bottom) if lines[y].strip() == "17:00.")
        newest = Region(timeline.x, timeline.y, timeline.width, last - timeline.y + 1)
        assert "first response; Called Ms. Zhang" in lines[timeline.y]
        assert not any(newest.overlaps(region) for region in toasts)
