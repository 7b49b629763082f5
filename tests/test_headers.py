"""Header synonyms map to one schema; unknown columns are kept; labels of flowed plans read alike."""

from __future__ import annotations

import pytest

from extractors.headers import map_header, match_role, read_label


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Lead Officer", "owner"),
        ("Led by", "owner"),
        ("Action Owner", "owner"),
        ("Responsible Officer", "owner"),
        ("Timescale", "timescale"),
        ("Timescal e", "timescale"),  # a narrow column broke the word
        ("Target Date", "timescale"),
        ("Deadline", "timescale"),
        ("By when?", "timescale"),
        ("How do we measure improvement for November 2024", "measure"),
        ("Measure", "measure"),
        ("Success measure", "measure"),
        ("What do we want to achieve?", "objective"),
        ("How are we going to do it?", "action"),
        ("What we have committed to", "action"),
        ("Actions", "action"),
        ("Rec. No.", "rec_id"),
        ("No.", "rec_id"),
        ("Key Recommendation", "rec_text"),
        ("Recommendation", "rec_text"),
        ("Action by", "owner"),
        ("What will we do?", "action"),
        ("Key actions", "action"),
        ("Council's response", "action"),
        ("Shared Outcome", None),
        ("Progress", None),
        ("RAG status", None),
    ],
)
def test_header_synonyms(header: str, role: str | None) -> None:
    assert match_role(header) == role


def test_owner_left_of_actions_is_the_recommendations_owner() -> None:
    header = map_header(["Rec. No", "Key Recommendation", "CLT Owner", "Actions", "Action Owner", "How do we measure"])
    assert header is not None
    assert [c.role for c in header.columns] == ["rec_id", "rec_text", "rec_owner", "action", "owner", "measure"]


def test_what_who_when() -> None:
    header = map_header(["What", "Who", "When"])
    assert header is not None and [c.role for c in header.columns] == ["action", "owner", "timescale"]


def test_unknown_columns_are_kept_as_extra() -> None:
    header = map_header(["What we have committed to", "Led by", "Timescale", "Measure", "Shared Outcome"])
    assert header is not None
    assert [c.header for c in header.extra] == ["Shared Outcome"]


@pytest.mark.parametrize(
    "cells",
    [
        ["Action", "Date"],  # a review timetable, not a plan
        ["Question", "Answer"],
        ["Objectively Verifiable Indicators", "Timescale", "Progress"],  # no action column
    ],
)
def test_tables_that_are_not_action_tables(cells: list[str]) -> None:
    assert map_header(cells) is None


@pytest.mark.parametrize(
    ("line", "kind", "number", "value"),
    [
        ("Action 1.2: Explore issues with Group Leaders", "action", "1.2", "Explore issues with Group Leaders"),
        ("Recommendation 3", "recommendation", "3", ""),
        ("Recommendation 8 - Undertake a governance review", "recommendation", "8", "Undertake a governance review"),
        ("Lead officer: Monitoring Officer", "owner", None, "Monitoring Officer"),
        ("Project Sponsor: Michelle Drewery", "owner", None, "Michelle Drewery"),
        ("Timescale: December 24 and ongoing", "timescale", None, "December 24 and ongoing"),
        ("Status: on track", "other", None, "on track"),
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
    ],
)
def test_running_text_is_not_a_label(line: str) -> None:
    label = read_label(line)
    assert label is None or label.kind == "other"
