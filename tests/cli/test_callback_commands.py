"""Callbacks, customer callback preferences and improvements through the real command.

The floors are built in-process (tests/conftest.py: boss, li, wang, customer C001, the clock at
Friday 2026-11-20 10:00 Shanghai); only the command under test runs as a separate process, with
CALLFLOOR_NOW freezing its clock at the same moment unless a test moves it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from datetime import date

import pytest

from core.callbacks.calls import finish_call, list_callbacks
from core.importing import import_tickets
from core.tickets.lifecycle import claim, set_status
from db.models import Customer, TimelineEvent
from tests.callback_calls import answer_every_question
from tests.cli.conftest import CALLFLOOR, NOW, Floor
from tests.engines import FloorDb, query

LIST_FIELDS = {
    "id",
    "group",
    "customer_code",
    "ticket_ref",
    "due_from",
    "due_by",
    "call_after",
    "priority",
    "status",
    "owner",
    "attempts",
    "overall",
    "efficiency",
    "solving",
    "attitude",
    "warm",
    "held_by",
    "section",
    "purposes",
}


def _env(user: str, now: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER=user, CALLFLOOR_NOW=now)
    return env


def run_at(where: FloorDb, now: str, *args: str, user: str = "boss"):
    """The command with its clock frozen at ``now`` (an ISO time with offset)."""
    return subprocess.run(
        [CALLFLOOR, *args, *where.args()],
        env=_env(user, now),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def cli(floor_db, floor) -> Floor:
    """The in-process floor of tests/conftest.py, driven through the command."""
    return Floor(floor_db)


@pytest.fixture
def resolved(floor, as_li, new_ticket):
    """A ticket li resolved at the clock's start (Friday 10:00)."""
    ref = new_ticket(description="发票抬头开错了")
    claim(as_li, ref)
    set_status(as_li, ref, "resolved", "重开发票")
    return ref


def test_schedule_prints_each_new_callback_then_nothing_new(cli, resolved):
    out = cli.ok("callbacks", "schedule")
    header, line, total = out.splitlines()
    assert header.split() == ["#", "group", "customer", "ticket", "due", "(floor", "time)"]
    assert line.split() == [
        "1",
        "resolved",
        "C001",
        resolved,
        "2026-11-20",
        "10:00",
        "..",
        "2026-11-23",
        "12:00",
    ]
    assert total == "1 callback scheduled"
    assert cli.ok("callbacks", "schedule") == "nothing new to schedule\n"
    assert cli.ok("callbacks", "schedule", "--json") == "[]\n"


def test_schedule_json_with_a_frozen_clock(cli, resolved):
    [made] = json.loads(cli.ok("callbacks", "schedule", "--json"))
    assert made == {
        "id": 1,
        "key": f"resolved:{resolved}:0",
        "group": "resolved",
        "customer_code": "C001",
        "ticket_ref": resolved,
        "due_from": "2026-11-20T10:00:00+08:00",
        "due_by": "2026-11-23T12:00:00+08:00",
        "reason": f"{resolved} resolved 2026-11-20 10:00",
        "joined": None,
    }


def test_list_json_fields_due_group_and_all(cli, floor, as_li, resolved, new_ticket):
    complaint = new_ticket(description="我要投诉你们的送货员")
    claim(as_li, complaint)
    set_status(as_li, complaint, "resolved", "已道歉")
    cli.ok("callbacks", "schedule")
    listed = json.loads(cli.ok("callbacks", "list", "--json"))
    assert all(set(row) == LIST_FIELDS for row in listed)
    # Both upcoming on Friday (each window closes on a later day), by deadline: Monday's first.
    assert [(c["group"], c["ticket_ref"], c["due_by"], c["section"]) for c in listed] == [
        ("resolved", resolved, "2026-11-23T12:00:00+08:00", "upcoming"),
        ("complaint", complaint, "2026-11-25T18:00:00+08:00", "upcoming"),  # Tue..Wed
    ]
    first = listed[0]
    assert (
        first["status"],
        first["priority"],
        first["owner"],
        first["attempts"],
        first["overall"],
        first["warm"],
    ) == ("open", "normal", None, 0, None, None)
    assert json.loads(cli.ok("callbacks", "list", "--json", "--due")) == []  # nothing closes today
    monday = run_at(cli.db, "2026-11-23T09:30+08:00", "callbacks", "list", "--due")
    assert [line.split()[1:3] for line in monday.stdout.splitlines()[1:]] == [["today", "resolved"]]
    assert [
        c["group"] for c in json.loads(cli.ok("callbacks", "list", "--json", "--group", "complaint"))
    ] == ["complaint"]
    # Wednesday: the resolved callback is overdue, the complaint's is today's: both are due.
    later = run_at(cli.db, "2026-11-25T09:30+08:00", "callbacks", "list", "--due")
    assert later.returncode == 0
    whens = {line.split()[1]: line for line in later.stdout.splitlines()[1:]}
    assert set(whens) == {"overdue", "today"}
    # A done callback leaves the open list and shows with --all.
    answer_every_question(as_li, first["id"], overall="5", score="5", text="很好")
    finish_call(as_li, first["id"])
    assert [c["id"] for c in json.loads(cli.ok("callbacks", "list", "--json"))] == [listed[1]["id"]]
    done = next(
        c for c in json.loads(cli.ok("callbacks", "list", "--json", "--all")) if c["id"] == first["id"]
    )
    assert (done["status"], done["owner"], done["overall"], done["warm"]) == ("done", "li", 5, True)


def test_list_text_masks_phones(cli, resolved):
    cli.ok("callbacks", "schedule")
    out = cli.ok("callbacks", "list")
    assert "138****5678" in out and "13812345678" not in out
    header, row = out.splitlines()
    assert header.split() == ["#", "!", "when", "group", "customer", "phone", "ticket", "due", "by", "owner"]
    # Resolved Friday 10:00, due Monday: upcoming on Friday (today means the window closes today).
    assert row.split()[:3] == ["1", "upcoming", "resolved"] and resolved in row and "11-23 12:00" in row


def test_list_refusals_and_an_empty_list(cli):
    assert "no callbacks open" in cli.ok("callbacks", "list")
    assert cli.ok("callbacks", "list", "--json") == "[]\n"
    bad = cli.run("callbacks", "list", "--group", "vip")
    assert bad.returncode == 1 and "unknown group 'vip'" in bad.stderr and "resolved" in bad.stderr


def test_customer_set_and_add_take_the_callback_preferences(cli, floor):
    out = cli.ok(
        "customer",
        "set",
        "C001",
        "--call-time",
        "14:00-17:00",
        "--churn-risk",
        "yes",
        "--delivery",
        "2026-11-19",
        user="li",
    )
    assert out == "C001: call time 14:00-17:00, churn risk yes, delivery 2026-11-19\n"
    c001 = Customer.get(Customer.code == "C001")
    assert (c001.preferred_call_time, c001.churn_risk, c001.delivery_date) == (
        "14:00-17:00",
        True,
        date(2026, 11, 19),
    )
    assert (
        cli.ok("customer", "set", "C001", "--call-time", "", "--delivery", "")
        == "C001: call time cleared, delivery cleared\n"
    )
    c001 = Customer.get(Customer.code == "C001")
    assert (c001.preferred_call_time, c001.churn_risk, c001.delivery_date) == (None, True, None)

    cli.ok(
        "customer",
        "add",
        "N1",
        "--name",
        "新客户甲",
        "--delivery",
        "2026-11-19",
        "--call-time",
        "15:00-16:00",
        "--churn-risk",
        "no",
    )
    n1 = Customer.get(Customer.code == "N1")
    assert (n1.type, n1.delivery_date, n1.preferred_call_time, n1.churn_risk) == (
        "new",
        date(2026, 11, 19),
        "15:00-16:00",
        False,
    )
    made = {c["group"]: c for c in json.loads(cli.ok("callbacks", "schedule", "--json"))}
    assert made["new_customer"]["customer_code"] == "N1"
    assert made["new_customer"]["due_from"] == "2026-11-24T15:00:00+08:00"  # 3 working days, in the slot
    assert made["churn_risk"]["customer_code"] == "C001"


@pytest.mark.parametrize(
    "args, says",
    [
        (("--call-time", "afternoon"), "'afternoon' is not a time span"),
        (("--call-time", "17:00-14:00"), "is not a time span"),
        (("--churn-risk", "maybe"), "'maybe' is not yes or no"),
        (("--delivery", "2026-02-30"), "'2026-02-30' is not a real date"),
        (("--churn-risk", "yes", "--delivery", "19/11/2026"), "write it as YYYY-MM-DD"),
        (("--churn-risk", "yes", "--call-time", "2pm"), "'2pm' is not a time span"),
        ((), "nothing to change"),
    ],
)
def test_customer_set_refuses_bad_values_and_changes_nothing(cli, args, says):
    done = cli.run("customer", "set", "C001", *args)
    assert done.returncode == 1, done.stdout
    assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1
    c001 = Customer.get(Customer.code == "C001")
    assert (c001.preferred_call_time, c001.churn_risk, c001.delivery_date) == (None, False, None)


def test_customer_set_unknown_customer_and_add_with_a_bad_value(cli):
    missing = cli.run("customer", "set", "C404", "--churn-risk", "yes")
    assert missing.returncode == 1 and "no customer with code 'C404'" in missing.stderr
    bad = cli.run("customer", "add", "N2", "--name", "乙", "--delivery", "tomorrow")
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr
    assert Customer.get_or_none(Customer.code == "N2") is None


def test_ticket_improved_books_the_verification_callback(cli, resolved):
    refused = cli.run("ticket", "improved", resolved, "发票系统自动校验抬头", user="wang")
    assert refused.returncode == 1 and "owned by 李娜 (li)" in refused.stderr
    empty = cli.run("ticket", "improved", resolved, "  ", user="li")
    assert empty.returncode == 1 and "improvement: is empty" in empty.stderr
    assert TimelineEvent.select().where(TimelineEvent.kind == "improvement").count() == 0
    out = cli.ok(
        "ticket", "improved", resolved.lower().replace("t00000", "t"), "发票系统自动校验抬头", user="li"
    )
    assert out.startswith(f"{resolved}: improvement recorded")
    made = {c["group"]: c for c in json.loads(cli.ok("callbacks", "schedule", "--json"))}
    verify = made["improvement_verify"]
    # It joins the ticket's open resolved callback (one call, not five), due by its deadline.
    assert verify["ticket_ref"] == resolved and verify["joined"] == made["resolved"]["id"]
    assert verify["due_by"] == made["resolved"]["due_by"] == "2026-11-23T12:00:00+08:00"
    assert "发票系统自动校验抬头" in verify["reason"]


# ------------------------------------------------------------- idempotence across processes

_WAIT_THEN_RUN = """
import os, sys, time
open(sys.argv[1] + ".ready." + str(os.getpid()), "w").close()
while not os.path.exists(sys.argv[1]):
    time.sleep(0.001)
os.execv(sys.argv[2], sys.argv[2:])
"""


def _resolved_history(tmp_path, count: int):
    lines = [
        "ref,received_at,channel,customer_code,customer_name,description,owner,first_response_at,resolved_at"
    ]
    for n in range(1, count + 1):
        code = f"K{n % 7:03d}"
        lines.append(
            f"H-{n},2026-11-18 09:{n % 60:02d},phone,{code},客户{code},咨询发票 {n},li,"
            f"2026-11-18 10:00,2026-11-19 {9 + n % 8:02d}:30"
        )
    path = tmp_path / "resolved.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("processes", [4])
def test_schedulers_started_at_once_never_duplicate(tmp_path, floor, floor_db, processes):
    summary = import_tickets(floor, _resolved_history(tmp_path, 50))
    assert summary.created == 50
    go = tmp_path / "go"
    argv = [
        sys.executable,
        "-c",
        _WAIT_THEN_RUN,
        str(go),
        CALLFLOOR,
        "callbacks",
        "schedule",
        "--json",
        *floor_db.args(),
    ]
    running = [
        subprocess.Popen(
            argv, env=_env("boss", NOW), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("go.ready.*"))) < processes and time.monotonic() < deadline:
        time.sleep(0.01)
    go.touch()  # every process is waiting: let them all go at once
    outputs = [p.communicate(timeout=120) for p in running]
    for p, (_, err) in zip(running, outputs, strict=True):
        assert p.returncode == 0, err
    reported = [json.loads(out) for out, _ in outputs]
    union = {(c["id"], c["key"]) for made in reported for c in made}
    assert sum(len(made) for made in reported) == len(union)  # each callback reported by exactly one
    # A customer's second resolution joins its open routine call as a purpose (one call, not five).
    both = "SELECT id, key FROM callback UNION ALL SELECT callback_id, key FROM callback_purpose"
    in_db = set(query(floor_db, both))
    duplicates = query(
        floor_db,
        "SELECT key, COUNT(*) FROM (SELECT key FROM callback UNION ALL SELECT key FROM callback_purpose) k "
        "GROUP BY key HAVING COUNT(*) > 1",
    )
    calls = query(floor_db, "SELECT COUNT(*) FROM callback")[0][0]
    assert duplicates == []
    assert union == in_db
    assert {key for _, key in in_db} == {f"resolved:H-{n}:0" for n in range(1, 51)}
    assert calls == 7  # seven customers, one open routine call each
    again = run_at(floor_db, NOW, "callbacks", "schedule")
    assert again.stdout == "nothing new to schedule\n"


def test_due_says_nothing_is_due_when_open_ones_wait_and_held_rows_say_so(cli, floor, as_li, resolved):
    cli.ok("callbacks", "schedule")  # due Monday: nothing is due on Friday
    assert cli.ok("callbacks", "list", "--due") == (
        "nothing due now; 1 open callback is upcoming: see callfloor callbacks list\n"
    )
    [task] = list_callbacks(floor)
    answer_every_question(as_li, task.id, overall="1", score="3", yes_no="no", text="慢")
    follow_up = finish_call(as_li, task.id).follow_up_id
    set_status(as_li, resolved, "resolved", "已补偿")
    cli.ok("callbacks", "schedule")
    rows = {line.split()[0]: line for line in cli.ok("callbacks", "list").splitlines()[1:]}
    held = next(line for number, line in rows.items() if number != str(follow_up))
    assert f"held #{follow_up}" in held
