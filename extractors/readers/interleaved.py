"""Rebuild a table whose columns a converter interleaved line by line.

Some converters flatten a Word table into running text: the header's names
come over several lines, and each visual line of the table gives a piece of
each column, joined by spaces, in whatever order the converter met them::

    1.2 a) Develop the working group's Terms of Reference to include April-Sept 2024
    Engage with partners on b) working with partners and stakeholders
    examples of best/shared c) Work specifically with the stakeholder groups ...
    practices and co-production           residents.

The chain: ``lines_to_header`` (names over up to five lines, partitioned so
each maps to a column role) -> ``body_to_rows`` (a row opens at its number,
"1.2") -> ``assign`` (each piece of a line goes to a column: list markers open
actions; bare dates go to the timescale; text before a marker, or a short
piece beside a wider one, goes to the first column, whose width is learnt from
the rows that print it alone; anything else continues the open action).  The
result is an ordinary :class:`~extractors.model.Table` of kind
``interleaved``, so the grammar need not know how it was found.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from actionplans.extractors.cells import find_markers, sentence_closed
from actionplans.extractors.columns import assign_roles, best_header_role, header_scores
from actionplans.extractors.labels import read_label
from actionplans.extractors.model import Block, Cell, Line, Paragraph, Row, Table
from actionplans.normalise.timescale import is_expression, split_sequence

_ROW_NUMBER = re.compile(r"^\s*(\d{1,2}\.\d{1,2})(?:\s+|$)")
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
_LABEL_TAIL = re.compile(r"^[A-Z][\w /&'’]{1,40}\s[-–]$")


def _pieces(text: str) -> list[str]:
    """Runs of text two or more spaces apart (a list marker keeps its text: "a.  Monthly")."""
    text = re.sub(r"(^|\s)(\(?[a-z]{1,3}[.)])\s{2,}", r"\1\2 ", text.strip())
    return [p for p in re.split(r"\s{2,}", text) if p]


def lines_to_header(lines: list[Line], i: int) -> tuple[list[str], int] | None:
    """Column names starting at line ``i`` and the index after the header, or ``None``."""
    window: list[tuple[int, str]] = []
    j = i
    while j < len(lines) and len({w[0] for w in window}) < 6:
        text = lines[j].text.strip()
        if text:
            label = read_label(text)
            if (
                len(text) > 60
                or text.endswith(".")
                or _ROW_NUMBER.match(text)
                or is_expression(text)
                or find_markers([text])
                or (label is not None and (label.kind in ("recommendation", "action") or bool(label.value)))
            ):
                break
            window.extend((j, p) for p in _pieces(text))
        j += 1
    if not window:
        return None
    best: tuple[list[str], int] | None = None
    for k in range(len(window), 1, -1):
        names = _partition([p for _, p in window[:k]])
        # The actions are never the first column of such a table: something locates them.
        if names and len(names) >= 2 and best_header_role(names[0]) != "action" and assign_roles(names).accepted:
            last_line = window[k - 1][0]
            if any(w[0] == last_line for w in window[k:]):
                continue  # the header must end at the end of a line
            best = names, last_line + 1
            break
    return best


def _partition(pieces: list[str]) -> list[str] | None:
    """Group consecutive pieces so that every group names a column role, each role once.

    Of the possible groupings the one with most groups wins (a prefix such as
    "What do we want to" would otherwise swallow the names after it), then the
    one whose names read most surely as their roles; a role named twice
    ("What do we want to" / "achieve?" beside "How are we going to do it?",
    all read as actions) is a grouping that cut a name in two.
    """
    n = len(pieces)
    memo: dict[tuple[int, frozenset[str]], tuple[int, float, list[str]] | None] = {}

    def solve(start: int, used: frozenset[str]) -> tuple[int, float, list[str]] | None:
        if start == n:
            return 0, 0.0, []
        key = (start, used)
        if key in memo:
            return memo[key]
        best: tuple[int, float, list[str]] | None = None
        for end in range(start + 1, n + 1):
            name = " ".join(pieces[start:end])
            scores = header_scores(name)
            role = best_header_role(name)
            if role is None or role in used:
                continue
            rest = solve(end, used | {role})
            if rest is None:
                continue
            option = (rest[0] + 1, rest[1] + scores[role], [name, *rest[2]])
            if best is None or option[:2] > best[:2]:
                best = option
        memo[key] = best
        return best

    found = solve(0, frozenset())
    return found[2] if found else None


def find_interleaved(blocks: list[Block]) -> list[Block]:
    """Replace runs of paragraphs that hold an interleaved table with the rebuilt table."""
    lines: list[Line] = []
    for block in blocks:
        if not isinstance(block, Paragraph):
            return blocks  # only flowed documents are rebuilt
        lines.extend(block.lines)
        lines.append(Line(text="", lineno=None))
    out: list[Block] = []
    pending: list[Line] = []
    i = 0
    found = False
    while i < len(lines):
        header = lines_to_header(lines, i) if lines[i].text.strip() else None
        if header is None:
            pending.append(lines[i])
            i += 1
            continue
        names, body_start = header
        end = _body_end(lines, body_start, names)
        table = body_to_table(names, lines[i:body_start], lines[body_start:end])
        if table is None:
            pending.extend(lines[i:end])
            i = end
            continue
        out.extend(_paragraphs(pending))
        pending = []
        out.append(table)
        found = True
        i = end
    out.extend(_paragraphs(pending))
    return out if found else blocks


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    out: list[Paragraph] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            out.append(Paragraph(lines=current))
            current = []
    if current:
        out.append(Paragraph(lines=current))
    return out


def _body_end(lines: list[Line], start: int, names: list[str]) -> int:
    j = start
    while j < len(lines):
        text = lines[j].text.strip()
        label = read_label(text) if text else None
        if label is not None and label.kind == "recommendation":
            break
        if _URL.match(text):
            break
        repeat = lines_to_header(lines, j) if text else None
        if repeat is not None and repeat[0] != names:
            break
        j = repeat[1] if repeat is not None else j + 1
    return j


@dataclass
class _Row:
    number: str
    lines: list[Line] = field(default_factory=list)
    objective: list[str] = field(default_factory=list)
    intro: list[str] = field(default_factory=list)
    actions: list[list[str]] = field(default_factory=list)
    stamps: list[str] = field(default_factory=list)
    labelled: bool = False


def body_to_table(names: list[str], header_lines: list[Line], body: list[Line]) -> Table | None:
    """Rebuild the rows of an interleaved body; ``None`` if its rows are not numbered."""
    roles = [best_header_role(n) for n in names]
    if "action" not in roles or roles[0] == "action":
        return None
    ts_col = roles.index("timescale") if "timescale" in roles else None
    content: list[Line] = []
    j = 0
    while j < len(body):
        repeat = lines_to_header(body, j) if body[j].text.strip() else None
        if repeat is not None:
            j = repeat[1]  # a header repeated at a page break
            continue
        if body[j].text.strip():
            content.append(body[j])
        j += 1
    rows = _split_rows(content, names)
    if not rows:
        return None
    width = _first_column_width(rows)
    for row in rows:
        _assign(row, width)
    header = Row(cells=[Cell(paras=[[Line(text=n, lineno=header_lines[0].lineno)]]) for n in names])
    table_rows = [header]
    action_col = roles.index("action")
    for row in rows:
        cells: list[Cell | None] = [Cell() for _ in names]
        lineno = row.lines[0].lineno
        first = [Line(text=f"{row.number} {' '.join(row.objective)}".strip(), lineno=lineno)]
        cells[0] = Cell(paras=[first])
        paras = []
        if row.intro:
            paras.append([Line(text=" ".join(row.intro), lineno=lineno)])
        for parts in row.actions:
            paras.append([Line(text=" ".join(parts), lineno=lineno)])
        cells[action_col] = Cell(paras=paras)
        if ts_col is not None and row.stamps:
            stamps = [" ".join(row.stamps)] if row.labelled else row.stamps
            cells[ts_col] = Cell(paras=[[Line(text=s, lineno=lineno)] for s in stamps])
        table_rows.append(Row(cells=cells))
    return Table(rows=table_rows, kind="interleaved")


def _split_rows(content: list[Line], names: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    for line in content:
        m = _ROW_NUMBER.match(line.text)
        if m:
            rows.append(_Row(number=m.group(1)))
            rest = line.text[m.end() :]
            rows[-1].lines.append(Line(text=rest, lineno=line.lineno))
        elif rows:
            rows[-1].lines.append(line)
    return rows


def _first_column_width(rows: list[_Row]) -> int:
    """How wide the first column's lines run, from rows that print it before any marker.

    Lines much longer than the typical one are the action column's lead-in
    ("Proposed Officer Working Groups (subject to change ...)"), not the
    first column, and are left out.
    """
    lengths = []
    for row in rows:
        for line in row.lines:
            text = line.text.strip()
            if not text:
                continue
            if find_markers([text]) or is_expression(text):
                break
            lengths.append(len(text))
    if len(lengths) < 3:
        return 32
    typical = statistics.median(lengths)
    return max(n for n in lengths if n <= 1.6 * typical) + 2


def _assign(row: _Row, width: int) -> None:
    """Share the pieces of a row's lines out to its columns (see the module docstring)."""
    marker_state: list[str] = []
    for li, line in enumerate(row.lines):
        text = line.text.strip()
        if not text:
            continue
        pieces = _pieces(text)
        for pi, piece in enumerate(pieces):
            _assign_piece(
                row, piece, width, first_line=li == 0, first_piece=pi == 0, several=len(pieces) > 1, state=marker_state
            )


def _assign_piece(
    row: _Row, piece: str, width: int, *, first_line: bool, first_piece: bool, several: bool, state: list[str]
) -> None:
    # Dates, alone or run together, belong to the timescale.
    seq = split_sequence(piece)
    if is_expression(piece) or len(seq) > 1:
        if row.labelled:
            row.stamps.append(piece)
        else:
            row.stamps.extend(seq)
        return
    if _LABEL_TAIL.match(piece) and not find_markers([piece]):
        row.stamps.append(piece)  # "Working Group –", its date follows
        row.labelled = True
        return
    hits = _markers_after(piece, state)
    if hits:
        head = piece[: hits[0][0]].strip()
        if head:
            _plain(row, head, width, before_marker=True, several=several)
        for n, (_start, end, value) in enumerate(hits):
            stop = hits[n + 1][0] if n + 1 < len(hits) else len(piece)
            body = piece[end:stop].strip()
            if n + 1 == len(hits) and first_line:
                body = _peel_date(row, body)
            row.actions.append([f"{value}. {body}"])
            state.append(value)
        return
    if first_line and row.actions:
        piece = _peel_date(row, piece)
    if several and first_piece and row.actions and len(piece) <= width:
        row.objective.append(piece)  # the leftmost of pieces set apart is the first column
        return
    _plain(row, piece, width, before_marker=False, several=several and not first_piece)


def _markers_after(piece: str, state: list[str]) -> list[tuple[int, int, str]]:
    """Markers in ``piece`` that continue the row's lettering so far."""
    prefix = [f"{v}. x" for v in state]
    hits = find_markers([*prefix, piece])
    return [(h.start, h.end, h.value) for h in hits if h.line == len(prefix)]


def _peel_date(row: _Row, text: str) -> str:
    """A row's first line may end with its timescale: "... to include April-Sept 2024"."""
    if row.stamps:
        return text
    words = text.split()
    for k in range(min(5, len(words) - 1), 0, -1):
        tail = " ".join(words[-k:])
        if is_expression(tail) and re.search(r"\d", tail):
            row.stamps.append(tail)
            return " ".join(words[:-k])
    return text


def _plain(row: _Row, text: str, width: int, *, before_marker: bool, several: bool) -> None:
    if not row.actions:
        if len(text) <= width or before_marker:
            row.objective.append(text)
        else:
            row.intro.append(text)
        return
    current = row.actions[-1]
    if before_marker and len(text) <= width:
        row.objective.append(text)
        return
    if several:
        current.append(text)
        return
    if not row.objective and len(text) > width:
        # The first column's first line, run into the action's next line.
        head, tail = _peel_first_column(text, width)
        if len(head) >= 0.6 * width:
            row.objective.append(head)
            text = tail
    if len(text) <= width and sentence_closed(" ".join(current)) and text[:1].isupper():
        row.objective.append(text)
        return
    current.append(text)


def _peel_first_column(text: str, width: int) -> tuple[str, str]:
    """Split the longest opening that fits the first column and is followed by a capital."""
    words = text.split()
    best = ("", text)
    for k in range(1, len(words)):
        head = " ".join(words[:k])
        if len(head) > width:
            break
        if words[k][:1].isupper():
            best = (head, " ".join(words[k:]))
    return best
