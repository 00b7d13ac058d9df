"""What every callfloor screen and modal is built on: translated key descriptions, error
reporting, the session at this terminal, and (screens) the poll of the floor's change signal
and the top line that says who is logged in, where, and whether the screen is live."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from textual.binding import ActiveBinding, Binding
from textual.screen import ModalScreen, Screen

from core.basics import CallfloorError
from core.floor import Session
from tui.base.asking import Asks
from tui.base.problems import problem_words
from tui.base.who_bar import Who, WhoBar, floor_name, read_who
from tui.i18n import tr, tr_or_same
from tui.last_resort import KeepsReading

T = TypeVar("T")

LIVE_LOOK_SECONDS = 1.0
"""How often the screen on show looks whether the app's watch can read the floor's change
signal (tui/floor_watch.py), for the NOT LIVE of its top line: an attribute read; the line
repaints only when the answer changes."""

if TYPE_CHECKING:
    _ScreenBase = Screen[Any]  # ScreenBasics is typed as the Screen it is mixed into
else:
    _ScreenBase = object  # and stays a plain mixin at run time


def translated(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Binding descriptions are i18n keys; the footer, the key panel and the palette read
    active_bindings, so translating there covers them all, in the language of the moment."""
    return {
        key: ActiveBinding(
            a.node,
            replace(a.binding, description=tr_or_same(a.binding.description))
            if a.binding.description
            else a.binding,
            a.enabled,
            a.tooltip,
        )
        for key, a in bindings.items()
    }


class _WithSession(Protocol):
    """What the apps (tui/app.py, tui/wall.py) carry for their screens. Textual types self.app
    as App[object], and this package cannot import the apps (they import it)."""

    session: Session
    floor_problem: CallfloorError | None


class _Watching(Protocol):
    def look_now(self) -> None: ...


class ScreenBasics(Asks, _ScreenBase):
    """Mixed into the screens and the modals: key descriptions in the language of the moment,
    refusals as notifications, and the session they ask core through."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    _session: Session | None = None

    @property
    def session(self) -> Session:
        """The person at this terminal; screens ask core through it. Kept once known (an app's
        session is made once): a read still queued when its screen closes asks through it off
        the UI thread, where a closed screen no longer finds its app."""
        if self._session is None:
            self._session = cast(_WithSession, self.app).session
        return self._session

    def report(
        self, error: Exception, typed: bool = False, about: str | None = None, timeout: float = 8
    ) -> None:
        """A refusal or failure as a notification; the screen and what was typed stay (see
        problem_words for typed and about)."""
        self.app.notify(
            problem_words(error, typed, about),
            title=tr("error.title"),
            severity="error",
            timeout=timeout,
            markup=False,
        )


class FloorScreen(KeepsReading, ScreenBasics, Screen):
    with_keys: bool = True
    """Someone works at this screen: its top line says who (and NOT LIVE when it applies).
    The wall's board (tui/wall.py, BoardScreen(with_keys=False)) is nobody's: no line there."""

    _who_bar: WhoBar | None = None

    def on_mount(self) -> None:
        """The who line, mounted here for every screen (Textual runs each class's on_mount):
        the login and floor at once, the agent's name and role once read."""
        if not self.with_keys or self._who_bar is not None:
            return  # the wall's board; or a subclass's on_mount called this one too
        session = self.session
        self._who_bar = WhoBar(Who(session.login, floor_name(session)))
        self.mount(self._who_bar)
        # A login the floor does not know: the screen itself says so; the line keeps the login.
        self.ask(lambda: read_who(session), self._who_bar.show, failed=lambda _: None, group="who")
        self.set_interval(LIVE_LOOK_SECONDS, self._look_live)

    def on_screen_resume(self) -> None:
        self._look_live()  # the watch may have failed or come back while this screen was hidden

    def _look_live(self) -> None:
        if self._who_bar is not None and self.in_view:
            self._who_bar.show_watch(self.poll_problem is not None)

    def action_back(self) -> None:
        """Esc: back to the screen below, or from a mode's own screen to the queue."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.switch_mode("queue")

    def policy_changed(self) -> None:
        """The app took a new floor policy; floor_changed follows (tui/floor_watch.py)."""

    def floor_changed(self) -> None:
        """Another session wrote (or the change signal failed or came back: see poll_problem).
        The screen on show reads again; a screen below reads again when it comes back."""

    @property
    def in_view(self) -> bool:
        """The screen the agent sees: on top, or under a form that leaves it in view. Textual's
        is_current also counts the screen just under an opaque one, whose every repaint then
        redraws the whole screen on top (a ticket over a busy queue cost a full frame a look)."""
        for screen in reversed(self.app.screen_stack):
            if not isinstance(screen, ModalScreen):
                return screen is self
        return False

    @property
    def poll_problem(self) -> CallfloorError | None:
        """Why the floor's change signal cannot be read (the screen is not live), or None."""
        return cast(_WithSession, self.app).floor_problem

    async def read_done(self, group: str) -> None:
        """Wait for this screen's reads of group under way: a key typed right behind the one
        that asked for them (Enter in a filter, then c) acts on what they read."""
        for worker in [w for w in self.workers if w.node is self and w.group == group]:
            if not worker.is_finished:
                try:
                    await worker.wait()
                except Exception:  # noqa: BLE001 (cancelled or failed: its own handler said so)
                    pass

    def poll(self) -> None:
        """Look at the floor's change signal now rather than at the next half second."""
        cast(_Watching, self.app).look_now()


class FloorModal(KeepsReading, ScreenBasics, ModalScreen[T], Generic[T]):
    """A modal that returns a T through dismiss()."""

    BINDINGS = [
        # A modal hides the app's own keys: Ctrl+Q quits from a form too (a save under way
        # runs in a daemon thread, so it does not hold the app open).
        Binding("ctrl+q", "app.quit", "key.quit", show=False, id="modal.quit"),
    ]
