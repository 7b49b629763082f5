"""The plan grammar: each cue that places an action, their precedence, and the shapes that are not plans.

Small plans written as tab-separated or flowed text, so each test shows one
cue on its own: a recommendation column, a heading above the table, a row
spanning it, the actions' own numbers, an objective's number, labelled
paragraphs, bulleted aims, a report's recommendations section.
"""

from __future__ import annotations

from extractors import extract_doc
from extractors.headings import read_heading
from extractors.readers.text import text_to_doc
from normalise.owners import subject_owner
from normalise.status import normalise_status

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


def test_the_opening_text_says_what_unlabelled_numbered_groups_are() -> None:
    from extractors.headings import numbered_groups

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
    from extractors.labels import read_label

    kinds = {
        "By: June 2025": "timescale",
        "When by?: June 2025": "timescale",
        "Completion by: 30 September 2025": "timescale",
        "Action by: Head of Finance": "owner",
        "Who will lead?: Chief Executive": "owner",
        "What we want to achieve: A shared vision": "objective",
        "How will we know we have succeeded?: Vision adopted": "measure",
        "Progress to date: Template agreed": "progress",
    }
    assert {line: (label.kind if (label := read_label(line)) else None) for line in kinds} == kinds
