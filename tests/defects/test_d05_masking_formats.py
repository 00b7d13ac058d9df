"""Issue 13, defect 5: the masked export and the wall board leaked numbers written the way a
Chinese floor writes them (138.0013.8000, mobile13912345678, 13700137000ext21, full-width
digits, SO12345678 on the board).

The rule (core.basics.masking.mask_text) is tested here by generated examples: phones and order
numbers in every format, embedded in Chinese and English text, never keep a run of five of
their digits; mobiles keep the 138****5678 hint (docs/floor.md); short numbers, dates, times and
ticket refs stay readable; masking twice changes nothing. Then end to end: a floor whose text
holds those numbers, read back from the masked workbook (openpyxl) and from the wall board.
"""

from __future__ import annotations

import os
import re
import unicodedata

import openpyxl
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from core.basics.masking import mask_phone, mask_text
from core.customers.reads import customer_history
from core.handoffs.board import board_picture
from core.report.workbook import export_week
from db.models import Callback, Customer, Handoff, Ticket
from tests.hostile.strategies import hostile_text
from tests.unit.test_report_figures import AS_OF, at

FULL_WIDTH = str.maketrans("0123456789+-./() ", "０１２３４５６７８９＋－．／（）\u3000")
SEPARATORS = ("", " ", "-", ".", "/", "  ", " - ", "\u3000", "－", "．")
COUNTRY = ("", "+86", "+86 ", "+86-", "0086", "0086 ", "0086-", "86", "86 ", "(+86)", "(+86) ", "＋86 ")
EXTENSIONS = ("", "ext21", "ext.123", " ext 8001", "转21", "转 21", "x21", "-21", "x", "#8")
GLUED = ("", " ", "手机", "mobile", "wx:", "tel:", "Tel", "电话：", "联系", "微信", "客户", "(", "，")
READABLE = ("5天", "99.5元", "2026-12-01 10:00", "订了3台", "T000123", "分机8001", "14:30", "第2次")
"""What must stay as written: quantities, prices, dates, times, the floor's ticket refs."""
WORDS = st.text(
    alphabet="客户反馈货物破损请尽快处理谢谢您好明天下午发票问题已经延迟"
    "abcdefghijklmnpqsuvwyzABCDEFG ,!?。！，",
    max_size=10,
)
"""Text around the numbers: Chinese and English without digits (the check reads digit runs)."""
EXAMPLES = settings(
    max_examples=int(os.environ.get("CALLFLOOR_HYPOTHESIS_EXAMPLES", "200")),
    deadline=None,
    derandomize=os.environ.get("CALLFLOOR_HYPOTHESIS_RANDOM") is None,
)
"""Quick and the same on every run; for a deep run:
CALLFLOOR_HYPOTHESIS_EXAMPLES=20000 CALLFLOOR_HYPOTHESIS_RANDOM=1."""
SEPARATOR_CHARS = re.compile(r"[\s\-./()+\u2010-\u2015\u2212]")
MASKS = re.compile(r"(?<![0-9])(?:(?:00)?86[ \-.()]{0,3})?[0-9]{0,3}\*+[0-9]{0,4}(?![0-9])")
"""A mask (138****5678, SO1****678), with the country code glued to it (Tel+86 138****5678)."""


def digits(n: int):
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


def grouped(number: str, sizes: tuple[int, ...], sep: str) -> str:
    parts, at_ = [], 0
    for size in sizes:
        parts.append(number[at_ : at_ + size])
        at_ += size
    return sep.join(p for p in parts if p)


@st.composite
def mobiles(draw):
    number = "1" + draw(st.sampled_from("3456789")) + draw(digits(9))
    sizes = draw(st.sampled_from([(11,), (3, 4, 4), (3, 8), (4, 3, 4), (3, 3, 5), (7, 4)]))
    body = grouped(number, sizes, draw(st.sampled_from(SEPARATORS)))
    if draw(st.booleans()) and sizes == (3, 4, 4):
        body = f"({number[:3]}) {number[3:7]} {number[7:]}"
    return draw(st.sampled_from(COUNTRY)) + body, number, f"{number[:3]}****{number[-4:]}"


@st.composite
def landlines(draw):
    area = draw(st.sampled_from(["010", "021", "020", "0755", "0571", "0512"]))
    local = draw(st.sampled_from("2345678")) + draw(digits(7 if len(area) == 3 else 6))
    sep = draw(st.sampled_from(SEPARATORS[1:]))
    shape = draw(st.sampled_from(["{a}{s}{l}", "({a}){l}", "({a}) {l}", "{a}{s}{l1}{s}{l2}", "{a}{l}"]))
    half = len(local) // 2
    written = shape.format(a=area, s=sep, l=local, l1=local[:half], l2=local[half:])
    number = area + local
    return written, number, f"{number[:3]}****{number[-4:]}"


@st.composite
def service_numbers(draw):
    number = draw(st.sampled_from(["400", "800"])) + draw(st.sampled_from("123456789")) + draw(digits(6))
    sep = draw(st.sampled_from(SEPARATORS))
    return grouped(number, (3, 3, 4), sep), number, f"{number[:3]}****{number[-4:]}"


@st.composite
def order_numbers(draw):
    """(as written, its digits): orders carry no hint beyond their ends."""
    kind = draw(st.sampled_from(["code", "word", "dated"]))
    if kind == "code":  # glued to any word before it
        number = draw(st.integers(6, 10).flatmap(digits))
        prefix = draw(st.sampled_from(["SO", "PO", "JD", "SF", "TB", "ORD", "so", "WMS"]))
        return draw(st.sampled_from(GLUED)) + prefix + draw(st.sampled_from(["", "-"])) + number, number
    glue = draw(st.sampled_from(["，", " ", "客户", "手机", "("]))  # "reorder 123456" is no order word
    if kind == "word":
        number = draw(st.integers(6, 12).flatmap(digits))
        word = draw(
            st.sampled_from(
                [
                    "订单号",
                    "订单号：",
                    "订单号: ",
                    "订单",
                    "订单编号",
                    "单号 ",
                    "快递单号SF",
                    "order ",
                    "Order No. ",
                    "order#",
                    "ORDER: ",
                    "order number ",
                ]
            )
        )
        return glue + word + number, number
    date, tail = draw(digits(8)), draw(digits(4))
    return glue + draw(st.sampled_from(["order#", "订单号", "Order "])) + f"{date}-{tail}", date + tail


@st.composite
def texts_with_numbers(draw):
    """A customer's text with one to three numbers in it, and what the check needs to know."""
    pieces, numbers, hints, kept = [], [], [], []
    for _ in range(draw(st.integers(1, 3))):
        pieces.append(draw(WORDS))
        if draw(st.booleans()):
            item = draw(st.sampled_from(READABLE))
            pieces.append(f"，{item}，")
            kept.append(item)
        kind = draw(st.sampled_from(["mobile", "mobile", "landline", "service", "order"]))
        if kind == "order":
            written, number = draw(order_numbers())
            hint, extension = None, ""
        else:
            written, number, hint = draw(
                {"mobile": mobiles(), "landline": landlines(), "service": service_numbers()}[kind]
            )
            extension = draw(st.sampled_from(EXTENSIONS))
            if extension:
                kept.append(extension)  # stays as written
            written = draw(st.sampled_from(GLUED)) + written + extension
        if draw(st.booleans()):
            written = written.translate(FULL_WIDTH)
        pieces.append(written)
        numbers.append(number)
        hints.append(hint)
        # two numbers glued are one, so are an extension's digits and a number after a space;
        # a letter after an order number is part of it (SO123456A)
        after = [" "] if hint is None or not re.search(r"[0-9]", extension) else []
        pieces.append(
            draw(st.sampled_from(after + ["，", "。", "!"] + ([] if hint is None else ["号", "x"])))
        )
    pieces.append(draw(WORDS))
    return "".join(pieces), numbers, hints, kept


def windows(number: str, size: int = 5) -> set[str]:
    return {number[i : i + size] for i in range(len(number) - size + 1)}


def digit_view(text: str, kept: list[str] = ()) -> str:
    """The text as a reader joins its digits: full-width made ASCII, separators dropped (so
    138.0013.8000 reads 13800138000). What must stay readable and the masks (138****5678,
    SO1****678: at most three and four digits by a run of stars, a country code left before
    one) are taken out first, so two masks side by side do not read as one number."""
    for item in kept:
        text = text.replace(item, "|").replace(item.translate(FULL_WIDTH), "|")
    text = MASKS.sub("|", unicodedata.normalize("NFKC", text))
    return SEPARATOR_CHARS.sub("", text)


def clear_numbers_in(text: str, numbers: list[str], kept: list[str] = ()) -> list[str]:
    view = digit_view(text, kept)
    return [w for number in numbers for w in sorted(windows(number)) if w in view]


ISSUE_FORMATS = [
    "138.0013.8000",
    "mobile13912345678",
    "13700137000ext21",
    "wx:13600136000x",
    "１３８００１３８０００",
    "手机13912345678",
    "+86 138 0013 8000",
    "0086-158-1234-9876",
    "8615912349876",
    "13700137000转21",
    "15012345678x21",
    "15912345678-21",
    "010-62345678",
    "(0755)8765-4321",
    "400-123-4567",
    "SO12345678",
    "订单号1023456789",
    "order#20260101-1234",
]


@example(case=("请回电 138.0013.8000，谢谢", ["13800138000"], ["138****8000"], []))
@example(case=("mobile13912345678 SO12345678", ["13912345678", "12345678"], ["139****5678", None], []))
@example(case=("分机 13700137000ext21", ["13700137000"], ["137****7000"], ["ext21"]))
@example(case=("wx:13600136000x 订单号1023456789", ["13600136000", "1023456789"], ["136****6000", None], []))
@example(case=("１３８００１３８０００转２１", ["13800138000"], ["138****8000"], ["转21"]))
@example(
    case=("order#20260101-1234 5天 2026-12-01 10:00", ["202601011234"], [None], ["5天", "2026-12-01 10:00"])
)
@EXAMPLES
@given(case=texts_with_numbers())
def test_no_run_of_five_digits_of_a_phone_or_order_survives_in_any_format(case):
    text, numbers, hints, kept = case
    masked = mask_text(text)
    assert clear_numbers_in(masked, numbers, kept) == [], (text, masked)
    for hint in hints:
        assert hint is None or hint in masked, (text, masked, hint)
    for item in kept:
        assert item in masked or item.translate(FULL_WIDTH) in masked, (text, masked, item)
    assert mask_text(masked) == masked  # idempotent


@EXAMPLES
@given(
    text=st.lists(
        st.one_of(WORDS, st.sampled_from(READABLE + ("1023", "3 台", "v1.2", "¥1,299.00"))), max_size=6
    ).map("，".join)
)
def test_text_with_only_short_numbers_dates_and_refs_is_left_as_written(text):
    assert mask_text(text) == text


NUMBERISH = st.sampled_from(
    list("0123456789０１２ -./()+*xT订单号:，a")
    + [
        "+86",
        "0086",
        "2026-12-01",
        "10:00",
        "**",
        "****",
        "SO",
        "A-",
        "ＳＯ",
        "订单号：",
        "order ",
        "(0755)",
        "400-",
        "T000123",
        "13800138000",
        "138****8000",
    ]
)


@EXAMPLES
@given(text=st.one_of(st.lists(NUMBERISH, max_size=30).map("".join), hostile_text))
def test_masking_any_text_twice_changes_nothing(text):
    once = mask_text(text)
    assert mask_text(once) == once


@pytest.mark.parametrize("written", ISSUE_FORMATS)
def test_every_format_the_issue_names_is_masked(written):
    number = re.sub(
        r"[^0-9]",
        "",
        unicodedata.normalize("NFKC", written)
        .replace("ext21", "")
        .replace("转21", "")
        .replace("x21", "")
        .replace("-21", ""),
    )
    number = number[2:] if number.startswith("86") else number[4:] if number.startswith("0086") else number
    assert clear_numbers_in(mask_text(f"客户说{written}请回电"), [number]) == []


@pytest.mark.parametrize(
    "phone, shown",
    [
        ("138.0013.8000", "138****8000"),
        ("+86 138 0013 8000 ext 21", "138****8000"),
        ("１３８００１３８０００", "138****8000"),
        ("0086-138-0013-8000", "138****8000"),
        ("(0755)8765-4321", "075****4321"),
        ("手机：13912345678", "139****5678"),
    ],
)
def test_a_phone_field_in_any_format_shows_the_hint(phone, shown):
    assert mask_phone(phone) == shown


def plant_formats() -> list[str]:
    """The issue's formats in every text of the week's floor a masked view shows."""
    orders = ISSUE_FORMATS[5:] + ISSUE_FORMATS[:5]
    texts = [f"客户{a}，订单{b}，急" for a, b in zip(ISSUE_FORMATS, orders, strict=True)]
    for n, ticket in enumerate(Ticket.select().order_by(Ticket.id)):
        Ticket.update(description=texts[n % len(texts)]).where(Ticket.id == ticket.id).execute()
    Customer.update(name="王先生 138.0013.8000", phone="+86 158.1234.9876 ext 21").execute()
    for n, callback in enumerate(Callback.select().order_by(Callback.id)):
        Callback.update(
            feedback=texts[(n + 1) % len(texts)],
            suggestion=texts[(n + 2) % len(texts)],
            remarks=texts[(n + 3) % len(texts)],
        ).where(Callback.id == callback.id).execute()
    for n, handoff in enumerate(Handoff.select().order_by(Handoff.id)):
        Handoff.update(
            problem=texts[(n + 4) % len(texts)],
            need=f"confirm {ISSUE_FORMATS[n % 18]} today",
            answer=texts[(n + 5) % len(texts)],
        ).where(Handoff.id == handoff.id).execute()
    return ISSUE_FORMATS


def issue_numbers() -> list[str]:
    return [
        "13800138000",
        "13912345678",
        "13700137000",
        "13600136000",
        "15812349876",
        "15912349876",
        "15012345678",
        "15912345678",
        "01062345678",
        "075587654321",
        "4001234567",
        "12345678",
        "1023456789",
        "202601011234",
    ]


def test_the_masked_workbook_has_no_clear_number_in_any_cell(floor, week47, tmp_path):
    plant_formats()
    masked = openpyxl.load_workbook(export_week(floor, "2026-W47", tmp_path / "masked.xlsx").path)
    leaks = [
        (ws.title, cell.coordinate, cell.value, found)
        for ws in masked.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
        for found in [clear_numbers_in(cell.value, issue_numbers())]
        if found
    ]
    assert leaks == []
    tickets = [row for row in masked["Tickets"].iter_rows(min_row=2, values_only=True)]
    assert tickets and {row[10] for row in tickets} == {"158****9876"}  # the phone column keeps its hint
    assert any("138****8000" in (row[17] or "") for row in tickets)
    # the clear export (a supervisor's) has them: the check above read the cells that hold them
    clear = openpyxl.load_workbook(export_week(floor, "2026-W47", tmp_path / "clear.xlsx", clear=True).path)
    shown = " ".join(str(c) for ws in clear.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    assert len([written for written in ISSUE_FORMATS if written in shown]) >= 12 and "138.0013.8000" in shown


def test_the_wall_board_shows_no_clear_number(floor, week47, clock):
    plant_formats()
    at(clock, AS_OF)
    rows = board_picture(floor).handoffs
    assert rows
    shown = [
        (row.id, text)
        for row in rows
        for text in (row.customer_name, row.customer_code, row.problem, row.need, row.answer)
        if text
    ]
    assert [(n, text) for n, text in shown if clear_numbers_in(text, issue_numbers())] == []
    assert any("SO1****678" in text or "138****8000" in text for _, text in shown)


def test_a_customer_s_history_lists_descriptions_masked(floor, new_ticket):
    new_ticket(description="请回电 138.0013.8000，订单SO12345678\n第二行")
    (line,) = customer_history(floor, "C001")
    assert line.first_line == "请回电 138****8000，订单SO1****678"
