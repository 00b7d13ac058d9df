"""A page of a drill-down's rows (core.report.drill): the details of the tickets, callbacks,
attempts or handoffs whose ids core.report.drill_lists chose, in the language asked.

No customer's name, phone or words are shown: a row says which ticket or callback it is, who
has it, and why it is in the list (its wait, its due time, its score), never what the
customer said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from peewee import JOIN

from core.report.cells import mask_free_text
from core.report.drill_words import DIMENSION_NAMES, OUTCOMES, DrillWords
from core.report.figures import RESOLVED_STATUSES, instant
from core.report.words import FOLLOW_UPS, STATUSES, TIERS, Words
from db.models import Agent, Callback, CallbackAttempt, Department, Handoff, Ticket
from db.rows import as_tuples


@dataclass(frozen=True)
class Say:
    """What a page's rows are written with."""

    w: Words
    d: DrillWords
    tz: tzinfo
    style: str
    """Which detail the list's rows give: "status", "fcr", "wait", "response", "solution"
    (tickets); "score", "warmth", "suggestion", a dimension's name (callbacks); "attempt";
    "handoff"."""
    low_max: int

    def at(self, moment: datetime | None) -> str:
        return "" if moment is None else f"{moment.astimezone(self.tz):%m-%d %H:%M}"

    def join(self, parts: Sequence[str]) -> str:
        return self.d("sep").join(p for p in parts if p)


def _by_id(rows, ids: Sequence[int]) -> list[tuple]:
    found = {row[0]: row for row in rows}
    return [found[i] for i in ids if i in found]


def ticket_rows(say: Say, page: Sequence[tuple[int, int | None]]):
    """(kind, ident, ref, at, who, what, detail, value) of the page's tickets, in its order."""
    ids = [ident for ident, _ in page]
    values = dict(page)
    query = (
        Ticket.select(
            Ticket.id,
            Ticket.ref,
            Ticket.received_at,
            Ticket.category,
            Ticket.tier,
            Ticket.status,
            Agent.login,
            Ticket.first_response_at,
            Ticket.response_due_at,
            Ticket.resolved_at,
            Ticket.solution_due_at,
            Ticket.paused_at,
            Ticket.reopened_count,
            Ticket.inbound_contacts,
        )
        .join(Agent, JOIN.LEFT_OUTER, on=(Ticket.owner == Agent.id))
        .where(Ticket.id.in_(ids))
    )
    w, d = say.w, say.d
    out = []
    for row in _by_id(as_tuples(query), ids):
        (ident, ref, received, category, tier, status, login, first, response_due) = row[:9]
        resolved, solution_due, paused, reopened, inbound = row[9:]
        value = values[ident]
        what = say.join([w.item("category", category), w.pick(TIERS, tier)])
        status_word = w.pick(STATUSES, status)
        if say.style == "wait":
            waited = d.duration(value or 0)
            if first is None:
                detail = d("waiting", m=waited)
            else:
                # a wait over an hour is often a night's, answered in target: say so
                met = response_due is not None and instant(first) <= instant(response_due)
                detail = say.join([d("waited", m=waited), d("in_target") if met else ""])
        elif say.style == "response":
            done = d("answered_at", at=say.at(first)) if first is not None else d("not_answered")
            detail = say.join(
                [_late(d, value), d("due", at=say.at(response_due)), done]
            )  # how late first: a narrow list still shows it
        elif say.style == "solution":
            if status in RESOLVED_STATUSES and resolved is not None:
                done = d("resolved_at", at=say.at(resolved))
            else:
                done = d("paused") if paused is not None else d("still_open")
            detail = say.join([_late(d, value), d("due", at=say.at(solution_due)), done])
        elif say.style == "fcr":
            detail = say.join([status_word, d("reopened", n=reopened), d("contacts", n=inbound)])
        else:
            detail = status_word
        out.append(("ticket", ident, ref, _local(received, say), login, what, detail, value))
    return out


def _late(d: DrillWords, minutes: int | None) -> str:
    return d("late_by", m=d.duration(minutes)) if minutes is not None and minutes > 0 else ""


def _local(moment, say: Say) -> datetime:
    return instant(moment).astimezone(say.tz)


def callback_rows(say: Say, page: Sequence[tuple[int, int | None]]):
    """The page's callbacks (kind "callback"), in its order."""
    ids = [ident for ident, _ in page]
    values = dict(page)
    query = (
        Callback.select(
            Callback.id,
            Callback.completed_at,
            Agent.login,
            Callback.group,
            Ticket.ref,
            Callback.overall,
            Callback.efficiency,
            Callback.solving,
            Callback.attitude,
            Callback.warm,
            Callback.follow_up_status,
            Callback.suggestion,
        )
        .join(Ticket, JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .switch(Callback)
        .join(Agent, JOIN.LEFT_OUTER, on=(Callback.owner == Agent.id))
        .where(Callback.id.in_(ids))
    )
    groups = say.w.groups()
    d = say.d
    out = []
    for row in _by_id(as_tuples(query), ids):
        ident, completed, login, group, ref, overall, efficiency, solving, attitude, warm, follow_up = row[
            :11
        ]
        suggestion = row[11]
        dimensions = {"efficiency": efficiency, "solving": solving, "attitude": attitude}
        parts = [d("score", n=overall) if overall is not None else d("no_score")]
        if say.style in dimensions:
            parts.append(d("dimension", name=d.pick(DIMENSION_NAMES, say.style), n=dimensions[say.style]))
        if say.style == "warmth" and warm is not None:
            parts.append(d("warm_yes") if warm else d("warm_no"))
        if say.style == "suggestion":
            # what the customer suggested is what the meeting reads (masked as the workbook's sheet)
            parts.append(mask_free_text((suggestion or "").strip()) or d("suggested"))
        if overall is not None and overall <= say.low_max and follow_up:
            parts.append(d("follow_up", state=say.w.pick(FOLLOW_UPS, follow_up)))
        value = values[ident]
        at = _local(completed, say)
        out.append(("callback", ident, ref, at, login, groups.get(group, group), say.join(parts), value))
    return out


def attempt_rows(say: Say, page: Sequence[tuple[int, int | None]]):
    """The page's attempts: one row each, of the attempt's callback (kind "callback")."""
    ids = [ident for ident, _ in page]
    query = (
        CallbackAttempt.select(
            CallbackAttempt.id,
            CallbackAttempt.at,
            CallbackAttempt.agent,
            CallbackAttempt.outcome,
            Callback.id,
            Callback.group,
            Ticket.ref,
        )
        .join(Callback, on=(CallbackAttempt.callback == Callback.id))
        .join(Ticket, JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .where(CallbackAttempt.id.in_(ids))
    )
    groups = say.w.groups()
    out = []
    for _, at, agent, outcome, callback, group, ref in _by_id(as_tuples(query), ids):
        detail = say.d("attempt", outcome=say.d.pick(OUTCOMES, outcome))
        out.append(
            ("callback", callback, ref, _local(at, say), agent, groups.get(group, group), detail, None)
        )
    return out


def handoff_rows(say: Say, page: Sequence[tuple[int, int | None]], stuck: set[int]):
    """The page's handoffs (stuck: those stuck now), in its order."""
    ids = [ident for ident, _ in page]
    values = dict(page)
    query = (
        Handoff.select(
            Handoff.id,
            Handoff.due_at,
            Handoff.answered_at,
            Handoff.stage,
            Department.name,
            Ticket.ref,
            Agent.login,
        )
        .join(Department, on=(Handoff.department == Department.id))
        .switch(Handoff)
        .join(Ticket, on=(Handoff.ticket == Ticket.id))
        .join(Agent, JOIN.LEFT_OUTER, on=(Ticket.owner == Agent.id))
        .where(Handoff.id.in_(ids))
    )
    d = say.d
    out = []
    for ident, due, answered, stage, department, ref, login in _by_id(as_tuples(query), ids):
        value = values[ident]
        done = d("answered_at", at=say.at(instant(answered))) if answered is not None else d("not_answered")
        parts = [_late(d, value), d("due", at=say.at(instant(due))), done]
        if stage == "withdrawn":
            parts.append(d("withdrawn"))
        if ident in stuck:
            parts.append(d("stuck_now"))
        what = say.w.item("department", department)
        out.append(("handoff", ident, ref, _local(due, say), login, what, say.join(parts), value))
    return out
