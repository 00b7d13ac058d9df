"""Importing communication records (沟通记录: 沟通时间, 沟通方式, 沟通时长, 沟通人, 客户问题描述,
处理过程, 处理结果, 客户即时反馈) from a CSV or .xlsx file: each row one conversation with a
customer, added to a ticket's timeline as a contact. All rows or none, and only once.

Which ticket a row belongs to:
- its ``ref`` (工单编号), when the file has one: a ticket on file, or a new ticket under that ref;
- without a ref: the customer's ticket about that problem (the same customer and the same
  客户问题描述 in the file make one ticket, under a ref made from them: IMP-1A2B3C4D); a row
  with no problem written continues the customer's previous row in the file;
- the customer comes from the customer columns (core.importing.customer_cells), or from
  ``--customer CODE`` for a form kept per customer, or a 客户编号：C001 field above the table.

A new ticket is opened at its first conversation (received then, answered then: a
conversation is a response), by the agent who held it (沟通人), on the channel it came by
(沟通方式: 电话, 来电, 微信, 面谈 ...), with its tier from 紧急程度 or the description's keywords
and its category from 问题分类. Its last conversation decides what became of it: a 处理结果 that
says it was solved (已解决, 已完成, 问题解决 ...; not 未解决) resolves it then; otherwise it stays
open with that agent, and the summary lists it.

Each conversation is a contact_in (the customer called or came: 来电, 呼入, 来访) or a
contact_out (去电, 呼出, 回访), from a 方向 column or the 沟通方式 word; a plain 电话 is the
customer's (in). Its text keeps every column as written, each under its header, with the
length of the call (沟通时长, also stored in seconds). A ticket already on file gets its
contacts added and its counters moved (inbound contacts, first response), nothing else.
The same conversation (ticket, time, text) on file already is counted unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from peewee import fn

from core.basics import MAX_TEXT, InvalidInput, StorageProblem, require_text
from core.basics.errors import Message
from core.floor import Session, storage_problems
from core.importing.callbacks import parse_day_or_time
from core.importing.columns import CONTACTS
from core.importing.common import BAD, RowCheck, require_supervisor, written
from core.importing.customer_cells import CustomerCells
from core.importing.summary import ImportSummary, table_notes
from core.importing.table import Problem, Row, Table, read_table
from core.importing.ticket_rows import Owners, first_free, import_channel
from core.importing.times import day_order
from core.importing.words import DIRECTIONS, TIERS, choose, duration, lookup, split_category
from core.tickets import check_classification, due_times, event_json, guess_tier, next_due, normalise_ref
from db.bulk import insert_dicts as insert_all
from db.bulk import lookup as lookup_rows
from db.models import Agent, Customer, Ticket, TimelineEvent

TEXT_COLUMNS = ("description", "process", "result", "feedback")
SOLVED = (
    *("已解决", "已完成", "已处理", "已闭环", "解决了", "问题解决", "处理完毕", "完成处理"),
    *("已修复", "已补发", "已退款", "已更换", "resolved", "solved", "fixed", "done"),
)
NOT = re.compile(r"(未|没|没有|尚未|不|无法|待|仍未|还未|not\s)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Conversation:
    line: int
    ticket_key: str
    """The ref of the ticket it belongs to (on file, or to be created)."""
    at: datetime
    kind: str
    """contact_in or contact_out."""
    actor: Agent | None
    text: str
    seconds: int | None
    solved: bool


@dataclass
class NewTicket:
    ref: str
    line: int
    customer_code: str
    fields: dict
    conversations: list[Conversation] = field(default_factory=list)
    """Its rows, once checked; the earliest opens it and the latest says what became of it
    (a file need not be in time order)."""


@dataclass
class _Context:
    session: Session
    table: Table
    order: str | None
    owners: Owners
    customers: CustomerCells
    on_file: dict[str, tuple[int, int, datetime]]
    """Ref -> (ticket id, customer id, received_at) for the refs the file names that are on file."""
    now: datetime = field(init=False)
    new: dict[str, NewTicket] = field(default_factory=dict)
    last_of_customer: dict[str, str] = field(default_factory=dict)
    """Customer code -> the ticket of its latest row so far (a follow-up row with no problem)."""

    def __post_init__(self):
        self.now = self.session.now()


def import_contacts(
    session: Session,
    path,
    encoding: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    ignore: tuple[str, ...] = (),
    customer: str | None = None,
) -> ImportSummary:
    """Add the file's conversations as contacts on tickets; ImportRejected (nothing written) on any
    bad row. customer: the code of the customer the whole file is about (a per-customer form)."""
    require_supervisor(session, "contacts")
    table = read_table(path, CONTACTS, "contacts", encoding, sheet, ignore)
    if customer is not None:
        _whole_file_customer(table, customer)
    with storage_problems():
        return _import(session, table, dry_run)


def _whole_file_customer(table: Table, code: str) -> None:
    code = code.strip()
    if not code:
        raise InvalidInput("customer", "import.customer_option.empty")
    found = Customer.get_or_none(fn.LOWER(Customer.code) == code.casefold())
    if found is None:
        raise InvalidInput("customer", "import.customer_option.unknown", code=code)
    code = found.code
    table.notes.append(Message("import.note.customer", {"code": code}))
    table.headers.setdefault("customer_code", "--customer")
    for row in table.rows:
        if not row.has("customer_code"):
            row.values["customer_code"] = code


def _import(session: Session, table: Table, dry_run: bool) -> ImportSummary:
    refs = {normalise_ref(r.get("ref")) for r in table.rows if r.has("ref")}
    ctx = _Context(
        session=session,
        table=table,
        order=day_order(table.column_values("at")),
        owners=Owners.load(),
        customers=CustomerCells(table),
        on_file=_tickets_on_file(refs),
    )
    conversations, problems = [], list(table.problems)
    for row in sorted(table.rows, key=lambda r: r.line):
        found, row_problems = _check_row(ctx, row)
        problems += row_problems
        if found is not None:
            conversations.append(found)
    if problems:
        raise table.rejected(problems)
    return written(session, lambda: _write(ctx, conversations), dry_run)


def _tickets_on_file(refs) -> dict[str, tuple[int, int, datetime]]:
    found = lookup_rows(Ticket.ref, refs, Ticket.id, Ticket.customer, Ticket.received_at)
    return {ref: (values[0], values[1], values[2]) for ref, values in found.items()}


def _made_ref(ctx: _Context, code: str, description: str) -> str:
    """The ref of the customer's ticket about this problem: made from them, the same on every
    run; one another ticket holds already is passed over (ticket_rows.first_free)."""

    def fits(ref: str) -> bool:
        if ref in ctx.new:
            return ctx.new[ref].customer_code == code and _plain(
                ctx.new[ref].fields["description"]
            ) == _plain(description)
        found = (
            Ticket.select(Ticket.id, Ticket.customer, Ticket.received_at, Ticket.description)
            .where(Ticket.ref == ref)
            .first()
        )
        if found is None:
            return True
        customer = ctx.customers.on_file.get(code)
        if (
            customer is None
            or found.customer_id != customer.id
            or _plain(found.description) != _plain(description)
        ):
            return False
        ctx.on_file[ref] = (found.id, found.customer_id, found.received_at)
        return True

    return first_free(f"contact|{code}|{_plain(description)}", fits)


def _check_row(ctx: _Context, row: Row) -> tuple[Conversation | None, list[Problem]]:
    check = RowCheck(ctx.table, row)
    tz = ctx.session.policy.calendar.tz
    at = check.time("at", parse_day_or_time, tz, ctx.order)
    if at is None:
        check.fail("import.received_at.empty", column=ctx.table.label("at"))
        at = BAD
    elif at is not BAD and at > ctx.now:
        now = f"{ctx.session.policy.calendar.local(ctx.now):%Y-%m-%d %H:%M}"
        check.fail("import.time.future", **check.cell("at"), now=now)
        at = BAD
    code: Any = BAD
    if row.has("customer_code") or row.has("customer_name"):
        code = ctx.customers.check(check, row)
    elif not row.has("ref"):
        check.fail("import.contact.no_ticket")
    for name in TEXT_COLUMNS:
        check(_text, row.get(name), ctx.table.label(name))
    if not any(row.has(n) for n in TEXT_COLUMNS):
        check.fail("import.contact.nothing_said")
    seconds = (
        check(_duration, row.get("duration"), ctx.table.label("duration")) if row.has("duration") else None
    )
    agent = None
    if row.has("agent"):
        agent = check(
            ctx.owners.find, row.get("agent").strip(), ctx.table.label("agent"), "import.agent.unknown"
        )
    kind = check(_kind, row, ctx.table)
    ticket = _ticket(check, ctx, row, code, at, agent)
    if not check.ok or BAD in (at, kind, ticket, seconds, agent):
        return None, check.problems
    conversation = Conversation(
        line=row.line,
        ticket_key=ticket,
        at=at,
        kind=kind,
        actor=agent,
        text=_said(ctx.table, row, seconds),
        seconds=seconds,
        solved=_solved(row.get("result")),
    )
    new = ctx.new.get(ticket)
    if new is not None:
        new.conversations.append(conversation)
    if code is not BAD:
        ctx.last_of_customer[code] = ticket
    return conversation, []


def _ticket(check: RowCheck, ctx: _Context, row: Row, code, at, agent):
    """The ref of the row's ticket, a new one set up in ctx.new when needed; BAD with the problem."""
    label = ctx.table.label
    if row.has("ref"):
        ref = normalise_ref(row.get("ref"))
        if ref in ctx.on_file:
            _, customer_id, received = ctx.on_file[ref]
            on_file = ctx.customers.on_file.get(code) if code is not BAD else None
            if code is not BAD and (on_file is None or on_file.id != customer_id):
                owner = next(
                    (c.code for c in ctx.customers.on_file.values() if c.id == customer_id),
                    "another customer",
                )
                check.fail(
                    "import.contact.ticket_other_customer",
                    column=label("ref"),
                    ref=ref,
                    owner=owner,
                    code=code,
                )
                return BAD
            if at is not BAD and at < received:
                local = f"{ctx.session.policy.calendar.local(received):%Y-%m-%d %H:%M}"
                check.fail("import.time.before_ticket", **check.cell("at"), ref=ref, received=local)
                return BAD
            return ref
        if ref in ctx.new:
            return ref
        if code is BAD:
            if not row.has("customer_code") and not row.has("customer_name"):
                check.fail("import.contact.no_ticket")
            return BAD
        return _open(check, ctx, row, ref, code, at, agent)
    if code is BAD:
        return BAD
    if not row.has("description"):
        previous = ctx.last_of_customer.get(code)
        if previous is None:
            check.fail("import.contact.new_without_description", column=label("customer_code"), value=code)
            return BAD
        return previous
    ref = _made_ref(ctx, code, row.get("description"))
    if ref in ctx.new or ref in ctx.on_file:
        return ref
    return _open(check, ctx, row, ref, code, at, agent)


def _open(check: RowCheck, ctx: _Context, row: Row, ref: str, code: str, at, agent):
    """Set up the ticket a conversation opens (its stamps are settled once all rows are read)."""
    session = ctx.session
    description = check(require_text, row.get("description"), ctx.table.label("description"), MAX_TEXT)
    channel = check(import_channel, session, row.get("method").strip() or "phone", "")
    category, subtag = split_category(row.get("category")) if row.has("category") else (None, None)
    classification = check(check_classification, session, category, subtag)
    tier: Any = BAD
    if row.has("tier"):
        tier = check(choose, row.get("tier"), TIERS, ctx.table.label("tier"), "tier")
        tier = BAD if tier is BAD else (tier, "import")
    elif description is not BAD:
        guess = guess_tier(description, session.policy)
        tier = (guess.tier, guess.source)
    if BAD in (description, channel, classification, tier, at, agent):
        return BAD
    (channel_id, platform), (category_id, subtag_id), (tier_id, tier_source) = channel, classification, tier
    ctx.new[ref] = NewTicket(
        ref=ref,
        line=row.line,
        customer_code=code,
        fields=dict(
            ref=ref,
            channel=channel_id,
            platform=platform,
            category=category_id,
            subtag=subtag_id,
            tier=tier_id,
            tier_source=tier_source,
            description=description,
            mood=None,
            confirmation=None,
            reopened_count=0,
            created_by=session.login,
            row_version=1,
        ),
    )
    return ref


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def _text(value: str, label: str) -> str | None:
    if len(value) > MAX_TEXT:
        raise InvalidInput(label, "input.too_long", length=len(value), most=MAX_TEXT)
    return value.strip() or None


def _duration(value: str, label: str) -> int:
    seconds = duration(value)
    if seconds is None:
        raise InvalidInput(label, "import.duration.invalid", value=value.strip())
    return seconds


def _kind(row: Row, table: Table) -> str:
    """contact_in or contact_out: the 方向 column, else the 沟通方式 word, else in."""
    if row.has("direction"):
        return "contact_" + choose(row.get("direction"), DIRECTIONS, table.label("direction"), "direction")
    return "contact_" + (lookup(row.get("method"), DIRECTIONS) or "in")


def _solved(result: str) -> bool:
    """Whether a 处理结果 says the problem was solved: a solved word not just after a negation."""
    text = unicodedata.normalize("NFKC", result).casefold()
    for word in SOLVED:
        start = text.find(word)
        while start >= 0:
            if not NOT.search(text[:start]) and not text[start:].startswith(("解决中", "处理中")):
                return True
            start = text.find(word, start + 1)
    return False


def _said(table: Table, row: Row, seconds: int | None) -> str:
    """The conversation as the timeline shows it: each column under the file's own header."""
    lines = []
    if row.has("method") or seconds is not None:
        how = [row.get("method").strip()] if row.has("method") else []
        if seconds is not None:
            how.append(f"{table.headers.get('duration', '沟通时长').strip()} {_length(seconds)}")
        lines.append(" · ".join(how))
    for name in TEXT_COLUMNS:
        if row.has(name):
            lines.append(f"{table.headers[name].strip()}：{row.get(name).strip()}")
    return "\n".join(lines)


def _length(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{minutes}分{rest:02d}秒" if minutes else f"{rest}秒"


def _write(ctx: _Context, conversations: list[Conversation]) -> ImportSummary:
    """Inside the write transaction: what is on file now decides what is added."""
    session, now = ctx.session, ctx.session.now()
    taken = set(lookup_rows(Ticket.ref, list(ctx.new)))
    if taken:  # someone opened one of these refs since the check: roll back, try again
        raise StorageProblem("import.ref_taken_meanwhile")
    customer_ids = ctx.customers.write(now)
    tickets = [_ticket_fields(t, customer_ids, session.policy) for t in ctx.new.values()]
    insert_all(Ticket, tickets)
    refs = {c.ticket_key for c in conversations}
    ids = {ref: values[0] for ref, values in lookup_rows(Ticket.ref, refs, Ticket.id).items()}
    on_file_events = set(
        TimelineEvent.select(TimelineEvent.ticket, TimelineEvent.at, TimelineEvent.text)
        .where(
            TimelineEvent.ticket.in_(list(ids.values()))
            & TimelineEvent.kind.in_(("contact_in", "contact_out"))
        )
        .tuples()
    )
    todo = [c for c in conversations if (ids[c.ticket_key], c.at, c.text) not in on_file_events]
    insert_all(
        TimelineEvent,
        [_imported_event(ctx, t, ids[t.ref], now) for t in ctx.new.values()]
        + [
            dict(
                ticket=ids[c.ticket_key],
                at=c.at,
                actor=c.actor.login if c.actor else session.login,
                kind=c.kind,
                text=c.text,
                before=None,
                after=event_json({"imported": ctx.table.at(c.line), "seconds": c.seconds}),
            )
            for c in todo
        ],
    )
    updated = _move_counters(ctx, todo, ids)
    return ImportSummary(
        "contacts",
        created=len(todo),
        unchanged=len(conversations) - len(todo),
        updated=len(updated),
        updates=tuple(updated),
        tickets_created=len(ctx.new),
        tickets_open=tuple(t.ref for t in ctx.new.values() if t.fields["status"] in ("new", "in_progress")),
        **ctx.customers.summary(),
        **table_notes(ctx.table),
    )


def _ticket_fields(ticket: NewTicket, customer_ids: dict[str, int], policy) -> dict:
    """A new ticket's stamps: opened and answered at its first conversation; resolved at its
    last when that one says it was solved, else open with the last agent who held it."""
    first = min(ticket.conversations, key=lambda c: (c.at, c.line))
    last = max(ticket.conversations, key=lambda c: (c.at, c.line))
    if ticket.customer_code not in customer_ids:
        raise StorageProblem("import.customer_vanished")
    solved = last.solved
    owner = last.actor if last.actor is not None and (solved or last.actor.active) else None
    status = "resolved" if solved else "in_progress" if owner else "new"
    resolved_at = last.at if solved else None
    fields = ticket.fields
    response_due, solution_due = due_times(first.at, fields["tier"], policy)
    fields.update(
        customer=customer_ids[ticket.customer_code],
        owner=owner.id if owner else None,
        status=status,
        first_response_at=first.at,
        resolved_at=resolved_at,
        closed_at=None,
        resolution=None,
        inbound_contacts=sum(c.kind == "contact_in" for c in ticket.conversations),
        last_update_at=last.at,
        received_at=first.at,
        response_due_at=response_due,
        solution_due_at=solution_due,
        next_due_at=next_due(status, first.at, response_due, solution_due),
    )
    return fields


def _imported_event(ctx: _Context, ticket: NewTicket, ticket_id: int, now: datetime) -> dict:
    f = ticket.fields
    return dict(
        ticket=ticket_id,
        at=now,
        actor=ctx.session.login,
        kind="imported",
        text=f"imported from {ctx.table.at(ticket.line)}",
        before=None,
        after=event_json(
            {
                k: f[k]
                for k in ("status", "tier", "tier_source", "received_at", "first_response_at", "resolved_at")
            }
        ),
    )


def _move_counters(ctx: _Context, todo: list[Conversation], ids: dict[str, int]) -> list[str]:
    """A ticket on file that got contacts: inbound contacts counted, a first response stamped
    when it had none, row_version moved (what a stale edit was judged on changed)."""
    updated = []
    for ref in sorted({c.ticket_key for c in todo} - set(ctx.new)):
        added = [c for c in todo if c.ticket_key == ref]
        ticket = Ticket.get_by_id(ids[ref])
        ticket.inbound_contacts += sum(c.kind == "contact_in" for c in added)
        if ticket.first_response_at is None:
            ticket.first_response_at = min(c.at for c in added)
            ticket.next_due_at = next_due(
                ticket.status, ticket.first_response_at, ticket.response_due_at, ticket.solution_due_at,
                ticket.paused_at,
            )  # fmt: skip
        ticket.row_version += 1
        ticket.save()
        noun = "contact" if len(added) == 1 else "contacts"
        updated.append(f"{ref}: {len(added)} {noun} added")
    return updated


__all__ = ["import_contacts"]
