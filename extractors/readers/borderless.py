"""Find a table that has no rules or shading, anchored on its header line.

Plans typeset without borders still set their columns apart: "Action  Lead
officer  Timescale" over text that starts where each name starts.  The
chain: ``words_to_header`` finds a line of three or more gap-separated
phrases whose left edges the lines below share (alignment, not vocabulary); ``header_to_columns``
takes each phrase's left edge as a column start; ``body_to_rows`` cuts the
words below into rows where two or more columns start a paragraph at the same
height (cells of one row are top-aligned); the result is a grid of cell
bboxes, as pdfplumber gives for ruled tables, so the rest of the reader treats
both alike.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from itertools import pairwise
from typing import Any

from actionplans.records import BBox

Word = dict[str, Any]
"""A word as pdfplumber's ``extract_words`` gives it."""


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


_WINDOW = 25
"""Lines below a candidate header checked for phrases starting where its phrases start."""


def _near(x: float, starts: list[float], slack: float = 3.0) -> int | None:
    for k, s in enumerate(starts):
        if abs(x - s) <= slack:
            return k
    return None


def words_to_header(words: list[Word]) -> tuple[list[list[Word]], float] | None:
    """The header's phrases and the line's bottom, or ``None``: found by alignment alone.

    A header line has three or more phrases set well apart, and the lines
    below it start their phrases where its phrases start: at least two such
    lines, every column but one met at least twice, the first among them, and
    most lines with several phrases fitting the columns.  Whether the table
    is an action table is decided later, from its header words and its cells.
    """
    lines = word_lines(words)
    for n, line in enumerate(lines):
        size = statistics.median(w["size"] for w in line)
        phrases = _phrases(line, gap=1.2 * size)
        if len(phrases) < 3:
            continue
        starts = [min(w["x0"] for w in p) for p in phrases]
        hits = [0] * len(starts)
        multi = aligned = 0
        for below in lines[n + 1 : n + 1 + _WINDOW]:
            found = _phrases(below, gap=1.2 * statistics.median(w["size"] for w in below))
            if len(found) < 2:
                continue
            multi += 1
            near = [_near(min(w["x0"] for w in p), starts) for p in found]
            for k in near:
                if k is not None:
                    hits[k] += 1
            aligned += all(k is not None for k in near)
        met = sum(h >= 2 for h in hits)
        if multi >= 2 and hits[0] >= 2 and met >= max(2, len(starts) - 1) and aligned >= 0.6 * multi:
            return phrases, max(w["bottom"] for w in line)
    return None


def header_to_columns(phrases: list[list[Word]], page_width: float) -> list[tuple[float, float]]:
    starts = [min(w["x0"] for w in p) - 2 for p in phrases]
    ends = [s - 1 for s in starts[1:]] + [page_width]
    return list(zip(starts, ends, strict=True))


def body_to_rows(body: list[Word], columns: list[tuple[float, float]], bottom: float) -> list[list[BBox | None]]:
    """Cut the body into rows of cell bboxes at heights where two columns start together."""

    def column_of(w: Word) -> int | None:
        x = (w["x0"] + w["x1"]) / 2
        for i, (x0, x1) in enumerate(columns):
            if x0 <= x <= x1:
                return i
        return None

    starts: dict[int, list[float]] = {}
    for i in range(len(columns)):
        lines = word_lines([w for w in body if column_of(w) == i])
        prev_bottom = None
        for line in lines:
            top = min(w["top"] for w in line)
            size = statistics.median(w["size"] for w in line)
            if prev_bottom is None or top - prev_bottom > 0.55 * size:
                starts.setdefault(i, []).append(top)
            prev_bottom = max(w["bottom"] for w in line)
    tops = sorted({round(t, 1) for ts in starts.values() for t in ts})
    row_tops: list[float] = []
    for t in tops:
        together = sum(any(abs(t - s) <= 2.5 for s in ss) for ss in starts.values())
        if together >= 2 and (not row_tops or t - row_tops[-1] > 2.5):
            row_tops.append(t)
    if not row_tops:
        return []
    edges = [t - 1 for t in row_tops] + [bottom]
    rows = []
    for top, bot in pairwise(edges):
        rows.append([(x0, top, x1, bot) for x0, x1 in columns])
    return rows  # type: ignore[return-value]


def find_borderless(
    words: list[Word], page_width: float, page_height: float
) -> tuple[BBox, list[list[BBox | None]]] | None:
    """A borderless action table on the page as ``(bbox, rows of cell bboxes)``, or ``None``."""
    found = words_to_header(words)
    if found is None:
        return None
    phrases, header_bottom = found
    columns = header_to_columns(phrases, page_width)
    header_top = min(w["top"] for p in phrases for w in p) - 1
    body_size = statistics.median(w["size"] for w in words)
    body = [w for w in words if w["top"] > header_bottom and w["top"] < page_height * 0.93]
    # The table ends at the first line set larger than its text (the next heading).
    for line in word_lines(body):
        if statistics.median(w["size"] for w in line) > body_size + 1.5:
            body = [w for w in body if w["top"] < line[0]["top"] - 1]
            break
    if not body:
        return None
    bottom = max(w["bottom"] for w in body) + 1
    rows = body_to_rows(body, columns, bottom)
    if not rows:
        return None
    header_row: list[BBox | None] = [(x0, header_top, x1, header_bottom + 1) for x0, x1 in columns]
    bbox = (columns[0][0], header_top, columns[-1][1], bottom)
    return bbox, [header_row, *rows]
