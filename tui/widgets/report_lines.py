"""The report screen's figures (core.report.drill.ReportView): each part under its heading, each
line its figure this period, the last one's and the change, as on the Summary sheet. A rate's
change is in percentage points. Enter on a line with rows behind it asks for them (Opened)."""

from __future__ import annotations

from rich.cells import cell_len
from textual.binding import Binding
from textual.message import Message

from core.report.book import points
from core.report.drill import Line, ReportView
from tui.i18n import report_screen as _words  # noqa: F401  (registers the list's words)
from tui.i18n import tr
from tui.text.cells import cell, right_cell
from tui.widgets.cursor_lines import BLANK, CursorLines, Drawn

NUMBER = 11
"""Cells for this period's and the last one's figure ("100.00%", "12,345")."""
CHANGE = 16
"""Cells for the change ("+0.48 个百分点" is 14)."""
LABEL_MOST = 72
"""The labels' column on a wide screen (a department's other numbers fit beside its name)."""
GAP = (" ", None)
NONE = "—"


def figure_text(kind: str, value: float | int | None) -> str:
    """A figure as the Summary sheet formats it: counts whole, rates as 0.00%, scores 0.00."""
    if value is None:
        return NONE
    if kind == "rate":
        return f"{value * 100:.2f}%"
    if kind == "score":
        return f"{value:.2f}"
    return f"{int(value):,}"


def change_text(kind: str, value: float | int | None) -> str:
    """A change: counts and scores signed; a rate's in percentage points (0.0048 is +0.48 pp)."""
    if value is None:
        return ""
    if kind == "rate":
        moved = points(value) or 0.0  # as the workbook writes it, exactly
        sign = "+" if moved > 0 else "-" if moved < 0 else ""
        return tr("reportview.pp", sign=sign, points=f"{abs(moved):.2f}")
    if kind == "score":
        return f"{value:+.2f}" if value else "0.00"
    return f"{int(value):+,}" if value else "0"


class ReportLines(CursorLines):
    BINDINGS = [
        Binding("down,j", "move(1)", "reportview.key.down", show=False, id="reportview.down"),
        Binding("up,k", "move(-1)", "reportview.key.up", show=False, id="reportview.up"),
        Binding("pagedown", "page(1)", "reportview.key.pagedown", show=False, id="reportview.pagedown"),
        Binding("pageup", "page(-1)", "reportview.key.pageup", show=False, id="reportview.pageup"),
        Binding("home", "jump(0)", "reportview.key.top", show=False, id="reportview.top"),
        Binding("end,G", "jump(-1)", "reportview.key.bottom", show=False, id="reportview.bottom"),
        Binding("enter", "open", "reportview.key.list", id="reportview.list"),
        # here, not on the screen: a scrolling view's own left and right would hide them
        Binding("left", "screen.move_period(-1)", "reportview.key.earlier", id="reportview.earlier"),
        Binding("right", "screen.move_period(1)", "reportview.key.later", id="reportview.later"),
    ]

    class Opened(Message):
        """Enter on a line that has rows behind it."""

        def __init__(self, line: Line) -> None:
            self.line = line
            super().__init__()

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.view: ReportView | None = None
        self.monthly = False
        self._lines: dict[object, Line] = {}

    def show(self, view: ReportView, monthly: bool) -> None:
        keep = self.current_key
        self.view, self.monthly = view, monthly
        self._draw(keep)
        self.screen.refresh_bindings()

    def _draw(self, keep: object = None) -> None:
        view = self.view
        if view is None:
            return
        width = self.inner_width
        # the numbers stay near their labels on a wide screen (the rest of the line is left empty)
        label_width = min(max(12, width - 1 - (NUMBER + 1) * 2 - CHANGE), LABEL_MOST)
        lines: list[Drawn] = []
        found: dict[object, Line] = {}
        for number, part in enumerate(view.parts):
            if number:
                lines.append(BLANK)
            lines.append(Drawn(((" " + cell(part.title, width - 1), None),), look="cursor-lines--section"))
            for line in part.lines:
                key = (part.name, line.name)
                found[key] = line
                lines.append(self._line(line, label_width, key))
        self._lines = found
        this, last = ("this_month", "last_month") if self.monthly else ("this_week", "last_week")
        header = Drawn(
            (
                GAP,
                (cell(tr("reportview.col.figure"), label_width), None),
                (right_cell(tr(f"reportview.col.{this}"), NUMBER), None),
                GAP,
                (right_cell(tr(f"reportview.col.{last}"), NUMBER), None),
                GAP,
                (right_cell(tr("reportview.col.change"), CHANGE - 1), None),
            )
        )
        self.show_lines(lines, header, keep)

    def _line(self, line: Line, label_width: int, key: object) -> Drawn:
        # no colour by sign: more is better for some figures (resolved) and worse for others (waits)
        moved = change_text(line.kind, line.change)
        label = ("› " if line.ask is not None else "  ") + line.label
        # a line's other numbers (a department's stuck and on time) where the label leaves room
        aside = f"  {line.detail}" if line.detail and cell_len(label) + 8 < label_width else ""
        return Drawn(
            (
                GAP,
                (cell(label, cell_len(label)) if aside else cell(label, label_width), None),
                *(((cell(aside, label_width - cell_len(label)), "cursor-lines--muted"),) if aside else ()),
                (right_cell(figure_text(line.kind, line.now), NUMBER), None),
                GAP,
                (right_cell(figure_text(line.kind, line.before), NUMBER), "cursor-lines--muted"),
                GAP,
                (right_cell(moved, CHANGE - 1), None),
            ),
            key=key,
        )

    def on_resize(self) -> None:
        super().on_resize()
        self._draw(self.current_key)

    @property
    def current(self) -> Line | None:
        return self._lines.get(self.current_key)

    def cursor_moved(self) -> None:
        self.screen.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open":
            line = self.current
            return line is not None and line.ask is not None
        return True

    def action_open(self) -> None:
        line = self.current
        if line is not None and line.ask is not None:
            self.post_message(self.Opened(line))
