"""Following the floor: twice a second the app asks whether anyone else wrote, off the UI thread,
and tells the screen on show; a policy loaded meanwhile (callfloor policy load, by a supervisor
anywhere) is taken, its keys applied and said.

The question is asked on one thread of its own, always: SQLite's change signal (PRAGMA
data_version) is per connection, and peewee keeps a connection per thread, so the same thread
must ask each time. The thread asks by itself (tui/base/threads.py OneThread's idle) and wakes
the UI only when it has something to say, so a floor where nothing changed costs the event loop
nothing. While nothing was written a look is that one pragma (microseconds); when something was,
the log of changes and the policy's revision row too. A write the log does not list (a session's
presence beat, core/floor/presence.py) wakes nobody. A held write lock never blocks it (readers
do not wait for the writer under WAL), and a slow disk delays the next look, never a key.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.message import Message

from core.basics import CallfloorError, PolicyError
from core.floor import Changes, PolicyUpdate, Session, changes_since, follow_policy
from core.floor.changes import EVERYTHING
from core.tickets import queue
from tui.base.threads import OneThread, start
from tui.i18n import language, tr
from tui.i18n import live as _words  # noqa: F401  (registers the words)
from tui.key_maps import KeyMap, check_keymap

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
    change: int | None = None
    """The newest change's number in the floor's log of changes (core/floor/changes.py)."""
    changes: Changes = Changes()
    """What changed since the last look (when the signal moved)."""
    problem: CallfloorError | None = None
    policy: PolicyUpdate | None = None
    policy_problem: PolicyError | None = None
    keys_changed: bool = False
    """The new policy maps the floor's keys differently."""
    moved: bool = False
    """The change signal moved since the look before."""


def look(session: Session, last: int | None, last_change: int | None) -> Look:
    """One look (on the watch thread): the change signal and, when it moved, what changed
    and a new policy."""
    try:
        token = queue.change_token(session)
        if token == last:
            return Look(token, last_change)
        change, changes = changes_since(session, last_change)
    except CallfloorError as error:
        return Look(None, last_change, problem=error)
    if not changes.any_of("setting"):
        return Look(token, change, changes)  # the policy is a setting: every load is in the log
    keys = session.policy.keys
    try:
        update = follow_policy(session)  # the new policy becomes session.policy
    except PolicyError as error:
        return Look(token, change, changes, policy_problem=error)
    except CallfloorError:
        return Look(token, change, changes)  # the database itself: the next look says it
    keys_changed = update is not None and update.policy.keys != keys
    return Look(token, change, changes, policy=update, keys_changed=keys_changed)


class Watch:
    """The floor as the watch thread last saw it; only that thread uses it, so two looks (its
    own and one asked for) never tell the same changes twice."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.token: int | None = None
        self.change: int | None = None
        self.troubled = False
        """The last look failed: the next good one is news even if nothing was written."""

    def look(self) -> Look:
        seen = look(self.session, self.token, self.change)
        moved = seen.token is not None and seen.token != self.token
        if seen.token is not None:
            self.token, self.change = seen.token, seen.change
        return replace(seen, moved=moved)

    def news(self) -> Look | None:
        """A look, if it has anything to tell the screens (the idle poll's question)."""
        seen = self.look()
        troubled, self.troubled = self.troubled, seen.problem is not None
        if seen.problem is not None or troubled or seen.policy_problem is not None:
            return seen
        if seen.moved and (seen.changes.rows or seen.changes.everything or seen.policy is not None):
            return seen
        return None  # nothing, or only writes no screen shows (presence beats): the UI sleeps on


class FloorLooked(Message):
    """The watch thread saw something (posted from that thread; handled on the UI thread)."""

    def __init__(self, seen: Look | None = None, error: BaseException | None = None) -> None:
        super().__init__()
        self.seen, self.error = seen, error


class FollowsFloor(_AppBase):
    """Mixed into the apps (before App); they call follow_floor() when mounted. Screens get
    floor_changed() when another session wrote, and read floor_problem to say NOT LIVE."""

    session: Session
    """The person at this terminal: each app sets it as it is made."""

    floor_problem: CallfloorError | None = None
    """Why the last look at the change signal failed (the screens are not live), or None."""

    _looking: bool = False
    _refused_keymap: KeyMap | None = None
    """The last key map the check refused (said once, not again at every policy load)."""
    _watch_thread: OneThread | None = None
    _watch: Watch | None = None

    def follow_floor(self) -> None:
        self._watch = Watch(self.session)
        self._watch_thread = OneThread("floor-watch", idle=self._idle_look, every=POLL_SECONDS)

    def _idle_look(self) -> None:
        """On the watch thread, every POLL_SECONDS it is not asked: tell the UI only news."""
        assert self._watch is not None
        try:
            seen = self._watch.news()
        except Exception as error:  # noqa: BLE001 (raised again on the UI thread, for the last resort)
            self.post_message(FloorLooked(error=error))
            return
        if seen is not None:
            self.post_message(FloorLooked(seen))

    def on_floor_looked(self, message: FloorLooked) -> None:
        if message.error is not None:
            raise message.error
        if message.seen is not None:
            self._saw(message.seen)

    def on_unmount(self) -> None:
        if self._watch_thread is not None:
            self._watch_thread.stop()

    def look_now(self) -> None:
        """Ask now (a look already under way is not doubled)."""
        if self._watch_thread is None or self._looking:
            return
        self._looking = True
        start(self, partial(self._look, self._watch_thread), name="floor-watch", group="floor-watch")

    async def _look(self, thread: OneThread) -> None:
        watch = self._watch
        assert watch is not None
        try:
            seen = await thread.run(watch.look)
        finally:
            self._looking = False
        self._saw(seen)

    def _saw(self, seen: Look) -> None:
        if seen.problem is not None or seen.token is None:
            was = self.floor_problem
            self.floor_problem = seen.problem
            if was is None:
                self._tell_screens(EVERYTHING)
            return
        came_back = self.floor_problem is not None
        moved = seen.moved
        changes = EVERYTHING if came_back else seen.changes
        self.floor_problem = None
        if seen.policy_problem is not None:
            self.notify(
                tr("policy.unreadable", problem=seen.policy_problem.say(language())),
                severity="error",
                timeout=15,
                markup=False,
            )
        if seen.policy is not None:
            self.take_policy(seen.policy, seen.keys_changed)
        elif moved or came_back:
            self._tell_screens(changes)

    def _tell_screens(self, changes: Changes) -> None:
        """Each screen that shows what changed reads again (the one on show now; the ones below
        when they come back). A screen that does not say what it shows (cares_about) is told
        of every change."""
        for screen in self.screen_stack:
            changed = getattr(screen, "floor_changed", None)
            cares = getattr(screen, "cares_about", None)
            if changed is not None and (cares is None or cares(changes)):
                changed()

    def take_policy(self, update: PolicyUpdate, keys_changed: bool) -> None:
        """A newly loaded policy: its keys, every screen read again under it, and a word."""
        if keys_changed:
            self.apply_floor_keymap(update.policy.keys)
        for screen in self.screen_stack:
            changed = getattr(screen, "policy_changed", None)
            if changed is not None:
                changed()
        self._tell_screens(EVERYTHING)
        at = update.at.astimezone(update.policy.calendar.tz).strftime("%H:%M") if update.at else "?"
        self.notify(
            tr("policy.updated", by=update.by or "?", at=at),
            title=tr("policy.updated.title"),
            timeout=15,
            markup=False,
        )

    def apply_floor_keymap(self, keymap: KeyMap) -> None:
        """The floor's own key choices (the policy's [keys]), if they pass the check
        (tui/key_maps.py): a map that would take a key from another binding or move one to a
        key the terminal cannot send is skipped, the keys staying as they were, and said once.
        Ids this app lacks are Textual's to ignore (the wall's app has few)."""
        problems = check_keymap(keymap, (type(self),), unknown_ids=False)
        if not problems:
            self._refused_keymap = None
            self.set_keymap(dict(keymap))
            return
        if keymap == self._refused_keymap:
            return
        self._refused_keymap = keymap
        self.notify(
            tr("keys.live.refused", problem=f"keys.{problems[0].ident}: {problems[0].say(language())}"),
            severity="error",
            timeout=15,
            markup=False,
        )
