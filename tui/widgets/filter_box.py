"""The queue's filter box: Enter applies the filter and hands focus back to the list. Keys
typed right behind Enter wait their turn in the app's line (tui/type_ahead.py), so they reach
the list, not the box."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class FilterBox(Input):
    def __init__(self, on_done, **kwargs) -> None:
        super().__init__(**kwargs)
        self.on_done = on_done
        """Called on Enter: the screen applies the filter and hands focus back to the list."""

    async def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.on_done()
        # any other key: Input's own key handler runs after this one and types it
