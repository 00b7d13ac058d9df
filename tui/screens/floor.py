"""The supervisor's live floor (key 5, docs/floor.md "The floor screen"): one line a person on
shift, online or holding open tickets (a leaver too, while they hold any), sorted by trouble
(core/supervision/floor.py), and under it what nobody holds: unclaimed tickets at risk or
overdue, STUCK handoffs, low-score follow-ups without a supervisor. Enter on a person opens
their tickets in the queue, m moves them, Enter below opens the ticket (or the call); Tab goes
from one list to the other, Esc back.

Live, cheaply: presence (who is online, on what) is read every PRESENCE_SECONDS (one small
query, no counting); the whole floor when another session changed what it shows, at most once
every RELOAD_GAP seconds, and every FULL_SECONDS for what the clock alone moves (at risk,
overdue). Lines repaint only where their words changed. Every read runs in a thread."""

from __future__ import annotations

from time import monotonic

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer

from core.basics import CallfloorError, NotAllowed
from core.floor import Changes, presence
from core.supervision.floor import FloorView, FollowUpLine, floor_view, with_presence
from tui.base import screen as base
from tui.i18n import floor as _words  # noqa: F401  (registers the screen's words)
from tui.i18n import tr
from tui.labels import label
from tui.modals.bulk_assign import BulkAssignModal
from tui.routes import OpenAgentTickets, OpenCall, OpenTicket
from tui.widgets.cursor_lines import WALL_HEIGHT
from tui.widgets.floor_table import FloorTable
from tui.widgets.key_bar import KeyBar
from tui.widgets.needs_list import NeedsList
from tui.widgets.status_line import StatusLine

PRESENCE_SECONDS = 1.0
"""A session that starts shows within this (plus its first beat); one gone shows away once its
row is older than core.floor.presence.AWAY_AFTER."""
RELOAD_GAP = 2.0
"""The floor is read again at most this often for other sessions' changes (a busy floor
writes many times a second; a supervisor reads the picture, not every write)."""
FULL_SECONDS = 30.0
"""Read everything again this often even without a change: tickets fall due by the clock."""
CARES = ("ticket", "callback", "handoff", "agent", "alert", "setting", "customer")
"""The changes that move what this screen shows."""


class FloorScreen(base.FloorScreen):
    """The class name says "floor" in the session's presence row (tui/presence.py)."""

    AUTO_FOCUS = "#floor-people"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (WALL_HEIGHT, "-tall")]
    BINDINGS = [
        Binding("tab", "switch_list", "floor.key.switch", id="floor.switch"),
        Binding("escape", "back", "floor.key.back", id="floor.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: FloorView | None = None
        """The floor as last read (its presence as last looked at)."""
        self._last_read = -RELOAD_GAP
        """When the last whole read began (monotonic seconds)."""
        self._waiting: Timer | None = None
        """A whole read put off until RELOAD_GAP has passed since the last one."""
        self._said: str | None = None
        self._refused = False
        """Core refused this person the floor (a supervisor demoted meanwhile): read no more."""
        """The last failure said (said once, not at every read that fails the same way)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="floor-top"):
            yield StatusLine(id="floor-counts")
            yield StatusLine(id="floor-clock")
        tz = self.session.policy.calendar.tz
        yield FloorTable(tz, id="floor-people")
        yield NeedsList(tz, lambda ident: label(self.session.policy, "department", ident), id="floor-needs")
        yield KeyBar()

    @property
    def people(self) -> FloorTable:
        return self.query_one(FloorTable)

    @property
    def needs(self) -> NeedsList:
        return self.query_one(NeedsList)

    def on_mount(self) -> None:
        # No read here: the screen's first resume (right after mount) reads the floor.
        self.set_interval(PRESENCE_SECONDS, self.look_at_presence)
        self.set_interval(FULL_SECONDS, self.reload)

    def on_screen_resume(self) -> None:
        self._refused = False  # asked again (key 5 passed the role check): core decides anew
        self.reload()  # back from a ticket or another view: our own writes move no signal

    # what is read --------------------------------------------------------------------------
    def cares_about(self, changes: Changes) -> bool:
        return changes.any_of(*CARES)

    def floor_changed(self) -> None:
        if self.in_view:
            self.reload_soon()

    def policy_changed(self) -> None:
        """Shifts, names, targets and the floor's time zone may read differently: read again."""
        self.people.tz = self.needs.tz = self.session.policy.calendar.tz
        self.reload()

    def reload_soon(self) -> None:
        """Read again now, or RELOAD_GAP after the last read (one read put off at a time)."""
        wait = self._last_read + RELOAD_GAP - monotonic()
        if wait <= 0:
            self.reload()
        elif self._waiting is None:
            self._waiting = self.set_timer(wait, self._put_off_read)

    def _put_off_read(self) -> None:
        self._waiting = None
        self.reload()

    def reload(self) -> None:
        """Read the whole floor in a thread; a newer read overtakes an older one."""
        if not self.in_view or self._refused:
            return
        if self._waiting is not None:
            self._waiting.stop()
            self._waiting = None
        self._last_read = monotonic()
        session = self.session
        self.ask(
            lambda: floor_view(session), self._read, failed=self._failed, group="floor-load", exclusive=True
        )

    def look_at_presence(self) -> None:
        """Who is online now (a small read): the lines whose state or place changed repaint."""
        if not self.in_view or self.view is None or self._refused:
            return
        session, tz = self.session, self.session.policy.calendar.tz

        def read():
            at = presence.presence_now()
            return at, presence.who_is_here(session, at)

        def landed(found) -> None:
            at, here = found
            if self.view is None or at < self.view.presence_at:
                return  # a whole read that landed meanwhile looked later
            self._show(with_presence(self.view, here, at, tz))

        self.ask(read, landed, failed=lambda _: None, group="floor-presence", exclusive=True)

    def _read(self, view: FloorView) -> None:
        self._said = None
        self._show(view)

    def _failed(self, error: CallfloorError) -> None:
        """Say it once; the last picture stays. A refusal (no longer a supervisor) stops the
        reading: each try would be audited again, every few seconds."""
        if isinstance(error, NotAllowed):
            self._refused = True
        words = str(error)
        if words != self._said:
            self._said = words
            self.report(error)

    # what is shown -------------------------------------------------------------------------
    def _show(self, view: FloorView) -> None:
        before, self.view = self.view, view
        policy = self.session.policy
        # "last seen" is real time (presence): today is the floor's day of the real clock
        seen_day = policy.calendar.local(view.presence_at).date()
        self.people.show(view.agents, seen_day, tr("floor.no_people"))
        lists = (
            view.now,
            view.unclaimed,
            view.unclaimed_total,
            view.stuck,
            view.stuck_total,
            view.follow_ups,
        )
        if before is None or lists != (
            before.now,
            before.unclaimed,
            before.unclaimed_total,
            before.stuck,
            before.stuck_total,
            before.follow_ups,
        ):
            self.needs.show(view)
        counts = tr("floor.counts", people=len(view.agents), online=view.online, away=view.away)
        if view.left:
            counts += tr("floor.counts.left", left=view.left)
        self.query_one("#floor-counts", StatusLine).text = f"{tr('floor.title')}  {counts}"
        self.query_one("#floor-clock", StatusLine).text = policy.calendar.local(view.now).strftime("%H:%M")
        if before is None:
            self.refresh_bindings()  # the first view: the keys of the line under the cursor

    # keys ----------------------------------------------------------------------------------
    def action_switch_list(self) -> None:
        self.set_focus(self.needs if self.focused is self.people else self.people)

    @on(FloorTable.Opened)
    def _open_person(self, event: FloorTable.Opened) -> None:
        event.stop()
        self.app.post_message(OpenAgentTickets(event.login))

    @on(FloorTable.MoveAsked)
    def _move(self, event: FloorTable.MoveAsked) -> None:
        event.stop()
        self.app.push_screen(BulkAssignModal(from_login=event.line.login, done=lambda _: self._moved()))

    def _moved(self) -> None:
        if self.is_attached:
            self.reload()

    @on(NeedsList.Opened)
    def _open_item(self, event: NeedsList.Opened) -> None:
        event.stop()
        item = event.item
        if isinstance(item, FollowUpLine):
            route = OpenTicket(item.ticket_ref) if item.ticket_ref else OpenCall(item.id)
            self.app.post_message(route)
            return
        self.app.post_message(OpenTicket(item.ref))
