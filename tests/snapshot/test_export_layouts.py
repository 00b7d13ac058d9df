"""The weekly report's export form (Ctrl+R) and the app's menu (F2) over the queue at 80x24: a
supervisor's form in English (clear offered), an agent's in Chinese (clear for supervisors
only), the form while it writes (the bar at 40%, its keys greyed), and the menu. Update on
purpose only (--snapshot-update), then look at the SVGs."""

from __future__ import annotations

import pytest

from themes import DEFAULT
from tui import i18n
from tui.app import make_app
from tui.modals.app_menu import AppMenu
from tui.modals.export_report import ExportReportModal


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize("login, language", [("boss", "en"), ("li", "zh")])
def test_export_form_layout(snap_compare, snapshot_floor, login, language):
    app = make_app(snapshot_floor.as_login(login), language, DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ExportReportModal)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)


def test_export_form_while_writing_layout(snap_compare, snapshot_floor):
    """The picture of the form mid-export (set directly: a real worker's timing is not a picture)."""
    app = make_app(snapshot_floor.as_login("boss"), "en", DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        await pilot.press("ctrl+r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExportReportModal)
        form._set_exporting(True)
        form._progressed(0.4, "tickets")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)


def test_app_menu_layout(snap_compare, snapshot_floor):
    app = make_app(snapshot_floor.as_login("li"), "en", DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, AppMenu)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)
