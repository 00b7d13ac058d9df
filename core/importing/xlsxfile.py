"""Reading an .xlsx workbook's sheet into rows of cell text, numbered as Excel numbers them.

The reader is openpyxl (read-only, streaming): the Python reader of Office Open XML that the
Python world maintains (pandas uses it for .xlsx), pure Python, and the tests already read
our exports back with it. It gives each cell's value as Excel stored it and its number format,
so a cell becomes the text a person sees, in the form the imports parse:
- a date or time (Excel stores a number with a date format): 2026-11-20 14:30:00, or
  2026-11-20 when the cell shows a day only; a time of day or a duration: 00:05:30;
- a number: its digits as written, never 1.38e10 or 4.0: a phone stored as a number keeps
  its digits (13800138000), and a zero-padded format (00000123) keeps its zeros;
- TRUE/FALSE for a logical cell; formulas are read as the value Excel last computed.

Which sheet: the first (leftmost) one, or the one named by --sheet (its name, or its number
counting from 1). A file that is not a workbook, an old .xls, or a password-protected
workbook is refused with how to save it.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

from core.basics import ImportRejected, InvalidInput
from core.basics.errors import Message

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An old .xls workbook, and also what Excel writes for a password-protected .xlsx."""

_PADDED = re.compile(r"^0+$")
_TIME_CODES = re.compile(r"[hs]|am/pm|上午|下午", re.IGNORECASE)


def is_workbook(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC)


def refuse_old_workbook(head: bytes, source: str) -> None:
    if head.startswith(OLE_MAGIC):
        raise ImportRejected(source, [(1, Message("import.xlsx.old_or_protected"))])


def read_sheet(path, source: str, sheet: str | None) -> tuple[str, list[tuple[int, list[str]]], list[str]]:
    """(the sheet's name, [(Excel row number, cell texts)] for the rows with any text, the
    workbook's sheet names)."""
    from openpyxl import load_workbook  # a second or so to import: only when a workbook is read
    from openpyxl.utils.exceptions import InvalidFileException

    # an open file, not the path: openpyxl refuses a path not named .xlsx, and a workbook is
    # told by its bytes (a download named report.csv, a file with no extension)
    stream = Path(path).open("rb")
    try:
        book = load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as exc:
        stream.close()
        raise ImportRejected(
            source, [(1, Message("import.xlsx.unreadable", {"problem": str(exc)}))]
        ) from None
    try:
        ws = _pick(book, sheet, source)
        ws.reset_dimensions()  # some writers record a wrong size; read every row there is
        rows = []
        for number, cells in enumerate(ws.iter_rows(), start=1):
            texts = [cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
            while texts and not texts[-1].strip():
                texts.pop()
            if texts:
                rows.append((number, texts))
        return ws.title, rows, list(book.sheetnames)
    finally:
        book.close()
        stream.close()


def _pick(book, sheet: str | None, source: str):
    names = book.sheetnames
    if sheet is None:
        return book.worksheets[0]
    wanted = sheet.strip()
    for ws in book.worksheets:
        if ws.title == wanted or ws.title.strip().casefold() == wanted.casefold():
            return ws
    if wanted.isdigit() and 1 <= int(wanted) <= len(names):
        return book.worksheets[int(wanted) - 1]
    raise InvalidInput("sheet", "import.xlsx.no_sheet", sheet=wanted, sheets=", ".join(names))


def cell_text(value, number_format: str | None = None) -> str:
    """A cell's value as the text the imports read."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        if value.time() == time(0) and not _TIME_CODES.search(_codes(number_format)):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    if isinstance(value, timedelta):
        seconds = round(value.total_seconds())
        return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    if isinstance(value, int):
        return _padded(str(value), number_format)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return _padded(str(int(value)), number_format)
        return format(value, ".15g")
    return str(value)


def _codes(number_format: str | None) -> str:
    """A number format without its quoted text and colour/locale brackets."""
    return re.sub(r'"[^"]*"|\[[^\]]*\]', "", number_format or "")


def _padded(digits: str, number_format: str | None) -> str:
    """00000123 for 123 in a zero-padded format, as Excel shows it (a customer code, a phone)."""
    fmt = (number_format or "").strip()
    if _PADDED.match(fmt) and not digits.startswith("-"):
        return digits.zfill(len(fmt))
    return digits
