"""The open callbacks as a table in sections (a supervisor's own low-score follow-ups, overdue,
due today, upcoming: core.callbacks.listing), drawn line
by line: a section heading, then its rows. Customer text goes through cells.cell (inert,
cut by terminal cells), never through markup; the phone is always masked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.basics import mask_phone
from core.callbacks import CallbackView, group_label
from tui.i18n import callbacks as _words  # noqa: F401  (registers the table's words)
from tui.i18n import language, tr
from tui.text.cells import cell
from tui.text.floor_time import floor_time

WHEN = ("yours", "overdue", "today", "upcoming")
"""The sections, in the order core sorts and the table shows them."""
URGENT = ("yours", "overdue")
"""Sections whose heading stands out."""
WIDE = 100
"""From this many columns: the masked phone gets its own column and groups their full names."""


@dataclass(frozen=True)
class Column:
    key: str  # the value's name; the heading is callbacks.col.<key>
    width: int


@lru_cache(maxsize=8)
def layout(width: int) -> tuple[Column, ...]:
    """The columns for the width; the customer's name takes the room the others leave."""
    group, owner = 10, 6
    extra: list[Column] = []
    if width >= WIDE:
        spare = width - WIDE
        group, owner = 16 + spare // 6, 8 + spare // 10
        extra = [Column("phone", 11)]
    before = [Column("mark", 1), Column("due", 11), Column("group", group)]
    after = [*extra, Column("ticket", 7), Column("owner", owner), Column("attempts", 4), Column("call", 11)]
    used = sum(c.width + 1 for c in before + after)
    return (*before, Column("customer", max(8, width - used - 1)), *after)


@dataclass(frozen=True)
class Line:
    """One line under the heading: a section's title (row is None) or a callback's row."""

    when: str
    row: int | None = None
    count: int = 0


def group_words(group: str, width: int) -> str:
    """The group's name in the current language; its short name when the full one does not fit."""
    found = group_label(group)
    full = found.name(language()) if found else group
    short = tr(f"callbacks.group.short.{group}")
    return full if cell_len(full) <= width or short.startswith("[") else short


class CallbackTable(ScrollView, can_focus=True):
    """A cursor over the callbacks (section headings are skipped); Enter opens the call."""

    BINDINGS = [
        Binding("down,j", "move(1)", "callbacks.key.down", show=False, id="callbacks.down"),
        Binding("up,k", "move(-1)", "callbacks.key.up", show=False, id="callbacks.up"),
        Binding("pagedown,space", "page(1)", "callbacks.key.pagedown", show=False, id="callbacks.pagedown"),
        Binding("pageup", "page(-1)", "callbacks.key.pageup", show=False, id="callbacks.pageup"),
        Binding("home", "jump(0)", "callbacks.key.top", show=False, id="callbacks.top"),
        Binding("end,G", "jump(-1)", "callbacks.key.bottom", show=False, id="callbacks.bottom"),
        Binding("enter", "open", "callbacks.key.open", id="callbacks.open"),
    ]
    COMPONENT_CLASSES = {
        "callback-table--header",
        "callback-table--cursor",
        "callback-table--section",
        "callback-table--section-overdue",
        "callback-table--overdue",
        "callback-table--high",
        "callback-table--muted",
        "callback-table--empty",
    }
    DEFAULT_CSS = """
    CallbackTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    CallbackTable > .callback-table--header { text-style: bold; background: $panel; }
    CallbackTable > .callback-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    CallbackTable:blur > .callback-table--cursor { text-style: reverse; background: $panel; }
    CallbackTable > .callback-table--section { color: $accent; text-style: bold; }
    CallbackTable > .callback-table--section-overdue { color: $error; text-style: bold; }
    CallbackTable > .callback-table--overdue { color: $error; text-style: bold; }
    CallbackTable > .callback-table--high { color: $error; text-style: bold; }
    CallbackTable > .callback-table--muted { color: $foreground-muted; }
    CallbackTable > .callback-table--empty { color: $foreground-muted; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """The index of the current callback in rows (not a line number)."""

    class Opened(Message):
        """Enter on a callback."""

        def __init__(self, callback: CallbackView) -> None:
            self.callback = callback
            super().__init__()

    class Moved(Message):
        """The cursor now stands on another callback (None: the list is empty)."""

        def __init__(self, callback: CallbackView | None) -> None:
            self.callback = callback
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: tuple[CallbackView, ...] = ()
        """The callbacks shown, in core's order (overdue, today, upcoming)."""
        self.whens: tuple[str, ...] = ()
        """Each row's section, worked out with the clock of the last show()."""
        self.lines: tuple[Line, ...] = ()
        """What is drawn under the heading: sections and rows."""
        self.empty_text = ""
        """Shown instead of rows when there are none (a friendly word, not an error)."""
        self._line_of: list[int] = []
        self._tz: tzinfo = UTC
        self._today = date.min
        self._now = datetime.min.replace(tzinfo=UTC)
        """The floor's zone and day at the last show(), which the due times are read in; rows
        are drawn only after a show(), so these first values are never read."""
        self._strips: dict[tuple[int, bool, int], Strip] = {}
        self._style_cache: dict[str, Style] | None = None
        self._shown: tuple | None = None

    # data ---------------------------------------------------------------------------------
    def show(
        self, rows: list[CallbackView], now: datetime, tz: tzinfo, empty_text: str, keep_id: int | None = None
    ) -> None:
        """Draw these callbacks; the cursor stays on keep_id's row while it is listed, else on
        the same index (the next one when the row under it went away)."""
        whens = [row.when(now, tz) for row in rows]
        waiting = tuple(row.due_from > now for row in rows)  # not callable yet: "from ..." shows
        shown = (tuple(rows), tuple(whens), waiting, now.astimezone(tz).date(), empty_text, self._width)
        if shown == self._shown:
            return  # nothing on screen would change: no repaint (it costs bytes over SSH)
        self._shown = shown
        self._tz, self._today, self._now = tz, now.astimezone(tz).date(), now
        order = [i for when in WHEN for i, w in enumerate(whens) if w == when]  # core's order within each
        self.rows = tuple(rows[i] for i in order)
        self.whens = tuple(whens[i] for i in order)
        lines: list[Line] = []
        line_of: list[int] = []
        for index, when in enumerate(self.whens):
            if not lines or lines[-1].when != when:
                lines.append(Line(when, None, self.whens.count(when)))
            line_of.append(len(lines))
            lines.append(Line(when, index))
        self.lines = tuple(lines)
        self._line_of = line_of
        self.empty_text = empty_text
        self._strips.clear()
        ids = [row.id for row in self.rows]
        target = ids.index(keep_id) if keep_id in ids else self.cursor
        self.virtual_size = Size(self._width, max(len(self.lines), 1) + 1)
        self.cursor = max(0, min(target, len(self.rows) - 1))
        self.refresh()

    @property
    def current(self) -> CallbackView | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    @property
    def _width(self) -> int:
        return self.scrollable_content_region.width

    # cursor -------------------------------------------------------------------------------
    @property
    def _visible_lines(self) -> int:
        return max(1, self.size.height - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        if self._line_of and 0 <= new < len(self._line_of):
            line = self._line_of[new]
            # The first row of a section brings its heading into view with it.
            top_needed = line - 1 if line and self.lines[line - 1].row is None else line
            top = int(self.scroll_offset.y)
            if top_needed < top:
                self.scroll_to(y=top_needed, animate=False, immediate=True)
                self.refresh()
            elif line >= top + self._visible_lines:
                self.scroll_to(y=line - self._visible_lines + 1, animate=False, immediate=True)
                self.refresh()
            else:
                # Only the two rows whose highlight changed: over SSH every cell costs bytes.
                if 0 <= old < len(self._line_of):
                    self.refresh_line(self._line_of[old] - top + 1)
                self.refresh_line(line - top + 1)
        self.post_message(self.Moved(self.current))

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(self.cursor + step, len(self.rows) - 1))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self._visible_lines)

    def action_jump(self, index: int) -> None:
        if self.rows:
            self.cursor = len(self.rows) - 1 if index < 0 else index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is offered on a call core would begin now (the screen says which)."""
        if action == "open":
            may_open = getattr(self.screen, "may_open", None)
            return self.current is not None and (may_open is None or may_open(self.current))
        return True

    def action_open(self) -> None:
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row))

    # drawing ------------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache = None
        self._strips.clear()

    def on_resize(self) -> None:
        self._strips.clear()
        self.virtual_size = Size(self._width, max(len(self.lines), 1) + 1)

    def _styles(self) -> dict[str, Style]:
        whole = {"callback-table--header", "callback-table--cursor"}
        return {
            name: self.get_component_rich_style(name, partial=name not in whole)
            for name in self.COMPONENT_CLASSES
        }

    def render_line(self, y: int) -> Strip:
        width = self._width
        columns = layout(width)
        if self._style_cache is None:
            self._style_cache = self._styles()
        styles = self._style_cache
        if y == 0:
            text = " ".join(cell(tr(f"callbacks.col.{c.key}"), c.width) for c in columns)
            return Strip([Segment(cell(text, width), styles["callback-table--header"])])
        number = int(self.scroll_offset.y) + y - 1
        base = self.rich_style
        if not self.lines:
            if number == 0 and self.empty_text:
                return Strip(
                    [Segment(cell(" " + self.empty_text, width), base + styles["callback-table--empty"])]
                )
            return Strip.blank(width, base)
        if not 0 <= number < len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[number]
        key = (number, line.row is not None and line.row == self.cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            if line.row is None:
                look = "callback-table--section-overdue" if line.when in URGENT else "callback-table--section"
                words = tr("callbacks.section", when=tr(f"callbacks.when.{line.when}"), count=line.count)
                strip = Strip([Segment(cell(words, width), base + styles[look])])
            else:
                if line.row == self.cursor:
                    base = base + styles["callback-table--cursor"]
                strip = Strip(self._segments(line.row, columns, base)).crop(0, width)
            self._strips[key] = strip
        return strip

    def _segments(self, index: int, columns: tuple[Column, ...], base: Style) -> list[Segment]:
        row, when = self.rows[index], self.whens[index]
        styles = self._style_cache or {}
        tz, today = self._tz, self._today
        values = {
            "mark": (tr("callbacks.high") if row.priority == "high" else "", "callback-table--high"),
            "due": (
                due_text(row.due_by, tz, today),
                "callback-table--overdue" if when == "overdue" else None,
            ),
            "group": (groups_words(row, _width_of(columns, "group")), None),
            "customer": (row.customer_name, None),
            "phone": (mask_phone(row.customer_phone), None),
            "ticket": (row.ticket_ref or "", None),
            "owner": (row.owner or tr("unowned"), None),
            "attempts": (str(row.attempts) if row.attempts else "", None),
            "call": (
                call_text(row, tz, today, self._now),
                "callback-table--muted" if when == "upcoming" else None,
            ),
        }
        segments = []
        for column in columns:
            text, component = values[column.key]
            style = base + styles[component] if component else base
            segments.append(Segment(cell(text, column.width), style))
            segments.append(Segment(" ", base))
        used = sum(c.width + 1 for c in columns)
        segments.append(Segment(" " * max(0, self._width - used), base))
        return segments

    def tick(self) -> None:
        self._strips.clear()
        self.refresh()


def groups_words(row: CallbackView, width: int) -> str:
    """The first purpose's group, and how many more this call covers ("Resolved +2"). The count
    always shows: when the name does not fit beside it (80 columns: "Resolved+2"), the space
    goes, then the name is cut ("已解决…+2")."""
    more = len(row.purposes) - 1
    if more <= 0:
        return group_words(row.group, width)
    for tail in (f" +{more}", f"+{more}"):
        room = max(1, width - len(tail))
        name = group_words(row.group, room)
        if cell_len(name) <= room:
            return name + tail
    return set_cell_size(name, max(0, room - 1)).rstrip() + "…" + tail


def _width_of(columns: tuple[Column, ...], key: str) -> int:
    return next(c.width for c in columns if c.key == key)


def due_text(at: datetime, tz: tzinfo, today: date) -> str:
    """Today: "today 15:30" (今天 15:30); another day: its date, "11-24"."""
    local = at.astimezone(tz)
    if local.date() == today:
        return tr("callbacks.today", time=local.strftime("%H:%M"))
    return local.strftime("%m-%d")


def call_text(row: CallbackView, tz: tzinfo, today: date, now: datetime) -> str:
    """When to ring: a routine call held by a low score, the follow-up it waits for; the time
    the customer asked for (busy); for a callback whose window has not opened, from when (it
    cannot be begun before); else the customer's preferred hours."""
    if row.held_by is not None:
        return tr("callbacks.held", id=row.held_by)
    if row.call_after is not None:
        return floor_time(row.call_after, tz, today)
    if row.due_from > now:
        opens = row.due_from.astimezone(tz)
        return tr("callbacks.from", date=opens.strftime("%H:%M" if opens.date() == today else "%m-%d"))
    return row.preferred_call_time or ""
