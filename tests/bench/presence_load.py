"""Presence beats of many sessions from one process (issue 20's cost measure): `--sessions`
sessions each saying where they are once every BEAT_SECONDS (core/floor/presence.py), spread
evenly, for `--seconds`; prints the beats' latencies as JSON. The capacity bench's idle phase
runs it beside one real queue session to measure what 200 sessions' beats cost a session.

    python -m tests.bench.presence_load --db FLOOR --sessions 200 --seconds 60
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from core.floor.presence import BEAT_SECONDS, Whereabouts, new_token, say_here
from core.floor.session import open_session
from tests.bench.drill_log import percentile


def beat_for(db: Path, sessions: int, seconds: float, login: str) -> dict:
    session = open_session(path=db, login=login)
    tokens = [new_token() for _ in range(sessions)]
    gap = BEAT_SECONDS / sessions
    latencies: list[float] = []
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < seconds:
        due = start + n * gap
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        began = time.perf_counter()
        say_here(session, tokens[n % sessions], Whereabouts("queue"), first=n == 0)
        latencies.append((time.perf_counter() - began) * 1000)
        n += 1
    elapsed = time.monotonic() - start
    cpu = time.process_time()
    return {
        "sessions": sessions,
        "beats": n,
        "beats_per_second": n / elapsed,
        "p50_ms": percentile(latencies, 0.5),
        "p99_ms": percentile(latencies, 0.99),
        "max_ms": max(latencies, default=0.0),
        "cpu_ms_per_beat": cpu * 1000 / max(n, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--login", default="agent01")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    figures = beat_for(args.db, args.sessions, args.seconds, args.login)
    text = json.dumps(figures)
    if args.json:
        args.json.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
