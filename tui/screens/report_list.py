"""What is behind one report figure (the report screen's Enter): the tickets, callbacks or
handoffs the figure counts, the worst first, as core.report.drill lists them; the top line says
how many of how many (a rate's both sides). s switches the side of a rate (the ones that
missed the target, the ones in it) or of a department's handoffs (late, stuck, on time, all);
Enter opens the row's ticket (a survey's callback has none: nothing opens); Esc goes back.

Rows come a page at a time (core.report.drill.ROWS_LIMIT), read in a thread; the next page is
read as the cursor nears the end of what is shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.improvement import action_detail
from core.improvement.actions import MOST_TICKETS
from core.report.drill import ROWS_LIMIT, Drilled, Line, Period, drill
from core.report.drill_words import DrillWords
from core.report.month import Month
from tui.base import screen as base
from tui.i18n import language, tr
from tui.i18n import report_screen as _words  # noqa: F401  (registers the screen's words)
from tui.routes import NewActionFrom, OpenAction, OpenTicket
from tui.widgets.drill_list import DrillList
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine


class ReportListScreen(base.FloorScreen):
    AUTO_FOCUS = "#drill-rows"
    BINDINGS = [
        Binding("s", "switch_side", "drill.key.side", id="drill.side"),
        Binding("n", "new_action", "drill.key.new_action", id="drill.new_action"),
        Binding("escape", "back", "reportview.key.back", id="drill.back"),
    ]

    def __init__(self, period: Period, line: Line, as_of: datetime) -> None:
        super().__init__()
        assert line.ask is not None
        self.period, self.line, self.ask_for = period, line, line.ask
        self.as_of = as_of
        """When the line's figure was read: the list, every page of it, is judged as of then."""
        self.drilled: Drilled | None = None
        """The first page's answer (title, total, of) of the side on show."""
        self._more_asked = False
        self.supervisor = False
        """Learnt off the UI thread when the list opens: only a supervisor makes an action."""

    @property
    def report_period(self) -> Period:
        """What Ctrl+R offers to export first: the period of this list."""
        return self.period

    def compose(self) -> ComposeResult:
        yield StatusLine(id="drill-title")
        yield StatusLine(id="drill-sides")
        yield DrillList(self.session.policy.calendar.tz, id="drill-rows")
        yield KeyBar()

    @property
    def rows(self) -> DrillList:
        return self.query_one(DrillList)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        # the first show; or back from a ticket, which may have moved it: read what was shown
        self.read(max(ROWS_LIMIT, len(self.rows.rows)))
        self._learn_role()

    def read(self, limit: int = ROWS_LIMIT) -> None:
        session, period, ask, words, as_of = self.session, self.period, self.ask_for, language(), self.as_of
        self._more_asked = False
        self.ask(
            lambda: drill(session, period, ask, words, limit=limit, as_of=as_of),
            self._landed,
            group="drill-load",
            exclusive=True,
        )

    def _landed(self, drilled: Drilled) -> None:
        if drilled.ask != self.ask_for:
            return
        self.drilled = drilled
        self.rows.show(list(drilled.rows), drilled.total, self._today())
        self._top()

    def _more(self, drilled: Drilled) -> None:
        self._more_asked = False
        rows = self.rows
        if drilled.ask != self.ask_for or drilled.offset != len(rows.rows):
            return  # another side, or a whole read landed meanwhile
        rows.show(rows.rows + list(drilled.rows), drilled.total, self._today())
        self._top()

    def _today(self):
        session = self.session
        return session.now().astimezone(session.policy.calendar.tz).date()

    def _top(self) -> None:
        drilled = self.drilled
        if drilled is None:
            return
        tz = self.session.policy.calendar.tz
        title = f"{drilled.title}  {tr('reportview.as_of', time=f'{self.as_of.astimezone(tz):%m-%d %H:%M}')}"
        if drilled.total > len(self.rows.rows):
            title += "  " + tr("drill.shown", shown=len(self.rows.rows), total=drilled.total)
        self.query_one("#drill-title", StatusLine).text = title
        sides = self.line.sides
        sides_line = self.query_one("#drill-sides", StatusLine)
        if len(sides) > 1:
            named = DrillWords(language())
            figure = self.ask_for.figure
            if figure == "agent" and isinstance(self.period, Month):
                figure = "agent_month"  # an agent's month is callbacks, their week tickets
            names = [
                f"[{named.side(figure, side)}]" if side == self.ask_for.side else named.side(figure, side)
                for side in sides
            ]
            sides_line.text = tr("drill.sides", sides=" · ".join(names))
        sides_line.display = len(sides) > 1

    # keys ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_side":
            return len(self.line.sides) > 1
        if action == "new_action":  # a list of tickets (not of actions) makes an action's problem
            if not self.supervisor:
                return False
            return any(row.ref is not None and row.kind != "action" for row in self.rows.rows) or None
        return True

    def _learn_role(self) -> None:
        session = self.session

        def learnt(supervisor: bool) -> None:
            self.supervisor = supervisor
            self.refresh_bindings()

        self.ask(lambda: session.is_supervisor, learnt, group="role", exclusive=True)

    def action_new_action(self) -> None:
        """An improvement action on this list's tickets (every one of them, not only the page on
        show), its problem the list's category or phrase, or the closed action's whose measured
        tickets these are: the actions screen's form, filled."""
        session, period, ask, words, as_of = self.session, self.period, self.ask_for, language(), self.as_of

        def read() -> NewActionFrom:
            found = drill(session, period, ask, words, limit=MOST_TICKETS, as_of=as_of)
            refs = tuple(dict.fromkeys(row.ref for row in found.rows if row.ref is not None))
            if ask.figure == "improvement" and ask.key:  # the same problem, measured again
                was = action_detail(session, ask.key).action
                return NewActionFrom(refs, was.category, was.subtag, was.phrase)
            category = ask.key if ask.figure == "category" else None
            return NewActionFrom(refs, category, None, ask.key if ask.figure == "phrase" else None)

        self.ask(read, self.app.post_message)

    def action_switch_side(self) -> None:
        sides = self.line.sides
        now = sides.index(self.ask_for.side) if self.ask_for.side in sides else -1
        self.ask_for = replace(self.ask_for, side=sides[(now + 1) % len(sides)])
        self.rows.cursor = 0
        self.read()

    @on(DrillList.MoreWanted)
    def _want_more(self, event: DrillList.MoreWanted) -> None:
        event.stop()
        if self._more_asked:
            return
        self._more_asked = True
        session, period, ask, words, as_of = self.session, self.period, self.ask_for, language(), self.as_of
        offset = len(self.rows.rows)
        self.ask(
            lambda: drill(session, period, ask, words, offset=offset, as_of=as_of),
            self._more,
            group="drill-more",
            exclusive=True,
        )

    @on(DrillList.Opened)
    def _open_row(self, event: DrillList.Opened) -> None:
        event.stop()
        # A row opens its ticket; a survey's callback has none, and opening its call would start
        # the call (a write), so the list offers nothing for it (DrillList.check_action).
        if event.row.kind == "action":  # an improvement action of the report's Improvements part
            self.app.post_message(OpenAction(event.row.ident))
        elif event.row.ref is not None:
            self.app.post_message(OpenTicket(event.row.ref))
