"""The bench harness itself, at toy sizes, in the ordinary run so it cannot rot. No timings asserted."""
from tests.bench import measure


def test_ticket_add_measurement_runs(tmp_path):
    path = str(tmp_path / "floor.db")
    measure.small_floor(path)
    assert len(measure.ticket_add_seconds(path, runs=2)) == 2


def test_concurrent_write_measurement_counts_every_write(tmp_path):
    figures = measure.concurrent_writes(str(tmp_path / "floor.db"), processes=3, writes=5)
    assert figures["writes"] == 15 and figures["errors"] == []


def test_board_measurements_run(tmp_path):
    from tests.bench import board
    from tests.terminal.tmux import TMUX

    path = tmp_path / "board.db"
    board.board_floor(path, handoffs_open=3, under_an_hour=2)
    assert board.rss_growth(path, hours=20 / 3600, warmup_ticks=2)["ticks"] == 20
    if TMUX:
        figures = board.wire_figures(path, seconds=1.0, settle=0.5)
        assert figures["rows"] == 3 and figures["bytes"] > 0  # a second of ticking was seen


def test_report_export_measurement_runs(tmp_path):
    from tests.bench import report

    path = report.report_floor(tickets=1_500, folder=tmp_path)
    size = report.week_size(path)
    figures = report.export_figures(path, tmp_path, runs=1)
    assert size["tickets"] > 0 and f"{size['tickets']} tickets" in figures["said"]
    assert figures["seconds"][0] > 0 and figures["peak_mb"] > 0
