"""Issue 22: what the served board costs the floor host for each browser on a wall screen.

The real `callfloor serve-board` on the board floor of issue 4 (30 open handoffs, 15 due within
the hour, so their countdowns tick every second), N browsers connected at a TV's 240x67 the
way textual-serve's front end connects (its websocket, its resize message), while another
process changes a handoff every 2 seconds. Per browser: the CPU of its board process (% of
a core), its resident memory, and the bytes a second it is sent; and the server's own CPU
and memory. A browser's own drawing costs the TV, not the floor host, so a websocket client
stands in for each (one real Chromium is measured in tests/browser for the same bytes).

Run: python -m tests.bench.served_board --browsers 1 5 10 --seconds 60
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import aiohttp

from core.floor.session import open_session
from core.handoffs import board_links
from core.handoffs import lifecycle as handoffs
from tests.bench.board import board_floor, cpu_seconds
from tests.bench.workspace import rss_mb
from tests.served import SERVING, board_processes
from tests.terminal.test_workspace_in_tmux import CALLFLOOR

TV = (240, 67)


def _writer(path: Path, stop: threading.Event) -> int:
    """A handoff answered, synced and a new one added, one change every 2 s, as the floor works."""
    session = open_session(path, login="boss")
    changes = 0
    try:
        open_ones = [view.id for view in handoffs.list_handoffs(session, open_only=True)]
        while not stop.wait(2.0):
            if not open_ones:
                break
            handoffs.answer_handoff(session, open_ones.pop(), "answered during the bench")
            changes += 1
    finally:
        session.close()
    return changes


def served_cost(path: Path, browsers: int, seconds: float = 60.0, settle: float = 5.0) -> dict:
    session = open_session(path, login="boss")
    token = board_links.new_link(session, f"bench x{browsers}").token
    session.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    env.update(CALLFLOOR_USER="boss", PYTHONUNBUFFERED="1")
    server = subprocess.Popen(
        [CALLFLOOR, "serve-board", "--port", "0", "--most", str(max(20, browsers)), "--db", str(path)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        port = None
        for line in server.stdout:
            found = SERVING.search(line)
            if found:
                port = int(found.group(1))
                break
        assert port, "the server did not start"
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        return asyncio.run(_measure(server.pid, port, token, browsers, seconds, settle, path))
    finally:
        server.terminate()
        server.wait(30)


async def _measure(server: int, port: int, token: str, browsers: int, seconds: float, settle: float, path):
    received = [0] * browsers
    counting = False
    url = f"ws://127.0.0.1:{port}/board/{token}/ws?width={TV[0]}&height={TV[1]}"

    async def browser(index: int, ready: asyncio.Event, done: asyncio.Event) -> None:
        async with aiohttp.ClientSession() as client, client.ws_connect(url, max_msg_size=0) as ws:
            await ws.send_str(json.dumps(["resize", {"width": TV[0], "height": TV[1]}]))
            seen = b""
            while not done.is_set():
                try:
                    message = await asyncio.wait_for(ws.receive(), 0.5)
                except TimeoutError:
                    continue
                if message.type != aiohttp.WSMsgType.BINARY:
                    if message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                        break
                    continue
                if not ready.is_set():
                    seen += message.data
                    if b"Handoff board" in seen:
                        ready.set()
                if counting:
                    received[index] += len(message.data)

    done = asyncio.Event()
    readies = [asyncio.Event() for _ in range(browsers)]
    tasks = [asyncio.create_task(browser(i, readies[i], done)) for i in range(browsers)]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies)), 120)
    await asyncio.sleep(settle)
    boards = board_processes(server)
    stop = threading.Event()
    changes: list[int] = []
    writer = threading.Thread(target=lambda: changes.append(_writer(path, stop)))
    pids = [server, *boards]
    before = {pid: cpu_seconds(pid) for pid in pids}
    started = time.monotonic()
    counting = True
    writer.start()
    await asyncio.sleep(seconds)
    counting = False
    elapsed = time.monotonic() - started
    after = {pid: cpu_seconds(pid) for pid in pids}
    rss = {pid: rss_mb(pid) for pid in pids}
    stop.set()
    writer.join()
    done.set()
    await asyncio.gather(*tasks)
    per_board_cpu = [100 * (after[p] - before[p]) / elapsed for p in boards]
    return {
        "browsers": browsers,
        "boards": len(boards),
        "seconds": elapsed,
        "changes": sum(changes),
        "server_cpu_percent": 100 * (after[server] - before[server]) / elapsed,
        "server_rss_mb": rss[server],
        "board_cpu_percent": per_board_cpu,
        "board_rss_mb": [rss[p] for p in boards],
        "bytes_per_second": [count / elapsed for count in received],
    }


def report(figures: dict) -> str:
    cpu, rss, wire = figures["board_cpu_percent"], figures["board_rss_mb"], figures["bytes_per_second"]
    n = max(1, len(cpu))
    each = (
        f"per browser CPU {sum(cpu) / n:.2f}% of a core (max {max(cpu, default=0):.2f}%), "
        f"RSS {sum(rss) / n:.0f} MB, {sum(wire) / max(1, len(wire)):.0f} B/s (max {max(wire, default=0):.0f})"
    )
    return (
        f"{figures['browsers']} browser(s) at {TV[0]}x{TV[1]}, {figures['changes']} handoff changes in "
        f"{figures['seconds']:.0f} s: {each}; "
        f"server CPU {figures['server_cpu_percent']:.2f}%, RSS {figures['server_rss_mb']:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--browsers", type=int, nargs="+", default=[1, 5, 10])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    for count in args.browsers:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "board.db"
            board_floor(path, handoffs_open=30, under_an_hour=15)
            print(report(served_cost(path, count, args.seconds)), flush=True)


if __name__ == "__main__":
    main()
