"""Read a delimited text file (``.csv``, ``.tsv``): a tracker exported from a performance system or a sheet.

The file is decoded as any text file is (:func:`~extractors.readers.text.decode`) and its delimiter found by
the standard library's sniffer among comma, semicolon, tab and bar (a comma where it cannot tell).  Rows are
then read as a workbook's are (:mod:`extractors.readers.excel`):

* runs of rows between blank rows are tables; a run's rows before its first row of two or more filled cells,
  and after its last, are paragraphs (a title block: "Report run: 15/06/2026", a note);
* a row inside a table that holds one value, in the first column, is a row spanning the table (a theme);
* a cell's line breaks (a quoted value over several lines) are its paragraphs;
* trailing empty cells (",,,,," after a title) are nothing.

Which run holds the plan, and which row is its header, the plan grammar decides.  Provenance: the line of
the file a row starts on, and ``ref`` is the cell (``line 7, column 3``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from actionplans.extractors.errors import CorruptDocument
from actionplans.extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table
from actionplans.extractors.readers.excel import blank_parted
from actionplans.extractors.readers.text import read_decoded

DELIMITERS = ",;\t|"
"""The delimiters a file may use."""

SNIFF_BYTES = 64 * 1024
"""How much of the file the delimiter is judged from."""


def read_delimited(path: Path) -> SourceDoc:
    text, notes = read_decoded(path, "delimited")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters=DELIMITERS)
    except csv.Error:
        dialect = csv.excel
        notes.append("delimiter not told from the text: read as comma-separated")
    rows: list[list[str]] = []
    starts: list[int] = []  # the file's line each row starts on (a quoted value may run over several)
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    try:
        for row in reader:
            starts.append(starts[-1] + _lines(rows[-1]) if rows else 1)
            rows.append([value.strip() for value in row])
    except csv.Error as exc:  # a field past the csv module's limit (128 KB), or a quote that never closes
        raise CorruptDocument(f"not read as delimited text (line {reader.line_num}): {exc}") from exc
    doc = SourceDoc(blocks=rows_to_blocks(rows, starts), reader="csv", notes=notes)
    if not any(isinstance(b, Table) for b in doc.blocks):
        doc.notes.append("no table (no row with two filled cells): read as paragraphs")
    return doc


def _lines(row: list[str]) -> int:
    """How many of the file's lines a row took: one, and one more for each line break inside a value."""
    return 1 + sum(value.count("\n") for value in row)


def rows_to_blocks(rows: list[list[str]], starts: list[int]) -> list[Block]:
    """Tables and paragraphs of a delimited file's rows (``starts``: the file's line each row starts on), as a
    workbook's rows are read."""
    width = max((_width(row) for row in rows), default=0)
    blocks: list[Block] = []
    for region in blank_parted(range(len(rows)), lambda r: any(rows[r])):
        wide = [r for r in region if sum(1 for v in rows[r] if v) >= 2]
        top, bottom = (wide[0], wide[-1]) if wide else (region[-1] + 1, region[-1])
        blocks += [_paragraph(rows[r], starts[r]) for r in region if r < top]
        if wide:
            table = [_row(rows[r], starts[r], width) for r in region if top <= r <= bottom]
            blocks.append(Table(rows=table, kind="csv"))
        blocks += [_paragraph(rows[r], starts[r]) for r in region if r > bottom]
    return blocks


def _width(row: list[str]) -> int:
    """The columns a row fills, up to its last value."""
    return max((k + 1 for k, v in enumerate(row) if v), default=0)


def _cell(value: str, line: int, c: int) -> Cell:
    ref = f"line {line}, column {c + 1}"
    paras = [[Line(text=part.strip(), lineno=line, ref=ref)] for part in value.splitlines() if part.strip()]
    return Cell(paras=paras, ref=ref)


def _row(values: list[str], line: int, width: int) -> Row:
    if _width(values) == 1 and width > 1:  # one value, in the first column: a row spanning the table
        return Row(cells=[_cell(values[0], line, 0), *([None] * (width - 1))], whole=True)
    padded = [*values[:width], *([""] * (width - len(values)))]
    return Row(cells=[_cell(v, line, c) for c, v in enumerate(padded)], whole=True)


def _paragraph(values: list[str], line: int) -> Paragraph:
    text = " ".join(v for v in values if v)
    return Paragraph(lines=[Line(text=part.strip(), lineno=line) for part in text.splitlines() if part.strip()])
