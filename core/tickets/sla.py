"""Targets and the SLA clock: due times from tier + policy, and the state at any instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.basics import PolicyError
from core.policy import Policy, Target

OPEN_STATUSES = ("new", "in_progress", "waiting")
"""A ticket still being worked; "waiting" (待客户回复) is open with its solution clock paused."""

PAUSED_DUE = datetime(2290, 1, 1, tzinfo=UTC)
"""next_due_at of a ticket whose only pending target is paused: due never while the pause
lasts, so it sorts after every running clock and never counts as overdue or at risk (inside
the instants a database field holds, db/fields.py)."""


def add_target(start: datetime, target: Target, policy: Policy) -> datetime:
    """start + target, counting business hours in business mode and calendar time otherwise."""
    cal = policy.calendar
    due = start
    if target.minutes:
        delta = timedelta(minutes=target.minutes)
        due = cal.add_business_time(due, delta) if policy.sla_mode == "business" else due + delta
    if target.working_days:
        due = cal.add_working_days(due, target.working_days)
    return due


def due_times(received_at: datetime, tier: str, policy: Policy) -> tuple[datetime, datetime]:
    """(response due, solution due) for a ticket received at received_at."""
    response, solution = policy.targets[tier]
    try:
        return add_target(received_at, response, policy), add_target(received_at, solution, policy)
    except ValueError as exc:  # the calendar has no working day ahead (holidays for years?)
        if isinstance(exc, PolicyError):  # NoWorkingTime says it: the same words, under this policy's name
            raise PolicyError(policy.source, "calendar", exc.code, **exc.params) from exc
        raise PolicyError(policy.source, "calendar", "sla.calendar_failed", error=str(exc)) from exc


def next_due(status: str, first_response_at, response_due_at, solution_due_at, paused_at=None):
    """The nearest pending target, the queue's sort key; None once the ticket is resolved.
    A paused solution clock is due never (PAUSED_DUE); the response clock never pauses."""
    if status not in OPEN_STATUSES:
        return None
    if first_response_at is None:
        return response_due_at
    return PAUSED_DUE if paused_at is not None else solution_due_at


def next_due_of(ticket) -> datetime | None:
    """next_due for a ticket row (anything with the ticket's fields) as it now stands."""
    return next_due(
        ticket.status,
        ticket.first_response_at,
        ticket.response_due_at,
        ticket.solution_due_at,
        ticket.paused_at,
    )


def working_time(policy: Policy, start: datetime, end: datetime) -> timedelta:
    """The time that counts toward a target between two instants (opening hours in business
    mode): what a pause from start to end held the clock back by."""
    if end <= start:
        return timedelta(0)
    if policy.sla_mode == "business":
        return policy.calendar.business_time_between(start, end)
    return end - start


def moved_on(due: datetime, held: timedelta, policy: Policy) -> datetime:
    """A due time moved on by held of counting time (a pause's working time)."""
    if held <= timedelta(0):
        return due
    if policy.sla_mode == "business":
        return policy.calendar.add_business_time(due, held)
    return due + held


@dataclass(frozen=True)
class TargetState:
    due_at: datetime
    done_at: datetime | None  # when met (first response / resolution), else None
    left: timedelta | None  # time left (negative: overdue) while pending, else None

    @property
    def overdue(self) -> bool:
        return self.left is not None and self.left < timedelta(0)

    @property
    def met_late(self) -> bool:
        return self.done_at is not None and self.done_at > self.due_at


@dataclass(frozen=True)
class SlaState:
    response: TargetState
    solution: TargetState
    update_due_by: datetime | None  # today's cutoff, when a customer update is still owed today
    update_overdue: bool
    paused_at: datetime | None = None  # the solution clock stopped then (and has not run since)

    @property
    def nearest_left(self) -> timedelta | None:
        pending = [t.left for t in (self.response, self.solution) if t.left is not None]
        return min(pending) if pending else None

    @property
    def breaching(self) -> bool:
        return self.response.overdue or (self.solution.overdue and self.paused_at is None)


def sla_state(ticket, now: datetime, policy: Policy) -> SlaState:
    """The SLA picture of ticket (anything with the ticket's fields) at the instant now."""
    is_open = ticket.status in OPEN_STATUSES
    response_left = ticket.response_due_at - now if is_open and ticket.first_response_at is None else None
    paused_at = getattr(ticket, "paused_at", None)
    solution_left = ticket.solution_due_at - now if is_open else None
    if is_open and paused_at is not None:
        # Paused: what is left is the counting time from the pause to the due time (working
        # time in business mode), and it stays so until the clock runs again.
        solution_left = working_time(policy, paused_at, ticket.solution_due_at)
    update_due_by = customer_update_due_by(ticket, now, policy)
    return SlaState(
        response=TargetState(ticket.response_due_at, ticket.first_response_at, response_left),
        solution=TargetState(ticket.solution_due_at, ticket.resolved_at, solution_left),
        update_due_by=update_due_by,
        update_overdue=update_due_by is not None and now > update_due_by,
        paused_at=paused_at if is_open else None,
    )


def customer_update_due_by(ticket, now: datetime, policy: Policy) -> datetime | None:
    """Today's cutoff (17:00) if this open ticket still owes the customer today's update.

    docs/floor.md step 7: every working day before 17:00 an open ticket gets a progress update.
    Owed when today is a working day, the ticket was received before today's cutoff, and no
    outbound contact has been made since today began (floor time).
    """
    if ticket.status not in OPEN_STATUSES or ticket.status == "waiting":
        return None  # waiting on the customer: the ball is in their court, no update owed
    window = update_window(now, policy)
    if window is None or not owes_update(ticket.received_at, ticket.last_update_at, window):
        return None
    return window[1].astimezone(now.tzinfo)


def update_window(now: datetime, policy: Policy) -> tuple[datetime, datetime] | None:
    """(start of today, today's cutoff) in floor time when today is a working day, else None."""
    cal = policy.calendar
    today = cal.local(now).date()
    if not cal.is_working_day(today):
        return None
    return (
        datetime.combine(today, datetime.min.time(), tzinfo=cal.tz),
        datetime.combine(today, policy.update_cutoff, tzinfo=cal.tz),
    )


def owes_update(received_at: datetime, last_update_at: datetime | None, window) -> bool:
    """Received before today's cutoff and no outbound contact since today began."""
    start, cutoff = window
    return received_at < cutoff and (last_update_at is None or last_update_at < start)
