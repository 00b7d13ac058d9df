"""Issue 15: the callbacks list (key 4) opens from what is booked, and the booking runs behind
it. Measured in a real terminal (tmux) on the 100,000-ticket demo floor, on a fresh copy so the
screen's first booking is the one measured; printed, not asserted (issue 15 sets no budget for
it). Marked bench: run with `make bench`."""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest

from tests.bench import workspace
from tests.terminal.tmux import TMUX

pytestmark = [
    pytest.mark.bench,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)"),
]

LIST_SHOWN = "Callbacks  overdue"
"""The callbacks screen's strip: the list is on screen."""
NOTHING_BOOKED = "overdue 0  today 0  upcoming 0"
"""The strip before the first booking (of the demo floor, its open callbacks taken off)."""


@pytest.fixture(scope="module")
def demo_floor(tmp_path_factory):
    path = tmp_path_factory.mktemp("floors") / "100k.db"
    workspace.build_demo(path, 100_000)
    return path


def key_4_ms(term) -> float:
    """From the key to the callbacks list on screen."""
    started = time.perf_counter()
    term.keys("4")
    term.wait_for(LIST_SHOWN, timeout=30, poll=0.002)
    return 1000 * (time.perf_counter() - started)


def booked_ms(term, started: float) -> float | None:
    """From started to the list showing what the first booking booked (None: not within 30 s)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        screen = term.screen()
        if LIST_SHOWN in screen and NOTHING_BOOKED not in screen:
            return 1000 * (time.perf_counter() - started)
        time.sleep(0.005)
    return None


def test_the_callbacks_list_shows_before_its_booking_on_100000_tickets(demo_floor, tmp_path):
    fresh = tmp_path / "fresh.db"
    shutil.copyfile(demo_floor, fresh)  # the first booking of this file is the screen's
    with sqlite3.connect(fresh) as db:  # the demo books as it goes: what it left open is booked afresh
        opened = "SELECT id FROM callback WHERE status = 'open'"
        db.execute(f"DELETE FROM callback_purpose WHERE callback_id IN ({opened})")
        db.execute("DELETE FROM callback WHERE status = 'open'")
    db.close()
    term = workspace.terminal(fresh)
    try:
        workspace.start_seconds(term)
        time.sleep(0.3)
        started = time.perf_counter()
        first = key_4_ms(term)
        nothing_yet = NOTHING_BOOKED in term.screen()
        booked = booked_ms(term, started)
        again = []
        for _ in range(5):
            term.keys("1")
            term.wait_for("all open:", timeout=10)
            time.sleep(0.2)
            again.append(key_4_ms(term))
    finally:
        term.close()
    print(
        f"\ncallbacks list on screen at 100k tickets: first open {first:.0f} ms "
        f"({'before' if nothing_yet else 'after'} its booking landed); the booked callbacks on screen "
        f"{'not within 30 s' if booked is None else f'{booked:.0f} ms'} after the key; "
        f"opened again median {sorted(again)[len(again) // 2]:.0f} ms, worst {max(again):.0f} ms of 5"
    )
