"""The tokenizer and matchers that roles and themes are found with (``normalise/phrases.py``)."""

from __future__ import annotations

import re

import pytest

from actionplans.normalise.phrases import (
    Pattern,
    PatternMatcher,
    PhraseMatcher,
    Step,
    lower,
    orth,
    token_texts,
    tokens,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ED's and ADs", ["ED", "'s", "and", "ADs"]),
        ("AD’s team", ["AD", "’s", "team"]),
        ("Directors' meeting", ["Directors", "'", "meeting"]),
        ("SLT/Cabinet", ["SLT", "/", "Cabinet"]),
        ("(Finance),", ["(", "Finance", ")", ","]),
        ("the co-ordinator and O&S", ["the", "co-ordinator", "and", "O&S"]),
        ("S.151 Officer.", ["S.151", "Officer", "."]),
        ("O'Neill's", ["O'Neill", "'s"]),
        ("Housing & Communities", ["Housing", "&", "Communities"]),
        ("", []),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert token_texts(text) == expected
    assert [text[t.start : t.end] for t in tokens(text)] == expected


def _matcher(*patterns: Pattern) -> PatternMatcher:
    m = PatternMatcher()
    for p in patterns:
        m.add(p)
    return m


def _spans(matcher: PatternMatcher, text: str) -> list[tuple[str | None, str]]:
    found = tokens(text)
    return [(m.label, m.text(text, found)) for m in matcher(found)]


def test_optional_and_repeated_steps() -> None:
    head = Pattern(
        None,
        (orth("Head", "Heads"), lower("of"), lower("the", op="?"), Step(regex=re.compile(r"^[A-Z]"), op="+")),
    )
    m = _matcher(head, Pattern("MO", (orth("MO", "MOs"), orth("'s", op="?"))))
    assert _spans(m, "Head of the Legal Service and the MO's office") == [
        (None, "Head of the Legal Service"),
        ("MO", "MO's"),
    ]
    assert _spans(m, "Head of Legal") == [(None, "Head of Legal")]
    assert _spans(m, "head of Legal, Head of service") == []  # letters are exact; "+" needs one token at least


def test_longest_match_wins_then_the_earlier() -> None:
    m = _matcher(
        Pattern("short", (lower("chief"), lower("executive"))),
        Pattern("long", (lower("deputy"), lower("chief"), lower("executive"))),
        Pattern("pair", (lower("executive"), lower("director"))),
    )
    assert _spans(m, "Deputy Chief Executive Director") == [("long", "Deputy Chief Executive")]
    assert _spans(m, "Chief Executive Director") == [("short", "Chief Executive")]


def test_excluded_words_stop_a_repeated_step() -> None:
    dept = Step(regex=re.compile(r"^[A-Z]"), not_lower=frozenset(["director"]), op="+")
    m = _matcher(Pattern(None, (orth("Head"), lower("of"), dept)))
    assert _spans(m, "Head of Finance Director") == [(None, "Head of Finance")]


def test_a_pattern_must_start_with_one_known_token() -> None:
    with pytest.raises(ValueError):
        PatternMatcher().add(Pattern(None, (lower("the", op="?"), lower("council"))))
    with pytest.raises(ValueError):
        PatternMatcher().add(Pattern(None, (Step(regex=re.compile("x")),)))


def test_phrases_match_under_their_key_and_may_overlap() -> None:
    m = PhraseMatcher(str.lower)
    m.add("finance", "financial strategy")
    m.add("plan", "strategy")
    m.add("plan", "strategy")  # added twice, found once
    text = "Refresh the Financial Strategy and the strategy"
    found = tokens(text)
    assert [(x.label, x.text(text, found)) for x in m(found)] == [
        ("finance", "Financial Strategy"),
        ("plan", "Strategy"),
        ("plan", "strategy"),
    ]
    assert m(tokens("financial")) == []  # a phrase matches whole, never a prefix of it
