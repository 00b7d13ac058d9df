"""Long sheets (every ticket of a week) written as worksheet XML rows, one row at a time.

XlsxWriter keeps every cell of a sheet in memory (about 2 KB a row of the Tickets sheet),
and its constant_memory mode refuses add_table and is slower still (measured on 50,000
tickets: 7.6 s and 136 MB by default, 241 MB with the table; 12 s in constant_memory). So a
long sheet is made in two parts:

1. its rows are made as the worksheet's <row> XML, inline strings (never formulas: a text
   cell is <is><t>text</t></is> whatever the text says), dates as serial numbers with a date
   style, and compressed to a temporary file as they come (core.report.zipped), while the
   widths of its columns are measured;
2. XlsxWriter writes the rest of the workbook with a stand-in for the sheet: its header,
   column widths, frozen header, page setup (core.report.book.Book.page_setup: XlsxWriter
   writes sheetPr's fitToPage, printOptions, pageMargins, pageSetup and headerFooter in the
   schema's order, and the Print_Titles name in workbook.xml) and Excel table (over a header
   and one placeholder row), and in the placeholder row one cell per style the rows use. The
   rows then go where the placeholder row was (head_and_tail) and the table is stretched over
   them.

The rows carry XlsxWriter's style numbers from the start: the report numbers its formats
before writing anything (core.report.book.Book), and head_and_tail checks that the
placeholder row's cells got those same numbers, so a different XlsxWriter fails the export
loudly instead of writing wrongly styled cells. Only the rows are written here; everything else in
the file is XlsxWriter's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.report.cells import MAX_CELL_TEXT, Widths, fit_excel, wrapped_height, wrapped_lines
from core.report.zipped import Deflated, Deflater

TEXT, WRAP, DATE, NUMBER, RATE, SCORE = "text", "wrap", "date", "number", "rate", "score"
KINDS = (TEXT, WRAP, DATE, NUMBER, RATE, SCORE)
"""What a column holds, each with its own format (core.report.book.Book.streamed_formats): text,
long text wrapped in its capped column, a date, a whole number (0), a share (0.00%), an
average (0.00)."""
NUMBERS = (NUMBER, RATE, SCORE)
PLACEHOLDER_ROW = 2  # the first row under the header, 1-based as in the XML
_ORDINAL_1899_12_30 = 693594  # Excel's day 0 (its 1900 leap-year bug included)
_ESCAPED_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_UNSAFE = re.compile(r"[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff]")
"""What XML needs escaped, what Excel writes as _xHHHH_, and "_" (an _xHHHH_ typed in the text
gets its own escape)."""
_CELL = re.compile(r'<c r="([A-Z]+)\d+"(?: s="(\d+)")?')


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    cap: int = 40
    """The widest the column gets, in characters (a wide character counts two)."""
    repeats: bool = False
    """Values from a short list (ids, logins, codes): each one's cell is worked out once."""
    shown: Callable | None = None
    """What a text column shows for a value (an id's name, a masked phone); None: the value."""


def _column_name(index: int) -> str:
    """A column's letters (0: A). xlsxwriter is imported here, not above: it is 10 MB of every
    app session's memory, which only exports use."""
    from xlsxwriter.utility import xl_col_to_name

    return xl_col_to_name(index)


def style_id(kind: str, highlight: bool) -> int:
    """The style a cell uses: one per kind of value, plain or highlighted."""
    return KINDS.index(kind) + (len(KINDS) if highlight else 0)


STYLE_IDS = tuple(range(2 * len(KINDS)))


def xml_text(text: str) -> str:
    """text as the XML of an inline string's <is> element (Excel's _xHHHH_ for controls)."""
    if len(text) > MAX_CELL_TEXT // 2:
        text = fit_excel(text)
    if text.isalnum():  # refs, codes, most names: nothing to escape, no space at either end
        return f"<is><t>{text}</t></is>"
    if _UNSAFE.search(text) is not None:
        text = _ESCAPED_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m[0]):04X}_", text)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if text and (text[0].isspace() or text[-1].isspace()):
        return f'<is><t xml:space="preserve">{text}</t></is>'
    return f"<is><t>{text}</t></is>"


def _date_serial(moment) -> str:
    """Excel's day number of a datetime's wall-clock reading, as cell text."""
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 1e6
    return repr(moment.toordinal() - _ORDINAL_1899_12_30 + seconds / 86400)


# Each column gets a function from a value to the rest of its cell after <c r="B7": the style
# attribute, the value and the closing tag, or "/>" for an empty cell.


def _repeating_text(col: int, style: str, widths: Widths, shown):
    """Values from a short list (ids, logins, codes): each is shown, escaped and measured once,
    then looked up (the row writer looks in the cache itself and calls tail for a new one)."""
    cache: dict = {None: f"{style}/>", "": f"{style}/>"}

    def tail(value) -> str:
        text = shown(value) if shown is not None else value
        if text is None or text == "":
            found = cache[value] = f"{style}/>"
        else:
            text = str(text)
            found = cache[value] = f'{style} t="inlineStr">{xml_text(text)}</c>'
            widths.see(col, text)
        return found

    return cache, tail


def _text(col: int, cap: int, style: str, widths: Widths, shown):
    seen, see, empty = widths.seen, widths.see, f"{style}/>"

    def tail(text: str | None) -> str:
        if shown is not None:
            text = shown(text)
        if not text:
            return empty
        if seen[col] < cap and (len(text) > seen[col] or (len(text) * 2 > seen[col] and not text.isascii())):
            see(col, text)
        return f'{style} t="inlineStr">{xml_text(text)}</c>'

    return tail


def _date(style: str):
    """Dates: a day number already as text (the row writer writes that itself), or a datetime."""
    empty = f"{style}/>"

    def tail(day) -> str:
        if day is None:
            return empty
        return f"{style}><v>{day if type(day) is str else _date_serial(day)}</v></c>"

    return f"{style}><v>", tail


def _number(style: str):
    """Numbers; whole ones are looked up once written (the row writer looks in the cache)."""
    cache: dict = {None: f"{style}/>"}

    def tail(number) -> str:
        found = f"{style}><v>{number if type(number) is int else repr(float(number))}</v></c>"
        if type(number) is int and len(cache) < 10_000:
            cache[number] = found
        return found

    return cache, tail


def _heights(caps: Sequence[int]):
    """A row's height attribute for its wrapped columns' values (capped that wide): "" when
    each fits on one line."""

    def attribute(*texts) -> str:
        lines = max(wrapped_lines(text, cap) for text, cap in zip(texts, caps, strict=True))
        return "" if lines == 1 else f' ht="{wrapped_height(lines):g}" customHeight="1"'

    return attribute


def _row_writer(name: str, columns: Sequence[Column], widths: Widths, styles: Mapping[str, str]):
    """The function that turns one row's values into its <row> XML, made for these columns
    and these style attributes (kind -> ' s="3"', or "" for no format).

    It is generated, one expression per column (mostly a dictionary lookup) in one f-string
    for the row, because a week's long sheets hold more than a million cells: a loop over the
    cells took four times as long. Every cell is written, an empty one as <c r="E5"/>. A row
    whose wrapped text takes more than a line gets that height (core.report.cells).
    """
    names = [f"v{i}" for i in range(len(columns))]
    scope, cells = {"VE": "</v></c>"}, []
    for i, column in enumerate(columns):
        tail = f"f{i}({names[i]})"
        style = styles[column.kind]
        if column.kind in (TEXT, WRAP) and column.repeats:
            scope[f"k{i}"], scope[f"f{i}"] = _repeating_text(i, style, widths, column.shown)
            tail = f"k{i}.get({names[i]}) or {tail}"
        elif column.kind in (TEXT, WRAP):
            scope[f"f{i}"] = _text(i, column.cap, style, widths, column.shown)
        elif column.kind == DATE:
            scope[f"d{i}"], scope[f"f{i}"] = _date(style)
            tail = f"d{i} + {names[i]} + VE if type({names[i]}) is str else {tail}"
        else:
            scope[f"k{i}"], scope[f"f{i}"] = _number(style)
            tail = f"k{i}.get({names[i]}) or {tail}"
        cells.append(f'<c r="{_column_name(i)}{{n}}"{{{tail}}}')
    wrapped = [i for i, column in enumerate(columns) if column.kind == WRAP]
    height = ""
    if wrapped:
        scope["H"] = _heights([columns[i].cap for i in wrapped])
        height = f"{{H({', '.join(names[i] for i in wrapped)})}}"
    source = "\n".join(
        [
            "def row(n, values):",
            f"    {', '.join(names)}, *_ = values",  # a row may carry more, for its reader
            f"    return f'<row r=\"{{n}}\"{height}>{''.join(cells)}</row>\\n'",
        ]
    )
    exec(compile(source, f"<the {name} sheet's row writer>", "exec"), scope)
    return scope["row"]


class StreamedSheet:
    """A long sheet's rows, compressed to path as they come (core.report.zipped.Deflater).

    name is the sheet's (in the report's language), table its Excel table's (ASCII, the same
    in every language: structured references and macros name it). styles: style id
    (style_id(kind, highlight)) -> the number XlsxWriter gives that style's format, None for a
    cell without a format."""

    BATCH = 256  # rows joined, encoded and handed to the compressing thread at a time

    def __init__(
        self,
        name: str,
        columns: Sequence[Column],
        path: Path,
        styles: Mapping[int, int | None],
        table: str | None = None,
    ):
        self.name = name
        self.table = table or name
        self.columns = list(columns)
        self.styles = {ident: styles.get(ident) or None for ident in STYLE_IDS}
        self.rows = 0
        self.widths = Widths([c.header for c in self.columns], [c.cap for c in self.columns])
        self._rows = {
            hl: _row_writer(
                name,
                self.columns,
                self.widths,
                {kind: _attribute(self.styles[style_id(kind, hl)]) for kind in KINDS},
            )
            for hl in (False, True)
        }
        self._batch: list[str] = []
        self._deflater = Deflater(path)
        self.deflated: Deflated | None = None

    @property
    def last_column(self) -> str:
        return _column_name(len(self.columns) - 1)

    def add(self, values: Sequence, highlight: bool = False) -> None:
        """One row: str for text, datetime (floor-local wall clock) or an Excel day number as
        text for dates, int or float for numbers; None or "" leaves the cell empty."""
        self.rows += 1
        self._batch.append(self._rows[highlight](str(self.rows + 1), values))  # row 1 is the header
        if len(self._batch) >= self.BATCH:
            self._flush()

    def add_all(self, rows: Iterable[Sequence], progress: Callable[[int], None]) -> None:
        """add() for each row (none highlighted); progress(rows so far) every BATCH rows."""
        row, batch, n = self._rows[False], self._batch, self.rows + 1
        for n, values in enumerate(rows, start=self.rows + 2):  # row 1 is the header
            batch.append(row(str(n), values))
            if len(batch) >= self.BATCH:
                self._flush()
                progress(n - 1)
        self.rows = n - 1

    def _flush(self) -> None:
        if self._batch:
            self._deflater.write("".join(self._batch).encode("utf-8"))
            self._batch.clear()

    def finish(self) -> Deflated:
        """Every row written: the compressed rows."""
        if self.deflated is None:
            self._flush()
            self.deflated = self._deflater.close()
        return self.deflated

    def abandon(self) -> None:
        if self.deflated is None:
            self._deflater.abandon()

    # ------------------------------------------------------------ putting it in the workbook

    def head_and_tail(self, stand_in_xml: bytes) -> tuple[bytes, bytes]:
        """XlsxWriter's stand-in for the sheet cut where its placeholder row is: the rows go
        between the two parts."""
        text = stand_in_xml.decode("utf-8")
        match = re.search(rf'<row r="{PLACEHOLDER_ROW}"[^>]*>(.*?)</row>', text, re.S)
        if match is None:
            raise RuntimeError(f"the {self.name} sheet's placeholder row is missing")
        self._check_styles(match[1])
        head = re.sub(
            r'<dimension ref="[^"]*"/>',
            f'<dimension ref="A1:{self.last_column}{self.rows + 1}"/>',
            text[: match.start()],
            count=1,
        )
        return head.encode("utf-8"), text[match.end() :].encode("utf-8")

    def _check_styles(self, placeholder_row: str) -> None:
        """The placeholder row has in column i the cell XlsxWriter wrote with style i's format:
        its style number must be the one the rows were written with."""
        found = {letter: int(s) or None if s else None for letter, s in _CELL.findall(placeholder_row)}
        for ident in STYLE_IDS:
            if found.get(_column_name(ident)) != self.styles[ident]:
                raise RuntimeError(
                    f"XlsxWriter numbered the {self.name} sheet's styles {found}, not "
                    f"{self.styles}: this XlsxWriter is not one the report was made for"
                )

    def table_range(self) -> str:
        """The Excel table's range: the header and every row (one empty row when none)."""
        return f"A1:{self.last_column}{max(self.rows, 1) + 1}"


def _attribute(number: int | None) -> str:
    return f' s="{number}"' if number else ""


def stretch_table(table_xml: bytes, sheet: StreamedSheet) -> bytes:
    """The table part XlsxWriter wrote over the header and placeholder row, stretched over
    the streamed rows (the table and its autofilter)."""
    stand_in = f'"A1:{sheet.last_column}{PLACEHOLDER_ROW}"'.encode()
    return table_xml.replace(stand_in, f'"{sheet.table_range()}"'.encode())


def placeholder_cells(worksheet, formats: Mapping[int, object]) -> None:
    """The stand-in's placeholder row: in column i a number written with style i's format
    (None: no format), for splice to check the style numbers against. The row is replaced by
    the streamed rows, so it may reach past the sheet's own columns."""
    for ident in STYLE_IDS:
        fmt = formats.get(ident)
        if fmt is None:
            worksheet.write_number(PLACEHOLDER_ROW - 1, ident, 0)
        else:
            worksheet.write_number(PLACEHOLDER_ROW - 1, ident, 0, fmt)
