"""Issue 6's budget for the weekly report: a week of 50,000 tickets exported by the command,
timed and its peak memory taken by the operating system (os.wait4 gives the finished
process's own rusage, so nothing else the bench ran is counted).

Run with: make bench   (or pytest -m bench -s tests/bench/test_report_budgets.py)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))
NOW = "2026-11-24T09:00+08:00"
"""Tuesday of 2026-W48: 2026-W47 is the last full week, the report's default."""
WEEK = "2026-W47"
DEMO_TICKETS = 440_000
"""The demo spreads ten weeks of history (busier towards now); with seed 7 this puts 54,552
tickets and 17,895 done callbacks in 2026-W47 (one call covers a customer's reasons of the week)."""
SEED = 7
CACHE = Path(tempfile.gettempdir()) / "callfloor-bench"


def _env(**more) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    return dict(env, CALLFLOOR_USER="boss", CALLFLOOR_NOW=NOW, **more)


def report_floor(tickets: int = DEMO_TICKETS, seed: int = SEED, folder: Path | None = None) -> Path:
    """A demo floor (`callfloor demo`), built once and kept under its size and seed in the
    temp folder (440,000 tickets take about three minutes); a new folder builds afresh."""
    folder = folder or CACHE
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"report-demo-{tickets}-seed{seed}.db"
    if not path.exists():
        building = path.with_name(f"building-{os.getpid()}-{path.name}")
        try:
            subprocess.run(
                [
                    CALLFLOOR,
                    "demo",
                    "--db",
                    str(building),
                    "--tickets",
                    str(tickets),
                    "--seed",
                    str(seed),
                    "--no-ui",
                ],
                env=_env(),
                check=True,
                capture_output=True,
                timeout=1800,
            )
            os.replace(building, path)  # whole or not at all: a broken build is never reused
        finally:
            for leftover in building.parent.glob(building.name + "*"):
                leftover.unlink()
    return path


def week_size(path: Path, week: str = WEEK) -> dict:
    """The week's tickets and done callbacks, from the report's own figures."""
    import json

    done = subprocess.run(
        [CALLFLOOR, "report", "--db", str(path), "--week", week, "--json"],
        env=_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(done.stdout)
    return {"tickets": figures["received"], "callbacks": figures["callbacks_done"]}


def export_once(path: Path, out: Path, *args: str) -> dict:
    """One `callfloor export` process: wall time from start to exit, its peak resident memory
    (ru_maxrss) and CPU time, and what it printed."""
    log = out.with_suffix(".log")
    with open(log, "w+") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            [CALLFLOOR, "export", "--db", str(path), "--week", WEEK, "-o", str(out), *args],
            env=_env(),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        said = output.read().strip()
    if process.returncode != 0:
        raise RuntimeError(f"callfloor export failed ({process.returncode}): {said}")
    return {
        "seconds": seconds,
        "peak_mb": usage.ru_maxrss / 1024,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "said": said,
        "bytes": out.stat().st_size,
    }


def export_figures(path: Path, folder: Path, runs: int = 3) -> dict:
    """runs exports of the week: the fastest (the code's time; a busy machine only adds to it),
    every run's time, and the largest peak memory of all."""
    done = [export_once(path, folder / f"report-{n}.xlsx") for n in range(runs)]
    return {
        "best_seconds": min(d["seconds"] for d in done),
        "seconds": [d["seconds"] for d in done],
        "peak_mb": max(d["peak_mb"] for d in done),
        "cpu_seconds": min(d["cpu_seconds"] for d in done),
        "said": done[-1]["said"],
        "bytes": done[-1]["bytes"],
    }
