"""Extractors: a council plan in, typed records out.

``extract(path)`` reads a PDF, text or HTML file (:mod:`extractors.readers`),
picks the layout that fits it (:mod:`extractors.layouts`) and returns an
:class:`~actionplans.records.Extraction`: recommendations, actions and theme
rows, each with its provenance, plus the title, council and date the text
gives.  Nothing here writes files.
"""

from __future__ import annotations

from pathlib import Path

from actionplans.records import Extraction
from extractors.errors import ExtractionError
from extractors.layouts import LAYOUTS, Context, choose
from extractors.metadata import find_council, find_date, find_title
from extractors.model import SourceDoc
from extractors.readers import FORMATS, format_of, read_document

NO_LAYOUT = "none"


def extract_doc(doc: SourceDoc, layout: str | None = None) -> Extraction:
    """Records of an already read document; ``layout`` forces a layout by name."""
    ctx = Context(doc)
    chosen = choose(ctx, layout)
    title, council, date = find_title(doc), find_council(doc), find_date(doc)
    if chosen is None:
        return Extraction(
            layout=NO_LAYOUT,
            title=title,
            council=council,
            date=date,
            report=("no action table, labelled actions or recommendation list found",),
        )
    result = chosen.extract(ctx)
    return Extraction(
        layout=chosen.name,
        recommendations=tuple(result.recommendations),
        actions=tuple(result.actions),
        context=tuple(result.context),
        title=title,
        council=council,
        date=date,
        report=tuple(result.report),
    )


def extract(path: Path, layout: str | None = None) -> tuple[Extraction, SourceDoc]:
    """Read and extract ``path``.  Raises :class:`ExtractionError` subclasses for unreadable files."""
    doc = read_document(path)
    return extract_doc(doc, layout), doc


__all__ = ["FORMATS", "LAYOUTS", "NO_LAYOUT", "ExtractionError", "extract", "extract_doc", "format_of", "read_document"]
