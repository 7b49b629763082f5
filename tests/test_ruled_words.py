"""No word is built across a vertical rule (issue 10: PDFs exported from spreadsheets).

LibreOffice Calc and Excel's "Save as PDF" set a cell's text about a point
from its rules, so the last letter of one cell and the first of the next are
within pdfplumber's word tolerance (3 pt): "31/12/2024Implemented", a
recommendation glued to its owner.  The tables here are drawn with
reportlab as those exporters draw them (text 0.75 pt from the rules, each
column as wide as its longest text; borders as stroked lines, or as thin
filled rectangles), and must read as their cells, through PDFium and through
pdfplumber alike, word for word.

Near misses keep their words whole: a horizontal rule through or under a
line of text, a vertical rule in another row's band, a rule no taller than a
strike-through, the side of a shaded area (Word tiles a shaded cell with
strips of one colour, their sides inside its text), and a word with no rule
between its letters.  A character
set exactly on a rule, and a glyph clipped at its cell's side whose box
reaches past the rule, fall on the side their origin is on.

The two word builders (PDFium's ``chars_to_words``, pdfplumber's with
``RuledWordExtractor``) give the same words for any line of characters and
any rules (hypothesis).

Where LibreOffice is installed, a spreadsheet made with openpyxl is also
exported with it, to check the real exporter's geometry.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from actionplans.extractors import extract_doc  # noqa: E402
from actionplans.extractors.readers.pdf import page_to_words, read_pdf  # noqa: E402
from actionplans.extractors.readers.pdfium import Char, PdfiumDoc, chars_to_words  # noqa: E402
from actionplans.extractors.readers.rules import RuledWordExtractor, Rules  # noqa: E402

FONT, SIZE = "Helvetica", 9.0
PAD = 0.75
"""Points between a cell's text and its rules, as a spreadsheet exporter sets it (LibreOffice: about 1)."""
ROW = 14.0
LEFT, TOP = 40.0, 120.0

HEADER = ("Recommendation", "Action", "Lead", "Target date", "Status")
ROWS = [
    ("Improve housing allocations", "Review the allocations policy", "Head of Housing", "31/12/2024", "Implemented"),
    ("Tackle climate change", "Publish the climate action plan", "Director of Place", "31/03/2025", "On track"),
    ("Develop the workforce", "Train managers in appraisals", "HR Manager", "30/06/2025", "Not started"),
]
RIGHT = {3}
"""Columns set against their right rule (a spreadsheet right-aligns a date)."""


class Page:
    """A reportlab canvas addressed from the top left, as pdfplumber reports positions."""

    def __init__(self, path: Path) -> None:
        self.height = A4[1]
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.c.setFont(FONT, SIZE)

    def text(self, x: float, top: float, text: str) -> None:
        """``text`` with its origin at ``x`` and its line's box from ``top`` (pdfminer's box: descent to size)."""
        self.c.drawString(x, self.height - top - 0.8 * SIZE, text)

    def line(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.line(x0, self.height - top, x1, self.height - bottom)

    def bar(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """A filled rectangle: how Excel draws a thin border."""
        self.c.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)

    def box(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """A stroked rectangle: a cell's border drawn as one path."""
        self.c.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=1, fill=0)

    def shade(self, x0: float, top: float, x1: float, bottom: float) -> None:
        """A filled, unstroked rectangle in light grey: shading behind text."""
        self.c.setFillGray(0.85)
        self.c.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)
        self.c.setFillGray(0)

    def save(self) -> None:
        self.c.showPage()
        self.c.save()


def width(text: str) -> float:
    return float(stringWidth(text, FONT, SIZE))


def spreadsheet_pdf(path: Path, border: str = "lines") -> Path:
    """The plan as a spreadsheet exports it: each column as wide as its longest text and twice :data:`PAD`."""
    table = [HEADER, *ROWS]
    widths = [max(width(row[c]) for row in table) + 2 * PAD for c in range(len(HEADER))]
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    tops = [TOP + ROW * r for r in range(len(table) + 1)]
    page = Page(path)
    page.c.setFont("Helvetica-Bold", 14)
    page.c.drawString(LEFT, page.height - 80, "Housing improvement action plan")
    page.c.setFont(FONT, SIZE)
    for r, row in enumerate(table):
        for c, text in enumerate(row):
            x = xs[c + 1] - PAD - width(text) if c in RIGHT else xs[c] + PAD
            page.text(x, tops[r] + 2, text)
    page.c.setLineWidth(0.5)
    for x in xs:
        if border == "lines":
            page.line(x, tops[0], x, tops[-1])
        else:
            page.bar(x - 0.25, tops[0], x + 0.25, tops[-1])
    for y in tops:
        if border == "lines":
            page.line(xs[0], y, xs[-1], y)
        else:
            page.bar(xs[0], y - 0.25, xs[-1], y + 0.25)
    page.save()
    return path


def both_words(path: Path) -> list[list[str]]:
    """Each page's words as both engines build them, after checking they build the same ones."""
    out = []
    with PdfiumDoc(path) as doc, pdfplumber.open(path) as pdf:
        for i, plumber_page in enumerate(pdf.pages):
            fast = page_to_words(doc.page(i))
            slow = page_to_words(plumber_page)
            assert [w["text"] for w in fast] == [w["text"] for w in slow]
            for f, s in zip(fast, slow, strict=True):
                assert all(abs(f[k] - s[k]) < 0.02 for k in ("x0", "x1", "top", "bottom"))
            out.append([w["text"] for w in slow])
    return out


def grid(path: Path, engine: str) -> list[list[str]]:
    tables = list(read_pdf(path, {"engine": engine}).tables())
    assert len(tables) == 1
    return [[cell.text if cell else "" for cell in row.cells] for row in tables[0].rows]


@pytest.mark.parametrize("border", ["lines", "rects"])
def test_a_spreadsheets_cells_are_words_apart(tmp_path: Path, border: str) -> None:
    path = spreadsheet_pdf(tmp_path / f"spreadsheet-{border}.pdf", border)
    (words,) = both_words(path)
    assert "31/12/2024Implemented" not in words
    for row in ROWS:
        for cell in row:
            assert " ".join(cell.split()) in " ".join(words)  # every cell's words, none glued to a neighbour's
    assert words.count("31/12/2024") == 1 and words.count("Implemented") == 1
    for engine in ("pdfium", "pdfplumber"):
        assert grid(path, engine) == [list(HEADER), *[list(r) for r in ROWS]]


@pytest.mark.parametrize("border", ["lines", "rects"])
def test_a_spreadsheets_actions_have_their_dates_and_owners(tmp_path: Path, border: str) -> None:
    path = spreadsheet_pdf(tmp_path / f"spreadsheet-{border}.pdf", border)
    fast, slow = (extract_doc(read_pdf(path, {"engine": e})) for e in ("pdfium", "pdfplumber"))
    for plan in (fast, slow):
        got = [(a.text, a.owners, a.timescale_raw, a.status_raw) for a in plan.actions]
        assert got == [(r[1], (r[2],), r[3], r[4]) for r in ROWS]
        assert [r.text for r in plan.recommendations] == [r[0] for r in ROWS]


def _glued(page: Page, rule: Callable[[float], None]) -> None:
    """ "31/12/2024Implemented" set as one string at the top left, ``rule`` drawn at the ``x`` "I" starts at."""
    page.text(LEFT, TOP, "31/12/2024Implemented")
    rule(LEFT + width("31/12/2024"))


def near_miss(path: Path, kind: str) -> Path:
    page = Page(path)
    x_I = LEFT + width("31/12/2024")  # where "Implemented" starts
    line_top, line_bottom = TOP, TOP + SIZE
    if kind == "horizontal rule through":
        page.text(LEFT, TOP, "31/12/2024Implemented")
        page.line(LEFT - 5, (line_top + line_bottom) / 2, LEFT + 200, (line_top + line_bottom) / 2)
        page.line(LEFT - 5, line_bottom + 0.5, LEFT + 200, line_bottom + 0.5)
    elif kind == "rule in the row above":
        page.text(LEFT, TOP, "31/12/2024Implemented")
        page.line(x_I, line_top - 20, x_I, line_top - 1)
    elif kind == "rule in the row below":
        page.text(LEFT, TOP, "31/12/2024Implemented")
        page.bar(x_I - 0.25, line_bottom + 1, x_I + 0.25, line_bottom + 20)
    elif kind == "strike-through from mid-word":
        page.text(LEFT, TOP, "31/12/2024Implemented")
        middle = (line_top + line_bottom) / 2
        page.bar(x_I, middle - 0.4, x_I + 40, middle + 0.4)
    elif kind == "rule on the boundary":
        _glued(page, lambda x: page.line(x, line_top - 3, x, line_bottom + 3))
    elif kind == "rectangle side on the boundary":
        _glued(page, lambda x: page.box(x, line_top - 3, x + 60, line_bottom + 3))
    elif kind == "shading side on the boundary":
        _glued(page, lambda x: page.shade(x, line_top - 3, x + 60, line_bottom + 3))
    elif kind == "clipped glyph past the rule":
        rule = LEFT + width("po") + 0.5  # "l" starts half a point before the rule; its box reaches past it
        page.text(LEFT, TOP, "pol")
        page.text(rule + 0.3, TOP, "Head")
        page.line(rule, line_top - 3, rule, line_bottom + 3)
    elif kind == "rule through a glyph's middle":
        rule = LEFT + width("31/12/2024I") - width("I") / 2
        page.text(LEFT, TOP, "31/12/2024Implemented")
        page.line(rule, line_top - 3, rule, line_bottom + 3)
    else:
        raise ValueError(kind)
    page.save()
    return path


NEAR_MISSES = [
    ("horizontal rule through", ["31/12/2024Implemented"]),
    ("rule in the row above", ["31/12/2024Implemented"]),
    ("rule in the row below", ["31/12/2024Implemented"]),
    ("strike-through from mid-word", ["31/12/2024Implemented"]),
    ("rule on the boundary", ["31/12/2024", "Implemented"]),
    ("rectangle side on the boundary", ["31/12/2024", "Implemented"]),
    ("shading side on the boundary", ["31/12/2024Implemented"]),
    ("clipped glyph past the rule", ["pol", "Head"]),
    ("rule through a glyph's middle", ["31/12/2024I", "mplemented"]),
]


@pytest.mark.parametrize(("kind", "words"), NEAR_MISSES, ids=[k for k, _ in NEAR_MISSES])
def test_words_split_at_a_rule_that_crosses_their_line_and_nowhere_else(
    tmp_path: Path, kind: str, words: list[str]
) -> None:
    assert both_words(near_miss(tmp_path / "near.pdf", kind)) == [words]


def test_words_split_at_a_rule_are_not_joined_again_in_a_line(tmp_path: Path) -> None:
    """Outside a table, two words a rule parts are two columns' text: a space apart, or each a line of its own."""
    path = near_miss(tmp_path / "near.pdf", "rule on the boundary")
    for engine in ("pdfium", "pdfplumber"):
        texts = [p.text for p in read_pdf(path, {"engine": engine}).paragraphs()]
        assert "31/12/2024Implemented" not in " ".join(texts)


@st.composite
def line_and_rules(draw: st.DrawFn) -> tuple[list[Char], list[tuple[float, float, float]]]:
    """A line of upright characters (some spaces, a second font, a step in height) and rules in and around it."""
    chars: list[Char] = []
    x = 50.0
    for _ in range(draw(st.integers(1, 30))):
        x += draw(st.sampled_from([0.0, 0.0, 0.3, 1.0, 2.9, 3.1, 6.0]))
        w = draw(st.sampled_from([2.0, 4.5, 6.0]))
        top = 100.0 + draw(st.sampled_from([0.0, 0.0, 0.0, 1.5]))
        font = draw(st.sampled_from(["Helvetica", "Helvetica", "Helvetica-Bold"]))
        text = draw(st.sampled_from(["a", "b", "1", "/", " "]))
        chars.append((text, x, x + w, top, top + SIZE, SIZE, font, True))
        x += w
    rule = st.tuples(
        st.one_of(st.sampled_from([c[1] for c in chars]), st.floats(40, x + 10)),
        st.sampled_from([80.0, 95.0, 100.0, 104.0, 105.0, 106.0]),
        st.sampled_from([99.0, 103.0, 104.6, 109.0, 120.0]),
    )
    rules = [(rx, t, b) for rx, t, b in draw(st.lists(rule, max_size=6)) if b > t]
    return chars, rules


@settings(max_examples=300, deadline=None)
@given(line_and_rules())
def test_both_word_builders_split_at_the_same_rules(case: tuple[list[Char], list[tuple[float, float, float]]]) -> None:
    chars, found = case
    rules = Rules(found)
    keys = ("text", "x0", "x1", "top", "bottom", "size", "fontname", "upright")
    dicts = [{**dict(zip(keys, c, strict=True)), "doctop": c[3]} for c in chars]
    extractor = RuledWordExtractor(rules, extra_attrs=["size", "fontname"], keep_blank_chars=False)
    theirs = [(w["text"], w["x0"], w["top"]) for w in extractor.extract_words(dicts)]
    ours = [(w["text"], w["x0"], w["top"]) for w in chars_to_words(chars, rules)]
    assert ours == theirs
    plain = [(w["text"], w["x0"], w["top"]) for w in chars_to_words(chars)]
    assert "".join(t for t, _, _ in ours) == "".join(t for t, _, _ in plain)  # rules cut words, never lose letters
    if not rules:
        assert ours == plain


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-calc)")
def test_a_libreoffice_export_reads_as_its_cells(tmp_path: Path) -> None:
    """The real exporter: a tracker with thin borders, its columns just wide enough, exported to PDF."""
    import openpyxl
    from openpyxl.styles import Border, Side

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    thin = Side(style="thin")
    sheet.append(list(HEADER))
    for row in ROWS:
        day, month, year = (int(v) for v in row[3].split("/"))
        sheet.append([row[0], row[1], row[2], date(year, month, day), row[4]])
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if cell.column == 4 and cell.row > 1:
                cell.number_format = "DD/MM/YYYY"
    for letter, chars in zip("ABCDE", (24, 26, 14.5, 10.5, 11), strict=True):
        sheet.column_dimensions[letter].width = chars
    sheet.page_setup.orientation = "landscape"  # one page
    book.save(tmp_path / "tracker.xlsx")
    assert SOFFICE is not None
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "tracker.xlsx"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        timeout=300,
    )
    path = tmp_path / "tracker.pdf"
    with pdfplumber.open(path) as pdf:  # the exporter's geometry: text within 3 pt across a rule
        plain = [w["text"] for w in pdf.pages[0].extract_words()]
    (words,) = both_words(path)
    assert any(w.startswith("31/12/2024") and w != "31/12/2024" for w in plain), plain
    assert "31/12/2024" in words and "Implemented" in words
    for engine in ("pdfium", "pdfplumber"):
        assert grid(path, engine) == [list(HEADER), *[list(r) for r in ROWS]]
