"""The weekly report as an Excel workbook (issue 6): export_week.

    result = export_week(session, "2026-W47", "report.xlsx")            # masked phones
    result = export_week(session, None, "report.xlsx", clear=True)      # supervisors only
    print(result.path, result.tickets, f"{result.seconds:.1f} s")

Sheets, in order (named in the workbook's language, core.report.words.SHEETS; the English
names here): Summary (each figure beside last week's and the change, the 8-week trend chart of
volume and satisfaction), Channels, Categories (top three marked, a chart), Response (by tier),
Handoffs, Agents, Callbacks (the week's done callbacks, low scores highlighted with their
follow-up state), Tickets (every ticket of the week, an Excel table with filters and a frozen
header), Suggestions (the callbacks' suggestions and feedback), Phrases (what customers kept
saying, core.report.phrase_sheet), Improvements (the week's improvement actions and the closed
ones' measured effect, core.report.improvement_sheet). Every sheet prints one page
wide, its header on every page (core.report.book.Book.page_setup). The figures are
weekly_figures' (core.report.figures), read from the same snapshot of the floor as the rows
(core.report.alongside), so the sheets agree with each other and with `callfloor report
--json` run at the same moment. How the long sheets are made fast enough for a 50,000-ticket
week: core.report.export_rows, core.report.streamed and core.report.zipped.

The file appears whole or not at all: everything is written in a hidden folder next to the
target and moved into place with os.replace at the end (core.report.export_file, as the
monthly workbook is). progress(fraction, phase) is called with fractions 0..1 and the phases
"figures", "tickets", "saving" from the exporting thread; it must not touch a UI itself.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from core.floor import Session, storage_problems
from core.report.alongside import FiguresAlongside

# WORK_PREFIX and clean_stale_work_folders are named here too, where callers have found them
from core.report.export_file import WORK_PREFIX as WORK_PREFIX
from core.report.export_file import Progress, ReportFile, report_file
from core.report.export_file import clean_stale_work_folders as clean_stale_work_folders
from core.report.export_rows import FloorClock, callback_rows, ticket_rows
from core.report.improvement_sheet import improvement_sheet
from core.report.improvements import improvements_in
from core.report.long_sheets import (
    Privacy,
    callback_columns,
    suggestion_columns,
    ticket_columns,
    write_callbacks,
    write_tickets,
)
from core.report.period_phrases import period_phrases
from core.report.phrase_sheet import phrase_sheet
from core.report.sheets import WeekBook
from core.report.streamed import StreamedSheet, stretch_table
from core.report.week import Week
from core.report.zipped import ZipWriter
from db.connection import snapshot
from db.models import Ticket


@dataclass(frozen=True)
class ExportResult:
    path: Path
    """Where the workbook is (absolute)."""
    week: str
    """"2026-W47"."""
    tickets: int
    """Rows on the Tickets sheet: the week's tickets."""
    seconds: float
    renamed_from: Path | None = None
    """The name asked for when it was taken (the workbook went to "... (2).xlsx"); else None."""


def export_week(
    session: Session,
    week: str | Week | None,
    path,
    *,
    clear: bool = False,
    progress: Progress | None = None,
    language: str | None = None,
) -> ExportResult:
    """Write the week's report to path (.xlsx). week: "2026-W47", a Week, or None for the last
    full week. clear=True keeps phones and order numbers in full: supervisors only."""
    with report_file(session, Week, week, path, clear=clear, language=language, progress=progress) as out:
        with storage_problems():
            book, sheets, tickets = _read_and_write(session, out)
        _save(book, sheets, out.part, out.progress)
    return ExportResult(out.target, out.period.label, tickets, out.seconds(), out.renamed_from)


# ---------------------------------------------------------------- reading and writing


def _read_and_write(session: Session, out: ReportFile[Week]):
    """Every read of one snapshot of the floor: the long sheets' rows here, the figures in
    another thread (core.report.alongside). Returns XlsxWriter's part, the long sheets and the
    number of tickets."""
    week, w, clear, work, report = out.period, out.words, out.clear, out.work, out.progress
    policy, now = session.policy, session.now()
    book = WeekBook(w, policy.calendar.tz)
    styles, privacy, clock = book.streamed_styles, Privacy(clear), FloorClock(policy.calendar.tz, week, now)
    tickets, callbacks, suggestions = (
        StreamedSheet(w.sheet(key), columns, work / f"{key}.deflate", styles, table=key.title())
        for key, columns in (
            ("tickets", ticket_columns(w, privacy)),
            ("callbacks", callback_columns(w, privacy)),
            ("suggestions", suggestion_columns(w)),
        )
    )
    sheets = (callbacks, tickets, suggestions)
    alongside = FiguresAlongside(session, week)
    try:
        report(0.0, "figures")
        alongside.start()
        with snapshot(session.db):
            received = (
                Ticket.select()
                .where((Ticket.received_at >= week.start) & (Ticket.received_at < week.end))
                .count()
            )
            alongside.snapshot_taken()
            report(0.05, "tickets")
            write_tickets(
                ticket_rows(session, week, clock),
                tickets,
                lambda n: report(0.05 + 0.7 * min(n / max(received, 1), 1.0), "tickets"),
            )
            report(0.75, "tickets")
            write_callbacks(
                callback_rows(session, week, clock),
                callbacks,
                suggestions,
                w,
                privacy,
                policy.callbacks.low_score_max,
            )
            said = period_phrases(session, week)
            actions = improvements_in(session, week)
            found = alongside.figures()
        figures, previous, points, names, tallies = (
            found.week,
            found.previous,
            found.trend,
            found.names,
            found.tallies,
        )
        report(0.8, "saving")
        book.summary(figures, previous, points, clear, policy.callbacks.low_score_max)
        book.channels(figures, previous)
        book.categories(figures, tallies.categories, [c.id for c in policy.categories])
        book.response(tallies, figures)
        book.handoffs(figures)
        book.agents(figures, names)
        numbers = {sheet.name: book.stand_in(sheet) for sheet in sheets}
        phrase_sheet(book, said, privacy, w("no_rows"))
        improvement_sheet(book, actions)
        for sheet in sheets:
            sheet.finish()
        return (book.close(), numbers), sheets, tickets.rows
    except BaseException:
        for sheet in sheets:
            sheet.abandon()
        raise
    finally:
        alongside.stop()


# ---------------------------------------------------------------- saving


def _save(book, sheets, part: Path, report: Progress) -> None:
    """The whole file: XlsxWriter's parts with the long sheets' rows put in (report_file moves
    it into place)."""
    data, numbers = book
    by_file = {f"xl/worksheets/sheet{numbers[s.name]}.xml": s for s in sheets}
    out = ZipWriter(part)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as base:
            tables = _tables(base, sheets)
            names = base.namelist()
            for n, name in enumerate(names, 1):
                content = base.read(name)
                sheet = by_file.get(name)
                if sheet is not None:
                    out.add_spliced(name, *_around(sheet, content))
                else:
                    out.add(name, stretch_table(content, tables[name]) if name in tables else content)
                report(0.85 + 0.15 * n / len(names), "saving")
        out.close()
    except BaseException:
        out.abandon()
        raise


def _around(sheet: StreamedSheet, stand_in: bytes):
    head, tail = sheet.head_and_tail(stand_in)
    return head, sheet.finish(), tail


def _tables(base: zipfile.ZipFile, sheets) -> dict:
    """Table part -> the streamed sheet whose table it is (by the table's name)."""
    found = {}
    for name in base.namelist():
        if name.startswith("xl/tables/"):
            content = base.read(name)
            for sheet in sheets:
                if f' name="{sheet.table}"'.encode() in content:
                    found[name] = sheet
    return found
