"""The workbook's short sheets, written with XlsxWriter: Summary (with the 8-week trend
chart), Channels, Categories (with its chart), Response, Handoffs, Agents; and the stand-ins
of the long sheets (core.report.streamed).

Every text goes through write_string and the workbook is made with strings_to_formulas,
strings_to_urls and strings_to_numbers off, so no text ever becomes a formula, a link or a
number. Dates are datetime cells of the floor's wall-clock time with a date format.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import xlsxwriter

from core.policy import TIERS as TIER_ORDER
from core.report.cells import Widths, local_naive
from core.report.figures import LONG_WAIT, TrendPoint, WeekFigures, ratio
from core.report.streamed import DATE, NUMBER, TEXT, StreamedSheet, placeholder_cells, style_id
from core.report.words import TIERS, Words

SAFE_TEXT = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
DATE_FORMAT = "yyyy-mm-dd hh:mm"
SUMMARY_FIGURES = (
    ("received", "count"),
    ("resolution_rate", "rate"),
    ("fcr_rate", "rate"),
    ("first_response_in_target_rate", "rate"),
    ("solution_in_target_rate", "rate"),
    ("waited_over_1h_rate", "rate"),
    ("longest_wait_minutes", "count"),
    ("satisfaction_avg", "score"),
    ("callbacks_done", "count"),
    ("low_scores", "count"),
    ("warmth_rate", "rate"),
)
"""The Summary's figures, in the order of the issue, with how each is shown."""
LONG_WAIT_SECONDS = int(LONG_WAIT.total_seconds())
SUMMARY_TABLE_ROW = 8  # 0-based row of the figures' heading
TOP_FILL, LOW_FILL = "#FFF2CC", "#F8CBAD"


@dataclass
class ResponseTally:
    """The Response sheet's counts for one tier, by core.report.figures' definitions."""

    tickets: int = 0
    counted: int = 0  # answered, or the response due time has passed
    met: int = 0  # answered by the response due time
    over: int = 0  # waited more than an hour
    longest: int = 0  # seconds

    def add(self, counted: bool, met: bool, wait: int) -> None:
        self.tickets += 1
        self.counted += counted
        self.met += met
        if wait > LONG_WAIT_SECONDS:
            self.over += 1
        if wait > self.longest:
            self.longest = wait

    def merge(self, other: ResponseTally) -> None:
        self.tickets += other.tickets
        self.counted += other.counted
        self.met += other.met
        self.over += other.over
        self.longest = max(self.longest, other.longest)


@dataclass
class WeekTallies:
    """What the Response and Categories sheets count of the week's tickets
    (core.report.export_rows.ticket_tallies)."""

    categories: Counter = field(default_factory=Counter)
    tiers: dict = field(default_factory=dict)
    floor: ResponseTally = field(default_factory=ResponseTally)

    def tier(self, tier: str) -> ResponseTally:
        return self.tiers.setdefault(tier, ResponseTally())


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

    # ------------------------------------------------------------ the sheets

    def summary(
        self,
        figures: WeekFigures,
        previous: WeekFigures | None,
        trend: list[TrendPoint],
        clear: bool,
        low_max: int,
    ) -> None:
        w, ws = self.words, self.wb.add_worksheet("Summary")
        this, last = figures.as_json(), previous.as_json() if previous else {}
        ws.write_string(0, 0, w("title", week=figures.week.label), self.title)
        facts = (
            (w("from"), figures.week.local_start),
            (w("to"), figures.week.local_end),
            (w("as_of"), figures.as_of),
            (w("phones"), w("clear") if clear else w("masked")),
        )
        for r, (label, value) in enumerate(facts, 2):
            ws.write_string(r, 0, label, self.bold)
            self.put(ws, r, 1, value, self.note if clear and r == 5 else None)
        notes = ([w("empty_note")] if figures.received == 0 else []) + (
            [w("no_callbacks_note")] if figures.callbacks_done == 0 else []
        )
        for r, text in enumerate(notes, 6):
            ws.write_string(r, 0, text, self.note)
        head = SUMMARY_TABLE_ROW
        for col, key in enumerate(("figure", "this_week", "last_week", "change", "name")):
            ws.write_string(head, col, w(key), self.head)
        for r, (key, kind) in enumerate(SUMMARY_FIGURES, head + 1):
            now, before = this[key], last.get(key)
            change = figures.satisfaction_change if key == "satisfaction_avg" else _change(now, before, kind)
            ws.write_string(r, 0, w(key, low=low_max))
            self.put(ws, r, 1, now, self.numbers[kind])
            self.put(ws, r, 2, before, self.numbers[kind])
            self.put(ws, r, 3, change, self.changes[kind])
            ws.write_string(r, 4, key, self.grey)
        self._trend(ws, trend, head + len(SUMMARY_FIGURES) + 3)
        ws.set_column(
            0,
            0,
            max(
                Widths(
                    [w(k, low=low_max) for k, _ in SUMMARY_FIGURES] + [w("to")],
                    [60] * (len(SUMMARY_FIGURES) + 1),
                ).seen
            )
            + 2,
        )
        ws.set_column(1, 3, 17)
        ws.set_column(4, 4, 30)
        ws.activate()

    def _trend(self, ws, trend: list[TrendPoint], start: int) -> None:
        w = self.words
        ws.write_string(start - 1, 0, w("trend"), self.bold)
        for col, key in enumerate(("week", "received_series", "satisfaction_series")):
            ws.write_string(start, col, w(key), self.head)
        for r, point in enumerate(trend, start + 1):
            ws.write_string(r, 0, point.week)
            ws.write_number(r, 1, point.received, self.numbers["count"])
            self.put(ws, r, 2, point.satisfaction_avg, self.numbers["score"])
        first, last = start + 1, start + len(trend)
        volume = self.wb.add_chart({"type": "column"})
        volume.add_series(
            {
                "name": ["Summary", start, 1],
                "categories": ["Summary", first, 0, last, 0],
                "values": ["Summary", first, 1, last, 1],
                "fill": {"color": "#4472C4"},
            }
        )
        satisfaction = self.wb.add_chart({"type": "line"})
        satisfaction.add_series(
            {
                "name": ["Summary", start, 2],
                "categories": ["Summary", first, 0, last, 0],
                "values": ["Summary", first, 2, last, 2],
                "y2_axis": True,
                "marker": {"type": "circle"},
                "line": {"color": "#ED7D31"},
            }
        )
        satisfaction.set_y2_axis({"name": w("satisfaction_series"), "min": 0, "max": 5})
        volume.combine(satisfaction)
        volume.set_title({"name": w("trend_chart")})
        volume.set_y_axis({"name": w("received_series"), "min": 0})
        volume.set_legend({"position": "bottom"})
        volume.set_size({"width": 620, "height": 320})
        ws.insert_chart(1, 6, volume)

    def channels(self, figures: WeekFigures, previous: WeekFigures | None) -> None:
        w = self.words
        before = {c.channel: c.count for c in previous.by_channel} if previous else {}
        rows = [
            (
                w.item("channel", c.channel),
                c.count,
                ratio(c.count, figures.received),
                before.get(c.channel, 0),
                c.count - before.get(c.channel, 0),
            )
            for c in figures.by_channel
        ]
        self.table(
            "Channels",
            [w("channel"), w("tickets"), w("share"), w("last_week"), w("change")],
            rows,
            ("text", "count", "rate", "count", "count"),
            total=(
                w("total"),
                figures.received,
                ratio(figures.received, figures.received),
                previous.received if previous else 0,
                figures.received - (previous.received if previous else 0),
            ),
        )

    def categories(self, figures: WeekFigures, counts: Counter, category_ids: Sequence[str]) -> None:
        w = self.words
        every = dict.fromkeys(category_ids, 0) | dict(counts)
        ranked = sorted(every.items(), key=lambda pair: (-pair[1], pair[0]))
        top = {c.category: n for n, c in enumerate(figures.top_categories, 1)}
        rows = [
            (
                w.item("category", ident),
                n,
                ratio(n, figures.received),
                f"★ {top[ident]}" if ident in top else "",
            )
            for ident, n in ranked
        ]
        ws = self.table(
            "Categories",
            [w("category"), w("tickets"), w("share"), w("top")],
            rows,
            ("text", "count", "rate", "text"),
            marked=[ident in top for ident, _ in ranked],
            total=(w("total"), figures.received, ratio(figures.received, figures.received), ""),
        )
        if rows:
            chart = self.wb.add_chart({"type": "bar"})
            chart.add_series(
                {
                    "name": w("tickets"),
                    "categories": ["Categories", 1, 0, len(rows), 0],
                    "values": ["Categories", 1, 1, len(rows), 1],
                    "fill": {"color": "#4472C4"},
                    "data_labels": {"value": True},
                }
            )
            chart.set_title({"name": w("categories_chart")})
            chart.set_y_axis({"reverse": True})
            chart.set_legend({"none": True})
            chart.set_size({"width": 520, "height": 60 + 26 * len(rows)})
            ws.insert_chart(0, 5, chart)

    def response(self, tallies: WeekTallies, figures: WeekFigures) -> None:
        w = self.words
        order = list(TIER_ORDER) + sorted(set(tallies.tiers) - set(TIER_ORDER))

        def row(label: str, t: ResponseTally):
            return (
                label,
                t.tickets,
                t.counted,
                t.met,
                ratio(t.met, t.counted),
                t.over,
                ratio(t.over, t.tickets),
                t.longest // 60,
            )

        rows = [row(w.pick(TIERS, tier), tallies.tiers.get(tier, ResponseTally())) for tier in order]
        self.table(
            "Response",
            [
                w("tier"),
                w("tickets"),
                w("counted"),
                w("in_target"),
                w("in_target_rate"),
                w("over_1h"),
                w("over_1h_rate"),
                w("longest"),
            ],
            rows,
            ("text", "count", "count", "count", "rate", "count", "rate", "count"),
            total=row(w("total"), tallies.floor),
        )

    def handoffs(self, figures: WeekFigures) -> None:
        w = self.words
        rows = [
            (w.item("department", d.department), d.total, d.on_time, d.late, d.stuck)
            for d in figures.handoffs
        ]
        departments = figures.handoffs
        self.table(
            "Handoffs",
            [w("department"), w("handoffs_total"), w("on_time"), w("late"), w("stuck")],
            rows,
            ("text", "count", "count", "count", "count"),
            total=(
                w("total"),
                sum(d.total for d in departments),
                sum(d.on_time for d in departments),
                sum(d.late for d in departments),
                sum(d.stuck for d in departments),
            ),
        )

    def agents(self, figures: WeekFigures, names: dict[str, str]) -> None:
        w = self.words
        rows = [
            (
                a.login,
                names.get(a.login, ""),
                a.tickets_owned,
                a.first_response_in_target_rate,
                a.solution_in_target_rate,
                a.resolved,
                a.fcr_rate,
                a.callbacks_done,
                a.satisfaction_avg,
                a.warmth_rate,
            )
            for a in figures.agents
        ]
        self.table(
            "Agents",
            [
                w("agent"),
                w("agent_name"),
                w("tickets_owned"),
                w("first_response_in_target_rate"),
                w("solution_in_target_rate"),
                w("resolved"),
                w("fcr_rate"),
                w("callbacks_done"),
                w("satisfaction"),
                w("warmth"),
            ],
            rows,
            ("text", "text", "count", "rate", "rate", "count", "rate", "count", "score", "rate"),
        )

    def stand_in(self, sheet: StreamedSheet) -> int:
        """The long sheet's stand-in (see core.report.streamed); its 1-based sheet number."""
        ws = self.wb.add_worksheet(sheet.name)
        columns = len(sheet.columns)
        ws.add_table(
            0,
            0,
            1,
            columns - 1,
            {
                "name": sheet.name,
                "style": "Table Style Medium 2",
                "columns": [{"header": c.header, "header_format": self.head} for c in sheet.columns],
            },
        )
        placeholder_cells(ws, self.streamed_formats)
        for col, width in enumerate(sheet.widths.columns()):
            ws.set_column(col, col, max(width, 17 if sheet.columns[col].kind == DATE else 6))
        ws.freeze_panes(1, 1)
        return self.wb.worksheets().index(ws) + 1

    def close(self) -> bytes:
        self.wb.close()
        return self.buffer.getvalue()


def _change(now, before, kind: str):
    """This week minus last week, exactly (rates to 4 places); None when either is missing."""
    if now is None or before is None:
        return None
    if kind == "count":
        return now - before
    return float(Decimal(str(now)) - Decimal(str(before)))
