"""What customers keep saying (issue 23, core/report/phrases.py): real floor phrases in Chinese
and English, mixed, with numbers and the policy's product names."""

from __future__ import annotations

from core.report.phrases import Vocabulary, phrases_of, top_phrases, words


def test_a_word_and_its_judgement_is_one_phrase():
    assert "响应慢" in phrases_of("响应慢，等了两个小时")
    assert "态度好" in phrases_of("客服态度好，解决得很快")
    assert "不满意" in phrases_of("产品质量不满意，外包装破损")
    assert {"产品质量", "外包装", "破损"} <= phrases_of("产品质量不满意，外包装破损")


def test_numbers_amounts_and_function_words_are_no_phrases():
    found = phrases_of("物流配送延迟，快递三天还没到，订单 20261120 的 2 件货")
    assert "物流配送" in found and "快递" in found
    assert not {"三天", "20261120", "2", "的", "还"} & found
    assert [clause for clause in words("快递三天还没到")] == [["快递", "还", "没到"]]


def test_order_and_tracking_numbers_are_no_phrases_but_a_product_s_number_is():
    found = phrases_of("订单SO20261116未发货，型号A10坏了，sf1234567890 tracking")
    assert not {"so20261116", "sf1234567890"} & found
    assert {"a10", "tracking"} <= found
    kept = phrases_of("门锁2024款", Vocabulary(keep=("门锁2024款",)))
    assert "门锁2024款" in kept


def test_punctuation_ends_a_clause_so_no_pair_crosses_it():
    found = phrases_of("响应慢，态度好")
    assert "慢态度" not in found and "响应慢" in found and "态度好" in found


def test_english_is_lower_cased_and_paired_without_its_stopwords():
    found = phrases_of("The app crashes when I open orders. Slow response!")
    assert {"app crashes", "slow response", "crashes", "orders", "response"} <= found
    assert not {"the", "when", "i", "when i", "the app"} & found


def test_mixed_chinese_and_english_stay_apart():
    found = phrases_of("App 闪退 again，客服说 update 以后就好")
    assert "闪退" in found and "update" in found
    assert not any(" " in phrase and any("\u4e00" <= c <= "\u9fff" for c in phrase) for phrase in found)


def test_the_policy_keeps_product_names_whole_and_ignores_its_filler():
    plain = phrases_of("智能门锁X3的电池续航太短")
    assert "智能门锁X3" not in plain
    vocabulary = Vocabulary(keep=("智能门锁X3",), ignore=frozenset({"电池"}))
    kept = phrases_of("智能门锁X3的电池续航太短", vocabulary)
    assert "智能门锁X3" in kept and "电池" not in kept and "续航太短" in kept
    assert "智能门锁X3电池" not in kept  # 的 ties, it makes no pair


def test_the_top_phrases_count_each_ticket_once_and_give_examples():
    texts = [
        ("T1", "物流配送延迟，快递三天还没到"),
        ("T1", "客户又来电：物流配送太慢"),  # the same ticket's note: T1 counts once
        ("T2", "物流配送延迟两天"),
        ("T3", "响应慢，态度好"),
        ("T4", "响应慢"),
        ("T5", "Slow response from the hotline"),
        ("T6", "slow response again"),
        ("T7", "响应慢，希望增加线上客服时段"),
    ]
    top = top_phrases(texts, limit=5)
    by_text = {phrase.text: phrase for phrase in top}
    assert top[0].text == "响应慢" and top[0].count == 3 and top[0].examples == ("T3", "T4", "T7")
    assert by_text["物流配送延迟"].count == 2  # and 物流配送 (2 too) gives way to it
    assert by_text["slow response"].count == 2
    # a phrase inside a longer one said as often gives way to it
    assert not {"响应", "slow", "response", "物流配送"} & set(by_text)
    assert not any(phrase.text in ("快递还", "客户又") for phrase in top_phrases(texts, limit=50))


def test_nothing_said_gives_nothing():
    assert top_phrases([]) == []
    assert top_phrases([("T1", ""), ("T2", "，。！"), ("T3", "123 456")]) == []


def test_a_degree_word_begins_a_pair_and_the_floors_filler_is_no_phrase():
    """From the user trial: "处理很及时" is "很及时" (not "处理很"); an agent's "客户补充了" says
    nothing a customer kept saying."""
    assert {"很及时", "处理"} <= phrases_of("处理很及时") and "处理很" not in phrases_of("处理很及时")
    assert "态度好" in phrases_of("客服态度好") and "不满意" in phrases_of("非常不满意")
    assert phrases_of("客户补充了现场照片") == {"现场照片", "现场", "照片"}
    assert "asking" not in phrases_of("Customer called again asking for an update")
