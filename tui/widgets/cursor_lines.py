"""A short list drawn line by line with a cursor (the floor screen's two lists): the owner
hands it its lines already put into words and cut to their columns (Drawn), so a list shown
again repaints only the lines whose words or looks changed. Headings (a Drawn without a key)
are passed by the cursor. Text is drawn as it is, never read as markup."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.text.cells import cell


@dataclass(frozen=True)
class Drawn:
    """One line: its cells (text already cut to its column, with a component class of the list
    or None) and, for a line the cursor stops on, the key that names what it shows."""

    cells: tuple[tuple[str, str | None], ...]
    key: object | None = None
    """None: a heading, passed by the cursor."""
    look: str | None = None
    """A component class for the whole line (a heading's)."""


BLANK = Drawn(())
"""An empty line (the cursor passes it by)."""
WALL_HEIGHT = 40
"""A screen at least this tall (and wide: the lists' own WIDE) is read from across a room: the
lists leave a blank line between their rows."""


class CursorLines(ScrollView, can_focus=True):
    """The lines under a fixed heading line (header); the cursor stands on a keyed line."""

    COMPONENT_CLASSES = {
        "cursor-lines--header",
        "cursor-lines--cursor",
        "cursor-lines--section",
        "cursor-lines--muted",
        "cursor-lines--online",
        "cursor-lines--away",
        "cursor-lines--alarm",
        "cursor-lines--warning",
        "cursor-lines--error",
        "cursor-lines--red",
        "cursor-lines--yellow",
        "cursor-lines--green",
    }
    DEFAULT_CSS = """
    CursorLines { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    CursorLines > .cursor-lines--header { text-style: bold; background: $panel; }
    CursorLines > .cursor-lines--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    CursorLines:blur > .cursor-lines--cursor { background: $panel; }
    CursorLines > .cursor-lines--section { color: $accent; text-style: bold; }
    CursorLines > .cursor-lines--muted { color: $foreground-muted; }
    CursorLines > .cursor-lines--online { color: $success; text-style: bold; }
    CursorLines > .cursor-lines--away { color: $foreground-muted; }
    CursorLines > .cursor-lines--alarm { color: $warning; text-style: bold; }
    CursorLines > .cursor-lines--warning { color: $warning; text-style: bold; }
    CursorLines > .cursor-lines--error { color: $error; text-style: bold; }
    CursorLines > .cursor-lines--red { color: $error; text-style: bold; }
    CursorLines > .cursor-lines--yellow { color: $warning; }
    CursorLines > .cursor-lines--green { color: $success; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """The index of the line the cursor stands on (a keyed one, when there is one)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.header: Drawn | None = None
        """The heading line kept on top (None: the lines start at the top)."""
        self.lines: tuple[Drawn, ...] = ()
        self._styles: dict[str, Style] | None = None
        self._strips: dict[tuple[object, ...], Strip] = {}

    # what is shown -------------------------------------------------------------------------
    @property
    def inner_width(self) -> int:
        return self.scrollable_content_region.width

    @property
    def _top(self) -> int:
        """Lines the heading takes."""
        return 1 if self.header is not None else 0

    def show_lines(self, lines: Sequence[Drawn], header: Drawn | None = None, keep: object = None) -> None:
        """Draw these lines; the cursor stays on the line with the key keep (else on the same
        place). Only lines whose words or looks changed are repainted."""
        lines = tuple(lines)
        before, old_header = self.lines, self.header
        self.lines, self.header = lines, header
        keys = [line.key for line in lines]
        if keep is not None and keep in keys:
            target = keys.index(keep)
        else:
            target = self._nearest(min(self.cursor, max(len(lines) - 1, 0)))
        self.virtual_size = Size(self.inner_width, len(lines) + self._top)
        if len(before) != len(lines) or header != old_header:
            self.refresh()
        else:
            for number, (old, new) in enumerate(zip(before, lines, strict=True)):
                if old != new:
                    self._refresh_number(number)
        if target != self.cursor:
            self.cursor = target
        else:
            self._scroll_to_cursor()

    @property
    def current_key(self) -> object | None:
        if 0 <= self.cursor < len(self.lines):
            return self.lines[self.cursor].key
        return None

    def _nearest(self, index: int) -> int:
        """The keyed line at or after index, else the one before it (0 when none is keyed)."""
        keyed = [i for i, line in enumerate(self.lines) if line.key is not None]
        if not keyed:
            return 0
        after = [i for i in keyed if i >= index]
        return after[0] if after else keyed[-1]

    def spaced(self, wide: int) -> bool:
        """Whether the lists leave a blank line between rows: a wall-sized screen."""
        return self.app.size.height >= WALL_HEIGHT and self.inner_width >= wide

    # the cursor ----------------------------------------------------------------------------
    @property
    def _visible(self) -> int:
        return max(1, self.size.height - self._top)

    def _refresh_number(self, number: int) -> None:
        """Repaint the line with this index, wherever the list is scrolled. ScrollView's
        refresh_line takes a line of the whole (virtual) list and takes the scroll offset off
        itself: the heading above the lines is the only shift to add."""
        self.refresh_line(number + self._top)

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._scroll_to_cursor():
            for number in {old, new}:
                if 0 <= number < len(self.lines):
                    self._refresh_number(number)
        self.cursor_moved()

    def cursor_moved(self) -> None:
        """The cursor stands on another line (the owner's bindings may read differently)."""

    def _scroll_to_cursor(self) -> bool:
        """Bring the cursor's line into view (and the heading above a section's first line);
        True when the list scrolled (and was repainted whole)."""
        line, top = self.cursor, int(self.scroll_offset.y)
        wanted = line - 1 if line > 0 and self.lines and self.lines[line - 1].key is None else line
        if wanted < top:
            self.scroll_to(y=wanted, animate=False, immediate=True)
        elif line >= top + self._visible:
            self.scroll_to(y=line - self._visible + 1, animate=False, immediate=True)
        else:
            return False
        self.refresh()
        return True

    def move(self, step: int) -> None:
        keyed = [i for i, line in enumerate(self.lines) if line.key is not None]
        if not keyed:
            return
        if step > 0:
            later = [i for i in keyed if i > self.cursor]
            self.cursor = later[min(step, len(later)) - 1] if later else self.cursor
        else:
            earlier = [i for i in keyed if i < self.cursor]
            self.cursor = earlier[-min(-step, len(earlier))] if earlier else self.cursor

    def action_move(self, step: int) -> None:
        self.move(step)

    def action_page(self, direction: int) -> None:
        """A screenful of lines (headings and blanks count: moving that many keyed lines
        would skip the ones between). The cursor lands on the farthest keyed line within the
        screenful, not past it: past it (a heading and a blank before the next part) the list
        would scroll by more than a screen and a line would go by unseen."""
        keyed = [i for i, line in enumerate(self.lines) if line.key is not None]
        if not keyed:
            return
        cursor = self.cursor
        target = cursor + direction * max(self._visible - 1, 1)
        if direction > 0:
            within = [i for i in keyed if cursor < i <= target]
            later = [i for i in keyed if i > cursor]
            self.cursor = within[-1] if within else later[0] if later else keyed[-1]
        else:
            within = [i for i in keyed if target <= i < cursor]
            earlier = [i for i in keyed if i < cursor]
            self.cursor = within[0] if within else earlier[-1] if earlier else keyed[0]

    def action_jump(self, end: int) -> None:
        keyed = [i for i, line in enumerate(self.lines) if line.key is not None]
        if keyed:
            self.cursor = keyed[-1] if end < 0 else keyed[0]

    # drawing -------------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.inner_width, len(self.lines) + self._top)

    def on_focus(self) -> None:
        self._strips.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._strips.clear()
        self.refresh()

    def _style(self, name: str) -> Style:
        if self._styles is None:
            whole = {"cursor-lines--header", "cursor-lines--cursor"}
            self._styles = {
                n: self.get_component_rich_style(n, partial=n not in whole) for n in self.COMPONENT_CLASSES
            }
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.inner_width
        base = self.rich_style
        if self.header is not None and y == 0:
            return self._strip(self.header, width, base + self._style("cursor-lines--header"), ("header",))
        number = int(self.scroll_offset.y) + y - self._top
        if not 0 <= number < len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[number]
        selected = number == self.cursor and line.key is not None
        if selected:
            base = base + self._style("cursor-lines--cursor")
        if line.look is not None:
            base = base + self._style(line.look)
        return self._strip(line, width, base, (selected,))

    def _strip(self, line: Drawn, width: int, base: Style, extra: tuple[object, ...]) -> Strip:
        key = (line, width, *extra)
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > 400:
                self._strips.clear()
            segments = [
                Segment(text, base + self._style(look) if look else base) for text, look in line.cells
            ]
            strip = Strip(segments).adjust_cell_length(width, base)
            self._strips[key] = strip
        return strip


def cut(text: str | None, width: int) -> str:
    """text in exactly width cells (inert: control characters shown, never markup)."""
    return cell(text, width)
