"""The callfloor command's grammar. --db/--db-url work before or after the subcommand."""

from __future__ import annotations

import argparse

DB_HELP = "the floor's SQLite file (default: $CALLFLOOR_DB)"
URL_HELP = "a database URL instead of a file, e.g. postgresql://host/floor (default: $CALLFLOOR_DB_URL)"


def _db_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument("--db", metavar="PATH", default=default, help=DB_HELP)
    parser.add_argument("--db-url", metavar="URL", default=default, help=URL_HELP)


def _callback_preferences(parser: argparse.ArgumentParser, clearable: bool = False) -> None:
    clear = ' ("" clears it)' if clearable else ""
    parser.add_argument(
        "--call-time",
        metavar="HH:MM-HH:MM",
        help=f"when the customer likes to be called back, floor time{clear}",
    )
    parser.add_argument(
        "--churn-risk", metavar="yes|no", help="flag the customer as a churn risk (quarterly callback)"
    )
    parser.add_argument(
        "--delivery", metavar="YYYY-MM-DD", help=f"delivery date (new-customer callback){clear}"
    )


def _report_period(parser: argparse.ArgumentParser) -> None:
    """report and export: a week (the weekly report) or a month (the callback work report)."""
    period = parser.add_mutually_exclusive_group()
    period.add_argument(
        "--week", metavar="YYYY-Www", help="the ISO week, e.g. 2026-W47 (default: the last full week)"
    )
    period.add_argument(
        "--month",
        metavar="YYYY-MM",
        help="the monthly callback work report (回访工作报告) of a calendar month instead, e.g. 2026-11",
    )


def _action_problem(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--category", help="the problem's category (policy id or name)")
    parser.add_argument("--subtag", help="its sub-tag")
    parser.add_argument("--phrase", help="what customers keep saying, as the report counts it")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callfloor",
        description="A keyboard-driven tool for a customer-service floor. "
        "Identity is your OS login (CALLFLOOR_USER overrides it for demos and tests; "
        "it is no security boundary).",
    )
    _db_options(parser, suppress=False)
    parser.add_argument(
        "--lang",
        choices=("en", "zh"),
        help="the app's language (default: the floor's policy, else the locale); "
        "also the language of the command line's refusals (default: English)",
    )
    parser.set_defaults(handler="app")
    common = argparse.ArgumentParser(add_help=False)
    _db_options(common, suppress=True)
    groups = parser.add_subparsers(dest="group", metavar="COMMAND")

    def group(name: str, help_: str):
        sub = groups.add_parser(name, help=help_, parents=[common])
        return sub.add_subparsers(dest="action", metavar="ACTION", required=True)

    def leaf(actions, name: str, help_: str, handler: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_, parents=[common])
        sub.set_defaults(handler=handler)
        return sub

    db = group("db", "create, check, back up and copy the floor database")
    init = leaf(
        db,
        "init",
        "create the floor database, mode 0660 for the floor group (you become its first supervisor)",
        "db_init",
    )
    init.add_argument(
        "--group",
        metavar="GROUP",
        help="the floor's group, whose members all write the file (default: your primary group)",
    )
    init.add_argument(
        "--repair-supervisor",
        action="store_true",
        help="a floor left with no active supervisor: you become it (only the OS user who owns the file)",
    )
    leaf(
        db,
        "check",
        "integrity, schema version and an active supervisor, as the file is (no upgrade); exits 1 when bad",
        "db_check",
    )
    leaf(
        db,
        "backup",
        "an online, consistent copy while agents work, as the file is (no upgrade; supervisors only)",
        "db_backup",
    ).add_argument("dest", metavar="DEST")

    copy = leaf(
        db,
        "copy",
        "copy the floor into an empty PostgreSQL database (--to-url), or out of one into a new "
        "SQLite file (--from-url URL --db NEWPATH); checked before it is kept (supervisors only)",
        "db_copy",
    )
    direction = copy.add_mutually_exclusive_group(required=True)
    direction.add_argument(
        "--to-url",
        metavar="URL",
        help="the empty PostgreSQL database the floor (--db, --db-url or $CALLFLOOR_DB) is copied into, "
        "e.g. postgresql://floor@dbhost/callfloor",
    )
    direction.add_argument(
        "--from-url",
        metavar="URL",
        help="the PostgreSQL database whose floor is copied into the new SQLite file given with --db",
    )
    copy.add_argument(
        "--group",
        metavar="GROUP",
        help="with --from-url: the new file's floor group, whose members all write it "
        "(default: your primary group)",
    )

    agent = group("agent", "the floor's agents and supervisors")
    add = leaf(agent, "add", "add an agent (supervisors only)", "agent_add")
    add.add_argument("login")
    add.add_argument("--name", required=True)
    add.add_argument("--role", default="agent", help="agent or supervisor")
    add.add_argument("--team")
    leaf(agent, "list", "list the floor's people", "agent_list").add_argument("--json", action="store_true")
    edit = leaf(
        agent,
        "set",
        "change a person's entry, e.g. --active no for a leaver (supervisors only)",
        "agent_set",
    )
    edit.add_argument("login")
    edit.add_argument(
        "--active",
        metavar="yes|no",
        help="no: a leaver (can no longer open the floor nor be given work); yes: back again",
    )
    edit.add_argument("--role", help="agent or supervisor")
    edit.add_argument("--name", help="the display name")
    edit.add_argument("--team", help='the team ("" clears it)')

    customer = group("customer", "customers")
    add = leaf(customer, "add", "add a customer", "customer_add")
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--short-name")
    add.add_argument("--contact")
    add.add_argument("--phone")
    add.add_argument("--type", default="new", help="new, old or vip")
    add.add_argument("--industry")
    _callback_preferences(add)
    edit = leaf(
        customer, "set", "what callbacks need to know about a customer (anyone on the floor)", "customer_set"
    )
    edit.add_argument("code")
    _callback_preferences(edit, clearable=True)

    ticket = group("ticket", "tickets: intake, claim, notes, status")
    add = leaf(ticket, "add", "record new feedback; prints the new ref", "ticket_add")
    add.add_argument("--customer", required=True, metavar="CODE")
    add.add_argument("--channel", required=True)
    add.add_argument("--text", required=True)
    add.add_argument("--tier", help="red, yellow or green (default: the keywords decide)")
    add.add_argument("--platform", help="for social media: WeChat official account, ...")
    add.add_argument("--category")
    add.add_argument("--subtag")
    add.add_argument("--mood", help="anxious, calm or angry")
    leaf(ticket, "claim", "take ownership of a ticket", "ticket_claim").add_argument("ref")
    note = leaf(ticket, "note", "add a note to the timeline", "ticket_note")
    note.add_argument("ref")
    note.add_argument("text")
    contact = leaf(ticket, "contact", "log a conversation with the customer", "ticket_contact")
    contact.add_argument("ref")
    contact.add_argument("direction", help="in or out")
    contact.add_argument("text")
    status = leaf(
        ticket,
        "status",
        "move a ticket: in_progress, waiting (on the customer), resolved, closed (reopen: in_progress)",
        "ticket_status",
    )
    status.add_argument("ref")
    status.add_argument("status")
    status.add_argument(
        "--note",
        help="the result when resolving, the reason when reopening, what the customer was asked for "
        "when waiting (needed then)",
    )
    status.add_argument(
        "--handoffs",
        choices=("withdraw", "keep"),
        help="resolving or closing a ticket whose handoffs are under way: withdraw them (撤回) or "
        "keep them with the department",
    )
    status.add_argument("--confirmation", help="how the customer confirmed (signature, test, words)")
    tier = leaf(ticket, "tier", "change the tier, with a reason", "ticket_tier")
    tier.add_argument("ref")
    tier.add_argument("tier")
    tier.add_argument("--reason", required=True)
    category = leaf(ticket, "category", "change the category, with a reason", "ticket_category")
    category.add_argument("ref")
    category.add_argument("category")
    category.add_argument("--subtag")
    category.add_argument("--reason", required=True)
    show = leaf(ticket, "show", "a ticket with its timeline", "ticket_show")
    show.add_argument("ref")
    show.add_argument("--json", action="store_true")
    improved = leaf(
        ticket,
        "improved",
        "an improvement the customer asked for has shipped (books the verification callback)",
        "ticket_improved",
    )
    improved.add_argument("ref")
    improved.add_argument("text", help="what was improved")
    assign = leaf(
        ticket,
        "assign",
        "give open tickets to another agent (your own; any: supervisors), or several at once to one "
        "agent or spread across the agents online (supervisors)",
        "ticket_assign",
    )
    assign.add_argument(
        "refs",
        nargs="*",
        metavar="REF",
        help="the tickets; without --to or --spread the last one is the new owner's login "
        "(ticket assign REF LOGIN)",
    )
    to = assign.add_mutually_exclusive_group()
    to.add_argument("--to", metavar="LOGIN", help="the new owner's login")
    to.add_argument(
        "--spread",
        action="store_true",
        help="spread them across the agents online, the least loaded first (red tickets first)",
    )
    assign.add_argument(
        "--from", dest="from_login", metavar="LOGIN", help="all open tickets of this agent (a leaver's)"
    )
    assign.add_argument("--reason", required=True, help="why it changes hands (on the timeline)")
    listing = leaf(ticket, "list", "tickets (open ones most urgent first)", "ticket_list")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--open", action="store_true", help="only new and in-progress tickets")

    dept = group("dept", "the department directory (contacts and online hours)")
    add = leaf(dept, "add", "add a department (supervisors only)", "dept_add")
    add.add_argument("name")
    add.add_argument("--contact", metavar="PERSON")
    add.add_argument("--phone")
    add.add_argument("--hours", metavar="HH:MM-HH:MM", help="online hours, e.g. 08:00-18:00")
    add.add_argument("--backup-contact", metavar="PERSON")
    add.add_argument("--backup-phone", metavar="PHONE")
    edit = leaf(dept, "set", 'change a department\'s entry (supervisors only); "" clears a field', "dept_set")
    edit.add_argument("name")
    edit.add_argument("--contact", metavar="PERSON")
    edit.add_argument("--phone")
    edit.add_argument("--hours", metavar="HH:MM-HH:MM", help='online hours, e.g. 08:00-18:00 ("" for always)')
    edit.add_argument("--backup-contact", metavar="PERSON")
    edit.add_argument("--backup-phone", metavar="PHONE")
    leaf(dept, "list", "the directory", "dept_list").add_argument("--json", action="store_true")

    handoff = group("handoff", "requests to other departments: sent -> answered -> synced")
    add = leaf(handoff, "add", "hand part of a ticket to a department", "handoff_add")
    add.add_argument("ref")
    add.add_argument("--dept", required=True, metavar="NAME")
    add.add_argument("--need", required=True, metavar="TEXT", help="what the department must do")
    add.add_argument(
        "--due", required=True, metavar="WHEN", help='"11:00", "+2h", "tomorrow 10:00", "2026-11-21 10:00"'
    )
    add.add_argument("--problem", metavar="TEXT", help="default: the ticket's first line")
    answer = leaf(handoff, "answer", "record what the department answered", "handoff_answer")
    answer.add_argument("id")
    answer.add_argument("text")
    leaf(handoff, "synced", "the customer has been told the answer", "handoff_synced").add_argument("id")
    listing = leaf(handoff, "list", "open handoffs by deadline", "handoff_list")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--all", action="store_true", help="include the ones synced to the customer")

    callbacks = group("callbacks", "callbacks (回访): schedule them from the rules, list them")
    leaf(
        callbacks,
        "schedule",
        "create the callbacks the rules call for; prints the new ones",
        "callbacks_schedule",
    ).add_argument("--json", action="store_true")
    listing = leaf(
        callbacks, "list", "open callbacks: yours (follow-ups), overdue, today, upcoming", "callbacks_list"
    )
    listing.add_argument("--json", action="store_true")
    listing.add_argument(
        "--due", action="store_true", help="only your low-score follow-ups, overdue and today's"
    )
    listing.add_argument("--group", metavar="G", help="one group: resolved, complaint, new_customer, ...")
    listing.add_argument("--all", action="store_true", help="include done, refused and unreachable ones")
    passing = leaf(
        callbacks, "pass", "give a low-score follow-up to another supervisor (supervisors)", "callbacks_pass"
    )
    passing.add_argument("number", help="the follow-up's number, e.g. 4933 or #4933")
    passing.add_argument("to", help="the login of an active supervisor")

    imports = group("import", "history from a previous system (CSV or .xlsx, all or nothing)")
    for kind, about in (
        ("customers", "import customers (客户档案)"),
        ("tickets", "import tickets (工单记录, 快速响应记录)"),
        ("callbacks", "import past callback and survey records (回访记录, 反馈记录表)"),
        ("contacts", "import conversations with customers onto tickets (沟通记录)"),
    ):
        one = leaf(imports, kind, about, f"import_{kind}")
        one.add_argument("file", help="a .csv file or an .xlsx workbook")
        one.add_argument(
            "--encoding",
            metavar="NAME",
            help="what a CSV file is, when not UTF-8 or Chinese GB18030: e.g. cp1252 (Excel on a "
            "Western European Windows), big5, shift_jis",
        )
        one.add_argument(
            "--sheet",
            metavar="NAME",
            help="the workbook's sheet to read, by name or number (default: the first)",
        )
        one.add_argument(
            "--ignore",
            metavar="COLUMN",
            action="append",
            default=[],
            help="a column of the file to leave out, as its header is written (may be given again)",
        )
        one.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and say what would be created, updated and ignored, writing nothing",
        )
        if kind == "contacts":
            one.add_argument(
                "--customer",
                metavar="CODE",
                help="the customer the whole file is about, for a record kept per customer",
            )

    policy = group("policy", "the floor's policy (SLA targets, calendar, keywords, lists)")
    leaf(policy, "check", "validate a policy file", "policy_check").add_argument("file")
    leaf(policy, "load", "make a policy file the floor's policy (supervisors)", "policy_load").add_argument(
        "file"
    )
    leaf(
        policy,
        "show",
        "print the policy in force, every key (defaults included), as a file policy load takes back",
        "policy_show",
    ).add_argument(
        "--as-loaded",
        action="store_true",
        help="print the policy file as a supervisor loaded it (with its comments), if one was",
    )

    script = group("script", "callback scripts (回访话术): one TOML file per callback group")
    leaf(
        script, "check", "validate script files or folders of them (no database)", "script_check"
    ).add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    leaf(
        script, "load", "load script files or folders, all or none (supervisors)", "script_load"
    ).add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    leaf(script, "list", "the newest loaded version of each group's script", "script_list").add_argument(
        "--json", action="store_true"
    )

    export = groups.add_parser(
        "export",
        help="the weekly report, or the monthly callback work report, as an Excel workbook (.xlsx)",
        parents=[common],
    )
    export.set_defaults(handler="export")
    _report_period(export)
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE.xlsx",
        help="where to save it (default: callfloor-<week or month>.xlsx in the floor's exports "
        "folder, the policy's [exports] folder); a --clear file's name gets -CLEAR",
    )
    export.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a file already there (default: a new name, e.g. callfloor-2026-W47 (2).xlsx)",
    )
    export.add_argument(
        "--clear",
        action="store_true",
        help="full phone and order numbers instead of masked ones (supervisors only)",
    )
    export.add_argument(
        "--lang",
        choices=("en", "zh"),
        default=argparse.SUPPRESS,  # so `callfloor --lang zh export` keeps the top-level choice
        help="the workbook's language (default: the floor's, else en)",
    )

    actions = group(
        "action", "improvement actions (改进措施): the meeting's decisions, verified by callbacks"
    )
    add = leaf(
        actions, "add", "a new action on a problem and the tickets behind it (supervisors)", "action_add"
    )
    add.add_argument("--title", required=True, help="what will be changed")
    add.add_argument(
        "--dept", required=True, metavar="DEPARTMENT", help="the responsible department (directory)"
    )
    add.add_argument("--owner", required=True, metavar="LOGIN", help="who carries it out and updates it")
    add.add_argument(
        "--due", required=True, metavar="DAYS|DATE", help="working days from today (10) or a date"
    )
    add.add_argument(
        "--expect",
        required=True,
        metavar="FIGURE",
        help='the effect as a figure: "share below 20%%", "count below 30"',
    )
    _action_problem(add)
    add.add_argument(
        "--tickets", nargs="+", metavar="REF", help="the tickets it covers (their customers are called)"
    )
    add.add_argument(
        "--from",
        dest="from_period",
        metavar="YYYY-Www|YYYY-MM",
        help="also cover the tickets behind the problem in that week or month (as the report lists them)",
    )
    listing = leaf(actions, "list", "the actions, late and open first", "action_list")
    listing.add_argument("--status", help="only this status: open, in_progress, done, closed")
    listing.add_argument("--mine", action="store_true", help="only the actions I own")
    listing.add_argument("--json", action="store_true")
    show = leaf(actions, "show", "one action: its tickets, verification calls and timeline", "action_show")
    show.add_argument("number", help="the action's number, e.g. 3 or A3")
    show.add_argument("--json", action="store_true")
    update = leaf(
        actions, "update", "move it on or add a note (its owner); edit it (supervisors)", "action_update"
    )
    update.add_argument("number", help="the action's number, e.g. 3 or A3")
    update.add_argument("--status", help="in_progress (done: action done; closed: action close)")
    update.add_argument("--note", help="what was done")
    update.add_argument("--title")
    update.add_argument("--dept", metavar="DEPARTMENT")
    update.add_argument("--owner", metavar="LOGIN")
    update.add_argument("--due", metavar="DAYS|DATE")
    update.add_argument("--expect", metavar="FIGURE")
    _action_problem(update)
    update.add_argument("--add-tickets", nargs="+", metavar="REF")
    update.add_argument("--drop-tickets", nargs="+", metavar="REF")
    done = leaf(
        actions, "done", "it is done: books a verification call per customer it covers", "action_done"
    )
    done.add_argument("number", help="the action's number, e.g. 3 or A3")
    done.add_argument("--note", help="what was done")
    close = leaf(actions, "close", "close it by hand, saying why (supervisors)", "action_close")
    close.add_argument("number", help="the action's number, e.g. 3 or A3")
    close.add_argument("--note", required=True, help="why it is closed without its verification")
    reopen = leaf(
        actions, "reopen", "a done or closed action is in progress again (supervisors)", "action_reopen"
    )
    reopen.add_argument("number", help="the action's number, e.g. 3 or A3")
    reopen.add_argument("--note", required=True, help="why")

    report = groups.add_parser(
        "report",
        help="the weekly report's figures, or the monthly callback work report's (the workbook's numbers)",
        parents=[common],
    )
    report.set_defaults(handler="report")
    _report_period(report)
    report.add_argument("--json", action="store_true", help="the figures as JSON, named as in docs/report.md")

    audit = groups.add_parser(
        "audit", help="refusals on role grounds, newest first (supervisors only)", parents=[common]
    )
    audit.set_defaults(handler="audit")
    audit.add_argument("--json", action="store_true")
    audit.add_argument("--limit", type=int, default=50, metavar="N", help="how many (default 50)")

    board = groups.add_parser(
        "board", help="the countdown board of open handoffs, for the wall screen", parents=[common]
    )
    board.set_defaults(handler="board")
    board.add_argument("--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help="the board's language")
    board.add_argument(
        "--theme",
        choices=("wallboard", "floor", "mono"),
        help="colours (default: wallboard; mono under NO_COLOR)",
    )

    serve = groups.add_parser(
        "serve-board",
        help="the countdown board to browsers on wall screens (a link per screen; supervisors make them)",
        description="Serve the wall board to browsers: read-only, masked, no keys. A browser needs a "
        "link a supervisor made (--new-token); --links lists them, --revoke ID ends one.",
        parents=[common],
    )
    serve.set_defaults(handler="serve_board")
    what = serve.add_mutually_exclusive_group()
    what.add_argument(
        "--new-token",
        action="store_true",
        help="make a link for one wall screen (with --label) and print its URL",
    )
    what.add_argument("--links", action="store_true", help="the links made, revoked or not, and their use")
    what.add_argument("--revoke", metavar="ID", help="revoke a link: its screens close within seconds")
    serve.add_argument(
        "--label", metavar="TEXT", help='which screen a new link is for, e.g. "TV by the door"'
    )
    serve.add_argument(
        "--host",
        default="127.0.0.1",
        help="the address to listen on (default 127.0.0.1, this host only; 0.0.0.0 for the floor's network)",
    )
    serve.add_argument("--port", default="8080", help="the port to listen on (default 8080)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="how the wall screens reach the server (a printed link starts with it), e.g. http://floor-host:8080",
    )
    serve.add_argument(
        "--most",
        default="20",
        metavar="N",
        help="boards shown at once at most (default 20; one process each)",
    )
    serve.add_argument("--json", action="store_true", help="--links as JSON")
    serve.add_argument("--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help="the board's language")
    serve.add_argument("--theme", choices=("wallboard", "floor", "mono"), help="colours (default: wallboard)")

    demo = groups.add_parser("demo", help="build a realistic demo floor and open it", parents=[common])
    demo.add_argument("--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help="the app's language")
    demo.set_defaults(handler="demo")
    demo.add_argument("--tickets", type=int, default=5000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument("--no-ui", action="store_true", help="build the database only")
    return parser
