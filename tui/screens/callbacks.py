"""Callbacks (回访, key 4): the open callbacks in three sections, overdue (red), due today and
upcoming, high priority first in each. Opening the screen (and r) first books what the
policy's rules call for (core's scheduling is idempotent). g shows one group, m only mine,
c claims, Enter opens the call, Esc goes back. Live: another session's claim or finished call
shows within a second."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from core.basics import CallfloorError, mask_phone, mask_text, printable
from core.callbacks import GROUPS, CallbackView, claim_callback, list_callbacks, schedule_callbacks
from tui.base.screen import FloorScreen
from tui.i18n import callbacks as _words  # noqa: F401  (registers the screen's words)
from tui.i18n import language, tr
from tui.modals.action import Outcome
from tui.modals.choice import ChoiceModal
from tui.routes import OpenCall
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


class CallbacksScreen(FloorScreen):
    AUTO_FOCUS = "CallbackTable"
    BINDINGS = [
        Binding("c", "claim", "callbacks.key.claim", id="callbacks.claim"),
        Binding("g", "group", "callbacks.key.group", id="callbacks.group"),
        Binding("m", "mine", "callbacks.key.mine", id="callbacks.mine"),
        Binding("r", "refresh", "callbacks.key.refresh", id="callbacks.refresh"),
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

    def compose(self) -> ComposeResult:
        yield StatusLine(id="callbacks-strip")
        yield CallbackTable(id="callbacks-table")
        yield StatusLine(id="callbacks-detail")
        yield KeyBar()

    @property
    def table(self) -> CallbackTable:
        return self.query_one(CallbackTable)

    def on_mount(self) -> None:
        self.schedule()
        # No read here: the screen's first resume (right after mount) reads the list.
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_focus(self.table)

    def on_screen_resume(self) -> None:
        # Back from a call or another view: our own writes do not move the change signal.
        self.load()

    def floor_changed(self) -> None:
        if self.is_current:
            self.load()

    def tick(self) -> None:
        """The clock moves callbacks from upcoming to today to overdue: sort again (when shown)."""
        if self.is_current:
            self.load()

    def schedule(self) -> int | None:
        """Book the callbacks the rules call for; how many were new (None: refused)."""
        try:
            booked = schedule_callbacks(self.session)
        except CallfloorError as error:
            self.report(error, about="callbacks.not_booked")
            return None
        if booked.skipped:  # a stored 9999-12-30 and the like: the rest is booked, say which was not
            self.notify(
                tr("callbacks.skipped", count=len(booked.skipped), first=printable(booked.skipped[0])),
                severity="warning",
                timeout=8,
                markup=False,
            )
        return len(booked)

    def load(self) -> None:
        """Read the list as filtered now; a database that cannot be read keeps the last one."""
        if not self.is_mounted:
            return
        try:
            entries = list_callbacks(self.session, group=self.group, mine=self.mine)
        except CallfloorError as error:
            self.report(error, about="error.list_not_loaded")
            return
        self.entries = entries
        self.show()

    def show(self) -> None:
        now, tz = self.session.now(), self.session.policy.calendar.tz
        current = self.table.current
        filtered = self.group is not None or self.mine
        self.table.show(
            self.entries,
            now,
            tz,
            tr("callbacks.none.filtered" if filtered else "callbacks.none"),
            keep_id=current.id if current else None,
        )
        whens = [view.when(now, tz) for view in self.entries]
        parts = [tr("callbacks.title"), tr("callbacks.strip", **{w: whens.count(w) for w in WHEN})]
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
                else view.reason or view.ticket_summary or ""
            )
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Claim greys out when no callback is selected."""
        if action == "claim":
            return None if not self.is_mounted or self.table.current is None else True
        return True

    # Actions -----------------------------------------------------------------------------

    def action_refresh(self) -> None:
        made = self.schedule()
        if made is not None:
            self.notify(tr("callbacks.scheduled", count=made), markup=False)
        self.load()

    def action_mine(self) -> None:
        self.mine = not self.mine
        self.table.cursor = 0
        self.load()

    def action_claim(self) -> None:
        view = self.table.current
        if view is None:
            return
        try:
            taken = claim_callback(self.session, view.id)
        except CallfloorError as error:
            self.report(error)
            self.load()  # a refusal may mean someone else was quicker: show who
            return
        self.notify(tr("callbacks.claimed" if taken else "callbacks.already_yours", id=view.id), markup=False)
        self.load()

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
        event.stop()
        self.app.post_message(OpenCall(event.callback.id))


def group_name(group: str) -> str:
    return next((g.name(language()) for g in GROUPS if g.id == group), group)
