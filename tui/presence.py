"""The session says where it is (core/floor/presence.py): at start, then every BEAT_SECONDS,
which screen is on show and which ticket it has open, so the supervisors' floor screen shows
each agent online and on what. One short write off the UI thread; a beat that fails (a held
lock, the floor unreachable) is simply the next one's to make. Quitting takes the row away."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from textual.screen import ModalScreen, Screen

from core.basics import CallfloorError
from core.floor import Session
from core.floor.presence import BEAT_SECONDS, Whereabouts, leave, new_token, say_here
from tui.base.threads import in_thread, start

LEAVE_WAIT_SECONDS = 1.0
"""How long quitting waits for the row to go."""

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object


def whereabouts(stack: list[Screen]) -> Whereabouts:
    """The screen the person works on (the one under any modal form) and its ticket."""
    screen = next((s for s in reversed(stack) if not isinstance(s, ModalScreen)), None)
    if screen is None:
        return Whereabouts()
    name = type(screen).__name__.removesuffix("Screen").lower()
    ref = getattr(screen, "ref", None)
    return Whereabouts(name, ref if isinstance(ref, str) else None)


class SaysWhere(_AppBase):
    """Mixed into the app; it calls say_where() when mounted."""

    session: Session
    _presence_token: str | None = None
    _first_beat = True

    def say_where(self) -> None:
        self._presence_token = new_token()
        self._beat()
        self.set_interval(BEAT_SECONDS, self._beat, name="presence")

    def _beat(self) -> None:
        token, session = self._presence_token, self.session
        if token is None:
            return
        where, first = whereabouts(list(self.screen_stack)), self._first_beat

        async def beat() -> None:
            try:
                there = await in_thread(lambda: say_here(session, token, where, first=first, again=not first))
            except CallfloorError:
                return  # the floor watch says NOT LIVE; the next beat tries again
            # a row gone while the app still runs (a floor restored, copied): the next beat makes it
            self._first_beat = not there and self._presence_token == token

        start(self, beat, name="presence", group="presence", exclusive=True)

    def on_unmount(self) -> None:
        """On the way out the row goes, so the floor screen shows this session gone at once.
        Best effort and short: a held lock must not keep a quitting app (the row then ages out,
        away within a minute)."""
        token, self._presence_token = self._presence_token, None
        if token is None:
            return
        session = self.session

        def go() -> None:
            try:
                leave(session, token)
            except CallfloorError:
                pass

        thread = threading.Thread(target=go, name="presence-leave", daemon=True)
        thread.start()
        thread.join(LEAVE_WAIT_SECONDS)
