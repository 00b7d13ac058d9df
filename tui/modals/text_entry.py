"""A form of text fields (a note, a contact's summary, a result and its confirmation, a reason)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, Label

from tui.i18n import tr
from tui.modals.action import ActionModal, Apply
from tui.widgets.form_row import LabelledField
from tui.widgets.plain_entry import PlainInput


@dataclass(frozen=True)
class TextField:
    key: str
    """The name of the value in the form's values."""
    label: str
    """i18n key of the label."""
    required: bool = True


class TextEntryModal(ActionModal):
    """Dismisses with an Outcome: done, or cancelled with the typing kept as a draft."""

    def __init__(
        self,
        title: str,
        fields: list[TextField],
        apply: Apply,
        values: dict[str, str] | None = None,
        dense: bool = False,
    ) -> None:
        super().__init__(title, apply, values)
        self.fields = list(fields)
        self.dense = dense
        """One line per field (borderless inputs), so a form of many fields still fits 80x24."""
        if dense:
            self.add_class("-dense")

    def compose_fields(self) -> ComposeResult:
        for spec in self.fields:
            box = PlainInput(
                self.initial.get(spec.key, ""),
                id=f"field-{spec.key}",
                classes="modal-input",
                compact=self.dense,
            )
            if self.from_draft:  # set before the screen first focuses it
                box.keep_cursor_until_typed()
            yield LabelledField(Label(tr(spec.label), classes="modal-label", markup=False), box)

    def on_mount(self) -> None:
        self.query_one(f"#field-{self.fields[0].key}", Input).focus()

    def field(self, key: str) -> Input:
        return self.query_one(f"#field-{key}", Input)

    def values(self) -> dict[str, str]:
        return {spec.key: self.field(spec.key).value for spec in self.fields}

    def missing(self) -> tuple[str, Widget] | None:
        for spec in self.fields:
            box = self.field(spec.key)
            if spec.required and not box.value.strip():
                return tr(spec.label), box
        return None
