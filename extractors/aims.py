"""Bulleted actions under stated aims: a plan written as a list, with no table and no labels.

    Strategic Aims:
    Promoting ... events that increase the visibility of the Armed Forces Community:
    • Hold twice-yearly meetings with Task Force Commanders ...
    • Support Space Week 2025.
    Continue to raise awareness of the Armed Forces Covenant ...:
    • Encourage the wider use of the Forces Connect App.

An aim is the sentence (up to three lines) ending in a colon just above a list of bullets; each
bullet, with the lines it wraps onto, is an action under that aim.  A
single lead-in with a list under it is how reports write prose ("The review
identified an urgent need for: • ... • ..."), so the shape counts only when
it repeats: two or more aims, each with its bullets.  The heading above the
first aim (a short line, "Strategic Aims:") names the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from actionplans.extractors.cells import BULLET_CLASS
from actionplans.extractors.model import Line, Paragraph, join_lines
from actionplans.normalise.text import collapse

_BULLET = re.compile(rf"^\s*[{BULLET_CLASS}]\s+(?=\S)")
_NUMBERED_PARAGRAPH = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})+\s")
_LEAD = 3
"""Lines that can make an aim: the lines just above a list."""


@dataclass
class Bullet:
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class Aim:
    lines: list[Line]
    items: list[Bullet] = field(default_factory=list)

    @property
    def text(self) -> str:
        return collapse(join_lines(self.lines)).rstrip(":").strip()


@dataclass
class Aims:
    section: str | None
    aims: list[Aim]


def read_aims(paragraphs: list[Paragraph]) -> Aims | None:
    """The aims and their bulleted actions in a run of paragraphs, or ``None`` if the shape is not there."""
    lines, levelled = _levelled([ln for p in paragraphs for ln in p.lines if ln.text.strip()])
    aims: list[Aim] = []
    lead: list[Line] = []
    heading: str | None = None
    section: str | None = None
    for i, line in enumerate(lines):
        text = line.text.strip()
        bullet = _BULLET.match(text)
        if bullet:
            if lead and lead[-1].text.rstrip().endswith(":"):
                aims.append(Aim(lead))  # the sentence just above a list, ending in a colon, introduces it
                if section is None:
                    section = heading
            lead = []  # other text above bullets is prose: the bullets carry on the aim above
            if aims:
                aims[-1].items.append(Bullet([replace(line, text=text[bullet.end() :])]))
            continue
        if aims and aims[-1].items and not lead and _continues(aims[-1].items[-1], text):
            aims[-1].items[-1].lines.append(line)
            continue
        if lead and lead[-1].text.rstrip().endswith(":"):
            heading = collapse(lead[-1].text).rstrip(":").strip()  # a heading over the aims, not an aim
            lead = []
        if lead and lead[-1].text.rstrip().endswith((".", "!", "?")):
            lead = []  # a sentence ended: the aim, if one comes, starts after it
        if i in levelled:
            lead = []  # a list's outer item, or a heading over a list, is the whole aim: nothing above joins it
        lead = [*lead[-(_LEAD - 1) :], line]  # an aim is a sentence, never the prose before it
    aims = [a for a in aims if a.items]
    if len(aims) < 2 or any(_NUMBERED_PARAGRAPH.match(a.lines[0].text) for a in aims):
        return None
    return Aims(section, aims)


def _levelled(lines: list[Line]) -> tuple[list[Line], set[int]]:
    """A line followed by bullets set further in (a Word list's levels: "1. Promote ..." over its "•" items),
    or a heading (bold, no list of its own: a web page's ``<summary>``) over a list, is the aim they sit
    under: a bullet of its own is dropped and it reads as a lead-in, with the colon a written aim would end
    on.  Returns the lines and
    the indexes of those aims."""
    out = list(lines)
    found: set[int] = set()
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if (
            nxt is not None
            and _BULLET.match(nxt.text)
            and (
                (line.indent is not None and nxt.indent is not None and nxt.indent > line.indent)
                or (line.indent is None and line.bold)  # a heading over the list (a Word list, a web page's)
            )
        ):
            m = _BULLET.match(line.text)
            text = (line.text[m.end() :] if m else line.text).rstrip()
            out[i] = replace(line, text=text if text.endswith(":") else text + ":")
            found.add(i)
    return out, found


def _continues(bullet: Bullet, text: str) -> bool:
    """Whether a line carries on a bullet: it opens in lower case, or the bullet's sentence is still open."""
    if text[:1].islower():
        return True
    last = bullet.lines[-1].text.rstrip()
    return not last.endswith((".", ":", ";", "!", "?"))
