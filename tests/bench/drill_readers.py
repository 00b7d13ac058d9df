"""The screens that read the floor while the agents write: the wall board (every open handoff
with its countdown, the counts) and an agent's queue (a page of a view and the header counts).
Each polls like its screen does when the floor keeps changing, and logs every read's latency
and every read error.

    python -m tests.bench.drill_readers --db PATH --screen board|queue --log FILE --go FILE
    python -m tests.bench.drill_readers --db-url URL --screen board|queue --log FILE --go FILE
"""

from __future__ import annotations

import argparse
import random
import time

from core.floor.session import open_session
from core.handoffs import board
from core.tickets import queue
from tests.bench.drill_floor import where
from tests.bench.drill_log import AckLog
from tests.bench.drill_start import wait_for_go


def read_board(session, rng) -> None:
    picture = board.board_picture(session)
    board.board_counts(picture, board.clocks_at(picture, session.now(), session.policy))


def read_queue(session, rng) -> None:
    queue.change_token(session)
    view = rng.choice(("all", "all", "unclaimed", "mine", "breaching", "waiting"))
    total = queue.queue_total(session, view)
    queue.queue_page(session, view, offset=rng.randrange(max(total, 1)) // 20 * 20, limit=20)
    queue.queue_counts(session)


SCREENS = {"board": read_board, "queue": read_queue}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    floor = parser.add_mutually_exclusive_group(required=True)
    floor.add_argument("--db", help="the floor's SQLite file")
    floor.add_argument("--db-url", help="the floor's database on a PostgreSQL server")
    parser.add_argument("--screen", choices=sorted(SCREENS), required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--go", required=True)
    parser.add_argument("--login", default="boss")
    parser.add_argument(
        "--every", type=float, default=0.5, help="seconds between reads (the screens poll twice a second)"
    )
    args = parser.parse_args(argv)
    log, rng = AckLog(args.log), random.Random(args.screen)
    session = open_session(**where(args.db, args.db_url), login=args.login)
    session.require_agent()
    read = SCREENS[args.screen]
    log.write({"kind": "ready", "t": time.time()})
    deadline = wait_for_go(args.go)
    op = f"read:{args.screen}"
    while not deadline.passed():
        started = time.perf_counter()
        try:
            read(session, rng)
        except Exception as exc:  # a read error is what the screen would show: counted
            log.failed(op, started, exc, expected=False)
        else:
            log.write(
                {
                    "kind": "read",
                    "op": op,
                    "ms": round((time.perf_counter() - started) * 1000, 3),
                    "t": time.time(),
                }
            )
        time.sleep(args.every)
    log.write({"kind": "done", "t": time.time()})
    session.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
