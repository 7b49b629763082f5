"""Readers: a PDF, text, HTML, Word or Excel file in, a :class:`~extractors.model.SourceDoc` out.

``FORMATS`` (suffix -> format) and ``READERS`` (format -> reader) are the one
list of supported inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from actionplans.extractors.errors import ImageOnlyDocument, UnsupportedFormat
from actionplans.extractors.model import SourceDoc
from actionplans.extractors.readers.sniff import sniff
from actionplans.extractors.readers.text import read_text
from actionplans.options import ReadOptions


# The PDF reader (pdfplumber, pdfminer: a tenth of a second to import) and the HTML reader are imported by the
# first document that needs them, so a process that reads only text files never loads them.
def read_pdf(path: Path, password: str | None = None) -> SourceDoc:
    """:func:`extractors.readers.pdf.read_pdf`, imported on first use."""
    from actionplans.extractors.readers import pdf

    return pdf.read_pdf(path, password=password)


def read_html(path: Path) -> SourceDoc:
    """:func:`extractors.readers.html.read_html`, imported on first use."""
    from actionplans.extractors.readers import html

    return html.read_html(path)


def read_word(path: Path) -> SourceDoc:
    """:func:`extractors.readers.word.read_word`, imported on first use."""
    from actionplans.extractors.readers import word

    return word.read_word(path)


def read_delimited(path: Path) -> SourceDoc:
    """:func:`extractors.readers.delimited.read_delimited`, imported on first use."""
    from actionplans.extractors.readers import delimited

    return delimited.read_delimited(path)


def read_excel(path: Path) -> SourceDoc:
    """:func:`extractors.readers.excel.read_excel`, imported on first use."""
    from actionplans.extractors.readers import excel

    return excel.read_excel(path)


FORMATS: dict[str, str] = {
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".tsv": "csv",
}
READERS: dict[str, Callable[[Path], SourceDoc]] = {
    "pdf": read_pdf,
    "text": read_text,
    "html": read_html,
    "docx": read_word,
    "xlsx": read_excel,
    "csv": read_delimited,
}


def format_of(path: Path) -> str:
    """``pdf``, ``text`` or ``html`` (by content, :func:`~extractors.readers.sniff.sniff`) for a supported
    file, else what its content is (``docx``, ``xlsx``, ``binary``, ...), else its bare suffix."""
    try:
        found = sniff(path)
    except OSError:
        found = None
    return found or FORMATS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "none")


def read_document(path: Path, options: ReadOptions | None = None) -> SourceDoc:
    """Read ``path`` with the reader for the format of its content; :class:`UnsupportedFormat` for any other
    file.  A name that says another format is noted on the document."""
    options = options or ReadOptions()
    named = FORMATS.get(path.suffix.lower())
    found = sniff(path)
    fmt = found if found in READERS else None
    if found is None or (found == "text" and named == "csv"):  # empty, or text named as delimited: its name's
        fmt = named
    if fmt is None:
        what, hint = _KINDS.get(found or "", (f"a {path.suffix or 'suffix-less'} file", ""))
        if found == "zip" and path.suffix.lower() in _OFFICE:
            what, hint = f"a {path.suffix} file whose ZIP container holds no {path.suffix} parts", "it may be damaged"
        supported = ", ".join(sorted(READERS))
        raise UnsupportedFormat(f"{what} is not read (supported: {supported}){'; ' + hint if hint else ''}")
    doc = _read_pdf_with(path, options) if fmt == "pdf" else READERS[fmt](path)
    if named is not None and named != fmt:
        doc.notes.insert(0, f"named {path.suffix} but its content is {_KINDS[fmt][0]}: read as {fmt}")
    return doc


def _read_pdf_with(path: Path, options: ReadOptions) -> SourceDoc:
    """A PDF, its text recognised by OCR when it is only images and OCR is asked for."""
    from actionplans.extractors.readers import ocr

    try:
        return read_pdf(path, options.password)
    except ImageOnlyDocument as exc:
        if options.ocr:
            return ocr.read_scanned(path, lambda p: read_pdf(p), options.password)
        hint = "run with --ocr to recognise its text" if ocr.tesseract() else f"OCR needs Tesseract: {ocr.INSTALL}"
        raise ImageOnlyDocument(f"{exc}; {hint}") from exc


_KINDS = {
    "pdf": ("a PDF", ""),
    "html": ("a web page (HTML)", ""),
    "text": ("plain text", ""),
    "docx": ("a Word document (.docx)", ""),
    "xlsx": ("an Excel workbook (.xlsx)", ""),
    "csv": ("delimited text (.csv, .tsv)", ""),
    "pptx": ("a PowerPoint file (.pptx)", "export it as PDF"),
    "odt": ("an OpenDocument text (.odt)", "save it as .docx (or export it as PDF)"),
    "ods": ("an OpenDocument spreadsheet (.ods)", "save it as .xlsx (or export it as PDF)"),
    "ole": (
        "a legacy Office file (.doc, .xls) or a password-protected one",
        "save it as .docx or .xlsx without a password",
    ),
    "zip": ("a ZIP archive", "unpack it and ingest its files"),
    "binary": ("binary data, not a PDF, web page or text", ""),
}
"""What each format is, said to a user, and what to do with one that is not read."""
_OFFICE = (".docx", ".xlsx", ".pptx", ".odt", ".ods")
