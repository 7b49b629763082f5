"""Borderless tables found by their columns' alignment alone (``extractors.readers.borderless``).

Pages are drawn here with reportlab, text placed to the point as a word
processor sets a table with no rules: columns set apart by whitespace, rows
by a gap, headings above the tables, theme rows across them.  The reader must
find every table on a page, keep the headings between them as paragraphs,
and make a line across the table inside it a row with one spanning cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from actionplans.extractors.model import Paragraph, Row, SourceDoc, Table  # noqa: E402
from actionplans.extractors.readers.pdf import read_pdf  # noqa: E402

WIDTH, HEIGHT = landscape(A4)
COLUMNS = (50.0, 400.0, 560.0)
"""Left edges of the three columns: action, lead officer, timescale."""
HEADER = ("Action", "Lead officer", "Timescale")
LEADING = 11.5
ROW_GAP = 8.5


@dataclass
class Sheet:
    """A PDF drawn line by line from the top of each page."""

    path: Path
    pages: list[list[tuple[float, float, str, str, float]]] = field(default_factory=lambda: [[]])
    y: float = 50.0

    def text(self, x: float, text: str, font: str = "Helvetica", size: float = 9.0, dy: float = 0.0) -> None:
        self.pages[-1].append((x, self.y + dy, text, font, size))

    def line(self, *cells: tuple[float, str], font: str = "Helvetica", size: float = 9.0) -> None:
        for x, text in cells:
            self.text(x, text, font, size)
        self.y += LEADING if size < 11 else size + 4

    def gap(self, points: float) -> None:
        self.y += points

    def header(self) -> None:
        self.line(*zip(COLUMNS, HEADER, strict=True), font="Helvetica-Bold")
        self.gap(ROW_GAP)

    def row(self, *cells: tuple[str, ...]) -> None:
        """A table row: each cell's lines, top-aligned in its column."""
        for n in range(max(len(c) for c in cells)):
            self.line(*[(x, c[n]) for x, c in zip(COLUMNS, cells, strict=True) if n < len(c)])
        self.gap(ROW_GAP)

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 50.0

    def save(self) -> Path:
        pdf = canvas.Canvas(str(self.path), pagesize=(WIDTH, HEIGHT))
        for page in self.pages:
            for x, top, text, font, size in page:
                pdf.setFont(font, size)
                pdf.drawString(x, HEIGHT - top - size, text)
            pdf.setFont("Helvetica", 8)
            pdf.drawString(45, HEIGHT - 570, "Fareham Borough Council – Action plan")
            pdf.showPage()
        pdf.save()
        return self.path


def tables(doc: SourceDoc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def texts(row: Row) -> list[str | None]:
    return [c.text if c is not None else None for c in row.cells]


def heading(sheet: Sheet, text: str, size: float = 12.0) -> None:
    sheet.gap(8)
    sheet.line((50, text), font="Helvetica-Bold", size=size)
    sheet.gap(6)


def two_tables(sheet: Sheet) -> None:
    sheet.line((50, "Corporate Peer Challenge Action Plan"), font="Helvetica-Bold", size=16)
    sheet.line((50, "The council invited a peer team in November; this plan says what we will do in response."))
    heading(sheet, "R1 – Set out a clear, long-term vision for the borough that is shaped with residents and partners")
    sheet.header()
    sheet.row(
        ("Hold a place summit with health, police and voluntary sector", "partners to test draft priorities."),
        ("Chief Executive",),
        ("June 2025",),
    )
    sheet.row(
        ("Take the final vision to Full Council for adoption.",), ("Head of Policy and", "Insight"), ("Q4 2025/26",)
    )
    heading(sheet, "R2 – Strengthen medium-term financial planning to close the budget gap forecast for 2027/28")
    sheet.header()
    sheet.row(("Agree a savings and income programme.",), ("Director of Finance",), ("February 2026",))
    sheet.row(("Report progress against savings targets to Cabinet.",), ("Director of Finance",), ("Quarterly",))
    sheet.gap(12)
    sheet.line((50, "Progress on every action will be reported to Cabinet each quarter and published on the website."))


def test_two_tables_under_two_headings_on_one_page(tmp_path: Path) -> None:
    sheet = Sheet(tmp_path / "two.pdf")
    two_tables(sheet)
    doc = read_pdf(sheet.save())
    found = tables(doc)
    assert [t.kind for t in found] == ["borderless", "borderless"]
    first, second = found
    assert [texts(r) for r in first.rows] == [
        list(HEADER),
        [
            "Hold a place summit with health, police and voluntary sector partners to test draft priorities.",
            "Chief Executive",
            "June 2025",
        ],
        ["Take the final vision to Full Council for adoption.", "Head of Policy and Insight", "Q4 2025/26"],
    ]
    assert [texts(r) for r in second.rows[1:]] == [
        ["Agree a savings and income programme.", "Director of Finance", "February 2026"],
        ["Report progress against savings targets to Cabinet.", "Director of Finance", "Quarterly"],
    ]
    # the headings stay outside, as paragraphs, each just above its table; so do the text after the tables
    # and the page's footer (a page of one keeps it: a footer is known by repeating)
    order = [b.text[:3] if isinstance(b, Paragraph) else "T" for b in doc.blocks]
    assert order == ["Cor", "The", "R1 ", "T", "R2 ", "T", "Pro", "Far"]


@pytest.mark.parametrize(
    ("words", "font"),
    [
        ("make the plan's purpose clear", "Helvetica"),  # within the first column, in regular type
        ("make the plan's purpose and priorities clear to residents, partners and staff", "Helvetica-Bold"),
    ],
)
def test_headings_in_body_type_still_part_the_tables(tmp_path: Path, words: str, font: str) -> None:
    """A heading set at the table's size and spacing, followed by the header again, is the next table's."""
    sheet = Sheet(tmp_path / "plain-headings.pdf")
    for n in (1, 2):
        sheet.line((50, f"Recommendation {n} – {words}"), font=font)
        sheet.gap(ROW_GAP)
        sheet.header()
        sheet.row((f"Action {n}.1 for the recommendation.",), ("Chief Executive",), ("June 2025",))
        sheet.row((f"Action {n}.2 for the recommendation.",), ("Monitoring Officer",), ("July 2025",))
    doc = read_pdf(sheet.save())
    assert [[texts(r)[0] for r in t.rows] for t in tables(doc)] == [
        ["Action", "Action 1.1 for the recommendation.", "Action 1.2 for the recommendation."],
        ["Action", "Action 2.1 for the recommendation.", "Action 2.2 for the recommendation."],
    ]
    assert [b.text[:16] for b in doc.blocks if isinstance(b, Paragraph)][:2] == ["Recommendation 1", "Recommendation 2"]


def test_theme_rows_inside_a_table_span_it(tmp_path: Path) -> None:
    sheet = Sheet(tmp_path / "themes.pdf")
    sheet.line((50, "Climate Emergency Strategy Delivery Plan"), font="Helvetica-Bold", size=16)
    sheet.gap(10)
    sheet.header()
    bold = "Helvetica-Bold"
    sheet.line(
        (50, "Strategic priority 1 – Leading by example: the council's own buildings, its fleet and its staff"),
        font=bold,
    )
    sheet.gap(ROW_GAP)
    sheet.row(("Replace the gas boilers in the six largest buildings.",), ("Head of Property",), ("March 2027",))
    sheet.row(("Switch pool cars to electric vehicles.",), ("Fleet Manager",), ("December 2027",))
    sheet.line((50, "Strategic priority 2 – Cleaner travel"), font=bold)  # short: within the first column
    sheet.gap(ROW_GAP)
    sheet.row(("Install 300 on-street charging points.",), ("Head of Highways",), ("March 2027",))
    sheet.line((50, "Strategic priority 3 – Warmer, low-carbon homes across the whole of the county"), font=bold)
    sheet.new_page()
    sheet.header()
    sheet.row(("Retrofit 450 homes in fuel poverty.",), ("Housing Standards Manager",), ("2025/26 to 2027/28",))
    doc = read_pdf(sheet.save())
    first, second = tables(doc)
    rows = first.rows
    assert [r.spans_all for r in rows] == [False, True, False, False, True, False, True]
    assert texts(rows[1]) == [
        "Strategic priority 1 – Leading by example: the council's own buildings, its fleet and its staff",
        None,
        None,
    ]
    assert texts(rows[4]) == ["Strategic priority 2 – Cleaner travel", None, None]
    assert texts(rows[5]) == ["Install 300 on-street charging points.", "Head of Highways", "March 2027"]
    assert texts(rows[6])[0] == "Strategic priority 3 – Warmer, low-carbon homes across the whole of the county"
    assert [texts(r) for r in second.rows] == [
        list(HEADER),
        ["Retrofit 450 homes in fuel poverty.", "Housing Standards Manager", "2025/26 to 2027/28"],
    ]
    assert not any(isinstance(b, Paragraph) and "priority" in b.text for b in doc.blocks)


def test_a_continuation_page_without_a_header_and_columns_set_tight(tmp_path: Path) -> None:
    """The first row anchors the table; a cell's text may come within a few points of the next column."""
    sheet = Sheet(tmp_path / "tight.pdf")
    sheet.row(
        ("Introduce gateway reviews for every capital scheme over £1m with",),  # ends ~7 pt short of column 2
        ("Head of Finance /", "Capital Programme Manager"),
        ("By December 2025",),
    )
    sheet.row(("Publish a capital strategy alongside the budget.",), ("Head of Finance",), ("Ongoing",))
    doc = read_pdf(sheet.save())
    (table,) = tables(doc)
    assert [texts(r)[1:] for r in table.rows] == [
        ["Head of Finance / Capital Programme Manager", "By December 2025"],
        ["Head of Finance", "Ongoing"],
    ]
    assert table.rows[0].cells[0] is not None and table.rows[0].cells[0].text.endswith("with")


def test_prose_with_a_line_of_spaced_phrases_is_no_table(tmp_path: Path) -> None:
    sheet = Sheet(tmp_path / "prose.pdf")
    sheet.line((50, "Version 1.2"), (400, "March 2025"), (560, "Final"))
    sheet.gap(10)
    for _ in range(4):
        sheet.line(
            (50, "The council will publish its progress against this plan every quarter, and will ask residents")
        )
    doc = read_pdf(sheet.save())
    assert not tables(doc)


def test_a_paragraph_running_past_the_next_row_is_a_cell_merged_down(tmp_path: Path) -> None:
    """A recommendation printed once beside its actions runs on beside the second: one cell over both rows."""
    sheet = Sheet(tmp_path / "merged.pdf")
    sheet.line((50, "Recommendation"), (400, "Action"), (560, "Lead officer"), font="Helvetica-Bold")
    sheet.gap(ROW_GAP)
    sheet.line(
        (50, "Strengthen medium-term financial"), (400, "Agree a savings programme."), (560, "Director of Finance")
    )
    sheet.line((50, "planning to close the budget gap"))
    sheet.line((50, "forecast for 2027/28, with"), (400, "Report progress to Cabinet."), (560, "Director of Finance"))
    sheet.line((50, "savings agreed each year."))
    sheet.gap(ROW_GAP)
    sheet.line((50, "Invest in staff."), (400, "Run a staff survey."), (560, "Head of HR"))
    doc = read_pdf(sheet.save())
    (table,) = tables(doc)
    rows = table.rows
    assert [texts(r)[1:] for r in rows[1:]] == [
        ["Agree a savings programme.", "Director of Finance"],
        ["Report progress to Cabinet.", "Director of Finance"],
        ["Run a staff survey.", "Head of HR"],
    ]
    merged = rows[1].cells[0]
    assert merged is not None and merged.text.endswith("with savings agreed each year.")
    assert rows[2].cells[0] is merged  # merged down, as a ruled grid's merged cell reads
    assert texts(rows[3])[0] == "Invest in staff."


def test_the_rest_of_a_cut_row_under_a_repeated_header_is_a_row(tmp_path: Path) -> None:
    """Under a bold header, the first paragraph below starts the body, even in one column."""
    sheet = Sheet(tmp_path / "cut.pdf")
    sheet.header()
    sheet.row(("Introduce gateway reviews for every capital scheme, with a",), ("Head of Finance",), ("Ongoing",))
    sheet.new_page()
    sheet.header()
    sheet.row(("report to the Audit Committee after each review.",), ("",), ("",))
    sheet.row(("Publish a capital strategy alongside the budget.",), ("Head of Finance",), ("By December 2025",))
    doc = read_pdf(sheet.save())
    first, second = tables(doc)
    assert len(first.rows) == 2
    assert [texts(r) for r in second.rows] == [
        list(HEADER),
        ["report to the Audit Committee after each review.", "", ""],
        ["Publish a capital strategy alongside the budget.", "Head of Finance", "By December 2025"],
    ]
