"""A claim asked from a screen: one claim per ticket at a time, said to be under way when the
floor is slow to answer, and forgotten in both outcomes so the ticket can be claimed again.

The queue and the ticket screen claim the same way; only what they do with the answer differs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from core.basics import CallfloorError
from core.tickets import lifecycle as tickets
from tui.i18n import tr
from tui.type_ahead import KeysHeld

if TYPE_CHECKING:
    from tui.base.screen import ScreenBasics


class Claims:
    """The refs a screen has asked to claim and not yet heard back on."""

    def __init__(self, screen: ScreenBasics) -> None:
        self._screen = screen
        self._waiting: set[str] = set()
        self.held = KeysHeld()
        """The keys typed behind c wait for the claim (tui/type_ahead.py): w, r or Enter act on
        the ticket as claimed."""

    def waiting(self, ref: str) -> bool:
        return ref in self._waiting

    def claim(
        self,
        ref: str,
        claimed: Callable[[tickets.ClaimResult], object],
        refused: Callable[[CallfloorError], object],
    ) -> None:
        if ref in self._waiting:
            return  # a second c while the first waits for the floor claims nothing more
        self._waiting.add(ref)
        self.held.begin()
        screen = self._screen

        def done(result: tickets.ClaimResult) -> None:
            self._waiting.discard(ref)
            try:
                claimed(result)
            finally:
                self.held.end()

        def failed(error: CallfloorError) -> None:
            self._waiting.discard(ref)
            try:
                refused(error)
            finally:
                self.held.end()

        screen.ask(
            lambda: tickets.claim(screen.session, ref),
            done,
            failed=failed,
            group="claim",
            slow=tr("claiming", ref=ref),
        )
