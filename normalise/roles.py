"""Owners' roles: canonical titles, and the roles a text names.

``canonical_owner("ADs")`` -> "Assistant Director"; ``canonical_owner("Director
(Finance)")`` -> "Director of Finance"; a person's name stays as written.  The
vocabulary is ``data/roles.toml`` (canonical titles with the ways plans write
them, department abbreviations, the titles to look for in text); users extend
it there.

``mentioned_roles("ED's and ADs to hold more directorate meetings")`` ->
["Executive Director", "Assistant Director"]: token patterns
(``phrases.PatternMatcher``) built from the same vocabulary (abbreviations
match in capitals only; titles in any case, singular, plural or possessive;
"Head of X" and "Director for X" with the department that follows), the
longest names that do not overlap.  If a trained spaCy English pipeline
happens to be installed, its PERSON entities also mark owners that are
people; spaCy is imported only then, and nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from actionplans.normalise.owners import roles_data
from actionplans.normalise.phrases import Pattern, PatternMatcher, Step, lower, orth, token_texts, tokens
from actionplans.normalise.text import singular

_SMALL = frozenset(["of", "and", "for", "the", "in", "to", "with", "on", "at", "a", "an"])


@dataclass(frozen=True)
class RoleVocabulary:
    canonical: dict[str, str]
    """Lower-case key of a title or alias -> canonical title (aliases in capitals excluded)."""
    abbreviations: dict[str, str]
    """Abbreviation as written (capitals) -> canonical title."""
    departments: dict[str, str]
    mentioned: tuple[str, ...]
    heads: tuple[str, ...]
    head_nouns: frozenset[str]
    units: frozenset[str]


def _is_abbreviation(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(alias) <= 6 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


@cache
def role_vocabulary() -> RoleVocabulary:
    data = roles_data()
    canonical: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for title, aliases in data["canonical"].items():
        canonical[_key(title)] = title
        for alias in aliases:
            if _is_abbreviation(alias):
                abbreviations[alias] = title
            else:
                canonical[_key(alias)] = title
    return RoleVocabulary(
        canonical=canonical,
        abbreviations=abbreviations,
        departments=dict(data["departments"]),
        mentioned=tuple(data["mentioned"]["titles"]),
        heads=tuple(data["mentioned"]["heads"]),
        head_nouns=frozenset(w.lower() for w in data["head_nouns"]),
        units=frozenset(w.lower() for w in data["units"]),
    )


def _key(text: str) -> str:
    """A title as looked up: lower case, no possessive, punctuation or leading "the"."""
    text = text.replace("’", "'").lower()
    text = re.sub(r"'s\b|s'$", "", text)
    text = re.sub(r"[^\w&' ]+", " ", text)
    return re.sub(r"^the ", "", re.sub(r"\s+", " ", text).strip())


def _plural_variants(key: str) -> list[str]:
    """Singular readings of a key: the last word, or the first before "of" ("heads of service")."""
    words = key.split()
    out = [" ".join([*words[:-1], singular(words[-1])])] if words else []
    if len(words) > 2 and words[1] == "of":
        out.append(" ".join([singular(words[0]), *words[1:]]))
    return [o for o in out if o != key]


_NAME = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Miss|Cllr|Councillor|Prof)\.?\s+)?[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")


def looks_like_person(text: str, model: bool = True) -> bool:
    """Whether an owner reads as a person's name ("Michelle Drewery", "Cllr Jo Bloggs").

    Two or three capitalised words, none of them a role word (head noun,
    title, department) of the vocabulary; or a PERSON entity of an installed
    trained pipeline covering the whole text, unless ``model`` is false (the
    column evidence asks for every owner cell and must not load one).
    """
    text = text.strip()
    v = role_vocabulary()
    if _NAME.match(text):
        words = {w.lower().strip("'’") for w in re.findall(r"[A-Za-z'’-]+", text)}
        role_words = v.head_nouns | {w for t in v.canonical for w in t.split()} | {"council", "team", "board"}
        if not words & role_words:
            return True
    pipeline = _person_model() if model else None
    if pipeline is not None:
        doc = pipeline(text)
        return any(e.label_ == "PERSON" and e.start_char == 0 and e.end_char >= len(text) - 1 for e in doc.ents)
    return False


def canonical_owner(owner: str) -> str:
    """The canonical title of one owner as written; a person's name is returned as written."""
    text = re.sub(r"\s+", " ", owner).strip(" .,;:")
    if not text:
        return text
    v = role_vocabulary()
    bare = re.sub(r"['’]s$|s$", "", text) if text[:-1].isupper() else text
    for candidate in (text, bare):
        if candidate in v.abbreviations:
            return v.abbreviations[candidate]
    key = _key(text)
    for candidate in (key, *_plural_variants(key)):
        if candidate in v.canonical:
            return v.canonical[candidate]
    if looks_like_person(text):
        return text
    return _tidy_title(text)


@cache
def _bracketed_head() -> re.Pattern[str]:
    """A head noun and its complement in brackets, the whole text: "Director (Finance)"."""
    heads = "|".join(re.escape(h) for h in role_vocabulary().heads)
    return re.compile(rf"^((?:{heads}))\s*\(([^()]+)\)$", re.IGNORECASE)


def _tidy_title(text: str) -> str:
    """A title put in one form: "Director (Finance)" -> "Director of Finance", abbreviations of departments
    spelt out, the head noun singular, title case."""
    v = role_vocabulary()
    m = _bracketed_head().match(text)
    if m:
        text = f"{m.group(1)} of {m.group(2)}"
    words = text.split(" ")
    if len(words) > 1 and words[0] in v.abbreviations and v.abbreviations[words[0]] in v.mentioned:
        words[0] = v.abbreviations[words[0]]  # "AD Integrated Commissioning"
    for i, word in enumerate(words):
        core = word.strip("()/,")
        if core in v.departments:
            words[i] = word.replace(core, v.departments[core])
    # Only the title's own noun is made singular: before "of"/"for" ("Heads of Service"), else the last word
    # ("Service Managers"); a department after it keeps its plural ("Director of Digital Services").
    lowered = [w.lower() for w in words]
    head = next((i - 1 for i, w in enumerate(lowered) if w in ("of", "for") and i > 0), len(words) - 1)
    if _is_head_plural(words[head], v):
        words[head] = singular(words[head])
    return " ".join(_title(w, i) for i, w in enumerate(" ".join(words).split(" ")))


def _is_head_plural(word: str, v: RoleVocabulary) -> bool:
    """A plural noun for people ("Managers"); groups and units ("hubs", "services") keep their plural."""
    low = word.lower()
    single = singular(low)
    return single != low and low in v.head_nouns and single in v.head_nouns and low not in v.units


def _title(word: str, i: int) -> str:
    if not word or word.isupper() or any(c.isupper() for c in word[1:]):
        return word  # abbreviations and mixed case ("ICT", "McDonald") as written
    if i and word.lower() in _SMALL:
        return word.lower()
    return word[:1].upper() + word[1:]


def canonical_owners(owners: Iterable[str]) -> list[str]:
    """Canonical titles of owners, in order, without repeats."""
    out: list[str] = []
    for owner in owners:
        title = canonical_owner(owner)
        if title and title not in out:
            out.append(title)
    return out


# --- roles in text ---------------------------------------------------------------


_PERSON_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")


@cache
def _person_model() -> Any:
    """A trained English pipeline, if one is installed (never downloaded), for PERSON entities.

    Whether one is installed is asked of the import system, so spaCy itself
    (a second to import) is imported only when there is a model to load.
    """
    try:
        name = next((n for n in _PERSON_MODELS if importlib.util.find_spec(n) is not None), None)
        if name is None:
            return None
        import spacy

        return spacy.load(name, exclude=["parser", "lemmatizer", "textcat"])
    except Exception:  # a broken install must not stop extraction
        return None


def role_patterns() -> list[Pattern]:
    """Patterns for every title worth finding in text, each labelled with its canonical title (a "Head of X"
    pattern with none: its title is the words it matched)."""
    v = role_vocabulary()
    wanted = set(v.mentioned)
    patterns: list[Pattern] = []
    for abbreviation, title in v.abbreviations.items():
        if title in wanted:
            patterns.append(
                Pattern(title, (orth(abbreviation, abbreviation + "s"), orth("'s", "’s", "'", "’", op="?")))
            )
    for key, title in v.canonical.items():
        if title not in wanted:
            continue
        words = token_texts(key)
        if not words:
            continue
        forms = (words[-1], words[-1] + "s", words[-1] + "es")
        if len(words) == 1:
            # A one-word title ("Leader", "Cabinet") is a title only when capitalised: "the leader of the group" is not.
            patterns.append(Pattern(title, (orth(*(f[:1].upper() + f[1:] for f in forms)),)))
            continue
        patterns.append(Pattern(title, (*(lower(w) for w in words[:-1]), lower(*forms))))
        if len(words) > 2 and words[1] == "of":
            patterns.append(Pattern(title, (lower(words[0], words[0] + "s"), *(lower(w) for w in words[1:]))))
    head_lowers = frozenset(w.lower() for h in v.heads for w in h.split())
    department = Step(regex=re.compile(r"^(?:[A-Z][\w&'’-]*|&|and)$"), not_lower=head_lowers, op="+")
    for head in v.heads:
        words = head.split()
        steps = tuple(orth(w, w + "s") for w in words)
        patterns.append(Pattern(None, (*steps, lower("of", "for"), lower("the", op="?"), department)))
    return patterns


@dataclass(frozen=True)
class RoleSpan:
    """Words of a text that name a role, and its canonical title."""

    text: str
    start: int
    end: int
    canonical: str


@cache
def _role_matcher() -> PatternMatcher:
    matcher = PatternMatcher()
    for pattern in role_patterns():
        matcher.add(pattern)
    return matcher


def role_spans(text: str) -> list[RoleSpan]:
    """The roles ``text`` names, in text order: the longest names that do not overlap."""
    found = tokens(text)
    out = []
    for match in _role_matcher()(found):
        words = match.text(text, found)
        canonical = match.label or canonical_owner(words.strip("/,;:"))
        if canonical:
            out.append(RoleSpan(words, found[match.start].start, found[match.end - 1].end, canonical))
    return out


def warm() -> None:
    """Build the vocabulary and the role patterns now (a worker's start-up), and look for a trained model."""
    role_vocabulary()
    _person_model()
    _role_matcher()


def mentioned_roles(text: str) -> list[str]:
    """Canonical titles of the roles ``text`` names, in order, without repeats."""
    return mentioned_roles_many([text])[0]


def mentioned_roles_many(texts: Iterable[str]) -> list[list[str]]:
    """:func:`mentioned_roles` for many texts."""
    out = []
    for text in texts:
        found: list[str] = []
        for span in role_spans(text or ""):
            if span.canonical not in found:
                found.append(span.canonical)
        out.append(found)
    return out
