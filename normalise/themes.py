"""Themes: what an action or a recommendation is about, from a vocabulary kept as data.

``themes_of(["Refresh the medium term financial strategy"])`` ->
``[(["Financial planning and management", "finance"], ["...: medium term financial strategy", ...])]``.

The vocabulary (``data/themes.toml``) has the five LGA Corporate Peer
Challenge themes and service areas, each a list of terms.  Terms are matched
as whole words with spaCy's PhraseMatcher over the blank English pipeline:
on lemmas (the lower-cased word with its regular plural folded, set by the
``theme_lemmas`` component, since the blank pipeline has no lemmatiser), and
terms written in capitals (``MTFS``, ``IT``, ``SEND``) on the exact letters,
so that "it" and "send" are not themes.  Each theme found keeps the words
that matched, as evidence.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

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
def _matchers() -> tuple[Any, Any, Any]:
    from spacy.lang.en import English
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

    if not Language.has_factory("theme_lemmas"):

        @Language.component("theme_lemmas")
        def theme_lemmas(doc: Any) -> Any:
            for token in doc:
                token.lemma_ = fold(token.text)
            return doc

    nlp = English()
    nlp.add_pipe("theme_lemmas")
    by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    by_letters = PhraseMatcher(nlp.vocab, attr="ORTH")
    for theme in vocabulary():
        words = [t for t in theme.terms if not _ACRONYM.match(t)]
        acronyms = [t for t in theme.terms if _ACRONYM.match(t)]
        if words:
            by_lemma.add(theme.name, list(nlp.pipe(words)))
        if acronyms:
            by_letters.add(theme.name, [nlp.make_doc(form) for t in acronyms for form in _acronym_forms(t)])
    return nlp, by_lemma, by_letters


def _acronym_forms(acronym: str) -> list[str]:
    """An acronym as plans write it: as it is, and plural ("KPIs"; "MTFs" for a plural of "MTF" written
    over an "MTFS")."""
    forms = [acronym, f"{acronym}s"]
    if acronym.endswith("S") and len(acronym) > 2:
        forms.append(f"{acronym[:-1]}s")
    return forms


def _shouting(doc: Any, start: int, end: int) -> bool:
    """Whether the words either side of a match are in capitals too (a heading set in capitals)."""
    near = [t.text for t in (doc[start - 1 : start] if start else []) if t.is_alpha]
    near += [t.text for t in doc[end : end + 1] if t.is_alpha]
    return bool(near) and all(w.isupper() and len(w) > 1 for w in near)


def themes_of(texts: Iterable[str]) -> list[tuple[list[str], list[str]]]:
    """For each text, its themes (in vocabulary order) and the evidence for each (``theme: words``)."""
    texts = list(texts)
    if not any(texts):  # no words: spaCy need not be loaded (a document without records never loads it)
        return [([], []) for _ in texts]
    nlp, by_lemma, by_letters = _matchers()
    order = {t.name: i for i, t in enumerate(vocabulary())}
    out = []
    for doc in nlp.pipe(t or "" for t in texts):
        found: dict[str, list[str]] = {}
        for matcher in (by_lemma, by_letters):
            for match_id, start, end in matcher(doc):
                if matcher is by_letters and _shouting(doc, start, end):
                    continue  # "PLAN WHAT IT WILL DELIVER": in capitals throughout, "IT" is the word "it"
                words = doc[start:end].text
                seen = found.setdefault(nlp.vocab.strings[match_id], [])
                if words.lower() not in (w.lower() for w in seen):
                    seen.append(words)
        names = sorted(found, key=order.__getitem__)
        out.append((names, [f"{n}: {', '.join(found[n])}" for n in names]))
    return out


def from_context(found: tuple[list[str], list[str]], where: str) -> tuple[list[str], list[str]]:
    """Themes an action takes from around it (its recommendation, the theme row above it), the evidence saying
    so: ``workforce: staff (recommendation)``."""
    names, evidence = found
    return list(names), [f"{line} ({where})" for line in evidence]
