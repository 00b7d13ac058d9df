"""Callbacks (回访, key 4): the open callbacks in sections (core.callbacks.listing): a
supervisor's own low-score follow-ups, overdue (red), due today and upcoming, high priority
first in each. The list opens at once from what is booked; opening the
screen (and r) also books what the policy's rules call for (core's scheduling is idempotent), in
the background, and the list reads again when that booked new ones. g shows one group, m only
mine, c claims, p passes a low-score follow-up to another supervisor (supervisors), Enter opens
the call, Esc goes back; c, p and Enter are offered only where core would accept them
(core.callbacks.actions). Live: another session's claim or finished
call shows within a second. Every database call runs in a thread (tui/base/asking.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from time import monotonic
from weakref import WeakKeyDictionary

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from core.basics import CallfloorError, mask_phone, mask_text, printable
from core.callbacks import GROUPS, CallbackView, claim_callback, list_callbacks, schedule_callbacks
from core.callbacks.actions import call_refusal, callback_actions
from core.callbacks.follow_ups import other_supervisors, pass_follow_up
from core.callbacks.one_call import purposes_words
from core.callbacks.schedule import Booked
from core.floor import Changes
from tui.base.screen import FloorScreen
from tui.i18n import callbacks as _words  # noqa: F401  (registers the screen's words)
from tui.i18n import language, tr
from tui.modals.action import Outcome
from tui.modals.choice import ChoiceModal
from tui.routes import OpenCall
from tui.text.reason_words import reason_words
from tui.widgets.callback_table import WHEN, CallbackTable
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine

"""How often to look whether another session changed the floor (a cheap change signal)."""
TICK_SECONDS = 30
"""Overdue and today follow the clock: the list is read and sorted again this often."""
ALL = "all"
"""The group filter's value for every group."""
TICKET_GROUPS = ("resolved", "complaint")
"""Groups whose reason only repeats the ticket: what the ticket was about says more."""
BOOK_AGAIN_SECONDS = 10
"""A booking that could not be done (the floor busy) is tried again after this long."""
BOOKED_FRESH = 10.0
"""Opening the list again within this many seconds of a booking does not book again."""
BOOKING = "callbacks-booking"
"""The worker group of the callback booking."""
SCREEN_ACTIONS = {"claim": "claim", "pass_on": "pass"}
"""The screen's actions that core's rules decide (core.callbacks.actions), by core's name."""


@dataclass
class Bookings:
    """One app's callback booking: one at a time. Asked for while one runs, one more follows
    it (what was resolved meanwhile is booked too) and answers every screen that asked."""

    worker: Worker[None] | None = None
    """The booking under way, or None."""
    asked: list[Callable[[Booked | CallfloorError], object]] = field(default_factory=list)
    """Told, on the UI thread, how the next booking went."""

    @property
    def running(self) -> bool:
        """A booking is under way (one that failed unexpectedly went to the last resort)."""
        return self.worker is not None and self.worker.state in (WorkerState.PENDING, WorkerState.RUNNING)


_BOOKINGS: WeakKeyDictionary[object, Bookings] = WeakKeyDictionary()
"""Each app's booking (an app is one session at one terminal)."""


class CallbacksScreen(FloorScreen):
    AUTO_FOCUS = "CallbackTable"
    BINDINGS = [
        Binding("c", "claim", "callbacks.key.claim", id="callbacks.claim"),
        Binding("g", "group", "callbacks.key.group", id="callbacks.group"),
        Binding("m", "mine", "callbacks.key.mine", id="callbacks.mine"),
        Binding("r", "refresh", "callbacks.key.refresh", id="callbacks.refresh"),
        Binding("p", "pass_on", "callbacks.key.pass", id="callbacks.pass"),
        Binding("escape", "back", "callbacks.key.back", id="callbacks.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.group: str | None = None
        """The one group shown, or None for every group."""
        self.mine = False
        """Only the callbacks the person here owns."""
        self.entries: list[CallbackView] = []
        """The callbacks last read, in core's order."""
        self.supervisor = False
        """The person here is a supervisor (read with the list, in its thread, so the keys are
        worked out from a role already known: core.callbacks.actions asks no query then)."""
        self.others: tuple[str, ...] = ()
        """The other active supervisors (read with the list): whom p could pass a follow-up to."""
        self._booked_at = -BOOKED_FRESH
        """When this screen last asked for a booking (monotonic seconds)."""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="callbacks-strip")
        yield CallbackTable(id="callbacks-table")
        yield StatusLine(id="callbacks-detail")
        yield KeyBar()

    @property
    def table(self) -> CallbackTable:
        return self.query_one(CallbackTable)

    def on_mount(self) -> None:
        # No read here: the screen's first resume (right after mount) reads the list as booked,
        # while the booking runs behind it.
        self.book()
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_focus(self.table)

    def on_screen_resume(self) -> None:
        # Back from a call or another view: our own writes do not move the change signal. Each
        # opening books too (a ticket resolved since calls for its callback), but not again
        # right after a booking (the first resume follows the mount's).
        self.load()
        if monotonic() - self._booked_at > BOOKED_FRESH:
            self.book()

    def cares_about(self, changes: Changes) -> bool:
        """Callbacks and the customers and people they name; not the queue's work."""
        return changes.any_of("callback", "customer", "agent", "script")

    def floor_changed(self) -> None:
        if self.in_view:
            self.load()

    def tick(self) -> None:
        """The clock moves callbacks from upcoming to today to overdue: sort again (when shown)."""
        if self.in_view:
            self.load()

    def book(self, announce: bool = False) -> None:
        """Book the callbacks the rules call for, in the background (one booking at a time in
        the app); the list reads again when it booked new ones. announce (r): say how many were
        new, and read the list again in any case."""

        def told(result: Booked | CallfloorError) -> None:
            if not self.is_attached:
                return
            if isinstance(result, CallfloorError):
                self.report(result, about="callbacks.not_booked")
                # Booking is idempotent: try again by itself (a lock gone, a disk back).
                self.set_timer(BOOK_AGAIN_SECONDS, self._book_again)
            else:
                if result.skipped:  # a stored 9999-12-30 and the like: the rest is booked, say which was not
                    self.notify(
                        tr(
                            "callbacks.skipped",
                            count=len(result.skipped),
                            first=printable(result.skipped[0]),
                        ),
                        severity="warning",
                        timeout=8,
                        markup=False,
                    )
                if announce:
                    self.notify(tr("callbacks.scheduled", count=len(result)), markup=False)
            if announce or (not isinstance(result, CallfloorError) and len(result)):
                self.load()
            elif self.is_mounted:
                self.show()  # no longer "booking": an empty list now means none is due

        self._booked_at = monotonic()
        bookings = _BOOKINGS.setdefault(self.app, Bookings())
        bookings.asked.append(told)
        if not bookings.running:
            self._run_booking(bookings)

    def _book_again(self) -> None:
        if self.is_attached:
            self.book()

    def _run_booking(self, bookings: Bookings) -> None:
        """One booking for everyone who asked so far; a booking asked for meanwhile follows it."""
        asked, bookings.asked = bookings.asked, []
        session = self.session

        def done(result: Booked | CallfloorError) -> None:
            bookings.worker = None
            for told in asked:
                told(result)
            if bookings.asked and self.is_attached:
                self._run_booking(bookings)

        bookings.worker = self.ask(
            lambda: schedule_callbacks(session),  # looked up when called (tests replace it)
            done,
            failed=done,
            group=BOOKING,
            on_app=True,  # a booking the agent left still ends, and the next one can start
        )

    def load(self) -> None:
        """Read the list as filtered now (in a thread); a database that cannot be read keeps
        the last one."""
        if not self.is_mounted:
            return
        session, group, mine = self.session, self.group, self.mine

        def read() -> tuple[list[CallbackView], bool, tuple[str, ...]]:
            # The role is read in the thread too (the first time it is a query), for the keys;
            # and, for a supervisor, whom a follow-up could be passed to (p needs someone).
            supervisor = session.is_supervisor
            others = tuple(login for login, _ in other_supervisors(session)) if supervisor else ()
            return list_callbacks(session, group=group, mine=mine), supervisor, others

        def shown(found: tuple[list[CallbackView], bool, tuple[str, ...]]) -> None:
            self.entries, self.supervisor, self.others = found
            self.show()

        self.ask(
            read,
            shown,
            failed=lambda error: self.report(error, about="error.list_not_loaded"),
            group="load",
            exclusive=True,
        )

    def show(self) -> None:
        now, tz = self.session.now(), self.session.policy.calendar.tz
        current = self.table.current
        filtered = self.group is not None or self.mine
        bookings = _BOOKINGS.get(self.app)
        if bookings is not None and bookings.running:
            empty = "callbacks.booking"  # not "none": the first booking on a floor can take a moment
        else:
            empty = "callbacks.none.filtered" if filtered else "callbacks.none"
        self.table.show(
            self.entries,
            now,
            tz,
            tr(empty),
            keep_id=current.id if current else None,
        )
        whens = [view.when(now, tz) for view in self.entries]
        counts = {w: whens.count(w) for w in WHEN}
        strip = "callbacks.strip.yours" if counts["yours"] else "callbacks.strip"
        parts = [tr("callbacks.title"), tr(strip, **counts)]
        if self.group is not None:
            parts.append(tr("callbacks.filter.group", group=group_name(self.group)))
        if self.mine:
            parts.append(tr("callbacks.filter.mine"))
        self.query_one("#callbacks-strip", StatusLine).text = "  ".join(parts)
        self._show_detail(self.table.current)
        self.refresh_bindings()

    @on(CallbackTable.Moved)
    def _moved(self, event: CallbackTable.Moved) -> None:
        self._show_detail(event.callback)
        self.refresh_bindings()

    def _show_detail(self, view: CallbackView | None) -> None:
        """The selected callback under the list: who (phone masked), and what the call is about."""
        text = ""
        if view is not None:
            # A ticket's callback is about the ticket; the others say why they were booked.
            about = (
                view.ticket_summary
                if view.group in TICKET_GROUPS and view.ticket_summary
                else reason_words(view.group, view.reason) or view.ticket_summary or ""
            )
            # What the agent must know first comes first: at 80 columns the line's end is cut.
            more = [(group_name(p.group), p.ticket_ref) for p in view.purposes[1:]]
            if more:
                about = "  ".join((tr("callbacks.purposes", more=purposes_words(more, language())), about))
            if view.held_by is not None:
                about = "  ".join((tr("callbacks.held.detail", id=view.held_by), about))
            if view.preferred_call_time:
                about = "  ".join((about, tr("callbacks.prefers", time=view.preferred_call_time)))
            text = tr(
                "callbacks.detail",
                id=view.id,
                customer=view.customer_name,
                phone=mask_phone(view.customer_phone),
                about=mask_text(about),
            )  # beside a masked phone, the text's numbers masked too
        # Inert and on one line; the line cuts it at its width with an ellipsis.
        self.query_one("#callbacks-detail", StatusLine).text = printable(text).replace("\n", " ")

    def allowed(self, view: CallbackView | None) -> frozenset[str]:
        """What core would let the person here do to the callback (core.callbacks.actions):
        nothing before the list is read (the person's role is read with it)."""
        if view is None:
            return frozenset()
        return callback_actions(self.session, view)

    def may_open(self, view: CallbackView) -> bool:
        """Whether Enter begins (or resumes) the call: core would not refuse it now."""
        return "call" in self.allowed(view)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Claim and pass are offered on the selected callback only where core accepts them
        (docs/keys.md: a key that cannot be used is not offered)."""
        if action in SCREEN_ACTIONS:
            current = self.table.current if self.is_mounted else None
            if current is None or SCREEN_ACTIONS[action] not in self.allowed(current):
                return False
            if action == "pass_on":  # and someone to pass it to: the picker leaves out its owner
                return any(login != current.owner for login in self.others)
            return True
        return True

    # Actions -----------------------------------------------------------------------------

    def action_refresh(self) -> None:
        """r: book now (after the booking under way, if any), say how many were new, read again."""
        self.book(announce=True)

    def action_mine(self) -> None:
        self.mine = not self.mine
        self.table.cursor = 0
        self.load()

    def action_claim(self) -> None:
        view = self.table.current
        if "claim" not in self.allowed(view):
            return
        assert view is not None
        session, number = self.session, view.id

        def claimed(taken: bool) -> None:
            self.notify(
                tr("callbacks.claimed" if taken else "callbacks.already_yours", id=number), markup=False
            )
            self.load()

        def refused(error: CallfloorError) -> None:
            self.report(error)
            self.load()  # a refusal may mean someone else was quicker: show who

        self.ask(lambda: claim_callback(session, number), claimed, failed=refused, group="claim")

    def action_pass_on(self) -> None:
        """p: pass the selected low-score follow-up to another active supervisor."""
        view = self.table.current
        if "pass" not in self.allowed(view):
            return
        assert view is not None
        session, number = self.session, view.id

        def chosen(everyone: list[tuple[str, str]]) -> None:
            people = [(login, name) for login, name in everyone if login != view.owner]
            if not people:
                self.notify(tr("callbacks.no_other_supervisor"), severity="warning", markup=False)
                return
            self.app.push_screen(
                ChoiceModal(
                    tr("callbacks.form.pass", id=number),
                    "callbacks.field.pass",
                    [(login, f"{name} ({login})") for login, name in people],
                    people[0][0],
                    lambda values: None,
                    fields=(),
                    hint="callbacks.hint.pass",
                ),
                picked,
            )

        def picked(outcome: Outcome | None) -> None:
            if outcome is None or not outcome.done or not outcome.values.get("choice"):
                return
            login = outcome.values["choice"]

            def passed(to) -> None:
                self.notify(tr("callbacks.passed", id=number, name=to.display_name), markup=False)
                told = getattr(self.app, "passed_here", None)  # the app's alerts say nothing more
                if told is not None:
                    told(number)
                self.load()

            self.ask(lambda: pass_follow_up(session, number, login), passed, failed=self.report, group="pass")

        self.ask(lambda: other_supervisors(session), chosen, failed=self.report, group="pass")

    def action_group(self) -> None:
        options = [(ALL, tr("callbacks.group.all")), *[(g.id, g.name(language())) for g in GROUPS]]

        def picked(outcome: Outcome | None) -> None:
            if outcome is None or not outcome.done:
                return
            choice = outcome.values.get("choice") or ALL
            self.group = None if choice == ALL else choice
            self.table.cursor = 0
            self.load()

        self.app.push_screen(
            ChoiceModal(
                tr("callbacks.form.group"),
                "callbacks.field.group",
                options,
                self.group or ALL,
                lambda values: None,
                fields=(),
                hint="callbacks.hint.group",
            ),
            picked,
        )

    @on(CallbackTable.Opened)
    def _open(self, event: CallbackTable.Opened) -> None:
        """Enter: the call, when core would begin it now; else why not (the window opens
        later, a low score holds it, it is another's or a supervisor's), and no call screen."""
        event.stop()
        refused = call_refusal(self.session, event.callback)
        if refused is not None:
            self.report(refused)
            return
        self.app.post_message(OpenCall(event.callback.id))


def group_name(group: str) -> str:
    return next((g.name(language()) for g in GROUPS if g.id == group), group)
