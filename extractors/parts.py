"""Where the part of a long document that holds a plan begins: a report, an appendix, a tracker inside a
meeting's papers.

A plan is often one part of a longer document: an appendix to a covering report, a tracker among an
agenda's items.  What the plan says of itself (its date, its year) is written in that part's title block,
not in the document's opening, which is the agenda's front sheet.  A part opens on a page whose opening
lines hold one set in type larger than the body's, as the title of a report or an appendix is set.  This is
typography only: no words are looked for.
"""

from __future__ import annotations

from actionplans.extractors.model import Line, Paragraph, SourceDoc

SET_APART = 1.15
"""How much larger than the body text a line's type must be for it to be set apart as a heading."""

PART_OPENING = 12
"""Opening lines of a page that a part's title block is looked for in."""


def part_title(doc: SourceDoc, page: int, limit: int = PART_OPENING) -> list[Line] | None:
    """The title block of :func:`part_opening`: its lines before the first of running text (a sentence, or a
    line of :data:`TITLE_WORDS` words or more), where a part says what it is ("Council Plan 2025/26 –
    Delivery Milestones", "Updated 10 October 2025"); ``None`` as there."""
    lines = part_opening(doc, page, limit)
    if lines is None:
        return None
    end = next((k for k, ln in enumerate(lines) if _running_text(ln.text)), len(lines))
    return lines[:end]


TITLE_WORDS = 12
"""Words from which a line is running text, not a title block's."""


def _running_text(text: str) -> bool:
    words = text.split()
    return len(words) >= TITLE_WORDS or text.rstrip().endswith((".", "!", "?"))


def part_opening(doc: SourceDoc, page: int, limit: int = PART_OPENING) -> list[Line] | None:
    """The first ``limit`` lines outside tables of the page that opens the part of ``doc`` holding ``page``;
    ``None`` where that part opens the document, or the source gives no pages or sizes of type.

    The part opens at the nearest page, back from ``page``, whose opening lines hold one in type larger than
    the body's or than most of that page's (:data:`SET_APART`; the page's body counts its tables' text too):
    a sheet printed to fit its page sets its title and its body small, and a report's header block may be
    set large throughout its page.  A table's own header row, set larger than its cells, is no title.
    """
    pages: dict[int, list[Line]] = {}
    sizes: dict[int, list[float]] = {}
    for line in doc.text_lines():
        if line.page is not None and line.size:
            sizes.setdefault(line.page, []).append(line.size)
    for block in doc.blocks:  # paragraphs only: a table's header row set larger than its cells is no title
        if isinstance(block, Paragraph):
            for line in block.lines:
                if line.page is not None and line.text.strip():
                    pages.setdefault(line.page, []).append(line)
    every = sorted(size for page_sizes in sizes.values() for size in page_sizes)
    if not every or not pages:
        return None
    for number in range(page, min(pages), -1):
        lines = pages.get(number, [])
        own = sorted(sizes.get(number, [])) or every
        least = min(every[len(every) // 2], own[len(own) // 2]) * SET_APART
        if any(ln.size and ln.size >= least for ln in lines[:limit]):
            return lines[:limit]
    return None
