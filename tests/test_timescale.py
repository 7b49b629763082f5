"""The timescale normaliser: a table of real and conventional cells, and its properties."""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import actionplans.normalise.timescale as timescale
from actionplans.normalise import parse_timescale
from actionplans.normalise.timescale import FLAGS

CASES = tomllib.loads((Path(__file__).parent / "data" / "timescale_cases.toml").read_text(encoding="utf-8"))["case"]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 280


@pytest.mark.parametrize("case", CASES, ids=[f"{c['text'][:40]}@{c.get('ref', '-')}" for c in CASES])
def test_timescale_case(case: dict[str, str]) -> None:
    got = parse_timescale(case["text"], _date(case.get("ref", "")))
    want = (_date(case["start"]), _date(case["end"]), case["status"])
    assert (got.start, got.end, got.status) == want, got
    if "gran" in case:
        assert got.granularity == case["gran"], got
    if "recurrence" in case:
        assert got.recurrence == case["recurrence"], got
    if "flags" in case:
        assert got.flags == tuple(f for f in case["flags"].split(",") if f), got


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


# --- issue 12: never a silently wrong date, recurrence, linear time ---------------------------------


def test_impossible_parts_say_why() -> None:
    assert parse_timescale("Q5 2024/25").rule == "impossible:quarter"
    assert parse_timescale("H3 2024/25").rule == "impossible:half"
    assert parse_timescale("29 February 2023").rule == "impossible:day"
    assert parse_timescale("31 April", dt.date(2024, 10, 1)).rule == "impossible:day"
    assert parse_timescale("31 April").rule == "impossible:day"  # no year has one


def test_recurrence_is_not_a_date() -> None:
    got = parse_timescale("every September", dt.date(2024, 10, 1))
    assert (got.status, got.start, got.end, got.recurrence, got.ongoing) == ("ongoing", None, None, "annual:09", True)
    dated = parse_timescale("Dec 2024 and then quarterly")
    assert (dated.status, dated.recurrence, dated.ongoing) == ("dated", "quarterly", True)


def test_a_typo_is_corrected_only_when_plain() -> None:
    assert parse_timescale("March 2205", dt.date(2024, 10, 1)).flags == ("typo_corrected",)
    assert parse_timescale("March 2205").start == dt.date(2025, 3, 1)
    kept = parse_timescale("March 2042", dt.date(2024, 10, 1))  # far, but a real target year
    assert (kept.start, kept.flags) == (dt.date(2042, 3, 1), ("implausible_year",))


def test_flags_come_from_the_fixed_list_in_order() -> None:
    got = parse_timescale("Tuesday 20 September 2023 and Q5", dt.date(2024, 10, 1))
    assert got.flags == ("before_plan_date", "impossible_date", "weekday_mismatch")
    assert list(got.flags) == [f for f in FLAGS if f in got.flags]


def _lines_run(text: str) -> int:
    """How many lines of normalise/timescale.py run to parse ``text``: a count of work that does not
    depend on the machine, so that growth with the length can be asserted without a clock."""
    count = 0
    module = timescale.__file__

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename != module:
            return None
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        parse_timescale(text, dt.date(2024, 10, 1))
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("unit", ["Mar ", "Q1 2024/25, ", "every September ", "1 - ", "by end of ", "Tuesday 19 – "])
def test_work_grows_linearly_with_length(unit: str) -> None:
    # Each unit's dates were once compared with every later date ("Mar " * 2500 took 3 s).
    short, long = _lines_run(unit * 100), _lines_run(unit * 400)
    assert long < 5 * short, (short, long)


def test_a_ten_thousand_character_cell_parses() -> None:
    for unit in ("Mar ", "Q1 ", "w/c 3 June ", "annually ", "31 April ", "x"):
        got = parse_timescale((unit * 10_000)[:10_000], dt.date(2024, 10, 1))
        assert got.status in {"dated", "ongoing", "completed", "unknown"}
        assert got.rule != "error"


FUZZ = st.sampled_from(
    [
        "Q0", "Q5", "Q9", "H0", "H3", "quarter five", "29 February", "30 Feb", "31 April", "31/06/2025", "32 March",
        "0 May", "2024-13-01", "2205", "March 2205", "9999", "December 9999", "0000", "1066", "Winter 9999",
        "Q4 9999", "9999/00", "w/c 31 December 9999", "every", "each", "annually", "in", "Tuesday", "Fri",
        "term", "Autumn term", "Easter", "academic year", "municipal year", "by the next election", "mid-month",
        "the week of", "to", "from", "-", "and", "/", "2024/25", "25/26", "24", "99", "1", "31", "Sept", "2024",
    ]
)  # fmt: skip
YEARS = st.integers(0, 99999).map(str)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(FUZZ, YEARS), max_size=8).map(" ".join),
    st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
)
def test_impossible_days_quarters_and_extreme_years_never_break_it(text: str, reference: dt.date | None) -> None:
    got = parse_timescale(text, reference)
    assert got.rule != "error", got
    if got.start and got.end:
        assert got.start <= got.end
    for m in got.milestones:
        if m.start and m.end:
            assert m.start <= m.end
    assert set(got.flags) <= set(FLAGS)


# --- held-out round: slips of the keys, revised dates, "now", spans in days -------------------------


def test_the_new_flag_comes_last_as_the_readme_lists_them() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("The flags come from a fixed list, in this", 1)[1].split(".", 1)[0]
    assert tuple(re.findall(r"`([a-z_]+)`", listed)) == FLAGS
    assert FLAGS[-1] == "date_revised"
    assert FLAGS[:-1] == (
        "implausible_year",
        "typo_corrected",
        "before_plan_date",
        "impossible_date",
        "year_from_plan_date",
        "weekday_mismatch",
        "undated_event",
    )


def _osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


@settings(max_examples=500, deadline=None)
@given(st.text("abc", max_size=6), st.text("abc", max_size=6))
def test_one_slip_is_distance_one(a: str, b: str) -> None:
    assert timescale._one_slip(a, b) is (_osa(a, b) == 1)
    assert timescale._one_slip(a, b) is timescale._one_slip(b, a)


def test_a_misspelt_month_keeps_positions_and_the_written_text() -> None:
    text = "Working group – 1st of Novembr, 2025; report Septmber 2026"
    corrected, starts = timescale.correct_months(text)
    assert len(corrected) == len(text) and len(starts) == 2
    got = parse_timescale(text, dt.date(2024, 10, 1))
    assert [(m.raw, m.label, m.start) for m in got.milestones] == [
        ("1st of Novembr, 2025", "Working group", dt.date(2025, 11, 1)),
        ("Septmber 2026", "report", dt.date(2026, 9, 1)),
    ]
    assert got.flags == ("typo_corrected",)


def test_only_slips_in_a_month_place_that_are_no_words_are_months() -> None:
    assert timescale._month_slip("junly") == "july"
    assert timescale._month_slip("june") is None  # too short to be read as a slip (and a month already)
    assert timescale._month_slip("marsh") is None  # an English word
    assert parse_timescale("Agust", dt.date(2024, 10, 1)).status == "unknown"  # no year, no day: no month place


def test_a_replaced_date_is_no_milestone() -> None:
    got = parse_timescale("Consultation: Sept 2025 (previously June 2025)", dt.date(2024, 10, 1))
    assert [(m.start, m.end) for m in got.milestones] == [(dt.date(2025, 9, 1), dt.date(2025, 9, 30))]
    assert got.rule == "month" and got.flags == ("date_revised",)
    later = parse_timescale("Q1 2025/26; delayed to Q3 2025/26, then rescheduled to Q4 2025/26", dt.date(2024, 10, 1))
    assert (later.start, later.end, len(later.milestones)) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31), 1)


def test_now_words_are_the_plan_date() -> None:
    got = parse_timescale("Immediately; ongoing thereafter", dt.date(2024, 10, 1))
    assert (got.status, got.ongoing, got.rule, got.granularity) == ("dated", True, "immediate", "day")
    assert parse_timescale("Forthwith").rule == "needs_reference"


@pytest.mark.parametrize(
    "unit", ["Janaury 2025 ", "15 Agust ", "Comlpeted ", "now Q1 2025/26, ", "moved from May to ", "10 working days "]
)
def test_new_rules_grow_linearly_with_length(unit: str) -> None:
    short, long = _lines_run(unit * 100), _lines_run(unit * 400)
    assert long < 5 * short, (short, long)


@pytest.mark.parametrize(
    ("first", "second", "one"),
    [
        ("March", "2026", True),
        ("31 March", "2026", True),
        ("End of", "2025/26", True),
        ("Q3", "2025/26", True),
        ("Ongoing", "2026", False),  # a status and a date: two timescales
        ("March 2025", "2026", False),  # the first has its year
        ("June", "September 2025", False),  # two dates, the second more than a year
        ("TBC", "2026", False),
    ],
)
def test_a_date_wrapped_across_two_lines(first: str, second: str, one: bool) -> None:
    from actionplans.normalise.timescale import wrapped_date

    assert wrapped_date(first, second) is one


@pytest.mark.parametrize("text", ["Pages 17 – 18", "Pages 17-18", "pp. 17-18", "Rooms 20-21"])
def test_two_numbers_after_a_word_they_count_are_no_financial_year(text: str) -> None:
    """ "Pages 17 – 18" on an agenda's front sheet numbers pages: two-digit pairs after a word that is none of
    the timescale vocabulary's count what it names."""
    assert parse_timescale(text).status != "dated"


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("17-18", "2017-04-01"),
        ("FY 17-18", "2017-04-01"),
        ("17/18", "2017-04-01"),
        ("during 25-26", "2025-04-01"),
        ("Year 25-26", "2025-04-01"),
        ("Budget 2025-26", "2025-04-01"),
        ("Delivery 25-26", "2025-04-01"),
        ("Business Plan 24-25", "2024-04-01"),
    ],
)
def test_a_short_financial_year_after_a_time_word_or_alone_stays_one(text: str, start: str) -> None:
    assert str(parse_timescale(text).start) == start


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Jan 2026 – Ongoing", None),
        ("Sept 2025 - ongoing.", None),
        ("March 2025 - ongoing monitoring", "2025-03-31"),  # what goes on is named: March stays the date
    ],
)
def test_a_start_beside_ongoing_has_no_end(text: str, end: str | None) -> None:
    read = parse_timescale(text)
    assert read.start is not None and (str(read.end) if read.end else None) == end
