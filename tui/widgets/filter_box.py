"""The queue's filter box, safe for fast typists.

A key is queued for whichever widget had focus when it arrived. After Enter the box hands
focus back to the list, but keys typed right behind the Enter are already queued here;
they were meant for the list, so they are passed on to it instead of being typed in.
(The queue screen does the same the other way round for keys typed right after "/".)
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FilterBox(Input):
    def __init__(self, on_done, **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_done = on_done
        """Called on Enter: the screen hands focus back to the list."""

    submitted = False
    """True from Enter until the box is focused again: keys arriving now belong to the list."""

    def on_focus(self, event: events.Focus) -> None:
        self.submitted = False  # Input's own focus handling runs after this (base classes' handlers)

    async def on_key(self, event: events.Key) -> None:
        if self.submitted:
            event.stop()
            event.prevent_default()
            self.app.simulate_key(event.key)
            return
        if event.key == "enter":
            # Handled here, not by the binding: bindings run only after the key has bubbled
            # up to the App, by which time the next keys may already be typed into the box.
            event.stop()
            event.prevent_default()
            self.submitted = True
            self.on_done()  # synchronously: the list takes the very next key
            return
        # any other key: Input's own key handler runs after this one and types it
