"""OCR for scanned PDFs: a text layer from Tesseract, read like any other.

A PDF whose pages are only images is ``image_only``.  With OCR asked for
(``--ocr``), each page is rendered by PDFium at :data:`DPI` and given to the
``tesseract`` command, which writes the page back as a PDF holding the image
and, over it, an invisible text layer where it recognised words; the pages
are put together in one temporary PDF, at the original page sizes, and that
PDF is read by the PDF reader, so records carry the pages and boxes of the
scan.  Recognised text is not exact: the document's notes say it was OCR'd.

Tesseract is a program, not a Python package: ``apt install tesseract-ocr``
(Debian, Ubuntu), ``brew install tesseract`` (macOS).  Without it, the
document stays ``image_only`` and the message says how to install it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from actionplans.extractors.errors import ImageOnlyDocument
from actionplans.extractors.model import SourceDoc

DPI = 300
"""Resolution pages are rendered at for recognition (Tesseract reads print best at 300 dpi)."""
PAGE_SECONDS = 180
"""Most one page may take in Tesseract before it is given up (the worker's limit still stands)."""
INSTALL = "apt install tesseract-ocr (Debian, Ubuntu) or brew install tesseract (macOS)"


def tesseract() -> str | None:
    """The path of the ``tesseract`` command, or ``None`` if it is not installed."""
    return shutil.which("tesseract")


def read_scanned(path: Path, read_pdf: Callable[[Path], SourceDoc], password: str | None = None) -> SourceDoc:
    """Recognise the text of every page of ``path`` and read the result with ``read_pdf``."""
    command = tesseract()
    if command is None:
        raise ImageOnlyDocument(
            f"no text layer, only images, and OCR needs Tesseract, which is not installed: {INSTALL}"
        )
    import pypdfium2 as pdfium

    version = _version(command)
    with tempfile.TemporaryDirectory(prefix="actionplans-ocr-") as scratch:
        folder = Path(scratch)
        source = pdfium.PdfDocument(str(path), password=password or None)
        out = pdfium.PdfDocument.new()
        try:
            for i in range(len(source)):
                page = source[i]
                width, height = page.get_size()
                image = folder / f"page-{i + 1}.png"
                bitmap = page.render(scale=DPI / 72)
                bitmap.to_pil().save(image, dpi=(DPI, DPI))
                page.close()
                recognised = _recognise(command, image, folder / f"page-{i + 1}")
                with pdfium.PdfDocument(str(recognised)) as one:
                    out.import_pages(one)
                _fit(out[len(out) - 1], width, height)
            combined = folder / "recognised.pdf"
            out.save(str(combined))
        finally:
            out.close()
            source.close()
        doc = read_pdf(combined)
    doc.notes.insert(0, f"text recognised by OCR ({version}, {DPI} dpi): check names and dates against the scan")
    return doc


def _recognise(command: str, image: Path, base: Path) -> Path:
    """Run Tesseract on one page image; the one-page PDF it writes (image and invisible text)."""
    # One thread: Tesseract's OpenMP threads spin more than they gain on a page, and batches run in parallel.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        subprocess.run(
            [command, str(image), str(base), "--dpi", str(DPI), "-l", "eng", "pdf"],
            check=True,
            capture_output=True,
            timeout=PAGE_SECONDS,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        raise ImageOnlyDocument(f"OCR of {image.stem} took longer than {PAGE_SECONDS} s and was stopped") from exc
    except subprocess.CalledProcessError as exc:
        said = exc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
        raise ImageOnlyDocument(f"OCR failed on {image.stem}: tesseract said {said[0]!r}") from exc
    return base.with_suffix(".pdf")


def _fit(page: object, width: float, height: float) -> None:
    """Scale a recognised page back to the original page's size (Tesseract sizes it from the image's dpi)."""
    got_width, got_height = page.get_size()  # type: ignore[attr-defined]
    if abs(got_width - width) > 0.5 or abs(got_height - height) > 0.5:
        raise ImageOnlyDocument(
            f"OCR gave a page of {got_width:.0f}x{got_height:.0f} pt for one of {width:.0f}x{height:.0f} pt"
        )


def _version(command: str) -> str:
    try:
        said = subprocess.run([command, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "Tesseract"
    first = (said.stdout or said.stderr).strip().splitlines()[:1]
    return first[0].replace("tesseract", "Tesseract") if first else "Tesseract"
