"""The countdown board as `callfloor board` draws it (wallboard theme): an agent's 80x24, a
wall screen's 160x45, and a big one at 240x67 with 3-line countdown digits; Chinese at 80x24.

Update on purpose only: pytest tests/snapshot --snapshot-update, then look at the SVGs."""

from __future__ import annotations

import pytest

from tui import i18n
from tui.screens.board import BoardScreen
from tui.wall import make_wall

SIZES = {"80x24": (80, 24), "160x45": (160, 45), "240x67": (240, 67)}


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize(
    "language, size", [("en", "80x24"), ("en", "160x45"), ("en", "240x67"), ("zh", "80x24"), ("zh", "160x45")]
)
def test_board_layout(snap_compare, board_snapshot_floor, language, size):
    app = make_wall(board_snapshot_floor.as_login("boss"), language)

    async def settle(pilot) -> None:
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZES[size], run_before=settle)
