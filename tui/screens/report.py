"""The report on screen (key 6, docs/report.md "The report screen"): a week's figures as on the
workbook's Summary sheet with last week's beside them and the change (a rate's in percentage
points), then the channels, categories, departments' handoffs and agents; or a month's callback
work. ←/→ move a week or a month (never into one that has not begun), p switches week and
month, Enter on a line lists what is behind it (the drill-down screen), r reads again.

The figures are read in a thread, as of the moment of the read (the time is on the top line);
they do not follow every write of the floor (a report is a picture of a moment): r, or coming
back to the screen, reads them again."""

from __future__ import annotations

from datetime import datetime, timedelta
from time import monotonic

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.basics import CallfloorError
from core.report.drill import Period, ReportView
from core.report.month import Month, last_full_month, month_containing
from core.report.report_view import report_view
from core.report.week import Week, last_full_week, week_containing
from tui.base import screen as base
from tui.i18n import language, tr
from tui.i18n import report_screen as _words  # noqa: F401  (registers the screen's words)
from tui.routes import OpenReportList
from tui.widgets.key_bar import KeyBar
from tui.widgets.report_lines import ReportLines
from tui.widgets.status_line import StatusLine

FRESH_SECONDS = 120.0
"""Back on the screen, figures read longer ago than this are read again (r: whenever asked)."""


def period_words(period: Period) -> str:
    """'Week 2026-W47 (11-16 – 11-22)' or 'Month 2026-11 (11-01 – 11-30)'."""
    last_day = period.local_end.date() - timedelta(days=1)
    kind = "month" if isinstance(period, Month) else "week"
    return tr(
        f"reportview.{kind}", label=period.label, start=f"{period.first_day:%m-%d}", end=f"{last_day:%m-%d}"
    )


class ReportScreen(base.FloorScreen):
    """The class name says "report" in the session's presence row (tui/presence.py)."""

    AUTO_FOCUS = "#report-lines"
    BINDINGS = [
        Binding("p", "switch_kind", "reportview.key.kind", id="reportview.kind"),
        Binding("r", "read_again", "reportview.key.again", id="reportview.again"),
        Binding("escape", "back", "reportview.key.back", id="reportview.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        now = self.session.now()
        tz = self.session.policy.calendar.tz
        self.monthly = False
        """A month's callback work instead of a week's report (p switches)."""
        self.week: Week = last_full_week(now, tz)
        self.month: Month = last_full_month(now, tz)
        self.view: ReportView | None = None
        """The figures on show (None until the first read lands)."""
        self._said: str | None = None
        self._read_at = 0.0
        """When the last read began (monotonic seconds)."""
        self._problem: CallfloorError | None = None
        """Why the last read failed (the lines on show are an older read), or None."""

    @property
    def period(self) -> Period:
        return self.month if self.monthly else self.week

    @property
    def report_period(self) -> Period:
        """What Ctrl+R offers to export first: the period on show."""
        return self.period

    def compose(self) -> ComposeResult:
        yield StatusLine(id="report-top")
        yield StatusLine(id="report-notes")
        yield ReportLines(id="report-lines")
        yield KeyBar()

    @property
    def lines(self) -> ReportLines:
        return self.query_one(ReportLines)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        # The first show, or back from a list or a ticket: read again only when the figures are
        # old (two weeks' figures are a costly read; r reads them whenever asked).
        if self.view is None or monotonic() - self._read_at > FRESH_SECONDS:
            self.read()

    # reading -------------------------------------------------------------------------------
    def read(self) -> None:
        """The period's figures in a thread; a newer read overtakes an older one."""
        session, period, words = self.session, self.period, language()
        self._read_at = monotonic()
        self._problem = None
        self._top(reading=True)
        self.ask(
            lambda: report_view(session, period, words),
            self._landed,
            failed=self._failed,
            group="report-load",
            exclusive=True,
        )

    def _landed(self, view: ReportView) -> None:
        if view.period != self.period:
            return  # the agent moved on meanwhile; that read is on its way
        self._said = None
        self.view = view
        self.lines.show(view, isinstance(view.period, Month))
        self._top()
        notes = self.query_one("#report-notes", StatusLine)
        notes.text = "  ".join(view.notes)
        notes.display = bool(view.notes)

    def _failed(self, error: CallfloorError) -> None:
        self._problem = error
        self._top()
        words = str(error)
        if words != self._said:
            self._said = words
            self.report(error)

    def _top(self, reading: bool = False) -> None:
        parts = [period_words(self.period)]
        view = self.view
        if self._problem is not None:
            parts.append(tr("reportview.not_read"))
        elif reading or view is None or view.period != self.period:
            parts.append(tr("reportview.reading"))
        else:
            if view.period.end > view.as_of:  # the current week or month: compared with a whole one
                parts.append(tr("reportview.so_far"))
            parts.append(tr("reportview.as_of", time=_as_of(view.as_of, self.session.policy.calendar.tz)))
        self.query_one("#report-top", StatusLine).text = "  ".join(parts)

    # keys ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move_period" and parameters and parameters[0] == 1 and self._at_newest():
            return None  # greyed: the next period has not begun
        return True

    def _at_newest(self) -> bool:
        now, tz = self.session.now(), self.session.policy.calendar.tz
        if self.monthly:
            return self.month.start >= month_containing(now, tz).start
        return self.week.start >= week_containing(now, tz).start

    def action_move_period(self, step: int) -> None:
        now, tz = self.session.now(), self.session.policy.calendar.tz
        if self.monthly:
            month = self.month.shifted(step)
            if month.start > month_containing(now, tz).start:
                self.notify(tr("reportview.newest", label=month.label), severity="warning", markup=False)
                return
            self.month = month
        else:
            week = self.week.shifted(step)
            if week.start > week_containing(now, tz).start:
                self.notify(tr("reportview.newest", label=week.label), severity="warning", markup=False)
                return
            self.week = week
        self.refresh_bindings()
        self.read()

    def action_switch_kind(self) -> None:
        self.monthly = not self.monthly
        self.refresh_bindings()
        self.read()

    def action_read_again(self) -> None:
        self.read()

    @on(ReportLines.Opened)
    def _open_line(self, event: ReportLines.Opened) -> None:
        event.stop()
        if self.view is not None:
            self.app.post_message(OpenReportList(self.view.period, event.line, self.view.as_of))


def _as_of(at: datetime, tz) -> str:
    return at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
