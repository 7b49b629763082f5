"""Word and Excel layouts found in held-out plans, each rebuilt here by code (no council's text).

* A recommendation merged down its rows beside a column of the actions' own references ("1a", "1b"):
  the references number the actions under the recommendation's own number ("1. The quality of ...").
* Blank spacer rows between the groups of a sheet (or a Word table): separators, not the end of a table.
* A heading above each table whose number carries the plan's prefix ("Recommendation R1"), the
  recommendation's words in a paragraph under it and a field line ("Auditor's priority rating: High") right
  above the table: the heading numbers the recommendation, the paragraph is its text.
* One two-column form table per action ("Action ref | R1.1", "What we will do | ...", "Lead | ...") under
  a numbered heading per recommendation: field names read as column headers would be, the id field numbers
  the card's action.
* A sheet exported to PDF whose recommendations' title rows have no rules: each title is a line between
  two ruled pieces of the grid, and reads as the row spanning the grid it was.

Each class is checked in .docx, .xlsx and, where a reader of its own is involved, the same table drawn as
a PDF; each has near misses that look alike but must read as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import write_sheet
from reportlab import rl_config

rl_config.invariant = 1

from actionplans.extractors import extract_doc, read_document  # noqa: E402
from actionplans.extractors.readers.excel import read_excel  # noqa: E402
from actionplans.extractors.readers.word import read_word  # noqa: E402

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

Group = tuple[str, list[tuple[str, ...]]]
"""A recommendation's cell and the rows of its actions."""


def _word(path: Path, header: tuple[str, ...], groups: list[Group], merged: int | None) -> Path:
    """A Word table: ``header``, then each group's rows, its first cell ``merged`` down them (or written on the
    first row only when ``merged`` is None)."""
    document = docx.Document()
    document.add_paragraph("Action plan")
    table = document.add_table(rows=1 + sum(len(rows) for _, rows in groups), cols=len(header))
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    r = 1
    for rec, rows in groups:
        top = r
        for row in rows:
            for c, text in enumerate(row):
                table.cell(r, c).text = text
            r += 1
        if merged is not None:
            table.cell(top, merged).merge(table.cell(r - 1, merged)).text = rec
    document.save(str(path))
    return path


def _pdf(path: Path, header: tuple[str, ...], groups: list[Group], merged: int) -> Path:
    """The same table drawn as a PDF with ruled cells, the recommendation's cell spanning its rows."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    style = getSampleStyleSheet()["BodyText"]
    data: list[list[Any]] = [list(header)]
    commands: list[Any] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for rec, rows in groups:
        top = len(data)
        for k, row in enumerate(rows):
            cells: list[Any] = [Paragraph(text, style) for text in row]
            cells[merged] = Paragraph(rec, style) if k == 0 else ""
            data.append(cells)
        commands.append(("SPAN", (merged, top), (merged, len(data) - 1)))
    table = RLTable(data, colWidths=[40, 150, 160, 100, 70])
    table.setStyle(TableStyle(commands))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Action plan", style), table])
    return path


# --- A: a merged recommendation beside the actions' own references -----------------------------------------

HEADER_A = ("Ref", "Recommendation", "Action", "Lead", "By when")
GROUPS_A: list[Group] = [
    (
        "1. The quality of performance reports to members should improve",
        [
            ("1a", "", "Agree a new performance framework with Cabinet", "Head of Policy", "June 2025"),
            ("1b", "", "Train report authors on the new template", "Performance Manager", "September 2025"),
            ("1c", "", "Publish quarterly reports on the website", "Head of Communications", "December 2025"),
        ],
    ),
    (
        "2. The council should strengthen its financial planning",
        [
            ("2a", "", "Refresh the medium term financial strategy", "Director of Finance", "February 2026"),
            ("2b", "", "Set up a savings board chaired by the Chief Executive", "Chief Executive", "March 2026"),
        ],
    ),
]
EXPECTED_A = [("1", "1a"), ("1", "1b"), ("1", "1c"), ("2", "2a"), ("2", "2b")]
RECS_A = [
    ("1", "The quality of performance reports to members should improve"),
    ("2", "The council should strengthen its financial planning"),
]


def _sheet_rows(header: tuple[str, ...], groups: list[Group], merged: int) -> tuple[list[list[Any]], tuple[str, ...]]:
    """The rows of a sheet holding ``groups``, the recommendation written in the first row of each, and the
    ranges that merge it down its rows."""
    rows: list[list[Any]] = [list(header)]
    merges = []
    letter = "ABCDEFGH"[merged]
    for rec, group in groups:
        top = len(rows) + 1
        for k, row in enumerate(group):
            cells: list[Any] = list(row)
            cells[merged] = rec if k == 0 else None
            rows.append(cells)
        merges.append(f"{letter}{top}:{letter}{len(rows)}")
    return rows, tuple(merges)


def _records(extraction: Any) -> tuple[list[tuple[str | None, str]], list[tuple[str | None, str | None]]]:
    return (
        [(r.rec_id, r.text) for r in extraction.recommendations],
        [(a.rec_id, a.action_id) for a in extraction.actions],
    )


@pytest.mark.parametrize("form", ["docx", "xlsx", "pdf"])
def test_references_that_refine_the_merged_recommendations_number_are_the_actions_ids(
    tmp_path: Path, form: str
) -> None:
    """ "1a", "1b", "1c" beside a cell merged down their rows that reads "1. The quality of ...": the
    references are numbered under the recommendation's own number, so they are the actions' ids and the merged
    cell (its number taken off its words) the recommendation of the rows it spans."""
    if form == "docx":
        doc = read_word(_word(tmp_path / "plan.docx", HEADER_A, GROUPS_A, merged=1))
    elif form == "xlsx":
        rows, merges = _sheet_rows(HEADER_A, GROUPS_A, merged=1)
        doc = read_excel(write_sheet(tmp_path / "plan.xlsx", rows, merges))
    else:
        doc = read_document(_pdf(tmp_path / "plan.pdf", HEADER_A, GROUPS_A, merged=1))
    extraction = extract_doc(doc)
    recs, actions = _records(extraction)
    assert actions == EXPECTED_A
    assert recs == RECS_A
    roles = {c.header: c.role for c in extraction.tables[0].columns}
    assert roles["Ref"] == "action_id" and roles["Recommendation"] == "rec_text"


def test_references_under_a_merged_recommendation_without_a_number_share_its_number(tmp_path: Path) -> None:
    """The recommendation's cell gives no number, but the references beside it share one prefix ("3") down
    each merged cell and change from row to row: they number the actions, their prefix the recommendation."""
    groups = [
        (text.split(". ", 1)[1], [(f"{n + 2}{ref[1:]}", *rest) for ref, *rest in rows])
        for n, (text, rows) in enumerate(GROUPS_A, start=1)
    ]
    rows, merges = _sheet_rows(HEADER_A, groups, merged=1)
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", rows, merges)))
    recs, actions = _records(extraction)
    assert actions == [("3", "3a"), ("3", "3b"), ("3", "3c"), ("4", "4a"), ("4", "4b")]
    assert [r for r, _ in recs] == ["3", "4"]


def test_a_ref_column_that_repeats_the_recommendations_number_stays_its_number(tmp_path: Path) -> None:
    """Near miss: "1", "1", "1" beside "1. The quality ..." (the same number, not one under it) numbers the
    recommendation, as before."""
    groups = [(rec, [(ref[0], *rest) for ref, *rest in rows]) for rec, rows in GROUPS_A]
    extraction = extract_doc(read_word(_word(tmp_path / "plan.docx", HEADER_A, groups, merged=1)))
    recs, actions = _records(extraction)
    assert recs == RECS_A
    assert [a[0] for a in actions] == ["1", "1", "1", "2", "2"]


def test_references_that_do_not_refine_the_recommendations_number_stay_its_number(tmp_path: Path) -> None:
    """Near miss: one reference per recommendation row ("1", "2") beside recommendations numbered in their
    words, one action each: nothing refines anything; the reference numbers the recommendation."""
    header = ("Ref", "Recommendation", "Action", "Lead", "By when")
    rows: list[list[Any]] = [list(header)]
    rows += [
        ["1", "1. Improve the quality of reports", "Agree a new framework with Cabinet", "Head of Policy", "June 2025"],
        ["2", "2. Strengthen financial planning", "Refresh the financial strategy", "Director of Finance", "May 2026"],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", rows)))
    recs, actions = _records(extraction)
    assert [r for r, _ in recs] == ["1", "2"]
    assert [a for a, _ in actions] == ["1", "2"]
    roles = {c.header: c.role for c in extraction.tables[0].columns}
    assert roles["Ref"] == "rec_id"


# --- B: blank spacer rows between a sheet's groups -----------------------------------------------------------

GROUPS_B = [
    (
        "Recommendation 1: Improve the quality of performance reports",
        [
            ["Agree a new performance framework", "Head of Policy", "June 2025"],
            ["Train report authors on the template", "Performance Manager", "September 2025"],
        ],
    ),
    (
        "Recommendation 2: Strengthen financial planning",
        [
            ["Refresh the medium term financial strategy", "Director of Finance", "February 2026"],
            ["Set up a savings board", "Chief Executive", "March 2026"],
        ],
    ),
    ("Recommendation 3: Invest in the workforce", [["Publish a workforce strategy", "Head of HR", "April 2026"]]),
]
EXPECTED_B = [
    ("1", "1.1", "Agree a new performance framework", ("Head of Policy",), "June 2025"),
    ("1", "1.2", "Train report authors on the template", ("Performance Manager",), "September 2025"),
    ("2", "2.1", "Refresh the medium term financial strategy", ("Director of Finance",), "February 2026"),
    ("2", "2.2", "Set up a savings board", ("Chief Executive",), "March 2026"),
    ("3", "3.1", "Publish a workforce strategy", ("Head of HR",), "April 2026"),
]


def _actions_b(extraction: Any) -> list[tuple[Any, ...]]:
    return [(a.rec_id, a.action_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions]


@pytest.mark.parametrize("spacers", [0, 1, 2])
def test_blank_rows_between_a_sheets_groups_are_spacers_of_one_table(tmp_path: Path, spacers: int) -> None:
    """One header, then each recommendation's title row and its actions, with blank rows between the groups:
    one table read as it is without the blank rows (before, each group after a blank row was a table with no
    header, its title a paragraph, and its actions were lost)."""
    rows: list[list[Any]] = [["Action", "Lead", "Target date"]]
    for k, (title, actions) in enumerate(GROUPS_B):
        rows += [[] for _ in range(spacers if k else 0)]
        rows += [[title], *actions]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", rows)))
    assert len(extraction.tables) == 1
    assert _actions_b(extraction) == EXPECTED_B
    assert [r.rec_id for r in extraction.recommendations] == ["1", "2", "3"]


def test_empty_rows_of_a_word_table_are_spacers(tmp_path: Path) -> None:
    """The same plan as one Word table with an empty row between the groups."""
    document = docx.Document()
    body: list[list[str]] = [["Action", "Lead", "Target date"]]
    for k, (title, actions) in enumerate(GROUPS_B):
        body += [["", "", ""]] if k else []
        body += [[title, "", ""], *actions]
    table = document.add_table(rows=len(body), cols=3)
    for r, row in enumerate(body):
        if len([t for t in row if t]) == 1 and r:
            table.cell(r, 0).merge(table.cell(r, 2)).text = row[0]
            continue
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert _actions_b(extract_doc(read_word(path))) == EXPECTED_B


def test_a_second_table_with_its_own_header_after_blank_rows_stays_a_table_of_its_own(tmp_path: Path) -> None:
    """Near miss: after the plan, blank rows, a title row and a header of other columns ("Risk", "Mitigation"):
    a table of its own, its header never read as a row of the plan."""
    rows: list[list[Any]] = [["Action", "Lead", "Target date"]]
    for title, actions in GROUPS_B:
        rows += [[title], *actions]
    rows += [[], ["Risks to delivery"], ["Risk", "Mitigation", "Risk owner"]]
    rows += [["Savings are not delivered on time", "Monthly budget monitoring by Cabinet", "Director of Finance"]]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", rows)))
    assert _actions_b(extraction)[: len(EXPECTED_B)] == EXPECTED_B
    assert not any(a.text == "Risk" or "Mitigation" in a.text for a in extraction.actions)
    assert len(extraction.tables) == 2


# --- C: a prefixed heading, its words and a field line above each table ------------------------------------

HEADER_C = ("What we will do", "Responsible officer", "By when")
GROUPS_C = [
    (
        "The Council should update its financial strategy to show how the budget gap will be closed.",
        "High",
        [
            ("Refresh the strategy with updated assumptions", "Chief Finance Officer", "February 2025"),
            ("Develop a savings programme with named leads", "Director of Resources", "Q1 2025/26"),
        ],
    ),
    (
        "The Council should strengthen the monitoring of its capital programme.",
        "Medium",
        [
            ("Introduce a monthly capital monitoring report", "Finance Manager", "December 2024"),
            ("Report slippage to Cabinet each quarter", "Finance Manager", "March 2025"),
            ("Require a business case for new schemes", "Director of Resources", "April 2025"),
        ],
    ),
]


def _headed_word(path: Path, heading: str, field: str | None) -> Path:
    document = docx.Document()
    document.add_heading("Management response and action plan", 1)
    document.add_paragraph("The auditor made two recommendations; our response follows.")
    for n, (rec, priority, rows) in enumerate(GROUPS_C, start=1):
        document.add_heading(heading.format(n=n), 2)
        document.add_paragraph().add_run(rec).bold = True
        if field:
            document.add_paragraph().add_run(f"{field}: {priority}").italic = True
        table = document.add_table(rows=1 + len(rows), cols=len(HEADER_C))
        for c, text in enumerate(HEADER_C):
            table.cell(0, c).text = text
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.add_paragraph("")
    document.save(str(path))
    return path


def _headed_pdf(path: Path, heading: str, field: str | None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    styles = getSampleStyleSheet()
    story: list[Any] = [
        Paragraph("Management response and action plan", styles["Heading1"]),
        Paragraph("The auditor made two recommendations; our response follows.", styles["BodyText"]),
    ]
    for n, (rec, priority, rows) in enumerate(GROUPS_C, start=1):
        story.append(Paragraph(heading.format(n=n), styles["Heading2"]))
        story.append(Paragraph(f"<b>{rec}</b>", styles["BodyText"]))
        if field:
            story.append(Paragraph(f"<i>{field}: {priority}</i>", styles["BodyText"]))
        data = [list(HEADER_C), *([Paragraph(t, styles["BodyText"]) for t in row] for row in rows)]
        table = RLTable(data, colWidths=[230, 130, 90])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table, Spacer(1, 12)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.mark.parametrize("field", ["Auditor's priority rating", "Risk level", None])
@pytest.mark.parametrize("heading", ["Recommendation R{n}", "Recommendation REC-{n}", "Recommendation No. {n}"])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_a_prefixed_heading_above_each_table_numbers_its_recommendation(
    tmp_path: Path, form: str, heading: str, field: str | None
) -> None:
    """ "Recommendation R1" above a table, the recommendation's words in the paragraph under it, and (or
    not) a field line right above the table ("Risk level: High"): recommendation 1 with those words and not
    the field's, its actions 1.1, 1.2 (before: no recommendation was read, and the field line's value was
    taken as the section)."""
    make = _headed_word if form == "docx" else _headed_pdf
    extraction = extract_doc(read_document(make(tmp_path / f"plan.{form}", heading, field)))
    recs, actions = _records(extraction)
    assert recs == [(str(n), rec) for n, (rec, _, _) in enumerate(GROUPS_C, start=1)]
    assert actions == [("1", "1.1"), ("1", "1.2"), ("2", "2.1"), ("2", "2.2"), ("2", "2.3")]
    assert {a.section for a in extraction.actions} == {None}


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Recommendation R3: Review the constitution", "3"),
        ("Recommendation REC-12", "12"),
        ("Finding F2 - Weak contract controls", "2"),
        ("Recommendation FY2024 savings", None),  # a year, not a prefixed number
        ("Recommendations", None),
    ],
)
def test_a_headings_number_may_carry_a_prefix(text: str, number: str | None) -> None:
    from actionplans.extractors.headings import read_heading

    found = read_heading(text)
    assert (found.number if found is not None and found.kind == "recommendation" else None) == number


# --- D: one form table (a card of fields) per action ------------------------------------------------------

CARDS_D = [
    (
        "Reduce waiting times for assessments and reviews.",
        [
            ("Introduce a single waiting list with risk-based priorities", "Head of Operations", "March 2025"),
            ("Recruit eight more social workers on permanent contracts", "Head of HR", "September 2025"),
        ],
    ),
    (
        "Improve the advice available to people who fund their own care.",
        [("Rewrite the adult social care pages of the website", "Communications Manager", "June 2025")],
    ),
]


def _card_rows(n: int, k: int, row: tuple[str, str, str], id_field: str | None) -> list[tuple[str, str]]:
    action, lead, when = row
    fields = [("What we will do", action), ("Lead", lead), ("Target date", when), ("Outcome", "Fewer people wait")]
    return [(id_field, f"R{n}.{k}"), *fields] if id_field else fields


def _cards_word(path: Path, id_field: str | None) -> Path:
    document = docx.Document()
    document.add_heading("Improvement plan", 1)
    for n, (rec, rows) in enumerate(CARDS_D, start=1):
        document.add_heading(f"{n}. {rec}", 2)
        for k, row in enumerate(rows, start=1):
            card = _card_rows(n, k, row, id_field)
            table = document.add_table(rows=len(card), cols=2)
            for r, (name, value) in enumerate(card):
                table.cell(r, 0).text, table.cell(r, 1).text = name, value
            document.add_paragraph("")
    document.save(str(path))
    return path


def _cards_pdf(path: Path, id_field: str | None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    styles = getSampleStyleSheet()
    story: list[Any] = [Paragraph("Improvement plan", styles["Heading1"])]
    for n, (rec, rows) in enumerate(CARDS_D, start=1):
        story.append(Paragraph(f"{n}. {rec}", styles["Heading2"]))
        for k, row in enumerate(rows, start=1):
            data = [[name, Paragraph(value, styles["BodyText"])] for name, value in _card_rows(n, k, row, id_field)]
            table = RLTable(data, colWidths=[120, 330])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [table, Spacer(1, 10)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.mark.parametrize("id_field", ["Action ref", "Ref", None])
@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_one_form_table_per_action_reads_as_its_action(tmp_path: Path, form: str, id_field: str | None) -> None:
    """A card of fields per action under each recommendation's numbered heading, its field names ones a
    column header would have ("What we will do", "Target date", "Outcome"): each card is an action with its
    owner, timescale and measure, numbered by its id field where it has one (before: no plan found)."""
    make = _cards_word if form == "docx" else _cards_pdf
    extraction = extract_doc(read_document(make(tmp_path / f"plan.{form}", id_field)))
    recs, actions = _records(extraction)
    assert recs == [(str(n), rec) for n, (rec, _) in enumerate(CARDS_D, start=1)]
    assert actions == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]
    wanted = [row for _, rows in CARDS_D for row in rows]
    assert [(a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        (text, (lead,), when) for text, lead, when in wanted
    ]
    assert {a.measure for a in extraction.actions} == {"Fewer people wait"}


def test_a_two_column_table_of_plain_pairs_is_no_card(tmp_path: Path) -> None:
    """Near miss: a two-column "Risk | Mitigation" register under a heading names no fields of an action: no
    records from it."""
    document = docx.Document()
    document.add_heading("1. Risks to delivery", 2)
    table = document.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("Risk", "Mitigation"), ("Staff turnover", "Retention bonus"), ("Cost", "Review")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    document.save(str(tmp_path / "risks.docx"))
    assert not extract_doc(read_word(tmp_path / "risks.docx")).actions


# --- E: title rows drawn without rules between the ruled pieces of one grid ---------------------------------

HEADER_E = ("Ref", "By when", "Action", "Who", "Outcome")
GROUPS_E: list[tuple[str, list[tuple[str, ...]]]] = [
    (
        "1. Reduce the number of people waiting for an assessment.",
        [
            (
                "1a",
                "Sept 2025",
                "Run weekend assessment clinics",
                "Head of Occupational Therapy",
                "Waiting list below 100",
            ),
            ("1b", "2025/26", "Train trusted assessors in care homes", "Head of Occupational Therapy", "50 trained"),
        ],
    ),
    (
        "2. Improve oversight of commissioned care providers.",
        [
            ("2a", "Oct 2025", "Visit every registered care provider", "Quality Assurance Lead", "All visited"),
            ("2b", "Dec 2025", "Introduce a provider risk dashboard", "Head of Commissioning", "Reviewed monthly"),
            ("2c", "Ongoing", "Hold quarterly provider forums", "Head of Commissioning", "Forums held"),
        ],
    ),
    (
        "3. Strengthen safeguarding adults practice.",
        [("3a", "Jul 2025", "Audit 30 safeguarding enquiries each quarter", "Head of Safeguarding", "Audit reported")],
    ),
]


def _titled_grid_pdf(path: Path, ruled_titles: bool, gap: float = 0.0, indent: float = 0.0) -> Path:
    """The plan as a PDF: one grid with a spanning title row per recommendation (``ruled_titles``), or the
    title rows drawn as lines between ruled pieces, ``gap`` points of space around each and ``indent`` in."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    body = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    title = ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", leftIndent=indent)
    widths = [30, 60, 220, 170, 150]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    story: list[Any] = [Paragraph("Improvement plan (test)", body)]
    if ruled_titles:
        data: list[list[Any]] = [list(HEADER_E)]
        commands = list(grid.getCommands())
        for rec, rows in GROUPS_E:
            commands.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([Paragraph(rec, title), "", "", "", ""])
            data += [[Paragraph(t, body) for t in row] for row in rows]
        table = RLTable(data, colWidths=widths, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        story.append(table)
    else:
        story.append(RLTable([list(HEADER_E)], colWidths=widths, style=grid, hAlign="LEFT"))
        for rec, rows in GROUPS_E:
            story += [Spacer(1, gap), Paragraph(rec, title), Spacer(1, gap)]
            cells = [[Paragraph(t, body) for t in row] for row in rows]
            story.append(RLTable(cells, colWidths=widths, style=grid, hAlign="LEFT"))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    return path


def _plan_records(extraction: Any) -> list[tuple[Any, ...]]:
    return [(a.rec_id, a.action_id, a.text, a.owners, a.timescale_raw, a.measure) for a in extraction.actions]


def test_title_lines_between_ruled_pieces_of_a_grid_read_as_its_spanning_rows(tmp_path: Path) -> None:
    """Metamorphic: each recommendation's title drawn as an unruled line between the ruled pieces of the grid
    (as a spreadsheet with unmerged title rows exports to PDF) gives the records of the same plan with the
    titles as ruled rows spanning the grid (before: the pieces had no header, and 2 of 3 recommendations and
    their actions were lost)."""
    spanning = extract_doc(read_document(_titled_grid_pdf(tmp_path / "spanning.pdf", ruled_titles=True)))
    lines = extract_doc(read_document(_titled_grid_pdf(tmp_path / "lines.pdf", ruled_titles=False)))
    assert [r.rec_id for r in spanning.recommendations] == ["1", "2", "3"]
    assert len(spanning.actions) == 6 and {a.measure for a in spanning.actions} > {"Forums held"}
    assert _plan_records(lines) == _plan_records(spanning)
    assert _records(lines)[0] == _records(spanning)[0]


@pytest.mark.parametrize(("gap", "indent"), [(18.0, 0.0), (0.0, 420.0)], ids=["spaced-out", "right-half"])
def test_lines_between_tables_that_do_not_fill_the_gap_stay_paragraphs(
    tmp_path: Path, gap: float, indent: float
) -> None:
    """Near misses: the titles set apart by space of their own, or starting in the grid's right half, are no
    rows of it: the pieces stay tables of their own (each title the heading above its piece)."""
    doc = read_document(_titled_grid_pdf(tmp_path / "plan.pdf", ruled_titles=False, gap=gap, indent=indent))
    from actionplans.extractors.tables import find_tables

    assert len(find_tables(doc)) == 1 + len(GROUPS_E)


# --- F: a tracker's title rows date it ---------------------------------------------------------------------


@pytest.mark.parametrize("due", ["30 September 2024", "31 March 2025"])
def test_a_last_updated_line_above_the_records_dates_the_tracker(tmp_path: Path, due: str) -> None:
    """ "Last updated: 30 September 2024" in a sheet's title rows dates the tracker, also where an action is
    due that very day (before: a line whose date was a record's value was taken for the record's field)."""
    rows: list[list[Any]] = [
        ["Borough Council"],
        ["Internal audit recommendations tracker (test)"],
        ["Last updated: 30 September 2024"],
        [],
        ["Rec No.", "Recommendation", "Agreed action", "Action owner", "Due date"],
        ["1", "Review the contracts register", "Publish the register", "Procurement Lead", due],
        ["2", "Update the scheme of delegation", "Take the scheme to Council", "Monitoring Officer", "March 2025"],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "tracker.xlsx", rows)))
    assert [a.timescale_raw for a in extraction.actions] == [due, "March 2025"]
    found = extraction.date
    assert found is not None and (found.year, found.month, found.day) == (2024, 9, 30)


CARDS_N = [
    (
        "Set out a clear timetable for the merger work",
        [
            (
                "Publish a joint programme plan with the neighbouring council covering the business case and the "
                "decisions each council will need to take.",
                "Chief Executive",
                "January 2025",
                "Programme plan published on both councils' intranets",
            ),
            (
                "Hold quarterly all-staff briefings led by both chief executives, with questions taken in advance.",
                "Chief Executive; Head of People",
                "Ongoing (quarterly)",
                "Staff survey shows at least 60% feel informed about the merger",
            ),
        ],
    ),
    (
        "Rebuild reserves and agree a savings programme",
        [
            (
                "Agree a reserves policy that sets a minimum level of general reserves and a plan to reach it.",
                "Head of Finance",
                "February 2025",
                "Policy approved by Council with the 2025/26 budget",
            ),
        ],
    ),
]


def test_cards_set_back_to_back_read_as_cards_not_as_one_table(tmp_path: Path) -> None:
    """Cards of "What | Who | When | Measure" rows one right after another under a heading, with no paragraph
    between: before, the first recommendation's two cards were read as one two-column table (the first
    card's last row taken for the header over the second card's rows), losing an action and making three
    of the second card's fields actions."""
    document = docx.Document()
    document.add_paragraph("LGA Corporate Peer Challenge – Action Plan")
    for n, (rec, rows) in enumerate(CARDS_N, start=1):
        document.add_paragraph(f"Recommendation {n} – {rec}")
        for action, lead, when, measure in rows:
            card = [("What", action), ("Who", lead), ("When", when), ("Measure", measure)]
            table = document.add_table(rows=len(card), cols=2)
            for r, (name, value) in enumerate(card):
                table.cell(r, 0).text, table.cell(r, 1).text = name, value
    path = tmp_path / "cards.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.rec_id, a.text, a.owners, a.timescale_raw, a.measure) for a in extraction.actions] == [
        (str(n), text, tuple(lead.split("; ")), when, measure)
        for n, (_, rows) in enumerate(CARDS_N, start=1)
        for text, lead, when, measure in rows
    ]
