"""Text set in two columns is read down each column in turn (:mod:`extractors.readers.textcolumns`).

* Metamorphic: one plan (numbered recommendations, each with numbered actions and "Owner:" / "Due:" lines)
  typeset by reportlab in one column, in two, and in two under a title across the page, gives the same
  records; in two columns read by height (before) its actions took lines of the other column.
* Near misses, read by height as before: labels beside their values ("Lead officer:" | "Head of Housing"),
  and a borderless table of two prose columns whose cells start level (its rows).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from reportlab import rl_config

rl_config.invariant = 1

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import cm  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer  # noqa: E402

from actionplans.extractors import extract_doc  # noqa: E402
from actionplans.extractors.model import Line  # noqa: E402
from actionplans.extractors.model import Paragraph as Para  # noqa: E402
from actionplans.extractors.readers.pdf import read_pdf  # noqa: E402
from actionplans.extractors.readers.textcolumns import across_rows, find_columns  # noqa: E402

PLAN = [
    (
        "Strengthen the council's financial resilience over the medium term.",
        [
            (
                "Refresh the medium term financial strategy and publish it with the budget.",
                "Director of Resources",
                "February 2026",
            ),
            ("Set up a savings programme board chaired by the Chief Executive.", "Chief Executive", "June 2025"),
        ],
    ),
    (
        "Improve how residents are kept informed of the regeneration programme.",
        [
            ("Publish a progress update on the council website every six months.", "Head of Communications", "Ongoing"),
            (
                "Hold two public exhibitions on the next phase of the town centre scheme.",
                "Regeneration Manager",
                "Q3 2025/26",
            ),
            (
                "Report progress to the Overview and Scrutiny Committee each quarter.",
                "Head of Regeneration",
                "Quarterly from October 2025",
            ),
        ],
    ),
    (
        "Give staff the tools to resolve enquiries at the first point of contact.",
        [
            (
                "Replace the knowledge base in the customer relationship management system.",
                "Head of Digital Services",
                "March 2026",
            ),
            (
                "Introduce a training pathway for new customer service advisers.",
                "Customer Services Manager",
                "December 2025",
            ),
        ],
    ),
    (
        "Measure what matters to residents and report it openly.",
        [
            (
                "Agree a small set of customer access measures with the portfolio holder.",
                "Performance Lead",
                "November 2025",
            ),
            (
                "Publish a customer access dashboard on the council website each quarter.",
                "Performance Lead",
                "From Q3 2025/26",
            ),
        ],
    ),
    (
        "Make better use of data to understand the needs of each ward.",
        [
            (
                "Produce a profile for each of the borough's wards with the census results.",
                "Corporate Policy Manager",
                "September 2026",
            ),
            (
                "Train service managers to use the ward profiles in service planning.",
                "Corporate Policy Manager",
                "Q1 2026/27",
            ),
        ],
    ),
    (
        "Develop the workforce the council will need over the next five years.",
        [
            (
                "Agree a workforce strategy covering recruitment, retention and apprenticeships.",
                "Assistant Director Human Resources",
                "By end of March 2026",
            ),
            (
                "Run a staff survey every year and share the results with all staff.",
                "Head of Organisational Development",
                "Annually",
            ),
        ],
    ),
]


def _story() -> list[Any]:
    heading = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=10, spaceAfter=4)
    body = ParagraphStyle("b", fontName="Helvetica", fontSize=9.5, leading=12, spaceAfter=3)
    item = ParagraphStyle("i", parent=body, leftIndent=12, firstLineIndent=-12)
    field = ParagraphStyle("f", parent=body, leftIndent=12, spaceAfter=6)
    story: list[Any] = []
    for r, (text, actions) in enumerate(PLAN, start=1):
        story += [Paragraph(f"Recommendation {r}", heading), Paragraph(text, body)]
        for a, (action, owner, due) in enumerate(actions, start=1):
            story += [Paragraph(f"{a}. {action}", item), Paragraph(f"Owner: {owner} Due: {due}", field)]
    return story


def _plan(path: Path, columns: int, title: bool) -> None:
    width, height = A4
    margin, gap = 2 * cm, 0.8 * cm
    head = 3.2 * cm if title else 0.0
    col = (width - 2 * margin - gap * (columns - 1)) / columns
    frames = [
        Frame(margin + k * (col + gap), margin, col, height - 2 * margin - head, id=f"c{k}", showBoundary=0)
        for k in range(columns)
    ]

    def on_page(c: Any, _doc: Any) -> None:
        if title:
            c.setFont("Helvetica-Bold", 16)
            c.drawString(margin, height - margin - 0.7 * cm, "Corporate Peer Challenge: Our Action Plan")
            c.setFont("Helvetica", 10)
            c.drawString(margin, height - margin - 1.5 * cm, "Our response to the peer team's recommendations, set")
            c.drawString(
                margin,
                height - margin - 2.0 * cm,
                "out in full across the width of the page, with the lead officer for each.",
            )

    doc = BaseDocTemplate(
        str(path), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin
    )
    doc.addPageTemplates([PageTemplate(id="p", frames=frames, onPage=on_page)])
    doc.build([Spacer(1, 1), *_story()])


def _records(path: Path) -> list[tuple[str | None, str, tuple[str, ...], str | None]]:
    doc = extract_doc(read_pdf(path))
    return [(a.rec_id, a.text, a.owners, a.timescale_raw) for a in doc.actions]


THREE_UNDER_A_TITLE = pytest.mark.xfail(
    strict=True,
    reason="a known gap: under the title the lines fall so that a line of the first column ends in a label's "
    "colon ('Communications Due:'), which keeps the next column's words at that height on its line as a form's "
    "value beside its label; the line then crosses the gutter and no columns are found",
)


@pytest.mark.parametrize(
    ("title", "columns"),
    [
        (False, 2),
        (True, 2),
        (False, 3),
        pytest.param(True, 3, marks=THREE_UNDER_A_TITLE),
    ],
    ids=["two columns", "two under a title", "three columns", "three under a title"],
)
def test_a_plan_in_columns_gives_the_records_it_gives_in_one(tmp_path: Path, title: bool, columns: int) -> None:
    """In three columns, as a newsletter sets them, fields wrap in the narrow columns and a date's year may
    fall at the top of the next column."""
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    _plan(one, 1, title)
    _plan(two, columns, title)
    want = _records(one)
    assert len(want) == sum(len(actions) for _, actions in PLAN)
    first = 2 * cm + (A4[0] - 4 * cm - 0.8 * cm * (columns - 1)) / columns  # the first column's right edge
    right = [b for b in read_pdf(two).blocks if isinstance(b, Para) and (b.lines[0].x0 or 0) > first]
    assert len(right) >= 10  # the columns after the first hold a good part of the plan
    assert want[0] == (
        "1",
        "Refresh the medium term financial strategy and publish it with the budget.",
        ("Director of Resources",),
        "February 2026",
    )
    assert _records(two) == want


def _line(text: str, x0: float, x1: float, top: float) -> Line:
    return Line(text=text, page=1, bbox=(x0, top, x1, top + 10), x0=x0, x1=x1, size=10)


def test_labels_beside_their_values_are_no_columns() -> None:
    lines = []
    for k, (label, value) in enumerate(
        [
            ("Lead officer:", "Head of Housing and Regeneration Services"),
            ("Timescale:", "March 2026, then every quarter"),
        ]
        * 3
    ):
        lines += [_line(label, 72, 130, 100 + 14 * k), _line(value, 250, 520, 100 + 14 * k)]
    assert find_columns(lines) is None


@pytest.mark.parametrize("offset", [0.0, 6.0, 18.0], ids=["top", "centred", "lower"])
def test_two_sides_parted_by_the_same_white_keep_their_rows(tmp_path: Path, offset: float) -> None:
    """Two prose sides whose gaps run across both are a table's rows, however their cells sit in the row (the
    right one at its top, centred, lower) and however wide the gutter: read by height as before, each left
    paragraph followed by the right one beside it, not the whole left side first."""
    path = tmp_path / "rows.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 700.0
    for k in range(4):
        c.drawString(72, y, f"Review the approach to item {k + 1} with")
        c.drawString(72, y - 12, "partners and residents of the")
        c.drawString(72, y - 24, "borough and its parishes.")
        c.drawString(320, y - offset, f"Agreed: a review of item {k + 1} will")
        c.drawString(320, y - offset - 12, "report to Cabinet in March 2026.")
        y -= 70
    c.save()
    doc = read_pdf(path)
    lines = [ln for b in doc.blocks for ln in getattr(b, "lines", [])]
    assert find_columns(lines) is None
    items = [re.search(r"item (\d)", getattr(b, "text", "")) for b in doc.blocks]
    assert [int(m.group(1)) for m in items if m] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_white_beside_the_other_sides_text_parts_columns_not_rows() -> None:
    left = [_line("text", 72, 280, top) for top in (100, 112, 124, 150, 162, 174, 200, 212)]
    right = [_line("text", 320, 530, top) for top in (100, 126, 138, 150, 176, 188, 200, 212)]
    assert not across_rows(left, right)  # each side's gaps stand beside the other side's lines
    assert across_rows(left, [_line("text", 320, 530, top) for top in (100, 112, 150, 162, 200)])


def _narrow(path: Path, width: float) -> None:
    """The first three recommendations of the plan in one column ``width`` points wide."""
    h = A4[1]
    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm)
    doc.addPageTemplates([PageTemplate(id="p", frames=[Frame(2 * cm, 2 * cm, width, h - 4 * cm, id="c")])])
    story = _story()
    cut = next(k for k, flow in enumerate(story) if getattr(flow, "text", "") == "Recommendation 4")
    doc.build(story[:cut])


def test_a_field_wrapped_in_a_narrow_column_keeps_its_words(tmp_path: Path) -> None:
    """ "Owner: Regeneration" / "Manager Due: Q3 2025/26": where a line ended because the next word would not
    fit, or on a word that cannot end a field ("Owner: Director of" / "Resources Due: ..."), the next line
    carries the field on, though its first words could be read as a label ("Manager Due:").  Before, the owner
    lost its last word.  The same plan set full width gives the same records."""
    wide, narrow = tmp_path / "wide.pdf", tmp_path / "narrow.pdf"
    _narrow(wide, A4[0] - 4 * cm)
    _narrow(narrow, 140)
    lines = [ln.text for b in read_pdf(narrow).blocks if isinstance(b, Para) for ln in b.lines]
    assert "Owner: Regeneration" in lines and "Owner: Director of" in lines  # the fields wrap there
    want = _records(wide)
    assert len(want) == 7 and ("Regeneration Manager",) in [owners for _, _, owners, _ in want]
    assert _records(narrow) == want


def test_three_columns_have_two_gutters() -> None:
    """A newsletter's three columns of running text: the gutter found first parts one column from the other
    two, and the two are parted by a gutter of their own."""
    lines = []
    for k in range(12):
        for x0 in (36.0, 215.0, 394.0):
            lines.append(
                _line(f"running text of column at {x0:.0f}, line {k}", x0, x0 + 165 - (k % 3) * 20, 100 + 14 * k)
            )
    found = find_columns(lines)
    assert found is not None and found.gutters == (215.0, 394.0)
    assert [found.side(ln) for ln in lines[:3]] == [0, 1, 2]


NEWSLETTER = [
    (
        "Make it easier to report a repair",
        [
            ("Add photo upload to the online repairs form.", "Digital Services Manager", "By June 2026"),
            ("Extend the repairs phone line to 8pm on weekdays.", "Head of Customer Services", "Summer 2026"),
        ],
    ),
    (
        "Get more repairs right first time",
        [
            ("Give operatives tablets showing each home's repair history.", "Repairs Manager", "Autumn 2026"),
            ("Stock every van with the twenty most-used parts.", "Repairs Manager", "Complete"),
            ("Check a sample of completed jobs each month.", "Tenant Engagement Officer", "Ongoing"),
        ],
    ),
    (
        "Keep tenants informed about their repair",
        [
            ("Send a text message the day before an appointment.", "Repairs Manager", "End of May 2026"),
            (
                "Tell tenants within five days if a contractor will do the repair.",
                "Repairs Planning Team Leader",
                "July 2026",
            ),
        ],
    ),
    (
        "Deal with damp and mould faster",
        [
            ("Inspect every reported case of damp within ten working days.", "Head of Asset Management", "April 2026"),
            (
                "Train all repairs staff to spot the signs of damp and mould.",
                "Learning and Development Lead",
                "September 2026",
            ),
        ],
    ),
]


def _newsletter(path: Path, columns: int) -> None:
    """A tenants' newsletter: a title across the page, an introduction, then each recommendation a bold numbered
    heading over bulleted actions with "Lead:" and "When:" lines, in ``columns`` columns."""
    width, height = A4
    margin, gap = 1.3 * cm, 0.6 * cm
    col = (width - 2 * margin - gap * (columns - 1)) / columns
    frames = [Frame(margin + k * (col + gap), margin, col, height - 2 * margin - 3 * cm) for k in range(columns)]

    def on_page(c: Any, doc: Any) -> None:
        if doc.page == 1:  # the newsletter's title, on its first page only
            c.setFont("Helvetica-Bold", 15)
            c.drawString(margin, height - margin - 0.8 * cm, "Housing Repairs Scrutiny Review: Our Action Plan")

    heading = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=3)
    body = ParagraphStyle("b", fontName="Helvetica", fontSize=9, leading=11.5, spaceAfter=2)
    bullet = ParagraphStyle("i", parent=body, leftIndent=10, firstLineIndent=-10)
    field = ParagraphStyle("f", parent=body, leftIndent=10)
    intro = "Last year the Tenant Scrutiny Panel spent six months looking at how we deal with repairs. " * 3
    story: list[Any] = [Paragraph(intro + "Here is what we will do, who is responsible and when.", body)]
    # three phases of the plan: enough to fill the three columns
    plan = [(text, phase, actions) for phase in (1, 2, 3) for text, actions in NEWSLETTER]
    for r, (text, phase, actions) in enumerate(plan, start=1):
        story.append(Paragraph(f"{r}. {text}", heading))
        for action, lead, when in actions:
            story += [Paragraph(f"• {action[:-1]} in phase {phase}.", bullet), Paragraph(f"Lead: {lead}", field)]
            story.append(Paragraph(f"When: {when}", field))
    doc = BaseDocTemplate(str(path), pagesize=A4)
    doc.addPageTemplates([PageTemplate(id="p", frames=frames, onPage=on_page)])
    doc.build(story)


def test_a_newsletter_in_three_columns_is_no_borderless_table(tmp_path: Path) -> None:
    """Three columns of running text stand side by side, their lines level: read by height, a line of each
    column makes three phrases set well apart, as a borderless table's row does.  In a stretch of the page
    whose text is set in columns, that is the columns' text: the newsletter gives the records it gives in one
    column.  Before, parts of it were read as tables and their actions lost."""
    one, three = tmp_path / "one.pdf", tmp_path / "three.pdf"
    _newsletter(one, 1)
    _newsletter(three, 3)
    want = _records(one)
    assert len(want) == 3 * sum(len(actions) for _, actions in NEWSLETTER)
    assert _records(three) == want


def test_the_widest_field_line_does_not_carry_on_into_an_action(tmp_path: Path) -> None:
    """Near miss of the narrow column: a field line that is the widest of its page ends with no room for the
    next line's first word, but that line opens a label of its own ("Action: ..."): it is the next action,
    not the field's words (a review found the owner swallowing it)."""
    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=0)
    story = [
        Paragraph("Recommendation 1: Improve forward planning.", body),
        Paragraph("Action: Publish a forward plan.", body),
        Paragraph("Lead: Assistant Director of Governance, Democratic and Electoral Services", body),
        Paragraph("Action: Train all members in scrutiny.", body),
        Paragraph("Lead: Scrutiny Officer", body),
        Paragraph("Recommendation 2: Strengthen the audit committee.", body),
        Paragraph("Action: Appoint an independent member.", body),
        Paragraph("Lead: Monitoring Officer", body),
    ]
    path = tmp_path / "plan.pdf"
    _flow(path, story)
    texts = [a.text for a in extract_doc(read_pdf(path)).actions]
    assert texts == ["Publish a forward plan.", "Train all members in scrutiny.", "Appoint an independent member."]


def _flow(path: Path, story: list[Any]) -> None:
    from reportlab.platypus import SimpleDocTemplate

    SimpleDocTemplate(str(path), pagesize=A4).build(story)
