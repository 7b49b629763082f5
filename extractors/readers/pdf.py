"""Read a PDF into blocks, as pdfplumber sees it.

Each page's characters and graphics come from PDFium, rebuilt as pdfplumber
would give them (:mod:`extractors.readers.pdfium`, several times faster); a
page PDFium cannot read exactly is read with pdfplumber itself, and the
report says which and why.  Tables are found by pdfplumber's table finder
either way.

The chain, page by page: ``page_to_words`` -> ``find_grids`` (ruled tables
from the page's lines and rectangle edges; shaded tables from the colour
changes a reader sees where those fit the text better; borderless tables
found by their columns' alignment) -> ``grid_to_table`` (cell words -> lines
-> paragraphs) -> ``words_to_lines`` for the text outside tables ->
``lines_to_paragraphs``.  Running headers and footers ("Page 3", a title
repeated in the margin of every page) are dropped before paragraphs are made,
so they never reach a cell or a heading.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import accumulate, pairwise
from pathlib import Path
from typing import Any

import pdfplumber
from pdfplumber.table import Table as PlumberTable
from pdfplumber.table import TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox

from actionplans.extractors.columns import best_header_role
from actionplans.extractors.errors import CorruptDocument, EmptyDocument, EncryptedDocument, ImageOnlyDocument
from actionplans.extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table
from actionplans.extractors.readers.borderless import Word, find_borderless, word_lines
from actionplans.extractors.readers.fit import Grid, grid_fit
from actionplans.extractors.readers.furniture import PAGE_NUMBER, digits_key, is_running, runs_on
from actionplans.extractors.readers.painted import painted_edges, painted_settings
from actionplans.extractors.readers.pdfium import PageLike, PdfiumDoc, PdfiumPage, Skim, Unfaithful, chars_to_words
from actionplans.extractors.readers.prescan import (
    MIN_RULE_SEGMENTS,
    OPENING_PAGES,
    RULED,
    SIDE_TOLERANCE,
    columns_sign,
    full_pages,
    own_text,
    ruled_band,
    text_signs,
)
from actionplans.extractors.readers.rules import RuledWordExtractor, Rules, page_rules
from actionplans.extractors.readers.textcolumns import Columns, find_columns
from actionplans.records import BBox


@dataclass(frozen=True)
class PdfSettings:
    """Tunables of the PDF reader; ``resolve`` accepts this class, a dict or ``None``."""

    line_tolerance: float = 3.0
    """Words whose tops differ by less than this many points share a line."""
    segment_gap: float = 2.5
    """Outside tables, a horizontal gap wider than this many font sizes splits a line."""
    para_gap: float = 0.55
    """A vertical gap wider than this many font sizes starts a new paragraph."""
    margin: float = 0.12
    """Share of the page height, top and bottom, where running headers and footers live."""
    prescan: bool = True
    """Skim every page first and read in full only those that may hold a plan (:mod:`extractors.readers.prescan`);
    the others as plain text.  ``False``: read every page in full."""
    engine: str = "pdfium"
    """``pdfium``: pages are read with PDFium where it can be exact, with pdfplumber where not; ``pdfplumber``:
    every page with pdfplumber (slower, and what the PDFium route is measured against)."""
    table_settings: dict[str, Any] = field(
        default_factory=lambda: {
            "vertical_strategy": "lines",
            "horizontal_strategy": "lines",
            "snap_tolerance": 3,
            "join_tolerance": 3,
            "intersection_tolerance": 3,
        }
    )

    @classmethod
    def resolve(cls, value: PdfSettings | dict[str, Any] | None) -> PdfSettings:
        if value is None:
            return cls()
        if isinstance(value, PdfSettings):
            return value
        known = {f.name for f in fields(cls)}
        unknown = set(value) - known
        if unknown:
            raise ValueError(f"unknown PDF setting(s) {sorted(unknown)!r}; known: {sorted(known)!r}")
        if value.get("engine", "pdfium") not in ENGINES:
            raise ValueError(f"unknown PDF engine {value['engine']!r}; known: {sorted(ENGINES)!r}")
        return cls(**value)


ENGINES = ("pdfium", "pdfplumber")


def read_pdf(
    path: Path, settings: PdfSettings | dict[str, Any] | None = None, password: str | None = None
) -> SourceDoc:
    """Read ``path`` into a :class:`SourceDoc`.

    Pages are read with PDFium (:mod:`extractors.readers.pdfium`), as pdfplumber
    would read them; a page PDFium cannot read that way, and a file it cannot
    open, is read with pdfplumber.  Raises :class:`EncryptedDocument`,
    :class:`CorruptDocument`, :class:`EmptyDocument` or :class:`ImageOnlyDocument`
    with a message a user can act on.  ``password`` opens a PDF that needs one (a PDF with only an owner
    password, which restricts printing or copying, opens without).
    """
    opts = PdfSettings.resolve(settings)
    if opts.engine == "pdfplumber":
        return _read_plumber(path, opts, password)
    try:
        fast = PdfiumDoc(path, password)
    except MemoryError:
        raise
    except Exception:  # pdfplumber reads it, and says what is wrong with it
        return _read_plumber(path, opts, password)
    with fast:
        n_pages = len(fast)
        if n_pages == 0:
            raise EmptyDocument("the PDF has no pages")
        doctops = list(accumulate((b.height for b in fast.fonts.boxes), initial=0.0))
        ready: dict[int, _PageContent] = {}  # pages whose content the pre-scan read
        looks = [_look(fast, i, opts, doctops[i]) for i in range(n_pages)] if opts.prescan else []
        skims = [sk for sk, _ in looks] if opts.prescan else [None] * n_pages
        if opts.prescan:
            signs = [_sign(sk) for sk in skims]
            full = full_pages(signs, sides=[_sides(i, signs, looks, opts, ready) for i in range(n_pages)])
        else:
            full = [True] * n_pages
        found: list[PdfiumPage | Skim | None] = []
        slow: dict[int, str] = {}
        for i in range(n_pages):
            skim, read = looks[i] if looks else (None, None)
            try:
                if isinstance(read, Unfaithful):
                    raise read
                found.append((read or fast.page(i, doctops[i])) if full[i] or skim is None else skim)
            except Unfaithful as exc:
                found.append(None)
                slow[i] = str(exc)
            except MemoryError:
                raise
            except Exception as exc:  # PDFium failed where pdfplumber may not: let it try
                found.append(None)
                slow[i] = f"PDFium could not read it ({type(exc).__name__})"
        plumber = _open_plumber(path, password) if slow else None
        try:
            pages = [p if p is not None else plumber.pages[i] for i, p in enumerate(found)]  # type: ignore[union-attr]
            return _read_pages(pages, opts, notes=_slow_note(slow), ready=ready)
        finally:
            if plumber is not None:
                plumber.close()


def _look(
    doc: PdfiumDoc, index: int, opts: PdfSettings, doctop: float
) -> tuple[Skim | None, PdfiumPage | Unfaithful | None]:
    """Page ``index`` skimmed and, where it is sure to be read in full (an opening page, or one with a sign of
    a plan), read in full in the same opening (:meth:`PdfiumDoc.look`).  The skim is ``None`` where skimming
    fails (the page is then read in full, and there it fails again or falls back to pdfplumber)."""
    try:
        return doc.look(index, opts.margin, lambda sk: index < OPENING_PAGES or _sign(sk) is not None, doctop)
    except MemoryError:
        raise
    except Exception:
        return None, None


def _sign(skim: Skim | None) -> str | None:
    """Why a skimmed page may hold a plan (``prescan``), if it may."""
    if skim is None:
        return "it could not be skimmed"
    if skim.n_segments >= MIN_RULE_SEGMENTS:
        return RULED
    return columns_sign(skim.boxes) or text_signs(skim.text.split("\r\n"))


def _sides(
    index: int,
    signs: Sequence[str | None],
    looks: Sequence[tuple[Skim | None, PdfiumPage | Unfaithful | None]],
    opts: PdfSettings,
    ready: dict[int, _PageContent],
) -> tuple[bool, bool]:
    """Whether what page ``index`` holds may begin on the page before and go on to the page after.

    Both, unless its rules are its only sign (its text has none of a plan's, nor columns outside the rules),
    it was read in full and none of its tables is headed as a plan's (a first row naming two of a plan's
    columns: :func:`extractors.columns.best_header_role`); then as the text above and below the rules says
    (:func:`prescan.own_text`), told from the furniture the pages either side repeat in their margins.  The
    page's content is read here once and kept in ``ready``.
    """
    skim, read = looks[index]
    if signs[index] != RULED or skim is None or not isinstance(read, PdfiumPage):
        return True, True
    if text_signs(skim.text.split("\r\n")):
        return True, True
    try:
        content = read_page(read, opts)
    except Exception:  # the document's own reading meets it again, and says what is wrong with the page
        return True, True
    ready[index] = content
    if content.declined or any(_headed_as_plan(table) for _, table in content.tables):
        return True, True
    rules = ((o["top"], o["bottom"]) for kind in (read.lines, read.rects, read.curves) for o in kind)
    band = ruled_band(rules, read.height * opts.margin, read.height * (1 - opts.margin))
    inside = band or (0.0, 0.0)
    outside = [b for b in skim.boxes if b[3] <= inside[0] + SIDE_TOLERANCE or b[1] >= inside[1] - SIDE_TOLERANCE]
    if columns_sign(outside):
        return True, True
    if band is None:  # rules in the margins only: no table
        return False, False

    def furniture(*pages: int) -> list[dict[str, Any]]:
        """The words in the margins of ``pages`` (a running header may alternate between odd and even pages,
        so the pages one and two away on each side)."""
        words: list[dict[str, Any]] = []
        for k in pages:
            if not 0 <= k < len(looks):
                continue
            skim, page = looks[k]
            if skim is not None and skim.margin_chars:
                words += chars_to_words(skim.margin_chars)
            elif isinstance(page, PdfiumPage):  # read in full: its margins are among its characters
                top, bottom = page.height * opts.margin, page.height * (1 - opts.margin)
                words += chars_to_words([c for c in page.chars if c[4] <= top or c[3] >= bottom])
        return words

    above = chars_to_words([c for c in read.chars if c[4] <= band[0] + SIDE_TOLERANCE])
    below = chars_to_words([c for c in read.chars if c[3] >= band[1] - SIDE_TOLERANCE])
    return (
        not own_text(above, furniture(index - 1, index - 2)),
        not own_text(below, furniture(index + 1, index + 2)),
    )


PLAN_HEADER_SCORE = 0.8
"""How surely a header's words alone must name a plan's column ("Lead", "When", "Deadline", "RAG") for the
pre-scan to count it; "Service" (a service, or an owner?) does not."""


HEADER_ROWS = 2
"""Rows at the top of a table the pre-scan looks in for a plan's header (a title row may stand above it)."""


def _headed_as_plan(table: Table) -> bool:
    """Whether one of a table's first rows (:data:`HEADER_ROWS`) names two or more of a plan's columns by its
    words alone (:data:`PLAN_HEADER_SCORE`): "Action | Lead officer | Deadline", not "Service | Budget |
    Forecast | RAG"."""
    for row in table.rows[:HEADER_ROWS]:
        roles = {best_header_role(row.text(col), PLAN_HEADER_SCORE) for col in range(len(row.cells))}
        if len(roles - {None}) >= 2:
            return True
    return False


def skim_to_content(skim: Skim, opts: PdfSettings) -> _PageContent:
    """A page nothing suggests a plan on, from its skim: PDFium's plain text, a paragraph a line, and the lines
    of its margins as a page read in full would give them (running headers are told across all pages)."""
    words = [w for w in chars_to_words(skim.margin_chars) if w["text"].strip()]
    lines = [
        ln
        for ln in words_to_lines(words, skim.page_number, opts, split_gaps=True)
        if ln.top < skim.height * opts.margin or ln.top > skim.height * (1 - opts.margin)
    ]
    plain = [Paragraph(lines=[Line(text=t.strip(), page=skim.page_number)]) for t in skim.text.split("\r\n")]
    content = _PageContent(skim.page_number, skim.height, [], lines, float("inf"), len(skim.text.strip()))
    content.plain = [p for p in plain if p.text]
    return content


def _read_plumber(path: Path, opts: PdfSettings, password: str | None = None) -> SourceDoc:
    """Read ``path`` with pdfplumber alone."""
    pdf = _open_plumber(path, password)
    with pdf:
        try:
            n_pages = len(pdf.pages)
        except Exception as exc:
            raise _classify_open_error(path, exc, password) from exc
        if n_pages == 0:
            raise EmptyDocument("the PDF has no pages")
        return _read_pages(list(pdf.pages), opts)


def _open_plumber(path: Path, password: str | None = None) -> pdfplumber.PDF:
    try:
        return pdfplumber.open(path, password=password or "")
    except Exception as exc:  # pdfminer raises many types; classify by what they say
        raise _classify_open_error(path, exc, password) from exc


def _slow_note(slow: dict[int, str]) -> list[str]:
    """A report note naming the pages read with pdfplumber, and why."""
    if not slow:
        return []
    why: dict[str, list[int]] = {}
    for i, reason in slow.items():
        why.setdefault(reason, []).append(i + 1)
    parts = [f"{_page_list(pages)}: {reason}" for reason, pages in why.items()]
    return ["read with pdfplumber, not PDFium: " + "; ".join(parts)]


def _page_list(pages: list[int]) -> str:
    """``page 3`` or ``pages 1-4, 7``."""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    spans = [f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    return ("page " if len(pages) == 1 else "pages ") + ", ".join(spans)


def _read_pages(
    pages: Sequence[PageLike | Skim],
    opts: PdfSettings,
    notes: list[str] | None = None,
    ready: dict[int, _PageContent] | None = None,
) -> SourceDoc:
    """The document from its pages, read in full or as skimmed; ``ready``: pages (by index) whose content is
    already read."""
    n_pages = len(pages)
    contents: list[_PageContent] = []
    images = 0
    for i, page in enumerate(pages):
        try:
            if isinstance(page, Skim):
                contents.append(skim_to_content(page, opts))
                continue
            contents.append((ready or {}).get(i) or read_page(page, opts))
            images += page.n_images if isinstance(page, PdfiumPage) else len(page.images)
        except Exception as exc:
            raise CorruptDocument(f"page {page.page_number} could not be read: {exc}") from exc
    if not any(p.n_chars for p in contents):
        if images:
            raise ImageOnlyDocument(f"no text layer on any of its {n_pages} page(s), only images")
        raise EmptyDocument(f"no text on any of its {n_pages} page(s)")
    drop_running_lines(contents, opts)
    blocks: list[Block] = []
    for content in contents:
        blocks.extend(content.blocks(opts))
    notes = list(notes or [])
    notes.extend(f"page {c.number}: tables not looked for, {c.declined}; read as text" for c in contents if c.declined)
    readers = tuple(
        "text" if isinstance(p, Skim) else "pdfium" if isinstance(p, PdfiumPage) else "pdfplumber" for p in pages
    )
    texts = [i + 1 for i, r in enumerate(readers) if r == "text"]
    if texts:
        notes.append(f"read as plain text, nothing on them suggesting a plan: {_page_list(texts)}")
    return SourceDoc(blocks=blocks, reader="pdf", pages=n_pages, notes=notes, page_readers=readers)


def _classify_open_error(path: Path, exc: BaseException, password: str | None = None) -> Exception:
    chain = []
    cur: BaseException | None = exc
    while cur is not None:
        chain.append(f"{type(cur).__name__}: {cur}")
        cur = cur.__cause__ or cur.__context__
    said = " | ".join(chain).lower()
    if "password" in said or "encrypt" in said:
        if password:
            return EncryptedDocument("the PDF is encrypted and the password given (--password) does not open it")
        return EncryptedDocument("the PDF is encrypted and needs a password to open: give it with --password")
    return CorruptDocument(f"not a readable PDF ({chain[-1]})")


@dataclass
class _PageContent:
    number: int
    height: float
    tables: list[tuple[BBox, Table]]
    lines: list[Line]
    body_size: float
    n_chars: int
    declined: str | None = None
    """Why the page's table geometry was not looked for, if it was not."""
    plain: list[Paragraph] = field(default_factory=list)
    """A page read as plain text (:func:`skim_to_content`): its text between the margins, a paragraph a line."""
    panels: list[BBox] = field(default_factory=list)
    """Shaded boxes of two lines' height or more outside tables (:func:`panels_of`): the text in one is one run."""

    def blocks(self, opts: PdfSettings) -> list[Block]:
        """The page's tables and paragraphs in reading order: by height, and where its text is set in two
        columns (:mod:`extractors.readers.textcolumns`), down the left column before the right."""
        columns, paragraphs = self._paragraphs(opts)
        items: list[tuple[tuple[float, int, float], Block]] = [((b[1], 0, b[1]), t) for b, t in self.tables]
        where: dict[int, BBox] = {}  # paragraph -> the panel it is in; a panel's words stand where its box begins
        taken: dict[int, float] = {}  # table -> the bottom of the last paragraph read before it, beside it
        for para in paragraphs:
            panel = _panel_of(para.lines[0], self.panels)
            if panel is not None:
                where[id(para)] = panel
            top = panel[1] if panel is not None else para.lines[0].top
            side = columns.side(para.lines[0]) if columns is not None else None
            beside = _table_beside(para, [b for b, _ in self.tables], taken) if panel is None else None
            if columns is not None and side is not None:
                items.append(((columns.top, side, top), para))
            elif beside is not None:  # text to the left of a table, over its height, is read before it
                items.append(((beside, -1, top), para))
            else:
                items.append(((top, 0, top), para))
        margin = self.height * opts.margin
        items.extend(((margin, 0, margin), para) for para in self.plain)  # between the two margins
        items.sort(key=lambda item: item[0])
        return _panels_together([block for _, block in items], where)

    def _paragraphs(self, opts: PdfSettings) -> tuple[Columns | None, list[Paragraph]]:
        """The page's paragraphs, and the stretch of it set in two columns if there is one (none where a table
        stands in it, or reaches into it)."""
        columns = find_columns(self.lines)
        if columns is not None and any(bbox[1] <= columns.bottom and bbox[3] >= columns.top for bbox, _ in self.tables):
            columns = None
        return columns, lines_to_paragraphs(self.lines, opts, self.panels, columns)


def _table_beside(para: Paragraph, tables: Sequence[BBox], taken: dict[int, float]) -> float | None:
    """The top of a table that ``para`` stands to the left of, over the table's height, from beside its top
    (a recommendation's card beside its actions' table: read left to right, the card first), else ``None``.

    The card's first paragraph begins beside the table's first rows (within :data:`BESIDE_TOP` line heights
    of its top), and each paragraph after it carries on the one above (``taken``: table -> the bottom of the
    last paragraph read before it); text beside only the lower part of a tall table is read by height."""
    first, last = para.lines[0], para.lines[-1]
    if first.bbox is None or last.bbox is None:
        return None
    right = max(ln.bbox[2] for ln in para.lines if ln.bbox)
    height = first.bbox[3] - first.bbox[1]
    for k, box in enumerate(tables):
        if right > box[0] or first.bbox[1] < box[1] - height or last.bbox[3] > box[3] + height:
            continue
        near_top = first.bbox[1] <= box[1] + BESIDE_TOP * height
        follows = k in taken and first.bbox[1] - taken[k] <= BESIDE_TOP * height
        if near_top or follows:
            taken[k] = last.bbox[3]
            return box[1]
    return None


BESIDE_TOP = 3.0
"""In its first line's heights, how far below a table's top (or below the paragraph before it, beside the same
table) a paragraph beside a table may begin."""


def _panels_together(blocks: list[Block], where: dict[int, BBox]) -> list[Block]:
    """Blocks by height, the paragraphs in one shaded panel (``where``: paragraph to panel) read together where
    its first one stands (a recommendation's box, its heading and its words, beside the actions level with
    them)."""
    if not where:
        return blocks
    inside: dict[int, list[Block]] = {}
    for block in blocks:
        if id(block) in where:
            inside.setdefault(id(where[id(block)]), []).append(block)
    out: list[Block] = []
    for block in blocks:
        panel = where.get(id(block))
        if panel is None:
            out.append(block)
        elif id(panel) in inside:
            out.extend(inside.pop(id(panel)))
    return out


def read_page(page: PageLike, opts: PdfSettings, geometry: bool = True) -> _PageContent:
    """One page's tables and lines; with ``geometry`` false its text only (the pre-scan found no table there)."""
    rules = rules_of(page)
    words = page_to_words(page, rules)
    index = WordIndex(words)
    declined = None
    try:
        grids = find_grids(page, words, opts, index, rules) if geometry else []
    except Declined as exc:
        grids, declined = [], str(exc)
    fills = page_fills(page)
    tables = [
        (bbox, grid_to_table(page.page_number, rows, index, opts, kind, fills, rules)) for bbox, rows, kind in grids
    ]
    outside = [w for w in words if not any(_inside(w, bbox) for bbox, _, _ in grids)]
    sizes = [w["size"] for w in words]
    body = statistics.median(sizes) if sizes else 0.0
    panels = panels_of([box for box, _ in fills], body)
    lines = words_to_lines(outside, page.page_number, opts, split_gaps=True, rules=rules, boxes=panels)
    content = _PageContent(page.page_number, float(page.height), tables, lines, body, len(page.chars))
    content.declined = declined
    content.panels = panels
    return content


def page_to_words(page: PageLike, rules: Rules | None = None) -> list[Word]:
    """The page's words by pdfplumber's rules (``extract_words``), none built across a vertical rule.

    ``rules`` are the page's (``rules_of``, which gives them where ``None``).  Both engines end a word at a
    rule by one test (:mod:`extractors.readers.rules`): a spreadsheet exported to PDF sets its cells' text
    within pdfplumber's word tolerance of each other across their rule.
    """
    rules = rules_of(page) if rules is None else rules
    if isinstance(page, PdfiumPage):
        words = page.words(rules)
    else:
        extractor = RuledWordExtractor(rules, extra_attrs=["size", "fontname"], keep_blank_chars=False)
        words = extractor.extract_words(page.chars)
    return [w for w in words if w["text"].strip()]


def rules_of(page: PageLike) -> Rules:
    """The page's vertical rules: its vertical lines and its rectangles' sides.

    None on a PDFium page that has no paths, or whose graphics are not read (``PageScan.declined``: a drawing of
    tens of thousands of segments); reading them would cost more than the page's text.
    """
    if isinstance(page, PdfiumPage) and (not page.n_segments or page.scan.declined):
        return Rules()
    return page_rules(page.lines, page.rects)


def find_grids(
    page: PageLike, words: list[Word], opts: PdfSettings, index: WordIndex | None = None, rules: Rules | None = None
) -> list[Grid]:
    """Tables on the page as ``(bbox, rows of cell bboxes, kind)``.

    Ruled tables come from pdfplumber's line strategy, every rule and every
    rectangle's side an edge (kind ``ruled``).  Where the page shades areas
    in colour, the edges a reader sees (colour changes and rules, see
    :mod:`extractors.readers.painted`) make a second grid (kind
    ``painted``); it replaces the first where it fits the text better
    (:mod:`extractors.readers.fit`: fewer words, lines and paragraphs cut,
    no fewer words held, fewer cells).  That is the case of a shaded table
    whose cells are tiled by several rectangles of one colour and kept apart
    by white gutters (West Sussex, 2016), where the rectangle edges cut
    every cell into strips.  Where a page has no grid, borderless tables are
    looked for, by the alignment of their columns (several to a page, each
    under its own heading: :mod:`extractors.readers.borderless`).

    Raises :class:`Declined` for a page whose rules are too many to be a
    plan's (see :data:`MAX_CROSSINGS`).
    """
    index = index if index is not None else WordIndex(words)
    ruled = True
    if isinstance(page, PdfiumPage):  # the pre-scan's counts: too few segments for a grid, or far too many
        scan = page.scan
        if scan.declined:
            raise Declined(scan.declined)
        ruled = scan.ruled
    grids = _grids(page, index, _closing_settings(page, opts), "ruled") if ruled else []
    # None where painting adds nothing, and on pathological pages (thousands of rectangles, a chart or a
    # vectorised scan), which keep the line strategy's grids without the cost of painting them
    edges = painted_edges(page, opts.table_settings.get("snap_tolerance", 3)) if ruled else None
    if edges is not None:
        settings = painted_settings(edges, _closing_settings(page, opts, edges))
        painted = _grids(page, index, settings, "painted") if settings is not None else []
        if painted and _cells(painted) != _cells(grids):
            fits = [grid_fit(g, words, opts.line_tolerance, opts.para_gap) for g in (painted, grids)]
            if fits[0].held >= fits[1].held and fits[0].key() < fits[1].key():
                grids = painted
    if not grids:
        found = find_borderless(words, float(page.width), float(page.height))
        lines = words_to_lines(words, page.page_number, opts, split_gaps=True, rules=rules) if found else []
        columns = find_columns(lines) if lines else None
        grids = [(bbox, rows, "borderless") for bbox, rows in found if not _in_columns(bbox, columns)]
    return grids


def _set_off(line: Line, lines: Sequence[Line], footer: bool) -> bool:
    """Whether white of more than two of its line heights parts ``line`` from the page's text on the side of
    the body (above a footer, below a header), as a page's furniture stands apart from what it frames."""
    if line.bbox is None:
        return False
    height = line.bbox[3] - line.bbox[1]
    if footer:
        gaps = [line.bbox[1] - o.bbox[3] for o in lines if o is not line and o.bbox and o.bbox[3] <= line.bbox[1]]
    else:
        gaps = [o.bbox[1] - line.bbox[3] for o in lines if o is not line and o.bbox and o.bbox[1] >= line.bbox[3]]
    return not gaps or min(gaps) > 2 * height


_YEAR = re.compile(r"(?:19|20)\d\d")
"""A number that reads as a year: a page number only where it moves with the page."""


def _in_columns(bbox: BBox, columns: Columns | None) -> bool:
    """Whether what looks like a borderless table lies in a stretch of the page whose text is set in columns
    (a newsletter's three, :func:`~extractors.readers.textcolumns.find_columns`: lines as wide as running
    text on every side, and white between paragraphs that does not run across the other columns, as a
    table's white between rows does): it is the columns' text, side by side, not a table's rows."""
    return columns is not None and columns.top <= bbox[1] + _SLACK and bbox[3] <= columns.bottom + _LAST_LINE


_SLACK = 2.0
"""Points by which a borderless table's box may start above the stretch of columns it lies in."""

_LAST_LINE = 24.0
"""Points a borderless table's box may reach below its stretch's last line top (that line's own height)."""


def _grids(page: PageLike, index: WordIndex, settings: dict[str, Any], kind: str) -> list[Grid]:
    """pdfplumber's tables under ``settings`` that have two columns or more and some text."""
    grids: list[Grid] = []
    for table in find_tables(page, settings):
        rows = [list(row.cells) for row in table.rows]
        ncols = max((len(r) for r in rows), default=0)
        if ncols < 2 or not any(any(index.within(c) for c in r if c) for r in rows):
            continue
        grids.append((tuple(table.bbox), rows, kind))  # type: ignore[arg-type]
    return grids


MAX_CROSSINGS = 5000
"""Rule crossings on one page beyond which its table geometry is declined.  pdfplumber finds cells in time
quadratic in the crossings: a ruled 200 x 100 grid (20,301 crossings) took over two minutes.  A plan's page
has a few hundred at most (the corpus and the test renderings: 295)."""


class Declined(Exception):
    """A page whose table geometry is not looked for; the message says why."""


def find_tables(page: PageLike, settings: dict[str, Any]) -> list[PlumberTable]:
    """pdfplumber's ``page.find_tables(settings)``, the same tables, with a faster cell search.

    Raises :class:`Declined` where the page's rules cross more than
    :data:`MAX_CROSSINGS` times.
    """
    tset = TableSettings.resolve(settings)
    finder = TableFinder.__new__(TableFinder)  # its edges, without the search its constructor runs
    finder.page, finder.settings = page, tset  # type: ignore[assignment]
    edges = finder.get_edges()
    v = sum(1 for e in edges if e["orientation"] == "v")
    if v * (len(edges) - v) > 400 * MAX_CROSSINGS:
        raise Declined(f"{v:,} vertical and {len(edges) - v:,} horizontal rules")
    crossings = edges_to_intersections(edges, tset.intersection_x_tolerance, tset.intersection_y_tolerance)
    if len(crossings) > MAX_CROSSINGS:
        raise Declined(f"{len(crossings):,} rule crossings (no plan page has more than {MAX_CROSSINGS:,})")
    return [PlumberTable(page, group) for group in cells_to_tables(crossings_to_cells(crossings))]  # type: ignore[arg-type]


def crossings_to_cells(crossings: dict[tuple[float, float], dict[str, list[dict[str, Any]]]]) -> list[BBox]:
    """pdfplumber's ``intersections_to_cells``, cell for cell, without its scan of all later points per point.

    For each crossing in order, the cell is the smallest with that top-left
    corner whose four sides are edges: the crossings below it on its column,
    then to its right on its row, are looked up rather than searched for.
    """
    sides = {pt: ({obj_to_bbox(e) for e in d["v"]}, {obj_to_bbox(e) for e in d["h"]}) for pt, d in crossings.items()}
    points = sorted(crossings)
    column: dict[float, list[tuple[float, float]]] = {}
    row: dict[float, list[tuple[float, float]]] = {}
    for pt in points:
        column.setdefault(pt[0], []).append(pt)
        row.setdefault(pt[1], []).append(pt)
    at_column = {pt: k for pts in column.values() for k, pt in enumerate(pts)}
    at_row = {pt: k for pts in row.values() for k, pt in enumerate(pts)}

    def connects(p1: tuple[float, float], p2: tuple[float, float]) -> bool:
        return bool(
            (p1[0] == p2[0] and sides[p1][0] & sides[p2][0]) or (p1[1] == p2[1] and sides[p1][1] & sides[p2][1])
        )

    cells: list[BBox] = []
    for pt in points:
        below = column[pt[0]][at_column[pt] + 1 :]
        right = row[pt[1]][at_row[pt] + 1 :]
        cell = None
        for below_pt in below:
            if not connects(pt, below_pt):
                continue
            for right_pt in right:
                if not connects(pt, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in sides and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (pt[0], pt[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


def _cells(grids: list[Grid]) -> list[list[list[tuple[int, ...] | None]]]:
    """The grids' cells to the point, for telling two ways of finding them apart."""
    return [[[tuple(round(v) for v in c) if c else None for c in row] for row in rows] for _, rows, _ in grids]


def _closing_settings(page: PageLike, opts: PdfSettings, edges: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Table settings that also close grids a page break left open.

    A row cut by a page break often has no rule under it (or above it, on the
    next page), so its cells never close and its text would fall out of the
    table.  Where vertical edges (the page's own, or ``edges``) end with no
    horizontal edge there, a horizontal line is added.
    """
    tol = opts.table_settings.get("snap_tolerance", 3)
    if edges is None:
        edges = page.edges
        found = [e for e in edges if e["orientation"] == "h"]
    else:
        # a painted rule ends in a colour change as short as the rule is wide: that closes nothing
        found = [e for e in edges if e["orientation"] == "h" and e["width"] > tol]
    found.sort(key=lambda e: e["top"])
    rules = [e["top"] for e in found]

    def ruled(y: float, x: float) -> bool:
        """Whether a horizontal edge at ``y`` reaches ``x``: a rule across the table, or a shaded cell's side
        under its own column only (a rating's fill in the first column closes no other column's cell)."""
        k = bisect_left(rules, y - tol - 1e-6)
        near = found[k : bisect_right(rules, y + tol + 1e-6)]
        return any(e["x0"] - tol <= x <= e["x1"] + tol for e in near)

    ends = sorted(
        {
            round(e[k], 1)
            for e in edges
            if e["orientation"] == "v" and 6 < e["height"] < page.height - 1
            for k in ("top", "bottom")
            if not ruled(e[k], e["x0"])
        }
    )
    if not ends:
        return opts.table_settings
    settings = dict(opts.table_settings)
    settings["explicit_horizontal_lines"] = [*settings.get("explicit_horizontal_lines", []), *ends]
    return settings


def _center(word: Word) -> tuple[float, float]:
    return (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2


def _inside(word: Word, bbox: BBox) -> bool:
    x, y = _center(word)
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


class WordIndex:
    """A page's words by the height of their centres, to find the words in a box without looking at them all."""

    def __init__(self, words: Sequence[Word]) -> None:
        self.words = words
        centres = [_center(w) for w in words]
        self._order = sorted(range(len(words)), key=lambda i: centres[i][1])
        self._ys = [centres[i][1] for i in self._order]
        self._xs = [c[0] for c in centres]

    def within(self, bbox: BBox) -> list[Word]:
        """The words whose centre is in ``bbox``, in the page's order (as ``_inside`` tells)."""
        lo, hi = bisect_left(self._ys, bbox[1]), bisect_right(self._ys, bbox[3])
        found = sorted(i for i in self._order[lo:hi] if bbox[0] <= self._xs[i] <= bbox[2])
        return [self.words[i] for i in found]


RGB = tuple[float, float, float]


def _rgb(colour: Any) -> RGB | None:
    """A PDF fill colour (grey, RGB or CMYK, as pdfplumber gives it) as RGB in 0-1."""
    if isinstance(colour, int | float):
        colour = (colour,)
    if not isinstance(colour, tuple | list) or not all(isinstance(v, int | float) for v in colour):
        return None
    if len(colour) == 1:
        return (float(colour[0]),) * 3
    if len(colour) == 3:
        return (float(colour[0]), float(colour[1]), float(colour[2]))
    if len(colour) == 4:
        c, m, y, k = (float(v) for v in colour)
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


def page_fills(page: PageLike) -> list[tuple[BBox, RGB]]:
    """The page's filled rectangles that are not white, in the order they are painted."""
    out: list[tuple[BBox, RGB]] = []
    for rect in page.rects:
        if not rect.get("fill"):
            continue
        rgb = _rgb(rect.get("non_stroking_color"))
        if rgb is None or min(rgb) > 0.97:
            continue
        out.append(((rect["x0"], rect["top"], rect["x1"], rect["bottom"]), rgb))
    return out


def _fill_at(fills: list[tuple[BBox, RGB]], bbox: BBox) -> RGB | None:
    """The colour painted last under a cell's centre (its shading, or a RAG rating shown as a colour)."""
    x, y = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    for box, rgb in reversed(fills):
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]:
            return rgb
    return None


def grid_to_table(
    page_no: int,
    rows: list[list[BBox | None]],
    index: WordIndex,
    opts: PdfSettings,
    kind: str,
    fills: list[tuple[BBox, RGB]] | None = None,
    rules: Rules | None = None,
) -> Table:
    """Cells of a grid as lines and paragraphs, each with the colour it is shaded in.

    Each line records its box's right edge (the cell's, less the cell's left
    padding) and how far the lines of its column reach, for the clean-up's
    line-break rules.
    """
    cell_lines: dict[tuple[int, int], list[Line]] = {}
    reach: dict[int, float] = {}
    for r, cells in enumerate(rows):
        for c, bbox in enumerate(cells):
            if bbox is None:
                continue
            inside = index.within(bbox)
            pad = min((w["x0"] for w in inside), default=bbox[0] + 2) - bbox[0]
            lines = words_to_lines(inside, page_no, opts, box_x1=bbox[2] - max(pad, 1.0), rules=rules)
            cell_lines[(r, c)] = lines
            spans = (
                c + 1 < len(cells)
                and cells[c + 1] is None
                and any(row[c + 1] is not None for row in rows if c + 1 < len(row))
            )
            if lines and not spans:
                reach[c] = max(reach.get(c, 0.0), max(ln.x1 or 0 for ln in lines))
    leading = _usual_gap(cell_lines.values())
    out: list[Row] = []
    for r, cells in enumerate(rows):
        row_cells: list[Cell | None] = []
        tops = [b[1] for b in cells if b is not None]
        for c, bbox in enumerate(cells):
            if bbox is None:
                row_cells.append(_spanning(out, c, min(tops) if tops else None))
                continue
            lines = [replace(ln, seen_x1=reach.get(c)) for ln in cell_lines[(r, c)]]
            fill = _fill_at(fills, bbox) if fills else None
            paras = lines_to_paras(lines, opts, leading)
            row_cells.append(Cell(paras=paras, bbox=bbox, page=page_no, fill=fill))
        out.append(Row(cells=row_cells, page=page_no))
    return Table(rows=out, kind=kind)


def _spanning(rows: list[Row], col: int, top: float | None) -> Cell | None:
    """The cell above that spans down into a row (merged vertically), else ``None`` (merged across)."""
    if top is None:
        return None
    for row in reversed(rows):
        cell = row.cells[col] if col < len(row.cells) else None
        if cell is not None:
            return cell if cell.bbox is not None and cell.bbox[3] > top + 1 else None
    return None


def words_to_lines(
    words: Sequence[Word],
    page_no: int,
    opts: PdfSettings,
    box_x1: float | None = None,
    split_gaps: bool = False,
    rules: Rules | None = None,
    boxes: Sequence[BBox] = (),
) -> list[Line]:
    """Group words into visual lines (by top), left to right.

    With ``split_gaps``, a wide horizontal gap ends the line and starts a new
    one at the same height (text outside tables that sits in columns; not after a label's colon, a form's
    value at a tab stop), and so
    does one of ``rules`` between two words (columns ruled apart, their text
    a point from the rule), and the side of one of the shaded ``boxes`` in the
    gap between a word inside it and one outside (a logo's box beside a title
    block; ``boxes`` are panels, :func:`panels_of`, not a highlighted word); a bullet hanging left of its
    text is never cut off from it.
    """
    lines: list[Line] = []
    for group in word_lines(words, opts.line_tolerance):
        segment: list[Word] = []
        middle = (group[0]["top"] + group[0]["bottom"]) / 2
        level = [b for b in boxes if b[1] <= middle <= b[3]] if split_gaps else []  # once a line, not a pair
        for word in group:
            hanging = len(segment) == 1 and _BULLET_GLYPH.match(segment[0]["text"]) is not None
            if (
                segment
                and split_gaps
                and not hanging
                and (
                    (word["x0"] - segment[-1]["x1"] > opts.segment_gap * word["size"] and not _labels(segment))
                    or _ruled_apart(segment[-1], word, rules)
                    or _boxed_apart(segment[-1], word, level)
                )
            ):
                lines.append(_make_line(segment, page_no, box_x1, rules))
                segment = []
            segment.append(word)
        if segment:
            lines.append(_make_line(segment, page_no, box_x1, rules))
    return lines


def _labels(segment: list[Word]) -> bool:
    """Whether a line's words so far are a label and its colon ("Lead officer:"), which a form sets its value
    beside at a tab stop: the value is the same line's, however wide the gap."""
    return segment[-1]["text"].endswith(":") and len(segment) <= _LABEL_WORDS


_LABEL_WORDS = 4
"""The most words a label before a tab stop has."""


def _boxed_apart(prev: Word, word: Word, boxes: Sequence[BBox]) -> bool:
    """Whether one of ``boxes`` (panels level with the line) holds one of two neighbouring words and not the
    other, its side in the gap between them (not inside a word, as a Word cell's shading strips are)."""
    for x0, _top, x1, _bottom in boxes:
        held = [x0 <= (w["x0"] + w["x1"]) / 2 <= x1 for w in (prev, word)]
        if held[0] != held[1] and any(prev["x1"] - 0.5 <= x <= word["x0"] + 0.5 for x in (x0, x1)):
            return True
    return False


def _ruled_apart(prev: Word, word: Word, rules: Rules | None) -> bool:
    """Whether one of ``rules`` stands between two words of a line (as between two characters)."""
    return rules is not None and bool(rules) and rules.between(prev["x0"], word["x0"], word["top"], word["bottom"])


_BULLET_GLYPH = re.compile(r"^[•▪◦●■○·‣➢➤►✓✔\-–*]$")


def _join_words(words: list[Word], rules: Rules | None = None) -> str:
    """A line's words with spaces between them, except where two touch.

    pdfplumber cuts a word where its font or size changes, so a superscript
    ("1st", "ASQ-3™") or a quote mark in another font comes as a word of its
    own; set against its neighbour with no gap, it is part of it.  Two words
    with one of ``rules`` between them are never one, however close.
    """
    out = words[0]["text"] if words else ""
    for prev, word in pairwise(words):
        touching = word["x0"] - prev["x1"] < 0.15 * min(word["size"], prev["size"])
        out += word["text"] if touching and not _ruled_apart(prev, word, rules) else f" {word['text']}"
    return out


def _make_line(words: list[Word], page_no: int, box_x1: float | None, rules: Rules | None = None) -> Line:
    bbox = (
        min(w["x0"] for w in words),
        min(w["top"] for w in words),
        max(w["x1"] for w in words),
        max(w["bottom"] for w in words),
    )
    sizes = [w["size"] for w in words]
    bold = sum("bold" in w["fontname"].lower() for w in words) > len(words) / 2
    return Line(
        text=_join_words(words, rules),
        page=page_no,
        bbox=(round(bbox[0], 2), round(bbox[1], 2), round(bbox[2], 2), round(bbox[3], 2)),
        x0=bbox[0],
        x1=bbox[2],
        box_x1=box_x1,
        size=round(statistics.median(sizes), 2),
        bold=bold,
    )


def lines_to_paras(lines: list[Line], opts: PdfSettings, leading: float | None = None) -> list[list[Line]]:
    """Split a cell's lines into paragraphs at vertical gaps wider than ``para_gap`` font sizes, or, where
    the table's usual gap between a cell's lines is known (``leading``), wider than it by ``PARA_SPACE``
    font sizes: a word processor's space after a paragraph, less than a blank line."""
    paras: list[list[Line]] = []
    for line in lines:
        if paras:
            prev = paras[-1][-1]
            assert prev.bbox and line.bbox
            gap = line.bbox[1] - prev.bbox[3]
            size = line.size or 10
            limit = opts.para_gap * size if leading is None else min(opts.para_gap * size, leading + PARA_SPACE * size)
            if gap <= limit:
                paras[-1].append(line)
                continue
        paras.append([line])
    return paras


PARA_SPACE = 0.25
"""In font sizes, how much more than a table's usual gap between lines a gap must be to part two paragraphs
of a cell (a paragraph's space after: 3 points under 9-point type)."""

_LEADING_GAPS = 6
"""Gaps between lines a table's cells must show for their usual gap to be judged."""


def _usual_gap(cells: Iterable[list[Line]]) -> float | None:
    """The gap most lines of a table's cells leave between them (the median of every gap between two lines of
    one cell), where enough lines show it."""
    gaps = sorted(
        b.bbox[1] - a.bbox[3]
        for lines in cells
        for a, b in pairwise(lines)
        if a.bbox and b.bbox and b.bbox[1] > a.bbox[3] - 1
    )
    return gaps[len(gaps) // 2] if len(gaps) >= _LEADING_GAPS else None


def lines_to_paragraphs(
    lines: list[Line], opts: PdfSettings, panels: Sequence[BBox] = (), columns: Columns | None = None
) -> list[Paragraph]:
    """Group text outside tables into paragraphs: same size, small gap, overlapping columns.

    A line carries on the paragraph right before it in reading order; on a page with shaded panels
    (``panels``) or text in two ``columns``, the latest paragraph of its own region (inside the same panel or
    outside every panel; in the same column), over lines of the other at the same heights (a logo's box
    beside the title block, a recommendation's box beside its actions, the other column)."""
    out: list[list[Line]] = []
    region: dict[int, tuple[BBox | None, int | None]] = {}  # line -> its panel and column, found once a line
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0 or 0)):
        assert line.bbox
        own = region[id(line)] = (
            _panel_of(line, panels) if panels else None,
            columns.side(line) if columns is not None else None,
        )
        candidates = out[-1:]
        if panels or columns is not None:  # the latest paragraph of its own region (a column: however far back)
            window = out if columns is not None else out[-_OPEN_PARAGRAPHS:]
            candidates = [p for p in window if region[id(p[-1])] == own][-1:] or candidates
        for para in candidates:
            prev = para[-1]
            assert prev.bbox
            gap = line.bbox[1] - prev.bbox[3]
            same_style = prev.size == line.size and prev.bold == line.bold
            overlaps = line.bbox[0] < prev.bbox[2] and prev.bbox[0] < line.bbox[2]
            if 0 <= gap <= opts.para_gap * (line.size or 10) and same_style and overlaps:
                para.append(line)
                break
        else:
            out.append([line])
    # How far right the lines of each region reach (a column's, or the page's text outside tables): a line
    # whose next line's first word would not have fitted there ended because it was full.
    reach: dict[tuple[BBox | None, int | None], float] = {}
    for line in lines:
        key = region[id(line)]
        reach[key] = max(reach.get(key, 0.0), line.x1 or 0.0)
    return [Paragraph(lines=[replace(ln, seen_x1=reach[region[id(ln)]]) for ln in p]) for p in out]


_OPEN_PARAGRAPHS = 8
"""How many paragraphs back a line on a page with panels may carry on one of its own region."""

_PANEL_LINES = 2.0
"""How many body lines tall a shaded box must be to be a panel of text, not a highlighted word or a strip."""


def panels_of(fills: Sequence[BBox], body: float) -> list[BBox]:
    """The shaded boxes that can hold text of their own: at least :data:`_PANEL_LINES` body lines tall."""
    return [b for b in fills if b[3] - b[1] >= _PANEL_LINES * max(body, 1.0)]


def _panel_of(line: Line, panels: Sequence[BBox]) -> BBox | None:
    """The panel a line sits in (its middle inside the box), if any."""
    if not line.bbox:
        return None
    x, y = (line.bbox[0] + line.bbox[2]) / 2, (line.bbox[1] + line.bbox[3]) / 2
    return next((b for b in panels if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)


def drop_running_lines(pages: list[_PageContent], opts: PdfSettings) -> None:
    """Remove page numbers and running headers/footers from the text outside tables.

    A line goes when it sits in the top or bottom margin and is a page number
    ("Page 3", "3 of 10"; a year alone, "2025", only where it moves with the page), or when the same
    text sits at the same height on at least half the pages (and two or more), its numbers, if they differ, moving
    with the page (:mod:`extractors.readers.furniture`), or, set smaller than the body or set off from it by
    white, on consecutive pages (a part's own header, a plan's among a meeting's papers), and, in the top
    margin, is no larger than body
    text: a large repeated line at the top is a section title, kept (at the foot of the page, a footer in
    large type goes too).
    """

    def key(line: Line) -> tuple[str, int]:
        return digits_key(line.text), round(line.top / 6)

    def in_margin(line: Line, height: float) -> bool:
        return line.top < height * opts.margin or line.top > height * (1 - opts.margin)

    seen: dict[tuple[str, int], list[tuple[int | None, str]]] = {}
    for p in pages:
        for ln in {key(x): x for x in p.lines if in_margin(x, p.height)}.values():
            seen.setdefault(key(ln), []).append((p.number, ln.text))
    threshold = max(2, (len(pages) + 1) // 2)
    running = {k for k, occurrences in seen.items() if is_running(occurrences, threshold)}
    # a part's own header, on consecutive pages only, is set smaller than the body or set off from it by white:
    # a body line that happens to open two pages alike ("Lead: Head of Service") is no header
    parts = {k for k, occurrences in seen.items() if k not in running and runs_on(occurrences)}
    for page in pages:
        kept = []
        for line in page.lines:
            if in_margin(line, page.height):
                text = line.text.strip()
                if PAGE_NUMBER.match(text) and (not _YEAR.fullmatch(text) or key(line) in running):
                    continue  # a year alone ("2025", a date's year cut onto the next page) is no page number
                footer = line.top > page.height * (1 - opts.margin)
                if key(line) in running and (footer or (line.size or 0) <= page.body_size + 0.5):
                    continue
                if (
                    key(line) in parts
                    and (footer or (line.size or 0) <= page.body_size + 0.5)
                    and ((line.size or 0) < page.body_size - 0.5 or _set_off(line, page.lines, footer))
                ):
                    continue
            kept.append(line)
        page.lines = kept
