"""What an agent typed into a form and then cancelled, kept for the session (one app): the
same form on the same ticket opens with it again, even after leaving the ticket and coming back."""

from __future__ import annotations

from weakref import WeakKeyDictionary

from textual.app import App

_drafts: WeakKeyDictionary[App, dict[tuple[str, str], dict[str, str]]] = WeakKeyDictionary()


def drafts(app: App) -> dict[tuple[str, str], dict[str, str]]:
    """{(ref, form): values} for this app; gone with the app."""
    return _drafts.setdefault(app, {})
