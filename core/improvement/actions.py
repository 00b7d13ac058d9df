"""Writing improvement actions (issue 23): add, update, done, close, reopen. Each is one short
write transaction with its event on the action's timeline (core.callbacks.verification).

Who may do what (a refusal on role grounds is audited like every other):
- a supervisor creates, edits (title, problem, department, owner, deadline, effect, tickets),
  closes by hand and reopens;
- the owner or a supervisor moves it on (open -> in progress -> done), and adds notes.
Marked done, it books one verification call per customer it covers (the callbacks' rules
merge it with the customer's other calls); the calls' scores close it, or a low one reopens it
(core.callbacks.verification). Closed by hand, it needs a note saying why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.basics import InvalidInput, NotFound, Refused, Term, optional_text, pick, require_text, say
from core.callbacks.verification import book_verification, record_event
from core.floor import Session, audit
from core.handoffs.directory import find_department
from core.improvement.expected import Expected, parse_expected
from core.improvement.statuses import STATUS_LABELS
from core.policy import parse_deadline
from core.tickets.lifecycle import load
from db.connection import for_write
from db.models import ActionEvent, ActionTicket, Agent, ImprovementAction, Ticket
from db.rows import as_tuples

MOVES = {"open": ("in_progress", "done"), "in_progress": ("done",), "done": (), "closed": ()}
"""The moves an owner makes; a low score (in_progress) and a supervisor's close/reopen are
the others."""
MOST_TICKETS = 2_000
MOST_WORKING_DAYS = 250
MOST_DAYS_AHEAD = 366
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBER = re.compile(r"^\s*[aA#]?\s*(\d{1,9})\s*$")


@dataclass(frozen=True)
class Problem:
    """What an action answers: a category (and sub-tag) and/or a phrase customers keep saying."""

    category: str | None = None
    subtag: str | None = None
    phrase: str | None = None


@dataclass(frozen=True)
class Done:
    number: int
    round: int
    booked: int
    """Verification calls booked or joined (one per customer)."""
    customers: int


def action_number(value) -> int:
    """3, "3", "A3", "#3" -> 3; InvalidInput otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _NUMBER.match(unicodedata.normalize("NFKC", value)) if isinstance(value, str) else None
    if match is None or int(match[1]) == 0:
        raise InvalidInput("action", "action.number.hint")
    return int(match[1])


def _load(number) -> ImprovementAction:
    """The action, its row ours until commit (inside a write)."""
    n = action_number(number)
    action = for_write(ImprovementAction.select().where(ImprovementAction.id == n)).first()
    if action is None:
        raise NotFound("action.not_found", number=n)
    return action


def _require_supervisor(session: Session, doing: str, target: str) -> None:
    if not session.is_supervisor:  # recorded in the audit now, or after a write's rollback
        raise audit.refuse(
            session,
            "action.supervisors_only",
            doing=Term(doing),
            login=session.login,
            action=say(doing),
            target=target,
        )


def _require_owner(session: Session, action: ImprovementAction, doing: str) -> None:
    actor = session.agent
    if actor.role == "supervisor" or action.owner_id == actor.id:
        return
    owner = Agent.get_by_id(action.owner_id)
    raise audit.refusal(
        "action.not_owner",
        number=action.id,
        owner=owner.login,
        doing=Term(doing),
        action=f"{say(doing)} (another's action)",
        target=f"A{action.id}",
    )


def _require_version(action: ImprovementAction, version: int | None, session: Session) -> None:
    if version is None or version == action.row_version:
        return
    last = ActionEvent.select().where(ActionEvent.action == action.id).order_by(ActionEvent.id.desc()).first()
    when = f"{session.policy.calendar.local(last.at):%Y-%m-%d %H:%M}" if last else "?"
    raise Refused("action.stale", number=action.id, login=last.actor if last else "?", when=when)


def _owner(login) -> Agent:
    typed = (login or "").strip() if isinstance(login, str) else ""
    agent = Agent.get_or_none(Agent.login == typed)
    if agent is None:
        raise NotFound("agent.not_found", login=typed)
    if not agent.active:
        raise InvalidInput("owner", "action.owner.left", login=typed)
    return agent


def _due(session: Session, typed, now: datetime) -> datetime:
    """The close of the N-th working day after today (today not counted: on a Saturday, 1 is
    Monday), or of a working day typed as a date; else a deadline as tickets take it."""
    cal = session.policy.calendar
    text = unicodedata.normalize("NFKC", str(typed)).strip() if isinstance(typed, (str, int)) else ""
    if text.isdigit():
        days = int(text)
        if not 1 <= days <= MOST_WORKING_DAYS:
            raise InvalidInput("due", "action.due.days", value=text)
        day = cal.local(now).date()
        for _ in range(days):
            day = cal.next_working_day(day)
        return cal.end_of_working_day(day)
    date_typed = _DATE.fullmatch(text)
    if date_typed:
        try:
            day = date(*(int(part) for part in date_typed.groups()))
        except ValueError:
            raise InvalidInput("due", "action.due.days", value=text) from None
        if day <= cal.local(now).date():
            raise InvalidInput("due", "action.due.passed", value=text)
        if day - cal.local(now).date() > timedelta(days=MOST_DAYS_AHEAD):
            raise InvalidInput("due", "action.due.days", value=text)
        if not cal.is_working_day(day):
            raise InvalidInput("due", "action.due.not_working", value=text)
        return cal.end_of_working_day(day)
    try:
        return parse_deadline(text, now, cal.tz, "due")
    except InvalidInput:
        raise InvalidInput("due", "action.due.days", value=text) from None


def _problem(session: Session, problem: Problem) -> Problem:
    policy = session.policy
    category = subtag = None
    if problem.category not in (None, ""):
        category = pick(problem.category, policy.categories, "category")
    if problem.subtag not in (None, ""):
        if category is None:
            raise InvalidInput("subtag", "action.subtag.alone")
        found = policy.category(category)
        subtag = pick(problem.subtag, found.subtags if found else (), "subtag")
    phrase = optional_text(problem.phrase, "phrase", 100) if problem.phrase else None
    phrase = phrase.strip() if phrase else None
    if category is None and not phrase:
        raise InvalidInput("problem", "action.problem.missing")
    return Problem(category, subtag, phrase)


def _tickets(refs) -> list[int]:
    ids: list[int] = []
    seen: set[int] = set()
    for ref in refs or ():
        ticket = load(ref, Ticket.id, Ticket.ref)
        if ticket.id in seen:
            raise InvalidInput("tickets", "action.ticket.twice", ref=ticket.ref)
        seen.add(ticket.id)
        ids.append(ticket.id)
    if len(ids) > MOST_TICKETS:
        raise InvalidInput("tickets", "action.tickets.too_many", most=MOST_TICKETS)
    return ids


def _cover(action_id: int, ticket_ids: list[int]) -> None:
    for start in range(0, len(ticket_ids), 500):
        rows = [(action_id, t) for t in ticket_ids[start : start + 500]]
        ActionTicket.insert_many(rows, fields=[ActionTicket.action, ActionTicket.ticket]).execute()


def add_action(
    session: Session,
    title: str,
    department: str,
    owner: str,
    due,
    expect: str,
    problem: Problem,
    tickets=(),
) -> int:
    """A new action, open; its number. Supervisors only."""
    title = require_text(title, "title", 200, "action.title.hint").strip()
    _require_supervisor(session, "action.doing.create", title)
    expected = parse_expected(expect)
    now = session.now()
    due_at = _due(session, due, now)
    problem = _problem(session, problem)
    with session.writing():
        dept = find_department(session, department)
        person = _owner(owner)
        ticket_ids = _tickets(tickets)
        action = ImprovementAction.create(
            title=title,
            category=problem.category,
            subtag=problem.subtag,
            phrase=problem.phrase,
            department=dept.id,
            owner=person.id,
            due_at=due_at,
            expect_measure=expected.measure,
            expect_op=expected.op,
            expect_value=expected.value,
            created_by=session.login,
            created_at=now,
        )
        _cover(action.id, ticket_ids)
        record_event(
            action,
            now,
            session.login,
            "created",
            title,
            after={
                "department": dept.name,
                "owner": person.login,
                "due_at": due_at,
                "expect": expected.say(),
                "category": problem.category,
                "subtag": problem.subtag,
                "phrase": problem.phrase,
                "tickets": len(ticket_ids),
            },
        )
    return action.id


def _status_term(status: str) -> Term:
    return Term(f"action.status.{status}")


def _refuse_move(action: ImprovementAction, wanted: str) -> None:
    if action.status == "closed":
        raise Refused("action.closed", number=action.id)
    raise Refused(
        "action.move.refused",
        number=action.id,
        status=_status_term(action.status),
        wanted=_status_term(wanted),
    )


def update_action(
    session: Session,
    number,
    *,
    status: str | None = None,
    note: str | None = None,
    title: str | None = None,
    department: str | None = None,
    owner: str | None = None,
    due=None,
    expect: str | None = None,
    problem: Problem | None = None,
    add_tickets=(),
    drop_tickets=(),
    version: int | None = None,
) -> int:
    """Change what is given; one event per call, naming before and after. status: in_progress
    (done has its own function, mark_done). Returns the action's new row version."""
    note = optional_text(note, "note", 2_000)
    if status is not None and status not in ("in_progress", "open", "done", "closed"):
        status = pick(status, STATUS_LABELS, "status")
    editing = any(v is not None for v in (title, department, owner, due, expect, problem)) or bool(
        add_tickets or drop_tickets
    )
    if not editing and status is None and not note:
        raise InvalidInput("action", "action.nothing")
    if status == "done":
        mark_done(session, number, note=note, version=version)
        return _load(number).row_version
    if status == "closed":
        return close_action(session, number, note or "", version=version)
    now = session.now()
    new_title = require_text(title, "title", 200, "action.title.hint").strip() if title is not None else None
    expected = parse_expected(expect) if expect is not None else None
    due_at = _due(session, due, now) if due is not None else None
    checked = _problem(session, problem) if problem is not None else None
    with session.writing():
        action = _load(number)
        _require_owner(session, action, "action.doing.update")
        if editing:
            _require_supervisor(session, "action.doing.edit", f"A{action.id}")
        _require_version(action, version, session)
        if action.status == "closed":
            raise Refused("action.closed", number=action.id)
        before: dict = {}
        after: dict = {}
        fields: dict = {}

        def change(name: str, column: str, old, new, shown_old=None, shown_new=None) -> None:
            if new is None or new == old:
                return
            fields[column] = new
            before[name] = old if shown_old is None else shown_old
            after[name] = new if shown_new is None else shown_new

        if status is not None and status != action.status:
            if status not in MOVES[action.status]:
                _refuse_move(action, status)
            change("status", "status", action.status, status)
        change("title", "title", action.title, new_title)
        if department is not None:
            dept = find_department(session, department)
            change(
                "department", "department", action.department_id, dept.id, action.department.name, dept.name
            )
        if owner is not None:
            person = _owner(owner)
            change("owner", "owner", action.owner_id, person.id, action.owner.login, person.login)
        change("due_at", "due_at", action.due_at, due_at)
        if expected is not None:
            old = _expected_of(action)
            if expected != old:
                fields.update(
                    expect_measure=expected.measure, expect_op=expected.op, expect_value=expected.value
                )
                before["expect"], after["expect"] = old.say(), expected.say()
        if checked is not None:  # the problem as a whole: a part not given is cleared
            for column in ("category", "subtag", "phrase"):
                old, new = getattr(action, column), getattr(checked, column)
                if old != new:
                    fields[column], before[column], after[column] = new, old, new
        added = _tickets(add_tickets)
        dropped = _tickets(drop_tickets)
        covered = ActionTicket.select(ActionTicket.ticket).where(ActionTicket.action == action.id)
        have = {t for (t,) in as_tuples(covered)}
        added = [t for t in added if t not in have]
        dropped = [t for t in dropped if t in have]
        if len(have) + len(added) > MOST_TICKETS:
            raise InvalidInput("tickets", "action.tickets.too_many", most=MOST_TICKETS)
        if added:
            _cover(action.id, added)
            after["tickets_added"] = len(added)
        if dropped:
            ActionTicket.delete().where(
                (ActionTicket.action == action.id) & ActionTicket.ticket.in_(dropped)
            ).execute()
            after["tickets_dropped"] = len(dropped)
        if not fields and not after and not note:
            return action.row_version  # the same values again: nothing happened
        kind = (
            "status" if "status" in fields and len(fields) == 1 else ("edited" if fields or after else "note")
        )
        fields["row_version"] = ImprovementAction.row_version + 1
        ImprovementAction.update(**fields).where(ImprovementAction.id == action.id).execute()
        record_event(action, now, session.login, kind, note, before or None, after or None)
        return action.row_version + 1


def _expected_of(action: ImprovementAction) -> Expected:
    return Expected(action.expect_measure, action.expect_op, action.expect_value)


def mark_done(session: Session, number, note: str | None = None, version: int | None = None) -> Done:
    """The owner (or a supervisor) says it is done: the round moves on and each covered
    customer's verification call is booked."""
    note = optional_text(note, "note", 2_000)
    now = session.now()
    with session.writing():
        action = _load(number)
        _require_owner(session, action, "action.doing.update")
        _require_version(action, version, session)
        if "done" not in MOVES[action.status]:
            _refuse_move(action, "done")
        if not ActionTicket.select().where(ActionTicket.action == action.id).exists():
            raise Refused("action.done.no_tickets", number=action.id)
        round_ = action.round + 1
        ImprovementAction.update(
            status="done", done_at=now, round=round_, row_version=ImprovementAction.row_version + 1
        ).where(ImprovementAction.id == action.id).execute()
        action.round = round_
        booked = book_verification(session, action, now)
        customers = len({b.customer_code for b in booked})
        text = f"round {round_}: {customers} verification call(s) booked" + (f"; {note}" if note else "")
        record_event(action, now, session.login, "done", text, {"status": action.status}, {"status": "done"})
    return Done(action.id, round_, len(booked), customers)


def close_action(session: Session, number, note: str, version: int | None = None) -> int:
    """A supervisor closes it by hand (its verification calls ended unscored, or it was
    dropped): the note says why."""
    _require_supervisor(session, "action.doing.close", f"A{number}")
    note = require_text(note, "note", 2_000, "action.close.hint")
    now = session.now()
    with session.writing():
        action = _load(number)
        _require_version(action, version, session)
        if action.status == "closed":
            raise Refused("action.closed", number=action.id)
        ImprovementAction.update(
            status="closed", closed_at=now, row_version=ImprovementAction.row_version + 1
        ).where(ImprovementAction.id == action.id).execute()
        record_event(
            action, now, session.login, "closed", note, {"status": action.status}, {"status": "closed"}
        )
        return action.row_version + 1


def reopen_action(session: Session, number, note: str, version: int | None = None) -> int:
    """A supervisor reopens a done or closed action (in progress again): the note says why."""
    _require_supervisor(session, "action.doing.reopen", f"A{number}")
    note = require_text(note, "note", 2_000, "action.note.hint")
    now = session.now()
    with session.writing():
        action = _load(number)
        _require_version(action, version, session)
        if action.status not in ("done", "closed"):
            _refuse_move(action, "in_progress")
        ImprovementAction.update(
            status="in_progress", closed_at=None, row_version=ImprovementAction.row_version + 1
        ).where(ImprovementAction.id == action.id).execute()
        record_event(
            action, now, session.login, "reopened", note, {"status": action.status}, {"status": "in_progress"}
        )
        return action.row_version + 1


def late(status: str, due_at: datetime, done_at: datetime | None, now: datetime) -> bool:
    """Past its deadline and not done, or done after it."""
    if status in ("open", "in_progress"):
        return now > due_at
    return done_at is not None and done_at > due_at
