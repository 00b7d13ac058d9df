"""Issue 3's budgets in a real terminal (tmux). Marked bench: run with `make bench`."""

from __future__ import annotations

import pytest

from tests.bench import workspace

pytestmark = pytest.mark.bench


@pytest.fixture(scope="module")
def floors(tmp_path_factory):
    folder = tmp_path_factory.mktemp("floors")
    big, small = folder / "100k.db", folder / "1k.db"
    workspace.build_demo(big, 100_000)
    workspace.build_demo(small, 1_000)
    return big, small


def test_queue_budgets_at_100000_tickets(floors):
    big, small = floors
    at_100k = workspace.queue_figures(big)
    at_1k = workspace.queue_figures(small)
    ratio = max(at_100k["move_p95_ms"], at_100k["page_p95_ms"]) / max(
        at_1k["move_p95_ms"], at_1k["page_p95_ms"]
    )
    print(
        f"\n100k tickets: start median {at_100k['start_s']:.2f} s, worst {at_100k['start_worst_s']:.2f} s "
        "of 5 (budget 1.0 s); "
        f"move p95 {at_100k['move_p95_ms']:.1f} ms, page p95 {at_100k['page_p95_ms']:.1f} ms (budget 50 ms); "
        f"RSS {at_100k['rss_mb']:.0f} MB (budget 80 MB)"
    )
    print(
        f"1k tickets:   start {at_1k['start_s']:.2f} s; move p95 {at_1k['move_p95_ms']:.1f} ms, "
        f"page p95 {at_1k['page_p95_ms']:.1f} ms; RSS {at_1k['rss_mb']:.0f} MB"
    )
    print(f"queue cost 100k / 1k: {ratio:.2f}x (budget 1.5x)")
    assert at_100k["start_s"] <= 1.0
    assert at_100k["move_p95_ms"] <= 50 and at_100k["page_p95_ms"] <= 50
    assert at_100k["rss_mb"] <= 80
    assert ratio <= 1.5


def test_opening_a_ticket_with_200_events(floors):
    big, _ = floors
    ref = workspace.ticket_with_events(big, 200)
    times = workspace.open_ticket_ms(big, ref)
    print(
        f"\nopen a ticket with 200 events: p95 {workspace.p95(times):.0f} ms, median "
        f"{sorted(times)[len(times) // 2]:.0f} ms over {len(times)} opens (budget 150 ms)"
    )
    assert workspace.p95(times) <= 150
