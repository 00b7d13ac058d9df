"""A form that does one thing on a ticket: it calls core itself when the agent saves, so a
refusal leaves the form open with every typed character in it; Escape hands the typing back
as a draft, so nothing typed is ever lost."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from time import monotonic

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from core.basics import CallfloorError
from tui.base.problems import problem_words
from tui.base.screen import FloorModal
from tui.i18n import ticket as _words  # noqa: F401  (registers the forms' words)
from tui.i18n import tr
from tui.type_ahead import drop_burst, typed_ahead, typed_before
from tui.widgets.key_bar import KeyBar

Apply = Callable[[dict[str, str]], str | None]
"""Does the action with the form's values (one core call); returns a message for the agent.
Raises CallfloorError when the floor refuses: the form then stays open as typed. It runs in a
thread (tui/base/asking.py): it calls core and builds words, and touches no widget."""

SAVING_SHOWN_AFTER = 0.05
"""A save that takes longer than this (a held write lock) says "saving" on the form; a quick one
does not flash it."""


@dataclass(frozen=True)
class Outcome:
    """What an ActionModal dismisses with."""

    done: bool
    """True when the action was done; False when the agent cancelled (values are the draft)."""
    values: dict[str, str] = field(default_factory=dict)
    message: str | None = None
    """What apply said on success."""
    pending: bool = False
    """Cancelled while its save still waits: the save owns the text (the opener keeps no draft;
    after_close says how it ended, and a refused one comes back as the draft then)."""

    @property
    def has_text(self) -> bool:
        return any(value.strip() for key, value in self.values.items() if key != "choice")


class ActionModal(FloorModal):
    """Base of the ticket's forms: a title, the subclass's fields, a problem line, a footer."""

    BINDINGS = [
        Binding("escape", "cancel", "modal.key.cancel", id="modal.cancel"),
        Binding("enter", "save", "modal.key.save", id="modal.save"),
    ]

    hint = "modal.hint"
    """i18n key of the line under the title that says how the form works by keyboard."""

    def __init__(self, title: str, apply: Apply, values: dict[str, str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        """The form's heading, already in words."""
        self.apply = apply
        self.initial = dict(values or {})
        """A draft to start from (what the agent typed last time)."""
        self.saving: dict[str, str] | None = None
        """The values being saved while a save waits for the floor; None otherwise."""
        self.saving_since: float | None = None
        """When that save began (monotonic seconds); None when none waits (holds_keys)."""
        self.closed = False
        """The agent left the form (Esc) while its save waited."""
        self.on_refused: Callable[[CallfloorError], object] | None = None
        """Told (on the UI thread) when the floor refuses a save, before the form says so."""
        self.after_close: Callable[[Outcome], object] | None = None
        """Told how a save the agent left with Esc ended (the opener clears or keeps its draft)."""
        self.from_draft = False
        """The values are the agent's own kept typing (set by the opener): the first field opens
        with the cursor at its end, not its text selected, so the next key adds to it (a field
        of a record being edited opens selected, so typing replaces it)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="modal-box"):
            yield Static(Content(self.title_text), classes="modal-title")
            yield Static(tr(self.hint), classes="modal-hint", markup=False)
            yield from self.compose_fields()
            yield Static("", classes="modal-problem", markup=False)
        yield KeyBar()

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        """A form that opens with the agent's kept typing: keys typed ahead of it were typed
        without seeing that text, so they are not added to it (they would join an old note
        unseen); the form says so, with the kept text in place."""
        if self.from_draft and typed_ahead(self.app):  # a burst under way: it and its rest go
            drop_burst(self.app, lambda: self.show_problem(tr("modal.draft_typed_ahead")))

    def values(self) -> dict[str, str]:
        raise NotImplementedError

    def missing(self) -> tuple[str, Widget] | None:
        """The first required field left empty: (its label, its widget), or None."""
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        self.query_one(".modal-problem", Static).update(Content(text))

    def action_save(self) -> None:
        gap = self.missing()
        if gap is not None:
            label, widget = gap
            self.show_problem(tr("modal.required", field=label))
            widget.focus()
            return
        if self.saving is not None:
            return  # a second Enter while the first save waits does not save twice
        values = self.saving = self.values()
        self.saving_since = monotonic()
        self.set_timer(SAVING_SHOWN_AFTER, self._say_saving)
        # The app owns the call: a save the agent leaves with Esc still ends, and says how.
        self.ask(
            lambda: self.apply(values),
            then=lambda message: self._saved(values, message),
            failed=lambda error: self._refused(values, error),
            group="save",
            on_app=True,
        )

    @property
    def saving_now(self) -> bool:
        """What the form holds is being saved: its fields take no edits (plain_entry.saving)."""
        return self.saving is not None and not self.closed

    def holds_keys(self, event: events.Key | events.Paste) -> bool:
        """While a save waits for the floor, the keys typed behind Enter wait too: they are for
        the screen beneath once the form closes (tui/type_ahead.py). Esc and Ctrl+Q go at once."""
        return not self.closed and typed_before(self.saving_since, event)

    def _say_saving(self) -> None:
        if self.saving is not None and not self.closed:
            self.set_class(True, "-saving")
            self.show_problem(tr("saving"))

    def _saved(self, values: dict[str, str], message: str | None) -> None:
        self.saving = self.saving_since = None
        outcome = Outcome(True, values, message)
        if not self.closed:
            self.dismiss(outcome)
            return
        if message:  # titled with the form's title: the agent may be on another ticket by now
            self.app.notify(tr("saved.late", message=message), title=self.title_text, markup=False)
        if self.after_close is not None:
            self.after_close(outcome)

    def _refused(self, values: dict[str, str], error: CallfloorError) -> None:
        self.saving = self.saving_since = None
        if self.on_refused is not None:
            self.on_refused(error)
        if self.closed:  # what the agent typed becomes the draft now; titled, as _saved says why
            self.app.notify(
                problem_words(error, about="refused.late"),
                title=self.title_text,
                severity="error",
                timeout=15,
                markup=False,
            )
            if self.after_close is not None:
                self.after_close(Outcome(False, values))
            return
        self.set_class(False, "-saving")
        self.report(error, typed=True)  # the form stays open with the text
        self.show_problem(problem_words(error, typed=True))

    def action_cancel(self) -> None:
        """Esc works while a save waits: the form closes, the save goes on and its outcome
        arrives as a notification (a refused one's typing becomes the draft then, so the same
        text is never offered again while it may still land)."""
        self.closed = self.saving is not None
        self.dismiss(Outcome(False, self.values(), pending=self.closed))

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter saves once every required field has words; until then it goes to the gap."""
        event.stop()
        gap = self.missing()
        if gap is not None and gap[1] is not event.input:
            gap[1].focus()
        else:
            self.action_save()
