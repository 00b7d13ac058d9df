"""The callfloor command, run as a real process against a real floor (a SQLite file, or a
database on the PostgreSQL test server)."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Floor
from tests.engines import ON_POSTGRES


def test_db_init_makes_the_caller_first_supervisor_and_seeds_the_directory(floor_db):
    floor = Floor(floor_db)
    out = floor.ok("db", "init", user="chen")
    assert "chen is the floor's first supervisor" in out
    assert "5 departments" in out
    people = json.loads(floor.ok("agent", "list", "--json", user="chen"))
    assert people == [
        {"login": "chen", "display_name": "chen", "role": "supervisor", "team": None, "active": True}
    ]
    again = floor.ok("db", "init", user="chen")
    assert "first supervisor" not in again


def test_ticket_add_prints_the_ref_alone(cli_floor):
    out = cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "电话", "--text", "我的货已经延迟5天了!"
    )
    assert out == "T000001\n"
    shown = json.loads(cli_floor.ok("ticket", "show", "T000001", "--json"))
    assert shown["tier"] == "red" and shown["tier_source"] == "keyword:延迟"
    assert shown["response_due_at"] == "2026-11-20T10:15:00+08:00"
    assert shown["solution_due_at"] == "2026-11-20T12:00:00+08:00"
    assert shown["customer"]["phone_masked"] == "138****5678"
    assert "13812345678" not in json.dumps(shown)
    assert [e["kind"] for e in shown["events"]] == ["created"]


def test_db_option_before_or_after_the_subcommand_and_from_the_environment(cli_floor):
    before = cli_floor.run(*cli_floor.db.args(), "ticket", "list", "--json", db=False)
    after = cli_floor.run("ticket", "list", "--json", *cli_floor.db.args(), db=False)
    env = cli_floor.run("ticket", "list", "--json", db=False, env=cli_floor.db.env())
    assert before.returncode == after.returncode == env.returncode == 0
    assert before.stdout == after.stdout == env.stdout == "[]\n"


def test_no_database_given_is_a_usage_error(cli_floor):
    done = cli_floor.run("ticket", "list", db=False)
    assert done.returncode == 2
    assert "CALLFLOOR_DB" in done.stderr


@pytest.mark.sqlite_only("a SQLite file that is not there")
def test_a_missing_database_file_is_refused_not_created(tmp_path):
    floor = Floor(tmp_path / "typo.db")
    done = floor.run("ticket", "list")
    assert done.returncode == 1
    assert "callfloor db init" in done.stderr
    assert not (tmp_path / "typo.db").exists()


def test_unknown_login_is_told_how_a_supervisor_adds_it(cli_floor):
    done = cli_floor.run("ticket", "list", user="stranger")
    assert done.returncode == 1
    assert "callfloor agent add stranger" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_claim_has_one_winner_and_tells_the_loser_who_owns_it(cli_floor):
    ref = cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "invoice question"
    ).strip()
    assert cli_floor.ok("ticket", "claim", ref, user="li").strip() == f"{ref} is yours"
    lost = cli_floor.run("ticket", "claim", ref, user="wang")
    assert lost.returncode == 1
    assert "李娜 (li)" in lost.stderr
    assert "already yours" in cli_floor.ok("ticket", "claim", ref, user="li")


def test_note_status_and_list_through_the_command(cli_floor):
    ref = cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "email", "--text", "建议增加夜间服务"
    ).strip()
    cli_floor.ok("ticket", "claim", ref, user="li")
    cli_floor.ok("ticket", "note", ref, "called the warehouse", user="wang")
    cli_floor.ok("ticket", "contact", ref, "out", "explained the plan", user="li")
    cli_floor.ok("ticket", "status", ref, "resolved", "--note", "night service added", user="li")
    refused = cli_floor.run("ticket", "status", ref, "new", user="li")
    assert refused.returncode == 1 and "back to new" in refused.stderr
    listed = json.loads(cli_floor.ok("ticket", "list", "--json"))
    assert {k: listed[0][k] for k in ("ref", "status", "tier", "owner", "customer_code")} == {
        "ref": ref,
        "status": "resolved",
        "tier": "green",
        "owner": "li",
        "customer_code": "C001",
    }
    assert json.loads(cli_floor.ok("ticket", "list", "--json", "--open")) == []
    kinds = [e["kind"] for e in json.loads(cli_floor.ok("ticket", "show", ref, "--json"))["events"]]
    assert kinds == ["created", "claimed", "note", "contact_out", "resolved"]


def test_bad_input_is_refused_with_one_line_and_exit_1(cli_floor):
    cases = {
        ("--channel", "phone", "--text", ""): "description: is empty",
        ("--channel", "phone", "--text", "   \n "): "description: is empty",
        ("--channel", "fax", "--text", "hello"): "unknown channel 'fax'",
        ("--channel", "social_media", "--text", "hello"): "platform",
        ("--channel", "phone", "--text", "x" * 100_001): "the most is 100,000",
        ("--channel", "phone", "--text", "hi", "--tier", "purple"): "unknown tier 'purple'",
    }
    for args, message in cases.items():
        done = cli_floor.run("ticket", "add", "--customer", "C001", *args)
        assert done.returncode == 1, args
        assert message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
    assert json.loads(cli_floor.ok("ticket", "list", "--json")) == []


def test_usage_errors_exit_2(cli_floor):
    assert cli_floor.run("ticket", "add", "--customer", "C001").returncode == 2
    assert cli_floor.run("ticket", "frobnicate").returncode == 2


def test_customer_text_is_stored_and_returned_exactly_as_typed(cli_floor):
    text = "[bold red]x[/] \x1b[2J 货物破损 😀 " + "长" * 20_000
    ref = cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", text).strip()
    shown = json.loads(cli_floor.ok("ticket", "show", ref, "--json"))
    assert shown["description"] == text
    human = cli_floor.ok("ticket", "show", ref)
    assert "\x1b" not in human  # an escape sequence never reaches the terminal raw
    assert "␛[2J" in human and "[bold red]x[/]" in human


@pytest.mark.sqlite_only("db backup copies the SQLite file")
def test_check_backup_and_check_the_copy(cli_floor, tmp_path):
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损")
    assert cli_floor.ok("db", "check").strip().endswith("ok")
    dest = tmp_path / "copy.db"
    cli_floor.ok("db", "backup", str(dest))
    copy = Floor(dest)
    assert copy.ok("db", "check").strip().endswith("ok")
    assert json.loads(copy.ok("ticket", "list", "--json"))[0]["ref"] == "T000001"
    again = cli_floor.run("db", "backup", str(dest))
    assert again.returncode == 1 and "already exists" in again.stderr


@pytest.mark.sqlite_only("the SQLite file's bytes damaged")
def test_db_check_fails_on_a_damaged_file(cli_floor):
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损")
    data = bytearray(cli_floor.path.read_bytes())
    # Clobber the b-tree page headers of every page after the schema page.
    for page in range(4096, len(data), 4096):
        data[page : page + 12] = b"\x0d\xff\xff\x00\x07\xff\xff\x00\x00\x00\x00\x00"
    cli_floor.path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        cli_floor.path.with_name(cli_floor.path.name + suffix).unlink(missing_ok=True)
    done = cli_floor.run("db", "check")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "damaged" in done.stderr + done.stdout


def test_policy_check_and_load_are_validated(cli_floor, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[sla]\nred = { response = "15 minutes", solution = "2h" }\n', encoding="utf-8")
    done = cli_floor.run("policy", "check", str(bad))
    assert done.returncode == 1 and "sla.red.response" in done.stderr and str(bad) in done.stderr
    good = tmp_path / "good.toml"
    good.write_text('[sla]\nred = { response = "10m", solution = "2h" }\n', encoding="utf-8")
    assert cli_floor.run("policy", "load", str(good), user="li").returncode == 1  # agents may not
    cli_floor.ok("policy", "load", str(good))
    ref = cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "故障").strip()
    assert (
        json.loads(cli_floor.ok("ticket", "show", ref, "--json"))["response_due_at"]
        == "2026-11-20T10:10:00+08:00"
    )


def test_policy_check_needs_no_database(tmp_path):
    good = tmp_path / "policy.toml"
    good.write_text('[sla]\nmode = "business"\n', encoding="utf-8")
    done = Floor(tmp_path / "unused.db").run("policy", "check", str(good), db=False)
    assert done.returncode == 0, done.stderr
    assert "business time" in done.stdout


def test_a_policy_that_would_break_intake_is_refused_or_explained(cli_floor, tmp_path):
    huge = tmp_path / "huge.toml"
    huge.write_text(
        '[sla]\nred = { response = "99999999999999999999d", solution = "2h" }\n', encoding="utf-8"
    )
    done = cli_floor.run("policy", "check", str(huge), db=False)
    assert done.returncode == 1 and "sla.red.response" in done.stderr and "Traceback" not in done.stderr
    no_days = tmp_path / "nodays.toml"
    no_days.write_text('[calendar]\nworkdays = []\nextra_workdays = ["2026-01-03"]\n', encoding="utf-8")
    assert "calendar.workdays" in cli_floor.run("policy", "check", str(no_days), db=False).stderr
    forever = tmp_path / "forever.toml"
    forever.write_text(
        '[calendar]\nholidays = ["2026-01-01..2099-12-31"]\n[sla]\nmode = "business"\n', encoding="utf-8"
    )
    done = cli_floor.run("policy", "load", str(forever))  # refused up front: no working time for a year
    assert done.returncode == 1 and "calendar" in done.stderr and "Traceback" not in done.stderr
    cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "故障")


def test_an_unusable_database_url_is_a_message(tmp_path):
    done = Floor(tmp_path / "x.db").run("--db-url", "bogus://nowhere/x", "ticket", "list", db=False)
    assert done.returncode == 1 and "bogus://" in done.stderr and "Traceback" not in done.stderr


def test_demo_never_replaces_a_floor_that_is_set_up_but_has_no_tickets_yet(cli_floor):
    refused = cli_floor.run("demo", "--tickets", "10", "--no-ui")
    # demo builds SQLite files only: a database server's floor is never its to build
    said = "never touches a database server" if ON_POSTGRES else "real floor"
    assert refused.returncode == 1 and said in refused.stderr
    assert "li" in cli_floor.ok("agent", "list")


def test_policy_show_prints_the_policy_in_force_that_check_and_load_take_back(cli_floor, tmp_path):
    shown = cli_floor.ok("policy", "show")
    assert "the built-in defaults" in shown and 'mode = "business"' in shown
    edited = tmp_path / "edited.toml"
    edited.write_text(shown.replace('red = { response = "15m"', 'red = { response = "10m"'), encoding="utf-8")
    assert "ok" in cli_floor.ok("policy", "check", str(edited))
    cli_floor.ok("policy", "load", str(edited))
    again = cli_floor.ok("policy", "show")
    assert "loaded by boss" in again and 'red = { response = "10m", solution = "2h" }' in again
    assert cli_floor.ok("policy", "show", "--as-loaded") == edited.read_text(encoding="utf-8")


def test_ticket_show_tells_the_clock_and_its_pauses_in_words(cli_floor):
    ref = cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "发票抬头有误"
    ).split()[0]
    cli_floor.ok("ticket", "claim", ref, user="li")
    done = cli_floor.run("ticket", "status", ref, "waiting", user="li")
    assert done.returncode == 1 and "--note" in done.stderr and "Traceback" not in done.stderr
    cli_floor.ok("ticket", "status", ref, "waiting", "--note", "请客户提供开票信息", user="li")
    shown = cli_floor.ok("ticket", "show", ref)
    assert "solution clock paused since" in shown
    assert "asked the customer: 请客户提供开票信息" in shown
    assert "the solution clock waits for the customer" in shown


def test_ticket_list_open_is_the_queues_triage_order(cli_floor, tmp_path):
    """At 10:00 (the suite's clock): a red ticket taken in now has 15 minutes to its first
    response (at risk), one taken in at 09:00 is 45 minutes past it (overdue), a green one an
    hour away is the rest (the window is [10:00, 11:00)); the overdue one is not first."""

    def add(text: str, at: str) -> str:
        done = cli_floor.run(
            "ticket",
            "add",
            "--customer",
            "C001",
            "--channel",
            "phone",
            "--text",
            text,
            env={"CALLFLOOR_NOW": at},
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[0]

    late = add("货物破损", "2026-11-20T09:00+08:00")  # red: first response due 09:15
    green = add("建议增加夜间服务", "2026-11-20T10:00+08:00")  # green: due 11:00, past the window
    fresh = add("漏发一件", "2026-11-20T09:58+08:00")  # red: due 10:13, at risk
    listed = [line.split()[0] for line in cli_floor.ok("ticket", "list", "--open").splitlines()[1:]]
    assert listed == [fresh, late, green]
    lines = cli_floor.ok("ticket", "list", "--open")
    assert "at risk" in lines and "overdue" in lines and "rest" in lines


def test_resolving_with_a_handoff_under_way_needs_withdraw_or_keep(cli_floor):
    ref = cli_floor.ok("ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "漏发").split()[
        0
    ]
    cli_floor.ok("ticket", "claim", ref, user="li")
    cli_floor.ok(
        "handoff", "add", ref, "--dept", "warehouse", "--need", "核实库存", "--due", "+2h", user="li"
    )
    done = cli_floor.run("ticket", "status", ref, "resolved", "--note", "已补发", user="li")
    assert done.returncode == 1 and "--handoffs withdraw" in done.stderr and "Traceback" not in done.stderr
    assert "in_progress" in cli_floor.ok("ticket", "show", ref)
    cli_floor.ok("ticket", "status", ref, "resolved", "--note", "已补发", "--handoffs", "withdraw", user="li")
    assert "#1 withdrawn" in cli_floor.ok("ticket", "show", ref)
    assert "withdrawn" in cli_floor.ok("handoff", "list", "--all")
