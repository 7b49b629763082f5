"""Page furniture: page numbers and running headers and footers, told from headings that repeat.

Both readers drop, before any table or paragraph is made, the lines a page
prints in its margins on every page: "Page 3", "3 of 10", a title or council
name repeated at the same place.  A line that repeats with different numbers
is furniture only when its numbers follow the page ("Action plan – page 3",
"page 4", ...); a heading that opens each page with its own number
("Recommendation 1: ...", "Recommendation 2: ...") does not follow the page
and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–]\s*\d{1,4}\s*[-–]$", re.I)
"""A line (or a run of one) that is only a page number."""

_NUMBER = re.compile(r"\d+")


def digits_key(text: str) -> str:
    """A line as compared across pages: lower case, spaces collapsed, each number as ``#``."""
    return _NUMBER.sub("#", " ".join(text.split()).lower())


def is_running(occurrences: Sequence[tuple[int | None, str]], threshold: int) -> bool:
    """Whether lines of one :func:`digits_key`, found as ``(page, text)``, are a running header or footer.

    They must stand on ``threshold`` pages or more; and where their numbers
    differ, one of those numbers must move with the page (its difference from
    the page number the same on every page).
    """
    pages = {page for page, _ in occurrences}
    if len(pages) < threshold:
        return False
    texts = {" ".join(t.split()).lower() for _, t in occurrences}
    if len(texts) == 1:
        return True
    numbers = [[int(n) for n in _NUMBER.findall(t)] for _, t in occurrences]
    width = min(len(n) for n in numbers)
    for i in range(width):
        offsets = {nums[i] - (page or 0) for (page, _), nums in zip(occurrences, numbers, strict=True)}
        if len(offsets) == 1:
            return True
    return False


def runs_on(occurrences: Sequence[tuple[int | None, str]]) -> bool:
    """Whether lines of one :func:`digits_key`, found as ``(page, text)``, are one text on consecutive pages:
    the running header of one part of a longer document (a plan's own, on its two pages among a meeting's
    sixty), on too few of the document's pages for :func:`is_running`.  The reader asks more of such a line
    (its type, the white around it), as one body line may open two pages alike."""
    texts = {" ".join(t.split()).lower() for _, t in occurrences}
    numbers = sorted({n for n, _ in occurrences if n is not None})
    return len(texts) == 1 and any(b == a + 1 for a, b in pairwise(numbers))
