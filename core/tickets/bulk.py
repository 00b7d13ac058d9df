"""Moving tickets in bulk: a supervisor gives several tickets (marked on the queue, or all open
tickets of an agent who left sick) to one agent, or spreads them across the agents online, with
one reason.

One short write transaction for the whole batch. A ticket that moved since the supervisor saw
it (its row_version), that is no longer open, or that already belongs to its new owner is
skipped and listed, never overwritten: the rest of the batch still moves. Each moved ticket is
moved exactly as reassign moves one (core/tickets/assignment.py: owner, row version, the
"assigned" event with the reason and the owner before and after).

Spreading gives each ticket to the online agent (not its current owner) with the fewest open
tickets at that moment, counting what the batch has already given; red tickets are dealt
first, each to the agent with the fewest open red ones, so the reds spread evenly too. Who is
online is the presence rows' (core/floor/presence.py), read once for the batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from peewee import fn

from core.basics import InvalidInput, Refused, require_text
from core.floor import Session, audit, reading
from core.floor.presence import online_logins
from core.tickets.assignment import active_agent, hand_over
from core.tickets.lifecycle import normalise_ref
from core.tickets.sla import OPEN_STATUSES
from db.connection import for_write
from db.models import Agent, Ticket
from db.rows import as_tuples, count_where

SKIP_REASONS = ("stale", "not_open", "already_theirs", "unknown")
"""Why a ticket of a batch was left where it was: it changed since it was seen, it is no longer
open, it already belongs to the agent it would go to, there is no such ticket. Each has its
words under "ticket.bulk.skipped.<why>" (core/tickets/messages.py)."""

TIER_ORDER = {"red": 0, "yellow": 1, "green": 2}


@dataclass(frozen=True)
class BulkResult:
    """What a bulk move did, in the order the tickets were given."""

    moved: tuple[tuple[str, str], ...]
    """(ref, the new owner's login) of each ticket moved."""
    skipped: tuple[tuple[str, str], ...]
    """(ref, why: one of SKIP_REASONS) of each ticket left as it was."""

    @property
    def asked(self) -> int:
        return len(self.moved) + len(self.skipped)


@dataclass(frozen=True)
class Candidate:
    """An active person a ticket may go to, as a bulk move's picker lists them."""

    login: str
    name: str
    role: str
    online: bool
    on_shift: bool
    open_tickets: int


@dataclass
class _Load:
    """A target's open tickets (and red ones among them), counting what the batch gave."""

    agent: Agent
    open: int = 0
    red: int = 0


def _open_loads(agent_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """{agent id: (open tickets, open red tickets)} for these agents (one grouped count)."""
    if not agent_ids:
        return {}
    query = (
        Ticket.select(Ticket.owner, fn.COUNT(Ticket.id), count_where(Ticket.tier == "red"))
        .where(Ticket.owner.in_(list(agent_ids)) & Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.owner)
    )
    return {owner: (count, red or 0) for owner, count, red in as_tuples(query)}


def _targets(session: Session, excluding: set[str]) -> list[Agent]:
    """The people a spread deals to, inside a read or write under way: the active agents online
    now (those on shift if any is), else the active supervisors online; by login."""
    online = online_logins() - excluding
    if not online:
        return []
    people = list(
        Agent.select()
        .where(Agent.login.in_(sorted(online)) & (Agent.active == True))  # noqa: E712
        .order_by(Agent.login)
    )
    at, calendar, shifts = session.now(), session.policy.calendar, session.policy.shifts
    for role in ("agent", "supervisor"):
        group = [p for p in people if p.role == role]
        on_shift = [p for p in group if shifts.expected(p.login, at, calendar)]
        if on_shift or group:
            return on_shift or group
    return []


@reading
def spread_targets(session: Session, excluding: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The logins a spread would deal to now, by login: the active agents online (those on shift
    when any is), else the active supervisors online; none of `excluding`."""
    session.require_agent()
    return [agent.login for agent in _targets(session, set(excluding))]


@reading
def candidates(session: Session) -> list[Candidate]:
    """Every active person a ticket may be given to, agents first, each with whether they are
    online, on shift, and how many open tickets they own (for the bulk move's picker)."""
    session.require_agent()
    people = list(Agent.select().where(Agent.active == True).order_by(Agent.role, Agent.login))  # noqa: E712
    online = online_logins()
    loads = _open_loads([p.id for p in people])
    at, calendar, shifts = session.now(), session.policy.calendar, session.policy.shifts
    return [
        Candidate(
            p.login,
            p.display_name,
            p.role,
            p.login in online,
            shifts.expected(p.login, at, calendar),
            loads.get(p.id, (0, 0))[0],
        )
        for p in people
    ]


@reading
def open_tickets_of(session: Session, login: str) -> list[tuple[str, int]]:
    """(ref, row_version) of the open tickets `login` owns, most urgent first: what "move all of
    this agent's tickets" moves (the versions make it refuse to overwrite a later change)."""
    session.require_agent()
    agent = Agent.get_or_none(Agent.login == (login or "").strip())
    if agent is None:
        raise Refused("ticket.bulk.no_such_agent", login=login)
    query = (
        Ticket.select(Ticket.ref, Ticket.row_version)
        .where((Ticket.owner == agent.id) & Ticket.status.in_(OPEN_STATUSES))
        .order_by(Ticket.next_due_at, Ticket.id)
    )
    return [(ref, version) for ref, version in as_tuples(query)]


def reassign_many(
    session: Session,
    tickets: Sequence[tuple[str, int | None]],
    reason: str,
    to_login: str | None = None,
    spread: bool = False,
) -> BulkResult:
    """Give each of `tickets` ((ref, the row_version seen, or None for no check)) to to_login,
    or (spread=True) across the agents online, with one reason on every timeline. Supervisors
    only. One write transaction; stale, closed, already-theirs and unknown tickets are skipped
    and listed (BulkResult), never the whole batch refused."""
    reason = require_text(reason, "reason", 2_000, "ticket.reassign.reason_hint")
    if (to_login is None) == (not spread):
        raise InvalidInput("new owner", "ticket.bulk.one_target")
    wanted = _unique(tickets)
    if not wanted:
        raise InvalidInput("ticket refs", "ticket.bulk.no_tickets")
    actor, now = session.agent, session.now()
    moved: dict[str, tuple[str, str]] = {}  # typed ref -> (the ticket's ref, its new owner)
    skipped: dict[str, tuple[str, str]] = {}  # typed ref -> (the ticket's ref, why)
    with session.writing():
        if actor.role != "supervisor":
            raise audit.refusal(
                "ticket.bulk.supervisor_only",
                login=actor.login,
                action="reassign tickets in bulk",
                target=", ".join(ref for ref, _ in wanted)[:200],
            )
        fixed = active_agent(to_login) if to_login is not None else None
        found = _locked(ref for ref, _ in wanted)
        movable: list[tuple[Ticket, str]] = []  # (ticket, the ref as given)
        for ref, seen in wanted:
            ticket = found.get(normalise_ref(ref)) or found.get(ref)
            why = _why_not(ticket, seen, fixed)
            if ticket is None or why is not None:
                skipped[ref] = (ticket.ref if ticket else ref, why or "unknown")
            else:
                movable.append((ticket, ref))
        deal = _dealer(session, movable) if spread and movable else None
        if spread and movable and deal is None:
            raise Refused("ticket.bulk.nobody_online")
        owners = _logins({t.owner_id for t, _ in movable if t.owner_id})
        for ticket, ref in sorted(movable, key=lambda item: TIER_ORDER.get(item[0].tier, 3)):
            owner = fixed if fixed is not None else deal(ticket) if deal is not None else None
            if owner is None:
                skipped[ref] = (ticket.ref, "already_theirs")  # the only one online owns it
                continue
            old = owners.get(ticket.owner_id) if ticket.owner_id else None
            hand_over(ticket, owner, old, actor.login, now, reason)
            moved[ref] = (ticket.ref, owner.login)
    order = [ref for ref, _ in wanted]
    return BulkResult(
        tuple(moved[ref] for ref in order if ref in moved),
        tuple(skipped[ref] for ref in order if ref in skipped),
    )


def _logins(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(as_tuples(Agent.select(Agent.id, Agent.login).where(Agent.id.in_(sorted(ids)))))


def _unique(tickets: Sequence[tuple[str, int | None]]) -> list[tuple[str, int | None]]:
    """The tickets as given, each once (the first mention wins), blank refs left out."""
    seen: set[str] = set()
    out = []
    for ref, version in tickets:
        typed = (ref or "").strip() if isinstance(ref, str) else ""
        key = normalise_ref(typed)
        if typed and key not in seen:
            seen.add(key)
            out.append((typed, version))
    return out


def _locked(refs: Iterable[str]) -> dict[str, Ticket]:
    """The tickets named, by ref, locked for the write (in id order, so two batches that
    share tickets wait for each other rather than deadlock on a server)."""
    names: set[str] = set()
    for ref in refs:
        names.update((normalise_ref(ref), ref))
    query = for_write(Ticket.select().where(Ticket.ref.in_(sorted(names))).order_by(Ticket.id))
    return {ticket.ref: ticket for ticket in query}


def _why_not(ticket: Ticket | None, seen: int | None, to: Agent | None) -> str | None:
    """Why this ticket stays where it is, or None when it may move."""
    if ticket is None:
        return "unknown"
    if ticket.status not in OPEN_STATUSES:
        return "not_open"
    if seen is not None and ticket.row_version != seen:
        return "stale"
    if to is not None and ticket.owner_id == to.id:
        return "already_theirs"
    return None


def _dealer(session: Session, movable: list[tuple[Ticket, str]]) -> Callable[[Ticket], Agent | None] | None:
    """A function that picks each ticket's new owner for a spread (None: nobody fits), or None
    when nobody is online to deal to. Loads are read once, here, in the batch's transaction."""
    targets = _targets(session, set())
    if not any(agent.id != ticket.owner_id for agent in targets for ticket, _ in movable):
        return None  # nobody online, or only the owner of every ticket (the agent going home)
    loads = _open_loads([agent.id for agent in targets])
    table = [_Load(agent, *loads.get(agent.id, (0, 0))) for agent in targets]

    def deal(ticket: Ticket) -> Agent | None:
        fits = [load for load in table if load.agent.id != ticket.owner_id]
        if not fits:
            return None
        red = ticket.tier == "red"
        best = min(fits, key=lambda load: (load.red, load.open) if red else (load.open,))
        best.open += 1
        best.red += red
        return best.agent

    return deal
