"""Reading a CSV file: its bytes, its encoding, its records with their line numbers.

Encoding: UTF-8 with or without a byte-order mark; a file that is not valid UTF-8 is read as
GB18030 (what Chinese Excel writes for "CSV (comma delimited)") only when the result reads
like Chinese text (see implausible_gb18030): a Windows-1252 file mostly decodes as GB18030 too,
into nonsense (Müller -> M黮ler), and is refused with the way to say what it is (--encoding
cp1252). A UTF-16 file is refused with the way to re-save it. An encoding given by name is
used as it is, unless the file also reads as one of the two above into different text and the
named reading looks like mojibake (see implausible_reading): --encoding cp1252 on a GB18030 or
UTF-8 file would otherwise write ±±¾©»ª or MÃ¼ller over the right names.

Malformed CSV refuses the whole file with the line: a NUL byte, a row with more or fewer
cells than the header, a quote that is never closed (the csv module's strict mode stops at
the end of the file inside quotes, or at a closing quote followed by more text), and a
quoted value that swallowed lines that read as rows of their own (an unclosed quote that a
stray quote further down happened to close, e.g. 27" in a later row). A quoted value with
line breaks is fine otherwise.

Line numbers count physical lines, the first being line 1; a row with a quoted line break
is numbered by the line it starts on. Which row is the header, and what its names mean, is
core.importing.table's and core.importing.headers' business.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
import unicodedata
from pathlib import Path

from core.basics import ImportRejected, InvalidInput
from core.basics.errors import Message


def csv_rows(text: str) -> tuple[list[tuple[int, list[str]]], tuple[int, Message] | None]:
    """Every record of the text with the line it starts on, and where the CSV breaks (the
    line and the reason) when it does; the records before the break are kept."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    last_line = 0
    try:
        for cells in reader:
            rows.append((last_line + 1, cells))
            last_line = reader.line_num
    except csv.Error as exc:
        return rows, (last_line + 1, _csv_problem(exc, last_line + 1, reader))
    return rows, None


def misshapen(cells: list[str], line: int, width: int, required: list[int]) -> Message | None:
    """Why a CSV row cannot be read as the header's columns, or None."""
    if any(cell.strip() for cell in cells[width:]):
        return Message("import.row.too_many_cells", {"cells": len(cells), "width": width})
    if len(cells) < width:  # a cut row, or what a quote left open made of one
        return Message("import.row.too_few_cells", {"cells": len(cells), "width": width})
    return _swallowed_row(cells, line, width, required)


_BREAK = re.compile(r"\r\n|\r|\n")
"""A physical line break, as the csv module and the line numbers count them."""


def _csv_problem(exc: csv.Error, start: int, reader) -> Message:
    """The csv module's strict-mode error in a person's words (told apart by the csv module's own)."""
    if "unexpected end of data" in str(exc):
        return Message("import.csv.never_closed", {"last": reader.line_num})
    if "expected after" in str(exc):
        if reader.line_num != start:
            return Message("import.csv.text_after_quote_at", {"line": reader.line_num})
        return Message("import.csv.text_after_quote")
    return Message("import.csv.error", {"error": str(exc)})


def _swallowed_row(cells: list[str], line: int, width: int, required: list[int]) -> Message | None:
    """Why a row's quoted value looks like it swallowed whole rows, or None.

    An unclosed quote that a stray quote further down closes (27" at the end of a value) reads
    the lines between as one value, and the row still has the right number of cells. Those
    lines read, on their own, as rows: the header's number of cells, every required one
    filled. A real multi-line description (what, where, impact on separate lines) does not.
    """
    offset = 0  # physical line breaks in the cells before this one
    for cell in cells:
        parts = _BREAK.split(cell)
        for index, part in enumerate(parts[1:], start=1):
            try:
                alone = next(csv.reader([part]), [])
            except csv.Error:
                continue
            if (
                len(alone) >= width
                and not any(c.strip() for c in alone[width:])
                and all(alone[i].strip() for i in required)
            ):
                return Message(
                    "import.row.swallowed", {"more": len(parts) - 1, "line": line + offset + index}
                )
        offset += len(parts) - 1
    return None


def refuse_nul(text: str, source: str) -> None:
    """A NUL byte is never text: the file is a database dump or damaged, not a CSV export."""
    at = text.find("\x00")
    if at >= 0:
        line = len(_BREAK.findall(text, 0, at)) + 1
        raise ImportRejected(source, [(line, Message("import.file.nul"))])


def check_encoding(name) -> str:
    """The encoding a person named (--encoding), checked."""
    text = str(name).strip()
    try:
        codecs.lookup(text)
        b"\n\n\n\n".decode(text)  # base64, rot13 and the like are codecs, not text encodings
    except UnicodeDecodeError:
        pass  # a text encoding these four bytes are not text in (utf-32)
    except (LookupError, ValueError):
        raise InvalidInput("encoding", "import.encoding.unknown", value=text) from None
    return text


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """The file's text: in the encoding named, else UTF-8 (BOM or not), else GB18030 when it
    reads like Chinese; ImportRejected when none of these reads the bytes."""
    if encoding is not None:
        named = check_encoding(encoding)
        text = _decode_as(data, source, named)
        _refuse_misread(data, text, source, named)
        return text
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportRejected(source, [(1, Message("import.file.utf16"))])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        not_utf8 = exc
    line = _line_of(data, not_utf8.start)
    byte = data[not_utf8.start]
    as_gb18030: str | None
    try:
        as_gb18030 = data.decode("gb18030")
    except UnicodeDecodeError:
        as_gb18030 = None
    odd = None if as_gb18030 is None else implausible_gb18030(as_gb18030)
    if as_gb18030 is not None and odd is None:
        return as_gb18030
    if odd:
        problem = Message("import.file.not_utf8_nor_gb18030", {"byte": byte, "seen": odd})
    else:
        problem = Message("import.file.not_utf8", {"byte": byte})
    raise ImportRejected(source, [(line, problem)])


def _decode_as(data: bytes, source: str, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        problem = Message("import.file.not_in_encoding", {"byte": data[exc.start], "encoding": encoding})
        raise ImportRejected(source, [(_line_of(data, exc.start), problem)]) from None
    return text[1:] if text.startswith("\ufeff") else text  # a BOM is not part of the header


def _automatic_reading(data: bytes) -> tuple[str, str] | None:
    """What the file says without --encoding, and in which encoding, when that is good evidence:
    UTF-8 with some non-ASCII text (other bytes are almost never valid UTF-8), or GB18030 that
    reads like Chinese. None for ASCII (every encoding agrees) or when neither reads it."""
    try:
        text = data.decode("utf-8-sig")
        return (text, "UTF-8") if not text.isascii() else None
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return (text, "GB18030") if implausible_gb18030(text) is None else None


def _refuse_misread(data: bytes, text: str, source: str, encoding: str) -> None:
    """ImportRejected when the encoding named turns text the file plainly is into mojibake."""
    automatic = _automatic_reading(data)
    if automatic is None or automatic[0] == text or implausible_reading(text) is None:
        return  # the person knows better, or there is nothing better to offer
    right, name = automatic
    line, named_sample, right_sample = _first_difference(text, right)
    problem = Message(
        "import.file.misread",
        {"encoding": encoding, "named": named_sample, "right_encoding": name, "right": right_sample},
    )
    raise ImportRejected(source, [(line, problem)])


def _first_difference(named: str, right: str) -> tuple[int, str, str]:
    """The first line where two readings differ, and a short sample of each from there."""
    # the readings may have different numbers of lines and lines of different lengths: compare
    # as far as both go (strict=False on purpose)
    lines = zip(_BREAK.split(named), _BREAK.split(right), strict=False)
    for number, (a, b) in enumerate(lines, start=1):
        if a != b:
            at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
            start = max(0, at - 8)
            return number, _sample(a, start), _sample(b, start)
    return 1, _sample(named, 0), _sample(right, 0)


def _sample(line: str, start: int, width: int = 24) -> str:
    cut = line[start : start + width]
    return ("…" if start else "") + cut + ("…" if len(line) > start + width else "")


def implausible_reading(text: str) -> str | None:
    """Some text that shows a reading is mojibake, or None when it reads like text.

    The analogue of implausible_gb18030 for any encoding. Mis-decoding leaves: control,
    private-use or unassigned characters (latin-1 over UTF-8 gives C1 controls); a non-ASCII
    symbol or punctuation mark beside another non-ASCII character (GB18030 as cp1252:
    ±±¾©»ª; UTF-8 as cp1252: Ã¼, Ã©, â€œ), where real text has letters or a space beside
    ©, ± or «; Ã or Â followed by a non-ASCII character (UTF-8 ê, ß as cp1252: Ãª, ÃŸ); a
    rare hanzi with no everyday one beside it, or hanzi with Latin letters right against both
    ends (UTF-8 Müller, Ação as GB18030: M眉ller, A莽茫o). Accented letters side by side (Ação)
    are text. Only asked when the bytes also read plainly as something else, so a rare real
    text this flags (使用iPhone和iPad) costs nothing unless it is also valid UTF-8.
    """
    for i, ch in enumerate(text):
        if ch.isascii():
            continue
        before, after = text[i - 1 : i], text[i + 1 : i + 2]
        category = unicodedata.category(ch)
        if category in ("Cc", "Co", "Cn", "Cs"):
            odd = True
        elif _ideograph(ch):
            beside = [b for b in (before, after) if b and not b.isascii() and _common_chinese(b)]
            odd = (not _common_chinese(ch) and not beside) or _between_latin(text, i)
        elif ch >= "\u2e80":  # kana, hangul, CJK punctuation and full-width forms: their own scripts
            odd = False
        elif category[0] not in "LM":
            quote = category in ("Pi", "Pf", "Ps", "Pe")  # «Élan» is text
            odd = any(
                b and not b.isascii() and not b.isspace() and not (quote and b.isalpha())
                for b in (before, after)
            )
        else:
            odd = ch in "ÃÂ" and bool(after) and not after.isascii()
        if odd:
            return _BREAK.split(text[max(0, i - 20) : i])[-1] + _BREAK.split(text[i : i + 20])[0]
    return None


def _ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def _between_latin(text: str, i: int) -> bool:
    """Whether the run of ideographs around text[i] has a Latin letter against both ends."""
    start, end = i, i + 1
    while start and _ideograph(text[start - 1]):
        start -= 1
    while end < len(text) and _ideograph(text[end]):
        end += 1
    return _latin(text[start - 1 : start]) and _latin(text[end : end + 1])


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _line_of(data: bytes, offset: int) -> int:
    return len(re.findall(rb"\r\n|\r|\n", data[:offset])) + 1


@functools.cache  # a file repeats a few thousand characters
def _common_chinese(ch: str) -> bool:
    """In GB2312: the 6,763 everyday hanzi, Chinese punctuation and full-width forms."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def implausible_gb18030(text: str) -> str | None:
    """Some text that shows the GB18030 reading is wrong, or None when it reads like Chinese.

    Windows-1252 text mostly decodes as GB18030 too (an accented letter and the letter after
    it make one rare hanzi: Müller -> M黮ler), so decoding is no proof. Chinese
    text is everyday hanzi (GB2312); a rarer character (a name such as 朱镕基) stands beside
    them. A rare character with no everyday one beside it, or any private-use or unassigned
    character, is read as a sign of another encoding.
    """
    for i, ch in enumerate(text):
        if ch.isascii() or _common_chinese(ch):
            continue
        category = unicodedata.category(ch)
        beside = text[max(0, i - 1) : i] + text[i + 1 : i + 2]
        if category in ("Co", "Cn") or not any(not b.isascii() and _common_chinese(b) for b in beside):
            return _BREAK.split(text[max(0, i - 20) : i])[-1] + _BREAK.split(text[i : i + 20])[0]
    return None


def read_bytes(path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InvalidInput("file", "import.file.missing", path=str(path)) from None
    except IsADirectoryError:
        raise InvalidInput("file", "import.file.folder", path=str(path)) from None
    except OSError as exc:
        raise InvalidInput(
            "file", "import.file.unreadable", path=str(path), reason=str(exc.strerror or exc)
        ) from None
