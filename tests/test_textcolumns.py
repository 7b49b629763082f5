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


@pytest.mark.parametrize("title", [False, True], ids=["columns only", "title across the page"])
def test_a_plan_in_two_columns_gives_the_records_it_gives_in_one(tmp_path: Path, title: bool) -> None:
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    _plan(one, 1, title)
    _plan(two, 2, title)
    want = _records(one)
    assert len(want) == sum(len(actions) for _, actions in PLAN)
    right = [b for b in read_pdf(two).blocks if isinstance(b, Para) and (b.lines[0].x0 or 0) > 250]
    assert len(right) >= 10  # the right-hand column holds a good part of the plan
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
