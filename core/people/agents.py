"""The floor's people: who may work here and in which role."""

from __future__ import annotations

import re

from core.basics import ROLE_WORDS, AgentView, InvalidInput, Refused, optional_text, pick_word, require_text
from core.floor import Session, audit, reading
from db.models import Agent

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
