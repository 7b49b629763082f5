"""Text set in columns on a page: where gutters part them, so that each column is read down before the next.

A PDF page keeps no reading order: its lines are read by height, and where a
page sets its text in two columns a line of the left column and one of the
right stand side by side, so read by height the two columns interleave (the
first line of one recommendation, the first of another, the second of the
first, ...).  :func:`find_columns` looks for a gutter: an upright band of the
page, from the left edge of a run of right-hand lines, that no line crosses
for a stretch of the page with lines on both sides of it.  Only columns of
text count: each side's lines must be as wide as running text is (a column
of labels beside their values, "Lead officer:" | "Head of Housing", is no
column), and the stretch must hold lines on both sides over the same heights.
A page with no such stretch is read by height as before; lines above and below
the stretch (a title across the page, a footnote) stay where they are.

Geometry only: the words are never looked at.  Two sides set as the cells of
a borderless table are no columns (:func:`across_rows`): the white between a
table's rows runs across both sides, where the white between one column's
paragraphs is beside the other column's text.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from actionplans.extractors.model import Line

MIN_LINES = 3
"""Lines each side of a gutter must have, at the least, to be columns."""

MIN_GUTTER = 8.0
"""Points of white between the left column's longest line and the right column's left edge, at the least."""

EDGE_TOLERANCE = 2.0
"""Points by which a line of the right column may start left of the column's edge (a hanging number)."""

WIDE = 0.25
"""Share of the width of the page's text that each column's longest line must reach."""

TYPICAL = 0.2
"""Share of that width that each column's median line must reach: running text, not labels or numbers."""

ROW_GAP = 0.5
"""In line heights, the least white between two lines that parts them (a paragraph's or a row's)."""

SHARED = 0.75
"""Share of the gaps of the side with fewer that, where both sides have lines, must run across the other side
too for the two to be a table's rows, not columns."""


@dataclass(frozen=True)
class Columns:
    """A stretch of a page, from ``top`` to ``bottom``, whose text is set in columns parted at ``gutters``."""

    top: float
    bottom: float
    gutters: tuple[float, ...]
    """The left edge of each column but the first, left to right."""

    def side(self, line: Line) -> int | None:
        """The column a line of the stretch stands in, counted from 0 at the left; ``None`` for a line outside
        the stretch."""
        if line.bbox is None or not self.top <= line.top <= self.bottom:
            return None
        return sum(1 for gutter in self.gutters if (line.x0 or 0.0) >= gutter - EDGE_TOLERANCE)


def _width(line: Line) -> float:
    return (line.x1 or 0.0) - (line.x0 or 0.0)


def find_columns(lines: Sequence[Line]) -> Columns | None:
    """The stretch of the page (``lines``: its lines outside tables) whose text is set in columns, if any.

    Where several gutters would do, the one whose stretch holds the most lines parts it; then each side of it
    is looked at in the same way, by its own width, and a gutter that parts the whole of a side (no line of
    it crosses) parts a column of its own (three columns of a newsletter)."""
    found = _two_columns(lines)
    if found is None:
        return None
    inside = [ln for ln in lines if ln.bbox and ln.x0 is not None and found.top <= ln.top <= found.bottom]
    gutters = list(found.gutters)
    for part in (
        [ln for ln in inside if (ln.x0 or 0.0) < found.gutters[0] - EDGE_TOLERANCE],
        [ln for ln in inside if (ln.x0 or 0.0) >= found.gutters[0] - EDGE_TOLERANCE],
    ):
        within = find_columns(part)
        if (
            within is not None
            and within.top <= min(ln.top for ln in part)
            and within.bottom >= max(ln.top for ln in part)
        ):
            gutters.extend(within.gutters)
    return Columns(found.top, found.bottom, tuple(sorted(gutters)))


def _two_columns(lines: Sequence[Line]) -> Columns | None:
    """The stretch of the page whose text two columns share, parted by one gutter; where several gutters would
    do, the one whose stretch holds the most lines."""
    body = sorted((ln for ln in lines if ln.bbox and ln.x0 is not None and ln.x1 is not None), key=lambda ln: ln.top)
    if len(body) < 2 * MIN_LINES:
        return None
    left_edge = min(ln.x0 or 0.0 for ln in body)
    span = max(ln.x1 or 0.0 for ln in body) - left_edge
    if span <= 0:
        return None
    best: tuple[int, Columns] | None = None
    for start in sorted({round(ln.x0 or 0.0) for ln in body}):  # a column's edge is where a line of it starts
        if start - left_edge < WIDE * span:
            continue
        run: list[Line] = []
        for line in [*body, None]:
            crossing = line is not None and (
                (line.x0 or 0.0) < start - EDGE_TOLERANCE and (line.x1 or 0.0) > start - MIN_GUTTER
            )
            if line is not None and not crossing:
                run.append(line)
                continue
            found = _columns(run, float(start), span)
            if found is not None and (best is None or len(run) > best[0]):
                best = (len(run), found)
            run = []
    return best[1] if best else None


def _columns(run: list[Line], start: float, span: float) -> Columns | None:
    """The run of lines (by height, none crossing the gutter at ``start``) as two columns, if it is."""
    left = [ln for ln in run if (ln.x0 or 0.0) < start - EDGE_TOLERANCE]
    right = [ln for ln in run if (ln.x0 or 0.0) >= start - EDGE_TOLERANCE]
    if len(left) < MIN_LINES or len(right) < MIN_LINES:
        return None
    for side in (left, right):
        widths = [_width(ln) for ln in side]
        if max(widths) < WIDE * span or statistics.median(widths) < TYPICAL * span:
            return None
    # side by side over the same heights, not one after the other
    if min(ln.top for ln in right) > max(ln.top for ln in left) or min(ln.top for ln in left) > max(
        ln.top for ln in right
    ):
        return None
    if across_rows(left, right):
        return None
    return Columns(min(ln.top for ln in run), max(ln.top for ln in run), (start,))


def _gaps(extents: list[tuple[float, float]], least: float) -> int:
    """How many times white of at least ``least`` points parts ``extents`` (tops and bottoms), read down."""
    count, end = 0, None
    for top, bottom in sorted(extents):
        if end is not None and top - end >= least:
            count += 1
        end = bottom if end is None else max(end, bottom)
    return count


def across_rows(left: Sequence[Line], right: Sequence[Line]) -> bool:
    """Whether two sides are a table's rows: over the heights where both have lines, more than
    :data:`SHARED` of the gaps of the side with fewer run across the other side too (white between rows
    crosses the table; white between one column's paragraphs has the other column's text beside it)."""
    boxes = [[(ln.bbox[1], ln.bbox[3]) for ln in side if ln.bbox] for side in (left, right)]
    if not boxes[0] or not boxes[1]:
        return False
    low = max(min(t for t, _ in side) for side in boxes)
    high = min(max(b for _, b in side) for side in boxes)
    both = [[(t, b) for t, b in side if low <= t <= high] for side in boxes]
    least = ROW_GAP * statistics.median(b - t for side in boxes for t, b in side)
    fewer = min(_gaps(side, least) for side in both)
    return fewer >= 2 and _gaps(both[0] + both[1], least) >= SHARED * fewer
