"""UK principal councils: recognise one in text, and give its canonical name.

The gazetteer (``data/councils.csv``, compiled for the project) lists each
council's own name, the place it is named after and other names in use.
From the place the usual forms are generated ("Borough Council of King's
Lynn and West Norfolk", "Winchester City Council", "London Borough of
Barnet", "Wirral Council"), so a plan that writes any of them, in any case,
with "&" for "and" or curly quotes, maps to one name.

Names are found by looking up runs of a text's words in a dictionary of
every form's key (:func:`names_to_index`, :func:`first_name`), built once
per process on first use from whatever list of names it is given: a few
tens of milliseconds for the gazetteer's seven thousand forms, where one
regular expression of them all took half a second or more to compile.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "councils.csv"
_REGISTER = Path(__file__).parent / "data" / "uk-local-authorities"

# Words that sit between a place and "Council" in councils' names.
_STYLES = (
    "County",
    "City",
    "District",
    "Borough",
    "County Borough",
    "Metropolitan Borough",
    "Metropolitan District",
    "London Borough",
    "City and District",
    "City and County",
)


@dataclass(frozen=True)
class Council:
    name: str
    place: str
    kind: str
    nation: str
    aliases: tuple[str, ...]
    code: str | None = None
    """The register's code for it (:func:`register`), where the register has it."""
    listed: bool = False
    """In the project's list of councils in office (``data/councils.csv``), not only in the register."""

    def forms(self) -> list[str]:
        """Every way the council's name is written."""
        p = self.place
        forms = [self.name, *self.aliases, f"{p} Council", *(f"{p} {style} Council" for style in _STYLES)]
        forms += [
            f"Borough Council of {p}",
            f"London Borough of {p}",
            f"Royal Borough of {p}",
            f"City of {p} Council",
            f"Council of the City of {p}",
            f"City and County of {p}",
        ]
        # The abbreviation plans use for their own council in running text ("employed by Kent CC").
        if self.kind == "county" or self.name.endswith("County Council"):
            forms.append(f"{p} CC")
        elif self.name.endswith("City Council"):
            forms.append(f"{p} CC")
        elif self.name.endswith("District Council"):
            forms.append(f"{p} DC")
        elif self.name.endswith("Borough Council"):
            forms.append(f"{p} BC")
        return forms


@dataclass(frozen=True)
class Authority:
    """A local authority of the register (mySociety's UK local authorities, ``data/uk-local-authorities``)."""

    code: str
    """The register's three-letter code."""
    gss: str | None
    """The ONS GSS code ("E10000016"): what analysts join other data on."""
    official_name: str
    nice_name: str
    type_name: str
    """As the register names it: "County", "Non-metropolitan district", "Unitary authority", "London borough",
    "Welsh unitary authority", ..."""
    type_code: str
    """The register's code of the type: ``CTY``, ``NMD``, ``UA``, ``MD``, ``LBO``, ``COMB``, ..."""
    region: str | None
    nation: str | None
    end_date: str | None
    """When it was abolished, if it was ("2023-03-31")."""
    replaced_by: tuple[str, ...]
    """The register codes of the authorities that took over from it."""


@cache
def register() -> dict[str, Authority]:
    """The register's authorities by code, current and past."""
    with (_REGISTER / "uk_local_authorities_current.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        r["local-authority-code"]: Authority(
            r["local-authority-code"],
            r["gss-code"] or None,
            r["official-name"],
            r["nice-name"],
            r["local-authority-type-name"],
            r["local-authority-type"],
            r["region"] or None,
            r["nation"] or None,
            r["end-date"] or None,
            tuple(c.strip() for c in r["replaced-by"].split(",") if c.strip()),
        )
        for r in rows
    }


def _loose(text: str) -> str:
    """A name's key for the register: as :func:`_key`, apostrophes dropped ("Kings Lynn" is "King's Lynn")."""
    return _key(text).replace("'", "")


@cache
def _register_names() -> dict[str, str]:
    """The loose key of every way the register writes a name -> its authority's code."""
    out: dict[str, str] = {}
    with (_REGISTER / "lookup_name_to_registry.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(_loose(row["la-name"]), row["local-authority-code"])
    for authority in register().values():
        out.setdefault(_loose(authority.official_name), authority.code)
    return out


_TYPE_KINDS = {"CTY": "county", "COMB": "combined", "SRA": "combined"}


def listed_councils() -> tuple[Council, ...]:
    """The project's list of the councils in office (``data/councils.csv``): each council's own name, the
    place it is named after and other names in use, with its register code."""
    return tuple(c for c in gazetteer() if c.listed)


@cache
def gazetteer() -> tuple[Council, ...]:
    """Every council a plan may name: the project's list (:func:`listed_councils`) and every authority of the
    register it does not list (former councils, combined authorities), each with its register code.  The
    finder in text (:func:`find_council`) leaves combined authorities out: a plan that mentions its combined
    authority is still its council's."""
    lines = [ln for ln in _DATA.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out = []
    names = _register_names()
    for row in csv.DictReader(lines):
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        council = Council(row["name"], row["place"], row["kind"], row["nation"], aliases, listed=True)
        code = next((names[k] for form in council.forms() if (k := _loose(form)) in names), None)
        out.append(replace(council, code=code))
    known = {c.code for c in out}
    for authority in register().values():
        if authority.code in known:
            continue
        kind = _TYPE_KINDS.get(authority.type_code, "other")
        out.append(
            Council(authority.official_name, authority.nice_name, kind, authority.nation or "", (), authority.code)
        )
    return tuple(out)


@cache
def _by_name() -> dict[str, Council]:
    return {c.name: c for c in gazetteer()}


@cache
def _by_code() -> dict[str, Council]:
    """Each register code's council (the project's list first: its name is the canonical one)."""
    out: dict[str, Council] = {}
    for council in gazetteer():
        if council.code:
            out.setdefault(council.code, council)
    return out


def authority_of(name: str | None) -> Authority | None:
    """The register's authority for a council's canonical name (or any way the register writes it)."""
    if not name:
        return None
    council = _by_name().get(name)
    code = council.code if council is not None else _register_names().get(_loose(name))
    return register().get(code) if code else None


def successors(authority: Authority) -> list[str]:
    """The canonical names of the councils that took over from an abolished ``authority``."""
    by_code = _by_code()
    return [by_code[code].name for code in authority.replaced_by if code in by_code]


_PLAIN = str.maketrans({"&": " and ", "’": "'", "‘": "'"})
_PUNCTUATION = re.compile(r"[^\w'-]+")
# A word of a key: names are matched whole words at a time, so "Kent" is not found in "Kentish".
_WORD = re.compile(r"[\w']+")


def _key(text: str) -> str:
    """Text as names are compared: "&" as "and", plain apostrophes, no punctuation, lower case, spaces collapsed."""
    return _PUNCTUATION.sub(" ", text.lower().translate(_PLAIN)).strip()


@dataclass(frozen=True)
class NameIndex:
    """Names looked up by their keys, a run of words at a time."""

    names: dict[str, str]
    """The key of every way a name is written -> its canonical name."""
    prefixes: frozenset[str]
    """Every key cut after each of its words ("kent", "kent county", "kent county council"): the runs of words
    in a text worth extending by one more word."""


def names_to_index(names: Iterable[tuple[str, str]]) -> NameIndex:
    """An index of ``(written form, canonical name)`` pairs; the first pair to give a key keeps it.

    A key is found in running text from a word to a word, so a form that
    starts or ends with a hyphen is known to :func:`canonical_council` only.
    """
    keys: dict[str, str] = {}
    for form, canonical in names:
        keys.setdefault(_key(form), canonical)
    keys.pop("", None)
    # Only the runs that end after a word are looked up, so only those cuts are kept.
    prefixes = frozenset(key[: m.end()] for key in keys for m in _WORD.finditer(key))
    return NameIndex(keys, prefixes)


def first_name(index: NameIndex, text: str) -> str | None:
    """The canonical name of the first name ``text`` writes, the longest one where several start at one word.

    The text's words are read once; from each word the run of one, two, ...
    words is extended while it is the start of some key (one dictionary
    look-up per word, so never past the longest name), and the longest run
    that is a whole key is the match; the first word that starts one wins.
    A run is compared with what lies between its words as written
    ("stockton-on-tees" is not "stockton on tees"), and a hyphen ends a
    word as a space does ("Anglo-Kent County Council" names Kent).
    """
    key = _key(text)
    spans = [m.span() for m in _WORD.finditer(key)]
    for i, (start, _) in enumerate(spans):
        found = None
        for j in range(i, len(spans)):
            run = key[start : spans[j][1]]
            if run not in index.prefixes:
                break
            if run in index.names:
                found = run
        if found is not None:
            return index.names[found]
    return None


@cache
def _index() -> NameIndex:
    """The gazetteer's index, built on first use (a few tens of milliseconds) and kept for the process."""
    return names_to_index(
        (form, council.name) for council in gazetteer() if council.kind != "combined" for form in council.forms()
    )


def warm() -> None:
    """Build the gazetteer's index now (a worker's start-up) rather than for its first document."""
    _index()


def find_council(text: str) -> str | None:
    """The first UK council ``text`` names, by its canonical name, or ``None``."""
    return first_name(_index(), text)


def canonical_council(name: str) -> str:
    """The canonical name of a council written any known way; other names are returned as given."""
    return _index().names.get(_key(name), name.strip())


FUZZY_SCORE = 90
"""How alike (rapidfuzz's ratio, 0-100) a name must be to one way a council is written for a manifest's
misspelling of it ("Winchster City Council") to be read as that council."""


def match_council(name: str) -> tuple[str, str | None]:
    """A council name as a manifest writes it -> ``(canonical name, note)``.

    Known ways of writing a council (the project's list, the register's 1,774
    variants) give its canonical name; else the closest one at least
    :data:`FUZZY_SCORE` alike, with a note saying so; else the name as given,
    with a note that no such council is known.
    """
    written = name.strip()
    key = _key(written)
    index = _index().names
    if key in index:
        return index[key], None
    code = _register_names().get(_loose(written))
    if code is not None:
        return _by_code()[code].name, None
    from rapidfuzz import fuzz, process

    place, kinds = _place(key)
    if place:
        places = _places()
        for found, _score, _ in process.extract(place, list(places), scorer=fuzz.ratio, score_cutoff=FUZZY_SCORE):
            for candidate, candidate_kinds in places[found]:
                if not kinds or not candidate_kinds or kinds & candidate_kinds:
                    return candidate, f"council {written!r} read as {candidate!r} (the closest known name)"
    return written, f"council {written!r} is not in the register of UK local authorities: kept as written"


_KIND_WORDS = frozenset({"borough", "district", "county", "city", "metropolitan", "london", "unitary", "combined"})
_FILLER_WORDS = frozenset({"council", "of", "the", "and", "royal", "authority", "cc", "bc", "dc", "mbc"})


def _place(key: str) -> tuple[str, frozenset[str]]:
    """A name's key split into its place words (what a misspelling is judged on) and the kinds of council it
    says it is ("district", "county", ...): "Harrowby District Council" is not "Harrow" misspelt, and no
    district is a London borough."""
    words = [_kind_word(w) for w in key.split()]
    kinds = frozenset(w for w in words if w in _KIND_WORDS)
    return " ".join(w for w in words if w not in _KIND_WORDS and w not in _FILLER_WORDS), kinds


_SLIP_LETTERS = 4
"""Words of this many letters or more one slip from a kind of council or from "council" ("Count", "Burough",
"Counicl") are read as that word, so that a misspelt kind does not count as part of the place's name."""


def _kind_word(word: str) -> str:
    if len(word) < _SLIP_LETTERS or word in _KIND_WORDS or word in _FILLER_WORDS:
        return word
    from rapidfuzz.distance import DamerauLevenshtein

    near = [k for k in (*sorted(_KIND_WORDS), "council") if DamerauLevenshtein.distance(word, k, score_cutoff=1) <= 1]
    return near[0] if len(near) == 1 else word


@cache
def _places() -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Every known way of writing a council, by its place words: the council and the kinds the name says."""
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for written, canonical in _index().names.items():
        place, kinds = _place(written)
        if place:
            entry = (canonical, kinds | _place(_key(canonical))[1])
            if entry not in out.setdefault(place, []):
                out[place].append(entry)
    return out
