"""Colour themes as data: each *.toml file here becomes a Textual Theme.

floor (default), mono (16 colours, readable with NO_COLOR), wallboard (the board on a wall screen).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.theme import Theme

HERE = Path(__file__).parent
DEFAULT = "floor"


def load_themes() -> dict[str, Theme]:
    themes = {}
    for file in sorted(HERE.glob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        themes[data["name"]] = Theme(**data)
    return themes
