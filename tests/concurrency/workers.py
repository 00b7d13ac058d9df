"""Code that runs in separate processes: each opens its own session on the shared file,
the way each agent's callfloor process does on the floor host."""

from __future__ import annotations

import time

from core.basics.errors import AlreadyClaimed, CallfloorError


def claim_once(path: str, login: str, ref: str, barrier, results) -> None:
    from core.floor.session import open_session
    from core.tickets.lifecycle import claim

    session = open_session(path, login=login)
    session.require_agent()  # resolve identity before the race, as a running session has
    barrier.wait()
    try:
        claim(session, ref)
        results.put((login, "won", ""))
    except AlreadyClaimed as exc:
        results.put((login, "lost", exc.owner_login))
    except CallfloorError as exc:
        results.put((login, "error", str(exc)))


def write_notes(path: str, login: str, ref: str, count: int, barrier, results) -> None:
    """Write count notes as fast as possible; report each acknowledged note and its latency."""
    from core.floor.session import open_session
    from core.tickets.lifecycle import add_note

    session = open_session(path, login=login)
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
