"""The agent's side of a fault, with Pilot at 80x24: a note typed on the ticket screen and a
new ticket typed on the intake screen, saved while the storage fails; then proof that the
message is on screen, every typed character is still there, and the app still answers keys."""

from __future__ import annotations

from textual.widgets import Static, TextArea

from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, shows
from tests.app.test_intake import choose, open_intake, pick_customer, type_description
from tests.app.test_ticket_screen import open_ticket, type_text
from tui.modals.text_entry import TextEntryModal
from tui.screens.intake import ConfirmDiscard, IntakeScreen
from tui.screens.ticket import TicketScreen

NOTE = "客户 called back: 货物 still missing, wants a refund today"
DESCRIPTION = "客户说货漏发了一件, 今天必须处理"

__all__ = [
    "SIZE",
    "NOTE",
    "DESCRIPTION",
    "notifications",
    "note_form",
    "type_note",
    "note_refused",
    "note_saved",
    "intake_form",
    "intake_refused",
    "notes_on",
]


def notifications(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def note_form(app, pilot, ref: str = "T000001") -> TextEntryModal:
    """The ticket screen with its note form open (key n)."""
    await open_ticket(app, pilot, ref)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, TextEntryModal)
    return app.screen


async def type_note(app, pilot, ref: str = "T000001") -> TextEntryModal:
    form = await note_form(app, pilot, ref)
    await type_text(pilot, NOTE)
    assert form.field("text").value == NOTE
    return form


async def note_refused(app, pilot, expected: str) -> None:
    """Enter on the typed note form was refused: the message on screen (notification and the
    form's problem line), the form still open with the note; then the app still answers keys:
    Esc keeps the typing as a draft and n opens the form on it again."""
    await pilot.press("enter")
    await pilot.pause()
    form = app.screen
    assert isinstance(form, TextEntryModal), "the form must stay open"
    assert expected in notifications(app)
    assert expected in str(form.query_one(".modal-problem", Static).render())
    assert form.field("text").value == NOTE
    assert shows(app, expected[:20])
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, TicketScreen)
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, TextEntryModal)
    assert app.screen.field("text").value == NOTE


async def note_saved(app, pilot, session, ref: str = "T000001") -> None:
    """Enter on the note form now saves: the form closes and the note is on the ticket."""
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, TicketScreen), notifications(app)
    assert NOTE in notes_on(session, ref)


def notes_on(session, ref: str) -> list[str]:
    return [event.text for event in ticket_detail(session, ref).events if event.kind == "note"]


async def intake_form(app, pilot) -> IntakeScreen:
    """The intake screen (n on the queue) with customer, channel and description filled in."""
    await pilot.pause()
    screen = await open_intake(pilot)
    await pick_customer(pilot)
    await choose(pilot, "channel", "phone")
    await type_description(pilot, DESCRIPTION)
    return screen


async def intake_refused(app, pilot, expected: str) -> None:
    """ctrl+s on the filled intake was refused: the message shown, the screen and its typing
    stay; Esc asks whether to discard, n keeps the form."""
    screen = app.screen
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert app.screen is screen
    assert expected in notifications(app)
    assert screen.query_one("#description", TextArea).text == DESCRIPTION
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, ConfirmDiscard)
    await pilot.press("n")
    await pilot.pause()
    assert app.screen is screen
    assert screen.query_one("#description", TextArea).text == DESCRIPTION
