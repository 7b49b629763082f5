"""Cut text past a size no plan has, so nothing later can run away on it.

Later stages (owner splitting, timescale parsing, the grammar's look-backs)
are written for cells and paragraphs of plan size: the longest cell in the
development corpus is under 1,000 characters and the longest line under 600.
A hostile or broken file can hold a 60,000-character cell or a 200 MB line,
and work that is fine on real text can then take minutes.  So a document is
bounded once, as soon as it is read: each line, cell and paragraph is cut at
a limit ten times past anything real, and the parse report says what was cut.
"""

from __future__ import annotations

from dataclasses import replace

from actionplans.extractors.model import Line, Paragraph, SourceDoc, Table

MAX_LINE = 5_000
"""Characters in one line."""
MAX_BLOCK = 10_000
"""Characters in one cell or one paragraph outside tables."""


def _cut(lines: list[Line], budget: int) -> tuple[list[Line], bool]:
    """``lines`` cut to ``budget`` characters in all and :data:`MAX_LINE` each; whether anything was cut."""
    kept: list[Line] = []
    cut = False
    for line in lines:
        if budget <= 0:
            return kept, True
        limit = min(MAX_LINE, budget)
        if len(line.text) > limit:
            line, cut = replace(line, text=line.text[:limit]), True
        kept.append(line)
        budget -= len(line.text)
    return kept, cut


def bound(doc: SourceDoc) -> list[str]:
    """Cut ``doc``'s over-long lines, cells and paragraphs in place; a report note for each place cut."""
    notes: list[str] = []

    def where(page: int | None, line: Line | None) -> str:
        if page is not None:
            return f"page {page}"
        return f"line {line.lineno}" if line and line.lineno else "the document"

    for block in doc.blocks:
        if isinstance(block, Paragraph):
            first = block.lines[0] if block.lines else None
            block.lines, cut = _cut(block.lines, MAX_BLOCK)
            if cut:
                notes.append(f"a paragraph on {where(block.page, first)} was cut to {MAX_BLOCK:,} characters")
            continue
        assert isinstance(block, Table)
        for row in block.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                budget, paras, cut = MAX_BLOCK, [], False
                first = cell.lines[0] if cell.lines else None
                for para in cell.paras:
                    kept, short = _cut(para, budget)
                    cut |= short
                    budget -= sum(len(line.text) for line in kept)
                    if kept:
                        paras.append(kept)
                cell.paras = paras
                if cut:
                    notes.append(f"a table cell on {where(row.page, first)} was cut to {MAX_BLOCK:,} characters")
    if len(notes) > 5:
        notes = [*notes[:5], f"... and {len(notes) - 5} more cells or paragraphs cut"]
    return notes
