"""Reading a CSV file into rows keyed by column name, with the file's line numbers.

Encoding: UTF-8 with or without a byte-order mark; a file that is not valid UTF-8 is read as
GB18030 (what Chinese Excel writes for "CSV (comma delimited)"). A UTF-16 file is refused
with the way to re-save it. The first row is the header: names match case-insensitively,
trimmed, with spaces and dashes read as "_", in English or in the handbook's Chinese.
Empty columns at the right edge and blank rows (Excel leaves both) are ignored.
Line numbers count physical lines, the header being line 1; a row with a quoted line break
is numbered by the line it starts on.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ImportRejected, InvalidInput


@dataclass(frozen=True)
class Column:
    name: str
    """The canonical (English) name, also the key rows are read under."""
    aliases: tuple[str, ...] = ()
    """Other accepted headers, the Chinese first (shown in messages)."""
    required: bool = False

    def shown(self) -> str:
        return f"{self.name} ({', '.join(self.aliases)})" if self.aliases else self.name


@dataclass(frozen=True)
class Row:
    line: int
    """Physical line where the row starts; the header is line 1."""
    values: dict[str, str]
    """Cell text under each canonical column name present in the file ('' when blank)."""

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def has(self, name: str) -> bool:
        return bool(self.values.get(name, "").strip())


@dataclass
class Table:
    source: str
    """The path as given, for messages."""
    name: str
    """The file's name, for the timeline."""
    headers: dict[str, str]
    """Canonical column name -> the header as written in the file."""
    rows: list[Row] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    """Rows that could not even be split into columns."""

    _labels: dict[str, str] = field(default_factory=dict, repr=False)

    def label(self, name: str) -> str:
        """How messages name a column: canonical, plus the file's header when it differs."""
        if name not in self._labels:
            written = self.headers.get(name, name)
            self._labels[name] = name if _key(written) == name else f"{name} ({written.strip()})"
        return self._labels[name]

    def column_values(self, *names: str):
        for row in self.rows:
            for name in names:
                yield row.get(name)


def read_table(path, columns: tuple[Column, ...]) -> Table:
    """The file's rows; ImportRejected for an unreadable file or a bad header (line 1)."""
    source = str(path)
    text = decode(_read_bytes(path), source)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise ImportRejected(source, [(1, f"the header row cannot be read: {exc}")]) from None
    if header is None or not any(cell.strip() for cell in header):
        raise ImportRejected(source, [(1, "the file is empty; the first row must name the columns: "
                                          + accepted(columns))])
    headers, width = _match_header(header, columns, source)
    table = Table(source=source, name=Path(path).name, headers={c: header[i] for c, i in headers.items()})
    last_line = reader.line_num
    try:
        for cells in reader:
            line, last_line = last_line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if any(cell.strip() for cell in cells[width:]):
                table.problems.append((line, f"has {len(cells)} cells but the header names {width} columns "
                                             "(a comma inside a value needs the value in double quotes)"))
                continue
            table.rows.append(Row(line, {name: (cells[i] if i < len(cells) else "") for name, i in headers.items()}))
    except csv.Error as exc:
        table.problems.append((last_line + 1, f"cannot be read as CSV ({exc}); the rest of the file was not read"))
    return table


def accepted(columns: tuple[Column, ...]) -> str:
    required = [c.shown() for c in columns if c.required]
    optional = [c.shown() for c in columns if not c.required]
    return f"required: {'; '.join(required)}; optional: {'; '.join(optional)}"


def decode(data: bytes, source: str) -> str:
    """UTF-8 (BOM or not), else GB18030; ImportRejected when neither reads the bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportRejected(source, [(1, "the file is UTF-16 (Excel 'Unicode Text'); save it as "
                                          "'CSV UTF-8 (Comma delimited)' and import that")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRejected(source, [(line, f"byte {exc.start} is neither UTF-8 nor GB18030 text; "
                                             "save the file as 'CSV UTF-8 (Comma delimited)'")]) from None


def _read_bytes(path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InvalidInput("file", f"{path}: no such file") from None
    except IsADirectoryError:
        raise InvalidInput("file", f"{path} is a folder; give a .csv file") from None
    except OSError as exc:
        raise InvalidInput("file", f"{path} cannot be read: {exc.strerror or exc}") from None


def _key(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFKC", header).strip().lower())


def _match_header(header: list[str], columns: tuple[Column, ...], source: str) -> tuple[dict[str, int], int]:
    """Canonical name -> cell index, and the header's width without empty right-edge cells."""
    names = {_key(alias): c.name for c in columns for alias in (c.name, *c.aliases)}
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    found: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header[:width]):
        name = names.get(_key(cell))
        if not cell.strip():
            problems.append(f"column {index + 1} has no name; name it or delete the column")
        elif name is None:
            problems.append(f"unknown column {cell.strip()!r}; accepted columns are {accepted(columns)}")
        elif name in found:
            problems.append(f"columns {header[found[name]].strip()!r} and {cell.strip()!r} both mean {name}; keep one")
        else:
            found[name] = index
    missing = [c.shown() for c in columns if c.required and c.name not in found]
    if missing:
        problems.append(f"missing required column{'s' if len(missing) > 1 else ''}: {'; '.join(missing)}")
    if problems:
        raise ImportRejected(source, [(1, p) for p in problems])
    return found, width
