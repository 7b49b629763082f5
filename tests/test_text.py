"""Joining wrapped lines, markup in cells, and bare timescale sequences."""

from __future__ import annotations

import pytest

from actionplans.normalise.text import join_wrapped, markup_paragraphs
from actionplans.normalise.timescale import is_expression, split_sequence


@pytest.mark.parametrize(
    ("lines", "breaks", "expected"),
    [
        (["decision-", "making and scrutiny"], None, "decision-making and scrutiny"),
        (["Commence", "d Oct 2024"], None, "Commenced Oct 2024"),
        (["commissione", "d activity"], ["room"], "commissioned activity"),  # a lone fragment beats a marginal "room"
        (["Performance/P", "H Consultant"], None, "Performance/PH Consultant"),
        (["SO1,SO2,SO", "3,SO4,SO5,S", "O6"], ["full", "full"], "SO1,SO2,SO3,SO4,SO5,SO6"),
        (["Commenced", "Oct 24"], ["full"], "Commenced Oct 24"),  # a whole word filling its box is still a word
        (["commenced", "2024"], ["full"], "commenced 2024"),
        (["across the", "UK economy"], None, "across the UK economy"),  # acronyms are words
        (["Working Group –", "March 2024"], None, "Working Group – March 2024"),
        (["Including work", "a clear plan"], None, "Including work a clear plan"),
    ],
)
def test_join_wrapped(lines: list[str], breaks: list[str | None] | None, expected: str) -> None:
    assert join_wrapped(lines, breaks) == expected


def test_markup_paragraphs() -> None:
    cell = "<p>Explore issues with <i>Group Leaders</i>.</p> <p>MO to offer briefing &amp; training</p>"
    assert markup_paragraphs(cell) == ["Explore issues with Group Leaders.", "MO to offer briefing & training"]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Spring 2024 Spring 2024", ["Spring 2024", "Spring 2024"]),
        ("February 2024 April 2024", ["February 2024", "April 2024"]),
        ("Ongoing Spring 2024 Autumn 2024", ["Ongoing", "Spring 2024", "Autumn 2024"]),
        ("May 2024 Ongoing", ["May 2024", "Ongoing"]),
        (
            "Working Group – March 2024 Final strategy – October 2024",
            ["Working Group – March 2024 Final strategy – October 2024"],
        ),
        ("April-Sept 2024", ["April-Sept 2024"]),
        (
            "December 24 and ongoing in response to delivery need",
            ["December 24 and ongoing in response to delivery need"],
        ),
    ],
)
def test_split_sequence(text: str, items: list[str]) -> None:
    assert split_sequence(text) == items


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Q3 2024/25", True),
        ("By December 2024", True),
        ("February/March 2024", True),
        ("2024-2029", True),
        ("Mar 2026", True),
        ("Ongoing", True),
        ("in response to need", False),
        ("Working Group – March 2024", False),
    ],
)
def test_is_expression(text: str, expected: bool) -> None:
    assert is_expression(text) is expected


def test_collapse_is_the_whitespace_regex_over_every_code_point() -> None:
    """``collapse`` joins ``str.split``; it must read as ``re.sub(r"\\s+", " ", text).strip()`` did."""
    import re

    from actionplans.normalise.text import collapse

    ws = re.compile(r"\s+")
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        text = f"{c}a{c}{c}b {c}"
        assert collapse(text) == ws.sub(" ", text).strip(), hex(cp)


def test_a_quoted_reply_is_read_without_its_quote_marks() -> None:
    """A clerk's e-mail quotes a colleague's reply ("> " on every line): its recommendation and actions are
    the plan's, read as if unquoted, with a note.  A lone line opening with ">" is left as it is."""
    from actionplans.extractors import extract_doc
    from actionplans.extractors.readers.text import text_to_doc

    plan = (
        "RECOMMENDATION 1 - Improve lighting in the town centre.\n\n"
        "Action: Survey the lighting of every car park.\nOwner: Head of Parking\nDeadline: March 2027\n\n"
        "See the reply from Licensing below.\n\n"
        "> RECOMMENDATION 2 - Support safer nights out.\n>\n"
        "> Action: Offer training to door staff.\n> Owner: Licensing Manager\n> Deadline: June 2027\n\n"
        "> 3 is the next meeting.\n"
    )
    doc = text_to_doc(plan)
    extraction = extract_doc(doc)
    assert [(a.rec_id, a.text, a.owners) for a in extraction.actions] == [
        ("1", "Survey the lighting of every car park.", ("Head of Parking",)),
        ("2", "Offer training to door staff.", ("Licensing Manager",)),
    ]
    assert any("quoted as in an e-mail reply" in n for n in doc.notes)
    assert any(ln.text == "> 3 is the next meeting." for b in doc.blocks for ln in getattr(b, "lines", []))


def test_figures_that_open_with_a_greater_than_sign_are_no_quote() -> None:
    """Near miss of the quoted reply (found by a review): measures written ">95% of calls answered" on three
    lines keep their sign; only ">" before a space, another ">" or the line's end marks a quote."""
    from actionplans.extractors.readers.text import text_to_doc

    doc = text_to_doc(">95% of calls answered\n>90% resolved at first contact\n>80% of callers satisfied\n")
    assert next(ln.text for b in doc.blocks for ln in getattr(b, "lines", [])) == ">95% of calls answered"
    assert not any("quoted" in n for n in doc.notes)
