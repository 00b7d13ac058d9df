"""Keeping a period's counted phrases (issue 23): counting segments every text of the period
(jieba: about 0.1 ms a text, seconds for a 50,000-ticket week, and 60 MB of dictionary), so
what a count found is kept with the fingerprint of the texts it read (core.report.period_phrases)
and the words it counted by; the report screen, `report --json` and the workbook read it again
while neither has changed. A week that has ended keeps its texts, so its phrases are counted
once; the week under way is counted again after each new ticket, contact or callback.

The row is written from a connection of its own, in a thread: the count is read inside the
report's read-only snapshot, which cannot write. A failed write loses nothing but the saving
(the next read counts again), so it is dropped silently.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Sequence

from core.report.phrase_words import CHINESE_STOPWORDS, ENGLISH_STOPWORDS, JOINERS, LEADING_ONLY
from core.report.phrases import Vocabulary
from db.connection import write_transaction
from db.models import PhraseCache

RULES_VERSION = 1
"""Raise with a change to how phrases are found (core.report.phrases) that the words below do
not show: every kept count is then counted again."""

Counted = tuple[list[tuple[str, int, list[int]]], int]
"""(phrases as (text, count, example ticket ids), tickets that said anything)."""


def words_key(vocabulary: Vocabulary) -> str:
    """What a count depends on besides the texts: the policy's words and the rules' own."""
    rules = {
        "version": RULES_VERSION,
        "keep": list(vocabulary.keep),
        "ignore": sorted(vocabulary.ignore),
        "stop": sorted(CHINESE_STOPWORDS | ENGLISH_STOPWORDS | JOINERS | LEADING_ONLY),
    }
    return hashlib.sha256(json.dumps(rules, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def cached(period: str, words: str, fingerprint: str) -> Counted | None:
    """The count kept for the period and words, when it was made from these texts."""
    row = PhraseCache.get_or_none((PhraseCache.period == period) & (PhraseCache.vocabulary == words))
    if row is None or row.fingerprint != fingerprint:
        return None
    phrases = [(p["text"], p["count"], list(p["examples"])) for p in json.loads(row.phrases)]
    return phrases, row.tickets


def keep(db, period: str, words: str, fingerprint: str, counted: Counted, now) -> None:
    """Save a count (replacing the period's older one), from a connection of its own."""
    phrases, tickets = counted
    text = json.dumps([{"text": t, "count": n, "examples": ids} for t, n, ids in phrases], ensure_ascii=False)

    def write() -> None:
        try:
            with write_transaction(db):
                where = (PhraseCache.period == period) & (PhraseCache.vocabulary == words)
                PhraseCache.delete().where(where).execute()
                PhraseCache.create(
                    period=period,
                    vocabulary=words,
                    fingerprint=fingerprint,
                    counted_at=now,
                    phrases=text,
                    tickets=tickets,
                )
        except Exception:  # noqa: BLE001  a cache: the next read counts again
            pass
        finally:
            db.close()  # this thread's own connection

    saver = threading.Thread(target=write, name="phrase-cache", daemon=True)
    saver.start()
    saver.join(timeout=WRITE_WAIT)


WRITE_WAIT = 5.0
"""Seconds a count waits for its saving (a floor busy writing may keep it longer: then the row
is written when it can, or not at all)."""


def fingerprint_of(parts: Sequence[object]) -> str:
    return ":".join("-" if part is None else str(part) for part in parts)


__all__ = ["Counted", "cached", "fingerprint_of", "keep", "words_key"]
