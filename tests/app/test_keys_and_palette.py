"""Keys: the footer shows what works now, ? lists every key, Ctrl+P holds every action,
and a floor can remap keys by binding id."""

from __future__ import annotations

import threading

from core.admin import setup as admin
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, screen_text
from tui.routes import OpenTicket


async def test_question_mark_lists_the_screens_keys_in_the_current_language(app_for):
    app = app_for("boss", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen.query("KeyPanel")
        text = screen_text(app)
        assert "认领" in text and "筛选" in text
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query("KeyPanel")


async def test_the_palette_holds_the_screens_actions_and_runs_them(app_for, queue_floor):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"claim")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
    assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def test_a_floor_remaps_a_key_by_its_binding_id(app_for, queue_floor, tmp_path):
    policy = tmp_path / "keys.toml"
    policy.write_text('[keys]\n"queue.claim" = "f5"\n', encoding="utf-8")
    admin.load_policy_into_floor(queue_floor, policy)
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")  # no longer the claim key
        await pilot.pause()
        assert ticket_detail(queue_floor, "T000001").owner is None
        await pilot.press("f5")
        await pilot.pause()
    assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def test_a_route_posted_from_a_thread_worker_opens_on_the_ui_thread(app_for):
    """A worker that finishes a lookup may ask for a screen; the app opens it on its own thread
    (Textual's screen stack is not thread-safe), and the worker waits until it is open."""
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        opened_on: list[int] = []
        original = app.open_route

        def recording(route):
            opened_on.append(threading.get_ident())
            original(route)

        app.open_route = recording
        worker = threading.Thread(target=lambda: app.post_message(OpenTicket("T000001")))
        worker.start()
        while worker.is_alive():
            await pilot.pause(0.05)
        await pilot.pause()
        assert opened_on == [threading.get_ident()]
        assert type(app.screen).__name__ == "TicketScreen"
