"""Handoffs and the directory through the real command."""

from __future__ import annotations

import json


def test_handoff_through_the_command(cli_floor):
    ref = cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "订单1023 漏发"
    ).strip()
    handoff_id = cli_floor.ok(
        "handoff", "add", ref, "--dept", "warehouse", "--need", "where is order 1023", "--due", "+2h"
    ).strip()
    assert handoff_id == "1"
    listed = json.loads(cli_floor.ok("handoff", "list", "--json"))
    assert [(h["ref"], h["department"], h["stage"], h["due_at"]) for h in listed] == [
        (ref, "warehouse", "sent", "2026-11-20T12:00:00+08:00")
    ]
    cli_floor.ok("handoff", "answer", "1", "在途, 明天送达")
    cli_floor.ok("handoff", "synced", "1")
    assert json.loads(cli_floor.ok("handoff", "list", "--json")) == []
    assert json.loads(cli_floor.ok("handoff", "list", "--json", "--all"))[0]["answer"] == "在途, 明天送达"
    again = cli_floor.run("handoff", "synced", "1")
    assert again.returncode == 1 and "is synced" in again.stderr


def test_handoff_refusals_are_one_line(cli_floor):
    ref = cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "x").strip()
    for args, message in [
        (("--dept", "warehouse", "--need", "x", "--due", "09:00"), "already passed"),
        (("--dept", "marketing", "--need", "x", "--due", "11:00"), "no department"),
        (("--dept", "warehouse", "--need", "x", "--due", "soon"), "is not a time"),
    ]:
        done = cli_floor.run("handoff", "add", ref, *args)
        assert done.returncode == 1 and message in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_the_directory_through_the_command(cli_floor):
    cli_floor.ok(
        "dept", "add", "qa_lab", "--contact", "周敏", "--phone", "13700000000", "--hours", "09:00-17:00"
    )
    rows = json.loads(cli_floor.ok("dept", "list", "--json"))
    assert {
        "name": "qa_lab",
        "contact_person": "周敏",
        "phone": "13700000000",
        "backup_contact": None,
        "backup_phone": None,
        "online_hours": "09:00-17:00",
    } in rows
    refused = cli_floor.run("dept", "add", "legal", user="li")
    assert refused.returncode == 1 and "supervisor" in refused.stderr


def test_a_supervisor_corrects_a_department_through_the_command(cli_floor):
    cli_floor.ok(
        "dept", "add", "qa_lab", "--contact", "周敏", "--phone", "13700000000", "--hours", "09:00-17:00"
    )
    assert (
        cli_floor.ok("dept", "set", "qa_lab", "--phone", "13700001111", "--hours", "").strip()
        == "updated department qa_lab"
    )
    [row] = [r for r in json.loads(cli_floor.ok("dept", "list", "--json")) if r["name"] == "qa_lab"]
    assert (row["contact_person"], row["phone"], row["online_hours"]) == ("周敏", "13700001111", None)
    bad = cli_floor.run("dept", "set", "qa_lab", "--hours", "18:00-09:00")
    assert bad.returncode == 1 and "08:00-18:00" in bad.stderr
    refused = cli_floor.run("dept", "set", "qa_lab", "--phone", "1", user="li")
    assert refused.returncode == 1 and "supervisor" in refused.stderr
    [row] = [r for r in json.loads(cli_floor.ok("dept", "list", "--json")) if r["name"] == "qa_lab"]
    assert row["phone"] == "13700001111"  # the refused changes changed nothing
