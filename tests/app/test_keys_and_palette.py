"""Keys: the footer shows what works now, ? lists every key, Ctrl+P holds every action,
and a floor can remap keys by binding id."""

from __future__ import annotations

import threading

from textual.command import CommandList, CommandPalette

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


async def palette_entries(app, pilot) -> list[str]:
    """What an empty Ctrl+P lists, top to bottom, once the palette has gathered it."""
    await pilot.press("ctrl+p")
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    for _ in range(400):  # generous: a loaded machine is slow, not wrong
        if palette.has_class("-ready"):
            break
        await pilot.pause(0.05)
    options = palette.query_one(CommandList)
    entries = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
    return [str(getattr(entry, "plain", entry)).split("\n")[0] for entry in entries]


async def test_the_palette_lists_the_queues_actions_first_then_the_apps(app_for):
    app = app_for("li")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        entries = await palette_entries(app, pilot)
    # the footer's actions in the footer's order, then the queue's other keys
    assert entries[:6] == ["Open  (⏎)", "Claim  (c)", "New  (n)", "Filter  (/)", "All  (a)", "Mine  (m)"]
    assert entries.index("Customer  (C)") < entries.index("Queue  (1)")
    # then the app's: the views, the export, the menu, then keys and quit
    app_part = entries[entries.index("Queue  (1)") :]
    assert app_part[:4] == ["Queue  (1)", "Board  (2)", "Directory  (3)", "Callbacks  (4)"]
    assert "Export report (weekly, monthly)  (^r)" in app_part and "Quit  (^q)" in app_part
    # moving in the list comes after all of those, one entry per move with all its keys
    assert entries.index("Down  (↓ j)") > entries.index("Quit  (^q)")
    # Textual's generic scrolling and focus keys are not offered at all
    assert not [entry for entry in entries if entry.startswith(("Scroll", "Page Left", "Focus"))]


async def test_the_palette_lists_the_tickets_actions_first_in_the_readers_language(app_for):
    app = app_for("li", "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # T000001, red and unclaimed
        await pilot.pause()
        assert type(app.screen).__name__ == "TicketScreen"
        entries = await palette_entries(app, pilot)
    assert entries[:6] == ["认领  (c)", "备注  (n)", "回复  (o)", "来电  (i)", "优先级  (t)", "转交  (h)"]
    ours = entries.index("退出  (^q)")
    assert {"返回  (esc)", "客户  (C)", "队列  (1)", "协作看板  (2)"} <= set(entries[:ours])
    # the timeline's scroll keys last of ours; Textual's own English entries after every one
    assert entries.index("向下滚动  (j)") > ours
    assert not [entry for entry in entries[: entries.index("向下滚动  (j)")] if entry.isascii()]
