"""Councils found in text and named canonically by the gazetteer, matched a run of words at a time."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from conftest import NO_CORPUS, ROOT, SHARED, corpus_available
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplans.normalise.councils import (
    _index,
    authority_of,
    canonical_council,
    find_council,
    first_name,
    gazetteer,
    match_council,
    names_to_index,
    register,
    successors,
)


def test_gazetteer_lists_the_uk_principal_councils() -> None:
    """The councils in office today, every one with its register code; former councils and combined
    authorities come from the register as well."""
    councils = gazetteer()
    authorities = register()
    current = [c for c in councils if c.code and not authorities[c.code].end_date and c.kind != "combined"]
    by_nation = {n: sum(c.nation == n for c in current) for n in ("England", "Wales", "Scotland", "Northern Ireland")}
    assert by_nation == {"England": 317, "Wales": 22, "Scotland": 32, "Northern Ireland": 11}
    assert len({c.name for c in councils}) == len(councils)
    assert all(c.code for c in councils) and len({c.code for c in councils}) == len(councils) == len(authorities)


@pytest.mark.parametrize(
    ("name", "gss", "kind", "region"),
    [
        ("Kent County Council", "E10000016", "County", "South East"),
        (
            "Borough Council of King's Lynn and West Norfolk",
            "E07000146",
            "Non-metropolitan district",
            "East of England",
        ),
        ("Wirral Council", "E08000015", "Metropolitan district", "North West"),
        ("Cardiff Council", "W06000015", "Welsh unitary authority", "Wales"),
    ],
)
def test_each_council_has_its_gss_code_type_and_region(name: str, gss: str, kind: str, region: str) -> None:
    authority = authority_of(name)
    assert authority is not None and (authority.gss, authority.type_name, authority.region) == (gss, kind, region)


def test_a_council_since_abolished_is_itself_and_names_its_successor() -> None:
    assert find_council("The action plan of Allerdale Borough Council, 2021") == "Allerdale Borough Council"
    allerdale = authority_of("Allerdale Borough Council")
    assert allerdale is not None and allerdale.end_date
    assert successors(allerdale) == ["Cumberland Council"]


@pytest.mark.parametrize(
    ("written", "canonical", "noted"),
    [
        ("Kent CC", "Kent County Council", False),
        ("kings lynn and west norfolk", "Borough Council of King's Lynn and West Norfolk", False),
        ("Winchster City Council", "Winchester City Council", True),  # a slip: the closest name, said so
        ("Fenmarsh Borough Council", "Fenmarsh Borough Council", True),  # unknown: kept, said so
        # a name that is not a council stays unknown, however close its letters are to one that is
        ("Harrowby District Council", "Harrowby District Council", True),  # not Harrow (a London borough)
        ("Norbridge County Council", "Norbridge County Council", True),  # not Torridge
        ("Glocestershire County Council", "Gloucestershire County Council", True),
        # a kind of council misspelt is still a kind, not part of the place's name
        ("Kent Count Council", "Kent County Council", True),
        ("Winchester Ctiy Council", "Winchester City Council", True),
        ("Hampshire County Counicl", "Hampshire County Council", True),
        ("Norbridge Count Council", "Norbridge Count Council", True),  # and the fictional place stays unknown
    ],
)
def test_manifest_names_go_through_the_registers_variants_then_a_fuzzy_match(
    written: str, canonical: str, noted: bool
) -> None:
    name, note = match_council(written)
    assert name == canonical and (note is not None) == noted


def test_no_known_name_has_a_place_word_read_as_a_misspelt_kind() -> None:
    """Reading a word one slip from a kind of council ("Count") as that kind changes no place of any of the
    register's 1,774 variants or the project's names: no real place word is one slip from a kind."""
    from actionplans.normalise import councils

    plain = councils._KIND_WORDS | councils._FILLER_WORDS
    for written in councils._index().names:
        place = " ".join(w for w in written.split() if w not in plain)
        assert councils._place(written)[0] == place, written


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
        if council.kind == "combined":  # not looked for in text (a plan mentioning one is its council's)
            continue
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


def test_documents_carry_the_registers_facts_and_say_how_a_manifest_name_was_read(tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from actionplans.pipeline.cli import main

    src = tmp_path / "src"
    src.mkdir()
    plan = (
        "Ref\tAction\tLead officer\tTarget date\n"
        "1.1\tHold a summit with partners on the vision\tChief Executive\tJune 2025\n"
    )
    for name in ("a.txt", "b.txt", "c.txt"):
        (src / name).write_text(plan.replace("summit", f"summit {name}"), encoding="utf-8")
    (src / "sources.csv").write_text(
        "file,council,published\na.txt,Winchster City Council,2025-03\nb.txt,Allerdale,2021-05\n"
        "c.txt,Borough of Nowhere,2025-01\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["ingest", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    rows = {r["source"]: r for r in pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()}
    a, b, c = rows["a.txt"], rows["b.txt"], rows["c.txt"]
    assert (a["council"], a["council_code"], a["council_type"], a["region"], a["nation"]) == (
        "Winchester City Council", "E07000094", "Non-metropolitan district", "South East", "England"
    )  # fmt: skip
    assert any("read as 'Winchester City Council'" in note for note in a["report"])
    assert (b["council"], b["council_successors"]) == ("Allerdale Borough Council", ["Cumberland Council"])
    assert c["council"] == "Borough of Nowhere" and c["council_code"] is None
    assert any("not in the register" in note for note in c["report"])


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
def test_the_shipped_register_is_the_shared_copy(capsys: pytest.CaptureFixture[str]) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("refresh", ROOT / "scripts" / "refresh_councils.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(SHARED / "data" / "uk-local-authorities"), "--check"]) == 0
    out = capsys.readouterr().out
    assert "470 authorities, 1774 names" in out
    assert not any(word in out for word in ("added", "ended", "renamed", "removed")), out


def test_combined_authorities_are_not_found_in_a_plans_text_but_are_known_by_name() -> None:
    """A plan that mentions its combined authority first is still its council's."""
    assert find_council("Greater Manchester Combined Authority: Bolton Council action plan") == "Bolton Council"
    assert match_council("Greater Manchester Combined Authority") == ("Greater Manchester Combined Authority", None)
