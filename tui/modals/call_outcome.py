"""How a call ends (回访结果): one menu (done, busy, unreachable, refused, leave for later),
then, for busy, when to call again (said with its weekday as it is typed, and checked against
the floor's working time); for refused, the customer's words. The two forms open from a draft
(what the agent typed and left with Esc: the call screen keeps it, tui/base/drafts.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from core.basics import CallfloorError
from core.callbacks.call_times import CallTime, OutsideWorkingTime, read_call_time, when_words
from tui.i18n import call as _words  # noqa: F401  (registers the call's words)
from tui.i18n import language, tr
from tui.modals.action import Apply, Outcome
from tui.modals.choice import ChoiceModal
from tui.modals.text_entry import TextEntryModal, TextField
from tui.widgets.form_row import LabelledField

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


class BusyForm(TextEntryModal):
    """When the customer asked to be called again. As the agent types, the line under the time
    says it with its weekday ("Sat 11-21 10:00"), or warns that it is outside working time and
    names the next working slot. Enter on such a time (core refuses it: OutsideWorkingTime) asks
    which (BusyTimeChoice): 1 takes the next working slot into the field and saves, 2 keeps the
    customer's time anyway and saves; Esc goes back to the form as typed. A bad or past time keeps
    the form open, saying why, as any refusal does.

    values() holds "anyway": "yes" once the agent confirmed the time in the field as it stands
    (the busy outcome's save passes it to core.callbacks.calls.customer_busy)."""

    DEFAULT_CSS = """
    BusyForm .busy-when { height: auto; color: $foreground-muted; }
    """

    def __init__(self, title: str, apply: Apply, values: dict[str, str] | None = None) -> None:
        super().__init__(
            title,
            [TextField("when", "call.field.when"), TextField("note", "call.field.note", required=False)],
            apply,
            values,
        )
        self.confirmed: str | None = None
        """The time, as typed, that the agent keeps although it is outside working time."""

    def compose_fields(self) -> ComposeResult:
        for widget in super().compose_fields():
            yield widget
            if isinstance(widget, LabelledField) and widget.field.id == "field-when":
                yield Static("", id="busy-when", classes="busy-when", markup=False)

    def on_mount(self) -> None:
        """(TextEntryModal's on_mount focuses the time.) A draft's time is said at once."""
        self._read_when(self.field("when").value)

    def values(self) -> dict[str, str]:
        values = super().values()
        if self.confirmed is not None and values["when"] == self.confirmed:
            values["anyway"] = "yes"
        return values

    @on(Input.Changed, "#field-when")
    def _typed(self, event: Input.Changed) -> None:
        self._read_when(event.value)

    def _read_when(self, text: str) -> None:
        """Read the time as it is typed (in a thread: the calendar is core's), and say it."""
        if not text.strip():
            self._say_when(None)
            return
        session = self.session
        calendar, clock = session.policy.calendar, session.now
        self.ask(
            lambda: read_call_time(text, clock(), calendar),
            then=self._say_when,
            failed=lambda _: self._say_when(None),  # not a time (yet): Enter says why
            group="busy-when",
            exclusive=True,
        )

    def _say_when(self, checked: CallTime | None) -> None:
        line = self.query_one("#busy-when", Static)
        if checked is None:
            line.update("")
        elif checked.working:
            line.update(Content(tr("call.when.at", time=checked.said.say(language()))))
        else:
            line.update(Content.styled(checked.said.say(language()), "$warning"))

    def _refused(self, values: dict[str, str], error: CallfloorError) -> None:
        """Outside working time is a question, not an error: the warning under the time, and
        the choice between the next working slot and the customer's time."""
        if not isinstance(error, OutsideWorkingTime) or self.closed:
            super()._refused(values, error)
            return
        self.saving = None
        self.set_class(False, "-saving")
        if self.on_refused is not None:
            self.on_refused(error)
        self.show_problem("")
        warning = error.message.say(language())
        self.query_one("#busy-when", Static).update(Content.styled(warning, "$warning"))
        calendar = self.session.policy.calendar
        slot = when_words(error.slot, calendar).say(language())
        typed = when_words(error.at, calendar).say(language())
        wanted = values["when"]
        exact = f"{calendar.local(error.slot):%Y-%m-%d %H:%M}"

        def chosen(outcome: Outcome | None) -> None:
            if outcome is None or not outcome.done or self.field("when").value != wanted:
                return  # Esc: back to the form as typed, the warning under the time
            if outcome.values.get("choice") == "slot":
                self.field("when").value = exact
            else:
                self.confirmed = wanted
            self.action_save()

        self.app.push_screen(BusyTimeChoice(warning, slot, typed), chosen)


class BusyTimeChoice(ChoiceModal):
    """A call-again time outside working time: 1 the next working slot (first, the default),
    2 the customer's time anyway. Dismisses with an Outcome whose values["choice"] is "slot" or
    "anyway" (done=True), or cancelled: back to the busy form."""

    BINDINGS = [
        Binding("1", "pick('slot')", "call.key.pick", show=False, id="call.busy.slot"),
        Binding("2", "pick('anyway')", "call.key.pick", show=False, id="call.busy.anyway"),
    ]

    CHOICES = ("slot", "anyway")

    def __init__(self, warning: str, slot: str, typed: str) -> None:
        options = [
            ("slot", Content.assemble(("1  ", "bold"), tr("call.busy.take_slot", time=slot))),
            ("anyway", Content.assemble(("2  ", "bold"), tr("call.busy.keep", time=typed))),
        ]
        super().__init__(
            warning,
            "call.field.busy_choice",
            options,
            "slot",
            _nothing,
            fields=(),
            hint="call.hint.busy_choice",
        )

    def action_pick(self, choice: str) -> None:
        self.query_one(OptionList).highlighted = self.CHOICES.index(choice)
        self.action_save()


def busy_form(title: str, apply: Apply, draft: dict[str, str] | None = None) -> BusyForm:
    """When the customer asked to be called: a bad or past time keeps the form open, saying why;
    a time outside working time asks whether to take the next working slot or keep it. draft:
    what the agent typed last time and left with Esc."""
    return BusyForm(title, apply, draft)


def refused_form(title: str, apply: Apply, draft: dict[str, str] | None = None) -> TextEntryModal:
    """The customer's reason, optional: Enter on the empty field ends the call as refused. draft:
    what the agent typed last time and left with Esc."""
    return TextEntryModal(title, [TextField("note", "call.field.refused_note", required=False)], apply, draft)
