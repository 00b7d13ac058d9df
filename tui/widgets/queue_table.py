"""The incoming queue as a virtual table: it draws only the visible lines and asks core for
the rows a page at a time, so 10,000 open tickets cost what 50 do. Pages are read in a thread
(tui/base/asking.py): a row whose page is on its way is drawn blank for that moment, and the
keys keep working.

A supervisor marks rows with space (an agent's space pages down): the marks are the table's,
by ref with the row version on show when marked (what a bulk move checks against), and stay
across pages, rereads, views and filters until unmarked, cleared, or moved. While any row is
marked a one-cell column in front says which.

The rows come in the queue's bands (core/tickets/queue.py: at risk, overdue least overdue
first, the rest), which depend on the instant they were read: the table keeps the bands its
rows were read by, so it can tell whether a change, or the clock alone, moves the rows on show."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from core.basics import CallfloorError
from core.floor import Change
from core.tickets import QueuePage, QueueRow, time_left
from core.tickets.queue import AT_RISK, OVERDUE, Bands, ClockMove
from tui.base.threads import in_thread, start
from tui.i18n import tr
from tui.text.cells import cell, left_text
from tui.type_ahead import KeysHeld

PAGE = 100
"""Rows fetched per query; moving within a fetched page touches no database."""

STRIPS_KEPT = 400
"""Drawn rows kept for repainting (a few screens' worth; the cache starts again past it)."""

BELOW = 10
"""Rows below the last on show that a reread brings too (tickets moving up into view)."""

SIZE_STEP = 50
"""The scrollable height moves in steps of this many rows (see QueueTable._size_for_total)."""


@dataclass(frozen=True)
class Column:
    key: str  # i18n key of the heading
    width: int


async def _nothing_to_wait_for() -> None:
    return None


@lru_cache(maxsize=8)
def layout(width: int, marking: bool = False) -> list[Column]:
    """Columns for the width: the key ones always; channel and wider names when there is room;
    marking: a one-cell mark column first (the customer's name gives up the cells)."""
    fixed = [Column("queue.col.tier", 2), Column("queue.col.ref", 8), Column("queue.col.left", 6)]
    if marking:
        fixed.insert(0, Column("queue.col.mark", 1))
    category, owner = 15, 9
    channel = 0
    if width >= 100:
        # Room to spare goes to every text column, not only the customer's name.
        spare = width - 100
        category, owner, channel = 16 + spare // 6, 10 + spare // 10, 14 + spare // 6
    tail = [
        Column("queue.col.category", category),
        Column("queue.col.owner", owner),
        Column("queue.col.status", 11),
        Column("queue.col.update", 2),
    ]
    if channel:
        tail.insert(1, Column("queue.col.channel", channel))
    used = sum(c.width + 1 for c in fixed + tail)
    customer = Column("queue.col.customer", max(10, width - used - 1))
    return fixed + [customer] + tail


class QueueTable(ScrollView, can_focus=True):
    """A cursor over the queue's rows; Enter opens the row's ticket."""

    BINDINGS = [
        Binding("down,j", "move(1)", "queue.key.down", show=False, id="queue.down"),
        Binding("up,k", "move(-1)", "queue.key.up", show=False, id="queue.up"),
        # Before the page key that shares space: for a supervisor space marks; for an agent
        # (check_action False) it falls through to the page key.
        Binding("space", "mark", "queue.key.mark", show=False, id="queue.mark"),
        Binding("pagedown,space", "page(1)", "queue.key.pagedown", show=False, id="queue.pagedown"),
        Binding("pageup", "page(-1)", "queue.key.pageup", show=False, id="queue.pageup"),
        Binding("home,g", "jump(0)", "queue.key.top", show=False, id="queue.top"),
        Binding("end,G", "jump(-1)", "queue.key.bottom", show=False, id="queue.bottom"),
        Binding("enter", "open", "queue.key.open", id="queue.open"),
    ]
    COMPONENT_CLASSES = {
        "queue-table--header",
        "queue-table--cursor",
        "queue-table--red",
        "queue-table--yellow",
        "queue-table--green",
        "queue-table--overdue",
        "queue-table--flag",
        "queue-table--marked",
    }
    DEFAULT_CSS = """
    QueueTable { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    QueueTable > .queue-table--header { text-style: bold; background: $panel; }
    QueueTable > .queue-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
    }
    QueueTable:blur > .queue-table--cursor { text-style: reverse; background: $panel; }
    QueueTable > .queue-table--red { color: $error; text-style: bold; }
    QueueTable > .queue-table--yellow { color: $warning; }
    QueueTable > .queue-table--green { color: $success; }
    QueueTable > .queue-table--overdue { color: $error; text-style: bold reverse; }
    QueueTable > .queue-table--flag { color: $accent; text-style: bold; }
    QueueTable > .queue-table--marked { color: $accent; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    _style_cache: dict[str, Style] | None = None
    """The component styles (_styles), until the styles change; None until first drawn."""

    class Opened(Message):
        """Enter on a row."""

        def __init__(self, ref: str) -> None:
            self.ref = ref
            super().__init__()

    class Moved(Message):
        """The cursor now stands on another row."""

        def __init__(self, ref: str | None, index: int, total: int) -> None:
            self.ref, self.index, self.total = ref, index, total
            super().__init__()

    class Marked(Message):
        """The marks changed; count: how many rows are marked now."""

        def __init__(self, count: int) -> None:
            self.count = count
            super().__init__()

    def __init__(
        self,
        fetch: Callable[[int, int], QueuePage],
        failed: Callable[[CallfloorError], object],
        now: Callable[[], datetime],
        label: Callable[[str, str], str],
        bands: Callable[[], Bands],
        ready: Callable[[], Awaitable[None]] | None = None,
        can_mark: Callable[[], bool] = lambda: False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self._can_mark = can_mark
        """Whether the person at this terminal marks rows (a supervisor)."""
        self.marks: dict[str, int] = {}
        """The marked tickets, in the order marked: ref -> the row_version on show then."""
        self._ready = ready or _nothing_to_wait_for
        self._awaiting = KeysHeld()
        """Enter or space waiting for a reread to decide the row (holds_keys)."""
        self._fetch = fetch
        """Reads rows offset..offset+limit of the queue as shown; runs in a thread."""
        self._failed = failed
        """Says why a page could not be read (on the UI thread); the rows drawn stay."""
        self._now = now
        self._bands_now = bands
        """The queue's bands as of now (the policy's at-risk window from the clock's now)."""
        self._bands: Bands | None = None
        """The bands the rows were read by (the last replace's page)."""
        self._label = label  # ("category" | "channel", id) -> the name in the current language
        self._pages: dict[int, tuple[QueueRow, ...]] = {}
        self._wanted: set[int] = set()
        """Pages on their way."""
        self._generation = 0
        """Moves with every replace: a page read for the queue as it was is not kept."""
        self._drawing: tuple[int, Style] | None = None
        """The width and base style while a repaint draws its lines (render_lines)."""
        self._strips: dict[tuple[QueueRow, bool, int, bool], Strip] = {}
        """Drawn rows by what they show (a row that moves a line is not drawn again)."""
        self.total = 0

    # data ---------------------------------------------------------------------------------
    def replace(self, page: QueuePage, cursor: int | None = None) -> None:
        """The queue as just read (page: the one around the cursor): the other pages are read
        again when drawn; the cursor goes to cursor (where the agent's row now stands), else
        stays on its index. Only the lines whose row changed are drawn again."""
        self._generation += 1
        number = page.offset // PAGE
        before = self._rows_on_show()
        same = self._pages.get(number) == page.rows and self.total == page.total
        self._pages = {number: page.rows}
        self._bands = page.bands
        self._wanted.clear()
        target = self.cursor if cursor is None else cursor
        target = max(0, min(target, page.total - 1))
        if same and target == self.cursor:
            return  # the same rows read again: nothing to repaint (over SSH every cell costs)
        self.total = page.total
        self._size_for_total()
        top = int(self.scroll_offset.y)
        self.cursor = target  # repaints the cursor's old and new lines, or all when it scrolls
        if int(self.scroll_offset.y) != top:
            return
        for line, (was, now) in enumerate(zip(before, self._rows_on_show(), strict=True), start=1):
            if was != now:
                self.refresh_line(line)

    def _rows_on_show(self) -> list[QueueRow | None]:
        """The rows on the lines on show (None: past the end, or a page not read)."""
        top = int(self.scroll_offset.y)
        return [
            self._loaded(index) if index < self.total else None
            for index in range(top, top + self._visible_rows)
        ]

    def _loaded(self, index: int) -> QueueRow | None:
        rows = self._pages.get(index // PAGE, ())
        offset = index % PAGE
        return rows[offset] if offset < len(rows) else None

    def _size_for_total(self) -> None:
        """The scrollable height follows the total in steps of SIZE_STEP rows: changing it lays
        the whole screen out again (tens of milliseconds), and on a busy floor the total moves
        with every intake and resolve. The rows past the end draw blank; the cursor never goes
        there."""
        height = self.total + 1
        if height > self._visible_rows + 1:
            now = self.virtual_size.height
            if height <= now < height + 2 * SIZE_STEP:
                height = now  # within the steps it has: a total moving up and down a step's
                # edge (an intake, a resolve, another intake) does not lay out the screen each time
            else:
                height += -height % SIZE_STEP
        size = Size(self._width, height)
        if size != self.virtual_size:
            self.virtual_size = size

    def set_total(self, total: int) -> None:
        """The view's size moved by a change below the rows on show: the scrollbar and the
        position follow; the rows on show are right, the pages below are read again when the
        agent moves (the screen says when)."""
        self.total = total
        self._size_for_total()
        if self.cursor >= total:  # only then: moving the cursor reads the pages below again
            self.cursor = max(0, total - 1)

    def _shown(self) -> list[QueueRow] | None:
        """The rows on show, or None while some of them are on their way (then a caller reads
        again to be sure)."""
        top, visible = int(self.scroll_offset.y), self._visible_rows
        rows = [row for row in self._rows_on_show() if row is not None]
        if len(rows) < min(visible, max(0, self.total - top)):
            return None
        return rows

    def _crossed(self, rows: list[QueueRow], bands: Bands) -> bool:
        """Whether the clock has moved a row on show to another band since it was read (its
        place is then another: a ticket falling due goes from the top of the at-risk band to
        the top of the overdue one)."""
        then = self._bands
        if then is None or then == bands:
            return False
        return any(then.band(row.next_due_at) != bands.band(row.next_due_at) for row in rows)

    def reaches_window(self, changes: Iterable[Change]) -> bool:
        """Whether any of these changes of a ticket's row touches the rows on show: it is one
        of them, or it ranks (before or after the change) at or above the last of them in
        queue order as of now (the bands), which moves them. A row on show that the clock
        has moved to another band meanwhile makes any change read again."""
        rows = self._shown()
        if rows is None:
            return True  # rows on their way: read again to be sure
        bands = self._bands_now()
        if self._crossed(rows, bands):
            return True
        shown = {row.ticket_id for row in rows}
        last = (
            bands.key(rows[-1].next_due_at, rows[-1].ticket_id) if len(rows) == self._visible_rows else None
        )
        for change in changes:
            if change.ticket_id in shown:
                return True
            if last is None:
                # the end of the view is on show: anything that enters or leaves it moves it
                if change.old_due is not None or change.new_due is not None:
                    return True
            elif any(
                due is not None and bands.key(due, change.ticket_id or 0) <= last
                for due in (change.old_due, change.new_due)
            ):
                return True
        return False

    def moved_by_clock(self, move: ClockMove) -> bool:
        """Whether the clock moving (move: how many tickets on the whole floor fell due and
        entered the at-risk window meanwhile) moves the rows on show, so they are read again.
        Without a read: a ticket falling due leaves the top of the at-risk band for the top of
        the overdue one, which moves the at-risk rows up and leaves the overdue ones where they
        stand; a ticket entering the window leaves the top of the rest for the end of the
        at-risk band, which moves the overdue rows down and leaves the rest where they stand;
        and a row on show that changed band has a new place."""
        rows = self._shown()
        if rows is None:
            return True
        bands = self._bands_now()
        if self._crossed(rows, bands):
            return True
        if not move.moved_any:
            return False
        if len(rows) < self._visible_rows:
            return True  # the end of the view is on show: its size may move (the breaching view)
        on_show = {bands.band(row.next_due_at) for row in rows}
        return bool((move.fell_due and AT_RISK in on_show) or (move.entered_risk and OVERDUE in on_show))

    def _want(self, number: int) -> None:
        """Read page number in a thread; it is drawn when it comes."""
        if number in self._wanted:
            return
        self._wanted.add(number)
        generation = self._generation

        def arrived(page: QueuePage) -> None:
            self._wanted.discard(number)
            if generation != self._generation or not self.is_attached:
                return  # the queue was read again meanwhile
            self._pages[number] = page.rows
            if page.total != self.total:
                self.total = page.total
                self._size_for_total()
            self.refresh()
            self.post_message(self.Moved(*self._at(self.cursor), self.total))

        async def read() -> None:
            try:
                page = await in_thread(lambda: self._fetch(number * PAGE, PAGE))
            except CallfloorError as error:
                self._wanted.discard(number)
                self._failed(error)
            else:
                arrived(page)

        start(self, read, name="queue-page", group="queue-page")

    def _at(self, index: int) -> tuple[str | None, int]:
        row = self.row(index)
        return (row.ref if row else None), index

    def row(self, index: int) -> QueueRow | None:
        """The row at index, or None (also while its page is on its way: it is asked for)."""
        if not 0 <= index < self.total:
            return None
        number = index // PAGE
        rows = self._pages.get(number)
        if rows is None:
            self._want(number)
            return None
        offset = index - number * PAGE
        if offset >= len(rows):
            self._want(number)  # a reread brought only the rows down to those on show (rows_to_read)
            return None
        return rows[offset]

    def rows_to_read(self, start: int) -> int:
        """How many rows a reread of the page starting at start brings: down to a few below
        the last on show, not the whole page. A live queue reads again on every change on
        show, and a page of PAGE rows costs twice what the rows on show do; the rest of the
        page is read when the agent moves to it."""
        if not self.size.height:
            return PAGE  # not laid out yet: how many are on show is not known
        through = int(self.scroll_offset.y) + self._visible_rows + BELOW
        return max(1, min(PAGE, through - start))

    @property
    def current(self) -> QueueRow | None:
        return self.row(self.cursor)

    @property
    def _width(self) -> int:
        """Cells left of the vertical scrollbar: a row as wide as the widget would add a
        horizontal scrollbar over the last row."""
        return self.scrollable_content_region.width

    # cursor -------------------------------------------------------------------------------
    @property
    def _visible_rows(self) -> int:
        return max(1, self.size.height - 1)

    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
            self.refresh()
        elif new >= top + self._visible_rows:
            self.scroll_to(y=new - self._visible_rows + 1, animate=False, immediate=True)
            self.refresh()
        elif old != new:
            # Only the two rows whose highlight changed: over SSH every cell costs bytes.
            self.refresh_line(old - top + 1)
            self.refresh_line(new - top + 1)
        row = self.current
        self.post_message(self.Moved(row.ref if row else None, new, self.total))

    def action_move(self, step: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.cursor + step, self.total - 1))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * self._visible_rows)

    def action_jump(self, index: int) -> None:
        if self.total:
            self.cursor = self.total - 1 if index < 0 else index

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "mark":
            return self._can_mark() and self.total > 0
        return True

    async def _row_decided(self) -> None:
        """Until a reread under way (a filter just applied, the queue read again on return from
        a ticket) has decided the row under the cursor. The keys typed behind the one waiting
        wait too (holds_keys): A typed after Enter is for the ticket Enter opens."""
        self._awaiting.begin()
        try:
            await self._ready()
        finally:
            self._awaiting.end()

    def holds_keys(self, event: events.Key | events.Paste) -> bool:
        return self._awaiting.holds(event)

    async def action_mark(self) -> None:
        """Mark the row under the cursor, or unmark it (space again)."""
        await self._row_decided()
        row = self.current
        if row is None:
            return
        before = bool(self.marks)
        if self.marks.pop(row.ref, None) is None:
            self.marks[row.ref] = row.row_version
        self._marks_changed(before)

    def unmark(self, refs: Iterable[str]) -> None:
        """Take these tickets' marks away (the ones a bulk move moved)."""
        before = bool(self.marks)
        for ref in refs:
            self.marks.pop(ref, None)
        self._marks_changed(before)

    def clear_marks(self) -> None:
        self.unmark(list(self.marks))

    def _marks_changed(self, before: bool) -> None:
        if before != bool(self.marks):
            self._strips.clear()  # the mark column comes or goes: every line is laid out again
        self.refresh()
        self.post_message(self.Marked(len(self.marks)))

    async def action_open(self) -> None:
        await self._row_decided()
        row = self.current
        if row is not None:
            self.post_message(self.Opened(row.ref))

    # drawing ------------------------------------------------------------------------------
    def _styles(self) -> dict[str, Style]:
        """Component styles, looked up once per repaint rather than once per cell. Cell styles
        are partial (colour and weight only), so the cursor row's background shows through."""
        whole = {"queue-table--header", "queue-table--cursor"}
        return {
            name: self.get_component_rich_style(name, partial=name not in whole)
            for name in self.COMPONENT_CLASSES
        }

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style_cache = None
        self._strips.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Width and base style looked up once per repaint, not once per line: each walks the
        # DOM, and the lines themselves mostly come from the cache.
        self._drawing = (self._width, self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        width, base = self._drawing or (self._width, self.rich_style)
        columns = layout(width, bool(self.marks))
        styles = self._style_cache
        if styles is None:
            styles = self._style_cache = self._styles()
        if y == 0:
            style = styles["queue-table--header"]
            text = " ".join(cell(tr(c.key), c.width) for c in columns)
            return Strip([Segment(cell(text, width), style)]).simplify()
        index = int(self.scroll_offset.y) + y - 1
        row = self.row(index)
        if row is None:
            return Strip.blank(width, base)
        key = (row, index == self.cursor, width, row.ref in self.marks)
        strip = self._strips.get(key)
        if strip is None:
            if index == self.cursor:
                base = base + styles["queue-table--cursor"]
            if len(self._strips) > STRIPS_KEPT:
                self._strips.clear()
            # Measured, not declared: below 71 columns the minimum widths run past the edge.
            segments = self._segments(row, columns, base, styles, width)
            strip = self._strips[key] = Strip(segments).crop(0, width)
        return strip

    def clear_strips(self) -> None:
        """Drawn rows are kept until the data, the size, the styles or the minute change."""
        self._strips.clear()

    def tick(self) -> None:
        self.clear_strips()
        self.refresh()

    def _segments(
        self, row: QueueRow, columns: list[Column], base: Style, styles: dict[str, Style], width: int
    ) -> list[Segment]:
        left = time_left(row, self._now())
        values = {
            "queue.col.mark": ("✓" if row.ref in self.marks else "", "queue-table--marked"),
            "queue.col.tier": (tr(f"tier.{row.tier}.mark"), f"queue-table--{row.tier}"),
            "queue.col.ref": (row.ref, None),
            "queue.col.left": (
                (tr("queue.paused"), None)
                if left is None
                else (left_text(left), "queue-table--overdue" if left.total_seconds() < 0 else None)
            ),
            "queue.col.customer": (row.customer_name, None),
            "queue.col.category": (self._label("category", row.category), None),
            "queue.col.channel": (self._label("channel", row.channel), None),
            "queue.col.owner": (row.owner or tr("unowned"), None),
            "queue.col.status": (tr(f"status.{row.status}"), None),
            "queue.col.update": ("*" if row.update_due else "", "queue-table--flag"),
        }
        segments = []
        for column in columns:
            text, component = values[column.key]
            style = base + styles[component] if component else base
            segments.append(Segment(cell(text, column.width), style))
            segments.append(Segment(" ", base))
        used = sum(c.width + 1 for c in columns)
        segments.append(Segment(" " * max(0, width - used), base))
        return segments

    def on_resize(self) -> None:
        self._strips.clear()
        self._size_for_total()
