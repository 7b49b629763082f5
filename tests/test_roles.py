"""Owners' canonical titles, and roles found in text by the spaCy component (councils: ``test_councils.py``)."""

from __future__ import annotations

import pytest

from actionplans.normalise.roles import (
    canonical_owner,
    canonical_owners,
    looks_like_person,
    mentioned_roles,
    mentioned_roles_many,
    role_spans,
)


@pytest.mark.parametrize(
    ("owner", "canonical"),
    [
        # abbreviations, in capitals only
        ("MO", "Monitoring Officer"),
        ("CX", "Chief Executive"),
        ("CEX", "Chief Executive"),
        ("Chief Exec", "Chief Executive"),
        ("Chief Executive Officer", "Chief Executive"),
        ("S151", "Section 151 Officer"),
        ("S151 Officer", "Section 151 Officer"),
        ("AD", "Assistant Director"),
        ("ADs", "Assistant Director"),
        ("AD's", "Assistant Director"),
        ("ED", "Executive Director"),
        ("SLT", "Senior Leadership Team"),
        ("CLT", "Corporate Leadership Team"),
        ("ELB", "Executive Leadership Board"),
        ("EMT", "Executive Management Team"),
        ("CMT", "Corporate Management Team"),
        ("HR", "Human Resources"),
        ("O&S", "Overview and Scrutiny"),
        ("DPH", "Director of Public Health"),
        ("WFD", "Workforce Development"),
        # spelling, plurals, case, "the"
        ("Assistant Directors", "Assistant Director"),
        ("Heads of Service", "Head of Service"),
        ("Service Managers", "Service Manager"),
        ("The Leader", "Leader of the Council"),
        ("monitoring officer", "Monitoring Officer"),
        # titles put in one form
        ("Director (Finance)", "Director of Finance"),
        ("Head of HR", "Head of Human Resources"),
        ("PH Consultant", "Public Health Consultant"),
        ("AD Integrated Commissioning", "Assistant Director Integrated Commissioning"),
        ("head of democratic services", "Head of Democratic Services"),
        # departments and units keep their plurals; titles with "and" stay whole
        ("Director of People and Digital Services", "Director of People and Digital Services"),
        ("Lead for Family Hubs", "Lead for Family Hubs"),
        ("Family hubs", "Family Hubs"),
        ("Senior Policy & Programme Manager", "Senior Policy & Programme Manager"),
        # people's names stay names
        ("Michelle Drewery", "Michelle Drewery"),
        ("Cllr Jo Bloggs", "Cllr Jo Bloggs"),
    ],
)
def test_canonical_owner(owner: str, canonical: str) -> None:
    assert canonical_owner(owner) == canonical


def test_canonical_owners_keep_order_and_drop_repeats() -> None:
    assert canonical_owners(["CX", "Chief Executive", "MO"]) == ["Chief Executive", "Monitoring Officer"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Michelle Drewery", True),
        ("Lorraine Gore", True),
        ("Monitoring Officer", False),
        ("Head of Finance", False),
        ("Cabinet", False),
        ("Service Lead", False),
    ],
)
def test_looks_like_person(text: str, person: bool) -> None:
    assert looks_like_person(text) is person


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("MO to offer briefing or training in response", ["Monitoring Officer"]),
        ("ED's and ADs to hold more directorate meetings", ["Executive Director", "Assistant Director"]),
        (
            "Service Managers to deputise for AD's at SLT meetings",
            ["Service Manager", "Assistant Director", "Senior Leadership Team"],
        ),
        (
            "Ensure O&S Chairs have a joint planning meeting with MO",
            ["Overview and Scrutiny Chair", "Monitoring Officer"],
        ),
        ("drop in sessions also held by Section 151 Officer.", ["Section 151 Officer"]),
        (
            "including the Leader, Deputy Leader and Chief Executive",
            ["Leader of the Council", "Deputy Leader", "Chief Executive"],
        ),
        (
            "Head of Communications to collaborate with Head of Organisational Development",
            ["Head of Communications", "Head of Organisational Development"],
        ),
        ("Report to Cabinet/Council how the structure supports", ["Cabinet"]),
        # not roles: lower-case common words, abbreviations in lower case
        ("the leader of the group will chair; the cabinet was moved", []),
        ("mo to follow", []),
        ("", []),
    ],
)
def test_mentioned_roles(text: str, roles: list[str]) -> None:
    assert mentioned_roles(text) == roles


def test_role_spans_carry_their_words_offsets_and_canonical_titles() -> None:
    text = "Assistant Directors and the MO will report to Cabinet"
    spans = role_spans(text)
    assert [(s.text, s.canonical) for s in spans] == [
        ("Assistant Directors", "Assistant Director"),
        ("MO", "Monitoring Officer"),
        ("Cabinet", "Cabinet"),
    ]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_the_longest_role_wins_where_names_overlap() -> None:
    """ "Head of Housing & Community Safety" is one role (the department runs on while its words are
    capitalised), not "Head of Housing"; "Deputy Chief Executive" is not also a "Chief Executive"."""
    assert mentioned_roles("The Head of Housing & Community Safety will lead") == ["Head of Housing & Community Safety"]
    assert mentioned_roles("Deputy Chief Executive to chair") == ["Deputy Chief Executive"]


def test_many_texts_in_one_pass() -> None:
    assert mentioned_roles_many(["MO to brief", "no roles here", "SLT to agree"]) == [
        ["Monitoring Officer"],
        [],
        ["Senior Leadership Team"],
    ]
