"""Read a Word document (``.docx``) into blocks, as Word shows it.

The body is walked in order with python-docx's XML tree: paragraphs become
:class:`~extractors.model.Paragraph` blocks and tables
:class:`~extractors.model.Table` blocks, laid out on the table's grid as the
other readers lay theirs out:

* a cell merged across columns (``gridSpan``) stands at its first column with
  ``None`` beside it, and a cell merged down rows (``vMerge``) is the same
  :class:`~extractors.model.Cell` in every row it covers;
* each paragraph of a cell is a paragraph of the cell, and a list paragraph
  carries the label Word draws for it (``a.``, ``1.2``, ``•``), computed from
  the numbering definitions, so the cell splitter sees a list as it does on
  the page;
* a cell's shading is its ``fill`` (a RAG cell that is only a colour);
* rows marked "repeat as header row" are the table's header rows;
* a table nested in a cell is read into the cell, row by row, and a table
  whose only cell holds the content (a frame around the page) is unwrapped;
* text is read in the accepted view of tracked changes (insertions kept,
  deletions dropped), hidden text is skipped, and text boxes are read after
  the paragraph that anchors them.

The page headers and footers are read after the body into the document's
``margins``, no part of its blocks: they may name its council or date, but no
record comes from them.

Headings (Word's heading styles, or an outline level) are paragraphs of their
own, in a larger size, as a PDF's would be.  Word has no pages, so provenance
is the paragraph's number in reading order (``lineno``, counting the
paragraphs in cells too) and the cell's place (``ref``: ``table 2, row 5,
column 3``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionplans.extractors.bounds import MAX_LINE
from actionplans.extractors.errors import CorruptDocument, EmptyDocument
from actionplans.extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table, hex_fill
from actionplans.extractors.readers.package import check_package
from actionplans.normalise.text import collapse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = {f"{W}del", f"{W}moveFrom", _MC_FALLBACK, f"{W}txbxContent", f"{W}pPr", f"{W}rPr"}
"""Inside a paragraph, what Word does not show as its text (deleted or moved-away text, the fallback copy
of a drawing, formatting) or shows elsewhere (a text box)."""
_CONTAINERS = {f"{W}sdt", f"{W}customXml", f"{W}smartTag"}
"""Elements that only wrap others (content controls, custom XML): their content is read in their place."""

BODY_SIZE = 11.0
"""The size a paragraph has when nothing in its style or runs sets one (Word's default, in points)."""
_HEADING_SIZES = {0: 20.0, 1: 16.0, 2: 14.0}
_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title)$", re.IGNORECASE)


def read_word(path: Path) -> SourceDoc:
    """A ``.docx`` file as blocks; :class:`CorruptDocument` if it is not a readable Word document."""
    check_package(path, "word/document.xml", "Word document")
    import docx

    try:
        document = docx.Document(str(path))
    except MemoryError:
        raise
    except Exception as exc:  # python-docx meets damaged XML with whatever error it hits first
        raise CorruptDocument(f"not a readable Word document ({type(exc).__name__}: {exc})") from exc
    reader = _Reader(document)
    blocks = list(reader.blocks(document.element.body))
    if not any(isinstance(b, Table) or b.text.strip() for b in blocks):
        raise EmptyDocument("the document has no text")
    margins = [ln for part in _margin_parts(document) for ln in _block_lines(reader.blocks(part))]
    return SourceDoc(blocks=blocks, reader="docx", notes=reader.notes, margins=margins)


def _margin_parts(document: Any) -> list[Any]:
    """The root elements of the document's page headers and footers (``w:hdr``, ``w:ftr``), headers first, each
    part once however many sections use it."""
    parts = []
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind in ("header", "footer") and not rel.is_external:
            element = getattr(rel.target_part, "element", None)
            if element is not None:
                parts.append((kind != "header", str(rel.target_part.partname), element))
    return [element for *_, element in sorted(parts, key=lambda p: (p[0], p[1]))]


def _block_lines(blocks: Iterator[Block]) -> Iterator[Line]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield from block.lines
        else:
            yield from (ln for para in block.cell_paragraphs() for ln in para)


@dataclass
class _Numbering:
    """Word's list numbering: the label each list paragraph shows, from ``numbering.xml``."""

    levels: dict[str, dict[int, tuple[str, str, int]]] = field(default_factory=dict)
    """abstractNumId -> level -> (format, label text such as ``%1.%2.``, start)."""
    instances: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    """numId -> (abstractNumId, level -> start override)."""
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    indents: dict[tuple[str, int], float] = field(default_factory=dict)
    """(abstractNumId, level) -> the level's left indent in points."""

    @classmethod
    def of(cls, document: Any) -> _Numbering:
        out = cls()
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return out
        for abstract in root.iter(f"{W}abstractNum"):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
                text = _val(lvl.find(f"{W}lvlText")) or ""
                levels[_int(lvl.get(f"{W}ilvl"))] = (fmt, text, _int(_val(lvl.find(f"{W}start")), 1))
                ind = _indent(lvl.find(f"{W}pPr"))
                if ind is not None:
                    out.indents[(abstract.get(f"{W}abstractNumId") or "", _int(lvl.get(f"{W}ilvl")))] = ind
            out.levels[abstract.get(f"{W}abstractNumId") or ""] = levels
        for num in root.iter(f"{W}num"):
            overrides = {
                _int(o.get(f"{W}ilvl")): _int(_val(o.find(f"{W}startOverride")), 1)
                for o in num.iter(f"{W}lvlOverride")
                if o.find(f"{W}startOverride") is not None
            }
            out.instances[num.get(f"{W}numId") or ""] = (_val(num.find(f"{W}abstractNumId")) or "", overrides)
        return out

    def indent(self, num_id: str, ilvl: int) -> float:
        """How far a list paragraph sits in (points): its level's indent, else half an inch a level."""
        abstract_id = self.instances.get(num_id, ("", {}))[0]
        return self.indents.get((abstract_id, ilvl), 36.0 * (ilvl + 1))

    def label(self, num_id: str, ilvl: int) -> str:
        """The label Word draws before the next paragraph of list ``num_id`` at level ``ilvl``."""
        abstract_id, overrides = self.instances.get(num_id, ("", {}))
        levels = self.levels.get(abstract_id)
        if not levels or ilvl not in levels:
            return ""
        # Lists that share a definition share their counters (Word's "continue numbering"); a list with a start
        # override restarts them when it is first used.
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in overrides.items():
                counters[level] = start - 1
        start = levels[ilvl][2]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt == "bullet":
            return "•"
        if fmt == "none":
            return ""

        def number(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            lfmt = levels.get(level, ("decimal", "", 1))[0]
            value = counters.get(level, levels.get(level, ("", "", 1))[2])
            return _format_number(value, lfmt)

        return re.sub(r"%(\d)", number, text).strip()


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = max(1, value)
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(ord("a") + rem) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(max(1, value))
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l")):
        while value >= number:
            out, value = out + letters, value - number
    for number, letters in ((40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= number:
            out, value = out + letters, value - number
    return out


def _val(element: Any) -> str | None:
    return None if element is None else element.get(f"{W}val")


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class _Style:
    heading: int | None
    size: float | None
    bold: bool
    numbering: tuple[str, int] | None


class _Reader:
    def __init__(self, document: Any) -> None:
        self.document = document
        self.numbering = _Numbering.of(document)
        self.styles: dict[str, _Style] = {}
        self.default_size = BODY_SIZE
        self.notes: list[str] = []
        self.paragraphs = 0
        self.tables = 0
        self._style_elements = {
            s.get(f"{W}styleId"): s for s in document.styles.element.iter(f"{W}style") if s.get(f"{W}styleId")
        }
        self._default_style = next(
            (
                s
                for s in self._style_elements.values()
                if s.get(f"{W}type") == "paragraph" and s.get(f"{W}default") in ("1", "true")
            ),
            None,
        )
        defaults = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        if defaults is not None and _val(defaults):
            self.default_size = _int(_val(defaults), 22) / 2

    # --- styles ---------------------------------------------------------------------------------------------

    def style(self, style_id: str | None) -> _Style:
        key = style_id if style_id and style_id in self._style_elements else ""
        if key not in self.styles:
            self.styles[key] = _Style(None, None, False, None)  # a guard against a style based on itself
            self.styles[key] = self._resolve(style_id)
        return self.styles[key]

    def _resolve(self, style_id: str | None) -> _Style:
        element = self._style_elements.get(style_id) if style_id else None
        if element is None:  # no style, or one the document does not define: its default paragraph style
            element = self._default_style
        if element is None:
            return _Style(None, None, False, None)
        based = _val(element.find(f"{W}basedOn"))
        own = element.get(f"{W}styleId")
        parent = self.style(based) if based and based != own else _Style(None, None, False, None)
        name = _val(element.find(f"{W}name")) or ""
        heading = parent.heading
        m = _HEADING_STYLE.match(name.strip())
        if m:
            heading = int(m.group(1)) if m.group(1) else 0
        outline = element.find(f"{W}pPr/{W}outlineLvl")
        if outline is not None and _int(_val(outline), 9) < 9:
            heading = _int(_val(outline)) + 1
        size = parent.size
        sz = element.find(f"{W}rPr/{W}sz")
        if sz is not None and _val(sz):
            size = _int(_val(sz), 22) / 2
        bold = parent.bold
        b = element.find(f"{W}rPr/{W}b")
        if b is not None:
            bold = _val(b) not in ("0", "false")
        numbering = parent.numbering
        num = element.find(f"{W}pPr/{W}numPr")
        if num is not None:
            numbering = (_val(num.find(f"{W}numId")) or "", _int(_val(num.find(f"{W}ilvl"))))
        return _Style(heading, size, bold, numbering)

    # --- blocks ---------------------------------------------------------------------------------------------

    def blocks(self, parent: Any) -> Iterator[Block]:
        for child in _children(parent):
            if child.tag == f"{W}p":
                for para in self.paragraph(child):
                    yield Paragraph(lines=para)
            elif child.tag == f"{W}tbl":
                self.tables += 1
                frame = _frame_cell(child)
                if frame is not None:  # a one-cell table around the content: read what it holds
                    yield from self.blocks(frame)
                else:
                    yield self.table(child, self.tables)

    def paragraph(self, p: Any, ref: str | None = None) -> list[list[Line]]:
        """A paragraph's lines, each a paragraph (a line break starts a new one), then any text box it anchors."""
        self.paragraphs += 1
        lineno = self.paragraphs
        props = p.find(f"{W}pPr")
        style = self.style(_val(props.find(f"{W}pStyle")) if props is not None else None)
        heading = style.heading
        outline = props.find(f"{W}outlineLvl") if props is not None else None
        if outline is not None and _int(_val(outline), 9) < 9:
            heading = _int(_val(outline)) + 1
        pieces = [collapse(t) for t in _line_texts(p)]
        sizes = [_int(_val(sz), 0) / 2 for sz in p.iter(f"{W}sz") if _is_run_size(sz)]
        size = max(sizes) if sizes else style.size or self.default_size
        if heading is not None and not sizes:
            size = max(size, _HEADING_SIZES.get(heading, 13.0))
        bold = style.bold or heading is not None or _all_bold(p)
        numbering = self._numbering(props, style)
        label = self.numbering.label(*numbering) if numbering else ""
        if label and pieces and pieces[0]:
            pieces[0] = f"{label} {pieces[0]}"
        indent = _indent(props)
        if indent is None and numbering:
            indent = self.numbering.indent(*numbering)
        # A soft return (w:br) starts a paragraph of its own, as a new line in a cell does in HTML: plans type
        # actions one per line that way.
        out = [
            [Line(text=t[:MAX_LINE], lineno=lineno, size=size, bold=bold, ref=ref, indent=indent)] for t in pieces if t
        ]
        for box in p.iter(f"{W}txbxContent"):
            if _inside(box, _MC_FALLBACK, p):
                continue
            for inner in box.iter(f"{W}p"):
                out += self.paragraph(inner, ref)
        return out

    def _numbering(self, props: Any, style: _Style) -> tuple[str, int] | None:
        """The list (numId) and level a paragraph belongs to, from its own properties or its style's."""
        num = props.find(f"{W}numPr") if props is not None else None
        numbering = style.numbering
        if num is not None:
            num_id = _val(num.find(f"{W}numId"))
            level = num.find(f"{W}ilvl")
            numbering = (
                num_id if num_id is not None else numbering[0] if numbering else "",
                _int(_val(level)) if level is not None else numbering[1] if numbering else 0,
            )
        if not numbering or numbering[0] in ("", "0"):
            return None
        return numbering

    def table(self, tbl: Any, number: int) -> Table:
        grid: dict[tuple[int, int], Cell | None] = {}
        fills: dict[int, Cell] = {}
        """Column -> the cell a vertical merge continues."""
        rows: list[Row] = []
        header_rows = 0
        for r, tr in enumerate(child for child in _children(tbl) if child.tag == f"{W}tr"):
            props = tr.find(f"{W}trPr")
            mark = props.find(f"{W}tblHeader") if props is not None else None
            if mark is not None and header_rows == r and _val(mark) not in ("0", "false"):
                header_rows += 1
            c = _int(_val(props.find(f"{W}gridBefore")) if props is not None else None)
            for tc in (child for child in _children(tr) if child.tag == f"{W}tc"):
                tc_props = tc.find(f"{W}tcPr")
                span = max(1, _int(_val(tc_props.find(f"{W}gridSpan")) if tc_props is not None else None, 1))
                merge = tc_props.find(f"{W}vMerge") if tc_props is not None else None
                if merge is not None and _val(merge) != "restart" and c in fills:
                    cell = fills[c]
                    self._cell_paragraphs(tc, cell, f"table {number}, row {r + 1}, column {c + 1}")
                else:
                    ref = f"table {number}, row {r + 1}, column {c + 1}"
                    cell = Cell(fill=_fill(tc_props), ref=ref)
                    self._cell_paragraphs(tc, cell, ref)
                    if merge is not None:
                        fills[c] = cell
                    else:
                        fills.pop(c, None)
                grid[(r, c)] = cell
                for extra in range(1, span):
                    grid[(r, c + extra)] = None
                    fills.pop(c + extra, None)
                c += span
            rows.append(Row(cells=[], whole=True))
        ncols = max((c + 1 for (_, c) in grid), default=0)
        for r, row in enumerate(rows):
            row.cells = [grid[(r, c)] if (r, c) in grid else Cell() for c in range(ncols)]
        return Table(rows=rows, kind="docx", header_rows=header_rows)

    def _cell_paragraphs(self, tc: Any, cell: Cell, ref: str) -> None:
        for child in _children(tc):
            if child.tag == f"{W}p":
                cell.paras += self.paragraph(child, ref)
            elif child.tag == f"{W}tbl":  # a table inside the cell: its rows, one paragraph per cell
                self.tables += 1
                cell.paras += self.table(child, self.tables).cell_paragraphs()


def _children(element: Any) -> Iterator[Any]:
    """Children in order, with content controls and custom XML opened in place."""
    for child in element:
        if child.tag in _CONTAINERS:
            content = child.find(f"{W}sdtContent")
            yield from _children(content if content is not None else child)
        else:
            yield child


def _frame_cell(tbl: Any) -> Any:
    """The only cell of a one-row, one-column table that holds a table (a frame around the content)."""
    rows = [c for c in _children(tbl) if c.tag == f"{W}tr"]
    if len(rows) != 1:
        return None
    cells = [c for c in _children(rows[0]) if c.tag == f"{W}tc"]
    if len(cells) != 1 or not any(c.tag == f"{W}tbl" for c in _children(cells[0])):
        return None
    return cells[0]


def _line_texts(p: Any) -> list[str]:
    """The paragraph's text as Word shows it, one string per line (a line break starts a new one)."""
    lines = [""]

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIPPED or not isinstance(tag, str):
                continue
            if tag == f"{W}r" and _hidden(child):
                continue
            if tag == f"{W}t":
                lines[-1] += child.text or ""
            elif tag in (f"{W}tab", f"{W}ptab"):
                lines[-1] += " "
            elif tag in (f"{W}br", f"{W}cr"):
                lines.append("")
            elif tag in (f"{W}noBreakHyphen", f"{W}softHyphen"):
                lines[-1] += "-" if tag == f"{W}noBreakHyphen" else ""
            else:
                walk(child)

    walk(p)
    return lines


def _indent(props: Any) -> float | None:
    """A paragraph's (or list level's) left indent in points, where its properties set one."""
    ind = props.find(f"{W}ind") if props is not None else None
    if ind is None:
        return None
    left = ind.get(f"{W}left") or ind.get(f"{W}start")
    return _int(left) / 20 if left is not None else None


def _hidden(run: Any) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and _val(vanish) not in ("0", "false")


def _is_run_size(sz: Any) -> bool:
    parent = sz.getparent()
    return parent is not None and parent.tag == f"{W}rPr" and parent.getparent().tag == f"{W}r"


def _all_bold(p: Any) -> bool:
    runs = [r for r in p.iter(f"{W}r") if any((t.text or "").strip() for t in r.iter(f"{W}t"))]
    if not runs:
        return False
    for run in runs:
        b = run.find(f"{W}rPr/{W}b")
        if b is None or _val(b) in ("0", "false"):
            return False
    return True


def _inside(element: Any, tag: str, stop: Any) -> bool:
    node = element.getparent()
    while node is not None and node is not stop:
        if node.tag == tag:
            return True
        node = node.getparent()
    return False


def _fill(props: Any) -> tuple[float, float, float] | None:
    """A cell's shading as RGB (0-1), ``None`` for none, automatic or white."""
    shd = props.find(f"{W}shd") if props is not None else None
    if shd is None:
        return None
    return hex_fill(shd.get(f"{W}fill"))
