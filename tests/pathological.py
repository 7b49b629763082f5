"""Builds a pathological PDF page: a ruled grid far denser than any plan's table.

    python tests/pathological.py OUT.pdf [--cols 200] [--rows 100] [--rects]

A 200 x 100 grid of rules crosses itself 20,301 times; pdfplumber's cell
search is quadratic in the crossings, and such a page took over two minutes
to read before the PDF reader learned to decline it (``test_prescan``).  Lines
by default (302 of them); ``--rects`` draws every cell as its own rectangle
(20,000), as a spreadsheet export does.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reportlab.lib.pagesizes import A3, landscape
from reportlab.pdfgen import canvas


def grid_page(path: Path, cols: int = 200, rows: int = 100, rects: bool = False, text: bool = True) -> Path:
    """Write a one-page PDF at ``path`` holding a ``cols`` x ``rows`` ruled grid (A3 landscape, cells ~5.7 x 8 pt)."""
    width, height = landscape(A3)
    c = canvas.Canvas(str(path), pagesize=(width, height), pageCompression=1)
    x0, y0, x1, y1 = 20.0, 20.0, width - 20.0, height - 20.0
    dx, dy = (x1 - x0) / cols, (y1 - y0) / rows
    c.setLineWidth(0.25)
    if rects:
        for i in range(cols):
            for j in range(rows):
                c.rect(x0 + i * dx, y0 + j * dy, dx, dy, stroke=1, fill=0)
    else:
        for i in range(cols + 1):
            c.line(x0 + i * dx, y0, x0 + i * dx, y1)
        for j in range(rows + 1):
            c.line(x0, y0 + j * dy, x1, y0 + j * dy)
    if text:
        c.setFont("Helvetica", 4)
        for j in range(0, rows, 10):
            c.drawString(x0 + 1, y0 + j * dy + 2, str(j))
    c.save()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cols", type=int, default=200)
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--rects", action="store_true")
    args = parser.parse_args()
    grid_page(args.out, args.cols, args.rows, args.rects)
    print(f"{args.out}: {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
