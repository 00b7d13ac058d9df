"""Customer text in terminal cells: made inert, cut or padded by cell width (CJK is 2)."""

from __future__ import annotations

from datetime import timedelta

from rich.cells import cell_len, set_cell_size

from core.basics import printable


def cell(text: str | None, width: int) -> str:
    """text as exactly width cells, one line, control characters made visible."""
    flat = printable(text or "").replace("\n", " ").replace("\t", " ")
    if cell_len(flat) > width and width > 1:
        return set_cell_size(flat, width - 1) + "…"
    return set_cell_size(flat, width)


def left_text(left: timedelta) -> str:
    """Time left to a target: 42m, 3h05, 2d04; overdue with a leading +."""
    seconds = int(left.total_seconds())
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    minutes = seconds // 60
    if minutes < 60:
        return f"{sign}{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{sign}{hours}h{minutes:02d}"
    days, hours = divmod(hours, 24)
    return f"{sign}{days}d{hours:02d}"


def right_cell(text: str | None, width: int) -> str:
    """Like cell, aligned right (by cells: a CJK character is two)."""
    fitted = cell(text, width).rstrip(" ")
    return " " * (width - cell_len(fitted)) + fitted
