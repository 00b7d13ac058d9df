"""Code that runs in separate processes: each opens its own session on the shared floor (a
SQLite file's path, or a database URL: tests/engines.py's FloorDb.spec()), the way each
agent's callfloor process does on the floor host."""

from __future__ import annotations

import time

from core.basics.errors import AlreadyClaimed, CallfloorError


def claim_once(where: str, login: str, ref: str, barrier, results) -> None:
    from core.tickets.lifecycle import claim
    from tests.engines import FloorDb

    session = FloorDb.from_spec(where).open(login=login)
    session.require_agent()  # resolve identity before the race, as a running session has
    barrier.wait()
    try:
        claim(session, ref)
        results.put((login, "won", ""))
    except AlreadyClaimed as exc:
        results.put((login, "lost", exc.owner_login))
    except CallfloorError as exc:
        results.put((login, "error", str(exc)))


def write_notes(where: str, login: str, ref: str, count: int, barrier, results) -> None:
    """Write count notes as fast as possible; report each acknowledged note and its latency."""
    from core.tickets.lifecycle import add_note
    from tests.engines import FloorDb

    session = FloorDb.from_spec(where).open(login=login)
    session.require_agent()
    barrier.wait()
    began = time.time()
    acknowledged, errors, latencies = [], [], []
    for n in range(count):
        text = f"{login} note {n}"
        started = time.perf_counter()
        try:
            add_note(session, ref, text)
        except Exception as exc:  # every failure is counted, none may escape unseen
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        latencies.append(time.perf_counter() - started)
        acknowledged.append(text)
    results.put((login, acknowledged, errors, latencies, (began, time.time())))
