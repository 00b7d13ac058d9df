"""The department directory (key 3) as a supervisor sees it at 80x24, in English and Chinese:
one department outside its online hours at 10:00. Update on purpose only (--snapshot-update)."""

from __future__ import annotations

import pytest

from core.admin import setup as admin
from core.handoffs.directory import update_department
from themes import DEFAULT
from tui import i18n
from tui.app import make_app
from tui.screens.directory import DirectoryScreen


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_directory_layout(snap_compare, snapshot_floor, language):
    admin.init_floor(snapshot_floor)
    update_department(
        snapshot_floor,
        "warehouse",
        contact="王仓管",
        phone="13700000000",
        hours="08:00-18:00",
        backup_contact="李四",
        backup_phone="13700001111",
    )
    update_department(snapshot_floor, "rnd", hours="13:00-18:00")
    app = make_app(snapshot_floor.as_login("boss"), language, DEFAULT)

    async def reach(pilot) -> None:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)
