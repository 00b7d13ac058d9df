"""The workbooks as LibreOffice prints them (issue 21): a demo floor's week (364 tickets) and
month exported in English and Chinese by the command, converted to PDF headless, each page
told to its sheet by its footer (core.report.book.Book.page_setup puts the sheet's name there).

Skipped with the reason when soffice or pdftoppm is missing (`make test-office` installs them).
Each run uses a LibreOffice profile of its own under tmp_path, so runs in parallel (xdist)
do not share one. Page 1 of each PDF and the Categories page are rendered to PNG, kept in
$CALLFLOOR_OFFICE_OUT when set.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest

from core.report.book import BAR_PX, FRAME_HEIGHT, chart_size
from tests.office.workbook_look import chart_boxes, footer_sheet, page_texts

OFFICE_INSTALLED = bool(shutil.which("soffice") and shutil.which("pdftoppm") and shutil.which("pdftotext"))
if not OFFICE_INSTALLED and os.environ.get("CALLFLOOR_OFFICE_REQUIRED"):
    # make test-office has just installed them: a skip there would pass CI with nothing checked
    raise RuntimeError("CALLFLOOR_OFFICE_REQUIRED is set but soffice, pdftoppm or pdftotext is missing")

pytestmark = [
    pytest.mark.office,
    pytest.mark.skipif(
        not OFFICE_INSTALLED,
        reason="LibreOffice (soffice) or poppler-utils (pdftoppm, pdftotext) is not installed: "
        "`make test-office` installs them",
    ),
]

CALLFLOOR = str(Path(sys.executable).with_name("callfloor"))
NOW = "2026-11-24T09:00+08:00"
TICKETS, SEED = 3000, 7
"""With seed 7, 3,000 demo tickets put 364 in 2026-W47 (8 pages of the Tickets sheet)."""
BEFORE = {"en": 84, "zh": 77}
"""The weekly PDF's pages before issue 21 (columns cut over pages, nothing fit to width)."""
TITLES = {
    "en": ("Weekly report 2026-W47", "Volume and satisfaction, 8 weeks"),
    "zh": ("周报", "近 8 周反馈量与满意度"),
}
FIRST_LAST_HEADS = {"en": ("Ref", "Description"), "zh": ("工单号", "问题描述")}


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOOR_")}
    return dict(env, CALLFLOOR_USER="boss", CALLFLOOR_NOW=NOW)


def _run(*args: str, timeout: float = 300) -> None:
    subprocess.run(args, env=_env(), check=True, capture_output=True, timeout=timeout)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """{name: (xlsx, pdf)} for week-en, week-zh, month-en, month-zh."""
    folder = tmp_path_factory.mktemp("office")
    db = folder / "demo.db"
    _run(CALLFLOOR, "demo", "--db", str(db), "--tickets", str(TICKETS), "--seed", str(SEED), "--no-ui")
    books = {}
    for language in ("en", "zh"):
        for kind, period in (("week", "2026-W47"), ("month", "2026-11")):
            path = folder / f"{kind}-{language}.xlsx"
            flag = "--week" if kind == "week" else "--month"
            _run(CALLFLOOR, "export", "--db", str(db), flag, period, "-o", str(path), "--lang", language)
            books[f"{kind}-{language}"] = path
    profile = (folder / "lo-profile").as_uri()
    _run(
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        *(str(p) for p in books.values()),
    )
    return {name: (path, path.with_suffix(".pdf")) for name, path in books.items()}


def _pages(pdf: Path) -> list[tuple[str, str]]:
    return [(footer_sheet(text), text) for text in page_texts(pdf)]


def _png(pdf: Path, page: int, name: str, tmp_path: Path) -> Path:
    out = Path(os.environ.get("CALLFLOOR_OFFICE_OUT") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / name
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    png = stem.with_suffix(".png")
    assert png.stat().st_size > 1000
    return png


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_weekly_workbook_prints_one_page_wide_and_the_summary_on_one_page(rendered, language, tmp_path):
    xlsx, pdf = rendered[f"week-{language}"]
    book = openpyxl.load_workbook(xlsx, read_only=True)
    names = book.sheetnames
    pages = _pages(pdf)
    per_sheet = Counter(sheet for sheet, _ in pages)
    assert list(dict.fromkeys(sheet for sheet, _ in pages)) == names  # in order, each its own pages
    summary, categories, tickets = names[0], names[2], names[7]
    assert per_sheet[summary] == 1  # the Summary on one page, with its chart
    title, chart_title = TITLES[language]
    assert title in pages[0][1] and chart_title in pages[0][1]
    rows = book[tickets].max_row - 1
    assert rows == 364
    # one page wide: every Tickets page shows the first and the last column's heading, and
    # the pages are as many as the rows need, not that times the column splits
    first, last = FIRST_LAST_HEADS[language]
    ticket_pages = [text for sheet, text in pages if sheet == tickets]
    assert all(first in text and last in text for text in ticket_pages)
    assert 2 <= len(ticket_pages) <= math.ceil(rows / 20)
    assert len(pages) <= 30 < BEFORE[language]
    # the Categories chart shows every label: each category is on its page twice (table, chart)
    at = next(n for n, (sheet, _) in enumerate(pages) if sheet == categories)
    labels = [r[0] for r in book[categories].iter_rows(min_row=2, values_only=True)][:-1]  # no total
    assert len(labels) == 7
    text = pages[at][1]
    assert all(text.count(label) >= 2 for label in labels), text
    _png(pdf, 1, f"week-{language}-summary", tmp_path)
    _png(pdf, at + 1, f"week-{language}-categories", tmp_path)
    _png(
        pdf,
        next(n for n, (s, _) in enumerate(pages, 1) if s == tickets),
        f"week-{language}-tickets",
        tmp_path,
    )


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_monthly_workbook_prints_its_summary_on_one_page(rendered, language, tmp_path):
    xlsx, pdf = rendered[f"month-{language}"]
    names = openpyxl.load_workbook(xlsx, read_only=True).sheetnames
    pages = _pages(pdf)
    assert list(dict.fromkeys(sheet for sheet, _ in pages)) == names
    assert Counter(sheet for sheet, _ in pages)[names[0]] == 1
    assert ("2026-W45" in pages[0][1]) and len(pages) <= 15
    _png(pdf, 1, f"month-{language}-summary", tmp_path)


def test_every_chart_follows_the_size_rule(rendered):
    for name, (xlsx, _) in rendered.items():
        boxes = chart_boxes(xlsx)
        assert len(boxes) == (2 if name.startswith("week") else 1), name
        for box in boxes:
            width, height = chart_size(box.labels, bars=box.bars)
            assert box.width >= width - 1 and box.height >= height - 1, (name, box)
            if box.bars:
                assert (box.height - FRAME_HEIGHT) / len(box.labels) >= BAR_PX, (name, box)
