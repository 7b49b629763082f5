#!/usr/bin/env python3
"""Build the project's own sample plans and test fixtures from ``sample_plan.py``.

    python scripts/make_samples.py        # needs reportlab: pip install -e '.[test]'

Writes (deterministically, so a rebuild changes nothing unless the data does):

* ``data/raw/``: the sample the quick start ingests: the Fareham plan as a
  sectioned, ruled PDF (headings, repeated header rows, rows that break
  across pages, page footers) and as a tab-separated text export of a grid
  (HTML ``<p>`` in cells, a header repeated mid-table, a row cut in two),
  with a ``sources.csv`` manifest;
* ``tests/fixtures/plans/``: the same plan as a borderless PDF, a ruled PDF
  with merged cells, a flowed labelled text, a column-aligned text, an HTML
  page, a committee system's page, a Word document (python-docx), an Excel
  tracker (openpyxl), the column-aligned text in UTF-16 and the merged PDF
  under a ``.txt`` name;
* ``tests/fixtures/gold/``: for every rendering, the records a correct
  extraction contains, in the annotation format ``actionplans evaluate``
  reads;
* ``tests/fixtures/bad/``: inputs that must fail cleanly (corrupt, encrypted,
  blank and image-only PDFs, an empty text file, an unsupported file).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import sys
import textwrap
from collections.abc import Iterator
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
import sample_councils  # noqa: E402
import sample_plan as plan  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIXTURES = ROOT / "tests" / "fixtures"
STEM = "fareham-cpc-action-plan-2025"
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
    lines = [
        plan.COUNCIL,
        "LGA Corporate Peer Challenge – Action Plan (fictional sample)",
        plan.DATE_TEXT,
        "",
        "\t".join(header),
    ]
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
        "<html><head><meta charset='utf-8'><title>Fareham action plan</title>",
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


def committee_page(path: Path) -> None:
    """The plan as a committee system publishes it: the site's banner, cookie notice, breadcrumbs and
    footer around a main area with the meeting's details table, then the plan table, written the way such
    systems write it (``<thead>``, end tags left out, RAG as ``bgcolor``, owners split by ``<br>``)."""
    out = [
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0 Transitional//EN'>",
        "<html lang='en'><head><meta http-equiv='Content-Type' content='text/html; charset=utf-8'>",
        "<title>Agenda item - Corporate Peer Challenge action plan | Fareham Borough Council</title>",
        "<link rel='stylesheet' href='https://www.example.org/site.css'><script src='/app.js'></script></head>",
        "<body>",
        "<div role='dialog' aria-label='Cookies'><p>We use cookies to make this site work.</p>",
        "<button>Accept all cookies</button></div>",
        "<header><a href='/'>Fareham Borough Council</a><form><input name='q'></form></header>",
        "<nav aria-label='Breadcrumb'><ol><li><a href='/'>Home</a><li><a href='/committees'>Committees</a>",
        "<li>Cabinet</ol></nav>",
        "<main id='content'>",
        f"<h1>Agenda item: {plan.TITLE}</h1>",
        f"<p>{plan.COUNCIL}</p>",
        "<table class='meeting-details'><tr><th>Meeting<td>Cabinet",
        f"<tr><th>Date<td>{plan.DATE_TEXT}<tr><th>Decision status<td>Recommendations approved</table>",
        f"<h2>{plan.TITLE}</h2>",
        "<table class='plan' border='1'>",
        "<thead><tr><th>Ref<th>Recommendation<th>Action<th>Responsible officer<th>Due<th>RAG</thead><tbody>",
    ]
    rag = ("#00b050", "#ffc000", "#ff0000")
    for n, rec in enumerate(plan.RECOMMENDATIONS):
        count = sum(len(o["actions"]) for o in rec["objectives"])
        first = True
        for obj in rec["objectives"]:
            for i, text in enumerate(obj["actions"]):
                row = "<tr>"
                if first:
                    row += f"<td rowspan={count}>{rec['id']}<td rowspan={count}>{rec['text']}"
                owners = "<br>".join(owners_of(rec, obj))
                row += f"<td>{text.replace('&', '&amp;')}<td>{owners}<td>{timescale_of(obj, i)}"
                row += f"<td bgcolor='{rag[(n + i) % 3]}'>&nbsp;"
                out.append(row)
                first = False
    out += [
        "</tbody></table>",
        "<p>Supporting documents: <a href='/documents/plan.pdf'>Action plan (PDF)</a></p>",
        "</main>",
        "<footer><p>Fareham Borough Council, Town Hall</p><p>Accessibility statement</p></footer>",
        "</body></html>",
    ]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


_RAG = ("00B050", "FFC000", "FF0000")
"""Green, amber, red: the fills a tracker's RAG column is painted with (no words in the cell)."""
_MONTH_YEAR = r"^(January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})$"


def word_plan(path: Path) -> None:
    """The grid as a Word table (python-docx): Word's heading styles above it, a header row marked "repeat
    as header row" and shaded, recommendation cells merged down their actions, shared lead officers and
    dates merged down their objective, owners as a bulleted list inside the cell, a RAG column that is only
    colour."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def shade(cell: Any, fill: str) -> None:
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        cell._tc.get_or_add_tcPr().append(shd)

    def write(cell: Any, lines: list[str], style: str | None = None) -> None:
        first = cell.paragraphs[0]
        for k, line in enumerate(lines):
            para = first if k == 0 else cell.add_paragraph()
            para.text = line
            if style:
                para.style = style

    document = docx.Document()
    document.core_properties.title = plan.TITLE
    document.core_properties.author = plan.COUNCIL
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(plan.TITLE, 0)
    document.add_paragraph(plan.COUNCIL)
    document.add_paragraph(plan.DATE_TEXT)
    document.add_heading("Introduction", 1)
    document.add_paragraph(plan.INTRO)
    document.add_heading("Action plan", 1)
    header = ["No.", "Recommendation", "Action", "Lead officer", "Target date", "RAG"]
    rows = action_rows()
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for c, text in enumerate(header):
        write(table.cell(0, 0 + c), [text])
        shade(table.cell(0, c), "DBE4F3")
    mark = OxmlElement("w:tblHeader")
    table.rows[0]._tr.get_or_add_trPr().append(mark)
    r = 1
    for n, rec in enumerate(plan.RECOMMENDATIONS):
        first_row = r
        for obj in rec["objectives"]:
            obj_row = r
            shared = len(obj["timescales"]) == 1
            for i, text in enumerate(obj["actions"]):
                write(table.cell(r, 2), [text])
                if r == obj_row:
                    write(table.cell(r, 3), owners_of(rec, obj), "List Bullet")
                if r == obj_row or not shared:
                    write(table.cell(r, 4), [timescale_of(obj, i)])
                shade(table.cell(r, 5), _RAG[(n + i) % 3])
                r += 1
            if r - 1 > obj_row:
                table.cell(obj_row, 3).merge(table.cell(r - 1, 3))
                if shared:
                    table.cell(obj_row, 4).merge(table.cell(r - 1, 4))
        write(table.cell(first_row, 0), [rec["id"]])
        write(table.cell(first_row, 1), [rec["text"]])
        if r - 1 > first_row:
            table.cell(first_row, 0).merge(table.cell(r - 1, 0))
            table.cell(first_row, 1).merge(table.cell(r - 1, 1))
    document.add_paragraph("Progress against this plan is reported to Cabinet every quarter.")
    document.core_properties.created = _FIXED_TIME
    document.core_properties.modified = _FIXED_TIME
    document.core_properties.last_modified_by = plan.COUNCIL
    document.core_properties.revision = 1
    document.save(str(path))
    _fix_zip_times(path)


def excel_plan(path: Path) -> None:
    """The grid as a workbook (openpyxl): the plan over two sheets under title rows, recommendation cells
    merged down their actions, month targets as real date cells in a ``mmmm yyyy`` format, owners on lines
    of their own in the cell, a RAG column that is only fill; a notes sheet and a hidden lookup sheet."""
    import re

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    header = ["No.", "Recommendation", "Action", "Lead officer", "Target date", "RAG"]
    halves = (plan.RECOMMENDATIONS[:3], plan.RECOMMENDATIONS[3:])
    for k, recs in enumerate(halves):
        sheet = book.create_sheet(f"Recommendations {recs[0]['id']}-{recs[-1]['id']}")
        sheet["A1"] = plan.TITLE
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A2"] = plan.COUNCIL
        sheet["A3"] = plan.DATE_TEXT
        sheet.append([])
        sheet.append(header)
        for c in range(1, len(header) + 1):
            sheet.cell(5, c).font = Font(bold=True)
            sheet.cell(5, c).fill = PatternFill("solid", fgColor="DBE4F3")
        r = 6
        for n, rec in enumerate(recs):
            first_row = r
            for obj in rec["objectives"]:
                obj_row = r
                shared = len(obj["timescales"]) == 1
                for i, text in enumerate(obj["actions"]):
                    sheet.cell(r, 3, text)
                    if r == obj_row:
                        sheet.cell(r, 4, "\n".join(owners_of(rec, obj)))
                    if r == obj_row or not shared:
                        stamp = timescale_of(obj, i)
                        m = re.match(_MONTH_YEAR, stamp)
                        if m:
                            month = dt.datetime.strptime(m.group(1), "%B").month
                            sheet.cell(r, 5, dt.datetime(int(m.group(2)), month, 1))
                            sheet.cell(r, 5).number_format = "mmmm yyyy"
                        else:
                            sheet.cell(r, 5, stamp)
                    sheet.cell(r, 6).fill = PatternFill("solid", fgColor=_RAG[(n + i + k) % 3])
                    for c in range(1, 7):
                        sheet.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
                    r += 1
                if r - 1 > obj_row:
                    sheet.merge_cells(start_row=obj_row, start_column=4, end_row=r - 1, end_column=4)
                    if shared:
                        sheet.merge_cells(start_row=obj_row, start_column=5, end_row=r - 1, end_column=5)
            sheet.cell(first_row, 1, int(rec["id"]))
            sheet.cell(first_row, 2, rec["text"])
            if r - 1 > first_row:
                sheet.merge_cells(start_row=first_row, start_column=1, end_row=r - 1, end_column=1)
                sheet.merge_cells(start_row=first_row, start_column=2, end_row=r - 1, end_column=2)
        for letter, width in zip("ABCDEF", (6, 40, 60, 28, 16, 6), strict=True):
            sheet.column_dimensions[letter].width = width
    notes = book.create_sheet("Notes")
    notes["A1"] = "About this workbook"
    notes["A2"] = "RAG: green on track, amber at risk, red off track. Updated before each Cabinet meeting."
    lookup = book.create_sheet("Lookup")
    for row in (["Status", "Meaning"], ["G", "On track"], ["A", "At risk"], ["R", "Off track"]):
        lookup.append(row)
    lookup.sheet_state = "hidden"
    book.properties.creator = plan.COUNCIL
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    book.save(str(path))
    _fix_zip_times(path)


_FIXED_TIME = dt.datetime(2025, 3, 1, 9, 0, 0)
"""The time the Office fixtures say they were written, so that a rebuild gives the same bytes."""


def _fix_zip_times(path: Path) -> None:
    """Rewrite an Office file's ZIP with fixed member times (libraries stamp the time of writing)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here, whatever it is told
                stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>" + stamp + rb"\g<2>", data
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, data)


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


@contextlib.contextmanager
def typesetting(other: Any) -> Iterator[None]:
    """The writers above typeset ``other`` (a plan of :mod:`sample_councils`) instead of Fareham's."""
    global plan
    fareham = plan
    plan = other
    try:
        yield
    finally:
        plan = fareham


OTHER_COUNCILS = (
    # the plan, its file in the sample, the writer, the layout its gold records
    (sample_councils.HARBOROUGH, "harborough-peer-challenge-action-plan-2024.docx", "word_plan"),
    (sample_councils.NORFOLK, "norfolk-corporate-improvement-plan-2025.xlsx", "excel_plan"),
)


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
            writer.writerow([name, plan.COUNCIL, plan.DATE, "https://www.example.org/fareham/cpc-action-plan"])
        for other, name, _writer in OTHER_COUNCILS:
            writer.writerow([name, other.COUNCIL, other.DATE, f"https://www.example.org/{name.split('-')[0]}/plan"])
    write_json(golds / f"{STEM}.pdf.gold.json", gold(f"{STEM}.pdf", "sectioned", "lettered", measure=False))
    write_json(golds / f"{STEM}.txt.gold.json", gold(f"{STEM}.txt", "table", "running", measure=True))
    for other, name, writer_name in OTHER_COUNCILS:
        with typesetting(other):
            globals()[writer_name](RAW / name)
            write_json(golds / f"{name}.gold.json", gold(name, "table", "running", measure=False))

    borderless_pdf(plans / "fareham-borderless.pdf")
    write_json(
        golds / "fareham-borderless.gold.json", gold("fareham-borderless.pdf", "table", "running", measure=False)
    )
    merged_pdf(plans / "fareham-merged.pdf")
    write_json(golds / "fareham-merged.gold.json", gold("fareham-merged.pdf", "table", "running", measure=False))
    flowed_text(plans / "fareham-flowed.txt")
    write_json(golds / "fareham-flowed.gold.json", gold("fareham-flowed.txt", "flowed", "running", measure=True))
    columns_text(plans / "fareham-columns.txt")
    write_json(golds / "fareham-columns.gold.json", gold("fareham-columns.txt", "table", "running", measure=False))
    html_page(plans / "fareham-plan.html")
    write_json(golds / "fareham-plan.gold.json", gold("fareham-plan.html", "table", "running", measure=False))
    word_plan(plans / "fareham-plan.docx")
    write_json(golds / "fareham-plan.docx.gold.json", gold("fareham-plan.docx", "table", "running", measure=False))
    committee_page(plans / "fareham-committee-page.html")
    write_json(
        golds / "fareham-committee-page.gold.json",
        gold("fareham-committee-page.html", "table", "running", measure=False),
    )
    # The column-aligned export as a converter on Windows writes it (UTF-16 with a byte-order mark), and
    # the merged PDF under a name that says text: both read by what they are.
    columns = (plans / "fareham-columns.txt").read_text(encoding="utf-8")
    (plans / "fareham-columns-utf16.txt").write_bytes(columns.replace("\n", "\r\n").encode("utf-16"))
    write_json(
        golds / "fareham-columns-utf16.gold.json",
        gold("fareham-columns-utf16.txt", "table", "running", measure=False),
    )
    (plans / "fareham-merged-misnamed.txt").write_bytes((plans / "fareham-merged.pdf").read_bytes())
    write_json(
        golds / "fareham-merged-misnamed.gold.json",
        gold("fareham-merged-misnamed.txt", "table", "running", measure=False),
    )
    excel_plan(plans / "fareham-tracker.xlsx")
    write_json(golds / "fareham-tracker.gold.json", gold("fareham-tracker.xlsx", "table", "running", measure=False))

    bad_inputs(FIXTURES / "bad", RAW / f"{STEM}.pdf")
    print(f"wrote {RAW} and {FIXTURES}")


if __name__ == "__main__":
    main()
