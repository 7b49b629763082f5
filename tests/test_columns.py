"""Column roles come from evidence: header words, cell content, position; tables are judged, not looked up.

The header wordings here are read by their words, and several tests give a
header no known word at all: the cells must then carry the role.  Labels of
flowed plans are read with the same evidence.
"""

from __future__ import annotations

import pytest

from actionplans.extractors.columns import assign_roles, best_header_role, header_scores
from actionplans.extractors.labels import inline_field_starts, read_label
from actionplans.extractors.model import Cell, Line, Row


def rows(*cells: tuple[str, ...]) -> list[Row]:
    return [Row(cells=[Cell(paras=[[Line(t)]] if t else []) for t in texts]) for texts in cells]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Lead Officer", "owner"),
        ("Led by", "owner"),
        ("Action Owner", "owner"),  # the head word decides: an owner, not an action
        ("Responsible directorate", "owner"),
        ("Lead body", "owner"),
        ("Action by", "owner"),
        ("Timescale", "timescale"),
        ("Timescal e", "timescale"),  # a narrow column broke the word
        ("Timescales", "timescale"),
        ("Date for delivery", "timescale"),
        ("Target Date", "timescale"),
        ("By when?", "timescale"),
        ("How do we measure improvement for November 2024", "measure"),
        ("Measure of success", "measure"),
        ("What do we want to achieve?", "objective"),
        ("How are we going to do it?", "action"),
        ("Planned activity", "action"),
        ("Actions to be taken", "action"),
        ("Rec. No.", "rec_id"),
        ("No.", "rec_id"),
        ("Key Recommendation", "rec_text"),
        ("Audit finding", "rec_text"),
        ("RAG status", "status"),
        ("Progress update", "progress"),
        ("Organisational Development", None),  # not a label: no word of a column's role
        ("Question", None),
    ],
)
def test_header_words(header: str, role: str | None) -> None:
    assert best_header_role(header) == role


def test_unknown_words_score_nothing() -> None:
    assert header_scores("Shared Outcome Reference Code")["rec_id"] > 0
    assert header_scores("Zebra crossing") == {}


ACTIONS = (
    "Review the council's procurement rules and publish a simplified guide for managers.",
    "Set up a cross-party working group to oversee the refresh of the Local Plan.",
    "Publish quarterly performance reports on the council website with plain-English summaries.",
)


def test_a_header_the_vocabulary_does_not_know_gets_its_role_from_its_cells() -> None:
    body = rows(
        (ACTIONS[0], "Head of Procurement", "March 2026"),
        (ACTIONS[1], "Director of Place", "Q2 2025/26"),
        (ACTIONS[2], "Performance Manager", "Ongoing"),
    )
    header = assign_roles(["Proposals", "Contact", "Expected"], body)
    assert header.accepted, header.reason
    assert [c.role for c in header.columns] == ["action", "owner", "timescale"]
    assert "content" in header.columns[1].evidence


def test_owner_column_first() -> None:
    body = rows(
        ("Head of Procurement", ACTIONS[0], "March 2026"),
        ("Director of Place", ACTIONS[1], "June 2026"),
        ("Performance Manager", ACTIONS[2], "Ongoing"),
    )
    header = assign_roles(["Lead", "Action", "Due"], body)
    assert [c.role for c in header.columns] == ["owner", "action", "timescale"]


def test_an_owner_column_headed_with_the_word_action_stays_an_owner() -> None:
    body = rows(
        (ACTIONS[0], "All. Public Health - increase engagement with Local Plan development."),
        (ACTIONS[1], "WSCC (Children and Family Commissioning, Public Health) and CCG Commissioners"),
        (ACTIONS[2], "Public Health Commissioner / Midwifery and maternity services"),
    )
    header = assign_roles(["Action", "Action for?"], body)
    assert [c.role for c in header.columns] == ["action", "owner"]


def test_owner_left_of_actions_beside_one_right_of_them_is_the_recommendations_owner() -> None:
    header = assign_roles(
        ["Rec. No", "Key Recommendation", "CLT Owner", "Actions", "Action Owner", "How do we measure"]
    )
    assert [c.role for c in header.columns] == ["rec_id", "rec_text", "rec_owner", "action", "owner", "measure"]


def test_what_who_when() -> None:
    header = assign_roles(["What", "Who", "When"])
    assert header.accepted and [c.role for c in header.columns] == ["action", "owner", "timescale"]


def test_second_column_for_a_role_is_kept_as_extra() -> None:
    body = rows(
        (ACTIONS[0], "Head of Procurement", "March 2026", "Guide published", "SO1"),
        (ACTIONS[1], "Director of Place", "June 2026", "Group meets monthly", "SO2, SO3"),
    )
    header = assign_roles(["What we have committed to", "Led by", "Timescale", "Measure", "Shared Outcome"], body)
    assert [c.role for c in header.columns] == ["action", "owner", "timescale", "measure", None]
    assert [c.header for c in header.extra] == ["Shared Outcome"]


def test_status_and_progress_columns() -> None:
    body = rows(
        (ACTIONS[0], "Head of Procurement", "Amber", "Draft guide with legal services for comment."),
        (ACTIONS[1], "Director of Place", "Complete", "Group met in May and agreed its terms of reference."),
        (ACTIONS[2], "Performance Manager", "Green", "First report published in July."),
    )
    header = assign_roles(["Action", "Owner", "RAG", "Update"], body)
    assert [c.role for c in header.columns] == ["action", "owner", "status", "progress"]


def test_a_table_of_indicators_is_not_an_action_table() -> None:
    body = rows(
        ("Pupils achieving a good level of development will have improved from 65.8% to at least 70%.", "2028", ""),
        ("Pupil absence rates will have fallen from 7.9% in 2021/22 to below 5%.", "2028", ""),
    )
    header = assign_roles(["Objectively Verifiable Indicators", "Timescale", "Progress"], body)
    assert not header.accepted
    assert header.columns[0].role == "measure"


def test_a_review_timetable_is_not_an_action_table() -> None:
    body = rows(
        ("Delivery of CPC", "16 – 19 October 2023"),
        ("Drafting report", "23 – 27 October"),
        ("QA report", "27 October"),
        ("Progress Review", "28 June 2024"),
    )
    header = assign_roles(["Action", "Date"], body)
    assert not header.accepted
    assert "labels" in header.reason


@pytest.mark.parametrize("cells", [["Question", "Answer"], ["Ward", "Councillor", "Party"]])
def test_tables_that_are_not_action_tables(cells: list[str]) -> None:
    header = assign_roles(cells)
    assert not header.accepted and header.reason


@pytest.mark.parametrize(
    ("line", "kind", "number", "value"),
    [
        ("Action 1.2: Explore issues with Group Leaders", "action", "1.2", "Explore issues with Group Leaders"),
        ("Recommendation 3", "recommendation", "3", ""),
        ("Recommendation 8 - Undertake a governance review", "recommendation", "8", "Undertake a governance review"),
        ("Lead officer: Monitoring Officer", "owner", None, "Monitoring Officer"),
        ("Project Sponsor: Michelle Drewery", "owner", None, "Michelle Drewery"),
        ("Responsible directorate: Place", "owner", None, "Place"),
        ("Timescale: December 24 and ongoing", "timescale", None, "December 24 and ongoing"),
        ("Date for delivery: March 2026", "timescale", None, "March 2026"),
        ("Status: on track", "status", None, "on track"),
        ("Ward: Central and North", "other", None, "Central and North"),
    ],
)
def test_labels(line: str, kind: str, number: str | None, value: str) -> None:
    label = read_label(line)
    assert label is not None
    assert (label.kind, label.number, label.value) == (kind, number, value)


@pytest.mark.parametrize(
    "line",
    [
        "Governance/decision making – consider instigating a review",
        "recommendation 4 of the CPC Report along with other areas",  # lower case: running text
        "Digitalisation – ensure there are sufficient resources",
        "Organisational Development – As the council heads into a period of significant change",
    ],
)
def test_running_text_is_not_a_label(line: str) -> None:
    label = read_label(line)
    assert label is None or label.kind == "other"


def test_field_labels_inside_a_line() -> None:
    text = "Refresh the plan with partners. Lead: Head of Policy. Date for delivery: March 2025"
    starts = inline_field_starts(text)
    assert [text[s:].split(":")[0] for s in starts] == ["Lead", "Date for delivery"]


def test_the_evidence_file_names_every_role_and_threshold() -> None:
    from actionplans.extractors.columns import ROLES, _rules

    rules = _rules()
    assert set(rules.mix) == set(ROLES), "every role needs its [mix] weights in columns.toml"
    assert all(abs(sum(w) - 1.0) < 1e-9 for w in rules.mix.values()), "each role's weights add up to 1"
    assert {"role", "action", "other", "table", "words_two_columns"} <= set(rules.thresholds)
    assert all(role in ROLES for weights in rules.header.values() for role in weights)


def test_counts_under_an_actions_header_are_no_action_column() -> None:
    """An internal audit table counts its audits' actions: "Priority 2 actions" over "2", "4", "0" is no
    action column however its header reads, and the table holds no actions."""
    body = rows(
        ("Payroll", "Workforce and OD", "Reasonable", "0", "2"),
        ("Highways asset management", "Highways, Transport and Recycling", "Limited", "1", "4"),
        ("Council tax", "Finance", "Substantial", "0", "0"),
        ("Procurement cards", "Finance", "Reasonable", "0", "3"),
    )
    header = assign_roles(["Audit", "Service", "Assurance", "Priority 1 actions", "Priority 2 actions"], body)
    assert "action" not in [c.role for c in header.columns]
    assert not header.accepted
