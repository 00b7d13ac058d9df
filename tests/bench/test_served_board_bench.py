"""Issue 22's figures for the served board: per browser on a wall screen, the CPU and memory of
its board process and the bytes a second it is sent; and the server's own. Marked bench: run
with `make bench` (about 3 minutes) or `python -m tests.bench.served_board`."""

from __future__ import annotations

import pytest

from tests.bench import served_board
from tests.bench.board import board_floor

pytestmark = pytest.mark.bench

CPU_PERCENT = 3.0
"""A board's process, as the terminal board's budget (issue 4): 3% of a core."""
RSS_MB = 100
WIRE_BYTES_PER_SECOND = 16 * 1024
"""At a TV's 240x67 with 15 countdowns ticking seconds in block letters: a wall screen is on the
floor's LAN, where 16 KB/s is a hundredth of one percent of a 100 Mbit link."""
SERVER_CPU_PERCENT = 2.0


@pytest.mark.parametrize("browsers", [1, 10])
def test_each_browser_costs_little_and_the_server_almost_nothing(tmp_path, browsers):
    path = tmp_path / "board.db"
    board_floor(path, handoffs_open=30, under_an_hour=15)
    figures = served_board.served_cost(path, browsers, seconds=60)
    print("\n" + served_board.report(figures))
    assert figures["boards"] == browsers
    assert max(figures["board_cpu_percent"]) <= CPU_PERCENT
    assert max(figures["board_rss_mb"]) <= RSS_MB
    assert max(figures["bytes_per_second"]) <= WIRE_BYTES_PER_SECOND
    assert figures["server_cpu_percent"] <= SERVER_CPU_PERCENT
