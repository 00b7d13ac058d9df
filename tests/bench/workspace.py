"""Measuring the agent workspace in a real terminal (tmux), as an agent over SSH meets it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.terminal.tmux import Terminal

CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))
NOW = "2026-11-20T10:00+08:00"
USER = "bench"


def build_demo(path: Path, tickets: int) -> None:
    if not path.exists():
        subprocess.run(
            [CALLFLOOR, "demo", "--db", str(path), "--tickets", str(tickets), "--seed", "7", "--no-ui"],
            env=dict(os.environ, CALLFLOOR_USER=USER, CALLFLOOR_NOW=NOW),
            check=True,
            capture_output=True,
        )


def terminal(path: Path, width: int = 80, height: int = 24) -> Terminal:
    env = {
        "CALLFLOOR_USER": USER,
        "CALLFLOOR_NOW": NOW,
        "CALLFLOOR_DB": str(path),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
    }
    return Terminal([CALLFLOOR, "--lang", "en"], env, width, height)


def start_seconds(term: Terminal) -> float:
    """From launching the program to the queue's first row on screen."""
    started = time.perf_counter()
    term.start()
    term.wait_for("all open:", timeout=30, poll=0.005)
    return time.perf_counter() - started


def key_to_repaint_ms(term: Terminal, key: str, presses: int) -> list[float]:
    """Each press: from send-keys until the terminal shows a different screen."""
    times = []
    for _ in range(presses):
        before = term.screen()
        started = time.perf_counter()
        term.keys(key)
        term.wait_for_change(before)
        times.append(1000 * (time.perf_counter() - started))
        time.sleep(0.02)
    return times


def ticket_with_events(path: Path, events: int = 200) -> str:
    """A fresh open ticket with `events` timeline events (notes), made through the command."""
    env = dict(os.environ, CALLFLOOR_USER=USER, CALLFLOOR_NOW=NOW, CALLFLOOR_DB=str(path))
    customer = (
        subprocess.run(
            [CALLFLOOR, "ticket", "list", "--json", "--open"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.split('"customer_code": "', 1)[1]
        .split('"', 1)[0]
    )
    ref = subprocess.run(
        [
            CALLFLOOR,
            "ticket",
            "add",
            "--customer",
            customer,
            "--channel",
            "phone",
            "--text",
            "bench: 设备故障, 200 events",
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    from core.floor.session import open_session
    from core.tickets.lifecycle import add_note

    session = open_session(path, login=USER)
    for n in range(events - 1):
        add_note(session, ref, f"step {n}: 已联系仓库 / called the warehouse")
    session.close()
    return ref


def open_ticket_ms(path: Path, ref: str, runs: int = 10) -> list[float]:
    """From Enter on the ticket's row to the detail screen showing its timeline."""
    term = terminal(path)
    times = []
    try:
        start_seconds(term)
        term.keys("/")
        term.keys(ref, literal=True)
        term.wait_for(f"filter: {ref}")
        term.keys("Enter")
        time.sleep(0.3)
        for _ in range(runs):
            started = time.perf_counter()
            term.keys("Enter")
            term.wait_for("step 198", timeout=10, poll=0.002)
            times.append(1000 * (time.perf_counter() - started))
            term.keys("Escape")
            term.wait_for("all open:", timeout=10)
            time.sleep(0.2)
    finally:
        term.close()
    return times


def rss_mb(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def start_figures(path: Path, runs: int = 5) -> list[float]:
    """Several cold starts: one start alone is at the mercy of whatever else the host does."""
    times = []
    for _ in range(runs):
        term = terminal(path)
        try:
            times.append(start_seconds(term))
        finally:
            term.close()
    return times


def queue_figures(path: Path, presses: int = 120) -> dict:
    starts = start_figures(path)
    term = terminal(path)
    try:
        start_seconds(term)
        time.sleep(0.3)
        # Warm-up, not measured: the first reads of a freshly written file come from disk.
        key_to_repaint_ms(term, "PageDown", 3)
        key_to_repaint_ms(term, "PageUp", 3)
        # Down then back up, so a small floor's short queue never runs out of rows.
        moves = key_to_repaint_ms(term, "j", presses // 2) + key_to_repaint_ms(term, "k", presses // 2)
        pages = []
        for _ in range(presses // 8):
            pages += key_to_repaint_ms(term, "PageDown", 2) + key_to_repaint_ms(term, "PageUp", 2)
        pid = term.app_pid()
        return {
            "start_s": statistics.median(starts),
            "start_worst_s": max(starts),
            "move_p95_ms": p95(moves),
            "move_median_ms": statistics.median(moves),
            "page_p95_ms": p95(pages),
            "page_median_ms": statistics.median(pages),
            "rss_mb": rss_mb(pid) if pid else 0.0,
        }
    finally:
        term.close()
