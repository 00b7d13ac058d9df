"""Reading the audit of refusals: the newest rows first, for supervisors only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.basics import InvalidInput
from core.floor.audit import refuse
from core.floor.session import Session
from core.floor.storage import reading
from db.models import AuditEvent

MAX_LISTED = 1000


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    login: str
    action: str
    target: str
    reason: str


@reading
def recent_refusals(session: Session, limit: int = 50) -> list[AuditRow]:
    """The newest refusals first. Supervisors only: an agent asking is refused, and audited."""
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LISTED:
        raise InvalidInput("limit", "audit.limit", limit=limit, most=MAX_LISTED)
    if not session.is_supervisor:
        raise refuse(
            session,
            "audit.supervisor_only",
            login=session.login,
            action="read the audit",
            target="audit",
        )
    query = AuditEvent.select().order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    return [AuditRow(e.at, e.login, e.action, e.target, e.reason) for e in query]
