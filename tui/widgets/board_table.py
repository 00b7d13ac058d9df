"""The board's rows: one page of open handoffs drawn line by line (Line API).

A wall screen ticks all day, often over SSH, so a tick repaints only the countdown
characters that changed; a row is redrawn whole only when its colour or marks change."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from functools import lru_cache
from typing import Callable

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.message import Message
from textual.renderables.digits import Digits
from textual.strip import Strip
from textual.widget import Widget

from core.board import countdown, page_at, page_count
from core.handoffs import HandoffClock, HandoffView
from tui.i18n import tr
from tui.widgets.cells import cell, right_cell
from tui.widgets.floor_time import floor_time

BIG_WIDTH = 200
"""From this many columns the countdowns are drawn in 3-line digits, readable across a room."""
WIDE = 120
"""From this many columns: stage words, the deadline and the marks spelled out."""


@dataclass(frozen=True)
class Look:
    """What a tick can change about a row."""

    colour: str  # green | yellow | red | overdue
    stuck: bool
    sync_late: bool
    countdown: str

    @classmethod
    def of(cls, clock: HandoffClock) -> "Look":
        return cls(clock.colour, clock.stuck, clock.sync_late, countdown(clock.left))


@dataclass(frozen=True)
class Column:
    key: str  # i18n key of the heading, and the name of the value
    width: int


@lru_cache(maxsize=8)
def layout(width: int, big: bool) -> tuple[Column, ...]:
    """Columns for the width; what is needed takes the room the others leave."""
    if width >= WIDE:
        extra = (width - WIDE) // 10
        before = [Column("ref", 8), Column("department", 12 + extra), Column("customer", 12 + extra)]
        after = [Column("stages", 44), Column("due", 11), Column("flags", 12), Column("left", 21 if big else 7)]
    else:
        before = [Column("ref", 8), Column("department", 10), Column("customer", 10)]
        after = [Column("stages", 17), Column("flags", 2), Column("left", 6)]
    used = sum(c.width + 1 for c in before + after) + 1
    return tuple(before + [Column("need", max(8, width - used))] + after)


def big_lines(text: str, bold: bool) -> list[str]:
    """text in Textual's 3x3 digits, as three lines of equal width."""
    lines, current = [], []
    for segment in Digits(text).render(Style(bold=bold)):
        if segment.text == "\n":
            lines.append("".join(current))
            current = []
        else:
            current.append(segment.text)
    width = Digits.get_width(text)
    return [line.ljust(width) for line in lines]


class BoardTable(Widget):
    COMPONENT_CLASSES = {
        "board-table--header", "board-table--green", "board-table--yellow", "board-table--red",
        "board-table--overdue", "board-table--flag", "board-table--empty",
    }
    DEFAULT_CSS = """
    BoardTable { height: 1fr; }
    BoardTable > .board-table--header { text-style: bold; background: $panel; }
    BoardTable > .board-table--green { color: $success; }
    BoardTable > .board-table--yellow { color: $warning; }
    BoardTable > .board-table--red { color: $error; text-style: bold; }
    BoardTable > .board-table--overdue { color: $error; text-style: bold reverse; }
    BoardTable > .board-table--flag { color: $accent; text-style: bold reverse; }
    BoardTable > .board-table--empty { color: $foreground-muted; }
    """

    def __init__(self, tz: tzinfo, department_name: Callable[[str], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self._tz = tz
        self._department_name = department_name  # the directory's id -> its name in the current language
        self._rows: tuple[HandoffView, ...] | None = None  # None: nothing read yet
        self._looks: list[Look] = []
        self._today: date | None = None
        self.page = 0
        self.pages = 1
        self._styles: dict[str, Style] | None = None
        self._now: datetime | None = None  # of the last picture or tick

    class Repaged(Message):
        """The size changed, and with it the number of pages."""

    # what is shown --------------------------------------------------------------------------
    @property
    def big(self) -> bool:
        return self.size.width >= BIG_WIDTH

    @property
    def row_height(self) -> int:
        return 3 if self.big else 1

    @property
    def per_page(self) -> int:
        return max(1, (self.size.height - 1) // self.row_height)

    def show(self, rows: tuple[HandoffView, ...], clocks: list[HandoffClock], now: datetime) -> None:
        """A new picture from the database: everything is drawn again."""
        self._rows = rows
        self._looks = [Look.of(clock) for clock in clocks]
        self._today = now.astimezone(self._tz).date()
        self._turn_page(now)
        self.refresh()

    def tick(self, clocks: list[HandoffClock], now: datetime) -> None:
        """The clock moved: turn the page when its time has come, else repaint what changed."""
        looks = [Look.of(clock) for clock in clocks]
        if len(looks) != len(self._looks) or self._turn_page(now):
            self._looks = looks
            self.refresh()
            return
        first = self.page * self.per_page
        for index in range(first, min(first + self.per_page, len(looks))):
            old, new = self._looks[index], looks[index]
            if old == new:
                continue
            y = 1 + (index - first) * self.row_height
            if (old.colour, old.stuck, old.sync_late) != (new.colour, new.stuck, new.sync_late):
                self.refresh(Region(0, y, self.size.width, self.row_height))
            else:
                self.refresh(self._changed(old.countdown, new.countdown, y))
        self._looks = looks

    def _turn_page(self, now: datetime) -> bool:
        self._now = now
        self.pages = page_count(len(self._rows), self.per_page)
        page = page_at(now, self.pages)
        turned = page != self.page
        self.page = page
        return turned

    def _changed(self, old: str, new: str, y: int) -> Region:
        """The cells of the countdown that differ (right-aligned in its column)."""
        columns = layout(self.size.width, self.big)
        left = columns[-1]
        x = 1 + sum(c.width + 1 for c in columns[:-1])  # the row's leading space, then each column and its gap
        if self.big:
            return Region(x, y, left.width, 3)
        before, after = right_cell(old, left.width), right_cell(new, left.width)
        changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b] or [0]
        return Region(x + changed[0], y, changed[-1] - changed[0] + 1, 1)

    def on_resize(self) -> None:
        if self._now is not None:
            self._turn_page(self._now)
        self.post_message(self.Repaged())
        self.refresh()

    # drawing ----------------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def _style(self, name: str) -> Style:
        if self._styles is None:
            whole = {"board-table--header"}
            self._styles = {n: self.get_component_rich_style(n, partial=n not in whole)
                            for n in self.COMPONENT_CLASSES}
        return self._styles[name]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        columns = layout(width, self.big)
        base = self.rich_style
        if y == 0:
            heading = " ".join((right_cell if c.key == "left" else cell)(self._heading(c), c.width) for c in columns)
            return Strip([Segment(cell(" " + heading, width), base + self._style("board-table--header"))], width)
        if self._rows is None:
            return Strip.blank(width, base)
        if not self._rows:
            text = tr("board.empty") if y == 2 else ""
            return Strip([Segment(cell(" " + text, width), base + self._style("board-table--empty"))], width)
        index = self.page * self.per_page + (y - 1) // self.row_height
        line = (y - 1) % self.row_height
        if (y - 1) // self.row_height >= self.per_page or index >= len(self._rows):
            return Strip.blank(width, base)
        # The last column's gap runs one cell past the edge: crop by the measured length.
        return Strip(self._segments(self._rows[index], self._looks[index], columns, line, base)).crop(0, width)

    def _heading(self, column: Column) -> str:
        if column.key == "flags" and column.width < 6:
            return ""  # the marks are one character each there: ! stuck, S not synced
        if column.key == "stages" and column.width < 40:
            return tr("board.col.stages.short")
        return tr(f"board.col.{column.key}")

    def _segments(self, row: HandoffView, look: Look, columns: tuple[Column, ...], line: int,
                  base: Style) -> list[Segment]:
        colour = base + self._style(f"board-table--{'red' if look.colour == 'overdue' else look.colour}")
        middle = line == (self.row_height - 1) // 2  # big rows put their words on the middle line
        segments = [Segment(" ", base)]
        for column in columns:
            if column.key == "left":
                segments.append(self._countdown(look, column.width, line, base))
            elif column.key == "flags":
                segments.append(self._flags(look, column.width, base) if middle else Segment(" " * column.width, base))
            else:
                text = self._text(row, column) if middle else ""
                segments.append(Segment(cell(text, column.width), colour))
            segments.append(Segment(" ", base))
        return segments

    def _text(self, row: HandoffView, column: Column) -> str:
        key = column.key
        if key == "stages":
            return self._stages(row, short=column.width < 40)
        if key == "due":
            return floor_time(row.due_at, self._tz, self._today)
        if key == "department":
            return self._department_name(row.department)
        if key == "customer":
            return row.customer_name
        if key == "need":
            return row.need
        return row.ref

    def _stages(self, row: HandoffView, short: bool) -> str:
        """10:00 sent → 11:30 answered → … (short: 10:00→11:30→…)."""
        reached = [(at, stage) for at, stage in ((row.sent_at, "sent"), (row.answered_at, "answered"),
                                                  (row.synced_at, "synced")) if at is not None]
        times = [(floor_time(at, self._tz, self._today), stage) for at, stage in reached]
        parts = [t for t, _ in times] if short else [f"{t} {tr(f'board.stage.{s}')}" for t, s in times]
        if len(reached) < 3:
            parts.append(tr("board.pending"))
        return ("→" if short else " → ").join(parts)

    def _flags(self, look: Look, width: int, base: Style) -> Segment:
        suffix = ".short" if width < 6 else ""
        words = [tr(f"board.flag.{name}{suffix}") for name, on in (("stuck", look.stuck), ("sync_late", look.sync_late)) if on]
        text = ("" if suffix else " ").join(words)
        return Segment(cell(text, width), base + self._style("board-table--flag") if words else base)

    def _countdown(self, look: Look, width: int, line: int, base: Style) -> Segment:
        name = "overdue" if look.colour == "overdue" else look.colour
        style = base + self._style(f"board-table--{name}")
        if self.big:
            text = big_lines(look.countdown, bold=True)[line]
        elif line:
            text = ""
        else:
            text = look.countdown
        return Segment(right_cell(text, width), style)
