"""Labelled fields of a form: a row (label | field, with its error line under them) and a label
over its field. Either one lights its label up while focus is inside it (tui/styles/focus.tcss),
so the agent sees which field the next key goes to."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label

from tui.widgets.inline_error import InlineError


class FormRow(Vertical):
    """label | field ...   with an InlineError (id "<name>-error") under them."""

    DEFAULT_CSS = """
    FormRow { height: auto; }
    FormRow > Horizontal { height: auto; }
    FormRow .form-label { width: 12; padding: 0 1 0 0; color: $foreground-muted; }
    FormRow .form-label.-second { width: auto; padding: 0 1; }
    """

    def __init__(self, name: str, label: str, *fields: Widget, **kwargs) -> None:
        super().__init__(id=f"{name}-row", **kwargs)
        self.field_name = name
        """The field this row holds; its error line is #<name>-error."""
        self._label = label
        self._fields = fields

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self._label, classes="form-label", markup=False)
            yield from self._fields
        yield InlineError(id=f"{self.field_name}-error")

    @property
    def error(self) -> InlineError:
        return self.query_one(InlineError)


class LabelledField(Vertical):
    """A form's label (class "modal-label") over its field: the modals stack them so."""

    DEFAULT_CSS = """
    LabelledField { height: auto; }
    """

    def __init__(self, label: Widget, field: Widget, **kwargs) -> None:
        super().__init__(label, field, **kwargs)
        self.label = label
        """The label, lit while the field has the focus."""
        self.field = field
        """The widget that takes the focus (an Input, a list)."""
