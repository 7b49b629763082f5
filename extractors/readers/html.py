"""Read an HTML page (a council's web version of a plan) into blocks.

Tables become :class:`~extractors.model.Table` blocks; a cell with a
``rowspan`` stands in every row it covers and a ``colspan`` leaves ``None``
beside it (as for merged cells in a PDF); ``<p>``, ``<br>`` and ``<li>`` inside a cell make its paragraphs, list
items keeping a bullet so that the cell splitter sees the list.  Headings and
paragraphs outside tables become :class:`~extractors.model.Paragraph` blocks.
Scripts, styles and navigation are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from extractors.errors import EmptyDocument
from extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table
from extractors.readers.text import decode
from normalise.text import collapse

_BREAKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "dt", "dd"}
_SKIP = {"script", "style", "nav", "head", "noscript", "svg", "button", "form"}


@dataclass
class _CellBuf:
    paras: list[list[Line]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    lineno: int = 0
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _TableBuf:
    rows: list[list[_CellBuf]] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.text: list[str] = []
        self.text_line = 0
        self.tables: list[_TableBuf] = []
        self.cells: list[_CellBuf] = []
        self.skip = 0

    # text outside tables
    def _flush_text(self) -> None:
        text = collapse(" ".join(self.text))
        self.text = []
        if text:
            self.blocks.append(Paragraph(lines=[Line(text=text, lineno=self.text_line)]))

    def _flush_cell_para(self) -> None:
        cell = self.cells[-1]
        text = collapse(" ".join(cell.text))
        cell.text = []
        if text:
            cell.paras.append([Line(text=text, lineno=self.getpos()[0])])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        attr = dict(attrs)
        if tag == "table":
            if not self.cells:
                self._flush_text()
            self.tables.append(_TableBuf())
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and self.tables and self.tables[-1].rows:
            cell = _CellBuf(
                lineno=self.getpos()[0], rowspan=_int(attr.get("rowspan")), colspan=_int(attr.get("colspan"))
            )
            self.tables[-1].rows[-1].append(cell)
            self.cells.append(cell)
        elif tag in _BREAKS:
            if self.cells:
                self._flush_cell_para()
            else:
                self._flush_text()
            if tag == "li":
                (self.cells[-1].text if self.cells else self.text).append("•")
        if not self.cells and not self.text:
            self.text_line = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cells:
            self._flush_cell_para()
            self.cells.pop()
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            self.blocks.append(_grid(table))
        elif tag in _BREAKS:
            if self.cells:
                self._flush_cell_para()
            else:
                self._flush_text()

    def handle_data(self, data: str) -> None:
        if self.skip or not data.strip():
            return
        if self.cells:
            self.cells[-1].text.append(data)
        else:
            if not self.text:
                self.text_line = self.getpos()[0]
            self.text.append(data)


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _grid(table: _TableBuf) -> Table:
    """Lay cells out on a grid: a rowspan's cell stands in every row it covers, a colspan leaves ``None``."""
    grid: dict[tuple[int, int], Cell | None] = {}
    for r, cells in enumerate(table.rows):
        c = 0
        for buf in cells:
            while (r, c) in grid:
                c += 1
            cell = Cell(paras=buf.paras)
            grid[(r, c)] = cell
            for dr in range(buf.rowspan):
                for dc in range(buf.colspan):
                    if dr or dc:
                        # Down a rowspan the cell itself stands in each row; across a colspan, nothing.
                        grid[(r + dr, c + dc)] = cell if dc == 0 else None
            c += buf.colspan
    nrows = len(table.rows)
    ncols = max((c + 1 for (_, c) in grid), default=0)
    rows = [Row(cells=[grid.get((r, c), Cell()) for c in range(ncols)]) for r in range(nrows)]
    return Table(rows=rows, kind="html")


def read_html(path: Path) -> SourceDoc:
    text, notes = decode(path.read_bytes())
    doc = html_to_doc(text)
    doc.notes[:0] = notes
    return doc


def html_to_doc(markup: str) -> SourceDoc:
    parser = _Parser()
    parser.feed(markup)
    parser.close()
    parser._flush_text()
    if not parser.blocks:
        raise EmptyDocument("the page has no text")
    return SourceDoc(blocks=parser.blocks, reader="html")
