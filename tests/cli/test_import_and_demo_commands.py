"""Imports and the demo through the real command."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Floor

TICKETS = (
    "ref,received_at,channel,customer_code,customer_name,phone,category,subtag,tier,description,owner,"
    "first_response_at,resolved_at,closed_at,reopened,customer_contacts\n"
    "H-1,2026-11-16 09:00,phone,C001,,,quality,damage,,货物破损,li,"
    "2026-11-16 09:10,2026-11-16 10:00,2026-11-17 09:00,0,1\n"
    "H-2,2026/11/17 14:30,online_ticket,C900,Northwind Ltd,13912345678,billing,,,invoice is late,,,,,0,0\n"
)


def test_ticket_import_lands_once_and_a_bad_file_lands_nothing(cli_floor, tmp_path):
    good = tmp_path / "history.csv"
    good.write_text(TICKETS, encoding="utf-8")
    first = cli_floor.ok("import", "tickets", str(good))
    assert "2" in first
    cli_floor.ok("import", "tickets", str(good))  # again: nothing doubles
    listed = json.loads(cli_floor.ok("ticket", "list", "--json"))
    assert sorted(t["ref"] for t in listed) == ["H-1", "H-2"]
    h1 = json.loads(cli_floor.ok("ticket", "show", "H-1", "--json"))
    assert h1["status"] == "closed" and h1["tier"] == "red" and h1["owner"] == "li"

    bad = tmp_path / "bad.csv"
    bad.write_text(
        TICKETS.replace("H-1,2026-11-16", "H-3,2026-02-30")
        .replace("H-2,", "H-4,")
        .replace("online_ticket", "fax"),
        encoding="utf-8",
    )
    done = cli_floor.run("import", "tickets", str(bad))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert "2 problems in 2 rows, nothing imported" in lines[0]
    assert any(":2:" in line and "2026-02-30" in line for line in lines)
    assert any(":3:" in line and "fax" in line for line in lines)
    assert len(json.loads(cli_floor.ok("ticket", "list", "--json"))) == 2


def test_agents_may_not_import(cli_floor, tmp_path):
    good = tmp_path / "history.csv"
    good.write_text(TICKETS, encoding="utf-8")
    done = cli_floor.run("import", "tickets", str(good), user="li")
    assert done.returncode == 1 and "supervisor" in done.stderr


@pytest.mark.sqlite_only("demo --db builds a SQLite file")
def test_demo_builds_a_floor_replaces_an_old_demo_and_never_a_real_floor(tmp_path, cli_floor):
    demo = Floor(tmp_path / "demo.db")
    out = demo.ok("demo", "--tickets", "400", "--seed", "3", "--no-ui", user="chen")
    assert "400 tickets" in out
    first = demo.ok("ticket", "list", "--json", user="chen")
    demo.ok("demo", "--tickets", "400", "--seed", "3", "--no-ui", user="chen")
    assert demo.ok("ticket", "list", "--json", user="chen") == first  # same seed, same floor
    assert json.loads(demo.ok("agent", "list", "--json", user="chen"))[0]["role"] == "supervisor"
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损")
    refused = cli_floor.run("demo", "--tickets", "10", "--no-ui")
    assert refused.returncode == 1 and "real floor" in refused.stderr
    assert len(json.loads(cli_floor.ok("ticket", "list", "--json"))) == 1


def test_file_contents_in_error_messages_never_reach_the_terminal_raw(cli_floor, tmp_path):
    hostile = tmp_path / "hostile.csv"
    hostile.write_text(
        TICKETS.replace(",li,", ",\x1b[2J\x1b]0;pwn\x07,").replace(",0,1\n", ",0,99999999999999999999999\n"),
        encoding="utf-8",
    )
    done = cli_floor.run("import", "tickets", str(hostile))
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr
    assert "owner" in done.stderr and "[2J" in done.stderr  # reported, made visible (repr or ␛)
    assert "customer_contacts" in done.stderr or "contacts" in done.stderr
