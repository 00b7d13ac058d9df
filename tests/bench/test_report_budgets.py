"""Issue 6's budget for the weekly report: a week of 50,000 tickets exports in 5 s or less with
150 MB or less of peak resident memory, measured on `callfloor export` as a separate process.
Marked bench: run with `make bench` (the demo floor is built once, about three minutes, and
kept in the temp folder)."""

from __future__ import annotations

import os

import pytest

from tests.bench import report

pytestmark = pytest.mark.bench


def test_a_week_of_50000_tickets_exports_in_5_seconds_within_150_mb(tmp_path):
    path = report.report_floor()
    size = report.week_size(path)
    figures = report.export_figures(path, tmp_path, runs=3)
    print(
        f"\nexport {report.WEEK}: {size['tickets']} tickets, {size['callbacks']} done callbacks; "
        f"{figures['best_seconds']:.2f} s best of {', '.join(f'{s:.2f}' for s in figures['seconds'])} s "
        f"(budget 5 s), peak RSS {figures['peak_mb']:.0f} MB (budget 150 MB), "
        f"CPU {figures['cpu_seconds']:.2f} s "
        f"on {os.cpu_count()} cores (load {os.getloadavg()[0]:.2f}); {figures['bytes'] / 1e6:.1f} MB file; "
        f"the command said: {figures['said']}"
    )
    assert size["tickets"] >= 50_000
    assert figures["best_seconds"] <= 5.0
    assert figures["peak_mb"] <= 150
