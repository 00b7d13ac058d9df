"""The app's menu (F2): the app's own actions in one list, each with its key, for whoever
does not know the keys yet. The app runs the picked action once the menu is closed."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from tui.i18n import actions as _actions_words  # noqa: F401  (the actions screen's name)
from tui.i18n import report as _words  # noqa: F401  (registers the menu's words)
from tui.i18n import report_screen as _report_words  # noqa: F401  (the report screen's name)
from tui.i18n import tr
from tui.modals.choice import ChoiceModal

ENTRIES = (
    ("export_report", "key.export"),
    ("show_queue", "key.queue"),
    ("switch_mode('board')", "key.board"),
    ("switch_mode('directory')", "key.directory"),
    ("switch_mode('callbacks')", "key.callbacks"),
    ("show_floor", "key.floor"),
    ("switch_mode('report')", "key.report"),
    ("switch_mode('actions')", "key.actions"),
    ("toggle_keys", "key.help"),
    ("command_palette", "key.palette"),
    ("quit", "key.quit"),
)
"""(app action, i18n key of its name), in the order shown."""
LABEL_CELLS = 28
"""The names' column: the keys line up after it."""


def _nothing(values: dict[str, str]) -> None:
    """The menu only picks: the app acts on the pick once the menu is closed."""
    return None


class AppMenu(ChoiceModal):
    """Dismisses with an Outcome whose values["choice"] is an app action (done=True), or
    cancelled (done=False)."""

    BINDINGS = [
        Binding("escape", "cancel", "menu.key.close", id="menu.close"),
        Binding("enter", "save", "menu.key.pick", id="menu.pick"),
    ]

    def __init__(self, under: Screen) -> None:
        keys = _app_keys(under)
        offers = getattr(under.app, "offers", lambda action: True)  # the floor: supervisors'
        options = [
            (action, _entry(tr(words), keys.get(action, ""))) for action, words in ENTRIES if offers(action)
        ]
        super().__init__(
            tr("menu.title"), "menu.field", options, ENTRIES[0][0], _nothing, fields=(), hint="menu.hint"
        )
        self.add_class("app-menu")


def _app_keys(screen: Screen) -> dict[str, str]:
    """{app action: its key as shown} on the screen the menu opens over (a floor's remapped
    keys included); the palette's key comes with the app's own bindings."""
    app = screen.app
    keys: dict[str, str] = {}
    for active in screen.active_bindings.values():
        if active.node is app and active.binding.action not in keys:
            keys[active.binding.action] = active.binding.key_display or app.get_key_display(active.binding)
    return keys


def _entry(words: str, key: str) -> Content:
    name = Content(words)
    gap = max(LABEL_CELLS - name.cell_length, 1)
    return Content.assemble(name, " " * gap, (key, "bold"))
