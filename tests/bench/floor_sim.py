"""Load drill (issue 7): N real agent processes (default 50) work one floor database with the
floor's mix (intake, claim, notes, contacts, handoffs, resolve, callbacks) and a person's think
time, while a wall board and a queue read it. At the end every acknowledged write is looked
for in the database, owners are checked against who won each claim, and `callfloor db check`
runs. Target: 0 lost writes, 0 double owners, 0 errors shown to an agent, p99 write <= 250 ms
on SQLite, <= 100 ms on PostgreSQL (issue 19; --p99-budget-ms sets another).

    python -m tests.bench.floor_sim --agents 50 --seconds 60 --db /tmp/floor.db
    python -m tests.bench.floor_sim --agents 50 --seconds 20 --think 0 --db /tmp/stress.db
    python -m tests.bench.floor_sim --agents 200 --seconds 60 --db-url postgresql://floor@dbhost/drill

A --db that does not exist yet gets a fresh floor (tests.bench.drill_floor); an existing one
is used as it is (agents agent01..agentNN are added if missing). A --db-url names a database
that exists on the server: empty, it gets a fresh floor built through core as on SQLite;
holding a floor, that floor is used as it is. Every process of the drill (agents, readers,
the verification, `callfloor db check`) then works on the server.

The figures are measured from the moment all processes are up (each opened its session and
said ready): the start (interpreters importing, sessions connecting) is timed on its own, with
the machine's memory when all are up and its lowest while the drill ran.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from db.urls import redact_url
from tests.bench.drill_floor import (
    FloorSize,
    add_drill_agents,
    build_floor,
    floor_options,
    has_floor,
    login_of,
)
from tests.bench.drill_log import Tally, percentile, read_folder
from tests.bench.drill_start import Crew
from tests.bench.drill_verify import db_check, verify

P99_BUDGET_MS = 250
"""The write p99 target on SQLite (issue 7)."""
P99_BUDGET_MS_POSTGRES = 100
"""The write p99 target on PostgreSQL (issue 19)."""


def default_budget(url: str | None) -> float:
    return P99_BUDGET_MS_POSTGRES if url is not None else P99_BUDGET_MS


def run_floor(
    db: str | None,
    agents: int = 50,
    seconds: float = 60,
    think: str = "1-3",
    seed: int = 7,
    logs: str | None = None,
    size: FloorSize | None = None,
    write_lock: str | None = None,
    *,
    warm_up: bool = False,
    url: str | None = None,
    p99_budget_ms: float | None = None,
) -> dict:
    """Run the drill on the SQLite file db, or on the server database url (db None); returns
    its figures (see figure_lines for what each means)."""
    db = None if db is None else str(db)
    if write_lock and url is not None:
        raise ValueError("--write-lock is an experiment on SQLite's write lock: it needs --db")
    floor = floor_options(db, url)
    built = 0.0
    if not has_floor(db, url):
        began = time.monotonic()
        build_floor(db, size or FloorSize(agents=agents), seed=seed, url=url)
        built = time.monotonic() - began
    else:
        add_drill_agents(db, agents, url=url)
    beside = Path(db).parent if db is not None else None
    folder = Path(logs or tempfile.mkdtemp(prefix="floor-sim-", dir=beside))
    tag = f"{int(time.time() * 1000) % 10**8}."  # this run's tokens, unique on a reused floor
    crew = Crew(folder)
    memory = MemoryWatch()
    server: ServerWatch | None = None
    try:
        starting = time.monotonic()
        for n in range(1, agents + 1):
            crew.start(
                login_of(n),
                "tests.bench.drill_agent",
                *floor,
                "--login",
                login_of(n),
                "--think",
                think,
                "--seed",
                str(seed * 1000 + n),
                "--tag",
                tag,
                *(["--write-lock", write_lock] if write_lock else []),
                *(["--warm-up"] if warm_up else []),
            )
        for screen in ("board", "queue"):
            crew.start(screen, "tests.bench.drill_readers", *floor, "--screen", screen)
        crew.wait_ready(timeout=60 + 3 * agents)
        started_in = time.monotonic() - starting
        memory.all_up(crew)
        load_at_go = os.getloadavg()[0]
        start, end = crew.go(seconds)
        memory.cpu_between(start, end)
        server = ServerWatch(url, end) if url is not None else None
        codes = crew.wait(timeout=seconds + 120)
        ended = time.time()
        load_at_end = os.getloadavg()[0]
        memory.stop()
    finally:
        memory.stop()
        if server is not None:
            server.stop()
        crew.stop_all()
    tally = Tally.of(read_folder(folder))
    verdict = verify(db, tally.acks, url=url)
    checked, said = db_check(db, url=url)
    figures = _figures(tally, agents, seconds, ended - start, think)
    figures["write_lock"] = write_lock
    figures["warm_up"] = warm_up
    figures.update(
        floor=db if db is not None else redact_url(url or ""),
        engine="sqlite" if db is not None else "postgresql",
        server=_server_settings(url) if url is not None else "",
        built_seconds=built,
        p99_budget_ms=p99_budget_ms if p99_budget_ms is not None else default_budget(url),
        start_seconds=started_in,
        load=(load_at_go, load_at_end),
        sessions=server.figures() if server is not None else {},
        **memory.figures(),
    )
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


class MemoryWatch:
    """The machine while the drill runs. Memory (MemAvailable, every agent process and server
    backend included): before the processes start, once all are up, and the lowest from then
    until they end; plus the resident memory of the drill's own processes when all are up.
    CPU (/proc/stat): the share of the machine's CPUs busy from go to the end time (whoever
    used them: the drill, its server, anything else on the machine)."""

    def __init__(self, every: float = 0.5):
        self.before = _available_mb()
        self.up = self.lowest = self.before
        self.rss_mb = 0.0
        self.processes = 0
        self.window: tuple[float, float] | None = None
        self.cpu_marks: list[tuple[float, int, int]] = []  # (time, busy ticks, all ticks)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(every,), daemon=True)
        self._thread.start()

    def _watch(self, every: float) -> None:
        while not self._stop.wait(every):
            self.lowest = min(self.lowest, _available_mb())
            if self.window and self.window[0] <= time.time() and not self._window_done():
                self.cpu_marks.append((time.time(), *_cpu_ticks()))

    def _window_done(self) -> bool:
        return bool(self.window and self.cpu_marks and self.cpu_marks[-1][0] >= self.window[1])

    def all_up(self, crew: Crew) -> None:
        self.up = _available_mb()
        self.lowest = min(self.lowest, self.up)
        sizes = [_rss_mb(p.pid) for p in crew.processes.values()]
        self.rss_mb, self.processes = sum(sizes), len(sizes)

    def cpu_between(self, start: float, end: float) -> None:
        """Measure the machine's CPU from start (now: go) to end (the deadline)."""
        self.cpu_marks = [(time.time(), *_cpu_ticks())]
        self.window = (start, end)

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()

    def figures(self) -> dict:
        busy = None
        if len(self.cpu_marks) >= 2:
            (_, busy0, all0), (_, busy1, all1) = self.cpu_marks[0], self.cpu_marks[-1]
            busy = (busy1 - busy0) / max(all1 - all0, 1)
        return {
            "mem_before_mb": self.before,
            "mem_up_mb": self.up,
            "mem_lowest_mb": self.lowest,
            "rss_mb": self.rss_mb,
            "rss_processes": self.processes,
            "machine_busy": busy,
        }


class ServerWatch:
    """The drill's database as the server sees it, sampled every half second from go to the
    end time (a connection of its own, in pg_stat_activity): how many sessions were waiting
    for the floor's write lock (an advisory lock), how many were running a statement, how many
    sat inside a transaction between statements (a client holding the lock while it computes,
    or waiting for a CPU to send the next statement). And the CPU the drill's backends used
    meanwhile (/proc: the server runs on this machine)."""

    QUERY = (
        "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'), "
        "count(*) FILTER (WHERE state = 'active' AND wait_event_type IS DISTINCT FROM 'Lock'), "
        "count(*) FILTER (WHERE state = 'idle in transaction'), count(*), "
        "array_agg(pid) "
        "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )

    def __init__(self, url: str, end: float, every: float = 0.5):
        import psycopg

        self.conn = psycopg.connect(url, autocommit=True)
        self.end = end
        self.samples: list[tuple[int, int, int, int]] = []
        self.cpu_first: dict[int, float] = {}
        self.cpu_last: dict[int, float] = {}
        self._stop = threading.Event()
        self._sample()
        self._thread = threading.Thread(target=self._watch, args=(every,), daemon=True)
        self._thread.start()

    def _watch(self, every: float) -> None:
        while not self._stop.wait(every) and time.time() < self.end + every:
            self._sample()

    def _sample(self) -> None:
        try:
            row = self.conn.execute(self.QUERY).fetchone()
        except Exception:  # the figures say how many samples there were
            return
        if not row:
            return
        self.samples.append(tuple(row[:4]))
        for pid in row[4] or ():
            used = _process_cpu(pid)
            if used is not None:
                self.cpu_first.setdefault(pid, used)
                self.cpu_last[pid] = used

    def stop(self) -> None:
        if not self._stop.is_set():
            self._stop.set()
            self._thread.join()
            self.conn.close()

    def figures(self) -> dict:
        if not self.samples:
            return {}
        columns = list(zip(*self.samples, strict=True))
        names = ("lock_waiting", "running", "in_transaction", "connected")
        return {
            "samples": len(self.samples),
            **{name: (sum(c) / len(c), max(c)) for name, c in zip(names, columns, strict=True)},
            "cpu_seconds": sum(self.cpu_last[pid] - self.cpu_first[pid] for pid in self.cpu_last),
        }


def _cpu_ticks() -> tuple[int, int]:
    """(busy, all) clock ticks of the machine's CPUs so far, from /proc/stat."""
    try:
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = values[3] + (values[4] if len(values) > 4 else 0)  # idle + iowait
    return sum(values[:8]) - idle, sum(values[:8])


def _process_cpu(pid: int) -> float | None:
    """A process's CPU seconds so far (utime + stime), None when it is gone or not readable."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _available_mb() -> float:
    """MemAvailable from /proc/meminfo in MB (what `free -m` shows as available); 0 elsewhere."""
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _server_settings(url: str) -> str:
    """What of the server's setup bears on a commit's latency, for the figures."""
    import psycopg

    with psycopg.connect(url) as conn:
        names = ("server_version", "fsync", "synchronous_commit", "max_connections")
        rows = conn.execute(
            "SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", (list(names),)
        ).fetchall()
    found: dict[str, str] = {str(name): str(setting) for name, setting in rows}
    return ", ".join(f"{name} {found.get(name, '?')}" for name in names)


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
        "lock_hold": _lock_hold(tally.acks),
        "statements": {
            op: sum(a.get("statements", 0) for a in acks) / len(acks)
            for op, acks in sorted(_by(tally.acks, "op").items())
        },
        "cpu_ms_per_write": 1000 * tally.cpu_seconds / max(len(latencies), 1),
        "cpu_ms_per_write_drilling": 1000
        * (tally.cpu_seconds - tally.ready_cpu_seconds)
        / max(len(latencies), 1),
        "errors": dict(tally.errors),
        "error_samples": tally.error_samples,
        "refusals": dict(tally.refusals),
        "reads": {
            name: (len(ms), percentile(ms, 0.5), percentile(ms, 0.99)) for name, ms in sorted(reads.items())
        },
        "read_errors": dict(tally.read_errors),
    }


def _by(acks: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for ack in acks:
        grouped.setdefault(ack[key], []).append(ack)
    return grouped


def _lock_hold(acks: list[dict]) -> dict:
    """How long a write holds the floor's write lock (from having it to the end of the commit),
    and what share of the drill's time the lock was held: one writer at a time, so near 100%
    the writers queue and the latency climbs whatever the transactions cost."""
    if not acks:
        return {}
    hold = [a.get("held_ms", 0.0) + a.get("commit_ms", 0.0) for a in acks]
    span = max(a["t"] for a in acks) - min(a["t0"] for a in acks)

    def mean(key: str) -> float:
        return sum(a.get(key, 0.0) for a in acks) / len(acks)

    return {
        "mean": sum(hold) / len(hold),
        "p50": percentile(hold, 0.5),
        "p99": percentile(hold, 0.99),
        "sql": mean("held_sql_ms"),
        "cpu": mean("held_cpu_ms"),
        "commit": mean("commit_ms"),
        "busy": sum(hold) / 1000 / max(span, 1e-9),
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
        part: sum(a.get(f"{part}_ms", 0.0) for a in slow) / len(slow)
        for part in ("lock", "held", "commit", "held_sql", "held_cpu")
    }
    parts["outside"] = (
        sum(a["ms"] for a in slow) / len(slow) - parts["lock"] - parts["held"] - parts["commit"]
    )
    statements = sum(a.get("statements", 0) for a in slow) / len(slow)
    return {"writes": len(slow), "from_ms": cut, **parts, "statements": statements}


def meets_target(figures: dict) -> bool:
    return (
        figures["lost_writes"] == 0
        and figures["double_owners"] == 0
        and not figures["errors"]
        and figures["p99_ms"] <= figures.get("p99_budget_ms", P99_BUDGET_MS)
        and figures["db_check_ok"]
        and not figures["process_failures"]
    )


def figure_lines(f: dict) -> list[str]:
    budget = f.get("p99_budget_ms", P99_BUDGET_MS)
    lines = []
    if f.get("engine"):
        lines.append(
            f"floor                 {'SQLite file' if f['engine'] == 'sqlite' else 'PostgreSQL'} {f['floor']}"
            + (f" (built in {f['built_seconds']:.1f} s)" if f.get("built_seconds") else "")
        )
    if f.get("server"):
        lines.append(f"server                {f['server']}")
    lines += [
        f"agents                {f['agents']} (think time {f['think']} s between writes)"
        + (f", write lock taken by {f['write_lock']} (experiment)" if f.get("write_lock") else "")
        + (", each wrote once of each kind before go (experiment)" if f.get("warm_up") else ""),
    ]
    if "start_seconds" in f:
        lines.append(
            f"start                 {f['start_seconds']:.1f} s until all {f['rss_processes']} processes "
            "were up (not counted: the figures below are from go)"
        )
        lines.append(
            f"memory MB             available {f['mem_before_mb']:.0f} before, {f['mem_up_mb']:.0f} "
            f"all up, {f['mem_lowest_mb']:.0f} lowest; drill processes' RSS {f['rss_mb']:.0f} "
            f"({f['rss_mb'] / max(f['rss_processes'], 1):.0f} each)"
        )
    lines += [
        f"seconds               {f['seconds']:g} (all done {f['elapsed']:.1f} s after go)",
        f"writes acknowledged   {f['writes']}",
        f"ops/s                 {f['ops_per_second']:.1f} "
        f"(agents' CPU {f.get('cpu_ms_per_write_drilling', 0):.1f} ms a write after go, their reads "
        f"included; {f['cpu_ms_per_write']:.1f} with their start-up)",
        f"write latency ms      p50 {f['p50_ms']:.1f}  p95 {f['p95_ms']:.1f}  p99 {f['p99_ms']:.1f}  "
        f"max {f['max_ms']:.1f}  (target p99 <= {budget:g})",
    ]
    if f["slowest"]:
        w = f["slowest"]
        lines.append(
            f"slowest 1% ({w['writes']} writes >= {w['from_ms']:.0f} ms), "
            f"mean ms: lock wait {w['lock']:.1f}, in transaction {w['held']:.1f} (statements "
            f"{w.get('held_sql', 0):.1f}, own CPU {w.get('held_cpu', 0):.1f}), commit {w['commit']:.1f}, "
            f"outside {w['outside']:.1f}; {w.get('statements', 0):.1f} statements"
        )
    if f.get("lock_hold"):
        h = f["lock_hold"]
        lines.append(
            f"write lock held       mean {h['mean']:.2f} ms  p50 {h['p50']:.2f}  p99 {h['p99']:.1f} "
            f"(in transaction + commit; statements {h['sql']:.2f}, own CPU {h['cpu']:.2f}, commit "
            f"{h['commit']:.2f}): held {100 * h['busy']:.0f}% of the time, most it can do "
            f"~{1000 / max(h['mean'], 1e-9):.0f} writes/s"
        )
    for op, (count, p50, p99, worst) in f["by_op"].items():
        lines.append(f"  {op:<19} {count:>6}  p50 {p50:7.1f}  p99 {p99:7.1f}  max {worst:7.1f}")
    if f.get("statements"):
        everything = sum(f["statements"][op] * f["by_op"][op][0] for op in f["statements"])
        lines.append(
            f"statements a write    {everything / max(f['writes'], 1):.1f} on average "
            "(peewee's execute_sql, the reads of the same core call included; BEGIN/COMMIT not): "
            + ", ".join(f"{op} {n:.1f}" for op, n in f["statements"].items())
        )
    if f.get("sessions"):
        w = f["sessions"]
        lines.append(
            f"server sessions       (sampled {w['samples']}x from go) waiting for the write lock "
            f"mean {w['lock_waiting'][0]:.1f} max {w['lock_waiting'][1]}; running a statement mean "
            f"{w['running'][0]:.1f} max {w['running'][1]}; idle in a transaction mean "
            f"{w['in_transaction'][0]:.1f} max {w['in_transaction'][1]}; connected {w['connected'][1]}; "
            f"their CPU {1000 * w.get('cpu_seconds', 0) / max(f['writes'], 1):.1f} ms a write "
            "(the readers' included)"
        )
    if f.get("load"):
        busy = f.get("machine_busy")
        lines.append(
            f"machine               {os.cpu_count()} CPUs"
            + (f", {100 * busy:.0f}% busy from go to the end (everyone's)" if busy is not None else "")
            + f"; load average {f['load'][0]:.1f} at go, {f['load'][1]:.1f} when all were done"
        )
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
    floor = parser.add_mutually_exclusive_group(required=True)
    floor.add_argument("--db", help="the floor file (made fresh when it does not exist)")
    floor.add_argument(
        "--db-url",
        metavar="URL",
        help="a PostgreSQL database instead (it must exist; a floor is built in it when it is empty)",
    )
    parser.add_argument("--agents", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--think", default="1-3", help="seconds between an agent's writes: LOW-HIGH, or 0 for a stress run"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--p99-budget-ms",
        type=float,
        help=f"the write p99 target (default {P99_BUDGET_MS} on SQLite, "
        f"{P99_BUDGET_MS_POSTGRES} on PostgreSQL)",
    )
    parser.add_argument(
        "--logs",
        help="folder for the processes' logs (default: a new one beside --db, else in the temp folder)",
    )
    parser.add_argument("--keep-logs", action="store_true")
    parser.add_argument(
        "--write-lock",
        metavar="poll:MS|queue",
        help="experiment: agents take the write lock another way (tests.bench.drill_writelock)",
    )
    parser.add_argument(
        "--warm-up",
        action="store_true",
        help="experiment: each agent writes once of each kind before go (its connection's first writes "
        "are not measured)",
    )
    args = parser.parse_args(argv)
    if args.write_lock and args.db_url:
        parser.error("--write-lock is an experiment on SQLite's write lock: it needs --db")
    figures = run_floor(
        args.db,
        args.agents,
        args.seconds,
        args.think,
        args.seed,
        args.logs,
        write_lock=args.write_lock,
        warm_up=args.warm_up,
        url=args.db_url,
        p99_budget_ms=args.p99_budget_ms,
    )
    print("\n".join(figure_lines(figures)))
    if not args.keep_logs and not args.logs and meets_target(figures):
        shutil.rmtree(figures["logs"], ignore_errors=True)
    else:
        print(f"logs                  {figures['logs']}")
    return 0 if meets_target(figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
