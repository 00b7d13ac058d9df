"""The monthly callback work report (issue 17), on a month built by hand and worked out by hand,
checked in its JSON and in its workbook read back with openpyxl.

The fixture month is 2026-11 (Sunday 11-01 00:00 to Tuesday 12-01 00:00, Shanghai), reported on
Wednesday 2026-12-02 at 10:00 floor time. Every time below is floor time. The callbacks and
their attempts are rows as the call screen leaves them (core.callbacks logs one attempt per
try, and a finished call sets the scores, the suggestion and the low score's follow-up state);
test_a_real_call_is_counted_as_made_reached_and_done runs the real calls once.

    callback  owner  customer  attempts (outcome, time)                  result
    CB6       li     C001      done  Sat 10-31 23:59:59 (October: out)     done, overall 4
    CB7       -      C003      none (a survey nobody owns)                 done Sun 11-01 00:00:00 (the
                                                                           month's first instant), overall 5
    CB1       li     C001      busy 11-02 10:00, done 11-02 15:00          done, 5/4/5/5, warm yes,
                                                                           suggestion 希望周末也能送货
    CB2       li     C001      unreachable 11-10 09:30, done 11-10 14:00   done, 2/2/1/4, warm no,
              (ticket T000001)                                             suggestion 响应慢, follow-up done
    FU2       boss   C001      done 11-12 10:00 (CB2's follow-up)          done, 4/-/4/5, warm yes
    CB3       wang   C002      done 11-18 10:00                            done, 1/1/2/3, warm no,
                                                                           suggestion 请提供上门服务, 联系
                                                                           13900001111, follow-up open
    FU3       boss   C002      none (CB3's follow-up, not made yet)        open
    CB4       wang   C003      refused 11-20 10:00                         refused
    CB9       wang   C003      done 11-25 11:00 (a complaint callback)     done, 2/-/-/-, suggestion "  "
                                                                           (blank), follow-up "已电话致歉"
                                                                           (an import's own words)
    CB5       wang   C001      unreachable Mon 11-30 23:59:59 (in),        done 12-01 (December: out)
                               done Tue 12-01 00:00:00 (out)
    CB8       li     C003      none                                        open

(scores are overall/efficiency/solving/attitude, - when not given)

Worked out by hand for 2026-11:

    made (attempts in the month): li 4 (CB1 x2, CB2 x2), boss 1 (FU2), wang 4 (CB3, CB4, CB9,
        CB5's unreachable at 23:59:59); floor 9
    reached (done, busy or refused): li 3 (not CB2's unreachable), boss 1, wang 3 (not CB5's);
        floor 7
    done (status done, completed in the month): CB7, CB1, CB2, FU2, CB3, CB9: floor 6;
        li 2, boss 1, wang 2; the survey CB7 counts for the floor only
    satisfaction: (5 + 5 + 2 + 4 + 1 + 2) / 6 = 19 / 6 = 3.1666.. -> 3.17; li (5 + 2) / 2 = 3.5;
        boss 4.0; wang (1 + 2) / 2 = 1.5
    last month (October): CB6 alone, 4.0; change 3.17 - 4.00 = -0.83
    efficiency: CB1 4, CB2 2, CB3 1 -> 7 / 3 = 2.33; li 3.0, boss none (null), wang 1.0
    solving: CB1 5, CB2 1, FU2 4, CB3 2 -> 12 / 4 = 3.0; li 3.0, boss 4.0, wang 2.0
    attitude: CB1 5, CB2 4, FU2 5, CB3 3 -> 17 / 4 = 4.25; li 4.5, boss 5.0, wang 3.0
    low scores (overall <= 2): CB2, CB3, CB9 = 3; follow-up now: open 1 (CB3), done 1 (CB2),
        refused 0, unreachable 0, 已电话致歉 1 (CB9); li 1 (done), wang 2 (open, 已电话致歉)
    suggestions (not blank): CB1, CB2, CB3 = 3; li 2, wang 1, boss 0 (CB9's is blank)
    warmth: answered CB1 yes, CB2 no, FU2 yes, CB3 no -> 2 / 4 = 0.5; li 0.5, boss 1.0, wang 0.0
    by week (ISO weeks clipped to the month; 11-01 is a Sunday, 11-30 a Monday):
        W44 11-01       CB7        1 done, 5.0
        W45 11-02..08   CB1        1, 5.0
        W46 11-09..15   CB2, FU2   2, (2 + 4) / 2 = 3.0
        W47 11-16..22   CB3        1, 1.0
        W48 11-23..29   CB9        1, 2.0
        W49 11-30       -          0, null
        the weeks' done add up to the month's 6
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

import openpyxl
import pytest

from core.basics.errors import InvalidInput, NotAllowed
from core.customers.records import CustomerForm, add_customer
from core.report import monthly_figures, parse_month
from core.report.book import NOTES_ROW, SUMMARY_TABLE_ROW
from core.report.month import Month, last_full_month
from core.report.monthly_book import SHEETS, export_month
from db.models import Agent, Callback, CallbackAttempt, Customer, Ticket
from tests.conftest import SHANGHAI, sh

AS_OF = datetime(2026, 12, 2, 10, 0, tzinfo=SHANGHAI)
"""Wednesday 2026-12-02 10:00 floor time: the moment of the report."""
AS_OF_TEXT = "2026-12-02T10:00+08:00"


def _id(model, **where):
    (field, value) = next(iter(where.items()))
    return model.get(getattr(model, field) == value).id


SCORES = ("overall", "efficiency", "solving", "attitude")
CB2_FEEDBACK = "您觉得我们哪些方面还可以做得更好？ 响应慢"
"""What CB2's customer said, kept whole in the Low scores sheet (no number in it to mask)."""


def _callback(
    key, owner, customer, *, status="done", completed=None, group="resolved", scores=(), tries=(), **fields
):
    """A callback as the call screen leaves it: scores as the table writes them (overall,
    efficiency, solving, attitude; None for one not given), and its tries (time, outcome),
    each logged by the owner."""
    number = Callback.create(
        key=key,
        group=group,
        customer=_id(Customer, code=customer),
        due_from=sh(2026, 10, 1),
        due_by=sh(2026, 12, 31),
        status=status,
        owner=_id(Agent, login=owner) if owner else None,
        completed_at=completed,
        created_at=sh(2026, 10, 1),
        created_by="test",
        **{name: score for name, score in zip(SCORES, scores, strict=False) if score is not None},
        **fields,
    ).id
    for at, outcome in tries:
        CallbackAttempt.create(callback=number, at=at, agent=owner, outcome=outcome)
    return number


def build_month(floor, clock, new_ticket) -> dict[str, int]:
    """The table of the module's docstring; returns the callbacks' numbers by name."""
    add_customer(floor, CustomerForm(code="C002", name="乙公司", phone="139-0000-1111"))
    add_customer(floor, CustomerForm(code="C003", name="Delta Ltd"))
    clock.set(sh(2026, 11, 5, 9))
    ticket = new_ticket()  # T000001, the ticket CB2 called back about
    last_second_of_october = datetime(2026, 10, 31, 23, 59, 59, tzinfo=SHANGHAI)
    last_second_of_november = datetime(2026, 11, 30, 23, 59, 59, tzinfo=SHANGHAI)
    ids = {}
    ids["CB6"] = _callback(
        "cb6",
        "li",
        "C001",
        completed=last_second_of_october,
        scores=(4,),
        tries=[(last_second_of_october, "done")],
    )
    ids["CB7"] = _callback("cb7", None, "C003", completed=sh(2026, 11, 1), scores=(5,), method="survey")
    ids["CB1"] = _callback(
        "cb1",
        "li",
        "C001",
        completed=sh(2026, 11, 2, 15),
        scores=(5, 4, 5, 5),
        warm=True,
        suggestion="希望周末也能送货",
        tries=[(sh(2026, 11, 2, 10), "busy"), (sh(2026, 11, 2, 15), "done")],
    )
    ids["CB2"] = _callback(
        "cb2",
        "li",
        "C001",
        completed=sh(2026, 11, 10, 14),
        ticket=_id(Ticket, ref=ticket),
        scores=(2, 2, 1, 4),
        warm=False,
        suggestion="响应慢",
        feedback=CB2_FEEDBACK,
        priority="high",
        follow_up_status="done",
        tries=[(sh(2026, 11, 10, 9, 30), "unreachable"), (sh(2026, 11, 10, 14), "done")],
    )
    ids["FU2"] = _callback(
        "fu2",
        "boss",
        "C001",
        group="low_score_followup",
        follows=ids["CB2"],
        completed=sh(2026, 11, 12, 10),
        scores=(4, None, 4, 5),
        warm=True,
        tries=[(sh(2026, 11, 12, 10), "done")],
    )
    ids["CB3"] = _callback(
        "cb3",
        "wang",
        "C002",
        completed=sh(2026, 11, 18, 10),
        scores=(1, 1, 2, 3),
        warm=False,
        suggestion="请提供上门服务, 联系 13900001111",
        feedback="送货员态度差, 电话 13900001111",
        priority="high",
        follow_up_status="open",
        tries=[(sh(2026, 11, 18, 10), "done")],
    )
    ids["FU3"] = _callback(
        "fu3", "boss", "C002", status="open", group="low_score_followup", follows=ids["CB3"]
    )
    ids["CB4"] = _callback(
        "cb4",
        "wang",
        "C003",
        status="refused",
        completed=sh(2026, 11, 20, 10),
        tries=[(sh(2026, 11, 20, 10), "refused")],
    )
    ids["CB9"] = _callback(
        "cb9",
        "wang",
        "C003",
        group="complaint",
        completed=sh(2026, 11, 25, 11),
        scores=(2,),
        suggestion="  ",
        follow_up_status="已电话致歉",
        tries=[(sh(2026, 11, 25, 11), "done")],
    )
    ids["CB5"] = _callback(
        "cb5",
        "wang",
        "C001",
        completed=sh(2026, 12, 1),
        scores=(3,),
        tries=[(last_second_of_november, "unreachable"), (sh(2026, 12, 1), "done")],
    )
    ids["CB8"] = _callback("cb8", "li", "C003", status="open")
    clock.set(AS_OF)
    return ids


@pytest.fixture
def month11(floor, clock, new_ticket) -> dict[str, int]:
    """The floor of tests/conftest.py with the month 2026-11 above; the clock at AS_OF."""
    return build_month(floor, clock, new_ticket)


def _none(**more) -> dict:
    return {"open": 0, "done": 0, "refused": 0, "unreachable": 0, **more}


WORK = (
    "calls_made",
    "calls_reached",
    "callbacks_done",
    "satisfaction_avg",
    "efficiency_avg",
    "solving_avg",
    "attitude_avg",
    "low_scores",
    "low_score_follow_up",
    "suggestions",
    "warmth_rate",
)
"""The figures of the floor's and each agent's callback work, in the JSON's order."""


def _work(*figures) -> dict:
    return dict(zip(WORK, figures, strict=True))


def _floor_time(day: str) -> str:
    return f"{day}T00:00:00+08:00"


def expected(ids: dict[str, int]) -> dict:
    """The module docstring's figures, as JSON."""
    low_score_keys = ("callback", "completed_at", "agent", "group", "ticket", "overall", "follow_up_status")
    return {
        "month": "2026-11",
        "from": "2026-11-01T00:00:00+08:00",
        "to": "2026-12-01T00:00:00+08:00",
        "as_of": "2026-12-02T10:00:00+08:00",
        # made, reached, done, satisfaction, efficiency, solving, attitude, low, follow-up,
        # suggestions, warmth
        **_work(9, 7, 6, 3.17, 2.33, 3.0, 4.25, 3, _none(open=1, done=1, **{"已电话致歉": 1}), 3, 0.5),
        "satisfaction_prev": 4.0,
        "satisfaction_change": -0.83,
        "weeks": [
            {
                "week": week,
                "from": _floor_time(first),
                "to": _floor_time(after),
                "callbacks_done": done,
                "satisfaction_avg": satisfaction,
            }
            for week, first, after, done, satisfaction in (
                ("2026-W44", "2026-11-01", "2026-11-02", 1, 5.0),
                ("2026-W45", "2026-11-02", "2026-11-09", 1, 5.0),
                ("2026-W46", "2026-11-09", "2026-11-16", 2, 3.0),
                ("2026-W47", "2026-11-16", "2026-11-23", 1, 1.0),
                ("2026-W48", "2026-11-23", "2026-11-30", 1, 2.0),
                ("2026-W49", "2026-11-30", "2026-12-01", 0, None),
            )
        ],
        "low_score_callbacks": [
            dict(zip(low_score_keys, row, strict=True))
            for row in (
                (ids["CB2"], "2026-11-10T14:00:00+08:00", "li", "resolved", "T000001", 2, "done"),
                (ids["CB3"], "2026-11-18T10:00:00+08:00", "wang", "resolved", None, 1, "open"),
                (ids["CB9"], "2026-11-25T11:00:00+08:00", "wang", "complaint", None, 2, "已电话致歉"),
            )
        ],
        "agents": [
            # boss: FU2 only (made, reached, done), scored 4/-/4/5, warm
            {"login": "boss", **_work(1, 1, 1, 4.0, None, 4.0, 5.0, 0, _none(), 0, 1.0)},
            # li: CB1 busy + done, CB2 unreachable + done; CB1 5/4/5/5, CB2 2/2/1/4
            {"login": "li", **_work(4, 3, 2, 3.5, 3.0, 3.0, 4.5, 1, _none(done=1), 2, 0.5)},
            # wang: CB3 done, CB4 refused, CB9 done, CB5 unreachable; CB3 1/1/2/3, CB9 2/-/-/-
            {
                "login": "wang",
                **_work(4, 3, 2, 1.5, 1.0, 2.0, 3.0, 2, _none(open=1, **{"已电话致歉": 1}), 1, 0.0),
            },
        ],
    }


LAST_MONTH = {
    # October: CB6 alone (li, done at its last second, overall 4, no other score)
    "calls_made": 1,
    "calls_reached": 1,
    "callbacks_done": 1,
    "satisfaction_avg": 4.0,
    "efficiency_avg": None,
    "solving_avg": None,
    "attitude_avg": None,
    "low_scores": 0,
    "low_score_follow_up.open": 0,
    "low_score_follow_up.done": 0,
    "low_score_follow_up.refused": 0,
    "low_score_follow_up.unreachable": 0,
    "low_score_follow_up.other": 0,
    "suggestions": 0,
    "warmth_rate": None,
}


# ---------------------------------------------------------------- the month


def test_a_month_runs_from_the_first_to_the_next_first_floor_time():
    month = parse_month("2026-11", AS_OF, SHANGHAI)
    assert (month.label, str(month), month.first_day.isoformat(), month.last_day.isoformat()) == (
        "2026-11",
        "2026-11",
        "2026-11-01",
        "2026-11-30",
    )
    assert month.start.isoformat() == "2026-10-31T16:00:00+00:00"  # 11-01 00:00 +08:00
    assert month.end.isoformat() == "2026-11-30T16:00:00+00:00"
    assert month.contains(month.start) and not month.contains(month.end)
    assert parse_month("2026-1", AS_OF, SHANGHAI).label == "2026-01"
    assert parse_month(None, AS_OF, SHANGHAI).label == "2026-11"  # the last full month
    assert parse_month(" ", AS_OF, SHANGHAI).label == "2026-11"
    assert last_full_month(sh(2027, 1, 1), SHANGHAI).label == "2026-12"  # across the year
    assert Month(2026, 1, SHANGHAI).previous.label == "2025-12"
    assert Month(2026, 12, SHANGHAI).shifted(1).label == "2027-01"


def test_the_month_s_weeks_are_the_iso_weeks_clipped_to_it():
    weeks = Month(2026, 11, SHANGHAI).weeks()
    assert [(w.label, w.local_start.date().isoformat(), w.local_end.date().isoformat()) for w in weeks] == [
        ("2026-W44", "2026-11-01", "2026-11-02"),
        ("2026-W45", "2026-11-02", "2026-11-09"),
        ("2026-W46", "2026-11-09", "2026-11-16"),
        ("2026-W47", "2026-11-16", "2026-11-23"),
        ("2026-W48", "2026-11-23", "2026-11-30"),
        ("2026-W49", "2026-11-30", "2026-12-01"),
    ]
    # they tile the month: no gap, no overlap
    assert (
        weeks[0].start == Month(2026, 11, SHANGHAI).start and weeks[-1].end == Month(2026, 11, SHANGHAI).end
    )
    assert all(a.end == b.start for a, b in zip(weeks, weeks[1:], strict=False))
    # the current month: only the weeks begun by now (Wednesday 12-02: W49 from Tuesday 12-01)
    assert [w.label for w in Month(2026, 12, SHANGHAI).weeks(AS_OF)] == ["2026-W49"]


def test_in_a_daylight_saving_zone_the_month_starts_at_local_midnight():
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")  # falls back on Sunday 2026-10-25
    october = parse_month("2026-10", datetime(2026, 11, 20, tzinfo=berlin), berlin)
    assert october.local_start.isoformat() == "2026-10-01T00:00:00+02:00"
    assert october.local_end.isoformat() == "2026-11-01T00:00:00+01:00"
    assert (october.end - october.start).total_seconds() == (31 * 24 + 1) * 3600


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "abc",
            "month: 'abc' is not a month; write it like 2026-11 (the year, a hyphen, the month 01 to 12)",
        ),
        ("2026-W47", "month: '2026-W47' is not a month; write it like 2026-11"),
        ("2026-13", "month: '2026-13' does not exist: a year has the months 01 to 12"),
        ("2026-00", "month: '2026-00' does not exist"),
        ("1899-12", "month: '1899-12' is before 1900"),
        (
            "2027-01",
            "month: 2027-01 has not begun yet (it starts 2027-01-01 00:00 floor time); give this month, "
            "2026-12 (figures as of now), or an earlier one; the last full month is 2026-11",
        ),
    ],
)
def test_a_bad_or_future_month_is_refused_saying_what_to_write(text, message):
    with pytest.raises(InvalidInput) as refused:
        parse_month(text, AS_OF, SHANGHAI)
    assert str(refused.value).startswith(message)


# ---------------------------------------------------------------- the figures


def test_the_month_s_figures_are_the_ones_worked_out_by_hand(floor, month11):
    figures = monthly_figures(floor, "2026-11")
    assert figures.as_json() == expected(month11)
    assert json.loads(json.dumps(figures.as_json(), ensure_ascii=False)) == expected(month11)
    assert monthly_figures(floor).month.label == "2026-11"  # the last full month by default
    # the weeks' done add up to the month's
    assert sum(p.callbacks_done for p in figures.weeks) == figures.floor.callbacks_done == 6


def test_an_agent_may_read_the_month_too(floor, month11):
    assert monthly_figures(floor.as_login("li"), "2026-11").as_json() == expected(month11)


def test_the_current_month_is_as_of_now(floor, month11):
    december = monthly_figures(floor, "2026-12").as_json()
    # CB5: wang's done call at Tuesday 12-01 00:00:00, overall 3; only W49 (from 12-01) has begun
    assert (december["calls_made"], december["calls_reached"], december["callbacks_done"]) == (1, 1, 1)
    assert (december["satisfaction_avg"], december["satisfaction_prev"], december["satisfaction_change"]) == (
        3.0,
        3.17,
        -0.17,
    )
    assert [(w["week"], w["from"], w["to"], w["callbacks_done"]) for w in december["weeks"]] == [
        ("2026-W49", "2026-12-01T00:00:00+08:00", "2026-12-07T00:00:00+08:00", 1)
    ]
    assert [a["login"] for a in december["agents"]] == ["wang"]


def test_an_empty_month_has_zero_counts_and_empty_averages(floor):
    empty = monthly_figures(floor, "2026-09").as_json()
    assert (empty["calls_made"], empty["calls_reached"], empty["callbacks_done"], empty["low_scores"]) == (
        0,
        0,
        0,
        0,
    )
    for key in ("satisfaction_avg", "efficiency_avg", "solving_avg", "attitude_avg", "warmth_rate"):
        assert empty[key] is None
    assert empty["low_score_follow_up"] == _none() and empty["agents"] == []
    assert [w["week"] for w in empty["weeks"]] == ["2026-W36", "2026-W37", "2026-W38", "2026-W39", "2026-W40"]


def test_a_real_call_is_counted_as_made_reached_and_done(floor, as_li, clock):
    """The same definitions over what the call functions write: li's call scored 2 (one attempt,
    reached, done, a low score whose follow-up is open), then the supervisor's follow-up call
    (boss: made, reached, done) turns that state to done."""
    from core.callbacks.calls import answer_question, finish_call, start_call

    def call(session, number, answers):
        made = start_call(session, number)
        for question in made.script.questions:
            if question.id in answers:
                answer_question(session, number, question.id, answers[question.id])
        return finish_call(session, number)

    clock.set(sh(2026, 11, 16, 10))
    number = _callback("real", "li", "C001", status="open", completed=None)
    outcome = call(as_li, number, {"overall": "2", "improve": "希望更快"})
    assert outcome.low_score
    month = monthly_figures(floor, "2026-11").as_json()
    assert (month["calls_made"], month["calls_reached"], month["callbacks_done"]) == (1, 1, 1)
    assert (month["low_scores"], month["low_score_follow_up"], month["suggestions"]) == (1, _none(open=1), 1)
    clock.set(sh(2026, 11, 17, 10))
    call(floor, outcome.follow_up_id, {"fixed": "yes", "overall": "4"})
    month = monthly_figures(floor, "2026-11").as_json()
    assert (month["calls_made"], month["callbacks_done"], month["low_score_follow_up"]) == (
        2,
        2,
        _none(done=1),
    )
    assert [(a["login"], a["calls_made"], a["callbacks_done"]) for a in month["agents"]] == [
        ("boss", 1, 1),
        ("li", 1, 1),
    ]
    assert month["low_score_callbacks"][0]["callback"] == number


# ---------------------------------------------------------------- the workbook


def _summary(book) -> dict[str, tuple]:
    """JSON name -> (this month, last month, change), from the Summary's figures table."""
    rows = book["Summary"].iter_rows(min_row=SUMMARY_TABLE_ROW + 2, values_only=True)
    found = {}
    for row in rows:
        if not row[4]:
            break
        found[row[4]] = row[1:4]
    return found


def _callback_columns(ids: dict[str, int]) -> dict[str, tuple]:
    """What the Low scores and Suggestions sheets begin a callback's row with, masked:
    completed, number, agent, group, customer code and name."""
    return {
        "CB1": (datetime(2026, 11, 2, 15), ids["CB1"], "li", "Resolved ticket", "C001", "华东贸易有限公司"),
        "CB2": (datetime(2026, 11, 10, 14), ids["CB2"], "li", "Resolved ticket", "C001", "华东贸易有限公司"),
        "CB3": (datetime(2026, 11, 18, 10), ids["CB3"], "wang", "Resolved ticket", "C002", "乙公司"),
        "CB9": (datetime(2026, 11, 25, 11), ids["CB9"], "wang", "Complaint", "C003", "Delta Ltd"),
    }


@pytest.fixture
def out(tmp_path):
    """A folder of its own for the workbooks (the floor's file is in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def test_the_workbook_reads_back_with_the_same_figures(floor, month11, out):
    path = out / "callbacks-2026-11.xlsx"
    result = export_month(floor, "2026-11", path)
    assert (result.path, result.month, result.callbacks) == (path, "2026-11", 6)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(SHEETS) == ["Summary", "Agents", "Low scores", "Suggestions", "Phrases"]
    summary_sheet = book["Summary"]
    assert summary_sheet["A1"].value == "Monthly callback work report 2026-11"
    assert [summary_sheet.cell(r, 2).value for r in (3, 4, 5)] == [
        datetime(2026, 11, 1),
        datetime(2026, 12, 1),
        datetime(2026, 12, 2, 10),
    ]
    assert summary_sheet["B6"].value == "masked (138****5678)"
    want = expected(month11)
    this = {
        **{
            k: want[k]
            for k in ("calls_made", "calls_reached", "callbacks_done", "suggestions", "warmth_rate")
        },
        **{k: want[k] for k in ("satisfaction_avg", "efficiency_avg", "solving_avg", "attitude_avg")},
        "low_scores": 3,
        "low_score_follow_up.open": 1,
        "low_score_follow_up.done": 1,
        "low_score_follow_up.refused": 0,
        "low_score_follow_up.unreachable": 0,
        "low_score_follow_up.other": 1,  # 已电话致歉
    }
    summary = _summary(book)
    assert list(summary) == list(LAST_MONTH)  # every figure, in the Summary's order
    assert {name: values[0] for name, values in summary.items()} == this
    assert {name: values[1] for name, values in summary.items()} == LAST_MONTH
    # the change: counts exactly, averages as satisfaction_change, empty when either is
    assert summary["calls_made"][2] == 8 and summary["callbacks_done"][2] == 5
    assert summary["satisfaction_avg"][2] == -0.83
    assert summary["efficiency_avg"][2] is None and summary["warmth_rate"][2] is None
    assert summary["low_score_follow_up.other"][2] == 1
    # the satisfaction trend by week: the JSON's weeks
    trend = [r for r in summary_sheet.iter_rows(values_only=True) if r[0] and str(r[0]).startswith("2026-W")]
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in trend] == [
        (
            w["week"],
            datetime.fromisoformat(w["from"]).replace(tzinfo=None),
            datetime.fromisoformat(w["to"]).replace(tzinfo=None),
            w["callbacks_done"],
            w["satisfaction_avg"],
        )
        for w in want["weeks"]
    ]
    assert len(summary_sheet._charts) == 1
    agents = [r for r in book["Agents"].iter_rows(min_row=2, values_only=True)]
    assert agents == [
        # login, name, made, reached, done, the four averages, low, follow-up open / done /
        # refused / unreachable / other, suggestions, warmth
        ("boss", "老板", 1, 1, 1, 4, None, 4, 5, 0, 0, 0, 0, 0, 0, 0, 1),
        ("li", "李娜", 4, 3, 2, 3.5, 3, 3, 4.5, 1, 0, 1, 0, 0, 0, 2, 0.5),
        ("wang", "王强", 4, 3, 2, 1.5, 1, 2, 3, 2, 1, 0, 0, 0, 1, 1, 0),
    ]
    who = _callback_columns(month11)
    low = [r for r in book["Low scores"].iter_rows(min_row=2, values_only=True)]
    assert low == [
        # then: phone, ticket, the four scores, follow-up, feedback
        (*who["CB2"], "138****5678", "T000001", 2, 2, 1, 4, "Done", CB2_FEEDBACK),
        # masked inside the customer's words too
        (*who["CB3"], "139****1111", None, 1, 1, 2, 3, "Open", "送货员态度差, 电话 139****1111"),
        (*who["CB9"], None, None, 2, None, None, None, "已电话致歉", None),
    ]
    suggestions = [r for r in book["Suggestions"].iter_rows(min_row=2, values_only=True)]
    assert suggestions == [
        # then: ticket, overall, suggestion
        (*who["CB1"], None, 5, "希望周末也能送货"),
        (*who["CB2"], "T000001", 2, "响应慢"),
        (*who["CB3"], None, 1, "请提供上门服务, 联系 139****1111"),
    ]
    assert "13900001111" not in json.dumps(
        [list(r) for r in low + suggestions], ensure_ascii=False, default=str
    )
    assert list(out.iterdir()) == [path]  # no work folder left beside it


def test_the_phrases_sheet_is_the_month_s_report_json_phrases(floor, month11, out):
    """Issue 23: the month's Phrases sheet says what `report --month --json` says."""
    from core.report import report_json

    said = report_json(floor, month="2026-11")["phrases"]
    export_month(floor, "2026-11", out / "m.xlsx")
    ws = openpyxl.load_workbook(out / "m.xlsx")["Phrases"]
    body = [list(r) for r in ws.iter_rows(min_row=2, max_row=len(said) + 1, values_only=True)]
    assert said and [(r[0], r[1], r[2], r[4]) for r in body] == [
        (rank, p["text"], p["count"], ", ".join(p["examples"])) for rank, p in enumerate(said, 1)
    ]


def test_a_supervisor_s_clear_workbook_keeps_numbers_and_an_agent_may_not_ask_for_it(
    floor, month11, tmp_path
):
    path = tmp_path / "clear.xlsx"
    export_month(floor, "2026-11", path, clear=True)
    book = openpyxl.load_workbook(path)
    assert book["Summary"]["B6"].value.startswith("CLEAR")
    low = [r for r in book["Low scores"].iter_rows(min_row=2, values_only=True)]
    assert low[1][6] == "139-0000-1111" and low[1][13] == "送货员态度差, 电话 13900001111"
    refused = tmp_path / "agent.xlsx"
    with pytest.raises(NotAllowed, match="only a supervisor may export the clear report"):
        export_month(floor.as_login("li"), "2026-11", refused, clear=True)
    assert not refused.exists()
    as_li = floor.as_login("li")
    as_li.policy = dataclasses.replace(as_li.policy, exports_folder=str(tmp_path))
    export_month(as_li, "2026-11", refused)  # masked: any agent, in the floor's exports folder
    assert openpyxl.load_workbook(refused).sheetnames == list(SHEETS)


def test_the_workbook_speaks_chinese_and_says_when_a_month_had_nothing(floor, tmp_path):
    path = tmp_path / "empty.xlsx"
    result = export_month(floor, "2026-09", path, language="zh")
    assert result.callbacks == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [
        "汇总",
        "客服",
        "低分回访",
        "建议",
        "客户常说",
    ]  # named in the workbook's language
    summary = book["汇总"]
    assert summary["A1"].value == "回访工作月报 2026-09"
    assert summary.cell(row=NOTES_ROW + 1, column=1).value.startswith("本月没有回访拨打或完成")
    assert summary.cell(row=NOTES_ROW, column=1).value is None  # the note has rows of its own
    assert summary.cell(row=SUMMARY_TABLE_ROW, column=1).value is None
    assert [c.value for c in book["客服"][1]][:5] == ["客服", "姓名", "拨打", "接通", "完成"]
    assert book["低分回访"]["A2"].value == "本月没有。" and book["建议"]["A2"].value == "本月没有。"
    labels = [
        r[0]
        for r in summary.iter_rows(
            min_row=SUMMARY_TABLE_ROW + 2, max_row=SUMMARY_TABLE_ROW + 4, values_only=True
        )
    ]
    assert labels == ["回访拨打次数", "接通次数 (客户接听)", "完成回访"]


def test_a_bad_month_or_file_writes_nothing(floor, month11, out):
    with pytest.raises(InvalidInput, match="2026-13"):
        export_month(floor, "2026-13", out / "r.xlsx")
    with pytest.raises(InvalidInput, match="does not end in .xlsx"):
        export_month(floor, "2026-11", out / "r.csv")
    assert list(out.iterdir()) == []
