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
one) for provenance.  Page numbers and running headers and footers are
dropped first (:func:`drop_page_furniture`), so that they never reach a
cell; a column-aligned table carries on over a form feed, and headings
between tables stay paragraphs.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from actionplans.extractors.bounds import MAX_LINE
from actionplans.extractors.cells import CONTINUATION_OPENERS, OPEN_END
from actionplans.extractors.errors import EmptyDocument, TooLarge
from actionplans.extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table
from actionplans.extractors.readers.furniture import PAGE_NUMBER, digits_key, is_running
from actionplans.extractors.readers.interleaved import find_interleaved
from actionplans.normalise.text import has_markup, markup_paragraphs

MAX_TEXT_BYTES = 50 * 2**20
"""A text file larger than this is no plan (the longest plan text seen is under 40 KB); it is not read."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text of a file, and notes on how it was decoded.

    A byte-order mark names the encoding; UTF-16 without one shows as NUL
    bytes in every other place; otherwise UTF-8 (with stray bytes replaced
    where most of the text is UTF-8), else Windows-1252 (:func:`_utf8_or_legacy`).
    NUL bytes left in the text are dropped, with a note.
    """
    notes: list[str] = []
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding, errors="replace")
            break
    if text is None and len(data) >= 2 and data.count(0) * 3 > len(data):
        odd = data[1::2].count(0)
        encoding = "utf-16-le" if odd > data[0::2].count(0) else "utf-16-be"
        text = data.decode(encoding, errors="replace")
        notes.append(f"read as {encoding.upper()} (no byte-order mark; NUL bytes in every other place)")
    if text is None:
        text = _utf8_or_legacy(data, notes)
    if "\x00" in text:
        notes.append(f"{text.count(chr(0)):,} NUL byte(s) dropped")
        text = text.replace("\x00", "")
    if "\ufffd" in text and not any("replaced" in n for n in notes):  # replacement characters in the file
        notes.append(f"{text.count(chr(0xFFFD)):,} undecodable character(s) replaced")
    return text, notes


def _utf8_or_legacy(data: bytes, notes: list[str]) -> str:
    """UTF-8; else, where most of the non-ASCII text is valid UTF-8 (a UTF-8 file with a few stray bytes from
    a paste), UTF-8 with those bytes replaced; else Windows-1252 (Latin-1 where it has an unmapped byte).

    Detectors that score every code page (charset-normalizer) mistake short English text for Central
    European or Icelandic code pages ("£2m" became "Ł2m" in a test), so the choice here is between the
    encodings UK council files are written in.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    good = sum(1 for ch in lenient if ord(ch) > 127) - bad
    if good >= 2 * bad:
        notes.append(f"read as UTF-8; {bad:,} byte(s) that are not UTF-8 replaced")
        return lenient
    try:
        text = data.decode("cp1252")
        notes.append("read as Windows-1252 (not UTF-8)")
        return text
    except UnicodeDecodeError:
        notes.append("read as Latin-1 (neither UTF-8 nor Windows-1252)")
        return data.decode("latin-1")


def read_decoded(path: Path, kind: str = "text") -> tuple[str, list[str]]:
    """A text file's text (:func:`decode`) and the notes on how it was decoded; :class:`TooLarge` past
    :data:`MAX_TEXT_BYTES`, :class:`EmptyDocument` where it holds no text.  ``kind`` names the file in the
    message ("text", "delimited")."""
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise TooLarge(
            f"a {size / 2**20:,.0f} MB {kind} file is not read: no plan is near {MAX_TEXT_BYTES // 2**20} MB of text"
        )
    text, notes = decode(path.read_bytes())
    if not text.strip():
        raise EmptyDocument("the file is empty")
    return text, notes


def read_text(path: Path) -> SourceDoc:
    text, notes = read_decoded(path)
    doc = text_to_doc(text)
    doc.notes[:0] = notes
    return doc


def text_to_doc(text: str) -> SourceDoc:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    page = 1
    long = [number for number, content in enumerate(raw, start=1) if len(content) > MAX_LINE]
    for number, content in enumerate(raw, start=1):
        content = content[:MAX_LINE]
        # a form feed inside a line ends the page there: the text before it stays on the page it was on
        pieces = content.split("\f")
        for k, piece in enumerate(pieces):
            if k:
                page += 1
            if piece.strip() or (k == 0 and len(pieces) == 1):
                lines.append(Line(text=piece.rstrip(" "), lineno=number, page=page))
    if raw and raw[-1].strip() == "" and len(raw) > 1 and raw[-2].endswith("\f"):
        page -= 1  # the form feed pdftotext writes after the last page opens no page
    elif raw and raw[-1].endswith("\f"):
        page -= 1
    pages = page if any("\f" in r for r in raw) else None
    if not pages:
        lines = [Line(text=ln.text, lineno=ln.lineno) for ln in lines]
    lines, quoted = _unquoted(lines)
    lines = [_untab_label(ln) for ln in drop_page_furniture(lines)]
    tab_lines = sum("\t" in ln.text for ln in lines)
    blocks: list[Block] = []
    flavour = "flowed"
    known: list[list[str]] = []  # the runs of the column headers read so far
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
            if table.rows:  # a rule line alone ("|---|---|") is no table
                blocks.append(table)
                flavour = "tsv" if flavour == "flowed" else flavour
            continue
        header = _column_header(lines, i, known)
        if header is not None:
            known.append([t for _, t in header])
            table, i = _read_columns(lines, i, header)
            blocks.append(table)
            flavour = "columns" if flavour == "flowed" else flavour
            continue
        start = i
        while (
            i < len(lines)
            and lines[i].text.strip()
            and "\t" not in lines[i].text
            and _column_header(lines, i, known) is None
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
    notes = [f"{len(long):,} line(s) cut to {MAX_LINE:,} characters (first: line {long[0]})"] if long else []
    if quoted:
        notes.append(f"{quoted:,} line(s) quoted as in an e-mail reply ('> '): read without the quote marks")
    return SourceDoc(blocks=blocks, reader="text", pages=pages, flavour=flavour, notes=notes)


_QUOTE = re.compile(r"^(?:\s*>(?=[\s>]|$))+ ?")
"""The marks an e-mail reply quotes a line with ("> ", ">> ", or ">" alone on a quoted blank line); never ">"
before a word or a figure (">95% of calls answered")."""

QUOTED_RUN = 3
"""Consecutive lines that must each open with a quote mark for them to be a quoted passage."""


def _unquoted(lines: list[Line]) -> tuple[list[Line], int]:
    """The lines, those of a quoted passage (a run of :data:`QUOTED_RUN` or more, each opening with quote marks,
    as an e-mail reply quotes what it answers) without their quote marks, every level of them, and how many
    lost them."""
    marked = [bool(_QUOTE.match(ln.text)) for ln in lines]
    out, count, k = list(lines), 0, 0
    while k < len(lines):
        end = k
        while end < len(lines) and marked[end]:
            end += 1
        if end - k >= QUOTED_RUN:
            for j in range(k, end):
                out[j] = replace(lines[j], text=_QUOTE.sub("", lines[j].text, count=1))
            count += end - k
        k = max(end, k + 1)
    return out, count


def _strip(line: Line) -> Line:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", line.text.strip())  # markdown bold left by some converters
    text = re.sub(r"^[-*]\s+(?=\d+\.\s)", "", text)
    return Line(text=text, lineno=line.lineno, page=line.page)


# --- page furniture --------------------------------------------------------

"""A page number as printed ("3", "Page 3", "3 of 10", "- 3 -"); the PDF reader reads them the same way."""

_EDGE = 3
"""How many lines a page's top or bottom edge (set apart from its body by a blank line) can hold."""


def drop_page_furniture(lines: list[Line]) -> list[Line]:
    """``lines`` without the page numbers and running headers and footers of the pages.

    The text counterpart of :func:`extractors.readers.pdf.drop_running_lines`,
    by position instead of height: a page's edges are its first and its last
    group of lines (up to three, set apart from the rest by a blank line, no
    tabs).  An edge line goes when it is a page number, alone or as a run of
    its own beside other text ("Fareham Borough Council    Page 1"), or when
    the same text stands at the same place in the edges of at least half the
    pages (and two or more), its numbers, if they differ, moving with the page
    (:mod:`extractors.readers.furniture`).  A line that heads a
    column-aligned table stays: a table's header repeated on every page is
    not furniture.
    """
    by_page: dict[int | None, list[int]] = {}
    for k, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(k)
    edges = {page: _edges(lines, idx) for page, idx in by_page.items()}

    def key(k: int, place: tuple[str, int]) -> tuple[str, int, str]:
        return place[0], place[1], digits_key(lines[k].text)

    seen: dict[tuple[str, int, str], list[tuple[int | None, str]]] = {}
    for page, found in edges.items():
        for k, place in found.items():
            seen.setdefault(key(k, place), []).append((page, lines[k].text))
    threshold = max(2, (len(by_page) + 1) // 2)
    running = {k for k, occurrences in seen.items() if is_running(occurrences, threshold)}
    drop = {
        k
        for found in edges.values()
        for k, place in found.items()
        if (_page_number_line(lines[k].text) or key(k, place) in running) and _column_header(lines, k) is None
    }
    return [line for k, line in enumerate(lines) if k not in drop]


def _edges(lines: list[Line], idx: list[int]) -> dict[int, tuple[str, int]]:
    """The lines of a page's top and bottom edges (``idx``: the page's line positions), each with its place:
    ``("top", n)`` or ``("bottom", n)``, ``n`` counted from the page's edge."""
    groups: list[list[int]] = [[]]
    for k in idx:
        if lines[k].text.strip():
            groups[-1].append(k)
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    found: dict[int, tuple[str, int]] = {}
    if len(groups) < 2:
        return found
    for side, group in (("bottom", groups[-1][::-1]), ("top", groups[0])):
        if len(group) <= _EDGE and not any("\t" in lines[k].text for k in group):
            found.update({k: (side, n) for n, k in enumerate(group)})
    return found


def _page_number_line(text: str) -> bool:
    """A page number alone on its line, or a run of its own that says it is one ("Page 3", "3 of 10")."""
    runs = [t for _start, _end, t in _fragments(text)]
    if len(runs) == 1:
        return bool(PAGE_NUMBER.match(runs[0]))
    return len(runs) <= 3 and any(PAGE_NUMBER.match(t) and not t.isdigit() for t in (runs[0], runs[-1]))


# --- tab-separated --------------------------------------------------------


def _read_tsv(lines: list[Line], i: int) -> tuple[Table, int]:
    """Consecutive tab-separated lines (blank lines allowed between them) as one table.

    A line without tabs right between two rows that opens a sentence (a
    heading a converter wrote as plain text) is a row spanning the table.
    """
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
        elif rows and i + 1 < len(lines) and "\t" in lines[i + 1].text and _opens(line.text.strip()):
            rows.append(_tsv_row(line))
            i += 1
            continue
        break
    return Table(rows=_pad(rows), kind="tsv"), i


def _tsv_row(line: Line) -> Row:
    """One row of cells from a tab-separated line.

    A row whose only text is in its first cell, opening a sentence ("R2 –
    ...", "Theme 1: ..."), spans the table: its other cells are ``None``.  A
    lone first cell in lower case is the tail of the row above ("achieve?"
    under "What do we want to"), and a lone cell further right is the rest of
    that column's cell; both stay in their columns.
    """
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
    filled = [k for k, c in enumerate(cells) if c is not None and not c.empty]
    if filled == [0] and _opens(cells[0].text if cells[0] else ""):
        cells[1:] = [None] * (len(cells) - 1)
    return Row(cells=cells, page=line.page)


def _opens(text: str) -> bool:
    """Whether text opens a sentence: not lower case, not punctuation that carries one on."""
    return bool(text) and not text[:1].islower() and text[:1] not in ",;:)]"


_TAB_LABEL = re.compile(r"^\s*[A-Z][\w /&()'’?-]{0,40}:\t+[^\t]*\S[^\t]*$")


def _untab_label(line: Line) -> Line:
    """ "Lead officer:<tab>Head of Procurement" is a label and its value, aligned by a tab: not a table row."""
    return replace(line, text=re.sub(r":\t+", ": ", line.text, count=1)) if _TAB_LABEL.match(line.text) else line


def _pad(rows: list[Row]) -> list[Row]:
    """Rows filled out to the widest: a row spanning the table with ``None``, others with empty cells."""
    ncols = max((len(r.cells) for r in rows), default=0)
    for row in rows:
        spanning = len(row.cells) == 1 or row.cells[1:] == [None] * (len(row.cells) - 1)
        row.cells.extend((None if spanning else Cell()) for _ in range(ncols - len(row.cells)))
    return rows


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
    return Table(rows=_pad(rows), kind="markdown"), i


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


def _column_header(lines: list[Line], i: int, known: Sequence[list[str]] = ()) -> list[tuple[int, str]] | None:
    """Column starts and names if line ``i`` heads a column-aligned table, found by alignment alone.

    The line must have three or more runs of text set two or more spaces
    apart, and the lines below it (on the same page) must start their runs
    where its runs start: at least two such lines, every column but one met
    at least twice, the first column among them (or met once, when all the
    others are: a narrow column of recommendation numbers), and most lines
    with several runs fitting the columns.  What the table holds is decided
    later, from its header words and its cells (:mod:`extractors.columns`).
    A line that prints a header already read (``known``: each header's runs)
    heads a table however few lines follow it: a plan with a table per
    recommendation repeats its header, and a table of one row has too few
    lines to show its columns.
    """
    frags = _fragments(lines[i].text)
    if len(frags) < 3:
        return None
    if [t for *_, t in frags] in known:
        return [(start, text) for start, _end, text in frags]
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
    # A narrow first column (a recommendation's number) may be filled once in the window, when every
    # other column is met.
    first = hits[0] >= 2 or (hits[0] == 1 and met >= len(starts) - 1 and multi >= 4)
    if multi < 2 or not first or met < max(2, len(starts) - 1) or aligned < 0.6 * multi:
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
    from the first column past the second's start is a theme row, a cell
    spanning the table.  The table carries on over a page break (see
    :func:`_table_lines`): the first line after the break opens a row marked
    ``after_break``, and the grammar joins it to the row above when the
    break cut that row in two.
    """
    starts = [s for s, _ in header]
    names = [t for _, t in header]
    page = lines[i].page
    width = max(len(ln.text) for ln in lines[i : i + 80]) + 1
    top = i
    i = _header_tails(lines, i + 1, starts, names)
    head = [[t for *_, t in _fragments(ln.text)] for ln in lines[top:i]]
    body, breaks, end = _table_lines(lines, i, head, header)
    parsed = [
        (ln, frags, _column_pieces(frags, here) if frags else {}, here)
        for ln, here in body
        for frags in [_fragments(ln.text)]
    ]
    spans = [_spans(frags, here) for _, frags, _, here in parsed]
    bounds = [*starts[1:], width]
    boxes = [bounds[c] - starts[c] - 2 for c in range(len(starts))]
    seen = [
        max(
            (len(cols[c][0]) for (_, _, cols, _), sp in zip(parsed, spans, strict=True) if c in cols and not sp),
            default=0,
        )
        for c in range(len(starts))
    ]
    widths = list(zip(seen, boxes, strict=True))
    # Rows are anchored on the column that holds the most text (where the actions are, in a plan),
    # and a number in a column of numbers opens one.
    anchor, number_col = _anchor_columns([(ln, f, c) for ln, f, c, _ in parsed], spans, len(starts))

    rows: list[list[list[Line]]] = []
    row_pages: list[int | None] = []
    themes: set[int] = set()
    after: set[int] = set()
    above: dict[int, str] = {}
    theme_labels: set[str] = set()
    """The labels theme rows are numbered under ("key theme" of "Key theme 1 – ...")."""
    gap = fresh = False

    def open_row(line: Line, theme: bool = False) -> None:
        rows.append([[] for _ in starts])
        row_pages.append(line.page)
        if theme:
            themes.add(len(rows) - 1)
        if fresh:
            after.add(len(rows) - 1)

    for k, ((line, frags, cols, here), spanning) in enumerate(zip(parsed, spans, strict=True)):
        if k in breaks:
            above, gap, fresh = {}, False, True
        if not frags:
            above, gap = {}, True
            continue
        line_bounds = [*here[1:], width]
        current_theme = bool(rows) and len(rows) - 1 in themes and not fresh
        lone = len(cols) == 1 and 0 in cols
        # A first-column line under a line that left that column empty cannot be its wrapped text (cells are
        # top-aligned): it opens a row, and when the first column is not where the actions are, a row with
        # nothing else is a theme ("Commitment 3 – ..." in a column of owners).
        restart = lone and bool(above) and 0 not in above
        # A first-column line numbered under the label of a theme row above ("Key theme 2 – Cleaner travel"
        # after "Key theme 1 – ..." ran across the table) is the next theme, however short.
        labelled = lone and _numbered_label(cols[0][0]) in theme_labels
        if (
            spanning
            or labelled
            or (current_theme and lone and not gap)
            or (not rows and lone)
            or (restart and anchor != 0)
        ):
            # A theme row: text across the table, or alone in the first column ("Enabler" under the header).
            if not current_theme:
                open_row(line, theme=True)
            text = frags[0][2] if spanning else cols[0][0]
            rows[-1][0].append(_col_line(line, text, frags[0][0], width if spanning else line_bounds[0]))
            if (label := _numbered_label(text)) is not None:
                theme_labels.add(label)
            above, gap, fresh = {0: text}, False, False
            continue
        numbered = (
            number_col is not None
            and number_col != anchor
            and bool(re.match(r"^\d{1,3}\.?$", cols.get(number_col, ("", 0))[0]))
        )
        if fresh or not rows or current_theme or numbered or restart or _opens_row(cols, above, anchor, gap, widths):
            open_row(line)
        fresh = False
        for c, (text, start) in cols.items():
            rows[-1][c].append(_col_line(line, text, start, line_bounds[c]))
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
                paras = _column_paras([replace(ln, seen_x1=reach) for ln in col_lines])
                built.append(Cell(paras=paras, page=row_pages[r]))
        table_rows.append(Row(cells=built, page=row_pages[r], after_break=r in after))
    return Table(rows=table_rows, kind="columns"), end


def _header_tails(lines: list[Line], i: int, starts: list[int], names: list[str]) -> int:
    """Add to ``names`` what a narrow column broke onto the lines below the header ("Shared" / "Outcome").

    Returns the line after the header.  Tails are short runs inside the
    columns after the first, on the header's page.
    """
    page = lines[i - 1].page
    while i < len(lines) and lines[i].text.strip() and lines[i].page == page:
        frags = _fragments(lines[i].text)
        if any(len(f[2].split()) > 2 for f in frags) or not all(_col(f[0], starts) > 0 for f in frags):
            break
        for start, _end, text in frags:
            c = _col(start, starts)
            names[c] = f"{names[c]}{text}" if len(text) == 1 else f"{names[c]} {text}"
        i += 1
    return i


_NUMBERED_LABEL = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,30}?)\s+\d{1,3}[a-z]?(?:\s*[:.–—-]\s+\S|\s*$)")


def _numbered_label(text: str) -> str | None:
    """The label a line is numbered under, where it opens with one and a number ("Key theme 2 – ...": "key
    theme"; "Issue identified 2" alone on its line), else ``None``."""
    m = _NUMBERED_LABEL.match(text)
    return " ".join(m["label"].lower().split()) if m else None


def _spans(frags: list[tuple[int, int, str]], starts: list[int]) -> bool:
    """Whether a line is one run from the first column past the second column's start: a row across the table."""
    return len(frags) == 1 and frags[0][0] <= starts[0] + 2 and frags[0][1] > starts[1] + 1


def _table_lines(
    lines: list[Line], i: int, head: list[list[str]], header: list[tuple[int, str]]
) -> tuple[list[tuple[Line, list[int]]], set[int], int]:
    """The body of a column table from line ``i``: each line with the column starts on its page, the
    positions in the body where a page's continuation begins, and the line where the table ends.

    The table ends at the next table's header (:func:`_next_table`), at
    headings between it and the next table (:func:`_heading_run`), or at a
    page break after which its columns do not carry on
    (:func:`_continuation`).  ``head`` holds the runs of the header's lines.
    """
    here = [s for s, _ in header]
    page = lines[i - 1].page
    body: list[tuple[Line, list[int]]] = []
    breaks: set[int] = set()
    while i < len(lines):
        line = lines[i]
        if line.page != page:
            carried = _continuation(lines, i, head, header)
            if carried is None:
                break
            i, here = carried
            page = line.page
            breaks.add(len(body))
            continue
        if not line.text.strip():
            if _heading_run(lines, i, header):
                break
        elif _next_table(lines, i, [(s, t) for s, (_, t) in zip(here, header, strict=True)]):
            break
        body.append((line, here))
        i += 1
    return body, breaks, i


def _heading_run(lines: list[Line], i: int, header: list[tuple[int, str]]) -> bool:
    """Whether the lines from ``i`` are headings between tables, not rows.

    Blank lines and lines of a single run ("Recommendation 2", "Theme 2:
    Cleaner travel across the county", the recommendation's words), with at
    least one such line, up to the header of a table (this one's repeated,
    or another's) or the end of the text.  Inside a table such lines would
    be rows of one cell; before a header they head the table below.
    """
    names = [t for _, t in header]
    text_seen = False
    while i < len(lines):
        text = lines[i].text
        if not text.strip():
            i += 1
            continue
        frags = _fragments(text)
        if len(frags) == 1 and "\t" not in text:
            text_seen, i = True, i + 1
            continue
        return text_seen and ([t for *_, t in frags] == names or _column_header(lines, i) is not None)
    return text_seen


def _continuation(
    lines: list[Line], i: int, head: list[list[str]], header: list[tuple[int, str]]
) -> tuple[int, list[int]] | None:
    """Where a column table carries on after the page break before line ``i``, with the columns' starts there.

    On the new page the header may be printed again (its lines are skipped
    and its starts taken), or the rows go on with no header, their runs
    starting where the columns start (give or take a shift of the whole
    page).  ``None`` when the page holds something else: headings, another
    table, text that does not fit the columns.
    """
    starts = [s for s, _ in header]
    while i < len(lines) and not lines[i].text.strip():
        i += 1
    if i == len(lines) or "\t" in lines[i].text:
        return None
    frags = _fragments(lines[i].text)
    if [t for *_, t in frags] == head[0]:
        k = i + 1
        for runs in head[1:]:
            if k == len(lines) or [t for *_, t in _fragments(lines[k].text)] != runs:
                break
            k += 1
        return k, [f[0] for f in frags]
    if _heading_run(lines, i, header):
        return None
    shifted = _shifted(starts, lines, i)
    if shifted is None or _next_table(lines, i, [(s, t) for s, (_, t) in zip(shifted, header, strict=True)]):
        return None
    # A row goes on in the columns: the page's first lines are not all one run at the left, as a heading is.
    group = _group(lines, i)
    if all(len(runs) == 1 and runs[0][0] < shifted[1] - 2 for runs in (_fragments(ln.text) for ln in group)):
        return None
    return i, shifted


def _group(lines: list[Line], i: int) -> list[Line]:
    """The lines from ``i`` up to the next blank line or page break."""
    out: list[Line] = []
    page = lines[i].page
    while i < len(lines) and lines[i].text.strip() and lines[i].page == page:
        out.append(lines[i])
        i += 1
    return out


_SHIFT = 4
"""How far (in characters) a page may set a table's columns from where the header put them."""


def _shifted(starts: list[int], lines: list[Line], i: int) -> list[int] | None:
    """The column starts on the page from line ``i``, if its lines fit the columns (shifted by a few characters).

    The first line's runs must all start at a column, and most runs of the
    page's next lines too.
    """
    page = lines[i].page
    runs = [[f[0] for f in _fragments(ln.text)] for ln in lines[i : i + _WINDOW] if ln.page == page and ln.text.strip()]
    if not runs:
        return None

    def fits(at: list[int], shift: int, slack: int = 2) -> int:
        return sum(_nearest(a - shift, starts, slack) is not None for a in at)

    def score(d: int) -> tuple[int, int, int]:
        return sum(fits(r, d) for r in runs), sum(fits(r, d, 0) for r in runs), -abs(d)

    total = sum(len(r) for r in runs)
    best = max(range(-_SHIFT, _SHIFT + 1), key=score)
    if fits(runs[0], best) < len(runs[0]) or sum(fits(r, best) for r in runs) < 0.6 * total:
        return None
    return [s + best for s in starts]


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
    if OPEN_END.search(above):
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
