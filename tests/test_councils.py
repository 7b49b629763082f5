"""Councils found in text and named canonically by the gazetteer, matched a run of words at a time."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalise.councils import (
    _index,
    canonical_council,
    find_council,
    first_name,
    gazetteer,
    names_to_index,
)


def test_gazetteer_lists_the_uk_principal_councils() -> None:
    councils = gazetteer()
    by_nation = {n: sum(c.nation == n for c in councils) for n in ("England", "Wales", "Scotland", "Northern Ireland")}
    assert by_nation == {"England": 317, "Wales": 22, "Scotland": 32, "Northern Ireland": 11}
    assert len({c.name for c in councils}) == len(councils)


@pytest.mark.parametrize(
    ("text", "council"),
    [
        ("Borough Council of King's Lynn & West Norfolk", "Borough Council of King's Lynn and West Norfolk"),
        ("Borough Council of\nKing’s Lynn and West Norfolk", "Borough Council of King's Lynn and West Norfolk"),
        ("KENT COUNTY COUNCIL – PRIORITIES", "Kent County Council"),
        ("Winchester City Council (WCC)", "Winchester City Council"),
        ("Improving health ~ Kent County Council Priorities", "Kent County Council"),
        ("South Gloucestershire Council", "South Gloucestershire Council"),
        ("Barnet Council", "London Borough of Barnet"),
        ("Newcastle-under-Lyme Borough Council", "Newcastle-under-Lyme Borough Council"),
        ("City of Edinburgh Council", "City of Edinburgh Council"),
        ("a Joint Committee of the County Council and the six District Councils", None),
        ("Fenmarsh Borough Council", None),  # fictional
        # the longest name that starts at a word: not Derbyshire's, Surrey's or Somerset's
        ("Borough Council of Derbyshire Dales", "Derbyshire Dales District Council"),
        ("Surrey Heath Borough Council and Surrey County Council", "Surrey Heath Borough Council"),
        ("North Somerset Council", "North Somerset Council"),
        # the first name in the text wins
        ("Essex County Council and Kent County Council", "Essex County Council"),
        ("the Kent CC team, with Essex County Council", "Kent County Council"),
        # whole words only; a hyphen ends a word
        ("Kent County Councillors", None),
        ("Kentish County Council", None),
        ("Anglo-Kent County Council", "Kent County Council"),
        ("", None),
    ],
)
def test_find_council(text: str, council: str | None) -> None:
    assert find_council(text) == council


def test_canonical_council() -> None:
    assert (
        canonical_council("King's Lynn & West Norfolk Borough Council")
        == "Borough Council of King's Lynn and West Norfolk"
    )
    assert canonical_council("Fenmarsh Borough Council") == "Fenmarsh Borough Council"
    assert canonical_council("  barnet council ") == "London Borough of Barnet"


def test_every_form_can_be_found_in_running_text() -> None:
    """A key is matched from a word to a word: none may start or end with a hyphen or a space."""
    for key in _index().names:
        assert re.fullmatch(r"[\w'](?:.*[\w'])?", key), key
        assert find_council(f"Report to {key.upper()}.") == _index().names[key]


def test_index_of_any_names() -> None:
    """The matcher knows nothing of councils: any (form, canonical name) pairs make an index."""
    index = names_to_index(
        [
            ("Fenmarsh Borough Council", "Fenmarsh"),
            ("Fenmarsh", "Fenmarsh"),
            ("Fenmarsh & Dyke Drainage Board", "Drainage"),
            ("Fenmarsh BC", "Fenmarsh"),
            ("FENMARSH BC", "ignored: the first pair to give a key keeps it"),
        ]
    )
    assert first_name(index, "The FENMARSH AND DYKE drainage board met") == "Drainage"
    assert first_name(index, "Fenmarsh Borough Councillors") == "Fenmarsh"  # "Fenmarsh" alone
    assert first_name(index, "fenmarsh bc") == "Fenmarsh"
    assert first_name(index, "Marsh Borough Council") is None
    assert first_name(names_to_index([]), "anything") is None


# --- the same answers as the single regular expression this matcher replaced ---------------


def _old_key(text: str) -> str:
    text = text.replace("&", " and ").replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w' -]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


@cache
def _old_matcher() -> tuple[dict[str, str], re.Pattern[str]]:
    names: dict[str, str] = {}
    for council in gazetteer():
        for form in council.forms():
            names.setdefault(_old_key(form), council.name)
    alternation = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![\w'])(?:{alternation})(?![\w'])")


def _old_find_council(text: str) -> str | None:
    names, pattern = _old_matcher()
    m = pattern.search(_old_key(text))
    return names[m.group()] if m else None


_FORMS = sorted({form for council in gazetteer() for form in council.forms()})
_PIECES = st.one_of(
    st.sampled_from(_FORMS),
    st.sampled_from(_FORMS).map(str.upper),
    st.sampled_from(_FORMS).map(lambda f: " ".join(f.split()[1:])),  # a form missing its first word
    st.sampled_from(["the", "of", "and", "&", "-", "Council", "County", "Borough", "West", "’s", "(", "on", "CC", "x"]),
)
_TEXTS = st.lists(_PIECES, max_size=6).flatmap(
    lambda pieces: st.sampled_from([" ", "-", "\n", ", ", ""]).map(lambda sep: sep.join(pieces))
)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_same_council_as_one_regular_expression(text: str) -> None:
    assert find_council(text) == _old_find_council(text)
    assert canonical_council(text) == _old_matcher()[0].get(_old_key(text), text.strip())
