"""The input thread sleeps until there is input (tui/quiet_input.py): keys and a lone Esc arrive
as with Textual's own driver, and the app stopping wakes it at once; in between it never wakes
on a timer (Textual's wakes ten times a second: issue 15's idle budget)."""

from __future__ import annotations

import os
import selectors
import threading

import pytest

from tui import quiet_input
from tui.quiet_input import QuietLinuxDriver, _WakingEvent


class Recording(selectors.SelectSelector):
    waits: list[float | None] = []

    def select(self, timeout=None):
        Recording.waits.append(timeout)
        return super().select(timeout)


@pytest.fixture
def driver(monkeypatch):
    """The driver's input thread on a pipe for a terminal, its events collected."""
    monkeypatch.setattr(quiet_input.selectors, "SelectSelector", Recording)
    Recording.waits = []
    keys_in, keys_out = os.pipe()
    woken, wake = os.pipe()
    os.set_blocking(woken, False)
    made = object.__new__(QuietLinuxDriver)
    made.fileno, made._woken, made._debug = keys_in, woken, False
    made.exit_event = _WakingEvent(wake)
    made.events = []
    made.process_message = made.events.append
    thread = threading.Thread(target=made.run_input_thread, daemon=True)
    thread.start()
    yield made, keys_out, thread
    made.exit_event.set()
    thread.join(5)
    for fd in (keys_in, keys_out, woken, wake):
        os.close(fd)


def keys(made) -> list[str]:
    return [getattr(event, "key", type(event).__name__) for event in made.events]


def until(condition, seconds: float = 5.0) -> bool:
    done = threading.Event()
    for _ in range(int(seconds / 0.01)):
        if condition():
            return True
        done.wait(0.01)
    return False


def test_keys_arrive_and_the_thread_waits_without_a_timer(driver):
    made, keys_out, _ = driver
    os.write(keys_out, b"jk")
    assert until(lambda: keys(made) == ["j", "k"])
    assert until(lambda: len(Recording.waits) >= 2)
    assert set(Recording.waits) == {None}  # every wait: until input, however long


def test_a_lone_escape_is_told_after_the_parsers_timeout(driver):
    made, keys_out, _ = driver
    os.write(keys_out, b"\x1b")
    assert until(lambda: keys(made) == ["escape"])
    finite = [wait for wait in Recording.waits if wait is not None]
    assert finite and all(0 <= wait <= quiet_input.ESCAPE_CHECK for wait in finite)
    os.write(keys_out, b"\x1b[A")  # a whole sequence: one key, at once
    assert until(lambda: keys(made) == ["escape", "up"])


def test_stopping_wakes_the_waiting_thread(driver):
    made, _, thread = driver
    assert until(lambda: Recording.waits == [None])  # waiting, with no limit
    made.exit_event.set()
    thread.join(5)
    assert not thread.is_alive()
