"""The customer view: who they are (phone masked), their tickets newest first, their callbacks.

Enter on a ticket opens it; n takes a new ticket for this customer; Esc goes back. The view is
read in a thread (tui/base/asking.py): keys work while the floor is slow.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from core.basics import CallfloorError, CustomerView, printable
from core.customers import (
    CustomerCallbacks,
    CustomerTicket,
    customer_callbacks,
    customer_history,
    customer_ticket_count,
    get_customer,
)
from core.floor import Changes
from tui.base.screen import FloorScreen
from tui.i18n import customer as _words  # noqa: F401  (registers the customer words)
from tui.i18n import language, tr
from tui.labels import label
from tui.routes import OpenIntake, OpenTicket
from tui.text.cells import cell
from tui.widgets.customer_card import history_line, score_text

SHOWN_TICKETS = 200
"""The newest tickets listed; the heading says how many there are in all."""
LABEL_WIDTH = 11


class TicketHistory(OptionList):
    """The customer's tickets, one line each; Enter opens the ticket."""

    BINDINGS = [
        Binding("enter", "select", "customer.key.open", id="customer.open"),
        Binding("j", "cursor_down", "customer.key.down", show=False, id="customer.down"),
        Binding("k", "cursor_up", "customer.key.up", show=False, id="customer.up"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is offered on a ticket: with none listed there is nothing to open."""
        if action == "select":
            return self.highlighted is not None
        return True


def _value(text: str | None) -> str:
    flat = printable(text or "").replace("\n", " ").replace("\t", " ")
    return flat or "-"


def details(customer: CustomerView) -> Text:
    """Name, short name, contact, masked phone, type, industry, delivery date; two columns."""

    def pair(key: str, value: str, width: int | None = None) -> str:
        shown = f"{cell(tr(key), LABEL_WIDTH)} {value}"
        return cell(shown, width) if width else shown

    delivered = customer.delivery_date.isoformat() if customer.delivery_date else "-"
    lines = [
        pair("customer.field.name", _value(customer.name)),
        pair("customer.field.short_name", _value(customer.short_name), 38)
        + pair("customer.field.contact", _value(customer.contact_person)),
        pair("customer.field.phone", customer.phone_masked or "-", 38)
        + pair("customer.field.type", tr(f"customer.type.{customer.type}")),
        pair("customer.field.industry", _value(customer.industry), 38)
        + pair("customer.field.delivery", delivered),
    ]
    return Text("\n".join(lines))


def callbacks_text(callbacks: CustomerCallbacks) -> str:
    """Callbacks: 7 (5 done, 1 open, 1 unreachable): every status the customer has, or
    "none yet"."""
    if not callbacks.count:
        return tr("customer.callbacks.none")
    by_status = (
        ("done", callbacks.done),
        ("open", callbacks.open),
        ("unreachable", callbacks.unreachable),
        ("refused", callbacks.refused),
    )
    parts = tr("customer.callbacks.separator").join(
        tr(f"customer.callbacks.{status}", count=n) for status, n in by_status if n
    )
    return tr("customer.callbacks", count=callbacks.count, parts=parts)


class CustomerScreen(FloorScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "customer.key.back", id="customer.back"),
        Binding("n", "new_ticket", "customer.key.new_ticket", id="customer.new_ticket"),
    ]

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        """The customer shown."""
        self.customer: CustomerView | None = None
        self.tickets: list[CustomerTicket] = []
        """The tickets listed, in the order shown (newest first)."""
        self.callbacks: CustomerCallbacks | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(tr("customer.title", code=printable(self.code))), id="customer-title")
        yield Static("", id="customer-details")
        yield Static("", id="customer-tickets-title")
        yield TicketHistory(id="customer-tickets", compact=True)
        yield Static("", id="customer-callbacks")
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one(TicketHistory).focus()

    def on_screen_resume(self) -> None:
        # Back from a ticket: its status may have moved.
        if self.customer is not None:
            self.load()

    def cares_about(self, changes: Changes) -> bool:
        """Read again for a change of a customer, a ticket or a callback (what this view
        shows); not for notes, handoffs or the rest of the floor's setup."""
        return changes.any_of("customer", "ticket", "callback")

    def floor_changed(self) -> None:
        if self.in_view:
            self.load()

    def load(self) -> None:
        """Read the customer, their newest tickets and their callbacks (in a thread) and show
        them; when they cannot be read, the screen says why."""
        code, session = self.code, self.session

        def read() -> tuple[CustomerView, list[CustomerTicket], int, CustomerCallbacks]:
            return (
                get_customer(session, code),
                customer_history(session, code, limit=SHOWN_TICKETS),
                customer_ticket_count(session, code),
                customer_callbacks(session, code),
            )

        def show(found: tuple[CustomerView, list[CustomerTicket], int, CustomerCallbacks]) -> None:
            self._show(*found)

        self.ask(read, show, failed=self._unreadable, group="load", exclusive=True)

    def _unreadable(self, error: CallfloorError) -> None:
        self.report(error)
        self.query_one("#customer-details", Static).update(Text(error.say(language())))

    def _show(
        self,
        customer: CustomerView,
        tickets: list[CustomerTicket],
        count: int,
        callbacks: CustomerCallbacks,
    ) -> None:
        offered = (self.customer is not None, bool(self.tickets))
        self.customer, self.tickets = customer, tickets
        title = Text(tr("customer.title", code=printable(customer.code)) + "  ")
        title.append(printable(customer.short_name or customer.name), style="bold")
        self.query_one("#customer-title", Static).update(title)
        self.query_one("#customer-details", Static).update(details(customer))
        heading = (
            tr("customer.tickets.none")
            if not count
            else tr("customer.tickets", count=count)
            if count <= len(tickets)
            else tr("customer.tickets.shown", shown=len(tickets), count=count)
        )
        self.query_one("#customer-tickets-title", Static).update(Text(heading))
        history = self.query_one(TicketHistory)
        keep = history.highlighted
        history.clear_options()
        local = self.session.policy.calendar.local
        history.add_options([Option(history_line(t, local, self._label), id=t.ref) for t in tickets])
        if tickets:
            history.highlighted = min(keep or 0, len(tickets) - 1)
        history.display = bool(tickets)
        if offered != (True, bool(tickets)):
            self.refresh_bindings()  # n once the customer is known, Enter while a ticket is listed
        self.callbacks = callbacks
        self._show_callbacks()

    def _show_callbacks(self) -> None:
        """Callbacks: 7 (6 done, 1 open)    Last callback score: 4 on one line; the score on a
        line of its own when both do not fit the width (never cut off)."""
        if self.callbacks is None:
            return
        counts, score = callbacks_text(self.callbacks), score_text(self.callbacks.last_score)
        line = f"{counts}    {score}"
        fits = cell_len(line) <= self.size.width - 2  # the line's padding: one column each side
        self.query_one("#customer-callbacks", Static).update(Text(line if fits else f"{counts}\n{score}"))

    def on_resize(self) -> None:
        self._show_callbacks()

    def _label(self, kind: str, ident: str) -> str:
        return label(self.session.policy, kind, ident)

    @on(OptionList.OptionSelected, "#customer-tickets")
    def _open(self, event: OptionList.OptionSelected) -> None:
        ref = event.option.id  # each row's id is its ticket's ref (history above)
        if ref is not None:
            self.app.post_message(OpenTicket(ref))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A new ticket is offered for a customer that was read: intake refuses an unknown one
        at the save, after the whole form was typed."""
        if action == "new_ticket":
            return self.customer is not None
        return True

    def action_new_ticket(self) -> None:
        if self.customer is None:
            return
        self.app.post_message(OpenIntake(self.customer.code))
