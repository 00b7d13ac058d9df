"""build_demo: a realistic, deterministic floor to show, try and measure callfloor on."""

from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from core.basics import Clock, InvalidInput, Refused
from core.demo.actions import add_actions, finish_demo_actions
from core.demo.arrivals import HISTORY_DAYS, arrival_times
from core.demo.callbacks import CallbackRows, add_callbacks, add_preferences
from core.demo.clockwork import DAY, Stamps, WorkingTime, instant, seconds
from core.demo.history import EVENT_FIELDS, HANDOFF_FIELDS, TICKET_FIELDS, TicketMaker
from core.demo.people import Cast, add_customers, add_departments, add_staff
from core.demo.planner import CallPlanner
from core.demo.replay import PAUSED
from core.floor import Session, audit, open_session, storage_problems
from core.people import ensure_first_supervisor
from core.policy import Policy
from db import floor_file, maintenance
from db.bulk import insert_rows
from db.models import Agent, Callback, FloorSetting, Handoff, Ticket, TimelineEvent

DEMO_KEY = "demo"
CHUNK = 2_000  # tickets generated and written per step


@dataclass(frozen=True)
class DemoSummary:
    agents: int  # people on the floor after the build, supervisors included
    customers: int
    tickets: int
    open_tickets: int
    events: int
    handoffs: int
    callbacks: int = 0
    seconds: float | None = None
    at_risk: int = 0  # open tickets whose next target is within the policy's at_risk (not yet past)
    overdue: int = 0  # open tickets past their next target
    clock: str = ""  # the demo's now, floor time: "Fri 2026-11-20 10:00 Asia/Shanghai, working hours"
    waiting: int = 0  # open tickets waiting on the customer (待客户回复), their solution clock paused

    @property
    def on_time(self) -> int:
        return self.open_tickets - self.waiting - self.at_risk - self.overdue

    def text(self) -> str:
        took = f" in {self.seconds:.1f} s" if self.seconds is not None else ""
        when = f" at {self.clock}" if self.clock else ""
        return (
            f"demo floor{when}: {self.agents} people, {self.customers} customers, {self.tickets} tickets "
            f"({self.open_tickets} open: {self.on_time} on time, {self.waiting} waiting on the customer, "
            f"{self.at_risk} at risk, "
            f"{self.overdue} overdue), "
            f"{self.events} timeline events, {self.handoffs} handoffs, {self.callbacks} callbacks{took}"
        )


def customer_count(tickets: int) -> int:
    return max(50, tickets // 25)


def build_demo(session: Session, tickets: int = 5_000, seed: int = 1) -> DemoSummary:
    """Fill an empty floor with ten weeks of history up to session.now(), the same for the
    same seed and clock. Refused when the floor already holds tickets."""
    if not isinstance(tickets, int) or tickets < 0:
        raise InvalidInput("tickets", "demo.tickets.not_a_count", value=tickets)
    started = time.perf_counter()
    ensure_first_supervisor(session)
    if not session.is_supervisor:
        raise audit.refuse(
            session,
            "demo.supervisors_only",
            action="build a demo floor",
            target="demo",
            login=session.login,
        )
    rng = random.Random(seed)
    policy, stamps = session.policy, Stamps()
    now_at = session.now()
    now = seconds(now_at)
    work = WorkingTime(policy.calendar, instant(now - (HISTORY_DAYS + 2) * DAY), instant(now + 60 * DAY))
    work.cut_days_at(policy.calendar, policy.update_cutoff)
    events = handoffs = 0
    with session.writing():
        held = Ticket.select().count()
        if held:
            raise Refused("demo.floor_not_empty", tickets=held)
        by_language, supervisors, ids = add_staff(session, rng, now, stamps)
        customers, weights = add_customers(session, rng, customer_count(tickets), now, stamps)
        departments, hours = add_departments(session, rng, policy)
        cast = Cast(
            agents=by_language,
            supervisors=supervisors,
            ids=ids,
            customers=customers,
            customer_weights=weights,
            departments=departments,
            department_hours=hours,
        )
        add_preferences(rng)
        received = arrival_times(rng, policy.calendar, work, now, tickets)
        rows = CallbackRows(rng, stamps, cast, work)
        planner = CallPlanner(rng, policy, cast, now, session.login, rows.add)
        maker = TicketMaker(rng, policy, cast, work, stamps, now, planner)
        for start in range(0, tickets, CHUNK):
            for index in range(start, min(start + CHUNK, tickets)):
                maker.make(index + 1, received[index])
            events, handoffs = _write(maker.rows(), events, handoffs)
        planner.settle()  # the calls made up to now; the tickets still waiting for theirs
        events, handoffs = _write(maker.rows(), events, handoffs)
        callbacks = add_callbacks(rows)
        FloorSetting.put(
            DEMO_KEY,
            json.dumps({"seed": seed, "tickets": tickets, "built_at": now_at.isoformat()}),
            now_at,
            session.login,
        )
        people = Agent.select().count()
        _, to_finish = add_actions(session, rng)
    if to_finish is not None:
        finish_demo_actions(session, to_finish)
        with storage_problems():
            callbacks = Callback.select().count()  # with the verification calls it booked
    at_risk, overdue = triage(maker.replayer.open_dues, now, work, policy)
    return DemoSummary(
        people,
        len(customers),
        tickets,
        maker.replayer.open,
        events,
        handoffs,
        callbacks,
        round(time.perf_counter() - started, 2),
        at_risk,
        overdue,
        clock_text(policy, now_at, work),
        waiting=maker.replayer.waiting,
    )


def _write(finished: list[tuple], events: int, handoffs: int) -> tuple[int, int]:
    """Writes the tickets whose stories ended; returns the counts of events and handoffs so far."""
    insert_rows(Ticket, TICKET_FIELDS, [ticket for ticket, _, _ in finished])
    events += insert_rows(TimelineEvent, EVENT_FIELDS, [row for _, rows, _ in finished for row in rows])
    handoffs += insert_rows(Handoff, HANDOFF_FIELDS, [handoff for _, _, handoff in finished if handoff])
    return events, handoffs


def triage(dues: list[int], now: int, work: WorkingTime, policy: Policy) -> tuple[int, int]:
    """(at risk, overdue) among open tickets' next due times: overdue once past, at risk while
    the time left is within the policy's at_risk (working time in business mode); a paused
    clock (waiting on the customer, PAUSED) is neither."""
    near = int(policy.at_risk.total_seconds())
    business = policy.sla_mode == "business"
    b_now = work.b(now)
    at_risk = overdue = 0
    for due in dues:
        if due >= PAUSED:
            continue
        if due < now:
            overdue += 1
        # the queue's window is [now, now + at_risk): a target exactly at its end is not at risk
        elif (work.b(due) - b_now if business and work.covers(due) else due - now) < near:
            at_risk += 1
    return at_risk, overdue


def clock_text(policy: Policy, now_at: datetime, work: WorkingTime) -> str:
    """The demo's clock as the floor reads it, and whether the floor is working then."""
    local = policy.calendar.local(now_at)
    state = "working hours" if work.is_open(seconds(now_at)) else "the floor is closed"
    return f"{local:%a %Y-%m-%d %H:%M} {policy.timezone}, {state}"


def build_demo_file(
    path, *, login: str | None = None, clock: Clock | None = None, tickets: int = 5_000, seed: int = 1
) -> DemoSummary:
    """`callfloor demo`: a demo floor at path, built whole in a new file beside it and renamed
    into place. Only a new path, or a file an earlier demo built (its DEMO_KEY mark, written in
    the build's transaction), is ever replaced; a real floor never is, whoever asks."""
    file = Path(path)
    replace = file.exists()
    if replace and maintenance.setting_as_is(file, DEMO_KEY) is None:
        raise Refused("demo.not_a_demo_file", path=str(path))
    with storage_problems():
        building = floor_file.create_building_file(file, purpose="demo")
    try:
        session = open_session(building.path, login=login, clock=clock, create=True)
        try:
            summary = build_demo(session, tickets=tickets, seed=seed)
        finally:
            session.close()
        with storage_problems():
            floor_file.put_in_place(building.path, file, replace=replace)
    except BaseException:
        floor_file.remove_sqlite_files(building.path)
        raise
    return summary
