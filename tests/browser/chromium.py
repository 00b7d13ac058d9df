"""A real headless Chromium, driven over the DevTools protocol (CDP) with aiohttp's websocket
client (textual-serve brings aiohttp): enough to open a page at a screen's size, read what
the board's terminal shows, press keys and take a screenshot.

What the terminal shows is read from xterm.js's own buffer (what it draws on its canvas): a
script the test adds to every page before the page's own (Page.addScriptToEvaluateOnNewDocument)
keeps the Terminal that textual-serve's front end makes, as window.__board. Nothing of the kind
is in the served page itself.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

NAMES = ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")
"""Debian's headless shell (make test-browser installs it) first, then a full Chromium."""
BROWSER = next((found for name in NAMES if (found := shutil.which(name))), None)

KEEP_THE_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer && value.rows) { window.__board = value; }
  },
});
"""

SHOWN_TEXT = """
(() => {
  const terminal = window.__board;
  if (!terminal) return null;
  const buffer = terminal.buffer.active, lines = [];
  for (let row = 0; row < terminal.rows; row++) {
    const line = buffer.getLine(buffer.viewportY + row);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()
"""


class Page:
    """One tab, over its own DevTools websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future] = {}
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self._socket:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            future = self._waiting.pop(data.get("id", -1), None)
            if future is not None and not future.done():
                future.set_result(data)

    async def send(self, method: str, **params: Any) -> dict:
        ident = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._waiting[ident] = future
        await self._socket.send_str(json.dumps({"id": ident, "method": method, "params": params}))
        answer = await asyncio.wait_for(future, 30)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def open(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def shown(self) -> str | None:
        """The board's terminal as drawn now, one line a row; None before a board was made."""
        return await self.evaluate(SHOWN_TEXT)

    async def wait_for(self, predicate, seconds: float = 30.0, what: str = "") -> Any:
        """Until predicate(page) (awaited) is truthy; its value. Bounded: nothing is timed."""
        deadline = time.monotonic() + seconds
        while True:
            value = await predicate(self)
            if value:
                return value
            if time.monotonic() > deadline:
                shown = await self.shown()
                text = await self.evaluate("document.body ? document.body.innerText : ''")
                raise AssertionError(
                    f"{what or predicate} not within {seconds} s; board:\n{shown}\npage:\n{text}"
                )
            await asyncio.sleep(0.2)

    async def wait_for_text(self, text: str, seconds: float = 30.0) -> str:
        async def showing(page: Page) -> str | None:
            shown = await page.shown()
            return shown if shown and text in shown else None

        return await self.wait_for(showing, seconds, what=repr(text))

    async def screenshot(self, path: Path) -> None:
        result = await self.send("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(result["data"]))

    async def press(self, key: str, text: str = "", modifiers: int = 0) -> None:
        for kind in ("keyDown", "keyUp"):
            await self.send(
                "Input.dispatchKeyEvent",
                type=kind,
                key=key,
                text=text if kind == "keyDown" else "",
                modifiers=modifiers,
            )

    async def close(self) -> None:
        self._reader.cancel()
        await self._socket.close()


@asynccontextmanager
async def chromium(width: int = 1920, height: int = 1080):
    """A headless Chromium at this screen size, and a function that opens pages in it."""
    assert BROWSER is not None
    profile = tempfile.mkdtemp(prefix="callfloor-chromium-")
    arguments = [
        BROWSER,
        "--headless=new" if not BROWSER.endswith("headless-shell") else "--headless",
        "--no-sandbox",  # a test browser in a container (and as root, which the sandbox refuses)
        "--no-first-run",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--window-size={width},{height}",
        f"--user-data-dir={profile}",
        "--remote-debugging-port=0",
        "about:blank",
    ]
    # a group of its own: Debian's chromium-headless-shell is a shell script that starts the
    # browser without exec, so the whole group is stopped, not the script alone
    process = subprocess.Popen(
        arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    pages: list[Page] = []
    try:
        active = Path(profile) / "DevToolsActivePort"
        for _ in range(300):
            if active.exists() and active.read_text().count("\n") >= 1:
                break
            await asyncio.sleep(0.05)
        port = int(active.read_text().splitlines()[0])
        async with aiohttp.ClientSession() as client:

            async def new_page() -> Page:
                async with client.put(f"http://127.0.0.1:{port}/json/new?about:blank") as answer:
                    target = await answer.json()
                socket = await client.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0)
                page = Page(socket)
                await page.send("Page.enable")
                await page.send("Runtime.enable")
                await page.send(
                    "Emulation.setDeviceMetricsOverride",
                    width=width,
                    height=height,
                    deviceScaleFactor=1,
                    mobile=False,
                )
                await page.send("Page.addScriptToEvaluateOnNewDocument", source=KEEP_THE_TERMINAL)
                pages.append(page)
                return page

            yield new_page
            for page in pages:
                await page.close()
    finally:
        _stop_group(process)
        shutil.rmtree(profile, ignore_errors=True)


def _stop_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # what ignored the polite signal
    except ProcessLookupError:
        pass
    process.wait(5)


def required() -> bool:
    """make test-browser sets this: a missing Chromium fails the run instead of skipping."""
    return bool(os.environ.get("CALLFLOOR_BROWSER_REQUIRED"))
