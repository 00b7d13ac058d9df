"""Who is at work: the session every rule takes (login, role, clock, policy, database)
and the audit of moves a role does not allow.
"""

from core.floor import messages as _messages  # noqa: F401  (registers the words of its refusals)
from core.floor.audit_reads import recent_refusals
from core.floor.changes import Change, Changes, changes_since, newest_change
from core.floor.session import (
    POLICY_KEY,
    PolicyUpdate,
    Session,
    follow_policy,
    next_policy_revision,
    open_session,
    read_floor_policy,
)
from core.floor.storage import reading, retried, storage_problems

__all__ = [
    "Change",
    "Changes",
    "changes_since",
    "newest_change",
    "POLICY_KEY",
    "PolicyUpdate",
    "Session",
    "follow_policy",
    "next_policy_revision",
    "open_session",
    "read_floor_policy",
    "reading",
    "recent_refusals",
    "retried",
    "storage_problems",
]
