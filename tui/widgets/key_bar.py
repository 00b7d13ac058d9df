"""The keys that work now, on one line: what Footer shows, drawn by one widget instead of a
widget per key, so a screen whose keys change after every action repaints its footer cheaply."""

from __future__ import annotations

from textual.binding import ActiveBinding
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

KEY_STYLE = "$footer-key-foreground bold"
TEXT_STYLE = "$footer-description-foreground"
OFF_STYLE = "$footer-description-foreground dim"


class KeyBar(Widget):
    """Every shown binding of the focused chain (check_action False hides it, None greys it),
    one entry per action, and the command palette's key on the right."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[Content, ...] = ()
        """The screen's keys that work now, left to right, one entry each."""
        self.always: tuple[Content, ...] = ()
        """The app's own keys (? for every key): drawn even when the screen's do not all fit."""
        self.palette = Content("")
        """The command palette's key, drawn at the right end when there is room."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.bindings_changed(self.screen)
        # The floor's keymap is set as the app mounts, when Textual tells no screen (it refreshes
        # bindings only once the app is mounted): look again when the app has.
        self.app.call_later(self.bindings_changed, self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        shown = self.keys_of(screen)
        # Content compares by its text alone: a key greyed or lit again must repaint too.
        if _looks(shown) != _looks((self.keys, self.always, self.palette)):
            self.keys, self.always, self.palette = shown
            self.refresh()

    def keys_of(self, screen: Screen) -> tuple[tuple[Content, ...], tuple[Content, ...], Content]:
        app = self.app
        seen: set[str] = set()
        keys: list[Content] = []
        always: list[Content] = []
        palette = Content("")
        for key, (node, binding, enabled, _tooltip) in _in_declared_order(screen.active_bindings):
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = Content.assemble(
                    (app.get_key_display(binding), KEY_STYLE), " ", (binding.description, TEXT_STYLE)
                )
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            entry = Content.assemble(
                (app.get_key_display(binding), KEY_STYLE if enabled else OFF_STYLE),
                " ",
                (binding.description, TEXT_STYLE if enabled else OFF_STYLE),
                " ",
            )
            (always if node is app else keys).append(entry)
        return tuple(keys), tuple(always), palette

    def render(self) -> Content:
        """The screen's keys that fit, then the app's, then the palette's key if room is left."""
        room = self.size.width - sum(entry.cell_length for entry in self.always)
        keys: list[Content] = []
        for entry in self.keys:
            if entry.cell_length > room:
                break
            keys.append(entry)
            room -= entry.cell_length
        line = Content.assemble(*keys, *self.always)
        gap = self.size.width - line.cell_length - self.palette.cell_length
        if not self.palette or gap < 1:
            return line
        return Content.assemble(line, " " * gap, self.palette)


def _looks(shown: tuple[tuple[Content, ...], tuple[Content, ...], Content]) -> tuple:
    """What the bar draws: each key's text and its styles."""
    keys, always, palette = shown
    return tuple((c.plain, tuple(c.spans)) for c in (*keys, *always, palette))


def _in_declared_order(bindings: dict[str, ActiveBinding]) -> list[tuple[str, ActiveBinding]]:
    """The active bindings node by node, each node's in the order its class declares them:
    Textual lists a key the floor's keymap moved last, and the footer would reorder itself."""
    nodes: dict[DOMNode, int] = {}
    for active in bindings.values():
        nodes.setdefault(active.node, len(nodes))
    return sorted(
        bindings.items(),
        key=lambda item: (nodes[item[1].node], _declared(type(item[1].node)).get(_name(item[1]), 1 << 16)),
    )


def _name(active: ActiveBinding) -> str:
    return active.binding.id or active.binding.action


_DECLARED: dict[type[DOMNode], dict[str, int]] = {}


def _declared(cls: type[DOMNode]) -> dict[str, int]:
    """Each binding's place among the bindings of cls, its bases' first (as Textual merges them)."""
    if cls not in _DECLARED:
        order: dict[str, int] = {}
        merged = cls._merged_bindings or cls._merge_bindings()
        for key_bindings in merged.key_to_bindings.values():
            for binding in key_bindings:
                order.setdefault(binding.id or binding.action, len(order))
        _DECLARED[cls] = order
    return _DECLARED[cls]
