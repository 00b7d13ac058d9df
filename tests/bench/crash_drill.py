"""Crash drill (issue 7): kill -9 writers at random moments, round after round, on one floor
file. Each round starts a few writer processes doing the floor's mix with no think time
(every acknowledged write fsync'd to its log, line by line), kills one of them or all of them
with SIGKILL at a random moment, lets any survivor finish, then runs the real `callfloor db
check` and looks for every write acknowledged before the kill. Missing and check failures
must both be 0.

    python -m tests.bench.crash_drill --rounds 100 [--db PATH] [--writers 3] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

from tests.bench.drill_floor import FloorSize, build_floor, login_of
from tests.bench.drill_log import Tally, read_folder
from tests.bench.drill_start import Crew
from tests.bench.drill_verify import db_check, verify

CRASH_FLOOR = FloorSize(agents=4, customers=30, open_tickets=80, owned_per_agent=3, resolved=40, handoffs=12)


def crash_round(db: str, folder: Path, number: int, writers: int, seconds: float, rng: random.Random) -> dict:
    """One round: start, kill at a random moment, check. Returns what the round found."""
    crew = Crew(folder / f"round{number:03d}")
    names = [f"r{number}-{login_of(n)}" for n in range(1, writers + 1)]
    try:
        for n, name in enumerate(names, 1):
            crew.start(
                name,
                "tests.bench.drill_agent",
                "--db",
                db,
                "--login",
                login_of(n),
                "--think",
                "0",
                "--fsync",
                "--tag",
                f"r{number}.",
                "--seed",
                str(number * 100 + n),
            )
        crew.wait_ready(timeout=60)
        crew.go(seconds)
        time.sleep(rng.uniform(0.05, seconds * 0.95))
        victims = names if rng.random() < 0.5 else [rng.choice(names)]
        for name in victims:
            crew.kill(name)
        codes = crew.wait(timeout=seconds + 30)
    finally:
        crew.stop_all()
    tally = Tally.of(read_folder(crew.folder))
    verdict = verify(db, tally.acks)
    checked, said = db_check(db)
    survivors = {name: code for name, code in codes.items() if name not in victims}
    return {
        "kills": len(victims),
        "acks": len(tally.acks),
        "missing": verdict.missing,
        "double_owners": verdict.double_owners,
        "check_ok": checked,
        "check_said": said,
        "errors": tally.errors,
        "error_samples": tally.error_samples,
        "failures": crew.failures(survivors),
    }


def run_crash(
    db: str | None = None,
    rounds: int = 100,
    writers: int = 3,
    seconds: float = 1.0,
    seed: int = 7,
    logs: str | None = None,
    progress=None,
) -> dict:
    folder = Path(logs or tempfile.mkdtemp(prefix="crash-drill-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = db or str(folder / "crash.db")
    if not Path(db).exists():
        build_floor(db, CRASH_FLOOR, seed=seed)
    rng = random.Random(seed)
    totals = {
        "rounds": 0,
        "kills": 0,
        "acks": 0,
        "missing": [],
        "check_failures": [],
        "double_owners": [],
        "errors": {},
        "error_samples": [],
        "process_failures": {},
        "logs": str(folder),
    }
    started = time.monotonic()
    for number in range(rounds):
        found = crash_round(db, folder, number, writers, seconds, rng)
        totals["rounds"] += 1
        totals["kills"] += found["kills"]
        totals["acks"] += found["acks"]
        totals["missing"] += [f"round {number}: {m}" for m in found["missing"]]
        totals["double_owners"] += [f"round {number}: {d}" for d in found["double_owners"]]
        if not found["check_ok"]:
            totals["check_failures"].append(f"round {number}: {found['check_said']}")
        for kind, count in found["errors"].items():
            totals["errors"][kind] = totals["errors"].get(kind, 0) + count
        totals["error_samples"] += found["error_samples"][: max(0, 5 - len(totals["error_samples"]))]
        totals["process_failures"].update({f"round {number} {k}": v for k, v in found["failures"].items()})
        if progress:
            progress(number, found)
    totals["elapsed"] = time.monotonic() - started
    return totals


def passed(t: dict) -> bool:
    return (
        not t["missing"] and not t["check_failures"] and not t["double_owners"] and not t["process_failures"]
    )


def figure_lines(t: dict) -> list[str]:
    lines = [
        f"rounds                {t['rounds']} ({t['elapsed']:.0f} s)",
        f"kills (SIGKILL)       {t['kills']}",
        f"acknowledged checked  {t['acks']}",
        f"missing               {len(t['missing'])}",
        *(f"  e.g. {m}" for m in t["missing"][:5]),
        f"db check failures     {len(t['check_failures'])}",
        *(f"  e.g. {m}" for m in t["check_failures"][:3]),
        f"double owners         {len(t['double_owners'])}",
        f"errors in survivors   {sum(t['errors'].values())} {t['errors'] or ''}".rstrip(),
        *(f"  e.g. {m}" for m in t["error_samples"]),
        *(f"process {k} failed: {v}" for k, v in list(t["process_failures"].items())[:3]),
        f"passed                {'yes' if passed(t) else 'NO'}",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Crash drill: kill -9 writers at random moments.")
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--writers", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=1.0, help="how long a round's writers write")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="floor file (default: a fresh one in the logs folder)")
    parser.add_argument("--logs", help="folder for the rounds' logs (default: a new temporary one)")
    args = parser.parse_args(argv)

    def progress(number, found):
        bad = len(found["missing"]) + (not found["check_ok"])
        print(
            f"round {number + 1}/{args.rounds}: killed {found['kills']}, {found['acks']} acks checked"
            f"{', PROBLEMS' if bad else ''}",
            flush=True,
        )

    totals = run_crash(args.db, args.rounds, args.writers, args.seconds, args.seed, args.logs, progress)
    print("\n".join(figure_lines(totals)))
    if passed(totals) and not args.logs:
        shutil.rmtree(totals["logs"], ignore_errors=True)
    else:
        print(f"logs                  {totals['logs']}")
    return 0 if passed(totals) else 1


if __name__ == "__main__":
    raise SystemExit(main())
