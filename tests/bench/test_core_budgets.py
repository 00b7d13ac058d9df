"""Issue 2's budgets. Marked bench: the ordinary run skips them; run `make bench`."""

from __future__ import annotations

import statistics

import pytest

from tests.bench import measure

pytestmark = pytest.mark.bench


def test_ticket_add_whole_process_within_half_a_second(tmp_path):
    path = str(tmp_path / "floor.db")
    measure.small_floor(path)
    times = measure.ticket_add_seconds(path, runs=15)
    median, worst = statistics.median(times), max(times)
    print(f"\nticket add: median {median:.3f} s, worst {worst:.3f} s over {len(times)} runs (budget 0.5 s)")
    assert median <= 0.5


def test_twenty_processes_hundred_writes_each(tmp_path):
    figures = measure.concurrent_writes(str(tmp_path / "floor.db"), processes=20, writes=100)
    print(
        f"\n20 x 100 writes: {figures['writes']} acknowledged in {figures['seconds']:.2f} s = "
        f"{figures['writes_per_second']:.0f} writes/s (budget >= 500), p50 {figures['p50_ms']:.1f} ms, "
        f"p99 {figures['p99_ms']:.1f} ms, errors {len(figures['errors'])}"
    )
    assert figures["errors"] == []
    assert figures["writes"] == 2000
    assert figures["writes_per_second"] >= 500


def test_demo_with_100000_tickets_within_a_minute(tmp_path):
    seconds, summary = measure.demo_seconds(str(tmp_path / "demo.db"), tickets=100_000)
    print(f"\ndemo 100,000 tickets: {seconds:.1f} s (budget 60 s): {summary}")
    assert seconds <= 60
