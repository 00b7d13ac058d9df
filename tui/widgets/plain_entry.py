"""Entry fields that never send a raw control character to the terminal.

Textual's Input and TextArea paint their text as it is: a customer message pasted with an
escape sequence in it (ESC [2J, a window-title OSC, a bidi override) would reach the agent's
terminal raw and clear or recolour it. These two paint what they hold through
core.basics.display.printable (ESC as ␛, and so on), and turn pasted controls into those visible
symbols when they come in, so what is saved is what the agent saw. Line breaks in a paste
become newlines (Windows' CR LF and old Mac CR alike); tabs stay.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Input, TextArea

from core.basics import printable

EDITS = frozenset(
    {
        "cut",
        "paste",
        "undo",
        "redo",
        "delete_left",
        "delete_right",
        "delete_left_word",
        "delete_right_word",
        "delete_word_left",
        "delete_word_right",
        "delete_left_all",
        "delete_right_all",
        "delete_to_start_of_line",
        "delete_to_end_of_line",
        "delete_to_end_of_line_or_delete_line",
        "delete_line",
    }
)
"""Input's and TextArea's actions that change the text (their keys: backspace, delete, ctrl+w...)."""


def saving(field: Input | TextArea) -> bool:
    """The form this field is on is saving what it holds (a held lock makes that wait): an
    edit now would not be in the save, and be lost without a word, so it is refused (a bell);
    moving, Esc and the rest still work. The forms say it with saving_now."""
    return bool(getattr(field.screen, "saving_now", False))


def refused_while_saving(field: Input | TextArea, event: events.Key) -> bool:
    if event.is_printable and saving(field):
        event.prevent_default()  # the field's own handler would insert the character
        event.stop()
        field.app.bell()
        return True
    return False


def pasted(text: str) -> str:
    """A paste as it goes into a field: one kind of line break, controls made visible."""
    return printable(text.replace("\r\n", "\n").replace("\r", "\n"))


class PlainInput(Input):
    """An Input whose value is painted through printable; pasted controls become visible."""

    def keep_cursor_until_typed(self) -> None:
        """Focus leaves the cursor at the end instead of selecting the text, until the agent
        types here: a form reopened with the agent's kept typing, where the next key adds to
        it. (Textual runs each class's _on_focus, so this switches Input's choice off rather
        than overriding it.)"""
        self.select_on_focus = False
        self._select_again_after_key = True

    _select_again_after_key = False

    def on_key(self, event: events.Key) -> None:
        if refused_while_saving(self, event):
            return
        # Beside Input's own key handling: the next focus selects again.
        if self._select_again_after_key:
            self._select_again_after_key = False
            self.select_on_focus = True

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(printable(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in EDITS and saving(self))

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the raw text
        event.stop()
        if saving(self):
            self.app.bell()
            return
        text = pasted(event.text)
        if text:
            line = " ".join(part.strip() for part in text.splitlines() if part.strip())  # one line: none lost
            if self.selection.is_empty:
                self.insert_text_at_cursor(line)
            else:
                self.replace(line, *self.selection)


class PlainTextArea(TextArea):
    """A TextArea whose lines are painted through printable; pasted controls become visible."""

    def get_line(self, line_index: int) -> Text:
        return Text(printable(self.document.get_line(line_index)), end="", no_wrap=True)

    def on_key(self, event: events.Key) -> None:
        refused_while_saving(self, event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not (action in EDITS and saving(self))

    def on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own handler would insert the raw text
        event.stop()
        if self.read_only or saving(self):
            if not self.read_only:
                self.app.bell()
            return
        edit = self.replace(pasted(event.text), *self.selection, maintain_selection_offset=False)
        self.move_cursor(edit.end_location)
        self.focus()
