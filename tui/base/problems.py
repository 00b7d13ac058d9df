"""A refusal or failure in the words an agent reads (notifications, forms, status lines)."""

from __future__ import annotations

from core.basics import CallfloorError, StaleEdit, StorageBusy
from tui.i18n import language, tr
from tui.i18n import live as _words  # noqa: F401  (registers error.typed_kept)
from tui.text.event_rows import kind_words


def problem_words(error: Exception, typed: bool = False, about: str | None = None) -> str:
    """A refusal or failure in words for the agent. A stale edit is said in the agent's language
    (who changed the ticket, when, what kind of change), since the agent must act on it: look,
    then save again. typed: a form's save, whose text stays, says so when the database was
    locked; about: the i18n key ({problem}) of what could not be done, e.g. a list's load."""
    if about is not None:
        return tr(about, problem=problem_words(error, typed))
    if typed and isinstance(error, StorageBusy):
        return tr("error.typed_kept", problem=error.say(language()))
    if isinstance(error, StaleEdit):
        if error.login is None:
            return tr("modal.stale.someone", ref=error.ref)
        return tr(
            "modal.stale",
            ref=error.ref,
            login=error.login,
            when=error.when,
            kind=kind_words(error.kind or "-"),
        )
    return error.say(language()) if isinstance(error, CallfloorError) else f"{type(error).__name__}: {error}"
