"""Extractors: a council plan in, typed records out.

``extract(path)`` reads a PDF, text or HTML file (:mod:`extractors.readers`:
blocks of paragraphs and tables, found by geometry), gives each table's
columns their roles from evidence (:mod:`extractors.columns`), reads the
blocks in order with one plan grammar (:mod:`extractors.grammar`) and
returns an :class:`~actionplans.records.Extraction`: recommendations,
actions and theme rows, each with its provenance, the title, council and
date the text gives, and a parse report (every table, its column roles and
why; the cues that placed the actions).  Nothing here writes files.
"""

from __future__ import annotations

from pathlib import Path

from actionplans.extractors.bounds import bound
from actionplans.extractors.errors import ExtractionError
from actionplans.extractors.grammar import Assembly, assemble
from actionplans.extractors.metadata import find_council, find_date, find_title
from actionplans.extractors.model import SourceDoc
from actionplans.extractors.readers import FORMATS, format_of, read_document
from actionplans.extractors.tables import ActionTable
from actionplans.normalise.text import collapse
from actionplans.options import ReadOptions
from actionplans.records import ColumnReport, Extraction, TableReport

NO_LAYOUT = "none"


def _table_report(table: ActionTable) -> TableReport:
    h = table.header
    return TableReport(
        pages=tuple(sorted({r.page for r in table.rows if r.page is not None})),
        kind=table.kind,
        rows=len(table.rows),
        header=tuple(c.header for c in h.columns),
        columns=tuple(ColumnReport(c.index, c.header, c.role, round(c.score, 3), c.evidence) for c in h.columns),
        accepted=h.accepted,
        reason=h.reason,
    )


def _plan_pages(assembly: Assembly) -> tuple[int, ...]:
    """Pages that hold the plan: where its actions are (and the tables they are in), else its recommendations."""
    pages = {a.provenance.page for a in assembly.actions if a.provenance.page is not None}
    for table in assembly.tables:
        if table.header.accepted:
            pages.update(r.page for r in table.rows if r.page is not None)
    if not pages:
        pages = {r.provenance.page for r in assembly.recommendations if r.provenance.page is not None}
    return tuple(sorted(pages))


def record_values(assembly: Assembly) -> set[str]:
    """Every distinct value the records carry: actions' words and fields, recommendations, context rows."""
    values: set[str] = set()
    for a in assembly.actions:
        values.update(v for v in (a.text, a.objective, a.timescale_raw, a.measure, a.status_raw, a.progress) if v)
        values.update(a.owners)
        values.update(v for _, v in a.extra)
    for r in assembly.recommendations:
        values.add(r.text)
        values.update(r.owners)
    values.update(c.text for c in assembly.context)
    return values


def _confidence(doc: SourceDoc, values: set[str], pages: tuple[int, ...]) -> float | None:
    """The share of the text on the plan's pages (all of it, for unpaged text) that became records.

    Counted in letters and digits, each distinct value once (a recommendation
    cell merged over five actions counts once), so it says how much of what
    the pages print the records carry, not how often.
    """
    on = set(pages)
    seen = sum(sum(ch.isalnum() for ch in line.text) for line in doc.text_lines() if not on or line.page in on)
    if not seen or not values:
        return None
    kept = sum(sum(ch.isalnum() for ch in v) for v in values)
    return round(min(1.0, kept / seen), 3)


def extract_doc(doc: SourceDoc) -> Extraction:
    """Records of an already read document."""
    cut = bound(doc)
    assembly = assemble(doc)
    pages = _plan_pages(assembly) if doc.pages else ()
    values = record_values(assembly) if assembly.actions or assembly.recommendations else set()
    records = "\n".join(collapse(v) for v in values)  # a record's fields are never the document's date
    title, council, date = find_title(doc), find_council(doc), find_date(doc, records, pages)
    found = bool(assembly.recommendations or assembly.actions)
    report = [*doc.notes, *cut, *assembly.notes]
    if not found:
        report.insert(0, "no action table, labelled actions or recommendations found")
        for table in assembly.tables:  # say what was seen, and why it was not taken
            seen = sorted({r.page for r in table.rows if r.page is not None})
            where = f"table on page {seen[0]}" if seen else "a table"
            header = " | ".join(c.header for c in table.header.columns if c.header) or "no header"
            report.append(f"{where} ({header}): {table.header.reason}")
    return Extraction(
        layout=(assembly.layout or NO_LAYOUT) if found else NO_LAYOUT,
        recommendations=tuple(assembly.recommendations),
        actions=tuple(assembly.actions),
        context=tuple(assembly.context),
        title=title,
        council=council,
        date=date,
        report=tuple(report),
        cues=tuple(assembly.cues.most_common()),
        tables=tuple(_table_report(t) for t in assembly.tables),
        plan_pages=pages,
        confidence=_confidence(doc, values, pages),
    )


def extract(path: Path, options: ReadOptions | None = None) -> tuple[Extraction, SourceDoc]:
    """Read and extract ``path``.  Raises :class:`ExtractionError` subclasses for unreadable files."""
    doc = read_document(path, options)
    return extract_doc(doc), doc


__all__ = ["FORMATS", "NO_LAYOUT", "ExtractionError", "extract", "extract_doc", "format_of", "read_document"]
