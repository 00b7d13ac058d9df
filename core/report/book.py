"""The report's workbook, written with XlsxWriter in memory: its formats, how a cell, a
table and a Summary are written. The weekly report's sheets are core.report.sheets', the
monthly report's core.report.monthly_book's.

Every text goes through write_string and the workbook is made with strings_to_formulas,
strings_to_urls and strings_to_numbers off, so no text ever becomes a formula, a link or a
number. Dates are datetime cells of the floor's wall-clock time with a date format.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import xlsxwriter

from core.report.cells import Widths, local_naive
from core.report.figures import change
from core.report.period import Period
from core.report.streamed import DATE, NUMBER, TEXT, style_id
from core.report.words import Words

SAFE_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
DATE_FORMAT = "yyyy-mm-dd hh:mm"
SUMMARY_TABLE_ROW = 8  # 0-based row of the figures' heading
TOP_FILL, LOW_FILL = "#FFF2CC", "#F8CBAD"


@dataclass(frozen=True)
class Trend:
    """The Summary's trend table and chart (Book.summary_sheet)."""

    title: str
    """The words' key of its title."""
    heads: Sequence[str]
    """Its headings' keys; the last two columns are charted: a count, then satisfaction."""
    rows: Sequence[Sequence]
    kinds: Sequence[str]
    """Each column's: "text" and "date" as they are, "count" and "score" in their formats."""
    chart: str
    """The words' key of the chart's title."""


class Book:
    """The XlsxWriter workbook (in memory) with the report's formats and words."""

    def __init__(self, words: Words, tz):
        self.words, self.tz = words, tz
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"in_memory": True, **SAFE_TEXT})
        add = self.wb.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.head = add({"bold": True, "bg_color": "#D9E1F2", "bottom": 1})
        self.bold = add({"bold": True})
        self.date = add({"num_format": DATE_FORMAT, "align": "left"})
        self.note = add({"italic": True, "font_color": "#9C0006"})
        self.grey = add({"font_color": "#808080"})
        self.numbers = {
            kind: add({"num_format": fmt})
            for kind, fmt in (("count", "0"), ("rate", "0.00%"), ("score", "0.00"))
        }
        self.changes = {
            kind: add({"num_format": fmt})
            for kind, fmt in (
                ("count", "+0;-0;0"),
                ("rate", "+0.00%;-0.00%;0.00%"),
                ("score", "+0.00;-0.00;0.00"),
            )
        }
        self.top = {
            kind: add({"num_format": fmt, "bg_color": TOP_FILL})
            for kind, fmt in (("text", "@"), ("count", "0"), ("rate", "0.00%"))
        }
        low = {"bg_color": LOW_FILL}
        self.streamed_formats = {
            style_id(DATE, False): self.date,
            style_id(TEXT, True): add(low),
            style_id(DATE, True): add({"num_format": DATE_FORMAT, "align": "left", **low}),
            style_id(NUMBER, True): add(low),
        }
        # The long sheets' rows are written before XlsxWriter writes anything, so their
        # formats get their numbers now (core.report.streamed checks them when it puts the rows in).
        # Every book numbers them, the monthly one too, so all number their formats alike.
        self.streamed_styles = {
            ident: fmt._get_xf_index() for ident, fmt in sorted(self.streamed_formats.items())
        }

    # ------------------------------------------------------------ writing cells

    def put(self, ws, row: int, col: int, value, fmt=None) -> None:
        """One cell: text as text, numbers as numbers, datetimes as dates, None left empty."""
        if value is None:
            if fmt is not None:
                ws.write_blank(row, col, None, fmt)
        elif isinstance(value, str):
            ws.write_string(row, col, value, fmt)
        elif isinstance(value, datetime):
            ws.write_datetime(row, col, local_naive(value, self.tz), fmt or self.date)
        elif isinstance(value, bool):
            ws.write_string(row, col, self.words.yes_no(value), fmt)
        else:
            ws.write_number(row, col, value, fmt)

    def table(
        self,
        name: str,
        headers: Sequence[str],
        rows: Sequence[Sequence],
        kinds: Sequence[str],
        *,
        start: int = 0,
        caps: Sequence[int] | None = None,
        marked: Sequence[bool] = (),
        total: Sequence | None = None,
        empty: str | None = None,
    ):
        """A sheet that is one heading row and rows under it: formats by kind ("text",
        "count", "rate", "score"), marked rows filled, an optional bold total row; with no
        rows, empty (default "None this week.") under the heading."""
        ws = self.wb.add_worksheet(name)
        widths = Widths(list(headers), list(caps or [40] * len(headers)))
        for col, header in enumerate(headers):
            ws.write_string(start, col, header, self.head)
        for r, values in enumerate(rows, start + 1):
            top = r - start - 1 < len(marked) and marked[r - start - 1]
            for col, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                fmt = (self.top.get(kind) if top else None) or (
                    None if kind == "text" else self.numbers[kind]
                )
                self.put(ws, r, col, value, fmt)
                if isinstance(value, str):
                    widths.see(col, value)
        if total is not None:
            r = start + len(rows) + 1
            for col, (value, kind) in enumerate(zip(total, kinds, strict=True)):
                self.put(ws, r, col, value, self.bold if kind == "text" else self.numbers[kind])
        if not rows and total is None:
            ws.write_string(start + 1, 0, empty or self.words("no_rows"), self.note)
        for col, width in enumerate(widths.columns()):
            ws.set_column(col, col, max(width, 10))
        ws.freeze_panes(start + 1, 0)
        return ws

    def heading(self, ws, row: int, keys: Sequence[str]) -> None:
        """A row of headings from the first column, by their words' keys."""
        for col, key in enumerate(keys):
            ws.write_string(row, col, self.words(key), self.head)

    def summary_sheet(
        self,
        title: str,
        period: Period,
        as_of: datetime,
        clear: bool,
        *,
        bounds: tuple[str, str],
        notes: Sequence[str],
        heads: Sequence[str],
        figures: Sequence[tuple],
        trend: Trend,
    ) -> None:
        """The Summary of either report: the title; the period's bounds (their labels' keys),
        the moment and the phones' privacy (red when clear); notes from row 7; the figures'
        table at SUMMARY_TABLE_ROW under heads (keys), one row per (label, JSON name, kind,
        this period, the last, the change); the trend three rows under it."""
        w, ws = self.words, self.wb.add_worksheet("Summary")
        ws.write_string(0, 0, title, self.title)
        facts = (
            (w(bounds[0]), period.local_start),
            (w(bounds[1]), period.local_end),
            (w("as_of"), as_of),
            (w("phones"), w("clear") if clear else w("masked")),
        )
        for r, (label, value) in enumerate(facts, 2):
            ws.write_string(r, 0, label, self.bold)
            self.put(ws, r, 1, value, self.note if clear and r == 5 else None)
        for r, text in enumerate(notes, 6):
            ws.write_string(r, 0, text, self.note)
        head = SUMMARY_TABLE_ROW
        self.heading(ws, head, heads)
        for r, (label, name, kind, now, before, moved) in enumerate(figures, head + 1):
            ws.write_string(r, 0, label)
            self.put(ws, r, 1, now, self.numbers[kind])
            self.put(ws, r, 2, before, self.numbers[kind])
            self.put(ws, r, 3, moved, self.changes[kind])
            ws.write_string(r, 4, name, self.grey)
        self._trend(ws, trend, head + len(figures) + 3)
        labels = [label for label, *_ in figures] + [w(bounds[1])]
        ws.set_column(0, 0, max(Widths(labels, [60] * len(labels)).seen) + 2)
        ws.set_column(1, 3, 17)
        ws.set_column(4, 4, 30)
        ws.activate()

    def _trend(self, ws, trend: Trend, start: int) -> None:
        """The trend's table (its title above it) and, when it has rows, its chart beside the
        figures: the next-to-last column as columns, the last (satisfaction, 0-5) as a line on
        a second axis."""
        w = self.words
        ws.write_string(start - 1, 0, w(trend.title), self.bold)
        self.heading(ws, start, trend.heads)
        for r, values in enumerate(trend.rows, start + 1):
            for col, (value, kind) in enumerate(zip(values, trend.kinds, strict=True)):
                self.put(ws, r, col, value, self.numbers.get(kind))
        if not trend.rows:
            return
        first, last = start + 1, start + len(trend.rows)
        bars, line = len(trend.heads) - 2, len(trend.heads) - 1
        chart = self.wb.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": ["Summary", start, bars],
                "categories": ["Summary", first, 0, last, 0],
                "values": ["Summary", first, bars, last, bars],
                "fill": {"color": "#4472C4"},
            }
        )
        satisfaction = self.wb.add_chart({"type": "line"})
        satisfaction.add_series(
            {
                "name": ["Summary", start, line],
                "categories": ["Summary", first, 0, last, 0],
                "values": ["Summary", first, line, last, line],
                "y2_axis": True,
                "marker": {"type": "circle"},
                "line": {"color": "#ED7D31"},
            }
        )
        satisfaction.set_y2_axis({"name": w(trend.heads[line]), "min": 0, "max": 5})
        chart.combine(satisfaction)
        chart.set_title({"name": w(trend.chart)})
        chart.set_y_axis({"name": w(trend.heads[bars]), "min": 0})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 620, "height": 320})
        ws.insert_chart(1, 6, chart)

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


def change_of(now, before, kind: str):
    """This period's figure minus the last one's: counts exactly, averages as
    satisfaction_change is (2 places, half up), rates exactly to their 4 places; None when
    either is missing."""
    if now is None or before is None:
        return None
    if kind == "count":
        return now - before
    if kind == "score":
        return change(now, before)
    return float(Decimal(str(now)) - Decimal(str(before)))
