"""The ticket screen and the SLA clock (issue 16), with Pilot at 80x24: waiting on the
customer with `w` (and ending it with `W` or the customer's next contact), the paused clock
in the header, "clock starts" for a ticket taken in at night, and the question a resolve or a
close asks while handoffs are under way."""

from __future__ import annotations

from textual.widgets import OptionList

from core.admin.setup import init_floor
from core.handoffs.lifecycle import add_handoff
from core.tickets import lifecycle as tickets
from core.tickets.reads import ticket_detail
from db.models import Handoff
from tests.app.conftest import SIZE, screen_text
from tests.app.test_ticket_screen import footer_keys, messages, open_ticket, type_text
from tests.conftest import sh
from tui.modals.choice import ChoiceModal
from tui.screens.ticket import TicketScreen


async def test_waiting_on_the_customer_pauses_the_clock_and_says_so(app_for, queue_floor, clock):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")  # li's yellow ticket, solution due 14:00
        assert "w" in footer_keys(app) and "W" not in footer_keys(app)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("enter")  # nothing typed: refused, the form stays
        await pilot.pause()
        assert not isinstance(app.screen, TicketScreen)
        await type_text(pilot, "请客户补拍破损照片")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        assert "T000002 waits on the customer" in messages(app)
        text = screen_text(app)
        assert "waiting on customer" in text
        assert "Solution paused 4h00 left (since 10:00)" in text, text
        assert "asked the customer:" in text and "请客户补拍破损照片" in text
        assert "W" in footer_keys(app) and "w" not in footer_keys(app)
        clock.advance(minutes=30)
        await pilot.press("W")
        await pilot.pause()
        await pilot.pause()
        assert "the clock runs again" in messages(app)
    detail = ticket_detail(queue_floor, "T000002")
    assert detail.status == "in_progress" and detail.solution_due_at == sh(2026, 11, 20, 14, 30)


async def test_a_ticket_taken_in_at_night_says_when_its_clock_starts(app_for, queue_floor, clock):
    clock.set(sh(2026, 11, 21, 5, 47))  # Saturday before dawn
    ref = tickets.intake(queue_floor, tickets.NewTicket("C001", "phone", "货物破损"))
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, ref)
        assert "clock starts Mon 09:00" in screen_text(app)


async def test_resolving_with_handoffs_under_way_asks_to_withdraw_or_keep(app_for, queue_floor, as_li):
    init_floor(queue_floor)
    sent = add_handoff(as_li, "T000002", "warehouse", "核实库存", "+2h")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        assert f"#{sent.id}: withdraw or keep?" in screen_text(app)
        await pilot.press("tab")  # to the result, leaving the question unanswered
        await type_text(pilot, "已补发")
        await pilot.press("enter")  # the question is the first gap: back to it
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal) and isinstance(app.focused, OptionList)
        await pilot.press("down", "enter")  # Withdraw; on to the empty confirmation
        await type_text(pilot, "客户已签收")
        await pilot.press("enter")  # everything answered: saves
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen), screen_text(app)
        assert "T000002 resolved" in messages(app)
    assert ticket_detail(queue_floor, "T000002").status == "resolved"
    assert Handoff.get_by_id(sent.id).stage == "withdrawn"


async def test_the_queue_shows_a_waiting_tickets_clock_as_paused(app_for, queue_floor, as_li):
    tickets.set_status(as_li, "T000002", "waiting", "请客户补拍照片")
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = next(row for row in screen_text(app).splitlines() if "T000002" in row)
        assert "paused" in line and "waiting on" in line  # the status column cuts the rest at 80
