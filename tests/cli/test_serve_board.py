"""`callfloor serve-board` as a process (issue 22), spoken to over HTTP and a websocket the way
textual-serve's front end speaks: a link's token shows the board and nothing else; a wrong or
revoked token gets nothing; keys never reach the board; every connection is logged; and every
option a person can get wrong says how to put it right. The browser itself: tests/browser."""

from __future__ import annotations

import asyncio
import json
import random
import re
import socket

import aiohttp
import pytest

from tests.engines import query
from tests.served import BoardServer, board_processes, new_link
from tui.cli.serve_board import outward_address

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def board_floor(cli_floor):
    cli_floor.ok(
        "ticket", "add", "--customer", "C001", "--channel", "phone", "--text", "货物破损, 今天必须处理"
    )
    cli_floor.ok(
        "handoff", "add", "T000001", "--dept", "warehouse", "--need", "check the stock", "--due", "+30m"
    )
    return cli_floor


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as client, client.get(url) as answer:
        return answer.status, (await answer.read()).decode("utf-8", "replace")


async def board_bytes(ws, until: bytes, seconds: float = 30.0) -> bytes:
    """What the board sends until `until` is among it."""
    seen = b""
    async with asyncio.timeout(seconds):
        while until not in seen:
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data
            elif message.type in (
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
                aiohttp.WSMsgType.CLOSING,
            ):
                raise AssertionError(f"closed ({ws.close_code}) before {until!r}; seen {seen[-400:]!r}")
    return seen


async def test_a_link_shows_the_board_and_only_the_board(board_floor):
    number, token = new_link(board_floor)
    with BoardServer(board_floor) as server:
        status, page = await get(f"{server.base}/board/{token}")
        assert status == 200 and "/static/textual.js" in page and token not in page
        assert "googleapis" not in page  # a wall screen's network may have no internet
        for path in ("/static/textual.js", "/static/xterm.css", "/static/RobotoMono.ttf"):
            assert (await get(server.base + path))[0] == 200
        for path in (
            "/static/",
            "/static/js/textual.js",
            "/download/x",
            "/ws",
            "/board",
            "/etc/passwd",
            "/board/x/y",
        ):
            assert (await get(server.base + path))[0] == 404, path
        status, home = await get(server.base + "/")
        assert status == 200 and "open the link a supervisor made" in home.lower()
        status, alive = await get(f"{server.base}/board/{token}/alive")
        assert status == 200 and re.fullmatch(r"live \d\d:\d\d:\d\d", alive)  # the floor's time

        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(
                f"{server.base.replace('http', 'ws')}/board/{token}/ws?width=160&height=45"
            ) as ws:
                await ws.send_str(json.dumps(["resize", {"width": 160, "height": 45}]))
                await board_bytes(ws, b"check the stock")
                server.wait_for_line(f"board shown (link {number}, TV by the door)")
                assert len(board_processes(server.process.pid)) == 1
                # Keys, a paste and the mouse from the browser: none reaches the board (Ctrl+Q
                # would quit it, q and Enter do nothing on it either way).
                for typed in ("\x11", "q", "\r", "\x1b[<0;10;5M"):
                    await ws.send_str(json.dumps(["stdin", typed]))
                await ws.send_str(
                    json.dumps(["resize", {"width": 10**9, "height": -5}])
                )  # cut down, not obeyed
                await board_bytes(ws, b"check the stock")  # drawn again at the size it may have
                assert not ws.closed and len(board_processes(server.process.pid)) == 1
        server.wait_for_line(f"board closed (link {number})")
    [(outcome, peer, closed, sent)] = query(
        board_floor.db, "SELECT outcome, peer, closed_at IS NOT NULL, bytes_sent FROM board_visit"
    )
    assert (outcome, peer, bool(closed)) == ("shown", "127.0.0.1", True) and sent > 1000


async def test_a_wrong_or_revoked_token_gets_nothing_and_is_logged(board_floor):
    number, token = new_link(board_floor)
    with BoardServer(board_floor) as server:
        wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
        for bad in (wrong, "nonsense", "a" * 43):
            status, page = await get(f"{server.base}/board/{bad}")
            assert status == 403 and "This board link is not valid" in page and "textual.js" not in page
            assert (await get(f"{server.base}/board/{bad}/alive"))[0] == 403
            async with aiohttp.ClientSession() as client:
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await client.ws_connect(f"{server.base.replace('http', 'ws')}/board/{bad}/ws")
                assert refused.value.status == 403
        assert not board_processes(server.process.pid)

        # Revoked while on show: the board closes within seconds; the link then gets nothing.
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(f"{server.base.replace('http', 'ws')}/board/{token}/ws") as ws:
                await board_bytes(ws, b"check the stock")
                board_floor.ok("serve-board", "--revoke", str(number))
                async with asyncio.timeout(30):
                    while not ws.closed:
                        await ws.receive()
                assert ws.close_code == 4403
        server.wait_for_line(f"link {number} was revoked: its board is closed")
        status, page = await get(f"{server.base}/board/{token}")
        assert status == 403 and "This board link was revoked" in page
        assert (await get(f"{server.base}/board/{token}/alive"))[0] == 403
    outcomes = [row[0] for row in query(board_floor.db, "SELECT outcome FROM board_visit ORDER BY id")]
    # each address's refusals are logged once a minute, not at every retry
    assert outcomes == ["unknown", "shown", "revoked"]
    links = board_floor.ok("serve-board", "--links")
    assert "revoked by boss" in links and "TV by the door" in links


async def test_the_server_shows_at_most_its_limit_and_says_so(board_floor):
    _, door = new_link(board_floor, "TV by the door")
    _, canteen = new_link(board_floor, "TV in the canteen")
    with BoardServer(board_floor, "--most", "1") as server:
        ws_base = server.base.replace("http", "ws")
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(f"{ws_base}/board/{door}/ws") as first:
                await board_bytes(first, b"check the stock")
                # the board on show is live, full or not (its page asks every few seconds)
                assert (await get(f"{server.base}/board/{door}/alive"))[0] == 200
                status, page = await get(f"{server.base}/board/{canteen}")
                assert status == 503 and "already shows the board on 1 screens" in page
                assert 'http-equiv="refresh"' in page  # the TV asks again by itself
                with pytest.raises(aiohttp.WSServerHandshakeError):
                    await client.ws_connect(f"{ws_base}/board/{canteen}/ws")
                # The door's TV reloads (a resize, a reconnect) before its old board closed: its
                # new board replaces the old one instead of waiting a minute as "full".
                assert (await get(f"{server.base}/board/{door}"))[0] == 200
                async with client.ws_connect(f"{ws_base}/board/{door}/ws") as again:
                    await board_bytes(again, b"check the stock")
                    async with asyncio.timeout(20):
                        while not first.closed:
                            await first.receive()
                    assert not again.closed
            server.wait_for_line("0 on show")
        assert (await get(f"{server.base}/board/{canteen}"))[0] == 200


async def test_a_floor_file_gone_under_the_server_is_not_live(board_floor):
    """The TV's page asks every few seconds: a floor file deleted under the server answers 503,
    which the page shows as NOT LIVE (the server's open connection would read on)."""
    if board_floor.path is None:
        pytest.skip("about the floor's SQLite file")
    _, token = new_link(board_floor)
    with BoardServer(board_floor) as server:
        assert (await get(f"{server.base}/board/{token}/alive"))[0] == 200
        away = board_floor.path.with_name("away.db")
        board_floor.path.rename(away)
        try:
            status, said = await get(f"{server.base}/board/{token}/alive")
            assert status == 503
            status, page = await get(f"{server.base}/board/{token}")
            assert status == 503 and "cannot read the floor" in page and "is gone" in page
        finally:
            away.rename(board_floor.path)
        assert (await get(f"{server.base}/board/{token}/alive"))[0] == 200


def test_stopping_the_server_closes_every_board_process(board_floor):
    _, token = new_link(board_floor)
    server = BoardServer(board_floor)

    async def look() -> None:
        async with aiohttp.ClientSession() as client:
            ws = await client.ws_connect(f"{server.base.replace('http', 'ws')}/board/{token}/ws")
            await board_bytes(ws, b"check the stock")
            assert len(board_processes(server.process.pid)) == 1
            assert server.stop() == 0
            async with asyncio.timeout(20):
                while not ws.closed:
                    await ws.receive()

    asyncio.run(look())
    assert "stopping: every board is closed" in server.output
    assert not board_processes(server.process.pid)


def free_port() -> int:
    """A free port below the ephemeral range (32768 and up), so no server started with --port 0
    by another test takes it while a test stops and starts its own on it."""
    for _ in range(200):
        port = random.randrange(20000, 32000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port between 20000 and 32000")


@pytest.mark.parametrize(
    ("args", "user", "said"),
    [
        (
            ["--port", "http"],
            "li",
            "--port: 'http' is not a port: give a whole number from 0 to 65535, e.g. --port 8080",
        ),
        (["--port", "70000"], "li", "--port: '70000' is not a port"),
        (["--port", "-1"], "li", "--port: '-1' is not a port"),
        (["--most", "0"], "li", "--most: '0' is not a number of boards: give a whole number from 1 to 200"),
        (["--host", "not a host"], "li", "--host: 'not a host' is not an address to listen on"),
        (["--host", "10.254.254.254"], "li", "--host: '10.254.254.254' is not an address of this host"),
        (["--label", "TV"], "boss", "--label: --label names a new link: give it with --new-token"),
        (["--revoke", "three"], "boss", "--revoke: 'three' is not a link's number: --links lists them"),
        (["--revoke", "9"], "boss", "there is no board link 9"),
        (["--new-token"], "boss", "--label: is empty; name the wall screen the link is for"),
        (
            ["--new-token", "--label", "TV", "--public-url", "floor-host:8080"],
            "boss",
            "is not a URL a screen can open",
        ),
        (["--new-token", "--label", "TV", "--public-url", "http://h:8080?x=1"], "boss", "no login, ?query"),
        (
            ["--new-token", "--label", "TV", "--public-url", "http://u:pw@h:8080"],
            "boss",
            "not a URL a screen",
        ),
        (
            ["--new-token", "--label", "TV", "--public-url", "http://0.0.0.0:8080"],
            "boss",
            "not a URL a screen",
        ),
        (["--new-token", "--label", "TV", "--public-url", "http://h:99999"], "boss", "not a URL a screen"),
        (["--new-token", "--label", "TV", "--public-url", "http://h:8080/board/"], "boss", "ends in /board"),
        (
            ["--new-token", "--label", "TV"],
            "li",
            "only a supervisor makes, lists or revokes board links; li is an agent",
        ),
        (["--links"], "wang", "only a supervisor makes, lists or revokes board links; wang is an agent"),
        ([], "nobody", "nobody"),
    ],
)
def test_each_mistake_is_one_clear_line_and_changes_nothing(board_floor, args, user, said):
    done = board_floor.run("serve-board", *args, user=user)
    assert done.returncode == 1, done.stdout + done.stderr
    [line] = done.stderr.strip().splitlines()
    assert said in line
    assert "Traceback" not in done.stderr
    assert query(board_floor.db, "SELECT COUNT(*) FROM board_link") == [(0,)]


def test_a_port_in_use_is_named(board_floor):
    port = free_port()
    with BoardServer(board_floor, port=port):
        done = board_floor.run("serve-board", "--port", str(port), user="li")
    assert done.returncode == 1
    assert (
        f"port {port} is in use on 127.0.0.1" in done.stderr and "choose another with --port" in done.stderr
    )


def test_new_token_prints_the_url_a_screen_opens(board_floor):
    said = board_floor.ok(
        "serve-board", "--new-token", "--label", "TV 2", "--public-url", "http://floor-host:8080/"
    )
    assert "http://floor-host:8080/board/" in said and "--revoke 1" in said
    said = board_floor.ok(
        "serve-board", "--new-token", "--label", "TV 3", "--host", "0.0.0.0", "--port", "9000"
    )
    assert f"http://{outward_address()}:9000/board/" in said and "localhost" not in said
    assert "made for a server at" in said and "--public-url" in said
    said = board_floor.ok(
        "serve-board", "--new-token", "--label", "TV 5", "--public-url", "HTTPS://Proxy/cf/"
    )
    assert "https://Proxy/cf/board/" in said
    said = board_floor.ok("serve-board", "--new-token", "--label", "TV 4")
    assert "http://127.0.0.1:8080/board/" in said and "opens on the floor host only" in said
    listed = json.loads(board_floor.ok("serve-board", "--links", "--json"))
    assert [link["label"] for link in listed] == ["TV 4", "TV 5", "TV 3", "TV 2"]
    assert all("token" not in json.dumps(link) for link in listed)
