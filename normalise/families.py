"""Role families: the level of an owner (Chief Executive, Director, Head of Service, ...), so that councils
whose officers carry different titles compare.

``role_family("Corporate Director of Place")`` -> ``"Director"``;
``role_family("Lorraine Gore")`` -> ``"Person"``.  The families and their
patterns are data (``data/role_families.toml``, with the choices it makes
written beside them); this module only applies them, in order.

An owner no pattern places is a person only if it is written as a name (two
or three capitalised words) and none of its words is a word of the role
vocabulary (a head noun, a unit, a department), a place a council is named
after, or a word of another owner in the same plan: "Public Health" beside
"Consultant in Public Health" names a service, "Lorraine Gore" a person.
Anything else is a ``Team`` (a service or body named without a role).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "role_families.toml"
PERSON = "Person"
FALLBACK = "Team"
_NAME = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?(?: [A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?){1,2}$")
"""Two or three capitalised words and nothing else: how a person's name is written."""


@cache
def _families() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    return tuple(
        (family["name"], re.compile("|".join(f"(?:{p})" for p in family["patterns"]), re.IGNORECASE))
        for family in data["family"]
    )


def families() -> tuple[str, ...]:
    """Every family an owner can fall in, in the data's order, then ``Person`` and ``Team``."""
    named = tuple(name for name, _ in _families())
    return (*named, *(f for f in (PERSON, FALLBACK) if f not in named))


def role_family(owner: str, others: Iterable[str] = ()) -> str:
    """The family of a canonical owner (see :func:`normalise.roles.canonical_owner`); ``others`` are the
    plan's other owners, which tell a service written like a name from a person."""
    text = " ".join(owner.split())
    for name, pattern in _families():
        if pattern.search(text):
            return name
    if not _NAME.match(text):
        return FALLBACK
    words = {w.lower() for w in text.split()}
    around = {w.lower() for o in others if o != owner for w in re.findall(r"[A-Za-z]+", o)}
    if words & (_role_words() | _place_words() | around):
        return FALLBACK
    return PERSON


def role_families(owners: Sequence[str], others: Iterable[str] = ()) -> list[str]:
    """:func:`role_family` of each owner, in order (one per owner, repeats kept, so the lists align)."""
    context = [*others, *owners]
    return [role_family(o, context) for o in owners]


@cache
def _role_words() -> frozenset[str]:
    from actionplans.normalise.roles import role_vocabulary

    v = role_vocabulary()
    departments = {w.lower() for name in v.departments.values() for w in name.split()}
    return frozenset(v.head_nouns | v.units | departments)


@cache
def _place_words() -> frozenset[str]:
    """The words councils in office are named after ("Kent", "Gloucester"), from the project's list of them
    (former councils' places are often surnames too: Selby, Eden, Craven)."""
    from actionplans.normalise.councils import listed_councils

    generic = {"council", "county", "borough", "district", "city", "of", "the", "and", "metropolitan", "royal"}
    return frozenset(
        w.lower() for c in listed_councils() for w in re.findall(r"[A-Za-z]+", c.name) if w.lower() not in generic
    )
