"""Export the weekly report (issue 6) or the monthly callback work report (issue 17): p picks
which (the weekly one first); pick the week or the month (the last full one first; left/right
move a week or a month, never into one that has not begun), masked or clear phones (clear for
supervisors only), and the file: callfloor-<week or month>.xlsx in the floor's exports folder
(the policy's [exports] folder, served to agents by the floor's read-only share); Enter writes
the workbook in a thread worker while a progress bar follows it, and the form closes saying
where the file is: the name actually written (a name already taken gets "(2)", nothing is
overwritten) and, for a clear export, that it is CLEAR (its name says -CLEAR too).

Agents choose the period only: the file field is greyed for them, so their files always land
in the exports folder under the floor's names, where the share serves them (core refuses an
agent's file elsewhere too, report.file.agents_folder). A supervisor may type another name
(in the exports folder) or any path (absolute, or ~/...). The closing message's "X was
already there" is the export's own word (the result's renamed_from).

A refusal (a folder that does not exist, a file name without .xlsx, a folder that cannot be
written or entered) is shown in the form, with the typed file name kept, so it can be corrected at once.
While the export runs the form's keys are greyed (it cannot be half-stopped: the file appears
whole or not at all) and the rest of the app keeps drawing.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker, WorkerState, get_current_worker

from core.basics import CallfloorError, InvalidInput
from core.report.export_file import default_name, exports_folder
from core.report.month import Month, last_full_month, month_containing
from core.report.monthly_book import MonthExportResult, export_month
from core.report.week import Week, last_full_week, week_containing
from core.report.workbook import ExportResult, export_week
from tui import i18n
from tui.base.screen import FloorModal
from tui.i18n import language, tr
from tui.i18n import report as _words  # noqa: F401  (registers the form's words)
from tui.widgets.form_row import LabelledField
from tui.widgets.key_bar import KeyBar
from tui.widgets.plain_entry import PlainInput

WORKER_GROUP = "report-export"
PHASES = ("figures", "tickets", "saving")
"""What export_week says it is doing, in order; each has words report.phase.<phase>
(export_month says figures and saving)."""
Result = ExportResult | MonthExportResult


def default_path(period: Week | Month, clear: bool = False) -> str:
    """The file field's proposal: the period's name in the floor's exports folder (the field
    holds the name alone; the folder is said in its label and in the closing message)."""
    return default_name(period, clear=clear)


def chosen_path(folder: Path, typed: str) -> str:
    """The file the field names: a name or a relative path in the exports folder, an absolute
    or ~ path as it is; "" when nothing is typed (the export says so)."""
    typed = typed.strip()
    if not typed:
        return ""
    path = Path(typed).expanduser()
    return str(path if path.is_absolute() else folder / path)


def week_words(week: Week) -> str:
    """'◀ 2026-W47 (11-16 – 11-22) ▶': the label and the floor dates of Monday and Sunday."""
    sunday = week.monday + timedelta(days=6)
    return tr("report.week", label=week.label, start=f"{week.monday:%m-%d}", end=f"{sunday:%m-%d}")


def month_words(month: Month) -> str:
    """'◀ 2026-10 (10-01 – 10-31) ▶': the label and the month's first and last day."""
    return tr(
        "report.month", label=month.label, start=f"{month.first_day:%m-%d}", end=f"{month.last_day:%m-%d}"
    )


class Cancelled(Exception):
    """The worker was cancelled (the app is closing): stop writing; no file appears."""


class WeekRow(Static, can_focus=True):
    """The week or the month, focusable so left/right reach the form while the file field is
    not focused."""


class ExportReportModal(FloorModal[Result | None]):
    """Dismisses with the ExportResult (a week) or the MonthExportResult (a month) once the file
    is saved, or None when cancelled."""

    BINDINGS = [
        Binding("left", "move(-1)", "report.key.earlier", id="report.earlier"),
        Binding("right", "move(1)", "report.key.later", id="report.later"),
        Binding("p", "period", "report.key.period", id="report.period"),
        Binding("m", "mode", "report.key.mode", id="report.mode"),
        Binding("enter", "start", "report.key.start", id="report.start"),
        Binding("escape", "cancel", "report.key.cancel", id="report.cancel"),
    ]

    def __init__(self, period: Week | Month | None = None) -> None:
        """period: the one to offer first (the report screen's on show); else the last full week."""
        super().__init__()
        session = self.session
        self.now = session.now()
        """The moment the form opened: which weeks have begun."""
        self.tz = session.policy.calendar.tz
        self.week: Week = last_full_week(self.now, self.tz)
        """The week to export (the last full week to start with)."""
        self.newest: Week = week_containing(self.now, self.tz)
        """The latest week allowed: this week, as of now."""
        self.monthly = False
        """The monthly callback work report instead of the weekly report (p switches)."""
        self.month: Month = last_full_month(self.now, self.tz)
        """The month to export (the last full month to start with)."""
        self.newest_month: Month = month_containing(self.now, self.tz)
        """The latest month allowed: this month, as of now."""
        self.clear = False
        """Phones and order numbers in full (supervisors only); masked by default."""
        self.may_clear = False
        """Whether clear may be chosen (a supervisor's): read in a thread when the form opens."""
        self.known = False
        """Whether may_clear was read yet (until then the phones line offers nothing)."""
        self.exporting = False
        """True while the worker writes: the form's keys are greyed."""
        self.folder: Path = exports_folder(session)
        """The floor's exports folder (the policy's; no database call)."""
        if isinstance(period, Month) and period.start <= self.now:
            self.month, self.monthly = period, True
        elif isinstance(period, Week) and period.start <= self.now:
            self.week = period

    # ---------------------------------------------------------------- the form

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(tr("report.title"), id="report-title", classes="modal-title", markup=False)
            yield Static(tr("report.hint"), id="report-hint", classes="modal-hint", markup=False)
            yield LabelledField(
                Static("", id="report-period", classes="modal-label", markup=False),
                WeekRow("", id="report-week", markup=False),
            )
            yield Static(tr("report.field.phones"), classes="modal-label", markup=False)
            yield Static("", id="report-mode", markup=False)
            yield LabelledField(
                Static(tr("report.field.file"), id="report-file-label", classes="modal-label", markup=False),
                PlainInput(default_path(self.period), id="report-file", classes="modal-input", disabled=True),
            )
            yield Static("", classes="modal-problem", markup=False)
            with Horizontal(id="report-progress"):
                yield ProgressBar(total=100, show_eta=False, id="report-bar")
                yield Static("", id="report-phase", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self._show_period()
        self._show_mode()
        self.query_one(WeekRow).focus()
        session = self.session
        # is_supervisor may read the agent (the first time): in a thread, like every floor call
        self.ask(lambda: _is_supervisor(session), self._may_clear, group="load", exclusive=True)

    def _may_clear(self, supervisor: bool) -> None:
        self.may_clear, self.known = supervisor, True
        self.file_field.disabled = self.exporting or not supervisor  # agents: the floor's folder and name
        self.query_one("#report-hint", Static).update(self._hint())
        self.query_one("#report-file-label", Static).update(
            tr("report.field.file" if supervisor else "report.field.file.agent")
        )
        self._show_mode()
        self.refresh_bindings()

    @property
    def target(self) -> str:
        """The file Enter writes (before -CLEAR or a new name is given it)."""
        return chosen_path(self.folder, self.file_field.value)

    @property
    def period(self) -> Week | Month:
        """What Enter exports: the week, or the month when the monthly report is chosen."""
        return self.month if self.monthly else self.week

    def _show_period(self) -> None:
        """The title, the hint, the field's label (with p's offer) and the week or month."""
        self.query_one("#report-title", Static).update(
            tr("report.title.month" if self.monthly else "report.title")
        )
        self.query_one("#report-hint", Static).update(self._hint())
        label, offer = (
            ("report.field.month", "report.period.to_week")
            if self.monthly
            else ("report.field.week", "report.period.to_month")
        )
        self.query_one("#report-period", Static).update(
            Content.assemble(tr(label), "   ", (tr(offer), "dim"))
        )
        if self.monthly:
            words = month_words(self.month)
            newest = self.newest_month
            note = (
                "report.month.current"
                if self.month == newest
                else "report.month.last_full"
                if self.month == newest.previous
                else ""
            )
        else:
            words = week_words(self.week)
            note = (
                "report.week.current"
                if self.week == self.newest
                else "report.week.last_full"
                if self.week == self.newest.previous
                else ""
            )
        line = Content.assemble((words, "bold"))
        if note:
            line = Content.assemble(line, "  ", (tr(note), "$text-muted"))
        self.query_one(WeekRow).update(line)

    def _show_mode(self) -> None:
        if self.clear:
            line = Content.assemble(
                (tr("report.clear"), "bold $warning"), "   ", (tr("report.masked.offer"), "dim")
            )
        elif not self.known:
            line = Content.assemble((tr("report.masked"), "bold"))
        elif self.may_clear:
            line = Content.assemble((tr("report.masked"), "bold"), "   ", (tr("report.clear.offer"), "dim"))
        else:
            line = Content.assemble(
                (tr("report.masked"), "bold"), "   ", (tr("report.clear.supervisors"), "dim")
            )
        self.query_one("#report-mode", Static).update(line)

    @property
    def file_field(self) -> PlainInput:
        return self.query_one("#report-file", PlainInput)

    def show_problem(self, text: str) -> None:
        self.query_one(".modal-problem", Static).update(Content(text))

    def _hint(self) -> str:
        if self.exporting:
            return tr("report.hint.running")
        agent = "" if self.may_clear else ".agent"
        return tr(("report.hint.month" if self.monthly else "report.hint") + agent)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "period", "mode", "start", "cancel") and self.exporting:
            return None  # greyed: nothing changes while the file is being written
        newest = self.month == self.newest_month if self.monthly else self.week == self.newest
        if action == "move" and parameters and parameters[0] == 1 and newest:
            return None  # no later week (or month) has begun
        if action == "mode" and not self.known:
            return False  # not offered until the form knows who is here (then greyed or not)
        if action == "mode" and not self.may_clear:
            return False  # clear is for supervisors (the phones line says so): not offered
        return True

    def action_move(self, step: int) -> None:
        """An earlier or a later week (or month), never one that has not begun."""
        later = self.period.shifted(step)
        if later.start > self.now:
            return
        self._follow(later)
        if isinstance(later, Month):
            self.month = later
        else:
            self.week = later
        self.show_problem("")
        self._show_period()
        self.refresh_bindings()

    def action_period(self) -> None:
        """The weekly report or the monthly callback work report."""
        self._follow(self.week if self.monthly else self.month)
        self.monthly = not self.monthly
        self.show_problem("")
        self._show_period()
        self.refresh_bindings()

    def _follow(self, period: Week | Month, clear: bool | None = None) -> None:
        """The file name follows the week or month (and masked or clear) until typed over."""
        if self.file_field.value.strip() == default_path(self.period, self.clear):
            self.file_field.value = default_path(period, self.clear if clear is None else clear)

    def action_mode(self) -> None:
        if self.may_clear:
            self._follow(self.period, not self.clear)
            self.clear = not self.clear
            self._show_mode()

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    # ---------------------------------------------------------------- the export

    def action_start(self) -> None:
        if self.exporting:
            return
        self._set_exporting(True)
        self.show_problem("")
        self._progressed(0.0, "start")
        period, path, clear = self.period, self.target, self.clear
        language = i18n.language()
        session = self.session

        def export() -> Result:
            try:
                if isinstance(period, Month):
                    return export_month(
                        session, period, path, clear=clear, progress=self._from_thread, language=language
                    )
                return export_week(
                    session, period, path, clear=clear, progress=self._from_thread, language=language
                )
            finally:
                session.close()  # this thread's own database connection (one a thread); the app's stays open

        self.run_worker(
            export, name="export", group=WORKER_GROUP, thread=True, exclusive=True, exit_on_error=False
        )

    def _from_thread(self, fraction: float, phase: str) -> None:
        """export_week's (or export_month's) progress, called in the worker's thread: hand it
        to the app's."""
        if get_current_worker().is_cancelled:
            raise Cancelled()
        self.app.call_from_thread(self._progressed, fraction, phase)

    def _progressed(self, fraction: float, phase: str) -> None:
        self.query_one(ProgressBar).update(progress=round(max(0.0, min(fraction, 1.0)) * 100, 1))
        self.query_one("#report-phase", Static).update(
            tr(f"report.phase.{phase}") if phase in (*PHASES, "start") else phase
        )

    def _set_exporting(self, exporting: bool) -> None:
        self.exporting = exporting
        self.set_class(exporting, "-running")
        self.file_field.disabled = exporting or not self.may_clear
        self.query_one("#report-hint", Static).update(self._hint())
        if exporting:
            self.query_one(WeekRow).focus()
        self.refresh_bindings()

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != WORKER_GROUP:
            return
        event.stop()
        if event.state == WorkerState.SUCCESS:
            # Worker.StateChanged carries an untyped Worker; the export worker returns a Result
            result = cast(Result, event.worker.result)
            clear = ".clear" if self.clear else ""
            if isinstance(result, MonthExportResult):
                said = tr(
                    "report.saved.month" + clear,
                    month=result.month,
                    path=str(result.path),
                    callbacks=f"{result.callbacks:,}",
                )
                title = tr("report.saved.title.month" + clear)
            else:
                said = tr(
                    "report.saved" + clear,
                    week=result.week,
                    path=str(result.path),
                    tickets=f"{result.tickets:,}",
                )
                title = tr("report.saved.title" + clear)
            if result.renamed_from is not None:  # the name asked for was taken: a new file
                said += tr("report.saved.new_name", taken=result.renamed_from.name)
            self.app.notify(
                said, title=title, timeout=10, markup=False, severity="warning" if clear else "information"
            )
            self.dismiss(result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            self._set_exporting(False)
            self.query_one(ProgressBar).update(progress=0)
            self.query_one("#report-phase", Static).update("")
            error = event.worker.error
            if error is None or isinstance(error, Cancelled):
                return
            self.show_problem(
                error.say(language())
                if isinstance(error, CallfloorError)
                else f"{type(error).__name__}: {error}"
            )
            if not (isinstance(error, InvalidInput) and error.field in ("week", "month")):
                # the typed name is still there to correct, the cursor at its end: selected, the
                # next key would replace it (typing ".xlsx" to mend "report" left only ".xlsx")
                field = self.file_field
                field.keep_cursor_until_typed()
                field.focus()
                field.cursor_position = len(field.value)  # no selection left from before


def _is_supervisor(session) -> bool:
    try:
        return session.is_supervisor
    except CallfloorError:
        return False


__all__ = ["ExportReportModal", "chosen_path", "default_path", "month_words", "week_words"]
