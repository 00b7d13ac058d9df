"""Checking one ticket row of an import and deriving the ticket's fields from it.

Text, channel, classification and tier go through the same helpers as intake, so a row is
refused with the words a typed ticket would be. Rules that only an import has:

- a channel that needs a platform (social media) with no ``platform`` cell gets the platform
  "unknown (import)" instead of refusing the row: old records rarely say which platform;
- a customer code not on file is added from ``customer_name`` (then required) and ``phone``;
  a customer already on file is used as it is (import the customer list to change it);
- ``owner`` is an agent's login, or a display name that only one agent has; an agent who
  is no longer active may own resolved and closed history, not open work;
- stamps must follow received_at, none may be in the future, closing needs resolving, and
  a first response cannot come after the resolution;
- status is derived: closed if closed_at, resolved if resolved_at, in_progress if owned, else new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from core.basics import MAX_TEXT, MOOD_WORDS, TIER_WORDS, InvalidInput, pick_word, require_text
from core.customers import CustomerForm, check_code, validated
from core.floor import Session
from core.importing.common import BAD, RowCheck, text_or_none
from core.importing.csvfile import Problem, Row, Table
from core.importing.times import parse_datetime
from core.tickets import check_channel, check_classification, due_times, guess_tier, next_due, normalise_ref
from db.models import Agent

UNKNOWN_PLATFORM = "unknown (import)"
STAMPS = ("first_response_at", "resolved_at", "closed_at")
_REF = re.compile(r"[^\s\x00-\x1f\x7f]{1,32}")
_YES = {"1", "是", "y", "yes", "true", "重开"}
_NO = {"0", "否", "n", "no", "false"}


@dataclass
class Owners:
    """The floor's agents, found by login or by a display name only one of them has."""

    by_login: dict[str, Agent]
    by_name: dict[str, list[Agent]]

    @classmethod
    def load(cls) -> Owners:
        agents = list(Agent.select())
        by_name: dict[str, list[Agent]] = {}
        for agent in agents:
            by_name.setdefault(agent.display_name.strip(), []).append(agent)
        return cls({a.login: a for a in agents}, by_name)

    def find(self, written: str) -> Agent:
        agent = self.by_login.get(written) or next(
            (a for login, a in self.by_login.items() if login.lower() == written.lower()), None
        )
        if agent is not None:
            return agent
        named = self.by_name.get(written, [])
        if len(named) == 1:
            return named[0]
        if named:
            logins = ", ".join(a.login for a in named)
            raise InvalidInput(
                "owner", "import.name.ambiguous", value=written, count=len(named), logins=logins
            )
        raise InvalidInput("owner", "import.owner.unknown", value=written)


@dataclass
class Context:
    """What every row of one ticket file is checked against."""

    session: Session
    table: Table
    order: str | None
    """The file's day/month order (core.importing.times.day_order)."""
    owners: Owners
    customers_on_file: set[str]
    now: datetime = field(init=False)
    new_customers: dict[str, dict] = field(default_factory=dict)
    """Customer code -> model values, for codes not on file, from their first row naming them."""
    first_line: dict[str, int] = field(default_factory=dict)
    """Ref -> the line that has it, to refuse a ref used twice in the file."""

    def __post_init__(self):
        self.now = self.session.now()


@dataclass(frozen=True)
class ImportedTicket:
    line: int
    ref: str
    customer_code: str
    fields: dict
    """Ticket model values, without the customer id (known only when written)."""


def check_row(ctx: Context, row: Row) -> tuple[ImportedTicket | None, list[Problem]]:
    """The ticket a row describes, or None and every problem the row has."""
    check = RowCheck(ctx.table, row)
    ref = _ref(check, ctx, row)
    when = _stamps(check, ctx)
    code = _customer(check, ctx, row)
    description = check(
        require_text,
        row.get("description"),
        "description",
        MAX_TEXT,
        "ticket.description.hint",  # refused with the words a typed ticket's description is
    )
    channel = check(_channel, ctx.session, row.get("channel"), row.get("platform"))
    classification = check(
        check_classification, ctx.session, text_or_none(row.get("category")), text_or_none(row.get("subtag"))
    )
    mood = check(pick_word, row.get("mood"), MOOD_WORDS, "mood") if row.has("mood") else None
    tier = _tier(check, ctx, row, description)
    owner = check(ctx.owners.find, row.get("owner").strip()) if row.has("owner") else None
    reopened = check(_yes_no, row.get("reopened"), ctx.table.label("reopened"))
    contacts = check(_count, row.get("customer_contacts"), ctx.table.label("customer_contacts"))
    if not check.ok:
        return None, check.problems
    status = (
        "closed"
        if when["closed_at"]
        else "resolved"
        if when["resolved_at"]
        else "in_progress"
        if owner
        else "new"
    )
    if owner is not None and not owner.active and status in ("new", "in_progress"):
        check.fail("import.owner.inactive", login=owner.login)
        return None, check.problems
    (tier, tier_source), (channel, platform), (category, subtag) = tier, channel, classification
    response_due, solution_due = due_times(when["received_at"], tier, ctx.session.policy)
    fields = dict(
        ref=ref,
        channel=channel,
        platform=platform,
        received_at=when["received_at"],
        category=category,
        subtag=subtag,
        tier=tier,
        tier_source=tier_source,
        description=description,
        mood=mood,
        owner=owner.id if owner else None,
        status=status,
        response_due_at=response_due,
        solution_due_at=solution_due,
        first_response_at=when["first_response_at"],
        resolved_at=when["resolved_at"],
        closed_at=when["closed_at"],
        resolution=None,
        confirmation=None,
        reopened_count=1 if reopened else 0,
        inbound_contacts=contacts,
        created_by=ctx.session.login,
        last_update_at=when["first_response_at"],
        row_version=1,
        next_due_at=next_due(status, when["first_response_at"], response_due, solution_due),
    )
    return ImportedTicket(row.line, ref, code, fields), []


def history(ticket: ImportedTicket, owner_login: str | None) -> dict:
    """The imported stamps, as the "imported" timeline event's after."""
    f = ticket.fields
    return {
        "status": f["status"],
        "owner": owner_login,
        "tier": f["tier"],
        "tier_source": f["tier_source"],
        "received_at": f["received_at"],
        "first_response_at": f["first_response_at"],
        "resolved_at": f["resolved_at"],
        "closed_at": f["closed_at"],
        "response_due_at": f["response_due_at"],
        "solution_due_at": f["solution_due_at"],
        "reopened_count": f["reopened_count"],
        "inbound_contacts": f["inbound_contacts"],
    }


def _ref(check: RowCheck, ctx: Context, row: Row):
    written = row.get("ref").strip()
    ref = normalise_ref(written)
    if not _REF.fullmatch(ref):
        if written:
            check.fail("import.ref.invalid", value=written)
        else:
            check.fail("import.ref.empty")
        return BAD
    if ref in ctx.first_line:
        check.fail("import.ref.twice", ref=ref, line=ctx.first_line[ref])
        return BAD
    ctx.first_line[ref] = row.line
    return ref


def _stamps(check: RowCheck, ctx: Context) -> dict:
    """received_at and the history stamps, checked for order; BAD values stay BAD."""
    tz = ctx.session.policy.calendar.tz
    when = {name: check.time(name, parse_datetime, tz, ctx.order) for name in ("received_at", *STAMPS)}
    received = when["received_at"]
    if received is None:
        check.fail("import.received_at.empty", column=ctx.table.label("received_at"))
    for name, at in when.items():
        if at is None or at is BAD:
            continue
        if at > ctx.now:
            now_local = ctx.session.policy.calendar.local(ctx.now).strftime("%Y-%m-%d %H:%M")
            check.fail("import.time.future", **check.cell(name), now=now_local)
        elif name != "received_at" and received not in (None, BAD) and at < received:
            check.fail("import.time.before", **check.cell(name), **check.other_cell("received_at"))
    first, resolved, closed = (when[n] for n in STAMPS)
    if closed not in (None, BAD) and resolved is None:
        check.fail("import.closed_at.not_resolved", **check.cell("closed_at"))
    if BAD not in (closed, resolved) and None not in (closed, resolved) and closed < resolved:
        check.fail("import.time.before", **check.cell("closed_at"), **check.other_cell("resolved_at"))
    if BAD not in (first, resolved) and None not in (first, resolved) and first > resolved:
        check.fail("import.time.after", **check.cell("first_response_at"), **check.other_cell("resolved_at"))
    return when


def _customer(check: RowCheck, ctx: Context, row: Row):
    code = check(check_code, row.get("customer_code"))
    if code is BAD or code in ctx.customers_on_file or code in ctx.new_customers:
        return code  # on file, or added by an earlier row: this row's name and phone are not used
    if not row.has("customer_name"):
        check.fail("import.customer.new_without_name", value=code)
        return BAD
    values = check(
        validated,
        CustomerForm(code=code, name=row.get("customer_name"), phone=text_or_none(row.get("phone"))),
    )
    if values is BAD:
        return BAD
    ctx.new_customers[code] = values
    return code


def _channel(session: Session, channel: str, platform: str) -> tuple[str, str | None]:
    try:
        return check_channel(session, channel, platform)
    except InvalidInput as exc:
        if exc.field != "platform" or platform.strip():
            raise
    return check_channel(session, channel, UNKNOWN_PLATFORM)


def _tier(check: RowCheck, ctx: Context, row: Row, description):
    if row.has("tier"):
        tier = check(pick_word, row.get("tier"), TIER_WORDS, "tier")
        return BAD if tier is BAD else (tier, "import")
    if description is BAD:
        return BAD
    guess = guess_tier(description, ctx.session.policy)
    return guess.tier, guess.source


def _yes_no(value: str, label: str) -> bool:
    word = value.strip().lower()
    if not word or word in _NO:
        return False
    if word in _YES:
        return True
    raise InvalidInput(label, "import.reopened.not_yes_no", value=value.strip())


MAX_CONTACTS = 100_000


def _count(value: str, label: str) -> int:
    text = value.strip()
    if not text:
        return 0
    if not text.isascii() or not text.isdigit():
        raise InvalidInput(label, "import.contacts.not_count", value=text)
    if int(text) > MAX_CONTACTS:
        raise InvalidInput(label, "import.contacts.too_many", value=text, most=MAX_CONTACTS)
    return int(text)
