"""Timescales of UK council plans read into inclusive date intervals.

``parse_timescale("Q3 2024/25")`` -> 2024-10-01..2024-12-31, granularity
``quarter``.  The chain: ``text_to_terms`` (dates and parts of dates, by
regular expressions built from ``data/timescale.toml``) -> ``terms_to_groups``
(terms joined by range or list separators: "April-Sept 2024", "Jan/Feb 2022")
-> ``apply_modifiers`` ("by", "end of", "from", "early", ...) -> ``resolve``
(year-less dates against the plan's own date) -> one :class:`Timescale`,
whose ``milestones`` keep each dated part with its label ("Working Group –
March 2024").  Status words ("Ongoing", "Completed", "TBC") are read from the
same rules file.  dateparser reads what the rules do not know, when the cell
is a single plain date.  Nothing here raises on bad input: text that cannot
be read is ``unknown``.

Conventions (UK):

* intervals are inclusive: "March 2025" is 2025-03-01..2025-03-31;
* seasons are meteorological (spring Mar-May, summer Jun-Aug, autumn Sep-Nov,
  winter Dec-Feb); "Winter 2024/25" and "Winter 2024" are Dec 2024-Feb 2025;
* financial years run 1 April-31 March ("2024/25", "24/25", "2024-25",
  "2024/2025", "2024/5", "FY 2024/25"); their quarters and halves count from April
  ("Q1 2024/25" is Apr-Jun 2024); a quarter of a plain year is a calendar
  quarter ("Q2 2025" is Apr-Jun 2025); a quarter with no year is a quarter of
  the financial year;
* "by X" and "end of X" leave the start open and end with X; "beginning of X"
  ends on X's first day; "from X" and "X onwards" start with X and leave the
  end open;
* a month followed by two digits without an ordinal is a month and year when
  that year is near the plan's date ("March 25"); numeric dates are day
  first ("12/3/18"); "06/25" is June 2025;
* a date with no year takes the first occurrence that does not end before the
  month of the plan's date; "the financial year", "the municipal year" and
  "the academic year" with no year written are the ones the plan's date falls
  in ("the next ...": the one after).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from actionplans.normalise.text import collapse
from actionplans.records import Milestone, Timescale

_DATA = Path(__file__).parent / "data" / "timescale.toml"


@dataclass(frozen=True)
class Period:
    """A named period of the council or school calendar ("autumn term", "Easter"), or a kind of year."""

    name: str
    first: str
    """``MM-DD`` or ``easter+N``."""
    last: str
    granularity: str


@dataclass(frozen=True)
class Years:
    """When a written year is implausible, and when it is read as a typo (see ``[years]`` in the data)."""

    plausible: int
    no_reference: tuple[int, int]
    typo_beyond: int
    typo_outside: tuple[int, int]
    typo_within: int


@dataclass(frozen=True)
class Slips:
    """When a word is read as a slip of the keys for a month or a status word (see ``[slips]`` in the data)."""

    month_letters: int
    short_month_letters: int
    status_letters: int
    not_slips: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    status: dict[str, str]
    modifiers: dict[str, str]
    range_separators: tuple[str, ...]
    list_separators: tuple[str, ...]
    purpose: tuple[str, ...]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    fillers: frozenset[str]
    articles: tuple[str, ...] = ()
    against: tuple[str, ...] = ()
    """Words right before a date that say a target is measured against it ("compared with 2019 levels")."""
    denied: tuple[str, ...] = ()
    """Words just before a status word that deny it (``[status_denied]``)."""
    prospective: tuple[str, ...] = ()
    """Words just before a word of completion that put it in the future ("to be completed")."""
    completion_labels: frozenset[str] = frozenset()
    weekdays: dict[str, int] = field(default_factory=dict)
    weeks: dict[str, str] = field(default_factory=dict)
    """Phrase -> ``commencing``, ``containing`` or ``ending``."""
    every: tuple[str, ...] = ()
    recurrence: dict[str, str] = field(default_factory=dict)
    """Phrase ("annually") -> period name ("annual")."""
    recurrence_bounds: tuple[str, ...] = ()
    """Words before a recurring cell's one date that bound how long it recurs ("until", "throughout")."""
    periods_by_count: dict[tuple[int, str], str] = field(default_factory=dict)
    periods: dict[str, Period] = field(default_factory=dict)
    """Phrase ("autumn term") -> its period."""
    year_kinds: dict[str, Period] = field(default_factory=dict)
    """Phrase ("municipal year") -> the kind of year."""
    events: dict[str, str] = field(default_factory=dict)
    years: Years = Years(15, (1990, 2060), 50, (1900, 2100), 5)
    replaced_by: tuple[str, ...] = ()
    """Phrases after which a date replaces the dates before it ("revised to", "now")."""
    replaces: tuple[str, ...] = ()
    """Phrases after which a date is the one replaced ("revised from", "originally")."""
    immediate: tuple[str, ...] = ()
    """Phrases that mean the plan's date itself ("immediately", "ASAP")."""
    revision_links: tuple[str, ...] = ()
    """The last words of a ``[superseded]`` phrase that belong to it ("to" in "revised to" is no "by")."""
    immediate_unless: tuple[str, ...] = ()
    """Words after an immediate phrase that make it count from an event instead ("immediately after ...")."""
    slips: Slips = Slips(5, 3, 7, frozenset())
    season_abbreviations: dict[str, str] = field(default_factory=dict)
    """Short form ("aut") -> season ("autumn")."""


def _periods(table: dict[str, dict[str, Any]]) -> dict[str, Period]:
    """Phrase -> period, from ``[periods.*]`` or ``[year_kinds.*]`` (each with words, span, granularity)."""
    out = {}
    for name, entry in table.items():
        first, last = (str(day) for day in entry["span"])
        period = Period(name, first, last, str(entry["granularity"]))
        out.update({str(word): period for word in entry["words"]})
    return out


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    months = {name: int(num) for num, names in data["months"].items() for name in names}
    seasons = {name: (int(a), int(b)) for name, (a, b) in data["seasons"].items()}
    recurrence_table = dict(data["recurrence"])
    every = tuple(recurrence_table.pop("every"))
    counts = recurrence_table.pop("periods")
    recurrence = {phrase: period for period, phrases in recurrence_table.items() for phrase in phrases}
    status = {phrase: kind for kind, phrases in data["status"].items() for phrase in phrases}
    status.update({phrase: "ongoing" for phrase in recurrence})  # how often says it goes on
    modifiers = {phrase: kind for kind, phrases in data["modifiers"].items() for phrase in phrases}
    y = data["years"]
    slips = data["slips"]
    return Vocabulary(
        months,
        seasons,
        status,
        modifiers,
        tuple(data["separators"]["range"]),
        tuple(data["separators"]["list"]),
        tuple(data["purpose"]["words"]),
        {word: int(n) for word, n in data["numbers"].items()},
        {word: int(n) for word, n in data["ordinals"].items()},
        frozenset(data["fillers"]["words"]),
        articles=tuple(data["fillers"]["articles"]),
        against=tuple(data["purpose"]["against"]),
        denied=tuple(data["status_denied"]["words"]),
        prospective=tuple(data["status_denied"]["prospective"]),
        completion_labels=frozenset(_key(w) for w in data["completion_labels"]["words"]),
        weekdays={name: int(num) for num, names in data["weekdays"].items() for name in names},
        weeks={phrase: kind for kind, phrases in data["weeks"].items() for phrase in phrases},
        every=every,
        recurrence=recurrence,
        recurrence_bounds=tuple(data["recurrence_bounds"]["words"]),
        periods_by_count={(int(n), str(unit)): name for name, (n, unit) in counts.items()},
        periods=_periods(data["periods"]),
        year_kinds=_periods(data["year_kinds"]),
        events={phrase: name for name, phrases in data["events"].items() for phrase in phrases},
        years=Years(
            int(y["plausible"]),
            (int(y["no_reference"][0]), int(y["no_reference"][1])),
            int(y["typo_beyond"]),
            (int(y["typo_outside"][0]), int(y["typo_outside"][1])),
            int(y["typo_within"]),
        ),
        replaced_by=tuple(data["superseded"]["replaced_by"]),
        replaces=tuple(data["superseded"]["replaces"]),
        revision_links=tuple(data["superseded"]["links"]),
        immediate=tuple(data["immediate"]["words"]),
        immediate_unless=tuple(data["immediate"]["unless_before"]),
        season_abbreviations={str(k): str(v) for k, v in data.get("season_abbreviations", {}).items()},
        slips=Slips(
            int(slips["month_letters"]),
            int(slips["short_month_letters"]),
            int(slips["status_letters"]),
            frozenset(str(w).lower() for w in slips["not_slips"]),
        ),
    )


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _phrases(words: Iterable[str]) -> str:
    """An alternation of phrases, longest first, any run of spaces between their words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def _key(found: str) -> str:
    """The vocabulary key that text matched by :func:`_phrases` spells."""
    return " ".join(found.lower().split())


# --- dates and interval arithmetic ----------------------------------------------


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Months ``first``..``last`` counted from January of ``year``; past 12 they run into the next year."""
    start_year, start_month = year + (first - 1) // 12, (first - 1) % 12 + 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(start_year, start_month, 1), _last_day(end_year, end_month)


def _add_months(day: dt.date, n: int) -> dt.date:
    month = day.month - 1 + n
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _fy(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 4, 1), dt.date(year + 1, 3, 31)


def _two_digit(n: int, reference: dt.date | None) -> int | None:
    """The year two digits stand for, if it is a plausible year near the reference."""
    year = 2000 + n
    if reference is not None:
        return year if abs(year - reference.year) <= 6 else None
    return year if 2010 <= year <= 2040 else None


# --- terms ---------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One date (or date that still needs its year) found in the text."""

    start: int
    end: int
    kind: str
    """``day``, ``week``, ``month``, ``season``, ``quarter``, ``half``, ``year``,
    ``financial_year``, ``years``, ``relative``, ``period`` (a named period: a school term,
    Easter), ``year_kind`` (an academic or municipal year), ``immediate`` (the plan's date:
    "ASAP"), or ``impossible`` (a date that cannot be: "Q5", "31 April"; ``unit`` says what)"""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    last_day: int | None = None
    number: int | None = None
    """Quarter or half number, or the first of a relative span."""
    number_to: int | None = None
    unit: str | None = None
    """A relative span's unit; a week's kind (``commencing``, ``containing``, ``ending``);
    a named period's or kind of year's name; what an impossible term got wrong; ``year_end``
    for a financial year written as its end ("year end 2024/25")."""
    fiscal: bool = False
    year_to: int | None = None
    season: str | None = None
    weekday: int | None = None
    """The weekday written with a day ("Tuesday 19"), ISO numbered, to check it."""
    weekday_to: int | None = None


@cache
def _term_pattern() -> re.Pattern[str]:
    v = vocabulary()
    month = rf"(?:{_alternation([m.rstrip('.') for m in v.months])})\.?"
    season = rf"(?:{_alternation([*v.seasons, *v.season_abbreviations])})"
    weekday = rf"(?:{_alternation([d.rstrip('.') for d in v.weekdays])})\.?"
    ordinal = r"(?:st|nd|rd|th)"
    y4 = r"(?:19|20)\d\d"
    yany = r"\d{4}"  # where only a year can stand: kept as written, judged later (_check_years)
    # The units of a relative span ("6 months", "10 working days", "3 mths").
    span_units = r"(?:years?|yrs?|months?|mths?|weeks?|wks?|(?:working\s+|business\s+)?days?)"
    units = rf"(?:{span_units}|quarters?)"
    # A year pair, unless a unit follows: "12-16 weeks" counts weeks.
    # ... and "2025/2", a pair cut short by a slip, read as the pair it begins (flagged: see _TRUNCATED_PAIR).
    pair = r"(?:(?:19|20)?\d\d\s*[/-]\s*(?:19|20)?\d\d|(?:19|20)\d\d\s*/\s*\d(?![\d/]))"
    fy = rf"{pair}(?!\s*{units}(?![\w]))"
    short = r"['’‘]\s?\d\d"
    numbers = rf"(?:{_alternation(list(v.numbers))}|\d{{1,2}})"
    quarter_ordinal = _alternation(list(v.ordinals))
    half_ordinal = _alternation([w for w, n in v.ordinals.items() if n <= 2])
    parts = _phrases([p for p, k in v.modifiers.items() if k in ("early", "mid", "late", "end_of", "start_of")])
    apart = r"(?:\s*[,-]\s*|\s+)"  # between a quarter or half and its year: "Q3 2024/25", "Q3, 2024/25", "Q1 - 2025/26"
    comma = r"(?:\s*+,)?\s+"  # before a year: "5 March 2025", "5 March, 2025", "5 mar    , 2025" (a slip's padding)
    year_end = r"(?:the\s+)?(?:(?:financial|fin\.?)\s+)?year[\s-]*end"
    every = _phrases(v.every)
    year_kind_nouns = _phrases({w: k for w, k in v.year_kinds.items() if re.search(r"\b(?:year|yr)\b", w)})
    immediate = _phrases(v.immediate)
    unless = _phrases(v.immediate_unless)
    alternatives = [
        rf"(?P<wk_p>{_phrases(v.weeks)})\s*(?:{weekday},?\s+)?(?P<wk_d>\d{{1,2}}){ordinal}?\s+(?:of\s+)?"
        rf"(?P<wk_m>{month})(?:{comma}(?P<wk_y>{yany}|\d\d))?",
        # "wc 2/6/2025", "W/C 07/04/25": the week commencing a numeric date.
        rf"(?P<wn_p>{_phrases(v.weeks)})\s*(?:{weekday},?\s+)?(?P<wn_d>\d{{1,2}})[/.](?P<wn_m>\d{{1,2}})"
        rf"(?:[/.](?P<wn_y>{yany}|\d\d))?(?![\d/])",
        rf"(?P<iso_y>{y4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)",
        # "28-Feb-25", "15-Jan-2026": a day as spreadsheets show it.
        rf"(?:(?P<xd_w>{weekday}),?\s+)?(?P<xd_d>\d{{1,2}})-(?P<xd_m>{month})-(?P<xd_y>{yany}|\d\d)(?![\d/])",
        # "31/03/2026", "31.03.26", and "31 /03/ 2026" (spaces about a slash, as typed in a cell).
        rf"(?:(?P<nd_w>{weekday}),?\s+)?(?P<nd_d>\d{{1,2}})(?P<nd_s>[/.]|\s*/\s*)(?P<nd_m>\d{{1,2}})"
        rf"(?:(?P=nd_s)|\s*/\s*)(?P<nd_y>{yany}|\d\d)(?![\d/])",
        rf"(?:(?P<dr_wa>{weekday}),?\s+)?(?P<dr_a>\d{{1,2}}){ordinal}?\s*+(?:-|–|to|and|&)\s*+"
        rf"(?:(?P<dr_wb>{weekday}),?\s+)?(?P<dr_b>\d{{1,2}}){ordinal}?\s+(?:of\s+)?"
        rf"(?P<dr_m>{month})(?:{comma}(?P<dr_y>{yany}))?",
        rf"(?:(?P<dm_w>{weekday}),?\s+)?(?P<dm_d>\d{{1,2}}){ordinal}?\s+(?:of\s+)?(?P<dm_m>{month})"
        rf"(?:{comma}(?P<dm_y>{yany}|{short}))?",
        rf"(?:(?P<md_w>{weekday}),?\s+)?(?P<md_m>{month})\s+(?P<md_d>\d{{1,2}})"
        rf"(?:{ordinal}(?:,?\s+(?P<md_y>{yany}))?|,\s*(?P<md_y2>{yany}))",
        rf"(?:q\s?(?P<q_n>\d)|(?:quarter|qtr\.?)\s+(?P<q_n2>{numbers})|(?P<q_w>{quarter_ordinal})"
        rf"\s+quarter)(?:{apart}(?:of\s+)?(?:the\s+)?(?:fy\s*)?(?P<q_y>{fy}|{yany}|{short}))?",
        rf"(?:h(?P<h_n>\d)|(?P<h_w>{half_ordinal})\s+half)(?:{apart}(?:of\s+)?(?:the\s+)?(?:fy\s*)?"
        rf"(?P<h_y>{fy}|{yany}))?",
        rf"\((?P<fyp_a>{y4})\s*(?:to|-|/)\s*(?P<fyp_b>\d\d)\)",
        rf"(?P<yk_a>{_phrases(v.year_kinds)})\s+(?P<yk_y>{fy}|{yany})|(?P<yk_y2>{fy}|{y4})\s+"
        rf"(?P<yk_b>{_phrases(v.year_kinds)})",
        # "Financial year-end 2025/26", "2026/27 year end": the end of that financial year.
        rf"{year_end}\s*(?:of\s+)?(?:(?:the\s+)?fy\s*)?(?P<fye>{fy})|(?:fy\s*)?(?P<fye2>{pair})\s*{year_end}",
        # "2025/26 financial year", "2024/25 year": the words after the pair name it, they add no year (and a
        # four-digit year before "year" is no count of years, as "2-3 years" is).
        r"(?P<fyw>(?:19|20)\d\d\s*[/-]\s*(?:19|20)?\d\d)\s+(?:(?:financial|fin\.?)\s+)?year(?![\w\s-]*end)(?![\w])",
        rf"(?:(?:fy|financial year|fin\.? year|year)\s*)?(?P<fy>{fy})"
        rf"(?:\s+(?:financial|fin\.?)\s+year(?![\s-]*end))?",
        # "9/2025", "7/26": a month of one digit and its year.
        rf"(?P<nm_m>[1-9])/(?P<nm_y>{y4}|\d\d)(?![\d/])",
        rf"(?P<yr_a>{y4})\s*(?:to|until|through|-|–)\s*(?P<yr_b>{y4})",
        rf"(?P<np>{_phrases(v.periods)})(?:\s*+,?\s*+(?P<np_y>{fy}|{yany}|{short}|\d\d(?![\d/])))?",
        # Two digits after a month or season are its year, unless a number follows a slash ("Dec 25/26" is a
        # financial year); "Dec 25/Jan 26" is two months, each with its year.
        rf"(?P<mo_m>{month})(?:\s*+[-,]?\s*+(?:(?P<mo_y>{yany}|{short}|\d\d(?![\d:]|/\s*\d))"
        rf"|(?P<mo_bad>\d{{3}}|\d{{5,}})))?",
        rf"(?P<se_s>{season})(?:\s*+,?\s*+(?P<se_y>{fy}|{yany}|{short}|\d\d(?!\d|/\s*\d)))?",
        # "Early 24", "end of 25": two digits are a year after a part-of modifier, unless a unit or month follows.
        rf"(?:{parts})[\s-]+(?P<yy>\d\d)(?![\d/:])(?!\s*(?:{units}|{month}|{ordinal}|%)(?![\w]))",
        # "mid-month", "end of the month": the plan's own month, after a part-of modifier.
        rf"(?:{parts})[\s-]+(?:the\s+)?(?P<mm>month)",
        # "close of the year": the plan's own calendar year, after a part-of modifier.
        rf"(?:{parts})[\s-]+the\s+(?P<ty>year)(?![\s-]*(?:end|\d))",
        rf"(?P<rel_a>{numbers})(?:\s*+(?:-|–|to|or)\s*+(?P<rel_b>{numbers}))?\s+"
        rf"(?P<rel_u>{span_units})(?!\s+(?:{every}|an?)(?![\w]))",  # "2 days a week" says how much, not when
        # "2025", and "year 2025", "calendar year 2025": the noun is part of the date, so that a modifier before
        # it ("end of year 2025") is the date's.
        rf"(?:(?:the\s+)?(?:calendar\s+)?year\s+)?(?P<year>{y4})",
        # "the end of the municipal year", "next academic year": a kind of year with no year written is the one
        # the plan's date falls in (or the next).
        rf"(?P<ykr_w>this|next|current|the(?:\s+(?:current|next|coming))?)\s+(?P<ykr>{year_kind_nouns})"
        r"(?!\s*+(?:[\d'’‘]|(?:19|20)\d\d))",
        r"(?P<rw>this financial year|next financial year|(?:the\s+)?(?:current\s+)?financial year(?:[\s-]+end)?|"
        r"year[\s-]end|this year|next year|this month|next month|this quarter|next quarter|"
        r"(?:the\s+)?(?:this\s+|next\s+|current\s+)?calendar\s+year(?![\s-]*(?:end|\d)))",
        rf"(?P<imm>{immediate})(?!\s+(?:{unless})(?![\w]))",
    ]
    body = "|".join(f"(?:{a})" for a in alternatives)
    return re.compile(rf"(?<![\w'’‘])(?:{body})(?![\w])", re.IGNORECASE)


def _month_number(name: str) -> int:
    months = vocabulary().months
    key = name.lower().rstrip(".")
    return months.get(key) or months[key + "."]


def _weekday_number(name: str | None) -> int | None:
    if not name:
        return None
    days = vocabulary().weekdays
    key = name.lower().rstrip(".")
    return days.get(key) or days.get(key + ".")


_SHORT_PAIR = re.compile(r"\d\d\s*[-–]\s*\d\d")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)(\.?)\s*$")


def _numbers_of_things(m: re.Match[str]) -> bool:
    """Whether a pair of two-digit numbers joined by a dash ("17 – 18") counts the things the word before it
    names ("Pages 17 – 18", "Rooms 20-21", "pp. 17-18"), not a financial year: that word is none of the
    vocabulary's (a filler, a modifier, a month, a status ...) and names things that are counted, a plural
    or an abbreviation with its full stop.  "2017-18", "17/18", "FY 17-18", "by 17-18" and "Delivery 25-26"
    (a singular noun: what is delivered in that year) stay years."""
    if m.start("fy") != m.start() or not _SHORT_PAIR.fullmatch(m.group("fy").strip()):
        return False
    before = _WORD_BEFORE.search(m.string[: m.start()])
    if before is None or before.group(1).lower() in _time_words():
        return False
    word = before.group(1).lower()
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return plural or bool(before.group(2))


@cache
def _time_words() -> frozenset[str]:
    """Every word of the timescale vocabulary (``data/timescale.toml``)."""
    v = vocabulary()
    phrases = [
        *v.months,
        *v.seasons,
        *v.status,
        *v.modifiers,
        *v.numbers,
        *v.ordinals,
        *v.fillers,
        *v.weekdays,
        *v.weeks,
        *v.recurrence,
        *v.periods,
        *v.year_kinds,
        *v.events,
        *v.purpose,
        *v.every,
        *v.completion_labels,
        *v.immediate,
        *v.denied,
        *v.prospective,
        "fy",
        "year",
        "years",
        "financial",
    ]
    return frozenset(w for phrase in phrases for w in re.findall(r"[a-z]+", str(phrase).lower()))


_TRUNCATED_PAIR = re.compile(r"((?:19|20)\d\d)\s*/\s*(\d)(?![\d/])")
"""A financial year written with one digit after the slash: the next year's last digit is a short form
("Q3 2024/5": 2024/25); its first digit is a pair cut short by a slip of the keys ("Q3 2025/2": 2025/26,
flagged ``typo_corrected``); any other digit begins no year ("2025/7"). Never a calendar year."""


def _cut_pair(text: str) -> tuple[int, bool] | None:
    """``(first year, slipped)`` for a pair written with one digit after the slash (see ``_TRUNCATED_PAIR``)."""
    cut = _TRUNCATED_PAIR.fullmatch(text.strip())
    if not cut:
        return None
    first, digit = int(cut.group(1)), int(cut.group(2))
    if digit == (first + 1) % 10:
        return first, False
    return (first, True) if digit == (first + 1) % 100 // 10 else None


def _fy_start(text: str) -> tuple[int, str] | None:
    """``(first year, how)`` for "2024/25"-like text: ``fy`` for a financial year, ``years`` for a span."""
    m = re.fullmatch(r"(?:(19|20)?(\d\d))\s*([/-])\s*(?:(19|20)?(\d\d))", text.strip())
    cut = _cut_pair(text)
    if cut:
        return cut[0], "fy"
    if not m:
        return None
    a = int((m.group(1) or "20") + m.group(2))
    b = int((m.group(4) or str(a)[:2]) + m.group(5))
    if b < a and b + 100 == a + 1:
        b += 100  # "1999/00"; a span cannot run backwards ("2024 - 06" is no span)
    if b == a + 1:
        return a, "fy"
    if not m.group(1):
        return None  # "06/25" is a month and year, not 2006-2025
    return (a, f"years:{b}") if b > a else None


def _year_of(text: str | None, reference: dt.date | None) -> tuple[int | None, bool]:
    """A year written as 2024, '24 or 24; ``(year, fiscal)`` where fiscal marks "2024/25"."""
    if not text:
        return None, False
    text = text.strip()
    found = _fy_start(text)
    if found:
        return found[0], found[1] == "fy"
    digits = re.sub(r"\D", "", text)
    if len(digits) == 4:
        return int(digits), False
    if len(digits) == 2:
        return _two_digit(int(digits), reference), False
    return None, False


def text_to_terms(text: str, reference: dt.date | None = None) -> list[Term]:
    """Dates and parts of dates in ``text``, in order, each with its span."""
    out: list[Term] = []
    every = _every_pattern()
    for m in _term_pattern().finditer(text):
        term = _to_term(m, reference)
        if term is None:
            continue
        if term.kind == "relative" and every.search(text, max(0, term.start - 24), term.start):
            continue  # "every 6 months" is how often, not when
        out.append(term)
    return out


@cache
def _every_pattern() -> re.Pattern[str]:
    """ "every" (or "each") just before a position: what follows is how often."""
    return re.compile(rf"(?<![\w])(?:{_phrases(list(vocabulary().every))})\s*$", re.IGNORECASE)


def _impossible(m: re.Match[str], what: str) -> Term:
    return Term(m.start(), m.end(), "impossible", unit=what)


_PAIR_GROUPS = ("q_y", "h_y", "fy", "se_y", "np_y", "yk_y", "yk_y2", "fye", "fye2")
"""The groups of :func:`_term_pattern` where a financial year may stand."""


def _slipped_pair(text: str) -> bool:
    """Whether ``text`` holds a financial year cut short by a slip ("Q3 2025/2")."""
    return any((cut := _cut_pair(m.group(0))) is not None and cut[1] for m in _TRUNCATED_PAIR.finditer(text))


def _to_term(m: re.Match[str], reference: dt.date | None) -> Term | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    v = vocabulary()
    for name in _PAIR_GROUPS:
        cut = g.get(name)
        if cut and _TRUNCATED_PAIR.fullmatch(cut.strip()) and _fy_start(cut) is None:
            return _impossible(m, "year")  # "Q3 2025/7": a pair no year begins
    try:
        if g["wk_d"]:
            year, _ = _year_of(g["wk_y"], reference)
            week = v.weeks[_key(g["wk_p"])]
            return Term(s, e, "week", year=year, month=_month_number(g["wk_m"]), day=int(g["wk_d"]), unit=week)
        if g["wn_d"]:
            year = _numeric_year(g["wn_y"]) if g["wn_y"] else None
            week = v.weeks[_key(g["wn_p"])]
            return Term(s, e, "week", year=year, month=int(g["wn_m"]), day=int(g["wn_d"]), unit=week)
        if g["iso_y"]:
            if not _valid_day(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])):
                return _impossible(m, "day")
            return Term(s, e, "day", year=int(g["iso_y"]), month=int(g["iso_m"]), day=int(g["iso_d"]))
        if g["xd_d"]:
            y, month, day = _numeric_year(g["xd_y"]), _month_number(g["xd_m"]), int(g["xd_d"])
            if not _valid_day(y, month, day):
                return _impossible(m, "day")
            return Term(s, e, "day", year=y, month=month, day=day, weekday=_weekday_number(g["xd_w"]))
        if g["nd_d"]:
            y = _numeric_year(g["nd_y"])
            if not _valid_day(y, int(g["nd_m"]), int(g["nd_d"])):
                return _impossible(m, "day")
            return Term(
                s, e, "day", year=y, month=int(g["nd_m"]), day=int(g["nd_d"]), weekday=_weekday_number(g["nd_w"])
            )
        if g["dr_a"]:
            year, _ = _year_of(g["dr_y"], reference)
            if int(g["dr_b"]) < int(g["dr_a"]):
                return _impossible(m, "day_range")
            return Term(
                s,
                e,
                "day",
                year=year,
                month=_month_number(g["dr_m"]),
                day=int(g["dr_a"]),
                last_day=int(g["dr_b"]),
                weekday=_weekday_number(g["dr_wa"]),
                weekday_to=_weekday_number(g["dr_wb"]),
            )
        if g["dm_d"]:
            year, _ = _year_of(g["dm_y"], reference)
            month = _month_number(g["dm_m"])
            return Term(s, e, "day", year=year, month=month, day=int(g["dm_d"]), weekday=_weekday_number(g["dm_w"]))
        if g["md_m"]:
            year, _ = _year_of(g["md_y"] or g["md_y2"], reference)
            month = _month_number(g["md_m"])
            return Term(s, e, "day", year=year, month=month, day=int(g["md_d"]), weekday=_weekday_number(g["md_w"]))
        if g["q_n"] or g["q_n2"] or g["q_w"]:
            word = (g["q_n2"] or "").lower()
            n = (
                int(g["q_n"])
                if g["q_n"]
                else v.numbers.get(word) or (int(word) if word else v.ordinals[g["q_w"].lower()])
            )
            if not 1 <= n <= 4:
                return _impossible(m, "quarter")
            year, fiscal = _year_of(g["q_y"], reference)
            return Term(s, e, "quarter", year=year, number=n, fiscal=fiscal or year is None)
        if g["h_n"] or g["h_w"]:
            n = int(g["h_n"]) if g["h_n"] else v.ordinals[g["h_w"].lower()]
            if not 1 <= n <= 2:
                return _impossible(m, "half")
            year, fiscal = _year_of(g["h_y"], reference)
            return Term(s, e, "half", year=year, number=n, fiscal=fiscal or year is None)
        if g["fyp_a"]:
            return Term(s, e, "financial_year", year=int(g["fyp_a"]), fiscal=True)
        if g["yk_a"] or g["yk_b"]:
            kind = v.year_kinds[_key(g["yk_a"] or g["yk_b"])]
            year, _ = _year_of(g["yk_y"] or g["yk_y2"], reference)
            return Term(s, e, "year_kind", year=year, unit=kind.name) if year is not None else None
        if g["fye"] or g["fye2"]:
            found = _fy_start(g["fye"] or g["fye2"])
            if found is None or found[1] != "fy":
                return None
            return Term(s, e, "financial_year", year=found[0], fiscal=True, unit="year_end")
        if g["nm_m"]:
            raw_year = g["nm_y"]
            year = int(raw_year) if len(raw_year) == 4 else _two_digit(int(raw_year), reference)
            return Term(s, e, "month", year=year, month=int(g["nm_m"])) if year is not None else None
        if g["fyw"]:
            found = _fy_start(g["fyw"])
            return Term(s, e, "financial_year", year=found[0], fiscal=True) if found and found[1] == "fy" else None
        if g["fy"]:
            if _numbers_of_things(m):
                return None
            found = _fy_start(g["fy"])
            if found is None:
                return _month_year_numbers(m, reference)
            first, how = found
            if how == "fy":
                return Term(s, e, "financial_year", year=first, fiscal=True)
            return Term(s, e, "years", year=first, year_to=int(how.split(":")[1]))
        if g["yr_a"]:
            a, b = int(g["yr_a"]), int(g["yr_b"])
            return Term(s, e, "years", year=a, year_to=b) if b > a else None
        if g["np"]:
            period = v.periods[_key(g["np"])]
            year, fiscal = _year_of(g["np_y"], reference)
            if year is not None and fiscal:
                # "Spring term 2024/25" falls in 2025: the school year starts in September, others in April.
                cut = 9 if period.granularity == "term" else 4
                first_month = 4 if period.first.startswith("easter") else int(period.first[:2])
                year += first_month < cut
            return Term(s, e, "period", year=year, unit=period.name, fiscal=fiscal)
        if g["mo_m"]:
            if g["mo_bad"]:
                return _impossible(m, "year")
            month = _month_number(g["mo_m"])
            raw_year = g["mo_y"]
            if raw_year and raw_year.isdigit() and len(raw_year) == 2:
                year = _two_digit(int(raw_year), reference)
                if year is None:  # "March 12": the 12th of March
                    day = int(raw_year)
                    if 1 <= day <= calendar.monthrange(2024, month)[1]:
                        return Term(s, e, "day", month=month, day=day)
                    return Term(s, m.start("mo_y") - 1, "month", month=month)
                return Term(s, e, "month", year=year, month=month)
            year, _ = _year_of(raw_year, reference)
            return Term(s, e, "month", year=year, month=month)
        if g["se_s"]:
            year, fiscal = _year_of(g["se_y"], reference)
            name = g["se_s"].lower()
            season = v.season_abbreviations.get(name, name)
            return Term(s, e, "season", year=year, season=season, fiscal=fiscal)
        if g["mm"]:
            return Term(m.start("mm"), e, "relative", number=0, unit="this_month")
        if g["ty"]:
            return Term(m.start("ty"), e, "relative", number=0, unit="calendar_year")
        if g["yy"]:
            year = _two_digit(int(g["yy"]), reference)
            return Term(m.start("yy"), e, "year", year=year) if year is not None else None
        if g["rel_a"]:
            a = v.numbers.get(g["rel_a"].lower()) or int(g["rel_a"])
            upto = v.numbers.get((g["rel_b"] or "").lower()) or (int(g["rel_b"]) if g["rel_b"] else a)
            a, upto = min(a, upto), max(a, upto)  # "12-6 months" is the same span as "6-12 months"
            return Term(s, e, "relative", number=a, number_to=upto, unit=_span_unit(g["rel_u"]))
        if g["year"]:
            return Term(s, e, "year", year=int(g["year"]))
        if g["ykr"]:
            kind = v.year_kinds[_key(g["ykr"])]
            return Term(s, e, "relative", number=int(g["ykr_w"].lower().endswith("next")), unit=kind.name)
        if g["rw"]:
            return _relative_words(m, g["rw"].lower())
        if g["imm"]:
            return Term(s, e, "immediate")
    except (ValueError, KeyError):
        return None
    return None


def _numeric_year(text: str) -> int:
    """The year of a numeric or spreadsheet date ("12/3/18", "28-Feb-25"): two digits are this century's."""
    return int(text) if len(text) == 4 else 2000 + int(text)


_SPAN_UNITS = {"yr": "year", "mth": "month", "wk": "week"}


def _span_unit(text: str) -> str:
    """A relative span's unit as written ("yrs", "mths", "working days") -> ``year``, ``month``, ``week``,
    ``day`` or ``working_day`` (Monday to Friday)."""
    words = text.lower().split()
    unit = words[-1].rstrip("s")
    if len(words) > 1:
        return "working_day"
    return _SPAN_UNITS.get(unit, unit)


def _valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _month_year_numbers(m: re.Match[str], reference: dt.date | None) -> Term | None:
    """ "06/25": June 2025, when the first number is a month and the second a plausible year."""
    parts = re.split(r"\s*[/-]\s*", m.group("fy").strip())
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    month, year = int(parts[0]), int(parts[1])
    full = year if year > 1900 else _two_digit(year, reference)
    if 1 <= month <= 12 and full:
        return Term(m.start(), m.end(), "month", year=full, month=month)
    return None


def _relative_words(m: re.Match[str], words: str) -> Term:
    s, e = m.start(), m.end()
    if re.search(r"year[\s-]+end$", words):  # "Year end", "the financial year end": councils' year ends 31 March
        kind = re.search(r"(calendar|academic)\s+$", m.string[max(0, s - 10) : s].lower())
        if kind:  # "calendar year end", "academic year end": that year's last day
            return Term(s - len(kind.group(0)), e, "relative", number=0, unit=f"{kind.group(1)}_year_end")
        return Term(s, e, "relative", number=0, unit="financial_year_end")
    if "financial year" in words:
        return Term(s, e, "relative", number=1 if words.startswith("next") else 0, unit="financial_year")
    if "quarter" in words:
        return Term(s, e, "relative", number=1 if words.startswith("next") else 0, unit="quarter")
    if "month" in words:
        return Term(s, e, "relative", number=1 if words.startswith("next") else 0, unit="this_month")
    return Term(s, e, "relative", number=1 if "next" in words.split() else 0, unit="calendar_year")


# --- intervals of terms ---------------------------------------------------------


def _interval(t: Term, reference: dt.date | None, year: int | None = None) -> tuple[dt.date, dt.date] | None:
    """The inclusive interval a term covers (in ``year`` if given, else its own), or ``None`` if it
    still needs a year or cannot be (a day that the month does not have, a year beyond what a date can hold)."""
    try:
        return _term_interval(t, reference, year)
    except (ValueError, OverflowError, AssertionError):  # the asserts name what a date needs; without -O they fire
        return None


def _easter(year: int) -> dt.date:
    """Easter Sunday (Gregorian; the anonymous algorithm of 1876)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    la = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * la) // 451
    month, day = divmod(h + la - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _calendar_day(spec: str, year: int) -> dt.date:
    """ "MM-DD" or "easter+N" in ``year``."""
    found = re.fullmatch(r"easter([+-]\d+)", spec)
    if found:
        return _easter(year) + dt.timedelta(days=int(found.group(1)))
    return dt.date(year, int(spec[:2]), int(spec[3:5]))


def _period_interval(period: Period, year: int) -> tuple[dt.date, dt.date]:
    first = _calendar_day(period.first, year)
    last = _calendar_day(period.last, year)
    return (first, last) if last >= first else (first, _calendar_day(period.last, year + 1))


def _named(name: str | None) -> Period:
    v = vocabulary()
    return next(p for p in (*v.periods.values(), *v.year_kinds.values()) if p.name == name)


def _term_interval(t: Term, reference: dt.date | None, year: int | None) -> tuple[dt.date, dt.date] | None:
    v = vocabulary()
    if t.kind == "relative":
        return _relative_interval(t, reference)
    if t.kind == "immediate":
        return (reference, reference) if reference is not None else None
    y = t.year if year is None else year
    if y is None or t.kind == "impossible":
        return None
    if t.kind == "day":
        assert t.month and t.day
        first = dt.date(y, t.month, t.day)
        return first, dt.date(y, t.month, t.last_day) if t.last_day else first
    if t.kind == "week":
        assert t.month and t.day
        day = dt.date(y, t.month, t.day)
        if t.unit == "containing":  # Monday to Sunday
            first = day - dt.timedelta(days=day.weekday())
        elif t.unit == "ending":
            first = day - dt.timedelta(days=6)
        else:
            first = day
        return first, first + dt.timedelta(days=6)
    if t.kind == "year_kind":  # a year that starts in y and ends in the next: "municipal year 2024/25"
        period = _named(t.unit)
        return _calendar_day(period.first, y), _calendar_day(period.last, y + 1)
    if t.kind == "period":
        return _period_interval(_named(t.unit), y)
    if t.kind == "month":
        assert t.month
        return dt.date(y, t.month, 1), _last_day(y, t.month)
    if t.kind == "season":
        assert t.season
        a, b = v.seasons[t.season]
        return _months(y, a, b if b >= a else b + 12)
    if t.kind == "quarter":
        assert t.number
        if t.fiscal:
            return _months(y, 3 * t.number + 1, 3 * t.number + 3)
        return _months(y, 3 * t.number - 2, 3 * t.number)
    if t.kind == "half":
        assert t.number
        if t.fiscal:
            return _months(y, 6 * t.number - 2, 6 * t.number + 3)
        return _months(y, 6 * t.number - 5, 6 * t.number)
    if t.kind == "financial_year":
        return _fy(y)
    if t.kind == "years":
        assert t.year_to
        return dt.date(y, 1, 1), dt.date(t.year_to, 12, 31)
    if t.kind == "year":
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    return None


def _relative_interval(t: Term, reference: dt.date | None) -> tuple[dt.date, dt.date] | None:
    if reference is None:
        return None
    n = t.number or 0
    if t.unit and t.unit.endswith("_year_end") and t.unit != "financial_year_end":
        # "calendar year end", "academic year end": the last day of that year
        base = _relative_interval(replace(t, unit=t.unit.removesuffix("_year_end")), reference)
        return (base[1], base[1]) if base else None
    if t.unit in ("calendar_year", "calendar"):
        return dt.date(reference.year + n, 1, 1), dt.date(reference.year + n, 12, 31)
    if t.unit in ("financial_year", "financial_year_end"):
        fy = reference.year if reference.month >= 4 else reference.year - 1
        first, last = _fy(fy + n)
        return (last, last) if t.unit == "financial_year_end" else (first, last)
    kind = next((p for p in vocabulary().year_kinds.values() if p.name == t.unit), None)
    if kind is not None:  # the academic or municipal year the plan's date falls in, or the next
        started = reference >= _calendar_day(kind.first, reference.year)
        first_year = reference.year - (not started) + n
        return _calendar_day(kind.first, first_year), _calendar_day(kind.last, first_year + 1)
    if t.unit == "quarter":
        start = _add_months(dt.date(reference.year, (reference.month - 1) // 3 * 3 + 1, 1), 3 * n)
        return start, _last_day(_add_months(start, 2).year, _add_months(start, 2).month)
    if t.unit == "this_month":
        start = _add_months(dt.date(reference.year, reference.month, 1), n)
        return start, _last_day(start.year, start.month)
    begins, ends = _counted(reference, t.unit, n), _counted(reference, t.unit, t.number_to or n)
    return (begins, ends) if begins is not None and ends is not None else None


def _counted(day: dt.date, unit: str | None, n: int) -> dt.date | None:
    """The day ``n`` years, months, weeks, days or working days after ``day`` (``None`` for another unit)."""
    months = {"year": 12, "month": 1}.get(unit or "")
    if months:
        return _add_months(day, months * n)
    if unit == "working_day":
        return _working_days(day, n)
    if unit in ("week", "day"):
        return day + dt.timedelta(days=(7 if unit == "week" else 1) * n)
    return None


def _working_days(day: dt.date, n: int) -> dt.date:
    """The day ``n`` working days (Monday to Friday) after ``day``."""
    if n <= 0:
        return day
    if day.weekday() > 4:  # from a weekend, counting starts as from the Friday before
        day -= dt.timedelta(days=day.weekday() - 4)
    weeks, rest = divmod(n, 5)
    day += dt.timedelta(weeks=weeks)
    for _ in range(rest):
        day += dt.timedelta(days=3 if day.weekday() == 4 else 1)
    return day


_GRANULARITY = {"years": "year", "relative": "relative", "immediate": "day"}


def _granularity(t: Term) -> str:
    if t.kind == "day" and t.last_day:
        return "day"
    if t.kind in ("period", "year_kind"):
        return _named(t.unit).granularity
    if t.kind == "relative" and t.unit in ("calendar_year", "financial_year", "quarter", "this_month"):
        return {
            "calendar_year": "year",
            "financial_year": "financial_year",
            "quarter": "quarter",
            "this_month": "month",
        }[t.unit or ""]
    return _GRANULARITY.get(t.kind, t.kind)


# --- groups: ranges and lists of terms, with their modifiers -----------------------


@dataclass
class Group:
    """Terms joined by range or list separators ("April-Sept 2024"), with what surrounds them."""

    terms: list[Term]
    link: str = "single"
    """``single``, ``range`` or ``list``."""
    modifier: str | None = None
    label: str | None = None
    secondary: bool = False
    start: dt.date | None = None
    end: dt.date | None = None
    resolved: bool = False
    notes: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    problem: str | None = None
    """Why the group cannot be dated ("quarter": "Q5 2024/25"; "day": "31 April")."""
    superseded: bool = False
    """Another date of the cell replaces this one ("March 2025" in "June 2025 (revised from March 2025)")."""
    replacing: bool = False
    """The last part of a range after "moved from" ("April" in "moved from January to April"): it replaces
    the part before it."""
    lasts: bool = False
    """A span after "for" right after a start ("3 years" in "From 1 April 2026 for 3 years"): how long the
    work runs from it, which closes the start's open end."""

    @property
    def span(self) -> tuple[int, int]:
        return self.terms[0].start, self.terms[-1].end


def _gap_kind(gap: str) -> str | None:
    """``range`` or ``list`` if ``gap`` is only a separator, else ``None``."""
    v = vocabulary()
    g = gap.strip().lower()
    if g in v.range_separators or g in ("-", "–", "—"):
        return "range"
    if g in v.list_separators:
        return "list"
    return None


def _lend_years(text: str, terms: list[Term]) -> list[Term]:
    """Years printed beside a date that lacks one.

    A quarter or half with no year takes the year printed just before it
    ("FY 2025/26 Q2"); a month, season or day with no year takes a year printed
    a word or two after it ("summer recess 2025").
    """
    out: list[Term] = []
    for term in terms:
        prev = out[-1] if out else None
        gap = text[prev.end : term.start] if prev else ""
        if (
            prev is not None
            and term.kind == "year"
            and prev.year is None
            and prev.kind in ("month", "season", "day")
            and re.fullmatch(r"\s+[A-Za-z]+(?:\s+[A-Za-z]+)?\s+", gap)
            and not _gap_kind(gap)
        ):
            out[-1] = replace(prev, year=term.year)
            continue
        if (
            prev is not None
            and term.kind in ("quarter", "half")
            and term.year is None
            and prev.kind in ("financial_year", "year")
            and not text[prev.end : term.start].strip(" ,:-")
        ):
            fiscal = prev.kind == "financial_year"
            out[-1] = replace(term, start=prev.start, year=prev.year, fiscal=fiscal)
            continue
        out.append(term)
    return out


def terms_to_groups(text: str, terms: list[Term]) -> list[Group]:
    """Join terms that a range or list separator links; "between A and B" is a range."""
    groups: list[Group] = []
    for term in _lend_years(text, terms):
        if groups:
            gap = text[groups[-1].terms[-1].end : term.start]
            kind = _gap_kind(gap)
            if kind is not None and _joinable(groups[-1].terms[-1], term):
                first = groups[-1].terms[0].start
                before = text[max(0, first - 16) : first].lower()
                if kind == "list" and gap.strip().lower() == "and" and re.search(r"\bbetween\s*$", before):
                    kind = "range"
                reach = 2 * _revision_pattern()[1]  # only the text just before the range matters
                if kind == "range" and len(groups[-1].terms) == 1 and _moved_from(text[max(0, first - reach) : first]):
                    groups.append(Group(terms=[term], replacing=True))  # "moved from January to April"
                    continue
                group = groups[-1]
                group.link = kind if group.link == "single" else group.link
                group.terms.append(term)
                continue
        groups.append(Group(terms=[term]))
    return groups


def _moved_from(lead: str) -> bool:
    """Whether ``lead`` ends with a phrase that says the date after it was replaced, ending in one of the
    ``links`` words ("moved from"): a range after it runs from the old date to the new one."""
    found = _revision_at_end(lead)
    return found is not None and found[0] == "replaces" and found[1].split()[-1] in vocabulary().revision_links


def _joinable(a: Term, b: Term) -> bool:
    """Relative spans and lone years do not join other kinds ("2024 and 6 months" are apart), nor do
    impossible dates ("Q5 2024/25 - March 2025" keeps its March) or "ASAP"."""
    return not ({a.kind, b.kind} & {"relative", "impossible", "immediate"})


def _share_years(group: Group) -> None:
    """Lend a later term's year to earlier ones that lack it ("April-Sept 2024", "Jan/Feb 2022")."""
    terms = group.terms
    for i in range(len(terms) - 2, -1, -1):
        a, b = terms[i], terms[i + 1]
        if a.year is not None or b.year is None or a.kind == "relative":
            continue
        year = b.year
        if a.kind in ("month", "day", "season") and b.month and a.month and a.month > b.month:
            year -= 1  # "November - February 2025": November 2024
        if a.kind == "season" and b.kind == "season" and a.season and b.season:
            order = list(vocabulary().seasons)
            if order.index(a.season) > order.index(b.season):
                year -= 1
        terms[i] = replace(a, year=year, fiscal=a.fiscal or b.fiscal if a.kind in ("quarter", "half") else a.fiscal)


@cache
def _modifier_pattern(kinds: tuple[str, ...]) -> tuple[re.Pattern[str], int]:
    """A pattern for a modifier phrase of one of ``kinds`` at the end of a text (an article may follow:
    "by the start of the"), and how many characters before the end it can reach."""
    v = vocabulary()
    phrases = [p for p, k in v.modifiers.items() if k in kinds]
    articles = _phrases(list(v.articles))
    pattern = re.compile(rf"(?:^|[^\w])(?P<p>(?P<phrase>{_phrases(phrases)})(?:\s+(?:{articles}))?)$")
    reach = max(len(p) for p in phrases) + max(len(a) for a in v.articles) + 8
    return pattern, reach


def _phrase_at_end(text: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """The longest modifier phrase of one of ``kinds`` that ``text`` ends with, as ``(kind, matched text)``."""
    pattern, reach = _modifier_pattern(kinds)
    # Only the end matters: a long lead of prose costs no more than a short one.
    low = re.sub(r"[\s:,(–-]+$", "", text[-(reach * 2) :].lower())
    found = pattern.search(low, max(0, len(low) - reach - 1))
    if not found:
        return None
    return vocabulary().modifiers[_key(found.group("phrase"))], found.group("p")


_MODIFIER_KINDS = ("deadline", "end_of", "start_of", "before", "from", "began", "early", "mid", "late", "next")
_SPAN_KINDS = frozenset({"year", "month", "week", "day", "working_day"})


def _cut(lead: str, phrase: str) -> str:
    """``lead`` without ``phrase`` (found at its end, before any trailing punctuation)."""
    return lead[: len(lead.rstrip(" :,(–-")) - len(phrase)]


def _modifier(group: Group, lead: str) -> tuple[str, str] | None:
    """The modifier phrase ``lead`` ends with, as ``(kind, matched text)``; "next" only before a span."""
    found = _phrase_at_end(lead, _MODIFIER_KINDS)
    if found and found[0] == "next":
        spans = all(t.kind == "relative" and t.unit in _SPAN_KINDS for t in group.terms)
        return ("deadline", found[1]) if spans else None  # "next 9 months" is due by then; "next April" is April
    return found


def _revise(group: Group, lead: str) -> tuple[str | None, str]:
    """Whether ``lead`` says the group replaces the dates before it (``replaced_by``) or is replaced
    (``replaces``), and the lead without that phrase.  The phrase is looked for before a modifier is cut
    ("revised to March": no "by"), then after one ("now by end of June"); a modifier at the end of the
    phrase itself that is no link word says what it says ("new deadline March 2025": by March 2025)."""
    v = vocabulary()
    if group.replacing:
        return "replaced_by", ""
    labelled = _revision_label().search(lead)
    if labelled:
        return ("replaced_by" if labelled.group("by") else "replaces"), lead[: labelled.start("p")]
    found = _revision_at_end(lead)
    if found:
        own = _modifier(group, found[1])
        if own and own[1].split()[-1] not in v.revision_links:
            group.modifier = own[0]
        return found[0], _cut(lead, found[1])
    modifier = _modifier(group, lead)
    if modifier:
        group.modifier = modifier[0]
        lead = _cut(lead, modifier[1])
        found = _revision_at_end(lead)
        if found:
            return found[0], _cut(lead, found[1])
    return None, lead


def apply_context(text: str, groups: list[Group]) -> None:
    """Read each group's modifier, label, purpose and revision from the text around it."""
    v = vocabulary()
    previous_end = 0
    checked = 0  # the groups before this one have been set aside by a replacing date
    replaced: list[tuple[Group, str | None]] = []  # said to be replaced ("was Dec 24"), with their modifiers
    for n, group in enumerate(groups):
        start, end = group.span
        gap = text[previous_end:start]
        # The part of the gap after the last clause break belongs to this group.
        lead = re.split(r"[,;.]\s+|\)\s*", gap)[-1] if n else gap
        revision, lead = _revise(group, lead)
        if revision == "replaces":
            group.superseded = True
            replaced.append((group, group.modifier))
        elif revision == "replaced_by":
            # "Originally Sept 24, now Feb 25": every date before it, except the milestones of other labels
            # ("Phase 1: March 2025; Phase 2: now June 2025" keeps Phase 1).
            own = _label_words(lead)
            for earlier in groups[checked:n]:
                if own and _label_words(earlier.label or "") not in (set(), own):
                    continue
                earlier.superseded, earlier.secondary, earlier.modifier = True, True, None
            checked = n
        if group.superseded:
            group.secondary, group.modifier = True, None
        following = _FOLLOWING.match(text, end)
        if following and group.modifier is None:
            group.modifier = "from"
        if group.modifier is None and len(group.terms) == 1 and group.terms[0].unit in _YEAR_ENDS:
            group.modifier = "end_of"  # "year end 2024/25", "Year end": by 31 March
        words = re.findall(r"[a-z]+", lead.lower())
        against = _phrase_before(lead, v.against)
        if n and (any(w in v.purpose for w in words) or against) and any(not g.secondary for g in groups[:n]):
            group.secondary = True  # "March 25 for 25/26 service plans"
            group.modifier = None
            before = groups[n - 1]
            group.lasts = before.modifier == "from" and all(t.kind == "relative" for t in group.terms)
        if group.modifier is None and not group.superseded:
            glossed = _glossed_modifier(lead)  # "By next monitoring visit (Nov 2025)": by November
            if glossed:
                group.modifier = glossed
        group.label = lead  # provisional: the leading text, settled below
        previous_end = end
    if replaced and all(g.secondary for g in groups):
        # Nothing replaces them ("overdue (was due Dec 24)"): the dates said to be replaced are still the due
        # dates, and nothing was set aside.
        for group, modifier in replaced:
            group.secondary, group.modifier, group.superseded = False, modifier, False
    next_starts = _next_starts(groups, text)
    for n, group in enumerate(groups):
        label = collapse(re.sub(r"^[\s\-–:,.;()]+|[\s\-–:,.;(]+$", "", group.label or ""))
        if not label or _is_filler(label):
            # Else a bracket or a "for ..." clause right after it, up to the next due date.
            tail = text[group.span[1] : next_starts[n]]
            clause = re.match(r"\s*(?:\(([^()]+)\)|for\s+([^,;()]+))", tail, re.I)
            label = collapse(clause.group(1) or clause.group(2)) if clause else ""
        group.label = label if label and not _is_filler(label) else None


def _bracketed_contexts(text: str, groups: list[Group], reference: dt.date | None = None) -> None:
    """A date in brackets right after another that it contains says which year that one belongs to, and is
    no milestone of its own: "Sept 2025 (academic year 2025/26)", "March 2026 (2025/26)"; and a date written
    without its year takes the year of the bracket that spells it out ("Q4 (Jan-Mar 2025)": Q4 2024/25)."""
    for before, group in pairwise(groups):
        start, end = group.span
        opened = text[before.span[1] : start].strip().startswith("(") or text[start] == "("
        closed = text[end:].lstrip().startswith(")") or text[end - 1] == ")"
        if not (opened and closed):
            continue
        if not (before.resolved and group.resolved and not before.secondary):
            continue
        if _year_from_gloss(before, group, reference) or _gloss_year_from(before, group, reference):
            group.secondary = True
            continue
        own = _own_span(before, reference)
        if own is None or group.start is None or group.end is None:
            continue
        if group.start <= own[0] and own[1] <= group.end and own != (group.start, group.end):
            group.secondary = True


def _own_span(group: Group, reference: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The span a group's date covers before its modifier ("End of Sept 2025": September 2025, where the group
    is due by its end), or the group's when it joins several dates."""
    if len(group.terms) == 1 and group.terms[0].year is not None:
        return _interval(group.terms[0], reference)
    return (group.start, group.end) if group.start and group.end else None


def _gloss_year_from(before: Group, gloss: Group, reference: dt.date | None) -> bool:
    """Give ``gloss``, a bracketed date written without its year ("(Q2)"), the year in which it contains
    ``before``, the date right before it that gives one ("End of Sept 2025 (Q2)": Q2 2025/26); say whether it
    did.  A gloss says which part of the year a date is in, so its year is the date's, not the plan's."""
    own = _own_span(before, reference)
    if "year_from_plan_date" not in gloss.flags or len(gloss.terms) != 1 or own is None:
        return False
    return _year_within(gloss, own, reference, inside=False)


def _phrase_before(lead: str, phrases: tuple[str, ...]) -> bool:
    """Whether ``lead`` (the text right before a date) ends with one of ``phrases``, brackets aside."""
    words = " ".join(re.findall(r"[\w.]+", lead.lower()))
    return any(words == p or words.endswith(" " + p) for p in phrases)


_GLOSSED = re.compile(r"\s*(?P<inner>[^()]+?)\s*\(\s*$")
_GLOSS_KINDS = ("deadline", "end_of", "start_of", "before", "from")


def _glossed_modifier(lead: str) -> str | None:
    """The modifier of an event a bracketed date glosses: "By next monitoring visit (Nov 2025)" is due by
    the visit, so by November 2025; the modifier opens the words before the bracket."""
    m = _GLOSSED.match(lead)
    opens = _gloss_pattern().match(m.group("inner").lower()) if m else None
    return vocabulary().modifiers[opens.group("p")] if opens else None


@cache
def _gloss_pattern() -> re.Pattern[str]:
    """A modifier of ``_GLOSS_KINDS`` opening a text, before a word (the longest that fits)."""
    phrases = [p for p, k in vocabulary().modifiers.items() if k in _GLOSS_KINDS]
    return re.compile(rf"(?P<p>{_alternation(phrases)})\s+\w")


def _lasting(groups: list[Group]) -> None:
    """Close a start's open end with the span that says how long the work runs ("From 1 April 2026 for 3
    years": to 31 March 2029)."""
    for before, group in pairwise(groups):
        term = group.terms[0]
        if not (group.lasts and before.resolved and before.start and before.end is None and term.number):
            continue
        after = _counted(before.start, term.unit, term.number_to or term.number)
        if after is not None:
            before.end = after - dt.timedelta(days=1)  # three years from 1 April 2026 end on 31 March 2029


def _year_from_gloss(before: Group, gloss: Group, reference: dt.date | None) -> bool:
    """Give ``before``, a date written without its year (its year was taken from the plan's date), the year
    in which it falls within ``gloss``, the bracketed date after it, when there is one; say whether it did."""
    if "year_from_plan_date" not in before.flags or len(before.terms) != 1 or not gloss.start or not gloss.end:
        return False
    return _year_within(before, (gloss.start, gloss.end), reference, inside=True)


def _year_within(group: Group, other: tuple[dt.date, dt.date], reference: dt.date | None, inside: bool) -> bool:
    """Give ``group``'s one term, written without its year, the year in which it falls inside ``other``
    (``inside``) or holds it (not ``inside``, and not the same span), in place of the plan's date's; say
    whether it did."""
    term = group.terms[0]
    for year in range(other[0].year - 1, other[1].year + 1):
        span = _interval(replace(term, year=year), reference)
        if span is None:
            continue
        if inside and not (other[0] <= span[0] and span[1] <= other[1]):
            continue
        if not inside and not (span[0] <= other[0] and other[1] <= span[1] and span != other):
            continue
        group.terms[0] = replace(term, year=year)
        group.flags.discard("year_from_plan_date")
        group.notes = [n for n in group.notes if n != "year from the plan's date"]
        resolve(group, reference)
        return True
    return False


def _label_words(lead: str) -> set[str]:
    """The words of a group's provisional label that name it (fillers and status words aside)."""
    v = vocabulary()
    return {w for w in re.findall(r"[a-z0-9]+", lead.lower()) if w not in v.fillers and w not in v.status}


@cache
def _revision_pattern() -> tuple[re.Pattern[str], int]:
    """A pattern for a phrase of ``[superseded]`` at the end of a text, and how far before the end it reaches."""
    v = vocabulary()
    pattern = re.compile(
        rf"(?:^|[^\w])(?P<p>(?P<by>{_phrases(v.replaced_by)})|(?P<of>{_phrases(v.replaces)}))$", re.IGNORECASE
    )
    return pattern, max(len(p) for p in (*v.replaced_by, *v.replaces)) + 8


@cache
def _revision_label() -> re.Pattern[str]:
    """A label of ``[superseded] labels`` ending a text: the word, then a colon or a full stop ("Revised: ")."""
    labels = tomllib.loads(_DATA.read_text(encoding="utf-8"))["superseded"]["labels"]
    return re.compile(
        rf"(?:^|[^\w])(?P<p>(?P<by>{_phrases(labels['replaced_by'])})|(?P<of>{_phrases(labels['replaces'])}))"
        r"\s*[:.]\s*$",
        re.IGNORECASE,
    )


def _revision_at_end(text: str) -> tuple[str, str] | None:
    """``(replaced_by | replaces, matched text)`` for a phrase of ``[superseded]`` that ``text`` ends with."""
    pattern, reach = _revision_pattern()
    low = re.sub(r"[\s:,(–-]+$", "", text[-(reach * 2) :].lower())
    found = pattern.search(low, max(0, len(low) - reach - 1))
    if not found:
        return None
    return ("replaced_by" if found.group("by") else "replaces"), found.group("p")


_FOLLOWING = re.compile(r"\s*(onwards|onward|and beyond|and onwards|on\b|\+|-\s*ongoing\s*(?=$|[.;,)]))", re.I)
"""After a date, words that leave it open-ended: "X onwards", "X+", and a span from X to "Ongoing" (a start
date beside an end that is a status: "Jan 2026 – Ongoing" starts in January 2026 and goes on; "March 2025 -
ongoing monitoring" names what goes on, and stays March)."""


def _next_starts(groups: list[Group], text: str) -> list[int]:
    """For each group, where the next due date (not a purpose date) starts, or the end of the text.

    One pass from the end: a cell of thousands of dates costs no more per date than a short one.
    """
    out = [len(text)] * len(groups)
    following = len(text)
    for n in range(len(groups) - 1, -1, -1):
        out[n] = following
        if not groups[n].secondary:
            following = groups[n].span[0]
    return out


def _is_filler(label: str) -> bool:
    words = re.findall(r"[a-z]+", label.lower())
    v = vocabulary()
    return not words or all(w in v.fillers or w in v.status for w in words)


# --- resolving years and applying modifiers ---------------------------------------------


def _candidates(t: Term, reference: dt.date) -> tuple[int, int, int]:
    """The years around the reference the term may fall in, earliest first."""
    base = reference.year
    if t.kind in ("quarter", "half") and t.fiscal:
        base = reference.year if reference.month >= 4 else reference.year - 1
    return base - 1, base, base + 1


_PLAN_YEAR = "plan_year"
"""An inner flag: a relative term took the plan's year ("this financial year"); the cell is flagged
``year_from_plan_date`` only if it writes no year of its own."""
_YEAR_ENDS = ("year_end", "financial_year_end", "calendar_year_end", "academic_year_end")
"""Units of a year's end written as a date ("year end 2024/25", "Year end"): due by it, with no start."""
_PLAN_YEAR_UNITS = frozenset(
    {
        "calendar_year",
        "financial_year",
        "financial_year_end",
        "calendar_year_end",
        "academic_year_end",
        "quarter",
        "this_month",
    }
)
"""Relative terms that name a year, quarter or month of the plan's own ("this financial year", "next
quarter"), whose year the plan's date gives."""


def resolve(group: Group, reference: dt.date | None) -> None:
    """Give the group's terms years (the first occurrence not ending before the reference month) and its interval.

    A term that cannot be a date ("Q5", "31 April", a year a date cannot hold) leaves the group
    unresolved with ``problem`` saying why.
    """
    _share_years(group)
    intervals: list[tuple[dt.date, dt.date]] = []
    for i, term in enumerate(group.terms):
        if term.kind == "impossible":
            group.problem = term.unit
            return
        if term.kind in ("day", "week") and not _valid_day(2024, term.month or 0, term.day or 0):
            group.problem = "day"  # "31 April" in any year (2024 has a 29 February)
            return
        if term.last_day is not None and not _valid_day(2024, term.month or 0, term.last_day):
            group.problem = "day"
            return
        span = _interval(term, reference)
        if span is not None and term.kind == "relative" and term.unit in _PLAN_YEAR_UNITS:
            group.flags.add(_PLAN_YEAR)  # "by the end of the calendar year": the plan's, unless a year is written
        if span is None and reference is not None and term.year is None and term.kind != "relative":
            floor = dt.date(reference.year, reference.month, 1)
            for year in _candidates(term, reference):
                span = _interval(term, reference, year)
                if span and span[1] >= floor:
                    group.terms[i] = replace(term, year=year)
                    group.notes.append("year from the plan's date")
                    group.flags.add("year_from_plan_date")
                    break
            else:
                span = None
        if span is None:
            if term.year is not None or (reference is not None and term.kind != "relative"):
                group.problem = "day" if term.kind in ("day", "week") else "year"
            return
        _check_weekdays(group, group.terms[i])
        intervals.append(span)
    if group.link == "range" and len(intervals) > 1 and intervals[-1][1] < intervals[0][0]:
        # "Winter - Spring 2025" and the like: the end comes in the year after.
        last = group.terms[-1]
        if last.year is not None:
            moved = _interval(replace(last, year=last.year + 1), reference)
            if moved:
                group.terms[-1] = replace(last, year=last.year + 1)
                intervals[-1] = moved
    group.start = min(s for s, _ in intervals)
    group.end = max(e for _, e in intervals)
    group.resolved = True
    _modify(group)


def _check_weekdays(group: Group, term: Term) -> None:
    """Flag a weekday written with a day that does not fall on it ("Tuesday 20 September 2023")."""
    if term.kind != "day" or term.year is None or term.month is None or term.day is None:
        return
    days = [(term.weekday, term.day), (term.weekday_to, term.last_day)]
    for weekday, day in days:
        if weekday and day and dt.date(term.year, term.month, day).isoweekday() != weekday:
            group.flags.add("weekday_mismatch")


def _modify(group: Group) -> None:
    start, end = group.start, group.end
    assert start is not None and end is not None
    kind = group.modifier
    if kind == "deadline" or kind == "end_of":
        group.start = None
    elif kind == "before":
        group.start, group.end = None, start - dt.timedelta(days=1)
    elif kind == "start_of":
        group.start, group.end = None, start
    elif kind == "from" and group.link == "range":
        pass  # "from 2 September to 14 October": both ends are written
    elif kind in ("from", "began"):
        group.end = None
    elif kind in ("early", "mid", "late"):
        group.start, group.end = _third(start, end, ("early", "mid", "late").index(kind))


def _third(start: dt.date, end: dt.date, which: int) -> tuple[dt.date, dt.date]:
    """The first, middle or last third: by months when the span is whole months in a multiple of 3,
    else (a month) days 1-10, 11-20, 21-end."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    whole = start.day == 1 and end == _last_day(end.year, end.month)
    if whole and months >= 3 and months % 3 == 0:
        step = months // 3
        first = _add_months(start, step * which)
        last = _add_months(start, step * (which + 1) - 1)
        return first, _last_day(last.year, last.month)
    if whole and months == 1:
        bounds = [(1, 10), (11, 20), (21, end.day)][which]
        return dt.date(start.year, start.month, bounds[0]), dt.date(start.year, start.month, bounds[1])
    length = (end - start).days + 1
    if length < 3:
        return start, end
    first = start + dt.timedelta(days=length * which // 3)
    return first, start + dt.timedelta(days=length * (which + 1) // 3 - 1)


# --- status words -------------------------------------------------------------


def _status_words(text: str) -> set[str]:
    """Which of ``ongoing``, ``completed``, ``unknown`` the text's words say; a status word denied by the words
    before it ("not complete", "partially complete": ``[status_denied]``) says nothing."""
    low = " " + re.sub(r"[^\w/&+?-]+", " ", text.lower()) + " "
    denied, prospective = _denied_pattern(), _prospective_pattern()
    found = set()
    for phrase, kind in vocabulary().status.items():
        if phrase not in low:
            continue  # most of the words are not there: a substring test is far cheaper than a search
        for m in re.finditer(rf"(?<![\w/]){re.escape(phrase)}(?![\w/])", low):
            before = max(0, m.start() - 24)
            if kind == "unknown" or not (
                denied.search(low, before, m.start())
                or (kind == "completed" and prospective.search(low, before, m.start()))
            ):
                found.add(kind)
                break
    return found


_CLAUSE_BREAK = re.compile(r"[;\n]|\.\s")


def _done_in_part(leftover: str, dated: list[Group]) -> bool:
    """Whether the cell's "completed" words are said of one part it names while another clause names the
    part still due and its date: "Initial review complete; full rollout by end of Q3", "Phase 1 complete;
    Phase 2 by March 2026".  A date with nothing named beside it ("Action completed; March 2025", "All
    complete; March 2025") is the completion's, and the whole cell is complete."""
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(leftover)), len(leftover)]
    clauses = list(pairwise(bounds))
    if len(clauses) < 2:
        return False
    done_said = rest_named = False
    for a, b in clauses:
        clause = leftover[a:b]
        if any(a <= g.span[0] < b for g in dated):
            if "completed" in _status_words(clause):
                return False  # "completed in March 2025": the date is the completion's
            rest_named = rest_named or bool(_named_words(clause))
        elif "completed" in _status_words(clause):
            done_said = True
    return done_said and rest_named


def _named_words(clause: str) -> list[str]:
    """The words of a clause that name something: not its dates (blanked out already), modifiers, fillers,
    status or RAG words."""
    from actionplans.normalise.status import status_word

    plain = _plain_words()
    return [w for w in re.findall(r"[a-z]{2,}", clause.lower()) if w not in plain and status_word(w) is None]


@cache
def _plain_words() -> frozenset[str]:
    """Words that name nothing of their own in a cell: those of status words, modifiers and fillers."""
    v = vocabulary()
    return frozenset({w for phrase in (*v.status, *v.modifiers) for w in phrase.split()} | set(v.fillers))


@cache
def _denied_pattern() -> re.Pattern[str]:
    """Words that deny the status word right after them, at the end of the text searched."""
    return re.compile(rf"(?<![\w/])(?:{_phrases(list(vocabulary().denied))})\s*$")


@cache
def _prospective_pattern() -> re.Pattern[str]:
    """Words that put a word of completion right after them in the future, at the end of the text searched."""
    return re.compile(rf"(?<![\w/])(?:{_phrases(list(vocabulary().prospective))})\s*$")


_COUNTED_FROM = re.compile(r"^\s*(?:of|after|following|from)\s+(?P<event>(?:the\s+)?[A-Za-z][\w'’ -]{2,60})", re.I)


def _counted_from_gloss(text: str, dated: list[Group]) -> tuple[Group, dt.date] | None:
    """A span counted from an event that a bracketed date dates ("Within 6 months of the inspection (report
    published 14 July 2025)"): the span's group and the day it runs to, counted from that date."""
    if len(dated) != 2:
        return None
    span, gloss = dated
    term = span.terms[-1]
    if len(span.terms) != 1 or term.kind != "relative" or not term.number or gloss.end is None:
        return None
    between = text[term.end : gloss.span[0]]
    if not _COUNTED_FROM.match(between) or "(" not in between:
        return None
    moved = _counted(gloss.end, term.unit, term.number_to or term.number)
    if moved is None:
        return None
    if gloss.start != gloss.end and term.unit in ("year", "month"):  # from a month: to the end of the month
        moved = _last_day(moved.year, moved.month)
    return span, moved


def _counted_from(text: str, dated: list[Group]) -> str | None:
    """The event a relative span is counted from ("six months *of new Council*"), when the only dates are
    such spans and what follows names no date: the span cannot be placed, so nothing is dated."""
    terms = [t for g in dated for t in g.terms]
    if not terms or not all(t.kind == "relative" and (t.number or 0) > 0 for t in terms):
        return None
    m = _COUNTED_FROM.match(text[terms[-1].end :])
    return " ".join(m.group("event").split()).rstrip(" .") if m else None


def _without_tracker_status(text: str) -> str:
    """``text`` with a progress tracker's status of two or more words at its start blanked out ("On target
    2025", "Not started Summer 2026"): the status a tracker writes beside the date says nothing about the date,
    and its words ("target", "started") would otherwise read as "by" and "from".  Blanked, not cut, so that
    positions in the text stay where they were."""
    m = _LEADING_WORDS.match(text)
    if not m:
        return text
    from actionplans.normalise.status import status_word

    words = list(_LEAD_WORD.finditer(text, m.start(1), m.end(1)))
    for n in range(len(words), 1, -1):
        lead = _AFTER_STATUS.match(text, words[n - 1].end())
        if lead and lead.end() < len(text) and status_word(" ".join(w.group() for w in words[:n])) is not None:
            return " " * lead.end() + text[lead.end() :]
    return text


_LEADING_WORDS = re.compile(r"\s*((?:[A-Za-z-]+\s+){1,3}[A-Za-z-]+)\b")
_LEAD_WORD = re.compile(r"[A-Za-z-]+")
_AFTER_STATUS = re.compile(r"\b[\s:;,.-]*")


# --- the parser -----------------------------------------------------------------


_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00a0": " ", "\u2009": " "})


def parse_timescale(text: str | None, reference: dt.date | None = None) -> Timescale:
    """Read a timescale cell into an inclusive interval, status, granularity and milestones.

    ``reference`` is the plan's own date; it resolves dates written without a
    year and relative ones ("1-2 years").  Never raises.
    """
    raw = text or ""
    try:
        return _parse(raw, reference)
    except Exception:  # the contract is to never raise; a rule's bug must not stop a batch
        return Timescale(raw=raw, status="unknown", rule="error")


def _parse(raw: str, reference: dt.date | None) -> Timescale:
    written = raw.translate(_DASHES)
    text = _without_tracker_status(written)
    if not text.strip():
        return Timescale(raw=raw, status="unknown", rule="empty")
    text, slipped, unclear = month_slips(text)  # "Feburary 2025" where a month stands: positions kept
    terms, flags = check_years(unclear_months(unclear, text_to_terms(text, reference)), reference)
    if slipped and _read_slips(slipped, terms):
        flags.add("typo_corrected")
    if any(t.kind != "impossible" and _slipped_pair(text[t.start : t.end]) for t in terms):
        flags.add("typo_corrected")
    groups = terms_to_groups(text, terms)
    apply_context(text, groups)
    recurrence = text_to_recurrence(text)
    qualifiers = _qualifiers(groups, recurrence) if recurrence else []
    asides = {id(g) for g in qualifiers}  # by identity: comparing groups by value would cost a pass each
    for group in groups:
        resolve(group, reference)
    _bracketed_contexts(text, groups, reference)
    _lasting(groups)
    for group in groups:
        if group.superseded:  # a replaced date's own flags say nothing of the due date
            flags.add("date_revised")
        elif id(group) not in asides:  # "every September" needs no year: none was assumed
            flags |= group.flags
    if _PLAN_YEAR in flags and not any(t.year is not None and t.kind != "relative" for t in terms):
        flags.add("year_from_plan_date")
    pieces = []
    pos = 0
    for t in terms:  # the text with its dates blanked out (a tracker status kept), built in one pass
        pieces += [written[pos : t.start], " " * (t.end - t.start)]
        pos = t.end
    leftover = "".join(pieces) + written[pos:]
    words = _status_words(leftover)
    slips = _status_slips(leftover)  # "Comlpeted"
    if slips:
        words |= slips
        flags.add("typo_corrected")
    problems = [g.problem for g in groups if g.problem and not g.secondary]
    if problems:
        flags.add("impossible_date")
    if recurrence:
        words.add("ongoing")
        recurrence = _qualified(recurrence, qualifiers)
    due = [g for g in groups if not g.secondary and id(g) not in asides]
    dated = [g for g in due if g.resolved]
    if "completed" in words and dated and _done_in_part(leftover, dated):
        words.discard("completed")  # "Initial review complete; full rollout by end of Q3": the rest is still due
    if recurrence and dated and all(t.kind == "relative" for g in dated for t in g.terms):
        return _recurring_span(raw, dated, recurrence, flags, reference)
    if not dated and not [g for g in due if g.terms] and not problems and not recurrence:
        fallback = _dateparser(raw, reference) if not words else None
        if fallback is not None:
            return replace(fallback, flags=_flags(flags, fallback.end, reference, fallback.status))
    glossed = _counted_from_gloss(written, dated)
    if glossed is not None:
        span, end = glossed
        last = Milestone(
            raw=collapse(raw[span.span[0] : span.span[1]]), label=None, start=None, end=end, granularity="day"
        )
        done = _flags(flags, end, reference, "dated")
        return Timescale(raw=raw, end=end, granularity="day", status="dated", milestones=(last,),
                         rule="relative_to_event:dated", flags=done)  # fmt: skip
    counted = _counted_from(written, dated)
    if counted:
        # "Within six months of new Council": a span counted from an event the cell does not date.
        done = _flags(flags | {"undated_event"}, None, reference, "")
        return Timescale(raw=raw, status="unknown", rule=f"relative_to_event:{counted}", flags=done)
    if dated:
        got = _dated(raw, dated, words)
        if recurrence and len(dated) == 1 and _bounds_recurrence(text, dated[0]):
            # "Quarterly from April 2025", "Monthly until March 2026": the dates bound how long the work recurs,
            # no deadline of its own (as "Annual review by September" has)
            got = replace(got, status="ongoing", ongoing=True, rule=f"recurrence:{recurrence}:{got.rule}")
        done = _flags(flags, got.end, reference, got.status, got.ongoing)
        return replace(got, recurrence=recurrence, flags=done)
    done = _flags(flags, None, reference, "")
    if recurrence:
        return Timescale(
            raw=raw, status="ongoing", rule=f"recurrence:{recurrence}", ongoing=True, recurrence=recurrence, flags=done
        )
    if problems:
        return Timescale(raw=raw, status="unknown", rule=f"impossible:{problems[0]}", flags=done)
    if "completed" in words:
        return Timescale(raw=raw, status="completed", rule="status:completed", flags=done)
    if "ongoing" in words:
        return Timescale(raw=raw, status="ongoing", rule="status:ongoing", ongoing=True, flags=done)
    event = _event(leftover)
    if event:
        return Timescale(raw=raw, status="unknown", rule=f"event:{event}", flags=_flags(flags | {"undated_event"}))
    if groups and reference is None:
        return Timescale(raw=raw, status="unknown", rule="needs_reference", flags=done)
    return Timescale(raw=raw, status="unknown", rule="status:unknown" if "unknown" in words else "no_date", flags=done)


FLAGS = (
    "implausible_year",
    "typo_corrected",
    "before_plan_date",
    "impossible_date",
    "year_from_plan_date",
    "weekday_mismatch",
    "undated_event",
    "date_revised",
)
"""Every flag a :class:`Timescale` can carry, in the order they are reported (see the README)."""


def _flags(
    flags: set[str],
    end: dt.date | None = None,
    reference: dt.date | None = None,
    status: str = "",
    ongoing: bool = False,
) -> tuple[str, ...]:
    """The flags in their fixed order, with ``before_plan_date`` for a due date that ends before the plan was made."""
    if status == "dated" and end is not None and reference is not None and end < reference and not ongoing:
        flags = flags | {"before_plan_date"}  # ("April 2025 - ongoing" began before the plan; it is not late)
    return tuple(f for f in FLAGS if f in flags)


# --- years far from the plan's date ------------------------------------------------------


def _plausible(year: int, reference: dt.date | None, within: int | None = None) -> bool:
    y = vocabulary().years
    if reference is None:
        low, high = y.no_reference
        return low <= year <= high
    return abs(year - reference.year) <= (y.plausible if within is None else within)


def _typo(year: int, reference: dt.date | None) -> int | None:
    """The year ``year`` is a slip of the keys for: far beyond any plan, and one swap of neighbouring
    digits from exactly one year near the plan's date ("2205" -> 2025)."""
    y = vocabulary().years
    if reference is not None:
        far = abs(year - reference.year) > y.typo_beyond
    else:
        far = not y.typo_outside[0] <= year <= y.typo_outside[1]
    if not far:
        return None
    digits = f"{year:04d}"
    swaps = {int(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]) for i in range(len(digits) - 1)}
    near = [s for s in swaps if s != year and s >= 1000 and _plausible(s, reference, y.typo_within)]
    return near[0] if len(near) == 1 else None


def check_years(terms: list[Term], reference: dt.date | None) -> tuple[list[Term], set[str]]:
    """Judge every written year against the plan's date: keep a far one as written (flag
    ``implausible_year``) unless it is plainly a typo of a near one, which is corrected (flag
    ``typo_corrected``).  Returns the terms and the flags."""
    out, flags = [], set()
    for term in terms:
        for name in ("year", "year_to"):
            year = getattr(term, name)
            if year is None or term.kind == "relative" or _plausible(year, reference):
                continue
            corrected = _typo(year, reference)
            low, high = (corrected, term.year_to) if name == "year" else (term.year, corrected)
            if corrected is not None and low is not None and high is not None and low >= high:
                corrected = None  # a correction must not turn a span backwards
            if corrected is not None:
                term = replace(term, year=corrected) if name == "year" else replace(term, year_to=corrected)
                flags.add("typo_corrected")
            else:
                flags.add("implausible_year")
        out.append(term)
    return out, flags


# --- slips of the keys in month and status words ------------------------------------------


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` is one slip from ``b`` (Damerau-Levenshtein distance 1): a letter changed, added or
    dropped, or two neighbouring letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        return a[i + 1 :] == b[i + 1 :] or swapped
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short[i:] == long[i + 1 :]


@cache
def _known_words() -> frozenset[str]:
    """Every word the rules know (of months, statuses, modifiers, periods, ...) and the English words of
    ``[slips] not_slips``: none of them is a slip."""
    v = vocabulary()
    tables: list[Iterable[str]] = [
        v.months, v.seasons, v.season_abbreviations, v.status, v.modifiers, v.range_separators, v.list_separators,
        v.purpose, v.numbers, v.ordinals, v.fillers, v.articles, v.weekdays, v.weeks, v.every, v.recurrence,
        v.periods, v.year_kinds, v.events, v.replaced_by, v.replaces, v.immediate, v.immediate_unless,
        v.slips.not_slips,
    ]  # fmt: skip
    return frozenset(w.strip(".").lower() for table in tables for phrase in table for w in phrase.split())


@cache
def _full_months() -> tuple[tuple[str, int], ...]:
    """Each month's full name (the first of its names in the data) and number."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))["months"]
    return tuple((str(names[0]), int(num)) for num, names in data.items())


@lru_cache(maxsize=4096)
def _month_slips(word: str, framed: bool = False) -> tuple[str, ...]:
    """The full names of the months ``word`` (lower case) may be a slip for: one slip from the full name, or,
    for a word of three letters, from the month's three-letter abbreviation ("Agu" -> August; "Juy" ->
    June or July), or the full name cut short past its abbreviation ("Marc").  None for a word the rules know,
    and for one shorter than ``short_month_letters``; but a word ``framed`` by a day number and a year
    ("31st Marc 2025") stands where only a month can, and is read even if it is an English word or a name."""
    v = vocabulary()
    if len(word) < v.slips.short_month_letters or word in v.months:
        return ()
    cut_short = [name for name, _ in _full_months() if len(word) >= v.slips.month_letters and name.startswith(word)]
    if cut_short and (framed or word not in _known_words()):
        return tuple(cut_short)  # "Octo", "Decem", and "Marc" between a day and a year: a month's name cut short
    if word in _known_words():
        return ()
    if len(word) < v.slips.month_letters:
        return tuple(name for name, _ in _full_months() if _one_slip(word, name[:3].lower()) or _one_slip(word, name))
    return tuple(name for name, _ in _full_months() if _one_slip(word, name))


def _month_slip(word: str) -> str | None:
    """The month's full name ``word`` (lower case) is a slip for, if it is one for exactly one month."""
    near = _month_slips(word)
    return near[0] if len(near) == 1 else None


@cache
def _month_place_pattern() -> re.Pattern[str]:
    """A word where a month stands: before a year of four or two digits ("Feburary 2025", "Apirl 25"), or
    after a day number ("15th Janaury")."""
    n = vocabulary().slips.short_month_letters
    word = rf"[A-Za-z]{{{n},}}+"
    return re.compile(
        rf"(?<![\w'’‘-])(?P<w>{word})(?=\s*[-,]?\s*(?:\d{{4}}|\d\d)(?![\w/]|-\d))"
        rf"|(?<![\w.,/])\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<d>{word})(?![\w'’‘])",
        re.IGNORECASE,
    )


_YEAR_NEXT = re.compile(r"\s*,?\s*(?:\d{4}|\d\d)(?![\w/])")


def correct_months(text: str) -> tuple[str, list[int]]:
    """``text`` with month names misspelt where a month stands replaced by the month, and where each
    replacement starts.  A replacement is as long as the word it replaces (the month's full name, or its
    first three letters, padded with spaces), so that every position in the text stays where it was."""
    corrected, starts, _ = month_slips(text)
    return corrected, starts


def month_slips(text: str) -> tuple[str, list[int], list[tuple[int, int]]]:
    """:func:`correct_months`, and, from the same pass, the spans of words standing where a month stands that
    are a slip for two months ("Juy": June or July), for :func:`unclear_months`."""
    pieces: list[str] = []
    starts: list[int] = []
    unclear: list[tuple[int, int]] = []
    pos = 0
    for m in _month_place_pattern().finditer(text):
        which = "w" if m.group("w") else "d"
        written = m.group(which)
        framed = which == "d" and _YEAR_NEXT.match(text, m.end()) is not None
        near = _month_slips(written.lower(), framed)
        if len(near) > 1 and which == "w":
            unclear.append(m.span("w"))
        if len(near) != 1:
            continue
        month = near[0]
        a = m.start(which)
        name = month if len(month) <= len(written) else month[:3]
        pieces += [text[pos:a], name.ljust(len(written))]
        starts.append(a)
        pos = a + len(written)
    if not starts:
        return text, [], unclear
    return "".join(pieces) + text[pos:], starts, unclear


def unclear_months(unclear: list[tuple[int, int]], terms: list[Term]) -> list[Term]:
    """``terms`` with each year that follows a word standing where a month stands, one slip from two months
    (``unclear``, from :func:`month_slips`: "Juy 2025", June or July), made an impossible month: the cell
    cannot be dated, and the year alone would say the whole year."""
    if not unclear:
        return terms
    out = list(terms)
    for start, end in unclear:
        for i, t in enumerate(out):
            if t.kind == "year" and 0 <= t.start - end <= 3:
                out[i] = Term(start, t.end, "impossible", unit="month")
    return out


def _read_slips(starts: list[int], terms: list[Term]) -> bool:
    """Whether any corrected month (by where it starts) is part of a date that was read."""
    i = 0
    for term in terms:  # both in order: one pass
        while i < len(starts) and starts[i] < term.start:
            i += 1
        if i < len(starts) and starts[i] < term.end:
            return True
    return False


@cache
def _status_candidates() -> tuple[tuple[str, str], ...]:
    """``(word, kind)`` for the one-word phrases of ``[status]`` long enough to be read through a slip."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))["status"]
    least = vocabulary().slips.status_letters
    return tuple(
        (str(phrase), kind)
        for kind, phrases in data.items()
        for phrase in phrases
        if " " not in phrase and len(phrase) >= least
    )


@lru_cache(maxsize=4096)
def _status_slip(word: str) -> str | None:
    """The status kind (``ongoing``, ``completed``, ``unknown``) that ``word`` is a slip for, if one kind only."""
    if len(word) < vocabulary().slips.status_letters or word in _known_words():
        return None
    kinds = {kind for phrase, kind in _status_candidates() if _one_slip(word, phrase)}
    return kinds.pop() if len(kinds) == 1 else None


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _status_slips(text: str) -> set[str]:
    """The status kinds that misspelt status words in ``text`` say ("Comlpeted": ``completed``); one denied by
    the words before it ("Not compelte") says nothing, as a status word spelt right would not."""
    least = vocabulary().slips.status_letters
    low = text.lower()
    denied = _denied_pattern()
    return {
        kind
        for m in _WORD.finditer(low)
        if len(m.group()) >= least
        and (kind := _status_slip(m.group()))
        and (kind == "unknown" or not denied.search(low, max(0, m.start() - 24), m.start()))
    }


# --- recurrence and events ----------------------------------------------------------------


@cache
def _recurrence_pattern() -> re.Pattern[str]:
    v = vocabulary()
    every = _phrases(list(v.every))
    numbers = rf"(?:{_alternation(list(v.numbers))}|\d{{1,3}})"
    months = _alternation([m.rstrip(".") for m in v.months])
    seasons = _alternation(list(v.seasons))
    weekdays = _alternation([d.rstrip(".") for d in v.weekdays])
    return re.compile(
        rf"(?<![\w])(?:(?P<nn>{numbers})[\s-]*(?P<ly>weekly|monthly|yearly)"
        rf"|(?P<word>{_phrases(v.recurrence)})"
        rf"|(?:{every})\s+(?:(?P<n>{numbers}|other)\s+)?(?P<unit>years?|yrs?|quarters?|months?|fortnights?|weeks?|days?)"
        rf"|(?:{every})\s+(?P<in_year>(?:{months})\.?|{seasons})"
        rf"|(?:{every})\s+(?P<wd>{weekdays})s?\.?)(?![\w])",
        re.IGNORECASE,
    )


@cache
def _on_weekday() -> re.Pattern[str]:
    weekdays = _alternation([d.rstrip(".") for d in vocabulary().weekdays])
    every = _phrases(list(vocabulary().every))
    # "Weekly on Tuesdays", "Weekly (Wednesdays)", "Weekly – every Tuesday"
    return re.compile(rf"\s*[(,:-]?\s*(?:(?:on|{every})\s+)?({weekdays})s?\b", re.IGNORECASE)


_UNIT = {"year": (12, "month"), "quarter": (3, "month"), "month": (1, "month"), "fortnight": (2, "week"),
         "week": (1, "week"), "day": (1, "day")}  # fmt: skip


def text_to_recurrence(text: str) -> str | None:
    """How often the text says the work recurs: a period name of ``[recurrence]`` ("annual",
    "quarterly", ...), ``every_<n>_<unit>s`` for other counts, ``weekly:<day>`` for a weekday; or ``None``."""
    v = vocabulary()
    for m in _recurrence_pattern().finditer(text):
        if m.group("word"):
            named = v.recurrence[_key(m.group("word"))]
            day = _on_weekday().match(text, m.end()) if named == "weekly" else None
            return f"weekly:{_day_name(day.group(1))}" if day else named
        if m.group("in_year"):
            return "annual"
        if m.group("wd"):
            return f"weekly:{_day_name(m.group('wd'))}"
        if m.group("ly"):  # "six-weekly", "3-monthly": a count of the unit the word names
            unit = {"weekly": "week", "monthly": "month", "yearly": "year"}[m.group("ly").lower()]
            raw = m.group("nn").lower()
            return _every(v.numbers.get(raw) or int(raw), unit)
        unit = m.group("unit").lower().rstrip("s")
        unit = "year" if unit.startswith("yr") else unit
        raw = (m.group("n") or "1").lower()
        return _every(2 if raw == "other" else v.numbers.get(raw) or int(raw), unit)
    return None


def _every(n: int, unit: str) -> str:
    """The recurrence of every ``n`` ``unit``s: a period's name where ``[recurrence.periods]`` has one."""
    per, base = _UNIT[unit]
    count = n * per
    named = vocabulary().periods_by_count.get((count, base))
    if named:
        return named
    return f"every_{count // 12}_years" if base == "month" and count % 12 == 0 else f"every_{count}_{base}s"


def _day_name(weekday: str) -> str:
    return calendar.day_abbr[(_weekday_number(weekday) or 1) - 1].lower()


_IN_THE_YEAR = ("deadline", "end_of", "start_of", "before")
"""Modifiers the one date of a yearly task may have, with no year, and still say when in the year it falls
("Annually by 31 March")."""


def _qualifiers(groups: list[Group], recurrence: str = "") -> list[Group]:
    """Groups that say when in the year a recurring task falls ("every September", "annually in Q1"):
    dates with no year of their own and no modifier, and "mid-month" beside a monthly task."""
    calendar_parts = ("month", "season", "quarter", "half", "day", "period")
    return [
        g
        for g in groups
        if not g.secondary
        and (
            # "every September": a date with no year says when in the year it falls; so does "by 31 March" as a
            # yearly task's only date ("Monthly updates; final report by March" is a deliverable's)
            (
                (g.modifier is None or (g.modifier in _IN_THE_YEAR and recurrence == "annual" and len(groups) == 1))
                and all(t.year is None and t.kind in calendar_parts for t in g.terms)
            )
            or all(t.kind == "relative" and t.unit == "this_month" for t in g.terms)  # "monthly, by mid-month"
        )
    ]


def _months_of(term: Term) -> tuple[int, int] | None:
    """The months (first, last) a year-less term covers, whatever the year."""
    span = _interval(term, None, 2001)  # any year whose spans do not wrap oddly
    if span is None:
        return None
    return span[0].month, span[1].month


def _qualified(recurrence: str, qualifiers: list[Group]) -> str:
    """``annual`` + "September" -> ``annual:09``; + "Q1" -> ``annual:04-06``; several -> ``annual:03,09``."""
    if ":" in recurrence or not qualifiers:
        return recurrence
    parts: list[str] = []
    for g in qualifiers:
        months = [m for m in (_months_of(t) for t in g.terms) if m]
        if not months:
            continue
        if g.link == "list":
            parts += [f"{a:02d}" if a == b else f"{a:02d}-{b:02d}" for a, b in months]
        else:
            a, b = months[0][0], months[-1][1]
            parts.append(f"{a:02d}" if a == b else f"{a:02d}-{b:02d}")
    return f"{recurrence}:{','.join(dict.fromkeys(parts))}" if parts else recurrence


def _bounds_recurrence(text: str, group: Group) -> bool:
    """Whether a recurring cell's one date group says how long the work recurs: a start ("from April 2025"),
    a range ("April 2025 - March 2026"), or an end after a word of ``[recurrence_bounds]`` ("until March
    2026", "throughout 2025"), not a deadline ("by September")."""
    if group.modifier == "from" or group.link == "range":
        return True
    return _bound_before().search(text[: group.span[0]]) is not None


@cache
def _bound_before() -> re.Pattern[str]:
    """A word of ``[recurrence_bounds]`` at the end of the text before a date, perhaps with a part of the
    period between them ("until the end of 2025/26", "throughout the whole of 2025")."""
    v = vocabulary()
    parts = _phrases([p for p, k in v.modifiers.items() if k in ("early", "mid", "late", "end_of", "start_of")])
    articles = _phrases(v.articles)
    return re.compile(rf"(?<!\w)(?:{_phrases(v.recurrence_bounds)})(?:\s+(?:{articles}))?(?:\s+(?:{parts}))?\s*$", re.I)


def _recurring_span(
    raw: str, groups: list[Group], recurrence: str, flags: set[str], reference: dt.date | None
) -> Timescale:
    """ "every year for the next three years": recurring over the span, from the plan's date to its end."""
    ends = [g.end for g in groups if g.end is not None]
    end = max(ends) if ends else None
    start = reference if end is not None and reference is not None and reference <= end else None
    return Timescale(
        raw=raw,
        start=start,
        end=end,
        granularity="relative",
        status="ongoing",
        rule=f"recurrence:{recurrence}:relative",
        ongoing=True,
        recurrence=recurrence,
        flags=_flags(flags),
    )


@cache
def _event_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{_phrases(vocabulary().events)})(?![\w])", re.IGNORECASE)


def _event(text: str) -> str | None:
    """The event the text names as its date ("by the next election"), if any."""
    found = _event_pattern().search(text)
    return vocabulary().events[_key(found.group())] if found else None


def _dated(raw: str, groups: list[Group], words: set[str]) -> Timescale:
    milestones = []
    for g in groups:
        s, e = g.span
        last = g.terms[-1]
        milestones.append(
            Milestone(raw=collapse(raw[s:e]), label=g.label, start=g.start, end=g.end, granularity=_granularity(last))
        )
    starts = [m.start for m in milestones if m.start is not None]
    closed = [m.end for m in milestones if m.end is not None]
    start = min(starts) if starts else None
    # An open part ("from X", "commenced X") leaves the end open only if nothing dated comes after it.
    opened = [m.start for m in milestones if m.end is None and m.start is not None]
    end = max(closed) if closed and not (opened and max(opened) > max(closed)) else None
    if start is not None and end is not None and start > end:
        start = None  # cannot happen by the rules above; an interval must never run backwards
    deciding = max(groups, key=lambda g: g.end or g.start or dt.date.min)
    granularity = _granularity(deciding.terms[-1])
    ongoing = "ongoing" in words or any(g.modifier == "began" for g in groups)
    rule = _rule(groups)
    done = "completed" in words or any(_key(g.label or "") in vocabulary().completion_labels for g in groups)
    status = "completed" if done and "ongoing" not in words else "dated"
    return Timescale(
        raw=raw,
        start=start,
        end=end,
        granularity=granularity,
        status=status,
        milestones=tuple(milestones),
        rule=rule,
        ongoing=ongoing,
    )


def _rule(groups: list[Group]) -> str:
    def one(g: Group) -> str:
        kinds = "-".join(dict.fromkeys(t.kind for t in g.terms))
        base = kinds if g.link == "single" else f"{g.link}:{kinds}"
        return f"{g.modifier}:{base}" if g.modifier else base

    return one(groups[0]) if len(groups) == 1 else "milestones:" + ",".join(one(g) for g in groups)


@lru_cache(maxsize=32)
def _date_parser(base: dt.datetime | None):  # type: ignore[no-untyped-def]
    """A dateparser parser for English, day first, relative to ``base`` (cached per plan date)."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "future",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)


def warm() -> None:
    """Build now (a worker's start-up) what the first cells would: the term pattern and the status words'
    patterns.  dateparser (a quarter of a second to load) is left to the first cell that needs it: a cell
    with a digit that the rules do not read, which most plans never have."""
    parse_timescale("Q3 2024/25")


_DATE_LIKE = re.compile(r"(?<!\w)\d{4}(?!\w)|(?<!\w)\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?!\w)")
"""What a date the rules did not read must hold before dateparser is asked: a four-digit year or a numeric date."""


def _dateparser(raw: str, reference: dt.date | None) -> Timescale | None:
    """dateparser for a cell that is one plain date the rules do not know (at most six words)."""
    text = collapse(raw)
    if not text or len(text) > 60 or len(text.split()) > 6 or not _DATE_LIKE.search(text):
        return None  # a date the rules missed has a year in it, or is all numbers ("3/6/25"): not "SO1", "1.1"
    base = dt.datetime.combine(reference, dt.time()) if reference else None
    try:
        data = _date_parser(base).get_date_data(text)
    except Exception:
        return None
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        start, end = dt.date(day.year, day.month, 1), _last_day(day.year, day.month)
    elif period == "year":
        start, end = dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    elif period == "week":
        start, end = day, day + dt.timedelta(days=6)
    else:
        start, end, period = day, day, "day"
    return Timescale(
        raw=raw,
        start=start,
        end=end,
        granularity=period,
        status="dated",
        milestones=(Milestone(raw=text, label=None, start=start, end=end, granularity=period),),
        rule="dateparser",
    )


# --- sequences of bare timescales (used to pair dates with actions) ----------------------------


def _bare_pieces(text: str) -> list[str] | None:
    """The expressions ``text`` is made of, or ``None`` if it holds anything but timescales.

    Dates (with their ranges and lists) and one-word status values
    ("Ongoing", "TBC") are the pieces; modifiers ("By", "onwards") go with
    the piece they belong to; any other word means the text is not a bare
    sequence.  Longer status phrases ("in progress") read as prose here.
    """
    clean = collapse(text).translate(_DASHES)
    v = vocabulary()
    spans = [g.span for g in terms_to_groups(clean, text_to_terms(clean))]
    status = _alternation([p for p in v.status if len(p) > 2 and " " not in p])
    covered = bytearray(len(clean))
    for a, b in spans:
        covered[a:b] = b"\x01" * (b - a)
    spans += [
        (m.start(), m.end())
        for m in re.finditer(rf"(?<![\w/])(?:{status})(?![\w/])", clean, re.I)
        if not covered[m.start()]
    ]
    spans.sort()
    pieces: list[str] = []
    pos = 0
    for s, e in spans:
        lead = clean[pos:s].strip(" ,;")
        if lead and not all(w in v.modifiers for w in lead.lower().split()):
            return None
        pieces.append(collapse(clean[pos:e]))
        pos = e
    tail = clean[pos:].strip(" ,;")
    if tail:
        if not pieces or not all(w in v.modifiers for w in tail.lower().split()):
            return None
        pieces[-1] = collapse(pieces[-1] + " " + tail)
    return pieces


def is_expression(text: str) -> bool:
    """Whether the whole of ``text`` is one bare timescale expression ("April-Sept 2024", "Ongoing")."""
    pieces = _bare_pieces(text)
    return pieces is not None and len(pieces) == 1


def wrapped_date(first: str, second: str, reference: dt.date | None = None) -> bool:
    """Whether two lines are one date wrapped across them in a narrow cell ("March" / "2026", "31 March" /
    "2026", "End of" / "2025/26"): the second is only a year (or a financial year), the first names no year
    of its own, and the two read together as a date whose year is written."""
    alone = parse_timescale(second, reference)
    if alone.rule not in ("year", "financial_year"):
        return False
    head = parse_timescale(first, reference)
    if head.status in ("ongoing", "completed") or (head.status == "dated" and "year_from_plan_date" not in head.flags):
        return False
    joined = parse_timescale(f"{first} {second}", reference)
    return joined.status == "dated" and "year_from_plan_date" not in joined.flags and joined.rule != alone.rule


def split_sequence(text: str) -> list[str]:
    """Split a line made only of timescale expressions into them, else return it whole.

    "Spring 2024 Spring 2024" -> ["Spring 2024", "Spring 2024"];
    "Ongoing Spring 2024 Autumn 2024" -> three items; "Working Group –
    March 2024 Final strategy – October 2024" stays whole (it has labels).
    """
    text = collapse(text)
    if not text:
        return []
    pieces = _bare_pieces(text)
    return pieces if pieces and len(pieces) > 1 else [text]
