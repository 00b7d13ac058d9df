"""The busy outcome's time at the floor's working hours (issue 17), with Pilot at 80x24 and the
frozen clock of tests/conftest.py (Fri 2026-11-20 10:00 Shanghai; moved with clock.set()):
the typed time is said with its weekday as it is typed; a time outside working time is warned
about, naming the next working slot, and the agent takes that slot (1) or keeps the customer's
time anyway (2) by one key, without typing it again; Esc goes back to the form as typed."""

from __future__ import annotations

from core.callbacks.calls import call_log, get_callback
from db.models import Callback
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_call_screen import end_call, open_call
from tests.app.test_ticket_screen import messages, type_text
from tests.conftest import sh
from tui.app import make_app
from tui.modals.call_outcome import BusyForm, BusyTimeChoice
from tui.screens.call import CallScreen


async def busy_form(app, pilot, callback: int) -> BusyForm:
    """Open the call, answer the first question, and end it as busy: the form for the time."""
    await open_call(app, pilot, callback)
    await pilot.press("5")
    await end_call(pilot, "2")
    form = app.screen
    assert isinstance(form, BusyForm)
    return form


async def test_tomorrow_on_a_friday_is_saturday_warned_and_the_next_working_slot_taken(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await busy_form(app, pilot, callback)
        await type_text(pilot, "明天 10:00")
        # said with its weekday as it is typed, before Enter
        said = str(app.screen.query_one("#busy-when").render())  # wrapped where the modal's width says
        assert "Sat 11-21 10:00 is outside working hours (Mon-Fri 09:00-18:00)" in said
        assert "the next working slot is Mon 11-23 10:00" in said
        await pilot.press("enter")
        choice = app.screen
        assert isinstance(choice, BusyTimeChoice)
        assert shows(app, "Mon 11-23 10:00, the next working slot")
        assert shows(app, "Sat 11-21 10:00 anyway, as the customer asked")
        assert get_callback(floor, callback).call_after is None  # nothing booked yet
        await pilot.press("1")
        assert not isinstance(app.screen, (BusyForm, BusyTimeChoice, CallScreen))
        assert f"Callback #{callback}: call again at 11-23 10:00" in messages(app)
    assert get_callback(floor, callback).call_after == sh(2026, 11, 23, 10)
    [busy] = call_log(floor, callback)
    assert busy.outcome == "busy"


async def test_the_customers_saturday_confirmed_anyway_is_kept(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await busy_form(app, pilot, callback)
        await type_text(pilot, "明天 10:00")
        await pilot.press("tab")
        await type_text(pilot, "客户周六在家")
        await pilot.press("enter")
        assert isinstance(app.screen, BusyTimeChoice)
        await pilot.press("2")
        assert not isinstance(app.screen, (BusyForm, BusyTimeChoice, CallScreen))
        assert f"Callback #{callback}: call again at 11-21 10:00" in messages(app)
    assert get_callback(floor, callback).call_after == sh(2026, 11, 21, 10)
    [busy] = call_log(floor, callback)
    assert (busy.outcome, busy.note) == ("busy", "客户周六在家")


async def test_two_hours_at_17_00_is_warned_and_escape_keeps_the_form_as_typed(floor, clock, callback):
    clock.set(sh(2026, 11, 20, 17))
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        form = await busy_form(app, pilot, callback)
        await type_text(pilot, "+2h")
        said = str(app.screen.query_one("#busy-when").render())  # wrapped where the modal's width says
        assert "Fri 11-20 19:00 is outside working hours" in said
        assert "the next working slot is Mon 11-23 09:00" in said
        await pilot.press("enter")
        assert isinstance(app.screen, BusyTimeChoice)
        await pilot.press("escape")
        assert app.screen is form and form.field("when").value == "+2h"
        assert shows(app, "Fri 11-20 19:00 is outside working hours")  # the warning stays
        assert get_callback(floor, callback).call_after is None and call_log(floor, callback) == []
        # Enter again asks again; arrows and Enter pick too
        await pilot.press("enter")
        assert isinstance(app.screen, BusyTimeChoice)
        await pilot.press("down", "enter")
        assert not isinstance(app.screen, (BusyForm, BusyTimeChoice, CallScreen))
    assert get_callback(floor, callback).call_after == sh(2026, 11, 20, 19)


async def test_a_working_time_is_said_with_its_weekday_and_saved_without_asking(floor, callback):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        form = await busy_form(app, pilot, callback)
        await type_text(pilot, "15:30")
        assert shows(app, "That is Fri 11-20 15:30") and "outside working hours" not in screen_text(app)
        form.field("when").value = ""
        await type_text(pilot, "so")  # not a time (yet): nothing said until Enter
        assert "That is" not in screen_text(app)
        form.field("when").value = ""
        await type_text(pilot, "15:30")
        await pilot.press("enter")
        assert not isinstance(app.screen, (BusyForm, BusyTimeChoice, CallScreen))
        assert f"Callback #{callback}: call again at 15:30" in messages(app)
    assert get_callback(floor, callback).call_after == sh(2026, 11, 20, 15, 30)


def callable_from_now(callback: int, clock) -> None:
    """The callback's window opens now (a test that moves the clock before its booking)."""
    Callback.update(due_from=clock.now()).where(Callback.id == callback).execute()


async def test_a_make_up_saturday_is_working_time(floor, clock, callback):
    clock.set(sh(2026, 10, 9, 10))  # Friday before the make-up Saturday 10-10 (调休)
    callable_from_now(callback, clock)
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await busy_form(app, pilot, callback)
        await type_text(pilot, "明天 10:00")
        assert shows(app, "That is Sat 10-10 10:00")
        await pilot.press("enter")
        assert not isinstance(app.screen, (BusyForm, BusyTimeChoice, CallScreen))
    assert get_callback(floor, callback).call_after == sh(2026, 10, 10, 10)


async def test_a_public_holiday_is_named_in_chinese(floor, clock, callback):
    clock.set(sh(2026, 9, 30, 10))
    callable_from_now(callback, clock)
    app = make_app(floor.as_login("li"), "zh")
    async with app.run_test(size=SIZE) as pilot:
        await busy_form(app, pilot, callback)
        await type_text(pilot, "明天 10:00")
        assert shows(app, "周四 10-01 10:00 是法定节假日（国庆节）；下一个工作时段是 周四 10-08 10:00")
        await pilot.press("enter")
        assert isinstance(app.screen, BusyTimeChoice)
        assert shows(app, "周四 10-08 10:00（下一个工作时段）") and shows(app, "仍按客户要求的")
        await pilot.press("1")
        assert not isinstance(app.screen, (BusyForm, BusyTimeChoice, CallScreen))
    assert get_callback(floor, callback).call_after == sh(2026, 10, 8, 10)
