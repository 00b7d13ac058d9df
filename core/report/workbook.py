"""The weekly report as an Excel workbook (issue 6): export_week.

    result = export_week(session, "2026-W47", "report.xlsx")            # masked phones
    result = export_week(session, None, "report.xlsx", clear=True)      # supervisors only
    print(result.path, result.tickets, f"{result.seconds:.1f} s")

Sheets, in order: Summary (each figure beside last week's and the change, the 8-week trend
chart of volume and satisfaction), Channels, Categories (top three marked, a chart), Response
(by tier), Handoffs, Agents, Callbacks (the week's done callbacks, low scores highlighted with
their follow-up state), Tickets (every ticket of the week, an Excel table with filters and a
frozen header), Suggestions (the callbacks' suggestions and feedback). The figures are
weekly_figures' (core.report.figures), read from the same snapshot of the floor as the rows
(core.report.alongside), so the sheets agree with each other and with `callfloor report
--json` run at the same moment. How the long sheets are made fast enough for a 50,000-ticket
week: core.report.export_rows, core.report.streamed and core.report.zipped.

The file appears whole or not at all: everything is written in a hidden folder next to the
target and moved into place with os.replace at the end. progress(fraction, phase) is called
with fractions 0..1 and the phases "figures", "tickets", "saving" from the exporting thread;
it must not touch a UI itself.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from core.basics import InvalidInput, StorageProblem
from core.floor import Session, audit, storage_problems
from core.report.alongside import FiguresAlongside
from core.report.export_rows import FloorClock, callback_rows, ticket_rows
from core.report.long_sheets import (
    Privacy,
    callback_columns,
    suggestion_columns,
    ticket_columns,
    write_callbacks,
    write_tickets,
)
from core.report.sheets import Book
from core.report.streamed import StreamedSheet, stretch_table
from core.report.week import Week, resolve_week
from core.report.words import Words, check_language
from core.report.zipped import ZipWriter
from db.models import Ticket

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    """Where the workbook is (absolute)."""
    week: str
    """"2026-W47"."""
    tickets: int
    """Rows on the Tickets sheet: the week's tickets."""
    seconds: float


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
    started = time.perf_counter()
    report = progress or (lambda fraction, phase: None)
    with storage_problems():
        session.require_agent()  # an unknown login is told how to be added, before anything is written
        policy = session.policy
        the_week = resolve_week(week, session.now(), policy.calendar.tz)
        if clear and not session.is_supervisor:
            raise audit.refuse(
                session,
                "report.clear.supervisors_only",
                action="export the clear report",
                target=the_week.label,
                login=session.login,
            )
    words = Words(policy, check_language(language, policy))
    target = target_file(path)
    work = work_folder(target)
    try:
        with storage_problems():
            book, sheets, tickets = _read_and_write(session, the_week, words, clear, Path(work), report)
        _save(book, sheets, Path(work) / "report.xlsx", target, report)
    except OSError as exc:  # a full disk, a folder gone read-only, ...
        raise StorageProblem("report.save_failed", path=str(target), reason=str(exc.strerror or exc)) from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(1.0, "saving")
    return ExportResult(target, the_week.label, tickets, time.perf_counter() - started)


# ---------------------------------------------------------------- where the file goes


def target_file(path) -> Path:
    """Where a workbook goes: an absolute .xlsx path in a folder that exists (else InvalidInput)."""
    if path is None or not str(path).strip():
        raise InvalidInput("file", "report.file.none")
    target = Path(path).expanduser().absolute()
    if target.is_dir():
        raise InvalidInput(
            "file", "report.file.folder", path=str(target), example=str(target / "report.xlsx")
        )
    if target.suffix.lower() != ".xlsx":
        raise InvalidInput(
            "file", "report.file.not_xlsx", name=target.name, example=f"{target.stem or 'report'}.xlsx"
        )
    if not target.parent.is_dir():
        raise InvalidInput("file", "report.file.no_folder", folder=str(target.parent))
    return target


WORK_PREFIX = ".callfloor-export-"
STALE_AFTER_SECONDS = 24 * 3600
"""A work folder whose export cannot be asked about (another host's) is left this long."""


def work_folder(target: Path) -> str:
    """A hidden folder beside the target for the parts (same file system: os.replace works),
    mode 0700 (mkdtemp's): its parts hold customers' data in clear. Named for this host and
    process, so that the next export can tell the leftovers of a killed one and remove them."""
    clean_stale_work_folders(target.parent)
    try:
        return tempfile.mkdtemp(prefix=f"{WORK_PREFIX}{_host()}-{os.getpid()}-", dir=target.parent)
    except OSError as exc:
        raise StorageProblem(
            "report.folder.not_writable", folder=str(target.parent), reason=str(exc.strerror or exc)
        ) from exc


def clean_stale_work_folders(folder: Path) -> list[Path]:
    """Remove this user's export work folders in folder whose export is gone (its process on
    this host has ended, or the folder is a day old); the ones removed."""
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(WORK_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue  # not ours to judge (nor, mode 0700, to remove)
        if _still_running(entry.name) and time.time() - info.st_mtime < STALE_AFTER_SECONDS:
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9.]", "_", socket.gethostname())[:64] or "host"


def _still_running(name: str) -> bool:
    """Whether the export that named this work folder may still be writing it (True when that
    cannot be told: another host's, or a name from before hosts and processes were in it)."""
    parts = name[len(WORK_PREFIX) :].rsplit("-", 2)
    if len(parts) != 3 or parts[0] != _host() or not parts[1].isdigit():
        return True
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # a process of another user's holds the number now: not ours, leave it to age
    return True


# ---------------------------------------------------------------- reading and writing


def _read_and_write(session: Session, week: Week, w: Words, clear: bool, work: Path, report: Progress):
    """Every read of one snapshot of the floor: the long sheets' rows here, the figures in
    another thread (core.report.alongside). Returns XlsxWriter's part, the long sheets and the
    number of tickets."""
    policy, now = session.policy, session.now()
    book = Book(w, policy.calendar.tz)
    styles, privacy, clock = book.streamed_styles, Privacy(clear), FloorClock(policy.calendar.tz, week, now)
    tickets = StreamedSheet("Tickets", ticket_columns(w, privacy), work / "tickets.deflate", styles)
    callbacks = StreamedSheet("Callbacks", callback_columns(w, privacy), work / "callbacks.deflate", styles)
    suggestions = StreamedSheet("Suggestions", suggestion_columns(w), work / "suggestions.deflate", styles)
    sheets = (callbacks, tickets, suggestions)
    alongside = FiguresAlongside(session, week)
    try:
        report(0.0, "figures")
        alongside.start()
        with session.db.atomic():
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


def _save(book, sheets, part: Path, target: Path, report: Progress) -> None:
    """The final file: XlsxWriter's parts with the long sheets' rows put in, then moved into
    place."""
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
    os.replace(part, target)


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
                if f' name="{sheet.name}"'.encode() in content:
                    found[name] = sheet
    return found
