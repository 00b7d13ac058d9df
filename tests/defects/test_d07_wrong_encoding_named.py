"""Issue 13, defect 7 (user trial): a GB18030 customers file imported correctly, then the same
file with --encoding cp1252 silently "updated" both customers to mojibake (±±¾©»ª...), exit 0;
a UTF-8 file with --encoding cp1252, latin-1 or gb18030 the same. When the file also reads
plainly without --encoding (UTF-8 with non-ASCII text, or GB18030 that reads like Chinese) into
different text, and the named reading looks like mojibake, the whole file is refused with the
line, both readings and the way out. A named encoding that is right still imports."""

from __future__ import annotations

import pytest

from core.basics.errors import ImportRejected
from core.importing.csvfile import decode, implausible_reading
from tests.engines import query

CHINESE = (
    "code,name,contact_person,type\r\nC300,北京华联商贸有限公司,张伟,new\r\nC301,上海锦江餐饮,李娜,vip\r\n"
)
LATIN = "code,name,contact_person,type\r\nC100,Müller GmbH,Jürgen Müller,new\r\nC101,Café Crème,Renée,old\r\n"
ASCII = "code,name,contact_person,type\r\nC400,Acme Ltd,John Smith,new\r\n"


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def names(cli_floor) -> dict[str, str]:
    return dict(query(cli_floor.db, "SELECT code, name FROM customer"))


def refused(done, named: str, wrong: str, right: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert f"read as {named}" in done.stderr and wrong in done.stderr and right in done.stderr
    assert "without --encoding" in done.stderr and ":2:" in done.stderr  # the first line that differs


def test_cp1252_named_on_an_imported_gb18030_file_is_refused_and_changes_nothing(cli_floor, tmp_path):
    path = write(tmp_path, "c_gb.csv", CHINESE.encode("gb18030"))
    assert "2 customers created" in cli_floor.ok("import", "customers", str(path))
    before = names(cli_floor)
    assert before["C300"] == "北京华联商贸有限公司"
    done = cli_floor.run("import", "customers", str(path), "--encoding", "cp1252")
    refused(done, "cp1252", "±±¾©»ª", "北京华联商贸有限公司")
    assert "GB18030" in done.stderr
    assert names(cli_floor) == before


@pytest.mark.parametrize(
    "named, wrong", [("cp1252", "MÃ¼ller"), ("latin-1", "MÃ¼ller"), ("gb18030", "M眉ller")]
)
def test_a_utf8_file_with_another_encoding_named_is_refused(cli_floor, tmp_path, named, wrong):
    path = write(tmp_path, "c_utf8.csv", LATIN.encode("utf-8"))
    assert "2 customers created" in cli_floor.ok("import", "customers", str(path))
    before = names(cli_floor)
    done = cli_floor.run("import", "customers", str(path), "--encoding", named)
    refused(done, named, wrong, "Müller GmbH")
    assert "UTF-8" in done.stderr
    assert names(cli_floor) == before


def test_the_right_encoding_named_still_imports(cli_floor, tmp_path):
    cp1252 = write(tmp_path, "cp1252.csv", LATIN.encode("cp1252"))
    assert "2 customers created" in cli_floor.ok("import", "customers", str(cp1252), "--encoding", "cp1252")
    gb = write(tmp_path, "gb.csv", CHINESE.encode("gb18030"))
    assert "2 customers created" in cli_floor.ok("import", "customers", str(gb), "--encoding", "gb18030")
    utf8 = write(tmp_path, "utf8.csv", LATIN.replace("C10", "C20").encode("utf-8"))
    assert "2 customers created" in cli_floor.ok("import", "customers", str(utf8), "--encoding", "utf-8")
    plain = write(tmp_path, "ascii.csv", ASCII.encode("ascii"))
    assert "1 customer created" in cli_floor.ok("import", "customers", str(plain), "--encoding", "cp1252")
    for named in ("gb18030", "latin-1"):
        assert "1 already on file, unchanged" in cli_floor.ok(
            "import", "customers", str(plain), "--encoding", named
        )
    got = names(cli_floor)
    assert got["C100"] == got["C200"] == "Müller GmbH" and got["C101"] == "Café Crème"
    assert (
        got["C300"] == "北京华联商贸有限公司" and got["C301"] == "上海锦江餐饮" and got["C400"] == "Acme Ltd"
    )


@pytest.mark.parametrize(
    "text, named",
    [
        (LATIN, "cp1252"),
        (CHINESE, "gb18030"),
        (CHINESE, "gbk"),
        (LATIN, "utf-8"),
        (ASCII, "gb18030"),
        (ASCII, "latin-1"),
        (
            "code,name\r\nC1,Ação Informações\r\n",
            "cp1252",
        ),  # reads as plausible GB18030 too: the person knows
        ("code,name\r\nC1,«Élan» Café\r\n", "cp1252"),
    ],
    ids=[
        "cp1252",
        "gb18030",
        "gbk",
        "utf-8",
        "ascii-gb18030",
        "ascii-latin-1",
        "cp1252-pairs",
        "cp1252-quotes",
    ],
)
def test_a_named_encoding_that_reads_as_text_is_used(text, named):
    assert decode(text.encode(named), "f.csv", named) == text


@pytest.mark.parametrize(
    "text, saved, named",
    [
        (CHINESE, "gb18030", "cp1252"),
        (CHINESE, "gb18030", "latin-1"),
        (LATIN, "utf-8", "cp1252"),
        (LATIN, "utf-8", "latin-1"),
        (LATIN, "utf-8", "gb18030"),
        ("code,name\r\nC1,Straße São Ação naïve\r\n", "utf-8", "cp1252"),
        ("code,name\r\nC1,Ação\r\n", "utf-8", "gb18030"),
        ("\ufeffcode,name\r\nC1,Jürgen\r\n", "utf-8", "cp1252"),
    ],
    ids=[
        "gb-cp1252",
        "gb-latin-1",
        "utf8-cp1252",
        "utf8-latin-1",
        "utf8-gb18030",
        "utf8-more-cp1252",
        "utf8-pair-gb18030",
        "utf8-bom-cp1252",
    ],
)
def test_a_named_encoding_that_makes_mojibake_of_a_plain_file_is_refused(text, saved, named):
    with pytest.raises(ImportRejected) as caught:
        decode(text.encode(saved), "f.csv", named)
    [(line, problem)] = caught.value.problems
    reason = str(problem)  # a Message: its English
    assert line == (1 if text.startswith("\ufeff") else 2)
    assert (
        f"read as {named}" in reason
        and f"read as {saved.upper()}" in reason
        and "without --encoding" in reason
    )


@pytest.mark.parametrize(
    "text",
    [
        "Müller GmbH, Café Crème",
        "北京华联商贸有限公司，朱镕基",
        "Ação Informações",
        "«Élan»",
        "Nº 5, 20°C, ±3",
        "Łódź",
        "Привет",
        "東京駅の近く",
        "서울특별시",
        "iPhone手机",
    ],
)
def test_real_text_reads_as_text(text):
    assert implausible_reading(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "±±¾©»ªÁªÉÌÃ³ÓÐÏÞ¹«Ë¾",
        "MÃ¼ller",
        "StraÃŸe",
        "Ãªtre",
        "â€œquotedâ€\x9d",
        "StraÃ\x9fe",
        "M眉ller",
        "A莽茫o",
        "鍏\ue100徃",
    ],
)
def test_mojibake_does_not(text):
    assert implausible_reading(text) is not None
