"""The capacity bench (issue 15): N real app sessions, each the real program in its own tmux
terminal at 120x40 (about 70% on the queue, 20% on a ticket, 10% on the board), on one floor
of 100,000 tickets while agent processes write at a steady floor rate with the load drill's
mix. Reported per session: CPU % of a core and RSS; for the floor: write latency p50/p99 and
the time from a probe write to its appearance on the screens that show it. Run at several N,
it prints how the cost grows with N; an idle phase first measures one queue session while the
floor writes 10 times a second (and once with no writes, for comparison).

    python -m tests.bench.capacity --sessions 20 50 100 200 --writes 30 --seconds 60
    python -m tests.bench.capacity --sessions --idle-writes 10 --seconds 60   # the idle phase alone
    python -m tests.bench.capacity --sessions 20 --idle-writes 0 --json out.json

The floor is `callfloor demo` at the real time of day (the sessions run on the real clock, so
their countdowns tick), cached under /tmp/callfloor-bench/ by size, seed and day, and copied for
every run. The budgets are reported beside the figures, never asserted here.

How it measures: all sessions live in one tmux server (its CPU is reported apart, not counted
against the sessions); a session's CPU is utime+stime of its callfloor process over the window;
the writers are paused while sessions start, then write at the floor rate for a settling pause
and the window; the probes (a ticket reassigned near the top of the queue, a note on a ticket a
session shows, a handoff answered on the board's page in view) run after the window, while the
writers keep writing, so polling the panes does not load the measured window.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core.floor.presence import BEAT_SECONDS
from tests.bench.board import cpu_seconds
from tests.bench.drill_agent import FLOOR_MIX, Agent
from tests.bench.drill_floor import SUPERVISOR, add_drill_agents, login_of
from tests.bench.drill_log import AckLog, Tally, percentile, read_folder
from tests.bench.drill_start import Crew, wait_for_go
from tests.bench.workspace import rss_mb
from tests.terminal.tmux import TMUX, _quote

CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))
CACHE = Path("/tmp/callfloor-bench")  # floors built once a day, and the runs' folders
SIZE = (120, 40)
WRITER_LOGINS = 20  # agent01..agent20 write; the sessions log in as agent21 and on
PROBE_LOGINS = ("probe", "prober")  # the queue probe reassigns a ticket to one: its Owner cell shows it
MIX = (("queue", 0.7), ("ticket", 0.2), ("board", 0.1))

BUDGETS = {
    "idle_cpu_percent": 0.5,  # one idle queue session while the floor writes 10/s
    "sessions_cpu_percent": 100.0,  # all sessions together at N=200 and 30 writes/s: one core
    "write_p99_ms": 250.0,
    "visible_ms": 1000.0,  # a change on the screens that show it
    "rss_mb": 60.0,  # per session
}


# ------------------------------------------------------------------ the floor


def floor_file(tickets: int, seed: int = 7, agents: int = 220, cache: Path = CACHE) -> Path:
    """A demo floor of `tickets` built today at the real time of day, with agents agent01..NN
    and the probe's agents; built once a day per size, seed and schema version, then reused
    (the schema in the name: older code cannot open a floor newer code built)."""
    from db.migrations import LATEST

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"floor-{tickets}-s{seed}-v{LATEST}-{date.today():%Y%m%d}.db"
    if not path.exists():
        folder = Path(tempfile.mkdtemp(prefix="build-", dir=cache))
        try:
            building = folder / "floor.db"
            env = {k: v for k, v in os.environ.items() if k not in ("CALLFLOOR_NOW", "CALLFLOOR_DB")}
            subprocess.run(
                [CALLFLOOR, "demo", "--db", str(building), "--tickets", str(tickets), "--seed", str(seed)]
                + ["--no-ui"],
                env=dict(env, CALLFLOOR_USER=SUPERVISOR),
                check=True,
                capture_output=True,
            )
            _add_people(building, agents)
            os.replace(building, path)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    _add_people(path, agents)  # a larger run than the cached file was made for
    return path


def _add_people(path: Path, agents: int) -> None:
    from core.floor.session import open_session
    from core.people import agents as people

    add_drill_agents(str(path), agents)
    session = open_session(str(path), login=SUPERVISOR)
    try:
        have = {a.login for a in people.list_agents(session)}
        for login in PROBE_LOGINS:
            if login not in have:
                people.add_agent(session, login, login.title())
    finally:
        session.close()
    db = sqlite3.connect(path)
    try:  # everything in the main file: a plain copy is the whole floor
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def copy_floor(cached: Path, folder: Path) -> Path:
    target = folder / "floor.db"
    shutil.copyfile(cached, target)
    return target


# ------------------------------------------------------------------ the terminals


class Panes:
    """One tmux server holding every session's terminal, one tmux session each."""

    def __init__(self, width: int = SIZE[0], height: int = SIZE[1]):
        self.socket = f"cap-{os.getpid()}-{random.randrange(10**6)}"
        self.width, self.height = width, height
        self.started = False

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise RuntimeError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def open(self, name: str, command: list[str], env: dict[str, str]) -> None:
        if not self.started:  # the server, with status lines off before any program sees its size
            self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "keep", "sleep 1000000")
            self.tmux("set-option", "-g", "status", "off")
            self.tmux("set-option", "-g", "history-limit", "100")
            self.started = True
        shell = " ".join(
            ["env", "-u", "COLUMNS", "-u", "LINES", *(_quote(f"{k}={v}") for k, v in env.items())]
            + [_quote(part) for part in command]
        )
        size = ["-x", str(self.width), "-y", str(self.height)]
        self.tmux("new-session", "-d", "-s", name, *size, f"{shell}; sleep 3600")

    def keys(self, name: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", name, *keys)

    def screen(self, name: str) -> str:
        return self.tmux("capture-pane", "-p", "-t", name, check=False)

    def app_pids(self) -> dict[str, int]:
        """Each session's callfloor process (the pane runs a shell around it)."""
        pairs = self.tmux("list-panes", "-a", "-F", "#{session_name} #{pane_pid}").splitlines()
        children = _children_by_parent()
        found = {}
        for pair in pairs:
            name, pane = pair.split()
            for pid in children.get(int(pane), ()):
                if "callfloor" in _cmdline(pid):
                    found[name] = pid
        return found

    def server_pid(self) -> int:
        return int(self.tmux("display-message", "-p", "#{pid}").strip())

    def close(self) -> None:
        if self.started:
            socket = self.tmux("display-message", "-p", "#{socket_path}", check=False).strip()
            self.tmux("kill-server", check=False)
            if socket:  # tmux leaves its socket file behind
                Path(socket).unlink(missing_ok=True)


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = open(f"/proc/{entry}/stat").read()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    return children


def _cmdline(pid: int) -> str:
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


@dataclass
class Seat:
    """One app session: its tmux session, login, what it shows, its process."""

    name: str
    login: str
    kind: str  # queue, ticket or board
    pid: int = 0
    ref: str | None = None  # the ticket a ticket seat shows


def kinds_for(count: int, already: list[str] | None = None) -> list[str]:
    """The mix for seats number len(already)+1..count: each next seat takes the kind furthest
    below its share, so any N holds about 70/20/10 (N=4: 3 queues and a ticket)."""
    kinds = list(already or [])
    while len(kinds) < count:
        n = len(kinds) + 1
        kinds.append(max(MIX, key=lambda km: km[1] * n - kinds.count(km[0]))[0])
    return kinds[len(already or []) :]


def seat_env(db: Path, login: str, state: Path) -> dict[str, str]:
    return {
        "CALLFLOOR_USER": login,
        "CALLFLOOR_DB": str(db),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "LANG": "C.UTF-8",
        "HOME": os.environ.get("HOME", "/tmp"),
        "XDG_STATE_HOME": str(state),  # the sessions' error logs, beside the run
        # The code under test: another checkout's (PYTHONPATH=it) runs there as well.
        **({"PYTHONPATH": os.environ["PYTHONPATH"]} if os.environ.get("PYTHONPATH") else {}),
    }


def wait_screens(panes: Panes, names: list[str], text: str, timeout: float) -> list[str]:
    """Wait until every named pane shows text; returns those that did not in time."""
    deadline, waiting = time.monotonic() + timeout, list(names)
    while waiting and time.monotonic() < deadline:
        waiting = [name for name in waiting if text not in panes.screen(name)]
        if waiting:
            time.sleep(0.25)
    return waiting


def start_seats(
    panes: Panes, db: Path, state: Path, first: int, kinds: list[str], batch: int = 10, timeout: float = 120
) -> list[Seat]:
    """Open the programs in batches, each on the queue first (its first screen drawn), then
    the ticket seats open a ticket (Enter on a row a few down) and the board seats press 2."""
    seats = []
    for offset in range(0, len(kinds), batch):
        chunk = []
        for n, kind in enumerate(kinds[offset : offset + batch], start=first + offset):
            seat = Seat(f"s{n:03d}", login_of(WRITER_LOGINS + n), kind)
            panes.open(seat.name, [CALLFLOOR, "--lang", "en"], seat_env(db, seat.login, state))
            chunk.append(seat)
        late = wait_screens(panes, [s.name for s in chunk], "all open:", timeout)
        if late:
            raise SeatsFailed(f"{len(late)} sessions did not draw the queue within {timeout:.0f} s", late)
        seats += chunk
    for n, seat in enumerate(seats):
        if seat.kind == "ticket":
            for _ in range(n % 12):
                panes.keys(seat.name, "j")
            panes.keys(seat.name, "Enter")
        elif seat.kind == "board":
            panes.keys(seat.name, "2")
    for kind, text in (("ticket", "Timeline:"), ("board", "Handoff board")):
        names = [s.name for s in seats if s.kind == kind]
        late = wait_screens(panes, names, text, timeout)
        if late:
            raise SeatsFailed(f"{len(late)} {kind} sessions did not open within {timeout:.0f} s", late)
    for seat in seats:
        if seat.kind == "ticket":
            found = re.search(r"\bT\d{6,}\b", panes.screen(seat.name).splitlines()[0])
            seat.ref = found.group(0) if found else None
    pids = panes.app_pids()
    for seat in seats:
        seat.pid = pids.get(seat.name, 0)
    return seats


class SeatsFailed(RuntimeError):
    def __init__(self, said: str, names: list[str]):
        super().__init__(said)
        self.names = names


# ------------------------------------------------------------------ the writers


class _CountingLog(AckLog):
    """The drill's log, counting acknowledged writes so the writer can pace itself by them."""

    acks = 0

    def write(self, record: dict) -> None:
        self.acks += record.get("kind") == "ack"
        super().write(record)


class Control:
    """The go file, as rewritten by the bench: {"end": epoch seconds, "rate": writes/s for
    the whole floor}; rate 0 pauses the writers (while sessions start)."""

    def __init__(self, path: str):
        self.path, self.seen, self.value = path, None, {"end": 0.0, "rate": 0.0}

    def read(self) -> dict:
        stamp = os.stat(self.path).st_mtime_ns
        if stamp != self.seen:
            self.seen, self.value = stamp, json.loads(Path(self.path).read_text())
        return self.value


def write_control(crew: Crew, end: float, rate: float) -> None:
    partial = crew.go_file.with_suffix(".partial")
    partial.write_text(json.dumps({"end": end, "rate": rate}))
    os.replace(partial, crew.go_file)


def run_writer(args) -> int:
    """One writer process: the load drill's agent (its mix and its log), paced to its share of
    the floor rate instead of a person's think time. A whole callback is several writes in a
    row; the pause after it makes up for them."""
    from core.floor.session import open_session

    log = _CountingLog(args.log)
    session = open_session(args.db, login=args.login)
    agent = Agent(session, log, random.Random(args.seed), args.tag, (0.0, 0.0))
    log.write({"kind": "ready", "t": time.time()})
    wait_for_go(args.go)
    control = Control(args.go)
    ops = list(FLOOR_MIX)
    weights = [FLOOR_MIX[op] for op in ops]
    rng = random.Random(args.seed + 1)
    next_at = time.monotonic() + rng.random() * 0.2
    while True:
        value = control.read()
        if time.time() >= value["end"]:
            break
        rate = value["rate"] / args.writers
        now = time.monotonic()
        if rate <= 0:
            time.sleep(0.05)
            next_at = now
            continue
        if next_at > now:
            time.sleep(min(next_at - now, 0.1))
            continue
        next_at = max(next_at, now - 1.0)  # a stall is not made up in a burst
        before = log.acks
        getattr(agent, rng.choices(ops, weights)[0])()
        next_at += max(log.acks - before, 1) / rate
    used = resource.getrusage(resource.RUSAGE_SELF)
    log.write({"kind": "done", "t": time.time(), "cpu_s": used.ru_utime + used.ru_stime})
    session.close()
    return 0


def start_writers(db: Path, folder: Path, writers: int, seed: int) -> Crew:
    crew = Crew(folder)
    tag = f"cap{int(time.time() * 1000) % 10**8}."
    for n in range(1, writers + 1):
        crew.start(
            f"writer{n:02d}",
            "tests.bench.capacity",
            "--writer",
            "--db",
            str(db),
            "--login",
            login_of(n),
            "--writers",
            str(writers),
            "--seed",
            str(seed * 1000 + n),
            "--tag",
            tag,
        )
    crew.wait_ready(timeout=60 + 3 * writers)
    return crew


def writers_for(rate: float) -> int:
    """About 5 writes a second per process: each keeps its pace with room to spare."""
    return min(WRITER_LOGINS, max(2, math.ceil(rate / 5)))


# ------------------------------------------------------------------ measuring


def _cpu_of(pids: dict[str, int]) -> dict[str, float]:
    found = {}
    for name, pid in pids.items():
        try:
            found[name] = cpu_seconds(pid)
        except (OSError, ValueError):
            pass
    return found


def _machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat."""
    fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def pss_mb(pid: int) -> float:
    """Proportional set size: shared pages (the interpreter, the libraries) split among their
    users, which is what N sessions really add up to."""
    try:
        for line in open(f"/proc/{pid}/smaps_rollup"):
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure_window(seats: list[Seat], others: dict[str, int], seconds: float) -> dict:
    """CPU % of a core for each seat and for the other processes named (tmux, writers) over
    seconds; RSS and PSS of each seat at the end."""
    pids = {s.name: s.pid for s in seats if s.pid} | others
    busy0, total0 = _machine_busy()
    before, started = _cpu_of(pids), time.monotonic()
    load0 = os.getloadavg()
    time.sleep(seconds)
    after, elapsed = _cpu_of(pids), time.monotonic() - started
    busy1, total1 = _machine_busy()
    cpu = {name: 100 * (after[name] - before[name]) / elapsed for name in before if name in after}
    alive = {s.name for s in seats if s.name in after}
    return {
        "elapsed": elapsed,
        "cpu": cpu,
        "rss": {s.name: rss_mb(s.pid) for s in seats if s.name in alive},
        "pss": {s.name: pss_mb(s.pid) for s in seats if s.name in alive},
        "machine_busy_percent": 100 * (busy1 - busy0) / max(total1 - total0, 1) * os.cpu_count(),
        "load": [round(x, 2) for x in (*load0, *os.getloadavg())],
        "lost": sorted({s.name for s in seats} - alive),
    }


def spread(values: list[float]) -> dict:
    return {
        "n": len(values),
        "mean": sum(values) / len(values) if values else 0.0,
        "p50": percentile(values, 0.5),
        "max": max(values, default=0.0),
        "total": sum(values),
    }


# ------------------------------------------------------------------ probes


def run_probes(panes: Panes, seats: list[Seat], db: Path, count: int, timeout: float = 10.0) -> dict:
    """Probe writes, each watched on up to 3 sessions that show it: a ticket near the top of
    the queue reassigned to the probe agent (its Owner cell), a note on a ticket a session has
    open (its timeline), a handoff answered on the board's page in view (its stage column)."""
    from core.basics import CallfloorError
    from core.floor.session import open_session

    session = open_session(str(db), login=SUPERVISOR)
    by_kind = {kind: [s for s in seats if s.kind == kind] for kind, _ in MIX}
    plan = [kind for kind in ("queue", "ticket", "queue", "board", "queue", "ticket") if by_kind[kind]]
    seen: dict[str, list[float]] = {kind: [] for kind, _ in MIX}
    missed: dict[str, list[str]] = {kind: [] for kind, _ in MIX}
    rng = random.Random(15)
    try:
        for n in range(count if plan else 0):
            kind = plan[n % len(plan)]
            probe = {"queue": _probe_queue, "ticket": _probe_ticket, "board": _probe_board}[kind]
            try:
                made = probe(session, panes, by_kind[kind], n, rng)
            except CallfloorError as error:  # the floor's writers got there first
                missed[kind].append(f"probe {n}: refused ({type(error).__name__})")
                continue
            if made is None:
                missed[kind].append(f"probe {n}: nothing to change on screen")
                continue
            watched, shown, committed = made
            for name, ms in _watch(panes, watched, shown, committed, timeout).items():
                if ms is None:
                    missed[kind].append(f"probe {n} not seen on {name} within {timeout:.0f} s")
                elif ms == "gone":
                    missed[kind].append(f"probe {n}: its row left {name}'s screen (page turned) first")
                else:
                    seen[kind].append(ms)
            time.sleep(0.3)
    finally:
        session.close()
    every = [ms for values in seen.values() for ms in values]
    return {
        "probes": count,
        "seen": len(every),
        "p50_ms": percentile(every, 0.5) if every else None,
        "max_ms": max(every) if every else None,
        "by_kind": {k: spread(v) for k, v in seen.items() if v},
        "missed": {k: v for k, v in missed.items() if v},
    }


def _watch(panes: Panes, names: list[str], shown, committed: float, timeout: float) -> dict:
    """For each pane, ms from the commit until shown(screen) says True; None when it did not
    within timeout, "gone" when shown said None (what would show it left the screen)."""
    found: dict[str, float | str | None] = {name: None for name in names}
    deadline = committed + timeout
    while any(v is None for v in found.values()) and time.monotonic() < deadline:
        for name in names:
            if found[name] is None:
                said = shown(panes.screen(name))
                if said is not None:
                    found[name] = 1000 * (time.monotonic() - committed) if said else None
                else:
                    found[name] = "gone"
        time.sleep(0.01)
    return found


def _probe_queue(session, panes, seats, n, rng):
    from core.tickets import assignment, queue

    rows = queue.queue_page(session, "all", None, 0, 12).rows[2:]
    if not rows:
        return None
    row = rng.choice(rows)
    owner = PROBE_LOGINS[row.owner == PROBE_LOGINS[0]]
    assignment.reassign(session, row.ref, owner, f"capacity probe {n}")
    committed = time.monotonic()
    watched = [s.name for s in rng.sample(seats, min(3, len(seats)))]
    return (
        watched,
        lambda screen: any(row.ref in line and f" {owner} " in line for line in screen.splitlines()),
        committed,
    )


def _probe_ticket(session, panes, seats, n, rng):
    from core.tickets import lifecycle

    seat = rng.choice([s for s in seats if s.ref] or [None])
    if seat is None:
        return None
    token = f"cprobe{n}x{rng.randrange(10**4)}"
    lifecycle.add_note(session, seat.ref, token)
    committed = time.monotonic()
    watched = [s.name for s in seats if s.ref == seat.ref][:3]
    return watched, lambda screen: token in screen, committed


def _probe_board(session, panes, seats, n, rng):
    """A handoff still waiting for its answer, on the page a board session shows now: answer
    it, and its row's stage column gets a second arrow (sent→answered→...)."""
    from core.handoffs import lifecycle as handoffs

    seat = rng.choice(seats)
    screen = panes.screen(seat.name)
    waiting = {}
    for line in screen.splitlines():
        found = re.match(r"\s*(T\d{6,})\s", line)
        if found and line.count("→") == 1:
            waiting.setdefault(found.group(1), line)
    if not waiting:
        return None
    views = [h for h in handoffs.list_handoffs(session, open_only=True) if h.stage == "sent"]
    ref = next((r for r in waiting if sum(v.ref == r for v in views) == 1), None)
    if ref is None:
        return None
    handoffs.answer_handoff(session, next(v.id for v in views if v.ref == ref), f"capacity probe {n}")
    committed = time.monotonic()

    def shown(screen: str) -> bool | None:
        lines = [line for line in screen.splitlines() if line.lstrip().startswith(ref)]
        return any(line.count("→") >= 2 for line in lines) if lines else None

    return [seat.name], shown, committed


# ------------------------------------------------------------------ the runs


@dataclass
class Floor:
    """A run's floor: its file, the tmux server, the writers."""

    db: Path
    folder: Path
    panes: Panes = field(default_factory=Panes)
    crew: Crew | None = None
    seats: list[Seat] = field(default_factory=list)

    def others(self) -> dict[str, int]:
        found = {"tmux": self.panes.server_pid()} if self.panes.started else {}
        if self.crew:
            found |= {name: p.pid for name, p in self.crew.processes.items() if p.poll() is None}
        return found

    def writes(self, rate: float, end: float | None = None) -> None:
        assert self.crew is not None
        write_control(self.crew, end if end is not None else time.time() + 24 * 3600, rate)

    def close(self) -> None:
        if self.crew:
            self.writes(0, end=time.time())
            self.crew.wait(timeout=10)
            self.crew.stop_all()
        self.panes.close()


def _write_figures(floor: Floor, since: float, until: float) -> dict:
    tally = Tally.of(read_folder(floor.crew.folder if floor.crew else floor.folder))
    window = [a for a in tally.acks if since <= a["t"] <= until]
    ms = [a["ms"] for a in window]
    return {
        "writes": len(ms),
        "writes_per_second": len(ms) / max(until - since, 1e-9),
        "p50_ms": percentile(ms, 0.5),
        "p99_ms": percentile(ms, 0.99),
        "max_ms": max(ms, default=0.0),
        "errors": dict(tally.errors),
        "refusals": sum(tally.refusals.values()),
    }


def _window_figures(floor: Floor, window: dict, writes: dict) -> dict:
    seats = [s for s in floor.seats if s.name in window["cpu"]]
    cpu = [window["cpu"][s.name] for s in seats]
    return {
        "sessions": len(floor.seats),
        "measured": len(seats),
        "lost": window["lost"],
        "seconds": window["elapsed"],
        "cpu": spread(cpu),
        "cpu_by_kind": {
            kind: spread([window["cpu"][s.name] for s in seats if s.kind == kind])
            for kind, _ in MIX
            if any(s.kind == kind for s in seats)
        },
        "rss": spread(list(window["rss"].values())),
        "pss": spread(list(window["pss"].values())),
        "tmux_cpu_percent": window["cpu"].get("tmux", 0.0),
        "writers_cpu_percent": sum(v for k, v in window["cpu"].items() if k.startswith("writer")),
        "machine_busy_percent": window["machine_busy_percent"],
        "load": window["load"],
        "write": writes,
    }


def _presence_phase(floor: Floor, sessions: int, seconds: float) -> dict:
    """The idle session for `seconds` while `sessions` other sessions' presence beats (issue 20)
    are written, and nothing else: what presence costs a session on a quiet floor, and a beat's
    latency and CPU (tests/bench/presence_load.py)."""
    out = floor.folder / "presence.json"
    beats = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.bench.presence_load",
            "--db",
            str(floor.db),
            "--sessions",
            str(sessions),
        ]
        + ["--seconds", str(seconds + 4), "--json", str(out)],
        stdout=subprocess.DEVNULL,
    )
    try:
        time.sleep(2)
        window = _window_figures(
            floor, measure_window(floor.seats, floor.others() | {"presence": beats.pid}, seconds), {}
        )
        beats.wait(timeout=seconds + 30)
    finally:
        if beats.poll() is None:
            beats.kill()
    return {**window, "beats": json.loads(out.read_text()) if out.exists() else {}}


def run_idle(
    cached: Path,
    folder: Path,
    rate: float,
    seconds: float,
    seed: int = 7,
    quiet: float = 20,
    presence_sessions: int = 200,
) -> dict:
    """One queue session: first `quiet` seconds with no writes, then `quiet` seconds with only
    the presence beats of `presence_sessions` sessions (0: none), then `seconds` while the floor
    writes `rate` times a second."""
    folder.mkdir(parents=True, exist_ok=True)
    floor = Floor(copy_floor(cached, folder), folder)
    try:
        floor.crew = start_writers(floor.db, folder / "writers", writers_for(rate), seed)
        floor.writes(0)
        floor.seats = start_seats(floor.panes, floor.db, folder / "state", 1, ["queue"])
        time.sleep(3)
        still = _window_figures(floor, measure_window(floor.seats, floor.others(), quiet), {})
        presence = _presence_phase(floor, presence_sessions, quiet) if presence_sessions else None
        floor.writes(rate)
        time.sleep(3)
        since = time.time()
        window = measure_window(floor.seats, floor.others(), seconds)
        writing = _window_figures(floor, window, _write_figures(floor, since, time.time()))
        return {"rate": rate, "no_writes": still, "writing": writing, "presence": presence}
    finally:
        floor.close()


def run_capacity(
    cached: Path,
    folder: Path,
    sizes: list[int],
    rate: float,
    seconds: float,
    probes: int = 12,
    seed: int = 7,
    settle: float = 5,
    report=print,
) -> dict:
    """One floor, sessions added up to each N in turn (the writers paused while they start),
    then a window of `seconds` at the floor rate and the probes. An N the machine cannot hold
    (memory, or sessions that do not start) is skipped with the reason, and so are the larger."""
    folder.mkdir(parents=True, exist_ok=True)
    floor = Floor(copy_floor(cached, folder), folder)
    steps: list[dict] = []
    try:
        floor.crew = start_writers(floor.db, folder / "writers", writers_for(rate), seed)
        for size in sorted(sizes):
            adding = size - len(floor.seats)
            why = _cannot_hold(floor, adding)
            if why:
                steps.append({"sessions": size, "skipped": why})
                report(f"N={size}: skipped, {why}")
                break
            floor.writes(0)
            report(f"N={size}: starting {adding} more sessions ...")
            started = time.monotonic()
            try:
                kinds = kinds_for(size, [s.kind for s in floor.seats])
                floor.seats += start_seats(
                    floor.panes, floor.db, folder / "state", len(floor.seats) + 1, kinds
                )
            except SeatsFailed as failed:
                steps.append({"sessions": size, "skipped": f"{failed} ({', '.join(failed.names[:5])})"})
                report(f"N={size}: skipped, {failed}")
                break
            start_s = time.monotonic() - started
            floor.writes(rate)
            time.sleep(settle)
            since = time.time()
            window = measure_window(floor.seats, floor.others(), seconds)
            until = time.time()
            step = _window_figures(floor, window, _write_figures(floor, since, until))
            step["start_seconds"] = start_s
            step["session_errors"] = session_errors(folder / "state")
            report(f"N={size}: measured {seconds:g} s, probing ...")
            step["visible"] = run_probes(floor.panes, floor.seats, floor.db, probes)
            steps.append(step)
            report(step_line(step))
        return {"rate": rate, "seconds": seconds, "steps": steps}
    finally:
        floor.close()


def session_errors(state: Path) -> dict:
    """What the sessions wrote to their error log (tui/last_resort.py): a session that fails
    mid-run keeps its terminal, so only the log says why its screen stopped changing."""
    log = state / "callfloor" / "errors.log"
    text = log.read_text(errors="replace") if log.exists() else ""
    ends = [line for line in text.splitlines() if line and not line.startswith((" ", "---", "Traceback"))]
    return {"count": text.count("Traceback"), "log": str(log), "last": ends[-3:]}


def _cannot_hold(floor: Floor, adding: int) -> str | None:
    per = max((rss_mb(s.pid) for s in floor.seats if s.pid), default=60.0)
    need = adding * per * 1.3 + 1024
    free = _available_mb()
    if need > free:
        return f"{adding} more sessions need about {need:.0f} MB, {free:.0f} MB available"
    return None


def _available_mb() -> float:
    for line in open("/proc/meminfo"):
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ------------------------------------------------------------------ the report


def _mark(value: float, budget: float) -> str:
    return "ok" if value <= budget else "OVER"


def step_line(s: dict) -> str:
    seen = s["visible"]["p50_ms"]
    return (
        f"N={s['sessions']}: sessions' CPU {s['cpu']['total']:.1f}% of a core "
        f"(each mean {s['cpu']['mean']:.2f}%, max {s['cpu']['max']:.2f}%), "
        f"RSS mean {s['rss']['mean']:.0f} MB, writes {s['write']['writes_per_second']:.1f}/s "
        f"p99 {s['write']['p99_ms']:.0f} ms, visible p50 " + ("-" if seen is None else f"{seen:.0f} ms")
    )


COLUMNS = (
    # heading, width, format, value of a step
    ("N", 4, "d", lambda s: s["sessions"]),
    ("CPU all", 8, ".1f", lambda s: s["cpu"]["total"]),
    ("each", 6, ".2f", lambda s: s["cpu"]["mean"]),
    ("max", 6, ".2f", lambda s: s["cpu"]["max"]),
    *(
        (kind, 6, ".2f", lambda s, kind=kind: s["cpu_by_kind"].get(kind, {}).get("mean"))
        for kind in ("queue", "ticket", "board")
    ),
    ("RSS", 4, ".0f", lambda s: s["rss"]["mean"]),
    ("max", 4, ".0f", lambda s: s["rss"]["max"]),
    ("PSS", 4, ".0f", lambda s: s["pss"]["mean"]),
    ("w/s", 5, ".1f", lambda s: s["write"]["writes_per_second"]),
    ("w p50", 6, ".1f", lambda s: s["write"]["p50_ms"]),
    ("w p99", 6, ".0f", lambda s: s["write"]["p99_ms"]),
    ("vis p50", 7, ".0f", lambda s: s["visible"]["p50_ms"]),  # None: no probe seen
    ("vis max", 7, ".0f", lambda s: s["visible"]["max_ms"]),
    ("miss", 4, "d", lambda s: sum(len(m) for m in s["visible"]["missed"].values())),
    ("tmux", 5, ".1f", lambda s: s["tmux_cpu_percent"]),
    ("writers", 7, ".1f", lambda s: s["writers_cpu_percent"]),
    ("machine", 7, ".0f", lambda s: s["machine_busy_percent"]),
)


def _row(step: dict) -> str:
    cells = []
    for _, width, form, value in COLUMNS:
        got = value(step)
        cells.append(f"{'-':>{width}}" if got is None else f"{got:>{width}{form}}")
    return " ".join(cells) + f"  {_load(step)}"


def figure_lines(figures: dict) -> list[str]:
    b = BUDGETS
    lines = []
    idle = figures.get("idle")
    if idle:
        still, writing = idle["no_writes"], idle["writing"]
        cpu, done = writing["cpu"]["mean"], writing["write"]
        lines += [
            f"idle queue session at 120x40 (load {_load(writing)}):",
            f"  floor writing {idle['rate']:g}/s ({done['writes_per_second']:.1f}/s done, "
            f"p99 {done['p99_ms']:.0f} ms): {cpu:.2f}% of a core, "
            f"budget <= {b['idle_cpu_percent']}%: {_mark(cpu, b['idle_cpu_percent'])}",
            f"  no writes: {still['cpu']['mean']:.2f}% of a core; "
            f"RSS {writing['rss']['mean']:.0f} MB (PSS {writing['pss']['mean']:.0f} MB)",
        ]
        presence = idle.get("presence")
        if presence and presence.get("beats"):
            beats = presence["beats"]
            lines.append(
                f"  presence only ({beats['sessions']} sessions' beats, {beats['beats_per_second']:.1f} "
                f"writes/s): {presence['cpu']['mean']:.2f}% of a core; a beat p50 {beats['p50_ms']:.1f} ms, "
                f"p99 {beats['p99_ms']:.1f} ms, {beats['cpu_ms_per_beat']:.2f} ms CPU "
                f"(one session: {beats['cpu_ms_per_beat'] / BEAT_SECONDS / 10:.4f}% of a core)"
            )
    run = figures.get("capacity")
    if not run:
        return lines
    lines += [
        f"capacity: sessions at 120x40 (queue/ticket/board about 70/20/10%), "
        f"the floor writing {run['rate']:g}/s, a {run['seconds']:g} s window each",
        "CPU in % of a core (each: mean per session; queue/ticket/board: mean by screen; tmux, writers",
        "and machine: the tmux server, the writer processes, all CPUs), memory MB, latencies ms",
        " ".join(f"{head:>{width}}" for head, width, _, _ in COLUMNS) + "  load 1/5/15",
    ]
    for step in run["steps"]:
        lines.append(f"{step['sessions']:>4} skipped: {step['skipped']}" if "skipped" in step else _row(step))
    lines.append(
        f"budgets: sessions together <= {b['sessions_cpu_percent']:.0f}% of a core at N=200; "
        f"write p99 <= {b['write_p99_ms']:.0f} ms; visible <= {b['visible_ms']:.0f} ms; "
        f"RSS <= {b['rss_mb']:.0f} MB a session"
    )
    lines += _verdicts(run["steps"]) + _growth(run["steps"])
    for step in run["steps"]:
        n = step["sessions"]
        for kind, said in step.get("visible", {}).get("missed", {}).items():
            lines.append(f"  N={n} {kind} probes missed: {'; '.join(said[:3])}")
        if step.get("session_errors", {}).get("count"):
            errors = step["session_errors"]
            lines.append(f"  N={n} the sessions logged {errors['count']} errors: {errors['log']}")
            lines.extend(f"    {said}" for said in errors["last"])
        if step.get("lost"):
            lines.append(f"  N={n} sessions gone during the window: {step['lost']}")
        if step.get("write", {}).get("errors"):
            lines.append(f"  N={n} write errors: {step['write']['errors']}")
    return lines


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def _load(s: dict) -> str:
    return "/".join(f"{x:.1f}" for x in s["load"][3:])


def _verdicts(steps: list[dict]) -> list[str]:
    b, lines = BUDGETS, []
    for s in steps:
        if "skipped" in s:
            continue
        total, n, seen = s["cpu"]["total"], s["sessions"], s["visible"]["max_ms"]
        at_200 = total * 200 / n
        lines.append(
            f"  N={n}: sessions' CPU {total:.1f}% (as 200 sessions: {at_200:.0f}%, "
            f"{_mark(at_200, b['sessions_cpu_percent'])}); "
            f"write p99 {_mark(s['write']['p99_ms'], b['write_p99_ms'])}; "
            f"visible max {'no probe seen' if seen is None else _mark(seen, b['visible_ms'])}"
            + (" (some probes not seen)" if s["visible"]["missed"] else "")
            + f"; RSS max {_mark(s['rss']['max'], b['rss_mb'])}"
        )
        if s["machine_busy_percent"] >= 0.95 * 100 * (os.cpu_count() or 1):
            lines.append(
                f"    N={n}: the machine was saturated ({s['machine_busy_percent']:.0f}% of "
                f"{os.cpu_count()} cores): sessions got less CPU than they asked for, so per-session "
                "CPU is capped and the writes and probes waited for a CPU"
            )
    return lines


def _growth(steps: list[dict]) -> list[str]:
    done = [s for s in steps if "skipped" not in s]
    if len(done) < 2:
        return []
    lines = ["how cost grows with N:"]
    for a, b in zip(done, done[1:], strict=False):
        lines.append(
            f"  N {a['sessions']} -> {b['sessions']} (x{b['sessions'] / a['sessions']:.1f}): sessions' CPU "
            f"x{b['cpu']['total'] / max(a['cpu']['total'], 1e-9):.2f}, per session "
            f"{a['cpu']['mean']:.2f}% -> {b['cpu']['mean']:.2f}%, write p99 {a['write']['p99_ms']:.0f} -> "
            f"{b['write']['p99_ms']:.0f} ms, visible p50 {_ms(a['visible']['p50_ms'])} -> "
            f"{_ms(b['visible']['p50_ms'])} ms, machine {a['machine_busy_percent']:.0f}% -> "
            f"{b['machine_busy_percent']:.0f}% of {os.cpu_count()} cores"
        )
    return lines


# ------------------------------------------------------------------ the command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="The capacity bench (issue 15): N app sessions on one floor."
    )
    parser.add_argument("--sessions", type=int, nargs="*", default=[20, 50, 100, 200], help="the N to run")
    parser.add_argument(
        "--writes", type=float, default=30, help="the floor's writes a second during the windows"
    )
    parser.add_argument("--seconds", type=float, default=60, help="each measurement window")
    parser.add_argument(
        "--idle-writes", type=float, default=10, help="the idle phase's floor rate (0: no idle phase)"
    )
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--probes", type=int, default=12, help="probe writes after each window")
    parser.add_argument("--db", help="a floor file to copy instead of the cached demo floor")
    parser.add_argument("--folder", help="where the run's copy and logs go (default: a new temporary folder)")
    parser.add_argument("--json", help="write the figures here as JSON too")
    parser.add_argument("--keep", action="store_true", help="keep the run's folder")
    # A writer process (started by the bench itself):
    parser.add_argument("--writer", action="store_true", help=argparse.SUPPRESS)
    for name in ("--log", "--go", "--login", "--tag"):
        parser.add_argument(name, help=argparse.SUPPRESS)
    parser.add_argument("--writers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        return run_writer(args)
    if TMUX is None:
        print("the capacity bench needs tmux", file=sys.stderr)
        return 2
    figures = capacity_figures(args)
    print("\n".join(figure_lines(figures)))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str))
        print(f"figures written to {args.json}")
    return 0


def capacity_figures(args) -> dict:
    agents = WRITER_LOGINS + max(args.sessions or [1]) + 1
    cached = Path(args.db) if args.db else floor_file(args.tickets, args.seed, max(agents, 220))
    if args.db:
        _add_people(cached, agents)
    folder = Path(args.folder or tempfile.mkdtemp(prefix="capacity-", dir=CACHE if CACHE.exists() else None))
    figures: dict = {
        "floor": str(cached),
        "tickets": None if args.db else args.tickets,
        "cores": os.cpu_count(),
        "load_before": [round(x, 2) for x in os.getloadavg()],
        "budgets": BUDGETS,
    }
    try:
        if args.idle_writes:
            print(f"idle phase: one queue session, the floor writing {args.idle_writes:g}/s ...", flush=True)
            figures["idle"] = run_idle(cached, folder / "idle", args.idle_writes, args.seconds, args.seed)
            print("\n".join(figure_lines({"idle": figures["idle"]})), flush=True)
        if args.sessions:
            figures["capacity"] = run_capacity(
                cached,
                folder / "capacity",
                args.sessions,
                args.writes,
                args.seconds,
                args.probes,
                args.seed,
                report=lambda line: print(line, flush=True),
            )
    finally:
        if not args.keep and not args.folder:
            shutil.rmtree(folder, ignore_errors=True)
    return figures


if __name__ == "__main__":
    raise SystemExit(main())
