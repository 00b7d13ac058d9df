"""The floor's people: agents and supervisors, their roles, teams and logins."""

from core.people.agents import check_login, ensure_first_supervisor

__all__ = ["check_login", "ensure_first_supervisor"]
