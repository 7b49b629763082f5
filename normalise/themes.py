"""Themes: what an action or a recommendation is about, from a vocabulary kept as data.

``themes_of(["Refresh the medium term financial strategy"])`` ->
``[(["Financial planning and management", "finance"], ["...: medium term financial strategy", ...])]``.

The vocabulary (``data/themes.toml``) has the five LGA Corporate Peer
Challenge themes and service areas, each a list of terms.  Terms are matched
as whole words (``phrases.PhraseMatcher``): on lemmas (the lower-cased word
with its regular plural folded, :func:`fold`), and terms written in
capitals (``MTFS``, ``IT``, ``SEND``) on the exact letters, so that "it"
and "send" are not themes.  Each theme found keeps the words that matched, as
evidence.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from actionplans.normalise.phrases import PhraseMatcher, Token, tokens

_DATA = Path(__file__).parent / "data" / "themes.toml"
_ACRONYM = re.compile(r"^[A-Z0-9]{2,}$")


@dataclass(frozen=True)
class Theme:
    name: str
    family: str
    terms: tuple[str, ...]


@cache
def vocabulary() -> tuple[Theme, ...]:
    """The themes, in the order the data file lists them."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    return tuple(Theme(t["name"], t["family"], tuple(t["terms"])) for t in data["theme"])


def fold(word: str) -> str:
    """A word's lemma as themes match it: lower case, a regular English plural made singular."""
    w = word.lower()
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "xes", "zes", "ches", "shes")):
        return w[:-2]
    return w[:-1]


@cache
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher]:
    """Word terms compared on lemmas, acronyms on their letters (with their plurals)."""
    by_lemma, by_letters = PhraseMatcher(fold), PhraseMatcher(str)
    for theme in vocabulary():
        for term in theme.terms:
            if _ACRONYM.match(term):
                for form in _acronym_forms(term):
                    by_letters.add(theme.name, form)
            else:
                by_lemma.add(theme.name, term)
    return by_lemma, by_letters


def warm() -> None:
    """Read the vocabulary and build the matchers now (a worker's start-up) rather than for the first action."""
    _matchers()


def _acronym_forms(acronym: str) -> list[str]:
    """An acronym as plans write it: as it is, and plural ("KPIs"; "MTFs" for a plural of "MTF" written
    over an "MTFS")."""
    forms = [acronym, f"{acronym}s"]
    if acronym.endswith("S") and len(acronym) > 2:
        forms.append(f"{acronym[:-1]}s")
    return forms


def _shouting(found: list[Token], start: int, end: int) -> bool:
    """Whether the words either side of a match are in capitals too (a heading set in capitals)."""
    near = [t.text for t in found[max(start - 1, 0) : start] + found[end : end + 1] if t.text.isalpha()]
    return bool(near) and all(w.isupper() and len(w) > 1 for w in near)


def themes_of(texts: Iterable[str]) -> list[tuple[list[str], list[str]]]:
    """For each text, its themes (in vocabulary order) and the evidence for each (``theme: words``)."""
    by_lemma, by_letters = _matchers()
    order = {t.name: i for i, t in enumerate(vocabulary())}
    out = []
    for text in texts:
        text = text or ""
        found = tokens(text)
        evidence: dict[str, list[str]] = {}
        for matcher in (by_lemma, by_letters):
            for match in matcher(found):
                if matcher is by_letters and _shouting(found, match.start, match.end):
                    continue  # "PLAN WHAT IT WILL DELIVER": in capitals throughout, "IT" is the word "it"
                words = match.text(text, found)
                seen = evidence.setdefault(match.label or "", [])
                if words.lower() not in (w.lower() for w in seen):
                    seen.append(words)
        names = sorted(evidence, key=order.__getitem__)
        out.append((names, [f"{n}: {', '.join(evidence[n])}" for n in names]))
    return out


def from_context(found: tuple[list[str], list[str]], where: str) -> tuple[list[str], list[str]]:
    """Themes an action takes from around it (its recommendation, the theme row above it), the evidence saying
    so: ``workforce: staff (recommendation)``."""
    names, evidence = found
    return list(names), [f"{line} ({where})" for line in evidence]
