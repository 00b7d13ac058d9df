"""The callbacks list and the call never block (issue 15), with Pilot at 80x24.

The list opens at once from what is booked; the booking runs behind it (one at a time in an
app) and the list reads again when it booked new ones. While another process holds the floor's
write lock (a backup), the list and the call answer keys and repaint: an answer under way says
"Saving…", the keys typed behind it wait and then act in order, Esc leaves at once and the save
still lands; the busy form says "Saving…", keeps its text, saves once and ends the call when
the lock goes. The busy timeout is the floor's default (15 s), longer than any wait here, so a
save outlives the lock rather than giving up. No timing is asserted."""

from __future__ import annotations

import threading

from textual.widgets import Static

from core.callbacks.calls import call_log, get_callback, list_callbacks, resume_call
from core.callbacks.schedule import schedule_callbacks
from core.tickets.lifecycle import NewTicket, intake
from tests import settling
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_call_screen import end_call, open_call
from tests.app.test_callbacks_screen import another_customer, resolve
from tests.app.test_ticket_screen import messages, type_text
from tests.settling import answered
from tui.app import make_app
from tui.modals.call_outcome import CallOutcomeModal
from tui.modals.text_entry import TextEntryModal
from tui.screens import callbacks as callbacks_module
from tui.screens.call import CallScreen
from tui.screens.callbacks import CallbacksScreen
from tui.screens.queue import QueueScreen


class HeldBooking:
    """The screen's booking, held until released: counts the bookings and how many ran at once."""

    def __init__(self, monkeypatch) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()
        self.calls = 0
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()
        monkeypatch.setattr(callbacks_module, "schedule_callbacks", self)

    def __call__(self, session):
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        self.started.set()
        try:
            assert self.gate.wait(30), "the test never released the booking"
            return schedule_callbacks(session)
        finally:
            with self._lock:
                self.running -= 1


def other_customers_ticket(session, code: str = "C002") -> str:
    """A ticket of another customer: its callback is one of its own, where a second ticket of
    C001 would join C001's open callback (one call, not five: issue 17)."""
    return intake(session, NewTicket(another_customer(session, code), "phone", "建议增加夜间服务"))


async def test_the_list_shows_what_is_booked_before_the_booking_ends(app_for, queue_floor, monkeypatch):
    later = other_customers_ticket(queue_floor)
    resolve(queue_floor, "T000002")
    schedule_callbacks(queue_floor)  # booked already
    resolve(queue_floor, later)  # booked by the screen's booking, once it is let through
    booking = HeldBooking(monkeypatch)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        try:
            with settling.unsettled(app):
                await pilot.press("4")
                assert await answered(
                    lambda: isinstance(app.screen, CallbacksScreen) and "T000002" in screen_text(app),
                    20,
                )
                screen = app.screen
                assert booking.started.is_set() and booking.running == 1  # the booking still waits
                assert later not in screen_text(app)
                assert [v.ticket_ref for v in screen.entries] == ["T000002"]
                await pilot.press("r")  # a second booking waits for the first, not beside it
                await pilot.press("question_mark")
                assert await answered(lambda: bool(app.screen.query("KeyPanel")))
                await pilot.press("question_mark")
                assert await answered(lambda: not app.screen.query("KeyPanel"))
                assert booking.calls == 1
                booking.gate.set()
                assert await answered(lambda: later in screen_text(app), 20)
                said = "Checked the rules: 0 new callbacks"  # r's booking, after the first
                assert await answered(lambda: said in messages(app), 20)
        finally:
            booking.gate.set()
        await pilot.pause()
        assert sorted(v.ticket_ref for v in screen.entries) == ["T000002", later]
        assert booking.calls == 2 and booking.most_at_once == 1


async def test_the_list_opens_and_answers_keys_while_a_backup_holds_the_lock(
    app_for, queue_floor, floor_db, hold_lock
):
    resolve(queue_floor, "T000002")
    resolve(queue_floor, other_customers_ticket(queue_floor))
    schedule_callbacks(queue_floor)
    first, second = list_callbacks(queue_floor)
    third = other_customers_ticket(queue_floor, "C003")
    resolve(queue_floor, third, by=queue_floor)  # not booked yet: its booking waits for the lock
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("4")
            assert await answered(
                lambda: isinstance(app.screen, CallbacksScreen) and bool(app.screen.entries), 20
            )
            screen = app.screen
            assert first.ticket_ref in screen_text(app) and third not in screen_text(app)
            await pilot.press("c")  # the claim waits for the lock too
            await pilot.press("j")
            assert await answered(lambda: screen.table.current.id == second.id)
            await pilot.press("question_mark")
            assert await answered(lambda: bool(app.screen.query("KeyPanel")))
            await pilot.press("question_mark")
            assert await answered(lambda: not app.screen.query("KeyPanel"))
            assert "is yours" not in messages(app)  # still waiting
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, QueueScreen))
            await pilot.press("4")
            assert await answered(lambda: app.screen is screen)
            holder.release()
            assert await answered(lambda: f"Callback #{first.id} is yours" in messages(app), 20)
            assert await answered(lambda: third in screen_text(app), 20)
        await pilot.pause()
    assert get_callback(queue_floor, first.id).owner == "wang"
    assert len(list_callbacks(queue_floor)) == 3


async def test_an_answer_waits_for_the_lock_and_the_keys_behind_it_wait_their_turn(
    floor, floor_db, callback, hold_lock
):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("4")  # the overall score: saved in a thread, waiting for the lock
            hint = screen.query_one("#call-hint", Static)
            assert await answered(lambda: "Saving" in str(hint.render()))
            assert shows(app, "Saving")
            # efficiency, solving, attitude, then the typed answer to "improve" and Enter, typed
            # ahead: they wait, then act in order
            await pilot.press("5", "3", "5", "f", "a", "s", "t", "e", "r", "enter")
            await pilot.press("question_mark")
            assert await answered(lambda: bool(app.screen.query("KeyPanel")))
            await pilot.press("question_mark")
            assert await answered(lambda: not app.screen.query("KeyPanel"))
            assert "Question 1 of 7" in screen_text(app)  # nothing moved on before the floor said so
            assert app.screen is screen
            holder.release()
            assert await answered(lambda: "Question 6 of 7" in screen_text(app), 20)
        await pilot.pause()
        answers = {"overall": "4", "efficiency": "5", "solving": "3", "attitude": "5", "improve": "faster"}
        assert screen.call.answers == answers
    assert resume_call(floor.as_login("li"), callback).answers == answers


async def test_esc_while_an_answer_saves_leaves_at_once_and_the_answer_lands(
    floor, floor_db, callback, hold_lock
):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("4")
            await pilot.press("escape")
            assert await answered(lambda: not isinstance(app.screen, CallScreen))
            holder.release()
            assert await answered(
                lambda: resume_call(floor.as_login("li"), callback).answers == {"overall": "4"}, 20
            )
        await pilot.pause()
        assert app.is_running and "not saved" not in messages(app)


async def test_a_call_opened_while_the_lock_is_held_says_so_and_esc_goes_back(
    floor, floor_db, callback, hold_lock
):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hold_lock(floor_db)
        with settling.unsettled(app):
            app.push_screen(CallScreen(callback))  # starting the call claims it: a write, it waits
            assert await answered(lambda: shows(app, f"Opening callback #{callback}"))
            await pilot.press("escape")
            assert await answered(lambda: not isinstance(app.screen, CallScreen))


async def test_the_busy_form_says_saving_keeps_its_text_and_ends_the_call_when_the_lock_goes(
    floor, floor_db, callback, hold_lock
):
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        await open_call(app, pilot, callback)
        await end_call(pilot, "2")  # busy: when to call again
        form = app.screen
        assert isinstance(form, TextEntryModal)
        await type_text(pilot, "15:30")
        await pilot.press("tab")
        await type_text(pilot, "在开会")
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            problem = form.query_one(".modal-problem", Static)
            assert await answered(lambda: "Saving" in str(problem.render()))
            assert shows(app, "Saving")
            await pilot.press("enter", "enter")  # impatient: still one busy outcome
            await pilot.press("left", "right")  # the field still takes keys
            assert app.screen is form
            assert (form.field("when").value, form.field("note").value) == ("15:30", "在开会")
            assert call_log(floor, callback) == []
            holder.release()
            assert await answered(
                lambda: not isinstance(app.screen, (TextEntryModal, CallScreen, CallOutcomeModal)), 20
            )
        await pilot.pause()
        assert f"Callback #{callback}: call again at 15:30" in messages(app)
    [busy] = call_log(floor, callback)
    assert (busy.outcome, busy.note) == ("busy", "在开会")


async def test_an_empty_list_says_booking_while_the_first_booking_runs(app_for, queue_floor, monkeypatch):
    """The trial's first floor: "No open callbacks" while the booking was still at work told
    the agent there was nothing to do. Until the booking ends the list says it is booking."""
    resolve(queue_floor, "T000003")  # due a callback, booked by the screen's booking
    booking = HeldBooking(monkeypatch)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        try:
            with settling.unsettled(app):
                await pilot.press("4")
                assert await answered(lambda: "Booking the callbacks now due" in screen_text(app), 20)
                assert "No open callbacks" not in screen_text(app)
                booking.gate.set()
                assert await answered(lambda: "T000003" in screen_text(app), 20)
        finally:
            booking.gate.set()


async def test_a_booking_that_failed_is_tried_again_by_itself(app_for, queue_floor, monkeypatch):
    """A booking refused (the floor stayed locked) is tried again after a pause, without the
    agent pressing r: the trial's list stayed empty after the lock went."""
    from core.basics.errors import StorageBusy

    resolve(queue_floor, "T000003")
    tries: list[int] = []

    def busy_once(session):
        tries.append(1)
        if len(tries) == 1:
            raise StorageBusy("storage.busy", detail="database is locked")
        return schedule_callbacks(session)

    monkeypatch.setattr(callbacks_module, "schedule_callbacks", busy_once)
    monkeypatch.setattr(callbacks_module, "BOOK_AGAIN_SECONDS", 0.1)
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        with settling.unsettled(app):
            await pilot.press("4")
            assert await answered(lambda: "could not be booked" in messages(app), 20)
            assert await answered(lambda: "T000003" in screen_text(app), 20)
    assert len(tries) == 2


async def test_opening_the_list_again_books_what_was_resolved_since(app_for, queue_floor, monkeypatch):
    """The trial kept the app open, resolved a ticket and pressed 4 again: nothing was booked
    until r. Each opening books (not again within BOOKED_FRESH seconds of the last booking, so
    the first opening books once)."""
    booking = HeldBooking(monkeypatch)
    booking.gate.set()
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert await answered(lambda: booking.calls == 1 and "Booking" not in screen_text(app), 20)
        await pilot.press("1")
        await pilot.press("4")
        await pilot.pause()
        assert booking.calls == 1  # just booked: not again
        resolve(queue_floor, "T000003")  # due a callback now
        monkeypatch.setattr(callbacks_module, "BOOKED_FRESH", 0.0)
        await pilot.press("1")
        await pilot.press("4")
        assert await answered(lambda: "T000003" in screen_text(app), 20)
        assert booking.calls == 2
