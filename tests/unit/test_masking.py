"""Phones and order numbers never leave the floor in clear (docs/floor.md, Privacy)."""

from __future__ import annotations

import pytest

from core.basics.masking import mask_order, mask_phone, mask_text


def test_mobile_keeps_first_three_and_last_four_digits():
    assert mask_phone("13812345678") == "138****5678"


@pytest.mark.parametrize("written", ["138 1234 5678", "138-1234-5678", "(138) 1234 5678"])
def test_mobile_with_separators_masks_the_same(written):
    assert mask_phone(written) == "138****5678"


def test_landline_with_area_code_is_masked():
    assert mask_phone("010-12345678") == "010****5678"
    assert mask_phone("0755-1234567") == "075****4567"


def test_short_numbers_keep_only_the_last_two_digits():
    assert mask_phone("12345") == "****45"
    assert mask_phone("110") == "****10"
    assert mask_phone("12") == "****"


def test_no_phone_gives_empty_text():
    assert mask_phone(None) == ""
    assert mask_phone("") == ""


def test_masked_phone_never_contains_the_middle_digits():
    assert "1234" not in mask_phone("13812345678")


def test_mobile_with_country_code_masks_like_the_bare_number():
    assert mask_phone("+86 138 1234 5678") == "138****5678"
    assert mask_phone("8613812345678") == "138****5678"
    assert mask_text("客户电话+86 138 1234 5678") == "客户电话138****5678"


def test_phone_inside_chinese_text_is_masked():
    assert mask_text("客户电话13812345678，请回电") == "客户电话138****5678，请回电"


def test_spaced_phone_inside_text_is_masked():
    assert mask_text("请拨打 138 1234 5678 联系张先生") == "请拨打 138****5678 联系张先生"


def test_several_phones_in_one_text_are_all_masked():
    text = "手机13812345678，座机010-87654321"
    assert mask_text(text) == "手机138****5678，座机010****4321"


def test_short_numbers_in_text_are_left_alone():
    text = "我的货已经延迟5天了! 订了3台，价格99.5元，分机8001"
    assert mask_text(text) == text


def test_a_number_after_an_order_word_is_masked_however_short():
    assert mask_text("订了3台，单号1023，分机8001") == "订了3台，单号****，分机8001"


def test_text_without_numbers_is_unchanged():
    assert mask_text("货物破损，要求换货") == "货物破损，要求换货"


def test_digits_glued_to_letters_are_an_order_number():
    assert mask_text("SO20261120001") == "SO2*******001"


def test_dates_in_text_are_not_masked():
    assert mask_text("订单于2026-11-20发货") == "订单于2026-11-20发货"
    assert mask_text("2026-11-20 10:30 客户来电") == "2026-11-20 10:30 客户来电"


def test_long_order_number_keeps_three_at_each_end():
    assert mask_order("SO20261120001") == "SO2*******001"


def test_medium_order_number_keeps_one_and_three():
    assert mask_order("A123456") == "A***456"


def test_short_order_numbers_hide_more():
    assert mask_order("12345") == "1**45"
    assert mask_order("1234") == "****"


def test_no_order_gives_empty_text():
    assert mask_order(None) == ""
    assert mask_order("") == ""


def test_masked_order_keeps_its_length():
    for number in ("12345", "A123456", "SO20261120001"):
        assert len(mask_order(number)) == len(number)
