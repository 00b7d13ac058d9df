"""The command palette (Ctrl+P): every action of the current screen, by its translated name,
so anything a key does can also be found by typing a few letters of its name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from functools import partial

from textual.command import Hit, Hits, Provider

from tui.i18n import tr


class ScreenActions(Provider):
    """The screen's active bindings (what the footer and the key panel show), each a command."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], Awaitable[bool]], str]]:
        """(label, run, help) for each binding the palette offers."""
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.description or not active.enabled or binding.system:
                continue
            label = f"{binding.description}  ({binding.key_display or self.app.get_key_display(binding)})"
            # run as the node's own run_action would: the app runs it with the node as namespace
            yield label, partial(self.app.run_action, binding.action, active.node), binding.tooltip or ""

    async def discover(self) -> Hits:
        for label, run, help_text in self._commands():
            yield Hit(1.0, label, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, run, help_text in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), run, help=help_text)


__all__ = ["ScreenActions", "tr"]
