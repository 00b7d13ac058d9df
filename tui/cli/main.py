"""Entry point of the callfloor command. Exit codes: 0 ok, 1 refused or invalid input
(one-line reason on stderr), 2 usage."""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime

from core.basics import CallfloorError, FrozenClock, ImportRejected, ScriptError, SystemClock, printable
from core.basics.display import without_passwords
from core.floor import retried
from tui.cli import handlers
from tui.cli.parser import build_parser

NO_DATABASE = {"policy_check", "script_check"}
"""Commands that never open the floor database."""


class UsageError(Exception):
    pass


def clock_from_env():
    """CALLFLOOR_NOW freezes time for demos and tests (an ISO time with its UTC offset)."""
    text = os.environ.get("CALLFLOOR_NOW")
    if not text:
        return SystemClock()
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"CALLFLOOR_NOW={text!r} is not an ISO time like 2026-11-20T10:00+08:00") from None
    if at.tzinfo is None:
        raise UsageError(f"CALLFLOOR_NOW={text!r} needs its UTC offset, e.g. 2026-11-20T10:00+08:00")
    return FrozenClock(at)


def database_target(args) -> dict:
    path = getattr(args, "db", None)
    url = getattr(args, "db_url", None)
    if not path and not url:  # the environment names the floor when the command line does not
        path = os.environ.get("CALLFLOOR_DB") or None
        url = None if path else (os.environ.get("CALLFLOOR_DB_URL") or None)
    if path and url:
        raise UsageError("give --db or --db-url, not both")
    if not path and not url:
        raise UsageError(
            "which floor? pass --db PATH (or --db-url URL), or set CALLFLOOR_DB (or CALLFLOOR_DB_URL)"
        )
    return {"path": path, "url": url}


def complain(message: str) -> None:
    """One line on stderr; whatever a customer or a file put in the message stays inert."""
    print(f"callfloor: {printable(without_passwords(message))}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    language = getattr(args, "lang", None) or "en"  # refusals in English unless --lang zh asks
    try:
        target = None if args.handler in NO_DATABASE else database_target(args)
        clock = clock_from_env()
        # a write that collided with another on a database server runs again (core.floor.storage)
        code = retried(lambda: getattr(handlers, args.handler)(args, target, clock))
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"callfloor: {exc}", file=sys.stderr)
        return 2
    except ImportRejected as exc:
        complain(exc.say(language))
        for line in exc.lines(language):
            print(printable(line), file=sys.stderr)
        return 1
    except ScriptError as exc:
        complain(exc.summary(language))
        for line in exc.lines(language):
            print(printable(line), file=sys.stderr)
        return 1
    except CallfloorError as exc:
        complain(exc.say(language))
        return 1
    except KeyboardInterrupt:
        return 130
    return code or 0


def run() -> None:
    # `callfloor ticket list | head` should stop quietly, as other Unix tools do.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())


if __name__ == "__main__":  # the served board runs `python -m tui.cli.main board`
    run()
