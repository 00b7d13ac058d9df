"""The floor's themes on an app: registered before the first stylesheet parse, because
changing theme once running re-parses every stylesheet (a quarter of a second of start-up)."""

from __future__ import annotations

import os

from textual.app import App

from themes import DEFAULT, load_themes


def dress(app: App, theme: str | None, default: str = DEFAULT) -> None:
    """theme, else mono under NO_COLOR, else default."""
    for floor_theme in load_themes().values():
        app.register_theme(floor_theme)
    app.theme = theme or ("mono" if os.environ.get("NO_COLOR") else default)
