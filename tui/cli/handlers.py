"""One function per command: parse nothing, call core, print the answer."""

from __future__ import annotations

import re
import sys
from datetime import date

from core.admin import setup as admin
from core.admin.copy import redact_url
from core.basics import Count, ImportRejected, InvalidInput, mask_phone, plain, printable
from core.basics import say as words
from core.customers import records as customers
from core.floor import open_session
from core.handoffs import directory as departments
from core.handoffs import lifecycle as handoffs
from core.people import agents
from core.tickets import lifecycle as tickets
from core.tickets import reads
from core.tickets.queue import bands_at
from core.tickets.sla import PAUSED_DUE
from tui.cli.output import emit_json, say, table
from tui.text.event_rows import describe


def _session(target, clock, create=False, **how):
    return open_session(target["path"], target["url"], clock=clock, create=create, **how)


def db_init(args, target, clock):
    where, made = target["path"] or redact_url(target["url"]), None
    if args.repair_supervisor:
        result = admin.repair_supervisor(target["path"], target["url"], clock=clock)
        say(f"floor database ready at {where} (schema {result.schema_version})")
        if result.supervisor:  # always the caller after a repair; the type is init's, where it may be None
            say(f"{result.supervisor.login} is now its supervisor (repaired)")
        return
    if target["path"] and str(target["path"]) != ":memory:":
        # A new file is built whole beside it, then renamed into place (see init_new_floor).
        new = admin.init_new_floor(target["path"], args.group, clock=clock)
        if new:
            result, made = new
        else:
            result = admin.init_floor(_session(target, clock))
    elif target["url"]:
        admin.create_floor_file(target["path"], target["url"], args.group)  # refuses --group here
        result = admin.init_server_floor(target["url"], clock=clock)
    else:
        admin.create_floor_file(target["path"], target["url"], args.group)  # refuses --group here
        result = admin.init_floor(_session(target, clock, create=True))
    say(f"floor database ready at {where} (schema {result.schema_version})")
    if made:
        say(f"created {made.path} with mode {made.mode:04o} for the group {made.group}")
    elif args.group:
        say(f"{where} already existed: its owner, group and mode are as they were")
    if result.supervisor:
        say(f"{result.supervisor.login} is the floor's first supervisor")
    if result.departments_added:
        say(f"{result.departments_added} departments added to the directory")


def db_check(args, target, clock):
    session = _session(target, clock, upgrade=False, require_supervisor=False)  # the file as it is
    report = admin.check_floor(session)
    say(f"schema version {report.schema_version} (latest {report.latest_version})")
    for problem in report.problems:
        say(f"problem: {problem}")
    say("ok" if report.ok else f"{len(report.problems)} problem(s)")
    return 0 if report.ok else 1


def db_backup(args, target, clock):
    session = _session(target, clock, upgrade=False)  # as it is: a backup before an upgrade
    say(f"backup written to {admin.backup_floor(session, args.dest)}")


def db_copy(args, target, clock):
    """The floor copied into an empty PostgreSQL database, or out of one into a new SQLite file,
    and kept only when its row counts and its weekly report figures match the floor's."""
    from core.admin.copy import copy_floor

    if args.to_url is not None:
        result = copy_floor(
            target["path"],
            target["url"],
            to_url=args.to_url,
            group=args.group,
            clock=clock,
            figures=_weekly_report_figures,
        )
    else:
        new_file = getattr(args, "db", None)
        if not new_file or getattr(args, "db_url", None):  # CALLFLOOR_DB is a floor: never the new file
            raise InvalidInput("--db", "admin.copy.new_file_needed")
        result = copy_floor(
            source_url=args.from_url,
            to_path=new_file,
            group=args.group,
            clock=clock,
            figures=_weekly_report_figures,
        )
    say(f"copied the floor {result.source} into {result.target} in {result.seconds:.1f} s:")
    table(["table", f"{'rows':>9}"], [[name, f"{rows:>9}"] for name, rows in result.tables], [18, 9])
    say("row counts match on both sides")
    if result.figures:
        when = result.as_of.strftime("%Y-%m-%d %H:%M")
        say(f"report figures match ({', '.join(result.figures)} as of {when} floor time)")
    if result.made:
        made = result.made
        say(f"created {made.path} with mode {made.mode:04o} for the group {made.group}")


def _weekly_report_figures(session) -> dict[str, dict]:
    """What a copy is checked with: the weekly report's figures (`report --json`) of the last
    full week, which `report` shows by default, and of the week under way."""
    from core.report import last_full_week, week_containing, weekly_figures

    tz, now = session.policy.calendar.tz, session.now()
    weeks = (last_full_week(now, tz), week_containing(now, tz))
    return {week.label: weekly_figures(session, week).as_json() for week in weeks}


def agent_add(args, target, clock):
    view = agents.add_agent(_session(target, clock), args.login, args.name, args.role, args.team)
    say(f"added {view.role} {view.login} ({view.display_name})")


def agent_list(args, target, clock):
    session = _session(target, clock)
    people = agents.list_agents(session)
    if args.json:
        emit_json([plain(p, session.policy.calendar.tz) for p in people])
        return
    table(
        ["login", "name", "role", "team", "active"],
        [[p.login, p.display_name, p.role, p.team, "yes" if p.active else "no (left)"] for p in people],
        [16, 16, 10, 12, 9],
    )


def agent_set(args, target, clock):
    """A person's entry changed; a leaver's open work is said, with how to move it."""
    from core.people import set_agent

    active = _yes_no(args.active, "active") if args.active is not None else None
    change = set_agent(_session(target, clock), args.login, active, args.role, args.name, args.team)
    view = change.agent
    state = "active" if view.active else "inactive (can no longer open the floor nor be given work)"
    say(f"{view.login} ({view.display_name}): {view.role}, team {view.team or '-'}, {state}")
    if view.active:
        return
    if change.open_tickets:
        noun = "ticket" if change.open_tickets == 1 else "tickets"
        say(
            f"{view.login} still owns {change.open_tickets} open {noun}: move them with "
            f"`callfloor ticket assign --from {view.login} --spread --reason ...` (or --to LOGIN)"
        )
    if change.open_callbacks:
        noun = "callback" if change.open_callbacks == 1 else "callbacks"
        say(
            f"{view.login} still holds {change.open_callbacks} open {noun}: see them with "
            "`callfloor callbacks list`"
        )


_YES = ("yes", "y", "true", "1", "是")
_NO = ("no", "n", "false", "0", "否")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _yes_no(text: str, option: str) -> bool:
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise InvalidInput(option, f"{text!r} is not yes or no; write --{option} yes or --{option} no")


def _churn_risk(text: str) -> bool:
    word = text.strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise InvalidInput("churn risk", f"{text!r} is not yes or no; write --churn-risk yes or --churn-risk no")


def _delivery(text: str) -> date | None:
    """A delivery date as YYYY-MM-DD; None for "" (no date)."""
    text = text.strip()
    if not text:
        return None
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            "delivery", f"{text!r} is not a real date; write it as YYYY-MM-DD, e.g. 2026-11-19"
        ) from None
    raise InvalidInput("delivery", f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-19")


def customer_add(args, target, clock):
    delivery = _delivery(args.delivery) if args.delivery is not None else None
    churn_risk = _churn_risk(args.churn_risk) if args.churn_risk is not None else False
    form = customers.CustomerForm(
        args.code,
        args.name,
        args.short_name,
        args.contact,
        args.phone,
        args.type,
        args.industry,
        delivery_date=delivery,
        preferred_call_time=args.call_time,
        churn_risk=churn_risk,
    )
    view = customers.add_customer(_session(target, clock), form)
    say(f"added customer {view.code} ({view.name})")


def customer_set(args, target, clock):
    changes, said = {}, []
    if args.call_time is not None:
        changes["call_time"] = args.call_time
        shown = customers.check_call_time(args.call_time)
        said.append(f"call time {shown}" if shown else "call time cleared")
    if args.churn_risk is not None:
        changes["churn_risk"] = _churn_risk(args.churn_risk)
        said.append(f"churn risk {'yes' if changes['churn_risk'] else 'no'}")
    if args.delivery is not None:
        changes["delivery_date"] = _delivery(args.delivery)
        said.append(
            f"delivery {changes['delivery_date']:%Y-%m-%d}"
            if changes["delivery_date"]
            else "delivery cleared"
        )
    customers.set_callback_preferences(_session(target, clock), args.code, **changes)
    say(f"{args.code.strip()}: {', '.join(said)}")


def ticket_add(args, target, clock):
    form = tickets.NewTicket(
        args.customer,
        args.channel,
        args.text,
        platform=args.platform,
        tier=args.tier,
        category=args.category,
        subtag=args.subtag,
        mood=args.mood,
    )
    print(tickets.intake(_session(target, clock), form))


def ticket_claim(args, target, clock):
    result = tickets.claim(_session(target, clock), args.ref)
    say(f"{result.ref} is already yours" if result.already_yours else f"{result.ref} is yours")


def ticket_note(args, target, clock):
    tickets.add_note(_session(target, clock), args.ref, args.text)


def ticket_contact(args, target, clock):
    tickets.log_contact(_session(target, clock), args.ref, args.direction, args.text)


def ticket_status(args, target, clock):
    new = tickets.set_status(
        _session(target, clock), args.ref, args.status, args.note, args.confirmation, handoffs=args.handoffs
    )
    say(f"{tickets.normalise_ref(args.ref)} is now {new}")


def ticket_tier(args, target, clock):
    tickets.change_tier(_session(target, clock), args.ref, args.tier, args.reason)


def ticket_category(args, target, clock):
    tickets.change_category(_session(target, clock), args.ref, args.category, args.subtag, args.reason)


def ticket_show(args, target, clock):
    session = _session(target, clock)
    detail = reads.ticket_detail(session, args.ref)
    tz = session.policy.calendar.tz
    if args.json:
        emit_json(plain(detail, tz))
        return
    local = lambda dt: dt.astimezone(tz).strftime("%Y-%m-%d %H:%M") if dt else "-"  # noqa: E731
    say(f"{detail.ref}  {detail.tier}  {detail.status}  owner: {detail.owner or '-'}")
    say(f"customer: {detail.customer_code} {detail.customer.name}  {detail.customer.phone_masked}")
    say(
        f"channel: {detail.channel}{' / ' + detail.platform if detail.platform else ''}  "
        f"category: {detail.category}{'/' + detail.subtag if detail.subtag else ''}"
    )
    say(
        f"received {local(detail.received_at)}  response due {local(detail.response_due_at)}  "
        f"solution due {local(detail.solution_due_at)}"
    )
    if detail.paused_at is not None:
        say(f"solution clock paused since {local(detail.paused_at)} (its due time moves on when it runs)")
    say("")
    say(detail.description)
    say("")
    today = session.now().astimezone(tz).date()
    for event in detail.events:  # in the app's words (the kinds and changes as the timeline says them)
        words = describe(event, session.policy, tz, today)
        say(f"{local(event.at)}  {event.actor:<12} {event.kind:<12} {words}")


def ticket_improved(args, target, clock):
    from core.callbacks import record_improvement

    record_improvement(_session(target, clock), args.ref, args.text)
    say(
        f"{tickets.normalise_ref(args.ref)}: improvement recorded; the next `callfloor callbacks schedule` "
        "books the callback that verifies it"
    )


def ticket_assign(args, target, clock):
    """One ticket to one login (anyone, for their own ticket), or several, --from an agent or
    --spread (supervisors): one line per ticket moved, then those skipped and why."""
    from core.tickets import bulk, reassign

    refs, to = list(args.refs), args.to
    if to is None and not args.spread and (len(refs) >= 2 or (refs and args.from_login)):
        to = refs.pop()  # the first form: ticket assign REF LOGIN
    if to is None and not args.spread:
        raise InvalidInput("new owner", "ticket.bulk.one_target")
    session = _session(target, clock)
    if len(refs) == 1 and not args.from_login and to is not None:
        owner = reassign(session, refs[0], to, args.reason)
        say(f"{tickets.normalise_ref(refs[0])} is now {owner}'s")
        return 0
    wanted: list[tuple[str, int | None]] = []
    if args.from_login:  # with the versions read now: a ticket changed before the move is skipped
        wanted = list(bulk.open_tickets_of(session, args.from_login))
        if not wanted and not refs:
            say(f"{args.from_login} owns no open tickets; nothing to move")
            return 0
    wanted += [(ref, None) for ref in refs]
    result = bulk.reassign_many(session, wanted, args.reason, to_login=to, spread=args.spread)
    language = getattr(args, "lang", None) or "en"
    for ref, owner in result.moved:
        say(f"{ref} -> {owner}")
    for ref, why in result.skipped:
        say(f"{ref} skipped: {words(f'ticket.bulk.skipped.{why}', language)}")
    summary = f"moved {len(result.moved)} of {result.asked}"
    say(f"{summary}; {len(result.skipped)} skipped" if result.skipped else summary)
    return 1 if result.skipped else 0


def ticket_list(args, target, clock):
    session = _session(target, clock)
    rows = reads.list_tickets(session, open_only=args.open)
    tz = session.policy.calendar.tz
    if args.json:
        emit_json([plain(r, tz) for r in rows])
        return
    bands = bands_at(session.policy, session.now())

    def band(row) -> str:
        if row.next_due_at is None:
            return "-"
        return "paused" if row.next_due_at >= PAUSED_DUE else bands.band(row.next_due_at).replace("_", " ")

    table(
        ["ref", "tier", "status", "owner", "customer", "category", "received", "band"],
        [
            [
                r.ref,
                r.tier,
                r.status,
                r.owner,
                r.customer_name,
                r.category,
                r.received_at.astimezone(tz).strftime("%m-%d %H:%M"),
                band(r),
            ]
            for r in rows
        ],
        [8, 6, 11, 12, 16, 10, 11, 7],
    )


def dept_add(args, target, clock):
    view = departments.add_department(
        _session(target, clock),
        args.name,
        args.contact,
        args.phone,
        args.hours,
        args.backup_contact,
        args.backup_phone,
    )
    say(f"added department {view.name}")


def dept_set(args, target, clock):
    view = departments.update_department(
        _session(target, clock),
        args.name,
        contact=args.contact,
        phone=args.phone,
        hours=args.hours,
        backup_contact=args.backup_contact,
        backup_phone=args.backup_phone,
    )
    say(f"updated department {view.name}")


def dept_list(args, target, clock):
    session = _session(target, clock)
    rows = departments.list_departments(session)
    if args.json:
        emit_json([plain(d, session.policy.calendar.tz) for d in rows])
        return
    table(
        ["department", "contact", "phone", "online", "backup"],
        [[d.name, d.contact_person, d.phone, d.online_hours, d.backup_contact] for d in rows],
        [14, 12, 14, 12, 12],
    )


def handoff_add(args, target, clock):
    added = handoffs.add_handoff(
        _session(target, clock), args.ref, args.dept, args.need, args.due, args.problem
    )
    print(added.id)
    if added.warning:
        print(f"callfloor: warning: {printable(added.warning)}", file=sys.stderr)


def handoff_answer(args, target, clock):
    handoffs.answer_handoff(_session(target, clock), args.id, args.text)


def handoff_synced(args, target, clock):
    handoffs.sync_handoff(_session(target, clock), args.id)


def handoff_list(args, target, clock):
    session = _session(target, clock)
    rows = handoffs.list_handoffs(session, open_only=not args.all)
    tz = session.policy.calendar.tz
    if args.json:
        emit_json([plain(h, tz) for h in rows])
        return
    table(
        ["#", "ref", "department", "stage", "due", "need"],
        [
            [str(h.id), h.ref, h.department, h.stage, h.due_at.astimezone(tz).strftime("%m-%d %H:%M"), h.need]
            for h in rows
        ],
        [5, 8, 12, 9, 11, 30],
    )


def _import(kind: str, args, target, clock, **options):
    from core import importing

    run = getattr(importing, f"import_{kind}")
    language = getattr(args, "lang", None) or "en"
    session = _session(target, clock)
    try:
        summary = run(
            session, args.file, args.encoding, args.sheet, args.dry_run, tuple(args.ignore), **options
        )
    except ImportRejected as refused:
        table = getattr(refused, "table", None)
        if not args.dry_run or table is None:
            raise  # a real run lists every problem; so does a dry run of a file it cannot read
        from core.importing.summary import refusal_preview

        for line in refusal_preview(refused, table, language):
            say(line)
        return 1
    say(summary.text(language))
    return 0


def import_customers(args, target, clock):
    return _import("customers", args, target, clock)


def import_tickets(args, target, clock):
    return _import("tickets", args, target, clock)


def import_callbacks(args, target, clock):
    return _import("callbacks", args, target, clock)


def import_contacts(args, target, clock):
    return _import("contacts", args, target, clock, customer=args.customer)


def _window(start, end, tz) -> str:
    return f"{start.astimezone(tz):%Y-%m-%d %H:%M} .. {end.astimezone(tz):%Y-%m-%d %H:%M}"


def callbacks_schedule(args, target, clock):
    from core.callbacks import schedule_callbacks

    session = _session(target, clock)
    made = schedule_callbacks(session)
    for warning in made.skipped:  # a record with an impossible date: the rest is still booked
        print(f"callfloor: warning: {printable(warning)}", file=sys.stderr)
    tz = session.policy.calendar.tz
    if args.json:
        emit_json(
            [
                plain(
                    {
                        "id": s.id,
                        "key": s.key,
                        "group": s.group,
                        "customer_code": s.customer_code,
                        "ticket_ref": s.ticket_ref,
                        "due_from": s.due_from,
                        "due_by": s.due_by,
                        "reason": s.reason,
                        "joined": s.joined,
                    },
                    tz,
                )
                for s in made
            ]
        )
        return
    if not made:
        say("nothing new to schedule")
        return
    table(
        ["#", "group", "customer", "ticket", "due (floor time)"],
        [
            [
                f"+{s.id}" if s.joined else str(s.id),
                s.group,
                s.customer_code,
                s.ticket_ref,
                _window(s.due_from, s.due_by, tz),
            ]
            for s in made
        ],
        [6, 18, 10, 8, 36],
    )
    own = sum(1 for s in made if s.joined is None)
    joined = len(made) - own
    say(
        f"{own} callback{'' if own == 1 else 's'} scheduled"
        + (f"; {joined} reason{'' if joined == 1 else 's'} joined an open call (+#)" if joined else "")
    )


CALLBACK_FIELDS = (
    "id",
    "group",
    "customer_code",
    "ticket_ref",
    "due_from",
    "due_by",
    "call_after",
    "priority",
    "status",
    "owner",
    "attempts",
    "overall",
    "efficiency",
    "solving",
    "attitude",
    "warm",
    "held_by",
)


def callbacks_list(args, target, clock):
    from core.callbacks import list_callbacks

    session = _session(target, clock)
    rows = list_callbacks(session, open_only=not args.all, due=args.due, group=args.group)
    tz, now = session.policy.calendar.tz, session.now()
    if args.json:
        emit_json(
            [
                plain(
                    {
                        **{name: getattr(c, name) for name in CALLBACK_FIELDS},
                        "section": c.when(now, tz),
                        "purposes": [
                            {"group": p.group, "ticket_ref": p.ticket_ref, "reason": p.reason}
                            for p in c.purposes
                        ],
                    },
                    tz,
                )
                for c in rows
            ]
        )
        return
    if not rows:
        if args.due:
            waiting = len(list_callbacks(session, group=args.group))
            if waiting:  # open ones exist, none due: say so, not that there are none
                noun = "callback is" if waiting == 1 else "callbacks are"
                say(f"nothing due now; {waiting} open {noun} upcoming: see callfloor callbacks list")
                return
        say(
            "no callbacks"
            + ("" if args.all else " open")
            + "; new ones come from: callfloor callbacks schedule"
        )
        return
    table(
        ["#", "!", "when", "group", "customer", "phone", "ticket", "due by", "owner"],
        [
            [
                str(c.id),
                "!" if c.priority == "high" else "",
                f"held #{c.held_by}" if c.held_by is not None else c.when(now, tz),
                c.group + (f" +{len(c.purposes) - 1}" if len(c.purposes) > 1 else ""),
                c.customer_name,
                mask_phone(c.customer_phone),
                c.ticket_ref,
                c.due_by.astimezone(tz).strftime("%m-%d %H:%M"),
                c.owner,
            ]
            for c in rows
        ],
        [4, 1, 12, 12, 10, 11, 7, 11, 8],
    )


def callbacks_pass(args, target, clock):
    from core.callbacks.follow_ups import pass_follow_up

    session = _session(target, clock)
    to = pass_follow_up(session, args.number, args.to)
    say(f"low-score follow-up #{str(args.number).lstrip('#')} passed to {to.display_name} ({to.login})")


def policy_check(args, target, clock):
    policy = _usable_policy(args.file, clock)
    say(
        f"{args.file}: ok ({policy.sla_mode} time, {len(policy.categories)} categories, "
        f"time zone {policy.timezone})"
    )


def policy_load(args, target, clock):
    _usable_policy(args.file, clock)  # its keys checked against the app's before the floor sees it
    admin.load_policy_into_floor(_session(target, clock), args.file)
    say(f"{args.file} is now the floor's policy")


def _usable_policy(path, clock):
    """The policy in the file, refused (a PolicyError) if core cannot run a floor on it or its
    [keys] would move a key where the apps cannot use it (tui/key_maps.py)."""
    from tui.app import CallfloorApp  # the apps (and Textual) load only for the policy commands
    from tui.key_maps import refuse_unusable
    from tui.wall import WallApp

    policy = admin.check_policy_file(path, clock.now())
    refuse_unusable(str(path), policy.keys, (CallfloorApp, WallApp))
    return policy


def policy_show(args, target, clock):
    session = _session(target, clock)
    if not args.as_loaded:
        sys.stdout.write(admin.policy_in_force_text(session))
        return
    text = admin.floor_policy_text(session)
    sys.stdout.write(text if text is not None else "# no policy loaded: the built-in defaults apply\n")


def demo(args, target, clock):
    from core.demo import build_demo, build_demo_file

    if target["url"]:
        raise InvalidInput(
            "--db-url",
            "demo builds a new SQLite file and never touches a database server; "
            "give --db PATH with a new file name, e.g. --db demo.db",
        )
    session = None
    if str(target["path"]) == ":memory:":  # nothing there to replace: built in the app's own session
        session = _session(target, clock, create=True)
        summary = build_demo(session, tickets=args.tickets, seed=args.seed)
    else:
        summary = build_demo_file(target["path"], clock=clock, tickets=args.tickets, seed=args.seed)
    say(summary.text())
    if args.no_ui:
        return
    return app(args, target, clock, session)


def export(args, target, clock):
    """The weekly report (or with --month the monthly callback work report) as a workbook, in
    the floor's exports folder unless -o names a file (an agent's only in that folder); a name
    already taken gets a new one ("... (2).xlsx") unless --overwrite. A refusal (bad or future
    week or month, --clear for an agent, an agent's file elsewhere, a folder that cannot be
    written or entered) leaves no file."""
    from core.report import parse_week
    from core.report.export_file import ExportTarget
    from core.report.workbook import export_week

    session = _session(target, clock)
    session.require_agent()
    if getattr(args, "month", None) is not None:
        return _export_month(args, session)
    week = parse_week(args.week, session.now(), session.policy.calendar.tz)
    asked = ExportTarget(args.output, overwrite=args.overwrite)
    language = getattr(args, "lang", None)
    result = export_week(session, week, asked, clear=args.clear, language=language)
    _said_exported(
        "report.exported.week",
        args,
        result.path,
        result.renamed_from,
        week=result.week,
        tickets=Count(result.tickets, "report.count.ticket"),
        seconds=f"{result.seconds:.1f}",
    )


def _export_month(args, session):
    from core.report import parse_month
    from core.report.export_file import ExportTarget
    from core.report.monthly_book import export_month

    month = parse_month(args.month, session.now(), session.policy.calendar.tz)
    asked = ExportTarget(args.output, overwrite=args.overwrite)
    result = export_month(session, month, asked, clear=args.clear, language=getattr(args, "lang", None))
    _said_exported(
        "report.exported.month",
        args,
        result.path,
        result.renamed_from,
        month=result.month,
        callbacks=Count(result.callbacks, "report.count.callback_done"),
        seconds=f"{result.seconds:.1f}",
    )


def _said_exported(code: str, args, path, renamed_from, **values) -> None:
    """What was written, where (the name actually written), masked or CLEAR, in --lang's words;
    a second line when the name asked for (renamed_from, the export's own word) was taken and a
    new one written."""
    language = getattr(args, "lang", None) or "en"
    privacy = words("report.exported.clear" if args.clear else "report.exported.masked", language)
    say(words(code, language, path=str(path), privacy=privacy, **values))
    if renamed_from is not None:
        say(words("report.exported.new_name", language, taken=renamed_from.name))


def report(args, target, clock):
    """The weekly report's figures (or with --month the monthly callback work report's): JSON
    named as in docs/report.md (with "phrases": what customers kept saying), or a short text."""
    from core.report import monthly_figures, report_json, weekly_figures

    session = _session(target, clock)
    if getattr(args, "month", None) is not None:
        if args.json:
            emit_json(report_json(session, month=args.month))
            return
        month = monthly_figures(session, args.month).as_json()
        _month_text(month, session.policy.callbacks.low_score_max)
        return
    if args.json:
        emit_json(report_json(session, week=args.week))
        return
    figures = weekly_figures(session, args.week).as_json()
    _report_text(figures, session.policy.callbacks.low_score_max)


def _month_text(f: dict, low_max: int) -> None:
    """The monthly callback work report as text: the floor's figures, its weeks, its agents."""

    def score(value) -> str:
        return "-" if value is None else f"{value:.2f}"

    def follow_up(states: dict) -> str:
        return ", ".join(f"{state} {n}" for state, n in states.items() if n) or "none"

    def days(week: dict) -> str:
        """The week's days in the month, first and last: 11-02..11-08."""
        first = date.fromisoformat(week["from"][:10])
        last = date.fromordinal(date.fromisoformat(week["to"][:10]).toordinal() - 1)
        return f"{first:%m-%d}..{last:%m-%d}"

    change = "" if f["satisfaction_change"] is None else f", {f['satisfaction_change']:+.2f}"
    warmth = "-" if f["warmth_rate"] is None else f"{100 * f['warmth_rate']:.2f}%"
    say(
        f"monthly callback report {f['month']}: {f['from'][:16].replace('T', ' ')} to "
        f"{f['to'][:16].replace('T', ' ')} floor time, as of {f['as_of'][:16].replace('T', ' ')}"
    )
    rows = [
        ("calls made", f"{f['calls_made']}  (reached {f['calls_reached']})"),
        ("callbacks done", str(f["callbacks_done"])),
        (
            "satisfaction",
            f"{score(f['satisfaction_avg'])}  (last month {score(f['satisfaction_prev'])}{change})",
        ),
        (
            "scores",
            f"efficiency {score(f['efficiency_avg'])}, problem solving {score(f['solving_avg'])}, "
            f"attitude {score(f['attitude_avg'])}",
        ),
        (
            f"low scores <= {low_max}",
            f"{f['low_scores']}  (follow-up: {follow_up(f['low_score_follow_up'])})",
        ),
        ("suggestions", str(f["suggestions"])),
        ("warmth", warmth),
    ]
    for label, value in rows:
        say(f"{label:<26}{value}")
    say("")
    table(
        ["week", "days", "done", "satisfaction"],
        [
            [
                w["week"],
                days(w),
                str(w["callbacks_done"]),
                score(w["satisfaction_avg"]),
            ]
            for w in f["weeks"]
        ],
        [9, 12, 5, 12],
    )
    if f["agents"]:
        say("")
        table(
            [
                "agent",
                "made",
                "reached",
                "done",
                "satisfaction",
                "efficiency",
                "solving",
                "attitude",
                "low",
                "open",
                "suggestions",
            ],
            [
                [
                    a["login"],
                    str(a["calls_made"]),
                    str(a["calls_reached"]),
                    str(a["callbacks_done"]),
                    score(a["satisfaction_avg"]),
                    score(a["efficiency_avg"]),
                    score(a["solving_avg"]),
                    score(a["attitude_avg"]),
                    str(a["low_scores"]),
                    str(a["low_score_follow_up"]["open"]),
                    str(a["suggestions"]),
                ]
                for a in f["agents"]
            ],
            [12, 5, 7, 5, 12, 10, 7, 8, 4, 5, 11],
        )


def _report_text(f: dict, low_max: int) -> None:
    def rate(value) -> str:
        return "-" if value is None else f"{100 * value:.2f}%"

    def score(value) -> str:
        return "-" if value is None else f"{value:.2f}"

    change = "" if f["satisfaction_change"] is None else f", {f['satisfaction_change']:+.2f}"
    say(
        f"weekly report {f['week']}: {f['from'][:16].replace('T', ' ')} to {f['to'][:16].replace('T', ' ')} "
        f"floor time, as of {f['as_of'][:16].replace('T', ' ')}"
    )
    rows = [
        (
            "received",
            f"{f['received']}  ({', '.join(f'{c} {n}' for c, n in f['by_channel'].items() if n) or 'none'})",
        ),
        ("resolution rate", rate(f["resolution_rate"])),
        ("first-contact resolution", rate(f["fcr_rate"])),
        ("first response in target", rate(f["first_response_in_target_rate"])),
        ("solution in target", rate(f["solution_in_target_rate"])),
        (
            "waited over 1 h",
            f"{rate(f['waited_over_1h_rate'])}  (longest wait {f['longest_wait_minutes']} min)",
        ),
        (
            "satisfaction",
            f"{score(f['satisfaction_avg'])}  (last week {score(f['satisfaction_prev'])}{change})",
        ),
        (
            "callbacks done",
            f"{f['callbacks_done']}  (low scores <= {low_max}: {f['low_scores']}, "
            f"warmth {rate(f['warmth_rate'])})",
        ),
        (
            "top categories",
            ", ".join(f"{c['category']} {c['count']} ({rate(c['share'])})" for c in f["top_categories"])
            or "none",
        ),
        (
            "handoffs due",
            "; ".join(
                f"{d} {h['total']} (on time {h['on_time']}, late {h['late']}, stuck {h['stuck']})"
                for d, h in f["handoffs"].items()
                if h["total"]
            )
            or "none",
        ),
    ]
    for label, value in rows:
        say(f"{label:<26}{value}")
    if f["agents"]:
        say("")
        table(
            [
                "agent",
                "tickets",
                "response",
                "solution",
                "resolved",
                "fcr",
                "callbacks",
                "satisfaction",
                "warmth",
            ],
            [
                [
                    a["login"],
                    str(a["tickets_owned"]),
                    rate(a["first_response_in_target_rate"]),
                    rate(a["solution_in_target_rate"]),
                    str(a["resolved"]),
                    rate(a["fcr_rate"]),
                    str(a["callbacks_done"]),
                    score(a["satisfaction_avg"]),
                    rate(a["warmth_rate"]),
                ]
                for a in f["agents"]
            ],
            [12, 7, 9, 9, 8, 8, 9, 12, 8],
        )


def audit(args, target, clock):
    """Refusals on role grounds, newest first: who tried what, on what, and what they were told."""
    from core.floor import recent_refusals

    session = _session(target, clock)
    rows = recent_refusals(session, args.limit)
    tz = session.policy.calendar.tz
    if args.json:
        emit_json([plain(r, tz) for r in rows])
        return
    if not rows:
        say("no refusals recorded")
        return
    table(
        ["at", "login", "action", "target", "reason"],
        [[r.at.astimezone(tz).strftime("%m-%d %H:%M"), r.login, r.action, r.target, r.reason] for r in rows],
        [11, 10, 24, 10, 300],
    )  # the reason in full: it is what the person was told


def board(args, target, clock):
    """The wall board: read-only, full screen, live."""
    from tui.wall import make_wall

    session = _session(target, clock)
    session.require_agent()  # the wall's login must be on the floor too: it reads customer data, masked
    make_wall(session, getattr(args, "lang", None), args.theme).run()


def serve_board(args, target, clock):
    """The wall board to browsers, and the links the wall screens open (tui/cli/serve_board.py)."""
    from tui.cli.serve_board import serve_board as serve

    serve(args, target, _session(target, clock))


def app(args, target, clock, session=None):
    """callfloor with no command: the floor app (queue, tickets, intake) in this terminal."""
    from tui.app import run_app

    session = session or _session(target, clock)
    session.require_agent()  # an unknown login is told how to be added before any screen opens
    return run_app(session, getattr(args, "lang", None))


def script_check(args, target, clock):
    from core.callbacks import check_scripts

    for script in check_scripts(args.paths):
        asked = len(script.questions)
        say(
            f"{script.origin}: ok ({script.group} version {script.version}, "
            f"{asked} question{'' if asked == 1 else 's'})"
        )


def script_load(args, target, clock):
    from core.callbacks import load_scripts

    for result in load_scripts(_session(target, clock), args.paths):
        if result.loaded:
            say(f"loaded {result.group} version {result.version} from {result.origin}")
        else:
            say(f"{result.group} version {result.version} was already loaded ({result.origin}): unchanged")


def script_list(args, target, clock):
    from core.callbacks import current_scripts

    session = _session(target, clock)
    scripts = current_scripts(session)
    tz = session.policy.calendar.tz
    rows = [
        {
            "group": s.group,
            "version": s.version,
            "title": s.title,
            "questions": len(s.questions),
            "loaded_at": plain({"t": s.loaded_at}, tz)["t"],
            "loaded_by": s.loaded_by,
        }
        for s in scripts.values()
    ]
    if args.json:
        emit_json(rows)
        return
    if not rows:
        say("no callback scripts loaded yet; a supervisor loads them with: callfloor script load FOLDER")
        return
    table(
        ["group", "version", "questions", "loaded", "by", "title"],
        [
            [
                r["group"],
                str(r["version"]),
                str(r["questions"]),
                r["loaded_at"][:16].replace("T", " "),
                r["loaded_by"],
                r["title"],
            ]
            for r in rows
        ],
        [18, 7, 9, 16, 10, 24],
    )


def _improvement(name: str):
    """`callfloor action ...` (tui/cli/improvement.py), with the session opened here."""

    def run(args, target, clock):
        from tui.cli import improvement

        return getattr(improvement, name)(args, target, clock, _session(target, clock))

    run.__name__ = name
    return run


action_add = _improvement("action_add")
action_list = _improvement("action_list")
action_show = _improvement("action_show")
action_update = _improvement("action_update")
action_done = _improvement("action_done")
action_close = _improvement("action_close")
action_reopen = _improvement("action_reopen")
