"""The supervisor's floor screen (key 5, tui/screens/floor.py) at 80x24: the people on the floor
and what nobody holds, Enter to a person's tickets, m to move them, presence showing within the
screen's look at it, an agent refused, Chinese.

The floor (tests/app/conftest.py queue_floor): clock Fri 2026-11-20 10:00; T000001 red
unclaimed (response due 10:15: at risk), T000002 yellow li's (10:30: at risk), T000003 green
unclaimed (11:00: not yet at risk). Everyone's shift is the floor's hours, so li and wang are
expected now; boss's own session is online on this screen."""

from __future__ import annotations

from datetime import timedelta

from core.floor.presence import Whereabouts, new_token, presence_now, say_here
from core.people.agents import add_agent, set_agent
from core.supervision.floor import AWAY, LEFT, ONLINE
from core.tickets import lifecycle as tickets
from db.models import AuditEvent
from tests.app.conftest import SIZE, screen_text, shows
from tests.settling import answered
from tui.modals.app_menu import AppMenu
from tui.modals.bulk_assign import BulkAssignModal
from tui.screens.floor import FloorScreen
from tui.screens.queue import QueueScreen
from tui.screens.ticket import TicketScreen
from tui.widgets.floor_table import FloorTable
from tui.widgets.needs_list import NeedsList


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def line_of(app, login: str):
    screen = app.screen
    if not isinstance(screen, FloorScreen) or screen.view is None:
        return None
    return next((line for line in screen.view.agents if line.login == login), None)


async def open_floor(app, pilot) -> FloorScreen:
    await pilot.press("5")
    assert await answered(lambda: isinstance(app.screen, FloorScreen) and app.screen.view is not None)
    await pilot.pause()
    return app.screen


async def test_a_supervisor_opens_the_floor_and_sees_each_person(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_floor(app, pilot)
        assert app.current_mode == "floor"
        # li owns the at-risk yellow: first; boss online here, wang expected and away
        assert [line.login for line in app.screen.view.agents] == ["li", "boss", "wang"]
        assert shows(app, "李娜") and shows(app, "王强") and shows(app, "0/1/0")
        # the unclaimed red at risk below; the green is not at risk yet
        assert shows(app, "Unclaimed, at risk or overdue · 1") and shows(app, "T000001")
        assert not shows(app, "T000003")
        assert shows(app, "STUCK handoffs · 0")
        assert shows(app, "Their tickets") and shows(app, "Move tickets")  # the footer's keys


async def test_an_agent_pressing_5_is_told_the_floor_is_for_supervisors(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        assert await answered(lambda: "The floor screen is for supervisors" in notes(app))
        assert [n.severity for n in app._notifications] == ["warning"]
        assert app.current_mode == "queue" and isinstance(app.screen, QueueScreen)
        audited = AuditEvent.select().where((AuditEvent.login == "li") & (AuditEvent.target == "floor"))
        assert audited.count() == 1
        # the menu offers no floor to an agent
        await pilot.press("f2")
        assert isinstance(app.screen, AppMenu)
        assert not shows(app, "Floor")


async def test_the_menu_offers_the_floor_to_a_supervisor(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, AppMenu) and shows(app, "Floor")


async def test_enter_on_a_person_opens_their_tickets_in_the_queue(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_floor(app, pilot)
        assert screen.people.current is not None and screen.people.current.login == "li"
        await pilot.press("enter")
        assert await answered(
            lambda: app.current_mode == "queue" and getattr(app.screen, "owner", "") == "li"
        )
        queue = app.screen
        assert isinstance(queue, QueueScreen) and queue.view == "agent"


async def test_m_asks_to_move_the_persons_open_tickets(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_floor(app, pilot)
        await pilot.press("m")
        assert isinstance(app.screen, BulkAssignModal) and app.screen.from_login == "li"


async def test_tab_goes_to_what_nobody_holds_and_enter_opens_the_ticket(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_floor(app, pilot)
        await pilot.press("tab")
        assert isinstance(app.focused, NeedsList) and shows(app, "Open")
        await pilot.press("enter")
        assert await answered(lambda: isinstance(app.screen, TicketScreen))
        assert app.screen.ref == "T000001"
        await pilot.press("escape")
        assert await answered(lambda: app.screen is screen)
        await pilot.press("tab")
        assert isinstance(app.focused, FloorTable)


async def test_a_new_session_shows_online_and_a_silent_one_away(app_for, queue_floor):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_floor(app, pilot)
        assert line_of(app, "wang").state == AWAY and shows(app, "not seen")
        wang = queue_floor.as_login("wang")
        token = new_token()
        say_here(wang, token, Whereabouts("ticket", "T000003"))
        # within the screen's look at presence (every second): no change signal is needed
        assert await answered(lambda: line_of(app, "wang").state == ONLINE)
        assert shows(app, "ticket T000003")
        # the same session, silent for five minutes: away, and when it was last seen
        say_here(wang, token, Whereabouts("queue"), now=presence_now() - timedelta(minutes=5))
        assert await answered(lambda: line_of(app, "wang").state == AWAY)
        assert shows(app, "seen ")


async def test_the_floor_in_chinese(app_for):
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_floor(app, pilot)
        assert shows(app, "李娜") and shows(app, "红/黄/绿")
        assert shows(app, "无人认领") and shows(app, "其工单")
        # the app says 现场 for the floor (楼层 is a building's storey), 客服专员 for an agent
        assert shows(app, "现场实况") and "现场" in row_of(app, "老板")
        assert "楼层" not in screen_text(app) and "坐席" not in screen_text(app)


async def test_keys_work_on_the_persons_tickets(app_for, queue_floor, as_li):
    """Found in a trial: after Enter on a person the queue took no key but Esc (its read, started
    inside the route's worker, never finished, so keys waited for it for ever)."""
    for text in ("a", "b"):
        tickets.claim(
            as_li, tickets.intake(queue_floor, tickets.NewTicket("C001", "email", f"question {text}"))
        )
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_floor(app, pilot)
        await pilot.press("enter")
        assert await answered(
            lambda: app.current_mode == "queue" and getattr(app.screen, "owner", "") == "li"
        )
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        assert await answered(lambda: queue._rows_coming is None or queue._rows_coming.is_finished)
        await pilot.press("j")
        assert await answered(lambda: queue.table.cursor == 1)


def many_people(floor, count: int = 12) -> list[str]:
    """Add agents (expected now: the floor's hours) so that the people outgrow 80x24's list."""
    logins = [f"agent{n:02}" for n in range(1, count + 1)]
    for login in logins:
        add_agent(floor, login, f"Agent {login[-2:]}")
    return logins


async def test_rows_scrolled_into_view_repaint_when_presence_changes(app_for, queue_floor):
    """Found in a trial: with the people scrolled to the end, a session starting or moving left
    the rows on show as they were (the changed lines were repainted at the wrong places)."""
    many_people(queue_floor)
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_floor(app, pilot)
        assert len(screen.view.agents) == 15
        await pilot.press("end")
        people = screen.people
        assert people.scroll_offset.y > 0 and people.current.login == "wang"
        assert "wang" in visible_people(screen) and shows(app, "王强")
        wang = queue_floor.as_login("wang")
        say_here(wang, new_token(), Whereabouts("ticket", "T000003"))
        assert await answered(lambda: line_of(app, "wang").state == ONLINE)
        await pilot.pause()
        assert row_of(app, "王强").find("ticket T000003") > 0
        # another one on show, not under the cursor: a session starts on the board
        other = visible_people(screen)[-3]
        name = line_of(app, other).name
        say_here(queue_floor.as_login(other), new_token(), Whereabouts("board"))
        assert await answered(lambda: line_of(app, other).state == ONLINE)
        await pilot.pause()
        assert "board" in row_of(app, name)
        # away and back: the same
        await pilot.press("escape")
        await pilot.press("5")
        assert await answered(lambda: app.screen is screen)
        say_here(wang, new_token(), Whereabouts("queue"))
        assert await answered(lambda: line_of(app, "wang").screen == "queue")
        await pilot.pause()
        assert "queue" in row_of(app, "王强")
        # the cursor moves up a line, the list scrolled: its mark moves with it
        assert "王强" in cursor_row(app)
        await pilot.press("up")
        above = line_of(app, screen.people.current.login).name
        assert above != "王强" and above in cursor_row(app) and "王强" not in cursor_row(app)


def visible_people(screen: FloorScreen) -> list[str]:
    """The logins of the people's rows on show."""
    people = screen.people
    top = int(people.scroll_offset.y)
    shown = people.lines[top : top + people.size.height - 1]
    return [str(line.key) for line in shown if line.key is not None]


def row_of(app, name: str) -> str:
    """The screen's line that names the person."""
    return next((line for line in screen_text(app).splitlines() if name in line), "")


def cursor_row(app) -> str:
    """The screen's line drawn in the people's cursor colour."""
    people = app.screen.people
    colour = people.get_component_rich_style("cursor-lines--cursor").bgcolor
    for strip in app.screen._compositor.render_strips():
        if any(segment.style is not None and segment.style.bgcolor == colour for segment in strip):
            return "".join(segment.text for segment in strip)
    return ""


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_footer_offers_the_persons_keys_as_soon_as_the_floor_shows(app_for, queue_floor, as_li):
    """Found in a trial: with nothing unclaimed below (so no cursor moved there), the footer
    lacked Enter and m until the cursor moved; and it follows the line the cursor stands on."""
    tickets.claim(as_li, "T000001")
    for language, keys in (("en", ("⏎ Their tickets", "m Move tickets")), ("zh", ("⏎ 其工单", "m 转移工单"))):
        app = app_for("boss", language)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_floor(app, pilot)
            assert screen.needs.current is None and screen.people.current.login == "li"
            assert all(key in footer(app) for key in keys), footer(app)
    # the person under the cursor resolves their last ticket (staying where they are): m goes
    wang = queue_floor.as_login("wang")
    tickets.claim(wang, "T000003")
    say_here(wang, new_token(), Whereabouts("queue"))  # online: not sorted up as away with work
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_floor(app, pilot)
        await pilot.press("end")
        assert screen.people.current.login == "wang" and "Move tickets" in footer(app)
        cursor = screen.people.cursor
        tickets.set_status(wang, "T000003", "resolved", "done")
        screen.reload()
        assert await answered(lambda: line_of(app, "wang") is not None and line_of(app, "wang").open == 0)
        await pilot.pause()
        assert screen.people.cursor == cursor and screen.people.current.login == "wang"
        assert "Their tickets" in footer(app) and "Move tickets" not in footer(app), footer(app)


async def test_a_leaver_with_open_tickets_stays_listed_to_move_them(app_for, queue_floor):
    """Found in a trial: after `agent set li --active no` li's row and open ticket were gone
    ("2 people"), so there was nothing to press m on."""
    set_agent(queue_floor, "li", active=False)
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_floor(app, pilot)
        li = line_of(app, "li")
        assert li is not None and li.state == LEFT and li.open == 1
        assert shows(app, "3 people") and shows(app, "· 1 left")
        assert row_of(app, "李娜").split()[:3] == ["×", "李娜", "left"]
        assert screen.people.current.login == "li"  # first: the customer waits on nobody
        assert "Move tickets" in footer(app)
        await pilot.press("m")
        assert isinstance(app.screen, BulkAssignModal) and app.screen.from_login == "li"
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_floor(app, pilot)
        assert row_of(app, "李娜").split()[:3] == ["×", "李娜", "已离职"] and shows(app, "· 已离职 1")


async def test_last_seen_on_another_day_says_the_date_and_never_seen_says_so(app_for, queue_floor):
    """Found in a trial: "seen 12-05 13:…" was cut at 80 columns (the date alone fits there; a
    wide screen shows both), and at 240 columns "Last seen" was blank for someone never seen."""
    tz = queue_floor.policy.calendar.tz
    wang = queue_floor.as_login("wang")
    for size in (SIZE, (240, 67)):
        app = app_for("boss")
        async with app.run_test(size=size) as pilot:
            await open_floor(app, pilot)
            assert "not seen" in row_of(app, "李娜")  # on shift, never seen: in both layouts
            # written once the app's first beat (which forgets rows a day old) is done
            yesterday = presence_now() - timedelta(days=1, minutes=5)
            say_here(wang, new_token(), Whereabouts("queue"), now=yesterday)
            assert await answered(lambda app=app: line_of(app, "wang").seen_at is not None)
            await pilot.pause()
            local = yesterday.astimezone(tz)
            day, time = local.strftime("%m-%d"), local.strftime("%H:%M")
            row = row_of(app, "王强")
            if size == SIZE:
                assert f"seen {day} " in row and time not in row and "…" not in row, row
            else:
                assert f" {day} {time} " in row, row
