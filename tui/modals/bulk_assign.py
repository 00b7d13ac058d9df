"""Moving several tickets at once (a supervisor's): the tickets marked on the queue, or every
open ticket of one agent (the floor screen's "move all of this agent's tickets"), to one person
or spread across the agents online, with one reason (core/tickets/bulk.py).

The agents, who is online and an agent's open tickets are read in a thread when the form
opens; the save runs in a thread too, says "Saving…" while the floor is busy, and then the form
shows what happened: how many moved, to whom, and each ticket skipped with why (changed by
someone else since you looked, no longer open, ...). Enter or Esc closes it. Esc during the
save closes the form at once; the outcome then comes as a notification that stays.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from core.basics import printable, say
from core.tickets.bulk import BulkResult, Candidate, candidates, open_tickets_of, reassign_many
from tui.i18n import bulk as _words  # noqa: F401  (registers the form's words)
from tui.i18n import language, tr
from tui.modals.action import ActionModal
from tui.widgets.find_list import FindList
from tui.widgets.form_row import LabelledField
from tui.widgets.plain_entry import PlainInput

SPREAD = " spread"
"""The pick list's value for "spread across the agents online" (no login has a space)."""

SKIPPED_LISTED = 8
"""Skipped tickets named one by one in the result; the rest are counted."""

REFS_SHOWN = 10
"""Tickets named in the line under the title; the rest are counted."""

Tickets = list[tuple[str, int | None]]
"""(ref, the row_version seen) of each ticket to move."""


def result_words(result: BulkResult) -> tuple[str, str | None]:
    """What a bulk move did, in the reader's language: the counts with each ticket skipped and
    why, and who got how many (None when nothing moved)."""
    moved = len(result.moved)
    if result.skipped:
        items = [
            tr("bulk.skipped.item", ref=ref, why=say(f"ticket.bulk.skipped.{why}", language()))
            for ref, why in result.skipped[:SKIPPED_LISTED]
        ]
        if len(result.skipped) > SKIPPED_LISTED:
            items.append(tr("bulk.skipped.more", n=len(result.skipped) - SKIPPED_LISTED))
        head = tr("bulk.result", moved=moved, skipped=len(result.skipped), items=", ".join(items))
    else:
        head = tr("bulk.result.all", moved=moved)
    given = Counter(owner for _, owner in result.moved)
    who = ", ".join(f"{login} {count}" for login, count in sorted(given.items()))
    return head, tr("bulk.result.moved", items=who) if who else None


class BulkAssignModal(ActionModal):
    """tickets: (ref, the row_version the queue showed) of the marked tickets; or from_login: move
    every open ticket that agent owns (read when the form opens, with their versions). done is
    told the result on the UI thread when the move lands, whether the form is still open or not
    (the queue then unmarks the moved tickets)."""

    BINDINGS = [
        Binding("escape", "cancel", "modal.key.cancel", id="modal.cancel"),
        Binding("enter", "save", "modal.key.save", id="modal.save"),
        # Once the result shows (save and cancel then off), Enter or Esc closes the form.
        Binding("enter,escape", "close", "bulk.key.close", id="bulk.close"),
    ]

    hint = "bulk.hint"

    def __init__(
        self,
        tickets: Sequence[tuple[str, int]] | None = None,
        from_login: str | None = None,
        done: Callable[[BulkResult], object] | None = None,
    ) -> None:
        title = (
            tr("bulk.title.from", login=printable(from_login))
            if from_login
            else tr("bulk.title", count=len(tickets or ()))
        )
        super().__init__(title, self._apply)
        self.from_login = from_login
        self.tickets: Tickets | None = None if from_login else [(ref, v) for ref, v in tickets or ()]
        """What is moved; None while an agent's tickets are being read."""
        self.done = done
        self.finished: BulkResult | None = None
        """The move's result once it landed (the form then shows it and only closes)."""
        self._landed: BulkResult | None = None
        """Set by the save's thread, read on the UI thread once the save is back."""
        self.add_class("-dense")

    def compose_fields(self) -> ComposeResult:
        yield Static(tr("bulk.loading"), id="bulk-what", markup=False)
        yield LabelledField(
            Label(tr("bulk.field.to"), classes="modal-label", markup=False),
            FindList(classes="modal-choices", id="bulk-to"),
        )
        yield LabelledField(
            Label(tr("ticket.field.reason"), classes="modal-label", markup=False),
            PlainInput("", id="field-reason", classes="modal-input", compact=True),
        )
        yield Static("", id="bulk-result", markup=False)

    def on_mount(self) -> None:
        self.query_one("#bulk-result").display = False
        self.query_one(OptionList).focus()
        session, login = self.session, self.from_login
        self.ask(
            lambda: (candidates(session), open_tickets_of(session, login) if login else None),
            self._loaded,
            failed=self._not_loaded,
            group="bulk-load",
        )

    def _loaded(self, found: tuple[list[Candidate], list[tuple[str, int]] | None]) -> None:
        people, theirs = found
        if theirs is not None:
            self.tickets = [(ref, version) for ref, version in theirs]
            self.title_text = tr("bulk.title.from.count", login=printable(self.from_login), count=len(theirs))
            self.query_one(".modal-title", Static).update(Content(self.title_text))
        online = sum(1 for p in people if p.online and p.role == "agent" and p.login != self.from_login)
        options = [Option(tr("bulk.spread", online=online), id=SPREAD)]
        options += [
            Option(
                Content(
                    tr(
                        "bulk.agent.option",
                        name=printable(p.name),
                        login=p.login,
                        role=tr(f"ticket.role.{p.role}"),
                        state=tr("bulk.online" if p.online else "bulk.away"),
                        open=p.open_tickets,
                    )
                ),
                id=p.login,
            )
            for p in people
            if p.login != self.from_login
        ]
        choices = self.query_one(OptionList)
        choices.clear_options()
        choices.add_options(options)
        choices.highlighted = 0
        self._show_what()

    def _not_loaded(self, error) -> None:
        self.report(error)
        self.show_problem(tr("bulk.none", login=printable(self.from_login)) if self.from_login else "")
        self.tickets = self.tickets if self.tickets is not None else []
        self._show_what()

    def _show_what(self) -> None:
        """The line under the title: the tickets by ref (the first few), or that there are none."""
        tickets = self.tickets or []
        if not tickets:
            text = tr("bulk.none", login=printable(self.from_login or ""))
        else:
            refs = [ref for ref, _ in tickets[:REFS_SHOWN]]
            if len(tickets) > REFS_SHOWN:
                refs.append(tr("bulk.skipped.more", n=len(tickets) - REFS_SHOWN))
            text = ", ".join(refs)
        self.query_one("#bulk-what", Static).update(text)

    # the form --------------------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        option = self.query_one(OptionList).highlighted_option
        return {"choice": (option.id or "") if option else "", "reason": self.field("reason").value}

    def field(self, key: str) -> PlainInput:
        return self.query_one(f"#field-{key}", PlainInput)

    def missing(self) -> tuple[str, Widget] | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id:
            return tr("bulk.field.to"), self.query_one(OptionList)
        if not self.field("reason").value.strip():
            return tr("ticket.field.reason"), self.field("reason")
        return None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on the list: to the reason if it is empty, else save."""
        event.stop()
        gap = self.missing()
        if gap is not None:
            gap[1].focus()
        else:
            self.action_save()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "cancel"):
            return self.finished is None
        if action == "close":
            return self.finished is not None
        return True

    def action_save(self) -> None:
        if self.finished is not None:
            self.action_close()
            return
        if self.tickets is None:
            self.show_problem(tr("bulk.still_loading"))
            return
        if not self.tickets:
            self.show_problem(tr("bulk.none", login=printable(self.from_login or "")))
            return
        super().action_save()

    def _apply(self, values: dict[str, str]) -> str:
        """In the save's thread: the move, then its words."""
        choice, tickets = values["choice"], list(self.tickets or [])
        spread = choice == SPREAD
        result = reassign_many(
            self.session, tickets, values["reason"], to_login=None if spread else choice, spread=spread
        )
        self._landed = result
        return " ".join(part for part in result_words(result) if part)

    def _saved(self, values: dict[str, str], message: str | None) -> None:
        self.saving = self.saving_since = None
        result = self._landed
        if result is not None and self.done is not None:
            self.done(result)
        if self.closed:  # Esc during the save: the outcome is said where it stays long enough
            self.app.notify(tr("bulk.done.late", message=message or ""), timeout=30, markup=False)
            return
        self.finished = result
        self.set_class(False, "-saving")
        for part in self.query(LabelledField):
            part.display = False
        self.query_one("#bulk-what").display = False
        head, who = result_words(result) if result is not None else (message or "", None)
        shown = self.query_one("#bulk-result", Static)
        shown.update("\n".join(part for part in (head, who) if part))
        shown.display = True
        marked = self.from_login is None  # the queue's marks; an agent's tickets were never marked
        hint = (
            "bulk.result.hint" if marked and result is not None and result.skipped else "bulk.result.hint.all"
        )
        self.query_one(".modal-hint", Static).update(tr(hint))
        self.show_problem("")
        self.set_focus(None)
        self.refresh_bindings()

    def action_close(self) -> None:
        self.dismiss(None)
