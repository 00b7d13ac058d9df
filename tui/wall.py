"""`callfloor board`: the countdown board alone, for the wall screen. Read-only and needs
no keys; Ctrl+Q quits."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.binding import Binding

from core.floor import Session
from tui import i18n
from tui.floor_watch import FollowsFloor
from tui.last_resort import LastResort
from tui.looks import dress
from tui.quiet_input import QuietInput
from tui.screens.board import BoardScreen

WALL_THEME = "wallboard"


class WallApp(QuietInput, LastResort, FollowsFloor, App):
    CSS_PATH = str(Path(__file__).parent / "styles" / "board.tcss")
    BINDINGS = [Binding("ctrl+q", "quit", "key.quit", show=False, id="app.quit")]
    ENABLE_COMMAND_PALETTE = False  # nothing to command on a wall

    def __init__(self, session: Session, language: str = "en", theme: str | None = None) -> None:
        super().__init__()
        self.session = session
        session.keep_page_cache_small()
        i18n.set_language(language)
        dress(self, theme, default=WALL_THEME)

    def on_mount(self) -> None:
        self.title = i18n.tr("board.title")
        if self.session.policy.keys:
            self.apply_floor_keymap(self.session.policy.keys)
        self.follow_floor()

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen(with_keys=False)


def make_wall(session: Session, language: str | None = None, theme: str | None = None) -> WallApp:
    return WallApp(session, i18n.choose_language(language, session.policy.language), theme)
