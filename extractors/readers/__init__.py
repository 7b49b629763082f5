"""Readers: a PDF, text or HTML file in, a :class:`~extractors.model.SourceDoc` out.

``FORMATS`` (suffix -> format) and ``READERS`` (format -> reader) are the one
list of supported inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.errors import UnsupportedFormat
from extractors.model import SourceDoc
from extractors.readers.sniff import sniff
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
    """``pdf``, ``text`` or ``html`` (by content, :func:`~extractors.readers.sniff.sniff`) for a supported
    file, else what its content is (``docx``, ``xlsx``, ``binary``, ...), else its bare suffix."""
    try:
        found = sniff(path)
    except OSError:
        found = None
    return found or FORMATS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "none")


def read_document(path: Path) -> SourceDoc:
    """Read ``path`` with the reader for the format of its content; :class:`UnsupportedFormat` for any other
    file.  A name that says another format is noted on the document."""
    named = FORMATS.get(path.suffix.lower())
    found = sniff(path)
    fmt = found if found in READERS else None
    if found is None:  # empty: the reader for its name says so in its own words
        fmt = named
    if fmt is None:
        what, hint = _KINDS.get(found or "", (f"a {path.suffix or 'suffix-less'} file", ""))
        if found == "zip" and path.suffix.lower() in _OFFICE:
            what, hint = f"a {path.suffix} file whose ZIP container holds no {path.suffix} parts", "it may be damaged"
        supported = ", ".join(sorted(READERS))
        raise UnsupportedFormat(f"{what} is not read (supported: {supported}){'; ' + hint if hint else ''}")
    doc = READERS[fmt](path)
    if named is not None and named != fmt:
        doc.notes.insert(0, f"named {path.suffix} but its content is {_KINDS[fmt][0]}: read as {fmt}")
    return doc


_KINDS = {
    "pdf": ("a PDF", ""),
    "html": ("a web page (HTML)", ""),
    "text": ("plain text", ""),
    "docx": ("a Word document (.docx)", "export it as PDF"),
    "xlsx": ("an Excel workbook (.xlsx)", "export it as PDF"),
    "pptx": ("a PowerPoint file (.pptx)", "export it as PDF"),
    "odt": ("an OpenDocument text (.odt)", "export it as PDF"),
    "ods": ("an OpenDocument spreadsheet (.ods)", "export it as PDF"),
    "zip": ("a ZIP archive", "unpack it and ingest its files"),
    "binary": ("binary data, not a PDF, web page or text", ""),
}
"""What each format is, said to a user, and what to do with one that is not read."""
_OFFICE = (".docx", ".xlsx", ".pptx", ".odt", ".ods")
