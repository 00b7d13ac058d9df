"""The board's rows: one page of open handoffs drawn line by line (Line API).

A wall screen ticks all day, often over SSH, so a tick repaints only the countdown
characters that changed; a row is redrawn whole only when its colour or marks change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import cast

from rich.segment import Segment
from rich.style import Style
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from core.handoffs import HandoffClock, HandoffView, countdown, page_at, page_count
from tui.i18n import language, tr
from tui.text.block_font import HEIGHT, block_lines, block_width
from tui.text.cells import cell, right_cell
from tui.text.floor_time import floor_time
from tui.text.wrap import wrap
from tui.widgets.board_columns import BIG_WIDTH, Column, layout

STRIPS_KEPT = 600
"""Drawn lines kept per side (a few pages' worth; past it the cache starts again)."""


@dataclass(frozen=True)
class Look:
    """What a tick can change about a row."""

    colour: str  # green | yellow | red | overdue
    stuck: bool
    sync_late: bool
    countdown: str

    @classmethod
    def of(cls, clock: HandoffClock) -> Look:
        return cls(clock.colour, clock.stuck, clock.sync_late, countdown(clock.left))


class BoardTable(Horizontal):
    """The rows: their words on the left, their countdowns in a widget of their own on the
    right. Textual repaints a line from a widget's left edge to the last changed cell, so
    only a separate countdown widget keeps a tick down to a few cells a row."""

    COMPONENT_CLASSES = {
        "board-table--header",
        "board-table--green",
        "board-table--yellow",
        "board-table--red",
        "board-table--overdue",
        "board-table--flag",
        "board-table--empty",
        "board-table--band-green",
        "board-table--band-yellow",
        "board-table--band-red",
        "board-table--band-overdue",
        "board-table--tile-overdue",
    }
    DEFAULT_CSS = """
    BoardTable { height: 1fr; }
    BoardTable > RowWords { width: 1fr; }
    BoardTable > Countdowns { width: 7; }
    BoardTable.-big > Countdowns { width: 24; }
    BoardTable > .board-table--header { text-style: bold; background: $panel; }
    BoardTable > .board-table--green { color: $success; }
    BoardTable > .board-table--yellow { color: $warning; }
    BoardTable > .board-table--red { color: $error; text-style: bold; }
    BoardTable > .board-table--overdue { color: $error; text-style: bold reverse; }
    BoardTable > .board-table--flag { color: $accent; text-style: bold reverse; }
    BoardTable > .board-table--empty { color: $foreground-muted; }
    /* a wall's department band: bold light text on the row's colour, dimmed, so a bright
       block stays the sign of an overdue row */
    BoardTable > .board-table--band-green { background: $success-muted; }
    BoardTable > .board-table--band-yellow { background: $warning-muted; }
    BoardTable > .board-table--band-red { background: $error-muted; }
    BoardTable > .board-table--band-overdue { background: $error; }
    BoardTable > .board-table--band-green, BoardTable > .board-table--band-yellow,
    BoardTable > .board-table--band-red, BoardTable > .board-table--band-overdue {
        color: $foreground; text-style: bold;
    }
    /* an overdue countdown in block letters: light on red (inverse would turn the letters
       into their own negative) */
    BoardTable > .board-table--tile-overdue { color: $foreground; background: $error; }
    """

    class Repaged(Message):
        """The size changed, and with it the number of pages."""

    def __init__(self, tz: tzinfo, department_name: Callable[[str], str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.tz = tz
        self.department_name = department_name
        """The directory's id -> its name in the current language."""
        self.rows: tuple[HandoffView, ...] | None = None
        """None until the first picture: nothing is drawn rather than "no handoffs"."""
        self.looks: list[Look] = []
        self.today = date.min
        """The floor's day at the last picture (its times show without a date); set with the rows."""
        self.page = 0
        self.pages = 1
        self._styles: dict[str, Style] | None = None
        self._now: datetime | None = None  # of the last picture or tick

    def compose(self) -> ComposeResult:
        yield RowWords()
        yield Countdowns()

    # what is shown --------------------------------------------------------------------------
    @property
    def big(self) -> bool:
        return self.size.width >= BIG_WIDTH

    @property
    def row_height(self) -> int:
        return HEIGHT if self.big else 1

    def columns(self, words_width: int) -> tuple[Column, ...]:
        return layout(words_width, self.size.width)

    @property
    def per_page(self) -> int:
        return max(1, (self.size.height - 1) // self.row_height)

    def row_at(self, y: int, shape: tuple[int, int] | None = None) -> tuple[int, int] | None:
        """(index in rows, line within the row) drawn on line y, if a row is there. shape:
        (row height, rows a page) when the caller looked them up already (they ask the DOM)."""
        row_height, per_page = shape or (self.row_height, self.per_page)
        slot, line = divmod(y - 1, row_height)
        index = self.page * per_page + slot
        if y < 1 or slot >= per_page or not self.rows or index >= len(self.rows):
            return None
        return index, line

    def show(
        self, rows: tuple[HandoffView, ...], clocks: list[HandoffClock], now: datetime, redraw: bool = False
    ) -> None:
        """A new picture from the database: the rows on the page that changed are drawn again
        (everything when the page turned, the day changed, the board was or becomes empty, or
        redraw: names may read differently)."""
        before = self._on_page() if self.rows else None
        today = now.astimezone(self.tz).date()
        whole = redraw or today != self.today or not rows
        if redraw:
            for half in self.query(_Half):
                half.forget_drawn()
        self.rows = rows
        self.looks = [Look.of(clock) for clock in clocks]
        self.today = today
        if self._turn_page(now) or whole or before is None:
            self._repaint()
            return
        countdowns = self.query_one(Countdowns)
        for slot, (was, now_shown) in enumerate(zip(before, self._on_page(), strict=True)):
            if was is None or now_shown is None or was[0] != now_shown[0]:
                if was != now_shown:
                    self._repaint_slot(slot)
            else:
                self._repaint_look(countdowns, slot, was[1], now_shown[1])

    def _on_page(self) -> list[tuple[HandoffView, Look] | None]:
        """What each slot of the page on show holds (None: nothing)."""
        rows, first = self.rows or (), self.page * self.per_page
        return [
            (rows[index], self.looks[index]) if index < len(rows) else None
            for index in range(first, first + self.per_page)
        ]

    def _repaint_slot(self, slot: int) -> None:
        y = 1 + slot * self.row_height
        for half in self.query(_Half):
            half.refresh(Region(0, y, half.size.width, self.row_height))

    def _repaint_look(self, countdowns: Countdowns, slot: int, old: Look, new: Look) -> None:
        """The same row's look moved on: a colour or a mark repaints the slot, a countdown
        alone only its changed cells (the clock moves every second; the words do not)."""
        if old == new:
            return
        if (old.colour, old.stuck, old.sync_late) != (new.colour, new.stuck, new.sync_late):
            self._repaint_slot(slot)
        else:
            countdowns.refresh(countdowns.changed(old.countdown, new.countdown, 1 + slot * self.row_height))

    def tick(self, clocks: list[HandoffClock], now: datetime) -> None:
        """The clock moved: turn the page when its time has come, else repaint what changed."""
        looks = [Look.of(clock) for clock in clocks]
        if len(looks) != len(self.looks) or self._turn_page(now):
            self.looks = looks
            self._repaint()
            return
        countdowns = self.query_one(Countdowns)
        first = self.page * self.per_page
        for index in range(first, min(first + self.per_page, len(looks))):
            self._repaint_look(countdowns, index - first, self.looks[index], looks[index])
        self.looks = looks

    def _turn_page(self, now: datetime) -> bool:
        self._now = now
        self.pages = page_count(len(self.rows or ()), self.per_page)
        page = page_at(now, self.pages)
        turned = page != self.page
        self.page = page
        return turned

    def _repaint(self) -> None:
        for child in self.children:
            child.refresh()

    def on_resize(self) -> None:
        self.set_class(self.big, "-big")
        if self._now is not None:
            self._turn_page(self._now)
        self.post_message(self.Repaged())
        self._repaint()

    # styles for both halves ---------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None

    def style_of(self, name: str) -> Style:
        """A component style: whole for the heading, else colour and weight only."""
        if self._styles is None:
            self._styles = {
                n: self.get_component_rich_style(n, partial=n != "board-table--header")
                for n in self.COMPONENT_CLASSES
            }
        return self._styles[name]

    def colour_of(self, look: Look) -> str:
        return f"board-table--{look.colour}"


class _Half(Widget):
    """One side of the board's rows, drawn from its BoardTable's picture. Drawn lines are kept
    by what they show, so a row that moved or a countdown that came back costs no drawing."""

    def __init__(self) -> None:
        super().__init__()
        self._base: Style | None = None
        """The widget's own style (asking Textual for it walks the DOM): until the styles change."""
        self._strips: dict[tuple[object, ...], Strip] = {}
        self._drawing: tuple[int, tuple[int, int]] | None = None
        """(width, (row height, rows a page)) while a repaint draws its lines."""

    @property
    def board(self) -> BoardTable:
        return cast(BoardTable, self.parent)  # a half is only ever composed by a BoardTable

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._strips.clear()

    def on_resize(self) -> None:
        self._strips.clear()

    def forget_drawn(self) -> None:
        self._strips.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # The board's shape and this side's width looked up once per repaint, not once per
        # line: each asks the DOM, and the lines themselves mostly come from the cache.
        board = self.board
        self._drawing = (self.size.width, (board.row_height, board.per_page))
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        board = self.board
        width, shape = self._drawing or (self.size.width, None)
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if y == 0:
            return Strip([Segment(self.heading(width), base + board.style_of("board-table--header"))], width)
        spot = board.row_at(y, shape)
        if spot is None or board.rows is None:  # no rows, no spot
            text = self.placeholder() if y == 2 and board.rows == () else ""
            return Strip(
                [Segment(cell(" " + text, width), base + board.style_of("board-table--empty"))], width
            )
        index, line = spot
        row, look = board.rows[index], board.looks[index]
        key = (*self.shows(row, look), line, width, shape[0] if shape else board.row_height, language())
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > STRIPS_KEPT:
                self._strips.clear()
            segments = self.segments(row, look, line, width, base)
            strip = self._strips[key] = Strip(segments).adjust_cell_length(width, base)
        return strip

    def shows(self, row: HandoffView, look: Look) -> tuple[object, ...]:
        """What of a row and its look this side draws (its drawn lines are kept by it)."""
        raise NotImplementedError

    def heading(self, width: int) -> str:
        raise NotImplementedError

    def placeholder(self) -> str:
        """What this side says when there are no open handoffs."""
        return ""

    def segments(self, row: HandoffView, look: Look, line: int, width: int, base: Style) -> list[Segment]:
        raise NotImplementedError


class RowWords(_Half):
    """Ticket, department, customer, what is needed, stages, deadline and marks."""

    def heading(self, width: int) -> str:
        columns = self.board.columns(width)
        return cell(" " + "".join(cell(self._heading(c), c.width + c.gap) for c in columns), width)

    def placeholder(self) -> str:
        return tr("board.empty")

    def shows(self, row: HandoffView, look: Look) -> tuple[object, ...]:
        return row, look.colour, look.stuck, look.sync_late, self.board.today

    def _heading(self, column: Column) -> str:
        if column.key == "flags" and column.width < 6:
            return ""  # the marks are one character each there, explained by the legend
        if column.key == "stages" and column.width < 30:
            return tr("board.col.stages.short")
        return tr(f"board.col.{column.key}")

    def segments(self, row: HandoffView, look: Look, line: int, width: int, base: Style) -> list[Segment]:
        board = self.board
        colour = base + board.style_of(
            "board-table--red" if look.colour == "overdue" else board.colour_of(look)
        )
        segments = [Segment(" ", base)]
        for column in board.columns(width):
            if board.big:
                segments.extend(self._wall_cell(row, look, column, line, colour, base))
            elif column.key == "flags":
                segments.append(self._flags(look, column.width, base))
            else:
                segments.append(Segment(cell(self._text(row, column), column.width), colour))
            segments.append(Segment(" " * column.gap, base))
        return segments

    def _wall_cell(
        self, row: HandoffView, look: Look, column: Column, line: int, colour: Style, base: Style
    ) -> list[Segment]:
        """One column's part of line `line` of a three-line row: the ref in block letters,
        the department on a band, the need and the stages on up to two lines, the rest on the
        middle line (the words' first line)."""
        key, width = column.key, column.width
        if key == "ref" and block_width(row.ref) <= width:
            return [Segment(cell(block_lines(row.ref)[line], width), colour)]
        if key == "department":
            return self._band(self.board.department_name(row.department), look, line, width, base)
        if key in ("need", "stages"):
            lines = _two_lines(self._text(row, column), width)
            shown = lines[line - 1] if 0 < line <= len(lines) else ""
            return [Segment(cell(shown, width), colour)]
        if line != 1:
            return [Segment(" " * width, base)]
        if key == "flags":
            return [self._flags(look, width, base)]
        return [Segment(cell(self._text(row, column), width), colour)]

    def _band(self, name: str, look: Look, line: int, width: int, base: Style) -> list[Segment]:
        """The department as a band of colour two lines high, its name bold on the middle
        line: half blocks above and below round it off and keep a gap to the next row. A
        terminal cannot draw 仓库 larger than a cell, so a wall makes it a block of colour."""
        band = self.board.style_of(f"board-table--band-{look.colour}")
        if line == 1:
            return [Segment(cell("  " + name, width), base + band)]
        edge = band.bgcolor
        half = "▄" if line == 0 else "▀"
        return [Segment(half * width, base + Style(color=edge))]

    def _text(self, row: HandoffView, column: Column) -> str:
        board, key = self.board, column.key
        if key == "stages":
            return self._stages(row, short=column.width < 30)
        if key == "due":
            return floor_time(row.due_at, board.tz, board.today)
        if key == "department":
            return board.department_name(row.department)
        if key == "customer":
            return row.customer_name
        if key == "need":
            return row.need
        return row.ref

    def _stages(self, row: HandoffView, short: bool) -> str:
        """10:00 sent → 11:30 answered → … (short: 10:00→11:30→…)."""
        board = self.board
        reached = [
            (at, stage)
            for at, stage in ((row.sent_at, "sent"), (row.answered_at, "answered"), (row.synced_at, "synced"))
            if at is not None
        ]
        times = [(floor_time(at, board.tz, board.today), stage) for at, stage in reached]
        parts = [t for t, _ in times] if short else [f"{t} {tr(f'board.stage.{s}')}" for t, s in times]
        if len(reached) < 3:
            parts.append(tr("board.pending"))
        return ("→" if short else " → ").join(parts)

    def _flags(self, look: Look, width: int, base: Style) -> Segment:
        suffix = ".short" if width < 6 else ""
        words = [
            tr(f"board.flag.{name}{suffix}")
            for name, on in (("stuck", look.stuck), ("sync_late", look.sync_late))
            if on
        ]
        text = ("" if suffix else " ").join(words)
        return Segment(cell(text, width), base + self.board.style_of("board-table--flag") if words else base)


def _two_lines(text: str, width: int) -> list[str]:
    """text wrapped to at most two lines of width; what does not fit ends in an ellipsis."""
    lines = wrap(text, width, limit=3)
    if len(lines) > 2:
        lines = [lines[0], cell(lines[1] + " " + lines[2], width)]
    return lines


class Countdowns(_Half):
    """Time left to each deadline, right-aligned; in block letters when big. The gap before it
    is the words' last cell: a tick sends the terminal every cell from this widget's left edge."""

    def heading(self, width: int) -> str:
        return right_cell(tr("board.col.left"), width)

    def shows(self, row: HandoffView, look: Look) -> tuple[object, ...]:
        return look.colour, look.countdown

    def segments(self, row: HandoffView, look: Look, line: int, width: int, base: Style) -> list[Segment]:
        board = self.board
        colour = board.colour_of(look)
        if board.big and look.colour == "overdue":
            colour = "board-table--tile-overdue"
        return [Segment(self.drawn(look.countdown, line, width), base + board.style_of(colour))]

    def drawn(self, countdown: str, line: int, width: int) -> str:
        """Line `line` of a countdown as drawn: block letters when big and they fit."""
        if self.board.big:
            if block_width(countdown) < width:
                return right_cell(block_lines(countdown)[line], width)
            return right_cell(countdown if line == 1 else "", width)
        return right_cell(countdown if line == 0 else "", width)

    def changed(self, old: str, new: str, y: int) -> Region:
        """The cells of the countdown that differ, over all its lines."""
        width, height = self.size.width, self.board.row_height
        differ = [
            x
            for line in range(height)
            for x, (a, b) in enumerate(
                zip(self.drawn(old, line, width), self.drawn(new, line, width), strict=False)
            )
            if a != b
        ] or [0]
        return Region(min(differ), y, max(differ) - min(differ) + 1, height)
