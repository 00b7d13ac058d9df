"""Alerts before a breach (issue 20): every supervisor's session hears of a red ticket still
unclaimed N minutes before its response target, and of a ticket N minutes before its solution
target while its owner is away; the owner's session hears of theirs (core/supervision/alerts.py).

Every session checks the floor's clock against the targets every CHECK_SECONDS (in a thread;
any session may fire an alert, the first one to check does, once per ticket and target). When
this session fired one, or the floor watch sees another session's (a change of kind "alert"),
it reads the alerts after the last one it read that are this person's to hear, and says each
new one once, in a notification on whatever screen is showing (and rings the terminal bell
when the policy asks for it). Its first read tells the alerts still about to breach, so someone
who comes to the floor, or back to it, hears them. Nothing here runs on the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.basics import CallfloorError, printable
from core.floor import Changes, Session
from core.supervision.alerts import (
    OWNER_AWAY,
    AlertNote,
    alerts_after,
    check_alerts,
    minutes_left,
    owner_told,
)
from tui.base.threads import in_thread, start
from tui.i18n import alerts as _words  # noqa: F401  (registers the words)
from tui.i18n import tr
from tui.text.floor_time import floor_time

CHECK_SECONDS = 30.0
"""How often a session checks whether an alert is due (the alerts' leads are minutes)."""

SHOW_SECONDS = 30
"""An alert's notification stays this long: the supervisor may be on a call."""

MOST_NAMED = 5
"""Several alerts at once are one notification naming at most this many tickets."""

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object


class TellsAlerts(_AppBase):
    """Mixed into the app; it calls follow_alerts() when mounted and alerts_changed(changes) on
    every change the floor watch sees."""

    session: Session
    _alerts_last: int | None = None
    """The newest alert this session has read (None: the first read has not come back yet)."""
    _alerts_told: frozenset[int] = frozenset()
    """The alerts this session has told: each is told once, however many reads return it."""
    _alerts_pending = False
    """An alert was heard of while the first read was under way: read again once it lands."""
    _alerts_checking = False
    """A check is under way (a held write lock can make one wait): the timer starts no other."""

    def follow_alerts(self) -> None:
        self._hear_alerts(first=True)
        self.set_interval(CHECK_SECONDS, self.check_alerts_now, name="alerts")

    def alerts_changed(self, changes: Changes) -> None:
        if changes.any_of("alert"):
            self._hear_alerts()

    def check_alerts_now(self) -> None:
        """Fire what is due now (in a thread), then hear what this session fired. The timer calls
        it; a test calls it after moving the clock."""
        if self._alerts_checking:
            return
        self._alerts_checking = True
        session = self.session

        async def check() -> None:
            try:
                fired = await in_thread(lambda: check_alerts(session))
            except CallfloorError:
                return  # the floor watch says NOT LIVE; the next check tries again
            finally:
                self._alerts_checking = False
            if fired:
                self._hear_alerts()

        start(self, check, name="alert-check", group="alert-check")

    def _hear_alerts(self, first: bool = False) -> None:
        last = self._alerts_last
        if last is None and not first:
            self._alerts_pending = True  # heard once the first read lands: it may have read too early
            return
        session = self.session

        async def hear() -> None:
            try:
                newest, notes = await in_thread(lambda: alerts_after(session, last))
            except CallfloorError:
                if first:
                    self.set_timer(CHECK_SECONDS, lambda: self._hear_alerts(first=True))
                return
            if self._alerts_last is None or newest > self._alerts_last:
                self._alerts_last = newest
            self._tell_alerts(notes)
            if first:
                if self._alerts_pending:
                    self._alerts_pending = False
                    self._hear_alerts()
                self.check_alerts_now()  # a session that starts at N minutes need not wait 30 s

        start(self, hear, name="alerts", group="alerts-first" if first else "alerts")

    def _tell_alerts(self, notes: list[AlertNote]) -> None:
        new = [note for note in notes if note.id not in self._alerts_told]
        if not new:
            return
        self._alerts_told = self._alerts_told | {note.id for note in new}
        if len(new) == 1:
            words = self._alert_words(new[0])
        else:  # one notification, a short line for each: which ticket, what, by when
            lines = [tr("alert.several", count=len(new))]
            lines += [self._alert_words(note, short=True) for note in new[:MOST_NAMED]]
            if len(new) > MOST_NAMED:
                lines.append(tr("alert.more", count=len(new) - MOST_NAMED))
            words = "\n".join(lines)
        self.notify(words, title=tr("alert.title"), severity="warning", timeout=SHOW_SECONDS, markup=False)
        if self.session.policy.alerts.bell:
            self.bell()
        mine = [n.id for n in new if n.kind == OWNER_AWAY and n.owner_login == self.session.login]
        if mine:
            session = self.session

            async def mark() -> None:
                try:
                    await in_thread(lambda: owner_told(session, mine))
                except CallfloorError:
                    pass  # told again at the next start, no harm

            start(self, mark, name="alerts-told", group="alerts-told")

    def _alert_words(self, note: AlertNote, short: bool = False) -> str:
        policy, now = self.session.policy, self.session.now()
        tz = policy.calendar.tz
        values = {
            "ref": note.ticket_ref,
            "customer": printable(note.customer_name),
            "minutes": max(minutes_left(policy, now, note.due_at), 0),
            "due": floor_time(note.due_at, tz, now.astimezone(tz).date()),
        }
        form = ".short" if short else ""
        if note.kind != OWNER_AWAY:
            return tr(f"alert.unclaimed{form}", tier=tr(f"tier.{note.tier}"), **values)
        if note.owner_login == self.session.login:
            return tr(f"alert.yours_away{form}", **values)
        owner = printable(note.owner_name or note.owner_login or "-")
        return tr(f"alert.owner_away{form}", owner=owner, **values)
