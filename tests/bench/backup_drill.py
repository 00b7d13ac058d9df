"""Backup drill (issue 7): the real `callfloor db backup DEST` while 20 agent processes write.
Reports how long the backup took and the writers' latency before and during it; then the copy
must pass `callfloor db check --db DEST`, hold every write acknowledged before the backup
began, and open in the app: the real `callfloor --db DEST` in tmux at 80x24, as an agent,
painting the queue.

    python -m tests.bench.backup_drill [--writers 20] [--tickets 20000] [--db PATH]

Without --db the floor is `callfloor demo` with --tickets tickets (a backup of a few hundred
rows says nothing), plus agents agent01..agentNN to write.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from tests.bench.drill_floor import SUPERVISOR, FloorSize, add_drill_agents, build_floor, login_of
from tests.bench.drill_log import Tally, percentile, read_folder
from tests.bench.drill_start import CALLFLOOR, Crew, callfloor
from tests.bench.drill_verify import db_check, verify

WARM_UP = 3.0
"""Seconds of writing before the backup starts: the baseline latency, and writes to look for."""
AFTER = 2.0
"""Seconds the writers go on after the backup returned."""


def make_floor(db: str, tickets: int, writers: int) -> None:
    if tickets:
        done = callfloor(
            "demo", "--db", db, "--tickets", str(tickets), "--seed", "7", "--no-ui", user=SUPERVISOR
        )
        if done.returncode != 0:
            raise RuntimeError(f"callfloor demo failed: {done.stderr or done.stdout}")
        add_drill_agents(db, writers)
    else:  # a small floor, for the smoke test
        build_floor(db, FloorSize(agents=writers, customers=20, open_tickets=60, resolved=10, handoffs=6))


def run_backup(
    db: str | None = None,
    writers: int = 20,
    tickets: int = 20_000,
    think: str = "0.2-1",
    logs: str | None = None,
    app: bool = True,
    warm_up: float = WARM_UP,
    after: float = AFTER,
) -> dict:
    folder = Path(logs or tempfile.mkdtemp(prefix="backup-drill-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = db or str(folder / "floor.db")
    if not Path(db).exists():
        make_floor(db, tickets, writers)
    else:
        add_drill_agents(db, writers)
    dest = folder / f"backup-{int(time.time())}.db"
    crew = Crew(folder / "writers")
    try:
        for n in range(1, writers + 1):
            crew.start(
                login_of(n),
                "tests.bench.drill_agent",
                "--db",
                db,
                "--login",
                login_of(n),
                "--think",
                think,
                "--seed",
                str(n),
                "--tag",
                f"b{int(time.time())}.",
            )
        crew.wait_ready(timeout=60 + 3 * writers)
        start, _ = crew.go(3600)  # stopped below, once the backup is done
        time.sleep(warm_up)
        began = time.time()
        done = callfloor("db", "backup", "--db", db, str(dest))
        finished = time.time()
        time.sleep(after)
        crew.stop_at(time.time())
        codes = crew.wait(timeout=60)
    finally:
        crew.stop_all()
    tally = Tally.of(read_folder(crew.folder))
    before = [a for a in tally.acks if a["t"] < began]
    figures = {
        "writers": writers,
        "think": think,
        "size_mb": os.path.getsize(db) / 1e6,
        "backup_ok": done.returncode == 0,
        "backup_said": (done.stdout + done.stderr).strip(),
        "backup_seconds": finished - began,
        "baseline": _latency(tally.write_ms(start, began)),
        "during": _latency(tally.write_ms(began, finished)),
        "writes": len(tally.acks),
        "acked_before": len(before),
        "errors": dict(tally.errors),
        "error_samples": tally.error_samples,
        "process_failures": crew.failures(codes),
        "dest": str(dest),
        "logs": str(folder),
    }
    if figures["backup_ok"]:
        verdict = verify(str(dest), before)
        figures["missing_in_copy"] = verdict.missing
        figures["copy_check_ok"], figures["copy_check_said"] = db_check(str(dest))
        figures["app"] = app_paints_queue(str(dest)) if app else "not tried"
    figures["missing_in_floor"] = verify(db, tally.acks).missing
    return figures


def _latency(ms: list[float]) -> dict:
    return {
        "writes": len(ms),
        "p50": percentile(ms, 0.5),
        "p99": percentile(ms, 0.99),
        "max": max(ms, default=0.0),
    }


def app_paints_queue(path: str, login: str = "agent01") -> str:
    """Open the copy in the real app in tmux at 80x24 as an agent: 'painted: <queue header>',
    or why not."""
    from tests.terminal.tmux import TMUX, Terminal

    if TMUX is None:
        return "not tried: tmux is not installed"
    env = {
        "CALLFLOOR_USER": login,
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
    }
    with Terminal([CALLFLOOR, "--db", path, "--lang", "en"], env, 80, 24) as term:
        try:
            screen = term.wait_for("all open:", timeout=30)
        except AssertionError as exc:
            return f"NOT painted: {exc}"
    header = next(line.strip() for line in screen.splitlines() if "all open:" in line)
    return f"painted: {header}"


def passed(f: dict) -> bool:
    return (
        f["backup_ok"]
        and not f.get("missing_in_copy")
        and f.get("copy_check_ok", False)
        and f.get("app", "").startswith(("painted", "not tried"))
        and not f["missing_in_floor"]
        and not f["errors"]
        and not f["process_failures"]
    )


def figure_lines(f: dict) -> list[str]:
    b, d = f["baseline"], f["during"]
    return [
        f"writers               {f['writers']} (think time {f['think']} s), floor file {f['size_mb']:.1f} MB",
        f"backup                {'ok' if f['backup_ok'] else 'FAILED'} in {f['backup_seconds']:.2f} s "
        f"(the whole command, start-up included): {f['backup_said']}",
        f"writes before backup  {b['writes']}  p50 {b['p50']:.1f} ms  p99 {b['p99']:.1f} ms  "
        f"max {b['max']:.1f} ms",
        f"writes during backup  {d['writes']}  p50 {d['p50']:.1f} ms  p99 {d['p99']:.1f} ms  "
        f"max {d['max']:.1f} ms",
        f"acknowledged before   {f['acked_before']} (looked for in the copy)",
        f"missing in the copy   {len(f.get('missing_in_copy', []))}",
        *(f"  e.g. {m}" for m in f.get("missing_in_copy", [])[:5]),
        "copy db check         "
        + ("ok" if f.get("copy_check_ok") else "FAILED: " + f.get("copy_check_said", "")),
        f"copy in the app       {f.get('app', 'not tried')}",
        f"missing in the floor  {len(f['missing_in_floor'])} (of {f['writes']} acknowledged in all)",
        f"errors shown          {sum(f['errors'].values())} {f['errors'] or ''}".rstrip(),
        *(f"  e.g. {m}" for m in f["error_samples"]),
        *(f"process {k} failed: {v}" for k, v in list(f["process_failures"].items())[:3]),
        f"passed                {'yes' if passed(f) else 'NO'}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Backup drill: callfloor db backup while agents write.")
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument(
        "--tickets", type=int, default=20_000, help="size of the demo floor made when --db is not given"
    )
    parser.add_argument("--think", default="0.2-1", help="seconds between a writer's writes: LOW-HIGH or 0")
    parser.add_argument("--db", help="an existing floor to back up (default: a fresh demo floor)")
    parser.add_argument(
        "--logs", help="folder for logs, the floor and the copy (default: a new temporary one)"
    )
    parser.add_argument("--no-app", action="store_true", help="do not open the copy in tmux")
    args = parser.parse_args(argv)
    figures = run_backup(args.db, args.writers, args.tickets, args.think, args.logs, app=not args.no_app)
    print("\n".join(figure_lines(figures)))
    if passed(figures) and not args.logs:
        shutil.rmtree(figures["logs"], ignore_errors=True)
    else:
        print(f"logs                  {figures['logs']}")
    return 0 if passed(figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
