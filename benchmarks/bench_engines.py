#!/usr/bin/env python3
"""CPU time of PDF reading engines and of our extraction, on the corpus and on a council agenda pack.

    python benchmarks/bench_engines.py [PDF or folder ...] [--repeat 3] [--pack PATH] [--with NAME=DIR ...]

Inputs: the corpus PDFs (``../shared/corpus`` and ``data/raw``) and an agenda
pack built by :func:`build_agenda_pack` (56 pages of committee minutes and
reports typeset with reportlab, then a plan's own pages: the case of a plan
buried in a meeting's papers).  Each contender runs in its own subprocess
over one set, ``--repeat`` times; reported: pages per second of CPU time
(user + sys, the median run), not wall time: the machine is shared.  Imports
are not timed (each contender imports its modules first, ours the PDF
reader too); the first document's one-off costs (PDFium's start, pdfminer's
encodings, the normalisers' vocabularies) are.

Contenders:

* ``pdfplumber words+tables``: ``extract_words`` and ``find_tables`` on every
  page, the raw material of the old reader (the reference);
* ``pdfium text``: every page's text through pypdfium2, the least a reader can do;
* ``ours (pdfplumber)``: the whole extraction with the PDF reader forced onto
  pdfplumber (``engine="pdfplumber"``), as it was;
* ``ours``: the whole extraction as it reads now (PDFium, pdfplumber where PDFium
  cannot be exact);
* ``docling-parse``: its characters and words on every page; ``pdfplumber-rs``:
  ``extract_words`` and ``find_tables`` on every page (its Rust port of
  pdfplumber), where importable.  ``--with NAME=DIR`` runs contender ``NAME``
  with ``DIR`` first on its path: pdfplumber-rs installs itself as the package
  ``pdfplumber`` (over pdfplumber's own files), so it cannot share an environment
  with pdfplumber; ``pip install --target DIR pdfplumber-rs`` keeps it apart.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKERS = {
    "pdfplumber words+tables": (
        "import pdfplumber",
        """
for path in paths:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
""",
    ),
    "pdfium text": (
        "import pypdfium2",
        """
for path in paths:
    pdf = pypdfium2.PdfDocument(path)
    for i in range(len(pdf)):
        page = pdf[i]
        text = page.get_textpage()
        text.get_text_range()
        text.close()
        page.close()
    pdf.close()
""",
    ),
    "ours (pdfplumber)": (
        "from pathlib import Path\n"
        "from actionplans.extractors import extract_doc\n"
        "from actionplans.extractors.readers.pdf import read_pdf",
        """
for path in paths:
    extract_doc(read_pdf(Path(path), {"engine": "pdfplumber"}))
""",
    ),
    "ours": (
        "from pathlib import Path\nfrom actionplans.extractors import extract\n"
        "import actionplans.extractors.readers.pdf",
        """
for path in paths:
    extract(Path(path))
""",
    ),
    "docling-parse": (
        "from docling_parse.pdf_parser import DoclingPdfParser\nfrom docling_core.types.doc.page import TextCellUnit",
        """
parser = DoclingPdfParser()
for path in paths:
    doc = parser.load(path)
    for _, page in doc.iterate_pages():
        list(page.iterate_cells(TextCellUnit.CHAR))
        list(page.iterate_cells(TextCellUnit.WORD))
""",
    ),
    "pdfplumber-rs": (
        "import pdfplumber",
        """
for path in paths:
    pdf = pdfplumber.open(path)
    for page in pdf.pages:
        page.chars, page.rects, page.lines, page.curves
        page.extract_words()
        page.find_tables()
""",
    ),
}

HARNESS = """
import json, resource, sys
paths = json.loads(sys.argv[1])
{imports}
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
start = cpu()
{body}
print(json.dumps({{"cpu": cpu() - start, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""

MINUTES = [
    "The Chair welcomed members and officers to the meeting and reminded those present that the meeting was "
    "being broadcast.",
    "Members noted the report of the Director of Finance on the revenue budget monitoring position at the end "
    "of the second quarter, and the forecast overspend within adult social care.",
    "The committee considered the proposed changes to the scheme of delegation and asked officers to report "
    "back on the consultation with town and parish councils.",
    "In response to a question, the Head of Planning explained that the five-year housing land supply would be "
    "recalculated once the local plan examination had concluded.",
    "Councillor Patel declared a personal interest as a member of the board of the community trust and took no "
    "part in the discussion of that item.",
    "The minutes of the previous meeting were agreed as a correct record and signed by the Chair.",
    "Members discussed the level of reserves held by the authority, the use of earmarked reserves to smooth the "
    "impact of inflation, and the risks set out in the medium-term financial strategy.",
    "The Monitoring Officer advised that the petition met the threshold for debate and would be considered at "
    "the next meeting of full council.",
]
HEADINGS = [
    "Apologies for absence",
    "Declarations of interest",
    "Minutes",
    "Public questions",
    "Revenue budget monitoring",
    "Capital programme",
    "Treasury management",
    "Petitions",
    "Scrutiny work programme",
    "Urgent business",
    "Exclusion of the press and public",
]
MEMBERS = ["Cllr A. Patel", "Cllr B. Okafor", "Cllr C. Hughes", "Cllr D. Smith", "Cllr E. Walsh", "Cllr F. Khan"]


def build_agenda_pack(out: Path, plan: Path, prose_pages: int = 56, seed: int = 20250731) -> Path:
    """Write at ``out`` a committee's agenda pack: ``prose_pages`` pages of reportlab-set minutes and reports
    (numbered items, running header and footer, an attendance table now and then), then ``plan``'s pages."""
    import pypdfium2
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rng = random.Random(seed)
    styles = getSampleStyleSheet()
    prose = out.with_suffix(".prose.pdf")

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont("Helvetica", 8)
        canvas.drawString(56, A4[1] - 36, "Cabinet - 12 March 2025")
        canvas.drawRightString(A4[0] - 56, 30, f"Page {doc.page}")

    story: list[object] = []
    item = 0
    for page in range(prose_pages):
        if page % 9 == 0:
            rows = [
                ["Member", "Ward", "Attended"],
                *[[m, rng.choice(["North", "South", "Abbey"]), "Yes"] for m in MEMBERS],
            ]
            table = Table(rows, colWidths=[150, 150, 80])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story += [Paragraph("Present", styles["Heading2"]), table, Spacer(1, 12)]
        for _ in range(3):
            item += 1
            story.append(Paragraph(f"{item}. {rng.choice(HEADINGS)}", styles["Heading3"]))
            for _ in range(2):
                story.append(Paragraph(" ".join(rng.sample(MINUTES, 3)), styles["BodyText"]))
        story.append(PageBreak())
    SimpleDocTemplate(str(prose), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    pack = pypdfium2.PdfDocument.new()
    for part in (prose, plan):
        src = pypdfium2.PdfDocument(str(part))
        pack.import_pages(src)
        src.close()
    pack.save(str(out))
    pack.close()
    prose.unlink()
    return out


def pdfs(args: list[str]) -> list[Path]:
    if not args:
        args = [str(p) for p in (ROOT.parent / "shared" / "corpus", ROOT / "data" / "raw") if p.exists()]
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        out.extend(sorted(path.rglob("*.pdf")) if path.is_dir() else [path])
    return out


def page_count(paths: list[Path]) -> int:
    import pypdfium2

    return sum(len(pypdfium2.PdfDocument(str(p))) for p in paths)


def run(name: str, paths: list[Path], extra: dict[str, str]) -> dict[str, float] | None:
    imports, body = WORKERS[name]
    env = dict(os.environ)
    if name in extra:
        env["PYTHONPATH"] = os.pathsep.join([extra[name], env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, "-c", HARNESS.format(imports=imports, body=body), json.dumps([str(p) for p in paths])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )
    if result.returncode != 0:
        return None  # not installed here, or failed: reported as such
    parsed: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="PDF files or folders (default: the corpus)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pack", type=Path, default=Path("/tmp/agenda-pack.pdf"), help="where to build the pack")
    parser.add_argument("--plan", type=Path, help="the plan the pack ends with (default: a corpus plan)")
    parser.add_argument("--with", dest="extra", action="append", default=[], help="NAME=DIR: DIR first on its path")
    parser.add_argument("--only", action="append", help="run these contenders only")
    args = parser.parse_args()
    extra = dict(x.split("=", 1) for x in args.extra)
    corpus = pdfs(args.inputs)
    plan = args.plan or next(
        (p for p in corpus if "winchester-lga-peer-challenge-action-plan-2024-10.pdf" in p.name), corpus[0]
    )
    pack = build_agenda_pack(args.pack, plan)
    sets = {"corpus": corpus, "agenda pack": [pack]}
    names = args.only or list(WORKERS)
    print(f"CPU seconds (user+sys), median of {args.repeat}; python {sys.version.split()[0]}")
    for label, paths in sets.items():
        pages = page_count(paths)
        print(f"\n{label}: {len(paths)} PDFs, {pages} pages")
        print(f"{'contender':26s} {'pages/s':>9s} {'CPU s':>8s} {'peak MiB':>9s}")
        reference = None
        for name in names:
            runs = [run(name, paths, extra) for _ in range(args.repeat)]
            done = [r for r in runs if r is not None]
            if not done:
                print(f"{name:26s} {'not available':>28s}")
                continue
            seconds = statistics.median(r["cpu"] for r in done)
            rate = pages / seconds if seconds else float("inf")
            reference = rate if name == "pdfplumber words+tables" else reference
            times = f"  ({rate / reference:.1f}x)" if reference and name != "pdfplumber words+tables" else ""
            peak = max(r["peak_kib"] for r in done) / 1024
            print(f"{name:26s} {rate:9.1f} {seconds:8.2f} {peak:9.1f}{times}")


if __name__ == "__main__":
    main()
