"""The monthly callback work report as an Excel workbook (issue 17): export_month.

    result = export_month(session, "2026-11", "callbacks.xlsx")          # masked phones
    result = export_month(session, None, "callbacks.xlsx", clear=True)   # supervisors only

Sheets, in order (named in the workbook's language, core.report.words.SHEETS; the English
names here): Summary (the floor's figures beside last month's and the change, and the month's
satisfaction by week with a chart), Agents (each agent's figures), Low scores (every
low-scored callback of the month with its follow-up state now), Suggestions (every suggestion
the month's callbacks collected), Phrases (what customers kept saying in the month,
core.report.phrase_sheet), each printing one page wide (core.report.book). The figures
are monthly_figures' (core.report.monthly), read with the rows in one transaction, so the
sheets agree with each other and with `callfloor report --month --json` run at the same
moment. A month's callbacks are few enough (thousands, not the weekly Tickets sheet's 50,000
rows) for XlsxWriter to hold in memory.

Privacy and safety are the weekly workbook's, by the same code: phones, and phone and order
numbers in customer names, codes and the customers' words, are masked unless a supervisor asks
for the clear export (core.report.long_sheets.Privacy); no text becomes a formula
(core.report.book); the file is written beside the target and moved into place when whole
(core.report.export_file). progress(fraction, phase) is called with the
phases "figures" and "saving" from the exporting thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.basics import InvalidInput
from core.floor import Session, storage_problems
from core.report.book import Book, Trend, change_of
from core.report.export_file import Progress, report_file
from core.report.long_sheets import Privacy
from core.report.month import Month
from core.report.monthly import FOLLOW_UP_STATES, CallbackWork, MonthFigures, monthly_figures
from core.report.monthly_rows import CallbackRow, SuggestionRow, suggestion_rows
from core.report.period_phrases import period_phrases
from core.report.phrase_sheet import phrase_sheet
from core.report.words import FOLLOW_UPS, Words
from core.report.words import SHEETS as SHEET_NAMES
from db.connection import snapshot
from db.models import Agent
from db.rows import as_tuples

SHEET_KEYS = ("summary", "agents", "low_scores", "suggestions", "phrases")
"""The sheets, in order, by their keys in core.report.words.SHEETS (named in the report's language)."""
SHEETS = tuple(SHEET_NAMES[key][0] for key in SHEET_KEYS)
"""Their English names."""
OTHER = "other"
"""The Summary's row for the low scores in a follow-up state besides the four."""


@dataclass(frozen=True)
class MonthExportResult:
    path: Path
    """Where the workbook is (absolute)."""
    month: str
    """"2026-11"."""
    callbacks: int
    """The month's done callbacks."""
    seconds: float
    renamed_from: Path | None = None
    """The name asked for when it was taken (the workbook went to "... (2).xlsx"); else None."""


def export_month(
    session: Session,
    month: str | Month | None,
    path,
    *,
    clear: bool = False,
    progress: Progress | None = None,
    language: str | None = None,
) -> MonthExportResult:
    """Write the month's callback work report to path (.xlsx). month: "2026-11", a Month, or
    None for the last full month. clear=True keeps phones and order numbers in full:
    supervisors only."""
    with report_file(session, Month, month, path, clear=clear, language=language, progress=progress) as out:
        the_month, report = out.period, out.progress
        report(0.0, "figures")
        with storage_problems(), snapshot(session.db):  # one snapshot for every sheet
            figures = monthly_figures(session, the_month)
            try:
                previous: MonthFigures | None = monthly_figures(session, the_month.previous)
            except InvalidInput:  # the calendar's first month
                previous = None
            suggestions = suggestion_rows(session, the_month)
            said = period_phrases(session, the_month)
            names = dict(as_tuples(Agent.select(Agent.login, Agent.display_name)))
        report(0.5, "saving")
        book = Book(out.words, out.policy.calendar.tz)
        low_max = out.policy.callbacks.low_score_max
        privacy = Privacy(clear)
        _summary(book, figures, previous, clear, low_max)
        _agents(book, figures, names)
        _low_scores(book, figures, privacy)
        _suggestions(book, suggestions, privacy)
        phrase_sheet(book, said, privacy, out.words("no_rows_month"))
        out.part.write_bytes(book.close())
    return MonthExportResult(
        out.target, the_month.label, figures.floor.callbacks_done, out.seconds(), out.renamed_from
    )


# ---------------------------------------------------------------- the Summary


def _others(work: CallbackWork) -> int:
    """Low scores in a follow-up state besides the four (an imported text, or none)."""
    return sum(n for state, n in work.low_score_follow_up.items() if state not in FOLLOW_UP_STATES)


SUMMARY_FIGURES = (
    ("calls_made", "count"),
    ("calls_reached", "count"),
    ("callbacks_done", "count"),
    ("satisfaction_avg", "score"),
    ("efficiency_avg", "score"),
    ("solving_avg", "score"),
    ("attitude_avg", "score"),
    ("low_scores", "count"),
    *((f"low_score_follow_up.{state}", "count") for state in FOLLOW_UP_STATES),
    (f"low_score_follow_up.{OTHER}", "count"),
    ("suggestions", "count"),
    ("warmth_rate", "rate"),
)
"""The Summary's figures by JSON name (a follow-up state as low_score_follow_up.<state>),
with how each is shown; the row of other states only when there are any."""


def _value(work: CallbackWork, name: str):
    if name.startswith("low_score_follow_up."):
        state = name.split(".", 1)[1]
        return _others(work) if state == OTHER else work.low_score_follow_up.get(state, 0)
    return getattr(work, name)


def _label(w: Words, name: str, low_max: int) -> str:
    if name.startswith("low_score_follow_up."):
        state = name.split(".", 1)[1]
        return w("low_follow_up", state=w("other_state") if state == OTHER else w.pick(FOLLOW_UPS, state))
    return w(name, low=low_max)


def _summary_rows(low_max: int, this: CallbackWork, last: CallbackWork | None, w: Words):
    """(label, JSON name, kind, this month, last month, the change) for each figure of the
    Summary."""
    rows = []
    for name, kind in SUMMARY_FIGURES:
        now, before = _value(this, name), None if last is None else _value(last, name)
        if name.endswith(f".{OTHER}") and not now and not before:
            continue
        rows.append((_label(w, name, low_max), name, kind, now, before, change_of(now, before, kind)))
    return rows


def _summary(book: Book, figures: MonthFigures, previous: MonthFigures | None, clear: bool, low_max: int):
    w, floor = book.words, figures.floor
    book.summary_sheet(
        w("month_title", month=figures.month.label),
        figures.month,
        figures.as_of,
        clear,
        bounds=("month_from", "month_to"),
        notes=[w("no_calls_note")] if floor.calls_made == 0 and floor.callbacks_done == 0 else [],
        heads=("figure", "this_month", "last_month", "change", "name"),
        figures=_summary_rows(low_max, floor, previous.floor if previous else None, w),
        trend=Trend(
            "month_trend",
            ("week", "week_from", "week_to", "done_series", "satisfaction_series"),
            [
                (p.span.label, p.span.local_start, p.span.local_end, p.callbacks_done, p.satisfaction_avg)
                for p in figures.weeks
            ],
            ("text", "date", "date", "count", "score"),
            "month_trend_chart",
        ),
    )


# ---------------------------------------------------------------- the other sheets


def _cell(text: str) -> str | None:
    """An empty text as an empty cell."""
    return text or None


def _agents(book: Book, figures: MonthFigures, names: dict[str, str]) -> None:
    w = book.words
    rows = [
        (
            a.login,
            names.get(a.login, ""),
            a.work.calls_made,
            a.work.calls_reached,
            a.work.callbacks_done,
            a.work.satisfaction_avg,
            a.work.efficiency_avg,
            a.work.solving_avg,
            a.work.attitude_avg,
            a.work.low_scores,
            *(a.work.low_score_follow_up.get(state, 0) for state in FOLLOW_UP_STATES),
            _others(a.work),
            a.work.suggestions,
            a.work.warmth_rate,
        )
        for a in figures.agents
    ]
    book.table(
        w.sheet("agents"),
        [
            w("agent"),
            w("agent_name"),
            w("made"),
            w("reached"),
            w("done"),
            w("satisfaction"),
            w("efficiency"),
            w("solving"),
            w("attitude"),
            w("low"),
            *(w("follow_up_state", state=w.pick(FOLLOW_UPS, state)) for state in FOLLOW_UP_STATES),
            w("follow_up_state", state=w("other_state")),
            w("suggestions_short"),
            w("warmth"),
        ],
        rows,
        ("text", "text", "count", "count", "count", "score", "score", "score", "score", "count")
        + ("count",) * (len(FOLLOW_UP_STATES) + 2)
        + ("rate",),
        empty=w("no_rows_month"),
    )


CALLBACK_COLUMNS = (
    ("completed", "date", 17),
    ("callback", "count", 10),
    ("agent", "text", 16),
    ("group", "text", 20),
    ("customer_code", "text", 14),
    ("customer", "text", 30),
)
"""What the Low scores and Suggestions sheets begin with: (words' key, kind, width cap)."""


def _callback_sheet(
    book: Book,
    name: str,
    rows: Sequence[CallbackRow],
    privacy: Privacy,
    more: tuple[tuple[str, str, int], ...],
    values: Callable[[Any], tuple],
) -> None:
    """A sheet of the month's callbacks, one a row: CALLBACK_COLUMNS (the customer masked
    unless clear), then the more columns (words' key, kind, width cap) with values(row)."""
    w = book.words
    groups = w.groups()
    columns = CALLBACK_COLUMNS + more
    ws = book.table(
        name,
        [w(key) for key, _, _ in columns],
        [
            (
                row.completed_at,
                row.callback,
                row.agent,
                groups.get(row.group, row.group),
                _cell(privacy.text(row.customer_code)),
                _cell(privacy.text(row.customer_name)),
                *values(row),
            )
            for row in rows
        ],
        tuple(kind for _, kind, _ in columns),
        caps=[cap for _, _, cap in columns],
        empty=w("no_rows_month"),
    )
    ws.set_column(0, 0, 17)


def _low_scores(book: Book, figures: MonthFigures, privacy: Privacy) -> None:
    w = book.words
    more = (
        ("phone", "text", 18),
        ("ticket", "text", 16),
        *((score, "count", 10) for score in ("overall", "efficiency", "solving", "attitude")),
        ("follow_up", "text", 16),
        ("feedback", "long", 50),
    )
    _callback_sheet(
        book,
        w.sheet("low_scores"),
        figures.low_score_callbacks,
        privacy,
        more,
        lambda row: (
            _cell(privacy.phone(row.phone)),
            row.ticket,
            row.overall,
            row.efficiency,
            row.solving,
            row.attitude,
            w.pick(FOLLOW_UPS, row.follow_up_status),
            _cell(privacy.said(row.feedback)),
        ),
    )


def _suggestions(book: Book, rows: list[SuggestionRow], privacy: Privacy) -> None:
    more = (("ticket", "text", 16), ("overall", "count", 10), ("suggestion", "long", 60))
    _callback_sheet(
        book,
        book.words.sheet("suggestions"),
        rows,
        privacy,
        more,
        lambda row: (row.ticket, row.overall, _cell(privacy.said(row.suggestion))),
    )
