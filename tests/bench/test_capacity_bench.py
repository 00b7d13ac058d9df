"""Issue 15's capacity bench at a small size: four real sessions in tmux on a floor of 3,000
tickets, writers at the floor rate, a 10-second window. It checks that the bench produces
every figure and prints them beside the budgets; the budgets themselves are measured at full
size by `make capacity` (python -m tests.bench.capacity). Marked bench: run with `make bench`."""

from __future__ import annotations

import pytest

from tests.bench import capacity
from tests.terminal.tmux import TMUX

pytestmark = [
    pytest.mark.bench,
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed (make test installs it)"),
]


@pytest.fixture(scope="module")
def small_floor(tmp_path_factory):
    return capacity.floor_file(3_000, seed=7, agents=40, cache=tmp_path_factory.mktemp("cache"))


def test_the_capacity_bench_reports_every_figure_for_four_sessions(small_floor, tmp_path):
    run = capacity.run_capacity(small_floor, tmp_path / "run", [4], rate=30, seconds=10, probes=6)
    (step,) = run["steps"]
    print("\n" + "\n".join(capacity.figure_lines({"capacity": run})))
    assert "skipped" not in step, step
    assert not step["session_errors"]["count"], step["session_errors"]
    assert step["sessions"] == step["measured"] == 4 and not step["lost"]
    assert set(step["cpu_by_kind"]) == {"queue", "ticket"}  # the mix at N=4: 3 queues, a ticket
    assert step["cpu"]["n"] == 4 and step["cpu"]["max"] > 0
    assert 0 < step["rss"]["mean"] <= step["rss"]["max"]
    assert step["write"]["writes"] > 0 and step["write"]["errors"] == {}
    assert step["visible"]["seen"] > 0 and step["visible"]["p50_ms"] > 0
    assert step["tmux_cpu_percent"] >= 0 and step["writers_cpu_percent"] > 0


def test_the_idle_phase_measures_one_queue_session_with_and_without_writes(small_floor, tmp_path):
    idle = capacity.run_idle(small_floor, tmp_path / "idle", rate=10, seconds=5, quiet=3)
    print("\n" + "\n".join(capacity.figure_lines({"idle": idle})))
    assert idle["no_writes"]["cpu"]["n"] == idle["writing"]["cpu"]["n"] == 1
    assert idle["writing"]["write"]["writes"] > 0
    assert idle["writing"]["rss"]["mean"] > 0
    assert idle["presence"]["cpu"]["n"] == 1 and idle["presence"]["beats"]["beats"] > 0


def test_the_mix_holds_at_any_size():
    assert capacity.kinds_for(4) == ["queue", "ticket", "queue", "queue"]
    first = capacity.kinds_for(20)
    everyone = first + capacity.kinds_for(50, first)  # sessions added to those already open
    assert (everyone.count("queue"), everyone.count("ticket"), everyone.count("board")) == (35, 10, 5)
