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
  "2024/2025", "FY 2024/25"); their quarters and halves count from April
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
  month of the plan's date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from actionplans.records import Milestone, Timescale
from normalise.text import collapse

_DATA = Path(__file__).parent / "data" / "timescale.toml"


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


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    months = {name: int(num) for num, names in data["months"].items() for name in names}
    seasons = {name: (int(a), int(b)) for name, (a, b) in data["seasons"].items()}
    status = {phrase: kind for kind, phrases in data["status"].items() for phrase in phrases}
    modifiers = {phrase: kind for kind, phrases in data["modifiers"].items() for phrase in phrases}
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
    )


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


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
    ``financial_year``, ``years``, ``relative``"""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    last_day: int | None = None
    number: int | None = None
    """Quarter or half number, or the first of a relative span."""
    number_to: int | None = None
    unit: str | None = None
    fiscal: bool = False
    year_to: int | None = None
    season: str | None = None


@cache
def _term_pattern() -> re.Pattern[str]:
    v = vocabulary()
    month = rf"(?:{_alternation([m.rstrip('.') for m in v.months])})\.?"
    season = rf"(?:{_alternation(list(v.seasons))})"
    ordinal = r"(?:st|nd|rd|th)"
    y4 = r"(?:19|20)\d\d"
    fy = r"(?:19|20)?\d\d\s*[/-]\s*(?:19|20)?\d\d"
    short = r"['’]\s?\d\d"
    numbers = rf"(?:{_alternation(list(v.numbers))}|\d{{1,2}})"
    quarter_ordinal = _alternation(list(v.ordinals))
    half_ordinal = _alternation([w for w, n in v.ordinals.items() if n <= 2])
    alternatives = [
        rf"(?:w/c|w\.c\.|wc|w/b|week commencing|week beginning)\s*(?P<wk_d>\d{{1,2}}){ordinal}?\s+(?:of\s+)?"
        rf"(?P<wk_m>{month})(?:,?\s+(?P<wk_y>{y4}|\d\d))?",
        rf"(?P<iso_y>{y4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)",
        rf"(?P<nd_d>\d{{1,2}})[/.](?P<nd_m>\d{{1,2}})[/.](?P<nd_y>{y4}|\d\d)(?![\d/])",
        rf"(?P<dr_a>\d{{1,2}}){ordinal}?\s*(?:-|–|to|and|&)\s*(?P<dr_b>\d{{1,2}}){ordinal}?\s+(?:of\s+)?"
        rf"(?P<dr_m>{month})(?:,?\s+(?P<dr_y>{y4}))?",
        rf"(?P<dm_d>\d{{1,2}}){ordinal}?\s+(?:of\s+)?(?P<dm_m>{month})(?:,?\s+(?P<dm_y>{y4}|{short}))?",
        rf"(?P<md_m>{month})\s+(?P<md_d>\d{{1,2}})(?:{ordinal}(?:,?\s+(?P<md_y>{y4}))?|,\s*(?P<md_y2>{y4}))",
        rf"(?:q(?P<q_n>[1-4])|(?:quarter|qtr\.?)\s+(?P<q_n2>[1-4])|(?P<q_w>{quarter_ordinal})"
        rf"\s+quarter)(?:\s+(?:of\s+)?(?:the\s+)?(?:fy\s*)?(?P<q_y>{fy}|{y4}|{short}))?",
        rf"(?:h(?P<h_n>[12])|(?P<h_w>{half_ordinal})\s+half)(?:\s+(?:of\s+)?(?:the\s+)?(?:fy\s*)?"
        rf"(?P<h_y>{fy}|{y4}))?",
        rf"\((?P<fyp_a>{y4})\s*(?:to|-|/)\s*(?P<fyp_b>\d\d)\)",
        rf"(?:(?:fy|financial year|fin\.? year|year)\s*)?(?P<fy>{fy})",
        rf"(?P<yr_a>{y4})\s*(?:to|until|through|-|–)\s*(?P<yr_b>{y4})",
        rf"(?P<mo_m>{month})(?:\s*[-,]?\s*(?P<mo_y>{y4}|{short}|\d\d(?![\d/:])))?",
        rf"(?P<se_s>{season})(?:\s+term)?(?:\s*,?\s*(?P<se_y>{fy}|{y4}|{short}|\d\d(?![\d/])))?",
        rf"(?P<rel_a>{numbers})(?:\s*(?:-|–|to|or)\s*(?P<rel_b>{numbers}))?\s+"
        rf"(?P<rel_u>years?|yrs?|months?|weeks?)",
        rf"(?P<year>{y4})",
        r"(?P<rw>this financial year|next financial year|(?:the\s+)?(?:current\s+)?financial year(?:[\s-]+end)?|"
        r"year[\s-]end|this year|next year|this month|next month|this quarter|next quarter)",
    ]
    body = "|".join(f"(?:{a})" for a in alternatives)
    return re.compile(rf"(?<![\w'’])(?:{body})(?![\w])", re.IGNORECASE)


def _month_number(name: str) -> int:
    months = vocabulary().months
    key = name.lower().rstrip(".")
    return months.get(key) or months[key + "."]


def _fy_start(text: str) -> tuple[int, str] | None:
    """``(first year, how)`` for "2024/25"-like text: ``fy`` for a financial year, ``years`` for a span."""
    m = re.fullmatch(r"(?:(19|20)?(\d\d))\s*([/-])\s*(?:(19|20)?(\d\d))", text.strip())
    if not m:
        return None
    a = int((m.group(1) or "20") + m.group(2))
    b = int((m.group(4) or str(a)[:2]) + m.group(5))
    if b < a:
        b += 100
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
    for m in _term_pattern().finditer(text):
        term = _to_term(m, reference)
        if term is None:
            continue
        if term.kind == "relative" and re.search(r"\bevery\s*$", text[: term.start], re.I):
            continue  # "every 6 months" is how often, not when
        out.append(term)
    return out


def _to_term(m: re.Match[str], reference: dt.date | None) -> Term | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    try:
        if g["wk_d"]:
            year, _ = _year_of(g["wk_y"], reference)
            return Term(s, e, "week", year=year, month=_month_number(g["wk_m"]), day=int(g["wk_d"]))
        if g["iso_y"]:
            dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
            return Term(s, e, "day", year=int(g["iso_y"]), month=int(g["iso_m"]), day=int(g["iso_d"]))
        if g["nd_d"]:
            y = int(g["nd_y"]) if len(g["nd_y"]) == 4 else 2000 + int(g["nd_y"])
            dt.date(y, int(g["nd_m"]), int(g["nd_d"]))
            return Term(s, e, "day", year=y, month=int(g["nd_m"]), day=int(g["nd_d"]))
        if g["dr_a"]:
            year, _ = _year_of(g["dr_y"], reference)
            return Term(
                s, e, "day", year=year, month=_month_number(g["dr_m"]), day=int(g["dr_a"]), last_day=int(g["dr_b"])
            )
        if g["dm_d"]:
            year, _ = _year_of(g["dm_y"], reference)
            return Term(s, e, "day", year=year, month=_month_number(g["dm_m"]), day=int(g["dm_d"]))
        if g["md_m"]:
            year, _ = _year_of(g["md_y"] or g["md_y2"], reference)
            return Term(s, e, "day", year=year, month=_month_number(g["md_m"]), day=int(g["md_d"]))
        if g["q_n"] or g["q_n2"] or g["q_w"]:
            n = int(g["q_n"] or g["q_n2"] or 0) or vocabulary().ordinals[g["q_w"].lower()]
            year, fiscal = _year_of(g["q_y"], reference)
            return Term(s, e, "quarter", year=year, number=n, fiscal=fiscal or year is None)
        if g["h_n"] or g["h_w"]:
            n = int(g["h_n"] or 0) or vocabulary().ordinals[g["h_w"].lower()]
            year, fiscal = _year_of(g["h_y"], reference)
            return Term(s, e, "half", year=year, number=n, fiscal=fiscal or year is None)
        if g["fyp_a"]:
            return Term(s, e, "financial_year", year=int(g["fyp_a"]), fiscal=True)
        if g["fy"]:
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
        if g["mo_m"]:
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
            return Term(s, e, "season", year=year, season=g["se_s"].lower(), fiscal=fiscal)
        if g["rel_a"]:
            a = vocabulary().numbers.get(g["rel_a"].lower()) or int(g["rel_a"])
            upto = vocabulary().numbers.get((g["rel_b"] or "").lower()) or (int(g["rel_b"]) if g["rel_b"] else a)
            unit = g["rel_u"].lower().rstrip("s")
            unit = "year" if unit.startswith("yr") else unit
            return Term(s, e, "relative", number=a, number_to=upto, unit=unit)
        if g["year"]:
            return Term(s, e, "year", year=int(g["year"]))
        if g["rw"]:
            return _relative_words(m, g["rw"].lower())
    except (ValueError, KeyError):
        return None
    return None


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
    if re.fullmatch(r"year[\s-]end", words):
        return Term(s, e, "relative", number=0, unit="financial_year_end")  # councils' year ends 31 March
    if "financial year" in words:
        return Term(s, e, "relative", number=1 if words.startswith("next") else 0, unit="financial_year")
    if "quarter" in words:
        return Term(s, e, "relative", number=1 if words.startswith("next") else 0, unit="quarter")
    if "month" in words:
        return Term(s, e, "relative", number=1 if words.startswith("next") else 0, unit="this_month")
    return Term(s, e, "relative", number=1 if words.startswith("next") else 0, unit="calendar_year")


# --- intervals of terms ---------------------------------------------------------


def _interval(t: Term, reference: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The inclusive interval a term covers, or ``None`` if it still needs a year."""
    v = vocabulary()
    if t.kind == "relative":
        return _relative_interval(t, reference)
    if t.year is None:
        return None
    y = t.year
    if t.kind == "day":
        assert t.month and t.day
        first = dt.date(y, t.month, t.day)
        return first, dt.date(y, t.month, t.last_day) if t.last_day else first
    if t.kind == "week":
        assert t.month and t.day
        first = dt.date(y, t.month, t.day)
        return first, first + dt.timedelta(days=6)
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
    if t.unit == "calendar_year":
        return dt.date(reference.year + n, 1, 1), dt.date(reference.year + n, 12, 31)
    if t.unit in ("financial_year", "financial_year_end"):
        fy = reference.year if reference.month >= 4 else reference.year - 1
        first, last = _fy(fy + n)
        return (last, last) if t.unit == "financial_year_end" else (first, last)
    if t.unit == "quarter":
        start = _add_months(dt.date(reference.year, (reference.month - 1) // 3 * 3 + 1, 1), 3 * n)
        return start, _last_day(_add_months(start, 2).year, _add_months(start, 2).month)
    if t.unit == "this_month":
        start = _add_months(dt.date(reference.year, reference.month, 1), n)
        return start, _last_day(start.year, start.month)
    months = {"year": 12, "month": 1}.get(t.unit or "", 0)
    if months:
        return _add_months(reference, months * n), _add_months(reference, months * (t.number_to or n))
    days = 7 * n, 7 * (t.number_to or n)
    return reference + dt.timedelta(days=days[0]), reference + dt.timedelta(days=days[1])


_GRANULARITY = {"years": "year", "relative": "relative"}


def _granularity(t: Term) -> str:
    if t.kind == "day" and t.last_day:
        return "day"
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
                before = text[: groups[-1].terms[0].start].lower()
                if kind == "list" and gap.strip().lower() == "and" and re.search(r"\bbetween\s*$", before):
                    kind = "range"
                group = groups[-1]
                group.link = kind if group.link == "single" else group.link
                group.terms.append(term)
                continue
        groups.append(Group(terms=[term]))
    return groups


def _joinable(a: Term, b: Term) -> bool:
    """Relative spans and lone years do not join other kinds ("2024 and 6 months" are apart)."""
    return not (a.kind == "relative" or b.kind == "relative")


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


def _phrase_at_end(text: str, kinds: tuple[str, ...]) -> tuple[str, str] | None:
    """The longest modifier phrase of one of ``kinds`` that ``text`` ends with, as ``(kind, phrase)``."""
    low = re.sub(r"[\s:,(–-]+$", "", text.lower())
    best: tuple[str, str] | None = None
    for phrase, kind in vocabulary().modifiers.items():
        longer = best is None or len(phrase) > len(best[1])
        if kind in kinds and longer and re.search(rf"(?:^|[^\w]){re.escape(phrase)}$", low):
            best = (kind, phrase)
    return best


def apply_context(text: str, groups: list[Group]) -> None:
    """Read each group's modifier, label and purpose from the text around it."""
    v = vocabulary()
    previous_end = 0
    for n, group in enumerate(groups):
        start, end = group.span
        gap = text[previous_end:start]
        # The part of the gap after the last clause break belongs to this group.
        lead = re.split(r"[,;.]\s+|\)\s*", gap)[-1] if n else gap
        found = _phrase_at_end(
            lead, ("deadline", "end_of", "start_of", "before", "from", "began", "early", "mid", "late")
        )
        if found:
            group.modifier = found[0]
            lead = lead[: len(lead.rstrip(" :,(–-")) - len(found[1])]
        after = text[end:]
        following = re.match(r"\s*(onwards|onward|and beyond|and onwards|on\b|\+)", after, re.I)
        if following and group.modifier is None:
            group.modifier = "from"
        words = re.findall(r"[a-z]+", lead.lower())
        if n and any(w in v.purpose for w in words) and any(not g.secondary for g in groups[:n]):
            group.secondary = True  # "March 25 for 25/26 service plans"
            group.modifier = None
        group.label = lead  # provisional: the leading text, settled below
        previous_end = end
    for n, group in enumerate(groups):
        label = collapse(re.sub(r"^[\s\-–:,.;()]+|[\s\-–:,.;(]+$", "", group.label or ""))
        if not label or _is_filler(label):
            # Else a bracket or a "for ..." clause right after it, up to the next due date.
            tail = text[group.span[1] : _next_start(groups, n, text)]
            clause = re.match(r"\s*(?:\(([^()]+)\)|for\s+([^,;()]+))", tail, re.I)
            label = collapse(clause.group(1) or clause.group(2)) if clause else ""
        group.label = label if label and not _is_filler(label) else None


def _next_start(groups: list[Group], n: int, text: str) -> int:
    """Where the next due date (not a purpose date) starts, or the end of the text."""
    later = [g.span[0] for g in groups[n + 1 :] if not g.secondary]
    return later[0] if later else len(text)


def _is_filler(label: str) -> bool:
    words = re.findall(r"[a-z]+", label.lower())
    v = vocabulary()
    return not words or all(w in v.fillers or w in v.status for w in words)


# --- resolving years and applying modifiers ---------------------------------------------


def _candidates(t: Term, reference: dt.date) -> list[Term]:
    """The same term in the years around the reference, earliest first."""
    base = reference.year
    if t.kind in ("quarter", "half") and t.fiscal:
        base = reference.year if reference.month >= 4 else reference.year - 1
    return [replace(t, year=y) for y in (base - 1, base, base + 1)]


def resolve(group: Group, reference: dt.date | None) -> None:
    """Give the group's terms years (the first occurrence not ending before the reference month) and its interval."""
    _share_years(group)
    intervals: list[tuple[dt.date, dt.date]] = []
    for i, term in enumerate(group.terms):
        span = _interval(term, reference)
        if span is None and reference is not None and term.year is None and term.kind != "relative":
            floor = dt.date(reference.year, reference.month, 1)
            for candidate in _candidates(term, reference):
                span = _interval(candidate, reference)
                if span and span[1] >= floor:
                    group.terms[i] = candidate
                    group.notes.append("year from the plan's date")
                    break
        if span is None:
            return
        intervals.append(span)
    if group.link == "range" and len(intervals) > 1 and intervals[-1][1] < intervals[0][0]:
        # "Winter - Spring 2025" and the like: the end comes in the year after.
        last = group.terms[-1]
        if last.year is not None:
            group.terms[-1] = replace(last, year=last.year + 1)
            moved = _interval(group.terms[-1], reference)
            if moved:
                intervals[-1] = moved
    group.start = min(s for s, _ in intervals)
    group.end = max(e for _, e in intervals)
    group.resolved = True
    _modify(group)


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
    """Which of ``ongoing``, ``completed``, ``unknown`` the text's words say."""
    low = " " + re.sub(r"[^\w/&+?-]+", " ", text.lower()) + " "
    found = set()
    for phrase, kind in vocabulary().status.items():
        if re.search(rf"(?<![\w/]){re.escape(phrase)}(?![\w/])", low):
            found.add(kind)
    return found


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
    text = raw.translate(_DASHES)
    if not text.strip():
        return Timescale(raw=raw, status="unknown", rule="empty")
    terms = text_to_terms(text, reference)
    groups = terms_to_groups(text, terms)
    apply_context(text, groups)
    for group in groups:
        resolve(group, reference)
    leftover = text
    for t in terms:
        leftover = leftover[: t.start] + " " * (t.end - t.start) + leftover[t.end :]
    words = _status_words(leftover)
    dated = [g for g in groups if g.resolved and not g.secondary]
    if not dated and not [g for g in groups if not g.secondary and g.terms]:
        fallback = _dateparser(raw, reference) if not words else None
        if fallback is not None:
            return fallback
    if dated:
        return _dated(raw, dated, words)
    if "completed" in words:
        return Timescale(raw=raw, status="completed", rule="status:completed")
    if "ongoing" in words:
        return Timescale(raw=raw, status="ongoing", rule="status:ongoing", ongoing=True)
    if groups and reference is None:
        return Timescale(raw=raw, status="unknown", rule="needs_reference")
    return Timescale(raw=raw, status="unknown", rule="status:unknown" if "unknown" in words else "no_date")


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
    deciding = max(groups, key=lambda g: g.end or g.start or dt.date.min)
    granularity = _granularity(deciding.terms[-1])
    ongoing = "ongoing" in words or any(g.modifier == "began" for g in groups)
    rule = _rule(groups)
    status = "completed" if "completed" in words and "ongoing" not in words else "dated"
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
    """Build now (a worker's start-up) what the first cells would: the term pattern, the status words'
    patterns, and dateparser's English data (imported and read on its first date, a quarter of a second)."""
    parse_timescale("Q3 2024/25")
    _dateparser("1 March 2025", None)


def _dateparser(raw: str, reference: dt.date | None) -> Timescale | None:
    """dateparser for a cell that is one plain date the rules do not know (at most six words)."""
    text = collapse(raw)
    if not text or len(text.split()) > 6 or not re.search(r"\d|[a-z]{3}", text, re.I):
        return None
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
    spans += [
        (m.start(), m.end())
        for m in re.finditer(rf"(?<![\w/])(?:{status})(?![\w/])", clean, re.I)
        if not any(a <= m.start() < b for a, b in spans)
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
