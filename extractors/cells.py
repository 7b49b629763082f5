"""Cells to items: split an action cell into its sub-actions, and join cell text.

A plan's action cell may hold one action, a lettered list ("a. ... b) ..."),
a bulleted list, or several paragraphs (separate ``<p>`` or a blank line
apart).  The chain: ``paras_to_chunks`` (lines, markup paragraphs) ->
``find_markers`` (list markers, checked for sequence so that "e.g." or
"2023.b" read right) -> ``chunks_to_items``.

Rules, each for a quirk seen in councils' plans:

* lettered, roman and numbered markers always start a new action; text before
  the first one is the list's lead-in, or, when the list starts at "b", the
  unlettered first action (a converter dropped the "a.");
* bullets start new actions when the cell is nothing but the list; after a
  lead-in line ("Research" / "- Develop ...") the bullets detail one action
  and stay with it; in a cell of several paragraphs, a list under a lead-in
  of its own paragraph stays with that paragraph, and each paragraph is an action;
* without markers, each paragraph is an action, unless it opens with a
  continuation word ("Including ...") or in lower case;
* the first text of a row that continues a row cut by a page break joins the
  last action of the row before when it opens in lower case, or when that
  action's sentence was left open.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from actionplans.extractors.model import Line, breaks
from actionplans.normalise.text import Break, join_wrapped

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]
_LETTERS = list("abcdefghijklmnopqrstuvwxyz")
GLYPHS = "•▪◦●■○·‣➢➤►✓✔"
"""The list markers that are only marks; a dash or an asterisk may also be a text's own (a date range wrapped
before its dash)."""
GLYPH_CLASS = re.escape(GLYPHS) + "\ue000-\uf8ff"
"""A regular-expression class of those marks, with Unicode's private-use area (see :data:`BULLET_CLASS`)."""
BULLETS = GLYPHS + "-–—*"
BULLET_CLASS = re.escape(BULLETS) + "\ue000-\uf8ff"
"""The body of a regular-expression class of list markers: the characters above, and Unicode's private-use
area, where symbol fonts (Symbol, Wingdings) put the glyphs lists are drawn with when a PDF gives no Unicode for
them (Word's default bullet comes out as U+F0B7 from LibreOffice); a private-use code stands for no letter, so at
a line's start it is a marker."""

_BULLET = re.compile(rf"^\s*[{BULLET_CLASS}]\s*(?=\S)")
# A list marker: "a.", "a)", "(a)", "ii.", "(iv)", "1.", "2)".  Mid-line it must
# follow a space or the end of a sentence ("...in 2023.b. Establish").
_MARKER = re.compile(
    r"(?:(?<=^)|(?<=\s)|(?<=[.;:]))"
    r"(?P<marker>\((?P<p>[a-z]{1,4}|\d{1,2})\)|(?P<t>[a-z]{1,4}|\d{1,2})[.)])"
    r"(?=\s+\S)",
)
# Continuation words: a paragraph opening with one of these elaborates the one before.
CONTINUATION_OPENERS = frozenset(
    """including includes include which this these those also and but or with whilst while
    alongside plus e.g. eg i.e. ie for example such as""".split()  # noqa: SIM905
)


OPEN_END = re.compile(
    r"(?:[,&/–-]|\b(?:and|or|of|to|with|for|the|a|an|in|on|by|from|as|at|including|into|until))$", re.IGNORECASE
)
"""A line left open: it ends on a word or mark that needs more after it ("... reviewed by the", "2025/26 to")."""


@dataclass
class Item:
    """One action (or a lead-in) cut from a cell."""

    lines: list[Line]
    marker: str | None = None
    kind: str = "para"
    """``letter``, ``roman``, ``number``, ``bullet``, ``para``, or ``intro`` for a list's lead-in."""
    row: int = 0
    """Index of the physical row (within a logical row) where the item starts."""
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        how = breaks(self.lines) if len(self.lines) == len(self.parts) else None
        return clean_item_text(self.parts, how)

    @property
    def first(self) -> Line | None:
        return self.lines[0] if self.lines else None


def clean_item_text(parts: Sequence[str], how: Sequence[Break] | None = None) -> str:
    """Join an item's pieces (``how[i]``: how piece ``i`` ended), dropping bullet markers that open lines."""
    kept = [(i, _BULLET.sub("", p)) for i, p in enumerate(parts) if p.strip()]
    kept_breaks = [how[i] if how and i < len(how) else None for i, _ in kept] if how else None
    return join_wrapped([p for _, p in kept], kept_breaks)


def _marker_value(m: re.Match[str]) -> str:
    return (m["p"] or m["t"] or "").lower()


def _kind_of(value: str, prev: tuple[str, str] | None) -> str | None:
    """What enumeration a marker value belongs to, given the marker before it."""
    if value.isdigit():
        return "number"
    if prev and prev[0] == "roman" and value in _ROMAN:
        return "roman"
    if prev and prev[0] == "letter" and len(value) == 1:
        return "letter"
    if value in ("i", "ii", "iii", "iv", "v", "x") and not prev:
        return "roman" if value != "i" else "roman_or_letter"
    if len(value) == 1:
        return "letter"
    if value in _ROMAN:
        return "roman"
    return None


_NUMBERS = [str(n) for n in range(1, 100)]


def _sequence(kind: str) -> Sequence[str]:
    """The values of an enumeration, in order."""
    return _ROMAN if kind == "roman" else _LETTERS if kind == "letter" else _NUMBERS


def _next_ok(kind: str, value: str, prev: tuple[str, str] | None) -> bool:
    """Whether ``value`` continues the enumeration after ``prev`` (or may start one)."""
    seq = _sequence(kind)
    if value not in seq:
        return False
    pos = seq.index(value)
    if prev is None:
        return pos <= 1  # "a" starts a list; "b" when the "a." was lost
    return prev[0] == kind and pos == seq.index(prev[1]) + 1


@dataclass(frozen=True)
class _Hit:
    line: int
    start: int
    end: int
    kind: str
    value: str


def find_markers(texts: Sequence[str], numbered: bool = True) -> list[_Hit]:
    """List markers in the lines of a cell, in order, checked for sequence.

    A candidate is kept only if it continues the enumeration so far (``b``
    after ``a``), which rejects "e.g. Public" and "(including. volunteering"
    inside sentences.  Mid-line candidates must be followed by an upper-case
    letter or a digit.  Numbers are only markers at the start of a line, and
    not at all when ``numbered`` is false.
    """
    hits: list[_Hit] = []
    prev: tuple[str, str] | None = None
    for li, text in enumerate(texts):
        for m in _MARKER.finditer(text):
            value = _marker_value(m)
            at_start = not text[: m.start()].strip()
            after = text[m.end() :].lstrip()
            if value.isdigit() and (not at_start or not numbered):
                continue
            opens = after[:1].isupper() or after[:1].isdigit() or after[:1] in "\"'‘“"
            if not at_start and not opens and not (prev and m["marker"].endswith(")")):
                continue  # mid-line, "x. word" is a sentence; "b) word" after "a)" is still a list
            kind = _kind_of(value, prev)
            if kind == "roman_or_letter":
                kind = "roman" if prev is None and _has_roman_successor(texts, li, m.end()) else "letter"
            # A cell that opens on a lettered marker ("c. Create ...") is an item of a list even when its
            # letter is not the list's first: in a workbook or Word table each item may sit in a row of its own.
            opening = prev is None and li == 0 and at_start and opens and kind == "letter"
            if kind is None or not (opening or _next_ok(kind, value, prev)):
                continue
            if prev is None and not at_start and _next_ok(kind, value, None) and value not in ("a", "1", "i"):
                continue  # a list that starts mid-line must start at its first value
            hits.append(_Hit(li, m.start(), m.end(), kind, value))
            prev = (kind, value)
    return hits


def _has_roman_successor(texts: Sequence[str], li: int, pos: int) -> bool:
    rest = " ".join([texts[li][pos:], *texts[li + 1 :]])
    return bool(re.search(r"(?:^|\s)\(?ii[.)]\s", rest))


def split_items(paras: Sequence[Sequence[Line]], rows: Sequence[int] | None = None) -> tuple[list[Item], Item | None]:
    """Split one logical cell into action items.

    ``paras`` are the cell's paragraphs in order (across the physical rows of
    a logical row); ``rows[i]`` is the physical row paragraph ``i`` sits in.
    Returns ``(items, intro)`` where ``intro`` is a list's lead-in that is not
    itself an action (kept by the caller, never dropped).
    """
    rows = list(rows) if rows is not None else [0] * len(paras)
    flat: list[tuple[Line, int, int]] = []  # (line, paragraph index, row)
    for pi, para in enumerate(paras):
        for line in para:
            flat.append((line, pi, rows[pi]))
    if not flat:
        return [], None
    texts = [ln.text for ln, _, _ in flat]
    hits = find_markers(texts)
    bullets = [i for i, t in enumerate(texts) if _BULLET.match(t)]

    if hits:
        return _split_at_markers(flat, texts, hits)
    if bullets:
        lead = [i for i in range(len(flat)) if i < bullets[0]]
        listed = {flat[i][1] for i in bullets}
        own_lead = any(flat[i][1] == flat[bullets[0]][1] for i in lead)
        if lead and own_lead and len({pi for _, pi, _ in flat}) > 1 and listed == {flat[bullets[0]][1]}:
            # Several paragraphs, the bullets inside one of them under its own lead-in: each paragraph
            # is an action, the bulleted one with its list.
            return _split_paragraphs(flat), None
        if lead:
            # Lead-in plus bullets: the bullets detail one action.
            return [_item(flat, range(len(flat)), "para")], None
        return _split_bullets(flat, texts, bullets), None
    return _split_paragraphs(flat), None


def _item(flat: list[tuple[Line, int, int]], idx: Sequence[int], kind: str, marker: str | None = None) -> Item:
    idx = list(idx)
    return Item(
        lines=[flat[i][0] for i in idx],
        marker=marker,
        kind=kind,
        row=flat[idx[0]][2] if idx else 0,
        parts=[flat[i][0].text for i in idx],
    )


def _split_at_markers(
    flat: list[tuple[Line, int, int]], texts: list[str], hits: list[_Hit]
) -> tuple[list[Item], Item | None]:
    items: list[Item] = []
    lead_parts: list[str] = []
    lead_lines: list[Line] = []
    # Text before the first marker.
    first = hits[0]
    for li in range(first.line):
        lead_parts.append(texts[li])
        lead_lines.append(flat[li][0])
    head = texts[first.line][: first.start]
    if head.strip():
        lead_parts.append(head)
        lead_lines.append(flat[first.line][0])
    for n, hit in enumerate(hits):
        nxt = hits[n + 1] if n + 1 < len(hits) else None
        parts: list[str] = []
        lines: list[Line] = []
        end_line = nxt.line if nxt else len(texts) - 1
        for li in range(hit.line, end_line + 1):
            start = hit.end if li == hit.line else 0
            stop = nxt.start if nxt and li == nxt.line else len(texts[li])
            if nxt and li == nxt.line and not texts[li][:stop].strip() and li != hit.line:
                break
            parts.append(texts[li][start:stop])
            lines.append(flat[li][0])
        items.append(Item(lines=lines, marker=hit.value, kind=hit.kind, row=flat[hit.line][2], parts=parts))
    intro = None
    if lead_parts and "".join(lead_parts).strip():
        lead = Item(lines=lead_lines, kind="intro", row=flat[0][2], parts=lead_parts)
        first_pos = _position(first.kind, first.value)
        if first_pos == 1:
            lead.kind = "para"
            items.insert(0, lead)
        else:
            intro = lead
    return items, intro


def _position(kind: str, value: str) -> int:
    seq = _sequence(kind)
    return seq.index(value) if value in seq else 0


_NESTED = 2.0
"""Points a bullet must sit further in than the list's first bullet to be set under the one above it (a
list's own items line up to within a point or so)."""


def _depth(line: Line) -> float | None:
    """How far in a list item is set: the source's indent where it gives one (a Word list level), else where
    its line starts on the page."""
    return line.indent if line.indent is not None else line.x0


def _split_bullets(flat: list[tuple[Line, int, int]], texts: list[str], bullets: list[int]) -> list[Item]:
    """One item per bullet; a bullet set further in than the list's first is part of the item above it (a
    lead-in's own sub-list: "Hold drop-in sessions, covering:" over "• how routes are planned;")."""
    base = _depth(flat[bullets[0]][0])
    if base is not None:
        bullets = [b for b in bullets if b == bullets[0] or (d := _depth(flat[b][0])) is None or d <= base + _NESTED]
    items = []
    for n, start in enumerate(bullets):
        end = bullets[n + 1] if n + 1 < len(bullets) else len(flat)
        item = _item(flat, range(start, end), "bullet", marker=texts[start].strip()[:1])
        items.append(item)
    return items


def _split_paragraphs(flat: list[tuple[Line, int, int]]) -> list[Item]:
    groups: list[list[int]] = []
    last_para = None
    last_row = flat[0][2]
    for i, (line, pi, row) in enumerate(flat):
        if pi != last_para:
            text = line.text.strip()
            first_word = text.split(" ", 1)[0].lower().rstrip(",:;")
            continues = bool(groups) and (
                first_word in CONTINUATION_OPENERS
                or text[:1].islower()
                or text[:1] in ")]"
                # the first paragraph of a row cut by a page break finishes an open sentence
                or (row != last_row and not sentence_closed(flat[groups[-1][-1]][0].text))
            )
            if not continues:
                groups.append([])
            last_para = pi
            last_row = row
        groups[-1].append(i)
    return [_item(flat, g, "para") for g in groups]


def sentence_closed(text: str) -> bool:
    """Whether ``text`` ends a sentence (so what follows need not continue it)."""
    return bool(re.search(r"[.!?;:…)\]\"”’']\s*$", text.strip()))
