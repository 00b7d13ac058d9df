"""Improvement actions through the real command (issue 23): add, list, show, update, done,
close and reopen, their refusals one line each, and --from taking the report's tickets."""

from __future__ import annotations

import json


def _tickets(cli_floor, n=2, text="物流太慢了，三天还没到"):
    return [
        cli_floor.ok(
            "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", text,
            "--category", "efficiency", "--subtag", "delivery_delay",
        ).strip()
        for _ in range(n)
    ]  # fmt: skip


ADD = ("action", "add", "--title", "第二家快递", "--dept", "logistics", "--owner", "li", "--due", "10")


def test_an_action_from_add_to_done_through_the_command(cli_floor):
    refs = _tickets(cli_floor)
    out = cli_floor.ok(
        *ADD, "--expect", "物流配送占比低于20%", "--category", "efficiency", "--tickets", *refs
    )
    assert out.strip() == "A1: created, open, 2 ticket(s); owner li"
    [row] = json.loads(cli_floor.ok("action", "list", "--json"))
    assert (row["status"], row["owner"], row["tickets"], row["late"]) == ("open", "li", 2, False)
    assert row["expected"] == {"measure": "share", "op": "below", "value": 0.2}
    assert row["due_at"] == "2026-12-04T18:00:00+08:00"  # ten working days, by the day's close
    cli_floor.ok("action", "update", "A1", "--status", "处理中", "--note", "在谈第二家快递", user="li")
    done = cli_floor.ok("action", "done", "1", "--note", "已上线", user="li")
    assert "1 verification call(s) booked" in done  # two tickets, one customer: one call
    shown = json.loads(cli_floor.ok("action", "show", "1", "--json"))
    assert [e["kind"] for e in shown["timeline"]] == ["created", "status", "done"]
    assert shown["timeline"][1]["text"] == "在谈第二家快递"
    assert [c["customer"] for c in shown["verification"]] == ["C001"]
    assert {t["ref"] for t in shown["covered"]} == set(refs)
    text = cli_floor.ok("action", "show", "A1")
    assert "verification calls:" in text and "#1 C001: open" in text
    assert "A1" in cli_floor.ok("action", "list", "--status", "done")
    assert cli_floor.ok("action", "list", "--status", "open").count("A1") == 0


def test_refusals_are_one_line_and_say_how_to_fix(cli_floor):
    refs = _tickets(cli_floor, 1)
    cases = [
        ((*ADD, "--expect", "better", "--category", "efficiency"), "boss", "exactly one number"),
        ((*ADD, "--expect", "share below 20%"), "boss", "which problem it answers"),
        ((*ADD, "--expect", "share below 20%", "--category", "efficiency"), "li", "only a supervisor"),
        ((*ADD, "--expect", "share below 20%", "--category", "nope"), "boss", "nope"),
        ((*ADD, "--expect", "share below 20%", "--phrase", "慢", "--tickets", "T999999"), "boss", "T999999"),
        (("action", "done", "7"), "li", "no improvement action 7"),
        (("action", "show", "seven"), "boss", "e.g. 3 or A3"),
    ]
    for args, user, message in cases:
        done = cli_floor.run(*args, user=user)
        assert done.returncode == 1 and message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
    assert json.loads(cli_floor.ok("action", "list", "--json")) == []
    cli_floor.ok(*ADD, "--expect", "count below 5", "--phrase", "物流太慢", "--tickets", *refs)
    wang = cli_floor.run("action", "update", "1", "--status", "in_progress", user="wang")
    assert wang.returncode == 1 and "only its owner or a supervisor" in wang.stderr
    late_close = cli_floor.run("action", "close", "1", "--note", "不做了", user="li")
    assert late_close.returncode == 1 and "only a supervisor" in late_close.stderr
    cli_floor.ok("action", "close", "1", "--note", "取消：供应商已更换")
    again = cli_floor.run("action", "update", "1", "--note", "x", user="li")
    assert again.returncode == 1 and "is closed" in again.stderr
    cli_floor.ok("action", "reopen", "1", "--note", "供应商没换成")
    assert json.loads(cli_floor.ok("action", "show", "1", "--json"))["status"] == "in_progress"


def test_from_a_week_covers_the_tickets_behind_the_category(cli_floor):
    refs = _tickets(cli_floor, 3)
    week = {"CALLFLOOR_NOW": "2026-11-24T10:00+08:00"}  # the next Tuesday: 2026-W47 is full
    out = cli_floor.ok(
        *ADD, "--expect", "share below 20%", "--category", "服务效率", "--from", "2026-W47", env=week
    )
    assert "3 ticket(s)" in out
    shown = json.loads(cli_floor.ok("action", "show", "1", "--json", env=week))
    assert {t["ref"] for t in shown["covered"]} == set(refs)
