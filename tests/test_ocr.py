"""OCR of scanned PDFs (``--ocr``): Tesseract's text layer read like any other.

The scan is made here: a fixture PDF rendered to images by PDFium and saved
as a PDF of images only, as a scanner writes one.  Tests that run Tesseract
skip where it is not installed (``.ci/run`` installs it when it can).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES

from actionplans.extractors.errors import ImageOnlyDocument
from actionplans.extractors.readers import ocr, read_document
from actionplans.options import ReadOptions
from actionplans.pipeline.cli import main
from actionplans.pipeline.process import process_document

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


def _scan(pdf: Path, out: Path, dpi: int = 200) -> Path:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(pdf))
    images = [source[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(source))]
    source.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out


def test_a_scan_without_ocr_says_how_to_read_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = _scan(FIXTURES / "plans" / "fareham-borderless.pdf", tmp_path / "scan.pdf", dpi=50)
    monkeypatch.setattr(ocr, "tesseract", lambda: "/usr/bin/tesseract")
    with pytest.raises(ImageOnlyDocument, match=r"only images; run with --ocr"):
        read_document(scan)
    monkeypatch.setattr(ocr, "tesseract", lambda: None)
    with pytest.raises(ImageOnlyDocument, match=r"OCR needs Tesseract: apt install tesseract-ocr"):
        read_document(scan)
    out = process_document(scan, tmp_path, None, options=ReadOptions(ocr=True))
    assert out.document["status"] == "image_only"
    assert "Tesseract, which is not installed" in out.document["message"]


@needs_tesseract
def test_ocr_reads_a_scanned_plan(tmp_path: Path) -> None:
    gold = json.loads((FIXTURES / "gold" / "fareham-borderless.gold.json").read_text(encoding="utf-8"))
    scan = _scan(FIXTURES / "plans" / "fareham-borderless.pdf", tmp_path / "scan.pdf")
    out = process_document(scan, tmp_path, None, options=ReadOptions(ocr=True))
    assert out.document["status"] == "ok", out.document["message"]
    assert out.document["pages"] == 2 and any("OCR" in note for note in out.document["report"])
    want = {a["text"]: (a["owners"], a["timescale"]) for a in gold["actions"]}
    got = {a["text"]: (a["owners"], a["timescale_raw"]) for a in out.actions}
    exact = sum(got.get(text) == value for text, value in want.items())
    assert exact >= 0.9 * len(want), (exact, len(want))
    assert all(a["page"] in (1, 2) and a["bbox"] for a in out.actions)  # boxes on the scan's own pages


@needs_tesseract
def test_ingest_with_ocr_reads_again_what_was_image_only(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(FIXTURES / "bad" / "scanned.pdf", src / "scanned.pdf")
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(src), "--out", str(out), "--no-progress", "-v"])
    assert "image_only: scanned.pdf" in first.output, first.output
    again = runner.invoke(main, ["ingest", str(src), "--out", str(out), "--no-progress", "-v", "--ocr"])
    assert again.exit_code == 0, again.output
    assert "image_only" not in again.output and "0 unchanged and skipped" in again.output, again.output
