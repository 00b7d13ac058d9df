"""The app never blocks (issue 15): while another process holds the floor's write lock (a
backup, a long import), the screen answers keys and repaints; a save waits in the background,
says it is saving, keeps what was typed, saves once however often Enter is pressed, and
finishes when the lock goes. The busy timeout here is the floor's default (15 s), longer than
any wait in these tests, so a save outlives the lock rather than giving up."""

from __future__ import annotations

from textual import events
from textual.widgets import Static

from core.tickets.reads import ticket_detail
from tests import settling
from tests.app.conftest import SIZE, screen_text, shows
from tests.app.test_ticket_screen import open_ticket, type_text
from tests.faults.flows import NOTE, notes_on, notifications, type_note
from tests.settling import answered
from tui.modals.text_entry import TextEntryModal
from tui.screens.queue import QueueScreen
from tui.screens.ticket import TicketScreen


async def test_the_queue_answers_keys_while_a_claim_waits_for_the_lock(
    app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        queue = app.screen
        assert isinstance(queue, QueueScreen) and queue.table.current.ref == "T000001"
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("c")  # the claim waits for the lock in a thread
            await pilot.press("down")
            assert await answered(lambda: queue.table.cursor == 1)
            await pilot.press("question_mark")
            assert await answered(lambda: bool(app.screen.query("KeyPanel")))
            await pilot.press("question_mark")
            assert await answered(lambda: not app.screen.query("KeyPanel"))
            assert "yours" not in notifications(app)  # still waiting
            assert await answered(lambda: "Claiming T000001" in notifications(app))  # and says so
            await pilot.press("up", "c")  # again on the same row: nothing more to claim
            holder.release()
            assert await answered(lambda: "T000001 is yours" in notifications(app), 20)
            await pilot.pause(0.2)
            assert "already yours" not in notifications(app)
        await pilot.pause()
        assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def saying_saving(pilot, form: TextEntryModal) -> None:
    """Enter on the typed note while the lock is held: the form says it is saving."""
    await pilot.press("enter")
    problem = form.query_one(".modal-problem", Static)
    assert await answered(lambda: "Saving" in str(problem.render()))


async def test_a_note_says_saving_keeps_its_text_and_saves_once_when_the_lock_goes(
    app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await type_note(app, pilot)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await saying_saving(pilot, form)
            assert shows(app, "Saving")
            await pilot.press("enter", "enter")  # impatient: no second note
            await pilot.press("left", "right")  # the field still takes keys
            assert app.screen is form and form.field("text").value == NOTE
            holder.release()
            assert await answered(lambda: isinstance(app.screen, TicketScreen), 20)
        await pilot.pause()
        assert notes_on(queue_floor, "T000001") == [NOTE]
        assert shows(app, NOTE[:20])


async def test_a_saving_form_takes_no_edits_so_nothing_typed_is_lost_unsaid(
    app_for, queue_floor, floor_db, hold_lock
):
    """The second trial typed more into a note while it saved: the field showed it, the save
    held only the first text, and nothing said so. While saving, the field takes no edits
    (typing, backspace, ctrl+w, paste ring the bell); moving and Esc still work."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        form = await type_note(app, pilot)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await saying_saving(pilot, form)
            await pilot.press(*"MORE", "backspace", "ctrl+w", "left", "delete")
            form.field("text").post_message(events.Paste("pasted words"))  # a paste, as the terminal sends it
            await pilot.pause()
            assert app.screen is form and form.field("text").value == NOTE
            holder.release()
            assert await answered(lambda: isinstance(app.screen, TicketScreen), 20)
        await pilot.press("n")  # after the save the next form edits as ever
        await type_text(pilot, "next")
        assert app.screen.field("text").value == "next"
        await pilot.press("escape")
        await pilot.pause()
        assert notes_on(queue_floor, "T000001") == [NOTE]


async def test_esc_while_saving_closes_the_form_and_the_save_still_lands(
    app_for, queue_floor, floor_db, hold_lock
):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await pilot.press("n")
        await type_text(pilot, NOTE)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, TicketScreen))
            holder.release()
            assert await answered(lambda: "Saved after you left the form" in notifications(app), 20)
        await pilot.pause()
        assert notes_on(queue_floor, "T000001") == [NOTE]
        await pilot.press("n")  # the draft went with the save: the form opens empty
        await pilot.pause()
        assert isinstance(app.screen, TextEntryModal) and app.screen.field("text").value == ""


async def test_ctrl_q_while_a_save_waits_warns_first_and_quits_on_the_second(
    app_for, queue_floor, floor_db, hold_lock
):
    """Quitting would lose the waiting save (the trial lost a note so): the first Ctrl+Q says
    so, the second quits, at once, lock or not."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await pilot.press("n")
        await type_text(pilot, NOTE)
        hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            assert await answered(lambda: app.session.writes_under_way > 0)
            await pilot.press("ctrl+q")
            assert await answered(lambda: "A save is still waiting" in notifications(app))
            assert app.is_running
            await pilot.press("ctrl+q")
            assert await answered(lambda: not app.is_running)


async def test_ctrl_q_on_a_form_with_typed_words_warns_first(app_for, queue_floor):
    """The trial's note typed and not saved went with a single Ctrl+Q."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await pilot.press("n")
        await type_text(pilot, NOTE)
        await pilot.press("ctrl+q")
        assert await answered(lambda: "not saved" in notifications(app))
        assert app.is_running and isinstance(app.screen, TextEntryModal)
        await pilot.press("ctrl+q")
        assert await answered(lambda: not app.is_running)


async def test_ctrl_q_with_nothing_saving_quits_at_once(app_for, queue_floor):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await pilot.press("ctrl+q")
        assert await answered(lambda: not app.is_running)


async def test_esc_while_saving_then_reopening_does_not_offer_the_text_again(
    app_for, queue_floor, floor_db, hold_lock
):
    """The trial saved a note twice: Esc while saving kept the text as a draft, the reopened
    form offered it, and Enter sent it again. Then (a second trial) the reopened form was empty,
    and the agent typed the note again. The save owns the text now, and the form does not open
    again while it waits: the agent is told it is still on its way, and opens it once it landed."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await pilot.press("n")
        await type_text(pilot, NOTE)
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            await pilot.press("escape")
            assert await answered(lambda: "Still saving in the background" in notifications(app))
            await pilot.press("n")
            assert await answered(lambda: "still on its way" in notifications(app))
            assert isinstance(app.screen, TicketScreen)
            holder.release()
            assert await answered(lambda: "Saved after you left the form" in notifications(app), 20)
        # titled with the form, for an agent who is on another ticket by then
        assert any(n.title == "Note on T000001" for n in app._notifications)
        await pilot.press("n")
        assert await answered(lambda: isinstance(app.screen, TextEntryModal))
        assert app.screen.field("text").value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert notes_on(queue_floor, "T000001") == [NOTE]


async def test_a_ticket_opened_while_the_lock_is_held_shows_at_once(
    app_for, queue_floor, floor_db, hold_lock
):
    """Reads do not wait for the writer (WAL): the ticket opens whole while a backup holds the lock."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        hold_lock(floor_db)
        with settling.unsettled(app):
            await pilot.press("enter")
            assert await answered(
                lambda: isinstance(app.screen, TicketScreen) and "T000001" in screen_text(app)
            )
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, QueueScreen))


async def test_a_read_that_lands_after_the_agent_left_paints_nothing(app_for, queue_floor, monkeypatch):
    """The agent opens a ticket and leaves before its (slow) read comes back: the read is
    dropped, nothing is painted on a screen that is gone, and nothing goes wrong."""
    import threading

    from core.tickets import reads

    release, reached = threading.Event(), threading.Event()
    real = reads.ticket_detail

    def slow(*args, **kwargs):
        reached.set()
        assert release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(reads, "ticket_detail", slow)
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        with settling.unsettled(app):
            app.push_screen(TicketScreen("T000001"))  # opened without its first read: it reads itself
            assert await answered(reached.is_set)
            ticket = app.screen
            await pilot.press("escape")
            assert await answered(lambda: isinstance(app.screen, QueueScreen))
            release.set()
        await pilot.pause()
        assert ticket.detail is None  # the late read went nowhere
        assert isinstance(app.screen, QueueScreen) and shows(app, "T000001")


async def test_a_read_still_running_when_the_app_quits_goes_nowhere_quietly(
    app_for, queue_floor, monkeypatch
):
    """Ctrl+Q while a screen's read is half done: the rest of the read (it asks core through the
    screen's session, off the UI thread, after the screen left its app) neither fails nor
    reaches the last resort (the suite fails any test whose app wrote to errors.log)."""
    import threading

    from core.tickets import reads

    release, reached, finished = threading.Event(), threading.Event(), threading.Event()
    real = reads.ticket_detail

    def slow(*args, **kwargs):
        reached.set()
        assert release.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(reads, "ticket_detail", slow)
    app = app_for("boss")
    async with app.run_test(size=SIZE):
        with settling.unsettled(app):
            ticket = TicketScreen("T000001")
            app.push_screen(ticket)
            assert await answered(reached.is_set)
    release.set()  # the app is gone; the read's next call asks through ticket.session
    threading.Thread(target=lambda: (ticket.session, finished.set())).start()
    assert finished.wait(10)
