"""How a call ends (回访结果): one menu (done, busy, unreachable, refused, leave for later),
then, for busy, when to call again; for refused, the customer's words."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList

from tui.i18n import call as _words  # noqa: F401  (registers the call's words)
from tui.i18n import tr
from tui.modals.action import Apply
from tui.modals.choice import ChoiceModal
from tui.modals.text_entry import TextEntryModal, TextField

OUTCOMES = ("done", "busy", "unreachable", "refused", "later")
"""The menu's options in the order shown; the number keys 1-5 pick them."""


def _nothing(values: dict[str, str]) -> None:
    """The menu only picks: the call screen acts on the pick once the menu is closed."""
    return None


class CallOutcomeModal(ChoiceModal):
    """Dismisses with an Outcome whose values["choice"] is one of OUTCOMES (done=True), or
    cancelled (done=False): back to the call."""

    BINDINGS = [
        Binding(str(number), f"pick('{outcome}')", "call.key.pick", show=False, id=f"call.outcome.{outcome}")
        for number, outcome in enumerate(OUTCOMES, start=1)
    ]

    def __init__(self, title: str, current: str = "done") -> None:
        options = [
            (outcome, Content.assemble((f"{number}  ", "bold"), tr(f"call.outcome.{outcome}")))
            for number, outcome in enumerate(OUTCOMES, start=1)
        ]
        super().__init__(
            title, "call.field.outcome", options, current, _nothing, fields=(), hint="call.hint.end"
        )

    def action_pick(self, outcome: str) -> None:
        self.query_one(OptionList).highlighted = OUTCOMES.index(outcome)
        self.action_save()


def busy_form(title: str, apply: Apply) -> TextEntryModal:
    """When the customer asked to be called: a bad or past time keeps the form open, saying why."""
    return TextEntryModal(
        title,
        [TextField("when", "call.field.when"), TextField("note", "call.field.note", required=False)],
        apply,
    )


def refused_form(title: str, apply: Apply) -> TextEntryModal:
    """The customer's reason, optional: Enter on the empty field ends the call as refused."""
    return TextEntryModal(title, [TextField("note", "call.field.refused_note", required=False)], apply)
