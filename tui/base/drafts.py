"""What an agent typed into a form and then cancelled, kept for the session (one app): the
same form on the same ticket opens with it again, even after leaving the ticket and coming back."""

from __future__ import annotations

from time import monotonic
from weakref import WeakKeyDictionary

from textual.app import App

from tui.i18n import tr

_drafts: WeakKeyDictionary[App, dict[tuple[str, str], dict[str, str]]] = WeakKeyDictionary()
_saving: WeakKeyDictionary[App, dict[tuple[str, str], float]] = WeakKeyDictionary()
SAVING_AT_MOST = 120.0
"""A save left with Esc is taken as still under way this long at most (its outcome, which
ends it, always comes: this only frees the form should an unexpected error swallow it)."""


def drafts(app: App) -> dict[tuple[str, str], dict[str, str]]:
    """{(ref, form): values} for this app; gone with the app."""
    return _drafts.setdefault(app, {})


class Draft:
    """One form's draft for the session: what the form opens with, and what its closing keeps.
    The screens' forms (a ticket's, the directory's, the improvement actions') share it."""

    def __init__(self, app: App, key: tuple[str, str], start: dict[str, str] | None = None) -> None:
        self.app, self.key, self.start = app, key, start
        self.kept = drafts(app)
        self.under_way = _saving.setdefault(app, {})

    def still_saving(self) -> bool:
        """The form was left with Esc while its save waited (a held lock), and that save has
        not ended: the form does not open again (it would open empty, and the same text typed
        again saved twice once the lock goes); the agent is told so."""
        since = self.under_way.get(self.key)
        if since is None or monotonic() - since > SAVING_AT_MOST:
            return False
        self.app.notify(tr("modal.still_saving"), markup=False)
        return True

    @property
    def values(self) -> dict[str, str] | None:
        """What the form opens with: its draft, else start."""
        return self.kept.get(self.key) or self.start

    @property
    def from_draft(self) -> bool:
        return self.key in self.kept

    def closed(self, outcome) -> None:
        """The form closed: a save still under way is said; a save, or typing left as it began,
        drops the draft (and the save's message is said); changed typing cancelled is kept."""
        if outcome.pending:
            self.under_way[self.key] = monotonic()
            self.app.notify(tr("modal.saving_on"), markup=False)
            return
        if outcome.done or not outcome.has_text or outcome.values == self.start:
            self.kept.pop(self.key, None)
            if outcome.message:
                self.app.notify(outcome.message, markup=False)
        else:
            self.kept[self.key] = outcome.values
            self.app.notify(tr("modal.draft_kept"), markup=False)

    def saved_late(self, outcome) -> bool:
        """A save the agent left with Esc ended: refused, what was typed is the draft again
        (False); saved, its draft is no longer one (True: the screen reads its rows again)."""
        self.under_way.pop(self.key, None)
        if not outcome.done:
            self.kept[self.key] = outcome.values
            return False
        if self.kept.get(self.key) == outcome.values:
            self.kept.pop(self.key, None)
        return True
