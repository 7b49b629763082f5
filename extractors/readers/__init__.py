"""Readers: a PDF, text or HTML file in, a :class:`~extractors.model.SourceDoc` out.

``FORMATS`` (suffix -> format) and ``READERS`` (format -> reader) are the one
list of supported inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.errors import UnsupportedFormat
from extractors.model import SourceDoc
from extractors.readers.text import read_text


# The PDF reader (pdfplumber, pdfminer: a tenth of a second to import) and the HTML reader are imported by the
# first document that needs them, so a process that reads only text files never loads them.
def read_pdf(path: Path) -> SourceDoc:
    """:func:`extractors.readers.pdf.read_pdf`, imported on first use."""
    from extractors.readers import pdf

    return pdf.read_pdf(path)


def read_html(path: Path) -> SourceDoc:
    """:func:`extractors.readers.html.read_html`, imported on first use."""
    from extractors.readers import html

    return html.read_html(path)


FORMATS: dict[str, str] = {".pdf": "pdf", ".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
READERS: dict[str, Callable[[Path], SourceDoc]] = {"pdf": read_pdf, "text": read_text, "html": read_html}


def format_of(path: Path) -> str:
    """``pdf``, ``text`` or ``html`` for a supported file, else its bare suffix."""
    return FORMATS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "none")


def read_document(path: Path) -> SourceDoc:
    """Read ``path`` with the reader for its format; :class:`UnsupportedFormat` for any other file."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(FORMATS))
        raise UnsupportedFormat(
            f"{path.suffix or 'files without a suffix'} files are not read (supported: {supported})"
        )
    return READERS[fmt](path)
