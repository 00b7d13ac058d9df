"""The supervisor's live floor (docs/floor.md, The floor screen): one line per person at work,
sorted by trouble, and what nobody holds: unclaimed tickets at risk or overdue, STUCK handoffs
and low-score follow-ups without a supervisor. A pure read, supervisors only.

Terms
-----
- **a person's line**: every active person (agent or supervisor) who is expected on shift now
  (the policy's [shifts]), has a session online, owns open tickets, or was seen today; and
  every person no longer active (a leaver, ``agent set --active no``) who still owns open
  tickets, so that a supervisor can move them (core/tickets/bulk.py takes a leaver's too).
- **state**: ``left`` for a leaver (whatever their presence rows say); ``online`` with a fresh
  presence row (core/floor/presence.py, real time); ``away`` without one while expected on
  shift now, owning open work or seen today; else ``off``. Where (screen and ticket) is shown
  only while online.
- **open tickets by tier**: the open tickets (core.tickets.sla.OPEN_STATUSES) a person owns.
  **at risk** and **overdue** are the queue's bands (core/tickets/queue.py) as of the
  session's clock; a ticket whose clock is paused (due never) counts in neither.
- **callbacks today**: open callbacks the person owns due by the end of the floor's day
  (overdue ones included).
- **today**: the floor's local day (policy calendar.tz) of the session's clock.
- **resolved today**: tickets the person owns whose resolved_at is today (a reopened ticket
  has none until resolved again).
- **first responses today**: tickets the person owns whose first response was made today; in
  target when made by the response due time (first_response_at <= response_due_at: the weekly
  report's rule, core/report/figures.py, so the numbers agree).
- **sorted by trouble**: most overdue first, then most at risk, then people away or left who
  own open work (their customers wait on nobody), then most red tickets, then by login.
- **unclaimed**: open tickets without an owner, at risk (least time left first) then overdue
  (least overdue first): the queue's order; at most LISTED, with the total.
- **STUCK**: an open ticket's handoff not yet synced to the customer with no stage change for
  the policy's handoff.stuck_after (the board's rule, core.handoffs.handoff_clock).
- **follow-ups without a supervisor**: open low-score follow-ups that no active supervisor owns.

Customer names are masked here (mask_name), as on the wall board: this screen goes on a wall.
Everything is read in one snapshot (db.connection.snapshot), with a handful of grouped queries
on the indexes: 8 ms on the 100,000-ticket demo floor (974 open tickets, 15 people).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta, tzinfo

from peewee import JOIN, fn

from core.basics import mask_name
from core.basics.errors import register
from core.callbacks.groups import FOLLOW_UP_GROUP
from core.floor import Session, presence, reading
from core.floor.audit import refuse
from core.handoffs import handoff_clock
from core.handoffs.lifecycle import ENDED
from core.tickets.queue import AT_RISK, OVERDUE, Bands, bands_at
from core.tickets.sla import OPEN_STATUSES
from db.connection import snapshot
from db.models import Agent, Callback, Customer, Department, Handoff, Ticket
from db.rows import as_tuples, count_where

register(
    {
        "supervision.floor.supervisors_only": (
            "only a supervisor watches the floor screen; {login} is an agent",
            "只有客服主管能查看现场实况；{login} 是客服专员",
        ),
    }
)

ONLINE, AWAY, OFF, LEFT = "online", "away", "off", "left"
STATES = (ONLINE, AWAY, OFF, LEFT)
TIERS = ("red", "yellow", "green")
LISTED = 50
"""At most this many lines of each list under the people (with the list's total)."""


@dataclass(frozen=True)
class AgentLine:
    """One person on the floor."""

    login: str
    name: str
    role: str
    state: str
    """online | away | off | left (module docstring)."""
    on_shift: bool
    """Expected at work now by the policy's [shifts]."""
    screen: str | None
    ticket_ref: str | None
    """The screen and ticket the freshest session shows (only while online)."""
    seen_at: datetime | None
    """When a session of theirs last said where it is (real time), if any is remembered."""
    red: int = 0
    yellow: int = 0
    green: int = 0
    at_risk: int = 0
    overdue: int = 0
    callbacks_today: int = 0
    resolved_today: int = 0
    responded_today: int = 0
    responded_in_target_today: int = 0
    shift: str = ""
    """The policy's shift pattern for them, as written ("hours", "mon-fri 08:00-17:00")."""
    sessions: int = 0
    """How many of their sessions are online."""
    active: bool = True
    """False: a leaver (listed while they own open tickets; state left)."""

    @property
    def open(self) -> int:
        return self.red + self.yellow + self.green

    @property
    def unattended(self) -> bool:
        """Away or left while owning open tickets: their customers wait on nobody."""
        return self.state in (AWAY, LEFT) and self.open > 0

    @property
    def in_target_rate(self) -> float | None:
        """Today's first responses in target, 0-1; None when none was made today."""
        if not self.responded_today:
            return None
        return self.responded_in_target_today / self.responded_today

    def trouble(self) -> tuple:
        """The sort key: the line in most trouble first (module docstring)."""
        return (-self.overdue, -self.at_risk, not self.unattended, -self.red, self.login)


@dataclass(frozen=True)
class TicketLine:
    """An unclaimed ticket at risk or overdue."""

    ref: str
    tier: str
    customer_name: str
    """Masked (mask_name)."""
    next_due_at: datetime
    band: str
    """core.tickets.queue's AT_RISK or OVERDUE."""


@dataclass(frozen=True)
class HandoffLine:
    """A STUCK handoff of an open ticket."""

    id: int
    ref: str
    department: str
    """The directory's id (a screen says the policy's word for it)."""
    customer_name: str
    """Masked (mask_name)."""
    stage: str
    due_at: datetime
    since: datetime
    """Its last stage change (sent or answered): stuck since then plus handoff.stuck_after."""
    owner: str | None
    """The ticket's owner's login."""


@dataclass(frozen=True)
class FollowUpLine:
    """An open low-score follow-up that no active supervisor owns."""

    id: int
    customer_name: str
    """Masked (mask_name)."""
    score: int | None
    """The overall score of the call it follows."""
    ticket_ref: str | None
    due_by: datetime
    owner: str | None
    """None, or the login of an owner who is no longer active."""


@dataclass(frozen=True)
class FloorView:
    now: datetime
    """The session's clock when read: the bands and "today" are as of it."""
    presence_at: datetime
    """The real time the presence rows were judged at."""
    agents: tuple[AgentLine, ...]
    """Sorted by trouble."""
    unclaimed: tuple[TicketLine, ...]
    unclaimed_total: int
    stuck: tuple[HandoffLine, ...]
    stuck_total: int
    follow_ups: tuple[FollowUpLine, ...]
    follow_ups_total: int
    everyone: tuple[AgentLine, ...] = field(default=(), repr=False)
    """Every active person's line, listed or not: presence read again (with_presence) may
    bring one onto the floor; and each leaver's who owns open tickets."""

    @property
    def online(self) -> int:
        return sum(line.state == ONLINE for line in self.agents)

    @property
    def away(self) -> int:
        return sum(line.state == AWAY for line in self.agents)

    @property
    def left(self) -> int:
        return sum(line.state == LEFT for line in self.agents)


def require_floor_watcher(session: Session) -> None:
    """Refuse (and audit) anyone but a supervisor: the floor screen is theirs."""
    if not session.is_supervisor:
        raise refuse(
            session,
            "supervision.floor.supervisors_only",
            login=session.login,
            action="watch the floor screen",
            target="floor",
        )


@reading
def floor_view(session: Session, presence_at: datetime | None = None) -> FloorView:
    """The floor as of the session's clock, presence as of presence_at (default: real time
    now). Supervisors only: an agent is refused, and the refusal audited."""
    require_floor_watcher(session)
    policy = session.policy
    bands = bands_at(policy, session.now())
    presence_at = presence_at or presence.presence_now()  # looked up when called (tests fix it)
    day_start, day_end = _day(session, bands.now)
    with snapshot(session.db):
        tickets, unclaimed_total = _open_tickets(bands)
        people = [
            person
            for person in as_tuples(
                Agent.select(Agent.id, Agent.login, Agent.display_name, Agent.role, Agent.active).order_by(
                    Agent.login
                )
            )
            if person[4] or person[0] in tickets  # a leaver while they own open tickets
        ]
        resolved = _resolved(day_start, day_end)
        responded = _responded(day_start, day_end)
        callbacks = _callbacks_due(day_end)
        unclaimed = _unclaimed(bands)
        stuck, stuck_total = _stuck(session, bands.now)
        follow_ups, follow_ups_total = _follow_ups()
        here = presence.presence_rows(presence_at)
    everyone = []
    for agent_id, login, name, role, active in people:
        counts = tickets.get(agent_id, {})
        done, (answered, in_target) = resolved.get(agent_id, 0), responded.get(agent_id, (0, 0))
        everyone.append(
            AgentLine(
                login=login,
                name=name,
                role=role,
                state=OFF,
                on_shift=bool(active) and policy.shifts.expected(login, bands.now, policy.calendar),
                screen=None,
                ticket_ref=None,
                seen_at=None,
                red=counts.get("red", 0),
                yellow=counts.get("yellow", 0),
                green=counts.get("green", 0),
                at_risk=counts.get(AT_RISK, 0),
                overdue=counts.get(OVERDUE, 0),
                callbacks_today=callbacks.get(agent_id, 0),
                resolved_today=done,
                responded_today=answered,
                responded_in_target_today=in_target,
                shift=policy.shifts.text_of(login),
                active=bool(active),
            )
        )
    view = FloorView(
        now=bands.now,
        presence_at=presence_at,
        agents=(),
        unclaimed=unclaimed,
        unclaimed_total=unclaimed_total,
        stuck=stuck,
        stuck_total=stuck_total,
        follow_ups=follow_ups,
        follow_ups_total=follow_ups_total,
        everyone=tuple(everyone),
    )
    return with_presence(view, here, presence_at, policy.calendar.tz)


def with_presence(
    view: FloorView, here: dict[str, presence.Presence], presence_at: datetime, tz: tzinfo
) -> FloorView:
    """The view with presence read again (who_is_here, as of presence_at): each line's state,
    screen, ticket and last seen, the lines on the floor and their order. No database work: a
    screen calls it every second."""
    local = presence_at.astimezone(tz)
    day_start = datetime.combine(local.date(), time(0), tzinfo=tz)
    everyone = tuple(_present(line, here.get(line.login), day_start) for line in view.everyone)
    listed = [
        line
        for line in everyone
        if line.on_shift or line.open or line.state == ONLINE or _seen_since(line, day_start)
    ]
    return replace(
        view,
        presence_at=presence_at,
        agents=tuple(sorted(listed, key=AgentLine.trouble)),
        everyone=everyone,
    )


def _seen_since(line: AgentLine, start: datetime) -> bool:
    return line.seen_at is not None and line.seen_at >= start


def _present(line: AgentLine, seen: presence.Presence | None, day_start: datetime) -> AgentLine:
    seen_at = seen.seen_at if seen is not None else None
    if not line.active:
        return replace(line, state=LEFT, screen=None, ticket_ref=None, seen_at=seen_at, sessions=0)
    if seen is not None and seen.online:
        return replace(
            line,
            state=ONLINE,
            screen=seen.screen,
            ticket_ref=seen.ticket_ref,
            seen_at=seen_at,
            sessions=seen.sessions,
        )
    seen_today = seen_at is not None and seen_at >= day_start
    state = AWAY if line.on_shift or line.open or seen_today else OFF
    return replace(line, state=state, screen=None, ticket_ref=None, seen_at=seen_at, sessions=0)


def _day(session: Session, now: datetime) -> tuple[datetime, datetime]:
    """The floor's local day of now: [its midnight, the next midnight)."""
    tz = session.policy.calendar.tz
    today = now.astimezone(tz).date()
    start = datetime.combine(today, time(0), tzinfo=tz)
    return start, datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)


def _open_tickets(bands: Bands) -> tuple[dict[int, dict[str, int]], int]:
    """Per owner: open tickets by tier, and how many at risk and overdue (one pass over the open
    tickets, grouped); and how many unclaimed ones are at risk or overdue."""
    due = Ticket.next_due_at
    query = (
        Ticket.select(
            Ticket.owner,
            Ticket.tier,
            fn.COUNT(Ticket.id),
            count_where(due < bands.now),  # portable: PostgreSQL has no SUM over booleans
            count_where((due >= bands.now) & (due < bands.risk_until)),
        )
        .where(Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.owner, Ticket.tier)
    )
    by_owner: dict[int, dict[str, int]] = {}
    unclaimed = 0
    for owner, tier, count, late, near in as_tuples(query):
        if owner is None:
            unclaimed += (late or 0) + (near or 0)
            continue
        counts = by_owner.setdefault(owner, {})
        counts[tier] = counts.get(tier, 0) + count
        counts[OVERDUE] = counts.get(OVERDUE, 0) + (late or 0)
        counts[AT_RISK] = counts.get(AT_RISK, 0) + (near or 0)
    return by_owner, unclaimed


def _resolved(start: datetime, end: datetime) -> dict[int, int]:
    query = (
        Ticket.select(Ticket.owner, fn.COUNT(Ticket.id))
        .where((Ticket.resolved_at >= start) & (Ticket.resolved_at < end) & Ticket.owner.is_null(False))
        .group_by(Ticket.owner)
    )
    return {owner: count for owner, count in as_tuples(query)}


def _responded(start: datetime, end: datetime) -> dict[int, tuple[int, int]]:
    """Per owner: first responses made today, and how many of them by the response due time."""
    made = Ticket.first_response_at
    query = (
        Ticket.select(Ticket.owner, fn.COUNT(Ticket.id), count_where(made <= Ticket.response_due_at))
        .where((made >= start) & (made < end) & Ticket.owner.is_null(False))
        .group_by(Ticket.owner)
    )
    return {owner: (count, met or 0) for owner, count, met in as_tuples(query)}


def _callbacks_due(end: datetime) -> dict[int, int]:
    query = (
        Callback.select(Callback.owner, fn.COUNT(Callback.id))
        .where(
            (Callback.status == "open")
            & Callback.owner.is_null(False)
            # as the callbacks list's today: the window closes today, or the customer named a
            # time today (busy, the next try) and the window is open by then
            & ((Callback.due_by < end) | ((Callback.call_after < end) & (Callback.due_from < end)))
        )
        .group_by(Callback.owner)
    )
    return {owner: count for owner, count in as_tuples(query)}


def _unclaimed(bands: Bands) -> tuple[TicketLine, ...]:
    """The first LISTED unclaimed tickets at risk or overdue, in the queue's order: each band a
    range of the next_due_at index, walked in its own direction."""
    due = Ticket.next_due_at
    lines: list[TicketLine] = []
    for band, where, order in (
        (AT_RISK, (due >= bands.now) & (due < bands.risk_until), (due, Ticket.id)),
        (OVERDUE, due < bands.now, (due.desc(), Ticket.id.desc())),
    ):
        if len(lines) >= LISTED:
            break
        query = (
            Ticket.select(Ticket.ref, Ticket.tier, Customer.name, Customer.short_name, due)
            .join(Customer)
            .where(where & Ticket.owner.is_null())
            .order_by(*order)
            .limit(LISTED - len(lines))
        )
        lines.extend(
            TicketLine(ref, tier, mask_name(short or name), next_due, band)
            for ref, tier, name, short, next_due in as_tuples(query)
        )
    return tuple(lines)


@dataclass(frozen=True)
class _HandoffTimes:
    """What handoff_clock reads of a handoff row."""

    stage: str
    due_at: datetime
    sent_at: datetime
    answered_at: datetime | None
    synced_at: datetime | None


def _stuck(session: Session, now: datetime) -> tuple[tuple[HandoffLine, ...], int]:
    """The open tickets' handoffs the board marks STUCK, by deadline. Only those sent before the
    stuck window are read (a handoff's last change is never before it was sent), then the
    board's own rule decides."""
    policy = session.policy
    query = (
        Handoff.select(
            Handoff.id,
            Ticket.ref,
            Department.name,
            Customer.name,
            Customer.short_name,
            Handoff.stage,
            Handoff.due_at,
            Handoff.sent_at,
            Handoff.answered_at,
            Handoff.synced_at,
            Agent.login,
        )
        .join(Ticket)
        .join(Customer)
        .switch(Ticket)
        .join(Agent, JOIN.LEFT_OUTER)
        .switch(Handoff)
        .join(Department)
        .where(
            Handoff.stage.not_in(ENDED)
            & (Handoff.sent_at <= now - policy.handoff_stuck_after)
            & Ticket.status.in_(OPEN_STATUSES)
        )
        .order_by(Handoff.due_at, Handoff.id)
    )
    lines = []
    for (
        number,
        ref,
        department,
        name,
        short,
        stage,
        due_at,
        sent_at,
        answered_at,
        synced_at,
        owner,
    ) in as_tuples(query):
        times = _HandoffTimes(stage, due_at, sent_at, answered_at, synced_at)
        if handoff_clock(times, now, policy).stuck:
            since = synced_at or answered_at or sent_at
            lines.append(
                HandoffLine(number, ref, department, mask_name(short or name), stage, due_at, since, owner)
            )
    return tuple(lines[:LISTED]), len(lines)


def _follow_ups() -> tuple[tuple[FollowUpLine, ...], int]:
    """Open low-score follow-ups with no owner, or an owner no longer active; by due time."""
    followed = Callback.alias()
    owner = Agent.alias()
    nobody = Callback.owner.is_null() | (owner.active == False)  # noqa: E712
    base = (
        Callback.select(
            Callback.id,
            Customer.name,
            Customer.short_name,
            followed.overall,
            Ticket.ref,
            Callback.due_by,
            owner.login,
        )
        .join(Customer, on=(Callback.customer == Customer.id))
        .switch(Callback)
        .join(Ticket, JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .switch(Callback)
        .join(followed, JOIN.LEFT_OUTER, on=(Callback.follows == followed.id))
        .switch(Callback)
        .join(owner, JOIN.LEFT_OUTER, on=(Callback.owner == owner.id))
        .where((Callback.group == FOLLOW_UP_GROUP) & (Callback.status == "open") & nobody)
    )
    total = base.count()
    rows = base.order_by(Callback.due_by, Callback.id).limit(LISTED)
    lines = tuple(
        FollowUpLine(number, mask_name(short or name), score, ref, due_by, login)
        for number, name, short, score, ref, due_by, login in as_tuples(rows)
    )
    return lines, total


__all__ = [
    "AWAY",
    "AgentLine",
    "FloorView",
    "FollowUpLine",
    "HandoffLine",
    "LEFT",
    "LISTED",
    "OFF",
    "ONLINE",
    "STATES",
    "TicketLine",
    "floor_view",
    "require_floor_watcher",
    "with_presence",
]
