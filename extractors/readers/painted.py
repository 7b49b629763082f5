"""Table edges from what a page paints, not from how it was drawn.

A Word table exported to PDF with cell shading and "cell spacing" has no
ruling lines: every cell is a shaded area, tiled into several filled
rectangles of one colour (left padding, content, right padding, a strip per
line of text), and the cells are kept apart by white rectangles ("gutters",
about 1.5 pt wide).  pdfplumber's line strategy turns every rectangle's
sides into edges, so the tiling strips cut cells into pieces and a cell's
lines fall into different rows (West Sussex's early years recommendations,
2016).

A reader sees colour, not rectangles.  The chain here paints the page the
way a viewer would and keeps only the boundaries a reader can see:
``page_to_paint`` (filled rectangles in painting order, then what is
stroked: lines, the sides of stroked rectangles and curves, as bands as wide
as their pen; white counts as the page itself) -> ``paint_to_canvas`` (the
distinct x and y coordinates of all of it as an irregular grid, each
elementary region coloured by the last paint covering it) -> ``hidden_side``
(does some rectangle have a side nobody can see?  If not, the rectangle
edges already are the boundaries a reader sees, and painting stops) ->
``canvas_to_edges`` (an edge wherever two neighbouring regions differ in
colour: shaded cell and white gutter, cell and rule, two shades, shade and
page).  Same-colour tiles merge because nothing is drawn between them; the
two sides of a gutter or of a rule are two edges that pdfplumber's snap
tolerance makes one.

The edges go to pdfplumber's table finder as explicit edges
(``painted_settings``), so merged cells come out as pdfplumber reports them
(``None`` in ``table.rows[i].cells``).  This module knows nothing of text:
whether these edges or the rectangle edges make the better grid is decided
by the PDF reader.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from pdfplumber.utils import obj_to_edges

from actionplans.extractors.readers.pdfium import PageLike

Colour = Hashable
Edge = dict[str, Any]

PAGE = 0
"""Colour id of the unpainted page, and of white, which paints nothing a reader can see."""

MERGE = 0.1
"""Coordinates closer than this many points are one: fills tiled edge to edge often miss by 0.01-0.05 pt."""

PEN = 0.3
"""Narrowest band painted, in points: a hairline (pen width 0) or a sliver of a fill still shows in a viewer."""

MAX_PAINT = 1500
"""More filled rectangles than this (a chart, a map, a vectorised scan) are not a table's cells;
such a page keeps the line strategy's grids rather than spend time painting them."""

MAX_REGIONS = 100_000
"""Guard on the grid's size (columns x rows of distinct coordinates), for the same reason: painting
a grid this size and finding its edges takes about 25 ms; a page of tiled table cells has a few thousand."""


@dataclass(frozen=True)
class Paint:
    """A rectangle of one colour painted on the page (a fill, or a band along a stroke); ``PAGE`` for white."""

    x0: float
    top: float
    x1: float
    bottom: float
    colour: int
    fill: bool = True
    """A filled rectangle (``False``: a band along a stroke)."""


@dataclass(frozen=True)
class Canvas:
    """The painted page: ``xs`` and ``ys`` bound the regions; ``cells[j][i]`` is region (i, j)'s colour id.

    ``fills`` are the filled rectangles as spans of region indices ``(i0, i1, j0, j1)``.
    """

    xs: list[float]
    ys: list[float]
    cells: list[list[int]]
    fills: list[tuple[int, int, int, int]]


def colour_key(value: Any) -> Colour:
    """A colour as an RGB triple in hundredths, so that grey 0.851 and RGB (0.851, 0.851, 0.851) agree.

    pdfminer gives a grey as a number or a 1-tuple, RGB as a 3-tuple and CMYK
    as a 4-tuple; ``None`` is the PDF default, black.  Anything else (a
    pattern's name) is a colour of its own.
    """
    if value is None:
        value = (0.0,)
    if isinstance(value, int | float):
        value = (value,)
    if not isinstance(value, list | tuple) or not all(isinstance(v, int | float) for v in value):
        return repr(value)
    if len(value) == 1:
        rgb = (value[0],) * 3
    elif len(value) == 3:
        rgb = tuple(value)
    elif len(value) == 4:
        c, m, y, k = value
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return repr(value)
    return tuple(round(float(v) * 100) for v in rgb)


_WHITE = (100, 100, 100)


def page_to_paint(page: PageLike) -> list[Paint]:
    """What ``page`` paints, in the order a viewer paints it.

    Fills first, in content-stream order; then strokes, as bands as wide as
    their pen (at least ``PEN``).  pdfplumber keeps rectangles, lines and
    curves in separate lists, so the true order between a fill and a stroke
    is lost; tables shade their cells first and rule them after (Word,
    LibreOffice, reportlab all do), which is the order used.  A curve's fill
    is not painted (it is not a rectangle); its straight stroked sides are.
    """
    ids: dict[Colour, int] = {_WHITE: PAGE}
    box = tuple(float(v) for v in page.bbox)
    paint: list[Paint] = []

    def add(x0: float, top: float, x1: float, bottom: float, colour: Any, fill: bool) -> None:
        if x1 - x0 < PEN:
            x0, x1 = (x0 + x1 - PEN) / 2, (x0 + x1 + PEN) / 2
        if bottom - top < PEN:
            top, bottom = (top + bottom - PEN) / 2, (top + bottom + PEN) / 2
        x0, top, x1, bottom = max(x0, box[0]), max(top, box[1]), min(x1, box[2]), min(bottom, box[3])
        if x1 > x0 and bottom > top:
            paint.append(Paint(x0, top, x1, bottom, ids.setdefault(colour_key(colour), len(ids)), fill))

    for rect in page.rects:
        if not rect.get("fill"):
            continue
        covers = rect["x0"] <= box[0] + 1 and rect["top"] <= box[1] + 1 and rect["x1"] >= box[2] - 1
        if covers and rect["bottom"] >= box[3] - 1 and colour_key(rect.get("non_stroking_color")) == _WHITE:
            continue  # a white page-sized fill is the paper itself, not a box on it (Kent's slides)
        add(rect["x0"], rect["top"], rect["x1"], rect["bottom"], rect.get("non_stroking_color"), True)
    for obj in _stroked(page):
        half = max(float(obj.get("linewidth") or 0), PEN) / 2
        for e in obj_to_edges(obj):
            if e.get("orientation") == "v":
                add(e["x0"] - half, e["top"], e["x0"] + half, e["bottom"], obj.get("stroking_color"), False)
            elif e.get("orientation") == "h":
                add(e["x0"], e["top"] - half, e["x1"], e["top"] + half, obj.get("stroking_color"), False)
    return paint


def _stroked(page: PageLike) -> Iterator[dict[str, Any]]:
    yield from page.lines
    for obj in (*page.rects, *page.curves):
        if obj.get("stroke"):
            yield obj


def _cluster(values: Sequence[float]) -> tuple[list[float], dict[float, int]]:
    """Distinct coordinates, a run within ``MERGE`` of its first made one; and each value's place among them."""
    coords: list[float] = []
    where: dict[float, int] = {}
    start = float("-inf")
    for v in sorted(set(values)):
        if v - start > MERGE:
            start = v
            coords.append(v)
        where[v] = len(coords) - 1
    return coords, where


def paint_to_canvas(paint: Sequence[Paint]) -> Canvas | None:
    """Paint ``paint`` in order on an irregular grid of its coordinates; ``None`` if the grid would be too big.

    Each elementary region takes the colour of the last paint covering it
    (later paint covers earlier paint).
    """
    xs, where_x = _cluster([v for p in paint for v in (p.x0, p.x1)])
    ys, where_y = _cluster([v for p in paint for v in (p.top, p.bottom)])
    if len(xs) < 2 or len(ys) < 2 or (len(xs) - 1) * (len(ys) - 1) > MAX_REGIONS:
        return None
    cells = [[PAGE] * (len(xs) - 1) for _ in range(len(ys) - 1)]
    fills: list[tuple[int, int, int, int]] = []
    for p in paint:
        i0, i1 = where_x[p.x0], where_x[p.x1]
        j0, j1 = where_y[p.top], where_y[p.bottom]
        if i1 <= i0 or j1 <= j0:
            continue  # narrower than MERGE once close coordinates are one
        run = [p.colour] * (i1 - i0)
        for j in range(j0, j1):
            cells[j][i0:i1] = run
        if p.fill:
            fills.append((i0, i1, j0, j1))
    return Canvas(xs, ys, cells, fills)


def hidden_side(canvas: Canvas, reach: float) -> bool:
    """Whether some fill has a side a reader cannot see: along more than ``reach`` points, no colour changes near it.

    That is where the line strategy, which takes every side of every
    rectangle for an edge, sees a boundary a reader does not: a cell tiled
    by strips of one colour, a white box on white paper.  Where every side
    is seen, the painted edges are the rectangle edges again (within the
    snap tolerance ``reach``) and the line strategy's grid stands.  A stretch
    no longer than ``reach`` does not count: where a side runs under a rule
    crossing it, both routes see the rule.
    """
    xs, ys, cells = canvas.xs, canvas.ys, canvas.cells
    nx, ny = len(xs) - 1, len(ys) - 1

    def near(coords: list[float], k: int) -> range:
        lo, hi = k, k
        while lo > 0 and coords[k] - coords[lo - 1] <= reach:
            lo -= 1
        while hi < len(coords) - 1 and coords[hi + 1] - coords[k] <= reach:
            hi += 1
        return range(lo, hi + 1)

    def colour(i: int, j: int) -> int:
        return cells[j][i] if 0 <= i < nx and 0 <= j < ny else PAGE

    def unseen(along: list[float], start: int, seen: Iterator[bool]) -> bool:
        run = 0.0
        for n, ok in enumerate(seen, start):
            run = 0.0 if ok else run + along[n + 1] - along[n]
            if run > reach:
                return True
        return False

    for i0, i1, j0, j1 in canvas.fills:
        for i in (i0, i1):
            ks = near(xs, i)
            if unseen(ys, j0, (any(colour(k - 1, j) != colour(k, j) for k in ks) for j in range(j0, j1))):
                return True
        for j in (j0, j1):
            ks = near(ys, j)
            if unseen(xs, i0, (any(colour(i, k - 1) != colour(i, k) for k in ks) for i in range(i0, i1))):
                return True
    return False


def canvas_to_edges(canvas: Canvas, doctop: float = 0.0) -> list[Edge]:
    """Edges wherever two neighbouring regions, or a region and the page beyond the grid, differ in colour.

    A run of boundary along one coordinate is one edge.  ``doctop`` is the
    page's offset in the document (pdfplumber's edges carry it).
    """
    xs, ys, cells = canvas.xs, canvas.ys, canvas.cells
    edges: list[Edge] = []
    across = [[a != b for a, b in pairwise([PAGE, *row, PAGE])] for row in cells]  # boundaries left of each column
    for i, column in enumerate(zip(*across, strict=True)):
        for start, stop in _runs(column):
            edges.append(_edge("v", xs[i], ys[start], xs[i], ys[stop], doctop))
    blank = [PAGE] * (len(xs) - 1)
    for j, (above, below) in enumerate(pairwise([blank, *cells, blank])):  # boundaries above each row
        for start, stop in _runs([a != b for a, b in zip(above, below, strict=True)]):
            edges.append(_edge("h", xs[start], ys[j], xs[stop], ys[j], doctop))
    return edges


def _runs(flags: Sequence[bool]) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of each run of ``True`` in ``flags``."""
    start: int | None = None
    for n, flag in enumerate(flags):
        if flag and start is None:
            start = n
        elif not flag and start is not None:
            yield start, n
            start = None
    if start is not None:
        yield start, len(flags)


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float, doctop: float) -> Edge:
    return {
        "object_type": "painted_edge",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": doctop + top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def painted_edges(page: PageLike, reach: float = 3.0) -> list[Edge] | None:
    """The boundaries a reader sees on ``page``, or ``None`` where painting has nothing to add.

    ``None`` where no fill has a colour but white (a ruled page), and where
    every side of every fill is a boundary a reader sees (``hidden_side``,
    within ``reach`` points): on those pages the line strategy already finds
    what painting would.  ``None`` too where the page has more rectangles
    than ``MAX_PAINT`` or a grid larger than ``MAX_REGIONS`` (a chart, a
    vectorised scan): such pages keep the line strategy, at no extra cost.
    """
    rects = page.rects
    if len(rects) > MAX_PAINT or len(page.lines) + len(page.curves) > MAX_PAINT:
        return None
    if not any(r.get("fill") and colour_key(r.get("non_stroking_color")) != _WHITE for r in rects):
        return None
    canvas = paint_to_canvas(page_to_paint(page))
    if canvas is None or not hidden_side(canvas, reach):
        return None
    return canvas_to_edges(canvas, float(page.initial_doctop))


def painted_settings(edges: list[Edge], base: dict[str, Any]) -> dict[str, Any] | None:
    """``base`` table settings with ``edges`` as the only edges (pdfplumber's explicit strategy).

    ``base``'s snap and join tolerances stay: 3 pt makes the two sides of a
    1.5 pt gutter one edge down its middle.  Explicit lines already in
    ``base`` are kept.  ``None`` when there are too few edges for a grid (the
    explicit strategy needs two each way).
    """
    settings = dict(base)
    vertical = [*base.get("explicit_vertical_lines", []), *(e for e in edges if e["orientation"] == "v")]
    horizontal = [*base.get("explicit_horizontal_lines", []), *(e for e in edges if e["orientation"] == "h")]
    if len(vertical) < 2 or len(horizontal) < 2:
        return None
    settings.update(
        vertical_strategy="explicit",
        horizontal_strategy="explicit",
        explicit_vertical_lines=vertical,
        explicit_horizontal_lines=horizontal,
    )
    return settings
