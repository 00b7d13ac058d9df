"""Ticket detail: header with ticking countdowns, the description, the timeline, and every
action on the ticket by key. Each action is one core call; then the screen reads the ticket again."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.worker import Worker

from core.basics import CallfloorError, StaleEdit, TicketDetail, printable
from core.floor import Changes, Session
from core.handoffs import HandoffView
from core.handoffs import directory as departments
from core.handoffs import lifecycle as handoffs
from core.people import agents
from core.tickets import assignment, reads, ticket_actions
from core.tickets import lifecycle as tickets
from tui.base.claims import Claims
from tui.base.drafts import Draft
from tui.base.screen import FloorScreen
from tui.i18n import language, tr
from tui.i18n import ticket as _words  # noqa: F401  (registers the ticket's words)
from tui.labels import label
from tui.modals.action import ActionModal, Outcome
from tui.modals.choice import ChoiceModal
from tui.modals.handoff import HandoffWords, answer_form, handoff_form, sync_form
from tui.modals.text_entry import TextEntryModal, TextField
from tui.routes import OpenCustomer
from tui.text.event_rows import timeline_rows
from tui.type_ahead import KeysHeld, held_while
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine
from tui.widgets.text_pane import TextPane
from tui.widgets.ticket_header import TicketHeader
from tui.widgets.timeline import Timeline

TICK_SECONDS = 15
"""The countdowns show minutes: repainting them more often only costs bandwidth."""
"""How often to look whether another agent changed the floor (a cheap change signal)."""
CORE_ACTIONS = {
    "claim": "claim",
    "note": "note",
    "contact": "contact",
    "resolve": "resolve",
    "wait": "wait",
    "resume": "resume",
    "reopen": "reopen",
    "close_ticket": "close",
    "tier": "tier",
    "category": "category",
    "handoff": "handoff",
    "reassign": "reassign",
}
"""The screen's actions that core's rules decide (core.tickets.actions), by core's name."""


TicketRead = tuple[TicketDetail, list[HandoffView], frozenset[str]]
"""A ticket as its screen shows it: the detail, its open handoffs, what this person may do."""


def read_ticket(session: Session, ref: str) -> TicketRead:
    """The ticket screen's read (in a thread: tui/base/asking.py)."""
    detail = reads.ticket_detail(session, ref)
    return detail, handoffs.list_handoffs(session, ref=detail.ref), ticket_actions(session, detail)


class TicketScreen(FloorScreen):
    AUTO_FOCUS = "Timeline"
    BINDINGS = [
        Binding("escape", "back", "key.back", show=False, id="ticket.back"),
        Binding("c", "claim", "ticket.key.claim", id="ticket.claim"),
        Binding("n", "note", "ticket.key.note", id="ticket.note"),
        Binding("o", "contact('out')", "ticket.key.outbound", id="ticket.contact_out"),
        Binding("i", "contact('in')", "ticket.key.inbound", id="ticket.contact_in"),
        Binding("r", "resolve", "ticket.key.resolve", id="ticket.resolve"),
        Binding("w", "wait", "ticket.key.wait", id="ticket.wait"),
        Binding("W", "resume", "ticket.key.resume", id="ticket.resume"),
        Binding("R", "reopen", "ticket.key.reopen", id="ticket.reopen"),
        Binding("x", "close_ticket", "ticket.key.close", id="ticket.close"),
        Binding("t", "tier", "ticket.key.tier", id="ticket.tier"),
        Binding("h", "handoff", "ticket.key.handoff", id="ticket.handoff"),
        Binding("a", "answer", "ticket.key.answer", id="ticket.answer"),
        Binding("s", "synced", "ticket.key.synced", id="ticket.synced"),
        Binding("A", "reassign", "ticket.key.reassign", id="ticket.reassign"),
        Binding("g", "category", "ticket.key.category", show=False, id="ticket.category"),
        Binding("C", "customer", "ticket.key.customer", show=False, id="ticket.customer"),
    ]

    def __init__(self, ref: str, first: TicketRead | None = None) -> None:
        super().__init__()
        self.ref = ref
        """The ticket shown, as the queue named it."""
        self.first = first
        """The ticket as read before the screen opened (read_ticket), so its first paint is
        the whole ticket; None: the screen reads it as it opens."""
        self.detail: TicketDetail | None = None
        """The last read of the ticket; None when it could not be read."""
        self.handoffs: list[HandoffView] = []
        """The ticket's open handoffs (not yet synced to the customer), by deadline."""
        self.seen_version: int | None = None
        """The ticket's row_version as the agent has seen it; every edit that changes the
        ticket's row is saved against it, so core refuses the save (StaleEdit) when someone
        changed the ticket since. It follows each read while no form is open (a live refresh,
        our own saves). While a form is open it stays: the ticket behind the form may refresh
        live, but the agent is typing, not reading it. A refused save moves it on, after the
        refresh has put the change in front of the agent."""
        self._form_open = False
        self._claims = Claims(self)
        self._after_load: list[Callable[[], object]] = []
        """What to do once the next read is shown (load's then; kept when a read is overtaken)."""
        self._resumed = False
        self.allowed: frozenset[str] = frozenset()
        """What core would let this person do to the ticket as last read (ticket_actions),
        worked out once a read, not on every check_action."""
        self._offered: tuple | None = None
        """What the footer's keys were worked out for: (allowed, handoff stages)."""
        self._first_read: Worker | None = None
        """The read of the ticket while none is shown yet (holds_keys)."""
        self._acting = KeysHeld()
        """The agent's own action and the read that shows it (holds_keys)."""

    def compose(self) -> ComposeResult:
        yield TicketHeader(self.session.policy, self.session.now, id="ticket-header")
        yield TextPane(id="ticket-description")
        yield StatusLine(id="ticket-timeline-title")
        yield Timeline(id="ticket-timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.first is not None:
            self._show(*self.first)
            self.first = None
        else:
            self.load()
        self.set_interval(TICK_SECONDS, self.query_one(TicketHeader).tick)

    def on_screen_resume(self) -> None:
        # Back from a form or the customer view: our own writes do not move the change
        # signal, so read again (the first resume is the opening, already read in on_mount).
        if self._resumed:
            self._read_after_acting()
        self._resumed = True

    def cares_about(self, changes: Changes) -> bool:
        """Read again for a change of this ticket, its timeline or handoffs, or of the people
        and departments it names; not for the rest of the floor's work."""
        if self.detail is None:
            return True
        return changes.touches_ticket(self.detail.ticket_id) or changes.any_of(
            "agent", "department", "customer"
        )

    def floor_changed(self) -> None:
        if self.in_view:
            self.load()

    def load(self, then: Callable[[], object] | None = None) -> None:
        """Read the ticket (in a thread) and show it; then, once shown. When it cannot be read:
        the last picture stays with a notification, or, if there is none yet, the screen says
        why and offers only Back. A newer read overtakes an older one and does its then too (a
        live refresh landing during a refused save's read must not lose its _seen)."""
        if then is not None:
            self._after_load.append(then)

        def read() -> tuple[TicketDetail, list[HandoffView], frozenset[str]]:
            detail = reads.ticket_detail(self.session, self.ref)
            return (
                detail,
                handoffs.list_handoffs(self.session, ref=detail.ref),
                ticket_actions(self.session, detail),
            )

        def show(found: tuple[TicketDetail, list[HandoffView], frozenset[str]]) -> None:
            self._show(*found)
            waiting, self._after_load = self._after_load, []
            for after in waiting:
                after()

        worker = self.ask(read, show, failed=self._unreadable, group="load", exclusive=True)
        if self.detail is None:
            self._first_read = worker

    def holds_keys(self, event: events.Key | events.Paste) -> bool:
        """Until the ticket's first read is shown (a slow disk: the screen opened before it),
        the keys typed behind the one that opened it wait for it (tui/type_ahead.py): r, n or
        c act on the ticket, not on an empty screen that offers nothing yet."""
        first = self._first_read
        if held_while(first is not None and self.detail is None and not first.is_finished, event):
            return True
        return self._claims.held.holds(event) or self._acting.holds(event)

    def _read_after_acting(self) -> None:
        """Read the ticket again after the agent's own action (a claim, a status key, a form
        that closed): the keys typed behind it wait for the ticket as it now stands, so w
        after c is offered the claimed ticket's keys (holds_keys)."""
        self._acting.begin()
        self.load(then=self._acting.end)

    def _unreadable(self, error: CallfloorError) -> None:
        if self.detail is not None:
            self.report(error)
            return
        self.query_one(TicketHeader).failed(tr("ticket.missing", ref=self.ref, detail=error.say(language())))
        self._offer(None)

    def _show(self, detail: TicketDetail, open_handoffs: list[HandoffView], allowed: frozenset[str]) -> None:
        header = self.query_one(TicketHeader)
        self.detail, self.handoffs, self.allowed = detail, open_handoffs, allowed
        if not self._form_open:
            self.seen_version = detail.row_version
        header.show(detail)
        self.query_one(TextPane).show(detail.description)
        calendar = self.session.policy.calendar
        today = calendar.local(self.session.now()).date()
        rows = timeline_rows(detail, self.session.policy, calendar.tz, today)
        title = tr("ticket.timeline", count=len(rows))
        if open_handoffs:
            title += "  ·  " + tr(
                "ticket.handoffs",
                list=", ".join(
                    tr(
                        "ticket.handoff.brief",
                        number=h.id,
                        department=self._department(h.department),
                        stage=tr(f"ticket.stage.{h.stage}"),
                    )
                    for h in open_handoffs
                ),
            )
        self.query_one("#ticket-timeline-title", StatusLine).text = title
        self.query_one(Timeline).show(rows)
        self._offer((allowed, tuple(sorted(h.stage for h in open_handoffs))))

    def _offer(self, state: tuple | None) -> None:
        """Refresh the footer's keys when what can be done changed."""
        if state != self._offered or state is None:
            self._offered = state
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer shows only what can be done to the ticket as it stands."""
        if action == "back":
            return True
        if self.detail is None:
            return False
        if action in CORE_ACTIONS:
            return CORE_ACTIONS[action] in self.allowed
        # A stage key is there while one of the ticket's handoffs waits for that stage.
        if action == "answer":
            return bool(self._in_stage("sent"))
        if action == "synced":
            return bool(self._in_stage("answered"))
        return True

    # Actions -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_claim(self) -> None:
        def claimed(result: tickets.ClaimResult) -> None:
            key = "ticket.done.already_yours" if result.already_yours else "ticket.done.claim"
            self.notify(tr(key, ref=result.ref), markup=False)
            self._read_after_acting()

        def refused(error: CallfloorError) -> None:
            self.report(error)
            self._read_after_acting()

        self._claims.claim(self._ref, claimed, refused)

    def action_note(self) -> None:
        self._form(
            "note",
            lambda draft: TextEntryModal(
                tr("ticket.form.note", ref=self._ref),
                [TextField("text", "ticket.field.note")],
                self._done(lambda v: tickets.add_note(self.session, self.ref, v["text"]), "ticket.done.note"),
                draft,
            ),
        )

    def action_contact(self, direction: str) -> None:
        word = "inbound" if direction == "in" else "outbound"
        self._form(
            f"contact_{direction}",
            lambda draft: TextEntryModal(
                tr(f"ticket.form.{word}", ref=self._ref),
                [TextField("summary", "ticket.field.summary")],
                self._done(
                    lambda v: tickets.log_contact(self.session, self.ref, direction, v["summary"]),
                    f"ticket.done.{word}",
                ),
                draft,
            ),
        )

    def action_resolve(self) -> None:
        self._ending(
            "resolve",
            "resolved",
            [
                TextField("result", "ticket.field.result"),
                TextField("confirmation", "ticket.field.confirmation"),
            ],
            lambda v: (v["result"], v["confirmation"]),
            "ticket.done.resolve",
        )

    def _ending(
        self,
        name: str,
        status: str,
        fields: list[TextField],
        texts: Callable[[dict[str, str]], tuple[str | None, str | None]],
        done_key: str,
    ) -> None:
        """Resolve or close: the form's fields, and, while handoffs are under way, what becomes
        of them (withdraw or keep; core refuses until the agent picks one)."""
        under_way = list(self.handoffs)

        def save(values: dict[str, str]) -> None:
            text, confirmation = texts(values)
            tickets.set_status(
                self.session,
                self.ref,
                status,
                text,
                confirmation,
                expected_version=self.seen_version,
                handoffs=values.get("choice") or None if under_way else None,
            )

        title = tr(f"ticket.form.{name}", ref=self._ref)
        if not under_way:
            self._form(name, lambda draft: TextEntryModal(title, fields, self._done(save, done_key), draft))
            return
        numbers = ", ".join(f"#{h.id}" for h in under_way)
        options = [
            ("", tr("ticket.handoffs.choose", numbers=numbers)),
            ("withdraw", tr("ticket.handoffs.withdraw", numbers=numbers)),
            ("keep", tr("ticket.handoffs.keep", numbers=numbers)),
        ]
        self._form(
            name,
            lambda draft: ChoiceModal(
                title,
                "ticket.field.handoffs",
                options,
                None,
                self._done(save, done_key),
                draft,
                fields=fields,
                hint="ticket.handoffs.hint",
            ),
        )

    def action_wait(self) -> None:
        self._form(
            "wait",
            lambda draft: TextEntryModal(
                tr("ticket.form.wait", ref=self._ref),
                [TextField("asked", "ticket.field.asked")],
                self._done(
                    lambda v: tickets.set_status(
                        self.session, self.ref, "waiting", v["asked"], expected_version=self.seen_version
                    ),
                    "ticket.done.wait",
                ),
                draft,
            ),
        )

    def action_resume(self) -> None:
        self._acting.begin()

        def resumed(_: object) -> None:
            self.notify(tr("ticket.done.resume", ref=self._ref), markup=False)
            self._read_after_acting()
            self._acting.end()

        def refused(error: CallfloorError) -> None:
            self._refused_then_read(error)
            self._acting.end()

        self.ask(
            lambda: tickets.set_status(
                self.session, self.ref, "in_progress", expected_version=self.seen_version
            ),
            resumed,
            failed=refused,
            group="status",
            slow=tr("saving"),
        )

    def action_handoff(self) -> None:
        """Hand part of the ticket to another department: picked from the directory (its
        contact, phone and online hours in view), then what is needed and by when."""
        try:
            directory = departments.list_departments(self.session)
        except CallfloorError as error:
            self.report(error)
            return
        if not directory:
            self.notify(tr("ticket.dept.none"), severity="warning", timeout=10, markup=False)
            return
        now, tz = self.session.now(), self.session.policy.calendar.tz
        by_name = {dept.name: dept for dept in directory}

        def apply(values: dict[str, str]) -> str:
            dept = by_name[values["choice"]]
            added = handoffs.add_handoff(
                self.session,
                self.ref,
                dept.name,
                values["need"],
                values["due"],
                values["problem"].strip() or None,
            )
            name = self._department(dept.name)
            if added.warning:  # core judged it offline; say so in the agent's language, loudly
                backup = dept.backup_contact or dept.contact_person or "-"
                if dept.backup_contact and dept.backup_phone:
                    backup = f"{backup} {dept.backup_phone}"
                self.notify(
                    printable(
                        tr("ticket.done.offline", department=name, hours=dept.online_hours, backup=backup)
                    ),
                    severity="warning",
                    timeout=10,
                    markup=False,
                )
            return printable(
                tr(
                    "ticket.done.handoff",
                    number=added.id,
                    department=name,
                    contact=dept.contact_person or "-",
                    phone=dept.phone or "-",
                    hours=dept.online_hours or tr("ticket.dept.always"),
                )
            )

        self._form(
            "handoff",
            lambda draft: handoff_form(
                tr("ticket.form.handoff", ref=self._ref),
                self.session.policy,
                directory,
                lambda dept: departments.is_online(dept.online_hours, now, tz),
                apply,
                draft,
            ),
        )

    def action_answer(self) -> None:
        """What the department said, on the handoff that waits for it."""
        waiting = self._in_stage("sent")
        if not waiting:
            return
        by_id = {str(h.id): h for h in waiting}

        def apply(values: dict[str, str]) -> str:
            handoff = by_id.get(values.get("choice", ""), waiting[0])
            handoffs.answer_handoff(self.session, handoff.id, values["answer"])
            return tr(
                "ticket.done.answer",
                number=handoff.id,
                department=self._department(handoff.department),
                ref=self._ref,
            )

        self._form(
            "answer", lambda draft: answer_form(self._ref, waiting, self._handoff_words(), apply, draft)
        )

    def action_synced(self) -> None:
        """The customer has been told a department's answer."""
        answered = self._in_stage("answered")
        if not answered:
            return
        by_id = {str(h.id): h for h in answered}

        def apply(values: dict[str, str]) -> str:
            handoff = by_id[values["choice"]]
            handoffs.sync_handoff(self.session, handoff.id)
            return tr(
                "ticket.done.synced",
                number=handoff.id,
                department=self._department(handoff.department),
                ref=self._ref,
            )

        self._form("synced", lambda draft: sync_form(self._ref, answered, self._handoff_words(), apply))

    def action_reassign(self) -> None:
        """Give the ticket to another active agent: picked from the floor's list, then why
        (the reason goes on the timeline). Saved against the version shown, like every edit."""
        try:
            people = [a for a in agents.list_agents(self.session) if a.active]
        except CallfloorError as error:
            self.report(error)
            return
        owner = self.detail.owner if self.detail else None
        options = [
            (
                a.login,
                tr(
                    "ticket.agent.option",
                    name=printable(a.display_name),
                    login=a.login,
                    role=tr(f"ticket.role.{a.role}"),
                    team=printable(a.team or ""),
                ).rstrip(),
            )
            for a in people
            if a.login != owner
        ]
        if not options:
            self.notify(tr("ticket.reassign.nobody"), severity="warning", timeout=8, markup=False)
            return
        names = {a.login: printable(a.display_name) for a in people}

        def apply(values: dict[str, str]) -> str:
            login = assignment.reassign(
                self.session, self.ref, values["choice"], values["reason"], expected_version=self.seen_version
            )
            return tr("ticket.done.reassign", ref=self._ref, name=names.get(login, login), login=login)

        self._form(
            "reassign",
            lambda draft: ChoiceModal(
                tr("ticket.form.reassign", ref=self._ref), "ticket.field.agent", options, None, apply, draft
            ),
        )

    def _in_stage(self, stage: str) -> list[HandoffView]:
        return [h for h in self.handoffs if h.stage == stage]

    def _handoff_words(self) -> HandoffWords:
        calendar = self.session.policy.calendar
        return HandoffWords(self.session.policy, calendar.tz, calendar.local(self.session.now()).date())

    def _department(self, name: str) -> str:
        """A directory name as the agent reads it: the policy's word for it, control characters shown."""
        return printable(label(self.session.policy, "department", name))

    def action_reopen(self) -> None:
        self._form(
            "reopen",
            lambda draft: TextEntryModal(
                tr("ticket.form.reopen", ref=self._ref),
                [TextField("reason", "ticket.field.reason")],
                self._done(
                    lambda v: tickets.set_status(
                        self.session, self.ref, "in_progress", v["reason"], expected_version=self.seen_version
                    ),
                    "ticket.done.reopen",
                ),
                draft,
            ),
        )

    def action_close_ticket(self) -> None:
        self._ending(
            "close",
            "closed",
            [TextField("note", "ticket.field.close_note", required=False)],
            lambda v: (v["note"].strip() or None, None),
            "ticket.done.close",
        )

    def action_tier(self) -> None:
        options = [
            (tier, tr("ticket.tier.option", mark=tr(f"tier.{tier}.mark"), word=tr(f"tier.{tier}")))
            for tier in ("red", "yellow", "green")
        ]

        def apply(values: dict[str, str]) -> str:
            tickets.change_tier(
                self.session, self.ref, values["choice"], values["reason"], expected_version=self.seen_version
            )
            return tr("ticket.done.tier", ref=self._ref, tier=tr(f"tier.{values['choice']}"))

        self._form(
            "tier",
            lambda draft: ChoiceModal(
                tr("ticket.form.tier", ref=self._ref),
                "ticket.field.tier",
                options,
                self.detail.tier if self.detail else None,
                apply,
                draft,
            ),
        )

    def action_category(self) -> None:
        policy, lang = self.session.policy, language()
        options: list[tuple[str, str]] = []
        for category in policy.categories:
            options.append((category.id, category.name(lang)))
            options += [
                (
                    f"{category.id}/{sub.id}",
                    tr("ticket.classified", category=category.name(lang), subtag=sub.name(lang)),
                )
                for sub in category.subtags
            ]
        detail = self.detail
        current = None
        if detail is not None:
            current = f"{detail.category}/{detail.subtag}" if detail.subtag else detail.category

        def apply(values: dict[str, str]) -> str:
            category, _, subtag = values["choice"].partition("/")
            tickets.change_category(
                self.session,
                self.ref,
                category,
                subtag or None,
                values["reason"],
                expected_version=self.seen_version,
            )
            return tr("ticket.done.category", ref=self._ref, category=dict(options)[values["choice"]])

        self._form(
            "category",
            lambda draft: ChoiceModal(
                tr("ticket.form.category", ref=self._ref),
                "ticket.field.category",
                options,
                current,
                apply,
                draft,
            ),
        )

    def action_customer(self) -> None:
        if self.detail is None:
            return
        self.app.post_message(OpenCustomer(self.detail.customer_code))

    # Forms -------------------------------------------------------------------------------

    @property
    def _ref(self) -> str:
        return self.detail.ref if self.detail else self.ref

    def _done(
        self, call: Callable[[dict[str, str]], object], done_key: str
    ) -> Callable[[dict[str, str]], str]:
        """The form's action: the core call, then the words that say it was done."""

        def apply(values: dict[str, str]) -> str:
            call(values)
            return tr(done_key, ref=self._ref)

        return apply

    def _seeing_changes(self, error: CallfloorError) -> None:
        """When core refuses a save because the ticket changed since the agent saw it
        (StaleEdit), the ticket is read again behind the open form: the agent sees the change,
        the form shows the refusal with every typed character, and the next Enter saves against
        the version now shown (seen_version moves on)."""
        if isinstance(error, StaleEdit):
            self.load(then=self._seen)

    def _refused_then_read(self, error: CallfloorError) -> None:
        """A key's write refused: say why, and show the ticket as it now stands."""
        self.report(error)
        self._read_after_acting()

    def _seen(self) -> None:
        if self.detail is not None:
            self.seen_version = self.detail.row_version

    def _form(self, name: str, make: Callable[[dict[str, str] | None], ActionModal]) -> None:
        """Open a form, starting from its draft; a cancelled form's typing becomes the draft
        (kept for the session, so leaving the ticket does not lose it either)."""
        draft = Draft(self.app, (self.ref, name))
        if draft.still_saving():
            return

        def finished(outcome: Outcome | None) -> None:
            self._form_open = False  # the whole ticket is in view again
            if self.detail is not None:
                self.seen_version = self.detail.row_version
            if outcome is not None:
                draft.closed(outcome)

        def late(outcome: Outcome) -> None:
            """A save the agent left with Esc went through: its draft is no longer one."""
            if draft.saved_late(outcome) and self.is_attached:
                self.load()

        form = make(draft.values)
        form.from_draft = draft.from_draft
        form.on_refused = self._seeing_changes
        form.after_close = late
        self._form_open = True
        self.app.push_screen(form, finished)
