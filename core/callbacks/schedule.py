"""Scheduling callbacks from the policy's rules (the groups table of docs/floor.md; the windows themselves are
core.callbacks.rules). Each rule firing has a key naming the rule and what fired it, unique in
the database, and the whole run is one write transaction, so running it twice, or from two
processes at once, never makes a second callback for the same firing.

What fires a rule (only firings within the policy's look_back are considered):
- resolved   a ticket resolved (or closed); key resolved:REF:N (N = times reopened, so a
             ticket resolved again after a reopen gets a new callback); not when a callback
             was already done after the resolution (an imported survey, say)
- complaint  the same, for a ticket whose description holds a complaint word, instead of
             the resolved callback; key complaint:REF:N
- new_customer  a new customer's delivery date; key new_customer:CODE
- churn_risk    a customer flagged as a churn risk, once a quarter (or half); key churn_risk:CODE:2026-Q4
- long_standing a customer known longer than long_standing_after (not flagged churn risk),
                once a quarter (or half); key long_standing:CODE:2026-Q4
- improvement_verify  an improvement recorded on a ticket; key improvement_verify:EVENT_ID
The low-score follow-up is created by the call or import that saved the score (core.callbacks.low_scores).
A customer's preferred call time moves each window's start into it (core.callbacks.rules).
A stored date outside the floor's range (core.basics.validate.date_problem, e.g. a 9999-12-30 typed
before that was refused) is skipped with a warning in the result's .skipped, never a crash:
one bad record must not stop the whole floor's callbacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import fn

from core.basics import date_problem, require_text
from core.callbacks.one_call import MOST_GAPS, ROUTINE_GROUPS, after_gap, is_routine, joined
from core.callbacks.rules import (
    Window,
    complaint_window,
    improvement_window,
    is_complaint,
    new_customer_window,
    period_of,
    resolved_window,
    respect_preferred,
)
from core.customers.call_time import kept_call_time
from core.customers.records import NOT_RECORDED
from core.floor import Session
from core.tickets import timeline
from core.tickets.lifecycle import load, require_owner_or_supervisor
from db.models import Callback, CallbackPurpose, Customer, Ticket, TimelineEvent
from db.rows import as_tuples

IMPROVEMENT_KIND = "improvement"


@dataclass(frozen=True)
class Scheduled:
    id: int
    key: str
    group: str
    customer_code: str
    ticket_ref: str | None
    due_from: datetime
    due_by: datetime
    reason: str
    joined: int | None = None
    """The open callback this reason joined (one call, not five), or None: a callback of its own."""


class Booked(list):
    """What a run created (a list of Scheduled, as it always was), and the warnings about
    records it had to skip."""

    def __init__(self, created=(), skipped=()):
        super().__init__(created)
        self.skipped: list[str] = list(skipped)
        """One line per skipped record: which record, what is wrong, how to fix it."""


def _unusable(skipped: list[str], what: str, value, fix: str) -> bool:
    """True (and a warning kept) when a stored date is outside the floor's range."""
    problem = date_problem(value) if value is not None else None
    if problem is None:
        return False
    skipped.append(f"{what}: {problem}: {fix}; its callback is skipped until then")
    return True


@dataclass(frozen=True)
class Firing:
    key: str
    group: str
    customer: Customer
    ticket: Ticket | None
    window: Window
    reason: str


def _preferred(customer: Customer):
    return kept_call_time(customer.preferred_call_time)


def _resolved(session: Session, since: datetime, skipped: list[str]):
    rules, cal = session.policy.callbacks, session.policy.calendar
    query = (
        Ticket.select(Ticket, Customer)
        .join(Customer)
        .where(Ticket.status.in_(("resolved", "closed")) & (Ticket.resolved_at >= since))
    )
    # A callback already made after the resolution (e.g. imported survey records) covers it.
    last_done = (
        Callback.select(Callback.ticket, fn.MAX(Callback.completed_at))
        .where(
            (Callback.status == "done") & (Callback.completed_at >= since) & Callback.ticket.is_null(False)
        )
        .group_by(Callback.ticket)
    )
    called: dict[int, datetime] = dict(as_tuples(last_done))
    for ticket in query:
        if _unusable(
            skipped, f"ticket {ticket.ref} resolved_at", ticket.resolved_at, "correct the ticket's record"
        ):
            continue
        if ticket.id in called and called[ticket.id] > ticket.resolved_at:  # after it, not at once
            continue
        if is_complaint(ticket.description, rules):
            group, window = "complaint", complaint_window(ticket.resolved_at, cal, rules)
        else:
            group, window = "resolved", resolved_window(ticket.resolved_at, cal, rules)
        yield Firing(
            f"{group}:{ticket.ref}:{ticket.reopened_count}",
            group,
            ticket.customer,
            ticket,
            window,
            f"{ticket.ref} resolved {cal.local(ticket.resolved_at):%Y-%m-%d %H:%M}",
        )


def _new_customers(session: Session, since: datetime, skipped: list[str]):
    rules, cal = session.policy.callbacks, session.policy.calendar
    first_day = cal.local(since).date()
    query = Customer.select().where(
        (Customer.type == "new")
        & Customer.delivery_date.is_null(False)
        & (Customer.delivery_date >= first_day)
    )
    for customer in query:
        delivered = customer.delivery_date
        if delivered is None or _unusable(  # the query leaves out a customer without a delivery date
            skipped,
            f"customer {customer.code} delivery date",
            delivered,
            f"callfloor customer set {customer.code} --delivery YYYY-MM-DD, or --delivery '' to clear it",
        ):
            continue
        yield Firing(
            f"new_customer:{customer.code}",
            "new_customer",
            customer,
            None,
            new_customer_window(delivered, cal, rules),
            f"delivered {delivered:%Y-%m-%d}",
        )


def _periodic(session: Session, now: datetime, skipped: list[str]):
    rules, cal = session.policy.callbacks, session.policy.calendar
    churn_label, churn_window = period_of(now, cal, rules.churn_every)
    for customer in Customer.select().where(Customer.churn_risk == True):  # noqa: E712
        yield Firing(
            f"churn_risk:{customer.code}:{churn_label}",
            "churn_risk",
            customer,
            None,
            churn_window,
            f"churn risk, {churn_label}",
        )
    long_label, long_window = period_of(now, cal, rules.long_standing_every)
    known_since = now - rules.long_standing_after
    query = Customer.select().where((Customer.churn_risk == False) & (Customer.created_at <= known_since))  # noqa: E712
    for customer in query:
        if _unusable(
            skipped,
            f"customer {customer.code} created_at",
            customer.created_at,
            "correct the customer's record",
        ):
            continue
        yield Firing(
            f"long_standing:{customer.code}:{long_label}",
            "long_standing",
            customer,
            None,
            long_window,
            f"customer since {cal.local(customer.created_at):%Y-%m-%d}, {long_label}",
        )


def _improvements(session: Session, since: datetime, skipped: list[str]):
    rules, cal = session.policy.callbacks, session.policy.calendar
    query = (
        TimelineEvent.select(TimelineEvent, Ticket, Customer)
        .join(Ticket)
        .join(Customer)
        .where((TimelineEvent.kind == IMPROVEMENT_KIND) & (TimelineEvent.at >= since))
    )
    for event in query:
        ticket = event.ticket
        if _unusable(
            skipped, f"ticket {ticket.ref} improvement event {event.id}", event.at, "correct the event's time"
        ):
            continue
        yield Firing(
            f"improvement_verify:{event.id}",
            "improvement_verify",
            ticket.customer,
            ticket,
            improvement_window(event.at, cal, rules),
            f"{ticket.ref}: "
            f"{(event.text or '').splitlines()[0][:200] if event.text else 'improvement shipped'}",
        )


def _keys_booked(keys: list[str]) -> set[str]:
    """The firings already booked, as a callback's own key or as a purpose that joined one."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(k for (k,) in as_tuples(Callback.select(Callback.key).where(Callback.key.in_(chunk))))
        found.update(
            k
            for (k,) in as_tuples(
                CallbackPurpose.select(CallbackPurpose.key).where(CallbackPurpose.key.in_(chunk))
            )
        )
    return found


def _per_customer(query) -> dict[int, tuple]:
    """customer id -> the first row of the query for that customer."""
    found: dict[int, tuple] = {}
    for customer, *rest in as_tuples(query):
        found.setdefault(customer, tuple(rest))
    return found


def _one_call_state(customers: list[int], since: datetime):
    """Per customer: the open routine callback (id, due_from, due_by, priority) and the last done call."""
    open_routine: dict[int, tuple] = {}
    last_done: dict[int, datetime] = {}
    for start in range(0, len(customers), 500):
        chunk = customers[start : start + 500]
        open_routine.update(
            _per_customer(
                Callback.select(
                    Callback.customer, Callback.id, Callback.due_from, Callback.due_by, Callback.created_at
                )
                .where(
                    (Callback.status == "open")
                    & Callback.group.in_(ROUTINE_GROUPS)
                    & Callback.customer.in_(chunk)
                )
                .order_by(Callback.id)
            )
        )
        done = (
            Callback.select(Callback.customer, fn.MAX(Callback.completed_at))
            .where(
                (Callback.status == "done") & (Callback.completed_at >= since) & Callback.customer.in_(chunk)
            )
            .group_by(Callback.customer)
        )
        last_done.update({customer: at for customer, at in as_tuples(done) if at is not None})
    return open_routine, last_done


def schedule_callbacks(session: Session) -> Booked:
    """Create the callbacks the rules call for that do not exist yet; returns those created and
    those that joined an open callback (and, in .skipped, a warning for each record whose stored
    date could not be used). One call, not five (core.callbacks.one_call): a routine reason joins
    the customer's open routine callback, and a new one waits out the gap after the last done call."""
    now = session.now()
    since = now - session.policy.callbacks.look_back
    skipped: list[str] = []
    with session.writing():
        firings = [
            *_resolved(session, since, skipped),
            *_new_customers(session, since, skipped),
            *_periodic(session, now, skipped),
            *_improvements(session, since, skipped),
        ]
        # history a file gave no customer for (core.importing) has nobody to call
        firings = [f for f in firings if f.customer.code != NOT_RECORDED]
        created = book_firings(session, firings, now)
    return Booked(created, skipped)


def book_firings(session: Session, firings: list[Firing], now: datetime) -> list[Scheduled]:
    """Inside a write transaction: book each firing not booked yet, a routine one joined to the
    customer's open routine callback (one call, not five) or waiting out the gap after the last
    done call. Returns what was created or joined."""
    actor = session.agent
    rules, cal = session.policy.callbacks, session.policy.calendar
    created: list[Scheduled] = []
    existing = _keys_booked([f.key for f in firings])
    todo = [f for f in firings if f.key not in existing]
    routine_customers = sorted({f.customer.id for f in todo if is_routine(f.group)})
    open_routine, last_done = _one_call_state(routine_customers, now - rules.gap)
    for firing in todo:
        preferred = _preferred(firing.customer)
        window = respect_preferred(firing.window, preferred, cal)
        customer = firing.customer.id
        routine = is_routine(firing.group)
        done_at = last_done.get(customer) if routine else None
        gap_end = done_at + rules.gap if done_at is not None else None
        if routine and customer in open_routine:
            number, due_from, due_by, booked_at = open_routine[customer]
            if gap_end is not None:  # the call waits two gaps at most, as a done call moves it
                gap_end = min(gap_end, booked_at + MOST_GAPS * rules.gap)
            merged = respect_preferred(joined(Window(due_from, due_by), window, gap_end, cal), preferred, cal)
            CallbackPurpose.create(
                callback=number,
                key=firing.key,
                group=firing.group,
                ticket=firing.ticket.id if firing.ticket else None,
                reason=firing.reason,
                added_at=now,
            )
            Callback.update(
                due_from=merged.due_from, due_by=merged.due_by, row_version=Callback.row_version + 1
            ).where(Callback.id == number).execute()
            open_routine[customer] = (number, merged.due_from, merged.due_by, booked_at)
            created.append(_scheduled(number, firing, merged, joined_to=number))
            continue
        if routine:  # the week's wait first, then the customer's hours inside it
            window = respect_preferred(after_gap(window, done_at, rules.gap, cal), preferred, cal)
        row = Callback.create(
            key=firing.key,
            group=firing.group,
            customer=customer,
            ticket=firing.ticket.id if firing.ticket else None,
            reason=firing.reason,
            due_from=window.due_from,
            due_by=window.due_by,
            created_at=now,
            created_by=actor.login,
        )
        if routine:
            open_routine[customer] = (row.id, window.due_from, window.due_by, now)
        created.append(_scheduled(row.id, firing, window))
    return created


def _scheduled(number: int, firing: Firing, window: Window, joined_to: int | None = None) -> Scheduled:
    return Scheduled(
        number,
        firing.key,
        firing.group,
        firing.customer.code,
        firing.ticket.ref if firing.ticket else None,
        window.due_from,
        window.due_by,
        firing.reason,
        joined_to,
    )


def record_improvement(session: Session, ref: str, text: str) -> None:
    """An improvement the customer asked for has shipped: the ticket's timeline says what,
    and the next scheduling run books the verification callback (within a week)."""
    text = require_text(text, "improvement", 2_000, "callback.improvement.hint")
    actor, now = session.agent, session.now()
    with session.writing():
        ticket = load(ref, lock=True)
        require_owner_or_supervisor(ticket, actor, "callback.doing.improvement")
        timeline.record(ticket, now, actor.login, IMPROVEMENT_KIND, text=text)


__all__ = [
    "Booked",
    "Firing",
    "Scheduled",
    "book_firings",
    "schedule_callbacks",
    "record_improvement",
    "IMPROVEMENT_KIND",
]
