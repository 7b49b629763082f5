"""Recommendations stated in running text: "Recommendation 3 - Re-focus SLT on ...".

Plans and the reports that adopt them list their recommendations as numbered
statements (a summary before the action tables, headings above each
section, a bulleted list in a cabinet report).  This module finds them in
paragraphs and in table rows, in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.model import Line, Paragraph, SourceDoc, join_lines

_STATED = re.compile(
    r"^\s*(?:[-•*]\s*)?(?P<word>Recommendation|RECOMMENDATION|Rec\.?)\s+(?P<num>\d{1,3}[a-z]?)\b\s*[-–—:.)]?\s*(?P<text>.*)$"
)


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
    """The statement to take each recommendation's text from: the first with some words."""
    out: dict[str, Stated] = {}
    for s in stated:
        if len(s.text.split()) >= 3 and s.number not in out:
            out[s.number] = s
    return out


def is_heading(paragraph: Paragraph) -> Stated | None:
    """A paragraph that is a bare "Recommendation N" heading (or one with its text)."""
    found = _in_lines(paragraph.lines, -1)
    if found and paragraph.lines and _STATED.match(paragraph.lines[0].text):
        return found[0]
    return None
