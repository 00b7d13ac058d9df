"""Finding a file's header row and matching its headers the way people write them.

A header is matched after normalising what spreadsheets add: full-width forms (NFKC: （分）,
：, ＊), a unit or scale in brackets anywhere (满意度评分(1-5分), 评分【分】, [1-5]), a leading or
trailing asterisk or colon (*客户编号, 备注:), case, and spaces, dashes, dots and underscores
(Customer Code, customer_code, 客户 编号). A slash of alternatives (客户名称/简称, 电话／手机,
负责人、处理人) names each of them: the header goes to the first alternative the import reads
and no other header of the file already gives; 简称 after 客户名称 also reads as 客户简称.

Templates often put a title (客户回访反馈记录表) or a form's fields (客户编号：C001, 填表日期)
above the table. The header is, of the first ten non-blank rows, the one naming the most
columns the import knows (at least two, or every cell of a narrower table); rows above
it are kept aside: a "label: value" cell, or a label cell with its value in the next cell,
whose label names one of the import's columns gives that column's value for every row of a
table that has no such column; the rest is listed as skipped.

A header the import does not read but another import does (回访日期 in a customer file), or
a column no record keeps (序号, 填表人), is ignored and listed in the summary, never refused.
Any other header is refused with the accepted columns, as a typo in a column name must not
silently drop what it holds.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from core.basics.errors import Message
from core.importing.columns import BY_KIND, FILLERS, Column, elsewhere

HEADER_SEARCH = 10
"""How many non-blank rows at the top may be a title or a form's fields above the header."""

_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|\{[^{}]*\}|<[^<>]*>|《[^《》]*》")
_SEPARATORS = re.compile(r"[/|、\\]")
_NOISE = re.compile(r"[\s_\-.·•*:]+")


def header_key(text: str) -> str:
    """The form headers are compared in: 满意度评分（1-5分） -> 满意度评分, *Customer Code -> customercode."""
    return _NOISE.sub("", _without_brackets(text).casefold())


def _without_brackets(text: str) -> str:
    plain = unicodedata.normalize("NFKC", text)
    while True:
        cut = _BRACKETS.sub("", plain)
        if cut == plain:
            break
        plain = cut
    return plain if plain.strip(" *:") else unicodedata.normalize("NFKC", text)


def alternatives(text: str) -> list[str]:
    """The keys a header with a slash of alternatives names, in order; [] without one.
    A shorter alternative after a longer one also reads with the first's beginning:
    客户名称/简称 -> 客户名称, 简称, 客户简称."""
    parts = [p for p in _SEPARATORS.split(_without_brackets(text)) if header_key(p)]
    if len(parts) < 2:
        return []
    keys: list[str] = []
    first = header_key(parts[0])
    for part in parts:
        key = header_key(part)
        keys.append(key)
        if part is not parts[0] and len(key) < len(first):
            keys.append(first[: len(first) - len(key)] + key)
    return list(dict.fromkeys(keys))


@dataclass
class HeaderMatch:
    columns: dict[str, int] = field(default_factory=dict)
    """Canonical column name -> cell index."""
    ignored: list[tuple[str, Message]] = field(default_factory=list)
    """(the header as written, why it is not read)."""
    problems: list[Message] = field(default_factory=list)


class Vocabulary:
    """The header words one import knows: its columns', and those it ignores with a reason."""

    def __init__(self, columns: tuple[Column, ...], kind: str, ignore: tuple[str, ...] = ()):
        self.columns = columns
        self.kind = kind
        self.names = {header_key(w): c.name for c in columns for w in (c.name, *c.aliases)}
        self.other = {header_key(w): other for w, other in elsewhere(kind).items()}
        self.fillers = {header_key(w) for w in FILLERS}
        self.asked = {header_key(w) for w in ignore}
        """Headers the person said to ignore (--ignore)."""
        self.words = {header_key(w): w for c in columns for w in (c.name, *c.aliases)}

    def known(self, cell: str) -> bool:
        keys = [header_key(cell), *alternatives(cell)]
        return any(k in self.names or k in self.other or k in self.fillers for k in keys if k)

    def reads(self, cell: str) -> bool:
        return any(k in self.names for k in (header_key(cell), *alternatives(cell)) if k)

    def why_ignored(self, cell: str) -> Message | None:
        if header_key(cell) in self.asked:
            return Message("import.ignored.asked")
        for key in (header_key(cell), *alternatives(cell)):
            if key in self.fillers:
                return Message("import.ignored.not_imported")
            if key in self.other:
                return Message("import.ignored.other_record", {"what": _what(self.other[key])})
        return None

    def match(self, header: list[str], width: int) -> HeaderMatch:
        """Each header cell to the column it names (exact words first, then alternatives)."""
        found = HeaderMatch()
        pending: list[int] = []
        for index, cell in enumerate(header[:width]):
            if not cell.strip():
                found.problems.append(Message("import.header.unnamed_column", {"number": index + 1}))
                continue
            name = None if header_key(cell) in self.asked else self.names.get(header_key(cell))
            if name is None:
                pending.append(index)
            elif name in found.columns:
                found.problems.append(_same(header, found.columns[name], index, name))
            else:
                found.columns[name] = index
        for index in pending:
            cell = header[index]
            named = [self.names[k] for k in alternatives(cell) if k in self.names]
            free = [n for n in named if n not in found.columns]
            if free:
                found.columns[free[0]] = index
            elif named:
                found.problems.append(_same(header, found.columns[named[0]], index, named[0]))
            elif (why := self.why_ignored(cell)) is not None:
                found.ignored.append((cell.strip(), why))
            else:
                found.problems.append(self._unknown(cell))
        return found

    def _unknown(self, cell: str) -> Message:
        """An unknown header, with the nearest known one when it is a near miss (回访日 for 回访日期)."""
        near = difflib.get_close_matches(header_key(cell), list(self.words), n=1, cutoff=0.8)
        if near:
            return Message(
                "import.header.unknown_column_near",
                {"value": cell.strip(), "near": self.words[near[0]], "name": self.names[near[0]]},
            )
        return Message(
            "import.header.unknown_column", {"value": cell.strip(), "accepted": accepted(self.columns)}
        )

    def find_header(self, rows: list[tuple[int, list[str]]]) -> int | None:
        """The index in rows of the header row (rows are non-blank): of the first rows, the one
        naming the most columns (a form's field line above it, 客户编号： | C001 | 联系人： | 王经理,
        names fewer); None when none names a column the import reads."""
        best, best_known = None, 0
        for index, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
            filled = [c for c in cells if c.strip()]
            known = sum(1 for c in filled if self.known(c))
            if any(self.reads(c) for c in filled) and known >= min(2, len(filled)) and known > best_known:
                best, best_known = index, known
        return best

    def above(self, rows: list[tuple[int, list[str]]]) -> tuple[dict[str, tuple[int, str, str]], list[str]]:
        """From the rows above the header: column -> (line, label as written, value) for the
        form's fields the import reads, and the other text (a title), in order."""
        values: dict[str, tuple[int, str, str]] = {}
        skipped: list[str] = []
        for line, cells in rows:
            cells = [c.strip() for c in cells]
            used: set[int] = set()
            for i, cell in enumerate(cells):
                if i in used or not cell:
                    continue
                label, value = _split_field(cell)
                if not value and i + 1 < len(cells) and self.names.get(header_key(label)):
                    value = cells[i + 1]  # 客户编号： | C001, the value in the next cell
                    used.add(i + 1)
                name = self.names.get(header_key(label)) if value else None
                if name is not None and value and name not in values:
                    values[name] = (line, label.strip(), value.strip())
                else:
                    skipped.append(cell)
        return values, skipped


def better_import(header: list[str], kind: str) -> str | None:
    """The other import a header is plainly for (every column it requires is there, and it reads
    more of the header than this one), or None: a rapid-response record given to import callbacks."""
    filled = [c for c in header if c.strip()]
    reads_here = sum(Vocabulary(BY_KIND[kind], kind).reads(c) for c in filled)
    for other, columns in BY_KIND.items():
        if other == kind:
            continue
        vocabulary = Vocabulary(columns, other)
        matched = vocabulary.match(header, len(header))
        required = {c.name for c in columns if c.required}
        if required <= set(matched.columns) and len(matched.columns) > reads_here:
            return other
    return None


def _split_field(cell: str) -> tuple[str, str | None]:
    """客户编号：C001 -> (客户编号, C001); a cell with no colon -> (cell, None)."""
    for mark in ("：", ":"):
        if mark in cell:
            label, _, value = cell.partition(mark)
            return label, value
    return cell, None


def _same(header: list[str], first: int, second: int, name: str) -> Message:
    return Message(
        "import.header.same_column",
        {"first": header[first].strip(), "second": header[second].strip(), "name": name},
    )


def _what(kind: str) -> Message:
    return Message(f"import.record.{kind}")


def accepted(columns: tuple[Column, ...]) -> Message:
    """The columns a file may have, for a message about its header."""
    required = [c.shown() for c in columns if c.required]
    optional = [c.shown() for c in columns if not c.required]
    return Message(
        "import.columns.accepted", {"required": "; ".join(required), "optional": "; ".join(optional)}
    )
