"""A long customer text (a ticket's description) shown literally, wrapped, and scrollable."""

from __future__ import annotations

from rich.segment import Segment

from tui.text.wrap import wrap
from tui.widgets.line_view import LineView


class TextPane(LineView):
    """Plain text: never markup, control characters shown as symbols (␛), CJK by cell width."""

    DEFAULT_CSS = """
    TextPane { height: auto; scrollbar-size-vertical: 1; overflow-x: hidden; }
    """

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = text
        """The text as the customer gave it (made printable only when drawn)."""

    def show(self, text: str | None) -> None:
        if (text or "") != self.text:
            self.text = text or ""
            self.content_changed()

    def lay_out(self, width: int, limit: int | None = None) -> list[str]:
        return wrap(self.text, width, limit)

    def draw(self, line: str, width: int) -> list[Segment]:
        return [Segment(line)]
