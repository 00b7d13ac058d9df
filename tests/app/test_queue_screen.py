"""The queue screen's main path with Pilot at 80x24."""
from __future__ import annotations

from tests.app.conftest import SIZE, screen_text


async def test_queue_shows_open_tickets_most_urgent_first(app_for):
    app = app_for("boss")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        lines = [line for line in text.splitlines() if line.strip().startswith(("R ", "Y ", "G "))]
        assert [line.split()[1] for line in lines] == ["T000001", "T000002", "T000003"]
        assert "open 3" in text and "red 1" in text


async def test_claim_from_the_list(app_for, queue_floor):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "T000001 is yours" in " ".join(str(n.message) for n in app._notifications)
    from core.reads import ticket_detail
    assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def test_the_mono_theme_draws_for_16_colour_terminals(app_for):
    from tui.app import make_app

    app = make_app(app_for("boss").session, "en", theme="mono")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "mono"
        assert "T000001" in screen_text(app)
