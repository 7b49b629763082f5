"""Text clean-up: markup, whitespace, and joining lines that a layout wrapped.

Pure functions on strings; no I/O.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

_WS = re.compile(r"\s+")
_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|br|tr|h[1-6])\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def collapse(text: str | None) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to one space and strip."""
    if not text:
        return ""
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def has_markup(text: str) -> bool:
    return bool(_ANY_TAG.search(text))


def markup_paragraphs(text: str) -> list[str]:
    """Split a cell that carries HTML markup into its paragraphs, tags removed.

    Councils' exports sometimes keep ``<p>``/``<i>`` inside table cells
    (Winchester's plan).  Block tags (``p``, ``li``, ``br``, ...) end a
    paragraph; inline tags are dropped; entities are decoded.
    """
    parts = _BLOCK_TAG.split(text)
    out = []
    for part in parts:
        clean = collapse(html.unescape(_ANY_TAG.sub(" ", part)))
        if clean:
            out.append(clean)
    return out


def strip_markup(text: str) -> str:
    return " ".join(markup_paragraphs(text)) if has_markup(text) else collapse(html.unescape(text))


# Words that can stand alone after a line break; anything else of one or two
# letters that opens a line is taken for the tail of a word the layout broke
# ("Commence" / "d Oct 2024" in a narrow slide column).
_SHORT_WORDS = frozenset(
    "a i o an as at be by do go he if in is it me my no of on or so to up us we am pm "
    "ad ed hr it pa ph cx mo eg ie vs re & + - – x".split()
)


Break = str | None
"""How a line ended: ``"room"`` (the next word would have fitted: a deliberate
break), ``"wrap"`` (the line was full), ``"split"`` (one token filled the whole
line: the layout broke a word), or ``None`` when the geometry is unknown."""


def join_wrapped(lines: Sequence[str], breaks: Sequence[Break] | None = None) -> str:
    """Join the visual lines of one paragraph into running text.

    ``breaks[i]`` tells how line ``i`` ended (see :data:`Break`).  Rules, in
    order:

    * a line ending in a hyphen after a letter joins the next line without a
      space, keeping the hyphen ("decision-" / "making");
    * a line whose one token was broken by the layout joins without a space
      ("SO1,SO2,SO" / "3,SO4"; "Performance/P" / "H Consultant");
    * a next line opening with a lone fragment of one or two letters that is
      not a word continues the last word ("Commence" / "d Oct 2024");
    * otherwise join with one space.
    """
    out = ""
    for i, raw in enumerate(lines):
        line = collapse(raw)
        if not line:
            continue
        if not out:
            out = line
            continue
        how = breaks[i - 1] if breaks and i - 1 < len(breaks) else None
        first = line.split(" ", 1)[0]
        last = out.rsplit(" ", 1)[-1]
        if re.search(r"[A-Za-z]-$", out) and not re.search(r"\s-$", out):
            out += line
        elif how == "split" and first[:1].isalnum():
            out += line
        elif (
            len(first) <= 2
            and first.isalpha()
            and first.islower()
            and first not in _SHORT_WORDS
            and last[-1:].isalpha()
            and how != "room"
        ):
            out += line
        else:
            out += " " + line
    return out
