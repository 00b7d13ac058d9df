"""A callback call (回访) by keys alone: who to dial (the phone in clear), the script's opening,
then its questions one at a time, then the closing, and the outcome from one menu.

Keys (the footer shows the ones that work now):
- a score question: one digit key of its scale (1-5) saves and moves on;
- a yes/no question: y or n; a choice question: the option's number (1..n);
- a text question (and a score or choice too wide for one digit): typed into the field,
  Enter saves; Enter on an empty field skips an optional question, a required one is refused;
- Up or PageUp: the previous question (to hear it again or change its answer); Down or
  PageDown: the next one (a required question without an answer is not stepped over);
- Ctrl+E: End call (done, busy, unreachable, refused, leave for later), also while typing;
  Enter at the closing opens it too; the busy and refused forms left with Esc keep what was
  typed in them for the session (tui/base/drafts.py, as the ticket's forms), until the call ends;
- Esc: leave the call; every answer is already saved.

Every answer is saved the moment it is given (core.callbacks.calls.answer_question), so a call
opened again resumes at the first unanswered question with the earlier answers kept.

Every database call runs in a thread (tui/base/asking.py). While one waits (another process
holds the write lock), the keys typed behind it wait their turn and then act in order, as if
it had been quick; the line under the question says it is saving; Esc leaves at once (the save
still ends, and a refusal is said), and ? and Ctrl+Q work throughout.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.geometry import Size
from textual.notifications import SeverityLevel
from textual.widget import Widget
from textual.widgets import Input, Static

from core.basics import CallfloorError, InvalidInput, printable
from core.callbacks import Question, calls, group_label
from core.floor import Session
from tui.base.drafts import drafts
from tui.base.problems import problem_words
from tui.base.screen import FloorScreen
from tui.i18n import call as _words  # noqa: F401  (registers the call's words)
from tui.i18n import language, tr
from tui.modals.action import SAVING_SHOWN_AFTER, ActionModal
from tui.modals.action import Outcome as FormOutcome
from tui.modals.call_outcome import CallOutcomeModal, busy_form, refused_form
from tui.text.cells import cell
from tui.text.floor_time import floor_time
from tui.text.reason_words import reason_words
from tui.text.wrap import wrap
from tui.type_ahead import drop_line, hand_on
from tui.widgets.inline_error import InlineError
from tui.widgets.key_bar import KeyBar

DIGITS = "1234567890"
NAME_CELLS = 30
"""The customer's name in the header and the forms' titles (the phone must stay in view)."""
GAP = "  "
LABEL_CELLS = 20
"""A question named by its own text in the closing's list of answers (its start, cut)."""
ANSWER_CELLS = 24
"""An answer in the closing's list and in the saved mark (a typed one is cut)."""
SAVED_STYLE = "reverse bold"
KEY_STYLE = "bold $accent"

Part = str | tuple[str, str]
"""Plain text, or (text, style): never markup, so customer and script text stay text."""
T = TypeVar("T")
EDIT_KEYS = {
    "backspace": "delete_left",
    "delete": "delete_right",
    "left": "cursor_left",
    "right": "cursor_right",
    "home": "home",
    "end": "end",
}
"""Keys that edit a typed answer, with the field's action: they wait, like the call's own keys
and typing, while a save waits."""

CallRead = tuple[calls.Call, str]
"""A call as its screen opens it: the call (started: claimed when nobody had it) and the name
the script calls the agent by."""


def agent_name(session: Session) -> str:
    """The agent's name for the script's {agent} (the login when the name cannot be read)."""
    try:
        return session.agent.display_name or session.login
    except CallfloorError:
        return session.login


def read_call(session: Session, callback_id: int) -> CallRead:
    """The call screen's opening (in a thread: tui/base/asking.py): starts or resumes the call."""
    return calls.start_call(session, callback_id), agent_name(session)


def _line(parts: list[Part]) -> Content:
    spaced: list[Part] = []
    for part in parts:
        if part and (part[0] if isinstance(part, tuple) else part):
            spaced += [GAP, part] if spaced else [part]
    return Content.assemble(*spaced)


def cut(text: str, width: int) -> str:
    """text on one line in at most width cells, "…" where it was cut (right after the last
    character kept: a wide one that did not fit leaves no gap)."""
    fitted = cell(text, width).rstrip()
    return fitted[:-1].rstrip() + "…" if fitted.endswith("…") else fitted


def answer_words(question: Question, answer: str) -> str:
    """An answer as the agent reads it: yes and no in the UI language, else as given, cut."""
    if question.kind == "yes_no" and answer in ("yes", "no"):
        return tr(f"call.{answer}")
    return cut(answer, ANSWER_CELLS)


def one_key(question: Question) -> bool:
    """Whether the question is answered by one digit key (else it is typed into the field)."""
    if question.kind == "score" and question.scale:
        low, high = question.scale
        return 0 <= low and high <= 9
    if question.kind == "choice":
        return 1 <= len(question.options) <= 9
    return question.kind == "yes_no"


class ScriptText(Widget):
    """Script text (and the customer's name in it) wrapped by terminal cells, so Chinese
    without spaces fills each line instead of jumping to the next one; never markup."""

    DEFAULT_CSS = "ScriptText { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lead = ""
        """A bold word before the text (Opening:), or nothing."""
        self.text = ""

    def show(self, text: str, lead: str = "") -> None:
        if (text, lead) != (self.text, self.lead):
            self.text, self.lead = text, lead
            self.refresh(layout=True)

    def _lines(self, width: int) -> list[str]:
        gap = "" if self.lead.endswith("：") else " "  # a full-width colon has its own space
        return wrap(f"{self.lead}{gap}{self.text}" if self.lead else self.text, width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Content:
        body = Content("\n".join(self._lines(self.content_region.width or 1)))
        return body.stylize("bold", 0, len(self.lead)) if self.lead else body


class AnswerField(Input):
    """The field of a typed answer. Keys reach it in the order they were typed, so Enter saves
    right here, and the keys queued behind it that belong to the next question (a score, y/n)
    go to that question instead of into this field."""

    async def on_key(self, event: events.Key) -> None:
        screen = self.screen
        if not isinstance(screen, CallScreen):
            return
        if screen.focused is not self or not screen.is_active:  # the call moved on meanwhile
            event.stop()
            event.prevent_default()
            await screen.take_key(event)
        elif event.key == "enter":
            event.stop()
            event.prevent_default()
            screen.typed(self.value)


class QuestionPanel(Vertical, can_focus=True):
    """The question in view. It holds the focus while the question is answered by single keys,
    so they reach the screen's bindings; a typed answer focuses the field inside instead."""


class CallScreen(FloorScreen):
    AUTO_FOCUS = "QuestionPanel"
    keeps_refused_keys = True
    """A key whose binding is refused here is not a mistake to drop the burst for: Enter on a
    question is the typed answer's, and every key waits its turn while an answer saves
    (on_key); the app leaves refused keys to the screen (tui/app.py let_in)."""
    BINDINGS = [
        Binding("escape", "leave", "key.back", id="call.back"),
        Binding("ctrl+e", "end_call", "call.key.end", priority=True, id="call.end"),
        Binding("enter", "finish", "call.key.finish", id="call.finish"),
        Binding("y", "yes_no('yes')", "call.key.yes", id="call.yes"),
        Binding("n", "yes_no('no')", "call.key.no", id="call.no"),
        # Priority: a text field (a ScrollView) would take the arrows for scrolling one line.
        Binding("up,pageup", "previous", "call.key.previous", priority=True, id="call.previous"),
        Binding("down,pagedown", "next", "call.key.next", priority=True, id="call.next"),
        # The screen owns the digits during a call: a score key never switches the main view.
        *[
            Binding(digit, f"number('{digit}')", "call.key.number", show=False, id=f"call.number.{digit}")
            for digit in DIGITS
        ],
    ]

    def __init__(self, callback_id: int, first: CallRead | None = None) -> None:
        super().__init__()
        self.callback_id = callback_id
        """The callback called."""
        self.first = first
        """The call as started before the screen opened (read_call), so its first paint is
        whole; None: the screen starts it as it opens."""
        self.call: calls.Call | None = None
        """The call as last saved; None until it is opened (or when it could not be)."""
        self.position = 0
        """Where the call is: an index into call.questions; len(call.questions) is the closing."""
        self._outcome: calls.Outcome | None = None
        """What the busy or refused form's core call returned (for the opener)."""
        self._agent = ""
        """The agent's name for the script, read with the call."""
        self.busy: str | None = None
        """What waits for the floor: "open", "answer" or "end"; None when nothing does."""
        self._saves = 0
        """Counts the waits, so a late "saving" timer knows it is not about the wait now."""
        self._hint = ""
        """The line under the question as show() put it (put back after a refused save)."""

    # Layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="call-header"):
            yield Static(id="call-who", markup=False)
            yield Static(id="call-what", markup=False)
            yield Static(id="call-script", markup=False)
        yield ScriptText(id="call-opening")
        with QuestionPanel(id="call-question"):
            yield Static(id="call-progress", markup=False)
            yield ScriptText(id="call-text")
            yield Static(id="call-keys", markup=False)
            yield AnswerField(id="call-input", placeholder=tr("call.input.placeholder"))
            yield Static(id="call-hint", markup=False)
            yield InlineError(id="call-problem")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.first is not None:
            self._opened(self.first)
            self.first = None
        else:
            self.open_call()

    def open_call(self) -> None:
        """Start (or resume) the call, in a thread: claims it when nobody has; then the first
        unanswered question. The keys typed meanwhile wait for it."""
        session, number = self.session, self.callback_id
        self._wait_for("open", lambda: read_call(session, number), self._opened, self.failed)

    def _opened(self, read: CallRead) -> None:
        call, self._agent = read
        self.call = call
        first = call.next_question
        self.position = call.questions.index(first) if first is not None else len(call.questions)
        self.show_header(call)
        self.show()

    def failed(self, error: CallfloorError) -> None:
        """The call cannot be made (done already, someone else's, a supervisor's): say why; Esc leaves."""
        self.call = None
        drop_line(self.app)  # they were typed for a call that cannot be made
        self.query_one("#call-who", Static).update(
            Content(tr("call.title", number=self.callback_id)).stylize("bold")
        )
        why = self.query_one("#call-opening", ScriptText)
        why.show(tr("call.missing", number=self.callback_id, detail=error.say(language())))
        why.add_class("-failed")
        self.query_one("#call-question").display = False
        self.refresh_bindings()

    @property
    def question(self) -> Question | None:
        """The question in view; None at the closing (or before the call is open)."""
        if self.call is None or self.position >= len(self.call.questions):
            return None
        return self.call.questions[self.position]

    def _fill(self, call: calls.Call, text: str) -> str:
        """Script text with its {customer}/{agent}/{product} filled, shown literally."""
        try:
            text = text.format(
                customer=call.callback.customer_name, agent=self._agent_name(), product=call.product
            )
        except (KeyError, IndexError, ValueError):
            pass
        return printable(text)

    def _agent_name(self) -> str:
        return self._agent or self.session.login

    def show_header(self, call: calls.Call) -> None:
        view = call.callback
        calendar = self.session.policy.calendar
        today = calendar.local(self.session.now()).date()
        group = group_label(view.group)
        phone = (
            (printable(view.customer_phone), "bold $accent") if view.customer_phone else tr("call.phone.none")
        )
        self.query_one("#call-who", Static).update(
            _line(
                [
                    (tr("call.title", number=view.id), "bold"),
                    (cell(view.customer_name, NAME_CELLS).rstrip(), "bold"),
                    phone,
                    group.name(language()) if group else printable(view.group),
                ]
            )
        )
        prefers = (
            tr("call.prefers", time=printable(view.preferred_call_time))
            if view.preferred_call_time
            else tr("call.prefers.none")
        )
        self.query_one("#call-what", Static).update(
            _line(
                [
                    (tr("call.high"), "$error bold") if view.priority == "high" else "",
                    tr("call.ticket", ref=view.ticket_ref) if view.ticket_ref else "",
                    tr("call.due_by", time=floor_time(view.due_by, calendar.tz, today)),
                    tr("call.attempts", count=view.attempts),
                    prefers,
                ]
            )
        )
        script = call.script
        why = reason_words(view.group, view.reason)  # why it was booked, in the reader's language
        self.query_one("#call-script", Static).update(
            _line(
                [
                    tr("call.script", title=printable(script.title), version=script.version),
                    (printable(why).replace("\n", " "), "$foreground-muted"),
                ]
            )
        )
        opening = call.opening(self._agent_name(), language())
        self.query_one("#call-opening", ScriptText).show(opening, tr("call.opening"))

    def show(self) -> None:
        """The question in view (or the closing), its keys, its saved answer; the footer's keys."""
        call = self.call
        if call is None:
            return
        self.query_one("#call-problem", InlineError).clear()
        box = self.query_one("#call-input", Input)
        question = self.question
        if question is None:
            self._show_closing(call)
            box.display = False
            self.focus_answer()
            self.refresh_bindings()
            return
        questions = call.questions
        saved = call.answers.get(question.id)
        marks: list[Part] = [(tr("call.question", n=self.position + 1, m=len(questions)), "bold")]
        marks.append((tr("call.required"), "$warning bold") if question.required else tr("call.optional"))
        if question.probe:
            marks.append((tr("call.probe"), "$accent"))
        marks.append(
            (tr("call.saved", answer=answer_words(question, saved)), "$success")
            if saved is not None
            else (tr("call.unanswered"), "$foreground-muted")
        )
        answered = sum(1 for q in questions if q.id in call.answers)
        marks.append((tr("call.answered", count=answered, total=len(questions)), "$foreground-muted"))
        self.query_one("#call-progress", Static).update(_line(marks))
        self.query_one("#call-text", ScriptText).show(self._fill(call, question.text))
        keys, hint = self._keys(question, saved)
        self.query_one("#call-keys", Static).update(keys)
        self.query_one("#call-keys").display = bool(keys)
        self._show_hint(hint)
        box.display = not one_key(question)
        if box.display:
            box.value = saved or ""
            box.cursor_position = len(box.value)
            if saved and self.focused is box:
                # From one typed question to another the field keeps the focus, so focusing
                # does not select the saved answer: select it, as the hint says typing replaces it.
                box.select_all()
        self.focus_answer()
        self.refresh_bindings()

    def focus_answer(self) -> None:
        """The field for a typed answer, else the panel (so single keys reach the bindings)."""
        box = self.query_one("#call-input", Input)
        # At once, not after a refresh (as focus() does): the keys typed right behind an
        # answer already go to the field of the next question.
        self.set_focus(box if box.display else self.query_one(QuestionPanel))

    def on_screen_resume(self) -> None:
        # Back from the end-of-call menu: the answer's keys work again at once.
        if self.call is not None:
            self.focus_answer()

    def _keys(self, question: Question, saved: str | None) -> tuple[Content, str]:
        """What to press (the saved answer marked), and the line under it."""
        change = f"  ·  {tr('call.keys.change')}" if saved is not None else ""
        if question.kind == "score":
            low, high = question.scale or (1, 5)
            if not one_key(question):
                return Content(""), tr("call.keys.score_typed", low=low, high=high)
            parts: list[Part] = []
            for number in range(low, high + 1):
                parts += [(f" {number} ", SAVED_STYLE if saved == str(number) else KEY_STYLE), " "]
            return Content.assemble(*parts), tr("call.keys.score", low=low, high=high) + change
        if question.kind == "yes_no":
            parts = []
            for key, word in (("y", "yes"), ("n", "no")):
                parts += [
                    (f" {key} ", SAVED_STYLE if saved == word else KEY_STYLE),
                    f" {tr(f'call.{word}')}    ",
                ]
            return Content.assemble(*parts), tr("call.keys.yes_no") + change
        if question.kind == "choice":
            lines: list[Content] = []
            for number, option in enumerate(question.options, start=1):
                style = SAVED_STYLE if saved == option else KEY_STYLE
                lines.append(Content.assemble((f" {number} ", style), " ", printable(option)))
            keys = Content("\n").join(lines)
            if not one_key(question):
                return keys, tr("call.keys.choice_typed")
            return keys, tr("call.keys.choice") + change
        rule = tr("call.keys.text_required") if question.required else tr("call.keys.text_optional")
        return Content(""), f"{tr('call.keys.text')}  ·  {rule}{change}"

    def _show_closing(self, call: calls.Call) -> None:
        questions = call.questions
        answered = sum(1 for q in questions if q.id in call.answers)
        self.query_one("#call-progress", Static).update(
            _line(
                [
                    (tr("call.closing"), "bold"),
                    (tr("call.answered", count=answered, total=len(questions)), "$foreground-muted"),
                ]
            )
        )
        self.query_one("#call-text", ScriptText).show(self._fill(call, call.script.closing))
        said = [
            tr(
                "call.closing.answer",
                question=self._named(call, q),
                answer=answer_words(q, call.answers[q.id]),
            )
            for q in questions
            if q.id in call.answers
        ]
        # Two spaces between answers: a line breaks there, not inside a Chinese question's name.
        listing = tr("call.closing.answers", list=GAP.join(said))
        self.query_one("#call-keys", Static).update(Content(listing))
        self.query_one("#call-keys").display = bool(said)
        missing = call.missing_required
        hint = (
            tr(
                "call.closing.missing",
                list=tr("call.closing.and").join(self._named(call, q) for q in missing),
            )
            if missing
            else tr("call.closing.ready")
        )
        self._show_hint(hint)

    def _named(self, call: calls.Call, question: Question) -> str:
        """A question as the closing names it: by its score's name (overall, efficiency, problem
        solving, attitude) or the warmth question's, in the UI language; else by the start of
        its own text (never its id: the agent never sees ids)."""
        if question.dimension:
            return tr(f"call.dimension.{question.dimension}")
        if question.warmth:
            return tr("call.dimension.warmth")
        text = self._fill(call, question.text).strip().rstrip("?？:：")
        return cut(text, LABEL_CELLS)

    def _show_hint(self, hint: str) -> None:
        self._hint = hint
        self.query_one("#call-hint", Static).update(Content(hint))

    def problem(self, text: str) -> None:
        self.query_one("#call-problem", InlineError).show(text)

    def fail(self, error: CallfloorError) -> None:
        """A refusal from the floor: said under the question; anything but a mistyped answer
        is also a notification (it may mean the call was taken or closed elsewhere)."""
        self.problem(error.say(language()))
        if not isinstance(error, InvalidInput):
            self.report(error)

    # Waiting for the floor ---------------------------------------------------------------

    def _wait_for(
        self,
        busy: str,
        call: Callable[[], T],
        then: Callable[[T], object],
        failed: Callable[[CallfloorError], object],
        late: Callable[[T | CallfloorError], object] | None = None,
    ) -> None:
        """Ask core (call, in a thread) for something that decides what the next key means:
        the keys typed meanwhile wait, then act in order (then's result in view). A wait that
        takes longer than a moment says so under the question. A save ends even when the agent
        left the call meanwhile (late tells how); opening the call does not need to."""
        self.busy = busy
        self._saves += 1
        token = self._saves
        self.set_timer(SAVING_SHOWN_AFTER, lambda: self._say_waiting(token))

        def landed(result: T) -> None:
            self._landed(token)
            if not self.is_attached:
                if late is not None:
                    late(result)
                return
            then(result)

        def refused(error: CallfloorError) -> None:
            self._landed(token)
            if not self.is_attached:
                if late is not None:
                    late(error)
                return
            # typed for what came after: the agent reads why first, and is told they went
            dropped = drop_line(self.app)
            self._show_hint(self._hint)
            failed(error)
            if dropped:
                self.notify(tr("call.keys_dropped", count=dropped), severity="warning", markup=False)

        self.ask(call, landed, failed=refused, group="call", on_app=busy != "open")

    def _landed(self, token: int) -> None:
        if token == self._saves:
            self.busy = None

    def _say_waiting(self, token: int) -> None:
        if self.busy is None or token != self._saves or not self.is_attached:
            return
        words = tr("call.opening.wait", number=self.callback_id) if self.busy == "open" else tr("saving")
        self.query_one("#call-hint", Static).update(Content(words))

    @property
    def holding(self) -> bool:
        """Whether the floor is being asked for something that decides what the next key means
        (opening the call, saving an answer, ending the call)."""
        return self.busy is not None

    def holds_keys(self, event: events.Key | events.Paste) -> bool:
        """While the floor is asked, the call's own keys and typing wait their turn in the app's
        line (tui/type_ahead.py) and then act in order, on what is in view then, as if the save
        had been quick; Esc, Ctrl+Q and the app's other keys (?, the palette) go at once."""
        if not self.holding or isinstance(event, events.Paste):
            return self.holding
        if event.key in ("escape", "ctrl+q"):
            return False
        active = self.active_bindings.get(event.key)
        if not isinstance(self.focused, Input) and active is not None and active.node is not self:
            return False  # the app's own key (?, the palette): not the call's, it acts at once
        if event.is_printable or event.key == "enter" or event.key in EDIT_KEYS:
            return True
        return active is not None and active.node is self

    # Keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer shows only what works on the question in view."""
        if action in ("leave", "number"):
            return True  # the digits stay the call's even where they answer nothing
        if self.call is None:
            return False
        question = self.question
        if action == "end_call":
            return True
        if action == "finish":
            return question is None
        if action == "yes_no":
            return question is not None and question.kind == "yes_no"
        if action == "previous":
            return self.position > 0
        if action == "next":
            return question is not None
        return True

    def action_number(self, digit: str) -> None:
        question = self.question
        if self.call is None:
            return
        if question is None:
            self.problem(tr("call.problem.closing"))
            return
        if not one_key(question):  # the focus had left the field (Tab): back to it, with the digit
            box = self.query_one("#call-input", Input)
            self.set_focus(box)
            box.insert_text_at_cursor(digit)
            return
        if question.kind == "yes_no":
            self.problem(tr("call.problem.yes_no"))
            return
        if question.kind == "choice" and not 1 <= int(digit) <= len(question.options):
            self.problem(tr("call.problem.choice", count=len(question.options)))
            return
        self.answer(question, digit)

    def action_yes_no(self, word: str) -> None:
        question = self.question
        if question is not None and question.kind == "yes_no":
            self.answer(question, word)

    async def take_key(self, event: events.Key) -> None:
        """A key typed for what came after a typed answer that reached the answer field first:
        the question in view takes it, or, once a form is open over the call, the form."""
        if not self.is_active:
            await self.settled()
            hand_on(self.app, [events.Key(event.key, event.character)])
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.enabled:
            await self.app.run_action(active.binding.action, active.node)
            if not self.is_active:
                await self.settled()

    async def settled(self) -> None:
        """Wait (briefly) for a form opened over the call to mount and take the focus."""
        for _ in range(100):
            screen = self.app.screen
            if screen is self or (screen.is_mounted and screen.focused is not None):
                return
            await asyncio.sleep(0.005)

    def action_previous(self) -> None:
        self.previous()

    def action_next(self) -> None:
        self.step_on()

    def previous(self) -> None:
        if self.call is not None and self.position > 0:
            self.position -= 1
            self.show()

    def step_on(self) -> None:
        call, question = self.call, self.question
        if call is None or question is None:
            return
        if question.required and question.id not in call.answers:
            self.problem(tr("call.problem.required"))
            return
        self.position += 1
        self.show()

    def typed(self, value: str) -> None:
        """Enter in the answer field: saved; empty skips an optional question (taking back its
        answer, if it had one) and is refused for a required one."""
        call, question = self.call, self.question
        if call is None or question is None or one_key(question):
            return
        if value.strip():
            self.answer(question, value)
            return
        if question.required:
            self.problem(tr("call.problem.required"))
            return
        if question.id in call.answers:  # emptied on purpose: the answer is taken back
            session, number = self.session, self.callback_id
            self._save_answer(question, lambda: calls.clear_answer(session, number, question.id))
            return
        self.move_on(call, question)

    def answer(self, question: Question, value: str) -> None:
        """Save the answer at once, then on to the next unanswered question (a probe the answer
        triggered comes right after it)."""
        session, number = self.session, self.callback_id
        self._save_answer(question, lambda: calls.answer_question(session, number, question.id, value))

    def _save_answer(self, question: Question, save: Callable[[], calls.Call]) -> None:
        """An answer saved (or taken back) in a thread; then on from question."""

        def saved(call: calls.Call) -> None:
            self.call = call
            self.move_on(call, question)

        def late(result: calls.Call | CallfloorError) -> None:
            if isinstance(result, CallfloorError):
                self.app.notify(
                    tr(
                        "call.late.answer",
                        number=self.callback_id,
                        question=printable(question.id),
                        problem=problem_words(result),
                    ),
                    title=tr("error.title"),
                    severity="error",
                    timeout=15,
                    markup=False,
                )

        self._wait_for("answer", save, saved, self.fail, late)

    def move_on(self, call: calls.Call, question: Question) -> None:
        """To the first unanswered question of call after question, else the closing."""
        questions = call.questions
        start = next((i for i, q in enumerate(questions) if q.id == question.id), self.position) + 1
        self.position = next(
            (i for i in range(start, len(questions)) if questions[i].id not in call.answers),
            len(questions),
        )
        self.show()

    # Leaving and ending --------------------------------------------------------------------

    def action_leave(self) -> None:
        """Back to where the call was opened from; the answers are saved already (one being
        saved still is; the end of the call being saved is said when it lands). Keys typed for
        the call that still wait for a save go with it."""
        if self.holding:
            drop_line(self.app)
        if self.call is not None and self.busy != "end":
            self.notify(
                tr("call.done.left", number=self.callback_id, count=len(self.call.answers)), markup=False
            )
        self.dismiss(None)

    def action_finish(self) -> None:
        if self.call is not None and self.question is None:
            self.action_end_call()

    def action_end_call(self) -> None:
        self.end_menu()

    def end_menu(self) -> None:
        if self.call is None or not self.is_active:
            return
        self.app.push_screen(
            CallOutcomeModal(tr("call.form.end", customer=self._customer, number=self.callback_id)),
            self._ended,
        )

    @property
    def _customer(self) -> str:
        return cell(self.call.callback.customer_name, NAME_CELLS).rstrip() if self.call else ""

    def _ended(self, picked: FormOutcome | None) -> None:
        if picked is None or not picked.done:
            return
        choice = picked.values.get("choice")
        number = self.callback_id
        if choice == "later":
            self.action_leave()
        elif choice in ("busy", "refused"):
            make = busy_form if choice == "busy" else refused_form
            apply = (self._busy if choice == "busy" else self._refused)(self.session)
            title = tr(f"call.form.{choice}", customer=self._customer, number=number)
            self._form(choice, lambda draft: make(title, apply, draft))
        elif choice == "unreachable":
            session = self.session
            self._end(
                lambda: calls.customer_unreachable(session, number),
                lambda outcome: self.leave_with(self._unreachable_words(outcome), outcome),
                self.fail,
            )
        elif choice == "done":
            self.done()

    def _end(
        self,
        end: Callable[[], calls.Outcome],
        then: Callable[[calls.Outcome], object],
        failed: Callable[[CallfloorError], object],
    ) -> None:
        """End the call (in a thread); when the agent left meanwhile, its end is said anyway."""

        def late(result: calls.Outcome | CallfloorError) -> None:
            if isinstance(result, CallfloorError):
                self.app.notify(
                    tr("call.late.refused", number=self.callback_id, problem=problem_words(result)),
                    title=tr("error.title"),
                    severity="error",
                    timeout=15,
                    markup=False,
                )
            else:
                then(result)  # leave_with says it (and leaves nothing: the call is gone)

        self._wait_for("end", end, then, failed, late)

    def done(self) -> None:
        """Done: refused while a required question has no answer (the screen goes to it)."""
        session, number = self.session, self.callback_id

        def refused(error: CallfloorError) -> None:
            call = self.call  # set: only an open call's menu ends it
            if call is not None and (missing := call.missing_required):  # to the first, the refusal under it
                self.position = call.questions.index(missing[0])
                self.show()
            self.fail(error)

        self._end(lambda: calls.finish_call(session, number), self._finished, refused)

    def _finished(self, outcome: calls.Outcome) -> None:
        score = self._overall()
        number = self.callback_id
        if outcome.low_score:
            key = "call.done.low" if outcome.reopened else "call.done.low_only"
            words = tr(key, number=number, score=score, ref=outcome.reopened, follow_up=outcome.follow_up_id)
            self.leave_with(words, outcome, severity="warning")
        else:
            words = (
                tr("call.done.done", number=number, score=score)
                if score is not None
                else tr("call.done.plain", number=number)
            )
            self.leave_with(words, outcome)

    def _overall(self) -> str | None:
        call = self.call
        if call is None:
            return None
        question = next((q for q in call.script.questions if q.dimension == "overall"), None)
        return call.answers.get(question.id) if question else None

    def _busy(self, session: Session) -> Callable[[dict[str, str]], str]:
        """The busy form's save (it runs in a thread: core and words, no widget). A time outside
        working time is refused until the agent keeps it anyway (values["anyway"]: the form asks)."""
        number = self.callback_id

        def apply(values: dict[str, str]) -> str:
            outcome = calls.customer_busy(
                session,
                number,
                values["when"],
                values.get("note", "").strip() or None,
                anyway=values.get("anyway") == "yes",
            )
            self._outcome = outcome
            return tr("call.done.busy", number=number, time=self._time(session, outcome.call_after))

        return apply

    def _refused(self, session: Session) -> Callable[[dict[str, str]], str]:
        """The refused form's save (in a thread)."""
        number = self.callback_id

        def apply(values: dict[str, str]) -> str:
            self._outcome = calls.customer_refused(session, number, values.get("note", "").strip() or None)
            return tr("call.done.refused", number=number)

        return apply

    def _draft_key(self, form: str) -> tuple[str, str]:
        """Where the session keeps the typing of this call's busy or refused form."""
        return (f"callback #{self.callback_id}", form)

    def _form(self, name: str, make: Callable[[dict[str, str] | None], ActionModal]) -> None:
        """Open the busy or refused form from its draft, as the ticket's forms open (kept for
        the session in tui/base/drafts.py, so leaving the call does not lose it either): done
        ends the call and leaves it; Esc goes back to the call, what was typed kept as the draft."""
        kept = drafts(self.app)
        key = self._draft_key(name)

        def finished(outcome: FormOutcome | None) -> None:
            if outcome is None:
                return
            if outcome.pending:
                self.notify(tr("modal.saving_on"), markup=False)
            elif outcome.done:
                self.leave_with(outcome.message or "", self._outcome)
            elif outcome.has_text:
                kept[key] = outcome.values
                self.notify(tr("modal.draft_kept"), markup=False)
            else:
                kept.pop(key, None)

        def late(outcome: FormOutcome) -> None:
            """The agent left the form with Esc while it saved (the form says how that ended):
            refused, the typing is the draft again; saved, the call has ended, so its screen
            goes too."""
            if not outcome.done:
                kept[key] = outcome.values
                return
            self._forget_drafts()
            if self.is_attached and self.is_active:
                self.dismiss(self._outcome)

        form = make(kept.get(key))
        form.from_draft = key in kept
        form.after_close = late
        self.app.push_screen(form, finished)

    def _forget_drafts(self) -> None:
        """The call has ended: what its forms kept is of no use to the next call."""
        kept = drafts(self.app)
        for name in ("busy", "refused"):
            kept.pop(self._draft_key(name), None)

    def _unreachable_words(self, outcome: calls.Outcome) -> str:
        if outcome.status == "unreachable":
            return tr("call.done.given_up", number=self.callback_id, attempts=outcome.attempts)
        return tr(
            "call.done.retry",
            number=self.callback_id,
            attempt=outcome.attempts,
            most=self.session.policy.callbacks.max_attempts,
            time=self._time(self.session, outcome.call_after),
        )

    @staticmethod
    def _time(session: Session, at: Any) -> str:
        if at is None:
            return "-"
        calendar = session.policy.calendar
        return floor_time(at, calendar.tz, calendar.local(session.now()).date())

    def leave_with(
        self, words: str, outcome: calls.Outcome | None, severity: SeverityLevel = "information"
    ) -> None:
        """Say what became of the call and leave it; the opener gets core's Outcome. (When the
        agent left already, it is said only.)"""
        self._forget_drafts()
        if not self.is_attached:
            self.app.notify(tr("call.late.done", message=words), severity=severity, timeout=10, markup=False)
            return
        self.notify(words, severity=severity, timeout=10, markup=False)
        self.dismiss(outcome)
