"""Alerts before a breach (issue 20): placeholder, filled in by the alerts work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.floor import Changes, Session

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]
else:
    _AppBase = object


class TellsAlerts(_AppBase):
    """Mixed into the app; it calls follow_alerts() when mounted and alerts_changed(changes) on
    every change the floor watch sees."""

    session: Session

    def follow_alerts(self) -> None:
        pass

    def alerts_changed(self, changes: Changes) -> None:
        pass
