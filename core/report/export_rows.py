"""The rows of the workbook's long sheets, read for speed, and the counts the Response and
Categories sheets take from the same tickets.

A 50,000-ticket week has 200,000 ticket times. Making each an aware datetime in the floor's
zone (as week_tickets does) and Excel's day number from that took about 2 us a time in
Python. On SQLite the query does it in C: Unix seconds from the stored text, then the day
number with whole-number arithmetic, the floor's UTC offset being a constant or a CASE over
the zone's changes within a window of 400 days around the week; a time outside the window
comes back without its day number and is worked out in Python, as every time is on other
engines. Day numbers are text with ten decimals (to 1/10^10 of a day, rounded), which Excel
and openpyxl read back to the second.

Rows are plain tuples in the order of TICKET_FIELDS and CALLBACK_FIELDS, the sheets' own
column order, so a row goes to its sheet as the driver gives it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import overload

from peewee import JOIN, Cast, Field, fn

from core.floor import Session, storage_problems
from core.report.figures import LONG_WAIT
from core.report.sheets import ResponseTally, WeekTallies
from core.report.week import Week
from db.connection import is_sqlite
from db.models import Agent, Callback, Customer, Ticket
from db.rows import as_tuples

TICKET_FIELDS = (
    "ref",
    "received",
    "channel",
    "category",
    "subtag",
    "tier",
    "status",
    "owner",
    "customer_code",
    "customer_name",
    "phone",
    "first_response",
    "response_due",
    "resolved",
    "wait_minutes",
    "reopened_count",
    "inbound_contacts",
    "description",
)
"""received, first_response, response_due, resolved: Excel day numbers as text, None when not
set; wait_minutes: whole minutes from receipt to the first response (or to now)."""
CALLBACK_FIELDS = (
    "completed",
    "group",
    "customer_code",
    "customer_name",
    "phone",
    "ticket_ref",
    "owner",
    "method",
    "overall",
    "efficiency",
    "solving",
    "attitude",
    "warm",
    "follow_up_status",
    "feedback",
    "category",
    "suggestion",
)
"""completed: an Excel day number as text; warm: yes 1 (or True), no 0 (or False), or None."""
EXCEL_EPOCH_SECONDS = 2_209_161_600  # from 1899-12-30 (Excel's day 0) to 1970-01-01
DAY = 86_400
WINDOW = timedelta(days=400)
_UTC = UTC
_JULIAN_UNIX_EPOCH = 2440587.5
_TEN_DIGITS = 10_000_000_000


def serial_text(local_seconds: int) -> str:
    """Excel's day number of a wall-clock time given as seconds since 1970-01-01 00:00 of that
    clock, to ten decimals (rounded)."""
    seconds = local_seconds + EXCEL_EPOCH_SECONDS
    return f"{seconds // DAY}.{((seconds % DAY) * _TEN_DIGITS + DAY // 2) // DAY:010d}"


def _offset_at(tz: tzinfo, unix: int) -> int:
    offset = datetime.fromtimestamp(unix, _UTC).astimezone(tz).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0  # astimezone needs a zone with offsets


def _offsets(tz: tzinfo, low: int, high: int) -> list[tuple[int, int]]:
    """[(from this Unix second, the UTC offset)] between low and high: a walk day by day,
    each change found to the second by halving."""
    pieces = [(low, _offset_at(tz, low))]
    at = low
    while at < high:
        step = min(at + DAY, high)
        if _offset_at(tz, step) != pieces[-1][1]:
            before, after = at, step  # the change is in (before, after]
            while after - before > 1:
                middle = (before + after) // 2
                if _offset_at(tz, middle) == pieces[-1][1]:
                    before = middle
                else:
                    after = middle
            pieces.append((after, _offset_at(tz, after)))
        at = step
    return pieces


class FloorClock:
    """Unix seconds -> Excel's day number of the floor's wall clock, in Python and in SQLite."""

    def __init__(self, tz: tzinfo, week: Week, now: datetime):
        self.tz = tz
        self.now = int(now.timestamp())
        """As of, in whole seconds, as the figures compare it (stored instants have no fraction)."""
        self.low = int((week.start - WINDOW).timestamp())
        self.high = int((max(now, week.end) + WINDOW).timestamp())
        self.pieces = _offsets(tz, self.low, self.high)
        self._cache: dict[int, int] = {}

    def serial(self, unix: int | None) -> str | None:
        if unix is None:
            return None
        offset = self._cache.get(unix // 900)  # zones change their offset on quarter hours
        if offset is None:
            offset = self._cache[unix // 900] = _offset_at(self.tz, unix)
        return serial_text(unix + offset)

    def sql_serial(self, unix: str) -> str:
        """SQL for the day number text of the Unix seconds column unix; NULL outside the window
        (and for NULL). Only whole numbers go into it, written by this class."""
        if len(self.pieces) == 1:
            offset = str(self.pieces[0][1])
        else:
            whens = " ".join(
                f"WHEN {unix} < {start} THEN {before}" for (_, before), (start, _) in pairwise(self.pieces)
            )
            offset = f"(CASE {whens} ELSE {self.pieces[-1][1]} END)"
        local = f"({unix} + {offset} + {EXCEL_EPOCH_SECONDS})"
        return (
            f"CASE WHEN {unix} >= {self.low} AND {unix} < {self.high} "
            f"THEN printf('%d.%010d', {local} / {DAY}, "
            f"(({local} - {local} / {DAY} * {DAY}) * {_TEN_DIGITS} + {DAY // 2}) / {DAY}) END"
        )


def _sql_unix(column) -> Cast:
    """A stored instant (naive UTC text) as Unix seconds, on SQLite."""
    return Cast(fn.ROUND((fn.julianday(column) - _JULIAN_UNIX_EPOCH) * DAY), "INTEGER")


@overload
def _unix(moment: None) -> None: ...
@overload
def _unix(moment: str | datetime) -> int: ...
def _unix(moment: str | datetime | None) -> int | None:
    """A stored instant as the driver gives it (an aware or naive-UTC datetime, or text)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_UTC)
    return int(moment.timestamp())


def _execute(session: Session, sql: str, params):
    with storage_problems():
        yield from session.db.execute_sql(sql, params)


def _week_tickets(week: Week, *columns):
    return (
        Ticket.select(*columns)
        .join(Customer, on=(Ticket.customer == Customer.id))
        .switch(Ticket)
        .join(Agent, JOIN.LEFT_OUTER, on=(Ticket.owner == Agent.id))
        .where((Ticket.received_at >= week.start) & (Ticket.received_at < week.end))
        .order_by(Ticket.received_at, Ticket.id)
    )


_TICKET_TIMES = (Ticket.received_at, Ticket.first_response_at, Ticket.response_due_at, Ticket.resolved_at)
_TICKET_COLUMNS = (
    Ticket.ref,
    Ticket.received_at,
    Ticket.channel,
    Ticket.category,
    Ticket.subtag,
    Ticket.tier,
    Ticket.status,
    Agent.login,
    Customer.code,
    Customer.name,
    Customer.phone,
    Ticket.first_response_at,
    Ticket.response_due_at,
    Ticket.resolved_at,
    Ticket.reopened_count,
    Ticket.inbound_contacts,
    Ticket.description,
)
"""TICKET_FIELDS without wait_minutes (which comes after resolved)."""


def ticket_rows(session: Session, week: Week, clock: FloorClock) -> Iterator[tuple]:
    """The week's tickets in order of receipt (those of core.report.week_tickets), streamed,
    as TICKET_FIELDS (a row may carry more values after those)."""
    serial, now = clock.serial, clock.now
    if not is_sqlite(session.db):
        sql, params = _week_tickets(week, *_TICKET_COLUMNS).sql()
        for (
            ref,
            received,
            channel,
            category,
            subtag,
            tier,
            status,
            owner,
            code,
            name,
            phone,
            first,
            due,
            resolved,
            reopened,
            inbound,
            description,
        ) in _execute(session, sql, params):
            received, first, due, resolved = _unix(received), _unix(first), _unix(due), _unix(resolved)
            yield (
                ref,
                serial(received),
                channel,
                category,
                subtag,
                tier,
                status,
                owner,
                code,
                name,
                phone,
                serial(first),
                serial(due),
                serial(resolved),
                max((now if first is None else first) - received, 0) // 60,
                reopened,
                inbound,
                description,
            )
        return
    plain = {
        n: c for n, c in enumerate(_TICKET_COLUMNS) if all(c is not t for t in _TICKET_TIMES)
    }  # times: u0..u3
    inner, params = _week_tickets(
        week,
        *(c.alias(f"c{n}") for n, c in plain.items()),
        *(_sql_unix(t).alias(f"u{n}") for n, t in enumerate(_TICKET_TIMES)),
    ).sql()
    days = [clock.sql_serial(f"u{n}") for n in range(4)]
    outside = " OR ".join(
        f"(u{n} IS NOT NULL AND NOT (u{n} >= {clock.low} AND u{n} < {clock.high}))" for n in range(4)
    )
    sql = (
        f"SELECT c0, {days[0]}, c2, c3, c4, c5, c6, c7, c8, c9, c10, {days[1]}, {days[2]}, {days[3]}, "
        f"MAX(COALESCE(u1, {now}) - u0, 0) / 60, c14, c15, c16, {outside}, u0, u1, u2, u3 "
        f"FROM ({inner} LIMIT -1 OFFSET 0)"
    )  # the OFFSET keeps each u worked out once
    for row in _execute(session, sql, params):
        if row[18]:  # a time outside the window: its day number from Python
            row = (
                row[0],
                serial(row[19]),
                *row[2:11],
                serial(row[20]),
                serial(row[21]),
                serial(row[22]),
                *row[14:18],
            )
        yield row


_CALLBACK_COLUMNS: tuple[Field, ...] = (
    Callback.group,
    Customer.code,
    Customer.name,
    Customer.phone,
    Ticket.ref,
    Agent.login,
    Callback.method,
    Callback.overall,
    Callback.efficiency,
    Callback.solving,
    Callback.attitude,
    Callback.warm,
    Callback.follow_up_status,
    Callback.feedback,
    Callback.category,
    Callback.suggestion,
)


def callback_rows(session: Session, week: Week, clock: FloorClock) -> Iterator[tuple]:
    """The week's done callbacks (those the figures count: status done, completed_at in the
    week) in order of completion, streamed, as CALLBACK_FIELDS (warm may be 1/0 for yes/no).
    The status is compared as an expression, so SQLite walks the week on the completed_at
    index rather than every done callback on the status one."""
    fast = is_sqlite(session.db)
    completed = (_sql_unix(Callback.completed_at) if fast else Callback.completed_at).alias("u0")
    query = (
        Callback.select(completed, *(c.alias(f"c{n}") for n, c in enumerate(_CALLBACK_COLUMNS, 1)))
        .join(Customer, on=(Callback.customer == Customer.id))
        .switch(Callback)
        .join(Ticket, JOIN.LEFT_OUTER, on=(Callback.ticket == Ticket.id))
        .switch(Callback)
        .join(Agent, JOIN.LEFT_OUTER, on=(Callback.owner == Agent.id))
        .where(
            (Callback.completed_at >= week.start)
            & (Callback.completed_at < week.end)
            & (Callback.status.concat("") == "done")
        )
        .order_by(Callback.completed_at, Callback.id)
    )
    serial = clock.serial
    inner, params = query.sql()
    if not fast:
        for completed, *fields in _execute(session, inner, params):
            yield (serial(_unix(completed)), *fields)
        return
    columns = ", ".join(f"c{n}" for n in range(1, len(_CALLBACK_COLUMNS) + 1))
    sql = f"SELECT {clock.sql_serial('u0')}, {columns}, u0 FROM ({inner} LIMIT -1 OFFSET 0)"
    for row in _execute(session, sql, params):
        if row[0] is None:  # outside the window
            row = (serial(row[-1]), *row[1:])
        yield row


def ticket_tallies(session: Session, week: Week, now: datetime) -> WeekTallies:
    """What the Response (by tier) and Categories sheets count of the week's tickets, by
    core.report.figures' definitions: in SQL on SQLite, else over the streamed times."""
    tallies, now_s = WeekTallies(), int(now.timestamp())
    where = (Ticket.received_at >= week.start) & (Ticket.received_at < week.end)
    tallies.categories = Counter(
        dict(
            as_tuples(
                Ticket.select(Ticket.category, fn.COUNT(Ticket.id)).where(where).group_by(Ticket.category)
            )
        )
    )
    if is_sqlite(session.db):
        u0, u1, u2 = (_sql_unix(t) for t in _TICKET_TIMES[:3])
        inner, params = (
            Ticket.select(Ticket.tier, u0.alias("u0"), u1.alias("u1"), u2.alias("u2")).where(where).sql()
        )
        long = int(LONG_WAIT.total_seconds())
        sql = (
            f"SELECT tier, COUNT(*), SUM(u1 IS NOT NULL OR u2 < {now_s}), SUM(u1 IS NOT NULL AND u1 <= u2), "
            f"SUM(MAX(COALESCE(u1, {now_s}) - u0, 0) > {long}), MAX(MAX(COALESCE(u1, {now_s}) - u0, 0)) "
            f"FROM ({inner} LIMIT -1 OFFSET 0) GROUP BY tier"
        )
        for tier, tickets, counted, met, over, longest in _execute(session, sql, params):
            tally = ResponseTally(tickets, counted or 0, met or 0, over or 0, longest or 0)
            tallies.tiers[tier] = tally
            tallies.floor.merge(tally)
        return tallies
    sql, params = Ticket.select(Ticket.tier, *_TICKET_TIMES[:3]).where(where).sql()
    for tier, received, first, due in _execute(session, sql, params):
        received, first, due = _unix(received), _unix(first), _unix(due)
        wait = max((now_s if first is None else first) - received, 0)
        for tally in (tallies.tier(tier), tallies.floor):
            tally.add(first is not None or due < now_s, first is not None and first <= due, wait)
    return tallies
