"""The working calendar's budget: a long business-time delta is one quick computation, not a
walk minute by minute (every deadline on the queue page is one). Run with `make bench`."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from zoneinfo import ZoneInfo

import pytest

from core.policy.calendar import WorkingCalendar

pytestmark = pytest.mark.bench

SHANGHAI = ZoneInfo("Asia/Shanghai")
BUDGET_SECONDS = 0.010


@pytest.mark.parametrize("days", [30, 260])
def test_long_deltas_within_ten_milliseconds(days):
    calendar = WorkingCalendar(
        tz=SHANGHAI, hours=((clock_time(9), clock_time(12)), (clock_time(13, 30), clock_time(18)))
    )
    delta = days * timedelta(hours=7, minutes=30)
    start = datetime(2026, 1, 5, 10, tzinfo=SHANGHAI)
    timings = []
    for _ in range(5):
        began = time.perf_counter()
        calendar.add_business_time(start, delta)
        timings.append(time.perf_counter() - began)
    print(
        f"\nadd_business_time over {days} working days: best {min(timings) * 1000:.2f} ms "
        f"(budget {BUDGET_SECONDS * 1000:.0f} ms)"
    )
    assert min(timings) < BUDGET_SECONDS
