"""The incoming queue: every open ticket ranked by urgency in its bands (at risk, overdue, the
rest: core/tickets/queue.py), live, by keyboard.

A supervisor marks tickets with space and moves them with A (tui/modals/bulk_assign.py); the
marks stay across views, filters and rereads until unmarked (space), cleared (x) or moved.
show_agent(login) shows one agent's open tickets (the floor screen's Enter on a person), where
A moves them all."""

from __future__ import annotations

import asyncio
from datetime import datetime
from time import monotonic

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker

from core.floor import Change, Changes
from core.tickets import lifecycle as tickets
from core.tickets import queue
from core.tickets.actions import may_claim
from core.tickets.bulk import BulkResult
from tui.base.claims import Claims
from tui.base.problems import problem_words
from tui.base.screen import FloorScreen
from tui.i18n import queue as _words  # noqa: F401  (registers the queue's words)
from tui.i18n import tr
from tui.labels import label
from tui.modals.bulk_assign import BulkAssignModal
from tui.routes import OpenCustomer, OpenIntake, OpenTicket
from tui.type_ahead import held_while
from tui.widgets.filter_box import FilterBox
from tui.widgets.key_bar import KeyBar
from tui.widgets.queue_table import PAGE, QueueTable
from tui.widgets.status_line import StatusLine

VIEW_KEYS = {
    "all": "a",
    "mine": "m",
    "unclaimed": "u",
    "at_risk_or_overdue": "b",
    "waiting": "w",
    "update_due": "d",
}
VIEW_IDS = {"at_risk_or_overdue": "queue.view.breaching"}
"""Binding ids kept from before (a view's id is otherwise queue.view.<view>): b listed only the
tickets past a target until it took the at-risk ones too (issue 16), and a floor's policy may
have moved it by its id (docs/keys.md, Moving keys)."""
Counted = tuple[queue.QueueCounts, int | None]
"""The header's counts (which know the instant they are as of) and the newest change they
include."""
COUNTS_EVERY = 1.0
"""The header follows the floor at most this often: on a busy floor the counts move with every
look (twice a second), and each repaint costs the session, and the SSH link, more than a
second's wait costs the agent."""
TICK_SECONDS = 15  # "time left" shows minutes: repainting more often only costs bandwidth


class QueueScreen(FloorScreen):
    BINDINGS = [
        Binding("A", "bulk_assign", "queue.key.bulk", id="queue.bulk"),
        Binding("c", "claim", "queue.key.claim", id="queue.claim"),
        Binding("n", "new_ticket", "queue.key.new", id="queue.new"),
        Binding("slash", "filter", "queue.key.filter", id="queue.filter"),
        Binding("escape", "clear_filter", "queue.key.clear", show=False, id="queue.clear"),
        Binding("C", "customer", "queue.key.customer", show=False, id="queue.customer"),
        Binding("x", "unmark_all", "queue.key.unmark_all", show=False, id="queue.unmark_all"),
        *[
            Binding(
                key,
                f"view('{view}')",
                f"queue.key.view.{view}",
                show=view in ("all", "mine"),
                id=VIEW_IDS.get(view, f"queue.view.{view}"),
            )
            for view, key in VIEW_KEYS.items()
        ],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = "all"
        self.owner: str | None = None
        """The login whose open tickets the "agent" view shows (show_agent)."""
        self.text: str | None = None
        self.supervisor = False
        """The person here is a supervisor (read in a thread on mount): marks rows, moves them."""
        self._counts_text = ""
        self.counts: queue.QueueCounts | None = None
        """The header's counts as of counts.at: read with the queue, then moved by the floor's
        changes (queue.counted) and the clock (queue.clock_moved: tickets falling due, tickets
        entering the at-risk window), not counted again."""
        self.counts_mark: int | None = None
        """The newest change the counts include (changes up to it are not counted again)."""
        self._recount = True
        """The next read counts the open tickets again (counting scans them all): first, back
        on screen, and after a change the log cannot itemise; otherwise the changes move them."""
        self._below_stale = False
        """A change below the rows on show, or the clock moving tickets between bands off the
        rows on show: the other pages are read again when the agent moves (the rows on show
        stay right)."""
        self._counts_shown = 0.0
        """When the header last showed the counts (monotonic seconds)."""
        self._counts_timer: Timer | None = None
        self._claims = Claims(self)
        self._said_not_live: str | None = None
        """The NOT LIVE reason on screen (said once in a notification), or None while live."""
        self._rows_coming: Worker | None = None
        """The read of a new view's or filter's rows (holds_keys)."""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="queue-strip")
        yield QueueTable(
            self._fetch,
            self.report,
            self.session.now,
            lambda kind, ident: label(self.session.policy, kind, ident),
            lambda: queue.bands_at(self.session.policy, self.session.now()),
            ready=lambda: self.read_done("queue-load"),
            can_mark=lambda: self.supervisor,
            id="queue-table",
        )
        yield StatusLine(id="queue-status")
        yield FilterBox(self._filter_done, placeholder=tr("queue.filter.placeholder"), id="queue-filter")
        yield KeyBar()

    def _fetch(self, offset: int, limit: int) -> queue.QueuePage:
        """A page for the table, of the view and filter as they are (in the table's thread)."""
        return queue.queue_page(self.session, self.view, self.text, offset, limit, owner=self.owner)

    @property
    def table(self) -> QueueTable:
        return self.query_one(QueueTable)

    def on_mount(self) -> None:
        self.query_one("#queue-filter").display = False
        # No load here: the screen's first resume (right after mount) loads the queue.
        self.set_interval(TICK_SECONDS, self.tick)
        # Synchronous watcher: the position line repaints in the same frame as the cursor.
        self.watch(self.table, "cursor", lambda _: self._moved(), init=False)
        self.set_focus(self.table)
        session = self.session
        self.ask(lambda: session.is_supervisor, self._know_role, failed=lambda _: None, group="queue-role")

    def _know_role(self, supervisor: bool) -> None:
        self.supervisor = supervisor
        self.refresh_bindings()

    def on_screen_resume(self) -> None:
        # Back from a ticket: read the rows and count again, as on the first showing.
        self._recount = True
        self.table.tick()  # time left as of now: ticks under another screen drew nothing
        self.refresh_queue()

    def policy_changed(self) -> None:
        """Names and targets may read differently under the new policy: draw every row again
        (the reread that follows may find the same rows, which alone repaints nothing)."""
        self._recount = True
        self.table.tick()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that act on the row under the cursor are offered only on a row, and claim only
        where core would take it (docs/keys.md: a key that cannot be used is not offered); on
        another's row the Owner column says whose it is."""
        row = self.table.current
        if action == "claim":
            return row is not None and may_claim(row.status, row.owner, self.session.login)
        if action == "customer":
            return row is not None
        if action == "bulk_assign":
            return self.supervisor and bool(self.table.marks or (self.view == "agent" and self.owner))
        if action == "unmark_all":
            return bool(self.table.marks)
        return True

    def _moved(self) -> None:
        self.refresh_bindings()
        self._show_position()
        if self._below_stale:
            self._below_stale = False
            self.refresh_queue()

    def tick(self) -> None:
        """The minute moves: time left is drawn again; tickets whose target passed meanwhile go
        from at risk to overdue, and tickets whose target came within the at-risk window from
        the rest to at risk (two counts over the index, not the queue); and when that moves the
        rows on show (a row on show changed band, or tickets moved between the bands above
        it), they are read again."""
        if not self.in_view:
            return  # drawn again when it comes back (on_screen_resume)
        self.table.tick()
        counts = self.counts
        if counts is None or counts.at is None:
            return
        until = self.session.now()

        def moved(move: queue.ClockMove) -> None:
            if self.counts is None or self.counts.at != move.since:
                return  # counted again meanwhile (as of a later instant)
            self.counts = move.applied(self.counts)
            self._show_counts(self.counts)
            if self.table.moved_by_clock(move):
                self.refresh_queue()
            elif move.moved_any:
                self._below_stale = True  # rows kept off the window may have moved

        self.ask(lambda: queue.clock_moved(self.session, counts, until), moved, group="queue-tick")

    def cares_about(self, changes: Changes) -> bool:
        """Whether the floor's changes touch what the queue shows: its rows on show (a change
        at or above them moves them), its view's membership, the counts. The counts move by the
        changes here, whether or not the rows are read again."""
        if not self.in_view:
            # Under a ticket: drawing here repaints the whole screen on top (a full Textual
            # frame for each look); coming back reads the rows and counts them again anyway.
            return False
        if changes.everything or self.counts is None or self.counts.at is None:
            self._recount = True
            return True
        tickets = changes.tickets
        if tickets:
            self._count(tickets, self.counts.at)
        if changes.any_of("customer", "agent") or (self.view == "waiting" and changes.any_of("handoff")):
            return True
        if not tickets:
            return False  # a note, a callback, the directory: nothing the queue shows
        if self.view != "all" or self.text:
            return True  # membership of a narrower view needs the database to say
        if self.table.reaches_window(tickets):
            return True
        self._below_stale = True
        return False

    def _count(self, tickets: tuple[Change, ...], at: datetime) -> None:
        assert self.counts is not None
        mark = self.counts_mark or 0
        self.counts = queue.counted(self.counts, [c for c in tickets if c.number > mark], at)
        if self.view == "all" and not self.text and self.table.total != self.counts.open:
            self.table.set_total(self.counts.open)
        self._show_counts_soon()

    def _show_counts_soon(self) -> None:
        """The header and the position line follow the floor's changes at most every
        COUNTS_EVERY seconds (the latest counts then)."""
        if self._counts_timer is not None:
            return  # a repaint is on its way, and shows the counts as they are by then
        wait = self._counts_shown + COUNTS_EVERY - monotonic()
        if wait <= 0:
            self._show_latest_counts()
        else:
            self._counts_timer = self.set_timer(wait, self._show_latest_counts)

    def _show_latest_counts(self) -> None:
        self._counts_timer = None
        if self.counts is not None:
            self._show_counts(self.counts)

    def floor_changed(self) -> None:
        """Another session wrote, or the change signal failed or came back: read again while
        the queue is on screen (coming back to it reads anyway) and say whether it is live."""
        # not while the app takes the screen down (its table may already be gone)
        if self.in_view and self.query(QueueTable):
            self.refresh_queue()
            self._show_live()

    def refresh_queue(self, keep_row: bool = True) -> None:
        """Read the queue again in a thread; keep_row keeps the cursor on the same ticket
        (others' work reorders the queue), a new view or filter starts at the top."""
        table = self.table
        coming = self._rows_coming
        if coming is not None and not coming.is_finished:
            keep_row = False  # a new view's rows are on their way: the row on show is of the old one
        current = table.current if keep_row else None
        ref, cursor, view, text = (current.ref if current else None), table.cursor, self.view, self.text
        owner = self.owner
        recount = self._recount  # stays set until a count arrives (a newer read may overtake)
        start = cursor - cursor % PAGE
        rows = table.rows_to_read(start) if keep_row else PAGE

        def read() -> tuple[int | None, queue.QueuePage, Counted | None]:
            # The agent's row mostly stays on its page (others' work moves it a few places):
            # found there, its position needs no counting.
            page = queue.queue_page(self.session, view, text, start, rows, owner=owner)
            position = next((page.offset + i for i, row in enumerate(page.rows) if row.ref == ref), None)
            if ref and position is None:
                position = queue.position_of(self.session, ref, view, text, owner=owner)
                if position is not None and position // PAGE != cursor // PAGE:
                    page = queue.queue_page(
                        self.session, view, text, position - position % PAGE, PAGE, owner=owner
                    )
            counted = queue.counts_as_of(self.session) if recount else None
            return position, page, counted

        def show(found: tuple[int | None, queue.QueuePage, Counted | None]) -> None:
            position, page, counted = found
            moved_meanwhile = table.cursor != cursor  # the agent's keys win over the reread
            self._below_stale = False
            table.replace(page, None if moved_meanwhile else position)
            if counted is not None:
                self._recount = False
                self.counts, self.counts_mark = counted
                self._show_counts(self.counts)
            elif self._counts_timer is not None:
                # The rows repaint now: the header waiting for its turn goes in the same frame
                # (each frame costs the same few milliseconds however little it draws).
                self._counts_timer.stop()
                self._show_latest_counts()

        worker = self.ask(read, show, group="queue-load", exclusive=True)
        if not keep_row:
            self._rows_coming = worker

    def holds_keys(self, event: events.Key | events.Paste) -> bool:
        """The rows of a new view or filter are being read: the keys typed behind the key that
        asked for them act on them (tui/type_ahead.py). Typing in the filter box never waits."""
        coming = self._rows_coming
        waiting = coming is not None and not coming.is_finished and not isinstance(self.focused, FilterBox)
        return held_while(waiting, event) or self._claims.held.holds(event)

    def _show_counts(self, counts: queue.QueueCounts) -> None:
        self._counts_shown = monotonic()
        self._counts_text = tr(
            "queue.strip",
            open=counts.open,
            at_risk=counts.at_risk,
            overdue=counts.overdue,
            rest=counts.rest,
            **counts.open_by_tier,
        )
        self._show_live()
        self._show_position()

    def _show_live(self) -> None:
        """While the queue cannot follow the floor (its change signal fails, or this session
        cannot follow changes at all), the strip starts with NOT LIVE and the status line says
        why; the first time, a notification says it in full."""
        problem = self.poll_problem
        reason = problem_words(problem) if problem is not None else queue.not_live(self.session)
        strip = self.query_one("#queue-strip", StatusLine)
        strip.text = self._counts_text if reason is None else f"{tr('queue.not_live')}  {self._counts_text}"
        strip.set_class(reason is not None, "-problem")
        if reason != self._said_not_live:
            self._said_not_live = reason
            if reason is not None:
                self.notify(
                    tr("queue.not_live.reason", reason=reason), severity="warning", timeout=30, markup=False
                )
            self._show_position()

    def _show_position(self) -> None:
        if self._said_not_live is not None:
            self.query_one("#queue-status", StatusLine).text = tr(
                "queue.not_live.reason", reason=self._said_not_live
            )
            return
        table = self.table
        view = (
            tr("queue.view.agent", login=self.owner)
            if self.view == "agent"
            else tr(f"queue.view.{self.view}")
        )
        text = tr("queue.position", view=view, index=min(table.cursor + 1, table.total), total=table.total)
        if self.text:
            text += "   " + tr("queue.filtered", text=self.text)
        elif not table.total:
            text += "   " + tr("queue.empty")
        if table.marks:
            text += "   " + tr("queue.marked", count=len(table.marks))
        elif self.view == "agent" and self.supervisor:
            text += "   " + tr("queue.view.agent.keys")
        self.query_one("#queue-status", StatusLine).text = text

    @on(QueueTable.Opened)
    def _open(self, event: QueueTable.Opened) -> None:
        self.app.post_message(OpenTicket(event.ref))

    async def action_claim(self) -> None:
        await self.read_done("queue-load")  # typed right behind a filter's Enter: its rows
        row = self.table.current
        if row is None:
            return

        def claimed(result: tickets.ClaimResult) -> None:
            key = "queue.already_yours" if result.already_yours else "queue.claimed"
            self.notify(tr(key, ref=result.ref), markup=False)
            self.refresh_queue()

        self._claims.claim(row.ref, claimed, refused=self.report)

    def action_new_ticket(self) -> None:
        self.app.post_message(OpenIntake())

    async def action_customer(self) -> None:
        await self.read_done("queue-load")
        row = self.table.current
        if row is not None:
            self.app.post_message(OpenCustomer(row.customer_code))

    def action_view(self, view: str) -> None:
        self.view = view
        self.owner = None
        self.table.cursor = 0
        self.refresh_queue(keep_row=False)
        self.refresh_bindings()

    def show_agent(self, login: str) -> None:
        """Show the open tickets `login` owns (active or not: a leaver's), most urgent first;
        A moves them all, Esc or a goes back to every open ticket. Called by the app for the
        floor screen's OpenAgentTickets route; before the first showing it only sets the view,
        which the first showing reads."""
        self.view, self.owner, self.text = "agent", login, None
        if not self.query(QueueTable):
            return
        box = self.query_one("#queue-filter", Input)
        box.value, box.display = "", False
        self.table.cursor = 0
        self.set_focus(self.table)
        self.refresh_queue(keep_row=False)
        self.refresh_bindings()
        self._show_position()

    @on(QueueTable.Marked)
    def _marked(self, event: QueueTable.Marked) -> None:
        self.refresh_bindings()
        self._show_position()

    def action_unmark_all(self) -> None:
        self.table.clear_marks()

    def action_bulk_assign(self) -> None:
        """Move the marked tickets (each with the version on show when marked), or, in an
        agent's view with nothing marked, all of that agent's open tickets."""
        marks = dict(self.table.marks)
        if marks:
            form = BulkAssignModal(tickets=list(marks.items()), done=self._bulk_done)
        elif self.view == "agent" and self.owner:
            form = BulkAssignModal(from_login=self.owner, done=self._bulk_done)
        else:
            return
        self.app.push_screen(form)

    def _bulk_done(self, result: BulkResult) -> None:
        """A bulk move landed (the form open or not): the moved tickets' marks go, the skipped
        keep theirs; this session's own write moves no change signal, so read again here."""
        if not self.is_attached:
            return
        self.table.unmark(ref for ref, _ in result.moved)
        self._recount = True
        self.refresh_queue()

    def action_filter(self) -> None:
        box = self.query_one("#queue-filter", Input)
        box.display = True
        # Focus now, not on the next refresh: keys typed straight after "/" belong to the box.
        self.set_focus(box)

    def action_clear_filter(self) -> None:
        """Esc: the filter goes (the marks stay); with no filter, an agent's view goes back to
        every open ticket."""
        box = self.query_one("#queue-filter", Input)
        box.value = ""
        box.display = False
        if self.text:
            self._set_filter("")
        elif self.view == "agent":
            self.action_view("all")
        self.set_focus(self.table)

    @on(Input.Changed, "#queue-filter")
    def _typed(self, event: Input.Changed) -> None:
        self.apply_filter(event.value)

    def _filter_done(self) -> None:
        """Enter in the filter: apply it now (not after the typing pause), so a key typed
        right behind Enter acts on the filtered list; the filter stays shown."""
        self.workers.cancel_group(self, "queue-filter")
        self._set_filter(self.query_one("#queue-filter", Input).value)
        self.set_focus(self.table)

    def _set_filter(self, text: str) -> None:
        self.text = text.strip() or None
        self.table.cursor = 0
        self.refresh_queue(keep_row=False)

    @work(exclusive=True, group="queue-filter")
    async def apply_filter(self, text: str) -> None:
        """Filter in place as the agent types; a short pause first so each key does not query."""
        await asyncio.sleep(0.15)
        self._set_filter(text)
