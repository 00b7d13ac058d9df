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
  Enter at the closing opens it too;
- Esc: leave the call; every answer is already saved.

Every answer is saved the moment it is given (core.callbacks.calls.answer_question), so a call
opened again resumes at the first unanswered question with the earlier answers kept.
"""

from __future__ import annotations

import asyncio

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
from tui.base.screen import FloorScreen
from tui.i18n import call as _words  # noqa: F401  (registers the call's words)
from tui.i18n import language, tr
from tui.modals.action import Outcome as FormOutcome
from tui.modals.call_outcome import CallOutcomeModal, busy_form, refused_form
from tui.text.cells import cell
from tui.text.floor_time import floor_time
from tui.text.wrap import wrap
from tui.widgets.inline_error import InlineError
from tui.widgets.key_bar import KeyBar

DIGITS = "1234567890"
NAME_CELLS = 30
"""The customer's name in the header and the forms' titles (the phone must stay in view)."""
GAP = "  "
SAVED_STYLE = "reverse bold"
KEY_STYLE = "bold $accent"

Part = str | tuple[str, str]
"""Plain text, or (text, style): never markup, so customer and script text stay text."""


def _line(parts: list[Part]) -> Content:
    spaced: list[Part] = []
    for part in parts:
        if part and (part[0] if isinstance(part, tuple) else part):
            spaced += [GAP, part] if spaced else [part]
    return Content.assemble(*spaced)


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
        if screen.focused is not self or not screen.is_active:  # the call moved on while it waited
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

    def __init__(self, callback_id: int) -> None:
        super().__init__()
        self.callback_id = callback_id
        """The callback called."""
        self.call: calls.Call | None = None
        """The call as last saved; None until it is opened (or when it could not be)."""
        self.position = 0
        """Where the call is: an index into call.questions; len(call.questions) is the closing."""
        self._outcome: calls.Outcome | None = None
        """What the busy or refused form's core call returned (for the opener)."""

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
        self.open_call()

    def open_call(self) -> None:
        """Start (or resume) the call: claims it when nobody has; the first unanswered question."""
        try:
            call = calls.start_call(self.session, self.callback_id)
        except CallfloorError as error:
            self.failed(error)
            return
        self.call = call
        first = call.next_question
        self.position = call.questions.index(first) if first is not None else len(call.questions)
        self.show_header(call)
        self.show()

    def failed(self, error: CallfloorError) -> None:
        """The call cannot be made (done already, someone else's, a supervisor's): say why; Esc leaves."""
        self.call = None
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
        try:
            return self.session.agent.display_name or self.session.login
        except CallfloorError:
            return self.session.login

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
        self.query_one("#call-script", Static).update(
            _line(
                [
                    tr("call.script", title=printable(script.title), version=script.version),
                    (printable(view.reason or "").replace("\n", " "), "$foreground-muted"),
                ]
            )
        )
        opening = call.opening(self._agent_name())
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
            (tr("call.saved", answer=cell(saved, 24).rstrip()), "$success")
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
        self.query_one("#call-hint", Static).update(Content(hint))
        box.display = not one_key(question)
        if box.display:
            box.value = saved or ""
            box.cursor_position = len(box.value)
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
        said = [f"{q.id} {call.answers[q.id]}" for q in questions if q.id in call.answers]
        listing = Content(printable(tr("call.closing.answers", list=", ".join(said))).replace("\n", " "))
        self.query_one("#call-keys", Static).update(listing)
        self.query_one("#call-keys").display = bool(said)
        missing = call.missing_required
        hint = (
            tr("call.closing.missing", list=", ".join(printable(q.id) for q in missing))
            if missing
            else tr("call.closing.ready")
        )
        self.query_one("#call-hint", Static).update(Content(hint))

    def problem(self, text: str) -> None:
        self.query_one("#call-problem", InlineError).show(text)

    def fail(self, error: CallfloorError) -> None:
        """A refusal from the floor: said under the question; anything but a mistyped answer
        is also a notification (it may mean the call was taken or closed elsewhere)."""
        self.problem(error.say(language()))
        if not isinstance(error, InvalidInput):
            self.report(error)

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

    def in_order(self, step) -> None:
        """Run step after the keys already typed into the answer field (the priority keys,
        arrows and Ctrl+E, arrive ahead of them), else at once."""
        focused = self.focused
        if isinstance(focused, AnswerField):
            focused.call_later(step)
        else:
            step()

    async def take_key(self, event: events.Key) -> None:
        """A key typed for what came after a typed answer that reached the answer field first:
        the question in view takes it, or, once a form is open over the call, the form."""
        if not self.is_active:
            await self.settled()
            self.app.post_message(events.Key(event.key, event.character))
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
        self.in_order(self.previous)

    def action_next(self) -> None:
        self.in_order(self.step_on)

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
            try:
                call = self.call = calls.clear_answer(self.session, self.callback_id, question.id)
            except CallfloorError as error:
                self.fail(error)
                return
        self.move_on(call, question)

    def answer(self, question: Question, value: str) -> None:
        """Save the answer at once, then on to the next unanswered question (a probe the answer
        triggered comes right after it)."""
        try:
            call = self.call = calls.answer_question(self.session, self.callback_id, question.id, value)
        except CallfloorError as error:
            self.fail(error)
            return
        self.move_on(call, question)

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
        """Back to where the call was opened from; the answers are saved already."""
        if self.call is not None:
            self.notify(
                tr("call.done.left", number=self.callback_id, count=len(self.call.answers)), markup=False
            )
        self.dismiss(None)

    def action_finish(self) -> None:
        if self.call is not None and self.question is None:
            self.action_end_call()

    def action_end_call(self) -> None:
        self.in_order(self.end_menu)

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
        elif choice == "busy":
            self.app.push_screen(
                busy_form(tr("call.form.busy", customer=self._customer, number=number), self._busy),
                self._form_closed,
            )
        elif choice == "refused":
            self.app.push_screen(
                refused_form(tr("call.form.refused", customer=self._customer, number=number), self._refused),
                self._form_closed,
            )
        elif choice == "unreachable":
            try:
                outcome = calls.customer_unreachable(self.session, number)
            except CallfloorError as error:
                self.fail(error)
                return
            self.leave_with(self._unreachable_words(outcome), outcome)
        elif choice == "done":
            self.done()

    def done(self) -> None:
        """Done: refused while a required question has no answer (the screen goes to it)."""
        try:
            outcome = calls.finish_call(self.session, self.callback_id)
        except CallfloorError as error:
            call = self.call  # set: only an open call's menu ends it
            if call is not None and (missing := call.missing_required):  # to the first, the refusal under it
                self.position = call.questions.index(missing[0])
                self.show()
            self.fail(error)
            return
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

    def _busy(self, values: dict[str, str]) -> str:
        outcome = calls.customer_busy(
            self.session, self.callback_id, values["when"], values.get("note", "").strip() or None
        )
        self._outcome = outcome
        return tr("call.done.busy", number=self.callback_id, time=self._time(outcome.call_after))

    def _refused(self, values: dict[str, str]) -> str:
        outcome = calls.customer_refused(
            self.session, self.callback_id, values.get("note", "").strip() or None
        )
        self._outcome = outcome
        return tr("call.done.refused", number=self.callback_id)

    def _form_closed(self, result: FormOutcome | None) -> None:
        """A busy or refused form closed: done leaves the call; cancelled goes back to it."""
        if result is not None and result.done:
            self.leave_with(result.message or "", self._outcome)

    def _unreachable_words(self, outcome: calls.Outcome) -> str:
        if outcome.status == "unreachable":
            return tr("call.done.given_up", number=self.callback_id, attempts=outcome.attempts)
        return tr(
            "call.done.retry",
            number=self.callback_id,
            attempt=outcome.attempts,
            most=self.session.policy.callbacks.max_attempts,
            time=self._time(outcome.call_after),
        )

    def _time(self, at) -> str:
        if at is None:
            return "-"
        calendar = self.session.policy.calendar
        return floor_time(at, calendar.tz, calendar.local(self.session.now()).date())

    def leave_with(
        self, words: str, outcome: calls.Outcome | None, severity: SeverityLevel = "information"
    ) -> None:
        """Say what became of the call and leave it; the opener gets core's Outcome."""
        self.notify(words, severity=severity, timeout=10, markup=False)
        self.dismiss(outcome)
