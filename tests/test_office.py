"""Word and Excel readers: the structure Word and Excel hold, read as they show it.

Each test builds its document with python-docx or openpyxl (and, where those
libraries cannot write a feature, a patch of the XML they wrote), reads it,
and checks the blocks or the records.  The same plan in every format is
compared against one annotation at the end.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, write_sheet

from actionplans.extractors import extract_doc, read_document
from actionplans.extractors.errors import CorruptDocument, TooLarge
from actionplans.extractors.model import Cell, Paragraph, SourceDoc, Table
from actionplans.extractors.readers.excel import display, format_date, read_excel
from actionplans.extractors.readers.word import read_word
from actionplans.normalise.status import normalise_status
from actionplans.pipeline.process import process_document

docx = pytest.importorskip("docx")
openpyxl = pytest.importorskip("openpyxl")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _tables(doc: SourceDoc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def _texts(table: Table) -> list[list[str | None]]:
    return [[None if c is None else c.text for c in row.cells] for row in table.rows]


def _rewrite(path: Path, name: str, edit: Any) -> None:
    """Rewrite (or add) the part ``name`` of the ZIP ``path`` as ``edit(old text) -> new text``."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[name] = edit(parts.get(name, b"").decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


def _patch_document_xml(path: Path, edit: Any) -> None:
    _rewrite(path, "word/document.xml", edit)


# --- Word --------------------------------------------------------------------------------------------------


def test_word_merged_cells_stand_where_they_span(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Theme: Place"
    table.cell(1, 0).merge(table.cell(3, 0)).text = "Recommendation 1"
    for r in (1, 2, 3):
        table.cell(r, 1).text = f"action {r}"
        table.cell(r, 2).text = f"owner {r}"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    (read,) = _tables(read_word(path))
    assert _texts(read) == [
        ["Theme: Place", None, None],
        ["Recommendation 1", "action 1", "owner 1"],
        ["Recommendation 1", "action 2", "owner 2"],
        ["Recommendation 1", "action 3", "owner 3"],
    ]
    assert read.rows[1].cells[0] is read.rows[3].cells[0]  # one cell down the rows it spans
    assert read.rows[0].spans_all
    first = read.rows[1].cells[2]
    assert first is not None and first.lines[0].ref == "table 1, row 2, column 3"


def test_word_lists_carry_the_labels_word_draws(tmp_path: Path) -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "Actions:"
    for text, style in (("first", "List Number"), ("second", "List Number"), ("a bullet", "List Bullet")):
        cell.add_paragraph(text, style=style)
    path = tmp_path / "lists.docx"
    document.save(str(path))
    (table,) = _tables(read_word(path))
    cell_read = table.rows[0].cells[0]
    assert cell_read is not None
    assert [p[0].text for p in cell_read.paras] == ["Actions:", "1. first", "2. second", "• a bullet"]


def test_word_numbering_levels_and_restarts(tmp_path: Path) -> None:
    """Nested levels (``%1.%2``, letters), and a list whose instance restarts its count."""
    numbering = f"""<w:numbering xmlns:w="{W_NS}">
      <w:abstractNum w:abstractNumId="7">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="7"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    </w:numbering>"""
    document = docx.Document()
    for text in ("one", "a", "b", "two", "sub", "restart"):
        document.add_paragraph(text)
    path = tmp_path / "numbers.docx"
    document.save(str(path))
    levels = {"one": (1, 0), "a": (1, 1), "b": (1, 1), "two": (1, 0), "sub": (1, 2), "restart": (2, 0)}

    def edit(xml: str) -> str:
        for text, (num, level) in levels.items():
            props = f'<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
            xml = xml.replace(f"<w:p><w:r><w:t>{text}</w:t>", f"<w:p>{props}<w:r><w:t>{text}</w:t>", 1)
        return xml

    _patch_document_xml(path, edit)
    _rewrite(path, "word/numbering.xml", lambda _: numbering)  # the template's numbering part, replaced
    texts = [b.text for b in read_word(path).blocks if isinstance(b, Paragraph)]
    assert texts == ["1. one", "a) a", "b) b", "2. two", "2.1 sub", "1. restart"]


def test_word_reads_the_accepted_view_and_skips_hidden_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("MARK")
    path = tmp_path / "changes.docx"
    document.save(str(path))
    body = (
        "<w:r><w:t xml:space='preserve'>Publish the plan </w:t></w:r>"
        "<w:ins w:id='1' w:author='x'><w:r><w:t xml:space='preserve'>by March 2025</w:t></w:r></w:ins>"
        "<w:del w:id='2' w:author='x'><w:r><w:delText>by December 2024</w:delText></w:r></w:del>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret note</w:t></w:r>"
        "<w:r><w:br/><w:t>Lead: Chief Executive</w:t></w:r>"
    )
    _patch_document_xml(path, lambda xml: xml.replace("<w:r><w:t>MARK</w:t></w:r>", body))
    paragraphs = [b for b in read_word(path).blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paragraphs] == ["Publish the plan by March 2025", "Lead: Chief Executive"]


def test_word_text_boxes_are_read_once_after_their_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("MARK")
    document.add_paragraph("After the box")
    path = tmp_path / "box.docx"
    document.save(str(path))
    box = (
        "<w:r><w:t>Anchor</w:t></w:r><w:r><mc:AlternateContent "
        "xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006'>"
        "<mc:Choice Requires='wps'><w:drawing><w:txbxContent><w:p><w:r><w:t>Inside the box</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Inside the box</w:t></w:r></w:p></w:txbxContent>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    _patch_document_xml(path, lambda xml: xml.replace("<w:r><w:t>MARK</w:t></w:r>", box))
    texts = [b.text for b in read_word(path).blocks if isinstance(b, Paragraph)]
    assert texts == ["Anchor", "Inside the box", "After the box"]


def test_word_nested_and_frame_tables(tmp_path: Path) -> None:
    """A one-cell table around the plan is unwrapped; a table inside a cell is read into that cell."""
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "Action plan"
    plan = frame.add_table(rows=2, cols=2)
    plan.cell(0, 0).text, plan.cell(0, 1).text = "Action", "Lead officer"
    plan.cell(1, 0).text = "Review the constitution"
    inner = plan.cell(1, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text, inner.cell(1, 0).text = "Monitoring Officer", "Head of Legal"
    path = tmp_path / "nested.docx"
    document.save(str(path))
    doc = read_word(path)
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text == "Action plan"
    (table,) = _tables(doc)
    cell = table.rows[1].cells[1]
    assert cell is not None and [p[0].text for p in cell.paras if p] == ["Monitoring Officer", "Head of Legal"]


def test_word_heading_styles_header_rows_and_shading(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Improvement Plan 2025", 0)
    document.add_paragraph("Borsetshire County Council")
    document.add_heading("Recommendation 1: Improve scrutiny", 2)
    table = document.add_table(rows=2, cols=4)
    for c, text in enumerate(("Action", "Lead officer", "Target date", "RAG")):
        table.cell(0, c).text = text
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    table.cell(1, 0).text, table.cell(1, 1).text, table.cell(1, 2).text = (
        "Train chairs",
        "Monitoring Officer",
        "May 2025",
    )
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), "00B050")
    table.cell(1, 3)._tc.get_or_add_tcPr().append(shd)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    doc = read_word(path)
    title, council, heading = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert title.lines[0].size is not None and council.lines[0].size is not None
    assert title.lines[0].size > council.lines[0].size and heading.lines[0].bold
    (table_read,) = _tables(doc)
    assert table_read.header_rows == 1
    rag = table_read.rows[1].cells[3]
    assert isinstance(rag, Cell) and rag.empty and rag.fill == pytest.approx((0.0, 176 / 255, 80 / 255))
    extraction = extract_doc(doc)
    assert extraction.title == "Improvement Plan 2025"
    (action,) = extraction.actions
    assert (action.rec_id, action.text, action.owners, action.timescale_raw, action.status_colour) == (
        "1",
        "Train chairs",
        ("Monitoring Officer",),
        "May 2025",
        "#00b050",
    )
    assert action.provenance.cell == "table 1, row 2, column 1"
    assert action.provenance.lines is not None and action.provenance.page is None


def test_damaged_and_inflating_office_files_fail_cleanly(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(CorruptDocument, match="not a readable Word document"):
        read_document(broken)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 2**20))
    with pytest.raises(TooLarge, match=r"inflates .* times"):
        read_document(bomb)
    out = process_document(bomb, tmp_path, None)
    assert out.document["status"] == "too_large" and out.document["format"] == "xlsx"
    no_parts = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(no_parts, "w") as archive:
        archive.writestr("xl/workbook.xml", "")
    assert process_document(no_parts, tmp_path, None).document["status"] == "corrupt"


# --- Excel -------------------------------------------------------------------------------------------------


def test_excel_rag_fills_given_as_theme_or_palette_colours_are_read_as_excel_shows_them(tmp_path: Path) -> None:
    """Excel's colour picker gives a theme's colours (with a tint: "Green, Accent 6, Lighter 40%") and, in
    old workbooks, palette indexes; each is the colour it shows, so a RAG cell of either is its rating."""
    from openpyxl.styles import Color, PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Lead", "Due", "RAG"])
    sheet.append(["1", "Review the committees", "Monitoring Officer", "June 2025", None])
    sheet.append(["2", "Train the chairs", "Monitoring Officer", "Q2 2025/26", None])
    sheet.append(["3", "Agree savings", "Director of Finance", "March 2026", None])
    sheet.append(["4", "Publish the budget", "Director of Finance", "April 2026", None])
    # The workbook's theme (the one openpyxl writes: accent 2 red, accent 3 green, accent 6 orange).
    sheet["E2"].fill = PatternFill("solid", fgColor=Color(theme=6, tint=0.4))
    sheet["E3"].fill = PatternFill("solid", fgColor=Color(theme=9, tint=0.0))
    sheet["E4"].fill = PatternFill("solid", fgColor=Color(theme=5, tint=-0.25))
    sheet["E5"].fill = PatternFill("solid", fgColor=Color(indexed=10))  # the palette's red
    path = tmp_path / "tracker.xlsx"
    book.save(str(path))
    extraction = extract_doc(read_excel(path))
    statuses = [normalise_status(a.status_raw, a.status_colour) for a in extraction.actions]
    assert statuses == ["on_track", "at_risk", "off_track", "off_track"]
    from actionplans.extractors.readers.excel import _tinted

    assert _tinted("70AD47", -0.25) == "548235"  # Excel's "Green, Accent 6, Darker 25%"


def test_excel_sheets_title_rows_merges_and_regions(tmp_path: Path) -> None:
    from openpyxl.styles import PatternFill

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet["A1"] = "Borsetshire Improvement Plan"
    sheet.append([])
    sheet.append(["Rec", "Action", "Owner", "Due", "RAG"])
    sheet.append(["1", "Review the committees", "Monitoring Officer", dt.datetime(2025, 6, 1), None])
    sheet.append([None, "Train the chairs", "Monitoring Officer", "Q2 2025/26", None])
    sheet.append(["Theme 2: Finance"])
    sheet.append(["2", "Agree savings", "Director of Finance", dt.datetime(2026, 2, 28), None])
    sheet.merge_cells("A4:A5")
    sheet["D4"].number_format = "mmm yyyy"
    sheet["D7"].number_format = "dd/mm/yyyy"
    sheet["E4"].fill = PatternFill("solid", fgColor="FFC000")
    sheet.append([])
    sheet.append(["Key: RAG is red, amber or green."])
    sheet.row_dimensions[5].hidden = True
    notes = book.create_sheet("Notes")
    notes["A1"] = "Notes"
    hidden = book.create_sheet("Lookup")
    hidden.append(["G", "Green"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "tracker.xlsx"
    book.save(str(path))
    doc = read_excel(path)
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs == [
        "Tracker",
        "Borsetshire Improvement Plan",
        "Key: RAG is red, amber or green.",
        "Notes",
        "Notes",
    ]
    (table,) = _tables(doc)
    assert _texts(table) == [
        ["Rec", "Action", "Owner", "Due", "RAG"],
        ["1", "Review the committees", "Monitoring Officer", "Jun 2025", ""],
        # row 5 ("Train the chairs") is hidden: Excel neither shows nor prints it
        ["Theme 2: Finance", None, None, None, None],
        ["2", "Agree savings", "Director of Finance", "28/02/2026", ""],
    ]
    rag = table.rows[1].cells[4]
    assert rag is not None and rag.fill is not None
    assert any("'Lookup' is hidden" in n for n in doc.notes)
    assert any("1 hidden row(s) not read (5)" in n for n in doc.notes)
    assert any("'Notes' has no table" in n for n in doc.notes)
    owner = table.rows[3].cells[2]
    assert owner is not None and owner.lines[0].ref == "Tracker!C7" and owner.lines[0].lineno == 7


def test_excel_formulas_are_read_by_their_cached_values(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Action", "Due"])
    sheet.append(["Publish the plan", "=DATE(2025,3,31)"])
    path = tmp_path / "formula.xlsx"
    book.save(str(path))
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    xml = re.sub(r'<c r="B2"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?', r'<c r="B2" s="0"><f>\2</f><v>45747</v>', xml)
    assert "<v>45747</v>" in xml
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    (table,) = _tables(read_excel(path))
    assert _texts(table)[1] == ["Publish the plan", "45747"]  # a cached value, not the formula


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (dt.datetime(2025, 6, 1), "mmmm yyyy", "June 2025"),
        (dt.datetime(2025, 6, 1), "mmm-yy", "Jun-25"),
        (dt.datetime(2025, 3, 31), "dd/mm/yyyy", "31/03/2025"),
        (dt.datetime(2025, 3, 31), "d mmmm yyyy", "31 March 2025"),
        (dt.datetime(2025, 3, 31), "[$-809]dd mmmm yyyy;@", "31 March 2025"),
        (dt.datetime(2025, 3, 31), "dddd d mmm", "Monday 31 Mar"),
        (dt.datetime(2025, 3, 31), "General", "2025-03-31"),
        (dt.datetime(2025, 3, 31, 14, 5), "hh:mm", "14:05"),
        (dt.datetime(2025, 3, 31), '"Due "mmm yyyy', "Due Mar 2025"),
    ],
)
def test_excel_dates_show_in_their_own_format(value: dt.datetime, number_format: str, shown: str) -> None:
    assert format_date(value, number_format) == shown


def test_excel_numbers_show_without_float_noise() -> None:
    assert display(3.0, "General") == "3"
    assert display(0.25, "0%") == "25%"
    assert display(1.5, "General") == "1.5"
    assert display(True, "General") == "TRUE"


# --- one plan, every format ----------------------------------------------------------------------------------

ONE_PLAN = [
    "fareham-merged.pdf",
    "fareham-merged-misnamed.txt",
    "fareham-plan.html",
    "fareham-committee-page.html",
    "fareham-columns.txt",
    "fareham-columns-utf16.txt",
    "fareham-plan.docx",
    "fareham-tracker.xlsx",
]


def test_the_same_plan_in_every_format_gives_the_same_records() -> None:
    """The Fareham plan as a PDF (and the same PDF named ``.txt``), two web pages, a text export (and the
    same in UTF-16), a Word document and an Excel tracker, each extracted and compared with one annotation
    (the merged PDF's)."""
    gold = json.loads((FIXTURES / "gold" / "fareham-merged.gold.json").read_text(encoding="utf-8"))
    want = [(a["rec"], a["id"], a["text"], a["owners"], a["timescale"]) for a in gold["actions"]]
    formats = set()
    for name in ONE_PLAN:
        path = FIXTURES / "plans" / name
        out = process_document(path, path.parent, None)
        assert out.document["status"] == "ok", (name, out.document["message"])
        got = [(a["rec_id"], a["action_id"], a["text"], a["owners"], a["timescale_raw"]) for a in out.actions]
        assert got == want, name
        formats.add(out.document["format"])
    assert formats == {"pdf", "html", "text", "docx", "xlsx"}


# --- layouts Word and Excel plans use ------------------------------------------------------------------------


def test_lettered_actions_one_per_row_under_a_merged_objective(tmp_path: Path) -> None:
    """ "a." ... "c." each in a row of its own: items of one list, their letters their ids, never run together
    as rows a page break cut (a workbook has no page breaks)."""
    rows: list[list[Any]] = [
        ["Ref", "What do we want to achieve?", "How will we do it?", "Timescale"],
        ["1.1", "A customer engagement plan", "a. Form an officer working group.", "March 2024"],
        [None, None, "b. Officer working group to report to Cabinet.", "May 2024"],
        [None, None, "c. Create a residents' panel.", "July 2024"],
    ]
    path = write_sheet(
        tmp_path / "plan.xlsx", [["Recommendation 1: Engage with residents"], [], *rows], ("A4:A6", "B4:B6")
    )
    extraction = extract_doc(read_excel(path))
    assert [(a.rec_id, a.action_id, a.text, a.timescale_raw) for a in extraction.actions] == [
        ("1", "1.1.a", "Form an officer working group.", "March 2024"),
        ("1", "1.1.b", "Officer working group to report to Cabinet.", "May 2024"),
        ("1", "1.1.c", "Create a residents' panel.", "July 2024"),
    ]


def test_a_clear_header_is_never_read_as_data(tmp_path: Path) -> None:
    """A summary sheet of recommendations (no action column) is no action table, even though its rows read
    as actions once its header row is taken for one of them."""
    summary = [["No.", "Recommendation", "Overall RAG"]]
    summary += [[str(n), f"Improve the service in area {n} with residents and partners.", "Green"] for n in (1, 2, 3)]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "summary.xlsx", summary)))
    assert not extraction.actions


def test_action_numbers_that_run_across_objectives_name_the_recommendation(tmp_path: Path) -> None:
    document = docx.Document()
    rows = [
        ("1.1", "Agree a shared vision", "Hold a place summit.", "Chief Executive", "June 2025"),
        ("1.2", "", "Publish the draft vision.", "Chief Executive", "Summer 2025"),
        ("1.3", "Deliver the vision", "Refresh the Corporate Plan.", "Head of Policy", "Q4 2025/26"),
        ("2.1", "Close the budget gap", "Agree a savings programme.", "Director of Finance", "February 2026"),
    ]
    table = document.add_table(rows=1 + len(rows), cols=5)
    for r, row in enumerate([("Item", "Objective", "Activity", "Delivery lead", "When"), *rows]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "plan.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.rec_id, a.action_id) for a in extraction.actions] == [
        ("1", "1.1"),
        ("1", "1.2"),
        ("1", "1.3"),
        ("2", "2.1"),
    ]


def test_owners_listed_one_per_paragraph_or_bullet(tmp_path: Path) -> None:
    from actionplans.normalise.owners import split_owners

    assert split_owners(["• All", "• Public Health"], ["para"]) == ["All", "Public Health"]
    assert split_owners(["• Social care", "• transport planning"], ["para"]) == ["Social care", "transport planning"]
    assert split_owners(["PH Consultant", "Performance"], ["para"]) == ["PH Consultant", "Performance"]
    assert split_owners(["Head of Finance and", "Resources"], ["para"]) == ["Head of Finance and Resources"]


def test_document_dates_from_a_label_cell_and_a_dated_title(tmp_path: Path) -> None:
    labelled = write_sheet(
        tmp_path / "labelled.xlsx",
        [["Improvement tracker"], ["Reporting date:", "01/10/2024"], [], ["Action", "Owner"], ["Train chairs", "MO"]],
    )
    assert str(extract_doc(read_excel(labelled)).date) == "2024-10-01"
    titled = write_sheet(
        tmp_path / "titled.xlsx",
        [["Corporate Peer Challenge Action Plan - February 2024"], [], ["Action", "Owner"], ["Train chairs", "MO"]],
    )
    assert str(extract_doc(read_excel(titled)).date) == "2024-02"


def test_a_sheet_tab_does_not_date_the_document_and_a_title_opening_with_a_year_does(tmp_path: Path) -> None:
    """The tab "Forward plan 2026" names the sheet; "2025 Annual Report - Implementation of ..." opens with
    the document's year, however long the title."""
    rows: list[list[Any]] = [["2025 Annual Report - Implementation of the Armed Forces Covenant in the county"]]
    rows += [[], ["Action", "Lead"], ["Hold an annual conference for veterans", "Task group"]]
    path = write_sheet(tmp_path / "tab.xlsx", rows)
    book = openpyxl.load_workbook(str(path))
    book.active.title = "Forward plan 2026"
    book.save(str(path))
    assert str(extract_doc(read_excel(path)).date) == "2025"
    untitled = write_sheet(tmp_path / "untitled.xlsx", rows[1:])
    book = openpyxl.load_workbook(str(untitled))
    book.active.title = "Forward plan 2026"
    book.save(str(untitled))
    assert extract_doc(read_excel(untitled)).date is None


def test_a_header_over_two_rows_with_a_group_cell(tmp_path: Path) -> None:
    """ "Lead" spanning "Officer | Member" over a second header row: each column is headed by both rows, and
    the sub-header row is no recommendation or action; both columns under the group that names owners are
    the action's owners (every named owner, as the gold format has it), the officer first."""
    document = docx.Document()
    table = document.add_table(rows=4, cols=5)
    top = ["Ref", "Recommendation", "Action", "Lead", "", "Deadline"][:5]
    for c, text in enumerate(top):
        table.cell(0, c).text = text
    table.cell(0, 3).merge(table.cell(0, 4)).text = "Lead"
    for c, text in ((3, "Officer"), (4, "Member")):
        table.cell(1, c).text = text
    for c in range(3):
        table.cell(0, c).merge(table.cell(1, c))
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(0, 2).text = "Ref", "Recommendation", "Action"
    rows = [
        ("1", "Improve scrutiny", "Train the chairs", "Monitoring Officer", "Cabinet Member for Governance"),
        ("2", "Balance the budget", "Agree savings", "Director of Finance", "Cabinet Member for Finance"),
    ]
    for r, row in enumerate(rows, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "grouped.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    (read,) = extraction.tables
    assert [c.header for c in read.columns] == ["Ref", "Recommendation", "Action", "Lead Officer", "Lead Member"]
    assert [(a.rec_id, a.text, a.owners) for a in extraction.actions] == [
        ("1", "Train the chairs", ("Monitoring Officer", "Cabinet Member for Governance")),
        ("2", "Agree savings", ("Director of Finance", "Cabinet Member for Finance")),
    ]


def test_of_two_owner_columns_the_one_that_runs_on_is_the_recommendations(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Rec", "Recommendation", "Action", "Action owner", "CLT owner"]]
    rows += [
        ["1", "Improve scrutiny", "Train the chairs", "Head of Democratic Services", "Director of Governance"],
        [None, None, "Review the work programme", "Scrutiny Officer", None],
        [None, None, "Publish a forward plan", "Head of Democratic Services", None],
        ["2", "Balance the budget", "Agree savings", "Head of Finance", "Director of Finance"],
        [None, None, "Review reserves", "Chief Accountant", None],
    ]
    path = write_sheet(tmp_path / "owners.xlsx", rows, ("A2:A4", "B2:B4", "E2:E4", "A5:A6", "B5:B6", "E5:E6"))
    extraction = extract_doc(read_excel(path))
    roles = {c.header: c.role for c in extraction.tables[0].columns}
    assert roles["Action owner"] == "owner" and roles["CLT owner"] == "rec_owner"
    assert [a.owners for a in extraction.actions][:2] == [("Head of Democratic Services",), ("Scrutiny Officer",)]
    assert [r.owners for r in extraction.recommendations] == [("Director of Governance",), ("Director of Finance",)]


@pytest.mark.parametrize("first", ["Start date", "Date raised"])
def test_of_several_date_columns_the_due_dates_are_the_timescale(tmp_path: Path, first: str) -> None:
    """Start dates (never later than the targets) and the dates rows were updated (all within days of
    each other) are kept under their headers; the target dates are the timescale, and where the earlier
    column says it holds starts, the timescale runs from them ("Date raised" says no such thing)."""
    rows: list[list[Any]] = [["Ref", "Action", "Owner", first, "Target date", "Date updated"]]
    starts = [dt.datetime(2024, m, 1) for m in (4, 5, 6, 9)]
    targets = ["September 2024", "March 2025", "December 2024", "June 2025"]
    updated = [dt.datetime(2024, 10, d) for d in (1, 2, 3, 7)]
    actions = ["Review the constitution", "Train the chairs", "Publish a forward plan", "Agree the budget"]
    for k in range(4):
        rows.append([f"1.{k + 1}", actions[k], "Monitoring Officer", starts[k], targets[k], updated[k]])
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "tracker.xlsx", rows)))
    roles = {c.header: c.role for c in extraction.tables[0].columns}
    assert roles["Target date"] == "timescale" and roles[first] is None and roles["Date updated"] is None
    if first == "Date raised":
        assert [a.timescale_raw for a in extraction.actions] == targets
        return
    from actionplans.normalise import parse_timescale

    spans = [parse_timescale(a.timescale_raw or "") for a in extraction.actions]
    assert [(t.start, t.end) for t in spans] == [
        (start.date(), parse_timescale(target).end) for start, target in zip(starts, targets, strict=True)
    ]


def test_action_ids_with_a_letter_segment_number_actions_not_recommendations(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Recommendation 1: Engage with residents"],
        ["Ref", "Action", "Timescale"],
        ["1.1.a", "Form an officer working group.", "March 2024"],
        ["1.1.b", "Agree its terms of reference.", "April 2024"],
        ["Recommendation 2: Listen to staff"],
        ["2.1.a", "Run a staff survey.", "June 2024"],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "ids.xlsx", rows)))
    assert [(a.rec_id, a.action_id) for a in extraction.actions] == [("1", "1.1.a"), ("1", "1.1.b"), ("2", "2.1.a")]


def test_date_serials_among_the_headers_are_read_as_dates(tmp_path: Path) -> None:
    """A tracker whose monthly progress columns lost their date format: 45383 and 45413 head them."""
    rows: list[list[Any]] = [["Ref", "Action", "Owner", 45383, 45413], ["1.1", "Train the chairs", "MO", "Done", ""]]
    doc = read_excel(write_sheet(tmp_path / "serials.xlsx", rows))
    (table,) = _tables(doc)
    assert _texts(table)[0] == ["Ref", "Action", "Owner", "Apr 2024", "May 2024"]
    assert _texts(table)[1][0] == "1.1"  # a number in the body is left as it is
    assert any("Excel date serials" in note for note in doc.notes)


def _plan_table(document: Any, rows: list[tuple[str, ...]]) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def test_a_table_carried_on_after_a_continued_line(tmp_path: Path) -> None:
    document = docx.Document()
    header = ("Rec", "Action", "Lead officer", "Timescale")
    _plan_table(document, [header, ("1", "Train the chairs", "Monitoring Officer", "May 2025")])
    document.add_paragraph("(continued)")
    _plan_table(document, [header, ("", "Review the forward plan", "Monitoring Officer", "June 2025")])
    path = tmp_path / "continued.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.rec_id, a.text) for a in extraction.actions] == [
        ("1", "Train the chairs"),
        ("1", "Review the forward plan"),
    ]


def test_a_bold_heading_at_the_top_of_an_action_cell_opens_its_recommendation(tmp_path: Path) -> None:
    document = docx.Document()
    table = _plan_table(
        document,
        [
            ("Owner", "Action", "Due"),
            ("Monitoring Officer", "", "December 2024"),
            ("Monitoring Officer", "Brief Group Leaders on the changes.", "December 2024"),
            ("Director of Finance", "", "March 2025"),
        ],
    )
    for r, (heading, action) in (
        (1, ("Recommendation 1: Governance", "Review report writing.")),
        (3, ("Recommendation 2: Digital", "Embed digital in service plans.")),
    ):
        cell = table.cell(r, 1)
        cell.paragraphs[0].add_run(heading).bold = True
        cell.add_paragraph(action)
    path = tmp_path / "in-cell.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.rec_id, a.text) for a in extraction.actions] == [
        ("1", "Review report writing."),
        ("1", "Brief Group Leaders on the changes."),
        ("2", "Embed digital in service plans."),
    ]


def test_a_theme_row_beside_a_band_merged_down_the_table(tmp_path: Path) -> None:
    document = docx.Document()
    table = _plan_table(
        document,
        [
            ("Directorate", "Action", "Led by", "Timescale"),
            ("CYPE", "Theme: Best start in life", "", ""),
            ("", "Expand family hubs to every district.", "Head of Family Hubs", "March 2025"),
            ("", "Train early years staff.", "Early Years Lead", "June 2025"),
        ],
    )
    table.cell(1, 1).merge(table.cell(1, 3))
    table.cell(1, 0).merge(table.cell(3, 0))
    path = tmp_path / "band.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [a.text for a in extraction.actions] == ["Expand family hubs to every district.", "Train early years staff."]
    assert {a.theme for a in extraction.actions} == {"Theme: Best start in life"}


def test_aims_as_the_outer_level_of_a_word_list(tmp_path: Path) -> None:
    """ "1. Aim" with its actions as bullets one level in, and no colon after the aim."""
    document = docx.Document()
    document.add_paragraph("Strategic aims")
    for aim, actions in (
        (
            "Promote events that raise the visibility of the Armed Forces community",
            ["Hold an annual conference.", "Support Space Week."],
        ),
        (
            "Raise awareness of the Covenant across the county",
            ["Promote the Forces Connect app.", "Brief every school."],
        ),
    ):
        document.add_paragraph(aim, style="List Number")
        for action in actions:
            document.add_paragraph(action, style="List Bullet 2")
    path = tmp_path / "aims.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [a.text for a in extraction.actions] == [
        "Hold an annual conference.",
        "Support Space Week.",
        "Promote the Forces Connect app.",
        "Brief every school.",
    ]


def test_a_cell_that_labels_its_parts_is_one_action_with_its_fields(tmp_path: Path) -> None:
    """ "Action: ..." / "Lead: ..." / "By: ..." as paragraphs of one cell: one action, its owner and its
    timescale, not three actions."""
    document = docx.Document()
    table = _plan_table(
        document,
        [("Peer challenge recommendation", "Our response"), ("1. Improve scrutiny", ""), ("2. Balance the budget", "")],
    )
    for r, (action, lead, by) in (
        (1, ("Train the chairs.", "Monitoring Officer", "December 2024")),
        (2, ("Agree a savings plan.", "Director of Finance", "March 2025")),
    ):
        cell = table.cell(r, 1)
        cell.paragraphs[0].text = f"Action: {action}"
        cell.add_paragraph(f"Lead: {lead}")
        cell.add_paragraph(f"By: {by}")
    path = tmp_path / "labelled.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.rec_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        ("1", "Train the chairs.", ("Monitoring Officer",), "December 2024"),
        ("2", "Agree a savings plan.", ("Director of Finance",), "March 2025"),
    ]


def test_objective_rows_numbered_over_their_actions(tmp_path: Path) -> None:
    """ "1.1 Develop a strategy" with no date or update, over "1.1.a ..." and "1.1.b ...": their objective."""
    rows: list[list[Any]] = [
        ["Ref", "Objective / Action", "Target date", "Progress update"],
        ["Recommendation 1: Engage with residents"],
        ["1.1", "Develop a customer engagement strategy", None, None],
        ["1.1.a", "Form an officer working group.", "March 2024", "Group formed."],
        ["1.1.b", "Agree its terms of reference.", "April 2024", None],
        ["1.2", "Engage with partners", None, None],
        ["1.2.a", "Hold a partners' workshop.", "June 2024", None],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "objectives.xlsx", rows)))
    assert [(a.action_id, a.objective, a.text) for a in extraction.actions] == [
        ("1.1.a", "Develop a customer engagement strategy", "Form an officer working group."),
        ("1.1.b", "Develop a customer engagement strategy", "Agree its terms of reference."),
        ("1.2.a", "Engage with partners", "Hold a partners' workshop."),
    ]


def test_a_sponsor_line_under_the_recommendation_is_its_owner(tmp_path: Path) -> None:
    document = docx.Document()
    table = _plan_table(
        document,
        [("No.", "Recommendation", "Action", "Lead officer"), ("1", "", "Agree a savings plan.", "Head of Finance")],
    )
    cell = table.cell(1, 1)
    cell.paragraphs[0].text = "Balance the budget over the medium term."
    cell.add_paragraph("Sponsor: Director of Finance")
    path = tmp_path / "sponsor.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    (rec,) = extraction.recommendations
    assert (rec.text, rec.owners) == ("Balance the budget over the medium term.", ("Director of Finance",))
    assert [a.owners for a in extraction.actions] == [("Head of Finance",)]


def test_aims_as_headings_over_word_lists(tmp_path: Path) -> None:
    """Each aim a Heading 2, its actions a bulleted list under it, no colon anywhere."""
    document = docx.Document()
    document.add_heading("Looking to 2025", 1)
    for aim, actions in (
        (
            "Promote events that raise the visibility of the Armed Forces community",
            ["Hold an annual conference.", "Support Space Week."],
        ),
        (
            "Raise awareness of the Covenant across the county",
            ["Promote the Forces Connect app.", "Brief every school."],
        ),
    ):
        document.add_heading(aim, 2)
        for action in actions:
            document.add_paragraph(action, style="List Bullet")
    path = tmp_path / "aims-headings.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.objective, a.text) for a in extraction.actions][:2] == [
        ("Promote events that raise the visibility of the Armed Forces community", "Hold an annual conference."),
        ("Promote events that raise the visibility of the Armed Forces community", "Support Space Week."),
    ]
    assert len(extraction.actions) == 4


def test_a_summary_table_of_recommendations_gives_their_words(tmp_path: Path) -> None:
    """A "Recommendations" sheet lists them (No. | Recommendation); the tracker sheet numbers its actions
    by them and carries no recommendation words of its own."""
    book = openpyxl.Workbook()
    summary = book.active
    summary.title = "Recommendations"
    for row in (["No.", "Recommendation"], ["1", "Improve scrutiny of decisions."], ["2", "Balance the budget."]):
        summary.append(row)
    tracker = book.create_sheet("Tracker")
    for row in (
        ["Ref", "Action", "Lead officer", "Target date"],
        ["1.1", "Train the chairs.", "Monitoring Officer", "May 2025"],
        ["2.1", "Agree a savings plan.", "Director of Finance", "March 2026"],
    ):
        tracker.append(row)
    path = tmp_path / "summary.xlsx"
    book.save(str(path))
    extraction = extract_doc(read_excel(path))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [
        ("1", "Improve scrutiny of decisions."),
        ("2", "Balance the budget."),
    ]
    assert [(a.rec_id, a.text) for a in extraction.actions] == [
        ("1", "Train the chairs."),
        ("2", "Agree a savings plan."),
    ]


def test_a_column_of_codes_right_of_the_actions_is_no_second_owner(tmp_path: Path) -> None:
    """ "Shared Outcome" holds codes (SO1, SO3) that read like abbreviated owners by their content; with no
    owner word in its header it does not turn the "Lead" column into the recommendation's owner."""
    rows: list[list[Any]] = [["Lead", "Priority / action", "By when", "Shared Outcome"]]
    rows += [
        [
            "Director of Public Health",
            "Develop a system-wide approach to health inequalities.",
            "March 2026",
            "SO1, SO3",
        ],
        ["Head of Family Hubs", "Expand family hubs to every district.", "March 2025", "SO2"],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "codes.xlsx", rows)))
    roles = {c.header: c.role for c in extraction.tables[0].columns}
    assert roles["Lead"] == "owner" and roles["Shared Outcome"] not in ("owner", "rec_owner")
    assert [a.owners for a in extraction.actions] == [("Director of Public Health",), ("Head of Family Hubs",)]


def test_a_sub_header_under_a_column_outside_the_groups(tmp_path: Path) -> None:
    """Group labels merged over two columns, and a column with its own two words ("Responsible" over
    "Officer"): both rows are the header, and the second is no record."""
    rows: list[list[Any]] = [
        ["Recommendation", None, "Action", None, "Responsible", "Deadline"],
        ["No.", "Text", "Ref", "Description", "Officer", "Original"],
        ["1", "Improve scrutiny", "1.1", "Train the chairs of every committee", "Monitoring Officer", "March 2025"],
        ["1", "Improve scrutiny", "1.2", "Review the work programme each year", "Scrutiny Officer", "June 2025"],
        ["2", "Balance the budget", "2.1", "Agree the savings plan with Cabinet", "Director of Finance", "May 2025"],
    ]
    path = write_sheet(tmp_path / "grouped.xlsx", rows, ("A1:B1", "C1:D1"))
    extraction = extract_doc(read_excel(path))
    roles = [c.role for c in extraction.tables[0].columns]
    assert roles == ["rec_id", "rec_text", "action_id", "action", "owner", "timescale"]
    assert [(a.rec_id, a.action_id, a.owners) for a in extraction.actions] == [
        ("1", "1.1", ("Monitoring Officer",)),
        ("1", "1.2", ("Scrutiny Officer",)),
        ("2", "2.1", ("Director of Finance",)),
    ]


def test_of_two_columns_of_numbers_the_one_that_runs_on_numbers_the_recommendations(tmp_path: Path) -> None:
    """Action codes without dots ("A1", "A2") beside the number of the recommendation, written on every row:
    the codes change from row to row and number the actions, the repeated number the recommendations.  In
    the mirror layout (the codes first) it is the same."""
    recs = {"1": "Improve scrutiny", "2": "Balance the budget"}
    body = [("1", "A1", "Train the chairs"), ("1", "A2", "Review the work programme"), ("2", "A3", "Agree savings")]
    for order in ((0, 1), (1, 0)):
        names = ["Rec", "Ref"]
        rows: list[list[Any]] = [[names[order[0]], names[order[1]], "Recommendation", "Key tasks", "Action owner"]]
        for rec, code, text in body:
            ids = (rec, code)
            rows.append([ids[order[0]], ids[order[1]], recs[rec], text, "Head of Democratic Services"])
        extraction = extract_doc(read_excel(write_sheet(tmp_path / f"codes{order[0]}.xlsx", rows)))
        assert [(a.rec_id, a.action_id) for a in extraction.actions] == [("1", "A1"), ("1", "A2"), ("2", "A3")]
        assert [r.text for r in extraction.recommendations] == list(recs.values())


def test_a_new_number_on_every_row_without_recommendations_numbers_the_actions(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Directorate", "Ref", "What we will do", "Responsible officer", "Target date"]]
    rows += [
        ["CYPE", "CYPE01", "Open two more family hubs in the east of the county", "Lead for Family Hubs", "Mar 2026"],
        ["CYPE", "CYPE02", "Train the family hub workforce in parenting support", "Early Years Lead", "Mar 2026"],
        [
            "Public Health",
            "PH01",
            "Commission a new weight management service",
            "Consultant in Public Health",
            "Dec 2025",
        ],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "refs.xlsx", rows)))
    assert extraction.recommendations == ()
    assert [a.action_id for a in extraction.actions] == ["CYPE01", "CYPE02", "PH01"]


_LONG_RECS = (
    (
        "1",
        "Governance – review how decisions are made. Streamlining the process should improve efficiency while "
        "keeping decisions robust.",
    ),
    ("2", "Digital – build the skills to engage services on digital transformation. Agree a strategy."),
)


def test_bulleted_actions_with_their_fields_under_numbered_headings(tmp_path: Path) -> None:
    """No table: each recommendation a numbered heading of several sentences, each action a bullet with
    "Lead:" and "By:" lines under it.  The heading's type sets it apart; the fields make the bullets actions."""
    document = docx.Document()
    document.add_paragraph("The peer team made two recommendations.")
    for number, text in _LONG_RECS:
        document.add_heading(f"{number}. {text}", 2)
        for k in (1, 2):
            document.add_paragraph(f"Carry out step {k} of recommendation {number} with the team", style="List Bullet")
            document.add_paragraph("Lead: Monitoring Officer", style="List Continue")
            document.add_paragraph(f"By: March 202{4 + k}", style="List Continue")
    path = tmp_path / "bulleted.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == list(_LONG_RECS)
    assert [(a.rec_id, a.action_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions][:2] == [
        ("1", "1.1", "Carry out step 1 of recommendation 1 with the team", ("Monitoring Officer",), "March 2025"),
        ("1", "1.2", "Carry out step 2 of recommendation 1 with the team", ("Monitoring Officer",), "March 2026"),
    ]
    assert len(extraction.actions) == 4


def test_bold_numbered_report_headings_open_no_recommendation(tmp_path: Path) -> None:
    """A report's numbered headings in bold, with prose under them and no action: no recommendation."""
    document = docx.Document()
    for number, title in (("1", "Introduction"), ("2", "Background to the report")):
        document.add_heading(f"{number}. {title}", 2)
        document.add_paragraph("The committee considered the report of the Monitoring Officer on the review.")
    path = tmp_path / "report.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert extraction.recommendations == () and extraction.actions == ()


def test_a_recommendation_in_sentences_in_a_row_spanning_the_table(tmp_path: Path) -> None:
    document = docx.Document()
    rows = [("Action", "Owner", "Timescale")]
    table = document.add_table(rows=1, cols=3)
    for c, text in enumerate(rows[0]):
        table.cell(0, c).text = text
    for number, text in _LONG_RECS:
        band = table.add_row()
        band.cells[0].merge(band.cells[2]).text = f"{number}. {text}"
        for k in (1, 2):
            row = table.add_row()
            texts = (f"Carry out step {k} of recommendation {number} with the team", "Monitoring Officer", "June 2025")
            for c, value in enumerate(texts):
                row.cells[c].text = value
    path = tmp_path / "banner.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == list(_LONG_RECS)
    assert [a.rec_id for a in extraction.actions] == ["1", "1", "2", "2"]


def test_owners_a_cell_lists_one_per_paragraph_whatever_their_case(tmp_path: Path) -> None:
    """Paragraphs the author began in a Word cell are owners of their own, capitalised or not; one that opens
    with a connector carries on the owner above."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("Ref", "Action", "Action for?")):
        table.cell(0, c).text = text
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "Map the routes families use to reach early years settings"
    owners = table.cell(1, 2)
    owners.text = "Health Visitors"
    for text in ("Social care", "transport planning", "Head of Housing", "and Homelessness", "Head of Finance"):
        owners.add_paragraph(text)
    owners.add_paragraph("(S151 Officer)")
    path = tmp_path / "owners.docx"
    document.save(str(path))
    (action,) = extract_doc(read_word(path)).actions
    assert action.owners == (
        "Health Visitors",
        "Social care",
        "transport planning",
        "Head of Housing and Homelessness",
        "Head of Finance (S151 Officer)",
    )


def test_a_sort_column_beside_numbered_actions_is_no_recommendation_number(tmp_path: Path) -> None:
    """Recommendations in rows of their own, actions numbered "1.1", "1.2", and a helper column numbering
    the rows 1, 2, 3: the recommendations are the rows', and the helper column is kept under its header."""
    rows: list[list[Any]] = [["Ref", "Action", "Lead Officer", "Target Date", "Sort"]]
    rows += [
        ["Recommendation 1: Improve scrutiny", None, None, None, None],
        ["1.1", "Train the chairs of every committee", "Monitoring Officer", "March 2025", 1],
        ["1.2", "Review the work programme each year", "Scrutiny Officer", "June 2025", 2],
        ["Recommendation 2: Balance the budget", None, None, None, None],
        ["2.1", "Agree the savings plan with Cabinet", "Director of Finance", "May 2025", 3],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "sorted.xlsx", rows)))
    roles = {c.header: c.role for c in extraction.tables[0].columns}
    assert roles["Ref"] == "action_id" and roles["Sort"] is None
    assert [(a.rec_id, a.action_id) for a in extraction.actions] == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]
    assert [r.text for r in extraction.recommendations] == ["Improve scrutiny", "Balance the budget"]


def test_a_run_of_bullets_with_fields_under_it_is_actions_sharing_them(tmp_path: Path) -> None:
    """Two bullets under a recommendation, then one "Lead:" and one "By:" line: both bullets are actions with
    that lead and date; a run of bullets with no field under it stays the recommendation's words."""
    document = docx.Document()
    document.add_paragraph("Recommendation 1: Improve how scrutiny works")
    document.add_paragraph("Review the committee structure", style="List Bullet")
    document.add_paragraph("Train the chairs of every committee", style="List Bullet")
    document.add_paragraph("Lead: Monitoring Officer")
    document.add_paragraph("By: March 2025")
    document.add_paragraph("Recommendation 2: Balance the budget")
    document.add_paragraph("Action 2.1: Agree the savings plan with Cabinet")
    document.add_paragraph("Lead: Director of Finance")
    path = tmp_path / "run.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.action_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        ("1.1", "Review the committee structure", ("Monitoring Officer",), "March 2025"),
        ("1.2", "Train the chairs of every committee", ("Monitoring Officer",), "March 2025"),
        ("2.1", "Agree the savings plan with Cabinet", ("Director of Finance",), None),
    ]


def test_a_priority_column_of_numbers_is_no_recommendation_number(tmp_path: Path) -> None:
    """ "Priority" 1, 1, 2, 2, 3 beside "Rec No" 1 to 5: a grouping of its own; the recommendations keep theirs."""
    rows: list[list[Any]] = [["Priority", "Rec No", "Recommendation", "Action", "Lead"]]
    recs = ["Improve scrutiny", "Balance the budget", "Invest in staff", "Use data better", "Help residents"]
    for n, (priority, text) in enumerate(zip((1, 1, 2, 2, 3), recs, strict=True), start=1):
        rows.append([priority, n, text, f"Carry out the first step of {text.lower()}", "Chief Executive"])
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "priority.xlsx", rows)))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [(str(n), t) for n, t in enumerate(recs, 1)]


def test_a_column_of_codes_beside_a_repeated_owner_is_no_second_owner(tmp_path: Path) -> None:
    """Both right of the actions: "Led by" writes the same lead on every row, "Strategy link" codes that change
    from row to row.  The codes do not become the actions' owners, nor the lead the recommendation's."""
    rows: list[list[Any]] = [["Action", "Led by", "Timescale", "Strategy link"]]
    for n, codes in enumerate(("SO1", "SO1, SO3", "SO2", "SO4"), start=1):
        rows.append(
            [f"Deliver the public health programme for priority {n} across the county", "CPH lead", "2025", codes]
        )
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "codes.xlsx", rows)))
    roles = {c.header: c.role for c in extraction.tables[0].columns}
    assert roles["Led by"] == "owner" and roles["Strategy link"] not in ("owner", "rec_owner")
    assert {a.owners for a in extraction.actions} == {("CPH lead",)}


def test_recommendation_words_repeated_on_every_row_are_one_recommendation(tmp_path: Path) -> None:
    """A tracker with no recommendation number: the recommendation's words written again on each of its
    action rows are the same recommendation."""
    rows: list[list[Any]] = [["Peer recommendation", "Ref", "Key tasks", "Action owner"]]
    for rec, ref, task in (
        ("Improve scrutiny", "1.1", "Train the chairs of every committee"),
        ("Improve scrutiny", "1.2", "Review the work programme each year"),
        ("Balance the budget", "2.1", "Agree the savings plan with Cabinet"),
    ):
        rows.append([rec, ref, task, "Monitoring Officer"])
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "repeated.xlsx", rows)))
    assert [r.text for r in extraction.recommendations] == ["Improve scrutiny", "Balance the budget"]
    assert [(a.rec_id, a.action_id) for a in extraction.actions] == [("1", "1.1"), ("1", "1.2"), ("2", "2.1")]


def test_owners_a_web_page_breaks_with_br_are_owners_of_their_own() -> None:
    from actionplans.extractors.readers.html import html_to_doc

    page = (
        "<table><tr><th>Ref</th><th>Action</th><th>Action for?</th></tr>"
        "<tr><td>1</td><td>Map the routes families use to reach early years settings</td>"
        "<td>Health Visitors<br>Social care<br>transport planning<br>fire service</td></tr></table>"
    )
    (action,) = extract_doc(html_to_doc(page)).actions
    assert action.owners == ("Health Visitors", "Social care", "transport planning", "fire service")


def test_one_column_for_the_owner_and_the_date_gives_both(tmp_path: Path) -> None:
    """ "Responsible officer - date": "Monitoring Officer - December 2024" is an owner and a timescale; a cell
    of that column that is only a date stays a timescale."""
    rows: list[list[Any]] = [["Ref", "Action", "Responsible officer - date"]]
    rows += [
        ["1.1", "Train the chairs of every committee", "Monitoring Officer - December 2024"],
        ["1.2", "Review the work programme each year", "Head of Democratic Services, Q3 2025/26"],
        ["1.3", "Publish a forward plan of decisions", "March 2025"],
    ]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "combined.xlsx", rows)))
    assert [(a.owners, a.timescale_raw) for a in extraction.actions] == [
        (("Monitoring Officer",), "December 2024"),
        (("Head of Democratic Services",), "Q3 2025/26"),
        ((), "March 2025"),
    ]
    # Beside a column of codes that reads like owners by its content alone, the combined column still gives them.
    coded = [[*rows[0][:2], "Outcome ref.", rows[0][2]]] + [[*r[:2], f"SO{n}", r[2]] for n, r in enumerate(rows[1:], 1)]
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "coded.xlsx", coded)))
    assert [a.owners for a in extraction.actions][:2] == [("Monitoring Officer",), ("Head of Democratic Services",)]


def test_actions_written_as_cards_of_fields(tmp_path: Path) -> None:
    """One two-column table per action, the field's name on the left ("Action", "Lead", "Timescale",
    "Measure of success"), the cards set one after another: each card is an action with its fields; of two
    labels of one kind, the one that names it more surely is the field, the other kept under its name."""
    document = docx.Document()
    document.add_paragraph("Priorities and actions")
    for n, (action, lead, due) in enumerate(
        (
            ("Open two more family hubs in the east of the county", "Lead for Family Hubs", "Mar 2026"),
            ("Train the family hub workforce in parenting support", "Early Years Lead", "Sept 2025"),
        ),
        start=1,
    ):
        card = document.add_table(rows=0, cols=2)
        for name, value in (
            ("Action", action),
            ("Shared outcome", f"SO{n}"),
            ("Lead", lead),
            ("Timescale", due),
            ("Measure of success", "Families reached"),
        ):
            cells = card.add_row().cells
            cells[0].text, cells[1].text = name, value
        document.add_paragraph("")
    path = tmp_path / "cards.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.text, a.owners, a.timescale_raw, a.measure) for a in extraction.actions] == [
        (
            "Open two more family hubs in the east of the county",
            ("Lead for Family Hubs",),
            "Mar 2026",
            "Families reached",
        ),
        ("Train the family hub workforce in parenting support", ("Early Years Lead",), "Sept 2025", "Families reached"),
    ]
    assert ("Shared outcome", "SO1") in extraction.actions[0].extra


def test_list_items_that_close_with_their_own_lead_and_date(tmp_path: Path) -> None:
    """A response cell of numbered actions, each ending "(Lead: X, by Y)": the lead and date are the action's
    own, out of its words; a bare "(by September 2024)" is part of the words, as written."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Peer team recommendation", "Council response and planned actions"
    table.cell(1, 0).text = "1. Improve how scrutiny works"
    response = table.cell(1, 1)
    response.text = "The council accepts this recommendation and will:"
    for text in (
        "Train the chairs of every committee (Lead: Monitoring Officer, by December 2024)",
        "Review the work programme each year (Lead: Director (Governance), Ongoing)",
        "Publish a forward plan of decisions (by September 2024)",
    ):
        response.add_paragraph(text, style="List Number")
    path = tmp_path / "response.docx"
    document.save(str(path))
    actions = extract_doc(read_word(path)).actions
    assert [(a.text, a.owners, a.timescale_raw) for a in actions] == [
        ("Train the chairs of every committee", ("Monitoring Officer",), "by December 2024"),
        ("Review the work programme each year", ("Director (Governance)",), "Ongoing"),
        ("Publish a forward plan of decisions (by September 2024)", (), None),
    ]


@pytest.mark.parametrize(
    ("byline", "year", "month"),
    [
        ("Borough Council of Fareham &ndash; published February 2024", 2024, 2),  # a word between dash and date
        ("Fareham Borough Council &middot; Public Health &middot; January 2016", 2016, 1),  # dots set it apart
    ],
)
def test_a_web_pages_byline_dates_it_and_a_records_date_never_does(byline: str, year: int, month: int) -> None:
    """The document's date is its own (a byline under the title), never a date inside its records: the first
    timescale of the table ("Working group – March 2024") or a "Target date:" under an action."""
    from actionplans.extractors.readers.html import html_to_doc

    page = (
        f"<h1>Corporate Peer Challenge Action Plan</h1><p>{byline}</p>"
        "<table><tr><th>Ref</th><th>Action</th><th>By when</th></tr>"
        "<tr><td>1.1</td><td>Form an officer working group</td><td>Working group &ndash; March 2024</td></tr>"
        "<tr><td>1.2</td><td>Publish the engagement charter</td><td>October 2024</td></tr></table>"
    )
    date = extract_doc(html_to_doc(page)).date
    assert date is not None and (date.year, date.month) == (year, month)
    labelled = (
        "<h1>LGA Peer Challenge – Action Plan</h1><p>Our response to the peer team.</p>"
        "<h2>Recommendation 1</h2><p>Review the decision-making process.</p>"
        "<h3>What we will do</h3><ul><li>Explore issues in report preparation with officers</li>"
        "<li>Hold a planning meeting with the chairs</li></ul>"
        "<p><strong>Lead officer:</strong> Monitoring Officer</p><p><strong>Target date:</strong> December 2024</p>"
        "<h2>Recommendation 2</h2><p>Make the most of digital services.</p>"
        "<h3>What we will do</h3><ul><li>Write a digital strategy</li></ul>"
        "<p><strong>Lead officer:</strong> Chief Digital Officer</p><p><strong>Target date:</strong> March 2025</p>"
    )
    extraction = extract_doc(html_to_doc(labelled))
    assert [a.timescale_raw for a in extraction.actions] == ["December 2024", "December 2024", "March 2025"]
    assert extraction.date is None, "a target date under an action is the action's, not the page's"


def test_objective_headings_over_tables_number_their_actions_within_the_recommendation(tmp_path: Path) -> None:
    """A recommendation heading, then a numbered objective heading over each table ("1.1 ...", "1.2 ...", one
    of them long): every table's actions belong to the recommendation, under their objective, numbered within
    it; the second table has no recommendation heading of its own above it."""
    document = docx.Document()
    document.add_heading("Corporate Peer Challenge Action Plan", 0)
    header = ("Ref", "How are we going to do it?", "Timescale")
    document.add_heading("Recommendation 1: Engage residents and communities in the council's decisions", 2)
    document.add_heading("1.1 Develop a customer engagement strategy", 3)
    _plan_table(document, [header, ("a", "Form an officer working group", "March 2024"), ("b", "Draft it", "May 2024")])
    long = "1.2 Review the capacity and skills within the communications team to align with ongoing consultation work"
    document.add_heading(long, 3)
    _plan_table(document, [header, ("a", "Review the team's skills", "June 2024")])
    document.add_heading("Recommendation 2: Talk and listen to staff", 2)
    document.add_heading("2.1 Create regular channels of communication", 3)
    _plan_table(document, [header, ("a", "Run a staff survey", "Spring 2024")])
    path = tmp_path / "outline.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    got = [(a.rec_id, a.action_id, a.objective, a.timescale_raw) for a in extraction.actions]
    assert got == [
        ("1", "1.1.a", "Develop a customer engagement strategy", "March 2024"),
        ("1", "1.1.b", "Develop a customer engagement strategy", "May 2024"),
        ("1", "1.2.a", long.removeprefix("1.2 "), "June 2024"),
        ("2", "2.1.a", "Create regular channels of communication", "Spring 2024"),
    ]
    assert [r.rec_id for r in extraction.recommendations] == ["1", "2"]
    assert extraction.recommendations[0].text == "Engage residents and communities in the council's decisions"


def test_an_owner_and_its_date_on_lines_of_their_own_in_one_column(tmp_path: Path) -> None:
    """A "Led by / Timescale" column with the owner and the date as two paragraphs of one cell, beside a column
    of outcome codes: the owner is the owner (not the codes) and the date alone is the timescale."""
    document = docx.Document()
    table = _plan_table(
        document,
        [
            ("What we have committed to", "Led by / Timescale", "Shared Outcome"),
            ("Encourage healthy behaviours within families", "", "SO1, SO2"),
            ("Improve access to preventative mental health care", "", "SO3"),
        ],
    )
    for r, (owner, when) in enumerate((("Lead for Family Hubs", "Mar 2026"), ("CPH lead", "1-2 years")), 1):
        cell = table.cell(r, 1)
        cell.paragraphs[0].text = owner
        cell.add_paragraph(when)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    actions = extract_doc(read_word(path)).actions
    assert [(a.owners, a.timescale_raw) for a in actions] == [
        (("Lead for Family Hubs",), "Mar 2026"),
        (("CPH lead",), "1-2 years"),
    ]


def test_a_web_pages_disclosures_titled_by_their_summaries_are_aims_over_their_bullets() -> None:
    """``<details>`` whose ``<summary>`` states an aim (no colon) over a bulleted list: each bullet is an
    action under its aim, as a bold heading over a Word list is."""
    from actionplans.extractors.readers.html import html_to_doc

    page = (
        "<h1>Looking to 2025</h1><h2>Strategic Aims:</h2>"
        "<details><summary>Raise the visibility of the armed forces community</summary>"
        "<ul><li>Hold twice-yearly meetings with Task Force Commanders.</li><li>Support Space Week 2025.</li></ul>"
        "</details><details><summary>Support veterans with the greatest needs</summary>"
        "<ul><li>Improve how veterans with the greatest needs are identified.</li></ul></details>"
    )
    extraction = extract_doc(html_to_doc(page))
    assert [(a.objective, a.text) for a in extraction.actions] == [
        (
            "Raise the visibility of the armed forces community",
            "Hold twice-yearly meetings with Task Force Commanders.",
        ),
        ("Raise the visibility of the armed forces community", "Support Space Week 2025."),
        ("Support veterans with the greatest needs", "Improve how veterans with the greatest needs are identified."),
    ]


@pytest.mark.parametrize(("lead", "due"), [("Lead", "Due"), ("Lead officer", "Target date"), ("Responsible", "By")])
def test_a_word_numbered_list_of_actions_each_with_its_lead_and_date(tmp_path: Path, lead: str, due: str) -> None:
    """Actions as a Word numbered list (the number drawn by Word's list numbering, not typed), each item
    followed by paragraphs "Lead: ..." and "Due: ...": every item is an action with its owner and timescale,
    numbered within its recommendation by Word's label; a numbered list with no fields under its items (the
    report's contents) holds no actions."""
    document = docx.Document()
    document.add_heading("Action plan", 0)
    for section in ("Background", "Our response"):
        document.add_paragraph(section, style="List Number")
    first = [
        ("Train the chairs of every committee", "Monitoring Officer", "December 2024"),
        ("Review the forward plan", "Head of Democratic Services", "March 2025"),
    ]
    for rec, items in (
        ("Recommendation 1: Improve governance", first),
        ("Recommendation 2: Balance the budget", [("Agree a savings plan", "Director of Finance", "June 2025")]),
    ):
        document.add_paragraph(rec)
        numbered = None
        for action, owner, when in items:
            paragraph = document.add_paragraph(action, style="List Number")
            numbered = numbered or paragraph
            document.add_paragraph(f"{lead}: {owner}")
            document.add_paragraph(f"{due}: {when}")
        assert numbered is not None and not re.match(r"\d", numbered.text)  # Word draws the number
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    # Word runs one list on through the document: its items show 3., 4. and 5.
    assert [(a.rec_id, a.action_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        ("1", "1.3", "Train the chairs of every committee", ("Monitoring Officer",), "December 2024"),
        ("1", "1.4", "Review the forward plan", ("Head of Democratic Services",), "March 2025"),
        ("2", "2.5", "Agree a savings plan", ("Director of Finance",), "June 2025"),
    ]


def test_a_list_item_whose_number_the_actions_under_it_continue_is_their_recommendation(tmp_path: Path) -> None:
    """ "1. Improve governance" with its lead, over "1.1 ..." and "1.2 ..." with theirs: the list item numbers
    the recommendation (its words and its lead), not an action."""
    document = docx.Document()
    for text in (
        "1. Improve governance", "Lead member: Leader of the Council",
        "1.1 Train the chairs", "Lead: Monitoring Officer", "Due: May 2025",
        "1.2 Review the forward plan", "Lead: Head of Democratic Services", "Due: June 2025",
        "2. Balance the budget", "Lead member: Cabinet Member for Finance",
        "2.1 Agree a savings plan", "Lead: Director of Finance", "Due: March 2026",
    ):  # fmt: skip
        document.add_paragraph(text)
    path = tmp_path / "levels.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.rec_id, a.action_id, a.owners) for a in extraction.actions] == [
        ("1", "1.1", ("Monitoring Officer",)),
        ("1", "1.2", ("Head of Democratic Services",)),
        ("2", "2.1", ("Director of Finance",)),
    ]
    assert [(r.rec_id, r.text, r.owners) for r in extraction.recommendations] == [
        ("1", "Improve governance", ("Leader of the Council",)),
        ("2", "Balance the budget", ("Cabinet Member for Finance",)),
    ]


def test_a_title_row_above_the_header_is_the_recommendation_of_the_rows_under_it(tmp_path: Path) -> None:
    """Each recommendation's table opens with a row merged across it ("Recommendation 3: ..."), then its header
    row (No. | Action | Lead | Timescale), then its actions: the title row is their recommendation, as a heading
    over the table would be, so the "No." column numbers the actions within it; a title row naming no
    recommendation still names the table's section."""
    document = docx.Document()
    document.add_heading("Peer challenge action plan", 0)
    numbered = ("No.", "Action", "Lead", "Timescale")
    first = [
        ("1", "Train the chairs", "Monitoring Officer", "May 2025"),
        ("2", "Review the plan", "Head of Law", "June 2025"),
    ]
    for title, header, rows in (
        ("Recommendation 3: Strengthen the council's governance", numbered, first),
        (
            "Recommendation 4: Balance the budget",
            numbered,
            [("1", "Agree a savings plan", "Director of Finance", "2025")],
        ),
        ("Wider improvements", numbered[1:], [("Refresh the intranet", "Head of Digital", "2026")]),
    ):
        table = _plan_table(document, [("",) * len(header), header, *rows])
        table.cell(0, 0).merge(table.cell(0, len(header) - 1)).text = title
        document.add_paragraph("Progress is reported to Cabinet each quarter.")
    path = tmp_path / "titled.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.rec_id, a.action_id, a.text, a.owners, a.section) for a in extraction.actions] == [
        ("3", "3.1", "Train the chairs", ("Monitoring Officer",), None),
        ("3", "3.2", "Review the plan", ("Head of Law",), None),
        ("4", "4.1", "Agree a savings plan", ("Director of Finance",), None),
        (None, "Wider improvements.1", "Refresh the intranet", ("Head of Digital",), "Wider improvements"),
    ]
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [
        ("3", "Strengthen the council's governance"),
        ("4", "Balance the budget"),
    ]


@pytest.mark.parametrize(
    "title",
    [
        "<caption>Recommendation 3: Strengthen governance</caption>",
        '<tr><th colspan="3">Recommendation 3: Strengthen governance</th></tr>',
    ],
)
def test_a_web_tables_caption_or_title_row_is_the_recommendation_of_its_rows(title: str) -> None:
    """A web page's table titled by its ``<caption>``, or by a header cell spanning it over the column names:
    the title names the recommendation of the table's rows, as a heading over the table would."""
    from actionplans.extractors.readers.html import html_to_doc

    page = (
        f"<h1>Action plan</h1><table>{title}<tr><th>Action</th><th>Lead</th><th>Timescale</th></tr>"
        "<tr><td>Train the chairs</td><td>Monitoring Officer</td><td>May 2025</td></tr>"
        "<tr><td>Review the forward plan</td><td>Head of Law</td><td>June 2025</td></tr></table>"
    )
    extraction = extract_doc(html_to_doc(page))
    assert [(a.rec_id, a.action_id, a.owners) for a in extraction.actions] == [
        ("3", "3.1", ("Monitoring Officer",)),
        ("3", "3.2", ("Head of Law",)),
    ]
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [("3", "Strengthen governance")]


def test_a_web_pages_description_lists_of_fields_are_actions_with_their_fields() -> None:
    """Actions as ``<dl>`` of fields under recommendation headings: a list per action, or one list of several
    (terms grouped in ``<div>``, a description in a ``<p>``): each term and its description read as the
    labelled line "Lead officer: ..." would, so every action keeps its owner and timescale; a list of terms
    that name no fields (a glossary) gives no action."""
    from actionplans.extractors.readers.html import html_to_doc

    def card(*fields: tuple[str, str]) -> str:
        return "<dl>" + "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in fields) + "</dl>"

    page = (
        "<h1>Action plan</h1>"
        + card(("MTFS", "Medium Term Financial Strategy"), ("CPC", "Corporate Peer Challenge"))
        + "<h2>Recommendation 1: Improve governance</h2>"
        + card(("Action", "Train the chairs"), ("Lead officer", "Monitoring Officer"), ("Timescale", "May 2025"))
        + card(("Action", "Review the forward plan"), ("Lead officer", "Head of Law"), ("Timescale", "June 2025"))
        + "<h2>Recommendation 2: Balance the budget</h2><dl>"
        + "<div><dt>Action</dt><dd><p>Agree a savings plan</p></dd></div>"
        + "<div><dt>Responsible</dt><dd>Director of Finance</dd></div><div><dt>Due</dt><dd>2026</dd></div>"
        + "<dt>Action</dt><dd>Publish the strategy</dd><dt>Lead</dt><dd>Section 151 Officer</dd>"
        + "<dt>Target date</dt><dd>February 2026</dd></dl>"
    )
    extraction = extract_doc(html_to_doc(page))
    assert [(a.rec_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        ("1", "Train the chairs", ("Monitoring Officer",), "May 2025"),
        ("1", "Review the forward plan", ("Head of Law",), "June 2025"),
        ("2", "Agree a savings plan", ("Director of Finance",), "2026"),
        ("2", "Publish the strategy", ("Section 151 Officer",), "February 2026"),
    ]
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [
        ("1", "Improve governance"),
        ("2", "Balance the budget"),
    ]


def test_a_council_named_only_in_the_page_header_names_the_document(tmp_path: Path) -> None:
    """A Word plan whose council is named only in its page header (and a web page's only in its banner or
    footer, which the page's reading skips): the council is the document's, and the header's text is in no
    block, so none of it becomes a record."""
    from actionplans.extractors.readers.html import html_to_doc

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Winchester City Council | Action 9.9: Print this page"
    document.add_heading("Peer challenge action plan", 0)
    for text in ("Recommendation 1: Improve governance", "Action 1.1: Train the chairs", "Lead: Monitoring Officer"):
        document.add_paragraph(text)
    path = tmp_path / "header.docx"
    document.save(str(path))
    doc = read_word(path)
    extraction = extract_doc(doc)
    assert extraction.council == "Winchester City Council"
    assert [(a.action_id, a.text) for a in extraction.actions] == [("1.1", "Train the chairs")]
    assert not any("Winchester" in line.text for line in doc.text_lines())
    body = (
        "<main><h1>Action plan</h1><h2>Recommendation 1: Improve governance</h2>"
        "<p>Action 1.1: Train the chairs</p><p>Lead: Monitoring Officer</p></main>"
    )
    nav = "<nav><a>Bins</a><a>Norfolk County Council partnership</a></nav>"
    for page in (
        f"<header><a href='/'>Fareham Borough Council</a>{nav}</header>{body}",
        f"{nav}{body}<footer><p>&copy; 2024 Fareham Borough Council</p></footer>",
        f"<div role='banner'>{nav}<p>Fareham Borough Council</p></div>{body}",
    ):
        extraction = extract_doc(html_to_doc(page))
        assert extraction.council == "Fareham Borough Council", page
        assert [a.text for a in extraction.actions] == ["Train the chairs"]
    assert extract_doc(html_to_doc(f"<header>{nav}</header>{body}")).council is None  # a menu names no council


@pytest.mark.parametrize(
    ("body", "footer", "date"),
    [
        ("Meeting: 20/03/2024", "", (2024, 3, 20)),
        ("Date of meeting: Wednesday 5 March 2025", "", (2025, 3, 5)),
        ("", "Last updated: 12 March 2024", (2024, 3, 12)),
        ("", "Published: 1 May 2023 | Page 1 of 2", (2023, 5, 1)),
        ("", "Next review: 1 April 2026", None),  # a date ahead, not the document's
        ("", "Printed 4 June 2024", None),  # unlabelled: the printing's date
        # a tracker's reporting date
        ("Position as at 12 March 2024", "", (2024, 3, 12)),
        ("", "Data correct as at 31/03/2025", (2025, 3, 31)),
        # ... after a title's separator, its lead-in counted from there
        ("Corporate Peer Challenge Action Plan – Position as at 30 September 2025", "", (2025, 9, 30)),
        ("Corporate Peer Challenge Action Plan: progress position as at 30 September 2025", "", (2025, 9, 30)),
        ("Corporate Peer Challenge Action Plan and the progress position as at 30 September 2025", "", None),
        # the occasion's words, then its day, with no colon
        ("Cabinet meeting 10 April 2025", "", (2025, 4, 10)),
        ("Updated 14/02/2025", "", (2025, 2, 14)),
        ("Updated 14 February 2025", "", (2025, 2, 14)),
        ("Updated guidance 14/02/2025", "", None),  # a word of its own: not the occasion's
        ("Report 10 April 2025 draft", "", None),  # words after the date: it is not all the rest
        ("Version 1.2 – 04/03/2025", "", (2025, 3, 4)),  # the label's own number aside
        # who agreed it, in the words of [document_date]: a decision's date
        ("Agreed by Full Council on 21 July 2025", "", (2025, 7, 21)),
        ("Approved by Cabinet on 12 March 2025", "", (2025, 3, 12)),
        ("Last reviewed: 28/02/2025", "", (2025, 2, 28)),
        ("", "Reviewed: 28/02/2025", (2025, 2, 28)),
        ("Report to Cabinet, 10 April 2025", "", (2025, 4, 10)),
        ("Cabinet meeting 10 April 2025 to agree the budget", "", None),  # the date does not end the line
        ("Cabinet agreed the plan in April 2025 and will review it", "", None),
        ("The plan will be reviewed as at the end of each year, 2026.", "", None),
        # a word that could be a label, then a sentence with a date in it: no label of a date
        ("Report - this plan sets out how the council will respond by March 2027.", "", None),
        ("Update - progress to December 2025 is set out below.", "", None),
    ],
)
def test_a_document_dated_by_a_labelled_line_or_its_footer(
    tmp_path: Path, body: str, footer: str, date: tuple[int, int, int] | None
) -> None:
    """A plan dated only by a labelled line ("Meeting: 20/03/2024", "Date of meeting: ..."), in its text or in
    its page footer ("Last updated: 12 March 2024"): that is the document's date; an action's own labelled
    date ("Updated: 14 March 2024" written under it) never is, nor a footer's unlabelled or coming date."""
    document = docx.Document()
    document.sections[0].footer.paragraphs[0].text = footer
    document.add_heading("Peer challenge action plan", 0)
    if body:
        document.add_paragraph(body)
    for text in (
        "Recommendation 1: Improve governance",
        "Action 1.1: Train the chairs",
        "Lead: Monitoring Officer",
        "Updated: 14 March 2024",
        "Target date: 31 March 2025",
    ):
        document.add_paragraph(text)
    path = tmp_path / "dated.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [a.timescale_raw for a in extraction.actions] == ["31 March 2025"]
    found = extraction.date
    assert (None if found is None else (found.year, found.month, found.day)) == date


def test_a_web_pages_footer_dates_it() -> None:
    from actionplans.extractors.readers.html import html_to_doc

    page = (
        "<main><h1>Action plan</h1><h2>Recommendation 1: Improve governance</h2>"
        "<p>Action 1.1: Train the chairs</p><p>Target date: 12 March 2025</p></main>"
        "<footer><p>Fareham Borough Council</p><p>Page last updated: 12 March 2024</p></footer>"
    )
    extraction = extract_doc(html_to_doc(page))
    assert extraction.date is not None and (extraction.date.year, extraction.date.month) == (2024, 3)
    assert [a.timescale_raw for a in extraction.actions] == ["12 March 2025"]


def test_lettered_actions_under_a_numbered_objective_share_the_fields_written_under_them(tmp_path: Path) -> None:
    """ "1.1 Develop a strategy" set as a heading, then "a) ...", "b) ..." and one "Target date:" and
    "Lead officer:" for the list: every item is an action of objective 1.1 (1.1.a, 1.1.b) with those fields;
    a list with its own date under each item keeps each item's."""
    document = docx.Document()
    document.add_heading("Corporate Peer Challenge Action Plan", 0)
    document.add_paragraph("Recommendation 1")
    document.add_paragraph("Engage and consult with residents and communities.")
    document.add_heading("1.1 Develop a customer engagement strategy", 2)
    document.add_paragraph("a) Form an officer working group of staff volunteers.")
    document.add_paragraph("b) including customer facing roles in the working group.")  # a bracket: any case
    document.add_paragraph("Target date: October 2024")
    document.add_paragraph("Lead officer: Head of Communications")
    document.add_heading("1.2 Review internal communications", 2)
    document.add_paragraph("a) Act on the internal survey.")
    document.add_paragraph("Target date: Spring 2024")
    document.add_paragraph("b) Scope and launch a new intranet.")
    document.add_paragraph("Target date: December 2024")
    path = tmp_path / "lettered.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.action_id, a.objective, a.owners, a.timescale_raw) for a in extraction.actions] == [
        ("1.1.a", "Develop a customer engagement strategy", ("Head of Communications",), "October 2024"),
        ("1.1.b", "Develop a customer engagement strategy", ("Head of Communications",), "October 2024"),
        ("1.2.a", "Review internal communications", (), "Spring 2024"),
        ("1.2.b", "Review internal communications", (), "December 2024"),
    ]


def test_a_heading_between_two_tables_with_the_same_columns_begins_another_section(tmp_path: Path) -> None:
    """Word draws no page into a table: two tables with the same header, a heading between them, are two
    sections, not one table carried on (a PDF's table cut by a page break is stitched, see test_tables)."""
    document = docx.Document()
    document.add_heading("Health and wellbeing priorities", 0)
    for section, actions in (
        ("Children and Young People", ["Open family hubs in every district"]),
        ("Public Health", ["Review the substance misuse service", "Train staff in trauma informed practice"]),
    ):
        document.add_heading(section, 2)
        table = document.add_table(rows=1, cols=3)
        for cell, name in zip(table.rows[0].cells, ("What we will do", "Led by", "Timescale"), strict=True):
            cell.text = name
        for action in actions:
            row = table.add_row().cells
            row[0].text, row[1].text, row[2].text = action, "Director of Public Health", "March 2026"
    path = tmp_path / "sections.docx"
    document.save(str(path))
    extraction = extract_doc(read_word(path))
    assert [(a.section, a.text) for a in extraction.actions] == [
        ("Children and Young People", "Open family hubs in every district"),
        ("Public Health", "Review the substance misuse service"),
        ("Public Health", "Train staff in trauma informed practice"),
    ]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Peer Challenge Action Plan – Position as at 30 September 2025", "Peer Challenge Action Plan"),
        ("Peer Challenge Action Plan: progress as at 30 September 2025", "Peer Challenge Action Plan"),
        ("Report to Cabinet, 10 April 2025", "Report to Cabinet"),
        ("10 May 2025", "10 May 2025"),  # a date alone: nothing else to keep, the day too (was "10")
        ("Peer Challenge Action Plan March 2025", "Peer Challenge Action Plan"),
    ],
)
def test_a_date_ending_the_title_line_is_not_part_of_the_title(tmp_path: Path, heading: str, title: str) -> None:
    """Before: "Report to Cabinet, 10" (the day left behind) and "... – Position as at"."""
    document = docx.Document()
    document.add_heading(heading, 0)
    for text in ("Recommendation 1: Improve governance", "Action 1.1: Train the chairs", "Lead: Monitoring Officer"):
        document.add_paragraph(text)
    path = tmp_path / "titled.docx"
    document.save(str(path))
    assert extract_doc(read_word(path)).title == title


def test_hidden_rows_and_columns_are_not_read(tmp_path: Path) -> None:
    """A sheet's hidden rows (superseded actions) and columns (a lookup) are not read, as the sheet's PDF
    lacks them; a merged recommendation cell whose first row is hidden still stands in the rows it shows in,
    and a hidden row splits no table."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Action Plan"
    sheet.append(["Rec", "Action", "Lookup", "Owner", "Due"])
    sheet.append(["1", "Superseded: hold a members' seminar", "x1", "Monitoring Officer", "Mar 2025"])
    sheet.append([None, "Review the committees", "x2", "Monitoring Officer", "Jun 2026"])
    sheet.append([None, "Train the chairs", "x3", "Monitoring Officer", "Sep 2026"])
    sheet.append(["2", "Agree the savings plan", "x4", "Director of Finance", "Feb 2027"])
    sheet.merge_cells("A2:A4")
    sheet.row_dimensions[2].hidden = True
    sheet.column_dimensions["C"].hidden = True
    path = tmp_path / "plan.xlsx"
    book.save(str(path))
    doc = read_excel(path)
    (table,) = _tables(doc)
    assert _texts(table) == [
        ["Rec", "Action", "Owner", "Due"],
        ["1", "Review the committees", "Monitoring Officer", "Jun 2026"],
        ["1", "Train the chairs", "Monitoring Officer", "Sep 2026"],
        ["2", "Agree the savings plan", "Director of Finance", "Feb 2027"],
    ]
    assert any("1 hidden row(s) not read (2)" in n for n in doc.notes)
    assert any("hidden column(s) C not read" in n for n in doc.notes)
    actions = extract_doc(doc).actions
    assert [(a.rec_id, a.text) for a in actions] == [
        ("1", "Review the committees"),
        ("1", "Train the chairs"),
        ("2", "Agree the savings plan"),
    ]


CSV_PLAN: list[list[Any]] = [
    ["Borsetshire Council - Recommendations Tracker", None, None, None, None],
    ["Report run: 15/06/2026", None, None, None, None],
    [None, None, None, None, None],
    ["Ref", "Recommendation", "Action", "Owner", "Due Date"],
    ["1.1", "Improve benefit take-up.", "Run a Pension Credit campaign.", "Welfare Rights Manager", "30/09/2026"],
    ["1.2", "Improve benefit take-up.", "Train library staff to do\nbenefit checks.", "Head of Library", "31/12/2026"],
    ["2.1", "Review council tax arrears.", "Add a vulnerability screening step.", "Head of Revenues", "31/07/2026"],
]


@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".csv", ";"), (".tsv", "\t")])
def test_a_delimited_export_gives_what_its_workbook_gives(tmp_path: Path, suffix: str, delimiter: str) -> None:
    """A tracker exported as CSV (or with semicolons, or as TSV): its title rows are paragraphs, its rows a
    table, a quoted value over two lines one cell; the records are the workbook's.  Before, a CSV file was read
    as plain text and gave no plan."""
    import csv

    book = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", CSV_PLAN)))
    path = tmp_path / f"plan{suffix}"
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, delimiter=delimiter).writerows([["" if v is None else v for v in row] for row in CSV_PLAN])
    doc = read_document(path)
    assert doc.reader == "csv"
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert table.rows[2].cells[2] is not None and len(table.rows[2].cells[2].paras) == 2  # the quoted line break
    got = extract_doc(doc)
    records = [(a.rec_id, a.action_id, a.text, a.owners, a.timescale_raw) for a in got.actions]
    assert len(records) == 3
    assert records == [(a.rec_id, a.action_id, a.text, a.owners, a.timescale_raw) for a in book.actions]
    assert [r.text for r in got.recommendations] == [r.text for r in book.recommendations]


@pytest.mark.parametrize("how", ["filter", "outline"])
def test_rows_a_filter_or_an_outline_hides_are_read(tmp_path: Path, how: str) -> None:
    """Near misses of hidden rows (found by a review): rows an AutoFilter hides ("Status = Open" hides the
    completed actions) or a collapsed outline folds under their recommendation are the plan's rows, out of
    sight for now, and are read; only rows hidden by hand are not."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Plan"
    sheet.append(["Ref", "Action", "Lead officer", "Target date", "Status"])
    sheet.append(["1.1", "Publish the workforce strategy.", "Head of HR", "March 2026", "Complete"])
    sheet.append(["1.2", "Consult the trade unions.", "Head of HR", "June 2026", "Open"])
    sheet.append(["2.1", "Review the scheme of delegation.", "Monitoring Officer", "May 2026", "Complete"])
    for r in (2, 4):
        sheet.row_dimensions[r].hidden = True
        if how == "outline":
            sheet.row_dimensions[r].outline_level = 1
    if how == "filter":
        sheet.auto_filter.ref = "A1:E4"
        sheet.auto_filter.add_filter_column(4, ["Open"])
    path = tmp_path / "plan.xlsx"
    book.save(str(path))
    doc = read_excel(path)
    assert [a.action_id for a in extract_doc(doc).actions] == ["1.1", "1.2", "2.1"]
    assert not any("hidden row" in n for n in doc.notes)


def _indented_word(path: Path, paras: Sequence[tuple[str, float]]) -> Path:
    """A Word document of no tables: a title, then each paragraph set in by its points of left indent."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.add_paragraph("Improvement Plan")
    for text, indent in paras:
        doc.add_paragraph(text).paragraph_format.left_indent = Pt(indent)
    doc.save(str(path))
    return path


def test_bullets_under_an_actions_lead_in_are_its_words(tmp_path: Path) -> None:
    """A Word plan with no tables: "2.1 Launch a new offer for carers, including:" over bullets set further
    in, then its fields.  The bullets detail the one action (its text carries them); before, each was an
    action of its own and the lead-in was lost."""
    paras = [("1. Improve support for unpaid carers.", 18), ("1.1 Launch a new offer for carers, including:", 36)]
    for item in ("a short online self-assessment;", "a follow-up call within ten days; and", "an emergency card."):
        paras.append((f"• {item}", 54))
    paras += [("Responsible officer: Head of Carers Services", 36), ("Target date: March 2027", 36)]
    paras += [("1.2 Review the carers' strategy with carers.", 36)]
    paras += [("Responsible officer: Head of Carers Services", 36), ("Target date: June 2027", 36)]
    path = _indented_word(tmp_path / "plan.docx", paras)
    actions = extract_doc(read_document(path)).actions
    assert [a.text for a in actions] == [
        "Launch a new offer for carers, including: a short online self-assessment; a follow-up call within ten "
        "days; and an emergency card.",
        "Review the carers' strategy with carers.",
    ]
    assert [a.timescale_raw for a in actions] == ["March 2027", "June 2027"]


def test_a_plan_set_on_its_side_gives_the_records_of_the_upright_one(tmp_path: Path) -> None:
    """A workbook with one column per action, its first column naming the fields, a recommendation merged
    across its actions' columns: turned, it is the upright plan, and gives its records.  Before, it gave
    none."""
    upright: list[list[Any]] = [["Recommendation", "Action", "Lead officer", "Target date"]]
    upright += [["Agree a vision.", "Hold a place summit.", "Chief Executive", "Autumn 2026"]]
    upright += [["Agree a vision.", "Refresh the Council Plan.", "Head of Policy", "March 2027"]]
    upright += [["Balance the budget.", "Agree a savings programme.", "Director of Finance", "February 2027"]]
    upright += [["Balance the budget.", "Review the capital programme.", "Director of Finance", "March 2027"]]
    want = extract_doc(read_excel(write_sheet(tmp_path / "upright.xlsx", upright)))
    side = [[row[c] for row in upright] for c in range(4)]  # four rows, five columns
    side[0][2] = side[0][4] = None  # each recommendation merged across its two actions' columns
    got = extract_doc(read_excel(write_sheet(tmp_path / "side.xlsx", side, merges=("B1:C1", "D1:E1"))))
    assert len(want.actions) == 4
    assert [(a.rec_id, a.text, a.owners, a.timescale_raw) for a in got.actions] == [
        (a.rec_id, a.text, a.owners, a.timescale_raw) for a in want.actions
    ]
    assert [r.text for r in got.recommendations] == [r.text for r in want.recommendations]


def test_bullets_with_fields_of_their_own_stay_actions(tmp_path: Path) -> None:
    """Near miss of the lead-in's bullets (found by a review): "1.1 To deliver this we will:" over bullets that
    each carry their own "Lead officer:" and "Target date:" lines: each bullet is an action of its own."""
    paras = [("1. Improve support for unpaid carers.", 18.0), ("1.1 To deliver this we will:", 36.0)]
    for item, who in (("Launch a self-assessment online.", "Head of Carers"), ("Publish a charter.", "Head of Policy")):
        paras += [(f"• {item}", 54), (f"Lead officer: {who}", 54), ("Target date: March 2027", 54)]
    path = _indented_word(tmp_path / "plan.docx", paras)
    actions = extract_doc(read_document(path)).actions
    assert [(a.text, a.owners) for a in actions] == [
        ("Launch a self-assessment online.", ("Head of Carers",)),
        ("Publish a charter.", ("Head of Policy",)),
    ]


def test_a_table_shorter_in_some_rows_turns_without_inventing_merges() -> None:
    """A row with fewer cells than the table (a reader that does not pad) turns into empty cells, not a cell
    merged across the rest."""
    from actionplans.extractors.model import Line, Row
    from actionplans.extractors.tables import transposed

    def cell(text: str) -> Cell:
        return Cell(paras=[[Line(text=text)]])

    table = Table(
        rows=[Row(cells=[cell("Action"), cell("A1"), cell("A2")]), Row(cells=[cell("Lead"), cell("CEO")])], kind="tsv"
    )
    turned = transposed(table)
    assert [[c.text if c is not None else None for c in row.cells] for row in turned.rows] == [
        ["Action", "Lead"],
        ["A1", "CEO"],
        ["A2", ""],
    ]
