"""The demo floor's callbacks as rows: the calls core.demo.planner planned, made (with their
scores and the customer's words) or booked and still open, the reasons that joined them
(callback_purpose), the low scores' follow-ups; and customers' callback preferences.
"""

from __future__ import annotations

import random
from operator import itemgetter

from core.callbacks.follow_ups import FOLLOW_UP_GROUP
from core.demo.clockwork import Stamps, WorkingTime
from core.demo.people import Cast
from core.demo.planner import Call
from db.bulk import insert_rows
from db.models import Callback, CallbackAttempt, CallbackPurpose, Customer
from db.rows import as_tuples

SCORES = (1, 2, 3, 4, 5)
SCORE_WEIGHTS = (0, 0, 10, 45, 45)  # satisfied enough: with the low scores, about 4.2 on average
LOW_WEIGHTS = (35, 65, 0, 0, 0)
CALL_TIMES = ("09:30-11:30", "14:00-17:00", "15:00-17:30", "10:00-12:00")
FEEDBACK = {
    "zh": (
        "处理很及时，谢谢。",
        "客服态度很好。",
        "问题解决了，但等待时间有点长。",
        "物流可以再快一点。",
        "希望以后能主动通知进度。",
        "响应慢，等了很久才有人回复。",
    ),
    "en": (
        "Quick and helpful, thanks.",
        "Friendly staff.",
        "Solved, but the wait was long.",
        "Delivery could be faster.",
        "Please tell me about progress without my asking.",
        "Slow response, it took ages to hear back.",
    ),
}
SUGGESTIONS = {
    "zh": ("主动推送处理进度", "缩短物流时间", "增加夜间客服"),
    "en": ("Send progress updates", "Faster delivery", "Evening support hours"),
}
FIELDS = (
    "id",
    "key",
    "group",
    "customer",
    "ticket",
    "follows",
    "reason",
    "due_from",
    "due_by",
    "priority",
    "status",
    "owner",
    "attempts",
    "script_version",
    "started_at",
    "completed_at",
    "method",
    "overall",
    "efficiency",
    "solving",
    "attitude",
    "warm",
    "feedback",
    "suggestion",
    "follow_up_status",
    "created_at",
    "created_by",
    "row_version",
)
PURPOSE_FIELDS = ("callback", "key", "group", "ticket", "reason", "added_at")
TRY_FIELDS = ("callback", "at", "agent", "outcome", "note", "next_try_at")
UNREACHABLE_FIRST = 0.12
"""The share of calls made whose first try found nobody (tried again RETRY_AFTER later)."""
RETRY_AFTER = 2 * 3600
"""Working seconds between that try and the call (the policy's callbacks.retry_after)."""


class CallbackRows:
    """The callback rows, written as the planner finishes each callback (its write): a call
    made is scored then, in the customer's language; the reasons that joined a callback are
    its purposes' rows."""

    def __init__(self, rng: random.Random, stamps: Stamps, cast: Cast, work: WorkingTime):
        self.rng, self.db, self.ids, self.work = rng, stamps.db, cast.ids, work
        self.tries_rng = random.Random(rng.getrandbits(32))  # the tries do not shift the story's draws
        self.languages = dict(cast.customers)
        self.rows: list[tuple] = []
        self.purposes: list[tuple] = []
        self.tries: list[tuple] = []
        """The log of tries (callback_attempt): each call made, and a try before it that found
        nobody for some, so the monthly report's calls made and reached are a floor's."""

    def _tried(self, call: Call) -> int:
        """Log the tries of a call made; returns how many found nobody (the callback's attempts)."""
        assert call.made is not None and call.caller is not None
        db, missed = self.db, 0
        earlier = self.work.t(max(0, self.work.b(call.made) - RETRY_AFTER))
        if self.tries_rng.random() < UNREACHABLE_FIRST and call.due_from <= earlier < call.made:
            self.tries.append((call.number, db(earlier), call.caller, "unreachable", None, db(call.made)))
            missed = 1
        self.tries.append((call.number, db(call.made), call.caller, "done", None, None))
        return missed

    def add(self, call: Call) -> None:
        rng, db = self.rng, self.db
        lang = self.languages.get(call.customer, "zh")
        done = call.made is not None
        scores: tuple = (None,) * 7
        if done:
            overall = rng.choices(SCORES, LOW_WEIGHTS if call.low else SCORE_WEIGHTS)[0]
            feedback = FEEDBACK[lang][5] if call.low else rng.choice(FEEDBACK[lang][:5])
            scores = (
                overall,
                _near(rng, overall),
                _near(rng, overall),
                _near(rng, overall),
                False if call.low else rng.random() < 0.93,
                feedback,
                rng.choice(SUGGESTIONS[lang]) if call.low or rng.random() < 0.3 else None,
            )
            call.overall, call.feedback = overall, feedback
        follows = call.follows
        if follows is not None:  # a low score's follow-up (core.callbacks.low_scores)
            key = f"{FOLLOW_UP_GROUP}:{follows.number}"
            said = f": {follows.feedback.splitlines()[0][:200]}" if follows.feedback else ""
            reason = f"callback #{follows.number} scored {follows.overall} of 5{said}"
        else:
            own = call.purposes[0]
            key, reason = own.key, own.reason
            for firing in call.purposes[1:]:
                self.purposes.append(
                    (call.number, firing.key, firing.group, firing.ticket, firing.reason, db(firing.at))
                )
        follow_up_status = None
        if call.follow_up is not None:
            follow_up_status = "done" if call.follow_up.made is not None else "open"
        # the caller made it; a follow-up was assigned when booked; the rest wait to be claimed
        owner = call.caller if done or follows is not None else None
        missed = self._tried(call) if done else 0
        self.rows.append(
            (
                call.number,
                key,
                call.group,
                call.customer,
                call.ticket,
                follows.number if follows is not None else None,
                reason,
                db(call.due_from),
                db(call.due_by),
                "high" if call.low or follows is not None else "normal",
                "done" if done else "open",
                self.ids.get(owner) if owner else None,
                missed,
                None,
                db(call.made),
                db(call.made),
                "phone",
                *scores,
                follow_up_status,
                db(call.created_at),
                call.created_by,
                1,
            )
        )


def add_callbacks(rows: CallbackRows) -> int:
    """Writes the floor's callbacks as the planner left them at now (made, or booked and still
    open), with the reasons that joined them; returns how many callbacks."""
    written = insert_rows(Callback, FIELDS, sorted(rows.rows, key=itemgetter(0)))
    insert_rows(CallbackPurpose, PURPOSE_FIELDS, sorted(rows.purposes, key=itemgetter(0)))
    insert_rows(CallbackAttempt, TRY_FIELDS, sorted(rows.tries, key=itemgetter(1)))
    return written


def _near(rng: random.Random, score: int) -> int:
    return max(1, min(5, score + rng.choice((-1, 0, 0, 0, 1))))


def add_preferences(rng: random.Random) -> None:
    """About a fifth of the customers name a time to be called; one in fifty is a churn risk."""
    for (customer_id,) in as_tuples(Customer.select(Customer.id).order_by(Customer.id)):
        draw = rng.random()
        if draw < 0.2:
            Customer.update(preferred_call_time=rng.choice(CALL_TIMES)).where(
                Customer.id == customer_id
            ).execute()
        elif draw < 0.22:
            Customer.update(churn_risk=True).where(Customer.id == customer_id).execute()
