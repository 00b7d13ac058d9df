"""After a drill: is every acknowledged write in the database, and did any ticket or callback
get two owners? Read with plain sqlite3 (or psycopg on a PostgreSQL server), read-only,
independent of the code under test (as the export tests read workbooks back with openpyxl).
Plus the real `callfloor db check`."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tests.bench.drill_floor import floor_options
from tests.bench.drill_start import callfloor

TOKEN = re.compile(r"\[[^\[\]#\s]+#\d+\]")


@dataclass
class Verdict:
    checked: int = 0
    missing: list[str] = field(default_factory=list)  # acknowledged, not in the database
    double_owners: list[str] = field(default_factory=list)  # two winners, or an owner who did not win

    @property
    def ok(self) -> bool:
        return not self.missing and not self.double_owners


@dataclass
class FloorState:
    """What the database holds, keyed the way the logs name writes."""

    tickets: dict  # ref -> (description, owner login, status)
    events: dict  # token -> {(ref, kind)}
    handoffs: dict  # id -> (need, stage, answer)
    callbacks: dict  # id -> (status, owner login, script_version)
    answers: dict  # (callback id, question) -> answer

    @classmethod
    def read(cls, path: str | None, url: str | None = None) -> FloorState:
        """The floor in the SQLite file at path, or in the server database at url."""
        con = _read_only(path, url)
        try:
            tickets = {
                ref: (text, owner, status)
                for ref, text, owner, status in con.execute(
                    "SELECT t.ref, t.description, a.login, t.status "
                    "FROM ticket t LEFT JOIN agent a ON a.id = t.owner_id"
                )
            }
            events = defaultdict(set)
            for ref, kind, text in con.execute(
                "SELECT t.ref, e.kind, e.text FROM timeline_event e JOIN ticket t ON t.id = e.ticket_id "
                "WHERE e.text LIKE '%#%'"
            ):
                for token in TOKEN.findall(text):
                    events[token].add((ref, kind))
            handoffs = {
                i: (need, stage, answer)
                for i, need, stage, answer in con.execute("SELECT id, need, stage, answer FROM handoff")
            }
            callbacks = {
                i: (status, owner, version)
                for i, status, owner, version in con.execute(
                    "SELECT c.id, c.status, a.login, c.script_version "
                    "FROM callback c LEFT JOIN agent a ON a.id = c.owner_id"
                )
            }
            answers = {
                (c, q): a
                for c, q, a in con.execute("SELECT callback_id, question, answer FROM callback_answer")
            }
        finally:
            con.close()
        return cls(tickets, dict(events), handoffs, callbacks, answers)


def _read_only(path: str | None, url: str | None):
    """A DB-API connection that only reads: sqlite3 on the file, or psycopg on the server in a
    read-only REPEATABLE READ transaction (one snapshot for all the queries). Either runs
    parameterless SQL with .execute() (psycopg leaves a % alone when no parameters are given)."""
    if (path is None) == (url is None):
        raise ValueError("give exactly one of path or url")
    if path is not None:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    import psycopg

    con = psycopg.connect(str(url))
    con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    con.read_only = True
    return con


def _found(db: FloorState, ack: dict) -> bool:
    """Whether the write this acknowledgement names is in the database."""
    op, token = ack["op"], ack.get("token")
    ticket = db.tickets.get(ack.get("ref"))
    if op == "intake":
        return ticket is not None and token in ticket[0]
    if op == "claim":
        return ticket is not None and ticket[1] is not None
    if op in ("note", "contact", "resolve", "handoff_add"):
        kind = {"note": "note", "resolve": "resolved", "handoff_add": "handoff"}.get(
            op
        ) or f"contact_{ack['direction']}"
        if (ack["ref"], kind) not in db.events.get(token, ()):
            return False
    handoff, callback = db.handoffs.get(ack.get("id")), db.callbacks.get(ack.get("id"))
    if op == "resolve":
        return ticket is not None and ticket[2] in ("resolved", "closed")
    if op == "handoff_add":
        return handoff is not None and token in handoff[0]
    if op == "handoff_answer":
        return handoff is not None and handoff[1] in ("answered", "synced") and token in (handoff[2] or "")
    if op == "handoff_sync":
        return handoff is not None and handoff[1] == "synced"
    if op == "callback_claim":
        return callback is not None and callback[1] is not None
    if op == "callback_start":
        return callback is not None and callback[2] is not None
    if op == "callback_answer":
        stored = db.answers.get((ack["id"], ack["question"]))
        return stored is not None and (TOKEN.search(ack["answer"]) is None or ack["answer"] == stored)
    if op == "callback_done":
        return callback is not None and callback[0] == ack["status"]
    return op in ("note", "contact")


def _owners(db: FloorState, acks: list[dict]) -> list[str]:
    """No ticket or callback won by two claims, and each is owned by the one who won it
    (the drills never reassign)."""
    problems = []
    for op, table, owner_at in (("claim", db.tickets, 1), ("callback_claim", db.callbacks, 1)):
        wins = Counter(a.get("ref", a.get("id")) for a in acks if a["op"] == op and a.get("won"))
        winner = {a.get("ref", a.get("id")): a["by"] for a in acks if a["op"] == op and a.get("won")}
        for key, count in wins.items():
            if count > 1:
                problems.append(f"{op} {key}: won by {count} agents")
            row = table.get(key)
            owner = row[owner_at] if row else None
            if owner != _login(winner[key]):
                problems.append(f"{op} {key}: won by {_login(winner[key])}, owned by {owner}")
    return problems


def _login(log_name: str) -> str:
    """Logs are named after their agent's login, with a drill prefix: 'r3-agent02' -> agent02."""
    return log_name.rsplit("-", 1)[-1]


def verify(path: str | None, acks: list[dict], *, url: str | None = None) -> Verdict:
    db = FloorState.read(path, url)
    verdict = Verdict(checked=len(acks))
    for ack in acks:
        if not _found(db, ack):
            what = f"{ack.get('ref', '')}{ack.get('id', '')} {ack.get('token', '')}"
            verdict.missing.append(f"{ack['by']} {ack['op']} {what}".strip())
    verdict.double_owners = _owners(db, acks)
    return verdict


def db_check(path: str | None, *, url: str | None = None) -> tuple[bool, str]:
    """`callfloor db check --db PATH` (or --db-url URL), the real command: (passed, what it said)."""
    done = callfloor("db", "check", *floor_options(path, url))
    return done.returncode == 0, (done.stdout + done.stderr).strip()
