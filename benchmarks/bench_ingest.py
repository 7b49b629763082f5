#!/usr/bin/env python3
"""Speed and memory of extraction, beside bare pdfplumber, in the same run.

    python benchmarks/bench_ingest.py [PDF or folder ...] [--repeat 3]

Default inputs: the PDFs of ``../shared/corpus`` (when present) and ``data/raw``.
Each contender runs in its own subprocess over all the PDFs, ``--repeat``
times; reported: pages per second (median run) and peak resident memory
(largest run).  Contenders:

* ``pdfplumber text``: ``page.extract_text()`` on every page, the least any
  PDF tool does;
* ``pdfplumber words+tables``: ``extract_words`` and ``find_tables`` on every
  page, the raw material our reader starts from;
* ``actionplans extract``: the whole extraction (reading, layout, records);
* ``actionplans pipeline``: one document's full run as ingest does it
  (extraction, timescales, canonical roles with spaCy, rows), writing aside.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WORKERS = {
    "pdfplumber text": """
import pdfplumber
for path in paths:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
""",
    "pdfplumber words+tables": """
import pdfplumber
for path in paths:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
""",
    "actionplans extract": """
from pathlib import Path
from extractors import extract
for path in paths:
    extract(Path(path))
""",
    "actionplans pipeline": """
from pathlib import Path
from pipeline.process import process_document
for path in paths:
    process_document(Path(path), Path(path).parent)
""",
}

HARNESS = """
import json, resource, sys, time
paths = json.loads(sys.argv[1])
start = time.perf_counter()
{body}
elapsed = time.perf_counter() - start
print(json.dumps({{"seconds": elapsed, "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def pdfs(args: list[str]) -> list[Path]:
    if not args:
        args = [str(p) for p in (ROOT.parent / "shared" / "corpus", ROOT / "data" / "raw") if p.exists()]
    out: list[Path] = []
    for arg in args:
        path = Path(arg)
        out.extend(sorted(path.rglob("*.pdf")) if path.is_dir() else [path])
    return out


def page_count(paths: list[Path]) -> int:
    import pdfplumber

    total = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


def run(body: str, paths: list[Path]) -> dict[str, float]:
    script = HARNESS.format(body=body)
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps([str(p) for p in paths])],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="PDF files or folders")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = pdfs(args.inputs)
    if not paths:
        sys.exit("no PDFs to measure")
    pages = page_count(paths)
    print(f"{len(paths)} PDFs, {pages} pages, {args.repeat} runs each; python {sys.version.split()[0]}")
    print(f"{'contender':26s} {'pages/s':>9s} {'s/run':>8s} {'peak RSS MiB':>13s}")
    started = time.strftime("%Y-%m-%d %H:%M")
    for name, body in WORKERS.items():
        runs = [run(body, paths) for _ in range(args.repeat)]
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = max(r["peak_kib"] for r in runs) / 1024
        print(f"{name:26s} {pages / seconds:9.1f} {seconds:8.2f} {peak:13.1f}")
    print(f"(measured {started})")


if __name__ == "__main__":
    main()
