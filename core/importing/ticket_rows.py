"""Checking one ticket row of an import and deriving the ticket's fields from it.

Text, channel, classification and tier go through the same helpers as intake, so a row is
refused with the words a typed ticket would be. Rules that only an import has:

- a channel that needs a platform (social media) with no ``platform`` cell gets the platform
  "unknown (import)" instead of refusing the row: old records rarely say which platform;
- the customer columns (code, name or short name, contact person, phone) find or add the
  customer as core.importing.customer_cells says; a row with no customer at all (the
  rapid-response record has none) goes under the floor's 'not recorded' customer;
- a blank ``ref`` gets one made from the row (IMP- and a hash of its received time, customer
  and description), the same on every run, so importing the file again adds nothing;
- ``category`` may be written 大类-细分 (服务效率-物流配送) when there is no ``subtag`` column;
- ``status`` (处理进度) says what became of the ticket; a resolved or closed ticket with no
  time for it is stamped at its received time, and the summary counts those; without a
  ``status`` column the status is derived as below;
- ``plan`` (处理方案) and ``resolution`` (解决结果) are kept as the ticket's resolution text;
- ``owner`` is an agent's login, or a display name that only one agent has; an agent who
  is no longer active may own resolved and closed history, not open work;
- stamps must follow received_at, none may be in the future, closing needs resolving, and
  a first response cannot come after the resolution;
- status is derived: closed if closed_at, resolved if resolved_at, in_progress if owned, else new.
  A status the file gives must agree with its stamps (处理中 with a 解决时间 is refused).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

from core.basics import MAX_TEXT, MOOD_WORDS, InvalidInput, pick_word, require_text
from core.floor import Session
from core.importing.common import BAD, RowCheck, text_or_none
from core.importing.customer_cells import CustomerCells
from core.importing.table import Problem, Row, Table
from core.importing.times import parse_datetime
from core.importing.words import CHANNELS, PROGRESS, TIERS, choose, split_category, word_key, yes_no
from core.tickets import check_channel, check_classification, due_times, guess_tier, next_due, normalise_ref
from db.models import Agent, Customer, Ticket

UNKNOWN_PLATFORM = "unknown (import)"
STAMPS = ("first_response_at", "resolved_at", "closed_at")
_REF = re.compile(r"[^\s\x00-\x1f\x7f]{1,32}")


@dataclass
class Owners:
    """The floor's agents, found by login or by a display name only one of them has."""

    by_login: dict[str, Agent]
    by_name: dict[str, list[Agent]]

    @classmethod
    def load(cls) -> Owners:
        agents = list(Agent.select())
        by_name: dict[str, list[Agent]] = {}
        for agent in agents:
            by_name.setdefault(agent.display_name.strip(), []).append(agent)
        return cls({a.login: a for a in agents}, by_name)

    def find(self, written: str, label: str = "owner", unknown: str = "import.owner.unknown") -> Agent:
        agent = self.by_login.get(written) or next(
            (a for login, a in self.by_login.items() if login.lower() == written.lower()), None
        )
        if agent is not None:
            return agent
        named = self.by_name.get(written, [])
        if len(named) == 1:
            return named[0]
        if named:
            logins = ", ".join(a.login for a in named)
            raise InvalidInput(label, "import.name.ambiguous", value=written, count=len(named), logins=logins)
        raise InvalidInput(label, unknown, value=written)


@dataclass
class Context:
    """What every row of one ticket file is checked against."""

    session: Session
    table: Table
    order: str | None
    """The file's day/month order (core.importing.times.day_order)."""
    owners: Owners
    customers: CustomerCells
    now: datetime = field(init=False)
    stamped: set[int] = field(default_factory=set)
    """Lines resolved or closed by their status with no time given: stamped at received_at."""
    first_line: dict[str, int] = field(default_factory=dict)
    """Ref -> the line that has it, to refuse a ref used twice in the file."""
    made: dict[tuple, int] = field(default_factory=dict)
    """(received, customer, description) of a row with no ref -> its line: the same twice is one ticket."""

    def __post_init__(self):
        self.now = self.session.now()


@dataclass(frozen=True)
class ImportedTicket:
    line: int
    ref: str
    customer_code: str
    fields: dict
    """Ticket model values, without the customer id (known only when written)."""


def check_row(ctx: Context, row: Row) -> tuple[ImportedTicket | None, list[Problem]]:
    """The ticket a row describes, or None and every problem the row has."""
    check = RowCheck(ctx.table, row)
    when = _stamps(check, ctx)
    code = ctx.customers.check(check, row)
    description = check(
        require_text,
        row.get("description"),
        "description",
        MAX_TEXT,
        "ticket.description.hint",  # refused with the words a typed ticket's description is
    )
    ref = _ref(check, ctx, row, when["received_at"], code, description)
    channel = check(import_channel, ctx.session, row.get("channel"), row.get("platform"))
    category, subtag = text_or_none(row.get("category")), text_or_none(row.get("subtag"))
    if category is not None and subtag is None:
        category, subtag = split_category(category)
    classification = check(check_classification, ctx.session, category, subtag)
    mood = check(pick_word, row.get("mood"), MOOD_WORDS, "mood") if row.has("mood") else None
    tier = _tier(check, ctx, row, description)
    owner = check(ctx.owners.find, row.get("owner").strip()) if row.has("owner") else None
    reopened = check(_yes_no, row.get("reopened"), ctx.table.label("reopened"))
    contacts = check(_count, row.get("customer_contacts"), ctx.table.label("customer_contacts"))
    status = _status(check, ctx, row, when, owner)
    if not check.ok:
        return None, check.problems
    if owner is not None and not owner.active and status in ("new", "in_progress"):
        check.fail("import.owner.inactive", login=owner.login)
        return None, check.problems
    (tier, tier_source), (channel, platform), (category, subtag) = tier, channel, classification
    response_due, solution_due = due_times(when["received_at"], tier, ctx.session.policy)
    fields = dict(
        ref=ref,
        channel=channel,
        platform=platform,
        received_at=when["received_at"],
        category=category,
        subtag=subtag,
        tier=tier,
        tier_source=tier_source,
        description=description,
        mood=mood,
        owner=owner.id if owner else None,
        status=status,
        response_due_at=response_due,
        solution_due_at=solution_due,
        first_response_at=when["first_response_at"],
        resolved_at=when["resolved_at"],
        closed_at=when["closed_at"],
        resolution=_resolution(ctx.table, row),
        confirmation=None,
        reopened_count=1 if reopened else 0,
        inbound_contacts=contacts,
        created_by=ctx.session.login,
        last_update_at=when["first_response_at"],
        row_version=1,
        next_due_at=next_due(status, when["first_response_at"], response_due, solution_due),
    )
    return ImportedTicket(row.line, ref, code, fields), []


def history(ticket: ImportedTicket, owner_login: str | None) -> dict:
    """The imported stamps, as the "imported" timeline event's after."""
    f = ticket.fields
    return {
        "status": f["status"],
        "owner": owner_login,
        "tier": f["tier"],
        "tier_source": f["tier_source"],
        "received_at": f["received_at"],
        "first_response_at": f["first_response_at"],
        "resolved_at": f["resolved_at"],
        "closed_at": f["closed_at"],
        "response_due_at": f["response_due_at"],
        "solution_due_at": f["solution_due_at"],
        "reopened_count": f["reopened_count"],
        "inbound_contacts": f["inbound_contacts"],
    }


def _ref(check: RowCheck, ctx: Context, row: Row, received, code, description):
    written = row.get("ref").strip()
    if not written:
        if BAD in (received, code, description) or received is None:
            return BAD  # their problems are recorded; a made ref would mean nothing
        said = (received, code, description)
        twin = ctx.made.get(said)
        if twin is not None:
            check.fail("import.row.same_ticket", line=twin)
            return BAD
        ctx.made[said] = row.line
        return _made_ticket_ref(ctx, said, row.line)
    else:
        ref = normalise_ref(written)
        if not _REF.fullmatch(ref):
            check.fail("import.ref.invalid", value=written)
            return BAD
    if ref in ctx.first_line:
        check.fail("import.ref.twice", ref=ref, line=ctx.first_line[ref])
        return BAD
    ctx.first_line[ref] = row.line
    return ref


_BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's: no I, L, O or U to misread


def made_ref(key: str) -> str:
    """A ticket reference for a history row that has none: H and six characters from a hash of
    the row, seven in all like the floor's own T000123, so lists show it whole."""
    number = int.from_bytes(hashlib.sha1(key.encode()).digest()[:4], "big") >> 2
    return "H" + "".join(_BASE32[(number >> shift) & 31] for shift in range(25, -1, -5))


def first_free(key: str, fits) -> str:
    """The first of made_ref(key), made_ref(key#1), ... that fits(ref): free, or the same record's
    from an earlier run. Two rows whose hashes meet (one in a billion pairs) each still get a
    ref of their own, the same on every run."""
    for attempt in range(100):
        ref = made_ref(key if attempt == 0 else f"{key}#{attempt}")
        if fits(ref):
            return ref
    raise AssertionError(f"no free reference for {key!r}")  # 100 collisions in a row: not a real file


def _made_ticket_ref(ctx: Context, said: tuple, line: int) -> str:
    """The made ref of a history row with none: made from its received time and customer (not
    its description, so a file whose description was corrected finds its ticket again and the
    summary names the difference). Of the refs that time and customer make (made_ref(key),
    made_ref(key#1), ... as two tickets of one minute, or a hash that met another's, took them),
    the ticket on file with this very description, else the first of that time and customer no
    other row of the file took, else the first free one."""
    received, code, _ = said
    key = f"{received.isoformat()}|{code}"
    same_time = None
    for attempt in range(100):
        ref = made_ref(key if attempt == 0 else f"{key}#{attempt}")
        if ref in ctx.first_line:
            continue
        found = _made_on_file(ref)
        if found is None:  # refs are given in order: none further on is on file
            chosen = same_time or ref
            break
        if found == said:
            chosen = ref
            break
        if found[:2] == said[:2] and same_time is None:
            same_time = ref
    else:
        raise AssertionError(f"no free reference for {key!r}")  # 100 in one minute: not a real file
    ctx.first_line[chosen] = line
    return chosen


def _made_on_file(ref: str):
    """(received, customer code, description) of the ticket on file under ref, or None."""
    found = (
        Ticket.select(Ticket.received_at, Customer.code, Ticket.description)
        .join(Customer)
        .where(Ticket.ref == ref)
        .tuples()
        .first()
    )
    return None if found is None else tuple(found)


def _status(check: RowCheck, ctx: Context, row: Row, when: dict, owner):
    """The ticket's status: as the file says (处理进度), else from its stamps."""
    derived = (
        "closed"
        if when["closed_at"]
        else "resolved"
        if when["resolved_at"]
        else "in_progress"
        if owner
        else "new"
    )
    if not row.has("status"):
        return derived
    said = check(choose, row.get("status"), PROGRESS, ctx.table.label("status"), "status")
    if said is BAD or BAD in when.values():
        return BAD
    if said in ("new", "in_progress", "waiting"):
        if when["resolved_at"] or when["closed_at"]:
            stamp = "closed_at" if when["closed_at"] else "resolved_at"
            check.fail("import.status.contradicts", **check.cell("status"), **check.other_cell(stamp))
            return BAD
        return "in_progress" if owner else "new"
    if said == "resolved" and when["closed_at"]:
        check.fail("import.status.contradicts", **check.cell("status"), **check.other_cell("closed_at"))
        return BAD
    if when["received_at"] is not None and (
        when["resolved_at"] is None or (said == "closed" and not when["closed_at"])
    ):
        ctx.stamped.add(row.line)
        when["resolved_at"] = when["resolved_at"] or when["received_at"]
        if said == "closed":
            when["closed_at"] = when["resolved_at"]
    return said


def _resolution(table: Table, row: Row) -> str | None:
    """处理方案 and 解决结果 as the ticket's resolution text, each under its own header."""
    parts = [(table.headers[n].strip(), row.get(n).strip()) for n in ("plan", "resolution") if row.has(n)]
    if len(parts) == 1:
        return parts[0][1]
    return "\n".join(f"{header}: {value}" for header, value in parts) or None


def _stamps(check: RowCheck, ctx: Context) -> dict:
    """received_at and the history stamps, checked for order; BAD values stay BAD."""
    tz = ctx.session.policy.calendar.tz
    when = {name: check.time(name, parse_datetime, tz, ctx.order) for name in ("received_at", *STAMPS)}
    received = when["received_at"]
    if received is None:
        check.fail("import.received_at.empty", column=ctx.table.label("received_at"))
    for name, at in when.items():
        if at is None or at is BAD:
            continue
        if at > ctx.now:
            now_local = ctx.session.policy.calendar.local(ctx.now).strftime("%Y-%m-%d %H:%M")
            check.fail("import.time.future", **check.cell(name), now=now_local)
        elif name != "received_at" and received not in (None, BAD) and at < received:
            check.fail("import.time.before", **check.cell(name), **check.other_cell("received_at"))
    first, resolved, closed = (when[n] for n in STAMPS)
    if closed not in (None, BAD) and resolved is None:
        check.fail("import.closed_at.not_resolved", **check.cell("closed_at"))
    if BAD not in (closed, resolved) and None not in (closed, resolved) and closed < resolved:
        check.fail("import.time.before", **check.cell("closed_at"), **check.other_cell("resolved_at"))
    if BAD not in (first, resolved) and None not in (first, resolved) and first > resolved:
        check.fail("import.time.after", **check.cell("first_response_at"), **check.other_cell("resolved_at"))
    return when


def import_channel(session: Session, channel: str, platform: str) -> tuple[str, str | None]:
    """The channel as intake takes it, or as history files write it (来电, 微信公众号: the
    platform comes with the word); a platform channel with no platform gets UNKNOWN_PLATFORM."""
    try:
        return check_channel(session, channel, platform)
    except InvalidInput as exc:
        known = CHANNELS.get(word_key(channel))
        if exc.field == "channel" and known is not None and known[0] != channel:
            return import_channel(session, known[0], platform.strip() or known[1] or "")
        if exc.field != "platform" or platform.strip():
            raise
    return check_channel(session, channel, UNKNOWN_PLATFORM)


def _tier(check: RowCheck, ctx: Context, row: Row, description):
    if row.has("tier"):
        tier = check(choose, row.get("tier"), TIERS, ctx.table.label("tier"), "tier")
        return BAD if tier is BAD else (tier, "import")
    if description is BAD:
        return BAD
    guess = guess_tier(description, ctx.session.policy)
    return guess.tier, guess.source


def _yes_no(value: str, label: str) -> bool:
    """是否重开: 是/否, 有/无, √/×, 重开, yes/no, 1/0; blank is no."""
    if word_key(value) == "重开":
        return True
    return bool(yes_no(value, label))


MAX_CONTACTS = 100_000


def _count(value: str, label: str) -> int:
    text = value.strip()
    if not text:
        return 0
    if not text.isascii() or not text.isdigit():
        raise InvalidInput(label, "import.contacts.not_count", value=text)
    if int(text) > MAX_CONTACTS:
        raise InvalidInput(label, "import.contacts.too_many", value=text, most=MAX_CONTACTS)
    return int(text)
