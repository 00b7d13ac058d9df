"""The demo floor's improvement actions (issue 23): what a floor ten weeks in would have on its
list, each on the tickets behind a real problem of its history.

- one closed five weeks ago, on the top problem of its week (closed at the meeting, a note
  saying why), so the weekly report has a closed action to measure;
- one done today, its verification calls booked through the callbacks' rules;
- one in progress and past its deadline, on a phrase customers keep saying ("态度生硬");
- one opened this week.
Past actions are written as they happened (their timelines with them); today's done goes
through core.improvement itself.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from core.callbacks.verification import record_event
from core.floor import Session
from core.improvement import mark_done
from db.models import ActionTicket, Agent, Department, ImprovementAction, Ticket
from db.rows import as_tuples

_PLANS = (
    # (weeks ago created, working days to its deadline, status, title, department,
    #  (category, sub-tag, phrase), expected (measure, op, value))
    (
        7,
        10,
        "closed",
        "华东区增加第二家快递",
        "logistics",
        ("efficiency", "delivery_delay", None),
        ("share", "below", 0.15),
    ),
    (
        4,
        10,
        "done",
        "出厂质检抽检比例提高到 5%",
        "production",
        ("quality", None, None),
        ("share", "below", 0.1),
    ),
    (
        3,
        5,
        "in_progress",
        "送货师傅服务规范培训",
        "logistics",
        (None, None, "态度生硬"),
        ("count", "below", 5),
    ),
    (
        0,
        10,
        "open",
        "增值税发票抬头变更线上自助办理",
        "tech",
        ("billing", None, None),
        ("share", "below", 0.08),
    ),
)
"""Each on the tickets of the week before it was created that its problem names (8 at most)."""


def _tickets(start: datetime, end: datetime, category: str | None, subtag: str | None, phrase: str | None):
    query = Ticket.select(Ticket.id).where((Ticket.received_at >= start) & (Ticket.received_at < end))
    if category:
        query = query.where(Ticket.category == category)
        query = query.where(Ticket.subtag == subtag) if subtag else query
    if phrase:
        query = query.where(Ticket.description.contains(phrase))
    return [n for (n,) in as_tuples(query.order_by(Ticket.id).limit(8))]


def add_actions(session: Session, rng: random.Random) -> tuple[int, int | None]:
    """Writes the demo's actions (the supervisor acting); returns how many, and the number of the
    one to mark done today (finish_demo_actions)."""
    cal, now, boss = session.policy.calendar, session.now(), session.login
    agents = [
        login
        for (login,) in as_tuples(Agent.select(Agent.login).where(Agent.role == "agent").order_by(Agent.id))
    ]
    departments = [name for (name,) in as_tuples(Department.select(Department.name).order_by(Department.id))]
    if not agents or not departments:
        return 0, None
    made, to_finish = 0, None
    known = set(departments)
    for weeks, days, status, title, department, (category, subtag, phrase), (measure, op, value) in _PLANS:
        created = min(cal.next_opening(now - timedelta(weeks=weeks, days=1) if weeks else now), now)
        start, end = created - timedelta(days=7), created
        tickets = _tickets(start, end, category, subtag, phrase)
        due = cal.end_of_working_day(cal.local(cal.add_working_days(created, days)).date())
        action = ImprovementAction.create(
            title=title,
            category=category,
            subtag=subtag,
            phrase=phrase,
            department=Department.get(
                Department.name == (department if department in known else rng.choice(departments))
            ).id,
            owner=Agent.get(Agent.login == rng.choice(agents)).id,
            due_at=due,
            expect_measure=measure,
            expect_op=op,
            expect_value=value,
            created_by=boss,
            created_at=created,
        )
        ActionTicket.insert_many(
            [(action.id, t) for t in tickets], fields=[ActionTicket.action, ActionTicket.ticket]
        ).execute()
        record_event(action, created, boss, "created", title, after={"tickets": len(tickets)})
        if status in ("in_progress", "done", "closed"):
            started = cal.next_opening(created + timedelta(days=1))
            _move(action, started, action.owner.login, "in_progress", "status", "已联系相关部门")
        if status == "closed":
            done_at = cal.next_opening(created + timedelta(days=8))
            ImprovementAction.update(done_at=done_at, round=1).where(
                ImprovementAction.id == action.id
            ).execute()
            _move(action, done_at, action.owner.login, "done", "done", "已上线")
            closed_at = cal.next_opening(done_at + timedelta(days=4))
            ImprovementAction.update(closed_at=closed_at).where(ImprovementAction.id == action.id).execute()
            _move(action, closed_at, boss, "closed", "closed", "例会确认：客户回访反馈物流已明显改善")
        made += 1
        if status == "done" and tickets:  # a floor too small to have its tickets keeps it in progress
            to_finish = action.id
    return made, to_finish


def _move(action: ImprovementAction, at: datetime, actor: str, status: str, kind: str, text: str) -> None:
    before = ImprovementAction.get_by_id(action.id).status
    ImprovementAction.update(status=status).where(ImprovementAction.id == action.id).execute()
    record_event(action, at, actor, kind, text, {"status": before}, {"status": status})


def finish_demo_actions(session: Session, done_number: int) -> None:
    """Today's done action, through core: its verification calls are booked by the rules."""
    mark_done(session, done_number, note="已上线")
