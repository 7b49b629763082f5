"""Where the part of a long document that holds a plan begins: a report, an appendix, a tracker inside a
meeting's papers.

A plan is often one part of a longer document: an appendix to a covering report, a tracker among an
agenda's items.  What the plan says of itself (its date, its year) is written in that part's title block,
not in the document's opening, which is the agenda's front sheet.  A part opens on a page whose opening
lines hold one set in type larger than the body's, as the title of a report or an appendix is set.  This is
typography only: no words are looked for.
"""

from __future__ import annotations

from actionplans.extractors.model import Line, SourceDoc

SET_APART = 1.15
"""How much larger than the body text a line's type must be for it to be set apart as a heading."""

PART_OPENING = 12
"""Opening lines of a page that a part's title block is looked for in."""


def part_opening(doc: SourceDoc, page: int, limit: int = PART_OPENING) -> list[Line] | None:
    """The first ``limit`` lines of the page that opens the part of ``doc`` holding ``page``; ``None`` where
    that part opens the document, or the source gives no pages or sizes of type.

    The part opens at the nearest page, back from ``page``, whose opening lines hold one in type larger than
    the body's or than most of that page's (:data:`SET_APART`): a sheet printed to fit its page sets its
    title and its body small, and a report's header block may be set large throughout its page.
    """
    pages: dict[int, list[Line]] = {}
    for line in doc.text_lines():
        if line.page is not None and line.text.strip():
            pages.setdefault(line.page, []).append(line)
    every = sorted(ln.size for lines in pages.values() for ln in lines if ln.size)
    if not every:
        return None
    for number in range(page, min(pages), -1):
        lines = pages.get(number, [])
        sizes = sorted(ln.size for ln in lines if ln.size) or every
        body = min(every[len(every) // 2], sizes[len(sizes) // 2])
        if any(ln.size and ln.size >= body * SET_APART for ln in lines[:limit]):
            return lines[:limit]
    return None
