"""What a person may do to a callback now: claim it, make the call, pass a low-score follow-up
on. The rules core checks when each is attempted are stated here once: calls and follow_ups
refuse by them, and the callbacks screen asks callback_actions so it offers only the keys core
would accept (core.tickets.actions does the same for tickets)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from core.basics import Refused
from core.basics.errors import Term
from core.callbacks.call_times import when_words
from core.callbacks.groups import FOLLOW_UP_GROUP
from core.callbacks.one_call import is_routine
from core.floor import Session, audit
from core.policy import WorkingCalendar

SUPERVISOR_GROUPS = (FOLLOW_UP_GROUP,)
"""Groups whose calls only a supervisor makes (docs/floor.md: 'a supervisor calls within 3 working days')."""
ACTIONS = ("claim", "call", "pass")
"""Every action callback_actions may answer with."""


class CallbackState(Protocol):
    """What the rules read of a callback as listed (core.callbacks.listing.CallbackView)."""

    @property
    def id(self) -> int: ...
    @property
    def group(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def due_from(self) -> datetime: ...
    @property
    def started_at(self) -> datetime | None: ...
    @property
    def held_by(self) -> int | None: ...


def may_make_call(group: str, role: str) -> bool:
    """A supervisor's follow-up is called (and claimed) by a supervisor; the rest by anyone."""
    return group not in SUPERVISOR_GROUPS or role == "supervisor"


def window_open(due_from: datetime, started_at: datetime | None, now: datetime) -> bool:
    """A call is not begun before its window opens; one begun already resumes."""
    return started_at is not None or due_from <= now


def may_be_held(group: str, started_at: datetime | None) -> bool:
    """Whether an open low-score follow-up of the customer holds this call back: a routine call
    not yet begun waits for it (a call already begun may still be finished)."""
    return is_routine(group) and started_at is None


def may_pass(role: str, group: str) -> bool:
    """A supervisor passes a low-score follow-up on to another supervisor; nothing else is passed."""
    return role == "supervisor" and group == FOLLOW_UP_GROUP


def supervisor_call_refusal(number: int) -> Refused:
    return audit.refusal(
        "callback.supervisor_call",
        action="make a supervisor's follow-up call",
        target=f"callback #{number}",
        number=number,
    )


def not_yet_refusal(number: int, due_from: datetime, calendar: WorkingCalendar) -> Refused:
    return Refused("callback.not_yet", number=number, opens=when_words(due_from, calendar))


def held_refusal(number: int, follow_up: int) -> Refused:
    return Refused("callback.held", number=number, follow_up=follow_up)


def not_yours_refusal(number: int, owner_login: str, owner_name: str) -> Refused:
    return audit.refusal(
        "callback.not_yours",
        action="make another agent's callback",
        target=f"callback #{number}",
        number=number,
        owner_name=owner_name,
        owner_login=owner_login,
    )


def call_refusal(session: Session, callback: CallbackState) -> Refused | None:
    """Why core would not begin (or resume) this call now, in the order start_call checks, as
    it would say it; None when it would. The owner is named by login (what the list knows)."""
    agent, now = session.agent, session.now()
    if callback.status != "open":
        status = Term(f"callback.status.{callback.status}")
        return Refused("callback.not_open", number=callback.id, status=status)
    if not may_make_call(callback.group, agent.role):
        return supervisor_call_refusal(callback.id)
    if callback.held_by is not None and may_be_held(callback.group, callback.started_at):
        return held_refusal(callback.id, callback.held_by)
    if not window_open(callback.due_from, callback.started_at, now):
        return not_yet_refusal(callback.id, callback.due_from, session.policy.calendar)
    if callback.owner not in (None, agent.login):
        return not_yours_refusal(callback.id, callback.owner, callback.owner)
    return None


def callback_actions(session: Session, callback: CallbackState) -> frozenset[str]:
    """The ACTIONS this session's person may take on the callback as listed. Worked out from
    what is in memory (no query beyond the session's own agent, read once per session), so a
    screen may ask on every move of its cursor. Core still checks at the write."""
    if callback.status != "open":
        return frozenset()
    role = session.agent.role
    allowed = set()
    if may_make_call(callback.group, role) and callback.owner is None:
        allowed.add("claim")  # claiming one's own changes nothing; another's is refused
    if call_refusal(session, callback) is None:
        allowed.add("call")
    if may_pass(role, callback.group):
        allowed.add("pass")
    return frozenset(allowed)
