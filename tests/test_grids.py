"""The PDF reader finds the same cells however a table is drawn: ruled, or shaded with white gutters.

The same table is drawn with reportlab in the styles councils' PDFs use:

* ``ruled``: black rules along every cell side (none through a merged cell);
* ``shaded``: no rules; each cell a shaded area tiled, as Word exports it,
  by strips of one colour (top and bottom padding, left and right padding, a
  strip behind each line of text) that miss each other by 0.01 pt, cells kept
  apart by white filled gutters 1.5 pt wide (West Sussex's early years
  recommendations, 2016);
* ``banded``: rows alternate two shades, each cell two fills of its shade
  split half way down, white rules over them (Kent's slides).

The reader must find the same rows, cells and texts in each, merged cells
included: a theme row across the table, a recommendation over two rows.
The painter (``extractors.readers.painted``) and the fit measure
(``extractors.readers.fit``) are checked on inputs built by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from actionplans.extractors.model import Table  # noqa: E402
from actionplans.extractors.readers.fit import grid_fit  # noqa: E402
from actionplans.extractors.readers.painted import (  # noqa: E402
    MAX_PAINT,
    PAGE,
    Paint,
    canvas_to_edges,
    colour_key,
    paint_to_canvas,
    painted_edges,
)
from actionplans.extractors.readers.pdf import read_pdf  # noqa: E402

COLUMNS = (50.0, 90.0, 270.0, 530.0, 690.0)
"""Column boundaries, in points from the left."""
LEADING = 11.0
PAD_X, PAD_Y = 5.0, 3.0
GUTTER = 1.5


@dataclass(frozen=True)
class Spec:
    """A cell: its first row and column, its lines of text, how many rows and columns it spans, its grey."""

    row: int
    col: int
    lines: tuple[str, ...]
    rows: int = 1
    cols: int = 1
    shade: float = 0.85


HEADER = [Spec(0, c, (t,), shade=0.25) for c, t in enumerate(("Ref", "Recommendation", "Action", "Action for?"))]
THEME = Spec(1, 0, ("A healthy start to life",), cols=4, shade=0.93)
ROW_ONE = [
    Spec(2, 0, ("1",)),
    Spec(2, 1, ("Improving child development", "and tackling inequality", "should be a priority.")),
    Spec(2, 2, ("Work with local planning departments", "to develop environments for play.")),
    Spec(2, 3, ("All.", "Public Health.")),
]
PLAIN = [
    Spec(3, 0, ("2",)),
    Spec(3, 1, ("Pathways should be clear", "and evidence based.")),
    Spec(3, 2, ("Provide good information on", "pathways and referral routes.")),
    Spec(3, 3, ("WSCC and CCG", "Commissioners")),
]
SPANNING = [
    Spec(3, 0, ("2",), rows=2),
    Spec(3, 1, ("Pathways should be clear", "and evidence based."), rows=2),
    Spec(3, 2, ("Provide good information on", "pathways and referral routes.")),
    Spec(3, 3, ("WSCC and CCG", "Commissioners")),
    Spec(4, 2, ("Train staff in the", "identification of these issues.")),
    Spec(4, 3, ("Early Childhood", "Service")),
]
TABLES = {"plain": [*HEADER, THEME, *ROW_ONE, *PLAIN], "spanning": [*HEADER, THEME, *ROW_ONE, *SPANNING]}


def row_tops(specs: list[Spec], top: float = 120.0) -> list[float]:
    """Row boundaries from the top of the page: each row as tall as its tallest one-row cell."""
    n = max(s.row + s.rows for s in specs)
    heights = [max((len(s.lines) for s in specs if s.row == r and s.rows == 1), default=1) for r in range(n)]
    tops = [top]
    for h in heights:
        tops.append(tops[-1] + h * LEADING + 2 * PAD_Y)
    return tops


Box = tuple[float, float, float, float]
"""x0, top, x1, bottom, from the page's top left."""


def box_of(spec: Spec, tops: list[float]) -> Box:
    return COLUMNS[spec.col], tops[spec.row], COLUMNS[spec.col + spec.cols], tops[spec.row + spec.rows]


class Page:
    """A reportlab canvas addressed from the top left, as pdfplumber reports positions."""

    def __init__(self, path: Path) -> None:
        self.height = landscape(A4)[1]
        self.c = canvas.Canvas(str(path), pagesize=landscape(A4))

    def fill(self, x0: float, top: float, x1: float, bottom: float, grey: float) -> None:
        self.c.setFillGray(grey)
        self.c.rect(x0, self.height - bottom, x1 - x0, bottom - top, stroke=0, fill=1)

    def line(self, x0: float, top: float, x1: float, bottom: float) -> None:
        self.c.line(x0, self.height - top, x1, self.height - bottom)

    def text(self, spec: Spec, box: Box) -> None:
        self.c.setFillGray(1 if spec.shade < 0.5 else 0)
        self.c.setFont("Helvetica", 9)
        for n, line in enumerate(spec.lines):
            self.c.drawString(box[0] + PAD_X, self.height - (box[1] + PAD_Y + (n + 0.8) * LEADING), line)


def ruled(page: Page, specs: list[Spec], tops: list[float]) -> None:
    page.c.setLineWidth(0.5)
    for spec in specs:
        x0, top, x1, bottom = box_of(spec, tops)
        for side in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)):
            page.line(*side)
        page.text(spec, (x0, top, x1, bottom))


def shaded(page: Page, specs: list[Spec], tops: list[float]) -> None:
    half = GUTTER / 2
    for spec in specs:
        x0, top, x1, bottom = box_of(spec, tops)
        x0, top, x1, bottom = x0 + half, top + half, x1 - half, bottom - half
        inner_top, inner_bottom = top + PAD_Y - half, bottom - PAD_Y + half
        page.fill(x0, top, x1, inner_top, spec.shade)  # top padding
        page.fill(x0, inner_bottom, x1, bottom, spec.shade)  # bottom padding
        page.fill(x0, inner_top, x0 + PAD_X, inner_bottom, spec.shade)  # left padding
        page.fill(x1 - PAD_X + 0.01, inner_top, x1, inner_bottom, spec.shade)  # right padding, missing by 0.01 pt
        y = inner_top
        for _ in spec.lines:  # a strip behind each line of text
            page.fill(x0 + PAD_X, y, x1 - PAD_X, min(y + LEADING, inner_bottom), spec.shade)
            y += LEADING
        if y < inner_bottom:
            page.fill(x0 + PAD_X, y, x1 - PAD_X, inner_bottom, spec.shade)
        page.fill(x1, top - half, x1 + GUTTER, bottom + half, 1)  # white gutters, right and below
        page.fill(x0 - half, bottom, x1 + half, bottom + GUTTER, 1)
        page.text(spec, (x0 - half, top - half, x1 + half, bottom + half))


def banded(page: Page, specs: list[Spec], tops: list[float]) -> None:
    for spec in specs:
        box = box_of(spec, tops)
        shade = spec.shade if spec.row < 2 else (0.8, 0.92)[spec.row % 2]
        middle = (box[1] + box[3]) / 2  # each cell two fills of one shade, split where no boundary is
        page.fill(box[0], box[1], box[2], middle, shade)
        page.fill(box[0], middle, box[2], box[3], shade)
        page.text(spec, box)
    page.c.setStrokeGray(1)
    page.c.setLineWidth(1)
    for spec in specs:
        x0, top, x1, bottom = box_of(spec, tops)
        for side in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)):
            page.line(*side)


STYLES: dict[str, Callable[[Page, list[Spec], list[float]], None]] = {
    "ruled": ruled,
    "shaded": shaded,
    "banded": banded,
}


def draw(path: Path, style: str, specs: list[Spec]) -> Path:
    page = Page(path)
    page.c.setFont("Helvetica-Bold", 14)
    page.c.drawString(50, page.height - 80, "Recommendations")
    STYLES[style](page, specs, row_tops(specs))
    page.c.showPage()
    page.c.save()
    return path


def grid(table: Table) -> list[list[str]]:
    """Cell texts row by row; ``^`` where the cell above spans down, ``<`` where the cell to the left spans across."""
    out: list[list[str]] = []
    for r, row in enumerate(table.rows):
        texts = []
        for c, cell in enumerate(row.cells):
            if cell is None:
                texts.append("<")
            elif r and c < len(table.rows[r - 1].cells) and cell is table.rows[r - 1].cells[c]:
                texts.append("^")
            else:
                texts.append(cell.text)
        out.append(texts)
    return out


EXPECTED_TOP = [
    ["Ref", "Recommendation", "Action", "Action for?"],
    ["A healthy start to life", "<", "<", "<"],
    [
        "1",
        "Improving child development and tackling inequality should be a priority.",
        "Work with local planning departments to develop environments for play.",
        "All. Public Health.",
    ],
]
EXPECTED = {
    "plain": [
        *EXPECTED_TOP,
        [
            "2",
            "Pathways should be clear and evidence based.",
            "Provide good information on pathways and referral routes.",
            "WSCC and CCG Commissioners",
        ],
    ],
    "spanning": [
        *EXPECTED_TOP,
        [
            "2",
            "Pathways should be clear and evidence based.",
            "Provide good information on pathways and referral routes.",
            "WSCC and CCG Commissioners",
        ],
        ["^", "^", "Train staff in the identification of these issues.", "Early Childhood Service"],
    ],
}


@pytest.mark.parametrize("table", sorted(TABLES))
@pytest.mark.parametrize("style", sorted(STYLES))
def test_same_cells_however_the_table_is_drawn(tmp_path: Path, style: str, table: str) -> None:
    doc = read_pdf(draw(tmp_path / f"{table}-{style}.pdf", style, TABLES[table]))
    tables = list(doc.tables())
    assert len(tables) == 1
    assert grid(tables[0]) == EXPECTED[table]
    assert tables[0].rows[1].spans_all
    assert [p.text for p in doc.paragraphs()] == ["Recommendations"]


def test_shaded_tables_are_read_from_their_colours(tmp_path: Path) -> None:
    """The tiled table is the one the rectangle edges get wrong: its grid comes from the painted route."""
    shaded_doc = read_pdf(draw(tmp_path / "shaded.pdf", "shaded", TABLES["spanning"]))
    ruled_doc = read_pdf(draw(tmp_path / "ruled.pdf", "ruled", TABLES["spanning"]))
    assert [t.kind for t in shaded_doc.tables()] == ["painted"]
    assert [t.kind for t in ruled_doc.tables()] == ["ruled"]


@pytest.mark.parametrize(
    ("colour", "key"),
    [
        (0.851, (85, 85, 85)),
        ((0.851,), (85, 85, 85)),
        ((0.851, 0.851, 0.851), (85, 85, 85)),
        ((0, 0, 0, 0), (100, 100, 100)),  # CMYK paper white
        ((0, 0, 0, 1), (0, 0, 0)),
        (None, (0, 0, 0)),  # the PDF default fill is black
        ("P1", "'P1'"),  # a pattern is a colour of its own
    ],
)
def test_colour_key(colour: object, key: object) -> None:
    assert colour_key(colour) == key


def edges_of(paint: list[Paint]) -> set[tuple[str, float, float, float]]:
    canvas = paint_to_canvas(paint)
    assert canvas is not None
    return {
        (
            e["orientation"],
            round(e["x0"], 2),
            round(e["top"], 2),
            round(e["x1"] if e["orientation"] == "h" else e["bottom"], 2),
        )
        for e in canvas_to_edges(canvas)
    }


def test_tiles_of_one_colour_have_no_edge_between_them() -> None:
    tiles = [Paint(0, 0, 50, 20, 1), Paint(50.01, 0, 100, 20, 1)]  # missing each other by 0.01 pt
    assert edges_of(tiles) == {("v", 0, 0, 20), ("v", 100, 0, 20), ("h", 0, 0, 100), ("h", 0, 20, 100)}


def test_later_paint_covers_earlier() -> None:
    gutter = [Paint(0, 0, 100, 20, 1), Paint(49, 0, 51, 20, PAGE)]  # a white gutter painted over a shaded area
    assert {e for e in edges_of(gutter) if e[0] == "v"} == {
        ("v", 0, 0, 20),
        ("v", 49, 0, 20),
        ("v", 51, 0, 20),
        ("v", 100, 0, 20),
    }
    shades = [Paint(0, 0, 100, 20, 1), Paint(0, 10, 100, 20, 2)]  # a second shade over the lower half
    assert ("h", 0, 10, 100) in edges_of(shades)


def test_a_page_of_thousands_of_fills_keeps_the_line_strategy(tmp_path: Path) -> None:
    """A chart or a vectorised scan is not painted (too slow, and not cells): the page is read as before."""
    path = tmp_path / "chart.pdf"
    page = Page(path)
    for n in range(MAX_PAINT + 1):
        page.fill(50 + (n % 60) * 10, 100 + (n // 60) * 10, 58 + (n % 60) * 10, 108 + (n // 60) * 10, 0.5)
    page.c.setFillGray(0)
    page.c.drawString(50, 60, "Chart")
    page.c.showPage()
    page.c.save()
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages[0].rects) > MAX_PAINT
        assert painted_edges(pdf.pages[0]) is None
    assert read_pdf(path).pages == 1


def _word(text: str, x0: float, x1: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 9, "size": 9.0}


TWO_LINES = [_word("alpha", 0, 20, 10), _word("beta", 22, 40, 10), _word("gamma", 0, 25, 21)]


@pytest.mark.parametrize(
    ("name", "rows", "cuts"),
    [
        ("one cell", [[(0, 0, 50, 40)]], 0),
        ("an edge through the line and a word", [[(0, 0, 21, 40), (21, 0, 50, 40)]], 2),
        ("an edge through the paragraph", [[(0, 0, 50, 20)], [(0, 20, 50, 40)]], 1),
    ],
)
def test_grid_fit_counts_what_a_grid_cuts(name: str, rows: list[list[tuple[float, ...]]], cuts: int) -> None:
    fit = grid_fit([((0, 0, 50, 40), rows, "ruled")], TWO_LINES)  # type: ignore[list-item]
    assert (fit.cuts, fit.held) == (cuts, 3), name
