"""A low score reaches its supervisor at once (issue 17): when the floor's callbacks change, a
supervisor's app reads the open low-score follow-ups assigned to them (core.callbacks.follow_ups,
in a thread) and says each new one in a notification, on whatever screen is showing. At start
it says how many wait; one passed on to another supervisor is said too. An agent's app never
reads them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.basics import CallfloorError, printable
from core.callbacks.follow_ups import FollowUpNote, my_follow_ups, passed_on
from core.floor import Changes, Session
from tui.base.threads import in_thread, start
from tui.i18n import callbacks as _words  # noqa: F401  (registers the words)
from tui.i18n import tr
from tui.text.floor_time import floor_time

SHOW_SECONDS = 20
"""A follow-up's notification stays this long: the supervisor may be on a call."""

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object


class AlertsFollowUps(_AppBase):
    """Mixed into the app; it calls follow_up_alerts() when mounted and follow_ups_changed(changes)
    on every change the floor watch sees."""

    session: Session
    _seen_follow_ups: set[int] | None = None
    """The follow-ups already told (None: not read yet, the first read tells how many wait)."""
    _not_a_supervisor = False
    _passed_here: set[int] | None = None
    """Follow-ups the person here passed on (their screen said so already)."""

    def passed_here(self, number: int) -> None:
        """The callbacks screen passed this follow-up on: no second word about it."""
        if self._passed_here is None:
            self._passed_here = set()
        self._passed_here.add(number)

    def follow_up_alerts(self) -> None:
        self._read_follow_ups()

    def follow_ups_changed(self, changes: Changes) -> None:
        # An agent's app reads nothing, until the people change (a promotion).
        if changes.any_of("agent") or (changes.any_of("callback") and not self._not_a_supervisor):
            self._read_follow_ups()

    def _read_follow_ups(self) -> None:
        session = self.session

        seen = self._seen_follow_ups

        def read() -> tuple[bool, list[FollowUpNote], list[tuple[int, str]]]:
            notes = my_follow_ups(session)
            gone = sorted((seen or set()) - {note.id for note in notes})
            return session.is_supervisor, notes, passed_on(session, gone)

        async def work() -> None:
            try:
                supervisor, notes, passed = await in_thread(read)
            except CallfloorError:
                return  # the floor watch says NOT LIVE; the next change reads again
            self._tell_follow_ups(supervisor, notes)
            told = self._passed_here or set()
            for number, name in passed:  # another supervisor passed it on: its owner hears of it
                if number in told:
                    told.discard(number)
                    continue
                self.notify(
                    tr("follow_up.passed_away", id=number, name=printable(name)),
                    title=tr("follow_up.title"),
                    timeout=SHOW_SECONDS,
                    markup=False,
                )

        start(self, work, name="follow-ups", group="follow-ups", exclusive=True)

    def _tell_follow_ups(self, supervisor: bool, notes: list[FollowUpNote]) -> None:
        self._not_a_supervisor = not supervisor
        first = self._seen_follow_ups is None
        seen = self._seen_follow_ups or set()
        self._seen_follow_ups = {note.id for note in notes}
        new = [note for note in notes if note.id not in seen]
        if not new:
            return
        if first and len(new) > 1:
            self.notify(
                tr("follow_up.waiting", count=len(new)),
                title=tr("follow_up.title"),
                severity="warning",
                timeout=SHOW_SECONDS,
                markup=False,
            )
            return
        tz = self.session.policy.calendar.tz
        today = self.session.now().astimezone(tz).date()
        for note in new:
            self.notify(
                tr(
                    "follow_up.new",
                    id=note.id,
                    customer=printable(note.customer_name),
                    score=note.overall if note.overall is not None else "?",
                    ticket=f" ({note.ticket_ref})" if note.ticket_ref else "",
                    due=floor_time(note.due_by, tz, today),
                ),
                title=tr("follow_up.title"),
                severity="warning",
                timeout=SHOW_SECONDS,
                markup=False,
            )
