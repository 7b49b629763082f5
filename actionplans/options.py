"""Options a user gives the readers, shared by ``extractors`` (which reads with them) and ``pipeline``
(which passes them to its workers), and the limits of a document's reading; light, so that a batch imports
no reader, and no worker, to carry them."""

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


GIB = 2**30


@dataclass(frozen=True)
class Limits:
    """What one document may cost: wall-clock seconds and memory in bytes (``None``: no limit).

    The defaults are far above what any plan needs (the largest in the
    development corpus reads in a few seconds in under 300 MB), so only
    pathological files meet them.
    """

    seconds: float | None = 600.0
    memory: int | None = 4 * GIB

    def describe(self) -> str:
        parts = [f"{self.seconds:g} s" if self.seconds else "no time limit"]
        parts.append(f"{self.memory / GIB:g} GiB" if self.memory else "no memory limit")
        return ", ".join(parts)
