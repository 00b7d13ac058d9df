"""The drills' evidence: each process appends one JSON line per acknowledged write (or refusal,
or error) to its own file, flushed at once, so a record survives the process being killed the
moment after. The drills count and check only what these files say was acknowledged.

A line is {"kind": "ack" | "refused" | "error" | "read" | "ready", "op": ..., "ms": ..., ...}.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path


class AckLog:
    """Append-only JSONL for one process. fsync=True makes each line durable on disk as well
    (the crash drill: what the log holds was acknowledged, whatever happens next)."""

    def __init__(self, path: str | os.PathLike, fsync: bool = False):
        self.file = open(path, "a", encoding="utf-8")
        self.fsync = fsync

    def write(self, record: dict) -> None:
        self.file.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        self.file.flush()
        if self.fsync:
            os.fsync(self.file.fileno())

    def ack(self, op: str, started: float, ended: tuple[float, dict], **what) -> None:
        """A core call returned: the write is acknowledged. started: perf_counter before the
        call; ended: perf_counter after it and where the time went (lock_ms, held_ms, ...)."""
        at, parts = ended
        self.write(
            {
                "kind": "ack",
                "op": op,
                "ms": round((at - started) * 1000, 3),
                "t0": _wall(started),
                "t": _wall(at),
                **parts,
                **what,
            }
        )

    def failed(self, op: str, started: float, exc: Exception, expected: bool) -> None:
        self.write(
            {
                "kind": "refused" if expected else "error",
                "op": op,
                "error": type(exc).__name__,
                "message": str(exc)[:300],
                "ms": round((time.perf_counter() - started) * 1000, 3),
                "t": time.time(),
            }
        )

    def close(self) -> None:
        self.file.close()


def _wall(perf: float) -> float:
    """A perf_counter reading as wall-clock time, so records from many processes line up."""
    return time.time() - (time.perf_counter() - perf)


def read_records(path: str | os.PathLike) -> list[dict]:
    """Every whole line of one log; a line cut short by a kill is not a record (it was never
    acknowledged: the process died while saying so)."""
    records = []
    with open(path, encoding="utf-8") as file:
        for line in file:
            if not line.endswith("\n"):
                break
            records.append(json.loads(line))
    return records


def read_folder(folder: str | os.PathLike, pattern: str = "*.jsonl") -> dict[str, list[dict]]:
    return {p.stem: read_records(p) for p in sorted(Path(folder).glob(pattern))}


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share 0.99 = p99); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(round(share * len(ordered) + 0.4999))))
    return ordered[rank - 1]


@dataclass
class Tally:
    """What a set of logs adds up to."""

    acks: list[dict] = field(default_factory=list)
    refusals: Counter = field(default_factory=Counter)  # the floor's rules working, by class
    errors: Counter = field(default_factory=Counter)  # what an agent would see as a fault
    error_samples: list[str] = field(default_factory=list)
    reads: dict[str, list[float]] = field(default_factory=dict)  # reader -> latencies (ms)
    read_errors: Counter = field(default_factory=Counter)
    cpu_seconds: float = 0.0  # the writers' own CPU time, start-up included
    ready_cpu_seconds: float = 0.0  # of which before they said ready (start-up)

    @classmethod
    def of(cls, logs: dict[str, list[dict]]) -> Tally:
        tally = cls()
        for name, records in logs.items():
            for record in records:
                kind = record["kind"]
                if kind == "ack":
                    tally.acks.append({**record, "by": name})
                elif kind == "refused":
                    tally.refusals[f"{record['op']}: {record['error']}"] += 1
                elif kind == "error" and record["op"].startswith("read"):
                    tally.read_errors[f"{record['op']}: {record['error']}"] += 1
                elif kind == "error":
                    tally.errors[f"{record['op']}: {record['error']}"] += 1
                    if len(tally.error_samples) < 5:
                        tally.error_samples.append(f"{name} {record['op']}: {record['message']}")
                elif kind == "done":
                    tally.cpu_seconds += record.get("cpu_s", 0.0)
                elif kind == "ready":
                    tally.ready_cpu_seconds += record.get("cpu_s", 0.0)
                elif kind == "read":
                    tally.reads.setdefault(record["op"], []).append(record["ms"])
        return tally

    def write_ms(self, since: float = 0.0, until: float = float("inf")) -> list[float]:
        """Latencies of the writes that were under way at some moment in [since, until]."""
        return [a["ms"] for a in self.acks if a["t"] >= since and a["t0"] <= until]
