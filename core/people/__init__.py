"""The floor's people: agents and supervisors, their roles, teams and logins."""

from core.people import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.people.agents import AgentChange, check_login, ensure_first_supervisor, set_agent

__all__ = ["AgentChange", "check_login", "ensure_first_supervisor", "set_agent"]
