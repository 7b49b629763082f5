"""Recommendations stated in running text: "Recommendation 3 - Re-focus SLT on ...".

Plans and the reports that adopt them list their recommendations as numbered
statements (a summary before the action tables, headings above each
section, a bulleted list in a cabinet report).  This module finds them in
paragraphs and in table rows, in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from actionplans.extractors.columns import header_words
from actionplans.extractors.labels import group_words
from actionplans.extractors.model import Line, Paragraph, SourceDoc, join_lines

_STATED = re.compile(
    r"^\s*(?:[-•*]\s*)?(?P<word>Recommendation|RECOMMENDATION|Rec\.?)\s+(?:(?:No\.?|#)\s*|[A-Z]{1,3}-?)?"
    r"(?P<num>\d{1,3}[a-z]?)\b\s*[-–—:.)]?\s*(?P<text>.*)$"
)
"""A statement's number may carry the plan's own prefix, which the id leaves out: "Recommendation R1",
"Recommendation REC-2", "Recommendation No. 3" are recommendations 1, 2 and 3."""


@dataclass(frozen=True)
class Stated:
    """One "Recommendation N ..." statement.  ``text`` is empty for a bare heading."""

    number: str
    text: str
    lines: tuple[Line, ...]
    block: int
    """Index in ``doc.blocks`` of the block it sits in."""


def stated_recommendations(doc: SourceDoc) -> list[Stated]:
    """Every recommendation statement in ``doc``, in reading order."""
    out: list[Stated] = []
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            out.extend(_in_lines(block.lines, index))
        else:
            for row in block.rows:
                lines = [ln for c in row.cells if c for ln in c.lines]
                if lines:
                    joined = Line(
                        text=" ".join(ln.text for ln in lines),
                        page=lines[0].page,
                        lineno=lines[0].lineno,
                        bbox=lines[0].bbox,
                    )
                    out.extend(_in_lines([joined], index))
    return out


def _in_lines(lines: list[Line], block: int) -> list[Stated]:
    out: list[Stated] = []
    current: list[Line] = []
    number = ""
    for line in lines:
        m = _STATED.match(line.text)
        if m:
            if current:
                out.append(_make(number, current, block))
            number = m["num"]
            current = [replace(line, text=m["text"])]
        elif current:
            current.append(line)
    if current:
        out.append(_make(number, current, block))
    return out


def _make(number: str, lines: list[Line], block: int) -> Stated:
    return Stated(
        number=number, text=join_lines([ln for ln in lines if ln.text.strip()]), lines=tuple(lines), block=block
    )


def best_texts(stated: list[Stated]) -> dict[str, Stated]:
    """The statement to take each recommendation's text from: the first that states it.

    A statement states a recommendation when it has some words and they do
    not carry on a sentence about it ("Recommendation 2 was discussed at
    length ..." opens in lower case: a mention, not the recommendation).
    """
    out: dict[str, Stated] = {}
    for s in stated:
        if len(s.text.split()) >= 3 and s.number not in out and not s.text[:1].islower():
            out[s.number] = s
    return out


def is_heading(paragraph: Paragraph) -> Stated | None:
    """A paragraph that is one "Recommendation N" heading (with or without its text); a list of them is not."""
    found = _in_lines(paragraph.lines, -1)
    if len(found) == 1 and paragraph.lines and _STATED.match(paragraph.lines[0].text):
        return found[0]
    return None


_SECTION_HEADING = re.compile(r"^\s*(?:\d{1,2}(?:\.0)?\.?\s+)?(?P<title>[A-Z][A-Za-z &]{2,40})\s*:?\s*$")
_ENUMERATED = re.compile(r"^\s*(?:\((?P<p>\d{1,2}|[a-z])\)|(?P<d>\d{1,2}|[a-z])[.)])\s+(?P<text>\S.*)$")
_NUMBERED_HEADING = re.compile(r"^\s*\d{1,2}\.0\s+\S")


def recommendations_section(doc: SourceDoc) -> dict[str, Stated]:
    """Recommendations listed under a "Recommendations" heading: "(1) ...", "(2) ...", or "a) ...", "b) ...".

    A committee report states what it asks the meeting to agree as an
    enumerated list in its recommendations section; the list's numbers
    become the recommendations' ids.  The section ends at the next numbered
    heading ("3.0 Background").  Used only where the document states no
    "Recommendation N" and has no plan of its own.
    """
    lines = [(i, ln) for i, b in enumerate(doc.blocks) if isinstance(b, Paragraph) for ln in b.lines]
    out: dict[str, Stated] = {}
    inside = False
    marker: str | None = None
    current: tuple[str, list[Line], int] | None = None
    for block, line in lines:
        text = line.text.strip()
        heading = _SECTION_HEADING.match(text)
        if heading and len(text.split()) <= 6:
            if inside and out:
                break
            inside = heading["title"].strip().lower().startswith("recommendation")
            continue
        if inside and _NUMBERED_HEADING.match(text):
            break
        if not inside:
            continue
        m = _ENUMERATED.match(text)
        number = (m["p"] or m["d"]) if m else ""
        kind = "letter" if number.isalpha() else "number"
        if m and (marker is None or kind == marker):
            marker = kind  # the list's own markers; a list inside an item ("a) ...") belongs to the item
            if current:
                out[current[0]] = _make(current[0], current[1], current[2])
            key = str(ord(number) - ord("a") + 1) if number.isalpha() else number
            current = (key, [replace(line, text=m["text"])], block)
        elif current is not None:
            current[1].append(line)
    if current:
        out[current[0]] = _make(current[0], current[1], current[2])
    return out if len(out) >= 2 else {}


def led_in_lists(doc: SourceDoc) -> dict[str, Stated]:
    """Recommendations listed after a line that leads into them: "The peer team made the following
    recommendations:" then "1. ...", "2. ...", numbered from one (or lettered from a) with no gap.

    The lead-in ends in a colon and names the plan's groups in the words of ``[groups] recommendation`` in
    ``data/labels.toml``; the list ends where a paragraph does not open with the next number (a report's own
    "4. Financial implications" after "5. ..." is no item).  An item runs on over its paragraph's lines."""
    words = frozenset(header_words(" ".join(group_words()["recommendation"])))
    out: dict[str, Stated] = {}
    current: tuple[str, list[Line], int] | None = None
    expected = 0  # the next item's number; 0 outside a list
    for index, block in enumerate(doc.blocks):
        if not isinstance(block, Paragraph):
            if expected > 1:
                break  # a table after the list ends it
            expected = 0
            continue
        for k, line in enumerate(block.lines):
            text = line.text.strip()
            m = _ENUMERATED.match(text)
            number = (m["p"] or m["d"]) if m else ""
            key = str(ord(number) - ord("a") + 1) if number.isalpha() and len(number) == 1 else number
            if expected and m and key == str(expected):
                if current:
                    out[current[0]] = _make(current[0], current[1], current[2])
                current, expected = (key, [replace(line, text=m["text"])], index), expected + 1
            elif expected > 1 and current is not None and k > 0:
                current[1].append(line)  # the item's paragraph runs on
            elif expected > 1:
                break  # a paragraph that is not the next item ends the list
            else:  # the lead-in may wrap ("... the following recommendations to the" / "council:")
                lead = " ".join(ln.text for ln in block.lines[: k + 1])
                expected = 1 if text.endswith(":") and words & set(header_words(lead)) else 0
        else:
            continue
        break
    if current:
        out[current[0]] = _make(current[0], current[1], current[2])
    return out if len(out) >= 2 else {}
