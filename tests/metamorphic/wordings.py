"""Column headers and heading forms for the metamorphic renderings, as real public-sector plans word them.

These lists were written from the way council, NHS, police and inspectorate
action plans label their columns (LGA peer challenge responses, internal and
external audit trackers, Ofsted and CQC improvement plans, strategy delivery
plans), deliberately *not* from the extractor's own vocabulary
(``extractors/data/columns.toml`` and ``labels.toml`` are neither read nor imported here): the
point of the metamorphic suite is to try wordings extraction was not written
against.

``WORDINGS`` lists, per column role, the ways plans head that column.
``HEADER_SETS`` picks one wording per role for a rendering; every wording is
used by at least one set (``test_metamorphic`` checks it), so adding a wording
means adding it to a set, and a set to a variation.  ``HEADINGS`` are the forms
a recommendation's or theme's heading (or spanning row) takes.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

ROLES: Final = (
    "rec_id",
    "recommendation",
    "theme",
    "objective",
    "ref",
    "action",
    "owner",
    "timescale",
    "status",
    "progress",
    "measure",
)

WORDINGS: Final[MappingProxyType[str, tuple[str, ...]]] = MappingProxyType(
    {
        # The number of the recommendation, in its own narrow column.
        "rec_id": ("No.", "Ref", "Ref no.", "#", "Rec no.", "Item", "Rec", "Para", "Ref.", "Number"),
        "recommendation": (
            "Recommendation",
            "Peer recommendation",
            "Audit finding",
            "Issue identified",
            "Recommendation made",
            "Key recommendation",
            "Inspection finding",
            "Area for improvement",
            "Finding",
            "Area for development",
            "Peer team recommendation",
            "Issue / risk",
        ),
        # A theme column (themed plans rendered with the theme beside its actions).
        "theme": (
            "Theme",
            "Priority",
            "Strategic priority",
            "Workstream",
            "Ambition",
            "Priority area",
            "Outcome",
            "Commitment",
            "Key theme",
            "Focus area",
        ),
        "objective": (
            "Objective",
            "What do we want to achieve?",
            "Aim",
            "Outcome sought",
            "Priority outcome",
            "Desired outcome",
        ),
        # The action's own number.
        "ref": ("Ref", "Action no.", "No.", "ID", "Action ref", "Action ID", "Ref.", "#", "Action number", "Item"),
        "action": (
            "Action",
            "Actions",
            "Planned activity",
            "What we will do",
            "Agreed management action",
            "Steps to be taken",
            "Management response",
            "Proposed action",
            "Key actions",
            "Action required",
            "How will we do it?",
            "Activity",
        ),
        "owner": (
            "Lead officer",
            "Lead",
            "Responsible officer",
            "Lead body",
            "Owner",
            "Responsible directorate",
            "Who",
            "Action owner",
            "Officer responsible",
            "Delivery lead",
            "Lead partner",
            "Accountable officer",
        ),
        "timescale": (
            "Timescale",
            "Date for delivery",
            "Target date",
            "By when",
            "Deadline",
            "Completion date",
            "Due date",
            "Agreed implementation date",
            "Timeframe",
            "When",
            "Implementation date",
            "Target completion date",
        ),
        "status": (
            "RAG status",
            "RAG",
            "Status",
            "RAG rating",
            "Progress status",
            "Current status",
            "Overall status",
            "BRAG",
            "RAG / status",
            "Status (RAG)",
        ),
        "progress": (
            "Progress update",
            "Update",
            "Commentary",
            "Progress to date",
            "Latest position",
            "Comments",
            "Update on progress",
            "Progress",
            "Current position",
            "Progress made",
        ),
        "measure": (
            "Success measure",
            "How we will know",
            "Outcome measure",
            "Measures of success",
            "Evidence of completion",
            "Performance measure",
            "Success criteria",
            "KPI",
            "Expected outcome",
            "How will we measure success?",
        ),
    }
)


def _set(*words: str) -> MappingProxyType[str, str]:
    return MappingProxyType(dict(zip(ROLES, words, strict=True)))


# One wording per role, in the order of ROLES:
#   rec_id, recommendation, theme, objective, ref, action, owner, timescale, status, progress, measure
HEADER_SETS: Final[MappingProxyType[str, MappingProxyType[str, str]]] = MappingProxyType(
    {
        # What most plans print, and what the plain rendering of each plan uses.
        "conventional": _set(
            "No.",
            "Recommendation",
            "Theme",
            "Objective",
            "Ref",
            "Action",
            "Lead officer",
            "Timescale",
            "RAG status",
            "Progress update",
            "Success measure",
        ),
        "peer": _set(
            "Ref",
            "Peer recommendation",
            "Priority",
            "What do we want to achieve?",
            "Action no.",
            "Actions",
            "Lead",
            "Target date",
            "RAG",
            "Update",
            "How we will know",
        ),
        "audit": _set(
            "Ref no.",
            "Audit finding",
            "Strategic priority",
            "Aim",
            "No.",
            "Agreed management action",
            "Responsible officer",
            "Agreed implementation date",
            "RAG rating",
            "Progress to date",
            "Evidence of completion",
        ),
        "plain": _set(
            "#",
            "Issue identified",
            "Ambition",
            "Objective",
            "ID",
            "What we will do",
            "Who",
            "By when",
            "Progress status",
            "Commentary",
            "How we will know",
        ),
        "formal": _set(
            "Rec no.",
            "Recommendation made",
            "Workstream",
            "Outcome sought",
            "Action ref",
            "Steps to be taken",
            "Responsible directorate",
            "Completion date",
            "Current status",
            "Latest position",
            "Outcome measure",
        ),
        "delivery": _set(
            "Item",
            "Key recommendation",
            "Priority area",
            "Priority outcome",
            "Action ID",
            "Planned activity",
            "Lead body",
            "Date for delivery",
            "Status",
            "Progress",
            "Performance measure",
        ),
        "inspection": _set(
            "Rec",
            "Inspection finding",
            "Outcome",
            "Desired outcome",
            "Ref.",
            "Action required",
            "Owner",
            "Deadline",
            "Overall status",
            "Comments",
            "Success criteria",
        ),
        "tracker": _set(
            "Para",
            "Finding",
            "Commitment",
            "Aim",
            "#",
            "Management response",
            "Action owner",
            "Due date",
            "BRAG",
            "Update on progress",
            "KPI",
        ),
        "partnership": _set(
            "Ref.",
            "Area for development",
            "Key theme",
            "Outcome sought",
            "Action number",
            "Key actions",
            "Lead partner",
            "Timeframe",
            "RAG / status",
            "Current position",
            "Expected outcome",
        ),
        "strategy": _set(
            "Number",
            "Peer team recommendation",
            "Focus area",
            "Objective",
            "Item",
            "Activity",
            "Delivery lead",
            "When",
            "Status (RAG)",
            "Progress made",
            "Measures of success",
        ),
        "response": _set(
            "No.",
            "Area for improvement",
            "Theme",
            "Objective",
            "Ref",
            "Proposed action",
            "Officer responsible",
            "Implementation date",
            "RAG",
            "Update",
            "Success measure",
        ),
        "improvement": _set(
            "No.",
            "Issue / risk",
            "Priority",
            "Objective",
            "Ref",
            "Action",
            "Accountable officer",
            "Target completion date",
            "Status",
            "Progress update",
            "Success measure",
        ),
        "questions": _set(
            "No.",
            "Recommendation",
            "Theme",
            "What do we want to achieve?",
            "Ref",
            "How will we do it?",
            "Lead officer",
            "Timescale",
            "RAG",
            "Progress update",
            "How will we measure success?",
        ),
    }
)

# Headings above a recommendation's (or theme's) table, and the text of a row spanning the table.
# ``{id}`` is the group's number, ``{text}`` its words, ``{word}`` the header set's recommendation (or
# theme) wording.  A form with a newline is printed as two paragraphs: the label, then the words.
HEADINGS: Final[MappingProxyType[str, str]] = MappingProxyType(
    {
        "rec-colon": "Recommendation {id}: {text}",
        "rec-line": "Recommendation {id}\n{text}",
        "r-dash": "R{id} – {text}",
        "number-dot": "{id}. {text}",
        "word-dash": "{word} {id} – {text}",
        "theme-colon": "Theme {id}: {text}",
        "priority-dash": "Priority {id} – {text}",
        "plain": "{text}",
    }
)
