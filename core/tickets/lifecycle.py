"""A ticket's life: intake, claim, work, contacts, resolve, close, reopen.

Every write is one function and one short write transaction, and writes its timeline event
in that same transaction (docs/architecture.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from peewee import Case, fn

from core.basics import (
    DIRECTIONS,
    MOOD_WORDS,
    STATUS_WORDS,
    TIER_WORDS,
    AlreadyClaimed,
    InvalidInput,
    NotFound,
    Refused,
    Term,
    optional_text,
    pick,
    pick_word,
    require_text,
    say,
)
from core.customers import find_customer
from core.floor import Session, audit
from core.tickets import pauses, timeline
from core.tickets.actions import TRANSITIONS, owner_or_supervisor
from core.tickets.priority import guess_tier
from core.tickets.sla import OPEN_STATUSES, due_times, moved_on, next_due_of
from core.tickets.stale import ensure_unchanged
from db.connection import for_write
from db.models import Agent, Handoff, Ticket


@dataclass(frozen=True)
class NewTicket:
    customer_code: str
    channel: str
    description: str
    platform: str | None = None
    tier: str | None = None  # None: the keywords decide
    category: str | None = None  # None: "other", classified later
    subtag: str | None = None
    mood: str | None = None
    received_at: datetime | None = None  # None: now


@dataclass(frozen=True)
class ClaimResult:
    ref: str
    already_yours: bool


def normalise_ref(ref: str) -> str:
    """Refs are typed by people: 't42' and 'T000042' name the same ticket."""
    ref = (ref or "").strip()
    match = re.fullmatch(
        r"[Tt]0*(\d{1,18})", ref
    )  # longer is no ticket (and int() refuses thousands of digits)
    return f"T{int(match[1]):06d}" if match else ref


def load(ref: str, *only, lock: bool = False) -> Ticket:
    """The ticket named by ref (only the given fields, when some are named: a narrow select
    is what keeps a note's write short under load). lock=True inside a write: the row stays
    ours until commit on engines with FOR UPDATE (SQLite's write lock already covers it)."""
    query = Ticket.select(*only) if only else Ticket.select()
    if lock:
        query = for_write(query)
    typed = (ref or "").strip()
    ticket = (
        query.where(Ticket.ref == normalise_ref(typed)).first() or query.where(Ticket.ref == typed).first()
    )
    if ticket is None:
        raise NotFound("ticket.not_found", ref=ref)
    return ticket


def check_classification(session: Session, category, subtag) -> tuple[str, str | None]:
    policy = session.policy
    category_id = pick(category or "other", policy.categories, "category")
    if subtag in (None, ""):
        return category_id, None
    subtags = next(c for c in policy.categories if c.id == category_id).subtags
    if not subtags:
        raise InvalidInput("subtag", "ticket.no_subtags", category=category_id)
    return category_id, pick(subtag, subtags, "subtag")


def check_channel(session: Session, channel, platform) -> tuple[str, str | None]:
    channel_id = pick(channel, session.policy.channels, "channel")
    platform = optional_text(platform, "platform", 64)
    needs = next(c for c in session.policy.channels if c.id == channel_id).needs_platform
    if needs and not platform:
        raise InvalidInput("platform", "ticket.platform_needed", channel=channel_id)
    return channel_id, platform


def intake(session: Session, form: NewTicket) -> str:
    """Record new feedback; returns its ref. The tier comes from the keywords unless given."""
    description = require_text(form.description, "description", hint="ticket.description.hint")
    channel, platform = check_channel(session, form.channel, form.platform)
    category, subtag = check_classification(session, form.category, form.subtag)
    mood = pick_word(form.mood, MOOD_WORDS, "mood") if form.mood else None
    if form.tier:
        tier, tier_source = pick_word(form.tier, TIER_WORDS, "tier"), "agent"
    else:
        guess = guess_tier(description, session.policy)
        tier, tier_source = guess.tier, guess.source
    now = session.now()
    received_at = form.received_at or now
    if received_at > now:
        raise InvalidInput("received time", "ticket.received_in_future")
    response_due, solution_due = due_times(received_at, tier, session.policy)
    actor = session.agent
    with session.writing():
        customer = find_customer(form.customer_code)
        ticket = Ticket.create(
            ref=_next_ref(),
            customer=customer,
            channel=channel,
            platform=platform,
            received_at=received_at,
            category=category,
            subtag=subtag,
            tier=tier,
            tier_source=tier_source,
            description=description,
            mood=mood,
            status="new",
            response_due_at=response_due,
            solution_due_at=solution_due,
            next_due_at=response_due,
            created_by=actor.login,
        )
        timeline.record(
            ticket,
            now,
            actor.login,
            "created",
            text=None,
            after={
                "tier": tier,
                "tier_source": tier_source,
                "channel": channel,
                "category": category,
                "response_due_at": response_due,
                "solution_due_at": solution_due,
            },
        )
    return ticket.ref


def _next_ref() -> str:
    """T000123: the next number, inside the write lock; skips refs an import already took."""
    number = (Ticket.select(fn.MAX(Ticket.id)).scalar() or 0) + 1
    while Ticket.select().where(Ticket.ref == f"T{number:06d}").exists():
        number += 1
    return f"T{number:06d}"


def claim(session: Session, ref: str) -> ClaimResult:
    """Take ownership. One UPDATE ... WHERE owner IS NULL: its row count says who won. A new
    ticket a supervisor gave the agent (assigned, not started) is started by its owner's claim:
    it had no other way into progress."""
    actor = session.agent
    with session.writing():
        ticket = load(ref, Ticket.id, Ticket.ref, Ticket.status)
        took = _take_if_unowned(ticket, actor)
        if took or _start_if_given(ticket, actor):
            timeline.record(
                ticket,
                session.now(),
                actor.login,
                "claimed",
                before={"owner": None if took else actor.login, "status": ticket.status},
                after={"owner": actor.login, "status": "in_progress"},
            )
            return ClaimResult(ticket.ref, False)
    ticket = load(ref)
    if ticket.owner_id == actor.id:
        return ClaimResult(ticket.ref, True)
    if ticket.owner_id is None:
        raise Refused("ticket.claim.not_open", ref=ticket.ref, status=Term(f"status.{ticket.status}"))
    owner = Agent.get_by_id(ticket.owner_id)
    raise AlreadyClaimed(ticket.ref, owner.login, owner.display_name)


def _take_if_unowned(ticket: Ticket, actor: Agent) -> bool:
    """The claim: one UPDATE ... WHERE owner IS NULL whose row count says who won, so two
    agents never both own a ticket, on any engine. A new ticket starts being worked."""
    return bool(
        Ticket.update(
            owner=actor.id,
            row_version=Ticket.row_version + 1,
            status=Case(None, [(Ticket.status == "new", "in_progress")], Ticket.status),
        )
        .where((Ticket.id == ticket.id) & Ticket.owner.is_null() & Ticket.status.in_(OPEN_STATUSES))
        .execute()
    )


def _start_if_given(ticket: Ticket, actor: Agent) -> bool:
    """The owner's claim of a new ticket given to them: it starts being worked."""
    return bool(
        Ticket.update(status="in_progress", row_version=Ticket.row_version + 1)
        .where((Ticket.id == ticket.id) & (Ticket.owner == actor.id) & (Ticket.status == "new"))
        .execute()
    )


def require_owner_or_supervisor(ticket: Ticket, actor: Agent, doing: str) -> None:
    """doing: the code of what is attempted ("ticket.doing.resolve"), said inside the refusal."""
    if owner_or_supervisor(actor.role, ticket.owner_id == actor.id):
        return
    if ticket.owner_id is None:
        raise Refused("ticket.no_owner", ref=ticket.ref, doing=Term(doing))
    owner = Agent.get_by_id(ticket.owner_id)
    raise audit.refusal(
        "ticket.not_owner",
        ref=ticket.ref,
        owner_name=owner.display_name,
        owner_login=owner.login,
        doing=Term(doing),
        action=f"{say(doing)} (another agent's ticket)",
        target=ticket.ref,
    )


def _refusal(ticket: Ticket, new: str) -> Refused:
    old = ticket.status
    if old == new:
        return Refused("ticket.move.already", ref=ticket.ref, status=Term(f"status.{new}"))
    if new == "new":
        return Refused("ticket.move.back_to_new", ref=ticket.ref)
    if old == "new":
        return Refused("ticket.move.claim_first", ref=ticket.ref, status=Term(f"status.{new}"))
    if old == "in_progress" and new == "closed":
        return Refused("ticket.move.resolve_first", ref=ticket.ref)
    if old == "closed" and new == "resolved":
        return Refused("ticket.move.reopen_first", ref=ticket.ref)
    return Refused(
        "ticket.move.not_allowed", ref=ticket.ref, old=Term(f"status.{old}"), new=Term(f"status.{new}")
    )


OPEN_HANDOFF_STAGES = ("sent", "answered")
"""A handoff still under way: the department has not answered, or the customer not been told."""
HANDOFF_CHOICES = {"withdraw": ("撤回", "w", "yes", "y"), "keep": ("保留", "k", "no", "n")}


def set_status(
    session: Session,
    ref: str,
    status: str,
    text: str | None = None,
    confirmation: str | None = None,
    expected_version: int | None = None,
    handoffs: str | None = None,
) -> str:
    """Move the ticket along new -> in_progress (<-> waiting) -> resolved -> closed, or reopen it.
    waiting (待客户回复): text says what the customer was asked for; it is an outbound contact
    (the first response, when none was made) and pauses the solution clock (core/tickets/pauses.py).
    handoffs: resolving or closing a ticket whose handoffs are still under way needs an answer,
    "withdraw" (each ends in the stage withdrawn, 撤回) or "keep" (they stay with the department);
    none is refused, saying so. expected_version: the row_version the agent's screen showed; a
    ticket changed since is refused with StaleEdit (core/tickets/stale.py), so a resolution is
    never written over a change the agent has not seen. None (the command line) skips that check."""
    new = pick_word(status, STATUS_WORDS, "status")
    if new == "waiting":
        text = require_text(text, "asked", 2_000, "ticket.wait.hint").strip()
    else:
        text = optional_text(text, "note", 100_000)
    confirmation = optional_text(confirmation, "confirmation", 2_000)
    if handoffs is not None:
        handoffs = pick_word(handoffs, HANDOFF_CHOICES, "handoffs")
    actor, now = session.agent, session.now()
    with session.writing():
        ticket = load(ref, lock=True)
        ensure_unchanged(session, ticket, expected_version)
        move = TRANSITIONS.get((ticket.status, new))
        if move is None:
            raise _refusal(ticket, new)
        require_owner_or_supervisor(ticket, actor, f"ticket.doing.{move}")
        under_way = _open_handoffs(ticket) if move in ("resolve", "close") else []
        if under_way and handoffs is None:
            raise Refused(
                "ticket.handoffs.answer_first",
                ref=ticket.ref,
                count=len(under_way),
                numbers=", ".join(f"#{h.id}" for h in under_way),
            )
        before: dict[str, object] = {"status": ticket.status}
        after: dict[str, object] = {"status": new}
        ticket.status = new
        if move == "wait":
            if ticket.first_response_at is None:
                before["first_response_at"], after["first_response_at"] = None, now
                ticket.first_response_at = now
            ticket.last_update_at = now
        elif move == "resolve":
            ticket.resolved_at, ticket.resolution, ticket.confirmation = now, text, confirmation
        elif move == "close":
            ticket.closed_at = now
        elif move == "reopen":
            before.update(resolved_at=ticket.resolved_at, closed_at=ticket.closed_at)
            ticket.resolved_at = ticket.closed_at = None
            ticket.reopened_count += 1
        if under_way:
            after["handoffs"] = f"{handoffs}: " + ", ".join(f"#{h.id}" for h in under_way)
        kind = {"reopen": "reopened", "resolve": "resolved", "close": "closed", "wait": "waiting"}.get(
            move, "status"
        )
        if handoffs == "withdraw":
            for handoff in under_way:
                _withdraw(ticket, handoff, now, actor.login)
        # On the timeline a pause follows the wait that starts it; a restart comes before the
        # move that ends the wait (the resolution is judged on the moved due time).
        if move != "wait":
            pauses.settle(ticket, now, actor.login, session.policy)
        timeline.record(ticket, now, actor.login, kind, text=text, before=before, after=after)
        if move == "wait":
            pauses.settle(ticket, now, actor.login, session.policy)
        ticket.row_version += 1
        ticket.save()
    return new


def _open_handoffs(ticket: Ticket) -> list[Handoff]:
    return list(
        Handoff.select()
        .where((Handoff.ticket == ticket.id) & Handoff.stage.in_(OPEN_HANDOFF_STAGES))
        .order_by(Handoff.id)
    )


def _withdraw(ticket: Ticket, handoff: Handoff, now: datetime, actor: str) -> None:
    """The handoff ends with its ticket: the stage withdrawn (撤回), on the timeline."""
    was = handoff.stage
    handoff.stage, handoff.withdrawn_at = "withdrawn", now
    handoff.save()
    timeline.record(
        ticket,
        now,
        actor,
        "handoff",
        before={"stage": was},
        after={"stage": "withdrawn", "handoff": handoff.id},
    )


def add_note(session: Session, ref: str, text: str) -> None:
    """An internal note on the timeline; anyone on the floor may add one. No stale check:
    a note is appended and overwrites nothing, so it is right whatever changed meanwhile."""
    text = require_text(text, "note", hint="ticket.note.hint")
    actor = session.agent
    with session.writing():
        ticket = load(ref, Ticket.id)
        timeline.record(ticket, session.now(), actor.login, "note", text=text)


def log_contact(session: Session, ref: str, direction: str, summary: str) -> None:
    """A conversation with the customer. The first outbound one stamps the first response;
    on an unowned ticket it also makes the agent the owner (首问负责制: who answers first owns it).
    No stale check: a contact is appended (counters and stamps only move forward, the claim is
    its own UPDATE ... WHERE owner IS NULL), so nothing another agent wrote is overwritten.
    It does move row_version, as it changes what a resolve or a tier change was judged on."""
    direction = pick_word(direction, DIRECTIONS, "direction")
    summary = require_text(summary, "summary", hint="ticket.summary.hint")
    actor, now = session.agent, session.now()
    with session.writing():
        ticket = load(ref, lock=True)
        before: dict[str, object] = {}
        after: dict[str, object] = {}
        if direction == "in":
            ticket.inbound_contacts += 1
            if ticket.status == "waiting":  # the customer came back: the wait is over
                before["status"], after["status"] = "waiting", "in_progress"
                ticket.status = "in_progress"
        else:
            if ticket.first_response_at is None:
                before["first_response_at"], after["first_response_at"] = None, now
                ticket.first_response_at = now
            if ticket.owner_id is None and ticket.status in OPEN_STATUSES and _take_if_unowned(ticket, actor):
                before.update(owner=None, status=ticket.status)
                after.update(owner=actor.login, status="in_progress")
                ticket.owner, ticket.status = actor, "in_progress"
            ticket.last_update_at = now
        timeline.record(
            ticket,
            now,
            actor.login,
            f"contact_{direction}",
            text=summary,
            before=before or None,
            after=after or None,
        )
        pauses.settle(ticket, now, actor.login, session.policy)
        ticket.row_version += 1
        ticket.save()


def change_tier(
    session: Session, ref: str, tier: str, reason: str, expected_version: int | None = None
) -> None:
    """Override the tier; the due times follow from the received time and the new tier.
    expected_version: as set_status's (StaleEdit when the ticket changed since it was shown)."""
    tier = pick_word(tier, TIER_WORDS, "tier")
    reason = require_text(reason, "reason", 2_000, "ticket.tier.reason_hint")
    actor = session.agent
    with session.writing():
        ticket = load(ref, lock=True)
        ensure_unchanged(session, ticket, expected_version)
        _require_owner_or_supervisor_or_unowned(ticket, actor, "ticket.doing.tier")
        if ticket.tier == tier:
            raise Refused("ticket.tier.already", ref=ticket.ref, tier=Term(f"tier.{tier}"))
        response_due, solution_due = due_times(ticket.received_at, tier, session.policy)
        before = {
            "tier": ticket.tier,
            "response_due_at": ticket.response_due_at,
            "solution_due_at": ticket.solution_due_at,
        }
        solution_due = moved_on(solution_due, pauses.held_so_far(ticket), session.policy)
        ticket.tier, ticket.tier_source = tier, "agent"
        ticket.response_due_at, ticket.solution_due_at = response_due, solution_due
        ticket.next_due_at = next_due_of(ticket)
        ticket.row_version += 1
        ticket.save()
        timeline.record(
            ticket,
            session.now(),
            actor.login,
            "tier",
            text=reason,
            before=before,
            after={"tier": tier, "response_due_at": response_due, "solution_due_at": solution_due},
        )


def change_category(
    session: Session,
    ref: str,
    category: str,
    subtag: str | None,
    reason: str,
    expected_version: int | None = None,
) -> None:
    """Reclassify; expected_version as set_status's (StaleEdit when changed since shown)."""
    category, subtag = check_classification(session, category, subtag)
    reason = require_text(reason, "reason", 2_000, "ticket.category.reason_hint")
    actor = session.agent
    with session.writing():
        ticket = load(ref, lock=True)
        ensure_unchanged(session, ticket, expected_version)
        _require_owner_or_supervisor_or_unowned(ticket, actor, "ticket.doing.category")
        if (ticket.category, ticket.subtag) == (category, subtag):
            raise Refused("ticket.category.already", ref=ticket.ref, category=category, subtag=subtag or "-")
        before = {"category": ticket.category, "subtag": ticket.subtag}
        ticket.category, ticket.subtag = category, subtag
        ticket.row_version += 1
        ticket.save()
        timeline.record(
            ticket,
            session.now(),
            actor.login,
            "category",
            text=reason,
            before=before,
            after={"category": category, "subtag": subtag},
        )


def _require_owner_or_supervisor_or_unowned(ticket: Ticket, actor: Agent, doing: str) -> None:
    if ticket.owner_id is not None:
        require_owner_or_supervisor(ticket, actor, doing)
