"""Formula prefixes in the weekly workbook: typed text that starts with = + - @ (or a tab or
space before one) is a string cell holding exactly that text, never a formula, a link or a
number; the figures that are numbers stay numbers. Read back with openpyxl.

The floor is test_report_figures' week 2026-W47 (tickets, handoffs, callbacks), built once per
test; each generated example plants its strings in every typed text the report shows.
"""

from __future__ import annotations

import os
import re
import zipfile

import openpyxl
import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from core.report.workbook import export_week
from db.models import Agent, Callback, Customer, Ticket
from tests.engines import ON_POSTGRES
from tests.hostile.strategies import piece
from tests.unit.test_report_figures import week47  # noqa: F401 (a fixture)

FIXED = [
    '=HYPERLINK("http://evil.example","点我")',
    "-1+1",
    "@SUM(A1)",
    "\t=1+1",
    " =1+1",
    "+86 138",
    "=cmd|' /C calc'!A0",
    "1",
    "3.5",
    "TRUE",
    "2026-11-20",
    "=",
    "-",
    "@",
    "+",
]
PREFIXES = ("=", "+", "-", "@", "\t=", " =", "\r\n=", "＝", "\x00=")
formula_like = st.one_of(
    st.sampled_from(FIXED),
    st.builds(lambda p, body: p + body, st.sampled_from(PREFIXES), st.lists(piece, max_size=3).map("".join)),
)
REFS = ("=1+1", "@SUM(A1)", "-T2", "+T3", "=T4", "T5", "T6", "T7", "T8", "T0")
"""Imported refs are any 32 characters without spaces: they may start with = too."""


def storable(texts: list[str]) -> list[str]:
    """The texts as the floor's database can hold them: as they are, the way an older import
    could have left them; a PostgreSQL text cannot hold a NUL, so there without theirs."""
    return [text.replace("\x00", "") for text in texts] if ON_POSTGRES else texts


def plant(texts: list[str]) -> dict[str, list[str]]:
    """Put the texts into every typed text the report shows; what each sheet should show."""
    tickets = list(Ticket.select().order_by(Ticket.id))
    for n, ticket in enumerate(tickets):
        Ticket.update(description=texts[n % len(texts)], ref=REFS[n]).where(Ticket.id == ticket.id).execute()
    Customer.update(name=texts[1 % len(texts)]).execute()
    for n, agent in enumerate(Agent.select().order_by(Agent.id)):
        Agent.update(display_name=texts[(n + 2) % len(texts)]).where(Agent.id == agent.id).execute()
    for n, callback in enumerate(Callback.select().order_by(Callback.id)):
        Callback.update(
            feedback=texts[(n + 3) % len(texts)],
            suggestion=texts[(n + 4) % len(texts)],
            remarks=texts[(n + 5) % len(texts)],
        ).where(Callback.id == callback.id).execute()
    return {"descriptions": [t.description for t in Ticket.select()], "refs": list(REFS)}


_CONTROL_ESCAPE = re.compile(r"_x(00[01][0-9A-Fa-f]|FFF[EF])_")


def excel_text(value):
    """A string cell as Excel reads it: openpyxl leaves Excel's _xHHHH_ escapes of control
    characters in place (it only undoes the escape of a literal _x...)."""
    return _CONTROL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value) if isinstance(value, str) else value


def every_cell(book):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield ws.title, cell


def assert_no_formula(path, book) -> None:
    for sheet, cell in every_cell(book):
        assert cell.data_type != "f", (sheet, cell.coordinate, cell.value)
        assert not cell.hyperlink, (sheet, cell.coordinate)
    with zipfile.ZipFile(path) as xlsx:
        for name in xlsx.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in xlsx.read(name) and b"<f " not in xlsx.read(name), name


@pytest.fixture
def report_floor(floor, week47):  # noqa: F811 (the fixture imported above)
    return floor


@settings(
    max_examples=max(5, int(os.environ.get("CALLFLOOR_HYPOTHESIS_EXAMPLES", "40")) // 8),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)  # an export per example: no slow shrinking
@given(texts=st.lists(formula_like, min_size=5, max_size=8))
@example(texts=FIXED)
def test_formula_like_text_is_exactly_that_text_in_string_cells(report_floor, tmp_path_factory, texts):
    texts = storable(texts)
    plant(texts)
    path = tmp_path_factory.mktemp("export") / "week.xlsx"
    path = export_week(report_floor, "2026-W47", path, clear=True).path  # the name it was given
    book = openpyxl.load_workbook(path)
    assert_no_formula(path, book)
    planted = set(texts) | set(REFS) | {t.strip() for t in texts}
    for sheet, cell in every_cell(book):
        if excel_text(cell.value) in planted or (isinstance(cell.value, str) and cell.value[:1] in "=+-@"):
            assert cell.data_type == "s", (sheet, cell.coordinate, cell.value)
    tickets = [tuple(map(excel_text, r)) for r in book["Tickets"].iter_rows(min_row=2, values_only=True)]
    week_refs = {t.ref: t.description for t in Ticket.select()}
    assert tickets and [(row[0], row[17]) for row in tickets if row[17] != week_refs[row[0]]] == []  # exactly
    assert {row[9] for row in tickets} == {texts[1 % len(texts)]}  # the customer's name
    agents = {
        row[0]: excel_text(row[1]) for row in book["Agents"].iter_rows(min_row=2, values_only=True) if row[0]
    }
    names = {a.login: a.display_name for a in Agent.select()}
    assert all(agents[login] == names[login] for login in agents if login in names)
    callbacks = [tuple(map(excel_text, r)) for r in book["Callbacks"].iter_rows(min_row=2, values_only=True)]
    feedback = {c.feedback for c in Callback.select()}
    assert callbacks and all(row[14] in feedback for row in callbacks)
    # numbers that are numbers stay numbers
    for row in tickets:
        assert all(isinstance(v, int) for v in row[14:17]), row
    assert all(isinstance(row[8], int) for row in callbacks if row[8] is not None)


def test_the_masked_export_keeps_formula_like_text_as_text_too(report_floor, tmp_path):
    plant(FIXED)
    path = tmp_path / "masked.xlsx"
    export_week(report_floor, "2026-W47", path)
    book = openpyxl.load_workbook(path)
    assert_no_formula(path, book)
    descriptions = [row[17] for row in book["Tickets"].iter_rows(min_row=2, values_only=True)]
    assert "-1+1" in descriptions and "@SUM(A1)" in descriptions and "\t=1+1" in descriptions
