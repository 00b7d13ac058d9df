"""Pick one of a list (a tier, a category with its sub-tag) and say why."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.i18n import tr
from tui.modals.action import ActionModal, Apply


class ChoiceModal(ActionModal):
    """values(): {"choice": the picked option's value, "reason": the reason typed}.
    Enter on the list goes to the reason; Enter on the reason saves."""

    hint = "modal.hint.choice"

    def __init__(self, title: str, label: str, options: list[tuple[str, str]], current: str | None,
                 apply: Apply, values: dict[str, str] | None = None) -> None:
        super().__init__(title, apply, values)
        self.label = label
        """i18n key of the list's label."""
        self.options = list(options)
        """(value, words) in the order shown."""
        self.current = self.initial.get("choice") or current

    def compose_fields(self) -> ComposeResult:
        yield Label(tr(self.label), classes="modal-label", markup=False)
        yield OptionList(*[Option(Content(words), id=value) for value, words in self.options],
                         classes="modal-choices")
        yield Label(tr("ticket.field.reason"), classes="modal-label", markup=False)
        yield Input(self.initial.get("reason", ""), id="field-reason", classes="modal-input")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        values = [value for value, _ in self.options]
        if self.current in values:
            choices.highlighted = values.index(self.current)
        choices.focus()

    def values(self) -> dict[str, str]:
        option = self.query_one(OptionList).highlighted_option
        return {"choice": option.id if option else "", "reason": self.query_one("#field-reason", Input).value}

    def missing(self) -> tuple[str, Widget] | None:
        if self.query_one(OptionList).highlighted_option is None:
            return tr(self.label), self.query_one(OptionList)
        box = self.query_one("#field-reason", Input)
        return (tr("ticket.field.reason"), box) if not box.value.strip() else None

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#field-reason", Input).focus()
