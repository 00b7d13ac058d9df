"""Following the floor: twice a second the app asks whether anyone else wrote, off the UI thread,
and tells the screen on show; a policy loaded meanwhile (callfloor policy load, by a supervisor
anywhere) is taken, its keys applied and said.

The question is asked on one thread of its own, always: SQLite's change signal (PRAGMA
data_version) is per connection, and peewee keeps a connection per thread, so the same thread
must ask each time. While nothing was written it is that one pragma (microseconds); when
something was, the policy's revision row too. A held write lock never blocks it (readers do not
wait for the writer under WAL), and a slow disk delays the next look, never a key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from core.basics import CallfloorError, PolicyError
from core.floor import PolicyUpdate, Session, follow_policy
from core.tickets import queue
from tui.base.threads import OneThread
from tui.i18n import language, tr
from tui.i18n import live as _words  # noqa: F401  (registers the words)

POLL_SECONDS = 0.5
"""How often the app asks whether the floor changed (and so how soon a change shows)."""

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]  # typed as the App it is mixed into; a plain mixin at run time
else:
    _AppBase = object


@dataclass(frozen=True)
class Look:
    """What one look at the floor found."""

    token: int | None
    """The change signal (None: it could not be read; problem says why)."""
    problem: CallfloorError | None = None
    policy: PolicyUpdate | None = None
    policy_problem: PolicyError | None = None
    keys_changed: bool = False
    """The new policy maps the floor's keys differently."""


def look(session: Session, last: int | None) -> Look:
    """One look (on the watch thread): the change signal and, when it moved, a new policy."""
    try:
        token = queue.change_token(session)
    except CallfloorError as error:
        return Look(None, problem=error)
    if token == last:
        return Look(token)
    keys = session.policy.keys
    try:
        update = follow_policy(session)  # the new policy becomes session.policy
    except PolicyError as error:
        return Look(token, policy_problem=error)
    except CallfloorError:
        return Look(token)  # the database itself: the next look (or the screen's read) says it
    return Look(token, policy=update, keys_changed=update is not None and update.policy.keys != keys)


class FollowsFloor(_AppBase):
    """Mixed into the apps (before App); they call follow_floor() when mounted. Screens get
    floor_changed() when another session wrote, and read floor_problem to say NOT LIVE."""

    session: Session
    """The person at this terminal: each app sets it as it is made."""

    floor_problem: CallfloorError | None = None
    """Why the last look at the change signal failed (the screens are not live), or None."""

    _floor_token: int | None = None
    _looking: bool = False
    _watch_thread: OneThread | None = None

    def follow_floor(self) -> None:
        self._watch_thread = OneThread("floor-watch")
        self.set_interval(POLL_SECONDS, self.look_now, name="floor-watch")

    def on_unmount(self) -> None:
        if self._watch_thread is not None:
            self._watch_thread.stop()

    def look_now(self) -> None:
        """Ask now (a look already under way is not doubled)."""
        if self._watch_thread is None or self._looking:
            return
        self._looking = True
        self.run_worker(self._look(self._watch_thread), name="floor-watch", group="floor-watch")

    async def _look(self, thread: OneThread) -> None:
        session, last = self.session, self._floor_token
        try:
            seen = await thread.run(lambda: look(session, last))
        finally:
            self._looking = False
        self._saw(seen)

    def _saw(self, seen: Look) -> None:
        if seen.problem is not None or seen.token is None:
            was = self.floor_problem
            self.floor_problem = seen.problem
            if was is None:
                self._tell_screens()
            return
        moved = seen.token != self._floor_token or self.floor_problem is not None
        self.floor_problem = None
        self._floor_token = seen.token
        if seen.policy_problem is not None:
            self.notify(
                tr("policy.unreadable", problem=seen.policy_problem.say(language())),
                severity="error",
                timeout=15,
                markup=False,
            )
        if seen.policy is not None:
            self.take_policy(seen.policy, seen.keys_changed)
        elif moved:
            self._tell_screens()

    def _tell_screens(self) -> None:
        """The screen on show reads again now; the ones below read again when they come back."""
        for screen in self.screen_stack:
            changed = getattr(screen, "floor_changed", None)
            if changed is not None:
                changed()

    def take_policy(self, update: PolicyUpdate, keys_changed: bool) -> None:
        """A newly loaded policy: its keys, every screen read again under it, and a word."""
        if keys_changed:
            self.set_keymap(dict(update.policy.keys))
        for screen in self.screen_stack:
            changed = getattr(screen, "policy_changed", None)
            if changed is not None:
                changed()
        self._tell_screens()
        at = update.at.astimezone(update.policy.calendar.tz).strftime("%H:%M") if update.at else "?"
        self.notify(
            tr("policy.updated", by=update.by or "?", at=at),
            title=tr("policy.updated.title"),
            timeout=15,
            markup=False,
        )
