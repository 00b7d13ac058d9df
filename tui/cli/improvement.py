"""`callfloor action ...`: improvement actions from the command line (issue 23). One function
per subcommand; core.improvement decides, this prints."""

from __future__ import annotations

from datetime import datetime

from core.basics import InvalidInput, printable
from core.floor import Session
from core.improvement import (
    STATUS_LABELS,
    ActionRow,
    Problem,
    action_detail,
    add_action,
    close_action,
    list_actions,
    mark_done,
    reopen_action,
    update_action,
)
from core.improvement.actions import MOST_TICKETS
from tui.cli.output import emit_json, say, table

_STATUS = {label.id: label.en for label in STATUS_LABELS}


def _when(session: Session, at) -> str:
    return f"{session.policy.calendar.local(at):%Y-%m-%d %H:%M}" if at else "-"


def period_tickets(session: Session, period: str, category: str | None, phrase: str | None) -> list[str]:
    """--from W: the tickets behind the action's problem in that week or month, as the report's
    drill-down lists them (the category's, else the phrase's)."""
    from core.basics import pick
    from core.report import Ask, Month, Week
    from core.report.drill import drill

    kind = Week if "w" in period.lower() else Month
    the_period = kind.resolve(period.strip(), session.now(), session.policy.calendar.tz)
    if category:
        ask = Ask("category", key=pick(category, session.policy.categories, "category"))
    elif phrase:
        ask = Ask("phrase", key=phrase.strip())
    else:
        raise InvalidInput("problem", "action.problem.missing")
    rows = drill(session, the_period, ask, "en", limit=MOST_TICKETS).rows
    return list(dict.fromkeys(r.ref for r in rows if r.ref))


def action_add(args, target, clock, session: Session) -> None:
    refs = list(args.tickets or ())
    if args.from_period:
        refs += [
            r for r in period_tickets(session, args.from_period, args.category, args.phrase) if r not in refs
        ]
    number = add_action(
        session,
        args.title,
        args.dept,
        args.owner,
        args.due,
        args.expect,
        Problem(args.category, args.subtag, args.phrase),
        refs,
    )
    say(f"A{number}: created, open, {len(refs)} ticket(s); owner {args.owner}")


def _scores(row: ActionRow) -> str:
    if not row.calls:
        return "-"
    ended = sum(1 for c in row.calls if c.status != "open")
    scores = "/".join(str(s) for s in row.scores) or "-"
    return f"{ended}/{len(row.calls)} {scores}"


def action_list(args, target, clock, session: Session) -> None:
    rows = list_actions(session, status=args.status, mine=args.mine)
    if args.json:
        emit_json([r.as_json(session.policy.calendar.tz) for r in rows])
        return
    table(
        ["#", "status", "late", "title", "dept", "owner", "due", "expected", "tickets", "calls"],
        [
            [
                f"A{r.number}",
                _STATUS[r.status],
                "LATE" if r.late else "",
                r.title,
                r.department,
                r.owner,
                _when(session, r.due_at),
                r.expected.say("en"),
                str(r.tickets),
                _scores(r),
            ]
            for r in rows
        ],
        [5, 11, 4, 28, 10, 10, 16, 22, 7, 12],
    )


def action_show(args, target, clock, session: Session) -> None:
    detail = action_detail(session, args.number)
    a = detail.action
    if args.json:
        emit_json(
            a.as_json(session.policy.calendar.tz)
            | {
                "covered": [
                    {"ref": t.ref, "customer": t.customer, "status": t.status} for t in detail.tickets
                ],
                "timeline": [
                    {
                        "at": e.at.astimezone(session.policy.calendar.tz).isoformat(),
                        "actor": e.actor,
                        "kind": e.kind,
                        "text": e.text,
                        "before": e.before,
                        "after": e.after,
                    }
                    for e in detail.events
                ],
            }
        )
        return
    problem = _problem(session, a)
    say(f"A{a.number}  {a.title}")
    say(f"status    {_STATUS[a.status]}{'  LATE' if a.late else ''}  (round {a.round})")
    say(f"problem   {problem}")
    say(f"owner     {a.owner} ({a.owner_name}), department {a.department}")
    say(f"due       {_when(session, a.due_at)}")
    say(f"expected  {a.expected.say('en')}")
    say(f"tickets   {', '.join(t.ref for t in detail.tickets) or '-'}")
    if a.calls:
        say("verification calls:")
        for c in a.calls:
            result = c.overall if c.status == "done" and c.overall is not None else c.status
            say(f"  #{c.callback_id} {c.customer_code}: {result}")
    say("timeline:")
    for e in detail.events:
        changed = _changes(session, e.before or {}, e.after or {})
        say(f"  {_when(session, e.at)}  {e.actor}  {e.kind}  {printable(e.text or '')}  {changed}".rstrip())


def _problem(session: Session, a: ActionRow) -> str:
    """ "Service efficiency / Delivery delay / “态度生硬”": names as the policy gives them."""
    category = session.policy.category(a.category) if a.category else None
    subtag = next((s for s in category.subtags if s.id == a.subtag), None) if category else None
    said = [category.en if category else a.category, subtag.en if subtag else a.subtag]
    return " / ".join(p for p in [*said, f"“{a.phrase}”" if a.phrase else None] if p)


def _changes(session: Session, before: dict, after: dict) -> str:
    """ "status: open -> in progress; due: 12-21 18:00 -> 12-18 18:00": what an event changed,
    a status, category or sub-tag by its name."""
    categories = {c.id: c.en for c in session.policy.categories}
    subtags = {s.id: s.en for c in session.policy.categories for s in c.subtags}
    named = {"status": _STATUS, "category": categories, "subtag": subtags}

    def shown(key: str, value) -> str:
        if value is None or value == "":
            return "-"
        if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
            try:
                return f"{session.policy.calendar.local(datetime.fromisoformat(value)):%m-%d %H:%M}"
            except ValueError:
                return value
        return named.get(key, {}).get(value, str(value))

    said = []
    for key in dict.fromkeys([*before, *after]):
        label = LABELS.get(key, key)
        if key in before:
            said.append(f"{label}: {shown(key, before[key])} -> {shown(key, after.get(key))}")
        else:
            said.append(f"{label}: {shown(key, after[key])}")
    return "; ".join(said)


LABELS = {"due_at": "due", "tickets_added": "tickets added", "tickets_dropped": "tickets dropped"}


def action_update(args, target, clock, session: Session) -> None:
    problem = None
    if any(v is not None for v in (args.category, args.subtag, args.phrase)):
        problem = Problem(args.category, args.subtag, args.phrase)
    update_action(
        session,
        args.number,
        status=args.status,
        note=args.note,
        title=args.title,
        department=args.dept,
        owner=args.owner,
        due=args.due,
        expect=args.expect,
        problem=problem,
        add_tickets=args.add_tickets or (),
        drop_tickets=args.drop_tickets or (),
    )
    row = action_detail(session, args.number).action
    say(f"A{row.number}: {_STATUS[row.status]}, updated")


def action_done(args, target, clock, session: Session) -> None:
    done = mark_done(session, args.number, note=args.note)
    say(
        f"A{done.number}: done (round {done.round}); {done.customers} verification call(s) booked, "
        "one per customer, merged with their other calls"
    )


def action_close(args, target, clock, session: Session) -> None:
    close_action(session, args.number, args.note)
    say(f"A{args.number.lstrip('aA#')}: closed")


def action_reopen(args, target, clock, session: Session) -> None:
    reopen_action(session, args.number, args.note)
    say(f"A{args.number.lstrip('aA#')}: in progress again")
