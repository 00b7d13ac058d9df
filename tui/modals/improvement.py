"""The form of an improvement action (issue 23): one line a field (label | field, its own error
line under it), the pick lists as compact Selects (the department from the directory, the owner
from the floor's people, the category and its sub-tags from the policy), so the whole form of
nine fields fits 80x24. Core checks every value when the form saves; a refusal naming a field
shows under that field, and the form stays open with everything typed and picked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input, Select

from core.basics import CallfloorError, InvalidInput
from core.policy import Policy
from tui.base.problems import problem_words
from tui.i18n import actions as _words  # noqa: F401  (registers the form's words)
from tui.i18n import language, tr
from tui.modals.action import ActionModal, Apply
from tui.widgets.form_row import FormRow
from tui.widgets.plain_entry import PlainInput

Options = Sequence[tuple[str, str]]
"""(value, words) of a pick list, in the order shown."""


@dataclass(frozen=True)
class Field:
    key: str
    """The value's name in the form's values (and core's field name, for its refusals)."""
    label: str
    """i18n key of the label."""
    required: bool = False
    placeholder: str | None = None
    """i18n key of the placeholder."""
    pick: bool = False
    """A pick list (its options come with the form) rather than text."""


NEW_FIELDS = (
    Field("title", "actions.field.title", required=True),
    Field("department", "actions.field.department", required=True, pick=True),
    Field("owner", "actions.field.owner", required=True, pick=True),
    Field("due", "actions.field.due", required=True, placeholder="actions.placeholder.due"),
    Field("expect", "actions.field.expect", required=True, placeholder="actions.placeholder.expect"),
    Field("category", "actions.field.category", pick=True),
    Field("subtag", "actions.field.subtag", pick=True),
    Field("phrase", "actions.field.phrase", placeholder="actions.placeholder.phrase"),
    Field("tickets", "actions.field.tickets", placeholder="actions.placeholder.tickets"),
)
"""A new action's fields, in the order the form asks for them."""
EDIT_FIELDS = (
    *(NEW_FIELDS[i] for i in (0, 1, 2, 3, 4)),
    Field("add_tickets", "actions.field.add_tickets", placeholder="actions.placeholder.tickets"),
)
"""What a supervisor edits: title, department, owner, deadline, expected effect, and more
tickets behind the problem (an action with none cannot be verified)."""
SUBTAG = "subtag"
FIELD_OF_PROBLEM = {"problem": "category", "action": "title", "category": "category", "note": "title"}
"""Core's field names that are not one of the form's own: the field a refusal shows under."""


def category_options(policy: Policy) -> list[tuple[str, str]]:
    return [(c.id, c.name(language())) for c in policy.categories]


def subtag_options(policy: Policy, category: str | None) -> list[tuple[str, str]]:
    found = next((c for c in policy.categories if c.id == category), None)
    return [(s.id, s.name(language())) for s in found.subtags] if found else []


class ActionForm(ActionModal):
    """values(): every field's text, a pick list's value ("" when none is picked)."""

    BINDINGS = [Binding("ctrl+s", "save", "modal.key.save", show=False, id="actions.form.save")]
    hint = "actions.hint.form"

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        picks: dict[str, Options],
        policy: Policy,
        apply: Apply,
        values: dict[str, str] | None = None,
    ) -> None:
        super().__init__(title, apply, values)
        self.fields = list(fields)
        self.picks = dict(picks)
        """Each pick list's options by field key (the sub-tags follow the category)."""
        self.policy = policy
        self.ready = False
        """The fields are there, the pick lists' starting values picked (_start)."""
        self.add_class("-dense", "action-form")

    def compose_fields(self) -> ComposeResult:
        for spec in self.fields:
            widget: Widget
            if spec.pick:
                options = self._options(spec.key)
                widget = Select(
                    [(Text(words), value) for value, words in options],
                    prompt=tr("actions.pick.choose" if spec.required else "actions.pick.none"),
                    id=f"field-{spec.key}",
                    compact=True,
                )
            else:
                widget = PlainInput(
                    self.initial.get(spec.key, ""),
                    placeholder=tr(spec.placeholder) if spec.placeholder else "",
                    id=f"field-{spec.key}",
                    classes="modal-input",
                    compact=True,
                )
            yield FormRow(spec.key, tr(spec.label), widget)

    def _options(self, key: str) -> Options:
        if key == SUBTAG:
            return subtag_options(self.policy, self.initial.get("category"))
        return self.picks.get(key, ())

    def on_mount(self) -> None:
        # (ActionModal's own on_mount runs too: Textual calls each class's handler.)
        self.on_refused = self._under_field
        # a FormRow composes its field when it mounts, after this form's own mount; a Select
        # given its value before then fails inside Textual (its current line is not there yet)
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        for spec in self.fields:
            start = self.initial.get(spec.key, "")
            if spec.pick and start in {value for value, _ in self._options(spec.key)}:
                self.query_one(f"#field-{spec.key}", Select).value = start
        self.ready = True
        self.widget(self.fields[0].key).focus()

    def widget(self, key: str) -> Widget:
        return self.query_one(f"#field-{key}")

    def values(self) -> dict[str, str]:
        if not self.ready:  # Ctrl+Q asks before the fields are there: what it started from
            return {spec.key: self.initial.get(spec.key, "") for spec in self.fields}
        values = {}
        for spec in self.fields:
            widget = self.widget(spec.key)
            if isinstance(widget, Select):
                picked = widget.selection
                values[spec.key] = "" if picked is None else str(picked)
            else:
                assert isinstance(widget, Input)
                values[spec.key] = widget.value
        return values

    def missing(self) -> tuple[str, Widget] | None:
        if not self.ready:
            return tr(self.fields[0].label), self
        values = self.values()
        for spec in self.fields:
            if spec.required and not values[spec.key].strip():
                return tr(spec.label), self.widget(spec.key)
        return None

    @on(Select.Changed, "#field-category")
    def _category_changed(self, event: Select.Changed) -> None:
        """The sub-tags are the picked category's."""
        if not self.query(f"#field-{SUBTAG}"):
            return
        subtags = self.query_one(f"#field-{SUBTAG}", Select)
        category = None if event.value is Select.NULL else str(event.value)
        options = subtag_options(self.policy, category)
        kept = subtags.selection
        subtags.set_options([(Text(words), value) for value, words in options])
        if kept in {value for value, _ in options}:
            subtags.value = kept

    def show_problem(self, text: str) -> None:
        """A refusal already shown under its field is not said twice at the form's foot."""
        if text and any(row.error.message == text for row in self.query(FormRow)):
            text = ""
        super().show_problem(text)

    def _under_field(self, error: CallfloorError) -> None:
        """A refusal that names a field shows under it too, and the field takes the focus."""
        for row in self.query(FormRow):
            row.error.clear()
        if not isinstance(error, InvalidInput):
            return
        key = FIELD_OF_PROBLEM.get(error.field, error.field)
        if not self.query(f"#{key}-row"):
            return
        self.query_one(f"#{key}-row", FormRow).error.show(problem_words(error, typed=True))
        self.widget(key).focus()
