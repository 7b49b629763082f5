"""Owners' roles: canonical titles, and the roles a text names, with spaCy rules.

``canonical_owner("ADs")`` -> "Assistant Director"; ``canonical_owner("Director
(Finance)")`` -> "Director of Finance"; a person's name stays as written.  The
vocabulary is ``data/roles.toml`` (canonical titles with the ways plans write
them, department abbreviations, the titles to look for in text); users extend
it there.

``mentioned_roles("ED's and ADs to hold more directorate meetings")`` ->
["Executive Director", "Assistant Director"]: a ``spacy.blank("en")``
pipeline with the ``council_roles`` component, a SpanRuler whose patterns
are built from the same vocabulary (abbreviations match in capitals only;
titles in any case, singular, plural or possessive; "Head of X" and
"Director for X" with the department that follows).  No model is needed; if a
trained English pipeline happens to be installed, its PERSON entities also
mark owners that are people.  Nothing is downloaded.

spaCy is imported only when it is used, once per process: the pipeline when
a document has action text to look for roles in, a trained model only when
one is installed.  :func:`warm` builds both up front.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from actionplans.normalise.owners import roles_data
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


def _tidy_title(text: str) -> str:
    """A title put in one form: "Director (Finance)" -> "Director of Finance", abbreviations of departments
    spelt out, the head noun singular, title case."""
    v = role_vocabulary()
    m = re.match(rf"^((?:{'|'.join(re.escape(h) for h in v.heads)}))\s*\(([^()]+)\)$", text, re.IGNORECASE)
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


# --- spaCy --------------------------------------------------------------------------


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


def role_patterns() -> list[dict[str, Any]]:
    """SpanRuler patterns for every title worth finding in text, each with its canonical title as id."""
    v = role_vocabulary()
    wanted = set(v.mentioned)
    patterns: list[dict[str, Any]] = []
    for abbreviation, title in v.abbreviations.items():
        if title in wanted:
            patterns.append(
                {
                    "label": "ROLE",
                    "id": title,
                    "pattern": [
                        {"ORTH": {"IN": [abbreviation, abbreviation + "s"]}},
                        {"ORTH": {"IN": ["'s", "’s", "'", "’"]}, "OP": "?"},
                    ],
                }
            )
    for key, title in v.canonical.items():
        if title not in wanted:
            continue
        words = key.split()
        if not words:
            continue
        forms = [words[-1], words[-1] + "s", words[-1] + "es"]
        pattern: list[dict[str, Any]]
        if len(words) == 1:
            # A one-word title ("Leader", "Cabinet") is a title only when capitalised: "the leader of the group" is not.
            pattern = [{"TEXT": {"IN": [f[:1].upper() + f[1:] for f in forms]}}]
        else:
            pattern = [{"LOWER": w} for w in words[:-1]] + [{"LOWER": {"IN": forms}}]
        patterns.append({"label": "ROLE", "id": title, "pattern": pattern})
        if len(words) > 2 and words[1] == "of":
            plural_first: list[dict[str, Any]] = [{"LOWER": {"IN": [words[0], words[0] + "s"]}}]
            plural_first += [{"LOWER": w} for w in words[1:]]
            patterns.append({"label": "ROLE", "id": title, "pattern": plural_first})
    heads = v.heads
    head_lowers = {w.lower() for h in heads for w in h.split()}
    for head in heads:
        words = head.split()
        first = [{"TEXT": {"IN": [w, w + "s"]}} for w in words[:-1]]
        last = [{"TEXT": {"IN": [words[-1], words[-1] + "s"]}}]
        tail = [
            {"LOWER": {"IN": ["of", "for"]}},
            {"LOWER": "the", "OP": "?"},
            {"TEXT": {"REGEX": r"^(?:[A-Z][\w&'’-]*|&|and)$"}, "LOWER": {"NOT_IN": sorted(head_lowers)}, "OP": "+"},
        ]
        patterns.append({"label": "ROLE", "pattern": first + last + tail})
    return patterns


def _build() -> Any:
    import spacy
    from spacy.lang.en import English
    from spacy.language import Language
    from spacy.tokens import Span

    if not Span.has_extension("canonical"):
        Span.set_extension("canonical", default=None)

    if "council_roles" not in Language.factories:

        @Language.factory("council_roles")
        def create_council_roles(nlp: Language, name: str) -> Any:
            """Mark roles in ``doc.spans["roles"]``, each with ``span._.canonical`` set."""
            from spacy.pipeline import SpanRuler

            longest = spacy.registry.misc.get("spacy.first_longest_spans_filter.v1")()
            span_ruler = SpanRuler(nlp, name=f"{name}_ruler", spans_key="roles", overwrite=True, spans_filter=longest)
            span_ruler.add_patterns(role_patterns())

            def council_roles(doc: Any) -> Any:
                doc = span_ruler(doc)
                for span in doc.spans["roles"]:
                    span._.canonical = span.id_ or canonical_owner(span.text.strip("/,;:"))
                return doc

            return council_roles

    english: Any = English.Defaults

    class CouncilDefaults(english):
        # Split "Hubs/Financial" and "Development/" at the slash, as owners are often listed that way.  Set
        # here, the tokenizer is built once with them (setting them on a built one rebuilds it, twice).
        infixes = (*english.infixes, r"/")
        suffixes = (*english.suffixes, r"/")

    class CouncilEnglish(English):
        """``spacy.blank("en")`` with the slash as an infix and a suffix."""

        Defaults = CouncilDefaults

    nlp = CouncilEnglish()
    nlp.add_pipe("council_roles")
    return nlp


@cache
def role_pipeline() -> Any:
    """The cached ``spacy.blank("en")`` pipeline with the ``council_roles`` component."""
    return _build()


def warm() -> None:
    """Build the vocabulary and the spaCy pipeline now (a worker's start-up), and look for a trained model.

    Without it, the first document with actions imports spaCy and builds the
    pipeline (over a second); a document without actions never does.
    """
    role_vocabulary()
    _person_model()
    role_pipeline()


def mentioned_roles(text: str) -> list[str]:
    """Canonical titles of the roles ``text`` names, in order, without repeats."""
    return mentioned_roles_many([text])[0]


def mentioned_roles_many(texts: Iterable[str]) -> list[list[str]]:
    """:func:`mentioned_roles` for many texts at once (one spaCy pass).

    The pipeline is built (and spaCy imported) only when some text is not
    blank: a document without actions never loads it.
    """
    batch = [t or "" for t in texts]
    if not any(t.strip() for t in batch):
        return [[] for _ in batch]
    out = []
    for doc in role_pipeline().pipe(batch):
        found: list[str] = []
        for span in doc.spans["roles"]:
            if span._.canonical and span._.canonical not in found:
                found.append(span._.canonical)
        out.append(found)
    return out
