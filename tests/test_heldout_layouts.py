"""Layouts found by the eleventh held-out round, each rebuilt here by code (no council's text).

* Two levels of heading rows in one table: a priority row ("1 | Ensure that ...") over outcome rows
  ("1.1 | Partners understand ...") over the actions ("1.1.1"): the priority is the recommendation, in its
  words; the outcome the actions' objective.
* A second table under the plan whose header names no column of actions (an appendix's risk register,
  "Risk | Likelihood | Impact | Mitigation | Risk owner"): not part of the plan.
* Headers phrased as questions or clauses ("How we will measure progress", "Who will do it"): the verb or
  the question word names the column, not the last known word.
* A committee report in numbered paragraphs ("10.1 ...", "10.2 ...") ending in its sign-off ("Contact
  officer: ...", "Email: ..."): the last paragraph is no action with an owner; numbered paragraphs that
  write fields one after another are.
* Fields on one line between bars ("Due date: June 2025 | Action owner: ... | BRAG: Amber"): every label
  after a bar starts a field, and a label the vocabulary does not know over a rating ("BRAG: Amber") is the
  status, named by its value as a column is by its cells.
* A report that leads into its recommendations ("The peer team made the following recommendations:" /
  "1. ...") before an action table numbered "1.1", "1.2": each recommendation takes its words from the list,
  by number; the report's own numbered sections after the list are not items of it.
* Two owner columns under one group header ("Responsible officers" over "Director | Lead officer"), the
  director repeated down a recommendation's rows: each action has both owners, in the columns' order.
* Bulleted actions, each with its "Lead:" and "By when:" lines, where a bullet's words wrap onto a second
  line of its paragraph: the same records as when none wraps; and where the numbered recommendations over
  the bullets are set in the body's type, not bold, the same records again.
* A PDF table cell of two paragraphs parted only by a word processor's space after a paragraph (3 points,
  less than a blank line): two actions, or two owners; one paragraph that wraps is one.
* An objective column written once over its actions (the cells below it blank), the actions numbered in
  their own cells ("1.4 Refresh the ..."), one number running on across two objectives: the number's first
  part is the recommendation, and every action has its objective.
* A ruled tracker whose rows a page break cuts in two, each row's rating a fill in the first column: the
  same records as when no row is cut, wherever the cut falls (an owner or a date finished on the next page,
  "Capital Programme" / "Manager", "By December" / "2025"; a rating's fill under one column closes no other).
* Column-aligned text whose theme rows are numbered under one label ("Key theme 1 – ..."): a theme line too
  short to run past the first column is a theme row as a long one is, not the words of the action above.
* A ruled PDF grid whose actions are lettered inside their cells, the lettering running on across a
  recommendation's rows ("a) ...", "b) ..." over "c) ...", the recommendation written in its first row only):
  a row opening "c) Give ..." is a row of its own, not the end of the sentence above.
* A council's name in a shaded box (a spreadsheet's logo block exported to PDF), its lines beside the title
  block's at the same heights: the box's lines are a paragraph of their own, so the name is found.
* Recommendation panels (shaded boxes: a heading and its words) beside their actions, each level with its
  actions: the records of the panels stacked above them (a panel's paragraphs are read together).
* A web page whose actions are list items each holding a paragraph and a description list of fields
  ("<li><p>Establish ...</p><dl><dt>Responsible officer</dt><dd>...</dd>...</dl></li>") under a sub-heading
  "What we will do": each item is an action with its fields; the sub-heading is no recommendation's words.
* Bulleted actions that end with their fields in brackets ("... (Lead: Chief Executive, by June 2025)"),
  the bracket wrapping onto the next line: each bullet an action, its owner and its timescale.
* A footer in type larger than the body's on every page, between two pieces of a table a page break cut: a
  footer all the same (not the caption of the piece after it); a large line repeated at the top of each page
  is still kept, as a section title.
* A tracker that writes its dates again as they change ("Original target date | Revised target date", the
  revised one blank where the date held): the revised date where there is one, else the original; a start
  or completion date beside the due date is no version of it.
* Quarters ticked instead of a date ("Q1 Apr–Jun | ... | Q4 Jan–Mar" over "X"): the ticked periods are the
  timescale, in the year the title names; quarters holding amounts, or ticks beside a date column, are not.
* Two posts on two lines of a narrow PDF cell, the first as long as the column is wide ("Head of Housing
  Assets" / "Asset Data Manager"): two owners; a title that wraps ("Director of Adult Social Care") one.
* A card of fields per action ("Action ref | 1.5", "Action | ...", "Lead officer | ...") that a page break
  cuts, the next recommendation's heading after its rest: one card, as when no break cuts it.
* Lettered actions whose "Lead:" and "By:" follow their words at tab stops ("... each quarter.  Lead: GM   By:
  Q4 2025/26"): each label a field, not the owner "GM By: Q4 2025/26"; two owner labels stay one field.
* A recommendation cell merged over two actions that a page break cuts ("... meetings for" / "each such
  contract."), a running header set larger than the table between the pieces: one table, one recommendation
  in its whole words, the action after the break under it.
* Start and end dates in columns of their own ("Start date | End date"): the timescale is the span; a
  column of dates never later than the due dates whose header names no start ("Date raised") is not.

Each class has near misses that look alike but must read as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab import rl_config

rl_config.invariant = 1

from conftest import write_sheet  # noqa: E402

from actionplans.extractors import extract, extract_doc, read_document  # noqa: E402
from actionplans.extractors.columns import best_header_role  # noqa: E402
from actionplans.extractors.readers.excel import read_excel  # noqa: E402
from actionplans.extractors.readers.word import read_word  # noqa: E402

docx = pytest.importorskip("docx")

# --- A: a priority row over outcome rows over the actions ---------------------------------------------------

PLAN_A: list[tuple[str, str, list[tuple[str, str, list[tuple[str, str, str, str]]]]]] = [
    (
        "1",
        "Ensure that decisions in the front door are timely and consistent.",
        [
            (
                "1.1",
                "Partners understand and apply the threshold document.",
                [
                    ("1.1.1", "Relaunch the threshold document with briefings", "Head of MASH", "June 2025"),
                    ("1.1.2", "Introduce monthly audits of contacts", "Principal Social Worker", "July 2025"),
                ],
            ),
            (
                "1.2",
                "Decisions are made within 24 hours.",
                [("1.2.1", "Recruit two social workers", "Head of MASH", "September 2025")],
            ),
        ],
    ),
    (
        "2",
        "Improve the quality of plans for children in need.",
        [
            (
                "2.1",
                "Plans are written with families.",
                [("2.1.1", "Deliver a planning workshop", "Principal Social Worker", "Q2 2025/26")],
            )
        ],
    ),
]


def _levels_pdf(path: Path, priority_rows: bool) -> Path:
    """The plan as one ruled grid: each priority (when ``priority_rows``) and each outcome a row of its id and
    its words spanning the other columns, then its actions."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    body = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    data: list[list[Any]] = [["Ref", "Action", "Lead", "Completion date"]]
    commands: list[Any] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for number, words, outcomes in PLAN_A:
        if priority_rows:
            commands.append(("SPAN", (1, len(data)), (-1, len(data))))
            data.append([number, Paragraph(words, body), "", ""])
        for o_number, o_words, actions in outcomes:
            commands.append(("SPAN", (1, len(data)), (-1, len(data))))
            data.append([o_number, Paragraph(o_words, body), "", ""])
            data += [[ref, Paragraph(text, body), lead, when] for ref, text, lead, when in actions]
    table = RLTable(data, colWidths=[45, 330, 150, 110], hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([Paragraph("Improvement plan (test)", body), table])
    return path


def test_a_row_a_level_above_the_objective_rows_is_the_recommendation_in_its_words(tmp_path: Path) -> None:
    """ "1 | Ensure that ..." over "1.1 | Partners understand ..." over "1.1.1 ...": recommendation 1 in the
    priority row's words, the outcome row the actions' objective (before: recommendation 1 had no words)."""
    extraction = extract_doc(read_document(_levels_pdf(tmp_path / "plan.pdf", priority_rows=True)))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [(n, words) for n, words, _ in PLAN_A]
    wanted = [(n, ref, o_words) for n, _, outcomes in PLAN_A for _, o_words, acts in outcomes for ref, *_ in acts]
    assert [(a.rec_id, a.action_id, a.objective) for a in extraction.actions] == wanted


def test_outcome_rows_alone_stay_objectives(tmp_path: Path) -> None:
    """Near miss: with no priority rows the outcome rows are still the objectives, and the recommendations,
    numbered from the actions' ids, have no words of their own to take."""
    extraction = extract_doc(read_document(_levels_pdf(tmp_path / "plan.pdf", priority_rows=False)))
    assert [r.rec_id for r in extraction.recommendations] == ["1", "2"]
    assert {r.text for r in extraction.recommendations} == {""}
    assert [a.objective for a in extraction.actions][:2] == [
        "Partners understand and apply the threshold document."
    ] * 2


# --- B: a table beside the plan whose header names no actions -----------------------------------------------


def _with_appendix(path: Path, appendix: tuple[str, ...]) -> Path:
    document = docx.Document()
    document.add_heading("Improvement plan (test)", 1)
    plan = [
        ("No.", "Area for improvement", "Actions", "Lead", "Timescale"),
        (
            "1",
            "Reduce waiting times",
            "Clear the backlog of people waiting more than 28 days",
            "Head of Service",
            "March 2026",
        ),
        ("2", "Support unpaid carers", "Refresh the carers' strategy with carers' groups", "Carers Lead", "June 2026"),
    ]
    rows = [
        appendix,
        (
            "Insufficient capacity to clear the assessment backlog",
            "High",
            "High",
            "Use of agency staff funded from the improvement grant until permanent staff are recruited",
            "Director",
        ),
        (
            "Providers unable to recruit care staff",
            "Medium",
            "High",
            "Joint recruitment campaign with providers and the health board, with a shared training offer",
            "Head of Commissioning",
        ),
    ]
    for title, table_rows in (("3. Improvement plan", plan), ("Appendix A", rows)):
        document.add_heading(title, 2)
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(str(path))
    return path


def test_a_register_beside_the_plan_whose_header_names_no_actions_is_not_read(tmp_path: Path) -> None:
    """ "Risk | Likelihood | Impact | Mitigation | Risk owner" under a plan headed "Actions": its mitigations
    read as actions only by their cells, so it is set aside, with the reason in the report (before: three
    more recommendations and actions)."""
    header = ("Risk", "Likelihood", "Impact", "Mitigation", "Risk owner")
    extraction = extract_doc(read_word(_with_appendix(tmp_path / "plan.docx", header)))
    assert [a.text for a in extraction.actions] == [
        "Clear the backlog of people waiting more than 28 days",
        "Refresh the carers' strategy with carers' groups",
    ]
    second = extraction.tables[1]
    assert not second.accepted and "names no actions" in second.reason


def test_a_second_table_whose_header_names_its_actions_is_still_read(tmp_path: Path) -> None:
    """Near miss: the second table heads its actions in words of its own ("Mitigating actions"): it is a
    table of actions, read as before."""
    header = ("Risk", "Likelihood", "Impact", "Mitigating actions", "Risk owner")
    extraction = extract_doc(read_word(_with_appendix(tmp_path / "plan.docx", header)))
    assert len(extraction.actions) == 4


# --- C: headers phrased as questions or clauses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("How we will measure progress", "measure"),  # before: progress
        ("How will we measure progress?", "measure"),  # before: progress
        ("Who will do it", "owner"),  # before: action
        ("How will we know", "measure"),
        ("What we will do", "action"),
        ("When will it be done", "timescale"),
        ("Progress", "progress"),  # no clause: as before
        ("Progress update", "progress"),
        ("Measure of progress", "measure"),
    ],
)
def test_a_header_phrased_as_a_clause_is_named_by_its_verb_or_question_word(header: str, role: str) -> None:
    assert best_header_role(header) == role


# --- D: a report's numbered paragraphs and its sign-off -----------------------------------------------------

REPORT_D = [
    (
        "Purpose of the report",
        [
            "This report updates the committee on progress against the action plan.",
            "The action plan was agreed by Cabinet in July 2024.",
        ],
    ),
    (
        "Background",
        [
            "The peer team visited the council in February 2024 and made nine recommendations.",
            "Each recommendation has an owner and a target date, set out in Appendix A.",
        ],
    ),
    (
        "Conclusion",
        [
            "Good progress has been made, with six of the nine recommendations now complete.",
            "The committee is asked to note the progress and to receive an update in September 2025.",
        ],
    ),
]


def _report(path: Path, fields: dict[str, tuple[str, str]]) -> Path:
    """The report as Word paragraphs: "9. Purpose of the report", "9.1 ...", ...; after the paragraph numbered
    in ``fields``, its lines ("Lead officer: ..."); a sign-off at the end."""
    document = docx.Document()
    document.add_paragraph("Report to the Audit and Risk Committee")
    for n, (title, paragraphs) in enumerate(REPORT_D, start=9):
        document.add_paragraph(f"{n}. {title}")
        for k, text in enumerate(paragraphs, start=1):
            document.add_paragraph(f"{n}.{k} {text}")
            for label, value in [fields[f"{n}.{k}"]] if f"{n}.{k}" in fields else []:
                document.add_paragraph(f"{label}: {value}")
    document.add_paragraph("Contact officer: Jane Smith, Head of Performance and Improvement")
    document.add_paragraph("Email: jane.smith@example.gov.uk")
    document.save(str(path))
    return path


def test_a_reports_sign_off_under_its_last_paragraph_is_no_action(tmp_path: Path) -> None:
    """Before: "11.2 The committee is asked to note ..." was an action owned by the contact officer."""
    extraction = extract_doc(read_word(_report(tmp_path / "report.docx", {})))
    assert extraction.actions == ()


def test_numbered_paragraphs_that_write_fields_one_after_another_are_actions(tmp_path: Path) -> None:
    """Near miss: two of the numbered paragraphs have a lead under them: they are actions (the sign-off is
    still the last one's, as it was)."""
    leads = {"9.1": ("Lead officer", "Head of Governance"), "10.2": ("Lead officer", "Director of Resources")}
    extraction = extract_doc(read_word(_report(tmp_path / "report.docx", leads)))
    assert [(a.action_id, a.owners) for a in extraction.actions][:2] == [
        ("9.1", ("Head of Governance",)),
        ("10.2", ("Director of Resources",)),
    ]


# --- E: fields between bars, and a rating under a label of the plan's own --------------------------------

TRACKER_E = [
    (
        "1",
        "Reconcile council tax balances to the ledger every month.",
        [
            (
                "1.1",
                "Introduce a monthly reconciliation signed off by a second officer.",
                "30 September 2025",
                "Head of Revenues and Benefits",
                "Amber",
            ),
            (
                "1.2",
                "Clear the backlog of unreconciled items older than three months.",
                "September 2025",
                "Revenues Manager",
                "Green",
            ),
        ],
    ),
    (
        "2",
        "Strengthen the controls over changes to supplier bank details.",
        [
            (
                "2.1",
                "Confirm every change of bank details by telephone.",
                "June 2025",
                "Exchequer Services Manager",
                "Complete",
            ),
        ],
    ),
]


def _tracker_lines(rating_label: str, extra: str) -> list[str]:
    lines = ["Internal Audit Recommendations: Management Action Tracker"]
    for number, finding, actions in TRACKER_E:
        lines.append(f"Finding {number}: {finding}")
        for ref, text, due, owner, rating in actions:
            lines.append(f"{ref} {text}")
            lines.append(f"Due date: {due} | Action owner: {owner} | {rating_label}: {rating}{extra}")
    return lines


def _tracker(path: Path, rating_label: str, extra: str = "") -> Path:
    if path.suffix == ".docx":
        document = docx.Document()
        for line in _tracker_lines(rating_label, extra):
            document.add_paragraph(line)
        document.save(str(path))
        return path
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=12, spaceAfter=4)
    story = [Paragraph(line, body) for line in _tracker_lines(rating_label, extra)]
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    return path


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
@pytest.mark.parametrize("rating_label", ["BRAG", "RAG rating", "Position"])
def test_fields_between_bars_and_a_rating_under_an_unknown_label(
    tmp_path: Path, suffix: str, rating_label: str
) -> None:
    """Before: the owner ran on into the rating ("Head of Revenues and Benefits", "BRAG: Amber") and no
    status was read."""
    extraction = extract_doc(read_document(_tracker(tmp_path / f"tracker{suffix}", rating_label)))
    got = [(a.action_id, a.owners, a.timescale_raw, a.status_raw) for a in extraction.actions]
    assert got == [
        (ref, (owner,), due, rating) for _, _, actions in TRACKER_E for ref, _, due, owner, rating in actions
    ]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_field_between_bars_whose_value_is_no_rating_is_kept_under_its_label(tmp_path: Path, suffix: str) -> None:
    """Near miss: "Priority: High" after a bar is a field of its own (the owner ends before it), not a
    status."""
    extraction = extract_doc(read_document(_tracker(tmp_path / f"tracker{suffix}", "Priority", "")))
    first = extraction.actions[0]
    assert first.owners == ("Head of Revenues and Benefits",)
    assert first.status_raw is None


# --- F: recommendations listed after a lead-in, actions in a table further on -----------------------------

RECS_F = [
    "Develop a single narrative for the place that partners recognise.",
    "Accelerate the transformation programme and be clearer about its benefits.",
    "Invest in the skills of managers to lead change.",
]
ACTIONS_F = [
    ("1.1", "Agree the place narrative with the partnership board", "Director of Policy", "June 2025"),
    ("2.1", "Publish a benefits register for the programme", "Head of Transformation", "September 2025"),
    ("3.1", "Launch a leadership programme for managers", "Head of HR", "Q3 2025/26"),
]


def _report_with_plan(path: Path, lead_in: str) -> Path:
    """Narrative paragraphs numbered as a report's sections; the lead-in and its list in section 3; a
    budget table; then the plan in an appendix table."""
    paragraphs = [
        "1. Purpose of this report",
        "This report sets out the findings of the peer challenge and the council's response.",
        "2. Background",
        "The peer team met more than 180 people during their visit.",
        "3. Summary of the feedback",
        lead_in,
        *[f"{n}. {text}" for n, text in enumerate(RECS_F, start=1)],
        "4. Financial implications",
        "The actions will largely be met from existing budgets.",
        "Appendix 1: Action Plan",
    ]
    header = ("By when", "Ref", "Action", "Responsible officer")
    rows = [(due, ref, text, owner) for ref, text, owner, due in ACTIONS_F]
    if path.suffix == ".docx":
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        table = document.add_table(rows=len(rows) + 1, cols=len(header))
        for r, row in enumerate([header, *rows]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        document.save(str(path))
        return path
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    grid = RLTable([list(header), *[[Paragraph(t, cell) for t in row] for row in rows]], colWidths=[80, 40, 220, 140])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=A4).build([*[Paragraph(t, body) for t in paragraphs], grid])
    return path


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_recommendations_listed_after_a_lead_in_give_the_plans_recommendations_their_words(
    tmp_path: Path, suffix: str
) -> None:
    """Before: recommendations 1-3 numbered from the actions' refs, with no words."""
    path = _report_with_plan(tmp_path / f"report{suffix}", "The peer team made the following recommendations:")
    extraction = extract_doc(read_document(path))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [
        (str(n), text) for n, text in enumerate(RECS_F, start=1)
    ]
    assert [a.action_id for a in extraction.actions] == ["1.1", "2.1", "3.1"]


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_a_numbered_list_led_into_by_other_words_gives_no_recommendation_its_words(tmp_path: Path, suffix: str) -> None:
    """Near miss: the lead-in names no recommendations ("The report covers:"): its list is not theirs."""
    extraction = extract_doc(read_document(_report_with_plan(tmp_path / f"report{suffix}", "The report covers:")))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [("1", ""), ("2", ""), ("3", "")]


# --- G: two owner columns under one group header ----------------------------------------------------------

ROWS_G = [
    (
        "1",
        "Refresh the Corporate Plan.",
        [
            ("1.1", "Run a priority-setting exercise with Cabinet", "Chief Executive", "Head of Strategy", "May 2025"),
            ("1.2", "Consult residents on the draft plan", "Chief Executive", "Communications Manager", "Summer 2025"),
        ],
    ),
    (
        "2",
        "Reduce the risk from the property portfolio.",
        [
            (
                "2.1",
                "Review every investment property",
                "Executive Director – Resources",
                "Head of Property",
                "June 2025",
            ),
            ("2.2", "Set a limit on new borrowing", "Executive Director – Resources", "Head of Finance", "July 2025"),
        ],
    ),
]


def _grouped_sheet(path: Path, group: tuple[str, str]) -> Path:
    """Title rows, a header of two rows (a group over "Director | Lead officer"), a spanning row per
    recommendation, the director written on every action's row."""
    rows: list[list[Any]] = [
        ["Eastleigh Borough Council"],
        [],
        ["Action", "", group[0], group[1], "Delivery"],
        ["Ref", "Action", "Director", "Lead officer", "Target date"],
    ]
    merges = ["A3:B3"] + (["C3:D3"] if group[0] == group[1] or not group[1] else [])
    for number, words, actions in ROWS_G:
        merges.append(f"A{len(rows) + 1}:E{len(rows) + 1}")
        rows.append([f"{number}. {words}"])
        rows.extend([list(a) for a in actions])
    return write_sheet(path, rows, tuple(merges))


def test_two_owner_columns_under_one_group_header_are_both_the_actions_owners(tmp_path: Path) -> None:
    """Before: the director, repeated down each recommendation's rows, was the recommendation's owner, and
    the actions had only their lead officers."""
    extraction = extract_doc(read_excel(_grouped_sheet(tmp_path / "plan.xlsx", ("Responsible officers", ""))))
    got = [(a.action_id, a.owners) for a in extraction.actions]
    assert got == [(ref, (director, lead)) for _, _, rows in ROWS_G for ref, _, director, lead, _ in rows]


def test_owner_columns_under_group_headers_of_their_own_stay_as_before(tmp_path: Path) -> None:
    """Near miss: "Sponsor" over the director and "Delivery lead" over the lead officer: no one group names
    them both; the director, repeated down each recommendation's rows, is the recommendation's owner."""
    extraction = extract_doc(read_excel(_grouped_sheet(tmp_path / "plan.xlsx", ("Sponsor", "Delivery lead"))))
    assert [a.owners for a in extraction.actions] == [(lead,) for _, _, rows in ROWS_G for _, _, _, lead, _ in rows]


# --- H: bullets whose words wrap, each with its fields ------------------------------------------------------

BULLETS_H = [
    (
        "Extend selective licensing to further areas",
        [
            ("Prepare the evidence base for consultation on a new designation", "Head of Housing", "June 2025"),
            (
                "Run a ten-week public consultation with landlords and tenants",
                "Housing Standards Manager",
                "Q3 2025/26",
            ),
        ],
    ),
    (
        "Make better use of enforcement powers",
        [
            ("Adopt a civil penalties policy with a published matrix", "Head of Legal Services", "September 2025"),
            (
                "Share intelligence on rogue landlords every month with the fire service",
                "Community Safety Manager",
                "Ongoing",
            ),
        ],
    ),
]


def _bullets_pdf(path: Path, long: bool, bold: bool = True) -> Path:
    """Numbered recommendations in bold, each with bullets, each bullet followed by its lead and date; ``long``
    makes every bullet's words run on past the line's width."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=16, bulletIndent=4)
    field = ParagraphStyle("field", parent=body, leftIndent=16, spaceAfter=2)
    tail = ", drawing on the stock condition survey and the data the service already holds" if long else ""
    story: list[Any] = [Paragraph("Scrutiny Review of the Private Rented Sector – Action Plan", body)]
    for n, (rec, actions) in enumerate(BULLETS_H, start=1):
        story.append(Paragraph(f"<b>{n}. {rec}</b>" if bold else f"{n}. {rec}", body))
        for text, lead, due in actions:
            story.append(Paragraph(f"{text}{tail}.", bullet, bulletText="•"))
            story += [Paragraph(f"Lead: {lead}", field), Paragraph(f"By when: {due}", field)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_bullets_whose_words_wrap_give_the_records_of_bullets_that_do_not(tmp_path: Path) -> None:
    """Before: a bullet of two lines was no action; its words joined the recommendation (the first) or the
    action above took its lead and date (the others)."""

    def records(long: bool) -> list[tuple[Any, ...]]:
        extraction = extract_doc(read_document(_bullets_pdf(tmp_path / f"plan-{long}.pdf", long)))
        return [(a.rec_id, a.owners, a.timescale_raw) for a in extraction.actions] + [
            (r.rec_id, r.text) for r in extraction.recommendations
        ]

    short = records(False)
    assert short == [
        *[(str(n), (lead,), due) for n, (_, acts) in enumerate(BULLETS_H, start=1) for _, lead, due in acts],
        *[(str(n), rec) for n, (rec, _) in enumerate(BULLETS_H, start=1)],
    ]
    assert records(True) == short


# --- I: paragraphs in a PDF cell parted by a paragraph's space after -----------------------------------

ROWS_I = [
    (
        "1",
        [
            "Bring in agency planners for six months to clear applications older than 26 weeks.",
            "Agree extensions of time with applicants for every major application that will miss its date.",
        ],
        ["Head of Planning"],
        "March 2025",
    ),
    (
        "2",
        ["Publish a planning performance dashboard each month on the council's website."],
        ["Chair of the Overview and Scrutiny Commission for the whole council", "Democratic Services Manager"],
        "June 2025",
    ),
    (
        "3",
        [
            "Deliver training for all Planning Committee members on material considerations.",
            "Hold an annual joint site tour for committee members and planning officers.",
        ],
        ["Head of Planning"],
        "Q2 2025/26",
    ),
]


def _spaced_pdf(path: Path, space_after: float) -> Path:
    """A ruled table (No. | Action | Lead | Target date) whose action and lead cells hold their paragraphs
    with ``space_after`` points after each."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=10.5, spaceAfter=space_after)
    data: list[list[Any]] = [["No.", "Action", "Lead", "Target date"]]
    for number, actions, leads, due in ROWS_I:
        data.append(
            [number, [Paragraph(t, cell) for t in actions], [Paragraph(t, cell) for t in leads], Paragraph(due, cell)]
        )
    grid = RLTable(data, colWidths=[40, 260, 130, 80])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])
    return path


def test_paragraphs_in_a_pdf_cell_parted_by_their_space_after_are_separate(tmp_path: Path) -> None:
    """Before: "Bring in agency planners ... Agree extensions of time ..." was one action, and the two
    leads one owner."""
    extraction = extract_doc(read_document(_spaced_pdf(tmp_path / "plan.pdf", 3.0)))
    got = [(a.text, a.owners) for a in extraction.actions]
    assert got == [(text, tuple(leads)) for _, actions, leads, _ in ROWS_I for text in actions]


def test_lines_of_a_pdf_cell_with_no_space_between_stay_one_paragraph(tmp_path: Path) -> None:
    """Near miss: with no space after, each cell is read as before (its lines one run of text)."""
    extraction = extract_doc(read_document(_spaced_pdf(tmp_path / "plan.pdf", 0.0)))
    assert [a.text for a in extraction.actions] == [" ".join(actions) for _, actions, _, _ in ROWS_I]


def _bullets_word(path: Path) -> Path:
    """The same plan as Word paragraphs in the body's style: "1. ...", "• ...", "Lead: ...", "By when: ..."."""
    document = docx.Document()
    document.add_paragraph("Scrutiny Review of the Private Rented Sector – Action Plan")
    for n, (rec, actions) in enumerate(BULLETS_H, start=1):
        document.add_paragraph(f"{n}. {rec}")
        for text, lead, due in actions:
            for line in (f"• {text}.", f"Lead: {lead}", f"By when: {due}"):
                document.add_paragraph(line)
    document.save(str(path))
    return path


@pytest.mark.parametrize("form", ["pdf", "docx"])
def test_numbered_recommendations_in_body_type_over_bullets_give_the_same_records(tmp_path: Path, form: str) -> None:
    """Before: each "1. Extend ..." was an item of the bullets' run, an action with the first bullet's lead,
    and the bullets had no recommendation."""

    def records(path: Path) -> list[tuple[Any, ...]]:
        extraction = extract_doc(read_document(path))
        return [(a.rec_id, a.action_id, a.owners, a.timescale_raw) for a in extraction.actions] + [
            (r.rec_id, r.text) for r in extraction.recommendations
        ]

    plain = (
        _bullets_pdf(tmp_path / "plain.pdf", False, bold=False) if form == "pdf" else _bullets_word(tmp_path / "p.docx")
    )
    assert records(plain) == records(_bullets_pdf(tmp_path / "bold.pdf", False))


# --- J: objectives written once, actions numbered in their own cells -------------------------------------

OBJECTIVES_J = [
    (
        "Agree a shared vision with our partners",
        [
            ("1.1", "Hold a place summit with partners to test draft priorities.", "Chief Executive", "June 2025"),
            ("1.2", "Publish the draft vision for a twelve-week consultation.", "Chief Executive", "Summer 2025"),
        ],
    ),
    (
        "Make sure the Corporate Plan delivers the vision",
        [
            (
                "1.3",
                "Refresh the Corporate Plan so every priority traces back to the vision.",
                "Head of Policy",
                "Q4 2025/26",
            ),
        ],
    ),
    (
        "Deliver a balanced Medium Term Financial Strategy",
        [
            (
                "2.1",
                "Agree a savings and income programme for 2026/27 to 2028/29.",
                "Director of Finance",
                "February 2026",
            ),
            ("2.2", "Report progress against savings targets to Cabinet.", "Director of Finance", "Quarterly"),
        ],
    ),
]


def _objectives_once(path: Path, merged: bool) -> Path:
    """Sub-objective | Intended action | Responsible lead | Time frame, as a ruled PDF table; each objective in
    its first row, the cells below blank (or, ``merged``, one cell spanning its rows)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    data: list[list[Any]] = [["Sub-objective", "Intended action", "Responsible lead", "Time frame"]]
    commands: list[Any] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for objective, actions in OBJECTIVES_J:
        top = len(data)
        for k, (ref, text, lead, due) in enumerate(actions):
            data.append([Paragraph(objective, cell) if k == 0 else "", Paragraph(f"{ref} {text}", cell), lead, due])
        if merged and len(actions) > 1:
            commands.append(("SPAN", (0, top), (0, len(data) - 1)))
    grid = RLTable(data, colWidths=[170, 300, 130, 80])
    grid.setStyle(TableStyle(commands))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])
    return path


@pytest.mark.parametrize("merged", [False, True])
def test_objectives_written_once_over_actions_numbered_in_their_cells(tmp_path: Path, merged: bool) -> None:
    """Before: no action had a recommendation (the numbers' first part was taken for the objective's), and
    an objective left blank below its first row was no objective of the rows under it."""
    extraction = extract_doc(read_document(_objectives_once(tmp_path / "plan.pdf", merged)))
    got = [(a.rec_id, a.action_id, a.objective) for a in extraction.actions]
    assert got == [
        (ref.split(".")[0], ref, objective) for objective, actions in OBJECTIVES_J for ref, _, _, _ in actions
    ]


# --- K: rows cut by a page break, ratings as fills ----------------------------------------------------------

ROWS_K = [
    (
        "1.1",
        [
            "Review the capital programme and re-profile every scheme",
            "Cabinet to see each change and why",
            "Members to agree the revised programme",
        ],
        "Head of Finance / Capital Programme Manager",
        "By December 2025",
        "#2e9e4f",
    ),
    (
        "1.2",
        [
            "Introduce gateway reviews for every capital scheme",
            "Audit Committee to receive a report after each",
            "Members to see how decisions on cost and scope were made",
        ],
        "Head of Finance / Capital Programme Manager",
        "By December 2025",
        "#f5a623",
    ),
    (
        "1.3",
        [
            "Publish a capital strategy alongside the budget",
            "Residents to see how schemes are chosen",
            "Benefits measured and reported each year",
        ],
        "Director of Finance and Resources",
        "February 2026",
        "#2e9e4f",
    ),
    (
        "2.1",
        [
            "Hold a desktop exercise of the business continuity plan",
            "Corporate Management Team to take part",
            "Changes the exercise shows agreed and made",
        ],
        "Emergency Planning and Resilience Officer",
        "31 January 2026",
        "#d0021b",
    ),
    (
        "2.2",
        [
            "Test the restore of the three most critical systems",
            "Recovery times reported against targets",
            "Disaster recovery plan updated after each test",
        ],
        "Head of ICT and Digital Services",
        "March 2026",
        "#f5a623",
    ),
]
"""Each action's words as lines that each open with a capital, so that a page break cutting the cell
leaves a continuation no lower-case opening gives away."""


def _cut_tracker(path: Path, space: float, split: bool) -> Path:
    """RAG | Ref | Action | Lead officer | Due: a ruled table after ``space`` points of page, the header
    repeated, its rows cut by page breaks where ``split``; the rating a fill of the first cell."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    data: list[list[Any]] = [["RAG", "Ref", "Action", "Lead officer", "Due"]]
    commands: list[Any] = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    for r, (ref, text, lead, due, fill) in enumerate(ROWS_K, start=1):
        data.append(["", ref, Paragraph("<br/>".join(text), cell), Paragraph(lead, cell), Paragraph(due, cell)])
        commands.append(("BACKGROUND", (0, r), (0, r), colors.HexColor(fill)))
    grid = RLTable(data, colWidths=[28, 26, 190, 62, 60], repeatRows=1, splitInRow=1 if split else 0)
    grid.setStyle(TableStyle(commands))
    title = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=11, leading=14)
    SimpleDocTemplate(str(path), pagesize=A5).build(
        [Paragraph("Capital and resilience tracker", title), Spacer(1, space), grid]
    )
    return path


@pytest.mark.parametrize("space", [300, 310, 360, 380])  # where the cut falls inside a row
def test_rows_cut_by_a_page_break_give_the_records_of_rows_not_cut(tmp_path: Path, space: float) -> None:
    """Before: an owner and a date finished on the next page made a row of their own (two actions), and a
    cut row under a rating's fill lost its words."""

    def records(split: bool) -> list[tuple[Any, ...]]:
        extraction = extract_doc(read_document(_cut_tracker(tmp_path / f"t-{split}.pdf", space, split)))
        return [(a.action_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions]

    whole = records(False)
    assert [a[0] for a in whole] == [ref for ref, *_ in ROWS_K]
    cut = records(True)
    import pdfplumber

    with pdfplumber.open(tmp_path / "t-True.pdf") as pdf:  # the case is there: page 2 opens inside a row
        after_header = pdf.pages[1].extract_text().split("\n")[1]
    assert not any(after_header.startswith(ref) for ref, *_ in ROWS_K), after_header
    assert cut == whole


# --- L: short theme lines in column-aligned text -------------------------------------------------------------

THEMES_L = [
    (
        "Leading by example in the council's own buildings and fleet",
        [
            ("Replace the gas boilers in the six largest council buildings.", "Head of Property", "By March 2027"),
            ("Publish a yearly report of the council's own carbon emissions.", "Climate Programme Manager", "Annually"),
        ],
    ),
    (
        "Cleaner travel",
        [
            ("Install 300 on-street electric vehicle charging points.", "Head of Highways", "March 2027"),
            ("Complete the cycling and walking plan for the market towns.", "Transport Planning Team", "Spring 2026"),
        ],
    ),
    (
        "Warmer homes",
        [
            ("Retrofit 450 homes in fuel poverty with insulation.", "Housing Standards Manager", "2025/26"),
        ],
    ),
]


def _columns_text(long_titles: bool) -> str:
    """A plan as a converter's column-aligned text: Key actions | Lead partner | Timeframe, each theme a line
    of its own ("Key theme 2 – Cleaner travel"), padded past the first column when ``long_titles``."""
    lines = ["Climate Emergency Strategy Delivery Plan", "Kestwick County Council", "June 2025", ""]
    lines.append(f"{'Key actions':<66}{'Lead partner':<30}Timeframe")
    for n, (theme, actions) in enumerate(THEMES_L, start=1):
        title = f"Key theme {n} – {theme}"
        if long_titles and len(title) < 75:
            title += " across the county and its partners"[: 75 - len(title)]
        lines.append(title)
        for text, lead, due in actions:
            lines.append(f"{text:<66}{lead:<30}{due}")
    return "\n".join(lines) + "\n"


def test_short_theme_lines_in_column_text_are_theme_rows(tmp_path: Path) -> None:
    """Before: "Key theme 2 – Cleaner travel", short of the second column, joined the action above it."""
    from actionplans.extractors.readers.text import text_to_doc

    def records(long_titles: bool) -> list[tuple[Any, ...]]:
        extraction = extract_doc(text_to_doc(_columns_text(long_titles)))
        return [(a.text, a.owners, a.timescale_raw) for a in extraction.actions]

    expected = [(text, (lead,), due) for _, actions in THEMES_L for text, lead, due in actions]
    assert records(True) == expected
    assert records(False) == expected


# --- M: lettered actions running on across a recommendation's rows --------------------------------------

ROWS_M = [
    (
        "1. Reduce repeat contact about the same request.",
        [
            (
                [
                    "a) Analyse repeat contacts for the five busiest services.",
                    "b) Review unresolved cases each fortnight.",
                ],
                "Head of Customer Services",
                "June 2025",
            ),
            (
                ["c) Give advisers access to the case management systems.", "d) Publish call-back standards."],
                "Head of Digital",
                "September 2025",
            ),
        ],
    ),
    (
        "2. Make online services the easiest way to contact us.",
        [
            (["a) Redesign the ten most-used online forms."], "Head of Digital", "March 2026"),
            (["b) Introduce a log-in so residents can track requests."], "Digital Services Manager", "July 2026"),
        ],
    ),
]


def _lettered_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    data: list[list[Any]] = [["Recommendation", "Actions", "Responsible", "Target date"]]
    for rec, rows in ROWS_M:
        for k, (items, lead, due) in enumerate(rows):
            data.append(
                [
                    Paragraph(rec, cell) if k == 0 else "",
                    [Paragraph(t, cell) for t in items],
                    Paragraph(lead, cell),
                    due,
                ]
            )
    grid = RLTable(data, colWidths=[130, 220, 110, 90])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=A4).build([grid])
    return path


def test_lettered_actions_running_on_across_rows_are_rows_of_their_own(tmp_path: Path) -> None:
    """Before: "c) Give ..." opened in lower case, so its row was taken for the end of the row above, and
    every action had both rows' owners."""
    extraction = extract_doc(read_document(_lettered_pdf(tmp_path / "plan.pdf")))
    got = [(a.rec_id, a.text[:12], a.owners, a.timescale_raw) for a in extraction.actions]
    assert got == [
        (rec[0], item[3:15], (lead,), due) for rec, rows in ROWS_M for items, lead, due in rows for item in items
    ]


# --- N: a name in a shaded box beside the title block ---------------------------------------------------------


def _boxed_name_pdf(path: Path, shaded: bool) -> Path:
    """ "Bolsover District" / "Council" in a box (shaded green, or not at all) at the top left; "Version 3.0 –
    April 2025" right beside its first line, a few points from the box's side; a plan table under them."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as RLTable

    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    top = height - 70
    if shaded:
        c.setFillColorRGB(0.0, 0.38, 0.23)
        c.rect(54, top - 28, 77, 34, stroke=0, fill=1)
    c.setFillColorRGB(1, 1, 1) if shaded else c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica-Bold", 7.2)
    c.drawString(59, top - 8, "Bolsover District")
    c.drawString(59, top - 17, "Council")
    c.setFillColorRGB(0, 0, 0)
    c.setFont("Helvetica", 6)
    c.drawString(133, top - 8, "Version 3.0 – April 2025")
    c.setFont("Helvetica-Bold", 8.2)
    c.drawString(133, top + 2, "Housing Stock Condition Review – Delivery Plan")
    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=10)
    rows = [["Ref", "Action", "Lead officer", "Target date"]]
    rows += [
        [
            "1.1",
            Paragraph("Commission a stock condition survey of every council home.", cell),
            "Head of Housing",
            "June 2025",
        ],
        [
            "1.2",
            Paragraph("Publish a five-year investment plan from the survey.", cell),
            "Head of Housing",
            "March 2026",
        ],
    ]
    grid = RLTable(rows, colWidths=[40, 300, 120, 80])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    _, h = grid.wrapOn(c, width, height)
    grid.drawOn(c, 54, top - 60 - h)
    c.save()
    return path


@pytest.mark.parametrize("shaded", [True, False])
def test_a_council_named_in_a_box_beside_the_title_block(tmp_path: Path, shaded: bool) -> None:
    """Before: "Bolsover District Version 3.0 – April 2025" was one line (the box's side parts them, the gap
    alone does not) and "Council" another paragraph, and no council was found.  Unshaded (near miss), no box
    says the two lines are one run: each line carries on only the paragraph right before it in reading order,
    and the title block's line stands between them, as before (no council)."""
    extraction = extract_doc(read_document(_boxed_name_pdf(tmp_path / "plan.pdf", shaded)))
    assert len(extraction.actions) == 2
    assert extraction.council == ("Bolsover District Council" if shaded else None)


# --- O: recommendation panels beside their actions ------------------------------------------------------

PANELS_O = [
    (
        "Set out a clearer golden thread from the County Plan to service plans and individual objectives, so "
        "that staff can see how their work contributes to it.",
        [
            (
                "Refresh the service planning template so every service plan references the County Plan.",
                "Head of Policy",
                "March 2025",
            ),
            ("Add an objectives section to the annual check-in conversation.", "Head of People", "June 2025"),
        ],
    ),
    (
        "Strengthen the role of scrutiny in shaping policy before decisions are taken, not only afterwards.",
        [
            (
                "Agree a forward work programme for each scrutiny committee with two pre-decision items.",
                "Head of Democratic Services",
                "April 2025",
            ),
            (
                "Deliver a development session for scrutiny chairs on questioning skills.",
                "Scrutiny Officer",
                "Summer 2025",
            ),
        ],
    ),
    (
        "Use resident insight more consistently to inform service redesign.",
        [
            ("Create a single consultation register held by the Policy team.", "Head of Policy", "Q1 2025/26"),
        ],
    ),
]


def _panels(path: Path, beside: bool) -> Path:
    """Each recommendation in a shaded panel ("Recommendation N" over its words) with its numbered actions,
    each followed by a "Lead: ... | Timescale: ..." line: the panel in a narrow column beside them
    (``beside``), or above them across the page."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=12, spaceAfter=3)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    grey = ParagraphStyle("grey", parent=body, textColor=colors.HexColor("#555555"), spaceAfter=8)
    story: list[Any] = [Paragraph("Panel Performance Assessment: Response and Action Plan", bold), Spacer(1, 12)]
    for n, (rec, actions) in enumerate(PANELS_O, start=1):
        panel = [Paragraph(f"Recommendation {n}", bold), Paragraph(rec, body)]
        steps: list[Any] = []
        for k, (text, lead, due) in enumerate(actions, start=1):
            steps += [Paragraph(f"{k}. {text}", body), Paragraph(f"Lead: {lead} | Timescale: {due}", grey)]
        if beside:
            table = RLTable([[panel, steps]], colWidths=[150, 330])
            table.setStyle(
                TableStyle(
                    [("BACKGROUND", (0, 0), (0, 0), colors.HexColor("#e3ecf5")), ("VALIGN", (0, 0), (-1, -1), "TOP")]
                )
            )
            story += [table, Spacer(1, 16)]
        else:
            story += [*panel, *steps, Spacer(1, 10)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_panels_beside_their_actions_read_as_panels_above_them(tmp_path: Path) -> None:
    """Before: by height alone, a panel's words (set below its bold heading) came among the actions level
    with them, and the actions ran on into the next recommendation's words."""

    def records(beside: bool) -> list[tuple[Any, ...]]:
        extraction = extract_doc(read_document(_panels(tmp_path / f"plan-{beside}.pdf", beside)))
        return [(a.rec_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] + [
            (r.rec_id, r.text) for r in extraction.recommendations
        ]

    above = records(False)
    assert [r[0] for r in above[:5]] == ["1", "1", "2", "2", "3"]
    assert records(True) == above


# --- P: list items of a paragraph and a description list ------------------------------------------------------

CARDS_P = [
    (
        "Develop a clear transformation programme.",
        [
            (
                "Establish a Transformation Board chaired by the Chief Executive.",
                "Chief Executive",
                "Complete",
                "Board meeting monthly",
            ),
            ("Appoint a programme management team.", "Head of Transformation", "Apr-25", "Team in post"),
        ],
    ),
    (
        "Strengthen the council's approach to corporate risk.",
        [
            (
                "Refresh the corporate risk register.",
                "Head of Financial Services",
                "June 2025",
                "Register reported to the Audit Committee",
            ),
        ],
    ),
]


def _cards_page(sub_heading: str) -> str:
    sections = []
    for n, (rec, actions) in enumerate(CARDS_P, start=1):
        items = "".join(
            f"<li><p>{text}</p><dl><dt>Responsible officer</dt><dd>{lead}</dd><dt>Target date</dt><dd>{due}</dd>"
            f"<dt>How we will know</dt><dd>{measure}</dd></dl></li>"
            for text, lead, due, measure in actions
        )
        sections.append(
            f"<section><h2>Recommendation {n}</h2><blockquote><p>{rec}</p></blockquote>"
            f"<h3>{sub_heading}</h3><ol>{items}</ol></section>"
        )
    return f"<html><body><main><h1>Our action plan</h1>{''.join(sections)}</main></body></html>"


@pytest.mark.parametrize("sub_heading", ["What we will do", "Our actions"])
def test_list_items_of_a_paragraph_and_its_fields_are_actions(sub_heading: str) -> None:
    """Before: no plan found (each item's bullet stood alone, and its fields titled nothing), and the
    sub-heading ran on into the recommendation's words."""
    from actionplans.extractors.readers.html import html_to_doc

    extraction = extract_doc(html_to_doc(_cards_page(sub_heading)))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [
        (str(n), rec) for n, (rec, _) in enumerate(CARDS_P, start=1)
    ]
    assert [(a.rec_id, a.text, a.owners, a.timescale_raw, a.measure) for a in extraction.actions] == [
        (str(n), text, (lead,), due, measure)
        for n, (_, actions) in enumerate(CARDS_P, start=1)
        for text, lead, due, measure in actions
    ]


# --- Q: fields in brackets at the end of a bullet ---------------------------------------------------------

BRACKETED_Q = [
    (
        "Develop a shared, long-term vision for the county with partners and communities.",
        [
            (
                "Hold a visioning workshop with Public Services Board members and town and community councils",
                "Chief Executive",
                "by June 2025",
            ),
            (
                "Run a county-wide conversation with residents, including young people through the Youth Council",
                "Corporate Lead Officer – Policy, Performance and Public Protection",
                "by September 2025",
            ),
        ],
    ),
    (
        "Link the Medium Term Financial Strategy to the transformation programme.",
        [
            (
                "Produce a single savings tracker linking each transformation project to its budget line (see "
                "Appendix A)",
                "Section 151 Officer",
                "by July 2025",
            ),
        ],
    ),
]


def _bracketed(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    bold = ParagraphStyle("bold", parent=body, fontName="Helvetica-Bold")
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=16, bulletIndent=4, spaceAfter=2)
    story: list[Any] = [Paragraph("Corporate Peer Challenge: Our Response and Action Plan", bold)]
    for n, (rec, actions) in enumerate(BRACKETED_Q, start=1):
        story += [Paragraph(f"Recommendation {n}", bold), Paragraph(rec, body), Paragraph("Actions:", body)]
        for text, lead, due in actions:
            story.append(Paragraph(f"{text} (Lead: {lead}, {due})", bullet, bulletText="•"))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_fields_in_brackets_at_the_end_of_a_bullet(tmp_path: Path) -> None:
    """Before: 2 of 3 actions, bullets run together, owners "Policy, Performance and Public Protection, by
    September 2025)" and no timescale. A bracket that holds no field ("(see Appendix A)") stays in the words."""
    extraction = extract_doc(read_document(_bracketed(tmp_path / "plan.pdf")))
    assert [(a.rec_id, a.text, a.owners, a.timescale_raw) for a in extraction.actions] == [
        (str(n), text, (lead,), due) for n, (_, acts) in enumerate(BRACKETED_Q, start=1) for text, lead, due in acts
    ]


# --- R: a footer in large type ---------------------------------------------------------------------------


def _footed(path: Path, footer: bool, header: bool = False) -> Path:
    """Two pages of a ruled table (its rows cut by the page break), under a heading; ``footer`` prints
    "Tewkesbury Borough Council – Peer Challenge Action Plan" at the foot of each page in 11-point type (the
    body's is 9), ``header`` the same at the top."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as RLTable

    cell = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    words = "Review the commercial property portfolio against the return targets in the commercial strategy"
    rows: list[list[Any]] = [["No.", "Action", "Lead officer", "Timescale"]]
    rows += [[f"4.{k}", Paragraph(f"{words}, part {k}.", cell), "Head of Finance", "Sep-25"] for k in range(1, 9)]
    grid = RLTable(rows, colWidths=[40, 260, 120, 80], splitInRow=1)
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    text = "Tewkesbury Borough Council – Peer Challenge Action Plan"

    def furniture(canvas: Any, _doc: Any) -> None:
        canvas.setFont("Helvetica", 11)
        if footer:
            canvas.drawString(72, 40, text)
        if header:
            canvas.drawString(72, A4[1] - 45, text)

    heading = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=12, leading=15)
    story = [
        Paragraph("Recommendation 4: Make the most of the council's commercial assets.", heading),
        Spacer(1, 560),
        grid,
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def test_a_footer_in_large_type_is_a_footer_and_a_large_header_a_section_title() -> None:
    """The same 11-point line on both pages of a document in 9-point type: at the foot of the page it goes,
    as a footer (before: kept, and it became the caption of the table piece after it, numbering its rows
    "Peer Challenge Action Plan.1"); at the top it stays, as a section title, as before."""
    from actionplans.extractors.model import Line
    from actionplans.extractors.readers.pdf import PdfSettings, _PageContent, drop_running_lines

    text = "Tewkesbury Borough Council – Peer Challenge Action Plan"

    def page(number: int, top: float) -> _PageContent:
        lines = [
            Line(text="Review the commercial property portfolio.", page=number, bbox=(72, 300, 400, 309), size=9),
            Line(text=text, page=number, bbox=(72, top, 380, top + 11), size=11),
        ]
        return _PageContent(number, 792.0, [], lines, 9.0, 100)

    for top, kept in ((742.0, False), (40.0, True)):
        pages = [page(1, top), page(2, top)]
        drop_running_lines(pages, PdfSettings())
        assert all((text in [ln.text for ln in p.lines]) is kept for p in pages), top


def test_a_footer_in_large_type_between_the_pieces_of_a_table_is_a_footer(tmp_path: Path) -> None:
    """A large footer on both pages of a table its page break cuts leaves the records as they are without
    it (here the piece after the break reads as the table's either way; the rule itself is tested above)."""

    def records(footer: bool) -> list[tuple[Any, ...]]:
        extraction = extract_doc(read_document(_footed(tmp_path / f"plan-{footer}.pdf", footer)))
        return [(a.rec_id, a.action_id, a.text, a.owners) for a in extraction.actions]

    plain = records(False)
    assert [a[1] for a in plain] == [f"4.{k}" for k in range(1, 9)]
    assert records(True) == plain


def test_a_large_line_repeated_at_the_top_of_each_page_is_kept(tmp_path: Path) -> None:
    """Near miss: the same line at the top of each page, in the same large type, is a section title: kept."""
    doc = read_document(_footed(tmp_path / "plan.pdf", False, header=True))
    assert any("Peer Challenge Action Plan" in b.text for b in doc.paragraphs())


def _form_pdf(path: Path, highlight: bool = False) -> Path:
    """A borderless form: each label at the left margin, its value at a tab stop on the same line ("Lead
    officer:" ... "Head of Policy"), three actions under a heading; with ``highlight``, each status word
    highlighted by a box of its own size."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    y = A4[1] - 72
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, y, "Recommendation 1: Improve the council's governance")
    rows = [
        ("Action 1.1:", "Review the constitution with all group leaders"),
        ("Lead officer:", "Monitoring Officer"),
        ("Timescale:", "June 2025"),
        ("Status:", "Amber"),
        ("Action 1.2:", "Train every committee chair in effective scrutiny"),
        ("Lead officer:", "Head of Democratic Services"),
        ("Timescale:", "September 2025"),
        ("Status:", "Green"),
        ("Action 1.3:", "Publish a forward plan of key decisions each month"),
        ("Lead officer:", "Democratic Services Manager"),
        ("Timescale:", "Ongoing"),
        ("Status:", "Amber"),
    ]
    c.setFont("Helvetica", 10)
    for label, value in rows:
        y -= 16
        if label == "Action 1.2:" or label == "Action 1.3:":
            y -= 8
        if highlight and label == "Status:":
            c.setFillColorRGB(1.0, 0.85, 0.2)
            c.rect(199, y - 2, c.stringWidth(value, "Helvetica", 10) + 2, 11, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        c.drawString(72, y, label)
        c.drawString(200, y, value)
    c.save()
    return path


@pytest.mark.parametrize("highlight", [False, True])
def test_a_form_of_labels_and_values_at_a_tab_stop_reads_as_labelled_lines(tmp_path: Path, highlight: bool) -> None:
    """Near miss for the panel rules: labels at the margin and their values at a tab stop, no shaded panel
    (a highlighted word is no panel): each action with its lead, timescale and status, as before."""
    extraction = extract_doc(read_document(_form_pdf(tmp_path / "form.pdf", highlight)))
    assert [(a.action_id, a.text, a.owners, a.timescale_raw, a.status_raw) for a in extraction.actions] == [
        ("1.1", "Review the constitution with all group leaders", ("Monitoring Officer",), "June 2025", "Amber"),
        (
            "1.2",
            "Train every committee chair in effective scrutiny",
            ("Head of Democratic Services",),
            "September 2025",
            "Green",
        ),
        (
            "1.3",
            "Publish a forward plan of key decisions each month",
            ("Democratic Services Manager",),
            "Ongoing",
            "Amber",
        ),
    ]


def test_a_page_break_cut_and_a_row_of_its_own_told_apart_by_the_date_above() -> None:
    """A year alone below a date that waits for one finishes it; below a date with its year it is a row of
    its own; a short word before a full stop ("team. Then ...") is no list letter."""
    from actionplans.extractors.tables import _LETTERED, _cut_field

    assert _cut_field("timescale", "By December", "2025")
    assert not _cut_field("timescale", "March 2025", "2026")
    assert not _cut_field("timescale", "Q3 2024/25", "2025/26")
    assert _LETTERED.match("c) Give advisers access") and _LETTERED.match("(iv) Review the register")
    assert not _LETTERED.match("team. Then report to Cabinet") and not _LETTERED.match("etc. The rest")


def test_a_numbered_run_after_bullets_is_not_under_the_number_above_the_bullets(tmp_path: Path) -> None:
    """ "1. Extend ..." over bullets with fields, then "2. ..." and "3. ..." each with fields of their own:
    the bullets are recommendation 1's; the numbered items are not (before: "2." and "3." were actions 1.2
    and 1.3 beside the bullets' 1.1 and 1.2, a duplicate id)."""
    document = docx.Document()
    document.add_paragraph("Action plan")
    for line in (
        "1. Extend selective licensing",
        "• Prepare the evidence base for consultation.",
        "Lead: Head of Housing",
        "• Run a ten-week public consultation.",
        "Lead: Housing Standards Manager",
        "2. Improve enforcement against rogue landlords",
        "Lead: Head of Legal Services",
        "3. Review the fees charged for licences",
        "Lead: Head of Finance",
    ):
        document.add_paragraph(line)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    ids = [(a.rec_id, a.action_id) for a in extract_doc(read_word(path)).actions]
    assert ids[:2] == [("1", "1.1"), ("1", "1.2")]
    assert len({i for _, i in ids}) == len(ids)


def test_a_lead_in_that_wraps_over_two_lines_still_leads_into_the_list(tmp_path: Path) -> None:
    """The lead-in's words for the plan's groups on its first line, its colon on the second, in a PDF."""
    lead_in = (
        "The peer team made the following recommendations, which the council has accepted in full and which "
        "this plan answers one by one with the actions the council will take:"
    )
    extraction = extract_doc(read_document(_report_with_plan(tmp_path / "report.pdf", lead_in)))
    assert [(r.rec_id, r.text) for r in extraction.recommendations] == [
        (str(n), text) for n, text in enumerate(RECS_F, start=1)
    ]


@pytest.mark.parametrize(
    ("text", "dated"),
    [("31.10.25", True), ("01.04.2026", True), ("9.3.25", True), ("1.1.1", False), ("2.13.25", False), ("3.1", False)],
)
def test_a_day_written_with_dots_reads_as_a_date_in_a_column(text: str, dated: bool) -> None:
    """What a column's cells are judged by: before, "31.10.25" was a number of three parts (as "1.1.1" is),
    so an audit tracker's "Target date" column of them (Excel dates shown dd.mm.yy, beside a column of the
    recommendations' numbers) was taken for the actions' ids, and no action had a timescale."""
    from actionplans.extractors.columns import _dated

    assert (_dated(text) > 0.5) is dated


def _milestones_pdf(path: Path) -> Path:
    """Ref | Action | Lead | "Milestone" over Q1 | Q2 | Q3 | Q4, the first three merged down both header rows,
    the quarters ticked ("X")."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    data: list[list[Any]] = [
        ["Ref", "Action", "Lead", "Milestone (Q1-Q4)", "", "", ""],
        ["", "", "", "Q1", "Q2", "Q3", "Q4"],
    ]
    rows = [
        ("1.1", "Agree a pre-birth assessment protocol", "Head of Assessment", [2]),
        ("1.2", "Audit twenty pre-birth assessments", "Principal Social Worker", [1, 2, 3, 4]),
        ("1.3", "Deliver practice workshops", "Principal Social Worker", [3]),
    ]
    for ref, text, lead, ticks in rows:
        data.append([ref, text, lead, *["X" if q in ticks else "" for q in range(1, 5)]])
    grid = RLTable(data, colWidths=[40, 260, 140, 40, 40, 40, 40])
    grid.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("SPAN", (3, 0), (6, 0)),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                ("SPAN", (2, 0), (2, 1)),
            ]
        )
    )
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])
    return path


def test_a_grouped_header_over_quarters_is_read_over_both_rows(tmp_path: Path) -> None:
    """Before: the second header row ("Q1 | Q2 | Q3 | Q4", the other cells merged down into it) was read as
    a row of records, an action "Action" owned by "Lead"; its header names scored weaker than the top row's
    for the digits in "Q1"."""
    extraction = extract_doc(read_document(_milestones_pdf(tmp_path / "plan.pdf")))
    assert [a.action_id for a in extraction.actions] == ["1.1", "1.2", "1.3"]
    (table,) = extraction.tables
    assert [c.header for c in table.columns][3:] == [f"Milestone (Q1-Q4) Q{q}" for q in range(1, 5)]


@pytest.mark.parametrize("numbered", [True, False])
def test_a_priority_column_numbering_the_actions_ids_is_their_recommendation(tmp_path: Path, numbered: bool) -> None:
    """ "Priority" cells "1. Strengthen ..." merged down over actions "1.1", "1.2": before, an objective of
    actions with no recommendation. Near miss: priorities with no number stay objectives, as before."""
    priorities = ["Strengthen the quality of pre-birth assessments", "Improve management oversight"]
    rows: list[list[Any]] = [["Ref", "Priority", "Action", "Lead"]]
    merges: list[str] = []
    for n, priority in enumerate(priorities, start=1):
        top = len(rows) + 1
        for k in (1, 2):
            words = f"{n}. {priority}" if numbered else priority
            rows.append([f"{n}.{k}", words if k == 1 else None, f"Action {n}{k} for the service", "Head of Service"])
        merges.append(f"B{top}:B{top + 1}")
    extraction = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", rows, tuple(merges))))
    recs = [(a.rec_id, a.action_id) for a in extraction.actions]
    if numbered:
        assert recs == [("1", "1.1"), ("1", "1.2"), ("2", "2.1"), ("2", "2.2")]
        assert [r.text for r in extraction.recommendations] == priorities
    else:
        assert {r for r, _ in recs} == {None}


# --- S: a date written again as it changed -----------------------------------------------------------------

ROWS_S = [
    ("1.1", "Refresh the corporate risk register", "Head of Audit", "30 Sep 2025", "31 Dec 2025"),
    ("1.2", "Train budget holders on the new controls", "Finance Manager", "31 Oct 2025", ""),
    ("2.1", "Publish the procurement pipeline", "Procurement Lead", "30 Nov 2025", "31 Jan 2026"),
    ("2.2", "Review contract waivers quarterly", "Head of Legal", "31 Dec 2025", ""),
]


def _versions_rows(headers: tuple[str, str], revised_first: bool = False) -> list[list[Any]]:
    earlier, later = headers
    order = (later, earlier) if revised_first else (earlier, later)
    rows: list[list[Any]] = [["Hertsmere Borough Council - audit actions"], ["Ref", "Action", "Owner", *order]]
    for ref, text, owner, first, revised in ROWS_S:
        dates = (revised, first) if revised_first else (first, revised)
        rows.append([ref, text, owner, *(d or None for d in dates)])
    return rows


def _versions_pdf(path: Path, rows: list[list[Any]]) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    title = RLParagraph(rows[0][0], getSampleStyleSheet()["Title"])
    grid = RLTable([[c or "" for c in r] for r in rows[1:]], colWidths=[40, 280, 120, 110, 110])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([title, grid])
    return path


def _versions_read(tmp_path: Path, headers: tuple[str, str], fmt: str, revised_first: bool = False) -> list[Any]:
    rows = _versions_rows(headers, revised_first)
    if fmt == "xlsx":
        doc = read_excel(write_sheet(tmp_path / "plan.xlsx", rows))
    else:
        doc = read_document(_versions_pdf(tmp_path / "plan.pdf", rows))
    return list(extract_doc(doc).actions)


@pytest.mark.parametrize("fmt", ["xlsx", "pdf"])
@pytest.mark.parametrize(
    "headers",
    [
        ("Original target date", "Revised target date"),
        ("Original date", "Revised target date"),
        ("Target date", "Revised target date"),
        ("Planned completion", "Revised completion"),
    ],
)
def test_an_earlier_version_of_the_date_stands_in_where_the_later_is_blank(
    tmp_path: Path, headers: tuple[str, str], fmt: str
) -> None:
    """Before: the revised column was the timescale and a row it left blank (the date not revised) had none;
    the original date was only an extra."""
    actions = _versions_read(tmp_path, headers, fmt)
    assert [a.timescale_raw for a in actions] == [revised or first for *_, first, revised in ROWS_S]
    assert all(dict(a.extra).get(headers[0]) == first for a, (*_, first, _r) in zip(actions, ROWS_S, strict=True))


def test_the_latest_version_is_the_timescale_whichever_side_it_stands(tmp_path: Path) -> None:
    actions = _versions_read(tmp_path, ("Original deadline", "Revised deadline"), "xlsx", revised_first=True)
    assert [a.timescale_raw for a in actions] == [revised or first for *_, first, revised in ROWS_S]


@pytest.mark.parametrize("headers", [("Start date", "Target date"), ("Target date", "Date completed")])
def test_two_dates_of_different_things_are_no_versions(tmp_path: Path, headers: tuple[str, str]) -> None:
    """Near misses: a start beside the due date, a completion date beside it: a blank due date stays blank
    (a start is not when the action is due)."""
    actions = _versions_read(tmp_path, headers, "xlsx")
    got = [a.timescale_raw for a in actions]
    assert got[1] is None and got[3] is None, got


# --- T: periods ticked instead of a date ---------------------------------------------------------------------

ROWS_T = [
    ("E1", "Deliver phase one of the city centre masterplan", "Chief Officer – Economy", [2, 3, 4]),
    ("E2", "Launch a business start-up grant scheme", "Economic Development Manager", [1]),
    ("W1", "Move the telephony platform to the cloud", "Chief Digital Officer", [1, 3]),
    ("W2", "Dispose of the surplus depot site", "Head of Corporate Property", [4]),
]


def _ticked_sheet(path: Path, title: str, headers: list[str], cells: tuple[str, str] = ("X", "")) -> Path:
    rows: list[list[Any]] = [["Wrexham County Borough Council"], [title], [], ["Ref", "Action", "Lead", *headers]]
    for ref, text, lead, quarters in ROWS_T:
        rows.append([ref, text, lead, *(cells[0] if q in quarters else cells[1] or None for q in range(1, 5))])
    return write_sheet(path, rows)


QUARTERS = ["Q1\nApr–Jun", "Q2\nJul–Sep", "Q3\nOct–Dec", "Q4\nJan–Mar"]


def test_periods_ticked_for_each_action_are_its_timescale(tmp_path: Path) -> None:
    """Before: no timescale (the ticks were extras); the plan's year is its title's."""
    from actionplans.normalise import parse_timescale

    sheet = _ticked_sheet(tmp_path / "plan.xlsx", "Council Plan 2025/26 - delivery milestones", QUARTERS)
    actions = extract_doc(read_excel(sheet)).actions
    assert [a.timescale_raw for a in actions] == ["Q2–Q4 2025/26", "Q1 2025/26", "Q1 and Q3 2025/26", "Q4 2025/26"]
    first = parse_timescale(actions[0].timescale_raw or "")
    assert (str(first.start), str(first.end)) == ("2025-07-01", "2026-03-31")
    assert dict(actions[0].extra)["Q2 Jul–Sep"] == "X"  # the ticks are kept as they are


@pytest.mark.parametrize("mark", ["✓", "yes", "●"])
def test_any_mark_ticks_and_a_header_without_a_year_takes_none(tmp_path: Path, mark: str) -> None:
    sheet = _ticked_sheet(tmp_path / "plan.xlsx", "Delivery milestones", ["Q1", "Q2", "Q3", "Q4"], (mark, ""))
    assert [a.timescale_raw for a in extract_doc(read_excel(sheet)).actions] == ["Q2–Q4", "Q1", "Q1 and Q3", "Q4"]


def test_a_group_header_over_the_periods_names_none_of_them(tmp_path: Path) -> None:
    """ "Milestone 2026/27" over "Q1 | Q2 | Q3 | Q4": each column is its own quarter, the group's year theirs."""
    headers = [f"Milestone 2026/27 Q{q}" for q in range(1, 5)]
    sheet = _ticked_sheet(tmp_path / "plan.xlsx", "Delivery milestones", headers)
    got = [a.timescale_raw for a in extract_doc(read_excel(sheet)).actions]
    assert got[:2] == ["Q2 2026/27–Q4 2026/27", "Q1 2026/27"]


def test_periods_holding_figures_or_beside_a_date_column_are_no_timescale(tmp_path: Path) -> None:
    """Near misses: quarters holding amounts (a budget profile), and ticks beside a "Target date" column
    (the date is the timescale, the ticks stay extras)."""
    figures = _ticked_sheet(tmp_path / "a.xlsx", "Council Plan 2025/26", QUARTERS, ("£12,000", "£0"))
    assert {a.timescale_raw for a in extract_doc(read_excel(figures)).actions} == {None}
    rows: list[list[Any]] = [["Council Plan 2025/26"], ["Ref", "Action", "Lead", "Q1", "Q2", "Target date"]]
    rows += [[ref, text, lead, "X", None, "March 2026"] for ref, text, lead, _ in ROWS_T]
    dated = extract_doc(read_excel(write_sheet(tmp_path / "b.xlsx", rows))).actions
    assert {a.timescale_raw for a in dated} == {"March 2026"}


# --- U: two posts on two lines of a narrow PDF cell -----------------------------------------------------------

ROWS_U = [
    ("1.1", "Complete stock condition surveys of all council homes", ["Head of Housing Assets", "Asset Data Manager"]),
    ("1.2", "Publish a damp and mould policy", ["Head of Housing Assets"]),
    ("1.3", "Review the tenancy agreement", ["Director of Adult Social Care"]),
    ("2.1", "Set up a community safety hub", ["Chief Officer – Social Care", "Community Safety Partnership Manager"]),
]


def _narrow_owners_pdf(path: Path) -> Path:
    """Ref | What we will do | Who (narrow) | When: each post of a "Who" cell on a line of its own, no gap between
    them, the first as long as the column is wide."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate, TableStyle
    from reportlab.platypus import Table as RLTable

    body = getSampleStyleSheet()["BodyText"]
    data: list[list[Any]] = [["Ref", "What we will do", "Who", "When"]]
    for ref, text, owners in ROWS_U:
        data.append([ref, RLParagraph(text, body), RLParagraph("<br/>".join(owners), body), "March 2026"])
    grid = RLTable(data, colWidths=[35, 230, 150, 70])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=A4).build([grid])
    return path


def test_two_posts_on_two_lines_of_a_narrow_pdf_cell_are_two_owners(tmp_path: Path) -> None:
    """Before: "Head of Housing Assets Asset Data Manager", one owner; a title that wraps stays one."""
    actions = extract_doc(read_document(_narrow_owners_pdf(tmp_path / "plan.pdf"))).actions
    assert [list(a.owners) for a in actions] == [owners for *_, owners in ROWS_U]


# --- V: a card of fields that a page break cuts ---------------------------------------------------------------


def _cards_pdf(path: Path, keep_together: bool) -> Path:
    """Recommendations, each a heading over a two-column card per action ("Action ref | 1.3", "Action | ...",
    "Lead officer | ...", "Deadline", "Success measure"); with ``keep_together`` false, a page break cuts the
    last card of the first recommendation in two, the next recommendation's heading after its rest."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import KeepTogether, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import Table as RLTable

    styles = getSampleStyleSheet()
    story: list[Any] = []
    for rec, cards in ((1, 5), (2, 3)):
        story.append(RLParagraph(f"Recommendation {rec}", styles["Heading2"]))
        words = "The council should publish a clear, risk-based highways inspection and repair policy, and say"
        story.append(RLParagraph(f"{words} how residents will be told of progress (part {rec}).", styles["BodyText"]))
        for n in range(1, cards + 1):
            rows = [
                ["Action ref", f"{rec}.{n}"],
                ["Action", f"Carry out highways review step {n} across the county network"],
                ["Lead officer", "Assistant Director – Highways and Transport" if n % 2 else "Highways Asset Manager"],
                ["Deadline", f"{['March', 'June', 'September', 'December'][n % 4]} 2026"],
                ["Success measure", f"Step {n} reported to the Place Overview Committee"],
            ]
            card = RLTable(rows, colWidths=[120, 330], rowHeights=[26] * 5)
            card.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
            story.extend([KeepTogether([card]) if keep_together else card, Spacer(1, 12)])
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_a_card_of_fields_cut_by_a_page_break_reads_as_one_card(tmp_path: Path) -> None:
    """Before: the card's fields on the next page, a heading after them, were read as nothing (they name no
    action)."""

    def read(keep: bool) -> tuple[list[tuple[object, ...]], Any]:
        doc = read_document(_cards_pdf(tmp_path / f"cards-{keep}.pdf", keep))
        actions = extract_doc(doc).actions
        return [(a.rec_id, a.action_id, a.text, a.owners, a.timescale_raw, a.measure) for a in actions], doc

    (cut, doc), (whole, _) = read(False), read(True)
    from actionplans.extractors.model import Table

    pieces = [b for b in doc.blocks if isinstance(b, Table)]
    assert any(p.rows[0].page == 2 and p.rows[0].text(0) != "Action ref" for p in pieces), "no card is cut"
    assert len(whole) == 8 and all(r[3] and r[4] and r[5] for r in whole)
    assert cut == whole


# --- W: an action's fields at tab stops after its words -------------------------------------------------------

ACTIONS_W = [
    ("Publish a five-year financial outlook with the revenue budget.", "EB", "February 2026"),
    ("Report progress on savings delivery each quarter.", "GM", "Q4 2025/26"),
    ("Offer one-to-one briefings on budget papers to scrutiny convenors.", "GM/LT", "Ongoing"),
]


def _tab_fields_word(path: Path, styled: bool = True) -> Path:
    """Numbered recommendations over lettered actions, each action's "Lead:" and "By:" set apart by spaces after
    its words, as at tab stops ("a.<tab>Publish ...  Lead: EB   By: February 2026"); ``styled``: the numbers in
    bold and the letters set in from them, as Word users do."""
    from docx.shared import Cm

    document = docx.Document()
    document.add_paragraph("Fife Council")
    document.add_paragraph("Best Value improvement plan")
    document.add_paragraph("Recommendations and actions")
    for number in (1, 2):
        rec = document.add_paragraph()
        words = f"The council should set out how its reform programme will close gap {number}."
        rec.add_run(f"{number}.\t{words}").bold = styled
        for letter, (text, lead, by) in zip("abc", ACTIONS_W, strict=True):
            item = document.add_paragraph(f"{letter}.\t{text}  Lead: {lead}   By: {by}")
            if styled:
                item.paragraph_format.left_indent = Cm(1.6)
    document.save(str(path))
    return path


def test_fields_at_tab_stops_after_an_actions_words_are_each_a_field() -> None:
    """Before: the owner was "EB By: February 2026" (and "GM/LT By: Q4 2025/26" two owners, one "26"), and no
    action had a timescale: only a line that opened with a field found the fields after it."""
    from actionplans.extractors.labels import inline_field_starts

    text = "a. Publish the outlook.  Lead: EB   By: February 2026"
    assert inline_field_starts(text) == [text.index("Lead"), text.index("By")]
    assert inline_field_starts("Lead: Head of HR   Support: Finance Manager") == []  # two owners: one field


@pytest.mark.parametrize("styled", [True, False])
def test_lettered_actions_with_fields_at_tab_stops(tmp_path: Path, styled: bool) -> None:
    """Unstyled (no bold, no indent), the numbers still head the letters: before, each "1. The council should
    ..." was an action, given the fields of the lettered item under it, and no action had a recommendation."""
    actions = extract_doc(read_word(_tab_fields_word(tmp_path / "plan.docx", styled))).actions
    got = [(a.text, a.owners, a.timescale_raw) for a in actions]
    assert got == [(text, tuple(lead.split("/")), by) for text, lead, by in ACTIONS_W] * 2
    assert [a.rec_id for a in actions] == ["1"] * 3 + ["2"] * 3


# --- X: a recommendation cell a page break cuts, a running header between the pieces ---------------------------


def _cut_recommendation_doc(running_header: bool) -> Any:
    """A tracker read from a PDF: Ref | Recommendation | Action | Responsible officer, the recommendation of
    3.1 and 3.2 merged down over both and cut by the page break after 3.1 ("... performance meetings for" /
    "each such contract."), the cut row's rest and 3.2 sharing the cell's piece on page 2; a running header
    (kept as text: set larger than the table) above the table on both pages."""
    from actionplans.extractors.model import Cell, Line, Paragraph, Row, SourceDoc, Table

    def cell(text: str, page: int, top: float, x0: float) -> Cell:
        lines = (
            [Line(text=text, page=page, bbox=(x0, top, x0 + 90, top + 8), x0=x0, x1=x0 + 90, size=8)] if text else []
        )
        return Cell(paras=[lines] if lines else [], bbox=(x0 - 2, top - 2, x0 + 95, top + 12), page=page)

    def row(page: int, top: float, *texts: str, shared: dict[int, Cell] | None = None) -> Row:
        cells = [(shared or {}).get(k) or cell(t, page, top, 40 + 100 * k) for k, t in enumerate(texts)]
        return Row(cells=list(cells), page=page)

    header = ("Ref", "Recommendation", "Agreed management action", "Responsible officer")
    running = "Vale of Glamorgan Council – Internal Audit Shared Service"
    blocks: list[Any] = [
        Paragraph(lines=[Line(text=running, page=1, bbox=(40, 35, 400, 45), size=10)]),
        Paragraph(lines=[Line(text="Procurement audit: management actions", page=1, bbox=(40, 60, 400, 76), size=16)]),
    ]
    page1 = [row(1, 100, *header)]
    recs = [
        (
            "1.1",
            "The Council should keep a register of contracts.",
            "Publish the contracts register",
            "Procurement Manager",
        ),
        ("2.1", "Waivers should be approved by the S151 officer.", "Introduce electronic waivers", "Head of Finance"),
        (
            "3.1",
            "Contract managers should hold performance meetings for",
            "Publish a contract toolkit",
            "Procurement Manager",
        ),
    ]
    for k, values in enumerate(recs):
        page1.append(row(1, 120 + 30 * k, *values))
    blocks.append(Table(rows=page1, kind="ruled"))
    if running_header:
        blocks.append(Paragraph(lines=[Line(text=running, page=2, bbox=(40, 35, 400, 45), size=10)]))
    rest = cell("each such contract.", 2, 120, 140)
    page2 = [
        row(2, 100, *header),
        row(2, 120, "", "", "and report to the audit committee.", "", shared={1: rest}),
        row(2, 140, "3.2", "", "Name a contract manager for each contract", "Heads of Service", shared={1: rest}),
        row(
            2,
            170,
            "4.1",
            "The Council should train budget holders.",
            "Deliver refresher training",
            "Procurement Manager",
        ),
    ]
    blocks.append(Table(rows=page2, kind="ruled"))
    return SourceDoc(blocks=blocks, reader="pdf", pages=2)


@pytest.mark.parametrize("running_header", [True, False])
def test_a_recommendation_cut_by_a_page_break_is_one_recommendation(running_header: bool) -> None:
    """Before: with the running header between the pieces, page 2 was a table of its own, and "each such
    contract." a fourth recommendation, 3.2 and 4.1 under the wrong ones; without it, the same."""
    extraction = extract_doc(_cut_recommendation_doc(running_header))
    assert [(a.rec_id, a.action_id) for a in extraction.actions] == [
        ("1", "1.1"), ("2", "2.1"), ("3", "3.1"), ("3", "3.2"), ("4", "4.1")
    ]  # fmt: skip
    third = next(r for r in extraction.recommendations if r.rec_id == "3")
    assert third.text == "Contract managers should hold performance meetings for each such contract."
    assert extraction.actions[2].text == "Publish a contract toolkit and report to the audit committee."


# --- Y: start and end dates in columns of their own ----------------------------------------------------------


def test_start_and_end_date_columns_give_the_span(tmp_path: Path) -> None:
    """Before: the end date alone ("Mar 2026"), the start an extra; a start the same as the end is that one
    date."""
    rows: list[list[Any]] = [["Ref", "Action", "Lead", "Start date", "End date"]]
    spans = [("Sept 2025", "Mar 2026"), ("Oct 2025", "Jan 2026"), ("Dec 2025", "Dec 2025")]
    for k, (start, end) in enumerate(spans, start=1):
        rows.append([f"1.{k}", f"Deliver workstream {k} of the review", "Head of Customer Services", start, end])
    actions = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", rows))).actions
    assert [a.timescale_raw for a in actions] == ["Sept 2025 – Mar 2026", "Oct 2025 – Jan 2026", "Dec 2025"]
    assert all(dict(a.extra).get("Start date") for a in actions)


# --- near misses of S, T and Y found by a review ---------------------------------------------------------------


def test_crosses_are_not_ticks_and_each_header_keeps_its_own_period(tmp_path: Path) -> None:
    rows: list[list[Any]] = [["Council Plan 2025/26"], ["Ref", "Action", "Lead", "Q1", "Q2", "Q3", "Q4"]]
    rows.append(["1.1", "Deliver the first workstream of the plan", "Chief Officer", "✗", "✓", "✓", "✗"])
    rows.append(["1.2", "Deliver the second workstream of the plan", "Chief Officer", "✓", "✗", "✗", "✗"])
    actions = extract_doc(read_excel(write_sheet(tmp_path / "a.xlsx", rows))).actions
    assert [a.timescale_raw for a in actions] == ["Q2–Q3 2025/26", "Q1 2025/26"]
    rows = [["Ref", "Action", "Lead", "Q4 2025/26", "Q4 2026/27"]]
    rows.append(["1.1", "Deliver the first workstream of the plan", "Chief Officer", "X", None])
    rows.append(["1.2", "Deliver the second workstream of the plan", "Chief Officer", None, "X"])
    actions = extract_doc(read_excel(write_sheet(tmp_path / "b.xlsx", rows))).actions
    assert [a.timescale_raw for a in actions] == ["Q4 2025/26", "Q4 2026/27"]


@pytest.mark.parametrize(
    ("first", "cells", "want"),
    [
        # a start beside "Ongoing" is the span from it, which the normaliser reads as from September 2025
        ("Start date", ("Sept 2025", "Ongoing"), "Sept 2025 – Ongoing"),
        ("Start date", ("TBC", "Dec 2026"), "Dec 2026"),
        ("Date agreed", ("12 Mar 2024", None), None),  # a committee's date is no version of the target
        ("Date received from auditor", ("1 Jan 2025", "Mar 2026"), "Mar 2026"),  # "from" names no start
    ],
)
def test_dates_beside_the_target_that_are_no_start_and_no_version(
    tmp_path: Path, first: str, cells: tuple[Any, Any], want: str | None
) -> None:
    rows: list[list[Any]] = [["Ref", "Action", "Owner", first, "Target date"]]
    rows.append(["1.1", "Review the constitution and scheme of delegation", "Monitoring Officer", *cells])
    rows.append(["1.2", "Train the chairs of every committee", "Monitoring Officer", "1 Feb 2024", "June 2026"])
    rows.append(["1.3", "Publish a forward plan of key decisions", "Monitoring Officer", "1 Mar 2024", "July 2026"])
    actions = extract_doc(read_excel(write_sheet(tmp_path / "plan.xlsx", rows))).actions
    assert actions[0].timescale_raw == want
    if want == "Sept 2025 – Ongoing":  # no deadline in September: the work starts then and goes on
        from actionplans.normalise import parse_timescale

        read = parse_timescale(want)
        assert (str(read.start), read.end) == ("2025-09-01", None)


class TestNoticeOfMeeting:
    """An agenda's front sheet calls the meeting in a sentence ("A meeting of ... will be held ... on Tuesday,
    24 February 2026 at 10.00 am"): that is the papers' date, not an earlier meeting's that a dated agenda
    line names ("Minutes for approval: Council, 16 December 2025")."""

    SUMMONS = (
        "EAST LOTHIAN COUNCIL\n\n"
        "A meeting of East Lothian Council will be held in the Council Chamber, Town House,\n"
        "Haddington, on Tuesday, 24 February 2026 at 10.00 am.\n\n"
        "AGENDA\n\n"
        "Minutes for approval: East Lothian Council, 16 December 2025\n\n"
    )
    PLAN = (
        "Improvement plan\n\n"
        "1. Review the capital programme. Lead: Head of Finance. By: March 2026.\n"
        "2. Publish a savings plan. Lead: Chief Executive. By: June 2026.\n"
    )

    def _date(self, tmp_path: Path, text: str) -> str:
        path = tmp_path / "pack.txt"
        path.write_text(text, encoding="utf-8")
        return str(extract(path)[0].date)

    def test_the_summons_dates_the_papers(self, tmp_path: Path) -> None:
        assert self._date(tmp_path, self.SUMMONS + self.PLAN) == "2026-02-24"

    def test_a_sentence_that_names_no_notice_dates_nothing(self, tmp_path: Path) -> None:
        # a meeting the plan reports to, on a day to come, is no notice of the meeting the papers are for
        text = self.SUMMONS.replace("will be held in", "will receive a report in") + self.PLAN
        assert self._date(tmp_path, text) == "2025-12-16"


class TestAHeadingOfSomethingElseEndsTheCard:
    """Fields after a heading in larger type that is none of the plan's are no field of the action above it:
    a report's header block ("REPORT TO:", "MEETING DATE:", "BY:") on the page after a plan's last action
    lent it the meeting's date as its timescale.  A bold sub-heading in body type ("Milestones") inside an
    action's card does not end it."""

    def _plan(self, path: Path, between: str, heading_size: float, after: tuple[str, ...] = ()) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph, SimpleDocTemplate

        body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
        head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=heading_size, leading=heading_size + 3)
        story = [Paragraph("Improvement plan", ParagraphStyle("t", parent=head, fontSize=14, leading=17))]
        actions = [("Review the capital programme.", "Head of Finance", "March 2026")]
        actions.append(("Publish a savings plan.", "Chief Executive", "June 2026"))
        for n, (text, lead, by) in enumerate(actions, 1):
            story += [Paragraph(f"{n}. {text}", body), Paragraph(f"<b>Lead:</b> {lead}", body)]
            story.append(Paragraph(f"<b>By:</b> {by}", body))
        story.append(Paragraph(between, head))
        story += [Paragraph(line, body) for line in after]
        SimpleDocTemplate(str(path), pagesize=A4).build(story)

    def test_a_reports_header_block_under_its_heading_is_no_actions_field(self, tmp_path: Path) -> None:
        path = tmp_path / "plan.pdf"
        block = ("<b>REPORT TO:</b> East Lothian Council", "<b>MEETING DATE:</b> 24 February 2026")
        self._plan(path, "Changes to Staffing Establishments", 13, block)
        actions = extract(path)[0].actions
        assert [(a.text, a.timescale_raw) for a in actions] == [
            ("Review the capital programme.", "March 2026"),
            ("Publish a savings plan.", "June 2026"),
        ]

    def test_a_bold_sub_heading_in_body_type_keeps_the_card_open(self, tmp_path: Path) -> None:
        path = tmp_path / "plan.pdf"
        self._plan(path, "Milestones", 10, ("<b>Measure:</b> savings of £2.1m agreed by Cabinet",))
        last = extract(path)[0].actions[-1]
        assert (last.text, last.measure) == ("Publish a savings plan.", "savings of £2.1m agreed by Cabinet")


class TestThePlansOwnDate:
    """A plan that is a part of a longer document (an appendix in a meeting's papers) is dated by its part's
    title block ("January 2026", "Position as at 27 February 2026" under the appendix's title), not by the
    meeting the papers are for; a title block with no date leaves the papers' date to stand."""

    def _papers(self, path: Path, title_block: tuple[str, ...], appendix_scale: float = 1.0) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

        def styles(scale: float) -> tuple[ParagraphStyle, ParagraphStyle]:
            body = ParagraphStyle("b", fontName="Helvetica", fontSize=10 * scale, leading=13 * scale, spaceAfter=4)
            title = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=16 * scale, leading=20 * scale)
            return body, title

        body, title = styles(1.0)
        filler = " ".join(["The committee is asked to consider the report of the review and its findings."] * 4)
        story = [Paragraph("Report to Cabinet", title), Paragraph("Date of meeting: 10 March 2026", body)]
        story += [Paragraph(f"{n}.1 {filler}", body) for n in range(1, 9)]
        body, title = styles(appendix_scale)  # a sheet printed to fit its page: everything smaller
        story += [PageBreak(), Paragraph("Appendix A", body), Paragraph("Waste Service Review", title)]
        story += [Paragraph(line, body) for line in title_block]
        story += [Paragraph(filler, body)] * 3
        actions = [("Review the collection rounds.", "Head of Waste", "March 2027")]
        actions += [("Publish a recycling guide.", "Communications Manager", "June 2026")]
        actions += [("Survey every household.", "Head of Waste", "September 2026")]
        for n, (text, lead, by) in enumerate(actions, 1):
            story += [Paragraph(f"{n}. {text}", body), Paragraph(f"<b>Lead:</b> {lead}", body)]
            story.append(Paragraph(f"<b>By:</b> {by}", body))
        SimpleDocTemplate(str(path), pagesize=A4).build(story)

    @pytest.mark.parametrize(
        ("title_block", "want"),
        [
            (("January 2026",), "2026-01"),
            (("Position as at 27 February 2026",), "2026-02-27"),
            (("Final report of the working group",), "2026-03-10"),  # no date of its own: the papers'
        ],
    )
    def test_the_date_under_the_title_of_the_plans_part(
        self, tmp_path: Path, title_block: tuple[str, ...], want: str
    ) -> None:
        path = tmp_path / "papers.pdf"
        self._papers(path, title_block)
        extraction = extract(path)[0]
        assert len(extraction.actions) == 3 and min(extraction.plan_pages) > 1
        assert str(extraction.date) == want

    def test_a_part_printed_small_is_titled_by_its_own_type(self, tmp_path: Path) -> None:
        """An appendix printed to fit its page sets its title no larger than the papers' body: it is larger
        than the rest of its own page."""
        path = tmp_path / "papers.pdf"
        self._papers(path, ("Position as at 27 February 2026",), appendix_scale=0.6)
        assert str(extract(path)[0].date) == "2026-02-27"


class TestASectionNumberedLikeARecommendation:
    """A report's section heading "5. RECOMMENDATIONS AND ACTION PLAN" over "Recommendation 1:" ...
    "Recommendation 5:" is no recommendation 5: it opened recommendation 5 before 1 (the list came out
    5, 1, 2, 3, 4), and in a meeting's papers a minute's heading "7. Climate emergency programme" gave
    recommendation 7 its words."""

    def _report(self, path: Path, section: int) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph, SimpleDocTemplate

        body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
        head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceAfter=6)
        story = [Paragraph("Recommendation: To ENDORSE the final report of the review.", body)]
        story.append(Paragraph(f"{section}. RECOMMENDATIONS AND ACTION PLAN", head))
        story.append(Paragraph("The review makes five recommendations; officers set out their actions.", body))
        for n in range(1, 6):
            story.append(Paragraph(f"<b>Recommendation {n}:</b> The council should improve service {n}.", body))
            story.append(Paragraph(f"• Publish a plan for service {n}.", body))
            story += [Paragraph("Lead: Head of Service", body), Paragraph("By: March 2027", body)]
        story.append(Paragraph(f"{section + 1}. MONITORING", head))
        story.append(Paragraph("A progress report comes back to the committee in a year.", body))
        SimpleDocTemplate(str(path), pagesize=A4).build(story)

    @pytest.mark.parametrize("section", [5, 3])
    def test_the_heading_opens_no_recommendation(self, tmp_path: Path, section: int) -> None:
        path = tmp_path / "report.pdf"
        self._report(path, section)
        extraction = extract(path)[0]
        recs = [(r.rec_id, r.text) for r in extraction.recommendations if r.rec_id]
        assert recs == [(str(n), f"The council should improve service {n}.") for n in range(1, 6)]
        assert [a.rec_id for a in extraction.actions] == ["1", "2", "3", "4", "5"]


def test_ticked_quarters_take_the_year_of_their_own_part(tmp_path: Path) -> None:
    """A milestones sheet among a meeting's papers, titled "Council Plan 2025/26", ticks quarters: their year
    is its title's, though the papers' opening names none (or another)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as Grid

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
    small = ParagraphStyle("s", fontName="Helvetica", fontSize=7, leading=9)
    title = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=9, leading=12, spaceAfter=4)
    story = [Paragraph("Minutes of the meeting held in 2024", title)]
    story += [Paragraph("Members noted the update on the waste contract and asked for a report.", body)] * 12
    story += [PageBreak(), Paragraph("Council Plan 2025/26 – Delivery Milestones", title)]
    rows = [["Ref", "Action", "Lead officer", "Q1", "Q2", "Q3", "Q4"]]
    rows.append(["1", "Open two more community hubs.", "Head of Housing", "", "X", "X", ""])
    rows.append(["2", "Publish the annual self-assessment report.", "Head of Policy", "", "", "X", ""])
    rows.append(["3", "Review the office accommodation.", "Head of Property", "", "", "", "X"])
    grid = Grid([[Paragraph(c, small) for c in row] for row in rows], colWidths=[30, 260, 140, 40, 40, 40, 40])
    grid.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    story.append(grid)
    path = tmp_path / "papers.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build(story)
    actions = extract(path)[0].actions
    assert [a.timescale_raw for a in actions] == ["Q2–Q3 2025/26", "Q3 2025/26", "Q4 2025/26"]


class TestCellsLetteredLikeTheActions:
    """A tracker's row holds lettered actions ("a) ...", "b) ...") and, beside them, owner, date and progress
    cells lettered the same way: each action takes the part of its own letter, not the whole cell."""

    ACTIONS = "a) Draft the workforce strategy.\nb) Consult the trade unions.\nc) Present the strategy to Cabinet."

    def _actions(self, tmp_path: Path, owners: str, dates: str) -> list[Any]:
        rows: list[list[Any]] = [["Ref", "Recommendation", "Actions", "Owner", "Target date", "Progress"]]
        progress = "a) Draft in preparation.\nb) Not started.\nc) Not started."
        rows.append(["R1", "Develop a workforce strategy.", self.ACTIONS, owners, dates, progress])
        rows.append(["R2", "Grow our own staff.", "Increase apprenticeships.", "L&D Manager", "2026-27", "On track."])
        return list(extract_doc(read_excel(write_sheet(tmp_path / "tracker.xlsx", rows))).actions)

    def test_each_action_takes_the_part_of_its_letter(self, tmp_path: Path) -> None:
        owners = "a) Head of HR\nb) Head of HR; Trade Union Liaison Officer\nc) Chief Executive"
        actions = self._actions(tmp_path, owners, "a) June 2026\nb) Summer 2026\nc) Autumn 2026")
        assert [(a.owners, a.timescale_raw, a.progress) for a in actions[:3]] == [
            (("Head of HR",), "June 2026", "Draft in preparation."),
            (("Head of HR", "Trade Union Liaison Officer"), "Summer 2026", "Not started."),
            (("Chief Executive",), "Autumn 2026", "Not started."),
        ]
        assert all("timescale_not_aligned" not in a.doubts for a in actions)

    def test_near_misses(self, tmp_path: Path) -> None:
        """Found by a review: a cell that letters only some of the items is the whole row's (no item takes
        another's part); another owner column beside the lettered one still owns every action."""
        partial = self._actions(tmp_path, "a) Head of HR\nb) Chief Executive", "March 2027")
        assert {a.owners for a in partial[:3]} == {partial[0].owners}  # every action the whole cell
        rows: list[list[Any]] = [["Ref", "Actions", "Lead officer", "Lead member", "Target date"]]
        lettered = "a) Head of HR\nb) Head of HR\nc) Chief Executive"
        rows.append(["R1", self.ACTIONS, lettered, "Cabinet Member", "March 2027"])
        rows.append(["R2", "Increase apprenticeships.", "L&D Manager", "Cabinet Member", "2026-27"])
        actions = extract_doc(read_excel(write_sheet(tmp_path / "two.xlsx", rows))).actions
        assert [a.owners for a in actions[:3]] == [
            ("Head of HR", "Cabinet Member"),
            ("Head of HR", "Cabinet Member"),
            ("Chief Executive", "Cabinet Member"),
        ]

    def test_an_unlettered_cell_is_the_whole_rows(self, tmp_path: Path) -> None:
        actions = self._actions(tmp_path, "Head of HR", "a) June 2026\nb) Summer 2026\nc) Autumn 2026")
        assert [(a.owners, a.timescale_raw) for a in actions[:3]] == [
            (("Head of HR",), "June 2026"),
            (("Head of HR",), "Summer 2026"),
            (("Head of HR",), "Autumn 2026"),
        ]


def test_a_grouped_header_holds_over_a_page_break(tmp_path: Path) -> None:
    """A ruled table whose header is two rows ("Timescale" over "Start | End", "Responsibility" over "Lead
    officer | Portfolio holder") and that runs onto a second page: its columns keep the grouped header's
    names.  Before, the table was read again with its top row alone as the header, so "End" was no timescale
    column and "Portfolio holder" no owner's."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate
    from reportlab.platypus import Table as Grid

    small = ParagraphStyle("s", fontName="Helvetica", fontSize=9, leading=11)
    rows = [
        ["No.", "Action", "Timescale", "", "Responsibility", "", "Measure of impact"],
        ["", "", "Start", "End", "Lead officer", "Portfolio holder", ""],
    ]
    for n in range(1, 19):
        text = f"Deliver improvement {n} across every team, with a review of its effect on children after a year."
        rows.append([str(n), text, "Jan 2026", "Mar 2027", "Head of Service", "Cabinet Member", "Audit results"])
    grid = Grid([[Paragraph(c, small) for c in row] for row in rows], repeatRows=2)
    grid.setStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("SPAN", (2, 0), (3, 0)),
            ("SPAN", (4, 0), (5, 0)),
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (1, 0), (1, 1)),
            ("SPAN", (6, 0), (6, 1)),
        ]
    )
    path = tmp_path / "plan.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([grid])
    extraction = extract(path)[0]
    assert len(extraction.plan_pages) >= 2 and len(extraction.actions) == 18
    assert {(a.owners, a.timescale_raw) for a in extraction.actions} == {
        (("Head of Service", "Cabinet Member"), "Jan 2026 – Mar 2027")
    }


def test_a_parts_own_running_header_is_furniture(tmp_path: Path) -> None:
    """A plan's own running header, on its two pages among a meeting's eight, is on too few of the papers'
    pages to be theirs, but it stands at the same height on consecutive pages: it is furniture, and no
    record's text.  Before, a recommendation cut by the page break took it as its words."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    header = "Borsetshire Council – Improvement Plan – November 2025"

    def on_page(c: Any, doc: Any) -> None:
        if doc.page >= 7:
            c.setFont("Helvetica", 8)
            c.drawString(56, A4[1] - 30, header)

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
    story: list[Any] = []
    for page in range(6):
        story += [Paragraph(f"Minute {page + 1}. Members noted the report on item {page + 1} and agreed it.", body)]
        story.append(PageBreak())
    filler = "The council should act on the review's findings and report on its progress each quarter. "
    for n in range(1, 9):
        story.append(Paragraph(f"<b>Recommendation {n}:</b> {filler * 5}", body))
        story += [Paragraph(f"1. Carry out the work of recommendation {n}.", body)]
        story += [Paragraph("Lead: Head of Service", body), Paragraph("By: March 2027", body)]
    path = tmp_path / "papers.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story, onFirstPage=on_page, onLaterPages=on_page)
    extraction = extract(path)[0]
    assert len(extraction.recommendations) == 8 and len(extraction.plan_pages) >= 2
    assert not any("Borsetshire Council" in r.text for r in extraction.recommendations)
    assert not any("Borsetshire Council" in a.text for a in extraction.actions)


def test_a_body_line_that_opens_two_pages_alike_stays(tmp_path: Path) -> None:
    """Near miss of a part's running header (found by a review): pages that each open with the same line in
    body type ("Lead: Head of Service", an action's field after a page break) keep it; only a line set smaller
    than the body on consecutive pages is a part's header."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
    story: list[Any] = []
    for page in range(4):
        story += [Paragraph(f"Minute {page + 1}. Members noted the report on item {page + 1}.", body), PageBreak()]
    filler = "The council should act on the review's findings and report on its progress each quarter. "
    for n in range(1, 4):
        story.append(Paragraph(f"<b>Recommendation {n}:</b> {filler * 3}", body))
        story += [Paragraph(f"1. Carry out the work of recommendation {n}.", body)]
        story += [PageBreak(), Paragraph("Lead: Head of Service", body), Paragraph(f"By: March 202{6 + n}", body)]
    path = tmp_path / "papers.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    assert [a.owners for a in extract(path)[0].actions] == [("Head of Service",)] * 3


def _ruled(rows: list[list[str]], widths: list[float], header_size: float, size: float = 8) -> Any:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as Grid

    cell = ParagraphStyle("s", fontName="Helvetica", fontSize=size, leading=size + 2)
    head = ParagraphStyle("hd", fontName="Helvetica-Bold", fontSize=header_size, leading=header_size + 2)
    grid = Grid([[Paragraph(c, head if i == 0 else cell) for c in row] for i, row in enumerate(rows)], widths)
    grid.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    return grid


def test_a_plans_own_headings_and_header_row_open_no_part(tmp_path: Path) -> None:
    """Near misses of the part's title block (found by a review): a plan's section heading at the top of its
    second page, over a sentence naming another year, leaves its quarters the year of the plan's title; and a
    table's header row set larger than its cells is no title of a part, so the appendix title page before it
    still dates the plan."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=4)
    title = ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=18, leading=22, spaceAfter=8)
    head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceAfter=6)
    intro = "This document sets out the milestones the council will deliver this year, and how it reports them."
    story = [Paragraph("Council Plan 2025/26 – Delivery Milestones", title), *[Paragraph(intro, body)] * 10]
    story += [PageBreak(), Paragraph("Milestones", head)]
    story.append(Paragraph("The milestones below build on the peer challenge of 2024.", body))
    rows = [["Ref", "Action", "Lead officer", "Q1", "Q2", "Q3", "Q4"]]
    rows.append(["1", "Open two more community hubs.", "Head of Housing", "", "X", "X", ""])
    rows.append(["2", "Publish the annual self-assessment report.", "Head of Policy", "", "", "X", ""])
    story.append(_ruled(rows, [30, 260, 140, 40, 40, 40, 40], header_size=8))
    plan = tmp_path / "plan.pdf"
    SimpleDocTemplate(str(plan), pagesize=landscape(A4)).build(story)
    assert [a.timescale_raw for a in extract(plan)[0].actions] == ["Q2–Q3 2025/26", "Q3 2025/26"]

    filler = " ".join(["The committee is asked to consider the report of the review and its findings."] * 4)
    story = [Paragraph("Report to Cabinet", title), Paragraph("Date of meeting: 10 March 2026", body)]
    story += [Paragraph(f"{n}.1 {filler}", body) for n in range(1, 9)]
    story += [PageBreak(), Paragraph("Appendix A", body), Paragraph("Waste Service Review", title)]
    story += [Paragraph("January 2026", body), *[Paragraph(filler, body)] * 8, PageBreak()]
    rows = [["Ref", "Action", "Lead officer", "Target date"]]
    rows += [["1", "Review the collection rounds.", "Head of Waste", "March 2027"]]
    rows += [["2", "Publish a recycling guide.", "Communications Manager", "June 2026"]]
    story.append(_ruled(rows, [30, 250, 120, 80], header_size=10))
    papers = tmp_path / "papers.pdf"
    SimpleDocTemplate(str(papers), pagesize=A4).build(story)
    extraction = extract(papers)[0]
    assert min(extraction.plan_pages) == 3 and str(extraction.date) == "2026-01"


def test_a_recommendations_card_beside_its_table_is_read_first(tmp_path: Path) -> None:
    """A recommendation set as a card on the left of the page, its actions' table to the right with its top a
    little above the card's first line: read by height, the table came first and its actions fell under the
    recommendation before.  Text that stands left of a table, over its height, is read before it."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Paragraph
    from reportlab.platypus import Table as Grid

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13)
    head = ParagraphStyle("h", fontName="Helvetica-Bold", fontSize=11, leading=14)
    cell = ParagraphStyle("c", fontName="Helvetica", fontSize=9, leading=11)
    path = tmp_path / "cards.pdf"
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont("Helvetica-Bold", 16)
    c.drawString(40, height - 50, "Corporate Peer Challenge: Our Action Plan")
    top = height - 90
    for n in range(1, 4):
        card = [Paragraph(f"Recommendation {n}", head), Paragraph(f"Improve how the council delivers aim {n}.", body)]
        y = top - 6
        for flow in card:
            _, h = flow.wrapOn(c, 220, 100)
            y -= h
            flow.drawOn(c, 40, y)
        rows = [["Ref", "Action", "Lead", "Timescale"]]
        rows += [
            [f"{n}.{k}", f"Deliver step {k} of aim {n} with partners.", "Head of Service", "March 2027"] for k in (1, 2)
        ]
        grid = Grid([[Paragraph(v, cell) for v in row] for row in rows], colWidths=[40, 260, 120, 90])
        grid.setStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
        _, h = grid.wrapOn(c, 510, 200)
        grid.drawOn(c, 290, top - h)
        top -= h + 40
    c.save()
    actions = extract(path)[0].actions
    assert [(a.rec_id, a.action_id) for a in actions] == [(str(n), f"{n}.{k}") for n in (1, 2, 3) for k in (1, 2)]


def test_bullets_within_an_actions_paragraph_are_marks_not_words(tmp_path: Path) -> None:
    """A PDF sets an action's lead-in and its bullets close together, as one paragraph: the action's text
    carries the bullets' words, not their marks.  Before, "including: • a short ...; • a follow-up ..."."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = ParagraphStyle("b", fontName="Helvetica", fontSize=10, leading=13)
    item = ParagraphStyle("i", parent=body, leftIndent=24)
    story = [Paragraph("Recommendation 1: Improve support for unpaid carers.", body)]
    story += [Paragraph("1.1 Launch a new offer for carers, including:", body)]
    story += [Paragraph(f"• {text}", item) for text in ("a short online self-assessment;", "an emergency card.")]
    story += [
        Paragraph("Responsible officer: Head of Carers Services", body),
        Paragraph("Target date: March 2027", body),
    ]
    path = tmp_path / "plan.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    actions = extract(path)[0].actions
    assert [a.text for a in actions] == [
        "Launch a new offer for carers, including: a short online self-assessment; an emergency card."
    ]


def test_a_dash_that_opens_an_actions_later_line_is_its_text() -> None:
    """Near miss of the bullets' marks (found by a review): a date range wrapped before its dash ("April 2025"
    / "– March 2026 ...") keeps the dash; only a bullet's glyph is dropped."""
    from actionplans.extractors.flowed import FlowedAction
    from actionplans.extractors.model import Line

    action = FlowedAction(
        None, "1.1", [Line(text="Run events from April 2025"), Line(text="– March 2026 in every ward.")]
    )
    assert action.text == "Run events from April 2025 – March 2026 in every ward."
    action = FlowedAction(None, "1.1", [Line(text="Launch an offer, including:"), Line(text="• an emergency card.")])
    assert action.text == "Launch an offer, including: an emergency card."


def test_text_beside_the_lower_part_of_a_tall_table_is_read_by_height() -> None:
    """Near miss of the card beside its table (found by a review): a paragraph that begins beside the lower
    part of a tall table, not its first rows, is no card of that table."""
    from actionplans.extractors.model import Line
    from actionplans.extractors.model import Paragraph as Para
    from actionplans.extractors.readers.pdf import _table_beside

    def para(top: float, bottom: float) -> Para:
        return Para(
            lines=[
                Line(text="Recommendation 2", bbox=(40, top, 250, top + 12)),
                Line(text="x", bbox=(40, bottom - 12, 250, bottom)),
            ]
        )

    tall, below = (290.0, 100.0, 800.0, 400.0), (290.0, 440.0, 800.0, 700.0)
    assert _table_beside(para(300, 340), [tall, below], {}) is None
    assert _table_beside(para(104, 140), [tall, below], {}) == 100.0
