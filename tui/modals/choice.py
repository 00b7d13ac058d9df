"""Pick one of a list (a tier, a category with its sub-tag, a department, one of a ticket's
handoffs) and fill in the form's fields (a reason by default)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.i18n import tr
from tui.modals.action import ActionModal, Apply
from tui.modals.text_entry import TextField
from tui.widgets.find_list import FindList
from tui.widgets.form_row import LabelledField
from tui.widgets.plain_entry import PlainInput

REASON = (TextField("reason", "ticket.field.reason"),)
"""What a change of tier or category asks for: why."""


class ChoiceModal(ActionModal):
    """values(): {"choice": the picked option's value, and each field's text by its key}.
    Enter on the list goes to the first empty required field, or saves when there is none;
    Enter on a field saves."""

    hint = "modal.hint.choice"

    def __init__(
        self,
        title: str,
        label: str,
        options: Sequence[tuple[str, str | Content]],
        current: str | None,
        apply: Apply,
        values: dict[str, str] | None = None,
        fields: Sequence[TextField] = REASON,
        hint: str | None = None,
        dense: bool = False,
    ) -> None:
        super().__init__(title, apply, values)
        self.label = label
        """i18n key of the list's label."""
        self.options = list(options)
        """(value, words) in the order shown; words that are Content keep their styles."""
        self.fields = list(fields)
        """The text fields under the list (none: picking is all the form asks)."""
        self.current = self.initial.get("choice") or current
        if hint is not None:
            self.hint = hint
        self.dense = dense
        """One line per field (borderless inputs), so a long form still fits 80x24."""
        if dense:
            self.add_class("-dense")

    def compose_fields(self) -> ComposeResult:
        yield LabelledField(
            Label(tr(self.label), classes="modal-label", markup=False),
            FindList(
                *[
                    Option(words if isinstance(words, Content) else Content(words), id=value)
                    for value, words in self.options
                ],
                classes="modal-choices",
            ),
        )
        for spec in self.fields:
            yield LabelledField(
                Label(tr(spec.label), classes="modal-label", markup=False),
                PlainInput(
                    self.initial.get(spec.key, ""),
                    id=f"field-{spec.key}",
                    classes="modal-input",
                    compact=self.dense,
                ),
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        values = [value for value, _ in self.options]
        choices.highlighted = values.index(self.current) if self.current in values else 0 if values else None
        choices.focus()

    def field(self, key: str) -> Input:
        return self.query_one(f"#field-{key}", Input)

    def values(self) -> dict[str, str]:
        option = self.query_one(OptionList).highlighted_option
        values = {"choice": (option.id or "") if option else ""}  # every option has its value as id
        values.update((spec.key, self.field(spec.key).value) for spec in self.fields)
        return values

    def missing(self) -> tuple[str, Widget] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id:  # an option without a value asks the agent to pick
            return tr(self.label), self.query_one(OptionList)
        for spec in self.fields:
            box = self.field(spec.key)
            if spec.required and not box.value.strip():
                return tr(spec.label), box
        return None

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        gap = self.missing()
        if gap is not None:
            gap[1].focus()
        else:  # every required field is filled (a draft, or typed before the pick): done
            self.action_save()
