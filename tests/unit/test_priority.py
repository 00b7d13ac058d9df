"""Keyword auto-priority (docs/floor.md, Tiers and their keywords): words in the description set the tier."""

from __future__ import annotations

import pytest

from core.policy.document import default_policy, parse_policy
from core.tickets.priority import guess_tier

POLICY = default_policy()


def test_domain_example_is_red_because_of_delay():
    guess = guess_tier("我的货已经延迟5天了!", POLICY)
    assert (guess.tier, guess.keyword) == ("red", "延迟")
    assert guess.source == "keyword:延迟"


@pytest.mark.parametrize("word", ["漏发", "破损", "今天必须", "延迟", "故障", "投诉"])
def test_each_red_keyword_makes_it_red(word):
    guess = guess_tier(f"客户反馈：{word}，请处理", POLICY)
    assert (guess.tier, guess.keyword) == ("red", word)


@pytest.mark.parametrize("word", ["建议", "表扬"])
def test_each_green_keyword_makes_it_green(word):
    guess = guess_tier(f"客户{word}我们改进包装", POLICY)
    assert (guess.tier, guess.keyword) == ("green", word)


def test_no_keyword_gives_the_default_tier():
    guess = guess_tier("客户询问发票开具流程", POLICY)
    assert (guess.tier, guess.keyword, guess.source) == ("yellow", None, "default")


def test_default_tier_follows_the_policy():
    policy = parse_policy('[sla]\ndefault_tier = "green"\n', "t")
    assert guess_tier("随便问问", policy).tier == "green"


def test_red_beats_green_when_both_appear():
    guess = guess_tier("表扬你们客服，但是货物破损了", POLICY)
    assert (guess.tier, guess.keyword) == ("red", "破损")


def test_the_earliest_keyword_of_the_winning_tier_is_reported():
    assert guess_tier("先说故障，再说投诉", POLICY).keyword == "故障"
    assert guess_tier("先说投诉，再说故障", POLICY).keyword == "投诉"


def test_english_keyword_fires_case_insensitively_as_a_whole_word():
    guess = guess_tier("Parcel DELAYED again.", POLICY)
    assert (guess.tier, guess.keyword) == ("red", "delayed")


def test_english_keyword_does_not_fire_inside_a_longer_word():
    policy = parse_policy('[keywords]\nred = ["late"]\n', "t")
    assert guess_tier("I will call back later", policy).keyword is None
    assert guess_tier("The translated manual", policy).keyword is None
    assert guess_tier("It arrived late.", policy).keyword == "late"


def test_english_keyword_fires_next_to_chinese_text():
    assert guess_tier("货物delayed了", POLICY).tier == "red"


def test_chinese_keyword_fires_anywhere_without_spaces():
    assert guess_tier("请今天必须送到", POLICY).keyword == "今天必须"


def test_policy_keywords_replace_the_defaults():
    policy = parse_policy('[keywords]\nred = ["停机"]\ngreen = ["点赞"]\n', "t")
    assert guess_tier("设备停机了", policy).keyword == "停机"
    assert guess_tier("货物延迟", policy).keyword is None  # 延迟 no longer a keyword
    assert guess_tier("给客服点赞", policy).tier == "green"


def test_yellow_keywords_from_policy_sit_between_red_and_green():
    policy = parse_policy('[keywords]\nyellow = ["发票"]\n', "t")
    assert guess_tier("发票晚了，提个建议", policy).tier == "yellow"
    assert guess_tier("发票破损", policy).tier == "red"
