"""Three fictional plans as plain data, for the metamorphic suite to typeset in many layouts.

* ``FAREHAM``: the project's sample (``scripts/sample_plan.py``), a response
  to an LGA Corporate Peer Challenge, flattened to one record per action
  (objectives kept, a recommendation's sponsor standing in for an objective
  with no lead officer, as the sample's annotations do);
* ``HARBOROUGH``: an internal audit recommendations tracker, as reported to an
  audit committee: agreed management actions with owners, due dates in the
  forms such trackers use, a RAG status and a progress update;
* ``KESTWICK``: a climate strategy delivery plan with no recommendations:
  actions grouped under themes, each with a lead, a timescale and a measure.

Harborough District Council and Kestwick County Council do not exist; every
name, number and sentence of their plans was written for this project.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import sample_plan


@dataclass(frozen=True)
class Action:
    """One action and the cells that belong to it; ``id`` is the plan's own number (``3.2``)."""

    id: str
    text: str
    owners: tuple[str, ...]
    timescale: str
    measure: str | None = None
    objective: str | None = None
    status: str | None = None
    progress: str | None = None


@dataclass(frozen=True)
class Group:
    """A recommendation with its actions, or (in a themed plan) a theme."""

    id: str
    text: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Plan:
    key: str
    council: str
    title: str
    date_text: str
    intro: str
    kind: Literal["recommendations", "themes"]
    groups: tuple[Group, ...]
    # The legend a tracker prints above its table, naming what each RAG colour means.
    status_key: str | None = None

    def actions(self) -> Iterator[tuple[Group, Action]]:
        for group in self.groups:
            for action in group.actions:
                yield group, action

    def has(self, role: str) -> bool:
        """Whether the plan has something to print in a column of ``role``."""
        if role in {"rec_id", "recommendation"}:
            return self.kind == "recommendations"
        if role == "theme":
            return self.kind == "themes"
        if role in {"objective", "measure", "status", "progress"}:
            return any(getattr(a, role) for _, a in self.actions())
        return True


# RAG colours, as trackers print them: status -> (colour's name, fill); "Complete" is the blue of a BRAG scale.
RAG_COLOURS: Final = MappingProxyType(
    {
        "Red": ("Red", "#d9342b"),
        "Amber": ("Amber", "#f5a623"),
        "Green": ("Green", "#2e9e4f"),
        "Complete": ("Blue", "#2f6fbf"),
    }
)
RAG_STATUS: Final = MappingProxyType(
    {"Red": "off_track", "Amber": "at_risk", "Green": "on_track", "Complete": "complete"}
)
"""What each rating means, as the normalised ``status`` column says it (words and colours alike)."""


# --- Fareham: the project's sample plan ---------------------------------------------


def _fareham() -> Plan:
    groups = []
    for rec in sample_plan.RECOMMENDATIONS:
        actions: list[Action] = []
        for obj in rec["objectives"]:
            named = obj["owner"] or rec.get("sponsor")
            owners = tuple(part.strip() for part in named.split(" / ")) if named else ()
            stamps = obj["timescales"]
            for i, text in enumerate(obj["actions"]):
                actions.append(
                    Action(
                        id=f"{rec['id']}.{len(actions) + 1}",
                        text=text,
                        owners=owners,
                        timescale=stamps[0] if len(stamps) == 1 else stamps[i],
                        measure=obj["measure"],
                        objective=obj["text"],
                    )
                )
        groups.append(Group(rec["id"], rec["text"], tuple(actions)))
    return Plan(
        key="fareham",
        council=sample_plan.COUNCIL,
        title=sample_plan.TITLE,
        date_text=sample_plan.DATE_TEXT,
        intro=sample_plan.INTRO,
        kind="recommendations",
        groups=tuple(groups),
    )


FAREHAM: Final = _fareham()


# --- Harborough: an internal audit tracker ---------------------------------------------------


def _a(
    id: str, text: str, owners: str, timescale: str, status: str, progress: str, measure: str | None = None
) -> Action:
    return Action(id, text, tuple(owners.split(" / ")), timescale, measure=measure, status=status, progress=progress)


HARBOROUGH: Final = Plan(
    key="harborough",
    council="Harborough District Council",
    title="Internal Audit Recommendations: Management Action Tracker",
    date_text="July 2025",
    intro=(
        "This tracker reports progress on the management actions agreed in response to internal audit "
        "reports issued in 2024/25. It is presented to the Audit and Governance Committee at each meeting. "
        "Actions are closed only when Internal Audit has seen evidence that they are complete."
    ),
    kind="recommendations",
    status_key=(
        "RAG key: Red – overdue or not started; Amber – in progress, some slippage; Green – on track; "
        "Complete (blue) – evidence seen and action closed."
    ),
    groups=(
        Group(
            "1",
            "Reconcile council tax and business rates balances to the general ledger every month and keep "
            "evidence that each reconciliation has been reviewed.",
            (
                _a(
                    "1.1",
                    "Introduce a monthly reconciliation of council tax and business rates balances to the general "
                    "ledger, signed off by a second officer.",
                    "Head of Revenues and Benefits",
                    "30 September 2025",
                    "Amber",
                    "Template agreed and April to June reconciled; second-officer sign-off not yet evidenced.",
                ),
                _a(
                    "1.2",
                    "Clear the backlog of unreconciled items older than three months and report the remaining "
                    "balance to the Chief Finance Officer.",
                    "Revenues Manager / Chief Finance Officer (S151)",
                    "September 2025",
                    "Green",
                    "Backlog down from 214 items to 37; on course to clear by the target date.",
                ),
            ),
        ),
        Group(
            "2",
            "Strengthen the controls over changes to supplier bank details to reduce the risk of mandate fraud.",
            (
                _a(
                    "2.1",
                    "Require every request to change a supplier's bank details to be confirmed by telephone using "
                    "contact details already held on file.",
                    "Exchequer Services Manager",
                    "June 2025",
                    "Complete",
                    "Call-back procedure in force since 2 June 2025; audit spot checks found no exceptions.",
                ),
                _a(
                    "2.2",
                    "Run a quarterly exception report of bank detail changes and have it reviewed by the Finance "
                    "Systems Team.",
                    "Finance Systems Team Leader",
                    "Q2 2025/26",
                    "Amber",
                    "Report written; first run delayed by the finance system upgrade in August.",
                ),
                _a(
                    "2.3",
                    "Deliver fraud awareness training to all staff who can amend supplier records in the finance "
                    "system.",
                    "Counter Fraud Manager",
                    "October 2025",
                    "Green",
                    "Two of four sessions held; 31 of 46 staff trained so far.",
                ),
            ),
        ),
        Group(
            "3",
            "Bring the information asset register up to date and assign a named owner to every asset.",
            (
                _a(
                    "3.1",
                    "Review the information asset register with each service and record a named owner for every "
                    "asset it lists.",
                    "Data Protection Officer",
                    "31 December 2025",
                    "Amber",
                    "Seven of twelve services reviewed; the rest are booked for the autumn.",
                ),
                _a(
                    "3.2",
                    "Refresh the records retention schedule and publish it on the staff intranet with a short guide "
                    "for managers.",
                    "Information Governance Manager",
                    "Q3 2025/26",
                    "Green",
                    "Draft schedule out for comment with heads of service.",
                ),
            ),
        ),
        Group(
            "4",
            "Make sure that contracts above the procurement threshold are let in line with Contract Procedure "
            "Rules and recorded in the contracts register.",
            (
                _a(
                    "4.1",
                    "Publish revised Contract Procedure Rules with a clear waiver process approved by the Monitoring "
                    "Officer.",
                    "Procurement Manager / Monitoring Officer",
                    "September 2025",
                    "Red",
                    "Drafting held up by a vacancy in the procurement team; a revised date will be proposed to the "
                    "committee.",
                ),
                _a(
                    "4.2",
                    "Check the contracts register against payments over £25,000 each quarter and follow up any "
                    "contract that is missing from it.",
                    "Procurement Manager",
                    "Ongoing",
                    "Green",
                    "Quarter 1 check done; four contracts added to the register.",
                ),
                _a(
                    "4.3",
                    "Train budget holders on the waiver process and on the thresholds for quotations and tenders.",
                    "Procurement Manager",
                    "31 March 2026",
                    "Amber",
                    "Training material to be written once the revised rules are approved.",
                ),
            ),
        ),
        Group(
            "5",
            "Improve the monitoring of the housing repairs contract so that performance figures are checked before "
            "they are reported to members.",
            (
                _a(
                    "5.1",
                    "Agree a set of key performance indicators with the repairs contractor and review them at the "
                    "monthly contract meeting.",
                    "Head of Housing Property Services",
                    "August 2025",
                    "Complete",
                    "Twelve indicators agreed and reviewed at the July and August contract meetings.",
                ),
                _a(
                    "5.2",
                    "Inspect a monthly sample of completed repairs before the contractor's performance figures are "
                    "reported to members.",
                    "Repairs Contract Manager",
                    "November 2025",
                    "Amber",
                    "Sampling method agreed; inspections start when the new surveyor is in post.",
                ),
            ),
        ),
        Group(
            "6",
            "Test business continuity and disaster recovery arrangements and update the plans after each test.",
            (
                _a(
                    "6.1",
                    "Hold a desktop exercise of the corporate business continuity plan with the Corporate Management "
                    "Team.",
                    "Emergency Planning and Resilience Officer",
                    "31 January 2026",
                    "Green",
                    "Exercise scenario drafted with the county resilience forum.",
                ),
                _a(
                    "6.2",
                    "Require every service to review its business continuity plan each year and confirm the review "
                    "to the Corporate Governance Group.",
                    "Heads of Service / Emergency Planning and Resilience Officer",
                    "Ongoing",
                    "Amber",
                    "Nine of twelve service plans reviewed since April.",
                ),
                _a(
                    "6.3",
                    "Test restoring the finance and housing systems from backup and record the time taken against "
                    "the recovery target.",
                    "Head of ICT and Digital",
                    "Q4 2025/26",
                    "Red",
                    "Not started: the test needs the new backup service, which is not yet live.",
                ),
            ),
        ),
        Group(
            "7",
            "Review the whistleblowing policy and make sure staff know how to raise a concern.",
            (
                _a(
                    "7.1",
                    "Update the whistleblowing policy, have it approved by the Audit and Governance Committee and "
                    "promote it through staff briefings.",
                    "Monitoring Officer",
                    "December 2025",
                    "Green",
                    "Revised policy goes to the committee in October.",
                ),
            ),
        ),
    ),
)


# --- Kestwick: a themed strategy delivery plan ------------------------------------------------------


def _k(id: str, text: str, owners: str, timescale: str, measure: str) -> Action:
    return Action(id, text, tuple(owners.split(" / ")), timescale, measure=measure)


KESTWICK: Final = Plan(
    key="kestwick",
    council="Kestwick County Council",
    title="Climate Emergency Strategy Delivery Plan 2025-2028",
    date_text="June 2025",
    intro=(
        "The council declared a climate emergency in 2021 and adopted its Climate Emergency Strategy in 2024. "
        "This delivery plan sets out the actions we will take over the next three years under the strategy's "
        "four themes, who will lead them and when they will be done. Progress is reported to Cabinet twice a year."
    ),
    kind="themes",
    groups=(
        Group(
            "1",
            "Leading by example: the council's own buildings and fleet",
            (
                _k(
                    "1.1",
                    "Replace the gas boilers in the six largest council buildings with heat pumps, starting with "
                    "County Hall and the Eastgate depot.",
                    "Head of Property and Facilities",
                    "By March 2027",
                    "Gas use in the corporate estate down 60% on 2019/20",
                ),
                _k(
                    "1.2",
                    "Switch pool cars and small vans to electric vehicles as their leases end, and install charging "
                    "points at every depot.",
                    "Fleet Manager",
                    "December 2027",
                    "All pool cars and small vans electric",
                ),
                _k(
                    "1.3",
                    "Publish a yearly report of the council's own carbon emissions, measured against the 2019/20 "
                    "baseline.",
                    "Climate Change Programme Manager",
                    "Annually",
                    "Report published each July",
                ),
            ),
        ),
        Group(
            "2",
            "Cleaner travel across the county",
            (
                _k(
                    "2.1",
                    "Install 300 on-street electric vehicle charging points in towns and villages where most homes "
                    "have no off-street parking.",
                    "Head of Highways and Transport",
                    "March 2027",
                    "300 charge points in use",
                ),
                _k(
                    "2.2",
                    "Work with bus operators to bid for funding for zero-emission buses on the three busiest rural "
                    "routes.",
                    "Passenger Transport Manager / Kestwick Bus Partnership",
                    "Q3 2025/26",
                    "Funding bid submitted",
                ),
                _k(
                    "2.3",
                    "Complete the cycling and walking infrastructure plan for the five market towns and consult on "
                    "the priority routes.",
                    "Transport Planning Team",
                    "Spring 2026",
                    "Plan adopted; consultation report published",
                ),
            ),
        ),
        Group(
            "3",
            "Warmer, low-carbon homes",
            (
                _k(
                    "3.1",
                    "Retrofit 450 homes in fuel poverty with insulation and low-carbon heating through the Warm "
                    "Homes grant programme.",
                    "Housing Standards Manager",
                    "2025/26 to 2027/28",
                    "450 homes retrofitted",
                ),
                _k(
                    "3.2",
                    "Launch a one-stop advice service that helps householders plan and pay for energy efficiency "
                    "improvements.",
                    "Kestwick Energy Partnership",
                    "Autumn 2025",
                    "1,000 households advised in the first year",
                ),
                _k(
                    "3.3",
                    "Adopt a planning advice note asking developers to show how new homes will meet low-carbon "
                    "heating and insulation standards.",
                    "Head of Planning Policy",
                    "December 2025",
                    "Advice note adopted by Cabinet",
                ),
            ),
        ),
        Group(
            "4",
            "Nature recovery and adapting to a changing climate",
            (
                _k(
                    "4.1",
                    "Plant 40 hectares of new woodland on council-owned farmland in partnership with the county "
                    "wildlife trust.",
                    "Countryside Services Manager / Estates Manager",
                    "Winter 2025/26",
                    "40 hectares planted",
                ),
                _k(
                    "4.2",
                    "Map the roads, schools and care homes most at risk from flooding and extreme heat, and agree an "
                    "adaptation plan for each.",
                    "Head of Resilience and Emergency Planning",
                    "Q2 2026/27",
                    "Risk map published; adaptation plans agreed",
                ),
                _k(
                    "4.3",
                    "Add a climate and nature impact assessment to every Cabinet report from the start of the next "
                    "municipal year.",
                    "Democratic Services Manager",
                    "From May 2026",
                    "Every Cabinet report carries an assessment",
                ),
            ),
        ),
    ),
)

PLANS: Final = MappingProxyType({p.key: p for p in (FAREHAM, HARBOROUGH, KESTWICK)})
