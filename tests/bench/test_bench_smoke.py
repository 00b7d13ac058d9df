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
        # tmux's pipe-pane takes about a second to start its cat: three seconds see two ticks
        figures = board.wire_figures(path, seconds=3.0, settle=0.5)
        assert figures["rows"] == 3 and figures["bytes"] > 0  # ticking was seen


def test_served_board_measurement_runs(tmp_path):
    from tests.bench import board, served_board

    path = tmp_path / "board.db"
    board.board_floor(path, handoffs_open=3, under_an_hour=2)
    figures = served_board.served_cost(path, browsers=1, seconds=2, settle=0.5)
    assert figures["boards"] == 1 and figures["bytes_per_second"][0] > 0  # the countdowns were sent
    assert "1 browser(s)" in served_board.report(figures)


def test_report_export_measurement_runs(tmp_path):
    from tests.bench import report

    path = report.report_floor(tickets=1_500, folder=tmp_path)
    size = report.week_size(path)
    figures = report.export_figures(path, tmp_path, runs=1)
    assert size["tickets"] > 0 and f"{size['tickets']} tickets" in figures["said"]
    assert figures["seconds"][0] > 0 and figures["peak_mb"] > 0


# The drills of issue 7 at toy sizes: the drill code runs, and the checks it makes are real.


def test_load_drill_runs_and_finds_every_write(tmp_path):
    from tests.bench import drill_floor, floor_sim

    db = str(tmp_path / "floor.db")
    drill_floor.build_floor(
        db, drill_floor.FloorSize(agents=3, customers=10, open_tickets=30, resolved=6, handoffs=6)
    )
    figures = floor_sim.run_floor(db, agents=3, seconds=2, think="0.05-0.2", logs=str(tmp_path / "logs"))
    assert figures["writes"] > 0 and figures["reads"]["board"][0] > 0 and figures["reads"]["queue"][0] > 0
    assert (figures["lost_writes"], figures["double_owners"], figures["errors"]) == (0, 0, {})
    assert figures["db_check_ok"] and figures["process_failures"] == {}
    assert "writes acknowledged" in "\n".join(floor_sim.figure_lines(figures))


def test_drill_verifier_reports_a_write_the_database_does_not_hold(tmp_path):
    from tests.bench import drill_floor
    from tests.bench.drill_verify import verify

    db = str(tmp_path / "floor.db")
    drill_floor.build_floor(
        db,
        drill_floor.FloorSize(
            agents=2, customers=3, open_tickets=4, owned_per_agent=1, resolved=0, handoffs=0
        ),
    )
    invented = [
        {"op": "note", "ref": "T000001", "token": "[x.agent01#1]", "by": "agent01"},
        {"op": "claim", "ref": "T000001", "won": True, "by": "agent02"},
        {"op": "claim", "ref": "T000003", "won": True, "by": "agent01"},
        {"op": "claim", "ref": "T000003", "won": True, "by": "agent02"},
    ]
    verdict = verify(db, invented)
    assert verdict.missing == [
        "agent01 note T000001 [x.agent01#1]",
        "agent01 claim T000003",
        "agent02 claim T000003",
    ]
    assert "claim T000001: won by agent02, owned by agent01" in verdict.double_owners
    assert "claim T000003: won by 2 agents" in verdict.double_owners


def test_crash_drill_runs_two_rounds(tmp_path):
    from tests.bench import crash_drill

    totals = crash_drill.run_crash(rounds=2, writers=2, seconds=0.5, logs=str(tmp_path))
    assert totals["rounds"] == 2 and totals["kills"] >= 2
    assert crash_drill.passed(totals), "\n".join(crash_drill.figure_lines(totals))


def test_backup_drill_runs_with_two_writers(tmp_path):
    from tests.bench import backup_drill

    figures = backup_drill.run_backup(
        writers=2, tickets=0, think="0.05-0.2", logs=str(tmp_path), warm_up=0.5, after=0.2
    )
    assert backup_drill.passed(figures), "\n".join(backup_drill.figure_lines(figures))
    assert figures["acked_before"] > 0
