"""Writing generated values as TOML text (tomllib reads TOML but does not write it)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def key(name: str) -> str:
    return name if _BARE.fullmatch(name) else string(name)


def string(text: str) -> str:
    """A TOML basic string: JSON's escapes, plus DEL, which TOML also wants escaped."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def value(item) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        text = repr(item)
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(text, text)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, (datetime, date, time)):
        return item.isoformat()
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    if isinstance(item, dict):
        return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + " }"
    raise TypeError(type(item))


def document(tables: dict[str, dict], arrays: dict[str, list[dict]] | None = None) -> str:
    """[section] key = value ... then [[array]] tables."""
    lines = []
    for name, table in tables.items():
        lines.append(f"[{key(name)}]")
        lines.extend(f"{key(k)} = {value(v)}" for k, v in table.items())
    for name, rows in (arrays or {}).items():
        for row in rows:
            lines.append(f"[[{key(name)}]]")
            lines.extend(f"{key(k)} = {value(v)}" for k, v in row.items())
    return "\n".join(lines) + "\n"
