"""The timescale normaliser: a table of real and conventional cells, and its properties."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalise import parse_timescale

CASES = tomllib.loads((Path(__file__).parent / "data" / "timescale_cases.toml").read_text(encoding="utf-8"))["case"]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text'][:40]}@{c.get('ref', '-')}" for c in CASES])
def test_timescale_case(case: dict[str, str]) -> None:
    got = parse_timescale(case["text"], _date(case.get("ref", "")))
    want = (_date(case["start"]), _date(case["end"]), case["status"])
    assert (got.start, got.end, got.status) == want, got
    if "gran" in case:
        assert got.granularity == case["gran"], got


def test_milestones_keep_their_labels() -> None:
    got = parse_timescale("Working Group – March 2024 Final strategy – October 2024")
    assert [(m.label, m.start, m.end) for m in got.milestones] == [
        ("Working Group", dt.date(2024, 3, 1), dt.date(2024, 3, 31)),
        ("Final strategy", dt.date(2024, 10, 1), dt.date(2024, 10, 31)),
    ]
    labelled = parse_timescale("Sept 2024 for SDP, end Q3 for other delivery plans", dt.date(2024, 11, 1))
    assert [m.label for m in labelled.milestones] == ["SDP", "other delivery plans"]


def test_a_date_with_ongoing_records_both() -> None:
    got = parse_timescale("December 24 and ongoing in response to delivery need", dt.date(2024, 10, 1))
    assert got.status == "dated" and got.ongoing
    assert not parse_timescale("December 2024").ongoing


def test_purpose_dates_are_not_due_dates() -> None:
    got = parse_timescale("March 25 for 25/26 service plans", dt.date(2024, 10, 1))
    assert len(got.milestones) == 1 and got.rule == "month"


def test_year_less_dates_need_a_reference() -> None:
    assert parse_timescale("March").status == "unknown"
    assert parse_timescale("March").rule == "needs_reference"


def test_rule_names_what_matched() -> None:
    assert parse_timescale("By Dec 2024").rule == "deadline:month"
    assert parse_timescale("Q3 2024/25").rule == "quarter"
    assert parse_timescale("April-Sept 2024").rule == "range:month"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31))))
def test_never_raises_and_start_is_not_after_end(text: str, reference: dt.date | None) -> None:
    got = parse_timescale(text, reference)
    assert got.status in {"dated", "ongoing", "completed", "unknown"}
    if got.start and got.end:
        assert got.start <= got.end
    assert parse_timescale(text, reference) == got


WORDS = st.sampled_from(
    [
        "by",
        "end of",
        "from",
        "Q3",
        "2024/25",
        "March",
        "25",
        "Spring",
        "2024",
        "-",
        "/",
        "and",
        "early",
        "mid",
        "late",
        "onwards",
        "Ongoing",
        "TBC",
        "w/c",
        "2nd",
        "12/3/18",
        "06/25",
        "between",
        "for",
        "1-2 years",
        "(",
        ")",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=10).map(" ".join), st.one_of(st.none(), st.just(dt.date(2024, 10, 1))))
def test_never_raises_on_plan_like_text(text: str, reference: dt.date | None) -> None:
    got = parse_timescale(text, reference)
    if got.start and got.end:
        assert got.start <= got.end
    for m in got.milestones:
        if m.start and m.end:
            assert m.start <= m.end
