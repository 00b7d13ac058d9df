"""Textual's terminal driver, with an input thread that sleeps until there is input.

Textual's LinuxDriver reads the keyboard on a thread that wakes ten times a second whether or
not a key came, to time out an escape sequence left half-typed (a lone Esc). That costs an idle
session 0.1% of a core, and two hundred sessions on one floor host a fifth of a core for
nothing (issue 15). This driver's thread waits for input, for the parser's own timeout when a
sequence is half-read, or for the app to stop reading (a pipe wakes it): the same keys, the
same timing, no wake-ups in between.

Everything else is Textual's. run_input_thread is Textual 8.2's own, with the wait changed;
tests/test_textual_internals.py names the parser's private _timeout_time this reads.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from threading import Event
from typing import Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver

ESCAPE_CHECK = 0.1
"""Textual's own wait while a sequence is half-read (its parser's timeout is checked then)."""


class QuietInput:
    """Mixed into the apps (before App): Textual's LinuxDriver becomes QuietLinuxDriver; any
    other driver (the tests' headless one, a browser's, TEXTUAL_DRIVER's) stays."""

    def get_driver_class(self) -> type[Driver]:
        chosen: type[Driver] = super().get_driver_class()  # type: ignore[misc]
        return QuietLinuxDriver if chosen is LinuxDriver else chosen


class _WakingEvent(Event):
    """The driver's exit_event: setting it also wakes the input thread from its wait."""

    def __init__(self, wake: int) -> None:
        super().__init__()
        self._wake = wake

    def set(self) -> None:
        super().set()
        try:
            os.write(self._wake, b"x")
        except OSError:
            pass  # the pipe is closed: the thread has ended already


class QuietLinuxDriver(LinuxDriver):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._woken, wake = os.pipe()
        os.set_blocking(self._woken, False)
        self.exit_event = _WakingEvent(wake)

    def _drain_wake(self) -> None:
        try:
            while os.read(self._woken, 512):
                pass
        except (BlockingIOError, OSError):
            pass

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's, but waiting only as long as needed)."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        self._drain_wake()  # a wake left from the last stop (a suspend and resume)
        selector.register(self._woken, selectors.EVENT_READ)

        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ

        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick

        utf8_decoder = getincrementaldecoder("utf-8")().decode
        decode = utf8_decoder
        read = os.read

        def wait() -> float | None:
            """Until input, or until the half-read sequence's timeout is due (None: no limit)."""
            due = parser._timeout_time
            if due is None:
                return None
            return min(ESCAPE_CHECK, max(0.0, due - get_time()))

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]],
            final: bool = False,
        ) -> None:
            keys = [(key, mask) for key, mask in selector_events if key.fd == fileno]
            if len(keys) != len(selector_events):
                self._drain_wake()
            for last, (_selector_key, mask) in loop_last(keys):
                if mask & EVENT_READ:
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        # This can occur if the stdin is piped
                        break
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(wait()))
            selector.unregister(self.fileno)
            process_selector_events(selector.select(ESCAPE_CHECK), final=True)

        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
