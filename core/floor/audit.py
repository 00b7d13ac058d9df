"""The audit: every refusal on role grounds (NotAllowed) leaves one row saying who tried what,
on what, and what they were told, so a supervisor can see it (callfloor audit).

The row is written in its own short transaction AFTER the refused change rolled back: a row
written inside the refused transaction would be rolled back with it. Session.writing() records
refusals raised inside its block; a refusal raised outside any write is recorded by refuse().
Each refusal is recorded once (it is marked when recorded). If the audit row cannot be written
(a read-only disk, a long lock) the person still gets the original refusal, with a note.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from peewee import Database, PeeweeException

from core.basics import NotAllowed
from db.connection import write_transaction
from db.errors import StorageError
from db.models import AuditEvent


class Actor(Protocol):
    """Who was refused: a Session (core.floor.session builds on this module, so it is not named here)."""

    db: Database
    login: str

    def now(self) -> datetime: ...


def refusal(code: str, *, action: str, target: str, **params: Any) -> NotAllowed:
    """A NotAllowed that names what was attempted and on what, for its audit row."""
    return NotAllowed(code, action=action, target=target, **params)


def refuse(session: Actor, code: str, *, action: str, target: str, **params: Any) -> NotAllowed:
    """For a refusal outside any write: record it now and return it for the caller to raise."""
    refused = refusal(code, action=action, target=target, **params)
    record(session, refused)
    return refused


def record(session: Actor, refused: NotAllowed) -> None:
    """Write the refusal's audit row unless it was recorded already. Inside an open transaction
    it waits: the enclosing Session.writing() records it after the rollback. Never raises."""
    if refused.audited or session.db.in_transaction():
        return
    refused.audited = True
    action, target = refused.action, refused.target
    try:
        with write_transaction(session.db):
            AuditEvent.create(
                at=session.now(),
                login=session.login,
                action=action[:200],
                target=str(target)[:200],
                reason=str(refused),
            )
    except (StorageError, PeeweeException, OSError) as exc:
        refused.add_note(f"(this refusal could not be written to the audit: {exc})")
