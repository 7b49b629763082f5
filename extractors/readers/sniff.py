"""What a file is, from its first bytes: the format its content has, whatever its name says.

Council sites serve a PDF under a ``.txt`` name, an HTML "page has moved"
notice under a ``.pdf`` one, and Word files as ``.doc``.  The reader is
chosen by content: the ``%PDF-`` signature (anywhere in the first kilobyte,
as PDF readers allow), the members of a ZIP container (OOXML and OpenDocument
name their parts), HTML by its opening markup, and text by decoding cleanly.
The name is only the fallback, and a mismatch is reported.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HEAD = 8192
"""Bytes read to tell a format."""

_ZIP_PARTS = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
)
_ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of a Compound File: Word 97-2003 and Excel 97-2003 files, and any Office file with a password."""
_HTML_OPENINGS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta", b"<title", b"<div", b"<p>")


def sniff(path: Path) -> str | None:
    """The format of ``path``'s content (``pdf``, ``html``, ``text``, ``docx``, ``xlsx``, ``pptx``, ``odt``,
    ``ods``, ``ole``, ``zip``, ``binary``), or ``None`` for an empty file or one that is not a regular file (a pipe
    would block whoever asks).  Raises ``OSError`` if it cannot be read."""
    if not path.is_file():
        return None
    with path.open("rb") as f:
        head = f.read(HEAD)
    if not head.strip():
        return None
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path)
    if head.startswith(_OLE):
        return "ole"
    text = _as_text(head)
    if text is None:
        return "binary"
    opening = text.lstrip("\ufeff \t\r\n").lower().encode("ascii", "ignore")
    if opening.startswith(b"<?xml") and b"<html" in text.lower().encode("ascii", "ignore"):
        return "html"
    return "html" if opening.startswith(_HTML_OPENINGS) else "text"


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = archive.read("mimetype")[:100].decode("ascii", "ignore").strip()
                if kind in _ODF_TYPES:
                    return _ODF_TYPES[kind]
    except (zipfile.BadZipFile, OSError, ValueError):
        return "zip"
    return next((fmt for part, fmt in _ZIP_PARTS if part in names), "zip")


def _as_text(head: bytes) -> str | None:
    """``head`` as text if it reads as text (UTF-8, UTF-16 or -32 by its mark or its NULs, Windows-1252)."""
    from actionplans.extractors.readers.text import decode

    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")) and head.count(0) * 3 <= len(head):
        return None  # NULs, but not in the pattern of UTF-16: a binary file
    text, _ = decode(head)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return None if controls > len(text) // 20 else text
