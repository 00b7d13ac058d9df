"""Bulk moves on the queue at 80x24: a supervisor marks tickets with space and moves them with A
(tui/modals/bulk_assign.py); a ticket changed between marking and saving is listed, not moved;
an agent cannot mark. show_agent(login) lists one agent's open tickets, and A moves them all."""

from __future__ import annotations

from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, screen_text, shows
from tui.modals.bulk_assign import BulkAssignModal
from tui.screens.queue import QueueScreen
from tui.widgets.queue_table import QueueTable

REFS = ["T000001", "T000002", "T000003"]


def owners(floor) -> list[str | None]:
    return [ticket_detail(floor, ref).owner for ref in REFS]


def status_line(app) -> str:
    return str(app.screen.query_one("#queue-status").text)


async def mark_three(pilot) -> QueueTable:
    table = pilot.app.screen.query_one(QueueTable)
    await pilot.press("space", "down", "space", "down", "space")
    assert list(table.marks) == REFS
    return table


async def move_to(pilot, login: str, reason: str) -> BulkAssignModal:
    await pilot.press("A")
    form = pilot.app.screen
    assert isinstance(form, BulkAssignModal)
    await pilot.press(*login, "enter")  # find the person, Enter: to the reason
    await pilot.press(*reason, "enter")
    return form


async def test_a_supervisor_marks_three_and_moves_them_to_one_agent(app_for, queue_floor):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        table = await mark_three(pilot)
        assert "3 marked" in status_line(app)
        assert [line.split()[0] for line in screen_text(app).splitlines() if "T00000" in line] == ["✓"] * 3
        await pilot.press("space")  # space again unmarks
        assert list(table.marks) == REFS[:2] and "2 marked" in status_line(app)
        await pilot.press("space")
        await pilot.press("A")
        form = app.screen
        assert isinstance(form, BulkAssignModal)
        text = screen_text(app)
        assert "Move 3 marked tickets" in text and "T000001, T000002, T000003" in text
        assert "Spread across the agents online" in text and "王强 (wang)" in text and "Reason" in text
        assert len(text.splitlines()) <= 24
        await pilot.press(*"wang", "enter")
        await pilot.press(*"李娜请假", "enter")
        assert form.finished is not None
        assert shows(app, "3 moved") and shows(app, "wang 3")
        await pilot.press("enter")  # closes
        assert isinstance(app.screen, QueueScreen)
        assert table.marks == {}
        assert "marked" not in status_line(app)
    assert owners(queue_floor) == ["wang"] * 3
    assert ticket_detail(queue_floor, "T000002").events[-1].text == "李娜请假"


async def test_a_ticket_changed_after_marking_is_listed_and_stays_marked(app_for, queue_floor, as_li):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        table = await mark_three(pilot)
        tickets.claim(as_li, "T000001")  # someone else works on it meanwhile
        await move_to(pilot, "wang", "平衡工作量")
        assert shows(app, "2 moved; 1 skipped: T000001 (changed by someone else since you looked)")
        await pilot.press("escape")
        assert list(table.marks) == ["T000001"]  # the moved ones' marks went
        assert "1 marked" in status_line(app)
    assert owners(queue_floor) == ["li", "wang", "wang"]


async def test_the_result_is_said_in_chinese(app_for, queue_floor, as_li):
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await mark_three(pilot)
        tickets.claim(as_li, "T000003")
        await move_to(pilot, "wang", "平衡")
        assert shows(app, "已改派 2 张；跳过 1 张：T000003（你查看之后已被他人修改）")


async def test_marks_survive_a_view_change_and_a_filter(app_for, queue_floor):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        table = await mark_three(pilot)
        await pilot.press("u")  # unclaimed: T000001, T000003
        await pilot.press("slash", *"T000003", "enter", "escape")
        await pilot.press("a")
        assert list(table.marks) == REFS and "3 marked" in status_line(app)
        await pilot.press("x")
        assert table.marks == {} and "marked" not in status_line(app)


async def test_an_agent_cannot_mark_and_has_no_bulk_key(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(QueueTable)
        await pilot.press("space", "A")
        assert table.marks == {}
        assert isinstance(app.screen, QueueScreen)
        enabled = {key for key, b in app.screen.active_bindings.items() if b.enabled}
        assert "A" not in enabled
        assert app.screen.active_bindings["space"].binding.action == "page(1)"
    assert owners(queue_floor) == [None, "li", None]


async def test_show_agent_lists_their_open_tickets_and_A_moves_them_all(app_for, queue_floor, as_li):
    tickets.claim(as_li, "T000003")
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen
        assert isinstance(queue, QueueScreen)
        queue.show_agent("li")
        await pilot.pause()
        rows = [
            line.split()[1]
            for line in screen_text(app).splitlines()
            if line.strip()[:2] in ("R ", "Y ", "G ")
        ]
        assert rows == ["T000002", "T000003"]
        assert "li's open tickets" in status_line(app)
        form = await move_to(pilot, "wang", "李娜病假")
        assert form.from_login == "li"
        assert shows(app, "2 moved")
        await pilot.press("enter")
        assert "Nothing here" in status_line(app)
        await pilot.press("escape")  # back to every open ticket
        assert "all open" in status_line(app)
    assert owners(queue_floor) == [None, "wang", "wang"]
