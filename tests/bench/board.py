"""Issue 4's budgets for the wall board: bytes to the terminal, CPU, and memory over a day's
ticking. Run with: make bench   (or pytest -m bench -s tests/bench/test_board_budgets.py)."""

from __future__ import annotations

import asyncio
import gc
import os
import time
from datetime import timedelta
from pathlib import Path

from core.admin import setup as admin
from core.basics.clock import FrozenClock
from core.customers import records as customers
from core.floor.session import open_session
from core.handoffs import lifecycle as handoffs
from core.people import agents
from core.tickets import lifecycle as tickets
from tests.bench.workspace import rss_mb
from tests.terminal.test_workspace_in_tmux import CALLFLOOR
from tests.terminal.tmux import Terminal

SIZE = (160, 45)
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def board_floor(path: Path, handoffs_open: int = 30, under_an_hour: int = 15, clock=None) -> None:
    """A floor with handoffs_open open handoffs at the real time of day (or clock's):
    under_an_hour of them due in 20-50 minutes, so their countdowns show seconds and change
    every tick; the rest due in 2-8 hours (h:mm, a change a minute)."""
    session = open_session(path, create=True, login="boss", clock=clock)
    agents.ensure_first_supervisor(session)
    admin.init_floor(session)
    customers.add_customer(
        session,
        customers.CustomerForm("C001", "华东贸易有限公司", short_name="华东贸易", phone="13812345678"),
    )
    departments = ("warehouse", "logistics", "tech", "rnd", "production")
    for n in range(handoffs_open):
        ref = tickets.intake(
            session, tickets.NewTicket("C001", "phone", f"订单 SO{n:04d} 货物破损, 需要补发")
        )
        due = f"+{20 + n}m" if n < under_an_hour else f"+{120 + 12 * n}m"
        handoffs.add_handoff(
            session,
            ref,
            departments[n % len(departments)],
            f"确认订单 SO{n:04d} 的出库和物流位置 / confirm where order SO{n:04d} is",
            due,
        )
    session.close()


def cpu_seconds(pid: int) -> float:
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND  # utime + stime


def wire_figures(path: Path, seconds: float = 60.0, settle: float = 3.0) -> dict:
    """`callfloor board` in tmux at 160x45 on the real clock: what it writes to the terminal
    (tmux pipe-pane) and the CPU it uses over seconds, once it has drawn its first picture."""
    env = {
        "CALLFLOOR_USER": "boss",
        "CALLFLOOR_DB": str(path),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    wire = path.with_suffix(".wire")
    with Terminal([CALLFLOOR, "board", "--lang", "en"], env, *SIZE) as term:
        screen = term.wait_for(" T000001", timeout=15)
        rows = sum(1 for line in screen.splitlines() if line.startswith(" T0"))
        time.sleep(settle)
        pid = term.app_pid()
        term._tmux("pipe-pane", "-o", "-t", "t", f"cat >> {wire}")
        cpu_before, started = cpu_seconds(pid), time.monotonic()
        time.sleep(seconds)
        cpu_after, elapsed = cpu_seconds(pid), time.monotonic() - started
        term._tmux("pipe-pane", "-t", "t")  # stop piping
        rss = rss_mb(pid)
    time.sleep(0.2)  # let the pipe's cat flush
    written = wire.stat().st_size if wire.exists() else 0
    return {
        "rows": rows,
        "seconds": elapsed,
        "bytes": written,
        "bytes_per_second": written / elapsed,
        "cpu_percent": 100 * (cpu_after - cpu_before) / elapsed,
        "rss_mb": rss,
    }


def rss_growth(path: Path, hours: float = 1.0, warmup_ticks: int = 120) -> dict:
    """The board in-process (Pilot, 160x45) on a frozen clock moved one second per tick, with
    a change poll every tick and a full re-read every 15 ticks, as the timers do: resident
    memory after warming up, and after hours of ticks."""
    from tui.wall import make_wall

    clock = FrozenClock(_floor_now(path))

    async def run() -> dict:
        session = open_session(path, login="boss", clock=clock)
        app = make_wall(session, "en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen

            async def tick(count: int) -> None:
                for n in range(count):
                    clock.advance(timedelta(seconds=1))
                    screen.poll()
                    if n % 15 == 0:
                        screen.reload()
                    screen.tick()
                    await pilot.pause()

            await tick(warmup_ticks)
            gc.collect()
            before = rss_mb(os.getpid())
            ticks = int(hours * 3600)
            started = time.perf_counter()
            await tick(ticks)
            elapsed = time.perf_counter() - started
            gc.collect()
            after = rss_mb(os.getpid())
        session.close()
        return {
            "ticks": ticks,
            "before_mb": before,
            "after_mb": after,
            "growth_mb": after - before,
            "ms_per_tick": 1000 * elapsed / ticks,
        }

    return asyncio.run(run())


def _floor_now(path: Path):
    """The moment the floor was built: the frozen clock starts there, so the countdowns run
    down through their thresholds during the simulated hour."""
    from core.handoffs.board import board_picture

    session = open_session(path, login="boss")
    sent = min(h.sent_at for h in board_picture(session).handoffs)
    session.close()
    return sent
