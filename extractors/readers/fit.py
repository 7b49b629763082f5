"""How well a page's grids fit its text: the measure for choosing between two ways of finding them.

A grid is wrong where it cuts what the typesetter kept together.  Counted,
word by word, by ``grid_fit``:

* a word whose box crosses its cell's boundary (an edge through a word);
* two words of one line, a word space apart, put in different cells (an
  edge through a line: a strip of a tiled cell taken for a column);
* two lines of one paragraph (overlapping, less than ``para_gap`` font sizes
  apart) put in different cells (an edge through a paragraph: the strip
  behind each line of a shaded cell taken for a row);
* a word inside a table's box but in none of its cells (the reader would
  lose it).

The count is geometry only, never what the words say.  A real cell
boundary that falls between two close lines counts against every grid
alike, so only the comparison of two grids of one page means anything;
``GridFit.key`` orders them: fewer cuts, then more words held in cells, then
fewer cells (the same text in fewer cells has fewer boundaries nobody can
see).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from actionplans.extractors.readers.borderless import Word, word_lines
from actionplans.records import BBox

Grid = tuple[BBox, list[list[BBox | None]], str]
"""A table as the PDF reader finds it: ``(bbox, rows of cell bboxes, kind)``."""

OUTSIDE = -1
"""Where a word outside every grid is."""
LOST = -2
"""Where a word inside a grid's box but in none of its cells is."""

_BIN = 24.0
"""Height, in points, of the bands cells are indexed by, so that a word is looked up among a few cells only."""


@dataclass(frozen=True)
class GridFit:
    """What ``grid_fit`` counted on one page."""

    cuts: int
    """Words, lines and paragraphs cut, and words lost (see the module's docstring)."""
    held: int
    """Words inside a cell."""
    cells: int
    """Cells in all the page's grids."""

    def key(self) -> tuple[int, int, int]:
        """Sort key: the better fit sorts first."""
        return (self.cuts, -self.held, self.cells)


def words_to_cells(words: Sequence[Word], grids: Sequence[Grid]) -> tuple[list[int], list[BBox]]:
    """For each word, the index of the cell holding its centre (as the reader assigns words), ``LOST`` or ``OUTSIDE``.

    Returns the indices and the cells they index.
    """
    cells = [c for _, rows, _ in grids for row in rows for c in row if c is not None]
    bands: dict[int, list[int]] = {}
    for k, c in enumerate(cells):
        for b in range(int(c[1] // _BIN), int(c[3] // _BIN) + 1):
            bands.setdefault(b, []).append(k)
    where: list[int] = []
    for w in words:
        x, y = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        found = next((k for k in bands.get(int(y // _BIN), ()) if _holds(cells[k], x, y)), None)
        if found is None:
            found = LOST if any(_holds(g[0], x, y) for g in grids) else OUTSIDE
        where.append(found)
    return where, cells


def _holds(box: BBox, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def grid_fit(
    grids: Sequence[Grid], words: Sequence[Word], line_tolerance: float = 3.0, para_gap: float = 0.55
) -> GridFit:
    """Count what ``grids`` cut of ``words`` (see the module's docstring).

    ``line_tolerance`` and ``para_gap`` are the reader's own: words whose tops
    differ by less than the first share a line; lines closer than the second
    (in font sizes) share a paragraph.  A word space is taken as up to half
    a font size (justified lines stretch theirs).
    """
    where, cells = words_to_cells(words, grids)
    at = {id(w): k for w, k in zip(words, where, strict=True)}

    def apart(a: Word, b: Word) -> bool:
        ka, kb = at[id(a)], at[id(b)]
        return ka != kb and (ka >= 0 or kb >= 0)

    cuts = sum(1 for k in where if k == LOST)
    for w, k in zip(words, where, strict=True):
        if k >= 0:
            c, slack = cells[k], (w["bottom"] - w["top"]) / 4  # a word's box reaches past its glyphs
            cuts += w["x0"] < c[0] - 1 or w["x1"] > c[2] + 1 or w["top"] < c[1] - slack or w["bottom"] > c[3] + slack
    segments: list[list[Word]] = []
    for line in word_lines(words, line_tolerance):
        segments.append([line[0]])
        for prev, w in pairwise(line):
            if w["x0"] - prev["x1"] <= 0.5 * w["size"]:
                cuts += apart(prev, w)
                segments[-1].append(w)
            else:
                segments.append([w])
    cuts += _paragraph_cuts(segments, para_gap, line_tolerance, apart)
    return GridFit(cuts=cuts, held=sum(1 for k in where if k >= 0), cells=len(cells))


def _paragraph_cuts(
    segments: list[list[Word]], para_gap: float, line_tolerance: float, apart: Callable[[Word, Word], bool]
) -> int:
    """Pairs of overlapping line segments, one on the next line below the other, that ``apart`` separates.

    Each segment is compared with the segments of the nearest line below it
    that overlap it, if that line is within ``para_gap`` font sizes.
    """
    boxes = sorted(
        (
            (min(w["top"] for w in s), max(w["bottom"] for w in s), s[0]["x0"], s[-1]["x1"], s[0]["size"], n)
            for n, s in enumerate(segments)
        ),
    )
    cuts = 0
    for i, (top, bottom, x0, x1, size, n) in enumerate(boxes):
        limit = bottom + para_gap * size
        below: float | None = None
        for j in range(i + 1, len(boxes)):
            top2, _, x02, x12, _, n2 = boxes[j]
            if top2 > limit or (below is not None and top2 > below + line_tolerance):
                break
            if top2 <= top + line_tolerance or x02 >= x1 or x0 >= x12:
                continue
            below = top2 if below is None else below
            cuts += apart(segments[n][0], segments[n2][0])
    return cuts
