"""Typeset a plan under a ``Variation``: the same records, laid out the ways councils lay them out.

A ``Variation`` is one point in the space of layouts (see ``VARIATIONS`` in
``variations.py``): the file format, how the table is drawn (ruled grid;
shaded cells with white gutters; no rules at all) or whether there is a table
(numbered paragraphs with a "Lead: ... | Due: ..." line), the order and
presence of the columns, the header wording (``wordings.HEADER_SETS``), where
the recommendation or theme is said (its own columns, spanning its rows or
printed once; a heading above its table; a row spanning the table; only as
the prefix of the action numbers), page orientation, a long table whose rows
are cut by page breaks (header repeated on each page), owners on one line or
one per line, and RAG as words or (PDF only) as the cell's colour.

Word documents (python-docx) take the same forms as PDFs: a table with Word's
own grid, shading or no borders, merged cells for spans, a heading style above
each table, or no table at all; Excel workbooks (openpyxl) a grid on one
sheet, title rows above it, merged ranges for spans, headings as rows of one
cell.  Neither has pages, so neither is split.

``render(variation, folder)`` writes one file and says how many table rows a
page break cut in two.  PDFs come from reportlab with ``invariant=1``, so the
same variation gives the same bytes; text comes as ``pdftotext -layout``
prints a table (fixed character columns, cells wrapped inside them, form feeds
between pages, the header repeated), as tab-separated rows, or flowed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Literal
from xml.sax.saxutils import escape

from reportlab import rl_config

rl_config.invariant = 1  # no timestamps or random ids: the same variation gives the same bytes

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

from metamorphic.plans import PLANS, RAG_COLOURS, Action, Group, Plan  # noqa: E402
from metamorphic.wordings import HEADER_SETS, HEADINGS, WORDINGS  # noqa: E402

Format = Literal["pdf", "txt", "docx", "xlsx"]
Form = Literal["grid", "shaded", "borderless", "flowed", "columns", "tsv"]
Where = Literal["column-span", "column-once", "column-repeat", "heading", "row", "prefix-ref", "prefix-text"]

FORMS: Final = MappingProxyType(
    {
        "pdf": ("grid", "shaded", "borderless", "flowed"),
        "txt": ("columns", "tsv", "flowed"),
        "docx": ("grid", "shaded", "borderless", "flowed"),
        "xlsx": ("grid",),
    }
)

# The action's own columns, in the order printed; the recommendation's or theme's columns come first.
ORDERS: Final = MappingProxyType(
    {
        "std": ("action", "owner", "timescale"),
        "ownerfirst": ("owner", "action", "timescale"),
        "datefirst": ("action", "timescale", "owner"),
        "ref": ("ref", "action", "owner", "timescale"),
        "measure": ("action", "owner", "timescale", "measure"),
        "measuremid": ("action", "measure", "owner", "timescale"),
        "objective": ("objective", "action", "owner", "timescale", "measure"),
        "tracker": ("ref", "action", "owner", "timescale", "status", "progress"),
        "trackerownerfirst": ("ref", "owner", "action", "timescale", "status", "progress"),
        "statusfirst": ("status", "ref", "action", "owner", "timescale", "progress"),
        "progressonly": ("action", "owner", "timescale", "progress"),
        "datestatus": ("ref", "action", "timescale", "owner", "status"),
    }
)

# Relative column widths.
WEIGHTS: Final = MappingProxyType(
    {
        "rec_id": 0.5,
        "recommendation": 2.4,
        "theme": 1.6,
        "objective": 1.8,
        "ref": 0.6,
        "action": 3.3,
        "owner": 1.6,
        "timescale": 1.1,
        "status": 1.0,
        "progress": 2.5,
        "measure": 1.9,
    }
)


@dataclass(frozen=True)
class Variation:
    """One layout of one plan.  ``id`` names every axis that is not at its default."""

    plan: str
    fmt: Format
    form: Form
    order: str = "std"
    where: Where = "column-span"
    heading: str = "rec-colon"  # a key of HEADINGS, for ``where`` heading or row (and flowed)
    words: str = "conventional"  # a key of HEADER_SETS
    landscape: bool = True
    split: bool = False  # one long table with rows cut by page breaks
    rag: Literal["words", "fill"] = "words"
    owners: Literal["slash", "lines"] = "slash"
    labels: Literal["pipe", "lines"] = "pipe"  # flowed: "Lead: X | Due: Y" on one line, or a line per label

    def __post_init__(self) -> None:
        plan = PLANS[self.plan]
        assert self.form in FORMS[self.fmt], self
        assert self.order in ORDERS and self.words in HEADER_SETS and self.heading in HEADINGS, self
        missing = [r for r in self.columns if not plan.has(r)]
        assert not missing, f"{self}: {plan.key} has nothing to print under {missing}"
        assert self.form != "flowed" or self.where == "heading", f"{self}: flowed plans are under headings"
        assert self.rag == "words" or (self.fmt != "txt" and "status" in self.columns), self
        assert not (self.split and self.fmt in ("docx", "xlsx")), f"{self}: Word and Excel files have no pages"
        assert not (plan.kind == "themes" and self.where.startswith("prefix")), f"{self}: themes have no rec ids"

    @property
    def plan_data(self) -> Plan:
        return PLANS[self.plan]

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column printed, in order (for flowed text: the labelled fields, after the action)."""
        order = ORDERS[self.order]
        if self.where == "prefix-ref" and "ref" not in order:
            order = ("ref", *order)
        if self.where.startswith("column") and self.form != "flowed":
            lead = ("rec_id", "recommendation") if PLANS[self.plan].kind == "recommendations" else ("theme",)
            return (*lead, *order)
        return order

    @property
    def id(self) -> str:
        parts = [self.plan, self.fmt, self.form, self.order, self.where]
        if self.where in {"heading", "row"}:
            parts.append(self.heading)
        parts.append(self.words)
        if self.fmt in ("pdf", "docx") and self.form != "flowed":
            parts.append("landscape" if self.landscape else "portrait")
        elif self.form == "columns" and not self.landscape:
            parts.append("narrow")
        parts += ["split"] * self.split + ["ragfill"] * (self.rag == "fill") + ["ownerlines"] * (self.owners == "lines")
        parts += ["labellines"] * (self.labels == "lines")
        return "-".join(parts)


def printed_wordings(v: Variation) -> set[tuple[str, str]]:
    """The (role, wording) pairs of ``wordings.WORDINGS`` that a rendering of ``v`` prints.

    Column headers (or, in flowed text, the labels of the fields), and the word a
    heading or spanning row starts with ("Audit finding 3 – ...", "Theme 2: ...").
    """
    words = HEADER_SETS[v.words]
    if v.form == "flowed":
        out = {(r, words[r]) for r in v.columns if r not in {"action", "ref"}}
    else:
        out = {(r, words[r]) for r in v.columns}
    if v.form == "flowed" or v.where in {"heading", "row"}:
        role = "recommendation" if v.plan_data.kind == "recommendations" else "theme"
        form = HEADINGS[v.heading]
        lead = form.split(" {id}")[0]
        if lead == "{word}":
            out.add((role, words[role]))
        elif lead in WORDINGS[role]:
            out.add((role, lead))
    return out


@dataclass(frozen=True)
class Rendering:
    variation: Variation
    path: Path
    rows_cut: int  # table rows that a page break cut in two


def render(v: Variation, folder: Path) -> Rendering:
    """Write ``v`` into ``folder`` as ``<id>.pdf``, ``.txt``, ``.docx`` or ``.xlsx``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{v.id}.{v.fmt}"
    if v.fmt == "pdf":
        cut = _pdf(v, path)
    elif v.fmt == "docx":
        cut = _docx(v, path)
    elif v.fmt == "xlsx":
        cut = _xlsx(v, path)
    else:
        lines, cut = {"columns": _columns_text, "tsv": _tsv_text, "flowed": _flowed_text}[v.form](v)
        path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    return Rendering(v, path, cut)


# --- what goes in a cell -------------------------------------------------------------------------------


def _heading(v: Variation, group: Group) -> list[str]:
    """The heading (or spanning row) of ``group``: one paragraph, or the label and the words."""
    plan = v.plan_data
    word = HEADER_SETS[v.words]["recommendation" if plan.kind == "recommendations" else "theme"]
    return HEADINGS[v.heading].format(id=group.id, text=group.text, word=word).split("\n")


def _cell(v: Variation, role: str, group: Group, action: Action, first: bool, first_of_objective: bool) -> list[str]:
    """The paragraphs of one cell (none for a blank cell)."""
    once = first or v.where == "column-repeat"
    if role == "rec_id":
        return [group.id] if once else []
    if role in {"recommendation", "theme"}:
        return [group.text] if once else []
    if role == "objective":
        return [action.objective or ""] if first_of_objective else []
    if role == "ref":
        return [action.id]
    if role == "action":
        return [f"{action.id} {action.text}" if v.where == "prefix-text" else action.text]
    if role == "owner":
        return list(action.owners) if v.owners == "lines" else [" / ".join(action.owners)]
    if role == "timescale":
        return [action.timescale]
    if role == "status":
        return [action.status or ""] if v.rag == "words" else []
    value = {"progress": action.progress, "measure": action.measure}[role]
    return [value or ""]


def _rows(v: Variation, group: Group) -> list[list[list[str]]]:
    rows, previous = [], None
    for k, action in enumerate(group.actions):
        rows.append([_cell(v, role, group, action, k == 0, action.objective != previous) for role in v.columns])
        previous = action.objective
    return rows


def _header(v: Variation) -> list[str]:
    return [HEADER_SETS[v.words][role] for role in v.columns]


def _title_lines(v: Variation) -> list[str]:
    plan = v.plan_data
    lines = [plan.title, plan.council, plan.date_text, "", plan.intro]
    if plan.status_key and "status" in v.columns:
        lines += ["", plan.status_key]
    return lines


def _labelled(v: Variation, action: Action) -> list[str]:
    """Flowed form: the label lines under an action ("Lead officer: X | Timescale: Y")."""
    words = HEADER_SETS[v.words]
    values = {
        "owner": " / ".join(action.owners),
        "timescale": action.timescale,
        "status": action.status,
        "progress": action.progress,
        "measure": action.measure,
        "objective": action.objective,
    }
    pairs = [f"{words[role]}: {values[role]}" for role in v.columns if role in values]
    return [" | ".join(pairs)] if v.labels == "pipe" else pairs


# --- PDF -----------------------------------------------------------------------------------------------

_STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("mm-body", parent=_STYLES["BodyText"], fontName="Helvetica", fontSize=10, leading=13)
CELL = ParagraphStyle("mm-cell", parent=BODY, fontSize=9, leading=11.5, allowOrphans=1, allowWidows=1)
HEAD = ParagraphStyle("mm-head", parent=CELL, fontName="Helvetica-Bold")
HEAD_ON_DARK = ParagraphStyle("mm-head-dark", parent=HEAD, textColor=colors.white)
H1 = ParagraphStyle("mm-h1", parent=BODY, fontName="Helvetica-Bold", fontSize=16, leading=20, spaceAfter=4)
H2 = ParagraphStyle(
    "mm-h2",
    parent=BODY,
    fontName="Helvetica-Bold",
    fontSize=12,
    leading=15,
    spaceBefore=10,
    spaceAfter=4,
    keepWithNext=1,
)
UNDER_H2 = ParagraphStyle("mm-under-h2", parent=BODY, spaceAfter=4, keepWithNext=1)
ITEM = ParagraphStyle("mm-item", parent=BODY, spaceBefore=6)

SHADE_HEAD = colors.HexColor("#1f3864")
SHADE_BODY = colors.HexColor("#dde6f3")
SHADE_SPAN = colors.HexColor("#b4c6e7")
GRID_HEAD = colors.HexColor("#d9d9d9")
GRID_SPAN = colors.HexColor("#efefef")

_CUTS = [0]


class CountingTable(Table):
    """A reportlab Table that counts the rows a page break cuts in two (``splitInRow``)."""

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        parts: list[Any] = super().split(availWidth, availHeight)
        if len(parts) == 2:
            rows = len(parts[0]._cellvalues) + len(parts[1]._cellvalues) - parts[1].repeatRows
            _CUTS[0] += rows > len(self._cellvalues)
        return parts


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _pcell(paragraphs: list[str]) -> list[Paragraph]:
    # Always a list: reportlab splits a row across pages only through cells that are lists of flowables.
    return [_p(t, CELL) for t in paragraphs]


def _widths(v: Variation, total: float) -> list[float]:
    """Column widths in points: by weight, but wide enough for each column's longest word (header included)."""
    plan = v.plan_data
    cells = [_cell(v, r, g, a, True, True) for g, a in plan.actions() for r in v.columns]
    header = _header(v)
    weights = [WEIGHTS[r] for r in v.columns]
    base = [total * w / sum(weights) for w in weights]
    need = []
    for i in range(len(v.columns)):
        words = header[i].split() + [w for c in cells[i :: len(v.columns)] for t in c for w in t.split()]
        need.append(max(stringWidth(w, "Helvetica-Bold", CELL.fontSize) for w in words) + 14)  # 6pt padding a side
    # Columns narrower than their longest word grow; the others give up the difference from their slack.
    excess = sum(max(n - b, 0) for b, n in zip(base, need, strict=True))
    slack = sum(max(b - n, 0) for b, n in zip(base, need, strict=True))
    return [n if n >= b else b - excess * (b - n) / slack for b, n in zip(base, need, strict=True)]


def _table(v: Variation, groups: Sequence[Group], width: float) -> Table:
    head_style = HEAD_ON_DARK if v.form == "shaded" else HEAD
    data: list[list[Any]] = [[_p(h, head_style) for h in _header(v)]]
    cmds: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if v.form == "grid":
        cmds += [("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("BACKGROUND", (0, 0), (-1, 0), GRID_HEAD)]
    elif v.form == "shaded":
        cmds += [("BACKGROUND", (0, 0), (-1, 0), SHADE_HEAD), ("BACKGROUND", (0, 1), (-1, -1), SHADE_BODY)]
    spanned = [i for i, r in enumerate(v.columns) if r in {"rec_id", "recommendation", "theme"}]
    objective = v.columns.index("objective") if "objective" in v.columns else None
    status = v.columns.index("status") if "status" in v.columns else None
    for group in groups:
        if v.where == "row":
            r = len(data)
            data.append([[_p(t, HEAD) for t in _heading(v, group)]] + [""] * (len(v.columns) - 1))
            cmds.append(("SPAN", (0, r), (-1, r)))
            if v.form != "borderless":
                cmds.append(("BACKGROUND", (0, r), (-1, r), SHADE_SPAN if v.form == "shaded" else GRID_SPAN))
        start = len(data)
        for row in _rows(v, group):
            data.append([_pcell(c) for c in row])
        end = len(data) - 1
        if status is not None and v.rag == "fill":
            for r, action in enumerate(group.actions, start):
                cmds.append(
                    ("BACKGROUND", (status, r), (status, r), colors.HexColor(RAG_COLOURS[action.status or ""][1]))
                )
        if v.where == "column-span" and end > start:
            cmds += [("SPAN", (c, start), (c, end)) for c in spanned]
            if objective is not None:
                r = start
                for _, run in _runs(group.actions):
                    if run > 1:
                        cmds.append(("SPAN", (objective, r), (objective, r + run - 1)))
                    r += run
    if v.form == "shaded":
        cmds.append(("GRID", (0, 0), (-1, -1), 2.5, colors.white))  # the gutters, over the shading
    table = CountingTable(
        data,
        colWidths=_widths(v, width),
        repeatRows=1,
        splitByRow=0 if v.split else 1,
        splitInRow=1 if v.split else 0,
    )
    table.setStyle(TableStyle(cmds))
    return table


def _runs(actions: Sequence[Action]) -> list[tuple[str | None, int]]:
    """Consecutive actions of the same objective: (objective, count)."""
    runs: list[tuple[str | None, int]] = []
    for a in actions:
        if runs and runs[-1][0] == a.objective:
            runs[-1] = (a.objective, runs[-1][1] + 1)
        else:
            runs.append((a.objective, 1))
    return runs


def _pdf(v: Variation, path: Path) -> int:
    """Build the PDF; for a split variation, on the first of a few short page heights at which a row is cut."""
    width, height = landscape(A4) if v.landscape else A4
    if not v.split:
        return _build_pdf(v, path, (width, height))
    for factor in (0.7, 0.66, 0.62, 0.74, 0.58, 0.78, 0.54):
        if cut := _build_pdf(v, path, (width, height * factor)):
            return cut
    raise AssertionError(f"{v.id}: no page height cuts a row")


def _build_pdf(v: Variation, path: Path, size: tuple[float, float]) -> int:
    plan = v.plan_data
    doc = SimpleDocTemplate(
        str(path),
        pagesize=size,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=plan.title,
        author=plan.council,
    )

    def footer(c: Any, d: Any) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(d.leftMargin, 8 * mm, f"{plan.council} – {plan.title} – Page {d.page}")

    title, council, date, _, *rest = _title_lines(v)
    story: list[Any] = [_p(title, H1), _p(council, BODY), _p(date, BODY), Spacer(1, 6)]
    story += [_p(t, BODY) for t in rest if t] + [Spacer(1, 8)]
    if v.form == "flowed":
        for group in plan.groups:
            story += _pdf_heading(v, group)
            for action in group.actions:
                story.append(_p(f"{action.id} {action.text}", ITEM))
                story += [_p(t, BODY) for t in _labelled(v, action)]
    elif v.where == "heading":
        for group in plan.groups:
            story += [*_pdf_heading(v, group), _table(v, [group], doc.width)]
    else:
        story.append(_table(v, plan.groups, doc.width))
    _CUTS[0] = 0
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return _CUTS[0]


def _pdf_heading(v: Variation, group: Group) -> list[Any]:
    label, *words = _heading(v, group)
    return [_p(label, H2), *(_p(t, UNDER_H2) for t in words)]


# --- text ----------------------------------------------------------------------------------------------


def _char_widths(v: Variation, header: list[str], rows: list[list[list[str]]]) -> list[int]:
    """Character widths of the columns: by weight, but never narrower than a column's longest word."""
    total = 150 if v.landscape else 106
    weights = [WEIGHTS[r] for r in v.columns]
    widths = []
    for i, w in enumerate(weights):
        longest = max(
            [len(word) for row in rows for p in row[i] for word in p.split()]
            + [len(word) for word in header[i].split()]
        )
        widths.append(max(round(total * w / sum(weights)), longest + 2))
    return widths


def _columns_text(v: Variation) -> tuple[list[str], int]:
    """As ``pdftotext -layout`` prints the table: fixed columns, wrapped cells, form feeds between pages.

    A split variation gets short pages, of the first of a few lengths at which a row is cut.
    """
    if not v.split:
        return _columns_pages(v, 46 if v.landscape else 64)
    for page_lines in (32, 30, 34, 28, 36, 26, 38):
        lines, cut = _columns_pages(v, page_lines)
        if cut:
            return lines, cut
    raise AssertionError(f"{v.id}: no page length cuts a row")


def _columns_pages(v: Variation, page_lines: int) -> tuple[list[str], int]:
    plan = v.plan_data
    header = _header(v)
    all_rows = [row for g in plan.groups for row in _rows(v, g)]
    widths = _char_widths(v, header, all_rows)
    full = sum(widths)

    def block(cells: list[list[str]]) -> list[str]:
        wrapped = []
        for c, w in zip(cells, widths, strict=True):
            lines = [line for p in c for line in textwrap.wrap(p, w - 2, break_long_words=False)]
            wrapped.append(lines or [""])
        height = max(len(w) for w in wrapped)
        return [
            "".join((w[k] if k < len(w) else "").ljust(n) for w, n in zip(wrapped, widths, strict=True)).rstrip()
            for k in range(height)
        ]

    head = block([[h] for h in header])
    pages: list[list[str]] = [[]]
    cut = 0
    for line in _title_lines(v):
        pages[-1] += textwrap.wrap(line, full) or [""]
    pages[-1].append("")

    def new_page(in_table: bool) -> None:
        pages.append(list(head) if in_table else [])

    def put(lines: list[str], in_table: bool, cuttable: bool) -> None:
        nonlocal cut
        room = page_lines - len(pages[-1])
        if len(lines) <= room:
            pages[-1] += lines
            return
        if cuttable and v.split and room >= 1:
            pages[-1] += lines[:room]
            new_page(in_table)
            pages[-1] += lines[room:]
            cut += 1
            return
        new_page(in_table)
        pages[-1] += lines

    def heading_lines(group: Group) -> list[str]:
        return ["", *[line for t in _heading(v, group) for line in textwrap.wrap(t, full)], ""]

    # A heading, a table's header and a spanning row stay with the row below them, as in a typeset PDF.
    if v.where == "heading":
        for group in plan.groups:
            rows = [block(row) for row in _rows(v, group)]
            put(heading_lines(group) + head + rows[0], False, False)
            for lines in rows[1:]:
                put(lines, True, True)
    else:
        put(head, False, False)
        for group in plan.groups:
            rows = [block(row) for row in _rows(v, group)]
            if v.where == "row":
                label = [line for t in _heading(v, group) for line in textwrap.wrap(t, full)]
                rows[0] = label + rows[0]
            put(rows[0], True, v.where != "row")
            for lines in rows[1:]:
                put(lines, True, True)
    out: list[str] = []
    for n, page in enumerate(pages, 1):
        out += [*page, "", f"{plan.council}    Page {n}", "\f"]
    out[-1] = ""
    return _join_pages(out), cut


def _join_pages(lines: list[str]) -> list[str]:
    """Put each form feed at the start of the next page's first line, as pdftotext does."""
    out: list[str] = []
    pending = False
    for line in lines:
        if line == "\f":
            pending = True
            continue
        out.append("\f" + line if pending else line)
        pending = False
    return out


def _tsv_text(v: Variation) -> tuple[list[str], int]:
    """A converter's export: one line per row, cells separated by tabs, headings as lines of their own."""
    plan = v.plan_data
    header = "\t".join(_header(v))
    lines = [*_title_lines(v), ""]

    def row_line(cells: list[list[str]]) -> str:
        return "\t".join(" / ".join(c) for c in cells)

    if v.where == "heading":
        for group in plan.groups:
            lines += [*_heading(v, group), header, *(row_line(r) for r in _rows(v, group)), ""]
    else:
        lines.append(header)
        for group in plan.groups:
            if v.where == "row":
                lines.append(" ".join(_heading(v, group)) + "\t" * (len(v.columns) - 1))
            lines += [row_line(r) for r in _rows(v, group)]
    return lines, 0


def _flowed_text(v: Variation) -> tuple[list[str], int]:
    """No table: headings, numbered action paragraphs, a line of labelled fields under each."""
    plan = v.plan_data
    lines = [plan.council.upper()]
    for t in [line for line in _title_lines(v) if line != plan.council]:
        lines += textwrap.wrap(t, 78) or [""]
    lines.append("")
    for group in plan.groups:
        lines += [line for t in _heading(v, group) for line in textwrap.wrap(t, 78)] + [""]
        for action in group.actions:
            lines += textwrap.wrap(f"{action.id} {action.text}", 78)
            for t in _labelled(v, action):
                lines += textwrap.wrap(t, 78)
            lines.append("")
    return lines, 0


# --- Word and Excel ------------------------------------------------------------------------------------


def _hex(colour: Any) -> str:
    return str(colour.hexval())[2:].upper()


def _docx(v: Variation, path: Path) -> int:
    """A Word document: title paragraphs, then the plan as Word tables (or paragraphs, for flowed)."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, RGBColor

    plan = v.plan_data
    document = docx.Document()
    section = document.sections[0]
    if v.landscape and v.form != "flowed":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    title, council, date, _, *rest = _title_lines(v)
    document.add_heading(title, 0)
    for text in (council, date, *rest):
        if text:
            document.add_paragraph(text)

    def heading(group: Group) -> None:
        label, *words = _heading(v, group)
        document.add_heading(label, 2)
        for text in words:
            document.add_paragraph(text)

    def shade(cell: Any, fill: str) -> None:
        props = cell._tc.get_or_add_tcPr()
        for old in props.findall(qn("w:shd")):  # one shading per cell: a RAG fill replaces the table's
            props.remove(old)
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:fill"), fill)
        props.append(shd)

    def fill_cell(cell: Any, paragraphs: list[str], bold: bool = False, white: bool = False) -> None:
        for k, text in enumerate(paragraphs):
            para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            run = para.add_run(text)
            run.bold = bold or None
            if white:
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    def table(groups: Sequence[Group]) -> None:
        spans = v.where == "row"
        body = [(g, r) for g in groups for r in ([None] if spans else []) + list(_rows(v, g))]
        t = document.add_table(rows=1 + len(body), cols=len(v.columns))
        if v.form == "grid":
            t.style = "Table Grid"
        for c, text in enumerate(_header(v)):
            fill_cell(t.cell(0, c), [text], bold=True, white=v.form == "shaded")
            if v.form != "borderless":
                shade(t.cell(0, c), _hex(SHADE_HEAD if v.form == "shaded" else GRID_HEAD))
        t.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        spanned = [i for i, r in enumerate(v.columns) if r in {"rec_id", "recommendation", "theme"}]
        objective = v.columns.index("objective") if "objective" in v.columns else None
        status = v.columns.index("status") if "status" in v.columns else None
        r = 1
        for group in groups:
            if spans:
                merged = t.cell(r, 0).merge(t.cell(r, len(v.columns) - 1))
                fill_cell(merged, _heading(v, group), bold=True)
                r += 1
            start = r
            for action, row in zip(group.actions, _rows(v, group), strict=True):
                for c, paragraphs in enumerate(row):
                    fill_cell(t.cell(r, c), paragraphs)
                    if v.form == "shaded":
                        shade(t.cell(r, c), _hex(SHADE_BODY))
                if status is not None and v.rag == "fill":
                    shade(t.cell(r, status), RAG_COLOURS[action.status or ""][1].lstrip("#").upper())
                r += 1
            end = r - 1
            if v.where == "column-span" and end > start:
                for c in spanned:
                    t.cell(start, c).merge(t.cell(end, c))
                if objective is not None:
                    k = start
                    for _, run in _runs(group.actions):
                        if run > 1:
                            t.cell(k, objective).merge(t.cell(k + run - 1, objective))
                        k += run

    if v.form == "flowed":
        for group in plan.groups:
            heading(group)
            for action in group.actions:
                document.add_paragraph(f"{action.id} {action.text}")
                for text in _labelled(v, action):
                    document.add_paragraph(text)
    elif v.where == "heading":
        for group in plan.groups:
            heading(group)
            table([group])
    else:
        table(plan.groups)
    document.save(str(path))
    return 0


def _xlsx(v: Variation, path: Path) -> int:
    """A workbook: title rows, then the plan on one sheet; headings as rows of one cell, spans as merges."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    plan = v.plan_data
    book = Workbook()
    sheet = book.active
    sheet.title = "Action plan"
    for text in _title_lines(v):
        sheet.append([text] if text else [])
    sheet["A1"].font = Font(bold=True, size=16)
    sheet.append([])

    def row(values: list[str]) -> int:
        sheet.append(values)
        r = sheet.max_row
        for c in range(1, len(values) + 1):
            sheet.cell(r, c).alignment = Alignment(wrap_text=True, vertical="top")
        return r

    def header() -> None:
        r = row(_header(v))
        for c in range(1, len(v.columns) + 1):
            sheet.cell(r, c).font = Font(bold=True)
            sheet.cell(r, c).fill = PatternFill("solid", fgColor=_hex(GRID_HEAD))

    spanned = [i for i, r in enumerate(v.columns) if r in {"rec_id", "recommendation", "theme"}]
    objective = v.columns.index("objective") if "objective" in v.columns else None
    status = v.columns.index("status") if "status" in v.columns else None
    if v.where != "heading":
        header()
    for group in plan.groups:
        if v.where == "heading":
            sheet.append([])
            for text in _heading(v, group):
                sheet.append([text])
            header()
        elif v.where == "row":
            r = row([" ".join(_heading(v, group))])
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(v.columns))
        start = sheet.max_row + 1
        for action, cells in zip(group.actions, _rows(v, group), strict=True):
            r = row(["\n".join(c) for c in cells])
            if status is not None and v.rag == "fill":
                colour = RAG_COLOURS[action.status or ""][1].lstrip("#").upper()
                sheet.cell(r, status + 1).fill = PatternFill("solid", fgColor=colour)
        end = sheet.max_row
        if v.where == "column-span" and end > start:
            for c in spanned:
                sheet.merge_cells(start_row=start, start_column=c + 1, end_row=end, end_column=c + 1)
            if objective is not None:
                k = start
                for _, run in _runs(group.actions):
                    if run > 1:
                        sheet.merge_cells(
                            start_row=k, start_column=objective + 1, end_row=k + run - 1, end_column=objective + 1
                        )
                    k += run
    book.save(str(path))
    return 0
