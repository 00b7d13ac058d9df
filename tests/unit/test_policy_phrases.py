"""The policy's [phrases] (issue 23): the floor's words kept whole (product names) and ignored in
the report's "what customers keep saying"; each bad value refused naming its key, in both
languages."""

from __future__ import annotations

import pytest

from core.basics.errors import PolicyError
from core.policy import Vocabulary, default_policy, parse_policy
from core.policy.values import MAX_PHRASE_WORD_CHARS, MAX_PHRASE_WORDS

SRC = "floor.toml"


def refused(body: str) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        parse_policy(f"[phrases]\n{body}\n", SRC)
    return caught.value


def test_by_default_no_word_is_kept_or_ignored():
    assert default_policy().phrases == Vocabulary()


def test_kept_words_are_normalised_as_texts_are_and_ignored_ones_lower_cased():
    policy = parse_policy(
        '[phrases]\nkeep = ["智能门锁X3", "ＰＲＯ９", "智能门锁X3"]\nignore = ["您好", "Hello"]\n', SRC
    )
    assert policy.phrases.keep == ("智能门锁X3", "PRO9")  # full-width as the texts are read; once
    assert policy.phrases.ignore == frozenset({"您好", "hello"})
    assert parse_policy('[phrases]\nignore = ["slow response"]\n', SRC).phrases.keep == ()


@pytest.mark.parametrize(
    ("body", "key", "says"),
    [
        ('keep = "智能门锁X3"', "phrases.keep", "must be a list"),
        ('keep = [""]', "phrases.keep[0]", "must be a word in quotes"),
        ('ignore = ["ok", "  "]', "phrases.ignore[1]", "must be a word in quotes"),
        ("keep = [3]", "phrases.keep[0]", "not 3"),
        ('keep = ["门锁\\u0000X3"]', "phrases.keep[0]", "control character"),
        ('ignore = ["您好\\n"]', "phrases.ignore[0]", "control character"),
        ('keep = ["smart lock"]', "phrases.keep[0]", "holds a space"),
        (f'keep = ["{"锁" * (MAX_PHRASE_WORD_CHARS + 1)}"]', "phrases.keep[0]", "at most 40"),
        ("ignore = [" + ", ".join(['"w"'] * (MAX_PHRASE_WORDS + 1)) + "]", "phrases.ignore", "at most 2,000"),
        ("words = []", "phrases.words", "unknown key"),
        ('phrases = ["x"]', "phrases", "must be a table"),
    ],
)
def test_a_bad_value_is_refused_naming_its_key(body, key, says):
    if body.startswith("phrases ="):
        with pytest.raises(PolicyError) as caught:
            parse_policy(body, SRC)
        err = caught.value
    else:
        err = refused(body)
    assert err.key == key
    assert says in str(err) and str(err).startswith(f"{SRC}: {key}: ")


def test_the_refusals_are_in_chinese_too():
    err = refused('keep = ["smart lock"]')
    assert "含有空格" in err.say("zh")
    assert "控制字符" in refused('keep = ["a\\tb"]').say("zh")
