"""Timescale expressions of UK council plans.

This module recognises bare timescale expressions ("Spring 2024",
"April-Sept 2024", "Q3 2024/25", "Ongoing") so that a cell holding several
of them on one line ("Spring 2024 Spring 2024") can be split into items and
aligned with the actions beside it.  The words it knows live in
``data/timescale.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from normalise.text import collapse

_DATA = Path(__file__).parent / "data" / "timescale.toml"


@dataclass(frozen=True)
class Vocabulary:
    months: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    status: dict[str, str]
    modifiers: dict[str, str]


@cache
def vocabulary() -> Vocabulary:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    months = {name: int(num) for num, names in data["months"].items() for name in names}
    seasons = {name: (int(a), int(b)) for name, (a, b) in data["seasons"].items()}
    status = {phrase: kind for kind, phrases in data["status"].items() for phrase in phrases}
    modifiers = {phrase: kind for kind, phrases in data["modifiers"].items() for phrase in phrases}
    return Vocabulary(months, seasons, status, modifiers)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _atom() -> re.Pattern[str]:
    v = vocabulary()
    month = rf"(?:{_alternation([m.rstrip('.') for m in v.months])})\.?"
    season = rf"(?:{_alternation(list(v.seasons))})"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    year = r"(?:19|20)\d{2}"
    fy = r"(?:fy\s*)?(?:19|20)?\d{2}\s*[/-]\s*(?:19|20)?\d{2}"
    short_year = r"(?:'|’)?\d{2}"
    period = rf"(?:{day}\s+{month}|{month}\s+{day}(?=\s*(?:,|\s)\s*{year})|{month}|{season}|q[1-4]|h[12])"
    span = rf"{period}(?:\s*(?:[-–/&]|to|and)\s*{period})*"
    modifier = r"(?:(?:early|mid|late|end\s+of|by|from|until|before)\s*-?\s*)?"
    status = _alternation([s for s in v.status if len(s) > 2])
    pattern = (
        rf"{modifier}(?:{span}(?:\s*,?\s*(?:{fy}|{year}|{short_year}))?"
        rf"|{fy}|{year}(?:\s*[-–]\s*{year})?)"
        rf"|(?:{status})"
    )
    return re.compile(pattern, re.IGNORECASE)


def is_expression(text: str) -> bool:
    """Whether the whole of ``text`` is one bare timescale expression."""
    text = collapse(text)
    return bool(text) and bool(_atom().fullmatch(text))


def split_sequence(text: str) -> list[str]:
    """Split a line made only of timescale expressions into them, else return it whole.

    "Spring 2024 Spring 2024" -> ["Spring 2024", "Spring 2024"];
    "Ongoing Spring 2024 Autumn 2024" -> three items; "Working Group –
    March 2024 Final strategy – October 2024" stays whole (it has labels).
    """
    text = collapse(text)
    if not text:
        return []
    parts: list[str] = []
    pos = 0
    atom = _atom()
    while pos < len(text):
        best = None
        for m in atom.finditer(text, pos):
            if m.start() != pos:
                break
            best = m
            break
        if best is None:
            return [text]
        end = best.end()
        # Prefer the longest match that ends at a word boundary.
        candidates = [end]
        for stop in range(len(text), pos, -1):
            if (stop == len(text) or text[stop] == " ") and atom.fullmatch(text, pos, stop):
                candidates.append(stop)
                break
        end = max(candidates)
        if end < len(text) and text[end] != " ":
            return [text]
        parts.append(text[pos:end].strip())
        pos = end + 1 if end < len(text) else end
    return parts if len(parts) > 1 else [text]
