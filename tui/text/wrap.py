"""Customer text wrapped to terminal cells, cheaply: words where there are spaces, cells where
there are none (Chinese), every control character made visible first (core.basics.display)."""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells

from core.basics import printable

_TOKENS = re.compile(r"\S*\s*")


def wrap(text: str | None, width: int, limit: int | None = None) -> list[str]:
    """The lines text takes at width cells (at least one line, maybe empty); with limit,
    at most about limit lines, without reading further than they need (for layout heights)."""
    width = max(1, width)
    text = text or ""
    if limit is not None:
        text = text[: limit * (width + 1) * 2]
    lines: list[str] = []
    for paragraph in printable(text).expandtabs(4).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
        if limit is not None and len(lines) >= limit:
            return lines[:limit]
    return lines or [""]


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    if cell_len(paragraph) <= width:
        return [paragraph]
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKENS.findall(paragraph):
        if not token:
            continue
        word = token.rstrip()
        size = cell_len(word)
        if used + size <= width:
            line, used = line + token, used + cell_len(token)
            continue
        if size <= width and line:
            lines.append(line.rstrip())
            line, used = token, cell_len(token)
            continue
        # A run longer than the line (Chinese has no spaces): fill the line, then chop by cells.
        pieces = chop_cells(line + token, width)
        lines.extend(piece.rstrip() for piece in pieces[:-1])
        line = pieces[-1]
        used = cell_len(line)
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines
