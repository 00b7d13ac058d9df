"""What every callfloor screen and modal is built on: translated key descriptions, error
reporting, the session at this terminal, and (screens) the poll of the floor's change signal."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

from textual.binding import ActiveBinding
from textual.screen import ModalScreen, Screen

from core.basics import CallfloorError
from core.floor import Session
from core.tickets import queue
from tui.base.problems import problem_words
from tui.i18n import tr, tr_or_same
from tui.last_resort import KeepsReading

T = TypeVar("T")

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


class ScreenBasics(_ScreenBase):
    """Mixed into the screens and the modals: key descriptions in the language of the moment,
    refusals as notifications, and the session they ask core through."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translated(super().active_bindings)

    @property
    def session(self) -> Session:
        """The person at this terminal; screens ask core through it."""
        return cast(_WithSession, self.app).session

    def report(self, error: Exception, typed: bool = False, about: str | None = None) -> None:
        """A refusal or failure as a notification; the screen and what was typed stay (see
        problem_words for typed and about)."""
        self.app.notify(
            problem_words(error, typed, about),
            title=tr("error.title"),
            severity="error",
            timeout=8,
            markup=False,
        )


class FloorScreen(KeepsReading, ScreenBasics, Screen):
    _read_token: int | None = None
    poll_problem: CallfloorError | None = None
    """Why the last change-signal read failed (the screen is not live, and may say so), or None."""

    def action_back(self) -> None:
        """Esc: back to the screen below, or from a mode's own screen to the queue."""
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.switch_mode("queue")

    def policy_changed(self) -> None:
        """The app took a new floor policy: the next poll reads and paints again under it."""
        self._read_token = None

    def note_read(self) -> None:
        """Call as a read of the floor starts: writes by other sessions after it count as changes."""
        self._read_token = queue.change_token(self.session)

    def written_elsewhere(self) -> bool:
        """Whether another session has written since note_read. Asked only while the screen is
        shown (coming back to it reads anyway); a database that cannot be read counts as no
        change, so the last picture stays."""
        if not self.is_current:
            return False
        try:
            token = queue.change_token(self.session)
        except CallfloorError as error:
            self.poll_problem = error
            return False
        self.poll_problem = None
        return token != self._read_token


class FloorModal(KeepsReading, ScreenBasics, ModalScreen[T], Generic[T]):
    """A modal that returns a T through dismiss()."""
