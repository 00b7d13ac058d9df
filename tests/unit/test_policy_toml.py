"""`policy show`'s file: the policy in force written out, every key, and read back the same."""

from __future__ import annotations

import dataclasses
import tomllib

from core.policy import default_policy, parse_policy, policy_toml
from core.policy.document import _SECTIONS

BUSY = r"""
[floor]
timezone = "Europe/Berlin"
language = "zh"
update_cutoff = "16:30"

[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri", "sat"]
hours = ["08:30-12:00", "13:00-17:45"]
official = "DE"
holidays = ["2026-12-24..2026-12-31", "2027-01-05"]
extra_workdays = ["2026-12-27"]
not_holidays = ["2026-10-03"]
not_workdays = []

[sla]
mode = "calendar"
default_tier = "green"
at_risk = "45m"
pause_on_handoff = true
red = { response = "5m", solution = "1h30m" }
yellow = { solution = "3wd" }
green = { response = "2h", solution = "1wd4h" }

[handoff]
stuck_after = "3h"
sync_within = "1h"

[callbacks]
complaint_words = ["投诉", "beschwerde \"laut\""]
long_standing_every = "half"

[alerts]
unclaimed_red = "10m"
owner_away = "1h15m"
bell = true

[shifts]
default = "workdays 08:00-17:00"
"li.na" = ["mon-fri 08:00-12:00,13:00-17:00", "sat 09:00-13:00"]
night = "fri-mon 22:00-06:00"
temp = "always"
leaver = "off"

[keys]
"queue.claim" = "ctrl+k,f5"

[phrases]
keep = ["智能门锁X3", "Ｘ５\"Pro\""]
ignore = ["您好", "Thank You", "slow response"]

[keywords]
red = ["kaputt", "今天必须"]
yellow = []
green = ["lob"]

[[categories]]
id = "other"
zh = "其他"
en = "Other \\ misc"
subtags = [{ id = "a_b", zh = "甲", en = "A\tB" }]

[[channels]]
id = "wecom"
zh = "企业微信"
en = "WeCom"
needs_platform = true

[[departments]]
id = "lager"
zh = "仓库"
en = "Lager"
hours = "07:00-16:00"
"""


def same(a, b) -> bool:
    return dataclasses.replace(a, source="x") == dataclasses.replace(b, source="x")


def test_the_defaults_written_out_read_back_as_the_defaults():
    text = policy_toml(default_policy())
    assert same(parse_policy(text, "shown.toml"), default_policy())


def test_every_section_and_key_of_the_defaults_is_written():
    written = tomllib.loads(policy_toml(default_policy()))
    for section, keys in _SECTIONS.items():
        if section in ("keys",):
            continue  # no keys moved by default: nothing to write
        assert section in written, section
        if keys is not None:
            unset = {"language"} if section == "floor" else set()  # unset by default: a comment
            assert set(written[section]) == keys - unset, section


def test_the_defaults_say_business_time_and_the_official_calendar():
    text = policy_toml(default_policy())
    assert 'mode = "business"' in text
    assert 'official = "CN"' in text
    assert 'red = { response = "15m", solution = "2h" }' in text
    assert 'green = { response = "1h", solution = "24h" }' in text


def test_a_policy_with_every_kind_of_value_reads_back_the_same():
    policy = parse_policy(BUSY, "busy.toml")
    again = parse_policy(policy_toml(policy, ["a heading", "of two lines"]), "shown.toml")
    assert same(again, policy)
    assert again.calendar.holidays == policy.calendar.holidays  # the range came back as a range


def test_runs_of_days_are_written_as_ranges():
    text = policy_toml(parse_policy(BUSY, "busy.toml"))
    assert 'holidays = ["2026-12-24..2026-12-31", "2027-01-05"]' in text


def test_the_heading_is_comments():
    text = policy_toml(default_policy(), ["loaded by boss"])
    assert text.startswith("# loaded by boss\n[floor]")


def test_the_documented_defaults_are_the_defaults():
    """docs/policy.md's tables ("| `key` | default | meaning |") say what policy show prints."""
    from pathlib import Path

    written = tomllib.loads(policy_toml(default_policy()))
    section, checked = None, 0
    for line in (Path(__file__).parents[2] / "docs" / "policy.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("### `["):
            section = line.split("`[")[1].split("]")[0].strip("[]")
        cells = [c.strip() for c in line.split("|")[1:-1]]
        if (
            section in ("floor", "calendar", "sla", "handoff", "callbacks", "alerts", "shifts")
            and len(cells) == 3
        ):
            key, default = cells[0].strip("`"), cells[1]
            if key not in written.get(section, {}) or not default.startswith("`"):
                continue
            documented = tomllib.loads(f"v = {default.strip('`')}")["v"]
            assert documented == written[section][key], (section, key)
            checked += 1
    assert checked >= 29


def test_an_official_calendar_the_library_does_not_know_is_refused_by_check():
    from datetime import UTC, datetime

    import pytest

    from core.admin.policy_check import check_usable
    from core.basics import PolicyError

    policy = parse_policy('[calendar]\nofficial = "XX"\n', "floor.toml")  # shaped like a code
    with pytest.raises(PolicyError) as refused:
        check_usable(policy, datetime(2026, 11, 20, 2, tzinfo=UTC))
    assert "floor.toml: calendar.official: 'XX' is not a country" in str(refused.value)
    with pytest.raises(PolicyError):
        parse_policy('[calendar]\nofficial = "china"\n', "floor.toml")
