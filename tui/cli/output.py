"""Printing for the command line: JSON for machines, aligned text for people."""

from __future__ import annotations

import json
import sys
import unicodedata

from core.basics import printable


def emit_json(value) -> None:
    # ensure_ascii=False keeps Chinese readable; json still escapes control characters.
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cell_width(text: str) -> int:
    """Terminal cells: wide (CJK) characters take two."""
    return sum(
        2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
        for ch in text
    )


def fit(text: str, width: int) -> str:
    """text cut or padded to exactly width cells."""
    text = printable(text).replace("\n", " ")
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width:
            break
        out.append(ch)
        used += w
    if used < cell_width(text) and out:
        while used > width - 1 and out:
            used -= cell_width(out.pop())
        out.append("…")
        used += 1
    return "".join(out) + " " * (width - used)


def table(headers: list[str], rows: list[list[str]], widths: list[int]) -> None:
    print("  ".join(fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in rows:
        print(
            "  ".join(
                fit(str(c if c is not None else "-"), w) for c, w in zip(row, widths, strict=True)
            ).rstrip()
        )


def say(text: str) -> None:
    print(printable(text))
