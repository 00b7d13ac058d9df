"""The demo floor's callbacks, planned by the rules the floor's scheduler books them by
(core.callbacks.schedule, core.callbacks.one_call); core.demo.callbacks writes them.

The planner (CallPlanner) replays the floor's callbacks in time order, as the tickets' stories
reach their resolutions (core.demo.history), the way a floor whose scheduler runs all day books
and makes them:
- one call, not five: a customer has at most one open routine callback (routine: every group
  but a complaint's verification and the supervisor's low-score follow-up); a reason that comes
  while it is open joins it, under the key the scheduler books it by ("resolved:T000123:0",
  written as a CallbackPurpose of the call), and the window becomes one_call.joined's;
- the gap: a new routine callback's window starts after callbacks.gap (7 days) from the
  customer's last done call of any kind (one_call.after_gap), and a call made while one is open
  moves the open one past the gap too (as a finished call does in core.callbacks.calls): no
  routine call comes within the gap of another call to the same customer;
- a complaint's verification (2-3 working days after the resolution) is a call of its own,
  in its window, whatever the gap;
- a low score (1-2, now and then, on a call about a ticket) reopens the call's own ticket (its
  first reason, as core.callbacks.low_scores does), and the supervisor's follow-up, assigned when
  booked (the policy's low_score_to, as core.callbacks.follow_ups.choose_supervisor picks), is
  made within its window, after the ticket was solved again; that new resolution is booked like
  any other (resolved:REF:1), so its call waits for the follow-up and then for the gap;
- new customers are called a few working days after delivery (booked on the delivery day),
  long-standing and churn-risk customers once a period (a quarter by default), over the first
  weeks of the period, so by now most of this period's are made, often together with a ticket's;
- a call is made in working hours, mostly in the first half of its window, a few late; the
  customer's preferred time moves its window (core.callbacks.rules.respect_preferred).
Every closed ticket was closed after its customer was called about its last resolution, at that
call: the call's own reason, or one that joined it (a low score reopens only the call's own
ticket; the others it covered are closed).
What was booked and is not called yet at now is open on the floor, as on a floor whose scheduler
ran all along: a routine callback with the reasons that joined it, a complaint's verification, a
low score's follow-up with its supervisor. (Left to a first scheduler run at now, a callback
waiting out the gap would be booked without it, the gap then counted from now, and show overdue;
a reason older than callbacks.look_back would never be booked.) Opening the Callbacks screen on a
demo floor finds them there, and the scheduler books what comes after now.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from heapq import heappop, heappush
from itertools import count
from typing import Protocol

from peewee import fn

from core.callbacks.follow_ups import FOLLOW_UP_GROUP
from core.callbacks.one_call import is_routine
from core.callbacks.rules import (
    Window,
    complaint_window,
    low_score_window,
    new_customer_window,
    parse_call_time,
    resolved_window,
    respect_preferred,
)
from core.demo.arrivals import HISTORY_DAYS
from core.demo.clockwork import DAY, HOUR, MINUTE, WorkingTime, instant, seconds
from core.demo.people import Cast
from core.policy import Policy, WorkingCalendar
from db.models import Agent, Callback, Customer
from db.rows import as_tuples

PLANNED_WITHIN = 0.6
"""The share of a period's working time over which its periodic calls are planned."""
SHARES = {"resolved": 0.5, "complaint": 0.5, "new_customer": 0.7}
"""The share of a callback's window its call is made within (periodic groups: PLANNED_WITHIN)."""
LATE = 0.04  # a ticket's callback made after its window
LATE_GROUPS = frozenset({"resolved", "complaint"})
LOW_SCORE = 0.08  # a call about a ticket scored 1-2: the ticket goes back to work
FIRE, CALL = 0, 1  # what the planner's queue holds: a reason booked, a call made


class Resolution(Protocol):
    """A ticket's story at its resolution (core.demo.history), waiting for the call about it."""

    @property
    def tid(self) -> int: ...
    @property
    def customer(self) -> int: ...

    owner: str  # login of the agent who owns the ticket
    resolved_at: int
    complaint: bool

    def reopened(self, at: int, caller: str) -> int:
        """A low score at `at` sent the ticket back to work: when it is solved again."""
        ...

    def close(self, at: int | None) -> None:
        """The story ends: closed at `at` (after the call), or still waiting for it (None)."""
        ...


@dataclass(eq=False, slots=True)
class Firing:
    """A reason to call, as the scheduler books it (core.callbacks.schedule._Firing)."""

    at: int  # when it was booked: the resolution, the delivery, the start of the period
    customer: int
    key: str
    group: str
    ticket: int | None
    reason: str
    due_from: int
    due_by: int
    story: Resolution | None = None
    round: int = 0  # the ticket's resolution it follows: 0, or 1 after a low score reopened it


@dataclass(eq=False, slots=True)
class Call:
    """A callback: its reasons (its own first, then those that joined it), its window, and the
    call once made. A low score's follow-up has no reasons of its own: it follows a call."""

    number: int  # its id: callbacks are numbered as they are booked
    group: str
    customer: int
    ticket: int | None
    purposes: list[Firing]
    due_from: int
    due_by: int
    created_at: int
    created_by: str
    caller: str | None  # who makes the call (login)
    share: float = 0.5  # where in its window it is made
    lateness: int | None = None  # made this long (working time) after its window, when late
    planned: int = 0
    version: int = 0
    made: int | None = None
    low: bool = False
    follows: Call | None = None
    follow_up: Call | None = None
    overall: int | None = None  # the score, once written (a follow-up's reason quotes it)
    feedback: str | None = None


@dataclass(eq=False, slots=True)
class _Customer:
    id: int
    code: str
    lang: str
    preferred: tuple[time, time] | None
    last_done: int | None = None  # the last call made to them, of any kind
    open: Call | None = None  # their open routine callback
    held_until: int | None = None  # a low score's follow-up not made yet: when it will be


class CallPlanner:
    """The floor's callbacks as its history makes them; see the module."""

    def __init__(
        self,
        rng: random.Random,
        policy: Policy,
        cast: Cast,
        now: int,
        booked_by: str,
        write: Callable[[Call], None],
    ):
        """write takes each callback once it is final: made (a low score's, with its follow-up
        made), or, at settle, booked and still open; a follow-up comes right after the call it
        follows. Kept no longer, they cost the build neither memory nor the collector's time."""
        self.rnd, self.cast, self.now, self.booked_by, self.write = rng.random, cast, now, booked_by, write
        self.cal, self.rules = policy.calendar, policy.callbacks
        self.gap = int(self.rules.gap.total_seconds())
        self.within = int(self.rules.resolved_within.total_seconds())
        self.heap: list[tuple] = []
        self.seq = count()
        self.numbers = count((Callback.select(fn.MAX(Callback.id)).scalar() or 0) + 1)
        every = {self.rules.long_standing_every, self.rules.churn_every}
        self.periods = {e: _periods(self.cal, instant(now), e) for e in every}
        first = min([now - (HISTORY_DAYS + 10) * DAY] + [p[1] for ps in self.periods.values() for p in ps])
        self.clock = WorkingTime(self.cal, instant(first - 7 * DAY), instant(now + 200 * DAY))
        staff = list(as_tuples(Agent.select(Agent.login, Agent.team, Agent.role, Agent.active)))
        self.teams = {login: team for login, team, _, _ in staff}
        self.supervisors = sorted(
            login for login, _, role, active in staff if role == "supervisor" and active
        )
        self.assigned: dict[str, int] = {}  # supervisor -> when they were last given a follow-up
        self._hours: dict[int, tuple[datetime, str]] = {}  # UTC hour -> its start in floor time
        self._deadlines: dict[date, int | None] = {}  # working day -> _deadline_of_day
        self.customers: dict[int, _Customer] = {}
        self._book_customers()

    # ------------------------------------------------------------ time on the working clock
    # (core.callbacks.one_call's and core.policy.WorkingCalendar's arithmetic, in whole seconds)

    def _opening(self, ts: int) -> int:
        return self.clock.at_or_after(ts)

    def _add(self, ts: int, working: int) -> int:
        start = self.clock.at_or_after(ts)
        return start if working <= 0 else self.clock.t_close(self.clock.b(start) + working)

    def after_gap(self, due_from: int, due_by: int, last_done: int | None) -> tuple[int, int]:
        """core.callbacks.one_call.after_gap."""
        if last_done is None:
            return due_from, due_by
        start = self._opening(last_done + self.gap)
        if due_from >= start:
            return due_from, due_by
        length = max(self.clock.b(due_by) - self.clock.b(due_from), HOUR)
        return start, max(due_by, self._add(start, length))

    def joined(self, due_from: int, due_by: int, new_from: int, new_by: int, not_before: int | None):
        """core.callbacks.one_call.joined."""
        start = min(due_from, new_from)
        if not_before is not None:
            start = max(start, self._opening(not_before))
        deadlines = [d for d in (due_by, new_by) if d > start]
        return start, (min(deadlines) if deadlines else self._add(start, HOUR))

    def resolved_window(self, resolved: int) -> tuple[int, int]:
        """core.callbacks.rules.resolved_window: from a resolution in working time, due when
        resolved_within runs out when that is working time too (most are); else the deadline
        core gives the whole working day, when it gives one (a Friday's: the next working
        morning); else core's own answer."""
        clock, end = self.clock, resolved + self.within
        if clock.is_open(resolved):
            if clock.is_open(end) and clock.b(end) - clock.b(resolved) >= HOUR:
                return resolved, end
            deadline = self._deadline_of_day(resolved)
            if deadline is not None:
                return resolved, deadline
        return _seconds(resolved_window(instant(resolved), self.cal, self.rules))

    def _deadline_of_day(self, working: int) -> int | None:
        """The deadline core gives every resolution in working time on `working`'s day, or None:
        a later resolution is never due earlier (core.callbacks.rules), so when the day's first
        and last working moments are due at the same time, so is every moment between."""
        day = self.cal.local(instant(working)).date()
        if day not in self._deadlines:
            first = self.cal.next_opening(datetime.combine(day, time.min, self.cal.tz))
            last = self.cal.end_of_working_day(day) - timedelta(seconds=1)
            due = [resolved_window(at, self.cal, self.rules).due_by for at in (first, last)]
            self._deadlines[day] = seconds(due[0]) if due[0] == due[1] else None
        return self._deadlines[day]

    def _local(self, ts: int) -> tuple[datetime, str, int]:
        """The floor's local time at the start of ts's UTC hour (also as "2026-11-19 16"), and
        the minutes after it."""
        hour, rest = divmod(ts, HOUR)
        start = self._hours.get(hour)
        if start is None:
            local = self.cal.local(instant(hour * HOUR))
            start = self._hours[hour] = (local, f"{local:%Y-%m-%d %H}")
        return start[0], start[1], rest // MINUTE

    def _local_text(self, ts: int) -> str:
        """ts in floor time, "2026-11-19 16:19" (as core.callbacks.schedule writes a reason)."""
        start, head, minutes = self._local(ts)
        if start.minute + minutes < 60:
            return f"{head}:{start.minute + minutes:02d}"
        return f"{self.cal.local(instant(ts)):%Y-%m-%d %H:%M}"

    def _preferred(self, customer: _Customer, due_from: int, due_by: int) -> tuple[int, int]:
        """core.callbacks.rules.respect_preferred (unchanged, by its definition, when the window
        opens in working time inside the customer's time)."""
        if customer.preferred is None:
            return due_from, due_by
        start, _, minutes = self._local(due_from)
        if start.minute + minutes < 60 and self.clock.is_open(due_from):
            at = time(start.hour, start.minute + minutes)
            if customer.preferred[0] <= at and time(at.hour, at.minute, 59) < customer.preferred[1]:
                return due_from, due_by
        window = Window(instant(due_from), instant(due_by))
        return _seconds(respect_preferred(window, customer.preferred, self.cal))

    # ------------------------------------------------------------ reasons to call

    def _book_customers(self) -> None:
        """Customers' preferences, and the reasons to call them that no ticket gives: a new
        customer's delivery, a long-standing or churn-risk customer's period."""
        cal, rules, now = self.cal, self.rules, self.now
        languages = dict(self.cast.customers)
        long_known = now - int(rules.long_standing_after.total_seconds())
        query = Customer.select(
            Customer.id,
            Customer.code,
            Customer.type,
            Customer.delivery_date,
            Customer.created_at,
            Customer.churn_risk,
            Customer.preferred_call_time,
        ).order_by(Customer.id)
        for customer_id, code, kind, delivered, created, churn, preferred in as_tuples(query):
            customer = self.customers[customer_id] = _Customer(
                customer_id, code, languages.get(customer_id, "zh"), _call_time(preferred)
            )
            if kind == "new" and delivered is not None:
                day = _as_date(delivered)
                window = new_customer_window(day, cal, rules)
                midnight = seconds(datetime.combine(day, datetime.min.time(), cal.tz))
                reason = f"delivered {day:%Y-%m-%d}"
                self._book(
                    customer, self._opening(midnight), f"new_customer:{code}", "new_customer", window, reason
                )
            since = seconds(created)
            group = "churn_risk" if churn else "long_standing" if since <= long_known else None
            if group is None:
                continue
            every = rules.churn_every if churn else rules.long_standing_every
            for label, start, end in self.periods[every]:
                booked = max(start, self._opening(since))
                if booked >= end:
                    continue
                reason = (
                    f"churn risk, {label}"
                    if churn
                    else f"customer since {cal.local(created):%Y-%m-%d}, {label}"
                )
                self._book(customer, booked, f"{group}:{code}:{label}", group, (booked, end), reason)

    def _book(
        self, customer: _Customer, at: int, key: str, group: str, window, reason: str, story=None, round_=0
    ) -> None:
        due_from, due_by = window if isinstance(window, tuple) else _seconds(window)
        due_from, due_by = self._preferred(customer, due_from, due_by)
        ticket = story.tid if story is not None else None
        firing = Firing(at, customer.id, key, group, ticket, reason, due_from, due_by, story, round_)
        heappush(self.heap, (at, next(self.seq), FIRE, firing, 0))

    def resolved(self, story: Resolution, at: int | None = None, round_: int = 0) -> None:
        """A ticket was resolved (before now; `at`, else its story's first resolution): its
        callback is booked, or joins the open one."""
        at = story.resolved_at if at is None else at
        ref = f"T{story.tid:06d}"
        customer = self.customers[story.customer]
        if story.complaint:
            group = "complaint"
            window = _seconds(complaint_window(instant(at), self.cal, self.rules))
        else:
            group, window = "resolved", self.resolved_window(at)
        reason = f"{ref} resolved {self._local_text(at)}"
        self._book(customer, at, f"{group}:{ref}:{round_}", group, window, reason, story, round_)

    # ------------------------------------------------------------ the floor's day, in time order

    def advance(self, until: int) -> None:
        """Book and make everything due before until (no story that resolves later can change
        it: a ticket received at until resolves after it)."""
        heap = self.heap
        while heap and heap[0][0] < until:
            at, _, kind, item, version = heappop(heap)
            if kind == FIRE:
                self._fire(item)
            elif version == item.version:
                self._made(item, at)

    def settle(self) -> None:
        """Everything before now; the calls still to come are written open, and the stories
        waiting for them end so."""
        self.advance(self.now)
        waiting = {
            item.number: item for _, _, kind, item, _ in self.heap if kind == CALL and item.made is None
        }
        self.heap = []
        for _, call in sorted(waiting.items()):
            if call.follows is not None:
                self.write(call.follows)
            self.write(call)
            for firing in call.purposes:
                story, firing.story = firing.story, None
                if story is not None:
                    story.close(None)

    def _fire(self, firing: Firing) -> None:
        customer = self.customers[firing.customer]
        if not is_routine(firing.group):  # a complaint's verification: a call of its own
            self._plan(self._call(firing, customer, firing.due_from, firing.due_by), firing.at, customer)
            return
        open_ = customer.open
        if open_ is not None:  # one call, not five
            last = customer.last_done
            not_before = last + self.gap if last is not None and last >= firing.at - self.gap else None
            open_.purposes.append(firing)
            open_.due_from, open_.due_by = self.joined(
                open_.due_from, open_.due_by, firing.due_from, firing.due_by, not_before
            )
            if open_.planned > open_.due_by and open_.lateness is None:
                self._plan(open_, firing.at, customer)
            return
        due_from, due_by = self.after_gap(firing.due_from, firing.due_by, customer.last_done)
        customer.open = self._call(firing, customer, due_from, due_by)
        self._plan(customer.open, firing.at, customer)

    def _call(self, firing: Firing, customer: _Customer, due_from: int, due_by: int) -> Call:
        group, rnd = firing.group, self.rnd
        if firing.story is not None:
            caller = firing.story.owner
        else:
            pool = self.cast.supervisors if group == "churn_risk" and rnd() < 0.5 else []
            pool = pool or self.cast.agents.get(customer.lang) or self.cast.supervisors
            caller = pool[int(rnd() * len(pool))] if pool else self.booked_by
        late = group in LATE_GROUPS and rnd() < LATE
        return Call(
            next(self.numbers),
            group,
            customer.id,
            firing.ticket,
            [firing],
            due_from,
            due_by,
            firing.at,
            self.booked_by,
            caller,
            share=SHARES.get(group, PLANNED_WITHIN) * rnd(),
            lateness=10 * MINUTE + int(rnd() * 170 * MINUTE) if late else None,
        )

    def _plan(self, call: Call, at: int, customer: _Customer) -> None:
        """When the call will be made (not before at): in its window, where its share says, or
        late; a routine call waits for an open low score's follow-up and the gap after it."""
        clock = self.clock
        low = max(call.due_from, at)
        if customer.held_until is not None and is_routine(call.group):
            low = max(low, self._opening(customer.held_until + self.gap))
        by = call.due_by
        if call.lateness is not None or low >= by:
            planned = clock.t(clock.b(max(low, by)) + (call.lateness or 10 * MINUTE))
        else:
            b_low = clock.b(low)
            planned = clock.t(b_low + max(10 * MINUTE, int((clock.b(by) - b_low) * call.share)))
        call.planned, call.version = planned, call.version + 1
        heappush(self.heap, (planned, next(self.seq), CALL, call, call.version))

    def _space_out(self, customer: _Customer, at: int) -> None:
        """A call was made at `at`: the open routine callback waits out the gap after it."""
        open_ = customer.open
        if open_ is None:
            return
        moved = self.after_gap(open_.due_from, open_.due_by, at)
        if moved != (open_.due_from, open_.due_by):
            open_.due_from, open_.due_by = moved
            if open_.planned < open_.due_from or open_.lateness is not None:
                self._plan(open_, at, customer)

    def _made(self, call: Call, at: int) -> None:
        customer = self.customers[call.customer]
        call.made = at
        customer.last_done = at if customer.last_done is None else max(customer.last_done, at)
        if customer.open is call:
            customer.open = None
        else:
            self._space_out(customer, at)
        if call.group == FOLLOW_UP_GROUP:
            if customer.held_until is not None and customer.held_until <= at:
                customer.held_until = None
            if call.follows is not None:
                self.write(call.follows)  # the low score's row says how its follow-up went
            self.write(call)
            return
        own = call.purposes[0]
        call.low = own.story is not None and own.round == 0 and self.rnd() < LOW_SCORE
        for firing in call.purposes:
            story, firing.story = firing.story, None  # ended here (or booked again): let it go
            if story is None:
                continue
            if call.low and firing is own:
                again = story.reopened(at, call.caller or story.owner)
                self._follow_up(call, customer, at, again)
                if again < self.now:
                    self.resolved(story, again, firing.round + 1)
                else:
                    story.close(None)
            else:
                story.close(at)
        if not call.low:
            self.write(call)

    def _follow_up(self, call: Call, customer: _Customer, at: int, again: int) -> None:
        """The supervisor's follow-up of a low score at `at`, booked with it and assigned to a
        supervisor; made after the ticket was solved again (`again`), within its window."""
        due_from, due_by = _seconds(low_score_window(instant(at), self.cal, self.rules))
        supervisor = self._supervisor(call.caller, at)
        follow_up = Call(
            next(self.numbers),
            FOLLOW_UP_GROUP,
            customer.id,
            call.ticket,
            [],
            due_from,
            due_by,
            at,
            call.caller or self.booked_by,
            supervisor,
            share=0.6 * self.rnd(),
            follows=call,
        )
        call.follow_up = follow_up
        self._plan(follow_up, self.clock.later(again, 10 * MINUTE), customer)
        customer.held_until = max(customer.held_until or 0, follow_up.planned)

    def _supervisor(self, scorer: str | None, at: int) -> str | None:
        """core.callbacks.follow_ups.choose_supervisor: by the policy's low_score_to, the
        supervisor of the scorer's team, else round robin; never the scorer while another can."""
        everyone = self.supervisors
        if not everyone:
            return None
        others = [s for s in everyone if s != scorer] or everyone
        team = self.teams.get(scorer) if scorer else None
        if self.rules.low_score_to == "team" and team:
            others = [s for s in others if self.teams.get(s) == team] or others
        chosen = min(others, key=lambda s: (self.assigned.get(s, -1), s))
        self.assigned[chosen] = at
        return chosen


def _seconds(window: Window) -> tuple[int, int]:
    return seconds(window.due_from), seconds(window.due_by)


def _call_time(text: str | None) -> tuple[time, time] | None:
    return parse_call_time(text) if text else None


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _periods(cal: WorkingCalendar, now: datetime, every: str) -> list[tuple[str, int, int]]:
    """This period (a quarter or half year, as core.callbacks.rules.period_of reads it) and
    the one before: (label, first opening, last close)."""
    found = []
    opening = cal.next_opening(now)
    day = cal.local(opening).date()
    for _ in range(2):
        label, first_day, after = _period(day, every)
        days = cal.working_days_between(first_day, after)
        if not days:
            break
        start = seconds(cal.next_opening(datetime.combine(first_day, datetime.min.time(), cal.tz)))
        found.append((label, start, seconds(cal.end_of_working_day(days[-1]))))
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
