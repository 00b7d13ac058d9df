"""Layout snapshots of the four workspace screens (queue, ticket detail, intake, customer)
at the agent's 80x24 and a wall-screen 120x40, in English and in Chinese: 16 pictures.

The floor is tests/snapshot/conftest.py's snapshot_floor (frozen clock, fixed refs, customers
with English, Chinese and mixed names). Every screen is reached by its real key from the
queue: Enter (ticket), n (intake), C (customer). Nothing in the pictures moves on its own:
text cursors are told not to blink, and the screens' own timers read the frozen clock.

Update the pictures on purpose only: pytest tests/snapshot --snapshot-update, then look at
them (the report pytest writes, or the SVGs under __snapshots__/).
"""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from tests.snapshot.conftest import DETAIL_REF
from themes import DEFAULT
from tui import i18n
from tui.app import make_app
from tui.screens.customer import CustomerScreen
from tui.screens.intake import IntakeScreen
from tui.screens.queue import QueueScreen
from tui.screens.ticket import TicketScreen

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}
SCREENS = {
    # name: (keys pressed on the queue, the screen expected after them)
    "queue": ((), QueueScreen),
    "ticket": (("enter",), TicketScreen),
    "intake": (("n",), IntakeScreen),
    "customer": (("C",), CustomerScreen),
}


@pytest.fixture(autouse=True)
def keep_language():
    """make_app sets the process-wide language; put it back for the tests that follow."""
    before = i18n.language()
    yield
    i18n.set_language(before)


def still(app) -> None:
    """No blinking text cursor anywhere on the screen (a blink would flip pictures)."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for widget in app.screen.query(TextArea):
        widget.cursor_blink = False


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("screen", SCREENS.keys())
def test_layout(snap_compare, snapshot_floor, screen, language, size):
    keys, expected = SCREENS[screen]
    app = make_app(snapshot_floor.as_login("li"), language, DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, expected), f"{keys} led to {type(app.screen).__name__}"
        if expected is TicketScreen:
            assert app.screen.ref == DETAIL_REF
        if expected is CustomerScreen:
            assert app.screen.code == "C001"
        still(app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=reach)
