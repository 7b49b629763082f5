"""The table engine: tables stitched across pages, header rows, column roles, row groups, cells to fields.

``find_tables`` stitches the tables a reader found into logical tables (a
table that a page break cut carries on in the next block, its header row
repeated or not), finds each one's header row and gives its columns roles
from evidence (:mod:`extractors.columns`); ``doc_to_action_tables`` keeps
the ones that are action tables.  ``LogicalRow`` gathers the physical rows
that make one entry (a row that a page break cut in two, or the continuation
rows of a numbered objective).  The ``*_of`` helpers read a logical row's
cells into record fields: items, owners, timescales aligned to items,
measure, status, extra columns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise

from actionplans.extractors.cells import BULLET_CLASS, OPEN_END, Item, clean_item_text, sentence_closed, split_items
from actionplans.extractors.columns import (
    FIELD_ROLES,
    YEAR,
    Column,
    HeaderMap,
    assign_roles,
    column_content,
    header_scores,
    owner_share,
    period_marks,
    threshold,
)
from actionplans.extractors.headings import read_heading
from actionplans.extractors.labels import read_label
from actionplans.extractors.model import Cell, Line, Para, Paragraph, Row, SourceDoc, Table, breaks, join_lines
from actionplans.extractors.parts import part_title
from actionplans.normalise.owners import is_complete, split_owners, split_owners_guessed
from actionplans.normalise.text import Break, collapse
from actionplans.normalise.timescale import parse_timescale, split_sequence, wrapped_date
from actionplans.records import Action, BBox, Provenance


@dataclass
class ActionTable:
    """A logical table: its column roles and body rows, stitched across pages.

    ``header.accepted`` says whether it is an action table; a rejected table
    is kept so that the parse report can say what was seen and why it was
    not taken.
    """

    header: HeaderMap
    rows: list[Row]
    kind: str
    index: int
    """Index in ``doc.blocks`` of the table's first piece."""
    caption: list[Paragraph] = field(default_factory=list)
    """Rows above the header inside the grid (a title row), each as a paragraph of its cells' lines."""
    end: int = -1
    """Index in ``doc.blocks`` of the table's last piece."""
    header_rows: int = 0
    """How many rows the header took (0: the table has no header row)."""
    plan_year: str | None = None
    """The one year the document's opening lines name ("Council Plan 2025/26"), for ticked periods whose
    headers name none (``HeaderMap.periods``); ``None`` where they name none, or several."""


def normalise_header(text: str) -> str:
    """A header cell as compared across pages: lower case, punctuation and extra spaces dropped."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^\w#' ]+", " ", text)
    return collapse(text.replace("'", ""))


def _row_key(row: Row) -> str:
    return "|".join(normalise_header(row.text(i)) for i in range(len(row.cells)))


def _header_like(row: Row) -> bool:
    """Whether a row can be a header: two or more short cells (a one-column table: one), none a sentence."""
    filled = row.filled
    if not filled or (len(filled) < 2 and len(row.cells) > 1) or row.spans_all:
        return False
    for i in filled:
        text = row.text(i).strip()
        if len(text.split()) > 12 or (text.endswith(".") and len(text.split()) > 3) or _LIST_OPENER.match(text):
            return False
    return True


_LIST_OPENER = re.compile(rf"^\s*(?:[{BULLET_CLASS}]|\(?[a-z]\)|\d{{1,2}}[.)])\s")


def _header_strength(texts: Sequence[str]) -> float:
    """How much a row reads as a header by its words: the mean of each filled cell's best role word."""
    filled = [t for t in texts if t.strip()]
    if not filled:
        return 0.0
    return sum(max(header_scores(t).values(), default=0.0) for t in filled) / len(filled)


def _merge_tails(table: Table, start: int) -> tuple[list[str], int]:
    """The header's texts from row ``start``, with the rows a converter broke it onto ("What do we want to" /
    "achieve?"), and how many rows it takes."""
    row = table.rows[start]
    texts = [row.text(i) for i in range(len(row.cells))]
    n = 1
    while start + n < len(table.rows):
        nxt = table.rows[start + n]
        filled = nxt.filled
        if not filled or nxt.spans_all or not all(_header_tail(nxt.text(i), texts[i]) for i in filled):
            break  # a row spanning the table under the header is a theme ("OVERALL"), not the header's tail
        merged = [collapse(f"{texts[i]} {nxt.text(i)}") for i in range(len(texts))]
        if _header_strength(merged) < _header_strength(texts):
            break
        texts, n = merged, n + 1
    return texts, n


def _grouped_header(table: Table, start: int) -> list[str] | None:
    """A header over two rows (row ``start`` and the next): a cell of the first spanning several columns
    ("Lead" over "Officer | Member", "Progress" over "Q1 | Q2 | Q3 | Q4"), the other cells merged down or
    left empty.  Each column's header is then its group's words and its own ("Lead Officer"); ``None`` when
    the rows are not such a header."""
    if start + 1 >= len(table.rows):
        return None
    top, sub = table.rows[start], table.rows[start + 1]
    n = max(len(top.cells), len(sub.cells))
    groups = [i for i in range(len(top.cells) - 1) if top.cells[i] is not None and top.cells[i + 1] is None]
    if not groups or not sub.filled or sub.spans_all:
        return None
    # A column outside the groups may carry a sub-header of its own too ("Responsible" over "Officer") when
    # the second row is all column names: a few words each, no number.  A number, or more words, there are a
    # first body row's.
    sub_header = _header_like(sub) and not any(
        re.search(r"\d", sub.text(i)) or len(sub.text(i).split()) > 3 for i in sub.filled
    )
    texts: list[str] = []
    owner: Cell | None = None
    spanned = False
    for i in range(n):
        cell = top.cells[i] if i < len(top.cells) else None
        spanned = cell is None and owner is not None  # under the group cell to the left
        if cell is not None:
            owner = cell
        below = sub.cells[i] if i < len(sub.cells) else None
        own = "" if below is None or below is owner else below.text
        if own and not spanned and i not in groups and not sub_header:
            return None  # a column outside every group with words of its own below: a first body row
        if len(own.split()) > 6:
            return None
        texts.append(collapse(f"{owner.text if owner is not None else ''} {own}"))
    return texts


CLEAR_HEADER = 0.6
"""The header strength (:func:`_header_strength`) of a row that is plainly a header: its words are column
names ("No.", "Recommendation", "Overall RAG"), whatever the rows under it hold."""


def find_header(table: Table, body: Sequence[Row] = ()) -> tuple[HeaderMap, int, int]:
    """``(roles, first header row, number of header rows)`` of a table.

    Each of the first rows that can be a header is tried (rows above it are a
    caption, such as a title row), and so is reading the table with no header
    at all; the reading kept is an accepted action table first, then the one
    whose header words and column evidence score highest.  ``body`` adds the
    rows of the table's continuations, so content evidence sees the whole table.
    """
    ncols = table.ncols
    options: list[tuple[tuple[int, float], HeaderMap, int, int]] = []
    headed = False
    for start in range(min(4, len(table.rows))):
        if not _header_like(table.rows[start]):
            continue
        readings = [_merge_tails(table, start)]
        grouped = _grouped_header(table, start)
        if grouped is not None:
            readings.append((grouped, 2))
        top_strength = _header_strength(readings[0][0])
        for texts, n in readings:
            roles = assign_roles(texts + [""] * (ncols - len(texts)), [*table.rows[start + n :], *body])
            # a grouped header is as plainly a header as its top row ("Q1" under "Milestone" is no weaker a name)
            strength = (
                max(_header_strength(texts), top_strength)
                if n == 2 and grouped is not None
                else _header_strength(texts)
            )
            headed = headed or strength >= CLEAR_HEADER
            total = sum(c.score for c in roles.columns if c.role)
            options.append(((int(roles.accepted), total + 2 * strength - 0.5 * start), roles, start, n))
    if not headed:  # a table with a clear header row is read with it, never with its header taken for data
        bare = assign_roles([""] * ncols, [*table.rows, *body])
        options.append(((int(bare.accepted), sum(c.score for c in bare.columns if c.role) - 0.5), bare, 0, 0))
    if not options:
        return assign_roles([""] * ncols, [*table.rows, *body]), 0, 0
    best = max(options, key=lambda o: o[0])
    return best[1], best[2], best[3]


def _header_tail(text: str, above: str) -> bool:
    """Whether a cell carries on the header cell ``above``: a few words, in lower case or closing a question
    ("achieve?"), or one word under a header left open ("What do we want to" / "Achieve")."""
    words = text.split()
    opened = bool(OPEN_END.search(above.strip())) or not above.strip()
    return (
        0 < len(words) <= 3
        and not re.search(r"\d", text)
        and (text[:1].islower() or text.endswith("?") or (len(words) == 1 and opened))
    )


def _columns(table: Table) -> list[float] | None:
    for row in table.rows:
        if all(c is not None and c.bbox for c in row.cells):
            return [c.bbox[0] for c in row.cells if c and c.bbox]
    return None


def _continues(first: Table, header_key: str | None, table: Table, between: list[Paragraph], prev: Table) -> bool:
    """Whether ``table`` carries on the logical table that ``first`` opened (``prev`` its last piece).

    Nothing but page furniture between them (or, where it repeats the header, one short line that is no
    heading: "(continued)", "Action plan - continued"), as many columns, the columns where they were; and its
    first row is the header repeated, or no header of another table.
    """
    if table.ncols != first.ncols:
        return False
    said = [p for p in between if p.text.strip()]
    if said:
        repeats = header_key is not None and bool(table.rows) and _row_key(table.rows[0]) == header_key
        if not (repeats and len(said) == 1 and _aside(said[0].text) and not _heading_between(said[0])):
            return False
    a, b = _columns(prev), _columns(table)
    if a and b and not all(abs(x - y) <= 4 for x, y in zip(a, b, strict=False)):
        return False
    if not table.rows:
        return True
    top = table.rows[0]
    if top.whole:
        # A source without pages (Excel): a piece cut off by blank rows may open with rows spanning it (a
        # recommendation's title); the row under them tells.  The header again under them: a table of its own,
        # the title rows its caption.
        lead = next((k for k, row in enumerate(table.rows) if not row.spans_all), len(table.rows))
        if lead == len(table.rows):
            return True
        top = table.rows[lead]
        if lead and header_key is not None and _row_key(top) == header_key:
            return False
    if header_key is not None and _row_key(top) == header_key:
        return True
    texts = [top.text(i) for i in range(len(top.cells))]
    return not (_header_like(top) and _header_strength(texts) >= CLEAR_HEADER)


def _fits(first: tuple[HeaderMap, int, int], table: Table, piece: Table) -> bool:
    """Whether the rows of ``piece``, a table its source marks row by row (Excel, Word), hold what ``table``'s
    columns hold: where the first table's column of dates is dated, so is the piece's.

    Such a source has no page breaks, so a piece after it was cut off by blank rows (spacers between a
    sheet's groups); the blank rows may as well end the table, and a table of other columns after them
    ("Risk | Mitigation | Risk owner"), with a header of words the vocabulary does not know, is told apart by
    its cells.  A piece of a paged source is judged by :func:`_continues` alone.
    """
    header, start, n = first
    rows = [row for row in piece.rows if not row.spans_all]
    if not rows or not all(row.whole for row in rows):
        return True
    body = table.rows[start + n :]
    for column in header.columns:
        if column.role != "timescale":
            continue
        had, has = column_content(body, column.index), column_content(rows, column.index)
        if had.cells and has.cells and had.dated >= 0.5 and has.dated < 0.5:
            return False
    return True


def _rows_between(prev: Table, table: Table, between: list[Paragraph], header_key: str | None) -> list[Row] | None:
    """The lines between two pieces of one grid on a page, as rows spanning it, where they are its rows drawn
    without rules: a spreadsheet's title rows exported to PDF ("1. Reduce the number of people waiting ..."
    between the ruled rows of each recommendation's actions).

    Only where the lines fill the gap between the pieces (no more space than a line's), start inside the
    grid's left half, and the piece has the grid's columns and no header of its own or repeated (a header
    under a heading is a table of its own, which the heading titles); ``None`` otherwise.
    """
    said = [p for p in between if p.text.strip()]
    if not said or len(said) > 3 or not prev.rows or not table.rows or table.ncols != prev.ncols:
        return None
    lines = [ln for p in said for ln in p.lines if ln.text.strip()]
    last, top = prev.rows[-1], table.rows[0]
    boxes = [c.bbox for c in (*last.cells, *top.cells) if c is not None and c.bbox]
    page = last.page if last.page is not None else top.page
    if not boxes or page is None or any(ln.bbox is None or ln.page != page for ln in lines) or top.page != page:
        return None
    above = max((c.bbox[3] for c in last.cells if c is not None and c.bbox), default=None)
    below = min((c.bbox[1] for c in top.cells if c is not None and c.bbox), default=None)
    if above is None or below is None:
        return None
    left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
    spans = [ln.bbox for ln in lines if ln.bbox]
    tall = [b[3] - b[1] for b in spans]
    inside = all(above - 2 <= b[1] and b[3] <= below + 2 for b in spans)
    starts = all(left - 2 <= b[0] <= (left + right) / 2 for b in spans)
    if not (inside and starts) or below - above > sum(tall) + max(tall) + 2:
        return None
    if header_key is not None and _row_key(top) == header_key:
        return None
    texts = [top.text(i) for i in range(len(top.cells))]
    if _header_like(top) and _header_strength(texts) >= CLEAR_HEADER:
        return None
    blank: list[Cell | None] = [None] * (table.ncols - 1)
    return [Row([Cell(paras=[p.lines], bbox=_box(p.lines), page=page), *blank], page=page) for p in said]


def _box(lines: Sequence[Line]) -> BBox | None:
    boxes = [ln.bbox for ln in lines if ln.bbox]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _aside(text: str) -> bool:
    """A short line between two pieces of one table that says nothing of its own: a few words, no number,
    no sentence, no heading."""
    words = text.split()
    return (
        0 < len(words) <= 5
        and not re.search(r"\d", text)
        and not text.rstrip().endswith(".")
        and (read_heading(text, False) is None)
    )


def _heading_between(paragraph: Paragraph) -> bool:
    """A heading set apart (bold, as Word and web pages mark theirs) between two tables of a source without
    pages: no page break cut a table there, so the heading begins another ("Public Health" between the
    sections of a plan, each with the same columns)."""
    lines = [ln for ln in paragraph.lines if ln.text.strip()]
    return bool(lines) and all(ln.bold and ln.page is None and ln.bbox is None for ln in lines)


def find_tables(doc: SourceDoc) -> list[ActionTable]:
    """Every table of ``doc``, stitched across pages, with its column roles; repeated headers dropped.

    The header row is found on the table's first piece; the columns' roles are
    then judged on the whole stitched body, without the header's repeats.
    """
    groups: list[list[tuple[int, Table]]] = []
    firsts: list[tuple[HeaderMap, int, int]] = []
    between: list[Paragraph] = []
    running = _running_paragraphs(doc)
    read: dict[int, tuple[HeaderMap, int, int]] = {}  # headers upright found already, not to be found again
    doc.blocks = [upright(b, read) if isinstance(b, Table) else b for b in doc.blocks]
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Paragraph):
            if id(block) not in running:  # a page's running header, kept as text, is no text between pieces
                between.append(block)
            continue
        key = _row_key(groups[-1][0][1].rows[firsts[-1][1]]) if groups and firsts[-1][2] else None
        heads = _rows_between(groups[-1][-1][1], block, between, key) if groups else None
        if (
            groups
            and _continues(groups[-1][0][1], key, block, [] if heads else between, groups[-1][-1][1])
            and _fits(firsts[-1], groups[-1][0][1], block)
        ):
            groups[-1].append((index, Table([*heads, *block.rows], block.kind) if heads else block))
        else:
            groups.append([(index, block)])
            known = read.get(id(block))
            firsts.append(known if known is not None else find_header(block))
        between = []
    out: list[ActionTable] = []
    for group, (header, start, n) in zip(groups, firsts, strict=True):
        first_index, first = group[0]
        caption = [Paragraph(lines=[ln for i in r.filled for ln in _cell_lines(r, i)]) for r in first.rows[:start]]
        header_rows = first.rows[start : start + n]
        body = list(first.rows[start + n :])
        for _, piece in group[1:]:
            rows = list(piece.rows)
            if rows:
                rows[0].after_break = True
            body.extend(rows)
        if header_rows:
            body = _drop_repeated_headers(body, header_rows)
        if len(group) > 1:
            # the header as it was read (its rows merged, or grouped under a spanning cell), with the
            # continuations' rows for content evidence
            texts = [c.header for c in header.columns] if n else []
            header = assign_roles(texts + [""] * (first.ncols - len(texts)), body)
        out.append(ActionTable(header, body, first.kind, first_index, caption, end=group[-1][0], header_rows=n))
    if any(t.header.periods for t in out):
        for table in out:
            pages = [r.page for r in table.rows if r.page is not None]
            table.plan_year = plan_year(doc, min(pages) if pages else None)
    return _beside_the_plan(out)


OPENING_LINES = 12
"""Lines at the start of a document that its title, council and period are read from."""


def plan_year(doc: SourceDoc, page: int | None = None) -> str | None:
    """The one financial year ("2025/26"), else the one year, that the opening lines of the plan name, as
    written; ``None`` where they name none or several of either.

    The opening lines are the title of the part of the document that holds ``page``, the table's first,
    where that part is not the document's opening (:func:`~extractors.parts.part_title`: a milestones sheet
    among a meeting's papers, titled "Council Plan 2025/26"; the body text under a title is not read), else
    the document's first :data:`OPENING_LINES`.  A part whose title names no year leaves the document's to
    stand."""
    part = part_title(doc, page, OPENING_LINES) if page is not None else None
    for lines in (
        [ln.text for ln in part or ()],
        islice((ln.text for ln in doc.text_lines() if ln.text.strip()), OPENING_LINES),
    ):
        found = [y for text in lines for y in YEAR.findall(text)]
        for kind in ([y for y in found if not y.isdigit()], [y for y in found if y.isdigit()]):
            if len({re.sub(r"\s", "", y).replace("-", "/") for y in kind}) == 1:
                return kind[0]
            if kind:
                return None
    return None


def ticked_cell(text: str) -> bool:
    """Whether a period's cell holds a tick (a mark of ``[periods]``), not nothing or a cross."""
    return collapse(text).lower() in period_marks()


def ticked_periods(lrow: LogicalRow, table: ActionTable) -> TimescaleItem | None:
    """A row's timescale from the periods ticked in its columns of periods (``HeaderMap.periods``): runs of
    adjacent ones as ranges, several joined ("Q2–Q4", "Q1 and Q3"), with the plan's year where no header names
    one ("Q2–Q4 2025/26"); ``None`` where none is ticked."""
    on = [(k, col, label) for k, (col, label) in enumerate(table.header.periods) if ticked_cell(lrow.text(col))]
    if not on:
        return None
    runs: list[list[str]] = []
    for n, (k, _, label) in enumerate(on):
        if n and k == on[n - 1][0] + 1:
            runs[-1].append(label)
        else:
            runs.append([label])
    parts = [r[0] if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    text = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    if table.plan_year and not YEAR.search(text):
        text = f"{text} {table.plan_year}"
    lines = [ln for _, cell in lrow.cells(on[0][1]) for para in cell.paras for ln in para]
    return TimescaleItem(text, 0, lines[0] if lines else None)


def _running_paragraphs(doc: SourceDoc) -> set[int]:
    """The paragraphs (by ``id``) of one line whose text stands at the same height on two pages or more: a
    running header the reader kept (set larger than the body, as a section title would be).  Between two
    pieces of a table they are page furniture, not a heading that ends it."""
    keyed = [
        (para, (collapse(para.lines[0].text), round(para.lines[0].top / 3)))
        for para in doc.paragraphs()
        if len(para.lines) == 1 and para.lines[0].page is not None
    ]
    pages: dict[tuple[str, int], set[int | None]] = {}
    for para, key in keyed:
        pages.setdefault(key, set()).add(para.lines[0].page)
    return {id(para) for para, key in keyed if len(pages[key]) > 1}


def _beside_the_plan(tables: list[ActionTable]) -> list[ActionTable]:
    """The tables, with those set aside whose header row names no column of actions (the actions were read
    from their cells alone: "Risk | Likelihood | Impact | Mitigation | Risk owner"), in a document where another
    table's header names its actions ("Actions", "What we will do"): the plan says how it heads its actions,
    and a table headed otherwise is not part of it (a risk register in an appendix)."""

    def action_column(table: ActionTable) -> Column | None:
        col = table.header.index("action")
        return table.header.columns[col] if col is not None and table.header_rows else None

    named = [c for t in tables if t.header.accepted and (c := action_column(t)) is not None and c.named > 0]
    if not named:
        return tables
    out = []
    for table in tables:
        column = action_column(table)
        if table.header.accepted and column is not None and column.header and column.named == 0:
            reason = (
                f"its header names no actions ({column.header!r} reads as actions by its cells alone), where "
                f"the plan's table heads its actions {named[0].header!r}"
            )
            table = replace(table, header=replace(table.header, accepted=False, reason=reason))
        out.append(table)
    return out


def _cell_lines(row: Row, col: int) -> list[Line]:
    cell = row.cells[col]
    return cell.lines if cell is not None else []


def upright(table: Table, read: dict[int, tuple[HeaderMap, int, int]]) -> Table:
    """``table``, or the same table turned so that its columns are rows, where it is set on its side: one
    column per action, its first column naming the fields ("Recommendation", "Action", "Lead officer",
    "Target date").  Only a table wider than it is tall (never a form of two columns), its first column
    filled in every row, is tried, and it is turned only where turned it reads as an action table and as it
    stands it does not.  The header found for the table returned is kept in ``read`` (by its id)."""
    if table.ncols <= max(len(table.rows), 2) or any(r.text(0) == "" for r in table.rows):
        return table
    found = find_header(table)
    if not found[0].accepted:
        turned = transposed(table)
        if (turned_found := find_header(turned))[0].accepted:
            table, found = turned, turned_found
    read[id(table)] = found
    return table


def transposed(table: Table) -> Table:
    """``table`` with its rows as columns.  A cell merged across columns (its row's later cells ``None``)
    becomes one merged down (the same cell in each row it covers), and one merged down becomes one across."""
    width = table.ncols
    rows: list[Row] = []
    for c in range(width):
        cells: list[Cell | None] = []
        for r, row in enumerate(table.rows):
            if c >= len(row.cells):  # a row shorter than the table: nothing there, not a merge
                cells.append(Cell())
                continue
            cell = row.cells[c]
            if cell is None:  # covered by a cell to its left: merged down, once turned
                cell = next((row.cells[k] for k in range(min(c, len(row.cells)) - 1, -1, -1) if row.cells[k]), None)
            elif r and c < len(table.rows[r - 1].cells) and table.rows[r - 1].cells[c] is cell:
                cell = None  # the cell above, merged down: merged across, once turned
            cells.append(cell)
        page = next((row.page for row in table.rows if row.page is not None), None)
        rows.append(Row(cells=cells, page=page, whole=all(row.whole for row in table.rows)))
    return Table(rows=rows, kind=table.kind)


def doc_to_action_tables(doc: SourceDoc) -> list[ActionTable]:
    """The action tables of ``doc`` (see :func:`find_tables`)."""
    return [t for t in find_tables(doc) if t.header.accepted]


def _drop_repeated_headers(rows: list[Row], header_rows: list[Row]) -> list[Row]:
    keys = {_row_key(r) for r in header_rows}
    merged = "|".join(
        collapse(" ".join(normalise_header(r.text(i)) for r in header_rows)) for i in range(len(header_rows[0].cells))
    )
    out: list[Row] = []
    mark_next = False
    for row in rows:
        key = _row_key(row)
        if key in keys or key == merged:
            mark_next = True
            continue
        if mark_next:
            row.after_break = True
            mark_next = False
        out.append(row)
    return out


# --- logical rows -------------------------------------------------------


@dataclass
class LogicalRow:
    """Physical rows that make one entry; ``rows[0]`` is the row that opened it."""

    rows: list[Row]

    def cells(self, col: int | None) -> list[tuple[int, Cell]]:
        """The non-empty cells of a column, each once (a cell merged down stands in several rows)."""
        if col is None:
            return []
        out: list[tuple[int, Cell]] = []
        seen: set[int] = set()
        for i, row in enumerate(self.rows):
            cell = row.cells[col] if col < len(row.cells) else None
            if cell is not None and id(cell) not in seen and not cell.empty:
                seen.add(id(cell))
                out.append((i, cell))
        return out

    def text(self, col: int | None) -> str:
        return collapse(" ".join(join_lines(p) for _, c in self.cells(col) for p in c.paras))

    def paras(self, col: int | None) -> tuple[list[Para], list[int]]:
        paras: list[Para] = []
        rows: list[int] = []
        for i, cell in self.cells(col):
            for para in cell.paras:
                paras.append(para)
                rows.append(i)
        return paras, rows

    def cut_paras(self, col: int | None) -> tuple[list[Para], list[int], list[bool]]:
        """:meth:`paras`, and for each whether it is the first after a page break that cut its cell."""
        paras, rows = self.paras(col)
        cut = [
            k > 0 and rows[k] != rows[k - 1] and self.rows[rows[k]].after_break and bool(paras[k - 1])
            for k in range(len(paras))
        ]
        return paras, rows, cut

    def field_paras(self, col: int | None) -> tuple[list[Para], list[int]]:
        """:meth:`paras` of a field column (timescale, measure), a cell cut by a page break made whole.

        The first paragraph after the break carries on the last one before it
        when that one was left open ("2025/26 to" / "2027/28") or the next
        opens in lower case; a date or sentence that ended stays apart.
        """
        paras, rows, cut = self.cut_paras(col)
        out: list[Para] = []
        out_rows: list[int] = []
        for para, row, after in zip(paras, rows, cut, strict=True):
            tail = para[0].text.strip() if para else ""
            carried = OPEN_END.search(out[-1][-1].text.strip()) if out else None
            if after and out and para and (carried or tail[:1].islower() or _BARE_YEAR.match(tail)):
                out[-1] = [*out[-1], *para]
                continue
            out.append(list(para))
            out_rows.append(row)
        return out, out_rows

    @property
    def page(self) -> int | None:
        return self.rows[0].page


def continues_row(row: Row, prev: Row, header: HeaderMap) -> bool:
    """Whether ``row`` finishes ``prev``, a row that a page break cut in two.

    Only the row's own cells count (a cell merged down from ``prev`` is not
    new text).  In order: a row whose text cells (recommendation, objective,
    action) open in lower case finishes ``prev`` ("customer experience" under
    "... efficiency and improved"; "be published ..." with its owner's
    "Development"); a row with no text cells at all carries only the tails
    of ``prev``'s other cells; a row that fills an owner, timescale or
    measure cell with new text is a row of its own; otherwise, right after a
    page break or a repeated header, it finishes ``prev`` when ``prev`` fills
    field cells it leaves empty and a text cell it continues was left
    mid-sentence ("Usual)" under "... Business As").  A row its source marks as whole (Word, Excel,
    HTML) finishes nothing: an action typed as "a. Form a group" opens in lower case and is a row of its own.
    """
    if row.whole:
        return False

    def own(r: Row, col: int) -> str:
        cell = r.cells[col] if col < len(r.cells) else None
        shared = r is row and col < len(prev.cells) and cell is not None and cell is prev.cells[col]
        return "" if shared else r.text(col).strip()

    text_cols = [c.index for c in header.columns if c.role in ("rec_text", "action", "objective")]
    field_cols = [c.index for c in header.columns if c.role in (*FIELD_ROLES, "rec_owner")]
    texts = [own(row, c) for c in text_cols]
    if any(t and (t[:1].islower() or t[:1] in ",;)]") and not _LETTERED.match(t) for t in texts):
        return True
    if not any(texts):
        return any(own(row, c) for c in field_cols)
    roles = {c.index: c.role for c in header.columns}
    for col in field_cols:
        text = own(row, col)
        # new text in a field cell makes a row of its own, unless a page break cut that cell where it was
        # plainly left open ("... delayed by the finance system upgrade in" / "August.")
        cut = row.after_break and _cut_field(roles.get(col), prev.text(col).strip(), text)
        if text and not text[:1].islower() and not cut:
            return False
    if not row.after_break or not any(prev.text(c).strip() for c in field_cols):
        return False
    return any(own(row, c) and prev.text(c).strip() and not sentence_closed(prev.text(c)) for c in text_cols)


_LETTERED = re.compile(r"^(?:\(?[a-z]\)|[a-z][.)]|\(?[ivxl]{1,4}[.)])\s+[A-Z(\"'‘“]")
"""A list item's letter or roman number ("c) Give ...", "(iv) Review ..."): it opens in lower case, but opens
an item, not the rest of a sentence (a short word before a full stop, "team. Then ...", is no letter)."""


def _cut_field(role: str | None, above: str, below: str) -> bool:
    """Whether a page break plainly cut a field cell between ``above`` and ``below``: the text above is left
    open ("... upgrade in" / "August."), an owner above is no owner until the words below end it ("Capital
    Programme" / "Manager"), or a date above waits for its year ("By December" / "2025")."""
    if not above or not below:
        return False
    if OPEN_END.search(above):
        return True
    if role in ("owner", "rec_owner"):
        last = re.split(r"\s*[/;,]\s*|\s+and\s+", above)[-1]
        return not is_complete(last) and is_complete(f"{last} {below.split(chr(10))[0]}")
    # a year alone finishes a date only where the date above has none ("By December" / "2025", not "March
    # 2025" / "2026": a row of its own)
    return (
        role == "timescale"
        and bool(_BARE_YEAR.match(below))
        and not re.search(r"\b(?:19|20)\d\d\b|\b\d\d/\d\d\b", above)
    )


# --- cells to fields ------------------------------------------------------


_BARE_YEAR = re.compile(r"^(?:19|20)\d\d(?:/\d\d)?\.?$")
"""A year alone after a page break finishes the date above it ("By December" / "2025")."""


def cell_breaks(paras: Sequence[Para]) -> tuple[list[str], list[Break]]:
    """A cell's lines and how each ended, with ``"para"`` between paragraphs (``"authored"`` where the source
    says that its author began the paragraph: a Word or Excel cell, whose lines carry a cell reference, or a
    web page's cell)."""
    lines: list[str] = []
    how: list[Break] = []
    for pi, para in enumerate(paras):
        if pi and lines:
            how.append(_between(paras[pi - 1], para))
        lines.extend(ln.text for ln in para)
        how.extend(breaks(para))
    return lines, how


def _between(before: Para, para: Para) -> Break:
    """How a cell's paragraph follows the one before it: ``"authored"`` where the source says its author began
    it; no break of its own (a line end, for the owner grammar to judge) where it is a text's next line, a
    cell wrapped onto the next row of a fixed-width table ("Performance/P" / "H Consultant"); else ``"para"``."""
    if para and (para[0].ref is not None or para[0].authored):
        return "authored"
    last, first = (before[-1].lineno if before else None), (para[0].lineno if para else None)
    if last is not None and first == last + 1:
        return None
    return "para"


def owners_of(lrow: LogicalRow, col: int | None) -> list[str]:
    """The owners named in a logical row's cell, split per owner.

    Where a page break cut the cell, the break between its halves is not a
    paragraph gap the owner grammar can trust ("Exchequer Services" /
    "Manager"), so it is read as a break it cannot judge.
    """
    return owners_guessed(lrow, col)[0]


def owners_guessed(lrow: LogicalRow, col: int | None) -> tuple[list[str], bool]:
    """:func:`owners_of`, and whether a split of the cell was a guess (see ``split_owners_guessed``)."""
    paras, _, cut = lrow.cut_paras(col)
    if not paras:
        return [], False
    lines, how = cell_breaks(paras)
    k = 0
    for pi, para in enumerate(paras):
        if pi and cut[pi]:
            how[k - 1] = None
        k += len(para)
    return split_owners_guessed(lines, how)


def fill_of(lrow: LogicalRow, col: int | None) -> str | None:
    """The fill colour of a logical row's cell as ``#rrggbb`` (a RAG rating shown as a colour), if it has one."""
    if col is None:
        return None
    for row in lrow.rows:
        cell = row.cells[col] if col < len(row.cells) else None
        if cell is not None and cell.fill is not None:
            r, g, b = (max(0, min(255, round(v * 255))) for v in cell.fill)
            return f"#{r:02x}{g:02x}{b:02x}"
    return None


def prose_of(lrow: LogicalRow, col: int | None) -> str | None:
    """A cell of running text (a measure, a progress update) as one string, list markers dropped."""
    paras, _ = lrow.field_paras(col)
    text = collapse(" ".join(clean_item_text([ln.text for ln in p], breaks(p)) for p in paras))
    return text or None


@dataclass
class TimescaleItem:
    text: str
    row: int
    line: Line | None


def timescale_items(lrow: LogicalRow, col: int | None) -> list[TimescaleItem]:
    """The separate timescales of a cell: its paragraphs, and bare dates run together on one line."""
    paras, rows = lrow.field_paras(col)
    out: list[TimescaleItem] = []
    for para, row in zip(paras, rows, strict=True):
        text = join_lines(para)
        pieces = split_sequence(text)
        if len(pieces) > 1 and len(para) == 1:
            out.extend(TimescaleItem(p, row, para[0]) for p in pieces)
        elif out and wrapped_date(out[-1].text, text):  # "March" / "2026": one date wrapped in a narrow cell
            out[-1] = replace(out[-1], text=f"{out[-1].text} {text}")
        else:
            out.append(TimescaleItem(text, row, para[0]))
    return out


def align_timescales(items: Sequence[Item], stamps: Sequence[TimescaleItem]) -> tuple[list[str | None], bool]:
    """The timescale text for each item, and whether alignment was ambiguous.

    One timescale applies to every item; as many timescales as items pair in
    order.  Otherwise they are paired row by row (one timescale on the row
    where items start, or as many as the items there), then by height (a
    timescale set level with an item's first line).  A timescale left
    unpaired makes its row ambiguous: every item there, like any item still
    unpaired, gets the whole cell, since it cannot be told which date applies.
    """
    n = len(items)
    whole = collapse(" ".join(s.text for s in stamps)) or None
    if not stamps:
        return [None] * n, False
    if len(stamps) == 1:
        return [stamps[0].text] * n, False
    if len(stamps) == n:
        return [s.text for s in stamps], False
    out: list[str | None] = [None] * n
    used: set[int] = set()
    for row in sorted({it.row for it in items} | {s.row for s in stamps}):
        at = [i for i, it in enumerate(items) if it.row == row]
        here = [k for k, s in enumerate(stamps) if s.row == row]
        if not at or not here:
            continue
        if len(here) == 1:
            for i in at:
                out[i] = stamps[here[0]].text
            used.add(here[0])
        elif len(here) == len(at):
            for i, k in zip(at, here, strict=True):
                out[i] = stamps[k].text
                used.add(k)
    for k, s in enumerate(stamps):
        if k in used or s.line is None or s.line.bbox is None:
            continue
        for i, it in enumerate(items):
            if out[i] is None and _level(it.first, s.line):
                out[i] = s.text
                used.add(k)
                break
    doubtful = {s.row for k, s in enumerate(stamps) if k not in used}
    for i, it in enumerate(items):
        if it.row in doubtful:
            out[i] = None
    ambiguous = any(o is None for o in out)
    return [o if o is not None else whole for o in out], ambiguous


def _level(a: Line | None, b: Line) -> bool:
    """Whether two lines start at the same height on the same page."""
    return bool(a and a.bbox and b.bbox and a.page == b.page and abs(a.bbox[1] - b.bbox[1]) <= 2.0)


def extras_of(lrow: LogicalRow, header: HeaderMap) -> list[tuple[str, str]]:
    """Cells of columns the schema does not know, keyed by their printed header."""
    out = []
    for col in header.extra:
        text = lrow.text(col.index)
        if text:
            out.append((col.header, text))
    return out


def items_of(lrow: LogicalRow, col: int | None) -> tuple[list[Item], Item | None]:
    """The non-empty sub-actions of ``col`` in a logical row, and any lead-in before them.  A cell that
    labels its parts ("Action: ...", "Lead: ...", "By: ...") gives the parts labelled as actions."""
    labelled = labelled_cell(lrow, col)
    if labelled is not None:
        return [Item(lines=para, parts=[ln.text for ln in para]) for para in labelled.get("action", [])], None
    paras, rows = lrow.paras(col)
    items, intro = split_items(paras, rows)
    return [it for it in items if it.text], intro


_CELL_FIELDS = ("action", "owner", "timescale", "measure", "status", "progress")


def labelled_cell(lrow: LogicalRow, col: int | None) -> dict[str, list[Para]] | None:
    """A cell made of labelled paragraphs, each opening on a label of a field ("Action: ...", "Lead: ...",
    "By: ..."), one of them an action and another some other field: the paragraphs by field, labels cut off.
    ``None`` for any other cell."""
    paras, _ = lrow.paras(col)
    if len(paras) < 2:
        return None
    out: dict[str, list[Para]] = {}
    for para in paras:
        label = read_label(join_lines(para))
        if label is None or label.kind not in _CELL_FIELDS or not label.value:
            return None
        first = replace(para[0], text=label.value) if len(para) == 1 else None
        out.setdefault(label.kind, []).append([first] if first is not None else _unlabelled(para, label.label))
    return out if "action" in out and len(out) > 1 else None


def _unlabelled(para: Para, label: str) -> Para:
    """A paragraph of several lines with the label cut from its first line."""
    head = para[0].text
    cut = head.find(":", len(label) - 1)
    return [replace(para[0], text=head[cut + 1 :].strip() if cut >= 0 else head), *para[1:]]


def provenance(lines: Sequence[Line], extractor: str) -> Provenance:
    """Where ``lines`` sit: page and bbox (union of lines on the first page) or a line span."""
    lines = [ln for ln in lines if ln is not None]
    if not lines:
        return Provenance(extractor)
    page = lines[0].page
    boxes = [ln.bbox for ln in lines if ln.bbox and ln.page == page]
    bbox: BBox | None = None
    if boxes:
        bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    numbers = [ln.lineno for ln in lines if ln.lineno is not None]
    span = (min(numbers), max(numbers)) if numbers else None
    cell = next((ln.ref for ln in lines if ln.ref), None)
    return Provenance(extractor=extractor, page=page, bbox=bbox, lines=span, cell=cell)


_REC_NUMBER = re.compile(r"^\s*(?:rec(?:ommendation)?\.?\s*|r)?(\d{1,3}[a-z]?)(?:[.):]|\s|$)", re.IGNORECASE)


def rec_number(text: str) -> str | None:
    """A recommendation number in a key cell: "1", "6.", "R3", "Rec 2" -> "1", "6", "3", "2"."""
    m = _REC_NUMBER.match(text.strip())
    if not m:
        return None
    rest = text.strip()[m.end() :].strip()
    if rest and not re.match(r"^[A-Za-z(\"'“‘]", rest):
        return None
    return m.group(1)


_OBJECTIVE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)[.)]?(?=\s|$)")


def objective_number(text: str) -> tuple[str, str] | None:
    """``("1.2", "rest of the text")`` for a cell opening with a dotted number."""
    m = _OBJECTIVE_NUMBER.match(text)
    if not m:
        return None
    return m.group(1), text[m.end() :].strip()


# --- grouping rows and building actions ---------------------------------


@dataclass
class ThemeRow:
    """A row that spans the table (or holds only a heading in its first cell): a theme, not an action."""

    text: str
    lines: list[Line]


def _lone_heading(row: Row, header: HeaderMap) -> bool:
    """Only the first cell is filled, with a short heading ("Additional Recommendations:")."""
    if len(row.cells) < 3 or row.filled != [0]:
        return False
    text = row.text(0).strip()
    if rec_number(text) or objective_number(text):
        return False
    return text[:1].isupper() and len(text.split()) <= 10 and header.columns[0].role not in ("action", "objective")


def group_rows(
    table: ActionTable,
    key: int | None,
    number: Callable[[str], object] | None = None,
    merge_unkeyed: bool = False,
) -> list[LogicalRow | ThemeRow]:
    """Gather a table's physical rows into entries.

    A row whose ``key`` cell holds a number (by ``number``), or any text when
    ``number`` is ``None``, opens an entry, unless it finishes a row a page
    break cut (:func:`continues_row`).  A row without a key joins the entry
    above when ``merge_unkeyed`` (the continuation rows of a numbered
    objective) or when it finishes a cut row; otherwise it opens an entry of
    its own (an action row under a recommendation cell that spans it).
    """
    out: list[LogicalRow | ThemeRow] = []
    current: LogicalRow | None = None
    previous: Row | None = None
    action_col = table.header.index("action")
    for k, row in enumerate(table.rows):
        prior, previous = previous, row
        following = table.rows[k + 1] if k + 1 < len(table.rows) else None
        if not row.filled:
            continue
        heading = _heading_in_cell(row, action_col)
        if heading is not None:
            # "Recommendation 2: ..." set in bold at the top of the first action's cell: a heading over the
            # rows from here, as if it spanned the table; the cell keeps the rest.
            para, row = heading
            out.append(ThemeRow(text=collapse(join_lines(para)), lines=list(para)))
            current = None
        banded = _spans_beside_band(row, prior, following)
        if (
            banded is not None
            or row.spans_all
            or (
                _lone_heading(row, table.header)
                and not (current and continues_row(row, current.rows[-1], table.header))
            )
        ):
            cell = banded or next(c for c in row.cells if c is not None)
            out.append(ThemeRow(text=collapse(" ".join(join_lines(p) for p in cell.paras)), lines=cell.lines))
            current = None
            continue
        text = row.text(key) if key is not None else ""
        key_cell = row.cells[key] if key is not None and key < len(row.cells) else None
        above = current.rows[-1].cells if current is not None else []
        if key is not None and key_cell is not None and key < len(above) and key_cell is above[key]:
            text = ""  # the key cell is merged down from the entry above: no new key here
        numbered = number is not None and bool(text) and number(text) is not None
        keyed = numbered or (number is None and bool(text))
        if current is not None and not numbered and continues_row(row, current.rows[-1], table.header):
            current.rows.append(row)
        elif keyed:
            current = LogicalRow([row])
            out.append(current)
        elif current is not None and merge_unkeyed and not text:
            current.rows.append(row)  # an objective's further rows: its cell empty or merged down
        else:
            current = LogicalRow([row])
            out.append(current)
    return out


def _heading_in_cell(row: Row, col: int | None) -> tuple[Para, Row] | None:
    """A heading set at the top of a cell: its first paragraph bold, the rest not, and reading as a numbered
    heading ("Recommendation 2: ...").  Returns the paragraph and the row with the cell's remaining
    paragraphs."""
    cell = row.cells[col] if col is not None and col < len(row.cells) else None
    if cell is None or len(cell.paras) < 2:
        return None
    first, rest = cell.paras[0], cell.paras[1:]
    if not all(ln.bold for ln in first) or any(ln.bold for para in rest for ln in para):
        return None
    found = read_heading(join_lines(first), False)
    if found is None or found.number is None:
        return None
    kept = Cell(paras=list(rest), bbox=cell.bbox, page=cell.page, fill=cell.fill)
    cells = [kept if c is cell else c for c in row.cells]
    return first, Row(cells=cells, page=row.page, after_break=row.after_break, whole=row.whole)


def _spans_beside_band(row: Row, above: Row | None, below: Row | None) -> Cell | None:
    """The cell of a row that spans the table but for a band beside it: the columns before it hold cells
    merged down the rows (a directorate or theme band, from the row above or on to the row below), and it
    covers every column after them."""

    def merged(k: int) -> bool:
        cell = row.cells[k]
        return cell is not None and any(
            other is not None and k < len(other.cells) and other.cells[k] is cell for other in (above, below)
        )

    k = 0
    while k < len(row.cells) and merged(k):
        k += 1
    if k == 0 or k >= len(row.cells) - 1:
        return None
    cell = row.cells[k]
    if cell is None or cell.empty or any(c is not None for c in row.cells[k + 1 :]):
        return None
    return cell


def lettered_like(lrow: LogicalRow, col: int | None, items: Sequence[Item]) -> dict[str, Item] | None:
    """A cell beside lettered items that letters its own parts as they are, one part for each item ("a) Head
    of HR and OD", "b) Head of HR and OD; Trade Union Liaison Officer"): its parts by their letters, each
    the field of the item of that letter.  ``None`` where the items are not all lettered (letters or roman
    numerals, not numbers: numbered updates in a progress cell run by date, not by action) in a list of two
    or more, or the cell has anything before its first letter, or lacks a part for any item, or has one the
    items lack: then the cell is the whole row's."""
    markers = {it.marker for it in items if it.marker and it.kind in ("letter", "roman")}
    if col is None or len(items) < 2 or len(markers) != len(items):
        return None
    paras, rows = lrow.paras(col)
    parts, intro = split_items(paras, rows)
    if intro is not None or any(p.marker not in markers for p in parts):
        return None
    found = {p.marker: p for p in parts if p.marker is not None}
    return found if len(found) == len(parts) == len(markers) else None


def _lettered_owners(part: Item, others: Sequence[str]) -> list[str]:
    """An item's owners from its lettered part of the owner cell (split as a cell's lines are, by how they
    ended), then those of the row's other owner columns."""
    # how each of its lines ended: a Word or Excel line is a paragraph its author began (as cell_breaks says)
    how: list[Break] = [
        "authored" if b.ref is not None or b.authored else a.break_before(b) for a, b in pairwise(part.lines)
    ]
    own = split_owners(part.parts, how if len(part.lines) == len(part.parts) else None)
    return [*own, *(o for o in others if o not in own)]


def row_to_actions(
    lrow: LogicalRow,
    table: ActionTable,
    items: Sequence[Item],
    intro: Item | None,
    ids: Sequence[str],
    extractor: str,
    *,
    rec_id: str | None,
    objective: str | None = None,
    section: str | None = None,
    theme: str | None = None,
    default_owners: Sequence[str] = (),
) -> list[Action]:
    """Actions for the items of one entry, each with the entry's owners, measure and extras,
    and the timescale aligned to it."""
    header = table.header
    labelled = labelled_cell(lrow, header.index("action")) or {}
    own, guessed = owners_guessed(lrow, header.index("owner"))
    others: list[str] = []  # the owners of the other owner columns ("Portfolio holder" beside "Lead officer")
    for also in header.indices("owner")[1:]:
        more, unsure = owners_guessed(lrow, also)
        others += [o for o in more if o not in others]
        own, guessed = [*own, *(o for o in more if o not in own)], guessed or unsure
    owners_from = "owner" if own else None  # the column the owners were read from, for their box
    own = own or _labelled_owners(labelled)
    # What the row's own cells give (the rest may come from labels in the action cell), read once.
    cell_stamps = timescale_items(lrow, header.index("timescale"))
    timescale_from: str | int = "timescale"
    for earlier in header.stand_ins if not cell_stamps else ():  # not revised: the date as it was first set
        cell_stamps, timescale_from = timescale_items(lrow, earlier), earlier
        if cell_stamps:
            break
    if len(cell_stamps) == 1 and timescale_from == "timescale" and header.start is not None:
        began = collapse(lrow.text(header.start))
        ends = parse_timescale(cell_stamps[0].text).status in ("dated", "ongoing")  # "Mar 2026", "Ongoing"
        dated = began and ends and parse_timescale(began).status == "dated"
        if dated and began != cell_stamps[0].text:  # "Start date" beside "End date": the span from a date
            cell_stamps = [replace(cell_stamps[0], text=f"{began} – {cell_stamps[0].text}")]
    ticked = ticked_periods(lrow, table) if not cell_stamps and header.periods else None
    if ticked is not None:
        cell_stamps, timescale_from = [ticked], next(c for c, _ in header.periods if ticked_cell(lrow.text(c)))
    cell_measure = prose_of(lrow, header.index("measure"))
    cell_progress = prose_of(lrow, header.index("progress"))
    stamps = cell_stamps or [
        TimescaleItem(collapse(join_lines(para)), 0, para[0]) for para in labelled.get("timescale", [])
    ]
    if len(stamps) == 1 and _names_owner(header, "timescale") and not _names_owner(header, "owner"):
        # One column for both, headed so ("Responsible officer - date"): "Monitoring Officer - December 2024".
        # Its owners outrank an owner column whose header does not say owner (codes read as owners).
        found = owner_and_date(stamps[0].text)
        if found is not None:
            own, stamps, owners_from = found[0], [replace(stamps[0], text=found[1])], "timescale"
    elif len(stamps) > 1 and _names_owner(header, "timescale") and not _names_owner(header, "owner"):
        # The same, the owner and the date on lines of their own ("Lead for Family Hubs" / "Mar 2026").
        split = owners_and_dates([stamp.text for stamp in stamps])
        if split is not None:
            own, stamps, owners_from = split[0], [stamps[k] for k in split[1]], "timescale"
    elif not stamps and _names_timescale(header, "owner"):
        # The one column, read as the owners' ("Led by / Timescale" with no other date column): its dates.
        lines = timescale_items(lrow, header.index("owner"))
        split = owners_and_dates([item.text for item in lines]) if len(lines) > 1 else None
        if split is not None:
            own, stamps = split[0], [lines[k] for k in split[1]]
    owners = own or list(default_owners)
    source = ("action" if own else "recommendation") if owners else None
    times, unaligned = align_timescales(items, stamps)
    # Cells that letter their parts as the action cell letters its items give each item its own part.
    lettered = {f: lettered_like(lrow, header.index(f), items) for f in ("owner", "timescale", "measure", "progress")}
    mine = [{f: parts[it.marker] for f, parts in lettered.items() if parts and it.marker in parts} for it in items]
    measure = cell_measure or _labelled_text(labelled, "measure")
    status = collapse(lrow.text(header.index("status"))) or None
    colour = fill_of(lrow, header.index("status"))
    progress = cell_progress or _labelled_text(labelled, "progress")
    extra = extras_of(lrow, header)
    if intro is not None and intro.text:
        extra.append(("Lead-in", intro.text))
    numbered = [own_number(item.text) for item in items]
    # An item that closes with its own fields ("... (Lead: Head of Housing, by March 2025)") has them.
    closing = [trailing_fields(text) or (text, [], None) for _, text in numbered]
    cells = field_cells(
        lrow,
        header,
        extractor,
        {
            "owners": owners_from,
            "timescale": timescale_from if cell_stamps else None,
            "measure": "measure" if cell_measure else None,
            "status": "status" if status or colour else None,
            "progress": "progress" if cell_progress else None,
        },
    )
    doubts = row_doubts(lrow, header, cells, guessed=guessed)
    whole = collapse(" ".join(stamp.text for stamp in stamps))
    # An item the alignment could not pair gets the whole cell of several timescales: that is the doubt.
    unpaired = [unaligned and len(stamps) > 1 and times[i] == whole for i in range(len(items))]
    return [
        Action(
            rec_id=rec_id,
            action_id=numbered[i][0] or ids[i],
            text=closing[i][0],
            provenance=provenance(item.lines, extractor),
            objective=objective,
            section=section,
            theme=theme,
            owners=tuple(
                closing[i][1] or (_lettered_owners(mine[i]["owner"], others) if "owner" in mine[i] else owners)
            ),
            owner_source="action" if closing[i][1] or "owner" in mine[i] else source,
            timescale_raw=closing[i][2] or (mine[i]["timescale"].text if "timescale" in mine[i] else times[i]),
            measure=mine[i]["measure"].text if "measure" in mine[i] else measure,
            status_raw=status,
            status_colour=colour,
            progress=mine[i]["progress"].text if "progress" in mine[i] else progress,
            extra=tuple(extra),
            fields=_own_fields(cells, closing[i][1], stamps, times[i], extractor),
            doubts=(*(("timescale_not_aligned",) if unpaired[i] and "timescale" not in mine[i] else ()), *doubts),
        )
        for i, item in enumerate(items)
    ]


def _own_fields(
    cells: tuple[tuple[str, Provenance], ...],
    own_owners: Sequence[str],
    stamps: Sequence[TimescaleItem],
    time: str | None,
    extractor: str,
) -> tuple[tuple[str, Provenance], ...]:
    """One action's field boxes: the row's cells, its timescale narrowed to the one date paired with it in a
    cell of several, and no owner cell when it names its own owners."""
    out = []
    for name, where in cells:
        if name == "owners" and own_owners:
            continue
        if name == "timescale" and len(stamps) > 1:
            paired = [s.line for s in stamps if s.text == time and s.line is not None]
            if len(paired) == 1:
                where = provenance(paired, extractor)
        out.append((name, where))
    return tuple(out)


def row_doubts(
    lrow: LogicalRow, header: HeaderMap, fields: Sequence[tuple[str, Provenance]], *, guessed: bool
) -> tuple[str, ...]:
    """What the reading of one entry was unsure of (:data:`actionplans.records.DOUBTS`), from what it found:
    an owner cell split by guess, an entry whose rows were joined over a page break, a column whose role
    another scored nearly as well (``close_second``).  (A timescale the items could not be paired with is
    a doubt of the items that got the whole cell.)"""
    out = []
    if guessed:
        out.append("owners_split_guess")
    if any(row.after_break for row in lrow.rows[1:]):
        out.append("row_joined_across_pages")
    roles = {"owners": "owner", "timescale": "timescale", "measure": "measure", "status": "status"}
    used = {header.index(roles[f]) for f, _ in fields if f in roles} | {header.index("action")}
    if any(_close_second(header, header.columns[c]) for c in used if c is not None):
        out.append("column_role_low_confidence")
    return tuple(out)


def _close_second(header: HeaderMap, column: Column) -> bool:
    """Whether the column's runner-up role scored nearly as well as the role it was given, and no other column
    has that role (the choice was contested, not settled by another column taking it)."""
    if len(column.scores) < 2 or column.scores[0][1] <= 0:
        return False
    best, runner_up, score = column.scores[0][0], *column.scores[1]
    if _SAME_FIELD.get(runner_up, runner_up) == _SAME_FIELD.get(best, best):
        return False  # an owner of the action or of its recommendation: the same owners either way
    return header.index(runner_up) is None and score >= threshold("close_second") * column.scores[0][1]


_SAME_FIELD = {"rec_owner": "owner"}
"""Roles that give the same field at another level (a recommendation's owner is its actions' owner)."""


def field_cells(
    lrow: LogicalRow, header: HeaderMap, extractor: str, read: dict[str, str | int | None]
) -> tuple[tuple[str, Provenance], ...]:
    """Where a row's fields were read: for each field of ``read`` that a column gave (by that column's role,
    or the column itself), the provenance of the row's cell in it, for the review page to draw."""
    out = []
    for name, role in read.items():
        col = role if isinstance(role, int) else header.index(role) if role else None
        if col is None:
            continue
        lines = [ln for _, cell in lrow.cells(col) for para in cell.paras for ln in para]
        where = provenance(lines, extractor)
        if not lines:  # a cell with no words (a RAG status that is only its colour): where the cell itself is
            blank = next((c for row in lrow.rows for c in row.cells[col : col + 1] if c is not None), None)
            if blank is not None:
                where = Provenance(extractor, page=blank.page, bbox=blank.bbox, cell=blank.ref)
        if where.bbox is not None or where.lines is not None or where.cell is not None:
            out.append((name, where))
    return tuple(out)


def _names_timescale(header: HeaderMap, role: str) -> bool:
    """Whether the header of the column given ``role`` also has words of a timescale ("Led by / Timescale"),
    and no column is the timescale's."""
    col = header.index(role)
    return (
        col is not None
        and header.index("timescale") is None
        and header_scores(header.columns[col].header).get("timescale", 0.0) > 0
    )


def _names_owner(header: HeaderMap, role: str) -> bool:
    """Whether the header of the column given ``role`` also has words of an owner ("Lead officer / date")."""
    col = header.index(role)
    return col is not None and header_scores(header.columns[col].header).get("owner", 0.0) > 0


_OWNER_DATE = re.compile(r"^(?P<owner>.+?)\s*(?:[–—-]|,|;|:|\bby\b)\s*(?P<date>[^–—,;:]+?)\s*$")


def owners_and_dates(texts: Sequence[str]) -> tuple[list[str], list[int]] | None:
    """The paragraphs of one cell of an owner-and-date column written on lines of their own ("Lead for Family
    Hubs" / "Mar 2026"): ``(owners, indexes of the paragraphs that are timescales)``; ``None`` unless some
    read as timescales and the others as owners, by the evidence an owner column's content is judged by
    (:func:`extractors.columns.owner_share`, at least half)."""
    from actionplans.normalise.timescale import is_expression, parse_timescale

    def timescale(text: str) -> bool:  # "Mar 2026"; "1-2 years" too, though only a plan's date dates it
        return is_expression(text) or parse_timescale(text).status in ("dated", "ongoing", "completed")

    dated = [k for k, t in enumerate(texts) if timescale(t)]
    rest = [t for k, t in enumerate(texts) if k not in dated]
    owners = split_owners(rest) if dated and rest else []
    return (owners, dated) if owners and owner_share(rest) >= 0.5 else None


def owner_and_date(text: str) -> tuple[list[str], str] | None:
    """``(owners, timescale)`` of a cell that gives both, an owner and then a date after a dash, comma or
    "by" ("Monitoring Officer - December 2024", "Director of Finance, Q3 2025/26"); ``None`` unless the
    tail reads as a timescale and every owner of the head as a role, a team or a person."""
    from actionplans.normalise.owners import is_complete
    from actionplans.normalise.roles import looks_like_person
    from actionplans.normalise.timescale import parse_timescale

    m = _OWNER_DATE.match(collapse(text))
    if m is None or parse_timescale(m["date"]).status not in ("dated", "ongoing", "completed"):
        return None
    owners = split_owners([m["owner"]])
    if not owners or not all(is_complete(o) or looks_like_person(o, model=False) for o in owners):
        return None
    return owners, m["date"].strip()


_DEADLINE_WORD = re.compile(r"^(?:by|due|due by|target|deadline)\s+(?P<date>.+)$", re.IGNORECASE)


def trailing_fields(text: str) -> tuple[str, list[str], str | None] | None:
    """An item that closes with its own fields in brackets, "Review the scheme (Lead: Head of Housing, by
    March 2025)": ``(text without them, owners, timescale)``; ``None`` unless every part of the bracket is a
    field (an owner or timescale label, or "by" / "due" and a date) and one of them is labelled: a bare
    "(by September 2024)" is part of the action's words."""
    stripped = text.rstrip(" .;")
    if not stripped.endswith(")"):
        return None
    depth, start = 0, -1
    for k in range(len(stripped) - 1, -1, -1):  # the bracket that the closing one closes, brackets inside it kept
        depth += {")": 1, "(": -1}.get(stripped[k], 0)
        if depth == 0:
            start = k
            break
    if start <= 0:
        return None
    from actionplans.normalise.timescale import parse_timescale

    owners: list[str] = []
    timescale: str | None = None
    labelled = False
    for part in _split_outside_brackets(stripped[start + 1 : -1]):
        label = read_label(part)
        deadline = _DEADLINE_WORD.match(part)
        if label is not None and label.kind == "owner" and label.value:
            owners.extend(split_owners([label.value]))
            labelled = True
        elif label is not None and label.kind == "timescale" and label.value:
            timescale, labelled = label.value, True
        elif timescale is None and (deadline is not None or labelled) and parse_timescale(part).status != "unknown":
            timescale = part  # "by December 2024", or after a label "Ongoing in response to delivery need"
        else:
            return None
    if not labelled:
        return None  # "(by September 2024)" alone is the action's own words, kept as written
    return stripped[:start].rstrip(" ,;-–"), owners, timescale


def _split_outside_brackets(text: str) -> list[str]:
    """``text`` cut at commas and semicolons that stand outside brackets."""
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch in ",;" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


def _labelled_owners(labelled: dict[str, list[Para]]) -> list[str]:
    lines, how = cell_breaks(labelled.get("owner", []))
    return split_owners(lines, how) if lines else []


def _labelled_text(labelled: dict[str, list[Para]], kind: str) -> str | None:
    return collapse(" ".join(join_lines(para) for para in labelled.get(kind, []))) or None


def own_number(text: str) -> tuple[str | None, str]:
    """An action's own number written at its start ("1.2 Develop ..."): ``(number, text without it)``."""
    found = objective_number(text)
    if found and found[1][:1].isupper():
        return found
    return None, text


def item_ids(items: Sequence[Item], prefix: str) -> list[str]:
    """Ids for items: the document's lettering where it has one ("1.1.a"), else a running number."""
    out = []
    lettered = any(it.kind in ("letter", "roman") for it in items)
    for n, item in enumerate(items, start=1):
        if item.marker and item.kind in ("letter", "roman", "number"):
            out.append(f"{prefix}.{item.marker}")
        elif lettered and n == 1:
            out.append(f"{prefix}.a")  # the list began at "b": this is the unlettered first item
        else:
            out.append(f"{prefix}.{n}")
    return out
