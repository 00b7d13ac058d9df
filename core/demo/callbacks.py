"""The demo floor's callbacks: the calls its history made, with their scores, and customers'
callback preferences. Written after the tickets:
- every closed ticket was closed after its callback (the story's "回访完成"): a done call at
  the close, in the callback's window (its resolved or complaint rule), scored mostly 4-5;
- a ticket that was reopened had a low-scored call (1-2) at the reopen, its supervisor
  follow-up done;
- new customers were called a few working days after delivery, long-standing and churn-risk
  customers once a period (a quarter by default): the floor spreads those calls over the
  first weeks of the period, so by now most of this period's are made;
- some customers prefer an afternoon or morning slot, a few are flagged as churn risks.
What is still to call (a resolved ticket waiting for its call, this period's calls not made
yet, a new customer just delivered) is left to the scheduler, so opening the Callbacks screen
on a demo floor books today's calls the way a real floor does.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from core.callbacks.rules import new_customer_window
from core.demo.clockwork import Stamps, instant, seconds
from core.demo.history import CallbackFact, Cast
from core.policy import Policy, WorkingCalendar
from db.bulk import insert_rows
from db.models import Callback, Customer
from db.rows import as_tuples

PLANNED_WITHIN = 0.6
"""The share of a period's working days over which its periodic calls are planned."""
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
    rng: random.Random,
    policy: Policy,
    stamps: Stamps,
    facts: list[CallbackFact],
    cast: Cast,
    now: int,
    booked_by: str,
) -> int:
    """The done calls of the history: the tickets' (facts, from their stories) and the
    customers' (new, long-standing, churn risk)."""
    languages, ids, db = dict(cast.customers), cast.ids, stamps.db
    rows: list[tuple] = []
    for fact in facts:
        lang = languages.get(fact.customer, "zh")
        ref = f"T{fact.ticket:06d}"
        overall = rng.choices(SCORES, LOW_WEIGHTS if fact.low else SCORE_WEIGHTS)[0]
        rows.append(
            (
                f"{fact.group}:{ref}:{fact.round}",
                fact.group,
                fact.customer,
                fact.ticket,
                f"{ref} resolved",
                db(fact.due_from),
                db(fact.due_by),
                "high" if fact.low else "normal",
                "done",
                ids.get(fact.owner),
                0,
                None,
                db(fact.done_at),
                db(fact.done_at),
                "phone",
                overall,
                _near(rng, overall),
                _near(rng, overall),
                _near(rng, overall),
                False if fact.low else rng.random() < 0.93,
                FEEDBACK[lang][5] if fact.low else rng.choice(FEEDBACK[lang][:5]),
                rng.choice(SUGGESTIONS[lang]) if fact.low or rng.random() < 0.3 else None,
                "done" if fact.low else None,
                db(fact.resolved_at),
                fact.owner,
                1,
            )
        )
    rows.extend(_customer_calls(rng, policy, stamps, cast, now, booked_by))
    return insert_rows(Callback, FIELDS, rows)


def _customer_calls(
    rng: random.Random, policy: Policy, stamps: Stamps, cast: Cast, now: int, booked_by: str
) -> list[tuple]:
    """Done calls to customers, planned by their rules, made before now."""
    cal, rules, db = policy.calendar, policy.callbacks, stamps.db
    languages = dict(cast.customers)
    long_known = now - int(rules.long_standing_after.total_seconds())
    since = now - int(rules.look_back.total_seconds())
    periods = {
        every: _periods(cal, instant(now), every) for every in {rules.long_standing_every, rules.churn_every}
    }
    rows: list[tuple] = []
    query = Customer.select(
        Customer.id,
        Customer.code,
        Customer.type,
        Customer.delivery_date,
        Customer.created_at,
        Customer.churn_risk,
    ).order_by(Customer.id)
    for customer_id, code, kind, delivered, created, churn in as_tuples(query):
        lang = languages.get(customer_id, "zh")
        calls: list[tuple[str, str, int, int, int]] = []  # (key, group, due from, due by, made at)
        if kind == "new" and delivered is not None:
            window = new_customer_window(_as_date(delivered), cal, rules)
            start, end = seconds(window.due_from), seconds(window.due_by)
            made = _working_point(cal, start, end, rng.random() * 0.7)
            delivered_at = seconds(datetime.combine(_as_date(delivered), datetime.min.time(), cal.tz))
            if made >= now and delivered_at < since and start < now:  # the scheduler looks no further back
                made = _working_point(cal, start, min(end, now - 1), rng.random())
            calls.append((f"new_customer:{code}", "new_customer", start, end, made))
        group = "churn_risk" if churn else "long_standing" if seconds(created) <= long_known else None
        if group is not None:
            every = rules.churn_every if churn else rules.long_standing_every
            for label, start, end, _first_day, plan_days in periods[every]:
                if plan_days:
                    day = plan_days[int(rng.random() * len(plan_days))]
                    made = _working_point(cal, *_day_span(cal, day), rng.random())
                    if seconds(created) < made:
                        calls.append((f"{group}:{code}:{label}", group, start, end, made))
        for key, group, start, end, made in calls:
            if made >= now:
                continue  # not made yet: the scheduler books it
            overall = rng.choices(SCORES, SCORE_WEIGHTS)[0]
            pool = cast.supervisors if group == "churn_risk" and rng.random() < 0.5 else cast.agents[lang]
            caller = pool[int(rng.random() * len(pool))] if pool else booked_by
            rows.append(
                (
                    key,
                    group,
                    customer_id,
                    None,
                    None,
                    db(start),
                    db(end),
                    "normal",
                    "done",
                    cast.ids.get(caller),
                    0,
                    None,
                    db(made),
                    db(made),
                    "phone",
                    overall,
                    _near(rng, overall),
                    _near(rng, overall),
                    _near(rng, overall),
                    rng.random() < 0.93,
                    rng.choice(FEEDBACK[lang][:5]),
                    rng.choice(SUGGESTIONS[lang]) if rng.random() < 0.3 else None,
                    None,
                    db(min(start, made)),
                    booked_by,
                    1,
                )
            )
    return rows


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _day_span(cal: WorkingCalendar, day: date) -> tuple[int, int]:
    """The first opening and the last close of a working day."""
    opening = datetime.combine(day, cal.hours[0][0], tzinfo=cal.tz)
    return seconds(opening), seconds(cal.end_of_working_day(day))


def _working_point(cal: WorkingCalendar, start: int, end: int, share: float) -> int:
    """The moment share of the working time from start to end has passed (in working hours)."""
    first = cal.next_opening(instant(start))
    span = int(cal.business_time_between(first, instant(max(end, start))).total_seconds())
    return seconds(cal.add_business_time(first, timedelta(seconds=min(int(span * share), max(0, span - 60)))))


def _periods(cal: WorkingCalendar, now: datetime, every: str) -> list[tuple]:
    """This period (a quarter or half year, as core.callbacks.rules.period_of reads it) and
    the one before: (label, due from, due by, first day, the working days its calls are
    planned on)."""
    found = []
    opening = cal.next_opening(now)
    day = cal.local(opening).date()
    for _ in range(2):
        label, first_day, after = _period(day, every)
        days = cal.working_days_between(first_day, after)
        if not days:
            break
        start = max(seconds(cal.next_opening(datetime.combine(first_day, datetime.min.time(), cal.tz))), 0)
        end = seconds(cal.end_of_working_day(days[-1]))
        found.append((label, start, end, first_day, days[: max(1, int(len(days) * PLANNED_WITHIN))]))
        day = first_day - timedelta(days=1)
    return found


def _period(day: date, every: str) -> tuple[str, date, date]:
    """The label of the quarter ("2026-Q4") or half year ("2026-H2") of day, its first day and
    the day after it: the key core.callbacks.schedule books a periodic call under."""
    months = 3 if every == "quarter" else 6
    index = (day.month - 1) // months + 1
    label = f"{day.year}-{'Q' if months == 3 else 'H'}{index}"
    first = date(day.year, (index - 1) * months + 1, 1)
    after_month = index * months + 1
    after = date(day.year + 1, 1, 1) if after_month > 12 else date(day.year, after_month, 1)
    return label, first, after


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
