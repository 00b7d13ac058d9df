"""Who makes a low score's follow-up call (docs/floor.md, Outcomes and low scores), passing it
to another supervisor, and the follow-ups waiting for one supervisor.

The policy's callbacks.low_score_to says who gets a follow-up when it is booked:
- "team": an active supervisor of the team of the agent who made the scored call; when that
  team has none (or the agent has no team), round robin among all active supervisors;
- "round_robin": round robin among all active supervisors.
Round robin needs no stored turn: the supervisor assigned a follow-up longest ago (or never)
is next, ties by login. The scored agent never follows up their own call while another
supervisor can.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from peewee import JOIN, fn

from core.basics import InvalidInput, NotFound, Refused
from core.callbacks.actions import may_pass
from core.callbacks.groups import FOLLOW_UP_GROUP
from core.callbacks.records import load_callback, require_open
from core.floor import Session, audit, reading
from core.tickets import timeline
from db.models import Agent, Callback, Customer, Ticket
from db.rows import as_tuples

PASSED_KIND = "follow_up_passed"
"""The timeline event of a follow-up passed to another supervisor."""


def _last_assigned(candidates: list[Agent]) -> dict[int, datetime]:
    ids = [a.id for a in candidates]
    query = (
        Callback.select(Callback.owner, fn.MAX(Callback.created_at))
        .where((Callback.group == FOLLOW_UP_GROUP) & Callback.owner.in_(ids))
        .group_by(Callback.owner)
    )
    return {owner: at for owner, at in as_tuples(query)}


def _next_in_turn(candidates: list[Agent]) -> Agent | None:
    if not candidates:
        return None
    last = _last_assigned(candidates)
    never = datetime.min.replace(tzinfo=UTC)
    return min(candidates, key=lambda a: (last.get(a.id) or never, a.login))


def choose_supervisor(session: Session, scored_by: Agent | None) -> Agent | None:
    """The supervisor who gets a follow-up of a call made by scored_by (None: no supervisor is
    active, which core.floor.session does not let a floor come to)."""
    everyone = [a for a in Agent.active_supervisors().order_by(Agent.login)]
    others = [a for a in everyone if scored_by is None or a.id != scored_by.id] or everyone
    if session.policy.callbacks.low_score_to == "team" and scored_by is not None and scored_by.team:
        team = [a for a in others if a.team == scored_by.team]
        if team:
            return _next_in_turn(team)
    return _next_in_turn(others)


def _supervisor(login: str) -> Agent:
    who = Agent.get_or_none(Agent.login == str(login).strip())
    if who is None:
        raise NotFound("callback.pass.no_such_person", login=login)
    if who.role != "supervisor" or not who.active:
        raise InvalidInput("to", "callback.pass.not_a_supervisor", login=who.login, name=who.display_name)
    return who


def pass_follow_up(session: Session, callback_id, to_login: str) -> Agent:
    """A supervisor hands a low-score follow-up to another active supervisor (or takes one
    with no owner, as old floors booked them). Its ticket's timeline says who passed it to whom."""
    actor, now = session.agent, session.now()
    with session.writing():
        row = load_callback(callback_id)
        if not may_pass(actor.role, row.group):
            if actor.role != "supervisor":
                raise audit.refusal(
                    "callback.pass.supervisors_only",
                    action="pass a low-score follow-up",
                    target=f"callback #{row.id}",
                    number=row.id,
                )
            raise Refused("callback.pass.not_follow_up", number=row.id)
        require_open(row, session.policy.calendar.tz)
        to = _supervisor(to_login)
        if row.owner_id == to.id:
            raise Refused("callback.pass.already_theirs", number=row.id, name=to.display_name, login=to.login)
        before = Agent.get_by_id(row.owner_id).login if row.owner_id else None
        passed = (
            Callback.update(owner=to.id, row_version=Callback.row_version + 1)
            .where(
                (Callback.id == row.id)
                & (Callback.status == "open")
                & (Callback.owner.is_null() if row.owner_id is None else Callback.owner == row.owner_id)
            )
            .execute()
        )
        if not passed:  # finished or passed meanwhile (an engine that does not lock up front)
            raise Refused("callback.changed_meanwhile", number=row.id)
        if row.ticket_id is not None:
            timeline.record(
                Ticket.get_by_id(row.ticket_id),
                now,
                actor.login,
                PASSED_KIND,
                text=f"follow-up #{row.id}: {before or '-'} -> {to.login}",
                before={"callback": row.id, "owner": before},
                after={"callback": row.id, "owner": to.login},
            )
    return to


@reading
def other_supervisors(session: Session) -> list[tuple[str, str]]:
    """(login, name) of the active supervisors but the person here: whom a follow-up can go to."""
    session.require_agent()
    return [
        (a.login, a.display_name)
        for a in Agent.active_supervisors().order_by(Agent.login)
        if a.login != session.login
    ]


@reading
def passed_on(session: Session, ids: list[int]) -> list[tuple[int, str]]:
    """Of these follow-ups, the ones still open that someone else now owns: (number, their name)."""
    if not ids:
        return []
    query = (
        Callback.select(Callback.id, Agent.display_name)
        .join(Agent, on=(Callback.owner == Agent.id))
        .where(Callback.id.in_(ids) & (Callback.status == "open") & (Callback.owner != session.agent.id))
        .order_by(Callback.id)
    )
    return [(number, name) for number, name in as_tuples(query)]


@dataclass(frozen=True)
class FollowUpNote:
    """An open follow-up waiting for the supervisor at this terminal."""

    id: int
    customer_name: str
    overall: int | None
    ticket_ref: str | None
    due_by: datetime


@reading
def my_follow_ups(session: Session) -> list[FollowUpNote]:
    """The open low-score follow-ups the person here owns (none for an agent)."""
    agent = session.agent
    if agent.role != "supervisor":
        return []
    query = (
        Callback.select(Callback.id, Callback.due_by, Callback.follows, Customer.name, Ticket.ref)
        .join(Customer, on=(Callback.customer == Customer.id))
        .switch(Callback)
        .join(Ticket, join_type=JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .where(
            (Callback.group == FOLLOW_UP_GROUP) & (Callback.status == "open") & (Callback.owner == agent.id)
        )
        .order_by(Callback.id)
    )
    rows = list(as_tuples(query))
    scored = Callback.select(Callback.id, Callback.overall).where(
        Callback.id.in_([r[2] for r in rows if r[2] is not None])
    )
    scores: dict[int, int | None] = dict(as_tuples(scored))
    return [
        FollowUpNote(number, name, scores.get(follows), ref, due_by)
        for number, due_by, follows, name, ref in rows
    ]


__all__ = [
    "FOLLOW_UP_GROUP",
    "FollowUpNote",
    "choose_supervisor",
    "my_follow_ups",
    "other_supervisors",
    "pass_follow_up",
    "passed_on",
]
