"""Both CSV imports with generated hostile files: hostile cells, wrong or missing headers, random
bytes, any line ending, keys given twice.

Either every row is imported, or ImportRejected lists one line per problem, each naming a line
of the file (and, for a row, the column at fault), and nothing is written.
"""

from __future__ import annotations

import csv
import io

from hypothesis import event, example, given
from hypothesis import strategies as st

from core.basics.errors import ImportRejected
from core.importing import import_customers, import_tickets
from core.importing.customers import COLUMNS as CUSTOMER_COLUMNS
from core.importing.tickets import COLUMNS as TICKET_COLUMNS
from db.models import Ticket
from tests.hostile.strategies import hostile_cell as hostile_text
from tests.hostile.test_intake_property import floor_rows

ENDINGS = st.sampled_from(["\r\n", "\n", "\r"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])


def column_words(columns) -> set[str]:
    """Every way a message may name a column: canonical names, aliases, the words of a field."""
    words = {c.name for c in columns} | {a for c in columns for a in c.aliases}
    return (
        words
        | {w.replace("_", " ") for w in words}
        | {"customer name", "customer code", "customer type", "short name", "contact person", "ref"}
    )


FILE_LEVEL = ("header", "column", "file", "byte", "cells", "CSV", "UTF")
"""What a problem that is not about one cell speaks of."""


def csv_bytes(rows: list[list[str]], ending: str, encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator=ending).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def assert_precise(refused: ImportRejected, data: bytes, columns) -> None:
    """One line per problem, each naming a line inside the file and what is wrong there."""
    lines = max(1, data.count(b"\n") + data.count(b"\r") + 1)
    words = column_words(columns)
    assert refused.problems, "a refusal lists its problems"
    assert len(refused.lines()) == len(refused.problems)
    for line, problem in refused.problems:
        reason = str(problem)  # a Message or the InvalidInput it came from: its English
        assert 1 <= line <= lines, (line, reason)
        assert reason.strip() and "\n" not in reason.replace(repr("\n")[1:-1], ""), reason
        assert any(w in reason for w in words) or any(w in reason for w in FILE_LEVEL), reason


def header_strategy(columns):
    names = [c.name for c in columns]
    required = [c.name for c in columns if c.required]
    chinese = [c.aliases[0] if c.aliases else c.name for c in columns]
    return st.one_of(
        st.just(names),
        st.just(chinese),
        st.just(required),
        st.permutations(names),
        st.lists(st.one_of(st.sampled_from(names), hostile_text), min_size=0, max_size=len(names) + 2),
    )


def cell_for(column: str, samples: dict[str, list[str]]):
    return st.one_of(st.sampled_from(samples[column]), hostile_text) if column in samples else hostile_text


def table_strategy(columns, samples):
    @st.composite
    def table(draw):
        header = draw(header_strategy(columns))
        width = len(header) + draw(st.integers(-1, 1))
        rows = [
            [draw(cell_for(name, samples)) for name in header]
            + [draw(hostile_text)] * max(0, width - len(header))
            for _ in range(draw(st.integers(0, 4)))
        ]
        if rows and draw(st.booleans()):
            rows.append(list(draw(st.sampled_from(rows))))  # the same key twice
        return [header, *rows]

    return table()


CUSTOMER_SAMPLES = {
    "code": ["C001", "C100", "C101", "c-1/2"],
    "name": ["华东", "ACME"],
    "phone": ["13812345678", "", "+86 21 5555 0000"],
    "type": ["vip", "old", ""],
    "delivery_date": ["2026-11-01", "", "01/02/2026"],
}
TICKET_SAMPLES = {
    "ref": ["T1", "T000002", "X-9"],
    "received_at": ["2026-11-19 14:30", "2026/11/18 09:00", ""],
    "channel": ["phone", "邮件", "social_media"],
    "customer_code": ["C001", "C200"],
    "customer_name": ["华东制造", ""],
    "description": ["设备无法开机", "[bold]x[/]"],
    "tier": ["red", ""],
    "owner": ["li", "", "王强"],
    "resolved_at": ["", "2026-11-19 16:00"],
    "reopened": ["0", "是", ""],
    "customer_contacts": ["3", ""],
}


def run_import(floor, tmp_path, call, data: bytes, columns):
    path = tmp_path / "hostile.csv"
    path.write_bytes(data)
    before = floor_rows()
    try:
        summary = call(floor, path)
    except ImportRejected as refused:
        assert_precise(refused, data, columns)
        assert floor_rows() == before
        event("refused")
        return None
    event("imported")
    return summary


@given(rows=table_strategy(CUSTOMER_COLUMNS, CUSTOMER_SAMPLES), ending=ENDINGS, encoding=ENCODINGS)
@example(
    rows=[["code", "name"], ["C100", "[bold red]X[/]\x1b[2J"], ["C100", "again"]],
    ending="\r",
    encoding="utf-8",
)
def test_customer_import_is_all_or_nothing_with_precise_problems(floor, tmp_path, rows, ending, encoding):
    data = csv_bytes(rows, ending, encoding)
    summary = run_import(floor, tmp_path, import_customers, data, CUSTOMER_COLUMNS)
    if summary is not None:
        assert summary.rows == len([r for r in rows[1:] if any(c.strip() for c in r)])


@given(rows=table_strategy(TICKET_COLUMNS, TICKET_SAMPLES), ending=ENDINGS, encoding=ENCODINGS)
@example(
    rows=[
        ["ref", "received_at", "channel", "customer_code", "customer_name", "description"],
        ["T1", "2026-11-19 14:30", "phone", "C200", "\u202e[link=http://x]y[/link]", "\x00\x07"],
    ],
    ending="\n",
    encoding="utf-8",
)
def test_ticket_import_is_all_or_nothing_with_precise_problems(floor, tmp_path, rows, ending, encoding):
    data = csv_bytes(rows, ending, encoding)
    summary = run_import(floor, tmp_path, import_tickets, data, TICKET_COLUMNS)
    if summary is not None:
        assert summary.rows == len([r for r in rows[1:] if any(c.strip() for c in r)])
        for row in rows[1:]:
            # a generated row may carry one cell more than the header (table_strategy's width)
            cells = dict(zip(rows[0], row, strict=False))
            if "description" in cells and any(c.strip() for c in row):
                assert Ticket.select().where(Ticket.description == cells["description"]).exists()


@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=200).map(lambda b: b"code,name\r\n" + b),
        st.binary(max_size=200).map(
            lambda b: b"\xef\xbb\xbfref,received_at,channel,customer_code,description\n" + b
        ),
    )
)
@example(data=b"\xff\xfecode,name")
@example(data=b'code,name\nC1,"unterminated\x00')
@example(data=b"code,name\n\x80\x81\xfe")
def test_random_bytes_are_refused_precisely_by_both_imports(floor, tmp_path, data):
    run_import(floor, tmp_path, import_customers, data, CUSTOMER_COLUMNS)
    run_import(floor, tmp_path, import_tickets, data, TICKET_COLUMNS)
