"""A policy loaded while the app runs (callfloor policy load, by a supervisor anywhere) reaches
this session within seconds: the app asks core every POLL_SECONDS (one PRAGMA while nothing
was written; the policy's revision when something was), and on a new one says so, takes the
floor's new keys and has the screen on show read again under it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.basics import CallfloorError, PolicyError
from core.floor import Session, follow_policy
from tui.i18n import language, tr
from tui.i18n import live as _words  # noqa: F401  (registers the words)

POLL_SECONDS = 1.0
"""How often the app looks for a new policy (the screens poll their data twice a second)."""

if TYPE_CHECKING:
    from textual.app import App

    _AppBase = App[Any]  # typed as the App it is mixed into; a plain mixin at run time
else:
    _AppBase = object


class FollowsPolicy(_AppBase):
    """Mixed into the apps (before App); they call follow_policy_changes() when mounted."""

    session: Session
    """The person at this terminal: each app sets it as it is made."""

    def follow_policy_changes(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_policy, name="policy")

    def check_policy(self) -> bool:
        """Take a newly loaded policy; True when there was one."""
        session = self.session
        before = session.policy
        try:
            update = follow_policy(session)
        except PolicyError as error:
            self.notify(
                tr("policy.unreadable", problem=error.say(language())),
                severity="error",
                timeout=15,
                markup=False,
            )
            return False
        except CallfloorError:
            return False  # the database itself: the screens' own polls say what is wrong
        if update is None:
            return False
        if update.policy.keys != before.keys:
            self.set_keymap(dict(update.policy.keys))
        for screen in self.screen_stack:
            changed = getattr(screen, "policy_changed", None)
            if changed is not None:
                changed()
        at = update.at.astimezone(update.policy.calendar.tz).strftime("%H:%M") if update.at else "?"
        self.notify(
            tr("policy.updated", by=update.by or "?", at=at),
            title=tr("policy.updated.title"),
            timeout=15,
            markup=False,
        )
        return True
