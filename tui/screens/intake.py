"""Intake: a new ticket by keyboard. Find or create the customer, channel, description with
the tier suggested live, classification, mood; ctrl+s saves.

Nothing typed is ever lost: a refused field is shown under itself, a database that cannot be
reached leaves the whole form as it was, and Esc asks before throwing typed work away.

Every database call runs in a thread (tui/base/asking.py): the customer search, the picked
customer's last tickets, the new customer and the ticket's save. While a save waits (another
process holds the floor's write lock) the form says it is saving and keeps every key working;
ctrl+s again does not save twice.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from time import monotonic

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Input, Select, Static, TextArea

from core.basics import (
    MOOD_WORDS,
    CallfloorError,
    CustomerView,
    InvalidInput,
    NotFound,
    Refused,
    StorageProblem,
    pick_word,
    require_text,
)
from core.customers import (
    CustomerForm,
    CustomerTicket,
    add_customer,
    customer_history,
    find_customers,
    get_customer,
    last_callback_score,
    validated,
)
from core.floor import Session
from core.tickets import NewTicket, guess_tier, intake
from core.tickets import lifecycle as tickets
from tui.base.problems import problem_words
from tui.base.screen import FloorModal, FloorScreen
from tui.i18n import customer as _customer_words  # noqa: F401  (registers the customer words)
from tui.i18n import intake as _words  # noqa: F401  (registers the intake words)
from tui.i18n import language, tr
from tui.labels import label
from tui.modals.action import SAVING_SHOWN_AFTER
from tui.routes import OpenTicket
from tui.type_ahead import typed_before
from tui.widgets.customer_card import customer_facts, customer_headline, history_line, score_text
from tui.widgets.customer_picker import CustomerPicker
from tui.widgets.form_row import FormRow
from tui.widgets.inline_error import InlineError
from tui.widgets.new_customer import PROBLEM_FIELDS, NewCustomerForm
from tui.widgets.plain_entry import PlainInput, PlainTextArea

HISTORY_LINES = 3
"""The picked customer's last tickets shown while taking the call."""
AUTO = "auto"
"""The tier select's first choice: follow the keyword suggestion."""
TIERS = ("red", "yellow", "green")

FIELD_ROWS = {
    "customer": "customer",
    "customer code": "customer",
    "channel": "channel",
    "platform": "platform",
    "description": "description",
    "tier": "tier",
    "category": "category",
    "subtag": "subtag",
    "mood": "mood",
}
"""core's InvalidInput.field -> the form row whose error line shows it."""

SHORT_PROBLEMS = {
    ("platform", "ticket.platform_needed"): "intake.problem.platform",
    ("channel", "input.unknown_blank"): "intake.problem.channel",
    ("description", "input.empty"): "intake.problem.description",
    ("description", "input.empty_hint"): "intake.problem.description",
    (None, "input.empty"): "intake.problem.empty",
    (None, "input.empty_hint"): "intake.problem.empty",
    ("customer code", "customer.code_invalid"): "customer.problem.code",
    ("phone", "customer.phone_invalid"): "customer.problem.phone",
}
"""(field or any, core's code) -> the short words a form row shows under itself; any other
refusal is said under its field as core says it, without the field's name."""


@dataclass
class Saved:
    """How a save went, told by the thread that did it (core's refusals are answers here)."""

    customer: CustomerView | None = None
    """The new customer, added now (before the ticket)."""
    customer_refused: CallfloorError | None = None
    """Why the new customer was not added (the ticket was then not tried)."""
    ref: str | None = None
    """The new ticket."""
    refused: CallfloorError | None = None
    """Why the ticket was not saved."""
    unexpected: Exception | None = None
    """An error nobody expected: raised again on the UI thread, for the app's last resort."""
    discarded: bool = False
    """The agent discarded the form before the save was committed: nothing was written."""


class _Discarded(Exception):
    """Raised inside the save's transaction when the agent discarded the form: it rolls back."""


def problem_text(error: InvalidInput) -> str:
    key = SHORT_PROBLEMS.get((error.field, error.code)) or SHORT_PROBLEMS.get((None, error.code))
    return tr(key) if key else error.message.say(language())


class ConfirmDiscard(FloorModal):
    """Esc on a form with typed work: y throws it away, n (or Esc) keeps editing. While its
    save waits for the floor, y stops the save if it has not reached the floor yet."""

    BINDINGS = [
        Binding("y", "answer(True)", "intake.discard.key.yes", id="intake.discard.yes"),
        Binding("n,escape", "answer(False)", "intake.discard.key.no", id="intake.discard.no"),
    ]

    def __init__(self, saving: bool = False) -> None:
        super().__init__()
        self.saving = saving

    def compose(self) -> ComposeResult:
        with Vertical(id="discard-box"):
            question = "intake.discard.question.saving" if self.saving else "intake.discard.question"
            yield Static(tr(question), markup=False)
            yield Static(
                f"y  {tr('intake.discard.yes')}    n  {tr('intake.discard.no')}",
                markup=False,
                id="discard-keys",
            )
        yield Footer()

    def action_answer(self, discard: bool) -> None:
        self.dismiss(discard)


class IntakeScreen(FloorScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "intake.key.save", priority=True, id="intake.save"),
        Binding("escape", "cancel", "intake.key.cancel", id="intake.cancel"),
        Binding("ctrl+n", "new_customer", "intake.key.new_customer", id="intake.new_customer"),
        # Quitting from a half-typed form asks first, like Esc does.
        Binding("ctrl+q", "quit_app", "key.quit", id="intake.quit"),
    ]

    def __init__(self, customer_code: str | None = None) -> None:
        super().__init__()
        self._start_code = customer_code
        self.customer: CustomerView | None = None
        """The picked customer; the ticket is theirs."""
        self._saving = False
        """A save is on its way to the floor: ctrl+s (or Enter in the new customer) waits."""
        self._saving_since: float | None = None
        """When the save under way began (holds_keys)."""
        self._discard_save = threading.Event()
        """Set when the agent discards the form while its save waits for the floor."""
        self._left = False
        """The agent left the form (Esc, then discard): a save still under way says how it
        ended as a notification."""
        self._saved_ref: str | None = None
        """The ticket saved while another screen was in front: it opens when the form is back."""
        self._suggestion: tuple[str, str] | None = None

    # layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        policy, session = self.session.policy, self.session
        lang = language()  # list names are the floor's policy data: Text, never markup
        yield Static(tr("intake.title"), id="intake-title", markup=False)
        with VerticalScroll(id="intake-form", can_focus=False):
            yield FormRow(
                "customer",
                tr("intake.field.customer"),
                CustomerPicker(
                    # runs in a thread (the picker's); a refusal is said by self.report
                    lambda text: find_customers(session, text),
                    self.report,
                    id="customer-picker",
                ),
            )
            yield Static(tr("intake.customer.none"), id="customer-card", markup=False)
            yield Static("", id="customer-history", markup=False)
            # NewCustomerForm is mounted here on ctrl+n: most calls come from known customers.
            yield FormRow(
                "channel",
                tr("intake.field.channel"),
                Select(
                    [(Text(c.name(lang)), c.id) for c in policy.channels],
                    prompt=tr("intake.channel.prompt"),
                    id="channel",
                    compact=True,
                ),
            )
            yield FormRow(
                "platform",
                tr("intake.field.platform"),
                PlainInput(
                    placeholder=tr("intake.platform.placeholder"), id="platform", compact=True, max_length=64
                ),
            )
            yield FormRow(
                "description",
                tr("intake.field.description"),
                PlainTextArea(id="description", compact=True, soft_wrap=True, tab_behavior="focus"),
            )
            yield FormRow(
                "tier",
                tr("intake.field.tier"),
                Select(
                    [(tr("intake.tier.auto"), AUTO), *[(tr(f"tier.{t}"), t) for t in TIERS]],
                    allow_blank=False,
                    value=AUTO,
                    id="tier",
                    compact=True,
                ),
                Static("", id="tier-suggestion", markup=False),
            )
            yield FormRow(
                "category",
                tr("intake.field.category"),
                Select(
                    [(Text(c.name(lang)), c.id) for c in policy.categories],
                    prompt=tr("intake.category.prompt"),
                    id="category",
                    compact=True,
                ),
            )
            yield FormRow(
                "subtag",
                tr("intake.field.subtag"),
                Select([], prompt=tr("intake.subtag.prompt"), id="subtag", compact=True, disabled=True),
            )
            yield FormRow(
                "mood",
                tr("intake.field.mood"),
                Select(
                    [(tr(f"mood.{m}"), m) for m in MOOD_WORDS],
                    prompt=tr("intake.mood.prompt"),
                    id="mood",
                    compact=True,
                ),
            )
        yield Static("", id="intake-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#platform-row").display = False
        self.query_one("#customer-history").display = False
        self._suggest()
        if self._start_code:
            code, session = self._start_code, self.session
            self.query_one("#customer-search", Input).value = code

            def found(customer: CustomerView) -> None:
                if self.customer is None:  # else the agent picked someone meanwhile
                    self._pick(customer)

            def unknown(error: CallfloorError) -> None:
                self.report(error)
                self.query_one("#customer-search", Input).focus()

            self.ask(lambda: get_customer(session, code), found, failed=unknown, group="start")
        else:
            self.query_one("#customer-search", Input).focus()

    # the form's values ----------------------------------------------------------------------
    def _select(self, name: str) -> str | None:
        return self.query_one(f"#{name}", Select).selection

    @property
    def description(self) -> str:
        return self.query_one("#description", TextArea).text

    def form_values(self) -> dict:
        """Everything the agent has typed or picked, as it stands (tests and drafts read it)."""
        values = {
            "customer": self.customer.code if self.customer else None,
            "search": self.query_one("#customer-search", Input).value,
            "channel": self._select("channel"),
            "platform": self.query_one("#platform", Input).value,
            "description": self.description,
            "tier": self._select("tier"),
            "category": self._select("category"),
            "subtag": self._select("subtag"),
            "mood": self._select("mood"),
        }
        form = self._new_customer_form()
        values.update(form.values() if form else {})
        return values

    def touched(self) -> bool:
        """Has the agent typed or picked anything that Esc would throw away?"""
        v = self.form_values()
        new_customer = self._new_customer_form()
        return bool(
            v["customer"]
            or v["search"].strip()
            or v["channel"]
            or v["platform"].strip()
            or v["description"].strip()
            or v["tier"] != AUTO
            or v["category"]
            or v["subtag"]
            or v["mood"]
            or bool(new_customer and new_customer.touched())
        )

    def ticket_form(self) -> NewTicket:
        v = self.form_values()
        needs_platform = self._channel_needs_platform(v["channel"])
        return NewTicket(
            customer_code=v["customer"] or "",
            channel=v["channel"] or "",
            description=v["description"],
            platform=v["platform"] if needs_platform else None,
            tier=None if v["tier"] in (None, AUTO) else v["tier"],
            category=v["category"],
            subtag=v["subtag"],
            mood=v["mood"],
        )

    def _channel_needs_platform(self, channel: str | None) -> bool:
        return any(c.id == channel and c.needs_platform for c in self.session.policy.channels)

    # customer ---------------------------------------------------------------------------------
    @on(CustomerPicker.Picked)
    def _picked(self, event: CustomerPicker.Picked) -> None:
        self._pick(event.customer)
        self.query_one("#channel", Select).focus()

    def _pick(self, customer: CustomerView) -> None:
        """The ticket is customer's: their card at once, their last score and tickets once read
        (in a thread)."""
        if self.customer is None or self.customer.code != customer.code:
            self.query_one("#customer-history").display = False  # not another customer's tickets
        self.customer = customer
        self._error("customer").clear()
        self._show_card(customer)
        form = self._new_customer_form()
        if form is not None and form.is_open:
            form.close()
        code, session = customer.code, self.session

        def read() -> tuple[int | None, list[CustomerTicket]]:
            return (
                last_callback_score(session, code),
                customer_history(session, code, limit=HISTORY_LINES),
            )

        def show(found: tuple[int | None, list[CustomerTicket]]) -> None:
            if self.customer is customer:
                self._show_card(customer, *found)

        def unreadable(error: CallfloorError) -> None:
            self.report(error)
            show((None, []))

        self.ask(read, show, failed=unreadable, group="customer-card", exclusive=True)

    def _show_card(
        self, customer: CustomerView, score: int | None = None, recent: list[CustomerTicket] | None = None
    ) -> None:
        """customer's card; with their last score and tickets once read (recent not None)."""
        card = customer_headline(customer)
        facts = customer_facts(customer)
        card.append("\n")
        card.append_text(facts)
        if recent is None:
            self.query_one("#customer-card", Static).update(card)
            return
        card.append(("  ·  " if facts.plain else "") + score_text(score))
        self.query_one("#customer-card", Static).update(card)
        history = self.query_one("#customer-history", Static)
        lines = [history_line(item, self.session.policy.calendar.local, self._label) for item in recent]
        heading = Text(
            tr("customer.history.recent") if lines else tr("customer.tickets.none"), style="italic"
        )
        history.update(Text("\n").join([heading, *lines]))
        history.display = True

    def _label(self, kind: str, ident: str) -> str:
        return label(self.session.policy, kind, ident)

    def _new_customer_form(self) -> NewCustomerForm | None:
        found = self.query(NewCustomerForm)
        return found.first() if found else None

    async def action_new_customer(self) -> None:
        form = self._new_customer_form()
        if form is None:
            form = NewCustomerForm(id="new-customer")
            await self.query_one("#intake-form").mount(form, after="#customer-history")
        form.open(self.query_one(CustomerPicker).text)
        self.query_one(CustomerPicker).hide_results()

    @on(NewCustomerForm.Submitted)
    def _add_from_form(self) -> None:
        """Enter in the new customer: add them (in a thread) and pick them."""
        if self._saving:
            return
        self._save_in_thread(self.query_one(NewCustomerForm).form(), None)

    # live field reactions ------------------------------------------------------------------------
    @on(Select.Changed, "#channel")
    def _channel_changed(self, event: Select.Changed) -> None:
        self._error("channel").clear()
        needs = self._channel_needs_platform(self._select("channel"))
        self.query_one("#platform-row").display = needs
        if not needs:
            self._error("platform").clear()

    @on(Input.Changed, "#platform")
    def _platform_changed(self) -> None:
        self._error("platform").clear()

    @on(Select.Changed, "#category")
    def _category_changed(self) -> None:
        self._error("category").clear()
        self._error("subtag").clear()
        category = self.session.policy.category(self._select("category") or "")
        subtags = category.subtags if category else ()
        subtag = self.query_one("#subtag", Select)
        subtag.set_options([(Text(s.name(language())), s.id) for s in subtags])
        subtag.disabled = not subtags

    @on(Select.Changed, "#subtag")
    def _subtag_changed(self) -> None:
        self._error("subtag").clear()

    @on(Select.Changed, "#mood")
    def _mood_changed(self) -> None:
        self._error("mood").clear()

    @on(Select.Changed, "#tier")
    def _tier_changed(self) -> None:
        self._error("tier").clear()
        self._suggest()

    @on(TextArea.Changed, "#description")
    def _described(self) -> None:
        self._error("description").clear()
        self._suggest()

    def _suggest(self) -> None:
        """The tier the keywords suggest for the description so far, and the keyword that fired."""
        guess = guess_tier(self.description, self.session.policy)
        tier = tr(f"tier.{guess.tier}")
        text = (
            tr("intake.suggested", tier=tier, keyword=guess.keyword)
            if guess.keyword
            else tr("intake.suggested.default", tier=tier)
        )
        chosen = self._select("tier")
        if chosen not in (None, AUTO) and chosen != guess.tier:
            text += tr("intake.overridden", tier=tr(f"tier.{chosen}"))
        if (text, guess.tier) == self._suggestion:
            return  # most keys change nothing here; repainting the line each key costs a layout
        self._suggestion = (text, guess.tier)
        suggestion = self.query_one("#tier-suggestion", Static)
        suggestion.update(Text(text))
        for t in TIERS:
            suggestion.set_class(t == guess.tier, f"-{t}")

    # errors ----------------------------------------------------------------------------------------
    def _error(self, row: str) -> InlineError:
        return self.query_one(f"#{row}-error", InlineError)

    def _status(self, text: str) -> None:
        status = self.query_one("#intake-status", Static)
        status.update(Text(text))
        status.set_class(bool(text), "-shown")

    def _clear_errors(self) -> None:
        for error in self.query(InlineError):
            error.clear()
        self._status("")

    def _check(self) -> dict[str, str]:
        """Every field core would refuse, all at once (core stops at the first), by row."""
        problems: dict[str, str] = {}
        form = self.ticket_form()

        def attempt(check) -> None:
            try:
                check()
            except InvalidInput as error:
                row = FIELD_ROWS.get(error.field, "")
                problems.setdefault(row, problem_text(error))

        if self.customer is None:
            problems["customer"] = tr("intake.problem.customer")
        attempt(lambda: tickets.check_channel(self.session, form.channel, form.platform))
        attempt(lambda: require_text(form.description, "description"))
        attempt(lambda: tickets.check_classification(self.session, form.category, form.subtag))
        if form.mood:
            attempt(lambda: pick_word(form.mood, MOOD_WORDS, "mood"))
        return problems

    def _show_problems(self, problems: dict[str, str]) -> None:
        """Each problem under its field (rows: FIELD_ROWS' and the new customer's), the rest
        on the status line; a notification counts them; the first field takes the focus."""
        first_field: Widget | None = None
        for row, message in problems.items():
            errors = self.query(f"#{row}-error") if row else None
            if errors:
                errors.first(InlineError).show(message)
                first_field = first_field or self._field_of(row)
            else:
                self._status(message)
        first = next(iter(problems.items()))
        first_label = tr(f"intake.field.{first[0].replace('-', '_')}") if first[0] else ""
        self.notify(
            tr("intake.invalid", count=len(problems), first=f"{first_label}: {first[1]}".lstrip(": ")),
            title=tr("error.title"),
            severity="error",
            timeout=8,
            markup=False,
        )
        if first_field is not None:
            first_field.focus()
            self.query_one("#intake-form", VerticalScroll).scroll_to_widget(first_field, animate=False)

    def _field_of(self, row: str) -> Widget | None:
        ids = {"customer": "#customer-search"}
        found = self.query(ids.get(row, f"#{row}"))
        return found.first() if found else None

    # save and cancel ---------------------------------------------------------------------------------
    def action_save(self) -> None:
        """Check every field at once, then save in a thread: the new customer first (when
        its form is open), then the ticket, which opens once saved."""
        if self._saving:
            return  # a second ctrl+s while the first save waits does not save twice
        self._clear_errors()
        form = self._new_customer_form()
        new_customer = form if self.customer is None and form is not None and form.is_open else None
        problems = self._check()
        if new_customer is not None:  # check the new customer with the ticket, so all problems show at once
            problems.pop("customer", None)
            try:
                validated(new_customer.form())
            except InvalidInput as error:
                row = PROBLEM_FIELDS.get(error.field, "")
                problems = {row: problem_text(error), **problems}
        if problems:
            self._show_problems(problems)
            return
        self._save_in_thread(new_customer.form() if new_customer else None, self.ticket_form())

    def _save_in_thread(self, customer: CustomerForm | None, ticket: NewTicket | None) -> None:
        """Add customer (if given) and then save ticket (if given) in a thread. The form says
        it is saving when that takes a moment (a held lock); the app owns the call, so a save
        the agent leaves with Esc still ends, and says how."""
        session = self.session
        self._saving = True
        self._saving_since = monotonic()
        self.set_timer(SAVING_SHOWN_AFTER, self._say_saving)
        discarded = self._discard_save = threading.Event()

        def save() -> Saved:
            done = Saved()
            try:
                # One transaction: the agent may discard the form while the save waits for the
                # floor (a backup holding the lock, on SQLite the lock itself, on a server the
                # tables), and a discard that comes before the commit rolls it all back.
                with session.writing():
                    self._add(session, customer, ticket, done)
                    if discarded.is_set():
                        raise _Discarded
            except _Discarded:
                return Saved(discarded=True)
            except CallfloorError as error:  # the lock never came: nothing was written
                if customer is not None:
                    done.customer_refused = error
                else:
                    done.refused = error
            except Exception as error:  # the form must not stay "saving": told on the UI thread
                done.unexpected = error
            return done

        self.ask(save, self._saved, group="save", on_app=True)

    @staticmethod
    def _add(session: Session, customer: CustomerForm | None, ticket: NewTicket | None, done: Saved) -> None:
        """The new customer, then the ticket (core's refusals are kept in done)."""
        if customer is not None:
            try:
                done.customer = add_customer(session, customer)
            except CallfloorError as error:
                done.customer_refused = error
                return
        if ticket is not None:
            code = done.customer.code if done.customer else ticket.customer_code
            try:
                done.ref = intake(session, replace(ticket, customer_code=code))
            except CallfloorError as error:
                done.refused = error

    @property
    def saving_now(self) -> bool:
        """What the form holds is being saved: its fields take no edits (plain_entry.saving)."""
        return self._saving and not self._left

    def holds_keys(self, event: events.Key | events.Paste) -> bool:
        """While the save waits for the floor, the keys typed behind it wait for the ticket it
        opens (tui/type_ahead.py). Esc and Ctrl+Q go at once."""
        return self._saving and not self._left and typed_before(self._saving_since, event)

    def _say_saving(self) -> None:
        if self._saving and self.is_attached:
            self.set_class(True, "-saving")
            self._status(tr("intake.saving"))

    def _saved(self, done: Saved) -> None:
        """On the UI thread: say how the save went, on the form or (the agent left it) as a
        notification."""
        self._saving = False
        self._saving_since = None
        here = not self._left and self.is_attached
        if done.discarded:
            self.app.notify(tr("intake.discarded_before_saving"), markup=False)
            return
        if here:
            self.set_class(False, "-saving")
            self._status("")
        if done.unexpected is not None:
            raise done.unexpected  # to the app's last resort, with its traceback
        if done.customer is not None:
            added = tr("intake.new_customer.added", code=done.customer.code)
            if here:
                self.app.notify(added, markup=False)
                self.query_one(NewCustomerForm).clear()  # saved in core now; ctrl+n starts the next one empty
                self._pick(done.customer)
                if done.ref is None and done.refused is None:  # Enter in the new customer: on to the channel
                    self.query_one("#channel", Select).focus()
            else:
                self.app.notify(tr("saved.late", message=added), markup=False)
        problem = done.customer_refused or done.refused
        if problem is not None:
            if not here:
                self.report(problem, about="intake.refused.late", timeout=15)
            elif done.customer_refused is not None:
                self._customer_refused(done.customer_refused)
            else:
                self._ticket_refused(problem)
            return
        if done.ref is None:
            return
        saved = tr("intake.saved", ref=done.ref)
        if not here:
            self.app.notify(tr("saved.late", message=saved), markup=False)
            return
        self.app.notify(saved, markup=False)
        self._saved_ref = done.ref
        if self.app.screen is self:
            self._open_saved()
        elif isinstance(self.app.screen, ConfirmDiscard) and self.app.screen_stack[-2:-1] == [self]:
            self.app.screen.dismiss(False)  # "discard?" asked meanwhile: saved, nothing to discard
        # else another screen is in front (the board): the ticket opens when the form is back

    def on_screen_resume(self) -> None:
        if self._saved_ref is not None:
            self._open_saved()

    def _open_saved(self) -> None:
        """The saved ticket takes the form's place."""
        if self._saved_ref is not None:
            ref, self._saved_ref = self._saved_ref, None
            self.app.post_message(OpenTicket(ref, replacing=True))

    def _customer_refused(self, error: CallfloorError) -> None:
        """The new customer was not added: why, under its field when core names one."""
        form = self.query_one(NewCustomerForm)
        if isinstance(error, InvalidInput):
            if not form.show_problem(error.field, problem_text(error)):
                self._status(problem_words(error))
            self.notify(problem_words(error), title=tr("error.title"), severity="error", markup=False)
            return
        if isinstance(error, Refused) and error.code == "customer.exists":
            form.show_problem("customer code", tr("customer.problem.exists"))
        elif isinstance(error, StorageProblem):
            self._status(tr("intake.storage_kept", detail=problem_words(error).rstrip(".")))
        self.report(error)

    def _ticket_refused(self, error: CallfloorError) -> None:
        """The ticket was not saved: why, under its field when core names one; all typed stays."""
        if isinstance(error, InvalidInput):
            self._show_problems({FIELD_ROWS.get(error.field, ""): problem_text(error)})
        elif isinstance(error, NotFound):  # the customer went away since it was picked
            self._show_problems({"customer": problem_words(error)})
        elif isinstance(error, StorageProblem):
            self._status(tr("intake.storage_kept", detail=problem_words(error).rstrip(".")))
            self.app.notify(
                tr("error.storage", detail=problem_words(error)),
                title=tr("error.title"),
                severity="error",
                timeout=12,
                markup=False,
            )
        else:
            self._status(problem_words(error))
            self.report(error)

    def action_cancel(self) -> None:
        self._leave(self.app.pop_screen)

    def action_quit_app(self) -> None:
        self._leave(self.app.exit)

    def _leave(self, go) -> None:
        """go() at once when nothing is typed; otherwise only once the agent says so."""

        def leave() -> None:
            self._left = True  # a save still under way ends in a notification
            go()

        if not self.touched():
            leave()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                if self._saving:
                    self._discard_save.set()  # not written if the save has not reached the floor yet
                leave()

        self.app.push_screen(ConfirmDiscard(saving=self._saving), answered)
