"""The pages the board server sends: the board itself (textual-serve's front end, with the font
size chosen for the screen and NOT LIVE when the connection is lost), and the short pages that
turn a browser away. Everything is served from the floor host: a wall screen on a floor network
may have no internet, so no font or script comes from elsewhere."""

from __future__ import annotations

import html
import json
from string import Template

from tui.i18n import board as _board_words  # noqa: F401  (the board's title)
from tui.i18n import tr
from tui.widgets.board_columns import BIG_WIDTH

WALL_COLUMNS = 240
"""The board is laid out for a wall of this many columns (tui/widgets/board_columns.py: three-line
rows with the ref in block letters from 200): the font is sized so the browser's window holds
this many (1920x1080: a 13.4 px font, 3840x2160: 26.8 px), or fewer on a small screen, where
letters would be too small (1280x720: 160 columns)."""
SMALLEST_CELL = 8
"""Pixels: no column is narrower (a 13.4 px font), so a small screen shows fewer columns..."""
WALL_FROM, SMALLEST_WALL_CELL = BIG_WIDTH, 6
"""...except that a screen that holds the wall layout (board_columns.BIG_WIDTH) at 6-pixel
columns gets it (1280x720: 213 columns, a 10 px font, the refs and time left in block letters)."""
FEWEST_COLUMNS = 80
CELL_WIDTH = 0.6
"""A cell of the served monospace font (Roboto Mono), as a share of the font size; xterm.js
rounds a cell down to whole pixels, so the font is sized for a whole number of pixels."""
ALIVE_EVERY_SECONDS = 5
"""How often the page asks the server whether it and the link are still there."""

_BOARD = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>$title</title>
<link rel="preload" href="../static/RobotoMono.ttf" as="font" type="font/ttf" crossorigin>
<link rel="stylesheet" href="../static/xterm.css">
<style>
@font-face {
  font-family: "Roboto Mono";
  src: url("../static/RobotoMono.ttf") format("truetype");
}
html, body { margin: 0; padding: 0; width: 100%; height: 100%; overflow: hidden; background: #000; }
.textual-terminal { width: 100vw; height: 100vh; }
body.-not-live .textual-terminal { opacity: 0.35; }
#not-live {
  display: none; position: fixed; left: 0; right: 0; bottom: 0; z-index: 10;
  padding: 2vh 3vw; background: #b00020; color: #fff;
  font: bold 5vh/1.2 "Roboto Mono", monospace; text-align: center;
}
#not-live small { display: block; font-size: 2.6vh; font-weight: normal; margin-top: 1vh; }
body.-not-live #not-live { display: block; }
</style>
</head>
<body>
<div id="not-live" role="alert"><span id="not-live-title"></span><small id="not-live-why"></small></div>
<div id="terminal" class="textual-terminal"></div>
<script>
(function () {
  "use strict";
  var WORDS = $words;
  var params = new URLSearchParams(location.search);
  var columns = Number(params.get("cols"));
  if (!columns) {
    columns = Math.max($fewest_columns, Math.min($columns, Math.floor(innerWidth / $smallest_cell)));
    // The wall layout (refs and time left in block letters) from $wall_from columns: a small TV
    // gets it with a smaller font rather than losing its big digits.
    if (columns < $wall_from && innerWidth / $wall_from >= $smallest_wall_cell) columns = $wall_from;
  }
  columns = Math.min(400, Math.max(40, columns));
  var cell = Math.max(4, Math.floor(innerWidth / columns));
  var size = Math.round((cell + 0.05) / $cell_width * 100) / 100;
  var base = location.pathname.replace(/\\/+$$/, "");
  var terminal = document.getElementById("terminal");
  terminal.dataset.fontSize = String(size);
  terminal.dataset.sessionWebsocketUrl =
    (location.protocol === "https:" ? "wss://" : "ws://") + location.host + base + "/ws";

  var body = document.body;
  var lost = false, lastContact = "$now", wait = $alive_every * 1000, timer = null;
  function notLive(why) {
    lost = true;
    body.classList.add("-not-live");
    document.getElementById("not-live-title").textContent = WORDS.title;
    document.getElementById("not-live-why").textContent =
      why + " " + WORDS.since + " " + lastContact + ". " + (why === WORDS.revoked ? "" : WORDS.trying);
  }
  function ask() {
    var request = new XMLHttpRequest();
    request.open("GET", base + "/alive", true);
    request.timeout = 4000;
    request.onload = function () {
      if (request.status === 200) {
        if (lost) { location.reload(); return; }
        lastContact = request.responseText.replace(/^live /, "").slice(0, 8);
        wait = $alive_every * 1000;
      } else if (request.status === 403) {
        notLive(WORDS.revoked);
        wait = 60000;
      } else {
        notLive(WORDS.floor);
        wait = Math.min(30000, wait * 1.5);
      }
      later();
    };
    request.onerror = request.ontimeout = function () {
      notLive(WORDS.server);
      wait = Math.min(30000, wait * 1.5);
      later();
    };
    request.send();
  }
  function later() { clearTimeout(timer); timer = setTimeout(ask, wait); }
  // textual-serve's front end marks the body -closed when the board's connection ends.
  new MutationObserver(function () {
    if (body.classList.contains("-closed") && !lost) { notLive(WORDS.server); wait = 2000; later(); }
  }).observe(body, { attributes: true, attributeFilter: ["class"] });
  // A screen turned or resized: the font follows (the page is read again, as on a first start).
  var shown = [innerWidth, innerHeight];
  addEventListener("resize", function () {
    clearTimeout(window.resizing);
    window.resizing = setTimeout(function () {
      if (Math.abs(innerWidth - shown[0]) > 40 || Math.abs(innerHeight - shown[1]) > 40) location.reload();
    }, 1500);
  });
  later();
})();
</script>
<script src="../static/textual.js"></script>
</body>
</html>
""")

_TURNED_AWAY = Template("""<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
$refresh<title>$title</title>
<style>
html, body { margin: 0; height: 100%; background: #000; color: #fff; font: 3vh/1.4 sans-serif; }
main { display: flex; flex-direction: column; justify-content: center; height: 100%; padding: 0 8vw; }
h1 { font-size: 6vh; margin: 0 0 2vh; color: #ff5c5c; }
</style>
</head>
<body><main><h1>$heading</h1><p>$detail</p></main></body>
</html>
""")


def board_page(language: str, now: str, columns: int = WALL_COLUMNS) -> str:
    """The board's page; now: the floor's time as the page is sent (the NOT LIVE banner says
    the last contact in the floor's time, as the board shows it, not the TV's clock)."""
    words = {
        "title": tr("served.not_live"),
        "since": tr("served.last_contact"),
        "trying": tr("served.trying_again"),
        "server": tr("served.server_lost"),
        "floor": tr("served.floor_lost"),
        "revoked": tr("served.revoked_live"),
    }
    return _BOARD.substitute(
        lang="zh-CN" if language == "zh" else "en",
        title=html.escape(tr("board.title")),
        # inside <script>: "</" would end it, so every "<" goes as an escape
        words=json.dumps(words, ensure_ascii=False).replace("<", "\\u003c"),
        columns=columns,
        cell_width=CELL_WIDTH,
        smallest_cell=SMALLEST_CELL,
        wall_from=WALL_FROM,
        smallest_wall_cell=SMALLEST_WALL_CELL,
        now=html.escape(now),
        fewest_columns=FEWEST_COLUMNS,
        alive_every=ALIVE_EVERY_SECONDS,
    )


def turned_away_page(language: str, heading: str, detail: str, retry_seconds: int | None = None) -> str:
    """A page that says why the board is not shown, and what to do; retry_seconds: the browser
    asks again by itself (the server was full, or the floor could not be read)."""
    refresh = f'<meta http-equiv="refresh" content="{int(retry_seconds)}">\n' if retry_seconds else ""
    return _TURNED_AWAY.substitute(
        lang="zh-CN" if language == "zh" else "en",
        refresh=refresh,
        title=html.escape(tr("board.title")),
        heading=html.escape(heading),
        detail=html.escape(detail),
    )
