"""The rows behind one report figure (core.report.drill.Drilled): the ticket, when it counts,
who holds it, what it is and why it is in the list. Rows come a page at a time; when the cursor
nears the last row read and more are there, the list asks for the next page (MoreWanted).
Enter asks for the row's ticket (Opened). Text is drawn as text, never markup."""

from __future__ import annotations

from datetime import date, tzinfo

from textual.binding import Binding
from textual.message import Message

from core.report.drill import DrillRow
from tui.i18n import report_screen as _words  # noqa: F401  (registers the list's words)
from tui.i18n import tr
from tui.text.cells import cell
from tui.text.floor_time import floor_time
from tui.widgets.cursor_lines import CursorLines, Drawn

REF, AT, WHO, WHAT = 7, 11, 8, 16
WHAT_WIDE, WIDE = 28, 120
"""On a screen this wide the What column takes WHAT_WIDE cells."""
GAP = (" ", None)
MORE_WITHIN = 20
"""Ask for the next page when the cursor is this close to the last row read."""


class DrillList(CursorLines):
    BINDINGS = [
        Binding("down,j", "move(1)", "reportview.key.down", show=False, id="drill.down"),
        Binding("up,k", "move(-1)", "reportview.key.up", show=False, id="drill.up"),
        Binding("pagedown", "page(1)", "reportview.key.pagedown", show=False, id="drill.pagedown"),
        Binding("pageup", "page(-1)", "reportview.key.pageup", show=False, id="drill.pageup"),
        Binding("home", "jump(0)", "reportview.key.top", show=False, id="drill.top"),
        Binding("end,G", "jump(-1)", "reportview.key.bottom", show=False, id="drill.bottom"),
        Binding("enter", "open", "drill.key.open", id="drill.open"),
    ]

    class Opened(Message):
        """Enter on a row."""

        def __init__(self, row: DrillRow) -> None:
            self.row = row
            super().__init__()

    class MoreWanted(Message):
        """The cursor nears the last row read and the list has more."""

    def __init__(self, tz: tzinfo, **kwargs) -> None:
        super().__init__(**kwargs)
        self.tz = tz
        self.rows: list[DrillRow] = []
        self.total = 0
        self.today: date | None = None
        self._what = WHAT

    def show(self, rows: list[DrillRow], total: int, today: date) -> None:
        keep = self.current_key
        self.rows, self.total, self.today = rows, total, today
        self._draw(keep)
        self.screen.refresh_bindings()

    def _draw(self, keep: object = None) -> None:
        width = self.inner_width
        self._what = WHAT if width < WIDE else WHAT_WIDE
        why = max(8, width - 1 - REF - AT - WHO - self._what - 4)
        header = Drawn(
            (
                GAP,
                (cell(tr("drill.col.ref"), REF), None),
                GAP,
                (cell(tr("drill.col.at"), AT), None),
                GAP,
                (cell(tr("drill.col.who"), WHO), None),
                GAP,
                (cell(tr("drill.col.what"), self._what), None),
                GAP,
                (cell(tr("drill.col.why"), why), None),
            )
        )
        if not self.rows:
            lines = [Drawn(((" " + cell(tr("drill.empty"), width - 1), "cursor-lines--muted"),))]
        else:
            lines = [self._row(number, row, why) for number, row in enumerate(self.rows)]
        self.show_lines(lines, header, keep)

    def _row(self, number: int, row: DrillRow, why: int) -> Drawn:
        today = self.today or row.at.astimezone(self.tz).date()
        return Drawn(
            (
                GAP,
                (cell(_shown_ref(row), REF), None),
                GAP,
                (cell(floor_time(row.at, self.tz, today), AT), "cursor-lines--muted"),
                GAP,
                (cell(row.who or tr("unowned"), WHO), None),
                GAP,
                (cell(row.what, self._what), None),
                GAP,
                (cell(row.detail, why), None),
            ),
            key=(row.kind, row.ident, number),
        )

    def on_resize(self) -> None:
        super().on_resize()
        self._draw(self.current_key)

    @property
    def current(self) -> DrillRow | None:
        if self.rows and 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    def cursor_moved(self) -> None:
        self.screen.refresh_bindings()
        if len(self.rows) < self.total and self.cursor >= len(self.rows) - MORE_WITHIN:
            self.post_message(self.MoreWanted())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            return _opens(self.current)  # a survey's callback has no ticket
        return True

    def action_open(self) -> None:
        row = self.current
        if row is not None and _opens(row):
            self.post_message(self.Opened(row))


def _opens(row: DrillRow | None) -> bool:
    """Enter opens the row's ticket, or an improvement action's own screen."""
    return row is not None and (row.ref is not None or row.kind == "action")


def _shown_ref(row: DrillRow) -> str:
    if row.kind == "action":
        return f"A{row.ident}"
    return row.ref or tr("drill.no_ticket")
