"""What customers kept saying in a week or a month (issue 23): the period's most frequent
phrases (core.report.phrases) with how many tickets said each, and the tickets behind one.

    said = period_phrases(session, week)              # the top 20, each with 3 example refs
    said.phrases[0].text, said.phrases[0].count, said.tickets
    phrase_counts(session, week.previous, ["响应慢"])  # {"响应慢": 4}: how many tickets said it
    tickets_saying(session, week, "响应慢")             # their ids, the drill-down's rows

What a period's customers said, each text under the ticket it is about:
- the **description** of every ticket received in the period;
- the **note of every inbound contact** (a "contact_in" timeline event: the customer called
  or wrote again) logged in the period;
- the **feedback and suggestion** of every callback done (status done) in the period. A
  callback about no ticket (a new customer's, a long-standing customer's call) is put under
  the customer's latest ticket received by the call's completion, so the drill-down can open
  what it is about; a customer with no ticket by then has nothing to open, and that callback's
  words are left out.

A ticket counts a phrase once, however many of its texts say it (its description and a
callback, two calls): the phrases of a ticket's texts are joined before they are counted. The
three sources are read in ticket order side by side and merged, so one ticket's texts come
together and are dropped once counted: memory grows with the distinct phrases, not with the
period's tickets (a big floor's month is 100,000 of them). The floor's policy [phrases] keeps
its product names whole and ignores its filler (core.policy.values.Vocabulary).

The counts beside last period's (phrase_counts) and the drill-down (tickets_saying) look for
given phrases only: a text is segmented only when every character of a phrase is in it, a
condition every text that says the phrase meets, so they agree with period_phrases exactly
and are much quicker.
"""

from __future__ import annotations

import heapq
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby

from peewee import fn

from core.floor import Session, reading
from core.report.figures import raw_rows, received_in
from core.report.monthly_rows import done_in
from core.report.period import Period
from core.report.phrase_cache import Counted, cached, fingerprint_of, keep, words_key
from core.report.phrases import Phrase, PhraseTally, Vocabulary, phrases_of
from db.connection import snapshot
from db.models import Callback, Ticket, TimelineEvent
from db.rows import as_tuples

TOP_PHRASES = 20
"""Phrases a report shows."""
INBOUND = "contact_in"
"""The timeline event of a contact from the customer (core.tickets.lifecycle.log_contact)."""


@dataclass(frozen=True)
class PeriodPhrases:
    """The period's top phrases."""

    phrases: tuple[Phrase, ...]
    """Most said first; a phrase's count is how many tickets said it, its examples their refs."""
    tickets: int
    """How many tickets said any phrase in the period: a phrase's share is count / tickets."""


def vocabulary(session: Session) -> Vocabulary:
    """The floor's words for phrases: the policy's [phrases]."""
    return session.policy.phrases


# ---------------------------------------------------------------- the period's texts

DESCRIPTION, CONTACT, CALLBACK = "description", "contact", "callback"
"""Where a text was said (period_sources)."""


def _descriptions(session: Session, period: Period) -> Iterator[tuple[int, str, str]]:
    query = Ticket.select(Ticket.id, Ticket.description).where(received_in(period)).order_by(Ticket.id)
    return ((ident, text, DESCRIPTION) for ident, text in raw_rows(session, query))


def _inbound_notes(session: Session, period: Period) -> Iterator[tuple[int, str, str]]:
    query = (
        TimelineEvent.select(TimelineEvent.ticket, TimelineEvent.text, TimelineEvent.id)
        .where(
            (TimelineEvent.kind == INBOUND)
            & (TimelineEvent.at >= period.start)
            & (TimelineEvent.at < period.end)
            & TimelineEvent.text.is_null(False)
        )
        .order_by(TimelineEvent.ticket, TimelineEvent.id)
    )
    return ((ident, text, f"{CONTACT}:{event}") for ident, text, event in raw_rows(session, query))


def _callback_ticket():
    """SQL: the ticket a done callback's words go under: its own, else its customer's latest
    received by the call's completion (None: the customer had none)."""
    Latest = Ticket.alias("latest")
    latest = (
        Latest.select(Latest.id)
        .where((Latest.customer == Callback.customer) & (Latest.received_at <= Callback.completed_at))
        .order_by(Latest.received_at.desc(), Latest.id.desc())
        .limit(1)
    )
    return fn.COALESCE(Callback.ticket, latest)


def _callback_words(session: Session, period: Period) -> Iterator[tuple[int, str, str]]:
    ticket = _callback_ticket()
    query = (
        Callback.select(ticket, Callback.feedback, Callback.suggestion, Callback.id)
        .where(done_in(period) & (Callback.feedback.is_null(False) | Callback.suggestion.is_null(False)))
        .order_by(ticket, Callback.id)
    )
    for ident, feedback, suggestion, number in raw_rows(session, query):
        if ident is None:
            continue  # about no ticket, and its customer had none: nothing to open
        for text in (feedback, suggestion):
            if text:
                yield ident, text, f"{CALLBACK}:{number}"


def period_texts(session: Session, period: Period) -> Iterator[tuple[int, list[str]]]:
    """(ticket id, its texts in the period), a ticket at a time in order of id; see the
    module's docstring for which texts. Read inside one snapshot (the caller's)."""
    for ident, said in period_sources(session, period):
        yield ident, [text for text, _ in said]


def period_sources(session: Session, period: Period) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """As period_texts, each text with where it was said: DESCRIPTION, "contact:EVENT_ID" or
    "callback:CALLBACK_ID"."""
    merged = heapq.merge(
        _descriptions(session, period),
        _inbound_notes(session, period),
        _callback_words(session, period),
        key=lambda row: row[0],
    )
    for ident, rows in groupby(merged, key=lambda row: row[0]):
        yield ident, [(text, source) for _, text, source in rows if text]


# ---------------------------------------------------------------- the reads


@reading
def period_phrases(session: Session, period: Period, limit: int = TOP_PHRASES) -> PeriodPhrases:
    """The period's limit most said phrases (Week, Month or any Period; not checked against
    now: the caller resolved it), each with how many tickets said it and up to three example
    refs (the first tickets, by id, that said it). A count kept from texts unchanged since is
    read instead of counted again (core.report.phrase_cache)."""
    session.require_agent()
    words = vocabulary(session)
    bounds, key = f"{period.start.isoformat()}/{period.end.isoformat()}", words_key(words)
    with snapshot(session.db):
        texts = fingerprint(session, period)
        counted = cached(bounds, key, texts) if limit <= TOP_PHRASES else None
        if counted is None:
            counted = _count(session, period, words, max(limit, TOP_PHRASES))
            keep(session.db, bounds, key, texts, counted, session.now())
        phrases, tickets = counted
        refs = _refs({ident for _, _, examples in phrases[:limit] for ident in examples})
    return PeriodPhrases(
        tuple(
            Phrase(text, count, tuple(refs[ident] for ident in examples if ident in refs))
            for text, count, examples in phrases[:limit]
        ),
        tickets,
    )


def _count(session: Session, period: Period, words: Vocabulary, limit: int) -> Counted:
    tally = PhraseTally()
    for ident, texts in period_texts(session, period):
        found: set[str] = set()
        for text in texts:
            found |= phrases_of(text, words)
        tally.add(str(ident), found)
    return [(p.text, p.count, [int(ident) for ident in p.examples]) for p in tally.top(limit)], tally.refs


def fingerprint(session: Session, period: Period) -> str:
    """What the period's texts are: how many of each source and the last of each (a ticket,
    a contact or a callback added, an import of history, changes it); indexed reads only."""
    tickets = Ticket.select(fn.COUNT(Ticket.id), fn.MAX(Ticket.id)).where(received_in(period))
    contacts = TimelineEvent.select(fn.COUNT(TimelineEvent.id), fn.MAX(TimelineEvent.id)).where(
        (TimelineEvent.kind == INBOUND) & (TimelineEvent.at >= period.start) & (TimelineEvent.at < period.end)
    )
    calls = Callback.select(fn.COUNT(Callback.id), fn.MAX(Callback.id)).where(done_in(period))
    parts = [value for query in (tickets, contacts, calls) for value in next(as_tuples(query))]
    return fingerprint_of(parts)


@reading
def phrase_counts(session: Session, period: Period, phrases: Iterable[str]) -> dict[str, int]:
    """How many of the period's tickets said each phrase (0 for none), as period_phrases counts."""
    found = _tickets_saying(session, period, list(phrases))
    return {phrase: len(ids) for phrase, ids in found.items()}


@reading
def tickets_saying(session: Session, period: Period, phrase: str) -> list[int]:
    """The ids of the period's tickets that said phrase, in order of id: as many as its count."""
    return list(where_said(session, period, phrase))


@reading
def where_said(session: Session, period: Period, phrase: str) -> dict[int, list[str]]:
    """The period's tickets that said phrase (in order of id) and where each said it: its
    DESCRIPTION, "contact:EVENT_ID", "callback:CALLBACK_ID" (the drill-down's why)."""
    session.require_agent()
    words = vocabulary(session)
    need = _characters(phrase) - {" "}
    found: dict[int, list[str]] = {}
    with snapshot(session.db):
        for ident, said in period_sources(session, period):
            sources = [
                source
                for text, source in said
                if need <= _characters(text) and phrase in phrases_of(text, words)
            ]
            if sources:
                found[ident] = sources
    return found


def _tickets_saying(session: Session, period: Period, phrases: list[str]) -> dict[str, list[int]]:
    session.require_agent()
    words = vocabulary(session)
    needs = {phrase: _characters(phrase) - {" "} for phrase in phrases}
    saying: dict[str, list[int]] = {phrase: [] for phrase in phrases}
    if not phrases:
        return saying
    with snapshot(session.db):
        for ident, texts in period_texts(session, period):
            found: set[str] = set()
            for text in texts:
                has = _characters(text)
                if any(need <= has for need in needs.values()):
                    found |= phrases_of(text, words)
            for phrase in phrases:
                if phrase in found:
                    saying[phrase].append(ident)
    return saying


def _characters(text: str) -> set[str]:
    """text's characters as a phrase of it may hold them: NFKC (as the segmenter reads it),
    lower-cased (as English words are counted), the final sigma as any other."""
    return set(unicodedata.normalize("NFKC", text).lower().replace("ς", "σ"))


def _refs(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(as_tuples(Ticket.select(Ticket.id, Ticket.ref).where(Ticket.id.in_(list(ids)))))


def phrases_json(said: PeriodPhrases) -> list[dict]:
    """The phrases as `callfloor report --json` gives them under "phrases"."""
    return [{"text": p.text, "count": p.count, "examples": list(p.examples)} for p in said.phrases]
