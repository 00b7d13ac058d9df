"""Improvement actions (改进措施, key 7, issue 23): every action with its status (LATE when past
its deadline), title, department, owner, deadline, expected figure, tickets and how its
verification calls stand ("calls 2/3 · 5 4"). Enter opens the action: its problem, the tickets
it covers (Enter opens one), this round's verification calls with their scores, and its whole
timeline.

Keys, on the list's action or the one open: s starts it, d marks it done (booking one
verification call per customer), u adds a note; supervisors also create (n), edit (e), close
(c, saying why) and reopen (o). An agent sees only what core would let them do: s, d and u on
their own actions. m shows only mine, a hides the closed ones, r reads again, Esc goes back.
Every change passes the row version core gave, so a change made meanwhile by someone else is
refused with core's words. Every database call runs in a thread (tui/base/asking.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from core.basics import CallfloorError, Refused
from core.callbacks.verification import ENDED
from core.floor import Changes
from core.handoffs import directory as departments
from core.improvement import (
    STATUS_LABELS,
    ActionDetail,
    ActionEventView,
    ActionRow,
    Problem,
    action_detail,
    add_action,
    close_action,
    list_actions,
    mark_done,
    reopen_action,
    update_action,
)
from core.people.agents import list_agents
from tui.base.drafts import Draft
from tui.base.screen import FloorScreen
from tui.i18n import actions as _words  # noqa: F401  (registers the screen's words)
from tui.i18n import language, tr, tr_or_same
from tui.labels import label
from tui.modals.action import ActionModal, Outcome
from tui.modals.improvement import EDIT_FIELDS, NEW_FIELDS, ActionForm, category_options
from tui.modals.text_entry import TextEntryModal, TextField
from tui.routes import NewActionFrom, OpenTicket
from tui.text.cells import cell
from tui.text.floor_time import floor_time
from tui.widgets.key_bar import KeyBar
from tui.widgets.status_line import StatusLine

LATE_STYLE = "$error bold"
CLOSED_STYLE = "$foreground-muted"
TITLE_CELLS = 39
"""The title's column on the first line of an action at 80 columns."""
SEPARATORS = re.compile(r"[\s,，、;；]+")
"""Between the ticket refs typed in the form."""
WRITES = ("new", "start", "done", "note", "close", "reopen", "edit")
"""The actions that change an action (check_action decides them)."""


def status_words(status: str) -> str:
    found = next((s for s in STATUS_LABELS if s.id == status), None)
    return found.name(language()) if found else status


def verification_words(row: ActionRow) -> str:
    """ "calls 2/3 · 5 4": this round's calls that ended, of all, then the scores given."""
    if not row.calls:
        return ""
    ended = sum(1 for c in row.calls if c.status in ENDED)
    words = tr("actions.verify", ended=ended, total=len(row.calls))
    if row.scores:
        words += " · " + " ".join(str(s) for s in row.scores)
    return words


def refs_typed(text: str) -> list[str]:
    return [ref for ref in SEPARATORS.split(text.strip()) if ref]


class ActionList(OptionList):
    """Two lines an action; arrows or j/k move, Enter opens."""

    BINDINGS = [
        Binding("j", "cursor_down", "actions.key.down", show=False, id="actions.down"),
        Binding("k", "cursor_up", "actions.key.up", show=False, id="actions.up"),
    ]


class ActionKeys(FloorScreen):
    """What both screens do to one action (the list's highlighted one, or the one open)."""

    BINDINGS = [
        Binding("s", "start", "actions.key.start", id="actions.start"),
        Binding("d", "done", "actions.key.done", id="actions.done"),
        Binding("u", "note", "actions.key.note", id="actions.note"),
        Binding("e", "edit", "actions.key.edit", id="actions.edit"),
        Binding("c", "close_action", "actions.key.close", id="actions.close"),
        Binding("o", "reopen", "actions.key.reopen", id="actions.reopen"),
        Binding("r", "refresh", "actions.key.refresh", show=False, id="actions.refresh"),
    ]

    supervisor = False
    """Whether the person here is a supervisor (read with the list, in its thread)."""
    me = ""
    """The login of the person here."""

    def chosen(self) -> ActionRow | None:
        raise NotImplementedError

    def load(self) -> None:
        raise NotImplementedError

    def cares_about(self, changes: Changes) -> bool:
        """Verification calls end in the callbacks; owners and departments are named here."""
        return changes.any_of("callback", "agent", "department")

    def floor_changed(self) -> None:
        if self.in_view:
            self.load()

    def on_screen_resume(self) -> None:
        # (FloorScreen's own on_screen_resume runs too: Textual calls each class's handler.)
        # Back from a form or another view: our own writes do not move the change signal.
        self.load()

    def may(self, action: str, row: ActionRow | None) -> bool | None:
        """False: never for the person here (an agent's supervisor keys, another's action);
        None: not now, for this action's status (shown greyed); True: core would take it."""
        if action == "new":
            return self.supervisor
        if row is None:
            return None if action in WRITES else True
        mine = self.supervisor or row.owner == self.me
        if action in ("start", "done", "note"):
            if not mine:
                return False
            wanted = {"start": ("open",), "done": ("open", "in_progress")}.get(action)
            if wanted is not None and row.status not in wanted:
                return None
            return row.status != "closed" or None
        if action in ("close", "reopen", "edit"):
            if not self.supervisor:
                return False
            if action == "reopen":
                return row.status in ("done", "closed") or None
            return row.status != "closed" or None
        return True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_action":
            action = "close"
        if action in WRITES:
            return self.may(action, self.chosen() if self.is_mounted else None)
        return True

    # The keys ------------------------------------------------------------------------------

    def action_refresh(self) -> None:
        self.load()

    def action_start(self) -> None:
        row = self.chosen()
        if row is None or not self.may("start", row):
            return
        session, number, version = self.session, row.number, row.row_version
        self.ask(
            lambda: update_action(session, number, status="in_progress", version=version),
            lambda _: self._said(tr("actions.done.start", number=number)),
            failed=self._refused,
            group="write",
        )

    def action_done(self) -> None:
        """d: how many calls it books (one per customer of its tickets), then a note if wanted."""
        row = self.chosen()
        if row is None or not self.may("done", row):
            return
        session, number, version = self.session, row.number, row.row_version

        def apply(values: dict[str, str]) -> str:
            done = mark_done(session, number, note=values["note"].strip() or None, version=version)
            return tr(
                "actions.done.done",
                number=number,
                round=done.round,
                booked=done.booked,
                customers=done.customers,
            )

        def ask_note(detail: ActionDetail) -> None:
            if not detail.tickets:  # nobody to call: say so now, not after the note
                self._refused(Refused("action.done.no_tickets", number=number))
                return
            customers = len({t.customer for t in detail.tickets})
            self._form(
                f"{number}:done",
                {},
                lambda start: TextEntryModal(
                    tr("actions.form.done", number=number, count=customers),
                    [TextField("note", "actions.field.note", required=False)],
                    apply,
                    start,
                ),
            )

        self.ask(lambda: action_detail(session, number), ask_note, group="write")

    def action_note(self) -> None:
        row = self.chosen()
        if row is None or not self.may("note", row):
            return
        session, number, version = self.session, row.number, row.row_version

        def apply(values: dict[str, str]) -> str:
            update_action(session, number, note=values["note"], version=version)
            return tr("actions.done.note", number=number)

        self._text_form(row, "note", "actions.form.note", TextField("note", "actions.field.update"), apply)

    def action_close_action(self) -> None:
        row = self.chosen()
        if row is None or not self.may("close", row):
            return
        session, number, version = self.session, row.number, row.row_version

        def apply(values: dict[str, str]) -> str:
            close_action(session, number, values["reason"], version=version)
            return tr("actions.done.close", number=number)

        self._text_form(
            row, "close", "actions.form.close", TextField("reason", "actions.field.reason"), apply
        )

    def action_reopen(self) -> None:
        row = self.chosen()
        if row is None or not self.may("reopen", row):
            return
        session, number, version = self.session, row.number, row.row_version

        def apply(values: dict[str, str]) -> str:
            reopen_action(session, number, values["reason"], version=version)
            return tr("actions.done.reopen", number=number)

        self._text_form(
            row, "reopen", "actions.form.reopen", TextField("reason", "actions.field.reason"), apply
        )

    def action_edit(self) -> None:
        """e: title, department, owner, deadline and expected figure; only what changed is sent."""
        row = self.chosen()
        if row is None or not self.may("edit", row):
            return
        session, number, version = self.session, row.number, row.row_version
        tz = session.policy.calendar.tz
        start = {
            "title": row.title,
            "department": row.department,
            "owner": row.owner,
            "due": f"{row.due_at.astimezone(tz):%Y-%m-%d}",
            "expect": row.expected.say(language()),
            "add_tickets": "",
        }

        def apply(values: dict[str, str]) -> str:
            changed = {k: v.strip() for k, v in values.items() if v.strip() != start[k]}
            update_action(
                session,
                number,
                title=changed.get("title"),
                department=changed.get("department"),
                owner=changed.get("owner"),
                due=changed.get("due"),
                expect=changed.get("expect"),
                add_tickets=refs_typed(changed.get("add_tickets", "")),
                version=version,
            )
            return tr("actions.done.edit", number=number)

        def picked(picks: dict) -> None:
            title = tr("actions.form.edit", number=number, title=cell(row.title, 40).rstrip())
            self._form(
                f"{number}:edit",
                start,
                lambda values: ActionForm(title, EDIT_FIELDS, picks, session.policy, apply, values),
            )

        self.ask(lambda: pick_lists(session), picked, group="write")

    def _text_form(
        self, row: ActionRow, name: str, title: str, field: TextField, apply: Callable[[dict], str]
    ) -> None:
        words = tr(title, number=row.number, title=cell(row.title, 40).rstrip())
        self._form(f"{row.number}:{name}", {}, lambda start: TextEntryModal(words, [field], apply, start))

    def _said(self, message: str) -> None:
        self.notify(message, markup=False)
        self.load()

    def _refused(self, error: CallfloorError) -> None:
        self.report(error)
        self.load()  # a stale version: show what changed meanwhile

    def _form(
        self,
        name: str,
        start: dict[str, str],
        make: Callable[[dict[str, str]], ActionModal],
    ) -> None:
        """Open a form from its draft, else from start; a cancelled form's changed typing
        becomes the draft (kept for the session), as in the directory's forms. The list is read
        again when this screen resumes, right after the form closes."""
        draft = Draft(self.app, ("actions", name), start)
        if draft.still_saving():
            return

        def late(outcome: Outcome) -> None:
            if draft.saved_late(outcome) and self.is_attached:
                self.load()

        form = make(draft.values or start)
        form.from_draft = draft.from_draft
        form.after_close = late
        self.app.push_screen(form, draft.closed)


def pick_lists(session) -> dict[str, list[tuple[str, str]]]:
    """In a thread: the directory's departments and the floor's people still on it."""
    policy = session.policy
    depts = []
    for dept in departments.list_departments(session):
        words = label(policy, "department", dept.name)
        depts.append((dept.name, dept.name if words == dept.name else f"{words} ({dept.name})"))
    people = [(a.login, f"{a.display_name} ({a.login})") for a in list_agents(session) if a.active]
    return {"department": depts, "owner": people, "category": category_options(policy)}


class ActionsScreen(ActionKeys):
    AUTO_FOCUS = "ActionList"
    BINDINGS = [
        Binding("n", "new", "actions.key.new", id="actions.new"),
        Binding("m", "mine", "actions.key.mine", show=False, id="actions.mine"),
        Binding("a", "open_only", "actions.key.open_only", show=False, id="actions.open_only"),
        Binding("escape", "back", "actions.key.back", id="actions.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[ActionRow] = []
        """The actions listed, in core's order (the ones to do first, late ones first)."""
        self.mine = False
        """Only the person's own actions."""
        self.open_only = False
        """Closed actions left out."""
        self.read_once = False
        self._wanted: int | None = None
        """An action to put the cursor on at the next read (the one just created)."""

    def compose(self) -> ComposeResult:
        yield StatusLine(id="actions-title")
        yield ActionList(id="actions-list", compact=True)
        yield StatusLine(id="actions-note")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#actions-title", StatusLine).text = tr("actions.title")
        self.query_one("#actions-note", StatusLine).text = tr("actions.loading")

    @property
    def listing(self) -> ActionList:
        return self.query_one(ActionList)

    def load(self) -> None:
        if not self.is_mounted:
            return
        session, mine, open_only = self.session, self.mine, self.open_only

        def read() -> tuple[bool, list[ActionRow]]:
            return session.is_supervisor, list_actions(session, mine=mine, include_closed=not open_only)

        self.ask(
            read,
            self._read,
            failed=lambda error: self.report(error, about="actions.not_loaded"),
            group="load",
            exclusive=True,
        )

    def _read(self, found: tuple[bool, list[ActionRow]]) -> None:
        self.supervisor, self.rows = found
        self.me = self.session.login
        self.read_once = True
        self.show()

    def show(self) -> None:
        session = self.session
        tz = session.policy.calendar.tz
        today = session.now().astimezone(tz).date()
        parts = [
            tr("actions.title"),
            tr("actions.count", count=len(self.rows), late=sum(1 for r in self.rows if r.late)),
        ]
        if self.mine:
            parts.append(tr("actions.filter.mine"))
        if self.open_only:
            parts.append(tr("actions.filter.open"))
        self.query_one("#actions-title", StatusLine).text = "  ".join(parts)
        listing = self.listing
        current = self._wanted or self.current_number()
        self._wanted = None
        listing.clear_options()
        if not self.rows:
            empty = (
                "actions.none.filtered"
                if self.mine or self.open_only
                else ("actions.none.supervisor" if self.supervisor else "actions.none")
            )
            listing.add_option(Option(Content(tr(empty)), disabled=True))
        else:
            listing.add_options(
                [Option(row_lines(r, session.policy, tz, today), id=str(r.number)) for r in self.rows]
            )
            numbers = [r.number for r in self.rows]
            listing.highlighted = numbers.index(current) if current in numbers else 0
        self._show_note()
        self.refresh_bindings()

    def _show_note(self) -> None:
        """Under the list: the highlighted action's problem; for an agent, who does what."""
        row = self.chosen()
        if row is not None:
            text = tr("actions.detail.problem", problem=problem_text(self.session.policy, row))
        else:
            text = "" if self.supervisor else tr("actions.read_only")
        self.query_one("#actions-note", StatusLine).text = text.replace("\n", " ")

    def current_number(self) -> int | None:
        option = self.listing.highlighted_option if self.is_mounted else None
        return int(option.id) if option is not None and option.id else None

    def chosen(self) -> ActionRow | None:
        number = self.current_number()
        return next((r for r in self.rows if r.number == number), None)

    @on(OptionList.OptionHighlighted, "#actions-list")
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        if self.read_once:
            self._show_note()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#actions-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the action: its problem, tickets, calls and timeline."""
        event.stop()
        row = self.chosen()
        if row is not None:
            self.app.push_screen(ActionScreen(row.number))

    def action_mine(self) -> None:
        self.mine = not self.mine
        self.load()

    def action_open_only(self) -> None:
        self.open_only = not self.open_only
        self.load()

    def action_new(self, start: dict[str, str] | None = None) -> None:
        """n: the new-action form (supervisors); start fills it (a report's list of tickets)."""
        session = self.session

        def apply(values: dict[str, str]) -> str:
            title = values["title"]
            number = add_action(
                session,
                title,
                values["department"],
                values["owner"],
                values["due"].strip(),
                values["expect"],
                Problem(
                    values["category"] or None, values["subtag"] or None, values["phrase"].strip() or None
                ),
                refs_typed(values["tickets"]),
            )
            self._wanted = number
            return tr("actions.done.new", number=number, title=title.strip())

        def picked(found: tuple[bool, dict]) -> None:
            supervisor, picks = found
            if not supervisor:
                self.notify(tr("actions.read_only"), severity="warning", markup=False)
                return
            name = "new" if start is None else "new:" + start.get("tickets", "")
            self._form(
                name,
                dict(start or {}),
                lambda values: ActionForm(
                    tr("actions.form.new"), NEW_FIELDS, picks, session.policy, apply, values
                ),
            )

        self.ask(lambda: (session.is_supervisor, pick_lists(session)), picked, group="write")

    def new_from(self, route: NewActionFrom) -> None:
        """The new-action form with a list's tickets (and its problem) filled in."""
        policy = self.session.policy
        category = _known(route.category, policy.categories)
        found = next((c for c in policy.categories if c.id == category), None)
        subtag = _known(route.subtag, found.subtags) if found else None
        self.action_new(
            {
                "category": category or "",
                "subtag": subtag or "",
                "phrase": route.phrase or "",
                "tickets": " ".join(route.refs),
            }
        )


def _known(typed: str | None, labels) -> str | None:
    """A category or sub-tag as the policy names it (its id, or its name in either language)."""
    if not typed:
        return None
    for item in labels:
        if typed in (item.id, item.name("en"), item.name("zh")):
            return item.id
    return None


def row_lines(row: ActionRow, policy, tz, today) -> Content:
    """A3  in progress  LATE  title ...                    due 11-27 18:00
    under it: department · owner · expected figure · tickets · calls 2/3 · 5 4"""
    status = cell(status_words(row.status), 12)
    number = cell(f"A{row.number}", 5)
    late = Content.styled(cell(tr("actions.late"), 5), LATE_STYLE) if row.late else Content(" " * 5)
    due = tr("actions.due", time=floor_time(row.due_at, tz, today))
    first = Content.assemble(
        Content(number + status),
        late,
        Content(cell(row.title, TITLE_CELLS) + " " + due),
    )
    details = [
        label(policy, "department", row.department),
        f"{row.owner_name} ({row.owner})",
        row.expected.say(language()),
        tr("actions.tickets", count=row.tickets),
    ]
    calls = verification_words(row)
    if calls:
        details.append(calls)
    second = Content(cell("     " + " · ".join(details), 76).rstrip())
    if row.status == "closed":
        return Content.assemble(first.stylize(CLOSED_STYLE), "\n", second.stylize(CLOSED_STYLE))
    return Content.assemble(first, "\n", second)


class ActionScreen(ActionKeys):
    """One action: its problem, owner and deadline, the tickets it covers (Enter opens one),
    this round's verification calls and every event of its timeline."""

    AUTO_FOCUS = "#action-lines"
    BINDINGS = [Binding("escape", "back", "actions.key.back", id="action.back")]

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number
        self.detail: ActionDetail | None = None

    def compose(self) -> ComposeResult:
        yield StatusLine(id="action-title")
        yield ActionList(id="action-lines", compact=True)
        yield KeyBar()

    def load(self) -> None:
        if not self.is_mounted:
            return
        session, number = self.session, self.number
        self.ask(
            lambda: (session.is_supervisor, action_detail(session, number)),
            self._read,
            failed=lambda error: self.report(error, about="actions.not_loaded"),
            group="load",
            exclusive=True,
        )

    def _read(self, found: tuple[bool, ActionDetail]) -> None:
        self.supervisor, self.detail = found
        self.me = self.session.login
        self.show()

    def chosen(self) -> ActionRow | None:
        return self.detail.action if self.detail else None

    def show(self) -> None:
        detail = self.detail
        if detail is None:
            return
        row = detail.action
        session = self.session
        tz = session.policy.calendar.tz
        today = session.now().astimezone(tz).date()
        title = tr(
            "actions.detail.title", number=row.number, status=status_words(row.status), title=row.title
        )
        self.query_one("#action-title", StatusLine).text = title
        lines = self.query_one("#action-lines", ActionList)
        kept = lines.highlighted
        lines.clear_options()
        lines.add_options(detail_options(detail, session.policy, tz, today))
        if lines.option_count:
            lines.highlighted = min(kept or 0, lines.option_count - 1)
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#action-lines")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a covered ticket opens it (through the app: tui/routes.py)."""
        event.stop()
        ident = event.option.id or ""
        if ident.startswith("ticket:"):
            self.app.post_message(OpenTicket(ident.removeprefix("ticket:")))


def problem_text(policy, row: ActionRow) -> str:
    parts = []
    if row.category:
        parts.append(label(policy, "category", row.category))
        if row.subtag:
            parts[-1] += " › " + label(policy, "category", row.subtag)
    if row.phrase:
        parts.append(tr("actions.phrase", phrase=row.phrase))
    return " · ".join(parts) or "-"


def detail_options(detail: ActionDetail, policy, tz, today) -> list[Option]:
    """Every line of the detail: what the action is, then its tickets, calls and timeline."""
    row = detail.action
    due = tr("actions.due", time=floor_time(row.due_at, tz, today))
    if row.late:
        due += " " + tr("actions.late")

    def line(text: str, ident: str | None = None, style: str | None = None) -> Option:
        words = Content(text.replace("\n", " "))
        return Option(words.stylize(style) if style else words, id=ident)

    def heading(text: str) -> Option:
        return Option(Content(text).stylize("bold"), disabled=True)

    options = [
        line(tr("actions.detail.problem", problem=problem_text(policy, row))),
        line(
            tr(
                "actions.detail.who",
                department=label(policy, "department", row.department),
                owner=f"{row.owner_name} ({row.owner})",
                due=due,
            ),
            style=LATE_STYLE if row.late else None,
        ),
        line(tr("actions.detail.expected", expected=row.expected.say(language()), round=row.round)),
        heading(tr("actions.detail.tickets", count=len(detail.tickets))),
    ]
    if not detail.tickets:
        options.append(line(tr("actions.detail.no_tickets")))
    for ticket in detail.tickets:
        words = "  ".join(
            (
                cell(ticket.ref, 8),
                cell(ticket.customer, 8),
                cell(tr_status(ticket.status), 10),
                cell(label(policy, "category", ticket.category), 10),
                ticket.description,
            )
        )
        options.append(line("  " + cell(words, 74).rstrip(), ident=f"ticket:{ticket.ref}"))
    ended = sum(1 for c in row.calls if c.status in ENDED)
    options.append(heading(tr("actions.detail.calls", round=row.round, ended=ended, total=len(row.calls))))
    if not row.calls:
        options.append(line(tr("actions.detail.no_calls")))
    for call in row.calls:
        score = tr("actions.detail.score", score=call.overall) if call.overall is not None else ""
        options.append(
            line(
                tr(
                    "actions.detail.call",
                    id=call.callback_id,
                    customer=call.customer_code,
                    status=tr(f"actions.call.{call.status}"),
                    score=score,
                )
            )
        )
    options.append(heading(tr("actions.detail.timeline", count=len(detail.events))))
    options.extend(line(event_line(e, tz, today)) for e in detail.events)
    return options


def tr_status(status: str) -> str:
    return tr(f"status.{status}")


def _shown(key: str, value, tz, today) -> str:
    if value is None or value == "":
        return "-"
    if key == "status":
        return status_words(str(value))
    if key == "due_at" and isinstance(value, str):
        try:
            return floor_time(datetime.fromisoformat(value), tz, today)
        except ValueError:
            return value
    return str(value)


def event_line(event: ActionEventView, tz, today) -> str:
    """When, who, what kind, its words, and each field's before -> after."""
    kind = tr_or_same(f"actions.kind.{event.kind}")
    if kind == f"actions.kind.{event.kind}":
        kind = event.kind  # a kind newer than these words
    parts = [floor_time(event.at, tz, today), event.actor, kind]
    before, after = event.before or {}, event.after or {}
    changes = []
    for key in dict.fromkeys([*before, *after]):
        if key in before:
            changes.append(
                f"{key}: {_shown(key, before[key], tz, today)} → {_shown(key, after.get(key), tz, today)}"
            )
        elif after.get(key) not in (None, ""):
            changes.append(f"{key}: {_shown(key, after[key], tz, today)}")
    if event.text:
        parts.append(event.text)
    if changes:
        parts.append("; ".join(changes))
    return "  ".join(parts)
