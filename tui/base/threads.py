"""Threads for the database calls of the app: daemon threads, so that Ctrl+Q quits at once even
while a save waits out another process's write lock (an unfinished write is rolled back by the
database; the agent is told nothing was saved only if they stay). asyncio's default executor
would not do: its threads are joined at exit, and its few threads fill up behind a held lock."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

from core.floor import retried

T = TypeVar("T")


def start(
    node: DOMNode, work: Callable[[], Awaitable[object]], name: str, group: str, exclusive: bool = False
) -> Worker[Any]:
    """node.run_worker for an async function (Textual starts it; a worker cancelled before it
    started leaves no coroutine behind), typed as Textual's stubs want it."""
    worker: Worker[Any] = node.run_worker(work, name=name, group=group, exclusive=exclusive)
    return worker


def _settle(future: asyncio.Future, ok: bool, value: Any) -> None:
    if future.done():  # cancelled meanwhile: nobody waits for it
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


def _hand_back(loop: asyncio.AbstractEventLoop, future: asyncio.Future, call: Callable[[], Any]) -> None:
    try:
        ok, value = True, retried(call)  # a write that collided on a server runs again
    except BaseException as error:  # noqa: BLE001 (handed to the awaiting side, raised there)
        ok, value = False, error
    try:
        loop.call_soon_threadsafe(_settle, future, ok, value)
    except RuntimeError:
        pass  # the app's loop has closed: nobody is left to tell


async def in_thread(call: Callable[[], T]) -> T:
    """call() on one of the app's database threads; its result (or its error) here."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    _POOL.submit((loop, future, call))
    return await future


_Call = tuple[asyncio.AbstractEventLoop, asyncio.Future, Callable[[], Any]]


class OneThread:
    """One daemon thread that runs the calls given to it in order: for a question that must be
    asked on the same connection each time (peewee keeps one per thread). With idle, it also
    calls idle() itself whenever `every` seconds pass without a call: a poll that costs the
    event loop nothing until it has something to say."""

    def __init__(self, name: str, idle: Callable[[], object] | None = None, every: float = 0.5) -> None:
        self._calls: queue.SimpleQueue[
            tuple[asyncio.AbstractEventLoop, asyncio.Future, Callable[[], Any]] | None
        ]
        self._calls = queue.SimpleQueue()
        self._idle, self._every = idle, every
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                item = self._calls.get(timeout=self._every) if self._idle else self._calls.get()
            except queue.Empty:
                assert self._idle is not None
                self._idle()
                continue
            if item is None:
                return
            _hand_back(*item)

    async def run(self, call: Callable[[], T]) -> T:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._calls.put((loop, future, call))
        return await future

    def stop(self) -> None:
        self._calls.put(None)


class ThreadPool:
    """Daemon threads that stay: each keeps its database connection (peewee keeps one per
    thread), so a call does not pay for a new connection, its schema read and a cold page
    cache. A call that finds every thread busy (saves waiting out a held lock) starts another,
    so reads never queue behind blocked writes; the pool keeps at most `most` threads."""

    def __init__(self, most: int = 16) -> None:
        self._calls: queue.SimpleQueue[_Call] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads = 0
        self._idle = 0
        self._most = most

    def submit(self, call: _Call) -> None:
        with self._lock:
            start = self._idle == 0 and self._threads < self._most
            if start:
                self._threads += 1
            else:
                self._idle -= 1  # this call takes an idle thread
        self._calls.put(call)
        if start:
            threading.Thread(target=self._serve, name=f"floor-call-{self._threads}", daemon=True).start()

    def _serve(self) -> None:
        while True:
            _hand_back(*self._calls.get())
            with self._lock:
                self._idle += 1


_POOL = ThreadPool()
"""The process's database threads (one app per process)."""
