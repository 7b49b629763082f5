"""The reader-neutral model of a document that the plan grammar works on.

Readers (``extractors.readers``) turn a PDF, a text file, an HTML page, a Word
document or an Excel workbook into
a :class:`SourceDoc`: a stream of :class:`Paragraph` and :class:`Table` blocks
in reading order.  Every :class:`Line` keeps where it came from (page and
bbox for PDFs, line number for text, paragraph number and cell for Word,
sheet row and cell for Excel), so records can carry provenance.
Later stages never look at the file again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from actionplans.normalise.text import join_wrapped
from actionplans.records import BBox


@dataclass(frozen=True)
class Line:
    """One visual line of text.

    ``bbox`` is set for PDFs (points) and is what provenance records.  ``x0``
    and ``x1`` give the line's horizontal extent; ``box_x1`` is the most its
    box (cell or column) can hold and ``seen_x1`` the least (the furthest any
    line of the column reaches), in points for PDFs and in characters for
    column-aligned text.  With them the clean-up can tell a line that wrapped
    because it was full from a deliberate line break.
    """

    text: str
    page: int | None = None
    bbox: BBox | None = None
    lineno: int | None = None
    x0: float | None = None
    x1: float | None = None
    box_x1: float | None = None
    seen_x1: float | None = None
    """How far right any line of the same column reaches: the box is at least this wide."""
    size: float | None = None
    bold: bool = False
    ref: str | None = None
    """Where a Word or Excel source holds the line: ``table 2, row 5, column 3`` or ``Plan!C7``."""
    indent: float | None = None
    """How far the source indents the line's paragraph, in points, where it says so (a Word list level): a
    list item set further in than the one above it sits under it."""
    tab_name: bool = False
    """The name of a part of the source that is not text on its page: an Excel sheet's tab."""
    authored: bool = False
    """A paragraph the source marks as its author's (a web page's ``<p>`` or ``<br>`` in a table cell), as a
    Word or Excel cell's paragraphs are (those carry ``ref``): a break between owners, not a wrapped line."""

    @property
    def top(self) -> float:
        return self.bbox[1] if self.bbox else float(self.lineno or 0)

    def break_before(self, nxt: Line) -> str | None:
        """How this line ended, judged from the next one (see :data:`normalise.text.Break`).

        ``"room"`` when the next line's first word would have fitted within what
        the column's lines are seen to reach (so the break was deliberate);
        ``"full"`` when the line is one token reaching the box's edge (a word
        the layout may have broken); ``"wrap"`` when the word could not have
        fitted in the box; ``None`` when it cannot be told.
        """
        if self.x0 is None or self.x1 is None:
            return None
        text = self.text.strip()
        words = nxt.text.split()
        if not text or not words:
            return None
        char = (self.x1 - self.x0) / max(len(text), 1)
        need = self.x1 + char * (len(words[0]) + 1)
        reach = self.seen_x1 if self.seen_x1 is not None else self.box_x1
        edge = self.box_x1 if self.box_x1 is not None else reach
        if " " not in text and edge is not None and self.x1 >= edge - 1.5 * char:
            return "full"
        if reach is not None and need <= reach + 0.5 * char:
            return "room"
        if self.box_x1 is not None and need > self.box_x1:
            return "wrap"
        return None


def breaks(lines: Sequence[Line]) -> list[str | None]:
    """How each line but the last ended; pass to :func:`normalise.text.join_wrapped`."""
    return [a.break_before(b) for a, b in pairwise(lines)]


def join_lines(lines: Sequence[Line]) -> str:
    """The running text of a paragraph's lines."""
    return join_wrapped([ln.text for ln in lines], breaks(lines))


Para = list[Line]
"""A paragraph inside a cell: lines set together with no extra gap."""


@dataclass
class Cell:
    """A table cell: paragraphs of lines.  Empty cells have no paragraphs."""

    paras: list[Para] = field(default_factory=list)
    bbox: BBox | None = None
    page: int | None = None
    fill: tuple[float, float, float] | None = None
    """The cell's background colour (RGB, 0-1) where the reader knows it and it is not white."""
    ref: str | None = None
    """Word and Excel: the cell's address (``table 2, row 5, column 3``; ``Plan!C7``), empty ones too where
    the reader has them (every Word cell; an Excel cell with a value or a fill)."""

    @property
    def lines(self) -> list[Line]:
        return [line for para in self.paras for line in para]

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines if line.text.strip())

    @property
    def empty(self) -> bool:
        """No text (``text`` is empty), told at the first line with any."""
        return not any(not line.text.isspace() and line.text for para in self.paras for line in para)


@dataclass
class Row:
    """A physical table row.  ``cells[i] is None`` where a spanning cell covers column ``i``."""

    cells: list[Cell | None]
    page: int | None = None
    after_break: bool = False
    """True for the first row of a table's continuation on a new page (or after a repeated header, or after blank
    spacer rows in a sheet: where a group of its rows begins)."""
    whole: bool = False
    """True where the source itself marks the row (a Word, Excel or HTML row): no page break cut it, so no
    later row finishes it."""

    def text(self, col: int) -> str:
        cell = self.cells[col] if col < len(self.cells) else None
        return cell.text if cell else ""

    @property
    def filled(self) -> list[int]:
        return [i for i, c in enumerate(self.cells) if c is not None and not c.empty]

    @property
    def spans_all(self) -> bool:
        """One cell covers the whole row (a theme or section row)."""
        present = [c for c in self.cells if c is not None]
        return len(self.cells) > 1 and len(present) == 1

    @property
    def first_line(self) -> Line | None:
        for cell in self.cells:
            if cell and cell.lines:
                return cell.lines[0]
        return None


@dataclass
class Table:
    """Rows of cells.  ``kind`` says how the grid was found (``ruled``, ``tsv``, ``columns``, ...)."""

    rows: list[Row]
    kind: str
    header_rows: int = 0

    @property
    def ncols(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    def cell_paragraphs(self) -> list[Para]:
        """Every cell's paragraphs in reading order, a merged cell's once (not once per row it spans): a table
        nested in a cell, read into that cell."""
        seen: set[int] = set()
        out: list[Para] = []
        for row in self.rows:
            for cell in row.cells:
                if cell is not None and id(cell) not in seen:
                    seen.add(id(cell))
                    out.extend(cell.paras)
        return out

    @property
    def pages(self) -> list[int]:
        return sorted({r.page for r in self.rows if r.page is not None})


def hex_fill(value: str | None) -> tuple[float, float, float] | None:
    """A fill given as hex (``#00B050``, ``00b050``, or Excel's ``FF00B050`` with its alpha first) as RGB
    (0-1), as :attr:`Cell.fill` holds it; ``None`` for anything else, and for white (no fill)."""
    text = (value or "").strip().lstrip("#")
    if re.fullmatch(r"[0-9A-Fa-f]{8}", text):
        text = text[2:]
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", text) or text.upper() == "FFFFFF":
        return None
    return (int(text[0:2], 16) / 255, int(text[2:4], 16) / 255, int(text[4:6], 16) / 255)


@dataclass
class Paragraph:
    """Running text outside tables (titles, headings, body text)."""

    lines: list[Line]

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines if line.text.strip())

    @property
    def page(self) -> int | None:
        return self.lines[0].page if self.lines else None


Block = Paragraph | Table


@dataclass
class SourceDoc:
    """A document read into blocks.  ``reader`` names the reader (``pdf``, ``text``, ``html``, ``docx``,
    ``xlsx``)."""

    blocks: list[Block]
    reader: str
    pages: int | None = None
    flavour: str | None = None
    """For text: ``tsv``, ``columns`` or ``flowed``, as detected."""
    notes: list[str] = field(default_factory=list)
    """What the reader had to do that the parse report should say (text cut, an encoding guessed)."""
    margins: list[Line] = field(default_factory=list)
    """Text the source prints around its content, not in it: a Word document's page headers and footers, a web
    page's header and footer landmarks.  No records are read from it (it is no block); it may name the
    document (its council, its date) where the content does not."""
    page_readers: tuple[str, ...] = ()
    """For PDFs, how each page was read, in page order: ``pdfium`` (in full: characters and graphics through
    PDFium, as pdfplumber would give them), ``pdfplumber`` (in full, where PDFium could not be exact; the notes
    say why) or ``text`` (PDFium's plain text, its margins in full: the pre-scan saw no sign of a plan there)."""

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def text_lines(self) -> Iterator[Line]:
        """Every line in reading order, table rows flattened cell by cell."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield from block.lines
            else:
                for row in block.rows:
                    for cell in row.cells:
                        if cell:
                            yield from cell.lines
