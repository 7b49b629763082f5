"""Property tests: the readers and normalisers never raise on arbitrary text, and are deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actionplans.extractors import extract_doc
from actionplans.extractors.cells import split_items
from actionplans.extractors.model import Line
from actionplans.extractors.readers.html import html_to_doc
from actionplans.extractors.readers.text import text_to_doc
from actionplans.normalise.owners import split_owners
from actionplans.normalise.text import join_wrapped
from actionplans.normalise.timescale import FLAGS, split_sequence
from actionplans.pipeline.process import _due
from actionplans.pipeline.schema import ACTIONS

# Text built from the pieces plans are made of, so that the generator reaches the interesting paths.
PIECES = st.sampled_from(
    [
        "Recommendation 1",
        "Action 1.2:",
        "Lead officer:",
        "Timescale:",
        "a.",
        "b)",
        "(iii)",
        "•",
        "-",
        "1.1",
        "\t",
        "\n",
        "\f",
        "  ",
        "What do we want to achieve?",
        "How are we going to do it?",
        "Timescale",
        "No.",
        "Actions",
        "Lead Officer",
        "<p>",
        "</p>",
        "Head of",
        "and",
        "/",
        ",",
        "&",
        "Spring 2024",
        "Q3 2024/25",
        "Ongoing",
        "2024",
        "Director of Finance",
        "CX",
        "MO",
        "the",
        "council",
        "will",
        ".",
        "e.g.",
    ]
)
PLAN_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map(" ".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(PLAN_TEXT)
def test_text_documents_never_raise(text: str) -> None:
    try:
        doc = text_to_doc(text)
    except Exception as exc:  # pragma: no cover - the assertion explains
        raise AssertionError(f"reading raised {exc!r}") from exc
    first = extract_doc(doc)
    assert extract_doc(text_to_doc(text)) == first  # deterministic


@FAST
@given(PLAN_TEXT)
def test_html_never_raises(text: str) -> None:
    markup = f"<table><tr><th>Actions</th><th>Lead Officer</th><th>Timescale</th></tr><tr><td>{text}</td></tr></table>"
    extract_doc(html_to_doc(markup + "<p>x</p>"))


@FAST
@given(st.lists(PLAN_TEXT, max_size=6), st.lists(st.sampled_from(["room", "wrap", "full", "para", None]), max_size=6))
def test_cleaners_never_raise(lines: list[str], breaks: list[str | None]) -> None:
    owners = split_owners(lines, breaks)
    assert all(o == o.strip() and o for o in owners)
    assert isinstance(join_wrapped(lines, breaks), str)
    for line in lines:
        assert all(part.strip() for part in split_sequence(line))
    items, _ = split_items([[Line(t)] for t in lines])
    assert all(isinstance(it.text, str) for it in items)


DUE_PIECES = st.sampled_from(
    ["Q5", "H3", "31 April", "29 February 2023", "March 2205", "December 9999", "every September", "annually in Q1",
     "w/c 3 June", "the week of 30 October", "Tuesday 19 – Friday 22 September 2023", "mid-month", "Early 24",
     "Autumn term 2024", "municipal year 2024/25", "by the next election", "from", "to", "and", "by", "2024/25"]
)  # fmt: skip


@FAST
@given(st.lists(st.one_of(DUE_PIECES, st.text(max_size=8)), max_size=8).map(" ".join), st.one_of(st.none(), st.dates()))
def test_due_columns_are_whole_and_never_run_backwards(text: str, reference: object) -> None:
    row = _due(text, reference)  # type: ignore[arg-type]
    assert set(row) == {f.name for f in ACTIONS if f.name.startswith("due_")}
    if row["due_start"] and row["due_end"]:
        assert row["due_start"] <= row["due_end"]
    assert set(row["due_flags"]) <= set(FLAGS)
