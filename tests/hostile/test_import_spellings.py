"""Headers and coded values written the way people write them, generated: units in brackets,
spaces, colons and asterisks, full-width forms, case, slashes of alternatives; and a refused
file that names the row and the column of its one bad cell, in a CSV file and in a workbook.

Every spelling must still reach the word it decorates; a header no import knows is refused,
while another import's column or a filler (序号, 填表人) is only listed as ignored.
"""

from __future__ import annotations

import csv
import io
import itertools
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.basics.errors import ImportRejected, InvalidInput
from core.importing import import_callbacks
from core.importing.columns import BY_KIND, CUSTOMERS, FILLERS, TICKETS, elsewhere
from core.importing.headers import Vocabulary, alternatives, header_key
from core.importing.words import (
    CALLBACK_METHODS,
    DIRECTIONS,
    FOLLOW_UP,
    PROGRESS,
    TIERS,
    YES_NO,
    choose,
    duration,
    lookup,
    score,
)
from db.models import Callback

QUICK = settings(max_examples=50, deadline=None)
WITH_FILES = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def wide(text: str) -> str:
    """The full-width form of every printable ASCII character (ａ, Ａ, ＿, ：, ＊, １)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def cased(text: str, case: str) -> str:
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    if case == "title":
        return text.title()
    if case == "swap":
        return text.swapcase()
    if case == "alternate":
        return "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(text))
    return text


def widened(text: str, how: str) -> str:
    if how == "all":
        return wide(text)
    if how == "alternate":
        return "".join(wide(c) if i % 2 else c for i, c in enumerate(text))
    return text


CASES = st.sampled_from(["as written", "upper", "lower", "title", "swap", "alternate"])
WIDTHS = st.sampled_from(["none", "all", "alternate"])

# ------------------------------------------------------------------ header spellings

BRACKETS = [("(", ")"), ("[", "]"), ("（", "）"), ("【", "】"), ("［", "］")]
UNIT_WORDS = ["1-5分", "分", "元", "yyyy-mm-dd", "yyyy/mm/dd", "1-5", "必填", "选填", "", "%", "次", "hh:mm"]
UNIT_TEXT = st.one_of(
    st.sampled_from(UNIT_WORDS), st.text(alphabet="0123456789-.分元次天秒abcXYZ ", max_size=6)
)


@dataclass(frozen=True)
class HeaderSpelling:
    """One way of writing a header word, applied the same way to any word."""

    case: str
    width: str
    spaced: int
    """0: no spaces inside; k: a space after every k-th character."""
    unit: tuple[str, str, str] | None
    """(opening bracket, what is inside, closing bracket), or no unit."""
    unit_at: float
    """Where the unit goes, as a share of the word: 1.0 appends it."""
    lead: str
    trail: str
    pad: tuple[str, str]

    def write(self, word: str) -> str:
        chars = list(widened(cased(word, self.case), self.width))
        if self.spaced:
            chars = [c + (" " if (i + 1) % self.spaced == 0 else "") for i, c in enumerate(chars)]
        if self.unit is not None:
            at = round(self.unit_at * len(chars))
            chars.insert(at, "".join(self.unit))
        return f"{self.pad[0]}{self.lead}{''.join(chars)}{self.trail}{self.pad[1]}"


@st.composite
def header_spellings(draw) -> HeaderSpelling:
    unit = None
    if draw(st.booleans()):
        opening, closing = draw(st.sampled_from(BRACKETS))
        unit = (opening, draw(UNIT_TEXT), closing)
    return HeaderSpelling(
        case=draw(CASES),
        width=draw(WIDTHS),
        spaced=draw(st.integers(0, 3)),
        unit=unit,
        unit_at=draw(st.sampled_from([0.0, 0.5, 1.0]) | st.floats(0, 1)),
        lead=draw(st.sampled_from(["", "*", "＊", "* "])),
        trail=draw(st.sampled_from(["", ":", "：", "*", "＊", ":*", "*:", "：＊", " ："])),
        pad=(draw(st.sampled_from(["", " ", "  ", "\u3000"])), draw(st.sampled_from(["", " ", "\t"]))),
    )


EVERY_WORD = [
    (kind, column.name, word)
    for kind, columns in BY_KIND.items()
    for column in columns
    for word in (column.name, *column.aliases)
]


@QUICK
@given(spelling=header_spellings())
@example(spelling=HeaderSpelling("upper", "all", 1, ("（", "1-5分", "）"), 1.0, "＊", "：", (" ", " ")))
@example(spelling=HeaderSpelling("as written", "none", 0, ("【", "yyyy-mm-dd", "】"), 0.5, "", "*", ("", "")))
def test_every_header_word_of_every_import_matches_however_it_is_decorated(spelling):
    vocabularies = {kind: Vocabulary(columns, kind) for kind, columns in BY_KIND.items()}
    for kind, name, word in EVERY_WORD:
        written = spelling.write(word)
        found = vocabularies[kind].match([written], 1)
        assert found.columns == {name: 0}, (kind, word, written)
        assert not found.problems and not found.ignored, (kind, written, found)


@st.composite
def header_rows(draw):
    """(kind, the header row as written, canonical name -> its index), several columns of one kind."""
    kind = draw(st.sampled_from(sorted(BY_KIND)))
    columns = draw(st.lists(st.sampled_from(BY_KIND[kind]), min_size=1, max_size=8, unique=True))
    row, expected = [], {}
    for index, column in enumerate(columns):
        word = draw(st.sampled_from((column.name, *column.aliases)))
        row.append(draw(header_spellings()).write(word))
        expected[column.name] = index
    return kind, row, expected


@QUICK
@given(case=header_rows())
def test_a_header_row_of_decorated_words_maps_each_column_to_its_cell(case):
    kind, row, expected = case
    found = Vocabulary(BY_KIND[kind], kind).match(row, len(row))
    assert found.columns == expected, row
    assert found.problems == [] and found.ignored == [], row


# ------------------------------------------------------------------ slash alternatives


@pytest.mark.parametrize(
    "header, expected",
    [
        (["客户编号", "客户名称/简称"], {"code": 0, "name": 1}),
        (["客户编号", "客户名称／简称"], {"code": 0, "name": 1}),
        (["客户编号", "客户名称、简称"], {"code": 0, "name": 1}),
        (["客户编号", "客户名称|简称"], {"code": 0, "name": 1}),
        (["客户编号", "客户名称 / 简称", "电话／手机"], {"code": 0, "name": 1, "phone": 2}),
        (["客户编号", "客户名称", "客户名称/简称"], {"code": 0, "name": 1, "short_name": 2}),
        (["客户编号", "客户名称/简称", "客户名称"], {"code": 0, "short_name": 1, "name": 2}),
        (["客户编号", "客户名称（全称）/简称", "联系人"], {"code": 0, "name": 1, "contact_person": 2}),
    ],
)
def test_a_slash_of_alternatives_goes_to_the_first_column_not_yet_given(header, expected):
    found = Vocabulary(CUSTOMERS, "customers").match(header, len(header))
    assert found.columns == expected
    assert found.problems == [] and found.ignored == []


def test_a_slash_of_alternatives_in_a_ticket_file():
    header = ["反馈时间", "反馈渠道", "问题描述", "负责人、处理人"]
    found = Vocabulary(TICKETS, "tickets").match(header, len(header))
    assert found.columns == {"received_at": 0, "channel": 1, "description": 2, "owner": 3}
    assert found.problems == []


SEPARATORS = st.sampled_from(["/", "／", "、", "|", "｜", "\\"])


@QUICK
@given(
    separator=SEPARATORS,
    around=st.sampled_from(["", " ", "  "]),
    with_name=st.booleans(),
    order=st.permutations(range(3)),
    unit=st.sampled_from(["", "(全称)", "【必填】"]),
)
def test_name_or_short_name_over_any_separator(separator, around, with_name, order, unit):
    both = f"客户名称{unit}{around}{separator}{around}简称"
    cells = {"code": "客户编号", "both": both, "name": "客户名称"}
    kept = [k for k in ("code", "both", "name") if with_name or k != "name"]
    placed = [kept[i] for i in order if i < len(kept)]
    header = [cells[k] for k in placed]
    assert alternatives(both)[:2] == ["客户名称", "简称"]
    found = Vocabulary(CUSTOMERS, "customers").match(header, len(header))
    expected = {"code": placed.index("code")}
    if with_name:
        expected |= {"name": placed.index("name"), "short_name": placed.index("both")}
    else:
        expected |= {"name": placed.index("both")}
    assert found.columns == expected, header
    assert found.problems == [] and found.ignored == []


# ------------------------------------------------------------------ unknown, other imports', fillers

KNOWN_KEYS = (
    {header_key(w) for _, _, w in EVERY_WORD}
    | {header_key(w) for kind in BY_KIND for w in elsewhere(kind)}
    | {header_key(w) for w in FILLERS}
)


def unknown_anywhere(text: str) -> bool:
    keys = [header_key(text), *alternatives(text)]
    return bool(text.strip()) and not any(k in KNOWN_KEYS for k in keys)


UNKNOWN_HEADERS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(
    unknown_anywhere
)


PLAIN = HeaderSpelling("as written", "none", 0, None, 1.0, "", "", ("", ""))


@QUICK
@given(
    kind=st.sampled_from(sorted(BY_KIND)),
    unknown=UNKNOWN_HEADERS,
    other=st.integers(0, 10_000),
    filler=st.sampled_from(FILLERS),
    spelling=header_spellings(),
)
@example(kind="callbacks", unknown="客户编码", other=0, filler="序号", spelling=PLAIN).via(
    "客户编号 mistyped"
)
@example(kind="customers", unknown="满意度评份(1-5分)", other=3, filler="#", spelling=PLAIN).via("a typo")
def test_an_unknown_header_is_refused_another_imports_column_and_a_filler_are_ignored(
    kind, unknown, other, filler, spelling
):
    own = BY_KIND[kind][0]
    other_words = sorted(elsewhere(kind))
    other_word = spelling.write(other_words[other % len(other_words)])
    filler_word = spelling.write(filler)
    header = [own.aliases[0], unknown, other_word, filler_word]
    found = Vocabulary(BY_KIND[kind], kind).match(header, len(header))
    assert found.columns == {own.name: 0}
    # refused, with the nearest known header when it is a near miss (客户编码 for 客户编号)
    assert [p.code for p in found.problems] in (
        ["import.header.unknown_column"],
        ["import.header.unknown_column_near"],
    ), found.problems
    assert found.problems[0].params["value"] == unknown.strip()
    assert [(cell, why.code) for cell, why in found.ignored] == [
        (other_word.strip(), "import.ignored.other_record"),
        (filler_word.strip(), "import.ignored.not_imported"),
    ]


@pytest.mark.parametrize("kind", sorted(BY_KIND))
def test_every_other_imports_word_and_every_filler_is_ignored_never_refused(kind):
    vocabulary = Vocabulary(BY_KIND[kind], kind)
    for word in [*elsewhere(kind), *FILLERS]:
        found = vocabulary.match([word], 1)
        assert found.columns == {} and found.problems == [], word
        assert [cell for cell, _ in found.ignored] == [word]


# ------------------------------------------------------------------ coded values

VOCABULARIES = {
    "YES_NO": YES_NO,
    "CALLBACK_METHODS": CALLBACK_METHODS,
    "FOLLOW_UP": FOLLOW_UP,
    "PROGRESS": PROGRESS,
    "TIERS": TIERS,
    "DIRECTIONS": DIRECTIONS,
}


@dataclass(frozen=True)
class ValueSpelling:
    case: str
    width: str
    noise: str
    """What goes between characters: a space, an underscore, a dash (or none)."""
    every: int
    pad: tuple[str, str]

    def write(self, word: str) -> str:
        chars = list(widened(cased(word, self.case), self.width))
        if self.noise and self.every:
            chars = [c + (self.noise if (i + 1) % self.every == 0 else "") for i, c in enumerate(chars)]
        return f"{self.pad[0]}{''.join(chars)}{self.pad[1]}"


VALUE_SPELLINGS = st.builds(
    ValueSpelling,
    case=CASES,
    width=WIDTHS,
    noise=st.sampled_from(["", " ", "_", "-", "－", "\u3000", " - ", "__"]),
    every=st.integers(0, 3),
    pad=st.tuples(st.sampled_from(["", " ", "\t", "\u3000"]), st.sampled_from(["", " ", "  "])),
)


@QUICK
@given(spelling=VALUE_SPELLINGS)
@example(spelling=ValueSpelling("upper", "all", "_", 1, (" ", " ")))
def test_every_word_of_every_vocabulary_is_looked_up_however_it_is_written(spelling):
    for name, words in VOCABULARIES.items():
        for ident, aliases in words.items():
            for word in (ident, *aliases):
                written = spelling.write(word)
                assert lookup(written, words) == ident, (name, word, written)


@QUICK
@given(
    name=st.sampled_from(sorted(VOCABULARIES)),
    value=st.text(st.characters(blacklist_categories=("Cs",)), max_size=10),
)
@example(name="CALLBACK_METHODS", value="微信回访")
@example(name="YES_NO", value="maybe")
def test_an_unknown_word_is_refused_with_every_accepted_word(name, value):
    words = VOCABULARIES[name]
    if lookup(value, words) is not None:
        return
    with pytest.raises(InvalidInput) as info:
        choose(value, words, "回访方式", "method")
    said = str(info.value)
    assert said == info.value.say("en")
    assert said.startswith("回访方式")
    assert repr(value.strip()) in said
    for ident, aliases in words.items():
        assert ident in said, (ident, said)
        for alias in aliases:
            if not alias.isascii():
                assert alias in said, (alias, said)


NUMERALS = "一二三四五"


@QUICK
@given(
    number=st.integers(1, 5),
    form=st.sampled_from(["digit", "wide", "numeral"]),
    suffix=st.sampled_from(["", "分", ".0", "星", " 分", ".0分", ".00", "/5", "/ 5", "point", "pts"]),
    pad=st.sampled_from(["", " ", "\u3000"]),
)
def test_a_score_from_one_to_five_however_written(number, form, suffix, pad):
    written = {"digit": str(number), "wide": wide(str(number)), "numeral": NUMERALS[number - 1]}[form]
    assert score(f"{pad}{written}{suffix}{pad}") == number


@QUICK
@given(
    refused=st.one_of(
        st.sampled_from(["0", "6", "4.5", "4.5分", "text", "abc", "", "10", "-1", "0分", "６", "五点五"]),
        st.integers().filter(lambda n: not 1 <= n <= 5).map(str),
        st.tuples(st.integers(0, 9), st.integers(1, 99)).map(lambda t: f"{t[0]}.{t[1]}"),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ ", min_size=1, max_size=8),
    )
)
def test_anything_else_is_not_a_score(refused):
    assert score(refused) is None


@QUICK
@given(minutes=st.integers(1, 59), form=st.sampled_from(["{n}分钟", "{n} min", "00:{n:02d}:00", "{n}min"]))
def test_a_call_length_in_minutes_reads_back_as_its_seconds(minutes, form):
    assert duration(form.format(n=minutes)) == minutes * 60


@pytest.mark.parametrize(
    "written, seconds",
    [
        ("5 minutes", 300),
        ("5 mins", 300),
        ("2 hours", 7200),
        ("2 hr", 7200),
        ("30 sec", 30),
        ("30 seconds", 30),
        ("1 hour 20 minutes", 4800),
    ],
)
def test_a_call_length_with_the_unit_spelt_out(written, seconds):
    assert duration(written) == seconds


# ------------------------------------------------------------------ a refused file names row and column

CALLBACK_HEADER = ["客户编号", "回访日期", "回访方式", "满意度评分(1-5分)", "沟通有温度"]
COLUMN_OF = {"method": 2, "overall": 3, "warm": 4}
FIRST_DAY = date(2026, 11, 1)

NOT_A_METHOD = st.text(
    st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=8
).filter(lambda v: lookup(v, CALLBACK_METHODS) is None)
BAD_CELLS = {
    "method": NOT_A_METHOD,
    "overall": st.sampled_from(["7", "abc", "0", "4.5", "六"]),
    "warm": st.sampled_from(["maybe", "也许", "?", "yes/no"]),
}


@dataclass(frozen=True)
class BadFile:
    rows: list[list[str]]
    """The data rows, each a callback on a day of its own (the same day twice is refused too)."""
    bad_row: int
    """Which data row holds the bad cell."""
    column: str
    blank_before: list[bool]
    """A blank line (row) before each data row: blank rows are skipped, numbers are the file's."""

    def grid(self, title: str | None = None) -> tuple[list[list[str]], int]:
        """The file's rows from the top, and the line (row) of the bad cell."""
        grid = [[title]] if title else []
        grid.append(CALLBACK_HEADER)
        bad_line = 0
        for index, (row, blank) in enumerate(zip(self.rows, self.blank_before, strict=True)):
            if blank:
                grid.append([])
            grid.append(row)
            if index == self.bad_row:
                bad_line = len(grid)
        return grid, bad_line

    @property
    def header(self) -> str:
        return CALLBACK_HEADER[COLUMN_OF[self.column]]


@st.composite
def bad_files(draw) -> BadFile:
    count = draw(st.integers(1, 5))
    rows = [
        ["C001", (FIRST_DAY + timedelta(days=i)).isoformat(), "电话回访", "4", "是"] for i in range(count)
    ]
    bad_row = draw(st.integers(0, count - 1))
    column = draw(st.sampled_from(sorted(COLUMN_OF)))
    rows[bad_row][COLUMN_OF[column]] = draw(BAD_CELLS[column])
    blanks = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    return BadFile(rows, bad_row, column, blanks)


NUMBER = itertools.count()


def csv_file(tmp_path, grid: list[list[str]]):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(grid)
    path = tmp_path / f"callbacks-{next(NUMBER)}.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def xlsx_file(tmp_path, grid: list[list[str]]):
    book = Workbook()
    sheet = book.active
    sheet.title = "回访记录"
    for row in grid:
        # a score as Excel keeps it: a number
        sheet.append([int(c) if c.isascii() and c.isdigit() else c for c in row])
    path = tmp_path / f"callbacks-{next(NUMBER)}.xlsx"
    book.save(path)
    return path


def refused_once(floor, path) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        import_callbacks(floor, path)
    assert Callback.select().count() == 0
    assert len(info.value.problems) == 1, info.value.lines()
    return info.value


def example_file(column: str, value: str, bad_row: int = 1) -> BadFile:
    rows = [["C001", (FIRST_DAY + timedelta(days=i)).isoformat(), "电话回访", "4", "是"] for i in range(3)]
    rows[bad_row][COLUMN_OF[column]] = value
    return BadFile(rows, bad_row, column, [False, True, False])


@WITH_FILES
@given(bad=bad_files())
@example(bad=example_file("method", "微信回访"))
@example(bad=example_file("overall", "7"))
@example(bad=example_file("overall", "abc", bad_row=0))
@example(bad=example_file("warm", "maybe", bad_row=2))
def test_a_refused_csv_file_names_the_line_and_the_column_as_written(floor, tmp_path, bad):
    grid, line = bad.grid()
    refused = refused_once(floor, csv_file(tmp_path, grid))
    [(at, problem)] = refused.problems
    assert at == line
    assert bad.header in str(problem)
    assert refused.lines()[0].startswith(f"{refused.source}:{line}: ")
    assert bad.header in refused.lines()[0]


@WITH_FILES
@given(bad=bad_files(), title=st.sampled_from([None, "客户回访反馈记录表"]))
@example(bad=example_file("overall", "7"), title="客户回访反馈记录表")
@example(bad=example_file("method", "微信回访", bad_row=2), title=None)
def test_a_refused_workbook_names_the_sheet_row_and_the_column_as_written(floor, tmp_path, bad, title):
    grid, row = bad.grid(title)
    refused = refused_once(floor, xlsx_file(tmp_path, grid))
    [(at, problem)] = refused.problems
    assert at == row
    assert bad.header in str(problem)
    [said] = refused.lines()
    assert f"[回访记录] row {row}: " in said, said
    assert bad.header in said
    assert f"第 {row} 行" in refused.lines("zh")[0]


def test_the_good_rows_alone_import(floor, tmp_path):
    """The control: the rows the generated files are made of import, one callback each."""
    grid, _ = example_file("warm", "是").grid()
    summary = import_callbacks(floor, csv_file(tmp_path, grid))
    assert summary.created == 3
