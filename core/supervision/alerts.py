"""Alerts before a breach (issue 20): a red ticket still unclaimed N minutes before its response
target, or an open ticket N minutes before its solution target while its owner is away (N in
the policy's [alerts]). Every supervisor hears it, and the owner; once per ticket and target.

Any logged-in person's session checks (check_alerts, every 30 s), so alerts fire even with no
supervisor at work; a ticket_alert row's unique key (kind, ticket, target and its due time)
makes the first session to check the only one that fires it, and the timeline gets one "alert"
event. A target that moves (a tier change, a pause) has a new due time, so a new key: a new
alert is possible for the new target, never a second one for the same.

"N minutes left" counts as the queue counts time left: working time when the floor counts its
targets in working time (at 17:58 on a Friday a target at 09:03 on Monday has 5 minutes left).
The owner is away when none of their sessions is online (core/floor/presence.py, real time).

An alert does not change the ticket's row (no row_version bump): an agent editing the ticket
never gets a stale-edit refusal because an alert fired. Its writes are in the floor's change log
(kind "alert"), so the other sessions read who should hear of it (alerts_after).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import JOIN, fn

from core.floor import Session, reading, storage_problems
from core.floor.presence import online_logins
from core.policy import Policy
from core.tickets import timeline
from core.tickets.queue import later_by
from core.tickets.sla import OPEN_STATUSES, working_time
from db.models import Agent, Customer, Ticket, TicketAlert
from db.rows import as_tuples

UNCLAIMED, OWNER_AWAY = "unclaimed", "owner_away"
KINDS = (UNCLAIMED, OWNER_AWAY)
RESPONSE, SOLUTION = "response", "solution"
TARGET_OF = {UNCLAIMED: RESPONSE, OWNER_AWAY: SOLUTION}
"""The target each kind of alert warns of."""
EVENT_KIND = "alert"
"""The timeline event of a fired alert."""
ALERT_ACTOR = "(callfloor)"
"""Who the timeline says fired an alert: the floor's clock, not the person whose session happened
to check first (that login is kept as ticket_alert.fired_by); no login has parentheses."""

FIRST_LOOK_BACK = timedelta(days=14)
"""A session's first read looks for alerts still live among those fired this long ago at most
(an alert fires at most its lead before its due time, in working time: a long holiday between
the two is the widest gap), so the read is a range of the fired_at index."""


@dataclass(frozen=True)
class AlertNote:
    """A fired alert, as a person is told of it."""

    id: int
    ticket_ref: str
    kind: str
    """unclaimed | owner_away"""
    target: str
    """response | solution"""
    due_at: datetime
    owner_login: str | None
    """The owner when it fired (None for an unclaimed ticket)."""
    owner_name: str | None
    customer_name: str
    """The customer's short name, else its name (customer text: show it inert)."""
    tier: str
    fired_at: datetime


def _instant(moment: datetime) -> datetime:
    """As the database compares it: stored instants keep whole seconds (db/fields.py)."""
    return moment.replace(microsecond=0)


def minutes_left(policy: Policy, now: datetime, due: datetime) -> int:
    """The time that still counts toward a target at due (working time in business mode), in
    whole minutes, rounded up (4 min 30 s left: 5)."""
    return math.ceil(working_time(policy, now, due).total_seconds() / 60)


def alert_key(kind: str, ticket_id: int, due: datetime) -> str:
    """The alert's unique key: once per ticket and target (a target that moves is a new one)."""
    return f"{kind}:{ticket_id}:{TARGET_OF[kind]}:{due.isoformat()}"


@dataclass(frozen=True)
class _Due:
    """An alert due now: not yet checked against those already fired."""

    kind: str
    ticket_id: int
    due_at: datetime
    owner_login: str | None

    @property
    def key(self) -> str:
        return alert_key(self.kind, self.ticket_id, self.due_at)


def _unclaimed(now: datetime, until: datetime) -> list[_Due]:
    """Red, open, unclaimed, not yet answered, its response target in (now, until]. For such a
    ticket the response target is its next_due_at, so this is a range of that index; the rest
    is asked of the few rows in it, not of the database (whose planner, without statistics,
    would walk the index of unanswered or of unowned tickets instead)."""
    t = Ticket
    rows = as_tuples(
        t.select(t.id, t.response_due_at, t.owner, t.first_response_at, t.status).where(
            (t.next_due_at > now) & (t.next_due_at <= until) & (t.tier == "red")
        )
    )
    return [
        _Due(UNCLAIMED, ticket_id, due, None)
        for ticket_id, due, owner, answered, status in rows
        if owner is None and answered is None and status in OPEN_STATUSES
    ]


def _owner_away(now: datetime, until: datetime) -> list[_Due]:
    """Open, owned, its solution clock running, its solution target in (now, until]: a range of
    the (status, solution_due_at) index. Whether the owner is away is asked only of these."""
    t = Ticket
    where = (
        t.status.in_(OPEN_STATUSES)
        & (t.solution_due_at > now)
        & (t.solution_due_at <= until)
        & t.paused_at.is_null()
    )
    rows = list(as_tuples(t.select(t.id, t.solution_due_at, Agent.login).join(Agent).where(where)))
    if not rows:
        return []
    online = online_logins()
    return [_Due(OWNER_AWAY, ticket_id, due, login) for ticket_id, due, login in rows if login not in online]


def _due_now(policy: Policy, now: datetime) -> list[_Due]:
    """The alerts whose moment has come, fired or not."""
    rules = policy.alerts
    found = _unclaimed(now, later_by(policy, now, rules.unclaimed_red))
    found += _owner_away(now, later_by(policy, now, rules.owner_away))
    return found


def _fired(keys: list[str]) -> set[str]:
    if not keys:
        return set()
    return {key for (key,) in as_tuples(TicketAlert.select(TicketAlert.key).where(TicketAlert.key.in_(keys)))}


def check_alerts(session: Session, now: datetime | None = None) -> list[AlertNote]:
    """Fire the alerts due now (session's clock unless now is given) that nobody has fired yet;
    returns what this call fired. While nothing is due it is two index range reads: it runs every
    30 s in every session on the floor. What is due is written in one short transaction that
    checks each alert again inside (another session may have fired it, the ticket may have been
    claimed meanwhile)."""
    now = _instant(now or session.now())
    with storage_problems():
        session.require_agent()
        if not _new(_due_now(session.policy, now)):
            return []
    fired: list[int] = []
    with session.writing():
        for alert in _new(_due_now(session.policy, now)):  # again, under the write lock
            number = _fire(session, alert, now)
            if number is not None:
                fired.append(number)
    if not fired:
        return []
    with storage_problems():
        return _notes(TicketAlert.id.in_(fired))


def _new(due: list[_Due]) -> list[_Due]:
    """The alerts among due that nobody has fired yet."""
    if not due:
        return []
    fired = _fired([alert.key for alert in due])
    return [alert for alert in due if alert.key not in fired]


def _fire(session: Session, alert: _Due, now: datetime) -> int | None:
    """Insert the alert's row and its timeline event; None when its key is taken (another
    session fired it first: not an error, nothing more is written)."""
    a = TicketAlert
    inserted = (
        a.insert(
            key=alert.key,
            ticket=alert.ticket_id,
            kind=alert.kind,
            target=TARGET_OF[alert.kind],
            due_at=alert.due_at,
            owner_login=alert.owner_login,
            fired_at=now,
            fired_by=session.login,
        )
        .on_conflict_ignore()
        .as_rowcount()
        .execute()
    )
    if not inserted:
        return None
    minutes = minutes_left(session.policy, now, alert.due_at)
    target = TARGET_OF[alert.kind]
    told = _online_supervisors()
    if alert.kind == UNCLAIMED:
        text = f"red ticket unclaimed, {minutes} min to its {target} target"
    else:
        text = f"owner {alert.owner_login} away, {minutes} min to its {target} target"
    text += f"; supervisors online: {', '.join(told) or 'none'}"
    after = {"alert": alert.kind, "target": target, "due": alert.due_at, "minutes": minutes, "told": told}
    if alert.owner_login:
        after["owner"] = alert.owner_login
    timeline.record(Ticket(id=alert.ticket_id), now, ALERT_ACTOR, EVENT_KIND, text=text, after=after)
    return a.select(a.id).where(a.key == alert.key).scalar()


def _online_supervisors() -> list[str]:
    """The active supervisors with a session online now: who an alert fired now reaches (the
    timeline says so, or that none was there)."""
    online = online_logins()
    if not online:
        return []
    query = Agent.select(Agent.login).where(
        Agent.login.in_(sorted(online)) & (Agent.role == "supervisor") & (Agent.active == True)  # noqa: E712
    )
    return sorted(login for (login,) in as_tuples(query))


def owner_told(session: Session, ids: list[int]) -> None:
    """The owner's session told them of these owner-away alerts: not again at their next start."""
    if not ids:
        return
    a = TicketAlert
    with session.writing():
        a.update(owner_told_at=_instant(session.now())).where(
            a.id.in_(ids) & a.owner_told_at.is_null() & (a.owner_login == session.login)
        ).execute()


def _notes(where, limit: int | None = None) -> list[AlertNote]:
    a, owner = TicketAlert, Agent.alias()
    query = (
        a.select(
            a.id,
            Ticket.ref,
            a.kind,
            a.target,
            a.due_at,
            a.owner_login,
            owner.display_name,
            fn.COALESCE(Customer.short_name, Customer.name),
            Ticket.tier,
            a.fired_at,
        )
        .join(Ticket, on=(a.ticket == Ticket.id))
        .join(Customer, on=(Ticket.customer == Customer.id))
        .join(owner, JOIN.LEFT_OUTER, on=(owner.login == a.owner_login), src=a)
        .where(where)
        .order_by(a.id)
    )
    if limit is not None:
        query = query.limit(limit)
    return [AlertNote(*row) for row in as_tuples(query)]


MOST_TOLD = 200
"""A read returns at most this many alerts; the next read returns the rest."""


@reading
def alerts_after(session: Session, last_id: int | None) -> tuple[int, list[AlertNote]]:
    """(the newest alert's number, the alerts after last_id this person is to hear): every one
    for a supervisor; for an agent those on tickets they owned when it fired.

    last_id None, a session's first read: the alerts still live, so that someone who comes to
    the floor (or back to it) hears what is still about to breach: the target not yet passed and
    the ticket as it was when the alert fired (still unclaimed; still the same owner's, its
    clock running). An agent hears those on tickets they still own, each once (owner_told
    marks it told); a supervisor does not hear that an owner is away who is back online."""
    me = session.require_agent()
    a = TicketAlert
    newest = a.select(fn.MAX(a.id)).scalar() or 0
    where = a.id <= newest
    if not session.is_supervisor:
        where &= a.owner_login == me.login
    if last_id is not None:
        if last_id >= newest:
            return newest, []
        notes = _notes(where & (a.id > last_id), MOST_TOLD)
        if len(notes) == MOST_TOLD:  # the rest come with the next read, not lost behind newest
            return notes[-1].id, notes
        return newest, notes
    now = _instant(session.now())
    t = Ticket
    live_unclaimed = (
        (a.kind == UNCLAIMED)
        & t.owner.is_null()
        & t.first_response_at.is_null()
        & (t.response_due_at == a.due_at)
    )
    owners = Agent.select(Agent.id).where(Agent.login == a.owner_login)
    live_owner_away = (
        (a.kind == OWNER_AWAY) & t.paused_at.is_null() & (t.solution_due_at == a.due_at) & (t.owner == owners)
    )
    if session.is_supervisor:
        back = set(online_logins()) - {me.login}
        if back:  # the owner is back at work: the alert that they are away is over
            live_owner_away &= a.owner_login.not_in(sorted(back))
    else:
        live_owner_away &= a.owner_told_at.is_null()  # the owner hears of it once, not at every start
    where &= (
        (a.fired_at >= now - FIRST_LOOK_BACK)
        & (a.due_at > now)
        & t.status.in_(OPEN_STATUSES)
        & (live_unclaimed | live_owner_away)
    )
    return newest, _notes(where, MOST_TOLD)
