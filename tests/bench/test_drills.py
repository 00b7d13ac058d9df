"""Issue 7's drills at full size, with their targets. Marked bench: the ordinary run skips them
(tests/bench/test_bench_smoke.py runs them at toy sizes); run `make bench`, or one at a time:

    python -m tests.bench.floor_sim --agents 50 --seconds 60 --db /tmp/floor.db
    python -m tests.bench.crash_drill --rounds 100
    python -m tests.bench.backup_drill
"""

from __future__ import annotations

import os

import pytest

from tests.bench import backup_drill, crash_drill, floor_sim

pytestmark = pytest.mark.bench


def _print(title: str, lines: list[str]) -> None:
    print(f"\n{title} (load average {os.getloadavg()[0]:.2f} when it ended)\n" + "\n".join(lines))


def test_load_drill_fifty_agents_a_minute(tmp_path):
    figures = floor_sim.run_floor(
        str(tmp_path / "floor.db"), agents=50, seconds=60, logs=str(tmp_path / "logs")
    )
    _print("load drill", floor_sim.figure_lines(figures))
    assert figures["lost_writes"] == 0 and figures["double_owners"] == 0
    assert figures["errors"] == {} and figures["read_errors"] == {}
    assert figures["db_check_ok"] and figures["process_failures"] == {}
    assert figures["p99_ms"] <= floor_sim.P99_BUDGET_MS


def test_load_drill_fifty_agents_without_think_time(tmp_path):
    """Stress: no pause between writes. Correctness is asserted; the latency is a figure."""
    figures = floor_sim.run_floor(
        str(tmp_path / "floor.db"), agents=50, seconds=20, think="0", logs=str(tmp_path / "logs")
    )
    _print("load drill, no think time", floor_sim.figure_lines(figures))
    assert figures["lost_writes"] == 0 and figures["double_owners"] == 0
    assert figures["db_check_ok"] and figures["process_failures"] == {}


def test_crash_drill_hundred_rounds(tmp_path):
    totals = crash_drill.run_crash(rounds=100, logs=str(tmp_path))
    _print("crash drill", crash_drill.figure_lines(totals))
    assert totals["rounds"] == 100 and totals["missing"] == [] and totals["check_failures"] == []
    assert crash_drill.passed(totals)


def test_backup_drill_twenty_writers(tmp_path):
    figures = backup_drill.run_backup(writers=20, logs=str(tmp_path))
    _print("backup drill", backup_drill.figure_lines(figures))
    assert figures["backup_ok"] and figures["copy_check_ok"] and figures["missing_in_copy"] == []
    assert figures["app"].startswith(("painted", "not tried"))
    assert backup_drill.passed(figures)
