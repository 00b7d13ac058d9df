"""The command palette (Ctrl+P): every action of the current screen, by its translated name,
so anything a key does can also be found by typing a few letters of its name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.binding import ActiveBinding
from textual.command import Hit, Hits, Provider

from tui.i18n import tr


@dataclass(frozen=True)
class Entry:
    """One line of the palette."""

    label: str
    run: Callable[[], Awaitable[object]]
    help: str


class ScreenActions(Provider):
    """The floor's own keys of the screen (what the footer and the key panel show), each a
    command, in the order an agent looks for them: the screen's actions in the footer, its
    other actions, the app's (the views, the export, the menu, then keys and quit), then the
    keys that move around in the focused list. Textual's own keys (scrolling, focus, editing
    a field) have no binding id and mean nothing here: they are left out. (Textual's system
    commands come from its own provider; an empty Ctrl+P lists them after all of these.)"""

    def _entries(self) -> Iterator[Entry]:
        """One entry per action, all its keys on the line: "Down  (↓ j)"."""
        keys: dict[tuple[int, str], list[str]] = {}
        offers = getattr(self.app, "offers", lambda action: True)
        firsts: dict[tuple[int, str], ActiveBinding] = {}
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.id is None or not binding.description or not active.enabled or binding.system:
                continue
            if active.node is self.app and not offers(binding.action):
                continue  # the floor screen, to someone the app knows is an agent
            action = (id(active.node), binding.action)
            firsts.setdefault(action, active)
            keys.setdefault(action, []).append(self.app.get_key_display(binding))
        for action, active in sorted(firsts.items(), key=lambda item: self._rank(item[1])):
            binding = active.binding
            label = f"{binding.description}  ({' '.join(dict.fromkeys(keys[action]))})"
            # run as the node's own run_action would: the app runs it with the node as namespace
            run = partial(self.app.run_action, binding.action, active.node)
            yield Entry(label, run, binding.tooltip or "")

    def _rank(self, active: ActiveBinding) -> int:
        """Where a key's action comes in the list (sorted() keeps the bindings' own order
        within a rank)."""
        shown = active.binding.show
        if active.node is self.app:
            return 3 if shown else 2  # the views, the export, the menu; then ? and quit
        if shown:
            return 0  # in the footer: the screen's (or its list's) main actions
        return 1 if active.node is self.screen else 4

    async def discover(self) -> Hits:
        for entry in self._entries():
            yield Hit(1.0, entry.label, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries():
            score = matcher.match(entry.label)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.label), entry.run, help=entry.help)


__all__ = ["ScreenActions", "tr"]
