"""Text clean-up: markup, whitespace, and joining lines that a layout wrapped.

Pure functions on strings; no I/O.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

_BLOCK_TAG = re.compile(r"</?(?:p|div|li|ul|ol|br|tr|h[1-6])\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def collapse(text: str | None) -> str:
    """Collapse runs of whitespace (including non-breaking spaces) to one space and strip.

    ``str.split`` splits where ``\\s`` matches and ``strip`` strips it (both ask ``str.isspace``), so this is
    ``re.sub(r"\\s+", " ", text).strip()``, checked over every code point, in a fifth of the time."""
    if not text:
        return ""
    return " ".join(text.split())


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
        clean = collapse(html.unescape(_ANY_TAG.sub("", part)))
        if clean:
            out.append(clean)
    return out


# Words that can stand alone after a line break; anything else of one or two
# letters that opens a line is taken for the tail of a word the layout broke
# ("Commence" / "d Oct 2024" in a narrow slide column).
_SHORT_WORDS = frozenset(
    """a i o an as at be by do go he if in is it me my no of on or so to up us we am pm
    ad ed hr pa ph cx mo eg ie vs re & + - – x""".split()  # noqa: SIM905
)


def _word_tail(first: str, last: str) -> bool:
    """Whether a line opening with ``first`` finishes the word ``last`` that the line before ended on.

    True for a lone lower-case fragment that is not a word ("d" after
    "Commence"), a lone capital that is not a word ("H" after
    "Performance/P"), or a capital and digit after a capital ("O6" after
    "SO5,S").  Acronyms ("UK", "HR") are words.
    """
    core = first.rstrip(",;.")
    if not last[-1:].isalnum() or not core:
        return False
    if core.islower() and core.isalpha() and len(core) <= 2:
        return core not in _SHORT_WORDS
    if len(core) == 1 and core.isupper():
        return core not in ("A", "I")
    return len(core) == 2 and core[0].isupper() and core[1].isdigit() and last[-1:].isupper()


Break = str | None
"""How a line ended: ``"room"`` (the next word would have fitted: a deliberate
break), ``"wrap"`` (the line was full), ``"full"`` (one token reached the edge:
the layout may have broken a word), ``"para"`` (a paragraph gap), ``"authored"``
(a new paragraph or line the author began: a Word or Excel cell's), or ``None``
when the geometry cannot tell."""


def join_wrapped(lines: Sequence[str], breaks: Sequence[Break] | None = None) -> str:
    """Join the visual lines of one paragraph into running text.

    ``breaks[i]`` tells how line ``i`` ended (see :data:`Break`).  Rules, in
    order:

    * a line ending in a hyphen after a letter joins the next line without a
      space, keeping the hyphen ("decision-" / "making");
    * a next line opening with a fragment that is not a word continues the
      last word ("Commence" / "d Oct 2024", "Performance/P" / "H
      Consultant"), unless a paragraph gap came between;
    * a line that is one list-like token ("SO1,SO2,SO") reaching its box's
      edge continues into a next line that opens in lower case or with a
      digit ("3,SO4"), as the layout broke the token;
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
        elif how not in ("para", "authored") and _word_tail(first, last):
            out += line
        elif how == "full" and re.search(r"[,;/]", last) and (first[:1].islower() or first[:1].isdigit()):
            out += line
        else:
            out += " " + line
    return out


def singular(word: str) -> str:
    """An English plural made singular by its ending ("Managers" -> "Manager", "activities" -> "activity")."""
    low = word.lower()
    if low.endswith("ies") and len(low) > 4:
        return word[:-3] + "y"
    if low.endswith(("sses", "ches", "shes")):
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        return word[:-1]
    return word
