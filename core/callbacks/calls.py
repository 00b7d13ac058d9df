"""Callbacks (回访): the list, claiming, running a call from its script, and the outcome.

A call is run one answer at a time and every answer is saved as it is given, so a dropped
call resumes where it stopped. The outcomes are done, busy (the customer names a time),
unreachable (retried until the policy's maximum) and refused. A done call with an overall
score at or below the policy's low_score_max runs the low-score loop (core.callbacks.low_scores).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from peewee import JOIN

from core.basics import AlreadyClaimed, InvalidInput, NotFound, Refused, optional_text
from core.basics.errors import Message, Term
from core.callbacks.groups import GROUP_IDS
from core.callbacks.low_scores import close_follow_up, run_low_score_loop
from core.callbacks.rules import retry_time
from core.callbacks.scripts import Question, Script, default_scripts, parse_script
from core.floor import Session, audit, reading
from core.policy import parse_deadline
from db.models import Agent, Callback, CallbackAnswer, CallbackAttempt, Customer, Ticket
from db.models import Script as ScriptRow

OUTCOMES = ("done", "busy", "unreachable", "refused")
CLOSED = ("done", "refused", "unreachable")
YES = ("yes", "y", "是", "是的", "有", "对")
NO = ("no", "n", "否", "不是", "没有", "不")
SUPERVISOR_GROUPS = ("low_score_followup",)
"""Groups whose calls only a supervisor makes (docs/floor.md: 'a supervisor calls within 3 working days')."""


@dataclass(frozen=True)
class CallbackView:
    id: int
    key: str
    group: str
    customer_code: str
    customer_name: str
    customer_phone: str | None
    preferred_call_time: str | None
    ticket_ref: str | None
    ticket_summary: str  # the ticket's first line, short ("" without a ticket): the script's {product}
    follows: int | None
    reason: str | None
    due_from: datetime
    due_by: datetime
    call_after: datetime | None
    priority: str
    status: str
    owner: str | None
    attempts: int
    script_version: int | None
    started_at: datetime | None
    completed_at: datetime | None
    method: str
    overall: int | None
    efficiency: int | None
    solving: int | None
    attitude: int | None
    warm: bool | None
    feedback: str | None
    suggestion: str | None
    follow_up_status: str | None

    @property
    def starts_at(self) -> datetime:
        """When the call may be made: the window's start, or later if the customer asked."""
        return max(self.due_from, self.call_after) if self.call_after else self.due_from

    def when(self, now: datetime, tz) -> str:
        """overdue | today | upcoming (open callbacks), else the status."""
        if self.status != "open":
            return self.status
        if self.due_by < now:
            return "overdue"
        if self.starts_at.astimezone(tz).date() <= now.astimezone(tz).date():
            return "today"
        return "upcoming"


WHEN_ORDER = {"overdue": 0, "today": 1, "upcoming": 2}


def _first_line(text: str | None, limit: int = 40) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _view(row: Callback, customer: Customer, ticket, owner: str | None) -> CallbackView:
    return CallbackView(
        id=row.id,
        key=row.key,
        group=row.group,
        customer_code=customer.code,
        customer_name=customer.name,
        customer_phone=customer.phone,
        preferred_call_time=customer.preferred_call_time,
        ticket_ref=ticket.ref if ticket else None,
        ticket_summary=_first_line(ticket.description) if ticket else "",
        follows=row.follows_id,
        reason=row.reason,
        due_from=row.due_from,
        due_by=row.due_by,
        call_after=row.call_after,
        priority=row.priority,
        status=row.status,
        owner=owner,
        attempts=row.attempts,
        script_version=row.script_version,
        started_at=row.started_at,
        completed_at=row.completed_at,
        method=row.method,
        overall=row.overall,
        efficiency=row.efficiency,
        solving=row.solving,
        attitude=row.attitude,
        warm=row.warm,
        feedback=row.feedback,
        suggestion=row.suggestion,
        follow_up_status=row.follow_up_status,
    )


def _query():
    return (
        Callback.select(Callback, Customer, Ticket.id, Ticket.ref, Ticket.description, Agent.id, Agent.login)
        .join(Customer, on=(Callback.customer == Customer.id))
        .switch(Callback)
        .join(Ticket, join_type=JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .switch(Callback)
        .join(Agent, join_type=JOIN.LEFT_OUTER, on=(Callback.owner == Agent.id))
    )


def _views(query) -> list[CallbackView]:
    out = []
    for row in query:
        ticket = getattr(row, "ticket", None)
        owner = getattr(row, "owner", None)
        out.append(
            _view(row, row.customer, ticket if row.ticket_id else None, owner.login if owner else None)
        )
    return out


@reading
def list_callbacks(
    session: Session,
    *,
    open_only: bool = True,
    due: bool = False,
    group: str | None = None,
    mine: bool = False,
) -> list[CallbackView]:
    """Open callbacks: overdue first, then today's, then upcoming; high priority first within
    each, then by deadline. due=True keeps overdue and today's only."""
    session.require_agent()
    now, tz = session.now(), session.policy.calendar.tz
    query = _query()
    if open_only or due:
        query = query.where(Callback.status == "open")
    if group is not None:
        if group not in GROUP_IDS:
            raise InvalidInput("group", "callback.group.unknown", value=group, groups=", ".join(GROUP_IDS))
        query = query.where(Callback.group == group)
    if mine:
        query = query.where(Callback.owner == session.agent.id)
    views = _views(query.order_by(Callback.due_by, Callback.id))
    if due:
        views = [v for v in views if v.when(now, tz) in ("overdue", "today")]
    return sorted(
        views, key=lambda v: (WHEN_ORDER.get(v.when(now, tz), 3), v.priority != "high", v.due_by, v.id)
    )


def _load(callback_id) -> Callback:
    try:
        number = int(str(callback_id).strip().lstrip("#"))
    except ValueError:
        raise NotFound("callback.not_a_number", value=callback_id) from None
    # Past SQLite's 64-bit integers no row can have that number (and the driver would raise).
    row = Callback.get_or_none(Callback.id == number) if abs(number) < 2**63 else None
    if row is None:
        raise NotFound("callback.not_found", number=number)
    return row


@reading
def get_callback(session: Session, callback_id) -> CallbackView:
    session.require_agent()
    number = _load(callback_id).id
    return _views(_query().where(Callback.id == number))[0]


def _require_open(row: Callback) -> None:
    if row.status != "open":
        status = Term(f"callback.status.{row.status}")
        if row.completed_at:
            raise Refused(
                "callback.finished", number=row.id, status=status, at=f"{row.completed_at:%Y-%m-%d %H:%M}"
            )
        raise Refused("callback.not_open", number=row.id, status=status)


def _require_may_call(row: Callback, actor: Agent) -> None:
    if row.group in SUPERVISOR_GROUPS and actor.role != "supervisor":
        raise audit.refusal(
            "callback.supervisor_call",
            action="make a supervisor's follow-up call",
            target=f"callback #{row.id}",
            number=row.id,
        )


def _require_owner(row: Callback, actor: Agent) -> None:
    if row.owner_id == actor.id:
        return
    if row.owner_id is None:
        raise Refused("callback.no_owner", number=row.id)
    owner = Agent.get_by_id(row.owner_id)
    raise audit.refusal(
        "callback.not_yours",
        action="make another agent's callback",
        target=f"callback #{row.id}",
        number=row.id,
        owner_name=owner.display_name,
        owner_login=owner.login,
    )


@contextmanager
def _own_open_callback(session: Session, callback_id):
    """A write transaction on an open callback the acting agent owns (else refused)."""
    with session.writing():
        row = _load(callback_id)
        _require_open(row)
        _require_owner(row, session.agent)
        yield row


def claim_callback(session: Session, callback_id) -> bool:
    """Take a callback, like a ticket: one UPDATE ... WHERE owner IS NULL decides who wins.
    Returns False when it was already yours."""
    actor = session.agent
    with session.writing():
        row = _load(callback_id)
        _require_open(row)
        _require_may_call(row, actor)
        taken = (
            Callback.update(owner=actor.id, row_version=Callback.row_version + 1)
            .where((Callback.id == row.id) & Callback.owner.is_null() & (Callback.status == "open"))
            .execute()
        )
    if taken:
        return True
    row = _load(callback_id)
    if row.owner_id == actor.id:
        return False
    owner = Agent.get_by_id(row.owner_id)
    raise AlreadyClaimed(Message("callback.number", {"number": row.id}), owner.login, owner.display_name)


# ---------------------------------------------------------------- the script of a call


def _script_row_for(group: str, now: datetime) -> ScriptRow:
    """The newest loaded script of the group; when none was ever loaded, the shipped default
    is loaded now, so the answers can keep pointing at the version they were given under."""
    row = ScriptRow.select().where(ScriptRow.group == group).order_by(ScriptRow.version.desc()).first()
    if row is not None:
        return row
    shipped = next((s for s in default_scripts() if s.group == group), None)
    if shipped is None:
        raise NotFound("callback.no_script", group=group)
    return ScriptRow.create(
        group=group,
        version=shipped.version,
        source=shipped.source,
        loaded_at=now,
        loaded_by="callfloor (shipped default)",
    )


def _script_at(group: str, version: int) -> Script:
    row = ScriptRow.get((ScriptRow.group == group) & (ScriptRow.version == version))
    return parse_script(row.source, f"{group} version {version} (loaded)")


@dataclass(frozen=True)
class Call:
    """A call in progress: its callback, the script it runs under, and the answers so far."""

    callback: CallbackView
    script: Script
    answers: dict[str, str] = field(default_factory=dict)

    @property
    def questions(self) -> list[Question]:
        """The questions to ask, in order: the script's, plus each probe right after the
        question whose answer triggered it."""
        asked: list[Question] = []
        for question in self.script.questions:
            if question.probe:
                continue
            asked.append(question)
            answer = self.answers.get(question.id)
            if answer is None:
                continue
            for trigger in question.triggers:
                if trigger.matches(answer):
                    probe = self.script.question(trigger.ask)
                    if probe not in asked:
                        asked.append(probe)
        return asked

    @property
    def next_question(self) -> Question | None:
        """The first question not answered yet (None: every question has an answer)."""
        return next((q for q in self.questions if q.id not in self.answers), None)

    @property
    def missing_required(self) -> list[Question]:
        return [q for q in self.questions if q.required and q.id not in self.answers]

    def opening(self, agent: str) -> str:
        return self.script.opening_for(self.callback.customer_name, agent, self.product)

    @property
    def product(self) -> str:
        """What the call is about, for the script's {product}: the ticket's first line."""
        return self.callback.ticket_summary


def _call(row: Callback) -> Call:
    if row.script_version is None:  # claimed but never started: no script is fixed yet
        raise Refused("callback.not_started", number=row.id)
    view = _views(_query().where(Callback.id == row.id))[0]
    answers = {a.question: a.answer for a in CallbackAnswer.select().where(CallbackAnswer.callback == row.id)}
    return Call(view, _script_at(row.group, row.script_version), answers)


def start_call(session: Session, callback_id) -> Call:
    """Open the call: claims the callback when nobody has, fixes the script version the first
    time, and returns the answers already given (a dropped call resumes)."""
    actor, now = session.agent, session.now()
    with session.writing():
        row = _load(callback_id)
        _require_open(row)
        _require_may_call(row, actor)
        if row.owner_id is None:
            Callback.update(owner=actor.id).where(
                (Callback.id == row.id) & Callback.owner.is_null()
            ).execute()
            row = _load(row.id)
        _require_owner(row, actor)
        if row.script_version is None or row.started_at is None:
            version = row.script_version or _script_row_for(row.group, now).version
            Callback.update(
                script_version=version, started_at=row.started_at or now, row_version=Callback.row_version + 1
            ).where(Callback.id == row.id).execute()
            row = _load(row.id)
    return _call(row)


@reading
def resume_call(session: Session, callback_id) -> Call:
    """The call as saved, without changing anything (for showing it)."""
    session.require_agent()
    return _call(_load(callback_id))


def check_answer(question: Question, value) -> str:
    """The answer as it is stored, or InvalidInput saying what the question takes."""
    text = "" if value is None else str(value).strip()
    where = f"question {question.id}"
    if question.kind == "score":
        assert question.scale is not None  # parse_script refuses a score question without one
        low, high = question.scale
        try:
            number = int(text)
        except ValueError:
            raise InvalidInput(where, "callback.answer.not_score", value=text, low=low, high=high) from None
        if not low <= number <= high:
            raise InvalidInput(where, "callback.answer.off_scale", number=number, low=low, high=high)
        return str(number)
    if question.kind == "yes_no":
        word = text.casefold()
        if word in YES:
            return "yes"
        if word in NO:
            return "no"
        raise InvalidInput(where, "callback.answer.not_yes_no", value=text)
    if question.kind == "choice":
        if text.isdigit() and 1 <= int(text) <= len(question.options):
            return question.options[int(text) - 1]
        match = next((o for o in question.options if o.casefold() == text.casefold()), None)
        if match is None:
            raise InvalidInput(
                where, "callback.answer.not_an_option", value=text, count=len(question.options)
            )
        return match
    if not text:
        raise InvalidInput(where, "callback.answer.empty")
    if len(text) > 4_000:
        raise InvalidInput(where, "callback.answer.too_long", length=len(text))
    return text


def answer_question(session: Session, callback_id, question_id: str, value) -> Call:
    """Save one answer at once (a second answer to the same question replaces the first)."""
    actor, now = session.agent, session.now()
    with _own_open_callback(session, callback_id) as row:
        if row.script_version is None:
            raise Refused("callback.not_started", number=row.id)
        script = _script_at(row.group, row.script_version)
        question = next((q for q in script.questions if q.id == question_id), None)
        if question is None:
            raise NotFound(
                "callback.no_question", group=row.group, version=row.script_version, question=question_id
            )
        stored = check_answer(question, value)
        (
            CallbackAnswer.insert(
                callback=row.id,
                question=question.id,
                script_version=row.script_version,
                answer=stored,
                answered_at=now,
                answered_by=actor.login,
            )
            .on_conflict(
                conflict_target=[CallbackAnswer.callback, CallbackAnswer.question],
                update={
                    CallbackAnswer.answer: stored,
                    CallbackAnswer.answered_at: now,
                    CallbackAnswer.answered_by: actor.login,
                },
            )
            .execute()
        )
    return _call(_load(row.id))


def clear_answer(session: Session, callback_id, question_id: str) -> Call:
    """Take an answer back (the agent skips an optional question or corrects a slip)."""
    session.require_agent()
    with _own_open_callback(session, callback_id) as row:
        CallbackAnswer.delete().where(
            (CallbackAnswer.callback == row.id) & (CallbackAnswer.question == question_id)
        ).execute()
    return _call(_load(row.id))


# ---------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class Outcome:
    callback_id: int
    status: str  # the callback's status afterwards
    call_after: datetime | None = None
    attempts: int = 0
    low_score: bool = False
    follow_up_id: int | None = None
    reopened: str | None = None  # the ticket reopened by a low score


def _log(row: Callback, now: datetime, actor: str, outcome: str, note=None, next_try=None) -> None:
    CallbackAttempt.create(
        callback=row.id, at=now, agent=actor, outcome=outcome, note=note, next_try_at=next_try
    )


def customer_busy(session: Session, callback_id, when: str, note: str | None = None) -> Outcome:
    """The customer asked to be called at another time: the callback waits until then."""
    actor, now = session.agent, session.now()
    at = parse_deadline(when, now, session.policy.calendar.tz, field="call again at")
    note = optional_text(note, "note", 2_000)
    with _own_open_callback(session, callback_id) as row:
        _log(row, now, actor.login, "busy", note, at)
        Callback.update(
            call_after=at,
            due_by=max(row.due_by, at + timedelta(hours=1)),
            row_version=Callback.row_version + 1,
        ).where(Callback.id == row.id).execute()
    return Outcome(row.id, "open", call_after=at, attempts=row.attempts)


def customer_unreachable(session: Session, callback_id, note: str | None = None) -> Outcome:
    """No answer: try again after the policy's retry_after; at max_attempts the callback is
    given up (status unreachable)."""
    actor, now = session.agent, session.now()
    rules = session.policy.callbacks
    note = optional_text(note, "note", 2_000)
    with _own_open_callback(session, callback_id) as row:
        attempts = row.attempts + 1
        if attempts >= rules.max_attempts:
            _log(row, now, actor.login, "unreachable", note)
            Callback.update(
                attempts=attempts,
                status="unreachable",
                completed_at=now,
                row_version=Callback.row_version + 1,
            ).where(Callback.id == row.id).execute()
            _close_followed(row, "unreachable")
            return Outcome(row.id, "unreachable", attempts=attempts)
        retry = retry_time(now, session.policy.calendar, rules)
        _log(row, now, actor.login, "unreachable", note, retry)
        Callback.update(
            attempts=attempts,
            call_after=retry,
            due_by=max(row.due_by, retry + timedelta(hours=1)),
            row_version=Callback.row_version + 1,
        ).where(Callback.id == row.id).execute()
    return Outcome(row.id, "open", call_after=retry, attempts=attempts)


def customer_refused(session: Session, callback_id, note: str | None = None) -> Outcome:
    actor, now = session.agent, session.now()
    note = optional_text(note, "note", 2_000)
    with _own_open_callback(session, callback_id) as row:
        _log(row, now, actor.login, "refused", note)
        Callback.update(
            status="refused", completed_at=now, remarks=note, row_version=Callback.row_version + 1
        ).where(Callback.id == row.id).execute()
        _close_followed(row, "refused")
    return Outcome(row.id, "refused", attempts=row.attempts)


def _close_followed(row: Callback, how: str) -> None:
    """A supervisor's follow-up ended: the low-scored callback it follows says so."""
    if row.follows_id is not None:
        close_follow_up(row.follows_id, how)


def _results(call: Call) -> dict:
    """The callback's result fields from the answers: scores by dimension, warmth, and the
    customer's words (text and choice answers) as feedback; a text question whose id begins
    with improve or suggest also fills the suggestion."""
    fields: dict = {}
    words, suggestions = [], []
    for question in call.questions:
        answer = call.answers.get(question.id)
        if answer is None:
            continue
        if question.kind == "score" and question.dimension:
            fields[question.dimension] = int(answer)
        elif question.kind == "yes_no" and question.warmth:
            fields["warm"] = answer == "yes"
        elif question.kind in ("text", "choice"):
            words.append(f"{question.text} {answer}")
            if question.id.startswith(("improve", "suggest")):
                suggestions.append(answer)
    fields["feedback"] = "\n".join(words) or None
    fields["suggestion"] = "\n".join(suggestions) or None
    return fields


def finish_call(session: Session, callback_id, note: str | None = None) -> Outcome:
    """Done: refused with the list when a required question has no answer; saves the scores;
    a low overall score runs the low-score loop in the same transaction."""
    actor, now = session.agent, session.now()
    note = optional_text(note, "note", 2_000)
    with _own_open_callback(session, callback_id) as row:
        if row.script_version is None:
            raise Refused("callback.not_started", number=row.id)
        call = _call(row)
        missing = call.missing_required
        if missing:
            names = "; ".join(f"{q.id} ({q.text})" for q in missing)
            code = "callback.unanswered.many" if len(missing) > 1 else "callback.unanswered.one"
            raise Refused(code, number=row.id, questions=names)
        results = _results(call)
        _log(row, now, actor.login, "done", note)
        Callback.update(
            status="done",
            completed_at=now,
            method="phone",
            remarks=note,
            row_version=Callback.row_version + 1,
            **results,
        ).where(Callback.id == row.id).execute()
        _close_followed(row, "done")
        loop = run_low_score_loop(session, _load(row.id), now, actor.login)
    return Outcome(
        row.id,
        "done",
        attempts=row.attempts,
        low_score=loop is not None,
        follow_up_id=loop.follow_up_id if loop else None,
        reopened=loop.reopened if loop else None,
    )


@reading
def call_log(session: Session, callback_id) -> list[CallbackAttempt]:
    session.require_agent()
    return list(
        CallbackAttempt.select()
        .where(CallbackAttempt.callback == _load(callback_id).id)
        .order_by(CallbackAttempt.id)
    )
