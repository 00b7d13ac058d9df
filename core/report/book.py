"""The report's workbook, written with XlsxWriter in memory: its formats, how a cell, a
table and a Summary are written. The weekly report's sheets are core.report.sheets', the
monthly report's core.report.monthly_book's.

Every text goes through write_string and the workbook is made with strings_to_formulas,
strings_to_urls and strings_to_numbers off, so no text ever becomes a formula, a link or a
number. Every number has a format: counts 0, rates 0.00%, averages 0.00, a rate's change in
percentage points (+0.48 pp / +0.48 个百分点, the cell holding 0.48), and dates are datetime
cells of the floor's wall-clock time with a date format.

Every sheet prints for a meeting (page_setup): A4 landscape, one page wide, its header row
on every page, the page number in the footer; the Summary on one page with its chart. Charts
are sized by chart_size so every category's label shows.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from core.report.cells import Widths, local_naive, text_width, wrapped_height, wrapped_lines
from core.report.figures import change
from core.report.period import Period
from core.report.streamed import DATE, NUMBER, RATE, SCORE, TEXT, WRAP, style_id
from core.report.words import Words

SAFE_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
DATE_FORMAT = "yyyy-mm-dd hh:mm"
NOTES_ROW = 7
"""0-based row of the Summary's first note (an empty week's): a blank row above and below."""
MAX_NOTES = 2
SUMMARY_TABLE_ROW = NOTES_ROW + MAX_NOTES + 1
"""0-based row of the Summary's figures' heading: the same with notes or without, so a
reader (or a test) finds the table at one place."""
TOP_FILL, LOW_FILL = "#FFF2CC", "#F8CBAD"
FORMATS = {"count": "0", "rate": "0.00%", "score": "0.00"}
DATE_SHOWN = "2026-11-16 09:00"
"""As wide as a date cell shows (the workbook's date format, yyyy-mm-dd hh:mm)."""
"""Every number's format, by kind."""
A4 = 9
"""XlsxWriter's paper number of A4."""
PX_PER_CHAR = 7
"""Pixels of one narrow character (a wide one counts two) at a chart's label size (9-10 pt)."""
BAR_PX = 34
"""Height each horizontal bar gets, its label's line with room to spare (Excel and LibreOffice
drop every other label when lines are closer than a label's height)."""
COLUMN_PX = 48
"""Width each column of a column chart gets at least."""
FRAME_HEIGHT, FRAME_WIDTH = 96, 150
"""A chart's room besides its bars: title, axes and legend (height); axes and their titles,
both sides (width)."""
PLOT_WIDTH, COLUMN_HEIGHT = 360, 320
"""A bar chart's bars' room beside their labels; a column chart's height."""
ROW_PX, COLUMN_PX_DEFAULT = 20, 64
"""A default row's height and a default column's width in pixels (where a chart's cells end)."""


def label_px(labels: Sequence[str]) -> int:
    """The longest label's width in pixels, a wide (CJK) character counting two narrow ones."""
    return max((text_width(str(label)) for label in labels), default=0) * PX_PER_CHAR


def chart_size(labels: Sequence[str], *, bars: bool) -> tuple[int, int]:
    """A chart's (width, height) in pixels for its categories' labels, so none is dropped.

    Horizontal bars (bars=True): BAR_PX of height per label above FRAME_HEIGHT, and the
    longest label's width beside PLOT_WIDTH of bars. Columns: each label gets the longest
    label's width (at least COLUMN_PX) beside FRAME_WIDTH of axes, COLUMN_HEIGHT high. So
    (height - FRAME_HEIGHT) / labels >= BAR_PX for bars and (width - FRAME_WIDTH) / labels >=
    max(COLUMN_PX, label_px) for columns."""
    n, longest = max(len(labels), 1), label_px(labels) + 12
    if bars:
        return PLOT_WIDTH + longest, FRAME_HEIGHT + BAR_PX * n
    return FRAME_WIDTH + n * max(COLUMN_PX, longest), COLUMN_HEIGHT


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
        import xlsxwriter  # here: 10 MB of every app session's memory, which only exports use

        self.wb = xlsxwriter.Workbook(self.buffer, {"in_memory": True, **SAFE_TEXT})
        add = self.wb.add_format
        self.title = add({"bold": True, "font_size": 14})
        heading = {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True, "valign": "top"}
        self.head = add(heading)
        self.head_number = add({**heading, "align": "right"})
        """A number column's heading: over its figures, which stand right."""
        self.head_aside = add({**heading, "indent": 1})
        """The JSON column's heading: set off from the change column beside it, as its names are."""
        self.bold = add({"bold": True})
        self.date = add({"num_format": DATE_FORMAT, "align": "left"})
        self.note = add({"italic": True, "font_color": "#9C0006"})
        self.grey = add({"font_color": "#808080", "indent": 1})
        self.wrap = add({"text_wrap": True, "indent": 1})
        self.numbers = {kind: add({"num_format": fmt}) for kind, fmt in FORMATS.items()}
        points = f'" {words("points")}"'
        self.changes = {
            "count": add({"num_format": "+0;-0;0"}),
            # a rate's change is in percentage points: the cell holds 0.48 for +0.48 pp
            "rate": add({"num_format": f"+0.00{points};-0.00{points};0.00{points}"}),
            "score": add({"num_format": "+0.00;-0.00;0.00"}),
        }
        self.top = {
            kind: add({"num_format": fmt, "bg_color": TOP_FILL})
            for kind, fmt in (("text", "@"), *FORMATS.items())
        }
        low = {"bg_color": LOW_FILL}
        streamed: dict[str, dict[str, str | bool | int]] = {
            TEXT: {},
            WRAP: {"text_wrap": True, "indent": 1},
            DATE: {"num_format": DATE_FORMAT, "align": "left"},
            NUMBER: {"num_format": FORMATS["count"]},
            RATE: {"num_format": FORMATS["rate"]},
            SCORE: {"num_format": FORMATS["score"]},
        }
        self.streamed_formats = {
            style_id(DATE, False): self.date,
            style_id(NUMBER, False): self.numbers["count"],
        }
        for kind, props in streamed.items():
            if style_id(kind, False) not in self.streamed_formats and props:
                self.streamed_formats[style_id(kind, False)] = add(props)
            self.streamed_formats[style_id(kind, True)] = add({**props, **low})
        # The long sheets' rows are written before XlsxWriter writes anything, so their
        # formats get their numbers now (core.report.streamed checks them when it puts the rows in).
        # Every book numbers them, the monthly one too, so all number their formats alike.
        self.streamed_styles = {
            ident: fmt._get_xf_index() for ident, fmt in sorted(self.streamed_formats.items())
        }

    # ------------------------------------------------------------ printing

    def page_setup(self, ws, header_row: int | None = 0, *, one_page: bool = False) -> None:
        """A sheet as it prints for the meeting: A4 landscape, one page wide (one page in all
        when one_page), the header row (0-based, None for none) on every page, the sheet's
        name and the page number in the footer."""
        ws.set_landscape()
        ws.set_paper(A4)
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        ws.fit_to_pages(1, 1 if one_page else 0)
        if header_row is not None:
            ws.repeat_rows(header_row)
        ws.set_footer(f"&L&A&R{self.words('page_footer')}")
        if one_page:
            ws.center_horizontally()

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
        "long" (text wrapped in its capped column), "count", "rate", "score"), marked rows
        filled, an optional bold total row; with no rows, empty (default "None this week.")
        under the heading. Printed one page wide, the heading on every page."""
        ws = self.wb.add_worksheet(name)
        caps = list(caps or [40] * len(headers))
        widths = Widths(list(headers), caps)
        for col, header in enumerate(headers):
            ws.write_string(start, col, header, self.head_for(kinds[col]))
        long = [col for col, kind in enumerate(kinds) if kind == "long"]
        for r, values in enumerate(rows, start + 1):
            if long:  # wrapped text: the row as high as its lines
                lines = max(wrapped_lines(values[col], caps[col]) for col in long)
                if lines > 1:
                    ws.set_row(r, wrapped_height(lines))
            top = r - start - 1 < len(marked) and marked[r - start - 1]
            for col, (value, kind) in enumerate(zip(values, kinds, strict=True)):
                fmt = (self.top.get(kind) if top else None) or self._format(kind)
                self.put(ws, r, col, value, fmt)
                if isinstance(value, str):
                    widths.see(col, value)
                elif isinstance(value, datetime):  # shown as yyyy-mm-dd hh:mm: room for it, not #####
                    widths.see(col, DATE_SHOWN)
        if total is not None:
            r = start + len(rows) + 1
            for col, (value, kind) in enumerate(zip(total, kinds, strict=True)):
                self.put(ws, r, col, value, self._format(kind, self.bold))
        if not rows and total is None:
            ws.write_string(start + 1, 0, empty or self.words("no_rows"), self.note)
        columns = [max(width, 10) for width in widths.columns()]
        for col, width in enumerate(columns):
            ws.set_column(col, col, width)
        self.heading_height(ws, start, headers, columns)
        ws.freeze_panes(start + 1, 0)
        self.page_setup(ws, start)
        return ws

    def _format(self, kind: str, text=None):
        """A cell's format by its column's kind; text's is the given one (None: none)."""
        if kind == "long":
            return self.wrap
        return text if kind in ("text", "date") else self.numbers[kind]

    @staticmethod
    def heading_height(ws, row: int, headers: Sequence[str], widths: Sequence[float]) -> None:
        """The heading row as high as its longest wrapped heading (in columns widths wide)."""
        lines = max(
            (
                wrapped_lines(h, int(w) - 1) if text_width(h) > w - 1 else 1
                for h, w in zip(headers, widths, strict=True)
            ),
            default=1,
        )
        if lines > 1:
            ws.set_row(row, wrapped_height(lines))

    def head_for(self, kind: str):
        """A column's heading format: right over numbers, left over text."""
        if kind == "aside":
            return self.head_aside
        return self.head if kind in ("text", "long", "date") else self.head_number

    def heading(self, ws, row: int, keys: Sequence[str], kinds: Sequence[str] = ()) -> None:
        """A row of headings from the first column, by their words' keys (kinds: each
        column's, for the alignment; text when not given)."""
        for col, key in enumerate(keys):
            kind = kinds[col] if col < len(kinds) else "text"
            ws.write_string(row, col, self.words(key), self.head_for(kind))

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
        the moment and the phones' privacy (red when clear); notes (MAX_NOTES at most) from
        NOTES_ROW, a blank row above and below them; the figures' table at SUMMARY_TABLE_ROW
        under heads (keys), one row per (label, JSON name, kind, this period, the last, the
        change; a rate's change as a fraction, shown in points); the trend three rows under
        it, its chart beside it. Prints on one page."""
        w, ws = self.words, self.wb.add_worksheet(self.words.sheet("summary"))
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
        if len(notes) > MAX_NOTES:
            raise ValueError(f"the Summary has room for {MAX_NOTES} notes, not {len(notes)}")
        for r, text in enumerate(notes, NOTES_ROW):
            ws.write_string(r, 0, text, self.note)
        head = SUMMARY_TABLE_ROW
        self.heading(ws, head, heads, ("text", "count", "count", "count", "aside"))
        for r, (label, name, kind, now, before, moved) in enumerate(figures, head + 1):
            ws.write_string(r, 0, label)
            self.put(ws, r, 1, now, self.numbers[kind])
            self.put(ws, r, 2, before, self.numbers[kind])
            self.put(ws, r, 3, points(moved) if kind == "rate" else moved, self.changes[kind])
            ws.write_string(r, 4, name, self.grey)
        labels = [label for label, *_ in figures] + [w(bounds[1]), w(trend.title)]
        first = max(Widths(labels, [60] * len(labels)).seen) + 2
        ws.set_column(0, 0, first)
        ws.set_column(1, 3, 17)
        ws.set_column(4, 4, 30)
        widths = [first, 17, 17, 17, 30]
        start = head + len(figures) + 3
        right, bottom = self._trend(ws, trend, start, widths)
        # the print area holds the chart (beside the trend table), so one page shows it all
        ws.print_area(0, 0, max(bottom, start + len(trend.rows)), max(right, len(heads) - 1))
        self.page_setup(ws, None, one_page=True)
        ws.activate()

    def _trend(self, ws, trend: Trend, start: int, widths: Sequence[float]) -> tuple[int, int]:
        """The trend's table (its title above it) and, when it has rows, its chart beside
        it: the next-to-last column as columns, the last (satisfaction, 0-5) as a line on a
        second axis. widths: the sheet's columns' widths (characters) from A. Returns the last
        column and row (0-based) the chart covers (the table's when there is no chart)."""
        w, sheet = self.words, ws.name
        ws.write_string(start - 1, 0, w(trend.title), self.bold)
        self.heading(ws, start, trend.heads, trend.kinds)
        self.heading_height(ws, start, [w(key) for key in trend.heads], widths[: len(trend.heads)])
        for r, values in enumerate(trend.rows, start + 1):
            for col, (value, kind) in enumerate(zip(values, trend.kinds, strict=True)):
                self.put(ws, r, col, value, self.numbers.get(kind))
        if not trend.rows:
            return len(trend.heads) - 1, start
        first, last = start + 1, start + len(trend.rows)
        bars, line = len(trend.heads) - 2, len(trend.heads) - 1
        chart = self.wb.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": [sheet, start, bars],
                "categories": [sheet, first, 0, last, 0],
                "values": [sheet, first, bars, last, bars],
                "fill": {"color": "#4472C4"},
            }
        )
        satisfaction = self.wb.add_chart({"type": "line"})
        satisfaction.add_series(
            {
                "name": [sheet, start, line],
                "categories": [sheet, first, 0, last, 0],
                "values": [sheet, first, line, last, line],
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
        width, height = chart_size([str(row[0]) for row in trend.rows], bars=False)
        chart.set_size({"width": width, "height": height})
        col = len(trend.heads) + 1  # a blank column between the table and the chart
        ws.insert_chart(start - 1, col, chart)
        return _columns_end(col, width, widths), start - 1 + math.ceil(height / ROW_PX)

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


def _columns_end(col: int, width: int, widths: Sequence[float]) -> int:
    """The last column (0-based) a chart width pixels wide reaches from column col, the
    columns from A being widths characters wide (default width past them)."""
    at = col
    while width > 0:
        width -= int(widths[at] * PX_PER_CHAR + 5) if at < len(widths) else COLUMN_PX_DEFAULT
        at += 1
    return at - 1


def points(change: float | None) -> float | None:
    """A change of a rate (a fraction, 0.0048) in percentage points (0.48)."""
    return None if change is None else float(Decimal(str(change)) * 100)


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
