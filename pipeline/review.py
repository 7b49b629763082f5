"""One document's records shown on its pages: a self-contained HTML page a reviewer opens offline.

``actionplans review FILE`` reads FILE as ``ingest`` would and writes one HTML
file with everything inside it (page images as data URIs, the records as JSON,
the script and styles inline; nothing is fetched):

* the parse report at the top: layout, cues, how much of the text became
  records, every table found and the role each column was given (and why a
  table was not read);
* for a PDF, each page that holds records (with the pages of the plan) rendered
  with PDFium and scaled for the screen, every action's box drawn over it;
* for Word and Excel sources, each table (each sheet) as the grid of cells it is,
  merged cells spanning the rows and columns they cover and shaded cells in
  their colour, with the cell each action was read from and the cells of its
  owners, timescale, status, measure and progress marked; the paragraphs
  outside tables as lines;
* for text and HTML sources, the source's lines with each record's lines marked;
* the records beside the pages, those with something to check first
  (:data:`CHECKS`); pointing at a record marks its box or lines, and the reverse;
  clicking one scrolls the other into view;
* a record's text, owners and timescale can be corrected in place and a record
  struck out; "save as gold JSON" downloads what is on screen in the gold format
  ``actionplans evaluate`` reads (:func:`pipeline.evaluate.gold_of`).

The page is the records as ``ingest`` finds them; it writes nothing else.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actionplans.extractors.model import Cell, SourceDoc, Table
from actionplans.normalise.timescale import parse_timescale
from actionplans.options import ReadOptions
from actionplans.pipeline.evaluate import gold_of
from actionplans.pipeline.process import date_of, review_flags
from actionplans.records import REVIEW_FLAGS, Action, Extraction

PAGE_WIDTH = 1000
"""Pixels across a rendered page: sharp on a laptop screen, a few hundred kilobytes a page."""
MAX_SCALE = 2.0

CHECKS = REVIEW_FLAGS
"""What a record may need a human look for (``actions.review``), as the page names it."""


@dataclass(frozen=True)
class PageImage:
    number: int
    width: float
    height: float
    """In PDF points."""
    image: str
    """A ``data:image/png`` URI."""


def checks(action: Action, actions: tuple[Action, ...] = (), reference: dt.date | None = None) -> list[str]:
    """The :data:`CHECKS` that apply to ``action`` among the document's ``actions``, as ``actions.review``
    gives them (:func:`pipeline.process.review_flags`); ``reference`` is the plan's date, which reads its
    timescales as ingest does ("Q3", "next 9 months")."""
    return review_flags([action, *actions], [_due(action, reference), *(None for _ in actions)])[0]


def _due(action: Action, reference: dt.date | None) -> str | None:
    """How the action's timescale reads (its ``due_rule``), or ``None`` without one."""
    return parse_timescale(action.timescale_raw, reference).rule if (action.timescale_raw or "").strip() else None


def render_pages(path: Path, pages: list[int], password: str | None = None) -> list[PageImage]:
    """PNG images of ``pages`` (1-based) of the PDF at ``path``, :data:`PAGE_WIDTH` pixels across."""
    import pypdfium2 as pdfium

    out: list[PageImage] = []
    pdf = pdfium.PdfDocument(str(path), password=password)
    try:
        for number in pages:
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                bitmap = page.render(scale=min(MAX_SCALE, PAGE_WIDTH / max(width, 1.0)))
                buffer = io.BytesIO()
                bitmap.to_pil().save(buffer, format="PNG", optimize=True)
            finally:
                page.close()
            data = base64.b64encode(buffer.getvalue()).decode("ascii")
            out.append(PageImage(number, width, height, f"data:image/png;base64,{data}"))
    finally:
        pdf.close()
    return out


def _sheet(ref: str | None) -> str | None:
    return ref.split("!", 1)[0] if ref and "!" in ref else None


def _record(n: int, action: Action, flags: list[str], reference: dt.date | None) -> dict[str, Any]:
    p = action.provenance
    due = parse_timescale(action.timescale_raw, reference) if action.timescale_raw else None
    interval = None
    if due is not None and (due.start or due.end):
        interval = f"{due.start or '…'} to {due.end or '…'}"
    return {
        "n": n,
        "rec_id": action.rec_id,
        "action_id": action.action_id,
        "text": action.text,
        "owners": list(action.owners),
        "timescale": action.timescale_raw,
        "due": interval or (due.status if due is not None else None),
        "status": action.status_raw or action.status_colour,
        "section": action.section or action.theme or action.objective,
        "page": p.page,
        "bbox": list(p.bbox) if p.bbox else None,
        "lines": list(p.lines) if p.lines else None,
        "sheet": _sheet(p.cell),
        "cell": p.cell,
        "extractor": p.extractor,
        "checks": flags,
        "fields": [
            {"field": name, "page": where.page, "bbox": list(where.bbox)}
            for name, where in action.fields
            if where.bbox is not None
        ],
        "cells": ([{"field": "action", "ref": p.cell}] if p.cell else [])
        + [{"field": name, "ref": where.cell} for name, where in action.fields if where.cell],
    }


def review_data(path: Path, options: ReadOptions | None = None) -> dict[str, Any]:
    """Everything the review page shows, as plain data (the page embeds it as JSON)."""
    from actionplans.extractors import extract

    extraction, source = extract(path, options)
    reference = date_of(extraction.date)[0]
    flags = review_flags(extraction.actions, [_due(a, reference) for a in extraction.actions])
    records = [_record(n, a, f, reference) for n, (a, f) in enumerate(zip(extraction.actions, flags, strict=True))]
    data: dict[str, Any] = {
        "file": path.name,
        "gold": gold_of(path.name, extraction),
        "reader": source.reader,
        "report": _report(extraction),
        "recommendations": [
            {"rec_id": r.rec_id, "text": r.text, "owners": list(r.owners)} for r in extraction.recommendations
        ],
        "records": records,
        "pages": [],
        "grids": [],
        "lines": [],
    }
    if source.reader == "pdf":
        wanted = sorted({r["page"] for r in records if r["page"]} | set(extraction.plan_pages)) or [1]
        password = options.password if options else None
        data["pages"] = [img.__dict__ for img in render_pages(path, wanted, password)]
    else:
        data["grids"] = source_grids(source)
        in_grids = {ref for grid in data["grids"] for row in grid["rows"] for cell in row for ref in cell["refs"]}
        data["lines"] = source_lines(source, leave_out=in_grids)
    return data


GRID_READERS = ("docx", "xlsx")
"""Readers whose tables are grids of addressed cells (a Word table's row and column, a sheet's cell)."""


def source_grids(source: SourceDoc) -> list[dict[str, Any]]:
    """Word and Excel sources: each table as the grid it is, for the page to draw.

    A grid is ``{"name", "rows"}``; a row is its cells left to right, each
    ``{"text", "refs", "rowspan", "colspan", "fill"}``, where ``refs`` are the
    cell references its lines carry (the ones provenance names), a merged
    cell given once, at its first row and column, spanning what it covers,
    and ``fill`` its shading as CSS.  Other readers have no grids.
    """
    if source.reader not in GRID_READERS:
        return []
    grids = []
    tables = [b for b in source.blocks if isinstance(b, Table)]
    for number, table in enumerate(tables, start=1):
        rows = _grid_rows(table)
        if rows:
            refs = [ref for row in rows for cell in row for ref in cell["refs"]]
            sheet = _sheet(refs[0]) if refs else None
            named = re.match(r"table \d+", refs[0]) if refs else None  # as its cells' references count tables
            grids.append({"name": sheet or (named.group() if named else f"table {number}"), "rows": rows})
    return grids


def _grid_rows(table: Table) -> list[list[dict[str, Any]]]:
    """``table``'s rows as the page draws them: a cell repeated down the rows it is merged over (the same
    :class:`Cell`) is drawn once, spanning them; ``None`` to its right are the columns it spans."""
    width = table.ncols
    grid = [list(row.cells) + [Cell() for _ in range(width - len(row.cells))] for row in table.rows]
    out: list[list[dict[str, Any]]] = []
    for r, cells in enumerate(grid):
        drawn: list[dict[str, Any]] = []
        for c, cell in enumerate(cells):
            if cell is None or (r and grid[r - 1][c] is cell):
                continue  # covered: by the cell to its left (a column span) or above (a merge down)
            colspan = 1
            while c + colspan < width and cells[c + colspan] is None:
                colspan += 1
            rowspan = 1
            while r + rowspan < len(grid) and grid[r + rowspan][c] is cell:
                rowspan += 1
            lines = cell.lines
            refs = list(dict.fromkeys(ref for ref in (cell.ref, *(ln.ref for ln in lines)) if ref))
            fill = "rgb({})".format(", ".join(str(round(255 * v)) for v in cell.fill)) if cell.fill else None
            text = "\n".join(ln.text for ln in lines)
            drawn.append({"text": text, "refs": refs, "rowspan": rowspan, "colspan": colspan, "fill": fill})
        out.append(drawn)
    return out if any(cell["refs"] for row in out for cell in row) else []


def source_lines(source: SourceDoc, leave_out: set[str] | frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """The source's lines as provenance counts them (a text line, a Word paragraph, a sheet row), each once:
    the cells a line holds (a tab-separated row, a sheet row) joined with a bar.  Lines from the cells
    ``leave_out`` names (those drawn as grids) are left out."""
    out: list[dict[str, Any]] = []
    for ln in source.text_lines():
        if not ln.text.strip() or ln.lineno is None or ln.tab_name or (ln.ref and ln.ref in leave_out):
            continue
        sheet = _sheet(ln.ref)
        if out and out[-1]["n"] == ln.lineno and out[-1]["sheet"] == sheet:
            out[-1]["text"] += f"  |  {ln.text.strip()}"
        else:
            out.append({"n": ln.lineno, "sheet": sheet, "text": ln.text.strip()})
    return out


def _report(extraction: Extraction) -> dict[str, Any]:
    return {
        "title": extraction.title,
        "council": extraction.council,
        "date": str(extraction.date) if extraction.date else None,
        "layout": extraction.layout,
        "cues": [f"{cue} ({n})" for cue, n in extraction.cues],
        "confidence": extraction.confidence,
        "notes": list(extraction.report),
        "tables": [
            {
                "pages": list(t.pages),
                "kind": t.kind,
                "rows": t.rows,
                "accepted": t.accepted,
                "reason": t.reason,
                "columns": [
                    {"header": c.header, "role": c.role, "score": round(c.score, 2), "evidence": c.evidence}
                    for c in t.columns
                ],
            }
            for t in extraction.tables
        ],
    }


def review_html(data: dict[str, Any]) -> str:
    """The self-contained review page for :func:`review_data`'s ``data``."""
    # Every "<" written as \u003c: no "</script>" nor "<!--" in the data can end or hide the script.
    payload = json.dumps(data, default=str).replace("<", "\\u003c")
    values = {"TITLE": html.escape(f"Review: {data['file']}"), "DATA": payload, "CHECKS": json.dumps(CHECKS)}
    # One pass, so that a value holding "%DATA%" (a file name, a document's words) is not replaced again.
    return re.sub(r"%(TITLE|DATA|CHECKS)%", lambda m: values[m.group(1)], _TEMPLATE)


def write_review(path: Path, out: Path, options: ReadOptions | None = None) -> Path:
    """Write the review page of ``path`` to ``out`` (its folder is made) and return ``out``."""
    return _write(out, review_html(review_data(path, options)))


def write_gold_stub(path: Path, out: Path, options: ReadOptions | None = None) -> Path:
    """Write what ``path`` gives as a gold file (:func:`pipeline.evaluate.gold_of`) to ``out``, to be corrected."""
    from actionplans.extractors import extract

    extraction, _ = extract(path, options)
    return _write(out, json.dumps(gold_of(path.name, extraction), indent=2, ensure_ascii=False) + "\n")


def _write(out: Path, text: str) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out


_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%TITLE%</title>
<style>
  :root { --action: #1f6feb; --hl: #d29922; --check: #cf222e; }
  body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1f2328; background: #f6f8fa; }
  header { padding: 12px 20px; background: #fff; border-bottom: 1px solid #d0d7de; }
  header h1 { font-size: 18px; margin: 0 0 4px; }
  header .meta span { margin-right: 16px; }
  details { margin-top: 6px; }
  table.roles { border-collapse: collapse; margin: 4px 0 10px; font-size: 12px; }
  table.roles td, table.roles th { border: 1px solid #d0d7de; padding: 2px 6px; text-align: left; }
  main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(320px, 2fr); gap: 16px; padding: 16px; }
  #pages { overflow: auto; max-height: calc(100vh - 140px); }
  .page { position: relative; margin: 0 auto 16px; background: #fff; box-shadow: 0 1px 3px #0003; }
  .page img { display: block; width: 100%; }
  .page .label { position: absolute; left: 4px; top: 4px; font-size: 12px; background: #fffc; padding: 0 4px; }
  .box { position: absolute; border: 2px solid var(--action); background: #1f6feb14; cursor: pointer; }
  .box.check { border-color: var(--check); }
  .box.field { border-style: dashed; background: transparent; pointer-events: none; }
  .box.field.owners { border-color: #8250df; } .box.field.timescale { border-color: #bf8700; }
  .box.field.status { border-color: #1a7f37; } .box.field.measure { border-color: #0969da; }
  .box.field.progress { border-color: #6e7781; }
  .box.field.hl { border-style: solid; background: #d2992222; }
  .legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
  .legend i { display: inline-block; width: 14px; height: 10px; border: 2px dashed; margin-right: 4px; }
  .box.hl, .line.hl { outline: 3px solid var(--hl); background: #d2992233; z-index: 2; }
  .grid { margin: 0 0 16px; overflow: auto; }
  .grid .label { font-size: 12px; color: #57606a; margin: 0 0 2px; }
  .grid table { border-collapse: collapse; background: #fff; font-size: 12px; }
  .grid td { border: 1px solid #d0d7de; padding: 3px 6px; vertical-align: top; white-space: pre-wrap;
             max-width: 28em; }
  .grid td.rec { box-shadow: inset 3px 0 0 var(--action); cursor: pointer; }
  .grid td.rec.check { box-shadow: inset 3px 0 0 var(--check); }
  .grid td.field { outline: 2px dashed; outline-offset: -3px; }
  .grid td.field.owners { outline-color: #8250df; } .grid td.field.timescale { outline-color: #bf8700; }
  .grid td.field.status { outline-color: #1a7f37; } .grid td.field.measure { outline-color: #0969da; }
  .grid td.field.progress { outline-color: #6e7781; }
  .grid td.hl { background: #d2992233; } .grid td.field.hl { outline-style: solid; }
  #lines { background: #fff; font: 12px/1.5 ui-monospace, monospace; white-space: pre-wrap; }
  .line { padding: 0 8px; border-left: 4px solid transparent; }
  .line.rec { border-left-color: var(--action); cursor: pointer; }
  .line .no { color: #8c959f; display: inline-block; width: 4.5em; user-select: none; }
  #records { overflow: auto; max-height: calc(100vh - 140px); }
  .record { background: #fff; border: 1px solid #d0d7de; border-left: 4px solid var(--action);
            border-radius: 4px; margin-bottom: 8px; padding: 6px 10px; cursor: pointer; }
  .record.check { border-left-color: var(--check); }
  .record.added { border-left-color: #1a7f37; }
  .record.added .edit { display: inline-block; min-width: 6em; border-bottom: 1px dashed #8c959f; }
  .record.added .edit:empty::before { content: attr(data-hint); color: #8c959f; }
  .record.hl { outline: 3px solid var(--hl); }
  .record .id { font-weight: 600; margin-right: 6px; }
  .record .fields { color: #57606a; font-size: 12px; margin-top: 2px; }
  .badge { display: inline-block; font-size: 11px; color: #fff; background: var(--check);
           border-radius: 8px; padding: 0 6px; margin: 2px 4px 0 0; }
  .toolbar { margin-bottom: 8px; display: flex; justify-content: space-between; }
  .edit { border-bottom: 1px dashed #afb8c1; outline: none; }
  .edit:focus { background: #fff8c5; }
  .drop { display: block; font-size: 12px; color: #57606a; margin-top: 2px; }
</style>
</head>
<body>
<header id="report"></header>
<main>
  <section id="view"><div class="legend" id="legend">boxes:
    <span><i style="border-color:#1f6feb;border-style:solid"></i>action</span>
    <span><i style="border-color:#8250df"></i>owners</span><span><i style="border-color:#bf8700"></i>timescale</span>
    <span><i style="border-color:#1a7f37"></i>status</span><span><i style="border-color:#0969da"></i>measure</span>
    <span><i style="border-color:#6e7781"></i>progress</span></div>
    <div id="pages"></div><div id="grids"></div><div id="lines"></div></section>
  <section id="records"><div class="toolbar"><label><input type="checkbox" id="only"> only records to check</label>
  <button id="add" type="button"
    title="an action the extractor missed: write it in, and it is saved with the rest">add an action</button>
  <button id="export" type="button"
    title="the records on screen, with your edits, as a gold file for actionplans evaluate">save as gold JSON</button>
  </div><div id="list"></div></section>
</main>
<script id="data" type="application/json">%DATA%</script>
<script>
"use strict";
const DATA = JSON.parse(document.getElementById("data").textContent);
const CHECKS = %CHECKS%;
const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
};

function report() {
  const r = DATA.report, h = document.getElementById("report");
  h.append(el("h1", {}, r.title || DATA.file));
  const meta = el("div", {class: "meta"});
  const conf = r.confidence === null ? "n/a" : Math.round(r.confidence * 100) + "%";
  for (const [k, v] of [["file", DATA.file], ["council", r.council], ["date", r.date], ["layout", r.layout],
      ["cues", r.cues.join(", ") || "none"], ["text read into records", conf],
      ["records", DATA.records.length], ["to check", DATA.records.filter(x => x.checks.length).length]]) {
    meta.append(el("span", {}, `${k}: ${v ?? "—"}`));
  }
  h.append(meta);
  const d = el("details");
  d.append(el("summary", {}, `parse report: ${r.tables.length} table(s), ${r.notes.length} note(s)`));
  for (const note of r.notes) d.append(el("div", {}, note));
  r.tables.forEach((t, i) => {
    const where = t.pages.length ? `p${t.pages.join(", ")}` : "text";
    d.append(el("div", {}, `table ${i + 1} (${where}, ${t.kind}, ${t.rows} rows): ` +
      (t.accepted ? "read as actions" : `not read: ${t.reason}`)));
    const tb = el("table", {class: "roles"});
    const head = el("tr"); ["header", "role", "score", "why"].forEach(x => head.append(el("th", {}, x)));
    tb.append(head);
    for (const c of t.columns) {
      const row = el("tr");
      const cells = [c.header || "(no header)", c.role || "—", c.score.toFixed(2), c.evidence];
      cells.forEach(x => row.append(el("td", {}, x)));
      tb.append(row);
    }
    d.append(tb);
  });
  h.append(d);
}

const marks = new Map();  // record number -> elements that show it (its card, its boxes or lines)
function mark(n, el) { if (!marks.has(n)) marks.set(n, []); marks.get(n).push(el); }
function highlight(n, on) { for (const e of marks.get(n) || []) e.classList.toggle("hl", on); }
function reveal(n, kind) {
  const target = (marks.get(n) || []).find(e => e.dataset.kind === kind);
  if (target) target.scrollIntoView({behavior: "smooth", block: "center"});
}
function bind(e, n, kind) {
  e.dataset.r = n; e.dataset.kind = kind; mark(n, e);
  e.addEventListener("mouseenter", () => highlight(n, true));
  e.addEventListener("mouseleave", () => highlight(n, false));
  e.addEventListener("click", () => {
    document.querySelectorAll(".hl").forEach(x => x.classList.remove("hl"));
    highlight(n, true); reveal(n, kind === "card" ? "shown" : "card");
  });
}

function pages() {
  const host = document.getElementById("pages");
  document.getElementById("legend").hidden = !DATA.pages.length && !DATA.grids.length;  // pages and grids
  for (const p of DATA.pages) {
    const page = el("div", {class: "page", id: `page-${p.number}`});
    const img = el("img", {src: p.image, alt: `page ${p.number}`});
    page.append(img, el("div", {class: "label"}, `page ${p.number}`));
    for (const r of DATA.records) {
      if (r.page !== p.number || !r.bbox) continue;
      const [x0, top, x1, bottom] = r.bbox;
      const box = el("div", {class: "box" + (r.checks.length ? " check" : ""), title: `${r.action_id}: ${r.text}`});
      box.style.left = (100 * x0 / p.width) + "%";
      box.style.top = (100 * top / p.height) + "%";
      box.style.width = (100 * (x1 - x0) / p.width) + "%";
      box.style.height = (100 * (bottom - top) / p.height) + "%";
      bind(box, r.n, "shown");
      page.append(box);
    }
    for (const r of DATA.records) {
      for (const f of r.fields) {  // the cells its owners, timescale, status ... were read from
        if (f.page !== p.number) continue;
        const [x0, top, x1, bottom] = f.bbox;
        const box = el("div", {class: `box field ${f.field}`, title: `${r.action_id}: ${f.field}`});
        box.style.left = (100 * x0 / p.width) + "%";
        box.style.top = (100 * top / p.height) + "%";
        box.style.width = (100 * (x1 - x0) / p.width) + "%";
        box.style.height = (100 * (bottom - top) / p.height) + "%";
        box.dataset.kind = "field"; mark(r.n, box);
        page.append(box);
      }
    }
    host.append(page);
  }
}

// Word and Excel: each table (sheet) as its grid of cells; a record marks the cell it was read from (its action)
// and the cells of its owners, timescale, status, measure and progress.
function grids() {
  const host = document.getElementById("grids");
  const byRef = new Map();
  for (const g of DATA.grids) {
    const wrap = el("div", {class: "grid"});
    wrap.append(el("div", {class: "label"}, g.name));
    const table = el("table");
    for (const row of g.rows) {
      const tr = el("tr");
      for (const c of row) {
        const td = el("td", {}, c.text);
        if (c.rowspan > 1) td.rowSpan = c.rowspan;
        if (c.colspan > 1) td.colSpan = c.colspan;
        if (c.fill) td.style.backgroundColor = c.fill;
        if (c.refs.length) td.title = c.refs[0];
        for (const ref of c.refs) byRef.set(ref, td);
        tr.append(td);
      }
      table.append(tr);
    }
    wrap.append(table);
    host.append(wrap);
  }
  for (const r of DATA.records) {
    for (const c of r.cells) {
      const td = byRef.get(c.ref);
      if (!td) continue;
      if (c.field === "action") {
        td.classList.add("rec");
        if (r.checks.length) td.classList.add("check");
        bind(td, r.n, "shown");
      } else {
        td.classList.add("field", c.field);
        td.dataset.field = c.field;
        mark(r.n, td);
      }
    }
  }
}

function lines() {
  const host = document.getElementById("lines");
  for (const ln of DATA.lines) {
    const row = el("div", {class: "line"});
    row.append(el("span", {class: "no"}, (ln.sheet ? ln.sheet + "!" : "") + ln.n), document.createTextNode(ln.text));
    const hit = DATA.records.find(r => r.lines && ln.n >= r.lines[0] && ln.n <= r.lines[1] &&
                                       (r.sheet || null) === (ln.sheet || null));
    if (hit) { row.classList.add("rec"); bind(row, hit.n, "shown"); }
    host.append(row);
  }
}

function records() {
  const host = document.getElementById("list");
  const ordered = [...DATA.records].sort((a, b) => (b.checks.length > 0) - (a.checks.length > 0) || a.n - b.n);
  for (const r of ordered) {
    const card = el("div", {class: "record" + (r.checks.length ? " check" : "")});
    const head = el("div");
    head.append(el("span", {class: "id"}, r.action_id),
                el("span", {class: "edit", "data-field": "text", contenteditable: "true"}, r.text));
    card.append(head);
    const fields = el("div", {class: "fields"});
    const editable = [["owners", r.owners.join("; ")], ["timescale", r.timescale || ""]];
    for (const [name, value] of editable) {
      fields.append(document.createTextNode(`${name}: `),
                    el("span", {class: "edit", "data-field": name, contenteditable: "true"}, value),
                    document.createTextNode("  ·  "));
    }
    const where = r.page ? `page ${r.page}` : r.cell || (r.lines ? `line ${r.lines[0]}` : "");
    const shown = [["due", r.due], ["status", r.status], ["under", r.section], ["where", where]];
    fields.append(document.createTextNode(shown.filter(f => f[1]).map(f => `${f[0]}: ${f[1]}`).join("  ·  ")));
    card.append(fields);
    for (const c of r.checks) card.append(el("span", {class: "badge", title: CHECKS[c]}, c));
    const drop = el("label", {class: "drop"});
    drop.append(el("input", {type: "checkbox", "data-field": "deleted"}), document.createTextNode(" not an action"));
    card.append(drop);
    bind(card, r.n, "card");
    host.append(card);
  }
  document.getElementById("only").addEventListener("change", ev => {
    for (const card of host.children) {
      const r = DATA.records[Number(card.dataset.r)];
      card.hidden = ev.target.checked && !r.checks.length;
    }
  });
  document.getElementById("export").addEventListener("click", exportGold);
  document.getElementById("add").addEventListener("click", () => {
    const card = el("div", {class: "record added"});
    const editable = [["rec", "recommendation"], ["id", "id"], ["text", "the action's words"],
                      ["owners", "owners; separated by ;"], ["timescale", "timescale"]];
    for (const [name, hint] of editable) {
      card.append(el("span", {class: "edit", "data-field": name, "data-hint": hint, contenteditable: "true"}, ""),
                  document.createTextNode(" "));
    }
    const drop = el("label", {class: "drop"});
    drop.append(el("input", {type: "checkbox", "data-field": "deleted"}), document.createTextNode(" not an action"));
    card.append(drop);
    host.prepend(card);
    card.querySelector("[data-field=text]").focus();
  });
}

// The gold file of what is on screen: the records as extracted, with the reviewer's edits; "not an action" drops one.
function goldOnScreen() {
  const gold = JSON.parse(JSON.stringify(DATA.gold));
  const cards = new Map([...document.querySelectorAll(".record")].map(c => [Number(c.dataset.r), c]));
  gold.actions = gold.actions.flatMap((a, n) => {
    const card = cards.get(n);
    if (!card) return [a];
    if (card.querySelector("[data-field=deleted]").checked) return [];
    const value = f => card.querySelector(`[data-field=${f}]`).textContent.trim();
    a.text = value("text");
    a.owners = value("owners").split(";").map(o => o.trim()).filter(Boolean);
    a.timescale = value("timescale") || null;
    return [a];
  });
  for (const card of document.querySelectorAll(".record.added")) {  // actions the reviewer wrote in
    const value = f => card.querySelector(`[data-field=${f}]`).textContent.trim();
    if (card.querySelector("[data-field=deleted]").checked || !value("text")) continue;
    gold.actions.push({rec: value("rec") || null, id: value("id") || null, text: value("text"),
                       owners: value("owners").split(";").map(o => o.trim()).filter(Boolean),
                       timescale: value("timescale") || null});
  }
  return gold;
}

function exportGold() {
  const blob = new Blob([JSON.stringify(goldOnScreen(), null, 2) + "\\n"], {type: "application/json"});
  const link = el("a", {href: URL.createObjectURL(blob), download: DATA.file + ".gold.json"});
  document.body.append(link); link.click(); link.remove();
}

report(); pages(); grids(); lines(); records();
</script>
</body>
</html>
"""
