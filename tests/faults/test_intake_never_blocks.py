"""Intake and the customer view never block (issue 15): while another process holds the floor's
write lock (a backup, a long import), and while a read of theirs waits (a slow disk, made here by
a read that waits for the test), they answer keys and repaint. A new ticket saved under the lock
says it is saving, keeps what was typed, is saved once however often ctrl+s is pressed, and opens
once the lock goes; with the short fault timeout it says why it was not saved, with the typing
kept, and the same ctrl+s saves after the release. A save the agent left (Esc, discard) still
lands and says so; a read that arrives after the agent left repaints nothing.

Reads do not wait for the writer (WAL): the held lock alone never stops a search or the customer
view. No timing is asserted: a loaded machine is slow, not wrong."""

from __future__ import annotations

from textual.widgets import Input, Select, Static, TextArea

import tui.screens.customer as customer_screen
import tui.screens.intake as intake_screen
from core.customers.records import get_customer
from core.tickets import lifecycle as tickets
from core.tickets.reads import list_tickets, ticket_detail
from tests import settling
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_intake import open_intake
from tests.engines import LOCKED_BY
from tests.faults.flows import DESCRIPTION, intake_form, notifications
from tests.lock_holder import Held
from tests.settling import answered
from tui.screens.customer import CustomerScreen
from tui.screens.intake import ConfirmDiscard, IntakeScreen
from tui.screens.queue import QueueScreen
from tui.screens.ticket import TicketScreen

LOCKED = f"{LOCKED_BY} for over 1 s"


def status_of(screen: IntakeScreen) -> str:
    return str(screen.query_one("#intake-status", Static).render())


def ticket_count(session) -> int:
    return len(list_tickets(session))


async def keys_answer(app, pilot) -> None:
    """? opens the key panel and ? closes it, at once (asked from a field that takes no text)."""
    await pilot.press("question_mark")
    assert await answered(lambda: bool(app.screen.query("KeyPanel")))
    await pilot.press("question_mark")
    assert await answered(lambda: not app.screen.query("KeyPanel"))


async def saving_shown(app, pilot, screen: IntakeScreen) -> None:
    """ctrl+s on the filled form, under the held lock: the form says it is saving."""
    await pilot.press("ctrl+s")
    assert await answered(lambda: "Saving" in status_of(screen))
    assert shows(app, "Saving")
    assert app.screen is screen


async def test_a_new_ticket_says_saving_answers_keys_and_is_saved_once_when_the_lock_goes(
    patient, app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await intake_form(app, pilot)
        area = screen.query_one("#description", TextArea)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await saving_shown(app, pilot, screen)
            await pilot.press("ctrl+s", "ctrl+s")  # impatient: no second ticket
            before = area.cursor_location
            await pilot.press("left")  # the description still takes keys
            assert await answered(lambda: area.cursor_location != before)
            await pilot.press(*"more", "backspace")  # but no edits: they would not be in the save
            assert area.text == DESCRIPTION
            screen.query_one("#tier", Select).focus()
            await keys_answer(app, pilot)
            await pilot.press("escape")  # typed work: Esc asks first, as ever
            assert await answered(lambda: isinstance(app.screen, ConfirmDiscard))
            await pilot.press("n")
            assert await answered(lambda: app.screen is screen)
            assert area.text == DESCRIPTION and "Saving" in status_of(screen)
            assert ticket_count(queue_floor) == 3  # still waiting for the lock
            holder.release()
            assert await answered(lambda: isinstance(app.screen, TicketScreen), 20)
        await pilot.pause()
        assert app.screen.ref == "T000004"
        assert notifications(app).count("T000004 saved") == 1
    assert ticket_count(queue_floor) == 4
    assert ticket_detail(queue_floor, "T000004").description == DESCRIPTION


async def test_a_new_ticket_under_a_held_lock_says_why_keeps_the_text_and_saves_after(
    app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await intake_form(app, pilot)
        typed = screen.form_values()
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await saving_shown(app, pilot, screen)
            assert await answered(lambda: LOCKED in notifications(app), 20)
        await pilot.pause()
        assert app.screen is screen
        assert "Saving" not in status_of(screen)
        assert "Everything you typed is still here" in status_of(screen)
        assert screen.form_values() == typed
        holder.release()
        await pilot.press("ctrl+s")  # the same form, the same key
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen) and app.screen.ref == "T000004"
    assert ticket_count(queue_floor) == 4


async def test_the_ticket_saved_while_discard_is_asked_opens(
    patient, app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await intake_form(app, pilot)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await saving_shown(app, pilot, screen)
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, ConfirmDiscard))
            holder.release()  # saved: there is nothing left to discard
            assert await answered(lambda: isinstance(app.screen, TicketScreen), 20)
        await pilot.pause()
        assert app.screen.ref == "T000004"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)  # the form went with the save
    assert ticket_count(queue_floor) == 4


async def test_discarding_while_the_save_waits_for_the_lock_stops_it(
    patient, app_for, queue_floor, floor_db, hold_lock
):
    """The trial discarded a ticket (the wrong customer) while its save waited for a held lock,
    and the ticket was saved anyway when the lock went. The question says the save waits, and
    y stops it: it had not reached the floor, so nothing is written, and the agent is told."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await intake_form(app, pilot)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await saving_shown(app, pilot, screen)
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, ConfirmDiscard))
            assert "discarding stops it" in screen_text(app)
            await pilot.press("y")
            assert await answered(lambda: isinstance(app.screen, QueueScreen))
            holder.release()
            assert await answered(lambda: "Discarded: the ticket was not saved" in notifications(app), 20)
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)  # the queue stays: the agent moved on
        assert "Saved after you left the form" not in notifications(app)
    assert ticket_count(queue_floor) == 3


async def test_a_new_customer_says_saving_and_is_added_once(
    patient, app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        screen.query_one("#new-code", Input).value = "C900"
        name = screen.query_one("#new-name", Input)
        name.value = "西北机械厂"
        name.focus()
        await pilot.pause()
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            assert await answered(lambda: "Saving" in status_of(screen))
            await pilot.press("enter", "enter")  # no second customer (it would be refused as taken)
            await pilot.press("left")
            assert name.value == "西北机械厂"
            holder.release()
            assert await answered(lambda: screen.customer is not None, 20)
        await pilot.pause()
        assert screen.customer.code == "C900" and app.focused.id == "channel"
        assert notifications(app).count("Customer C900 added") == 1
        assert "already exists" not in notifications(app)
        assert "Saving" not in status_of(screen)
    assert get_customer(queue_floor, "C900").name == "西北机械厂"


async def test_typing_goes_on_while_a_search_waits(app_for, queue_floor, monkeypatch):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_intake(pilot)
        slow = Held(monkeypatch, intake_screen, "find_customers")
        try:
            with settling.unsettled(app):
                await pilot.press(*"C0")
                assert await answered(slow.waiting.is_set, seconds=30)
                await pilot.press(*"01")  # the search box still takes keys
                search = screen.query_one("#customer-search", Input)
                assert await answered(lambda: search.value == "C001")
                slow.release()
                assert await answered(lambda: "华东贸易有限公司" in screen_text(app))
        finally:
            slow.release()
        await pilot.press("enter")
        await pilot.pause()
        assert screen.customer.code == "C001"


async def test_the_customer_view_reads_under_a_held_lock_and_answers_keys(
    app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("C")
            assert await answered(
                lambda: isinstance(app.screen, CustomerScreen) and "138****5678" in screen_text(app)
            )
            await pilot.press("j")
            assert await answered(lambda: app.screen.query_one("#customer-tickets").highlighted == 1)
            await keys_answer(app, pilot)
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, QueueScreen))


async def test_the_customer_view_answers_keys_while_its_read_waits(app_for, queue_floor, monkeypatch):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        slow = Held(monkeypatch, customer_screen, "get_customer")
        try:
            with settling.unsettled(app):
                await pilot.press("C")
                assert await answered(slow.waiting.is_set, seconds=30)
                view = app.screen
                assert isinstance(view, CustomerScreen)
                await keys_answer(app, pilot)
                await pilot.press("escape")  # back while the read waits
                assert await answered(lambda: isinstance(app.screen, QueueScreen))
                slow.release()  # the read lands on a view that is gone: nothing repaints
                assert await answered(lambda: not view.is_attached)
        finally:
            slow.release()
        await pilot.pause()
        assert isinstance(app.screen, QueueScreen)
        assert view.customer is None


async def test_the_customer_view_follows_a_new_ticket_from_another_session(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, CustomerScreen) and "Tickets, newest first (3)" in screen_text(app)
        ref = tickets.intake(queue_floor, tickets.NewTicket("C001", "phone", "another call"))
        view.poll()  # look at the change signal now rather than in half a second
        assert await answered(lambda: "Tickets, newest first (4)" in screen_text(app))
        await pilot.pause()
        assert [t.ref for t in view.tickets][0] == ref
