"""Read an Excel workbook (``.xlsx``) into blocks: each visible sheet a table.

Councils track plans in workbooks: a tracker per sheet, title rows above the
header, recommendation cells merged down their actions, real date cells,
RAG status as a cell's fill, and notes or lookup sheets beside the plan.
This reader finds structure, not meaning:

* each visible sheet gives a paragraph with its name (a cue the grammar may
  use, as it would a heading) and its used range as one
  :class:`~extractors.model.Table`; rows above the first row with two or more
  filled cells (a title, a date) and below the last one are paragraphs;
  which sheet holds a plan, and which row is its header, the plan grammar
  decides, as it does for every reader;
* a merged range stands in every row it covers at its first column, with
  ``None`` across the columns it covers (as a Word or HTML table's merged cells);
* cells are read as Excel shows them: formulas by their cached values, dates
  in the cell's own date format (``mmm yyyy`` gives ``Jun 2025``), numbers
  without a float's noise, line breaks inside a cell as its paragraphs;
* a solid fill is the cell's ``fill`` (a RAG cell that is only a colour);
* hidden sheets, and rows and columns hidden by hand, are not read, as Excel
  neither shows nor prints them (the PDF a council makes of the sheet lacks
  them: superseded actions, lookups), each with a note, as are sheets cut to
  :data:`MAX_CELLS`; a merged range whose first cell is hidden stands where it
  shows.  Rows a filter hides or a collapsed outline folds away are read.

Provenance: the sheet row is the line number, and ``ref`` is the cell
(``Plan!C7``).
"""

from __future__ import annotations

import colorsys
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from actionplans.extractors.bounds import MAX_LINE
from actionplans.extractors.errors import CorruptDocument, EmptyDocument
from actionplans.extractors.model import Block, Cell, Line, Paragraph, Row, SourceDoc, Table, hex_fill
from actionplans.extractors.readers.package import check_package
from actionplans.normalise.text import collapse

MAX_CELLS = 200_000
"""Most cells read from one sheet (a plan tracker has a few thousand); the rest is cut, with a note."""


def read_excel(path: Path) -> SourceDoc:
    """A ``.xlsx`` workbook as blocks; :class:`CorruptDocument` if it is not a readable workbook."""
    check_package(path, "xl/workbook.xml", "Excel workbook")
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True, rich_text=False)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl meets damaged XML with whatever error it hits first
        raise CorruptDocument(f"not a readable Excel workbook ({type(exc).__name__}: {exc})") from exc
    blocks: list[Block] = []
    notes: list[str] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            notes.append(f"sheet {sheet.title!r} is {sheet.sheet_state}: not read")
            continue
        blocks += _sheet_blocks(sheet, notes)
    if not blocks:
        raise EmptyDocument("the workbook has no filled cells" + (f" ({'; '.join(notes)})" if notes else ""))
    return SourceDoc(blocks=blocks, reader="xlsx", notes=notes)


def _sheet_blocks(sheet: Any, notes: list[str]) -> list[Block]:
    title = sheet.title
    cells: dict[tuple[int, int], Any] = {}
    count = 0
    hidden_rows, hidden_cols = _hidden(sheet)
    shows = _merged_origins_shown(sheet, hidden_rows, hidden_cols)
    skipped: set[tuple[str, int]] = set()
    for row in sheet.iter_rows():
        for cell in row:
            if (cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())) and _fill(cell) is None:
                continue  # neither a value nor a colour (a RAG cell may be only a colour)
            if (cell.row in hidden_rows or cell.column in hidden_cols) and (cell.row, cell.column) not in shows:
                skipped.add(("row", cell.row) if cell.row in hidden_rows else ("column", cell.column))
                continue
            count += 1
            if count > MAX_CELLS:
                break
            cells[(cell.row, cell.column)] = cell
        if count > MAX_CELLS:
            notes.append(f"sheet {title!r} was cut to its first {MAX_CELLS:,} filled cells")
            break
    _note_hidden(title, skipped, notes)
    if not cells:
        return []
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    """Every cell a merged range covers -> the range's first cell."""
    for rng in sheet.merged_cells.ranges:
        if (rng.max_row - rng.min_row + 1) * (rng.max_col - rng.min_col + 1) > MAX_CELLS:
            continue
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    rows_used = sorted({r for r, _ in cells})
    cols_used = sorted({c for _, c in cells} | {c for (r, c), first in merged.items() if first in cells})
    first_col, last_col = cols_used[0], cols_used[-1]
    columns = [c for c in range(first_col, last_col + 1) if c not in hidden_cols]

    made: dict[tuple[int, int], Cell] = {}
    shown: dict[tuple[int, int], str] = {}
    """Cells read otherwise than their number format says (date serials among a table's headers)."""

    def cell_at(r: int, c: int) -> Cell | None:
        origin = merged.get((r, c), (r, c))
        if origin[1] != c:
            return None  # covered by a range merged across from its left
        if origin not in made:
            source = cells.get(origin)
            made[origin] = _cell(source, title, shown.get(origin)) if source is not None else Cell()
        return made[origin]

    def filled(r: int) -> int:
        """Cells of row ``r`` with a value or a colour, or covered by a range merged from above."""
        return sum(1 for c in columns if (r, c) in cells or merged.get((r, c), (r, c))[0] < r)

    def overflows(r: int) -> bool:
        """Row ``r`` holds one value, in the first column, and nothing beside it: Excel shows its text across
        the empty cells to its right, as a row spanning the table (a heading or theme row)."""
        return (r, first_col) in cells and merged.get((r, first_col)) is None and filled(r) == 1

    def table_row(r: int) -> Row:
        if overflows(r) and len(columns) > 1:
            return Row(cells=[cell_at(r, first_col), *([None] * (len(columns) - 1))], whole=True)
        return Row(cells=[cell_at(r, c) for c in columns], whole=True)

    blocks: list[Block] = [Paragraph(lines=[Line(text=title, ref=f"{title}!A1", tab_name=True)])]
    tables = 0
    open_table = False
    """The region above ended in its table: blank rows after it may be spacers between its groups."""
    for region in _regions(rows_used, filled, hidden_rows):
        # A region (rows between blank rows): the rows before its first row of two or more filled cells, and
        # after its last, are paragraphs (a title, a heading, a note); the rows between them a table.
        wide = [r for r in region if filled(r) >= 2]
        top, bottom = (wide[0], wide[-1]) if wide else (region[-1] + 1, region[-1])
        if open_table and wide:
            # After a table and blank rows, a row of one cell over rows of the table's columns is a row of the
            # table, as it would be without the blank rows above it (a recommendation's title between spacer
            # rows): kept in the table, for tables.py to tell a continuation from a table of its own.
            top = region[0]
        open_table = bool(wide) and bottom == region[-1]
        for r in region:
            if r < top:
                blocks += _row_paragraphs(r, first_col, last_col, cells, title)
        if wide:
            tables += 1
            serials = _serial_dates(top, first_col, last_col, cells)
            if serials:
                shown.update(serials)
                notes.append(
                    f"sheet {title!r}: numbers in row {top} read as the dates they stand for (Excel date serials "
                    f"among the headers: {', '.join(serials.values())})"
                )
            blocks.append(Table(rows=[table_row(r) for r in region if top <= r <= bottom], kind="xlsx"))
        for r in region:
            if r > bottom:
                blocks += _row_paragraphs(r, first_col, last_col, cells, title)
    if not tables:
        notes.append(f"sheet {title!r} has no table (no row with two filled cells): read as paragraphs")
    return blocks


def _regions(rows: list[int], filled: Any, hidden: set[int]) -> list[list[int]]:
    """The rows from the first used one to the last, in runs that blank rows separate (a row that a merged
    range covers is not blank; a hidden row is no row at all)."""
    return blank_parted((r for r in range(rows[0], rows[-1] + 1) if r not in hidden), filled)


def blank_parted(rows: Iterable[int], filled: Callable[[int], object]) -> list[list[int]]:
    """``rows`` in runs that blank rows (``filled`` false) separate: a sheet's regions, each a table or its
    title rows (the delimited reader's too)."""
    out: list[list[int]] = []
    blank = True
    for r in rows:
        if not filled(r):
            blank = True
            continue
        if blank:
            out.append([])
            blank = False
        out[-1].append(r)
    return out


def _row_paragraphs(r: int, first: int, last: int, cells: dict[tuple[int, int], Any], title: str) -> list[Block]:
    out: list[Block] = []
    for c in range(first, last + 1):
        if (r, c) in cells:
            cell = _cell(cells[(r, c)], title)
            out += [Paragraph(lines=para) for para in cell.paras]
    return out


_SERIALS = (36526, 54788)
"""Excel date serials of 1 January 2000 and 31 December 2049: a number in this range among a table's headers
is a date that lost its format (a progress column headed by the month it reports on)."""


def _serial_dates(r: int, first: int, last: int, cells: dict[tuple[int, int], Any]) -> dict[tuple[int, int], str]:
    """The cells of row ``r`` (a table's first row) that hold bare whole numbers in the range of recent date
    serials, beside header words, with the dates they stand for; none unless most of the row is words."""
    values = {c: cells[(r, c)].value for c in range(first, last + 1) if (r, c) in cells}
    words = [v for v in values.values() if isinstance(v, str) and v.strip()]
    serial = {
        c: v
        for c, v in values.items()
        if isinstance(v, int | float)
        and not isinstance(v, bool)
        and float(v).is_integer()
        and _SERIALS[0] <= v <= _SERIALS[1]
    }
    if not serial or len(words) < len(serial) or len(words) < 2:
        return {}
    base = dt.date(1899, 12, 30)  # Excel's day 0 (in the 1900 date system, past its 1900 leap-year slip)
    out = {}
    for c, v in serial.items():
        day = base + dt.timedelta(days=int(v))
        out[(r, c)] = format_date(day, "mmm yyyy" if day.day == 1 else "d mmm yyyy")
    return out


def _cell(source: Any, sheet: str, text: str | None = None) -> Cell:
    ref = f"{sheet}!{source.coordinate}"
    if text is None:
        text = display(source.value, source.number_format or "General") if source.value is not None else ""
    font = source.font
    size = float(font.sz) if font is not None and font.sz else None
    bold = bool(font is not None and font.b)
    paras = [
        [Line(text=collapse(part)[:MAX_LINE], lineno=source.row, ref=ref, size=size, bold=bold)]
        for part in re.split(r"\r?\n", text)
        if part.strip()
    ]
    return Cell(paras=paras, fill=_fill(source), ref=ref)


def _hidden(sheet: Any) -> tuple[set[int], set[int]]:
    """The numbers of the sheet's rows and columns hidden by hand (a column's entry may cover a range).

    Rows a filter hides (an AutoFilter with a condition) or a collapsed outline folds away are not among
    them: they are the plan's rows, out of sight for now ("Status = Open", actions grouped under their
    recommendation), and are read."""
    from openpyxl.utils import range_boundaries

    filtered: range = range(0)
    auto = sheet.auto_filter
    if auto is not None and auto.ref and auto.filterColumn:
        _, top, _, bottom = range_boundaries(auto.ref)
        filtered = range(top or 0, (bottom or 0) + 1)
    rows = {r for r, dim in sheet.row_dimensions.items() if dim.hidden and not dim.outlineLevel and r not in filtered}
    cols = {
        c
        for dim in sheet.column_dimensions.values()
        if dim.hidden and not dim.outlineLevel
        for c in range(dim.min or 0, (dim.max or 0) + 1)
    }
    return rows, cols - {0}


def _merged_origins_shown(sheet: Any, rows: set[int], cols: set[int]) -> set[tuple[int, int]]:
    """First cells of merged ranges that reach a shown row and column: Excel shows their value there."""
    return {
        (rng.min_row, rng.min_col)
        for rng in sheet.merged_cells.ranges
        if any(r not in rows for r in range(rng.min_row, rng.max_row + 1))
        and any(c not in cols for c in range(rng.min_col, rng.max_col + 1))
    }


def _note_hidden(title: str, skipped: set[tuple[str, int]], notes: list[str]) -> None:
    from openpyxl.utils import get_column_letter

    rows = sorted(n for kind, n in skipped if kind == "row")
    cols = [get_column_letter(n) for kind, n in sorted(skipped) if kind == "column"]
    if rows:
        shown = ", ".join(str(r) for r in rows[:10]) + (", ..." if len(rows) > 10 else "")
        notes.append(f"sheet {title!r}: {len(rows)} hidden row(s) not read ({shown})")
    if cols:
        notes.append(f"sheet {title!r}: hidden column(s) {', '.join(cols)} not read")


def _fill(source: Any) -> tuple[float, float, float] | None:
    """A solid fill's colour (RGB, 0-1) as Excel shows it: given as RGB, as one of the workbook theme's
    colours (with its tint), or as an index into Excel's palette; ``None`` for none or white."""
    fill = source.fill
    if fill is None or fill.fill_type != "solid" or fill.fgColor is None:
        return None
    colour = fill.fgColor
    rgb: str | None = None
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        rgb = colour.rgb
    elif colour.type == "theme" and isinstance(colour.theme, int):
        workbook = getattr(getattr(source, "parent", None), "parent", None)
        palette = _theme_palette(getattr(workbook, "loaded_theme", None))
        if 0 <= colour.theme < len(palette):
            rgb = _tinted(palette[colour.theme], float(colour.tint or 0.0))
    elif colour.type == "indexed" and isinstance(colour.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        rgb = COLOR_INDEX[colour.indexed] if 0 <= colour.indexed < len(COLOR_INDEX) else None
    return hex_fill(rgb)


_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")  # fmt: skip
"""A fill's theme index names these colours of the theme's colour scheme (the light and dark pairs come
first, light before dark, the other way round from the order the scheme lists them in)."""


@functools.lru_cache(maxsize=8)
def _theme_palette(theme: bytes | None) -> tuple[str, ...]:
    """The theme's colours as hex, in the order a fill's theme index counts them (empty without a theme)."""
    if not theme:
        return ()
    from lxml import etree

    try:
        root = etree.fromstring(theme, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return ()
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    found: dict[str, str] = {}
    for name in _THEME_ORDER:
        element = root.find(f".//a:clrScheme/a:{name}", ns)
        if element is None or not len(element):
            return ()
        value = element[0].get("val") if etree.QName(element[0]).localname == "srgbClr" else element[0].get("lastClr")
        if not value:
            return ()
        found[name] = value
    return tuple(found[name] for name in _THEME_ORDER)


def _tinted(rgb: str, tint: float) -> str:
    """``rgb`` lightened (``tint`` > 0) or darkened (< 0) as Excel does: on the lightness of its HLS form."""
    if not tint:
        return rgb
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    return "".join(f"{round(255 * v):02X}" for v in colorsys.hls_to_rgb(h, lightness, s))


# --- values as Excel shows them ---------------------------------------------------------------------------


def display(value: Any, number_format: str) -> str:
    """``value`` as a cell with ``number_format`` shows it: dates in their date format, whole numbers
    without ``.0``, text as it is."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return format_date(value, number_format)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if "%" in number_format:
            return f"{value * 100:.{_decimals(number_format)}f}%"
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)


def _decimals(number_format: str) -> int:
    m = re.search(r"\.(0+)", number_format)
    return len(m.group(1)) if m else 0


_DATE_TOKEN = re.compile(r"yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s", re.IGNORECASE)
_FORMAT_PART = re.compile(rf'\[[^\]]*\]|"[^"]*"|\\.|_.|\*.|{_DATE_TOKEN.pattern}|.', re.IGNORECASE | re.DOTALL)
"""A number format, piece by piece: a ``[...]`` locale or colour, a quoted literal, an escaped character, a
padding or fill, a date token, or any other character (shown as it is)."""


def format_date(value: dt.date | dt.datetime | dt.time, number_format: str) -> str:
    """A date as Excel's ``number_format`` shows it (day, month, year, hour, minute and second tokens;
    ``General`` and formats without a date token give ISO dates).  ``m`` is a month unless it follows an
    hour or precedes seconds, as in Excel."""
    parts = _FORMAT_PART.findall(number_format.split(";")[0])
    tokens = [i for i, part in enumerate(parts) if _DATE_TOKEN.fullmatch(part)]
    if not tokens:
        if isinstance(value, dt.datetime) and (value.hour or value.minute):
            return value.strftime("%Y-%m-%d %H:%M")
        return value.isoformat()[:10] if isinstance(value, dt.date) else value.isoformat()
    out = []
    for i, part in enumerate(parts):
        if i in tokens:
            k = tokens.index(i)
            prev = parts[tokens[k - 1]].lower() if k else ""
            nxt = parts[tokens[k + 1]].lower() if k + 1 < len(tokens) else ""
            token = part.lower()
            minute = token in ("m", "mm") and (prev.startswith("h") or nxt.startswith("s"))
            out.append(_date_part(value, token, minute))
        elif part.startswith('"'):
            out.append(part[1:-1])
        elif part.startswith("\\"):
            out.append(part[1:])
        elif part.startswith("_"):
            out.append(" ")
        elif not part.startswith(("[", "*")):
            out.append(part)
    return "".join(out).strip()


def _date_part(value: dt.date | dt.datetime | dt.time, token: str, minute: bool) -> str:
    date = value if isinstance(value, dt.date) else None
    time = value if isinstance(value, dt.time) else value if isinstance(value, dt.datetime) else None
    if minute and time is not None:
        return f"{time.minute:02d}" if token == "mm" else str(time.minute)
    if token.startswith("y") and date is not None:
        return f"{date.year:04d}" if token == "yyyy" else f"{date.year % 100:02d}"
    if token.startswith("m") and date is not None:
        return {
            "m": str(date.month),
            "mm": f"{date.month:02d}",
            "mmm": date.strftime("%b"),
            "mmmm": date.strftime("%B"),
            "mmmmm": date.strftime("%B")[0],
        }[token]
    if token.startswith("d") and date is not None:
        return {"d": str(date.day), "dd": f"{date.day:02d}", "ddd": date.strftime("%a"), "dddd": date.strftime("%A")}[
            token
        ]
    if token.startswith("h") and time is not None:
        return f"{time.hour:02d}" if token == "hh" else str(time.hour)
    if token.startswith("s") and time is not None:
        return f"{time.second:02d}" if token == "ss" else str(time.second)
    return ""
