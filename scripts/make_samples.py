#!/usr/bin/env python3
"""Build the project's own sample plans and test fixtures from ``sample_plan.py``.

    python scripts/make_samples.py        # needs reportlab: pip install -e '.[test]'

Writes (deterministically, so a rebuild changes nothing unless the data does):

* ``data/raw/``: the sample the quick start ingests: the Fenmarsh plan as a
  sectioned, ruled PDF (headings, repeated header rows, rows that break
  across pages, page footers) and as a tab-separated text export of a grid
  (HTML ``<p>`` in cells, a header repeated mid-table, a row cut in two),
  with a ``sources.csv`` manifest;
* ``tests/fixtures/plans/``: the same plan as a borderless PDF, a ruled PDF
  with merged cells, a flowed labelled text, a column-aligned text and an
  HTML page;
* ``tests/fixtures/gold/``: for every rendering, the records a correct
  extraction contains, in the annotation format ``actionplans evaluate``
  reads;
* ``tests/fixtures/bad/``: inputs that must fail cleanly (corrupt, encrypted,
  blank and image-only PDFs, an empty text file, an unsupported file).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from reportlab import rl_config

rl_config.invariant = 1  # no timestamps or random ids: the same data gives the same bytes

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
import sample_plan as plan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
STEM = "fenmarsh-cpc-action-plan-2025"
LETTERS = "abcdefghijklmnopqrstuvwxyz"

STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("body", parent=STYLES["BodyText"], fontName="Helvetica", fontSize=10, leading=13)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=9, leading=11.5, spaceAfter=7)
HEAD = ParagraphStyle("head", parent=CELL, fontName="Helvetica-Bold")
H1 = ParagraphStyle("h1", parent=BODY, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=4)
H2 = ParagraphStyle("h2", parent=BODY, fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=10)


# --- what a correct extraction contains -----------------------------------


def owners_of(rec: dict[str, Any], obj: dict[str, Any]) -> list[str]:
    named = obj["owner"] or rec.get("sponsor")
    return [part.strip() for part in named.split(" / ")] if named else []


def timescale_of(obj: dict[str, Any], n: int) -> str:
    stamps = obj["timescales"]
    return stamps[0] if len(stamps) == 1 else stamps[n]


def gold(source: str, layout: str, ids: str, measure: bool, sponsors_as_owners: bool = True) -> dict[str, Any]:
    """Annotation for one rendering.  ``ids``: ``lettered`` (1.1.a), ``running`` (1.1, 1.2, ...)."""
    actions = []
    for rec in plan.RECOMMENDATIONS:
        n = 0
        for obj in rec["objectives"]:
            for i, text in enumerate(obj["actions"]):
                n += 1
                owners = owners_of(rec, obj) if sponsors_as_owners or obj["owner"] else []
                actions.append(
                    {
                        "rec": rec["id"],
                        "id": f"{obj['id']}.{LETTERS[i]}" if ids == "lettered" else f"{rec['id']}.{n}",
                        "objective": obj["text"] if ids == "lettered" else None,
                        "text": text,
                        "owners": owners,
                        "timescale": timescale_of(obj, i),
                        "measure": obj["measure"] if measure else None,
                    }
                )
    return {
        "source": source,
        "document": {"council": plan.COUNCIL, "title": plan.TITLE, "date": plan.DATE, "layout": layout},
        "recommendations": [{"id": r["id"], "text": r["text"]} for r in plan.RECOMMENDATIONS],
        "actions": actions,
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# --- renderings -------------------------------------------------------------


def _footer(c: canvas.Canvas, doc: Any) -> None:
    c.setFont("Helvetica", 8)
    c.drawString(doc.leftMargin, 8 * mm, f"Page {doc.page}")


def _landscape(path: Path) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        str(path),
        pagesize=landscape(A4),
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=14 * mm,
        bottomMargin=18 * mm,
        title=plan.TITLE,
        author=plan.COUNCIL,
    )


def _title_block() -> list[Any]:
    return [Paragraph(plan.TITLE, H1), Paragraph(plan.COUNCIL, BODY), Paragraph(plan.DATE_TEXT, BODY), Spacer(1, 10)]


def sectioned_pdf(path: Path) -> None:
    """Headings per recommendation, then What / How / Lead officer / Timescale tables with lettered actions."""
    doc = _landscape(path)
    story: list[Any] = [
        Paragraph(plan.TITLE.upper(), H1),
        Paragraph(plan.COUNCIL, BODY),
        Paragraph(plan.DATE_TEXT, BODY),
        Spacer(1, 6),
        Paragraph(plan.INTRO, BODY),
        Spacer(1, 6),
    ]
    for rec in plan.RECOMMENDATIONS:
        story.append(Paragraph(f"Recommendation {rec['id']} - {rec['text']}", BODY))
    header = [
        Paragraph(h, HEAD) for h in ("What do we want to achieve?", "How will we do it?", "Lead officer", "Timescale")
    ]
    for rec in plan.RECOMMENDATIONS:
        story += [Paragraph(f"Recommendation {rec['id']}", H2), Paragraph(rec["text"], BODY)]
        if rec.get("sponsor"):
            story.append(Paragraph(f"Project Sponsor: {rec['sponsor']}", BODY))
        story.append(Spacer(1, 6))
        rows: list[list[Any]] = [header]
        for obj in rec["objectives"]:
            actions = [Paragraph(f"{LETTERS[i]}. {text}", CELL) for i, text in enumerate(obj["actions"])]
            stamps = [Paragraph(s, CELL) for s in obj["timescales"]]
            rows.append(
                [Paragraph(f"{obj['id']} {obj['text']}", CELL), actions, Paragraph(obj["owner"] or "", CELL), stamps]
            )
        table = Table(rows, colWidths=[70 * mm, 110 * mm, 50 * mm, 35 * mm], repeatRows=1, splitInRow=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dbe4f3")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)


def grid_rows() -> list[list[str]]:
    """One row per objective: Ref, Recommendation, Actions (<p> each), Lead officer, Target date, Measure."""
    rows = []
    for rec in plan.RECOMMENDATIONS:
        for k, obj in enumerate(rec["objectives"]):
            owners = " / ".join(owners_of(rec, obj))
            rows.append(
                [
                    rec["id"] if k == 0 else "",
                    f"<p>{rec['text']}</p>" if k == 0 else "",
                    " ".join(f"<p>{a}</p>" for a in obj["actions"]),
                    owners,
                    " ".join(obj["timescales"]),
                    obj["measure"],
                ]
            )
    return rows


def tsv_text(path: Path) -> None:
    """A converter's export of the grid: tab-separated cells, <p> markup, a header repeated at a page break."""
    header = ["Ref", "Recommendation", "Actions", "Lead officer", "Target date", "How we will measure success"]
    lines = [plan.COUNCIL, "LGA Corporate Peer Challenge – Action Plan", plan.DATE_TEXT, "", "\t".join(header)]
    for row in grid_rows():
        if row[0] == "4":
            # A page break fell inside recommendation 4's row: the header is repeated and the
            # rest of the row's cells follow on a row of their own, lower case first.
            actions = row[2]
            cut = actions.index("and the work programme")
            lines.append("\t".join([row[0], row[1], actions[:cut].rstrip() + "</p>", row[3], row[4], row[5]]))
            lines.append("")
            lines.append("\t".join(header))
            lines.append("\t".join(["", "", "<p>" + actions[cut:], "", "", ""]))
            continue
        lines.append("\t".join(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def action_rows() -> list[tuple[dict[str, Any], dict[str, Any], int, str, bool]]:
    """(recommendation, objective, index, action, first row of its recommendation), in order."""
    out = []
    for rec in plan.RECOMMENDATIONS:
        first = True
        for obj in rec["objectives"]:
            for i, text in enumerate(obj["actions"]):
                out.append((rec, obj, i, text, first))
                first = False
    return out


def borderless_pdf(path: Path) -> None:
    """The grid set without rules or shading: a row per action, recommendation printed once."""
    doc = _landscape(path)
    story = _title_block()
    rows: list[list[Any]] = [
        [Paragraph(h, HEAD) for h in ("No.", "Recommendation", "Action", "Lead officer", "Target date")]
    ]
    for rec, obj, i, text, first in action_rows():
        rows.append(
            [
                Paragraph(rec["id"] if first else "", CELL),
                Paragraph(rec["text"] if first else "", CELL),
                Paragraph(text, CELL),
                Paragraph(" / ".join(owners_of(rec, obj)), CELL),
                Paragraph(timescale_of(obj, i), CELL),
            ]
        )
    table = Table(rows, colWidths=[14 * mm, 75 * mm, 100 * mm, 45 * mm, 30 * mm], repeatRows=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    story.append(table)
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)


def merged_pdf(path: Path) -> None:
    """A ruled grid with merged cells: each recommendation's cells span its actions, and an objective's
    lead officer and target date span its actions when they are shared."""
    doc = _landscape(path)
    story = _title_block()
    header = [Paragraph(h, HEAD) for h in ("No.", "Recommendation", "Action", "Lead officer", "Target date")]
    rows: list[list[Any]] = [header]
    spans: list[tuple[str, tuple[int, int], tuple[int, int]]] = []
    for rec in plan.RECOMMENDATIONS:
        first_row = len(rows)
        for obj in rec["objectives"]:
            obj_row = len(rows)
            shared = len(obj["timescales"]) == 1
            for i, text in enumerate(obj["actions"]):
                top = len(rows) == obj_row
                rows.append(
                    [
                        Paragraph(rec["id"], CELL) if len(rows) == first_row else "",
                        Paragraph(rec["text"], CELL) if len(rows) == first_row else "",
                        Paragraph(text, CELL),
                        Paragraph(" / ".join(owners_of(rec, obj)), CELL) if top else "",
                        Paragraph(timescale_of(obj, i), CELL) if top or not shared else "",
                    ]
                )
            last = len(rows) - 1
            if last > obj_row:
                spans.append(("SPAN", (3, obj_row), (3, last)))
                if shared:
                    spans.append(("SPAN", (4, obj_row), (4, last)))
        if len(rows) - 1 > first_row:
            spans += [("SPAN", (0, first_row), (0, len(rows) - 1)), ("SPAN", (1, first_row), (1, len(rows) - 1))]
    table = Table(rows, colWidths=[14 * mm, 75 * mm, 100 * mm, 45 * mm, 30 * mm], repeatRows=1)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans])
    )
    story.append(table)
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)


def flowed_text(path: Path) -> None:
    """No table: recommendation headings, then "Action N.N:", "Lead officer:", "Timescale:", "Measure:" paragraphs."""
    out = [plan.COUNCIL.upper(), plan.TITLE, plan.DATE_TEXT, ""]
    for rec in plan.RECOMMENDATIONS:
        out += [f"Recommendation {rec['id']}", *textwrap.wrap(rec["text"], 78), ""]
        n = 0
        for obj in rec["objectives"]:
            for i, text in enumerate(obj["actions"]):
                n += 1
                out += textwrap.wrap(f"Action {rec['id']}.{n}: {text}", 78)
                out.append(f"Lead officer: {' / '.join(owners_of(rec, obj))}")
                out.append(f"Timescale: {timescale_of(obj, i)}")
                out += textwrap.wrap(f"Measure: {obj['measure']}", 78)
                out.append("")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def columns_text(path: Path) -> None:
    """The grid as `pdftotext -layout` prints it: fixed columns, wrapped cells top-aligned, form feeds between pages."""
    widths = [6, 36, 48, 28, 16]
    header = ["No.", "Recommendation", "Action", "Lead officer", "Target date"]

    def line(cells: list[str]) -> str:
        return "".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    pages: list[list[str]] = [[plan.TITLE, plan.COUNCIL, plan.DATE_TEXT, "", line(header)]]
    for rec, obj, i, text, first in action_rows():
        cells = [
            rec["id"] if first else "",
            rec["text"] if first else "",
            text,
            " / ".join(owners_of(rec, obj)),
            timescale_of(obj, i),
        ]
        wrapped = [textwrap.wrap(c, w - 2) or [""] for c, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        block = [line([w[k] if k < len(w) else "" for w in wrapped]) for k in range(height)]
        if len(pages[-1]) + len(block) > 40:
            pages.append([line(header)])
        pages[-1] += block
    path.write_text("\f".join("\n".join(p) + "\n" for p in pages), encoding="utf-8")


def html_page(path: Path) -> None:
    """A web version: recommendation cells spanning their actions with rowspan, owners in a list."""
    out = [
        "<!doctype html>",
        "<html><head><meta charset='utf-8'><title>Fenmarsh action plan</title>",
        "<style>td{vertical-align:top}</style><script>var x = 1;</script></head><body>",
        "<nav><a href='/'>Home</a> &gt; <a href='/council'>Council</a></nav>",
        f"<h1>{plan.TITLE}</h1>",
        f"<p>{plan.COUNCIL}</p>",
        f"<p>{plan.DATE_TEXT}</p>",
        "<table>",
        "<tr><th>No.</th><th>Recommendation</th><th>Action</th><th>Responsible officer</th><th>Deadline</th></tr>",
    ]
    for rec in plan.RECOMMENDATIONS:
        count = sum(len(o["actions"]) for o in rec["objectives"])
        first = True
        for obj in rec["objectives"]:
            for i, text in enumerate(obj["actions"]):
                owners = "".join(f"<li>{o}</li>" for o in owners_of(rec, obj))
                cells = [
                    f"<td>{text.replace('&', '&amp;')}</td>",
                    f"<td><ul>{owners}</ul></td>",
                    f"<td>{timescale_of(obj, i)}</td>",
                ]
                if first:
                    cells = [
                        f"<td rowspan='{count}'>{rec['id']}</td>",
                        f"<td rowspan='{count}'>{rec['text']}</td>",
                        *cells,
                    ]
                out.append("<tr>" + "".join(cells) + "</tr>")
                first = False
    out += ["</table>", "</body></html>"]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# --- inputs that must fail cleanly -------------------------------------------------


def bad_inputs(folder: Path, sample_pdf: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = sample_pdf.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[:700])
    (folder / "not-a-pdf.pdf").write_bytes(b"<html><body>Sorry, this page has moved.</body></html>\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "minutes.docx").write_bytes(b"PK\x03\x04 not really a Word document")

    from reportlab.lib.pdfencrypt import StandardEncryption

    enc = canvas.Canvas(str(folder / "encrypted.pdf"), encrypt=StandardEncryption("user-secret", "owner-secret"))
    enc.drawString(72, 720, "Action 1.1: this text is behind a password.")
    enc.save()

    blank = canvas.Canvas(str(folder / "blank.pdf"))
    blank.showPage()
    blank.save()

    from PIL import Image, ImageDraw

    image = Image.new("L", (600, 200), 255)
    ImageDraw.Draw(image).text((20, 80), "Action 1.1: scanned page, no text layer", fill=0)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    from reportlab.lib.utils import ImageReader

    scanned = canvas.Canvas(str(folder / "scanned.pdf"))
    scanned.drawImage(ImageReader(buffer), 72, 500, width=450, height=150)
    scanned.save()


def main() -> None:
    RAW.mkdir(parents=True, exist_ok=True)
    plans, golds = FIXTURES / "plans", FIXTURES / "gold"
    plans.mkdir(parents=True, exist_ok=True)

    sectioned_pdf(RAW / f"{STEM}.pdf")
    tsv_text(RAW / f"{STEM}.txt")
    with (RAW / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "council", "published", "url"])
        for name in (f"{STEM}.pdf", f"{STEM}.txt"):
            writer.writerow([name, plan.COUNCIL, plan.DATE, "https://www.example.org/fenmarsh/cpc-action-plan"])
    write_json(golds / f"{STEM}.pdf.gold.json", gold(f"{STEM}.pdf", "sectioned", "lettered", measure=False))
    write_json(golds / f"{STEM}.txt.gold.json", gold(f"{STEM}.txt", "table", "running", measure=True))

    borderless_pdf(plans / "fenmarsh-borderless.pdf")
    write_json(
        golds / "fenmarsh-borderless.gold.json", gold("fenmarsh-borderless.pdf", "table", "running", measure=False)
    )
    merged_pdf(plans / "fenmarsh-merged.pdf")
    write_json(golds / "fenmarsh-merged.gold.json", gold("fenmarsh-merged.pdf", "table", "running", measure=False))
    flowed_text(plans / "fenmarsh-flowed.txt")
    write_json(golds / "fenmarsh-flowed.gold.json", gold("fenmarsh-flowed.txt", "flowed", "running", measure=True))
    columns_text(plans / "fenmarsh-columns.txt")
    write_json(golds / "fenmarsh-columns.gold.json", gold("fenmarsh-columns.txt", "table", "running", measure=False))
    html_page(plans / "fenmarsh-plan.html")
    write_json(golds / "fenmarsh-plan.gold.json", gold("fenmarsh-plan.html", "table", "running", measure=False))

    bad_inputs(FIXTURES / "bad", RAW / f"{STEM}.pdf")
    print(f"wrote {RAW} and {FIXTURES}")


if __name__ == "__main__":
    main()
