"""Find tables that have no rules or shading, by the alignment of their columns alone.

Plans typeset without borders still set their columns apart: "Action  Lead
officer  Timescale" over text that starts where each name starts.  A table
is a run of lines whose phrases start at a shared set of column positions.
The chain, per page: ``words_to_lines`` (visual lines, with their size,
weight and phrases) -> ``lines_to_tables``, which takes each line of three
or more phrases set well apart as an anchor (the header, or the first row
of a page that carries on a table without repeating its header), its
phrases' left edges as the column starts, grows the table down while the
lines fit those columns (``grow_table``, ``line_fit``) and keeps it when the
lines below the anchor bear the columns out (``table_evidence``) ->
``table_to_rows``, which cuts it into rows where two or more columns start
a paragraph at the same height (cells of one row are top-aligned) and gives
each cell a box (``column_boxes``).  The result is a grid of cell bboxes, as
pdfplumber gives for ruled tables, so the rest of the reader treats both
alike; several tables to a page, each its own grid.

A table ends where the alignment stops: a line set larger than the table's
text, a line set apart by more than the table's own spacing, a line that
starts left of the first column or runs across a column start, the header
repeated, or a line that spans the columns (starts at the first column and
runs past the second's start) with no aligned row under it: the heading of
the next table ("R2 – ...", "Area for development 2 – ..."), which stays
outside as a paragraph.  A spanning line with aligned rows under it is a
theme row inside the table ("Strategic priority 2 – ..."), and so is a bold
line alone at the first column over rows in regular type; both become a row
with one cell across the table, the other cells ``None``, as a merged cell
in a ruled grid.  So does a paragraph that runs on past the next row's
start: a cell merged down over the rows beside it.  Nothing here reads what
the words say: the header's words are weighed later, by
``extractors.columns``.
"""

from __future__ import annotations

import statistics
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Literal

from actionplans.records import BBox

Word = dict[str, Any]
"""A word as pdfplumber's ``extract_words`` gives it."""

SLACK = 3.0
"""Points a phrase's left edge may miss a column start by and still start there."""
ANCHOR_GAP = 1.2
"""In font sizes, the gap that sets an anchor line's phrases apart (a header's cells stand well apart)."""
CELL_GAP = 0.6
"""In font sizes, the least gap between the text of two cells on a line: less is a word space, so a phrase
that runs on across a column start with no more than that is one phrase running across the columns."""
PARA_GAP = 0.55
"""In font sizes, a vertical gap wider than this starts a paragraph (as ``PdfSettings.para_gap``)."""
LARGER = 1.0
"""Points above the table's text size from which a line is a heading, not part of the table."""
SPACING = 1.5
"""A line set apart by more than this many times the widest gap between rows seen so far ends the table."""
BOTTOM = 0.93
"""Share of the page height below which text is page furniture (a running footer), never a cell."""


def word_lines(words: Iterable[Word], tol: float = 3.0) -> list[list[Word]]:
    """Words grouped into visual lines (tops within ``tol``), each left to right, lines top to bottom."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if out and abs(out[-1][0]["top"] - w["top"]) <= tol:
            out[-1].append(w)
        else:
            out.append([w])
    for line in out:
        line.sort(key=lambda w: w["x0"])
    return out


def _phrases(line: list[Word], gap: float) -> list[list[Word]]:
    out: list[list[Word]] = []
    for w in line:
        if out and w["x0"] - out[-1][-1]["x1"] <= gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


@dataclass(frozen=True)
class TextLine:
    """A visual line of a page: its words left to right, the box, size and weight they are set in, and its
    phrases as ``(x0, x1)``: ``wide`` split where words stand :data:`ANCHOR_GAP` apart, ``cells`` where
    they stand :data:`CELL_GAP` apart."""

    words: list[Word]
    top: float
    bottom: float
    size: float
    bold: bool
    text: str
    wide: list[tuple[float, float]]
    cells: list[tuple[float, float]]


def _extents(phrases: list[list[Word]]) -> list[tuple[float, float]]:
    return [(p[0]["x0"], max(w["x1"] for w in p)) for p in phrases]


def _bold(words: Iterable[Word]) -> bool:
    words = list(words)
    return sum("bold" in str(w.get("fontname", "")).lower() for w in words) > len(words) / 2


def words_to_lines(words: Iterable[Word]) -> list[TextLine]:
    """The page's words as :class:`TextLine`, top to bottom."""
    out = []
    for line in word_lines(words):
        size = statistics.median(w["size"] for w in line)
        out.append(
            TextLine(
                words=line,
                top=min(w["top"] for w in line),
                bottom=max(w["bottom"] for w in line),
                size=size,
                bold=_bold(line),
                text=" ".join(w["text"] for w in line),
                wide=_extents(_phrases(line, ANCHOR_GAP * size)),
                cells=_extents(_phrases(line, CELL_GAP * size)),
            )
        )
    return out


Fit = Literal["fits", "spans", "out"]


def _column_at(x: float, starts: list[float]) -> int | None:
    """The column a phrase starting at ``x`` falls in: the last one starting at or left of it."""
    found = None
    for k, s in enumerate(starts):
        if x >= s - SLACK:
            found = k
    return found


def line_fit(line: TextLine, starts: list[float]) -> Fit:
    """How a line sits on the columns that start at ``starts``.

    ``fits``: every phrase starts in a column and ends before the next
    column starts.  ``spans``: one phrase, starting at the first column and
    running on past the second column's start (a heading, a theme row, a
    paragraph of prose).  ``out``: anything else (a line starting left of
    the table, a phrase running across a column start further right).  A
    line whose first phrase runs across while others start at column
    starts is a row of a table set tight, and fits.
    """
    for n, (x0, x1) in enumerate(line.cells):
        k = _column_at(x0, starts)
        if k is None:
            return "out"
        if k + 1 < len(starts) and x1 > starts[k + 1]:
            if n > 0 or abs(x0 - starts[0]) > SLACK:
                return "out"
            if len(line.cells) == 1:
                return "spans"
            return "fits" if len(starts_met(line, starts)) >= 2 else "out"
    return "fits"


def starts_met(line: TextLine, starts: list[float]) -> set[int]:
    """The columns a line has a phrase starting at (within :data:`SLACK`)."""
    out = set()
    for x0, _ in line.cells:
        for k, s in enumerate(starts):
            if abs(x0 - s) <= SLACK:
                out.add(k)
    return out


def row_start(line: TextLine, starts: list[float]) -> bool:
    """A line that fits the columns with phrases starting at two or more column starts: a row's first line."""
    return line_fit(line, starts) == "fits" and len(starts_met(line, starts)) >= 2


@dataclass
class Found:
    """A table grown from its anchor line: the column starts and, in order, its runs of lines, each
    ``("cells", lines)`` or ``("theme", lines of one theme row)``."""

    starts: list[float]
    anchor: TextLine
    parts: list[tuple[Literal["cells", "theme"], list[TextLine]]] = field(default_factory=list)

    @property
    def lines(self) -> list[TextLine]:
        return [ln for _, run in self.parts for ln in run]

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln in self.lines)

    def add(self, line: TextLine) -> None:
        if self.parts and self.parts[-1][0] == "cells":
            self.parts[-1][1].append(line)
        else:
            self.parts.append(("cells", [line]))


def grow_table(lines: list[TextLine], n: int, body_size: float) -> tuple[Found, int]:
    """The table anchored on ``lines[n]``, and the index of the first line after it.

    Lines are taken while they fit the anchor's columns and keep to the
    table's size and spacing: no line set larger than the table's text (or
    the page's body text), no gap wider than :data:`SPACING` times the
    widest between rows so far.  A paragraph at the first column that spans
    the columns, or one bold line there over rows in regular type, is a
    theme row (:func:`_is_theme`); a spanning paragraph that is not (the
    heading of the next table, the prose after this one) ends the table.
    So does the header repeated (the next table's), the paragraph alone at
    the first column just above it being that table's heading.
    """
    anchor = lines[n]
    starts = [x0 for x0, _ in anchor.wide]
    size = max(anchor.size, body_size)
    found = Found(starts, anchor, [("cells", [anchor])])
    bottom, widest = anchor.bottom, 0.0
    i = n + 1
    while i < len(lines):
        line = lines[i]
        gap = line.top - bottom
        allowed = SPACING * widest + 1 if widest else 3 * line.size
        if line.size > size + LARGER or gap > allowed:
            break
        if line.text == anchor.text:
            _drop_heading(found)
            break
        fit = line_fit(line, starts)
        if fit == "out":
            break
        fresh = gap > PARA_GAP * line.size
        lone = fit == "fits" and line.bold and len(line.cells) == 1 and starts_met(line, starts) == {0}
        if fresh and (fit == "spans" or lone):
            run, j = _theme_run(lines, i, starts)
            if _is_theme(run, lines[j] if j < len(lines) else None, found, allowed, spans=fit == "spans"):
                found.parts.append(("theme", run))
                bottom, widest, i = max(bottom, run[-1].bottom), max(widest, gap), j
                continue
        if fit == "spans":
            break
        found.add(line)
        if fresh:
            widest = max(widest, gap)
        bottom, i = max(bottom, line.bottom), i + 1
    return found, i


def _theme_run(lines: list[TextLine], i: int, starts: list[float]) -> tuple[list[TextLine], int]:
    """A theme row's lines from ``lines[i]``: it and the lines it wraps onto (one phrase at the first
    column, in its type, with no gap), and the index of the line after them."""
    run = [lines[i]]
    j = i + 1
    while j < len(lines) and _wraps_on(run[-1], lines[j], starts):
        run.append(lines[j])
        j += 1
    return run, j


def _wraps_on(line: TextLine, nxt: TextLine, starts: list[float]) -> bool:
    """Whether ``nxt`` carries on a paragraph at the first column: one phrase there, in the same type, no gap."""
    return (
        nxt.top - line.bottom <= PARA_GAP * nxt.size
        and len(nxt.cells) == 1
        and abs(nxt.cells[0][0] - starts[0]) <= SLACK
        and line_fit(nxt, starts) != "out"
        and (nxt.size, nxt.bold) == (line.size, line.bold)
    )


def _is_theme(run: list[TextLine], after: TextLine | None, found: Found, allowed: float, spans: bool) -> bool:
    """Whether a paragraph at the first column is a theme row of ``found``.

    An aligned row must follow it at the table's spacing, and not the
    header again (in its words, or bold under a bold header).  A paragraph
    that does not span the columns must be one bold line over a row in
    regular type.  One bold line that ends the page is a theme row too when
    the table's rows are set in regular type: the table goes on overleaf.
    """
    header = found.anchor
    if after is None:
        above = found.lines[-1]
        return len(run) == 1 and run[0].bold and above is not header and not above.bold
    if not spans and (len(run) > 1 or after.bold):
        return False
    gap = after.top - run[-1].bottom
    return (
        row_start(after, found.starts)
        and after.text != header.text
        and not (header.bold and after.bold)
        and PARA_GAP * after.size < gap <= allowed
    )


def _drop_heading(found: Found) -> None:
    """Take off the end of ``found`` a paragraph alone at the first column (the next table's heading)."""
    kind, run = found.parts[-1]
    if kind != "cells":
        return
    k = len(run) - 1
    while k > 1 and _wraps_on(run[k - 1], run[k], found.starts):
        k -= 1
    first = run[k]
    alone = len(first.cells) == 1 and abs(first.cells[0][0] - found.starts[0]) <= SLACK
    if k >= 1 and alone and first.top - max(ln.bottom for ln in run[:k]) > PARA_GAP * first.size:
        del run[k:]


def table_evidence(found: Found) -> bool:
    """Whether the lines below the anchor bear its columns out.

    One of them at least starts a row (two or more phrases at column
    starts), and together they start phrases at two or more columns: at
    every column but one (every column, for a single row), unless the
    anchor is set apart as a header, bold over rows in regular type (a page
    that carries on a table with only the rest of a row a page break cut).
    Prose never does this: its lines are single phrases; nor do the lines
    of a form's labels and values, which are all set alike.
    """
    body = [ln for kind, run in found.parts if kind == "cells" for ln in run if ln is not found.anchor]
    rows = sum(row_start(ln, found.starts) for ln in body)
    met: set[int] = set()
    for line in body:
        met |= starts_met(line, found.starts)
    header = found.anchor.bold and sum(ln.bold for ln in body) < len(body) / 2
    need = len(found.starts) - (1 if rows >= 2 else 0)
    return rows >= 1 and len(met) >= 2 and (len(met) >= need or header)


def lines_to_tables(lines: list[TextLine], body_size: float) -> list[Found]:
    """Every borderless table among the page's lines, top to bottom: each anchored on a line of three or
    more phrases set well apart, and kept when :func:`table_evidence` bears it out."""
    out: list[Found] = []
    n = 0
    while n < len(lines):
        if len(lines[n].wide) >= 3:
            found, end = grow_table(lines, n, body_size)
            if table_evidence(found):
                out.append(found)
                n = end
                continue
        n += 1
    return out


def table_to_rows(found: Found, page_width: float) -> list[list[BBox | None]]:
    """Rows of cell bboxes, top to bottom.

    A row starts at the anchor, after each theme row, and where two or
    more columns start a paragraph at the same height; under a bold
    header, the first paragraph below it starts the first row, however
    many columns it fills (the rest of a row a page break cut).  A theme
    row is one cell across the table.  A paragraph that runs on past the
    start of the next row (a recommendation beside its several actions)
    is a cell merged down over those rows, ``None`` in the rows it covers,
    as pdfplumber gives a merged cell.
    """
    columns = column_boxes(found, page_width)
    tops: list[tuple[float, bool]] = []
    paragraphs: list[list[tuple[float, float]]] = [[] for _ in columns]
    for kind, run in found.parts:
        if kind == "theme":
            tops.append((run[0].top, True))
            continue
        paras = column_paragraphs(run, columns)
        body = _body_start(run) if run[0] is found.anchor else None
        tops.append((run[0].top, False))
        for t in sorted([*_row_tops(paras), *([body] if body is not None else [])]):
            if t - tops[-1][0] > 2.5:
                tops.append((t, False))
        for c, ps in enumerate(paras):
            paragraphs[c].extend(ps)
    edges = [t - 1 for t, _ in tops] + [found.bottom + 1]
    rows: list[list[BBox | None]] = []
    for (_, theme), (y0, y1) in zip(tops, pairwise(edges), strict=True):
        if theme:
            rows.append([(columns[0][0], y0, columns[-1][1], y1)] + [None] * (len(columns) - 1))
        else:
            rows.append([(x0, y0, x1, y1) for x0, x1 in columns])
    for c, ps in enumerate(paragraphs):
        for first, last in ps:
            r0, r1 = bisect_right(edges, first) - 1, bisect_right(edges, last) - 1
            cell = rows[r0][c]
            if r1 > r0 and cell is not None:
                rows[r0][c] = (cell[0], cell[1], cell[2], edges[r1 + 1])
                for r in range(r0 + 1, r1 + 1):
                    rows[r][c] = None
    return rows


def column_boxes(found: Found, page_width: float) -> list[tuple[float, float]]:
    """Each column's ``(x0, x1)``: from 2 points left of its start to as far as its text can reach.

    With no rules, a cell's right edge is not drawn; the narrowest gutter
    seen between a column's text and the next column's start bounds the
    cells' padding, so each cell ends that far short of the next column
    (the last one at the page's right margin, taken as wide as its left, or
    at its text).  The clean-up tells a line that wrapped from a deliberate
    break by that edge, as it does in a ruled cell.
    """
    starts = found.starts
    reach = [starts[k] for k in range(len(starts))]
    for kind, run in found.parts:
        if kind == "theme":
            continue
        for line in run:
            for x0, x1 in line.cells:
                k = _column_at(x0, starts)
                if k is not None and (k + 1 == len(starts) or x1 <= starts[k + 1]):
                    reach[k] = max(reach[k], x1)
    gutters = [nxt - r for r, nxt in zip(reach, starts[1:], strict=False)]
    gutter = max(2.0, min(gutters, default=5.0))
    ends = [nxt - gutter for nxt in starts[1:]] + [max(page_width - starts[0], reach[-1])]
    return [(s - 2, e + 2) for s, e in zip(starts, ends, strict=True)]


def column_paragraphs(run: list[TextLine], columns: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Per column, the paragraphs of a run of table lines in it, each as the tops of its first and last
    lines; a word is in the column its centre falls in."""

    def column_of(w: Word) -> int | None:
        x = (w["x0"] + w["x1"]) / 2
        for i, (x0, x1) in enumerate(columns):
            if x0 <= x <= x1:
                return i
        return None

    words = [w for line in run for w in line.words]
    out: list[list[tuple[float, float]]] = []
    for i in range(len(columns)):
        paras: list[tuple[float, float]] = []
        prev_bottom = None
        for line in word_lines([w for w in words if column_of(w) == i]):
            top = min(w["top"] for w in line)
            size = statistics.median(w["size"] for w in line)
            if prev_bottom is None or top - prev_bottom > PARA_GAP * size:
                paras.append((top, top))
            else:
                paras[-1] = (paras[-1][0], top)
            prev_bottom = max(w["bottom"] for w in line)
        out.append(paras)
    return out


def _row_tops(paragraphs: list[list[tuple[float, float]]]) -> list[float]:
    """Heights where two or more columns start a paragraph together (within 2.5 points)."""
    starts = [[first for first, _ in ps] for ps in paragraphs]
    out: list[float] = []
    for t in sorted({round(t, 1) for ts in starts for t in ts}):
        together = sum(any(abs(t - s) <= 2.5 for s in ss) for ss in starts)
        if together >= 2 and (not out or t - out[-1] > 2.5):
            out.append(t)
    return out


def _body_start(run: list[TextLine]) -> float | None:
    """Under a bold anchor (a header), the top of the first line in regular type set apart from the
    lines above: the header's cells are one paragraph each, so the body starts there."""
    if not run[0].bold:
        return None
    bottom = run[0].bottom
    for line in run[1:]:
        if line.top - bottom > PARA_GAP * line.size:
            return None if line.bold else line.top
        bottom = max(bottom, line.bottom)
    return None


def find_borderless(
    words: list[Word], page_width: float, page_height: float
) -> list[tuple[BBox, list[list[BBox | None]]]]:
    """Every borderless table on the page as ``(bbox, rows of cell bboxes)``, top to bottom.

    Words below :data:`BOTTOM` of the page (running footers) are left out.
    """
    body = [w for w in words if w["top"] < page_height * BOTTOM]
    if not body:
        return []
    out = []
    for found in lines_to_tables(words_to_lines(body), statistics.median(w["size"] for w in body)):
        rows = table_to_rows(found, page_width)
        cells = [c for row in rows for c in row if c is not None]
        bbox = (cells[0][0], found.anchor.top - 1, max(c[2] for c in cells), found.bottom + 1)
        out.append((bbox, rows))
    return out
