"""Improvement actions (key 7, issue 23) with Pilot at 80x24 on a real floor: a supervisor
creates one in the form, its owner starts it and marks it done (booking the verification
call), the call scored closes it; an agent cannot create; a bad expected figure keeps the form
open with core's words and the typing; a list of tickets opens the form filled in."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from core.callbacks.calls import claim_callback, finish_call
from core.callbacks.listing import list_callbacks
from core.handoffs.directory import add_department
from core.improvement import Problem, add_action, list_actions
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_ticket_screen import footer_keys, messages
from tests.callback_calls import answer_every_question
from tests.settling import answered
from tui.app import make_app
from tui.modals.improvement import ActionForm
from tui.modals.text_entry import TextEntryModal
from tui.routes import NewActionFrom
from tui.screens.actions import ActionScreen, ActionsScreen


@pytest.fixture
def action_floor(queue_floor):
    """The queue floor (T000001..T000003 for C001) with the logistics department."""
    add_department(queue_floor, "logistics")
    return queue_floor


async def open_actions(app, pilot) -> ActionsScreen:
    await pilot.pause()
    await pilot.press("7")
    assert await answered(lambda: isinstance(app.screen, ActionsScreen) and app.screen.read_once)
    return app.screen


async def fill(pilot, form: ActionForm, values: dict[str, str]) -> None:
    """Text typed into the fields (the first character as a key press, as an agent types);
    a pick list's value picked."""
    for key, value in values.items():
        widget = form.widget(key)
        if isinstance(widget, Select):
            widget.value = value
            await pilot.pause()
            continue
        widget.focus()
        await pilot.pause()
        await pilot.press({" ": "space"}.get(value[0], value[0]))
        widget.insert_text_at_cursor(value[1:])
    await pilot.pause()


NEW = {
    "title": "华东区增加第二家快递",
    "department": "logistics",
    "owner": "li",
    "due": "10",
    "expect": "delivery-delay share below 20%",
    "category": "efficiency",
    "subtag": "delivery_delay",
    "tickets": "T000001, T000002",
}


async def test_created_started_done_and_closed_by_its_verification_call(app_for, action_floor, as_li):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(app, pilot)
        assert "n" in footer_keys(app)
        await pilot.press("n")
        assert await answered(lambda: isinstance(app.screen, ActionForm) and app.screen.ready)
        form = app.screen
        await fill(pilot, form, NEW)
        await pilot.press("ctrl+s")
        assert await answered(lambda: app.screen is screen and len(screen.rows) == 1)
        assert "Created A1: 华东区增加第二家快递" in messages(app)
        assert await answered(lambda: shows(app, "A1") and shows(app, "share below 20%"))
        text = screen_text(app)
        assert "open" in text and "tickets 2" in text and "李娜 (li)" in text
    [row] = list_actions(action_floor)
    assert (row.owner, row.department, row.category, row.subtag, row.tickets) == (
        "li",
        "logistics",
        "efficiency",
        "delivery_delay",
        2,
    )

    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(app, pilot)
        assert {"s", "d", "u"} <= footer_keys(app) and not {"n", "c", "o", "e"} & footer_keys(app)
        await pilot.press("s")
        assert await answered(lambda: screen.rows and screen.rows[0].status == "in_progress")
        assert await answered(lambda: shows(app, "in progress"))
        await pilot.press("d")
        assert await answered(lambda: isinstance(app.screen, TextEntryModal))
        assert "books 1 verification call" in screen_text(app)
        await pilot.press("enter")
        assert await answered(lambda: screen.rows and screen.rows[0].status == "done")
        assert "1 verification call(s) booked for 1 customer(s)" in messages(app)
        assert await answered(lambda: shows(app, "calls 0/1"))

        [call] = [c for c in list_callbacks(action_floor) if "improvement_verify" in c.groups]
        claim_callback(as_li, call.id)
        answer_every_question(as_li, call.id, "5")
        finish_call(as_li, call.id)

        await pilot.press("r")
        assert await answered(lambda: screen.rows and screen.rows[0].status == "closed")
        assert await answered(lambda: shows(app, "calls 1/1 · 5"))
        assert "closed" in screen_text(app)
        assert not {"s", "d", "u"} & {k for k, a in app.screen.active_bindings.items() if a.enabled}

        await pilot.press("enter")  # the action: its tickets, calls and timeline
        assert await answered(lambda: isinstance(app.screen, ActionScreen) and app.screen.detail is not None)
        assert await answered(lambda: shows(app, "Timeline (4)"))
        text = screen_text(app)
        assert "T000001" in text and "#" + str(call.id) in text and "score 5" in text
        assert "verified" in text

        await pilot.press("j", "j", "j")  # past the problem, who and expected lines: T000001
        await pilot.press("enter")
        assert await answered(lambda: type(app.screen).__name__ == "TicketScreen")


async def test_an_agent_cannot_create_the_key_is_not_offered(app_for, action_floor):
    add_action(
        action_floor, "夜间客服", "logistics", "wang", 5, "count below 3", Problem(phrase="晚上没人接")
    )
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(app, pilot)
        assert await answered(lambda: shows(app, "夜间客服"))
        keys = footer_keys(app)
        assert not {"n", "s", "d", "u", "c", "o", "e"} & keys  # wang's action, and li an agent
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        screen.action_new()  # as the palette or a route would ask: core's role decides
        assert await answered(lambda: "Supervisors create" in messages(app))
        assert app.screen is screen


async def test_a_bad_expected_figure_shows_cores_words_and_keeps_the_typing(app_for, action_floor):
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await open_actions(app, pilot)
        await pilot.press("n")
        assert await answered(lambda: isinstance(app.screen, ActionForm) and app.screen.ready)
        form = app.screen
        await fill(pilot, form, {**NEW, "expect": "更快送达"})
        typed = form.values()
        await pilot.press("ctrl+s")
        assert await answered(lambda: "应只含一个数字" in messages(app))
        assert app.screen is form and form.values() == typed
        assert shows(app, "预期效果：'更快送达' 应只含一个数字")
        assert form.focused is form.widget("expect")  # on the field at fault, to mend it
    assert list_actions(action_floor) == []


async def test_a_list_of_tickets_opens_the_form_filled_in(app_for, action_floor):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(NewActionFrom(("T000001", "T000003"), "efficiency", "delivery_delay"))
        assert await answered(lambda: isinstance(app.screen, ActionForm) and app.screen.ready)
        form = app.screen
        values = form.values()
        assert values["tickets"] == "T000001 T000003"
        assert (values["category"], values["subtag"]) == ("efficiency", "delivery_delay")
        assert any(isinstance(s, ActionsScreen) for s in app.screen_stack)


async def test_a_stale_change_is_refused_with_cores_words(app_for, action_floor):
    number = add_action(
        action_floor, "夜间客服", "logistics", "li", 5, "count below 3", Problem(phrase="晚上")
    )
    app = make_app(action_floor.as_login("li"), "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_actions(app, pilot)
        from core.improvement import update_action

        update_action(action_floor, number, note="boss looked at it")  # meanwhile, elsewhere
        await pilot.press("s")
        assert await answered(lambda: "was changed by boss" in messages(app))
        assert list_actions(action_floor)[0].status == "open"
        assert await answered(lambda: screen.rows[0].row_version == list_actions(action_floor)[0].row_version)
