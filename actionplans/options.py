"""Options a user gives the readers, shared by ``extractors`` (which reads with them) and ``pipeline``
(which passes them to its workers); light, so that a batch imports no reader to carry them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadOptions:
    """What a user may ask of the readers beyond the file itself."""

    password: str | None = None
    """Opens encrypted PDFs (a PDF with only an owner password opens without)."""
    ocr: bool = False
    """Recognise the text of PDFs that are only images, with Tesseract (:mod:`extractors.readers.ocr`)."""

    @property
    def key(self) -> str:
        """What the options change about a reading, for telling readings apart (never the password itself)."""
        return ("password" if self.password else "") + ("+ocr" if self.ocr else "")
