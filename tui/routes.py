"""What a screen may ask the app to open. A screen posts one of these to the app and the app
(tui/app.py, the switchboard) builds the screen and opens it, so no screen imports another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.message import Message

from core.report.drill import Line, Period


class Route(Message):
    """A request for another screen; each kind carries what that screen is built from."""


@dataclass
class OpenTicket(Route):
    """The ticket screen for ref."""

    ref: str
    replacing: bool = False
    """True: the ticket takes the asking screen's place (intake after its save), so Esc goes
    back past it; False: it opens over the asking screen."""


@dataclass
class OpenCustomer(Route):
    """The customer screen for the customer with this code."""

    code: str


@dataclass
class OpenIntake(Route):
    """The intake form for a new ticket, with this customer already picked (or none)."""

    customer_code: str | None = None


@dataclass
class OpenCall(Route):
    """The call screen for the callback with this id."""

    callback_id: int


@dataclass
class OpenAgentTickets(Route):
    """The queue, showing the open tickets this agent owns (the floor screen's Enter)."""

    login: str


@dataclass
class OpenReportList(Route):
    """The rows behind one line of the report screen (core.report.drill)."""

    period: Period
    """The week or month of the report."""
    line: Line
    """The line whose rows to list (one with an ask)."""
    as_of: datetime
    """When the line's figure was read: the list is judged as of then."""


@dataclass
class NewActionFrom(Route):
    """The improvement actions screen's new-action form (supervisors), with these tickets
    filled in, and the problem they share when the list knows it (a report line's category
    and sub-tag, or a phrase). category and subtag: the policy's ids (or their names in
    either language); anything the policy does not know is left for the supervisor to pick."""

    refs: tuple[str, ...]
    """The tickets the action covers, e.g. ("T000123", "T000124")."""
    category: str | None = None
    subtag: str | None = None
    phrase: str | None = None


@dataclass
class OpenAction(Route):
    """One improvement action's screen: its problem, tickets, calls and timeline."""

    number: int
