"""The countdown board as `callfloor board` draws it (wallboard theme) from an agent's 80x24 to a
wall screen's 240x67, through 120, 160 and 200 columns; Chinese at 80x24, 160x45 and 240x67;
and the board in the agent's app (key 2) at 80x24 and 240x67.

At 80 columns the one-character marks keep their legend beside the status line; from 200
columns a row is three lines: ticket and countdown in block letters, the department on a band,
what is needed on two lines.

Update on purpose only: pytest tests/snapshot/test_board_layouts.py --snapshot-update, then
look at the SVGs."""

from __future__ import annotations

import pytest

from tui import i18n
from tui.app import make_app
from tui.screens.board import BoardScreen
from tui.wall import make_wall

SIZES = {
    "80x24": (80, 24),
    "120x36": (120, 36),
    "160x45": (160, 45),
    "200x56": (200, 56),
    "240x67": (240, 67),
}

LONG_NEED = (
    "Confirm the real location of order 1023 and the delivery date before 11:00; "
    "the customer reports at 14:00"
)
"""Longer than a wall's line: it wraps to a second line there, and ends in … on narrower boards."""


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.fixture
def wall_floor(board_snapshot_floor):
    """The snapshot board plus one handoff whose need takes two lines on a wall (sent at 10:00)."""
    from core.handoffs import lifecycle as handoffs

    handoffs.add_handoff(board_snapshot_floor, "T000004", "tech", LONG_NEED, "10:50")
    return board_snapshot_floor


@pytest.mark.parametrize(
    "language, size",
    [
        ("en", "80x24"),
        ("en", "120x36"),
        ("en", "160x45"),
        ("en", "200x56"),
        ("en", "240x67"),
        ("zh", "80x24"),
        ("zh", "160x45"),
        ("zh", "240x67"),
    ],
)
def test_board_layout(snap_compare, wall_floor, language, size):
    app = make_wall(wall_floor.as_login("boss"), language)

    async def settle(pilot) -> None:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=settle)


@pytest.mark.parametrize("size", ["80x24", "240x67"])
def test_board_in_the_agents_app(snap_compare, wall_floor, size):
    app = make_app(wall_floor.as_login("li"), "en")

    async def settle(pilot) -> None:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=settle)
