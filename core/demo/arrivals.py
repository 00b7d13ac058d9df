"""When the demo's feedback arrives, and which of it is still open now.

Arrivals follow the floor's week: busy in opening hours on working days, thin in the
evening, at night and on days off, with a slow growth over the ten weeks. Open work sits
mostly in the last few days, with a thin tail of older tickets (reopened or stuck).
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from itertools import accumulate

from core.demo.clockwork import DAY, HOUR, MINUTE, WorkingTime, instant
from core.policy import WorkingCalendar

HISTORY_DAYS = 70
OPEN_SHARE = 0.10
OPEN_TAIL = 0.012  # chance that an old ticket is still (or again) open
OPEN_DECAY_DAYS = 2.0


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
    """n feedback times (whole minutes, all before now) over the last HISTORY_DAYS, sorted."""
    hours = HISTORY_DAYS * 24
    first = now - hours * HOUR
    cumulative = list(accumulate(hour_weights(calendar, work, first, hours)))
    slots = rng.choices(range(hours), cum_weights=cumulative, k=n)
    times = []
    for slot in slots:
        ts = first + slot * HOUR + rng.randrange(HOUR)
        times.append(ts - ts % MINUTE)
    times.sort()
    return times


def open_flags(rng: random.Random, received: list[int], now: int, share: float = OPEN_SHARE) -> list[bool]:
    """Which tickets are open now: about share of them, the newest almost surely."""
    decay = [math.exp(-(now - r) / (OPEN_DECAY_DAYS * DAY)) for r in received]
    want = share * len(received)
    ordered = sorted(decay)
    prefix = [0.0, *accumulate(ordered)]

    def expected(scale: float) -> float:
        # sum of min(1, OPEN_TAIL + scale * d): ones above the cut, the rest linear
        cut = bisect_left(ordered, (1 - OPEN_TAIL) / scale) if scale > 0 else len(ordered)
        return (len(ordered) - cut) + OPEN_TAIL * cut + scale * prefix[cut]

    low, high = 0.0, 1.0
    while expected(high) < want and high < 1e12:
        high *= 2
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if expected(middle) < want else (low, middle)
    return [rng.random() < OPEN_TAIL + high * d for d in decay]


def open_phase(rng: random.Random, age: int) -> str:
    """Where an open ticket of this age stands: unclaimed, claimed, working or reopened."""
    roll = rng.random()
    if age < 20 * MINUTE:
        return "unclaimed" if roll < 0.7 else "claimed" if roll < 0.9 else "working"
    if age < 2 * HOUR:
        return "unclaimed" if roll < 0.3 else "claimed" if roll < 0.5 else "working"
    if age < 3 * DAY:
        return "unclaimed" if roll < 0.08 else "claimed" if roll < 0.15 else "working"
    return "unclaimed" if roll < 0.04 else "working" if roll < 0.4 else "reopened"
