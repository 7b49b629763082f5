"""Owner cells split per owner, without breaking one role whose name holds "and", "&", "," or "/"."""

from __future__ import annotations

import pytest

from actionplans.normalise.owners import is_post_with_portfolio, split_owners


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
        # a post named for a body or unit: one post
        (["Town and Parish Council Liaison Officer"], None, ["Town and Parish Council Liaison Officer"]),
        (
            ["Highways Asset Manager / Town and Parish Council Liaison Officer"],
            None,
            ["Highways Asset Manager", "Town and Parish Council Liaison Officer"],
        ),
        (["Community Safety Partnership Manager"], None, ["Community Safety Partnership Manager"]),
        (["Housing Team Chief Executive"], None, ["Housing Team", "Chief Executive"]),  # a title that opens
        # a title that takes a complement before a service's name heads it; a title ending in its head does not
        (
            ["Assistant Director", "Housing Property", "Services; Repairs", "Manager"],
            ["wrap", "wrap", "wrap"],
            ["Assistant Director Housing Property Services", "Repairs Manager"],
        ),
        (
            ["Passenger Transport Manager Kestwick Bus Partnership"],
            None,
            ["Passenger Transport Manager", "Kestwick Bus Partnership"],
        ),
        (
            ["Early Years workforce Social care, transport planning, fire service"],  # no one post after the unit
            None,
            ["Early Years workforce", "Social care", "transport planning", "fire service"],
        ),
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
        # a post, a comma, its portfolio (words that name no one): one owner; another owner after "and"
        (["Strategic Director, Place"], None, ["Strategic Director, Place"]),
        (["Service Manager, Quality Assurance"], None, ["Service Manager, Quality Assurance"]),
        (
            ["Assistant Director, Planning, Development and Regeneration"],
            None,
            ["Assistant Director, Planning, Development and Regeneration"],
        ),
        (
            ["Assistant Director, Children's Social Care and Assistant Director, Adult Social Care"],
            None,
            ["Assistant Director, Children's Social Care", "Assistant Director, Adult Social Care"],
        ),
        (["Strategic Director, Place and Head of Planning"], None, ["Strategic Director, Place", "Head of Planning"]),
        (["Director of Legal, HR & Governance (MO)"], None, ["Director of Legal, HR & Governance (MO)"]),
        # near misses: what follows the comma names an owner of its own, or the part before is no one post
        (["Head of Finance, Head of HR"], None, ["Head of Finance", "Head of HR"]),
        (["Chief Executive, S151 Officer"], None, ["Chief Executive", "S151 Officer"]),
        (["Chief Executive, MO"], None, ["Chief Executive", "MO"]),
        (["Leader, Chief Executive"], None, ["Leader", "Chief Executive"]),
        (["Chief Executive, Corporate Leadership Team"], None, ["Chief Executive", "Corporate Leadership Team"]),
        (["WSCC Early Childhood Service, Early Help"], None, ["WSCC Early Childhood Service", "Early Help"]),
        (["Programme Manager, Leader"], None, ["Programme Manager", "Leader"]),
        (
            ["Social care, transport planning, fire service"],
            None,
            ["Social care", "transport planning", "fire service"],
        ),
        (
            ["Planning Manager; Housing Manager, Housing Options"],
            None,
            ["Planning Manager", "Housing Manager, Housing Options"],
        ),
        # a line that opens with a one-word title opener after a complete title: a new owner, however full the
        # line above looks; a two-word title may end the one above ("Capital" / "Programme Manager")
        (["Head of Procurement", "Head of HR"], ["wrap"], ["Head of Procurement", "Head of HR"]),
        (
            ["Director of Corporate Resources", "Chief Finance Officer"],
            ["wrap"],
            ["Director of Corporate Resources", "Chief Finance Officer"],
        ),
        (
            ["Development Management Team Manager", "Head of Planning"],
            ["wrap"],
            ["Development Management Team Manager", "Head of Planning"],
        ),
        (["Head of Finance/Capital", "Programme Manager"], ["wrap"], ["Head of Finance", "Capital Programme Manager"]),
        (["Head of Service", "Community Learning"], ["wrap"], ["Head of Service Community Learning"]),
        # as written: abbreviations kept
        (["MO"], None, ["MO"]),
        (["CX"], None, ["CX"]),
    ],
)
def test_split_owners(lines: list[str], breaks: list[str | None] | None, expected: list[str]) -> None:
    assert split_owners(lines, breaks) == expected


@pytest.mark.parametrize("brk", ["wrap", "room", None])
@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a title's complement, or a post's portfolio, never ends in another post: two owners on two lines
        (["Head of Housing Assets", "Asset Data Manager"], ["Head of Housing Assets", "Asset Data Manager"]),
        (
            ["Chief Officer – Social Care", "Community Safety Partnership", "Manager"],
            ["Chief Officer – Social Care", "Community Safety Partnership Manager"],
        ),
        (
            ["Head of Housing Assets", "Tenancy Services", "Manager"],
            ["Head of Housing Assets", "Tenancy Services Manager"],
        ),
        # a title of two words after a post that ends in a person's head noun opens another owner
        (
            ["Building Safety Manager", "Assistant Director –", "Housing"],
            ["Building Safety Manager", "Assistant Director – Housing"],
        ),
        # near misses: one title wrapped (a post listed after the complement that runs on over the line end,
        # "Head of Finance/Capital" / "Programme Manager", is a case of test_split_owners)
        (["Head of Service Community Learning", "and Skills"], ["Head of Service Community Learning and Skills"]),
        (["Director of Adult Social", "Care"], ["Director of Adult Social Care"]),
        (["Capital", "Programme Manager"], ["Capital Programme Manager"]),
        # the line end after "and" splits nothing, but "and" before a post does: a complement names no one
        (["Director of Place and", "Regeneration Manager"], ["Director of Place", "Regeneration Manager"]),
    ],
)
def test_a_post_on_the_line_after_a_complete_title_is_another_owner(
    lines: list[str], expected: list[str], brk: str | None
) -> None:
    """However full the line above looks (a narrow PDF cell): before, "Head of Housing Assets Asset Data
    Manager" was one owner."""
    assert split_owners(lines, [brk] + ["wrap"] * (len(lines) - 2)) == expected


def test_empty_cell_has_no_owners() -> None:
    assert split_owners([""]) == []
    assert split_owners([]) == []


POSTS = ["Strategic Director", "Assistant Director", "Service Manager", "Operational Manager"]
PORTFOLIOS = ["Place", "Housing", "Quality Assurance", "Adult Social Care Operations", "Street Scene"]


@pytest.mark.parametrize("joiner", [" / ", "; ", "\n"])
@pytest.mark.parametrize("n", [1, 2, 3])
def test_posts_with_portfolios_split_into_exactly_those_owners(joiner: str, n: int) -> None:
    """Metamorphic: any ``n`` "Post, Portfolio" owners joined by a separator, or one to a line, split into
    exactly those owners."""
    owners = [f"{POSTS[k % 4]}, {PORTFOLIOS[(k * 2) % 5]}" for k in range(n)]
    if joiner == "\n":
        assert split_owners(owners, ["para"] * (n - 1)) == owners
    else:
        assert split_owners([joiner.join(owners)]) == owners


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Executive Director – Place", True),
        ("Executive Director - Resources", True),
        ("Strategic Director, Adult Social Care", True),
        ("Service Manager, Quality Assurance", True),
        ("Executive Director Place", False),  # no separator: one run of words
        ("Head of Planning – Development Management", False),  # a complete title of its own, not a post
        ("Executive Director – Head of Finance", False),  # two owners, not a post and its portfolio
        ("Director of Finance", False),
    ],
)
def test_a_post_with_its_portfolio_after_a_comma_or_dash(text: str, expected: bool) -> None:
    """What an owner column's cells are judged by: a post and its portfolio is one owner ("Executive Director
    – Place" made a column of directors read as 36% owners, and the column was not the owners')."""
    assert is_post_with_portfolio(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one abbreviation after "and" inside a title's complement is a part of it, a service
        ("Head of Digital and ICT", ["Head of Digital and ICT"]),
        ("Head of Finance and HR", ["Head of Finance and HR"]),
        ("Director of Place and Head of HR", ["Director of Place", "Head of HR"]),  # a title after it: another
        ("Cabinet and ELB", ["Cabinet", "ELB"]),  # no complement: two owners, as before
        # a post's or a body's abbreviation after "and" is an owner of its own (roles.toml service_abbreviations
        # names the services)
        ("Director of Place and CEX", ["Director of Place", "CEX"]),
        ("Head of Finance and S151", ["Head of Finance", "S151"]),
        ("Head of Communities and NHS", ["Head of Communities", "NHS"]),
        # a service's abbreviation before "and" and a title shares the title's head noun
        ("ASB and Tenancy Enforcement Manager", ["ASB and Tenancy Enforcement Manager"]),
        ("NHS and Public Health Manager", ["NHS", "Public Health Manager"]),  # a body, not a service
        # a word labelling the owner's part in the action is not part of the owner
        ("Lead: Head of Property; Support: Energy Officer", ["Head of Property", "Energy Officer"]),
        ("Lead: Fleet Manager", ["Fleet Manager"]),
        ("Note: to be confirmed", ["Note: to be confirmed"]),  # no owner after the label: kept as written
    ],
)
def test_abbreviations_in_a_complement_and_labels_before_owners(text: str, expected: list[str]) -> None:
    """Before: "Head of Digital", "ICT"; "Lead: Head of Property" kept its label."""
    assert split_owners([text]) == expected


@pytest.mark.parametrize(
    ("lines", "breaks", "expected"),
    [
        # two titles on two lines of a narrow cell, the second too long for the first line's room
        (
            ["Principal Social Worker", "Quality Assurance Lead"],
            ["wrap"],
            ["Principal Social Worker", "Quality Assurance Lead"],
        ),
        (["Youth Support Worker"], None, ["Youth Support Worker"]),  # "worker" ends a title
        # a title opening after an owner's closing bracket
        (
            ["Cllr Jane Smith (Portfolio Holder)", "Head of Finance and Asset Management"],
            ["wrap"],
            ["Cllr Jane Smith (Portfolio Holder)", "Head of Finance and Asset Management"],
        ),
        (
            ["Director of Public Health (DPH) and Head of Policy"],
            None,
            ["Director of Public Health (DPH)", "Head of Policy"],
        ),
        (["Head of Service (Adults) Operations"], None, ["Head of Service (Adults) Operations"]),  # no title after it
    ],
)
def test_titles_run_together_in_a_narrow_cell(
    lines: list[str], breaks: list[str | None] | None, expected: list[str]
) -> None:
    """Before: "Principal Social Worker Quality Assurance Lead" ("worker" was no head noun) and "Cllr Jane
    Smith (Portfolio Holder) Head of Finance and Asset Management" were one owner each."""
    assert split_owners(lines, breaks) == expected


def test_a_bracket_left_open_at_a_line_end_carries_the_owner_on() -> None:
    """A narrow cell wraps inside a bracketed post: the line that leaves it open ends no owner."""
    assert split_owners(["Head of Finance (Section 151", "Officer)"]) == ["Head of Finance (Section 151 Officer)"]
    assert split_owners(["Director of Resources (S151", "Officer)"]) == ["Director of Resources (S151 Officer)"]
    assert split_owners(["Head of Legal (Monitoring", "Officer) / Head of HR"]) == [
        "Head of Legal (Monitoring Officer)",
        "Head of HR",
    ]
    # a bracket closed on its own line leaves the next line free to be another owner
    assert split_owners(["Head of Finance (S151)", "Head of HR"]) == ["Head of Finance (S151)", "Head of HR"]


@pytest.mark.parametrize("breaks", [None, ["wrap"]])
def test_a_bracketed_note_is_not_the_head_of_the_line_it_ends(breaks: list[str | None] | None) -> None:
    """A cell's lines "Director of Corporate" / "Services (S151 Officer)": the second line's head is
    "Services" (the bracket names the post's statutory role), so it carries on the title above and names no
    post of its own.  Before, "Officer)" made it a post, and the cell gave two owners."""
    assert split_owners(["Director of Corporate", "Services (S151 Officer)"], breaks) == [
        "Director of Corporate Services (S151 Officer)"
    ]
    # a line whose own head is a post, before its bracket, is still an owner of its own
    assert split_owners(["Head of Finance", "Chief Finance Officer (Section 151 Officer)"], breaks) == [
        "Head of Finance",
        "Chief Finance Officer (Section 151 Officer)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Head of Transport Operations and Customer Contact Centre Manager",
            ["Head of Transport Operations", "Customer Contact Centre Manager"],
        ),
        ("Head of Strategic Commissioning and Carers Lead", ["Head of Strategic Commissioning", "Carers Lead"]),
        # near misses: what follows "and" names a service, not a person
        ("Head of Housing and Homelessness", ["Head of Housing and Homelessness"]),
        ("Director of Adults and Health", ["Director of Adults and Health"]),
        ("Head of Digital and ICT", ["Head of Digital and ICT"]),
    ],
)
def test_and_before_a_post_ends_the_complement(text: str, expected: list[str]) -> None:
    """A title's complement names what it heads, never a person: words after "and" that end in a person's
    head noun are another owner.  Before, each of the first two was one owner."""
    assert split_owners([text]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Service Manager, SEND Travel Support", ["Service Manager, SEND Travel Support"]),
        ("Strategic Director, Place", ["Strategic Director, Place"]),
        ("Chief Executive, CFO", ["Chief Executive", "CFO"]),  # a post's abbreviation is someone
    ],
)
def test_a_portfolio_may_open_with_an_abbreviation(text: str, expected: list[str]) -> None:
    """A post, a comma and "SEND Travel Support": the words are its portfolio: an abbreviation opening a unit's name
    does not make it a post.  Before, it was an owner of its own."""
    assert split_owners([text]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Workforce Development Manager and HR Business Partners",
            ["Workforce Development Manager", "HR Business Partners"],
        ),
        (
            "Temporary Accommodation Team Leader and Finance Business Partner",
            ["Temporary Accommodation Team Leader", "Finance Business Partner"],
        ),
        # near misses (a review found them split when "partners" was a head noun of its own)
        ("Council and partners", ["Council and partners"]),
        ("Community Safety Partnership and partners", ["Community Safety Partnership and partners"]),
        ("Head of Finance and Business Partnering", ["Head of Finance and Business Partnering"]),
    ],
)
def test_a_business_partner_is_a_post_as_a_title_writes_it(text: str, expected: list[str]) -> None:
    """The word "Partner" ends a post only as a title writes it, capitalised after a capitalised word that says what
    kind (roles.toml's modified_head_nouns); "with partners" and "Council partners" name no post.  And a
    unit's head noun before a person's is one title ("Team Leader")."""
    assert split_owners([text]) == expected


def test_partners_in_an_action_are_no_owner_evidence() -> None:
    from actionplans.extractors.columns import owner_share

    assert owner_share(["Engage with partners", "Share data with Council partners"]) == 0.0
    assert owner_share(["HR Business Partners"]) == 1.0
