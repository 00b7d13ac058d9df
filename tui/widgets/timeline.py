"""A ticket's timeline: one entry per event (time, actor, kind, text), drawn with the Line API
so a ticket with hundreds of events opens as fast as one with three."""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment

from tui.text.cells import cell
from tui.text.event_rows import TimelineRow
from tui.text.wrap import wrap
from tui.widgets.line_view import LineView

TIME_CELLS = 11
"""'11-20 10:05' (or '10:05' right-aligned for today)."""
ACTOR_CELLS = 8
KIND_CELLS = 10
TEXT_COLUMN = TIME_CELLS + ACTOR_CELLS + KIND_CELLS + 3
NARROW = TEXT_COLUMN + 16
"""Below this width the text goes under the entry's heading instead of beside it."""
INDENT = 2


@dataclass(frozen=True)
class _Line:
    row: TimelineRow
    first: bool
    text: str


class Timeline(LineView):
    """Newest first or oldest first is the caller's choice: rows are drawn in the given order."""

    COMPONENT_CLASSES = {
        "timeline--time",
        "timeline--actor",
        "timeline--kind",
        "timeline--contact",
        "timeline--change",
    }
    DEFAULT_CSS = """
    Timeline { height: 1fr; scrollbar-size-vertical: 1; overflow-x: hidden; }
    Timeline > .timeline--time { color: $foreground-muted; }
    Timeline > .timeline--actor { color: $secondary; }
    Timeline > .timeline--kind { text-style: bold; }
    Timeline > .timeline--contact { color: $accent; text-style: bold; }
    Timeline > .timeline--change { color: $warning; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: tuple[TimelineRow, ...] = ()
        """What is shown, in order."""

    def show(self, rows) -> None:
        rows = tuple(rows)
        if rows != self.rows:
            self.rows = rows
            self.content_changed()

    def lay_out(self, width: int, limit: int | None = None) -> list[_Line]:
        lines: list[_Line] = []
        beside = width >= NARROW
        text_width = width - TEXT_COLUMN if beside else width - INDENT
        for row in self.rows:
            parts = wrap(row.text, text_width) if row.text else []
            if beside:
                lines.append(_Line(row, True, parts[0] if parts else ""))
                lines.extend(_Line(row, False, part) for part in parts[1:])
            else:
                lines.append(_Line(row, True, ""))
                lines.extend(_Line(row, False, part) for part in parts)
            if limit is not None and len(lines) >= limit:
                break
        return lines

    def draw(self, line: _Line, width: int) -> list[Segment]:
        indent = TEXT_COLUMN if width >= NARROW else INDENT
        if not line.first:
            return [Segment(" " * indent), Segment(line.text)]
        row = line.row
        style = self.get_component_rich_style
        kind_style = style("timeline--kind")
        if row.tone:
            kind_style += style(f"timeline--{row.tone}")
        segments = [
            Segment(row.when.rjust(TIME_CELLS)[-TIME_CELLS:], style("timeline--time")),
            Segment(" "),
            Segment(cell(row.actor, ACTOR_CELLS), style("timeline--actor")),
            Segment(" "),
            Segment(cell(row.kind, KIND_CELLS), kind_style),
        ]
        if line.text:
            segments += [Segment(" "), Segment(line.text)]
        return segments
