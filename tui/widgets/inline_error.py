"""A form field's own error line: shown right under the field it names, gone when empty."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from core.basics import printable


class InlineError(Static):
    """Hidden until a problem is shown; the text is plain (never markup)."""

    DEFAULT_CSS = """
    InlineError { display: none; height: auto; color: $error; padding: 0 0 0 1; }
    InlineError.-shown { display: block; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.message = ""
        """What is wrong, as shown; "" when the field is fine."""

    def show(self, message: str) -> None:
        self.message = message
        self.update(Text("⚠ " + printable(message)))
        self.add_class("-shown")

    def clear(self) -> None:
        if self.message:
            self.message = ""
            self.update("")
            self.remove_class("-shown")
