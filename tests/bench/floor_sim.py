"""Load drill (issue 7): N real agent processes (default 50) work one floor database with the
floor's mix (intake, claim, notes, contacts, handoffs, resolve, callbacks) and a person's think
time, while a wall board and a queue read it. At the end every acknowledged write is looked
for in the database, owners are checked against who won each claim, and `callfloor db check`
runs. Target: 0 lost writes, 0 double owners, 0 errors shown to an agent, p99 write <= 250 ms.

    python -m tests.bench.floor_sim --agents 50 --seconds 60 --db /tmp/floor.db
    python -m tests.bench.floor_sim --agents 50 --seconds 20 --think 0 --db /tmp/stress.db

A --db that does not exist yet gets a fresh floor (tests.bench.drill_floor); an existing one
is used as it is (agents agent01..agentNN are added if missing).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from tests.bench.drill_floor import FloorSize, add_drill_agents, build_floor, login_of
from tests.bench.drill_log import Tally, percentile, read_folder
from tests.bench.drill_start import Crew
from tests.bench.drill_verify import db_check, verify

P99_BUDGET_MS = 250


def run_floor(
    db: str,
    agents: int = 50,
    seconds: float = 60,
    think: str = "1-3",
    seed: int = 7,
    logs: str | None = None,
    size: FloorSize | None = None,
    write_lock: str | None = None,
) -> dict:
    """Run the drill; returns its figures (see figure_lines for what each means)."""
    db = str(db)
    if not os.path.exists(db):
        build_floor(db, size or FloorSize(agents=agents), seed=seed)
    else:
        add_drill_agents(db, agents)
    folder = Path(logs or tempfile.mkdtemp(prefix="floor-sim-", dir=Path(db).parent))
    tag = f"{int(time.time() * 1000) % 10**8}."  # this run's tokens, unique on a reused file
    crew = Crew(folder)
    try:
        for n in range(1, agents + 1):
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
                str(seed * 1000 + n),
                "--tag",
                tag,
                *(["--write-lock", write_lock] if write_lock else []),
            )
        for screen in ("board", "queue"):
            crew.start(screen, "tests.bench.drill_readers", "--db", db, "--screen", screen)
        crew.wait_ready(timeout=60 + 3 * agents)
        start, _ = crew.go(seconds)
        codes = crew.wait(timeout=seconds + 120)
        ended = time.time()
    finally:
        crew.stop_all()
    tally = Tally.of(read_folder(folder))
    verdict = verify(db, tally.acks)
    checked, said = db_check(db)
    figures = _figures(tally, agents, seconds, ended - start, think)
    figures["write_lock"] = write_lock
    figures.update(
        lost_writes=len(verdict.missing),
        lost_samples=verdict.missing[:5],
        double_owners=len(verdict.double_owners),
        double_samples=verdict.double_owners[:5],
        db_check_ok=checked,
        db_check_said=said,
        process_failures=crew.failures(codes),
        logs=str(folder),
    )
    return figures


def _figures(tally: Tally, agents: int, seconds: float, elapsed: float, think: str) -> dict:
    latencies = [a["ms"] for a in tally.acks]
    by_op: dict[str, list[float]] = {}
    for ack in tally.acks:
        by_op.setdefault(ack["op"], []).append(ack["ms"])
    reads = {name.removeprefix("read:"): ms for name, ms in tally.reads.items()}
    return {
        "agents": agents,
        "seconds": seconds,
        "elapsed": elapsed,
        "think": think,
        "writes": len(latencies),
        "ops_per_second": len(latencies) / max(seconds, 1e-9),
        "p50_ms": percentile(latencies, 0.50),
        "p95_ms": percentile(latencies, 0.95),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies, default=0.0),
        "by_op": {
            op: (len(ms), percentile(ms, 0.5), percentile(ms, 0.99), max(ms))
            for op, ms in sorted(by_op.items())
        },
        "slowest": _where_time_went(tally.acks),
        "cpu_ms_per_write": 1000 * tally.cpu_seconds / max(len(latencies), 1),
        "errors": dict(tally.errors),
        "error_samples": tally.error_samples,
        "refusals": dict(tally.refusals),
        "reads": {
            name: (len(ms), percentile(ms, 0.5), percentile(ms, 0.99)) for name, ms in sorted(reads.items())
        },
        "read_errors": dict(tally.read_errors),
    }


def _where_time_went(acks: list[dict]) -> dict:
    """For the slowest 1% of writes, the mean ms spent waiting for the write lock, holding it
    (queries and Python inside the transaction), committing, and outside the transaction
    (Python before and after, and waiting for a CPU on a busy machine)."""
    if not acks:
        return {}
    cut = percentile([a["ms"] for a in acks], 0.99)
    slow = [a for a in acks if a["ms"] >= cut]
    parts = {
        part: sum(a.get(f"{part}_ms", 0.0) for a in slow) / len(slow) for part in ("lock", "held", "commit")
    }
    parts["outside"] = sum(a["ms"] for a in slow) / len(slow) - sum(parts.values())
    return {"writes": len(slow), "from_ms": cut, **parts}


def meets_target(figures: dict) -> bool:
    return (
        figures["lost_writes"] == 0
        and figures["double_owners"] == 0
        and not figures["errors"]
        and figures["p99_ms"] <= P99_BUDGET_MS
        and figures["db_check_ok"]
        and not figures["process_failures"]
    )


def figure_lines(f: dict) -> list[str]:
    lines = [
        f"agents                {f['agents']} (think time {f['think']} s between writes)"
        + (f", write lock taken by {f['write_lock']} (experiment)" if f.get("write_lock") else ""),
        f"seconds               {f['seconds']:g} (all done {f['elapsed']:.1f} s after go)",
        f"writes acknowledged   {f['writes']}",
        f"ops/s                 {f['ops_per_second']:.1f} "
        f"(agents' CPU {f['cpu_ms_per_write']:.1f} ms a write, their reads and start-up included)",
        f"write latency ms      p50 {f['p50_ms']:.1f}  p95 {f['p95_ms']:.1f}  p99 {f['p99_ms']:.1f}  "
        f"max {f['max_ms']:.1f}  (target p99 <= {P99_BUDGET_MS})",
    ]
    if f["slowest"]:
        w = f["slowest"]
        lines.append(
            f"slowest 1% ({w['writes']} writes >= {w['from_ms']:.0f} ms), "
            f"mean ms: lock wait {w['lock']:.1f}, in transaction {w['held']:.1f}, "
            f"commit {w['commit']:.1f}, outside {w['outside']:.1f}"
        )
    for op, (count, p50, p99, worst) in f["by_op"].items():
        lines.append(f"  {op:<19} {count:>6}  p50 {p50:7.1f}  p99 {p99:7.1f}  max {worst:7.1f}")
    lines.append(f"errors shown to agents {sum(f['errors'].values())} {f['errors'] or ''}".rstrip())
    lines.extend(f"  e.g. {sample}" for sample in f["error_samples"])
    lines.append(f"refusals (rules)      {sum(f['refusals'].values())} {f['refusals'] or ''}".rstrip())
    lines.append(f"lost writes           {f['lost_writes']}")
    lines.extend(f"  e.g. {sample}" for sample in f["lost_samples"])
    lines.append(f"double owners         {f['double_owners']}")
    lines.extend(f"  e.g. {sample}" for sample in f["double_samples"])
    for name, (count, p50, p99) in f["reads"].items():
        lines.append(f"{name + ' reads':<21} {count}  p50 {p50:.1f} ms  p99 {p99:.1f} ms")
    lines.append(f"read errors           {sum(f['read_errors'].values())} {f['read_errors'] or ''}".rstrip())
    lines.append(f"callfloor db check    {'ok' if f['db_check_ok'] else 'FAILED: ' + f['db_check_said']}")
    for name, said in f["process_failures"].items():
        lines.append(f"process {name} failed: {said}")
    lines.append(f"target met            {'yes' if meets_target(f) else 'NO'}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Load drill: N agent processes on one floor database.")
    parser.add_argument("--db", required=True, help="the floor file (made fresh when it does not exist)")
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think", default="1-3", help="seconds between an agent's writes: LOW-HIGH, or 0 for a stress run"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--logs", help="folder for the processes' logs (default: a new one beside --db)")
    parser.add_argument("--keep-logs", action="store_true")
    parser.add_argument(
        "--write-lock",
        metavar="poll:MS|queue",
        help="experiment: agents take the write lock another way (tests.bench.drill_writelock)",
    )
    args = parser.parse_args(argv)
    figures = run_floor(
        args.db, args.agents, args.seconds, args.think, args.seed, args.logs, write_lock=args.write_lock
    )
    print("\n".join(figure_lines(figures)))
    if not args.keep_logs and not args.logs and meets_target(figures):
        shutil.rmtree(figures["logs"], ignore_errors=True)
    else:
        print(f"logs                  {figures['logs']}")
    return 0 if meets_target(figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
