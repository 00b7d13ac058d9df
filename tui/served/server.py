"""callfloor serve-board: the wall board, read-only and masked, to browsers on the floor's wall
screens (TVs, kiosk boxes) that have no terminal.

Each browser that opens a link gets its own board process (`callfloor board` under Textual's web
driver), run and relayed by textual-serve's AppService, as textual-serve's own server does. The
routes are ours, not textual-serve's: a board needs a link's token (tui/served/page.py shows
what a browser is told without one), nothing else is served (no file downloads, no folder
listings, only the two front-end files), and keys never reach the board: what the browser
sends as typing is dropped here, so nobody at a TV can do anything but watch.

Every connection is logged in the floor database (core/handoffs/board_links.py) and on
standard output. A revoked link's boards are closed within REVOKED_CHECK_SECONDS. Database work
runs on one thread of its own, so a slow floor never holds up the boards already shown.
"""

from __future__ import annotations

import asyncio
import shlex
import signal
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from time import monotonic
from typing import Any, TypeVar

import textual_serve
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from core.basics import CallfloorError, printable
from core.floor import Session
from core.handoffs import board_links
from tui.i18n import served as _words  # noqa: F401  (registers the served board's words)
from tui.i18n import set_language, tr
from tui.served.page import board_page, turned_away_page

T = TypeVar("T")

REVOKED_CHECK_SECONDS = 5.0
"""How soon a revoked link's boards close."""
REFUSALS_LOGGED_EVERY = 60.0
"""A browser (an address) turned away again and again is logged once a minute, not at every
retry: a wrong link on a TV that reloads must not fill the floor's database."""
FULL_RETRY_SECONDS = 60
FLOOR_RETRY_SECONDS = 15
LARGEST = (1000, 400)
"""The largest terminal a browser may ask for (columns, rows): a board process lays out what it
is told, so a hostile size is cut down here."""
CLOSE_REVOKED = 4403
"""The close code of a board whose link was revoked (the page then asks /alive and says so)."""
STATIC = Path(textual_serve.__file__).parent / "static"
STATIC_FILES = {
    "textual.js": (STATIC / "js" / "textual.js", "application/javascript"),
    "xterm.css": (STATIC / "css" / "xterm.css", "text/css"),
    "RobotoMono.ttf": (STATIC / "fonts" / "RobotoMono-VariableFont_wght.ttf", "font/ttf"),
}
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",  # the token is in the URL
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        "connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self'; frame-ancestors 'none'"
    ),
}


@dataclass
class Shown:
    """A board on a browser: its websocket, its link, and what it was sent."""

    socket: web.WebSocketResponse
    link_id: int
    visit_id: int
    peer: str
    bytes_sent: int = 0
    since: float = field(default_factory=monotonic)


@dataclass
class ServedBoard:
    """What the server runs for each browser, and how."""

    environment: dict[str, str]
    """The board process's floor, login and clock (CALLFLOOR_DB or CALLFLOOR_DB_URL, CALLFLOOR_USER,
    CALLFLOOR_NOW when set): in its environment, so no password shows in a process list."""
    language: str
    theme: str | None = None
    most: int = 20
    fps: int = 15
    """Frames a second at most: a board changes once a second (its countdowns), not 60 times."""

    def shell_command(self) -> str:
        """`callfloor board` in this Python (textual-serve starts it through a shell)."""
        words = [sys.executable, "-m", "tui.cli.main", "board", "--lang", self.language]
        if self.theme:
            words += ["--theme", self.theme]
        return shlex.join(words)


class BoardProcess(AppService):
    """textual-serve's AppService with the board's environment added to its own."""

    def __init__(self, served: ServedBoard, **kwargs: Any) -> None:
        super().__init__(served.shell_command(), **kwargs)
        self._served = served

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width=width, height=height)
        for name in ("CALLFLOOR_DB", "CALLFLOOR_DB_URL"):
            environment.pop(name, None)
        environment.update(self._served.environment)
        environment["TEXTUAL_FPS"] = str(self._served.fps)
        return environment


def _clip(value: object, low: int, high: int, default: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return max(low, min(high, number))


class BoardServer:
    def __init__(self, session: Session, served: ServedBoard, say: Callable[[str], None] = print) -> None:
        self.session = session
        self.served = served
        set_language(served.language)
        self._say = say
        self._database = ThreadPoolExecutor(max_workers=1, thread_name_prefix="board-floor")
        self.shown: dict[int, Shown] = {}
        """Boards on browsers now, by visit id."""
        self._refusals_logged: dict[tuple[str, str], float] = {}
        self._stopping = asyncio.Event()
        self._downloads = DownloadManager()

    # ---------------------------------------------------------------------------------------
    async def _floor(self, call: Callable[[], T]) -> T:
        """A database call on the server's own thread (never on the event loop)."""
        return await asyncio.get_running_loop().run_in_executor(self._database, call)

    def log(self, text: str) -> None:
        stamp = datetime.now(self.session.policy.calendar.tz).strftime("%Y-%m-%d %H:%M:%S")  # floor time
        self._say(printable(f"{stamp} {text}"))

    def _page(self, text: str, status: int = 200) -> web.Response:
        return web.Response(
            text=text, status=status, content_type="text/html", charset="utf-8", headers=HEADERS
        )

    def _turned_away(self, outcome: str, retry: int | None = None, **params: object) -> web.Response:
        heading, detail = tr(f"served.{outcome}.heading"), tr(f"served.{outcome}.detail", **params)
        status = {"unknown": 403, "revoked": 403, "full": 503, "floor": 503}[outcome]
        return self._page(turned_away_page(self.served.language, heading, detail, retry), status)

    @staticmethod
    def _peer(request: web.Request) -> str:
        return request.remote or "-"

    def _should_log_refusal(self, peer: str, outcome: str) -> bool:
        now = monotonic()
        key = (peer, outcome)
        if now - self._refusals_logged.get(key, -REFUSALS_LOGGED_EVERY) < REFUSALS_LOGGED_EVERY:
            return False
        self._refusals_logged[key] = now
        if len(self._refusals_logged) > 10_000:  # a scan from many addresses: keep the newest
            self._refusals_logged = dict(list(self._refusals_logged.items())[-1000:])
        return True

    async def _admit(
        self, request: web.Request, log_shown: bool, log_refused: bool = True, counts: bool = True
    ) -> board_links.Admission | web.Response:
        """The link's answer for this request's token, or the page that turns the browser away.
        Logged (log_shown: a board's connection; log_refused: a browser turned away, once a
        minute for each address). counts: a board that opens now counts toward --most (a
        board already on show asking whether it is still live does not)."""
        token = request.match_info.get("token")
        peer, browser = self._peer(request), request.headers.get("User-Agent", "-")
        try:
            admission = await self._floor(partial(board_links.look_up, self.session, token))
            if admission.outcome == board_links.SHOWN and counts and self._full_for(admission.link_id, peer):
                admission = board_links.turned_away_full(admission)
            shown = admission.outcome == board_links.SHOWN
            log = log_shown if shown else log_refused and self._should_log_refusal(peer, admission.outcome)
            if log:
                admission = await self._floor(
                    partial(board_links.log_visit, self.session, admission, peer, browser)
                )
        except CallfloorError as error:
            self.log(f"{peer}: the floor cannot be read: {error}")
            return self._turned_away("floor", FLOOR_RETRY_SECONDS, detail=str(error))
        if shown:
            return admission
        if log:
            self.log(f"{peer}: turned away ({admission.outcome}, link {admission.link_id or '-'})")
        if admission.outcome == board_links.FULL:
            return self._turned_away("full", FULL_RETRY_SECONDS, most=self.served.most)
        return self._turned_away(admission.outcome)

    def _full_for(self, link_id: int | None, peer: str) -> bool:
        """Whether a board for this link and address would be one too many. A screen that
        reloads (a resize, a reconnect) replaces its own board: that one does not count."""
        others = [s for s in self.shown.values() if (s.link_id, s.peer) != (link_id, peer)]
        return len(others) >= self.served.most

    def _floor_time(self) -> str:
        return datetime.now(self.session.policy.calendar.tz).strftime("%H:%M:%S")

    # routes --------------------------------------------------------------------------------
    async def home(self, request: web.Request) -> web.Response:
        heading, detail = tr("served.home.heading"), tr("served.home.detail")
        return self._page(turned_away_page(self.served.language, heading, detail))

    async def board(self, request: web.Request) -> web.Response:
        admitted = await self._admit(request, log_shown=False)  # its board's connection is logged
        if isinstance(admitted, web.Response):
            return admitted
        return self._page(board_page(self.served.language, self._floor_time()))

    async def alive(self, request: web.Request) -> web.Response:
        """The page's question every few seconds: is the server there, and the link still good?"""
        admitted = await self._admit(request, log_shown=False, log_refused=False, counts=False)
        if isinstance(admitted, web.Response):
            return web.Response(text=admitted.reason or "", status=admitted.status, headers=HEADERS)
        return web.Response(text=f"live {self._floor_time()}", headers=HEADERS)

    async def static(self, request: web.Request) -> web.StreamResponse:
        found = STATIC_FILES.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        path, kind = found
        return web.FileResponse(path, headers={"Content-Type": kind, "Cache-Control": "max-age=3600"})

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        admitted = await self._admit(request, log_shown=True)
        if isinstance(admitted, web.Response):
            return admitted
        assert admitted.link_id is not None and admitted.visit_id is not None
        peer = self._peer(request)
        if len(self.shown) >= self.served.most:  # the screen reloaded: its old board goes
            for old in [s for s in self.shown.values() if (s.link_id, s.peer) == (admitted.link_id, peer)]:
                self.shown.pop(old.visit_id, None)
                await old.socket.close(code=WSCloseCode.GOING_AWAY, message=b"replaced")
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        await socket.prepare(request)
        shown = Shown(socket, admitted.link_id, admitted.visit_id, peer)
        self.shown[shown.visit_id] = shown
        self.log(
            f"{shown.peer}: board shown (link {shown.link_id}, {admitted.label}), {len(self.shown)} on show"
        )

        async def write_bytes(data: bytes) -> None:
            shown.bytes_sent += len(data)
            await socket.send_bytes(data)

        async def write_str(text: str) -> None:
            shown.bytes_sent += len(text.encode("utf-8"))
            await socket.send_str(text)

        width = _clip(request.query.get("width", "80"), 20, LARGEST[0], 80)
        height = _clip(request.query.get("height", "24"), 10, LARGEST[1], 24)
        process = BoardProcess(
            self.served,
            write_bytes=write_bytes,
            write_str=write_str,
            close=socket.close,
            download_manager=self._downloads,
        )
        try:
            await process.start(width, height)
            await self._relay(socket, process)
        except asyncio.CancelledError:
            pass
        finally:
            await process.stop()
            if not socket.closed:
                await socket.close(code=WSCloseCode.GOING_AWAY)
            self.shown.pop(shown.visit_id, None)
            try:
                await self._floor(
                    lambda: board_links.visit_ended(self.session, shown.visit_id, shown.bytes_sent)
                )
            except CallfloorError as error:
                self.log(f"{shown.peer}: the end of its visit was not logged: {error}")
            minutes = (monotonic() - shown.since) / 60
            self.log(
                f"{shown.peer}: board closed (link {shown.link_id}) after {minutes:.0f} min, "
                f"{shown.bytes_sent} bytes sent; {len(self.shown)} on show"
            )
        return socket

    @staticmethod
    async def _relay(socket: web.WebSocketResponse, process: AppService) -> None:
        """The browser's messages: its size and focus go on to the board; its typing does not."""
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                kind, data = message.json()
            except (ValueError, TypeError):
                continue
            if kind == "resize" and isinstance(data, dict):
                await process.set_terminal_size(
                    _clip(data.get("width"), 20, LARGEST[0], 80),
                    _clip(data.get("height"), 10, LARGEST[1], 24),
                )
            elif kind == "ping":
                await socket.send_json(["pong", str(data)[:32]])
            elif kind == "focus":
                await process.focus()
            elif kind == "blur":
                await process.blur()
            # "stdin" (keys, the mouse, a paste): dropped, the board takes no input

    async def _close_revoked(self) -> None:
        """Every few seconds: close the boards whose link was revoked meanwhile."""
        while not self._stopping.is_set():
            try:
                await asyncio.wait_for(self._stopping.wait(), REVOKED_CHECK_SECONDS)
            except TimeoutError:
                pass
            links = {shown.link_id for shown in self.shown.values()}
            if not links:
                continue
            try:
                revoked = await self._floor(partial(board_links.revoked_among, self.session, links))
            except CallfloorError:
                continue  # the floor cannot be read: the boards say NOT LIVE themselves
            for shown in list(self.shown.values()):
                if shown.link_id in revoked:
                    self.log(f"{shown.peer}: link {shown.link_id} was revoked: its board is closed")
                    await shown.socket.close(code=CLOSE_REVOKED, message=b"revoked")

    def application(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024)
        app.add_routes(
            [
                web.get("/", self.home),
                web.get("/board/{token}", self.board),
                web.get("/board/{token}/alive", self.alive),
                web.get("/board/{token}/ws", self.websocket),
                web.get("/static/{name}", self.static),
            ]
        )
        app.on_startup.append(self._start_sweeping)
        app.on_shutdown.append(self._close_every_board)
        return app

    async def _start_sweeping(self, app: web.Application) -> None:
        app["sweeper"] = asyncio.create_task(self._close_revoked())

    async def _close_every_board(self, app: web.Application) -> None:
        self._stopping.set()
        for shown in list(self.shown.values()):
            await shown.socket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopping")
        await app["sweeper"]

    async def run(self, host: str, port: int, ready: Callable[[int], None]) -> None:
        """Serve until SIGINT or SIGTERM; ready(port) once listening (the port is the one bound,
        for --port 0)."""
        runner = web.AppRunner(self.application(), handle_signals=False, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            raise ServeError(host, port, error) from error
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        bound = port
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            bound = server.sockets[0].getsockname()[1]
        ready(bound)
        try:
            await stop.wait()
        finally:
            self.log("stopping: every board is closed")
            await runner.cleanup()
            self._database.shutdown(wait=False)


class ServeError(Exception):
    """The server could not listen where it was told."""

    def __init__(self, host: str, port: int, error: OSError) -> None:
        self.host, self.port, self.error = host, port, error
        super().__init__(str(error))
