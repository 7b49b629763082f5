"""The plan grammar: each cue that places an action, their precedence, and the shapes that are not plans.

Small plans written as tab-separated or flowed text, so each test shows one
cue on its own: a recommendation column, a heading above the table, a row
spanning it, the actions' own numbers, an objective's number, labelled
paragraphs, bulleted aims, a report's recommendations section.
"""

from __future__ import annotations

import pytest

from actionplans.extractors import extract_doc
from actionplans.extractors.headings import read_heading
from actionplans.extractors.readers.text import text_to_doc
from actionplans.normalise.owners import subject_owner
from actionplans.normalise.status import normalise_status

A1 = "Review the procurement rules and publish a simplified guide for managers"
A2 = "Set up a cross-party working group to oversee the refresh of the Local Plan"
A3 = "Publish quarterly performance reports on the council website"


def _placed(text: str) -> list[tuple[str | None, str, str]]:
    extraction = extract_doc(text_to_doc(text))
    return [(a.rec_id, a.action_id, a.text) for a in extraction.actions]


def _cues(text: str) -> dict[str, int]:
    return dict(extract_doc(text_to_doc(text)).cues)


def test_a_heading_above_a_table_names_its_recommendation_and_its_no_column_numbers_actions() -> None:
    text = f"""R3 – Make procurement simpler

No.\tAction\tLead\tDue
1\t{A1}\tHead of Procurement\tMarch 2026
2\t{A2}\tDirector of Place\tJune 2026
"""
    assert _placed(text) == [("3", "3.1", A1), ("3", "3.2", A2)]
    assert _cues(text) == {"heading": 2}


def test_a_row_spanning_the_table_opens_a_recommendation() -> None:
    text = f"""Action\tLead\tDue
Recommendation 1: Make procurement simpler
{A1}\tHead of Procurement\tMarch 2026
Recommendation 2: Plan for growth
{A2}\tDirector of Place\tJune 2026
{A3}\tPerformance Manager\tQuarterly
"""
    assert [(r, t) for r, _, t in _placed(text)] == [("1", A1), ("2", A2), ("2", A3)]
    assert _cues(text) == {"spanning_row": 3}


def test_dotted_action_numbers_name_the_recommendation() -> None:
    text = f"""Ref\tAction\tLead\tDue
1.1\t{A1}\tHead of Procurement\tMarch 2026
2.1\t{A2}\tDirector of Place\tJune 2026
2.2\t{A3}\tPerformance Manager\tQuarterly
"""
    assert _placed(text) == [("1", "1.1", A1), ("2", "2.1", A2), ("2", "2.2", A3)]


def test_a_numbered_theme_heading_is_a_section_not_a_recommendation() -> None:
    text = f"""Theme 1: A council that leads by example

Action\tLead\tDue
{A1}\tHead of Procurement\tMarch 2026
{A2}\tDirector of Place\tJune 2026
"""
    extraction = extract_doc(text_to_doc(text))
    assert [a.rec_id for a in extraction.actions] == [None, None]
    assert {a.section for a in extraction.actions} == {"Theme 1: A council that leads by example"}
    assert extraction.layout == "themed"


def test_an_objective_number_outranks_a_heading_left_above_another_sections_table() -> None:
    text = f"""Recommendation 7

Objective\tAction\tTimescale
2.1 Simpler procurement\t{A1}\tMarch 2026
"""
    assert [(r, i) for r, i, _ in _placed(text)] == [("2", "2.1.1")]
    assert [r.rec_id for r in extract_doc(text_to_doc(text)).recommendations] == ["2"]  # no stranded "7"


def test_labelled_paragraphs_and_fields_written_in_one_line() -> None:
    text = f"""Audit finding 1 – Procurement rules are out of date

1.1 {A1}.
Responsible officer: Head of Procurement | Agreed date: 31 March 2026 | RAG rating: Amber

1.2 {A2}.
Responsible officer: Director of Place | Agreed date: June 2026 | RAG rating: Green
"""
    extraction = extract_doc(text_to_doc(text))
    got = [(a.rec_id, a.action_id, a.owners, a.timescale_raw, a.status_raw) for a in extraction.actions]
    assert got == [
        ("1", "1.1", ("Head of Procurement",), "31 March 2026", "Amber"),
        ("1", "1.2", ("Director of Place",), "June 2026", "Green"),
    ]


def test_numbered_paragraphs_of_a_report_are_not_actions() -> None:
    text = """Contact Officer: Jane Smith
Date: 11 March 2026

1.0 Purpose of Report

1.1 To note the findings of the review of the finance team and the proposed structure.

2.0 Background

2.1 In its consideration of a report in September, Cabinet asked for a review of capacity.
"""
    assert _placed(text) == []


def test_a_reports_recommendations_section_lists_its_recommendations() -> None:
    text = """2.0 Recommendations

2.1 Cabinet is asked to RESOLVE that:

(1) the review findings be noted, and officers be supported to address them;

(2) the new structure for the Finance Team be noted.

3.0 Background and Key Issues

3.1 The review identified an urgent need for:
• A new, permanent structure with clear roles.
• Improved financial processes.
"""
    extraction = extract_doc(text_to_doc(text))
    assert [(r.rec_id, r.text[:24]) for r in extraction.recommendations] == [
        ("1", "the review findings be n"),
        ("2", "the new structure for th"),
    ]
    assert not extraction.actions  # one lead-in with a list under it is prose, not a plan


def test_bulleted_actions_under_repeated_aims() -> None:
    text = """Strategic Aims:

Raising awareness of the covenant among public sector staff:
• Encourage the wider use of the Forces Connect App.
• The Employment & Skills Task Group to take a lead in promoting the benefits of
employing Reservists.

Supporting the most vulnerable members of the community:
• Improve signposting to financial and debt advice services.
"""
    extraction = extract_doc(text_to_doc(text))
    got = [(a.action_id, a.objective, a.owners) for a in extraction.actions]
    assert got == [
        ("Strategic Aims.1", "Raising awareness of the covenant among public sector staff", ()),
        (
            "Strategic Aims.2",
            "Raising awareness of the covenant among public sector staff",
            ("Employment & Skills Task Group",),
        ),
        ("Strategic Aims.3", "Supporting the most vulnerable members of the community", ()),
    ]
    assert dict(extraction.cues) == {"aims": 3}


def test_headings_by_their_labels_words() -> None:
    assert read_heading("Area for improvement 2 – Procurement rules").kind == "recommendation"  # type: ignore[union-attr]
    assert read_heading("Issue identified 4: Out-of-date register").kind == "recommendation"  # type: ignore[union-attr]
    assert read_heading("Workstream 3 – Cleaner travel").kind == "section"  # type: ignore[union-attr]
    assert read_heading("TC25 – The TC25 programme is well embedded") is None  # a name with a number in it
    assert read_heading("3. Improve scrutiny") is not None
    assert read_heading("3. Improve scrutiny", numbered_titles=False) is None


def test_owner_named_as_the_subject_of_an_action() -> None:
    assert subject_owner("Recognise & Remember Task Group: publicise the events calendar") == [
        "Recognise & Remember Task Group"
    ]
    assert subject_owner("The Employment & Skills Task Group to take a lead") == ["Employment & Skills Task Group"]
    assert subject_owner("Encourage Unit Welfare Officers to be more proactive") == []


def test_status_from_words_and_from_colour() -> None:
    assert normalise_status("Amber") == "at_risk"
    assert normalise_status("On track") == "on_track"
    assert normalise_status("See commentary") == "unknown"
    assert normalise_status(None, "#d9342b") == "off_track"
    assert normalise_status("", (0.18, 0.62, 0.31)) == "on_track"
    assert normalise_status(None, "#dddddd") is None  # grey shading is not a rating


@pytest.mark.parametrize(
    ("fill", "status"),
    [
        # Excel's and Word's tints and shades of a colour rate as the colour does: the hue decides
        ("#00B050", "on_track"),
        ("#A9D18E", "on_track"),  # Green, Accent 6, Lighter 40%
        ("#C3D69B", "on_track"),  # Olive Green, Lighter 40%
        ("#548235", "on_track"),  # Green, Accent 6, Darker 25%
        ("#FFC000", "at_risk"),
        ("#FFFF00", "at_risk"),  # yellow is amber
        ("#F4B084", "at_risk"),  # Orange, Accent 2, Lighter 40%
        ("#FF0000", "off_track"),
        ("#FF9999", "off_track"),
        ("#C00000", "off_track"),
        ("#0070C0", "complete"),
        # Excel's "Good", "Bad" and "Neutral" cell styles, paler than a tint, rate as RAG
        ("#C6EFCE", "on_track"),
        ("#FFC7CE", "off_track"),
        ("#FFEB9C", "at_risk"),
        # no hue (greys, black), a hue no rating has (purple), or a pale band of a table: no rating
        ("#808080", None),
        ("#000000", None),
        ("#8064A2", None),
        ("#DDEBF7", None),
        ("#E2EFDA", None),
        ("#BDD7EE", None),
    ],
)
def test_a_fill_rates_by_its_hue_whatever_its_tint(fill: str, status: str | None) -> None:
    assert normalise_status(None, fill) == status


def test_the_opening_text_says_what_unlabelled_numbered_groups_are() -> None:
    from actionplans.extractors.headings import numbered_groups

    assert numbered_groups("The peers made six recommendations. This plan sets out our response.") == "recommendation"
    assert numbered_groups("The actions we will take under the strategy's four themes.") == "section"
    assert numbered_groups("Our delivery plan for 2025.") == "recommendation"  # no word either way


THEMED = f"""Climate Delivery Plan

This plan sets out the actions we will take under the strategy's four themes.

(1) A council that leads by example

1.1 {A1}.
Lead body: Head of Procurement | When by?: March 2026

1.2 {A2}.
Lead body: Director of Place | When by?: June 2026
"""


def test_in_a_plan_of_themes_action_numbers_name_no_recommendation() -> None:
    extraction = extract_doc(text_to_doc(THEMED))
    got = [(a.rec_id, a.action_id, a.section, a.owners, a.timescale_raw) for a in extraction.actions]
    assert got == [
        (None, "1.1", "1. A council that leads by example", ("Head of Procurement",), "March 2026"),
        (None, "1.2", "1. A council that leads by example", ("Director of Place",), "June 2026"),
    ]
    assert not extraction.recommendations
    # the same plan calling its groups recommendations numbers recommendations
    recs = extract_doc(text_to_doc(THEMED.replace("the strategy's four themes", "the peers' recommendations")))
    assert [a.rec_id for a in recs.actions] == ["1", "1"]


def test_field_labels_read_by_their_words_in_flowed_text() -> None:
    from actionplans.extractors.labels import read_label

    kinds = {
        "By: June 2025": "timescale",
        "When by?: June 2025": "timescale",
        "Completion by: 30 September 2025": "timescale",
        "Action by: Head of Finance": "owner",
        "Who will lead?: Chief Executive": "owner",
        "What we want to achieve: A shared vision": "objective",
        "How will we know we have succeeded?: Vision adopted": "measure",
        "Progress to date: Template agreed": "progress",
        # a progress or status label may carry the date it speaks for (before: no label; the update ran on
        # into the field above it)
        "Position at 30 June: Template agreed": "progress",
        "Update (as at Q1 2025/26): Two sessions held": "progress",
        "Progress to March 2025: Report written": "progress",
        "Status as at 31/03/2025: Amber": "status",
        # near misses: the date is no field's ("Target for 2025" says what is aimed at), or no date at all
        "Target for 2025: 50 homes": None,
        "Meeting at 10 Downing Street: agreed": None,
        "Phase 2: build the hub": None,
        "Risk: Red": "other",  # a rating under a label that names something else is no status
    }
    assert {line: (label.kind if (label := read_label(line)) else None) for line in kinds} == kinds


def test_a_line_of_fields_at_tab_stops_is_cut_at_each_label() -> None:
    """ "Responsible: Head of HR   Target: March 2026" with the tab read as a space: before, the owner ran on
    into "Target: March 2026"; a line that opens with no field is not cut so ("Review the Measure: ...")."""
    from itertools import pairwise

    from actionplans.extractors.labels import inline_field_starts

    def cut(text: str) -> list[str]:
        starts = [0, *inline_field_starts(text), len(text)]
        return [text[a:b].strip() for a, b in pairwise(starts) if text[a:b].strip()]

    assert cut("Responsible: Head of HR Target: March 2026") == ["Responsible: Head of HR", "Target: March 2026"]
    assert cut("Lead: Director of Finance Target date: March 2026") == [
        "Lead: Director of Finance",
        "Target date: March 2026",
    ]
    assert cut("Action 1.1: Review the Measure: of success") == ["Action 1.1: Review the Measure: of success"]


# --- context across blocks, and odd input (cases a review of the grammar found) ---------------


def test_one_numbered_objective_does_not_merge_the_rows_below_it() -> None:
    text = f"""Objective\tAction\tLead\tDue
1.1 Simpler procurement\t{A1}\tHead of Procurement\tMarch 2026
Growth for the town centre\t{A2}\tDirector of Place\tJune 2026
Open reporting to residents\t{A3}\tPerformance Manager\tQuarterly
"""
    extraction = extract_doc(text_to_doc(text))
    assert [(a.text, a.owners) for a in extraction.actions] == [
        (A1, ("Head of Procurement",)),
        (A2, ("Director of Place",)),
        (A3, ("Performance Manager",)),
    ]


def test_a_heading_titles_only_the_table_right_below_it() -> None:
    text = f"""Summary

Recommendation 1 – Make procurement simpler. Recommendation 2 – Plan for growth.

Our response

The council has agreed the following actions, which it will report on each quarter.

Governance and delivery

Action\tLead\tDue
{A1}\tHead of Procurement\tMarch 2026
"""
    extraction = extract_doc(text_to_doc(text))
    assert [(a.rec_id, a.section) for a in extraction.actions] == [(None, "Governance and delivery")]


def test_an_intro_paragraph_is_neither_a_section_nor_every_recommendations_text() -> None:
    text = f"""Our delivery plan sets out the actions under the council's priorities for the coming year.

Objective\tAction\tDue
1.1 Simpler procurement\t{A1}\tMarch 2026
2.1 Plan for growth\t{A2}\tJune 2026
"""
    extraction = extract_doc(text_to_doc(text))
    assert [r.text for r in extraction.recommendations].count(
        "Our delivery plan sets out the actions under the council's priorities for the coming year."
    ) <= 1
    assert all(a.section is None or len(a.section) < 40 for a in extraction.actions)


def test_a_date_above_a_table_is_not_a_numbered_heading() -> None:
    text = f"""12 March 2025

Action\tLead\tDue
{A1}\tHead of Procurement\tMarch 2026
"""
    assert [a.rec_id for a in extract_doc(text_to_doc(text)).actions] == [None]


def test_a_recommendation_printed_again_does_not_double_its_text() -> None:
    row = f"1\tMake procurement simpler\t{A1}\tHead of Procurement\tMarch 2026"
    text = (
        f"No.\tRecommendation\tAction\tLead\tDue\n{row}\n\nAppendix\n\nNo.\tRecommendation\tAction\tLead\tDue\n{row}\n"
    )
    assert [r.text for r in extract_doc(text_to_doc(text)).recommendations] == ["Make procurement simpler"]


def test_a_plan_of_themes_keeps_its_own_action_numbers_and_makes_no_recommendations() -> None:
    text = f"""This plan sets out our actions under the strategy's four themes.

Theme\tRef\tAction\tLead
Leading by example\t1.1\t{A1}\tHead of Procurement
\t1.2\t{A2}\tDirector of Place
"""
    extraction = extract_doc(text_to_doc(text))
    assert [(a.rec_id, a.action_id) for a in extraction.actions] == [(None, "1.1"), (None, "1.2")]
    assert not extraction.recommendations


def test_lettered_items_inside_a_numbered_resolution_stay_inside_it() -> None:
    text = """2.0 Recommendations

(1) the review findings be noted;

(2) officers be asked to report on the following:

a) the structure of the team;

b) the budget for it;

(3) the new structure be noted.

3.0 Background
"""
    recs = extract_doc(text_to_doc(text)).recommendations
    assert [r.rec_id for r in recs] == ["1", "2", "3"]
    assert "the structure of the team" in recs[1].text


def test_a_passing_mention_is_not_a_recommendations_text() -> None:
    text = """Recommendation 2 was discussed at length by the Cabinet in June.

Recommendation 2 – Plan for growth with partners across the county
"""
    recs = {r.rec_id: r.text for r in extract_doc(text_to_doc(text)).recommendations}
    assert recs["2"] == "Plan for growth with partners across the county"


def test_a_theme_row_ends_the_recommendation_a_spanning_row_opened() -> None:
    text = f"""Action\tLead\tDue
Recommendation 1: Make procurement simpler
{A1}\tHead of Procurement\tMarch 2026
Other matters
{A2}\tDirector of Place\tJune 2026
"""
    assert [a.rec_id for a in extract_doc(text_to_doc(text)).actions] == ["1", None]


def test_odd_text_input_does_not_break_the_reader() -> None:
    assert extract_doc(text_to_doc("|---|---|\n")).actions == ()
    paged = text_to_doc("Plan\nCouncil\fRecommendation 2\nmore\n\f")
    assert paged.pages == 2
    assert [(ln.text, ln.page) for ln in paged.text_lines()][:3] == [
        ("Plan", 1),
        ("Council", 1),
        ("Recommendation 2", 2),
    ]
    labelled = f"""Recommendation 1 – Make procurement simpler

Action 1.1: {A1}
Lead officer:\tHead of Procurement
Timescale:\tMarch 2026
"""
    action = extract_doc(text_to_doc(labelled)).actions[0]
    assert (action.owners, action.timescale_raw) == (("Head of Procurement",), "March 2026")


def test_short_dates_read_as_dates_in_a_column_with_no_known_header() -> None:
    text = f"""Proposals\tContact\tExpected
{A1}\tHead of Procurement\tMar 26
{A2}\tDirector of Place\tDec 25
{A3}\tPerformance Manager\tQ3 25/26
"""
    extraction = extract_doc(text_to_doc(text))
    assert [a.timescale_raw for a in extraction.actions] == ["Mar 26", "Dec 25", "Q3 25/26"]


def test_a_one_word_theme_under_the_header_stays_a_theme() -> None:
    text = f"""Action\tLead\tDue
Governance\t\t
{A1}\tHead of Procurement\tMarch 2026
"""
    extraction = extract_doc(text_to_doc(text))
    assert [a.theme for a in extraction.actions] == ["Governance"]


def test_a_bare_heading_takes_the_short_line_under_it_as_its_words() -> None:
    text = f"""Recommendation 3

Make procurement simpler

Action\tLead\tDue
{A1}\tHead of Procurement\tMarch 2026
"""
    extraction = extract_doc(text_to_doc(text))
    assert [a.rec_id for a in extraction.actions] == ["3"]
    assert [r.text for r in extraction.recommendations] == ["Make procurement simpler"]


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("Issue 14 – April 2026", None),  # a newsletter's masthead: its issue and its date
        ("Issue 3 - Spring 2026", None),
        ("Issue 2: Governance and decision making", "2"),
        ("Recommendation 4 – Improve scrutiny", "4"),
    ],
)
def test_a_number_and_a_date_open_no_recommendation(text: str, opens: str | None) -> None:
    """Before, a newsletter's "Issue 14 – April 2026" opened recommendation 14, and took the title and the
    introduction under it as its words."""
    heading = read_heading(text)
    assert (heading.number if heading is not None and heading.kind == "recommendation" else None) == opens
