"""Issue 13, defect 2 (the stored side): a callback row holding a far-off time (written by an
older version, or by hand) is shown and skipped, never a traceback for the whole floor."""

from __future__ import annotations

from datetime import date

from core.callbacks.calls import list_callbacks
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer
from tests.app.conftest import SIZE
from tests.engines import FloorDb, query
from tui.app import make_app
from tui.screens.callbacks import CallbacksScreen


def far_call_after(where: FloorDb) -> None:
    query(where, "UPDATE callback SET call_after = '9999-12-31 23:59:59', due_by = '9999-12-31 23:59:59'")


async def test_a_stored_far_callback_time_does_not_break_the_list(floor, floor_db):
    add_customer(
        floor, CustomerForm(code="C002", name="New Co", type="new", delivery_date=date(2026, 11, 18))
    )
    assert schedule_callbacks(floor)
    far_call_after(floor_db)
    app = make_app(floor.as_login("li"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, CallbacksScreen)
        assert [v.customer_code for v in app.screen.entries] == ["C002"]  # shown, last of all
    assert app.return_code in (None, 0)


def test_the_command_line_lists_it_too(cli_floor):
    cli_floor.ok("customer", "add", "C002", "--name", "New Co", "--type", "new", "--delivery", "2026-11-18")
    cli_floor.ok("callbacks", "schedule")
    far_call_after(cli_floor.db)
    done = cli_floor.run("callbacks", "list", user="li")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "New Co" in done.stdout


def test_a_callback_derived_from_the_last_allowed_day_keeps_its_year(floor):
    """A delivery on 2200-12-31 is allowed; its callback falls in 2201 and reads as booked."""
    add_customer(
        floor, CustomerForm(code="C002", name="New Co", type="new", delivery_date=date(2200, 12, 31))
    )
    [booked] = schedule_callbacks(floor)
    [shown] = [v for v in list_callbacks(floor) if v.customer_code == "C002"]
    assert shown.due_by.year == 2201 and shown.due_by == booked.due_by
