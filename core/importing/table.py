"""A file an import reads (CSV or .xlsx) as rows keyed by column name, with the file's own
line (CSV) or row (workbook) numbers.

The kind of file is told by its first bytes, not its name: a zip is an .xlsx workbook
(core.importing.xlsxfile), an OLE file an old .xls or a password-protected workbook (refused
with how to save it), anything else CSV (core.importing.csvfile). The header row is found and
matched by core.importing.headers. Empty columns at the right edge and blank rows (Excel
leaves both) are ignored.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from core.basics import ImportRejected, InvalidInput
from core.basics.errors import Message, Term
from core.importing import csvfile, xlsxfile
from core.importing.columns import Column
from core.importing.headers import Vocabulary, accepted, better_import, header_key

Problem = tuple[int, Message | InvalidInput]
"""A bad row's line and what is wrong there: a Message, or the InvalidInput a check raised."""


@dataclass(frozen=True)
class Row:
    line: int
    """Line (CSV) or sheet row (xlsx) where the row starts; the file's first line is 1."""
    values: dict[str, str]
    """Cell text under each canonical column name the file gives ('' when blank)."""

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def has(self, name: str) -> bool:
        return bool(self.values.get(name, "").strip())


@dataclass
class Table:
    source: str
    """The path as given (and the sheet, for a workbook), for messages."""
    name: str
    """The file's name, for the timeline."""
    headers: dict[str, str]
    """Canonical column name -> the header as written in the file (or the field above it)."""
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Rows that could not even be split into columns."""
    sheet: str | None = None
    """The workbook sheet read; None for CSV."""
    ignored: list[tuple[str, Message]] = field(default_factory=list)
    """Headers the import does not read, and why."""
    above: list[str] = field(default_factory=list)
    """Text above the header that is not a field the import reads (a title), as written."""
    fields_above: dict[str, str] = field(default_factory=dict)
    """Column -> the value a field above the table gave every row (客户编号：C001)."""
    notes: list[Message] = field(default_factory=list)
    """Anything else the summary should say about reading the file (which sheet was read)."""

    _labels: dict[str, str] = field(default_factory=dict, repr=False)

    def label(self, name: str) -> str:
        """How messages name a column: canonical, plus the file's header when it differs."""
        if name not in self._labels:
            written = self.headers.get(name, name)
            self._labels[name] = (
                name if header_key(written) == header_key(name) else f"{name} ({written.strip()})"
            )
        return self._labels[name]

    def column_values(self, *names: str):
        for row in self.rows:
            for name in names:
                yield row.get(name)

    def at(self, line: int) -> str:
        """Where a row came from, for the record it made: "tickets.csv line 4", "记录.xlsx [2026] row 4"."""
        if self.sheet is None:
            return f"{self.name} line {line}"
        return f"{self.name} [{self.sheet}] row {line}"

    def has_column(self, name: str) -> bool:
        return name in self.headers

    def rejected(self, problems: list[Problem]) -> ImportRejected:
        refused = ImportRejected(
            self.source, sorted(problems, key=lambda p: p[0]), rows_of_sheet=self.sheet is not None
        )
        refused.table = self  # type: ignore[attr-defined]  # for a dry run's account of the file
        return refused


def read_table(
    path,
    columns: tuple[Column, ...],
    kind: str,
    encoding: str | None = None,
    sheet: str | None = None,
    ignore: tuple[str, ...] = (),
) -> Table:
    """The file's rows; ImportRejected for an unreadable file or a bad header, InvalidInput for a
    file that is not there or a sheet the workbook does not have.
    encoding: a CSV file's encoding as the person named it (None: UTF-8, or plausible GB18030);
    sheet: a workbook's sheet by name or number (None: the first);
    ignore: headers to leave out, as the person said (--ignore)."""
    source = str(path)
    data = csvfile.read_bytes(path)
    if xlsxfile.is_workbook(data[:4]):
        return _workbook_table(path, source, Vocabulary(columns, kind, ignore), sheet)
    xlsxfile.refuse_old_workbook(data[:8], source)
    if sheet is not None:
        raise InvalidInput("sheet", "import.sheet.not_workbook", path=source)
    text = csvfile.decode(data, source, encoding)
    csvfile.refuse_nul(text, source)
    rows, broken = csvfile.csv_rows(text)
    filled = [(line, cells) for line, cells in rows if any(c.strip() for c in cells)]
    if broken is not None and not filled:
        line, problem = broken
        raise ImportRejected(source, [(line, Message("import.header.not_csv", {"problem": problem}))])
    table = _table(source, Path(path).name, filled, Vocabulary(columns, kind, ignore), workbook=False)
    if broken is not None:
        table.problems.append((broken[0], Message("import.row.not_csv", {"problem": broken[1]})))
    return table


def _workbook_table(path, source: str, vocabulary: Vocabulary, sheet: str | None) -> Table:
    """The sheet asked for; without --sheet the first, or, when the first has no table (a
    sheet of instructions, 填写说明), the first sheet that has one, and the summary says so."""
    name, rows, names = xlsxfile.read_sheet(path, source, sheet)
    notes = []
    if sheet is None and len(names) > 1 and vocabulary.find_header(rows) is None:
        for number in range(2, len(names) + 1):
            other, other_rows, _ = xlsxfile.read_sheet(path, source, str(number))
            if vocabulary.find_header(other_rows) is not None:
                notes.append(Message("import.note.sheet", {"sheet": other, "first": name}))
                name, rows = other, other_rows
                break
    hint = None if sheet is not None or len(names) < 2 else ", ".join(names)
    table = _table(f"{source} [{name}]", Path(path).name, rows, vocabulary, workbook=True, sheets=hint)
    table.sheet = name
    table.notes = notes + table.notes
    return table


def _table(source, name, rows, vocabulary: Vocabulary, workbook: bool, sheets: str | None = None) -> Table:
    """rows: the non-blank (line, cells) of the file, in order."""
    columns = vocabulary.columns
    if not rows:
        raise ImportRejected(
            source,
            [(1, Message("import.file.empty", {"accepted": accepted(columns)}))],
            rows_of_sheet=workbook,
        )
    found = vocabulary.find_header(rows)
    at = found or 0  # none: the first row, refused for what it names
    header_line, header = rows[at]
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    matched = vocabulary.match(header, width)
    fields, above = vocabulary.above(rows[:at])
    fields = {n: v for n, v in fields.items() if n not in matched.columns}
    missing = [
        c.shown() for c in columns if c.required and c.name not in matched.columns and c.name not in fields
    ]
    problems = list(matched.problems)
    if missing:
        code = "import.header.missing_columns" if len(missing) > 1 else "import.header.missing_column"
        problems.append(Message(code, {"columns": "; ".join(missing)}))
        other = better_import(header[:width], vocabulary.kind)
        if other is not None:
            problems.append(Message("import.header.other_import", {"what": Term(f"import.record.{other}")}))
    if problems and found is None and sheets:
        problems.append(Message("import.xlsx.which_sheet", {"sheets": sheets}))
    if problems:
        raise ImportRejected(source, [(header_line, p) for p in problems], rows_of_sheet=workbook)
    headers = {n: header[i] for n, i in matched.columns.items()}
    headers.update((n, label) for n, (_, label, _) in fields.items())
    table = Table(
        source=source,
        name=name,
        headers=headers,
        ignored=matched.ignored,
        above=above,
        fields_above={n: value for n, (_, _, value) in fields.items()},
    )
    required = [i for n, i in matched.columns.items() if any(c.name == n and c.required for c in columns)]
    for line, cells in rows[at + 1 :]:
        total = _totals(cells)
        if total is not None:
            table.notes.append(
                Message(
                    "import.note.totals",
                    {
                        "unit": Term("import.unit.row" if workbook else "import.unit.line"),
                        "line": line,
                        "word": total,
                    },
                )
            )
            continue
        problem = _beyond(cells, width) if workbook else csvfile.misshapen(cells, line, width, required)
        if problem is not None:
            table.problems.append((line, problem))
            continue
        values = {n: (cells[i] if i < len(cells) else "") for n, i in matched.columns.items()}
        values.update(table.fields_above)
        table.rows.append(Row(line, values))
    if not table.rows and not table.problems:
        table.notes.append(Message("import.note.no_rows"))
    return table


TOTALS = ("合计", "小计", "总计", "共计", "总数", "total", "totals", "subtotal", "sum")


def _totals(cells: list[str]) -> str | None:
    """The word of a totals row under the table (| 合计 | 400 |), which is no record; None otherwise.
    A real row fills more than three cells or has no such word alone in a cell."""
    filled = [c.strip() for c in cells if c.strip()]
    if len(filled) > 3:
        return None
    return next(
        (c for c in filled if unicodedata.normalize("NFKC", c).casefold().rstrip(":") in TOTALS), None
    )


def _beyond(cells: list[str], width: int) -> Message | None:
    """A workbook row with a value right of the header's last named column."""
    for index in range(width, len(cells)):
        if cells[index].strip():
            return Message(
                "import.row.beyond_header", {"cell": _letter(index), "value": cells[index].strip()[:40]}
            )
    return None


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
