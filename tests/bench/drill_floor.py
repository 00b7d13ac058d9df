"""A floor for the drills, made through core as a supervisor would: agents agent01..agentNN and
supervisor boss, customers, the policy's departments, a few hundred open tickets (some already
owned, most waiting to be claimed), handoffs in each stage, and callbacks booked from resolved
tickets. Real time (SystemClock): the drill's agents run at the real time of day too.

A floor is a SQLite file (path) or a database on a PostgreSQL server (url, which must exist,
empty or holding a floor): the same core calls make and use it on either."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass

from core.admin import setup as admin
from core.callbacks.schedule import schedule_callbacks
from core.customers import records as customers
from core.floor.session import open_session
from core.handoffs import lifecycle as handoffs
from core.people import agents
from core.tickets import lifecycle as tickets

SUPERVISOR = "boss"
DESCRIPTIONS = (
    "货物破损, 外箱压坏",
    "发票抬头开错了",
    "物流三天没有更新",
    "漏发一件配件",
    "安装后无法开机",
    "询问退货流程",
    "Invoice total does not match the order",
    "app login keeps failing",
)


def login_of(n: int) -> str:
    return f"agent{n:02d}"


def customer_code(n: int) -> str:
    return f"C{n:04d}"


@dataclass(frozen=True)
class FloorSize:
    agents: int = 50
    customers: int = 200
    open_tickets: int = 300
    owned_per_agent: int = 2  # tickets each agent already works when the drill starts
    resolved: int = 120  # resolved tickets, each booking one callback
    handoffs: int = 40


def where(path: str | None = None, url: str | None = None) -> dict:
    """open_session's keyword arguments for the floor at path (a SQLite file) or url (a server)."""
    if (path is None) == (url is None):
        raise ValueError("give exactly one of path or url")
    return {"path": str(path)} if path is not None else {"url": url}


def floor_options(path: str | None = None, url: str | None = None) -> list[str]:
    """The command-line options that name the floor, for the drill's helper processes."""
    return ["--db", str(path)] if path is not None else ["--db-url", str(url)]


def has_floor(path: str | None = None, url: str | None = None) -> bool:
    """Whether a floor is there already: the file exists, or the server database has its
    tables (a new, empty database has none). Asked with psycopg, not through core."""
    if path is not None:
        return os.path.exists(path)
    import psycopg

    with psycopg.connect(str(url)) as conn:
        row = conn.execute("SELECT to_regclass('agent') IS NOT NULL").fetchone()
    return bool(row and row[0])


def build_floor(
    path: str | None, size: FloorSize = FloorSize(), seed: int = 7, *, url: str | None = None
) -> dict:
    """Create the floor at path (or in the empty server database at url); returns what was
    made, for the drill's own report."""
    rng = random.Random(seed)
    boss = open_session(**where(path, url), create=True, login=SUPERVISOR)
    try:
        admin.init_floor(boss)
        for n in range(1, size.agents + 1):
            agents.add_agent(boss, login_of(n), f"Agent {n:02d}")
        for n in range(1, size.customers + 1):
            customers.add_customer(
                boss, customers.CustomerForm(customer_code(n), f"客户{n:04d}有限公司", phone=f"138{n:08d}")
            )
        departments = [d.id for d in boss.policy.departments]

        def new_ticket(text: str) -> str:
            code = customer_code(rng.randint(1, size.customers))
            return tickets.intake(boss, tickets.NewTicket(code, "phone", text))

        refs = [new_ticket(f"{rng.choice(DESCRIPTIONS)} (floor {n})") for n in range(size.open_tickets)]
        owned = 0
        for n in range(1, size.agents + 1):
            for _ in range(size.owned_per_agent):
                if owned < len(refs):
                    tickets.claim(boss.as_login(login_of(n)), refs[owned])
                    owned += 1
        for n in range(size.handoffs):
            ref = refs[n % max(owned, 1)]
            added = handoffs.add_handoff(
                boss, ref, departments[n % len(departments)], f"floor handoff {n}", "+4h"
            )
            if n % 3 >= 1:
                handoffs.answer_handoff(boss, added.id, f"floor answer {n}")
            if n % 3 == 2:
                handoffs.sync_handoff(boss, added.id)
        for n in range(size.resolved):
            ref = new_ticket(f"{rng.choice(DESCRIPTIONS)} (resolved {n})")
            worker = boss.as_login(login_of(n % size.agents + 1))
            tickets.claim(worker, ref)
            tickets.set_status(worker, ref, "resolved", "处理完毕")
        booked = len(schedule_callbacks(boss))
        return {
            "agents": size.agents,
            "customers": size.customers,
            "open_tickets": size.open_tickets,
            "owned": owned,
            "handoffs": size.handoffs,
            "callbacks": booked,
        }
    finally:
        boss.close()


def add_drill_agents(path: str | None, count: int, *, url: str | None = None) -> None:
    """agent01..agentNN on an existing floor (one made by callfloor demo, say), if missing."""
    session = open_session(**where(path, url), login=SUPERVISOR)
    try:
        have = {a.login for a in agents.list_agents(session)}
        for n in range(1, count + 1):
            if login_of(n) not in have:
                agents.add_agent(session, login_of(n), f"Agent {n:02d}")
    finally:
        session.close()
