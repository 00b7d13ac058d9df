"""Reading a written workbook the way a printer or a reader sees it: its charts' sizes in
pixels against core.report.book.chart_size, and a PDF's pages by the sheet each belongs to."""

from __future__ import annotations

import posixpath
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import openpyxl

EMU_PER_PX = 9525
NS = {
    "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}


@dataclass(frozen=True)
class ChartBox:
    sheet: str
    labels: list[str]
    """Its categories' labels, from the chart's cache."""
    bars: bool
    """Horizontal bars (a bar chart), else columns."""
    width: int
    height: int
    """In pixels, from its anchor's cells."""


def _rels(xlsx: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels = ElementTree.fromstring(xlsx.read(f"{folder}/_rels/{name}.rels"))
    return {
        r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
        for r in rels.findall("rel:Relationship", NS)
    }


def _column_px(ws, col: int) -> int:
    """A column's pixels (0-based; default 64): the file's width is in digit widths of 7 px,
    padding included (XlsxWriter writes it so)."""
    letter = openpyxl.utils.get_column_letter(col + 1)
    dims = ws.column_dimensions.get(letter)
    width = dims.width if dims is not None and dims.customWidth else None
    if width is None:  # a column inside a range (min..max) or the default
        for d in ws.column_dimensions.values():
            if d.min and d.max and d.min <= col + 1 <= d.max and d.customWidth:
                width = d.width
        if width is None:
            return 64
    return int(width * 7 + 0.5)


def _row_px(ws, row: int) -> int:
    dims = ws.row_dimensions.get(row + 1)
    height = dims.height if dims is not None and dims.height else 15
    return int(height * 4 / 3 + 0.5)


def chart_boxes(path: Path) -> list[ChartBox]:
    """Every chart of the workbook with its labels and its size on the sheet."""
    book = openpyxl.load_workbook(path)
    found = []
    with zipfile.ZipFile(path) as xlsx:
        workbook = ElementTree.fromstring(xlsx.read("xl/workbook.xml"))
        targets = _rels(xlsx, "xl/workbook.xml")
        for sheet in workbook.find("m:sheets", NS):
            part = targets[sheet.get(f"{{{NS['r']}}}id")]
            try:
                drawings = [p for p in _rels(xlsx, part).values() if "/drawings/" in p]
            except KeyError:
                continue  # a sheet without relationships
            ws = book[sheet.get("name")]
            for drawing in drawings:
                charts = _rels(xlsx, drawing)
                for anchor in ElementTree.fromstring(xlsx.read(drawing)).findall("xdr:twoCellAnchor", NS):
                    ref = anchor.find(".//c:chart", NS).get(f"{{{NS['r']}}}id")
                    chart = ElementTree.fromstring(xlsx.read(charts[ref]))
                    first = next(iter(chart.iter(f"{{{NS['c']}}}cat")))
                    labels = [v.text or "" for v in first.iter(f"{{{NS['c']}}}v")]
                    bar_dir = chart.find(".//c:barDir", NS)
                    (c0, co0, r0, ro0), (c1, co1, r1, ro1) = (
                        [
                            int(anchor.find(f"xdr:{end}/xdr:{k}", NS).text)
                            for k in ("col", "colOff", "row", "rowOff")
                        ]
                        for end in ("from", "to")
                    )
                    width = sum(_column_px(ws, c) for c in range(c0, c1)) + (co1 - co0) // EMU_PER_PX
                    height = sum(_row_px(ws, r) for r in range(r0, r1)) + (ro1 - ro0) // EMU_PER_PX
                    found.append(
                        ChartBox(
                            sheet.get("name"),
                            labels,
                            bar_dir is not None and bar_dir.get("val") == "bar",
                            width,
                            height,
                        )
                    )
    return found


def page_texts(pdf: Path) -> list[str]:
    """Each page's text (pdftotext, laid out)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def footer_sheet(text: str) -> str:
    """The sheet a page belongs to: its footer's left part (core.report.book.Book.page_setup
    puts the sheet's name there, the page number on the right)."""
    last = [line for line in text.splitlines() if line.strip()][-1]
    return re.split(r"\s{3,}", last.strip())[0]
