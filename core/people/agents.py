"""The floor's people: who may work here and in which role."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.basics import (
    ROLE_WORDS,
    AgentView,
    InvalidInput,
    NotFound,
    Refused,
    optional_text,
    pick_word,
    require_text,
)
from core.floor import Session, audit, reading
from db.models import Agent, Callback, Ticket

_LOGIN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}")


def _view(agent: Agent) -> AgentView:
    return AgentView(agent.login, agent.display_name, agent.role, agent.team, agent.active)


def check_login(login) -> str:
    if not isinstance(login, str) or not _LOGIN.fullmatch(login):
        raise InvalidInput("login", "agent.login_invalid", login=login)
    return login


def add_agent(
    session: Session, login: str, name: str, role: str = "agent", team: str | None = None
) -> AgentView:
    """Add a person to the floor. Only a supervisor may, except the very first (bootstrap)."""
    login = check_login(login)
    name = require_text(name, "name", 100, "agent.name.hint")
    role = pick_word(role, ROLE_WORDS, "role")
    team = optional_text(team, "team", 64)
    with session.writing():
        if Agent.select().exists() and not session.is_supervisor:
            raise audit.refusal(
                "agent.add.supervisor_only",
                login=session.login,
                action="add an agent",
                target=login,
            )
        if Agent.get_or_none(Agent.login == login):
            raise Refused("agent.exists", login=login)
        agent = Agent.create(login=login, display_name=name, role=role, team=team, created_at=session.now())
    return _view(agent)


def ensure_first_supervisor(session: Session, name: str | None = None) -> AgentView | None:
    """On an empty floor, the login that sets it up becomes its first supervisor."""
    login = check_login(session.login)
    with session.writing():
        if Agent.select().exists():
            return None
        agent = Agent.create(
            login=login, display_name=name or login, role="supervisor", created_at=session.now()
        )
    session.forget_agent()
    return _view(agent)


@reading
def list_agents(session: Session) -> list[AgentView]:
    session.require_agent()  # only people on the floor may look
    return [_view(a) for a in Agent.select().order_by(Agent.role.desc(), Agent.login)]


OPEN_TICKET_STATUSES = ("new", "in_progress", "waiting")
"""core.tickets.sla.OPEN_STATUSES (core.people sits below core.tickets: a copy)."""


@dataclass(frozen=True)
class AgentChange:
    """A person's entry after set_agent, and the work they still own: a leaver's open tickets
    and callbacks stay theirs until a supervisor moves them (callfloor ticket assign --from)."""

    agent: AgentView
    open_tickets: int
    open_callbacks: int


def set_agent(
    session: Session,
    login: str,
    active: bool | None = None,
    role: str | None = None,
    name: str | None = None,
    team: str | None = None,
) -> AgentChange:
    """Change a person's entry: active (False: a leaver, who can no longer open the floor nor be
    given work; their tickets stay theirs until moved), role, display name, team ("" clears it).
    None leaves a value as it is. Supervisors only; the floor keeps at least one active
    supervisor."""
    login = (login or "").strip() if isinstance(login, str) else ""
    if active is None and role is None and name is None and team is None:
        raise Refused("agent.set.nothing", login=login)
    role = pick_word(role, ROLE_WORDS, "role") if role is not None else None
    name = require_text(name, "name", 100, "agent.name.hint") if name is not None else None
    new_team = optional_text(team, "team", 64) if team is not None else None
    with session.writing():
        if not session.is_supervisor:
            raise audit.refusal(
                "agent.set.supervisor_only", login=session.login, action="change an agent", target=login
            )
        agent = Agent.get_or_none(Agent.login == login)
        if agent is None:
            raise NotFound("agent.not_found", login=login)
        will_lead = (active if active is not None else agent.active) and (role or agent.role) == "supervisor"
        if agent.active and agent.role == "supervisor" and not will_lead:
            others = Agent.active_supervisors().where(Agent.id != agent.id)
            if not others.exists():
                raise Refused("agent.set.last_supervisor", login=login)
        if active is not None:
            agent.active = active
        if role is not None:
            agent.role = role
        if name is not None:
            agent.display_name = name
        if team is not None:
            agent.team = new_team
        agent.save()
        tickets = (
            Ticket.select()
            .where((Ticket.owner == agent.id) & Ticket.status.in_(OPEN_TICKET_STATUSES))
            .count()
        )
        callbacks = (
            Callback.select().where((Callback.owner == agent.id) & (Callback.status == "open")).count()
        )
    if login == session.login:
        session.forget_agent()
    return AgentChange(_view(agent), tickets, callbacks)
