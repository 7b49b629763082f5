"""Readers: a PDF, text or HTML file in, a :class:`~extractors.model.SourceDoc` out.

``FORMATS`` (suffix -> format) and ``READERS`` (format -> reader) are the one
list of supported inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.errors import UnsupportedFormat
from extractors.model import SourceDoc
from extractors.readers.html import read_html
from extractors.readers.pdf import read_pdf
from extractors.readers.text import read_text

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
