"""The countdown board for the wall: every open handoff counting down to its deadline,
read-only, live, and still showing its last picture when the database cannot be read."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label

from core.basics import CallfloorError
from core.floor import Changes
from core.handoffs import BoardPicture, HandoffClock, board
from core.tickets import queue
from tui.base.screen import FloorScreen
from tui.i18n import board as _words  # noqa: F401  (registers the board's words)
from tui.i18n import language, tr
from tui.labels import label
from tui.widgets.board_columns import WIDE
from tui.widgets.board_table import BoardTable
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine

TICK_SECONDS = 1.0
"""Countdowns under an hour show seconds. (Another agent's change shows within a second: the
app looks at the floor's change signal twice a second, tui/floor_watch.py.)"""
RECOUNT_SECONDS = 15
"""Count the breaching tickets again even without a change: tickets breach by the clock alone.
(The rows need no such re-read: every change of a handoff is in the floor's log of changes.)"""
FEW_TICKETS = 50
"""More changed tickets than this since the last read: read every open handoff again."""


class BoardScreen(FloorScreen):
    # narrow: the counts before the title; under WIDE the marks are one character each and
    # their legend shows beside the status line
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-middle"), (WIDE, "-wide")]
    BINDINGS = [Binding("escape", "back", "board.key.back", id="board.back")]

    def __init__(self, with_keys: bool = True) -> None:
        super().__init__()
        self.with_keys = with_keys
        """Inside the agent's app a key bar says how to leave; the wall screen needs no keys."""
        self.picture: BoardPicture | None = None
        """The last picture read; kept on screen while the database cannot be read."""
        self._failed_since: datetime | None = None
        self._read_all = True
        """The next read reads every open handoff (first, back on screen, after a change the
        floor's log cannot itemise, or a change of names)."""
        self._changed_tickets: set[int] = set()
        """Tickets whose handoffs changed since the last read: the next read reads theirs."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Esc goes back to the queue in the agent's app; the wall's board has nowhere to go."""
        return self.with_keys if action == "back" else True

    def compose(self) -> ComposeResult:
        with Horizontal(id="board-top"):
            yield Label(tr("board.title"), id="board-title", markup=False)
            yield StatusLine(id="board-counts")
            yield StatusLine(id="board-clock")
        policy = self.session.policy
        yield BoardTable(
            policy.calendar.tz, lambda ident: label(policy, "department", ident), id="board-table"
        )
        with Horizontal(id="board-bottom"):
            yield StatusLine(id="board-status")
            yield Label(marks_legend(), id="board-legend", markup=False)
        if self.with_keys:
            yield KeyBar()

    def on_mount(self) -> None:
        # No read here: the screen's first resume (right after mount) reads the board.
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(RECOUNT_SECONDS, self.reload)

    def on_screen_resume(self) -> None:
        self._read_all = True
        self.reload()

    @property
    def table(self) -> BoardTable:
        return self.query_one(BoardTable)

    def cares_about(self, changes: Changes) -> bool:
        """Handoffs, the names beside them, and tickets (the breaching count). A handoff's
        change reads that ticket's handoffs again; a change of names reads them all."""
        if changes.everything or changes.any_of("department", "customer", "agent"):
            self._read_all = True
            return True
        handoffs = {c.ticket_id for c in changes.rows if c.kind == "handoff" and c.ticket_id is not None}
        self._changed_tickets |= handoffs
        if len(self._changed_tickets) > FEW_TICKETS:
            self._read_all = True
        return bool(handoffs) or any(c.kind == "ticket" for c in changes.rows)

    def floor_changed(self) -> None:
        """Read again when another session wrote; say NOT LIVE when the change signal fails."""
        if not self.in_view:
            return
        if self.poll_problem is not None:
            # A read that was under way must not paint "live" over what the signal says.
            self.workers.cancel_group(self, "load")
            self._failed(self.poll_problem)
            return
        self.reload()

    def reload(self) -> None:
        """Read in a thread what changed (every open handoff when it must; else the changed
        tickets' handoffs and the breaching count), so a held lock or a slow disk never stops
        the clock or the keys. A newer read overtakes an older one and includes what the older
        was for (what to read is forgotten only when a read lands). Unreadable: the last
        picture stays."""
        if not self.in_view:
            return
        session, picture = self.session, self.picture
        whole = self._read_all or picture is None
        tickets = frozenset(self._changed_tickets)

        def read() -> tuple[BoardPicture, str | None]:
            # not_live looks at the file's mount (statvfs): the disk, so here too
            if whole or picture is None:
                found = board.board_picture(session)
            else:
                found = board.with_changes(picture, board.board_changes(session, tickets))
            return found, queue.not_live(session)

        def landed(found: tuple[BoardPicture, str | None]) -> None:
            self._read_all = self._read_all and not whole
            self._changed_tickets -= tickets
            self._read(found, redraw=whole)

        self.ask(read, landed, failed=self._failed, group="load", exclusive=True)

    def _read(self, found: tuple[BoardPicture, str | None], redraw: bool = False) -> None:
        picture, reason = found
        changed = redraw or self.picture is None or picture.handoffs != self.picture.handoffs
        problem = self.poll_problem  # the change signal still fails: read, but not live
        self.picture = picture
        if problem is None:
            self._failed_since = None
        now = self.session.now()
        clocks = self._clocks(now)
        if changed:  # a re-read mostly finds the same rows: a wall screen repaints nothing then
            self.table.show(picture.handoffs, clocks, now, redraw=redraw)
        self._show_header(picture, now, clocks)
        if problem is not None:
            self._failed(problem)
            return
        if reason is not None:  # read, but others' changes would not show
            self._status(tr("board.not_live", at=self._time(picture.read_at), reason=reason), problem=True)
            return
        self._status(tr("board.live", at=self._time(picture.read_at)), problem=False)

    @on(BoardTable.Repaged)
    def _repaged(self) -> None:
        if self.picture is not None:
            now = self.session.now()
            self._show_header(self.picture, now, self._clocks(now))

    def tick(self) -> None:
        if not self.in_view:
            return
        now, picture = self.session.now(), self.picture
        if picture is None:
            self._show_clock(now)
            return
        clocks = self._clocks(now)
        self.table.tick(clocks, now)
        self._show_header(picture, now, clocks)

    def _clocks(self, now: datetime) -> list[HandoffClock]:
        return board.clocks_at(self.picture, now, self.session.policy) if self.picture else []

    def _show_header(self, picture: BoardPicture, now: datetime, clocks: list[HandoffClock]) -> None:
        counts = board.board_counts(picture, clocks)
        text = tr(
            "board.counts",
            open=counts.open,
            overdue=counts.overdue,
            stuck=counts.stuck,
            sync_late=counts.sync_late,
            breaching=counts.breaching,
        )
        table = self.table
        if table.pages > 1:
            text += "   " + tr("board.page", page=table.page + 1, pages=table.pages)
        self.query_one("#board-counts", StatusLine).text = text
        self._show_clock(now)

    def _show_clock(self, now: datetime) -> None:
        local = self.session.policy.calendar.local(now)
        time = local.strftime("%H:%M:%S")
        self.query_one("#board-clock", StatusLine).text = (
            time
            if self.has_class("-narrow")
            else tr("board.clock", day=tr(f"board.day.{local.weekday()}"), time=time)
        )

    def _failed(self, error: CallfloorError) -> None:
        """Keep the last picture (its countdowns go on ticking) and say why it is not live."""
        now = self.session.now()
        self._failed_since = self._failed_since or now
        at = self._time(self.picture.read_at) if self.picture else "-"
        self._status(
            tr(
                "board.unreachable", since=self._time(self._failed_since), at=at, detail=error.say(language())
            ),
            problem=True,
        )

    def _status(self, text: str, problem: bool) -> None:
        line = self.query_one("#board-status", StatusLine)
        line.text = text
        line.set_class(problem, "-problem")

    def _time(self, at: datetime) -> str:
        return self.session.policy.calendar.local(at).strftime("%H:%M:%S")


def marks_legend() -> Content:
    """! STUCK · S SYNC!: what the one-character marks of a narrow board stand for, each
    drawn as the rows draw it."""
    mark = "bold reverse $accent"
    return Content.assemble(
        (tr("board.flag.stuck.short"), mark),
        " " + tr("board.flag.stuck") + "  ·  ",
        (tr("board.flag.sync_late.short"), mark),
        " " + tr("board.flag.sync_late"),
    )
