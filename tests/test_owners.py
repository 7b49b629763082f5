"""Owner cells split per owner, without breaking one role whose name holds "and", "&", "," or "/"."""

from __future__ import annotations

import pytest

from actionplans.normalise.owners import split_owners


@pytest.mark.parametrize(
    ("lines", "breaks", "expected"),
    [
        # single roles that contain separators: never split
        (["Director of Economy and Environment"], None, ["Director of Economy and Environment"]),
        (["Director of People and Digital Services"], None, ["Director of People and Digital Services"]),
        (["Head of Planning, Performance and Insight"], None, ["Head of Planning, Performance and Insight"]),
        (["Director of Policy, Performance and Governance"], None, ["Director of Policy, Performance and Governance"]),
        (["Senior Policy & Programme Manager"], None, ["Senior Policy & Programme Manager"]),
        (["Head of HR/OD"], None, ["Head of HR/OD"]),
        (["Director (Finance)"], None, ["Director (Finance)"]),
        (
            ["Head of Service", "Community Learning", "and Skills"],
            ["room", "wrap"],
            ["Head of Service Community Learning and Skills"],
        ),
        (["CPH leads for each", "area"], ["wrap"], ["CPH leads for each area"]),
        (["AD Integrated", "Commissioning"], [None], ["AD Integrated Commissioning"]),
        (
            ["Director of Children, Young People and Education"],
            None,
            ["Director of Children, Young People and Education"],
        ),
        # distinct owners
        (
            ["Lead for Family Hubs, Financial Hardship Programme Manager"],
            None,
            ["Lead for Family Hubs", "Financial Hardship Programme Manager"],
        ),
        (
            ["Head of Organisational Development/ Head of Communications"],
            None,
            ["Head of Organisational Development", "Head of Communications"],
        ),
        (["Cabinet and ELB"], None, ["Cabinet", "ELB"]),
        (["Cabinet/ELB/All"], None, ["Cabinet", "ELB", "All"]),
        (["Cabinet / ELB / All"], None, ["Cabinet", "ELB", "All"]),
        (["DPH/DDPH"], None, ["DPH", "DDPH"]),
        (["WFD and FH WFD"], None, ["WFD", "FH WFD"]),
        (["Director of Finance and Head of HR"], None, ["Director of Finance", "Head of HR"]),
        (
            ["DPH, CPH and PH", "Specialists, PH", "District Coordinator."],
            ["wrap", "wrap"],
            ["DPH", "CPH", "PH Specialists", "PH District Coordinator"],
        ),
        (
            ["Lead for Family", "Hubs/Financial", "Hardship Programme", "Manager"],
            ["wrap", None, "wrap"],
            ["Lead for Family Hubs", "Financial Hardship Programme Manager"],
        ),
        (["Early years lead", "The Education People"], ["room"], ["Early years lead", "The Education People"]),
        (["PH Consultant", "Performance/P", "H Consultant"], ["para", "full"], ["PH Consultant", "Performance"]),
        (
            ["Senior Policy & Programme Manager Service Lead (HR)"],
            None,
            ["Senior Policy & Programme Manager", "Service Lead (HR)"],
        ),
        (
            ["• Head of Finance", "• Capital Programme Manager"],
            ["para"],
            ["Head of Finance", "Capital Programme Manager"],
        ),
        # as written: abbreviations kept
        (["MO"], None, ["MO"]),
        (["CX"], None, ["CX"]),
    ],
)
def test_split_owners(lines: list[str], breaks: list[str | None] | None, expected: list[str]) -> None:
    assert split_owners(lines, breaks) == expected


def test_empty_cell_has_no_owners() -> None:
    assert split_owners([""]) == []
    assert split_owners([]) == []
