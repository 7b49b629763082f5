"""Read a plain-text plan into blocks.

Converters hand councils' plans over as text in three flavours, each handled
here and detected from the text itself:

* **tsv**: table cells separated by tabs (or Markdown pipes), one row per
  line, HTML markup (``<p>``, ``<i>``) sometimes left inside cells;
* **columns**: ``pdftotext -layout`` output, where a table's columns are
  runs of text at fixed character offsets under a header line, and form
  feeds separate pages;
* **flowed**: running text, where a table's columns may come interleaved line
  by line under a header ("What do we want to achieve? How are we going to
  do it? Timescale"); :mod:`extractors.readers.interleaved` rebuilds those
  rows.

Every line keeps its 1-based line number (and page, when form feeds give
one) for provenance.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from extractors.cells import CONTINUATION_OPENERS
from extractors.errors import EmptyDocument
from extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table
from extractors.readers.interleaved import find_interleaved
from normalise.text import has_markup, markup_paragraphs


def decode(data: bytes) -> str:
    """Text of a file: UTF-8 (with or without BOM), else Windows-1252, which never fails."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(path: Path) -> SourceDoc:
    text = decode(path.read_bytes())
    if not text.strip():
        raise EmptyDocument("the file is empty")
    return text_to_doc(text)


def text_to_doc(text: str) -> SourceDoc:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    page = 1
    for number, content in enumerate(raw, start=1):
        while content.startswith("\f"):
            page += 1
            content = content[1:]
        if "\f" in content:
            page += content.count("\f")
            content = content.replace("\f", "")
        lines.append(Line(text=content.rstrip(" "), lineno=number, page=page))
    pages = page if any("\f" in r for r in raw) else None
    if not pages:
        lines = [Line(text=ln.text, lineno=ln.lineno) for ln in lines]
    tab_lines = sum("\t" in ln.text for ln in lines)
    blocks: list[Block] = []
    flavour = "flowed"
    i = 0
    while i < len(lines):
        line = lines[i]
        if "\t" in line.text and tab_lines >= 2:
            table, i = _read_tsv(lines, i)
            blocks.append(table)
            flavour = "tsv"
            continue
        if _PIPE_ROW.match(line.text):
            table, i = _read_pipes(lines, i)
            blocks.append(table)
            flavour = "tsv" if flavour == "flowed" else flavour
            continue
        header = _column_header(lines, i)
        if header is not None:
            table, i = _read_columns(lines, i, header)
            blocks.append(table)
            flavour = "columns" if flavour == "flowed" else flavour
            continue
        start = i
        while (
            i < len(lines) and lines[i].text.strip() and "\t" not in lines[i].text and _column_header(lines, i) is None
        ):
            i += 1
        if i == start:
            i += 1
            continue
        blocks.append(Paragraph(lines=[_strip(ln) for ln in lines[start:i]]))
    if flavour == "flowed":
        blocks = find_interleaved(blocks)
        if any(isinstance(b, Table) for b in blocks):
            flavour = "interleaved"
    return SourceDoc(blocks=blocks, reader="text", pages=pages, flavour=flavour)


def _strip(line: Line) -> Line:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", line.text.strip())  # markdown bold left by some converters
    text = re.sub(r"^[-*]\s+(?=\d+\.\s)", "", text)
    return Line(text=text, lineno=line.lineno, page=line.page)


# --- tab-separated --------------------------------------------------------


def _read_tsv(lines: list[Line], i: int) -> tuple[Table, int]:
    """Consecutive tab-separated lines (blank lines allowed between them) as one table."""
    rows: list[Row] = []
    while i < len(lines):
        line = lines[i]
        if "\t" in line.text:
            rows.append(_tsv_row(line))
            i += 1
            continue
        if not line.text.strip():
            j = i
            while j < len(lines) and not lines[j].text.strip():
                j += 1
            if j < len(lines) and "\t" in lines[j].text:
                i = j
                continue
        break
    ncols = max(len(r.cells) for r in rows)
    for row in rows:
        row.cells.extend(Cell() for _ in range(ncols - len(row.cells)))
    return Table(rows=rows, kind="tsv"), i


def _tsv_row(line: Line) -> Row:
    cells: list[Cell | None] = []
    for raw in line.text.split("\t"):
        text = raw.strip()
        if has_markup(text):
            paras = [[Line(text=p, lineno=line.lineno, page=line.page)] for p in markup_paragraphs(text)]
        elif text:
            paras = [[Line(text=text, lineno=line.lineno, page=line.page)]]
        else:
            paras = []
        cells.append(Cell(paras=paras, page=line.page))
    return Row(cells=cells, page=line.page)


# --- Markdown pipe tables ---------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _read_pipes(lines: list[Line], i: int) -> tuple[Table, int]:
    """A Markdown table ("| a | b |" rows, a "|---|---|" rule under the header) as tab-separated rows."""
    rows: list[Row] = []
    while i < len(lines) and _PIPE_ROW.match(lines[i].text):
        line = lines[i]
        i += 1
        if _PIPE_RULE.match(line.text):
            continue
        cells = [c.strip().replace("<br>", "</p><p>") for c in line.text.strip().strip("|").split("|")]
        rows.append(_tsv_row(Line(text="\t".join(cells), lineno=line.lineno, page=line.page)))
    ncols = max(len(r.cells) for r in rows)
    for row in rows:
        row.cells.extend(Cell() for _ in range(ncols - len(row.cells)))
    return Table(rows=rows, kind="markdown"), i


# --- column-aligned (pdftotext -layout) ------------------------------------

_GAP = re.compile(r"\S+(?: \S+)*")


def _fragments(text: str) -> list[tuple[int, int, str]]:
    """Runs of text separated by two or more spaces, as ``(start, end, text)``."""
    return [(m.start(), m.end(), m.group()) for m in _GAP.finditer(text)]


_WINDOW = 25
"""Lines below a candidate header that are checked for columns starting where its names start."""


def _nearest(start: int, starts: list[int], slack: int = 2) -> int | None:
    for k, s in enumerate(starts):
        if abs(start - s) <= slack:
            return k
    return None


def _column_header(lines: list[Line], i: int) -> list[tuple[int, str]] | None:
    """Column starts and names if line ``i`` heads a column-aligned table, found by alignment alone.

    The line must have three or more runs of text set two or more spaces
    apart, and the lines below it (on the same page) must start their runs
    where its runs start: at least two such lines, every column but one met
    at least twice, the first column among them, and most lines with several
    runs fitting the columns.  What the table holds is decided later, from
    its header words and its cells (:mod:`extractors.columns`).
    """
    frags = _fragments(lines[i].text)
    if len(frags) < 3:
        return None
    starts = [f[0] for f in frags]
    hits = [0] * len(starts)
    multi = aligned = 0
    for line in lines[i + 1 : i + 1 + _WINDOW]:
        if line.page != lines[i].page:
            break
        found = _fragments(line.text)
        if len(found) < 2:
            continue
        multi += 1
        near = [_nearest(f[0], starts) for f in found]
        for k in near:
            if k is not None:
                hits[k] += 1
        aligned += all(k is not None for k in near)
    met = sum(h >= 2 for h in hits)
    if multi < 2 or hits[0] < 2 or met < max(2, len(starts) - 1) or aligned < 0.6 * multi:
        return None
    return [(start, text) for start, _end, text in frags]


def _read_columns(lines: list[Line], i: int, header: list[tuple[int, str]]) -> tuple[Table, int]:
    """Rebuild the rows of a column-aligned table.

    Columns start where the header's names start; a word belongs to the
    column whose start it has reached (a bullet goes with the word after it,
    as bullets hang left of their column).  Cells are top-aligned in such
    tables, so a line opens a new row when a recommendation number starts
    on it, or when its action column (else its first) opens a sentence (not
    a bullet, not lower case, not a continuation word) and the other columns
    show that a new row begins (see :func:`_opens_row`).  A line running
    across the columns is a theme row.  The table ends at a page break or at
    the next header.
    """
    starts = [s for s, _ in header]
    names = [t for _, t in header]
    page = lines[i].page
    width = max(len(ln.text) for ln in lines[i : i + 80]) + 1
    bounds = [*starts[1:], width]
    i += 1
    # Header names a narrow column broke onto the next line ("Shared" / "Outcome").
    while i < len(lines) and lines[i].text.strip() and lines[i].page == page:
        frags = _fragments(lines[i].text)
        if any(len(f[2].split()) > 2 for f in frags) or not all(_col(f[0], starts) > 0 for f in frags):
            break
        for start, _end, text in frags:
            c = _col(start, starts)
            names[c] = f"{names[c]}{text}" if len(text) == 1 else f"{names[c]} {text}"
        i += 1
    end = i
    while end < len(lines) and lines[end].page == page and not _next_table(lines, end, header):
        end += 1
    body = [(ln, _fragments(ln.text)) for ln in lines[i:end]]
    parsed = [(ln, frags, _column_pieces(frags, starts) if frags else {}) for ln, frags in body]
    spans = [
        bool(f) and len(f) == 1 and f[0][0] <= starts[0] + 2 and f[0][1] > starts[min(2, len(starts) - 1)]
        for _, f in body
    ]
    boxes = [bounds[c] - starts[c] - 2 for c in range(len(starts))]
    seen = [
        max(
            (len(cols[c][0]) for (_, _, cols), sp in zip(parsed, spans, strict=True) if c in cols and not sp), default=0
        )
        for c in range(len(starts))
    ]
    widths = list(zip(seen, boxes, strict=True))
    # Rows are anchored on the column that holds the most text (where the actions are, in a plan),
    # and a number in a column of numbers opens one.
    anchor, number_col = _anchor_columns(parsed, spans, len(starts))

    rows: list[list[list[Line]]] = []
    themes: set[int] = set()
    above: dict[int, str] = {}
    gap = False
    for (line, frags, cols), spanning in zip(parsed, spans, strict=True):
        if not frags:
            above, gap = {}, True
            continue
        current_theme = bool(rows) and len(rows) - 1 in themes
        lone = len(cols) == 1 and 0 in cols
        if spanning or (current_theme and lone and not gap) or (not rows and lone):
            # A theme row: text across the table, or alone right under the header ("Enabler").
            if not current_theme:
                rows.append([[] for _ in starts])
                themes.add(len(rows) - 1)
            text = frags[0][2] if spanning else cols[0][0]
            rows[-1][0].append(_col_line(line, text, frags[0][0], width if spanning else bounds[0]))
            above, gap = {0: text}, False
            continue
        numbered = (
            number_col is not None
            and number_col != anchor
            and bool(re.match(r"^\d{1,3}\.?$", cols.get(number_col, ("", 0))[0]))
        )
        if not rows or current_theme or numbered or _opens_row(cols, above, anchor, gap, widths):
            rows.append([[] for _ in starts])
        for c, (text, start) in cols.items():
            rows[-1][c].append(_col_line(line, text, start, bounds[c]))
        if anchor in cols:
            gap = False
        above = {c: text for c, (text, _) in cols.items()}
    table_rows = [Row(cells=[Cell(paras=[[Line(text=n, page=page)]]) for n in names], page=page)]
    for r, cells in enumerate(rows):
        built: list[Cell | None] = []
        for c, col_lines in enumerate(cells):
            if r in themes and c > 0:
                built.append(None)
            else:
                reach = starts[c] + seen[c] if seen[c] and r not in themes else None
                built.append(Cell(paras=_column_paras([replace(ln, seen_x1=reach) for ln in col_lines]), page=page))
        table_rows.append(Row(cells=built, page=page))
    return Table(rows=table_rows, kind="columns"), end


def _next_table(lines: list[Line], i: int, header: list[tuple[int, str]]) -> bool:
    """Whether line ``i`` heads another table: the same header printed again, or other columns."""
    if lines[i].text.strip() == "":
        return False
    found = _column_header(lines, i)
    if found is None:
        return False
    if [t for _, t in found] == [t for _, t in header]:
        return True
    starts = [s for s, _ in header]
    return any(_nearest(s, starts, slack=3) is None for s, _ in found)


_NUMBER_CELL = re.compile(r"^\(?[A-Za-z]{0,3}\d{1,3}(?:\.\d{1,3})?[a-z]?[.)]?$")


def _anchor_columns(
    parsed: list[tuple[Line, list[tuple[int, int, str]], dict[int, tuple[str, int]]]], spans: list[bool], ncols: int
) -> tuple[int, int | None]:
    """The column that holds the most text, and a column of bare numbers (ids) other than it, if any."""
    chars = [0] * ncols
    pieces = [0] * ncols
    numbers = [0] * ncols
    for (_, _, cols), spanning in zip(parsed, spans, strict=True):
        if spanning:
            continue
        for c, (text, _) in cols.items():
            chars[c] += len(text)
            pieces[c] += 1
            numbers[c] += bool(_NUMBER_CELL.match(text))
    anchor = max(range(ncols), key=lambda c: (chars[c], -c))
    ids = [c for c in range(ncols) if c != anchor and pieces[c] and numbers[c] >= 0.6 * pieces[c]]
    return anchor, (ids[0] if ids else None)


def _opens_row(
    cols: dict[int, tuple[str, int]], above: dict[int, str], anchor: int, gap: bool, widths: list[tuple[int, int]]
) -> bool:
    """Whether a line of a column-aligned table opens a new row.

    Its action column must open a sentence.  Then: when that column's line
    above surely ended (closed a sentence, or left room for this line's first
    word within what the column is seen to hold), any other cell on the line
    opens a row; when it may have ended (room only within the column's full
    width), a field cell beginning anew, or text in every column, does; when
    it wrapped, two field cells beginning anew do.
    """
    first = cols.get(anchor, ("", 0))[0]
    word = first.split(" ", 1)[0].lower()
    if not first or not (first[:1].isupper() or first[:1].isdigit()) or word in CONTINUATION_OPENERS:
        return False
    ended = True if anchor not in above or gap else _new_cell(above[anchor], first, widths[anchor])
    sure = sum(1 for c, (text, _) in cols.items() if c != anchor and _new_cell(above.get(c), text, widths[c]))
    others = len(cols) - 1
    if ended is True:
        return others > 0
    if ended is None:
        return sure >= 1 or others == len(widths) - 1
    return sure >= 2


_OPEN_END = re.compile(r"(?:[,&/–-]|\b(?:and|or|of|to|with|for|the|a|an|in|on|by|from|as|at|including|into))$", re.I)


def _new_cell(above: str | None, text: str, width: tuple[int, int]) -> bool | None:
    """Whether ``text`` begins a new cell under ``above``: ``True``, ``False``, or ``None`` if unsure.

    ``width`` is ``(seen, box)``: the longest line seen in the column and the
    column's full width.  A new cell when ``above`` is empty or closed a
    sentence, or had room for this line's first word within ``seen``; not
    when ``above`` ends open ("... function with", "...,") or the word would
    not have fitted in ``box``; unsure in between.
    """
    if not above:
        return True
    above = above.strip()
    if re.search(r"[.!?]$", above):
        return True
    if _OPEN_END.search(above):
        return False
    need = len(above) + 1 + len(text.split(" ", 1)[0])
    seen, box = width
    if need <= seen:
        return True
    return None if need <= box else False


def _column_pieces(frags: list[tuple[int, int, str]], starts: list[int]) -> dict[int, tuple[str, int]]:
    """The text of each column on a line, as ``{column: (text, start)}``.

    Each word goes to the column whose start it has reached; a bullet is
    placed by the word after it.
    """
    words: dict[int, list[str]] = {}
    first: dict[int, int] = {}
    for start, _end, text in frags:
        for m in re.finditer(r"(?:[-•–▪] )?\S+", text):
            at = start + m.start()
            anchor = at + 2 if m.group()[1:2] == " " else at
            col = _col(anchor, starts)
            words.setdefault(col, []).append(m.group())
            first.setdefault(col, at)
    return {c: (" ".join(ws), first[c]) for c, ws in sorted(words.items())}


def _col(start: int, starts: list[int]) -> int:
    col = 0
    for c, s in enumerate(starts):
        if start >= s - 2:
            col = c
    return col


def _col_line(line: Line, text: str, start: int, box_end: int) -> Line:
    return Line(text=text, lineno=line.lineno, page=line.page, x0=start, x1=start + len(text), box_x1=box_end - 2)


def _column_paras(lines: list[Line]) -> list[list[Line]]:
    """Lines of one cell as paragraphs, split where a blank line came between them."""
    paras: list[list[Line]] = []
    for line in lines:
        if (
            paras
            and line.lineno is not None
            and paras[-1][-1].lineno is not None
            and line.lineno - paras[-1][-1].lineno > 1
        ):
            paras.append([line])
        elif paras:
            paras[-1].append(line)
        else:
            paras.append([line])
    return paras
