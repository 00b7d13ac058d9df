"""Type-ahead (tui/type_ahead.py, docs/keys.md): keys that arrive in one burst, as over a laggy
SSH link or a paste, land where they would have landed had the agent typed slowly. Each test
sends every key at once, as the terminal would, and then checks the database."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

import pytest
from textual import events
from textual.keys import _character_to_key

from core.admin import setup as admin
from core.handoffs.lifecycle import list_handoffs
from core.tickets import queue, reads
from core.tickets.reads import ticket_detail
from tests import settling
from tests.app.conftest import SIZE, screen_text
from tests.app.test_call_screen import open_call
from tests.app.test_ticket_screen import messages, open_ticket
from tests.lock_holder import Held
from tests.settling import answered
from tui.app import make_app
from tui.base.drafts import drafts
from tui.modals.choice import ChoiceModal
from tui.modals.text_entry import TextEntryModal
from tui.screens.board import BoardScreen
from tui.screens.queue import QueueScreen
from tui.screens.ticket import TicketScreen

DIRECTORY = ["logistics", "production", "rnd", "tech", "warehouse"]
"""The policy's departments as init_floor puts them in the directory, in the list's order."""


@dataclass(frozen=True)
class Typed:
    """Words typed: one key a character."""

    text: str


def _keys(part: str | Typed) -> list[tuple[str, str | None]]:
    if isinstance(part, str):
        return [(part, part if len(part) == 1 else None)]
    return [(c if c.isalnum() else _character_to_key(c), c) for c in part.text]


def _drained(app) -> bool:
    return not app.line and (app._releasing is None or app._releasing.done())


async def burst(pilot, *parts: str | Typed) -> None:
    """Every key at once, in the App's queue as the terminal's reader puts them; then wait
    until the line has gone in and the app's database calls are done."""
    app = pilot.app
    for part in parts:
        for key, character in _keys(part):
            app.post_message(events.Key(key, character))
    for _ in range(3):  # a save that ends lets held keys in, which may start another call
        assert await answered(lambda: _drained(app), 20)
        await pilot.pause()


def kinds_and_texts(session, ref: str) -> list[tuple[str, str]]:
    return [(e.kind, e.text) for e in ticket_detail(session, ref).events if e.kind in ("note", "contact_out")]


@pytest.fixture
def directory(queue_floor):
    admin.init_floor(queue_floor)
    return queue_floor


async def test_a_handoff_typed_in_one_burst_puts_each_value_in_its_field(app_for, directory):
    """The reported case: Enter after "what is needed", then the date at once, went into the
    need ("请核实库存并补发2026-12-01 10:00")."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await burst(
            pilot,
            "h",
            *["down"] * DIRECTORY.index("warehouse"),
            "enter",
            Typed("请核实库存并补发"),
            "enter",
            Typed("2026-11-20 15:00"),
            "enter",
        )
        assert isinstance(app.screen, TicketScreen)
    [handoff] = list_handoffs(directory, ref="T000002")
    assert (handoff.department, handoff.need) == ("warehouse", "请核实库存并补发")
    assert handoff.due_at.astimezone(directory.policy.calendar.tz).replace(tzinfo=None) == datetime(
        2026, 11, 20, 15, 0
    )


async def test_keys_behind_a_saving_enter_go_to_the_screen_beneath(app_for, queue_floor):
    """n, a note, Enter, then o and an outbound contact at once: the note's Enter saves and
    closes, so the o behind it opens the contact form on the ticket."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await burst(
            pilot, "n", Typed("called back, no answer"), "enter", "o", Typed("told them Monday"), "enter"
        )
        assert isinstance(app.screen, TicketScreen)
    assert kinds_and_texts(queue_floor, "T000002") == [
        ("note", "called back, no answer"),
        ("contact_out", "told them Monday"),
    ]


async def test_keys_wait_while_a_save_waits_for_a_held_lock(app_for, queue_floor, floor_db, hold_lock):
    """The first note's save waits for another program's lock: the keys typed behind it wait
    too (they do not go into the saving form), and go in, in order, once it has saved."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("n")
        form = app.screen
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            for key, character in [
                *_keys(Typed("first")),
                ("enter", None),
                *_keys("n"),
                *_keys(Typed("second")),
            ]:
                app.post_message(events.Key(key, character))
            app.post_message(events.Key("enter", None))
            assert await answered(lambda: form.saving is not None)
            assert await answered(lambda: len(app.line) == 8)  # n, second, Enter wait their turn
            assert isinstance(form, TextEntryModal) and form.field("text").value == "first"
            holder.release()
            assert await answered(lambda: _drained(app) and isinstance(app.screen, TicketScreen), 20)
        await pilot.pause()
        assert await answered(lambda: len(kinds_and_texts(queue_floor, "T000002")) == 2, 20)
    assert kinds_and_texts(queue_floor, "T000002") == [("note", "first"), ("note", "second")]


async def test_esc_goes_ahead_of_keys_held_by_a_waiting_save(app_for, queue_floor, floor_db, hold_lock):
    """Esc is never held: it leaves the saving form at once (the save goes on), and the keys
    held behind the save then go to the ticket."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await pilot.press("n")
        form = app.screen
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            for key, character in [*_keys(Typed("kept")), ("enter", None), ("j", "j")]:
                app.post_message(events.Key(key, character))
            assert await answered(lambda: form.saving is not None and list(app.line) != [])
            app.post_message(events.Key("escape", None))
            assert await answered(lambda: isinstance(app.screen, TicketScreen))
            holder.release()
            assert await answered(lambda: _drained(app), 20)
        await pilot.pause()
        assert await answered(lambda: kinds_and_texts(queue_floor, "T000002") == [("note", "kept")], 20)


async def test_a_filter_then_claim_in_one_burst_claims_the_filtered_row(app_for, queue_floor):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, QueueScreen)
        await burst(pilot, "slash", Typed("T000003"), "enter", "c")
    assert ticket_detail(queue_floor, "T000003").owner == "wang"
    assert ticket_detail(queue_floor, "T000001").owner is None


async def test_enter_then_keys_act_on_the_ticket_it_opens(app_for, queue_floor):
    """Enter j c at once on the queue: the ticket opens, j scrolls its timeline, and c claims
    that ticket, not the queue's next row (a trial claimed the wrong ticket so)."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "enter", "j", "c")
        assert isinstance(app.screen, TicketScreen) and app.screen.ref == "T000001"
    assert ticket_detail(queue_floor, "T000001").owner == "wang"
    assert ticket_detail(queue_floor, "T000003").owner is None


async def test_an_intake_typed_in_one_burst(app_for, queue_floor):
    """From the queue: n, the customer's code and Enter (which searches and picks), the channel,
    the description, Ctrl+S, then a note on the ticket it opens: all at once."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await burst(
            pilot,
            "n",
            Typed("C001"),
            "enter",
            "enter",
            "down",
            "enter",
            "tab",
            Typed("客户说货漏发了一件"),
            "ctrl+s",
            "n",
            Typed("opened from a burst"),
            "enter",
        )
        assert isinstance(app.screen, TicketScreen) and app.screen.ref == "T000004"
    ticket = ticket_detail(queue_floor, "T000004")
    assert (ticket.customer_code, ticket.channel, ticket.description) == (
        "C001",
        "phone",
        "客户说货漏发了一件",
    )
    assert kinds_and_texts(queue_floor, "T000004") == [("note", "opened from a burst")]


async def test_keys_wait_for_a_ticket_that_opens_before_its_first_read(app_for, queue_floor, monkeypatch):
    """A slow disk: the ticket screen opens before its first read is in; n, the note and Enter
    typed behind the Enter that opened it wait for the read, then land on the ticket."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        read = Held(monkeypatch, reads, "ticket_detail")
        with settling.unsettled(app):
            for key, character in [
                ("enter", None),
                ("n", "n"),
                *_keys(Typed("read it slowly")),
                ("enter", None),
            ]:
                app.post_message(events.Key(key, character))
            assert await answered(lambda: isinstance(app.screen, TicketScreen) and read.waiting.is_set())
            await asyncio.sleep(0.3)  # time for keys to go in, were they not held
            assert app.screen.detail is None and len(app.line) == 16  # n, the note and Enter wait
            read.release()
            assert await answered(lambda: _drained(app), 20)
        await pilot.pause()
        assert await answered(
            lambda: kinds_and_texts(queue_floor, "T000001") == [("note", "read it slowly")], 20
        )


async def test_a_refused_key_drops_the_keys_typed_behind_it(app_for, queue_floor):
    """r on a colleague's ticket is not offered: the words typed for the form it would have
    opened must not act as keys (the o of "done" opened a reply in a trial, and saved it)."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")  # li's
        await burst(pilot, "r", Typed("done it"), "enter")
        assert isinstance(app.screen, TicketScreen)
        assert "r does nothing here now, so the keys typed right after it were not used" in messages(app)
    assert kinds_and_texts(queue_floor, "T000002") == []


async def test_keys_behind_a_claim_act_on_the_claimed_ticket(app_for, queue_floor):
    """c then w and what the customer was asked, at once: w waits for the claim and the read
    that shows it, so it is offered (the ticket is in progress now) and the wait is saved."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        await burst(pilot, "c", "w", Typed("need the serial number"), "enter")
        assert isinstance(app.screen, TicketScreen)
    ticket = ticket_detail(queue_floor, "T000001")
    assert (ticket.owner, ticket.status) == ("wang", "waiting")
    assert "need the serial number" in [e.text for e in ticket.events]


async def test_esc_and_a_key_read_together_as_alt_are_esc_then_the_key(app_for, queue_floor):
    """Over a laggy link Esc and the next key arrive in one read, and the terminal's parser
    calls them Alt+key: the form is left (its words kept as a draft) and the key acts on the
    ticket, instead of the letter going into the field."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await burst(pilot, "n", Typed("half a note"))
        note = app.screen
        app.post_message(events.Key("alt+o", "o"))  # what Textual reads from ESC o
        assert await answered(lambda: _drained(app) and app.screen is not note)
        await pilot.pause()
        form = app.screen
        assert isinstance(form, TextEntryModal) and not any(form.values().values())  # the reply form
        assert drafts(app)[("T000002", "note")]["text"] == "half a note"


async def test_a_pasted_paragraph_keeps_every_line_in_a_one_line_field(app_for, queue_floor):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await burst(pilot, "n")
        app.post_message(events.Paste("customer said:\nreboot fixed it\r\nthanks"))
        await burst(pilot, "enter")
    assert kinds_and_texts(queue_floor, "T000002") == [("note", "customer said: reboot fixed it thanks")]


async def test_keys_typed_ahead_are_not_added_to_a_kept_draft_unseen(app_for, queue_floor):
    """A note cancelled earlier comes back as a draft; a burst n, words, Enter typed before the
    form showed would have joined the old words unseen and saved them. The keys are dropped,
    the form says so, and the kept text waits in the form."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await burst(pilot, "n", Typed("quick question"), "escape")
        await burst(pilot, "n", Typed("burst"), "enter")
        form = app.screen
        assert isinstance(form, TextEntryModal) and form.values()["text"] == "quick question"
        problem = str(form.query_one(".modal-problem").render())
        assert "the keys typed before it showed were not added" in problem
    assert kinds_and_texts(queue_floor, "T000002") == []


async def test_letters_find_in_a_pick_list(app_for, queue_floor):
    """A, the login, Enter, the reason, Enter, at once: the letters find wang in the list of
    agents (Enter alone would take whoever is listed first)."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")  # li's
        await burst(pilot, "A", Typed("wang"), "enter", Typed("li is off today"), "enter")
        assert isinstance(app.screen, TicketScreen)
    detail = ticket_detail(queue_floor, "T000002")
    assert detail.owner == "wang" and detail.events[-1].text == "li is off today"


async def test_the_rest_of_a_refused_burst_is_dropped_when_it_arrives_in_a_second_read(app_for, queue_floor):
    """Over SSH a burst may reach the app in two reads: r alone, and a moment later the words and
    Enter. They are still the refused key's, so they go too."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")  # li's
        app.post_message(events.Key("r", "r"))
        assert await answered(lambda: _drained(app))
        await burst(pilot, Typed("done it"), "enter")  # the second read, well within the burst's gap
        assert isinstance(app.screen, TicketScreen)
        assert "r does nothing here now" in messages(app)
    assert kinds_and_texts(queue_floor, "T000002") == []


async def test_esc_and_a_digit_read_together_are_esc_then_the_digit(app_for, queue_floor):
    """Textual's parser makes Esc 2 read together into ™ (macOS's Option+2): it is Esc, then 2."""
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await burst(pilot, "n", Typed("draft note"))
        app.post_message(events.Key("™", "™"))
        assert await answered(lambda: _drained(app) and isinstance(app.screen, BoardScreen))
        assert drafts(app)[("T000002", "note")]["text"] == "draft note"  # no ™ typed into it


async def test_letters_that_find_nothing_leave_nothing_picked(app_for, queue_floor):
    """A typo in the agent's name must not give the ticket to whoever was found before: the
    list highlights nothing, and Enter asks for a pick."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")  # li's
        await burst(pilot, "A", Typed("wnag"), "enter")
        form = app.screen
        assert isinstance(form, ChoiceModal) and form.values()["choice"] == ""
        assert "find: wnag (no match)" in screen_text(app)
    assert ticket_detail(queue_floor, "T000002").owner == "li"


async def test_1_is_the_queue_list_so_a_filter_typed_behind_it_filters(app_for, queue_floor):
    """On a ticket, 2 (the board) then 1 and a filter at once: 1 is the queue's list, not the
    ticket left open under it, so / filters and c claims the row found (on the ticket, w of
    "wang" once opened the wait form and saved the rest)."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")
        await burst(pilot, "2", "1", "slash", Typed("T000003"), "enter", "c")
        assert isinstance(app.screen, QueueScreen)
    assert ticket_detail(queue_floor, "T000003").owner == "wang"
    assert ticket_detail(queue_floor, "T000002").status == "in_progress"


async def test_a_name_with_a_space_is_found_whole(app_for, queue_floor):
    """Letters find with their spaces: "王 " does not start the search again at the space."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000002")  # li's
        await burst(pilot, "A", Typed("(wang) "))
        form = app.screen
        assert isinstance(form, ChoiceModal) and form.values()["choice"] == "wang"
        assert "find: (wang) " in screen_text(app)


async def test_back_to_a_typed_answer_from_another_typed_question_replaces_it(floor, callback):
    """The hint says another answer replaces the saved one: Up from the follow-up question
    (slow_step, raised by "slow") to "improve" selects its saved words, so typing replaces them
    (it used to add to them: "slowall good")."""
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await burst(pilot, "4", "5", "3", "5", Typed("slow"), "enter")
        assert "slow_step" in [q.id for q in screen.call.questions]
        await burst(pilot, "up", Typed("all good"), "enter")
        assert screen.call.answers["improve"] == "all good"


async def test_keys_typed_after_a_refused_answer_are_said_to_be_dropped(floor, callback):
    """6 on a 1-5 scale is refused; the keys typed behind it were for the questions after it,
    so they go (the agent reads why first), and the call says so."""
    app = make_app(floor.as_login("li"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_call(app, pilot, callback)
        await burst(pilot, "4", "6", "5", "3")
        assert screen.call.answers == {"overall": "4"}
        assert "The 2 keys typed after that answer were not used" in messages(app)


async def test_typing_read_after_a_claim_began_waits_behind_the_keys_typed_before_it(
    app_for, directory, floor_db, hold_lock
):
    """c, h, the department and Enter in one read; the need, Enter, the date and Enter in a
    second one, while the claim still waits for another program's lock. The second read is not
    held by the claim, but it must not go ahead of the first (it once went into the department
    list as a search, and the date into the need)."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await open_ticket(app, pilot, "T000001")
        holder = hold_lock(floor_db)
        with settling.unsettled(app):
            for key, character in [("c", "c"), ("h", "h"), *[("down", None)] * 4, ("enter", None)]:
                app.post_message(events.Key(key, character))
            assert await answered(lambda: len(app.line) == 6)  # h and the rest wait for the claim
            for key, character in [
                *_keys(Typed("核实库存")),
                ("enter", None),
                *_keys(Typed("+2h")),
                ("enter", None),
            ]:
                app.post_message(events.Key(key, character))
            assert await answered(lambda: len(app.line) == 15)  # and wait behind them
            holder.release()
            assert await answered(lambda: _drained(app) and isinstance(app.screen, TicketScreen), 20)
        await pilot.pause()
    [handoff] = list_handoffs(directory, ref="T000001")
    assert (handoff.department, handoff.need) == ("warehouse", "核实库存")


async def test_enter_waiting_for_the_queue_read_on_return_holds_the_keys_behind_it(
    app_for, queue_floor, monkeypatch
):
    """Back from a ticket the queue is read again: Esc, Down, Enter, then a note typed in one
    burst. Enter waits for the read to decide the row; the note typed behind it waits too and
    lands on the ticket Enter opened, not on the queue (CI on a loaded machine opened the
    wrong ticket so)."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "enter")
        assert isinstance(app.screen, TicketScreen) and app.screen.ref == "T000001"
        read = Held(monkeypatch, queue, "queue_page")
        with settling.unsettled(app):
            for key, character in [
                ("escape", None),
                ("down", None),
                ("enter", None),
                ("n", "n"),
                *_keys(Typed("after the reread")),
                ("enter", None),
            ]:
                app.post_message(events.Key(key, character))
            assert await answered(lambda: isinstance(app.screen, QueueScreen) and read.waiting.is_set())
            await asyncio.sleep(0.3)  # time for keys to go in, were they not held
            assert isinstance(app.screen, QueueScreen) and len(app.line) == 18  # n, the note, Enter
            read.release()
            assert await answered(lambda: _drained(app), 20)
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen) and app.screen.ref == "T000002"
        assert await answered(
            lambda: kinds_and_texts(queue_floor, "T000002") == [("note", "after the reread")], 20
        )


async def test_a_live_reread_overtaking_a_cleared_filter_still_starts_at_the_top(
    app_for, queue_floor, monkeypatch
):
    """Esc clears the filter and the whole queue is read from the top; another agent's change
    that arrives meanwhile reads again, and that read starts at the top too, not on the row the
    filter had shown (T000002, second in the queue)."""
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await burst(pilot, "slash", Typed("T000002"), "enter")
        screen = app.screen
        assert isinstance(screen, QueueScreen) and screen.table.current.ref == "T000002"
        read = Held(monkeypatch, queue, "queue_page")
        with settling.unsettled(app):
            await pilot.press("escape")
            assert await answered(read.waiting.is_set)
            typing = [w for w in screen.workers if w.group == "queue-filter"]
            assert await answered(lambda: all(w.is_finished for w in typing))  # the box's pause
            screen.refresh_queue()  # another agent's change, seen while the cleared filter's read waits
            read.release()
        assert await answered(lambda: screen.table.total == 3)
        await pilot.pause()
        assert screen.table.cursor == 0 and screen.table.current.ref == "T000001"
