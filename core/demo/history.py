"""One demo ticket's life: a story drawn from the floor's habits, cut at now.

The maker plans the whole story of a ticket (claim, first response, notes, customer calls,
a handoff, resolution, callback and close, sometimes a reopen) as timed events, keeps the
events before now and replays them (core.demo.replay), so the ticket row and its timeline
always agree: open work is simply a story whose end lies in the future.

Random draws use rng.random() directly (int(random() * n), bisect over cumulative weights):
the same determinism as randint/choices at a fraction of the cost, which matters at 100,000
tickets.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from core.demo import texts
from core.demo.arrivals import open_phase
from core.demo.clockwork import DAY, HOUR, Stamps, WorkingTime, instant, local_day, seconds
from core.demo.replay import Replayer
from core.policy import TIERS, Policy
from core.tickets import due_times, guess_tier

TICKET_FIELDS = (
    "id",
    "ref",
    "customer",
    "channel",
    "platform",
    "received_at",
    "category",
    "subtag",
    "tier",
    "tier_source",
    "description",
    "mood",
    "owner",
    "status",
    "response_due_at",
    "solution_due_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "resolution",
    "confirmation",
    "reopened_count",
    "inbound_contacts",
    "created_by",
    "last_update_at",
    "row_version",
    "next_due_at",
)
EVENT_FIELDS = ("id", "ticket", "at", "actor", "kind", "text", "before", "after")
HANDOFF_FIELDS = (
    "id",
    "ticket",
    "department",
    "problem",
    "need",
    "due_at",
    "stage",
    "sent_at",
    "answered_at",
    "answer",
    "synced_at",
    "created_by",
)

MOODS = {
    "red": (("angry", 30), ("anxious", 50), ("calm", 20)),
    "yellow": (("angry", 8), ("anxious", 32), ("calm", 60)),
    "green": (("anxious", 5), ("calm", 95)),
}
INBOUND_CALLS = {"angry": (30, 30, 25, 15), "anxious": (45, 30, 15, 10), "calm": (70, 20, 7, 3)}
HANDOFF_WINDOWS = (HOUR, 2 * HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, DAY)
NOTES_PER_TICKET = (0, 0, 0, 1, 1)


@dataclass
class Cast:
    """Who works the floor and who calls it."""

    agents: dict  # language -> logins of the agents who work in it
    supervisors: list  # logins
    ids: dict  # login -> agent id
    customers: list  # (customer id, language)
    customer_weights: list  # how often each customer calls, relative
    departments: dict  # department name -> id


class Weighted:
    """A fast weighted pick: bisect over cumulative weights."""

    def __init__(self, items, weights):
        self.items, self.cumulative = list(items), list(accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rnd):
        return self.items[bisect_right(self.cumulative, rnd() * self.total)]


class TicketMaker:
    """Makes the rows of one ticket at a time; deterministic given the rng's state."""

    def __init__(
        self, rng: random.Random, policy: Policy, cast: Cast, work: WorkingTime, stamps: Stamps, now: int
    ):
        self.rng, self.policy, self.cast, self.now = rng, policy, cast, now
        self.rnd, self.work = rng.random, work.at_or_after
        self.replayer = Replayer(stamps, cast.ids)
        self.customers = Weighted(cast.customers, cast.customer_weights)
        self.channels = Weighted(
            [(c.id, c.needs_platform) for c in policy.channels],
            [texts.CHANNEL_WEIGHTS.get(c.id, 5) for c in policy.channels],
        )
        classes = [(c.id, s.id) for c in policy.categories for s in c.subtags] + [
            (c.id, None) for c in policy.categories if not c.subtags
        ]
        self.classes = Weighted(classes, [texts.CLASS_WEIGHTS.get(k, 5) for k in classes])
        self.moods = {tier: Weighted(*zip(*pairs, strict=True)) for tier, pairs in MOODS.items()}
        self.calls = {mood: Weighted(range(4), weights) for mood, weights in INBOUND_CALLS.items()}
        self.department_names = [d.id for d in policy.departments if d.id in cast.departments] or sorted(
            cast.departments
        )
        self.other_pool = {
            "zh": cast.agents["en"] or cast.agents["zh"],
            "en": cast.agents["zh"] or cast.agents["en"],
        }

    def between(self, low: int, high: int) -> int:
        """A whole number in [low, high]."""
        return low + int(self.rnd() * (high - low + 1))

    def one(self, seq):
        return seq[int(self.rnd() * len(seq))]

    def make(self, tid: int, received: int, is_open: bool):
        """(ticket row, event rows, handoff row or None) for ticket tid."""
        rnd, one, between, work, now = self.rnd, self.one, self.between, self.work, self.now
        customer_id, lang = self.customers.pick(rnd)
        channel, needs_platform = self.channels.pick(rnd)
        category, subtag = self.classes.pick(rnd)
        filler = texts.Filler(self.rng, lambda: local_day(self.policy.calendar, received))
        description = texts.describe(self.rng, filler, lang, category, subtag)
        guess = guess_tier(description, self.policy)
        first_dues = self._dues(received, guess.tier)
        tier = guess.tier if rnd() >= 0.05 else one([t for t in TIERS if t != guess.tier])
        response_due, solution_due = self._dues(received, tier) if tier != guess.tier else first_dues
        mood = self.moods[tier].pick(rnd)
        pool = self.cast.agents[lang] if rnd() < 0.9 else self.other_pool[lang]
        owner = one(self.cast.supervisors if rnd() < 0.03 else pool)
        creator = owner if rnd() < 0.6 else one(pool)
        phase = open_phase(self.rng, now - received) if is_open else None
        # (at, kind, actor, text, what the kind carries: new dues, a confirmation, ...)
        events: list[tuple[int, str, str, str | None, object]] = [(received, "created", creator, None, None)]
        add = events.append

        # claim and first response (首问负责制: without a claim, the first reply takes it)
        claims_first = phase == "claimed" or rnd() < 0.75
        t_own = work(received + between(30, 900))
        if phase == "unclaimed":
            t_own = max(t_own, now + between(60, HOUR))
        window = response_due - received
        if rnd() < 0.88:
            t_first = received + between(min(60, window), max(60, int(window * 0.95)))
        else:
            t_first = received + int(window * (1.05 + 2 * rnd()))
        t_first = max(work(t_first), t_own + between(30, 300) if claims_first else t_own)
        if phase == "claimed":
            t_first = max(t_first, now + between(60, 2 * HOUR))
        if claims_first:
            add((t_own, "claimed", owner, None, None))
        add((t_first, "contact_out", owner, one(texts.FIRST_CONTACTS[lang]), None))
        t_last = t_first
        if tier != guess.tier:
            t_last = (t_own if claims_first else t_first) + between(60, 900)
            add((t_last, "tier", owner, one(texts.TIER_REASONS[lang]), (tier, response_due, solution_due)))
        department = texts.DEPARTMENT_BY_CATEGORY.get(subtag or category)
        if self.department_names and rnd() < (0.045 if department else 0.01):
            t_last = self._handoff(add, filler, lang, owner, department, max(t_first, t_last), is_open)

        # resolution, callback and close; open work resolves after now
        plan = one(texts.SUBTAG_PLAN.get(subtag) or texts.PLAN_BY_CATEGORY.get(category) or ("explain",))
        filler["plan"] = texts.PLAN_NAMES[plan][lang]
        resolution, confirm = texts.RESOLUTIONS[plan][lang], one(texts.CONFIRMATIONS[lang])
        window = solution_due - received
        t_done = received + int(window * (0.2 + 0.75 * rnd() if rnd() < 0.82 else 1.05 + 1.5 * rnd()))
        t_done = max(work(t_done), t_last + between(300, HOUR))
        t_close = work(t_done + between(HOUR, DAY))
        if phase == "reopened" and t_close >= now - 600:
            phase = "working"
        if phase in ("working", "claimed", "unclaimed"):
            t_done = max(t_done, now + between(1800, 2 * DAY))
            t_close = work(t_done + between(HOUR, DAY))
        add((t_done, "resolved", owner, resolution, confirm))
        add((t_close, "closed", owner, one(texts.CLOSE[lang]), None))
        t_end, t_again = t_done, None
        if phase == "reopened" or (not is_open and rnd() < 0.06):
            t_end, t_again = self._reopen(
                add, lang, owner, resolution, confirm, t_close, phase == "reopened"
            ) or (t_done, None)

        # progress updates, notes, and the customer calling in
        if phase in ("working", "reopened"):
            base = t_again or t_first
            for days in (1, 2, 3):
                add(
                    (
                        work(base + days * DAY - between(0, 4 * HOUR)),
                        "contact_out",
                        owner,
                        one(texts.UPDATES[lang]),
                        None,
                    )
                )
        elif t_done - t_first > 8 * HOUR and (t_update := work(t_first + (t_done - t_first) // 2)) < t_done:
            add((t_update, "contact_out", owner, one(texts.UPDATES[lang]), None))
        for _ in range(one(NOTES_PER_TICKET)):
            add(
                (
                    between(t_first + 60, max(t_first + 120, t_done - 60)),
                    "note",
                    owner,
                    one(texts.NOTES[lang]).format_map(filler),
                    None,
                )
            )
        for _ in range(self.calls[mood].pick(rnd)):
            t_call = between(received + 60, max(received + 120, t_end - 60))
            add((t_call, "contact_in", owner if t_call > t_own else creator, one(texts.INBOUND[lang]), None))

        if not is_open and t_done >= now:
            events = _squeeze(events, received, t_done, now)
        events.sort(key=itemgetter(0))
        ticket = dict(
            id=tid,
            customer=customer_id,
            channel=channel,
            received=received,
            category=category,
            subtag=subtag,
            tier=guess.tier,
            source=guess.source,
            dues=first_dues,
            description=description,
            mood=mood,
            creator=creator,
            platform=one(texts.PLATFORMS[lang]) if needs_platform else None,
        )
        return self.replayer.rows(ticket, [e for e in events if e[0] < now])

    def _dues(self, received: int, tier: str) -> tuple[int, int]:
        response, solution = due_times(instant(received), tier, self.policy)
        return seconds(response), seconds(solution)

    def _handoff(self, add, filler, lang, owner, department, after, is_open) -> int:
        """sent -> answered -> synced; open work's handoffs are recent, so mostly still moving."""
        rnd, between, now = self.rnd, self.between, self.now
        name = department if department in self.cast.departments else self.one(self.department_names)
        problem, need, answer = (
            t[lang].format_map(filler) for t in texts.HANDOFF.get(name, texts.HANDOFF["tech"])
        )
        sent = self.work(after + between(300, 5400))
        if is_open:
            sent = max(now - between(600, 4 * HOUR), after + 120)
        due = sent + self.one(HANDOFF_WINDOWS)
        late = rnd() < 0.15
        answered = sent + int((due - sent) * (1.1 + 1.4 * rnd() if late else 0.15 + 0.8 * rnd()))
        synced = answered + between(300, 4 * HOUR if is_open else 2400)
        add(
            (
                sent,
                "handoff",
                owner,
                f"{problem}; {need}",
                ("sent", name, self.cast.departments[name], need, due, problem),
            )
        )
        add((answered, "handoff", owner, answer, ("answered",)))
        add((synced, "handoff", owner, None, ("synced",)))
        return synced

    def _reopen(self, add, lang, owner, resolution, confirm, t_close, stays_open):
        """Callback found it unsolved: reopened, answered again, resolved and closed again."""
        between, work, now = self.between, self.work, self.now
        t_reopen = (
            t_close + int((now - t_close) * (0.2 + 0.7 * self.rnd()))
            if stays_open
            else work(t_close + between(HOUR, 3 * DAY))
        )
        t_again = work(t_reopen + between(600, 4 * HOUR))
        t_done = work(t_again + between(HOUR, 8 * HOUR))
        if stays_open:
            t_done = max(t_done, now + between(1800, 2 * DAY))
        elif t_done >= now:
            return None
        actor = owner if self.rnd() < 0.7 else self.one(self.cast.supervisors)
        add((t_reopen, "reopened", actor, self.one(texts.REOPEN[lang]), None))
        add((t_again, "contact_out", owner, self.one(texts.FIRST_CONTACTS[lang]), None))
        add((t_done, "resolved", owner, resolution, confirm))
        add((work(t_done + between(HOUR, DAY)), "closed", owner, self.one(texts.CLOSE[lang]), None))
        return t_done, t_again


def _squeeze(events: list, received: int, done: int, now: int) -> list:
    """A history ticket whose story ran past now, compressed so it is resolved before now."""
    scale = max(0, now - 1 - received) / (done - received)
    shift = done - (received + int((done - received) * scale))

    def move(at: int) -> int:
        return received + int((at - received) * scale) if at <= done else at - shift

    moved = []
    for at, kind, actor, text, data in events:
        if kind == "handoff" and data[0] == "sent":
            data = (*data[:4], move(data[4]), data[5])
        moved.append((move(at), kind, actor, text, data))
    return moved
