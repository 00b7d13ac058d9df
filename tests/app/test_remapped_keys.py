"""A floor's moved keys, as the agent meets them: the footer, the ? panel and the palette say the
new key, the new key works and the old one no longer does; a running app never takes a key map
that fails the check (tui/key_maps.py), and says so once."""

from __future__ import annotations

from textual.binding import Binding

from core.admin import setup as admin
from core.tickets.reads import ticket_detail
from tests.app.conftest import SIZE, screen_text
from tests.settling import answered


def load_keys(floor, tmp_path, keys: str, name: str = "keys.toml") -> None:
    """A policy with these [keys] lines made the floor's through core (which checks only their
    shape), as a policy loaded by an older callfloor would be."""
    policy = tmp_path / name
    policy.write_text(f"[keys]\n{keys}\n", encoding="utf-8")
    admin.load_policy_into_floor(floor, policy)


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


def said(app, words: str) -> list[str]:
    return [str(n.message) for n in app._notifications if words in str(n.message)]


async def test_a_moved_claim_key_shows_in_the_footer_and_claims(app_for, queue_floor, tmp_path):
    load_keys(queue_floor, tmp_path, '"queue.claim" = "f5"')
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        f5 = app.get_key_display(Binding("f5", "claim"))
        assert f"{f5} Claim" in footer(app)
        assert "c Claim" not in footer(app)
        await pilot.press("c")  # no longer the claim key
        assert ticket_detail(queue_floor, "T000001").owner is None
        await pilot.pause(0.2)  # a person sees c do nothing (keys right behind it are dropped)
        await pilot.press("f5")
    assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def test_the_key_panel_and_the_palette_say_the_moved_key(app_for, queue_floor, tmp_path):
    load_keys(queue_floor, tmp_path, '"queue.claim" = "f5"')
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        f5 = app.get_key_display(Binding("f5", "claim"))
        await pilot.press("question_mark")
        panel = app.screen.query_one("KeyPanel")
        lines = [line for line in screen_text(app).splitlines() if "Claim" in line]
        assert panel and any(f5 in line and " c " not in line for line in lines), lines
        await pilot.press("question_mark")
        await pilot.press("ctrl+p")
        await pilot.press(*"claim")
        await pilot.pause(0.3)  # the palette searches in a worker of its own
        assert f"Claim  ({f5})" in screen_text(app)


async def test_a_running_app_skips_a_key_map_that_fails_the_check_and_says_so_once(
    app_for, queue_floor, tmp_path
):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        load_keys(queue_floor, tmp_path, '"queue.claim" = "n"')  # would take n from New
        app.look_now()  # the idle look may see the change first and hand it over a moment later
        assert await answered(lambda: len(said(app, "key map was not applied")) == 1)
        assert 'keys.queue.claim: "n" is also the key of "queue.new"' in said(app, "key map")[0]
        assert "n New" in footer(app) and "c Claim" in footer(app)
        load_keys(queue_floor, tmp_path, '"queue.claim" = "n"\n"queue.new" = "n"', "worse.toml")
        app.look_now()
        assert await answered(lambda: len(said(app, "key map was not applied")) == 2)  # said again
        load_keys(queue_floor, tmp_path, '"queue.claim" = "n"\n"queue.new" = "n"', "same.toml")
        app.look_now()
        await pilot.pause()
        assert len(said(app, "key map was not applied")) == 2  # the same map: said once
        await pilot.press("c")  # the keys stayed as they were
    assert ticket_detail(queue_floor, "T000001").owner == "wang"


async def test_a_good_key_map_after_a_bad_one_is_taken(app_for, queue_floor, tmp_path):
    app = app_for("wang")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        load_keys(queue_floor, tmp_path, '"queue.claim" = "ctrl+shift+k"')
        app.look_now()
        assert await answered(lambda: bool(said(app, "key map was not applied")))
        load_keys(queue_floor, tmp_path, '"queue.claim" = "f5"', "fixed.toml")
        app.look_now()
        f5 = app.get_key_display(Binding("f5", "claim"))
        assert await answered(lambda: f"{f5} Claim" in footer(app))
        await pilot.press("f5")
    assert ticket_detail(queue_floor, "T000001").owner == "wang"
