"""Importing past callback and survey records (回访记录, the handbook's 反馈记录表) from a CSV or
.xlsx file: all rows or none.

Each row is one callback already made; it becomes a done callback. Every row is checked first
and one bad row refuses the whole file with every problem listed. Then one write transaction
adds the callbacks whose key is not on file yet. The key is
``import:<customer>:<ticket or ->:<done_at, UTC, ISO 8601 basic>``, so importing the same file
twice adds nothing (the rows already on file are counted as unchanged, as the ticket import
does with refs).

Rules of a row:
- the customer columns (客户编号, 客户名称/简称, 联系人, 联系方式) find the customer, add one
  not on file (a name is then needed), and fill in or check the one on file, as
  core.importing.customer_cells says; a ticket, when given, must be on file and be that
  customer's;
- the group is "complaint" when the ticket's description holds a complaint word
  (core.callbacks.rules.is_complaint), "resolved" for any other ticket, "in_use" without one;
- ``agent`` is an agent's login, or a display name only one agent has (as the ticket import's
  owner); a person who left may be added as an agent and deactivated, then named;
- ``done_at`` (when the call or survey was made) and ``completed_at`` (when the record was
  completed; default done_at) are floor-local times in the ticket import's formats; a date
  alone counts as 12:00 that day; never in the future, completed_at not before done_at,
  done_at not before the ticket was received;
- overall is required; efficiency, solving and attitude may be blank; all are whole numbers
  from 1 to 5, written 4, 4分 or 4.0; warm is yes/no (是/否, 有/无, √/×) or blank; method is
  phone (电话回访), survey (在线问卷, 纸质问卷) or visit (面访), blank meaning phone;
- a category naming one of the policy's categories is stored as its id, any other (a
  大类-细分 such as 服务效率-物流配送 included: a callback keeps no sub-tag) as written;
  a follow_up_status meaning done (done, 已完成, 已跟进, 已闭环, ...) is stored as "done", one
  meaning open (open, 处理中, 已处理中, 待跟进, ...) as "open", anything else as written;
- free text (feedback, suggestion, remarks, category, follow_up_status) is kept as typed, a
  leading = + - @ included: it is data, never a formula.

An overall score at or below the policy's low_score_max runs the low-score loop
(core.callbacks.low_scores) in the import's transaction: high priority, the supervisor's follow-up, the
ticket reopened with a timeline event. When follow_up_status says the follow-up was already
done, the callback is only marked high priority: no new follow-up, no reopen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from core.basics import MAX_TEXT, InvalidInput, StorageProblem, pick
from core.callbacks import is_complaint, run_low_score_loop
from core.floor import Session, storage_problems
from core.importing.columns import CALLBACKS
from core.importing.common import BAD, RowCheck, require_supervisor, written
from core.importing.customer_cells import CustomerCells
from core.importing.summary import ImportSummary, table_notes
from core.importing.table import Problem, Row, Table, read_table
from core.importing.ticket_rows import Owners
from core.importing.times import BadTime, day_order, parse_date, parse_datetime
from core.importing.words import CALLBACK_METHODS, FOLLOW_UP, choose, score, yes_no
from core.importing.words import lookup as word_for
from core.tickets import normalise_ref
from db.bulk import insert_dicts as insert_all
from db.bulk import lookup
from db.models import Agent, Callback, CallbackAttempt, Customer, Ticket

COLUMNS = CALLBACKS
SCORES = ("overall", "efficiency", "solving", "attitude")
SHORT_TEXT = 64
"""category and follow_up_status are short labels in the database."""


@dataclass(frozen=True)
class _TicketOnFile:
    id: int
    ref: str
    customer_id: int
    description: str
    received_at: datetime


@dataclass
class _Context:
    session: Session
    table: Table
    order: str | None
    owners: Owners
    customers: CustomerCells
    tickets: dict[str, _TicketOnFile]
    """Ref -> the ticket, for the refs the file names that are on file."""
    codes: dict[int, str]
    """Customer id -> code, for the tickets' customers (messages)."""
    now: datetime = field(init=False)
    first_line: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)
    """Key -> the line that has it, to refuse the same callback twice in one file."""

    def __post_init__(self):
        self.now = self.session.now()


@dataclass(frozen=True)
class ImportedCallback:
    line: int
    key: str
    fields: dict
    """Callback model values, every column (the rows go to one executemany)."""
    agent_login: str | None
    low: bool
    """overall is at or below the policy's low_score_max."""
    followed_up: bool
    """follow_up_status says the follow-up was already done."""
    stale: bool = False
    """A low score older than the policy's callbacks.look_back: marked high priority, not followed up."""


def import_callbacks(
    session: Session,
    path,
    encoding: str | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    ignore: tuple[str, ...] = (),
) -> ImportSummary:
    """Add the file's past callbacks as done callbacks; ImportRejected (nothing written) on any bad row."""
    require_supervisor(session, "callbacks")
    table = read_table(path, COLUMNS, "callbacks", encoding, sheet, ignore)
    with storage_problems():
        return _import(session, table, dry_run)


def _import(session: Session, table: Table, dry_run: bool) -> ImportSummary:
    ctx = _context(session, table)
    rows, problems = [], list(table.problems)
    for row in table.rows:
        checked, row_problems = check_row(ctx, row)
        problems += row_problems
        if checked is not None:
            rows.append(checked)
    if problems:
        raise table.rejected(problems)
    return written(session, lambda: _write(ctx, rows), dry_run)


def _context(session: Session, table: Table) -> _Context:
    as_written = {r.get("ticket_ref").strip() for r in table.rows if r.has("ticket_ref")}
    refs = as_written | {normalise_ref(w) for w in as_written}
    tickets = {
        ref: _TicketOnFile(values[0], ref, *values[1:])
        for ref, values in lookup(
            Ticket.ref, refs, Ticket.id, Ticket.customer, Ticket.description, Ticket.received_at
        ).items()
    }
    owners = {t.customer_id for t in tickets.values()}
    return _Context(
        session=session,
        table=table,
        owners=Owners.load(),
        order=day_order(table.column_values("done_at", "completed_at")),
        customers=CustomerCells(table),
        tickets=tickets,
        codes={id_: values[0] for id_, values in lookup(Customer.id, owners, Customer.code).items()},
    )


def check_row(ctx: _Context, row: Row) -> tuple[ImportedCallback | None, list[Problem]]:
    """The callback a row describes, or None and every problem the row has."""
    check = RowCheck(ctx.table, row)
    label = ctx.table.label
    code = ctx.customers.check(check, row)
    ticket = _ticket(check, ctx, row, code)
    done_at, completed_at = _times(check, ctx, ticket)
    method = check(_method, row.get("method"), label("method"))
    agent = check(_agent, ctx.owners, row.get("agent").strip(), label("agent")) if row.has("agent") else None
    scores = {name: check(_score, row.get(name), label(name), name == "overall") for name in SCORES}
    warm = check(yes_no, row.get("warm"), label("warm"))
    texts = {
        name: check(_long_text, row.get(name), label(name)) for name in ("feedback", "suggestion", "remarks")
    }
    category = check(_category, ctx.session, row.get("category"), label("category"))
    follow_up = check(_follow_up, row.get("follow_up_status"), label("follow_up_status"))
    key = None
    if BAD not in (code, ticket, done_at):
        key = f"import:{code}:{ticket.ref if ticket else '-'}:{done_at.strftime('%Y%m%dT%H%M%SZ')}"
        said = tuple(row.get(c.name).strip() for c in COLUMNS)
        earlier = ctx.first_line.setdefault(key, [])
        same = next((line for line, other in earlier if other == said), None)
        if same is not None:  # every cell alike: a row copied twice
            check.fail("import.callback.repeated", line=same)
        elif earlier and not _day_only(row.get("done_at"), ctx):
            check.fail(
                "import.callback.twice",
                customer=code,
                ticket=ticket.ref if ticket else "-",
                **check.cell("done_at"),
                line=earlier[0][0],
            )
        else:
            # a day written without a time holds every call of that day: two rows that differ
            # are two callbacks, numbered in file order so a second run finds each
            earlier.append((row.line, said))
            key = key if len(earlier) == 1 else f"{key}:{len(earlier)}"
    if not check.ok:
        return None, check.problems
    assert key is not None  # a BAD code, ticket or time left a problem, so check.ok was false
    rules = ctx.session.policy.callbacks
    if ticket is None:
        group = "in_use"
    else:
        group = "complaint" if is_complaint(ticket.description, rules) else "resolved"
    low = scores["overall"] <= rules.low_score_max
    followed_up = follow_up == "done"
    # a low score older than the look-back is history: a supervisor's call now would come
    # months late (and reopen a ticket long closed), as the scheduler never books one so old
    stale = low and not followed_up and done_at < ctx.now - rules.look_back
    fields = dict(
        key=key,
        group=group,
        customer=code,  # the code until written: a new customer has no id yet
        ticket=ticket.id if ticket else None,
        follows=None,
        reason=f"imported from {ctx.table.at(row.line)}",
        due_from=done_at,
        due_by=done_at,
        call_after=None,
        priority="high" if low and (followed_up or stale) else "normal",
        status="done",
        owner=agent.id if agent else None,
        attempts=0,
        script_version=None,
        started_at=done_at,
        completed_at=completed_at or done_at,
        method=method,
        warm=warm,
        category=category,
        follow_up_status=follow_up,
        **scores,
        **texts,
    )
    return ImportedCallback(
        row.line, key, fields, agent.login if agent else None, low, followed_up, stale
    ), []


def _ticket(check: RowCheck, ctx: _Context, row: Row, code):
    if not row.has("ticket_ref"):
        return None
    label = ctx.table.label("ticket_ref")
    written = row.get("ticket_ref").strip()
    ticket = ctx.tickets.get(normalise_ref(written)) or ctx.tickets.get(written)
    if ticket is None:
        check.fail("import.ticket.not_on_file", column=label, value=written)
        return BAD
    on_file = ctx.customers.on_file.get(code) if code is not BAD else None
    if code is not BAD and (on_file is None or on_file.id != ticket.customer_id):
        owner = ctx.codes.get(ticket.customer_id)
        check.fail("import.ticket.other_customer", column=label, ref=ticket.ref, owner=owner, code=code)
        return BAD
    return ticket


NOON = time(12, 0)


def parse_day_or_time(value: str, tz, order: str | None = None) -> datetime:
    """The handbook's 回访日期 is often a date alone: a day without a time counts as 12:00
    floor time that day (inside the day in any zone, so it lands in the right report week)."""
    try:
        return parse_datetime(value, tz, order)
    except BadTime as exc:
        if exc.code != "import.time.no_time_of_day":
            raise  # a time was written and is wrong: say so
        day = parse_date(value, order)
        return datetime.combine(day, NOON, tzinfo=tz).astimezone(UTC)


def _day_only(value: str, ctx: _Context) -> bool:
    """Whether a done_at cell gives a day and no time of day."""
    try:
        parse_datetime(value, ctx.session.policy.calendar.tz, ctx.order)
    except BadTime as exc:
        return exc.code == "import.time.no_time_of_day"
    return False


def _times(check: RowCheck, ctx: _Context, ticket):
    tz = ctx.session.policy.calendar.tz
    local = ctx.session.policy.calendar.local
    done_at = check.time("done_at", parse_day_or_time, tz, ctx.order)
    completed_at = check.time("completed_at", parse_day_or_time, tz, ctx.order)
    if done_at is None:
        check.fail("import.done_at.empty", column=ctx.table.label("done_at"))
        done_at = BAD
    for name, at in (("done_at", done_at), ("completed_at", completed_at)):
        if at not in (None, BAD) and at > ctx.now:
            check.fail("import.time.future", **check.cell(name), now=f"{local(ctx.now):%Y-%m-%d %H:%M}")
    if BAD not in (done_at, completed_at) and completed_at is not None and completed_at < done_at:
        check.fail("import.time.before", **check.cell("completed_at"), **check.other_cell("done_at"))
    if ticket not in (None, BAD) and done_at is not BAD and done_at < ticket.received_at:
        received = f"{local(ticket.received_at):%Y-%m-%d %H:%M}"
        check.fail("import.done_at.before_ticket", **check.cell("done_at"), ref=ticket.ref, received=received)
    return done_at, completed_at


def _method(value: str, label: str) -> str:
    if not value.strip():
        return "phone"
    return choose(value, CALLBACK_METHODS, label, "method")


def _agent(owners: Owners, written: str, label: str) -> Agent:
    return owners.find(written, label, "import.agent.unknown")


def _score(value: str, label: str, required: bool) -> int | None:
    if not value.strip():
        if required:
            raise InvalidInput(label, "import.score.empty")
        return None
    found = score(value)
    if found is None:
        raise InvalidInput(label, "import.score.invalid", value=value.strip())
    return found


def _long_text(value: str, label: str) -> str | None:
    if not value.strip():
        return None
    if len(value) > MAX_TEXT:
        raise InvalidInput(label, "input.too_long", length=len(value), most=MAX_TEXT)
    return value


def _short(value: str, label: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if len(text) > SHORT_TEXT:
        raise InvalidInput(label, "import.label.too_long", length=len(text), most=SHORT_TEXT)
    return text


def _category(session: Session, value: str, label: str) -> str | None:
    text = _short(value, label)
    if text is None:
        return None
    try:
        return pick(text, session.policy.categories, "category")
    except InvalidInput:
        return text


def _follow_up(value: str, label: str) -> str | None:
    text = _short(value, label)
    if text is None:
        return None
    return word_for(text, FOLLOW_UP) or text


def _write(ctx: _Context, rows: list[ImportedCallback]) -> ImportSummary:
    """Inside the write transaction: the keys on file now decide what is added."""
    session, now = ctx.session, ctx.session.now()
    on_file = set(lookup(Callback.key, (r.key for r in rows)))
    todo = [r for r in rows if r.key not in on_file]
    customer_ids = ctx.customers.write(now)
    if any(r.fields["customer"] not in customer_ids for r in todo):
        raise StorageProblem("import.customer_vanished")
    insert_all(
        Callback,
        [
            {
                **r.fields,
                "customer": customer_ids[r.fields["customer"]],
                "created_at": now,
                "created_by": session.login,
                "row_version": 1,
            }
            for r in todo
        ],
    )
    ids = {key: values[0] for key, values in lookup(Callback.key, (r.key for r in todo), Callback.id).items()}
    insert_all(
        CallbackAttempt,
        [
            dict(
                callback=ids[r.key],
                at=r.fields["completed_at"],
                agent=r.agent_login or session.login,
                outcome="done",
                note=f"imported from {ctx.table.at(r.line)}",
                next_try_at=None,
            )
            for r in todo
        ],
    )
    follow_ups, followed_up, too_old, reopened = 0, 0, 0, []
    for r in todo:
        if not r.low:
            continue
        if r.followed_up:
            followed_up += 1
            continue
        if r.stale:
            too_old += 1
            continue
        loop = run_low_score_loop(
            session, Callback.get_by_id(ids[r.key]), now, session.login, scored_by=r.agent_login
        )
        if loop is not None:
            follow_ups += 1
            if loop.reopened:
                reopened.append(loop.reopened)
    return ImportSummary(
        "callbacks",
        created=len(todo),
        unchanged=len(rows) - len(todo),
        follow_ups=follow_ups,
        followed_up=followed_up,
        low_too_old=too_old,
        look_back_days=ctx.session.policy.callbacks.look_back.days,
        reopened=tuple(reopened),
        **ctx.customers.summary(),
        **table_notes(ctx.table),
    )


__all__ = ["COLUMNS", "ImportedCallback", "check_row", "import_callbacks"]
