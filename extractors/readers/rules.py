"""The vertical rules of a page, which no word is built across.

A spreadsheet exported to PDF (LibreOffice Calc, Excel's "Save as PDF") sets
a cell's text within a point of its rules: a date right-aligned in its cell
ends a point before the rule, the status in the next cell starts a point
after it, and pdfplumber's word rule (a character within ``x_tolerance``, 3
pt, of the one before continues its word) builds "31/12/2024Implemented".
A text clipped at its cell's side ("pol" of "policy") even has its last
glyph's box reach past the rule, into the next cell's first letter.

So a word also ends where a vertical rule stands between two of its
characters: a vertical line, a stroked rectangle's left or right side, or a
filled rectangle no wider than :data:`BAR` (a rule drawn as a bar), that
crosses the text line (it passes the middle of the next character's height
and is at least half as tall as that character: the end of an underline or a
strike-through is no rule).  A character belongs to the side of the rule its
origin (``x0``) is on, one set on the rule (within :data:`ON_RULE`) to the
right: a glyph clipped at a cell's right side starts inside that cell, so it
stays with it.  Geometry only, and upright text only: rotated text is left
as pdfplumber builds it (its rules would be the horizontal ones).

Both PDF engines ask the same :class:`Rules`: pdfplumber's word builder
through :class:`RuledWordExtractor`, the PDFium route's ``chars_to_words``
directly, so their words stay the same.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Any

from pdfplumber.utils.text import WordExtractor

ON_RULE = 0.01
"""Points by which a character's origin may fall short of a rule and still be set on it: the two engines' positions
differ by float noise (PDFium keeps them in single precision), and a character exactly on a rule must fall on the
same side in both."""

MIN_SPAN = 0.5
"""Share of a character's height a rule must be at least as tall as to part it from the one before."""


class Rules:
    """A page's vertical rules as ``(x, top, bottom)``, ordered by ``x``."""

    def __init__(self, rules: Iterable[tuple[float, float, float]] = ()) -> None:
        self.rules = sorted(rules)
        self.xs = [r[0] for r in self.rules]

    def __bool__(self) -> bool:
        return bool(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def past(self, x0: float) -> int:
        """How many rules a character whose origin is ``x0`` is past (on or to the right of)."""
        return bisect_right(self.xs, x0 + ON_RULE)

    def parts(self, before: int, after: int, top: float, bottom: float) -> bool:
        """Whether one of the rules ``before:after`` (those a character is past and the one before it is not, see
        :meth:`past`) crosses the text line of a character from ``top`` to ``bottom``."""
        if before >= after:
            return False
        middle, reach = (top + bottom) / 2, (bottom - top) * MIN_SPAN
        return any(
            r_top <= middle <= r_bottom and r_bottom - r_top >= reach for _, r_top, r_bottom in self.rules[before:after]
        )

    def between(self, x0_before: float, x0_after: float, top: float, bottom: float) -> bool:
        """Whether a rule stands between a character with origin ``x0_before`` and the next, with origin
        ``x0_after`` and its box from ``top`` to ``bottom``."""
        return self.parts(self.past(x0_before), self.past(x0_after), top, bottom)


VERTICAL = 0.5
"""Points a line's two ends may differ across and it still be vertical (a rule drawn in single precision)."""

BAR = 3.0
"""Points up to which a filled rectangle is a rule drawn as a bar (Excel's borders; its thickest is 2.25 pt).  A wider
fill's side is a rule only where it is stroked: Word exports a shaded cell as strips of one colour (its padding, a
strip behind each line of text) whose sides, which no reader sees, fall inside the first letter of a line."""


def page_rules(lines: Iterable[dict[str, Any]], rects: Iterable[dict[str, Any]]) -> Rules:
    """The vertical rules among a page's ``lines`` and the sides of its ``rects`` (pdfplumber's objects).

    A stroked rectangle counts by its sides (a cell's border), a filled one only as narrow as :data:`BAR`.
    Curves do not count (glyphs and icons drawn as paths)."""
    found: list[tuple[float, float, float]] = []
    for line in lines:
        if abs(line["x1"] - line["x0"]) <= VERTICAL and line["bottom"] > line["top"]:
            found.append(((line["x0"] + line["x1"]) / 2, line["top"], line["bottom"]))
    for rect in rects:
        if rect["bottom"] > rect["top"] and (rect.get("stroke") or rect["x1"] - rect["x0"] <= BAR):
            found.append((rect["x0"], rect["top"], rect["bottom"]))
            if rect["x1"] != rect["x0"]:
                found.append((rect["x1"], rect["top"], rect["bottom"]))
    return Rules(found)


class RuledWordExtractor(WordExtractor):
    """pdfplumber's word builder, which also ends a word where one of ``rules`` stands between two characters."""

    def __init__(self, rules: Rules, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.page_rules = rules

    def char_begins_new_word(
        self, prev_char: dict[str, Any], curr_char: dict[str, Any], direction: Any, x_tolerance: Any, y_tolerance: Any
    ) -> bool:
        if super().char_begins_new_word(prev_char, curr_char, direction, x_tolerance, y_tolerance):
            return True
        return (
            direction == "ltr"
            and curr_char["upright"]
            and self.page_rules.between(prev_char["x0"], curr_char["x0"], curr_char["top"], curr_char["bottom"])
        )
