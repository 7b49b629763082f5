"""Role families of owners (``owners_family``) and the financial-year fields of due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from actionplans.normalise.families import families, role_families, role_family
from actionplans.pipeline.process import fiscal

# Canonical owners as real plans name them (most from the corpus), with the family an analyst would put them in.
FAMILIES = [
    ("Chief Executive", "Chief Executive"),
    ("Managing Director", "Chief Executive"),
    ("Head of Paid Service", "Chief Executive"),
    ("Director of Finance", "Director"),
    ("Corporate Director of Place", "Director"),
    ("Executive Director", "Director"),
    ("Strategic Director", "Director"),
    ("Director of Public Health", "Director"),
    ("Deputy Chief Executive", "Director"),
    ("Chief Finance Officer", "Director"),
    ("Section 151 Officer", "Director"),
    ("Assistant Director", "Assistant Director"),
    ("Assistant Director Integrated Commissioning", "Assistant Director"),
    ("Deputy Director of Public Health", "Assistant Director"),
    ("Head of Democratic Services", "Head of Service"),
    ("Head of Human Resources", "Head of Service"),
    ("Head of Service Community Learning and Skills", "Head of Service"),
    ("Monitoring Officer", "Head of Service"),
    ("Leader of the Council", "Member/Cabinet"),
    ("Cabinet", "Member/Cabinet"),
    ("Cabinet Member for Communities", "Member/Cabinet"),
    ("Portfolio Holder for Housing", "Member/Cabinet"),
    ("Audit and Governance Committee", "Member/Cabinet"),
    ("CCGs", "Partner organisation"),
    ("Fire Service", "Partner organisation"),
    ("Job Centre Plus", "Partner organisation"),
    ("Health Visitor", "Partner organisation"),
    ("Midwifery and Maternity Services", "Partner organisation"),
    ("Early Years Settings and Providers", "Partner organisation"),
    ("Consultant in Public Health", "Manager/Officer"),
    ("Financial Hardship Programme Manager", "Manager/Officer"),
    ("Service Lead (Human Resources)", "Manager/Officer"),
    ("Public Health District Coordinator", "Manager/Officer"),
    ("Senior Policy & Programme Manager", "Manager/Officer"),
    ("Executive Leadership Board", "Team"),
    ("Employment & Skills Task Group", "Team"),
    ("Speech and Language Service", "Team"),
    ("Workforce Development", "Team"),
    ("Local Authority", "Team"),
    ("The Education People", "Team"),
    ("Active Kent", "Team"),  # named after a place a council is named after
    ("Lorraine Gore", "Person"),
    ("Michelle Drewery", "Person"),
    ("Mark Selby", "Person"),  # Selby was a council (to 2023): a former council's place is no place word
]


@pytest.mark.parametrize(("owner", "family"), FAMILIES)
def test_role_family(owner: str, family: str) -> None:
    assert role_family(owner) == family


def test_a_service_written_like_a_name_is_told_by_the_plans_other_owners() -> None:
    """ "Public Health" and "Social Care" look like names; beside "Consultant in Public Health" and "Health and
    Social Care Staff" in the same plan they name services."""
    plan = ["Consultant in Public Health", "Health and Social Care Staff", "Lorraine Gore"]
    assert role_families(["Public Health", "Social Care", "Lorraine Gore"], plan) == ["Team", "Team", "Person"]
    assert role_families(["Public Health", "Public Health"]) == ["Team", "Team"]  # aligned, repeats kept


def test_every_family_is_named_in_the_data() -> None:
    assert set(families()) == {family for _, family in FAMILIES}


@pytest.mark.parametrize(
    ("day", "fy", "quarter"),
    [
        (dt.date(2024, 4, 1), "2024/25", "Q1"),
        (dt.date(2024, 6, 30), "2024/25", "Q1"),
        (dt.date(2024, 7, 1), "2024/25", "Q2"),
        (dt.date(2024, 12, 31), "2024/25", "Q3"),
        (dt.date(2025, 1, 1), "2024/25", "Q4"),
        (dt.date(2025, 3, 31), "2024/25", "Q4"),
        (dt.date(1999, 4, 1), "1999/00", "Q1"),
    ],
)
def test_financial_year_and_quarter(day: dt.date, fy: str, quarter: str) -> None:
    assert fiscal(day) == {"due_fy": fy, "due_quarter": quarter}
    assert fiscal(None) == {"due_fy": None, "due_quarter": None}


def test_owner_source_says_whose_owner_an_action_carries() -> None:
    """In the sample's sectioned PDF, objective 2.1 names no lead officer: its actions carry the
    recommendation's "Project Sponsor:" line; every other action its own lead officer."""
    from conftest import ROOT

    from actionplans.pipeline.process import process_document

    path = ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.pdf"
    out = process_document(path, path.parent, None)
    sources = {a["action_id"]: a["owner_source"] for a in out.actions}
    assert {k: v for k, v in sources.items() if k.startswith("2.1.")} == {
        "2.1.a": "recommendation",
        "2.1.b": "recommendation",
    }
    assert {v for k, v in sources.items() if not k.startswith("2.1.")} == {"action"}
    assert all(len(a["owners_family"]) == len(a["owners_canonical"]) for a in out.actions)
