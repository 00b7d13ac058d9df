"""The bench harness itself, at toy sizes, in the ordinary run so it cannot rot. No timings asserted."""
from tests.bench import measure


def test_ticket_add_measurement_runs(tmp_path):
    path = str(tmp_path / "floor.db")
    measure.small_floor(path)
    assert len(measure.ticket_add_seconds(path, runs=2)) == 2


def test_concurrent_write_measurement_counts_every_write(tmp_path):
    figures = measure.concurrent_writes(str(tmp_path / "floor.db"), processes=3, writes=5)
    assert figures["writes"] == 15 and figures["errors"] == []
