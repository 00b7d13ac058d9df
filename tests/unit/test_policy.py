"""The policy as data: docs/policy.md's defaults, overrides, and errors that name file, key and problem."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from core.basics.errors import PolicyError
from core.policy.document import CallbackRules, Target, default_policy, load_policy, parse_policy

SRC = "floor.toml"


def refused(text: str) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        parse_policy(text, SRC)
    err = caught.value
    assert err.source == SRC
    assert str(err).startswith(SRC)
    return err


# ---------------------------------------------------------------- defaults


def test_default_targets_are_the_domain_table():
    policy = default_policy()
    assert policy.targets == {
        "red": (Target(minutes=15), Target(minutes=120)),
        "yellow": (Target(minutes=30), Target(minutes=240)),
        "green": (Target(minutes=60), Target(minutes=24 * 60)),
    }


def test_defaults_describe_the_shanghai_floor():
    policy = default_policy()
    assert policy.timezone == "Asia/Shanghai"
    assert policy.sla_mode == "business"  # the floor's working time, China's holidays included
    assert policy.calendar.official is not None and policy.calendar.official.country == "CN"
    assert policy.at_risk == timedelta(hours=1)
    assert policy.pause_on_handoff is False
    assert policy.default_tier == "yellow"
    assert policy.update_cutoff == time(17, 0)
    assert policy.calendar.workdays == frozenset(range(5))
    assert policy.calendar.hours == ((time(9), time(18)),)
    assert policy.handoff_stuck_after == timedelta(hours=2)


def test_default_keywords_and_categories_come_from_the_domain():
    policy = default_policy()
    for word in ("漏发", "破损", "今天必须", "延迟", "故障", "投诉"):
        assert word in policy.keywords["red"]
    assert {"建议", "表扬"} <= set(policy.keywords["green"])
    assert [c.zh for c in policy.categories] == [
        "产品质量",
        "服务效率",
        "人员态度",
        "流程优化",
        "操作咨询",
        "账单疑问",
        "其他",
    ]
    assert [s.zh for s in policy.category("quality").subtags] == ["功能缺陷", "外观瑕疵", "漏发", "破损"]
    assert next(c for c in policy.channels if c.id == "social_media").needs_platform


def test_empty_file_gives_the_defaults():
    assert parse_policy("", SRC).targets == default_policy().targets


# ---------------------------------------------------------------- overrides


def test_overriding_one_target_keeps_the_rest():
    policy = parse_policy('[sla]\nred = { response = "10m" }\n', SRC)
    assert policy.targets["red"] == (Target(minutes=10), Target(minutes=120))
    assert policy.targets["yellow"] == default_policy().targets["yellow"]
    assert policy.targets["green"] == default_policy().targets["green"]
    assert policy.sla_mode == "business"


def test_overriding_one_floor_key_keeps_the_others():
    policy = parse_policy('[floor]\nlanguage = "en"\n', SRC)
    assert policy.language == "en"
    assert policy.timezone == "Asia/Shanghai"
    assert policy.update_cutoff == time(17, 0)


def test_business_mode_with_working_day_targets():
    policy = parse_policy(
        '[sla]\nmode = "business"\nyellow = { solution = "3wd" }\ngreen = { solution = "5wd" }\n', SRC
    )
    assert policy.sla_mode == "business"
    assert policy.targets["yellow"] == (Target(minutes=30), Target(working_days=3))
    assert policy.targets["green"][1] == Target(working_days=5)


def test_calendar_with_lunch_break_holidays_ranges_and_make_up_days():
    policy = parse_policy(
        '[calendar]\nhours = ["13:30-18:00", "09:00-12:00"]\n'
        'holidays = ["2026-10-01..2026-10-03", 2026-12-25]\nextra_workdays = ["2026-09-27"]\n',
        SRC,
    )
    cal = policy.calendar
    assert cal.hours == ((time(9), time(12)), (time(13, 30), time(18)))
    assert cal.holidays == {date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3), date(2026, 12, 25)}
    assert cal.is_working_day(date(2026, 9, 27))  # a Sunday made a working day


def test_policy_keywords_replace_a_tier_and_keep_the_others():
    policy = parse_policy('[keywords]\nred = ["停机", " URGENT "]\n', SRC)
    assert policy.keywords["red"] == ("停机", "urgent")
    assert policy.keywords["green"] == default_policy().keywords["green"]


def test_categories_can_be_replaced_with_subtags():
    policy = parse_policy(
        '[[categories]]\nid = "hardware"\nzh = "硬件"\nen = "Hardware"\n'
        '[[categories.subtags]]\nid = "screen"\nzh = "屏幕"\nen = "Screen"\n'
        '[[categories]]\nid = "other"\nzh = "其他"\nen = "Other"\n',
        SRC,
    )
    assert [c.id for c in policy.categories] == ["hardware", "other"]
    assert [s.id for s in policy.category("hardware").subtags] == ["screen"]


# ---------------------------------------------------------------- errors


def test_bad_toml_syntax_names_the_file_and_says_it_is_not_toml():
    err = refused("[sla\nmode = 'x'")
    assert "not valid TOML" in err.problem


def test_unknown_section_is_named():
    err = refused('[slas]\nmode = "calendar"\n')
    assert err.key == "slas"
    assert "unknown section" in err.problem


def test_typo_in_a_key_is_named_with_its_section():
    err = refused('[sla]\nredd = { response = "15m" }\n')
    assert err.key == "sla.redd"
    assert "unknown key" in err.problem and "red" in err.problem
    assert "floor.toml: sla.redd: unknown key" in str(err)


def test_unknown_key_inside_a_tier_is_named():
    err = refused('[sla]\nred = { respond = "15m" }\n')
    assert err.key == "sla.red.respond"


def test_duration_in_words_is_refused_with_an_example():
    err = refused('[sla]\nred = { response = "15 minutes" }\n')
    assert err.key == "sla.red.response"
    assert "'15 minutes'" in err.problem and '"15m"' in err.problem


def test_zero_duration_is_refused():
    assert refused('[sla]\ngreen = { solution = "0m" }\n').key == "sla.green.solution"


def test_unknown_time_zone_is_refused():
    err = refused('[floor]\ntimezone = "Asia/Beijing"\n')
    assert err.key == "floor.timezone"
    assert "Asia/Beijing" in err.problem


def test_opening_hours_ending_before_they_start_are_refused():
    err = refused('[calendar]\nhours = ["18:00-09:00"]\n')
    assert err.key == "calendar.hours[0]"
    assert "18:00-09:00" in err.problem


def test_overlapping_opening_hours_are_refused():
    err = refused('[calendar]\nhours = ["09:00-12:30", "12:00-18:00"]\n')
    assert err.key == "calendar.hours"
    assert "overlap" in err.problem


def test_impossible_holiday_date_is_refused():
    err = refused('[calendar]\nholidays = ["2026-10-01", "2026-13-01"]\n')
    assert err.key == "calendar.holidays[1]"
    assert "2026-13-01" in err.problem


def test_backwards_holiday_range_is_refused():
    err = refused('[calendar]\nholidays = ["2026-10-07..2026-10-01"]\n')
    assert err.key == "calendar.holidays[0]"
    assert "range" in err.problem


def test_holiday_given_as_a_datetime_is_refused_or_taken_as_its_date():
    try:
        policy = parse_policy("[calendar]\nholidays = [2026-11-20T00:00:00]\n", SRC)
    except PolicyError as err:
        assert err.key == "calendar.holidays[0]"
    else:
        assert not policy.calendar.is_working_day(date(2026, 11, 20))


def test_duplicate_category_id_is_refused():
    err = refused(
        '[[categories]]\nid = "other"\nzh = "其他"\nen = "Other"\n'
        '[[categories]]\nid = "other"\nzh = "别的"\nen = "Else"\n'
    )
    assert err.key == "categories[1].id"
    assert "twice" in err.problem


def test_unknown_weekday_is_refused():
    err = refused('[calendar]\nworkdays = ["mon", "funday"]\n')
    assert err.key == "calendar.workdays[1]"
    assert "funday" in err.problem


def test_word_that_only_starts_like_a_weekday_is_refused():
    err = refused('[calendar]\nworkdays = ["monkey"]\n')
    assert err.key == "calendar.workdays[0]"


def test_working_days_are_refused_where_only_clock_time_makes_sense():
    err = refused('[handoff]\nstuck_after = "5wd"\n')
    assert err.key == "handoff.stuck_after"
    assert "working days" in err.problem


def test_unknown_sla_mode_and_tier_are_refused():
    assert refused('[sla]\nmode = "office"\n').key == "sla.mode"
    assert refused('[sla]\ndefault_tier = "orange"\n').key == "sla.default_tier"


def test_bad_cutoff_time_is_refused():
    assert refused('[floor]\nupdate_cutoff = "25:00"\n').key == "floor.update_cutoff"


def test_load_policy_reads_a_utf8_file(tmp_path):
    path = tmp_path / "floor.toml"
    path.write_text('[keywords]\ngreen = ["点赞"]\n', encoding="utf-8")
    policy = load_policy(path)
    assert policy.source == str(path)
    assert policy.keywords["green"] == ("点赞",)


def test_load_policy_on_a_missing_file_names_it(tmp_path):
    path = tmp_path / "nope.toml"
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert caught.value.source == str(path)
    assert "cannot be read" in caught.value.problem


def test_load_policy_on_a_non_utf8_file_says_how_to_fix_it(tmp_path):
    path = tmp_path / "gbk.toml"
    path.write_bytes('[keywords]\nred = ["延迟"]\n'.encode("gbk"))
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert caught.value.source == str(path)
    assert "UTF-8" in caught.value.problem


def test_errors_in_a_loaded_file_name_that_file(tmp_path):
    path = tmp_path / "floor.toml"
    path.write_text("[sla]\nredd = 1\n", encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert caught.value.source == str(path) and caught.value.key == "sla.redd"


# ---------------------------------------------------------------- [callbacks]


def test_default_callback_rules_are_the_domain_table():
    rules = default_policy().callbacks
    assert rules == CallbackRules()
    assert rules.resolved_within == timedelta(hours=24)
    assert (rules.complaint_from, rules.complaint_by) == (2, 3)
    assert rules.complaint_words == ("投诉", "complaint", "complain")
    assert (rules.new_customer_from, rules.new_customer_by) == (3, 7)
    assert rules.long_standing_after == timedelta(days=90)
    assert (rules.long_standing_every, rules.churn_every) == ("quarter", "quarter")
    assert (rules.low_score_max, rules.low_score_within) == (2, 3)
    assert rules.verify_within == timedelta(days=7)
    assert (rules.max_attempts, rules.retry_after) == (3, timedelta(hours=2))
    assert rules.look_back == timedelta(days=7)


def test_a_policy_without_callbacks_keeps_them_default_elsewhere():
    assert parse_policy('[sla]\nmode = "business"\n', SRC).callbacks == CallbackRules()


def test_overriding_callback_keys_keeps_the_others():
    rules = parse_policy(
        '[callbacks]\nresolved_within = "8h"\nlong_standing_every = "half"\nchurn_every = "half"\n'
        'complaint_from = 1\ncomplaint_by = 1\nmax_attempts = 5\nretry_after = "1h30m"\n'
        'long_standing_after = "180d"\nlow_score_max = 3\nlook_back = "30d"\n',
        SRC,
    ).callbacks
    assert rules.resolved_within == timedelta(hours=8)
    assert (rules.long_standing_every, rules.churn_every) == ("half", "half")
    assert (rules.complaint_from, rules.complaint_by) == (1, 1)
    assert (rules.max_attempts, rules.retry_after) == (5, timedelta(minutes=90))
    assert rules.long_standing_after == timedelta(days=180)
    assert rules.low_score_max == 3 and rules.look_back == timedelta(days=30)
    assert (rules.new_customer_from, rules.new_customer_by) == (3, 7)
    assert rules.verify_within == timedelta(days=7)


def test_complaint_words_are_replaced_trimmed_and_casefolded():
    rules = parse_policy(
        '[callbacks]\ncomplaint_words = [" 差评 ", "Beschwerde", "STRASSE"]\n', SRC
    ).callbacks
    assert rules.complaint_words == ("差评", "beschwerde", "strasse")
    assert parse_policy("[callbacks]\ncomplaint_words = []\n", SRC).callbacks.complaint_words == ()


@pytest.mark.parametrize(
    ("line", "key", "says"),
    [
        ('resolved_within = "24 hours"', "callbacks.resolved_within", "not a duration"),
        ('resolved_within = "1wd"', "callbacks.resolved_within", "working days"),
        ('resolved_within = "0m"', "callbacks.resolved_within", "not a duration"),
        ("complaint_from = 0", "callbacks.complaint_from", "whole number from 1 to 60"),
        ("complaint_by = 61", "callbacks.complaint_by", "whole number from 1 to 60"),
        ("complaint_from = 4", "callbacks.complaint_from", "after complaint_by"),
        ('complaint_words = "投诉"', "callbacks.complaint_words", "must be a list"),
        ('complaint_words = ["投诉", " "]', "callbacks.complaint_words[1]", "non-empty string"),
        ("complaint_words = [1]", "callbacks.complaint_words[0]", "non-empty string"),
        ('new_customer_from = "3"', "callbacks.new_customer_from", "whole number"),
        ("new_customer_by = true", "callbacks.new_customer_by", "whole number"),
        ("new_customer_by = 2", "callbacks.new_customer_from", "after new_customer_by"),
        ("new_customer_by = 7.5", "callbacks.new_customer_by", "whole number"),
        ('long_standing_after = "3 months"', "callbacks.long_standing_after", "not a duration"),
        ('long_standing_every = "month"', "callbacks.long_standing_every", "quarter, half"),
        ('churn_every = "year"', "callbacks.churn_every", "quarter, half"),
        ("low_score_max = 5", "callbacks.low_score_max", "whole number from 1 to 4"),
        ("low_score_max = 0", "callbacks.low_score_max", "whole number from 1 to 4"),
        ("low_score_within = 0", "callbacks.low_score_within", "whole number from 1 to 60"),
        ('verify_within = "a week"', "callbacks.verify_within", "not a duration"),
        ("max_attempts = 21", "callbacks.max_attempts", "must be a whole number from 1 to 20"),
        ("max_attempts = 0", "callbacks.max_attempts", "must be a whole number from 1 to 20"),
        ('retry_after = "2"', "callbacks.retry_after", "not a duration"),
        ('retry_after = "1wd"', "callbacks.retry_after", "working days"),
        ('look_back = ""', "callbacks.look_back", "not a duration"),
        ('look_back = "400d"', "callbacks.look_back", "longer than a year"),
    ],
)
def test_each_bad_callback_value_names_its_key(line, key, says):
    err = refused(f"[callbacks]\n{line}\n")
    assert err.key == key
    assert says in err.problem
    assert str(err).startswith(f"{SRC}: {key}: ")


def test_max_attempts_message_reads_as_the_floor_expects():
    assert str(refused("[callbacks]\nmax_attempts = 21\n")) == (
        "floor.toml: callbacks.max_attempts: must be a whole number from 1 to 20, not 21"
    )


def test_unknown_callback_key_is_named_with_the_known_ones():
    err = refused("[callbacks]\nmax_attempt = 3\n")
    assert err.key == "callbacks.max_attempt"
    assert "unknown key" in err.problem and "max_attempts" in err.problem


def test_callbacks_must_be_a_table():
    err = refused('callbacks = "quarter"\n')
    assert err.key == "callbacks"


def test_the_policy_page_example_is_a_valid_policy_with_the_default_callbacks():
    page = (Path(__file__).resolve().parents[2] / "docs" / "policy.md").read_text(encoding="utf-8")
    section = page.split("\n## An example\n", 1)[1]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    policy = parse_policy(example, "docs/policy.md")
    assert policy.callbacks == CallbackRules()
