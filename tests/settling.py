"""Pilot that waits for the app's database calls: the app asks core in thread workers
(tui/base/asking.py), so a key's effect lands a moment after the key. Tests press a key and
then look, as an agent would after the screen answered; settle() waits for every worker the
keys started (and the ones those started) before the test looks.

A test that must look *while* a call waits (a held write lock) presses inside unsettled()."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import asynccontextmanager, contextmanager

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerState

_original_press = Pilot.press
_original_pause = Pilot.pause
_original_click = Pilot.click
_unsettled: set[int] = set()

BACKGROUND_GROUPS = {"report-export"}
"""Workers that run on while the agent works (with their own progress on screen): tests watch
them, not wait for them."""

SETTLE_SECONDS = 30.0
"""A worker still running after this long is a bug the test should see, not a hang."""


def _busy(app) -> list:
    return [
        w
        for w in app.workers
        if w.state in (WorkerState.PENDING, WorkerState.RUNNING) and w.group not in BACKGROUND_GROUPS
    ]


async def settle(pilot: Pilot) -> None:
    """Until no worker of the app is pending or running, then one more pause so that what the
    last one handed back is painted (none was running: nothing to wait for)."""
    if not _busy(pilot.app):
        return
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SETTLE_SECONDS
    while _busy(pilot.app):
        if loop.time() > deadline:
            busy = _busy(pilot.app)
            raise AssertionError(f"the app's workers did not finish within {SETTLE_SECONDS:g} s: {busy}")
        await asyncio.sleep(0.001)
    await _original_pause(pilot)


async def _press(self: Pilot, *keys: str) -> None:
    await _original_press(self, *keys)
    if id(self.app) not in _unsettled:
        await settle(self)


async def _pause(self: Pilot, delay: float | None = None) -> None:
    await _original_pause(self, delay)
    if id(self.app) not in _unsettled:
        await settle(self)


async def _click(self: Pilot, *args, **kwargs):
    result = await _original_click(self, *args, **kwargs)
    if id(self.app) not in _unsettled:
        await settle(self)
    return result


_original_run_test = App.run_test


@asynccontextmanager
async def _run_test(self: App, *args, **kwargs):
    """The first screen's first read has landed before the test's first key."""
    async with _original_run_test(self, *args, **kwargs) as pilot:
        await settle(pilot)
        yield pilot


def install() -> None:
    App.run_test = _run_test  # type: ignore[method-assign]
    Pilot.press = _press  # type: ignore[method-assign]
    Pilot.pause = _pause  # type: ignore[method-assign]
    Pilot.click = _click  # type: ignore[method-assign]


@contextmanager
def unsettled(app):
    """Keys pressed inside do not wait for the app's database calls."""
    _unsettled.add(id(app))
    try:
        yield
    finally:
        _unsettled.discard(id(app))


async def answered(done: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Let the app run until done() (bounded; no timing is asserted)."""
    for _ in range(int(seconds / 0.02)):
        if done():
            return True
        await asyncio.sleep(0.02)
    return done()
