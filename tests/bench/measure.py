"""Budget measurements for the floor core. Each returns figures; the bench tests compare them
with the issue's budgets. Run them with: make bench   (or pytest -m bench -s tests/bench)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from core.customers import records as customers
from core.floor.session import open_session
from core.people import agents
from tests.concurrency.race import run_together
from tests.concurrency.workers import write_notes

CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))


def small_floor(path: str, logins=()) -> str:
    from core.tickets import lifecycle as tickets

    session = open_session(path, create=True, login="boss")
    agents.ensure_first_supervisor(session)
    for login in logins:
        agents.add_agent(session, login, login)
    customers.add_customer(session, customers.CustomerForm("C001", "华东贸易有限公司", phone="13812345678"))
    ref = tickets.intake(session, tickets.NewTicket("C001", "phone", "客户建议增加夜间服务"))
    session.close()
    return ref


def ticket_add_seconds(path: str, runs: int) -> list[float]:
    """Wall time of whole `callfloor ticket add` processes, start to exit."""
    env = dict(os.environ, CALLFLOOR_DB=path, CALLFLOOR_USER="boss")
    times = []
    for n in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [
                CALLFLOOR,
                "ticket",
                "add",
                "--customer",
                "C001",
                "--channel",
                "phone",
                "--text",
                f"货物破损 #{n}",
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return times


def concurrent_writes(path: str, processes: int, writes: int) -> dict:
    logins = [f"agent{n:02d}" for n in range(processes)]
    ref = small_floor(path, logins)
    reports = run_together(write_notes, [(path, login, ref, writes) for login in logins], timeout=600)
    # From the barrier's release to the last writer's finish: the writing, not interpreter start-up.
    elapsed = max(end for *_, (_, end) in reports) - min(start for *_, (start, _) in reports)
    latencies = sorted(lat for *_, lats, _ in reports for lat in lats)
    acked = sum(len(a) for _, a, *_ in reports)
    return {
        "writes": acked,
        "errors": [e for _, _, errs, *_ in reports for e in errs],
        "seconds": elapsed,
        "writes_per_second": acked / elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else 0,
        "p99_ms": 1000 * latencies[int(len(latencies) * 0.99) - 1] if latencies else 0,
    }


def demo_seconds(path: str, tickets: int, seed: int = 7) -> tuple[float, str]:
    env = dict(os.environ, CALLFLOOR_USER="boss")
    started = time.perf_counter()
    done = subprocess.run(
        [CALLFLOOR, "demo", "--db", path, "--tickets", str(tickets), "--seed", str(seed), "--no-ui"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, done.stdout.strip()
