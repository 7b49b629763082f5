"""Readers on small inputs written here: tab-separated, column-aligned, interleaved and HTML text."""

from __future__ import annotations

from pathlib import Path

import pytest

from actionplans.extractors import extract_doc, read_document
from actionplans.extractors.errors import UnsupportedFormat
from actionplans.extractors.model import Paragraph, Table
from actionplans.extractors.readers.html import html_to_doc
from actionplans.extractors.readers.text import text_to_doc


def tables(doc) -> list[Table]:  # type: ignore[no-untyped-def]
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_tsv_keeps_rows_with_trailing_tabs_and_blank_lines_inside() -> None:
    text = "Plan\n\nNo.\tRecommendation\tActions\tLead Officer\n1\tOne\tAct\tMO\n\nThemes:\t\t\t\n2\tTwo\tAct\tCX\n"
    doc = text_to_doc(text)
    assert doc.flavour == "tsv"
    assert [r.text(0) for r in tables(doc)[0].rows] == ["No.", "1", "Themes:", "2"]


def test_tsv_markup_cells_become_paragraphs() -> None:
    doc = text_to_doc("No.\tRecommendation\tActions\tLead Officer\n1\tOne\t<p>First</p> <p>Second</p>\tMO\n")
    cell = tables(doc)[0].rows[1].cells[2]
    assert cell is not None
    assert [[ln.text for ln in p] for p in cell.paras] == [["First"], ["Second"]]


COLUMNS = """Plan title
What we have committed to            Led by          Timescale   Measure
Theme row running right across the table, introducing what follows below it
Improve the thing we do for the      Head of         Mar         Numbers
residents who need it most           Service         2026        trained
Deliver school support               Active Kent     Mar 2026    Schools
Establish network for insights       CPH             2027        Network
\fNext page title
"""


def test_column_aligned_rows_and_theme() -> None:
    doc = text_to_doc(COLUMNS)
    table = tables(doc)[0]
    assert doc.flavour == "columns"
    body = table.rows[1:]
    assert body[0].spans_all
    assert [r.text(0) for r in body[1:]] == [
        "Improve the thing we do for the residents who need it most",
        "Deliver school support",
        "Establish network for insights",
    ]
    assert [r.text(1) for r in body[1:]] == ["Head of Service", "Active Kent", "CPH"]
    assert isinstance(doc.blocks[-1], Paragraph)  # the table ends at the page break


INTERLEAVED = """Recommendation 1
Engage with residents
What do we want
to achieve?

How are we going to do it?  Timescale

1.1 a. Form an officer working group to develop a Public Engagement
Charter and Strategy.
Develop/deliver a customer  March 2024
Engagement Strategy b. Officer group to include customer facing roles
1.2
Review current arrangements
for internal communications
a. Progress actions from the survey.
b. Establish an employee working group.
Spring 2024
December 2024
"""


def test_interleaved_columns_are_rebuilt() -> None:
    doc = text_to_doc(INTERLEAVED)
    assert doc.flavour == "interleaved"
    table = tables(doc)[0]
    rows = [[table.rows[r].text(c) for c in range(3)] for r in range(1, len(table.rows))]
    assert rows == [
        [
            "1.1 Develop/deliver a customer Engagement Strategy",
            "a. Form an officer working group to develop a Public Engagement Charter and Strategy. "
            "b. Officer group to include customer facing roles",
            "March 2024",
        ],
        [
            "1.2 Review current arrangements for internal communications",
            "a. Progress actions from the survey. b. Establish an employee working group.",
            "Spring 2024 December 2024",
        ],
    ]


def test_html_rowspan_and_lists() -> None:
    page = """<html><head><script>ignore()</script></head><body><h1>Action plan</h1>
    <table><tr><th>No.</th><th>Recommendation</th><th>Action</th><th>Lead officer</th></tr>
    <tr><td rowspan="2">1</td><td rowspan="2">Improve scrutiny</td><td>Review committees</td>
        <td><ul><li>Monitoring Officer</li><li>Head of Democratic Services</li></ul></td></tr>
    <tr><td>Train chairs</td><td>Monitoring Officer</td></tr></table></body></html>"""
    doc = html_to_doc(page)
    table = tables(doc)[0]
    # a rowspan's cell stands in every row it covers
    assert table.rows[2].cells[0] is table.rows[1].cells[0] and table.rows[2].cells[1] is table.rows[1].cells[1]
    extraction = extract_doc(doc)
    assert [(a.rec_id, a.text, a.owners) for a in extraction.actions] == [
        ("1", "Review committees", ("Monitoring Officer", "Head of Democratic Services")),
        ("1", "Train chairs", ("Monitoring Officer",)),
    ]
    assert "ignore" not in " ".join(p.text for p in doc.paragraphs())


def test_formats_not_read_are_unsupported_by_what_their_content_is(tmp_path: Path) -> None:
    import zipfile

    slides = tmp_path / "plan.bin"  # the name says nothing: the ZIP's parts say PowerPoint
    with zipfile.ZipFile(slides, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<p:presentation/>")
    with pytest.raises(UnsupportedFormat, match=r"a PowerPoint file \(\.pptx\) is not read .*export it as PDF"):
        read_document(slides)
    sheet = tmp_path / "plan.ods"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(UnsupportedFormat, match=r"OpenDocument spreadsheet .* save it as \.xlsx"):
        read_document(sheet)
    legacy = tmp_path / "plan.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    with pytest.raises(UnsupportedFormat, match=r"legacy Office file .* save it as \.docx or \.xlsx"):
        read_document(legacy)
    broken = tmp_path / "plan.docx"
    broken.write_bytes(b"PK\x03\x04 not really a Word document")
    with pytest.raises(UnsupportedFormat, match=r"a \.docx file whose ZIP container holds no \.docx parts"):
        read_document(broken)
    binary = tmp_path / "plan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(UnsupportedFormat, match=r"binary data"):
        read_document(binary)


def test_markdown_pipe_tables_read_like_tab_separated() -> None:
    text = """# Action plan

| No. | Recommendation | Actions | Lead officer | Target date |
|-----|----------------|---------|--------------|-------------|
| 1 | Improve scrutiny | Review the committees<br>Train the chairs | Monitoring Officer | March 2025 |
|   |                  | Publish the work programme | Head of Democratic Services | April 2025 |
"""
    extraction = extract_doc(text_to_doc(text))
    assert extraction.layout == "table"
    assert [(a.action_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        ("1.1", "Review the committees", ("Monitoring Officer",), "March 2025"),
        ("1.2", "Train the chairs", ("Monitoring Officer",), "March 2025"),
        ("1.3", "Publish the work programme", ("Head of Democratic Services",), "April 2025"),
    ]


def test_recommendation_numbers_inside_the_recommendation_cell() -> None:
    text = """Recommendation\tAction\tLead officer\tTimescale
R1: Improve scrutiny\tReview committees\tMonitoring Officer\tMarch 2025
\tTrain chairs\tMonitoring Officer\tApril 2025
Recommendation 2 – Balance the budget\tAgree savings\tDirector of Finance\tFebruary 2026
"""
    extraction = extract_doc(text_to_doc(text))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [
        ("1", "Improve scrutiny"),
        ("2", "Balance the budget"),
    ]
    assert [(a.rec_id, a.action_id) for a in extraction.actions] == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]


def test_flowed_fields_inside_lines_and_numbered_actions() -> None:
    text = """Recommendation 1
Improve scrutiny of decisions.

1.1 Review the committee structure. Lead officer: Monitoring Officer. Timescale: March 2025

1.2 Train scrutiny chairs; Lead: Head of Democratic Services; Target date: Summer 2025
"""
    extraction = extract_doc(text_to_doc(text))
    assert extraction.layout == "flowed"
    assert [(a.action_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        ("1.1", "Review the committee structure.", ("Monitoring Officer",), "March 2025"),
        ("1.2", "Train scrutiny chairs", ("Head of Democratic Services",), "Summer 2025"),
    ]


def test_audit_style_header_prefers_the_recommendation_column() -> None:
    text = """Issue\tRecommendation\tManagement response\tOfficer responsible\tImplementation date
Controls weak\tStrengthen controls\tAgreed: new checks\tHead of Finance\t31 March 2025
"""
    extraction = extract_doc(text_to_doc(text))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [("1", "Strengthen controls")]
    action = extraction.actions[0]
    assert (action.text, action.owners, action.timescale_raw) == (
        "Agreed: new checks",
        ("Head of Finance",),
        "31 March 2025",
    )
    assert dict(action.extra) == {"Issue": "Controls weak"}


def test_action_numbers_written_in_the_action_cell_are_its_id() -> None:
    text = """Recommendation\tActions\tLead officer\tTimescale
1. Improve scrutiny\t1.1 Review the committees\tMonitoring Officer\tMarch 2025
\t1.2 Train the chairs\tMonitoring Officer\tApril 2025
"""
    extraction = extract_doc(text_to_doc(text))
    assert [(a.action_id, a.text) for a in extraction.actions] == [
        ("1.1", "Review the committees"),
        ("1.2", "Train the chairs"),
    ]


# --- column-aligned text over pages: furniture, continuations, headings --------------------------------

PAGED = """Plan title

Action                                Lead officer        Timescale
Hold a place summit with health       Chief Executive     June 2025
partners to test draft priorities.
Publish the draft vision for a        Head of Policy      Summer 2025

Fareham Borough Council – Action Plan – Page 1
\fAction                                Lead officer        Timescale
twelve-week consultation.
Take the vision to Full Council.      Chief Executive     November 2025

Fareham Borough Council – Action Plan – Page 2
\f  Refresh the Corporate Plan so that    Head of Policy,     Q4 2025/26
  every priority can be traced.         Performance
  Align service plans.                  Head of Policy      Q4 2025/26

Fareham Borough Council – Action Plan – Page 3
"""


def test_running_footers_of_form_fed_pages_are_dropped() -> None:
    doc = text_to_doc(PAGED)
    assert doc.pages == 3
    assert not any("Page" in line.text for line in doc.text_lines())
    # One page, no form feed: a page number beside other text at the foot is furniture too.
    single = text_to_doc(PAGED.split("\f")[0].replace("Action Plan – Page 1", "Action Plan    Page 1"))
    assert not any("Page" in line.text for line in single.text_lines())


def test_column_table_carries_on_after_a_form_feed() -> None:
    doc = text_to_doc(PAGED)
    (table,) = tables(doc)
    body = table.rows[1:]
    assert [r.page for r in body] == [1, 1, 2, 2, 3, 3]
    # The header repeated on page 2 is skipped; page 3 has none and sits two characters to the right.
    assert [r.text(0) for r in body] == [
        "Hold a place summit with health partners to test draft priorities.",
        "Publish the draft vision for a",
        "twelve-week consultation.",
        "Take the vision to Full Council.",
        "Refresh the Corporate Plan so that every priority can be traced.",
        "Align service plans.",
    ]
    assert [r.text(1) for r in body] == [
        "Chief Executive",
        "Head of Policy",
        "",
        "Chief Executive",
        "Head of Policy, Performance",
        "Head of Policy",
    ]
    assert [r.after_break for r in body] == [False, False, True, False, True, False]
    # The grammar joins the row the page break cut in two.
    actions = extract_doc(doc).actions
    assert [a.text for a in actions][1] == "Publish the draft vision for a twelve-week consultation."
    assert len(actions) == 5


def test_headings_between_column_tables_stay_paragraphs() -> None:
    text = """Recommendation 1
Set out a clear vision.

Actions                          Target date     Lead
Hold a place summit.             June 2025       Chief Executive
Publish the draft vision.        Summer 2025     Chief Executive

Recommendation 2
Strengthen financial planning.

Actions                          Target date     Lead
Agree a savings programme.       February 2026   Director of Finance
Report progress each quarter.    Quarterly       Director of Finance
"""
    doc = text_to_doc(text)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table"]
    first, second = tables(doc)
    assert [r.text(0) for r in first.rows] == ["Actions", "Hold a place summit.", "Publish the draft vision."]
    assert doc.blocks[2].text == "Recommendation 2 Strengthen financial planning."  # type: ignore[union-attr]
    assert len(second.rows) == 3


def test_theme_row_in_a_column_of_owners_is_not_glued_to_the_owner_above() -> None:
    text = """Action owner                 Management response                           Due date
Theme 1 – Own estate and fleet and the buildings we run
Fleet Manager                Switch pool cars to electric vehicles as      December 2027
                             their leases end.
Theme 2 – Cleaner travel
Transport Planning Team      Complete the cycling plan.                    Spring 2026
"""
    (table,) = tables(text_to_doc(text))
    body = table.rows[1:]
    assert [r.spans_all for r in body] == [True, False, True, False]
    assert [r.text(0) for r in body] == [
        "Theme 1 – Own estate and fleet and the buildings we run",
        "Fleet Manager",
        "Theme 2 – Cleaner travel",
        "Transport Planning Team",
    ]


def test_tab_separated_row_with_one_cell_spans_the_table() -> None:
    text = (
        "What we want to\tActions\tLead\n"
        "achieve?\t\t\n"
        "R1 – Set out a clear vision.\t\t\n"
        "Chief Executive\tHold a place summit.\tJune 2025\n"
        "R2 – Strengthen financial planning.\n"
        "Director of Finance\tAgree a savings programme.\tFebruary 2026\n"
    )
    (table,) = tables(text_to_doc(text))
    assert [r.spans_all for r in table.rows] == [False, False, True, False, True, False]
    assert table.rows[1].cells[1] is not None  # a lower-case tail stays in its column ("achieve?")
    assert table.rows[4].cells == [table.rows[4].cells[0], None, None]
    assert [r.text(0) for r in table.rows[2:5]] == [
        "R1 – Set out a clear vision.",
        "Chief Executive",
        "R2 – Strengthen financial planning.",
    ]


def test_a_heading_that_opens_every_page_with_its_own_number_is_not_a_running_header(tmp_path: Path) -> None:
    """ "Recommendation 1: ...", "Recommendation 2: ..." at the top of pages 1-3 are headings, not furniture;
    "Action plan - page N" at the foot of each page is furniture."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "plan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    height = A4[1]
    for n in (1, 2, 3):
        c.setFont("Helvetica-Bold", 11)
        c.drawString(50, height - 40, f"Recommendation {n}: improve area {n}")
        c.setFont("Helvetica", 9)
        top = height - 120
        for r, cells in enumerate(
            [("Action", "Lead", "Due"), (f"Review the rules for area {n}", "Head of X", "May 2026")]
        ):
            y = top - 20 * r
            for k, text in enumerate(cells):
                c.rect(50 + 170 * k, y - 6, 170, 20)
                c.drawString(54 + 170 * k, y, text)
        c.drawString(50, 30, f"Action plan - page {n}")
        c.showPage()
    c.save()
    doc = read_document(path)
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert [t for t in texts if t.startswith("Recommendation")] == [
        f"Recommendation {n}: improve area {n}" for n in (1, 2, 3)
    ]
    assert not any("Action plan - page" in t for t in texts)
    extraction = extract_doc(doc)
    assert [a.rec_id for a in extraction.actions] == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("data", "text", "note"),
    [
        ("Head of Finance – £2m “savings”".encode("cp1252"), "Head of Finance – £2m “savings”", "Windows-1252"),
        ("Lead officer’s team – Q3".encode() * 3 + b" \x92", "Lead officer’s team – Q3" * 3 + " \ufffd", "UTF-8;"),
        ("Café".encode() + b"\x81", "CafÃ©\x81", "Latin-1"),
        ("Plan 2025/26 – “draft”".encode("utf-16"), "Plan 2025/26 – “draft”", None),
        ("Plan – draft".encode("utf-16-le"), "Plan – draft", "UTF-16-LE"),
    ],
)
def test_text_encodings(data: bytes, text: str, note: str | None) -> None:
    from actionplans.extractors.readers.text import decode

    decoded, notes = decode(data)
    assert decoded == text
    assert any(note in n for n in notes) if note else not notes


def test_html_reads_what_a_reader_sees_with_a_forgiving_parser() -> None:
    """Unclosed cells and rows are closed as browsers close them; landmarks, dialogs and hidden elements are
    skipped; only the main content is read when the page marks it; a table in a cell is read into it."""
    page = """<html><body><div role="dialog"><p>We use cookies</p></div>
    <header><p>Site header</p></header>
    <main>
    <h1>Action plan</h1><p hidden>Old version</p><p style="display: none">Draft note</p>
    <table><tr><th>Action<th>Lead officer<th>RAG
    <tr><td>Review the constitution<td><table><tr><td>Monitoring Officer<tr><td>Head of Legal</table>
        <td style="background-color: #00b050">&nbsp;
    </table>
    </main>
    <aside><p>Related pages</p></aside><footer>Contact us</footer></body></html>"""
    doc = html_to_doc(page)
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == ["Action plan"]
    (table,) = tables(doc)
    assert table.header_rows == 1
    assert [[c.text if c else None for c in row.cells] for row in table.rows] == [
        ["Action", "Lead officer", "RAG"],
        ["Review the constitution", "Monitoring Officer Head of Legal", ""],
    ]
    owners = table.rows[1].cells[1]
    assert owners is not None and len(owners.paras) == 2
    rag = table.rows[1].cells[2]
    assert rag is not None and rag.fill == (0.0, 176 / 255, 80 / 255)


WRAPPED_DATE = (
    "Action\tLead officer\tTimescale\tMeasure\n"
    "Gain assurance that there are systems in place to keep\tDPH\tMarch\tEffective systems\n"
    "residents safe, and respond to infectious diseases\t\t2026\tMOU agreed\n"
    "including through a local pandemic plan\t\t\tPlan in place\n"
    "Review all services in receipt of the grant.\tAD\tMarch 2026\tModels agreed\n"
)


def test_a_date_wrapped_in_a_narrow_cell_is_one_date() -> None:
    """ "March" on one line of the timescale column and "2026" on the next, a row of its own that continues
    the action above, are one date, as the cell shows it."""
    doc = text_to_doc(WRAPPED_DATE)
    extraction = extract_doc(doc)
    assert [(a.text.split()[0], a.timescale_raw) for a in extraction.actions] == [
        ("Gain", "March 2026"),
        ("Review", "March 2026"),
    ]


WRAPPED_OWNER = """Plan title
What we have committed to                          Led by           Timescale     Measure
Support and enhance our prevention offer.          PH Consultant    March         New models to set out how
                                                                    2026          they will measure services
                                                                                  with a focus on prevention
                                                   Performance/P
                                                   H Consultant                   Measures in place
Improve access to mental health support.           CPH              1-2 years     A public mental health plan
Review all services in receipt of the grant.       AD Integrated    March 2026    Models agreed
                                                   Commissioning
"""


def test_an_owner_wrapped_onto_the_next_line_of_a_fixed_width_table_is_one_owner() -> None:
    """A fixed-width text's table wraps a cell onto the lines below, each its own row: two lines of one owner
    cell are a line end for the owner grammar to judge ("Performance/P" / "H Consultant": Performance and PH
    Consultant), not two paragraphs, each of them owners."""
    extraction = extract_doc(text_to_doc(WRAPPED_OWNER))
    assert [(a.text.split()[0], a.owners) for a in extraction.actions] == [
        ("Support", ("PH Consultant", "Performance")),  # "PH Consultant" once
        ("Improve", ("CPH",)),
        ("Review", ("AD Integrated Commissioning",)),
    ]


ACCORDION = """<html><body><main>
<h1>Armed Forces Covenant: looking to 2025</h1><p>Kent County Council, March 2024</p>
<h2>Strategic Aims</h2>
<p>Select an aim to see the actions that contribute to it.</p>
<div class="govuk-accordion">
 <div class="govuk-accordion__section">
  <h3><button type="button" aria-controls="c1" aria-expanded="false">Promote events that make the Armed Forces
  Community visible</button></h3>
  <div id="c1" hidden="until-found"><ul><li>Hold an annual Armed Forces Day event in each district.</li>
  <li>Publish a calendar of events on the council website.</li></ul></div>
 </div>
 <div class="govuk-accordion__section">
  <h3><button type="button" aria-controls="c2">Support the most vulnerable veterans</button></h3>
  <div id="c2" hidden="until-found"><ul><li>Train frontline staff to ask about service history.</li></ul></div>
 </div>
</div>
<div hidden><p>Draft text that is not shown</p></div>
<form><button type="submit">Search</button></form>
</main></body></html>"""


def test_an_accordions_collapsed_panels_and_its_toggle_titles_are_read() -> None:
    """A GOV.UK-style accordion: each section's title is a button in a heading, its panel ``hidden="until-found"``
    (collapsed, shown when opened or searched). Both are the page's content; hidden text and a form's button
    are not."""
    doc = html_to_doc(ACCORDION)
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "Promote events that make the Armed Forces Community visible" in texts
    assert "Hold an annual Armed Forces Day event in each district." in " ".join(texts)
    assert "Draft text that is not shown" not in " ".join(texts) and "Search" not in texts
    extraction = extract_doc(doc)
    assert len(extraction.actions) == 3


CARDS = """<html><body><main>
<h1>Health and wellbeing priorities</h1><p>Kent County Council, November 2024</p>
<h2>Children, Young People and Education</h2>
<article class="card"><h4>Optimise the opportunity of family hubs</h4>
 <dl><dt>Lead</dt><dd>Lead for Family Hubs</dd><dd>Financial Hardship Programme Manager</dd>
 <dt>Timescale</dt><dd>Mar 2026</dd><dt>How we will measure success</dt><dd>Agreed metrics on core plus</dd></dl>
</article>
<article class="card"><h4>Ensure a clear evidence-based approach to parenting</h4>
 <dl><dt>Lead</dt><dd>FH workforce leads for parenting</dd>
 <dt>Timescale</dt><dd>Mar 2026</dd><dt>How we will measure success</dt><dd>Plans signed off</dd></dl>
</article>
<article class="card"><h4>Deliver school support for healthy behaviours</h4>
 <dl><dt>Lead</dt><dd>Active Kent</dd><dt>Timescale</dt><dd>Mar 2026</dd>
 <dt>How we will measure success</dt><dd>Proportion of primary schools offering the Daily Mile</dd></dl>
</article>
</main></body></html>"""


def test_a_web_pages_cards_each_an_action_titled_by_its_heading_over_a_list_of_its_fields() -> None:
    """A card per action: its heading is the action, the description list under it its fields (no "Action"
    term); a field given one paragraph per owner ("<dd>" each) keeps them apart."""
    extraction = extract_doc(html_to_doc(CARDS))
    assert [(a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        (
            "Optimise the opportunity of family hubs",
            ("Lead for Family Hubs", "Financial Hardship Programme Manager"),
            "Mar 2026",
        ),
        ("Ensure a clear evidence-based approach to parenting", ("FH workforce leads for parenting",), "Mar 2026"),
        ("Deliver school support for healthy behaviours", ("Active Kent",), "Mar 2026"),
    ]
    assert extraction.actions[2].measure == "Proportion of primary schools offering the Daily Mile"
