"""The monthly callback work report as an Excel workbook (issue 17): export_month.

    result = export_month(session, "2026-11", "callbacks.xlsx")          # masked phones
    result = export_month(session, None, "callbacks.xlsx", clear=True)   # supervisors only

Sheets, in order: Summary (the floor's figures beside last month's and the change, and the
month's satisfaction by week with a chart), Agents (each agent's figures), Low scores (every
low-scored callback of the month with its follow-up state now), Suggestions (every suggestion
the month's callbacks collected). The figures are monthly_figures' (core.report.monthly), read
with the rows in one transaction, so the sheets agree with each other and with `callfloor
report --month --json` run at the same moment. A month's callbacks are few enough (thousands,
not the weekly Tickets sheet's 50,000 rows) for XlsxWriter to hold in memory.

Privacy and safety are the weekly workbook's (core.report.workbook): phones, and phone and
order numbers in customer names, codes and the customers' words, are masked unless a
supervisor asks for the clear export; no text becomes a formula; the file is written beside
the target and moved into place when whole. progress(fraction, phase) is called with the
phases "figures" and "saving" from the exporting thread.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from core.basics import InvalidInput, StorageProblem
from core.floor import Session, audit, storage_problems
from core.report.cells import Widths
from core.report.figures import change
from core.report.long_sheets import Privacy
from core.report.month import Month, resolve_month
from core.report.monthly import FOLLOW_UP_STATES, CallbackWork, MonthFigures, monthly_figures
from core.report.monthly_rows import SuggestionRow, suggestion_rows
from core.report.sheets import SUMMARY_TABLE_ROW, Book
from core.report.words import FOLLOW_UPS, Words, check_language
from core.report.workbook import target_file, work_folder
from db.models import Agent
from db.rows import as_tuples

Progress = Callable[[float, str], None]
SHEETS = ("Summary", "Agents", "Low scores", "Suggestions")
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
    started = time.perf_counter()
    report = progress or (lambda fraction, phase: None)
    with storage_problems():
        session.require_agent()
        policy = session.policy
        the_month = resolve_month(month, session.now(), policy.calendar.tz)
        if clear and not session.is_supervisor:
            raise audit.refuse(
                session,
                "report.clear.supervisors_only",
                action="export the clear report",
                target=the_month.label,
                login=session.login,
            )
    words = Words(policy, check_language(language, policy))
    target = target_file(path)
    work = work_folder(target)
    try:
        report(0.0, "figures")
        with storage_problems(), session.db.atomic():  # one snapshot for every sheet
            figures = monthly_figures(session, the_month)
            try:
                previous: MonthFigures | None = monthly_figures(session, the_month.previous)
            except InvalidInput:  # the calendar's first month
                previous = None
            suggestions = suggestion_rows(session, the_month)
            names = dict(as_tuples(Agent.select(Agent.login, Agent.display_name)))
        report(0.5, "saving")
        book = Book(words, policy.calendar.tz)
        low_max = policy.callbacks.low_score_max
        privacy = Privacy(clear)
        _summary(book, figures, previous, clear, low_max)
        _agents(book, figures, names)
        _low_scores(book, figures, privacy)
        _suggestions(book, suggestions, privacy)
        part = Path(work) / "report.xlsx"
        part.write_bytes(book.close())
        os.replace(part, target)
    except OSError as exc:  # a full disk, a folder gone read-only, ...
        raise StorageProblem("report.save_failed", path=str(target), reason=str(exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(1.0, "saving")
    return MonthExportResult(
        target, the_month.label, figures.floor.callbacks_done, time.perf_counter() - started
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
    """(label, JSON name, kind, this month, last month) for each figure of the Summary."""
    rows = []
    for name, kind in SUMMARY_FIGURES:
        now, before = _value(this, name), None if last is None else _value(last, name)
        if name.endswith(f".{OTHER}") and not now and not before:
            continue
        rows.append((_label(w, name, low_max), name, kind, now, before))
    return rows


def _change(now, before, kind: str):
    """This month minus last month: counts exactly, averages as satisfaction_change is (2
    places), rates exactly to their 4 places; None when either is missing."""
    if now is None or before is None:
        return None
    if kind == "count":
        return now - before
    if kind == "score":
        return change(now, before)
    return float(Decimal(str(now)) - Decimal(str(before)))


def _summary(book: Book, figures: MonthFigures, previous: MonthFigures | None, clear: bool, low_max: int):
    w, ws = book.words, book.wb.add_worksheet("Summary")
    ws.write_string(0, 0, w("month_title", month=figures.month.label), book.title)
    facts = (
        (w("month_from"), figures.month.local_start),
        (w("month_to"), figures.month.local_end),
        (w("as_of"), figures.as_of),
        (w("phones"), w("clear") if clear else w("masked")),
    )
    for r, (label, value) in enumerate(facts, 2):
        ws.write_string(r, 0, label, book.bold)
        book.put(ws, r, 1, value, book.note if clear and r == 5 else None)
    floor = figures.floor
    if floor.calls_made == 0 and floor.callbacks_done == 0:
        ws.write_string(6, 0, w("no_calls_note"), book.note)
    head = SUMMARY_TABLE_ROW
    for col, key in enumerate(("figure", "this_month", "last_month", "change", "name")):
        ws.write_string(head, col, w(key), book.head)
    rows = _summary_rows(low_max, floor, previous.floor if previous else None, w)
    for r, (label, name, kind, now, before) in enumerate(rows, head + 1):
        ws.write_string(r, 0, label)
        book.put(ws, r, 1, now, book.numbers[kind])
        book.put(ws, r, 2, before, book.numbers[kind])
        book.put(ws, r, 3, _change(now, before, kind), book.changes[kind])
        ws.write_string(r, 4, name, book.grey)
    _trend(book, ws, figures, head + len(rows) + 3)
    labels = [label for label, *_ in rows] + [w("month_to")]
    ws.set_column(0, 0, max(Widths(labels, [60] * len(labels)).seen) + 2)
    ws.set_column(1, 3, 17)
    ws.set_column(4, 4, 30)
    ws.activate()


def _trend(book: Book, ws, figures: MonthFigures, start: int) -> None:
    """The month's satisfaction by week (the clipped ISO weeks), a table and a chart."""
    w = book.words
    ws.write_string(start - 1, 0, w("month_trend"), book.bold)
    for col, key in enumerate(("week", "week_from", "week_to", "done_series", "satisfaction_series")):
        ws.write_string(start, col, w(key), book.head)
    for r, point in enumerate(figures.weeks, start + 1):
        ws.write_string(r, 0, point.span.label)
        book.put(ws, r, 1, point.span.local_start)
        book.put(ws, r, 2, point.span.local_end)
        ws.write_number(r, 3, point.callbacks_done, book.numbers["count"])
        book.put(ws, r, 4, point.satisfaction_avg, book.numbers["score"])
    if not figures.weeks:
        return
    first, last = start + 1, start + len(figures.weeks)
    done = book.wb.add_chart({"type": "column"})
    done.add_series(
        {
            "name": ["Summary", start, 3],
            "categories": ["Summary", first, 0, last, 0],
            "values": ["Summary", first, 3, last, 3],
            "fill": {"color": "#4472C4"},
        }
    )
    satisfaction = book.wb.add_chart({"type": "line"})
    satisfaction.add_series(
        {
            "name": ["Summary", start, 4],
            "categories": ["Summary", first, 0, last, 0],
            "values": ["Summary", first, 4, last, 4],
            "y2_axis": True,
            "marker": {"type": "circle"},
            "line": {"color": "#ED7D31"},
        }
    )
    satisfaction.set_y2_axis({"name": w("satisfaction_series"), "min": 0, "max": 5})
    done.combine(satisfaction)
    done.set_title({"name": w("month_trend_chart")})
    done.set_y_axis({"name": w("done_series"), "min": 0})
    done.set_legend({"position": "bottom"})
    done.set_size({"width": 620, "height": 320})
    ws.insert_chart(1, 6, done)


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
        "Agents",
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


def _low_scores(book: Book, figures: MonthFigures, privacy: Privacy) -> None:
    w = book.words
    groups = w.groups()
    rows = [
        (
            row.completed_at,
            row.callback,
            row.agent,
            groups.get(row.group, row.group),
            _cell(privacy.text(row.customer_code)),
            _cell(privacy.text(row.customer_name)),
            _cell(privacy.phone(row.phone)),
            row.ticket,
            row.overall,
            row.efficiency,
            row.solving,
            row.attitude,
            w.pick(FOLLOW_UPS, row.follow_up_status),
            _cell(privacy.said(row.feedback)),
        )
        for row in figures.low_score_callbacks
    ]
    ws = book.table(
        "Low scores",
        [
            w("completed"),
            w("callback"),
            w("agent"),
            w("group"),
            w("customer_code"),
            w("customer"),
            w("phone"),
            w("ticket"),
            w("overall"),
            w("efficiency"),
            w("solving"),
            w("attitude"),
            w("follow_up"),
            w("feedback"),
        ],
        rows,
        ("text", "count", "text", "text", "text", "text", "text", "text") + ("count",) * 4 + ("text", "text"),
        caps=[17, 10, 16, 20, 14, 30, 18, 16, 10, 10, 10, 10, 16, 60],
        empty=w("no_rows_month"),
    )
    ws.set_column(0, 0, 17)


def _suggestions(book: Book, rows: list[SuggestionRow], privacy: Privacy) -> None:
    w = book.words
    groups = w.groups()
    ws = book.table(
        "Suggestions",
        [
            w("completed"),
            w("callback"),
            w("agent"),
            w("group"),
            w("customer_code"),
            w("customer"),
            w("ticket"),
            w("overall"),
            w("suggestion"),
        ],
        [
            (
                row.completed_at,
                row.callback,
                row.agent,
                groups.get(row.group, row.group),
                _cell(privacy.text(row.customer_code)),
                _cell(privacy.text(row.customer_name)),
                row.ticket,
                row.overall,
                _cell(privacy.said(row.suggestion)),
            )
            for row in rows
        ],
        ("text", "count", "text", "text", "text", "text", "text", "count", "text"),
        caps=[17, 10, 16, 20, 14, 30, 16, 10, 60],
        empty=w("no_rows_month"),
    )
    ws.set_column(0, 0, 17)
