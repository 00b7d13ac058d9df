"""callfloor report and callfloor export, on a week built with the import commands.

The floor is made with the real command (tests/cli/conftest.py: boss, li, wang, customer C001
华东贸易有限公司 13812345678); the week's history comes in through `callfloor import
customers / tickets / callbacks`; the report is asked for on Tuesday 2026-11-24 09:00
Shanghai, so 2026-W47 (Mon 11-16 .. Sun 11-22) is the last full week. Worked out by hand
(floor time; targets: red 15 min, yellow 30 min, green 1 h):

    ref  received         channel        cust  category  tier    owner  answered          then
    K0   Sun 11-15 23:59  phone          C001  other     yellow  li     11-16 00:30       resolved (W46: out)
    K1   Mon 11-16 09:00  phone          C001  billing   yellow  li     09:10  in target  resolved, 1 contact
    K2   Mon 11-16 10:00  online_ticket  C002  quality   red     wang   10:30  late       closed, reopened,
                                                                                          2 contacts
    K3   Wed 11-18 14:00  email          C003  howto     green   li     15:30  late, 90'  in progress
    K4   Thu 11-19 09:00  online_chat    C001  process   green   -      never: 7200' so far (to Tue 09:00)
    K5   Sun 11-22 23:50  phone          C002  billing   yellow  wang   11-23 00:05 in target  resolved
    K6   Mon 11-23 08:00  phone          C003  other     yellow  -      (W48: out)

    received 5; resolved K1, K2, K5: 3/5 = 0.6; first contact K1, K5 (K2 reopened): 2/3
    in target K1, K5 of all 5 (K4's target passed): 0.4; over an hour K3, K4: 0.4; longest 7200

    solution due (business time, Mon-Fri 09:00-18:00; red 2 h, yellow 4 h, green 24 h), as of
    Tue 11-24 09:00, no pauses: K1 Mon 13:00, resolved 11:00: in target; K2 Mon 12:00,
    resolved 15:00: late; K3 Mon 11-23 11:00 (Wed 4 h + Thu 9 + Fri 9 + Mon 2), open: past
    due, late; K4 Mon 11-23 15:00, open: past due, late; K5 Mon 11-23 13:00 (the clock starts
    Mon 09:00), resolved 10:00: in target. Solved in target K1, K5 of 5: 0.4; li K1 of K1, K3:
    0.5; wang K5 of K2, K5: 0.5

Callbacks (import callbacks): CB1 K1 li 11-17 overall 5 warm yes; CB2 K2 wang 11-18 overall 2
warm no, follow-up already done (so K2 is not reopened); CB3 C003 survey 11-20 overall 4, no
agent; CB0 C001 li 11-13 (W46, no ticket) overall 3. So W47: 3 done, (5 + 2 + 4) / 3 = 3.67, last week 3.0,
change +0.67, one low score, warmth 1 of 2 answered.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess

import openpyxl
import pytest

from core.report.book import SUMMARY_TABLE_ROW
from tests.cli import conftest as cli_conftest
from tests.unit import test_report_month

MONDAY_AFTER = "2026-11-24T09:00+08:00"
FORMULA = '=HYPERLINK("http://evil.example","点我")'
SHEETS = [
    "Summary",
    "Channels",
    "Categories",
    "Response",
    "Handoffs",
    "Agents",
    "Callbacks",
    "Tickets",
    "Suggestions",
    "Phrases",
    "Improvements",
]
ZERO = {"total": 0, "on_time": 0, "late": 0, "stuck": 0}
EXPECTED = {
    "week": "2026-W47",
    "from": "2026-11-16T00:00:00+08:00",
    "to": "2026-11-23T00:00:00+08:00",
    "as_of": "2026-11-24T09:00:00+08:00",
    "received": 5,
    "by_channel": {
        "phone": 2,
        "online_ticket": 1,
        "online_chat": 1,
        "email": 1,
        "face_to_face": 0,
        "social_media": 0,
    },
    "resolution_rate": 0.6,
    "fcr_rate": 0.6667,
    "first_response_in_target_rate": 0.4,
    "solution_in_target_rate": 0.4,
    "waited_over_1h_rate": 0.4,
    "longest_wait_minutes": 7200,
    "satisfaction_avg": 3.67,
    "satisfaction_prev": 3.0,
    "satisfaction_change": 0.67,
    # billing 2; then howto, process, quality 1 each: ties by id
    "top_categories": [
        {"category": "billing", "count": 2, "share": 0.4},
        {"category": "howto", "count": 1, "share": 0.2},
        {"category": "process", "count": 1, "share": 0.2},
    ],
    "handoffs": {name: ZERO for name in ("logistics", "production", "rnd", "tech", "warehouse")},
    "callbacks_done": 3,
    "low_scores": 1,
    "warmth_rate": 0.5,
    "agents": [
        # li: K1 (in target, resolved, first contact), K3 (late, open); CB1: 5, warm
        {
            "login": "li",
            "tickets_owned": 2,
            "first_response_in_target_rate": 0.5,
            "solution_in_target_rate": 0.5,
            "resolved": 1,
            "fcr_rate": 1.0,
            "callbacks_done": 1,
            "satisfaction_avg": 5.0,
            "warmth_rate": 1.0,
        },
        # wang: K2 (late, closed but reopened once), K5 (in target, resolved); CB2: 2, not warm
        {
            "login": "wang",
            "tickets_owned": 2,
            "first_response_in_target_rate": 0.5,
            "solution_in_target_rate": 0.5,
            "resolved": 2,
            "fcr_rate": 0.5,
            "callbacks_done": 1,
            "satisfaction_avg": 2.0,
            "warmth_rate": 0.0,
        },
    ],
}
SCALARS = (
    "received",
    "resolution_rate",
    "fcr_rate",
    "first_response_in_target_rate",
    "solution_in_target_rate",
    "waited_over_1h_rate",
    "longest_wait_minutes",
    "satisfaction_avg",
    "callbacks_done",
    "low_scores",
    "warmth_rate",
)


def write_csv(folder, name, rows):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = folder / name
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return str(path)


@pytest.fixture
def week(cli_floor, tmp_path, monkeypatch):
    """cli_floor with the week above imported; every later command runs on Tuesday 11-24."""
    monkeypatch.setattr(cli_conftest, "NOW", MONDAY_AFTER)
    cli_floor.ok(
        "import",
        "customers",
        write_csv(
            tmp_path,
            "customers.csv",
            [
                ["code", "name", "phone", "type"],
                ["C002", "乙公司", "13900001111", "old"],
                ["C003", "Delta Ltd", "+86 137-0000-2222", "vip"],
            ],
        ),
    )
    cli_floor.ok(
        "import",
        "tickets",
        write_csv(
            tmp_path,
            "tickets.csv",
            [
                [
                    "ref",
                    "received_at",
                    "channel",
                    "customer_code",
                    "description",
                    "category",
                    "tier",
                    "owner",
                    "first_response_at",
                    "resolved_at",
                    "closed_at",
                    "reopened",
                    "customer_contacts",
                ],
                [
                    "K0",
                    "2026-11-15 23:59",
                    "phone",
                    "C001",
                    "上周的工单",
                    "other",
                    "yellow",
                    "li",
                    "2026-11-16 00:30",
                    "2026-11-16 02:00",
                    "",
                    "",
                    "",
                ],
                [
                    "K1",
                    "2026-11-16 09:00",
                    "phone",
                    "C001",
                    "发票抬头开错了",
                    "billing",
                    "yellow",
                    "li",
                    "2026-11-16 09:10",
                    "2026-11-16 11:00",
                    "",
                    "",
                    "1",
                ],
                [
                    "K2",
                    "2026-11-16 10:00",
                    "online_ticket",
                    "C002",
                    "订单SO20261116 漏发两件, 联系 13900001111",
                    "quality",
                    "red",
                    "wang",
                    "2026-11-16 10:30",
                    "2026-11-16 15:00",
                    "2026-11-17 09:00",
                    "是",
                    "2",
                ],
                [
                    "K3",
                    "2026-11-18 14:00",
                    "email",
                    "C003",
                    FORMULA,
                    "howto",
                    "green",
                    "li",
                    "2026-11-18 15:30",
                    "",
                    "",
                    "",
                    "",
                ],
                [
                    "K4",
                    "2026-11-19 09:00",
                    "online_chat",
                    "C001",
                    "客户建议增加夜间服务",
                    "process",
                    "green",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
                [
                    "K5",
                    "2026-11-22 23:50",
                    "phone",
                    "C002",
                    "咨询开票流程",
                    "billing",
                    "yellow",
                    "wang",
                    "2026-11-23 00:05",
                    "2026-11-23 10:00",
                    "",
                    "",
                    "0",
                ],
                [
                    "K6",
                    "2026-11-23 08:00",
                    "phone",
                    "C003",
                    "下周的工单",
                    "other",
                    "yellow",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ],
            ],
        ),
    )
    cli_floor.ok(
        "import",
        "callbacks",
        write_csv(
            tmp_path,
            "callbacks.csv",
            [
                [
                    "customer_code",
                    "ticket_ref",
                    "done_at",
                    "method",
                    "agent",
                    "overall",
                    "warm",
                    "feedback",
                    "suggestion",
                    "follow_up_status",
                ],
                ["C001", "", "2026-11-13 10:00", "电话", "li", "3", "", "", "", ""],
                ["C001", "K1", "2026-11-17 10:00", "电话", "li", "5", "是", "很满意", "", ""],
                [
                    "C002",
                    "K2",
                    "2026-11-18 16:00",
                    "电话",
                    "wang",
                    "2",
                    "否",
                    "漏发处理太慢, 订单SO20261116",
                    "加快补发",
                    "已跟进",
                ],
                ["C003", "", "2026-11-20 11:00", "问卷", "", "4", "", "请回电 +86 137-0000-2222", "", ""],
            ],
        ),
    )
    return cli_floor


def export(floor, tmp_path, *args, user="boss", name="report.xlsx"):
    path = tmp_path / name
    done = floor.run("export", "-o", str(path), *args, user=user)
    return done, path


NO_ACTIONS = {
    "opened": 0,
    "due": 0,
    "late": 0,
    "done": 0,
    "closed": 0,
    "actions": [],
    "closed_results": [],
}
"""The week's improvement actions (issue 23): none on this floor (tests/cli/test_action_commands.py)."""

PHRASES_W47 = [
    # K3's description is a formula: its words are words, never a formula
    ("hyperlink", ["K3"]),
    ("example", ["K3"]),
    ("evil", ["K3"]),
    ("http", ["K3"]),
    ("加快补发", ["K2"]),  # K2's callback's suggestion
    ("发票抬头", ["K1"]),
    ("咨询开票", ["K5"]),
    ("增加夜间", ["K4"]),
    ("处理太慢", ["K2"]),  # K2's callback's feedback
    ("夜间服务", ["K4"]),
    ("建议增加", ["K4"]),
    ("开票流程", ["K5"]),
    ("抬头开错", ["K1"]),
    ("漏发处理", ["K2"]),
    ("订单漏发", ["K2"]),  # the order number SO20261116 between them is no phrase
    ("很满意", ["K1"]),
    ("回电", ["K3"]),  # C003's survey, about no ticket: under C003's latest ticket, K3
]  # 客户 and 联系 are the floor's filler (core.report.phrase_words), no phrase alone or in a pair
"""What customers said in W47: every phrase once (K2 says 漏发 in its description and its
callback: one ticket, once), the most said first, then the longer, then by text."""


def test_report_json_is_the_week_worked_out_by_hand(week):
    said = json.loads(week.ok("report", "--week", "2026-W47", "--json"))
    assert said.pop("phrases") == [
        {"text": text, "count": 1, "examples": examples} for text, examples in PHRASES_W47
    ]
    assert said.pop("improvements") == NO_ACTIONS
    assert said == EXPECTED
    default = json.loads(week.ok("report", "--json"))  # the last full week by default
    assert default.pop("phrases") and default.pop("improvements") == NO_ACTIONS and default == EXPECTED
    text = week.ok("report", "--week", "2026-W47")
    assert text.startswith(
        "weekly report 2026-W47: 2026-11-16 00:00 to 2026-11-23 00:00 floor time, as of 2026-11-24 09:00\n"
    )
    assert "resolution rate           60.00%\n" in text
    assert "satisfaction              3.67  (last week 3.00, +0.67)\n" in text
    assert "top categories            billing 2 (40.00%), howto 1 (20.00%), process 1 (20.00%)\n" in text


def test_the_workbook_shows_the_same_figures(week, tmp_path):
    done, path = export(week, tmp_path, "--week", "2026-W47")
    assert done.returncode == 0, done.stderr
    assert (
        done.stdout
        == f"{path}: weekly report 2026-W47, 5 tickets, phones masked ({done.stdout.split('(')[-1]}"
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == SHEETS
    summary = {
        r[4]: r[1:4]
        for r in book["Summary"].iter_rows(min_row=SUMMARY_TABLE_ROW + 2, values_only=True)
        if r[4]
    }
    assert {key: summary[key][0] for key in SCALARS} == {key: EXPECTED[key] for key in SCALARS}
    assert summary["satisfaction_avg"] == (3.67, 3.0, 0.67)
    channels = {r[0]: r[1] for r in book["Channels"].iter_rows(min_row=2, values_only=True)}
    assert channels == {
        "Phone": 2,
        "Online ticket": 1,
        "Online chat": 1,
        "Email": 1,
        "Face to face": 0,
        "Social media": 0,
        "Total": 5,
    }
    top = [r[:4] for r in book["Categories"].iter_rows(min_row=2, values_only=True) if r[3]]
    assert top == [("Billing", 2, 0.4, "★ 1"), ("How-to question", 1, 0.2, "★ 2"), ("Process", 1, 0.2, "★ 3")]
    handoffs = [r for r in book["Handoffs"].iter_rows(min_row=2, values_only=True)]
    assert handoffs[-1] == ("Total", 0, 0, 0, 0) and len(handoffs) == 6
    agents = [r for r in book["Agents"].iter_rows(min_row=2, values_only=True)]
    assert agents == [
        tuple(
            [a["login"], name]
            + [
                a[k]
                for k in (
                    "tickets_owned",
                    "first_response_in_target_rate",
                    "solution_in_target_rate",
                    "resolved",
                    "fcr_rate",
                    "callbacks_done",
                    "satisfaction_avg",
                    "warmth_rate",
                )
            ]
        )
        for a, name in zip(EXPECTED["agents"], ("李娜", "王伟"), strict=True)
    ]
    response = {r[0]: r[1:] for r in book["Response"].iter_rows(min_row=2, values_only=True)}
    assert response["Total"] == (5, 5, 2, 0.4, 2, 0.4, 7200)


def test_the_tickets_sheet_masks_and_keeps_formulas_as_text(week, tmp_path):
    _, path = export(week, tmp_path, "--week", "2026-W47")
    ws = openpyxl.load_workbook(path)["Tickets"]
    assert ws.tables["Tickets"].ref == "A1:R6" and ws.freeze_panes == "B2"
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert list(rows) == ["K1", "K2", "K3", "K4", "K5"]
    k2, k3 = rows["K2"], rows["K3"]
    assert k2[10].value == "139****1111"
    assert k2[17].value == "订单SO2****116 漏发两件, 联系 139****1111"
    assert (k3[17].value, k3[17].data_type) == (FORMULA, "s")
    assert k3[1].is_date and k3[1].value.isoformat() == "2026-11-18T14:00:00"
    callbacks = openpyxl.load_workbook(path)["Callbacks"]
    made = [tuple(c.value for c in r) for r in callbacks.iter_rows(min_row=2)]
    assert [(r[6], r[8], r[13]) for r in made] == [("li", 5, None), ("wang", 2, "Done"), (None, 4, None)]
    assert made[2][14] == "请回电 137****2222"


def test_a_supervisor_may_ask_for_the_clear_export(week, tmp_path):
    done, asked = export(week, tmp_path, "--week", "2026-W47", "--clear")
    path = tmp_path / "report-CLEAR.xlsx"  # a clear file says so in its name
    assert done.returncode == 0 and "CLEAR phone and order numbers" in done.stdout
    assert done.stdout.startswith(f"{path}: weekly report 2026-W47") and not asked.exists()
    rows = {r[0]: r for r in openpyxl.load_workbook(path)["Tickets"].iter_rows(min_row=2, values_only=True)}
    assert rows["K2"][10] == "13900001111" and rows["K2"][17] == "订单SO20261116 漏发两件, 联系 13900001111"


def exports_of(floor, home) -> object:
    """The floor's exports folder by default: beside the floor file (on PostgreSQL ~/callfloor/exports)."""
    return floor.path.parent / "exports" if floor.path is not None else home / "callfloor" / "exports"


def test_the_default_file_is_named_after_the_week_in_the_exports_folder(week, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [cli_conftest.CALLFLOOR, "export", *week.db.args()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=dict(env, CALLFLOOR_USER="boss", CALLFLOOR_NOW=MONDAY_AFTER, HOME=str(home)),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    written = exports_of(week, home) / "callfloor-2026-W47.xlsx"
    assert written.exists() and not (tmp_path / "callfloor-report-2026-W47.xlsx").exists()
    assert done.stdout.startswith(f"{written}: weekly report 2026-W47, 5 tickets")


@pytest.mark.parametrize(
    "args, user, message",
    [
        (
            ("--week", "2026-W49"),
            "boss",
            "callfloor: week: 2026-W49 has not begun yet (it starts 2026-11-30 00:00 floor "
            "time); give this week, 2026-W48 (figures as of now), or an earlier one; the "
            "last full week is 2026-W47\n",
        ),
        (
            ("--week", "last week"),
            "boss",
            "callfloor: week: 'last week' is not an ISO week; write it like 2026-W47 (the "
            "ISO year, W, the week number)\n",
        ),
        (
            ("--clear",),
            "li",
            "callfloor: only a supervisor may export the clear report (full phone and order numbers); "
            "li is an agent: export without clear for the masked report\n",
        ),
    ],
)
def test_refusals_are_one_line_and_leave_no_file(week, tmp_path, args, user, message):
    done, path = export(week, tmp_path, *args, user=user)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", message)
    assert not path.exists() and not list(tmp_path.glob(".callfloor-export-*"))


def test_the_report_command_refuses_a_future_week_too(week):
    done = week.run("report", "--week", "2026-W49", "--json")
    assert done.returncode == 1 and done.stdout == "" and "2026-W49 has not begun yet" in done.stderr


def test_a_folder_that_is_missing_or_not_writable(week, tmp_path):
    done, _ = export(week, tmp_path / "nowhere", name="r.xlsx")
    assert done.returncode == 1
    assert (
        done.stderr
        == f"callfloor: file: the folder {tmp_path / 'nowhere'} does not exist; create it first or "
        "save somewhere else\n"
    )
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        done, path = export(week, locked, name="r.xlsx")
        if os.geteuid() != 0:  # root writes anywhere
            assert done.returncode == 1 and "choose a folder you can write to" in done.stderr
            assert not path.exists()
    finally:
        locked.chmod(0o700)


def test_an_agent_exports_the_masked_report_to_the_floor_s_folder(week, tmp_path):
    done, path = export(week, tmp_path, "--week", "2026-W47", user="li")
    assert done.returncode == 1 and "agents' exports go to the floor's exports folder" in done.stderr
    assert not path.exists()
    home = tmp_path / "home"
    home.mkdir()
    done = week.run("export", "--week", "2026-W47", user="li", env={"HOME": str(home)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(":")[0].endswith("callfloor-2026-W47.xlsx")


# ---------------------------------------------------------------- the monthly callback work report
#
# The month 2026-11 of tests/unit/test_report_month.py (built there with model rows on the
# floor of tests/conftest.py, worked out by hand in its docstring), asked for with the real
# command on Wednesday 2026-12-02 10:00 Shanghai.


@pytest.fixture
def month11(floor, clock, new_ticket) -> dict[str, int]:
    """The fixture month on the floor's file; its callbacks' numbers by name."""
    return test_report_month.build_month(floor, clock, new_ticket)


@pytest.fixture
def month_floor(month11, floor_db):
    """The command's view of the fixture month's floor."""
    return cli_conftest.Floor(floor_db)


def month_run(floor, *args, user="boss"):
    return floor.run(*args, user=user, env={"CALLFLOOR_NOW": test_report_month.AS_OF_TEXT})


def test_report_month_json_and_text_are_the_month_worked_out_by_hand(month_floor, month11):
    done = month_run(month_floor, "report", "--month", "2026-11", "--json")
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said.pop("phrases")[0] == {"text": "发票开具", "count": 1, "examples": ["T000001"]}
    assert said == test_report_month.expected(month11)
    text = month_run(month_floor, "report", "--month", "2026-11").stdout
    assert text.startswith(
        "monthly callback report 2026-11: 2026-11-01 00:00 to 2026-12-01 00:00 floor time, "
        "as of 2026-12-02 10:00\n"
    )
    for line in (
        "calls made                9  (reached 7)\n",
        "callbacks done            6\n",
        "satisfaction              3.17  (last month 4.00, -0.83)\n",
        "scores                    efficiency 2.33, problem solving 3.00, attitude 4.25\n",
        "low scores <= 2           3  (follow-up: open 1, done 1, 已电话致歉 1)\n",
        "suggestions               3\n",
        "warmth                    50.00%\n",
        "2026-W44   11-01..11-01  1      5.00\n",
        "2026-W49   11-30..11-30  0      -\n",
    ):
        assert line in text, line
    agents = text.split("agent ", 1)[1].splitlines()[1:]
    assert [line.split() for line in agents] == [
        ["boss", "1", "1", "1", "4.00", "-", "4.00", "5.00", "0", "0", "0"],
        ["li", "4", "3", "2", "3.50", "3.00", "3.00", "4.50", "1", "0", "2"],
        ["wang", "4", "3", "2", "1.50", "1.00", "2.00", "3.00", "2", "1", "1"],
    ]


def test_export_month_writes_the_same_figures(month_floor, month11, tmp_path):
    path = tmp_path / "out" / "month.xlsx"
    path.parent.mkdir()
    done = month_run(month_floor, "export", "--month", "2026-11", "-o", str(path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"{path}: monthly callback report 2026-11, 6 callbacks done, phones masked ("
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Agents", "Low scores", "Suggestions", "Phrases"]
    want = test_report_month.expected(month11)
    summary = {
        r[4]: r[1]
        for r in book["Summary"].iter_rows(min_row=SUMMARY_TABLE_ROW + 2, max_row=40, values_only=True)
        if r[4]
    }
    for key in (
        "calls_made",
        "calls_reached",
        "callbacks_done",
        "satisfaction_avg",
        "low_scores",
        "suggestions",
    ):
        assert summary[key] == want[key], key
    agents = {r[0]: r[2:5] for r in book["Agents"].iter_rows(min_row=2, values_only=True)}
    assert agents == {
        a["login"]: (a["calls_made"], a["calls_reached"], a["callbacks_done"]) for a in want["agents"]
    }
    low = [r for r in book["Low scores"].iter_rows(min_row=2, values_only=True)]
    assert [r[6] for r in low] == ["138****5678", "139****1111", None]


def test_export_month_names_its_default_file_after_the_month(month_floor, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run(
        [cli_conftest.CALLFLOOR, "export", "--month", "2026-11", *month_floor.db.args()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=dict(env, CALLFLOOR_USER="li", CALLFLOOR_NOW=test_report_month.AS_OF_TEXT, HOME=str(home)),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (exports_of(month_floor, home) / "callfloor-2026-11.xlsx").exists()


@pytest.mark.parametrize(
    "args, user, message",
    [
        (
            ("--month", "2026-13"),
            "boss",
            "callfloor: month: '2026-13' does not exist: a year has the months 01 to 12; write it like "
            "2026-11 (the year, a hyphen, the month 01 to 12)\n",
        ),
        (
            ("--month", "abc"),
            "boss",
            "callfloor: month: 'abc' is not a month; write it like 2026-11 (the year, a hyphen, the "
            "month 01 to 12)\n",
        ),
        (
            ("--month", "2027-01"),
            "boss",
            "callfloor: month: 2027-01 has not begun yet (it starts 2027-01-01 00:00 floor time); give "
            "this month, 2026-12 (figures as of now), or an earlier one; the last full month is 2026-11\n",
        ),
        (
            ("--month", "2026-11", "--clear"),
            "li",
            "callfloor: only a supervisor may export the clear report (full phone and order numbers); "
            "li is an agent: export without clear for the masked report\n",
        ),
    ],
)
def test_month_refusals_are_one_line_and_leave_no_file(month_floor, tmp_path, args, user, message):
    out = tmp_path / "out"
    out.mkdir()
    done = month_run(month_floor, "export", "-o", str(out / "r.xlsx"), *args, user=user)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", message)
    assert list(out.iterdir()) == []
    if "--clear" not in args:
        report = month_run(month_floor, "report", *args, "--json", user=user)
        assert (report.returncode, report.stdout, report.stderr) == (1, "", message)


def test_week_and_month_together_is_a_usage_error(month_floor):
    for command in ("report", "export"):
        done = month_run(month_floor, command, "--week", "2026-W47", "--month", "2026-11")
        assert done.returncode == 2 and done.stdout == ""
        assert "argument --month: not allowed with argument --week" in done.stderr
        assert "Traceback" not in done.stderr
