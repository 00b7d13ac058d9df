"""Threads for the database calls of the app: daemon threads, so that Ctrl+Q quits at once even
while a save waits out another process's write lock (an unfinished write is rolled back by the
database; the agent is told nothing was saved only if they stay). asyncio's default executor
would not do: its threads are joined at exit, and its few threads fill up behind a held lock."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _settle(future: asyncio.Future, ok: bool, value: Any) -> None:
    if future.done():  # cancelled meanwhile: nobody waits for it
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


def _hand_back(loop: asyncio.AbstractEventLoop, future: asyncio.Future, call: Callable[[], Any]) -> None:
    try:
        ok, value = True, call()
    except BaseException as error:  # noqa: BLE001 (handed to the awaiting side, raised there)
        ok, value = False, error
    try:
        loop.call_soon_threadsafe(_settle, future, ok, value)
    except RuntimeError:
        pass  # the app's loop has closed: nobody is left to tell


async def in_thread(call: Callable[[], T], name: str = "floor-call") -> T:
    """call() in a daemon thread of its own; its result (or its error) here."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    threading.Thread(target=_hand_back, args=(loop, future, call), name=name, daemon=True).start()
    return await future


_Call = tuple[asyncio.AbstractEventLoop, asyncio.Future, Callable[[], Any]]


class OneThread:
    """One daemon thread that runs the calls given to it in order: for a question that must be
    asked on the same connection each time (peewee keeps one per thread)."""

    def __init__(self, name: str) -> None:
        self._calls: queue.SimpleQueue[
            tuple[asyncio.AbstractEventLoop, asyncio.Future, Callable[[], Any]] | None
        ]
        self._calls = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while (item := self._calls.get()) is not None:
            _hand_back(*item)

    async def run(self, call: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._calls.put((loop, future, call))
        return await future

    def stop(self) -> None:
        self._calls.put(None)
