"""Read an HTML page (a council's web version of a plan, a committee system's page) into blocks.

The page is parsed by lxml's HTML parser, which repairs markup as browsers
do (unclosed cells and rows, tables without ``<tbody>``, stray end tags),
and the tree is walked in document order:

* tables become :class:`~extractors.model.Table` blocks; a cell with a
  ``rowspan`` stands in every row it covers and a ``colspan`` leaves ``None``
  beside it (as for merged cells in a PDF); ``<p>``, ``<br>``, ``<div>`` and
  ``<li>`` inside a cell make its paragraphs, list items keeping a bullet so
  that the cell splitter sees the list; a table nested in a cell is read
  into the cell; a cell's ``bgcolor`` or ``background-color`` is its fill;
* a table's ``<caption>`` is a paragraph right above it, set apart as a title;
* a description list (``<dl>``) is a table of two columns, each term (``<dt>``) beside its descriptions
  (``<dd>``), as a page lays out a card of fields ("Lead officer" | "Head of Housing");
* headings and paragraphs outside tables become
  :class:`~extractors.model.Paragraph` blocks, headings marked bold and sized
  by level;
* what a reader of the page does not see as its content is skipped: scripts,
  styles, forms, navigation and other landmarks (``<nav>``, ``<header>``,
  ``<footer>``, ``<aside>``, ``role="navigation"`` and the like, dialogs such
  as cookie banners), and anything ``hidden`` or ``display: none``; when the
  page marks its main content (``<main>``, ``role="main"``), only that is read;
* the text of the header and footer landmarks (not the navigation inside
  them) is kept apart as the document's ``margins``: it may name the council
  or the date, and no record comes from it.

Nothing is fetched: lxml is given the text, with network access off.  Every
line keeps the source line of the element it came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from actionplans.extractors.bounds import MAX_LINE
from actionplans.extractors.errors import EmptyDocument
from actionplans.extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table, hex_fill
from actionplans.extractors.readers.text import decode
from actionplans.normalise.text import collapse

_BLOCKS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "dt", "dd",
    "ul", "ol", "dl", "blockquote", "pre", "table", "caption", "figure", "figcaption", "hr", "address",
    "details", "summary",
}  # fmt: skip
"""Elements that start and end a paragraph."""
_TITLES = {"summary", "caption"}
"""Elements that title what follows them, as a heading does (marked bold): a ``<details>``'s ``<summary>``, a
table's ``<caption>`` (read as a paragraph right above its table)."""
_SKIP = {"script", "style", "noscript", "template", "svg", "button", "form", "select", "textarea", "iframe"}
_SKIP |= {"nav", "header", "footer", "aside", "dialog", "head", "object", "embed", "canvas", "map"}
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu"}
_MAIN_XPATH = "//main | //*[@role='main']"
_HEADING_SIZES = {"h1": 20.0, "h2": 16.0, "h3": 14.0, "h4": 13.0, "h5": 12.0, "h6": 12.0}
BODY_SIZE = 11.0
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*(#[0-9a-f]{3,6}|rgb\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\))", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def read_html(path: Path) -> SourceDoc:
    text, notes = decode(path.read_bytes())
    doc = html_to_doc(text)
    doc.notes[:0] = notes
    return doc


def html_to_doc(markup: str) -> SourceDoc:
    """Blocks of an HTML page given as text; :class:`EmptyDocument` if it shows no text."""
    import lxml.etree
    import lxml.html

    markup = _XML_DECLARATION.sub("", markup.replace("\x00", ""), count=1)
    if not markup.strip():
        raise EmptyDocument("the page has no text")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise EmptyDocument(f"the page has no text ({exc})") from exc
    mains = [m for m in root.xpath(_MAIN_XPATH) if collapse(m.text_content())]
    blocks: list[Block] = []
    flow = _Flow(lambda line: blocks.append(Paragraph(lines=[line])), lambda table: blocks.append(_table(table)))
    for top in mains[:1] or [root]:
        flow.walk(top)
    flow.flush()
    if not blocks:
        raise EmptyDocument("the page has no text")
    return SourceDoc(blocks=blocks, reader="html", margins=_margins(root))


_MARGINS_XPATH = "//header | //footer | //*[@role='banner'] | //*[@role='contentinfo']"


def _margins(root: Any) -> list[Line]:
    """The text of the page's header and footer landmarks (a site's banner, its footer), which the walk skips:
    their own text, without the navigation, forms or hidden parts inside them, each landmark once."""
    lines: list[Line] = []
    seen: set[Any] = set()
    for landmark in root.xpath(_MARGINS_XPATH):
        if any(a in seen for a in landmark.iterancestors()) or _hidden_inside(landmark):
            continue
        seen.add(landmark)
        flow = _Flow(lines.append, lambda table: lines.extend(ln for p in _table(table).cell_paragraphs() for ln in p))
        flow.text.add(landmark.text, _line(landmark))
        flow.walk(landmark)
        flow.flush()
    return lines


def _hidden_inside(element: Any) -> bool:
    """Whether the element or one around it is hidden (``hidden``, ``display: none``) or another skipped kind
    than a header or footer landmark (a header inside a dialog, a template)."""
    for node in (element, *element.iterancestors()):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in ("header", "footer") or (node.get("role") or "").lower() in ("banner", "contentinfo"):
            if _hidden(node) or _HIDDEN_STYLE.search(node.get("style") or ""):
                return True
            if (node.get("aria-hidden") or "").lower() == "true":
                return True
            continue
        if _skipped(node):
            return True
    return False


def _skipped(element: Any) -> bool:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if tag in _SKIP and not (tag == "button" and _titles_a_section(element)):
        return True
    if (element.get("role") or "").lower() in _SKIP_ROLES:
        return True
    if _hidden(element) or (element.get("aria-hidden") or "").lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style") or ""))


def _hidden(element: Any) -> bool:
    """Hidden from the reader: ``hidden``, but not ``hidden="until-found"``, a collapsed section (an
    accordion's panel) that the browser shows when its words are searched for or its heading is opened."""
    value = element.get("hidden")
    return value is not None and value.strip().lower() != "until-found"


def _titles_a_section(button: Any) -> bool:
    """A button that is a section's title, not a control: an accordion's toggle set in a heading, or one that
    opens the region it names (``aria-controls``)."""
    parent = button.getparent()
    in_heading = parent is not None and isinstance(parent.tag, str) and parent.tag.lower() in _HEADING_SIZES
    return in_heading or bool(button.get("aria-controls"))


@dataclass
class _Text:
    """Running text being gathered into one paragraph."""

    parts: list[str] = field(default_factory=list)
    lineno: int = 0
    tag: str = ""

    def add(self, text: str | None, lineno: int) -> None:
        if text and text.strip():
            if not self.parts:
                self.lineno = lineno
            self.parts.append(text)
        elif text and self.parts:
            self.parts.append(" ")

    def take(self) -> Line | None:
        text = collapse("".join(self.parts))
        self.parts = []
        if not text:
            return None
        size = _HEADING_SIZES.get(self.tag, BODY_SIZE)
        bold = self.tag in _HEADING_SIZES or self.tag in _TITLES
        return Line(text=text[:MAX_LINE], lineno=self.lineno, size=size, bold=bold)


class _Flow:
    """An element's content walked in order: text gathered into paragraphs, each finished one handed to
    ``paragraph``, each table to ``table``."""

    def __init__(self, paragraph: Callable[[Line], None], table: Callable[[Any], None]) -> None:
        self.text = _Text()
        self.paragraph = paragraph
        self.table = table
        self.marker = False
        """A list item's bullet not yet given to a paragraph: its words are in a block inside it."""

    def flush(self) -> None:
        line = self.text.take()
        if line is not None and line.text.strip() == "•":
            self.marker = True  # "<li><p>Establish ...</p>": the bullet goes with the item's first paragraph
        elif line is not None:
            if self.marker:
                line = replace(line, text=f"• {line.text}")
            self.marker = False
            self.paragraph(line)
        self.text.tag = ""

    def walk(self, element: Any) -> None:
        for child in element:
            if not isinstance(child.tag, str):  # a comment or processing instruction: only its tail counts
                self.text.add(child.tail, _line(element))
                continue
            tag = child.tag.lower()
            if _skipped(child):
                pass
            elif tag == "table" or (tag == "dl" and _terms(child)):
                self.flush()
                self.marker = False  # an item that opens with a table: its bullet marks nothing
                for caption in (c for c in child if isinstance(c.tag, str) and c.tag.lower() == "caption"):
                    if not _skipped(caption):  # a table's caption titles it: a heading right above it
                        self.text.tag = "caption"
                        self.text.add(caption.text_content(), _line(caption))
                        self.flush()
                self.table(child)
            elif tag in _BLOCKS:
                self.flush()
                self.text.tag = tag
                if tag == "li":
                    self.text.add("• ", _line(child))
                self.text.add(child.text, _line(child))
                self.walk(child)
                self.flush()
            else:
                self.text.add(child.text, _line(child))
                self.walk(child)
            self.text.add(child.tail, _line(child))


def _line(element: Any) -> int:
    return int(element.sourceline or 0)


# --- tables --------------------------------------------------------------------------------------------


def _rows(table: Any) -> list[Any]:
    """The table's own rows (``<tr>`` directly or inside ``<thead>``/``<tbody>``/``<tfoot>``), not those of
    tables nested in its cells."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows += [tr for tr in child if isinstance(tr.tag, str) and tr.tag.lower() == "tr"]
    return rows


def _table(table: Any) -> Table:
    """Lay cells out on a grid: a rowspan's cell stands in every row it covers, a colspan leaves ``None``.

    A description list (``<dl>``) is a table of two columns, a row for each term and its descriptions."""
    if table.tag.lower() == "dl":
        return _definitions(table)
    grid: dict[tuple[int, int], Cell | None] = {}
    rows = [tr for tr in _rows(table) if not _skipped(tr)]
    header_rows = 0
    for r, tr in enumerate(rows):
        c = 0
        cells = [td for td in tr if isinstance(td.tag, str) and td.tag.lower() in ("td", "th") and not _skipped(td)]
        if cells and all(td.tag.lower() == "th" for td in cells) and header_rows == r:
            header_rows += 1
        for td in cells:
            while (r, c) in grid:
                c += 1
            cell = Cell(paras=_cell_paragraphs(td), fill=_fill(td) or _fill(tr))
            rowspan = min(_int(td.get("rowspan")), len(rows) - r) if td.get("rowspan") != "0" else len(rows) - r
            colspan = min(_int(td.get("colspan")), 1000)
            grid[(r, c)] = cell
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        # Down a rowspan the cell itself stands in each row; across a colspan, nothing.
                        grid[(r + dr, c + dc)] = cell if dc == 0 else None
            c += colspan
    ncols = max((c + 1 for (_, c) in grid), default=0)
    out = [
        Row(cells=[grid[(r, c)] if (r, c) in grid else Cell() for c in range(ncols)], whole=True)
        for r in range(len(rows))
    ]
    return Table(rows=out, kind="html", header_rows=header_rows)


def _terms(dl: Any) -> list[Any]:
    """A description list's ``<dt>`` and ``<dd>`` elements in order (also those grouped in a ``<div>``), or
    none when it has no term: then it is read as running text."""
    items: list[Any] = []
    for child in dl:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "div" and not _skipped(child):
            items += [g for g in child if isinstance(g.tag, str) and g.tag.lower() in ("dt", "dd") and not _skipped(g)]
        elif tag in ("dt", "dd") and not _skipped(child):
            items.append(child)
    return items if any(item.tag.lower() == "dt" for item in items) else []


def _definitions(dl: Any) -> Table:
    """A ``<dl>`` as rows of term | description: the page pairs each ``<dt>`` with the ``<dd>`` after it (a
    field's name and its value, "Lead officer" | "Head of Housing"), as a table's two cells would.  Terms in a
    row share a cell, and so do descriptions."""
    rows: list[tuple[Cell, Cell]] = []
    for item in _terms(dl):
        paras = _cell_paragraphs(item)
        if item.tag.lower() == "dt":
            if not rows or rows[-1][1].paras:
                rows.append((Cell(), Cell()))
            rows[-1][0].paras.extend(paras)
        else:
            if not rows:
                rows.append((Cell(), Cell()))
            rows[-1][1].paras.extend(paras)
    return Table(rows=[Row(cells=[term, description], whole=True) for term, description in rows], kind="html")


def _cell_paragraphs(td: Any) -> list[list[Line]]:
    """A cell's paragraphs: block elements and ``<br>`` break them; a nested table's cells are paragraphs."""
    paras: list[list[Line]] = []

    flow = _Flow(lambda line: paras.append([line]), lambda table: paras.extend(_table(table).cell_paragraphs()))
    flow.text.add(td.text, _line(td))
    flow.walk(td)
    flow.flush()
    # The page's own paragraphs and line breaks: its author's, as a Word or Excel cell's are.
    return [[replace(line, authored=True) for line in para] for para in paras]


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _fill(element: Any) -> tuple[float, float, float] | None:
    """The background colour an element sets (``bgcolor`` or ``background-color``), ``None`` for none or white."""
    value = element.get("bgcolor")
    m = _BACKGROUND.search(element.get("style") or "")
    if m:
        value = m.group(1)
    if not value:
        return None
    value = value.strip().lower()
    if value.startswith("rgb("):
        value = "".join(f"{min(int(n), 255):02x}" for n in re.findall(r"\d+", value)[:3])
    elif re.fullmatch(r"#?[0-9a-f]{3}", value):
        value = "".join(ch * 2 for ch in value.lstrip("#"))  # CSS shorthand: #0b5 is #00bb55
    return hex_fill(value)
