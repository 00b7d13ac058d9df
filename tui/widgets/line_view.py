"""A read-only, scrollable list of wrapped lines drawn with the Line API: only the visible
lines are ever turned into segments, so long texts and long timelines cost what a screen does."""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.i18n import ticket as _words  # noqa: F401  (registers the scroll keys' words)

Line = Any
"""Whatever a subclass keeps a line as (text, or a row and part of its text)."""


class LineView(ScrollView, can_focus=True):
    """Subclasses say how their content breaks into lines at a width (lay_out) and how one
    line looks (draw); this class keeps the lines for the current width and scrolls them."""

    BINDINGS = [
        Binding("j", "scroll_down", "lines.key.down", show=False, id="lines.down"),
        Binding("k", "scroll_up", "lines.key.up", show=False, id="lines.up"),
        Binding("space", "page_down", "lines.key.pagedown", show=False, id="lines.pagedown"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._lines: list[Line] = []
        """The content broken into lines at _width cells."""
        self._width = -1
        """The width the lines were laid out for (-1: not yet)."""
        self._heights: dict[tuple[int, int], int] = {}
        """Line counts for widths asked about by layout (height: auto), so each wraps once."""

    def lay_out(self, width: int, limit: int | None = None) -> list[Line]:
        """The content as lines at width cells; with limit, only (about) the first limit lines."""
        raise NotImplementedError

    def draw(self, line: Line, width: int) -> list[Segment]:
        raise NotImplementedError

    def content_changed(self) -> None:
        """Call after the content changed: lines are laid out again, scroll kept where it can be."""
        self._width = -1
        self._heights.clear()
        self._relayout()
        self.refresh(layout=self.styles.height is not None and self.styles.height.is_auto)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Layout only needs to know whether the content fills the viewport: never wrap more.
        key = (width, viewport.height)
        if key not in self._heights:
            self._heights[key] = len(self.lay_out(width, limit=max(1, viewport.height)))
        return self._heights[key]

    def on_resize(self) -> None:
        self._relayout()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Lay out for the width being drawn, so the first paint already shows the content
        # (waiting for the Resize message would cost a second paint).
        self._relayout(repaint=False)
        return super().render_lines(crop)

    def _relayout(self, repaint: bool = True) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._lines = self.lay_out(width)
        virtual_size = Size(width, len(self._lines))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)
        if repaint:
            self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        base = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = Strip(self.draw(self._lines[index], width))
        return strip.apply_style(base).adjust_cell_length(width, base)
