"""Splitting action cells into sub-actions: markers, bullets, paragraphs, cut rows."""

from __future__ import annotations

import pytest

from actionplans.extractors.cells import find_markers, split_items
from actionplans.extractors.model import Line


def paras(*texts: str) -> list[list[Line]]:
    return [[Line(t)] for t in texts]


CASES = [
    pytest.param(
        ["a. Form a working group. b. Officer working group to comprise customer facing roles"],
        [("a", "Form a working group."), ("b", "Officer working group to comprise customer facing roles")],
        None,
        id="lettered-run-on-one-line",
    ),
    pytest.param(
        ["a. Progress actions arising from the survey undertaken in 2023.b. Establish an employee working group"],
        [
            ("a", "Progress actions arising from the survey undertaken in 2023."),
            ("b", "Establish an employee working group"),
        ],
        None,
        id="marker-glued-to-sentence-end",
    ),
    pytest.param(
        ["a) Develop the terms of reference", "b) working with partners and stakeholders"],
        [("a", "Develop the terms of reference"), ("b", "working with partners and stakeholders")],
        None,
        id="bracketed-letters-at-line-start",
    ),
    pytest.param(
        ["Proposed working groups (subject to change) a. Cost reduction b. Digital Strategy c. Office Accommodation"],
        [("a", "Cost reduction"), ("b", "Digital Strategy"), ("c", "Office Accommodation")],
        "Proposed working groups (subject to change)",
        id="lead-in-kept-aside",
    ),
    pytest.param(
        ["Identify the resources required.", "b. Work with Assistant Directors.", "c. Create a peer group"],
        [
            (None, "Identify the resources required."),
            ("b", "Work with Assistant Directors."),
            ("c", "Create a peer group"),
        ],
        None,
        id="list-starting-at-b-has-unlettered-first-item",
    ),
    pytest.param(
        [
            "a. Ensure communications suit the audience (e.g. Public Open Space) and not office centric. "
            "b. Deliver sessions"
        ],
        [
            ("a", "Ensure communications suit the audience (e.g. Public Open Space) and not office centric."),
            ("b", "Deliver sessions"),
        ],
        None,
        id="eg-is-not-a-marker",
    ),
    pytest.param(
        ["i. Map current services", "ii. Consult users", "iii. Publish findings"],
        [("i", "Map current services"), ("ii", "Consult users"), ("iii", "Publish findings")],
        None,
        id="roman-numerals",
    ),
    pytest.param(
        ["• Train staff", "• Publish guidance"],
        [("•", "Train staff"), ("•", "Publish guidance")],
        None,
        id="bullets-alone-split",
    ),
    pytest.param(
        ["Research", "- Develop a joint research function", "- Apply for funding"],
        [(None, "Research Develop a joint research function Apply for funding")],
        None,
        id="bullets-after-lead-in-stay-one-action",
    ),
    pytest.param(
        ["Explore issues in the report process.", "Explore issues with Group Leaders.", "Implement agreed changes"],
        [
            (None, "Explore issues in the report process."),
            (None, "Explore issues with Group Leaders."),
            (None, "Implement agreed changes"),
        ],
        None,
        id="paragraphs-are-actions",
    ),
    pytest.param(
        ["Improve access to mental health care", "Including work to support perinatal mental health"],
        [(None, "Improve access to mental health care Including work to support perinatal mental health")],
        None,
        id="continuation-opener-joins",
    ),
]


@pytest.mark.parametrize(("cell", "expected", "intro"), CASES)
def test_split_items(cell: list[str], expected: list[tuple[str | None, str]], intro: str | None) -> None:
    items, lead = split_items(paras(*cell))
    assert [(it.marker, it.text) for it in items] == expected
    assert (lead.text if lead else None) == intro


def test_cut_row_text_finishes_the_last_item() -> None:
    """The first text of a row a page break cut joins the item it finishes."""
    items, _ = split_items(
        paras("a. Develop a plan to support efficiency and improved", "customer experience", "b. Publish it"),
        rows=[0, 1, 1],
    )
    assert [it.text for it in items] == [
        "Develop a plan to support efficiency and improved customer experience",
        "Publish it",
    ]


def test_open_sentence_continues_across_rows_without_markers() -> None:
    items, _ = split_items(paras("Language referred to in the report (Business As", "Usual)"), rows=[0, 1])
    assert [it.text for it in items] == ["Language referred to in the report (Business As Usual)"]


def test_items_remember_their_row() -> None:
    items, _ = split_items(paras("a. First", "b. Second", "c. Third"), rows=[0, 0, 1])
    assert [it.row for it in items] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("a. One b. Two c. Three", ["a", "b", "c"]),
        ("a. One c. Three", ["a"]),  # c does not follow a
        ("see section 4. Next steps", []),  # numbers count only at the start of a line
        ("Plan a. Something", ["a"]),  # a list may begin mid-line at its first value
        ("Plan b. Something", []),  # but not at a later one
    ],
)
def test_find_markers_checks_sequence(text: str, values: list[str]) -> None:
    assert [h.value for h in find_markers([text])] == values


def _at(x0: float | None, text: str, indent: float | None = None) -> list[Line]:
    return [Line(text, x0=x0, indent=indent)]


def test_a_symbol_fonts_private_use_glyph_opening_a_line_is_a_bullet() -> None:
    """Word's bullet saved to PDF by LibreOffice is U+F0B7 (the Symbol font's code, no Unicode given)."""
    items, _ = split_items(paras("\uf0b7 Complete benchmarking", "\uf0b7 Consult parents", "\uf0a7 Report back"))
    assert [i.text for i in items] == ["Complete benchmarking", "Consult parents", "Report back"]
    # Near miss: inside a line it is a glyph in the text, not a marker, and splits nothing.
    items, _ = split_items(paras("Complete benchmarking \uf0e0 report to Cabinet"))
    assert len(items) == 1


@pytest.mark.parametrize("by", ["x0", "indent"])
def test_bullets_set_further_in_belong_to_the_item_above(by: str) -> None:
    def line(depth: float, text: str) -> list[Line]:
        return _at(depth, text) if by == "x0" else _at(None, text, indent=depth)

    cell = [
        line(72, "• Publish the route planning policy."),
        line(72, "• Hold termly drop-in sessions for families, covering:"),
        line(90, "◦ how routes are planned;"),
        line(90, "◦ what to do if a journey is late."),
        line(72, "• Review the policy each year."),
    ]
    items, _ = split_items(cell)
    assert [i.text for i in items] == [
        "Publish the route planning policy.",
        "Hold termly drop-in sessions for families, covering: how routes are planned; what to do if a journey is late.",
        "Review the policy each year.",
    ]
    # Near miss: a list's own bullets wander by a point or so and stay items of their own.
    items, _ = split_items(
        [line(72, "• Publish the policy."), line(73.2, "• Consult parents."), line(71.5, "• Report.")]
    )
    assert len(items) == 3
