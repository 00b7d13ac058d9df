"""Issue 13, defect 3: one unterminated quote swallowed the rest of a CSV. A description
starting with " and never closed imported as "1 ticket created" whose text held the other
198 rows, and the fixed file then skipped that ticket as "already on file". Malformed CSV
(a quote never closed, a row with too many or too few cells, a NUL byte) now refuses the
whole file with the line, for every import kind; a quoted value with real line breaks
still imports."""

from __future__ import annotations

import pytest

from core.basics.errors import ImportRejected
from core.importing import import_callbacks, import_customers, import_tickets
from core.tickets.lifecycle import normalise_ref
from db.models import Callback, Customer, Ticket

TICKETS_HEADER = "ref,received_at,channel,customer_code,description"


def ticket_lines(count: int) -> list[str]:
    return [
        f"T{n},2026-11-19 {8 + n % 8:02d}:{n % 60:02d},phone,C001,订单 SO{n:08d} 货物破损"
        for n in range(1, count + 1)
    ]


def write(tmp_path, lines: list[str], name: str = "tickets.csv", ending: str = "\r\n"):
    path = tmp_path / name
    path.write_bytes(ending.join(lines).encode("utf-8") + ending.encode())
    return path


def refused(call, floor, path) -> ImportRejected:
    with pytest.raises(ImportRejected) as info:
        call(floor, path)
    return info.value


def said(rejected: ImportRejected) -> list[tuple[int, str]]:
    """Each problem's line and its English (a problem is a Message or the InvalidInput it came from)."""
    return [(line, str(reason)) for line, reason in rejected.problems]


def floor_counts():
    return Ticket.select().count(), Customer.select().count(), Callback.select().count()


def test_an_unterminated_quote_refuses_the_whole_ticket_file_with_its_line(floor, tmp_path):
    rows = ticket_lines(199)
    rows[0] = rows[0].replace("订单", '"订单')  # opened, never closed: line 2
    before = floor_counts()
    problem = refused(import_tickets, floor, write(tmp_path, [TICKETS_HEADER, *rows]))
    assert [line for line, _ in problem.problems] == [2]
    assert "never closed" in said(problem)[0][1]
    assert floor_counts() == before  # nothing written
    rows[5] = rows[5].replace("货物破损", '"货物" 破损')  # a later quoted value ends the open one early
    problem = refused(import_tickets, floor, write(tmp_path, [TICKETS_HEADER, *rows]))
    [(line, reason)] = said(problem)
    assert line == 2 and "line 7" in reason and "closing" in reason
    fixed = write(tmp_path, [TICKETS_HEADER, *ticket_lines(199)], "fixed.csv")
    summary = import_tickets(floor, fixed)
    assert summary.created == 199 and summary.unchanged == 0  # nothing half-imported hides the fix


def test_a_stray_quote_further_down_that_closes_it_is_caught_too(floor, tmp_path):
    # the csv module alone reads this as 2 rows, the first holding rows 3-5 in its description
    rows = ticket_lines(6)
    rows[0] = rows[0].replace("订单", '"订单')
    rows[4] = rows[4] + ' 27"'  # line 6: a monitor's size in inches, the quote at the cell's end
    problem = refused(import_tickets, floor, write(tmp_path, [TICKETS_HEADER, *rows]))
    [(line, reason)] = said(problem)
    assert line == 2 and "line 3" in reason and "row of its own" in reason
    assert Ticket.select().count() == 0


@pytest.mark.parametrize("ending", ["\r\n", "\n", "\r"])
def test_a_real_multi_line_description_still_imports(floor, tmp_path, ending):
    text = "时间: 11-19 上午\n地点: 上海仓库, 3号门\n症状: 包装破损, 两件\n影响: 客户停产"
    quoted = '"' + text.replace("\n", ending) + '"'
    path = write(
        tmp_path,
        [
            TICKETS_HEADER,
            f"T1,2026-11-19 09:00,phone,C001,{quoted}",
            'T2,2026-11-19 10:00,phone,C001,"a ""quoted"" word, and 27"" screen"',
        ],
        ending=ending,
    )
    assert import_tickets(floor, path).created == 2
    assert Ticket.get(Ticket.ref == normalise_ref("T1")).description == text.replace("\n", ending)
    assert Ticket.get(Ticket.ref == normalise_ref("T2")).description == 'a "quoted" word, and 27" screen'


def test_rows_with_too_many_or_too_few_cells_refuse_the_file(floor, tmp_path):
    rows = ticket_lines(4)
    rows[1] = rows[1] + ",extra"  # line 3
    rows[3] = "T4,2026-11-19 09:00,phone,C001"  # line 5: the description cell is missing
    problem = refused(import_tickets, floor, write(tmp_path, [TICKETS_HEADER, *rows]))
    assert [(line, "cells" in reason) for line, reason in said(problem)] == [(3, True), (5, True)]
    assert Ticket.select().count() == 0


def test_a_nul_byte_refuses_the_file_with_its_line(floor, tmp_path):
    rows = ticket_lines(3)
    rows[2] = rows[2].replace("货物", "货\x00物")  # line 4
    problem = refused(import_tickets, floor, write(tmp_path, [TICKETS_HEADER, *rows]))
    [(line, reason)] = said(problem)
    assert line == 4 and "NUL" in reason
    assert Ticket.select().count() == 0


def test_customers_and_callbacks_are_refused_the_same_way(floor, tmp_path):
    customers = ["code,name,type", 'C100,"Acme ""A"" Ltd,new', "C101,Beta,old", "C102,Gamma,new"]
    problem = refused(import_customers, floor, write(tmp_path, customers, "customers.csv"))
    assert [line for line, _ in problem.problems] == [2] and "never closed" in said(problem)[0][1]
    short = ["code,name,type", "C100,Acme", "C101,Beta,old"]
    assert [
        line for line, _ in refused(import_customers, floor, write(tmp_path, short, "short.csv")).problems
    ] == [2]
    callbacks = [
        "customer_code,done_at,overall,feedback",
        'C001,2026-11-18 10:00,4,"very good',
        "C001,2026-11-19 10:00,2,slow",
    ]
    problem = refused(import_callbacks, floor, write(tmp_path, callbacks, "callbacks.csv"))
    assert [line for line, _ in problem.problems] == [2] and "never closed" in said(problem)[0][1]
    assert floor_counts() == (0, 1, 0)


def test_the_command_names_the_file_and_line(cli_floor, tmp_path):
    rows = ticket_lines(5)
    rows[2] = rows[2].replace("订单", '"订单')  # line 4
    done = cli_floor.run("import", "tickets", str(write(tmp_path, [TICKETS_HEADER, *rows])))
    assert done.returncode == 1 and "nothing imported" in done.stderr
    assert any(".csv:4: " in line and "never closed" in line for line in done.stderr.splitlines())
    assert "Traceback" not in done.stderr
