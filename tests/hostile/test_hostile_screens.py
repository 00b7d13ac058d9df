"""Hostile text on every screen and the board: markup shows as the characters typed, escapes
as visible symbols (core.basics.display.printable: ESC is ␛, BEL ␇, NUL ␀, CR ␍), and no raw control
character or bidi override ever reaches the terminal. Pilot at 80x24 on a real SQLite file."""

from __future__ import annotations

import pytest
from textual import events

from tests.app.conftest import SIZE, screen_text
from tests.app.test_ticket_screen import segments_text
from tests.hostile.hostile_floor import HOSTILE, MARKUP, RAW, build
from tui.app import make_app
from tui.screens.board import BoardScreen
from tui.screens.call import CallScreen
from tui.screens.callbacks import CallbacksScreen
from tui.screens.customer import CustomerScreen
from tui.screens.directory import DirectoryScreen
from tui.screens.intake import IntakeScreen
from tui.screens.ticket import TicketScreen
from tui.wall import make_wall

WALL = (160, 45)


@pytest.fixture
def hostile(floor, as_li, tmp_path):
    return build(floor, as_li, tmp_path)


def assert_literal(app, where: str, *shown: str) -> str:
    """No raw control character painted anywhere on the screen; each of shown visible as typed."""
    raw = segments_text(app)
    leaked = sorted({repr(ch) for ch in RAW if ch in raw})
    assert not leaked, f"{where}: {', '.join(leaked)} reached the terminal"
    text = screen_text(app)
    for piece in shown:
        assert piece in text, f"{where}: {piece!r} is not shown literally:\n{text}"
    return text


async def settle(pilot, times: int = 2) -> None:
    for _ in range(times):
        await pilot.pause()


async def test_every_agent_screen_shows_hostile_text_literally(floor, hostile):
    app = make_app(floor.as_login("boss"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert_literal(app, "queue", MARKUP)

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TicketScreen) and app.screen.ref == hostile.ref
        assert_literal(app, "ticket", MARKUP, "␛[31mRED␛]0;title␇")
        for _ in range(6):  # down the timeline: notes, contacts, handoffs
            await pilot.press("tab", "pagedown", "pagedown")
            await pilot.pause()
            assert_literal(app, "ticket, scrolled")

        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert_literal(app, "customer", MARKUP)

        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert_literal(app, "intake with the customer picked", MARKUP)
        await pilot.press("escape")
        await settle(pilot)
        if not isinstance(app.screen, IntakeScreen):  # leave the picked customer: yes, discard
            assert_literal(app, "discard question")
            await pilot.press("y")
            await settle(pilot)
        await pilot.press("escape", "escape")
        await settle(pilot)

        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, BoardScreen)
        assert_literal(app, "board (key 2)", "open [bold red]X", "need [bold red]X")

        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, DirectoryScreen)
        assert_literal(app, "directory", MARKUP)
        for _ in range(8):
            await pilot.press("down")
        await settle(pilot)
        assert_literal(app, "directory, the hostile department")

        await pilot.press("4")
        await settle(pilot, 3)
        assert isinstance(app.screen, CallbacksScreen)
        assert_literal(app, "callbacks", MARKUP)

        app.push_screen(CallScreen(hostile.callback_id))
        await settle(pilot, 3)
        assert isinstance(app.screen, CallScreen)
        assert_literal(app, "call", MARKUP)
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("ctrl+r")
        await settle(pilot)
        assert_literal(app, "export form")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert_literal(app, "F2 menu")


async def test_the_wallboard_shows_hostile_text_literally(floor, hostile):
    app = make_wall(floor.as_login("li"), "en")
    async with app.run_test(size=WALL) as pilot:
        await settle(pilot)
        assert_literal(app, "wallboard", "need [bold red]X[/]", "open [bold red]X[/]")


async def paste(pilot, widget, text: str) -> None:
    """What a terminal sends when the agent pastes: the text as it is, escapes included."""
    widget.focus()
    await pilot.pause()
    widget.post_message(events.Paste(text))
    await settle(pilot)


async def test_hostile_text_pasted_into_the_intake_search_is_shown_literally(floor, hostile):
    app = make_app(floor.as_login("li"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        await pilot.press(*"[bold]typed[/]")
        await paste(pilot, app.screen.query_one("#customer-search"), f" {HOSTILE}")
        await pilot.pause(0.3)  # the search runs after a pause in typing
        # Every line of the paste is kept (joined), so the field scrolls: Home shows its start.
        await pilot.press("home")
        assert_literal(app, "intake search", "[bold red]X[/]")
        value = app.screen.query_one("#customer-search").value
        assert "\x1b" not in value and "␛[2Ja b" in value  # kept as shown, the CR's line too


async def test_hostile_text_pasted_into_the_intake_description_is_shown_literally(floor, hostile):
    app = make_app(floor.as_login("li"), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await paste(pilot, app.screen.query_one("#description"), HOSTILE)
        assert_literal(app, "intake description", MARKUP, "␛[2Ja")
        assert "\x1b" not in repr(app.screen.query_one("#description").text)  # saved as shown
