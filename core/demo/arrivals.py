"""When the demo's feedback arrives.

Arrivals follow the floor's week: busy in opening hours on working days, thin in the
evening, at night and on days off, with a slow growth over the ten weeks. Feedback that
comes while the floor is closed is entered by an agent in the first minutes after it opens
(ENTRY_SWEEP), so a ticket is on the floor only once someone could have entered it: on a
Saturday night the evening's mail is not in yet. Which tickets are still open is not drawn
here: it follows from each ticket's story (core.demo.history).
"""

from __future__ import annotations

import random
from itertools import accumulate

from core.demo.clockwork import HOUR, MINUTE, WorkingTime, instant
from core.policy import WorkingCalendar

HISTORY_DAYS = 70
ENTRY_SWEEP = 10 * MINUTE
"""The working time by which the feedback that came while the floor was closed is entered."""
REDRAWS = 1_000  # tries for an arrival the floor could have entered by now (then it is kept)


def hour_weights(calendar: WorkingCalendar, work: WorkingTime, first: int, hours: int) -> list[float]:
    """A weight per hour slot [first + k h, first + (k+1) h): how busy the floor's inbox is."""
    weights, working_day = [], {}
    for k in range(hours):
        middle = first + k * HOUR + HOUR // 2
        local = calendar.local(instant(middle))
        day = local.date()
        if day not in working_day:
            working_day[day] = calendar.is_working_day(day)
        if work.is_open(middle):
            weight = 10.0
        elif working_day[day]:
            weight = 2.0 if 7 <= local.hour < 22 else 0.25
        else:
            weight = 1.8 if 9 <= local.hour < 21 else 0.25
        weights.append(weight * (0.8 + 0.4 * k / hours))  # the floor grows a little busier
    return weights


def arrival_times(
    rng: random.Random, calendar: WorkingCalendar, work: WorkingTime, now: int, n: int
) -> list[int]:
    """n feedback times (whole minutes, all before now) over the last HISTORY_DAYS, sorted;
    each one the floor has had the time to enter by now (in opening hours, or ENTRY_SWEEP of
    working time before now)."""
    hours = HISTORY_DAYS * 24
    first = now - hours * HOUR
    cumulative = list(accumulate(hour_weights(calendar, work, first, hours)))
    slots = rng.choices(range(hours), cum_weights=cumulative, k=n)
    entered_by = work.b(now) - ENTRY_SWEEP
    times = []
    for slot in slots:
        for _ in range(REDRAWS):
            ts = first + slot * HOUR + rng.randrange(HOUR)
            ts -= ts % MINUTE
            if work.is_open(ts) or work.b(ts) <= entered_by:
                break
            slot = rng.choices(range(hours), cum_weights=cumulative)[0]
        times.append(ts)
    times.sort()
    return times
