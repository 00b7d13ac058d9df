"""Asking core off the UI thread: every database call of the app runs in a thread worker, so a
held write lock, a slow disk or a big floor never freezes a screen (docs/architecture.md).

ask() runs the call in a daemon thread (tui/base/threads.py) and hands its result (or core's
refusal) back on the UI thread, to the screen or modal that asked, and only while that node is
still in the app: a result that arrives after the agent moved on (or after a newer ask of the
same exclusive group) repaints nothing. An unexpected error goes to the
app's last resort (tui/last_resort.py), the one handler for every worker's failure.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from textual.worker import Worker

from core.basics import CallfloorError
from tui.base.threads import in_thread, start

T = TypeVar("T")

SLOW_AFTER = 0.3
"""A call not answered by then says so (ask's slow): past a key's feel of instant."""

if TYPE_CHECKING:
    from textual.dom import DOMNode

    _NodeBase = DOMNode
else:
    _NodeBase = object


class Asks(_NodeBase):
    """Mixed into the screens and the modals (tui/base/screen.py)."""

    def report(
        self, error: Exception, typed: bool = False, about: str | None = None, timeout: float = 8
    ) -> None:
        raise NotImplementedError  # ScreenBasics says a refusal

    def ask(
        self,
        call: Callable[[], T],
        then: Callable[[T], object] | None = None,
        *,
        failed: Callable[[CallfloorError], object] | None = None,
        group: str = "floor",
        exclusive: bool = False,
        on_app: bool = False,
        slow: str | None = None,
    ) -> Worker[None]:
        """Run call (one or a few core calls) in a thread; then(result) on the UI thread, or
        failed(error) when core refused (default: the refusal as a notification).

        exclusive: a newer ask in the same group cancels this one's delivery (a reload that
        a newer reload overtook). on_app: the worker belongs to the app, so the call's outcome
        is still delivered after this node is gone (a save the agent left with Esc). slow: what
        to say when the call has not answered within SLOW_AFTER seconds (a write waiting for
        another program's lock), so a key that changes nothing on screen yet is seen to work."""
        owner = self.app if on_app else self
        getattr(self, "session", None)  # known here, on the UI thread, for the call (ScreenBasics.session)

        async def work() -> None:
            timer = self.set_timer(SLOW_AFTER, partial(self.app.notify, slow, markup=False)) if slow else None
            try:
                result = await in_thread(call)
            except CallfloorError as error:
                outcome: Callable[[], object] = partial(failed or self.report, error)
            else:
                if then is None:
                    return
                outcome = partial(then, result)
            finally:
                if timer is not None:
                    timer.stop()
            if on_app or _still_here(self):  # else the agent moved on: nothing to repaint
                outcome()

        return start(owner, work, name=getattr(call, "__name__", "ask"), group=group, exclusive=exclusive)


def _still_here(node) -> bool:
    """Attached and not being taken down: a screen closing (the app quitting) loses its
    widgets before it is detached, and a read landing then found no table to show itself in.
    The flags are Textual's own (DOMNode.display reads the same three)."""
    return node.is_attached and not (node._closing or node._closed or node._pruning)
