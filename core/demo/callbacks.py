"""The demo floor's callbacks: a history of done calls with scores, and customers' callback
preferences. Runs after the tickets are written, from the tickets themselves:
- every closed ticket was closed after its callback (the story's "回访完成"): a done
  callback at the close, scored mostly 4-5;
- a ticket that was reopened had an earlier low-scored callback (1-2) whose supervisor
  follow-up is done;
- some customers prefer an afternoon or morning slot, a few are flagged as churn risks.
Resolved tickets still waiting for their callback are left to the scheduler, so opening the
Callbacks screen on a demo floor books today's calls the way a real floor does.
"""

from __future__ import annotations

import random

from core.callbacks import complaint_window, is_complaint, resolved_window
from core.policy import Policy
from db.bulk import insert_rows
from db.models import Callback, Customer, Ticket
from db.rows import as_namedtuples, as_tuples

SCORES = (1, 2, 3, 4, 5)
SCORE_WEIGHTS = (0, 0, 15, 45, 40)  # closed tickets: the customer was satisfied enough
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
    "key",
    "group",
    "customer",
    "ticket",
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


def _near(rng: random.Random, score: int) -> int:
    return max(1, min(5, score + rng.choice((-1, 0, 0, 0, 1))))


def add_callbacks(
    rng: random.Random, policy: Policy, languages: dict[int, str], owners: dict[int, str]
) -> int:
    """Done callbacks for the closed tickets (and a low-scored one before each reopen)."""
    cal, rules = policy.calendar, policy.callbacks
    dt = Callback.due_from.db_value
    rows: list[tuple] = []
    query = (
        Ticket.select(
            Ticket.id,
            Ticket.ref,
            Ticket.customer,
            Ticket.owner,
            Ticket.description,
            Ticket.received_at,
            Ticket.resolved_at,
            Ticket.closed_at,
            Ticket.reopened_count,
        )
        .where(Ticket.closed_at.is_null(False))
        .order_by(Ticket.id)
    )
    for t in as_namedtuples(query):
        lang = languages.get(t.customer, "zh")
        agent = owners.get(t.owner) or "demo"
        complaint = is_complaint(t.description, rules)
        group = "complaint" if complaint else "resolved"
        window = (complaint_window if complaint else resolved_window)(t.resolved_at, cal, rules)
        if t.reopened_count:
            low_at = t.received_at + (t.resolved_at - t.received_at) / 2
            overall = rng.choices(SCORES, LOW_WEIGHTS)[0]
            rows.append(
                (
                    f"{group}:{t.ref}:0",
                    group,
                    t.customer,
                    t.id,
                    f"{t.ref} resolved",
                    dt(t.received_at),
                    dt(low_at),
                    "high",
                    "done",
                    t.owner,
                    0,
                    None,
                    dt(low_at),
                    dt(low_at),
                    "phone",
                    overall,
                    _near(rng, overall),
                    _near(rng, overall),
                    _near(rng, overall),
                    False,
                    FEEDBACK[lang][5],
                    rng.choice(SUGGESTIONS[lang]),
                    "done",
                    dt(t.received_at),
                    agent,
                    1,
                )
            )
        overall = rng.choices(SCORES, SCORE_WEIGHTS)[0]
        warm = rng.random() < 0.93
        rows.append(
            (
                f"{group}:{t.ref}:{t.reopened_count}",
                group,
                t.customer,
                t.id,
                f"{t.ref} resolved",
                dt(window.due_from),
                dt(window.due_by),
                "normal",
                "done",
                t.owner,
                0,
                None,
                dt(t.closed_at),
                dt(t.closed_at),
                "phone",
                overall,
                _near(rng, overall),
                _near(rng, overall),
                _near(rng, overall),
                warm,
                rng.choice(FEEDBACK[lang][:5]),
                rng.choice(SUGGESTIONS[lang]) if rng.random() < 0.3 else None,
                None,
                dt(t.resolved_at),
                agent,
                1,
            )
        )
    return insert_rows(Callback, FIELDS, rows)


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
