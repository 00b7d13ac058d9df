"""One demo ticket's life: a story drawn from the floor's habits, cut at now.

The maker plans the whole story of a ticket (entry, claim, first response, notes, customer
calls, a handoff, resolution, the callback and the close, sometimes a low score that reopens
it) as timed events, keeps the events before now and replays them (core.demo.replay), so the
ticket row and its timeline always agree: open work is simply a story whose end lies in the
future, and which tickets are open now follows from the story, not from a quota. When the
callback comes is the floor's to say (core.demo.planner: one call for several tickets of a
customer, a week between routine calls): a story resolved before now waits for it (Story),
and tickets come in their order of arrival, so the calls up to each arrival are settled first.

Agents act in the floor's working hours, and the story is planned on its working clock
(core.demo.clockwork.WorkingTime): "twenty minutes after" means twenty minutes of opening
time, so feedback that came in at night is entered and answered when the floor opens, and
the targets (counted in working time too, by default) are met, or missed, as on a real floor:
most within them, a few late, a rare one stuck for days. A department answers within its
online hours.

Random draws use rng.random() directly (int(random() * n), bisect over cumulative weights):
the same determinism as randint/choices at a fraction of the cost, which matters at 100,000
tickets.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from datetime import time, timedelta
from itertools import accumulate
from operator import itemgetter

from core.callbacks import is_complaint
from core.demo import texts
from core.demo.arrivals import ENTRY_SWEEP
from core.demo.clockwork import HOUR, MINUTE, Stamps, WorkingTime, instant, local_day, seconds
from core.demo.people import Cast
from core.demo.planner import CallPlanner
from core.demo.replay import Replayer
from core.policy import TIERS, Policy, parse_hours
from core.tickets import due_times, guess_tier
from core.tickets.sla import moved_on

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
    "paused_at",
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
HANDOFF_WINDOWS = (HOUR, 2 * HOUR, 2 * HOUR, 3 * HOUR, 4 * HOUR, 8 * HOUR)
"""The working time a department is given to answer (its online hours)."""
NOTES_PER_TICKET = (0, 0, 0, 1, 1)
LIVE_CHANNELS = frozenset({"phone", "face_to_face", "online_chat"})
"""Channels that need someone on the floor to take them: feedback out of hours comes by the others."""

# The floor's habits, as shares of tickets.
CLAIMS_FIRST = 0.75  # claimed from the queue before the first call; else the first call takes it
RESPONSE_IN_TARGET = 0.93
SOLUTION_LATE = 0.04  # solved somewhat past the target
STUCK = 0.002  # waiting on something for days
HANDOFF_LIKELY, HANDOFF_RARE = 0.045, 0.01  # with a department that usually helps, or any
HANDOFF_LATE = 0.12  # the department answers past the time it was given
UPDATE_KEPT = 0.95  # an open ticket's daily update to the customer, made before the cutoff
WAITS = 0.05  # asked the customer for something (photos, a serial number) and waited for it
WAIT_MINUTES = (60, 240, 480, 960)  # the working minutes a customer takes to answer, at most


class Weighted:
    """A fast weighted pick: bisect over cumulative weights."""

    def __init__(self, items, weights):
        self.items, self.cumulative = list(items), list(accumulate(weights))
        self.total = self.cumulative[-1]

    def pick(self, rnd):
        return self.items[bisect_right(self.cumulative, rnd() * self.total)]


class Story:
    """A ticket's story planned up to its (first) resolution, waiting for the callback that
    ends it: core.demo.planner.CallPlanner calls reopened (a low score) and close. It keeps
    only what those need (many wait days for their call)."""

    __slots__ = ("maker", "ticket", "events", "owner", "lang", "resolved_at", "complaint", "resolution")

    def __init__(self, maker, ticket, events, owner, lang, resolved_at, complaint, resolution):
        self.maker: TicketMaker = maker
        self.ticket: dict = ticket  # what core.demo.replay needs of the ticket row
        self.events: tuple = events  # (at, kind, actor, text, data), in any order
        self.owner: str = owner
        self.lang: str = lang
        self.resolved_at: int = resolved_at
        self.complaint: bool = complaint
        self.resolution: tuple = resolution  # (resolution, confirmation): solved again, the same way

    @property
    def customer(self) -> int:
        return self.ticket["customer"]

    @property
    def tid(self) -> int:
        return self.ticket["id"]

    def reopened(self, at: int, caller: str) -> int:
        return self.maker._reopened(self, at, caller)

    def close(self, at: int | None) -> None:
        self.maker._finish(self, at)


class TicketMaker:
    """Makes the rows of one ticket at a time; deterministic given the rng's state. A ticket
    resolved before now waits for its callback (the planner's): make() hands over the rows of
    the tickets whose stories ended by then in self.finished, and rows() turns them into rows."""

    def __init__(
        self,
        rng: random.Random,
        policy: Policy,
        cast: Cast,
        work: WorkingTime,
        stamps: Stamps,
        now: int,
        planner: CallPlanner,
    ):
        self.rng, self.policy, self.cast, self.now = rng, policy, cast, now
        self.rnd, self.work, self.planner = rng.random, work, planner
        self.replayer = Replayer(stamps, cast.ids)
        self.finished: list[tuple[dict, list]] = []  # (ticket, its events before now), stories that ended
        self.customers = Weighted(cast.customers, cast.customer_weights)
        channels = [(c.id, c.needs_platform) for c in policy.channels]
        weights = [texts.CHANNEL_WEIGHTS.get(c.id, 5) for c in policy.channels]
        self.channels = Weighted(channels, weights)
        unattended = [(c, w) for c, w in zip(channels, weights, strict=True) if c[0] not in LIVE_CHANNELS]
        self.channels_closed = Weighted(*zip(*unattended, strict=True)) if unattended else self.channels
        classes = [(c.id, s.id) for c in policy.categories for s in c.subtags] + [
            (c.id, None) for c in policy.categories if not c.subtags
        ]
        self.classes = Weighted(classes, [texts.CLASS_WEIGHTS.get(k, 5) for k in classes])
        self.moods = {tier: Weighted(*zip(*pairs, strict=True)) for tier, pairs in MOODS.items()}
        self.calls = {mood: Weighted(range(4), weights) for mood, weights in INBOUND_CALLS.items()}
        self.department_names = [d.id for d in policy.departments if d.id in cast.departments] or sorted(
            cast.departments
        )
        self.department_work = {
            name: _online(work, policy, cast.department_hours.get(name)) for name in cast.departments
        }
        self.other_pool = {
            "zh": cast.agents["en"] or cast.agents["zh"],
            "en": cast.agents["zh"] or cast.agents["en"],
        }
        self.day = max(HOUR, sum(_clock(end) - _clock(start) for start, end in policy.calendar.hours))
        self.fast_targets = _fast_targets(policy)

    def between(self, low: int, high: int) -> int:
        """A whole number in [low, high] (low when high < low)."""
        return low + int(self.rnd() * (high - low + 1)) if high > low else low

    def one(self, seq):
        return seq[int(self.rnd() * len(seq))]

    def make(self, tid: int, received: int) -> None:
        """Ticket tid's story, received at `received` (tickets come in their order of arrival):
        its rows join self.finished when it ends (see the class)."""
        self.planner.advance(received)  # the floor's callbacks up to now, which no later ticket changes
        rnd, one, between, now, work = self.rnd, self.one, self.between, self.now, self.work
        at = work.t  # the working clock's reading -> the instant an agent acts
        attended = work.is_open(received)
        customer_id, lang = self.customers.pick(rnd)
        channel, needs_platform = (self.channels if attended else self.channels_closed).pick(rnd)
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

        # Everything below on the working clock, from b0: the receipt, or the next opening.
        b0 = work.b(received)
        for_response = max(0, work.b(response_due) - b0)
        for_solution = max(0, work.b(solution_due) - b0)
        # (at, kind, actor, text, what the kind carries: new dues, a confirmation, ...)
        o_entry = 0 if attended else between(MINUTE, ENTRY_SWEEP - MINUTE)  # the morning's sweep
        events: list[tuple[int, str, str, str | None, object]] = [
            (received if attended else at(b0 + o_entry), "created", creator, None, None)
        ]
        add = events.append

        # claim and first response (首问负责制: without a claim, the first reply takes it)
        claims_first = rnd() < CLAIMS_FIRST
        o_claim = o_entry + between(20, max(60, for_response // 3))
        earliest = o_claim + between(30, 240) if claims_first else o_claim
        if rnd() < RESPONSE_IN_TARGET:
            o_first = earliest + int(rnd() * max(0, int(for_response * 0.95) - earliest))
        else:
            o_first = max(earliest, int(for_response * (1.05 + rnd()))) + between(0, 300)
        if claims_first:
            add((at(b0 + o_claim), "claimed", owner, None, None))
        add((at(b0 + o_first), "contact_out", owner, one(texts.FIRST_CONTACTS[lang]), None))
        o_own = o_claim if claims_first else o_first
        o_last = o_first
        if tier != guess.tier:
            o_tier = o_own + between(60, 900)
            add(
                (
                    at(b0 + o_tier),
                    "tier",
                    owner,
                    one(texts.TIER_REASONS[lang]),
                    (tier, response_due, solution_due),
                )
            )
            o_last = max(o_last, o_tier)
        department = texts.DEPARTMENT_BY_CATEGORY.get(subtag or category)
        if self.department_names and rnd() < (HANDOFF_LIKELY if department else HANDOFF_RARE):
            o_last = self._handoff(add, filler, lang, owner, department, b0 + o_last) - b0

        # resolution: mostly within the target, some late, a rare one stuck for days
        roll = rnd()
        if roll < STUCK:
            o_done = for_solution + between(self.day, 4 * self.day)
        elif roll < STUCK + SOLUTION_LATE:
            o_done = int(for_solution * (1.05 + 0.45 * rnd()))
        else:
            o_done = int(for_solution * (0.15 + 0.8 * rnd()))
        o_done = max(o_done, o_last + between(300, HOUR))

        # waiting on the customer (待客户回复): asked for something after the steps so far, the
        # solution clock paused until they answer; the target, and the resolution, move on by
        # the working time held (whole minutes, as core records it)
        wait = (1, 0)  # the working clock's span of the wait (none: an empty one)
        if rnd() < WAITS:
            o_wait = between(o_last + 5 * MINUTE, o_done - 30 * MINUTE)
            o_back = o_wait + MINUTE * between(10, one(WAIT_MINUTES))
            o_done = max(o_done + o_back - o_wait, o_back + between(5 * MINUTE, HOUR))
            t_wait, t_back = at(b0 + o_wait), at(b0 + o_back)
            held = o_back - o_wait if self.policy.sla_mode == "business" else t_back - t_wait
            add((t_wait, "waiting", owner, one(texts.WAIT_ASKS[lang]), None))
            add((t_wait, "clock_paused", owner, None, None))
            add((t_back, "contact_in", owner, one(texts.WAIT_REPLIES[lang]), None))
            add((t_back, "clock_resumed", owner, None, (held, self._moved_on(solution_due, held))))
            wait = (b0 + o_wait, b0 + o_back)
        plan = one(texts.SUBTAG_PLAN.get(subtag) or texts.PLAN_BY_CATEGORY.get(category) or ("explain",))
        filler["plan"] = texts.PLAN_NAMES[plan][lang]
        resolution, confirm = texts.RESOLUTIONS[plan][lang], one(texts.CONFIRMATIONS[lang])
        complaint = is_complaint(description, self.policy.callbacks)
        t_done = at(b0 + o_done)
        add((t_done, "resolved", owner, resolution, confirm))

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

        # while it is worked: the daily update to the customer, notes; the customer calling in
        # (while it waits on the customer, none: no update is owed, and their call would end it)
        w_from, w_to = wait
        self._updates(add, owner, lang, b0 + o_first, b0 + o_done, wait)
        for _ in range(one(NOTES_PER_TICKET)):
            b_note = between(b0 + o_first + 60, b0 + o_done - 60)
            if not w_from <= b_note <= w_to:
                add((at(b_note), "note", owner, one(texts.NOTES[lang]).format_map(filler), None))
        for _ in range(self.calls[mood].pick(rnd)):
            o_call = between(o_entry + 60, o_done - 60)
            if not w_from <= b0 + o_call <= w_to:
                taker = owner if o_call > o_own else creator
                add((at(b0 + o_call), "contact_in", taker, one(texts.INBOUND[lang]), None))

        # waiting (often for days), the events are a tuple of tuples of plain values: the
        # collector stops tracking them, rather than going through them in every full collection
        story = Story(self, ticket, tuple(events), owner, lang, t_done, complaint, (resolution, confirm))
        if t_done < now:  # the callback closes the loop, or scores low and sends it back to work
            self.planner.resolved(story)
        else:
            story.close(None)

    def _updates(self, add, owner: str, lang: str, start: int, end: int, wait=(1, 0)) -> None:
        """The daily updates to the customer (before the cutoff) while the ticket is worked,
        from start to end on the working clock, none while it waits on the customer."""
        rnd, between, one, at = self.rnd, self.between, self.one, self.work.t
        days, cutoffs = self.work.day_starts, self.work.day_cutoffs
        w_from, w_to = wait
        for k in range(bisect_right(days, start), bisect_left(days, end)):
            if rnd() < UPDATE_KEPT:
                b_update = days[k] + between(10 * MINUTE, cutoffs[k] - days[k] - 10 * MINUTE)
                if b_update < end and not w_from <= b_update <= w_to:
                    add((at(b_update), "contact_out", owner, one(texts.UPDATES[lang]), None))

    def _reopened(self, story: Story, at: int, caller: str) -> int:
        """A low score at `at` reopened the ticket: worked again and solved within hours."""
        work, between, one, lang, owner = self.work, self.between, self.one, story.lang, story.owner
        events = list(story.events)
        add = events.append
        add((at, "reopened", caller, one(texts.REOPEN[lang]), None))
        t_again = work.later(at, between(5 * MINUTE, 30 * MINUTE))
        add((t_again, "contact_out", owner, one(texts.FIRST_CONTACTS[lang]), None))
        t_done = work.later(t_again, between(30 * MINUTE, 3 * HOUR))
        add((t_done, "resolved", owner, *story.resolution))
        self._updates(add, owner, lang, work.b(at), work.b(t_done))
        story.events = tuple(events)  # waiting again, for the new resolution's call
        return t_done

    def _finish(self, story: Story, closed: int | None) -> None:
        """The story ends, closed at `closed` (None: still waiting for its callback), as it
        stands now: it joins self.finished."""
        events = list(story.events)
        if closed is not None:
            events.append((closed, "closed", story.owner, self.one(texts.CLOSE[story.lang]), None))
        events.sort(key=itemgetter(0))
        now = self.now
        self.finished.append((story.ticket, [e for e in events if e[0] < now]))

    def rows(self) -> list[tuple]:
        """(ticket row, event rows, handoff row or None) of the stories that ended since the last
        call, in ticket order (their rows and events are written in the order of their ids)."""
        finished, self.finished = self.finished, []
        finished.sort(key=lambda story: story[0]["id"])
        return [self.replayer.rows(ticket, events) for ticket, events in finished]

    def _dues(self, received: int, tier: str) -> tuple[int, int]:
        """The ticket's due times, core.tickets.due_times's; on the working clock when the
        policy counts plain working time (the build's hot path), else by core itself."""
        fast = self.fast_targets.get(tier)
        if fast is not None and self.work.covers(received):
            b0, work = self.work.b(received), self.work
            response, solution = work.t_close(b0 + fast[0]), work.t_close(b0 + fast[1])
            if work.covers(solution):
                return response, solution
        response_at, solution_at = due_times(instant(received), tier, self.policy)
        return seconds(response_at), seconds(solution_at)

    def _moved_on(self, due: int, held: int) -> int:
        """core.tickets.sla.moved_on: due moved on by held seconds of counting time; on the
        working clock in business mode when it covers both ends, else by core itself."""
        if held <= 0:
            return due
        work = self.work
        if self.policy.sla_mode == "business" and work.covers(due):
            moved = work.t_close(work.b(due) + held)
            if work.covers(moved):
                return moved
        return seconds(moved_on(instant(due), timedelta(seconds=held), self.policy))

    def _handoff(self, add, filler, lang, owner, department, after: int) -> int:
        """sent -> answered -> synced; sent and synced by the agent in floor hours, answered in
        the department's online hours; returns the working clock at the sync."""
        rnd, between, work = self.rnd, self.between, self.work
        name = department if department in self.cast.departments else self.one(self.department_names)
        online = self.department_work[name]
        problem, need, answer = (
            t[lang].format_map(filler) for t in texts.HANDOFF.get(name, texts.HANDOFF["tech"])
        )
        sent = work.t(after + between(5 * MINUTE, 90 * MINUTE))
        window = self.one(HANDOFF_WINDOWS)
        asked = online.b(sent)
        due = online.t_close(asked + window)
        share = 1.1 + 1.4 * rnd() if rnd() < HANDOFF_LATE else 0.15 + 0.8 * rnd()
        answered = online.t(asked + int(window * share))
        synced = work.later(
            answered, between(5 * MINUTE, 25 * MINUTE) if rnd() < 0.9 else between(HOUR, 3 * HOUR)
        )
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
        return work.b(synced)


def _clock(at: time) -> int:
    return at.hour * HOUR + at.minute * MINUTE + at.second


def _online(work: WorkingTime, policy: Policy, hours: str | None) -> WorkingTime:
    """The working clock of a department: its online hours within the floor's (an agent records
    what it says), on the floor's working days; the floor's own when they do not meet."""
    span = parse_hours(hours) if hours else None
    if span is None:
        return work
    both = tuple(
        (max(start, span[0]), min(end, span[1]))
        for start, end in policy.calendar.hours
        if max(start, span[0]) < min(end, span[1])
    )
    if not both or not work.starts:
        return work
    return WorkingTime(policy.calendar, instant(work.starts[0]), instant(work.ends[-1]), both)


def _fast_targets(policy: Policy) -> dict[str, tuple[int, int]]:
    """tier -> (response, solution) in working seconds, for the tiers whose targets are plain
    working time (business mode, no working days): those the working clock computes itself."""
    if policy.sla_mode != "business":
        return {}
    fast = {}
    for tier, targets in policy.targets.items():
        if all(t.minutes and not t.working_days for t in targets):
            fast[tier] = (targets[0].minutes * MINUTE, targets[1].minutes * MINUTE)
    return fast
