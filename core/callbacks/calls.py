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

from core.basics import AlreadyClaimed, InvalidInput, NotFound, Refused, optional_text
from core.basics.errors import Message
from core.callbacks.actions import (
    held_refusal,
    may_be_held,
    may_make_call,
    not_yet_refusal,
    not_yours_refusal,
    supervisor_call_refusal,
    window_open,
)
from core.callbacks.call_times import require_working_time
from core.callbacks.groups import group_label
from core.callbacks.listing import (  # get_callback and list_callbacks: callers import them from here too
    SUPERVISOR_GROUPS,
    CallbackView,
    get_callback,  # noqa: F401
    list_callbacks,  # noqa: F401
    view_of,
)
from core.callbacks.low_scores import close_follow_up, run_low_score_loop
from core.callbacks.one_call import (
    MOST_GAPS,
    ROUTINE_GROUPS,
    after_gap,
    merged_script,
    purposes_line,
)
from core.callbacks.records import load_callback, require_open
from core.callbacks.rules import Window, respect_preferred, retry_time
from core.callbacks.scripts import Question, Script, default_scripts, parse_script
from core.callbacks.verification import settle_verification
from core.customers.call_time import kept_call_time
from core.floor import Session, reading
from core.policy import parse_deadline
from db.models import Agent, Callback, CallbackAnswer, CallbackAttempt, CallbackPurpose, Customer
from db.models import Script as ScriptRow

OUTCOMES = ("done", "busy", "unreachable", "refused")
CLOSED = ("done", "refused", "unreachable")
YES = ("yes", "y", "是", "是的", "有", "对")
NO = ("no", "n", "否", "不是", "没有", "不")


def _require_may_call(row: Callback, actor: Agent) -> None:
    if not may_make_call(row.group, actor.role):
        raise supervisor_call_refusal(row.id)


def _require_owner(row: Callback, actor: Agent) -> None:
    if row.owner_id == actor.id:
        return
    if row.owner_id is None:
        raise Refused("callback.no_owner", number=row.id)
    owner = Agent.get_by_id(row.owner_id)
    raise not_yours_refusal(row.id, owner.login, owner.display_name)


@contextmanager
def _own_open_callback(session: Session, callback_id):
    """A write transaction on an open callback the acting agent owns (else refused)."""
    with session.writing():
        row = load_callback(callback_id)
        require_open(row, session.policy.calendar.tz)
        _require_owner(row, session.agent)
        yield row


def claim_callback(session: Session, callback_id) -> bool:
    """Take a callback, like a ticket: one UPDATE ... WHERE owner IS NULL decides who wins.
    Returns False when it was already yours."""
    actor = session.agent
    with session.writing():
        row = load_callback(callback_id)
        require_open(row, session.policy.calendar.tz)
        _require_may_call(row, actor)
        taken = (
            Callback.update(owner=actor.id, row_version=Callback.row_version + 1)
            .where((Callback.id == row.id) & Callback.owner.is_null() & (Callback.status == "open"))
            .execute()
        )
    if taken:
        return True
    row = load_callback(callback_id)
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
    row = ScriptRow.get_or_none((ScriptRow.group == group) & (ScriptRow.version == version))
    if row is None:  # a loaded version is kept for good; a floor edited by hand may lack it
        raise NotFound("script.version.not_loaded", group=group, version=version)
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
                    # a merged script can lack a probe another script's trigger names
                    probe = next((q for q in self.script.questions if q.id == trigger.ask), None)
                    if probe is not None and probe not in asked:
                        asked.append(probe)
        return asked

    @property
    def next_question(self) -> Question | None:
        """The first question not answered yet (None: every question has an answer)."""
        return next((q for q in self.questions if q.id not in self.answers), None)

    @property
    def missing_required(self) -> list[Question]:
        return [q for q in self.questions if q.required and q.id not in self.answers]

    def opening(self, agent: str, language: str = "zh") -> str:
        """The script's opening; a call with several purposes adds a line naming each."""
        text = self.script.opening_for(self.callback.customer_name, agent, self.product)
        line = purposes_line(
            [(_group_name(p.group, language), p.ticket_ref) for p in self.callback.purposes], language
        )
        return f"{text}\n{line}" if line else text

    @property
    def product(self) -> str:
        """What the call is about, for the script's {product}: the ticket's first line."""
        return self.callback.ticket_summary


def _group_name(group: str, language: str) -> str:
    label = group_label(group)
    return label.name(language) if label else group


def _script_of(row: Callback) -> Script:
    """The script the call runs: its group's at the fixed version, merged with each joined
    purpose's (those that joined after the call started get theirs fixed when it resumes)."""
    assert row.script_version is not None
    scripts = [_script_at(row.group, row.script_version)]
    seen = {row.group}
    for purpose in (
        CallbackPurpose.select().where(CallbackPurpose.callback == row.id).order_by(CallbackPurpose.id)
    ):
        if purpose.group in seen or purpose.script_version is None:
            continue
        seen.add(purpose.group)
        scripts.append(_script_at(purpose.group, purpose.script_version))
    return merged_script(scripts)


def _call(row: Callback) -> Call:
    if row.script_version is None:  # claimed but never started: no script is fixed yet
        raise Refused("callback.not_started", number=row.id)
    view = view_of(row.id)
    answers = {a.question: a.answer for a in CallbackAnswer.select().where(CallbackAnswer.callback == row.id)}
    return Call(view, _script_of(row), answers)


def _require_window_open(row: Callback, now: datetime, session: Session) -> None:
    """A call is not begun before its window opens: a routine call waits out the week after the
    customer's last call, a complaint's verification the working days it is given (one begun
    already resumes)."""
    if not window_open(row.due_from, row.started_at, now):
        raise not_yet_refusal(row.id, row.due_from, session.policy.calendar)


def _require_not_held(row: Callback) -> None:
    """A low score stops routine calls to the customer until the supervisor's follow-up is done
    (a call already begun may still be finished)."""
    if not may_be_held(row.group, row.started_at):
        return
    held = (
        Callback.select(Callback.id)
        .where(
            (Callback.customer == row.customer_id)
            & (Callback.group.in_(SUPERVISOR_GROUPS))
            & (Callback.status == "open")
        )
        .order_by(Callback.id)
        .first()
    )
    if held is not None:
        raise held_refusal(row.id, held.id)


def start_call(session: Session, callback_id) -> Call:
    """Open the call: claims the callback when nobody has, fixes the script version the first
    time, and returns the answers already given (a dropped call resumes)."""
    actor, now = session.agent, session.now()
    with session.writing():
        row = load_callback(callback_id)
        require_open(row, session.policy.calendar.tz)
        _require_may_call(row, actor)
        _require_not_held(row)
        _require_window_open(row, now, session)
        if row.owner_id is None:
            Callback.update(owner=actor.id, row_version=Callback.row_version + 1).where(
                (Callback.id == row.id) & Callback.owner.is_null()
            ).execute()
            row = load_callback(row.id)
        _require_owner(row, actor)
        if row.script_version is None or row.started_at is None:
            version = row.script_version or _script_row_for(row.group, now).version
            Callback.update(
                script_version=version, started_at=row.started_at or now, row_version=Callback.row_version + 1
            ).where(Callback.id == row.id).execute()
            row = load_callback(row.id)
        _fix_purpose_scripts(row, now)
    return _call(row)


def _fix_purpose_scripts(row: Callback, now: datetime) -> None:
    """A reason that joined the call (even while it was under way) gets its script version, so
    its questions are asked before the call can be done."""
    for purpose in CallbackPurpose.select().where(
        (CallbackPurpose.callback == row.id) & CallbackPurpose.script_version.is_null()
    ):
        version = _script_row_for(purpose.group, now).version
        CallbackPurpose.update(script_version=version).where(CallbackPurpose.id == purpose.id).execute()


@reading
def resume_call(session: Session, callback_id) -> Call:
    """The call as saved, without changing anything (for showing it)."""
    session.require_agent()
    return _call(load_callback(callback_id))


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
        _fix_purpose_scripts(row, now)
        script = _script_of(row)
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
    return _call(load_callback(row.id))


def clear_answer(session: Session, callback_id, question_id: str) -> Call:
    """Take an answer back (the agent skips an optional question or corrects a slip)."""
    session.require_agent()
    with _own_open_callback(session, callback_id) as row:
        CallbackAnswer.delete().where(
            (CallbackAnswer.callback == row.id) & (CallbackAnswer.question == question_id)
        ).execute()
    return _call(load_callback(row.id))


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


def customer_busy(
    session: Session, callback_id, when: str, note: str | None = None, *, anyway: bool = False
) -> Outcome:
    """The customer asked to be called at another time: the callback waits until then. A time
    outside the floor's working time is refused (OutsideWorkingTime: the time with its weekday
    and the next working slot) unless the agent confirms it ``anyway``."""
    actor, now = session.agent, session.now()
    at = parse_deadline(when, now, session.policy.calendar.tz, field="call again at")
    if not anyway:
        require_working_time(at, session.policy.calendar)
    note = optional_text(note, "note", 2_000)
    with _own_open_callback(session, callback_id) as row:
        _log(row, now, actor.login, "busy", note, at)
        Callback.update(
            call_after=at,
            # An hour of working time to make it (a confirmed Saturday: Monday 10:00).
            due_by=max(row.due_by, session.policy.calendar.add_business_time(at, timedelta(hours=1))),
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
            settle_verification(session, load_callback(row.id), now, actor.login)
            return Outcome(row.id, "unreachable", attempts=attempts)
        retry = retry_time(now, session.policy.calendar, rules)
        _log(row, now, actor.login, "unreachable", note, retry)
        Callback.update(
            attempts=attempts,
            call_after=retry,
            due_by=max(row.due_by, session.policy.calendar.add_business_time(retry, timedelta(hours=1))),
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
        settle_verification(session, load_callback(row.id), now, actor.login)
    return Outcome(row.id, "refused", attempts=row.attempts)


def _close_followed(row: Callback, how: str) -> None:
    """A supervisor's follow-up ended: the low-scored callback it follows says so."""
    if row.follows_id is not None:
        close_follow_up(row.follows_id, how)


def _space_out(session: Session, row: Callback, now: datetime) -> None:
    """A call was made: the customer's other open routine callbacks not yet started wait out
    the policy's gap (one call, not five; core.callbacks.one_call)."""
    rules, cal = session.policy.callbacks, session.policy.calendar
    others = Callback.select().where(
        (Callback.customer == row.customer_id)
        & (Callback.id != row.id)
        & (Callback.status == "open")
        & Callback.group.in_(ROUTINE_GROUPS)
        & Callback.started_at.is_null()
    )
    preferred = kept_call_time(Customer.get_by_id(row.customer_id).preferred_call_time)
    for other in others:
        latest = cal.next_opening(other.created_at + MOST_GAPS * rules.gap)
        moved = after_gap(Window(other.due_from, other.due_by), now, rules.gap, cal, latest)
        moved = respect_preferred(moved, preferred, cal)  # the customer's hours inside it
        if moved != Window(other.due_from, other.due_by):
            Callback.update(
                due_from=moved.due_from, due_by=moved.due_by, row_version=Callback.row_version + 1
            ).where(Callback.id == other.id).execute()


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
        _fix_purpose_scripts(row, now)  # a reason that joined meanwhile is asked too
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
        _space_out(session, row, now)
        ended = load_callback(row.id)
        loop = run_low_score_loop(session, ended, now, actor.login)
        settle_verification(session, ended, now, actor.login)
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
        .where(CallbackAttempt.callback == load_callback(callback_id).id)
        .order_by(CallbackAttempt.id)
    )
