"""One agent at the floor, as its own process with its own session on the shared file (as each
agent's callfloor does over SSH): a weighted mix of the floor's writes with a person's think
time between them. Every write that core acknowledged goes to this process's log at once,
with what identifies it in the database (ref, a unique token in the text, handoff or callback
id) and its latency. A refusal that is the floor's rules working (two agents went for one
ticket) is logged as such; anything else is an error the agent would have seen.

    python -m tests.bench.drill_agent --db PATH --login agent01 --log FILE --go FILE [--think 1-3]
    python -m tests.bench.drill_agent --db-url URL --login agent01 --log FILE --go FILE
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from functools import partial

from core.basics.errors import AlreadyClaimed, Refused
from core.callbacks import calls as callbacks
from core.floor.session import open_session
from core.handoffs import lifecycle as handoffs
from core.tickets import lifecycle as tickets
from core.tickets import queue
from tests.bench.drill_floor import where
from tests.bench.drill_log import AckLog
from tests.bench.drill_start import wait_for_go

EXPECTED = (AlreadyClaimed, Refused)
"""Refusals that are the floor's rules working under contention: exactly these classes (a
NotAllowed or InvalidInput would mean the drill asked for something wrong: an error)."""

FLOOR_MIX = {"intake": 10, "claim": 14, "note": 24, "contact": 16, "handoff": 14, "resolve": 8, "callback": 6}
"""Relative weights of what an agent does next (a callback is a whole call: five writes)."""

DEPARTMENTS = ("warehouse", "logistics", "tech", "production", "rnd")
DESCRIPTIONS = (
    "货物破损, 外箱压坏",
    "物流三天没有更新",
    "漏发一件配件",
    "Invoice total does not match the order",
)


class TransactionClock:
    """Where a write's time goes: waiting for the write lock (BEGIN IMMEDIATE, inside SQLite's
    busy handler; on PostgreSQL BEGIN and the floor's advisory lock), holding it (the queries
    and Python inside the transaction), committing; and how many statements a write sent
    (through peewee's execute_sql: BEGIN and COMMIT are not among them). Of the time holding
    the lock, how much went to statements (sent and answered: on a server a round trip each)
    and how much CPU this process used, the rest being Python waiting for a CPU.
    Installed around core.floor.session's write_transaction in this process only, to tell lock
    waits from work when the latency misses its target."""

    def __init__(self):
        self.lock = self.held = self.commit = self.held_sql = self.held_cpu = 0.0
        self.statements = 0
        self.holding = False

    def count_statements(self, db) -> None:
        """Count every statement this session's database sends (one instance, this process),
        and time those sent while holding the write lock."""
        original, clock = db.execute_sql, self

        def counted(*args, **kwargs):
            clock.statements += 1
            if not clock.holding:
                return original(*args, **kwargs)
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                clock.held_sql += time.perf_counter() - began

        db.execute_sql = counted

    def install(self) -> None:
        import core.floor.session

        original, clock = core.floor.session.write_transaction, self
        core.floor.session.write_transaction = lambda db: _Timed(original(db), clock)

    def take(self) -> dict:
        """The times since the last take, in ms, and start again."""
        taken = {
            "lock_ms": round(self.lock * 1000, 3),
            "held_ms": round(self.held * 1000, 3),
            "commit_ms": round(self.commit * 1000, 3),
            "held_sql_ms": round(self.held_sql * 1000, 3),
            "held_cpu_ms": round(self.held_cpu * 1000, 3),
            "statements": self.statements,
        }
        self.lock = self.held = self.commit = self.held_sql = self.held_cpu = 0.0
        self.statements = 0
        return taken


class _Timed:
    def __init__(self, transaction, clock: TransactionClock):
        self.transaction, self.clock = transaction, clock

    def __enter__(self):
        began = time.perf_counter()
        entered = self.transaction.__enter__()
        self.locked = time.perf_counter()
        self.cpu = time.thread_time()
        self.clock.lock += self.locked - began
        self.clock.holding = True
        return entered

    def __exit__(self, *exc):
        leaving = time.perf_counter()
        self.clock.holding = False
        self.clock.held_cpu += time.thread_time() - self.cpu
        try:
            return self.transaction.__exit__(*exc)
        finally:
            self.clock.held += leaving - self.locked
            self.clock.commit += time.perf_counter() - leaving


class Agent:
    def __init__(self, session, log: AckLog, rng: random.Random, tag: str, think: tuple[float, float]):
        self.session, self.log, self.rng, self.think = session, log, rng, think
        self.login = session.login
        self.tag = tag
        self.seq = 0
        self.clock = TransactionClock()
        self.clock.install()
        self.clock.count_statements(session.db)
        self.mine: list[str] = [row.ref for row in queue.queue_page(session, "mine", limit=50).rows]
        self.customers = sorted(
            {row.customer_code for row in queue.queue_page(session, "all", limit=200).rows}
        )

    # ------------------------------------------------------------ the loop

    def run_until(self, deadline) -> None:
        ops = list(FLOOR_MIX)
        weights = [FLOOR_MIX[op] for op in ops]
        self.pause()  # people do not all press Enter the instant the drill starts
        while not deadline.passed():
            getattr(self, self.rng.choices(ops, weights)[0])()
            self.pause()

    def pause(self, share: float = 1.0) -> None:
        low, high = self.think
        if high > 0:
            time.sleep(self.rng.uniform(low, high) * share)

    def token(self) -> str:
        """Unique on the floor for this drill run: found in the database's text afterwards."""
        self.seq += 1
        return f"[{self.tag}{self.login}#{self.seq}]"

    def attempt(self, op: str, call):
        """(ok, result, started, (ended, where the time went)). Failures are logged here; acks by the
        caller, who knows what identifies the write."""
        self.clock.take()
        started = time.perf_counter()
        try:
            result = call()
        except Exception as exc:  # every failure is counted, none may pass unseen
            self.log.failed(op, started, exc, expected=type(exc) in EXPECTED)
            return False, None, started, None
        return True, result, started, (time.perf_counter(), self.clock.take())

    def pick(self, what: str, read):
        """A read the agent's screen makes before acting (a list to choose from)."""
        ok, result, *_ = self.attempt(f"pick:{what}", read)
        return result if ok else None

    # ------------------------------------------------------------ the mix

    def intake(self) -> None:
        token = self.token()
        form = tickets.NewTicket(
            self.rng.choice(self.customers), "phone", f"{self.rng.choice(DESCRIPTIONS)} {token}"
        )
        ok, ref, started, ended = self.attempt("intake", lambda: tickets.intake(self.session, form))
        if ok:
            self.log.ack("intake", started, ended, ref=ref, token=token)

    def claim(self) -> None:
        """Several agents read the same top of the unclaimed list and go for the same tickets."""
        page = self.pick("unclaimed", lambda: queue.queue_page(self.session, "unclaimed", limit=6))
        if not page or not page.rows:
            return self.note()
        ref = self.rng.choice(page.rows[:3]).ref
        ok, result, started, ended = self.attempt("claim", lambda: tickets.claim(self.session, ref))
        if ok:
            self.log.ack("claim", started, ended, ref=ref, won=not result.already_yours)
            self.mine.append(ref)

    def note(self) -> None:
        """On one of this agent's tickets, or on any open one (anyone may add a note)."""
        ref = self.some_ticket(any_open=True)
        if ref is None:
            return
        token = self.token()
        ok, _, started, ended = self.attempt(
            "note", lambda: tickets.add_note(self.session, ref, f"客户来电补充 {token}")
        )
        if ok:
            self.log.ack("note", started, ended, ref=ref, token=token)

    def contact(self) -> None:
        if not self.mine:
            return self.claim()
        ref, direction, token = self.rng.choice(self.mine), self.rng.choice(("in", "out")), self.token()
        ok, _, started, ended = self.attempt(
            "contact", lambda: tickets.log_contact(self.session, ref, direction, f"电话沟通 {token}")
        )
        if ok:
            self.log.ack("contact", started, ended, ref=ref, token=token, direction=direction)

    def handoff(self) -> None:
        """Send one of my tickets to a department, or record a department's answer, or tell the
        customer an answer: whichever the open handoffs offer (agents contend for the same)."""
        step = self.rng.choice(("add", "answer", "sync"))
        if step == "add":
            return self.handoff_add()
        open_ones = self.pick("handoffs", lambda: handoffs.list_handoffs(self.session, open_only=True))
        stage = "sent" if step == "answer" else "answered"
        ready = [h for h in open_ones or () if h.stage == stage][:4]
        if not ready:
            return self.handoff_add()
        chosen = self.rng.choice(ready).id
        if step == "answer":
            token = self.token()
            ok, _, started, ended = self.attempt(
                "handoff_answer", lambda: handoffs.answer_handoff(self.session, chosen, f"部门答复 {token}")
            )
            if ok:
                self.log.ack("handoff_answer", started, ended, id=chosen, token=token)
        else:
            ok, _, started, ended = self.attempt(
                "handoff_sync", lambda: handoffs.sync_handoff(self.session, chosen)
            )
            if ok:
                self.log.ack("handoff_sync", started, ended, id=chosen)

    def handoff_add(self) -> None:
        if not self.mine:
            return self.claim()
        ref, token = self.rng.choice(self.mine), self.token()
        department = self.rng.choice(DEPARTMENTS)
        ok, added, started, ended = self.attempt(
            "handoff_add",
            lambda: handoffs.add_handoff(self.session, ref, department, f"请核实 {token}", "+4h"),
        )
        if ok:
            self.log.ack("handoff_add", started, ended, id=added.id, ref=ref, token=token)

    def resolve(self) -> None:
        if not self.mine:
            return self.claim()
        ref, token = self.mine.pop(self.rng.randrange(len(self.mine))), self.token()
        ok, _, started, ended = self.attempt(
            "resolve", lambda: tickets.set_status(self.session, ref, "resolved", f"已处理 {token}")
        )
        if ok:
            self.log.ack("resolve", started, ended, ref=ref, token=token)

    def callback(self) -> None:
        """A whole call: claim one of the first callbacks on the list (others go for the same),
        start it, answer the script, finish. Each step is one write, a short pause between."""
        listed = self.pick("callbacks", lambda: callbacks.list_callbacks(self.session))
        free = [c for c in listed or () if c.owner is None and c.group == "resolved"][:4]
        if not free:
            return self.note()
        chosen = self.rng.choice(free).id
        ok, taken, started, ended = self.attempt(
            "callback_claim", lambda: callbacks.claim_callback(self.session, chosen)
        )
        if not ok:
            return
        self.log.ack("callback_claim", started, ended, id=chosen, won=taken)
        ok, call, started, ended = self.attempt(
            "callback_start", lambda: callbacks.start_call(self.session, chosen)
        )
        if not ok:
            return
        self.log.ack("callback_start", started, ended, id=chosen)
        token = self.token()
        for question in call.questions:
            if not question.required and question.kind != "text":
                continue
            value = {
                "score": str(question.scale[1]) if question.scale else "5",
                "yes_no": "yes",
                "choice": "1",
            }.get(question.kind, f"都很好 {token}")
            self.pause(0.3)
            ok, _, started, ended = self.attempt(
                "callback_answer",
                partial(callbacks.answer_question, self.session, chosen, question.id, value),
            )
            if not ok:
                return
            self.log.ack("callback_answer", started, ended, id=chosen, question=question.id, answer=value)
        self.pause(0.3)
        ok, outcome, started, ended = self.attempt(
            "callback_done", lambda: callbacks.finish_call(self.session, chosen)
        )
        if ok:
            self.log.ack("callback_done", started, ended, id=chosen, status=outcome.status)

    def some_ticket(self, any_open: bool) -> str | None:
        if self.mine and (not any_open or self.rng.random() < 0.6):
            return self.rng.choice(self.mine)
        page = self.pick(
            "queue", lambda: queue.queue_page(self.session, "all", offset=self.rng.randrange(200), limit=20)
        )
        return self.rng.choice(page.rows).ref if page and page.rows else None


def warm_up(agent: Agent) -> None:
    """Experiment: one write of each kind that touches another table (a note, a contact, a
    handoff and its answer, a claimed callback) before the drill's minute, so a connection's
    first writes (on a server: its first use of each table's trigger, compiled per session) are
    not among those measured. What it writes is not logged: the verification never looks for it."""
    quiet = AckLog("/dev/null")
    real, agent.log = agent.log, quiet
    think, agent.think = agent.think, (0.0, 0.0)
    try:
        agent.note()
        agent.contact()
        agent.handoff_add()
        agent.handoff()
        agent.callback()
    finally:
        agent.log, agent.think = real, think
        quiet.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    floor = parser.add_mutually_exclusive_group(required=True)
    floor.add_argument("--db", help="the floor's SQLite file")
    floor.add_argument("--db-url", help="the floor's database on a PostgreSQL server")
    parser.add_argument("--login", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--go", required=True, help="the start file the drill writes when all are ready")
    parser.add_argument("--think", default="1-3", help="seconds between writes: 'LOW-HIGH' or 0 for none")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--tag", default="", help="prefix of this run's tokens (unique across runs on one file)"
    )
    parser.add_argument("--fsync", action="store_true", help="fsync the log after every line (crash drill)")
    parser.add_argument(
        "--write-lock",
        metavar="poll:MS|queue",
        help="experiment: take the write lock another way (tests.bench.drill_writelock)",
    )
    parser.add_argument(
        "--warm-up",
        action="store_true",
        help="experiment: write once of each kind before saying ready (not logged, not counted)",
    )
    args = parser.parse_args(argv)
    if args.write_lock:
        if args.db is None:
            parser.error("--write-lock is an experiment on SQLite's lock: it needs --db")
        from tests.bench.drill_writelock import install

        install(args.write_lock, args.db)
    low, _, high = args.think.partition("-")
    think = (float(low), float(high or low))
    log = AckLog(args.log, fsync=args.fsync)
    session = open_session(**where(args.db, args.db_url), login=args.login)
    agent = Agent(session, log, random.Random(args.seed), args.tag, think)
    if args.warm_up:
        warm_up(agent)
    log.write({"kind": "ready", "t": time.time(), "cpu_s": _cpu_seconds()})
    deadline = wait_for_go(args.go)
    agent.run_until(deadline)
    log.write({"kind": "done", "t": time.time(), "cpu_s": _cpu_seconds()})
    session.close()
    log.close()
    return 0


def _cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


if __name__ == "__main__":
    code = main()
    # No interpreter teardown: two hundred agents tearing theirs down together keep the CPUs
    # busy for seconds, while writes begun before the deadline by others are still finishing.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
