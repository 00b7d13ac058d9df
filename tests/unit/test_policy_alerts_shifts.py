"""The policy's [alerts] (when supervisors are told before a breach) and [shifts] (who is
expected at work when): defaults, refusals that name the key, and shift times in floor time."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.basics import PolicyError
from core.policy import AlertRules, Shifts, default_policy, parse_policy, policy_toml

SHANGHAI = ZoneInfo("Asia/Shanghai")

FLOOR = """
[calendar]
official = "none"
holidays = ["2026-10-01..2026-10-07"]   # Thursday to Wednesday: Monday 2026-10-05 is off
extra_workdays = ["2026-10-10"]         # a make-up Saturday (调休)

[shifts]
lina = "mon-fri 08:00-17:00"
wangfang = ["workdays 09:00-18:00", "sat 09:00-13:00"]
night = "mon 22:00-06:00"
daily_night = "daily 22:00-06:00"
desk = "workdays 09:00-12:00, 13:00-17:00"
weekend = "fri-mon 10:00-16:00"
odd = "mon,wed,fri 10:00-11:00"
temp = "always"
leaver = "off"
"li.na" = "Mon-Fri 8:00-17:00"
"""


def at(day: int, hour: int, minute: int = 0, month: int = 10) -> datetime:
    """An instant of 2026 on the floor's clock (Asia/Shanghai)."""
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def floor():
    return parse_policy(FLOOR, "floor.toml")


def expected(policy, login: str, when: datetime) -> bool:
    return policy.shifts.expected(login, when, policy.calendar)


def refused(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, "floor.toml")
    return caught.value


# ------------------------------------------------------------------ defaults


def test_the_defaults():
    policy = default_policy()
    assert policy.alerts == AlertRules()
    assert policy.alerts.unclaimed_red == timedelta(minutes=5)
    assert policy.alerts.owner_away == timedelta(minutes=30)
    assert policy.alerts.bell is False
    assert policy.shifts == Shifts()
    assert [rule.kind for rule in policy.shifts.pattern_of("anyone")] == ["hours"]
    assert policy.shifts.text_of("anyone") == "hours"


def test_alerts_are_read():
    policy = parse_policy('[alerts]\nunclaimed_red = "10m"\nowner_away = "1h"\nbell = true\n', "f.toml")
    assert policy.alerts == AlertRules(timedelta(minutes=10), timedelta(hours=1), True)


def test_the_shifts_are_read_and_shown_as_written(floor):
    assert floor.shifts.text_of("lina") == "mon-fri 08:00-17:00"
    assert floor.shifts.text_of("wangfang") == "workdays 09:00-18:00; sat 09:00-13:00"
    assert floor.shifts.text_of("desk") == "workdays 09:00-12:00,13:00-17:00"
    assert floor.shifts.text_of("li.na") == "mon-fri 08:00-17:00"  # tidied: lower case, two digits
    assert floor.shifts.text_of("nobody") == "hours"
    assert floor.shifts.pattern_of("li.na") == floor.shifts.pattern_of("lina")


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('[alerts]\nunclaimed_red = "0m"\n', "alerts.unclaimed_red", "not longer than zero"),
        ('[alerts]\nowner_away = "-5m"\n', "alerts.owner_away", "not longer than zero"),
        ('[alerts]\nowner_away = "soon"\n', "alerts.owner_away", "is not a duration"),
        ("[alerts]\nunclaimed_red = 5\n", "alerts.unclaimed_red", "is not a duration"),
        ('[alerts]\nowner_away = "1wd"\n', "alerts.owner_away", "not days or working days"),
        ('[alerts]\nowner_away = "1d"\n', "alerts.owner_away", "not days or working days"),
        ('[alerts]\nowner_away = "400d"\n', "alerts.owner_away", "at most 24h"),
        ('[alerts]\nunclaimed_red = "24h1m"\n', "alerts.unclaimed_red", "at most 24h"),
        ('[alerts]\nbell = "yes"\n', "alerts.bell", "true or false"),
        ("[alerts]\nsiren = true\n", "alerts.siren", "unknown key"),
        ("[shifts]\nlina = 8\n", "shifts.lina", "a shift or a list of shifts"),
        ("[shifts]\nlina = [8]\n", "shifts.lina", "a shift or a list of shifts"),
        ('[shifts]\nlina = { mon = "08:00-17:00" }\n', "shifts.lina", "a shift or a list of shifts"),
        ("[shifts]\nlina = []\n", "shifts.lina", "an empty list"),
        ('[shifts]\nlina = "mon-fri 25:00-17:00"\n', "shifts.lina", "'25:00-17:00' is not a span of times"),
        ('[shifts]\nlina = "mon-fri 08:00"\n', "shifts.lina", "is not a span of times"),
        ('[shifts]\nlina = "weekdays 08:00-17:00"\n', "shifts.lina", "'weekdays' is not days"),
        ('[shifts]\nlina = "mon-fri-sat 08:00-17:00"\n', "shifts.lina", "is not days"),
        ('[shifts]\nlina = ["sat 09:00-13:00", "mon-xyz 08:00-17:00"]\n', "shifts.lina[1]", "not days"),
        ('[shifts]\nlina = "sometimes"\n', "shifts.lina", "is not a shift"),
        ('[shifts]\nlina = "mon-fri"\n', "shifts.lina", "is not a shift"),
        ('[shifts]\nlina = ""\n', "shifts.lina", "is not a shift"),
        ('[shifts]\nlina = ["off", "sat 09:00-13:00"]\n', "shifts.lina[0]", "stands alone"),
        ('[shifts]\n"li na" = "always"\n', "shifts.li na", "not an agent login"),
        ('[shifts]\n".lina" = "always"\n', "shifts..lina", "not an agent login"),
        ('[shifts]\ndefault = "never"\n', "shifts.default", "is not a shift"),
        ('shifts = "always"\n', "shifts", "must be a table"),
    ],
)
def test_a_bad_value_is_refused_naming_its_key(text, key, words):
    error = refused(text)
    assert error.key == key
    assert str(error).startswith(f"floor.toml: {key}: ")
    assert words in str(error), str(error)
    assert error.say("zh").startswith(f"floor.toml: {key}: ")


def test_a_refused_shift_says_what_is_accepted_in_both_languages():
    error = refused('[shifts]\nlina = "sometimes"\n')
    for language in ("en", "zh"):
        said = error.say(language)
        assert '"mon-fri 08:00-17:00"' in said and '"off"' in said, said
    assert "不是班次" in error.say("zh")


# ------------------------------------------------------------------ what the refusals say


def said(text: str) -> tuple[str, str]:
    error = refused(text)
    return error.say("en"), error.say("zh")


def test_a_lead_that_is_not_a_duration_suggests_minutes_and_hours_only():
    en, zh = said("[alerts]\nunclaimed_red = 5\n")
    assert en == (
        "floor.toml: alerts.unclaimed_red: 5 is not a duration; write minutes or hours in quotes, "
        'like "5m", "30m", "2h" or "1h30m"'
    )
    assert zh == (
        'floor.toml: alerts.unclaimed_red: 5 不是时长；请用引号写分钟或小时，如 "5m"、"30m"、"2h" 或 "1h30m"'
    )
    for words in (en, zh):
        assert "wd" not in words and '"3d"' not in words, words  # what a lead refuses is not offered


def test_a_lead_too_long_says_an_alerts_range_not_a_targets():
    en, zh = said('[alerts]\nowner_away = "400d"\n')
    assert en == (
        "floor.toml: alerts.owner_away: '400d' is too long: an alert comes at most 24h before its "
        'target (and at least 1m); write e.g. "30m" or "4h"'
    )
    assert zh == (
        "floor.toml: alerts.owner_away: '400d' 太长：预警最多在时限前 24h 发出（至少 1m）；"
        '请写 "30m" 或 "4h" 这样的时长'
    )
    for words in (en, zh):
        assert "366d" not in words and "260wd" not in words and "targets" not in words, words
    assert parse_policy('[alerts]\nowner_away = "24h"\n', "f.toml").alerts.owner_away == timedelta(hours=24)


def test_a_lead_in_days_says_minutes_and_hours_as_the_docs_do():
    en, zh = said('[alerts]\nowner_away = "1wd"\n')
    assert en == (
        "floor.toml: alerts.owner_away: '1wd': an alert's lead takes minutes and hours, not days or "
        'working days; write it in hours, e.g. "4h", at most "24h"'
    )
    assert zh == (
        "floor.toml: alerts.owner_away: '1wd'：预警的提前时长只能用分钟和小时，不能用天或工作日；"
        '请换算成小时，例如 "4h"，最多 "24h"'
    )
    docs = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    assert "`[alerts]` leads take minutes and hours only" in docs
    assert "Both leads take minutes and hours only" in docs


def test_a_lead_not_shorter_than_reds_response_target_is_allowed_and_documented():
    # Allowed on purpose (docs/policy.md, [alerts]): every unclaimed red ticket is told at intake.
    policy = parse_policy('[alerts]\nunclaimed_red = "20m"\n[sla]\nred = { response = "15m" }\n', "f.toml")
    assert policy.alerts.unclaimed_red == timedelta(minutes=20)
    docs = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    assert "A lead as long as red's response target or longer" in docs


def test_always_in_a_list_suggests_writing_it_on_its_own():
    en, zh = said('[shifts]\nli = ["always", "mon 09:00-12:00"]\n')
    assert en == (
        'floor.toml: shifts.li[0]: "always" stands alone, not in a list with other shifts; '
        'write "always" on its own (not in a list), or drop it and keep the other shifts'
    )
    assert zh == (
        'floor.toml: shifts.li[0]: "always" 只能单独使用，不能与其他班次写在同一列表中；'
        '请单独写 "always"（不用列表），或删掉它、保留其他班次'
    )


def test_an_empty_list_of_shifts_says_off_once():
    en, zh = said("[shifts]\nli = []\n")
    assert en == (
        'floor.toml: shifts.li: is an empty list; write "off" if this agent is never expected at '
        'work, or at least one shift, like "hours" or "mon-fri 08:00-17:00"'
    )
    assert zh == (
        'floor.toml: shifts.li: 是空列表；如果此人从不在岗，请写 "off"，否则至少写一个班次，'
        '如 "hours" 或 "mon-fri 08:00-17:00"'
    )
    assert en.count('"off"') == 1 and zh.count('"off"') == 1


def test_full_weekday_names_are_shown_as_the_short_ones():
    policy = parse_policy(
        '[shifts]\nli = "monday 09:00-18:00"\n'
        'wu = ["Monday-Friday 8:00-17:00", "saturday,sun 09:00-12:00"]\n',
        "f.toml",
    )
    assert policy.shifts.text_of("li") == "mon 09:00-18:00"
    assert policy.shifts.text_of("wu") == "mon-fri 08:00-17:00; sat,sun 09:00-12:00"
    text = policy_toml(policy)
    assert 'li = "mon 09:00-18:00"' in text and "monday" not in text
    assert parse_policy(text, "shown.toml").shifts == policy.shifts
    docs = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    assert "or the full names `monday` .. `sunday`" in docs


# ------------------------------------------------------------------ who is expected when


def test_a_day_shift_on_a_monday(floor):
    assert not expected(floor, "lina", at(12, 7, 59))  # 2026-10-12 is a Monday
    assert expected(floor, "lina", at(12, 8, 0))
    assert expected(floor, "lina", at(12, 16, 59))
    assert not expected(floor, "lina", at(12, 17, 0))
    assert not expected(floor, "lina", at(17, 10))  # Saturday


def test_the_instant_is_read_in_floor_time(floor):
    from datetime import UTC

    assert expected(floor, "lina", datetime(2026, 10, 12, 0, 0, tzinfo=UTC))  # 08:00 in Shanghai
    assert not expected(floor, "lina", datetime(2026, 10, 11, 23, 59, tzinfo=UTC))


def test_a_night_shift_crossing_midnight_belongs_to_the_day_it_starts(floor):
    assert not expected(floor, "night", at(12, 21, 59))  # Monday evening, before
    assert expected(floor, "night", at(12, 22, 0))  # Monday 22:00
    assert expected(floor, "night", at(13, 2, 0))  # Tuesday 02:00: Monday's shift
    assert not expected(floor, "night", at(13, 6, 0))  # it ended
    assert not expected(floor, "night", at(13, 22, 30))  # Tuesday's evening: no shift
    assert not expected(floor, "night", at(14, 2, 0))  # Wednesday 02:00
    assert not expected(floor, "night", at(12, 2, 0))  # Monday 02:00 would be Sunday's
    assert expected(floor, "daily_night", at(12, 2, 0))
    assert expected(floor, "daily_night", at(17, 23, 0))


def test_weekdays_are_literal_and_workdays_follow_the_calendar(floor):
    holiday_monday, make_up_saturday = at(5, 10), at(10, 10)
    assert expected(floor, "lina", holiday_monday)  # "mon-fri" is literal
    assert not expected(floor, "lina", make_up_saturday)
    assert not expected(floor, "wangfang", holiday_monday)  # "workdays" has the holiday off
    assert expected(floor, "wangfang", make_up_saturday)  # ...and works the make-up Saturday
    assert expected(floor, "wangfang", at(10, 17))  # its workday shift, past "sat 09:00-13:00"
    assert expected(floor, "wangfang", at(17, 12, 59))  # an ordinary Saturday: "sat 09:00-13:00"
    assert not expected(floor, "wangfang", at(17, 13))


def test_split_spans_ranges_that_wrap_and_lists_of_days(floor):
    assert expected(floor, "desk", at(12, 11, 59))
    assert not expected(floor, "desk", at(12, 12, 30))  # lunch
    assert expected(floor, "desk", at(12, 13))
    for day, works in [(9, True), (10, True), (11, True), (12, True), (13, False), (15, False)]:
        assert expected(floor, "weekend", at(day, 12)) is works, day  # fri-mon: Fri, Sat, Sun, Mon
    for day, works in [(12, True), (13, False), (14, True), (15, False), (16, True)]:
        assert expected(floor, "odd", at(day, 10, 30)) is works, day


def test_always_off_and_the_default_hours(floor):
    for when in (at(5, 3), at(12, 10), at(17, 23)):
        assert expected(floor, "temp", when)
        assert not expected(floor, "leaver", when)
    assert expected(floor, "someone", at(12, 9))  # the floor's hours: Monday 09:00-18:00
    assert not expected(floor, "someone", at(12, 18))
    assert not expected(floor, "someone", at(5, 10))  # the holiday
    assert expected(floor, "someone", at(10, 10))  # the make-up Saturday


def test_a_default_for_everyone_not_named():
    policy = parse_policy('[shifts]\ndefault = "daily 08:00-20:00"\nboss = "hours"\n', "f.toml")
    assert expected(policy, "anyone", at(17, 19))  # a Saturday evening
    assert not expected(policy, "boss", at(17, 19))
    assert policy.shifts.text_of("anyone") == "daily 08:00-20:00"


# ------------------------------------------------------------------ policy show


def same(a, b) -> bool:
    return dataclasses.replace(a, source="x") == dataclasses.replace(b, source="x")


def test_shown_and_read_back_the_same(floor):
    text = policy_toml(floor)
    assert "[alerts]" in text and "[shifts]" in text
    assert 'wangfang = ["workdays 09:00-18:00", "sat 09:00-13:00"]' in text
    assert '"li.na" = "mon-fri 08:00-17:00"' in text
    again = parse_policy(text, "shown.toml")
    assert same(again, floor)
    assert again.shifts == floor.shifts

    changed = parse_policy('[alerts]\nunclaimed_red = "1h30m"\nowner_away = "24h"\nbell = true\n', "f.toml")
    assert same(parse_policy(policy_toml(changed), "shown.toml"), changed)
