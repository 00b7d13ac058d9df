"""What customers keep saying (issue 23): the most frequent phrases of a set of texts (ticket
descriptions, inbound notes, callback feedback and suggestions), in Chinese and English, with
how many texts say each and example tickets.

Chinese has no spaces, so it is cut into words by jieba (MIT, pure Python, its dictionary in
the package: it installs from the package index and works offline; the de facto standard,
packaged by Debian and Arch). A phrase is a content word ("物流配送", "退款") or two words side
by side in one clause ("响应慢", "态度好", "不满意", "slow response"): what customers say is
often a word and its judgement. The floor's policy adds words to keep whole (product names:
"智能门锁X3") and words to ignore.

A text counts a phrase once; a phrase inside a longer one said by as many texts gives way to
it ("响应" to "响应慢"). Numbers and amounts ("三天", "2") are not phrases, nor codes with four
digits or more (an order number "SO20261116": it names one customer's order).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from core.policy import Vocabulary
from core.report.phrase_words import CHINESE_STOPWORDS, ENGLISH_STOPWORDS, JOINERS, LEADING_ONLY

EXAMPLES = 3
"""Example tickets kept for each phrase."""
KEEP_FREQUENCY = 100_000
"""How strongly a policy word is kept whole: above any dictionary word's (jieba's own scale)."""
_NUMBER = re.compile(
    r"[0-9０-９.,%零〇一二三四五六七八九十百千万亿两几半]+[个天次小时分钟秒元块件台周月年日号单遍]*"
)
CODE_DIGITS = 4
"""A word with this many digits is a code, not a phrase (a product's "X3", "A10" is one)."""
_HAN = re.compile(r"[\u3400-\u9fff]")


NO_WORDS = Vocabulary()
"""No floor words: the default policy's [phrases]."""
CACHED_TEXTS = 4096
"""Texts whose phrases are remembered: a floor's texts repeat (templates, "同上", the demo's),
and segmenting is the costly part of the report's phrases."""

__all__ = ["EXAMPLES", "Phrase", "PhraseTally", "Vocabulary", "phrases_of", "top_phrases", "words"]
"""Vocabulary is the policy's ([phrases], core.policy.values), named here where it is used."""


@dataclass(frozen=True)
class Phrase:
    text: str
    count: int
    """How many texts say it."""
    examples: tuple[str, ...]
    """Refs of the first texts that say it (EXAMPLES at most)."""


@lru_cache(maxsize=8)
def _tokenizer(keep: tuple[str, ...]) -> Any:
    """A tokenizer of its own for these kept words (jieba's default one is process-wide)."""
    # Imported here: jieba (and the pkg_resources it loads) is 30 MB of every app session's
    # memory, which only the report's phrases use.
    import jieba

    jieba.setLogLevel(logging.WARNING)  # its dictionary loading talks on stderr otherwise
    tokenizer = jieba.Tokenizer()
    for word in keep:
        tokenizer.add_word(word, freq=KEEP_FREQUENCY)
    return tokenizer


def _is_code(token: str) -> bool:
    """An order, tracking or account number ("SO20261116", "sf1234567"): CODE_DIGITS digits or
    more. Nobody keeps saying one, and it may point at one customer."""
    return sum(c.isdigit() for c in token) >= CODE_DIGITS


def _is_han(token: str) -> bool:
    return _HAN.search(token) is not None


def _is_word(token: str) -> bool:
    """Letters or Chinese characters (not punctuation, space or symbols)."""
    return any(unicodedata.category(c)[0] == "L" for c in token)


def words(text: str, vocabulary: Vocabulary = NO_WORDS) -> list[list[str]]:
    """text's words, clause by clause (punctuation ends a clause): English lower-cased,
    numbers and amounts left out, the floor's kept words whole."""
    kept = {word.lower() for word in vocabulary.keep}
    clauses: list[list[str]] = [[]]
    for token in _tokenizer(tuple(vocabulary.keep)).lcut(unicodedata.normalize("NFKC", text or "")):
        token = token.strip()
        if not token:
            continue
        if not _is_word(token):
            if not token.isdigit() and clauses[-1]:
                clauses.append([])  # punctuation: the next words are another clause
            continue
        if (_NUMBER.fullmatch(token) or _is_code(token)) and token.lower() not in kept:
            continue
        clauses[-1].append(token if _is_han(token) else token.lower())
    return [clause for clause in clauses if clause]


def _content(token: str, vocabulary: Vocabulary, kept: set[str]) -> bool:
    """A word that is a phrase by itself: not a stopword nor ignored, two Chinese characters or
    three letters at least (or a kept word)."""
    if token in vocabulary.ignore:
        return False
    if token in kept:
        return True
    if _is_han(token):
        return len(token) >= 2 and token not in CHINESE_STOPWORDS
    return len(token) >= 3 and token not in ENGLISH_STOPWORDS


def phrases_of(text: str, vocabulary: Vocabulary = NO_WORDS) -> set[str]:
    """The phrases one text says (each once); an ignored word is no phrase, nor is an ignored
    pair ("slow response" in ignore)."""
    return set(_phrases_of(text or "", vocabulary))


@lru_cache(maxsize=CACHED_TEXTS)
def _phrases_of(text: str, vocabulary: Vocabulary) -> frozenset[str]:
    kept = set(vocabulary.keep) | {word.lower() for word in vocabulary.keep}
    found: set[str] = set()
    for clause in words(text, vocabulary):
        clause = [token for token in clause if token not in vocabulary.ignore]
        for index, token in enumerate(clause):
            if _content(token, vocabulary, kept):
                found.add(token)
            if index + 1 < len(clause):
                pair = (token, clause[index + 1])
                if _pairs(pair, vocabulary, kept):
                    found.add(_joined(pair))
    return frozenset(found - vocabulary.ignore)


def _pairs(pair: tuple[str, str], vocabulary: Vocabulary, kept: set[str]) -> bool:
    """Two words side by side make a phrase when one carries meaning and neither is filler:
    "响应"+"慢", "不"+"满意", "slow"+"response"; not "的"+"电池", "快递"+"还" or "when"+"i"."""
    first, second = pair
    if first in JOINERS or second in JOINERS:
        return False
    if _is_han(first) != _is_han(second):
        return False
    if not _is_han(first):
        return first not in ENGLISH_STOPWORDS and second not in ENGLISH_STOPWORDS
    if first in CHINESE_STOPWORDS or second in CHINESE_STOPWORDS:
        return False  # "快递还", "客户又": filler beside a word adds nothing to it
    if second in LEADING_ONLY:
        return False  # "处理很" of "处理很及时": a degree word or negation goes with what follows it
    return _content(first, vocabulary, kept) or _content(second, vocabulary, kept)


def _joined(pair: tuple[str, str]) -> str:
    return "".join(pair) if _is_han(pair[0]) else " ".join(pair)


def top_phrases(
    texts: Iterable[tuple[str, str]], vocabulary: Vocabulary = NO_WORDS, limit: int = 20
) -> list[Phrase]:
    """The phrases most texts say, most first (then the longer, then by text): texts are (ref,
    text) pairs; a ref's several texts (a description and its notes) count it once. (Every ref's
    phrases are held until the end: for a period's texts, streamed a ticket at a time, see
    core.report.period_phrases, which feeds a PhraseTally itself.)"""
    said: dict[str, set[str]] = {}
    for ref, text in texts:
        said.setdefault(ref, set()).update(phrases_of(text, vocabulary))
    tally = PhraseTally()
    for ref, found in said.items():
        tally.add(ref, found)
    return tally.top(limit)


class PhraseTally:
    """How many refs (tickets) say each phrase, and the first EXAMPLES refs of each, added one
    ref at a time: what a ref said is dropped once counted, so memory grows with the phrases
    said, not with the texts."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[str]] = {}
        self.refs = 0
        """Refs added that said at least one phrase (a share's denominator)."""

    def add(self, ref: str, found: Iterable[str]) -> None:
        """One ref's phrases, all its texts' together (a ref added twice counts twice)."""
        said = False
        for phrase in found:
            said = True
            self.counts[phrase] += 1
            shown = self.examples.setdefault(phrase, [])
            if len(shown) < EXAMPLES:
                shown.append(ref)
        self.refs += said

    def top(self, limit: int = 20) -> list[Phrase]:
        """The limit phrases said by most refs, most first, then the longer, then by text; a
        phrase inside a longer one said by at least as many gives way to it ("响应" to "响应慢").

        Walked in that order, every phrase a phrase may give way to comes before it (more refs,
        or as many and longer), so only those already walked are looked at, and the walk stops
        at limit: quick however many phrases there are."""
        counts = self.counts
        ranked = sorted(counts, key=lambda phrase: (-counts[phrase], -len(phrase), phrase))
        shown: list[Phrase] = []
        for index, phrase in enumerate(ranked):
            if len(shown) >= limit:
                break
            if any(phrase in other and len(other) > len(phrase) for other in ranked[:index]):
                continue
            shown.append(Phrase(phrase, counts[phrase], tuple(self.examples[phrase])))
        return shown
