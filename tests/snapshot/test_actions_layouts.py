"""Improvement actions (key 7) as a supervisor sees them at 80x24, in English and Chinese: one
late action in progress, one done with its verification call booked, one closed; and the
new-action form. Update on purpose only (--snapshot-update)."""

from __future__ import annotations

import pytest

from core.handoffs.directory import add_department
from core.improvement import Problem, add_action, close_action, mark_done, update_action
from tests.conftest import sh
from tests.settling import answered
from themes import DEFAULT
from tui import i18n
from tui.app import make_app
from tui.modals.improvement import ActionForm
from tui.screens.actions import ActionsScreen


@pytest.fixture(autouse=True)
def keep_language():
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.fixture
def actions_floor(snapshot_floor, clock):
    """Three actions made on Monday 11-16 (so the first is late by Friday 10:00)."""
    add_department(snapshot_floor, "logistics")
    add_department(snapshot_floor, "warehouse")
    as_li = snapshot_floor.as_login("li")
    clock.set(sh(2026, 11, 16, 9, 0))
    late = add_action(
        snapshot_floor,
        "华东区增加第二家快递",
        "logistics",
        "li",
        2,
        "delivery-delay share below 20%",
        Problem("efficiency", "delivery_delay"),
        ["T000002"],
    )
    update_action(as_li, late, status="in_progress")
    done = add_action(
        snapshot_floor,
        "Repack fragile items in double cartons",
        "warehouse",
        "wang",
        10,
        "count below 5",
        Problem("quality", "damage", "外包装破损"),
        ["T000001", "T000003"],
    )
    mark_done(snapshot_floor, done)
    closed = add_action(
        snapshot_floor, "夜间客服值班", "logistics", "boss", 5, "count below 3", Problem(phrase="晚上没人接")
    )
    close_action(snapshot_floor, closed, "取消：外包客服已覆盖夜间")
    clock.set(sh(2026, 11, 20, 10, 0))
    return snapshot_floor


async def reach_list(app, pilot) -> None:
    await pilot.pause()
    await pilot.press("7")
    await answered(lambda: isinstance(app.screen, ActionsScreen) and app.screen.read_once)
    await pilot.pause()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_actions_layout(snap_compare, actions_floor, language):
    app = make_app(actions_floor.as_login("boss"), language, DEFAULT)
    assert snap_compare(app, terminal_size=(80, 24), run_before=lambda pilot: reach_list(app, pilot))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_new_action_form_layout(snap_compare, actions_floor, language):
    app = make_app(actions_floor.as_login("boss"), language, DEFAULT)

    async def reach(pilot) -> None:
        await reach_list(app, pilot)
        await pilot.press("n")
        await answered(lambda: isinstance(app.screen, ActionForm) and app.screen.ready)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=reach)
