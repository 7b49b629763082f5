"""Before a PDF is read: which pages may hold (part of) a plan, from what PDFium tells cheaply.

A council's agenda pack runs to a hundred pages of minutes and reports, the
plan on a few of them; reading a page in full (every character's box, every
path) is what costs.  So every page is first skimmed
(:meth:`extractors.readers.pdfium.PdfiumDoc.skim`: its plain text, its text
objects' boxes, its path counts), and read in full only where something says a
plan may be there (:func:`full_pages`):

* the opening pages (the title, council and date are read from them);
* rules or boxes enough for a table with two columns (:data:`MIN_RULE_SEGMENTS`
  path segments: three vertical edges need six);
* text set in columns (``columns_sign``: a borderless table's anchor line);
* the plan grammar's own signs (``text_signs``): a line it reads as a plan's label
  ("Action 1.2:", "Lead officer:", by the vocabulary in ``data/labels.toml`` and
  ``data/columns.toml``), a bulleted list, a heading of the plan's groups
  ("Recommendations", "Theme 2"); not a word in running prose, which every
  report's pages have;
* the pages either side of those (:data:`REACH`): a table carries on over a page
  break, and the heading above it may close the page before.  Where rules are
  the page's only sign, only the sides their table may reach: a table that
  text of its own page opens and closes (:func:`own_text`) holds nothing of its
  neighbours, as the budget tables of a report's pages do not.

The other pages are read as PDFium's plain text, one paragraph a line, with
the text of their margins read in full, so that running headers and footers
are still told by the lines repeated on half of *all* the pages.  A page with
more than :data:`MAX_SEGMENTS` path segments (a map, a chart, a vectorised
scan) has its graphics declined, with a note.

The counts of a page read in full decide the rest exactly (:class:`PageScan`):
below six segments no ruled or shaded grid can be found, so its table
finders are not run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from actionplans.extractors.cells import BULLET_CLASS
from actionplans.extractors.columns import header_words
from actionplans.extractors.labels import group_words, read_label
from actionplans.extractors.readers.furniture import digits_key

MIN_RULE_SEGMENTS = 6
"""Fewer path segments than this cannot draw the three vertical edges of a two-column grid."""

MAX_SEGMENTS = 50_000
"""Path segments on one page beyond which its graphics are not read at all: a vectorised map, chart or scan
(the most on a page of the corpus and the test renderings: 1,603; a 200 x 100 grid drawn cell by cell: 100,000)."""


@dataclass(frozen=True)
class PageScan:
    """A page's counts, and what they decide."""

    page: int
    paths: int
    segments: int

    @property
    def ruled(self) -> bool:
        """Whether the page may hold a ruled or shaded table (its table finders run)."""
        return MIN_RULE_SEGMENTS <= self.segments <= MAX_SEGMENTS

    @property
    def declined(self) -> str | None:
        """Why the page's graphics are not read, if they are not."""
        if self.segments > MAX_SEGMENTS:
            return f"{self.segments:,} path segments (a drawing, not a table: more than {MAX_SEGMENTS:,})"
        return None


# ---------------------------------------------------------------------------------------------------------------
# Pages read as plain text


OPENING_PAGES = 2
"""Pages always read in full at the start: the title, council and date come from the opening text."""

REACH = 1
"""Pages read in full either side of one that may hold a plan: a table carries on over a page break, and the
heading above it may close the page before."""

WIDE_GAP = 1.2
"""In text heights, the gap between two text objects of one line that sets them in columns (as
:data:`extractors.readers.borderless.ANCHOR_GAP` for words)."""

_BULLET = re.compile(rf"^\s*[{BULLET_CLASS}]")

PLAN_LABELS = frozenset(["action", "recommendation", "owner", "timescale", "measure", "status", "objective"])
"""Kinds of labelled line that are signs of a plan: its openings and its fields.  A line labelled with any other
word ("RESOLVED: ...", "Cabinet: agenda pack") or with a progress note ("Update: ...") is what minutes and
reports are made of, and says nothing."""

HEADING_WORDS = 8
"""A line of at most this many words that opens with a group word ("Recommendations", "Theme 2: Housing") is
a heading of a plan's groups."""


def _group_heading(line: str) -> bool:
    """Whether ``line`` is a short line that opens with the word a plan calls its groups (:func:`group_words`)."""
    words = header_words(line)
    if not words or len(words) > HEADING_WORDS:
        return False
    opening = _openings()
    return words[0] in opening or (len(words) > 1 and words[0] == "key" and words[1] in opening)


@cache
def _openings() -> frozenset[str]:
    return frozenset(w for group in group_words().values() for w in group)


def text_signs(lines: Sequence[str]) -> str | None:
    """Why a page's plain text may be part of a plan, if it may: a line labelled with a plan's opening or field
    ("Action 1.2: ...", "Lead officer: ...", by :func:`extractors.labels.read_label` and the vocabulary of
    ``data/labels.toml`` and ``data/columns.toml``), a bulleted line (a plan written as a list under its aims),
    or a heading of its groups ("Recommendations", "Priority 3").  A word in running prose is no sign: a
    report's pages speak of recommendations throughout, and minutes label every resolution."""
    for line in lines:
        if _BULLET.match(line):
            return "it has a bulleted list"
        if len(line) < 200:
            label = read_label(line)
            if label is not None and label.kind in PLAN_LABELS:
                return f"it has a labelled line ({line.strip()[:40]!r})"
            if _group_heading(line):
                return f"it has a heading of a plan's groups ({line.strip()[:40]!r})"
    return None


def columns_sign(boxes: Sequence[tuple[float, float, float, float]]) -> str | None:
    """Why a page's text objects may make a table without rules, if they may: a line of three objects set
    :data:`WIDE_GAP` text heights apart or more (the anchor of a borderless table)."""
    lines: dict[int, list[tuple[float, float, float, float]]] = {}
    for box in boxes:
        lines.setdefault(round(box[3] / 3), []).append(box)
    for row in lines.values():
        row.sort()
        wide = sum(1 for a, b in pairwise(row) if b[0] - a[2] > WIDE_GAP * max(a[3] - a[1], b[3] - b[1], 1.0))
        if wide >= 2:
            return "it has text set in columns"
    return None


def full_pages(
    signs: Sequence[str | None],
    opening: int = OPENING_PAGES,
    reach: int = REACH,
    sides: Sequence[tuple[bool, bool]] | None = None,
) -> list[bool]:
    """For each page (``signs``: why it may hold a plan, ``None`` if nothing says so), whether it is read in
    full: the opening pages, the pages with a sign, and their neighbours within ``reach``: those before where
    what the page holds may begin earlier, those after where it may go on (``sides``: for each page, whether
    it may begin before and go on after; both, where not given)."""
    n = len(signs)
    full = [i < opening for i in range(n)]
    for i, sign in enumerate(signs):
        if sign is not None:
            before, after = sides[i] if sides is not None else (True, True)
            for k in range(max(0, i - reach) if before else i, min(n, i + reach + 1) if after else i + 1):
                full[k] = True
    return full


RULED = "it has rules or boxes"
"""The sign of a page with rules or boxes enough for a table (:data:`MIN_RULE_SEGMENTS`)."""

SIDE_TOLERANCE = 1.0
"""Points by which text may reach past the topmost or lowest rule and still be inside what the rules draw."""


def ruled_band(rules: Iterable[tuple[float, float]], top: float, bottom: float) -> tuple[float, float] | None:
    """The top of the topmost and the bottom of the lowest of ``rules`` (each ``(top, bottom)``: a page's lines,
    rectangles and curves) in the body of the page (between ``top`` and ``bottom``, its margins, where running
    headers and footers are), or ``None`` where none is: rules in the margins draw no table."""
    body = [(t, b) for t, b in rules if b > top and t < bottom]
    if not body:
        return None
    return min(t for t, _ in body), max(b for _, b in body)


def own_text(words: Iterable[Mapping[str, Any]], furniture: Iterable[Mapping[str, Any]]) -> bool:
    """Whether ``words`` (a page's words above its table, or below it) hold text of the page's own, which
    opens (or closes) the table there: a word that is not furniture, the same word (its numbers as ``#``) at
    the same height among ``furniture`` (the margin words of the pages on that side: a running header or
    footer, a page number, repeats there).  A table that text of its own page opens does not begin on the
    page before, nor has its heading at that page's foot; one that text closes does not go on over the page.
    Furniture that no page near repeats counts as the page's own: the neighbour is then left unread, and a
    heading at its foot is read without its style.
    """
    repeated = {(digits_key(w["text"]), round(w["top"])) for w in furniture}
    for word in words:
        key, top = digits_key(word["text"]), round(word["top"])
        if key and not any((key, top + d) in repeated for d in (-1, 0, 1)):
            return True
    return False
