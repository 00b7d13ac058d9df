"""`callfloor serve-board`: serve the wall board to browsers, or make, list and revoke the links
the wall screens open (tui/served/server.py serves; core/handoffs/board_links.py keeps links)."""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

from core.basics import InvalidInput, plain
from core.basics.errors import StorageProblem
from core.floor import Session
from core.handoffs import board_links
from tui.cli.output import emit_json, say, table
from tui.served.server import BoardServer, ServedBoard, ServeError

LOOPBACK = {"127.0.0.1", "::1", "localhost"}
EVERYWHERE = {"0.0.0.0", "::", ""}


def whole_number(value: str, option: str, low: int, high: int, code: str) -> int:
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
        raise InvalidInput(option, code, value=value, low=low, high=high)
    return int(text)


def listen_host(value: str) -> str:
    host = (value or "").strip()
    if not host or any(c.isspace() or not c.isprintable() for c in host) or len(host) > 253:
        raise InvalidInput("--host", "serve.host.shape", value=value)
    return host


def public_base(args, host: str, port: int) -> str:
    """How a wall screen reaches the server: --public-url (a proxy's address may add a path),
    else the address it listens on (this host's outward address when it listens on every one)."""
    if args.public_url:
        return checked_public_url(args.public_url)
    shown = outward_address() if host in EVERYWHERE else host
    try:
        if ipaddress.ip_address(shown).version == 6:
            shown = f"[{shown}]"
    except ValueError:
        pass
    return f"http://{shown}:{port}"


def checked_public_url(value: str) -> str:
    """A URL a TV's browser can open, without the parts a link cannot carry; refused otherwise."""
    text = (value or "").strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 (raises for a port that is not one)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme.lower() not in ("http", "https")
        or not parts.hostname
        or parts.hostname in EVERYWHERE
        or parts.username is not None
        or parts.query
        or parts.fragment
        or any(c.isspace() or not c.isprintable() for c in text)
    ):
        raise InvalidInput("--public-url", "serve.public_url", value=value)
    path = parts.path.rstrip("/")
    if path.split("/")[-1] == "board":
        raise InvalidInput("--public-url", "serve.public_url_board", value=value)
    return f"{parts.scheme.lower()}://{parts.netloc}{path}"


def outward_address() -> str:
    """This host's address on the network it would reach others by (no packet is sent): a host
    name can resolve to 127.0.0.1 in /etc/hosts, which no TV can open."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routed like any outside address
            return str(probe.getsockname()[0])
        except OSError:
            return socket.gethostname()


def serve_board(args, target: dict, session: Session) -> None:
    if args.revoke is not None:
        revoke(args, session)
    elif args.links:
        links(args, session)
    elif args.new_token:
        new_token(args, session)
    else:
        if args.label is not None:
            raise InvalidInput("--label", "serve.label_without_new")
        serve(args, target, session)


def new_token(args, session: Session) -> None:
    host = listen_host(args.host)
    port = whole_number(args.port, "--port", 1, 65535, "serve.port")
    base = public_base(args, host, port)
    made = board_links.new_link(session, args.label)
    say(f"Link {made.id} for {made.label!r}: shown this once, copy it now:")
    say(f"{base}/board/{made.token}")
    if not args.public_url and host in LOOPBACK:
        say(
            "(this URL opens on the floor host only: a TV elsewhere needs the server on --host 0.0.0.0, "
            "and the link made with --public-url http://<floor-host>:<port>)"
        )
    elif not args.public_url:
        say(
            f"(made for a server at {base.split('//', 1)[1]}, as --host and --port say; if the TVs "
            "reach it by another name or port, make the link with --public-url)"
        )
    say(f"Revoke it with: callfloor serve-board --revoke {made.id}")


def links(args, session: Session) -> None:
    found = board_links.board_links(session)
    tz = session.policy.calendar.tz
    if args.json:
        emit_json([plain(link, tz) for link in found])
        return
    if not found:
        say('no board links yet: callfloor serve-board --new-token --label "TV by the door" makes one')
        return

    def when(at) -> str:
        return at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if at else "-"

    rows = [
        (
            str(link.id),
            link.label,
            f"{link.created_by} {when(link.created_at)}",
            f"revoked by {link.revoked_by} {when(link.revoked_at)}" if link.revoked_at else "live",
            str(link.visits),
            when(link.last_visit),
        )
        for link in found
    ]
    table(
        ["ID", "SCREEN", "MADE", "STATE", "SHOWN", "LAST SHOWN"],
        [list(row) for row in rows],
        [4, 24, 28, 36, 6, 16],
    )


def revoke(args, session: Session) -> None:
    link_id = whole_number(args.revoke, "--revoke", 1, 2**31 - 1, "serve.link_id")
    link = board_links.revoke_link(session, link_id)
    say(f"link {link.id} ({link.label}) revoked: its screens close within seconds")


def serve(args, target: dict, session: Session) -> None:
    session.require_agent()  # the board reads customer data (masked): its login must be on the floor
    host = listen_host(args.host)
    port = whole_number(args.port, "--port", 0, 65535, "serve.port")
    most = whole_number(args.most, "--most", 1, 200, "serve.most")
    environment = {"CALLFLOOR_USER": session.login}
    if target["path"]:
        environment["CALLFLOOR_DB"] = str(Path(target["path"]).resolve())
    else:
        environment["CALLFLOOR_DB_URL"] = target["url"]
    if os.environ.get("CALLFLOOR_NOW"):
        environment["CALLFLOOR_NOW"] = os.environ["CALLFLOOR_NOW"]
    language = getattr(args, "lang", None) or session.policy.language or "en"
    served = ServedBoard(environment=environment, language=language, theme=args.theme, most=most)
    server = BoardServer(session, served, say=lambda line: print(line, flush=True))

    def ready(bound: int) -> None:
        base = public_base(args, host, bound)
        where = "this host only" if host in LOOPBACK else "the network"
        boards = "1 board" if most == 1 else f"{most} boards"
        say(f"serving the wall board on {base}/ to {where}, {boards} at most; Ctrl+C stops")
        say('a screen opens a link a supervisor makes: callfloor serve-board --new-token --label "TV 1"')

    try:
        asyncio.run(server.run(host, port, ready))
    except ServeError as error:
        raise cannot_listen(error) from None


def cannot_listen(error: ServeError) -> InvalidInput | StorageProblem:
    number = getattr(error.error, "errno", None)
    if number == errno.EADDRINUSE:
        return InvalidInput("--port", "serve.port_in_use", port=error.port, host=error.host)
    if number == errno.EACCES:
        return InvalidInput("--port", "serve.port_denied", port=error.port)
    if isinstance(error.error, socket.gaierror) or number in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
        return InvalidInput("--host", "serve.host_unknown", host=error.host)
    return InvalidInput(
        "--host", "serve.cannot_listen", host=error.host, port=error.port, detail=str(error.error)
    )
