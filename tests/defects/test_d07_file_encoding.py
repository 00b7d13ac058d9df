"""Issue 13, defect 7: a Windows-1252 file was silently read as GB18030 (Müller became
M黮ler), and the fixed UTF-8 file then imported as "unchanged". A file that is not UTF-8 is
read as GB18030 only when the result reads like Chinese; otherwise the import is refused
with a message naming the encoding problem and --encoding, which every import command takes
(an unknown name is refused). A ticket on file whose description the file writes differently
is named in the summary instead of passing as unchanged."""

from __future__ import annotations

import pytest

from core.basics.errors import ImportRejected, InvalidInput
from core.importing import import_callbacks, import_customers, import_tickets
from core.tickets.lifecycle import normalise_ref
from db.models import Callback, Customer, Ticket
from tests.engines import query

CUSTOMERS = (
    "code,name,contact_person,type\r\nC100,Müller GmbH,Jürgen Müller,new\r\nC101,Café Crème,Renée,old\r\n"
)
TICKETS = (
    "ref,received_at,channel,customer_code,description\r\n"
    "T1,2026-11-19 09:00,phone,C001,Lieferung für Müller beschädigt\r\n"
)
CALLBACKS = 'customer_code,done_at,overall,feedback\r\nC001,2026-11-18 10:00,4,"Sehr gut, danke schön"\r\n'
MUELLER = "code,name,contact_person,type\r\nC100,Müller GmbH,Jürgen Müller,new\r\n"
"""Every byte of it decodes as GB18030 (into M黮ler GmbH): the file the old code misread."""
CHINESE = (
    "code,name,contact_person,type\r\nC200,华东贸易有限公司,朱镕基,new\r\n"
    "C201,堃源制造，上海分公司,张伟,vip\r\n"
)


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def said(rejected: ImportRejected) -> list[tuple[int, str]]:
    """Each problem's line and its English (a problem is a Message or the InvalidInput it came from)."""
    return [(line, str(reason)) for line, reason in rejected.problems]


def test_a_cp1252_file_is_refused_with_the_encoding_problem_named(floor, tmp_path):
    for text in (MUELLER, CUSTOMERS):  # decodable as GB18030 or not, the same refusal
        path = write(tmp_path, "customers.csv", text.encode("cp1252"))
        with pytest.raises(ImportRejected) as refused:
            import_customers(floor, path)
        [(line, reason)] = said(refused.value)
        assert line == 2 and "not UTF-8" in reason and "--encoding cp1252" in reason
    assert Customer.select().count() == 1  # only the fixture's C001: nothing written


def test_with_encoding_cp1252_it_imports_correctly(floor, tmp_path):
    path = write(tmp_path, "customers.csv", CUSTOMERS.encode("cp1252"))
    assert import_customers(floor, path, encoding="cp1252").created == 2
    assert Customer.get(Customer.code == "C100").name == "Müller GmbH"
    assert Customer.get(Customer.code == "C101").contact_person == "Renée"


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8 with BOM"])
def test_utf8_with_or_without_bom_still_imports(floor, tmp_path, prefix):
    path = write(tmp_path, "customers.csv", prefix + CUSTOMERS.encode("utf-8"))
    assert import_customers(floor, path).created == 2
    assert Customer.get(Customer.code == "C100").name == "Müller GmbH"


def test_genuine_gb18030_chinese_still_imports(floor, tmp_path):
    # rarer characters (镕, 堃: GBK, not GB2312) stand beside everyday ones, as in real names
    path = write(tmp_path, "客户.csv", CHINESE.encode("gb18030"))
    assert import_customers(floor, path).created == 2
    assert Customer.get(Customer.code == "C200").contact_person == "朱镕基"
    assert Customer.get(Customer.code == "C201").name == "堃源制造，上海分公司"


def test_every_import_kind_refuses_then_takes_the_encoding(floor, tmp_path):
    for call, name, text in (
        (import_tickets, "tickets.csv", TICKETS),
        (import_callbacks, "callbacks.csv", CALLBACKS),
    ):
        path = write(tmp_path, name, text.encode("cp1252"))
        with pytest.raises(ImportRejected, match="nothing imported") as refused:
            call(floor, path)
        assert "--encoding" in said(refused.value)[0][1]
        assert call(floor, path, encoding="cp1252").created == 1
    assert Ticket.get(Ticket.ref == normalise_ref("T1")).description == "Lieferung für Müller beschädigt"
    assert Callback.get().feedback == "Sehr gut, danke schön"


def test_unknown_or_non_text_encodings_are_refused_clearly(floor, tmp_path):
    path = write(tmp_path, "customers.csv", CUSTOMERS.encode("utf-8"))
    for name in ("klingon", "base64", "rot13"):
        with pytest.raises(InvalidInput) as refused:
            import_customers(floor, path, encoding=name)
        assert refused.value.field == "encoding" and name in str(refused.value)


def test_a_file_that_is_not_the_encoding_named_is_refused_with_its_line(floor, tmp_path):
    path = write(tmp_path, "customers.csv", CHINESE.encode("gb18030"))
    with pytest.raises(ImportRejected) as refused:
        import_customers(floor, path, encoding="utf-8")
    [(line, reason)] = said(refused.value)
    assert line == 2 and "utf-8" in reason


def test_the_commands_take_encoding(cli_floor, tmp_path):
    done = cli_floor.run("import", "customers", str(write(tmp_path, "m.csv", MUELLER.encode("cp1252"))))
    assert done.returncode == 1 and "--encoding cp1252" in done.stderr and "Traceback" not in done.stderr
    path = write(tmp_path, "customers.csv", CUSTOMERS.encode("cp1252"))
    done = cli_floor.run("import", "customers", str(path), "--encoding", "klingon")
    assert done.returncode == 1 and "encoding" in done.stderr and "klingon" in done.stderr
    assert "2 customers created" in cli_floor.ok("import", "customers", str(path), "--encoding", "cp1252")
    assert query(cli_floor.db, "SELECT name FROM customer WHERE code = 'C100'") == [("Müller GmbH",)]
    for kind, text in (("tickets", TICKETS), ("callbacks", CALLBACKS)):
        path = write(tmp_path, f"{kind}.csv", text.encode("cp1252"))
        assert "1 " in cli_floor.ok("import", kind, str(path), "--encoding", "cp1252")


def test_a_corrected_file_after_a_wrong_import_is_not_hidden_as_unchanged(floor, tmp_path):
    # A wrong reading forced by hand (what the old default did silently) ...
    wrong = write(tmp_path, "wrong.csv", MUELLER.encode("cp1252"))
    import_customers(floor, wrong, encoding="gb18030")
    assert Customer.get(Customer.code == "C100").name == "M黮ler GmbH"
    tickets = write(tmp_path, "t.csv", TICKETS.replace("für ", "für ü").encode("cp1252"))
    import_tickets(floor, tickets, encoding="gb18030")
    # ... then the right file: the customers are updated, the ticket is named, not "unchanged"
    fixed = write(tmp_path, "fixed.csv", CUSTOMERS.encode("utf-8"))
    summary = import_customers(floor, fixed)
    assert summary.updated == 1 and "C100: name, contact_person" in summary.text()
    assert Customer.get(Customer.code == "C100").name == "Müller GmbH"
    summary = import_tickets(
        floor, write(tmp_path, "t-fixed.csv", TICKETS.replace("für ", "für ü").encode("utf-8"))
    )
    assert summary.unchanged == 1 and summary.differing == ("T000001",)
    assert "different description" in summary.text() and "T000001" in summary.text()
