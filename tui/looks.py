"""The floor's themes on an app: registered before the first stylesheet parse, because
changing theme once running re-parses every stylesheet (a quarter of a second of start-up)."""

from __future__ import annotations

import os
from dataclasses import replace

from textual.app import App
from textual.filter import Monochrome, NoColor
from textual.theme import Theme

from themes import DEFAULT, load_themes

FOCUS_VARIABLES = ("focus-bar", "focus-label", "focus-label-style")
"""What tui/styles/focus.tcss reads: the focused field's bar or frame, its label's colour and
style. The floor's themes set them (themes/*.toml); every other theme gets with_focus's."""


def with_focus(theme: Theme) -> Theme:
    """theme, with the focus variables it lacks drawn from its accent: a theme picked from the
    command palette (Textual's own) must parse focus.tcss too."""
    if all(name in theme.variables for name in FOCUS_VARIABLES):
        return theme
    colour = theme.accent or theme.primary
    defaults = {"focus-bar": colour, "focus-label": colour, "focus-label-style": "bold"}
    return replace(theme, variables={**defaults, **theme.variables})


def dress(app: App, theme: str | None, default: str = DEFAULT) -> None:
    """theme, else mono under NO_COLOR, else default."""
    for floor_theme in load_themes().values():
        app.register_theme(floor_theme)
    for each in app.available_themes.values():
        app.register_theme(with_focus(each))
    app.theme = theme or ("mono" if os.environ.get("NO_COLOR") else default)
    if app.no_color and app.native_ansi_color:
        _strip_colour_only(app)


def _strip_colour_only(app: App) -> None:
    """Under NO_COLOR Textual chose its filter before the theme was set: Monochrome, which
    greys every colour, and greys the mono theme's "the terminal's own colour" to black on
    black. An ANSI theme wants NoColor (the terminal's default colours, attributes kept)."""
    app._filters = [NoColor() if isinstance(f, Monochrome) else f for f in app._filters]
    app.add_class("-no-color")  # cursors as reverse video (styles/app.tcss)
