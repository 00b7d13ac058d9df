"""Issue 13, defect 2: a "no date" placeholder such as 9999-12-30 crashed callback scheduling
for the whole floor (OverflowError in the working-day arithmetic), and every agent who pressed
4 got a traceback. Dates outside 1900-01-01..2200-12-31 are refused where they come in, naming
the field; one already stored is skipped by the scheduler with a warning, never a crash."""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.basics.errors import InvalidInput, PolicyError
from core.callbacks.calls import claim_callback, customer_busy
from core.callbacks.schedule import schedule_callbacks
from core.customers.records import CustomerForm, add_customer, set_callback_preferences
from core.handoffs.directory import add_department
from core.handoffs.lifecycle import add_handoff
from core.importing.times import BadTime, parse_date, parse_datetime
from core.policy.document import parse_policy
from core.tickets.lifecycle import NewTicket, intake
from tests.app.conftest import SIZE
from tests.app.test_ticket_screen import messages
from tests.conftest import SHANGHAI
from tests.engines import FloorDb, query
from tui.app import make_app
from tui.screens.callbacks import CallbacksScreen

RANGE = "1900-01-01 to 2200-12-31"


def store_delivery(where: FloorDb, code: str, day: str) -> None:
    """What an older version let in: written straight into the database, as it would be stored."""
    query(where, "UPDATE customer SET type = 'new', delivery_date = ? WHERE code = ?", (day, code))


def test_cli_customer_set_and_add_refuse_a_date_outside_the_range_naming_the_field(cli_floor):
    done = cli_floor.run("customer", "set", "C001", "--delivery", "9999-12-30", user="li")
    assert done.returncode == 1
    assert "delivery date" in done.stderr and "9999-12-30" in done.stderr and RANGE in done.stderr
    assert "Traceback" not in done.stderr
    done = cli_floor.run("customer", "add", "C002", "--name", "Old Co", "--delivery", "1899-12-31")
    assert done.returncode == 1 and "delivery date" in done.stderr and RANGE in done.stderr
    cli_floor.ok("customer", "set", "C001", "--delivery", "2200-12-31")  # the edges are dates
    cli_floor.ok("customer", "set", "C001", "--delivery", "1900-01-01")


def test_core_refuses_for_every_caller(floor):
    with pytest.raises(InvalidInput) as refused:
        set_callback_preferences(floor, "C001", delivery_date=date(9999, 12, 30))
    assert refused.value.field == "delivery date"
    with pytest.raises(InvalidInput) as refused:
        add_customer(floor, CustomerForm(code="C9", name="x", delivery_date=date(1, 1, 1)))
    assert refused.value.field == "delivery date"


def test_import_row_refused_naming_the_line_and_the_field(cli_floor, tmp_path):
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "code,name,type,delivery_date\nC100,Good Co,new,2026-11-18\nC101,Placeholder Co,new,9999-12-30\n",
        encoding="utf-8",
    )
    done = cli_floor.run("import", "customers", str(customers))
    assert done.returncode == 1 and "nothing imported" in done.stderr
    [line] = [line for line in done.stderr.splitlines() if ":3:" in line]
    assert "delivery_date" in line and "9999-12-30" in line and RANGE in line
    assert "C100" not in cli_floor.run("customer", "show", "C100").stdout

    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        "ref,received_at,channel,customer_code,description\nH-1,1899-12-31 10:00,phone,C001,货物破损\n",
        encoding="utf-8",
    )
    done = cli_floor.run("import", "tickets", str(tickets))
    assert done.returncode == 1
    [line] = [line for line in done.stderr.splitlines() if ":2:" in line]
    assert "received_at" in line and RANGE in line


def test_times_read_from_files_refuse_the_range_before_any_zone_arithmetic():
    # 9999-12-31 23:00 at -05:00 is past the last instant Python can hold in UTC
    with pytest.raises(BadTime, match="outside the dates"):
        parse_datetime("9999-12-31 23:00-05:00", SHANGHAI)
    with pytest.raises(BadTime, match="outside the dates"):
        parse_datetime("31 Dec 9999 23:00", SHANGHAI)
    with pytest.raises(BadTime, match="outside the dates"):
        parse_date("9999年12月31日")
    assert parse_date("2200-12-31") == date(2200, 12, 31)


def test_handoff_by_when_and_callback_busy_until_refuse_far_dates(floor, as_li, new_ticket):
    add_department(floor, "warehouse")
    ref = new_ticket()
    with pytest.raises(InvalidInput) as refused:
        add_handoff(floor, ref, "warehouse", "confirm the stock", "9999-12-30 10:00")
    assert refused.value.field == "due" and RANGE in str(refused.value)
    add_handoff(floor, ref, "warehouse", "confirm the stock", "2026-11-21 10:00")  # a real date still works
    add_customer(
        floor, CustomerForm(code="C002", name="New Co", type="new", delivery_date=date(2026, 11, 18))
    )
    [booked] = schedule_callbacks(floor)
    claim_callback(as_li, booked.id)
    with pytest.raises(InvalidInput) as refused:
        customer_busy(as_li, booked.id, "9999-12-31 23:00")
    assert refused.value.field == "call again at" and RANGE in str(refused.value)
    customer_busy(as_li, booked.id, "2026-11-23 15:00")


def test_policy_dates_outside_the_range_are_refused_naming_the_key():
    with pytest.raises(PolicyError) as refused:
        parse_policy('[calendar]\nholidays = ["9999-12-30"]\n', "policy.toml")
    assert "holidays[0]" in str(refused.value) and RANGE in str(refused.value)


def test_a_stored_far_date_is_skipped_with_a_warning_and_the_rest_is_booked(cli_floor):
    cli_floor.ok("customer", "add", "C002", "--name", "New Co", "--type", "new", "--delivery", "2026-11-18")
    store_delivery(cli_floor.db, "C001", "9999-12-30")
    done = cli_floor.run("callbacks", "schedule", "--json", user="li")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "warning" in done.stderr and "C001" in done.stderr and "9999-12-30" in done.stderr
    assert [c["key"] for c in json.loads(done.stdout)] == ["new_customer:C002"]


def test_core_returns_the_skipped_record_in_the_result(floor, floor_db):
    add_customer(
        floor, CustomerForm(code="C002", name="New Co", type="new", delivery_date=date(2026, 11, 18))
    )
    store_delivery(floor_db, "C001", "9999-12-30")
    booked = schedule_callbacks(floor)
    assert [b.key for b in booked] == ["new_customer:C002"]
    [warning] = booked.skipped
    assert "C001" in warning and "delivery date" in warning and "9999-12-30" in warning


async def test_key_4_opens_the_callbacks_list_on_such_a_floor(floor, floor_db):
    add_customer(
        floor, CustomerForm(code="C002", name="New Co", type="new", delivery_date=date(2026, 11, 18))
    )
    intake(floor, NewTicket("C001", "phone", "invoice question"))
    store_delivery(floor_db, "C001", "9999-12-30")
    app = make_app(floor.as_login("li"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallbacksScreen)
        assert [v.customer_code for v in screen.entries] == ["C002"]
        assert "skipped" in messages(app) and "C001" in messages(app)
        await pilot.press("r")  # checking again warns again, still no traceback
        await pilot.pause()
        assert isinstance(app.screen, CallbacksScreen)
    assert app.return_code in (None, 0)
