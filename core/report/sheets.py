"""The weekly workbook's short sheets (core.report.book writes them): Summary (with the 8-week
trend chart), Channels, Categories (with its chart), Response, Handoffs, Agents; and the
stand-ins of the long sheets (core.report.streamed). Sheets are named in the report's language
(core.report.words.SHEETS; the English names here).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from core.policy import TIERS as TIER_ORDER
from core.report.book import Book, Trend, change_of, chart_size
from core.report.figures import LONG_WAIT, TrendPoint, WeekFigures, ratio
from core.report.streamed import DATE, NUMBERS, StreamedSheet, placeholder_cells
from core.report.words import TIERS, Words

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


def summary_rows(figures: WeekFigures, previous: WeekFigures | None) -> list[tuple]:
    """The Summary's figures, each (JSON name, kind, this week, last week, the change): the
    workbook's Summary and the report screen (core.report.drill) show the same."""
    this, last = figures.as_json(), previous.as_json() if previous else {}
    rows = []
    for key, kind in SUMMARY_FIGURES:
        now, before = this[key], last.get(key)
        moved = figures.satisfaction_change if key == "satisfaction_avg" else change_of(now, before, kind)
        rows.append((key, kind, now, before, moved))
    return rows


def summary_notes(figures: WeekFigures, w: Words) -> list[str]:
    """What the Summary says of an empty week (no tickets, no callbacks), above its figures."""
    return ([w("empty_note")] if figures.received == 0 else []) + (
        [w("no_callbacks_note")] if figures.callbacks_done == 0 else []
    )


class WeekBook(Book):
    """The weekly report's workbook: its short sheets and the long sheets' stand-ins."""

    def summary(
        self,
        figures: WeekFigures,
        previous: WeekFigures | None,
        trend: list[TrendPoint],
        clear: bool,
        low_max: int,
    ) -> None:
        w = self.words
        notes = summary_notes(figures, w)
        rows = [
            (w(key, low=low_max), key, kind, now, before, moved)
            for key, kind, now, before, moved in summary_rows(figures, previous)
        ]
        self.summary_sheet(
            w("title", week=figures.week.label),
            figures.week,
            figures.as_of,
            clear,
            bounds=("from", "to"),
            notes=notes,
            heads=("figure", "this_week", "last_week", "change", "name"),
            figures=rows,
            trend=Trend(
                "trend",
                ("week", "received_series", "satisfaction_series"),
                [(p.week, p.received, p.satisfaction_avg) for p in trend],
                ("text", "count", "score"),
                "trend_chart",
            ),
        )

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
            w.sheet("channels"),
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
            w.sheet("categories"),
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
                    "categories": [ws.name, 1, 0, len(rows), 0],
                    "values": [ws.name, 1, 1, len(rows), 1],
                    "fill": {"color": "#4472C4"},
                    "data_labels": {"value": True},
                }
            )
            chart.set_title({"name": w("categories_chart")})
            chart.set_y_axis({"reverse": True})
            chart.set_legend({"none": True})
            width, height = chart_size([row[0] for row in rows], bars=True)
            chart.set_size({"width": width, "height": height})
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
            w.sheet("response"),
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
            w.sheet("handoffs"),
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
            w.sheet("agents"),
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
                "name": sheet.table,
                "style": "Table Style Medium 2",
                "columns": [
                    {
                        "header": c.header,
                        "header_format": self.head_for("count" if c.kind in NUMBERS else "text"),
                    }
                    for c in sheet.columns
                ],
            },
        )
        placeholder_cells(ws, self.streamed_formats)
        widths = [
            max(width, 17 if column.kind == DATE else 6)
            for width, column in zip(sheet.widths.columns(), sheet.columns, strict=True)
        ]
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        self.heading_height(ws, 0, [c.header for c in sheet.columns], widths)
        ws.freeze_panes(1, 1)
        self.page_setup(ws, 0)
        return self.wb.worksheets().index(ws) + 1
