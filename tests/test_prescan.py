"""The PDFium route reads PDFs as pdfplumber does, falls back where it cannot, and declines pathological pages.

* Every sample plan gives the same records read through PDFium as through
  pdfplumber alone (coordinates to a tenth of a point: PDFium keeps them in
  single precision), and its pages are read by PDFium;
* words are pdfplumber's, character for character;
* a page PDFium cannot read exactly (here a rotated one) is read by pdfplumber,
  and the report says so;
* a page ruled into a 200 x 100 grid (which took pdfplumber over two minutes)
  is declined in well under a second, its text still read, with a note;
* the cell search gives pdfplumber's cells; the pre-scan's counts decide as
  documented;
* a plan inside an agenda pack (pages of minutes set with reportlab, then the
  plan) gives the plan's records, read with its minutes' pages as plain text,
  exactly as when every page is read in full.
"""

from __future__ import annotations

import importlib.util
import resource
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES, ROOT
from pathological import grid_page
from pdfplumber.table import TableFinder, TableSettings, edges_to_intersections, intersections_to_cells
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from actionplans.extractors import extract_doc  # noqa: E402
from actionplans.extractors.errors import CorruptDocument  # noqa: E402
from actionplans.extractors.readers.pdf import MAX_CROSSINGS, PdfSettings, crossings_to_cells, read_pdf  # noqa: E402
from actionplans.extractors.readers.pdfium import PdfiumDoc, PdfiumPage  # noqa: E402
from actionplans.extractors.readers.prescan import (  # noqa: E402
    MIN_RULE_SEGMENTS,
    PageScan,
    full_pages,
    own_text,
    text_signs,
)

SAMPLES = sorted((ROOT / "data" / "raw").glob("*.pdf")) + sorted((FIXTURES / "plans").glob("*.pdf"))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items() if k != "report"}
    return value


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_pdfium_gives_the_records_pdfplumber_gives(path: Path) -> None:
    fast = read_pdf(path)
    slow = read_pdf(path, {"engine": "pdfplumber"})
    assert fast.page_readers == ("pdfium",) * (fast.pages or 0), fast.notes
    assert slow.page_readers == ("pdfplumber",) * (slow.pages or 0)
    assert _rounded(asdict(extract_doc(fast))) == _rounded(asdict(extract_doc(slow)))


@pytest.mark.parametrize("path", SAMPLES[:2], ids=[p.name for p in SAMPLES[:2]])
def test_words_are_pdfplumbers(path: Path) -> None:
    with PdfiumDoc(path) as doc, pdfplumber.open(path) as pdf:
        for i, page in enumerate(pdf.pages):
            theirs = page.extract_words(extra_attrs=["size", "fontname"])
            ours = doc.page(i).words()
            key = ("text", "fontname")
            assert sorted(tuple(w[k] for k in key) for w in ours) == sorted(tuple(w[k] for k in key) for w in theirs)
            place = {(w["text"], round(w["x0"]), round(w["top"])): w for w in theirs}
            for w in ours:
                match = place.get((w["text"], round(w["x0"]), round(w["top"])))
                if match is not None:
                    assert all(abs(w[k] - match[k]) < 0.02 for k in ("x0", "x1", "top", "bottom", "size"))


def test_a_rotated_page_is_read_with_pdfplumber(tmp_path: Path) -> None:
    path = tmp_path / "rotated.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 720, "Action plan")
    c.showPage()
    c.setPageRotation(90)
    c.drawString(72, 720, "Recommendation 1: publish the plan")
    c.save()
    doc = read_pdf(path)
    assert doc.page_readers == ("pdfium", "pdfplumber")
    assert any("page 2: the page is rotated 90°" in note for note in doc.notes)
    assert any(p.page == 2 for p in doc.paragraphs())  # as pdfplumber reads it (letter by letter, turned)


@pytest.mark.parametrize("rects", [False, True], ids=["rules", "cells"])
def test_a_200_by_100_grid_is_declined_in_seconds(tmp_path: Path, rects: bool) -> None:
    path = grid_page(tmp_path / "grid.pdf", 200, 100, rects=rects)
    start = _cpu()
    doc = read_pdf(path)
    assert _cpu() - start < 5.0
    assert not list(doc.tables())
    assert any("page 1: tables not looked for" in note for note in doc.notes)
    assert "50" in [p.text for p in doc.paragraphs()]  # the page is still read as text


def test_a_dense_but_plausible_grid_is_still_read(tmp_path: Path) -> None:
    path = grid_page(tmp_path / "grid.pdf", 12, 40, text=True)
    doc = read_pdf(path)
    assert not doc.notes
    assert [t.ncols for t in doc.tables()] == [12]


def test_the_cell_search_finds_pdfplumbers_cells(tmp_path: Path) -> None:
    path = tmp_path / "cells.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for x in (50, 120, 260, 400, 520):
        c.line(x, 700, x, 400)
    for y in (700, 650, 600, 500, 400):
        c.line(50, y, 520, y)
    c.line(330, 600, 330, 500)  # a column split in one row only
    c.save()
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        settings = TableSettings.resolve(PdfSettings().table_settings)
        finder = TableFinder(page, settings)
        crossings = edges_to_intersections(finder.edges, 3, 3)
        assert crossings_to_cells(crossings) == intersections_to_cells(crossings)
    assert len(crossings) < MAX_CROSSINGS


def test_the_pre_scan_counts_decide_as_documented(tmp_path: Path) -> None:
    assert not PageScan(1, 2, MIN_RULE_SEGMENTS - 1).ruled
    assert PageScan(1, 3, MIN_RULE_SEGMENTS).ruled
    assert PageScan(1, 1, 10**6).declined
    path = tmp_path / "two-rules.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.line(50, 700, 500, 700)
    c.line(50, 100, 500, 100)
    c.drawString(72, 680, "Minutes of the meeting")
    c.save()
    with PdfiumDoc(path) as doc:
        assert doc.page(0).scan == PageScan(1, 2, 4)


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_engines", ROOT / "benchmarks" / "bench_engines.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("plan", SAMPLES, ids=[p.name for p in SAMPLES])
def test_an_agenda_pack_gives_the_plans_records_with_most_pages_read_as_text(tmp_path: Path, plan: Path) -> None:
    pack = _bench().build_agenda_pack(tmp_path / "pack.pdf", plan, prose_pages=12)
    skimmed = read_pdf(pack)
    full = read_pdf(pack, {"prescan": False})
    assert skimmed.page_readers.count("text") >= 6
    assert set(full.page_readers) == {"pdfium"}
    assert any("read as plain text" in note for note in skimmed.notes)
    assert _rounded(asdict(extract_doc(skimmed))) == _rounded(asdict(extract_doc(full)))
    alone = extract_doc(read_pdf(plan))
    assert [a.text for a in extract_doc(skimmed).actions] == [a.text for a in alone.actions]


def test_the_signs_of_a_plan_in_plain_text() -> None:
    assert text_signs(["The committee noted the report."]) is None
    assert text_signs(["Action 1.2: review the scheme"])
    assert text_signs(["Lead officer: Head of Housing"])
    assert text_signs(["• Hold twice-yearly meetings"])
    assert text_signs(["Recommendations"])
    assert text_signs(["Theme 2: Healthier communities"])
    assert text_signs(["Recommendation: that Cabinet approves the plan"])
    # Words of running prose, and the labels minutes are made of, are no sign.
    assert text_signs(["Cabinet is recommended to approve the plan."]) is None
    assert text_signs(["RESOLVED: that the minutes of the meeting be agreed."]) is None
    assert text_signs(["Update: the team met in May."]) is None
    assert full_pages([None, None, None, None, "rules", None, None]) == [True, True, False, True, True, True, False]


def test_an_unknown_engine_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'mupdf'"):
        PdfSettings.resolve({"engine": "mupdf"})


def test_characters_come_in_content_order_where_pdfium_lays_them_out_otherwise(tmp_path: Path) -> None:
    # PDFium orders a line's text objects by where they stand; pdfminer, and so pdfplumber, by the content
    # stream.  Here each line is drawn right to left, one text object a word, in the body and in the margins.
    path = tmp_path / "right-to-left-drawing.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for y in (820, 600, 400, 20):
        for x, word in ((400, "third"), (250, "second"), (72, "first")):
            c.drawString(x, y, f"{word}{y}")
    c.save()
    with PdfiumDoc(path) as doc, pdfplumber.open(path) as pdf:
        theirs = "".join(ch["text"] for ch in pdf.pages[0].chars)
        assert "".join(ch[0] for ch in doc.page(0).chars) == theirs
        skim, page = doc.look(0, 0.1, lambda _: True)  # read in full while skimmed: no margins of its own
        assert isinstance(page, PdfiumPage) and "".join(ch[0] for ch in page.chars) == theirs
        assert skim.margin_chars == []
        margins = "".join(ch[0] for ch in doc.skim(0, 0.1).margin_chars)
        assert margins == "third820second820first820third20second20first20"


def _report_pack(path: Path) -> None:
    """Twelve pages of a committee report with a running header and footer: prose; the plan's ruled table
    under a bold heading at the foot of page 4, at the top of page 5; a budget table at the top of page 8,
    under the running header only, closed by a sentence; another on page 11 that text opens and closes."""
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    prose = "The committee considered the report of the director and the views of the scrutiny panel on it."

    def furniture(number: int) -> None:
        c.setFont("Helvetica", 9)
        c.drawString(72, height - 40, "Cabinet - 12 March 2025 - Agenda item 7")
        c.drawString(width - 110, 30, f"Page {number}")

    def paragraphs(top: float, bottom: float) -> None:
        c.setFont("Helvetica", 11)
        y = top
        while y > bottom:
            c.drawString(72, y, prose)
            y -= 16

    def table(top: float, rows: Sequence[tuple[str, ...]], widths: tuple[float, ...]) -> float:
        y = top
        for row in rows:
            c.setFont("Helvetica-Bold" if row is rows[0] else "Helvetica", 10)
            x = 72.0
            for text, w in zip(row, widths, strict=True):
                c.rect(x, y - 22, w, 22)
                c.drawString(x + 4, y - 15, text)
                x += w
            y -= 22
        return y

    budget = [("Service", "Budget", "Forecast"), ("Housing", "4,304", "4,376"), ("Leisure", "1,251", "1,291")]
    for number in range(1, 13):
        furniture(number)
        if number == 1:
            c.setFont("Helvetica-Bold", 18)
            c.drawString(72, height - 140, "Corporate peer challenge: progress report")
            paragraphs(height - 180, 300)
        elif number == 4:
            paragraphs(height - 120, 160)
            c.setFont("Helvetica-Bold", 14)
            c.drawString(72, 130, "Improving financial resilience")
        elif number == 5:
            rows = [
                ("Action", "Lead officer", "Deadline"),
                ("Refresh the medium term financial strategy", "Chief Finance Officer", "March 2026"),
                ("Set up a savings programme board", "Chief Executive", "June 2025"),
                ("Review the capital programme", "Head of Finance", "September 2025"),
            ]
            below = table(height - 110, rows, (250, 130, 90))
            c.setFont("Helvetica", 11)
            c.drawString(72, below - 30, "The committee noted the plan and asked for a report in six months.")
        elif number in (8, 11):
            top = height - 110
            if number == 11:
                c.setFont("Helvetica-Bold", 12)
                c.drawString(72, height - 120, "Budget monitoring: quarter 4")
                top = height - 140
            below = table(top, budget, (200, 100, 100))
            c.setFont("Helvetica", 11)
            c.drawString(72, below - 30, "Members noted the forecast overspend on housing.")
        else:
            paragraphs(height - 120, 100)
        c.showPage()
    c.save()


def test_neighbours_of_a_ruled_page_are_read_in_full_only_on_the_sides_its_table_may_reach(tmp_path: Path) -> None:
    """A page whose rules are its only sign, and whose tables are not headed as a plan's, has its neighbours
    read in full only where its table may reach: the page before where nothing of its own page's text stands
    above the table (a running header, which the page before repeats, is not its own), the page after where
    nothing stands below.  The budget table at the top of page 8 may carry on from page 7; the one of page 11,
    opened and closed by its page's text, holds nothing of pages 10 and 12, nor does page 8's of page 9.  The
    plan's table ("Action | Lead officer | Deadline") keeps both its neighbours.  The records are those of
    every page read in full."""
    pack = tmp_path / "report.pdf"
    _report_pack(pack)
    skimmed = read_pdf(pack)
    full, text = "pdfium", "text"
    assert skimmed.page_readers == (full, full, text, full, full, full, full, full, text, text, full, text)
    every = extract_doc(read_pdf(pack, {"prescan": False}))
    assert _rounded(asdict(extract_doc(skimmed))) == _rounded(asdict(every))
    assert [a.text for a in every.actions] == [
        "Refresh the medium term financial strategy",
        "Set up a savings programme board",
        "Review the capital programme",
    ]


def test_own_text_is_what_the_neighbours_margins_do_not_repeat() -> None:
    def word(text: str, top: float) -> dict[str, Any]:
        return {"text": text, "top": top}

    header = [word("Cabinet", 40.0), word("Page", 812.0), word("4", 812.0)]
    assert not own_text([word("Cabinet", 40.2), word("5", 812.4)], header)  # the furniture, numbers moving
    assert own_text([word("Cabinet", 40.0), word("Budget", 100.0)], header)  # a heading of the page's own
    assert own_text([word("Cabinet", 60.0)], header)  # not at the height the page before has it
    assert full_pages(
        [None, None, None, "rules", None, None], sides=[(True, True)] * 3 + [(False, True)] + [(True, True)] * 2
    ) == [True, True, False, True, True, False]


def test_a_page_that_fails_while_the_pre_scan_reads_it_is_a_corrupt_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pre-scan reads a ruled page early (to tell its sides); a page that fails there fails as it would
    in the document's own reading, as a corrupt document naming the page."""
    import actionplans.extractors.readers.pdf as module

    pack = tmp_path / "report.pdf"
    _report_pack(pack)
    real = module.read_page

    def failing(page: Any, opts: Any, geometry: bool = True) -> Any:
        if page.page_number == 11:
            raise ValueError("a broken page")
        return real(page, opts, geometry)

    monkeypatch.setattr(module, "read_page", failing)
    for settings in (None, {"prescan": False}):
        with pytest.raises(CorruptDocument, match="page 11 could not be read"):
            read_pdf(pack, settings)
