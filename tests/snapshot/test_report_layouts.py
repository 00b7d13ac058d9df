"""The report screen (key 6) at 80x24 in English and Chinese on the hand-built week 2026-W47 of
tests/unit/test_report_figures (the clock at Monday 2026-11-23 10:00:45), and the list behind
"First response in target" (its misses first). Update on purpose only: pytest
tests/snapshot/test_report_layouts.py --snapshot-update, then look at the SVGs."""

from __future__ import annotations

import pytest

from tests.settling import answered
from themes import DEFAULT
from tui import i18n
from tui.app import make_app
from tui.screens.report import ReportScreen
from tui.screens.report_list import ReportListScreen


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


async def _report(pilot) -> ReportScreen:
    await pilot.pause()
    await pilot.press("6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    assert await answered(lambda: screen.view is not None)
    await pilot.pause()
    return screen


@pytest.mark.parametrize("language", ["en", "zh"])
def test_report_screen_layout(snap_compare, floor, week47, language):
    app = make_app(floor.as_login("boss"), language, DEFAULT)

    async def reach(pilot) -> None:
        await _report(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_report_list_layout(snap_compare, floor, week47, language):
    app = make_app(floor.as_login("boss"), language, DEFAULT)

    async def reach(pilot) -> None:
        await _report(pilot)
        for _ in range(3):  # received, resolution, FCR, then first response in target
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        listed = app.screen
        assert isinstance(listed, ReportListScreen)
        assert await answered(lambda: listed.drilled is not None)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)
