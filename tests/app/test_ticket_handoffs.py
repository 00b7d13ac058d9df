"""Handoffs from the ticket detail with Pilot at 80x24 (docs/floor.md, Handoffs): the department
picked from the directory, the offline warning, a deadline in the past refused with the
typing kept, then answered (a) and synced to the customer (s), each on the timeline."""

from __future__ import annotations

import pytest

from core.admin import setup as admin
from core.handoffs.directory import add_department
from core.handoffs.lifecycle import add_handoff, answer_handoff, list_handoffs
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, screen_text
from tests.app.test_ticket_screen import footer_keys, messages, open_ticket, segments_text, type_text
from tui.modals.choice import ChoiceModal
from tui.modals.text_entry import TextEntryModal
from tui.screens.ticket import TicketScreen

DIRECTORY = ["logistics", "production", "rnd", "tech", "warehouse"]
"""The policy's departments as init_floor puts them in the directory, in the list's order."""


@pytest.fixture
def directory(queue_floor):
    admin.init_floor(queue_floor)
    return queue_floor


def handoff_events(ref: str, session) -> list:
    return [e for e in ticket_detail(session, ref).events if e.kind == "handoff"]


async def pick_department(pilot, name: str) -> None:
    """From the top of the list down to name, then Enter (to the first empty field)."""
    options = [value for value, _ in pilot.app.screen.options]
    await pilot.press(*["down"] * options.index(name), "enter")
    await pilot.pause()


async def test_pick_a_department_by_keys_and_send_a_handoff(app_for, directory):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        assert not footer_keys(app) & {"a", "s"}  # nothing handed off yet
        await pilot.press("h")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChoiceModal)
        assert [value for value, _ in modal.options] == DIRECTORY
        text = screen_text(app)
        assert "Warehouse" in text and "online 08:00-18:00" in text and "online 08:00-20:00" in text
        assert "outside its online hours" not in text  # all of them work at 10:00 on a Friday
        await pick_department(pilot, "warehouse")
        await type_text(pilot, "confirm where the parcel is")
        await pilot.press("enter")  # to the deadline
        await type_text(pilot, "+2h")
        await pilot.press("enter")  # the problem is optional: this saves
        await pilot.pause()
        assert app.screen is not modal and isinstance(app.screen, TicketScreen)
        assert "Handoff #1 sent to Warehouse (contact -, -, online 08:00-18:00)" in messages(app)
        text = screen_text(app)
        assert "handoffs: #1 Warehouse sent" in text
        assert "to Warehouse, due 12:00; invoice question /" in text and "confirm where the parcel is" in text
        assert "a" in footer_keys(app) and "s" not in footer_keys(app)
    [handoff] = list_handoffs(directory, ref="T000002")
    assert (handoff.department, handoff.need, handoff.problem, handoff.stage) == (
        "warehouse",
        "confirm where the parcel is",
        "invoice question",
        "sent",
    )


async def test_a_department_outside_its_online_hours_is_marked_and_warned_about(app_for, directory):
    add_department(
        directory,
        "qa_lab",
        contact="周敏",
        phone="13700000000",
        hours="11:00-17:00",
        backup_contact="Ann",
        backup_phone="13900002222",
    )
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("h")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        [row] = [n for n, line in enumerate(lines) if "qa_lab" in line]
        assert "周敏" in lines[row] and "13700000000" in lines[row] and "online 11:00-17:00" in lines[row]
        assert "! outside its online hours now" in lines[row + 1]
        assert sum("outside its online hours" in line for line in lines) == 1  # only qa_lab
        await pick_department(pilot, "qa_lab")
        await type_text(pilot, "retest the unit")
        await pilot.press("enter")
        await type_text(pilot, "tomorrow 10:00")
        await pilot.press("tab")
        await type_text(pilot, "unit fails after update")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        said = messages(app)
        assert "Handoff #1 sent to qa_lab (contact 周敏, 13700000000, online 11:00-17:00)" in said
        assert "qa_lab is outside its online hours (11:00-17:00); call Ann 13900002222" in said
        assert [n.severity for n in app._notifications if "outside" in str(n.message)] == ["warning"]
    [handoff] = list_handoffs(directory)
    assert handoff.problem == "unit fails after update"


async def test_a_deadline_in_the_past_is_refused_and_the_form_keeps_the_typing(app_for, directory):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("h")
        await pilot.pause()
        await pick_department(pilot, "tech")
        await type_text(pilot, "check the firmware")
        await pilot.press("enter")
        await type_text(pilot, "09:00")
        await pilot.press("enter")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChoiceModal)
        typed = {"choice": "tech", "need": "check the firmware", "due": "09:00", "problem": ""}
        assert modal.values() == typed
        assert "has already passed" in screen_text(app)  # said inside the form, in view at 80x24
        # Escape keeps it as a draft; h opens it again, department and all.
        await pilot.press("escape")
        await pilot.pause()
        assert "Kept what you typed" in messages(app)
        await pilot.press("h")
        await pilot.pause()
        assert app.screen.values() == typed
        # Put the deadline right and send.
        app.screen.field("due").value = "11:30"
        await pilot.press("enter", "enter")  # list -> first field; Enter there saves
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
    [handoff] = list_handoffs(directory)
    assert (handoff.department, handoff.need) == ("tech", "check the firmware")


async def test_answered_then_synced_each_on_the_timeline_and_then_the_keys_go(
    app_for, directory, clock, as_li
):
    add_handoff(as_li, "T000002", "warehouse", "confirm where the parcel is", "12:00")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        assert "a" in footer_keys(app) and "s" not in footer_keys(app)
        clock.advance(minutes=40)
        await pilot.press("a")  # one handoff waits for an answer: straight to it
        await pilot.pause()
        assert isinstance(app.screen, TextEntryModal)
        assert "#1 Warehouse" in screen_text(app) and "due 12:00  confirm where the parcel is" in screen_text(
            app
        )
        await type_text(pilot, "在途, 明天10点送达 [b]not bold[/b]")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "Handoff #1: Warehouse's answer recorded on T000002" in messages(app)
        text = screen_text(app)
        assert "#1 answered; 在途, 明天10点送达 [b]not bold[/b]" in text
        assert "handoffs: #1 Warehouse answered" in text
        assert "s" in footer_keys(app) and "a" not in footer_keys(app)
        clock.advance(minutes=5)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert "answer: 在途, 明天10点送达 [b]not bold[/b]" in screen_text(app)  # what to tell the customer
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "Handoff #1 (Warehouse) synced to the customer of T000002" in messages(app)
        text = screen_text(app)
        assert "10:45 li       handoff    #1 synced to the customer" in text
        assert "handoffs:" not in text
        assert not footer_keys(app) & {"a", "s"}
    assert [e.after["stage"] for e in handoff_events("T000002", directory)] == ["sent", "answered", "synced"]
    assert list_handoffs(directory, ref="T000002") == []


async def test_picking_among_two_open_handoffs(app_for, directory, as_li):
    hostile = "[red]find[/] \x1b[2J the parcel"
    first = add_handoff(as_li, "T000002", "warehouse", hostile, "12:00")
    second = add_handoff(as_li, "T000002", "tech", "check the firmware", "11:00")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("a")
        await pilot.pause()
        modal = app.screen
        assert isinstance(modal, ChoiceModal)
        assert [value for value, _ in modal.options] == [str(second.id), str(first.id)]  # by deadline
        text = screen_text(app)
        assert "#2 Tech support due 11:00  check the firmware" in text
        assert "#1 Warehouse    due 12:00  [red]find[/] ␛[2J the parcel" in text
        assert "\x1b" not in segments_text(app)
        await pilot.press("down", "enter")  # the warehouse one, then to the answer
        await type_text(pilot, "it is in Hangzhou")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert {"a", "s"} <= footer_keys(app)  # tech still waits; warehouse's answer is to tell
    stages = {h.department: (h.stage, h.answer) for h in list_handoffs(directory, ref="T000002")}
    assert stages == {"tech": ("sent", None), "warehouse": ("answered", "it is in Hangzhou")}


async def test_synced_picks_among_two_answers(app_for, directory, as_li):
    first = add_handoff(as_li, "T000002", "warehouse", "find the parcel", "12:00")
    second = add_handoff(as_li, "T000002", "tech", "check the firmware", "11:00")
    answer_handoff(as_li, first.id, "in Hangzhou")
    answer_handoff(as_li, second.id, "firmware 1.2 fixes it")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        assert "s" in footer_keys(app) and "a" not in footer_keys(app)
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("down", "enter")  # the warehouse one
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "s" in footer_keys(app)
    [left] = list_handoffs(directory, ref="T000002")
    assert (left.id, left.stage) == (second.id, "answered")


async def test_an_empty_directory_says_who_fills_it(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)  # no empty form
        assert "a supervisor adds them with callfloor dept add NAME" in messages(app)


async def test_no_handoff_from_a_resolved_ticket(app_for, directory, as_li):
    from core.tickets import lifecycle as tickets

    tickets.set_status(as_li, "T000002", "resolved", "done", "words")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        assert "h" not in footer_keys(app)


async def test_handoff_forms_in_chinese(app_for, directory, as_li):
    add_department(directory, "qa_lab", contact="周敏", phone="13700000000", hours="11:00-17:00")
    add_handoff(as_li, "T000003", "qa_lab", "复测", "+3h")
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("h")
        await pilot.pause()
        text = screen_text(app)
        assert "将 T000002 转交其他部门" in text and "协作部门" in text and "在线 08:00-18:00" in text
        assert "！当前不在在线时间内" in text and "需要对方做什么" in text
        await pilot.press("escape", "escape")
        await pilot.pause()
        await open_ticket(app, pilot, "T000003")
        assert "反馈" in screen_text(app).splitlines()[-1]
        assert "转交：#1 qa_lab 已提交" in screen_text(app)


def test_the_stage_keys_can_be_remapped_by_id():
    ids = {binding.id: binding.key for binding in TicketScreen.BINDINGS}
    assert (ids["ticket.handoff"], ids["ticket.answer"], ids["ticket.synced"]) == ("h", "a", "s")


async def test_with_every_key_offered_the_footer_still_shows_where_the_rest_are(app_for, directory, as_li):
    """A claimed ticket with a handoff waiting for each stage offers more keys than 80 columns
    hold: the screen's keys that fit are shown, and ? (every key) always is."""
    add_handoff(as_li, "T000002", "tech", "check the firmware", "11:00")
    answered = add_handoff(as_li, "T000002", "warehouse", "find the parcel", "12:00")
    answer_handoff(as_li, answered.id, "in Hangzhou")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        footer = screen_text(app).splitlines()[-1]
        assert {"a", "s"} <= footer_keys(app)  # offered (the key panel and the palette list them all)
    assert footer.rstrip().endswith("? Keys")
    assert footer.startswith("n Note")
